//! Correcting a cell in the inspector through real key events: `e` on a table cell, the
//! new value and a required reason typed (Chinese), saved to the review file, validation
//! re-run at once, the corrected glyph and the original shown, `u` undoes it.

mod tui_support;

use crossterm::event::KeyCode;
use nianbao::model::CellState;
use nianbao::review;
use nianbao::template::TableId;
use nianbao::tui::app::Target;
use nianbao::tui::{App, Keymap, Mode, Pane};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tui_support::{ctrl, key, render, screen, special, theme, type_str};

fn xunhua_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let src =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/xunhua-2020-broken-extraction.txt");
    std::fs::copy(src, dir.path().join("xunhua.txt")).expect("copy");
    dir
}

fn app_on(dir: &Path) -> App {
    let mut app = App::new(Some(dir.to_path_buf()), Keymap::default(), theme(true));
    app.open_review(&review::default_path(dir), "审计员".to_string());
    app.start_loading();
    assert!(app.pump_until_loaded(Duration::from_secs(60)), "load");
    app
}

/// Open the report, table 3, the cursor on （七）总计 · 总计, the table pane focused.
fn on_processed_total(app: &mut App) {
    app.jump(&Target::Report(nianbao::model::ReportIx::new(0)));
    app.cursor.table = TableId::T3;
    let def = nianbao::tui::view::table_def(&app.corpus.reports[0], TableId::T3);
    app.cursor.row = def.row_index("processed_total").expect("row");
    app.cursor.col = 6;
    app.focus = Pane::Table;
}

fn has_a02_total(app: &App) -> bool {
    app.corpus.reports[0]
        .findings
        .iter()
        .any(|f| f.rule == "A02" && f.row == Some("processed_total") && f.column == Some("total"))
}

fn total_cell(app: &App) -> (CellState, Option<f64>) {
    let c = app.corpus.reports[0]
        .tables
        .t3
        .as_ref()
        .unwrap()
        .cell("processed_total", 6)
        .unwrap();
    (c.state, c.value)
}

#[test]
fn correct_a_cell_revalidate_and_undo() {
    let dir = xunhua_copy();
    let mut app = app_on(dir.path());
    assert!(has_a02_total(&app));
    on_processed_total(&mut app);
    app.handle_key(&key('e'));
    assert_eq!(app.mode, Mode::Correct);
    type_str(&mut app, "1");
    // No reason: not saved, the editor says so.
    app.handle_key(&ctrl('s'));
    assert_eq!(app.mode, Mode::Correct);
    assert!(
        app.cell_editor
            .as_ref()
            .and_then(|e| e.error.clone())
            .is_some_and(|e| e.contains("理由"))
    );
    app.handle_key(&special(KeyCode::Tab));
    type_str(&mut app, "总计漏填");
    let s = screen(&render(&mut app, 120, 40));
    assert!(
        s.contains("修正 （七）总计 · 总计") && s.contains("总计漏填"),
        "{s}"
    );
    app.handle_key(&special(KeyCode::Enter));
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(total_cell(&app), (CellState::Number, Some(1.0)));
    assert!(
        !has_a02_total(&app),
        "validation re-ran on the corrected value"
    );
    assert!(
        app.message.as_deref().is_some_and(|m| m.contains("消除")),
        "{:?}",
        app.message
    );
    let json = std::fs::read_to_string(dir.path().join(review::FILE_NAME)).unwrap();
    assert!(
        json.contains("总计漏填") && json.contains("\"corrections\""),
        "{json}"
    );
    // The glyph in the table, and the original with the reason when selected.
    let s = screen(&render(&mut app, 120, 40));
    assert!(s.contains("1✐"), "{s}");
    assert!(
        s.contains("已修正：原为 空（第56行） → 1 │ 理由：总计漏填 │ 审计员"),
        "{s}"
    );
    // A new run of the inspector applies it at load.
    drop(app);
    let mut again = app_on(dir.path());
    assert_eq!(total_cell(&again), (CellState::Number, Some(1.0)));
    assert!(!has_a02_total(&again));
    // Undo in that run: back to the parsed blank, A02 again.
    on_processed_total(&mut again);
    again.handle_key(&key('e'));
    app_choose_blank(&mut again);
    again.handle_key(&ctrl('s'));
    assert_eq!(total_cell(&again), (CellState::Blank, None));
    again.handle_key(&key('u'));
    assert_eq!(
        total_cell(&again),
        (CellState::Number, Some(1.0)),
        "undo restores the previous correction"
    );
}

fn app_choose_blank(app: &mut App) {
    // Number → blank, then a reason.
    app.handle_key(&special(KeyCode::Down));
    assert_eq!(
        app.cell_editor.as_ref().map(|e| e.kind.clone()),
        Some(nianbao::tui::app::EditKind::Blank)
    );
    type_str(app, "核对后为空");
}

#[test]
fn e_outside_the_table_still_filters_the_tree() {
    let dir = xunhua_copy();
    let mut app = app_on(dir.path());
    app.focus = Pane::Tree;
    app.handle_key(&key('e'));
    assert_eq!(app.mode, Mode::Normal);
    assert!(app.cell_editor.is_none());
}
