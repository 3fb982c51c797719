//! The overview end to end: the built binary on a copy of the samples in an 80x24 tmux
//! session, opening on the overview (five agencies), Enter on a bar filtering the tree,
//! Esc clearing it, the outlier list, and quitting. Every process started is killed by
//! pid and checked gone. Skipped (with a message) only when tmux is not installed.

mod tmux_support;

use tmux_support::{
    Tmux, child_of, ensure_gone, kill, read_when_written, samples_copy, tmux_missing, wait_gone,
};

#[test]
fn overview_first_filter_clear_and_quit_at_80x24_under_tmux() {
    if tmux_missing() {
        return;
    }
    let (tmp, dir) = samples_copy();
    let exit = tmp.path().join("exit");
    let script = format!(
        "cd '{}' && env -u XDG_CONFIG_HOME -u NIANBAO_CONFIG HOME='{}' USER=tester TERM=xterm-256color NO_COLOR=1 '{}' .; echo EXIT=$? > '{}'; exec sleep 60",
        dir.display(),
        tmp.path().display(),
        env!("CARGO_BIN_EXE_nianbao"),
        exit.display()
    );
    let mut t = Tmux::new("overview");
    let sh = t.start_sized(&script, 80, 24);
    let nianbao = child_of(sh);
    let keys = |k: &str| {
        t.run(&["send-keys", "-t", "main", k]);
    };

    let first = t.wait_for("the overview first", 30, |s| {
        s.contains("总览 · 5 个机关 5 份报告") && s.contains("各规则的发现")
    });
    // The first bar is selected: Enter limits the tree to its reports.
    let bar = first
        .lines()
        .find(|l| l.contains("▶ "))
        .expect("a selected bar")
        .to_string();
    let rule = bar
        .split_whitespace()
        .find(|w| {
            w.len() == 3
                && w.starts_with(|c: char| c.is_ascii_uppercase())
                && w[1..].bytes().all(|b| b.is_ascii_digit())
        })
        .expect("the rule id")
        .to_string();
    keys("Enter");
    let filtered = t.wait_for("the filtered tree", 10, |s| {
        s.contains(&format!("Esc清除·{rule}")) && s.contains("机关")
    });
    assert!(!filtered.contains("总览 ·"), "{filtered}");
    keys("Escape");
    t.wait_for("the filter cleared", 10, |s| {
        !s.contains("清除·") && s.contains("驿马乡")
    });
    // O again, Tab twice to the indicators, Enter: the reports past R01's threshold.
    t.run(&["send-keys", "-t", "main", "-l", "O"]);
    t.wait_for("the overview again", 10, |s| s.contains("各规则的发现"));
    keys("Tab");
    keys("Tab");
    t.wait_for("the indicators", 10, |s| s.contains("▶ 实质公开率"));
    keys("Enter");
    t.wait_for("the outlier list", 10, |s| {
        s.contains("R01 <40% 实质公开率") && s.contains("超出阈值")
    });
    keys("Escape");
    t.wait_for("back on the overview", 10, |s| s.contains("▶ 实质公开率"));
    t.run(&["send-keys", "-t", "main", "-l", "q"]);
    t.wait_for("the tree", 10, |s| {
        !s.contains("各规则的发现") && s.contains("机关")
    });
    t.run(&["send-keys", "-t", "main", "-l", "q"]);

    let gone = ensure_gone(nianbao, 10);
    let status = read_when_written(&exit, 10).unwrap_or_default();
    kill(sh, libc::SIGKILL);
    assert!(wait_gone(sh, 10), "shell {sh} still there");
    assert!(gone, "nianbao still running 10 s after q");
    assert_eq!(status.trim(), "EXIT=0");
}
