//! Whole-screen snapshots (insta) and style assertions on failing cells.

mod tui_support;

use nianbao::template::TableId;
use nianbao::tree::NodeId;
use nianbao::tui::app::Target;
use nianbao::tui::{Action, App};
use ratatui::style::{Color, Modifier};
use tui_support::*;

fn fixture_on_table3(color: bool) -> App {
    let mut app = fixture_app(color);
    let r = app
        .corpus
        .reports
        .iter()
        .position(|r| r.path.contains("xunhua"))
        .map(nianbao::model::ReportIx::new)
        .expect("fixture");
    app.jump(&Target::Section(r, 3));
    app.update(Action::NextFailure);
    app
}

#[test]
fn fixture_table3_120x40() {
    let mut app = fixture_on_table3(true);
    let term = render(&mut app, 120, 40);
    insta::assert_snapshot!(screen(&term));
}

#[test]
fn fixture_table3_80x24() {
    let mut app = fixture_on_table3(true);
    let term = render(&mut app, 80, 24);
    insta::assert_snapshot!(screen(&term));
}

#[test]
fn failing_cells_are_red_reversed_bold_with_marker() {
    let mut app = fixture_on_table3(true);
    app.update(Action::NextFailure); // A01 on new/total: scrolls the total column into view
    app.update(Action::NextPane); // leave the table so the cursor does not restyle the cell
    let term = render(&mut app, 120, 40);
    let (x, y) = find_on_screen(&term, "2!").expect("failing total shown with marker");
    let buf = term.backend().buffer();
    let st = buf[(x, y)].style();
    assert_eq!(st.fg, Some(Color::Red));
    assert!(
        st.add_modifier
            .contains(Modifier::REVERSED | Modifier::BOLD)
    );
    // The cell to its left (blank, no finding) is plain.
    let blank_x = (0..x)
        .rev()
        .find(|&bx| buf[(bx, y)].symbol() == "·")
        .expect("blank cell");
    assert!(
        !buf[(blank_x, y)]
            .style()
            .add_modifier
            .contains(Modifier::REVERSED)
    );
    assert_ne!(buf[(blank_x, y)].style().fg, Some(Color::Red));
    // Blank cells are `·`, missing rows dimmed with (未找到).
    assert!(find_on_screen(&term, "·").is_some());
    let (dx, dy) = find_on_screen(&term, "(未找到)").expect("missing row");
    assert!(
        buf[(dx, dy)].style().add_modifier.contains(Modifier::DIM) || {
            // S05 makes the missing row's label an error instead.
            buf[(dx, dy)].style().add_modifier.contains(Modifier::BOLD)
        }
    );
}

#[test]
fn no_color_keeps_failures_visible() {
    let mut app = fixture_on_table3(false);
    app.update(Action::NextFailure);
    app.update(Action::NextPane);
    let term = render(&mut app, 120, 40);
    let buf = term.backend().buffer();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let st = buf[(x, y)].style();
            assert!(
                matches!(st.fg, None | Some(Color::Reset)),
                "colour at {x},{y}"
            );
            assert!(
                matches!(st.bg, None | Some(Color::Reset)),
                "colour at {x},{y}"
            );
        }
    }
    let (x, y) = find_on_screen(&term, "2!").expect("marker without colour");
    assert!(
        buf[(x, y)]
            .style()
            .add_modifier
            .contains(Modifier::REVERSED | Modifier::BOLD)
    );
    let (x, y) = find_on_screen(&term, "*").expect("warning marker");
    assert!(buf[(x, y)].style().add_modifier.contains(Modifier::BOLD));
}

#[test]
fn escape_sequences_in_reports_render_inert() {
    let mut app = fixture_app(true);
    let r = app
        .corpus
        .reports
        .iter()
        .position(|r| r.path.contains("xunhua"))
        .map(nianbao::model::ReportIx::new)
        .expect("fixture");
    app.jump(&Target::Section(r, 4));
    // Wide enough for the whole line in the source pane (35% of the screen).
    let term = render(&mut app, 140, 40);
    let text = screen(&term);
    assert!(
        text.contains("␛]52;c;ZXZpbA==␇文本␛[2J结束<9B>31m"),
        "{text}"
    );
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
}

#[test]
fn tiny_and_odd_sizes_do_not_panic() {
    let mut app = fixture_on_table3(true);
    for (w, h) in [
        (1, 1),
        (20, 5),
        (10, 3),
        (40, 12),
        (59, 9),
        (60, 10),
        (80, 24),
        (119, 15),
        (200, 60),
    ] {
        for focus in [
            Action::NextPane,
            Action::NextPane,
            Action::NextPane,
            Action::NextPane,
        ] {
            app.update(focus);
            let _ = render(&mut app, w, h);
        }
        app.update(Action::Help);
        let _ = render(&mut app, w, h);
        app.update(Action::Quit);
        app.update(Action::Finder);
        let _ = render(&mut app, w, h);
        app.update(Action::Cancel);
    }
    assert!(!app.quit);
}

#[test]
fn narrow_screen_toggles_table_and_source() {
    let mut app = fixture_on_table3(true);
    app.focus_pane(nianbao::tui::Pane::Table);
    let term = render(&mut app, 80, 24);
    assert!(screen(&term).contains("表三"));
    app.update(Action::ToggleSource);
    let term = render(&mut app, 80, 24);
    assert!(screen(&term).contains("原文"));
    assert!(app.viewport.narrow);
}

#[test]
fn help_is_built_from_the_keymap() {
    let c = nianbao::config::Config::with_user("[keys.normal]\nhelp = [\"F1\"]\n", "u")
        .expect("config");
    let keymap = nianbao::tui::Keymap::from_config(&c).expect("keymap");
    let mut app = App::new(None, keymap, theme(true));
    app.update(Action::Help);
    let term = render(&mut app, 100, 50);
    let text = screen(&term);
    assert!(text.contains("F1"), "{text}");
    // In Chinese, with the tree's counts and every glyph explained.
    assert!(text.contains("本报告下一处问题"), "{text}");
    assert!(!text.contains("next failure in this report"), "{text}");
    assert!(text.contains("待4 未决定的错误和警告 (提示不计)"), "{text}");
    assert!(
        text.contains("‽ 无效") && text.contains("☑ 已审阅"),
        "{text}"
    );
    // Each key once: Esc and Ctrl-c, the same in every popup, are listed for the main
    // screen only.
    assert_eq!(text.matches("  Esc ").count(), 1, "{text}");
    assert_eq!(text.matches("  Ctrl-c ").count(), 1, "{text}");
    // At the bottom: the rule catalogue.
    app.update(Action::Bottom);
    let text = screen(&render(&mut app, 100, 50));
    let last = nianbao::validate::rules().last().expect("rules");
    assert!(
        text.contains(&format!("{:<4} {:<8}", last.id, last.severity.as_str())),
        "{text}"
    );
}

/// Hints in messages and placeholders name the keys in effect, not the defaults.
#[test]
fn hints_name_the_rebound_keys() {
    let c = nianbao::config::Config::with_user(
        "[keys.normal]\nsource_search = [\"F3\"]\nfinder = [\"F2\"]\n[keys.help]\nquit = [\"x\"]\n",
        "u",
    )
    .expect("config");
    let keymap = nianbao::tui::Keymap::from_config(&c).expect("keymap");
    let mut app = App::new(None, keymap, theme(false));
    app.update(Action::NextHit);
    assert_eq!(app.message.as_deref(), Some("没有查找结果 (F3 查找)"));
    let text = screen(&render(&mut app, 120, 40));
    assert!(text.contains("(F2 查找)"), "{text}");
    app.update(Action::Help);
    let text = screen(&render(&mut app, 120, 40));
    assert!(text.contains("(x/Esc 关闭 · j/k 滚动)"), "{text}");
}

// ---- on samples/ (depend on the parser and the validator) -------------------------

/// Step with `]` until a table-3 failure is selected.
fn to_table3_failure(app: &mut App) {
    for _ in 0..50 {
        app.update(Action::NextFailure);
        let on_t3 = app
            .selected_finding()
            .and_then(|i| app.current_report()?.finding(i))
            .is_some_and(|f| f.table == Some(TableId::T3));
        if on_t3 {
            return;
        }
    }
    panic!("no table-3 failure in the 循化 sample");
}

fn xunhua(app: &App) -> nianbao::model::ReportIx {
    app.corpus
        .reports
        .iter()
        .position(|r| r.path.contains("xunhua"))
        .map(nianbao::model::ReportIx::new)
        .expect("xunhua sample")
}

#[test]
fn samples_tree_80x24() {
    let mut app = samples_app();
    let term = render(&mut app, 80, 24);
    insta::assert_snapshot!(screen(&term));
}

#[test]
fn samples_xunhua_table3_120x40() {
    let mut app = samples_app();
    let r = xunhua(&app);
    app.tree.reveal(&NodeId::Table(r, TableId::T3), &app.corpus);
    app.jump(&Target::Section(r, 3));
    to_table3_failure(&mut app);
    let term = render(&mut app, 120, 40);
    insta::assert_snapshot!(screen(&term));
}

#[test]
fn samples_xunhua_table3_80x24() {
    let mut app = samples_app();
    let r = xunhua(&app);
    app.jump(&Target::Section(r, 3));
    to_table3_failure(&mut app);
    let term = render(&mut app, 80, 24);
    insta::assert_snapshot!(screen(&term));
}

#[test]
fn samples_finder_pinyin_80x24_and_120x40() {
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let mut app = samples_app();
        app.update(Action::Finder);
        for c in "xhx".chars() {
            app.update(Action::Input(crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Char(c),
                crossterm::event::KeyModifiers::NONE,
            )));
        }
        let term = render(&mut app, w, h);
        insta::assert_snapshot!(format!("samples_finder_xhx_{w}x{h}"), screen(&term));
    }
}

#[test]
fn samples_help_80x24() {
    let mut app = samples_app();
    app.update(Action::Help);
    let term = render(&mut app, 80, 24);
    insta::assert_snapshot!(screen(&term));
}

/// Row `row` (0-based, inside the borders) of the source pane as drawn: the line number
/// in its gutter and the text after the gutter.
fn source_row(
    term: &ratatui::Terminal<ratatui::backend::TestBackend>,
    app: &App,
    row: u16,
) -> Option<(usize, String)> {
    let buf = term.backend().buffer();
    let plan = nianbao::tui::layout::Plan::build(buf.area, app.focus, app.center_source);
    let inner = nianbao::tui::layout::inner(plan.source?);
    if row >= inner.height {
        return None;
    }
    let y = inner.y + row;
    let mut digits = String::new();
    let mut x = inner.x;
    while x < inner.x + inner.width {
        match buf[(x, y)].symbol().chars().next() {
            Some(c) if c.is_ascii_digit() => digits.push(c),
            Some(' ') if digits.is_empty() => {}
            _ => break,
        }
        x += 1;
    }
    // One space after the number, then the text (wide characters take two cells).
    let mut text = String::new();
    x += 1;
    while x < inner.x + inner.width {
        let sym = buf[(x, y)].symbol();
        text.push_str(sym);
        x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
    }
    Some((digits.parse().ok()?, text))
}

fn source_gutter(
    term: &ratatui::Terminal<ratatui::backend::TestBackend>,
    app: &App,
    row: u16,
) -> Option<usize> {
    source_row(term, app, row).map(|(n, _)| n)
}

/// Issue 12's tab-stop bug: a tab-separated line keeps its columns when a cell in it is
/// highlighted (the line is made inert whole, then the cell's range is cut from it).
#[test]
fn a_highlighted_cell_does_not_shift_the_tab_stops_of_its_line() {
    let mut app = fixture_on_table3(true);
    // Row `new`, first column: the `1` on line 8 (`label<TAB>1<TAB>…<TAB>2`).
    app.focus_pane(nianbao::tui::Pane::Table);
    let r = app.current.expect("a report");
    let def = nianbao::tui::view::table_def(&app.corpus.reports[r], TableId::T3);
    app.cursor.row = def.row_index("new").expect("row new");
    for _ in 0..8 {
        app.update(Action::Left);
    }
    assert_eq!(app.cursor.col, 0);
    let hl = app.source.highlight.expect("the cell is highlighted");
    let raw = app.corpus.reports[r]
        .source
        .line(hl.line_start as usize)
        .to_string();
    assert!(raw.contains('\t') && hl.byte_end > hl.byte_start, "{raw:?}");
    let term = render(&mut app, 200, 40);
    let (_, shown) = (0..40)
        .filter_map(|row| source_row(&term, &app, row))
        .find(|(n, _)| *n == hl.line_start as usize)
        .expect("the highlighted line is on screen");
    let whole = nianbao::sanitize::clean(&raw);
    assert_eq!(shown.trim_end(), whole.trim_end(), "line {raw:?}");
    // And the highlighted cell is the one styled as such, at its column in the whole line.
    let cell = &app.corpus.reports[r].source.text[hl.byte_start as usize..hl.byte_end as usize];
    assert_eq!(cell, "1");
}

/// Issue 12's resize bug: the source pane is fitted to the frame being drawn. Scrolled on
/// a 130x50 screen so the highlighted line sits low in a tall source pane, then shrunk
/// to 130x16 and drawn once: the highlighted line must be on screen in that frame.
#[test]
fn resizing_keeps_the_highlighted_source_line_on_the_first_frame() {
    let mut app = samples_app();
    let r = xunhua(&app);
    app.jump(&Target::Section(r, 3));
    app.focus_pane(nianbao::tui::Pane::Table);
    let mut low = None;
    for _ in 0..60 {
        let _ = render(&mut app, 130, 50);
        let hl = app.source.highlight.expect("a highlighted cell").line_start as usize;
        if hl > app.source.top + 16 {
            low = Some(hl);
            break;
        }
        app.update(Action::Down);
    }
    let hl = low.expect("the highlight never sat low in the 130x50 source pane");
    let term = render(&mut app, 130, 16);
    let shown: Vec<usize> = (0..16)
        .filter_map(|row| source_gutter(&term, &app, row))
        .collect();
    assert!(
        shown.contains(&hl),
        "highlighted line {hl} not on the 130x16 screen, which shows {shown:?}\n{}",
        screen(&term)
    );
}
