//! End to end: the built binary under tmux, driven by keys like a person would.
//! Skipped (with a message) only when tmux is not installed.

mod tmux_support;

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};
use tmux_support::{Tmux, samples_copy};

fn has_rule_id(line: &str) -> bool {
    let b = line.as_bytes();
    b.windows(3)
        .any(|w| b"SACTX".contains(&w[0]) && w[1].is_ascii_digit() && w[2].is_ascii_digit())
}

#[test]
fn finder_failure_and_quit_under_tmux() {
    if Command::new("tmux").arg("-V").output().is_err() {
        println!("SKIPPED: tmux is not installed");
        return;
    }
    let bin = env!("CARGO_BIN_EXE_nianbao");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("temp dir");
    let exit_file = tmp.path().join("exit");
    let script = format!(
        "cd '{}' && env -u XDG_CONFIG_HOME -u NIANBAO_CONFIG HOME='{}' TERM=xterm-256color '{}' samples --no-overview --review '{}'; \
         echo EXIT=$? > '{}'; echo SHELL-AFTER-QUIT; exec sleep 60",
        root.display(),
        tmp.path().display(),
        bin,
        tmp.path().join("REVIEW.json").display(),
        exit_file.display()
    );
    let mut t = Tmux::new("test");
    t.start_sized(&script, 100, 30);

    // (The review file goes to the temporary folder, not into samples/.)
    // The first frame comes at once; loading finishes (no progress bar) with the tree filled.
    t.wait_for("the loaded tree", 30, |s| {
        s.contains("机关") && s.contains("循化") && !s.contains("载入")
    });
    t.literal("/");
    t.wait_for("the finder", 10, |s| s.contains("查找"));
    t.literal("xunhua");
    t.wait_for("finder results", 10, |s| {
        s.contains("/ xunhua") && s.contains("个结果")
    });
    t.keys(&["Enter"]);
    t.wait_for("the report selected", 10, |s| {
        !s.contains("个结果") && s.contains("2020")
    });
    t.literal("]");
    // The detail line (just above the status bar) shows the selected finding's rule id,
    // and the findings pane marks it.
    let screen = t.wait_for("a failure selected", 10, |s| {
        let lines: Vec<&str> = s.lines().collect();
        let n = lines.len();
        n >= 2 && has_rule_id(lines[n.saturating_sub(2)]) && (s.contains("E!") || s.contains("W*"))
    });
    assert!(screen.contains("循化"), "{screen}");
    t.literal("q");
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Ok(s) = std::fs::read_to_string(&exit_file) {
            break s;
        }
        assert!(
            Instant::now() < deadline,
            "no exit status; screen:\n{}",
            t.capture()
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.trim(), "EXIT=0");
    let after = t.wait_for("the shell after quit", 10, |s| {
        s.contains("SHELL-AFTER-QUIT")
    });
    assert!(
        !after.contains("机关"),
        "alternate screen left behind:\n{after}"
    );
    let alt = t.run(&["display", "-p", "-t", "main", "#{alternate_on}"]);
    assert_eq!(String::from_utf8_lossy(&alt.stdout).trim(), "0");
}

/// Start the binary on `dir` in a new tmux session; its exit status goes to `exit_file`.
fn start_in_tmux(
    t: &mut Tmux,
    dir: &std::path::Path,
    home: &std::path::Path,
    exit_file: &std::path::Path,
) {
    let bin = env!("CARGO_BIN_EXE_nianbao");
    let script = format!(
        "cd '{}' && env -u XDG_CONFIG_HOME -u NIANBAO_CONFIG HOME='{}' USER=tester TERM=xterm-256color '{}' . --no-overview; \
         echo EXIT=$? > '{}'; echo SHELL-AFTER-QUIT; exec sleep 60",
        dir.display(),
        home.display(),
        bin,
        exit_file.display()
    );
    t.start_sized(&script, 110, 32);
}

fn wait_exit(t: &Tmux, exit_file: &std::path::Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(s) = std::fs::read_to_string(exit_file) {
            return s;
        }
        assert!(
            Instant::now() < deadline,
            "no exit status; screen:\n{}",
            t.capture()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn review_a_finding_quit_and_see_it_again_under_tmux() {
    if Command::new("tmux").arg("-V").output().is_err() {
        println!("SKIPPED: tmux is not installed");
        return;
    }
    let (tmp, dir) = samples_copy();
    let mut t = Tmux::new("review");

    // First run: open 循化, select the first failure, confirm it, write a note, quit.
    let exit1 = tmp.path().join("exit1");
    start_in_tmux(&mut t, &dir, tmp.path(), &exit1);
    t.wait_for("the loaded tree", 30, |s| {
        s.contains("机关") && s.contains("循化") && s.contains("待定")
    });
    t.literal("/");
    t.wait_for("the finder", 10, |s| s.contains("个结果"));
    t.literal("xunhua");
    t.wait_for("finder results", 10, |s| s.contains("/ xunhua"));
    t.keys(&["Enter"]);
    t.wait_for("循化 open", 10, |s| {
        !s.contains("个结果") && s.contains("海东市循化县 2020")
    });
    t.literal("]");
    t.wait_for("a failure selected", 10, |s| s.contains("E! S05"));
    t.literal("a");
    t.wait_for("the confirmation", 10, |s| s.contains("✓ E! S05"));
    t.literal("c");
    t.wait_for("the note popup", 10, |s| s.contains("备注 S05"));
    t.literal("请核对总计");
    t.wait_for("the note typed", 10, |s| s.contains("请核对总计"));
    t.keys(&["C-s"]);
    t.wait_for("the note saved", 10, |s| {
        !s.contains("备注 S05") && s.contains("✓✎E! S05") && s.contains("✎ 请核对总计")
    });
    t.literal("q");
    assert_eq!(wait_exit(&t, &exit1).trim(), "EXIT=0");
    t.wait_for("the shell after quit", 10, |s| {
        s.contains("SHELL-AFTER-QUIT")
    });
    drop(t);

    // Second run on the same folder (a new tmux server): the verdict and the note are there.
    let mut t = Tmux::new("review2");
    let exit2 = tmp.path().join("exit2");
    start_in_tmux(&mut t, &dir, tmp.path(), &exit2);
    t.wait_for("the loaded tree", 30, |s| {
        s.contains("循化") && s.contains("待定")
    });
    t.literal("/");
    t.wait_for("the finder", 10, |s| s.contains("个结果"));
    t.literal("xunhua");
    t.wait_for("finder results", 10, |s| s.contains("/ xunhua"));
    t.keys(&["Enter"]);
    t.wait_for("循化 open", 10, |s| s.contains("海东市循化县 2020"));
    t.literal("]");
    let screen = t.wait_for("the saved review", 10, |s| {
        s.contains("✓✎E! S05") && s.contains("✎ 请核对总计")
    });
    assert!(!screen.contains("[只读]"), "{screen}");
    t.literal("q");
    assert_eq!(wait_exit(&t, &exit2).trim(), "EXIT=0");
    let after = t.wait_for("the shell after quit", 10, |s| {
        s.contains("SHELL-AFTER-QUIT")
    });
    assert!(
        !after.contains("机关"),
        "alternate screen left behind:\n{after}"
    );
    let alt = t.run(&["display", "-p", "-t", "main", "#{alternate_on}"]);
    assert_eq!(String::from_utf8_lossy(&alt.stdout).trim(), "0");

    let json = std::fs::read_to_string(dir.join("REVIEW.json")).expect("REVIEW.json written");
    assert!(json.contains("请核对总计"), "{json}");
    assert!(json.contains("\"confirmed\""), "{json}");
    assert!(json.contains("\"tester\""), "{json}");
    // The lock file stays (a kernel lock on it is what counts); it must be free.
    let rv = nianbao::review::Review::open(&dir.join("REVIEW.json"), "probe".into())
        .expect("review readable");
    assert!(
        rv.read_only.is_none(),
        "lock not released: {:?}",
        rv.read_only
    );
}

/// Open 循化's table 3 through the finder and put the cursor on （七）总计 · 总计.
fn xunhua_processed_total(t: &Tmux) {
    t.literal("/");
    t.wait_for("the finder", 10, |s| s.contains("个结果"));
    t.literal("循化收到处理");
    t.wait_for("finder results", 10, |s| s.contains("/ 循化收到处理"));
    t.keys(&["Enter"]);
    t.wait_for("table 3 focused", 10, |s| {
        !s.contains("个结果") && s.contains("▶ 表三")
    });
    t.literal("G");
    t.literal("k");
    for _ in 0..6 {
        t.literal("l");
    }
    t.wait_for("the cursor on （七）总计 · 总计", 10, |s| {
        s.contains("表三 › （七）总计·总计")
    });
}

#[test]
fn correct_a_cell_quit_and_see_it_again_under_tmux() {
    if Command::new("tmux").arg("-V").output().is_err() {
        println!("SKIPPED: tmux is not installed");
        return;
    }
    let (tmp, dir) = samples_copy();
    let mut t = Tmux::new("correct");
    let exit1 = tmp.path().join("exit1");
    start_in_tmux(&mut t, &dir, tmp.path(), &exit1);
    t.wait_for("the loaded tree", 30, |s| {
        s.contains("循化") && s.contains("待定")
    });
    xunhua_processed_total(&t);
    t.literal("e");
    t.wait_for("the editor", 10, |s| s.contains("修正 （七）总计 · 总计"));
    t.literal("1");
    t.keys(&["Tab"]);
    t.literal("原表漏填总计");
    t.wait_for("the reason typed", 10, |s| s.contains("原表漏填总计"));
    t.keys(&["Enter"]);
    t.wait_for("the correction saved", 10, |s| {
        !s.contains("修正 （七）总计 · 总计")
            && s.contains("1✐")
            && s.contains("已修正：原为 空（第56行） → 1")
    });
    t.literal("q");
    assert_eq!(wait_exit(&t, &exit1).trim(), "EXIT=0");
    drop(t);

    let mut t = Tmux::new("correct2");
    let exit2 = tmp.path().join("exit2");
    start_in_tmux(&mut t, &dir, tmp.path(), &exit2);
    t.wait_for("the loaded tree", 30, |s| {
        s.contains("循化") && s.contains("待定")
    });
    xunhua_processed_total(&t);
    t.wait_for("the correction after reopening", 10, |s| {
        s.contains("1✐") && s.contains("理由：原表漏填总计 │ tester")
    });
    t.literal("q");
    assert_eq!(wait_exit(&t, &exit2).trim(), "EXIT=0");
    drop(t);

    // The headless commands apply it from REVIEW.json beside the reports.
    let bin = env!("CARGO_BIN_EXE_nianbao");
    let run = |args: &[&str]| {
        let o = Command::new(bin)
            .args(args)
            .env("HOME", tmp.path())
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("NIANBAO_CONFIG")
            .output()
            .expect("runs");
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let d = dir.to_str().expect("utf-8 path");
    let json: serde_json::Value =
        serde_json::from_str(&run(&["check", d, "--format", "json"])).expect("json");
    let xunhua = json["reports"]
        .as_array()
        .and_then(|rs| {
            rs.iter()
                .find(|r| r["path"].as_str().is_some_and(|p| p.contains("xunhua")))
        })
        .expect("xunhua");
    let cell = &xunhua["tables"]["t3"]["processed_total"]["total"];
    assert_eq!(cell["value"], 1);
    assert_eq!(cell["corrected"]["reason"], "原表漏填总计");
    assert_eq!(cell["corrected"]["by"], "tester");
    let csv = run(&["export", d, "--table", "t3"]);
    assert!(
        csv.lines().any(|l| l.contains("xunhua")
            && l.contains(",processed_total,")
            && l.contains("total: 空→1（原表漏填总计；tester")),
        "{csv}"
    );
}

/// Start the inspector on `samples/` in a `w`x`h` tmux session (its exit status goes to
/// `exit_file`), wait for the tree, and open `agency`'s report through the finder.
fn open_sample_in_tmux(t: &mut Tmux, w: u16, h: u16, query: &str, exit_file: &std::path::Path) {
    let bin = env!("CARGO_BIN_EXE_nianbao");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let home = exit_file.parent().expect("temp dir");
    let script = format!(
        "cd '{}' && env -u XDG_CONFIG_HOME -u NIANBAO_CONFIG HOME='{}' USER=tester TERM=xterm-256color '{}' samples --no-overview --review '{}'; \
         echo EXIT=$? > '{}'; echo SHELL-AFTER-QUIT; exec sleep 60",
        root.display(),
        home.display(),
        bin,
        home.join("REVIEW.json").display(),
        exit_file.display()
    );
    t.start_sized(&script, w, h);
    t.wait_for("the loaded tree", 30, |s| {
        s.contains("机关") && s.contains("驿马乡") && !s.contains("载入")
    });
    t.literal("/");
    t.wait_for("the finder", 10, |s| s.contains("个结果"));
    t.literal(query);
    t.wait_for("finder results", 10, |s| s.contains(&format!("/ {query}")));
    t.keys(&["Enter"]);
    t.wait_for("the report selected", 10, |s| !s.contains("个结果"));
}

/// The line of the screen holding `label` in the table pane, split into its cells.
fn table_cells(screen: &str, label: &str) -> Option<Vec<String>> {
    screen.lines().find_map(|l| {
        let pane = l.split('│').find(|p| p.starts_with(label))?;
        Some(
            pane.split_whitespace()
                .skip(1)
                .map(str::to_string)
                .collect(),
        )
    })
}

#[test]
fn table3_total_and_table4_cells_on_screen_under_tmux() {
    if Command::new("tmux").arg("-V").output().is_err() {
        println!("SKIPPED: tmux is not installed");
        return;
    }
    for (w, h) in [(120u16, 40u16), (80, 24)] {
        let tmp = tempfile::tempdir().expect("temp dir");
        let exit_file = tmp.path().join("exit");
        let mut t = Tmux::new(&format!("table-{w}"));
        open_sample_in_tmux(&mut t, w, h, "xunhua", &exit_file);
        // Table 3 of 循化 with its 总计 column: 一、本年新收 自然人 1 … 总计 1.
        t.literal("3");
        let screen = t.wait_for("table 3 with 总计", 10, |s| {
            s.lines().any(|l| l.contains("项目") && l.contains("总计"))
                && table_cells(s, "一、本年新收").is_some_and(|c| c.len() == 7)
        });
        let new = table_cells(&screen, "一、本年新收").unwrap_or_default();
        assert_eq!(
            (new[0].as_str(), new[6].as_str()),
            ("1", "1"),
            "{w}x{h}:\n{screen}"
        );
        assert!(screen.contains("表三 ›"), "{w}x{h}: status bar\n{screen}");
        // Table 4 of 驿马: all fifteen cells, three groups of five.
        t.literal("/");
        t.wait_for("the finder", 10, |s| s.contains("个结果"));
        t.literal("yima");
        t.wait_for("finder results", 10, |s| s.contains("/ yima"));
        t.keys(&["Enter"]);
        t.wait_for("驿马 selected", 10, |s| !s.contains("个结果"));
        t.literal("4");
        let screen = t.wait_for("table 4", 10, |s| {
            ["行政复议", "未经复议直接起诉", "复议后起诉"]
                .iter()
                .all(|g| table_cells(s, g).is_some_and(|c| c.len() == 5))
        });
        assert_eq!(
            table_cells(&screen, "行政复议").unwrap_or_default(),
            ["·"; 5]
        );
        assert_eq!(
            table_cells(&screen, "未经复议直接起诉").unwrap_or_default(),
            ["0"; 5]
        );
        assert_eq!(
            table_cells(&screen, "复议后起诉").unwrap_or_default(),
            ["0"; 5]
        );
        t.literal("q");
        assert_eq!(wait_exit(&t, &exit_file).trim(), "EXIT=0");
    }
}
