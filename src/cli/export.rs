//! `nianbao export DIR --table t2|t3|t4`: one record per report and table row.

use super::args::{ExportArgs, ExportFormat, HeaderLang};
use super::csv::record;
use super::human::escape;
use super::json::{CellJson, Ordered};
use crate::corpus::{self, Corpus};
use crate::correction::MarkState;
use crate::model::{Cell, CellState, Report, Row, Unit};
use crate::template::{ALL_VERSIONS, ColumnKind, TableId, TemplateVersion};
use crate::validate::row_def;
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
            let yuan = cell.unit == Some(Unit::Yuan);
            Some(if kind == ColumnKind::Amount && yuan {
                v / 10_000.0
            } else {
                v
            })
        }
        _ => None,
    }
}

/// The header of each column key in Chinese: the template's label, or the labels of the
/// versions present joined by `/` where the same key is labelled differently.
pub fn column_labels(
    id: TableId,
    versions: &[TemplateVersion],
    keys: &[&'static str],
) -> Vec<String> {
    keys.iter()
        .map(|k| {
            let mut labels: Vec<&str> = Vec::new();
            for v in versions {
                for row in v.template().table(id).rows {
                    for c in row.columns.iter().filter(|c| c.key == *k) {
                        if !labels.contains(&c.label) {
                            labels.push(c.label);
                        }
                    }
                }
            }
            labels.join("/")
        })
        .collect()
}

/// A number with all the digits it was written with: Rust prints the shortest decimal that
/// reads back as the same `f64`, which for a number read from a report is the number as
/// written (`5949.088667`), without the rounding a fixed precision would do.
fn decimal(v: f64) -> String {
    if v == 0.0 {
        // `-0` is written `0`.
        return "0".to_string();
    }
    format!("{v}")
}

/// A decimal string divided by 10 000 by moving its point, so no digit is lost to binary
/// arithmetic (`5949088.667` → `594.9088667`).
fn shift_to_wan(s: &str) -> String {
    let (sign, digits) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let int = format!("{int:0>5}");
    let (head, tail) = int.split_at(int.len() - 4);
    let head = head.trim_start_matches('0');
    let frac = format!("{tail}{frac}");
    let frac = frac.trim_end_matches('0');
    let head = if head.is_empty() { "0" } else { head };
    if frac.is_empty() {
        format!("{sign}{head}")
    } else {
        format!("{sign}{head}.{frac}")
    }
}

/// A cell as an export field.
pub fn csv_value(cell: &Cell, kind: ColumnKind) -> String {
    match (cell.state, cell.value) {
        (CellState::Number, Some(v)) => {
            let yuan = cell.unit == Some(Unit::Yuan);
            if kind == ColumnKind::Amount && yuan {
                shift_to_wan(&decimal(v))
            } else {
                decimal(v)
            }
        }
        (CellState::Blank, _) => String::new(),
        _ => "NA".to_string(),
    }
}

pub(crate) fn versions_present(reports: &[Report]) -> Vec<TemplateVersion> {
    let mut v: Vec<TemplateVersion> = reports
        .iter()
        .filter_map(Report::template_version)
        .collect();
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
    rows.sort_by_key(|row| def.row_index(row.key).unwrap_or(usize::MAX));
    rows
}

/// The row's template label with its group for numbered sub-rows, as findings name it.
pub(crate) fn label(r: &Report, id: TableId, row: &Row) -> String {
    row_def(r, id, row).map_or_else(|| row.label.clone(), crate::validate::row_name)
}

/// The reports that have no such table (and so no record in the export).
pub fn left_out(corpus: &Corpus, id: TableId) -> Vec<&Report> {
    corpus
        .reports
        .iter()
        .filter(|r| r.tables.get(id).is_none())
        .collect()
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
    lang: HeaderLang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if excel {
        out.write_all("\u{feff}".as_bytes())?;
    }
    match format {
        ExportFormat::Csv => {
            let versions = versions_present(&corpus.reports);
            let keys = column_keys(id, &versions);
            let head: Vec<String> = match lang {
                HeaderLang::En => ["path", "agency", "year", "template", "row", "label"]
                    .iter()
                    .chain(&keys)
                    .chain(&["corrected"])
                    .map(|s| s.to_string())
                    .collect(),
                HeaderLang::Zh => ["文件", "机关", "年度", "模板", "行键", "项目"]
                    .iter()
                    .map(|s| s.to_string())
                    .chain(column_labels(id, &versions, &keys))
                    .chain(["更正".to_string()])
                    .collect(),
            };
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
    crate::ingest::check_root(&args.dir)?;
    let config =
        crate::config::Config::load(args.config.as_deref()).context("reading the configuration")?;
    let cfg = config.indicators;
    let review = super::options::review(&args.dir, &args.review)?;
    let opts = corpus::LoadOptions::new(config.rule_settings()?, &args.dir, review.as_ref());
    let corpus = corpus::load_dir_opts(&args.dir, false, &opts);
    let mut err = std::io::stderr().lock();
    // Not eprintln!: it panics when stderr is closed.
    for e in &corpus.errors {
        let _ = writeln!(err, "nianbao: {}: {}", escape(&e.path), escape(&e.error));
    }
    if let Some(id) = id {
        for r in left_out(&corpus, id) {
            let _ = writeln!(
                err,
                "nianbao: left out {}: no {} ({}) in it",
                escape(&r.path),
                id.key(),
                id.title()
            );
        }
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
    let lang = args.csv.lang();
    match id {
        Some(id) => write(&corpus, id, args.format, args.csv.excel, lang, &mut out),
        None => {
            if args.csv.excel {
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
        let zh = column_labels(TableId::T3, &[TemplateVersion::V2021], &t3);
        assert_eq!(zh[0], "自然人");
        assert_eq!(zh[6], "总计");
        // The same key with different labels in the two versions keeps both.
        let amount = column_labels(TableId::T2, &ALL_VERSIONS, &["amount"]);
        assert!(amount[0].contains('/'), "{amount:?}");
    }

    #[test]
    fn cell_values() {
        let mut c = Cell::missing();
        assert_eq!(csv_value(&c, ColumnKind::Count), "NA");
        c.state = CellState::Blank;
        assert_eq!(csv_value(&c, ColumnKind::Count), "");
        c.state = CellState::Number;
        c.value = Some(251000.0);
        c.unit = Some(Unit::Yuan);
        assert_eq!(csv_value(&c, ColumnKind::Amount), "25.1");
        c.value = Some(5949088.667);
        assert_eq!(csv_value(&c, ColumnKind::Amount), "594.9088667");
        c.value = Some(12.0);
        assert_eq!(csv_value(&c, ColumnKind::Amount), "0.0012");
        c.value = Some(-30000.0);
        assert_eq!(csv_value(&c, ColumnKind::Amount), "-3");
        c.unit = Some(Unit::WanYuan);
        c.value = Some(5949.088667);
        assert_eq!(csv_value(&c, ColumnKind::Amount), "5949.088667");
        c.value = Some(0.123456789);
        assert_eq!(csv_value(&c, ColumnKind::Amount), "0.123456789");
        c.value = Some(15.0);
        assert_eq!(csv_value(&c, ColumnKind::Signed), "15");
        c.state = CellState::Invalid;
        assert_eq!(csv_value(&c, ColumnKind::Count), "NA");
    }
}
