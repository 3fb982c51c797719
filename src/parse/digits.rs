//! Splitting a run of concatenated digits (`（一）予以公开5000016`, `（七）总计12 0 00 0 012`)
//! into cells, only where the split is forced:
//!
//! - as many digits as columns: one digit per cell ([`Basis::OneDigitPerColumn`]);
//! - otherwise exactly one split meets the row's own identity (table 3: six applicant
//!   columns sum to 总计; table 4: each group's 总计 is the sum of its four results) and the
//!   table's column identities (（七） = sum of the result rows, 一 + 二 = （七） + 四)
//!   ([`Basis::UniqueSplit`]).
//!
//! A space (left by `&nbsp;`) is a boundary between cells; a number never starts with `0`
//! unless it is `0`. Everything else stays missing, its digits unplaced. A split forced by
//! the digit count is kept even when it breaks an identity (the report's own arithmetic
//! error must survive); a split chosen by the identities is dropped when a column identity
//! it takes part in fails.

use crate::model::{Basis, Cell, Row, SourceText};
use crate::template::{RowRole, TableDef};

/// More candidate splits than this: not forced, not looked at further.
const LIMIT: usize = 4096;
/// No count in a report has more digits than this.
const MAX_DIGITS: usize = 9;

/// A digit run in the source: byte range of the whole run.
#[derive(Debug, Clone, Copy)]
pub struct DigitRun {
    pub start: usize,
    pub end: usize,
}

/// Byte ranges (absolute) of the parts of one split.
type Split = Vec<(usize, usize)>;

/// The space-separated tokens of a run: absolute byte ranges of digit strings.
fn tokens(src: &SourceText, run: DigitRun) -> Option<Vec<(usize, usize)>> {
    let text = src.text.get(run.start..run.end)?;
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if crate::text::is_digit(c) {
            if start.is_none() {
                start = Some(i);
            }
        } else if crate::text::is_space(c) {
            if let Some(s) = start.take() {
                out.push((run.start + s, run.start + i));
            }
        } else {
            return None;
        }
    }
    if let Some(s) = start {
        out.push((run.start + s, run.end));
    }
    Some(out)
}

fn value(src: &SourceText, (a, b): (usize, usize)) -> f64 {
    crate::text::digits_value(&src.text[a..b]).map_or(f64::NAN, |v| v as f64)
}

/// Where the digits of a token start (byte offsets, absolute), and its end: ASCII digits are
/// one byte, full-width ones three.
fn digit_bounds(src: &SourceText, (a, b): (usize, usize)) -> Vec<usize> {
    src.text[a..b]
        .char_indices()
        .map(|(i, _)| a + i)
        .chain(std::iter::once(b))
        .collect()
}

/// Every split of the run into `k` parts whose partial values pass `ok` (called with the
/// values so far after each part), or `None` when there are more than [`LIMIT`].
fn splits(
    src: &SourceText,
    run: DigitRun,
    k: usize,
    ok: &dyn Fn(&[f64]) -> bool,
) -> Option<Vec<Split>> {
    let toks = tokens(src, run)?;
    if toks.is_empty() || toks.len() > k {
        return Some(Vec::new());
    }
    let bounds: Vec<Vec<usize>> = toks.iter().map(|&t| digit_bounds(src, t)).collect();
    let mut out: Vec<Split> = Vec::new();
    let mut parts: Split = Vec::with_capacity(k);
    let mut values: Vec<f64> = Vec::with_capacity(k);
    // Depth-first over (token, digit inside it).
    #[allow(clippy::too_many_arguments)]
    fn go(
        src: &SourceText,
        bounds: &[Vec<usize>],
        t: usize,
        pos: usize,
        k: usize,
        parts: &mut Split,
        values: &mut Vec<f64>,
        ok: &dyn Fn(&[f64]) -> bool,
        out: &mut Vec<Split>,
    ) -> bool {
        if t == bounds.len() {
            if parts.len() == k {
                out.push(parts.clone());
                if out.len() > LIMIT {
                    return false;
                }
            }
            return true;
        }
        let b = &bounds[t];
        let end = b.len() - 1;
        // Parts still needed must fit: each remaining token gives at least one part.
        let remaining_tokens = bounds.len() - t - 1;
        if parts.len() + 1 + remaining_tokens > k {
            return true;
        }
        let zero = crate::text::digits_value(&src.text[b[pos]..b[pos + 1]]) == Some(0);
        let max_len = if zero { 1 } else { (end - pos).min(MAX_DIGITS) };
        for len in 1..=max_len {
            let piece = (b[pos], b[pos + len]);
            parts.push(piece);
            values.push(value(src, piece));
            let keep = ok(values);
            let cont = if !keep {
                true
            } else if pos + len == end {
                go(src, bounds, t + 1, 0, k, parts, values, ok, out)
            } else {
                go(src, bounds, t, pos + len, k, parts, values, ok, out)
            };
            parts.pop();
            values.pop();
            if !cont {
                return false;
            }
        }
        true
    }
    let complete = go(src, &bounds, 0, 0, k, &mut parts, &mut values, ok, &mut out);
    complete.then_some(out)
}

fn digit_count(src: &SourceText, run: DigitRun) -> usize {
    src.text.get(run.start..run.end).map_or(0, |t| {
        t.chars().filter(|&c| crate::text::is_digit(c)).count()
    })
}

/// The row's own identity for a table: checked on the values so far.
fn row_identity(table: crate::template::TableId) -> fn(&[f64]) -> bool {
    use crate::template::TableId;
    match table {
        TableId::T3 => |v: &[f64]| v.len() < 7 || v[..6].iter().sum::<f64>() == v[6],
        TableId::T4 => |v: &[f64]| {
            let n = v.len();
            !n.is_multiple_of(5) || n == 0 || v[n - 5..n - 1].iter().sum::<f64>() == v[n - 1]
        },
        TableId::T2 => |_: &[f64]| true,
    }
}

/// How one concatenated row stands.
enum State {
    /// The only split there is (by digit count, spaces, leading zeros): certain, never
    /// dropped.
    Forced(Split, Basis),
    /// The one split meeting the row identity (dropped if a column identity fails).
    Chosen(Split),
    /// Several splits meet the row identity.
    Open(Vec<Split>),
    /// Not decided.
    None,
}

fn cells_of(
    src: &SourceText,
    split: &Split,
    basis: Basis,
    unit: Option<&'static str>,
) -> Vec<Cell> {
    split
        .iter()
        .map(|&(a, b)| {
            let text = &src.text[a..b];
            let mut c =
                super::cells::cell_of(text, super::cells::classify(text), src.span(a, b), unit);
            c.basis = Some(basis);
            c
        })
        .collect()
}

/// Decide one concatenated row alone (tables 2 and 4, or before table 3's column pass).
fn decide(src: &SourceText, run: DigitRun, k: usize, id: crate::template::TableId) -> State {
    let one_digit = digit_count(src, run) == k;
    match splits(src, run, k, &|_: &[f64]| true) {
        Some(mut s) if s.len() == 1 => {
            let basis = if one_digit {
                Basis::OneDigitPerColumn
            } else {
                Basis::OnlySplit
            };
            return State::Forced(s.remove(0), basis);
        }
        Some(s) if s.is_empty() => return State::None,
        _ => {}
    }
    if id == crate::template::TableId::T2 {
        return State::None;
    }
    let ok = row_identity(id);
    match splits(src, run, k, &ok) {
        Some(mut s) if s.len() == 1 => State::Chosen(s.remove(0)),
        Some(s) if s.len() > 1 && s.len() <= 64 => State::Open(s),
        _ => State::None,
    }
}

/// Values of a row as placed (all known), for the column identities.
fn known(row: &Row) -> Option<Vec<f64>> {
    row.cells.iter().map(Cell::arithmetic_value).collect()
}

/// Resolve the concatenated rows of table 2 or 3 in place. `runs[i]` is the digit run of
/// `rows[i]` when that row was printed as label + digits.
pub fn resolve_rows(src: &SourceText, def: &TableDef, rows: &mut [Row], runs: &[Option<DigitRun>]) {
    let id = def.id;
    let mut states: Vec<State> = rows
        .iter()
        .zip(runs)
        .map(|(r, run)| match run {
            Some(run)
                if r.cells
                    .iter()
                    .all(|c| c.state == crate::model::CellState::Missing) =>
            {
                decide(src, *run, r.cells.len(), id)
            }
            _ => State::None,
        })
        .collect();
    if id == crate::template::TableId::T3 {
        column_pass(src, def, rows, &mut states);
    }
    for (row, state) in rows.iter_mut().zip(states) {
        let (split, basis) = match state {
            State::Forced(s, b) => (s, b),
            State::Chosen(s) => (s, Basis::UniqueSplit),
            _ => continue,
        };
        row.cells = cells_of(src, &split, basis, None);
        row.unplaced.clear();
    }
}

/// Table 3's column identities: pin open rows, drop chosen splits that break them.
fn column_pass(src: &SourceText, def: &TableDef, rows: &[Row], states: &mut [State]) {
    let index = |key: &str| rows.iter().position(|r| r.key == key);
    let results: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            def.row(r.key)
                .map_or(r.key == "other", |d| d.role == RowRole::Result)
        })
        .map(|(i, _)| i)
        .collect();
    let mut groups: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    // （七）总计 = Σ results: plus side = results, minus side = total.
    if let Some(t) = index("processed_total") {
        groups.push((results.clone(), vec![t]));
    }
    if let (Some(a), Some(b), Some(c), Some(d)) = (
        index("new"),
        index("carried_over"),
        index("processed_total"),
        index("carried_forward"),
    ) {
        groups.push((vec![a, b], vec![c, d]));
    }
    let vals = |states: &[State], i: usize| -> Option<Vec<f64>> {
        match &states[i] {
            State::Forced(s, _) | State::Chosen(s) => {
                Some(s.iter().map(|&p| value(src, p)).collect())
            }
            State::Open(_) => None,
            State::None => known(&rows[i]),
        }
    };
    for _ in 0..3 {
        let mut changed = false;
        for (plus, minus) in &groups {
            let members: Vec<(usize, bool)> = plus
                .iter()
                .map(|&i| (i, true))
                .chain(minus.iter().map(|&i| (i, false)))
                .collect();
            let open: Vec<usize> = members
                .iter()
                .filter(|(i, _)| matches!(states[*i], State::Open(_)))
                .map(|(i, _)| *i)
                .collect();
            let balance = |states: &[State], extra: Option<(usize, &Split)>| -> Option<bool> {
                let mut sums = [0.0f64; 7];
                for &(i, sign) in &members {
                    let v = match extra {
                        Some((j, s)) if j == i => s.iter().map(|&p| value(src, p)).collect(),
                        _ => vals(states, i)?,
                    };
                    for (c, x) in v.iter().enumerate().take(7) {
                        sums[c] += if sign { *x } else { -*x };
                    }
                }
                Some(sums.iter().all(|s| s.abs() < 1e-6))
            };
            match open.as_slice() {
                [] if balance(states, None) == Some(false) => {
                    for &(i, _) in &members {
                        if matches!(states[i], State::Chosen(_)) {
                            states[i] = State::None;
                            changed = true;
                        }
                    }
                }
                [] => {}
                [j] => {
                    let State::Open(cands) = &states[*j] else {
                        continue;
                    };
                    let fits: Vec<Split> = cands
                        .iter()
                        .filter(|s| balance(states, Some((*j, s))) == Some(true))
                        .cloned()
                        .collect();
                    let all_known = members
                        .iter()
                        .all(|(i, _)| i == j || vals(states, *i).is_some());
                    if all_known {
                        states[*j] = match <[Split; 1]>::try_from(fits) {
                            Ok([s]) => State::Chosen(s),
                            Err(_) => State::None,
                        };
                        changed = true;
                    }
                }
                _ => {}
            }
        }
        if !changed {
            break;
        }
    }
    for s in states.iter_mut() {
        if matches!(s, State::Open(_)) {
            *s = State::None;
        }
    }
}

/// Resolve table 4's one row printed as label + digits.
pub fn resolve_t4(src: &SourceText, row: &mut Row, run: DigitRun) {
    if !row
        .cells
        .iter()
        .all(|c| c.state == crate::model::CellState::Missing)
    {
        return;
    }
    let (split, basis) = match decide(src, run, row.cells.len(), crate::template::TableId::T4) {
        State::Forced(s, b) => (s, b),
        State::Chosen(s) => (s, Basis::UniqueSplit),
        _ => return,
    };
    row.cells = cells_of(src, &split, basis, None);
    row.unplaced.clear();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::TableId;

    fn src_run(s: &str) -> (SourceText, DigitRun) {
        let src = SourceText::new(s.to_string());
        let run = DigitRun {
            start: 0,
            end: s.len(),
        };
        (src, run)
    }

    fn texts(src: &SourceText, s: &Split) -> Vec<String> {
        s.iter().map(|&(a, b)| src.text[a..b].to_string()).collect()
    }

    #[test]
    fn one_digit_per_column_is_forced() {
        let (src, run) = src_run("5000016");
        match decide(&src, run, 7, TableId::T3) {
            State::Forced(s, b) => {
                assert_eq!(texts(&src, &s), ["5", "0", "0", "0", "0", "1", "6"]);
                assert_eq!(b, Basis::OneDigitPerColumn);
            }
            _ => panic!("not forced"),
        }
        // Forced even when the row's own identity fails: the report's error survives.
        let (src, run) = src_run("1000002");
        assert!(matches!(
            decide(&src, run, 7, TableId::T3),
            State::Forced(..)
        ));
    }

    #[test]
    fn spaces_and_leading_zeros_force_a_unique_split() {
        let (src, run) = src_run("12 0 00 0 012");
        match decide(&src, run, 7, TableId::T3) {
            State::Forced(s, Basis::OnlySplit) => {
                assert_eq!(texts(&src, &s), ["12", "0", "0", "0", "0", "0", "12"])
            }
            _ => panic!("not the only split"),
        }
    }

    /// Full-width digits (three bytes each) split as their half-width twins, each part the
    /// bytes of its own digits.
    #[test]
    fn full_width_runs_split_like_half_width_ones() {
        let (src, run) = src_run("１２ ０ ００ ０ ０１２");
        match decide(&src, run, 7, TableId::T3) {
            State::Forced(s, Basis::OnlySplit) => {
                assert_eq!(
                    texts(&src, &s),
                    ["１２", "０", "０", "０", "０", "０", "１２"]
                )
            }
            _ => panic!("not the only split"),
        }
        let (src, run) = src_run("５００００１６");
        match decide(&src, run, 7, TableId::T3) {
            State::Forced(s, Basis::OneDigitPerColumn) => assert_eq!(s.len(), 7),
            _ => panic!("not forced"),
        }
    }

    #[test]
    fn ambiguous_or_impossible_splits_are_not_decided() {
        // 12,1,10,0,0,0,23 and 12,11,0,0,0,0,23 both meet the row identity.
        let (src, run) = src_run("1211000023");
        match decide(&src, run, 7, TableId::T3) {
            State::Open(c) => assert_eq!(c.len(), 2),
            _ => panic!("should be open"),
        }
        let (src, run) = src_run("123000015");
        assert!(matches!(
            decide(&src, run, 7, TableId::T3),
            State::Chosen(_)
        ));
        // A real arithmetic error: no split meets the identity, nothing is inferred.
        let (src, run) = src_run("1230000015");
        assert!(matches!(
            decide(&src, run, 7, TableId::T3),
            State::None | State::Open(_)
        ));
        // Table 2 has no identity: only the digit count forces a split.
        let (src, run) = src_run("4545090");
        assert!(matches!(decide(&src, run, 3, TableId::T2), State::None));
        let (src, run) = src_run("101");
        assert!(matches!(
            decide(&src, run, 3, TableId::T2),
            State::Forced(..)
        ));
    }
}
