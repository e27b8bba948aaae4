//! The command-line tool: argument parsing, file I/O and exit codes around the library.

pub mod args;
mod batch;
mod diff;
mod export;
mod files;
mod http;
mod import;
mod init;
mod links;
mod load;
mod report;
mod run;
mod serve;
mod watch;

pub use run::main;

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
