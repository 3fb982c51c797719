//! The grid builder on synthetic pages: glyphs placed as real exports place them.

use super::*;
use crate::ingest::pdf::{Glyph, Page, Rule};

const SIZE: f32 = 10.0;

/// Glyphs for `text` starting at (x, baseline-ish top y), one per character, CJK full width.
fn word(text: &str, x: f32, top: f32) -> Vec<Glyph> {
    let mut out = Vec::new();
    let mut at = x;
    for c in text.chars() {
        let w = if is_cjk(c) { SIZE } else { SIZE * 0.5 };
        out.push(Glyph {
            text: c.to_string().into(),
            x0: at,
            x1: at + w,
            top,
            bottom: top + SIZE,
            size: SIZE,
        });
        at += w;
    }
    out
}

/// A vertical label: one character per line.
fn column_word(text: &str, x: f32, top: f32) -> Vec<Glyph> {
    text.chars()
        .enumerate()
        .flat_map(|(i, c)| word(&c.to_string(), x, top + i as f32 * (SIZE + 2.0)))
        .collect()
}

/// Full rulings for a grid with the given boundaries.
fn ruled(xs: &[f32], ys: &[f32]) -> Vec<Rule> {
    let mut r = Vec::new();
    for &y in ys {
        r.push(Rule::horizontal(y, xs[0], xs[xs.len() - 1]));
    }
    for &x in xs {
        r.push(Rule::vertical(x, ys[0], ys[ys.len() - 1]));
    }
    r
}

fn page(number: u32, glyphs: Vec<Glyph>, rules: Vec<Rule>) -> Page {
    Page {
        number,
        width: 595.0,
        height: 842.0,
        glyphs,
        rules,
    }
}

#[test]
fn ruled_table_with_blank_cells_and_wrapped_header() {
    let xs = [50.0, 200.0, 260.0, 320.0];
    let ys = [100.0, 130.0, 150.0, 170.0];
    let mut g = Vec::new();
    g.extend(word("信息内容", 60.0, 110.0));
    // Header wrapped in its cell: 本年制发件 / 数.
    g.extend(word("本年制发件", 205.0, 102.0));
    g.extend(word("数", 225.0, 116.0));
    g.extend(word("现行有效", 265.0, 110.0));
    g.extend(word("规章", 60.0, 135.0));
    g.extend(word("0", 225.0, 135.0));
    // The third cell of 规章 is empty: blank.
    g.extend(word("行政规范性文件", 60.0, 155.0));
    g.extend(word("12", 225.0, 155.0));
    g.extend(word("3", 285.0, 155.0));
    let r = rebuild(&[page(1, g, ruled(&xs, &ys))]);
    assert_eq!(
        r.text,
        "| 信息内容       | 本年制发件数 | 现行有效 |\n\
         | 规章           | 0            |          |\n\
         | 行政规范性文件 | 12           | 3        |\n"
    );
    // Every cell text has its page and box.
    let at = r.text.find("12").expect("12 is there");
    let b = r
        .boxes
        .iter()
        .find(|b| b.byte_start as usize == at)
        .expect("box for 12");
    assert_eq!((b.page, b.bbox[0], b.bbox[1]), (1, 225.0, 155.0));
}

#[test]
fn blank_rows_are_kept_as_rows() {
    let xs = [50.0, 200.0, 260.0];
    let ys = [100.0, 120.0, 140.0, 160.0];
    let mut g = word("一、本年新收", 60.0, 105.0);
    g.extend(word("5", 225.0, 105.0));
    // Row 2 has a label and an empty number cell; row 3 is entirely empty.
    g.extend(word("二、上年结转", 60.0, 125.0));
    let r = rebuild(&[page(1, g, ruled(&xs, &ys))]);
    assert_eq!(
        r.text,
        "| 一、本年新收 | 5 |\n| 二、上年结转 |   |\n|              |   |\n"
    );
}

#[test]
fn vertical_group_label_in_a_merged_cell() {
    // Column 0 spans three rows (no horizontal rulings cross it); the label is printed
    // one character per line.
    let xs = [50.0, 80.0, 200.0, 240.0];
    let mut rules = vec![
        Rule::horizontal(100.0, 50.0, 240.0),
        Rule::horizontal(220.0, 50.0, 240.0),
        Rule::horizontal(140.0, 80.0, 240.0),
        Rule::horizontal(180.0, 80.0, 240.0),
    ];
    for x in xs {
        rules.push(Rule::vertical(x, 100.0, 220.0));
    }
    let mut g = column_word("三、本年度办理结果", 60.0, 102.0);
    g.extend(word("（一）予以公开", 85.0, 115.0));
    g.extend(word("8", 215.0, 115.0));
    g.extend(word("（二）部分公开", 85.0, 155.0));
    g.extend(word("1", 215.0, 155.0));
    g.extend(word("（七）总计", 85.0, 195.0));
    g.extend(word("9", 215.0, 195.0));
    let r = rebuild(&[page(1, g, rules)]);
    assert_eq!(
        r.text,
        "| 三、本年度办理结果 | （一）予以公开 | 8 |\n\
         |                    | （二）部分公开 | 1 |\n\
         |                    | （七）总计     | 9 |\n"
    );
}

#[test]
fn double_borders_are_one_line() {
    // Each boundary drawn twice, 1.5 pt apart (a double border), and as separate
    // per-cell segments (as Chromium draws them).
    let mut rules = Vec::new();
    for y in [100.0f32, 120.0, 140.0] {
        for (a, b) in [(50.0f32, 200.0f32), (200.0, 260.0)] {
            rules.push(Rule::horizontal(y, a, b));
            rules.push(Rule::horizontal(y + 1.5, a, b));
        }
    }
    for x in [50.0f32, 200.0, 260.0] {
        rules.push(Rule::vertical(x, 100.0, 141.5));
        rules.push(Rule::vertical(x + 1.5, 100.0, 141.5));
    }
    let mut g = word("规章", 60.0, 105.0);
    g.extend(word("3", 225.0, 105.0));
    g.extend(word("行政许可", 60.0, 125.0));
    g.extend(word("7", 225.0, 125.0));
    let r = rebuild(&[page(1, g, rules)]);
    assert_eq!(r.text, "| 规章     | 3 |\n| 行政许可 | 7 |\n");
}

#[test]
fn page_break_with_page_number_between_rows() {
    let xs = [50.0, 200.0, 260.0];
    let mut g1 = word("正文一行", 50.0, 60.0);
    g1.extend(word("1.属于国家秘密", 60.0, 705.0));
    g1.extend(word("0", 225.0, 705.0));
    g1.extend(word("-4-", 290.0, 800.0));
    let p1 = page(1, g1, ruled(&xs, &[700.0, 720.0]));
    let mut g2 = word("2.其他法律行政法规禁止公开", 55.0, 65.0);
    g2.extend(word("0", 225.0, 65.0));
    g2.extend(word("-5-", 290.0, 800.0));
    let p2 = page(2, g2, ruled(&xs, &[60.0, 80.0]));
    let r = rebuild(&[p1, p2]);
    assert_eq!(
        r.text,
        "正文一行\n\n| 1.属于国家秘密 | 0 |\n\n-4-\n\n| 2.其他法律行政法规禁止公开 | 0 |\n\n-5-\n"
    );
    let at = r.text.rfind("| 0 |").expect("row") + 2;
    let b = r
        .boxes
        .iter()
        .find(|b| b.byte_start as usize == at)
        .expect("box");
    assert_eq!(b.page, 2);
}

#[test]
fn unruled_number_glued_to_its_label_and_column_gaps() {
    // No rulings: a number set tight against its label stays one piece (the parser splits
    // it where it can); wide gaps between columns are tabs.
    let mut g = word("（一）予以公开", 50.0, 100.0);
    g.extend(word("6", 120.0, 100.0)); // touching the label
    g.extend(word("0", 200.0, 100.0));
    g.extend(word("17", 260.0, 100.0));
    let r = rebuild(&[page(1, g, Vec::new())]);
    assert_eq!(r.text, "（一）予以公开6\t0\t17\n");
    assert_eq!(r.boxes.len(), 3);
}

#[test]
fn lines_follow_the_page_not_the_glyph_order() {
    // Glyphs arrive bottom line first (content streams are in any order).
    let mut g = word("第二行", 50.0, 130.0);
    g.extend(word("第一行 word", 50.0, 100.0));
    let r = rebuild(&[page(1, g, Vec::new())]);
    assert_eq!(r.text, "第一行 word\n第二行\n");
}

#[test]
fn merged_rules() {
    let m = merge_rules(vec![
        Rule::horizontal(100.0, 0.0, 50.0),
        Rule::horizontal(101.0, 50.5, 90.0),
        Rule::horizontal(100.5, 200.0, 250.0),
        Rule::horizontal(130.0, 0.0, 90.0),
    ]);
    assert_eq!(m.len(), 3);
    assert_eq!((m[0].from, m[0].to), (0.0, 90.0));
    assert_eq!((m[1].from, m[1].to), (200.0, 250.0));
}
