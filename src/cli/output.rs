//! What the command line prints: to standard output and standard error, whole.

use super::Exit;
use std::io::Write;
use waypost::preflight::Report;

/// What one roadmap's run had to say, and how it ended.
#[derive(Debug)]
pub struct Said {
    /// The exit code this run alone would have.
    pub exit: Exit,
    /// The message for standard output, if any.
    pub out: Option<String>,
    /// The message for standard error, if any.
    pub err: Option<String>,
}

impl Said {
    /// Prints both messages, each in one write so that no other output lands inside it.
    pub fn print(&self) {
        if let Some(text) = &self.out {
            // A closed pipe (`waypost … | head -1`) is not an error.
            let _ = writeln!(std::io::stdout(), "{text}");
        }
        if let Some(text) = &self.err {
            let _ = writeln!(std::io::stderr(), "{text}");
        }
    }
}

/// Prints to standard output; a closed pipe (`waypost … | head -1`) is not an error.
pub(super) fn say(text: &str) {
    let _ = writeln!(std::io::stdout(), "{text}");
}

/// Prints to standard error, likewise.
pub(super) fn complain(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// The pre-flight findings under a message, one an indented line.
pub(super) fn indented(report: &Report) -> String {
    report.to_string().replace('\n', "\n  ")
}
