//! A loaded folder: every report, every file that failed, and the cross-report rules.

use crate::ingest;
use crate::model::{LoadError, Report};
use crate::parse;
use crate::validate;
use rayon::prelude::*;
use std::path::Path;

#[derive(Debug, Default)]
pub struct Corpus {
    pub reports: Vec<Report>,
    pub errors: Vec<LoadError>,
    /// Files skipped because they are not reports.
    pub skipped: Vec<String>,
}

/// Load, parse and validate one file.
pub fn load_one(path: &Path, display: &str) -> Result<Report, LoadError> {
    let doc = ingest::load(path, display)?;
    let mut report = parse::parse(doc);
    validate::validate(&mut report);
    Ok(report)
}

/// Load a whole folder in parallel and run the cross-report rules. Blocking.
pub fn load_dir(root: &Path) -> Corpus {
    let found = ingest::discover(root);
    let results: Vec<Result<Report, LoadError>> = found
        .files
        .par_iter()
        .map(|(p, d)| load_one(p, d))
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
