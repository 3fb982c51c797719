//! The source pane: the report's text with the selected cell's lines and search hits
//! highlighted, scrolled sideways or wrapped.

use super::*;

pub fn source(app: &App, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let Some(report) = app.current_report() else {
        let b = block(app, Pane::Source, "原文".to_string());
        f.render_widget(b, r);
        return;
    };
    let title = format!(
        "原文 {}",
        width::truncate_ellipsis(&clean(&report.path), 60)
    );
    let b = block(app, Pane::Source, title);
    let inner = b.inner(r);
    f.render_widget(b, r);
    let h = inner.height as usize;
    let n = report.source.line_count();
    let gutter = n.max(1).to_string().len();
    let top = app.source.top.min(n.saturating_sub(1));
    let hl = app.source.highlight;
    // The cells the selected arithmetic finding adds up, where the report prints them.
    let addend_spans: Vec<crate::model::Span> = selected_addends(app)
        .iter()
        .filter_map(|a| {
            let row = report.tables.get(a.table)?.row(a.row)?;
            row.cells.get(a.column)?.span
        })
        .collect();
    let mut out = Vec::with_capacity(h);
    let text_w = (inner.width as usize).saturating_sub(gutter + 1).max(1);
    let wrap = app.source.wrap;
    for ln in (top + 1)..=n {
        if out.len() >= h {
            break;
        }
        // Only the visible part of the line is copied and made inert (a one-paragraph
        // page can be one 10 MB line); wrapped, as much as the rows left can hold.
        let full = report.source.line(ln);
        let (left, cols) = if wrap {
            (0, text_w * (h - out.len()))
        } else {
            (app.source.left, inner.width as usize)
        };
        let (range, start_col) = crate::sanitize::window(full, left, cols);
        let raw = &full[range.clone()];
        let in_hl = hl.is_some_and(|s| (s.line_start as usize..=s.line_end as usize).contains(&ln));
        let base = if in_hl { t.highlight_line() } else { t.base() };
        // Marks within the line: exact bytes of the highlighted cell, search hits.
        let line_start = report.source.line_start(ln) + range.start;
        let mut marks: Vec<(usize, usize, Style)> = Vec::new();
        if let Some(s) = hl
            && in_hl
            && s.byte_end > s.byte_start
            && s.line_start == s.line_end
        {
            let a = (s.byte_start as usize).saturating_sub(line_start);
            let b = (s.byte_end as usize)
                .saturating_sub(line_start)
                .min(raw.len());
            marks.push((a, b, t.highlight_exact()));
        }
        for s in &addend_spans {
            if s.line_start as usize == ln && s.line_end == s.line_start {
                let a = (s.byte_start as usize).saturating_sub(line_start);
                let b = (s.byte_end as usize).saturating_sub(line_start);
                if s.byte_start as usize >= line_start && a < b && b <= raw.len() {
                    marks.push((a, b, t.addend()));
                }
            }
        }
        for &(hl_line, a, b) in &app.source.hits {
            if hl_line as usize == ln && b > range.start && a < range.end {
                marks.push((
                    a.saturating_sub(range.start),
                    b.min(range.end) - range.start,
                    t.search_hit(),
                ));
            }
        }
        marks.sort_by_key(|m| m.0);
        marks.retain(|&(a, b, _)| a <= b && b <= raw.len());
        // Sanitize the whole line (tab stops are the line's), then cut the marked ranges
        // from the inert text.
        let cuts: Vec<usize> = marks.iter().flat_map(|&(a, b, _)| [a, b]).collect();
        let (clean, at) = sanitize_mapped(raw, &cuts, start_col);
        let mut spans: Vec<(String, Style)> = Vec::new();
        let mut pos = 0;
        for (k, &(_, _, st)) in marks.iter().enumerate() {
            let (a, b) = (at[2 * k], at[2 * k + 1]);
            if a < pos {
                continue;
            }
            spans.push((clean[pos..a].to_string(), base));
            spans.push((clean[a..b].to_string(), st));
            pos = b;
        }
        spans.push((clean[pos..].to_string(), base));
        let gutter_style = if in_hl { t.highlight_line() } else { t.dim() };
        if wrap {
            // The line number on the first row; the rows after it are indented.
            for (k, row) in wrap_spans(spans, text_w).into_iter().enumerate() {
                if out.len() >= h {
                    break;
                }
                let num = if k == 0 {
                    ln.to_string()
                } else {
                    String::new()
                };
                let mut line_spans = vec![Span::styled(format!("{num:>gutter$} "), gutter_style)];
                line_spans.extend(row);
                out.push(Line::from(line_spans));
            }
            continue;
        }
        let mut line_spans = vec![Span::styled(format!("{:>gutter$} ", ln), gutter_style)];
        line_spans.extend(skip_spans(spans, left.saturating_sub(start_col)));
        out.push(Line::from(line_spans));
    }
    f.render_widget(Paragraph::new(out), inner);
}

/// Pieces of inert text cut into rows of `w` columns (a wrapped source line).
fn wrap_spans(spans: Vec<(String, Style)>, w: usize) -> Vec<Vec<Span<'static>>> {
    let mut rows: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut used = 0;
    for (text, style) in spans {
        let mut rest = text.as_str();
        while !rest.is_empty() {
            let mut fit = width::truncate(rest, w.saturating_sub(used));
            if fit.is_empty() && used == 0 {
                // A character wider than the row: alone on its row.
                let first = width::wrap_ranges(rest, 0)[0].end;
                fit = &rest[..first];
            }
            if fit.is_empty() {
                rows.push(Vec::new());
                used = 0;
                continue;
            }
            used += width::width(fit);
            if let Some(row) = rows.last_mut() {
                row.push(Span::styled(fit.to_string(), style));
            }
            rest = &rest[fit.len()..];
        }
    }
    rows
}

/// Drop the first `cols` columns across pieces of inert text.
fn skip_spans(spans: Vec<(String, Style)>, mut cols: usize) -> Vec<Span<'static>> {
    let mut out = Vec::with_capacity(spans.len());
    for (clean, style) in spans {
        if cols == 0 {
            out.push(Span::styled(clean, style));
            continue;
        }
        let w = width::width(&clean);
        if w <= cols {
            cols -= w;
            continue;
        }
        out.push(Span::styled(width::skip(&clean, cols).into_owned(), style));
        cols = 0;
    }
    out
}
