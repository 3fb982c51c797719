//! The ids of the rule catalogue, as typed constants: a rule is named by its constant
//! (`ids::A01`), so an id that is not in the catalogue does not compile.

use crate::model::RuleId;

macro_rules! rule_ids {
    ($($id:ident),+ $(,)?) => {
        $(pub const $id: RuleId = RuleId::new(stringify!($id));)+
        /// Every id, in catalogue order.
        pub const ALL: [RuleId; [$(stringify!($id)),+].len()] = [$($id),+];
    };
}

rule_ids!(
    S01, S02, S03, S04, S05, S06, S07, S08, S09, S10, S11, A01, A02, A03, A04, A05, C01, C02, C03,
    C04, C05, C06, C07, T01, T02, T03, X01, X02, X03, P01, R01, R02, R03, R04,
);
