//! The review workflow in the inspector, through real key events: verdicts, notes in
//! Chinese, report status, undo, saving and reloading, read-only mode, stale decisions,
//! and the year-over-year view.

mod tui_support;

use crossterm::event::KeyCode;
use nianbao::model::Severity;
use nianbao::review::{self, ReportStatus, Verdict};
use nianbao::template::TableId;
use nianbao::tui::app::Target;
use nianbao::tui::{Action, App, Keymap, Mode, Pane};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tui_support::{
    ctrl, index_of, key, on_xunhua_failure, render, review_app, samples_copy, screen, special,
    theme, type_str,
};

fn verdict(
    app: &App,
    r: nianbao::model::ReportIx,
    f: nianbao::model::FindingIx,
) -> Option<Verdict> {
    app.decision_on(r, f).and_then(|d| d.verdict)
}

fn note(app: &App, r: nianbao::model::ReportIx, f: nianbao::model::FindingIx) -> Option<String> {
    app.decision_on(r, f).and_then(|d| d.note.clone())
}

fn review_json(dir: &Path) -> String {
    std::fs::read_to_string(dir.join(review::FILE_NAME)).unwrap_or_default()
}

#[test]
fn confirm_dismiss_note_status_and_undo_through_keys() {
    let dir = samples_copy();
    let mut app = review_app(dir.path());
    assert!(app.review_read_only().is_none());
    let (r, f) = on_xunhua_failure(&mut app);
    let undecided = app.review_progress().2;
    assert!(undecided > 0);

    app.handle_key(&key('a'));
    assert_eq!(verdict(&app, r, f), Some(Verdict::Confirmed));
    assert!(review_json(dir.path()).contains("\"confirmed\""));
    assert_eq!(app.review_progress().2, undecided - 1);
    app.handle_key(&key('x'));
    assert_eq!(verdict(&app, r, f), Some(Verdict::Dismissed));
    assert!(review_json(dir.path()).contains("\"dismissed\""));

    // A note in Chinese, over two lines; Ctrl-s saves.
    app.handle_key(&key('c'));
    assert_eq!(app.mode, Mode::Note);
    type_str(&mut app, "请核对总计");
    app.handle_key(&special(KeyCode::Enter));
    type_str(&mut app, "应为1");
    app.handle_key(&ctrl('s'));
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(note(&app, r, f).as_deref(), Some("请核对总计\n应为1"));
    assert!(review_json(dir.path()).contains("请核对总计\\n应为1"));
    // The verdict stays.
    assert_eq!(verdict(&app, r, f), Some(Verdict::Dismissed));

    // Reopened, the note is pre-filled; Esc cancels what was typed.
    app.handle_key(&key('c'));
    assert_eq!(
        app.note.as_ref().map(|n| n.text()).as_deref(),
        Some("请核对总计\n应为1")
    );
    type_str(&mut app, "不要保存");
    app.handle_key(&special(KeyCode::Esc));
    assert_eq!(app.mode, Mode::Normal);
    assert!(app.note.is_none());
    assert_eq!(note(&app, r, f).as_deref(), Some("请核对总计\n应为1"));

    // Report status cycles none → in progress → reviewed → none.
    assert_eq!(app.report_status(r), None);
    app.handle_key(&key('m'));
    assert_eq!(app.report_status(r), Some(ReportStatus::InProgress));
    // Findings are undecided: reviewed only when `m` is pressed again to confirm.
    app.handle_key(&key('m'));
    assert_eq!(app.report_status(r), Some(ReportStatus::InProgress));
    app.handle_key(&key('m'));
    assert_eq!(app.report_status(r), Some(ReportStatus::Reviewed));
    assert_eq!(app.review_progress().0, 1);
    assert!(review_json(dir.path()).contains("\"reviewed\""));

    // Undo, newest first: status, status, note, dismiss, confirm.
    app.handle_key(&key('u'));
    assert_eq!(app.report_status(r), Some(ReportStatus::InProgress));
    app.handle_key(&key('u'));
    assert_eq!(app.report_status(r), None);
    app.handle_key(&key('u'));
    assert_eq!(note(&app, r, f), None);
    assert_eq!(verdict(&app, r, f), Some(Verdict::Dismissed));
    app.handle_key(&key('u'));
    assert_eq!(verdict(&app, r, f), Some(Verdict::Confirmed));
    app.handle_key(&key('u'));
    assert!(app.decision_on(r, f).is_none());
    assert_eq!(app.review_progress().2, undecided);
    app.handle_key(&key('u'));
    assert_eq!(app.message.as_deref(), Some("没有可撤销的审阅操作"));
    assert!(!review_json(dir.path()).contains("请核对"));
}

#[test]
fn review_keys_need_a_selected_finding() {
    let dir = samples_copy();
    let mut app = review_app(dir.path());
    let r = index_of(&app, "xunhua");
    app.jump(&Target::Report(r));
    app.handle_key(&key('a'));
    assert!(app.message.as_deref().is_some_and(|m| m.contains("先选择")));
    assert!(
        app.decision_on(r, nianbao::model::FindingIx::new(0))
            .is_none()
    );
    // In the findings pane the highlighted finding is the target.
    app.focus_pane(Pane::Findings);
    app.handle_key(&key('j'));
    app.handle_key(&key('a'));
    let f = app.selected_finding().expect("selected");
    assert_eq!(verdict(&app, r, f), Some(Verdict::Confirmed));
}

#[test]
fn marks_show_in_findings_tree_detail_and_status_bar() {
    let dir = samples_copy();
    let mut app = review_app(dir.path());
    let (r, f) = on_xunhua_failure(&mut app);
    app.handle_key(&key('a'));
    app.handle_key(&key('c'));
    type_str(&mut app, "请核对总计");
    app.handle_key(&ctrl('s'));
    app.handle_key(&key('m'));
    assert_eq!(note(&app, r, f).as_deref(), Some("请核对总计"));
    let term = render(&mut app, 120, 40);
    let s = screen(&term);
    assert!(s.contains("✓✎E! S05"), "{s}");
    assert!(s.contains("✎ 请核对总计 │ S05"), "{s}");
    assert!(s.contains("⋯ 202"), "{s}");
    assert!(s.contains("已审 0/5 份 · 待定"), "{s}");
    assert!(s.contains("待"), "{s}");
}

#[test]
fn save_and_reload_round_trip_through_the_app() {
    let dir = samples_copy();
    let (r, f, fp) = {
        let mut app = review_app(dir.path());
        let (r, f) = on_xunhua_failure(&mut app);
        app.handle_key(&key('a'));
        app.handle_key(&key('c'));
        type_str(&mut app, "请核对总计");
        app.handle_key(&ctrl('s'));
        app.handle_key(&key('m'));
        let fp = review::fingerprint(&app.corpus.reports[r].findings[f]);
        (r, f, fp)
    };
    // The first app is gone (its lock with it): a new one reads what was saved.
    let mut app = review_app(dir.path());
    assert!(app.review_read_only().is_none());
    let r2 = index_of(&app, "xunhua");
    let f2 = app.corpus.reports[r2]
        .findings
        .iter()
        .position(|x| review::fingerprint(x) == fp)
        .map(nianbao::model::FindingIx::new)
        .expect("same finding");
    let _ = (r, f);
    assert_eq!(verdict(&app, r2, f2), Some(Verdict::Confirmed));
    assert_eq!(note(&app, r2, f2).as_deref(), Some("请核对总计"));
    assert_eq!(app.report_status(r2), Some(ReportStatus::InProgress));
    app.jump(&Target::Report(r2));
    app.handle_key(&key(']'));
    let s = screen(&render(&mut app, 100, 30));
    assert!(s.contains("✓✎"), "{s}");
    assert!(s.contains("请核对总计"), "{s}");
    let json = review_json(dir.path());
    assert!(json.contains("审计员"), "{json}");
}

#[test]
fn a_second_app_on_the_same_folder_is_read_only() {
    let dir = samples_copy();
    let mut first = review_app(dir.path());
    on_xunhua_failure(&mut first);
    first.handle_key(&key('a'));
    let before = review_json(dir.path());
    let mut second = review_app(dir.path());
    assert!(second.review_read_only().is_some());
    let (r, f) = on_xunhua_failure(&mut second);
    // It still shows what the first one decided.
    assert_eq!(verdict(&second, r, f), Some(Verdict::Confirmed));
    for k in ['x', 'c', 'm', 'u'] {
        second.handle_key(&key(k));
        assert_eq!(second.mode, Mode::Normal);
        assert!(
            second
                .message
                .as_deref()
                .is_some_and(|m| m.starts_with("只读")),
            "{k}: {:?}",
            second.message
        );
    }
    assert_eq!(review_json(dir.path()), before);
    let s = screen(&render(&mut second, 120, 40));
    let status = s.lines().last().unwrap_or_default();
    assert!(status.starts_with("[只读]"), "{s}");
    let s = screen(&render(&mut second, 80, 24));
    assert!(
        s.lines().last().unwrap_or_default().starts_with("[只读]"),
        "{s}"
    );
    // The first keeps working.
    first.handle_key(&key('x'));
    assert!(review_json(dir.path()).contains("\"dismissed\""));
}

#[test]
fn a_corrupt_review_file_is_shown_and_never_overwritten() {
    let dir = samples_copy();
    let path = dir.path().join(review::FILE_NAME);
    std::fs::write(&path, "{ not json").expect("write");
    let mut app = review_app(dir.path());
    let why = app.review_read_only().expect("read-only");
    assert!(why.contains("not a valid review file"), "{why}");
    on_xunhua_failure(&mut app);
    app.handle_key(&key('a'));
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.starts_with("只读"))
    );
    let s = screen(&render(&mut app, 120, 40));
    assert!(s.contains("[只读: 审阅文件无效]"), "{s}");
    assert_eq!(
        std::fs::read_to_string(&path).ok().as_deref(),
        Some("{ not json")
    );
}

#[test]
fn a_decision_whose_finding_disappears_is_listed_as_stale() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("xunhua.txt");
    let sample =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/xunhua-2020-broken-extraction.txt");
    std::fs::copy(&sample, &file).expect("copy");
    let mut app = review_app(dir.path());
    let r = index_of(&app, "xunhua");
    app.jump(&Target::Report(r));
    // T03 (info) through the findings pane: Tab there, move onto it, confirm, note.
    // The inspector lists findings in their order in the report.
    let pos = app.corpus.reports[r]
        .findings
        .iter()
        .position(|f| f.rule == "T03")
        .expect("T03");
    app.focus_pane(Pane::Findings);
    app.handle_key(&key('g'));
    for _ in 0..pos {
        app.handle_key(&key('j'));
    }
    app.handle_key(&key('a'));
    app.handle_key(&key('c'));
    type_str(&mut app, "期限不全");
    app.handle_key(&ctrl('s'));
    assert!(app.stale_decisions().is_empty());
    // The report changes: the statistics period now covers the whole year.
    let text = std::fs::read_to_string(&file).expect("read");
    assert!(text.contains("12月28日"));
    std::fs::write(&file, text.replace("12月28日", "12月31日")).expect("write");
    app.handle_key(&ctrl('r'));
    assert!(app.pump_until_loaded(Duration::from_secs(60)));
    let r = index_of(&app, "xunhua");
    assert_eq!(app.current, Some(r));
    assert!(
        !app.corpus.reports[r]
            .findings
            .iter()
            .any(|f| f.rule == "T03")
    );
    let stale = app.stale_decisions();
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0].rule, "T03");
    // Listed after the findings, and selectable to read its note.
    app.focus_pane(Pane::Findings);
    app.handle_key(&key('G'));
    let s = screen(&render(&mut app, 120, 40));
    assert!(s.contains("✓✎(stale/已失效) T03"), "{s}");
    assert!(s.contains("(stale/已失效) ✎ 期限不全 │ T03"), "{s}");
    // Review keys do not act on it.
    app.handle_key(&key('x'));
    assert!(app.message.as_deref().is_some_and(|m| m.contains("已失效")));
}

#[test]
fn filter_only_reports_with_undecided_findings() {
    let dir = samples_copy();
    let mut app = review_app(dir.path());
    let agencies = |app: &App| app.tree.rows().iter().filter(|r| r.depth == 0).count();
    let all = agencies(&app);
    app.handle_key(&key('U'));
    assert!(app.tree.only_undecided());
    // Every sample but one has errors or warnings: listed. Info findings ask for no
    // decision, so the sample with only those drops out.
    let with_info_only: Vec<String> = app
        .corpus
        .reports
        .iter()
        .filter(|r| !r.findings.is_empty() && r.findings.len() == r.count(Severity::Info))
        .map(|r| r.path.clone())
        .collect();
    assert_eq!(
        agencies(&app),
        all - with_info_only.len(),
        "{with_info_only:?}"
    );
    // Decide every finding of 漫路 (one warning): it drops out.
    let r = index_of(&app, "manlu");
    app.jump(&Target::Report(r));
    app.focus_pane(Pane::Findings);
    let n = app.corpus.reports[r].findings.len();
    app.handle_key(&key('g'));
    for _ in 0..n {
        app.handle_key(&key('x'));
        app.handle_key(&key('j'));
    }
    assert_eq!(app.tree.mark(r).undecided, 0);
    assert_eq!(agencies(&app), all - 1 - with_info_only.len());
    app.handle_key(&key('U'));
    assert_eq!(agencies(&app), all);
}

// ---- start-up ----------------------------------------------------------------------

#[test]
fn the_first_report_opens_on_its_table_3_with_the_source_in_view() {
    let dir = samples_copy();
    let mut app = review_app(dir.path());
    let r = app.current.expect("a report is open at start");
    assert_eq!(app.tree.report_order(&app.corpus).first(), Some(&r));
    assert_eq!(app.cursor.table, TableId::T3);
    let hl = app
        .source
        .highlight
        .expect("the cell's source is highlighted");
    let term = render(&mut app, 120, 40);
    let s = screen(&term);
    assert!(s.contains("表三"), "{s}");
    let line = hl.line_start as usize;
    let top = app.source.top + 1;
    assert!(
        (top..top + app.viewport.source).contains(&line),
        "line {line} not in view from {top}"
    );
    // Moving the table cursor far down keeps the highlighted line in view.
    app.focus_pane(Pane::Table);
    app.handle_key(&key('G'));
    let hl = app.source.highlight.expect("highlight");
    let top = app.source.top + 1;
    assert!((top..top + app.viewport.source).contains(&(hl.line_start as usize)));
}

#[test]
fn the_highlighted_source_line_is_visible_on_small_and_narrow_screens() {
    let dir = samples_copy();
    for (w, h) in [(120, 16), (100, 30), (70, 12)] {
        let mut app = review_app(dir.path());
        let line = app.source.highlight.expect("highlight").line_start as usize;
        render(&mut app, w, h);
        // Narrow screens show the table; `s` switches the slot to the source.
        if app.viewport.narrow {
            app.handle_key(&key('s'));
            render(&mut app, w, h);
        }
        let top = app.source.top + 1;
        assert!(
            (top..top + app.viewport.source).contains(&line),
            "{w}x{h}: line {line} not in {top}..+{}",
            app.viewport.source
        );
    }
}

// ---- year over year ----------------------------------------------------------------

fn years_app() -> App {
    let rel = PathBuf::from("tests/fixtures/years");
    let root = if rel.is_dir() {
        rel
    } else {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/years")
    };
    let mut app = App::new(Some(root), Keymap::default(), theme(true));
    app.start_loading();
    assert!(app.pump_until_loaded(Duration::from_secs(60)));
    let r = index_of(&app, "2022");
    app.jump(&Target::Report(r));
    app
}

#[test]
fn year_over_year_120x40() {
    let mut app = years_app();
    app.handle_key(&key('Y'));
    assert_eq!(app.mode, Mode::Compare);
    let s = screen(&render(&mut app, 120, 40));
    assert!(
        s.contains("上年“四、结转下年度”总计 2 → 本年“二、上年结转”总计 3  ✗ C03"),
        "{s}"
    );
    assert!(s.contains("Δ"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn year_over_year_80x24() {
    let mut app = years_app();
    app.handle_key(&key('Y'));
    let s = screen(&render(&mut app, 80, 24));
    assert!(s.contains("✗ C03"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn year_over_year_keys_switch_tables_and_close() {
    let mut app = years_app();
    app.handle_key(&key('Y'));
    let table = |app: &App| app.compare.map(|c| c.table);
    assert_eq!(table(&app), Some(TableId::T3));
    // 2 3 4: table 二 三 四, as in the main view.
    app.handle_key(&key('2'));
    assert_eq!(table(&app), Some(TableId::T2));
    app.handle_key(&key('4'));
    assert_eq!(table(&app), Some(TableId::T4));
    app.handle_key(&key('2'));
    assert_eq!(table(&app), Some(TableId::T2));
    let s = screen(&render(&mut app, 120, 40));
    assert!(s.contains("行政规范性文件"), "{s}");
    app.handle_key(&key('l'));
    app.handle_key(&key('l'));
    assert_eq!(table(&app), Some(TableId::T4));
    let s = screen(&render(&mut app, 120, 40));
    assert!(s.contains("复议维持"), "{s}");
    app.handle_key(&key('h'));
    assert_eq!(table(&app), Some(TableId::T3));
    app.handle_key(&key('j'));
    app.handle_key(&special(KeyCode::Esc));
    assert_eq!(app.mode, Mode::Normal);
    assert!(app.compare.is_none());
    app.handle_key(&key('Y'));
    app.handle_key(&key('q'));
    assert_eq!(app.mode, Mode::Normal);
    assert!(!app.quit);
    // From the earlier year, the later one is its partner.
    let r = index_of(&app, "2021");
    app.jump(&Target::Report(r));
    app.update(Action::YearOverYear);
    let cv = app.compare.expect("open");
    assert_eq!((cv.earlier, cv.later), (r, index_of(&app, "2022")));
}

#[test]
fn year_over_year_without_another_year_says_so() {
    let dir = samples_copy();
    let mut app = review_app(dir.path());
    let r = index_of(&app, "manlu");
    app.jump(&Target::Report(r));
    app.handle_key(&key('Y'));
    assert_eq!(app.mode, Mode::Normal);
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.contains("未载入本机关其他年度")),
        "{:?}",
        app.message
    );
}
