//! CSV writing (RFC 4180): `check --format csv` (one row per finding) and the quoting
//! helper shared with `export`.

use super::human::escape;
use crate::model::{Finding, LoadError, Report};

/// Quote a field when it needs it: commas, quotes, CR or LF; quotes are doubled.
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One CSV record, CRLF-terminated as RFC 4180 says. Every field is escaped of control and
/// bidirectional characters (line feeds, which quoting keeps inside the field, excepted), so
/// no record can carry a terminal escape sequence whatever its caller passed.
pub fn record<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = fields
        .iter()
        .map(|f| {
            field(&crate::sanitize::escape_visible_except(
                f.as_ref(),
                Some('\n'),
            ))
        })
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

pub const FINDING_HEADER: [&str; 11] = [
    "path", "agency", "year", "rule", "severity", "section", "table", "row", "column", "lines",
    "message",
];

/// [`FINDING_HEADER`] in Chinese, for `--excel` / `--headers zh`.
pub const FINDING_HEADER_ZH: [&str; 11] = [
    "文件", "机关", "年度", "规则", "级别", "部分", "表", "行", "列", "行号", "说明",
];

/// The header record in the language asked for.
pub fn header<const N: usize>(
    en: &[&str; N],
    zh: &[&str; N],
    lang: super::args::HeaderLang,
) -> String {
    match lang {
        super::args::HeaderLang::En => record(en),
        super::args::HeaderLang::Zh => record(zh),
    }
}

/// The UTF-8 byte-order mark Excel needs to read a CSV file as UTF-8.
pub const BOM: &str = "\u{feff}";

/// `--excel` and `--headers` shape CSV only: refuse them with another format.
pub fn csv_only(is_csv: bool, excel: bool, headers: bool) -> anyhow::Result<()> {
    if !is_csv && (excel || headers) {
        anyhow::bail!("--excel and --headers apply to --format csv only");
    }
    Ok(())
}

/// The fields that say which report a record is about: path, agency, year (escaped).
pub fn report_fields(r: &Report) -> [String; 3] {
    [
        escape(&r.path),
        r.agency
            .as_ref()
            .map(|a| escape(&a.value))
            .unwrap_or_default(),
        r.year
            .as_ref()
            .map(|y| y.value.to_string())
            .unwrap_or_default(),
    ]
}

/// A finding as a CSV record. Text from files is escaped of control characters.
pub fn finding_record(r: &Report, f: &Finding) -> String {
    let [path, agency, year] = report_fields(r);
    record(&[
        path,
        agency,
        year,
        f.rule.to_string(),
        f.severity.to_string(),
        f.section.map(|s| s.to_string()).unwrap_or_default(),
        f.table.map(|t| t.key().to_string()).unwrap_or_default(),
        f.row.unwrap_or_default().to_string(),
        f.column.unwrap_or_default().to_string(),
        crate::text::line_list(&f.lines),
        escape(&f.message),
    ])
}

/// A file that could not be loaded, as a CSV record with rule `LOAD`.
pub fn load_error_record(e: &LoadError) -> String {
    record(&[
        escape(&e.path),
        String::new(),
        String::new(),
        "LOAD".to_string(),
        "error".to_string(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        escape(&e.error),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(field("abc"), "abc");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("a\nb"), "\"a\nb\"");
        assert_eq!(record(&["x", "y,z"]), "x,\"y,z\"\r\n");
        // Whatever a caller passes, no control or bidi character reaches the output.
        assert_eq!(
            record(&["\u{1b}]0;t\u{7}", "a\nb", "\u{202e}\u{9b}"]),
            "\\u{1b}]0;t\\u{7},\"a\nb\",\\u{202e}\\u{9b}\r\n"
        );
    }
}
