//! Extracting tables 2, 3 and 4 from a region of lines into template rows and cells.
//!
//! Cell placement never guesses: a row whose values match its column count is placed
//! directly; a positional row (tab/pipe) that is short keeps its first field in the first
//! column and its last field in the last column (总计), the cells between are missing; a
//! one-cell-per-line row with the wrong number of values has all its cells missing and its
//! values listed as unplaced.

use super::cells::cell_of;
use super::layout::{Field, ObsRow, observe};
use super::matching::{LabelIndex, align};
use crate::model::{Cell, Row, SourceText, Span, Table};
use crate::template::{ColumnKind, RowDef, TableDef, TableId, TemplateVersion};
use crate::text::{squash, tidy};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The label index of a table of rows (2 or 3) of a template version, built once for all.
fn index(version: TemplateVersion, id: TableId) -> &'static LabelIndex {
    static IDX: OnceLock<BTreeMap<(TemplateVersion, TableId), LabelIndex>> = OnceLock::new();
    let all = IDX.get_or_init(|| {
        let mut m = BTreeMap::new();
        for ver in crate::template::ALL_VERSIONS {
            for t in [TableId::T2, TableId::T3] {
                m.insert((ver, t), LabelIndex::new(ver.template().table(t)));
            }
        }
        m
    });
    &all[&(version, id)]
}

fn frag_texts<'a>(src: &'a SourceText, frags: &[Field]) -> Vec<&'a str> {
    frags.iter().map(|f| f.text(src)).collect()
}

fn starts_with_marker(src: &SourceText, frags: &[Field]) -> bool {
    frags.iter().any(|f| {
        let k = super::matching::match_key(f.text(src));
        let mut c = k.chars();
        match (c.next(), c.next(), c.next()) {
            (Some('('), Some(n), Some(')')) => "一二三四五六七八九十".contains(n),
            (Some(n), Some('、'), _) => "一二三四五六七八九十".contains(n),
            (Some(d), Some('.'), _) => d.is_ascii_digit(),
            _ => false,
        }
    })
}

/// Join label-only lines to the row they belong to: a continuation (`方合法权益` after
/// `4. 保护第三…`), or the first half of a label whose numbers follow on the next line.
fn stitch(src: &SourceText, idx: &LabelIndex, rows: Vec<ObsRow>) -> Vec<ObsRow> {
    let mut out: Vec<ObsRow> = Vec::with_capacity(rows.len());
    let mut carry: Vec<Field> = Vec::new();
    for mut r in rows {
        let weak = r.positional && r.is_weak();
        // A label-only line is a continuation or header text, unless its label is exactly
        // a template row (`| 行政强制 |  |  |  |`: a row of blank cells).
        if weak
            && !starts_with_marker(src, &r.fragments)
            && !idx.is_exact(&frag_texts(src, &r.fragments))
        {
            // A continuation only completes a label that is not already exact.
            if let Some(prev) = out.last_mut()
                && prev.positional
                && !prev.is_weak()
                && carry.is_empty()
                && r.first_line.saturating_sub(prev.last_line) <= 3
                && !idx.is_exact(&frag_texts(src, &prev.fragments))
            {
                let before = idx.best(&frag_texts(src, &prev.fragments));
                let mut joined = prev.fragments.clone();
                joined.extend(r.fragments.iter().cloned());
                if idx.best(&frag_texts(src, &joined)) > before + 0.01 {
                    prev.fragments = joined;
                    continue;
                }
            }
            carry.extend(r.fragments);
            continue;
        }
        if !carry.is_empty() {
            let mut f = std::mem::take(&mut carry);
            f.extend(r.fragments);
            r.fragments = f;
        }
        if let Some(prev) = out.last()
            && prev.positional
            && prev.is_weak()
            && !r.is_weak()
            && r.first_line.saturating_sub(prev.last_line) <= 2
        {
            let own = frag_texts(src, &r.fragments);
            let prev_t = frag_texts(src, &prev.fragments);
            let mut joined = prev_t.clone();
            joined.extend(own.iter().copied());
            let (jb, pb, ob) = (idx.best(&joined), idx.best(&prev_t), idx.best(&own));
            if jb > pb.max(ob) + 0.05 {
                let mut f = prev.fragments.clone();
                f.extend(r.fragments);
                r.fragments = f;
                r.first_line = prev.first_line;
                out.pop();
            }
        }
        out.push(r);
    }
    if !carry.is_empty() {
        out.push(ObsRow {
            fragments: carry,
            ..ObsRow::default()
        });
    }
    out
}

fn field_span(src: &SourceText, f: &Field) -> Span {
    src.span(f.start, f.end)
}

/// The unit written in a row's header text (`采购总金额(单位:万元)`).
fn header_unit(src: &SourceText, frags: &[Field]) -> Option<&'static str> {
    let all: String = frags.iter().map(|f| squash(f.text(src))).collect();
    if all.contains("万元") {
        Some("万元")
    } else if all.contains("单位:元") || all.contains("(元)") {
        Some("元")
    } else {
        None
    }
}

/// Place a row's data fields into `k` columns.
/// The texts of the non-empty fields, kept as a row's unplaced values.
fn unplaced<'a>(src: &SourceText, fields: impl IntoIterator<Item = &'a Field>) -> Vec<String> {
    fields
        .into_iter()
        .filter(|f| !f.is_empty())
        .map(|f| f.text(src).to_string())
        .collect()
}

/// A row none of whose `k` cells can be placed: all missing, its values unplaced.
fn all_missing<'a>(
    src: &SourceText,
    fields: impl IntoIterator<Item = &'a Field>,
    k: usize,
) -> (Vec<Cell>, Vec<String>) {
    (vec![Cell::missing(); k], unplaced(src, fields))
}

fn place(
    src: &SourceText,
    row: &ObsRow,
    def: &RowDef,
    unit: Option<&'static str>,
) -> (Vec<Cell>, Vec<String>) {
    let k = def.columns.len();
    let mut data: Vec<&Field> = row.data.iter().collect();
    let unit_for = |i: usize| {
        if def.columns[i].kind == ColumnKind::Amount {
            unit
        } else {
            None
        }
    };
    let cell = |i: usize, f: &Field| {
        cell_of(
            f.text(src),
            f.class.clone(),
            field_span(src, f),
            unit_for(i),
        )
    };
    if row.positional {
        while data.len() > k && data.last().is_some_and(|f| f.is_empty()) {
            data.pop();
        }
        while data.len() > k && data.first().is_some_and(|f| f.is_empty()) {
            data.remove(0);
        }
        if data.len() == k {
            return (
                data.iter().enumerate().map(|(i, f)| cell(i, f)).collect(),
                Vec::new(),
            );
        }
        if data.len() > k || data.len() < 2 {
            return all_missing(src, data.iter().copied(), k);
        }
        let mut cells = vec![Cell::missing(); k];
        cells[0] = cell(0, data[0]);
        cells[k - 1] = cell(k - 1, data[data.len() - 1]);
        return (
            cells,
            unplaced(src, data[1..data.len() - 1].iter().copied()),
        );
    }
    if data.len() == k {
        return (
            data.iter().enumerate().map(|(i, f)| cell(i, f)).collect(),
            Vec::new(),
        );
    }
    all_missing(src, data.iter().copied(), k)
}

fn row_span(src: &SourceText, frags: &[Field], data: &[Field]) -> Span {
    let mut span: Option<Span> = None;
    for f in frags.iter().chain(data.iter()) {
        let s = field_span(src, f);
        span = Some(span.map_or(s, |a| a.join(s)));
    }
    span.unwrap_or_default()
}

/// Whether two or more of the fragments are, each on its own, the label of a template row.
fn labels_of_several_rows(src: &SourceText, idx: &LabelIndex, frags: &[Field]) -> bool {
    frags.len() >= 2
        && frags
            .iter()
            .filter(|f| idx.is_exact(&[f.text(src)]))
            .take(2)
            .count()
            >= 2
}

/// Observed rows of a 2021 table 3 whose own label is exactly `（六）其他处理` and that carry
/// values: the 2019 single row printed in a 2021 report.
fn single_other_rows(
    src: &SourceText,
    version: TemplateVersion,
    id: TableId,
    obs: &[ObsRow],
) -> Vec<usize> {
    if version != TemplateVersion::V2021 || id != TableId::T3 {
        return Vec::new();
    }
    let key = super::matching::match_key("（六）其他处理");
    obs.iter()
        .enumerate()
        .filter(|(_, r)| {
            !r.is_weak()
                && r.fragments.last().is_some_and(|f| {
                    let t = f.text(src);
                    t.ends_with('理') && t.contains('六') && super::matching::match_key(t) == key
                })
        })
        .map(|(i, _)| i)
        .collect()
}

/// Extract table 2 or 3 from lines `first..=last`. `anchored` says the region shows the
/// table's own header text, so the table counts as found even when no row matched.
pub fn extract_rows_table(
    src: &SourceText,
    version: TemplateVersion,
    id: TableId,
    first: u32,
    last: u32,
    anchored: bool,
) -> Option<Table> {
    let def: &TableDef = version.template().table(id);
    let idx = index(version, id);
    let obs = stitch(src, idx, observe(src, first, last));
    let mut scores = Vec::with_capacity(obs.len());
    let mut used = Vec::with_capacity(obs.len());
    for r in &obs {
        if r.data.is_empty() && !r.positional {
            scores.push(vec![0.0; def.rows.len()]);
            used.push(vec![0; def.rows.len()]);
            continue;
        }
        let (s, u) = idx.scores(&frag_texts(src, &r.fragments));
        scores.push(s);
        used.push(u);
    }
    // A 2021 table 3 that prints （六）其他处理 as the one row of the 2019 template: that
    // row is `other` (never one of the three sub-rows, which are absent).
    let single_other = single_other_rows(src, version, id, &obs);
    for &i in &single_other {
        scores[i] = vec![0.0; def.rows.len()];
    }
    let other_def = TemplateVersion::V2019
        .template()
        .table(TableId::T3)
        .row("other");
    let assignment = align(&scores, def.rows.len());
    let mut rows: Vec<Row> = Vec::new();
    let mut runs = Vec::new();
    for (i, a) in assignment.iter().enumerate() {
        let rdef = match (*a, other_def) {
            (Some(j), _) => &def.rows[j],
            (None, Some(d)) if single_other.contains(&i) => d,
            _ => continue,
        };
        let r = &obs[i];
        let j = def.row_index(rdef.key).unwrap_or(0);
        // Labels of several template rows followed by one run of values (reading-order PDF
        // text: labels far from their numbers, columns printed one after another): which
        // row the values belong to is not certain.
        let own_len = if single_other.contains(&i) {
            1
        } else {
            used[i][j].clamp(1, r.fragments.len().max(1))
        };
        let several_rows = !r.positional && labels_of_several_rows(src, idx, &r.fragments);
        let n = own_len;
        let own = &r.fragments[r.fragments.len().saturating_sub(n)..];
        let unit = header_unit(src, &r.fragments);
        let (cells, unplaced) = if several_rows {
            all_missing(src, &r.data, rdef.columns.len())
        } else {
            place(src, r, rdef, unit)
        };
        let label = tidy(
            &own.iter()
                .map(|f| f.text(src))
                .collect::<Vec<_>>()
                .join(" "),
        );
        rows.push(Row {
            key: rdef.key,
            label,
            cells,
            span: row_span(src, own, &r.data),
            unplaced,
        });
        runs.push(r.run);
    }
    super::digits::resolve_rows(src, def, &mut rows, &runs);
    if rows.is_empty() && !anchored {
        return None;
    }
    let mut span = src.span(
        src.line_start(first as usize),
        src.line_start(first as usize),
    );
    for r in &rows {
        span = span.join(r.span);
    }
    Some(Table { id, rows, span })
}

/// Extract table 4 (one row of 15 cells) from lines `first..=last`.
pub fn extract_t4(
    src: &SourceText,
    version: TemplateVersion,
    first: u32,
    last: u32,
) -> Option<Table> {
    let def = version.template().table(TableId::T4);
    let rdef = &def.rows[0];
    let k = rdef.columns.len();
    let obs = observe(src, first, last);
    let segments: Vec<&ObsRow> = obs
        .iter()
        .filter(|r| r.data.iter().any(|f| f.class.is_data()))
        .collect();
    // A table of blank cells (`&nbsp;` in every cell) has no value at all: its data row is
    // the positional row without label text and with a field for every column.
    let blank_row: Vec<&ObsRow> = obs
        .iter()
        .filter(|r| r.positional && r.fragments.is_empty() && r.data.len() >= k)
        .take(1)
        .collect();
    let segments = if segments.is_empty() {
        blank_row
    } else {
        segments
    };
    let total: usize = segments.iter().map(|r| r.data.len()).sum();
    let mut data: Vec<Field> = Vec::new();
    let mut positional = false;
    if segments.len() > 1 && total == k {
        for r in &segments {
            data.extend(r.data.iter().cloned());
        }
        positional = true;
    } else if let Some(r) = segments.first() {
        data = r.data.clone();
        positional = r.positional;
        for extra in &segments[1..] {
            data.extend(extra.data.iter().cloned());
        }
    }
    let run = match segments.as_slice() {
        [one] => one.run,
        _ => None,
    };
    let synthetic = ObsRow {
        fragments: Vec::new(),
        data,
        positional,
        first_line: 0,
        last_line: 0,
        run,
    };
    let (cells, unplaced) = if positional || synthetic.data.len() == k {
        // Positional rows are placed only when they have exactly 15 fields after trimming.
        let (c, u) = place(src, &synthetic, rdef, None);
        if positional && c.iter().filter(|c| c.span.is_some()).count() != k {
            all_missing(src, &synthetic.data, k)
        } else {
            (c, u)
        }
    } else {
        place(src, &synthetic, rdef, None)
    };
    let header_line = super::first_header_line(src, def, first, last)?;
    let hs = src.line_start(header_line as usize);
    let mut span = src.span(hs, hs + src.line(header_line as usize).len());
    for f in &synthetic.data {
        span = span.join(field_span(src, f));
    }
    let label_line = src.line(header_line as usize);
    let mut row = Row {
        key: rdef.key,
        label: tidy(label_line),
        cells,
        span,
        unplaced,
    };
    if let Some(run) = run {
        super::digits::resolve_t4(src, &mut row, run);
    }
    Some(Table {
        id: TableId::T4,
        rows: vec![row],
        span,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_label_cache_holds_each_versions_own_table() {
        for v in crate::template::ALL_VERSIONS {
            for id in [TableId::T2, TableId::T3] {
                let def = v.template().table(id);
                let idx = index(v, id);
                assert_eq!(idx.scores(&["x"]).0.len(), def.rows.len(), "{v} {id}");
                // Every row's own label scores best on its own row.
                for (i, row) in def.rows.iter().enumerate() {
                    let (s, _) = idx.scores(&[row.label]);
                    let best = s.iter().cloned().fold(f32::MIN, f32::max);
                    assert_eq!(s[i], best, "{v} {id} {}", row.key);
                }
            }
        }
    }
}
