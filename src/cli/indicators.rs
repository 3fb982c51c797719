//! Indicators in the outputs: the `indicators` and `indicator_details` keys of
//! `check --format json|jsonl`, and `export --table indicators` (one row per report and
//! indicator), whose rows the workbook's `indicators` sheet shares.

use super::csv::{record, report_fields};
use super::human::escape;
use super::json::{Ordered, number};
use crate::indicators::{ALL_INDICATORS, Indicator, ReportIndicators};
use crate::model::Report;
use serde::Serialize;
use serde_json::Value;
use std::borrow::Cow;
use std::io::Write;

/// `"indicators"`: key → value (a fraction 0–1 for rates, a count otherwise) or `null`.
pub fn values(ri: &ReportIndicators) -> Ordered<Value> {
    Ordered(
        ri.items
            .iter()
            .map(|i| {
                (
                    Cow::Borrowed(i.id.key()),
                    i.value.map_or(Value::Null, number),
                )
            })
            .collect(),
    )
}

#[derive(Serialize)]
pub struct InputJson<'a> {
    /// `t3.granted.total`, `t4.review.corrected`, `published`, `agency`, `year`.
    pub cell: &'a str,
    pub value: Value,
    pub text: String,
    pub lines: &'a [u32],
    /// Present (true) when the cell's number was inferred from concatenated digits.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
}

#[derive(Serialize)]
pub struct DetailJson<'a> {
    pub label: &'static str,
    pub value: Value,
    pub numerator: Value,
    pub denominator: Value,
    pub rated: bool,
    pub note: Option<&'a str>,
    pub rank: Option<usize>,
    pub peers: Option<usize>,
    pub quantile: Value,
    pub inputs: Vec<InputJson<'a>>,
}

fn opt(v: Option<f64>) -> Value {
    v.map_or(Value::Null, number)
}

impl<'a> DetailJson<'a> {
    pub fn new(i: &'a Indicator) -> DetailJson<'a> {
        DetailJson {
            label: i.id.label(),
            value: opt(i.value),
            numerator: opt(i.numerator),
            denominator: opt(i.denominator),
            rated: i.rated,
            note: i.note.as_deref(),
            rank: i.position.map(|p| p.rank),
            peers: i.position.map(|p| p.of),
            quantile: opt(i.position.and_then(|p| p.quantile)),
            inputs: i
                .inputs
                .iter()
                .map(|x| InputJson {
                    cell: &x.reference,
                    value: opt(x.value),
                    text: escape(&x.text),
                    lines: &x.lines,
                    inferred: x.inferred,
                })
                .collect(),
        }
    }
}

/// `"indicator_details"`: the peer group (`level`, `year`) and per indicator its value,
/// inputs with their lines, whether it is rated, and its rank and quantile among peers.
#[derive(Serialize)]
pub struct DetailsJson<'a> {
    pub level: Option<&'static str>,
    pub year: Option<i32>,
    pub items: Ordered<DetailJson<'a>>,
}

pub fn details(ri: &ReportIndicators) -> DetailsJson<'_> {
    DetailsJson {
        level: ri.level.map(|l| l.key()),
        year: ri.year,
        items: Ordered(
            ri.items
                .iter()
                .map(|i| (Cow::Borrowed(i.id.key()), DetailJson::new(i)))
                .collect(),
        ),
    }
}

/// Column headers of the indicator rows: the CSV keys and the workbook's Chinese headers.
pub const HEADER: [(&str, &str); 16] = [
    ("path", "文件"),
    ("agency", "机关"),
    ("year", "年度"),
    ("level", "层级"),
    ("indicator", "指标键"),
    ("label", "指标"),
    ("value", "数值"),
    ("numerator", "分子"),
    ("denominator", "分母"),
    ("rated", "参与评价"),
    ("rank", "排名"),
    ("peers", "同组份数"),
    ("quantile", "分位"),
    ("lines", "行号"),
    ("inputs", "所用单元格"),
    ("note", "说明"),
];

/// One field of an indicator row: text or a number (the workbook writes numbers as numbers).
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    Text(String),
    Number(f64),
    Empty,
}

impl Field {
    fn csv(&self) -> String {
        match self {
            Field::Text(s) => s.clone(),
            Field::Number(v) => crate::validate::fmt_num(*v),
            Field::Empty => String::new(),
        }
    }
}

fn num_or_na(v: Option<f64>) -> Field {
    v.map_or(Field::Text("NA".into()), Field::Number)
}

/// The rows of every report's indicators, in report then indicator order.
pub fn rows(reports: &[Report], all: &[ReportIndicators]) -> Vec<Vec<Field>> {
    let mut out = Vec::new();
    for (r, ri) in reports.iter().zip(all) {
        for id in ALL_INDICATORS {
            let Some(i) = ri.get(id) else { continue };
            let [path, agency, year] = report_fields(r);
            let mut lines: Vec<u32> = i.inputs.iter().flat_map(|x| x.lines.clone()).collect();
            lines.sort_unstable();
            lines.dedup();
            let inputs: Vec<String> = i
                .inputs
                .iter()
                .map(|x| {
                    let v = x.value.map_or_else(
                        || {
                            if x.text.is_empty() {
                                "NA".into()
                            } else {
                                escape(&x.text)
                            }
                        },
                        crate::validate::fmt_num,
                    );
                    format!("{}={v}", x.reference)
                })
                .collect();
            let pos = i.position;
            out.push(vec![
                Field::Text(path),
                Field::Text(agency),
                year.parse().map_or(Field::Empty, Field::Number),
                ri.level
                    .map_or(Field::Empty, |l| Field::Text(l.label().into())),
                Field::Text(id.key().into()),
                Field::Text(id.label().into()),
                num_or_na(i.value),
                i.numerator.map_or(Field::Empty, Field::Number),
                i.denominator.map_or(Field::Empty, Field::Number),
                Field::Text(if i.rated { "是" } else { "否" }.into()),
                pos.map_or(Field::Empty, |p| Field::Number(p.rank as f64)),
                pos.map_or(Field::Empty, |p| Field::Number(p.of as f64)),
                pos.and_then(|p| p.quantile)
                    .map_or(Field::Empty, Field::Number),
                Field::Text(
                    lines
                        .iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                Field::Text(inputs.join("; ")),
                i.note
                    .as_deref()
                    .map_or(Field::Empty, |n| Field::Text(n.into())),
            ]);
        }
    }
    out
}

/// `export --table indicators --format csv`.
pub fn write_csv(
    reports: &[Report],
    all: &[ReportIndicators],
    out: &mut impl Write,
) -> std::io::Result<()> {
    let head: Vec<&str> = HEADER.iter().map(|h| h.0).collect();
    out.write_all(record(&head).as_bytes())?;
    for row in rows(reports, all) {
        let fields: Vec<String> = row.iter().map(Field::csv).collect();
        out.write_all(record(&fields).as_bytes())?;
    }
    Ok(())
}

#[derive(Serialize)]
struct ExportJson<'a> {
    path: &'a str,
    agency: Option<&'a str>,
    year: Option<i32>,
    indicators: Ordered<Value>,
    indicator_details: DetailsJson<'a>,
}

/// `export --table indicators --format json`: per report its values and details.
pub fn write_json(
    reports: &[Report],
    all: &[ReportIndicators],
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let rows: Vec<ExportJson> = reports
        .iter()
        .zip(all)
        .map(|(r, ri)| ExportJson {
            path: &r.path,
            agency: r.agency.as_ref().map(|a| a.value.as_str()),
            year: r.year.as_ref().map(|y| y.value),
            indicators: values(ri),
            indicator_details: details(ri),
        })
        .collect();
    crate::sanitize::write_json(&mut *out, &rows, true)?;
    out.write_all(b"\n")?;
    Ok(())
}
