//! The command line: argument definitions and the headless commands.

pub mod args;
pub mod commands;

pub use args::{Cli, Command};
