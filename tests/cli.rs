//! The `waypost` command as a user runs it: files written, messages and exit codes.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const EXAMPLE: &str = "examples/link-worker-training.toml";

fn waypost(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_waypost"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

/// A fresh folder under target/ for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn render_writes_all_three_formats() {
    let dir = scratch("render-all");
    let out = waypost(&[
        "render",
        EXAMPLE,
        "-o",
        dir.to_str().unwrap(),
        "--dpi",
        "72",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for ext in ["svg", "png", "pdf"] {
        let path = dir.join(format!("link-worker-training.{ext}"));
        let bytes = fs::read(&path).unwrap_or_else(|_| panic!("{} missing", path.display()));
        assert!(
            bytes.len() > 1000,
            "{} is {} bytes",
            path.display(),
            bytes.len()
        );
    }
    assert!(fs::read(dir.join("link-worker-training.pdf"))
        .unwrap()
        .starts_with(b"%PDF-"));
    assert!(fs::read(dir.join("link-worker-training.png"))
        .unwrap()
        .starts_with(b"\x89PNG"));
    // No temporary files are left behind.
    let names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn render_twice_gives_the_same_bytes() {
    let (a, b) = (scratch("twice-a"), scratch("twice-b"));
    for dir in [&a, &b] {
        let out = waypost(&[
            "render",
            EXAMPLE,
            "-o",
            dir.to_str().unwrap(),
            "--dpi",
            "72",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    for ext in ["svg", "png", "pdf"] {
        let name = format!("link-worker-training.{ext}");
        assert!(
            fs::read(a.join(&name)).unwrap() == fs::read(b.join(&name)).unwrap(),
            "{name} differs"
        );
    }
}

#[test]
fn format_chooses_what_is_written() {
    let dir = scratch("only-pdf");
    let out = waypost(&[
        "render",
        EXAMPLE,
        "-o",
        dir.to_str().unwrap(),
        "--format",
        "pdf",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(dir.join("link-worker-training.pdf").exists());
    assert!(!dir.join("link-worker-training.png").exists());
}

#[test]
fn check_passes_a_good_file_and_lists_problems_with_positions() {
    let out = waypost(&["check", EXAMPLE]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let dir = scratch("check-bad");
    let bad = dir.join("bad.toml");
    fs::write(
        &bad,
        "title = \"Roadmap\"\n[[stage]]\ntitel = \"Induction\"\n[[stage.offer]]\ntitle = \"Guide\"\nprovider = \"NHS\"\nurl = \"javascript:alert(1)\"\ncost = \"paid\"\n",
    )
    .unwrap();
    let out = waypost(&["check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let shown = bad.display().to_string();
    assert!(
        err.contains(&format!("{shown}:3:1: error: unknown key `titel`")),
        "{err}"
    );
    assert!(err.contains(&format!("{shown}:7:7: error:")), "{err}");
    assert!(
        err.contains(&format!("{shown}:8:8: error: `cost` is \"paid\"")),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_failed_render_keeps_the_last_good_output() {
    let dir = scratch("keep-good");
    let file = dir.join("roadmap.toml");
    let good = fs::read_to_string(EXAMPLE).unwrap();
    fs::write(&file, &good).unwrap();
    let out_dir = dir.join("out");
    let args = [
        "render",
        file.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
        "--dpi",
        "72",
    ];
    assert_eq!(waypost(&args).status.code(), Some(0));
    let before = fs::read(out_dir.join("roadmap.pdf")).unwrap();
    fs::write(&file, good.replace("cost = \"free\"", "cost = \"gratis\"")).unwrap();
    let out = waypost(&args);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(fs::read(out_dir.join("roadmap.pdf")).unwrap(), before);
}

#[test]
fn usage_problems_exit_with_2() {
    let out = waypost(&["render", "no/such/roadmap.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no/such/roadmap.toml"),
        "{}",
        stderr(&out)
    );
    let out = waypost(&["render", EXAMPLE, "--dpi", "0"]);
    assert_eq!(out.status.code(), Some(2));
    let out = waypost(&["render", EXAMPLE, "--layout", "nosuchlayout"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the built-in layouts are road"),
        "{}",
        stderr(&out)
    );
    let out = waypost(&["check", "examples"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn content_that_does_not_fit_says_so_and_writes_nothing() {
    let dir = scratch("too-big");
    let mut text = String::from("title = \"Everything\"\npage = \"A5\"\n");
    for s in 0..8 {
        text.push_str(&format!("[[stage]]\ntitle = \"Stage {s}\"\n"));
        for o in 0..10 {
            text.push_str(&format!(
                "[[stage.offer]]\ntitle = \"Offer {o}\"\nprovider = \"Provider\"\nurl = \"https://example.org/{o}\"\ncost = \"free\"\n"
            ));
        }
    }
    let file = dir.join("big.toml");
    fs::write(&file, text).unwrap();
    let out_dir = dir.join("out");
    let out = waypost(&[
        "render",
        file.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("does not fit on A5 portrait"), "{err}");
    assert!(err.contains("mm past"), "{err}");
    assert!(
        !out_dir.exists(),
        "a failed render created {}",
        out_dir.display()
    );
}
