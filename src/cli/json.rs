//! The JSON shapes of `check --format json|jsonl` and `export --format json`
//! (FORMAT.md §10). Keys are a contract: extend, never rename or remove.

use crate::correction::{self, Correction, NewCell, OriginalCell};
use crate::model::{Cell, CellState, Finding, LoadError, Report, RuleId, Severity, Skipped, Unit};
use crate::sanitize::write_json;
use crate::template::TableId;
use crate::validate::row_columns;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::Value;

mod compact;

/// A map that keeps insertion order (template order) when serialized.
pub struct Ordered<T>(pub Vec<(std::borrow::Cow<'static, str>, T)>);

impl<T: Serialize> Serialize for Ordered<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// A number as JSON: integers without a fraction.
pub fn number(v: f64) -> Value {
    match crate::model::correction::json_integer(v) {
        Some(i) => Value::from(i),
        None => serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number),
    }
}

/// A number written as [`number`] writes it, without building a [`Value`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num(pub f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // serde_json writes a non-finite float as null, as `number` does.
        crate::model::correction::as_json_number(&self.0, s)
    }
}

/// `"lines"`: `[n]` for one line, `[first, last]` for several (a span's lines without a
/// `Vec`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lines(Option<(u32, u32)>);

impl Lines {
    pub fn of(span: Option<crate::model::Span>) -> Lines {
        Lines(span.map(|s| (s.line_start, s.line_end)))
    }
}

impl Serialize for Lines {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            None => s.collect_seq(std::iter::empty::<u32>()),
            Some((first, last)) if first == last => s.collect_seq([first]),
            Some((first, last)) => s.collect_seq([first, last]),
        }
    }
}

#[derive(Serialize)]
pub struct CellJson<'a> {
    pub state: &'static str,
    pub value: Option<Num>,
    pub text: &'a str,
    pub unit: Option<&'a str>,
    pub lines: Lines,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub invalid: bool,
    /// A number forced by the table's identities rather than read in a cell of its own.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
    /// Why an inferred cell has its value (one Chinese sentence).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<&'a str>,
    /// For a cell read from a PDF: its page (1-based) and bounding box in points from the
    /// page's top-left corner, `[left, top, right, bottom]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bbox: Option<[f32; 4]>,
    /// A reviewer's correction of this cell (the cell shown is the corrected one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corrected: Option<CorrectedJson<'a>>,
}

/// `"corrected": {"from": CELL, "by", "time", "reason"}` (FORMAT.md §10).
#[derive(Serialize)]
pub struct CorrectedJson<'a> {
    /// The cell as parsed (CELL shape, plus its byte range).
    pub from: &'a OriginalCell,
    pub by: &'a str,
    pub time: &'a str,
    pub reason: &'a str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub from_unplaced: bool,
}

impl<'a> CorrectedJson<'a> {
    pub fn new(c: &'a Correction) -> CorrectedJson<'a> {
        CorrectedJson {
            from: &c.original,
            by: &c.reviewer,
            time: &c.time,
            reason: &c.reason,
            from_unplaced: c.from_unplaced,
        }
    }
}

/// A correction that no longer matches the report (not applied).
#[derive(Serialize)]
pub struct StaleCorrectionJson<'a> {
    pub table: &'a str,
    pub row: &'a str,
    pub column: &'a str,
    /// The state the correction would give: `{"state": "number", "value", "text"}`,
    /// `{"state": "blank"}`, `{"state": "not_in_report"}`.
    pub new: &'a NewCell,
    pub from: &'a OriginalCell,
    pub by: &'a str,
    pub time: &'a str,
    pub reason: &'a str,
}

impl<'a> CellJson<'a> {
    pub fn new(c: &'a Cell) -> CellJson<'a> {
        let state = match c.state {
            CellState::Number => "number",
            CellState::Blank => "blank",
            CellState::Missing | CellState::Invalid => "missing",
        };
        let value = match (c.state, c.value) {
            (CellState::Number, Some(v)) => Some(Num(v)),
            _ => None,
        };
        CellJson {
            state,
            value,
            text: &c.text,
            unit: c.unit.map(Unit::as_str),
            lines: Lines::of(c.span),
            invalid: c.state == CellState::Invalid,
            inferred: c.basis.is_some(),
            basis: c.basis.map(|b| b.sentence()),
            page: None,
            bbox: None,
            corrected: None,
        }
    }

    /// The cell with its page and box, when the report's text came from a PDF.
    pub fn placed(c: &'a Cell, r: &Report) -> CellJson<'a> {
        let mut j = CellJson::new(c);
        if let Some(b) = c.span.and_then(|s| r.source.place(s)) {
            j.page = Some(b.page);
            j.bbox = Some(b.bbox.map(|v| (v * 10.0).round() / 10.0));
        }
        j
    }
}

#[derive(Serialize)]
pub struct SectionJson<'a> {
    pub number: u8,
    pub title: &'a str,
    pub lines: Lines,
}

#[derive(Serialize)]
pub struct FindingJson<'a> {
    pub rule: RuleId,
    pub severity: Severity,
    pub message: &'a str,
    pub section: Option<u8>,
    pub table: Option<TableId>,
    pub row: Option<&'a str>,
    pub column: Option<&'a str>,
    pub lines: &'a [u32],
}

impl<'a> FindingJson<'a> {
    pub fn new(f: &'a Finding) -> FindingJson<'a> {
        FindingJson {
            rule: f.rule,
            severity: f.severity,
            message: &f.message,
            section: f.section,
            table: f.table,
            row: f.row,
            column: f.column,
            lines: &f.lines,
        }
    }
}

/// A cross-report finding in the final jsonl line: the report's path plus the finding.
#[derive(Serialize)]
pub struct PathFindingJson<'a> {
    pub path: &'a str,
    #[serde(flatten)]
    pub finding: FindingJson<'a>,
}

/// A row of table 2 or 3: its cells by column key, and `"unplaced"` when values were found
/// for the row whose columns are unknown.
pub struct RowJson<'a> {
    pub cells: Ordered<CellJson<'a>>,
    pub unplaced: &'a [String],
}

impl Serialize for RowJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let extra = usize::from(!self.unplaced.is_empty());
        let mut m = s.serialize_map(Some(self.cells.0.len() + extra))?;
        for (k, v) in &self.cells.0 {
            m.serialize_entry(k, v)?;
        }
        if !self.unplaced.is_empty() {
            m.serialize_entry("unplaced", self.unplaced)?;
        }
        m.end()
    }
}

#[derive(Serialize)]
pub struct TablesJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub t2: Option<Ordered<RowJson<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub t3: Option<Ordered<RowJson<'a>>>,
    /// Table 4's one row: cells by cell key (and `"unplaced"` as for a row).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub t4: Option<RowJson<'a>>,
}

#[derive(Serialize)]
pub struct ReportJson<'a> {
    pub path: &'a str,
    pub agency: Option<&'a str>,
    pub year: Option<i32>,
    pub published: Option<String>,
    pub template: Option<&'static str>,
    /// `report`, `pre-2019` or `not-a-report` (FORMAT.md §10, §11).
    pub kind: &'static str,
    pub encoding: &'a str,
    pub sections: Vec<SectionJson<'a>>,
    pub tables: TablesJson<'a>,
    pub findings: Vec<FindingJson<'a>>,
    /// FORMAT.md §10: `disclosure_rate`, `denial_rate`, `unable_rate`, `correction_rate`,
    /// `applications`, `days_late` (and the per-group correction rates), `null` when not
    /// computable.
    pub indicators: Ordered<Value>,
    /// Inputs, rating and position among peers; present when the whole folder is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator_details: Option<super::indicators::DetailsJson<'a>>,
    /// Corrections in the review file that no longer match the report (not applied).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stale_corrections: Vec<StaleCorrectionJson<'a>>,
}

/// The cells of one found row, keyed by column.
pub fn row_cells<'a>(
    r: &'a Report,
    id: TableId,
    row: &'a crate::model::Row,
) -> Ordered<CellJson<'a>> {
    let columns = row_columns(r, id, row);
    Ordered(
        row.cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let key = columns.get(i).map_or_else(
                    || std::borrow::Cow::Owned(format!("c{i}")),
                    |col| std::borrow::Cow::Borrowed(col.key),
                );
                let mut cell = CellJson::placed(c, r);
                if !r.corrections.is_empty() {
                    cell.corrected =
                        correction::applied(r, id, row.key, &key).map(CorrectedJson::new);
                }
                (key, cell)
            })
            .collect(),
    )
}

fn table_rows<'a>(r: &'a Report, id: TableId) -> Option<Ordered<RowJson<'a>>> {
    let t = r.tables.get(id)?;
    Some(Ordered(
        t.rows
            .iter()
            .map(|row| {
                (
                    std::borrow::Cow::Borrowed(row.key),
                    RowJson {
                        cells: row_cells(r, id, row),
                        unplaced: &row.unplaced,
                    },
                )
            })
            .collect(),
    ))
}

impl<'a> ReportJson<'a> {
    /// The report with the findings given (already filtered by `--rule`/`--skip-rule`).
    pub fn new(r: &'a Report, findings: &[&'a Finding]) -> ReportJson<'a> {
        Self::with_indicators(r, findings, None)
    }

    /// [`ReportJson::new`] with the report's indicators as computed over the folder (with
    /// details); without them, the values alone from the default configuration.
    pub fn with_indicators(
        r: &'a Report,
        findings: &[&'a Finding],
        indicators: Option<&'a crate::indicators::ReportIndicators>,
    ) -> ReportJson<'a> {
        let (values, details) = match indicators {
            Some(ri) => (
                super::indicators::values(ri),
                Some(super::indicators::details(ri)),
            ),
            None => {
                let cfg = crate::indicators::IndicatorConfig::default();
                (
                    super::indicators::values(&crate::indicators::compute(r, &cfg)),
                    None,
                )
            }
        };
        let t4 = r.tables.t4.as_ref().map(|t| match t.row("all") {
            Some(row) => RowJson {
                cells: row_cells(r, TableId::T4, row),
                unplaced: &row.unplaced,
            },
            None => RowJson {
                cells: Ordered(Vec::new()),
                unplaced: &[],
            },
        });
        ReportJson {
            path: &r.path,
            agency: r.agency.as_ref().map(|a| a.value.as_str()),
            year: r.year.as_ref().map(|y| y.value),
            published: r.published.as_ref().map(|d| d.value.to_string()),
            template: r.template.map(|t| t.as_str()),
            kind: r.kind().as_str(),
            encoding: &r.encoding,
            sections: r
                .sections
                .iter()
                .map(|s| SectionJson {
                    number: s.number,
                    title: &s.title,
                    lines: Lines::of(Some(s.span)),
                })
                .collect(),
            tables: TablesJson {
                t2: table_rows(r, TableId::T2),
                t3: table_rows(r, TableId::T3),
                t4,
            },
            findings: findings.iter().map(|f| FindingJson::new(f)).collect(),
            indicators: values,
            indicator_details: details,
            stale_corrections: correction::stale(r)
                .map(|c| StaleCorrectionJson {
                    table: &c.table,
                    row: &c.row,
                    column: &c.column,
                    new: &c.new,
                    from: &c.original,
                    by: &c.reviewer,
                    time: &c.time,
                    reason: &c.reason,
                })
                .collect(),
        }
    }
}

#[derive(Serialize, Default, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Counts {
    pub fn add(&mut self, s: Severity) {
        match s {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
        }
    }
}

#[derive(Serialize, Default, Clone, Copy, Debug)]
pub struct Summary {
    pub files: usize,
    pub reports: usize,
    pub errors: usize,
    pub findings: Counts,
    /// Files not read (listed under `skipped`).
    pub skipped: usize,
}

/// The reports of `check --format json`, each turned into JSON only while it is written
/// (the whole corpus as a JSON tree would take several times the corpus's memory), with
/// their indicators (one per report, same order, inputs computed again as each report is
/// written) when given.
pub struct LazyReports<'a>(
    pub &'a [(&'a Report, Vec<&'a Finding>)],
    pub Option<&'a crate::indicators::Lean>,
);

impl Serialize for LazyReports<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for (i, (r, fs)) in self.0.iter().enumerate() {
            let ri = self.1.and_then(|all| all.full(i, r));
            seq.serialize_element(&ReportJson::with_indicators(r, fs, ri.as_ref()))?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
pub struct CheckJson<'a> {
    pub reports: LazyReports<'a>,
    pub errors: &'a [LoadError],
    pub skipped: &'a [Skipped],
    pub summary: Summary,
}

/// How many reports are turned into JSON at once by [`write_check_compact`]: enough to
/// keep both cores busy, few enough that the buffered text stays small.
const CHUNK: usize = 256;

/// Write `doc` as compact JSON, byte for byte what serializing it whole writes, with the
/// reports turned into JSON in parallel, a chunk at a time, and written in order.
pub fn write_check_compact(
    out: &mut impl std::io::Write,
    doc: &CheckJson,
) -> serde_json::Result<()> {
    use rayon::prelude::*;
    let LazyReports(reports, indicators) = doc.reports;
    out.write_all(b"{\"reports\":[")
        .map_err(serde_json::Error::io)?;
    for (c, chunk) in reports.chunks(CHUNK).enumerate() {
        let texts: Vec<Vec<u8>> = chunk
            .par_iter()
            .enumerate()
            .map(|(k, (r, fs))| {
                let i = c * CHUNK + k;
                let ri = indicators.and_then(|all| all.full(i, r));
                let json = ReportJson::with_indicators(r, fs, ri.as_ref());
                let mut text = Vec::with_capacity(32 * 1024);
                compact::report(&mut text, &json)?;
                Ok(text)
            })
            .collect::<serde_json::Result<_>>()?;
        for (k, text) in texts.iter().enumerate() {
            if c > 0 || k > 0 {
                out.write_all(b",").map_err(serde_json::Error::io)?;
            }
            out.write_all(text).map_err(serde_json::Error::io)?;
        }
    }
    out.write_all(b"],\"errors\":")
        .map_err(serde_json::Error::io)?;
    write_json(&mut *out, doc.errors, false)?;
    out.write_all(b",\"skipped\":")
        .map_err(serde_json::Error::io)?;
    write_json(&mut *out, doc.skipped, false)?;
    out.write_all(b",\"summary\":")
        .map_err(serde_json::Error::io)?;
    write_json(&mut *out, &doc.summary, false)?;
    out.write_all(b"}").map_err(serde_json::Error::io)
}

/// The last line of `--format jsonl`.
#[derive(Serialize)]
pub struct JsonlTail<'a> {
    pub summary: Summary,
    pub errors: &'a [LoadError],
    pub skipped: &'a [Skipped],
    pub cross_report_findings: Vec<PathFindingJson<'a>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `check --format json`'s compact output written in parallel chunks equals the
    /// document serialized whole, on a folder of more than one chunk.
    #[test]
    fn compact_check_json_in_chunks_equals_the_whole_document() {
        let dir = tempfile::tempdir().expect("tempdir");
        crate::generate::generate(dir.path(), CHUNK + 45, 5).expect("generate");
        let corpus = crate::corpus::load_dir(dir.path());
        assert!(corpus.reports.len() > CHUNK, "{}", corpus.reports.len());
        let cfg = crate::indicators::IndicatorConfig::default();
        let (indicators, _) = crate::indicators::for_reports_lean(&corpus.reports, &cfg, |_| ());
        let reports: Vec<(&Report, Vec<&Finding>)> = corpus
            .reports
            .iter()
            .map(|r| (r, r.findings.iter().collect()))
            .collect();
        let doc = CheckJson {
            reports: LazyReports(&reports, Some(&indicators)),
            errors: &corpus.errors,
            skipped: &corpus.skipped,
            summary: Summary::default(),
        };
        let mut whole = Vec::new();
        write_json(&mut whole, &doc, false).expect("whole");
        let mut chunked = Vec::new();
        write_check_compact(&mut chunked, &doc).expect("chunked");
        assert!(whole.len() > 100_000);
        assert!(whole == chunked, "the outputs differ");
    }
}
