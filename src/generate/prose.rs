//! The words around the tables: section titles, narrative paragraphs, the sentences that
//! state numbers (applications received, reviews and suits, the statistics period).

use super::rng::Rng;
use super::spec::Spec;
use crate::template::{TableId, TemplateVersion};

pub enum Block {
    /// A sub-heading such as `（一）加强组织领导`.
    Sub(String),
    Para(String),
    Table(TableId),
}

pub struct SectionOut {
    pub title: String,
    pub blocks: Vec<Block>,
}

/// Title variants seen in real reports (FORMAT.md §3); index 0 is the standard title.
fn title_variants(n: u8, year: i32) -> Vec<String> {
    let std = crate::template::section(n).map_or_else(String::new, |s| s.title.to_string());
    let mut v = vec![std.clone()];
    match n {
        1 => {
            v.push("一、概述".into());
            v.push(format!("一、{year}年度政务公开活动工作情况"));
        }
        2 | 3 => v.push(format!("{std} 表")),
        4 => v.push("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况".into()),
        5 => {
            v.push("五、存在的主要问题".into());
            v.push("五、政府信息公开工作存在的主要问题及改进情况".into());
        }
        _ => {}
    }
    v
}

const WORK: &[(&str, &str)] = &[
    (
        "加强组织领导，健全政务公开组织体系",
        "{a}高度重视政府信息和政务公开工作，成立了由主要负责同志任组长、分管负责同志任副组长、各股室（站所）负责人为成员的政务公开工作领导小组，领导小组下设办公室，明确专人负责政府信息公开的日常工作，做到了领导到位、机构到位、人员到位，为政务公开工作的顺利开展提供了坚实的组织保障。",
    ),
    (
        "建立健全政府信息公开工作制度",
        "注重抓好政务公开工作机制的落实，推进政务公开规范化建设，对政务公开、政府信息公开工作，从信息公开内容、范围和渠道，信息公开工作的考核评议、监督检查、责任追究、公开反馈等方面进行规范，先后修订完善了信息发布审核、保密审查、依申请公开办理等制度。",
    ),
    (
        "严格规范三审流程，保证发布信息质量",
        "严格落实信息公开三审制度，从政治导向、语言文字、政策法律等各方面把关。信息稿件由业务部门负责人初审、分管负责人复审、主要负责人终审，终审通过后方由专门的信息发布人员按规定进行发布，始终严格把好发布信息的政治关、政策关、法律关、舆情关、文字关。",
    ),
    (
        "多种途径，方便群众了解信息",
        "{a}采取多种形式公开政府信息，多渠道并用宣传政府主要职能和工作内容。主要通过政府门户网站、政务新媒体、便民服务中心公告栏、村（社区）政务公开栏等方式公开群众关心、关注的问题，结合广播、手机短信等群众喜闻乐见的形式，扩大信息公开的覆盖面。",
    ),
    (
        "全方位对政府公开信息进行更新",
        "按照要求对政府信息分类，及时发布，{y}年度全力推进乡村振兴、人居环境整治、疫情防控、惠民惠农财政补贴资金发放等方面的信息公开，并根据单位人员情况变化，及时做好政府信息公开更新工作，确保公开内容准确、完整、及时。",
    ),
    (
        "加强平台建设，健全规范公开程序",
        "按照有关文件要求，及时更新信息公开内容，以公众需求为导向，有针对性地公开群众需要的政府信息，特别是涉及人民群众切身利益的信息，加大重点领域信息公开力度，对基层群众关心的低保、医保、救助、补贴等事项进行全面公开。",
    ),
    (
        "强化监督，确保公开落实",
        "在狠抓内部制约机制的同时，抓好外部监督制约机制的完善，建立健全长效管理机制，形成用制度规范行为、按制度办事、靠制度管人的办法。同时，将政务公开工作纳入年度目标责任考核，定期通报工作情况，对工作不力的进行督促整改。",
    ),
    (
        "加强学习和培训工作，提高工作人员的业务素养",
        "加大对业务人员的学习和培训，提高工作人员对政府信息公开工作重要性的认识，增强政府信息公开的主动性和自觉性。牢牢把握信息公开的主体和原则、范围和内容、方式和程序，确保信息公开工作依法依规开展。",
    ),
    (
        "做好政策解读和回应关切",
        "坚持政策文件与解读方案、解读材料同步组织、同步审签、同步部署，采取图文解读、问答解读等方式对重要政策进行解读，及时回应社会关切，{y}年共发布政策解读信息若干条，有效提升了政策知晓度。",
    ),
    (
        "推进基层政务公开标准化规范化",
        "对照基层政务公开标准目录，梳理公开事项，编制发布政府信息公开指南和基本目录，并在政府门户网站集中发布，按照“谁制作、谁公开，谁保存、谁公开”的原则，明确公开主体、公开时限和公开方式，实行动态更新。",
    ),
];

const PROBLEMS: &[&str] = &[
    "主动公开的意识还不够强，部分干部对政务公开工作重要性认识不到位，主动满足群众公开需要的意愿不足，发布信息总量不够。",
    "推动政务公开和政府信息公开的力度不够，公开内容不够具体，重点不突出，内容的丰富性和创造性不足。",
    "信息公开的时效性有待提高，个别栏目存在应更新但未及时更新的情况。",
    "工作人员业务水平有待提升，信息公开工作队伍建设有待加强，人员变动较为频繁。",
    "政策解读形式较为单一，图解、视频等多样化解读方式运用较少，解读质量有待提高。",
    "信息公开平台载体建设还有待加强，信息公开查阅场所设施不够完善。",
];

const IMPROVEMENTS: &[&str] = &[
    "进一步完善信息公开工作机制，理顺政务公开机制，整合资源，把政务信息、电子政务等各项工作有机结合。",
    "进一步提高政务公开工作的能力，加强政务公开、信息公开学习培训，提升工作人员素质。",
    "持续加大主动公开力度，加强政府网站内容保障工作，加大对政策文件、涉及企业和群众切身利益事项的公开力度。",
    "加强督促指导，健全信息公开考核机制，确保各项任务落到实处。",
];

const NUMS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn fill(s: &str, spec: &Spec) -> String {
    s.replace("{a}", &spec.agency.short)
        .replace("{y}", &spec.year.to_string())
}

/// The sentence stating the number of applications received (checked by C01).
fn applications_sentence(spec: &Spec, rng: &mut Rng) -> String {
    let n = spec.stated_applications;
    let y = spec.year;
    let a = &spec.agency.short;
    if n == 0 {
        match rng.below(2) {
            0 => format!("{a}{y}年度未收到政府信息公开申请。"),
            _ => format!("{y}年，{a}未收到政府信息公开申请，无依申请公开办理事项。"),
        }
    } else {
        match rng.below(3) {
            0 => format!("{y}年，{a}共受理政府信息公开申请{n}件，均在法定期限内予以答复。"),
            1 => format!("全年共收到政府信息公开申请{n}件，全部按时办结。"),
            _ => format!("截至{y}年12月31日，共受理信息公开申请{n}件，已全部依法答复。"),
        }
    }
}

/// The sentence stating the reviews and suits (checked by C02).
fn review_sentence(spec: &Spec) -> String {
    let review = spec.stated_review;
    let suits = spec.stated_suits;
    if review == 0 && suits == 0 {
        "全年未发生因政府信息公开引起的行政复议、行政诉讼。".to_string()
    } else {
        format!("全年因政府信息公开工作被申请行政复议{review}件，提起行政诉讼{suits}件。")
    }
}

/// The statistics-period sentence, if the report states one (checked by T03).
pub fn period_sentence(spec: &Spec) -> Option<String> {
    spec.period.map(|(s, e)| {
        format!(
            "本报告中所列数据的统计期限自{}年{}月{}日起至{}年{}月{}日止。",
            s.year, s.month, s.day, e.year, e.month, e.day
        )
    })
}

/// The paragraph before section 一 (some reports have one).
pub fn preamble(spec: &Spec) -> Option<String> {
    if !spec.style.preamble && spec.period.is_none() {
        return None;
    }
    let mut p = format!(
        "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）的规定，现向社会公布{}{}年政府信息公开工作年度报告。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。",
        spec.agency.name, spec.year
    );
    if let Some(s) = period_sentence(spec) {
        p.push_str(&s);
    }
    p.push_str("如对本报告有疑问，请与政务公开办公室联系。");
    Some(p)
}

pub fn sections(spec: &Spec, rng: &mut Rng) -> Vec<SectionOut> {
    let mut out = Vec::new();
    for n in 1..=6u8 {
        if spec.missing_section == Some(n) {
            continue;
        }
        let variants = title_variants(n, spec.year);
        let mut title =
            variants[spec.style.title_variant[usize::from(n) - 1] % variants.len()].clone();
        if spec.style.heading_space {
            title = title.replacen('、', "、 ", 1);
        }
        let mut blocks = Vec::new();
        match n {
            1 => {
                let k = spec.style.paragraphs;
                let start = rng.below(WORK.len());
                for i in 0..k {
                    let (sub, para) = WORK[(start + i) % WORK.len()];
                    blocks.push(Block::Sub(format!("（{}）{}", NUMS[i % 10], sub)));
                    blocks.push(Block::Para(fill(para, spec)));
                }
                blocks.push(Block::Sub(format!("（{}）依申请公开情况", NUMS[k % 10])));
                blocks.push(Block::Para(format!(
                    "{}{}",
                    applications_sentence(spec, rng),
                    review_sentence(spec)
                )));
            }
            2 => blocks.push(Block::Table(TableId::T2)),
            3 => blocks.push(Block::Table(TableId::T3)),
            4 => blocks.push(Block::Table(TableId::T4)),
            5 => {
                blocks.push(Block::Para(format!(
                    "{}年，{}政府信息公开工作虽取得了一定成效，但也存在一些不足。",
                    spec.year, spec.agency.short
                )));
                let start = rng.below(PROBLEMS.len());
                for i in 0..rng.range(2, 3) as usize {
                    blocks.push(Block::Para(format!(
                        "{}.{}",
                        i + 1,
                        PROBLEMS[(start + i) % PROBLEMS.len()]
                    )));
                }
                if spec.version == TemplateVersion::V2021 {
                    blocks.push(Block::Para(format!(
                        "针对上一年度存在的问题，{}逐项制定整改措施，目前已全部整改到位。",
                        spec.agency.short
                    )));
                }
                let start = rng.below(IMPROVEMENTS.len());
                let mut p = "下一步，我们将".to_string();
                for i in 0..2 {
                    p.push_str(IMPROVEMENTS[(start + i) % IMPROVEMENTS.len()]);
                }
                blocks.push(Block::Para(p));
            }
            _ => {
                if spec.version == TemplateVersion::V2021 && !spec.omit_fee_sentence {
                    blocks.push(Block::Para(format!(
                        "{}年，{}未收取信息处理费。",
                        spec.year, spec.agency.short
                    )));
                }
                blocks.push(Block::Para(match rng.below(3) {
                    0 => "无".to_string(),
                    1 => format!(
                        "{}年，{}无其他需要报告的事项。",
                        spec.year, spec.agency.short
                    ),
                    _ => "无其他需要报告的事项。".to_string(),
                }));
            }
        }
        out.push(SectionOut { title, blocks });
    }
    out
}
