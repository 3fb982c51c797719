//! The one owner of the terminal: raw mode and the alternate screen are entered here and
//! restored in `Drop`, in a panic hook chained to the previous one, and (via the flags the
//! event loop checks) on SIGTERM and SIGHUP.

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

static HOOK: Once = Once::new();
/// Whether the terminal is currently in our modes (so restoring twice is harmless).
static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Put the terminal back as we found it. Safe to call more than once.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if MOUSE.load(Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(
        out,
        EndSynchronizedUpdate,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

pub struct TerminalOwner {
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl TerminalOwner {
    pub fn enter(mouse: bool) -> io::Result<TerminalOwner> {
        HOOK.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                restore();
                previous(info);
            }));
        });
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        MOUSE.store(mouse, Ordering::SeqCst);
        let mut out = io::stdout();
        let entered = execute!(out, EnterAlternateScreen, cursor::Hide).and_then(|_| {
            if mouse {
                execute!(out, EnableMouseCapture)
            } else {
                Ok(())
            }
        });
        if let Err(e) = entered {
            restore();
            return Err(e);
        }
        match Terminal::new(CrosstermBackend::new(out)) {
            Ok(terminal) => Ok(TerminalOwner { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }

    pub fn begin_frame(&mut self) {
        let _ = execute!(self.terminal.backend_mut(), BeginSynchronizedUpdate);
    }

    pub fn end_frame(&mut self) {
        let _ = execute!(self.terminal.backend_mut(), EndSynchronizedUpdate);
    }

    /// Write an OSC 52 clipboard sequence (our own bytes, never text from a file
    /// unencoded: the payload is base64).
    pub fn copy(&mut self, text: &str) {
        let seq = super::osc52::sequence(text);
        let b = self.terminal.backend_mut();
        let _ = b.write_all(seq.as_bytes());
        let _ = b.flush();
    }
}

impl Drop for TerminalOwner {
    fn drop(&mut self) {
        restore();
    }
}
