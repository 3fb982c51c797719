//! Bytes → report; key sequence → app; drawn at random sizes. No drawn cell may hold a
//! control or bidi character (file text must reach the screen inert).
#![no_main]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use libfuzzer_sys::fuzz_target;
use nianbao::sanitize::is_unsafe;
use nianbao::tui::{App, Keymap, Theme, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const KEYS: &[KeyCode] = &[
    KeyCode::Down,
    KeyCode::Up,
    KeyCode::Left,
    KeyCode::Right,
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::PageDown,
    KeyCode::PageUp,
    KeyCode::Backspace,
];
const CHARS: &str = "jkhlgGsoeyaxcmuUY?123]}[{/nN循化x \u{1b}\u{202e}";

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let (head, rest) = data.split_at(3);
    // At most 63 keys, so a unit stays short under AddressSanitizer (a seed of 20 KB used to
    // become 10,000 keys and 2,500 draws, 16 s a unit); the rest of the input is the file.
    let nkeys = usize::from(head[2] % 64).min(rest.len());
    let (keys, file) = rest.split_at(nkeys);
    let name = if head[0] % 2 == 0 { "r.txt" } else { "r.html" };
    let Some(report) = nianbao_fuzz::report_from_bytes(name, file) else {
        return;
    };
    let mut app = App::new(
        None,
        Keymap::default(),
        Theme {
            color: head[1] % 2 == 0,
        },
    );
    app.load_reports(vec![report], Vec::new());
    let chars: Vec<char> = CHARS.chars().collect();
    for (i, &k) in keys.iter().enumerate() {
        let code = if k < 128 {
            KEYS[usize::from(k) % KEYS.len()]
        } else {
            KeyCode::Char(chars[usize::from(k) % chars.len()])
        };
        let mods = if k % 17 == 0 {
            KeyModifiers::CONTROL
        } else {
            KeyModifiers::NONE
        };
        app.handle_key(&KeyEvent::new(code, mods));
        if app.quit {
            break;
        }
        if i % 4 == 0 || i + 1 == keys.len() {
            let w = 20 + u16::from(k) % 200;
            let h = 5 + u16::from(head[1]) % 60;
            let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
            term.draw(|f| draw::frame(&mut app, f)).expect("draw");
            let buf = term.backend().buffer();
            for cell in &buf.content {
                if let Some(c) = cell.symbol().chars().find(|&c| is_unsafe(c)) {
                    panic!("{c:?} drawn raw at {w}x{h}");
                }
            }
        }
    }
});
