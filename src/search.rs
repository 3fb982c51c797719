//! The fuzzy finder's index: names of agencies, reports and sections, matched by their
//! characters, their full pinyin (without tones) and their pinyin initials, so `xunhua`,
//! `xhx` and `循化` all find 海东市循化县.
//!
//! Every key is lowercased and converted once, when an entry is added; a keystroke only
//! scans precomputed strings. A cheap letter-set test and a subsequence test reject most
//! candidates before the scorer (fuzzy-matcher's skim algorithm) runs, and a query that
//! extends the previous one only rescans the previous survivors.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use pinyin::ToPinyin;

/// One searchable name and what it stands for.
#[derive(Debug, Clone)]
struct Entry<T> {
    name: String,
    target: T,
    /// The name, lowercased.
    lower: String,
    /// Pinyin of the name (Chinese characters spelled out, other characters lowercased).
    pinyin: String,
    /// For each char of `pinyin`, the index of the name char it came from.
    pinyin_map: Vec<u32>,
    /// First letters of the pinyin of each character (others kept, lowercased).
    initials: String,
    initials_map: Vec<u32>,
    /// Bit `i` set when letter or digit class `i` occurs in any key (see [`class_bit`]).
    mask: u64,
}

/// A ranked result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub entry: usize,
    pub score: i64,
}

/// Which of an entry's keys matched best.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Name,
    Pinyin,
    Initials,
}

pub struct SearchIndex<T> {
    entries: Vec<Entry<T>>,
    matcher: SkimMatcherV2,
    /// The previous query and the entries that passed the prefilter for it, with the
    /// number of entries the index had then.
    cache: Option<(String, Vec<u32>, usize)>,
}

impl<T> Default for SearchIndex<T> {
    fn default() -> Self {
        SearchIndex {
            entries: Vec::new(),
            matcher: SkimMatcherV2::default().ignore_case(),
            cache: None,
        }
    }
}

fn class_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ if c.is_ascii() => 0,
        _ => 1 << 63,
    }
}

/// A cheap match score: greedy leftmost subsequence, rewarding consecutive matches and
/// an early start, penalising gaps. `None` when `q` is not a subsequence of `hay`.
fn quick_score(q: &[char], hay: &str) -> Option<i32> {
    let mut qi = 0;
    let mut score = 0i32;
    let mut last: Option<usize> = None;
    for (pos, c) in hay.chars().enumerate() {
        if qi == q.len() {
            break;
        }
        if c == q[qi] {
            score += 16;
            match last {
                Some(l) if l + 1 == pos => score += 12,
                Some(l) => score -= ((pos - l - 1) as i32).min(12),
                None => score -= (pos as i32).min(20),
            }
            last = Some(pos);
            qi += 1;
        }
    }
    (qi == q.len()).then_some(score)
}

/// [`quick_score`] on bytes, for ASCII queries (ASCII bytes never occur inside a
/// multi-byte UTF-8 sequence, so a byte subsequence is a character subsequence).
fn quick_score_bytes(q: &[u8], hay: &[u8]) -> Option<i32> {
    let mut qi = 0;
    let mut score = 0i32;
    let mut last: Option<usize> = None;
    for (pos, &c) in hay.iter().enumerate() {
        if qi == q.len() {
            break;
        }
        if c == q[qi] {
            score += 16;
            match last {
                Some(l) if l + 1 == pos => score += 12,
                Some(l) => score -= ((pos - l - 1) as i32).min(12),
                None => score -= (pos as i32).min(20),
            }
            last = Some(pos);
            qi += 1;
        }
    }
    (qi == q.len()).then_some(score)
}

impl<T> SearchIndex<T> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.cache = None;
    }

    /// Add a name. Cheap enough to call as each report arrives.
    pub fn push(&mut self, name: impl Into<String>, target: T) {
        let name = name.into();
        let mut lower = String::with_capacity(name.len());
        let mut pinyin = String::with_capacity(name.len() * 2);
        let mut pinyin_map = Vec::with_capacity(name.len() * 2);
        let mut initials = String::with_capacity(name.len());
        let mut initials_map = Vec::with_capacity(name.len());
        for (i, c) in name.chars().enumerate() {
            let i = i as u32;
            lower.extend(c.to_lowercase());
            match c.to_pinyin() {
                Some(p) => {
                    for pc in p.plain().chars() {
                        pinyin.push(pc);
                        pinyin_map.push(i);
                    }
                    for ic in p.first_letter().chars() {
                        initials.push(ic);
                        initials_map.push(i);
                    }
                }
                None => {
                    for lc in c.to_lowercase() {
                        pinyin.push(lc);
                        pinyin_map.push(i);
                        initials.push(lc);
                        initials_map.push(i);
                    }
                }
            }
        }
        let mask = lower
            .chars()
            .chain(pinyin.chars())
            .map(class_bit)
            .fold(0, |a, b| a | b);
        self.entries.push(Entry {
            name,
            target,
            lower,
            pinyin,
            pinyin_map,
            initials,
            initials_map,
            mask,
        });
    }

    pub fn name(&self, entry: usize) -> &str {
        self.entries.get(entry).map_or("", |e| e.name.as_str())
    }

    pub fn target(&self, entry: usize) -> Option<&T> {
        self.entries.get(entry).map(|e| &e.target)
    }

    /// The key that matches `q` best by the cheap score, with that score.
    fn quick_best(e: &Entry<T>, q: &str, qc: &[char]) -> Option<(i32, Key)> {
        let ascii = q.is_ascii();
        [
            (Key::Initials, e.initials.as_str()),
            (Key::Pinyin, e.pinyin.as_str()),
            (Key::Name, e.lower.as_str()),
        ]
        .into_iter()
        .filter_map(|(k, h)| {
            let s = if ascii {
                quick_score_bytes(q.as_bytes(), h.as_bytes())
            } else {
                quick_score(qc, h)
            };
            s.map(|s| (s, k))
        })
        .max_by_key(|&(s, _)| s)
    }

    fn key_text(e: &Entry<T>, key: Key) -> (&str, Option<&[u32]>) {
        match key {
            Key::Name => (&e.lower, None),
            Key::Pinyin => (&e.pinyin, Some(&e.pinyin_map)),
            Key::Initials => (&e.initials, Some(&e.initials_map)),
        }
    }

    /// The best `limit` entries for `query`, best first. An empty query lists entries in
    /// the order they were added.
    pub fn query(&mut self, query: &str, limit: usize) -> Vec<Match> {
        let q: String = query.trim().to_lowercase();
        if q.is_empty() {
            self.cache = None;
            return (0..self.entries.len().min(limit))
                .map(|entry| Match { entry, score: 0 })
                .collect();
        }
        let qmask = q
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(class_bit)
            .fold(0, |a, b| a | b);
        let q: String = q.chars().filter(|c| !c.is_whitespace()).collect();
        // One pass: the letter-set test, then a cheap single-pass score (greedy
        // subsequence) on each key; entries that match nowhere drop out. The survivors
        // are kept for the next, longer query.
        let candidates: Vec<u32> = match self.cache.take() {
            Some((prev, cands, n)) if q.starts_with(&prev) => cands
                .into_iter()
                .chain(n as u32..self.entries.len() as u32)
                .collect(),
            _ => (0..self.entries.len() as u32).collect(),
        };
        let qc: Vec<char> = q.chars().collect();
        let mut quick: Vec<(i32, Key, u32)> = Vec::new();
        for i in candidates {
            let e = &self.entries[i as usize];
            if qmask & !e.mask != 0 {
                continue;
            }
            if let Some((sc, key)) = Self::quick_best(e, &q, &qc) {
                quick.push((sc, key, i));
            }
        }
        let survivors: Vec<u32> = quick.iter().map(|&(_, _, i)| i).collect();
        // Keep the best `limit` by the cheap score, then order those by the skim
        // scorer on their best key: a keystroke runs skim at most `limit` times however
        // many names match.
        let entries = &self.entries;
        let cheap_rank = |a: &(i32, Key, u32), b: &(i32, Key, u32)| {
            b.0.cmp(&a.0)
                .then(
                    entries[a.2 as usize]
                        .name
                        .len()
                        .cmp(&entries[b.2 as usize].name.len()),
                )
                .then(a.2.cmp(&b.2))
        };
        if limit > 0 && quick.len() > limit {
            quick.select_nth_unstable_by(limit - 1, cheap_rank);
            quick.truncate(limit);
        }
        let mut scored: Vec<(i64, usize, u32)> = quick
            .iter()
            .map(|&(cheap, key, i)| {
                let e = &self.entries[i as usize];
                let (hay, _) = Self::key_text(e, key);
                let s = self
                    .matcher
                    .fuzzy_match(hay, &q)
                    .unwrap_or(i64::from(cheap));
                (s, e.name.len(), i)
            })
            .collect();
        self.cache = Some((q, survivors, self.entries.len()));
        let entries = &self.entries;
        let by_rank = |a: &(i64, usize, u32), b: &(i64, usize, u32)| {
            b.0.cmp(&a.0)
                .then(a.1.cmp(&b.1))
                .then_with(|| entries[a.2 as usize].name.cmp(&entries[b.2 as usize].name))
                .then(a.2.cmp(&b.2))
        };
        if scored.len() > limit && limit > 0 {
            scored.select_nth_unstable_by(limit - 1, by_rank);
            scored.truncate(limit);
        }
        scored.sort_unstable_by(by_rank);
        scored
            .into_iter()
            .take(limit)
            .map(|(score, _, i)| Match {
                entry: i as usize,
                score,
            })
            .collect()
    }

    /// Char indices of `entry`'s name that `query` matched, for highlighting.
    pub fn highlight(&self, entry: usize, query: &str) -> Vec<usize> {
        let Some(e) = self.entries.get(entry) else {
            return Vec::new();
        };
        let q: String = query
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if q.is_empty() {
            return Vec::new();
        }
        let qc: Vec<char> = q.chars().collect();
        let Some((_, key)) = Self::quick_best(e, &q, &qc) else {
            return Vec::new();
        };
        let (hay, map) = Self::key_text(e, key);
        let Some((_, idx)) = self.matcher.fuzzy_indices(hay, &q) else {
            return Vec::new();
        };
        let mut out: Vec<usize> = match map {
            None => idx,
            Some(m) => idx
                .into_iter()
                .filter_map(|i| m.get(i).map(|&c| c as usize))
                .collect(),
        };
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> SearchIndex<u32> {
        let mut ix = SearchIndex::new();
        ix.push("海东市循化县", 1);
        ix.push("临夏县漫路乡", 2);
        ix.push("驿马乡", 3);
        ix.push("建塘镇", 4);
        ix.push("商都路办事处", 5);
        ix.push("海东市循化县 2020", 6);
        ix
    }

    fn top(ix: &mut SearchIndex<u32>, q: &str) -> Option<u32> {
        let m = ix.query(q, 10);
        m.first().and_then(|m| ix.target(m.entry).copied())
    }

    #[test]
    fn finds_by_characters_pinyin_and_initials() {
        let mut ix = index();
        assert_eq!(top(&mut ix, "循化"), Some(1));
        assert_eq!(top(&mut ix, "xunhua"), Some(1));
        assert_eq!(top(&mut ix, "xhx"), Some(1));
        assert_eq!(top(&mut ix, "manlu"), Some(2));
        assert_eq!(top(&mut ix, "XunHua"), Some(1));
        assert_eq!(top(&mut ix, "jtz"), Some(4));
        assert!(ix.query("zzzzq", 10).is_empty());
    }

    #[test]
    fn pinyin_matches_map_back_to_characters() {
        let ix = index();
        assert_eq!(ix.highlight(0, "xunhua"), vec![3, 4]);
        assert_eq!(ix.highlight(0, "xhx"), vec![3, 4, 5]);
        assert_eq!(ix.highlight(1, "漫路"), vec![3, 4]);
        assert_eq!(ix.highlight(1, "manlu"), vec![3, 4]);
    }

    #[test]
    fn extending_a_query_reuses_survivors_and_sees_new_entries() {
        let mut ix = index();
        assert!(!ix.query("x", 10).is_empty());
        ix.push("循化县人民政府办公室", 7);
        let hits: Vec<u32> = ix
            .query("xhxr", 10)
            .iter()
            .filter_map(|m| ix.target(m.entry).copied())
            .collect();
        assert_eq!(hits, vec![7]);
        // A shorter query after a longer one rescans everything.
        assert!(ix.query("x", 10).len() >= 3);
    }

    #[test]
    fn empty_query_lists_in_insertion_order() {
        let mut ix = index();
        let m = ix.query("", 3);
        assert_eq!(m.iter().map(|m| m.entry).collect::<Vec<_>>(), vec![0, 1, 2]);
    }

    #[test]
    fn keystroke_over_100k_names_is_fast() {
        let bases = [
            "循化县",
            "漫路乡",
            "驿马乡",
            "建塘镇",
            "商都路办事处",
            "城关镇",
            "白庄乡",
        ];
        let mut ix = SearchIndex::new();
        for i in 0..100_000u32 {
            let b = bases[i as usize % bases.len()];
            ix.push(format!("{b}{i} 2020 三、收到和处理政府信息公开申请情况"), i);
        }
        // Typing a query one key at a time; every keystroke is measured.
        let mut worst = std::time::Duration::ZERO;
        for q in [
            "m", "ma", "man", "manl", "manlu", "manlu9", "x", "xh", "xhx", "s",
        ] {
            let t = std::time::Instant::now();
            let n = ix.query(q, 50).len();
            eprintln!("{q:>8}: {:?} ({n} shown)", t.elapsed());
            worst = worst.max(t.elapsed());
        }
        // Target: well under 16 ms per keystroke in an optimised build. Measured on a
        // loaded 2-core machine (release): 25-60 ms for multi-letter queries and ~100 ms
        // for a first single letter that matches every name — not met yet. This guards
        // against regressions only; the timings are printed with --nocapture.
        let budget = if cfg!(debug_assertions) { 10_000 } else { 500 };
        assert!(worst.as_millis() < budget, "worst keystroke took {worst:?}");
    }
}
