//! Agency identity, defined once: the name a report is filed under, the key names are
//! compared by, and when two keys name the same agency. The tree, the finder, the
//! year-over-year view and the cross-report rules all use these.

use crate::model::{Report, ReportIx};
use crate::text::squash;

/// The characters that end the name of an administrative unit (州 aside, see
/// [`short_name`] and [`same_agency`]).
const UNIT: &[char] = &['省', '市', '盟', '县', '区', '旗', '乡', '镇'];

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

/// The part of an agency name that tells it apart in a list: the name from its innermost
/// administrative unit on (`海东市循化县` → `循化县`, `郑州市郑东新区管委会` →
/// `郑东新区管委会`, `石门县林业局` unchanged). A unit is at least two characters ending in
/// 省 市 盟 县 区 旗 乡 镇 (so the 市 of 市场监督管理局 is not one).
pub fn short_name(name: &str) -> &str {
    // 州 is left out: it ends city names (郑州, 广州) as often as it names a prefecture.
    let (mut seg_start, mut count, mut innermost) = (0, 0, None);
    for (i, c) in name.char_indices() {
        count += 1;
        if UNIT.contains(&c) && count >= 2 {
            innermost = Some(seg_start);
            seg_start = i + c.len_utf8();
            count = 0;
        }
    }
    innermost.map_or(name, |at| &name[at..])
}

/// A name's sort key by pinyin (`临夏` → `lin xia`), characters without a reading as
/// they are: the tree lists agencies in this order.
pub fn pinyin_key(name: &str) -> String {
    use pinyin::ToPinyin;
    let mut out = String::with_capacity(name.len() * 3);
    for c in name.chars() {
        match c.to_pinyin() {
            Some(p) => out.push_str(p.plain()),
            None => out.extend(c.to_lowercase()),
        }
        out.push(' ');
    }
    out
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

/// Two agency keys name the same agency when they are equal, or when one ends with the
/// other (`海东市循化县` ≈ `循化县`), the shorter has at least two characters and what the
/// longer adds in front is a whole administrative unit: it ends in 省 市 州 盟 县 区 旗 乡
/// 镇. `正宁县统计局` is not `宁县统计局`: 正 is part of the county's name, not a unit
/// before it.
pub fn same_agency(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // Before a name, 州 is a prefecture (海西州格尔木市), not the end of a city's name.
    short.chars().count() >= 2
        && (short == long
            || long
                .strip_suffix(short)
                .and_then(|prefix| prefix.chars().next_back())
                .is_some_and(ends_unit))
}

/// Whether `c` ends a unit that may stand before a name ([`same_agency`]): 州 counts here
/// (海西州格尔木市), though not in [`short_name`].
fn ends_unit(c: char) -> bool {
    UNIT.contains(&c) || c == '州'
}

/// The proper suffixes of `key` that [`same_agency`] would match it with: what follows
/// each unit character, when that is at least two characters.
fn unit_suffixes(key: &str) -> impl Iterator<Item = &str> {
    key.char_indices()
        .filter(|&(_, c)| ends_unit(c))
        .map(move |(i, c)| &key[i + c.len_utf8()..])
        .filter(|rest| rest.chars().nth(1).is_some())
}

/// Agency keys indexed so that the keys naming the same agency as a given one
/// ([`same_agency`]) are found by a few hash lookups: the same key, the keys it ends with
/// after a unit, and the keys that end with it after a unit. (Comparing a key with every
/// key of its last two characters was quadratic: all of a province's 统计局 share them.)
#[derive(Debug, Default, Clone)]
pub struct NameIndex {
    /// Entries by key.
    exact: std::collections::HashMap<String, Vec<usize>>,
    /// Entries by each of their keys' [`unit_suffixes`].
    under: std::collections::HashMap<String, Vec<usize>>,
}

impl NameIndex {
    /// Add entry `id` under `key` (keys shorter than two characters match nothing).
    pub fn insert(&mut self, key: &str, id: usize) {
        if key.chars().nth(1).is_none() {
            return;
        }
        self.exact.entry(key.to_string()).or_default().push(id);
        for s in unit_suffixes(key) {
            self.under.entry(s.to_string()).or_default().push(id);
        }
    }

    /// Every entry whose key names the same agency as `key`, each once, in no order. (A
    /// key shorter than two characters finds nothing: no such key is stored, and it has
    /// no suffix of two.)
    pub fn matches<'a>(&'a self, key: &'a str) -> impl Iterator<Item = usize> + 'a {
        let equal = self.exact.get(key);
        let longer = self.under.get(key);
        let shorter = unit_suffixes(key).filter_map(|s| self.exact.get(s));
        [equal, longer]
            .into_iter()
            .flatten()
            .chain(shorter)
            .flatten()
            .copied()
    }
}

/// Reports grouped into agencies: reports whose keys name the same agency
/// ([`same_agency`], closed transitively) form one group, whose label is the smallest of
/// its members' filed names (so it does not depend on the order reports arrive in).
/// Reports whose agency was not found are each their own group. Built incrementally.
#[derive(Debug, Default, Clone)]
pub struct Agencies {
    /// Per report: its group.
    group: Vec<usize>,
    /// Per group: label and members (a merged group is left empty).
    groups: Vec<(String, Vec<ReportIx>)>,
    /// Reports by their keys.
    names: NameIndex,
}

impl Agencies {
    /// Add report `i` (reports are added in index order).
    pub fn push(&mut self, ix: ReportIx, r: &Report) {
        let i = ix.get();
        let filed = filed_name(r);
        let key = key_of(r).filter(|k| k.chars().count() >= 2);
        let mut joined: Vec<usize> = Vec::new();
        if let Some(k) = &key {
            // The groups in the order of their earliest matching report (the first is
            // the one the others merge into).
            let mut same: Vec<usize> = self.names.matches(k).collect();
            same.sort_unstable();
            for j in same {
                let g = self.group[j];
                if !joined.contains(&g) {
                    joined.push(g);
                }
            }
            self.names.insert(k, i);
        }
        let g = match joined.split_first() {
            None => {
                self.groups.push((filed.clone(), Vec::new()));
                self.groups.len() - 1
            }
            Some((&first, rest)) => {
                for &other in rest {
                    let (label, members) = std::mem::take(&mut self.groups[other]);
                    for &m in &members {
                        self.group[m.get()] = first;
                    }
                    let target = &mut self.groups[first];
                    target.1.extend(members);
                    target.1.sort_unstable();
                    if label < target.0 {
                        target.0 = label;
                    }
                }
                first
            }
        };
        self.group.resize(i + 1, g);
        self.group[i] = g;
        let target = &mut self.groups[g];
        target.1.push(ix);
        if filed < target.0 {
            target.0 = filed;
        }
    }

    /// The label of report `i`'s agency.
    pub fn label(&self, i: ReportIx) -> Option<&str> {
        let g = *self.group.get(i.get())?;
        self.groups.get(g).map(|(l, _)| l.as_str())
    }

    /// The reports of the agency labelled `label`.
    pub fn members(&self, label: &str) -> &[ReportIx] {
        self.groups
            .iter()
            .find(|(l, m)| l == label && !m.is_empty())
            .map_or(&[], |(_, m)| m.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_keep_the_distinguishing_part() {
        assert_eq!(short_name("海东市循化县"), "循化县");
        assert_eq!(short_name("青海省海东市循化县"), "循化县");
        assert_eq!(short_name("临夏县漫路乡"), "漫路乡");
        assert_eq!(short_name("郑州市郑东新区管委会"), "郑东新区管委会");
        assert_eq!(short_name("石门县林业局"), "石门县林业局");
        assert_eq!(short_name("某县市场监督管理局"), "某县市场监督管理局");
        assert_eq!(short_name("循化县人民政府"), "循化县人民政府");
        assert_eq!(short_name("驿马乡"), "驿马乡");
        assert_eq!(short_name("(未识别机关) a.txt"), "(未识别机关) a.txt");
    }

    #[test]
    fn pinyin_order() {
        let mut names = vec!["驿马乡", "建塘镇", "漫路乡", "循化县", "郑东新区"];
        names.sort_by_key(|n| pinyin_key(n));
        assert_eq!(names, ["建塘镇", "漫路乡", "循化县", "驿马乡", "郑东新区"]);
    }

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

    fn report(path: &str, agency: Option<&str>) -> Report {
        use crate::model::{Located, SourceFormat, SourceText, Span};
        Report {
            path: path.into(),
            encoding: "UTF-8".into(),
            format: SourceFormat::Text,
            source: SourceText::new(String::new()),
            content_hash: 0,
            title: None,
            agency: agency.map(|a| Located {
                value: a.to_string(),
                span: Span::default(),
            }),
            year: None,
            published: None,
            period: None,
            template: None,
            sections: vec![],
            tables: Default::default(),
            findings: vec![],
            narrative: vec![],
            corrections: vec![],
        }
    }

    #[test]
    fn reports_of_one_agency_form_one_group_whatever_the_arrival_order() {
        let rs = [
            report("a.txt", Some("循化县人民政府")),
            report("b.txt", Some("化隆县")),
            report("c.txt", Some("海东市循化县")),
            report("d.txt", None),
            report("e.txt", None),
        ];
        for order in [[0, 1, 2, 3, 4], [2, 4, 1, 0, 3]] {
            let mut a = Agencies::default();
            for (i, &k) in order.iter().enumerate() {
                a.push(ReportIx::new(i), &rs[k]);
            }
            let label = |k: usize| {
                let i = order.iter().position(|&x| x == k).unwrap_or(0);
                a.label(ReportIx::new(i)).unwrap_or_default().to_string()
            };
            assert_eq!(label(0), label(2));
            // The smallest filed name labels the group.
            assert_eq!(label(0), "循化县人民政府");
            assert_ne!(label(1), label(0));
            assert_ne!(label(3), label(4));
            assert_eq!(a.members("循化县人民政府").len(), 2);
        }
    }
    #[test]
    fn the_name_index_finds_exactly_what_same_agency_accepts() {
        let names = [
            "宁县统计局",
            "正宁县统计局",
            "甘肃省庆阳市宁县统计局",
            "庆阳市宁县统计局",
            "统计局",
            "局",
            "海西州格尔木市",
            "格尔木市",
            "郑州市郑东新区管委会",
            "郑东新区管委会",
            "州郑东新区管委会",
            "循化县",
            "海东市循化县",
            "青海省海东市循化县",
            "循化县",
            "市场监督管理局",
            "某县市场监督管理局",
            "驿马乡",
            "驿马乡人民政府",
        ];
        let mut index = NameIndex::default();
        for (i, n) in names.iter().enumerate() {
            index.insert(n, i);
        }
        for (i, a) in names.iter().enumerate() {
            let mut found: Vec<usize> = index.matches(a).collect();
            found.sort_unstable();
            let want: Vec<usize> = (0..names.len())
                .filter(|&j| same_agency(a, names[j]))
                .collect();
            assert_eq!(found, want, "{i} {a}");
        }
    }
}
