//! What the overview shows, counted from the corpus (no drawing, no terminal): reports by
//! year and template, review progress, findings per rule (the risk rules R01–R04
//! included), publications by days late, and the distribution of each indicator with the
//! reports past its risk threshold.

use crate::corpus::Corpus;
use crate::indicators::{self, IndicatorConfig, IndicatorId, ReportIndicators, risk};
use crate::model::{ReportIx, ReportKind, RuleId, Severity};
use crate::review::ReportStatus;
use crate::template::TemplateVersion;
use crate::tree::ReviewMark;
use std::collections::BTreeMap;

/// Reports of one year, by template and kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearRow {
    /// `None`: the year was not found.
    pub year: Option<i32>,
    pub reports: usize,
    pub v2019: usize,
    pub v2021: usize,
    /// Template reports whose template version was not decided.
    pub unknown: usize,
    /// Not template reports (before 2019, or not an annual report).
    pub not_template: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReviewCounts {
    pub reviewed: usize,
    pub in_progress: usize,
    pub total: usize,
    pub undecided: usize,
}

/// One bar of the findings chart: a rule and the reports it was raised on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleBar {
    pub rule: RuleId,
    /// The highest severity among its findings.
    pub severity: Severity,
    pub findings: usize,
    /// Report indices, ascending, each once.
    pub reports: Vec<ReportIx>,
    /// A risk rule (R01–R04), computed here from the indicators (off in `check`).
    pub risk: bool,
}

/// One bucket of publications by days late.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LateBucket {
    pub label: &'static str,
    pub reports: Vec<ReportIx>,
}

/// The late buckets: on time, then days late, then not computable.
pub const LATE_BUCKETS: [&str; 6] = [
    "按期",
    "逾期1–7天",
    "逾期8–30天",
    "逾期31–90天",
    "逾期>90天",
    "逾期无法计算",
];

fn late_bucket(days: Option<f64>) -> usize {
    match days {
        None => 5,
        Some(d) if d <= 0.0 => 0,
        Some(d) if d <= 7.0 => 1,
        Some(d) if d <= 30.0 => 2,
        Some(d) if d <= 90.0 => 3,
        Some(_) => 4,
    }
}

/// The indicators whose distribution the overview draws.
pub const SHOWN: [IndicatorId; 5] = [
    IndicatorId::Disclosure,
    IndicatorId::Denial,
    IndicatorId::Unable,
    IndicatorId::Correction,
    IndicatorId::Applications,
];

/// Upper bounds of the application-count buckets (the last is open).
const APPLICATION_EDGES: [f64; 7] = [0.0, 9.0, 29.0, 99.0, 299.0, 999.0, 2999.0];

/// Buckets of an indicator's distribution: ten of 10 points for the rates, counts on a
/// roughly logarithmic scale for the applications.
pub fn bucket_count(id: IndicatorId) -> usize {
    if id.is_rate() {
        10
    } else {
        APPLICATION_EDGES.len() + 1
    }
}

/// The bucket of `v`: rates by tenths (100% and above in the last), counts by
/// [`APPLICATION_EDGES`].
pub fn bucket_of(id: IndicatorId, v: f64) -> usize {
    if id.is_rate() {
        ((v.max(0.0) * 10.0).floor() as usize).min(9)
    } else {
        APPLICATION_EDGES
            .iter()
            .position(|e| v <= *e)
            .unwrap_or(APPLICATION_EDGES.len())
    }
}

/// The labels at both ends of a distribution's axis.
pub fn axis(id: IndicatorId) -> (&'static str, &'static str) {
    if id.is_rate() {
        ("0%", "100%")
    } else {
        ("0", "≥3000")
    }
}

/// One indicator across the loaded reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Distribution {
    pub id: IndicatorId,
    /// Rated values per bucket.
    pub buckets: Vec<usize>,
    /// Reports with a rated value.
    pub rated: usize,
    /// Reports with a value that is not rated (its denominator under the minimum).
    pub unrated: usize,
    /// The risk rule on this indicator, its threshold and whether below is the risk.
    pub rule: Option<(RuleId, f64, bool)>,
    /// Reports past the threshold (the reports the risk rule is raised on), the most
    /// extreme first.
    pub outliers: Vec<ReportIx>,
}

/// Everything the overview shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub loaded: usize,
    pub failed: usize,
    pub skipped: usize,
    pub agencies: usize,
    /// Report, pre-2019, not a report.
    pub kinds: [usize; 3],
    pub years: Vec<YearRow>,
    /// `None` without a review file.
    pub review: Option<ReviewCounts>,
    /// Most findings first.
    pub rules: Vec<RuleBar>,
    pub late: Vec<LateBucket>,
    pub distributions: Vec<Distribution>,
    /// Per report, its indicators with positions among peers.
    pub indicators: Vec<ReportIndicators>,
}

impl Summary {
    /// Count `corpus`; `review` is the review progress (`None` without a review file) and
    /// `marks` the tree's review marks per report.
    pub fn build(
        corpus: &Corpus,
        marks: &[ReviewMark],
        review: Option<(usize, usize, usize)>,
        cfg: &IndicatorConfig,
    ) -> Summary {
        let reports = &corpus.reports;
        let indicators = indicators::for_reports(reports, cfg);
        let risks: Vec<Vec<crate::model::Finding>> = indicators
            .iter()
            .map(|ri| risk::findings(ri, cfg))
            .collect();
        let mut kinds = [0usize; 3];
        let mut years: BTreeMap<Option<i32>, YearRow> = BTreeMap::new();
        let mut agencies = std::collections::HashSet::new();
        for (i, r) in corpus.ixs().zip(reports) {
            agencies.insert(corpus.agency(i));
            let year = r.year.as_ref().map(|y| y.value);
            let row = years.entry(year).or_insert_with(|| YearRow {
                year,
                ..YearRow::default()
            });
            row.reports += 1;
            match r.kind() {
                ReportKind::Report => {
                    kinds[0] += 1;
                    match r.template {
                        Some(TemplateVersion::V2019) => row.v2019 += 1,
                        Some(TemplateVersion::V2021) => row.v2021 += 1,
                        None => row.unknown += 1,
                    }
                }
                ReportKind::Pre2019 => {
                    kinds[1] += 1;
                    row.not_template += 1;
                }
                ReportKind::NotAReport => {
                    kinds[2] += 1;
                    row.not_template += 1;
                }
            }
        }
        let review = review.map(|(reviewed, total, undecided)| ReviewCounts {
            reviewed,
            in_progress: marks
                .iter()
                .filter(|m| m.status == Some(ReportStatus::InProgress))
                .count(),
            total,
            undecided,
        });

        // Findings per rule, with the risk findings the indicators raise.
        let mut rules: BTreeMap<RuleId, RuleBar> = BTreeMap::new();
        for (i, r) in corpus.ixs().zip(reports) {
            for f in r
                .findings
                .iter()
                .chain(risks.get(i.get()).into_iter().flatten())
            {
                let bar = rules.entry(f.rule).or_insert_with(|| RuleBar {
                    rule: f.rule,
                    severity: f.severity,
                    findings: 0,
                    reports: Vec::new(),
                    risk: crate::validate::info(f.rule).is_risk(),
                });
                bar.findings += 1;
                bar.severity = bar.severity.max(f.severity);
                if bar.reports.last() != Some(&i) {
                    bar.reports.push(i);
                }
            }
        }
        let mut rules: Vec<RuleBar> = rules.into_values().collect();
        rules.sort_by(|a, b| b.findings.cmp(&a.findings).then(a.rule.cmp(&b.rule)));

        let mut late: Vec<LateBucket> = LATE_BUCKETS
            .iter()
            .map(|label| LateBucket {
                label,
                reports: Vec::new(),
            })
            .collect();
        // Deadlines are the template reports' (a notice is never late, a pre-2019 report
        // had another deadline).
        for (i, ri) in corpus.ixs().zip(&indicators) {
            if reports[i].kind() != ReportKind::Report {
                continue;
            }
            late[late_bucket(ri.value(IndicatorId::DaysLate))]
                .reports
                .push(i);
        }

        let distributions = SHOWN
            .iter()
            .map(|&id| distribution(reports, &indicators, &risks, id, cfg))
            .collect();
        Summary {
            loaded: reports.len(),
            failed: corpus.errors.len(),
            skipped: corpus.skipped.len(),
            agencies: agencies.len(),
            kinds,
            years: years.into_values().collect(),
            review,
            rules,
            late,
            distributions,
            indicators,
        }
    }

    /// The bar of `rule`, if it was raised.
    pub fn rule(&self, rule: &str) -> Option<&RuleBar> {
        self.rules.iter().find(|b| b.rule == rule)
    }
}

/// `risks`: the risk findings of each report. Outliers of equal value are in path order
/// (report indices follow the order files finished loading).
fn distribution(
    reports: &[crate::model::Report],
    all: &[ReportIndicators],
    risks: &[Vec<crate::model::Finding>],
    id: IndicatorId,
    cfg: &IndicatorConfig,
) -> Distribution {
    let mut buckets = vec![0; bucket_count(id)];
    let (mut rated, mut unrated) = (0, 0);
    for ind in all.iter().filter_map(|ri| ri.get(id)) {
        match (ind.value, ind.rated) {
            (Some(v), true) => {
                buckets[bucket_of(id, v)] += 1;
                rated += 1;
            }
            (Some(_), false) => unrated += 1,
            (None, _) => {}
        }
    }
    let rule = risk::RISK_RULES
        .iter()
        .find(|(_, i, _)| *i == id)
        .map(|&(rule, _, below)| (rule, risk::threshold(cfg, id), below));
    // The reports the risk rule is raised on: the rule itself decides (rated values
    // past the threshold), the most extreme first.
    let mut outliers: Vec<(usize, f64)> = match rule {
        Some((rule, _, _)) => all
            .iter()
            .enumerate()
            .filter(|(i, _)| {
                risks
                    .get(*i)
                    .is_some_and(|fs| fs.iter().any(|f| f.rule == rule))
            })
            .filter_map(|(i, ri)| Some((i, ri.value(id)?)))
            .collect(),
        None => Vec::new(),
    };
    let below = rule.is_some_and(|r| r.2);
    outliers.sort_by(|a, b| {
        let o = a.1.total_cmp(&b.1);
        let path = |i: usize| reports.get(i).map(|r| r.path.as_str());
        (if below { o } else { o.reverse() }).then_with(|| path(a.0).cmp(&path(b.0)))
    });
    Distribution {
        id,
        buckets,
        rated,
        unrated,
        rule,
        outliers: outliers
            .into_iter()
            .map(|(i, _)| ReportIx::new(i))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_of_rates_counts_and_lateness() {
        use IndicatorId::*;
        assert_eq!(bucket_of(Disclosure, 0.0), 0);
        assert_eq!(bucket_of(Disclosure, 0.099), 0);
        assert_eq!(bucket_of(Disclosure, 0.1), 1);
        assert_eq!(bucket_of(Disclosure, 1.0), 9);
        assert_eq!(bucket_of(Denial, 1.7), 9);
        assert_eq!(bucket_of(Applications, 0.0), 0);
        assert_eq!(bucket_of(Applications, 9.0), 1);
        assert_eq!(bucket_of(Applications, 30.0), 3);
        assert_eq!(bucket_of(Applications, 3000.0), 7);
        assert_eq!(bucket_count(Applications), 8);
        assert_eq!(late_bucket(None), 5);
        assert_eq!(late_bucket(Some(0.0)), 0);
        assert_eq!(late_bucket(Some(7.0)), 1);
        assert_eq!(late_bucket(Some(8.0)), 2);
        assert_eq!(late_bucket(Some(90.0)), 3);
        assert_eq!(late_bucket(Some(91.0)), 4);
    }
}
