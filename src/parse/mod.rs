//! Parsing a decoded document into a [`Report`]. (Placeholder — being implemented.)

use crate::ingest::Document;
use crate::model::{Report, SourceText, Tables};

pub fn parse(doc: Document) -> Report {
    Report {
        path: doc.path,
        encoding: doc.encoding,
        format: doc.format,
        source: SourceText::new(doc.text),
        content_hash: doc.content_hash,
        title: None,
        agency: None,
        year: None,
        published: None,
        period: None,
        template: None,
        sections: Vec::new(),
        tables: Tables::default(),
        findings: Vec::new(),
    }
}
