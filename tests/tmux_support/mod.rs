//! tmux for the end-to-end tests that must know what they started: a session on its own
//! socket whose server is killed by pid (and checked gone) on drop, and the pids of what
//! runs in it. Skipped tests say so when tmux is not installed.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
    /// The tmux server's pid, killed (and checked gone) on drop.
    server: Option<u32>,
}

impl Tmux {
    pub fn new(tag: &str) -> Tmux {
        Tmux {
            socket: format!("nianbao-sig-{tag}-{}", std::process::id()),
            server: None,
        }
    }

    pub fn run(&self, args: &[&str]) -> Output {
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

    /// Send tmux key names (`Enter`, `C-c`, …).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "main"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Type `text` as it is.
    pub fn literal(&self, text: &str) {
        self.run(&["send-keys", "-t", "main", "-l", text]);
    }

    pub fn capture(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "main"]).stdout)
            .into_owned()
    }

    pub fn display(&self, format: &str) -> String {
        String::from_utf8_lossy(&self.run(&["display", "-p", "-t", "main", format]).stdout)
            .trim()
            .to_string()
    }

    pub fn wait_for(&self, what: &str, secs: u64, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let screen = self.capture();
            if pred(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Start `script` under `sh -c` in a 100x30 session; returns the shell's pid.
    pub fn start(&mut self, script: &str) -> u32 {
        self.start_sized(script, 100, 30)
    }

    /// Start `script` under `sh -c` in a `w`x`h` session; returns the shell's pid.
    pub fn start_sized(&mut self, script: &str, w: u16, h: u16) -> u32 {
        let (w, h) = (w.to_string(), h.to_string());
        let out = self.run(&[
            "new-session",
            "-d",
            "-s",
            "main",
            "-x",
            &w,
            "-y",
            &h,
            "sh",
            "-c",
            script,
        ]);
        assert!(
            out.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        self.server = self.display("#{pid}").parse().ok();
        self.display("#{pane_pid}").parse().expect("pane pid")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        if let Some(pid) = self.server {
            kill(pid, libc::SIGKILL);
            wait_gone(pid, 10);
        }
    }
}

pub fn kill(pid: u32, sig: libc::c_int) {
    if let Ok(p) = libc::pid_t::try_from(pid) {
        // SAFETY: kill has no memory-safety preconditions.
        unsafe {
            libc::kill(p, sig);
        }
    }
}

pub fn alive(pid: u32) -> bool {
    // A zombie (exited, not yet reaped) counts as gone.
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(s) => !s
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
        Err(_) => false,
    }
}

pub fn wait_gone(pid: u32, secs: u64) -> bool {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while alive(pid) {
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    true
}

/// The nianbao started by the shell `sh` (its only child).
pub fn child_of(sh: u32) -> u32 {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let children =
            std::fs::read_to_string(format!("/proc/{sh}/task/{sh}/children")).unwrap_or_default();
        if let Some(pid) = children.split_whitespace().find_map(|p| p.parse().ok()) {
            return pid;
        }
        assert!(Instant::now() < deadline, "no child of the shell {sh}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

pub fn tmux_missing() -> bool {
    if Command::new("tmux").arg("-V").output().is_err() {
        println!("SKIPPED: tmux is not installed");
        return true;
    }
    false
}

/// `pid` gone within `secs` by itself? If not, SIGKILL it and check it is gone then.
pub fn ensure_gone(pid: u32, secs: u64) -> bool {
    let gone = wait_gone(pid, secs);
    if !gone {
        kill(pid, libc::SIGKILL);
        assert!(wait_gone(pid, 10), "process {pid} survives SIGKILL");
    }
    gone
}

/// The text of `path` once it is written up to a line end, waiting up to `secs`.
pub fn read_when_written(path: &Path, secs: u64) -> Option<String> {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Ok(s) = std::fs::read_to_string(path)
            && s.ends_with('\n')
        {
            return Some(s);
        }
        if Instant::now() > deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A temporary folder holding `reports/`, a copy of `samples/` (review files and the like
/// go there, never into `samples/`).
pub fn samples_copy() -> (tempfile::TempDir, PathBuf) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("reports");
    std::fs::create_dir(&dir).expect("mkdir");
    for e in std::fs::read_dir(root.join("samples")).expect("samples") {
        let e = e.expect("entry");
        std::fs::copy(e.path(), dir.join(e.file_name())).expect("copy");
    }
    (tmp, dir)
}
