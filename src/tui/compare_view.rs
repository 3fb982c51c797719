//! The year-over-year view: one table of two years of the same agency side by side,
//! `earlier→later` per cell with `Δ` on every change, and for table 3 the carry-over
//! between the years (C03). Reads the app; the comparison itself is [`crate::compare`].

use super::app::App;
use super::keymap::Mode;
use super::panes::cell_text;
use super::view;
use crate::compare::{self, Comparison};
use crate::model::Cell;
use crate::sanitize::clean;
use crate::template::TableId;
use crate::width;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Rows wider than this are shown one column per line (table 4's fifteen cells).
const MAX_GRID_COLUMNS: usize = 8;

fn year(y: Option<i32>) -> String {
    y.map_or("????".to_string(), |y| y.to_string())
}

fn shown(c: Option<&Cell>) -> String {
    match c {
        None => "—".to_string(),
        Some(c) => cell_text(Some((c.state, &c.text))),
    }
}

fn number(v: Option<f64>) -> String {
    match v {
        None => "?".to_string(),
        Some(v) if v.fract() == 0.0 => format!("{v:.0}"),
        Some(v) => v.to_string(),
    }
}

/// One cell of the view: `earlier→later`, with `Δ` when it changed.
fn pair(e: Option<&Cell>, l: Option<&Cell>, changed: bool) -> String {
    format!(
        "{}→{}{}",
        shown(e),
        shown(l),
        if changed { "Δ" } else { "" }
    )
}

/// The carry-over line of table 3, and whether it is broken.
pub fn carry_line(cmp: &Comparison) -> Option<(String, bool)> {
    if cmp.table != TableId::T3 {
        return None;
    }
    Some(match cmp.carry {
        Some(c) => {
            let broken = c.broken();
            (
                format!(
                    "上年“四、结转下年度”总计 {} → 本年“二、上年结转”总计 {}{}",
                    number(c.carried_forward),
                    number(c.carried_over),
                    if broken {
                        "  ✗ C03"
                    } else if c.carried_forward.is_some() && c.carried_over.is_some() {
                        "  ✓"
                    } else {
                        ""
                    }
                ),
                broken,
            )
        }
        None => ("（两份报告不是相邻年度，不检查结转）".to_string(), false),
    })
}

/// The scrolling part: column headers and rows.
fn body(
    app: &App,
    cmp: &Comparison,
    later_def: &crate::template::TableDef,
    w: usize,
) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut out = Vec::new();
    let label_of = |key: &str, label: &str| match later_def.row_index(key) {
        Some(i) => view::row_label(later_def, i),
        None => label.to_string(),
    };
    let heading = format!("{}→{}", year(cmp.earlier_year), year(cmp.later_year));
    for run in runs(cmp) {
        let cols = &run[0].columns;
        if cols.len() > MAX_GRID_COLUMNS {
            // One line per column.
            for r in run {
                out.push(Line::styled(clean(&label_of(r.key, r.label)), t.title()));
                let lw = cols.iter().map(|c| width::width(c.1)).max().unwrap_or(4) + 2;
                for (ci, (_, short)) in cols.iter().enumerate() {
                    let changed = r.changed.get(ci).copied().unwrap_or(false);
                    let text = pair(
                        r.earlier.get(ci).copied().flatten(),
                        r.later.get(ci).copied().flatten(),
                        changed,
                    );
                    out.push(Line::from(vec![
                        Span::raw(width::pad_right(&format!("  {short}"), lw)),
                        Span::raw(" "),
                        Span::styled(text, if changed { t.warning() } else { t.base() }),
                    ]));
                }
            }
            continue;
        }
        let mut col_w: Vec<usize> = cols.iter().map(|c| width::width(c.1).min(6)).collect();
        for r in run {
            for (ci, wc) in col_w.iter_mut().enumerate() {
                let text = pair(
                    r.earlier.get(ci).copied().flatten(),
                    r.later.get(ci).copied().flatten(),
                    r.changed.get(ci).copied().unwrap_or(false),
                );
                *wc = (*wc).max(width::width(&text));
            }
        }
        let data_w: usize = col_w.iter().map(|c| c + 1).sum();
        let label_w = w.saturating_sub(data_w + 1).max(8);
        let mut head = vec![Span::styled(
            width::pad_right(
                &width::truncate_ellipsis(&format!("项目 ({heading})"), label_w),
                label_w,
            ),
            t.title(),
        )];
        for (ci, (_, short)) in cols.iter().enumerate() {
            head.push(Span::raw(" "));
            head.push(Span::styled(
                width::pad_left(&width::truncate_ellipsis(short, col_w[ci]), col_w[ci]),
                t.title(),
            ));
        }
        out.push(Line::from(head));
        for r in run {
            let any = r.changed.iter().any(|c| *c);
            let label = clean(&label_of(r.key, r.label));
            let mut spans = vec![Span::styled(
                width::pad_right(&width::truncate_ellipsis(&label, label_w), label_w),
                if any { t.title() } else { t.base() },
            )];
            for (ci, wc) in col_w.iter().enumerate() {
                let changed = r.changed.get(ci).copied().unwrap_or(false);
                let text = pair(
                    r.earlier.get(ci).copied().flatten(),
                    r.later.get(ci).copied().flatten(),
                    changed,
                );
                spans.push(Span::raw(" "));
                spans.push(Span::styled(
                    width::pad_left(&text, *wc),
                    if changed { t.warning() } else { t.base() },
                ));
            }
            out.push(Line::from(spans));
        }
    }
    out
}

/// How many body lines [`body`] makes for a comparison (for scrolling; counted, not
/// built): per run of rows sharing columns, a header and one line per row, or for wide
/// rows a label line and one line per column.
pub fn body_len(cmp: &Comparison) -> usize {
    runs(cmp)
        .map(|run| {
            let cols = run[0].columns.len();
            if cols > MAX_GRID_COLUMNS {
                run.len() * (1 + cols)
            } else {
                1 + run.len()
            }
        })
        .sum()
}

/// The runs of rows sharing their columns: each forms one grid of the body.
fn runs<'c, 'a>(cmp: &'c Comparison<'a>) -> impl Iterator<Item = &'c [compare::RowComparison<'a>]> {
    cmp.rows.chunk_by(|a, b| a.columns == b.columns)
}

/// Draws the view over the whole screen but the status bar ([`Plan::compare_body`] is
/// its body's height).
pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let Some(cv) = &app.compare else { return };
    let (Some(e), Some(l)) = (app.corpus.report(cv.earlier), app.corpus.report(cv.later)) else {
        return;
    };
    let t = &app.theme;
    let r = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    if r.height < 5 || r.width < 20 {
        return;
    }
    let cmp = compare::compare(e, l, cv.table);
    f.render_widget(Clear, r);
    let title = format!(
        "逐年对比 · {} · {} → {}",
        clean(&crate::agency::filed_name(l)),
        year(cmp.earlier_year),
        year(cmp.later_year)
    );
    let b = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border(true))
        .title(Span::styled(title, t.title()));
    let inner = b.inner(r);
    f.render_widget(b, r);
    let w = inner.width as usize;
    let mut head: Vec<Line> = Vec::new();
    // Tabs: the three tables, the shown one reversed and marked.
    let mut tabs = Vec::new();
    for (n, id) in TableId::ALL.into_iter().enumerate() {
        let name = format!("{} {}", n + 1, short_title(id));
        if id == cv.table {
            tabs.push(Span::styled(format!("▶{name}"), t.selected()));
        } else {
            tabs.push(Span::styled(format!(" {name}"), t.dim()));
        }
        tabs.push(Span::raw("  "));
    }
    head.push(Line::from(tabs));
    let file =
        |r: &crate::model::Report| clean(r.path.rsplit(['/', '\\']).next().unwrap_or(&r.path));
    head.push(Line::styled(
        width::truncate_ellipsis(
            &format!(
                "{} {}  →  {} {}",
                year(cmp.earlier_year),
                file(e),
                year(cmp.later_year),
                file(l)
            ),
            w,
        )
        .into_owned(),
        t.dim(),
    ));
    match carry_line(&cmp) {
        Some((text, broken)) => head.push(Line::styled(
            width::truncate_ellipsis(&text, w).into_owned(),
            if broken { t.error() } else { t.base() },
        )),
        None => head.push(Line::styled("Δ 标出两年不同的单元格", t.dim())),
    }
    let hint = format!(
        "{} 表二/三/四 · {} 切换 · {} 滚动 · {} 关闭",
        keys(
            app,
            &[
                crate::tui::Action::ShowT2,
                crate::tui::Action::ShowT3,
                crate::tui::Action::ShowT4
            ]
        ),
        keys(app, &[crate::tui::Action::Left, crate::tui::Action::Right]),
        keys(app, &[crate::tui::Action::Down, crate::tui::Action::Up]),
        keys(app, &[crate::tui::Action::Cancel, crate::tui::Action::Quit]),
    );
    let [head_r, body_r, hint_r] = Layout::vertical([
        Constraint::Length(head.len() as u16),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(inner);
    f.render_widget(Paragraph::new(head), head_r);
    let def = view::table_def(l, cv.table);
    let lines = body(app, &cmp, def, w);
    let h = body_r.height as usize;
    let shown: Vec<Line> = lines.into_iter().skip(cv.scroll).take(h).collect();
    f.render_widget(Paragraph::new(shown), body_r);
    f.render_widget(
        Paragraph::new(Line::styled(
            width::truncate_ellipsis(&hint, w).into_owned(),
            t.dim(),
        )),
        hint_r,
    );
}

fn short_title(id: TableId) -> &'static str {
    match id {
        TableId::T2 => "表二 主动公开",
        TableId::T3 => "表三 依申请公开",
        TableId::T4 => "表四 复议诉讼",
    }
}

/// The first key of each action in the comparison's keymap, joined with `/`.
fn keys(app: &App, actions: &[crate::tui::Action]) -> String {
    actions
        .iter()
        .filter_map(|a| app.keymap.key_for(Mode::Compare, *a))
        .collect::<Vec<_>>()
        .join("/")
}
