//! The canonical model of a parsed report: metadata, sections, tables of cells with
//! provenance, and findings. Plain data; no I/O, no terminal.

use crate::template::{TableId, Template, TemplateVersion};
use compact_str::CompactString;
use serde::Serialize;
use std::fmt;
use std::sync::Arc;

pub mod correction;
mod files;
mod finding;
mod index;

pub use files::{LoadError, Skipped, content_hash};
pub use finding::{Finding, RuleId, Severity};
pub use index::{FindingIx, ReportIx};

/// Where a piece of text came from in the source text shown to the user.
/// Lines are 1-based and inclusive; bytes are a half-open range into the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Span {
    pub line_start: u32,
    pub line_end: u32,
    /// Byte offsets are `u32`: files are at most 32 MiB (and the model stays small:
    /// a large folder holds millions of cells).
    pub byte_start: u32,
    pub byte_end: u32,
}

impl Span {
    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span {
            line_start: self.line_start.min(other.line_start),
            line_end: self.line_end.max(other.line_end),
            byte_start: self.byte_start.min(other.byte_start),
            byte_end: self.byte_end.max(other.byte_end),
        }
    }

    /// Line numbers as the JSON contract shows them: `[n]` or `[first, last]`.
    pub fn lines(&self) -> Vec<u32> {
        if self.line_start == self.line_end {
            vec![self.line_start]
        } else {
            vec![self.line_start, self.line_end]
        }
    }
}

/// The three states of FORMAT.md §7, plus `Invalid`: the cell was located but its text is
/// neither a number nor a blank placeholder (rule S07). `Invalid` is reported as `missing`
/// in JSON (its value is unknown) with `"invalid": true`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CellState {
    Number,
    Blank,
    Missing,
    Invalid,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub state: CellState,
    /// The number as written (signs kept, units stripped). `None` unless `state == Number`.
    pub value: Option<f64>,
    /// The cell text as written (trimmed). Empty for missing cells. Inline (no heap
    /// allocation) up to 24 bytes, which is every real cell.
    pub text: CompactString,
    /// The unit as written in the cell or its header (`万元`, `元`).
    pub unit: Option<Unit>,
    /// Where the text came from. `None` for missing cells that have no text at all.
    pub span: Option<Span>,
    /// Set when the number was not printed in a cell of its own but forced out of a run of
    /// concatenated digits (JSON `"inferred": true` with `"basis"`).
    pub basis: Option<Basis>,
}

/// The money unit a cell carries, written in the cell or its row's header. One byte in a
/// cell rather than a 16-byte `&str`: a folder holds millions of cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// 万元, the template's unit for amounts.
    WanYuan,
    /// 元.
    Yuan,
}

impl Unit {
    /// The unit written `name`, if it is one a cell keeps.
    pub fn of(name: &str) -> Option<Unit> {
        match name {
            "万元" => Some(Unit::WanYuan),
            "元" => Some(Unit::Yuan),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Unit::WanYuan => "万元",
            Unit::Yuan => "元",
        }
    }
}

/// Why an inferred cell has its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// As many digits as columns: one digit per cell.
    OneDigitPerColumn,
    /// The spaces left in the run and the way numbers are written (no leading zero) allow
    /// only this split.
    OnlySplit,
    /// The only split of the digits that meets the row's and the table's identities.
    UniqueSplit,
}

impl Basis {
    /// The reason, as one Chinese sentence.
    pub fn sentence(self) -> &'static str {
        match self {
            Basis::OneDigitPerColumn => {
                "该行数字连写在一起，数字个数与列数相同，每个数字为一个单元格。"
            }
            Basis::OnlySplit => {
                "该行数字连写在一起，按其中的空格和数字的写法（不以 0 开头）只有这一种拆分。"
            }
            Basis::UniqueSplit => {
                "该行数字连写在一起，只有这一种拆分同时满足本行总计等于各类申请人之和与表内各列的勾稽关系。"
            }
        }
    }
}

impl Cell {
    pub fn missing() -> Cell {
        Cell {
            state: CellState::Missing,
            value: None,
            text: CompactString::default(),
            unit: None,
            span: None,
            basis: None,
        }
    }

    /// Numbers count as themselves, blanks as zero, missing and invalid cells are unknown.
    pub fn arithmetic_value(&self) -> Option<f64> {
        match self.state {
            CellState::Number => self.value,
            CellState::Blank => Some(0.0),
            CellState::Missing | CellState::Invalid => None,
        }
    }

    pub fn is_known(&self) -> bool {
        matches!(self.state, CellState::Number | CellState::Blank)
    }
}

/// One template row as found in a report.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Template row key (`new`, `regulations`, …). For table 4 the single row is `all`.
    pub key: &'static str,
    /// The label text as written in the source (normalised whitespace).
    pub label: String,
    /// One cell per template column of this row, in template order.
    pub cells: Vec<Cell>,
    /// Lines of the label and the cells.
    pub span: Span,
    /// Values that were found for this row but whose column could not be determined
    /// (e.g. 5 numbers for 7 columns). They are not placed in any cell.
    pub unplaced: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub id: TableId,
    pub rows: Vec<Row>,
    /// From the table's first header line to its last cell.
    pub span: Span,
}

impl Table {
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key)
    }

    pub fn cell(&self, row: &str, column_index: usize) -> Option<&Cell> {
        self.row(row).and_then(|r| r.cells.get(column_index))
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tables {
    pub t2: Option<Table>,
    pub t3: Option<Table>,
    pub t4: Option<Table>,
}

impl Tables {
    pub fn get(&self, id: TableId) -> Option<&Table> {
        match id {
            TableId::T2 => self.t2.as_ref(),
            TableId::T3 => self.t3.as_ref(),
            TableId::T4 => self.t4.as_ref(),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Table> {
        [&self.t2, &self.t3, &self.t4]
            .into_iter()
            .filter_map(|t| t.as_ref())
    }
}

/// One of the six sections.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// 1..=6.
    pub number: u8,
    /// The heading as written (whitespace-normalised).
    pub title: String,
    /// From the heading line to the last content line (page chrome excluded).
    pub span: Span,
    /// Lines of the heading itself.
    pub heading: Span,
    /// Whether the section has any content besides its heading.
    pub has_content: bool,
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    pub fn days_since_epoch(&self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A value found in the text, with where it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub span: Span,
}

/// The statistics period the report states (统计期限 …).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

/// The source text as shown to the user, with a line index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceText {
    pub text: String,
    /// Byte offset of the start of each line (line n is `line_starts[n-1]`). `u32`: files
    /// are at most 32 MiB.
    pub line_starts: Vec<u32>,
    /// For text rebuilt from a PDF: where each piece of the text sits on its page, sorted by
    /// byte offset (empty for other formats).
    pub boxes: Vec<TextBox>,
}

/// A piece of rebuilt text and where it was printed: page (1-based) and bounding box in
/// points from the page's top-left corner, `[left, top, right, bottom]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TextBox {
    pub byte_start: u32,
    pub byte_end: u32,
    pub page: u32,
    pub bbox: [f32; 4],
}

impl TextBox {
    /// The box covering both (on `self`'s page).
    pub fn union(self, o: TextBox) -> TextBox {
        TextBox {
            byte_start: self.byte_start.min(o.byte_start),
            byte_end: self.byte_end.max(o.byte_end),
            page: self.page,
            bbox: [
                self.bbox[0].min(o.bbox[0]),
                self.bbox[1].min(o.bbox[1]),
                self.bbox[2].max(o.bbox[2]),
                self.bbox[3].max(o.bbox[3]),
            ],
        }
    }
}

impl SourceText {
    pub fn new(text: String) -> SourceText {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i as u32 + 1));
        if text.ends_with('\n') {
            line_starts.pop();
        }
        SourceText {
            text,
            line_starts,
            boxes: Vec::new(),
        }
    }

    /// The page and bounding box of the text a span covers: the union of the boxes that
    /// overlap it on the first page they are on. `None` when the text has no page layout.
    pub fn place(&self, span: Span) -> Option<TextBox> {
        let first = self
            .boxes
            .partition_point(|b| b.byte_end <= span.byte_start);
        let mut hit: Option<TextBox> = None;
        for b in &self.boxes[first..] {
            if b.byte_start >= span.byte_end.max(span.byte_start + 1) {
                break;
            }
            hit = Some(match hit {
                None => *b,
                Some(h) if h.page == b.page => h.union(*b),
                Some(h) => h,
            });
        }
        hit
    }

    pub fn line_count(&self) -> usize {
        if self.text.is_empty() {
            0
        } else {
            self.line_starts.len()
        }
    }

    /// Line `n` (1-based) without its line terminator.
    pub fn line(&self, n: usize) -> &str {
        if n == 0 || n > self.line_count() {
            return "";
        }
        let start = self.line_starts[n - 1] as usize;
        let end = self
            .line_starts
            .get(n)
            .map_or(self.text.len(), |&e| e as usize);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// Iterate `(line number, byte offset, line text)`.
    pub fn lines(&self) -> impl Iterator<Item = (u32, usize, &str)> {
        (1..=self.line_count()).map(move |n| (n as u32, self.line_start(n), self.line(n)))
    }

    /// Byte offset where line `n` (1-based) starts; the text length past the end.
    pub fn line_start(&self, n: usize) -> usize {
        self.line_starts
            .get(n.wrapping_sub(1))
            .map_or(self.text.len(), |&s| s as usize)
    }

    /// The 1-based line containing byte offset `b`.
    pub fn line_of(&self, b: usize) -> u32 {
        match self.line_starts.binary_search(&(b as u32)) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    /// A span covering `start..end` bytes.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span {
            line_start: self.line_of(start),
            line_end: self.line_of(end.saturating_sub(1).max(start)),
            byte_start: start as u32,
            byte_end: end as u32,
        }
    }

    /// The text a span covers ("" when it is out of range).
    pub fn slice(&self, span: Span) -> &str {
        self.text
            .get(span.byte_start as usize..span.byte_end as usize)
            .unwrap_or("")
    }
}

/// How the source was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    Text,
    Markdown,
    Html,
    /// Text rebuilt from a PDF's glyphs and rulings.
    Pdf,
    /// A Word document (DOCX, or DOC/WPS converted by LibreOffice).
    Docx,
}

/// What a document of an agency's archive is (FORMAT.md §11): a template report, an annual
/// report from before the 2019 template (2008 regulations, free-form statistics), or a page
/// that is not an annual report at all (政府信息公开指南, notices, 工作要点).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum ReportKind {
    #[default]
    #[serde(rename = "report")]
    Report,
    #[serde(rename = "pre-2019")]
    Pre2019,
    #[serde(rename = "not-a-report")]
    NotAReport,
}

impl ReportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::Report => "report",
            ReportKind::Pre2019 => "pre-2019",
            ReportKind::NotAReport => "not-a-report",
        }
    }
}

/// Title words of pages that are not annual reports.
pub const NOT_REPORT_TITLES: &[&str] = &[
    "指南", "要点", "通知", "目录", "制度", "办法", "规定", "意见", "方案", "公告", "公示",
];

/// A parsed report.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The path as given on the command line (joined with the walked relative path).
    pub path: String,
    /// The encoding the file was decoded with (`UTF-8`, `GBK`, `UTF-16LE`, …).
    pub encoding: String,
    pub format: SourceFormat,
    /// The text as shown in the source pane (for HTML, its readable rendering).
    pub source: SourceText,
    /// Hash of the raw file bytes (FNV-1a 64), for review state and duplicate detection.
    pub content_hash: u64,
    pub title: Option<Located<String>>,
    pub agency: Option<Located<String>>,
    pub year: Option<Located<i32>>,
    pub published: Option<Located<Date>>,
    pub period: Option<Located<Period>>,
    /// The version the tables show, or that they were read with (none without a table).
    /// Which template applies is [`Report::template`].
    pub template: Option<TemplateVersion>,
    pub sections: Vec<Section>,
    /// Shared, not copied, by the copy a background load keeps for the cross-report rules
    /// (the tables are most of a report's memory). Changed only through `Arc::make_mut`
    /// (corrections, before validation).
    pub tables: Arc<Tables>,
    /// Filled in by validation.
    pub findings: Vec<Finding>,
    /// The sentences of sections 一 and 五 as rule C07 compares them (filled in by
    /// validation; kept when the source text is dropped).
    pub narrative: Vec<SentenceMark>,
    /// Reviewer corrections of this report's cells: applied, or stale (not applied).
    pub corrections: Vec<correction::Mark>,
}

/// One sentence of sections 一 and 五, normalised and hashed (rule C07).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceMark {
    pub hash: u64,
    /// The line the sentence starts on.
    pub line: u32,
}

impl Report {
    /// The template version the report follows, if anything says: the one its tables show,
    /// else the one its year prescribes.
    pub fn template_version(&self) -> Option<TemplateVersion> {
        TemplateVersion::known(self.template, self.year.as_ref().map(|y| y.value))
    }

    /// The template the report's tables are read, checked and shown with:
    /// [`Report::template_version`], else [`TemplateVersion::DEFAULT`] (as the parser reads).
    pub fn template(&self) -> &'static Template {
        TemplateVersion::resolve(self.template, self.year.as_ref().map(|y| y.value)).template()
    }

    pub fn section(&self, number: u8) -> Option<&Section> {
        self.sections.iter().find(|s| s.number == number)
    }

    /// The text of a section (heading excluded), or "" when absent.
    pub fn section_text(&self, number: u8) -> &str {
        match self.section(number) {
            Some(s) => {
                let start = s.heading.byte_end.min(s.span.byte_end) as usize;
                self.source
                    .text
                    .get(start..s.span.byte_end as usize)
                    .unwrap_or("")
            }
            None => "",
        }
    }

    /// The kind of document, from its year, title and tables: a report year before 2019 is
    /// `pre-2019`; a document with no template table whose title does not call it an
    /// annual report (or names a 指南, 要点, 通知 …), or that has no title, no year and
    /// fewer than three of the six sections, is `not-a-report`.
    pub fn kind(&self) -> ReportKind {
        if self.year.as_ref().is_some_and(|y| y.value <= 2018) {
            return ReportKind::Pre2019;
        }
        // A template table with at least one cell read (a stray 行政复议 in a guide's prose
        // makes a table 4 region of missing cells, which is no evidence).
        let tables = self
            .tables
            .iter()
            .any(|t| t.rows.iter().any(|r| r.cells.iter().any(Cell::is_known)));
        if tables {
            return ReportKind::Report;
        }
        let title: String = self
            .title
            .as_ref()
            .map(|t| crate::text::squash(&t.value))
            .unwrap_or_default();
        let annual = title.contains("年度报告") || title.contains("年报");
        let says_report = title.contains("报告");
        let names_other = NOT_REPORT_TITLES.iter().any(|w| title.contains(w));
        let untitled_report =
            self.title.is_none() && (self.year.is_some() || self.sections.len() >= 3);
        if annual || (says_report && !names_other) || untitled_report {
            ReportKind::Report
        } else {
            ReportKind::NotAReport
        }
    }

    /// Free the source text and its line index (after validation, for headless use).
    /// Cells, sections and findings keep their line numbers.
    pub fn drop_source(&mut self) {
        // Page boxes stay: JSON output places cells on their pages after validation.
        let boxes = std::mem::take(&mut self.source.boxes);
        self.source = SourceText {
            boxes,
            ..SourceText::default()
        };
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

#[cfg(test)]
mod tests;
