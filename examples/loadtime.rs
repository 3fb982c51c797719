//! Time a whole-folder load: `cargo run --release --example loadtime -- DIR`.
fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "samples".into());
    let t = std::time::Instant::now();
    let c = nianbao::corpus::load_dir(std::path::Path::new(&dir));
    let n: usize = c.reports.iter().map(|r| r.findings.len()).sum();
    println!(
        "{} reports, {} errors, {} findings in {:?}",
        c.reports.len(),
        c.errors.len(),
        n,
        t.elapsed()
    );
}
