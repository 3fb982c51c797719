//! Review state: decisions saved atomically, reloaded, kept across report changes (stale
//! when their finding is gone), undo, and the lock.

use nianbao::model::{Finding, Report, Severity};
use nianbao::review::{self, DecisionState, ReportStatus, Review, Verdict};
use nianbao::template::TableId;
use std::fs;
use std::path::Path;

fn seed() -> Report {
    let p = format!(
        "{}/samples/xunhua-2020-broken-extraction.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    nianbao::corpus::load_one(Path::new(&p), "x.txt").unwrap()
}

fn finding(rule: &str, row: &'static str, msg: &str) -> Finding {
    Finding {
        rule: nianbao::validate::rule_info(rule)
            .expect("a catalogue rule")
            .id,
        severity: Severity::Warning,
        message: msg.to_string(),
        section: Some(3),
        table: Some(TableId::T3),
        row: Some(row),
        column: Some("total"),
        lines: vec![56],
    }
}

#[test]
fn decisions_round_trip_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(review::FILE_NAME);
    let report = seed();
    let f1 = finding(
        "A02",
        "processed_total",
        "（七）总计·总计列：各项之和为 1，表中为空",
    );
    let f2 = finding("A03", "processed_total", "一+二 = 1，（七）+四 = 0");
    {
        let mut r = Review::open(&path, "auditor".into()).unwrap();
        assert!(r.read_only.is_none());
        r.decide("x.txt", &report, &f1, Some(Verdict::Confirmed), None)
            .unwrap();
        r.decide(
            "x.txt",
            &report,
            &f1,
            None,
            Some("请核对（七）总计，应为 1。".into()),
        )
        .unwrap();
        let u = r
            .decide("x.txt", &report, &f2, Some(Verdict::Dismissed), None)
            .unwrap();
        r.set_status("x.txt", Some(ReportStatus::InProgress))
            .unwrap();
        assert_eq!(r.undecided("x.txt", &[f1.clone(), f2.clone()]), 0);
        r.undo(u).unwrap();
        assert_eq!(r.undecided("x.txt", &[f1.clone(), f2.clone()]), 1);
    }
    // Reopen: what was saved is there, in Chinese, with reviewer and time.
    let r = Review::open(&path, "auditor".into()).unwrap();
    let d = r.decision("x.txt", &review::fingerprint(&f1)).unwrap();
    assert_eq!(d.verdict, Some(Verdict::Confirmed));
    assert_eq!(d.note.as_deref(), Some("请核对（七）总计，应为 1。"));
    assert_eq!(d.reviewer, "auditor");
    assert!(d.time.ends_with('Z'));
    assert!(r.decision("x.txt", &review::fingerprint(&f2)).is_none());
    assert_eq!(
        r.report("x.txt").unwrap().status,
        Some(ReportStatus::InProgress)
    );
}

#[test]
fn a_crash_before_rename_leaves_the_previous_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(review::FILE_NAME);
    let report = seed();
    let f1 = finding("A02", "processed_total", "m1");
    let mut r = Review::open(&path, "a".into()).unwrap();
    r.decide("x.txt", &report, &f1, Some(Verdict::Confirmed), None)
        .unwrap();
    let before = fs::read(&path).unwrap();
    // Simulate a crash between writing the temporary file and renaming it.
    let mut changed = r.file.clone();
    changed.reports.clear();
    let tmp = review::write_temp(&path, &changed).unwrap();
    assert!(tmp.path().exists());
    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "target untouched until rename"
    );
    // The crashed writer's temporary file stays behind ...
    let (_, left) = tmp.keep().unwrap();
    drop(r);
    let again = Review::open(&path, "a".into()).unwrap();
    assert!(again.decision("x.txt", &review::fingerprint(&f1)).is_some());
    // ... until the next lock holder removes it.
    assert!(!left.exists(), "leftover {} not removed", left.display());
}

#[test]
fn changed_reports_keep_valid_decisions_and_mark_others_stale() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(review::FILE_NAME);
    let report = seed();
    let keep = finding("A02", "processed_total", "still there");
    let gone = finding("S06", "new", "fixed in the new version");
    let mut r = Review::open(&path, "a".into()).unwrap();
    r.decide("x.txt", &report, &keep, Some(Verdict::Confirmed), None)
        .unwrap();
    r.decide("x.txt", &report, &gone, Some(Verdict::Dismissed), None)
        .unwrap();
    // The report changed: only `keep` is still found.
    let states = r.decisions_with_state("x.txt", std::slice::from_ref(&keep));
    assert_eq!(states.len(), 2, "no decision is dropped");
    let st = |fp: &str| states.iter().find(|(d, _)| d.fingerprint == fp).unwrap().1;
    assert_eq!(st(&review::fingerprint(&keep)), DecisionState::Current);
    assert_eq!(st(&review::fingerprint(&gone)), DecisionState::Stale);
}

#[test]
fn a_second_instance_opens_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(review::FILE_NAME);
    let report = seed();
    let first = Review::open(&path, "a".into()).unwrap();
    assert!(first.read_only.is_none());
    let mut second = Review::open(&path, "b".into()).unwrap();
    assert!(
        second
            .read_only
            .as_deref()
            .unwrap()
            .contains("another nianbao")
    );
    let f = finding("A02", "processed_total", "m");
    assert!(
        second
            .decide("x.txt", &report, &f, Some(Verdict::Confirmed), None)
            .is_err()
    );
    assert!(!path.exists(), "read-only instance wrote nothing");
    drop(first);
    let third = Review::open(&path, "c".into()).unwrap();
    assert!(third.read_only.is_none());
}

#[test]
fn a_corrupt_review_file_is_refused_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(review::FILE_NAME);
    fs::write(&path, "{not json").unwrap();
    let err = Review::open(&path, "a".into()).unwrap_err();
    assert!(matches!(err, review::ReviewError::Invalid { .. }), "{err}");
    assert!(err.to_string().contains("not a valid review file"));
    assert_eq!(fs::read_to_string(&path).unwrap(), "{not json");
}

#[test]
fn year_over_year_comparison_marks_changes_and_carry_over_breaks() {
    use nianbao::compare;
    let dir = format!("{}/tests/fixtures/years", env!("CARGO_MANIFEST_DIR"));
    let corpus = nianbao::corpus::load_dir(Path::new(&dir));
    let reports = &corpus.reports;
    assert_eq!(reports.len(), 2);
    let later = reports
        .iter()
        .position(|r| r.year.as_ref().unwrap().value == 2022)
        .unwrap();
    let earlier = compare::previous_year(reports, later).expect("2021 report found");
    assert_eq!(
        compare::same_agency_reports(reports, later),
        vec![earlier, later]
    );
    let cmp = compare::compare(&reports[earlier], &reports[later], TableId::T3);
    let carry = cmp.carry.unwrap();
    assert_eq!(
        (carry.carried_forward, carry.carried_over),
        (Some(2.0), Some(3.0))
    );
    assert!(carry.broken());
    let new = cmp.rows.iter().find(|r| r.key == "new").unwrap();
    assert_eq!(new.earlier[0].unwrap().value, Some(5.0));
    assert_eq!(new.later[0].unwrap().value, Some(4.0));
    assert!(new.changed[0] && !new.changed[1]);
    // C03 fires on the later report.
    assert!(reports[later].findings.iter().any(|f| f.rule == "C03"));
    assert!(!reports[earlier].findings.iter().any(|f| f.rule == "C03"));
}
