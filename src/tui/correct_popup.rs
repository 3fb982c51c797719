//! The correction popup (drawing only; the state is [`super::app::CellEditor`]) and the
//! line that shows a corrected cell's original and reason.

use super::action::Action;
use super::app::{App, EditField, EditKind};
use super::glyphs::CORRECTED;
use super::keymap::Mode;
use super::layout::centered;
use crate::correction::{Correction, OriginalCell};
use crate::model::CellState;
use crate::sanitize::clean;
use crate::width;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// How a parsed cell is named: its text, `空`, `缺失`.
pub fn original_label(o: &OriginalCell) -> String {
    let lines = match (o.lines.first(), o.lines.last()) {
        (Some(a), Some(b)) if a != b => format!("（第{a}-{b}行）"),
        (Some(a), _) => format!("（第{a}行）"),
        _ => String::new(),
    };
    let what = match o.state.as_str() {
        "number" => clean(&o.text),
        "blank" => "空".to_string(),
        _ if o.invalid => format!("无效“{}”", clean(&o.text)),
        _ => "缺失".to_string(),
    };
    format!("{what}{lines}")
}

/// `✐ 已修正：原为 空（第56行）→ 1 │ 理由 │ 审计员 时间`, for the selected cell.
pub fn correction_line(c: &Correction) -> String {
    format!(
        "{CORRECTED} 已修正：原为 {} → {} │ 理由：{} │ {} {}",
        original_label(&c.original),
        clean(&c.new.label()),
        clean(&c.reason),
        clean(&c.reviewer),
        clean(&c.time)
    )
}

/// The editor over the middle of the screen.
pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let Some(ed) = &app.cell_editor else { return };
    let t = &app.theme;
    let r = centered(area, area.width.saturating_sub(4).min(76), 10);
    if r.height < 8 || r.width < 24 {
        return;
    }
    f.render_widget(Clear, r);
    let key = |a: Action| app.keymap.key_for(Mode::Correct, a).unwrap_or_default();
    let title = format!(
        "修正 {} — {} 保存 · {} 取消",
        clean(&ed.name),
        key(Action::Save),
        key(Action::Cancel)
    );
    let b = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border(true))
        .title(Span::styled(title, t.title()));
    let inner = b.inner(r);
    f.render_widget(b, r);
    let rows = Layout::vertical([Constraint::Length(1); 7]).split(inner);
    let w = inner.width as usize;
    let now = match ed.current.state {
        CellState::Number => clean(&ed.current.text),
        CellState::Blank => "空".to_string(),
        CellState::Missing => "缺失".to_string(),
        CellState::Invalid => format!("无效“{}”", clean(&ed.current.text)),
    };
    let line = |s: String| width::truncate_ellipsis(&s, w).into_owned();
    f.render_widget(
        Paragraph::new(Line::styled(line(format!("当前：{now}")), t.dim())),
        rows[0],
    );
    // The states, the chosen one reversed.
    let mut states: Vec<(EditKind, String)> = vec![
        (EditKind::Number, "数字".to_string()),
        (EditKind::Blank, "空白".to_string()),
        (EditKind::NotInReport, "报告中无此项".to_string()),
    ];
    for (i, v) in ed.options.iter().enumerate() {
        states.push((EditKind::Unplaced(i), format!("未定位值 {}", clean(v))));
    }
    let mut spans = vec![Span::styled("改为：", t.title())];
    for (k, label) in states {
        let style = if k == ed.kind { t.cursor() } else { t.base() };
        spans.push(Span::styled(format!(" {label} "), style));
    }
    spans.push(Span::styled(
        format!("  ({}/{} 选择)", key(Action::Up), key(Action::Down)),
        t.dim(),
    ));
    f.render_widget(Paragraph::new(Line::from(spans)), rows[1]);
    let label_w = 6u16;
    let field =
        |f: &mut Frame, r: Rect, label: &str, area: &ratatui_textarea::TextArea, on: bool| {
            let [l, b] =
                Layout::horizontal([Constraint::Length(label_w), Constraint::Min(0)]).areas(r);
            let style = if on { t.title() } else { t.dim() };
            f.render_widget(Paragraph::new(Span::styled(label.to_string(), style)), l);
            f.render_widget(area, b);
        };
    let number_on = ed.kind == EditKind::Number && ed.field == EditField::Number;
    if ed.kind == EditKind::Number {
        field(f, rows[2], "数值：", &ed.number, number_on);
    }
    field(f, rows[3], "理由：", &ed.reason, !number_on);
    if let Some(e) = &ed.error {
        f.render_widget(
            Paragraph::new(Line::styled(line(format!("✗ {}", clean(e))), t.error())),
            rows[5],
        );
    }
    f.render_widget(
        Paragraph::new(Line::styled(
            line(format!(
                "{} 切换数值/理由 · 理由必填 · 保存后立即重新校验 · u 撤销",
                key(Action::NextPane)
            )),
            t.dim(),
        )),
        rows[6],
    );
}
