//! A builder of hand-made reports for the validation tests: a complete, valid report
//! (all six sections, tables 2-4 with every template row, every cell 0) that a test then
//! breaks in one place. The source text is generated one cell per line, so every cell and
//! section has real line numbers.
#![allow(dead_code)]

use nianbao::model::{
    Cell, CellState, Date, Finding, Located, Period, Report, Row, Section, Severity, SourceFormat,
    SourceText, Span, Table, Tables,
};
use nianbao::template::{SECTIONS, TableId, TemplateVersion};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub enum Spec {
    N(f64),
    Blank,
    Missing,
    Invalid(&'static str),
}
pub use Spec::{Blank, Invalid, Missing, N};

#[derive(Debug, Clone)]
pub struct Fixture {
    pub path: String,
    pub version: Option<TemplateVersion>,
    /// The version whose rows and columns the tables are written with.
    pub layout: TemplateVersion,
    pub year: Option<i32>,
    pub agency: Option<String>,
    pub published: Option<Date>,
    pub period: Option<(Date, Date)>,
    pub preamble: String,
    pub titles: [Option<String>; 6],
    pub texts: [String; 6],
    pub tables: [bool; 3],
    pub removed_rows: Vec<(TableId, &'static str)>,
    pub cells: HashMap<(TableId, &'static str, &'static str), Spec>,
    pub unplaced: HashMap<(TableId, &'static str), Vec<String>>,
}

/// (year, month, day).
pub type Ymd = (i32, u32, u32);
type CellOut = (Spec, Option<(usize, usize)>, String);
type RowOut = (&'static str, String, (usize, usize), Vec<CellOut>);
type TableOut = (TableId, (usize, usize), Vec<RowOut>);

fn date(y: i32, m: u32, d: u32) -> Date {
    Date::new(y, m, d).expect("valid test date")
}

fn idx(t: TableId) -> usize {
    match t {
        TableId::T2 => 0,
        TableId::T3 => 1,
        TableId::T4 => 2,
    }
}

impl Fixture {
    /// A valid report of `year` on the template that year prescribes.
    pub fn new(year: i32) -> Fixture {
        let v = TemplateVersion::for_year(year);
        let mut texts: [String; 6] = Default::default();
        texts[0] = "本年度政务公开工作稳步推进。".to_string();
        texts[4] = "主要问题是公开内容不够全面。上年度发现的问题已全部整改到位。".to_string();
        texts[5] = "本年度未收取信息处理费。".to_string();
        Fixture {
            path: format!("fixtures/{year}.txt"),
            version: Some(v),
            layout: v,
            year: Some(year),
            agency: Some("某某县人民政府".to_string()),
            published: Some(date(year + 1, 1, 20)),
            period: Some((date(year, 1, 1), date(year, 12, 31))),
            preamble: String::new(),
            titles: SECTIONS.map(|s| Some(s.title.to_string())),
            texts,
            tables: [true; 3],
            removed_rows: Vec::new(),
            cells: HashMap::new(),
            unplaced: HashMap::new(),
        }
    }

    pub fn path(mut self, p: &str) -> Self {
        self.path = p.to_string();
        self
    }
    pub fn agency(mut self, a: Option<&str>) -> Self {
        self.agency = a.map(str::to_string);
        self
    }
    pub fn year(mut self, y: Option<i32>) -> Self {
        self.year = y;
        self
    }
    pub fn template(mut self, v: Option<TemplateVersion>) -> Self {
        self.version = v;
        if let Some(v) = v {
            self.layout = v;
        }
        self
    }
    pub fn published(mut self, d: Option<(i32, u32, u32)>) -> Self {
        self.published = d.map(|(y, m, d)| date(y, m, d));
        self
    }
    pub fn period(mut self, p: Option<(Ymd, Ymd)>) -> Self {
        self.period = p.map(|(a, b)| (date(a.0, a.1, a.2), date(b.0, b.1, b.2)));
        self
    }
    pub fn preamble(mut self, s: &str) -> Self {
        self.preamble = s.to_string();
        self
    }
    pub fn title(mut self, n: usize, t: &str) -> Self {
        self.titles[n - 1] = Some(t.to_string());
        self
    }
    pub fn no_section(mut self, n: usize) -> Self {
        self.titles[n - 1] = None;
        if (2..=4).contains(&n) {
            self.tables[n - 2] = false;
        }
        self
    }
    pub fn text(mut self, n: usize, s: &str) -> Self {
        self.texts[n - 1] = s.to_string();
        self
    }
    pub fn no_table(mut self, t: TableId) -> Self {
        self.tables[idx(t)] = false;
        self
    }
    pub fn no_row(mut self, t: TableId, row: &'static str) -> Self {
        self.removed_rows.push((t, row));
        self
    }
    pub fn cell(mut self, t: TableId, row: &'static str, col: &'static str, s: Spec) -> Self {
        self.cells.insert((t, row, col), s);
        self
    }
    /// Table 3 cell.
    pub fn t3(self, row: &'static str, col: &'static str, s: Spec) -> Self {
        self.cell(TableId::T3, row, col, s)
    }
    /// Table 4 cell.
    pub fn t4(self, col: &'static str, s: Spec) -> Self {
        self.cell(TableId::T4, "all", col, s)
    }
    pub fn unplaced(mut self, t: TableId, row: &'static str, values: &[&str]) -> Self {
        self.unplaced
            .insert((t, row), values.iter().map(|s| s.to_string()).collect());
        self
    }

    /// Build the report (not validated).
    pub fn build(&self) -> Report {
        let mut text = String::new();
        let push = |text: &mut String, line: &str| -> (usize, usize) {
            let start = text.len();
            text.push_str(line);
            let end = text.len();
            text.push('\n');
            (start, end)
        };
        let agency = self.agency.clone().unwrap_or_default();
        let year = self.year.map(|y| y.to_string()).unwrap_or_default();
        let title_r = push(
            &mut text,
            &format!("{agency}{year}年政府信息公开工作年度报告"),
        );
        let pub_r = push(
            &mut text,
            &match self.published {
                Some(d) => format!("发布日期：{d}"),
                None => "来源：本站".to_string(),
            },
        );
        for line in self.preamble.lines() {
            push(&mut text, line);
        }
        // (section number, heading range, end byte, has content)
        let mut sections = Vec::new();
        // table id -> rows (key, label range, cells (spec, range))
        let mut tables: Vec<TableOut> = Vec::new();
        for n in 1..=6usize {
            let Some(title) = &self.titles[n - 1] else {
                continue;
            };
            let heading = push(&mut text, title);
            let mut end = heading.1;
            let mut content = false;
            for line in self.texts[n - 1].lines() {
                end = push(&mut text, line).1;
                content = true;
            }
            let table = match n {
                2 => Some(TableId::T2),
                3 => Some(TableId::T3),
                4 => Some(TableId::T4),
                _ => None,
            };
            if let Some(t) = table.filter(|t| self.tables[idx(*t)]) {
                let head = push(&mut text, t.title());
                let def = self.layout.template().table(t);
                let mut rows = Vec::new();
                for rd in def.rows {
                    if self.removed_rows.contains(&(t, rd.key)) {
                        continue;
                    }
                    let label = push(&mut text, rd.label);
                    let mut cells = Vec::new();
                    for c in rd.columns {
                        let spec = self
                            .cells
                            .get(&(t, rd.key, c.key))
                            .cloned()
                            .unwrap_or(N(0.0));
                        let written = match &spec {
                            N(v) => Some(format!("{v}")),
                            Blank => Some("-".to_string()),
                            Missing => None,
                            Invalid(s) => Some(s.to_string()),
                        };
                        let range = written.as_ref().map(|w| push(&mut text, w));
                        cells.push((spec, range, written.unwrap_or_default()));
                    }
                    rows.push((rd.key, rd.label.to_string(), label, cells));
                }
                end = text.len().saturating_sub(1);
                content = true;
                tables.push((t, head, rows));
            }
            sections.push((n as u8, heading, end, content));
        }
        let source = SourceText::new(text);
        let span = |r: (usize, usize)| source.span(r.0, r.1.max(r.0 + 1));
        let mut out_tables = Tables::default();
        for (t, head, rows) in tables {
            let mut table_span = span(head);
            let rows: Vec<Row> = rows
                .into_iter()
                .map(|(key, label, lr, cells)| {
                    let mut row_span = span(lr);
                    let cells = cells
                        .into_iter()
                        .map(|(spec, range, written)| {
                            let sp = range.map(span);
                            if let Some(s) = sp {
                                row_span = row_span.join(s);
                            }
                            let (state, value) = match spec {
                                N(v) => (CellState::Number, Some(v)),
                                Blank => (CellState::Blank, None),
                                Missing => (CellState::Missing, None),
                                Invalid(_) => (CellState::Invalid, None),
                            };
                            Cell {
                                state,
                                value,
                                text: written.into(),
                                unit: None,
                                span: sp,
                                basis: None,
                            }
                        })
                        .collect();
                    table_span = table_span.join(row_span);
                    Row {
                        key,
                        label,
                        cells,
                        span: row_span,
                        unplaced: self.unplaced.get(&(t, key)).cloned().unwrap_or_default(),
                    }
                })
                .collect();
            let table = Table {
                id: t,
                rows,
                span: table_span,
            };
            match t {
                TableId::T2 => out_tables.t2 = Some(table),
                TableId::T3 => out_tables.t3 = Some(table),
                TableId::T4 => out_tables.t4 = Some(table),
            }
        }
        let sections = sections
            .into_iter()
            .map(|(n, heading, end, content)| Section {
                number: n,
                title: self.titles[usize::from(n) - 1].clone().unwrap_or_default(),
                span: source.span(heading.0, end.max(heading.1)),
                heading: span(heading),
                has_content: content,
            })
            .collect();
        let title_span: Span = span(title_r);
        Report {
            path: self.path.clone(),
            encoding: "UTF-8".to_string(),
            format: SourceFormat::Text,
            content_hash: 0,
            title: Some(Located {
                value: source.line(1).to_string(),
                span: title_span,
            }),
            agency: self.agency.clone().map(|value| Located {
                value,
                span: title_span,
            }),
            year: self.year.map(|value| Located {
                value,
                span: title_span,
            }),
            published: self.published.map(|value| Located {
                value,
                span: span(pub_r),
            }),
            period: self.period.map(|(start, end)| Located {
                value: Period { start, end },
                span: title_span,
            }),
            template: self.version,
            sections,
            tables: std::sync::Arc::new(out_tables),
            findings: Vec::new(),
            narrative: Vec::new(),
            corrections: Vec::new(),
            source,
        }
    }

    /// Build and run the single-report rules.
    pub fn validated(&self) -> Report {
        let mut r = self.build();
        nianbao::validate::validate(&mut r);
        r
    }
}

/// The findings of one rule.
pub fn of<'a>(r: &'a Report, rule: &str) -> Vec<&'a Finding> {
    r.findings.iter().filter(|f| f.rule == rule).collect()
}

/// The single finding of a rule, with a readable failure.
pub fn one<'a>(r: &'a Report, rule: &str) -> &'a Finding {
    let fs = of(r, rule);
    assert_eq!(fs.len(), 1, "{rule}: {:#?}", r.findings);
    fs[0]
}

/// The severity of every finding of a rule.
pub fn severities(r: &Report, rule: &str) -> Vec<Severity> {
    of(r, rule).iter().map(|f| f.severity).collect()
}

/// Assert a report has no finding at all.
pub fn assert_clean(r: &Report) {
    assert!(r.findings.is_empty(), "{:#?}", r.findings);
}

/// The built binary run from the package root with the compiled-in default configuration
/// (so that a user's configuration file cannot change the results).
pub fn nianbao(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NIANBAO_CONFIG", "config/default.toml")
        .output()
        .expect("the binary runs")
}

/// Build and validate `fixtures`, then run the cross-report rules over them with `settings`.
pub fn corpus_with(fixtures: &[Fixture], settings: &nianbao::validate::Settings) -> Vec<Report> {
    let mut reports: Vec<Report> = fixtures.iter().map(Fixture::build).collect();
    reports.iter_mut().for_each(nianbao::validate::validate);
    nianbao::validate::validate_corpus_with(&mut reports, settings);
    reports
}

/// [`corpus_with`] the default settings.
pub fn corpus(fixtures: &[Fixture]) -> Vec<Report> {
    corpus_with(fixtures, &nianbao::validate::Settings::default())
}

/// Table 3 with `n` new applications from 自然人, all granted and processed.
pub fn all_granted(fx: Fixture, n: f64) -> Fixture {
    fx.t3("new", "natural", N(n))
        .t3("new", "total", N(n))
        .t3("granted", "natural", N(n))
        .t3("granted", "total", N(n))
        .t3("processed_total", "natural", N(n))
        .t3("processed_total", "total", N(n))
}
