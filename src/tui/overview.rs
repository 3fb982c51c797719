//! The overview screen (`O`, and the first screen when the folder holds more than one
//! agency): counts by year and template, review progress, findings per rule, publications
//! by days late and the distribution of each indicator, with the outliers of its risk rule.
//!
//! [`stats`] counts (no terminal); this module holds the screen's state and its geometry
//! as plain data ([`Overview::columns`], [`plan`]); [`draw`] only draws; the app's
//! routing is `app/overview.rs`.

pub mod draw;
pub mod stats;

use ratatui::layout::{Constraint, Layout, Rect};
pub use stats::Summary;

/// The parts of the overview, in reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Counts,
    Rules,
    Late,
    Indicators,
}

/// What a selectable line stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// A bar of the findings chart (index into [`Summary::rules`]).
    Rule(usize),
    /// A bucket of the lateness histogram (index into [`Summary::late`]).
    Late(usize),
    /// An indicator's distribution (index into [`Summary::distributions`]).
    Indicator(usize),
}

/// Lines an indicator's distribution takes: its name, the histogram, the marker.
pub const INDICATOR_LINES: u8 = 3;

/// One line of a column, before it is drawn at a width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Heading(Section),
    /// The n-th line of the counts ([`draw::count_lines`]).
    Count(usize),
    /// A section with nothing to show.
    Empty(Section),
    /// Line n of an item.
    Item(Item, u8),
    Gap,
}

/// The list of reports past an indicator's risk threshold (Enter on an indicator).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outliers {
    /// Index into [`Summary::distributions`].
    pub dist: usize,
    pub selected: usize,
    pub offset: usize,
}

/// The open overview.
#[derive(Debug, Clone)]
pub struct Overview {
    pub summary: Summary,
    /// Index into [`Overview::items`].
    pub selected: usize,
    /// First line shown of each column.
    pub scroll: [usize; 2],
    pub outliers: Option<Outliers>,
    /// Lines a page moves (the first column's height, or the outlier list's), from the
    /// last [`Overview::fit`].
    pub page: usize,
    /// When [`Overview::summary`] was counted.
    pub counted: std::time::Instant,
}

/// Where the overview draws: one column (stacked) or two side by side, and the hint line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverviewPlan {
    /// The bordered blocks, one per column.
    pub blocks: Vec<Rect>,
    pub hint: Rect,
}

impl OverviewPlan {
    pub fn wide(&self) -> bool {
        self.blocks.len() > 1
    }

    /// Lines of column `c` inside its borders.
    pub fn height(&self, c: usize) -> usize {
        self.blocks
            .get(c)
            .map_or(1, |r| usize::from(r.height.saturating_sub(2)).max(1))
    }
}

/// The geometry of the overview in `area` (the screen less the status bar): two columns
/// from 120 columns and 20 lines, else one.
pub fn plan(area: Rect) -> OverviewPlan {
    let [body, hint] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    let blocks = if body.width >= 120 && body.height >= 20 {
        let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(body);
        vec![l, r]
    } else {
        vec![body]
    };
    OverviewPlan { blocks, hint }
}

fn section_rows(s: &Summary, section: Section, out: &mut Vec<Row>) {
    if !out.is_empty() {
        out.push(Row::Gap);
    }
    out.push(Row::Heading(section));
    match section {
        Section::Counts => {
            out.extend((0..draw::count_lines(s).len()).map(Row::Count));
        }
        Section::Rules if s.rules.is_empty() => out.push(Row::Empty(section)),
        Section::Rules => out.extend((0..s.rules.len()).map(|i| Row::Item(Item::Rule(i), 0))),
        Section::Late => out.extend((0..s.late.len()).map(|i| Row::Item(Item::Late(i), 0))),
        Section::Indicators => {
            for i in 0..s.distributions.len() {
                out.extend((0..INDICATOR_LINES).map(|k| Row::Item(Item::Indicator(i), k)));
            }
        }
    }
}

impl Item {
    pub fn section(self) -> Section {
        match self {
            Item::Rule(_) => Section::Rules,
            Item::Late(_) => Section::Late,
            Item::Indicator(_) => Section::Indicators,
        }
    }
}

impl Overview {
    pub fn new(summary: Summary) -> Overview {
        Overview {
            summary,
            selected: 0,
            scroll: [0, 0],
            outliers: None,
            page: 1,
            counted: std::time::Instant::now(),
        }
    }

    /// The lines of each column: stacked in one, or counts and rules beside lateness
    /// and indicators.
    pub fn columns(&self, wide: bool) -> Vec<Vec<Row>> {
        let s = &self.summary;
        let groups: &[&[Section]] = if wide {
            &[
                &[Section::Counts, Section::Rules],
                &[Section::Late, Section::Indicators],
            ]
        } else {
            &[&[
                Section::Counts,
                Section::Rules,
                Section::Late,
                Section::Indicators,
            ]]
        };
        groups
            .iter()
            .map(|sections| {
                let mut rows = Vec::new();
                for &sec in *sections {
                    section_rows(s, sec, &mut rows);
                }
                rows
            })
            .collect()
    }

    /// Every selectable item in reading order (the same in both layouts).
    pub fn items(&self) -> Vec<Item> {
        self.columns(false)
            .into_iter()
            .flatten()
            .filter_map(|r| match r {
                Row::Item(it, 0) => Some(it),
                _ => None,
            })
            .collect()
    }

    /// How many reports the open outlier list has (0 when none is open).
    pub fn outliers_len(&self) -> usize {
        self.outliers
            .and_then(|o| self.summary.distributions.get(o.dist))
            .map_or(0, |d| d.outliers.len())
    }

    pub fn selected_item(&self) -> Option<Item> {
        self.items().get(self.selected).copied()
    }

    /// Select `item` if it is there.
    pub fn select(&mut self, item: Item) {
        if let Some(p) = self.items().iter().position(|i| *i == item) {
            self.selected = p;
        }
    }

    /// Where item `it` is: its column and its first and last line there.
    pub fn locate(&self, it: Item, wide: bool) -> Option<(usize, usize, usize)> {
        for (c, rows) in self.columns(wide).iter().enumerate() {
            let mut lines = rows
                .iter()
                .enumerate()
                .filter(|(_, r)| matches!(r, Row::Item(x, _) if *x == it))
                .map(|(i, _)| i);
            if let Some(first) = lines.next() {
                let last = lines.next_back().unwrap_or(first);
                return Some((c, first, last));
            }
        }
        None
    }

    /// Move the selection `delta` items (clamped).
    pub fn move_by(&mut self, delta: isize) {
        let n = self.items().len();
        if n == 0 {
            self.selected = 0;
            return;
        }
        self.selected = (self.selected as isize + delta).clamp(0, n as isize - 1) as usize;
    }

    /// Move a page of `lines` lines: to the item that many lines further (stacked
    /// reading order), or the last (first) one.
    pub fn page(&mut self, lines: usize, forward: bool) {
        let rows = self.columns(false).concat();
        let items = self.items();
        let line_of = |it: Item| {
            rows.iter()
                .position(|r| matches!(r, Row::Item(x, _) if *x == it))
        };
        let Some(here) = items.get(self.selected).and_then(|i| line_of(*i)) else {
            return;
        };
        let lines = lines.max(1);
        let target = if forward {
            items
                .iter()
                .position(|i| line_of(*i).is_some_and(|l| l >= here + lines))
                .unwrap_or(items.len().saturating_sub(1))
        } else {
            items
                .iter()
                .rposition(|i| line_of(*i).is_some_and(|l| l + lines <= here))
                .unwrap_or(0)
        };
        self.selected = target;
    }

    /// The first item of the next (previous) section, wrapping.
    pub fn step_section(&mut self, forward: bool) {
        let items = self.items();
        let Some(here) = items.get(self.selected).map(|i| i.section()) else {
            return;
        };
        let starts: Vec<usize> = (0..items.len())
            .filter(|&i| i == 0 || items[i].section() != items[i - 1].section())
            .collect();
        let cur = starts
            .iter()
            .rposition(|&s| items[s].section() == here)
            .unwrap_or(0);
        let n = starts.len();
        let next = if forward {
            (cur + 1) % n
        } else {
            (cur + n - 1) % n
        };
        self.selected = starts[next];
    }

    /// Fit each column's scroll to `plan`: the selected item wholly in view, and the top
    /// of its column shown while its first item is selected.
    pub fn fit(&mut self, plan: &OverviewPlan) {
        let wide = plan.wide();
        let columns = self.columns(wide);
        self.page = if self.outliers.is_some() {
            outlier_rows(plan)
        } else {
            plan.height(0)
        };
        self.selected = self.selected.min(self.items().len().saturating_sub(1));
        for (c, rows) in columns.iter().enumerate() {
            let h = plan.height(c);
            self.scroll[c] = self.scroll[c].min(rows.len().saturating_sub(h));
        }
        if let Some(it) = self.selected_item()
            && let Some((c, first, last)) = self.locate(it, wide)
        {
            let h = plan.height(c);
            let first_in_column = columns[c]
                .iter()
                .find_map(|r| match r {
                    Row::Item(x, _) => Some(*x),
                    _ => None,
                })
                .is_some_and(|x| x == it);
            let s = &mut self.scroll[c];
            if first_in_column && last < h {
                *s = 0;
            } else if last >= *s + h {
                *s = (last + 1).saturating_sub(h).min(first);
            } else if first < *s {
                *s = first;
            }
        }
        let n = self.outliers_len();
        if let Some(o) = self.outliers.as_mut() {
            o.selected = o.selected.min(n.saturating_sub(1));
            let h = outlier_rows(plan);
            o.offset = crate::tui::view::scroll_to(o.selected, o.offset, h);
        }
    }
}

/// Lines of the outlier list (inside the borders, less its heading).
pub fn outlier_rows(plan: &OverviewPlan) -> usize {
    let h: u16 = plan.blocks.iter().map(|b| b.height).max().unwrap_or(0);
    usize::from(h.saturating_sub(3)).max(1)
}

#[cfg(test)]
mod tests;
