//! `export --format xlsx`: the workbook read back with calamine (values and fills) and
//! through its XML (notes); every error/warning finding on a cell or row is filled and
//! noted where it belongs; LibreOffice converts it headless to the same CSV as
//! `export --table t3` (skipped when `soffice` is absent).

mod common;
use calamine::{Data, Reader, Xlsx, open_workbook};
use common::nianbao;
use nianbao::cli::export::column_keys;
use nianbao::cli::workbook::{ERROR_FILL, WARNING_FILL};
use nianbao::model::{Report, Severity};
use nianbao::template::{ALL_VERSIONS, TableId};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn export_workbook(dir: &Path, out: &Path) {
    let o = Command::new(BIN)
        .current_dir(ROOT)
        .args(["export"])
        .arg(dir)
        .args(["--format", "xlsx", "-o"])
        .arg(out)
        .env(
            "NIANBAO_CONFIG",
            Path::new(ROOT).join("config/default.toml"),
        )
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn samples_workbook() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("年报.xlsx");
    export_workbook(Path::new("samples"), &out);
    (dir, out)
}

fn col_name(mut c: u32) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, (b'A' + (c % 26) as u8) as char);
        if c < 26 {
            return s;
        }
        c = c / 26 - 1;
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The notes of sheet number `n` (1-based, in workbook order): cell reference → text.
fn notes(path: &Path, n: usize) -> HashMap<String, String> {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut read = |name: &str| -> Option<String> {
        let mut f = zip.by_name(name).ok()?;
        let mut s = String::new();
        f.read_to_string(&mut s).ok()?;
        Some(s)
    };
    let Some(rels) = read(&format!("xl/worksheets/_rels/sheet{n}.xml.rels")) else {
        return HashMap::new();
    };
    let Some(target) = rels
        .split("Target=\"")
        .skip(1)
        .map(|t| &t[..t.find('"').unwrap()])
        .find(|t| t.contains("comments"))
    else {
        return HashMap::new();
    };
    let xml = read(&format!("xl/{}", target.trim_start_matches("../"))).unwrap();
    let mut out = HashMap::new();
    for c in xml.split("<comment ref=\"").skip(1) {
        let r = &c[..c.find('"').unwrap()];
        let body = &c[..c.find("</comment>").unwrap()];
        let text: String = body
            .split("<t")
            .skip(1)
            .filter_map(|t| {
                let start = t.find('>')? + 1;
                let end = t.find("</t>")?;
                Some(unescape(&t[start..end]))
            })
            .collect();
        out.insert(r.to_string(), text);
    }
    out
}

fn fill_of(styles: &calamine::StyleRange, pos: (u32, u32)) -> Option<u32> {
    let fill = styles.get(pos)?.fill.as_ref()?;
    if !fill.is_visible() {
        return None;
    }
    let c = fill.get_color()?;
    Some((u32::from(c.red) << 16) | (u32::from(c.green) << 8) | u32::from(c.blue))
}

fn text(v: Option<&Data>) -> String {
    match v {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => format!("{other:?}"),
    }
}

/// The sheet row whose path (column A) contains `path` and whose key (column E) is `key`.
fn find_row(range: &calamine::Range<Data>, path: &str, key: &str) -> u32 {
    (1..range.height() as u32)
        .find(|r| {
            text(range.get_value((*r, 0))).contains(path) && text(range.get_value((*r, 4))) == key
        })
        .unwrap_or_else(|| panic!("no row {path} {key}"))
}

#[test]
fn sheets_values_fills_and_notes() {
    let (_dir, path) = samples_workbook();
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["t2", "t3", "t4", "findings", "indicators"]
    );
    let reports: Vec<Report> = nianbao::corpus::load_dir(Path::new("samples")).reports;

    let mut filled = 0;
    for (n, id) in [TableId::T2, TableId::T3, TableId::T4]
        .into_iter()
        .enumerate()
    {
        let range = wb.worksheet_range(id.key()).unwrap();
        let styles = wb.worksheet_style(id.key()).unwrap();
        let notes = notes(&path, n + 1);
        let head: Vec<String> = (0..range.width() as u32)
            .map(|c| text(range.get_value((0, c))))
            .collect();
        assert_eq!(&head[..6], ["文件", "机关", "年度", "模板", "行键", "项目"]);
        let keys = column_keys(id, &ALL_VERSIONS);
        if id == TableId::T3 {
            assert_eq!(
                &head[6..],
                [
                    "自然人",
                    "商业企业",
                    "科研机构",
                    "社会公益组织",
                    "法律服务机构",
                    "其他",
                    "总计"
                ]
            );
        }
        // Row of (path, row key) in the sheet.
        let rows: HashMap<(String, String), u32> = (1..range.height() as u32)
            .map(|r| {
                (
                    (text(range.get_value((r, 0))), text(range.get_value((r, 4)))),
                    r,
                )
            })
            .collect();
        let expected_rows: usize = reports
            .iter()
            .map(|r| r.tables.get(id).map_or(0, |t| t.rows.len()))
            .sum();
        assert_eq!(
            rows.len(),
            expected_rows,
            "{id}: one row per report and row"
        );
        for r in &reports {
            let Some(t) = r.tables.get(id) else { continue };
            for row in &t.rows {
                let at = rows[&(r.path.clone(), row.key.to_string())];
                let columns = nianbao::validate::row_columns(r, id, row);
                for (i, cell) in row.cells.iter().enumerate() {
                    let c = 6 + keys.iter().position(|k| *k == columns[i].key).unwrap() as u32;
                    let v = range.get_value((at, c));
                    match cell.state {
                        nianbao::model::CellState::Number => {
                            let Some(Data::Float(f)) = v else {
                                panic!("{} {} {}: {v:?}", r.path, row.key, columns[i].key)
                            };
                            if cell.unit != Some(nianbao::model::Unit::Yuan) {
                                assert_eq!(Some(*f), cell.value);
                            }
                        }
                        nianbao::model::CellState::Blank => {
                            assert!(matches!(v, None | Some(Data::Empty)), "{v:?}")
                        }
                        _ => assert_eq!(v, Some(&Data::String("NA".into()))),
                    }
                }
            }
            // Every error or warning on this table sits on its cell (or row label).
            let mut worst: HashMap<(u32, u32), (Severity, Vec<&str>)> = HashMap::new();
            for f in r.findings.iter().filter(|f| f.table == Some(id)) {
                if f.severity == Severity::Info {
                    continue;
                }
                // A row that was not found (S05) has no line in the sheet.
                let Some(row) = f.row else {
                    continue;
                };
                let Some(&at) = rows.get(&(r.path.clone(), row.to_string())) else {
                    continue;
                };
                let c = match f.column {
                    Some(k) => 6 + keys.iter().position(|x| *x == k).unwrap() as u32,
                    None => 5,
                };
                let e = worst.entry((at, c)).or_insert((f.severity, Vec::new()));
                e.0 = e.0.max(f.severity);
                e.1.push(&f.message);
            }
            for ((at, c), (sev, messages)) in worst {
                let want = if sev == Severity::Error {
                    ERROR_FILL
                } else {
                    WARNING_FILL
                };
                assert_eq!(
                    fill_of(&styles, (at, c)),
                    Some(want),
                    "{} ({at},{c})",
                    r.path
                );
                let note = &notes[&format!("{}{}", col_name(c), at + 1)];
                for m in messages {
                    assert!(note.contains(m), "{note:?} lacks {m:?}");
                }
                filled += 1;
            }
        }
        // Header row bold and frozen; unmarked cells have no fill.
        assert_eq!(fill_of(&styles, (1, 0)), None);
    }
    assert!(filled >= 10, "only {filled} marked cells");

    // 循化县 table 3 （七）总计·总计 is blank while a result row has 1: a warning on an
    // empty, yellow cell.
    let range = wb.worksheet_range("t3").unwrap();
    let styles = wb.worksheet_style("t3").unwrap();
    let at = find_row(&range, "xunhua", "processed_total");
    assert!(matches!(
        range.get_value((at, 12)),
        None | Some(Data::Empty)
    ));
    assert!(fill_of(&styles, (at, 12)).is_some());

    // findings: one row per finding, with the review columns.
    let f = wb.worksheet_range("findings").unwrap();
    let total: usize = reports.iter().map(|r| r.findings.len()).sum();
    assert_eq!(f.height(), total + 1);
    let head: Vec<String> = (0..f.width() as u32)
        .map(|c| text(f.get_value((0, c))))
        .collect();
    assert_eq!(head[3..6], ["规则", "严重程度", "说明"]);
    assert_eq!(head[11..], ["审核结论", "备注"]);
    assert!((1..f.height() as u32).all(|r| text(f.get_value((r, 11))) == "未定"));

    // indicators: numbers as numbers, NA where not computable.
    let ind = wb.worksheet_range("indicators").unwrap();
    let late = find_row(&ind, "manlu", "days_late");
    assert_eq!(ind.get_value((late, 6)), Some(&Data::Float(4.0)));
    assert_eq!(text(ind.get_value((late, 5))), "逾期天数");
}

#[test]
fn review_decisions_reach_the_findings_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(ROOT).join("samples/manlu-2020-one-cell-per-line.txt");
    std::fs::copy(&src, dir.path().join("manlu.txt")).unwrap();
    let reports = nianbao::corpus::load_dir(dir.path()).reports;
    let t01 = reports[0]
        .findings
        .iter()
        .find(|f| f.rule == "T01")
        .unwrap();
    let key = nianbao::review::report_key(dir.path(), &reports[0].path);
    let mut rv =
        nianbao::review::Review::open(&dir.path().join("REVIEW.json"), "审计员".into()).unwrap();
    rv.decide(
        &key,
        &reports[0],
        t01,
        Some(nianbao::review::Verdict::Confirmed),
        Some("已核实\n第二行".into()),
    )
    .unwrap();
    drop(rv);
    let out = dir.path().join("out.xlsx");
    export_workbook(dir.path(), &out);
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let f = wb.worksheet_range("findings").unwrap();
    let row = (1..f.height() as u32)
        .find(|r| text(f.get_value((*r, 3))) == "T01")
        .unwrap();
    assert_eq!(text(f.get_value((row, 11))), "确认");
    assert_eq!(text(f.get_value((row, 12))), "已核实\n第二行");
    assert_eq!(text(f.get_value((row, 4))), "警告");
}

/// Minimal CSV reader (quoted fields, doubled quotes, CRLF or LF).
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = s.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// Whether `soffice` is there with its spreadsheet component (a writer-only install cannot
/// load a spreadsheet): it must turn a small CSV into a workbook.
fn soffice_has_calc(dir: &Path, profile: &Path) -> bool {
    let probe = dir.join("probe.csv");
    if std::fs::write(&probe, "a,b\n1,2\n").is_err() {
        return false;
    }
    let ok = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(dir)
        .arg(&probe)
        .output()
        .is_ok_and(|o| o.status.success());
    ok && dir.join("probe.xlsx").exists()
}

#[test]
fn libreoffice_converts_it_to_the_same_csv() {
    let (dir, path) = samples_workbook();
    let profile = dir.path().join("lo-profile");
    if !soffice_has_calc(dir.path(), &profile) {
        eprintln!("soffice (with Calc) not installed: skipped");
        return;
    }
    let o = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to"])
        .arg("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1")
        .arg("--outdir")
        .arg(dir.path())
        .arg(&path)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let lo = std::fs::read_to_string(dir.path().join("年报-t3.csv")).unwrap_or_else(|e| {
        let listing: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        panic!("{e}: {listing:?} {}", String::from_utf8_lossy(&o.stderr))
    });
    let ours = nianbao(&["export", "samples", "--table", "t3"]);
    let ours = parse_csv(&String::from_utf8(ours.stdout).unwrap());
    let lo = parse_csv(&lo);
    // The CSV export ends with the `corrected` column (reviewers' corrections, none on the
    // samples); the workbook shows corrections on the cells instead.
    assert_eq!(ours[0].last().map(String::as_str), Some("corrected"));
    assert!(
        ours[1..]
            .iter()
            .all(|r| r.last().is_some_and(String::is_empty))
    );
    let ours: Vec<Vec<String>> = ours.iter().map(|r| r[..r.len() - 1].to_vec()).collect();
    assert_eq!(lo.len(), ours.len());
    assert_eq!(lo[0][..6], ["文件", "机关", "年度", "模板", "行键", "项目"]);
    for (a, b) in lo[1..].iter().zip(&ours[1..]) {
        assert_eq!(a, b, "LibreOffice's row differs from `export --table t3`");
    }
}

#[test]
fn text_from_files_is_inert_in_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        std::fs::read_to_string(Path::new(ROOT).join("samples/manlu-2020-one-cell-per-line.txt"))
            .unwrap()
            .replacen("漫路乡", "漫路\u{1b}[2J乡\u{202e}", 1);
    std::fs::write(dir.path().join("a\u{1b}[31mb.txt"), text).unwrap();
    let out = dir.path().join("out.xlsx");
    export_workbook(dir.path(), &out);
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let mut seen = 0;
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        for cell in range.used_cells() {
            if let Data::String(s) = cell.2 {
                assert!(
                    !s.chars().any(|c| c == '\u{1b}' || c == '\u{202e}'),
                    "{name} {:?}: {s:?}",
                    (cell.0, cell.1)
                );
                seen += 1;
            }
        }
    }
    assert!(seen > 50);
}

#[test]
fn usage_errors_are_clear() {
    let run = |args: &[&str]| {
        let o = nianbao(args);
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let (code, err) = run(&["export", "samples", "--format", "xlsx"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("-o FILE.xlsx"), "{err}");
    let (code, err) = run(&["export", "samples"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--table is required"), "{err}");
    let (code, err) = run(&["export", "samples", "--table", "t9"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("indicators"), "{err}");
}
