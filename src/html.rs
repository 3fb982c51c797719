//! Rendering an HTML page into readable text: paragraphs as lines, table rows as aligned
//! lines. The result is what the parser parses and what the source pane shows.
//!
//! # The contract
//!
//! - The `<title>` text, if any, is the first line.
//! - `script style head noscript template iframe svg` content is dropped.
//! - Block elements start new lines, `<br>` breaks a line, whitespace inside a line is
//!   collapsed to one space (source line breaks included), and there
//!   is at most one blank line in a row.
//! - A data table is one line per `<tr>`: `| a | b | c |`. `rowspan`/`colspan` are resolved
//!   on the DOM grid and data cells are drawn under the header column their grid position
//!   falls in (`grid.rs`): a label's span yields no field, a position covered by a span from
//!   the row above is an empty field, and a row without a header to map against is drawn as
//!   its raw grid (spanning text at its top-left position, covered positions empty).
//!   Cells are padded with spaces to line up by display width; a `|` in cell text becomes
//!   `¦`. A blank line comes before and after each table. A nested table's rows follow the
//!   outer row they sit in.
//! - A layout table (a cell holding more than [`LAYOUT_CELL_CHARS`] characters: a whole page
//!   laid out in a table) is not drawn as a grid: its cells flow as ordinary blocks.
//!
//! The walk is iterative (first child / next sibling / parent), so nesting depth costs no
//! stack.

mod depth;
mod grid;
mod table;

use table::{CellB, RowB, TableB};

use scraper::{Html, Node};

/// A table with a cell longer than this (in characters) is a layout table.
pub const LAYOUT_CELL_CHARS: usize = 400;
/// Spans larger than this are clamped (a `colspan="100000"` must not allocate a huge grid).
const MAX_SPAN: usize = 256;
/// Columns beyond this are dropped from a table's grid.
const MAX_COLUMNS: usize = 512;
/// The rendering may be at most this many times the page (and at least [`MIN_BUDGET`])...
pub const MAX_GROWTH: usize = 16;
const MIN_BUDGET: usize = 1024 * 1024;
/// ... and never more than this: aligned tables pad every row to the widest cell, so a few
/// long cells over many rows would otherwise render to gigabytes.
pub const MAX_RENDERED_BYTES: usize = 64 * 1024 * 1024;
/// A table's grid (rows × columns) is refused beyond this many cells.
pub const MAX_GRID_CELLS: usize = 2 * 1024 * 1024;

/// Why a page is refused: it would render beyond the limits above.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HtmlError {
    #[error("an HTML table is too large (more than {MAX_GRID_CELLS} cells): not a report")]
    TableTooLarge,
    #[error(
        "the page's tables would render to more than {mib} MiB ({MAX_GROWTH}x the page at most): not a report"
    )]
    RendersTooLarge { mib: usize },
}

/// Render `html` as readable text; a page that would render beyond the limits above is
/// refused with a plain reason.
pub fn render_checked(html: &str) -> Result<String, HtmlError> {
    let budget = html
        .len()
        .saturating_mul(MAX_GROWTH)
        .clamp(MIN_BUDGET, MAX_RENDERED_BYTES);
    let mut r = Renderer {
        budget,
        ..Renderer::default()
    };
    walk(&mut r, html);
    match r.refused.take() {
        Some(why) => Err(why),
        None => Ok(r.finish()),
    }
}

/// Render `html` as readable text (empty when [`render_checked`] refuses it).
pub fn render(html: &str) -> String {
    render_checked(html).unwrap_or_default()
}

fn walk(r: &mut Renderer, html: &str) {
    let doc = Html::parse_document(&depth::cap_depth(html));
    // Depth-first walk without recursion: open a node, descend to its first child, or
    // close it and move to its next sibling, climbing as far as needed.
    let root = doc.tree.root();
    let mut node = root;
    'walk: loop {
        match node.value() {
            Node::Element(e) => r.open(e.name(), |a| e.attr(a)),
            Node::Text(t) => r.text(t),
            _ => {}
        }
        if let Some(child) = node.first_child() {
            node = child;
            continue;
        }
        loop {
            if let Node::Element(e) = node.value() {
                r.close(e.name());
            }
            if node.id() == root.id() {
                break 'walk;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(p) => node = p,
                None => break 'walk,
            }
        }
    }
}

/// Whether `c` is a CJK character (ideograph, CJK punctuation, kana, full-width form).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Join two pieces of text that were separated by a line break: nothing between two CJK
/// characters, one space otherwise.
fn join_piece(out: &mut String, piece: &str) {
    if piece.is_empty() {
        return;
    }
    if let (Some(a), Some(b)) = (out.chars().next_back(), piece.chars().next())
        && !(is_cjk(a) && is_cjk(b))
    {
        out.push(' ');
    }
    out.push_str(piece);
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dd"
            | "dt"
            | "tr"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "main"
            | "blockquote"
            | "pre"
            | "form"
            | "fieldset"
            | "figure"
            | "figcaption"
            | "address"
            | "center"
            | "hr"
            | "body"
            | "html"
            | "details"
            | "summary"
            | "menu"
            | "option"
            | "legend"
    )
}

fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "head" | "noscript" | "template" | "iframe" | "svg" | "object"
    )
}

/// One line of a flow: text, or a line of a nested table's rendering.
#[derive(Debug, Clone)]
enum Line {
    Text(String),
    Nested(String),
}

/// Inline text gathered into lines, whitespace collapsed.
#[derive(Debug, Default)]
struct Flow {
    lines: Vec<Line>,
    cur: String,
    /// Whitespace seen since the last character: one space before the next one.
    pending: bool,
}

impl Flow {
    fn text(&mut self, s: &str, pre: bool) {
        for c in s.chars() {
            if c == '\n' && pre {
                self.hard_break();
            } else if c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}' {
                // Collapse like a browser: a run of whitespace (line breaks included) is one
                // space. Line breaks in the source are not joined even between CJK
                // characters: `<span>机构：某局</span>\n<span>发布日期</span>` must not run together.
                self.pending = true;
            } else {
                if self.pending && !self.cur.is_empty() {
                    self.cur.push(' ');
                }
                self.pending = false;
                self.cur.push(if c == '|' { '¦' } else { c });
            }
        }
    }

    /// End the current line if it has text (a block boundary).
    fn soft_break(&mut self) {
        self.pending = false;
        if !self.cur.is_empty() {
            let l = std::mem::take(&mut self.cur);
            self.lines.push(Line::Text(l));
        }
    }

    /// End the current line; an empty line is kept (`<br>`).
    fn hard_break(&mut self) {
        self.pending = false;
        let l = std::mem::take(&mut self.cur);
        self.lines.push(Line::Text(l));
    }

    fn blank(&mut self) {
        self.soft_break();
        self.lines.push(Line::Text(String::new()));
    }

    fn nested(&mut self, lines: Vec<String>) {
        self.soft_break();
        self.lines.extend(lines.into_iter().map(Line::Nested));
    }

    fn into_lines(mut self) -> Vec<Line> {
        self.soft_break();
        self.lines
    }
}

#[derive(Debug, Default)]
struct Renderer {
    title: String,
    in_title: usize,
    title_done: bool,
    /// Depth inside skipped elements (`head` included).
    skip: usize,
    /// Depth inside skipped elements other than `head` (an `<svg>` has its own `<title>`).
    skip_body: usize,
    pre: usize,
    main: Flow,
    tables: Vec<TableB>,
    /// Bytes the tables may still render to, and why the page was refused, if it was.
    budget: usize,
    refused: Option<HtmlError>,
}

fn span_attr(v: Option<&str>) -> usize {
    v.and_then(|s| s.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, MAX_SPAN)
}

impl Renderer {
    /// The flow that text currently goes to.
    fn flow(&mut self) -> Option<&mut Flow> {
        match self.tables.last_mut() {
            None => Some(&mut self.main),
            Some(t) => {
                if t.in_caption > 0 {
                    Some(&mut t.caption)
                } else {
                    t.cell.as_mut().map(|c| &mut c.flow)
                }
            }
        }
    }

    fn open<'a>(&mut self, name: &str, attr: impl Fn(&str) -> Option<&'a str>) {
        if name == "title" {
            self.in_title += 1;
            return;
        }
        if is_skipped(name) {
            self.skip += 1;
            if name != "head" {
                self.skip_body += 1;
            }
            return;
        }
        if self.skip > 0 {
            return;
        }
        match name {
            "table" => {
                if let Some(f) = self.flow() {
                    f.soft_break();
                }
                self.tables.push(TableB::default());
            }
            "caption" => {
                if let Some(t) = self.tables.last_mut() {
                    t.in_caption += 1;
                }
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.finish_cell();
                    t.rows.push(RowB::default());
                }
            }
            "td" | "th" => {
                if let Some(t) = self.tables.last_mut() {
                    t.finish_cell();
                    if t.rows.is_empty() {
                        t.rows.push(RowB::default());
                    }
                    t.cell = Some(CellB {
                        flow: Flow::default(),
                        rowspan: span_attr(attr("rowspan")),
                        colspan: span_attr(attr("colspan")),
                    });
                }
            }
            "br" => {
                if let Some(f) = self.flow() {
                    f.hard_break();
                }
            }
            "pre" => {
                self.pre += 1;
                if let Some(f) = self.flow() {
                    f.soft_break();
                }
            }
            _ if is_block(name) => {
                if let Some(f) = self.flow() {
                    f.soft_break();
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        if name == "title" {
            self.in_title = self.in_title.saturating_sub(1);
            if self.skip_body == 0 && !self.title.trim().is_empty() {
                self.title_done = true;
            }
            return;
        }
        if is_skipped(name) {
            self.skip = self.skip.saturating_sub(1);
            if name != "head" {
                self.skip_body = self.skip_body.saturating_sub(1);
            }
            return;
        }
        if self.skip > 0 {
            return;
        }
        match name {
            "table" => {
                if let Some(t) = self.tables.pop() {
                    let lines = self.render_table(t);
                    match self.tables.last_mut() {
                        Some(parent) => {
                            if parent.cell.is_none() {
                                // A table outside any cell of its parent: keep it anyway.
                                if parent.rows.is_empty() {
                                    parent.rows.push(RowB::default());
                                }
                                parent.cell = Some(CellB {
                                    rowspan: 1,
                                    colspan: 1,
                                    ..CellB::default()
                                });
                            }
                            if let Some(c) = parent.cell.as_mut() {
                                c.flow.nested(lines);
                            }
                        }
                        None => {
                            self.main.blank();
                            self.main.lines.extend(lines.into_iter().map(Line::Text));
                            self.main.blank();
                        }
                    }
                }
            }
            "caption" => {
                if let Some(t) = self.tables.last_mut() {
                    t.in_caption = t.in_caption.saturating_sub(1);
                    t.caption.soft_break();
                }
            }
            "td" | "th" => {
                if let Some(t) = self.tables.last_mut() {
                    t.finish_cell();
                }
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.finish_cell();
                }
            }
            "pre" => {
                self.pre = self.pre.saturating_sub(1);
                if let Some(f) = self.flow() {
                    f.soft_break();
                }
            }
            _ if is_block(name) => {
                if let Some(f) = self.flow() {
                    f.soft_break();
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, s: &str) {
        if self.in_title > 0 {
            if self.skip_body == 0 && !self.title_done {
                self.title.push_str(s);
            }
            return;
        }
        if self.skip > 0 {
            return;
        }
        let pre = self.pre > 0;
        if let Some(f) = self.flow() {
            f.text(s, pre);
        }
    }

    /// A table's lines within the budget; beyond it, none, and the page is refused.
    fn render_table(&mut self, t: TableB) -> Vec<String> {
        if self.refused.is_some() {
            return Vec::new();
        }
        match t.render(&mut self.budget) {
            Ok(lines) => lines,
            Err(why) => {
                self.refused = Some(why);
                Vec::new()
            }
        }
    }

    fn finish(mut self) -> String {
        // Tables left open by a truncated tree (html5ever closes them, but be safe).
        while let Some(t) = self.tables.pop() {
            let lines = self.render_table(t);
            self.main.blank();
            self.main.lines.extend(lines.into_iter().map(Line::Text));
        }
        let mut out: Vec<String> = Vec::new();
        let mut title = Flow::default();
        title.text(&self.title, false);
        for l in title.into_lines() {
            if let Line::Text(s) = l {
                out.push(s);
            }
        }
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(self.main.into_lines().into_iter().map(|l| match l {
            Line::Text(s) | Line::Nested(s) => s,
        }));
        let mut text = String::new();
        let mut blank = true; // no blank lines at the start
        for l in out {
            let l = l.trim_end();
            if l.is_empty() {
                if !blank {
                    text.push('\n');
                    blank = true;
                }
            } else {
                text.push_str(l);
                text.push('\n');
                blank = false;
            }
        }
        while text.ends_with("\n\n") {
            text.pop();
        }
        text
    }
}

#[cfg(test)]
mod tests;
