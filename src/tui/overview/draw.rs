//! Drawing the overview: reads the app, never changes it ([`super::Overview::fit`] ran
//! before). Bars and histograms are glyphs ([`crate::tui::glyphs`]), the selection a
//! pointer and reverse video, so the screen reads without colour.

use super::stats::{self, Distribution, Summary};
use super::{Item, Outliers, Overview, Row, Section};
use crate::indicators::display;
use crate::sanitize::clean;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::glyphs;
use crate::tui::keymap::Mode;
use crate::width;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// The counts section's lines (plain text).
pub fn count_lines(s: &Summary) -> Vec<String> {
    let mut out = vec![
        format!("已载入 {} 份报告 · {} 个机关", s.loaded, s.agencies),
        format!("无法读取 {} 个文件 · 未读取 {} 个文件", s.failed, s.skipped),
        format!(
            "模板报告 {} · 2019年前 {} · 非年度报告 {}",
            s.kinds[0], s.kinds[1], s.kinds[2]
        ),
    ];
    let cols = ["份数", "2019版", "2021版", "未识别", "非模板"];
    let mut head = width::pad_right("年度", 6);
    for c in cols {
        head.push_str(&width::pad_left(c, 8));
    }
    out.push(head);
    for y in &s.years {
        let mut line = width::pad_right(&y.year.map_or("未知".to_string(), |y| y.to_string()), 6);
        for n in [y.reports, y.v2019, y.v2021, y.unknown, y.not_template] {
            line.push_str(&width::pad_left(&n.to_string(), 8));
        }
        out.push(line);
    }
    out.push(match s.review {
        Some(r) => format!(
            "审阅：已审 {}/{} 份 · 审阅中 {} 份 · 待定 {} 条",
            r.reviewed, r.total, r.in_progress, r.undecided
        ),
        None => "审阅：未打开审阅文件".to_string(),
    });
    out
}

fn heading(section: Section) -> &'static str {
    match section {
        Section::Counts => "报告",
        Section::Rules => "各规则的发现（条数 · 报告份数）",
        Section::Late => "发布时间（按逾期天数，份）",
        Section::Indicators => "指标分布（全部已评价报告；▲ 本报告）",
    }
}

/// `R01 <40%`, `R02 已关闭`, or nothing (an indicator without a risk rule).
fn rule_text(d: &Distribution) -> String {
    match d.rule {
        Some((rule, t, below)) if crate::indicators::risk::is_off(t, below) => {
            format!("{rule} 已关闭")
        }
        Some((rule, t, below)) => {
            format!(
                "{rule} {}{}",
                if below { "<" } else { ">" },
                display(d.id, Some(t))
            )
        }
        None => String::new(),
    }
}

/// Columns before a histogram's first bucket.
const HIST_INDENT: usize = 4;

/// A histogram line's bucket width at `w` columns.
fn bucket_width(d: &Distribution, w: usize) -> usize {
    let (a, b) = stats::axis(d.id);
    let room = w.saturating_sub(HIST_INDENT + width::width(a) + width::width(b) + 2);
    (room / d.buckets.len().max(1)).clamp(1, 4)
}

/// The selected report's value and position, under its bucket.
fn marker_line(app: &App, d: &Distribution, w: usize) -> String {
    let Some(rep) = app.current else {
        return " ".repeat(HIST_INDENT) + "（未选择报告）";
    };
    let ov = app.overview.as_ref();
    let ind = ov.and_then(|o| o.summary.indicators.get(rep.get())?.get(d.id));
    let Some(ind) = ind else {
        return String::new();
    };
    let name = app
        .corpus
        .report(rep)
        .map(|r| clean(&crate::agency::filed_name(r)))
        .unwrap_or_default();
    let value = display(d.id, ind.value);
    let (text, at) = match (ind.value, ind.rated) {
        (Some(v), true) => {
            let pos = ind.position.map_or(String::new(), |p| {
                format!(" · 同级同年第 {}/{}", p.rank, p.of)
            });
            let bw = bucket_width(d, w);
            let (a, _) = stats::axis(d.id);
            let at = HIST_INDENT + width::width(a) + 1 + stats::bucket_of(d.id, v) * bw + bw / 2;
            (
                format!("{} 本报告 {value}{pos}", glyphs::THIS_REPORT),
                Some(at),
            )
        }
        _ => (
            format!(
                "本报告 {value}：{}",
                ind.note.as_deref().unwrap_or("未评价")
            ),
            None,
        ),
    };
    let text = format!("{text} · {name}");
    match at {
        // The marker under its bucket; the text after it, or before it when it is
        // too far right.
        Some(at) if at + width::width(&text) <= w => format!("{}{text}", " ".repeat(at)),
        Some(at) => {
            let head = format!("{} ", text.trim_start_matches(glyphs::THIS_REPORT).trim());
            let pad = at.saturating_sub(width::width(&head));
            format!(
                "{}{head}{}",
                " ".repeat(pad.max(HIST_INDENT)),
                glyphs::THIS_REPORT
            )
        }
        None => format!("{}{text}", " ".repeat(HIST_INDENT)),
    }
}

fn histogram(d: &Distribution, w: usize) -> String {
    let (a, b) = stats::axis(d.id);
    let bw = bucket_width(d, w);
    let max = d.buckets.iter().copied().max().unwrap_or(0);
    let cols: String = d
        .buckets
        .iter()
        .map(|&n| glyphs::level(n, max).repeat(bw))
        .collect();
    format!("{}{a} {cols} {b}", " ".repeat(HIST_INDENT))
}

/// One line of a column at width `w`.
fn row_line(app: &App, ov: &Overview, row: Row, selected: Option<Item>, w: usize) -> Line<'static> {
    let t = &app.theme;
    let s = &ov.summary;
    let pointer = |it: Item| {
        if selected == Some(it) {
            format!("{} ", glyphs::POINTER)
        } else {
            "  ".to_string()
        }
    };
    let sel_style = |it: Item| {
        if selected == Some(it) {
            t.selected()
        } else {
            t.base()
        }
    };
    let fit = |text: String| width::truncate_ellipsis(&text, w).into_owned();
    match row {
        Row::Gap => Line::raw(""),
        Row::Heading(sec) => Line::styled(fit(format!("── {}", heading(sec))), t.title()),
        Row::Count(k) => Line::raw(fit(count_lines(s).get(k).cloned().unwrap_or_default())),
        Row::Empty(_) => Line::styled("  （没有发现）", t.dim()),
        Row::Item(it @ Item::Rule(i), _) => {
            let Some(b) = s.rules.get(i) else {
                return Line::raw("");
            };
            let max = s.rules.iter().map(|b| b.findings).max().unwrap_or(0);
            let counts = format!(
                " {} {}",
                width::pad_left(&format!("{}条", b.findings), 6),
                width::pad_left(&format!("{}份", b.reports.len()), 6)
            );
            let head = format!(
                "{}{} {:<3} ",
                pointer(it),
                glyphs::severity(b.severity),
                b.rule
            );
            let bar_w = w.saturating_sub(width::width(&head) + width::width(&counts));
            let sev = crate::tui::panes::severity_style(t, b.severity);
            Line::from(vec![
                Span::styled(head, sev.patch(sel_style(it))),
                Span::styled(glyphs::bar(b.findings, max, bar_w), sel_style(it)),
                Span::styled(counts, sel_style(it)),
            ])
        }
        Row::Item(it @ Item::Late(i), _) => {
            let Some(b) = s.late.get(i) else {
                return Line::raw("");
            };
            let max = s.late.iter().map(|b| b.reports.len()).max().unwrap_or(0);
            let head = format!("{}{} ", pointer(it), width::pad_right(b.label, 12));
            let counts = format!(" {}", width::pad_left(&format!("{}份", b.reports.len()), 6));
            let bar_w = w.saturating_sub(width::width(&head) + width::width(&counts));
            let style = if i > 0 && i + 1 < s.late.len() && !b.reports.is_empty() {
                t.warning()
            } else {
                t.base()
            };
            Line::from(vec![
                Span::styled(head, style.patch(sel_style(it))),
                Span::styled(glyphs::bar(b.reports.len(), max, bar_w), sel_style(it)),
                Span::styled(counts, sel_style(it)),
            ])
        }
        Row::Item(it @ Item::Indicator(i), k) => {
            let Some(d) = s.distributions.get(i) else {
                return Line::raw("");
            };
            match k {
                0 => {
                    let mut text = format!("{}{}", pointer(it), d.id.label());
                    let rule = rule_text(d);
                    if !rule.is_empty() {
                        text.push_str(&format!("  {rule}"));
                    }
                    text.push_str(&format!("  已评价 {}", d.rated));
                    if d.unrated > 0 {
                        text.push_str(&format!(" · 分母不足 {}", d.unrated));
                    }
                    if d.rule.is_some() {
                        text.push_str(&format!(" · 超出 {}", d.outliers.len()));
                    }
                    Line::styled(fit(text), t.title().patch(sel_style(it)))
                }
                1 => Line::raw(fit(histogram(d, w))),
                _ => Line::styled(fit(marker_line(app, d, w)), t.dim()),
            }
        }
    }
}

/// What Enter does on the selected item, for the hint line.
fn item_hint(app: &App, ov: &Overview, it: Item) -> String {
    let s = &ov.summary;
    let enter = app.keymap.hint(Mode::Overview, Action::Enter);
    match it {
        Item::Rule(i) => s.rules.get(i).map_or(String::new(), |b| {
            let what = crate::validate::info(b.rule).description;
            format!(
                "{} {what} · {enter} 机关树只显示这 {} 份",
                b.rule,
                b.reports.len()
            )
        }),
        Item::Late(i) => s.late.get(i).map_or(String::new(), |b| {
            format!(
                "{}: {} 份 · {enter} 机关树只显示这些报告",
                b.label,
                b.reports.len()
            )
        }),
        Item::Indicator(i) => s.distributions.get(i).map_or(String::new(), |d| {
            if d.rule.is_none() {
                format!("{}没有风险阈值", d.id.label())
            } else {
                format!(
                    "{} ([indicators]) · {enter} 列出超出阈值的 {} 份",
                    rule_text(d),
                    d.outliers.len()
                )
            }
        }),
    }
}

fn keys(app: &App, actions: &[Action]) -> String {
    actions
        .iter()
        .filter_map(|a| app.keymap.key_for(Mode::Overview, *a))
        .collect::<Vec<_>>()
        .join("/")
}

fn hint_line(app: &App, ov: &Overview, w: usize) -> Line<'static> {
    let t = &app.theme;
    let left = match ov.outliers {
        Some(_) => format!(
            "{} 转到该报告",
            app.keymap.hint(Mode::Overview, Action::Enter)
        ),
        None => ov
            .selected_item()
            .map(|it| item_hint(app, ov, it))
            .unwrap_or_default(),
    };
    let right = if ov.outliers.is_some() {
        format!(
            "{} 移动 · {} 返回总览",
            keys(app, &[Action::Down, Action::Up]),
            keys(app, &[Action::Cancel, Action::Quit]),
        )
    } else {
        format!(
            "{} 移动 · {} 下一部分 · {} 返回",
            keys(app, &[Action::Down, Action::Up]),
            keys(app, &[Action::NextPane]),
            keys(app, &[Action::Cancel, Action::Quit]),
        )
    };
    let rw = width::width(&right);
    if width::width(&left) + rw + 2 <= w {
        let l = width::pad_right(&clean(&left), w - rw);
        Line::from(vec![Span::raw(l), Span::styled(right, t.dim())])
    } else {
        Line::raw(width::truncate_ellipsis(&clean(&left), w).into_owned())
    }
}

fn block(app: &App, title: String) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.border(true))
        .title(Span::styled(title, app.theme.title()))
}

/// `[a–b/n]` when a column does not fit.
fn scroll_mark(top: usize, h: usize, n: usize) -> String {
    if n <= h {
        String::new()
    } else {
        format!(" [{}–{}/{}行]", top + 1, (top + h).min(n), n)
    }
}

/// The overview over the screen but the status bar.
pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let Some(ov) = &app.overview else { return };
    let r = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    if r.height < 4 || r.width < 20 {
        return;
    }
    f.render_widget(Clear, r);
    let plan = super::plan(r);
    if let Some(o) = ov.outliers {
        let body = plan
            .blocks
            .iter()
            .copied()
            .reduce(|a, b| a.union(b))
            .unwrap_or(r);
        outliers(app, ov, o, f, body);
    } else {
        let wide = plan.wide();
        let selected = ov.selected_item();
        let s = &ov.summary;
        for (c, (rows, rect)) in ov.columns(wide).iter().zip(&plan.blocks).enumerate() {
            let h = plan.height(c);
            let top = ov.scroll.get(c).copied().unwrap_or(0);
            let title = match (wide, c) {
                (false, _) => format!("总览 · {} 个机关 {} 份报告", s.agencies, s.loaded),
                (true, 0) => format!("总览 · {} 个机关 {} 份报告", s.agencies, s.loaded),
                _ => "发布时间与指标".to_string(),
            };
            let b = block(app, format!("{title}{}", scroll_mark(top, h, rows.len())));
            let inner = b.inner(*rect);
            f.render_widget(b, *rect);
            let w = inner.width as usize;
            let lines: Vec<Line> = rows
                .iter()
                .skip(top)
                .take(h)
                .map(|row| row_line(app, ov, *row, selected, w))
                .collect();
            f.render_widget(Paragraph::new(lines), inner);
        }
    }
    f.render_widget(
        Paragraph::new(hint_line(app, ov, plan.hint.width as usize)),
        plan.hint,
    );
}

/// The reports past an indicator's risk threshold, the most extreme first.
fn outliers(app: &App, ov: &Overview, o: Outliers, f: &mut Frame, r: Rect) {
    let t = &app.theme;
    let Some(d) = ov.summary.distributions.get(o.dist) else {
        return;
    };
    let title = format!(
        "{} {} · 超出阈值 {} 份 ({} 返回)",
        rule_text(d),
        d.id.label(),
        d.outliers.len(),
        keys(app, &[Action::Cancel])
    );
    let b = block(app, title);
    let inner = b.inner(r);
    f.render_widget(b, r);
    let w = inner.width as usize;
    let (value_w, ratio_w, rank_w) = (8, 16, 10);
    let name_w = w.saturating_sub(2 + value_w + ratio_w + rank_w + 3);
    let cell = |s: &str, n: usize| width::pad_left(&width::truncate_ellipsis(s, n), n);
    let mut lines = vec![Line::styled(
        format!(
            "  {} {} {} {}",
            width::pad_right("机关 · 年度 · 文件", name_w),
            cell("值", value_w),
            cell("分子 ÷ 分母", ratio_w),
            cell("同级同年", rank_w)
        ),
        t.title(),
    )];
    if d.outliers.is_empty() {
        lines.push(Line::styled("  （没有报告超出阈值）", t.dim()));
    }
    let h = (inner.height as usize).saturating_sub(1).max(1);
    for (k, &ri) in d.outliers.iter().enumerate().skip(o.offset).take(h) {
        let (Some(rep), Some(ind)) = (
            app.corpus.report(ri),
            ov.summary
                .indicators
                .get(ri.get())
                .and_then(|x| x.get(d.id)),
        ) else {
            continue;
        };
        let year = rep
            .year
            .as_ref()
            .map_or("????".to_string(), |y| y.value.to_string());
        let name = format!(
            "{} {year} {}",
            crate::agency::filed_name(rep),
            crate::agency::file_name(&rep.path)
        );
        let num = |x: Option<f64>| x.map_or("?".to_string(), crate::validate::fmt_num);
        let ratio = format!("{} ÷ {}", num(ind.numerator), num(ind.denominator));
        let rank = ind
            .position
            .map_or("—".to_string(), |p| format!("{}/{}", p.rank, p.of));
        let selected = k == o.selected;
        let pointer = if selected {
            format!("{} ", glyphs::POINTER)
        } else {
            "  ".to_string()
        };
        let text = format!(
            "{pointer}{} {} {} {}",
            width::pad_right(&width::truncate_ellipsis(&clean(&name), name_w), name_w),
            cell(&display(d.id, ind.value), value_w),
            cell(&ratio, ratio_w),
            cell(&rank, rank_w)
        );
        let style: Style = if selected { t.selected() } else { t.base() };
        lines.push(Line::styled(text, style));
    }
    f.render_widget(Paragraph::new(lines), inner);
}
