use clap::Parser;
use nianbao::cli::{Cli, Command, commands};

/// mimalloc: a report is parsed into thousands of small strings and vectors, and glibc's
/// allocator was 9 % of `check`'s instructions.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(Command::Check(a)) => commands::check(a),
        Some(Command::Export(a)) => commands::export(a),
        Some(Command::Rules(a)) => commands::rules(a),
        Some(Command::ReviewExport(a)) => commands::review_export(a),
        Some(Command::GenCorpus(a)) => nianbao::generate::run(&a.out, a.reports, a.seed),
        None => nianbao::tui::run(&(&cli.inspect).into()),
    };
    match result {
        Ok(code) => std::process::exit(code),
        // The reader went away (`| head`): what it wanted it has; end quietly.
        Err(e) if nianbao::cli::is_broken_pipe(&e) => std::process::exit(0),
        Err(e) => {
            // Not eprintln!: it panics when stderr is gone (a terminal that hung up).
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "nianbao: {e:#}");
            std::process::exit(2);
        }
    }
}
