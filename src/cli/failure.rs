//! What stops a command, and how each ending is told and turned into an exit code.

use super::files::FileError;
use super::output::Said;
use super::Exit;
use std::path::Path;
use waypost::{Diagnostics, Error};

/// What stopped a run.
pub(super) enum Failure {
    /// Invalid input or content that does not fit (exit 1).
    Input(String),
    /// Problems in input files (exit 1): each file with its problems, the roadmap first.
    Invalid(Vec<Diagnostics>),
    /// Exit 1, everything already said.
    Quiet,
    /// A usage or file problem (exit 2).
    Usage(String),
}

impl From<FileError> for Failure {
    fn from(e: FileError) -> Self {
        match e {
            FileError::Io(message) => Failure::Usage(message),
            FileError::NotText(diagnostics) => Failure::Invalid(vec![diagnostics]),
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        match e {
            Error::ImageTooLarge { .. } | Error::Unavailable(_) => Failure::Usage(e.to_string()),
            Error::Invalid(diagnostics) => Failure::Invalid(vec![diagnostics]),
            _ => Failure::Input(e.to_string()),
        }
    }
}

impl Failure {
    /// This failure and another found in the same pass, told together when both are
    /// problems in files; otherwise the first, which is the more basic.
    pub(super) fn and(self, other: Failure) -> Failure {
        match (self, other) {
            (Failure::Invalid(mut files), Failure::Invalid(more)) => {
                for found in more {
                    match files.iter_mut().find(|f| f.file == found.file) {
                        Some(same) => {
                            same.list.extend(found.list);
                            same.list.sort_by_key(|d| (d.span.start, d.span.end));
                            same.list.dedup();
                        }
                        None => files.push(found),
                    }
                }
                Failure::Invalid(files)
            }
            (first, _) => first,
        }
    }
}

/// A library error about a roadmap file. The library does not know the file's name, and
/// a message that the page does not fit needs it, among the messages of many roadmaps.
pub(super) fn about(file: &Path, e: Error) -> Failure {
    match e {
        Error::DoesNotFit(_) => Failure::Input(format!("{}: {e}", file.display())),
        other => Failure::from(other),
    }
}

/// Prints what a command's result has to say and returns its exit code.
pub(super) fn finish(result: Result<String, Failure>) -> Exit {
    let said = said(result);
    said.print();
    said.exit
}

/// What a command's result has to say, and its exit code.
pub(super) fn said(result: Result<String, Failure>) -> Said {
    let (exit, out, err) = match result {
        // A command that wrote its answer itself (`export -o -`) has nothing more to say.
        Ok(message) if message.is_empty() => (Exit::Success, None, None),
        Ok(message) => (Exit::Success, Some(message), None),
        Err(Failure::Input(message)) => (Exit::Invalid, None, Some(message)),
        Err(Failure::Invalid(files)) => {
            let shown: Vec<String> = files.iter().map(Diagnostics::to_string).collect();
            (Exit::Invalid, None, Some(shown.join("\n")))
        }
        Err(Failure::Quiet) => (Exit::Invalid, None, None),
        Err(Failure::Usage(message)) => (Exit::Usage, None, Some(format!("error: {message}"))),
    };
    Said { exit, out, err }
}
