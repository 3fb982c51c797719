use super::*;

#[test]
fn source_lines_and_offsets() {
    let s = SourceText::new("一\n二三\n\nfour".to_string());
    assert_eq!(s.line_count(), 4);
    assert_eq!(s.line(2), "二三");
    assert_eq!(s.line(3), "");
    assert_eq!(s.line(4), "four");
    assert_eq!(s.line_of(0), 1);
    assert_eq!(s.line_of(4), 2);
    let sp = s.span(4, 10);
    assert_eq!((sp.line_start, sp.line_end), (2, 2));
}

#[test]
fn trailing_newline_is_not_a_line() {
    let s = SourceText::new("a\nb\n".to_string());
    assert_eq!(s.line_count(), 2);
    assert_eq!(SourceText::new(String::new()).line_count(), 0);
}

#[test]
fn dates() {
    assert!(Date::new(2021, 2, 29).is_none());
    assert!(Date::new(2020, 2, 29).is_some());
    let a = Date::new(2021, 1, 31).unwrap();
    let b = Date::new(2021, 2, 4).unwrap();
    assert_eq!(b.days_since_epoch() - a.days_since_epoch(), 4);
    assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
    assert_eq!(b.to_string(), "2021-02-04");
}

/// A folder holds millions of cells and rows (160 cells and 40 rows a report): their sizes
/// are most of `check`'s peak memory (README, Performance).
#[test]
fn cells_and_rows_stay_small() {
    eprintln!(
        "Cell {} Row {} Span {}",
        size_of::<Cell>(),
        size_of::<Row>(),
        size_of::<Option<Span>>()
    );
    assert!(size_of::<Cell>() <= 64, "{}", size_of::<Cell>());
}
