//! Rough memory accounting of a loaded folder: `cargo run --release --example memsize -- DIR`.
fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "samples".into());
    let c = nianbao::corpus::load_dir(std::path::Path::new(&dir));
    let (mut text, mut lines, mut cells, mut cell_text, mut findings) = (0, 0, 0, 0, 0);
    for r in &c.reports {
        text += r.source.text.capacity();
        lines += r.source.line_starts.capacity() * std::mem::size_of::<usize>();
        for t in r.tables.iter() {
            for row in &t.rows {
                cells += row.cells.len();
                cell_text += row.cells.iter().map(|c| c.text.capacity()).sum::<usize>();
            }
        }
        findings += r.findings.len();
    }
    println!(
        "reports {} | source {} KB | line index {} KB | cells {} × {} B = {} KB + text {} KB | findings {}",
        c.reports.len(),
        text / 1024,
        lines / 1024,
        cells,
        std::mem::size_of::<nianbao::model::Cell>(),
        cells * std::mem::size_of::<nianbao::model::Cell>() / 1024,
        cell_text / 1024,
        findings
    );
}
