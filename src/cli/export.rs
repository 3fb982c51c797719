//! `nianbao export DIR --table t2|t3|t4`: one record per report and table row.

use super::args::{ExportArgs, ExportFormat};
use super::csv::record;
use super::human::escape;
use super::json::{CellJson, Ordered};
use crate::corpus::{self, Corpus};
use crate::correction::MarkState;
use crate::model::{Cell, CellState, Report, Row};
use crate::template::{ALL_VERSIONS, ColumnKind, TableId, TemplateVersion};
use crate::validate::{row_def, version_of};
use anyhow::{Context, bail};
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// The column keys of a table for the templates present, in template order.
pub fn column_keys(id: TableId, versions: &[TemplateVersion]) -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = Vec::new();
    for v in versions {
        for row in v.template().table(id).rows {
            for c in row.columns {
                if !keys.contains(&c.key) {
                    keys.push(c.key);
                }
            }
        }
    }
    keys
}

/// A number cell's exported value: amounts written in 元 are converted to 万元. `None`
/// for cells that are not numbers.
pub fn export_number(cell: &Cell, kind: ColumnKind) -> Option<f64> {
    match (cell.state, cell.value) {
        (CellState::Number, Some(v)) => {
            let yuan = cell.unit == Some("元");
            Some(if kind == ColumnKind::Amount && yuan {
                v / 10_000.0
            } else {
                v
            })
        }
        _ => None,
    }
}

/// A cell as an export field.
pub fn csv_value(cell: &Cell, kind: ColumnKind) -> String {
    match (cell.state, export_number(cell, kind)) {
        (CellState::Number, Some(v)) => crate::validate::fmt_num(v),
        (CellState::Blank, _) => String::new(),
        _ => "NA".to_string(),
    }
}

pub(crate) fn versions_present(reports: &[Report]) -> Vec<TemplateVersion> {
    let mut v: Vec<TemplateVersion> = reports.iter().filter_map(version_of).collect();
    v.sort();
    v.dedup();
    if v.is_empty() {
        v = ALL_VERSIONS.to_vec();
    }
    v
}

/// Rows of a table in template order.
pub(crate) fn rows_in_order(r: &Report, id: TableId) -> Vec<&Row> {
    let Some(t) = r.tables.get(id) else {
        return Vec::new();
    };
    let mut rows: Vec<&Row> = t.rows.iter().collect();
    let def = crate::validate::table_def(r, id);
    rows.sort_by_key(|row| def.and_then(|d| d.row_index(row.key)).unwrap_or(usize::MAX));
    rows
}

pub(crate) fn label(r: &Report, id: TableId, row: &Row) -> String {
    row_def(r, id, row).map_or_else(|| row.label.clone(), |d| d.label.to_string())
}

#[derive(Serialize)]
struct ExportRow<'a> {
    path: &'a str,
    agency: Option<&'a str>,
    year: Option<i32>,
    template: Option<&'static str>,
    row: &'static str,
    label: String,
    cells: Ordered<CellJson<'a>>,
}

/// Write the export of `corpus` to `out`.
pub fn write(
    corpus: &Corpus,
    id: TableId,
    format: ExportFormat,
    excel: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if excel {
        out.write_all("\u{feff}".as_bytes())?;
    }
    match format {
        ExportFormat::Csv => {
            let keys = column_keys(id, &versions_present(&corpus.reports));
            let mut head = vec!["path", "agency", "year", "template", "row", "label"];
            head.extend(&keys);
            head.push("corrected");
            out.write_all(record(&head).as_bytes())?;
            for r in &corpus.reports {
                for row in rows_in_order(r, id) {
                    let columns = crate::validate::row_columns(r, id, row);
                    let mut fields = super::csv::report_fields(r).to_vec();
                    fields.extend([
                        r.template.map(|t| t.to_string()).unwrap_or_default(),
                        row.key.to_string(),
                        escape(&label(r, id, row)),
                    ]);
                    for k in &keys {
                        let value = columns
                            .iter()
                            .position(|c| c.key == *k)
                            .and_then(|i| {
                                row.cells
                                    .get(i)
                                    .map(|cell| csv_value(cell, columns[i].kind))
                            })
                            .unwrap_or_default();
                        fields.push(value);
                    }
                    fields.push(corrected_field(r, id, row));
                    out.write_all(record(&fields).as_bytes())?;
                }
            }
        }
        ExportFormat::Json => {
            let mut rows = Vec::new();
            for r in &corpus.reports {
                for row in rows_in_order(r, id) {
                    rows.push(ExportRow {
                        path: &r.path,
                        agency: r.agency.as_ref().map(|a| a.value.as_str()),
                        year: r.year.as_ref().map(|y| y.value),
                        template: r.template.map(|t| t.as_str()),
                        row: row.key,
                        label: label(r, id, row),
                        cells: super::json::row_cells(r, id, row),
                    });
                }
            }
            crate::sanitize::write_json(&mut *out, &rows, true)?;
            out.write_all(b"\n")?;
        }
        ExportFormat::Xlsx => bail!("a workbook is written with `-o FILE.xlsx`"),
    }
    Ok(())
}

/// The `corrected` field of a CSV row: each corrected cell of the row as
/// `column: original→corrected（reason；reviewer time）`, joined by `; `.
fn corrected_field(r: &Report, id: TableId, row: &Row) -> String {
    let parts: Vec<String> = r
        .corrections
        .iter()
        .filter(|m| m.state == MarkState::Applied)
        .map(|m| &m.correction)
        .filter(|c| c.table == id.key() && c.row == row.key)
        .map(|c| {
            let from = match c.original.state.as_str() {
                "number" => c.original.text.clone(),
                "blank" => "空".to_string(),
                _ if c.original.invalid => c.original.text.clone(),
                _ => "缺失".to_string(),
            };
            format!(
                "{}: {}→{}（{}；{} {}）",
                c.column,
                from,
                c.new.label(),
                c.reason,
                c.reviewer,
                c.time
            )
        })
        .collect();
    escape(&parts.join("; "))
}

/// `nianbao export`.
pub fn run(args: &ExportArgs) -> anyhow::Result<i32> {
    let id = args.table.and_then(|t| t.id());
    if args.format == ExportFormat::Xlsx && args.out.is_none() {
        bail!("--format xlsx needs -o FILE.xlsx");
    }
    if args.format != ExportFormat::Xlsx && args.table.is_none() {
        bail!("--table is required for CSV and JSON (t2, t3, t4 or indicators)");
    }
    crate::ingest::check_root(&args.dir).map_err(anyhow::Error::msg)?;
    let config =
        crate::config::Config::load(args.config.as_deref()).context("reading the configuration")?;
    let cfg = config.indicators;
    let review = super::options::review(&args.dir, &args.review)?;
    let opts = corpus::LoadOptions::new(config.rule_settings()?, &args.dir, review.as_ref());
    let corpus = corpus::load_dir_opts(&args.dir, false, &opts);
    for e in &corpus.errors {
        eprintln!("nianbao: {}: {}", escape(&e.path), escape(&e.error));
    }
    let indicators = crate::indicators::for_reports(&corpus.reports, &cfg);
    if args.format == ExportFormat::Xlsx {
        let none = crate::review::Review::empty();
        let rv = review.as_ref().unwrap_or(&none);
        let bytes = super::workbook::build(&args.dir, &corpus, &indicators, rv)
            .context("building the workbook")?;
        let path = args.out.as_deref().unwrap_or(Path::new("nianbao.xlsx"));
        std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))?;
        return Ok(0);
    }
    let mut out: Box<dyn Write> = match &args.out {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    match id {
        Some(id) => write(&corpus, id, args.format, args.excel, &mut out),
        None => {
            if args.excel {
                out.write_all("\u{feff}".as_bytes())?;
            }
            match args.format {
                ExportFormat::Json => {
                    super::indicators::write_json(&corpus.reports, &indicators, &mut out)
                }
                _ => Ok(super::indicators::write_csv(
                    &corpus.reports,
                    &indicators,
                    &mut out,
                )?),
            }
        }
    }
    .context("writing the export")?;
    out.flush()?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t2_columns_are_the_union_in_template_order() {
        let keys = column_keys(TableId::T2, &ALL_VERSIONS);
        assert_eq!(&keys[..3], ["made", "published", "total_public"]);
        assert!(keys.contains(&"issued") && keys.contains(&"amount"));
        let t3 = column_keys(TableId::T3, &[TemplateVersion::V2021]);
        assert_eq!(t3.len(), 7);
    }

    #[test]
    fn cell_values() {
        let mut c = Cell::missing();
        assert_eq!(csv_value(&c, ColumnKind::Count), "NA");
        c.state = CellState::Blank;
        assert_eq!(csv_value(&c, ColumnKind::Count), "");
        c.state = CellState::Number;
        c.value = Some(251000.0);
        c.unit = Some("元");
        assert_eq!(csv_value(&c, ColumnKind::Amount), "25.1");
        c.value = Some(15.0);
        assert_eq!(csv_value(&c, ColumnKind::Signed), "15");
        c.state = CellState::Invalid;
        assert_eq!(csv_value(&c, ColumnKind::Count), "NA");
    }
}
