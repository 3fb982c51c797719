//! Pages of an agency's 政府信息公开 column that are not annual reports: the 政府信息公开指南,
//! a notice on the year's 政务公开 work, and the year's 政务公开工作要点.

use super::{Doc, Piece, cn_date, date_in};
use crate::generate::names::{Agency, AgencyKind};
use crate::generate::rng::Rng;
use crate::model::ReportKind;

fn office(agency: &Agency) -> String {
    match agency.kind {
        AgencyKind::CountyGovernment | AgencyKind::Department => format!("{}办公室", agency.name),
        AgencyKind::Township | AgencyKind::StreetOffice => format!("{}党政办公室", agency.short),
    }
}

/// 政府信息公开指南, revised in `year`.
pub fn guide(agency: &Agency, year: i32, rng: &mut Rng) -> Doc {
    let a = &agency.name;
    let title = if rng.chance(0.5) {
        format!("{a}政府信息公开指南")
    } else {
        format!("{a}政府信息公开指南（{year}年修订）")
    };
    let published = date_in(year, 1 + rng.below(12) as u32, rng);
    let phone = format!("{}-{}", agency.area_code, rng.range(2_000_000, 8_999_999));
    let body = vec![
        Piece::Para(format!(
            "为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》（以下简称《条例》）的规定，结合本机关实际，编制本指南。本指南自{}起施行，申请人在提出政府信息公开申请前，请仔细阅读本指南。",
            cn_date(published)
        )),
        Piece::Heading("一、主动公开".into()),
        Piece::Para("（一）公开范围。本机关主动公开的政府信息包括机构职能、规范性文件、发展规划、财政预算决算、行政许可和行政处罚、政府采购、人事任免等。".into()),
        Piece::Para(format!(
            "（二）公开方式。通过{}门户网站、政务新媒体、政务公开栏、便民服务中心等方式公开。",
            agency.county
        )),
        Piece::Para("（三）公开时限。属于主动公开范围的政府信息，自该信息形成或者变更之日起20个工作日内予以公开。".into()),
        Piece::Heading("二、依申请公开".into()),
        Piece::Para(format!(
            "（一）受理机构。{}，办公时间为工作日上午8:30至12:00，下午14:30至17:30，联系电话：{phone}。",
            office(agency)
        )),
        Piece::Para("（二）申请方式。申请人可以通过当面提交、邮寄、互联网在线申请等方式提出申请，并填写政府信息公开申请表。".into()),
        Piece::Para("（三）申请的处理。本机关收到申请后，能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经负责人同意并告知申请人，延长的期限最长不超过20个工作日。".into()),
        Piece::Para("（四）收费。行政机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，可以依照规定收取信息处理费。".into()),
        Piece::Heading("三、监督和救济".into()),
        Piece::Para("公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。".into()),
        Piece::Signature(office(agency), cn_date(published)),
    ];
    Doc {
        kind: ReportKind::NotAReport,
        what: "guide",
        year,
        title,
        published: Some(published),
        deadline: None,
        body,
    }
}

/// The items of a year's 政务公开 work, as a notice or a 工作要点 lists them.
fn items(year: i32) -> Vec<(&'static str, String)> {
    vec![
        (
            "一、加强组织领导",
            "各单位要高度重视政务公开工作，明确分管负责同志和具体工作人员，人员变动的要及时调整补充。".to_string(),
        ),
        (
            "二、规范公开内容",
            "对照基层政务公开标准目录，及时更新政府信息公开目录，做好财政预决算、重大建设项目、公共资源配置等重点领域信息公开。".to_string(),
        ),
        (
            "三、做好政策解读和回应关切",
            "坚持政策文件与解读材料同步起草、同步审签、同步发布，对涉及群众切身利益的事项及时回应社会关切。".to_string(),
        ),
        (
            "四、规范依申请公开办理",
            format!(
                "严格按照《中华人民共和国政府信息公开条例》规定的程序和时限办理政府信息公开申请，于{}年1月31日前公布本单位政府信息公开工作年度报告。",
                year + 1
            ),
        ),
        (
            "五、强化监督考核",
            "将政务公开工作纳入年度绩效考核，定期通报工作进展，对工作不力的单位督促整改。".to_string(),
        ),
    ]
}

/// A notice (通知) on the year's 政务公开 work.
pub fn notice(agency: &Agency, year: i32, rng: &mut Rng) -> Doc {
    let a = &agency.name;
    let title = match rng.below(2) {
        0 => format!("关于做好{year}年政务公开工作的通知"),
        _ => format!("{a}关于印发{year}年政务公开工作要点的通知"),
    };
    let published = date_in(year, 2 + rng.below(3) as u32, rng);
    let mut body = vec![
        Piece::Para(match agency.kind {
            AgencyKind::CountyGovernment => "各乡镇人民政府，县直各部门：".to_string(),
            _ => "各村（社区），各站所：".to_string(),
        }),
        Piece::Para(format!(
            "为深入贯彻落实《中华人民共和国政府信息公开条例》，进一步做好{year}年政务公开工作，现将有关事项通知如下："
        )),
    ];
    for (h, p) in items(year).into_iter().take(3 + rng.below(3)) {
        body.push(Piece::Heading(h.to_string()));
        body.push(Piece::Para(p));
    }
    body.push(Piece::Signature(office(agency), cn_date(published)));
    Doc {
        kind: ReportKind::NotAReport,
        what: "notice",
        year,
        title,
        published: Some(published),
        deadline: None,
        body,
    }
}

/// The year's 政务公开工作要点.
pub fn plan(agency: &Agency, year: i32, rng: &mut Rng) -> Doc {
    let a = &agency.name;
    let title = format!("{a}{year}年政务公开工作要点");
    let published = date_in(year, 3 + rng.below(3) as u32, rng);
    let mut body = vec![Piece::Para(format!(
        "{year}年，{}政务公开工作以《中华人民共和国政府信息公开条例》为依据，围绕中心工作，深化重点领域信息公开，提升政务公开质量和实效。主要工作要点如下：",
        agency.short
    ))];
    for (h, p) in items(year) {
        body.push(Piece::Heading(h.to_string()));
        body.push(Piece::Para(p));
    }
    body.push(Piece::Signature(office(agency), cn_date(published)));
    Doc {
        kind: ReportKind::NotAReport,
        what: "plan",
        year,
        title,
        published: Some(published),
        deadline: None,
        body,
    }
}
