//! Year over year: the same agency's reports of different years, and the same table of two
//! of them side by side with the differences and the carry-over check (C03). UI-free; the
//! inspector draws it.

use crate::agency::{key as agency_key, same_agency};
use crate::model::{Cell, Report};
use crate::template::{TableId, Template};

/// Indices of the reports of the same agency as `reports[index]`, sorted by year (the
/// report itself included). Reports without agency or year are alone.
pub fn same_agency_reports(reports: &[Report], index: usize) -> Vec<usize> {
    let Some(me) = reports.get(index) else {
        return Vec::new();
    };
    let Some(a) = me.agency.as_ref().map(|a| agency_key(&a.value)) else {
        return vec![index];
    };
    let mut out: Vec<usize> = reports
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.year.is_some()
                && r.agency
                    .as_ref()
                    .is_some_and(|x| same_agency(&agency_key(&x.value), &a))
        })
        .map(|(i, _)| i)
        .collect();
    if !out.contains(&index) {
        out.push(index);
    }
    out.sort_by_key(|&i| (reports[i].year.as_ref().map(|y| y.value), i));
    out
}

/// The report of the same agency for the year before, if loaded.
pub fn previous_year(reports: &[Report], index: usize) -> Option<usize> {
    let y = reports.get(index)?.year.as_ref()?.value;
    same_agency_reports(reports, index)
        .into_iter()
        .find(|&i| reports[i].year.as_ref().is_some_and(|x| x.value == y - 1))
}

/// One row of a two-year comparison.
#[derive(Debug, Clone)]
pub struct RowComparison<'a> {
    pub key: &'static str,
    pub label: &'static str,
    /// Column keys and labels of the row (from the later year's template when both have it).
    pub columns: Vec<(&'static str, &'static str)>,
    pub earlier: Vec<Option<&'a Cell>>,
    pub later: Vec<Option<&'a Cell>>,
    /// Per column: both known and different, or known in one year only.
    pub changed: Vec<bool>,
}

/// The carry-over between the two years (C03): last year's 四、结转下年度继续办理·总计 and
/// this year's 二、上年结转·总计.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CarryOver {
    pub carried_forward: Option<f64>,
    pub carried_over: Option<f64>,
}

impl CarryOver {
    /// The carry-over from `earlier` to `later` (the caller knows they are consecutive
    /// years of one agency), by the cells' arithmetic values (blank = 0).
    pub fn of(earlier: &Report, later: &Report) -> CarryOver {
        let (forward, over) = carry_cells(earlier, later);
        CarryOver {
            carried_forward: forward.and_then(Cell::arithmetic_value),
            carried_over: over.and_then(Cell::arithmetic_value),
        }
    }

    /// Both known and different.
    pub fn broken(&self) -> bool {
        matches!((self.carried_forward, self.carried_over), (Some(a), Some(b)) if (a - b).abs() >= 1e-9)
    }
}

/// The two cells a carry-over compares: `earlier`'s 四、结转下年度继续办理 and `later`'s
/// 二、上年结转, both in table 3's 总计 column. Rule C03 and the year-over-year view both
/// read the carry-over through this.
pub fn carry_cells<'a>(
    earlier: &'a Report,
    later: &'a Report,
) -> (Option<&'a Cell>, Option<&'a Cell>) {
    (
        total_cell(earlier, "carried_forward"),
        total_cell(later, "carried_over"),
    )
}

#[derive(Debug, Clone)]
pub struct Comparison<'a> {
    pub table: TableId,
    pub earlier_year: Option<i32>,
    pub later_year: Option<i32>,
    pub rows: Vec<RowComparison<'a>>,
    /// Only for consecutive years.
    pub carry: Option<CarryOver>,
}

/// A table-3 row's 总计 cell.
fn total_cell<'a>(r: &'a Report, row: &str) -> Option<&'a Cell> {
    let total = r.template().t3.row(row)?.total()?;
    r.tables.t3.as_ref()?.row(row)?.cells.get(total)
}

/// Compare table `id` of two reports (earlier first). Rows are the union of both
/// templates' rows in template order (the later year's first).
pub fn compare<'a>(earlier: &'a Report, later: &'a Report, id: TableId) -> Comparison<'a> {
    let (ve, vl) = (earlier.template(), later.template());
    let (te, tl) = (ve.table(id), vl.table(id));
    let mut defs: Vec<&crate::template::RowDef> = tl.rows.iter().collect();
    for r in te.rows {
        if !defs.iter().any(|d| d.key == r.key) {
            defs.push(r);
        }
    }
    let cells = |rep: &'a Report, key: &str, col: &str, t: &Template| -> Option<&'a Cell> {
        let ci = t.table(id).row(key)?.column_index(col)?;
        rep.tables.get(id)?.row(key)?.cells.get(ci)
    };
    let rows = defs
        .into_iter()
        .map(|d| {
            let columns: Vec<(&'static str, &'static str)> =
                d.columns.iter().map(|c| (c.key, c.short)).collect();
            let earlier_cells: Vec<Option<&Cell>> = columns
                .iter()
                .map(|(k, _)| cells(earlier, d.key, k, ve))
                .collect();
            let later_cells: Vec<Option<&Cell>> = columns
                .iter()
                .map(|(k, _)| cells(later, d.key, k, vl))
                .collect();
            let changed = earlier_cells
                .iter()
                .zip(&later_cells)
                .map(|(a, b)| {
                    let av = a.and_then(|c| c.arithmetic_value());
                    let bv = b.and_then(|c| c.arithmetic_value());
                    match (av, bv) {
                        (Some(x), Some(y)) => (x - y).abs() > 1e-9,
                        (None, None) => false,
                        _ => true,
                    }
                })
                .collect();
            RowComparison {
                key: d.key,
                label: d.label,
                columns,
                earlier: earlier_cells,
                later: later_cells,
                changed,
            }
        })
        .collect();
    let (ey, ly) = (
        earlier.year.as_ref().map(|y| y.value),
        later.year.as_ref().map(|y| y.value),
    );
    let consecutive = matches!((ey, ly), (Some(a), Some(b)) if b == a + 1);
    Comparison {
        table: id,
        earlier_year: ey,
        later_year: ly,
        rows,
        carry: consecutive.then(|| CarryOver::of(earlier, later)),
    }
}
