//! Values read from a review file are untrusted: anyone who can write the folder can write
//! `REVIEW.json`. Rule ids must be catalogue ids, locations template keys, times RFC 3339
//! timestamps; anything else is shown and exported inert, as `‹invalid: …›` with its text
//! escaped, never as if it were a real rule, place or time. Free text (message, note,
//! reviewer) is escaped where it is written out.

use super::{Decision, Location};
use crate::sanitize::escape_visible;
use crate::template::{ALL_VERSIONS, TableId};

/// Whether `id` is a rule of the catalogue, spelled as the catalogue spells it.
pub fn valid_rule(id: &str) -> bool {
    crate::validate::rule_info(id).is_some_and(|r| r.id == id)
}

fn table_id(key: &str) -> Option<TableId> {
    TableId::ALL.into_iter().find(|t| t.key() == key)
}

/// Whether every part of a location is a key of the template (in either version).
pub fn valid_location(l: &Location) -> bool {
    if l.section.is_some_and(|s| !(1..=6).contains(&s)) {
        return false;
    }
    let Some(table) = l.table.as_deref() else {
        return l.row.is_none() && l.column.is_none();
    };
    let Some(id) = table_id(table) else {
        return false;
    };
    ALL_VERSIONS.iter().any(|v| {
        let def = v.template().table(id);
        let rows: Vec<_> = match l.row.as_deref() {
            Some(key) => def.row(key).into_iter().collect(),
            None => def.rows.iter().collect(),
        };
        !rows.is_empty()
            && l.column.as_deref().is_none_or(|c| {
                rows.iter()
                    .any(|r| r.columns.iter().any(|col| col.key == c))
            })
    })
}

/// Whether `s` is a timestamp as nianbao writes them: `YYYY-MM-DDTHH:MM:SSZ`, in range.
pub fn valid_time(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 20 {
        return false;
    }
    let shape = b"dddd-dd-ddTdd:dd:ddZ";
    if !b.iter().zip(shape).all(|(&c, &p)| {
        if p == b'd' {
            c.is_ascii_digit()
        } else {
            c == p
        }
    }) {
        return false;
    }
    let n = |a: usize, e: usize| s[a..e].parse::<u32>().unwrap_or(u32::MAX);
    let (m, d, h, mi, sec) = (n(5, 7), n(8, 10), n(11, 13), n(14, 16), n(17, 19));
    (1..=12).contains(&m) && (1..=31).contains(&d) && h < 24 && mi < 60 && sec < 61
}

/// The inert form of a value that failed its check.
pub fn invalid(s: &str) -> String {
    let shown: String = s.chars().take(64).collect();
    let more = if s.chars().count() > 64 { "…" } else { "" };
    format!("‹invalid: {}{more}›", escape_visible(&shown))
}

/// A decision as it may be shown or exported: rule, location and time that fail their
/// checks are replaced by their inert form; the location's parts are then dropped (they
/// are shown in the rule's place), so no untrusted key is looked up or jumped to.
pub fn inert(d: &Decision) -> Decision {
    let mut out = d.clone();
    if !valid_rule(&d.rule) {
        out.rule = invalid(&d.rule);
    }
    if !valid_location(&d.location) {
        let l = &d.location;
        let parts: Vec<String> = [
            l.section.map(|s| s.to_string()),
            l.table.clone(),
            l.row.clone(),
            l.column.clone(),
        ]
        .into_iter()
        .flatten()
        .collect();
        out.location = Location {
            section: None,
            table: Some(invalid(&parts.join("/"))),
            row: None,
            column: None,
        };
    }
    if !valid_time(&d.time) {
        out.time = invalid(&d.time);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_locations_and_times_are_checked() {
        assert!(valid_rule("A01") && !valid_rule("a01") && !valid_rule("Z99"));
        assert!(!valid_rule("A01\u{1b}[2J"));
        let loc = |t: &str, r: Option<&str>, c: Option<&str>| Location {
            section: Some(3),
            table: Some(t.into()),
            row: r.map(Into::into),
            column: c.map(Into::into),
        };
        assert!(valid_location(&loc("t3", Some("new"), Some("total"))));
        assert!(!valid_location(&loc("t3", Some("new"), Some("x\u{202e}"))));
        assert!(!valid_location(&loc("t9", None, None)));
        assert!(!valid_location(&Location {
            section: Some(200),
            ..Location::default()
        }));
        assert!(valid_location(&Location::default()));
        assert!(valid_time("2026-11-20T08:00:00Z"));
        assert!(!valid_time("2026-13-20T08:00:00Z"));
        assert!(!valid_time("\u{1b}]0;owned\u{7}"));
        assert!(!valid_time("2026-11-20T08:00:00Z\u{202e}"));
    }

    #[test]
    fn inert_decisions_carry_no_controls() {
        let d = Decision {
            fingerprint: "0".into(),
            rule: "\u{1b}]0;t\u{7}".into(),
            location: Location {
                section: Some(9),
                table: Some("t3\u{9b}2J".into()),
                row: None,
                column: None,
            },
            message: "m\u{202e}".into(),
            verdict: None,
            note: None,
            reviewer: "r\u{85}".into(),
            time: "x".into(),
            content_hash: "0".into(),
            extra: Default::default(),
        };
        let i = inert(&d);
        for s in [&i.rule, i.location.table.as_deref().unwrap_or(""), &i.time] {
            assert!(
                !s.chars().any(crate::sanitize::is_unsafe),
                "{s:?} still has a control"
            );
        }
        assert!(i.rule.starts_with("‹invalid"));
        assert!(i.time.starts_with("‹invalid"));
    }
}
