use super::*;

#[test]
fn counted_query_counts_every_match_and_keeps_the_best_by_tier() {
    let mut ix = SearchIndex::new();
    for i in 0..500u32 {
        ix.push(format!("海东市循化县 {} · 第{}节", 2000 + i % 30, i), i);
    }
    ix.push("海东市循化县", 1000);
    ix.push("循化县 2020", 1001);
    ix.push("驿马乡", 1002);
    let tier = |e: usize| u8::from(e < 500);
    for q in ["xunhua", "xh", "循化", "2020", "驿", "nothing"] {
        let all = ix.query(q, ix.len());
        let (kept, total) = ix.query_counted(q, 20, tier);
        assert_eq!(total, all.len(), "{q}");
        assert_eq!(kept.len(), total.min(20), "{q}");
        // The lower tier first: both named entries come before the sections.
        let firsts: Vec<usize> = kept.iter().take(2).map(|m| m.entry).collect();
        if q == "xunhua" || q == "循化" {
            assert!(firsts.iter().all(|&e| e >= 500), "{q}: {firsts:?}");
        }
        assert!(
            kept.windows(2)
                .all(|w| tier(w[0].entry) <= tier(w[1].entry))
        );
    }
}

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

/// Names shaped like the inspector's: agency, report file, section titles.
fn many(n: u32) -> SearchIndex<u32> {
    let bases = [
        "海东市循化县",
        "临夏县漫路乡",
        "驿马乡",
        "建塘镇",
        "商都路办事处",
        "城关镇",
        "白庄乡",
        "西宁市城西区",
    ];
    let sections = ["一、总体情况", "三、收到和处理政府信息公开申请情况"];
    let mut ix = SearchIndex::new();
    for i in 0..n {
        let b = bases[i as usize % bases.len()];
        let s = sections[i as usize / bases.len() % sections.len()];
        let year = 2019 + i % 4;
        ix.push(format!("{b}{} {year} · {s}", i / 16), i);
    }
    ix
}

/// The same ranking done the slow way: every entry scored, all sorted.
fn reference(ix: &SearchIndex<u32>, query: &str, limit: usize) -> Vec<Match> {
    let q = Query::new(query.trim());
    let mut cheap: Vec<(CheapRank, Key)> = ix
        .slots
        .iter()
        .enumerate()
        .filter_map(|(i, s)| match ix.cheap_best(i, &q, i32::MIN) {
            (Cheap::Score(sc), key) => Some(((Reverse(sc), s.name.1 - s.name.0, i as u32), key)),
            _ => None,
        })
        .collect();
    cheap.sort();
    cheap.truncate(limit);
    ix.rank(cheap.into_iter(), &q)
}

#[test]
fn bounded_ranking_equals_scoring_everything() {
    let mut ix = many(3000);
    for q in [
        "x", "xu", "xun", "xunh", "xunhua", "xhx", "m", "manlu", "循", "循化", "2020", "zq",
        "城西", "cx", "·",
    ] {
        assert_eq!(ix.query(q, 50), reference(&ix, q, 50), "query {q}");
        // Typed one key at a time (rescanning survivors) or afresh: the same.
        let fresh = {
            ix.query("", 0);
            ix.query(q, 50)
        };
        assert_eq!(fresh, reference(&ix, q, 50), "fresh {q}");
    }
}

#[test]
fn large_index_keeps_limit_and_finds_the_names() {
    let mut ix = many(20_000);
    for q in ["x", "xu", "xun", "xunh", "xunhu", "xunhua"] {
        let m = ix.query(q, 50);
        assert_eq!(m.len(), 50, "{q}");
    }
    let m = ix.query("xunhua", 50);
    assert!(m.iter().all(|m| ix.name(m.entry).contains("循化")));
    let m = ix.query("循化", 50);
    assert!(m.iter().all(|m| ix.name(m.entry).contains("循化")));
    assert_eq!(ix.highlight(m[0].entry, "循化"), vec![3, 4]);
    let m = ix.query("manlu", 50);
    assert!(m.iter().all(|m| ix.name(m.entry).contains("漫路")));
    assert!(ix.query("qqqqqqqq", 50).is_empty());
    assert!(ix.query("x", 0).is_empty());
}

#[test]
fn prefilter_keeps_every_character_it_needs() {
    let mut ix = SearchIndex::new();
    ix.push("Report-2020.TXT · 说明（一）", 0u32);
    ix.push("循化县", 1);
    for q in [
        "report",
        "2020",
        "txt",
        "（一）",
        "说明",
        "sm",
        "shuoming",
        "r2020·",
    ] {
        assert_eq!(top(&mut ix, q), Some(0), "{q}");
    }
    assert_eq!(top(&mut ix, "xian"), Some(1));
    assert!(ix.query("说明循", 10).is_empty());
    assert_eq!(ix.name(0), "Report-2020.TXT · 说明（一）");
    assert_eq!(ix.name(9), "");
    assert!(ix.target(9).is_none());
    ix.clear();
    assert!(ix.is_empty());
    assert!(ix.query("x", 10).is_empty());
}
