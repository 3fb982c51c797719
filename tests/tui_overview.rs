//! The overview screen: snapshots at 80x24 and 120x40 on the samples and on a generated
//! folder, and the keys (O opens it, Enter on a bar filters the tree to exactly the reports
//! with that rule, Esc clears, Enter on an indicator lists the reports past its risk
//! threshold and Enter on one selects that report).

mod tui_support;

use nianbao::indicators::{self, IndicatorConfig, IndicatorId};
use nianbao::model::ReportIx;
use nianbao::tree::NodeId;
use nianbao::tui::keymap::Mode;
use nianbao::tui::overview::Item;
use nianbao::tui::{Action, App, Keymap};
use ratatui::style::Modifier;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;
use tui_support::*;

/// An app over `dir` that opens the overview first, as the inspector does, with `cfg`.
fn overview_app(dir: PathBuf, cfg: IndicatorConfig) -> App {
    let mut app = App::new(Some(dir), Keymap::default(), theme(false));
    app.overview_first = true;
    app.indicator_config = cfg;
    app.start_loading();
    assert!(
        app.pump_until_loaded(Duration::from_secs(120)),
        "not loaded"
    );
    app
}

/// Rates rated from one application or case on: the generated reports have small
/// numbers, under the default minimum of 30.
fn low_minimum() -> IndicatorConfig {
    IndicatorConfig {
        min_applications: 1.0,
        min_cases: 1.0,
        ..IndicatorConfig::default()
    }
}

/// A generated folder of 60 reports (seed 7), and the app over it.
fn generated() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("temp dir");
    nianbao::generate::generate(dir.path(), 60, 7).expect("generate");
    let app = overview_app(dir.path().to_path_buf(), low_minimum());
    (dir, app)
}

fn press(app: &mut App, c: char) {
    app.handle_key(&key(c));
}

fn enter(app: &mut App) {
    app.handle_key(&special(crossterm::event::KeyCode::Enter));
}

fn esc(app: &mut App) {
    app.handle_key(&special(crossterm::event::KeyCode::Esc));
}

/// Reports the tree lists (sorted).
fn tree_reports(app: &App) -> BTreeSet<ReportIx> {
    app.tree.report_order(&app.corpus).into_iter().collect()
}

#[test]
fn samples_overview_80x24() {
    let mut app = overview_app(samples(), IndicatorConfig::default());
    assert_eq!(
        app.mode,
        Mode::Overview,
        "more than one agency: overview first"
    );
    insta::assert_snapshot!(screen(&render(&mut app, 80, 24)));
}

#[test]
fn samples_overview_120x40() {
    let mut app = overview_app(samples(), IndicatorConfig::default());
    insta::assert_snapshot!(screen(&render(&mut app, 120, 40)));
}

#[test]
fn generated_overview_80x24_scrolled_to_the_indicators() {
    let (_dir, mut app) = generated();
    let top = screen(&render(&mut app, 80, 24));
    assert!(top.contains("已载入 60 份报告"), "{top}");
    // Tab twice: the indicators, scrolled into view.
    press_tab(&mut app, 2);
    insta::assert_snapshot!(screen(&render(&mut app, 80, 24)));
}

#[test]
fn generated_overview_120x40() {
    let (_dir, mut app) = generated();
    insta::assert_snapshot!(screen(&render(&mut app, 120, 40)));
}

fn press_tab(app: &mut App, n: usize) {
    for _ in 0..n {
        app.handle_key(&special(crossterm::event::KeyCode::Tab));
    }
}

#[test]
fn one_agency_opens_on_the_tree_and_o_opens_the_overview() {
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        samples().join("xunhua-2020-broken-extraction.txt"),
        tmp.path().join("xunhua.txt"),
    )
    .expect("copy");
    let mut app = overview_app(tmp.path().to_path_buf(), IndicatorConfig::default());
    assert_eq!(app.mode, Mode::Normal);
    press(&mut app, 'O');
    assert_eq!(app.mode, Mode::Overview);
    let text = screen(&render(&mut app, 80, 24));
    assert!(text.contains("已载入 1 份报告 · 1 个机关"), "{text}");
    // q and Esc leave the overview (they do not quit).
    press(&mut app, 'q');
    assert_eq!(app.mode, Mode::Normal);
    assert!(!app.quit);
    press(&mut app, 'O');
    esc(&mut app);
    assert_eq!(app.mode, Mode::Normal);
    // The harness's default: the tree first, even with several agencies.
    let app = samples_app();
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn the_help_lists_the_overview_key() {
    let km = Keymap::default();
    let normal = &km
        .listing()
        .iter()
        .find(|(m, _)| *m == Mode::Normal)
        .expect("normal")
        .1;
    let keys = normal
        .iter()
        .find(|(a, _)| *a == Action::Overview)
        .map(|(_, k)| k.iter().map(|k| k.to_string()).collect::<Vec<_>>());
    assert_eq!(keys, Some(vec!["O".to_string()]));
    let mut app = samples_app();
    press(&mut app, '?');
    let text = screen(&render(&mut app, 100, 200));
    assert!(text.contains("总览: 报告数、各规则发现"), "{text}");
    assert!(text.contains("总览 (Enter"), "{text}");
}

#[test]
fn enter_on_a_rule_bar_filters_the_tree_to_exactly_its_reports_and_esc_clears() {
    let mut app = overview_app(samples(), IndicatorConfig::default());
    let rules: Vec<&str> = app
        .overview
        .as_ref()
        .expect("overview")
        .summary
        .rules
        .iter()
        .map(|b| b.rule.as_str())
        .collect();
    // S05 (an error on one report) and S06 (two reports): go down to each bar, Enter.
    for rule in ["S05", "S06"] {
        let k = rules.iter().position(|r| *r == rule).expect("rule bar");
        if app.mode != Mode::Overview {
            press(&mut app, 'O');
        }
        assert_eq!(app.mode, Mode::Overview);
        press(&mut app, 'g');
        for _ in 0..k {
            press(&mut app, 'j');
        }
        let text = screen(&render(&mut app, 80, 24));
        assert!(
            text.contains(&format!(
                "▶ {} {rule}",
                if rule == "S05" { "E!" } else { "W*" }
            )),
            "{text}"
        );
        enter(&mut app);
        assert_eq!(app.mode, Mode::Normal);
        let expected: BTreeSet<ReportIx> = app
            .corpus
            .reports
            .iter()
            .enumerate()
            .filter(|(_, r)| r.findings.iter().any(|f| f.rule == rule))
            .map(|(i, _)| ReportIx::new(i))
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(tree_reports(&app), expected, "{rule}");
        // The tree says so, with the key that clears it, and lists the reports.
        let text = screen(&render(&mut app, 80, 24));
        assert!(text.contains(&format!("Esc清除·{rule}")), "{text}");
        // The first of them in the tree's order is selected and shown.
        let first = app.tree.report_order(&app.corpus)[0];
        assert_eq!(app.current, Some(first));
        assert_eq!(
            app.tree.selected_row().map(|r| r.id.clone()),
            Some(NodeId::Report(first))
        );
        esc(&mut app);
        assert!(app.tree.filter().is_none());
        assert_eq!(tree_reports(&app).len(), app.corpus.reports.len());
        let text = screen(&render(&mut app, 80, 24));
        assert!(!text.contains("清除·"), "{text}");
    }
}

/// The reports with a rated 实质公开率 under R01's threshold, computed without the overview.
fn r01_reports(app: &App, cfg: &IndicatorConfig) -> BTreeSet<ReportIx> {
    let all = indicators::for_reports(&app.corpus.reports, cfg);
    all.iter()
        .enumerate()
        .filter(|(_, ri)| {
            ri.get(IndicatorId::Disclosure)
                .is_some_and(|i| i.rated && i.value.is_some_and(|v| v < cfg.disclosure_rate_below))
        })
        .map(|(i, _)| ReportIx::new(i))
        .collect()
}

#[test]
fn the_risk_bar_r01_filters_to_the_reports_under_its_threshold() {
    let (_dir, mut app) = generated();
    let expected = r01_reports(&app, &low_minimum());
    assert!(!expected.is_empty(), "the generated folder has R01 reports");
    let ov = app.overview.as_mut().expect("overview");
    let k = ov
        .summary
        .rules
        .iter()
        .position(|b| b.rule == "R01")
        .expect("R01 is shown although check leaves it off");
    ov.select(Item::Rule(k));
    enter(&mut app);
    assert_eq!(tree_reports(&app), expected);
}

#[test]
fn enter_on_an_indicator_lists_its_outliers_and_enter_selects_one() {
    let (_dir, mut app) = generated();
    let expected = r01_reports(&app, &low_minimum());
    // Tab twice: 实质公开率, the first indicator.
    press_tab(&mut app, 2);
    assert_eq!(
        app.overview.as_ref().and_then(|o| o.selected_item()),
        Some(Item::Indicator(0))
    );
    enter(&mut app);
    let outliers = app
        .overview
        .as_ref()
        .expect("overview")
        .summary
        .distributions[0]
        .outliers
        .clone();
    assert_eq!(
        outliers.iter().copied().collect::<BTreeSet<_>>(),
        expected,
        "the outliers are the R01 reports"
    );
    let text = screen(&render(&mut app, 80, 24));
    insta::assert_snapshot!("generated_outliers_80x24", text);
    // Columns line up by display width whatever the agency names' lengths.
    let term = render(&mut app, 80, 24);
    let ratio_x: Vec<u16> = (0..outliers.len())
        .filter_map(|k| {
            let buf = term.backend().buffer();
            (0..80)
                .rev()
                .find(|&x| buf[(x, 2 + k as u16)].symbol() == "÷")
        })
        .collect();
    assert!(ratio_x.windows(2).all(|w| w[0] == w[1]), "{ratio_x:?}");
    press(&mut app, 'j');
    enter(&mut app);
    let want = outliers[1.min(outliers.len() - 1)];
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.current, Some(want));
    assert_eq!(
        app.tree.selected_row().map(|r| r.id.clone()),
        Some(NodeId::Report(want))
    );
    assert_eq!(app.cursor.table, nianbao::template::TableId::T3);
    // O comes back to the overview, Esc from the list to the overview.
    press(&mut app, 'O');
    assert_eq!(app.mode, Mode::Overview);
    assert!(app.overview.as_ref().is_some_and(|o| o.outliers.is_none()));
}

#[test]
fn stacked_at_80x24_it_scrolls_with_j_k_and_pages() {
    let (_dir, mut app) = generated();
    let top = screen(&render(&mut app, 80, 24));
    assert!(top.contains("[1–20/"), "{top}");
    assert!(!top.contains("本年新收申请数"), "{top}");
    app.handle_key(&special(crossterm::event::KeyCode::PageDown));
    app.handle_key(&special(crossterm::event::KeyCode::PageDown));
    app.handle_key(&special(crossterm::event::KeyCode::PageDown));
    press(&mut app, 'G');
    let bottom = screen(&render(&mut app, 80, 24));
    assert!(bottom.contains("▶ 本年新收申请数"), "{bottom}");
    assert!(!bottom.contains("[1–20/"), "{bottom}");
    app.handle_key(&special(crossterm::event::KeyCode::PageUp));
    press(&mut app, 'g');
    let back = screen(&render(&mut app, 80, 24));
    assert_eq!(back, top);
    // Side by side at 120x40, the same folder needs no scrolling on the left.
    let wide = screen(&render(&mut app, 120, 40));
    assert!(
        wide.contains("发布时间与指标") && wide.contains("── 报告"),
        "{wide}"
    );
}

#[test]
fn without_colour_the_selection_is_a_pointer_and_reverse_video() {
    let mut app = overview_app(samples(), IndicatorConfig::default());
    let term = render(&mut app, 80, 24);
    let (x, y) = find_on_screen(&term, "▶").expect("pointer");
    let buf = term.backend().buffer();
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    for yy in 0..24 {
        for xx in 0..80 {
            assert_eq!(buf[(xx, yy)].fg, ratatui::style::Color::Reset);
            assert_eq!(buf[(xx, yy)].bg, ratatui::style::Color::Reset);
        }
    }
}

#[test]
fn file_text_is_shown_inert() {
    // An agency name with an escape sequence and a bidi override.
    let tmp = tempfile::tempdir().expect("temp dir");
    for e in std::fs::read_dir(samples()).expect("samples") {
        let e = e.expect("entry");
        std::fs::copy(e.path(), tmp.path().join(e.file_name())).expect("copy");
    }
    let text =
        std::fs::read_to_string(samples().join("manlu-2020-one-cell-per-line.txt")).expect("read");
    let hostile = text.replacen("漫路乡", "漫路\u{1b}[2J\u{202e}乡", 1);
    std::fs::write(tmp.path().join("hostile.txt"), hostile).expect("write");
    let mut app = overview_app(tmp.path().to_path_buf(), IndicatorConfig::default());
    let i = app
        .corpus
        .reports
        .iter()
        .position(|r| r.path.ends_with("hostile.txt"))
        .map(nianbao::model::ReportIx::new)
        .expect("loaded");
    app.jump(&nianbao::tui::app::Target::Report(i));
    press(&mut app, 'O');
    let term = render(&mut app, 120, 40);
    let shown = screen(&term);
    assert!(shown.contains("漫路␛"), "{shown}");
    let buf = term.backend().buffer();
    for cell in buf.content() {
        assert!(
            !cell.symbol().chars().any(nianbao::sanitize::is_unsafe),
            "raw control on screen: {:?}",
            cell.symbol()
        );
    }
}

#[test]
fn enter_on_a_lateness_bucket_filters_the_tree_to_its_reports() {
    let mut app = overview_app(samples(), IndicatorConfig::default());
    let all = indicators::for_reports(&app.corpus.reports, &IndicatorConfig::default());
    let not_computable: BTreeSet<ReportIx> = (0..all.len())
        .filter(|&i| all[i].value(IndicatorId::DaysLate).is_none())
        .map(ReportIx::new)
        .collect();
    let late: BTreeSet<ReportIx> = (0..all.len())
        .filter(|&i| {
            all[i]
                .value(IndicatorId::DaysLate)
                .is_some_and(|d| d > 0.0 && d <= 7.0)
        })
        .map(ReportIx::new)
        .collect();
    assert_eq!((not_computable.len(), late.len()), (2, 1), "the samples");
    for (bucket, want) in [(5, not_computable), (1, late)] {
        if app.mode != Mode::Overview {
            press(&mut app, 'O');
        }
        app.overview
            .as_mut()
            .expect("overview")
            .select(Item::Late(bucket));
        enter(&mut app);
        assert_eq!(tree_reports(&app), want, "bucket {bucket}");
        esc(&mut app);
    }
}

/// Through the inspector's own start (`app_for`): the configuration's thresholds decide
/// the outliers, and the overview comes first unless `--no-overview`.
#[test]
fn thresholds_come_from_the_configuration() {
    let dir = tempfile::tempdir().expect("temp dir");
    let reports = dir.path().join("reports");
    nianbao::generate::generate(&reports, 60, 7).expect("generate");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[indicators]\nmin_applications = 1\nmin_cases = 1\ndisclosure_rate_below = 0.9\n",
    )
    .expect("config");
    let opts = nianbao::tui::Options {
        dir: Some(reports.clone()),
        config: Some(config.clone()),
        review: Some(dir.path().join("REVIEW.json")),
        ..Default::default()
    };
    let mut app = nianbao::tui::app_for(&opts).expect("app");
    app.start_loading();
    assert!(app.pump_until_loaded(Duration::from_secs(120)));
    assert_eq!(app.mode, Mode::Overview);
    let cfg = IndicatorConfig {
        disclosure_rate_below: 0.9,
        ..low_minimum()
    };
    let want = r01_reports(&app, &cfg);
    assert!(want.len() > r01_reports(&app, &low_minimum()).len());
    let ov = app.overview.as_ref().expect("overview");
    let got: BTreeSet<ReportIx> = ov.summary.distributions[0]
        .outliers
        .iter()
        .copied()
        .collect();
    assert_eq!(got, want);
    let text = screen(&render(&mut app, 120, 40));
    assert!(text.contains("R01 <90%"), "{text}");
    // The review file is open: its progress is counted.
    assert!(text.contains("审阅：已审 0/60 份"), "{text}");
    let mut app = nianbao::tui::app_for(&nianbao::tui::Options {
        no_overview: true,
        ..opts
    })
    .expect("app");
    app.start_loading();
    assert!(app.pump_until_loaded(Duration::from_secs(120)));
    assert_eq!(app.mode, Mode::Normal);
}
