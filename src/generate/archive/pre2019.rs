//! An annual report under the 2008 regulations (report years 2014–2018): an introduction,
//! free-form sections that state the year's statistics in prose, and often the old
//! 政府信息公开情况统计表 (统计指标 / 单位 / 统计数). No national tables.

use super::{Doc, Piece, cn_date, date_in};
use crate::generate::names::Agency;
use crate::generate::rng::Rng;
use crate::model::{Date, ReportKind};

/// The year's numbers, drawn so that the parts add up.
struct Stats {
    /// Items published on the agency's own initiative, and their channels.
    published: i64,
    normative: i64,
    website: i64,
    weibo: i64,
    board: i64,
    /// Applications by channel and how they were answered.
    in_person: i64,
    online: i64,
    letter: i64,
    granted: i64,
    partial: i64,
    denied: i64,
    no_info: i64,
    reviews: i64,
    suits: i64,
    staff: i64,
    points: i64,
    meetings: i64,
    trainings: i64,
    trainees: i64,
}

impl Stats {
    fn draw(rng: &mut Rng) -> Stats {
        let website = rng.range(40, 900);
        let weibo = rng.range(0, 200);
        let board = rng.range(0, 120);
        let applications = if rng.chance(0.5) { 0 } else { rng.range(1, 30) };
        let online = applications * rng.range(0, 10) / 10;
        let in_person = (applications - online) * rng.range(0, 10) / 10;
        let letter = applications - online - in_person;
        let granted = applications * rng.range(4, 10) / 10;
        let partial = (applications - granted) / 2;
        let denied = (applications - granted - partial) / 2;
        let no_info = applications - granted - partial - denied;
        let trainings = rng.range(1, 6);
        Stats {
            published: website + weibo + board,
            normative: rng.range(0, 25),
            website,
            weibo,
            board,
            in_person,
            online,
            letter,
            granted,
            partial,
            denied,
            no_info,
            reviews: if rng.chance(0.85) { 0 } else { rng.range(1, 3) },
            suits: if rng.chance(0.9) { 0 } else { 1 },
            staff: rng.range(1, 6),
            points: rng.range(1, 12),
            meetings: rng.range(1, 8),
            trainings,
            trainees: trainings * rng.range(10, 60),
        }
    }

    fn applications(&self) -> i64 {
        self.in_person + self.online + self.letter
    }
}

pub fn report(agency: &Agency, year: i32, rng: &mut Rng) -> Doc {
    let a = &agency.name;
    let s = Stats::draw(rng);
    let title = match rng.below(3) {
        0 => format!("{a}{year}年政府信息公开工作年度报告"),
        1 => format!("{a}{year}年度政府信息公开工作报告"),
        _ => format!("{a}政府信息公开工作{year}年度报告"),
    };
    // The 2008 regulations: published by March 31 of the next year.
    let deadline = Date {
        year: year + 1,
        month: 3,
        day: 31,
    };
    let published = date_in(year + 1, 1 + rng.below(3) as u32, rng);
    let mut body = vec![Piece::Para(format!(
        "本报告是根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，由{a}编制的{year}年度政府信息公开工作年度报告。全文包括概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开的收费及减免情况、因政府信息公开申请行政复议和提起行政诉讼的情况、存在的主要问题及改进措施等。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。如对本报告有任何疑问，请与{}政务公开办公室联系（电话：{}-{}）。",
        agency.short,
        agency.area_code,
        rng.range(2_000_000, 8_999_999)
    ))];
    let short = &agency.short;
    let old_headings = rng.chance(0.5);
    let heading = |n: usize| -> String {
        let (std, alt) = [
            ("一、概述", "一、基本情况"),
            ("二、主动公开政府信息情况", "二、主动公开情况"),
            ("三、依申请公开政府信息情况", "三、依申请公开情况"),
            (
                "四、政府信息公开的收费及减免情况",
                "四、政府信息公开收费及减免情况",
            ),
            (
                "五、因政府信息公开申请行政复议、提起行政诉讼的情况",
                "五、行政复议和行政诉讼情况",
            ),
            ("六、存在的主要问题及改进措施", "六、存在的问题和改进措施"),
        ][n];
        if old_headings { alt } else { std }.to_string()
    };
    body.push(Piece::Heading(heading(0)));
    body.push(Piece::Para(format!(
        "{year}年，{short}认真贯彻落实《条例》和上级关于政府信息公开工作的部署，进一步健全政府信息公开工作机制，完善政府信息公开目录，规范公开程序，政府信息公开工作有序推进。{short}明确一名分管负责同志主管政府信息公开工作，配备工作人员{}名，设置政府信息公开查阅点{}个。",
        s.staff, s.points
    )));
    body.push(Piece::Heading(heading(1)));
    body.push(Piece::Para(format!(
        "{year}年，{short}主动公开政府信息{}条，其中规范性文件{}件。其中通过政府门户网站公开{}条，通过政务微博、微信公开{}条，通过政务公开栏公开{}条。",
        s.published, s.normative, s.website, s.weibo, s.board
    )));
    body.push(Piece::Heading(heading(2)));
    let n = s.applications();
    body.push(Piece::Para(if n == 0 {
        format!("{year}年，{short}未收到政府信息公开申请。")
    } else {
        format!(
            "{year}年，{short}共受理政府信息公开申请{n}件，其中当面申请{}件，网上申请{}件，信函申请{}件。已全部按期答复，其中同意公开{}件，同意部分公开{}件，不予公开{}件，信息不存在{}件。",
            s.in_person, s.online, s.letter, s.granted, s.partial, s.denied, s.no_info
        )
    }));
    body.push(Piece::Heading(heading(3)));
    body.push(Piece::Para(format!(
        "{year}年，{short}未收取政府信息公开检索、复制、邮寄等费用，也无减免费用情况。"
    )));
    body.push(Piece::Heading(heading(4)));
    body.push(Piece::Para(if s.reviews + s.suits == 0 {
        format!("{year}年，{short}未发生因政府信息公开申请行政复议、提起行政诉讼的情况。")
    } else {
        format!(
            "{year}年，{short}发生因政府信息公开申请行政复议案件{}件，提起行政诉讼案件{}件。",
            s.reviews, s.suits
        )
    }));
    body.push(Piece::Heading(heading(5)));
    body.push(Piece::Para(
        "一是主动公开的深度和广度还需加强，公开内容不够全面；二是政府信息公开工作人员的业务水平有待提高。下一步，将进一步规范政府信息公开程序，加强业务培训，不断提高政府信息公开工作水平。"
            .to_string(),
    ));
    if rng.chance(0.6) {
        body.push(Piece::Para(format!("附表：{year}年政府信息公开情况统计表")));
        body.push(Piece::Table(statistics(&s)));
    }
    body.push(Piece::Signature(a.clone(), cn_date(published)));
    Doc {
        kind: ReportKind::Pre2019,
        what: "pre2019",
        year,
        title,
        published: Some(published),
        deadline: Some(deadline),
        body,
    }
}

/// The old 统计表 (统计指标 / 单位 / 统计数), in its usual order.
fn statistics(s: &Stats) -> Vec<Vec<String>> {
    let row = |label: &str, unit: &str, v: Option<i64>| {
        vec![
            label.to_string(),
            unit.to_string(),
            v.map(|v| v.to_string()).unwrap_or_default(),
        ]
    };
    let n = s.applications();
    vec![
        vec!["统计指标".into(), "单位".into(), "统计数".into()],
        row("一、主动公开情况", "", None),
        row("（一）主动公开政府信息数", "条", Some(s.published)),
        row("其中：主动公开规范性文件数", "条", Some(s.normative)),
        row("（二）通过不同渠道和方式公开政府信息的情况", "", None),
        row("1.政府网站公开政府信息数", "条", Some(s.website)),
        row("2.政务微博、微信公开政府信息数", "条", Some(s.weibo)),
        row("3.政务公开栏公开政府信息数", "条", Some(s.board)),
        row("二、依申请公开情况", "", None),
        row("（一）收到申请数", "件", Some(n)),
        row("1.当面申请数", "件", Some(s.in_person)),
        row("2.网络申请数", "件", Some(s.online)),
        row("3.信函申请数", "件", Some(s.letter)),
        row("（二）申请答复数", "件", Some(n)),
        row("1.同意公开答复数", "件", Some(s.granted)),
        row("2.同意部分公开答复数", "件", Some(s.partial)),
        row("3.不同意公开答复数", "件", Some(s.denied)),
        row("4.申请信息不存在数", "件", Some(s.no_info)),
        row("三、行政复议数量", "件", Some(s.reviews)),
        row("四、行政诉讼数量", "件", Some(s.suits)),
        row("五、依申请公开信息收取的费用", "万元", Some(0)),
        row("六、机构建设和保障经费情况", "", None),
        row("（一）从事政府信息公开工作人员数", "人", Some(s.staff)),
        row("（二）设置政府信息公开查阅点数", "个", Some(s.points)),
        row("七、政府信息公开会议和培训情况", "", None),
        row("（一）召开政府信息公开工作会议数", "次", Some(s.meetings)),
        row("（二）举办各类培训班数", "次", Some(s.trainings)),
        row("（三）接受培训人员数", "人次", Some(s.trainees)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_statistics_add_up() {
        let mut rng = Rng::new(3);
        for _ in 0..500 {
            let s = Stats::draw(&mut rng);
            let n = s.applications();
            assert!(n >= 0 && s.in_person >= 0 && s.letter >= 0);
            assert_eq!(s.granted + s.partial + s.denied + s.no_info, n);
            assert!(
                [s.granted, s.partial, s.denied, s.no_info]
                    .iter()
                    .all(|v| *v >= 0)
            );
            assert_eq!(s.website + s.weibo + s.board, s.published);
        }
    }

    #[test]
    fn a_pre_2019_report_has_no_national_table() {
        let mut rng = Rng::new(5);
        let agency = crate::generate::names::draw(&mut rng);
        for year in 2014..=2018 {
            let d = report(&agency, year, &mut rng);
            assert_eq!(d.kind, ReportKind::Pre2019);
            assert!(d.title.contains(&year.to_string()), "{}", d.title);
            let text: String = d
                .body
                .iter()
                .map(|p| match p {
                    Piece::Heading(t) | Piece::Para(t) => t.clone(),
                    Piece::Table(rows) => rows.concat().concat(),
                    Piece::Signature(a, b) => format!("{a}{b}"),
                })
                .collect();
            for national in ["第二十条", "本年新收", "结果维持", "（七）总计"] {
                assert!(!text.contains(national), "{national}");
            }
        }
    }
}
