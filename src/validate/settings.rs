//! Rule settings from the configuration file: a severity per rule (or off), and the C07
//! threshold. `[rules] C07 = "off"`, `X02 = "warning"`; `[thresholds] C07 = 60` (percent).

use super::{RuleInfo, ids, rule_info, rules};
use crate::model::{Finding, RuleId, Severity};
use std::collections::BTreeMap;

/// A configured level: a severity, or off.
pub type Level = Option<Severity>;

/// The rule settings in effect.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Rules whose severity the configuration sets (`None`: the rule is off).
    overrides: BTreeMap<RuleId, Level>,
    /// C07 fires when the share of copied sentences is above this (a fraction).
    pub copy_threshold: f64,
}

/// The default C07 threshold: 60 % of the sentences copied.
pub const DEFAULT_COPY_THRESHOLD: f64 = 0.6;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            overrides: BTreeMap::new(),
            copy_threshold: DEFAULT_COPY_THRESHOLD,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("unknown rule {0:?} in [rules] or [thresholds] (see `nianbao rules`)")]
    UnknownRule(String),
    #[error("[rules] {rule} = {level:?}: use \"error\", \"warning\", \"info\" or \"off\"")]
    BadLevel { rule: String, level: String },
    #[error("[thresholds] {rule} = {value}: a percentage from 0 to 100")]
    BadThreshold { rule: String, value: String },
    #[error("[thresholds] {0}: only C07 has a threshold")]
    NoThreshold(String),
}

fn parse_level(s: &str) -> Option<Level> {
    match s.trim().to_ascii_lowercase().as_str() {
        "off" => Some(None),
        "error" => Some(Some(Severity::Error)),
        "warning" => Some(Some(Severity::Warning)),
        "info" => Some(Some(Severity::Info)),
        _ => None,
    }
}

/// How a level is written (`off`, `warning`).
pub fn level_name(l: Level) -> &'static str {
    l.map_or("off", Severity::as_str)
}

impl Settings {
    /// From the `[rules]` and `[thresholds]` tables of the configuration.
    pub fn new(
        levels: &BTreeMap<String, String>,
        thresholds: &BTreeMap<String, f64>,
    ) -> Result<Settings, SettingsError> {
        let mut s = Settings::default();
        for (id, level) in levels {
            let info = rule_info(id).ok_or_else(|| SettingsError::UnknownRule(id.clone()))?;
            let l = parse_level(level).ok_or_else(|| SettingsError::BadLevel {
                rule: id.clone(),
                level: level.clone(),
            })?;
            s.overrides.insert(info.id, l);
        }
        for (id, pct) in thresholds {
            let info = rule_info(id).ok_or_else(|| SettingsError::UnknownRule(id.clone()))?;
            if info.id != ids::C07 {
                return Err(SettingsError::NoThreshold(id.clone()));
            }
            if !(0.0..=100.0).contains(pct) {
                return Err(SettingsError::BadThreshold {
                    rule: id.clone(),
                    value: pct.to_string(),
                });
            }
            s.copy_threshold = pct / 100.0;
        }
        Ok(s)
    }

    /// The configured level of a rule, if the configuration sets one.
    pub fn configured(&self, rule: RuleId) -> Option<Level> {
        self.overrides.get(&rule).copied()
    }

    /// The level in effect for a catalogue rule: configured, else its own severity.
    pub fn level(&self, rule: &RuleInfo) -> Level {
        self.configured(rule.id).unwrap_or(Some(rule.severity))
    }

    /// Whether the rule runs at all.
    pub fn is_on(&self, rule: RuleId) -> bool {
        !matches!(self.configured(rule), Some(None))
    }

    /// Drop the findings of rules that are off and set the configured severities (a rule
    /// with a configured severity reports every finding at it).
    pub fn apply(&self, findings: &mut Vec<Finding>) {
        if self.overrides.is_empty() {
            return;
        }
        findings.retain(|f| self.is_on(f.rule));
        for f in findings.iter_mut() {
            if let Some(Some(sev)) = self.configured(f.rule) {
                f.severity = sev;
            }
        }
    }

    /// Every catalogue rule with the level in effect.
    pub fn table(&self) -> Vec<(&'static RuleInfo, Level)> {
        rules().iter().map(|r| (r, self.level(r))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn levels_and_thresholds() {
        let t = BTreeMap::from([("c07".to_string(), 75.0)]);
        let s = Settings::new(&map(&[("C07", "off"), ("x02", "Warning")]), &t).unwrap();
        assert!(!s.is_on(ids::C07));
        assert_eq!(s.configured(ids::X02), Some(Some(Severity::Warning)));
        assert_eq!(s.copy_threshold, 0.75);
        let a01 = rule_info("A01").unwrap();
        assert_eq!(s.level(a01), Some(Severity::Error));
        let mut fs = vec![
            super::super::finding(ids::C07, Severity::Warning, String::new()),
            super::super::finding(ids::X02, Severity::Info, String::new()),
        ];
        s.apply(&mut fs);
        assert_eq!(fs.len(), 1);
        assert_eq!((fs[0].rule, fs[0].severity), (ids::X02, Severity::Warning));
    }

    #[test]
    fn bad_settings_are_errors() {
        let none = BTreeMap::new();
        let no_levels = BTreeMap::new();
        assert!(matches!(
            Settings::new(&map(&[("Z99", "off")]), &none),
            Err(SettingsError::UnknownRule(_))
        ));
        assert!(matches!(
            Settings::new(&map(&[("A01", "loud")]), &none),
            Err(SettingsError::BadLevel { .. })
        ));
        let t = BTreeMap::from([("C07".to_string(), 160.0)]);
        assert!(Settings::new(&no_levels, &t).is_err());
        let t = BTreeMap::from([("A01".to_string(), 10.0)]);
        assert!(Settings::new(&no_levels, &t).is_err());
    }
}
