//! The table at a glance (issue 13 §1): every column of table 3 on the first screen at
//! 80x24 and 120x40, table 4 as three groups of five, keys `2` `3` `4`, `0` `$`, the
//! hidden-column marker, zoom, and the full Chinese name of the selected cell.

mod tui_support;

use nianbao::template::TableId;
use nianbao::tui::App;
use nianbao::tui::app::{Pane, Target};
use tui_support::*;

fn open(name: &str) -> App {
    let mut app = samples_app();
    let r = app
        .corpus
        .reports
        .iter()
        .position(|r| r.path.contains(name))
        .map(nianbao::model::ReportIx::new)
        .unwrap_or_else(|| panic!("sample {name}"));
    app.jump(&Target::Section(r, 3));
    app
}

/// The table pane's text on each screen line: the second box of the screen.
fn table_pane(screen: &str) -> Vec<String> {
    screen
        .lines()
        .filter_map(|l| {
            let parts: Vec<&str> = l.split('│').collect();
            // │tree││table││source│ → "", tree, "", table, "", source, ""
            parts.get(3).map(|s| s.to_string())
        })
        .collect()
}

fn status_line(screen: &str) -> String {
    screen.lines().last().unwrap_or_default().to_string()
}

#[test]
fn table3_shows_all_seven_columns_on_the_first_screen() {
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let mut app = open("xunhua");
        let text = screen(&render(&mut app, w, h));
        let pane = table_pane(&text);
        let header = pane
            .iter()
            .find(|l| l.starts_with("项目"))
            .unwrap_or_else(|| panic!("{w}x{h}: no header\n{text}"));
        let heads: Vec<&str> = header.split_whitespace().skip(1).collect();
        assert_eq!(
            heads,
            ["自然人", "商业", "科研", "公益", "法律", "其他", "总计"],
            "{w}x{h}:\n{text}"
        );
        // 一、本年新收: 自然人 1 and 总计 1, both on screen.
        let new = pane
            .iter()
            .find(|l| l.starts_with("一、本年新收"))
            .unwrap_or_else(|| panic!("{w}x{h}: row 一\n{text}"));
        let cells: Vec<&str> = new.split_whitespace().skip(1).collect();
        assert_eq!(cells.first(), Some(&"1"), "{w}x{h}: {new}");
        assert_eq!(cells.last(), Some(&"1"), "{w}x{h}: 总计 {new}");
        assert_eq!(cells.len(), 7, "{w}x{h}: {new}");
        // No hidden columns, so no marker.
        assert!(!text.contains("还有"), "{w}x{h}:\n{text}");
        // The status bar names the selected cell in Chinese, in full.
        assert!(
            status_line(&text).contains("表三 › 一、本年新收政府信息公开申请数量·自然人"),
            "{w}x{h}: {}",
            status_line(&text)
        );
    }
}

#[test]
fn table4_is_three_groups_of_five_with_every_cell_visible() {
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        let mut app = open("yima");
        app.handle_key(&key('4'));
        assert_eq!(app.cursor.table, TableId::T4);
        assert_eq!(app.focus, Pane::Table);
        let text = screen(&render(&mut app, w, h));
        let pane = table_pane(&text);
        let header = pane.iter().find(|l| l.starts_with("项目")).expect("header");
        let heads: Vec<&str> = header.split_whitespace().skip(1).collect();
        assert_eq!(heads.len(), 5, "{w}x{h}: {header}");
        assert_eq!(heads[4], "总计", "{w}x{h}: {header}");
        // 驿马: 行政复议 blank (·), the ten 诉讼 cells 0 (FORMAT.md §9).
        for (label, cell) in [
            ("行政复议", "·"),
            ("未经复议直接起诉", "0"),
            ("复议后起诉", "0"),
        ] {
            let line = pane
                .iter()
                .find(|l| l.starts_with(label))
                .unwrap_or_else(|| panic!("{w}x{h}: no {label} line\n{text}"));
            let cells: Vec<&str> = line.split_whitespace().skip(1).collect();
            assert_eq!(cells, [cell; 5], "{w}x{h}: {line}");
        }
        assert!(
            status_line(&text).contains("表四 › 行政复议·结果维持"),
            "{}",
            status_line(&text)
        );
    }
}

#[test]
fn keys_move_through_table4_groups_and_to_the_ends_of_a_line() {
    let mut app = open("yima");
    app.handle_key(&key('4'));
    app.handle_key(&key('j'));
    assert_eq!(
        (app.cursor.row, app.cursor.col),
        (0, 5),
        "j: the next group"
    );
    app.handle_key(&key('$'));
    assert_eq!(app.cursor.col, 9, "$: the group's 总计");
    let text = screen(&render(&mut app, 80, 24));
    assert!(
        status_line(&text).contains("未经复议直接起诉·总计"),
        "{}",
        status_line(&text)
    );
    app.handle_key(&key('0'));
    assert_eq!(app.cursor.col, 5);
    app.handle_key(&key('k'));
    assert_eq!(app.cursor.col, 0);
    // 2 and 3: the other tables of the same report.
    app.handle_key(&key('2'));
    assert_eq!(app.cursor.table, TableId::T2);
    app.handle_key(&key('3'));
    assert_eq!(app.cursor.table, TableId::T3);
    app.handle_key(&key('$'));
    assert_eq!(app.cursor.col, 6, "$ on table 3: 总计");
}

#[test]
fn hidden_columns_are_said_and_reachable() {
    let mut app = open("xunhua");
    app.focus_pane(Pane::Table);
    // 30 columns: the table alone, too narrow for seven columns and a label.
    let text = screen(&render(&mut app, 30, 20));
    let title = text.lines().next().unwrap_or_default();
    assert!(
        title.contains("第1/7列") && title.contains("→ 还有"),
        "{text}"
    );
    app.handle_key(&key('$'));
    let text = screen(&render(&mut app, 30, 20));
    let title = text.lines().next().unwrap_or_default();
    assert!(title.contains("第7/7列") && title.contains('←'), "{text}");
    assert!(table_header_has(&text, "总"), "{text}");
    app.handle_key(&key('0'));
    assert_eq!(app.cursor.col, 0);
}

fn table_header_has(text: &str, what: &str) -> bool {
    text.lines().any(|l| l.contains("项目") && l.contains(what))
}

#[test]
fn zoom_gives_the_focused_pane_the_screen() {
    let mut app = open("xunhua");
    app.focus_pane(Pane::Table);
    let before = screen(&render(&mut app, 80, 24));
    assert!(before.contains("┌机关"));
    app.handle_key(&key('z'));
    let zoomed = screen(&render(&mut app, 80, 24));
    assert!(!zoomed.contains("┌机关"), "the tree is gone:\n{zoomed}");
    assert!(
        !zoomed.contains("发现"),
        "the findings pane is gone:\n{zoomed}"
    );
    let header = zoomed.lines().find(|l| l.contains("项目")).expect("header");
    assert!(
        header.starts_with("│项目"),
        "the table spans the screen: {header}"
    );
    // The zoomed table has room for the long labels.
    assert!(
        zoomed.contains("│一、本年新收政府信息公开申请数量 "),
        "{zoomed}"
    );
    app.handle_key(&key('+'));
    let back = screen(&render(&mut app, 80, 24));
    assert!(back.contains("┌机关"), "{back}");
}

#[test]
fn help_lists_the_table_keys() {
    let mut app = open("xunhua");
    app.handle_key(&key('?'));
    let text = screen(&render(&mut app, 120, 90));
    for what in [
        "表二",
        "表四",
        "表格: 第一列",
        "表格: 最后一列",
        "放大当前窗格",
    ] {
        assert!(text.contains(what), "{what}:\n{text}");
    }
}
