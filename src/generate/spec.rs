//! What one generated report is: agency, year, layout, encoding, numbers, style choices and
//! the faults injected into it. Building the specs of an agency's consecutive years keeps
//! the carry-over consistent unless a C03 fault breaks it.

use super::data::{self, T2, T3, T4};
use super::names::Agency;
use super::rng::Rng;
use super::{Fault, Layout};
use crate::model::{Date, days_in_month};
use crate::template::{RowRole, TemplateVersion};

/// The rate of each of the main injected faults (A01, A02, A04, S01, S05, C03, T01).
pub const FAULT_RATE: f64 = 0.05;
/// The rate of the secondary faults (C01, T03, X01).
pub const MINOR_FAULT_RATE: f64 = 0.03;
/// S06 is only injected in the one-cell-per-line layout: this rate there gives ~5% overall.
pub const LOST_CELLS_RATE: f64 = 0.16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// `来源:… 浏览次数:… 发布时间:2021-02-04 15:39`.
    WebLine,
    /// An 索引号 / 发布机构 / 成文日期 / 发布日期 block.
    IndexBlock,
    /// Only the dated signature at the end (`2021年1月20日`).
    Signature,
    /// No date anywhere (T02).
    None,
}

/// How cell values are padded in the one-cell-per-line layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pad {
    Plain,
    /// ` 0` / `0 ` with no-break spaces, as seed 000.
    NbspAlternating,
    /// `\u{a0}0` everywhere, as seed 002.
    NbspBefore,
    /// ASCII spaces around some values.
    Spaces,
}

#[derive(Debug, Clone)]
pub struct Style {
    pub title_form: usize,
    pub preamble: bool,
    pub title_variant: [usize; 6],
    pub heading_space: bool,
    /// Sub-sections in section 一 (controls the report size).
    pub paragraphs: usize,
    /// ASCII `(一)` `:` `,` instead of full-width punctuation.
    pub ascii_punct: bool,
    pub pad: Pad,
    /// Indent every line by four spaces (text copied from some sites).
    pub indent: bool,
    /// Render zero cells as blanks (HTML `&nbsp;`, empty tab fields) in table 4.
    pub blank_zeros: bool,
    /// A hyperlink-style site chrome in text layouts (字号, 打印).
    pub chrome: bool,
    /// Time of day of the publication.
    pub time: (u32, u32),
    pub views: u32,
}

#[derive(Debug, Clone)]
pub struct Spec {
    pub file: String,
    pub agency: Agency,
    pub year: i32,
    pub version: TemplateVersion,
    pub layout: Layout,
    pub gbk: bool,
    pub published: Option<Date>,
    pub deadline: Date,
    pub date_style: DateStyle,
    pub period: Option<(Date, Date)>,
    pub t2: T2,
    pub t3: T3,
    pub t4: T4,
    pub stated_applications: i64,
    pub stated_review: i64,
    pub stated_suits: i64,
    pub missing_section: Option<u8>,
    /// Table 3 row index left out of the text (S05).
    pub missing_row: Option<usize>,
    /// Table 3 row index and the cell positions dropped from it (S06).
    pub lost_cells: Option<(usize, Vec<usize>)>,
    pub omit_fee_sentence: bool,
    pub faults: Vec<Fault>,
    pub style: Style,
}

pub fn add_days(d: Date, n: i64) -> Date {
    let (mut y, mut m, mut day) = (d.year, d.month, i64::from(d.day) + n);
    while day > i64::from(days_in_month(y, m)) {
        day -= i64::from(days_in_month(y, m));
        m += 1;
        if m > 12 {
            m = 1;
            y += 1;
        }
    }
    Date {
        year: y,
        month: m,
        day: day as u32,
    }
}

fn layout_choice(rng: &mut Rng) -> Layout {
    match rng.weighted(&[27, 18, 23, 11, 9, 6, 6, 6]) {
        0 => Layout::Cells,
        1 => Layout::Tabs,
        2 => Layout::Html,
        3 => Layout::Markdown,
        4 => Layout::FlatT4,
        5 => Layout::Bars,
        6 => Layout::OneLine,
        _ => Layout::ReadingOrder,
    }
}

fn fault(kind: &str, rule: &str, severity: &str, detail: String) -> Fault {
    Fault {
        kind: kind.to_string(),
        rule: rule.to_string(),
        severity: severity.to_string(),
        table: None,
        row: None,
        column: None,
        section: None,
        also: Vec::new(),
        detail,
    }
}

const T3_COLUMN_KEYS: [&str; 7] = [
    "natural",
    "commercial",
    "research",
    "social",
    "legal",
    "other",
    "total",
];

/// The specs of one agency's consecutive years.
pub fn agency_years(
    agency: &Agency,
    agency_id: usize,
    years: std::ops::RangeInclusive<i32>,
    rng: &mut Rng,
) -> Vec<Spec> {
    let home_layout = layout_choice(rng);
    let title_form = rng.below(4);
    let mut carried: Option<[i64; 6]> = None;
    let mut stock: Option<data::Stock> = None;
    let mut out = Vec::new();
    for year in years {
        let version = TemplateVersion::for_year(year);
        let layout = if rng.chance(0.7) {
            home_layout
        } else {
            layout_choice(rng)
        };
        let (t2, next_stock) = data::table2(version, agency.kind, stock.as_ref(), rng);
        stock = Some(next_stock);
        let mut t3 = data::table3(version, agency.kind, carried, rng);
        let mut t4 = data::table4(agency.kind, rng);
        // Next year carries this year's true 结转下年度 (faults below never touch it).
        let had_previous = carried.is_some();
        carried = Some(data::carried_forward(version, &t3));

        let style = Style {
            title_form,
            preamble: rng.chance(0.3),
            title_variant: std::array::from_fn(|_| {
                if rng.chance(0.12) {
                    1 + rng.below(2)
                } else {
                    0
                }
            }),
            heading_space: rng.chance(0.1),
            paragraphs: rng.range(1, 5) as usize,
            ascii_punct: rng.chance(0.5),
            pad: match rng.below(4) {
                0 => Pad::Plain,
                1 => Pad::NbspAlternating,
                2 => Pad::NbspBefore,
                _ => Pad::Spaces,
            },
            indent: layout == Layout::Cells && rng.chance(0.2),
            blank_zeros: rng.chance(0.3),
            chrome: rng.chance(0.5),
            time: (rng.range(8, 21) as u32, rng.range(0, 59) as u32),
            views: rng.range(3, 6000) as u32,
        };
        let (dm, dd) = agency.kind.deadline();
        let deadline = Date {
            year: year + 1,
            month: dm,
            day: dd,
        };
        let first = Date {
            year: year + 1,
            month: 1,
            day: 4,
        };
        let window = deadline.days_since_epoch() - first.days_since_epoch();
        let mut published = Some(add_days(first, rng.range(0, window)));
        let mut date_style = match rng.weighted(&[40, 30, 20, 10]) {
            0 => DateStyle::WebLine,
            1 => DateStyle::IndexBlock,
            2 => DateStyle::Signature,
            _ => DateStyle::None,
        };
        let mut period = if rng.chance(0.25) {
            Some((
                Date {
                    year,
                    month: 1,
                    day: 1,
                },
                Date {
                    year,
                    month: 12,
                    day: 31,
                },
            ))
        } else {
            None
        };

        let rows = version.template().t3.rows;
        let row_idx = |k: &str| rows.iter().position(|r| r.key == k).unwrap_or(0);
        let results: Vec<usize> = (0..rows.len())
            .filter(|&i| rows[i].role == RowRole::Result)
            .collect();
        let mut faults = Vec::new();
        let mut missing_section = None;
        let mut missing_row = None;
        let mut lost_cells = None;
        let mut omit_fee_sentence = false;
        let mut excluded: Vec<usize> = Vec::new();

        // T01: published after the deadline.
        if rng.chance(FAULT_RATE) {
            let late = rng.range(1, 40);
            let d = add_days(deadline, late);
            published = Some(d);
            if date_style == DateStyle::None {
                date_style = DateStyle::WebLine;
            }
            faults.push(fault(
                "late_publication",
                "T01",
                "warning",
                format!("published {d}, deadline {deadline}: {late} days late"),
            ));
        }
        if date_style == DateStyle::None {
            published = None;
        }
        // S01: a section of 一, 五, 六 left out (warning severity).
        if rng.chance(FAULT_RATE) {
            let n = *rng.pick(&[1u8, 5, 6]);
            missing_section = Some(n);
            let mut f = fault(
                "missing_section",
                "S01",
                "warning",
                format!("section {n} left out"),
            );
            f.section = Some(n);
            faults.push(f);
        }
        // S05 and S06 take rows whose cells are all zero, so no arithmetic depends on them.
        let zero_rows: Vec<usize> = results
            .iter()
            .copied()
            .filter(|&i| t3[i].iter().all(|v| *v == 0))
            .collect();
        if rng.chance(FAULT_RATE) && !zero_rows.is_empty() {
            let r = *rng.pick(&zero_rows);
            missing_row = Some(r);
            excluded.push(r);
            let mut f = fault(
                "missing_t3_row",
                "S05",
                "error",
                format!("table 3 row {} ({}) left out", rows[r].key, rows[r].label),
            );
            f.table = Some("t3".into());
            f.row = Some(rows[r].key.into());
            faults.push(f);
        }
        if layout == Layout::Cells && rng.chance(LOST_CELLS_RATE) {
            let candidates: Vec<usize> = zero_rows
                .iter()
                .copied()
                .filter(|r| !excluded.contains(r))
                .collect();
            if !candidates.is_empty() {
                let r = *rng.pick(&candidates);
                let n = rng.range(1, 2) as usize;
                let mut drop: Vec<usize> = Vec::new();
                while drop.len() < n {
                    let c = rng.below(7);
                    if !drop.contains(&c) {
                        drop.push(c);
                    }
                }
                drop.sort_unstable();
                excluded.push(r);
                let mut f = fault(
                    "lost_cells",
                    "S06",
                    "warning",
                    format!("table 3 row {}: {} of 7 cells present", rows[r].key, 7 - n),
                );
                f.table = Some("t3".into());
                f.row = Some(rows[r].key.into());
                faults.push(f);
                lost_cells = Some((r, drop));
            }
        }
        let free: Vec<usize> = results
            .iter()
            .copied()
            .filter(|r| !excluded.contains(r))
            .collect();
        // A01: a result row's 总计 is off.
        if rng.chance(FAULT_RATE) {
            let r = *rng.pick(&free);
            let d = rng.range(1, 3);
            let was = t3[r][6];
            t3[r][6] += d;
            let mut f = fault(
                "wrong_row_total",
                "A01",
                "error",
                format!(
                    "table 3 row {} 总计 {} written as {}",
                    rows[r].key,
                    was,
                    was + d
                ),
            );
            f.table = Some("t3".into());
            f.row = Some(rows[r].key.into());
            f.column = Some("total".into());
            f.also = vec!["A02".into()];
            faults.push(f);
        }
        // A02: a result row gains applications that （七）总计 does not count. Not with a
        // missing row or lost cells: A02 is then not assessable (FORMAT.md §8).
        if rng.chance(FAULT_RATE) && excluded.is_empty() {
            let r = *rng.pick(&free);
            let c = if rng.chance(0.7) { 0 } else { rng.below(6) };
            let d = rng.range(1, 3);
            t3[r][c] += d;
            t3[r][6] += d;
            let mut f = fault(
                "wrong_processed_total",
                "A02",
                "error",
                format!(
                    "（七）总计 {} misses {} counted in row {}",
                    T3_COLUMN_KEYS[c], d, rows[r].key
                ),
            );
            f.table = Some("t3".into());
            f.row = Some("processed_total".into());
            f.column = Some(T3_COLUMN_KEYS[c].into());
            faults.push(f);
        }
        // C03: this year's 二、上年结转 differs from last year's 四、结转下年度.
        if had_previous && rng.chance(FAULT_RATE) {
            let c = 0;
            let d = rng.range(1, 4);
            let r = if free.contains(&row_idx("granted")) {
                row_idx("granted")
            } else {
                free[0]
            };
            let (ic, it) = (row_idx("carried_over"), row_idx("processed_total"));
            let was = t3[ic][6];
            for i in [ic, r, it] {
                t3[i][c] += d;
                t3[i][6] += d;
            }
            let mut f = fault(
                "broken_carry_over",
                "C03",
                "error",
                format!(
                    "二、上年结转 总计 {} but last year's 四、结转下年度 总计 {}",
                    was + d,
                    was
                ),
            );
            f.table = Some("t3".into());
            f.row = Some("carried_over".into());
            f.column = Some("total".into());
            faults.push(f);
        }
        // A04: a table 4 group's 总计 is off.
        let true_review = t4[4];
        let true_suits = t4[9] + t4[14];
        if rng.chance(FAULT_RATE) {
            let g = rng.below(3);
            let d = rng.range(1, 2);
            t4[g * 5 + 4] += d;
            let group = ["review", "suit_direct", "suit_after_review"][g];
            let mut f = fault(
                "wrong_t4_total",
                "A04",
                "error",
                format!(
                    "table 4 {group}.total {} written as {}",
                    t4[g * 5 + 4] - d,
                    t4[g * 5 + 4]
                ),
            );
            f.table = Some("t4".into());
            f.column = Some(format!("{group}.total"));
            f.also = vec!["C02".into()];
            faults.push(f);
        }
        let new_total = t3[row_idx("new")][6];
        let mut stated_applications = new_total;
        // C01: the text states another number of applications than table 3 row 一.
        if missing_section != Some(1) && rng.chance(MINOR_FAULT_RATE) {
            stated_applications = if new_total > 0 && rng.chance(0.3) {
                0
            } else {
                new_total + rng.range(1, 5)
            };
            faults.push(fault(
                "text_contradicts_t3",
                "C01",
                "warning",
                format!("text states {stated_applications} applications, table 3 row 一 总计 {new_total}"),
            ));
        }
        // T03: a statistics period that is not the whole year.
        if rng.chance(MINOR_FAULT_RATE) {
            let end = Date {
                year,
                month: 12,
                day: rng.range(20, 30) as u32,
            };
            period = Some((
                Date {
                    year,
                    month: 1,
                    day: 1,
                },
                end,
            ));
            faults.push(fault(
                "partial_period",
                "T03",
                "info",
                format!("statistics period ends {end}"),
            ));
        }
        // X01: a 2021-template report silent on 信息处理费.
        if version == TemplateVersion::V2021
            && missing_section != Some(6)
            && rng.chance(MINOR_FAULT_RATE)
        {
            omit_fee_sentence = true;
            let mut f = fault(
                "no_fee_statement",
                "X01",
                "warning",
                "section 六 says nothing about 信息处理费".to_string(),
            );
            f.section = Some(6);
            faults.push(f);
        }

        let gbk =
            layout != Layout::Html && rng.chance(0.3) || layout == Layout::Html && rng.chance(0.4);
        let file = format!(
            "g{agency_id:05}-{year}-{}.{}",
            layout.name(),
            layout.extension()
        );
        out.push(Spec {
            file,
            agency: agency.clone(),
            year,
            version,
            layout,
            gbk,
            published,
            deadline,
            date_style,
            period,
            t2,
            t3,
            t4,
            stated_applications,
            stated_review: true_review,
            stated_suits: true_suits,
            missing_section,
            missing_row,
            lost_cells,
            omit_fee_sentence,
            faults,
            style,
        });
    }
    out
}
