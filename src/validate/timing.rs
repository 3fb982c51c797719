//! T-rules: publication deadline, publication date, statistics period.

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

/// Classify an agency name for T01.
pub fn deadline_kind(agency: &str) -> DeadlineKind {
    let name = squash(agency);
    if name.contains("办事处") || name.contains("街道") {
        return DeadlineKind::Other;
    }
    if name.contains("新区管委会") || name.contains("新区管理委员会") {
        return DeadlineKind::CountyOrAbove;
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
        DeadlineKind::CountyOrAbove
    } else {
        DeadlineKind::Other
    }
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
    let (Some(published), Some(year)) = (r.published.as_ref(), r.year.as_ref()) else {
        return Vec::new();
    };
    // Without an agency name the lenient deadline is used, so nothing is flagged falsely.
    let (kind, who) = match r.agency.as_ref() {
        Some(a) => {
            let k = deadline_kind(&a.value);
            let who = match k {
                DeadlineKind::CountyOrAbove => "县级以上人民政府",
                DeadlineKind::Other => "部门、乡镇、街道",
            };
            (k, who)
        }
        None => (
            DeadlineKind::CountyOrAbove,
            "机关名称未知，按县级以上人民政府",
        ),
    };
    let Some(due) = deadline(year.value, kind) else {
        return Vec::new();
    };
    let late = published.value.days_since_epoch() - due.days_since_epoch();
    if late <= 0 {
        return Vec::new();
    }
    let mut f = finding(
        "T01",
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
        "T02",
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
        "T03",
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
    }
}
