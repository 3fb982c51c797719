//! Configuration: key bindings per mode, from TOML. The defaults are compiled in
//! (`config/default.toml`); a user file is merged over them. Nothing here knows about the
//! terminal: keys are [`KeySpec`]s, actions are names the inspector resolves. Never writes
//! a file.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

pub const DEFAULT_TOML: &str = include_str!("../config/default.toml");

/// A named (non-character) key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NamedKey {
    Enter,
    Esc,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Backspace,
    Delete,
    F(u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyName {
    Char(char),
    Named(NamedKey),
}

/// One key with modifiers. Shift is part of the character (`G`) or the name (`backtab`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeySpec {
    pub key: KeyName,
    pub ctrl: bool,
    pub alt: bool,
}

impl KeySpec {
    pub fn parse(s: &str) -> Result<KeySpec, ConfigError> {
        let bad = || ConfigError::Key(s.to_string());
        let mut rest = s;
        let (mut ctrl, mut alt) = (false, false);
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                ctrl = true;
                rest = &rest[5..];
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let key = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyName::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            _ => KeyName::Named(match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => NamedKey::Enter,
                "esc" | "escape" => NamedKey::Esc,
                "tab" => NamedKey::Tab,
                "backtab" | "shift-tab" => NamedKey::BackTab,
                "up" => NamedKey::Up,
                "down" => NamedKey::Down,
                "left" => NamedKey::Left,
                "right" => NamedKey::Right,
                "pageup" | "pgup" => NamedKey::PageUp,
                "pagedown" | "pgdn" => NamedKey::PageDown,
                "home" => NamedKey::Home,
                "end" => NamedKey::End,
                "backspace" => NamedKey::Backspace,
                "delete" | "del" => NamedKey::Delete,
                "space" => {
                    return Ok(KeySpec {
                        key: KeyName::Char(' '),
                        ctrl,
                        alt,
                    });
                }
                f if f.starts_with('f') => {
                    let n: u8 = f[1..].parse().map_err(|_| bad())?;
                    if !(1..=12).contains(&n) {
                        return Err(bad());
                    }
                    NamedKey::F(n)
                }
                _ => return Err(bad()),
            }),
        };
        Ok(KeySpec { key, ctrl, alt })
    }
}

impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.key {
            KeyName::Char(' ') => f.write_str("Space"),
            KeyName::Char(c) => write!(f, "{c}"),
            KeyName::Named(n) => match n {
                NamedKey::Enter => f.write_str("Enter"),
                NamedKey::Esc => f.write_str("Esc"),
                NamedKey::Tab => f.write_str("Tab"),
                NamedKey::BackTab => f.write_str("Shift-Tab"),
                NamedKey::Up => f.write_str("↑"),
                NamedKey::Down => f.write_str("↓"),
                NamedKey::Left => f.write_str("←"),
                NamedKey::Right => f.write_str("→"),
                NamedKey::PageUp => f.write_str("PgUp"),
                NamedKey::PageDown => f.write_str("PgDn"),
                NamedKey::Home => f.write_str("Home"),
                NamedKey::End => f.write_str("End"),
                NamedKey::Backspace => f.write_str("Backspace"),
                NamedKey::Delete => f.write_str("Del"),
                NamedKey::F(n) => write!(f, "F{n}"),
            },
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("unknown key {0:?}")]
    Key(String),
    // The cause is part of the message and deliberately not a `source`: `{:#}` would
    // print it twice.
    #[error("{path}: {error}")]
    Toml {
        path: String,
        error: toml::de::Error,
    },
    #[error("{path}: {error}")]
    Io { path: String, error: std::io::Error },
    #[error("[indicators]: {0}")]
    Indicators(String),
    #[error("unknown action {action:?} in [keys.{mode}]")]
    Action { mode: String, action: String },
    #[error("{0}")]
    Rules(#[from] crate::validate::settings::SettingsError),
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum KeyList {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    /// The name recorded with review decisions; empty: `$USER`.
    #[serde(default)]
    reviewer: Option<String>,
    #[serde(default)]
    keys: BTreeMap<String, BTreeMap<String, KeyList>>,
    /// Indicator minimums and risk thresholds; each key given replaces its default.
    #[serde(default)]
    indicators: Option<toml::Table>,
    /// Rule id → "error" | "warning" | "info" | "off".
    #[serde(default)]
    rules: BTreeMap<String, String>,
    /// Rule id → threshold in percent (C07).
    #[serde(default)]
    thresholds: BTreeMap<String, f64>,
}

/// Key bindings: mode → action name → keys, in the order written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// The reviewer's name as configured (may be empty: see [`Config::reviewer`]).
    pub reviewer: String,
    pub keys: BTreeMap<String, Vec<(String, Vec<KeySpec>)>>,
    /// The user file merged over the defaults, if any.
    pub source: Option<PathBuf>,
    /// `[indicators]`: minimum denominators and risk thresholds.
    pub indicators: crate::indicators::IndicatorConfig,
    /// `[rules]`: rule id → level, as written.
    pub rules: BTreeMap<String, String>,
    /// `[thresholds]`: rule id → percent.
    pub thresholds: BTreeMap<String, f64>,
}

fn parse_file(text: &str, path: &str) -> Result<ConfigFile, ConfigError> {
    toml::from_str(text).map_err(|error| ConfigError::Toml {
        path: path.to_string(),
        error,
    })
}

impl Config {
    /// The compiled-in defaults.
    pub fn defaults() -> Config {
        let mut c = Config::default();
        // The defaults are part of the program and tested; an error here is a bug.
        if let Ok(file) = parse_file(DEFAULT_TOML, "default.toml") {
            let _ = c.merge(file);
        }
        c
    }

    /// Defaults with `user` (TOML text) merged over them.
    pub fn with_user(user: &str, path: &str) -> Result<Config, ConfigError> {
        let mut c = Config::defaults();
        c.merge(parse_file(user, path)?)?;
        c.source = Some(PathBuf::from(path));
        Ok(c)
    }

    /// The name recorded with review decisions: configured, else `$USER`.
    pub fn reviewer(&self) -> String {
        let r = self.reviewer.trim();
        if r.is_empty() {
            crate::review::default_reviewer()
        } else {
            r.to_string()
        }
    }

    /// The configured reviewer, else `user` (the value of `$USER`); none when both are
    /// unset or empty (decisions are then recorded as `unknown`).
    pub fn reviewer_from(&self, user: Option<&str>) -> Option<String> {
        [Some(self.reviewer.trim()), user.map(str::trim)]
            .into_iter()
            .flatten()
            .find(|r| !r.is_empty())
            .map(str::to_string)
    }

    fn merge(&mut self, file: ConfigFile) -> Result<(), ConfigError> {
        if let Some(r) = file.reviewer {
            self.reviewer = r;
        }
        if let Some(given) = file.indicators {
            self.indicators = merge_indicators(&self.indicators, given)?;
        }
        self.rules.extend(file.rules);
        self.thresholds.extend(file.thresholds);
        self.rule_settings()?;
        for (mode, actions) in file.keys {
            let list = self.keys.entry(mode).or_default();
            for (action, keys) in actions {
                let names = match keys {
                    KeyList::One(k) => vec![k],
                    KeyList::Many(v) => v,
                };
                let specs = names
                    .iter()
                    .map(|k| KeySpec::parse(k))
                    .collect::<Result<Vec<_>, _>>()?;
                for (_, other) in list.iter_mut() {
                    other.retain(|k| !specs.contains(k));
                }
                match list.iter_mut().find(|(a, _)| *a == action) {
                    Some((_, v)) => *v = specs,
                    None => list.push((action, specs)),
                }
            }
        }
        Ok(())
    }

    /// Load the defaults and the first user file found: `explicit` (`--config`), then
    /// `$NIANBAO_CONFIG` (both must exist), then `$XDG_CONFIG_HOME/nianbao/config.toml`,
    /// then `~/.config/nianbao/config.toml` (used when present).
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        Self::load_with_env(explicit, |k| std::env::var_os(k).map(PathBuf::from))
    }

    pub fn load_with_env(
        explicit: Option<&Path>,
        env: impl Fn(&str) -> Option<PathBuf>,
    ) -> Result<Config, ConfigError> {
        for (path, required) in candidates(explicit, env) {
            match std::fs::read_to_string(&path) {
                Ok(text) => return Config::with_user(&text, &path.to_string_lossy()),
                Err(e) if required || e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(ConfigError::Io {
                        path: path.to_string_lossy().into_owned(),
                        error: e,
                    });
                }
                Err(_) => {}
            }
        }
        Ok(Config::defaults())
    }

    /// The rule settings in effect (`[rules]`, `[thresholds]`).
    pub fn rule_settings(&self) -> Result<crate::validate::Settings, ConfigError> {
        crate::validate::Settings::new(&self.rules, &self.thresholds).map_err(ConfigError::Rules)
    }

    /// Bindings of one mode.
    pub fn mode(&self, mode: &str) -> &[(String, Vec<KeySpec>)] {
        self.keys.get(mode).map_or(&[], |v| v.as_slice())
    }
}

/// `given` keys of `[indicators]` over `base`: unknown keys and values that are not numbers
/// are errors.
fn merge_indicators(
    base: &crate::indicators::IndicatorConfig,
    given: toml::Table,
) -> Result<crate::indicators::IndicatorConfig, ConfigError> {
    let bad = |e: &dyn fmt::Display| ConfigError::Indicators(e.to_string());
    let mut table = toml::Table::try_from(base).map_err(|e| bad(&e))?;
    for (k, v) in given {
        // Integers are accepted where a fraction or count is expected.
        let v = match v {
            toml::Value::Integer(i) => toml::Value::Float(i as f64),
            other => other,
        };
        table.insert(k, v);
    }
    table.try_into().map_err(|e| bad(&e))
}

/// Where a user configuration file is looked for, in order, and whether it must exist.
pub fn candidates(
    explicit: Option<&Path>,
    env: impl Fn(&str) -> Option<PathBuf>,
) -> Vec<(PathBuf, bool)> {
    let mut out = Vec::new();
    if let Some(p) = explicit {
        out.push((p.to_path_buf(), true));
        return out;
    }
    if let Some(p) = env("NIANBAO_CONFIG").filter(|p| !p.as_os_str().is_empty()) {
        out.push((p, true));
        return out;
    }
    if let Some(x) = env("XDG_CONFIG_HOME").filter(|p| p.is_absolute()) {
        out.push((x.join("nianbao").join("config.toml"), false));
    }
    if let Some(h) = env("HOME").filter(|p| !p.as_os_str().is_empty()) {
        out.push((h.join(".config").join("nianbao").join("config.toml"), false));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(c: &Config, mode: &str, action: &str) -> Vec<String> {
        c.mode(mode)
            .iter()
            .find(|(a, _)| a == action)
            .map(|(_, k)| k.iter().map(|k| k.to_string()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn defaults_parse() {
        let c = Config::defaults();
        assert_eq!(keys(&c, "normal", "down"), vec!["j", "↓"]);
        assert_eq!(keys(&c, "normal", "reload"), vec!["Ctrl-r"]);
        assert_eq!(keys(&c, "normal", "prev_pane"), vec!["Shift-Tab"]);
        assert!(parse_file(DEFAULT_TOML, "d").is_ok());
    }

    #[test]
    fn parses_keys() {
        let k = KeySpec::parse("ctrl-R").unwrap();
        assert_eq!((k.key, k.ctrl), (KeyName::Char('r'), true));
        assert_eq!(KeySpec::parse("G").unwrap().key, KeyName::Char('G'));
        assert_eq!(KeySpec::parse("-").unwrap().key, KeyName::Char('-'));
        assert_eq!(
            KeySpec::parse("f5").unwrap().key,
            KeyName::Named(NamedKey::F(5))
        );
        assert!(KeySpec::parse("hyper-x").is_err());
        assert!(KeySpec::parse("f13").is_err());
    }

    #[test]
    fn user_file_replaces_an_action_and_steals_its_keys() {
        let c = Config::with_user("[keys.normal]\ndown = [\"n\", \"ctrl-n\"]\n", "u.toml").unwrap();
        assert_eq!(keys(&c, "normal", "down"), vec!["n", "Ctrl-n"]);
        assert!(keys(&c, "normal", "next_hit").is_empty());
        assert_eq!(keys(&c, "normal", "up"), vec!["k", "↑"]);
        let c = Config::with_user("[keys.normal]\nquit = \"x\"\n", "u.toml").unwrap();
        assert_eq!(keys(&c, "normal", "quit"), vec!["x"]);
    }

    #[test]
    fn reviewer_from_config_else_user() {
        let c = Config::defaults();
        assert_eq!(c.reviewer, "");
        assert_eq!(c.reviewer(), crate::review::default_reviewer());
        let c = Config::with_user("reviewer = \"张审计\"\n", "u").unwrap();
        assert_eq!(c.reviewer(), "张审计");
    }

    #[test]
    fn indicator_settings_merge_over_the_defaults() {
        let c = Config::defaults();
        assert_eq!(c.indicators, crate::indicators::IndicatorConfig::default());
        let c = Config::with_user(
            "[indicators]\nmin_applications = 10\ncorrection_rate_above = 0.2\n",
            "u",
        )
        .unwrap();
        assert_eq!(c.indicators.min_applications, 10.0);
        assert_eq!(c.indicators.correction_rate_above, 0.2);
        assert_eq!(c.indicators.disclosure_rate_below, 0.4);
        assert!(Config::with_user("[indicators]\nmin_apps = 10\n", "u").is_err());
        assert!(Config::with_user("[indicators]\nmin_cases = \"x\"\n", "u").is_err());
    }

    #[test]
    fn rule_settings_from_the_file() {
        let c = Config::with_user(
            "[rules]\nC07 = \"off\"\nX02 = \"warning\"\n[thresholds]\nC07 = 80\n",
            "u",
        )
        .unwrap();
        let s = c.rule_settings().unwrap();
        assert!(!s.is_on(crate::validate::ids::C07));
        assert_eq!(s.copy_threshold, 0.8);
        assert!(Config::with_user("[rules]\nZ99 = \"off\"\n", "u").is_err());
        assert!(Config::with_user("[rules]\nA01 = \"loud\"\n", "u").is_err());
        assert_eq!(
            Config::defaults().rule_settings().unwrap(),
            Default::default()
        );
    }

    #[test]
    fn bad_user_files_are_errors() {
        assert!(Config::with_user("[keys.normal]\ndown = [\"hyper-j\"]", "u").is_err());
        assert!(Config::with_user("not toml [", "u").is_err());
        assert!(Config::with_user("[colours]\n", "u").is_err());
    }

    #[test]
    fn lookup_order() {
        let env = |k: &str| match k {
            "XDG_CONFIG_HOME" => Some(PathBuf::from("/x")),
            "HOME" => Some(PathBuf::from("/h")),
            _ => None,
        };
        let c = candidates(None, env);
        assert_eq!(
            c,
            vec![
                (PathBuf::from("/x/nianbao/config.toml"), false),
                (PathBuf::from("/h/.config/nianbao/config.toml"), false)
            ]
        );
        let c = candidates(None, |k| {
            (k == "NIANBAO_CONFIG").then(|| PathBuf::from("/n.toml"))
        });
        assert_eq!(c, vec![(PathBuf::from("/n.toml"), true)]);
        let c = candidates(Some(Path::new("/e.toml")), env);
        assert_eq!(c, vec![(PathBuf::from("/e.toml"), true)]);
        // Missing optional files fall back to the defaults; a missing explicit one is an error.
        let none = |_: &str| Some(PathBuf::from("/nonexistent-nianbao"));
        assert!(Config::load_with_env(None, |k| (k == "HOME").then(|| none(k)).flatten()).is_ok());
        assert!(Config::load_with_env(Some(Path::new("/nonexistent/x.toml")), |_| None).is_err());
    }
}
