//! Inspector benchmarks for the issue "Scale": finder keystrokes over 100,000 names, one
//! frame at 200x60, and first frame / fully loaded on a generated folder.
//!
//! ```sh
//! cargo bench --bench tui                      # all groups
//! cargo bench --bench tui -- finder            # finder | draw | load | overview
//! NIANBAO_SCALE_DIR=/tmp/nianbao-scale-10000 cargo bench --bench tui -- load
//! ```
//!
//! Each figure is the median and the 95th percentile of repeated wall-clock runs (the
//! development machine is shared, so medians are the steadier figure). `load` needs a
//! folder made by `nianbao gen-corpus DIR --reports 10000 --seed 1`; without
//! `NIANBAO_SCALE_DIR` it uses `/tmp/nianbao-scale-10000` when present and is skipped
//! otherwise.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nianbao::search::SearchIndex;
use nianbao::template::TableId;
use nianbao::tree::NodeId;
use nianbao::tui::app::Target;
use nianbao::tui::{Action, App, Keymap, Pane, Theme, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The allocator the binary uses (src/main.rs), so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Median and 95th percentile of `xs`.
fn stats(xs: &mut [Duration]) -> (Duration, Duration) {
    xs.sort();
    let n = xs.len();
    if n == 0 {
        return (Duration::ZERO, Duration::ZERO);
    }
    let p95 = ((n * 95).div_ceil(100)).clamp(1, n) - 1;
    (xs[n / 2], xs[p95])
}

/// CPU time of this thread: steadier than wall time on a shared machine.
fn cpu_now() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec, which lives on this stack frame.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Wall and CPU time of `f`.
fn timed<R>(f: impl FnOnce() -> R) -> (R, Duration, Duration) {
    let (w, c) = (Instant::now(), cpu_now());
    let r = f();
    (r, w.elapsed(), cpu_now().saturating_sub(c))
}

/// `median / p95` of wall and CPU times.
fn report(wall: &mut [Duration], cpu: &mut [Duration]) -> String {
    let (wm, wp) = stats(wall);
    let (cm, cp) = stats(cpu);
    format!(
        "wall median {:>9} p95 {:>9} | cpu median {:>9} p95 {:>9}",
        ms(wm),
        ms(wp),
        ms(cm),
        ms(cp)
    )
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

// ---- 100,000 names ----------------------------------------------------------------

/// A small deterministic generator (xorshift).
const SECTIONS: &[&str] = &[
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// `n` finder entries shaped like the inspector's index: each agency, then each of its
/// reports (`agency year · file`) and their sections (`agency year · title`).
fn finder_names(n: usize) -> Vec<String> {
    // Agency names come from the corpus generator's name parts (province, city, county,
    // township, street, department).
    let mut rng = nianbao::generate::rng::Rng::new(0x9e37_79b9_7f4a_7c15);
    let mut out = Vec::with_capacity(n);
    let mut seen = std::collections::HashSet::new();
    let mut attempts = 0;
    while out.len() < n && attempts < 50 * n {
        attempts += 1;
        let a = nianbao::generate::draw_agency(&mut rng).name;
        if !seen.insert(a.clone()) {
            continue;
        }
        out.push(a.clone());
        for year in 2020..2020 + 1 + rng.below(3) as i32 {
            out.push(format!("{a} {year} · report-{}.txt", out.len()));
            for s in SECTIONS {
                out.push(format!("{a} {year} · {s}"));
            }
        }
    }
    out.truncate(n);
    out
}

const QUERIES: &[&str] = &["x", "xu", "xun", "xunh", "xunhu", "xunhua", "循", "循化"];

/// Type each query of a sequence one key at a time (a fresh finder per sequence); the
/// time of each keystroke is kept per prefix.
fn finder_index(c: &Config) {
    let n = 100_000;
    let names = finder_names(n);
    let t = Instant::now();
    let mut ix: SearchIndex<u32> = SearchIndex::new();
    for (i, name) in names.iter().enumerate() {
        ix.push(name.as_str(), i as u32);
    }
    println!(
        "finder: index of {} names built in {}",
        ix.len(),
        ms(t.elapsed())
    );
    // The popup shows about 22 rows and highlights each: a keystroke is query + that.
    let shown = 22;
    for seq in [&QUERIES[..6], &QUERIES[6..]] {
        let mut wall: Vec<Vec<Duration>> = vec![Vec::new(); seq.len()];
        let mut cpu: Vec<Vec<Duration>> = vec![Vec::new(); seq.len()];
        let mut counts = vec![0; seq.len()];
        for _ in 0..c.runs {
            ix.query("", 200);
            for (k, q) in seq.iter().enumerate() {
                let (n, w, t) = timed(|| {
                    let m = ix.query(q, 200);
                    for r in m.iter().take(shown) {
                        black_box(ix.highlight(r.entry, q));
                    }
                    m.len()
                });
                wall[k].push(w);
                cpu[k].push(t);
                counts[k] = n;
            }
        }
        for (k, q) in seq.iter().enumerate() {
            println!(
                "finder/index {q:<8} {}  ({} results kept)",
                report(&mut wall[k], &mut cpu[k]),
                counts[k]
            );
        }
    }
}

fn key(c: char) -> Action {
    Action::Input(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn backspace() -> Action {
    Action::Input(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE))
}

/// The same through the app: `update(Input(key))` and drawing the 200x60 frame with the
/// finder open, as the inspector does for each key.
fn finder_app(c: &Config) {
    let names = finder_names(100_000);
    let mut app = App::new(None, Keymap::default(), Theme { color: true });
    app.start_loading();
    for (i, name) in names.into_iter().enumerate() {
        app.corpus
            .index_mut()
            .push(name, Target::Report(nianbao::model::ReportIx::new(i)));
    }
    let mut term = terminal(200, 60);
    frame(&mut app, &mut term);
    for seq in ["xunhua", "循化"] {
        let chars: Vec<char> = seq.chars().collect();
        let mut wall: Vec<Vec<Duration>> = vec![Vec::new(); chars.len()];
        let mut cpu: Vec<Vec<Duration>> = vec![Vec::new(); chars.len()];
        for _ in 0..c.runs {
            app.update(Action::Finder);
            for (k, &ch) in chars.iter().enumerate() {
                let ((), w, t) = timed(|| {
                    app.update(key(ch));
                    frame(&mut app, &mut term);
                });
                wall[k].push(w);
                cpu[k].push(t);
            }
            for _ in &chars {
                app.update(backspace());
            }
            app.update(Action::Cancel);
        }
        let mut typed = String::new();
        for (k, ch) in chars.iter().enumerate() {
            typed.push(*ch);
            println!(
                "finder/app   {typed:<8} {}  (update + draw 200x60)",
                report(&mut wall[k], &mut cpu[k])
            );
        }
    }
}

// ---- frames -----------------------------------------------------------------------

fn terminal(w: u16, h: u16) -> Terminal<TestBackend> {
    match Terminal::new(TestBackend::new(w, h)) {
        Ok(t) => t,
        Err(e) => panic!("test backend: {e}"),
    }
}

/// One frame, as `tui::run` draws it.
fn frame(app: &mut App, term: &mut Terminal<TestBackend>) {
    if let Err(e) = term.draw(|f| draw::frame(app, f)) {
        panic!("draw: {e}");
    }
}

fn loaded_app(dir: PathBuf) -> App {
    let mut app = App::new(Some(dir), Keymap::default(), Theme { color: true });
    app.start_loading();
    assert!(app.pump_until_loaded(Duration::from_secs(600)), "load");
    app
}

/// Show table 3 of report `r` with the cursor on its first failure, source beside it.
fn show_table3(app: &mut App) {
    let r = app
        .corpus
        .reports
        .iter()
        .position(|r| r.tables.t3.is_some() && !r.findings.is_empty())
        .map_or(
            nianbao::model::ReportIx::new(0),
            nianbao::model::ReportIx::new,
        );
    app.tree.reveal(&NodeId::Table(r, TableId::T3), &app.corpus);
    app.jump(&Target::Section(r, 3));
    app.focus_pane(Pane::Table);
    app.update(Action::NextFailure);
}

fn time_frames(name: &str, app: &mut App, c: &Config) {
    let mut term = terminal(200, 60);
    frame(app, &mut term);
    let (mut full_w, mut full_c, mut same_w, mut same_c) = (vec![], vec![], vec![], vec![]);
    for i in 0..c.runs * 4 {
        // Alternate the cursor so each frame differs from the last, as when moving.
        app.update(if i % 2 == 0 { Action::Down } else { Action::Up });
        let ((), w, t) = timed(|| frame(app, &mut term));
        full_w.push(w);
        full_c.push(t);
        let ((), w, t) = timed(|| frame(app, &mut term));
        same_w.push(w);
        same_c.push(t);
    }
    println!(
        "draw/{name:<8} 200x60 table 3 + source, cursor moved: {}",
        report(&mut full_w, &mut full_c)
    );
    println!(
        "draw/{name:<8} 200x60 table 3 + source, unchanged:    {}",
        report(&mut same_w, &mut same_c)
    );
}

fn draw_frames(c: &Config) {
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut app = loaded_app(samples);
    show_table3(&mut app);
    time_frames("samples", &mut app, c);
    if let Some(dir) = scale_dir() {
        let mut app = loaded_app(dir);
        show_table3(&mut app);
        time_frames("scale", &mut app, c);
    }
}

// ---- a 10 MB one-paragraph page -------------------------------------------------------

/// A key in the source pane of a report whose page is one 10 MB paragraph (one line):
/// `update` + draw at 200x60, scrolling down and up, then right.
fn big_page(c: &Config) {
    let dir = tempfile::tempdir().expect("temp dir");
    let para = "本机关依法公开政府信息，".repeat(10 * 1024 * 1024 / 36);
    let html = format!(
        "<html><head><title>某县人民政府2021年政府信息公开工作年度报告</title></head><body><p>{para}</p></body></html>"
    );
    std::fs::write(dir.path().join("big.html"), html).expect("write");
    let mut app = loaded_app(dir.path().to_path_buf());
    app.jump(&Target::Section(nianbao::model::ReportIx::new(0), 1));
    app.focus_pane(Pane::Source);
    let mut term = terminal(200, 60);
    frame(&mut app, &mut term);
    for (what, keys) in [
        ("down/up", [Action::Down, Action::Up]),
        ("right/left", [Action::Right, Action::Left]),
    ] {
        let (mut wall, mut cpu) = (vec![], vec![]);
        for i in 0..c.runs * 2 {
            let ((), w, t) = timed(|| {
                app.update(keys[i % 2]);
                frame(&mut app, &mut term);
            });
            wall.push(w);
            cpu.push(t);
        }
        println!(
            "bigpage/{what:<10} 10 MB one-line page, key + draw 200x60: {}",
            report(&mut wall, &mut cpu)
        );
    }
}

// ---- loading ----------------------------------------------------------------------

fn scale_dir() -> Option<PathBuf> {
    let p = std::env::var_os("NIANBAO_SCALE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/nianbao-scale-10000"));
    p.is_dir().then_some(p)
}

/// As `tui::run`: build the app, start the streaming load, draw the first frame; then
/// pump (drawing whenever something changed, at most every 50 ms as the event loop
/// polls) until everything is loaded and the cross-report rules have run.
fn load(c: &Config) {
    let Some(dir) = scale_dir() else {
        println!("load: skipped (no /tmp/nianbao-scale-10000; set NIANBAO_SCALE_DIR)");
        return;
    };
    let mut firsts = Vec::new();
    let mut loaded = Vec::new();
    for _ in 0..c.load_runs {
        let t0 = Instant::now();
        let mut app = App::new(Some(dir.clone()), Keymap::default(), Theme { color: true });
        let mut term = terminal(200, 60);
        app.start_loading();
        app.pump();
        frame(&mut app, &mut term);
        let first = t0.elapsed();
        let mut frames = 1;
        // Main-thread CPU spent applying load events (index, tree) and drawing.
        let (mut pump_cpu, mut draw_cpu) = (Duration::ZERO, Duration::ZERO);
        while !app.corpus.progress().finished {
            let (dirty, _, t) = timed(|| app.pump());
            pump_cpu += t;
            if dirty {
                let ((), _, t) = timed(|| frame(&mut app, &mut term));
                draw_cpu += t;
                frames += 1;
            }
            // `tui::run` waits up to 50 ms for a key between rounds.
            std::thread::sleep(Duration::from_millis(50));
        }
        frame(&mut app, &mut term);
        let all = t0.elapsed();
        println!(
            "load/run     first frame {:>9}  fully loaded {:>9}  ({} reports, {} failed, {} frames, {} index entries; UI thread CPU: pump {} draw {})",
            ms(first),
            ms(all),
            app.corpus.reports.len(),
            app.corpus.errors.len(),
            frames,
            app.corpus.index().len(),
            ms(pump_cpu),
            ms(draw_cpu)
        );
        firsts.push(first);
        loaded.push(all);
    }
    let (f, _) = stats(&mut firsts);
    let (l, _) = stats(&mut loaded);
    println!(
        "load/median  first frame {:>9}  fully loaded {:>9}",
        ms(f),
        ms(l)
    );
    // The split: walking the folder, loading every file on rayon, cross-report rules.
    let t = Instant::now();
    let found = nianbao::ingest::discover(&dir);
    let discover = t.elapsed();
    let t = Instant::now();
    let mut reports: Vec<_> = {
        use rayon::prelude::*;
        found
            .files
            .par_iter()
            .filter_map(|(p, d)| nianbao::corpus::load_one(p, d).ok())
            .collect()
    };
    let parse = t.elapsed();
    let t = Instant::now();
    nianbao::validate::validate_corpus(&mut reports);
    let cross = t.elapsed();
    println!(
        "load/split   discover {:>9}  read+parse+validate {:>9}  cross-report rules {:>9}  ({} files)",
        ms(discover),
        ms(parse),
        ms(cross),
        found.files.len()
    );
}

// ---- the overview ---------------------------------------------------------------------

/// The overview on a generated folder of 3,000 reports: opening it (every report's
/// indicators, risk rules and counts, as after each load event while it is open) and a
/// frame at 120x40 and 80x24 after moving the selection.
fn overview(c: &Config) {
    let dir = tempfile::tempdir().expect("temp dir");
    nianbao::generate::generate(dir.path(), 3000, 1).expect("generate");
    let mut app = loaded_app(dir.path().to_path_buf());
    let (mut wall, mut cpu) = (vec![], vec![]);
    for _ in 0..c.runs {
        let ((), w, t) = timed(|| {
            app.update(Action::Cancel);
            app.open_overview();
        });
        wall.push(w);
        cpu.push(t);
    }
    println!(
        "overview/open   {} reports, counts + indicators + R01–R04: {}",
        app.corpus.reports.len(),
        report(&mut wall, &mut cpu)
    );
    for (w, h) in [(120, 40), (80, 24)] {
        let mut term = terminal(w, h);
        frame(&mut app, &mut term);
        let (mut wall, mut cpu) = (vec![], vec![]);
        for i in 0..c.runs * 4 {
            app.update(if i % 2 == 0 { Action::Down } else { Action::Up });
            let ((), wt, t) = timed(|| frame(&mut app, &mut term));
            wall.push(wt);
            cpu.push(t);
        }
        println!(
            "overview/frame  {w}x{h}, selection moved:                 {}",
            report(&mut wall, &mut cpu)
        );
    }
    black_box(&app);
}

struct Config {
    runs: usize,
    load_runs: usize,
}

fn main() {
    // `cargo bench` passes `--bench`; anything else is a group filter.
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let want = |g: &str| filters.is_empty() || filters.iter().any(|f| g.contains(f.as_str()));
    let c = Config {
        runs: std::env::var("NIANBAO_BENCH_RUNS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(30),
        load_runs: std::env::var("NIANBAO_LOAD_RUNS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(3),
    };
    if want("finder") {
        finder_index(&c);
        finder_app(&c);
    }
    if want("draw") {
        draw_frames(&c);
    }
    if want("bigpage") {
        big_page(&c);
    }
    if want("load") {
        load(&c);
    }
    if want("overview") {
        overview(&c);
    }
}
