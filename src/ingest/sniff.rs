//! What a file is, by its first bytes (magic numbers) and only then by its name: a saved
//! web page named `.shtml`, `.jsp`, `.aspx` or without an extension is HTML, a PDF renamed
//! `.html` is a PDF.

use std::path::Path;

/// How many leading bytes [`sniff`] looks at.
pub const HEAD_BYTES: usize = 1024;

/// What a file's content says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    /// A zip archive (DOCX is one; whether it holds `word/document.xml` is checked on load).
    Zip,
    /// An OLE compound file: DOC, WPS, XLS, PPT.
    Ole,
    Html,
    /// Not recognised by content: text, or a binary format named by [`binary_kind`].
    Other,
}

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Classify a file by its first bytes.
pub fn sniff(head: &[u8]) -> Kind {
    // A PDF's header may follow a few bytes of junk (the specification allows 1024).
    if memchr::memmem::find(&head[..head.len().min(HEAD_BYTES)], b"%PDF-").is_some() {
        return Kind::Pdf;
    }
    if head.starts_with(b"PK\x03\x04") {
        return Kind::Zip;
    }
    if head.starts_with(OLE_MAGIC) {
        return Kind::Ole;
    }
    if looks_like_html(head) {
        return Kind::Html;
    }
    Kind::Other
}

/// Whether the first bytes are an HTML page: after a byte-order mark, whitespace and
/// comments, a `<!doctype html`, `<html`, `<head` or `<meta` tag. ASCII-compatible and
/// UTF-16 pages both count.
pub fn looks_like_html(head: &[u8]) -> bool {
    let head = &head[..head.len().min(HEAD_BYTES)];
    // UTF-16: keep the low bytes so the tags read as ASCII.
    let ascii: Vec<u8> = if head.starts_with(&[0xFF, 0xFE]) {
        head[2..].iter().step_by(2).copied().collect()
    } else if head.starts_with(&[0xFE, 0xFF]) {
        head[2..].iter().skip(1).step_by(2).copied().collect()
    } else {
        head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head).to_vec()
    };
    let mut s = ascii.as_slice();
    loop {
        let start = s.iter().position(|b| !b.is_ascii_whitespace());
        s = match start {
            Some(i) => &s[i..],
            None => return false,
        };
        if s.starts_with(b"<!--") {
            match memchr::memmem::find(s, b"-->") {
                Some(end) => s = &s[end + 3..],
                None => return false,
            }
            continue;
        }
        if s.starts_with(b"<?xml") {
            match memchr::memchr(b'>', s) {
                Some(end) => s = &s[end + 1..],
                None => return false,
            }
            continue;
        }
        break;
    }
    let tag: Vec<u8> = s.iter().take(14).map(u8::to_ascii_lowercase).collect();
    [&b"<!doctype html"[..], b"<html", b"<head", b"<meta"]
        .iter()
        .any(|t| tag.starts_with(t))
}

/// The lower-case extension of a path ("" when it has none).
pub fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default()
}

/// Names of saved web pages besides `.htm`/`.html`.
pub const PAGE_EXTENSIONS: &[&str] = &["shtml", "shtm", "xhtml", "jsp", "aspx", "asp", "php"];

/// Why a file of another kind is not read, or `None` when it is worth loading: PDFs, Word
/// files and HTML pages whatever their names, and the report text extensions.
pub fn skip_reason(path: &Path, head: &[u8]) -> Option<String> {
    let ext = extension(path);
    match sniff(head) {
        Kind::Pdf | Kind::Html => return None,
        Kind::Zip if ext == "docx" || ext == "wps" || ext.is_empty() => return None,
        Kind::Zip => {
            return Some(match ext.as_str() {
                "xlsx" => "Excel workbook: not read (save the report as PDF, DOCX or HTML)".into(),
                "pptx" => "PowerPoint file: not read".into(),
                _ => "zip archive: not read (unpack it first)".into(),
            });
        }
        Kind::Ole if ext == "doc" || ext == "wps" || ext.is_empty() => return None,
        Kind::Ole => {
            return Some(match ext.as_str() {
                "xls" | "et" => {
                    "Excel workbook: not read (save the report as PDF, DOCX or HTML)".into()
                }
                "ppt" | "dps" => "PowerPoint file: not read".into(),
                _ => "Office binary file that is not a Word document: not read".into(),
            });
        }
        Kind::Other => {}
    }
    if super::REPORT_EXTENSIONS.contains(&ext.as_str()) {
        return None;
    }
    if let Some(kind) = binary_kind(head) {
        return Some(format!("{kind}: not a report"));
    }
    Some(if ext.is_empty() {
        "no extension and not an HTML page, PDF or Word file".to_string()
    } else if matches!(ext.as_str(), "pdf" | "docx" | "doc") {
        // Named as a document but its bytes are not one (checked again on load).
        return None;
    } else {
        format!("not a report file (.{ext})")
    })
}

/// A common binary format named by its magic number.
pub fn binary_kind(head: &[u8]) -> Option<&'static str> {
    const KINDS: &[(&[u8], &str)] = &[
        (b"\x89PNG", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"BM", "BMP image"),
        (b"II*\0", "TIFF image"),
        (b"MM\0*", "TIFF image"),
        (b"Rar!", "RAR archive"),
        (b"7z\xBC\xAF", "7-Zip archive"),
        (b"\x1F\x8B", "gzip archive"),
        (b"{\\rtf", "RTF document"),
        (b"\x7FELF", "executable"),
        (b"MZ", "executable"),
    ];
    KINDS
        .iter()
        .find(|(m, _)| head.starts_with(m))
        .map(|(_, k)| *k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Kind::Pdf);
        assert_eq!(sniff(b"\r\n%PDF-1.4"), Kind::Pdf);
        assert_eq!(sniff(b"PK\x03\x04rest"), Kind::Zip);
        assert_eq!(sniff(OLE_MAGIC), Kind::Ole);
        assert_eq!(sniff(b"\xEF\xBB\xBF <!DOCTYPE HTML>"), Kind::Html);
        assert_eq!(
            sniff(b"<!-- saved from url -->\n<html lang=zh>"),
            Kind::Html
        );
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><html>"), Kind::Html);
        let mut le = vec![0xFF, 0xFE];
        le.extend("<html>".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(sniff(&le), Kind::Html);
        assert_eq!(sniff("一、总体情况 <html>".as_bytes()), Kind::Other);
        assert_eq!(sniff(b"<p>x</p>"), Kind::Other);
    }

    #[test]
    fn reasons() {
        let r = |name: &str, head: &[u8]| skip_reason(Path::new(name), head);
        assert_eq!(r("a.shtml", b"<html>"), None);
        assert_eq!(r("index.jsp", b"<!DOCTYPE html>"), None);
        assert_eq!(r("page", b"<html>"), None);
        assert_eq!(r("report.html", b"%PDF-1.4"), None);
        assert_eq!(r("a.txt", "一、总体情况".as_bytes()), None);
        assert_eq!(r("a.doc", OLE_MAGIC), None);
        assert_eq!(r("a.docx", b"PK\x03\x04"), None);
        assert_eq!(r("a.pdf", b"garbage"), None);
        assert_eq!(
            r("logo.png", b"\x89PNG\r\n").as_deref(),
            Some("PNG image: not a report")
        );
        assert!(r("t.xls", OLE_MAGIC).is_some_and(|s| s.contains("Excel")));
        assert!(r("t.xlsx", b"PK\x03\x04").is_some_and(|s| s.contains("Excel")));
        assert_eq!(
            r("notes.csv", b"a,b").as_deref(),
            Some("not a report file (.csv)")
        );
        assert!(r("README", b"plain words").is_some_and(|s| s.starts_with("no extension")));
    }
}
