//! Small files that would take the machine: logos named many times or under many
//! spellings, paths swapped for links, pipes in place of files. Each is refused at its
//! line, quickly, before its bytes are multiplied.

#![cfg(feature = "cli")]

mod support;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};
use support::cli::{scratch, stderr, waypost_in};

const ROADMAP_HEAD: &str = "title = \"Logos\"\n";
const ROADMAP_TAIL: &str = "[[stage]]\ntitle = \"Start\"\n[[stage.offer]]\ntitle = \"An offer\"\n\
                            provider = \"A provider\"\nurl = \"https://example.org/\"\ncost = \"free\"\n";

/// A folder with `logo.png` (a small real PNG) and a roadmap naming it under each of
/// `paths`.
fn logos_named(name: &str, paths: &[String], png: &[u8]) -> std::path::PathBuf {
    let dir = scratch(name);
    fs::write(dir.join("logo.png"), png).unwrap();
    let mut text = String::from(ROADMAP_HEAD);
    for path in paths {
        text += &format!("[[logo]]\nfile = \"{path}\"\nalt = \"Partner\"\n");
    }
    text += ROADMAP_TAIL;
    fs::write(dir.join("r.toml"), text).unwrap();
    dir
}

fn small_png() -> Vec<u8> {
    fs::read(support::root().join("examples/branded/logos/network.png")).unwrap()
}

/// `line` of the roadmap in `dir`, counted from 1, holding `needle` for the `nth` time.
fn line_of(dir: &Path, needle: &str, nth: usize) -> usize {
    let text = fs::read_to_string(dir.join("r.toml")).unwrap();
    (text.lines().enumerate())
        .filter(|(_, l)| l.contains(needle))
        .nth(nth)
        .unwrap()
        .0
        + 1
}

fn check(dir: &Path) -> (Option<i32>, String, Duration) {
    let start = Instant::now();
    let out = waypost_in(dir, &["check", "r.toml"]);
    (out.status.code(), stderr(&out), start.elapsed())
}

#[test]
fn a_roadmap_has_at_most_twelve_logos() {
    let twelve: Vec<String> = (0..12).map(|_| "logo.png".to_string()).collect();
    let dir = logos_named("resources-twelve", &twelve, &small_png());
    let (_, said, _) = check(&dir);
    // Twelve footer logos do not all fit beside each other; they are not refused as many.
    assert!(!said.contains("may have at most"), "{said}");

    let many: Vec<String> = (0..300).map(|_| "logo.png".to_string()).collect();
    let dir = logos_named("resources-many", &many, &small_png());
    let (code, said, took) = check(&dir);
    assert_eq!(code, Some(1), "{said}");
    let line = line_of(&dir, "[[logo]]", 12);
    let expected = format!(
        "r.toml:{line}:1: error: this roadmap has 300 logos; a roadmap may have at most 12"
    );
    assert!(said.contains(&expected), "{said}");
    assert!(took < Duration::from_secs(10), "took {took:?}");
}

#[test]
fn one_file_under_many_spellings_is_read_once_and_counted_each_time() {
    // A 1.5 MB PNG (an uncompressed, valid image), named under seven spellings: read once,
    // but embedded by every logo that names it, so the seventh passes 10 MB.
    let png = big_png(1224);
    assert!(6 * png.len() <= 10_000_000 && 7 * png.len() > 10_000_000);
    let spellings: Vec<String> = (0..7)
        .map(|i| format!("{}logo.png", "./".repeat(i)))
        .collect();
    let dir = logos_named("resources-spellings", &spellings, &png);
    let (code, said, _) = check(&dir);
    assert_eq!(code, Some(1), "{said}");
    let line = line_of(&dir, "file =", 6);
    let expected = format!(
        "r.toml:{line}:8: error: the logos come to {:.1} MB with this one; together they may be at most 10 MB",
        7.0 * png.len() as f64 / 1e6
    );
    assert!(said.contains(&expected), "{said}");
    assert_eq!(said.matches("error:").count(), 1, "{said}");
}

/// A valid grey PNG of `side` × `side` pixels, stored without compression (about
/// `side`² bytes).
fn big_png(side: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, side, side);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_compression(png::Compression::NoCompression);
        let mut writer = encoder.write_header().unwrap();
        let pixels: Vec<u8> = (0..side * side).map(|i| (i % 251) as u8).collect();
        writer.write_image_data(&pixels).unwrap();
    }
    out
}

#[cfg(unix)]
#[test]
fn a_logo_is_never_read_through_a_link_or_from_a_pipe() {
    use std::os::unix::fs::symlink;
    let outside = scratch("resources-outside");
    fs::create_dir_all(outside.join("logos")).unwrap();
    fs::write(outside.join("logos/logo.png"), small_png()).unwrap();

    // The logos folder is a link to a folder outside the roadmap's.
    let dir = logos_named(
        "resources-linked",
        &["logos/logo.png".to_string()],
        &small_png(),
    );
    symlink(outside.join("logos"), dir.join("logos")).unwrap();
    let (code, said, _) = check(&dir);
    assert_eq!(code, Some(1), "{said}");
    let line = line_of(&dir, "file =", 0);
    let expected = format!(
        "r.toml:{line}:8: error: cannot read logos/logo.png: it is a symbolic link, or passes through one"
    );
    assert!(said.contains(&expected), "{said}");

    // A pipe in place of the logo: refused at once, never waited on.
    let dir = logos_named("resources-pipe", &["pipe.png".to_string()], &small_png());
    let made = std::process::Command::new("mkfifo")
        .arg(dir.join("pipe.png"))
        .status()
        .unwrap();
    assert!(made.success());
    let (code, said, took) = check(&dir);
    assert_eq!(code, Some(1), "{said}");
    assert!(
        said.contains("error: cannot read pipe.png: it is not a regular file"),
        "{said}"
    );
    assert!(took < Duration::from_secs(10), "took {took:?}");
}

/// A path holding characters a terminal obeys (ESC, a right-to-left override, NUL) is
/// quoted in messages with each shown by its code, never sent to the terminal raw.
#[test]
fn a_path_is_quoted_without_the_characters_a_terminal_obeys() {
    let paths = [
        "logos/\\u001b[2Jx.png".to_string(),
        "\\u202Egnp.x".to_string(),
        "a\\u0000.png".to_string(),
    ];
    let dir = logos_named("resources-escapes", &paths, &small_png());
    let (code, said, _) = check(&dir);
    assert_eq!(code, Some(1), "{said}");
    for raw in ['\u{1b}', '\u{202E}', '\u{0}'] {
        assert!(
            !said.contains(raw),
            "{raw:?} reached the terminal: {said:?}"
        );
    }
    for code in ["<U+001B>", "<U+202E>", "<U+0000>"] {
        assert!(said.contains(code), "{code} missing: {said}");
    }
}

/// A roadmap of more stages or offers than the caps is refused at the first one past
/// them, before anything is laid out.
#[test]
fn stages_and_offers_past_the_caps_are_refused_at_the_first_one_over() {
    use waypost::model::{MAX_OFFERS, MAX_STAGES};
    let offer = "[[stage.offer]]\ntitle = \"O\"\nprovider = \"P\"\nurl = \"https://example.org/\"\ncost = \"free\"\n";
    let mut text = String::from("title = \"Many\"\n");
    for _ in 0..10 {
        text += "[[stage]]\ntitle = \"S\"\n";
        text += &offer.repeat(MAX_OFFERS / 10 + 1);
    }
    let error = waypost::model::parse("r.toml", &text)
        .unwrap_err()
        .to_string();
    // Nine stages of 16 offers hold 144; the 151st is stage 10's seventh, whose table
    // starts after the title line, nine stages, stage 10's two lines and six offers.
    let per_stage = MAX_OFFERS / 10 + 1;
    let past = MAX_OFFERS + 1 - 9 * per_stage;
    let line = 1 + 9 * (2 + 5 * per_stage) + 2 + 5 * (past - 1) + 1;
    let expected = format!(
        "r.toml:{line}:1: error: this is the roadmap's offer number {}; a roadmap may have at most {MAX_OFFERS}",
        MAX_OFFERS + 1
    );
    assert!(error.contains(&expected), "{error}");
    assert_eq!(error.matches("error:").count(), 1, "{error}");

    let mut text = String::from("title = \"Many\"\n");
    for _ in 0..MAX_STAGES + 3 {
        text += "[[stage]]\ntitle = \"S\"\n";
        text += offer;
    }
    let error = waypost::model::parse("r.toml", &text)
        .unwrap_err()
        .to_string();
    let line = 2 + 7 * MAX_STAGES;
    let expected = format!(
        "r.toml:{line}:1: error: this roadmap has {} stages; a roadmap may have at most {MAX_STAGES}",
        MAX_STAGES + 3
    );
    assert!(error.contains(&expected), "{error}");
}
