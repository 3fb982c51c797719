//! Rebuilding text from glyphs and rulings.
//!
//! - **Rulings** are merged per page: segments on the same line (within [`SAME_LINE`]
//!   points, so a double border is one line) that touch are one segment.
//! - **Ruled tables** are the connected sets of horizontal and vertical rulings. Their
//!   column boundaries are the vertical rulings' positions, their row boundaries the
//!   horizontal ones'. Two neighbouring grid positions are one merged cell where no ruling
//!   separates them. Every glyph inside the table belongs to the grid position its centre
//!   is in; a cell's lines (a wrapped header `商业企` / `业`, a group label printed one
//!   character per line) are joined. A ruled position without glyphs is an empty (blank)
//!   cell: the rulings define it.
//! - **Other glyphs** form visual lines (glyphs whose vertical centres are within half a
//!   font size), ordered left to right; a gap wider than [`TAB_GAP`] font sizes, or any
//!   visible gap between two numbers, is a tab (a column gap in an unruled table), a smaller
//!   visible gap a space. Other unruled tables get no columns of their own: where a row has
//!   fewer numbers than the table has columns, the parser leaves its cells missing.
//! - **Unruled table 3**: its columns come from its header words ([`columns`]); rows whose
//!   numbers fall clearly in those columns are written as `| … |` rows with their empty
//!   cells.
//! - Tables and lines are written in page order, top to bottom; a table has a blank line
//!   before and after it. Page footers (`-4-`) are lines like any other.

use super::columns::{self, Columns};
use super::{Glyph, Page, Rebuilt, Rule};
use crate::html::is_cjk;
use crate::model::TextBox;
use crate::width::width;

/// Rulings closer than this (points) are one line (double borders, overlapping cell borders).
pub const SAME_LINE: f32 = 3.5;
/// Collinear segments with a gap up to this (points) are one segment.
const JOIN_GAP: f32 = 2.0;
/// Slack (points) when testing whether rulings meet.
const TOUCH: f32 = 2.5;
/// A gap between glyphs wider than this many font sizes is a column gap (a tab).
pub const TAB_GAP: f32 = 1.5;
/// Columns beyond this are not drawn (a hostile page with thousands of rulings).
const MAX_GRID: usize = 256;

/// Rebuild every page.
pub fn rebuild(pages: &[Page]) -> Rebuilt {
    let mut w = Writer::default();
    for p in pages {
        page(p, &mut w);
    }
    Rebuilt {
        text: w.finish(),
        boxes: w.boxes,
        pages: pages.len(),
    }
}

/// A piece of a line and where it was printed.
#[derive(Debug, Clone)]
pub(super) struct Piece {
    pub text: String,
    pub place: Option<(u32, [f32; 4])>,
}

#[derive(Debug, Default)]
struct Writer {
    text: String,
    boxes: Vec<TextBox>,
    /// The last written line was blank (or nothing was written yet).
    blank: bool,
    started: bool,
    /// The columns of an unruled table 3 being written (they carry over a page break).
    columns: Option<Columns>,
}

impl Writer {
    fn line(&mut self, pieces: &[Piece]) {
        let mut s = String::new();
        for p in pieces {
            s.push_str(&p.text);
        }
        if s.trim().is_empty() {
            self.blank_line();
            return;
        }
        let base = self.text.len();
        let mut at = base;
        for p in pieces {
            if let Some((page, bbox)) = p.place {
                let text = p.text.trim();
                if !text.is_empty() {
                    let lead = p.text.len() - p.text.trim_start().len();
                    self.boxes.push(TextBox {
                        byte_start: (at + lead) as u32,
                        byte_end: (at + lead + text.len()) as u32,
                        page,
                        bbox,
                    });
                }
            }
            at += p.text.len();
        }
        self.text.push_str(s.trim_end());
        self.text.push('\n');
        self.blank = false;
        self.started = true;
    }

    fn blank_line(&mut self) {
        if self.started && !self.blank {
            self.text.push('\n');
            self.blank = true;
        }
    }

    fn finish(&mut self) -> String {
        while self.text.ends_with("\n\n") {
            self.text.pop();
        }
        std::mem::take(&mut self.text)
    }
}

/// Merge rulings of one orientation: same line within [`SAME_LINE`], touching segments joined.
pub fn merge_rules(mut rules: Vec<Rule>) -> Vec<Rule> {
    rules.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut out: Vec<Rule> = Vec::new();
    let mut i = 0;
    while i < rules.len() {
        let first = rules[i].pos;
        let mut j = i;
        while j < rules.len() && rules[j].pos - first <= SAME_LINE {
            j += 1;
        }
        let cluster = &mut rules[i..j];
        let pos = cluster.iter().map(|r| r.pos).sum::<f32>() / cluster.len() as f32;
        cluster.sort_by(|a, b| a.from.total_cmp(&b.from));
        let mut cur: Option<Rule> = None;
        for r in cluster.iter() {
            match cur.as_mut() {
                Some(c) if r.from <= c.to + JOIN_GAP => c.to = c.to.max(r.to),
                _ => {
                    if let Some(c) = cur.take() {
                        out.push(c);
                    }
                    cur = Some(Rule { pos, ..*r });
                }
            }
        }
        out.extend(cur);
        i = j;
    }
    out
}

fn meets(h: &Rule, v: &Rule) -> bool {
    h.from - TOUCH <= v.pos
        && v.pos <= h.to + TOUCH
        && v.from - TOUCH <= h.pos
        && h.pos <= v.to + TOUCH
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// A ruled table on a page.
#[derive(Debug, Clone)]
pub struct Grid {
    /// Column boundaries (x) and row boundaries (y), ascending.
    pub xs: Vec<f32>,
    pub ys: Vec<f32>,
    hs: Vec<Rule>,
    vs: Vec<Rule>,
}

impl Grid {
    fn rows(&self) -> usize {
        self.ys.len() - 1
    }
    fn cols(&self) -> usize {
        self.xs.len() - 1
    }
    fn contains(&self, g: &Glyph) -> bool {
        let (cx, cy) = (g.cx(), g.cy());
        self.xs[0] < cx
            && cx < self.xs[self.xs.len() - 1]
            && self.ys[0] < cy
            && cy < self.ys[self.ys.len() - 1]
    }
    /// A vertical ruling at boundary `k` crosses row `r`.
    fn wall(&self, k: usize, r: usize) -> bool {
        let mid = (self.ys[r] + self.ys[r + 1]) / 2.0;
        let x = self.xs[k];
        self.vs
            .iter()
            .any(|v| (v.pos - x).abs() < 0.5 && v.from - 1.0 <= mid && mid <= v.to + 1.0)
    }
    /// A horizontal ruling at boundary `k` crosses column `c`.
    fn floor(&self, k: usize, c: usize) -> bool {
        let mid = (self.xs[c] + self.xs[c + 1]) / 2.0;
        let y = self.ys[k];
        self.hs
            .iter()
            .any(|h| (h.pos - y).abs() < 0.5 && h.from - 1.0 <= mid && mid <= h.to + 1.0)
    }
}

/// The ruled tables of a page: connected rulings with at least two of each orientation.
pub fn grids(rules: &[Rule]) -> Vec<Grid> {
    let hs = merge_rules(rules.iter().filter(|r| r.horizontal).copied().collect());
    let vs = merge_rules(rules.iter().filter(|r| !r.horizontal).copied().collect());
    let n = hs.len() + vs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            if meets(h, v) {
                union(&mut parent, i, hs.len() + j);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Rule>, Vec<Rule>)> =
        std::collections::BTreeMap::new();
    for i in 0..n {
        let root = find(&mut parent, i);
        let e = groups.entry(root).or_default();
        if i < hs.len() {
            e.0.push(hs[i]);
        } else {
            e.1.push(vs[i - hs.len()]);
        }
    }
    let mut out = Vec::new();
    for (_, (hs, vs)) in groups {
        let mut ys: Vec<f32> = hs.iter().map(|h| h.pos).collect();
        let mut xs: Vec<f32> = vs.iter().map(|v| v.pos).collect();
        ys.sort_by(f32::total_cmp);
        xs.sort_by(f32::total_cmp);
        ys.dedup_by(|a, b| (*a - *b).abs() < 0.5);
        xs.dedup_by(|a, b| (*a - *b).abs() < 0.5);
        // A table cut by a page break has no border on the cut side: its vertical rulings
        // run past the last horizontal one. Their ends bound the rows there.
        if let (Some(&first), Some(&last)) = (ys.first(), ys.last()) {
            let top = vs.iter().map(|v| v.from).fold(f32::MAX, f32::min);
            let bottom = vs.iter().map(|v| v.to).fold(f32::MIN, f32::max);
            if top < first - SAME_LINE {
                ys.insert(0, top);
            }
            if bottom > last + SAME_LINE {
                ys.push(bottom);
            }
        }
        if xs.len() < 2 || ys.len() < 2 || xs.len() > MAX_GRID || ys.len() > 4 * MAX_GRID {
            continue;
        }
        out.push(Grid { xs, ys, hs, vs });
    }
    out
}

/// Group glyphs into visual lines, each left to right, lines top to bottom.
pub fn visual_lines(mut gs: Vec<&Glyph>) -> Vec<Vec<&Glyph>> {
    gs.sort_by(|a, b| a.cy().total_cmp(&b.cy()).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<(f32, f32, Vec<&Glyph>)> = Vec::new(); // (centre, size, glyphs)
    for g in gs {
        match lines.last_mut() {
            Some((cy, size, line)) if (g.cy() - *cy).abs() <= 0.5 * size.max(g.size) => {
                line.push(g);
                *size = size.max(g.size);
            }
            _ => lines.push((g.cy(), g.size, vec![g])),
        }
    }
    lines
        .into_iter()
        .map(|(_, _, mut l)| {
            l.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            l
        })
        .collect()
}

/// A visual line as pieces: runs of glyphs split at column gaps (tabs).
pub(super) fn line_pieces(line: &[&Glyph], page: u32) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut cur = String::new();
    let mut bbox: Option<[f32; 4]> = None;
    let mut prev: Option<&Glyph> = None;
    let flush = |cur: &mut String, bbox: &mut Option<[f32; 4]>, pieces: &mut Vec<Piece>| {
        if !cur.is_empty() {
            pieces.push(Piece {
                text: std::mem::take(cur),
                place: bbox.take().map(|b| (page, b)),
            });
        }
    };
    for g in line {
        if let Some(p) = prev {
            let gap = g.x0 - p.x1;
            let size = p.size.max(g.size).max(1.0);
            // Two numbers apart are two fields whatever the gap: no number has a space in it.
            let numbers = p.text.ends_with(|c: char| c.is_ascii_digit())
                && g.text.starts_with(|c: char| c.is_ascii_digit());
            if gap > TAB_GAP * size || (numbers && gap > 0.25 * size) {
                flush(&mut cur, &mut bbox, &mut pieces);
                pieces.push(Piece {
                    text: "\t".into(),
                    place: None,
                });
            } else if gap > 0.25 * size
                && !(is_cjk_str(&p.text) && is_cjk_str(&g.text) && gap < 0.6 * size)
            {
                cur.push(' ');
            }
        }
        cur.push_str(&clean(&g.text));
        bbox = Some(grow(bbox, g));
        prev = Some(g);
    }
    flush(&mut cur, &mut bbox, &mut pieces);
    pieces
}

/// `bbox` grown to cover glyph `g` (or `g`'s box when there is none yet).
fn grow(bbox: Option<[f32; 4]>, g: &Glyph) -> [f32; 4] {
    match bbox {
        None => [g.x0, g.top, g.x1, g.bottom],
        Some(b) => [
            b[0].min(g.x0),
            b[1].min(g.top),
            b[2].max(g.x1),
            b[3].max(g.bottom),
        ],
    }
}

fn is_cjk_str(s: &str) -> bool {
    s.chars().next().is_some_and(is_cjk)
}

/// Glyph text as written into the rebuilt text: `|` would split a table row, and radical
/// code points stand for the ideographs they look like (see [`ideograph`]).
fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control())
        .map(|c| if c == '|' { '¦' } else { ideograph(c) })
        .collect()
}

/// The unified ideograph for a Kangxi or supplementary radical. Fonts map a glyph shared by
/// a radical and an ideograph to the radical (Chromium's exports print `⼈⺠` for `人民`),
/// which would make `人民政府` unfindable. Kangxi radicals decompose (NFKC); the
/// supplementary ones used as simplified forms are listed.
pub fn ideograph(c: char) -> char {
    use unicode_normalization::UnicodeNormalization;
    match c as u32 {
        0x2F00..=0x2FD5 => std::iter::once(c).nfkc().next().unwrap_or(c),
        0x2E80..=0x2EFF => SUPPLEMENT
            .iter()
            .find(|(r, _)| *r == c)
            .map_or(c, |(_, u)| *u),
        _ => c,
    }
}

/// CJK Radicals Supplement forms and the ideographs they print as.
const SUPPLEMENT: &[(char, char)] = &[
    ('⺁', '厂'),
    ('⺇', '几'),
    ('⺌', '小'),
    ('⺓', '幺'),
    ('⺕', '彐'),
    ('⺟', '母'),
    ('⺠', '民'),
    ('⺩', '王'),
    ('⺫', '目'),
    ('⺬', '示'),
    ('⺮', '竹'),
    ('⺶', '羊'),
    ('⻁', '虎'),
    ('⻄', '西'),
    ('⻅', '见'),
    ('⻆', '角'),
    ('⻉', '贝'),
    ('⻋', '车'),
    ('⻓', '长'),
    ('⻔', '门'),
    ('⻗', '雨'),
    ('⻘', '青'),
    ('⻙', '韦'),
    ('⻚', '页'),
    ('⻛', '风'),
    ('⻜', '飞'),
    ('⻝', '食'),
    ('⻟', '饣'),
    ('⻢', '马'),
    ('⻣', '骨'),
    ('⻤', '鬼'),
    ('⻥', '鱼'),
    ('⻦', '鸟'),
    ('⻨', '麦'),
    ('⻩', '黄'),
    ('⻬', '齐'),
    ('⻮', '齿'),
    ('⻰', '龙'),
    ('⻳', '龟'),
];

/// A cell's text: its visual lines joined (nothing between CJK characters, a space
/// otherwise), and the box around its glyphs.
fn cell_text(gs: Vec<&Glyph>) -> (String, Option<[f32; 4]>) {
    let mut out = String::new();
    let mut bbox: Option<[f32; 4]> = None;
    for line in visual_lines(gs) {
        let text: String = line_pieces(&line, 0)
            .into_iter()
            .map(|p| {
                if p.text == "\t" {
                    " ".to_string()
                } else {
                    p.text
                }
            })
            .collect();
        let text = text.trim();
        if let (Some(a), Some(b)) = (out.chars().next_back(), text.chars().next())
            && !(is_cjk(a) && is_cjk(b))
        {
            out.push(' ');
        }
        out.push_str(text);
        for g in line {
            bbox = Some(grow(bbox, g));
        }
    }
    (out, bbox)
}

/// One thing on a page, at its top y.
enum Block {
    Line(Vec<Piece>),
    Table(Vec<Vec<Piece>>),
}

fn page(p: &Page, w: &mut Writer) {
    let grids = grids(&p.rules);
    let mut used = vec![false; p.glyphs.len()];
    let mut blocks: Vec<(f32, Block)> = Vec::new();
    for grid in &grids {
        let mut mine: Vec<usize> = Vec::new();
        for (i, g) in p.glyphs.iter().enumerate() {
            if !used[i] && !g.text.trim().is_empty() && grid.contains(g) {
                used[i] = true;
                mine.push(i);
            }
        }
        let rows = table_rows(grid, &p.glyphs, &mine, p.number);
        if !rows.is_empty() {
            blocks.push((grid.ys[0], Block::Table(rows)));
        }
    }
    let rest: Vec<&Glyph> = p
        .glyphs
        .iter()
        .enumerate()
        .filter(|(i, g)| !used[*i] && !g.text.trim().is_empty())
        .map(|(_, g)| g)
        .collect();
    let lines = visual_lines(rest);
    let mut headers = columns::find_headers(&lines).into_iter().peekable();
    for (i, line) in lines.iter().enumerate() {
        let top = line.iter().map(|g| g.top).fold(f32::MAX, f32::min);
        let mut pieces = line_pieces(line, p.number);
        if w.columns.as_ref().is_some_and(|c| c.ends_table(line)) {
            w.columns = None;
        }
        if let Some((last, _)) = headers.peek()
            && i >= *last
        {
            w.columns = headers.next().map(|h| h.1);
        } else if let Some(row) = w.columns.as_ref().and_then(|c| c.rebuild(&pieces)) {
            pieces = row;
        }
        blocks.push((top, Block::Line(pieces)));
    }
    blocks.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (_, b) in blocks {
        match b {
            Block::Line(pieces) => w.line(&pieces),
            Block::Table(rows) => {
                w.blank_line();
                for r in rows {
                    w.line(&r);
                }
                w.blank_line();
            }
        }
    }
}

/// The rows of a ruled table as `| a | b |` lines, merged cells resolved.
fn table_rows(grid: &Grid, glyphs: &[Glyph], mine: &[usize], page: u32) -> Vec<Vec<Piece>> {
    let (rows, cols) = (grid.rows(), grid.cols());
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    for r in 0..rows {
        for c in 0..cols {
            if c + 1 < cols && !grid.wall(c + 1, r) {
                union(&mut parent, r * cols + c, r * cols + c + 1);
            }
            if r + 1 < rows && !grid.floor(r + 1, c) {
                union(&mut parent, r * cols + c, (r + 1) * cols + c);
            }
        }
    }
    let mut members: Vec<Vec<&Glyph>> = vec![Vec::new(); rows * cols];
    for &i in mine {
        let g = &glyphs[i];
        let c = grid
            .xs
            .partition_point(|&x| x <= g.cx())
            .saturating_sub(1)
            .min(cols - 1);
        let r = grid
            .ys
            .partition_point(|&y| y <= g.cy())
            .saturating_sub(1)
            .min(rows - 1);
        let root = find(&mut parent, r * cols + c);
        members[root].push(g);
    }
    // Text of each merged cell at its top-left (root is the smallest index: top-left).
    let mut text: Vec<Option<(String, Option<[f32; 4]>)>> = vec![None; rows * cols];
    for i in 0..rows * cols {
        if find(&mut parent, i) == i {
            let gs = std::mem::take(&mut members[i]);
            text[i] = Some(cell_text(gs));
        }
    }
    // Rows that are only the inside of merged cells (no cell starts there) and have no
    // text are the gap of a double border or a ruling artefact: not drawn.
    let mut keep: Vec<usize> = Vec::new();
    for r in 0..rows {
        if (0..cols).any(|c| text[r * cols + c].is_some()) {
            keep.push(r);
        }
    }
    // Columns where no cell starts are the same kind of artefact.
    let keep_cols: Vec<usize> = (0..cols)
        .filter(|&c| keep.iter().any(|&r| text[r * cols + c].is_some()))
        .collect();
    let mut widths = vec![0usize; keep_cols.len()];
    for &r in &keep {
        for (k, &c) in keep_cols.iter().enumerate() {
            if let Some((t, _)) = &text[r * cols + c] {
                widths[k] = widths[k].max(width(t));
            }
        }
    }
    let mut out = Vec::new();
    for &r in &keep {
        let mut pieces = vec![Piece {
            text: "|".into(),
            place: None,
        }];
        for (k, &c) in keep_cols.iter().enumerate() {
            let (t, b) = text[r * cols + c].clone().unwrap_or_default();
            pieces.push(Piece {
                text: " ".into(),
                place: None,
            });
            let pad = widths[k] - width(&t);
            pieces.push(Piece {
                text: t,
                place: b.map(|b| (page, b)),
            });
            pieces.push(Piece {
                text: format!("{} |", " ".repeat(pad)),
                place: None,
            });
        }
        out.push(pieces);
    }
    out
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
