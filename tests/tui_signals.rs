//! The inspector under tmux when the terminal goes away or a signal arrives: it must save,
//! release the review lock, restore the terminal and exit with the status the shell expects,
//! never spin on a dead terminal. Skipped (with a message) only when tmux is not installed.
//! Every process started is killed by pid and checked gone.

mod tmux_support;

use nianbao::review::{self, Review};
use std::path::PathBuf;
use std::process::Command;
use tmux_support::{
    Tmux, child_of, ensure_gone, kill, read_when_written, samples_copy, tmux_missing, wait_gone,
};

struct Run {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    review: PathBuf,
    exit: PathBuf,
    stty: PathBuf,
}

/// A copy of the samples and the shell line that runs nianbao on it (`prefix` before the
/// binary, e.g. `setsid`), then records its exit status and the terminal settings.
fn prepare() -> (Run, String) {
    let (tmp, dir) = samples_copy();
    let run = Run {
        review: dir.join(review::FILE_NAME),
        exit: tmp.path().join("exit"),
        stty: tmp.path().join("stty"),
        dir,
        _tmp: tmp,
    };
    let env = format!(
        "env -u XDG_CONFIG_HOME -u NIANBAO_CONFIG HOME='{}' USER=tester TERM=xterm-256color",
        run._tmp.path().display()
    );
    (run, env)
}

fn open_xunhua_note(t: &Tmux) {
    t.wait_for("the loaded tree", 30, |s| {
        s.contains("循化") && s.contains("待定")
    });
    t.run(&["send-keys", "-t", "main", "-l", "/"]);
    t.wait_for("the finder", 10, |s| s.contains("个结果"));
    t.run(&["send-keys", "-t", "main", "-l", "xunhua"]);
    t.wait_for("finder results", 10, |s| s.contains("/ xunhua"));
    t.run(&["send-keys", "-t", "main", "Enter"]);
    t.wait_for("循化 open", 10, |s| {
        !s.contains("个结果") && s.contains("海东市循化县 2020")
    });
    t.run(&["send-keys", "-t", "main", "-l", "]"]);
    t.wait_for("a failure selected", 10, |s| s.contains("E! S05"));
    t.run(&["send-keys", "-t", "main", "-l", "c"]);
    t.wait_for("the note popup", 10, |s| s.contains("备注 S05"));
    t.run(&["send-keys", "-t", "main", "-l", "断线前写的"]);
    t.wait_for("the note typed", 10, |s| s.contains("断线前写的"));
}

/// Kill the session (the terminal goes away, as on an SSH drop); nianbao must exit 129
/// within seconds, keep the note being written and release the lock.
fn hangup_case(prefix: &str, tag: &str) {
    let (run, env) = prepare();
    let bin = env!("CARGO_BIN_EXE_nianbao");
    // The shell ignores SIGHUP so that it outlives the terminal and records the status.
    let script = format!(
        "trap '' HUP; cd '{}' && {env} {prefix} '{bin}' . --no-overview; echo EXIT=$? > '{}'; exec sleep 60",
        run.dir.display(),
        run.exit.display()
    );
    let mut t = Tmux::new(tag);
    let sh = t.start(&script);
    let nianbao = child_of(sh);
    open_xunhua_note(&t);
    assert!(
        Review::open(&run.review, "probe".into())
            .expect("review")
            .read_only
            .is_some(),
        "the running nianbao holds the lock"
    );
    t.run(&["kill-session", "-t", "main"]);
    let gone = ensure_gone(nianbao, 10);
    let status = read_when_written(&run.exit, 5);
    kill(sh, libc::SIGKILL);
    assert!(wait_gone(sh, 10), "shell {sh} still there");
    assert!(
        gone,
        "nianbao still running 10 s after its terminal went away"
    );
    assert_eq!(status.as_deref().map(str::trim), Some("EXIT=129"));
    let rv = Review::open(&run.review, "probe".into()).expect("review readable");
    assert!(
        rv.read_only.is_none(),
        "lock not released: {:?}",
        rv.read_only
    );
    let json = std::fs::read_to_string(&run.review).expect("REVIEW.json written");
    assert!(json.contains("断线前写的"), "the note was lost: {json}");
}

#[test]
fn hangup_by_sighup_saves_releases_the_lock_and_exits_129() {
    if tmux_missing() {
        return;
    }
    hangup_case("", "hup");
}

#[test]
fn end_of_input_without_sighup_saves_releases_the_lock_and_exits_129() {
    if tmux_missing() {
        return;
    }
    // In a session of its own nianbao gets no SIGHUP: only the dead terminal tells.
    if Command::new("setsid").arg("--version").output().is_err() {
        println!("SKIPPED: setsid is not installed");
        return;
    }
    hangup_case("setsid", "eof");
}

/// Send `sig` with kill; the terminal must be restored (main screen, cursor shown, raw
/// mode off) and the shell must see `status`.
fn signal_case(sig: libc::c_int, status: &str) {
    let (run, env) = prepare();
    let bin = env!("CARGO_BIN_EXE_nianbao");
    let script = format!(
        "cd '{}' && {env} '{bin}' . --no-overview; echo EXIT=$? > '{}'; stty -a > '{}'; echo SHELL-AFTER; exec sleep 60",
        run.dir.display(),
        run.exit.display(),
        run.stty.display()
    );
    let mut t = Tmux::new(&format!("s{sig}"));
    let sh = t.start(&script);
    let nianbao = child_of(sh);
    t.wait_for("the loaded tree", 30, |s| s.contains("循化"));
    assert_eq!(t.display("#{alternate_on}"), "1");
    kill(nianbao, sig);
    let gone = ensure_gone(nianbao, 10);
    assert!(gone, "nianbao still running 10 s after signal {sig}");
    let exit = read_when_written(&run.exit, 10);
    let stty = read_when_written(&run.stty, 10).unwrap_or_default();
    let screen = t.wait_for("the shell after nianbao", 10, |s| s.contains("SHELL-AFTER"));
    let alternate = t.display("#{alternate_on}");
    let cursor = t.display("#{cursor_flag}");
    kill(sh, libc::SIGKILL);
    assert!(wait_gone(sh, 10), "shell {sh} still there");
    assert_eq!(exit.as_deref().map(str::trim), Some(status), "signal {sig}");
    assert_eq!(
        alternate, "0",
        "alternate screen left on after {sig}:\n{screen}"
    );
    assert_eq!(cursor, "1", "cursor left hidden after {sig}");
    let words: Vec<&str> = stty.split_whitespace().collect();
    for mode in ["icanon", "echo", "isig"] {
        assert!(
            words.contains(&mode),
            "raw mode left on after {sig}: {stty}"
        );
    }
}

#[test]
fn every_catchable_signal_restores_the_terminal() {
    if tmux_missing() {
        return;
    }
    for (sig, status) in [
        (libc::SIGINT, "EXIT=130"),
        (libc::SIGQUIT, "EXIT=131"),
        (libc::SIGUSR1, "EXIT=138"),
        (libc::SIGALRM, "EXIT=142"),
        (libc::SIGABRT, "EXIT=134"),
        (libc::SIGTERM, "EXIT=143"),
    ] {
        signal_case(sig, status);
    }
}
