//! The national template as data: the six sections, table, row and column keys, labels and
//! label variants, column roles and groups, header words, for both template versions. The
//! parser, the validator and the views all read from here; a new template version is one
//! more set of tables in `tables.rs` and one more [`Template`] below.

use serde::Serialize;
use std::fmt;

mod sections;
pub use sections::{SECTIONS, SectionDef, section, section_by_numeral, section_of};

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

    /// The version a report is read with when neither its tables nor its year say which.
    pub const DEFAULT: TemplateVersion = TemplateVersion::V2021;

    /// The version the template rules prescribe for a report year.
    pub fn for_year(year: i32) -> TemplateVersion {
        if year >= 2021 {
            TemplateVersion::V2021
        } else {
            TemplateVersion::V2019
        }
    }

    /// The version a report follows, if anything says: the one its tables show, else the one
    /// its year prescribes.
    pub fn known(detected: Option<TemplateVersion>, year: Option<i32>) -> Option<TemplateVersion> {
        detected.or_else(|| year.map(TemplateVersion::for_year))
    }

    /// [`TemplateVersion::known`], else [`TemplateVersion::DEFAULT`]: the version a report's
    /// tables are read, checked and shown with.
    pub fn resolve(detected: Option<TemplateVersion>, year: Option<i32>) -> TemplateVersion {
        TemplateVersion::known(detected, year).unwrap_or(TemplateVersion::DEFAULT)
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

    /// The number of the section the table belongs to.
    pub fn section(self) -> u8 {
        section_of(self).number
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

/// The role a column plays in its row's arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnRole {
    /// A value of its own (table 3's applicant kinds, table 4's outcomes, every table 2
    /// column).
    Part,
    /// The sum of the parts of its group (table 3's 总计, table 4's three `.total`).
    Total,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// `group.name` when the column belongs to a group of the row (table 4), else `name`.
    pub key: &'static str,
    /// `组名·列名` when the column belongs to a group, else the column's label.
    pub label: &'static str,
    /// Short label for narrow screens.
    pub short: &'static str,
    pub kind: ColumnKind,
    pub role: ColumnRole,
}

impl Column {
    /// The group the key names (`review` of `review.upheld`); empty when it names none.
    pub fn group(&self) -> &'static str {
        self.key.split_once('.').map_or("", |(g, _)| g)
    }

    /// The key within the group (`upheld` of `review.upheld`).
    pub fn name(&self) -> &'static str {
        self.key.split_once('.').map_or(self.key, |(_, n)| n)
    }
}

/// A run of a row's columns whose keys share a group prefix (table 4's `review.*`,
/// `suit_direct.*`, `suit_after_review.*`), or all of a row's columns when its keys have
/// none (table 3): its parts, summed into its total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnGroup {
    /// The key prefix (`review`); empty for a row without groups.
    pub key: &'static str,
    /// The group's name as the labels write it (`行政复议`); empty for a row without groups.
    pub name: &'static str,
    /// Index of the group's first column in the row.
    pub start: usize,
    /// The group's columns.
    pub columns: &'static [Column],
    /// Row column indices of the parts, in template order.
    pub parts: Vec<usize>,
    /// Row column index of the total, if the group has one.
    pub total: Option<usize>,
}

impl ColumnGroup {
    /// Row column index of the group's column named `name` (`corrected`).
    pub fn index(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.name() == name)
            .map(|i| self.start + i)
    }

    /// The group's column named `name`.
    pub fn column(&self, name: &str) -> Option<&'static Column> {
        self.columns.iter().find(|c| c.name() == name)
    }

    /// The group's total column.
    pub fn total_column(&self) -> Option<&'static Column> {
        self.total.map(|t| &self.columns[t - self.start])
    }
}

/// A row's columns as groups, split where the key prefix changes, in template order.
pub fn column_groups(columns: &'static [Column]) -> Vec<ColumnGroup> {
    let mut out: Vec<ColumnGroup> = Vec::new();
    let mut start = 0;
    while start < columns.len() {
        let key = columns[start].group();
        let len = columns[start..]
            .iter()
            .take_while(|c| c.group() == key)
            .count();
        let slice = &columns[start..start + len];
        let indices = || (start..start + len).zip(slice);
        let name = slice[0].label.split_once('·').map_or("", |(g, _)| g);
        out.push(ColumnGroup {
            key,
            name: if key.is_empty() { "" } else { name },
            start,
            columns: slice,
            parts: indices()
                .filter(|(_, c)| c.role == ColumnRole::Part)
                .map(|(i, _)| i)
                .collect(),
            total: indices()
                .find(|(_, c)| c.role == ColumnRole::Total)
                .map(|(i, _)| i),
        });
        start += len;
    }
    out
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

impl RowDef {
    /// Index of the column with key `key`.
    pub fn column_index(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.key == key)
    }

    /// The row's columns as groups ([`column_groups`]).
    pub fn groups(&self) -> Vec<ColumnGroup> {
        column_groups(self.columns)
    }

    /// Indices of the row's part columns.
    pub fn parts(&self) -> Vec<usize> {
        (0..self.columns.len())
            .filter(|&i| self.columns[i].role == ColumnRole::Part)
            .collect()
    }

    /// Index of the row's first total column (table 3's 总计).
    pub fn total(&self) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.role == ColumnRole::Total)
    }

    /// The row's first total column and its index.
    pub fn total_column(&self) -> Option<(usize, &'static Column)> {
        self.total().map(|i| (i, &self.columns[i]))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableDef {
    pub id: TableId,
    pub rows: &'static [RowDef],
    /// Words of the table's own header (not row labels): a short line holding one shows
    /// the table's header is there.
    pub header_words: &'static [&'static str],
    /// Word sets that show the table is printed (all words of one set, any set).
    pub printed: &'static [&'static [&'static str]],
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
        role: ColumnRole::Part,
    }
}

/// A total column: the sum of the parts of its group.
const fn total(key: &'static str, label: &'static str, short: &'static str) -> Column {
    Column {
        role: ColumnRole::Total,
        ..col(key, label, short, ColumnKind::Count)
    }
}

use ColumnKind::{Amount, Count, Signed};

mod tables;
use tables::*;

pub static TEMPLATE_2019: Template = Template {
    version: TemplateVersion::V2019,
    t2: TableDef {
        id: TableId::T2,
        rows: T2_2019_ROWS,
        header_words: T2_HEADER_WORDS,
        printed: T2_PRINTED,
    },
    t3: TableDef {
        id: TableId::T3,
        rows: T3_2019_ROWS,
        header_words: T3_HEADER_WORDS,
        printed: T3_PRINTED,
    },
    t4: TableDef {
        id: TableId::T4,
        rows: T4_ROWS,
        header_words: T4_HEADER_WORDS,
        printed: T4_PRINTED,
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
        printed: T2_PRINTED,
    },
    t3: TableDef {
        id: TableId::T3,
        rows: T3_2021_ROWS,
        header_words: T3_HEADER_WORDS,
        printed: T3_PRINTED,
    },
    t4: TableDef {
        id: TableId::T4,
        rows: T4_ROWS,
        header_words: T4_HEADER_WORDS,
        printed: T4_PRINTED,
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

#[cfg(test)]
mod tests;
