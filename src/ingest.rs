//! Reading report files: walking a folder, detecting the encoding, decoding.
//!
//! Every failure is a per-file [`LoadError`] with a plain reason; nothing here panics on
//! what a file contains, and nothing opens a file that is not a regular file (a FIFO would
//! block the walk).

mod decode;
pub mod docx;
mod error;
pub mod office;
pub mod pdf;
pub mod sniff;

use crate::model::{LoadError, Skipped, SourceFormat, content_hash};
use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use decode::{DecodeError, decode};
pub use error::{IngestError, RootError};

/// Files larger than this are refused with a per-file error.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// A text line longer than this means the file is not a report.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

/// Extensions of report files (compared case-insensitively).
pub const REPORT_EXTENSIONS: &[&str] = &["txt", "text", "htm", "html", "md"];

/// A decoded report file, ready to parse (defined by the parser, which reads it; ingest
/// makes it).
pub use crate::parse::Document;

/// The files found under a folder.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Report files to load: (real path, display path).
    pub files: Vec<(PathBuf, String)>,
    /// Files that are not read (images, spreadsheets, …), with the reason.
    pub skipped: Vec<Skipped>,
    /// Entries that could not be walked.
    pub errors: Vec<LoadError>,
}

fn err(display: &str, reason: impl Into<IngestError>) -> LoadError {
    LoadError {
        path: display.to_string(),
        error: reason.into().to_string(),
    }
}

/// Whether a file name has one of the report extensions.
pub fn is_report_name(name: &Path) -> bool {
    name.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| REPORT_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Why a file found in a folder is not loaded, or `None` to load it: report text names
/// load, and any file whose first bytes are a PDF, a Word file or an HTML page.
fn skip_reason(path: &Path) -> Option<String> {
    if is_report_name(path) {
        return None;
    }
    let mut head = Vec::with_capacity(sniff::HEAD_BYTES);
    match fs::File::open(path) {
        Ok(f) => {
            if let Err(e) = f.take(sniff::HEAD_BYTES as u64).read_to_end(&mut head) {
                return Some(format!("cannot read: {}", io_reason(&e)));
            }
        }
        // Loading it gives the error in full.
        Err(_) => return None,
    }
    if sniff::sniff(&head) == sniff::Kind::Ole
        && sniff::skip_reason(path, &head).is_none()
        && office::soffice().is_none()
    {
        return Some(office::NO_SOFFICE.to_string());
    }
    sniff::skip_reason(path, &head)
}

/// Names the walk passes over without a word: hidden entries, the review file, lock files.
fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name == "REVIEW.json" || name.ends_with(".lock")
}

/// Why a walked entry cannot be followed: a dangling symlink, or the io error.
fn walk_reason(path: &Path, e: &std::io::Error) -> IngestError {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => match fs::read_link(path) {
            Ok(target) => IngestError::BrokenLinkTo(target.display().to_string()),
            Err(_) => IngestError::BrokenLink,
        },
        _ => IngestError::Read(io_reason(e)),
    }
}

/// The io error's message without Rust's ` (os error N)` suffix.
fn io_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// A path as text, losslessly: valid UTF-8 is kept, every byte that is not is written `\xFF`,
/// and a backslash is doubled, so two different names never show (or key a review) alike.
pub fn path_text(p: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let bytes = p.as_os_str().as_bytes();
    if let Ok(s) = std::str::from_utf8(bytes)
        && !s.contains('\\')
    {
        return s.to_string();
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' {
                out.push_str("\\\\");
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

/// Check that the folder (or file) given on the command line can be read, with the reason
/// when it cannot (`permission denied`, `too many levels of symbolic links`, …). A root
/// that cannot be read is a usage error (exit 2), not a per-file load error.
pub fn check_root(root: &Path) -> Result<(), RootError> {
    let path = path_text(root);
    let meta = fs::metadata(root).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound if fs::symlink_metadata(root).is_ok() => RootError::Link {
            path: path.clone(),
            reason: walk_reason(root, &e),
        },
        _ => RootError::Missing {
            path: path.clone(),
            reason: io_reason(&e).to_lowercase(),
        },
    })?;
    if meta.is_dir() {
        fs::read_dir(root).map(drop).map_err(|e| RootError::Folder {
            path: path.clone(),
            reason: io_reason(&e).to_lowercase(),
        })
    } else if meta.is_file() {
        fs::File::open(root).map(drop).map_err(|e| RootError::File {
            path: path.clone(),
            reason: io_reason(&e).to_lowercase(),
        })
    } else {
        Err(RootError::NotFolderOrFile { path })
    }
}

/// Find report files below `root` (or `root` itself when it is a file).
///
/// The walk is sorted by name within each folder, follows symbolic links, never enters
/// the same real folder twice, and lists each real file once.
pub fn discover(root: &Path) -> Discovery {
    let mut d = Discovery::default();
    let root_display = path_text(root);
    let meta = match fs::metadata(root) {
        Ok(m) => m,
        Err(e) => {
            d.errors.push(err(&root_display, walk_reason(root, &e)));
            return d;
        }
    };
    if !meta.is_dir() {
        if !meta.is_file() {
            d.errors.push(err(&root_display, IngestError::NotRegular));
        } else {
            // A file named explicitly is loaded whatever its extension.
            d.files.push((root.to_path_buf(), root_display));
        }
        return d;
    }

    let mut visited_dirs: HashSet<PathBuf> = HashSet::new();
    let mut seen_files: HashSet<PathBuf> = HashSet::new();
    // Depth-first, in name order: children are pushed in reverse.
    let mut stack: Vec<(PathBuf, String)> = vec![(root.to_path_buf(), root_display)];
    while let Some((dir, display)) = stack.pop() {
        match fs::canonicalize(&dir) {
            Ok(real) => {
                if !visited_dirs.insert(real) {
                    continue; // a symlink loop or a second link to a folder already walked
                }
            }
            Err(e) => {
                d.errors.push(err(&display, walk_reason(&dir, &e)));
                continue;
            }
        }
        let entries = match fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) => {
                d.errors
                    .push(err(&display, IngestError::ReadFolder(io_reason(&e))));
                continue;
            }
        };
        let mut names: Vec<std::ffi::OsString> = Vec::new();
        for entry in entries {
            match entry {
                Ok(e) => names.push(e.file_name()),
                Err(e) => d
                    .errors
                    .push(err(&display, IngestError::ReadFolder(io_reason(&e)))),
            }
        }
        names.sort();
        let mut subdirs: Vec<(PathBuf, String)> = Vec::new();
        for name in names {
            let name_str = name.to_string_lossy();
            if is_ignored(&name_str) {
                continue;
            }
            let path = dir.join(&name);
            let shown = format!(
                "{display}{}{}",
                if display.ends_with('/') { "" } else { "/" },
                path_text(Path::new(&name))
            );
            let meta = match fs::metadata(&path) {
                Ok(m) => m,
                Err(e) => {
                    d.errors.push(err(&shown, walk_reason(&path, &e)));
                    continue;
                }
            };
            if meta.is_dir() {
                subdirs.push((path, shown));
            } else if !meta.is_file() {
                d.errors.push(err(&shown, IngestError::NotRegular));
            } else if let Some(reason) = skip_reason(&path) {
                d.skipped.push(Skipped {
                    path: shown,
                    reason,
                });
            } else {
                let real = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
                if seen_files.insert(real) {
                    d.files.push((path, shown));
                }
            }
        }
        // Files of a folder come before its subfolders; subfolders in name order.
        stack.extend(subdirs.into_iter().rev());
    }
    d
}

/// The format a file's name and first bytes say it is.
fn format_of(path: &Path, text: &str) -> SourceFormat {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("md") => SourceFormat::Markdown,
        Some("htm") | Some("html") => SourceFormat::Html,
        Some(e) if sniff::PAGE_EXTENSIONS.contains(&e) => SourceFormat::Html,
        _ if sniff::looks_like_html(text.as_bytes()) => SourceFormat::Html,
        _ => {
            let head: String = text
                .trim_start()
                .chars()
                .take(16)
                .collect::<String>()
                .to_ascii_lowercase();
            if head.starts_with("<!doctype html") || head.starts_with("<html") {
                SourceFormat::Html
            } else {
                SourceFormat::Text
            }
        }
    }
}

/// Normalise line endings to `\n` (CRLF and lone CR).
fn normalise_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The 1-based number and the length of the first line longer than `max` bytes.
fn overlong_line(text: &str, max: usize) -> Option<usize> {
    text.split('\n')
        .enumerate()
        .find(|(_, l)| l.len() > max)
        .map(|(i, _)| i + 1)
}

/// Read and decode one file.
pub fn load(path: &Path, display: &str) -> Result<Document, LoadError> {
    let meta = fs::metadata(path).map_err(|e| err(display, walk_reason(path, &e)))?;
    if !meta.is_file() {
        return Err(err(display, IngestError::NotRegular));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(err(
            display,
            IngestError::TooLarge {
                bytes: meta.len(),
                limit_mib: MAX_FILE_BYTES / 1024 / 1024,
            },
        ));
    }
    let file = fs::File::open(path).map_err(|e| err(display, IngestError::Read(io_reason(&e))))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The file may grow between the check and the read: never read past the limit.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| err(display, IngestError::Read(io_reason(&e))))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(err(
            display,
            IngestError::GrewTooLarge {
                limit_mib: MAX_FILE_BYTES / 1024 / 1024,
            },
        ));
    }
    document_from_bytes(path, display, &bytes)
}

/// Decode `bytes` read from `path` into a [`Document`] (the part of [`load`] after reading).
pub fn document_from_bytes(
    path: &Path,
    display: &str,
    bytes: &[u8],
) -> Result<Document, LoadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(err(display, IngestError::Empty));
    }
    let ext = sniff::extension(path);
    match sniff::sniff(bytes) {
        sniff::Kind::Pdf => return pdf_document(display, bytes),
        sniff::Kind::Zip => return docx_document(display, bytes, "UTF-8"),
        sniff::Kind::Ole if ext != "xls" && ext != "ppt" && ext != "et" => {
            let docx = office::convert_to_docx(bytes).map_err(|reason| err(display, reason))?;
            return docx_document(display, &docx, "DOC (converted by LibreOffice)").map(|mut d| {
                d.content_hash = content_hash(bytes);
                d
            });
        }
        sniff::Kind::Ole => {
            return Err(err(display, IngestError::OfficeNotWord));
        }
        _ if ext == "pdf" => {
            return Err(err(display, IngestError::NotPdf));
        }
        _ if ext == "docx" => {
            return Err(err(display, IngestError::NotZip));
        }
        _ if ext == "doc" || ext == "wps" => {
            return Err(err(display, IngestError::NotOle));
        }
        _ => {}
    }
    let is_html_name =
        ext == "htm" || ext == "html" || sniff::PAGE_EXTENSIONS.contains(&ext.as_str());
    let decoded = decode(bytes, is_html_name).map_err(|reason| err(display, reason))?;
    let text = normalise_newlines(decoded.text);
    let text = text
        .strip_prefix('\u{FEFF}')
        .map(str::to_string)
        .unwrap_or(text);
    if text.trim().is_empty() {
        return Err(err(display, IngestError::OnlyWhitespace));
    }
    let format = format_of(path, &text);
    let text = if format == SourceFormat::Html {
        crate::html::render_checked(&text).map_err(|why| err(display, why))?
    } else {
        if let Some(n) = overlong_line(&text, MAX_LINE_BYTES) {
            return Err(err(display, IngestError::LongLine(n)));
        }
        text
    };
    Ok(Document {
        path: display.to_string(),
        encoding: decoded.encoding,
        format,
        text,
        content_hash: content_hash(bytes),
        boxes: Vec::new(),
    })
}

/// A PDF's rebuilt text with the page boxes of its pieces.
fn pdf_document(display: &str, bytes: &[u8]) -> Result<Document, LoadError> {
    let rebuilt = pdf::read(bytes).map_err(|e| err(display, e))?;
    Ok(Document {
        path: display.to_string(),
        encoding: "PDF text".to_string(),
        format: SourceFormat::Pdf,
        text: rebuilt.text,
        content_hash: content_hash(bytes),
        boxes: rebuilt.boxes,
    })
}

/// A DOCX's body rendered as the HTML renderer renders tables and paragraphs.
fn docx_document(display: &str, bytes: &[u8], encoding: &str) -> Result<Document, LoadError> {
    let html = docx::to_html(bytes).map_err(|e| err(display, e))?;
    let text = crate::html::render(&html);
    if text.trim().is_empty() {
        return Err(err(display, IngestError::EmptyWord));
    }
    Ok(Document {
        path: display.to_string(),
        encoding: encoding.to_string(),
        format: SourceFormat::Docx,
        text,
        content_hash: content_hash(bytes),
        boxes: Vec::new(),
    })
}
