//! Text against tables: a catalogue of (phrasing → cell or sum of cells) pairs. C01 (applications
//! received), C02 (行政复议 / 行政诉讼 totals) and C06 (every other number the narrative
//! states) are entries of one list, read by one engine: adding a phrasing is one line of data.
//!
//! A phrasing is either a sequence of words followed, within a few characters of the same
//! clause, by a number with a unit (`予以公开10件`, `现行有效的行政规范性文件共计15件`), or one
//! of C01/C02's hand-written recognisers (which also read negations such as 未收到…申请).
//! An entry may have two readings (a total that may or may not include carried-over
//! applications): it fires only when the stated number fits neither, and says both.

use super::consistency::{UNITS, cases_stated, cell_text, number_with_unit, sentences};
use super::{at, cell_spans, excerpt, finding, fmt_num, row_columns};
use crate::model::{Cell, Finding, Report, RuleId, Severity, Span};
use crate::template::TableId;
use crate::text::squash;

mod catalogue;
pub use catalogue::CLAIMS;

/// How a sentence is recognised.
#[derive(Clone, Copy)]
pub enum Matcher {
    /// A hand-written recogniser: the number the sentence states, if it states one clearly.
    Custom(fn(&str) -> Option<f64>),
    /// C02's recogniser of 行政复议 / 行政诉讼 cases ([`cases_stated`]), read once per
    /// sentence for both groups.
    Cases(Group),
    /// These words in order (each within [`WORD_WINDOW`] characters of the previous), then
    /// a number with a unit in the same clause; not when the sentence has any `unless` word.
    Phrase {
        words: &'static [&'static str],
        unless: &'static [&'static str],
    },
}

/// Which of [`cases_stated`]'s two numbers an entry reads.
#[derive(Clone, Copy)]
pub enum Group {
    Review,
    Suit,
}

/// One way to read a stated number: the sum of these cells (row key, column key).
pub struct Reading {
    /// How the message names it (`表三“二、上年结转”总计`).
    pub name: &'static str,
    pub cells: &'static [(&'static str, &'static str)],
}

/// One catalogue entry.
pub struct Claim {
    pub rule: RuleId,
    /// What the text says, for the message (`正文称{said} N 件`).
    pub said: &'static str,
    pub matcher: Matcher,
    /// A sentence must contain one of these characters (cheap prefilter).
    pub prefilter: &'static [char],
    pub table: TableId,
    /// One reading, or two when the phrasing is ambiguous.
    pub readings: &'static [Reading],
}

/// How far apart the words of a phrasing may be, and how far the number may follow.
const WORD_WINDOW: usize = 12;
const NUMBER_WINDOW: usize = 12;

pub(crate) const fn phrase(words: &'static [&'static str]) -> Matcher {
    Matcher::Phrase { words, unless: &[] }
}

/// Where `needle` ends if it occurs within `window` characters after byte `from`.
fn within(s: &str, from: usize, needle: &str, window: usize) -> Option<usize> {
    let rest = s.get(from..)?;
    let end = rest
        .char_indices()
        .nth(window + needle.chars().count())
        .map_or(rest.len(), |(j, _)| j);
    rest[..end].find(needle).map(|i| from + i + needle.len())
}

/// A clause ends at these (after [`squash`] folding).
fn ends_clause(c: char) -> bool {
    matches!(c, ',' | '.' | ';' | '、' | '。' | '!' | '?' | '|')
}

/// The number with a unit that follows byte `from` in the same clause, within a few
/// characters; the first run of digits decides (a bare number is a table cell, not a claim).
fn number_after(s: &str, from: usize) -> Option<f64> {
    let rest = s.get(from..)?;
    for (n, (i, c)) in rest.char_indices().enumerate() {
        if n > NUMBER_WINDOW || ends_clause(c) {
            return None;
        }
        let here = &rest[i..];
        if let Some(v) = number_with_unit(here, &[]) {
            return Some(v);
        }
        if c.is_ascii_digit() {
            return None;
        }
    }
    None
}

/// What a phrasing says in one (squashed) sentence.
fn phrase_value(s: &str, words: &[&str], unless: &[&str]) -> Option<f64> {
    let (first, others) = words.split_first()?;
    if unless.iter().any(|u| s.contains(u)) {
        return None;
    }
    s.match_indices(first).find_map(|(i, _)| {
        let mut end = i + first.len();
        for w in others {
            end = within(s, end, w, WORD_WINDOW)?;
        }
        number_after(s, end)
    })
}

impl Claim {
    /// The number this entry reads in a sentence, if any.
    pub fn stated(&self, sentence: &str) -> Option<f64> {
        self.stated_in(
            sentence,
            &std::cell::OnceCell::new(),
            &std::cell::OnceCell::new(),
        )
    }

    /// [`Claim::stated`] with the sentence's [`squash`]ed form computed at most once, however
    /// many entries read the sentence.
    fn stated_in(
        &self,
        sentence: &str,
        squashed: &std::cell::OnceCell<String>,
        cases: &std::cell::OnceCell<(Option<f64>, Option<f64>)>,
    ) -> Option<f64> {
        match self.matcher {
            Matcher::Custom(f) => f(sentence),
            Matcher::Cases(group) => {
                let (review, suit) = *cases.get_or_init(|| cases_stated(sentence));
                match group {
                    Group::Review => review,
                    Group::Suit => suit,
                }
            }
            Matcher::Phrase { words, unless } => {
                phrase_value(squashed.get_or_init(|| squash(sentence)), words, unless)
            }
        }
    }
}

/// The cells of a reading, if the table has them all.
fn reading_cells<'a>(r: &'a Report, table: TableId, reading: &Reading) -> Option<Vec<&'a Cell>> {
    let t = r.tables.get(table)?;
    reading
        .cells
        .iter()
        .map(|(row_key, col)| {
            let row = t.row(row_key)?;
            let i = row_columns(r, table, row)
                .iter()
                .position(|c| c.key == *col)?;
            row.cells.get(i)
        })
        .collect()
}

/// A reading's value and how the message shows it; `None` when a cell is unknown.
fn evaluate(cells: &[&Cell]) -> Option<(f64, String)> {
    let values: Option<Vec<f64>> = cells.iter().map(|c| c.arithmetic_value()).collect();
    let sum: f64 = values?.iter().sum();
    let shown = match cells {
        [c] => cell_text(c, sum),
        _ => fmt_num(sum),
    };
    Some((sum, shown))
}

/// The prefilter characters of the catalogue entries in use (at most 64, one bit of a
/// sentence's mask each), with a 1,024-bit filter on the low bits of each character so
/// that the characters of a sentence that are no key (nearly all) cost one test each.
#[derive(Default)]
struct KeySet {
    keys: Vec<char>,
    filter: [u64; 16],
}

impl KeySet {
    fn insert(&mut self, k: char) {
        if self.keys.contains(&k) || self.keys.len() >= 64 {
            return;
        }
        self.keys.push(k);
        let h = k as usize & 1023;
        self.filter[h >> 6] |= 1 << (h & 63);
    }

    /// The bit of `c`, if it is a key.
    fn position(&self, c: char) -> Option<usize> {
        let h = c as usize & 1023;
        if self.filter[h >> 6] & (1 << (h & 63)) == 0 {
            return None;
        }
        self.keys.iter().position(|&k| k == c)
    }
}

/// A sentence of the narrative: its text, span and (once needed) its squashed form.
struct Sentence<'a> {
    text: &'a str,
    span: Span,
    /// Which of the rule's prefilter characters the sentence holds (bit i: `keys[i]`).
    present: u64,
    /// Whether it holds a unit (件, 条 …) a stated number needs.
    has_unit: bool,
    squashed: std::cell::OnceCell<String>,
    cases: std::cell::OnceCell<(Option<f64>, Option<f64>)>,
}

/// The findings of the catalogue entries of `rule` on a report.
pub fn check(r: &Report, rule: RuleId) -> Vec<Finding> {
    check_entries(r, |c| c.rule == rule)
}

/// The findings of every catalogue entry (C01, C02 and C06) in one pass over the sentences;
/// each finding carries its rule.
pub fn check_all(r: &Report) -> Vec<Finding> {
    check_entries(r, |_| true)
}

/// Whether `id` is a rule of the catalogue.
pub fn is_claim_rule(id: RuleId) -> bool {
    CLAIMS.iter().any(|c| c.rule == id)
}

fn check_entries(r: &Report, wanted: impl Fn(&Claim) -> bool) -> Vec<Finding> {
    let mut sents: Option<Vec<Sentence>> = None;
    let mut out = Vec::new();
    // The prefilter characters of these entries (at most 64), so each sentence is
    // scanned once for all of them and each entry tests a bit mask.
    let mut keys = KeySet::default();
    for c in CLAIMS.iter().filter(|c| wanted(c)) {
        c.prefilter.iter().for_each(|&k| keys.insert(k));
    }
    let mask_of = |chars: &[char]| -> Option<u64> {
        chars
            .iter()
            .try_fold(0u64, |m, &c| keys.position(c).map(|i| m | 1 << i))
    };
    for claim in CLAIMS.iter().filter(|c| wanted(c)) {
        // Every reading must be assessable: with one unknown, the text may mean it.
        let Some(readings) = claim
            .readings
            .iter()
            .map(|rd| {
                let cells = reading_cells(r, claim.table, rd)?;
                let (v, shown) = evaluate(&cells)?;
                Some((rd, cells, v, shown))
            })
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        let sents = sents.get_or_insert_with(|| {
            sentences(r)
                .into_iter()
                .filter_map(|(a, b)| {
                    let text = r.source.text.get(a..b)?;
                    // A statement has at least five characters (`受理申请1件`); table
                    // cells and headers such as `行政复议` are shorter.
                    text.trim().chars().nth(4)?;
                    let present = text
                        .chars()
                        .fold(0u64, |m, c| keys.position(c).map_or(m, |i| m | 1 << i));
                    // No entry reads a sentence without its prefilter characters (every
                    // entry's fit the mask: `every_prefilter_fits_the_mask`).
                    if present == 0 {
                        return None;
                    }
                    Some(Sentence {
                        text,
                        span: r.source.span(a, b),
                        present,
                        has_unit: text.contains(UNITS),
                        squashed: std::cell::OnceCell::new(),
                        cases: std::cell::OnceCell::new(),
                    })
                })
                .collect()
        });
        // An entry whose prefilter did not fit the mask reads every sentence.
        let mask = mask_of(claim.prefilter);
        let mut seen: Vec<u64> = Vec::new();
        for s in sents.iter() {
            let hit = match mask {
                Some(m) => s.present & m != 0,
                None => s.text.contains(claim.prefilter),
            };
            // A phrasing reads a number with its unit: no unit, nothing to read.
            if !hit || (matches!(claim.matcher, Matcher::Phrase { .. }) && !s.has_unit) {
                continue;
            }
            let Some(value) = claim.stated_in(s.text, &s.squashed, &s.cases) else {
                continue;
            };
            if readings.iter().any(|(_, _, v, _)| (v - value).abs() < 1e-9)
                || seen.contains(&value.to_bits())
            {
                continue;
            }
            seen.push(value.to_bits());
            let stated = readings
                .iter()
                .map(|(rd, _, _, shown)| format!("{}为 {shown}", rd.name))
                .collect::<Vec<_>>();
            let both = if stated.len() > 1 {
                "，两种理解均不符"
            } else {
                ""
            };
            let msg = format!(
                "正文称{} {} 件（“{}”），{}{both}",
                claim.said,
                fmt_num(value),
                excerpt(s.text.trim()),
                stated.join("；")
            );
            let first = readings[0].0;
            let spans = readings
                .iter()
                .flat_map(|(_, cells, ..)| cell_spans(cells.iter().copied()))
                .chain([s.span]);
            let (row, col) = first.cells[0];
            out.push(at(
                finding(claim.rule, Severity::Warning, msg),
                claim.table,
                Some(row),
                Some(col),
                spans,
            ));
        }
    }
    out
}

/// C06: numbers the narrative states (carry-over, results, 复议/诉讼 groups, table 2
/// counts) against their cells.
pub fn c06(r: &Report) -> Vec<Finding> {
    check(r, super::ids::C06)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(said: &str) -> &'static Claim {
        CLAIMS
            .iter()
            .find(|c| c.said == said)
            .expect("catalogue entry")
    }

    #[test]
    fn phrasings_read_their_numbers() {
        assert_eq!(
            find("上年结转").stated("上年结转政府信息公开申请2件。"),
            Some(2.0)
        );
        assert_eq!(
            find("予以公开").stated("其中予以公开10件，部分公开2件"),
            Some(10.0)
        );
        assert_eq!(
            find("部分公开").stated("其中予以公开10件，部分公开2件"),
            Some(2.0)
        );
        assert_eq!(find("不予公开").stated("不予公开三件"), Some(3.0));
        assert_eq!(
            find("现行有效行政规范性文件").stated("现行有效的行政规范性文件共计15件"),
            Some(15.0)
        );
        assert_eq!(
            find("行政许可决定").stated("全年作出行政许可决定 120 件"),
            Some(120.0)
        );
        assert_eq!(
            find("行政复议维持").stated("行政复议案件2件，其中维持1件"),
            Some(1.0)
        );
    }

    #[test]
    fn table_lines_and_other_clauses_are_not_claims() {
        // A table row: bare numbers without a unit.
        assert_eq!(
            find("予以公开").stated("（一）予以公开\t0\t0\t0\t0\t0\t0\t0"),
            None
        );
        assert_eq!(
            find("上年结转").stated("| 二、上年结转政府信息公开申请数量 | 3 | 0 |"),
            None
        );
        // The number belongs to another clause.
        assert_eq!(
            find("予以公开").stated("均予以公开，共主动公开信息30条"),
            None
        );
        // Review results in a sentence about suits are not the review group's.
        assert_eq!(find("行政复议维持").stated("复议后起诉1件，维持1件"), None);
        // 受理行政许可申请 is applications, not decisions.
        assert_eq!(find("行政许可决定").stated("受理行政许可申请3000件"), None);
    }

    #[test]
    fn every_prefilter_fits_the_mask() {
        let mut keys: Vec<char> = CLAIMS.iter().flat_map(|c| c.prefilter).copied().collect();
        keys.sort_unstable();
        keys.dedup();
        assert!(keys.len() <= 64, "{} prefilter characters", keys.len());
        assert!(CLAIMS.iter().all(|c| !c.prefilter.is_empty()));
    }

    #[test]
    fn every_entry_names_cells_of_its_template_table() {
        use crate::template::ALL_VERSIONS;
        for c in CLAIMS {
            for rd in c.readings {
                for (row, col) in rd.cells {
                    let known = ALL_VERSIONS.iter().any(|v| {
                        v.template()
                            .table(c.table)
                            .row(row)
                            .is_some_and(|d| d.columns.iter().any(|x| x.key == *col))
                    });
                    assert!(known, "{} {}: {row}.{col}", c.rule, c.said);
                }
            }
        }
    }
}
