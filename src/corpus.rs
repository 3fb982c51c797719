//! A loaded folder: every report, every file that failed, and the cross-report rules.
//! Loading runs on rayon's worker threads; [`load_streaming`] sends each result over a
//! channel as it finishes so a UI can show progress and fill its tree as reports arrive.

use crate::correction::Correction;
use crate::ingest;
use crate::model::{LoadError, Report};
use crate::parse;
use crate::review::Review;
use crate::validate;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;

#[derive(Debug, Default)]
pub struct Corpus {
    pub reports: Vec<Report>,
    pub errors: Vec<LoadError>,
    /// Files skipped because they are not reports.
    pub skipped: Vec<String>,
}

/// What a background load reports, in order: `Started`, then one `Loaded` per file (in
/// completion order), then `Finished`.
#[derive(Debug)]
pub enum LoadEvent {
    /// The folder was walked: `total` files will be loaded.
    Started {
        total: usize,
        skipped: Vec<String>,
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

/// How a folder is loaded: the rule settings in effect and the reviewer's corrections.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub settings: validate::Settings,
    /// Corrections by report key (path relative to `root`), applied before validation.
    pub corrections: HashMap<String, Vec<Correction>>,
    /// The folder the report keys are relative to.
    pub root: PathBuf,
}

impl LoadOptions {
    /// Settings and the corrections stored in a review.
    pub fn new(settings: validate::Settings, root: &Path, review: Option<&Review>) -> LoadOptions {
        let corrections = review.map_or_else(HashMap::new, |rv| {
            rv.file
                .reports
                .iter()
                .filter(|(_, r)| !r.corrections.is_empty())
                .map(|(k, r)| (k.clone(), r.corrections.clone()))
                .collect()
        });
        LoadOptions {
            settings,
            corrections,
            root: root.to_path_buf(),
        }
    }

    fn corrections_for(&self, report_path: &str) -> Option<&[Correction]> {
        if self.corrections.is_empty() {
            return None;
        }
        let key = crate::review::report_key(&self.root, report_path);
        self.corrections.get(&key).map(Vec::as_slice)
    }
}

/// Load, parse and validate one file (single-report rules only).
pub fn load_one(path: &Path, display: &str) -> Result<Report, LoadError> {
    load_one_with(path, display, &LoadOptions::default())
}

/// [`load_one`] with rule settings and corrections (applied before validation).
pub fn load_one_with(path: &Path, display: &str, opts: &LoadOptions) -> Result<Report, LoadError> {
    let doc = ingest::load(path, display)?;
    let mut report = parse::parse(doc);
    if let Some(c) = opts.corrections_for(&report.path) {
        crate::correction::apply(&mut report, c);
    }
    validate::validate_with(&mut report, &opts.settings);
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
    load_dir_opts(root, keep_source, &LoadOptions::default())
}

/// [`load_dir_with`] with rule settings and corrections.
pub fn load_dir_opts(root: &Path, keep_source: bool, opts: &LoadOptions) -> Corpus {
    let found = ingest::discover(root);
    let results: Vec<Result<Report, LoadError>> = found
        .files
        .par_iter()
        .map(|(p, d)| {
            let mut r = load_one_with(p, d, opts)?;
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
    validate::validate_corpus_with(&mut corpus.reports, &opts.settings);
    corpus
}

/// Load a folder on rayon's pool, sending events to `tx` as files finish. Returns when all
/// files are done or `cancel` is set. Cross-report rules are not run: the receiver runs
/// [`validate::validate_corpus`] once it has everything. A closed receiver stops the load.
pub fn load_streaming(root: &Path, tx: Sender<LoadEvent>, cancel: Arc<AtomicBool>) {
    load_streaming_with(root, tx, cancel, &LoadOptions::default());
}

/// [`load_streaming`] with rule settings and corrections.
pub fn load_streaming_with(
    root: &Path,
    tx: Sender<LoadEvent>,
    cancel: Arc<AtomicBool>,
    opts: &LoadOptions,
) {
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
            let result = Box::new(load_one_with(p, d, opts));
            if tx.send(LoadEvent::Loaded { index, result }).is_err() {
                cancel.store(true, Ordering::Relaxed);
            }
        });
    let _ = tx.send(LoadEvent::Finished {
        cancelled: cancel.load(Ordering::Relaxed),
    });
}
