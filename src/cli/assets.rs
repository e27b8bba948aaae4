//! Reading the files a roadmap names (logos, fonts) from its folder: each opened once,
//! without following a link, and checked to be a regular file within the size caps before
//! a byte of it is read.

use std::fs;
use std::io::{self, Read};
use std::path::Path;
use waypost::model::{assets_named, plain_path, Assets, MAX_ASSET, MAX_ASSETS_TOTAL, MAX_LOGOS};

/// The most distinct files a roadmap may name: its logos and two fonts.
const MAX_FILES: usize = MAX_LOGOS + 2;

/// Reads the files a roadmap's text names from the roadmap's folder. A file named under
/// several spellings (`logo.png`, `./logo.png`) is read once. A file that cannot be read
/// is recorded with the reason, which the roadmap's reader reports at the line that names
/// it. Nothing over [`MAX_ASSET`] bytes is read, nor more than [`MAX_ASSETS_TOTAL`] bytes
/// in all.
pub fn read_assets(roadmap: &Path, source: &str) -> Assets {
    let folder = super::files::folder(roadmap);
    let mut assets = Assets::new();
    let mut files = 0;
    for named in assets_named(source) {
        if assets.has(&named.path) {
            continue;
        }
        files += 1;
        let read = if files > MAX_FILES {
            Err(format!(
                "it was not read: a roadmap may name at most {MAX_FILES} files \
                 ({MAX_LOGOS} logos and two fonts)"
            ))
        } else {
            read_one(folder, &named.path, MAX_ASSETS_TOTAL - assets.total_bytes())
        };
        match read {
            Ok(bytes) => assets.insert(named.path, bytes),
            Err(why) => assets.insert_unreadable(named.path, why),
        }
    }
    assets
}

/// The bytes of `relative` inside `folder`, if it is a regular file of at most
/// [`MAX_ASSET`] bytes and at most `room` bytes.
fn read_one(folder: &Path, relative: &str, room: usize) -> Result<Vec<u8>, String> {
    let file = open(folder, relative)?;
    let meta = file.metadata().map_err(|e| reason(&e))?;
    if !meta.is_file() {
        return Err("it is not a regular file".to_string());
    }
    if meta.len() > MAX_ASSET as u64 {
        return Err(format!(
            "it is {:.1} MB; a file named in a roadmap may be at most {} MB",
            meta.len() as f64 / 1e6,
            MAX_ASSET / 1_000_000
        ));
    }
    if meta.len() > room as u64 {
        return Err(format!(
            "the files this roadmap names come to more than {} MB together with it",
            MAX_ASSETS_TOTAL / 1_000_000
        ));
    }
    let mut bytes = Vec::new();
    // Bounded again while reading: the file may grow after it was looked at.
    let limit = MAX_ASSET.min(room) as u64;
    (file.take(limit + 1))
        .read_to_end(&mut bytes)
        .map_err(|e| reason(&e))?;
    if bytes.len() as u64 > limit {
        return Err("it grew while it was being read".to_string());
    }
    Ok(bytes)
}

/// Opens `relative` inside `folder`, a folder at a time from `folder` itself, following no
/// symbolic link on the way (so that a folder swapped for a link between a check and the
/// read cannot lead elsewhere) and without waiting on a pipe or device.
#[cfg(unix)]
fn open(folder: &Path, relative: &str) -> Result<fs::File, String> {
    use rustix::fs::{openat, Mode, OFlags, CWD};
    let plain = plain_path(relative);
    let parts: Vec<&str> = plain.split('/').collect();
    let Some((name, folders)) = parts.split_last() else {
        return Err("the path is empty".to_string());
    };
    if plain.is_empty() || parts.contains(&"..") {
        return Err("it is not inside the roadmap's folder".to_string());
    }
    let base = OFlags::RDONLY | OFlags::CLOEXEC | OFlags::NOCTTY;
    let as_folder = base | OFlags::DIRECTORY;
    let mut at = openat(CWD, folder, as_folder, Mode::empty()).map_err(|e| reason(&e.into()))?;
    for part in folders {
        at = openat(&at, *part, as_folder | OFlags::NOFOLLOW, Mode::empty())
            .map_err(|e| refused(&at, part, e))?;
    }
    let file = openat(
        &at,
        *name,
        base | OFlags::NOFOLLOW | OFlags::NONBLOCK,
        Mode::empty(),
    )
    .map_err(|e| refused(&at, name, e))?;
    Ok(fs::File::from(file))
}

/// Why `name` in the folder `at` could not be opened: a link is named as one.
#[cfg(unix)]
fn refused(at: &rustix::fd::OwnedFd, name: &str, e: rustix::io::Errno) -> String {
    use rustix::fs::{statat, AtFlags, FileType};
    let is_link = statat(at, name, AtFlags::SYMLINK_NOFOLLOW)
        .is_ok_and(|s| FileType::from_raw_mode(s.st_mode) == FileType::Symlink);
    if is_link {
        "it is a symbolic link, or passes through one: waypost reads only files kept in \
         the roadmap's folder itself, so copy the file there"
            .to_string()
    } else {
        reason(&e.into())
    }
}

/// Opens `relative` inside `folder` where links cannot be refused on the way: resolved
/// first, and refused when it leads outside `folder`.
#[cfg(not(unix))]
fn open(folder: &Path, relative: &str) -> Result<fs::File, String> {
    use super::files::{inside, Confinement};
    let path = inside(folder, relative).map_err(|why| match why {
        Confinement::LinksOut => {
            "it leads out of the roadmap's folder through a symbolic link".to_string()
        }
        Confinement::Missing(reason) => reason,
        Confinement::NotRelativeToml | Confinement::Escapes => {
            "it is not inside the roadmap's folder".to_string()
        }
    })?;
    fs::File::open(path).map_err(|e| reason(&e))
}

fn reason(e: &io::Error) -> String {
    super::files::reason(e)
}
