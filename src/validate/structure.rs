//! S-rules: are the sections, tables, rows and cells there, and is the metadata found.

use super::ids;
use super::{at, cell_spans, excerpt, finding, quote, row_columns, row_name_or_key, table_def};
use crate::model::{CellState, Finding, Report, RuleId, Severity, Span};
use crate::template::{SECTIONS, TableId, TemplateVersion, section};
use crate::text::squash;

fn section_finding(rule: RuleId, sev: Severity, msg: String, n: u8, span: Option<Span>) -> Finding {
    let mut f = finding(rule, sev, msg);
    f.section = Some(n);
    f.lines = super::lines_of(span);
    f
}

/// S01: a section of the six is missing.
pub fn s01(r: &Report) -> Vec<Finding> {
    SECTIONS
        .iter()
        .filter(|s| r.section(s.number).is_none())
        .map(|s| {
            // The sections holding a table are the template's core.
            let sev = if s.table.is_some() {
                Severity::Error
            } else {
                Severity::Warning
            };
            section_finding(
                ids::S01,
                sev,
                format!("缺少第{}部分“{}”", s.numeral, s.title),
                s.number,
                None,
            )
        })
        .collect()
}

/// The form a title is compared in: folded, without spaces, punctuation or a trailing 表.
fn title_key(s: &str) -> String {
    let k: String = squash(s)
        .chars()
        .filter(|c| !matches!(c, '、' | '.' | ',' | '，' | ':' | '：' | '。'))
        .collect();
    k.strip_suffix('表').map(str::to_string).unwrap_or(k)
}

/// S02: a section title differs from the standard title.
pub fn s02(r: &Report) -> Vec<Finding> {
    r.sections
        .iter()
        .filter_map(|s| {
            let standard = section(s.number)?.title;
            (title_key(&s.title) != title_key(standard)).then(|| {
                section_finding(
                    ids::S02,
                    Severity::Info,
                    format!("标题为“{}”，标准标题为“{standard}”", quote(&s.title)),
                    s.number,
                    Some(s.heading),
                )
            })
        })
        .collect()
}

/// S03: a section is present but has no content.
pub fn s03(r: &Report) -> Vec<Finding> {
    r.sections
        .iter()
        .filter(|s| !s.has_content)
        .map(|s| {
            section_finding(
                ids::S03,
                Severity::Warning,
                format!("第{}部分“{}”没有内容", numeral(s.number), quote(&s.title)),
                s.number,
                Some(s.heading),
            )
        })
        .collect()
}

fn numeral(n: u8) -> char {
    section(n).map_or('?', |s| s.numeral)
}

/// S04: table 2, 3 or 4 not found.
pub fn s04(r: &Report) -> Vec<Finding> {
    TableId::ALL
        .into_iter()
        .filter(|t| r.tables.get(*t).is_none())
        // A table the text prints but nianbao could not read is P01, not the agency's error.
        .filter(|t| super::reading::printed_table(r, *t).is_none())
        .map(|t| {
            let f = finding(ids::S04, Severity::Error, format!("未找到{}", t.title()));
            at(f, t, None, None, None)
        })
        .collect()
}

/// S05: a template row of table 2 or 3 is not found in a found table.
pub fn s05(r: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    for id in [TableId::T2, TableId::T3] {
        let Some(table) = r.tables.get(id) else {
            continue;
        };
        let def = table_def(r, id);
        let single_other = id == TableId::T3 && super::reading::single_other(r);
        for row in def.rows.iter().filter(|d| {
            table.row(d.key).is_none()
                && !(single_other && super::reading::OTHER_SUB_ROWS.contains(&d.key))
                && super::reading::printed_row(r, id, d).is_none()
        }) {
            let f = finding(
                ids::S05,
                Severity::Error,
                format!("{}中未找到“{}”行", short_title(id), super::row_name(row)),
            );
            let head = Span {
                line_end: table.span.line_start,
                ..table.span
            };
            out.push(at(f, id, Some(row.key), None, [head]));
        }
    }
    out
}

/// `表二` of `表二 主动公开政府信息情况`.
fn short_title(id: TableId) -> &'static str {
    let title = id.title();
    title.split_once(' ').map_or(title, |(short, _)| short)
}

/// S06: a row was found with fewer cells than columns.
pub fn s06(r: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    for table in r.tables.iter() {
        let id = table.id;
        if id == TableId::T4 {
            let row = table.row("all");
            let nothing = row.is_none_or(|row| {
                row.unplaced.is_empty() && row.cells.iter().all(|c| c.state == CellState::Missing)
            });
            if nothing {
                let expected = table_def(r, id)
                    .rows
                    .iter()
                    .map(|d| d.columns.len())
                    .sum::<usize>();
                let f = finding(
                    ids::S06,
                    Severity::Warning,
                    format!("{}：未找到任何数值，应有 {expected} 个", short_title(id)),
                );
                out.push(at(f, id, row.map(|r| r.key), None, [table.span]));
                continue;
            }
        }
        for row in &table.rows {
            let missing: Vec<usize> = (0..row.cells.len())
                .filter(|i| row.cells[*i].state == CellState::Missing)
                .collect();
            if missing.is_empty() {
                continue;
            }
            let columns = row_columns(r, id, row);
            let found = row.cells.len() - missing.len() + row.unplaced.len();
            let name = row_name_or_key(r, id, row);
            let expected = row.cells.len();
            let msg = if !row.unplaced.is_empty() {
                format!("{name}：找到 {found} 个数值，应有 {expected} 个，位置无法确定")
            } else {
                let names: Vec<&str> = missing
                    .iter()
                    .filter_map(|i| columns.get(*i).map(|c| c.label))
                    .collect();
                format!(
                    "{name}：找到 {found} 个数值，应有 {expected} 个，缺少“{}”",
                    names.join("”“")
                )
            };
            let f = finding(ids::S06, Severity::Warning, msg);
            out.push(at(f, id, Some(row.key), None, [row.span]));
        }
    }
    out
}

/// S07: a cell is neither a number nor blank.
pub fn s07(r: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    for table in r.tables.iter() {
        for row in &table.rows {
            let columns = row_columns(r, table.id, row);
            for (i, cell) in row.cells.iter().enumerate() {
                if cell.state != CellState::Invalid {
                    continue;
                }
                let col = columns.get(i);
                let msg = format!(
                    "{}·{}：“{}”既不是数字也不是空白",
                    row_name_or_key(r, table.id, row),
                    col.map(|c| c.label).unwrap_or("?"),
                    excerpt(&cell.text)
                );
                let f = finding(ids::S07, Severity::Warning, msg);
                out.push(at(
                    f,
                    table.id,
                    Some(row.key),
                    col.map(|c| c.key),
                    cell_spans([cell]),
                ));
            }
        }
    }
    out
}

/// S08: template version does not match the report year.
pub fn s08(r: &Report) -> Vec<Finding> {
    let (Some(v), Some(year)) = (r.template, r.year.as_ref()) else {
        return Vec::new();
    };
    let expected = TemplateVersion::for_year(year.value);
    if v == expected {
        return Vec::new();
    }
    let mut f = finding(
        ids::S08,
        Severity::Warning,
        format!(
            "使用 {v} 版模板，{} 年度报告应使用 {expected} 版模板",
            year.value
        ),
    );
    let spans = r.tables.iter().map(|t| Span {
        line_end: t.span.line_start,
        ..t.span
    });
    f.lines = super::lines_of(spans.chain([year.span]));
    vec![f]
}

/// S09: agency name or report year not found.
pub fn s09(r: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    if r.agency.is_none() {
        out.push(finding(
            ids::S09,
            Severity::Info,
            "未找到机关名称".to_string(),
        ));
    }
    if r.year.is_none() {
        out.push(finding(
            ids::S09,
            Severity::Info,
            "未找到报告年度".to_string(),
        ));
    }
    out
}

/// S10: blank cells in a table, one finding per table with the count.
pub fn s10(r: &Report) -> Vec<Finding> {
    r.tables
        .iter()
        .filter_map(|t| {
            let cells: Vec<_> = t
                .rows
                .iter()
                .flat_map(|row| row.cells.iter())
                .filter(|c| c.state == CellState::Blank)
                .collect();
            (!cells.is_empty()).then(|| {
                let f = finding(
                    ids::S10,
                    Severity::Info,
                    format!(
                        "{}：{} 个空白单元格（按 0 计算）",
                        short_title(t.id),
                        cells.len()
                    ),
                );
                at(f, t.id, None, None, cell_spans(cells))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_compare_folded() {
        assert_eq!(
            title_key("三、收到和处理政府信息公开申请情况 表"),
            title_key(SECTIONS[2].title)
        );
        assert_eq!(title_key("一. 总体 情况"), title_key("一、总体情况"));
        assert_ne!(title_key("六、下步工作计划"), title_key(SECTIONS[5].title));
    }
}
