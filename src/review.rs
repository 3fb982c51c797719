//! Review state: the auditor's decision and note on each finding, and the status of each
//! report. Kept in `REVIEW.json` beside the reports (never in the report files), written
//! atomically (temporary file, fsync, rename) after every decision, guarded by a kernel lock
//! so a second nianbao on the same folder opens read-only instead of clobbering the first
//! ([`store`]). Fields this version does not know are kept on save; a file of a format
//! version it does not know is opened read-only. Values read back are untrusted ([`trust`]).

mod error;
mod revert;
mod store;
pub mod trust;

pub use error::{LockError, ReviewError};
pub use store::{Lock, commit_temp, write_target, write_temp};

use crate::model::{Finding, Report};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Fields of the review file this version does not know, kept as they were on save.
pub type Extra = BTreeMap<String, Value>;

pub const FILE_NAME: &str = "REVIEW.json";
const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// A real problem.
    Confirmed,
    /// A false alarm or acceptable.
    Dismissed,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Confirmed => "confirmed",
            Verdict::Dismissed => "dismissed",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    InProgress,
    Reviewed,
}

impl ReportStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::InProgress => "in_progress",
            ReportStatus::Reviewed => "reviewed",
        }
    }
}

/// Where a finding is, as stored with a decision (so stale decisions can still be shown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Location {
    pub section: Option<u8>,
    pub table: Option<String>,
    pub row: Option<String>,
    pub column: Option<String>,
}

/// The auditor's judgement on one finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// Stable identity of the finding: rule, location and the values in its message.
    pub fingerprint: String,
    pub rule: String,
    pub location: Location,
    /// The finding's message when the decision was made.
    pub message: String,
    pub verdict: Option<Verdict>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub reviewer: String,
    /// RFC 3339, UTC.
    pub time: String,
    /// Content hash (hex) of the report file when the decision was made.
    pub content_hash: String,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ReportReview {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ReportStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_time: Option<String>,
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Corrections of the report's cells (one per cell), see [`crate::correction`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<crate::model::correction::Correction>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The whole review file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewFile {
    pub version: u32,
    /// By report path relative to the reviewed folder.
    pub reports: BTreeMap<String, ReportReview>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Default for ReviewFile {
    fn default() -> Self {
        ReviewFile {
            version: FORMAT_VERSION,
            reports: BTreeMap::new(),
            extra: Extra::new(),
        }
    }
}

/// The fingerprint of a finding: rule, location and message (which states the values).
pub fn fingerprint(f: &Finding) -> String {
    let s = format!(
        "{}|{:?}|{}|{}|{}|{}",
        f.rule,
        f.section,
        f.table.map_or("", |t| t.key()),
        f.row.unwrap_or(""),
        f.column.unwrap_or(""),
        f.message
    );
    format!("{:016x}", crate::model::content_hash(s.as_bytes()))
}

pub fn location(f: &Finding) -> Location {
    Location {
        section: f.section,
        table: f.table.map(|t| t.key().to_string()),
        row: f.row.map(str::to_string),
        column: f.column.map(str::to_string),
    }
}

/// The state of a decision against the current findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionState {
    /// Its finding still exists.
    Current,
    /// Its finding no longer exists (the report changed, or the rule no longer fires).
    Stale,
}

/// The current time as RFC 3339 UTC (`2026-11-22T10:04:05Z`).
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    rfc3339(secs)
}

pub fn rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // civil_from_days (Howard Hinnant)
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The reviewer's name: configured, else `$USER`, else `unknown`.
pub fn default_reviewer() -> String {
    std::env::var("USER")
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

/// Where the review file lives for a reviewed path (a folder, or a single report file).
pub fn default_path(root: &Path) -> PathBuf {
    if root.is_file() {
        root.parent().unwrap_or(Path::new(".")).join(FILE_NAME)
    } else {
        root.join(FILE_NAME)
    }
}

/// The key a report is stored under: its path relative to the reviewed folder.
/// Report paths are the walk's lossless text (`ingest::path_text`), so keys of names that
/// are not UTF-8 stay distinct.
pub fn report_key(root: &Path, report_path: &str) -> String {
    let base = if root.is_file() {
        root.parent().unwrap_or(Path::new(""))
    } else {
        root
    };
    let base_text = crate::ingest::path_text(base);
    if !base_text.is_empty()
        && let Some(rest) = report_path.strip_prefix(&base_text)
        && (base_text.ends_with('/') || rest.starts_with('/'))
    {
        return rest.trim_start_matches('/').to_string();
    }
    let p = Path::new(report_path);
    match p.strip_prefix(base) {
        Ok(rest) => rest.to_str().unwrap_or(report_path).to_string(),
        Err(_) => report_path.to_string(),
    }
}

/// The review of a folder: the state, where it is saved, and whether we may write it.
#[derive(Debug)]
pub struct Review {
    pub path: PathBuf,
    pub file: ReviewFile,
    pub reviewer: String,
    /// Why the review is read-only (another nianbao holds the lock), if it is.
    pub read_only: Option<String>,
    _lock: Option<Lock>,
}

/// What a change replaced, so it can be undone.
#[derive(Debug, Clone, PartialEq)]
pub enum Undo {
    Decision {
        report: String,
        fingerprint: String,
        previous: Option<Box<Decision>>,
    },
    Status {
        report: String,
        previous: Option<ReportStatus>,
        /// Who set the previous status and when (restored with it).
        previous_by: Option<String>,
        previous_time: Option<String>,
    },
    /// A correction of a cell was set (or removed); `previous` is what it replaced.
    Correction {
        report: String,
        table: String,
        row: String,
        column: String,
        previous: Option<Box<crate::model::correction::Correction>>,
    },
}

impl Undo {
    /// The report key the change was about.
    pub fn report(&self) -> &str {
        match self {
            Undo::Decision { report, .. }
            | Undo::Status { report, .. }
            | Undo::Correction { report, .. } => report,
        }
    }
}

impl Review {
    /// Open (or start) the review at `path`, taking the lock. A file that cannot be parsed
    /// is an error: it is never overwritten silently. A file of an unknown format version is
    /// opened read-only, with the reason.
    pub fn open(path: &Path, reviewer: String) -> Result<Review, ReviewError> {
        let (mut lock, mut read_only) = match Lock::acquire(path) {
            Ok(l) => (Some(l), None),
            Err(why) => (None, Some(why.to_string())),
        };
        let (file, version_problem) = load_file(path)?;
        if let Some(why) = version_problem {
            lock = None;
            read_only = Some(why);
        }
        Ok(Review {
            path: path.to_path_buf(),
            file,
            reviewer,
            read_only,
            _lock: lock,
        })
    }

    /// No review at all (`--no-review`): nothing decided, nothing corrected, read-only.
    pub fn empty() -> Review {
        Review {
            path: PathBuf::new(),
            file: ReviewFile::default(),
            reviewer: String::new(),
            read_only: Some("no review".to_string()),
            _lock: None,
        }
    }

    /// Open without taking the lock (for `review-export`).
    pub fn open_read_only(path: &Path) -> Result<Review, ReviewError> {
        Ok(Review {
            path: path.to_path_buf(),
            file: load_file(path)?.0,
            reviewer: String::new(),
            read_only: Some("opened read-only".to_string()),
            _lock: None,
        })
    }

    pub fn report(&self, key: &str) -> Option<&ReportReview> {
        self.file.reports.get(key)
    }

    pub fn decision(&self, key: &str, fp: &str) -> Option<&Decision> {
        self.report(key)?
            .decisions
            .iter()
            .find(|d| d.fingerprint == fp)
    }

    /// Record a verdict and/or note on a finding; returns what it replaced.
    pub fn decide(
        &mut self,
        key: &str,
        report: &Report,
        finding: &Finding,
        verdict: Option<Verdict>,
        note: Option<String>,
    ) -> Result<Undo, ReviewError> {
        self.writable()?;
        let fp = fingerprint(finding);
        let entry = self.file.reports.entry(key.to_string()).or_default();
        let pos = entry.decisions.iter().position(|d| d.fingerprint == fp);
        let previous = pos.map(|i| Box::new(entry.decisions[i].clone()));
        let mut d = previous.as_deref().cloned().unwrap_or(Decision {
            fingerprint: fp.clone(),
            rule: finding.rule.to_string(),
            location: location(finding),
            message: finding.message.clone(),
            verdict: None,
            note: None,
            reviewer: String::new(),
            time: String::new(),
            content_hash: String::new(),
            extra: Extra::new(),
        });
        if verdict.is_some() {
            d.verdict = verdict;
        }
        if let Some(n) = note {
            d.note = if n.trim().is_empty() { None } else { Some(n) };
        }
        d.reviewer = self.reviewer.clone();
        d.time = now_rfc3339();
        d.message = finding.message.clone();
        d.content_hash = format!("{:016x}", report.content_hash);
        match pos {
            Some(i) => entry.decisions[i] = d,
            None => entry.decisions.push(d),
        }
        self.save()?;
        Ok(Undo::Decision {
            report: key.to_string(),
            fingerprint: fp,
            previous,
        })
    }

    /// Set a report's status; returns what it replaced.
    pub fn set_status(
        &mut self,
        key: &str,
        status: Option<ReportStatus>,
    ) -> Result<Undo, ReviewError> {
        self.writable()?;
        let entry = self.file.reports.entry(key.to_string()).or_default();
        let previous = entry.status;
        let previous_by = entry.status_by.take();
        let previous_time = entry.status_time.take();
        entry.status = status;
        entry.status_by = status.map(|_| self.reviewer.clone());
        entry.status_time = status.map(|_| now_rfc3339());
        self.save()?;
        Ok(Undo::Status {
            report: key.to_string(),
            previous,
            previous_by,
            previous_time,
        })
    }

    /// Store a correction (replacing any earlier one of the same cell); returns what it
    /// replaced.
    pub fn correct(
        &mut self,
        key: &str,
        correction: crate::model::correction::Correction,
    ) -> Result<Undo, ReviewError> {
        self.writable()?;
        let entry = self.file.reports.entry(key.to_string()).or_default();
        let c = &correction;
        let pos = entry
            .corrections
            .iter()
            .position(|x| x.is_at(&c.table, &c.row, &c.column));
        let undo = Undo::Correction {
            report: key.to_string(),
            table: c.table.clone(),
            row: c.row.clone(),
            column: c.column.clone(),
            previous: pos.map(|i| Box::new(entry.corrections.remove(i))),
        };
        entry.corrections.push(correction);
        self.save()?;
        Ok(undo)
    }

    /// The stored corrections of a report.
    pub fn corrections(&self, key: &str) -> &[crate::model::correction::Correction] {
        self.report(key).map_or(&[], |r| r.corrections.as_slice())
    }

    /// Put back what a change replaced.
    pub fn undo(&mut self, undo: Undo) -> Result<(), ReviewError> {
        self.revert(undo).map(|_| ())
    }

    /// Put back what a change replaced, and return what that put back replaced (so
    /// reverting the result redoes the change).
    pub fn revert(&mut self, undo: Undo) -> Result<Undo, ReviewError> {
        self.writable()?;
        let redo = self.inverse(&undo);
        match undo {
            Undo::Decision {
                report,
                fingerprint,
                previous,
            } => {
                let entry = self.file.reports.entry(report).or_default();
                entry.decisions.retain(|d| d.fingerprint != fingerprint);
                if let Some(p) = previous {
                    entry.decisions.push(*p);
                }
            }
            Undo::Status {
                report,
                previous,
                previous_by,
                previous_time,
            } => {
                let entry = self.file.reports.entry(report).or_default();
                entry.status = previous;
                entry.status_by = previous_by;
                entry.status_time = previous_time;
            }
            Undo::Correction {
                report,
                table,
                row,
                column,
                previous,
            } => {
                let entry = self.file.reports.entry(report).or_default();
                entry
                    .corrections
                    .retain(|c| !c.is_at(&table, &row, &column));
                if let Some(p) = previous {
                    entry.corrections.push(*p);
                }
            }
        }
        self.save()?;
        Ok(redo)
    }

    fn writable(&self) -> Result<(), ReviewError> {
        match &self.read_only {
            Some(why) => Err(ReviewError::ReadOnly(why.clone())),
            None => Ok(()),
        }
    }

    /// Decisions of a report with their state against its current findings.
    pub fn decisions_with_state<'a>(
        &'a self,
        key: &str,
        findings: &[Finding],
    ) -> Vec<(&'a Decision, DecisionState)> {
        let current: Vec<String> = findings.iter().map(fingerprint).collect();
        self.report(key).map_or_else(Vec::new, |r| {
            r.decisions
                .iter()
                .map(|d| {
                    let st = if current.contains(&d.fingerprint) {
                        DecisionState::Current
                    } else {
                        DecisionState::Stale
                    };
                    (d, st)
                })
                .collect()
        })
    }

    /// How many of a report's errors and warnings have no verdict yet (info findings
    /// ask for no decision).
    pub fn undecided(&self, key: &str, findings: &[Finding]) -> usize {
        findings
            .iter()
            .filter(|f| f.severity != crate::model::Severity::Info)
            .filter(|f| {
                self.decision(key, &fingerprint(f))
                    .is_none_or(|d| d.verdict.is_none())
            })
            .count()
    }

    /// Write the file atomically.
    pub fn save(&self) -> io::Result<()> {
        let tmp = write_temp(&self.path, &self.file)?;
        commit_temp(tmp, &self.path)
    }
}

/// Read the review file: its content, and why it must stay read-only when its format version
/// is not the one this nianbao writes.
fn load_file(path: &Path) -> Result<(ReviewFile, Option<String>), ReviewError> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((ReviewFile::default(), None)),
        Err(source) => {
            return Err(ReviewError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let invalid = |source: serde_json::Error| ReviewError::Invalid {
        path: path.to_path_buf(),
        source,
    };
    let value: Value = serde_json::from_slice(&bytes).map_err(invalid)?;
    let version = value.get("version").and_then(Value::as_u64);
    let problem = (version != Some(u64::from(FORMAT_VERSION))).then(|| {
        format!(
            "{} is format version {}; this nianbao knows version {FORMAT_VERSION} and opens it read-only",
            path.display(),
            version.map_or_else(|| "(none)".to_string(), |v| v.to_string())
        )
    });
    match serde_json::from_value::<ReviewFile>(value) {
        Ok(file) => Ok((file, problem)),
        Err(e) if problem.is_some() => {
            // A newer format we cannot read: show nothing, write nothing.
            let _ = e;
            Ok((ReviewFile::default(), problem))
        }
        Err(e) => Err(invalid(e)),
    }
}

#[cfg(test)]
mod tests;
