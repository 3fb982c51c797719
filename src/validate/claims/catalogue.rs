//! The catalogue of text-vs-table statements: one entry per phrasing (see [`super`]).

use super::{Claim, Group, Matcher, Reading, phrase};
use crate::template::TableId;
use crate::validate::consistency::applications_stated;
use crate::validate::ids::{C01, C02, C06};

macro_rules! reading {
    ($name:expr, [$(($row:expr, $col:expr)),+ $(,)?]) => {
        Reading { name: $name, cells: &[$(($row, $col)),+] }
    };
}

macro_rules! claim {
    ($rule:expr, $said:expr, $matcher:expr, $pre:expr, $table:expr, [$($reading:expr),+ $(,)?]) => {
        Claim {
            rule: $rule,
            said: $said,
            matcher: $matcher,
            prefilter: $pre,
            table: $table,
            readings: &[$($reading),+],
        }
    };
}

const DENIED: [(&str, &str); 8] = [
    ("denied_secret", "total"),
    ("denied_law", "total"),
    ("denied_security", "total"),
    ("denied_third_party", "total"),
    ("denied_internal", "total"),
    ("denied_process", "total"),
    ("denied_enforcement", "total"),
    ("denied_query", "total"),
];

use TableId::{T2, T3, T4};

/// The catalogue, in rule order. One line of data per phrasing (kept so by
/// `rustfmt::skip`).
#[rustfmt::skip]
pub static CLAIMS: &[Claim] = &[
    claim!(C01, "收到申请", Matcher::Custom(applications_stated), &['申'], T3, [reading!("表三“一、本年新收”总计", [("new", "total")])]),
    claim!(C02, "行政复议", Matcher::Cases(Group::Review), &['复', '诉'], T4, [reading!("表四行政复议总计", [("all", "review.total")])]),
    claim!(C02, "行政诉讼", Matcher::Cases(Group::Suit), &['复', '诉'], T4, [reading!("表四两类行政诉讼总计之和", [("all", "suit_direct.total"), ("all", "suit_after_review.total")])]),
    claim!(C06, "上年结转", phrase(&["上年结转"]), &['结'], T3, [reading!("表三“二、上年结转”总计", [("carried_over", "total")])]),
    claim!(C06, "结转下年度", phrase(&["结转下年"]), &['结'], T3, [reading!("表三“四、结转下年度继续办理”总计", [("carried_forward", "total")])]),
    claim!(C06, "结转下年度", phrase(&["结转下一年"]), &['结'], T3, [reading!("表三“四、结转下年度继续办理”总计", [("carried_forward", "total")])]),
    claim!(C06, "予以公开", phrase(&["予以公开"]), &['予'], T3, [reading!("表三“（一）予以公开”总计", [("granted", "total")])]),
    claim!(C06, "部分公开", phrase(&["部分公开"]), &['部'], T3, [reading!("表三“（二）部分公开”总计", [("partial", "total")])]),
    claim!(C06, "不予公开", phrase(&["不予公开"]), &['予'], T3, [Reading { name: "表三“（三）不予公开”八项总计之和", cells: &DENIED }]),
    claim!(C06, "无法提供", phrase(&["无法提供"]), &['提'], T3, [reading!("表三“（四）无法提供”三项总计之和", [("unable_no_info", "total"), ("unable_needs_creation", "total"), ("unable_unclear", "total")])]),
    claim!(C06, "不予处理", phrase(&["不予处理"]), &['处'], T3, [reading!("表三“（五）不予处理”五项总计之和", [("refused_complaint", "total"), ("refused_repeat", "total"), ("refused_publication", "total"), ("refused_massive", "total"), ("refused_confirm", "total")])]),
    claim!(C06, "办理申请", phrase(&["办理", "申请"]), &['办'], T3, [reading!("若指本年办理，表三“（七）总计”总计", [("processed_total", "total")]), reading!("若含上年结转，表三“一、本年新收”与“二、上年结转”总计之和", [("new", "total"), ("carried_over", "total")])]),
    claim!(C06, "未经复议直接起诉", phrase(&["直接起诉"]), &['诉'], T4, [reading!("表四“未经复议直接起诉”总计", [("all", "suit_direct.total")])]),
    claim!(C06, "复议后起诉", phrase(&["复议后起诉"]), &['诉'], T4, [reading!("表四“复议后起诉”总计", [("all", "suit_after_review.total")])]),
    claim!(C06, "行政复议维持", Matcher::Phrase { words: &["复议", "维持"], unless: &["诉讼", "起诉"] }, &['维'], T4, [reading!("表四行政复议“结果维持”", [("all", "review.upheld")])]),
    claim!(C06, "行政复议纠正", Matcher::Phrase { words: &["复议", "纠正"], unless: &["诉讼", "起诉"] }, &['纠'], T4, [reading!("表四行政复议“结果纠正”", [("all", "review.corrected")])]),
    claim!(C06, "制发行政规范性文件", phrase(&["制发", "规范性文件"]), &['规'], T2, [reading!("表二行政规范性文件“本年制发件数”", [("normative_documents", "issued")])]),
    claim!(C06, "废止行政规范性文件", phrase(&["废止", "规范性文件"]), &['规'], T2, [reading!("表二行政规范性文件“本年废止件数”", [("normative_documents", "repealed")])]),
    claim!(C06, "现行有效行政规范性文件", phrase(&["现行有效", "规范性文件"]), &['规'], T2, [reading!("表二行政规范性文件“现行有效件数”", [("normative_documents", "in_force")])]),
    claim!(C06, "行政许可决定", phrase(&["行政许可", "决定"]), &['许'], T2, [reading!("表二行政许可“本年处理决定数量”", [("licensing", "decisions")])]),
    claim!(C06, "行政处罚决定", phrase(&["行政处罚", "决定"]), &['罚'], T2, [reading!("表二行政处罚“本年处理决定数量”", [("punishment", "decisions")])]),
];
