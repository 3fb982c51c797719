//! A loaded folder: every report, every file that failed, and the cross-report rules.
//! Loading runs on rayon's worker threads; [`load_streaming`] sends each result over a
//! channel as it finishes so a UI can show progress and fill its tree as reports arrive.

use crate::ingest;
use crate::model::{LoadError, Report, Skipped};
use crate::parse;
use crate::validate;
use rayon::prelude::*;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;

#[derive(Debug, Default)]
pub struct Corpus {
    pub reports: Vec<Report>,
    pub errors: Vec<LoadError>,
    /// Files not read, with the reason.
    pub skipped: Vec<Skipped>,
}

/// What a background load reports, in order: `Started`, then one `Loaded` per file (in
/// completion order), then `Finished`.
#[derive(Debug)]
pub enum LoadEvent {
    /// The folder was walked: `total` files will be loaded.
    Started {
        total: usize,
        skipped: Vec<Skipped>,
        errors: Vec<LoadError>,
    },
    /// One file finished: its index in the walk order and its result.
    Loaded {
        index: usize,
        result: Box<Result<Report, LoadError>>,
    },
    /// All files are done (or the load was cancelled).
    Finished { cancelled: bool },
}

/// Load, parse and validate one file (single-report rules only).
pub fn load_one(path: &Path, display: &str) -> Result<Report, LoadError> {
    let doc = ingest::load(path, display)?;
    let mut report = parse::parse(doc);
    validate::validate(&mut report);
    Ok(report)
}

/// Load a whole folder in parallel and run the cross-report rules. Blocking.
/// Reports and errors are in walk order (sorted by path).
pub fn load_dir(root: &Path) -> Corpus {
    load_dir_with(root, true)
}

/// [`load_dir`], optionally dropping each report's source text once it is validated (the
/// headless commands never show it; a large folder then needs far less memory).
pub fn load_dir_with(root: &Path, keep_source: bool) -> Corpus {
    let found = ingest::discover(root);
    let results: Vec<Result<Report, LoadError>> = found
        .files
        .par_iter()
        .map(|(p, d)| {
            let mut r = load_one(p, d)?;
            if !keep_source {
                r.drop_source();
            }
            Ok(r)
        })
        .collect();
    let mut corpus = Corpus {
        skipped: found.skipped,
        errors: found.errors,
        ..Corpus::default()
    };
    for r in results {
        match r {
            Ok(rep) => corpus.reports.push(rep),
            Err(e) => corpus.errors.push(e),
        }
    }
    validate::validate_corpus(&mut corpus.reports);
    corpus
}

/// Load a folder on rayon's pool, sending events to `tx` as files finish. Returns when all
/// files are done or `cancel` is set. Cross-report rules are not run: the receiver runs
/// [`validate::validate_corpus`] once it has everything. A closed receiver stops the load.
pub fn load_streaming(root: &Path, tx: Sender<LoadEvent>, cancel: Arc<AtomicBool>) {
    let found = ingest::discover(root);
    let total = found.files.len();
    if tx
        .send(LoadEvent::Started {
            total,
            skipped: found.skipped,
            errors: found.errors,
        })
        .is_err()
    {
        return;
    }
    found
        .files
        .par_iter()
        .enumerate()
        .for_each_with(tx.clone(), |tx, (index, (p, d))| {
            if cancel.load(Ordering::Relaxed) {
                return;
            }
            let result = Box::new(load_one(p, d));
            if tx.send(LoadEvent::Loaded { index, result }).is_err() {
                cancel.store(true, Ordering::Relaxed);
            }
        });
    let _ = tx.send(LoadEvent::Finished {
        cancelled: cancel.load(Ordering::Relaxed),
    });
}
