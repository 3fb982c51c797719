use super::*;
use std::sync::mpsc::channel;

fn write(dir: &Path, name: &str, text: &str) {
    if let Err(e) = std::fs::write(dir.join(name), text) {
        panic!("writing {name}: {e}");
    }
}

/// A streamed load applied event by event ends where a blocking load ends: same
/// reports, same errors, same findings (the cross-report ones included).
#[test]
fn streaming_and_blocking_loads_agree() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples");
    let blocking = load_dir(&root);
    let (tx, rx) = channel();
    let r = root.clone();
    let worker =
        std::thread::spawn(move || load_streaming(&r, tx, Arc::new(AtomicBool::new(false))));
    let mut c = Corpus::new(Some(&root));
    let mut finished = 0;
    for ev in rx {
        if let Change::Finished { cancelled } = c.apply(ev) {
            assert!(!cancelled);
            finished += 1;
        }
    }
    assert!(worker.join().is_ok());
    assert_eq!(finished, 1);
    assert!(c.progress().finished);
    let summary = |c: &Corpus| -> Vec<(String, Vec<String>)> {
        c.by_path()
            .into_iter()
            .map(|i| {
                let r = &c.reports[i];
                // The same findings (the inspector's corpus lists them in display
                // order, the blocking load in catalogue order).
                let mut fs: Vec<String> = r
                    .findings
                    .iter()
                    .map(|f| format!("{} {}", f.rule, f.message))
                    .collect();
                fs.sort();
                (r.path.clone(), fs)
            })
            .collect()
    };
    assert_eq!(summary(&c), summary(&blocking));
    assert_eq!(c.errors, blocking.errors);
    assert!(!c.index().is_empty());
    assert!(blocking.index().is_empty());
}

#[test]
fn cross_report_findings_arrive_with_finished_and_review_keys_are_relative() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("tempdir: {e}"),
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples");
    let Some(sample) = std::fs::read_dir(&root)
        .ok()
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .min()
    else {
        panic!("no .txt sample");
    };
    let text = std::fs::read_to_string(&sample).unwrap_or_default();
    // The same report twice: C04 (a duplicate) on both.
    write(dir.path(), "a.txt", &text);
    write(dir.path(), "b.txt", &text);
    let (tx, rx) = channel();
    let p = dir.path().to_path_buf();
    let worker =
        std::thread::spawn(move || load_streaming(&p, tx, Arc::new(AtomicBool::new(false))));
    let mut c = Corpus::new(Some(dir.path()));
    let mut before_finish = 0;
    for ev in rx {
        let finishing = matches!(ev, LoadEvent::Finished { .. });
        if !finishing {
            let _ = c.apply(ev);
            before_finish = c
                .reports
                .iter()
                .flat_map(|r| &r.findings)
                .filter(|f| f.rule == "C04")
                .count();
        } else {
            c.apply(ev);
        }
    }
    assert!(worker.join().is_ok());
    assert_eq!(before_finish, 0);
    let c04 = c
        .reports
        .iter()
        .filter(|r| r.findings.iter().any(|f| f.rule == "C04"))
        .count();
    assert_eq!(c04, 2);
    let mut keys: Vec<&str> = c.ixs().filter_map(|i| c.review_key(i)).collect();
    keys.sort();
    assert_eq!(keys, ["a.txt", "b.txt"]);
    assert!(c.by_review_key("b.txt").is_some());
    // Events after the end change nothing.
    assert_eq!(
        c.apply(LoadEvent::Finished {
            cancelled: true,
            cross: vec![]
        }),
        Change::Nothing
    );
}

/// Failures arriving in any order end up in path order, equal paths in arrival order (what
/// a stable sort of the list gives), whichever order they came in.
#[test]
fn failures_are_kept_in_path_order_as_they_arrive() {
    let paths = [
        "d.pdf", "a.pdf", "c.pdf", "a.pdf", "b.pdf", "d.pdf", "a.pdf",
    ];
    let mut c = Corpus::headless(Path::new("/nowhere"));
    c.apply(LoadEvent::Started {
        total: paths.len(),
        skipped: Vec::new(),
        errors: Vec::new(),
    });
    let errors: Vec<LoadError> = paths
        .iter()
        .enumerate()
        .map(|(i, p)| LoadError {
            path: p.to_string(),
            error: format!("failure {i}"),
        })
        .collect();
    for (index, e) in errors.iter().enumerate() {
        let change = c.apply(LoadEvent::Loaded {
            index,
            result: Box::new(Err(e.clone())),
        });
        assert_eq!(change, Change::Failed);
    }
    let mut want = errors;
    want.sort_by(|a, b| a.path.cmp(&b.path));
    assert_eq!(c.errors, want);
}
