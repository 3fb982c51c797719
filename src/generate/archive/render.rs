//! Writing a document of the archive as a web page or as text copied from one: paragraphs
//! with blank lines between, its statistics table one cell per line (`Cells`), as bar rows
//! (`Bars`) or tab-separated (`Tabs`).

use super::{Doc, Piece};
use crate::generate::Layout;
use crate::generate::names::Agency;
use std::fmt::Write;

pub fn render(doc: &Doc, agency: &Agency, layout: Layout, gbk: bool) -> String {
    match layout {
        Layout::Html => html(doc, agency, gbk),
        _ => text(doc, layout),
    }
}

fn text(doc: &Doc, layout: Layout) -> String {
    let mut b: Vec<String> = vec![doc.title.clone()];
    if let Some(d) = doc.published {
        b.push(format!("发布日期：{d}"));
    }
    for piece in &doc.body {
        match piece {
            Piece::Heading(t) | Piece::Para(t) => b.push(t.clone()),
            Piece::Table(rows) => match layout {
                Layout::Bars => {
                    let lines: Vec<String> = rows
                        .iter()
                        .map(|r| format!("{} |", r.join(" | ")))
                        .collect();
                    b.push(lines.join("\n"));
                }
                Layout::Tabs => {
                    let lines: Vec<String> = rows.iter().map(|r| r.join("\t")).collect();
                    b.push(lines.join("\n"));
                }
                // One cell per line; an empty cell leaves nothing.
                _ => b.extend(rows.iter().flatten().filter(|c| !c.is_empty()).cloned()),
            },
            Piece::Signature(name, date) => b.push(format!("{name}\n{date}")),
        }
    }
    let mut out = b.join("\n\n");
    out.push('\n');
    out
}

fn html(doc: &Doc, agency: &Agency, gbk: bool) -> String {
    let charset = if gbk { "gbk" } else { "utf-8" };
    let site = format!("{}人民政府", agency.county);
    let t = &doc.title;
    let mut h = String::with_capacity(8 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\">\n\
<title>{t}-{site}</title>\n</head>\n<body>\n\
<div class=\"nav\"><a href=\"/\">首页</a> | <a href=\"/zwgk/\">政务公开</a> | <a href=\"/zwfw/\">政务服务</a></div>\n\
<div class=\"position\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政府信息公开</a></div>\n\
<div class=\"article\">\n<h1>{t}</h1>\n"
    );
    if let Some(d) = doc.published {
        let _ = writeln!(
            h,
            "<div class=\"info\">发布时间：{d}&nbsp;&nbsp;来源：{}</div>",
            agency.short
        );
    }
    h.push_str("<div class=\"TRS_Editor\">\n");
    for piece in &doc.body {
        match piece {
            Piece::Heading(t) => {
                let _ = writeln!(h, "<p><strong>{t}</strong></p>");
            }
            Piece::Para(t) => {
                let _ = writeln!(h, "<p style=\"text-indent:2em\">{t}</p>");
            }
            Piece::Table(rows) => {
                h.push_str("<table border=\"1\" cellspacing=\"0\">\n");
                for r in rows {
                    h.push_str("<tr>");
                    for c in r {
                        let c = if c.is_empty() { "&nbsp;" } else { c };
                        let _ = write!(h, "<td><p>{c}</p></td>");
                    }
                    h.push_str("</tr>\n");
                }
                h.push_str("</table>\n");
            }
            Piece::Signature(name, date) => {
                let _ = write!(
                    h,
                    "<p style=\"text-align:right\">{name}</p>\n<p style=\"text-align:right\">{date}</p>\n"
                );
            }
        }
    }
    let _ = write!(
        h,
        "</div>\n</div>\n<div class=\"footer\">\n<p>主办：{site}办公室&nbsp;&nbsp;承办：{}政务服务中心</p>\n</div>\n</body>\n</html>\n",
        agency.county
    );
    h
}
