//! Why a review could not be opened or a change not saved.

use std::io;
use std::path::PathBuf;

/// Opening, changing or saving the review file failed.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// The review is open read-only (another nianbao holds the lock, an unknown format
    /// version, `--no-review`, `review-export`); the reason says which.
    #[error("review is read-only: {0}")]
    ReadOnly(String),
    #[error("cannot read {}: {source}", .path.display())]
    Read { path: PathBuf, source: io::Error },
    /// The file is not a review file nianbao can read; it is never overwritten.
    #[error("{} is not a valid review file: {source}", .path.display())]
    Invalid {
        path: PathBuf,
        source: serde_json::Error,
    },
    /// Writing the file (temporary file, rename, fsync) failed: the change is not saved.
    #[error("{0}")]
    Save(#[from] io::Error),
}

/// The review file's lock could not be taken: the review opens read-only with this reason.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{} is being reviewed by another nianbao{}", .review.display(), held_by(.pid))]
    Held { review: PathBuf, pid: Option<u32> },
    #[error("cannot lock {}: {source}", .path.display())]
    Io { path: PathBuf, source: io::Error },
}

fn held_by(pid: &Option<u32>) -> String {
    pid.map(|p| format!(" (pid {p})")).unwrap_or_default()
}
