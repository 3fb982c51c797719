//! The other documents of an agency's archive (FORMAT.md §11): annual reports from before
//! the 2019 template (2014–2018, under the 2008 regulations: free-form statistics in prose and
//! the old 统计表, no national tables) and pages that are not annual reports (政府信息公开指南,
//! a notice, a 政务公开工作要点). Mixed into an agency's files at a small rate; never given
//! faults.

mod pages;
mod pre2019;
mod render;

use super::names::Agency;
use super::rng::Rng;
use super::spec::add_days;
use super::{Layout, ManifestEntry};
use crate::model::{Date, ReportKind};

/// Per agency: the chance of a pre-2019 report among its files.
pub const PRE2019_RATE: f64 = 0.12;
/// Per agency: the chance of a page that is not an annual report among its files.
pub const NOT_REPORT_RATE: f64 = 0.12;

/// A piece of a document's body.
pub enum Piece {
    /// A numbered heading (`一、概述`).
    Heading(String),
    Para(String),
    /// A statistics table: a header row, then rows of cells (empty cells allowed).
    Table(Vec<Vec<String>>),
    /// The signature: the issuing body and the date as written.
    Signature(String, String),
}

/// One document, before it is written in a layout.
pub struct Doc {
    pub kind: ReportKind,
    /// What it is, for the file name (`pre2019`, `guide`, `notice`, `plan`).
    pub what: &'static str,
    pub year: i32,
    pub title: String,
    pub published: Option<Date>,
    /// The statutory deadline, for a pre-2019 report (March 31 of the next year).
    pub deadline: Option<Date>,
    pub body: Vec<Piece>,
}

/// The form a document of the archive is written in, after the agency's usual layout.
fn layout_for(home: Layout) -> Layout {
    match home {
        Layout::Html => Layout::Html,
        Layout::Tabs => Layout::Tabs,
        Layout::Bars | Layout::Markdown | Layout::FlatT4 => Layout::Bars,
        Layout::Cells | Layout::OneLine | Layout::ReadingOrder => Layout::Cells,
    }
}

/// The agency's other documents, drawn once per agency: at most one pre-2019 report (a year
/// before `first`) and one page that is not a report (a year of `first..=last`).
pub fn draw(agency: &Agency, first: i32, last: i32, rng: &mut Rng) -> Vec<Doc> {
    let mut out = Vec::new();
    if rng.chance(PRE2019_RATE) {
        let year = 2014 + rng.below(5) as i32;
        out.push(pre2019::report(agency, year, rng));
    }
    if rng.chance(NOT_REPORT_RATE) {
        let year = rng.range(i64::from(first), i64::from(last)) as i32;
        out.push(match rng.below(3) {
            0 => pages::guide(agency, year, rng),
            1 => pages::notice(agency, year, rng),
            _ => pages::plan(agency, year, rng),
        });
    }
    out
}

/// A date in `year`'s `month`, a working day's range from its start.
pub(crate) fn date_in(year: i32, month: u32, rng: &mut Rng) -> Date {
    add_days(
        Date {
            year,
            month,
            day: 1,
        },
        rng.range(2, 26),
    )
}

/// `2018年3月20日`.
pub(crate) fn cn_date(d: Date) -> String {
    format!("{}年{}月{}日", d.year, d.month, d.day)
}

/// Write `doc` of agency number `agency_id` in the form that suits the agency's usual
/// layout: its manifest entry (bytes filled in) and its bytes.
pub fn write(
    doc: &Doc,
    agency: &Agency,
    agency_id: usize,
    home: Layout,
    gbk: bool,
) -> (ManifestEntry, Vec<u8>) {
    let layout = layout_for(home);
    let ext = if layout == Layout::Html {
        "html"
    } else {
        "txt"
    };
    let file = format!("g{agency_id:05}-{}-{}.{ext}", doc.year, doc.what);
    let text = render::render(doc, agency, layout, gbk);
    let (bytes, encoding) = match gbk.then(|| super::gbk_bytes(&text)).flatten() {
        Some(b) => (b, "GBK"),
        // Not mappable to GBK: written as UTF-8 (an HTML page names its charset).
        None if gbk => (
            render::render(doc, agency, layout, false).into_bytes(),
            "UTF-8",
        ),
        None => (text.into_bytes(), "UTF-8"),
    };
    let entry = ManifestEntry {
        file,
        agency: agency.name.clone(),
        agency_kind: agency.kind,
        year: doc.year,
        template: String::new(),
        layout,
        encoding: encoding.to_string(),
        published: doc.published.map(|d| d.to_string()),
        deadline: doc.deadline.map(|d| d.to_string()).unwrap_or_default(),
        bytes: bytes.len(),
        faults: Vec::new(),
        kind: doc.kind,
    };
    (entry, bytes)
}
