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

mod tables;
pub use tables::T4_GROUPS;
use tables::*;

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
