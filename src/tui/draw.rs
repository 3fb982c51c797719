//! `draw(&App, &mut Frame)`: reads the state, never changes it. What it learns about the
//! screen (pane heights) is returned as a [`Viewport`].

use super::action::Action;
use super::app::{App, Pane, Viewport};
use super::keymap::Mode;
use super::{panes, popups};
use crate::sanitize::clean;
use crate::width;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Where each pane goes; `None` when it does not fit or is toggled away.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub tree: Option<Rect>,
    pub table: Option<Rect>,
    pub source: Option<Rect>,
    pub findings: Option<Rect>,
    pub detail: Option<Rect>,
    pub status: Rect,
    /// Table and source share one slot.
    pub narrow: bool,
}

/// Split the screen. Wide (≥ 120 columns): tree | table | source. Medium (≥ 60): tree |
/// table-or-source. Small: only the focused pane. Findings along the bottom when there
/// are at least 16 lines.
pub fn areas(app: &App, area: Rect) -> Areas {
    let mut a = Areas::default();
    if area.height == 0 || area.width == 0 {
        return a;
    }
    let [main, status] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    a.status = status;
    if main.height == 0 {
        return a;
    }
    let small = main.width < 60 || main.height < 10;
    if small {
        a.narrow = true;
        match app.focus {
            Pane::Tree => a.tree = Some(main),
            Pane::Table => a.table = Some(main),
            Pane::Source => a.source = Some(main),
            Pane::Findings => a.findings = Some(main),
        }
        return a;
    }
    let (top, bottom) = if main.height >= 16 {
        let fh = (main.height / 4).clamp(4, 10);
        let [t, f, d] = Layout::vertical([
            Constraint::Min(0),
            Constraint::Length(fh),
            Constraint::Length(1),
        ])
        .areas(main);
        a.findings = Some(f);
        a.detail = Some(d);
        (t, None::<Rect>)
    } else {
        (main, None)
    };
    let _ = bottom;
    if top.width >= 120 {
        let tree_w = (top.width / 5).clamp(24, 40);
        let [t, c, s] = Layout::horizontal([
            Constraint::Length(tree_w),
            Constraint::Min(0),
            Constraint::Percentage(40),
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
        let source = match app.focus {
            Pane::Source => true,
            Pane::Table => false,
            _ => app.center_source,
        };
        if source {
            a.source = Some(c);
        } else {
            a.table = Some(c);
        }
    }
    a
}

fn inner_height(r: Option<Rect>) -> usize {
    r.map_or(0, |r| r.height.saturating_sub(2) as usize)
}

pub fn draw(app: &App, f: &mut Frame) -> Viewport {
    let area = f.area();
    let a = areas(app, area);
    let mut vp = Viewport {
        tree: inner_height(a.tree).max(1),
        table: inner_height(a.table).saturating_sub(1).max(1),
        table_cols: 4,
        source: inner_height(a.source).max(1),
        findings: inner_height(a.findings).max(1),
        help: area.height.saturating_sub(4).max(1) as usize,
        finder: 10,
        compare: app.viewport.compare,
        narrow: a.narrow,
    };
    if let Some(r) = a.tree {
        panes::tree(app, f, r);
    }
    if let Some(r) = a.table {
        vp.table_cols = panes::table(app, f, r).max(1);
    }
    if let Some(r) = a.source {
        panes::source(app, f, r);
    }
    if let Some(r) = a.findings {
        panes::findings(app, f, r);
    }
    if let Some(r) = a.detail {
        detail(app, f, r);
    }
    if a.status.width > 0 && a.status.height > 0 {
        status(app, f, a.status);
    }
    match app.mode {
        Mode::Finder => vp.finder = popups::finder(app, f, area),
        Mode::Help => vp.help = popups::help(app, f, area),
        Mode::Search => popups::search(app, f, a.status),
        Mode::Note => popups::note(app, f, area),
        Mode::Correct => super::correct_popup::draw(app, f, area),
        Mode::Compare => vp.compare = super::compare_view::draw(app, f, area),
        Mode::Normal => {}
    }
    vp
}

/// A note on one line: line breaks shown as ` ⏎ `.
pub fn note_line(note: &str) -> String {
    clean(&note.lines().collect::<Vec<_>>().join(" ⏎ "))
}

/// The selected finding's full message (after its note, if it has one), or the
/// selected stale decision's.
fn detail(app: &App, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    if app.focus == Pane::Table
        && let Some(c) = app.cursor_correction()
    {
        let line = super::correct_popup::correction_line(c);
        f.render_widget(Paragraph::new(Line::styled(line, t.title())), r);
        return;
    }
    let selected = app
        .selected_finding()
        .and_then(|i| Some((i, app.current_report()?.findings.get(i)?)));
    let line = match selected {
        Some((i, fi)) => {
            let lines = match (fi.lines.first(), fi.lines.last()) {
                (Some(a), Some(b)) if a != b => format!(" (第{a}-{b}行)"),
                (Some(a), _) => format!(" (第{a}行)"),
                _ => String::new(),
            };
            let mut spans = Vec::new();
            let decision = app.current.and_then(|rep| app.decision_on(rep, i));
            if let Some(note) = decision.and_then(|d| d.note.as_deref()) {
                spans.push(Span::styled(format!("✎ {}", note_line(note)), t.title()));
                spans.push(Span::styled(" │ ", t.dim()));
            }
            spans.push(Span::styled(
                format!("{} ", fi.rule),
                panes::severity_style(t, fi.severity),
            ));
            spans.push(Span::raw(clean(&fi.message)));
            spans.push(Span::styled(lines, t.dim()));
            Line::from(spans)
        }
        None => {
            let n = app.current_report().map_or(0, |r| r.findings.len());
            let stale = app.stale_decisions();
            match app.finding.checked_sub(n).and_then(|k| stale.get(k)) {
                Some(d) if app.finding_active => {
                    let mut spans = vec![Span::styled("(stale/已失效) ", t.dim())];
                    if let Some(note) = &d.note {
                        spans.push(Span::styled(format!("✎ {} │ ", note_line(note)), t.title()));
                    }
                    spans.push(Span::raw(format!(
                        "{} {}",
                        clean(&d.rule),
                        clean(&d.message)
                    )));
                    Line::from(spans)
                }
                _ => Line::styled("", t.dim()),
            }
        }
    };
    f.render_widget(Paragraph::new(line), r);
}

fn status(app: &App, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let mut left = String::new();
    if let Some(rep) = app.current_report() {
        left.push_str(&clean(&crate::tree::agency_of(rep)));
        if let Some(y) = &rep.year {
            left.push_str(&format!(" {}", y.value));
        }
        let def = super::view::table_def(rep, app.cursor.table);
        if let Some(row) = def.rows.get(app.cursor.row) {
            let col = row.columns.get(app.cursor.col).map_or("", |c| c.short);
            left.push_str(&format!(
                " › {} › {}·{}",
                app.cursor.table.key(),
                row.key,
                col
            ));
        }
        left.push_str(&format!(
            "  E{} W{} I{}",
            rep.count(crate::model::Severity::Error),
            rep.count(crate::model::Severity::Warning),
            rep.count(crate::model::Severity::Info)
        ));
    } else {
        left.push_str(&format!("{} 份报告", app.reports.len()));
        if !app.failed.is_empty() {
            left.push_str(&format!(", {} 个文件无法读取", app.failed.len()));
        }
    }
    let p = &app.progress;
    let progress = if p.started && !p.finished {
        let bar_w = 10usize;
        let filled = (p.done * bar_w).checked_div(p.total).unwrap_or(0);
        format!(
            " 载入 {}/{} [{}{}]",
            p.done,
            p.total,
            "█".repeat(filled),
            "·".repeat(bar_w - filled)
        )
    } else if !p.started {
        " 载入…".to_string()
    } else {
        String::new()
    };
    let (reviewed, total, undecided) = app.review_progress();
    let review = if app.review.is_some() {
        format!(" 已审 {reviewed}/{total} 份 · 待定 {undecided} 条")
    } else {
        String::new()
    };
    // Read-only review: said first, so it stays visible however narrow the bar.
    let read_only = match (&app.review, &app.review_error) {
        (Some(r), _) if r.read_only.is_some() => "[只读] ",
        (None, Some(_)) => "[只读: 审阅文件无效] ",
        _ => "",
    };
    left.insert_str(0, read_only);
    let msg = app
        .message
        .as_deref()
        .map(|m| format!("  {m}"))
        .unwrap_or_default();
    let hints = format!(
        "{}  {}  {}  {}",
        hint(app, Action::Help, "帮助"),
        hint(app, Action::Finder, "查找"),
        hint(app, Action::NextFailure, "下一处"),
        hint(app, Action::Quit, "退出"),
    );
    let w = r.width as usize;
    let left_text = format!("{left}{msg}");
    let left_w = width::width(&left_text);
    // Hints go first when space is short, then the progress bar; the location stays.
    let right = [
        format!("{progress}{review}  {hints}"),
        format!("{progress}{review}"),
        review.clone(),
        progress.clone(),
    ]
    .into_iter()
    .find(|r| left_w + width::width(r) < w)
    .unwrap_or_default();
    let right_w = width::width(&right);
    let l = width::pad_right(&left_text, w.saturating_sub(right_w));
    let line = Line::from(vec![
        Span::styled(l, t.title()),
        Span::styled(right, t.dim()),
    ]);
    f.render_widget(Paragraph::new(line).style(t.selected()), r);
}

/// `? 帮助`: the key bound to an action in the keymap in effect, and a label.
fn hint(app: &App, action: Action, label: &str) -> String {
    match app.keymap.key_for(Mode::Normal, action) {
        Some(k) => format!("{k} {label}"),
        None => String::new(),
    }
}
