//! Shared helpers for the inspector's tests: a hand-built report with failures, an app
//! over the samples, rendering into a `TestBackend`.
#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nianbao::model::{
    Cell, CellState, Finding, Located, Report, Row, Section, Severity, SourceFormat, SourceText,
    Table, Tables,
};
use nianbao::template::{TableId, TemplateVersion};
use nianbao::tui::{App, Keymap, Theme, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::path::PathBuf;
use std::time::Duration;

pub const FIXTURE_SOURCE: &str = "海东市循化县 2020 年度政府信息公开工作报告

一、总体情况
我县受理信息公开申请1件。
二、主动公开政府信息情况
规章\t0\t0\t0
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量\t1\t\t\t\t\t\t2
7. 属于行政执法案卷\t1\t\t\t\t\t\t1
（七）总计\t\t\t\t\t\t\t
四、政府信息公开行政复议、行政诉讼情况
恶意\x1b]52;c;ZXZpbA==\x07文本\x1b[2J结束\u{9b}31m
五、存在的主要问题及改进情况
无
六、其他需要报告的事项
无。
";

fn located<T>(value: T, src: &SourceText, needle: &str) -> Option<Located<T>> {
    let b = src.text.find(needle)?;
    Some(Located {
        value,
        span: src.span(b, b + needle.len()),
    })
}

/// Cells of one table-3 line: numbers where written, blanks for empty tab fields.
fn t3_row(src: &SourceText, key: &'static str, line: usize, label: &str) -> Row {
    let start = src.line_start(line);
    let text = src.line(line);
    let mut cells = Vec::new();
    let mut offset = start;
    for (i, field) in text.split('\t').enumerate() {
        let span = src.span(offset, offset + field.len());
        offset += field.len() + 1;
        if i == 0 {
            continue;
        }
        cells.push(if field.is_empty() {
            Cell {
                state: CellState::Blank,
                value: None,
                text: Default::default(),
                unit: None,
                span: Some(src.span(offset - 1, offset - 1)),
                basis: None,
            }
        } else {
            Cell {
                state: CellState::Number,
                value: field.parse().ok(),
                text: field.into(),
                unit: None,
                span: Some(span),
                basis: None,
            }
        });
    }
    cells.resize(7, Cell::missing());
    Row {
        key,
        label: label.to_string(),
        cells,
        span: src.span(start, start + text.len()),
        unplaced: vec![],
    }
}

fn finding(
    rule: &'static str,
    severity: Severity,
    message: &str,
    table: Option<TableId>,
    row: Option<&'static str>,
    column: Option<&'static str>,
    lines: Vec<u32>,
) -> Finding {
    Finding {
        rule: nianbao::validate::rule_info(rule)
            .expect("a catalogue rule")
            .id,
        severity,
        message: message.to_string(),
        section: table.map(|t| t.section()),
        table,
        row,
        column,
        lines,
    }
}

/// A 2019-template report shaped like the 循化 sample, with failing cells, a missing row,
/// and a source line full of escape sequences.
pub fn fixture_report() -> Report {
    let src = SourceText::new(FIXTURE_SOURCE.to_string());
    let heading = |n: u8, line: usize, end: usize| {
        let a = src.line_start(line);
        let b = a + src.line(line).len();
        let e = src.line_start(end) + src.line(end).len();
        Section {
            number: n,
            title: src.line(line).to_string(),
            span: src.span(a, e),
            heading: src.span(a, b),
            has_content: true,
        }
    };
    let sections = vec![
        heading(1, 3, 4),
        heading(2, 5, 6),
        heading(3, 7, 10),
        heading(4, 11, 12),
        heading(5, 13, 14),
        heading(6, 15, 16),
    ];
    let t3 = Table {
        id: TableId::T3,
        rows: vec![
            t3_row(&src, "new", 8, "一、本年新收政府信息公开申请数量"),
            t3_row(&src, "denied_enforcement", 9, "7. 属于行政执法案卷"),
            t3_row(&src, "processed_total", 10, "（七）总计"),
        ],
        span: src.span(src.line_start(8), src.line_start(11)),
    };
    let findings = vec![
        finding(
            "A01",
            Severity::Error,
            "一、本年新收·总计：各列之和为 1，表中为 2",
            Some(TableId::T3),
            Some("new"),
            Some("total"),
            vec![8],
        ),
        finding(
            "A02",
            Severity::Warning,
            "（七）总计·总计列：各项之和为 1，表中为空",
            Some(TableId::T3),
            Some("processed_total"),
            Some("total"),
            vec![9, 10],
        ),
        finding(
            "S05",
            Severity::Error,
            "表三缺少行 二、上年结转政府信息公开申请数量",
            Some(TableId::T3),
            Some("carried_over"),
            None,
            vec![7],
        ),
        finding(
            "T03",
            Severity::Info,
            "统计期限不是整个年度：2020-01-01 至 2020-12-28",
            None,
            None,
            None,
            vec![1],
        ),
    ];
    Report {
        path: "fixtures/xunhua-fixture.txt".to_string(),
        encoding: "UTF-8".to_string(),
        format: SourceFormat::Text,
        agency: located("海东市循化县".to_string(), &src, "海东市循化县"),
        year: located(2020, &src, "2020"),
        title: None,
        published: None,
        period: None,
        template: Some(TemplateVersion::V2019),
        content_hash: 1,
        sections,
        tables: std::sync::Arc::new(Tables {
            t2: None,
            t3: Some(t3),
            t4: None,
        }),
        findings,
        narrative: vec![],
        corrections: vec![],
        source: src,
    }
}

pub fn clean_report(path: &str, agency: &str, year: i32) -> Report {
    let src = SourceText::new(format!("{agency} {year} 年度政府信息公开工作报告\n"));
    Report {
        path: path.to_string(),
        encoding: "UTF-8".to_string(),
        format: SourceFormat::Text,
        agency: located(agency.to_string(), &src, agency),
        year: located(year, &src, &year.to_string()),
        title: None,
        published: None,
        period: None,
        template: Some(TemplateVersion::for_year(year)),
        content_hash: 2,
        sections: vec![],
        tables: Default::default(),
        findings: vec![],
        narrative: vec![],
        corrections: vec![],
        source: src,
    }
}

pub fn theme(color: bool) -> Theme {
    Theme { color }
}

/// An app over hand-built reports.
pub fn fixture_app(color: bool) -> App {
    let mut app = App::new(None, Keymap::default(), theme(color));
    app.load_reports(
        vec![
            clean_report("fixtures/manlu.txt", "临夏县漫路乡", 2020),
            fixture_report(),
        ],
        vec![nianbao::model::LoadError {
            path: "fixtures/broken.bin".to_string(),
            error: "not a text or HTML file".to_string(),
        }],
    );
    app
}

/// `samples/`, relative (tests run in the package root) so paths in snapshots do not
/// depend on where the checkout lives.
pub fn samples() -> PathBuf {
    let rel = PathBuf::from("samples");
    if rel.is_dir() {
        rel
    } else {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples")
    }
}

/// An app that has loaded `samples/` (waits for the background load, no sleeps).
pub fn samples_app() -> App {
    let mut app = App::new(Some(samples()), Keymap::default(), theme(true));
    app.start_loading();
    assert!(
        app.pump_until_loaded(Duration::from_secs(60)),
        "samples did not load"
    );
    app
}

/// Draw one frame, as the inspector does (plan, fit, draw), then check the screen is
/// settled: fitting again to the same screen changes no offset, so what was drawn is what
/// a second frame would show.
pub fn render(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut term = match Terminal::new(TestBackend::new(w, h)) {
        Ok(t) => t,
        Err(e) => panic!("test backend: {e}"),
    };
    if let Err(e) = term.draw(|f| draw::frame(app, f)) {
        panic!("draw: {e}");
    }
    let drawn = app.offsets();
    let plan = app.plan(Rect::new(0, 0, w, h));
    app.fit(&plan);
    assert_eq!(drawn, app.offsets(), "the {w}x{h} screen was not settled");
    term
}

/// The screen as text, one line per row.
pub fn screen(term: &Terminal<TestBackend>) -> String {
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
        }
        out.push('\n');
    }
    out
}

/// Where `needle` starts on screen (x, y), by cell.
pub fn find_on_screen(term: &Terminal<TestBackend>, needle: &str) -> Option<(u16, u16)> {
    let buf = term.backend().buffer();
    let first = needle.chars().next()?.to_string();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            if buf[(x, y)].symbol() != first {
                continue;
            }
            // Compare following cells (wide chars occupy two cells, the second blank).
            let mut cx = x;
            let mut ok = true;
            for c in needle.chars() {
                if cx >= buf.area.width || buf[(cx, y)].symbol() != c.to_string() {
                    ok = false;
                    break;
                }
                cx += unicode_width::UnicodeWidthChar::width(c)
                    .unwrap_or(1)
                    .max(1) as u16;
            }
            if ok {
                return Some((x, y));
            }
        }
    }
    None
}

/// A key press as a terminal sends it (Shift for capitals and `{` `}` `?`).
pub fn key(c: char) -> KeyEvent {
    let m = if c.is_ascii_uppercase() || "{}?".contains(c) {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), m)
}

pub fn special(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Type text into the focused input, one key event per character.
pub fn type_str(app: &mut App, s: &str) {
    for c in s.chars() {
        app.handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

// ---- review ------------------------------------------------------------------------

/// A copy of `samples/` in a temporary folder.
pub fn samples_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let src = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples");
    for e in std::fs::read_dir(&src).expect("samples") {
        let e = e.expect("entry");
        if e.path().is_file() {
            std::fs::copy(e.path(), dir.path().join(e.file_name())).expect("copy");
        }
    }
    dir
}

/// An app on `dir` with its review open (as `nianbao DIR` does), loaded.
pub fn review_app(dir: &std::path::Path) -> App {
    let mut app = App::new(Some(dir.to_path_buf()), Keymap::default(), theme(true));
    app.open_review(&nianbao::review::default_path(dir), "审计员".to_string());
    app.start_loading();
    assert!(
        app.pump_until_loaded(std::time::Duration::from_secs(60)),
        "load"
    );
    app
}

pub fn index_of(app: &App, name: &str) -> nianbao::model::ReportIx {
    app.corpus
        .reports
        .iter()
        .position(|r| r.path.contains(name))
        .map(nianbao::model::ReportIx::new)
        .expect("report")
}

/// Open 循化 and select its first failure with `]`.
pub fn on_xunhua_failure(app: &mut App) -> (nianbao::model::ReportIx, nianbao::model::FindingIx) {
    let r = index_of(app, "xunhua");
    app.jump(&nianbao::tui::app::Target::Report(r));
    app.handle_key(&key(']'));
    let f = app.selected_finding().expect("a finding selected");
    (r, f)
}
