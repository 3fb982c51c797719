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
