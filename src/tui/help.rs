//! The help screen's text, built from the keymap in effect and [`super::glyphs`]: every
//! action in Chinese with its keys, each key listed once (a key that does the same in a
//! popup as on the main screen is not repeated there), the legend of every glyph and of the
//! tree's counts, and the rule catalogue.

use super::action::Action;
use super::app::App;
use super::keymap::Mode;
use crate::width;
use ratatui::text::{Line, Span};

/// What an action does, in Chinese (as the rest of the interface); `None` for an action
/// this table does not know yet (the help then gives its English description).
pub fn zh(action: Action) -> Option<&'static str> {
    use Action::*;
    Some(match action {
        Quit => "退出 / 关闭弹出框",
        ForceQuit => "立即退出 (写备注时先询问)",
        Cancel => "取消 / 关闭",
        Down => "下移 / 向下滚动",
        Up => "上移 / 向上滚动",
        Left => "收起 (机关树) / 左一列 (表格) / 左移 (原文)",
        Right => "展开 (机关树) / 右一列 (表格) / 右移 (原文)",
        Top => "到顶部",
        Bottom => "到底部",
        PageDown => "下一页",
        PageUp => "上一页",
        NextPane => "下一个窗格",
        PrevPane => "上一个窗格",
        Enter => "打开 / 转到; 发现栏: 详情 (再按: 到单元格); 无法读取的文件: 原因",
        Finder => "模糊查找 (机关、报告、章节; 可用拼音)",
        SourceSearch => "在原文中查找",
        NextHit => "下一个查找结果",
        PrevHit => "上一个查找结果",
        NextFailure => "本报告下一处问题",
        PrevFailure => "本报告上一处问题",
        NextFailedReport => "下一份有错误的报告",
        PrevFailedReport => "上一份有错误的报告",
        Copy => "复制单元格 / 发现 / 无法读取的原因 (OSC 52)",
        Reload => "重新载入文件夹",
        Help => "本帮助",
        ToggleSort => "机关树按名称 (拼音) / 按错误数排序",
        ToggleOnlyErrors => "只显示有错误的报告; 在表格单元格上: 修正 (✐)",
        ToggleSource => "表格 ⇄ 原文 (窄屏)",
        Confirm => "审阅: 确认发现 (✓)",
        Dismiss => "审阅: 驳回发现 (✗)",
        Comment => "审阅: 写备注 (✎; Esc 留作草稿)",
        CycleStatus => "审阅: 报告状态 未开始 → 审阅中 (⋯) → 已审阅 (☑)",
        Undo => "审阅: 撤销上一步 (并说明撤销了什么)",
        Redo => "审阅: 重做撤销的一步",
        ToggleUndecided => "只显示有待定发现的报告",
        YearOverYear => "逐年对比: 本报告与上一年并列",
        Save => "保存",
        ShowT2 => "表二",
        ShowT3 => "表三",
        ShowT4 => "表四",
        FirstColumn => "表格: 第一列",
        LastColumn => "表格: 最后一列",
        Zoom => "放大当前窗格 (再按还原)",
        ToggleWrap => "原文: 长行折行显示 (再按: 用 h/l 左右滚动)",
        ClearQuery => "清空输入",
        Overview => "总览: 报告数、各规则发现、逾期、指标",
        Input(_) => return None,
    })
}

fn mode_title(mode: Mode) -> &'static str {
    match mode {
        Mode::Normal => "主界面",
        Mode::Finder => "查找框 (其他键输入文字)",
        Mode::Search => "原文查找框",
        Mode::Help => "帮助",
        Mode::Note => "备注框 (其他键输入文字, Enter 换行)",
        Mode::Correct => "修正单元格 (其他键输入文字)",
        Mode::Compare => "逐年对比",
        Mode::Overview => "总览 (Enter: 筛选机关树 / 列出超出阈值的报告)",
    }
}

/// Every line of the help screen.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let t = &app.theme;
    let listing = app.keymap.listing();
    let normal: &[(Action, Vec<crate::config::KeySpec>)] = listing
        .iter()
        .find(|(m, _)| *m == Mode::Normal)
        .map_or(&[], |(_, l)| l.as_slice());
    let mut out = Vec::new();
    for legend in super::glyphs::legend() {
        out.push(Line::styled(legend, t.dim()));
    }
    out.push(Line::raw(""));
    for (mode, list) in listing {
        // In a popup, what its keys do that the main screen's same keys do not.
        let own: Vec<_> = list
            .iter()
            .filter(|(a, keys)| {
                *mode == Mode::Normal || !normal.iter().any(|(na, nk)| na == a && nk == keys)
            })
            .collect();
        let title = if *mode == Mode::Normal {
            mode_title(*mode).to_string()
        } else if own.is_empty() {
            format!("{} (按键同主界面)", mode_title(*mode))
        } else {
            format!("{} (其余同主界面)", mode_title(*mode))
        };
        out.push(Line::styled(title, t.title()));
        for (action, keys) in own {
            let k: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
            out.push(Line::from(vec![
                Span::styled(
                    width::pad_right(&format!("  {}", k.join(" ")), 22),
                    t.warning(),
                ),
                Span::raw(zh(*action).unwrap_or(action.description())),
            ]));
        }
        out.push(Line::raw(""));
    }
    // The rule catalogue, as `nianbao rules` prints it.
    out.push(Line::styled("规则 (nianbao rules)".to_string(), t.title()));
    for rule in crate::validate::rules() {
        out.push(Line::from(vec![
            Span::styled(
                format!("  {:<4} {:<8}", rule.id, rule.severity.as_str()),
                t.warning(),
            ),
            Span::raw(rule.description),
        ]));
    }
    out
}
