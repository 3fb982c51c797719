//! Hostile folders end to end: names and contents with terminal controls, bidi overrides
//! and bytes that are not UTF-8, review files written by someone else, pages built to
//! amplify, and command-line paths that cannot be read. Every output must stay inert and
//! every refusal must say why.

use nianbao::html::render_checked;
use serde_json::Value;
use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn run(args: &[&OsStr]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("NIANBAO_CONFIG")
        .env_remove("XDG_CONFIG_HOME")
        .env("HOME", "/nonexistent")
        .output()
        .expect("the binary runs")
}

fn seed_text() -> Vec<u8> {
    fs::read(Path::new(ROOT).join("samples/xunhua-2020-broken-extraction.txt")).expect("seed")
}

/// Characters that must never leave nianbao raw: C0/C1 controls, DEL, bidi controls.
fn unsafe_chars(s: &str) -> Vec<char> {
    s.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\r')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
        })
        .collect()
}

fn folder_with_hostile_name() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut text = seed_text();
    // A C1 CSI, DEL and an RLO inside the report's text too.
    text.extend_from_slice("\n备注：\u{9b}2J\u{7f}\u{202e}反向\n".as_bytes());
    let name = "循化\u{202e}txt.\u{9b}31m.txt";
    fs::write(dir.path().join(name), &text).expect("write");
    let root = dir.path().to_path_buf();
    (dir, root)
}

#[test]
fn check_and_export_escape_c1_del_and_bidi_in_every_format() {
    let (_dir, root) = folder_with_hostile_name();
    for format in ["json", "jsonl", "csv", "human"] {
        let o = run(&[
            OsStr::new("check"),
            root.as_os_str(),
            OsStr::new("--format"),
            OsStr::new(format),
        ]);
        let out = String::from_utf8(o.stdout).expect("UTF-8 output");
        assert!(out.contains("循化"), "{format}: {out}");
        assert_eq!(unsafe_chars(&out), Vec::<char>::new(), "{format}");
        if format == "json" {
            let v: Value = serde_json::from_str(&out).expect("valid JSON");
            let path = v["reports"][0]["path"].as_str().unwrap_or("");
            // Escaped on the wire, intact once parsed.
            assert!(path.contains("\u{202e}txt.\u{9b}31m"), "{path}");
            assert!(out.contains("\\u202e") && out.contains("\\u009b"));
        }
    }
    for format in ["json", "csv"] {
        let o = run(&[
            OsStr::new("export"),
            root.as_os_str(),
            OsStr::new("--table"),
            OsStr::new("t3"),
            OsStr::new("--format"),
            OsStr::new(format),
        ]);
        let out = String::from_utf8(o.stdout).expect("UTF-8 output");
        assert!(!out.is_empty());
        assert_eq!(unsafe_chars(&out), Vec::<char>::new(), "export {format}");
    }
}

#[test]
fn review_export_never_writes_review_fields_raw() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("xunhua.txt"), seed_text()).expect("write");
    let review = serde_json::json!({
        "version": 1,
        "reports": {"xunhua.txt": {
            "status": "reviewed",
            "status_by": "\u{1b}]0;pwned\u{7}",
            "decisions": [{
                "fingerprint": "00000000deadbeef",
                "rule": "\u{1b}]0;owned\u{7}",
                "location": {"section": 3, "table": "t3\u{1b}[2J", "row": "\u{9b}H", "column": null},
                "message": "清屏\u{1b}[2J\u{1b}[H\u{202e}",
                "verdict": "confirmed",
                "note": "第一行\n\u{1b}]52;c;ZXZpbA==\u{7}",
                "reviewer": "\u{9b}31m红",
                "time": "\u{1b}[5m2026",
                "content_hash": "0"
            }]
        }}
    });
    fs::write(dir.path().join("REVIEW.json"), review.to_string()).expect("write");
    for format in ["csv", "json"] {
        let o = run(&[
            OsStr::new("review-export"),
            dir.path().as_os_str(),
            OsStr::new("--format"),
            OsStr::new(format),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let out = String::from_utf8(o.stdout).expect("UTF-8 output");
        assert_eq!(unsafe_chars(&out), Vec::<char>::new(), "{format}:\n{out}");
        if format == "csv" {
            // The stale decision's rule, place and time are not taken for real ones.
            assert!(out.contains("‹invalid: \\u{1b}]0;owned\\u{7}›"), "{out}");
            assert!(out.contains("‹invalid: \\u{1b}[5m2026›"), "{out}");
        }
        if format == "json" {
            let v: Value = serde_json::from_str(&out).expect("valid JSON");
            let stale: Vec<&Value> = v["findings"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|f| f["state"] == "stale")
                .collect();
            assert_eq!(stale.len(), 1);
            assert_eq!(stale[0]["rule"], "‹invalid: \\u{1b}]0;owned\\u{7}›");
            assert_eq!(stale[0]["time"], "‹invalid: \\u{1b}[5m2026›");
            assert_eq!(stale[0]["table"], "‹invalid: 3/t3\\u{1b}[2J/\\u{9b}H›");
            // Free text stays the auditor's text, escaped only on the wire.
            assert_eq!(stale[0]["note"], "第一行\n\u{1b}]52;c;ZXZpbA==\u{7}");
        }
    }
}

#[test]
fn names_that_are_not_utf8_stay_distinct_and_lossless() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in [b"r\xff.txt".as_slice(), b"r\xfe.txt".as_slice()] {
        fs::write(dir.path().join(OsStr::from_bytes(name)), seed_text()).expect("write");
    }
    let o = run(&[
        OsStr::new("check"),
        dir.path().as_os_str(),
        OsStr::new("--format"),
        OsStr::new("json"),
    ]);
    let v: Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let paths: Vec<String> = v["reports"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["path"].as_str().map(str::to_string))
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert_ne!(paths[0], paths[1]);
    assert!(paths.iter().any(|p| p.ends_with("r\\xFF.txt")), "{paths:?}");
    assert!(paths.iter().any(|p| p.ends_with("r\\xFE.txt")), "{paths:?}");
    let keys: Vec<String> = paths
        .iter()
        .map(|p| nianbao::review::report_key(dir.path(), p))
        .collect();
    assert_eq!(keys, ["r\\xFE.txt", "r\\xFF.txt"]);
}

#[test]
fn a_symlink_loop_as_dir_says_so_and_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a");
    std::os::unix::fs::symlink(dir.path().join("b"), &a).expect("symlink");
    std::os::unix::fs::symlink(&a, dir.path().join("b")).expect("symlink");
    for cmd in ["check", "review-export"] {
        let o = run(&[OsStr::new(cmd), a.as_os_str()]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{cmd}: {err}");
        assert!(
            err.contains("too many levels of symbolic links"),
            "{cmd}: {err}"
        );
        assert!(!err.contains("no such file"), "{cmd}: {err}");
    }
}

#[test]
fn an_unreadable_dir_exits_2() {
    // Root reads every folder whatever its mode: nothing to test there.
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        println!("SKIPPED: running as root, permissions do not apply");
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).expect("mkdir");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
    let o = run(&[OsStr::new("check"), locked.as_os_str()]);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).expect("chmod back");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("permission denied"), "{err}");
}

#[test]
fn a_config_error_is_said_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A folder where the configuration file should be: reading it fails.
    let cfg = dir.path().join("config.toml");
    fs::create_dir(&cfg).expect("mkdir");
    let o = Command::new(BIN)
        .arg(dir.path())
        .arg("--config")
        .arg(&cfg)
        .output()
        .expect("the binary runs");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(err.matches("Is a directory").count(), 1, "{err}");
}

#[test]
fn amplifying_pages_are_refused_with_a_reason() {
    // One row of 512 long cells, then many short rows: each short row is padded to the
    // full width, hundreds of KB per row (gigabytes in all without a bound).
    let long = format!(
        "<tr>{}</tr>",
        "<td>长长长长长长长长长长长长</td>".repeat(512)
    );
    let html = format!(
        "<table>{long}{}</table>",
        "<tr><td>1</td></tr>".repeat(20_000)
    );
    let why = render_checked(&html).unwrap_err().to_string();
    assert!(why.contains("render to more than"), "{why}");
    // Through ingest it is the file's load error.
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("big.html"), &html).expect("write");
    let err = nianbao::ingest::load(&dir.path().join("big.html"), "big.html").unwrap_err();
    assert!(err.error.contains("not a report"), "{}", err.error);
    // A grid of millions of cells is refused too.
    let grid = format!(
        "<table>{}</table>",
        "<tr><td colspan=256>a</td><td colspan=256>b</td></tr>".repeat(5000)
    );
    assert_eq!(
        render_checked(&grid).unwrap_err(),
        nianbao::html::HtmlError::TableTooLarge
    );
    // A normal table is unaffected.
    assert!(render_checked("<table><tr><td>规章</td><td>3</td></tr></table>").is_ok());
}
