//! `waypost watch`: renders a roadmap, then again each time it is saved.
//!
//! The roadmap's folder is watched rather than the file, because many editors save by
//! writing a new file and renaming it over the old one, which a watch on the old file
//! would not see. Events come in bursts (a save can be a truncate, several writes and a
//! rename), so a render waits until the file has been quiet for a moment.

use super::args::WatchArgs;
use super::failure::said;
use super::files::{self, FileError};
use super::output::{complain, say};
use super::render::render;
use super::Exit;
use notify::{RecursiveMode, Watcher};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long the file must be quiet before it is rendered.
const QUIET: Duration = Duration::from_millis(150);

/// Renders once, then on every save, until the process is stopped.
pub fn run(args: &WatchArgs) -> Exit {
    let file = &args.file;
    // Said once and for good, as `render` says it, rather than after every save.
    if let Err(FileError::Io(message)) = files::usable_folder(&args.out.output) {
        complain(&format!("error: {message}"));
        return Exit::Usage;
    }
    let mut changes = match Changes::watch(file) {
        Ok(changes) => changes,
        Err(message) => {
            complain(&format!("error: {message}"));
            return Exit::Usage;
        }
    };
    say(&format!(
        "watching {} for changes; stop with Ctrl+C",
        file.display()
    ));
    let mut count = 1;
    once(file, args, count);
    while changes.next() {
        count += 1;
        once(file, args, count);
    }
    Exit::Usage
}

/// The saves of one file, each burst of events as one.
pub struct Changes {
    /// Kept alive for as long as events are wanted.
    _watcher: notify::RecommendedWatcher,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
    name: OsString,
}

impl Changes {
    /// Starts watching the folder of `file` for changes to it.
    pub fn watch(file: &Path) -> Result<Changes, String> {
        let name = file
            .file_name()
            .map(|n| n.to_os_string())
            .ok_or_else(|| format!("{} is not a file", file.display()))?;
        let folder = match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let (sender, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = sender.send(event);
        })
        .map_err(|e| format!("cannot watch for changes: {e}"))?;
        (watcher.watch(&folder, RecursiveMode::NonRecursive))
            .map_err(|e| format!("cannot watch the folder {}: {e}", folder.display()))?;
        Ok(Changes {
            _watcher: watcher,
            events,
            name,
        })
    }

    /// Waits for the file to change and then to be quiet; `false` when watching stopped.
    pub fn next(&mut self) -> bool {
        let concerns_file = |event: &notify::Event| {
            !event.kind.is_access()
                && (event.paths.iter()).any(|p| p.file_name() == Some(self.name.as_os_str()))
        };
        loop {
            match self.events.recv() {
                Ok(Ok(event)) if concerns_file(&event) => break,
                Ok(_) => continue,
                Err(_) => return false,
            }
        }
        let mut deadline = Instant::now() + QUIET;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.events.recv_timeout(left) {
                Ok(Ok(event)) if concerns_file(&event) => deadline = Instant::now() + QUIET,
                Ok(_) | Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => return false,
            }
        }
        true
    }
}

/// One render and its line: how long it took and what the pre-flight checks said; on a
/// failure the messages, and a line saying the last good files are kept.
fn once(file: &Path, args: &WatchArgs, count: usize) {
    let started = Instant::now();
    let result = render(file, &args.out, 0);
    let took = started.elapsed().as_millis();
    match result {
        Ok(message) => {
            let written: Vec<&str> = message.lines().skip(1).map(str::trim).collect();
            let checks = if message.contains("pre-flight checks find problems") {
                "written despite the pre-flight checks (--force)"
            } else {
                "pre-flight checks passed"
            };
            say(&format!(
                "[{count}] rendered in {took} ms, {checks}: {}",
                written.join(", ")
            ));
        }
        Err(failure) => {
            let said = said(Err(failure));
            said.print();
            say(&format!(
                "[{count}] not rendered ({took} ms): fix the problems above and save again; \
                 the last good files are kept"
            ));
        }
    }
}
