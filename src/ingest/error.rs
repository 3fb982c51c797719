//! Why a file could not be loaded: one enum for every reason ingest gives, each a plain
//! sentence when shown. The per-file record ([`LoadError`](crate::model::LoadError)) keeps
//! that sentence, which the JSON, CSV and the inspector show.

use super::decode::DecodeError;
use super::docx::DocxError;
use super::office::OfficeError;
use super::pdf::PdfError;
use crate::html::HtmlError;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IngestError {
    #[error("broken symbolic link to {0}")]
    BrokenLinkTo(String),
    #[error("broken symbolic link")]
    BrokenLink,
    /// The operating system's reason, without Rust's ` (os error N)` suffix.
    #[error("cannot read: {0}")]
    Read(String),
    #[error("cannot read folder: {0}")]
    ReadFolder(String),
    #[error("not a regular file")]
    NotRegular,
    #[error("file is too large ({bytes} bytes; the limit is {limit_mib} MiB)")]
    TooLarge { bytes: u64, limit_mib: u64 },
    /// The file grew past the limit between the size check and the read.
    #[error("file is larger than {limit_mib} MiB")]
    GrewTooLarge { limit_mib: u64 },
    #[error("empty file")]
    Empty,
    #[error("empty file (only whitespace)")]
    OnlyWhitespace,
    #[error("Office binary file that is not a Word document")]
    OfficeNotWord,
    #[error("not a PDF file (no %PDF header): damaged or renamed")]
    NotPdf,
    #[error("not a Word document (not a zip archive): damaged or renamed")]
    NotZip,
    #[error("not a Word document (no Office header): damaged or renamed")]
    NotOle,
    #[error("line {0} is longer than 1 MiB: not a report")]
    LongLine(usize),
    #[error("Word document without text")]
    EmptyWord,
    #[error(transparent)]
    Decode(#[from] DecodeError),
    #[error(transparent)]
    Html(#[from] HtmlError),
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error(transparent)]
    Docx(#[from] DocxError),
    #[error(transparent)]
    Office(#[from] OfficeError),
}

/// Why the folder (or file) named on the command line cannot be read: a usage error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RootError {
    #[error("{path}: {reason}")]
    Link { path: String, reason: IngestError },
    #[error("{path}: {reason}")]
    Missing { path: String, reason: String },
    #[error("{path}: cannot read folder: {reason}")]
    Folder { path: String, reason: String },
    #[error("{path}: cannot read: {reason}")]
    File { path: String, reason: String },
    #[error("{path}: not a folder or a regular file")]
    NotFolderOrFile { path: String },
}
