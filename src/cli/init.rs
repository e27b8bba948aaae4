//! `waypost init`: a commented starter roadmap to edit, written only where no file is.

use super::args::InitArgs;
use super::run::Failure;
use std::fs;
use std::io::{ErrorKind, Write};

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
    // `create_new` refuses an existing file in the same step that creates the new one, so
    // a file that appears meanwhile is not overwritten either.
    let mut file = match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            return Err(Failure::Usage(format!(
                "{shown} already exists, and init never overwrites a file; \
                 give another name, such as: waypost init new-roadmap.toml"
            )))
        }
        Err(e) => return Err(Failure::Usage(format!("cannot write {shown}: {e}"))),
    };
    if let Err(e) = file
        .write_all(STARTER.as_bytes())
        .and_then(|()| file.sync_all())
    {
        drop(file);
        let _ = fs::remove_file(path);
        return Err(Failure::Usage(format!("cannot write {shown}: {e}")));
    }
    Ok(format!(
        "wrote {shown}, a starter roadmap to edit; see the page with: waypost render {shown}"
    ))
}
