//! End to end: the built binary under tmux, driven by keys like a person would.
//! Skipped (with a message) only when tmux is not installed.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> Output {
        match Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
        {
            Ok(o) => o,
            Err(e) => panic!("tmux {args:?}: {e}"),
        }
    }

    fn capture(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "main"]).stdout)
            .into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "main"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    fn literal(&self, text: &str) {
        self.run(&["send-keys", "-t", "main", "-l", text]);
    }

    /// Poll the screen until `pred` holds; panic with the screen after `secs`.
    fn wait_for(&self, what: &str, secs: u64, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let screen = self.capture();
            if pred(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

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
        "cd '{}' && env -u XDG_CONFIG_HOME -u NIANBAO_CONFIG HOME='{}' TERM=xterm-256color '{}' samples; \
         echo EXIT=$? > '{}'; echo SHELL-AFTER-QUIT; exec sleep 60",
        root.display(),
        tmp.path().display(),
        bin,
        exit_file.display()
    );
    let t = Tmux {
        socket: format!("nianbao-test-{}", std::process::id()),
    };
    let out = t.run(&[
        "new-session",
        "-d",
        "-s",
        "main",
        "-x",
        "100",
        "-y",
        "30",
        "sh",
        "-c",
        &script,
    ]);
    assert!(
        out.status.success(),
        "tmux: {}",
        String::from_utf8_lossy(&out.stderr)
    );

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
