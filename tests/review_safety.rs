//! Review safety in the inspector (issue 13 §4), through real key events: a note is never
//! thrown away without asking (Esc keeps it as a draft), undo says what it undid and redo
//! takes it back, marking a report reviewed with errors or warnings undecided asks first,
//! `待` counts errors and warnings only, and an unnamed reviewer is said in the status bar.

mod tui_support;

use crossterm::event::KeyCode;
use nianbao::model::Severity;
use nianbao::review::{self, ReportStatus, Verdict};
use nianbao::tui::{App, Mode, Pane};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tui_support::{
    ctrl, key, on_xunhua_failure, render, review_app, samples_copy, screen, special, type_str,
};

fn message(app: &App) -> String {
    app.message.clone().unwrap_or_default()
}

/// After a quit the test observed: carry on in the same app, on the main screen.
fn back_to_work(app: &mut App) {
    app.quit = false;
    app.mode = Mode::Normal;
    app.note = None;
}

#[test]
fn ctrl_c_in_a_note_asks_and_esc_keeps_a_draft() {
    let dir = samples_copy();
    let mut app = review_app(dir.path());
    let (r, f) = on_xunhua_failure(&mut app);

    // Nothing typed: Ctrl-c quits at once, as elsewhere.
    app.handle_key(&key('c'));
    app.handle_key(&ctrl('c'));
    assert!(app.quit);
    back_to_work(&mut app);

    app.handle_key(&key('c'));
    type_str(&mut app, "请核对总计");
    app.handle_key(&ctrl('c'));
    assert!(!app.quit, "the first Ctrl-c asks");
    assert_eq!(app.mode, Mode::Note);
    assert!(message(&app).contains("备注未保存"), "{}", message(&app));
    let mut term = render(&mut app, 120, 40);
    assert!(screen(&term).contains("再按 Ctrl-c 放弃备注并退出"));
    // Another key ends the question: the next Ctrl-c asks again.
    type_str(&mut app, "。");
    app.handle_key(&ctrl('c'));
    assert!(!app.quit);

    // Esc keeps the text as a draft; `c` brings it back, Ctrl-s saves it.
    app.handle_key(&special(KeyCode::Esc));
    assert_eq!(app.mode, Mode::Normal);
    assert!(message(&app).contains("草稿"), "{}", message(&app));
    assert!(app.decision_on(r, f).is_none(), "a draft is not saved");
    app.handle_key(&key('c'));
    assert_eq!(
        app.note.as_ref().map(|n| n.text()).as_deref(),
        Some("请核对总计。")
    );
    app.handle_key(&ctrl('s'));
    assert_eq!(
        app.decision_on(r, f)
            .and_then(|d| d.note.clone())
            .as_deref(),
        Some("请核对总计。")
    );
    // Saved: reopening shows the note, and Ctrl-c on it unchanged quits.
    app.handle_key(&key('c'));
    app.handle_key(&ctrl('c'));
    assert!(app.quit);

    // Twice Ctrl-c on unsaved text quits without saving it.
    back_to_work(&mut app);
    app.handle_key(&key('c'));
    type_str(&mut app, "不要");
    app.handle_key(&ctrl('c'));
    app.handle_key(&ctrl('c'));
    assert!(app.quit);
    assert!(app.note.is_none());
    render(&mut app, 80, 24);
    term = render(&mut app, 120, 40);
    drop(term);
    assert_eq!(
        app.decision_on(r, f)
            .and_then(|d| d.note.clone())
            .as_deref(),
        Some("请核对总计。")
    );
}

#[test]
fn undo_says_what_it_undid_and_ctrl_y_redoes() {
    let dir = samples_copy();
    let mut app = review_app(dir.path());
    let (r, f) = on_xunhua_failure(&mut app);
    let rule = app.corpus.reports[r].findings[f].rule;
    let verdict = |app: &App| app.decision_on(r, f).and_then(|d| d.verdict);

    app.handle_key(&key('a'));
    app.handle_key(&key('x'));
    app.handle_key(&key('u'));
    assert_eq!(verdict(&app), Some(Verdict::Confirmed));
    let m = message(&app);
    assert!(m.starts_with(&format!("已撤销: ✗ 已驳回 {rule}")), "{m}");
    assert!(m.contains("循化县") && m.contains("Ctrl-y 重做"), "{m}");
    let term = render(&mut app, 120, 40);
    let s = screen(&term);
    assert!(s.contains("已撤销: ✗ 已驳回"), "{s}");

    app.handle_key(&key('u'));
    assert!(app.decision_on(r, f).is_none());
    assert!(message(&app).starts_with("已撤销: ✓ 已确认"));

    // Redo, oldest undone last: confirm, then dismiss; saved each time.
    app.handle_key(&ctrl('y'));
    assert_eq!(verdict(&app), Some(Verdict::Confirmed));
    assert!(
        message(&app).starts_with("已重做: ✓ 已确认"),
        "{}",
        message(&app)
    );
    app.handle_key(&ctrl('y'));
    assert_eq!(verdict(&app), Some(Verdict::Dismissed));
    let saved = std::fs::read_to_string(dir.path().join(review::FILE_NAME)).unwrap_or_default();
    assert!(saved.contains("\"dismissed\""));
    app.handle_key(&ctrl('y'));
    assert_eq!(message(&app), "没有可重做的审阅操作");

    // Undo twice more, then a new change: nothing is left to redo.
    app.handle_key(&key('u'));
    app.handle_key(&key('m'));
    app.handle_key(&ctrl('y'));
    assert_eq!(message(&app), "没有可重做的审阅操作");
    assert_eq!(verdict(&app), Some(Verdict::Confirmed));
    // Status changes undo and redo with who set them.
    app.handle_key(&key('u'));
    assert_eq!(app.report_status(r), None);
    assert!(message(&app).starts_with("已撤销: 状态: ⋯ 审阅中"));
    app.handle_key(&ctrl('y'));
    assert_eq!(app.report_status(r), Some(ReportStatus::InProgress));
}

#[test]
fn marking_reviewed_with_undecided_errors_asks_first() {
    let dir = samples_copy();
    let mut app = review_app(dir.path());
    let (r, _) = on_xunhua_failure(&mut app);
    let undecided = app.tree.mark(r).undecided;
    assert!(undecided > 0);
    app.handle_key(&key('m'));
    assert_eq!(app.report_status(r), Some(ReportStatus::InProgress));
    app.handle_key(&key('m'));
    assert_eq!(
        app.report_status(r),
        Some(ReportStatus::InProgress),
        "asked"
    );
    let m = message(&app);
    assert!(
        m.contains(&format!("还有 {undecided} 条错误/警告未决定")) && m.contains("再按 m"),
        "{m}"
    );
    // Another key in between: the question is gone, `m` asks again.
    app.handle_key(&key('j'));
    app.handle_key(&key('m'));
    assert_eq!(app.report_status(r), Some(ReportStatus::InProgress));
    app.handle_key(&key('m'));
    assert_eq!(app.report_status(r), Some(ReportStatus::Reviewed));

    // With every error and warning decided, reviewed at once.
    app.handle_key(&key('m'));
    assert_eq!(app.report_status(r), None);
    app.focus_pane(Pane::Findings);
    app.handle_key(&key('g'));
    for _ in 0..app.corpus.reports[r].findings.len() {
        app.handle_key(&key('x'));
        app.handle_key(&key('j'));
    }
    assert_eq!(app.tree.mark(r).undecided, 0);
    app.handle_key(&key('m'));
    app.handle_key(&key('m'));
    assert_eq!(app.report_status(r), Some(ReportStatus::Reviewed));
}

#[test]
fn undecided_counts_errors_and_warnings_not_info() {
    let dir = samples_copy();
    let app = review_app(dir.path());
    let info: usize = app
        .corpus
        .reports
        .iter()
        .map(|r| r.count(Severity::Info))
        .sum();
    assert!(info > 0, "the samples raise info findings");
    for (i, r) in app.corpus.reports.iter().enumerate() {
        let decisive = r.findings.len() - r.count(Severity::Info);
        assert_eq!(app.tree.marks()[i].undecided, decisive, "{}", r.path);
    }
    let total: usize = app.tree.marks().iter().map(|m| m.undecided).sum();
    assert_eq!(app.review_progress().2, total);
}

fn config_file(dir: &Path, reviewer: &str) -> PathBuf {
    let p = dir.join("config.toml");
    std::fs::write(&p, format!("reviewer = \"{reviewer}\"\n")).expect("config");
    p
}

#[test]
fn an_unnamed_reviewer_is_said_once_in_the_status_bar() {
    let dir = samples_copy();
    let conf = tempfile::tempdir().expect("temp dir");
    let opts = nianbao::tui::Options {
        dir: Some(dir.path().to_path_buf()),
        config: Some(config_file(conf.path(), "")),
        ..Default::default()
    };
    let mut app = nianbao::tui::app_for_user(&opts, None).expect("app");
    app.start_loading();
    assert!(app.pump_until_loaded(Duration::from_secs(60)));
    let term = render(&mut app, 120, 40);
    assert!(screen(&term).contains("审阅人未设置"), "{}", screen(&term));
    assert_eq!(
        app.review.as_ref().map(|r| r.reviewer.as_str()),
        Some("unknown")
    );
    // Once: the next key clears it.
    app.handle_key(&key('j'));
    assert!(!screen(&render(&mut app, 120, 40)).contains("审阅人未设置"));

    // $USER, or the configured name, is enough.
    let app = nianbao::tui::app_for_user(&opts, Some("alice")).expect("app");
    assert!(app.message.is_none());
    assert_eq!(
        app.review.as_ref().map(|r| r.reviewer.as_str()),
        Some("alice")
    );
    let opts = nianbao::tui::Options {
        config: Some(config_file(conf.path(), "乙")),
        ..opts
    };
    let app = nianbao::tui::app_for_user(&opts, None).expect("app");
    assert!(app.message.is_none());
    assert_eq!(app.review.as_ref().map(|r| r.reviewer.as_str()), Some("乙"));
}
