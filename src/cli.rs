//! The command line: argument definitions and the headless commands.

pub mod args;
pub mod commands;
pub mod csv;
pub mod export;
pub mod human;
pub mod indicators;
pub mod json;
pub mod options;
pub mod review_export;
pub mod workbook;

pub use args::{Cli, Command};

/// Whether an error is a write to a closed pipe (the reader of `nianbao check … | head`
/// has what it wanted): such a run ends quietly with status 0.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        let kind = cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        kind == Some(std::io::ErrorKind::BrokenPipe)
    })
}
