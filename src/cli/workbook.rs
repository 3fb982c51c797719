//! `nianbao export DIR --format xlsx -o FILE.xlsx`: one workbook with sheets `t2`, `t3`,
//! `t4` (one row per report and template row, Chinese headers and labels, numbers as
//! numbers, blank cells empty, missing cells `NA`; a cell with an error finding is filled
//! red, with a warning yellow, and carries a note with the findings' messages), `findings`
//! (one row per finding with its review decision and note) and `indicators`. Every sheet
//! has a frozen header row and an autofilter. Text from files is escaped of controls.

use super::export::{column_keys, export_number, label, rows_in_order, versions_present};
use super::human::{escape, lines_label};
use super::indicators::{self as ind, Field};
use crate::corpus::Corpus;
use crate::indicators::ReportIndicators;
use crate::model::{CellState, Finding, Report, Severity};
use crate::review::{self, Review};
use crate::template::{TableId, TemplateVersion};
use crate::validate::row_columns;
use rust_xlsxwriter::{Color, Format, Note, Workbook, Worksheet, XlsxError};
use std::collections::HashMap;
use std::path::Path;

/// Fill colours (Excel's own "bad" red and "neutral" yellow).
pub const ERROR_FILL: u32 = 0xFFC7CE;
pub const WARNING_FILL: u32 = 0xFFEB9C;

struct Styles {
    header: Format,
    error: Format,
    warning: Format,
}

fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    }
}

/// The Chinese header of a column key: the labels it has in the templates present.
fn column_header(id: TableId, key: &str, versions: &[TemplateVersion]) -> String {
    let mut labels: Vec<&str> = Vec::new();
    for v in versions {
        for row in v.template().table(id).rows {
            for c in row.columns.iter().filter(|c| c.key == key) {
                if !labels.contains(&c.label) {
                    labels.push(c.label);
                }
            }
        }
    }
    labels.join(" / ")
}

fn header(ws: &mut Worksheet, names: &[String], st: &Styles) -> Result<(), XlsxError> {
    for (c, n) in names.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, n, &st.header)?;
        let width = crate::width::width(n).clamp(6, 40) as f64 + 2.0;
        ws.set_column_width(c as u16, width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn finish(ws: &mut Worksheet, rows: u32, cols: usize) -> Result<(), XlsxError> {
    ws.autofilter(0, 0, rows.max(1), cols.saturating_sub(1) as u16)?;
    Ok(())
}

/// The findings of a report by (row key, column key); column `None` is the row itself.
type Marks<'a> = HashMap<(&'a str, Option<&'a str>), Vec<&'a Finding>>;

fn marks(r: &Report, id: TableId) -> Marks<'_> {
    let mut m: Marks = HashMap::new();
    for f in &r.findings {
        if f.table != Some(id) || f.severity == Severity::Info {
            continue;
        }
        if let Some(row) = f.row {
            m.entry((row, f.column)).or_default().push(f);
        }
    }
    m
}

/// Fill and note for the findings on one cell, if any.
fn mark<'a>(found: Option<&Vec<&Finding>>, st: &'a Styles) -> Option<(&'a Format, Note)> {
    let fs = found.filter(|v| !v.is_empty())?;
    let worst = fs.iter().map(|f| f.severity).max()?;
    let text: Vec<String> = fs
        .iter()
        .map(|f| format!("{} {}", f.rule, escape(&f.message)))
        .collect();
    let fill = if worst == Severity::Error {
        &st.error
    } else {
        &st.warning
    };
    let note = Note::new(text.join("\n"))
        .set_author("nianbao")
        .add_author_prefix(false);
    Some((fill, note))
}

fn write_text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    fill: Option<&Format>,
) -> Result<(), XlsxError> {
    match fill {
        Some(f) => ws.write_string_with_format(row, col, text, f)?,
        None => ws.write_string(row, col, text)?,
    };
    Ok(())
}

fn table_sheet(
    wb: &mut Workbook,
    corpus: &Corpus,
    id: TableId,
    st: &Styles,
) -> Result<(), XlsxError> {
    let versions = versions_present(&corpus.reports);
    let keys = column_keys(id, &versions);
    let ws = wb.add_worksheet();
    ws.set_name(id.key())?;
    let mut names: Vec<String> = ["文件", "机关", "年度", "模板", "行键", "项目"]
        .map(String::from)
        .to_vec();
    names.extend(keys.iter().map(|k| column_header(id, k, &versions)));
    header(ws, &names, st)?;
    let mut n = 0u32;
    for r in &corpus.reports {
        let m = marks(r, id);
        for row in rows_in_order(r, id) {
            n += 1;
            ws.write_string(n, 0, escape(&r.path))?;
            if let Some(a) = &r.agency {
                ws.write_string(n, 1, escape(&a.value))?;
            }
            if let Some(y) = &r.year {
                ws.write_number(n, 2, f64::from(y.value))?;
            }
            if let Some(t) = r.template {
                ws.write_string(n, 3, t.as_str())?;
            }
            ws.write_string(n, 4, row.key)?;
            let row_mark = mark(m.get(&(row.key, None)), st);
            write_text(
                ws,
                n,
                5,
                &escape(&label(r, id, row)),
                row_mark.as_ref().map(|x| x.0),
            )?;
            if let Some((_, note)) = &row_mark {
                ws.insert_note(n, 5, note)?;
            }
            let columns = row_columns(r, id, row);
            for (i, col) in columns.iter().enumerate() {
                let Some(cell) = row.cells.get(i) else {
                    continue;
                };
                let Some(k) = keys.iter().position(|k| *k == col.key) else {
                    continue;
                };
                let c = 6 + k as u16;
                let found = mark(m.get(&(row.key, Some(col.key))), st);
                let fill = found.as_ref().map(|x| x.0);
                match (cell.state, export_number(cell, col.kind), fill) {
                    (CellState::Number, Some(v), Some(f)) => {
                        ws.write_number_with_format(n, c, v, f)?;
                    }
                    (CellState::Number, Some(v), None) => {
                        ws.write_number(n, c, v)?;
                    }
                    (CellState::Blank, _, Some(f)) => {
                        ws.write_blank(n, c, f)?;
                    }
                    (CellState::Blank, _, None) => {}
                    _ => write_text(ws, n, c, "NA", fill)?,
                }
                if let Some((_, note)) = &found {
                    ws.insert_note(n, c, note)?;
                }
            }
        }
    }
    finish(ws, n, names.len())
}

fn findings_sheet(
    wb: &mut Workbook,
    root: &Path,
    corpus: &Corpus,
    rv: &Review,
    st: &Styles,
) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name("findings")?;
    let names: Vec<String> = [
        "文件",
        "机关",
        "年度",
        "规则",
        "严重程度",
        "说明",
        "部分",
        "表",
        "行",
        "列",
        "行号",
        "审核结论",
        "备注",
    ]
    .map(String::from)
    .to_vec();
    header(ws, &names, st)?;
    let mut n = 0u32;
    for r in &corpus.reports {
        let key = review::report_key(root, &r.path);
        for f in &r.findings {
            n += 1;
            let d = rv.decision(&key, &review::fingerprint(f));
            let verdict = match d.and_then(|d| d.verdict) {
                Some(review::Verdict::Confirmed) => "确认",
                Some(review::Verdict::Dismissed) => "驳回",
                None => "未定",
            };
            ws.write_string(n, 0, escape(&r.path))?;
            if let Some(a) = &r.agency {
                ws.write_string(n, 1, escape(&a.value))?;
            }
            if let Some(y) = &r.year {
                ws.write_number(n, 2, f64::from(y.value))?;
            }
            ws.write_string(n, 3, f.rule.as_str())?;
            ws.write_string(n, 4, severity_label(f.severity))?;
            ws.write_string(n, 5, escape(&f.message))?;
            if let Some(s) = f.section {
                ws.write_number(n, 6, f64::from(s))?;
            }
            if let Some(t) = f.table {
                ws.write_string(n, 7, t.key())?;
            }
            if let Some(row) = f.row {
                ws.write_string(n, 8, row)?;
            }
            if let Some(c) = f.column {
                ws.write_string(n, 9, c)?;
            }
            ws.write_string(n, 10, lines_label(&f.lines))?;
            ws.write_string(n, 11, verdict)?;
            if let Some(note) = d.and_then(|d| d.note.as_deref()) {
                let note: Vec<String> = note.split('\n').map(escape).collect();
                ws.write_string(n, 12, note.join("\n"))?;
            }
        }
    }
    finish(ws, n, names.len())
}

fn indicators_sheet(
    wb: &mut Workbook,
    corpus: &Corpus,
    all: &[ReportIndicators],
    st: &Styles,
) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name("indicators")?;
    let names: Vec<String> = ind::HEADER.iter().map(|h| h.1.to_string()).collect();
    header(ws, &names, st)?;
    let rows = ind::rows(&corpus.reports, all);
    for (i, row) in rows.iter().enumerate() {
        let n = i as u32 + 1;
        for (c, field) in row.iter().enumerate() {
            match field {
                Field::Text(s) => {
                    ws.write_string(n, c as u16, s)?;
                }
                Field::Number(v) => {
                    ws.write_number(n, c as u16, *v)?;
                }
                Field::Empty => {}
            }
        }
    }
    finish(ws, rows.len() as u32, names.len())
}

/// Build the workbook in memory.
pub fn build(
    root: &Path,
    corpus: &Corpus,
    all: &[ReportIndicators],
    rv: &Review,
) -> Result<Vec<u8>, XlsxError> {
    let st = Styles {
        header: Format::new().set_bold(),
        error: Format::new().set_background_color(Color::RGB(ERROR_FILL)),
        warning: Format::new().set_background_color(Color::RGB(WARNING_FILL)),
    };
    let mut wb = Workbook::new();
    for id in [TableId::T2, TableId::T3, TableId::T4] {
        table_sheet(&mut wb, corpus, id, &st)?;
    }
    findings_sheet(&mut wb, root, corpus, rv, &st)?;
    indicators_sheet(&mut wb, corpus, all, &st)?;
    wb.save_to_buffer()
}
