//! The four panes. Each reads the app and draws into its rectangle.

use super::app::{App, Pane};
use super::glyphs;
use super::keymap::Mode;
use super::theme::Theme;
use super::view::{self, TableLine};
use crate::model::Severity;
use crate::sanitize::{clean, sanitize, sanitize_mapped};
use crate::tree::NodeId;
use crate::width;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn severity_style(t: &Theme, s: Severity) -> Style {
    match s {
        Severity::Error => t.error(),
        Severity::Warning => t.warning(),
        Severity::Info => t.info(),
    }
}

fn block<'a>(app: &App, pane: Pane, title: String) -> Block<'a> {
    let focused = app.focus == pane;
    let marker = if focused { "▶ " } else { "" };
    Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.border(focused))
        .title(Span::styled(format!("{marker}{title}"), app.theme.title()))
}

fn counts(errors: usize, warnings: usize) -> String {
    match (errors, warnings) {
        (0, 0) => String::new(),
        (e, 0) => format!("E{e}"),
        (0, w) => format!("W{w}"),
        (e, w) => format!("E{e} W{w}"),
    }
}

// ---- tree -------------------------------------------------------------------------

pub fn tree(app: &App, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let mut filters = Vec::new();
    if app.tree.sort() == crate::tree::SortBy::Errors {
        filters.push("按错误数");
    }
    if app.tree.only_errors() {
        filters.push("仅有错误");
    }
    if app.tree.only_undecided() {
        filters.push("仅待定");
    }
    let title = if filters.is_empty() {
        "机关".to_string()
    } else {
        format!("机关 ({})", filters.join(", "))
    };
    let reviewing = app.review.is_some();
    let mut b = block(app, Pane::Tree, title);
    // The overview's report filter on the bottom border, the key that clears it first.
    if let Some(f) = app.tree.filter() {
        b = b.title_bottom(Span::styled(
            format!(
                "{}清除·{}·{}份",
                app.keymap.hint(Mode::Normal, crate::tui::Action::Cancel),
                clean(&f.label),
                f.reports.len()
            ),
            t.warning(),
        ));
    }
    let inner = b.inner(r);
    f.render_widget(b, r);
    let h = inner.height as usize;
    let w = inner.width as usize;
    let rows = app.tree.rows();
    if rows.is_empty() {
        let msg = if app.corpus.progress().finished {
            "(没有报告)"
        } else {
            "载入中…"
        };
        f.render_widget(Paragraph::new(Line::styled(msg, t.dim())), inner);
        return;
    }
    let offset = app.tree_offset;
    let mut lines = Vec::with_capacity(h);
    for (i, row) in rows.iter().enumerate().skip(offset).take(h) {
        let glyph = match (row.expandable, row.expanded) {
            (true, true) => "▾ ",
            (true, false) => "▸ ",
            _ => "  ",
        };
        let indent = "  ".repeat(row.depth.into());
        let mut c = counts(row.errors, row.warnings);
        if reviewing && row.undecided > 0 && matches!(row.id, NodeId::Agency(_) | NodeId::Report(_))
        {
            if !c.is_empty() {
                c.push(' ');
            }
            c.push_str(&format!("{}{}", glyphs::UNDECIDED, row.undecided));
        }
        // Report rows: the review status glyph before the label.
        let status = match (&row.id, row.status) {
            (NodeId::Report(_), Some(s)) => format!("{} ", glyphs::status(Some(s))),
            (NodeId::Report(_), None) if reviewing => format!("{} ", glyphs::status(None)),
            _ => String::new(),
        };
        let cw = width::width(&c);
        let label_w = w.saturating_sub(cw + 1);
        let label = format!("{indent}{glyph}{status}{}", sanitize(&row.label));
        let label = width::pad_right(&width::truncate_ellipsis(&label, label_w), label_w);
        let mut style = if row.absent { t.dim() } else { t.base() };
        if i == app.tree.selected() {
            style = style.patch(t.selected());
        }
        let cstyle = if row.errors > 0 {
            t.error()
        } else {
            t.warning()
        };
        lines.push(Line::from(vec![
            Span::styled(label, style),
            Span::raw(" "),
            Span::styled(c, cstyle),
        ]));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

// ---- table ------------------------------------------------------------------------

pub(crate) use super::view::cell_text;

/// Draws the table at the offsets [`App::fit`] chose.
pub fn table(app: &App, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let Some(report) = app.current_report() else {
        let b = block(app, Pane::Table, "表格".to_string());
        let inner = b.inner(r);
        f.render_widget(b, r);
        f.render_widget(
            Paragraph::new(Line::styled(
                format!(
                    "在左侧选择一份报告 ({} 查找)",
                    app.keymap.hint(Mode::Normal, crate::tui::Action::Finder)
                ),
                t.dim(),
            )),
            inner,
        );
        return;
    };
    let id = app.cursor.table;
    let def = view::table_def(report, id);
    let table = report.tables.get(id);
    let w = r.width.saturating_sub(2) as usize;
    // Column geometry: the label column is frozen; data columns scroll with h/l.
    let columns = view::Columns::of(report, id, w);
    let lines_all = view::table_lines(def);
    let cursor_line = view::line_of(&lines_all, app.cursor.row, app.cursor.col);
    let (_, cur_start, cur_len) = lines_all
        .get(cursor_line)
        .and_then(TableLine::cells)
        .unwrap_or((0, 0, 0));
    let first = app.cursor.col_offset;
    let visible = columns.fit_from(first);
    let ncols = columns.widths.len();
    // Hidden columns are said in the title: which column of how many, and how many more.
    // First in the title, so a narrow pane does not cut it.
    let hidden = if first + visible < ncols || first > 0 {
        let mut s = format!(
            "第{}/{}列",
            (app.cursor.col.saturating_sub(cur_start) + 1).min(cur_len.max(1)),
            ncols
        );
        if first > 0 {
            s.push_str(&format!(" ←{first}"));
        }
        if first + visible < ncols {
            s.push_str(&format!(" → 还有{}列", ncols - first - visible));
        }
        s.push_str(" · ");
        s
    } else {
        String::new()
    };
    let title = format!(
        "{hidden}{} ({}模板){}",
        id.title(),
        report.template().version,
        if table.is_none() {
            " — 未找到"
        } else {
            ""
        },
    );
    let b = block(app, Pane::Table, title);
    let inner = b.inner(r);
    f.render_widget(b, r);
    let h = inner.height as usize;
    if w == 0 || h == 0 {
        return;
    }
    let addends = selected_addends(app);
    let is_addend = |row: &str, col: usize| {
        addends
            .iter()
            .any(|a| a.table == id && a.row == row && a.column == col)
    };
    let (col_w, label_w) = (&columns.widths, columns.label);
    let body_h = h.saturating_sub(1);
    let offset = app.cursor.line_offset;
    let mut out: Vec<Line> = Vec::with_capacity(h);
    let header_line = |group: Option<&str>, cols: &[crate::template::Column]| -> Line {
        let label = width::pad_right(group.unwrap_or("项目"), label_w);
        let mut spans = vec![Span::styled(label, t.title()), Span::raw(" ")];
        for (i, c) in cols.iter().enumerate().skip(first).take(visible) {
            let head = columns.header(c, col_w[i] - 1);
            spans.push(Span::styled(width::pad_left(&head, col_w[i]), t.title()));
        }
        Line::from(spans)
    };
    // Frozen header: the first line of the table.
    if let Some(TableLine::Header(g, cols)) = lines_all.first() {
        out.push(header_line(*g, cols));
    }
    let focused = app.focus == Pane::Table;
    for line in lines_all.iter().skip(1 + offset).take(body_h) {
        let (ri, start, len) = match *line {
            TableLine::Header(g, cols) => {
                out.push(header_line(g, cols));
                continue;
            }
            TableLine::Row {
                row, start, len, ..
            } => (row, start, len),
        };
        let rd = &def.rows[ri];
        let found = table.and_then(|tb| tb.row(rd.key));
        let label = view::line_label(def, line);
        let row_sev = view::cell_severity(report, id, rd, None);
        let mut lstyle = match row_sev {
            Some(Severity::Error) => t.error(),
            Some(Severity::Warning) => t.warning(),
            _ if found.is_none() => t.dim(),
            _ => t.base(),
        };
        let marker = glyphs::failure(row_sev);
        let on_cursor = ri == app.cursor.row && (start..start + len).contains(&app.cursor.col);
        if on_cursor {
            lstyle = lstyle.patch(
                ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::BOLD),
            );
        }
        let lw = label_w.saturating_sub(width::width(marker));
        let label_text = format!(
            "{}{marker}",
            width::pad_right(&width::truncate_ellipsis(&label, lw), lw)
        );
        let mut spans = vec![Span::styled(label_text, lstyle), Span::raw(" ")];
        if table.is_some() && found.is_none() {
            spans.push(Span::styled(" (未找到)", t.dim()));
            out.push(Line::from(spans));
            continue;
        }
        for k in (first..len).take(visible) {
            let ci = start + k;
            let Some(c) = rd.columns.get(ci) else {
                break;
            };
            let cell = found.and_then(|row| row.cells.get(ci));
            let sev = view::cell_severity(report, id, rd, Some(c));
            let mut text = match (found, cell) {
                (None, _) => String::new(),
                (Some(_), None) => glyphs::MISSING.to_string(),
                (Some(_), Some(cell)) => cell_text(Some((cell.state, &cell.text))),
            };
            if !report.corrections.is_empty()
                && crate::correction::applied(report, id, rd.key, c.key).is_some()
            {
                text.push_str(glyphs::CORRECTED);
            }
            let mut style = match sev {
                Some(Severity::Error) => {
                    text.push_str(glyphs::failure(sev));
                    t.failing_cell()
                }
                Some(Severity::Warning) => {
                    text.push_str(glyphs::failure(sev));
                    t.warning_cell()
                }
                _ if found.is_none() => t.dim(),
                _ => t.base(),
            };
            // A failing total keeps its failure style; the cells it adds up are marked.
            if sev.is_none() && is_addend(rd.key, ci) {
                style = style.patch(t.addend());
            }
            if on_cursor && ci == app.cursor.col {
                style = if focused {
                    style.patch(t.cursor())
                } else {
                    style
                }
                .add_modifier(ratatui::style::Modifier::UNDERLINED);
            }
            let cell_w = col_w[k];
            let shown = width::pad_left(&width::truncate_ellipsis(&text, cell_w - 1), cell_w - 1);
            spans.push(Span::raw(" "));
            spans.push(Span::styled(shown, style));
        }
        out.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(out), inner);
}

/// The cells the selected arithmetic finding adds up, with its totals (none when no
/// finding is selected, or it adds nothing up).
pub fn selected_addends(app: &App) -> Vec<crate::validate::explain::Term> {
    if app.focus != Pane::Findings && !app.findings.active {
        return Vec::new();
    }
    let Some(report) = app.current_report() else {
        return Vec::new();
    };
    app.selected_finding()
        .and_then(|i| report.finding(i))
        .filter(|f| f.rule.family() == 'A')
        .and_then(|f| crate::validate::explain::explain(report, f))
        .map_or_else(Vec::new, |x| x.terms)
}

mod source;
pub use source::source;

// ---- findings ---------------------------------------------------------------------

pub fn findings(app: &App, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let Some(report) = app.current_report() else {
        f.render_widget(block(app, Pane::Findings, "发现".to_string()), r);
        return;
    };
    let title = format!(
        "发现 {} (错误 {} · 警告 {} · 提示 {})",
        report.findings.len(),
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info)
    );
    let b = block(app, Pane::Findings, title);
    let inner = b.inner(r);
    f.render_widget(b, r);
    let h = inner.height as usize;
    let w = inner.width as usize;
    // The corpus keeps the inspector's findings in display order.
    let stale = app.stale_decisions();
    if report.findings.is_empty() && stale.is_empty() {
        let msg = if app.corpus.progress().finished {
            "没有发现问题"
        } else {
            "载入中…"
        };
        f.render_widget(Paragraph::new(Line::styled(msg, t.dim())), inner);
        return;
    }
    let offset = app.findings.offset;
    let mut out = Vec::with_capacity(h);
    let reviewing = app.review.is_some();
    for (i, fi) in report.findings.iter().enumerate().skip(offset).take(h) {
        let pos = i;
        // Review marks: verdict, then note.
        let marks = if reviewing {
            let d = app
                .current
                .and_then(|r| app.decision_on(r, crate::model::FindingIx::new(i)));
            let v = glyphs::verdict(d.and_then(|d| d.verdict));
            let n = if d.and_then(|d| d.note.as_ref()).is_some() {
                glyphs::NOTE
            } else {
                " "
            };
            format!("{v}{n}")
        } else {
            String::new()
        };
        let sev = glyphs::severity(fi.severity);
        let loc = match (&fi.table, &fi.row, &fi.column) {
            (Some(tb), Some(row), Some(col)) => format!("{}.{}.{}", tb.key(), row, col),
            (Some(tb), Some(row), None) => format!("{}.{}", tb.key(), row),
            (Some(tb), None, _) => tb.key().to_string(),
            (None, ..) => fi.section.map_or(String::new(), |s| format!("§{s}")),
        };
        let head = format!(
            "{marks}{sev} {} {} ",
            fi.rule,
            width::truncate_ellipsis(&clean(&loc), 28)
        );
        let rest = w.saturating_sub(width::width(&head));
        let msg = width::pad_right(&width::truncate_ellipsis(&clean(&fi.message), rest), rest);
        let selected = pos == app.findings.selected;
        let mut hs = severity_style(t, fi.severity);
        let mut ms = t.base();
        if selected {
            hs = hs.patch(t.selected());
            ms = ms.patch(t.selected());
        }
        out.push(Line::from(vec![
            Span::styled(head, hs),
            Span::styled(msg, ms),
        ]));
    }
    // Decisions whose finding is gone: after the findings, dimmed and marked.
    let n = report.findings.len();
    for (k, d) in stale.iter().enumerate() {
        let pos = n + k;
        if pos < offset || out.len() >= h {
            continue;
        }
        let v = glyphs::verdict(d.verdict);
        let note = if d.note.is_some() { glyphs::NOTE } else { " " };
        let head = format!("{v}{note}{} {} ", glyphs::STALE, clean(&d.rule));
        let rest = w.saturating_sub(width::width(&head));
        let text = width::pad_right(&width::truncate_ellipsis(&clean(&d.message), rest), rest);
        let mut st = t.dim();
        if pos == app.findings.selected {
            st = st.patch(t.selected());
        }
        out.push(Line::from(vec![
            Span::styled(head, st),
            Span::styled(text, st),
        ]));
    }
    f.render_widget(Paragraph::new(out), inner);
}
