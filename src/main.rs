//! The `waypost` command: see `waypost --help`.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(cli::main() as u8)
}
