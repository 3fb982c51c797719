//! The inspector on hostile pages: a one-paragraph page that is one multi-megabyte line
//! shows the right columns when scrolled (only the visible window is drawn), with nothing
//! of the file reaching the screen raw.

mod tui_support;

use nianbao::tui::app::Target;
use nianbao::tui::{Action, App, Keymap, Pane};
use std::time::Duration;
use tui_support::*;

#[test]
fn a_huge_one_line_page_scrolls_to_the_right_columns() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Tokens of 8 columns: token i starts at column 8 i. Controls and an RLO among them.
    let line: String = (0..250_000).map(|i| format!("k{i:06} ")).collect();
    let html = format!(
        "<html><head><title>某县人民政府2021年政府信息公开工作年度报告</title></head>\
         <body><p>{line}\u{1b}[2J\u{202e}</p></body></html>"
    );
    std::fs::write(dir.path().join("big.html"), html).expect("write");
    let mut app = App::new(
        Some(dir.path().to_path_buf()),
        Keymap::default(),
        theme(false),
    );
    app.start_loading();
    assert!(app.pump_until_loaded(Duration::from_secs(60)), "load");
    assert_eq!(app.corpus.reports.len(), 1, "{:?}", app.corpus.errors);
    app.jump(&Target::Section(nianbao::model::ReportIx::new(0), 1));
    app.focus_pane(Pane::Source);
    let term = render(&mut app, 200, 40);
    let s = screen(&term);
    assert!(s.contains("k000000 k000001"), "{s}");
    // 1,000 steps right of 8 columns: column 8,000, token 1,000 first.
    for _ in 0..1000 {
        app.update(Action::Right);
    }
    let term = render(&mut app, 200, 40);
    let s = screen(&term);
    assert!(s.contains("k001000 k001001 k001002"), "{s}");
    assert!(!s.contains("k000999"), "{s}");
    // Scrolled to the end: the escape sequence and the override are shown inert.
    for _ in 0..248_999 {
        app.update(Action::Right);
    }
    let term = render(&mut app, 200, 40);
    let s = screen(&term);
    assert!(s.contains("k249999 ␛[2J<202E>"), "{s}");
}

/// Issue 11 point 5: a decision in REVIEW.json whose rule, place and time are not real is
/// listed (its finding is gone) in its inert form, never as if it named a catalogue rule,
/// and nothing of it reaches the screen raw.
#[test]
fn an_untrusted_decision_is_shown_inert() {
    let dir = tempfile::tempdir().expect("tempdir");
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples/xunhua-2020-broken-extraction.txt");
    std::fs::copy(seed, dir.path().join("xunhua.txt")).expect("copy");
    let review = serde_json::json!({
        "version": 1,
        "reports": {"xunhua.txt": {
            "decisions": [{
                "fingerprint": "00000000deadbeef",
                "rule": "S01\u{1b}]0;owned\u{7}",
                "location": {"section": 3, "table": "t3\u{1b}[2J", "row": "\u{9b}H", "column": null},
                "message": "清屏\u{1b}[2J\u{202e}",
                "verdict": "confirmed",
                "reviewer": "\u{9b}31m红",
                "time": "\u{1b}[5m2026",
                "content_hash": "0"
            }]
        }}
    });
    std::fs::write(dir.path().join("REVIEW.json"), review.to_string()).expect("write");
    let mut app = App::new(
        Some(dir.path().to_path_buf()),
        Keymap::default(),
        theme(false),
    );
    app.open_review(
        &nianbao::review::default_path(dir.path()),
        "审计员".to_string(),
    );
    app.start_loading();
    assert!(app.pump_until_loaded(Duration::from_secs(60)), "load");
    app.jump(&Target::Report(nianbao::model::ReportIx::new(0)));
    let stale = app.stale_decisions();
    assert_eq!(stale.len(), 1);
    assert!(
        stale[0].rule.starts_with("‹invalid: S01"),
        "{}",
        stale[0].rule
    );
    assert!(stale[0].time.starts_with("‹invalid:"), "{}", stale[0].time);
    app.focus_pane(Pane::Findings);
    app.update(Action::Bottom);
    let s = screen(&render(&mut app, 120, 40));
    assert!(s.contains("‹invalid: S01"), "{s}");
    assert!(
        !s.chars()
            .any(|c| c.is_control() && c != '\n' || ('\u{202a}'..='\u{202e}').contains(&c)),
        "{s}"
    );
}
