//! PDF, DOCX and DOC reports: the committed fixtures (our own report pages, converted by
//! LibreOffice and printed by Chromium; see tests/fixtures/office/make.sh) parse cell for
//! cell as the HTML page they were made from, with line and page provenance; the hostile
//! files give plain per-file errors.

use nianbao::corpus::load_one;
use nianbao::model::{CellState, Report, SourceFormat, Table};
use nianbao::template::TableId;
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn load(rel: &str) -> Report {
    match load_one(&fixture(rel), rel) {
        Ok(r) => r,
        Err(e) => panic!("{rel}: {}", e.error),
    }
}

fn error(rel: &str) -> String {
    match load_one(&fixture(rel), rel) {
        Ok(_) => panic!("{rel} loaded but should fail"),
        Err(e) => e.error,
    }
}

/// Every cell of `a` equals the same cell of `b` in state and value.
fn same_cells(name: &str, id: TableId, a: &Table, b: &Table) -> usize {
    assert_eq!(a.rows.len(), b.rows.len(), "{name} {id:?}: row count");
    let mut n = 0;
    for (ra, rb) in a.rows.iter().zip(&b.rows) {
        assert_eq!(ra.key, rb.key, "{name} {id:?}: row order");
        assert_eq!(ra.cells.len(), rb.cells.len(), "{name} {id:?} {}", ra.key);
        for (i, (ca, cb)) in ra.cells.iter().zip(&rb.cells).enumerate() {
            assert_eq!(
                (ca.state, ca.value),
                (cb.state, cb.value),
                "{name} {id:?} {} column {i}",
                ra.key
            );
            n += 1;
        }
        assert!(
            ra.unplaced.is_empty(),
            "{name} {}: unplaced {:?}",
            ra.key,
            ra.unplaced
        );
    }
    n
}

const TEMPLATES: [(&str, &str, i32, usize); 2] = [
    ("report-2019", "2019", 2020, 23),
    ("report-2021", "2021", 2022, 25),
];

#[test]
fn every_producer_reads_as_the_page_it_was_made_from() {
    for (name, template, year, t3_rows) in TEMPLATES {
        let page = load(&format!("office/{name}.html"));
        let t3 = page.tables.t3.as_ref().expect("page t3");
        assert_eq!(
            t3.rows.len(),
            t3_rows,
            "{name}: every table-3 row on the page"
        );
        // The page has numbers and blanks in table 3 and nothing missing: the comparison
        // below covers both states.
        let states: Vec<CellState> = t3
            .rows
            .iter()
            .flat_map(|r| r.cells.iter().map(|c| c.state))
            .collect();
        assert!(
            states
                .iter()
                .all(|s| matches!(s, CellState::Number | CellState::Blank))
        );
        assert!(states.contains(&CellState::Blank));
        assert!(
            page.findings
                .iter()
                .all(|f| f.severity != nianbao::model::Severity::Error)
        );
        for (rel, format) in [
            (format!("pdf/{name}.libreoffice.pdf"), SourceFormat::Pdf),
            (format!("pdf/{name}.chromium.pdf"), SourceFormat::Pdf),
            (format!("docx/{name}.docx"), SourceFormat::Docx),
        ] {
            let r = load(&rel);
            assert_eq!(r.format, format, "{rel}");
            assert_eq!(r.template.map(|t| t.as_str()), Some(template), "{rel}");
            assert_eq!(r.year.as_ref().map(|y| y.value), Some(year), "{rel}");
            assert_eq!(
                r.agency.as_ref().map(|a| a.value.as_str()),
                page.agency.as_ref().map(|a| a.value.as_str()),
                "{rel}"
            );
            let mut cells = 0;
            for id in [TableId::T2, TableId::T3, TableId::T4] {
                let (a, b) = (r.tables.get(id), page.tables.get(id));
                let (Some(a), Some(b)) = (a, b) else {
                    panic!(
                        "{rel}: table {id:?} found {} / on the page {}",
                        a.is_some(),
                        b.is_some()
                    );
                };
                cells += same_cells(&rel, id, a, b);
            }
            assert!(cells > 7 * t3_rows, "{rel}: {cells} cells compared");
            let errors: Vec<_> = r
                .findings
                .iter()
                .filter(|f| f.severity == nianbao::model::Severity::Error)
                .map(|f| format!("{} {}", f.rule, f.message))
                .collect();
            assert!(errors.is_empty(), "{rel}: {errors:?}");
        }
    }
}

#[test]
fn pdf_cells_have_line_page_and_box() {
    for (rel, crosses) in [
        ("pdf/report-2021.libreoffice.pdf", true),
        ("pdf/report-2021.chromium.pdf", true),
        ("pdf/report-2019.libreoffice.pdf", true),
        ("pdf/report-2019.chromium.pdf", false),
    ] {
        let r = load(rel);
        let t3 = r.tables.t3.as_ref().expect("t3");
        let mut pages = std::collections::BTreeSet::new();
        for row in &t3.rows {
            for c in row.cells.iter().filter(|c| c.state == CellState::Number) {
                let span = c.span.expect("a number has a span");
                // The line number is the line of the rebuilt text the cell is on.
                assert_eq!(r.source.slice(span), c.text.as_str(), "{rel} {}", row.key);
                assert_eq!(span.line_start, r.source.line_of(span.byte_start as usize));
                assert!(
                    r.source
                        .line(span.line_start as usize)
                        .contains(c.text.as_str())
                );
                let place = r.source.place(span).expect("a PDF cell has a page");
                let [x0, y0, x1, y1] = place.bbox;
                assert!(
                    place.page >= 1 && x0 < x1 && y0 < y1 && x0 > 0.0 && y1 < 842.0,
                    "{rel} {place:?}"
                );
                pages.insert(place.page);
            }
        }
        assert!(!pages.is_empty());
        // Table 3 crosses a page break in LibreOffice's exports and in Chromium's of the
        // 2021 page (after its header rows); Chromium fits the 2019 one on one page.
        let span = t3.span;
        let table_pages: std::collections::BTreeSet<u32> = r
            .source
            .boxes
            .iter()
            .filter(|b| b.byte_start >= span.byte_start && b.byte_end <= span.byte_end)
            .map(|b| b.page)
            .collect();
        assert_eq!(
            table_pages.len() >= 2,
            crosses,
            "{rel}: table 3 on pages {table_pages:?}"
        );
    }
}

#[test]
fn chromium_page_numbers_stay_lines_between_table_rows() {
    let r = load("pdf/report-2021.chromium.pdf");
    let t3 = r.tables.t3.as_ref().expect("t3");
    let lines: Vec<u32> = (t3.span.line_start..=t3.span.line_end).collect();
    assert!(
        lines
            .iter()
            .any(|&n| r.source.line(n as usize).trim() == "-1-"),
        "the page footer is inside table 3's lines"
    );
}

#[test]
fn docx_cells_point_into_the_rendered_text() {
    let r = load("docx/report-2021.docx");
    let row = r
        .tables
        .t3
        .as_ref()
        .and_then(|t| t.row("new"))
        .expect("new row");
    let total = row.cells.last().expect("total");
    assert_eq!(total.value, Some(15.0));
    let span = total.span.expect("span");
    assert_eq!(r.source.slice(span), "15");
    assert!(
        r.source
            .line(span.line_start as usize)
            .contains("一、本年新收")
    );
    assert!(r.source.place(span).is_none(), "no pages in a DOCX");
}

#[test]
fn binary_word_is_converted_or_listed() {
    let rel = "docx/report-2019.doc";
    match nianbao::ingest::office::soffice() {
        Some(_) => {
            let r = load(rel);
            let page = load("office/report-2019.html");
            assert!(r.encoding.contains("LibreOffice"));
            let (a, b) = (
                r.tables.t3.as_ref().expect("t3"),
                page.tables.t3.as_ref().expect("t3"),
            );
            same_cells(rel, TableId::T3, a, b);
        }
        None => {
            let d = nianbao::ingest::discover(&fixture("docx"));
            let s = d
                .skipped
                .iter()
                .find(|s| s.path.ends_with("report-2019.doc"))
                .expect("listed");
            assert_eq!(s.reason, nianbao::ingest::office::NO_SOFFICE);
        }
    }
}

#[test]
fn hostile_files_give_plain_errors() {
    for (rel, words) in [
        ("pdf/hostile-encrypted.pdf", "encrypted PDF"),
        ("pdf/hostile-truncated.pdf", "damaged or truncated PDF"),
        ("pdf/hostile-images-only.pdf", "scanned PDF: no text layer"),
        ("pdf/hostile-gbk-euc-h.pdf", "PDF text cannot be read"),
        ("docx/hostile-zip-bomb.docx", "larger than 64 MiB"),
        ("docx/hostile-deep.docx", "nests elements more than"),
    ] {
        let e = error(rel);
        assert!(e.contains(words), "{rel}: {e}");
        assert!(
            !e.contains('\n') && e.len() < 200,
            "{rel}: one plain line: {e}"
        );
    }
}

#[test]
fn files_are_told_apart_by_content_and_skipped_with_a_reason() {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let root = dir.path();
    let page = std::fs::read(fixture("office/report-2021.html")).expect("page");
    let pdf = std::fs::read(fixture("pdf/report-2021.libreoffice.pdf")).expect("pdf");
    let write = |name: &str, bytes: &[u8]| std::fs::write(root.join(name), bytes).expect("write");
    write("a.shtml", &page);
    write("b.jsp", &page);
    write("c", &page); // a saved page without an extension
    write("d.aspx", &page);
    write("e.html", &pdf); // a PDF saved under a page's name
    write("logo.png", b"\x89PNG\r\n\x1a\n0000");
    write("sheet.xlsx", b"PK\x03\x04rest");
    write("notes", b"plain words, no page");
    let d = nianbao::ingest::discover(root);
    let names: Vec<String> = d
        .files
        .iter()
        .map(|(p, _)| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(names, ["a.shtml", "b.jsp", "c", "d.aspx", "e.html"]);
    let skipped: Vec<(String, String)> = d
        .skipped
        .iter()
        .map(|s| {
            let name = Path::new(&s.path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
            (name.unwrap_or_default(), s.reason.clone())
        })
        .collect();
    assert_eq!(
        skipped,
        [
            (
                "logo.png".to_string(),
                "PNG image: not a report".to_string()
            ),
            (
                "notes".to_string(),
                "no extension and not an HTML page, PDF or Word file".to_string()
            ),
            (
                "sheet.xlsx".to_string(),
                "Excel workbook: not read (save the report as PDF, DOCX or HTML)".to_string()
            ),
        ]
    );
    for (p, shown) in &d.files {
        let r = load_one(p, shown).expect("loads");
        let want = if shown.ends_with("e.html") {
            SourceFormat::Pdf
        } else {
            SourceFormat::Html
        };
        assert_eq!(r.format, want, "{shown}");
        assert!(r.tables.t3.is_some(), "{shown}");
    }
}

#[test]
fn check_json_lists_skipped_files_and_places_pdf_cells() {
    let dir = tempfile::TempDir::new().expect("tempdir");
    let root = dir.path();
    std::fs::copy(fixture("pdf/report-2021.chromium.pdf"), root.join("r.pdf")).expect("copy");
    std::fs::write(root.join("logo.png"), b"\x89PNG\r\n\x1a\n").expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--format", "json", "--fail-on", "never"])
        .arg(root)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let skipped = &v["skipped"];
    assert_eq!(skipped.as_array().map(Vec::len), Some(1));
    assert!(
        skipped[0]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("logo.png"))
    );
    assert_eq!(skipped[0]["reason"], "PNG image: not a report");
    assert_eq!(v["summary"]["skipped"], 1);
    let cell = &v["reports"][0]["tables"]["t3"]["new"]["total"];
    assert_eq!(cell["value"], 15);
    assert_eq!(cell["page"], 2);
    let bbox: Vec<f64> = cell["bbox"]
        .as_array()
        .expect("bbox")
        .iter()
        .filter_map(serde_json::Value::as_f64)
        .collect();
    assert!(
        bbox.len() == 4 && bbox[0] < bbox[2] && bbox[1] < bbox[3],
        "{bbox:?}"
    );
    assert!(cell["lines"][0].as_u64().is_some());
}

#[test]
fn an_unruled_table_reads_its_columns_from_the_header_words() {
    // No rulings: table 3's and table 4's columns come from their header words (wrapped as
    // Chromium wraps them: `自然`/`人`, `社会公`/`益组织`, `结果`/`维持`), so rows with empty
    // cells are read cell for cell, blanks included, as on the page the PDF was printed from.
    let r = load("pdf/report-2021.unruled.chromium.pdf");
    let page = load("office/report-2021.html");
    for id in [TableId::T3, TableId::T4] {
        let (a, b) = (
            r.tables.get(id).expect("table in the PDF"),
            page.tables.get(id).expect("table on the page"),
        );
        assert_eq!(a.rows.len(), b.rows.len(), "{id:?}");
        for rb in &b.rows {
            let ra = a.row(rb.key).expect("row in the PDF");
            for (k, (ca, cb)) in ra.cells.iter().zip(&rb.cells).enumerate() {
                assert_eq!(
                    (ca.state, ca.value),
                    (cb.state, cb.value),
                    "{id:?} {} column {k}",
                    rb.key
                );
                if ca.state == CellState::Number {
                    let span = ca.span.expect("a number has a span");
                    assert_eq!(r.source.slice(span), ca.text.as_str());
                    assert!(
                        r.source.place(span).is_some(),
                        "{id:?} {}: a number cites its page",
                        rb.key
                    );
                }
            }
        }
    }
    let blanks = r.tables.t3.as_ref().map_or(0, |t| {
        t.rows
            .iter()
            .flat_map(|row| &row.cells)
            .filter(|c| c.state == CellState::Blank)
            .count()
    });
    assert!(blanks > 0, "the fixture has empty cells");
    assert!(
        !r.findings
            .iter()
            .any(|f| f.severity == nianbao::model::Severity::Error),
        "no error from a misread table: {:?}",
        r.findings
    );
}

#[test]
fn header_rows_repeated_after_a_page_break_change_nothing() {
    // Table 3's header rows in <thead>, printed by Chromium across a page break: the header
    // is printed again on the next page, between two data rows.
    let r = load("pdf/report-2021.repeated-header.chromium.pdf");
    assert_eq!(
        r.source.text.matches("申请人情况").count(),
        2,
        "the header is printed twice"
    );
    let page = load("office/report-2021.html");
    let (a, b) = (
        r.tables.t3.as_ref().expect("t3 in the PDF"),
        page.tables.t3.as_ref().expect("t3 on the page"),
    );
    let lines: std::collections::BTreeSet<u32> = a
        .rows
        .iter()
        .flat_map(|row| &row.cells)
        .filter_map(|c| c.span.and_then(|s| r.source.place(s)).map(|p| p.page))
        .collect();
    assert!(lines.len() >= 2, "table 3 crosses pages: {lines:?}");
    for rb in &b.rows {
        let ra = a.row(rb.key).expect("row in the PDF");
        let got: Vec<_> = ra.cells.iter().map(|c| (c.state, c.value)).collect();
        let want: Vec<_> = rb.cells.iter().map(|c| (c.state, c.value)).collect();
        assert_eq!(got, want, "{}", rb.key);
    }
}
