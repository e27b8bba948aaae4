//! `waypost init`: a commented starter roadmap to edit, written only where no file is.

use super::args::InitArgs;
use super::failure::Failure;
use super::files;
use std::fs;

/// The starter roadmap: two stages, a free and a chargeable offer, a tag of its own, and
/// a note beside every key. A test renders it as it is.
pub const STARTER: &str = include_str!("starter.toml");

/// Writes the starter roadmap to the file given, which must not exist yet.
pub fn run(args: &InitArgs) -> Result<String, Failure> {
    let path = &args.file;
    let shown = path.display();
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|e| {
            Failure::Usage(format!(
                "cannot create the folder {}: {e}",
                parent.display()
            ))
        })?;
    }
    // The file appears whole or not at all, and never over anything already there, even
    // something that appears meanwhile or a link planted at its name.
    let written = files::write_new(path, STARTER.as_bytes()).map_err(Failure::from)?;
    if !written {
        return Err(Failure::Usage(format!(
            "{shown} already exists, and init never overwrites a file; \
             give another name, such as: waypost init new-roadmap.toml"
        )));
    }
    Ok(format!(
        "wrote {shown}, a starter roadmap to edit; see the page with: waypost render {shown}"
    ))
}
