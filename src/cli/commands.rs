//! The headless commands. (Placeholder — being implemented.)

use super::args::{CheckArgs, ExportArgs, ReviewExportArgs};

/// `nianbao check`. Returns the process exit status.
pub fn check(args: &CheckArgs) -> anyhow::Result<i32> {
    let _ = args;
    Ok(0)
}

/// `nianbao export`.
pub fn export(args: &ExportArgs) -> anyhow::Result<i32> {
    let _ = args;
    Ok(0)
}

/// `nianbao rules`.
pub fn rules() -> anyhow::Result<i32> {
    Ok(0)
}

/// `nianbao review-export`.
pub fn review_export(args: &ReviewExportArgs) -> anyhow::Result<i32> {
    let _ = args;
    Ok(0)
}
