//! Indicators on the seeds and on a generated folder whose numbers are known: every value,
//! its inputs' lines (each must point at the line that prints the cell), the peer groups and
//! the quantiles (against a sort-based oracle); `check --format json` and
//! `export --table indicators`.

mod common;
use common::nianbao;
use nianbao::generate::{self, AgencyKind, Expected, GeneratedFile};
use nianbao::indicators::{self, ALL_INDICATORS, IndicatorConfig, IndicatorId, ReportIndicators};
use nianbao::model::Report;
use nianbao::template::TemplateVersion;
use nianbao::validate::timing::AgencyLevel;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn seeds() -> Vec<Report> {
    nianbao::corpus::load_dir(&Path::new(ROOT).join("samples")).reports
}

fn by_name<'a>(
    reports: &'a [Report],
    all: &'a [ReportIndicators],
    name: &str,
) -> (&'a Report, &'a ReportIndicators) {
    let i = reports
        .iter()
        .position(|r| r.path.contains(name))
        .unwrap_or_else(|| panic!("seed {name}"));
    (&reports[i], &all[i])
}

/// Every input that came from a cell points at a source line that prints its text.
fn assert_provenance(r: &Report, ri: &ReportIndicators) {
    for i in &ri.items {
        for x in &i.inputs {
            if x.text.is_empty() {
                continue;
            }
            assert!(
                !x.lines.is_empty(),
                "{}: {} has no lines",
                r.path,
                x.reference
            );
            // Whitespace aside: names are read with the spaces of PDF text squashed.
            let shown: String = x
                .lines
                .iter()
                .map(|l| r.source.line(*l as usize))
                .collect::<String>()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let probe = if x.reference == "published" {
                // The date as written (2021年2月4日 or 2021-02-04): its year is there.
                x.text[..4].to_string()
            } else {
                x.text.chars().filter(|c| !c.is_whitespace()).collect()
            };
            assert!(
                shown.contains(&probe),
                "{}: {} = {:?} not on lines {:?}: {shown:?}",
                r.path,
                x.reference,
                x.text,
                x.lines
            );
        }
    }
}

#[test]
fn seeds_values_and_provenance() {
    let rs = seeds();
    let all = indicators::for_reports(&rs, &IndicatorConfig::default());
    for (r, ri) in rs.iter().zip(&all) {
        assert_provenance(r, ri);
    }
    use IndicatorId::*;
    // 000 漫路乡: every table 3 and 4 cell is 0 → no rate; 4 days late; a township.
    let (_, m) = by_name(&rs, &all, "manlu");
    assert_eq!(m.level, Some(AgencyLevel::TownshipStreet));
    for id in [Disclosure, Denial, Unable, Correction] {
        assert_eq!(m.value(id), None, "manlu {id:?}");
    }
    assert_eq!(m.value(Applications), Some(0.0));
    assert_eq!(m.value(DaysLate), Some(4.0));
    let d = m.get(Disclosure).unwrap();
    assert_eq!(d.denominator, Some(0.0));
    assert!(d.note.as_deref().unwrap_or("").contains("为 0"));
    // 001 驿马乡: no publication date; table 4 review blank, suits 0 → no correction rate.
    let (_, y) = by_name(&rs, &all, "yima");
    assert_eq!(y.value(DaysLate), None);
    assert_eq!(y.value(Correction), None);
    assert_eq!(y.get(Correction).unwrap().denominator, Some(0.0));
    // 002 建塘镇 2022: published 2023-01-29, deadline 2023-01-31.
    let (_, j) = by_name(&rs, &all, "jiantang");
    assert_eq!(j.value(DaysLate), Some(0.0));
    assert_eq!(j.value(Applications), Some(0.0));
    assert_eq!(j.year, Some(2022));
    // 003 循化县: one application (row 一 总计 1); （七）总计 blank → denominator 0.
    let (xr, x) = by_name(&rs, &all, "xunhua");
    assert_eq!(x.level, Some(AgencyLevel::CountyOrAbove));
    assert_eq!(x.value(Applications), Some(1.0));
    let a = x.get(Applications).unwrap();
    assert_eq!(a.inputs[0].reference, "t3.new.total");
    let cell = xr
        .tables
        .t3
        .as_ref()
        .and_then(|t| t.cell("new", 6))
        .unwrap();
    assert_eq!(a.inputs[0].lines, cell.span.unwrap().lines());
    assert_eq!(x.value(Disclosure), None);
    assert_eq!(x.value(DaysLate), None);
    // 004 商都路办事处: rows new/granted/partial lost cells → missing → null.
    let (_, s) = by_name(&rs, &all, "shangdulu");
    assert_eq!(s.level, Some(AgencyLevel::TownshipStreet));
    assert_eq!(s.value(Disclosure), None);
    assert_eq!(s.value(Applications), None);
    assert!(
        s.get(Disclosure)
            .unwrap()
            .note
            .as_deref()
            .unwrap_or("")
            .contains("缺失")
    );
    assert_eq!(s.value(DaysLate), Some(0.0));
    // 漫路乡 and 商都路 are the two 2020 townships with a date (驿马乡 has none).
    let p = m.get(DaysLate).unwrap().position.unwrap();
    assert_eq!(
        (p.rank, p.of, p.quantile),
        (1, 2, Some(1.0)),
        "manlu among 2020 townships"
    );
    let p = s.get(DaysLate).unwrap().position.unwrap();
    assert_eq!((p.rank, p.of, p.quantile), (2, 2, Some(0.0)));
}

fn level_of(kind: AgencyKind) -> AgencyLevel {
    match kind {
        AgencyKind::CountyGovernment => AgencyLevel::CountyOrAbove,
        AgencyKind::Department => AgencyLevel::Department,
        AgencyKind::Township | AgencyKind::StreetOffice => AgencyLevel::TownshipStreet,
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The expected indicator from what the generator wrote; `Err(())` when a cell used was
/// lost in extraction (the parser may then mark more of the row missing).
fn expected_value(e: &Expected, id: IndicatorId) -> Result<Option<f64>, ()> {
    let t3 = |key: &str| -> Result<Option<f64>, ()> {
        match e.t3.iter().find(|(k, _)| *k == key) {
            None => Ok(None),
            Some((_, cells)) if cells.iter().any(Option::is_none) => Err(()),
            Some((_, cells)) => Ok(cells[6].map(|v| v as f64)),
        }
    };
    let sum = |keys: &[&str]| -> Result<Option<f64>, ()> {
        let mut s = 0.0;
        for k in keys {
            match t3(k)? {
                Some(v) => s += v,
                None => return Ok(None),
            }
        }
        Ok(Some(s))
    };
    let rate = |num: Option<f64>, den: Option<f64>| match (num, den) {
        (Some(n), Some(d)) if d > 0.0 => Some(n / d),
        _ => None,
    };
    let denied: Vec<&str> =
        e.t3.iter()
            .map(|(k, _)| *k)
            .filter(|k| k.starts_with("denied_"))
            .collect();
    let correction = |groups: &[&str]| {
        let (mut n, mut d) = (0.0, 0.0);
        let t4 = &TemplateVersion::V2021.template().t4.rows[0];
        for g in t4.groups().iter().filter(|g| groups.contains(&g.key)) {
            let at = |name: &str| e.t4[g.index(name).expect("table 4 column")];
            n += at("corrected") as f64;
            d += (e.t4[g.total.expect("group total")] - at("pending")) as f64;
        }
        rate(Some(n), Some(d))
    };
    let den = t3("processed_total")?;
    Ok(match id {
        IndicatorId::Disclosure => rate(sum(&["granted", "partial"])?, den),
        IndicatorId::Denial => {
            // All eight 不予公开 rows must be there.
            if denied.len() < 8 {
                None
            } else {
                rate(sum(&denied)?, den)
            }
        }
        IndicatorId::Unable => rate(
            sum(&["unable_no_info", "unable_needs_creation", "unable_unclear"])?,
            den,
        ),
        IndicatorId::Correction => correction(&["review", "suit_direct", "suit_after_review"]),
        IndicatorId::CorrectionReview => correction(&["review"]),
        IndicatorId::CorrectionSuitDirect => correction(&["suit_direct"]),
        IndicatorId::CorrectionSuitAfterReview => correction(&["suit_after_review"]),
        IndicatorId::Applications => t3("new")?,
        IndicatorId::DaysLate => unreachable!("computed from the manifest"),
    })
}

fn days(s: &str) -> i64 {
    let p: Vec<i64> = s.split('-').filter_map(|x| x.parse().ok()).collect();
    let d = nianbao::model::Date::new(p[0] as i32, p[1] as u32, p[2] as u32).unwrap();
    d.days_since_epoch()
}

#[test]
fn generated_folder_values_provenance_and_quantiles() {
    let files: Vec<GeneratedFile> = generate::generate_files(120, 7);
    let expected: HashMap<String, Expected> = files
        .iter()
        .map(|f| (f.entry.file.clone(), f.expected.clone()))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let manifest = generate::write_files(dir.path(), files, 7).unwrap();
    let corpus = nianbao::corpus::load_dir(dir.path());
    // Rate even small denominators so that the peer groups are large enough to test.
    let cfg = IndicatorConfig {
        min_applications: 1.0,
        min_cases: 1.0,
        ..IndicatorConfig::default()
    };
    let all = indicators::for_reports(&corpus.reports, &cfg);
    let entry: HashMap<&str, _> = manifest
        .reports
        .iter()
        .map(|e| (e.file.as_str(), e))
        .collect();
    let (mut compared, mut problems) = (0usize, Vec::new());
    let mut others = 0;
    for (r, ri) in corpus.reports.iter().zip(&all) {
        assert_provenance(r, ri);
        let name = file_name(&r.path);
        let (e, exp) = (entry[name], &expected[name]);
        if e.kind != nianbao::model::ReportKind::Report {
            // A pre-2019 report or a page that is not a report has no indicator.
            assert!(ri.items.iter().all(|i| i.value.is_none()), "{name}");
            others += 1;
            continue;
        }
        assert_eq!(ri.level, Some(level_of(e.agency_kind)), "{name}: level");
        for id in ALL_INDICATORS {
            let want = if id == IndicatorId::DaysLate {
                match &e.published {
                    Some(p) => Ok(Some((days(p) - days(&e.deadline)).max(0) as f64)),
                    None => Ok(None),
                }
            } else {
                expected_value(exp, id)
            };
            let Ok(want) = want else { continue };
            compared += 1;
            let got = ri.value(id);
            let same = match (got, want) {
                (Some(a), Some(b)) => (a - b).abs() < 1e-12,
                (None, None) => true,
                // A layout that may lose cells (one-line scrapes) leaves a cell missing
                // rather than guess it: the indicator is then not computable, never wrong.
                (None, Some(_)) => id != IndicatorId::DaysLate && t3_has_missing(r),
                _ => false,
            };
            if !same {
                problems.push(format!("{name} {}: {got:?}, expected {want:?}", id.key()));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} wrong:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(compared > 120 * 8, "only {compared} values compared");
    assert!(
        others > 0,
        "no pre-2019 report or other page among 120 files"
    );

    // Quantiles and ranks against an oracle: sort each peer group and read positions.
    let mut groups: HashMap<(AgencyLevel, i32, IndicatorId), Vec<f64>> = HashMap::new();
    for ri in &all {
        for i in ri.items.iter().filter(|i| i.rated) {
            if let (Some(l), Some(y), Some(v)) = (ri.level, ri.year, i.value) {
                groups.entry((l, y, i.id)).or_default().push(v);
            }
        }
    }
    let mut checked = 0;
    for ri in &all {
        for i in &ri.items {
            let (Some(l), Some(y)) = (ri.level, ri.year) else {
                continue;
            };
            let Some(v) = i.value.filter(|_| i.rated) else {
                assert!(i.position.is_none());
                continue;
            };
            let mut g = groups[&(l, y, i.id)].clone();
            g.sort_by(f64::total_cmp);
            let lo = g.iter().position(|x| *x == v).unwrap();
            let hi = g.iter().rposition(|x| *x == v).unwrap();
            let n = g.len();
            let p = i.position.expect("a rated value has a position");
            assert_eq!(p.of, n);
            assert_eq!(p.rank, n - hi, "rank of {v} in {g:?}");
            let q = (n > 1).then(|| (lo + hi) as f64 / 2.0 / (n - 1) as f64);
            assert_eq!(p.quantile, q, "quantile of {v} in {g:?}");
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} positions checked");
    assert!(
        groups.values().filter(|g| g.len() >= 5).count() >= 5,
        "peer groups too small to test"
    );
}

fn json(args: &[&str]) -> Value {
    let o = nianbao(args);
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

#[test]
fn check_json_has_indicators_per_report() {
    let doc = json(&["check", "samples", "--format", "json", "--fail-on", "never"]);
    let reports = doc["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 5);
    for r in reports {
        let ind = &r["indicators"];
        for k in [
            "disclosure_rate",
            "denial_rate",
            "unable_rate",
            "correction_rate",
            "applications",
            "days_late",
        ] {
            assert!(ind.get(k).is_some(), "{} lacks {k}", r["path"]);
        }
        assert!(r["indicator_details"]["items"]["disclosure_rate"]["inputs"].is_array());
        // R rules are off by default.
        let rules: Vec<&str> = r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f["rule"].as_str())
            .collect();
        assert!(!rules.iter().any(|r| r.starts_with('R')), "{rules:?}");
    }
    let manlu = reports
        .iter()
        .find(|r| r["path"].as_str().unwrap().contains("manlu"))
        .unwrap();
    assert_eq!(manlu["indicators"]["days_late"], 4);
    assert_eq!(manlu["indicators"]["disclosure_rate"], Value::Null);
    assert_eq!(manlu["indicator_details"]["level"], "township");
    let d = &manlu["indicator_details"]["items"]["days_late"];
    assert_eq!(
        (d["rank"].as_u64(), d["peers"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(d["quantile"], 1);
    assert_eq!(d["inputs"][0]["cell"], "published");
}

#[test]
fn export_indicators_csv_and_risk_rules_on_request() {
    let o = nianbao(&["export", "samples", "--table", "indicators"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("path,agency,year,level,indicator,label,value")
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 5 * ALL_INDICATORS.len());
    let manlu_late = rows
        .iter()
        .find(|l| l.contains("manlu") && l.contains(",days_late,"))
        .unwrap();
    assert!(manlu_late.contains(",逾期天数,4,"), "{manlu_late}");
    let na = rows
        .iter()
        .find(|l| l.contains("shangdulu") && l.contains(",disclosure_rate,"))
        .unwrap();
    assert!(na.contains(",NA,"), "{na}");

    // R rules are off unless asked for: on the seeds no rate is computable, so even
    // `--rule R01` finds nothing.
    let doc = json(&["check", "samples", "--format", "json", "--rule", "R01"]);
    assert_eq!(doc["summary"]["findings"]["info"], 0);
}

#[test]
fn risk_findings_follow_the_configured_thresholds() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    generate::generate(&reports, 80, 3).unwrap();
    let config = dir.path().join("nianbao.toml");
    std::fs::write(
        &config,
        "[indicators]\nmin_applications = 1\ndisclosure_rate_below = 0.5\n",
    )
    .unwrap();
    let run = |extra: &[&str]| -> Value {
        let o = Command::new(BIN)
            .args([
                "check",
                "--format",
                "json",
                "--fail-on",
                "never",
                "--config",
            ])
            .arg(&config)
            .arg(&reports)
            .args(extra)
            .output()
            .unwrap();
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let r01 = |doc: &Value| -> Vec<String> {
        doc["reports"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| {
                r["findings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|f| f["rule"] == "R01")
            })
            .map(|r| r["path"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(r01(&run(&[])).is_empty(), "R01 is off by default");
    let doc = run(&["--risk"]);
    let mut want: Vec<String> = doc["reports"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            let d = &r["indicator_details"]["items"]["disclosure_rate"];
            d["rated"] == true && d["value"].as_f64().is_some_and(|v| v < 0.5)
        })
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect();
    want.sort();
    let mut got = r01(&doc);
    got.sort();
    assert!(
        !want.is_empty(),
        "no report under the threshold: test needs another seed"
    );
    assert_eq!(got, want);
    // The message states the numbers.
    let f = doc["reports"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["findings"].as_array().unwrap())
        .find(|f| f["rule"] == "R01")
        .unwrap();
    assert_eq!(f["severity"], "info");
    assert!(
        f["message"].as_str().unwrap().contains("低于风险阈值 50%"),
        "{f}"
    );
    assert_eq!(r01(&run(&["--rule", "R01"])), got);
}

/// Whether table 3 of `r` has a cell the parser could not place.
fn t3_has_missing(r: &nianbao::model::Report) -> bool {
    r.tables.t3.as_ref().is_some_and(|t| {
        t.rows.iter().any(|row| {
            row.cells
                .iter()
                .any(|c| c.state == nianbao::model::CellState::Missing)
        })
    })
}
