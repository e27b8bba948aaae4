//! The `waypost` command: see `waypost --help`.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::args::Cli::parse();
    ExitCode::from(cli::run(args) as u8)
}
