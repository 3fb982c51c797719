//! T-rules: publication deadline, publication date, statistics period.

use super::ids;
use super::{finding, lines_of};
use crate::model::{Date, Finding, Report, Severity};
use crate::text::squash;

/// The statutory deadline class of an agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineKind {
    /// A people's government at county level or above, or a 新区/综合实验区 administration:
    /// March 31 of the next year.
    CountyOrAbove,
    /// Departments, 乡/镇 governments, 街道/办事处: January 31 of the next year.
    Other,
}

/// The level of an agency, for T01's deadline and for comparing reports with their peers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AgencyLevel {
    /// A people's government at county level or above, or a 新区/综合实验区 administration.
    CountyOrAbove,
    /// A department (局, 委员会, 办公室, 中心 …).
    Department,
    /// A 乡/镇 government, a 街道 or 办事处.
    TownshipStreet,
}

impl AgencyLevel {
    pub fn deadline_kind(self) -> DeadlineKind {
        match self {
            AgencyLevel::CountyOrAbove => DeadlineKind::CountyOrAbove,
            AgencyLevel::Department | AgencyLevel::TownshipStreet => DeadlineKind::Other,
        }
    }

    /// A stable key for output (`county`, `department`, `township`).
    pub fn key(self) -> &'static str {
        match self {
            AgencyLevel::CountyOrAbove => "county",
            AgencyLevel::Department => "department",
            AgencyLevel::TownshipStreet => "township",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AgencyLevel::CountyOrAbove => "县级以上政府",
            AgencyLevel::Department => "部门",
            AgencyLevel::TownshipStreet => "乡镇街道",
        }
    }
}

/// Classify an agency name (T01's deadline classes, with the departments told apart from
/// the 乡/镇/街道 governments).
pub fn agency_level(agency: &str) -> AgencyLevel {
    let name = squash(agency);
    if name.contains("办事处") || name.contains("街道") {
        return AgencyLevel::TownshipStreet;
    }
    if name.contains("新区管委会") || name.contains("新区管理委员会") {
        return AgencyLevel::CountyOrAbove;
    }
    let core = name
        .strip_suffix("人民政府")
        .or_else(|| name.strip_suffix("政府"))
        .unwrap_or(&name);
    let county_or_above = [
        "县",
        "市",
        "区",
        "州",
        "盟",
        "旗",
        "省",
        "自治区",
        "新区",
        "综合实验区",
    ];
    if county_or_above.iter().any(|s| core.ends_with(s)) {
        AgencyLevel::CountyOrAbove
    } else if ["乡", "镇", "苏木"].iter().any(|s| core.ends_with(s)) {
        AgencyLevel::TownshipStreet
    } else {
        AgencyLevel::Department
    }
}

/// Classify an agency name for T01.
pub fn deadline_kind(agency: &str) -> DeadlineKind {
    agency_level(agency).deadline_kind()
}

/// How late a report was published: the deadline used and the days past it (0 or less when
/// on time). `None` without a publication date or a report year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lateness {
    pub due: Date,
    pub days: i64,
    /// `None` when the agency is unknown and the lenient (county-or-above) deadline was used.
    pub level: Option<AgencyLevel>,
}

pub fn lateness(r: &Report) -> Option<Lateness> {
    let (published, year) = (r.published.as_ref()?, r.year.as_ref()?);
    let level = r.agency.as_ref().map(|a| agency_level(&a.value));
    // Without an agency name the lenient deadline is used, so nothing is flagged falsely.
    let kind = level.map_or(DeadlineKind::CountyOrAbove, AgencyLevel::deadline_kind);
    let due = deadline(year.value, kind)?;
    Some(Lateness {
        due,
        days: published.value.days_since_epoch() - due.days_since_epoch(),
        level,
    })
}

/// The deadline for a report year and agency class.
pub fn deadline(year: i32, kind: DeadlineKind) -> Option<Date> {
    match kind {
        DeadlineKind::CountyOrAbove => Date::new(year + 1, 3, 31),
        DeadlineKind::Other => Date::new(year + 1, 1, 31),
    }
}

/// T01: published after the statutory deadline.
pub fn t01(r: &Report) -> Vec<Finding> {
    let (Some(published), Some(l)) = (r.published.as_ref(), lateness(r)) else {
        return Vec::new();
    };
    let who = match l.level.map(AgencyLevel::deadline_kind) {
        Some(DeadlineKind::CountyOrAbove) => "县级以上人民政府",
        Some(DeadlineKind::Other) => "部门、乡镇、街道",
        None => "机关名称未知，按县级以上人民政府",
    };
    let (due, late) = (l.due, l.days);
    if late <= 0 {
        return Vec::new();
    }
    let mut f = finding(
        ids::T01,
        Severity::Warning,
        format!(
            "发布日期 {}，晚于法定期限 {due}（{who}）{late} 天",
            published.value
        ),
    );
    f.lines = lines_of([published.span]);
    vec![f]
}

/// T02: no publication date found.
pub fn t02(r: &Report) -> Vec<Finding> {
    if r.published.is_some() {
        return Vec::new();
    }
    vec![finding(
        ids::T02,
        Severity::Info,
        "未找到发布日期（发布时间、发布日期、成文日期或落款日期）".to_string(),
    )]
}

/// T03: the stated statistics period is not the whole calendar year.
pub fn t03(r: &Report) -> Vec<Finding> {
    let (Some(period), Some(year)) = (r.period.as_ref(), r.year.as_ref()) else {
        return Vec::new();
    };
    let y = year.value;
    let p = period.value;
    if Date::new(y, 1, 1) == Some(p.start) && Date::new(y, 12, 31) == Some(p.end) {
        return Vec::new();
    }
    let mut f = finding(
        ids::T03,
        Severity::Info,
        format!("统计期限为 {} 至 {}，不是 {y} 年全年", p.start, p.end),
    );
    f.lines = lines_of([period.span]);
    vec![f]
}

#[cfg(test)]
mod tests {
    use super::*;
    use DeadlineKind::*;

    #[test]
    fn deadline_classes() {
        for a in [
            "循化县人民政府",
            "海东市循化县",
            "兰州市",
            "城关区人民政府",
            "临夏回族自治州",
            "阿拉善盟",
            "甘肃省人民政府",
            "广西壮族自治区",
            "郑东新区管委会",
            "兰州新区",
            "某某综合实验区",
            "达拉特旗政府",
        ] {
            assert_eq!(deadline_kind(a), CountyOrAbove, "{a}");
        }
        for a in [
            "临夏县漫路乡",
            "漫路乡人民政府",
            "建塘镇",
            "商都路办事处",
            "郑州市郑东新区商都路办事处",
            "城关街道",
            "临夏县教育局",
            "某市发展和改革委员会",
            "县政务服务中心",
            "县人民政府办公室",
        ] {
            assert_eq!(deadline_kind(a), Other, "{a}");
        }
        for a in [
            "临夏县漫路乡",
            "漫路乡人民政府",
            "建塘镇",
            "商都路办事处",
            "城关街道",
        ] {
            assert_eq!(agency_level(a), AgencyLevel::TownshipStreet, "{a}");
        }
        for a in ["临夏县教育局", "某市发展和改革委员会", "县人民政府办公室"]
        {
            assert_eq!(agency_level(a), AgencyLevel::Department, "{a}");
        }
        assert_eq!(agency_level("循化县人民政府"), AgencyLevel::CountyOrAbove);
    }
}
