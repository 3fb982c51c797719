//! Ingest: folder walking, encodings, refusals of bad files, and HTML rendering.

use encoding_rs::{GB18030, GBK};
use nianbao::html::render;
use nianbao::ingest::{self, Document, MAX_FILE_BYTES, discover, load};
use nianbao::model::{LoadError, SourceFormat};
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const REPORT: &str =
    "某某乡人民政府2021年政府信息公开工作年度报告\n一、总体情况\n本年新收政府信息公开申请12件。\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).expect("mkdir");
    }
    fs::write(&p, bytes).expect("write");
    p
}

fn load_bytes(name: &str, bytes: &[u8]) -> Result<Document, LoadError> {
    let dir = TempDir::new().expect("tempdir");
    let p = write(dir.path(), name, bytes);
    load(&p, name)
}

fn load_err(name: &str, bytes: &[u8]) -> String {
    match load_bytes(name, bytes) {
        Ok(d) => panic!("{name} loaded as {} but should fail", d.encoding),
        Err(e) => {
            assert_eq!(e.path, name);
            e.error
        }
    }
}

fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
    }
    for u in text.encode_utf16() {
        out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

// ---- encodings ---------------------------------------------------------------------

#[test]
fn utf8_plain() {
    let d = load_bytes("a.txt", REPORT.as_bytes()).expect("load");
    assert_eq!(d.encoding, "UTF-8");
    assert_eq!(d.text, REPORT);
    assert_eq!(d.format, SourceFormat::Text);
    assert_eq!(d.path, "a.txt");
}

#[test]
fn utf8_with_bom_is_stripped() {
    let mut b = vec![0xEF, 0xBB, 0xBF];
    b.extend_from_slice(REPORT.as_bytes());
    let d = load_bytes("a.txt", &b).expect("load");
    assert_eq!(d.encoding, "UTF-8");
    assert_eq!(d.text, REPORT);
}

#[test]
fn gbk() {
    let (b, _, _) = GBK.encode(REPORT);
    let d = load_bytes("a.txt", &b).expect("load");
    assert_eq!(d.encoding, "GBK");
    assert_eq!(d.text, REPORT);
}

#[test]
fn gb18030_four_byte_sequences() {
    // U+20000 and U+00E9 are outside GBK: GB18030 writes them as four bytes.
    let text = format!("{REPORT}生僻字𠀀与é。\n");
    let (b, _, _) = GB18030.encode(&text);
    let d = load_bytes("a.txt", &b).expect("load");
    assert_eq!(d.encoding, "GB18030");
    assert_eq!(d.text, text);
}

#[test]
fn utf16_with_bom() {
    let d = load_bytes("le.txt", &utf16(REPORT, true, true)).expect("load");
    assert_eq!((d.encoding.as_str(), d.text.as_str()), ("UTF-16LE", REPORT));
    let d = load_bytes("be.txt", &utf16(REPORT, false, true)).expect("load");
    assert_eq!((d.encoding.as_str(), d.text.as_str()), ("UTF-16BE", REPORT));
}

#[test]
fn utf16le_without_bom() {
    let d = load_bytes("le.txt", &utf16(REPORT, true, false)).expect("load");
    assert_eq!((d.encoding.as_str(), d.text.as_str()), ("UTF-16LE", REPORT));
}

#[test]
fn line_endings_are_normalised() {
    let d = load_bytes("a.txt", "一\r\n二\r三\n".as_bytes()).expect("load");
    assert_eq!(d.text, "一\n二\n三\n");
    let (b, _, _) = GBK.encode("一、总体情况\r\n二、主动公开\r\n");
    assert_eq!(
        load_bytes("g.txt", &b).expect("load").text,
        "一、总体情况\n二、主动公开\n"
    );
}

#[test]
fn html_meta_charset_gbk() {
    let page = "<html><head><meta charset=\"gbk\"><title>年度报告</title></head>\
                <body><p>一、总体情况</p></body></html>";
    let (b, _, _) = GBK.encode(page);
    let d = load_bytes("p.html", &b).expect("load");
    assert_eq!(d.encoding, "GBK");
    assert_eq!(d.format, SourceFormat::Html);
    assert_eq!(d.text, "年度报告\n\n一、总体情况\n");
}

#[test]
fn formats_from_extension_and_sniffing() {
    assert_eq!(
        load_bytes("a.MD", b"# x\n").expect("md").format,
        SourceFormat::Markdown
    );
    assert_eq!(
        load_bytes("a.HTM", b"<p>x</p>").expect("htm").format,
        SourceFormat::Html
    );
    let d = load_bytes(
        "a.txt",
        b"  <!DOCTYPE html><html><body><p>x</p></body></html>",
    )
    .expect("txt");
    assert_eq!((d.format, d.text.as_str()), (SourceFormat::Html, "x\n"));
    assert_eq!(
        load_bytes("a.text", b"x").expect("text").format,
        SourceFormat::Text
    );
}

// ---- bad inputs --------------------------------------------------------------------

#[test]
fn empty_and_whitespace_only() {
    assert_eq!(load_err("e.txt", b""), "empty file");
    assert_eq!(load_err("w.txt", b" \r\n\t\n"), "empty file");
    assert!(load_err("w16.txt", &utf16("  \n \u{3000}", true, true)).starts_with("empty file"));
}

#[test]
fn binary_files() {
    let png = [
        0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', 0x44, 0x52, 0,
        0, 1, 0, 0x08, 0x06, 0xFF, 0x13,
    ];
    assert!(
        load_err("img.txt", &png).starts_with("binary file"),
        "{}",
        load_err("img.txt", &png)
    );
    let ctrl: Vec<u8> = b"abc\x01\x02\x03\x04\x05\x06\x07\x08".repeat(50);
    assert!(load_err("c.txt", &ctrl).starts_with("binary file"));
}

#[test]
fn invalid_bytes_are_undecodable() {
    // Bytes that are neither UTF-8 nor any legacy CJK encoding's valid sequences.
    let bytes: Vec<u8> = [0x81u8, 0x20, 0xFF, 0xFE, 0x7F, 0xA0, 0x0A].repeat(60);
    let e = load_err("bad.txt", &bytes);
    assert!(
        e.starts_with("undecodable") || e.starts_with("binary file"),
        "{e}"
    );
    // A UTF-8 BOM followed by GBK bytes: the BOM lies.
    let mut b = vec![0xEF, 0xBB, 0xBF];
    b.extend_from_slice(&GBK.encode(REPORT).0);
    assert!(load_err("bom.txt", &b).starts_with("undecodable"));
}

#[test]
fn very_long_single_line() {
    let line = "数".repeat(10 * 1024 * 1024 / 3);
    let e = load_err("long.txt", format!("标题\n{line}\n").as_bytes());
    assert_eq!(e, "line 2 is longer than 1 MiB: not a report");
}

#[test]
fn over_the_size_limit() {
    let dir = TempDir::new().expect("tempdir");
    let p = dir.path().join("huge.txt");
    let f = fs::File::create(&p).expect("create");
    f.set_len(MAX_FILE_BYTES + 1).expect("set_len");
    let e = load(&p, "huge.txt").expect_err("too large");
    assert!(
        e.error.contains("too large") && e.error.contains("32 MiB"),
        "{}",
        e.error
    );
}

#[test]
fn dangling_symlink() {
    let dir = TempDir::new().expect("tempdir");
    let p = dir.path().join("gone.txt");
    std::os::unix::fs::symlink(dir.path().join("nowhere.txt"), &p).expect("symlink");
    let e = load(&p, "gone.txt").expect_err("dangling");
    assert!(e.error.starts_with("broken symbolic link"), "{}", e.error);
    let d = discover(dir.path());
    assert!(d.files.is_empty());
    assert_eq!(d.errors.len(), 1);
    assert!(d.errors[0].path.ends_with("gone.txt"));
}

fn mkfifo(p: &Path) -> bool {
    std::process::Command::new("mkfifo")
        .arg(p)
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn fifo_is_never_opened() {
    let dir = TempDir::new().expect("tempdir");
    let p = dir.path().join("pipe.txt");
    if !mkfifo(&p) {
        eprintln!("mkfifo unavailable: skipped");
        return;
    }
    // Opening a FIFO for reading would block this test forever.
    let e = load(&p, "pipe.txt").expect_err("fifo");
    assert_eq!(e.error, "not a regular file");
    write(dir.path(), "a.txt", REPORT.as_bytes());
    let d = discover(dir.path());
    assert_eq!(d.files.len(), 1);
    assert_eq!(d.errors.len(), 1);
    assert_eq!(d.errors[0].error, "not a regular file");
    assert!(d.errors[0].path.ends_with("pipe.txt"));
}

#[test]
fn missing_root() {
    let d = discover(Path::new("/nonexistent/nianbao-test"));
    assert_eq!(d.errors.len(), 1);
    assert!(
        d.errors[0].error.contains("No such file"),
        "{}",
        d.errors[0].error
    );
}

// ---- discovery ---------------------------------------------------------------------

#[test]
fn walk_is_sorted_filters_and_displays_relative_paths() {
    let dir = TempDir::new().expect("tempdir");
    let root = dir.path();
    for name in [
        "b.txt",
        "a.HTML",
        "sub/c.md",
        "sub/deeper/d.Text",
        "sub/e.htm",
        "notes.pdf",
        "sub/x.docx",
        "logo.png",
        "sub/t.xls",
        ".hidden.txt",
        ".git/HEAD.txt",
        "REVIEW.json",
        "cargo.lock",
    ] {
        write(root, name, REPORT.as_bytes());
    }
    let d = discover(root);
    let shown: Vec<&str> = d.files.iter().map(|(_, s)| s.as_str()).collect();
    let r = root.to_string_lossy();
    // Files named as PDF or Word documents are loaded (and fail there with a reason when
    // their bytes are not one); other names are listed as skipped.
    let expect: Vec<String> = [
        "a.HTML",
        "b.txt",
        "notes.pdf",
        "sub/c.md",
        "sub/e.htm",
        "sub/x.docx",
        "sub/deeper/d.Text",
    ]
    .iter()
    .map(|n| format!("{r}/{n}"))
    .collect();
    assert_eq!(shown, expect);
    let skipped: Vec<(String, &str)> = d
        .skipped
        .iter()
        .map(|s| (s.path.clone(), s.reason.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [
            (format!("{r}/logo.png"), "not a report file (.png)"),
            (format!("{r}/sub/t.xls"), "not a report file (.xls)"),
        ]
    );
    assert!(d.errors.is_empty(), "{:?}", d.errors);
    for (real, _) in &d.files {
        assert!(real.is_file());
    }
}

#[test]
fn display_path_keeps_the_root_as_given() {
    let dir = TempDir::new().expect("tempdir");
    write(dir.path(), "samples/x.txt", REPORT.as_bytes());
    let root = dir.path().join("samples");
    let d = discover(&root);
    assert_eq!(d.files.len(), 1);
    assert_eq!(d.files[0].1, format!("{}/x.txt", root.to_string_lossy()));
    // A file as root: the root itself.
    let f = root.join("x.txt");
    let d = discover(&f);
    assert_eq!(d.files, vec![(f.clone(), f.to_string_lossy().to_string())]);
}

#[test]
fn symlink_loop_terminates_and_lists_each_file_once() {
    let dir = TempDir::new().expect("tempdir");
    let root = dir.path();
    write(root, "a.txt", REPORT.as_bytes());
    write(root, "sub/b.txt", REPORT.as_bytes());
    std::os::unix::fs::symlink(root, root.join("sub/loop")).expect("symlink");
    std::os::unix::fs::symlink(root.join("sub"), root.join("sub2")).expect("symlink");
    std::os::unix::fs::symlink(root.join("a.txt"), root.join("z-link.txt")).expect("symlink");
    let d = discover(root);
    let mut reals: Vec<PathBuf> = d
        .files
        .iter()
        .map(|(p, _)| fs::canonicalize(p).expect("canonical"))
        .collect();
    assert_eq!(reals.len(), 2, "{:?}", d.files);
    reals.dedup();
    assert_eq!(reals.len(), 2);
    assert!(d.errors.is_empty(), "{:?}", d.errors);
}

#[test]
fn is_report_name_is_case_insensitive() {
    assert!(ingest::is_report_name(Path::new("x.TXT")));
    assert!(ingest::is_report_name(Path::new("x.Htm")));
    assert!(!ingest::is_report_name(Path::new("x.pdf")));
    assert!(!ingest::is_report_name(Path::new("txt")));
}

// ---- HTML rendering ----------------------------------------------------------------

fn table_lines(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| l.starts_with('|'))
        .map(|l| {
            let inner = l.trim().trim_start_matches('|').trim_end_matches('|');
            inner.split('|').map(|c| c.trim().to_string()).collect()
        })
        .collect()
}

#[test]
fn deep_nesting_renders_without_overflow() {
    let n = 10_000;
    let html = format!("{}深处的文字{}", "<div>".repeat(n), "</div>".repeat(n));
    let t = render(&html);
    assert_eq!(t, "深处的文字\n");
    let html = format!(
        "<p>前</p>{}<b>x</b>{}",
        "<span>".repeat(n),
        "</span>".repeat(n)
    );
    assert_eq!(render(&html), "前\nx\n");
    // The same through load, as a file.
    let d = load_bytes(
        "deep.html",
        format!("<div>{}</div>", "<div>".repeat(n)).as_bytes(),
    );
    assert!(d.is_ok());
}

#[test]
fn deeply_nested_tables_render() {
    let n = 2_000;
    let html = format!(
        "{}<td>内</td>{}",
        "<table><tr><td>".repeat(n),
        "</td></tr></table>".repeat(n)
    );
    let t = render(&html);
    assert!(t.contains("| 内 |"), "{t}");
}

#[test]
fn rowspan_and_colspan_grid() {
    let html = r#"<table>
      <tr><td rowspan="2" colspan="2">申请人情况</td><td colspan="3">法人或其他组织</td><td rowspan="2">总计</td></tr>
      <tr><td>商业企业</td><td>科研机构</td><td>其他</td></tr>
      <tr><td rowspan="3">三、本年度办理结果</td><td>（一）予以公开</td><td>1</td><td>2</td><td>3</td><td>6</td></tr>
      <tr><td>（二）部分公开</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
      <tr><td>（七）总计</td><td>1</td><td>2</td><td>3</td><td>6</td></tr>
    </table>"#;
    let g = table_lines(&render(html));
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    // The label block is drawn right-aligned (a label's colspan yields one field, never an
    // empty data cell after it).
    assert_eq!(
        g[0],
        s(&["", "申请人情况", "法人或其他组织", "", "", "总计"])
    );
    assert_eq!(g[1], s(&["", "", "商业企业", "科研机构", "其他", ""]));
    assert_eq!(
        g[2],
        s(&["三、本年度办理结果", "（一）予以公开", "1", "2", "3", "6"])
    );
    assert_eq!(g[3], s(&["", "（二）部分公开", "0", "0", "0", "0"]));
    assert_eq!(g[4], s(&["", "（七）总计", "1", "2", "3", "6"]));
}

#[test]
fn short_rows_are_padded() {
    let g = table_lines(&render(
        "<table><tr><td>a</td><td>b</td><td>c</td></tr><tr><td>d</td></tr></table>",
    ));
    assert_eq!(g[1], vec!["d", "", ""]);
}

#[test]
fn nbsp_cells_are_blank() {
    let t =
        render("<table><tr><td>规章</td><td>&nbsp;</td><td> &nbsp; </td><td>3</td></tr></table>");
    assert_eq!(table_lines(&t)[0], vec!["规章", "", "", "3"]);
}

#[test]
fn br_and_wrapped_cells() {
    let html = "<table><tr>\
        <td><p><span>本年新</span></p><p><span>制作数量</span></p></td>\
        <td>本年<br>制发件数</td>\
        <td>采购总金额<br>(万元)</td>\
        <td><p style='x'><span lang=EN-US>1</span><span>2</span></p></td>\
        <td><span>a|b</span></td></tr></table>";
    let g = table_lines(&render(html));
    assert_eq!(
        g[0],
        vec![
            "本年新制作数量",
            "本年制发件数",
            "采购总金额 (万元)",
            "12",
            "a¦b"
        ]
    );
}

#[test]
fn columns_align_by_display_width() {
    let t = render(
        "<table><tr><td>规章</td><td>3</td></tr><tr><td>ab</td><td>１２３</td></tr></table>",
    );
    let rows: Vec<&str> = t.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(rows, vec!["| 规章 | 3      |", "| ab   | １２３ |"]);
    let w = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    assert_eq!(w(rows[0]), w(rows[1]));
}

#[test]
fn table_is_set_off_by_blank_lines() {
    let t = render("<p>表前</p><table><tr><td>1</td></tr></table><p>表后</p>");
    assert_eq!(t, "表前\n\n| 1 |\n\n表后\n");
}

#[test]
fn nested_table_rows_follow_the_outer_row() {
    let t = render(
        "<table><tr><td>外</td><td><table><tr><td>内1</td></tr><tr><td>内2</td></tr></table></td></tr>\
         <tr><td>下</td><td>行</td></tr></table>",
    );
    let lines: Vec<&str> = t.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines,
        vec!["| 外 |    |", "| 内1 |", "| 内2 |", "| 下 | 行 |"]
    );
}

#[test]
fn layout_tables_flow_as_text() {
    let body = "正文内容。".repeat(100);
    let t = render(&format!(
        "<table><tr><td>网站首页</td></tr><tr><td><p>一、总体情况</p><p>{body}</p>\
         <table><tr><td>规章</td><td>0</td></tr></table></td></tr></table>"
    ));
    assert!(t.contains("\n一、总体情况\n"), "{t}");
    assert!(t.contains("| 规章 | 0 |"), "{t}");
    assert!(!t.contains(&format!("| {body}")));
}

#[test]
fn scripts_styles_skipped_title_first() {
    let t = render(
        "<!DOCTYPE html><html><head><title>\n 某县2021年政府信息公开工作年度报告 </title>\
         <style>td{color:red}</style><script>document.write('x')</script></head>\
         <body><noscript>请启用脚本</noscript><div>正文</div><svg><title>图标</title></svg>\
         <template><p>模板</p></template><iframe>框架</iframe><p>结尾</p></body></html>",
    );
    assert_eq!(t, "某县2021年政府信息公开工作年度报告\n\n正文\n结尾\n");
}

#[test]
fn blank_line_runs_collapse() {
    let t = render("<p>a</p><br><br><br><br><p>b</p><p></p><p> </p><p>c</p>");
    assert_eq!(t, "a\n\nb\nc\n");
}
