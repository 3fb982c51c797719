//! The interactive inspector. The only module that knows about the terminal.
//!
//! One [`Action`] enum is the app's vocabulary; [`keymap`] maps keys to actions per mode;
//! [`App::update`] changes state; [`draw::draw`] only reads it and returns what it learned
//! about the screen. Loading runs on a background thread and streams reports in.

pub mod action;
pub mod app;
pub mod compare_view;
pub mod correct_popup;
pub mod draw;
pub mod keymap;
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

use crate::cli::args::InspectArgs;
use crate::config::Config;
use anyhow::Context;
use crossterm::event::{self, Event};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Build an app for `args` without touching the terminal (also used by tests).
pub fn app_for(args: &InspectArgs) -> anyhow::Result<App> {
    let config = Config::load(args.config.as_deref()).context("reading the configuration")?;
    let keymap = Keymap::from_config(&config).context("in the key bindings")?;
    let root = args.dir.clone().or_else(|| std::env::current_dir().ok());
    let mut app = App::new(root.clone(), keymap, Theme::from_env());
    app.rule_settings = config.rule_settings().context("in the rule settings")?;
    if let Some(root) = root.filter(|r| r.exists()) {
        let path = args
            .review
            .clone()
            .unwrap_or_else(|| crate::review::default_path(&root));
        app.open_review(&path, config.reviewer());
    }
    Ok(app)
}

pub fn run(args: &InspectArgs) -> anyhow::Result<i32> {
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
            let mut vp = app.viewport;
            let drawn = owner
                .terminal
                .draw(|f| vp = draw::draw(&app, f))
                .map(|_| ());
            owner.end_frame();
            drawn.context("drawing")?;
            app.set_viewport(vp);
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
