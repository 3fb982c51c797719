use super::*;

#[test]
fn row_counts_match_the_template() {
    assert_eq!(TEMPLATE_2019.t3.rows.len(), 23);
    assert_eq!(TEMPLATE_2021.t3.rows.len(), 25);
    assert_eq!(TEMPLATE_2019.t2.rows.len(), 8);
    assert_eq!(TEMPLATE_2021.t2.rows.len(), 6);
    assert_eq!(TEMPLATE_2019.t4.rows[0].columns.len(), 15);
}

#[test]
fn keys_are_unique_per_table() {
    for v in ALL_VERSIONS {
        for id in TableId::ALL {
            let t = v.template().table(id);
            let mut keys: Vec<_> = t.rows.iter().map(|r| r.key).collect();
            keys.sort();
            keys.dedup();
            assert_eq!(keys.len(), t.rows.len());
        }
    }
}

#[test]
fn roles() {
    let t3 = &TEMPLATE_2021.t3;
    assert_eq!(
        t3.row("processed_total").unwrap().role,
        RowRole::ResultTotal
    );
    let results = t3.rows.iter().filter(|r| r.role == RowRole::Result).count();
    assert_eq!(results, 21);
    assert_eq!(
        TEMPLATE_2019
            .t3
            .rows
            .iter()
            .filter(|r| r.role == RowRole::Result)
            .count(),
        19
    );
}

#[test]
fn table_4_groups_come_from_the_key_prefixes() {
    for v in ALL_VERSIONS {
        let row = &v.template().t4.rows[0];
        let groups = row.groups();
        let keys: Vec<_> = groups.iter().map(|g| g.key).collect();
        assert_eq!(keys, ["review", "suit_direct", "suit_after_review"]);
        let names: Vec<_> = groups.iter().map(|g| g.name).collect();
        assert_eq!(names, ["行政复议", "未经复议直接起诉", "复议后起诉"]);
        for (gi, g) in groups.iter().enumerate() {
            assert_eq!((g.start, g.columns.len()), (gi * 5, 5), "{}", g.key);
            assert_eq!(g.parts, (g.start..g.start + 4).collect::<Vec<_>>());
            assert_eq!(g.total, Some(g.start + 4));
            let total = g.total_column().unwrap();
            assert_eq!(total.key, format!("{}.total", g.key));
            assert_eq!(row.columns[g.total.unwrap()], *total);
            let part_names: Vec<_> = g.parts.iter().map(|&i| row.columns[i].name()).collect();
            assert_eq!(part_names, ["upheld", "corrected", "other", "pending"]);
            assert_eq!(g.index("corrected"), Some(g.start + 1));
            assert_eq!(g.index("pending"), Some(g.start + 3));
            assert_eq!(
                g.column("pending").unwrap().key,
                format!("{}.pending", g.key)
            );
            assert_eq!(g.index("missing"), None);
        }
    }
}

#[test]
fn groups_split_where_the_prefix_changes() {
    static COLS: [Column; 5] = [
        col("a.x", "甲·x", "x", Count),
        total("a.total", "甲·总计", "总"),
        col("b.x", "乙·x", "x", Count),
        col("c", "丙", "丙", Count),
        col("d", "丁", "丁", Count),
    ];
    let g = column_groups(&COLS);
    let shape: Vec<_> = g
        .iter()
        .map(|g| (g.key, g.name, g.start, g.columns.len(), g.total))
        .collect();
    assert_eq!(
        shape,
        [
            ("a", "甲", 0, 2, Some(1)),
            ("b", "乙", 2, 1, None),
            ("", "", 3, 2, None),
        ]
    );
    assert_eq!(g[2].parts, [3, 4]);
}

#[test]
fn table_3_parts_and_total_come_from_the_roles() {
    for v in ALL_VERSIONS {
        for row in v.template().t3.rows {
            assert_eq!(row.parts(), [0, 1, 2, 3, 4, 5], "{}", row.key);
            assert_eq!(row.total(), Some(6), "{}", row.key);
            assert_eq!(row.total_column().unwrap().1.label, "总计");
            let g = row.groups();
            assert_eq!(g.len(), 1);
            assert_eq!((g[0].key, g[0].parts.len(), g[0].total), ("", 6, Some(6)));
        }
        // Table 2 has no total column: 对外公开总数量 is a count of its own.
        for row in v.template().t2.rows {
            assert!(row.columns.iter().all(|c| c.role == ColumnRole::Part));
            assert_eq!(row.total(), None, "{}", row.key);
        }
        let t4 = &v.template().t4.rows[0];
        let totals: Vec<_> = t4
            .columns
            .iter()
            .filter(|c| c.role == ColumnRole::Total)
            .map(|c| c.key)
            .collect();
        assert_eq!(
            totals,
            [
                "review.total",
                "suit_direct.total",
                "suit_after_review.total"
            ]
        );
    }
}

#[test]
fn sections_are_numbered_titled_and_hold_their_tables() {
    let numerals: String = SECTIONS.iter().map(|s| s.numeral).collect();
    assert_eq!(numerals, "一二三四五六");
    for (i, s) in SECTIONS.iter().enumerate() {
        assert_eq!(usize::from(s.number), i + 1);
        assert_eq!(section(s.number), Some(s));
        assert_eq!(section_by_numeral(s.numeral), Some(s));
        for t in std::iter::once(&s.title)
            .chain(s.variants)
            .chain([&s.short])
        {
            assert!(t.starts_with(&format!("{}、", s.numeral)), "{t}");
            assert!(s.keywords.iter().any(|k| t.contains(k)), "{t}");
        }
    }
    assert_eq!(section(7), None);
    assert_eq!(section_by_numeral('七'), None);
    assert_eq!(SECTIONS[3].title, "四、政府信息公开行政复议、行政诉讼情况");
    assert_eq!(SECTIONS[3].short, "四、行政复议、行政诉讼情况");
    let with_tables: Vec<_> = SECTIONS
        .iter()
        .filter_map(|s| s.table.map(|t| (s.number, t)))
        .collect();
    assert_eq!(
        with_tables,
        [(2, TableId::T2), (3, TableId::T3), (4, TableId::T4)]
    );
    for id in TableId::ALL {
        assert_eq!(section_of(id).table, Some(id));
        assert_eq!(id.section(), section_of(id).number);
    }
}

#[test]
fn header_words_are_table_header_text() {
    for v in ALL_VERSIONS {
        let t = v.template();
        // Table 4's header words are its group and outcome labels.
        let labels: String = t.t4.rows[0].columns.iter().map(|c| c.label).collect();
        for w in t.t4.header_words {
            assert!(
                labels.contains(w) || *w == "行政诉讼",
                "table 4 header word {w}"
            );
        }
        for id in TableId::ALL {
            let def = t.table(id);
            assert!(!def.header_words.is_empty() && !def.printed.is_empty());
        }
    }
}

#[test]
fn the_version_of_a_report() {
    use TemplateVersion::{V2019, V2021};
    assert_eq!(TemplateVersion::known(None, None), None);
    assert_eq!(TemplateVersion::known(None, Some(2020)), Some(V2019));
    assert_eq!(TemplateVersion::known(None, Some(2021)), Some(V2021));
    // What the tables show wins over the year.
    assert_eq!(TemplateVersion::known(Some(V2019), Some(2022)), Some(V2019));
    assert_eq!(
        TemplateVersion::resolve(None, None),
        TemplateVersion::DEFAULT
    );
    assert_eq!(TemplateVersion::resolve(None, Some(2019)), V2019);
    assert_eq!(TemplateVersion::DEFAULT, V2021);
}
