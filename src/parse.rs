//! Parsing a decoded document into a [`Report`]: sections, metadata, and tables 2-4 with
//! every cell's provenance. Parsing works on the text as shown to the user (for HTML, its
//! readable rendering), line by line, in time linear in the size of the document.

pub mod cells;
pub mod digits;
pub mod layout;
pub mod matching;
pub mod meta;
pub mod reflow;
pub mod sections;
pub mod tables;

use crate::model::{Report, Section, SourceFormat, SourceText, Tables, TextBox};
use crate::template::{TableDef, TableId, TemplateVersion};
use crate::text::squash;

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
    /// For a PDF: page and box of each piece of `text` (empty for other formats).
    pub boxes: Vec<TextBox>,
}

pub fn parse(doc: Document) -> Report {
    // A one-line scrape is broken into lines first (only line breaks are inserted). Text
    // rebuilt from a PDF is already in visual lines, and its page boxes hold byte offsets.
    let text = match doc
        .boxes
        .is_empty()
        .then(|| reflow::reflow(&doc.text))
        .flatten()
    {
        Some(t) => t,
        None => doc.text,
    };
    let mut source = SourceText::new(text);
    source.boxes = doc.boxes;
    let sections = sections::find(&source);
    let title = meta::title(&source, &sections);
    let year = meta::year(title.as_ref(), &source, &sections);
    let agency = meta::agency(title.as_ref(), &source, &sections);
    let published = meta::published(&source);
    let period = meta::period(&source, &sections, year.as_ref().map(|y| y.value));
    let detected = meta::template(&source, &sections);
    let version = TemplateVersion::resolve(detected, year.as_ref().map(|y| y.value));
    let tables = extract_tables(&source, &sections, version);
    let any_table = tables.t2.is_some() || tables.t3.is_some() || tables.t4.is_some();
    Report {
        path: doc.path,
        encoding: doc.encoding,
        format: doc.format,
        source,
        content_hash: doc.content_hash,
        title,
        agency,
        year,
        published,
        period,
        template: detected.or(any_table.then_some(version)),
        sections,
        tables: std::sync::Arc::new(tables),
        findings: Vec::new(),
        narrative: Vec::new(),
        corrections: Vec::new(),
    }
}

/// The first line of `first..=last` that holds one of the table's header words.
pub(crate) fn first_header_line(
    src: &SourceText,
    def: &TableDef,
    first: u32,
    last: u32,
) -> Option<u32> {
    // Header words sit in short lines (cells, header rows), never in long paragraphs.
    (first..=last).find(|&n| {
        let line = src.line(n as usize);
        line.len() <= 400 && {
            let s = squash(line);
            def.header_words.iter().any(|w| s.contains(w))
        }
    })
}

/// The lines a table is read from: its section (from its first header line on), or when the
/// section heading is missing, from the table's first header line to the next heading.
fn region(src: &SourceText, sections: &[Section], def: &TableDef) -> Option<(u32, u32, bool)> {
    let total = src.line_count() as u32;
    if total == 0 {
        return None;
    }
    let number = def.id.section();
    if let Some(s) = sections.iter().find(|s| s.number == number) {
        let first = s.span.line_start + 1;
        let last = s.span.line_end;
        if first > last {
            return None;
        }
        return Some(match first_header_line(src, def, first, last) {
            Some(a) => (a, last, true),
            None => (first, last, false),
        });
    }
    let a = first_header_line(src, def, 1, total)?;
    let next_heading = sections
        .iter()
        .map(|s| s.span.line_start)
        .find(|&l| l > a)
        .unwrap_or(total + 1);
    Some((a, next_heading - 1, true))
}

fn extract_tables(src: &SourceText, sections: &[Section], version: TemplateVersion) -> Tables {
    let mut t = Tables::default();
    let template = version.template();
    if let Some((a, b, anchored)) = region(src, sections, &template.t2) {
        t.t2 = tables::extract_rows_table(src, version, TableId::T2, a, b, anchored);
    }
    if let Some((a, b, anchored)) = region(src, sections, &template.t3) {
        t.t3 = tables::extract_rows_table(src, version, TableId::T3, a, b, anchored);
    }
    if let Some((a, b, _)) = region(src, sections, &template.t4) {
        t.t4 = tables::extract_t4(src, version, a, b);
    }
    t
}
