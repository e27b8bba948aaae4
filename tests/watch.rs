//! `waypost watch` as a user runs it: it renders once, then on every save — in place or
//! by writing a new file and renaming it — and keeps the last good files on a mistake.
#![cfg(feature = "cli")]

mod support;

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};
use support::cli::scratch;

const EXAMPLE: &str = "examples/sparse.toml";

/// The running command, its output lines as they come, and a way to stop it.
struct Watching {
    child: Child,
    lines: Receiver<String>,
}

impl Watching {
    fn start(file: &Path, out: &Path) -> Watching {
        let mut child = Command::new(env!("CARGO_BIN_EXE_waypost"))
            .args(["watch", file.to_str().unwrap(), "-o", out.to_str().unwrap()])
            .args(["--format", "svg"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let (send, lines) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Watching { child, lines }
    }

    /// The next render's line, `[N] …`, within 20 seconds.
    fn next_render(&self) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = (self.lines.recv_timeout(left))
                .unwrap_or_else(|e| panic!("no render line within 20 s: {e}"));
            if line.starts_with('[') {
                return line;
            }
        }
    }

    /// Whether a render line comes within `wait`.
    fn quiet_for(&self, wait: Duration) -> bool {
        let deadline = Instant::now() + wait;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.starts_with('[') => return false,
                Ok(_) => {}
                Err(_) => return true,
            }
        }
        true
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn every_save_renders_and_a_mistake_keeps_the_last_good_files() {
    let dir = scratch("watch");
    let file = dir.join("roadmap.toml");
    let out = dir.join("out");
    let good = fs::read_to_string(support::root().join(EXAMPLE)).unwrap();
    fs::write(&file, &good).unwrap();
    let svg = out.join("roadmap.svg");
    let watching = Watching::start(&file, &out);

    let first = watching.next_render();
    assert!(first.starts_with("[1] rendered in "), "{first}");
    assert!(first.contains("pre-flight checks passed"), "{first}");
    assert!(fs::read_to_string(&svg)
        .unwrap()
        .contains("Welcome to volunteering"));

    // Saved in place.
    fs::write(
        &file,
        good.replace("Welcome to volunteering", "Welcome aboard"),
    )
    .unwrap();
    let line = watching.next_render();
    assert!(line.starts_with("[2] rendered"), "{line}");
    assert!(fs::read_to_string(&svg).unwrap().contains("Welcome aboard"));

    // Saved as editors often do: a new file renamed over the old one.
    let temporary = dir.join(".roadmap.toml.swp");
    fs::write(
        &temporary,
        good.replace("Welcome to volunteering", "Hello there"),
    )
    .unwrap();
    fs::rename(&temporary, &file).unwrap();
    let line = watching.next_render();
    assert!(line.starts_with("[3] rendered"), "{line}");
    assert!(fs::read_to_string(&svg).unwrap().contains("Hello there"));

    // A mistake: said, and the last good page stays.
    let before = fs::read(&svg).unwrap();
    fs::write(&file, good.replace("cost = \"free\"", "cost = \"gratis\"")).unwrap();
    let line = watching.next_render();
    assert!(line.starts_with("[4] not rendered"), "{line}");
    assert!(line.contains("the last good files are kept"), "{line}");
    assert_eq!(fs::read(&svg).unwrap(), before);

    // A burst of writes is one render, not one each.
    for i in 0..5 {
        fs::write(
            &file,
            good.replace("Welcome to volunteering", &format!("Burst {i}")),
        )
        .unwrap();
        thread::sleep(Duration::from_millis(20));
    }
    let line = watching.next_render();
    assert!(line.starts_with("[5] rendered"), "{line}");
    assert!(
        watching.quiet_for(Duration::from_millis(700)),
        "more than one render"
    );
    assert!(fs::read_to_string(&svg).unwrap().contains("Burst 4"));

    // Other files in the folder are not the roadmap.
    fs::write(dir.join("notes.txt"), "x").unwrap();
    assert!(
        watching.quiet_for(Duration::from_millis(500)),
        "rendered for another file"
    );
}

#[test]
fn an_output_that_is_a_file_is_refused_as_render_refuses_it() {
    let dir = scratch("watch-output-file");
    let file = dir.join("roadmap.toml");
    fs::copy(support::root().join(EXAMPLE), &file).unwrap();
    let taken = dir.join("notes.txt");
    fs::write(&taken, "mine").unwrap();
    for output in [taken.clone(), taken.join("out")] {
        let args = [file.to_str().unwrap(), "-o", output.to_str().unwrap()];
        let mut child = Command::new(env!("CARGO_BIN_EXE_waypost"))
            .arg("watch")
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while child.try_wait().unwrap().is_none() && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(20));
        }
        if child.try_wait().unwrap().is_none() {
            let _ = child.kill();
            let _ = child.wait();
            panic!("watch -o {} kept running", output.display());
        }
        let watched = child.wait_with_output().unwrap();
        let rendered = Command::new(env!("CARGO_BIN_EXE_waypost"))
            .arg("render")
            .args(args)
            .output()
            .unwrap();
        for said in [watched, rendered] {
            let err = String::from_utf8_lossy(&said.stderr).into_owned();
            assert_eq!(said.status.code(), Some(2), "{err}");
            assert!(err.contains("is a file, not a folder"), "{err}");
        }
    }
    assert_eq!(fs::read_to_string(&taken).unwrap(), "mine");
}
