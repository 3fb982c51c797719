//! The corpus generator (`nianbao gen-corpus`). (Placeholder — being implemented.)

use crate::cli::args::GenCorpusArgs;

pub fn run(args: &GenCorpusArgs) -> anyhow::Result<i32> {
    let _ = args;
    Ok(0)
}
