//! The national template as data: table, row and column keys, labels and label variants for
//! both template versions. The parser and the validator both read from here; a new template
//! version is one more set of tables below.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum TemplateVersion {
    #[serde(rename = "2019")]
    V2019,
    #[serde(rename = "2021")]
    V2021,
}

impl TemplateVersion {
    pub fn as_str(self) -> &'static str {
        match self {
            TemplateVersion::V2019 => "2019",
            TemplateVersion::V2021 => "2021",
        }
    }

    /// The version the template rules prescribe for a report year.
    pub fn for_year(year: i32) -> TemplateVersion {
        if year >= 2021 {
            TemplateVersion::V2021
        } else {
            TemplateVersion::V2019
        }
    }

    pub fn template(self) -> &'static Template {
        match self {
            TemplateVersion::V2019 => &TEMPLATE_2019,
            TemplateVersion::V2021 => &TEMPLATE_2021,
        }
    }
}

impl fmt::Display for TemplateVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum TableId {
    #[serde(rename = "t2")]
    T2,
    #[serde(rename = "t3")]
    T3,
    #[serde(rename = "t4")]
    T4,
}

impl TableId {
    pub const ALL: [TableId; 3] = [TableId::T2, TableId::T3, TableId::T4];

    pub fn key(self) -> &'static str {
        match self {
            TableId::T2 => "t2",
            TableId::T3 => "t3",
            TableId::T4 => "t4",
        }
    }

    /// The section the table belongs to.
    pub fn section(self) -> u8 {
        match self {
            TableId::T2 => 2,
            TableId::T3 => 3,
            TableId::T4 => 4,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            TableId::T2 => "表二 主动公开政府信息情况",
            TableId::T3 => "表三 收到和处理政府信息公开申请情况",
            TableId::T4 => "表四 行政复议、行政诉讼情况",
        }
    }

    pub fn parse(s: &str) -> Option<TableId> {
        match s {
            "t2" | "T2" | "2" => Some(TableId::T2),
            "t3" | "T3" | "3" => Some(TableId::T3),
            "t4" | "T4" | "4" => Some(TableId::T4),
            _ => None,
        }
    }
}

impl fmt::Display for TableId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// What kind of quantity a column holds, for A05 and unit handling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// A non-negative whole count.
    Count,
    /// A signed change (`本年增/减`).
    Signed,
    /// A money amount, may be fractional; unit 万元 unless the text says otherwise.
    Amount,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub key: &'static str,
    pub label: &'static str,
    /// Short label for narrow screens.
    pub short: &'static str,
    pub kind: ColumnKind,
}

/// The role a table 3 row plays in the arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowRole {
    /// Table 2 rows and table 4: no row arithmetic.
    Plain,
    /// 一、本年新收 / 二、上年结转.
    Input,
    /// （一）…（六）: one of the results summed into （七）总计.
    Result,
    /// （七）总计.
    ResultTotal,
    /// 四、结转下年度继续办理.
    CarriedForward,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowDef {
    pub key: &'static str,
    /// The label as in the template (without the group heading).
    pub label: &'static str,
    /// The heading this row sits under, e.g. `（三）不予公开` or `第二十条第（一）项`.
    pub group: Option<&'static str>,
    /// Other ways the label is written in real reports.
    pub variants: &'static [&'static str],
    pub columns: &'static [Column],
    pub role: RowRole,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableDef {
    pub id: TableId,
    pub rows: &'static [RowDef],
    /// Text that identifies the table's header area (not row labels).
    pub header_words: &'static [&'static str],
}

impl TableDef {
    pub fn row(&self, key: &str) -> Option<&'static RowDef> {
        self.rows.iter().find(|r| r.key == key)
    }

    pub fn row_index(&self, key: &str) -> Option<usize> {
        self.rows.iter().position(|r| r.key == key)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template {
    pub version: TemplateVersion,
    pub t2: TableDef,
    pub t3: TableDef,
    pub t4: TableDef,
    /// Header words that only this version's tables use; used to detect the version.
    pub markers: &'static [&'static str],
}

impl Template {
    pub fn table(&self, id: TableId) -> &TableDef {
        match id {
            TableId::T2 => &self.t2,
            TableId::T3 => &self.t3,
            TableId::T4 => &self.t4,
        }
    }
}

const fn col(
    key: &'static str,
    label: &'static str,
    short: &'static str,
    kind: ColumnKind,
) -> Column {
    Column {
        key,
        label,
        short,
        kind,
    }
}

use ColumnKind::{Amount, Count, Signed};

// ---- table 2 -------------------------------------------------------------------------

const T2_2019_DOCS: &[Column] = &[
    col("made", "本年新制作数量", "新制作", Count),
    col("published", "本年新公开数量", "新公开", Count),
    col("total_public", "对外公开总数量", "公开总数", Count),
];
const T2_2019_ITEMS: &[Column] = &[
    col("previous", "上一年项目数量", "上年项目", Count),
    col("change", "本年增/减", "增/减", Signed),
    col("decisions", "处理决定数量", "处理决定", Count),
];
const T2_2019_FEES: &[Column] = &[
    col("previous", "上一年项目数量", "上年项目", Count),
    col("change", "本年增/减", "增/减", Signed),
];
const T2_2019_PROCUREMENT: &[Column] = &[
    col("projects", "采购项目数量", "采购项目", Count),
    col("amount", "采购总金额", "采购金额", Amount),
];
const T2_2021_DOCS: &[Column] = &[
    col("issued", "本年制发件数", "制发", Count),
    col("repealed", "本年废止件数", "废止", Count),
    col("in_force", "现行有效件数", "现行有效", Count),
];
const T2_2021_DECISIONS: &[Column] = &[col("decisions", "本年处理决定数量", "处理决定", Count)];
const T2_2021_FEES: &[Column] = &[col(
    "amount",
    "本年收费金额（单位：万元）",
    "收费金额",
    Amount,
)];

const G1: Option<&str> = Some("第二十条第（一）项");
const G5: Option<&str> = Some("第二十条第（五）项");
const G6: Option<&str> = Some("第二十条第（六）项");
const G8: Option<&str> = Some("第二十条第（八）项");
const G9: Option<&str> = Some("第二十条第（九）项");

const fn t2row(
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

const T2_2019_ROWS: &[RowDef] = &[
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

const T2_2021_ROWS: &[RowDef] = &[
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

const T2_HEADER_WORDS: &[&str] = &[
    "信息内容",
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "处理决定数量",
    "采购项目数量",
    "采购总金额",
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额",
];

// ---- table 3 -------------------------------------------------------------------------

const T3_COLUMNS: &[Column] = &[
    col("natural", "自然人", "自然人", Count),
    col("commercial", "商业企业", "商业", Count),
    col("research", "科研机构", "科研", Count),
    col("social", "社会公益组织", "公益", Count),
    col("legal", "法律服务机构", "法律", Count),
    col("other", "其他", "其他", Count),
    col("total", "总计", "总计", Count),
];

const fn t3row(
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

const R3: Option<&str> = Some("三、本年度办理结果");
const D3: Option<&str> = Some("（三）不予公开");
const U4: Option<&str> = Some("（四）无法提供");
const P5: Option<&str> = Some("（五）不予处理");
const O6: Option<&str> = Some("（六）其他处理");

use RowRole::{CarriedForward, Input, Result as Res, ResultTotal};

const T3_COMMON_HEAD: [RowDef; 20] = [
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

const T3_TAIL: [RowDef; 2] = [
    t3row("processed_total", "（七）总计", R3, &[], ResultTotal),
    t3row(
        "carried_forward",
        "四、结转下年度继续办理",
        None,
        &[],
        CarriedForward,
    ),
];

const fn concat_rows<const A: usize, const B: usize, const C: usize, const N: usize>(
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

const T3_2019_ROWS_ARR: [RowDef; 23] = concat_rows(
    T3_COMMON_HEAD,
    [t3row("other", "（六）其他处理", R3, &[], Res)],
    T3_TAIL,
);
const T3_2021_ROWS_ARR: [RowDef; 25] = concat_rows(
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
const T3_2019_ROWS: &[RowDef] = &T3_2019_ROWS_ARR;
const T3_2021_ROWS: &[RowDef] = &T3_2021_ROWS_ARR;

const T3_HEADER_WORDS: &[&str] = &[
    "本列数据的勾稽关系",
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];

// ---- table 4 -------------------------------------------------------------------------

const T4_COLUMNS: &[Column] = &[
    col("review.upheld", "行政复议·结果维持", "复议维持", Count),
    col("review.corrected", "行政复议·结果纠正", "复议纠正", Count),
    col("review.other", "行政复议·其他结果", "复议其他", Count),
    col("review.pending", "行政复议·尚未审结", "复议未结", Count),
    col("review.total", "行政复议·总计", "复议总计", Count),
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
    col(
        "suit_direct.total",
        "未经复议直接起诉·总计",
        "直诉总计",
        Count,
    ),
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
    col(
        "suit_after_review.total",
        "复议后起诉·总计",
        "复后总计",
        Count,
    ),
];

/// The groups of table 4, each with its four parts and its total (column indices).
pub const T4_GROUPS: &[(&str, &str, [usize; 4], usize)] = &[
    ("review", "行政复议", [0, 1, 2, 3], 4),
    ("suit_direct", "未经复议直接起诉", [5, 6, 7, 8], 9),
    ("suit_after_review", "复议后起诉", [10, 11, 12, 13], 14),
];

const T4_ROWS: &[RowDef] = &[RowDef {
    key: "all",
    label: "行政复议、行政诉讼",
    group: None,
    variants: &[],
    columns: T4_COLUMNS,
    role: RowRole::Plain,
}];

const T4_HEADER_WORDS: &[&str] = &[
    "行政复议",
    "行政诉讼",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
    "未经复议直接起诉",
    "复议后起诉",
];

pub static TEMPLATE_2019: Template = Template {
    version: TemplateVersion::V2019,
    t2: TableDef {
        id: TableId::T2,
        rows: T2_2019_ROWS,
        header_words: T2_HEADER_WORDS,
    },
    t3: TableDef {
        id: TableId::T3,
        rows: T3_2019_ROWS,
        header_words: T3_HEADER_WORDS,
    },
    t4: TableDef {
        id: TableId::T4,
        rows: T4_ROWS,
        header_words: T4_HEADER_WORDS,
    },
    markers: &[
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "本年增/减",
        "政府集中采购",
        "采购总金额",
        "采购项目数量",
        "第二十条第(九)项",
    ],
};

pub static TEMPLATE_2021: Template = Template {
    version: TemplateVersion::V2021,
    t2: TableDef {
        id: TableId::T2,
        rows: T2_2021_ROWS,
        header_words: T2_HEADER_WORDS,
    },
    t3: TableDef {
        id: TableId::T3,
        rows: T3_2021_ROWS,
        header_words: T3_HEADER_WORDS,
    },
    t4: TableDef {
        id: TableId::T4,
        rows: T4_ROWS,
        header_words: T4_HEADER_WORDS,
    },
    markers: &[
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额",
        "逾期不补正",
        "缴纳费用",
    ],
};

pub const ALL_VERSIONS: [TemplateVersion; 2] = [TemplateVersion::V2019, TemplateVersion::V2021];

/// The six standard section titles.
pub const SECTION_TITLES: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

#[cfg(test)]
mod tests;
