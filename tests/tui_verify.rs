//! Verify a finding against the table and the source (issue 13 §2): an arithmetic finding
//! marks every cell it adds up and lists the addends, S06 lists the numbers it found, long
//! messages read whole in a detail popup, search hits scroll the source sideways, the
//! source wraps with `w`, and `h`/`l` move by the same step.

mod tui_support;

use crossterm::event::KeyCode;
use nianbao::tui::App;
use nianbao::tui::app::{Pane, Target};
use nianbao::validate::explain::explain;
use ratatui::style::Color;
use tui_support::*;

const FIXTURE: &str = "tests/fixtures/txt/pdf-layout-2021.txt";

/// A folder with one report: the `pdftotext -layout` fixture, as is or edited by `edit`.
fn app_with(edit: impl Fn(String) -> String) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("temp dir");
    let text =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE))
            .expect("fixture");
    std::fs::write(dir.path().join("pdf-layout-2021.txt"), edit(text)).expect("write");
    let mut app = App::new(
        Some(dir.path().to_path_buf()),
        nianbao::tui::keymap::Keymap::default(),
        theme(true),
    );
    app.start_loading();
    assert!(app.pump_until_loaded(std::time::Duration::from_secs(60)));
    app.jump(&Target::Report(nianbao::model::ReportIx::new(0)));
    (dir, app)
}

/// The fixture with （七）总计 printed as 13 … 15 where its rows add up to 10 … 12: A02
/// errors in the 自然人 and 总计 columns.
fn wrong_total() -> (tempfile::TempDir, App) {
    app_with(|t| {
        let before = "10       1       0       0       0       1      12";
        assert!(t.contains(before));
        t.replacen(
            before,
            "13       1       0       0       0       1      15",
            1,
        )
    })
}

fn cells_with_bg(term: &ratatui::Terminal<ratatui::backend::TestBackend>, bg: Color) -> usize {
    term.backend()
        .buffer()
        .content()
        .iter()
        .filter(|c| c.bg == bg && !c.symbol().trim().is_empty())
        .count()
}

#[test]
fn an_arithmetic_finding_marks_its_addends_and_lists_them() {
    let (_dir, mut app) = wrong_total();
    let report = &app.corpus.reports[0];
    let i = report
        .findings
        .iter()
        .position(|f| f.rule == "A02" && f.column == Some("natural"))
        .expect("A02 on 自然人");
    let x = explain(report, &report.findings[i]).expect("explained");
    assert!(
        x.text.starts_with("（七）总计·自然人 = 5 + ") && x.text.ends_with(" = 10 ≠ 13"),
        "{}",
        x.text
    );
    // Every result row's 自然人 cell, then the total.
    assert!(x.terms.len() > 10, "{:?}", x.terms);
    assert_eq!(x.terms.last().map(|t| t.row), Some("processed_total"));

    // Nothing selected: no cell is marked.
    let term = render(&mut app, 120, 40);
    assert_eq!(cells_with_bg(&term, Color::Blue), 0);
    app.focus_pane(Pane::Findings);
    app.select_finding(i);
    let term = render(&mut app, 120, 40);
    let s = screen(&term);
    // The detail line gives the equation.
    assert!(s.contains("= 10 ≠ 13"), "{s}");
    // The addends are marked in the table and in the source (more than the total alone).
    assert!(cells_with_bg(&term, Color::Blue) >= 4, "{s}");

    // Enter: the popup lists every addend by name.
    app.handle_key(&special(KeyCode::Enter));
    let term = render(&mut app, 120, 40);
    let s = screen(&term);
    assert!(
        s.contains("发现详情") && s.contains("算式") && s.contains("各单元格"),
        "{s}"
    );
    assert!(s.contains("（一）予以公开·自然人 5"), "{s}");
    // At 80x24 the list is longer than the popup: it scrolls, and says there is more.
    let term = render(&mut app, 80, 24);
    assert!(screen(&term).contains("更多"), "{}", screen(&term));
    app.handle_key(&key('G'));
    let term = render(&mut app, 80, 24);
    let bottom = screen(&term);
    assert!(app.finding_popup.is_some_and(|s| s > 0));
    assert!(bottom.contains("（七）总计·自然人 13"), "{bottom}");
    // Review keys act on the finding with the popup open; Esc closes it.
    app.open_review(&_dir.path().join("REVIEW.json"), "审计员".to_string());
    app.handle_key(&key('a'));
    assert!(
        app.decision_on(
            nianbao::model::ReportIx::new(0),
            nianbao::model::FindingIx::new(i)
        )
        .is_some()
    );
    assert!(app.finding_popup.is_some());
    app.handle_key(&special(KeyCode::Esc));
    assert!(app.finding_popup.is_none());
    // Enter twice: to the finding's cell in the table, as before.
    app.handle_key(&special(KeyCode::Enter));
    app.handle_key(&special(KeyCode::Enter));
    assert_eq!(app.focus, Pane::Table);
}

/// The samples with the report whose path contains `name` shown.
fn samples_on(name: &str) -> (App, nianbao::model::ReportIx) {
    let mut app = samples_app();
    let r = index_of(&app, name);
    app.jump(&Target::Report(r));
    (app, r)
}

#[test]
fn s06_lists_the_numbers_it_found() {
    let (mut app, r) = samples_on("shangdulu");
    let report = &app.corpus.reports[r];
    let i = report
        .findings
        .iter()
        .position(|f| f.rule == "S06" && f.row == Some("new"))
        .expect("S06");
    let x = explain(report, &report.findings[i]).expect("explained");
    assert!(x.text.contains("位置无法确定的数值："), "{}", x.text);
    let row = report
        .tables
        .t3
        .as_ref()
        .and_then(|t| t.row("new"))
        .expect("row");
    for v in &row.unplaced {
        assert!(x.text.contains(v.as_str()), "{} lacks {v}", x.text);
    }
    app.focus_pane(Pane::Findings);
    app.select_finding(i);
    app.handle_key(&special(KeyCode::Enter));
    let s = screen(&render(&mut app, 120, 40));
    assert!(
        s.contains("找到的数值") && s.contains("位置无法确定的数值"),
        "{s}"
    );
}

#[test]
fn a_long_message_is_cut_with_a_way_to_read_it_whole() {
    let (mut app, r) = samples_on("xunhua");
    let report = &app.corpus.reports[r];
    let i = report
        .findings
        .iter()
        .position(|f| nianbao::width::width(&f.message) > 80)
        .expect("a long message");
    let message = report.findings[i].message.clone();
    app.focus_pane(Pane::Findings);
    app.select_finding(i);
    let s = screen(&render(&mut app, 80, 24));
    assert!(s.contains("… (Enter 详情)"), "{s}");
    app.handle_key(&special(KeyCode::Enter));
    let term = render(&mut app, 80, 24);
    // The whole message, wrapped in the popup: every piece of it on screen.
    let flat: String = screen(&term)
        .lines()
        .map(|l| l.trim_matches(['│', ' ']))
        .collect();
    let tail = last_chars(&message, 12);
    assert!(flat.contains(&tail), "{tail}\n{}", screen(&term));
}

/// The last `n` characters of `s` (trailing spaces aside).
fn last_chars(s: &str, n: usize) -> String {
    let chars: Vec<char> = s.trim_end().chars().collect();
    chars[chars.len().saturating_sub(n)..].iter().collect()
}

/// The fixture's longest line, 1-based, and its text.
fn longest_line(app: &App) -> (usize, String) {
    let src = &app.corpus.reports[0].source;
    (1..=src.line_count())
        .map(|n| (n, src.line(n).to_string()))
        .max_by_key(|(_, l)| nianbao::width::width(l))
        .expect("lines")
}

#[test]
fn a_search_hit_far_right_scrolls_the_source_sideways() {
    let (_dir, mut app) = app_with(|t| t);
    render(&mut app, 120, 40);
    let (_, line) = longest_line(&app);
    let tail = last_chars(&line, 6);
    assert!(nianbao::width::width(&line) > 120, "a long line");
    app.handle_key(&ctrl('f'));
    type_str(&mut app, &tail);
    app.handle_key(&special(KeyCode::Enter));
    assert!(!app.source.hits.is_empty());
    let term = render(&mut app, 120, 40);
    assert!(app.source.left > 0, "{}", screen(&term));
    // The hit is drawn (search hits are white on magenta).
    assert!(
        cells_with_bg(&term, Color::Magenta) > 0,
        "{}",
        screen(&term)
    );
}

#[test]
fn w_wraps_the_source_and_h_l_move_by_the_same_step() {
    let (_dir, mut app) = app_with(|t| t);
    let (n, line) = longest_line(&app);
    app.focus_pane(Pane::Source);
    render(&mut app, 120, 40);
    app.source.top = n - 1;
    app.source.left = 0;
    render(&mut app, 120, 40);
    // l then h: back where it was, step for step.
    for _ in 0..3 {
        app.handle_key(&key('l'));
    }
    assert_eq!(app.source.left, 24);
    for _ in 0..3 {
        app.handle_key(&key('h'));
    }
    assert_eq!(app.source.left, 0);
    // l stops at the end of the longest line in view, so h comes back as many times.
    let mut presses = 0;
    for _ in 0..500 {
        let before = app.source.left;
        app.handle_key(&key('l'));
        if app.source.left == before {
            break;
        }
        presses += 1;
    }
    assert!(presses > 0 && presses < 500, "{presses}");
    let widest = nianbao::width::width(&nianbao::sanitize::clean(&line));
    assert!(app.source.left < widest, "{} of {widest}", app.source.left);
    for _ in 0..presses {
        app.handle_key(&key('h'));
    }
    assert_eq!(app.source.left, 0);

    // Wrapped, the whole long line is on screen, its end included; h/l do nothing.
    let tail = last_chars(&line, 6);
    assert!(!screen(&render(&mut app, 120, 40)).contains(&tail));
    app.handle_key(&key('w'));
    assert!(app.source.wrap);
    app.handle_key(&key('l'));
    assert_eq!(app.source.left, 0);
    let term = render(&mut app, 120, 40);
    let s = screen(&term);
    assert!(s.contains(&tail), "{s}");
    app.handle_key(&key('w'));
    assert!(!app.source.wrap);
    assert!(!screen(&render(&mut app, 120, 40)).contains(&tail));
}
