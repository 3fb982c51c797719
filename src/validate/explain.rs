//! What a finding is made of, spelled out: the cells an arithmetic rule adds up and the
//! equation with every addend (`（七）总计·自然人 = 12 + 3 + 4 = 19 ≠ 27`), and the numbers
//! S06 found in a row. Read from the report the finding is about, with the same rows and
//! columns the rules use (raw report text: the caller makes it inert); the finding's message (and so its review fingerprint) is not
//! changed.

use super::arithmetic::a02_rows;
use super::ids;
use super::{fmt_num, row_columns, row_name_or_key};
use crate::model::{Cell, CellState, Finding, Report, Row};
use crate::template::{TableId, column_groups};

/// A cell a finding is about: where it is, and its value as the arithmetic reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub table: TableId,
    /// Template row key.
    pub row: &'static str,
    /// Index into the row's cells (its template columns).
    pub column: usize,
    /// The value added: the number, 0 for a blank; none for a missing or invalid cell.
    pub value: Option<f64>,
    /// The cell is blank (written empty: 0 in the sum, `空` in the equation).
    pub blank: bool,
}

/// A finding spelled out.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// Every cell involved: addends, then totals (arithmetic), or the numbers found (S06).
    pub terms: Vec<Term>,
    /// One line with every number: the equation, or the numbers found.
    pub text: String,
    /// The equation in pieces, for a shortened form: what comes before the addends, the
    /// addends, and what follows them (`= 25 ≠ 27`); no addends when it does not shorten.
    head: String,
    addends: Vec<String>,
    tail: String,
}

impl Explanation {
    fn whole(terms: Vec<Term>, text: String) -> Explanation {
        Explanation {
            terms,
            head: text.clone(),
            text,
            addends: Vec::new(),
            tail: String::new(),
        }
    }

    fn equation(terms: Vec<Term>, head: String, addends: Vec<String>, tail: String) -> Explanation {
        Explanation {
            terms,
            text: format!("{head}{}{tail}", addends.join(" + ")),
            head,
            addends,
            tail,
        }
    }

    /// The equation in at most `max` columns where it can be: the first addends, `…`
    /// for the rest, and the sum and the total kept (`总计 = 12 + 3 + … = 25 ≠ 27`).
    pub fn shortened(&self, max: usize) -> String {
        let w = crate::width::width;
        if w(&self.text) <= max || self.addends.is_empty() {
            return self.text.clone();
        }
        let mut keep = self.addends.len();
        while keep > 0 {
            keep -= 1;
            let mut parts: Vec<&str> = self.addends[..keep].iter().map(String::as_str).collect();
            parts.push("…");
            let s = format!("{}{}{}", self.head, parts.join(" + "), self.tail);
            if w(&s) <= max || keep == 0 {
                return s;
            }
        }
        self.text.clone()
    }
}

/// The explanation of `f`, a finding of report `r`, for the rules that add up cells
/// (A01–A04) and S06; none for other rules or when the cells are no longer there.
pub fn explain(r: &Report, f: &Finding) -> Option<Explanation> {
    match f.rule {
        ids::A01 => a01(r, f),
        ids::A02 => a02(r, f),
        ids::A03 => a03(r, f),
        ids::A04 => a04(r, f),
        ids::S06 => s06(r, f),
        _ => None,
    }
}

fn term(table: TableId, row: &Row, column: usize) -> Option<Term> {
    let cell = row.cells.get(column)?;
    Some(Term {
        table,
        row: row.key,
        column,
        value: cell.arithmetic_value(),
        blank: cell.state == CellState::Blank,
    })
}

fn shown(t: &Term) -> String {
    match t.value {
        _ if t.blank => "空".to_string(),
        Some(v) => fmt_num(v),
        None => "?".to_string(),
    }
}

/// `a + b + c = S`, with S when every addend is known.
fn sum_text(parts: &[Term]) -> (String, Option<f64>) {
    let (list, sum) = (addend_list(parts), sum_of(parts));
    (format!("{}{}", list.join(" + "), equals(sum)), sum)
}

fn addend_list(parts: &[Term]) -> Vec<String> {
    parts.iter().map(shown).collect()
}

fn sum_of(parts: &[Term]) -> Option<f64> {
    parts.iter().map(|t| t.value).sum()
}

/// ` = S` when the sum is known.
fn equals(sum: Option<f64>) -> String {
    sum.map_or_else(String::new, |s| format!(" = {}", fmt_num(s)))
}

/// ` ≠ T`, or what stands in the total's place when it is blank or missing.
fn against(total: &Cell) -> String {
    match total.state {
        CellState::Blank => "，表中为空".to_string(),
        CellState::Number => format!(" ≠ {}", total.value.map_or_else(String::new, fmt_num)),
        CellState::Missing | CellState::Invalid => "，表中无法读取".to_string(),
    }
}

fn column_index(r: &Report, id: TableId, row: &Row, key: Option<&str>) -> Option<usize> {
    let key = key?;
    row_columns(r, id, row).iter().position(|c| c.key == key)
}

fn t3_row<'a>(r: &'a Report, key: Option<&str>) -> Option<&'a Row> {
    r.tables.t3.as_ref()?.row(key?)
}

/// A01: a row's six applicant columns and its 总计.
fn a01(r: &Report, f: &Finding) -> Option<Explanation> {
    let row = t3_row(r, f.row)?;
    let groups = column_groups(row_columns(r, TableId::T3, row));
    let group = groups.first()?;
    let total = group.total?;
    let parts: Vec<Term> = group
        .parts
        .iter()
        .filter_map(|&i| term(TableId::T3, row, i))
        .collect();
    let head = format!("{}·总计 = ", row_name_or_key(r, TableId::T3, row));
    let tail = format!(
        "{}{}",
        equals(sum_of(&parts)),
        against(row.cells.get(total)?)
    );
    let list = addend_list(&parts);
    let mut terms = parts;
    terms.extend(term(TableId::T3, row, total));
    Some(Explanation::equation(terms, head, list, tail))
}

/// A02: a column of the result rows and of （七）总计.
fn a02(r: &Report, f: &Finding) -> Option<Explanation> {
    let (total_row, rows) = a02_rows(r)?;
    let i = column_index(r, TableId::T3, total_row, f.column)?;
    let label = row_columns(r, TableId::T3, total_row).get(i)?.label;
    let parts: Vec<Term> = rows
        .iter()
        .filter_map(|row| term(TableId::T3, row, i))
        .collect();
    let head = format!("（七）总计·{label} = ");
    let tail = format!(
        "{}{}",
        equals(sum_of(&parts)),
        against(total_row.cells.get(i)?)
    );
    let list = addend_list(&parts);
    let mut terms = parts;
    terms.extend(term(TableId::T3, total_row, i));
    Some(Explanation::equation(terms, head, list, tail))
}

/// A03: 一 + 二 against （七）总计 + 四 in one column.
fn a03(r: &Report, f: &Finding) -> Option<Explanation> {
    let t = r.tables.t3.as_ref()?;
    let rows: Option<Vec<&Row>> = ["new", "carried_over", "processed_total", "carried_forward"]
        .iter()
        .map(|k| t.row(k))
        .collect();
    let rows = rows?;
    let i = column_index(r, TableId::T3, rows[2], f.column)?;
    let label = row_columns(r, TableId::T3, rows[2]).get(i)?.label;
    let terms: Option<Vec<Term>> = rows.iter().map(|row| term(TableId::T3, row, i)).collect();
    let terms = terms?;
    let (left, l) = sum_text(&terms[..2]);
    let (right, rr) = sum_text(&terms[2..]);
    let rel = if l.is_some() && l == rr { "=" } else { "≠" };
    let text = format!("{label}：一 + 二 = {left} {rel} （七）总计 + 四 = {right}");
    Some(Explanation::whole(terms, text))
}

/// A04: one group of table 4, its four outcomes and its 总计.
fn a04(r: &Report, f: &Finding) -> Option<Explanation> {
    let row = r.tables.t4.as_ref()?.row("all")?;
    let column = f.column?;
    let group = column_groups(row_columns(r, TableId::T4, row))
        .into_iter()
        .find(|g| g.total_column().is_some_and(|c| c.key == column))?;
    let (name, total) = (group.name, group.total?);
    let names = ["维持", "纠正", "其他", "尚未审结"];
    let terms: Vec<Term> = group
        .parts
        .iter()
        .filter_map(|&i| term(TableId::T4, row, i))
        .collect();
    let listed: Vec<String> = terms
        .iter()
        .zip(names)
        .map(|(t, n)| format!("{n} {}", shown(t)))
        .collect();
    let tail = format!(
        "{}{}",
        equals(sum_of(&terms)),
        against(row.cells.get(total)?)
    );
    let mut terms = terms;
    terms.extend(term(TableId::T4, row, total));
    Some(Explanation::equation(
        terms,
        format!("{name}·总计 = "),
        listed,
        tail,
    ))
}

/// S06: the numbers a row holds, by column, and those whose column is unknown.
fn s06(r: &Report, f: &Finding) -> Option<Explanation> {
    let table = f.table?;
    let t = r.tables.get(table)?;
    let row = t.row(f.row?)?;
    let columns = row_columns(r, table, row);
    let mut terms = Vec::new();
    let mut found = Vec::new();
    for (i, cell) in row.cells.iter().enumerate() {
        let label = columns.get(i).map_or("?", |c| c.label);
        match cell.state {
            CellState::Number | CellState::Blank | CellState::Invalid => {
                let v = match cell.state {
                    CellState::Blank => "空".to_string(),
                    _ => cell.text.to_string(),
                };
                found.push(format!("{label} {v}"));
                terms.extend(term(table, row, i));
            }
            CellState::Missing => found.push(format!("{label} ?")),
        }
    }
    let mut text = format!("{}：{}", row_name_or_key(r, table, row), found.join("，"));
    if !row.unplaced.is_empty() {
        text.push_str(&format!(
            "；位置无法确定的数值：{}",
            row.unplaced.join("，")
        ));
    }
    Some(Explanation::whole(terms, text))
}
