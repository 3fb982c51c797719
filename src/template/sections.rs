//! The six sections of a report as data: numeral, standard title, the tree's short title,
//! the words a heading must contain to be read as the section's heading, title variants
//! real reports use, and the table the section holds. The same in both template versions.

use super::TableId;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionDef {
    /// 1 … 6.
    pub number: u8,
    /// The Chinese numeral headings are numbered with (`一`).
    pub numeral: char,
    /// The standard heading, numeral included (`一、总体情况`).
    pub title: &'static str,
    /// The heading as the navigation tree shows it.
    pub short: &'static str,
    /// Words a heading's title must contain (any of) to be this section's heading.
    pub keywords: &'static [&'static str],
    /// Other headings real reports give the section (standard title excepted).
    pub variants: &'static [&'static str],
    /// The table the section holds.
    pub table: Option<TableId>,
}

pub static SECTIONS: [SectionDef; 6] = [
    SectionDef {
        number: 1,
        numeral: '一',
        title: "一、总体情况",
        short: "一、总体情况",
        keywords: &[
            "总体情况",
            "概述",
            "概况",
            "工作情况",
            "基本情况",
            "总体",
            "综述",
        ],
        variants: &["一、概述", "一、总体概述"],
        table: None,
    },
    SectionDef {
        number: 2,
        numeral: '二',
        title: "二、主动公开政府信息情况",
        short: "二、主动公开政府信息情况",
        keywords: &["主动公开"],
        variants: &[],
        table: Some(TableId::T2),
    },
    SectionDef {
        number: 3,
        numeral: '三',
        title: "三、收到和处理政府信息公开申请情况",
        short: "三、收到和处理政府信息公开申请情况",
        keywords: &["依申请", "申请情况", "收到和处理", "申请公开"],
        variants: &[],
        table: Some(TableId::T3),
    },
    SectionDef {
        number: 4,
        numeral: '四',
        title: "四、政府信息公开行政复议、行政诉讼情况",
        short: "四、行政复议、行政诉讼情况",
        keywords: &["复议", "诉讼"],
        variants: &["四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"],
        table: Some(TableId::T4),
    },
    SectionDef {
        number: 5,
        numeral: '五',
        title: "五、存在的主要问题及改进情况",
        short: "五、存在的主要问题及改进情况",
        keywords: &["问题", "改进", "不足", "整改"],
        variants: &[
            "五、存在的主要问题",
            "五、政府信息公开工作存在的主要问题及改进情况",
        ],
        table: None,
    },
    SectionDef {
        number: 6,
        numeral: '六',
        title: "六、其他需要报告的事项",
        short: "六、其他需要报告的事项",
        keywords: &["其他", "事项", "下步", "下一步", "计划", "打算", "展望"],
        variants: &["六、下步工作计划"],
        table: None,
    },
];

/// Section `n` (1 … 6).
pub fn section(n: u8) -> Option<&'static SectionDef> {
    SECTIONS.iter().find(|s| s.number == n)
}

/// The section a heading numeral stands for (`三` → 3).
pub fn section_by_numeral(c: char) -> Option<&'static SectionDef> {
    SECTIONS.iter().find(|s| s.numeral == c)
}

/// The section that holds table `id`.
pub fn section_of(id: TableId) -> &'static SectionDef {
    SECTIONS
        .iter()
        .find(|s| s.table == Some(id))
        .expect("every table sits in a section")
}
