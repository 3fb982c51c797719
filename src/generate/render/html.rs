//! A government web page: site header and navigation, an 索引号/发布机构/发布日期 block, the
//! report with tables using rowspan/colspan and cells wrapped in `<p><span>`, `&nbsp;`
//! blanks, and a footer with 主办/承办/联系电话/ICP备.

use super::*;
use crate::generate::prose::{self, Block};
use crate::template::TableId;
use std::fmt::Write;

pub fn render(spec: &Spec, rng: &mut Rng) -> String {
    let mut h = String::with_capacity(24 * 1024);
    let charset = if spec.gbk { "gbk" } else { "utf-8" };
    let county_site = format!("{}人民政府", spec.agency.county);
    let t = title(spec);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\">\n\
<title>{t}-{county_site}</title>\n<link rel=\"stylesheet\" href=\"/css/style.css\">\n\
<script type=\"text/javascript\" src=\"/js/jquery.min.js\"></script>\n</head>\n<body>\n\
<div class=\"top\"><div class=\"w1200\"><span>欢迎访问{county_site}门户网站</span><a href=\"/\">设为首页</a> | <a href=\"/\">加入收藏</a> | <a href=\"/wza/\">无障碍浏览</a></div></div>\n\
<div class=\"header\"><div class=\"logo\"><img src=\"/images/logo.png\" alt=\"{county_site}\"></div></div>\n\
<div class=\"nav\"><ul><li><a href=\"/\">首页</a></li><li><a href=\"/zwgk/\">政务公开</a></li><li><a href=\"/zwfw/\">政务服务</a></li><li><a href=\"/hdjl/\">互动交流</a></li><li><a href=\"/zjxq/\">走进{}</a></li></ul></div>\n\
<div class=\"position\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政务公开</a> &gt; <a href=\"/zwgk/ndbg/\">政府信息公开年报</a></div>\n",
        spec.agency.county
    );
    if let (DateStyle::WebLine | DateStyle::IndexBlock, Some(d)) = (spec.date_style, iso_date(spec))
    {
        let _ = write!(
            h,
            "<table class=\"xxgk_table\">\n<tr><td class=\"t1\">索引号：</td><td>{}/{}-{:05}</td><td class=\"t1\">信息分类：</td><td>政府信息公开年报</td></tr>\n\
<tr><td class=\"t1\">发布机构：</td><td>{}</td><td class=\"t1\">发布日期：</td><td>{d}</td></tr>\n\
<tr><td class=\"t1\">名　　称：</td><td colspan=\"3\">{t}</td></tr>\n</table>\n",
            11_622_900 + rng.below(9000),
            spec.year + 1,
            rng.below(500),
            spec.agency.short
        );
    }
    let _ = write!(h, "<div class=\"article\">\n<h1 class=\"title\">{t}</h1>\n");
    if spec.date_style == DateStyle::WebLine
        && let Some(d) = iso_date(spec)
    {
        let _ = writeln!(
            h,
            "<div class=\"info\">发布时间：{d} {:02}:{:02}&nbsp;&nbsp;&nbsp;浏览次数：{}&nbsp;&nbsp;字体：[<a>大</a> <a>中</a> <a>小</a>]</div>",
            spec.style.time.0, spec.style.time.1, spec.style.views
        );
    }
    h.push_str("<div class=\"TRS_Editor\" id=\"zoom\">\n");
    if let Some(p) = prose::preamble(spec) {
        let _ = writeln!(h, "<p style=\"text-indent:2em\">{p}</p>");
    }
    for s in prose::sections(spec, rng) {
        let _ = writeln!(
            h,
            "<p style=\"text-indent:2em\"><strong>{}</strong></p>",
            s.title
        );
        for block in s.blocks {
            match block {
                Block::Sub(x) => {
                    let _ = writeln!(h, "<p style=\"text-indent:2em\"><strong>{x}</strong></p>");
                }
                Block::Para(x) => {
                    let _ = writeln!(
                        h,
                        "<p style=\"text-indent:2em\"><span style=\"font-family:仿宋_GB2312\">{x}</span></p>"
                    );
                }
                Block::Table(TableId::T2) => table2(spec, &mut h),
                Block::Table(TableId::T3) => table3(spec, &mut h),
                Block::Table(TableId::T4) => table4(spec, &mut h),
            }
        }
    }
    if let Some((name, date)) = signature(spec, false) {
        let _ = write!(
            h,
            "<p style=\"text-align:right\">{name}</p>\n<p style=\"text-align:right\">{date}</p>\n"
        );
    }
    let _ = write!(
        h,
        "</div>\n</div>\n<div class=\"share\">分享到：<a>微信</a> <a>微博</a></div>\n\
<div class=\"print\"><a href=\"javascript:window.print()\">【打印本页】</a> <a href=\"javascript:window.close()\">【关闭窗口】</a></div>\n\
<div class=\"footer\">\n<p>主办：{county_site}办公室&nbsp;&nbsp;承办：{}政务服务中心</p>\n\
<p>地址：{}{}{}&nbsp;&nbsp;联系电话：{}-{}</p>\n\
<p><a href=\"https://beian.miit.gov.cn/\">{}ICP备{:08}号</a>&nbsp;&nbsp;网站标识码：{:010}</p>\n</div>\n</body>\n</html>\n",
        spec.agency.county,
        spec.agency.province,
        spec.agency.city,
        spec.agency.county,
        spec.agency.area_code,
        rng.range(2_000_000, 8_999_999),
        icp_prefix(spec.agency.province),
        rng.below(99_999_999),
        rng.below(2_000_000_000),
    );
    h
}

fn icp_prefix(province: &str) -> &'static str {
    match province {
        "甘肃省" => "陇",
        "青海省" => "青",
        "河南省" => "豫",
        "云南省" => "滇",
        "四川省" => "蜀",
        "湖南省" => "湘",
        "山西省" => "晋",
        "广西壮族自治区" => "桂",
        "贵州省" => "黔",
        "河北省" => "冀",
        _ => "赣",
    }
}

/// A cell's inner HTML: the text wrapped as word processors export it.
fn td(text: &str, attrs: &str, wrap: usize) -> String {
    let inner = if text.is_empty() {
        "&nbsp;".to_string()
    } else {
        text.to_string()
    };
    match wrap % 3 {
        0 => format!(
            "<td{attrs}><p style=\"text-align:center\"><span style=\"font-size:14px\">{inner}</span></p></td>"
        ),
        1 => format!("<td{attrs}><p><span>{inner}</span></p></td>"),
        _ => format!("<td{attrs}>{inner}</td>"),
    }
}

fn table_open(h: &mut String) {
    h.push_str("<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\" style=\"border-collapse:collapse;width:100%\">\n<tbody>\n");
}

fn table2(spec: &Spec, h: &mut String) {
    let w = spec.style.views as usize;
    table_open(h);
    // Some pages span their data rows differently from their header rows: `本年增/减`
    // with colspan=2 in the header, and in the data rows either the same cell spanned
    // (grid positions agree) or the first value spanned instead (only the order agrees).
    let mismatch = spec.style.views % 4 == 0;
    for g in t2_groups(spec) {
        let wide =
            mismatch && g.columns.iter().any(|c| c.label == "本年增/减") && g.columns.len() == 3;
        let n = g.columns.len() + 1 + usize::from(wide);
        let _ = writeln!(
            h,
            "<tr>{}</tr>",
            td(g.heading, &format!(" colspan=\"{n}\""), w)
        );
        let mut row = td("信息内容", "", w);
        for c in g.columns {
            let label = c.label.replace("本年新", "本年新<br>");
            let span = if wide && c.label == "本年增/减" {
                " colspan=\"2\""
            } else {
                ""
            };
            row.push_str(&td(&label, span, w));
        }
        let _ = writeln!(h, "<tr>{row}</tr>");
        for (r, (def, cells)) in g.rows.into_iter().enumerate() {
            let mut row = td(t2_label(def, spec.version), "", w);
            for (i, v) in cells.iter().enumerate() {
                let spanned = if r % 2 == 0 { 0 } else { 1 };
                let span = if wide && i == spanned {
                    " colspan=\"2\""
                } else {
                    ""
                };
                row.push_str(&td(v, span, w));
            }
            let _ = writeln!(h, "<tr>{row}</tr>");
        }
    }
    h.push_str("</tbody>\n</table>\n");
}

fn table3(spec: &Spec, h: &mut String) {
    let w = spec.style.views as usize;
    table_open(h);
    let _ = writeln!(
        h,
        "<tr>{}{}</tr>",
        td(T3_HEAD_NOTE, " colspan=\"3\" rowspan=\"3\"", w),
        td("申请人情况", " colspan=\"7\"", w)
    );
    let _ = writeln!(
        h,
        "<tr>{}{}{}</tr>",
        td("自然人", " rowspan=\"2\"", w),
        td("法人或其他组织", " colspan=\"5\"", w),
        td("总计", " rowspan=\"2\"", w)
    );
    let heads: String = T3_APPLICANT_COLUMNS.iter().map(|c| td(c, "", w)).collect();
    let _ = writeln!(h, "<tr>{heads}</tr>");
    let lines = t3_lines(spec);
    // Rowspans are counted on the rows actually present.
    let results_rows = lines
        .iter()
        .filter(|l| {
            l.group.is_some()
                || matches!(l.key, "granted" | "partial" | "other" | "processed_total")
        })
        .count();
    for line in &lines {
        let mut row = String::new();
        if let Some(t) = line.top {
            row.push_str(&td(t, &format!(" rowspan=\"{results_rows}\""), w));
        }
        let in_results = line.group.is_some()
            || matches!(
                line.key,
                "granted" | "partial" | "other" | "processed_total"
            );
        if let Some(g) = line.group_start {
            let n = lines.iter().filter(|l| l.group == Some(g)).count();
            row.push_str(&td(g, &format!(" rowspan=\"{n}\""), w));
            row.push_str(&td(line.label, "", w));
        } else if line.group.is_some() {
            row.push_str(&td(line.label, "", w));
        } else if in_results {
            row.push_str(&td(line.label, " colspan=\"2\"", w));
        } else {
            row.push_str(&td(line.label, " colspan=\"3\"", w));
        }
        for v in line.cells.iter().flatten() {
            row.push_str(&td(&v.to_string(), "", w));
        }
        let _ = writeln!(h, "<tr>{row}</tr>");
    }
    h.push_str("</tbody>\n</table>\n");
}

fn table4(spec: &Spec, h: &mut String) {
    let w = spec.style.views as usize;
    table_open(h);
    let _ = writeln!(
        h,
        "<tr>{}{}</tr>",
        td("行政复议", " colspan=\"5\"", w),
        td("行政诉讼", " colspan=\"10\"", w)
    );
    let mut row: String = T4_PARTS
        .iter()
        .map(|p| td(p, " rowspan=\"2\"", w))
        .collect();
    row.push_str(&td("未经复议直接起诉", " colspan=\"5\"", w));
    row.push_str(&td("复议后起诉", " colspan=\"5\"", w));
    let _ = writeln!(h, "<tr>{row}</tr>");
    let row: String = T4_PARTS
        .iter()
        .chain(T4_PARTS.iter())
        .map(|p| td(p, "", w))
        .collect();
    let _ = writeln!(h, "<tr>{row}</tr>");
    let row: String = spec
        .t4
        .iter()
        .map(|v| {
            if *v == 0 && spec.style.blank_zeros {
                td("", "", w)
            } else {
                td(&v.to_string(), "", w)
            }
        })
        .collect();
    let _ = writeln!(h, "<tr>{row}</tr>");
    h.push_str("</tbody>\n</table>\n");
}
