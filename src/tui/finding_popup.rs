//! The finding detail popup (Enter in the findings pane): the whole message, wrapped, the
//! equation with every addend and the cells it adds up, the source lines, and the review
//! decision and note. Scrollable; nothing in it is cut.

use super::action::Action;
use super::app::App;
use super::keymap::Mode;
use super::{glyphs, layout, panes, view};
use crate::sanitize::clean;
use crate::validate::explain::{Term, explain};
use crate::width;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Where the popup goes on a screen of `area`.
pub fn rect(area: Rect) -> Rect {
    layout::centered(
        area,
        area.width.saturating_sub(4).min(100),
        area.height.saturating_sub(2).min(30),
    )
}

/// Lines of text inside the popup's borders.
pub fn inner_size(area: Rect) -> (usize, usize) {
    let r = rect(area);
    (
        r.width.saturating_sub(2) as usize,
        r.height.saturating_sub(2) as usize,
    )
}

/// A term named as the table shows it: `（一）予以公开·自然人 12`.
pub fn term_name(app: &App, t: &Term) -> String {
    let Some(r) = app.current_report() else {
        return String::new();
    };
    let def = view::table_def(r, t.table);
    let (row, col) = def.rows.iter().find(|d| d.key == t.row).map_or_else(
        || (t.row.to_string(), String::new()),
        |d| {
            let col = d.columns.get(t.column).map_or("", |c| c.label);
            (crate::validate::row_name(d), col.to_string())
        },
    );
    let value = match t.value {
        _ if t.blank => glyphs::BLANK.to_string(),
        Some(v) => crate::validate::fmt_num(v),
        None => glyphs::MISSING.to_string(),
    };
    if t.table == crate::template::TableId::T4 {
        format!("{col} {value}")
    } else {
        format!("{row}·{col} {value}")
    }
}

fn push_wrapped(out: &mut Vec<Line<'static>>, text: &str, w: usize, style: Style) {
    for row in width::wrap(text, w.max(1)) {
        out.push(Line::styled(row, style));
    }
}

/// Every line of the popup at inner width `w` (the caller scrolls and cuts them).
pub fn lines(app: &App, w: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut out = Vec::new();
    if let Some(e) = app.failure_shown.and_then(|i| app.corpus.errors.get(i)) {
        out.push(Line::styled("无法读取的文件".to_string(), t.error()));
        push_wrapped(
            &mut out,
            &clean(crate::agency::file_name(&e.path)),
            w,
            t.title(),
        );
        push_wrapped(&mut out, &format!("路径: {}", clean(&e.path)), w, t.dim());
        out.push(Line::raw(""));
        push_wrapped(&mut out, &format!("原因: {}", clean(&e.error)), w, t.base());
        out.push(Line::raw(""));
        out.push(Line::styled(
            format!("{} 复制原因", app.keymap.hint(Mode::Normal, Action::Copy)),
            t.dim(),
        ));
        return out;
    }
    let Some(report) = app.current_report() else {
        return out;
    };
    let n = report.findings.len();
    if let Some(i) = app.selected_finding()
        && let Some(fi) = report.finding(i)
    {
        let sev = panes::severity_style(t, fi.severity);
        let loc = match (&fi.table, &fi.row, &fi.column) {
            (Some(tb), Some(row), Some(col)) => format!("{}.{row}.{col}", tb.key()),
            (Some(tb), Some(row), None) => format!("{}.{row}", tb.key()),
            (Some(tb), None, _) => tb.key().to_string(),
            (None, ..) => fi.section.map_or(String::new(), |s| format!("§{s}")),
        };
        out.push(Line::from(vec![
            Span::styled(
                format!("{} {} ", glyphs::severity(fi.severity), fi.rule),
                sev,
            ),
            Span::styled(clean(&loc), t.dim()),
        ]));
        push_wrapped(&mut out, &clean(&fi.message), w, t.base());
        if let Some(x) = explain(report, fi) {
            out.push(Line::raw(""));
            let head = if fi.rule == "S06" {
                "找到的数值"
            } else {
                "算式"
            };
            out.push(Line::styled(head.to_string(), t.title()));
            push_wrapped(&mut out, &clean(&x.text), w, t.base());
            if fi.rule != "S06" {
                out.push(Line::styled("各单元格".to_string(), t.title()));
                for term in &x.terms {
                    push_wrapped(
                        &mut out,
                        &format!("  {}", clean(&term_name(app, term))),
                        w,
                        t.addend(),
                    );
                }
            }
        }
        if !fi.lines.is_empty() {
            out.push(Line::raw(""));
            out.push(Line::styled(
                format!("原文: 第{}行", crate::text::line_list(&fi.lines)),
                t.dim(),
            ));
        }
        if let Some(d) = app.current.and_then(|r| app.decision_on(r, i)) {
            out.push(Line::raw(""));
            decision_lines(app, &mut out, d, w);
        }
    } else if let Some(d) = app
        .findings
        .selected
        .checked_sub(n)
        .and_then(|k| app.stale_decisions().into_iter().nth(k))
    {
        out.push(Line::styled(
            format!("{} {}", glyphs::STALE, clean(&d.rule)),
            t.dim(),
        ));
        push_wrapped(&mut out, &clean(&d.message), w, t.base());
        out.push(Line::raw(""));
        decision_lines(app, &mut out, &d, w);
    }
    out
}

fn decision_lines(app: &App, out: &mut Vec<Line<'static>>, d: &crate::review::Decision, w: usize) {
    let t = &app.theme;
    let verdict = match d.verdict {
        Some(v) => format!(
            "{} {}",
            glyphs::verdict(Some(v)),
            match v {
                crate::review::Verdict::Confirmed => "已确认",
                crate::review::Verdict::Dismissed => "已驳回",
            }
        ),
        None => "未决定".to_string(),
    };
    push_wrapped(
        out,
        &format!(
            "审阅: {verdict} · {} {}",
            clean(&d.reviewer),
            clean(&d.time)
        ),
        w,
        t.title(),
    );
    if let Some(note) = &d.note {
        push_wrapped(
            out,
            &format!("{} {}", glyphs::NOTE, clean(note)),
            w,
            t.base(),
        );
    }
}

/// Draw the popup at its scroll (fitted by [`App::fit`]).
pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let Some(scroll) = app.finding_popup else {
        return;
    };
    let t = &app.theme;
    let r = rect(area);
    if r.height < 3 || r.width < 10 {
        return;
    }
    f.render_widget(Clear, r);
    let key = |a| app.keymap.hint(Mode::Normal, a);
    let b = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border(true))
        .title(Span::styled(
            if app.failure_shown.is_some() {
                format!(
                    "无法读取的原因 — {} 关闭 · {} 复制",
                    key(Action::Cancel),
                    key(Action::Copy)
                )
            } else {
                format!(
                    "发现详情 — {} 到单元格 · {} 关闭 · {}/{} 滚动",
                    key(Action::Enter),
                    key(Action::Cancel),
                    key(Action::Down),
                    key(Action::Up)
                )
            },
            t.title(),
        ));
    let inner = b.inner(r);
    f.render_widget(b, r);
    let all = lines(app, inner.width as usize);
    let h = inner.height as usize;
    let more = all.len() > scroll + h;
    let mut shown: Vec<Line> = all.into_iter().skip(scroll).take(h).collect();
    if more && let Some(last) = shown.last_mut() {
        *last = Line::styled("… (更多, 向下滚动)".to_string(), t.dim());
    }
    f.render_widget(Paragraph::new(shown), inner);
}
