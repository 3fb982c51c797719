//! Agency identity, defined once: the name a report is filed under, the key names are
//! compared by, and when two keys name the same agency. The tree, the finder, the
//! year-over-year view and the cross-report rules all use these.

use crate::model::Report;
use crate::text::squash;

/// The name a report is filed under: its agency as printed, else a stand-in naming the
/// file (so reports whose agency was not found do not merge into one node).
pub fn filed_name(r: &Report) -> String {
    match &r.agency {
        Some(a) if !a.value.trim().is_empty() => a.value.clone(),
        _ => format!("(未识别机关) {}", file_name(&r.path)),
    }
}

/// The last component of a report path.
pub fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The report's year as shown beside its name (`????` when not found).
pub fn year_label(r: &Report) -> String {
    r.year
        .as_ref()
        .map_or("????".to_string(), |y| y.value.to_string())
}

/// The agency name as compared across reports: folded, without spaces and without a
/// trailing 人民政府/政府.
pub fn key(name: &str) -> String {
    let s = squash(name);
    let s = s
        .strip_suffix("人民政府")
        .or_else(|| s.strip_suffix("政府"))
        .unwrap_or(&s);
    s.to_string()
}

/// A report's agency key, when its agency was found.
pub fn key_of(r: &Report) -> Option<String> {
    r.agency.as_ref().map(|a| key(&a.value))
}

/// Two agency keys name the same agency when one ends with the other (`海东市循化县` ≈
/// `循化县`) and the shorter has at least two characters.
pub fn same_agency(a: &str, b: &str) -> bool {
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    short.chars().count() >= 2 && long.ends_with(short)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_government_suffixes_and_match_by_suffix() {
        assert_eq!(key("循化县人民政府"), "循化县");
        assert_eq!(key("循化县 政府"), "循化县");
        assert!(same_agency(&key("海东市循化县"), &key("循化县人民政府")));
        assert!(!same_agency(&key("循化县"), &key("化隆县")));
        // One character is not enough to call two agencies one.
        assert!(!same_agency("县", "循化县"));
        assert_eq!(file_name("a/b\\c.txt"), "c.txt");
    }
}
