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
