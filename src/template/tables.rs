//! The rows and columns of tables 2, 3 and 4 in both template versions, as data.

use super::*;

// ---- table 2 -------------------------------------------------------------------------

pub(super) const T2_2019_DOCS: &[Column] = &[
    col("made", "本年新制作数量", "新制作", Count),
    col("published", "本年新公开数量", "新公开", Count),
    col("total_public", "对外公开总数量", "公开总数", Count),
];
pub(super) const T2_2019_ITEMS: &[Column] = &[
    col("previous", "上一年项目数量", "上年项目", Count),
    col("change", "本年增/减", "增/减", Signed),
    col("decisions", "处理决定数量", "处理决定", Count),
];
pub(super) const T2_2019_FEES: &[Column] = &[
    col("previous", "上一年项目数量", "上年项目", Count),
    col("change", "本年增/减", "增/减", Signed),
];
pub(super) const T2_2019_PROCUREMENT: &[Column] = &[
    col("projects", "采购项目数量", "采购项目", Count),
    col("amount", "采购总金额", "采购金额", Amount),
];
pub(super) const T2_2021_DOCS: &[Column] = &[
    col("issued", "本年制发件数", "制发", Count),
    col("repealed", "本年废止件数", "废止", Count),
    col("in_force", "现行有效件数", "现行有效", Count),
];
pub(super) const T2_2021_DECISIONS: &[Column] =
    &[col("decisions", "本年处理决定数量", "处理决定", Count)];
pub(super) const T2_2021_FEES: &[Column] = &[col(
    "amount",
    "本年收费金额（单位：万元）",
    "收费金额",
    Amount,
)];

pub(super) const G1: Option<&str> = Some("第二十条第（一）项");
pub(super) const G5: Option<&str> = Some("第二十条第（五）项");
pub(super) const G6: Option<&str> = Some("第二十条第（六）项");
pub(super) const G8: Option<&str> = Some("第二十条第（八）项");
pub(super) const G9: Option<&str> = Some("第二十条第（九）项");

pub(super) const fn t2row(
    key: &'static str,
    label: &'static str,
    group: Option<&'static str>,
    variants: &'static [&'static str],
    columns: &'static [Column],
) -> RowDef {
    RowDef {
        key,
        label,
        group,
        variants,
        columns,
        role: RowRole::Plain,
    }
}

pub(super) const T2_2019_ROWS: &[RowDef] = &[
    t2row("regulations", "规章", G1, &[], T2_2019_DOCS),
    t2row(
        "normative_documents",
        "规范性文件",
        G1,
        &["行政规范性文件"],
        T2_2019_DOCS,
    ),
    t2row("licensing", "行政许可", G5, &[], T2_2019_ITEMS),
    t2row(
        "other_services",
        "其他对外管理服务事项",
        G5,
        &[],
        T2_2019_ITEMS,
    ),
    t2row("punishment", "行政处罚", G6, &[], T2_2019_ITEMS),
    t2row("coercion", "行政强制", G6, &[], T2_2019_ITEMS),
    t2row("fees", "行政事业性收费", G8, &[], T2_2019_FEES),
    t2row("procurement", "政府集中采购", G9, &[], T2_2019_PROCUREMENT),
];

pub(super) const T2_2021_ROWS: &[RowDef] = &[
    t2row("regulations", "规章", G1, &[], T2_2021_DOCS),
    t2row(
        "normative_documents",
        "行政规范性文件",
        G1,
        &["规范性文件"],
        T2_2021_DOCS,
    ),
    t2row("licensing", "行政许可", G5, &[], T2_2021_DECISIONS),
    t2row("punishment", "行政处罚", G6, &[], T2_2021_DECISIONS),
    t2row("coercion", "行政强制", G6, &[], T2_2021_DECISIONS),
    t2row("fees", "行政事业性收费", G8, &[], T2_2021_FEES),
];

/// Words of table 2's own header.
pub(super) const T2_HEADER_WORDS: &[&str] = &["第二十条第", "信息内容"];

/// Table 2 is printed: its 第二十条 groups with a row label.
pub(super) const T2_PRINTED: &[&[&str]] = &[&["第二十条", "规章"], &["第二十条", "行政许可"]];

// ---- table 3 -------------------------------------------------------------------------

pub(super) const T3_COLUMNS: &[Column] = &[
    col("natural", "自然人", "自然人", Count),
    col("commercial", "商业企业", "商业", Count),
    col("research", "科研机构", "科研", Count),
    col("social", "社会公益组织", "公益", Count),
    col("legal", "法律服务机构", "法律", Count),
    col("other", "其他", "其他", Count),
    total("total", "总计", "总计"),
];

pub(super) const fn t3row(
    key: &'static str,
    label: &'static str,
    group: Option<&'static str>,
    variants: &'static [&'static str],
    role: RowRole,
) -> RowDef {
    RowDef {
        key,
        label,
        group,
        variants,
        columns: T3_COLUMNS,
        role,
    }
}

pub(super) const R3: Option<&str> = Some("三、本年度办理结果");
pub(super) const D3: Option<&str> = Some("（三）不予公开");
pub(super) const U4: Option<&str> = Some("（四）无法提供");
pub(super) const P5: Option<&str> = Some("（五）不予处理");
pub(super) const O6: Option<&str> = Some("（六）其他处理");

use RowRole::{CarriedForward, Input, Result as Res, ResultTotal};

pub(super) const T3_COMMON_HEAD: [RowDef; 20] = [
    t3row("new", "一、本年新收政府信息公开申请数量", None, &[], Input),
    t3row(
        "carried_over",
        "二、上年结转政府信息公开申请数量",
        None,
        &[],
        Input,
    ),
    t3row("granted", "（一）予以公开", R3, &[], Res),
    t3row(
        "partial",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        R3,
        &["（二）部分公开"],
        Res,
    ),
    t3row("denied_secret", "1.属于国家秘密", D3, &[], Res),
    t3row("denied_law", "2.其他法律行政法规禁止公开", D3, &[], Res),
    t3row(
        "denied_security",
        "3.危及“三安全一稳定”",
        D3,
        &["3.危及三安全一稳定"],
        Res,
    ),
    t3row("denied_third_party", "4.保护第三方合法权益", D3, &[], Res),
    t3row("denied_internal", "5.属于三类内部事务信息", D3, &[], Res),
    t3row("denied_process", "6.属于四类过程性信息", D3, &[], Res),
    t3row("denied_enforcement", "7.属于行政执法案卷", D3, &[], Res),
    t3row("denied_query", "8.属于行政查询事项", D3, &[], Res),
    t3row("unable_no_info", "1.本机关不掌握相关政府信息", U4, &[], Res),
    t3row(
        "unable_needs_creation",
        "2.没有现成信息需要另行制作",
        U4,
        &[],
        Res,
    ),
    t3row("unable_unclear", "3.补正后申请内容仍不明确", U4, &[], Res),
    t3row("refused_complaint", "1.信访举报投诉类申请", P5, &[], Res),
    t3row("refused_repeat", "2.重复申请", P5, &[], Res),
    t3row("refused_publication", "3.要求提供公开出版物", P5, &[], Res),
    t3row("refused_massive", "4.无正当理由大量反复申请", P5, &[], Res),
    t3row(
        "refused_confirm",
        "5.要求行政机关确认或重新出具已获取信息",
        P5,
        &[],
        Res,
    ),
];

pub(super) const T3_TAIL: [RowDef; 2] = [
    t3row("processed_total", "（七）总计", R3, &[], ResultTotal),
    t3row(
        "carried_forward",
        "四、结转下年度继续办理",
        None,
        &[],
        CarriedForward,
    ),
];

pub(super) const fn concat_rows<const A: usize, const B: usize, const C: usize, const N: usize>(
    a: [RowDef; A],
    b: [RowDef; B],
    c: [RowDef; C],
) -> [RowDef; N] {
    let mut out = [a[0]; N];
    let mut i = 0;
    while i < A {
        out[i] = a[i];
        i += 1;
    }
    let mut j = 0;
    while j < B {
        out[A + j] = b[j];
        j += 1;
    }
    let mut k = 0;
    while k < C {
        out[A + B + k] = c[k];
        k += 1;
    }
    out
}

pub(super) const T3_2019_ROWS_ARR: [RowDef; 23] = concat_rows(
    T3_COMMON_HEAD,
    [t3row("other", "（六）其他处理", R3, &[], Res)],
    T3_TAIL,
);
pub(super) const T3_2021_ROWS_ARR: [RowDef; 25] = concat_rows(
    T3_COMMON_HEAD,
    [
        t3row(
            "other_uncorrected",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            O6,
            &[],
            Res,
        ),
        t3row(
            "other_unpaid",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            O6,
            &[],
            Res,
        ),
        t3row("other_misc", "3.其他", O6, &[], Res),
    ],
    T3_TAIL,
);
pub(super) const T3_2019_ROWS: &[RowDef] = &T3_2019_ROWS_ARR;
pub(super) const T3_2021_ROWS: &[RowDef] = &T3_2021_ROWS_ARR;

/// Words of table 3's own header (and of its first rows, which a header may be lost
/// before).
pub(super) const T3_HEADER_WORDS: &[&str] = &["本年新收", "勾稽关系", "申请人情况", "上年结转"];

/// Table 3 is printed: its input rows, or its result rows with 总计.
pub(super) const T3_PRINTED: &[&[&str]] =
    &[&["本年新收", "上年结转"], &["予以公开", "部分公开", "总计"]];

// ---- table 4 -------------------------------------------------------------------------

pub(super) const T4_COLUMNS: &[Column] = &[
    col("review.upheld", "行政复议·结果维持", "复议维持", Count),
    col("review.corrected", "行政复议·结果纠正", "复议纠正", Count),
    col("review.other", "行政复议·其他结果", "复议其他", Count),
    col("review.pending", "行政复议·尚未审结", "复议未结", Count),
    total("review.total", "行政复议·总计", "复议总计"),
    col(
        "suit_direct.upheld",
        "未经复议直接起诉·结果维持",
        "直诉维持",
        Count,
    ),
    col(
        "suit_direct.corrected",
        "未经复议直接起诉·结果纠正",
        "直诉纠正",
        Count,
    ),
    col(
        "suit_direct.other",
        "未经复议直接起诉·其他结果",
        "直诉其他",
        Count,
    ),
    col(
        "suit_direct.pending",
        "未经复议直接起诉·尚未审结",
        "直诉未结",
        Count,
    ),
    total("suit_direct.total", "未经复议直接起诉·总计", "直诉总计"),
    col(
        "suit_after_review.upheld",
        "复议后起诉·结果维持",
        "复后维持",
        Count,
    ),
    col(
        "suit_after_review.corrected",
        "复议后起诉·结果纠正",
        "复后纠正",
        Count,
    ),
    col(
        "suit_after_review.other",
        "复议后起诉·其他结果",
        "复后其他",
        Count,
    ),
    col(
        "suit_after_review.pending",
        "复议后起诉·尚未审结",
        "复后未结",
        Count,
    ),
    total("suit_after_review.total", "复议后起诉·总计", "复后总计"),
];

pub(super) const T4_ROWS: &[RowDef] = &[RowDef {
    key: "all",
    label: "行政复议、行政诉讼",
    group: None,
    variants: &[],
    columns: T4_COLUMNS,
    role: RowRole::Plain,
}];

/// Words of table 4's own header.
pub(super) const T4_HEADER_WORDS: &[&str] = &[
    "结果维持",
    "尚未审结",
    "复议后起诉",
    "未经复议",
    "结果纠正",
    "行政复议",
    "行政诉讼",
];

/// Table 4 is printed: its groups with 尚未审结, or its outcome columns.
pub(super) const T4_PRINTED: &[&[&str]] = &[
    &["行政复议", "行政诉讼", "尚未审结"],
    &["结果维持", "结果纠正"],
];
