//! One report of compact `check --format json`, written by hand where serde's machinery
//! cost most: the report's own keys and its tables' rows and cells (about 2,000
//! instructions a cell through serde). Every value with more than one shape (sections,
//! findings, indicators, a cell with a page, box or correction) still goes through serde,
//! and the unit test beside [`super::write_check_compact`] checks the output byte for
//! byte against the document serialized whole by serde.

use super::{CellJson, Lines, Num, Ordered, ReportJson, RowJson, TablesJson};
use crate::sanitize::write_json;
use serde::Serialize;

type Result = serde_json::Result<()>;

/// `value` through serde (the escaping formatter), appended to `out`.
fn serde(out: &mut Vec<u8>, value: &(impl Serialize + ?Sized)) -> Result {
    write_json(&mut *out, value, false)
}

/// A JSON string: written as it is when every byte is a plain ASCII identifier byte (the
/// template's keys), else through serde's escaping.
fn string(out: &mut Vec<u8>, s: &str) -> Result {
    if s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
        Ok(())
    } else {
        serde(out, s)
    }
}

fn key(out: &mut Vec<u8>, first: bool, k: &str) -> Result {
    if !first {
        out.push(b',');
    }
    string(out, k)?;
    out.push(b':');
    Ok(())
}

fn uint(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

fn num(out: &mut Vec<u8>, v: Num) -> Result {
    // `as_json_number`'s integer case without serde; a float through it.
    match crate::model::correction::json_integer(v.0) {
        Some(i) => {
            out.extend_from_slice(itoa::Buffer::new().format(i).as_bytes());
            Ok(())
        }
        None => serde(out, &v),
    }
}

fn lines(out: &mut Vec<u8>, l: Lines) {
    out.push(b'[');
    if let Some((first, last)) = l.0 {
        uint(out, first);
        if last != first {
            out.push(b',');
            uint(out, last);
        }
    }
    out.push(b']');
}

fn cell(out: &mut Vec<u8>, c: &CellJson) -> Result {
    if c.page.is_some() || c.bbox.is_some() || c.corrected.is_some() {
        return serde(out, c);
    }
    out.extend_from_slice(b"{\"state\":\"");
    out.extend_from_slice(c.state.as_bytes());
    out.extend_from_slice(b"\",\"value\":");
    match c.value {
        Some(v) => num(out, v)?,
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"text\":");
    serde(out, c.text)?;
    out.extend_from_slice(b",\"unit\":");
    serde(out, &c.unit)?;
    out.extend_from_slice(b",\"lines\":");
    lines(out, c.lines);
    if c.invalid {
        out.extend_from_slice(b",\"invalid\":true");
    }
    if c.inferred {
        out.extend_from_slice(b",\"inferred\":true");
    }
    if let Some(b) = c.basis {
        out.extend_from_slice(b",\"basis\":");
        serde(out, b)?;
    }
    out.push(b'}');
    Ok(())
}

fn row(out: &mut Vec<u8>, r: &RowJson) -> Result {
    out.push(b'{');
    for (i, (k, c)) in r.cells.0.iter().enumerate() {
        key(out, i == 0, k)?;
        cell(out, c)?;
    }
    if !r.unplaced.is_empty() {
        key(out, r.cells.0.is_empty(), "unplaced")?;
        serde(out, r.unplaced)?;
    }
    out.push(b'}');
    Ok(())
}

fn rows(out: &mut Vec<u8>, t: &Ordered<RowJson>) -> Result {
    out.push(b'{');
    for (i, (k, r)) in t.0.iter().enumerate() {
        key(out, i == 0, k)?;
        row(out, r)?;
    }
    out.push(b'}');
    Ok(())
}

fn tables(out: &mut Vec<u8>, t: &TablesJson) -> Result {
    out.push(b'{');
    let mut first = true;
    if let Some(t2) = &t.t2 {
        key(out, first, "t2")?;
        rows(out, t2)?;
        first = false;
    }
    if let Some(t3) = &t.t3 {
        key(out, first, "t3")?;
        rows(out, t3)?;
        first = false;
    }
    if let Some(t4) = &t.t4 {
        key(out, first, "t4")?;
        row(out, t4)?;
    }
    out.push(b'}');
    Ok(())
}

/// `,"key":value`, the value through serde.
fn field(out: &mut Vec<u8>, k: &str, v: &(impl Serialize + ?Sized)) -> Result {
    key(out, false, k)?;
    serde(out, v)
}

/// `j` as compact JSON, the bytes serde writes for it.
pub fn report(out: &mut Vec<u8>, j: &ReportJson) -> Result {
    out.push(b'{');
    key(out, true, "path")?;
    serde(out, j.path)?;
    field(out, "agency", &j.agency)?;
    field(out, "year", &j.year)?;
    field(out, "published", &j.published)?;
    field(out, "template", &j.template)?;
    field(out, "kind", j.kind)?;
    field(out, "encoding", j.encoding)?;
    field(out, "sections", &j.sections)?;
    key(out, false, "tables")?;
    tables(out, &j.tables)?;
    field(out, "findings", &j.findings)?;
    field(out, "indicators", &j.indicators)?;
    if let Some(d) = &j.indicator_details {
        field(out, "indicator_details", d)?;
    }
    if !j.stale_corrections.is_empty() {
        field(out, "stale_corrections", &j.stale_corrections)?;
    }
    out.push(b'}');
    Ok(())
}
