//! The interactive inspector. The only module that knows about the terminal.
//! (Placeholder — being implemented.)

use crate::cli::args::InspectArgs;

pub fn run(args: &InspectArgs) -> anyhow::Result<i32> {
    let _ = args;
    Ok(0)
}
