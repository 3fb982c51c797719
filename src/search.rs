//! The fuzzy finder's index: names of agencies, reports and sections, matched by their
//! characters, their full pinyin (without tones) and their pinyin initials, so `xunhua`,
//! `xhx` and `循化` all find 海东市循化县.
//!
//! Every key is lowercased and spelled out once, when an entry is added, into one
//! contiguous buffer (names in another); a keystroke allocates nothing per entry. It runs
//! in three steps:
//!
//! 1. **Prefilter** — each entry has a bitmask of the ASCII letters and digits in its keys
//!    and a 64-bit bloom of its other characters; an entry lacking a query character is
//!    skipped without looking at its text.
//! 2. **Cheap score** — a greedy leftmost subsequence test (memchr per query character)
//!    on each key that can match; entries that match nowhere drop out, and the best
//!    `limit` by this score are kept in a bounded heap. A query that extends the previous
//!    one only rescans the previous survivors.
//! 3. **Exact score** — fuzzy-matcher's skim algorithm orders those `limit` entries on
//!    their best key; it never runs on more than `limit` names however many match.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use pinyin::ToPinyin;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::Range;

/// Where one entry's name and keys live in the index's buffers.
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// The name, in `names`.
    name: (usize, usize),
    /// The keys, back to back in `keys`: lowercased name `lower..pinyin`, pinyin (Chinese
    /// characters spelled out, others lowercased) `pinyin..initials`, initials (first
    /// letter of each syllable, others kept) `initials..end`.
    lower: usize,
    pinyin: usize,
    initials: usize,
    end: usize,
}

/// Characters an entry contains, for the prefilter.
#[derive(Debug, Clone, Copy, Default)]
struct Sig {
    /// Bit `i` set when letter or digit class `i` occurs in any key (see [`class_bit`]).
    ascii: u64,
    /// The same for the lowercased name alone.
    name_ascii: u64,
    /// Bloom of the non-ASCII characters (see [`bloom_bit`]).
    other: u64,
}

impl Sig {
    fn add(&mut self, c: char) {
        if c.is_ascii() {
            self.ascii |= class_bit(c);
        } else {
            self.other |= bloom_bit(c);
        }
    }

    /// Whether an entry with signature `self` may contain every character of `q`.
    fn covers(self, q: Sig) -> bool {
        q.ascii & !self.ascii == 0 && q.other & !self.other == 0
    }
}

/// A ranked result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub entry: usize,
    pub score: i64,
}

/// Which of an entry's keys matched best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Name,
    Pinyin,
    Initials,
}

pub struct SearchIndex<T> {
    slots: Vec<Slot>,
    sigs: Vec<Sig>,
    targets: Vec<T>,
    names: String,
    keys: String,
    /// Scratch space for [`SearchIndex::push`].
    scratch: (String, String),
    matcher: SkimMatcherV2,
    /// The previous query and the entries that matched it, with the number of entries
    /// the index had then.
    cache: Option<(String, Vec<u32>, usize)>,
}

impl<T> Default for SearchIndex<T> {
    fn default() -> Self {
        SearchIndex {
            slots: Vec::new(),
            sigs: Vec::new(),
            targets: Vec::new(),
            names: String::new(),
            keys: String::new(),
            scratch: (String::new(), String::new()),
            matcher: SkimMatcherV2::default().ignore_case(),
            cache: None,
        }
    }
}

fn class_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ => 0,
    }
}

fn bloom_bit(c: char) -> u64 {
    1 << ((c as u32).wrapping_mul(0x9E37_79B1) >> 26)
}

/// A query, lowercased and without whitespace, cut into characters.
struct Query {
    text: String,
    /// Byte range of each character in `text`.
    atoms: Vec<Range<usize>>,
    ascii: bool,
    /// No character of the query has a pinyin reading, so the pinyin and initials keys
    /// can match it (they hold only letters and such characters).
    spellable: bool,
    sig: Sig,
}

impl Query {
    fn new(query: &str) -> Query {
        let text: String = query
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let mut sig = Sig::default();
        let mut spellable = true;
        let atoms = text
            .char_indices()
            .map(|(i, c)| {
                sig.add(c);
                spellable &= c.to_pinyin().is_none();
                i..i + c.len_utf8()
            })
            .collect();
        Query {
            ascii: text.is_ascii(),
            text,
            atoms,
            spellable,
            sig,
        }
    }

    fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The cheap score of this query against `hay`: greedy leftmost subsequence, +16 per
    /// character, +12 when it follows the previous match directly, minus the gap (at most
    /// 12) otherwise, minus the start position (at most 20). Positions count bytes for an
    /// ASCII query (ASCII bytes never occur inside a multi-byte character) and characters
    /// otherwise. [`Cheap::Absent`] when the query is not a subsequence of `hay`;
    /// [`Cheap::Below`] as soon as the score can no longer reach `need`.
    fn cheap_score(&self, hay: &str, need: i32) -> Cheap {
        let hay = hay.as_bytes();
        let q = self.text.as_bytes();
        let mut from = 0;
        let mut score = 0i32;
        // Position (in the unit above) of the previous match, and the byte it is at.
        let mut last: Option<usize> = None;
        let mut last_byte = 0;
        let mut left = self.atoms.len() as i32;
        for a in &self.atoms {
            let atom = &q[a.clone()];
            let Some(at) = find_atom(hay, from, atom) else {
                return Cheap::Absent;
            };
            let pos = if self.ascii {
                at
            } else {
                last.map_or(0, |l| l) + chars_in(&hay[last_byte..at])
            };
            score += 16;
            match last {
                Some(l) if l + 1 == pos => score += 12,
                Some(l) => score -= ((pos - l - 1) as i32).min(12),
                None => score -= (pos as i32).min(20),
            }
            last = Some(pos);
            last_byte = at;
            from = at + atom.len();
            left -= 1;
            // Each character still to match adds at most 16 + 12.
            if score + 28 * left < need {
                return Cheap::Below;
            }
        }
        Cheap::Score(score)
    }
}

/// The cheap score of one key, or why there is none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cheap {
    Score(i32),
    /// Could not reach the score asked for (whether it matches at all is unknown).
    Below,
    /// Not a subsequence.
    Absent,
}

/// Characters starting in `b` (bytes that are not UTF-8 continuation bytes).
fn chars_in(b: &[u8]) -> usize {
    b.iter().filter(|&&x| x & 0xC0 != 0x80).count()
}

/// The first byte position at or after `from` where `atom` (one UTF-8 character) starts.
fn find_atom(hay: &[u8], mut from: usize, atom: &[u8]) -> Option<usize> {
    let (&first, rest) = atom.split_first()?;
    if rest.is_empty() {
        return memchr::memchr(first, hay.get(from..)?).map(|i| from + i);
    }
    loop {
        let at = from + memchr::memchr(first, hay.get(from..)?)?;
        if hay[at + 1..].starts_with(rest) {
            return Some(at);
        }
        from = at + 1;
    }
}

/// Spell `name` out: lowercased into `lower`, pinyin into `pinyin`, initials into
/// `initials`; with `maps`, the index of the name character each pinyin and initials
/// character came from.
fn spell(
    name: &str,
    lower: &mut String,
    pinyin: &mut String,
    initials: &mut String,
    mut maps: Option<(&mut Vec<u32>, &mut Vec<u32>)>,
) {
    for (i, c) in name.chars().enumerate() {
        let i = i as u32;
        lower.extend(c.to_lowercase());
        match c.to_pinyin() {
            Some(p) => {
                let (plain, first) = (p.plain(), p.first_letter());
                pinyin.push_str(plain);
                initials.push_str(first);
                if let Some((pm, im)) = maps.as_mut() {
                    pm.extend(plain.chars().map(|_| i));
                    im.extend(first.chars().map(|_| i));
                }
            }
            None => {
                for lc in c.to_lowercase() {
                    pinyin.push(lc);
                    initials.push(lc);
                    if let Some((pm, im)) = maps.as_mut() {
                        pm.push(i);
                        im.push(i);
                    }
                }
            }
        }
    }
}

/// Rank of a cheap match: higher score, then shorter name, then earlier entry. Smaller is
/// better, so a max-heap of ranks keeps the worst kept match on top.
type CheapRank = (Reverse<i32>, usize, u32);

impl<T> SearchIndex<T> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    pub fn clear(&mut self) {
        self.slots.clear();
        self.sigs.clear();
        self.targets.clear();
        self.names.clear();
        self.keys.clear();
        self.cache = None;
    }

    /// Add a name. Cheap enough to call as each report arrives: no allocation beyond the
    /// index's growing buffers.
    pub fn push(&mut self, name: impl AsRef<str>, target: T) {
        let name = name.as_ref();
        let (pinyin, initials) = &mut self.scratch;
        pinyin.clear();
        initials.clear();
        let lower = self.keys.len();
        spell(name, &mut self.keys, pinyin, initials, None);
        let mut sig = Sig::default();
        self.keys[lower..].chars().for_each(|c| sig.add(c));
        sig.name_ascii = sig.ascii;
        pinyin
            .bytes()
            .filter(u8::is_ascii)
            .for_each(|b| sig.ascii |= class_bit(b as char));
        let pinyin_at = self.keys.len();
        self.keys.push_str(pinyin);
        let initials_at = self.keys.len();
        self.keys.push_str(initials);
        let start = self.names.len();
        self.names.push_str(name);
        self.slots.push(Slot {
            name: (start, self.names.len()),
            lower,
            pinyin: pinyin_at,
            initials: initials_at,
            end: self.keys.len(),
        });
        self.sigs.push(sig);
        self.targets.push(target);
    }

    pub fn name(&self, entry: usize) -> &str {
        self.slots
            .get(entry)
            .map_or("", |s| &self.names[s.name.0..s.name.1])
    }

    pub fn target(&self, entry: usize) -> Option<&T> {
        self.targets.get(entry)
    }

    fn key_text(&self, s: &Slot, key: Key) -> &str {
        match key {
            Key::Name => &self.keys[s.lower..s.pinyin],
            Key::Pinyin => &self.keys[s.pinyin..s.initials],
            Key::Initials => &self.keys[s.initials..s.end],
        }
    }

    /// The key that matches `q` best by the cheap score, with that score; on a tie the
    /// later of initials, pinyin, name. Keys that cannot reach `need` are not scored to
    /// the end: when none can, the answer is [`Cheap::Below`].
    fn cheap_best(&self, i: usize, q: &Query, need: i32) -> (Cheap, Key) {
        let s = &self.slots[i];
        let mut best: Option<(i32, Key)> = None;
        let mut below = false;
        let mut try_key = |key: Key, best: &mut Option<(i32, Key)>| {
            let floor = best.map_or(need, |(b, _)| b.max(need));
            match q.cheap_score(self.key_text(s, key), floor) {
                Cheap::Score(sc) => *best = Some((sc, key)),
                Cheap::Below => below = true,
                Cheap::Absent => return false,
            }
            true
        };
        if q.spellable {
            try_key(Key::Initials, &mut best);
            // Initials and the name are subsequences of the pinyin for an ASCII query:
            // when the pinyin does not match, nothing does.
            if !try_key(Key::Pinyin, &mut best) && q.ascii {
                return (Cheap::Absent, Key::Pinyin);
            }
        }
        // An ASCII query can match the name only where the name has its letters.
        if !q.ascii || q.sig.ascii & !self.sigs[i].name_ascii == 0 {
            try_key(Key::Name, &mut best);
        }
        match best {
            Some((sc, key)) => (Cheap::Score(sc), key),
            None if below => (Cheap::Below, Key::Name),
            None => (Cheap::Absent, Key::Name),
        }
    }

    /// The best `limit` entries for `query`, best first. An empty query lists entries in
    /// the order they were added.
    pub fn query(&mut self, query: &str, limit: usize) -> Vec<Match> {
        let q = Query::new(query.trim());
        if q.is_empty() {
            self.cache = None;
            return (0..self.slots.len().min(limit))
                .map(|entry| Match { entry, score: 0 })
                .collect();
        }
        let n = self.slots.len() as u32;
        let (prev, from) = match self.cache.take() {
            Some((prev, cands, seen)) if q.text.starts_with(&prev) => (Some(cands), seen as u32),
            _ => (None, 0),
        };
        let candidates = prev.iter().flatten().copied().chain(from..n);
        let mut survivors: Vec<u32> = Vec::new();
        let mut heap: BinaryHeap<(CheapRank, Key)> = BinaryHeap::with_capacity(limit + 1);
        for i in candidates {
            let iu = i as usize;
            if !self.sigs[iu].covers(q.sig) {
                continue;
            }
            let len = self.slots[iu].name.1 - self.slots[iu].name.0;
            // The score this entry needs to displace the worst one kept.
            let need = match heap.peek() {
                Some(&((Reverse(ws), wlen, wi), _)) if heap.len() >= limit => {
                    if (len, i) < (wlen, wi) { ws } else { ws + 1 }
                }
                _ => i32::MIN,
            };
            let (sc, key) = match self.cheap_best(iu, &q, need) {
                (Cheap::Score(sc), key) => (sc, key),
                // It may match: a longer query must look at it again.
                (Cheap::Below, _) => {
                    survivors.push(i);
                    continue;
                }
                (Cheap::Absent, _) => continue,
            };
            survivors.push(i);
            if limit == 0 {
                continue;
            }
            let rank = (Reverse(sc), len, i);
            if heap.len() < limit {
                heap.push((rank, key));
            } else if let Some(mut worst) = heap.peek_mut()
                && rank < worst.0
            {
                *worst = (rank, key);
            }
        }
        let ranked = self.rank(heap.into_iter(), &q);
        self.cache = Some((q.text, survivors, n as usize));
        ranked
    }

    /// Every entry matching `query` counted, and the best `limit` of them kept, those of a
    /// lower `tier` first (the finder lists agencies and reports above sections), best
    /// first within a tier. Only the kept ones are scored by skim, so a keystroke costs
    /// one cheap pass over the candidates whatever the number of matches.
    pub fn query_counted(
        &mut self,
        query: &str,
        limit: usize,
        tier: impl Fn(usize) -> u8,
    ) -> (Vec<Match>, usize) {
        let q = Query::new(query.trim());
        if q.is_empty() {
            self.cache = None;
            let n = self.slots.len();
            let mut all: Vec<usize> = (0..n).collect();
            all.sort_by_key(|&i| tier(i));
            all.truncate(limit);
            return (
                all.into_iter()
                    .map(|entry| Match { entry, score: 0 })
                    .collect(),
                n,
            );
        }
        let n = self.slots.len() as u32;
        let (prev, from) = match self.cache.take() {
            Some((prev, cands, seen)) if q.text.starts_with(&prev) => (Some(cands), seen as u32),
            _ => (None, 0),
        };
        let candidates = prev.iter().flatten().copied().chain(from..n);
        let mut matched: Vec<u32> = Vec::new();
        let mut heap: BinaryHeap<((u8, CheapRank), Key)> = BinaryHeap::with_capacity(limit + 1);
        for i in candidates {
            let iu = i as usize;
            if !self.sigs[iu].covers(q.sig) {
                continue;
            }
            // Every entry is scored in full: the count must be exact.
            let (sc, key) = match self.cheap_best(iu, &q, i32::MIN) {
                (Cheap::Score(sc), key) => (sc, key),
                _ => continue,
            };
            matched.push(i);
            if limit == 0 {
                continue;
            }
            let len = self.slots[iu].name.1 - self.slots[iu].name.0;
            let rank = (tier(iu), (Reverse(sc), len, i));
            if heap.len() < limit {
                heap.push((rank, key));
            } else if let Some(mut worst) = heap.peek_mut()
                && rank < worst.0
            {
                *worst = (rank, key);
            }
        }
        let total = matched.len();
        let mut ranked = self.rank(heap.into_iter().map(|((_, r), k)| (r, k)), &q);
        ranked.sort_by_key(|m| tier(m.entry));
        self.cache = Some((q.text, matched, n as usize));
        (ranked, total)
    }

    /// Order kept candidates by the skim scorer on their best key (the cheap score when skim
    /// declines), then shorter names, then name, then insertion order.
    fn rank(&self, kept: impl Iterator<Item = (CheapRank, Key)>, q: &Query) -> Vec<Match> {
        let mut scored: Vec<(i64, usize, u32)> = kept
            .map(|((Reverse(cheap), len, i), key)| {
                let hay = self.key_text(&self.slots[i as usize], key);
                let s = self
                    .matcher
                    .fuzzy_match(hay, &q.text)
                    .unwrap_or(i64::from(cheap));
                (s, len, i)
            })
            .collect();
        scored.sort_unstable_by(|a, b| {
            b.0.cmp(&a.0)
                .then(a.1.cmp(&b.1))
                .then_with(|| self.name(a.2 as usize).cmp(self.name(b.2 as usize)))
                .then(a.2.cmp(&b.2))
        });
        scored
            .into_iter()
            .map(|(score, _, i)| Match {
                entry: i as usize,
                score,
            })
            .collect()
    }

    /// Char indices of `entry`'s name that `query` matched, for highlighting.
    pub fn highlight(&self, entry: usize, query: &str) -> Vec<usize> {
        let Some(s) = self.slots.get(entry) else {
            return Vec::new();
        };
        let q = Query::new(query);
        if q.is_empty() {
            return Vec::new();
        }
        let key = match self.cheap_best(entry, &q, i32::MIN) {
            (Cheap::Score(_), key) => key,
            _ => return Vec::new(),
        };
        let hay = self.key_text(s, key);
        let Some((_, idx)) = self.matcher.fuzzy_indices(hay, &q.text) else {
            return Vec::new();
        };
        let mut out: Vec<usize> = if key == Key::Name {
            idx
        } else {
            // Spell this one name again, with the map back to its characters.
            let (mut l, mut p, mut i) = (String::new(), String::new(), String::new());
            let (mut pm, mut im) = (Vec::new(), Vec::new());
            spell(
                self.name(entry),
                &mut l,
                &mut p,
                &mut i,
                Some((&mut pm, &mut im)),
            );
            let map = if key == Key::Pinyin { pm } else { im };
            idx.into_iter()
                .filter_map(|i| map.get(i).map(|&c| c as usize))
                .collect()
        };
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests;
