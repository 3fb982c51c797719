//! The interactive inspector. The only module that knows about the terminal.
//!
//! One [`Action`] enum is the app's vocabulary; [`keymap`] maps keys to actions per mode;
//! [`App::update`] changes state; each frame, [`layout::Plan::build`] decides the geometry,
//! [`App::fit`] fits the scroll offsets to it, and [`draw::draw`] only reads the state.
//! Loading runs on a background thread and streams reports into a [`crate::corpus::Corpus`].

pub mod action;
pub mod app;
pub mod compare_view;
pub mod correct_popup;
pub mod draw;
pub mod finding_popup;
pub mod glyphs;
pub mod help;
pub mod keymap;
pub mod layout;
pub mod osc52;
pub mod overview;
pub mod panes;
pub mod popups;
pub mod terminal;
pub mod theme;
pub mod view;

pub use action::Action;
pub use app::{App, Pane};
pub use keymap::{Keymap, Mode};
pub use theme::Theme;

use crate::config::Config;
use anyhow::Context;
use crossterm::event::{self, Event};
use std::sync::atomic::Ordering;
use std::time::Duration;

/// What the inspector is started with (plain options: the CLI converts its arguments).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The folder (or file) to open; the current folder when `None`.
    pub dir: Option<std::path::PathBuf>,
    /// Capture the mouse.
    pub mouse: bool,
    /// The review file, else `REVIEW.json` beside the reports.
    pub review: Option<std::path::PathBuf>,
    /// The configuration file, else the usual places.
    pub config: Option<std::path::PathBuf>,
    /// Start on the tree even when the folder holds more than one agency (else the
    /// overview comes first).
    pub no_overview: bool,
}

/// Build an app for `args` without touching the terminal (also used by tests).
pub fn app_for(args: &Options) -> anyhow::Result<App> {
    app_for_user(args, std::env::var("USER").ok().as_deref())
}

/// [`app_for`] with `user` standing for `$USER`. When neither the configuration nor
/// `$USER` names the reviewer, the status bar says so once.
pub fn app_for_user(args: &Options, user: Option<&str>) -> anyhow::Result<App> {
    let config = Config::load(args.config.as_deref()).context("reading the configuration")?;
    let keymap = Keymap::from_config(&config).context("in the key bindings")?;
    let root = args.dir.clone().or_else(|| std::env::current_dir().ok());
    let mut app = App::new(root.clone(), keymap, Theme::from_env());
    app.rule_settings = config.rule_settings().context("in the rule settings")?;
    app.indicator_config = config.indicators;
    app.overview_first = !args.no_overview;
    if let Some(root) = root.filter(|r| r.exists()) {
        let path = args
            .review
            .clone()
            .unwrap_or_else(|| crate::review::default_path(&root));
        match config.reviewer_from(user) {
            Some(reviewer) => app.open_review(&path, reviewer),
            None => {
                app.open_review(&path, "unknown".to_string());
                app.message = Some(
                    "审阅人未设置 ($USER 为空, 配置中无 reviewer): 决定记为 unknown".to_string(),
                );
            }
        }
    }
    Ok(app)
}

/// Exit status after a hangup (end of input, a read error, SIGHUP): 128 + SIGHUP.
pub const EXIT_HANGUP: i32 = 129;
/// Exit status after SIGTERM: 128 + SIGTERM.
pub const EXIT_TERM: i32 = 143;
/// Events handled between two frames at most (a paste must not starve drawing).
const MAX_EVENTS_PER_FRAME: usize = 256;

/// Save what is not saved yet: a note being written is kept as the finding's note.
fn save_pending(app: &mut App) {
    if app.mode == Mode::Note && app.note.is_some() && app.review_read_only().is_none() {
        app.update(Action::Save);
    }
}

pub fn run(args: &Options) -> anyhow::Result<i32> {
    let mut app = app_for(args)?;
    if let Some(dir) = &app.root {
        crate::ingest::check_root(dir)?;
    }
    // SIGTERM/SIGHUP set these; a watchdog ends the process if the loop cannot act on them.
    let (term_flag, hup_flag) = terminal::start_watchdog(Duration::from_secs(2))
        .context("installing the signal handlers")?;

    let mut owner =
        terminal::TerminalOwner::enter(args.mouse).context("setting up the terminal")?;
    app.start_loading();
    let mut dirty = true;
    let code = 'run: loop {
        if term_flag.load(Ordering::Relaxed) {
            break EXIT_TERM;
        }
        if hup_flag.load(Ordering::Relaxed) {
            break EXIT_HANGUP;
        }
        if terminal::take_redraw() {
            let _ = owner.terminal.clear();
            dirty = true;
        }
        dirty |= app.pump();
        for text in std::mem::take(&mut app.clipboard) {
            owner.copy(&text);
        }
        if dirty {
            owner.begin_frame();
            let drawn = owner
                .terminal
                .draw(|f| draw::frame(&mut app, f))
                .map(|_| ());
            owner.end_frame();
            if drawn.is_err() {
                break EXIT_HANGUP; // the terminal cannot be written: it is gone
            }
            dirty = false;
        }
        if app.quit {
            break 0;
        }
        // Never let crossterm read a terminal that is gone (it would spin on read() = 0).
        if terminal::wait_input(Duration::from_millis(50)) == terminal::Input::Gone {
            break EXIT_HANGUP;
        }
        for _ in 0..MAX_EVENTS_PER_FRAME {
            match event::poll(Duration::ZERO) {
                Ok(false) => break,
                Ok(true) => {}
                Err(_) => break 'run EXIT_HANGUP,
            }
            match event::read() {
                Ok(Event::Key(key)) => dirty |= app.handle_key(&key),
                Ok(Event::Resize(..)) => {
                    let _ = owner.terminal.autoresize();
                    dirty = true;
                }
                Ok(_) => {}
                Err(_) => break 'run EXIT_HANGUP,
            }
            if app.quit {
                break;
            }
        }
    };
    if code != 0 {
        // A hangup or SIGTERM: keep the note being written (every decision is already saved).
        save_pending(&mut app);
    }
    drop(owner);
    // Dropping the review releases its lock.
    drop(app);
    Ok(code)
}
