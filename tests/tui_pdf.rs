//! The inspector on a PDF report: the rebuilt text beside the tables, `y` citing page and
//! line, and files not read listed in the tree.

mod tui_support;

use nianbao::template::TableId;
use nianbao::tree::NodeId;
use nianbao::tui::app::Target;
use nianbao::tui::{Action, App, Keymap, Pane};
use std::path::Path;
use std::time::Duration;
use tui_support::*;

fn pdf_app(dir: &Path) -> App {
    let src =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/report-2021.chromium.pdf");
    std::fs::copy(src, dir.join("report.pdf")).expect("copy");
    std::fs::write(dir.join("logo.png"), b"\x89PNG\r\n\x1a\n").expect("write");
    let mut app = App::new(Some(dir.to_path_buf()), Keymap::default(), theme(false));
    app.start_loading();
    assert!(
        app.pump_until_loaded(Duration::from_secs(60)),
        "did not load"
    );
    app
}

#[test]
fn y_cites_page_and_line_of_a_pdf_cell() {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let mut app = pdf_app(dir.path());
    let r = app
        .corpus
        .reports
        .iter()
        .position(|r| r.path.ends_with("report.pdf"))
        .map(nianbao::model::ReportIx::new)
        .expect("report");
    app.jump(&Target::Report(r));
    app.focus_pane(Pane::Table);
    app.cursor.table = TableId::T3;
    app.cursor.row = 0; // 一、本年新收
    app.cursor.col = 6; // 总计
    app.update(Action::Copy);
    let c = app.clipboard.pop().expect("copied");
    let line = app.corpus.reports[r]
        .tables
        .t3
        .as_ref()
        .and_then(|t| t.cell("new", 6))
        .and_then(|c| c.span)
        .map(|s| s.line_start)
        .expect("cell line");
    assert!(c.contains(&format!("report.pdf:{line}，第2页")), "{c}");
    assert!(c.contains(": 15"), "{c}");
    // The source pane shows the rebuilt text: the table row the cell is on.
    let term = render(&mut app, 160, 50);
    assert!(
        find_on_screen(&term, "一、本年新收").is_some(),
        "{}",
        screen(&term)
    );
}

#[test]
fn files_not_read_are_listed_in_the_tree() {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let mut app = pdf_app(dir.path());
    let s = &app.corpus.skipped;
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].reason, "PNG image: not a report");
    assert!(
        app.corpus.errors.is_empty(),
        "a skipped file is not a load error"
    );
    let group = app
        .tree
        .rows()
        .iter()
        .find(|r| r.id == NodeId::SkippedGroup)
        .expect("group row");
    assert_eq!(
        (group.label.as_str(), group.errors),
        ("未读取的文件 (1)", 0)
    );
    assert!(app.tree.reveal(&NodeId::Skipped(0), &app.corpus));
    let row = app
        .tree
        .rows()
        .iter()
        .find(|r| r.id == NodeId::Skipped(0))
        .expect("row");
    assert!(
        row.label.ends_with("logo.png: PNG image: not a report"),
        "{}",
        row.label
    );
}
