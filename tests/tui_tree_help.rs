//! Tree, finder, help (issue 13 §3): agencies by the distinguishing part of their name in
//! pinyin order with each report's year, the centre following the tree cursor, failed files
//! with name and reason (Enter, `y`), the finder's true count, ranking and Ctrl-u, and a
//! scrollable Chinese help.

mod tui_support;

use crossterm::event::KeyCode;
use nianbao::tree::NodeId;
use nianbao::tui::app::Target;
use nianbao::tui::{Action, Mode};
use tui_support::*;

#[test]
fn the_tree_shows_short_names_in_pinyin_order_and_years_at_120x40() {
    let mut app = samples_app();
    let agencies: Vec<String> = app
        .tree
        .rows()
        .iter()
        .filter(|r| matches!(r.id, NodeId::Agency(_)))
        .map(|r| r.label.clone())
        .collect();
    assert_eq!(
        agencies,
        [
            "建塘镇人民政府",
            "漫路乡",
            "循化县",
            "驿马乡",
            "郑东新区商都路办事处"
        ]
    );
    // Each report's row shows its year on a 120x40 screen.
    let mut s = String::new();
    for i in app.corpus.ixs().collect::<Vec<_>>() {
        assert!(app.tree.reveal(&NodeId::Report(i), &app.corpus));
        s = screen(&render(&mut app, 120, 40));
        let r = &app.corpus.reports[i];
        let year = r.year.as_ref().map(|y| y.value.to_string()).expect("year");
        let file = nianbao::agency::file_name(&r.path);
        let start: String = file.chars().take(4).collect();
        assert!(
            s.lines().any(|l| l.contains(&format!("{year}  {start}"))),
            "{year} {file}\n{s}"
        );
    }
    assert!(
        s.contains("循化县") && !s.contains("海东市循化县  E"),
        "{s}"
    );
}

#[test]
fn the_centre_follows_the_tree_cursor() {
    let mut app = samples_app();
    app.focus_pane(nianbao::tui::Pane::Tree);
    app.handle_key(&key('g'));
    for _ in 0..app.tree.rows().len() {
        let row = app.tree.selected_row().cloned().expect("row");
        if let NodeId::Agency(name) = &row.id {
            let latest = app
                .corpus
                .agency_reports(name)
                .iter()
                .copied()
                .max_by_key(|&i| app.corpus.reports[i].year.as_ref().map(|y| y.value));
            assert_eq!(app.current, latest, "{}", row.label);
        }
        app.handle_key(&key('j'));
    }
}

#[test]
fn a_failed_file_shows_its_name_and_reason_and_y_copies_it() {
    let mut app = fixture_app(true);
    assert!(app.tree.reveal(&NodeId::Failed(0), &app.corpus));
    app.focus_pane(nianbao::tui::Pane::Tree);
    let s = screen(&render(&mut app, 120, 40));
    assert!(s.contains("  broken.bin: no"), "{s}");
    app.handle_key(&special(KeyCode::Enter));
    let s = screen(&render(&mut app, 80, 24));
    assert!(
        s.contains("无法读取的原因") && s.contains("路径: fixtures/broken.bin"),
        "{s}"
    );
    assert!(s.contains("原因: not a text or HTML file"), "{s}");
    app.handle_key(&key('y'));
    assert_eq!(
        app.clipboard.last().map(String::as_str),
        Some("fixtures/broken.bin: not a text or HTML file")
    );
    app.handle_key(&special(KeyCode::Esc));
    assert!(app.finding_popup.is_none() && app.failure_shown.is_none());
}

#[test]
fn the_finder_counts_every_match_ranks_reports_first_and_ctrl_u_clears() {
    let mut app = samples_app();
    app.handle_key(&key('/'));
    let total = app.corpus.index().len();
    let f = app.finder.as_ref().expect("finder");
    assert_eq!(f.total, total);
    assert!(f.results.len() <= 200);
    type_str(&mut app, "xh");
    let f = app.finder.as_ref().expect("finder");
    assert!(f.total >= f.results.len() && f.total > 0);
    let kinds: Vec<u8> = f
        .results
        .iter()
        .map(|m| match app.corpus.index().target(m.entry) {
            Some(Target::Agency(_)) => 0,
            Some(Target::Report(_)) => 1,
            _ => 2,
        })
        .collect();
    assert!(kinds.windows(2).all(|w| w[0] <= w[1]), "{kinds:?}");
    assert!(kinds.contains(&1) && kinds.contains(&2), "{kinds:?}");
    let n = f.total;
    let s = screen(&render(&mut app, 120, 40));
    assert!(s.contains(&format!("{n} 个结果")), "{s}");
    app.handle_key(&ctrl('u'));
    let f = app.finder.as_ref().expect("finder");
    assert_eq!(f.query(), "");
    assert_eq!(f.total, total);
}

#[test]
fn the_finder_says_how_many_it_shows_of_more_matches() {
    // 90 reports of seven sections each: more entries than the finder lists.
    let dir = tempfile::tempdir().expect("dir");
    let text = std::fs::read_to_string(samples().join("manlu-2020-one-cell-per-line.txt"))
        .expect("sample");
    for i in 0..90 {
        std::fs::write(dir.path().join(format!("r{i:03}.txt")), &text).expect("write");
    }
    let mut app = nianbao::tui::App::new(
        Some(dir.path().to_path_buf()),
        nianbao::tui::Keymap::default(),
        theme(false),
    );
    app.start_loading();
    assert!(app.pump_until_loaded(std::time::Duration::from_secs(120)));
    app.handle_key(&key('/'));
    let f = app.finder.as_ref().expect("finder");
    assert!(f.total > 200, "{}", f.total);
    assert_eq!(f.results.len(), 200);
    let n = f.total;
    let s = screen(&render(&mut app, 120, 40));
    assert!(s.contains(&format!("{n} 个结果, 显示前 200")), "{s}");
}

#[test]
fn help_scrolls_within_its_text() {
    let mut app = fixture_app(true);
    app.update(Action::Help);
    assert_eq!(app.mode, Mode::Help);
    render(&mut app, 80, 24);
    app.handle_key(&key('G'));
    render(&mut app, 80, 24);
    let bottom = app.help_scroll;
    assert!(bottom > 0 && bottom < 1000, "{bottom}");
    // One line up from the bottom is one line up, not thousands of presses.
    app.handle_key(&key('k'));
    render(&mut app, 80, 24);
    assert_eq!(app.help_scroll, bottom - 1);
    let s = screen(&render(&mut app, 80, 24));
    let rules = nianbao::validate::rules();
    assert!(s.contains(rules[rules.len() - 2].id.as_str()), "{s}");
}
