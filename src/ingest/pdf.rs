//! Reading a PDF's text layer: glyphs with positions and the table rulings, rebuilt into
//! readable text, one line per visual line, ruled tables as aligned `| a | b |` rows with
//! merged cells resolved as the HTML renderer does (text at the top-left position, the
//! covered positions empty). The same parser then reads it as any other format; every piece
//! of the rebuilt text keeps its page and bounding box ([`TextBox`]).
//!
//! The glyph source is a trait so another backend can be added; the one here is
//! `pdf-extract` ([`extract::PdfExtract`]). Scanned, encrypted, damaged PDFs and fonts without
//! a Unicode map give a per-file error with a plain reason.

mod columns;
mod extract;
pub mod layout;

pub use extract::PdfExtract;

use crate::model::TextBox;
use compact_str::CompactString;

/// One glyph as printed: its text and box in points from the page's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub text: CompactString,
    pub x0: f32,
    pub x1: f32,
    pub top: f32,
    pub bottom: f32,
    /// Font size in points, as printed (after scaling).
    pub size: f32,
}

impl Glyph {
    pub fn cx(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
    pub fn cy(&self) -> f32 {
        (self.top + self.bottom) / 2.0
    }
}

/// A straight horizontal or vertical line drawn on the page (a table border).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub horizontal: bool,
    /// y of a horizontal rule, x of a vertical one.
    pub pos: f32,
    /// Extent along the rule: x range of a horizontal rule, y range of a vertical one.
    pub from: f32,
    pub to: f32,
}

impl Rule {
    pub fn horizontal(y: f32, x0: f32, x1: f32) -> Rule {
        Rule {
            horizontal: true,
            pos: y,
            from: x0,
            to: x1,
        }
    }
    pub fn vertical(x: f32, y0: f32, y1: f32) -> Rule {
        Rule {
            horizontal: false,
            pos: x,
            from: y0,
            to: y1,
        }
    }
}

/// One page's glyphs and rulings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
}

/// Why a PDF could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    #[error("encrypted PDF: it needs a password to open; save an unprotected copy")]
    Encrypted,
    #[error("damaged or truncated PDF ({0})")]
    Damaged(String),
    #[error("scanned PDF: no text layer (only images); nianbao does not read images")]
    NoText,
    #[error("PDF text cannot be read: its fonts have no Unicode map (the text would be garbage)")]
    NoUnicode,
    #[error("PDF text cannot be read: the PDF library failed on this file ({0})")]
    Library(String),
}

/// Where glyphs and rulings come from.
pub trait GlyphSource {
    fn pages(&self, bytes: &[u8]) -> Result<Vec<Page>, PdfError>;
}

/// A PDF rebuilt as text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rebuilt {
    pub text: String,
    /// Page and box of each piece of `text`, sorted by byte offset.
    pub boxes: Vec<TextBox>,
    pub pages: usize,
}

/// Read a PDF through `source` and rebuild its text.
pub fn read_with(source: &dyn GlyphSource, bytes: &[u8]) -> Result<Rebuilt, PdfError> {
    let pages = source.pages(bytes)?;
    check_text(&pages)?;
    Ok(layout::rebuild(&pages))
}

/// Read a PDF with the default glyph source.
pub fn read(bytes: &[u8]) -> Result<Rebuilt, PdfError> {
    read_with(&PdfExtract, bytes)
}

/// A text layer worth showing: some glyphs, and mostly real characters. Fonts without a
/// Unicode map come out as control characters, private-use code points or U+FFFD.
fn check_text(pages: &[Page]) -> Result<(), PdfError> {
    let mut total = 0usize;
    let mut bad = 0usize;
    for g in pages.iter().flat_map(|p| &p.glyphs) {
        for c in g.text.chars() {
            if c.is_whitespace() {
                continue;
            }
            total += 1;
            if c.is_control() || c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c) {
                bad += 1;
            }
        }
    }
    if total == 0 {
        return Err(PdfError::NoText);
    }
    if bad * 5 > total {
        return Err(PdfError::NoUnicode);
    }
    Ok(())
}
