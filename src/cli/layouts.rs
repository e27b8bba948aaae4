//! `waypost layout`: the built-in layouts named, and each one's file printed to copy, so
//! that a user with only the binary can start a layout of their own.

use super::args::{LayoutArgs, LayoutCommand};
use super::failure::Failure;
use waypost::layout::preset::{BUILTIN, DEFAULT};
use waypost::layout::Preset;
use waypost::model::LayoutRef;

/// Runs `waypost layout list` or `waypost layout show NAME`.
pub fn run(args: &LayoutArgs) -> Result<String, Failure> {
    match &args.command {
        LayoutCommand::List => list(),
        LayoutCommand::Show { name } => show(name),
    }
}

/// One line a built-in layout: its name, then its preset's description.
fn list() -> Result<String, Failure> {
    let width = BUILTIN
        .iter()
        .map(|(name, _)| name.len())
        .max()
        .unwrap_or(0);
    let mut lines = Vec::with_capacity(BUILTIN.len());
    for (name, _) in BUILTIN {
        let preset = Preset::builtin(name)
            .ok_or_else(|| Failure::Usage(format!("the built-in layout {name} is missing")))?;
        let default = if *name == DEFAULT {
            " (the default)"
        } else {
            ""
        };
        lines.push(format!("{name:width$}  {}{default}", preset.description));
    }
    Ok(lines.join("\n"))
}

/// The built-in layout's file, byte for byte as it is shipped, comments and all; its name
/// may be written in any case.
fn show(name: &str) -> Result<String, Failure> {
    let text = LayoutRef::builtin(name)
        .and_then(|name| BUILTIN.iter().find(|(n, _)| *n == name))
        .map(|(_, text)| *text);
    match text {
        // The printer ends the text with a line break, which the file has already.
        Some(text) => Ok(text.strip_suffix('\n').unwrap_or(text).to_string()),
        None => {
            // The wording of an unknown name in a roadmap; the hint is this command's own,
            // as a file cannot be shown.
            let (message, _) = LayoutRef::unknown(name);
            let help = match LayoutRef::nearest(name) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "waypost layout list names them".to_string(),
            };
            Err(Failure::Usage(format!("{message} — {help}")))
        }
    }
}
