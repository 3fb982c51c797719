//! The screen's geometry as a pure function of its size and the focus ([`Plan::build`],
//! television's `Layout::build`). The loop builds the plan, fits every scroll offset to it
//! ([`super::App::fit`]), then draws: nothing scrolls after a frame is drawn.

use super::app::{Pane, Viewport};
use ratatui::layout::{Constraint, Layout, Rect};

/// Where each pane goes; `None` when it does not fit or is toggled away.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Plan {
    /// The whole screen.
    pub area: Rect,
    pub tree: Option<Rect>,
    pub table: Option<Rect>,
    pub source: Option<Rect>,
    pub findings: Option<Rect>,
    pub detail: Option<Rect>,
    pub status: Rect,
    /// Table and source share one slot.
    pub narrow: bool,
}

/// A rectangle of `w`×`h` centred in `area` (clamped to it).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Inside a block's borders.
pub fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

/// The finder popup.
pub fn finder_rect(area: Rect) -> Rect {
    centered(
        area,
        area.width.saturating_sub(4).min(110),
        area.height.saturating_sub(2).min(24),
    )
}

/// The finder's parts: the input line, the result list (its first line is the count) and
/// the preview when there is room.
pub fn finder_parts(r: Rect) -> (Rect, Rect, Option<Rect>) {
    let inner = inner(r);
    let [input, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    if body.width >= 70 {
        let [l, p] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(body);
        (input, l, Some(p))
    } else {
        (input, body, None)
    }
}

/// The help popup.
pub fn help_rect(area: Rect) -> Rect {
    centered(
        area,
        area.width.saturating_sub(4).min(84),
        area.height.saturating_sub(2),
    )
}

impl Plan {
    /// Split the screen. Wide (≥ 120 columns): tree | table | source (35%, so table 3 shows its seven columns with room for labels). Medium (≥ 60): tree |
    /// table-or-source. Small: only the focused pane. Findings along the bottom when there
    /// are at least 16 lines. `center_source`: on a medium screen, the centre slot shows
    /// the source when neither table nor source has the focus.
    pub fn build(area: Rect, focus: Pane, center_source: bool) -> Plan {
        let mut a = Plan {
            area,
            ..Plan::default()
        };
        if area.height == 0 || area.width == 0 {
            return a;
        }
        let [main, status] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
        a.status = status;
        if main.height == 0 {
            return a;
        }
        let small = main.width < 60 || main.height < 10;
        if small {
            a.narrow = true;
            match focus {
                Pane::Tree => a.tree = Some(main),
                Pane::Table => a.table = Some(main),
                Pane::Source => a.source = Some(main),
                Pane::Findings => a.findings = Some(main),
            }
            return a;
        }
        let top = if main.height >= 16 {
            let fh = (main.height / 4).clamp(4, 10);
            let [t, f, d] = Layout::vertical([
                Constraint::Min(0),
                Constraint::Length(fh),
                Constraint::Length(1),
            ])
            .areas(main);
            a.findings = Some(f);
            a.detail = Some(d);
            t
        } else {
            main
        };
        if top.width >= 120 {
            let tree_w = (top.width / 5).clamp(24, 40);
            let [t, c, s] = Layout::horizontal([
                Constraint::Length(tree_w),
                Constraint::Min(0),
                Constraint::Percentage(35),
            ])
            .areas(top);
            a.tree = Some(t);
            a.table = Some(c);
            a.source = Some(s);
        } else {
            a.narrow = true;
            let tree_w = (top.width * 3 / 10).clamp(20, 32);
            let [t, c] =
                Layout::horizontal([Constraint::Length(tree_w), Constraint::Min(0)]).areas(top);
            a.tree = Some(t);
            let source = match focus {
                Pane::Source => true,
                Pane::Table => false,
                _ => center_source,
            };
            if source {
                a.source = Some(c);
            } else {
                a.table = Some(c);
            }
        }
        a
    }

    /// The plan with the focused pane zoomed over everything but the status bar (`+`/`z`,
    /// as in lazygit).
    pub fn zoomed(self, focus: Pane) -> Plan {
        let main = Rect {
            height: self.area.height.saturating_sub(1),
            ..self.area
        };
        if main.height == 0 {
            return self;
        }
        let mut z = Plan {
            area: self.area,
            status: self.status,
            narrow: true,
            ..Plan::default()
        };
        match focus {
            Pane::Tree => z.tree = Some(main),
            Pane::Table => z.table = Some(main),
            Pane::Source => z.source = Some(main),
            Pane::Findings => z.findings = Some(main),
        }
        z
    }

    /// Body lines of the year-over-year view (the screen but the status bar, inside its
    /// borders, less three heading lines and the hint line).
    pub fn compare_body(&self) -> usize {
        let (w, h) = (self.area.width, self.area.height.saturating_sub(1));
        if h < 5 || w < 20 {
            return 1;
        }
        usize::from(h.saturating_sub(2 + 3 + 1)).max(1)
    }

    /// The pane heights (and the table's inner width) this plan gives. `compare` is the
    /// year-over-year view's body height, which depends on its table.
    pub fn viewport(&self, compare: usize) -> Viewport {
        let h = |r: Option<Rect>| r.map_or(0, |r| inner(r).height as usize);
        let finder_list = finder_parts(finder_rect(self.area)).1;
        Viewport {
            tree: h(self.tree).max(1),
            // The table's first line is its frozen header.
            table: h(self.table).saturating_sub(1).max(1),
            table_width: self.table.map_or(0, |r| inner(r).width as usize),
            source: h(self.source).max(1),
            // Less the line-number gutter, which the pane sizes to its widest number
            // (up to seven digits and a space).
            source_text_width: self
                .source
                .map_or(0, |r| (inner(r).width as usize).saturating_sub(8)),
            findings: h(self.findings).max(1),
            help: inner(help_rect(self.area)).height.max(1) as usize,
            finder: finder_list.height.saturating_sub(1).max(1) as usize,
            compare,
            narrow: self.narrow,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(w: u16, h: u16) -> Rect {
        Rect::new(0, 0, w, h)
    }

    #[test]
    fn wide_medium_and_small_layouts() {
        let wide = Plan::build(rect(130, 50), Pane::Tree, false);
        assert!(wide.tree.is_some() && wide.table.is_some() && wide.source.is_some());
        assert!(wide.findings.is_some() && !wide.narrow);
        // Too short for the findings pane: the panes take the height.
        let short = Plan::build(rect(130, 16), Pane::Tree, false);
        assert!(short.findings.is_none());
        assert_eq!(short.viewport(1).source, 13);
        let medium = Plan::build(rect(80, 24), Pane::Tree, true);
        assert!(medium.narrow && medium.source.is_some() && medium.table.is_none());
        let medium = Plan::build(rect(80, 24), Pane::Table, true);
        assert!(medium.table.is_some() && medium.source.is_none());
        let small = Plan::build(rect(40, 8), Pane::Findings, false);
        assert!(small.findings.is_some() && small.tree.is_none());
        assert_eq!(Plan::build(rect(0, 0), Pane::Tree, false).tree, None);
    }

    #[test]
    fn zoom_gives_the_focused_pane_the_screen() {
        let z = Plan::build(rect(80, 24), Pane::Table, false).zoomed(Pane::Table);
        assert_eq!(z.table, Some(Rect::new(0, 0, 80, 23)));
        assert!(z.tree.is_none() && z.findings.is_none() && z.source.is_none());
        assert_eq!(z.status, Rect::new(0, 23, 80, 1));
    }

    #[test]
    fn viewport_is_the_plan_heights() {
        let p = Plan::build(rect(120, 40), Pane::Tree, false);
        let vp = p.viewport(7);
        let table = p.table.map_or(0, |r| r.height as usize);
        assert_eq!(vp.table, table - 3);
        assert_eq!(vp.help, 36);
        assert_eq!(vp.compare, 7);
        assert!(vp.finder >= 1 && vp.table_width > 0);
    }
}
