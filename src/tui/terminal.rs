//! The one owner of the terminal: raw mode and the alternate screen are entered here and
//! restored in `Drop`, in a panic hook chained to the previous one, and on every catchable
//! signal.
//!
//! SIGTERM and SIGHUP set flags the event loop checks (it then saves, releases the review
//! lock and exits 143 or 129); a watchdog ends the process the same way if the loop does not
//! get there in time. Every other signal whose default action ends the process (SIGINT and
//! SIGQUIT sent with `kill`, SIGUSR1/2, SIGALRM, SIGABRT from an allocation failure or a
//! stack overflow, …) restores the terminal from the signal handler itself (only
//! async-signal-safe calls: `write`, `tcsetattr`) and then dies by the same signal, so the
//! shell sees the usual 128+N status. SIGTSTP restores, stops, and re-enters on SIGCONT.

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{self, Stdout, Write};
use std::mem::ManuallyDrop;
use std::os::fd::RawFd;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Arc, Once, OnceLock};
use std::time::{Duration, Instant};

static HOOK: Once = Once::new();
static SIGNALS: Once = Once::new();
/// Whether the terminal is currently in our modes (so restoring twice is harmless).
static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);
/// Set after a stop and continue (SIGTSTP/SIGCONT): the screen must be drawn anew.
static REDRAW: AtomicBool = AtomicBool::new(false);
/// The terminal's settings before raw mode, and in raw mode (for the signal handlers).
static COOKED: OnceLock<libc::termios> = OnceLock::new();
static RAW: OnceLock<libc::termios> = OnceLock::new();
/// The file descriptor keys are read from: stdin when it is a terminal, else `/dev/tty`
/// (the same choice crossterm makes). -1 until known.
static TTY_FD: AtomicI32 = AtomicI32::new(-1);

/// What the handlers write to leave our modes: mouse reports off, synchronized update off,
/// main screen, cursor shown.
const LEAVE: &[u8] =
    b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?2026l\x1b[?1049l\x1b[?25h";
/// What the SIGCONT handler writes to enter them again (alternate screen, cursor hidden).
const ENTER: &[u8] = b"\x1b[?1049h\x1b[?25l";
const ENTER_MOUSE: &[u8] = b"\x1b[?1000h\x1b[?1002h\x1b[?1003h\x1b[?1015h\x1b[?1006h";

/// Signals whose default action ends the process and that can be caught. SIGTERM and SIGHUP
/// are handled by the event loop; SIGPIPE stays ignored (Rust's default); SIGSEGV, SIGBUS,
/// SIGILL and SIGFPE belong to the runtime's own handlers.
const FATAL: &[libc::c_int] = &[
    libc::SIGINT,
    libc::SIGQUIT,
    libc::SIGUSR1,
    libc::SIGUSR2,
    libc::SIGALRM,
    libc::SIGABRT,
    libc::SIGTRAP,
    libc::SIGVTALRM,
    libc::SIGPROF,
    libc::SIGXCPU,
    libc::SIGXFSZ,
    libc::SIGIO,
    libc::SIGPWR,
    libc::SIGSYS,
    libc::SIGSTKFLT,
];

fn tty_fd() -> RawFd {
    let fd = TTY_FD.load(Ordering::SeqCst);
    if fd >= 0 {
        return fd;
    }
    // SAFETY: isatty and open with a NUL-terminated path have no memory-safety preconditions.
    let fd = unsafe {
        if libc::isatty(libc::STDIN_FILENO) == 1 {
            libc::STDIN_FILENO
        } else {
            libc::open(c"/dev/tty".as_ptr(), libc::O_RDWR | libc::O_CLOEXEC)
        }
    };
    TTY_FD.store(fd, Ordering::SeqCst);
    fd
}

fn termios_of(fd: RawFd) -> Option<libc::termios> {
    // SAFETY: tcgetattr writes a termios into the zeroed value we own.
    unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        (libc::tcgetattr(fd, &mut t) == 0).then_some(t)
    }
}

/// Write all of `bytes` to stdout with `write(2)` only (async-signal-safe).
fn raw_write(bytes: &[u8]) {
    let mut rest = bytes;
    while !rest.is_empty() {
        // SAFETY: the pointer and length describe a live slice.
        let n = unsafe { libc::write(libc::STDOUT_FILENO, rest.as_ptr().cast(), rest.len()) };
        if n <= 0 {
            if n < 0 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return;
        }
        rest = &rest[n as usize..];
    }
}

/// Leave our modes from a signal handler: only atomics, `write` and `tcsetattr`.
fn restore_from_signal() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    raw_write(LEAVE);
    if let Some(t) = COOKED.get() {
        // SAFETY: tcsetattr reads the termios we saved; fd is the one raw mode was set on.
        unsafe {
            libc::tcsetattr(TTY_FD.load(Ordering::SeqCst), libc::TCSANOW, t);
        }
    }
}

/// Enter our modes again after SIGCONT (from the handler: atomics, `write`, `tcsetattr`).
fn reenter_from_signal() {
    let Some(raw) = RAW.get() else { return };
    // SAFETY: as in restore_from_signal.
    unsafe {
        libc::tcsetattr(TTY_FD.load(Ordering::SeqCst), libc::TCSANOW, raw);
    }
    raw_write(ENTER);
    if MOUSE.load(Ordering::SeqCst) {
        raw_write(ENTER_MOUSE);
    }
    ACTIVE.store(true, Ordering::SeqCst);
    REDRAW.store(true, Ordering::SeqCst);
}

fn install_signal_handlers() {
    SIGNALS.call_once(|| {
        for &sig in FATAL {
            // SAFETY: the action only calls async-signal-safe functions (atomics, write,
            // tcsetattr, and signal-hook's emulation of the default action).
            let _ = unsafe {
                signal_hook::low_level::register(sig, move || {
                    restore_from_signal();
                    let _ = signal_hook::low_level::emulate_default_handler(sig);
                })
            };
        }
        // SAFETY: as above; raising SIGSTOP stops the process until SIGCONT.
        let _ = unsafe {
            signal_hook::low_level::register(libc::SIGTSTP, || {
                let was_active = ACTIVE.load(Ordering::SeqCst);
                restore_from_signal();
                let _ = signal_hook::low_level::raise(libc::SIGSTOP);
                if was_active {
                    reenter_from_signal();
                }
            })
        };
    });
}

/// Whether the screen must be drawn anew (after the process was stopped and continued).
pub fn take_redraw() -> bool {
    REDRAW.swap(false, Ordering::SeqCst)
}

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

/// What waiting for input found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Bytes (or a resize) may be waiting: ask crossterm.
    Ready,
    /// Nothing within the timeout.
    Idle,
    /// The terminal is gone (hangup, end of input, read error): never read from it again.
    Gone,
}

/// Wait up to `timeout` for input on the terminal, telling a hangup apart *before* anything
/// reads: crossterm's reader loops forever on `read() = 0` or `EIO` once the terminal is
/// gone, so it must only be called when this says [`Input::Ready`] or [`Input::Idle`].
pub fn wait_input(timeout: Duration) -> Input {
    let fd = tty_fd();
    if fd < 0 {
        return Input::Gone;
    }
    let mut p = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
    // SAFETY: one pollfd we own.
    let n = unsafe { libc::poll(&mut p, 1, ms) };
    if n < 0 {
        return match io::Error::last_os_error().kind() {
            io::ErrorKind::Interrupted => Input::Idle,
            _ => Input::Gone,
        };
    }
    if p.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        return Input::Gone;
    }
    if n == 0 {
        return Input::Idle;
    }
    if at_end_of_input(fd) {
        return Input::Gone;
    }
    Input::Ready
}

/// Readable with nothing to read: end of input. (On a terminal in raw mode `FIONREAD`
/// reports the bytes waiting; zero while `poll` says readable means end of file.)
fn at_end_of_input(fd: RawFd) -> bool {
    let mut waiting: libc::c_int = 0;
    // SAFETY: FIONREAD writes one c_int.
    let r = unsafe { libc::ioctl(fd, libc::FIONREAD, &mut waiting) };
    r == 0 && waiting == 0
}

/// Ends the process if the event loop has not acted on a SIGTERM/SIGHUP or a dead terminal
/// within `grace` (the loop may be stuck in a read or in a long computation). Returns the
/// flags the loop checks: (SIGTERM, hangup).
pub fn start_watchdog(grace: Duration) -> io::Result<(Arc<AtomicBool>, Arc<AtomicBool>)> {
    let term = Arc::new(AtomicBool::new(false));
    let hup = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGTERM, term.clone())?;
    signal_hook::flag::register(signal_hook::consts::SIGHUP, hup.clone())?;
    let (t, h) = (term.clone(), hup.clone());
    std::thread::Builder::new()
        .name("nianbao-watchdog".into())
        .spawn(move || {
            let mut since: Option<Instant> = None;
            loop {
                std::thread::sleep(Duration::from_millis(100));
                let gone = h.load(Ordering::SeqCst) || tty_hung_up();
                let pending = gone || t.load(Ordering::SeqCst);
                match (pending, since) {
                    (false, _) => since = None,
                    (true, None) => since = Some(Instant::now()),
                    (true, Some(s)) if s.elapsed() >= grace => {
                        restore_from_signal();
                        // Every decision was saved when it was made; the kernel releases
                        // the review lock with the process.
                        // SAFETY: _exit ends the process without running destructors.
                        unsafe { libc::_exit(if gone { 129 } else { 143 }) };
                    }
                    _ => {}
                }
            }
        })?;
    Ok((term, hup))
}

/// Whether the terminal reports a hangup (without reading from it).
fn tty_hung_up() -> bool {
    let fd = TTY_FD.load(Ordering::SeqCst);
    if fd < 0 {
        return false;
    }
    let mut p = libc::pollfd {
        fd,
        events: 0,
        revents: 0,
    };
    // SAFETY: one pollfd we own; timeout 0 never blocks.
    let n = unsafe { libc::poll(&mut p, 1, 0) };
    n > 0 && p.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

pub struct TerminalOwner {
    /// Dropped only while the terminal can still be written: ratatui's `Drop` reports a
    /// failure to show the cursor with `eprintln!`, which panics once the terminal is gone.
    pub terminal: ManuallyDrop<Terminal<CrosstermBackend<Stdout>>>,
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
        let fd = tty_fd();
        if let Some(t) = termios_of(fd) {
            let _ = COOKED.set(t);
        }
        install_signal_handlers();
        enable_raw_mode()?;
        if let Some(t) = termios_of(fd) {
            let _ = RAW.set(t);
        }
        MOUSE.store(mouse, Ordering::SeqCst);
        ACTIVE.store(true, Ordering::SeqCst);
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
            Ok(terminal) => Ok(TerminalOwner {
                terminal: ManuallyDrop::new(terminal),
            }),
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
        if self.terminal.show_cursor().is_ok() {
            // SAFETY: dropped once, here, and never used again.
            unsafe { ManuallyDrop::drop(&mut self.terminal) };
        }
        // Otherwise the terminal is gone: its buffers are left to the process's exit.
    }
}
