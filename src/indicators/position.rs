//! A report's position among its peers: the loaded reports of the same agency level
//! (county-or-above government, department, 乡镇街道) and the same report year, counting
//! only rated values.
//!
//! `rank` is 1 for the highest value (ties share the best rank: 1, 2, 2, 4); `quantile` is
//! the share of the other peers with a lower value, ties counted half
//! (`(below + (equal − 1) / 2) / (peers − 1)`), 0 for the lowest and 1 for the highest;
//! `None` when the report has no peer.

use super::{IndicatorId, ReportIndicators};
use crate::validate::timing::AgencyLevel;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Position {
    pub rank: usize,
    /// How many rated values the peer group has (the report included).
    pub of: usize,
    pub quantile: Option<f64>,
}

/// The position of `v` among `values` (which include it), sorted ascending: two binary
/// searches (counting every value for every report was quadratic in a peer group, which
/// holds thousands of reports in a province's folder).
pub fn position_in(v: f64, values: &[f64]) -> Position {
    let below = values.partition_point(|x| *x < v);
    let above = values.len() - values.partition_point(|x| *x <= v);
    let equal = values.len() - above - below;
    let n = values.len();
    let quantile =
        (n > 1).then(|| (below as f64 + (equal.saturating_sub(1)) as f64 / 2.0) / (n - 1) as f64);
    Position {
        rank: above + 1,
        of: n,
        quantile,
    }
}

type Group = (AgencyLevel, i32, IndicatorId);

/// Assign every rated value its position within its peer group. Reports without a known
/// level or year have no peer group and get no position.
pub fn assign(all: &mut [ReportIndicators]) {
    let mut groups: HashMap<Group, Vec<f64>> = HashMap::new();
    for ri in all.iter() {
        let (Some(level), Some(year)) = (ri.level, ri.year) else {
            continue;
        };
        for i in ri.items.iter().filter(|i| i.rated) {
            if let Some(v) = i.value {
                groups.entry((level, year, i.id)).or_default().push(v);
            }
        }
    }
    // Rated values are finite (a rate needs a denominator at or above the minimum).
    groups.values_mut().for_each(|v| v.sort_by(f64::total_cmp));
    for ri in all.iter_mut() {
        let (Some(level), Some(year)) = (ri.level, ri.year) else {
            continue;
        };
        for i in ri.items.iter_mut() {
            i.position = match (i.rated, i.value, groups.get(&(level, year, i.id))) {
                (true, Some(v), Some(values)) => Some(position_in(v, values)),
                _ => None,
            };
        }
    }
}

/// The rated values of one indicator in one peer group, sorted ascending (for the
/// overview's distributions).
pub fn distribution(
    all: &[ReportIndicators],
    id: IndicatorId,
    level: AgencyLevel,
    year: i32,
) -> Vec<f64> {
    let mut v: Vec<f64> = all
        .iter()
        .filter(|ri| ri.level == Some(level) && ri.year == Some(year))
        .filter_map(|ri| ri.get(id).filter(|i| i.rated).and_then(|i| i.value))
        .collect();
    v.sort_by(f64::total_cmp);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_and_quantiles_with_ties() {
        let v = [0.1, 0.5, 0.5, 0.9];
        let p = position_in(0.9, &v);
        assert_eq!((p.rank, p.of, p.quantile), (1, 4, Some(1.0)));
        let p = position_in(0.5, &v);
        assert_eq!(p.rank, 2);
        // One below, one equal other than itself: (1 + 0.5) / 3.
        assert_eq!(p.quantile, Some(0.5));
        let p = position_in(0.1, &v);
        assert_eq!((p.rank, p.quantile), (4, Some(0.0)));
        let p = position_in(3.0, &[3.0]);
        assert_eq!((p.rank, p.of, p.quantile), (1, 1, None));
    }

    #[test]
    fn binary_searches_count_as_the_definition_does() {
        // Many ties and a spread of values, sorted as `assign` sorts them.
        let mut v: Vec<f64> = (0..500u32)
            .map(|i| f64::from(i * 7919 % 61) / 8.0)
            .collect();
        v.sort_by(f64::total_cmp);
        for &x in &v {
            let p = position_in(x, &v);
            let above = v.iter().filter(|y| **y > x).count();
            let below = v.iter().filter(|y| **y < x).count();
            assert_eq!(p.rank, above + 1);
            let equal = v.len() - above - below;
            let q = (below as f64 + (equal - 1) as f64 / 2.0) / (v.len() - 1) as f64;
            assert_eq!(p.quantile, Some(q));
        }
    }
}
