//! Behaviour of the inspector driven by `Action`s and by real key events.

mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nianbao::template::TableId;
use nianbao::tree::NodeId;
use nianbao::tui::{Action, App, Mode, Pane};
use tui_support::*;

fn fixture_index(app: &App) -> nianbao::model::ReportIx {
    app.corpus
        .reports
        .iter()
        .position(|r| r.path.contains("xunhua"))
        .map(nianbao::model::ReportIx::new)
        .expect("fixture report")
}

#[test]
fn next_failure_selects_finding_moves_cursor_and_highlight() {
    let mut app = fixture_app(true);
    let r = fixture_index(&app);
    app.jump(&nianbao::tui::app::Target::Report(r));
    assert_eq!(app.current, Some(r));
    app.update(Action::NextFailure);
    // Errors come first, by line: S05 (line 7, row carried_over), then A01 (line 8).
    let f = app
        .selected_finding()
        .map(|i| app.corpus.reports[r].findings[i].rule.as_str());
    assert_eq!(f, Some("S05"));
    assert_eq!(app.cursor.table, TableId::T3);
    assert_eq!(app.cursor.row, 1);
    app.update(Action::NextFailure);
    let f = app
        .selected_finding()
        .map(|i| app.corpus.reports[r].findings[i].rule.as_str());
    assert_eq!(f, Some("A01"));
    assert_eq!((app.cursor.row, app.cursor.col), (0, 6));
    assert_eq!(app.source.highlight.map(|s| s.line_start), Some(8));
    app.update(Action::NextFailure);
    let f = app
        .selected_finding()
        .map(|i| app.corpus.reports[r].findings[i].rule.as_str());
    assert_eq!(f, Some("A02"));
    // processed_total is template row 21 in 2019 (index 21), column total.
    assert_eq!(app.cursor.col, 6);
    // Info findings are skipped; wraps to the first.
    app.update(Action::NextFailure);
    let f = app
        .selected_finding()
        .map(|i| app.corpus.reports[r].findings[i].rule.as_str());
    assert_eq!(f, Some("S05"));
    app.update(Action::PrevFailure);
    let f = app
        .selected_finding()
        .map(|i| app.corpus.reports[r].findings[i].rule.as_str());
    assert_eq!(f, Some("A02"));
}

#[test]
fn next_failed_report_skips_clean_reports() {
    let mut app = fixture_app(true);
    let r = fixture_index(&app);
    app.update(Action::NextFailedReport);
    assert_eq!(app.current, Some(r));
    assert_eq!(
        app.tree.selected_row().map(|x| x.id.clone()),
        Some(NodeId::Report(r))
    );
    // Only one report with errors: stays.
    app.update(Action::NextFailedReport);
    assert_eq!(app.current, Some(r));
}

#[test]
fn table_cursor_moves_and_highlights_cell_source() {
    let mut app = fixture_app(true);
    let r = fixture_index(&app);
    app.jump(&nianbao::tui::app::Target::Section(r, 3));
    assert_eq!(app.focus, Pane::Table);
    assert_eq!(app.cursor.table, TableId::T3);
    app.update(Action::Right);
    assert_eq!(app.cursor.col, 1);
    app.update(Action::Left);
    app.update(Action::Left);
    assert_eq!(app.cursor.col, 0);
    // Cell new/natural is "1" on line 8: exact bytes highlighted.
    let hl = app.source.highlight.expect("highlight");
    assert_eq!(hl.line_start, 8);
    assert_eq!(app.corpus.reports[r].source.slice(hl), "1");
    app.update(Action::Bottom);
    assert_eq!(app.cursor.row, 22);
    app.update(Action::Top);
    assert_eq!(app.cursor.row, 0);
    app.update(Action::PageDown);
    assert!(app.cursor.row > 0);
    for _ in 0..100 {
        app.update(Action::Right);
    }
    assert_eq!(app.cursor.col, 6);
}

#[test]
fn tree_expand_collapse_with_keys() {
    let mut app = fixture_app(true);
    assert_eq!(app.focus, Pane::Tree);
    let top = app.tree.rows().len();
    app.handle_key(&key('l'));
    assert!(app.tree.rows().len() > top);
    app.handle_key(&key('h'));
    assert_eq!(app.tree.rows().len(), top);
    app.handle_key(&special(KeyCode::Right));
    app.handle_key(&key('j'));
    assert!(app.current.is_some());
    app.handle_key(&special(KeyCode::Left)); // to parent
    app.handle_key(&special(KeyCode::Left)); // collapse
    assert_eq!(app.tree.rows().len(), top);
    app.handle_key(&key('G'));
    assert_eq!(app.tree.selected(), top - 1);
    app.handle_key(&key('g'));
    assert_eq!(app.tree.selected(), 0);
}

#[test]
fn sort_and_filter_keys() {
    let mut app = fixture_app(true);
    let first = |app: &App| app.tree.rows().first().map(|r| r.label.clone());
    // Agencies by the distinguishing part of their name, in pinyin order.
    assert_eq!(first(&app).as_deref(), Some("漫路乡"));
    app.handle_key(&key('o'));
    assert_eq!(first(&app).as_deref(), Some("循化县"));
    app.handle_key(&key('e'));
    let agencies = app.tree.rows().iter().filter(|r| r.depth == 0).count();
    assert_eq!(agencies, 2, "循化 and the failed-files group");
}

#[test]
fn panes_cycle_with_tab_and_backtab() {
    let mut app = fixture_app(true);
    app.handle_key(&special(KeyCode::Tab));
    assert_eq!(app.focus, Pane::Table);
    app.handle_key(&special(KeyCode::Tab));
    assert_eq!(app.focus, Pane::Source);
    app.handle_key(&special(KeyCode::Tab));
    assert_eq!(app.focus, Pane::Findings);
    app.handle_key(&KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    assert_eq!(app.focus, Pane::Source);
    app.handle_key(&key('s'));
    assert_eq!(app.focus, Pane::Table);
}

#[test]
fn finder_by_pinyin_jumps_to_agency_report() {
    let mut app = fixture_app(true);
    app.handle_key(&key('/'));
    assert_eq!(app.mode, Mode::Finder);
    // `j` and `q` are text here, not movement or quit.
    type_str(&mut app, "xhx");
    let f = app.finder.as_ref().expect("finder");
    assert_eq!(f.query(), "xhx");
    let first = f
        .results
        .first()
        .map(|m| app.corpus.index().name(m.entry).to_string());
    assert_eq!(first.as_deref(), Some("海东市循化县"));
    app.handle_key(&special(KeyCode::Enter));
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.current, Some(fixture_index(&app)));
    assert!(!app.quit);
}

#[test]
fn finder_escape_and_q_typing() {
    let mut app = fixture_app(true);
    app.handle_key(&key('/'));
    type_str(&mut app, "q");
    assert!(!app.quit);
    app.handle_key(&special(KeyCode::Backspace));
    assert_eq!(app.finder.as_ref().map(|f| f.query()), Some(String::new()));
    app.handle_key(&special(KeyCode::Esc));
    assert_eq!(app.mode, Mode::Normal);
    assert!(app.finder.is_none());
}

#[test]
fn source_search_and_hits() {
    let mut app = fixture_app(true);
    let r = fixture_index(&app);
    app.jump(&nianbao::tui::app::Target::Report(r));
    app.handle_key(&ctrl('f'));
    assert_eq!(app.mode, Mode::Search);
    type_str(&mut app, "无");
    app.handle_key(&special(KeyCode::Enter));
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.focus, Pane::Source);
    assert_eq!(app.source.hits.len(), 2);
    let first = app.source.hit;
    app.handle_key(&key('n'));
    assert_ne!(app.source.hit, first);
    app.handle_key(&key('N'));
    assert_eq!(app.source.hit, first);
}

#[test]
fn copy_writes_citation_to_clipboard_queue() {
    let mut app = fixture_app(true);
    let r = fixture_index(&app);
    app.jump(&nianbao::tui::app::Target::Report(r));
    app.update(Action::NextFailure);
    app.update(Action::NextFailure);
    app.update(Action::Copy);
    let c = app.clipboard.pop().expect("copied");
    assert!(c.contains("A01"), "{c}");
    assert!(c.contains("fixtures/xunhua-fixture.txt:8"), "{c}");
    app.focus_pane(Pane::Table);
    app.handle_key(&key('y'));
    let c = app.clipboard.pop().expect("copied");
    assert!(c.contains("总计"), "{c}");
    assert!(c.contains(": 2"), "{c}");
}

#[test]
fn help_opens_and_closes_with_q_then_q_quits() {
    let mut app = fixture_app(true);
    app.handle_key(&key('?'));
    assert_eq!(app.mode, Mode::Help);
    app.handle_key(&key('j'));
    app.handle_key(&key('q'));
    assert_eq!(app.mode, Mode::Normal);
    assert!(!app.quit);
    app.handle_key(&key('q'));
    assert!(app.quit);
}

#[test]
fn ctrl_c_quits_from_any_mode() {
    for open in ['/', '?'] {
        let mut app = fixture_app(true);
        app.handle_key(&key(open));
        app.handle_key(&ctrl('c'));
        assert!(app.quit);
    }
}

#[test]
fn loads_samples_in_background_and_reloads() {
    let mut app = samples_app();
    assert!(app.corpus.progress().finished);
    let p = app.corpus.progress();
    assert_eq!(p.done, p.total);
    let n = app.corpus.reports.len() + app.corpus.errors.len();
    assert!(n >= 5, "{n}");
    let g = app.generation;
    app.handle_key(&ctrl('r'));
    assert_eq!(app.generation, g + 1);
    assert!(app.pump_until_loaded(std::time::Duration::from_secs(60)));
    assert_eq!(app.corpus.reports.len() + app.corpus.errors.len(), n);
    // Keys work while nothing is selected.
    for a in [
        Action::Down,
        Action::NextFailure,
        Action::Copy,
        Action::NextHit,
    ] {
        app.update(a);
    }
}

#[test]
fn finder_finds_samples_by_pinyin() {
    let mut app = samples_app();
    for (q, want) in [
        ("xunhua", "循化"),
        ("xhx", "循化"),
        ("循化", "循化"),
        ("manlu", "漫路"),
    ] {
        app.update(Action::Finder);
        for c in q.chars() {
            app.update(Action::Input(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )));
        }
        let f = app.finder.as_ref().expect("finder");
        let first = f
            .results
            .first()
            .map(|m| app.corpus.index().name(m.entry).to_string());
        assert!(
            first.as_deref().is_some_and(|n| n.contains(want)),
            "{q} → {first:?}"
        );
        app.update(Action::Cancel);
    }
}
