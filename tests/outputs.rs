//! How outputs land in their folder: never through a link planted there, always whole
//! when several renders write the same names at once, and as a set — a render that fails
//! part of the way leaves the previous files together.
#![cfg(feature = "cli")]

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};
use support::cli::{names, scratch, stderr, waypost_in};

const EXAMPLE: &str = "examples/sparse.toml";
const FORMATS: [&str; 3] = ["svg", "png", "pdf"];

/// `dir/roadmap.toml`, the example with its title replaced.
fn roadmap(dir: &Path, title: &str) -> PathBuf {
    let file = dir.join("roadmap.toml");
    let text = fs::read_to_string(support::root().join(EXAMPLE)).unwrap();
    fs::write(&file, text.replace("Volunteer coordinator roadmap", title)).unwrap();
    file
}

/// `waypost render FILE -o OUT` at a small PNG resolution, from `dir`.
fn render(dir: &Path, file: &Path, out: &Path) -> std::process::Output {
    let (file, out) = (file.to_str().unwrap(), out.to_str().unwrap());
    waypost_in(dir, &["render", file, "-o", out, "--dpi", "20"])
}

/// What a file holds, or "(missing)".
fn read(path: &Path) -> Vec<u8> {
    fs::read(path).unwrap_or_else(|_| b"(missing)".to_vec())
}

#[cfg(unix)]
#[test]
fn no_write_follows_a_link_planted_in_the_output_folder() {
    use std::os::unix::fs::symlink;
    let dir = scratch("outputs-links");
    let outside = dir.join("outside");
    fs::create_dir_all(&outside).unwrap();
    // Files that someone who may write to the output folder wants overwritten.
    let victim = |name: &str| {
        let path = outside.join(name);
        fs::write(&path, format!("precious {name}")).unwrap();
        path
    };
    let untouched = |path: &Path| {
        let name = path.file_name().unwrap().to_string_lossy();
        assert_eq!(
            fs::read_to_string(path).unwrap(),
            format!("precious {name}"),
            "{} was written through a link",
            path.display()
        );
    };
    // A link at the output's name and at the temporary names earlier versions used.
    let plant = |folder: &Path, name: &str| -> [PathBuf; 2] {
        let target = victim(&format!("{name}.target"));
        let temporary = victim(&format!("{name}.temporary"));
        symlink(&target, folder.join(name)).unwrap();
        symlink(&temporary, folder.join(format!(".{name}.waypost-tmp"))).unwrap();
        [target, temporary]
    };
    let regular = |path: &Path| {
        let meta = fs::symlink_metadata(path).unwrap();
        assert!(meta.is_file(), "{} is still a link", path.display());
    };

    // render: every format, and a dangling link that would create a file elsewhere.
    let file = roadmap(&dir, "Links planted");
    let out = dir.join("out");
    fs::create_dir_all(&out).unwrap();
    let mut victims = Vec::new();
    for ext in ["svg", "png"] {
        victims.extend(plant(&out, &format!("roadmap.{ext}")));
    }
    let elsewhere = outside.join("made-elsewhere.pdf");
    symlink(&elsewhere, out.join("roadmap.pdf")).unwrap();
    symlink(&elsewhere, out.join(".roadmap.pdf.waypost-tmp")).unwrap();
    let said = render(&dir, &file, &out);
    assert_eq!(said.status.code(), Some(0), "{}", stderr(&said));
    assert!(!elsewhere.exists(), "a file was created through a link");
    for ext in FORMATS {
        regular(&out.join(format!("roadmap.{ext}")));
    }
    assert!(read(&out.join("roadmap.svg")).starts_with(b"<?xml"));
    assert!(read(&out.join("roadmap.png")).starts_with(b"\x89PNG"));
    assert!(read(&out.join("roadmap.pdf")).starts_with(b"%PDF"));

    // export and import, over a link with --force.
    let sheets = dir.join("sheets");
    fs::create_dir_all(&sheets).unwrap();
    victims.extend(plant(&sheets, "roadmap.csv"));
    let (f, s) = (file.to_str().unwrap(), sheets.to_str().unwrap());
    let said = waypost_in(&dir, &["export", f, "-o", s, "--force"]);
    assert_eq!(said.status.code(), Some(0), "{}", stderr(&said));
    regular(&sheets.join("roadmap.csv"));
    let again = dir.join("again");
    fs::create_dir_all(&again).unwrap();
    victims.extend(plant(&again, "roadmap.toml"));
    let csv = sheets.join("roadmap.csv");
    let (c, a) = (csv.to_str().unwrap(), again.to_str().unwrap());
    let said = waypost_in(&dir, &["import", c, "-o", a, "--force"]);
    assert_eq!(said.status.code(), Some(0), "{}", stderr(&said));
    regular(&again.join("roadmap.toml"));

    // init never writes over anything, a dangling link included.
    let made = outside.join("made-by-init.toml");
    symlink(&made, dir.join("new.toml")).unwrap();
    victims.extend(plant(&dir, "other.toml").into_iter().skip(1));
    fs::remove_file(dir.join("other.toml")).unwrap();
    let said = waypost_in(&dir, &["init", "new.toml"]);
    assert_eq!(said.status.code(), Some(2));
    assert!(
        stderr(&said).contains("already exists"),
        "{}",
        stderr(&said)
    );
    assert!(!made.exists(), "init created a file through a link");
    let said = waypost_in(&dir, &["init", "other.toml"]);
    assert_eq!(said.status.code(), Some(0), "{}", stderr(&said));
    regular(&dir.join("other.toml"));

    for path in &victims {
        untouched(path);
    }
}

/// A roadmap in `dir` rendered into `dir/out`, then edited: the file, the folder and the
/// bytes of the first render, in the order of `FORMATS`.
fn rendered_then_edited(dir: &Path) -> (PathBuf, PathBuf, Vec<Vec<u8>>) {
    let out = dir.join("out");
    let file = roadmap(dir, "First edition");
    assert_eq!(render(dir, &file, &out).status.code(), Some(0));
    let before: Vec<Vec<u8>> = FORMATS
        .iter()
        .map(|ext| read(&out.join(format!("roadmap.{ext}"))))
        .collect();
    roadmap(dir, "Second edition");
    (file, out, before)
}

#[test]
fn a_render_that_fails_part_of_the_way_leaves_the_previous_set() {
    let dir = scratch("outputs-set");
    let (file, out, before) = rendered_then_edited(&dir);

    // The PNG's name is taken by a folder: the SVG, written first, must not change.
    fs::remove_file(out.join("roadmap.png")).unwrap();
    fs::create_dir(out.join("roadmap.png")).unwrap();
    let said = render(&dir, &file, &out);
    assert_eq!(said.status.code(), Some(2));
    assert!(read(&out.join("roadmap.svg")) == before[0], "a new SVG");
    assert!(read(&out.join("roadmap.pdf")) == before[2], "a new PDF");
    let err = stderr(&said);
    assert!(
        err.contains("roadmap.png") && err.contains("folder"),
        "{err}"
    );
    assert_eq!(
        names(&out),
        [
            ".roadmap.waypost-files",
            "roadmap.pdf",
            "roadmap.png",
            "roadmap.svg"
        ],
        "temporary files were left behind"
    );
}

/// A render stopped by the system while writing its PNG (here: over the largest file the
/// process may write) has written its SVG, but no file in the folder may change.
#[cfg(unix)]
#[test]
fn a_render_stopped_while_writing_leaves_the_previous_set() {
    let dir = scratch("outputs-stopped");
    let (_, out, before) = rendered_then_edited(&dir);
    // Between the SVG's size and the PNG's at 300 dpi, in bytes.
    let svg = before[0].len() as u64;
    let limit = svg + 4096;
    let script = format!(
        "ulimit -f {}; exec \"$0\" render roadmap.toml -o out --dpi 300",
        limit.div_ceil(512)
    );
    let said = Command::new("sh")
        .args(["-c", &script, env!("CARGO_BIN_EXE_waypost")])
        .current_dir(&dir)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_ne!(said.status.code(), Some(0), "the render was not stopped");
    for (ext, old) in FORMATS.iter().zip(&before) {
        assert!(
            read(&out.join(format!("roadmap.{ext}"))) == *old,
            "roadmap.{ext} changed"
        );
    }
}

/// Several processes render different roadmaps of one name into one folder at once, over
/// and over, while another reads the files: every file read is one whole render, and each
/// time they are done the set is one render's.
#[test]
fn concurrent_renders_into_one_folder_leave_one_whole_set() {
    const PROCESSES: usize = 4;
    const ROUNDS: usize = 10;
    let dir = scratch("outputs-concurrent");
    let out = dir.join("out");
    // Each roadmap alone, for reference.
    let mut files = Vec::new();
    let mut references: Vec<Vec<Vec<u8>>> = Vec::new();
    for i in 0..PROCESSES {
        let folder = dir.join(format!("source-{i}"));
        fs::create_dir_all(&folder).unwrap();
        let file = roadmap(&folder, &format!("Roadmap number {i}"));
        let alone = folder.join("alone");
        let said = render(&dir, &file, &alone);
        assert_eq!(said.status.code(), Some(0), "{}", stderr(&said));
        references.push(
            FORMATS
                .iter()
                .map(|ext| read(&alone.join(format!("roadmap.{ext}"))))
                .collect(),
        );
        files.push(file);
    }
    let started = Instant::now();
    let done = AtomicBool::new(false);
    let reads = AtomicUsize::new(0);
    thread::scope(|scope| {
        scope.spawn(|| {
            while !done.load(Ordering::Relaxed) {
                for (f, ext) in FORMATS.iter().enumerate() {
                    let Ok(bytes) = fs::read(out.join(format!("roadmap.{ext}"))) else {
                        continue;
                    };
                    reads.fetch_add(1, Ordering::Relaxed);
                    assert!(
                        references.iter().any(|r| r[f] == bytes),
                        "roadmap.{ext} was read torn or mixed ({} bytes)",
                        bytes.len()
                    );
                }
                thread::sleep(Duration::from_millis(2));
            }
        });
        // The reader stops however the rounds end, a failed assertion included.
        let _stop = Stop(&done);
        for round in 0..ROUNDS {
            let children: Vec<_> = files
                .iter()
                .map(|file| {
                    Command::new(env!("CARGO_BIN_EXE_waypost"))
                        .args(["render", file.to_str().unwrap()])
                        .args(["-o", out.to_str().unwrap(), "--dpi", "20"])
                        .stdout(Stdio::null())
                        .stderr(Stdio::piped())
                        .spawn()
                        .unwrap()
                })
                .collect();
            for child in children {
                let said = child.wait_with_output().unwrap();
                assert_eq!(
                    said.status.code(),
                    Some(0),
                    "round {round}: {}",
                    stderr(&said)
                );
            }
            let set: Vec<Vec<u8>> = FORMATS
                .iter()
                .map(|ext| read(&out.join(format!("roadmap.{ext}"))))
                .collect();
            assert!(
                references.contains(&set),
                "round {round}: the files are not one render's set"
            );
            assert_eq!(
                names(&out),
                [
                    ".roadmap.waypost-files",
                    "roadmap.pdf",
                    "roadmap.png",
                    "roadmap.svg"
                ]
            );
        }
    });
    eprintln!(
        "{} renders in {} rounds, {} files read meanwhile, in {:.1} s",
        PROCESSES * ROUNDS,
        ROUNDS,
        reads.load(Ordering::Relaxed),
        started.elapsed().as_secs_f32()
    );
}

/// Raises its flag when dropped.
struct Stop<'a>(&'a AtomicBool);

impl Drop for Stop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// `dir/roadmap.toml`: the link worker example, four stages that can take one to four pages.
fn four_stages(dir: &Path) -> PathBuf {
    let file = dir.join("roadmap.toml");
    fs::copy(
        support::root().join("examples/link-worker-training.toml"),
        &file,
    )
    .unwrap();
    file
}

/// `waypost render FILE -o OUT --pages N --format FORMATS` at a small PNG resolution.
fn render_pages(dir: &Path, file: &Path, out: &Path, pages: usize, formats: &str) -> String {
    let (file, out) = (file.to_str().unwrap(), out.to_str().unwrap());
    let pages = pages.to_string();
    let args = [
        "render", file, "-o", out, "--dpi", "20", "--pages", &pages, "--format", formats,
    ];
    let said = waypost_in(dir, &args);
    assert_eq!(said.status.code(), Some(0), "{}", stderr(&said));
    support::cli::stdout(&said)
}

/// The names in `dir` of the roadmap's outputs (not hidden files).
fn outputs(dir: &Path) -> Vec<String> {
    names(dir)
        .into_iter()
        .filter(|n| !n.starts_with('.'))
        .collect()
}

/// A render that makes fewer pages than the last removes the pages the last one wrote and
/// it does not, says so, and leaves every other file alone: another format's files, a
/// file of the same pattern it never wrote, another roadmap's.
#[test]
fn a_render_removes_the_pages_an_earlier_render_made_and_it_does_not() {
    let dir = scratch("outputs-stale");
    let out = dir.join("out");
    let file = four_stages(&dir);
    render_pages(&dir, &file, &out, 3, "svg,png");
    fs::write(out.join("roadmap-4.png"), b"mine").unwrap();
    fs::write(out.join("other.png"), b"mine").unwrap();
    assert_eq!(
        outputs(&out),
        [
            "other.png",
            "roadmap-1.png",
            "roadmap-1.svg",
            "roadmap-2.png",
            "roadmap-2.svg",
            "roadmap-3.png",
            "roadmap-3.svg",
            "roadmap-4.png"
        ]
    );
    let said = render_pages(&dir, &file, &out, 2, "png");
    assert!(said.contains("removed"), "{said}");
    assert_eq!(
        outputs(&out),
        [
            "other.png",
            "roadmap-1.png",
            "roadmap-1.svg",
            "roadmap-2.png",
            "roadmap-2.svg",
            "roadmap-3.svg",
            "roadmap-4.png"
        ],
        "only the third PNG goes: the SVGs were not rendered this time"
    );
    let said = render_pages(&dir, &file, &out, 1, "svg,png");
    assert_eq!(said.matches("removed").count(), 5, "{said}");
    assert_eq!(
        outputs(&out),
        ["other.png", "roadmap-4.png", "roadmap.png", "roadmap.svg"]
    );
    let said = render_pages(&dir, &file, &out, 2, "svg,png");
    assert_eq!(said.matches("removed").count(), 2, "{said}");
    assert_eq!(
        outputs(&out),
        [
            "other.png",
            "roadmap-1.png",
            "roadmap-1.svg",
            "roadmap-2.png",
            "roadmap-2.svg",
            "roadmap-4.png"
        ]
    );
}

/// Renders of one roadmap with different page counts racing into one folder leave one
/// render's whole set, and nothing else of that name.
#[test]
fn concurrent_renders_with_different_page_counts_leave_one_set() {
    let dir = scratch("outputs-concurrent-pages");
    let out = dir.join("out");
    let file = four_stages(&dir);
    for round in 0..3 {
        let children: Vec<_> = (1..=4)
            .map(|pages| {
                Command::new(env!("CARGO_BIN_EXE_waypost"))
                    .args(["render", file.to_str().unwrap(), "--format", "svg,png"])
                    .args(["-o", out.to_str().unwrap(), "--dpi", "20"])
                    .args(["--pages", &pages.to_string()])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let said = child.wait_with_output().unwrap();
            assert_eq!(said.status.code(), Some(0), "{}", stderr(&said));
        }
        let found = outputs(&out);
        let sets: Vec<Vec<String>> = (1..=4)
            .map(|pages: usize| {
                let mut set: Vec<String> = if pages == 1 {
                    vec!["roadmap.png".into(), "roadmap.svg".into()]
                } else {
                    (1..=pages)
                        .flat_map(|p| [format!("roadmap-{p}.png"), format!("roadmap-{p}.svg")])
                        .collect()
                };
                set.sort();
                set
            })
            .collect();
        assert!(sets.contains(&found), "round {round}: {found:?}");
    }
}
