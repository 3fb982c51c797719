use super::*;

#[test]
fn rfc3339_dates() {
    assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
    assert_eq!(rfc3339(1_700_000_000), "2023-11-14T22:13:20Z");
}

#[test]
fn unknown_fields_are_kept_and_unknown_versions_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(FILE_NAME);
    fs::write(
        &p,
        r#"{"version":1,"future":{"a":1},"reports":{"x.txt":{"status":"reviewed",
        "annotations":[{"cell":"t3/new/total","value":3}],"decisions":[]}}}"#,
    )
    .unwrap();
    let mut r = Review::open(&p, "甲".into()).unwrap();
    assert!(r.read_only.is_none());
    let undo = r.set_status("x.txt", None).unwrap();
    r.undo(undo).unwrap();
    let saved: Value = serde_json::from_slice(&fs::read(&p).unwrap()).unwrap();
    assert_eq!(saved["future"]["a"], 1);
    assert_eq!(saved["reports"]["x.txt"]["annotations"][0]["value"], 3);
    drop(r);

    fs::write(&p, r#"{"version":2,"reports":{}}"#).unwrap();
    let r = Review::open(&p, "甲".into()).unwrap();
    let why = r.read_only.clone().unwrap_or_default();
    assert!(why.contains("version 2"), "{why}");
    // Read-only: decisions are refused, and the lock is not held.
    assert!(r.writable().is_err());
    assert!(Lock::acquire(&p).is_ok());
}

#[test]
fn undoing_a_status_restores_who_and_when() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(FILE_NAME);
    let mut a = Review::open(&p, "甲".into()).unwrap();
    a.set_status("x.txt", Some(ReportStatus::InProgress))
        .unwrap();
    let before = a.report("x.txt").cloned().unwrap_or_default();
    a.reviewer = "乙".into();
    let undo = a.set_status("x.txt", Some(ReportStatus::Reviewed)).unwrap();
    assert_eq!(
        a.report("x.txt")
            .and_then(|r| r.status_by.clone())
            .as_deref(),
        Some("乙")
    );
    a.undo(undo).unwrap();
    assert_eq!(a.report("x.txt").cloned().unwrap_or_default(), before);
}
