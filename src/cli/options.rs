//! What the headless commands share besides their output: the rule settings from the
//! configuration and the review file whose corrections are applied.

use super::args::ReviewArgs;
use crate::config::Config;
use crate::review::{self, Review};
use crate::validate::Settings;
use anyhow::{Context, bail};
use std::path::Path;

/// The rule settings of the configuration (`--config`, else the usual places).
pub fn settings(config: Option<&Path>) -> anyhow::Result<Settings> {
    let c = Config::load(config).context("reading the configuration")?;
    Ok(c.rule_settings()?)
}

/// The review whose corrections apply: `--review FILE` (which must exist), else
/// REVIEW.json beside the reports when it exists; none with `--no-review`.
pub fn review(dir: &Path, args: &ReviewArgs) -> anyhow::Result<Option<Review>> {
    if args.no_review {
        return Ok(None);
    }
    let path = match &args.review {
        Some(p) if !p.exists() => bail!("{}: no such review file", p.display()),
        Some(p) => p.clone(),
        None => review::default_path(dir),
    };
    if !path.exists() {
        return Ok(None);
    }
    Ok(Some(Review::open_read_only(&path)?))
}
