//! The interactive inspector. The only module that knows about the terminal.
//!
//! One [`Action`] enum is the app's vocabulary; [`keymap`] maps keys to actions per mode;
//! [`App::update`] changes state; each frame, [`layout::Plan::build`] decides the geometry,
//! [`App::fit`] fits the scroll offsets to it, and [`draw::draw`] only reads the state.
//! Loading runs on a background thread and streams reports into a [`crate::corpus::Corpus`].

pub mod action;
pub mod app;
pub mod compare_view;
pub mod draw;
pub mod glyphs;
pub mod keymap;
pub mod layout;
pub mod osc52;
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
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
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
}

/// Build an app for `args` without touching the terminal (also used by tests).
pub fn app_for(args: &Options) -> anyhow::Result<App> {
    let config = Config::load(args.config.as_deref()).context("reading the configuration")?;
    let keymap = Keymap::from_config(&config).context("in the key bindings")?;
    let root = args.dir.clone().or_else(|| std::env::current_dir().ok());
    let mut app = App::new(root.clone(), keymap, Theme::from_env());
    if let Some(root) = root.filter(|r| r.exists()) {
        let path = args
            .review
            .clone()
            .unwrap_or_else(|| crate::review::default_path(&root));
        app.open_review(&path, config.reviewer());
    }
    Ok(app)
}

pub fn run(args: &Options) -> anyhow::Result<i32> {
    let mut app = app_for(args)?;
    if let Some(dir) = &app.root
        && !dir.exists()
    {
        anyhow::bail!("{}: no such file or folder", dir.display());
    }
    let term_flag = Arc::new(AtomicBool::new(false));
    let hup_flag = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGTERM, term_flag.clone())
        .context("installing the SIGTERM handler")?;
    signal_hook::flag::register(signal_hook::consts::SIGHUP, hup_flag.clone())
        .context("installing the SIGHUP handler")?;

    let mut owner =
        terminal::TerminalOwner::enter(args.mouse).context("setting up the terminal")?;
    app.start_loading();
    let mut dirty = true;
    let code = loop {
        if term_flag.load(Ordering::Relaxed) {
            break 143;
        }
        if hup_flag.load(Ordering::Relaxed) {
            break 129;
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
            drawn.context("drawing")?;
            dirty = false;
        }
        if app.quit {
            break 0;
        }
        if event::poll(Duration::from_millis(50)).context("reading the keyboard")? {
            match event::read().context("reading the keyboard")? {
                Event::Key(key) => dirty |= app.handle_key(&key),
                Event::Resize(..) => {
                    let _ = owner.terminal.autoresize();
                    dirty = true;
                }
                _ => {}
            }
        }
    };
    drop(owner);
    Ok(code)
}
