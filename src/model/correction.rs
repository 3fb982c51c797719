//! A reviewer's corrections of table cells, as data: what the review file stores and what a
//! report carries after they are applied (the logic is in [`crate::correction`]).

use super::{Cell, CellState};
use serde::{Deserialize, Serialize};

/// The state a correction gives a cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum NewCell {
    /// A number, with the text the reviewer typed.
    Number {
        #[serde(serialize_with = "as_json_number")]
        value: f64,
        text: String,
    },
    /// The cell is there and empty (counts as 0).
    Blank,
    /// The report does not have this cell (its value is unknown).
    NotInReport,
}

impl NewCell {
    /// How the new state is shown: the number, `空`, `报告中无此项`.
    pub fn label(&self) -> String {
        match self {
            NewCell::Number { text, .. } => text.clone(),
            NewCell::Blank => "空".to_string(),
            NewCell::NotInReport => "报告中无此项".to_string(),
        }
    }
}

/// A cell as the parser read it, in the JSON contract's CELL shape plus its byte range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OriginalCell {
    /// `number`, `blank` or `missing` (an invalid cell is `missing` with `invalid`).
    pub state: String,
    #[serde(serialize_with = "as_json_opt_number")]
    pub value: Option<f64>,
    pub text: String,
    pub unit: Option<String>,
    pub lines: Vec<u32>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub invalid: bool,
    /// The number was forced by the table's identities (not read in a cell of its own).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
    /// Half-open byte range in the source text, when the cell had text.
    pub bytes: Option<[u32; 2]>,
}

fn state_name(s: CellState) -> &'static str {
    match s {
        CellState::Number => "number",
        CellState::Blank => "blank",
        CellState::Missing | CellState::Invalid => "missing",
    }
}

/// The integer the JSON contract writes for `v`, when `v` has no fraction (and is exactly
/// representable); `None` means it is written as a float.
pub fn json_integer(v: f64) -> Option<i64> {
    (v.fract() == 0.0 && v.abs() < 9e15).then_some(v as i64)
}

/// Numbers as the JSON contract writes them: integers without a fraction.
pub fn as_json_number<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    match json_integer(*v) {
        Some(i) => s.serialize_i64(i),
        None => s.serialize_f64(*v),
    }
}

fn as_json_opt_number<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => as_json_number(v, s),
        None => s.serialize_none(),
    }
}

impl OriginalCell {
    pub fn of(c: &Cell) -> OriginalCell {
        OriginalCell {
            state: state_name(c.state).to_string(),
            value: c.value,
            text: c.text.to_string(),
            unit: c.unit.map(|u| u.as_str().to_string()),
            lines: c.span.map(|s| s.lines()).unwrap_or_default(),
            invalid: c.state == CellState::Invalid,
            inferred: c.basis.is_some(),
            bytes: c.span.map(|s| [s.byte_start, s.byte_end]),
        }
    }

    /// Whether `c` is still the cell this was read from: same state, text and place.
    pub fn matches(&self, c: &Cell) -> bool {
        *self == OriginalCell::of(c)
    }
}

/// One correction, as stored in the review file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    /// `t2`, `t3`, `t4`.
    pub table: String,
    pub row: String,
    pub column: String,
    pub new: NewCell,
    /// The number was one of the row's unplaced values (a missing cell filled from them).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_unplaced: bool,
    pub reason: String,
    pub reviewer: String,
    /// RFC 3339, UTC.
    pub time: String,
    pub original: OriginalCell,
    /// Content hash (hex) of the report file when the correction was made.
    pub content_hash: String,
}

// Values are finite (a typed number must be; parsed cells are), so equality is total.
impl Eq for Correction {}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CorrectionError {
    #[error("a correction needs a reason")]
    NoReason,
    #[error("{0:?} is not a number")]
    NotANumber(String),
    #[error("no such cell: {0}")]
    NoCell(String),
    #[error("{value:?} is not among the row's unplaced values")]
    NotUnplaced { value: String },
    #[error("only a missing cell can be filled from the row's unplaced values")]
    NotMissing,
}

/// Whether a correction was applied to the report as loaded now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkState {
    Applied,
    /// The original cell no longer matches the report: listed, not applied.
    Stale,
}

/// A correction against the report as loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub correction: Correction,
    pub state: MarkState,
}
