//! Keys → actions, one layer per mode, built from the configuration in effect.

use super::action::Action;
use crate::config::{Config, ConfigError, KeyName, KeySpec, NamedKey};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::collections::HashMap;

/// What has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Normal,
    Finder,
    Search,
    Help,
    /// Writing a note on a finding.
    Note,
    /// The year-over-year comparison.
    Compare,
    /// Correcting a table cell.
    Correct,
    /// The overview screen.
    Overview,
}

impl Mode {
    pub const ALL: [Mode; 8] = [
        Mode::Normal,
        Mode::Overview,
        Mode::Finder,
        Mode::Search,
        Mode::Note,
        Mode::Correct,
        Mode::Compare,
        Mode::Help,
    ];

    pub fn config_name(self) -> &'static str {
        match self {
            Mode::Normal => "normal",
            Mode::Finder => "finder",
            Mode::Search => "search",
            Mode::Help => "help",
            Mode::Note => "note",
            Mode::Compare => "compare",
            Mode::Correct => "correct",
            Mode::Overview => "overview",
        }
    }

    /// Modes with a text box: unbound keys edit it.
    fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Finder | Mode::Search | Mode::Note | Mode::Correct
        )
    }
}

/// Per mode, actions in configuration order with their keys.
pub type Listing = Vec<(Mode, Vec<(Action, Vec<KeySpec>)>)>;

#[derive(Debug, Clone)]
pub struct Keymap {
    layers: HashMap<Mode, HashMap<KeySpec, Action>>,
    /// For the help screen: per mode, actions in configuration order with their keys.
    listing: Listing,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::from_config(&Config::defaults()).unwrap_or_else(|_| Keymap {
            layers: HashMap::new(),
            listing: Vec::new(),
        })
    }
}

/// The configuration's view of a terminal key event.
pub fn spec_of(ev: &KeyEvent) -> Option<KeySpec> {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let alt = ev.modifiers.contains(KeyModifiers::ALT);
    let key = match ev.code {
        KeyCode::Char(c) => KeyName::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
        KeyCode::Enter => KeyName::Named(NamedKey::Enter),
        KeyCode::Esc => KeyName::Named(NamedKey::Esc),
        KeyCode::Tab if ev.modifiers.contains(KeyModifiers::SHIFT) => {
            KeyName::Named(NamedKey::BackTab)
        }
        KeyCode::Tab => KeyName::Named(NamedKey::Tab),
        KeyCode::BackTab => KeyName::Named(NamedKey::BackTab),
        KeyCode::Up => KeyName::Named(NamedKey::Up),
        KeyCode::Down => KeyName::Named(NamedKey::Down),
        KeyCode::Left => KeyName::Named(NamedKey::Left),
        KeyCode::Right => KeyName::Named(NamedKey::Right),
        KeyCode::PageUp => KeyName::Named(NamedKey::PageUp),
        KeyCode::PageDown => KeyName::Named(NamedKey::PageDown),
        KeyCode::Home => KeyName::Named(NamedKey::Home),
        KeyCode::End => KeyName::Named(NamedKey::End),
        KeyCode::Backspace => KeyName::Named(NamedKey::Backspace),
        KeyCode::Delete => KeyName::Named(NamedKey::Delete),
        KeyCode::F(n) => KeyName::Named(NamedKey::F(n)),
        _ => return None,
    };
    Some(KeySpec { key, ctrl, alt })
}

impl Keymap {
    pub fn from_config(config: &Config) -> Result<Keymap, ConfigError> {
        let mut layers = HashMap::new();
        let mut listing = Vec::new();
        for mode in Mode::ALL {
            let mut layer = HashMap::new();
            let mut list = Vec::new();
            for (name, keys) in config.mode(mode.config_name()) {
                let action = Action::from_name(name).ok_or_else(|| ConfigError::Action {
                    mode: mode.config_name().to_string(),
                    action: name.clone(),
                })?;
                for k in keys {
                    layer.insert(*k, action);
                }
                if !keys.is_empty() {
                    list.push((action, keys.clone()));
                }
            }
            // Help lists actions in the vocabulary's order, not the file's.
            list.sort_by_key(|(a, _)| Action::NAMED.iter().position(|(n, _, _)| n == a));
            layers.insert(mode, layer);
            listing.push((mode, list));
        }
        Ok(Keymap { layers, listing })
    }

    /// The action for a key event in a mode. Only presses count; in a mode with a text
    /// box, unbound keys edit the text.
    pub fn action(&self, mode: Mode, ev: &KeyEvent) -> Option<Action> {
        if ev.kind != KeyEventKind::Press {
            return None;
        }
        let bound = spec_of(ev).and_then(|s| self.layers.get(&mode)?.get(&s).copied());
        match bound {
            Some(a) => Some(a),
            None if mode.takes_text() => Some(Action::Input(*ev)),
            None => None,
        }
    }

    pub fn listing(&self) -> &Listing {
        &self.listing
    }

    /// The first key bound to `action` in `mode`, for hints.
    /// The key to name in a message about `action` (`未绑定` when nothing is bound).
    pub fn hint(&self, mode: Mode, action: Action) -> String {
        self.key_for(mode, action)
            .unwrap_or_else(|| "未绑定".to_string())
    }

    pub fn key_for(&self, mode: Mode, action: Action) -> Option<String> {
        self.listing
            .iter()
            .find(|(m, _)| *m == mode)?
            .1
            .iter()
            .find(|(a, _)| *a == action)
            .and_then(|(_, k)| k.first())
            .map(|k| k.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventState;

    fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    #[test]
    fn default_keys() {
        let km = Keymap::default();
        let n = |c, m| km.action(Mode::Normal, &key(c, m));
        assert_eq!(
            n(KeyCode::Char('j'), KeyModifiers::NONE),
            Some(Action::Down)
        );
        assert_eq!(n(KeyCode::Down, KeyModifiers::NONE), Some(Action::Down));
        assert_eq!(
            n(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Some(Action::Bottom)
        );
        assert_eq!(
            n(KeyCode::Char('r'), KeyModifiers::CONTROL),
            Some(Action::Reload)
        );
        assert_eq!(
            n(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::ForceQuit)
        );
        assert_eq!(
            n(KeyCode::BackTab, KeyModifiers::SHIFT),
            Some(Action::PrevPane)
        );
        assert_eq!(
            n(KeyCode::Char(']'), KeyModifiers::NONE),
            Some(Action::NextFailure)
        );
        assert_eq!(
            n(KeyCode::Char('}'), KeyModifiers::SHIFT),
            Some(Action::NextFailedReport)
        );
        assert_eq!(
            n(KeyCode::Char('x'), KeyModifiers::NONE),
            Some(Action::Dismiss)
        );
        assert_eq!(
            n(KeyCode::Char('U'), KeyModifiers::SHIFT),
            Some(Action::ToggleUndecided)
        );
        assert_eq!(
            n(KeyCode::Char('z'), KeyModifiers::NONE),
            Some(Action::Zoom)
        );
        assert_eq!(n(KeyCode::Char('v'), KeyModifiers::NONE), None);
    }

    #[test]
    fn finder_keys_type_unless_bound() {
        let km = Keymap::default();
        let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(km.action(Mode::Finder, &j), Some(Action::Input(j)));
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(km.action(Mode::Finder, &q), Some(Action::Input(q)));
        assert_eq!(
            km.action(Mode::Finder, &key(KeyCode::Esc, KeyModifiers::NONE)),
            Some(Action::Cancel)
        );
        assert_eq!(km.action(Mode::Help, &q), Some(Action::Quit));
    }

    #[test]
    fn note_keys_type_chinese_and_ctrl_s_saves() {
        let km = Keymap::default();
        let c = key(KeyCode::Char('请'), KeyModifiers::NONE);
        assert_eq!(km.action(Mode::Note, &c), Some(Action::Input(c)));
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(km.action(Mode::Note, &q), Some(Action::Input(q)));
        assert_eq!(
            km.action(Mode::Note, &key(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            Some(Action::Save)
        );
        assert_eq!(
            km.action(Mode::Compare, &key(KeyCode::Char('3'), KeyModifiers::NONE)),
            Some(Action::ShowT3)
        );
    }

    #[test]
    fn releases_are_ignored() {
        let km = Keymap::default();
        let mut ev = key(KeyCode::Char('j'), KeyModifiers::NONE);
        ev.kind = KeyEventKind::Release;
        ev.state = KeyEventState::NONE;
        assert_eq!(km.action(Mode::Normal, &ev), None);
        ev.kind = KeyEventKind::Repeat;
        assert_eq!(km.action(Mode::Finder, &ev), None);
    }

    #[test]
    fn user_config_rebinds() {
        let c = Config::with_user("[keys.normal]\ndown = [\"ctrl-n\"]\n", "u").unwrap();
        let km = Keymap::from_config(&c).unwrap();
        assert_eq!(
            km.action(Mode::Normal, &key(KeyCode::Char('j'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            km.action(
                Mode::Normal,
                &key(KeyCode::Char('n'), KeyModifiers::CONTROL)
            ),
            Some(Action::Down)
        );
        let bad = Config::with_user("[keys.normal]\nfly = [\"f\"]\n", "u").unwrap();
        assert!(Keymap::from_config(&bad).is_err());
    }
}
