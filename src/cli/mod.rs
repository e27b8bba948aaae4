//! The command-line tool: argument parsing, file I/O and exit codes around the library.

pub mod args;
mod assets;
mod batch;
mod check;
mod diff;
mod export;
mod failure;
mod files;
mod http;
mod import;
mod init;
mod layouts;
mod links;
mod load;
mod manifest;
mod output;
mod render;
mod report;
mod serve;
mod today;
mod watch;

use args::{Cli, Command};
use clap::Parser;
use failure::{finish, Failure};
use output::say;
use report::CheckJson;
use std::ffi::OsString;

/// How a run ended, as the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything worked.
    Success = 0,
    /// The input is invalid or does not fit.
    Invalid = 1,
    /// The command was used wrongly, or a file could not be read or written.
    Usage = 2,
}

/// Reads the command line and runs it. A command line that cannot be read is refused
/// as clap words it (exit 2) — as one JSON object on standard output when it asks for
/// `check --json`, since every answer of that command is one.
pub fn main() -> Exit {
    let args: Vec<OsString> = std::env::args_os().collect();
    match Cli::try_parse_from(&args) {
        Ok(cli) => run(cli),
        Err(e) if e.use_stderr() && wants_check_json(&args) => {
            let text = e.to_string();
            let first = text.lines().next().unwrap_or_default();
            let mut answer = CheckJson::new("");
            let message = first.strip_prefix("error: ").unwrap_or(first).to_string();
            let exit = answer.failed(Failure::Usage(message));
            say(&answer.to_json());
            exit
        }
        Err(e) => e.exit(),
    }
}

/// Whether a command line is `waypost check … --json …`.
fn wants_check_json(args: &[OsString]) -> bool {
    let command = args
        .iter()
        .skip(1)
        .find(|a| !a.to_string_lossy().starts_with('-'));
    command.is_some_and(|c| c == "check") && args.iter().any(|a| a == "--json")
}

/// Runs a parsed command line, printing what a person needs, and returns the exit code.
pub fn run(cli: Cli) -> Exit {
    match cli.command {
        Command::Render(args) => render::render_all(&args),
        Command::Check(args) if args.json => check::check_json(&args),
        Command::Check(args) => finish(check::check(&args)),
        Command::Init(args) => finish(init::run(&args)),
        Command::Diff(args) => finish(diff::run(&args)),
        Command::Import(args) => finish(import::run(&args)),
        Command::Export(args) => finish(export::run(&args)),
        Command::Links(args) => finish(links::run(&args)),
        Command::Watch(args) => watch::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Schema => finish(Ok(waypost::model::schema().trim_end().to_string())),
        Command::Layout(args) => finish(layouts::run(&args)),
    }
}
