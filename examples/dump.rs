//! Print what the parser extracts from report files: `cargo run --example dump -- FILE…`.

use nianbao::model::CellState;
use std::path::Path;

fn main() {
    for arg in std::env::args().skip(1) {
        let r = match nianbao::corpus::load_one(Path::new(&arg), &arg) {
            Ok(r) => r,
            Err(e) => {
                println!("{}: ERROR {}", e.path, e.error);
                continue;
            }
        };
        println!("== {} [{}]", r.path, r.encoding);
        if std::env::var_os("DUMP_SOURCE").is_some() {
            for (n, _, line) in r.source.lines() {
                println!("{n:>4}│{line}");
            }
        }
        println!(
            "title={:?} agency={:?} year={:?} published={:?} period={:?} template={:?}",
            r.title.as_ref().map(|t| &t.value),
            r.agency.as_ref().map(|t| &t.value),
            r.year.as_ref().map(|t| t.value),
            r.published.as_ref().map(|t| t.value.to_string()),
            r.period
                .as_ref()
                .map(|p| format!("{}..{}", p.value.start, p.value.end)),
            r.template
        );
        for s in &r.sections {
            println!(
                "  §{} {:?} L{}-{} content={}",
                s.number, s.title, s.span.line_start, s.span.line_end, s.has_content
            );
        }
        for t in r.tables.iter() {
            println!(
                "  table {} L{}-{}",
                t.id, t.span.line_start, t.span.line_end
            );
            for row in &t.rows {
                let cells: Vec<String> = row
                    .cells
                    .iter()
                    .map(|c| match c.state {
                        CellState::Number => format!(
                            "{}{}",
                            c.text,
                            c.span
                                .map_or(String::new(), |s| format!("@{}", s.line_start))
                        ),
                        CellState::Blank => "·".into(),
                        CellState::Missing => "?".into(),
                        CellState::Invalid => format!("✗{}", c.text),
                    })
                    .collect();
                println!(
                    "    {:<22} L{:>3}-{:<3} {:?} [{}]{}",
                    row.key,
                    row.span.line_start,
                    row.span.line_end,
                    row.label,
                    cells.join(" "),
                    if row.unplaced.is_empty() {
                        String::new()
                    } else {
                        format!(" unplaced={:?}", row.unplaced)
                    }
                );
            }
        }
        for f in &r.findings {
            println!("  {} {} {}", f.severity, f.rule, f.message);
        }
    }
}
