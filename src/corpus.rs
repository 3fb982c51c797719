//! A loaded folder: every report, every file that failed, the finder's index of names, the
//! key each report has in the review file, and the cross-report rules.
//!
//! Loading runs on rayon's worker threads; [`load_streaming`] sends each result over a
//! channel as it finishes so a UI can show progress and fill its tree as reports arrive.
//! Whoever receives the events feeds them to [`Corpus::apply`], which says what changed;
//! the inspector and `check --format jsonl` both do. The cross-report rules run once, on the
//! loading thread, and arrive with [`LoadEvent::Finished`]; a blocking load
//! ([`load_dir`]) runs them in [`Corpus::finish`].

use crate::agency;
use crate::correction::Correction;
use crate::ingest;
use crate::model::{Finding, LoadError, Report, ReportIx, Skipped};
use crate::parse;
use crate::review::{self, Review};
use crate::sanitize::clean;
use crate::search::SearchIndex;
use crate::validate;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;

/// What a finder entry jumps to. Report indices are positions in [`Corpus::reports`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An agency, by one of its reports (the entry's name is that report's filed name).
    Agency(ReportIx),
    Report(ReportIx),
    Section(ReportIx, u8),
}

/// How far a load has got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub total: usize,
    pub done: usize,
    pub started: bool,
    pub finished: bool,
}

/// What [`Corpus::apply`] changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The folder was walked (its refusals are in [`Corpus::errors`]).
    Started,
    /// A report arrived at this index of [`Corpus::reports`].
    Report(ReportIx),
    /// A file could not be loaded (appended to [`Corpus::errors`]).
    Failed,
    /// Every file is done and the cross-report findings are in place.
    Finished { cancelled: bool },
    /// Nothing: an event after the load had finished.
    Nothing,
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
    /// All files are done (or the load was cancelled). `cross` holds the cross-report
    /// findings (C03, C04), by walk index, computed on the loading thread; empty when
    /// cancelled.
    Finished {
        cancelled: bool,
        cross: Vec<(usize, Finding)>,
    },
}

/// A folder's reports and everything derived from them once, for every consumer.
#[derive(Default)]
pub struct Corpus {
    root: Option<PathBuf>,
    pub reports: Vec<Report>,
    pub errors: Vec<LoadError>,
    /// Files not read, with the reason.
    pub skipped: Vec<Skipped>,
    /// Each report's walk index (for placing cross-report findings).
    walk: Vec<usize>,
    /// Each report's key in the review file (computed once: it may look at the disk).
    review_keys: Vec<String>,
    /// Reports grouped by agency identity ([`agency::same_agency`]).
    agencies: agency::Agencies,
    /// Names of agencies, reports and sections for the finder (filled only when
    /// `indexing`: the inspector's corpora, whose findings are also kept in display
    /// order, see [`display_order`]).
    index: SearchIndex<Target>,
    indexing: bool,
    /// Agencies already in the index (by filed name).
    indexed: HashSet<String>,
    progress: Progress,
}

impl std::fmt::Debug for Corpus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Corpus")
            .field("root", &self.root)
            .field("reports", &self.reports.len())
            .field("errors", &self.errors)
            .field("skipped", &self.skipped)
            .field("indexed", &self.index.len())
            .field("progress", &self.progress)
            .finish_non_exhaustive()
    }
}

impl Corpus {
    /// An empty corpus for the inspector: it indexes names for the finder. `root` is the
    /// folder (or file) the reports come from; review keys are relative to it.
    pub fn new(root: Option<&Path>) -> Corpus {
        Corpus {
            root: root.map(Path::to_path_buf),
            indexing: true,
            ..Corpus::default()
        }
    }

    /// An empty corpus for the headless commands: no finder index.
    pub fn headless(root: &Path) -> Corpus {
        Corpus {
            root: Some(root.to_path_buf()),
            ..Corpus::default()
        }
    }

    /// These reports and failures as a finished load, without the cross-report rules
    /// (fixtures, scripted use).
    pub fn loaded(root: Option<&Path>, reports: Vec<Report>, errors: Vec<LoadError>) -> Corpus {
        let mut c = Corpus::new(root);
        let n = reports.len() + errors.len();
        c.progress = Progress {
            total: n,
            done: n,
            started: true,
            finished: true,
        };
        for (i, r) in reports.into_iter().enumerate() {
            c.add_report(i, r);
        }
        c.errors = errors;
        c.errors.sort_by(|a, b| a.path.cmp(&b.path));
        c
    }

    pub fn root(&self) -> Option<&Path> {
        self.root.as_deref()
    }

    pub fn progress(&self) -> Progress {
        self.progress
    }

    pub fn report(&self, i: ReportIx) -> Option<&Report> {
        self.reports.get(i.get())
    }

    /// Every report's index, in load order.
    pub fn ixs(&self) -> impl DoubleEndedIterator<Item = ReportIx> + ExactSizeIterator {
        ReportIx::all(self.reports.len())
    }

    /// The key report `i` is stored under in the review file.
    pub fn review_key(&self, i: ReportIx) -> Option<&str> {
        self.review_keys.get(i.get()).map(String::as_str)
    }

    /// The agency report `i` belongs to, as the tree and the finder name it: one label
    /// for all reports whose agency names are the same agency (`海东市循化县`,
    /// `循化县人民政府`).
    pub fn agency(&self, i: ReportIx) -> &str {
        self.agencies.label(i).unwrap_or_default()
    }

    /// The reports of the agency labelled `label`.
    pub fn agency_reports(&self, label: &str) -> &[ReportIx] {
        self.agencies.members(label)
    }

    /// The report stored under a review key.
    pub fn by_review_key(&self, key: &str) -> Option<ReportIx> {
        self.review_keys
            .iter()
            .position(|k| k == key)
            .map(ReportIx::new)
    }

    /// The finder's index (empty for a headless corpus).
    pub fn index(&self) -> &SearchIndex<Target> {
        &self.index
    }

    /// The index, for querying (queries keep a cache).
    pub fn index_mut(&mut self) -> &mut SearchIndex<Target> {
        &mut self.index
    }

    /// Report indices sorted by path (the order of the headless outputs).
    pub fn by_path(&self) -> Vec<ReportIx> {
        let mut idx: Vec<ReportIx> = self.ixs().collect();
        idx.sort_by(|&a, &b| self.reports[a].path.cmp(&self.reports[b].path));
        idx
    }

    /// Take one load event; say what changed.
    pub fn apply(&mut self, ev: LoadEvent) -> Change {
        if self.progress.finished {
            return Change::Nothing;
        }
        match ev {
            LoadEvent::Started {
                total,
                skipped,
                errors,
            } => {
                self.progress.total = total;
                self.progress.started = true;
                self.skipped = skipped;
                self.errors.extend(errors);
                self.sort_errors();
                Change::Started
            }
            LoadEvent::Loaded { index, result } => {
                self.progress.done += 1;
                match *result {
                    Ok(report) => Change::Report(self.add_report(index, report)),
                    Err(e) => {
                        // In path order, after equal paths (as a stable sort of the list with
                        // it appended): sorting the whole list on every failure was
                        // quadratic in a folder of unreadable files.
                        let at = self.errors.partition_point(|x| x.path <= e.path);
                        self.errors.insert(at, e);
                        Change::Failed
                    }
                }
            }
            LoadEvent::Finished { cancelled, cross } => {
                self.progress.finished = true;
                self.progress.started = true;
                let at: HashMap<usize, usize> =
                    self.walk.iter().enumerate().map(|(p, &w)| (w, p)).collect();
                let touched = !cross.is_empty();
                for (w, f) in cross {
                    if let Some(r) = at.get(&w).and_then(|&p| self.reports.get_mut(p)) {
                        r.findings.push(f);
                    }
                }
                if touched {
                    let display = self.indexing;
                    self.reports.iter_mut().for_each(|r| {
                        validate::sort_findings(r);
                        if display {
                            display_order(r);
                        }
                    });
                }
                Change::Finished { cancelled }
            }
        }
    }

    /// Run the cross-report rules over everything loaded and mark the load finished (for
    /// a corpus assembled on this thread).
    pub fn finish(&mut self) {
        self.finish_with(&validate::Settings::default());
    }

    /// [`Corpus::finish`] with the configured rule settings.
    pub fn finish_with(&mut self, settings: &validate::Settings) {
        validate::validate_corpus_with(&mut self.reports, settings);
        self.progress.finished = true;
        self.progress.started = true;
    }

    /// Put a re-read report in place of report `i` (after a correction) and re-run the
    /// cross-report rules over the folder, in path order as a load runs them.
    pub fn replace(&mut self, i: ReportIx, report: Report, settings: &validate::Settings) {
        let Some(slot) = self.reports.get_mut(i.get()) else {
            return;
        };
        *slot = report;
        let order = self.by_path();
        let mut taken: Vec<Option<Report>> = std::mem::take(&mut self.reports)
            .into_iter()
            .map(Some)
            .collect();
        let mut sorted: Vec<Report> = order
            .iter()
            .filter_map(|&p| taken[p.get()].take())
            .collect();
        for r in sorted.iter_mut() {
            r.findings.retain(|f| !validate::is_cross_report(f.rule));
        }
        validate::validate_corpus_with(&mut sorted, settings);
        let mut back: Vec<Option<Report>> = (0..order.len()).map(|_| None).collect();
        for (&p, r) in order.iter().zip(sorted) {
            back[p.get()] = Some(r);
        }
        self.reports = back.into_iter().flatten().collect();
        if self.indexing {
            self.reports.iter_mut().for_each(display_order);
        }
    }

    fn sort_errors(&mut self) {
        self.errors.sort_by(|a, b| a.path.cmp(&b.path));
    }

    /// Append a report, give it its review key and index its names. Returns its index.
    fn add_report(&mut self, walk: usize, mut report: Report) -> ReportIx {
        let i = ReportIx::new(self.reports.len());
        let key = match &self.root {
            Some(root) => review::report_key(root, &report.path),
            None => report.path.clone(),
        };
        if self.indexing {
            display_order(&mut report);
            let index = &mut self.index;
            let filed = agency::filed_name(&report);
            let agency = clean(&filed);
            if self.indexed.insert(filed) {
                index.push(agency.clone(), Target::Agency(i));
            }
            let year = agency::year_label(&report);
            let file = agency::file_name(&report.path);
            index.push(
                format!("{agency} {year} · {}", clean(file)),
                Target::Report(i),
            );
            for s in &report.sections {
                index.push(
                    format!("{agency} {year} · {}", clean(&s.title)),
                    Target::Section(i, s.number),
                );
            }
        }
        self.review_keys.push(key);
        self.agencies.push(i, &report);
        self.walk.push(walk);
        self.reports.push(report);
        i
    }
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
        let key = review::report_key(&self.root, report_path);
        self.corrections.get(&key).map(Vec::as_slice)
    }
}

/// Sort a report's findings the way the inspector lists them: errors, then warnings,
/// then information; by first source line within a severity, then by rule. Stable, so
/// ties keep the catalogue order. The inspector's corpora do this once per report, so a
/// finding's position in the list is its index (the headless outputs keep the
/// catalogue order of [`validate::sort_findings`]).
pub fn display_order(report: &mut Report) {
    report.findings.sort_by_key(|f| {
        (
            std::cmp::Reverse(f.severity),
            f.lines.first().copied().unwrap_or(u32::MAX),
            f.rule,
        )
    });
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
    let mut corpus = Corpus::headless(root);
    corpus.apply(LoadEvent::Started {
        total: results.len(),
        skipped: found.skipped,
        errors: found.errors,
    });
    for (index, result) in results.into_iter().enumerate() {
        corpus.apply(LoadEvent::Loaded {
            index,
            result: Box::new(result),
        });
    }
    corpus.finish_with(&opts.settings);
    corpus
}

/// What the cross-report rules need of a report: everything but its source text and its
/// findings. The tables are shared with the report, not copied.
fn without_source(report: &mut Report) -> Report {
    let source = std::mem::take(&mut report.source);
    let findings = std::mem::take(&mut report.findings);
    let copy = report.clone();
    report.source = source;
    report.findings = findings;
    copy
}

/// Load a folder on rayon's pool, sending events to `tx` as files finish. Returns when all
/// files are done or `cancel` is set. The cross-report rules run here, once everything is
/// in, over the reports in path order, and their findings travel with `Finished`. A closed
/// receiver stops the load.
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
    let kept: Vec<(usize, Report)> = found
        .files
        .par_iter()
        .enumerate()
        .map_with(tx.clone(), |tx, (index, (p, d))| {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let mut result = load_one_with(p, d, opts);
            let copy = result.as_mut().ok().map(without_source);
            if tx
                .send(LoadEvent::Loaded {
                    index,
                    result: Box::new(result),
                })
                .is_err()
            {
                cancel.store(true, Ordering::Relaxed);
            }
            copy.map(|c| (index, c))
        })
        .flatten()
        .collect();
    let cancelled = cancel.load(Ordering::Relaxed);
    let cross = if cancelled {
        Vec::new()
    } else {
        cross_findings(kept, &opts.settings)
    };
    let _ = tx.send(LoadEvent::Finished { cancelled, cross });
}

/// The cross-report findings over `(walk index, report)` pairs, by walk index; the rules
/// see the reports sorted by path.
fn cross_findings(
    mut kept: Vec<(usize, Report)>,
    settings: &validate::Settings,
) -> Vec<(usize, Finding)> {
    kept.sort_by(|a, b| a.1.path.cmp(&b.1.path));
    let (walk, reports): (Vec<usize>, Vec<Report>) = kept.into_iter().unzip();
    validate::cross_findings(&reports, settings)
        .into_iter()
        .filter_map(|(p, f)| Some((*walk.get(p)?, f)))
        .collect()
}

#[cfg(test)]
mod tests;
