//! Verify a cell against its source (issue 13 §2): the source pane scrolls sideways to the
//! highlighted cell when it sits far right on a long line.

mod tui_support;

use nianbao::tui::App;
use nianbao::tui::app::{Pane, Target};
use ratatui::style::Modifier;
use tui_support::*;

/// A folder holding the `pdftotext -layout` fixture: table 3's 总计 column sits some 70
/// columns into its lines, beyond a 120x40 screen's source pane.
fn one_line_app() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/txt/pdf-layout-2021.txt"),
        dir.path().join("pdf-layout-2021.txt"),
    )
    .expect("copy");
    let mut app = App::new(
        Some(dir.path().to_path_buf()),
        nianbao::tui::keymap::Keymap::default(),
        theme(false),
    );
    app.start_loading();
    assert!(app.pump_until_loaded(std::time::Duration::from_secs(60)));
    (dir, app)
}

/// Whether the screen shows a cell drawn as the exact highlight (bold, reversed, underlined).
fn exact_highlight_on_screen(term: &ratatui::Terminal<ratatui::backend::TestBackend>) -> bool {
    let buf = term.backend().buffer();
    let want = Modifier::BOLD | Modifier::REVERSED | Modifier::UNDERLINED;
    buf.content()
        .iter()
        .any(|c| c.modifier.contains(want) && !c.symbol().trim().is_empty())
}

#[test]
fn the_source_scrolls_sideways_to_the_highlighted_cell() {
    let (_dir, mut app) = one_line_app();
    app.jump(&Target::Section(nianbao::model::ReportIx::new(0), 3));
    assert_eq!(app.focus, Pane::Table);
    render(&mut app, 120, 40);
    // 总计 of the first row: far along its line.
    app.handle_key(&key('$'));
    let s = app.source.highlight.expect("a highlighted cell");
    assert_eq!(s.line_start, s.line_end, "one line");
    let term = render(&mut app, 120, 40);
    assert!(
        app.source.left > 0,
        "scrolled sideways: {s:?} {:?}\n{}",
        app.viewport,
        screen(&term)
    );
    assert!(exact_highlight_on_screen(&term), "{}", screen(&term));
    // Back to the first cell: the view returns to it.
    app.handle_key(&key('0'));
    let term = render(&mut app, 120, 40);
    assert!(exact_highlight_on_screen(&term), "{}", screen(&term));
    // h and l still scroll by hand in the source pane.
    app.focus_pane(Pane::Source);
    let left = app.source.left;
    app.handle_key(&key('l'));
    render(&mut app, 120, 40);
    assert!(app.source.left > left);
}
