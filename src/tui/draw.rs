//! `draw(&App, &mut Frame, &Plan)`: reads the state, never changes it. The geometry is
//! decided before, in [`Plan::build`], and the offsets fitted to it in [`App::fit`].

use super::action::Action;
use super::app::App;
use super::keymap::Mode;
use super::layout::Plan;
use super::{panes, popups};
use crate::sanitize::clean;
use crate::width;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// One frame: build the plan for the frame's size, fit every scroll offset to it, then
/// draw. The only place offsets change for drawing, and it happens before the frame.
pub fn frame(app: &mut App, f: &mut Frame) {
    let plan = app.plan(f.area());
    app.fit(&plan);
    draw(app, f, &plan);
}

/// Draw the state into `f` following `plan`; reads the state, never changes it.
pub fn draw(app: &App, f: &mut Frame, plan: &Plan) {
    let area = plan.area;
    if let Some(r) = plan.tree {
        panes::tree(app, f, r);
    }
    if let Some(r) = plan.table {
        panes::table(app, f, r);
    }
    if let Some(r) = plan.source {
        panes::source(app, f, r);
    }
    if let Some(r) = plan.findings {
        panes::findings(app, f, r);
    }
    if let Some(r) = plan.detail {
        detail(app, f, r);
    }
    if plan.status.width > 0 && plan.status.height > 0 {
        status(app, f, plan.status);
    }
    match app.mode {
        Mode::Finder => popups::finder(app, f, area),
        Mode::Help => popups::help(app, f, area),
        Mode::Search => popups::search(app, f, plan.status),
        Mode::Note => popups::note(app, f, area),
        Mode::Correct => super::correct_popup::draw(app, f, area),
        Mode::Compare => super::compare_view::draw(app, f, area),
        Mode::Overview => super::overview::draw::draw(app, f, area),
        Mode::Normal => super::finding_popup::draw(app, f, area),
    }
}

/// A note on one line: line breaks shown as ` ⏎ `.
pub fn note_line(note: &str) -> String {
    clean(&note.lines().collect::<Vec<_>>().join(" ⏎ "))
}

/// The selected finding's full message (after its note, if it has one), or the
/// selected stale decision's.
fn detail(app: &App, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    if app.focus == super::app::Pane::Table
        && let Some(c) = app.cursor_correction()
    {
        let line = super::correct_popup::correction_line(c);
        f.render_widget(Paragraph::new(Line::styled(line, t.title())), r);
        return;
    }
    let selected = app
        .selected_finding()
        .and_then(|i| Some((i, app.current_report()?.finding(i)?)));
    let line = match selected {
        Some((i, fi)) => {
            let lines = if fi.lines.is_empty() {
                String::new()
            } else {
                format!(" (第{}行)", crate::text::line_list(&fi.lines))
            };
            let mut spans = Vec::new();
            let decision = app.current.and_then(|rep| app.decision_on(rep, i));
            if let Some(note) = decision.and_then(|d| d.note.as_deref()) {
                spans.push(Span::styled(
                    format!("{} {}", super::glyphs::NOTE, note_line(note)),
                    t.title(),
                ));
                spans.push(Span::styled(" │ ", t.dim()));
            }
            spans.push(Span::styled(
                format!("{} ", fi.rule),
                panes::severity_style(t, fi.severity),
            ));
            // Arithmetic: the equation with every addend; S06: the numbers found too.
            let report = app.current_report();
            let explained = report.and_then(|rep| crate::validate::explain::explain(rep, fi));
            let used: usize = spans.iter().map(|s| width::width(&s.content)).sum();
            let room = (r.width as usize).saturating_sub(used + width::width(&lines));
            let full = match &explained {
                Some(x) if fi.rule.family() == 'A' => clean(&x.text),
                Some(x) => format!("{} │ {}", clean(&fi.message), clean(&x.text)),
                None => clean(&fi.message),
            };
            // Too long for the line: addends left out in the middle (`… = 25 ≠ 27`), or
            // the text cut, and where to read it whole said.
            let text = if width::width(&full) <= room {
                full
            } else {
                let more = format!(" ({} 详情)", app.keymap.hint(Mode::Normal, Action::Enter));
                let room = room.saturating_sub(width::width(&more));
                let short = match &explained {
                    Some(x) if fi.rule.family() == 'A' => clean(&x.shortened(room)),
                    _ => full,
                };
                format!("{}{more}", width::truncate_ellipsis(&short, room))
            };
            spans.push(Span::raw(text));
            spans.push(Span::styled(lines, t.dim()));
            Line::from(spans)
        }
        None => {
            let n = app.current_report().map_or(0, |r| r.findings.len());
            let stale = app.stale_decisions();
            match app
                .findings
                .selected
                .checked_sub(n)
                .and_then(|k| stale.get(k))
            {
                Some(d) if app.findings.active => {
                    let mut spans =
                        vec![Span::styled(format!("{} ", super::glyphs::STALE), t.dim())];
                    if let Some(note) = &d.note {
                        spans.push(Span::styled(
                            format!("{} {} │ ", super::glyphs::NOTE, note_line(note)),
                            t.title(),
                        ));
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
        left.push_str(&clean(&crate::agency::filed_name(rep)));
        if let Some(y) = &rep.year {
            left.push_str(&format!(" {}", y.value));
        }
        let def = super::view::table_def(rep, app.cursor.table);
        // The selected cell named in full, in Chinese, as findings name it.
        if let Some(row) = def.rows.get(app.cursor.row) {
            let table = app.cursor.table.title().split(' ').next().unwrap_or("");
            let col = row.columns.get(app.cursor.col).map_or("", |c| c.label);
            let name = if app.cursor.table == crate::template::TableId::T4 {
                col.to_string()
            } else {
                format!("{}·{col}", crate::validate::row_name(row))
            };
            left.push_str(&format!(" › {table} › {name}"));
        }
        left.push_str(&format!(
            "  E{} W{} I{}",
            rep.count(crate::model::Severity::Error),
            rep.count(crate::model::Severity::Warning),
            rep.count(crate::model::Severity::Info)
        ));
    } else {
        left.push_str(&format!("{} 份报告", app.corpus.reports.len()));
        if !app.corpus.errors.is_empty() {
            left.push_str(&format!(", {} 个文件无法读取", app.corpus.errors.len()));
        }
    }
    let p = app.corpus.progress();
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
    // A message (what a key just did, or why it did nothing) goes before the location, so
    // a narrow bar cuts the location rather than the message.
    let msg = app
        .message
        .as_deref()
        .map(|m| format!("{m}  "))
        .unwrap_or_default();
    // The overview draws its own keys (its q goes back, not out).
    let hints = if app.mode == Mode::Overview {
        String::new()
    } else {
        format!(
            "{}  {}  {}  {}",
            hint(app, Action::Help, "帮助"),
            hint(app, Action::Finder, "查找"),
            hint(app, Action::NextFailure, "下一处"),
            hint(app, Action::Quit, "退出"),
        )
    };
    let w = r.width as usize;
    let left_text = format!("{read_only}{msg}{left}");
    let left_w = width::width(&left_text);
    // Hints go first when space is short, then the progress bar; the location stays.
    let right = [
        format!("{progress}{review}  {hints}"),
        format!("{progress}{review}"),
        review.clone(),
        progress.clone(),
    ]
    .into_iter()
    .find(|r| !r.trim().is_empty() && left_w + width::width(r) < w)
    // Too long: the review progress stays and the location is cut.
    .unwrap_or(if review.is_empty() { progress } else { review });
    let right_w = width::width(&right);
    let room = w.saturating_sub(right_w);
    let l = width::pad_right(&width::truncate_ellipsis(&left_text, room), room);
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
