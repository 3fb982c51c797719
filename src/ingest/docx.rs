//! Reading a Word document (DOCX): the body of `word/document.xml` as paragraphs and tables
//! (`w:tbl`/`w:tr`/`w:tc`, `w:gridSpan`, `w:vMerge` where anything but `restart` continues
//! the cell above: Word writes a bare `<w:vMerge/>`, WPS `w:val="continue"`), written as
//! plain HTML and rendered by [`crate::html::render`], so a Word table is drawn exactly as
//! an HTML table is and cells get their provenance the same way.
//!
//! Limits against hostile archives: the document part is read up to [`MAX_XML_BYTES`]
//! whatever the zip header claims (a zip bomb stops there), and elements nested deeper
//! than [`MAX_DEPTH`] are refused.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::io::{Cursor, Read};

/// The most bytes of `word/document.xml` read.
pub const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;
/// Deeper XML nesting than this is refused (Word's own documents stay far below).
pub const MAX_DEPTH: usize = 512;
/// Tables nested deeper than this are flattened into their parent cell's text.
const MAX_TABLE_DEPTH: usize = 8;
/// Spans larger than this are clamped.
const MAX_SPAN: usize = 64;

/// Why a DOCX could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocxError {
    #[error("not a Word document: damaged zip archive ({0})")]
    Zip(String),
    #[error("zip archive without word/document.xml: not a Word document")]
    NoDocument,
    #[error("word/document.xml is larger than {} MiB once unpacked: refused (a zip bomb?)", MAX_XML_BYTES / 1024 / 1024)]
    TooLarge,
    #[error("word/document.xml nests elements more than {MAX_DEPTH} deep: refused")]
    TooDeep,
    #[error("word/document.xml is not well-formed XML ({0})")]
    Xml(String),
}

/// Read the DOCX in `bytes` and return its body as simple HTML.
pub fn to_html(bytes: &[u8]) -> Result<String, DocxError> {
    let xml = document_xml(bytes)?;
    body_html(&xml)
}

/// The bytes of `word/document.xml`, never more than [`MAX_XML_BYTES`].
fn document_xml(bytes: &[u8]) -> Result<Vec<u8>, DocxError> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::Zip(e.to_string()))?;
    let file = match zip.by_name("word/document.xml") {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Err(DocxError::NoDocument),
        Err(e) => return Err(DocxError::Zip(e.to_string())),
    };
    if file.size() > MAX_XML_BYTES {
        return Err(DocxError::TooLarge);
    }
    let mut xml = Vec::new();
    file.take(MAX_XML_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|e| DocxError::Zip(e.to_string()))?;
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err(DocxError::TooLarge);
    }
    Ok(xml)
}

#[derive(Debug, Default)]
struct CellB {
    html: String,
    span: usize,
    /// `None`: not merged; `Some(true)`: starts a vertical merge; `Some(false)`: continues one.
    vmerge: Option<bool>,
}

#[derive(Debug, Default)]
struct RowB {
    before: usize,
    cells: Vec<CellB>,
}

#[derive(Debug, Default)]
struct TableB {
    rows: Vec<RowB>,
    cell: Option<CellB>,
}

#[derive(Debug, Default)]
struct Builder {
    main: String,
    tables: Vec<TableB>,
    /// Tables opened beyond [`MAX_TABLE_DEPTH`] (their content goes to the enclosing cell).
    flat_tables: usize,
}

impl Builder {
    fn out(&mut self) -> &mut String {
        match self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            Some(c) => &mut c.html,
            None => &mut self.main,
        }
    }

    fn text(&mut self, s: &str) {
        let out = self.out();
        for c in s.chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                c => out.push(c),
            }
        }
    }

    fn open(&mut self, local: &str, e: &BytesStart) {
        match local {
            "p" => self.out().push_str("<p>"),
            "br" | "cr" => self.out().push_str("<br>"),
            "tab" => self.out().push(' '),
            "tbl" => {
                if self.tables.len() >= MAX_TABLE_DEPTH {
                    self.flat_tables += 1;
                } else {
                    self.tables.push(TableB::default());
                }
            }
            "tr" if self.flat_tables == 0 => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(RowB::default());
                }
            }
            "tc" if self.flat_tables == 0 => {
                if let Some(t) = self.tables.last_mut() {
                    if t.rows.is_empty() {
                        t.rows.push(RowB::default());
                    }
                    t.cell = Some(CellB {
                        span: 1,
                        ..CellB::default()
                    });
                }
            }
            "gridSpan" if self.flat_tables == 0 => {
                let n = val(e)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1);
                if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    c.span = n.clamp(1, MAX_SPAN);
                }
            }
            "vMerge" if self.flat_tables == 0 => {
                let restart = val(e).is_some_and(|v| v == "restart");
                if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    c.vmerge = Some(restart);
                }
            }
            "gridBefore" if self.flat_tables == 0 => {
                let n = val(e)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(0);
                if let Some(r) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    r.before = n.min(MAX_SPAN);
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, local: &str) {
        match local {
            "p" => self.out().push_str("</p>\n"),
            "tc" if self.flat_tables == 0 => {
                if let Some(t) = self.tables.last_mut()
                    && let Some(c) = t.cell.take()
                    && let Some(r) = t.rows.last_mut()
                {
                    r.cells.push(c);
                }
            }
            "tbl" => {
                if self.flat_tables > 0 {
                    self.flat_tables -= 1;
                } else if let Some(t) = self.tables.pop() {
                    let html = t.render();
                    self.out().push_str(&html);
                }
            }
            _ => {}
        }
    }

    fn finish(mut self) -> String {
        while let Some(t) = self.tables.pop() {
            let html = t.render();
            self.out().push_str(&html);
        }
        format!("<html><body>\n{}</body></html>\n", self.main)
    }
}

impl TableB {
    /// The table as HTML: vertical merges become `rowspan`, continuation cells vanish.
    fn render(mut self) -> String {
        if let Some(c) = self.cell.take()
            && let Some(r) = self.rows.last_mut()
        {
            r.cells.push(c);
        }
        // Grid column where each cell starts.
        let starts: Vec<Vec<usize>> = self
            .rows
            .iter()
            .map(|r| {
                let mut col = r.before;
                r.cells
                    .iter()
                    .map(|c| {
                        let s = col;
                        col += c.span;
                        s
                    })
                    .collect()
            })
            .collect();
        let continues = |row: usize, col: usize| -> bool {
            self.rows.get(row).is_some_and(|r| {
                r.cells
                    .iter()
                    .zip(&starts[row])
                    .any(|(c, &s)| s == col && c.vmerge == Some(false))
            })
        };
        let mut h = String::from("<table>\n");
        for (ri, row) in self.rows.iter().enumerate() {
            h.push_str("<tr>");
            if row.before > 0 {
                h.push_str(&format!("<td colspan=\"{}\"></td>", row.before));
            }
            for (c, &col) in row.cells.iter().zip(&starts[ri]) {
                if c.vmerge == Some(false) && ri > 0 {
                    continue; // covered by the cell above
                }
                let mut rowspan = 1;
                if c.vmerge.is_some() {
                    while continues(ri + rowspan, col) {
                        rowspan += 1;
                    }
                }
                h.push_str("<td");
                if rowspan > 1 {
                    h.push_str(&format!(" rowspan=\"{rowspan}\""));
                }
                if c.span > 1 {
                    h.push_str(&format!(" colspan=\"{}\"", c.span));
                }
                h.push('>');
                h.push_str(&c.html);
                h.push_str("</td>");
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</table>\n");
        h
    }
}

/// The `w:val` attribute.
fn val(e: &BytesStart) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key = a.key.as_ref();
        (key == "w:val" || key == "val").then(|| a.value.to_string())
    })
}

fn local(name: &str) -> &str {
    match name.find(':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The body of `document.xml` as HTML.
pub fn body_html(xml: &[u8]) -> Result<String, DocxError> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut b = Builder::default();
    let mut depth = 0usize;
    // Inside `w:t` (text) and inside parts that are not body text (deleted runs, field
    // instructions are not `w:t`, so only `w:t` text is taken at all).
    let mut in_text = 0usize;
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| DocxError::Xml(e.to_string()))?;
        match ev {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(DocxError::TooDeep);
                }
                let name = e.name();
                let l = local(name.as_ref());
                if l == "t" {
                    in_text += 1;
                }
                b.open(l, &e);
            }
            Event::Empty(e) => {
                let name = e.name();
                let l = local(name.as_ref());
                b.open(l, &e);
                b.close(l);
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                let name = e.name();
                let l = local(name.as_ref());
                if l == "t" {
                    in_text = in_text.saturating_sub(1);
                }
                b.close(l);
            }
            Event::Text(t) if in_text > 0 => {
                b.text(&t.xml10_content());
            }
            Event::CData(t) if in_text > 0 => {
                b.text(&t.into_inner());
            }
            Event::GeneralRef(r) if in_text > 0 => {
                let s = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match r.as_ref() {
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "amp" => "&".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        _ => String::new(),
                    },
                };
                b.text(&s);
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(b.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        let xml = format!(
            "<?xml version=\"1.0\"?><w:document xmlns:w=\"x\"><w:body>{body}</w:body></w:document>"
        );
        crate::html::render(&body_html(xml.as_bytes()).expect("parses"))
    }

    fn tc(text: &str, props: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    }

    #[test]
    fn paragraphs_and_entities() {
        let t = doc(
            "<w:p><w:r><w:t>一、总体</w:t></w:r><w:r><w:t xml:space=\"preserve\">情况 &amp; A&#x31;</w:t></w:r></w:p><w:p><w:r><w:delText>删</w:delText><w:instrText>PAGE</w:instrText><w:t>正文</w:t></w:r></w:p>",
        );
        assert_eq!(t, "一、总体情况 & A1\n正文\n");
    }

    #[test]
    fn spans_word_and_wps() {
        let row1 = format!(
            "<w:tr>{}{}{}</w:tr>",
            tc("组", "<w:vMerge w:val=\"restart\"/>"),
            tc("头", "<w:gridSpan w:val=\"2\"/>"),
            tc("X", "")
        );
        // Word: bare vMerge; WPS: w:val="continue".
        let row2 = format!(
            "<w:tr>{}{}{}{}</w:tr>",
            tc("", "<w:vMerge/>"),
            tc("1", ""),
            tc("2", ""),
            tc("3", "")
        );
        let row3 = format!(
            "<w:tr>{}{}{}{}</w:tr>",
            tc("", "<w:vMerge w:val=\"continue\"/>"),
            tc("4", ""),
            tc("", ""),
            tc("6", "")
        );
        let body = format!("<w:tbl>{row1}{row2}{row3}</w:tbl>");
        let xml = format!("<w:document><w:body>{body}</w:body></w:document>");
        let html = body_html(xml.as_bytes()).expect("parses");
        let flat = html.replace('\n', "");
        assert!(
            flat.contains("<tr><td rowspan=\"3\"><p>组</p></td><td colspan=\"2\"><p>头</p></td><td><p>X</p></td></tr><tr><td><p>1</p></td>"),
            "{flat}"
        );
        // The continuation cells vanish; the rows after them keep their own cells.
        let t = doc(&body);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), 3, "{t}");
        assert!(
            lines[1].starts_with("| ") && lines[1].contains("| 1 ") && lines[1].ends_with("| 3 |"),
            "{t}"
        );
        assert!(
            lines[2].contains("| 4 ") && lines[2].ends_with("| 6 |"),
            "{t}"
        );
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = "<a>".repeat(100_000);
        let xml = format!("<w:document><w:body>{deep}</w:body></w:document>");
        assert_eq!(body_html(xml.as_bytes()), Err(DocxError::TooDeep));
    }

    #[test]
    fn not_a_zip() {
        assert!(matches!(
            to_html(b"PK\x03\x04garbage"),
            Err(DocxError::Zip(_))
        ));
    }
}
