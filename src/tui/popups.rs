//! Overlays: the fuzzy finder, the help screen, the source search box.

use super::app::{App, Target};
use super::keymap::Mode;
use super::layout::{self, finder_parts, finder_rect, help_rect};
use crate::model::ReportIx;
use crate::sanitize::clean;
use crate::width;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// The name with matched characters emphasised.
fn highlighted(name: &str, hits: &[usize], base: Style, matched: Style) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut cur = String::new();
    let mut cur_hit = false;
    for (i, c) in name.chars().enumerate() {
        let hit = hits.contains(&i);
        if hit != cur_hit && !cur.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut cur),
                if cur_hit { matched } else { base },
            ));
        }
        cur_hit = hit;
        cur.push(c);
    }
    if !cur.is_empty() {
        spans.push(Span::styled(cur, if cur_hit { matched } else { base }));
    }
    spans
}

/// Draws the finder ([`layout::finder_parts`] says where its list goes).
pub fn finder(app: &App, f: &mut Frame, area: Rect) {
    let Some(finder) = &app.finder else { return };
    let t = &app.theme;
    let r = finder_rect(area);
    if r.height < 4 || r.width < 10 {
        return;
    }
    f.render_widget(Clear, r);
    let outer = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border(true))
        .title(Span::styled(
            format!("查找 ({} 条)", app.corpus.index().len()),
            t.title(),
        ));
    f.render_widget(outer, r);
    let (input_r, list_r, preview_r) = finder_parts(r);
    let [prompt_r, box_r] =
        Layout::horizontal([Constraint::Length(2), Constraint::Min(0)]).areas(input_r);
    f.render_widget(Paragraph::new(Span::styled("/ ", t.title())), prompt_r);
    f.render_widget(&finder.input, box_r);
    let h = list_r.height.saturating_sub(1) as usize;
    let query = finder.query();
    let offset = finder.offset;
    let shown = if finder.total > finder.results.len() {
        format!(", 显示前 {}", finder.results.len())
    } else {
        String::new()
    };
    let mut lines = vec![Line::styled(
        format!("{} 个结果{shown} · 机关、报告在前", finder.total),
        t.dim(),
    )];
    for (pos, m) in finder.results.iter().enumerate().skip(offset).take(h) {
        let name = app.corpus.index().name(m.entry);
        let kind = match app.corpus.index().target(m.entry) {
            Some(Target::Agency(_)) => "机关 ",
            Some(Target::Report(_)) => "报告 ",
            Some(Target::Section(..)) => "章节 ",
            None => "     ",
        };
        let hits = app.corpus.index().highlight(m.entry, &query);
        let selected = pos == finder.selected;
        let base = if selected { t.selected() } else { t.base() };
        let mut spans = vec![
            Span::styled(if selected { "▶ " } else { "  " }, base),
            Span::styled(kind, t.dim().patch(base)),
        ];
        spans.extend(highlighted(name, &hits, base, t.matched().patch(base)));
        lines.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(lines), list_r);
    if let Some(p) = preview_r {
        let target = finder
            .results
            .get(finder.selected)
            .and_then(|m| app.corpus.index().target(m.entry));
        let b = Block::default()
            .borders(Borders::LEFT)
            .border_style(t.dim());
        let pi = b.inner(p);
        f.render_widget(b, p);
        f.render_widget(
            Paragraph::new(preview(app, target, pi.height as usize, pi.width as usize)),
            pi,
        );
    }
}

fn report_line(app: &App, i: ReportIx) -> Line<'static> {
    let t = &app.theme;
    let Some(r) = app.corpus.report(i) else {
        return Line::raw("");
    };
    let year = r
        .year
        .as_ref()
        .map_or("????".to_string(), |y| y.value.to_string());
    let file = r.path.rsplit(['/', '\\']).next().unwrap_or(&r.path);
    Line::from(vec![
        Span::raw(format!("{year} {} ", clean(file))),
        Span::styled(
            format!("E{}", r.count(crate::model::Severity::Error)),
            t.error(),
        ),
        Span::raw(" "),
        Span::styled(
            format!("W{}", r.count(crate::model::Severity::Warning)),
            t.warning(),
        ),
    ])
}

fn preview(app: &App, target: Option<&Target>, h: usize, w: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut out = Vec::new();
    match target {
        None => out.push(Line::styled("(无)", t.dim())),
        Some(Target::Agency(r)) => {
            let label = app.corpus.agency(*r);
            out.push(Line::styled(clean(label), t.title()));
            for &i in app.corpus.agency_reports(label) {
                out.push(report_line(app, i));
            }
        }
        Some(Target::Report(i)) => {
            if let Some(r) = app.corpus.report(*i) {
                out.push(report_line(app, *i));
                out.push(Line::raw(format!("路径: {}", clean(&r.path))));
                out.push(Line::raw(format!(
                    "模板: {}  编码: {}",
                    r.template.map_or("?", |v| v.as_str()),
                    clean(&r.encoding)
                )));
                if let Some(p) = &r.published {
                    out.push(Line::raw(format!("发布: {}", p.value)));
                }
                for s in &r.sections {
                    out.push(Line::raw(format!("  {}", clean(&s.title))));
                }
            }
        }
        Some(Target::Section(i, n)) => {
            if let Some(r) = app.corpus.report(*i) {
                out.push(report_line(app, *i));
                if let Some(s) = r.section(*n) {
                    out.push(Line::styled(clean(&s.title), t.title()));
                    for ln in s.span.line_start..=s.span.line_end {
                        if out.len() >= h {
                            break;
                        }
                        out.push(Line::raw(clean(r.source.line(ln as usize))));
                    }
                }
            }
        }
    }
    out.truncate(h);
    let _ = w;
    out
}

/// The help overlay, generated from the keymap in effect. Returns its height.
pub fn help(app: &App, f: &mut Frame, area: Rect) {
    let t = &app.theme;
    let r = help_rect(area);
    if r.height < 3 || r.width < 10 {
        return;
    }
    f.render_widget(Clear, r);
    let b = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border(true))
        .title(Span::styled(
            format!(
                "帮助 — 按键 ({}/{} 关闭 · {}/{} 滚动)",
                app.keymap.hint(Mode::Help, super::Action::Quit),
                app.keymap.hint(Mode::Help, super::Action::Cancel),
                app.keymap.hint(Mode::Help, super::Action::Down),
                app.keymap.hint(Mode::Help, super::Action::Up)
            ),
            t.title(),
        ));
    let inner = b.inner(r);
    f.render_widget(b, r);
    let lines = super::help::lines(app);
    let h = inner.height as usize;
    let scroll = app.help_scroll.min(lines.len().saturating_sub(h));
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(h).collect();
    f.render_widget(Paragraph::new(shown), inner);
}

/// The source search box, over the status bar.
pub fn search(app: &App, f: &mut Frame, status: Rect) {
    let Some(tb) = &app.search_box else { return };
    if status.width < 4 {
        return;
    }
    f.render_widget(Clear, status);
    let [p, b] = Layout::horizontal([Constraint::Length(10), Constraint::Min(0)]).areas(status);
    f.render_widget(
        Paragraph::new(Span::styled("原文查找:", app.theme.title())),
        p,
    );
    f.render_widget(tb, b);
}

/// The note popup: a multi-line text box over the middle of the screen.
pub fn note(app: &App, f: &mut Frame, area: Rect) {
    let Some(editor) = &app.note else { return };
    let t = &app.theme;
    let r = layout::centered(
        area,
        area.width.saturating_sub(4).min(80),
        area.height.saturating_sub(2).min(12),
    );
    if r.height < 4 || r.width < 10 {
        return;
    }
    f.render_widget(Clear, r);
    let finding = app
        .corpus
        .report(editor.report)
        .and_then(|rep| rep.finding(editor.finding));
    let save = app
        .keymap
        .key_for(Mode::Note, super::Action::Save)
        .unwrap_or_default();
    let cancel = app
        .keymap
        .key_for(Mode::Note, super::Action::Cancel)
        .unwrap_or_default();
    let title = format!(
        "备注 {} — {save} 保存 · {cancel} 取消",
        finding.map_or(String::new(), |fi| fi.rule.to_string())
    );
    let b = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border(true))
        .title(Span::styled(title, t.title()));
    let inner = b.inner(r);
    f.render_widget(b, r);
    let [msg_r, box_r] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    if let Some(fi) = finding {
        f.render_widget(
            Paragraph::new(Line::styled(
                width::truncate_ellipsis(&clean(&fi.message), msg_r.width as usize).into_owned(),
                t.dim(),
            )),
            msg_r,
        );
    }
    f.render_widget(&editor.text, box_r);
}
