//! `check --format human`: findings grouped by file, then a summary table of counts per
//! rule. Colour only on a terminal and only when `NO_COLOR` is not set; severities are
//! also written as words, so nothing depends on colour. Text from files is escaped.

use super::json::{Counts, Summary};
use crate::model::{Finding, LoadError, Report, RuleId, Severity, Skipped};
use crate::validate::rules;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Whether to colour: stdout is a terminal and `NO_COLOR` is unset or empty.
pub fn use_colour() -> bool {
    use std::io::IsTerminal;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color && std::io::stdout().is_terminal()
}

/// Replace control characters (terminal escape sequences among them), C1 controls, DEL and
/// bidirectional controls with `\u{…}` (the escaping every output shares).
pub fn escape(s: &str) -> String {
    crate::sanitize::escape_visible(s)
}

fn severity_word(s: Severity, colour: bool) -> String {
    let (word, code) = match s {
        Severity::Error => ("ERROR  ", "1;31"),
        Severity::Warning => ("WARNING", "1;33"),
        Severity::Info => ("INFO   ", "36"),
    };
    if colour {
        format!("\x1b[{code}m{word}\x1b[0m")
    } else {
        word.to_string()
    }
}

/// `t3/processed_total/total`, `§3`, or `-`.
pub fn location(f: &Finding) -> String {
    match f.table {
        Some(t) => {
            let mut s = t.key().to_string();
            for part in [&f.row, &f.column].into_iter().flatten() {
                s.push('/');
                s.push_str(part);
            }
            s
        }
        None => f
            .section
            .map_or_else(|| "-".to_string(), |n| format!("§{n}")),
    }
}

/// `L3`, `L56-58,60`: the one line-list format (`crate::text::line_list`) after an `L`.
pub fn lines_label(lines: &[u32]) -> String {
    if lines.is_empty() {
        return String::new();
    }
    format!("L{}", crate::text::line_list(lines))
}

fn header(r: &Report) -> String {
    let mut parts = Vec::new();
    if let Some(a) = &r.agency {
        parts.push(escape(&a.value));
    }
    if let Some(y) = &r.year {
        parts.push(format!("{} 年度", y.value));
    }
    if let Some(t) = r.template {
        parts.push(format!("{t} 版模板"));
    }
    match r.kind() {
        crate::model::ReportKind::Report => {}
        crate::model::ReportKind::Pre2019 => parts.push("2019 年前的年报，不按模板检查".into()),
        crate::model::ReportKind::NotAReport => parts.push("不是年度报告，不按模板检查".into()),
    }
    if parts.is_empty() {
        escape(&r.path)
    } else {
        format!("{}  ({})", escape(&r.path), parts.join(" · "))
    }
}

/// Render the whole report.
pub fn render(
    reports: &[(&Report, Vec<&Finding>)],
    errors: &[LoadError],
    skipped: &[Skipped],
    summary: &Summary,
    colour: bool,
) -> String {
    let mut out = String::new();
    let bold = |s: String| {
        if colour {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s
        }
    };
    for (r, findings) in reports {
        let _ = writeln!(out, "{}", bold(header(r)));
        if findings.is_empty() {
            let _ = writeln!(out, "  ok");
        }
        // Findings about the reading (P rules: nianbao could not place what the report
        // prints) are listed apart from the findings about the report.
        let (reading, about): (Vec<&&Finding>, Vec<&&Finding>) =
            findings.iter().partition(|f| f.rule.family() == 'P');
        for (i, f) in about.into_iter().chain(reading.iter().copied()).enumerate() {
            if f.rule.family() == 'P' && i + reading.len() == findings.len() {
                let _ = writeln!(out, "  -- 未能读取，请人工核对（不是报告的错误）:");
            }
            let mut loc = location(f);
            let lines = lines_label(&f.lines);
            if !lines.is_empty() {
                loc.push(' ');
                loc.push_str(&lines);
            }
            let _ = writeln!(
                out,
                "  {} {} {}  {}",
                severity_word(f.severity, colour),
                f.rule,
                loc,
                escape(&f.message)
            );
        }
        for m in &r.corrections {
            let c = &m.correction;
            let what = match m.state {
                crate::correction::MarkState::Applied => "已修正",
                crate::correction::MarkState::Stale => "修正已失效（原单元格已变，未应用）",
            };
            let _ = writeln!(
                out,
                "  {what} {} {}.{}  {}（{}，{} {}）",
                c.table,
                escape(&c.row),
                escape(&c.column),
                escape(&c.new.label()),
                escape(&c.reason),
                escape(&c.reviewer),
                escape(&c.time)
            );
        }
        out.push('\n');
    }
    for e in errors {
        let _ = writeln!(out, "{}", bold(escape(&e.path)));
        let _ = writeln!(
            out,
            "  {} LOAD  {}\n",
            severity_word(Severity::Error, colour),
            escape(&e.error)
        );
    }
    if !skipped.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            bold(format!("{} files not read:", skipped.len()))
        );
        for s in skipped {
            let _ = writeln!(out, "  {}: {}", escape(&s.path), escape(&s.reason));
        }
        out.push('\n');
    }
    out.push_str(&summary_table(reports, summary));
    out
}

fn pad(s: &str, width: usize) -> String {
    let w = crate::width::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn summary_table(reports: &[(&Report, Vec<&Finding>)], summary: &Summary) -> String {
    let mut per_rule: BTreeMap<RuleId, Counts> = BTreeMap::new();
    for (_, fs) in reports {
        for f in fs {
            per_rule.entry(f.rule).or_default().add(f.severity);
        }
    }
    let mut out = String::new();
    if !per_rule.is_empty() {
        let _ = writeln!(
            out,
            "{} {} {} {} {}  description",
            pad("rule", 5),
            pad("error", 6),
            pad("warning", 8),
            pad("info", 5),
            pad("total", 6)
        );
        for info in rules() {
            let Some(c) = per_rule.get(&info.id) else {
                continue;
            };
            let cell = |n: usize| {
                if n == 0 {
                    "-".to_string()
                } else {
                    n.to_string()
                }
            };
            let _ = writeln!(
                out,
                "{} {:>5}  {:>7}  {:>4}  {:>5}  {}",
                pad(info.id.as_str(), 5),
                cell(c.error),
                cell(c.warning),
                cell(c.info),
                c.error + c.warning + c.info,
                info.description
            );
        }
        out.push('\n');
    }
    let f = summary.findings;
    let not_read = if summary.skipped == 0 {
        String::new()
    } else {
        format!(", {} skipped", summary.skipped)
    };
    let _ = writeln!(
        out,
        "{} files, {} reports, {} load errors{not_read}; {} errors, {} warnings, {} infos",
        summary.files, summary.reports, summary.errors, f.error, f.warning, f.info
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_compress_into_runs() {
        assert_eq!(lines_label(&[3]), "L3");
        assert_eq!(lines_label(&[56, 57, 58, 60]), "L56-58,60");
        assert_eq!(lines_label(&[]), "");
        // Never cut: every run is listed.
        let many: Vec<u32> = (0..20).map(|i| i * 2).collect();
        assert!(lines_label(&many).ends_with(",36,38"));
    }

    #[test]
    fn escapes_terminal_sequences() {
        assert_eq!(escape("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(escape("循化县"), "循化县");
    }
}
