//! The record of the files a render of a roadmap wrote into a folder: a hidden file beside
//! them, `.name.waypost-files`, read and rewritten in the same locked step as the outputs,
//! so that the next render of the roadmap can remove the pages it no longer makes (after
//! going from three pages to two, `name-3.png`) and nothing else.

use std::fs;
use std::path::{Path, PathBuf};

/// The formats' file endings a record may name.
const ENDINGS: [&str; 4] = ["svg", "png", "pdf", "html"];

/// What a render writes for one roadmap into one folder.
pub struct Record {
    /// The folder.
    pub folder: PathBuf,
    /// The roadmap's output name (`handout` for handout.png, handout-2.png).
    pub stem: String,
    /// The endings of the formats this render writes: only files of these formats that an
    /// earlier render wrote are stale when this one does not write them again.
    pub endings: Vec<&'static str>,
}

impl Record {
    /// The record's own file.
    fn path(&self) -> PathBuf {
        self.folder.join(format!(".{}.waypost-files", self.stem))
    }

    /// The names an earlier render recorded that are outputs of this roadmap: `stem.ext`
    /// or `stem-N.ext` for a format's ending, nothing else, whatever the file says.
    fn earlier(&self) -> Vec<String> {
        let Ok(text) = fs::read_to_string(self.path()) else {
            return Vec::new();
        };
        (text.lines())
            .filter(|line| self.is_output(line))
            .map(str::to_string)
            .collect()
    }

    /// Whether `name` is one this roadmap's renders write.
    fn is_output(&self, name: &str) -> bool {
        let Some((base, ending)) = name.rsplit_once('.') else {
            return false;
        };
        if !ENDINGS.contains(&ending) {
            return false;
        }
        let Some(rest) = base.strip_prefix(&self.stem) else {
            return false;
        };
        rest.is_empty()
            || rest.strip_prefix('-').is_some_and(|n| {
                !n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit())
            })
    }

    /// After the files `written` (names in the folder) are in place: removes the files an
    /// earlier render recorded in this render's formats that it did not write again, and
    /// returns the paths removed with the record of what is now there, to be written to
    /// the path given. Only regular files are removed, never a link or a folder that has
    /// taken a recorded name.
    pub fn update(&self, written: &[String]) -> (Vec<PathBuf>, PathBuf, String) {
        let mut kept: Vec<String> = written.to_vec();
        let mut removed = Vec::new();
        for name in self.earlier() {
            if written.contains(&name) {
                continue;
            }
            let ending = name.rsplit_once('.').map_or("", |(_, e)| e);
            let path = self.folder.join(&name);
            let is_file = fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
            if !self.endings.contains(&ending) {
                if is_file {
                    kept.push(name);
                }
            } else if is_file && fs::remove_file(&path).is_ok() {
                removed.push(path);
            }
        }
        kept.sort();
        kept.dedup();
        let mut text = String::from(
            "# The files waypost last wrote here for this roadmap; the next render removes\n\
             # the ones it no longer makes. Safe to delete.\n",
        );
        for name in &kept {
            text += name;
            text.push('\n');
        }
        (removed, self.path(), text)
    }
}

/// The name of `path` within its folder, for a record.
pub fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_names_only_this_roadmaps_outputs() {
        let record = Record {
            folder: PathBuf::from("."),
            stem: "lw".into(),
            endings: vec!["png"],
        };
        for name in ["lw.png", "lw-2.png", "lw-12.svg", "lw.html"] {
            assert!(record.is_output(name), "{name}");
        }
        for name in [
            "lw.toml",
            "lw-.png",
            "lw-x.png",
            "lwx.png",
            "../lw.png",
            "a/lw.png",
            "lw-123.png",
            "other.png",
        ] {
            assert!(!record.is_output(name), "{name}");
        }
    }
}
