//! The numbers of one report: tables 2, 3 and 4, drawn so that every template identity
//! holds (row totals, （七）总计, 一+二 = （七）+四, table 4 group totals), with the carry-over
//! from the previous year.

use super::names::AgencyKind;
use super::rng::Rng;
use crate::template::{RowRole, TemplateVersion};

/// Table 3 as numbers: one `[natural, commercial, research, social, legal, other, total]`
/// per template row, in template order.
pub type T3 = Vec<[i64; 7]>;

/// Table 4: the 15 numbers in template order.
pub type T4 = [i64; 15];

/// Table 2 as cell texts, one `Vec` per template row (values carry signs and units as
/// written).
pub type T2 = Vec<Vec<String>>;

fn scale(kind: AgencyKind) -> i64 {
    match kind {
        AgencyKind::CountyGovernment => 4,
        AgencyKind::Department => 2,
        _ => 1,
    }
}

fn signed(v: i64) -> String {
    if v > 0 {
        format!("+{v}")
    } else {
        v.to_string()
    }
}

fn count_text(v: i64, rng: &mut Rng) -> String {
    if v >= 1000 && rng.chance(0.3) {
        format!("{},{:03}", v / 1000, v % 1000)
    } else {
        v.to_string()
    }
}

/// Small counts, mostly zero.
fn small(rng: &mut Rng, p_zero: f64, max: i64) -> i64 {
    if rng.chance(p_zero) {
        0
    } else {
        rng.range(1, max)
    }
}

/// What table 2 carries into the next year's report (rule C05): the template it was
/// written on and, by row key, the number next year's chained cell holds (2021 template:
/// 现行有效件数; 2019: 上一年项目数量).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stock {
    pub version: Option<TemplateVersion>,
    pub rows: Vec<(&'static str, i64)>,
}

impl Stock {
    fn get(&self, version: TemplateVersion, row: &str) -> Option<i64> {
        if self.version != Some(version) {
            return None;
        }
        self.rows.iter().find(|(k, _)| *k == row).map(|(_, v)| *v)
    }
}

/// Table 2 of one year; with last year's [`Stock`], the chained cells follow from it.
pub fn table2(
    version: TemplateVersion,
    kind: AgencyKind,
    prev: Option<&Stock>,
    rng: &mut Rng,
) -> (T2, Stock) {
    let mut stock = Stock {
        version: Some(version),
        rows: Vec::new(),
    };
    let carried = |row: &str| prev.and_then(|p| p.get(version, row));
    let s = scale(kind);
    let docs = |rng: &mut Rng, p_zero: f64| {
        let made = small(rng, p_zero, 3 * s);
        let stock = small(rng, 0.4, 20 * s);
        vec![
            made.to_string(),
            made.to_string(),
            (made + stock).to_string(),
        ]
    };
    match version {
        TemplateVersion::V2019 => {
            let mut items = |rng: &mut Rng, row: &'static str, p_zero: f64| {
                let prev = carried(row).unwrap_or_else(|| small(rng, p_zero, 60 * s));
                let change = if prev > 0 && rng.chance(0.5) {
                    rng.range(-prev.min(5), 20)
                } else {
                    0
                };
                stock.rows.push((row, prev + change));
                let decisions = small(rng, p_zero, 400 * s);
                vec![
                    count_text(prev, rng),
                    signed(change),
                    count_text(decisions, rng),
                ]
            };
            let regs = vec!["0".to_string(); 3];
            let normative = docs(rng, 0.5);
            let licensing = items(rng, "licensing", 0.5);
            let other = items(rng, "other_services", 0.6);
            let punishment = items(rng, "punishment", 0.6);
            let coercion = items(rng, "coercion", 0.8);
            let fee_prev = carried("fees").unwrap_or_else(|| small(rng, 0.7, 10));
            let fee_change = if fee_prev > 0 {
                rng.range(-fee_prev.min(2), 3)
            } else {
                0
            };
            stock.rows.push(("fees", fee_prev + fee_change));
            let fees = vec![fee_prev.to_string(), signed(fee_change)];
            let projects = small(rng, 0.6, 40 * s);
            let amount = if projects == 0 {
                "0".to_string()
            } else {
                match rng.below(3) {
                    0 => format!("{}.{} 万元", rng.range(1, 900), rng.range(1, 9)),
                    1 => format!("{}万元", rng.range(10, 60000)),
                    _ => format!("{}", rng.range(10, 9000)),
                }
            };
            let t2 = vec![
                regs,
                normative,
                licensing,
                other,
                punishment,
                coercion,
                fees,
                vec![projects.to_string(), amount],
            ];
            (t2, stock)
        }
        TemplateVersion::V2021 => {
            let decisions = |rng: &mut Rng, p: f64| vec![count_text(small(rng, p, 500 * s), rng)];
            let regs = vec!["0".to_string(); 3];
            stock.rows.push(("regulations", 0));
            let normative = {
                let issued = small(rng, 0.5, 3 * s);
                let (repealed, in_force) = match carried("normative_documents") {
                    Some(before) => {
                        let repealed = small(rng, 0.8, 2).min(before + issued);
                        (repealed, before + issued - repealed)
                    }
                    None => (small(rng, 0.8, 2), issued + small(rng, 0.4, 20 * s)),
                };
                stock.rows.push(("normative_documents", in_force));
                vec![
                    issued.to_string(),
                    repealed.to_string(),
                    in_force.to_string(),
                ]
            };
            let fee = if rng.chance(0.8) {
                "0".to_string()
            } else {
                format!("{}.{}", rng.range(0, 300), rng.range(0, 99))
            };
            let t2 = vec![
                regs,
                normative,
                decisions(rng, 0.5),
                decisions(rng, 0.6),
                decisions(rng, 0.8),
                vec![fee],
            ];
            (t2, stock)
        }
    }
}

/// Table 3 for a year, given last year's 四、结转下年度 per applicant column (or `None` for
/// the first year of an agency).
pub fn table3(
    version: TemplateVersion,
    kind: AgencyKind,
    carried: Option<[i64; 6]>,
    rng: &mut Rng,
) -> T3 {
    let rows = version.template().t3.rows;
    let s = scale(kind);
    let mut t3: T3 = vec![[0; 7]; rows.len()];
    let idx = |key: &str| rows.iter().position(|r| r.key == key).unwrap_or(0);
    let (i_new, i_carried, i_total, i_forward) = (
        idx("new"),
        idx("carried_over"),
        idx("processed_total"),
        idx("carried_forward"),
    );
    // Most agencies receive nothing; some receive a few; county governments more.
    let active = rng.chance(if kind == AgencyKind::CountyGovernment {
        0.8
    } else {
        0.4
    });
    let carried = carried.unwrap_or_else(|| {
        let mut c = [0; 6];
        if rng.chance(0.15) {
            c[0] = rng.range(1, 2);
        }
        c
    });
    let p_zero = [0.3, 0.75, 0.95, 0.93, 0.95, 0.85];
    let max = [12 * s, 3 * s, 1, 2, 1, 2];
    let results: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.role == RowRole::Result)
        .map(|(i, _)| i)
        .collect();
    // Weights of the result rows, in template order: granted and partial dominate.
    let weights: Vec<u32> = results
        .iter()
        .map(|&i| match rows[i].key {
            "granted" => 50,
            "partial" => 10,
            "unable_no_info" => 14,
            "refused_complaint" | "refused_repeat" => 4,
            "other" | "other_misc" | "other_uncorrected" => 4,
            _ => 1,
        })
        .collect();
    for c in 0..6 {
        let new = if active {
            small(rng, p_zero[c], max[c])
        } else {
            0
        };
        let avail = new + carried[c];
        let forward = if avail > 0 && rng.chance(0.2) {
            rng.range(0, avail.min(3))
        } else {
            0
        };
        t3[i_new][c] = new;
        t3[i_carried][c] = carried[c];
        t3[i_forward][c] = forward;
        let processed = avail - forward;
        t3[i_total][c] = processed;
        for _ in 0..processed {
            let r = results[rng.weighted(&weights)];
            t3[r][c] += 1;
        }
    }
    for row in t3.iter_mut() {
        row[6] = row[..6].iter().sum();
    }
    t3
}

/// Table 4: mostly zeros; county governments sometimes have cases.
pub fn table4(kind: AgencyKind, rng: &mut Rng) -> T4 {
    let mut t4 = [0; 15];
    let p = match kind {
        AgencyKind::CountyGovernment => 0.35,
        AgencyKind::Department => 0.15,
        _ => 0.04,
    };
    for g in 0..3 {
        if rng.chance(p) {
            for i in 0..4 {
                t4[g * 5 + i] = small(rng, 0.55, 3);
            }
        }
        t4[g * 5 + 4] = t4[g * 5..g * 5 + 4].iter().sum();
    }
    t4
}

/// Per-column 四、结转下年度 of a table 3, to carry into next year.
pub fn carried_forward(version: TemplateVersion, t3: &T3) -> [i64; 6] {
    let i = version
        .template()
        .t3
        .row_index("carried_forward")
        .unwrap_or(t3.len() - 1);
    let mut out = [0; 6];
    out.copy_from_slice(&t3[i][..6]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The identities every clean table 3 and 4 must satisfy.
    pub(crate) fn check_identities(version: TemplateVersion, t3: &T3, t4: &T4) {
        let rows = version.template().t3.rows;
        for r in t3 {
            assert_eq!(r[6], r[..6].iter().sum::<i64>(), "row total");
        }
        let at = |k: &str| &t3[version.template().t3.row_index(k).unwrap()];
        for c in 0..7 {
            let sum: i64 = rows
                .iter()
                .zip(t3)
                .filter(|(d, _)| d.role == RowRole::Result)
                .map(|(_, r)| r[c])
                .sum();
            assert_eq!(sum, at("processed_total")[c], "（七）总计");
            assert_eq!(
                at("new")[c] + at("carried_over")[c],
                at("processed_total")[c] + at("carried_forward")[c]
            );
        }
        for g in 0..3 {
            assert_eq!(t4[g * 5 + 4], t4[g * 5..g * 5 + 4].iter().sum::<i64>());
        }
    }

    #[test]
    fn tables_add_up_and_carry_over() {
        let mut rng = Rng::new(3);
        for kind in [AgencyKind::CountyGovernment, AgencyKind::Township] {
            let mut carried = None;
            let mut stock: Option<Stock> = None;
            for year in 2019..=2023 {
                let v = TemplateVersion::for_year(year);
                let t3 = table3(v, kind, carried, &mut rng);
                let t4 = table4(kind, &mut rng);
                check_identities(v, &t3, &t4);
                if let Some(c) = carried {
                    let i = v.template().t3.row_index("carried_over").unwrap();
                    assert_eq!(&t3[i][..6], &c);
                }
                carried = Some(carried_forward(v, &t3));
                let (t2, next) = table2(v, kind, stock.as_ref(), &mut rng);
                // The chained cells follow last year's stock (C05).
                if let Some(prev) = stock.as_ref().filter(|p| p.version == Some(v)) {
                    for (key, value) in &prev.rows {
                        let i = v.template().t2.row_index(key).unwrap();
                        let col = if v == TemplateVersion::V2021 { 2 } else { 0 };
                        let cur: i64 = t2[i][col].replace(',', "").parse().unwrap();
                        let expected = if v == TemplateVersion::V2021 {
                            let n = |c: usize| t2[i][c].parse::<i64>().unwrap();
                            value + n(0) - n(1)
                        } else {
                            *value
                        };
                        assert_eq!(cur, expected, "{year} {key}");
                    }
                }
                stock = Some(next);
                for (row, def) in t2.iter().zip(v.template().t2.rows) {
                    assert_eq!(row.len(), def.columns.len());
                }
            }
        }
    }
}
