//! Into the spreadsheet (issue 13 §5): `--excel` on every CSV output, Chinese headers,
//! decimals as written, sub-row labels with their group, reports left out named on stderr,
//! one line-list format, and a closed pipe ending quietly.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const BOM: &str = "\u{feff}";

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(ROOT)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn text(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn header(csv: &str) -> &str {
    csv.lines().next().unwrap_or_default()
}

#[test]
fn check_csv_takes_excel_and_chinese_headers() {
    let plain = run(&["check", "samples", "--format", "csv"]);
    let plain = text(&plain);
    assert!(!plain.starts_with(BOM));
    assert!(header(&plain).starts_with("path,agency,year,rule"));

    let excel = run(&["check", "samples", "--format", "csv", "--excel"]);
    let excel = text(&excel);
    let body = excel
        .strip_prefix(BOM)
        .expect("a byte-order mark for Excel");
    assert_eq!(
        header(body),
        "文件,机关,年度,规则,级别,部分,表,行,列,行号,说明"
    );
    // Same records, only the header differs.
    assert_eq!(
        body.lines().skip(1).collect::<Vec<_>>(),
        plain.lines().skip(1).collect::<Vec<_>>()
    );

    // Keys with Excel's mark when a script asks for both.
    let en = run(&[
        "check",
        "samples",
        "--format",
        "csv",
        "--excel",
        "--headers",
        "en",
    ]);
    assert!(text(&en).starts_with(&format!("{BOM}path,agency")));

    // Not CSV: a usage error, not a silently ignored flag.
    let json = run(&["check", "samples", "--format", "json", "--excel"]);
    assert_eq!(json.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&json.stderr).contains("--format csv"));
}

#[test]
fn line_lists_have_one_format() {
    let csv = text(&run(&["check", "samples", "--format", "csv"]));
    // 循化 A02 on （七）总计 adds up rows on lines 35-39 and 42-56 (FORMAT.md seeds).
    let a02 = csv
        .lines()
        .find(|l| l.contains("xunhua") && l.contains(",A02,") && l.contains(",natural,"))
        .expect("A02 on 循化");
    assert!(a02.contains(",\"35-39,42-56\","), "{a02}");
    let human = String::from_utf8_lossy(&run(&["check", "samples"]).stdout).into_owned();
    assert!(
        human.contains("L35-39,42-56"),
        "human output lists the same runs"
    );
}

#[test]
fn review_export_csv_takes_excel() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(ROOT).join("samples/xunhua-2020-broken-extraction.txt"),
        dir.path().join("xunhua.txt"),
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    let out = run(&["review-export", d, "--format", "csv", "--excel"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = text(&out);
    let body = csv.strip_prefix(BOM).expect("a byte-order mark for Excel");
    assert!(
        header(body).starts_with("文件,机关,年度,报告状态,规则"),
        "{}",
        header(body)
    );
    assert!(header(body).ends_with("决定,备注,审核人,时间"));
    let a02 = body.lines().find(|l| l.contains(",A02,")).expect("A02");
    assert!(
        a02.contains("\"35-39,42-56\""),
        "no L prefix, same runs as check: {a02}"
    );
    let plain = text(&run(&["review-export", d, "--format", "csv"]));
    assert!(plain.starts_with("path,agency,year,report_status"));
}

#[test]
fn export_keeps_decimals_groups_and_names_what_it_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let yima =
        std::fs::read_to_string(Path::new(ROOT).join("samples/yima-2020-pdf-tabs.txt")).unwrap();
    assert!(yima.contains("政府集中采购\t12\t72.8 万元"));
    let yima = yima.replace(
        "政府集中采购\t12\t72.8 万元",
        "政府集中采购\t12\t5949.088667 万元",
    );
    std::fs::write(dir.path().join("yima.txt"), yima).unwrap();
    std::fs::copy(
        Path::new(ROOT).join("tests/fixtures/kinds/notice-2023.txt"),
        dir.path().join("notice.txt"),
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();

    let t2 = run(&["export", d, "--table", "t2"]);
    let csv = text(&t2);
    let row = csv
        .lines()
        .find(|l| l.contains(",procurement,"))
        .expect("procurement row");
    assert!(row.contains(",12,5949.088667"), "never rounded: {row}");
    assert!(row.contains("第二十条第（九）项·政府集中采购"), "{row}");
    let stderr = String::from_utf8_lossy(&t2.stderr);
    assert!(
        stderr.contains("left out") && stderr.contains("notice.txt") && stderr.contains("t2"),
        "the report without table 2 is named: {stderr}"
    );
    assert!(!stderr.contains("yima.txt"));

    let t3 = run(&["export", d, "--table", "t3", "--excel"]);
    let csv = text(&t3);
    let body = csv.strip_prefix(BOM).expect("BOM");
    assert_eq!(
        header(body),
        "文件,机关,年度,模板,行键,项目,自然人,商业企业,科研机构,社会公益组织,法律服务机构,其他,总计,更正"
    );
    let secret = body
        .lines()
        .find(|l| l.contains(",denied_secret,"))
        .expect("row");
    assert!(
        secret.contains(",（三）不予公开·1.属于国家秘密,"),
        "{secret}"
    );
    let unable = body
        .lines()
        .find(|l| l.contains(",unable_unclear,"))
        .expect("row");
    assert!(
        unable.contains(",（四）无法提供·3.补正后申请内容仍不明确,"),
        "{unable}"
    );
}

/// `nianbao check … | head`: the reader closes the pipe; nianbao ends with status 0 and
/// says nothing (its JSON of the samples is larger than a pipe's buffer, so the write
/// always meets the closed end).
#[test]
fn closed_pipe_ends_quietly() {
    for args in [
        &["check", "samples", "--format", "json"][..],
        // Smaller than a pipe buffer: may finish before the close; either way quiet.
        &["check", "samples", "--fail-on", "never"][..],
        &["export", "samples", "--table", "t3"][..],
    ] {
        let mut child = Command::new(BIN)
            .args(args)
            .current_dir(ROOT)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        // Read a little, as `head -c 10` would, then close the pipe.
        let mut out = child.stdout.take().expect("stdout");
        let mut first = [0u8; 10];
        let _ = out.read(&mut first);
        drop(out);
        let mut err = String::new();
        child
            .stderr
            .take()
            .expect("stderr")
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().expect("wait");
        assert_eq!(status.code(), Some(0), "{args:?}: {err}");
        assert!(
            !err.contains("Broken pipe") && !err.contains("panicked"),
            "{args:?}: {err}"
        );
    }
}
