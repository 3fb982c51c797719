//! Matching observed row labels to template rows.
//!
//! Exact matches (after folding width, spaces, quotes and numbering punctuation) are tried
//! first on every suffix of a row's label fragments, so header text that preceded a row does
//! not disturb it. Broken labels (`一、本` + `年新收政府信`) are scored by character overlap
//! with ordinal markers (`二、`, `（三）`, `4.`) as strong evidence. Finally the template's row
//! order places rows: an order-preserving alignment maximises the total score.

use crate::template::TableDef;
use crate::text::label_key;
use std::collections::HashMap;

/// How many trailing fragments are joined when trying suffixes.
const MAX_SUFFIX: usize = 4;
/// Scores below this are not a match.
pub const THRESHOLD: f32 = 0.5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Top(u32),
    Group(u32),
    Item(u32),
}

fn numeral(c: char) -> Option<u32> {
    "一二三四五六七八九十"
        .chars()
        .position(|x| x == c)
        .map(|p| p as u32 + 1)
}

/// Canonical matching form: [`label_key`], with `1、`/`1．` → `1.` and `一.`/`一，` → `一、`.
pub fn match_key(s: &str) -> String {
    let k = label_key(s);
    let chars: Vec<char> = k.chars().collect();
    let mut out = String::with_capacity(k.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        match (prev, c) {
            (Some(p), '、' | ',') if p.is_ascii_digit() => out.push('.'),
            (Some(p), '.' | ',') if numeral(p).is_some() => out.push('、'),
            _ => out.push(c),
        }
    }
    out
}

fn marker(key: &str) -> Option<Marker> {
    let mut it = key.chars();
    let first = it.next()?;
    if first == '(' {
        let n = numeral(it.next()?)?;
        return (it.next()? == ')').then_some(Marker::Group(n));
    }
    if let Some(n) = numeral(first) {
        return (it.next()? == '、').then_some(Marker::Top(n));
    }
    if first.is_ascii_digit() {
        let n = first.to_digit(10)?;
        return (it.next()? == '.').then_some(Marker::Item(n));
    }
    None
}

struct Variant {
    chars: Vec<char>,
    marker: Option<Marker>,
}

/// Label lookup for one template table.
pub struct LabelIndex {
    exact: HashMap<String, usize>,
    variants: Vec<Vec<Variant>>,
}

fn sorted_chars(s: &str) -> Vec<char> {
    let mut v: Vec<char> = s.chars().collect();
    v.sort_unstable();
    v
}

impl LabelIndex {
    pub fn new(table: &TableDef) -> LabelIndex {
        let mut exact = HashMap::new();
        let mut variants = Vec::new();
        for (i, row) in table.rows.iter().enumerate() {
            let mut texts: Vec<String> = vec![row.label.to_string()];
            texts.extend(row.variants.iter().map(|v| v.to_string()));
            let base = texts.clone();
            if let Some(g) = row.group {
                for t in &base {
                    texts.push(format!("{g}{t}"));
                    if g.starts_with('（') {
                        // items under a group heading sit under 三、本年度办理结果 too
                        texts.push(format!("三、本年度办理结果{g}{t}"));
                    }
                }
            }
            let mut vs = Vec::new();
            for t in texts {
                let k = match_key(&t);
                exact.entry(k.clone()).or_insert(i);
                vs.push(Variant {
                    marker: marker(&k),
                    chars: sorted_chars(&k),
                });
            }
            variants.push(vs);
        }
        LabelIndex { exact, variants }
    }

    pub fn rows(&self) -> usize {
        self.variants.len()
    }

    /// Score every template row against a label given as fragments. Exact matches give
    /// 1.0 for that row only. Also returns, per row, how many trailing fragments made the
    /// best match (the row's own label, without the header text before it).
    pub fn scores<S: AsRef<str>>(&self, fragments: &[S]) -> (Vec<f32>, Vec<usize>) {
        let n = self.rows();
        let mut out = vec![0.0; n];
        let mut used = vec![0; n];
        if fragments.is_empty() {
            return (out, used);
        }
        let kmax = fragments.len().min(MAX_SUFFIX);
        let mut suffixes: Vec<String> = Vec::with_capacity(kmax);
        let mut joined = String::new();
        for k in 1..=kmax {
            // Build suffixes shortest first and stop at the first exact match.
            let f = fragments[fragments.len() - k].as_ref();
            joined.insert_str(0, f);
            let key = match_key(&joined);
            if let Some(&i) = self.exact.get(&key) {
                out[i] = 1.0;
                used[i] = k;
                return (out, used);
            }
            suffixes.push(key);
        }
        for (k, s) in suffixes.iter().enumerate() {
            if s.is_empty() {
                continue;
            }
            let chars = sorted_chars(s);
            let m = marker(s);
            for (i, vs) in self.variants.iter().enumerate() {
                for v in vs {
                    let score = dice(&chars, &v.chars) + marker_adjust(m, v.marker);
                    if score > out[i] {
                        out[i] = score;
                        used[i] = k + 1;
                    }
                }
            }
        }
        (out, used)
    }

    /// Whether some suffix of the fragments is exactly a template label (no fuzzy scoring).
    pub fn is_exact<S: AsRef<str>>(&self, fragments: &[S]) -> bool {
        let mut joined = String::new();
        for k in 1..=fragments.len().min(MAX_SUFFIX) {
            joined.insert_str(0, fragments[fragments.len() - k].as_ref());
            if self.exact.contains_key(&match_key(&joined)) {
                return true;
            }
        }
        false
    }

    /// The best score any template row gets.
    pub fn best<S: AsRef<str>>(&self, fragments: &[S]) -> f32 {
        self.scores(fragments).0.into_iter().fold(0.0, f32::max)
    }
}

fn marker_adjust(obs: Option<Marker>, tpl: Option<Marker>) -> f32 {
    match (obs, tpl) {
        (Some(a), Some(b)) if a == b => 0.25,
        (Some(Marker::Top(_)), Some(Marker::Top(_)))
        | (Some(Marker::Group(_)), Some(Marker::Group(_)))
        | (Some(Marker::Item(_)), Some(Marker::Item(_))) => -0.3,
        (None, Some(_)) => -0.1,
        _ => 0.0,
    }
}

/// Dice coefficient over character multisets (both sorted).
fn dice(a: &[char], b: &[char]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f32 / (a.len() + b.len()) as f32
}

/// Order-preserving assignment of observed rows to template rows maximising the total
/// score (scores below [`THRESHOLD`] are not allowed). `scores[i][j]` is observed row `i`
/// against template row `j`. Returns, per observed row, its template row.
pub fn align(scores: &[Vec<f32>], n: usize) -> Vec<Option<usize>> {
    let m = scores.len();
    let w = n + 1;
    let mut best = vec![0.0f32; (m + 1) * w];
    for i in 1..=m {
        for j in 1..=n {
            let s = scores[i - 1][j - 1];
            let mut v = best[(i - 1) * w + j].max(best[i * w + j - 1]);
            if s >= THRESHOLD {
                v = v.max(best[(i - 1) * w + j - 1] + s);
            }
            best[i * w + j] = v;
        }
    }
    let mut out = vec![None; m];
    let (mut i, mut j) = (m, n);
    while i > 0 && j > 0 {
        let s = scores[i - 1][j - 1];
        let here = best[i * w + j];
        if s >= THRESHOLD && (here - (best[(i - 1) * w + j - 1] + s)).abs() < 1e-6 {
            out[i - 1] = Some(j - 1);
            i -= 1;
            j -= 1;
        } else if (here - best[(i - 1) * w + j]).abs() < 1e-6 {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{TEMPLATE_2019, TEMPLATE_2021};

    fn best_row(idx: &LabelIndex, t: &TableDef, frags: &[&str]) -> Option<(&'static str, f32)> {
        let f: Vec<String> = frags.iter().map(|s| s.to_string()).collect();
        let s = idx.scores(&f).0;
        let (i, v) = s.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1))?;
        (*v >= THRESHOLD).then(|| (t.rows[i].key, *v))
    }

    #[test]
    fn keys() {
        assert_eq!(match_key("1、属于国家秘密"), "1.属于国家秘密");
        assert_eq!(match_key("一. 本年新收"), "一、本年新收");
        assert_eq!(marker("(三)不予公开"), Some(Marker::Group(3)));
        assert_eq!(marker("二、上"), Some(Marker::Top(2)));
        assert_eq!(marker("4.保护第三"), Some(Marker::Item(4)));
    }

    #[test]
    fn exact_and_suffix_matches() {
        let t = &TEMPLATE_2019.t3;
        let idx = LabelIndex::new(t);
        assert_eq!(
            best_row(&idx, t, &["申请人情况", "一、本年新收政府信息公开申请数量"])
                .unwrap()
                .0,
            "new"
        );
        assert_eq!(
            best_row(&idx, t, &["(三) 不予 公开", "1. 属于国家 秘密"])
                .unwrap()
                .0,
            "denied_secret"
        );
        assert_eq!(
            best_row(&idx, t, &["3.危及“三安全一稳定”"]).unwrap().0,
            "denied_security"
        );
        assert_eq!(
            best_row(
                &idx,
                t,
                &["(二) 部分公开（区 分处理的，只计这一 情形，不计其他情形）"]
            )
            .unwrap()
            .0,
            "partial"
        );
        let t21 = &TEMPLATE_2021.t3;
        let idx21 = LabelIndex::new(t21);
        assert_eq!(
            best_row(&idx21, t21, &["(六)其他处理", "3.其他"])
                .unwrap()
                .0,
            "other_misc"
        );
    }

    #[test]
    fn broken_labels() {
        let t = &TEMPLATE_2019.t3;
        let idx = LabelIndex::new(t);
        assert_eq!(
            best_row(&idx, t, &["一、本", "年新收政府信"]).unwrap().0,
            "new"
        );
        assert_eq!(best_row(&idx, t, &["二、上"]).unwrap().0, "carried_over");
        assert_eq!(
            best_row(&idx, t, &["四、纟", "吉转下年度继续", "续办理"])
                .unwrap()
                .0,
            "carried_forward"
        );
        assert_eq!(best_row(&idx, t, &["(六) 其他"]).unwrap().0, "other");
        assert!(best_row(&idx, t, &["ı", "I"]).is_none());
    }

    #[test]
    fn alignment_keeps_order() {
        // Two observed rows both look like row 1; order forces the second onto row 2.
        let scores = vec![
            vec![0.9, 0.6, 0.0],
            vec![0.0, 0.95, 0.7],
            vec![0.0, 0.9, 0.8],
        ];
        assert_eq!(align(&scores, 3), vec![Some(0), Some(1), Some(2)]);
        let scores = vec![vec![0.1, 0.2], vec![0.9, 0.1]];
        assert_eq!(align(&scores, 2), vec![None, Some(0)]);
    }
}
