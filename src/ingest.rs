//! Reading report files: walking a folder, detecting the encoding, decoding.
//! (Minimal placeholder — being replaced by the full implementation.)

use crate::model::{LoadError, SourceFormat, content_hash};
use std::path::{Path, PathBuf};

/// Files larger than this are refused with a per-file error.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// A decoded report file, ready to parse.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as the user gave it, joined with the path walked below it.
    pub path: String,
    /// The encoding the bytes were decoded with (`UTF-8`, `GBK`, `GB18030`, `UTF-16LE`, …).
    pub encoding: String,
    pub format: SourceFormat,
    /// The text to parse and show: the decoded file, or for HTML its readable rendering.
    pub text: String,
    /// Hash of the raw bytes.
    pub content_hash: u64,
}

/// The files found under a folder.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Report files to load: (real path, display path).
    pub files: Vec<(PathBuf, String)>,
    /// Files that are not reports (other extensions), by display path.
    pub skipped: Vec<String>,
    /// Entries that could not be walked.
    pub errors: Vec<LoadError>,
}

/// Find report files below `root` (or `root` itself when it is a file).
pub fn discover(root: &Path) -> Discovery {
    let mut d = Discovery::default();
    let mut stack = vec![root.to_path_buf()];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            if let Ok(rd) = std::fs::read_dir(&p) {
                for e in rd.flatten() {
                    stack.push(e.path());
                }
            }
        } else {
            let s = p.to_string_lossy().to_string();
            d.files.push((p, s));
        }
    }
    d.files.sort_by(|a, b| a.1.cmp(&b.1));
    d
}

/// Read and decode one file.
pub fn load(path: &Path, display: &str) -> Result<Document, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError {
        path: display.to_string(),
        error: e.to_string(),
    })?;
    let text = String::from_utf8_lossy(&bytes).to_string();
    let format = match path.extension().and_then(|e| e.to_str()) {
        Some("html") | Some("htm") => SourceFormat::Html,
        Some("md") => SourceFormat::Markdown,
        _ => SourceFormat::Text,
    };
    let text = if format == SourceFormat::Html {
        crate::html::render(&text)
    } else {
        text
    };
    Ok(Document {
        path: display.to_string(),
        encoding: "UTF-8".to_string(),
        format,
        text,
        content_hash: content_hash(&bytes),
    })
}
