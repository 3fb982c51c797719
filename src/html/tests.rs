use super::*;

#[test]
fn paragraphs_and_breaks() {
    let t = render("<p>一、总体 情况</p><div>a<br>b<br><br><br>c</div>");
    assert_eq!(t, "一、总体 情况\na\nb\n\nc\n");
}

#[test]
fn source_line_breaks_are_spaces() {
    assert_eq!(render("<p>本年新\n   制作数量</p>"), "本年新 制作数量\n");
    assert_eq!(render("<p>2020\n年</p>"), "2020 年\n");
    assert_eq!(render("<td>本年新<br>制作数量</td>"), "本年新\n制作数量\n");
    assert_eq!(
        render("<table><td>本年新<br>\n制作数量</td></table>"),
        "| 本年新制作数量 |\n"
    );
}

#[test]
fn title_first_and_scripts_skipped() {
    let t = render(
        "<html><head><title>年度 报告</title><style>p{}</style></head>\
         <body><script>var x=1;</script><p>正文</p></body></html>",
    );
    assert_eq!(t, "年度 报告\n\n正文\n");
}

#[test]
fn simple_table() {
    let t = render("<table><tr><td>规章</td><td>3</td></tr><tr><td>a|b</td></tr></table>");
    assert_eq!(t, "| 规章 | 3 |\n| a¦b  |   |\n");
}
