//! The `waypost` command as a user runs it: files written, messages and exit codes.
#![cfg(feature = "cli")]

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

/// Renders the example into `dir` with `extra` arguments and expects success.
fn render_example(dir: &Path, extra: &[&str]) {
    let mut args = vec!["render", EXAMPLE, "-o", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = waypost(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn render_writes_all_three_formats() {
    let dir = scratch("render-all");
    render_example(&dir, &["--dpi", "72"]);
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
        .filter(|name| name != ".link-worker-training.waypost-files")
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn render_twice_gives_the_same_bytes() {
    let (a, b) = (scratch("twice-a"), scratch("twice-b"));
    for dir in [&a, &b] {
        render_example(dir, &["--dpi", "72"]);
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
    render_example(&dir, &["--format", "pdf"]);
    assert!(dir.join("link-worker-training.pdf").exists());
    assert!(!dir.join("link-worker-training.png").exists());
}

#[test]
fn png_compression_best_writes_the_same_pixels_in_a_smaller_file() {
    let pixels = |bytes: &[u8]| {
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
            .read_info()
            .unwrap();
        let mut data = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut data).unwrap();
        data
    };
    let mut files = Vec::new();
    for compression in ["fast", "best"] {
        let dir = scratch(&format!("compression-{compression}"));
        render_example(
            &dir,
            &[
                "--format",
                "png",
                "--dpi",
                "72",
                "--png-compression",
                compression,
            ],
        );
        files.push(fs::read(dir.join("link-worker-training.png")).unwrap());
    }
    let (fast, best) = (&files[0], &files[1]);
    assert!(
        best.len() < fast.len(),
        "best {} >= fast {}",
        best.len(),
        fast.len()
    );
    assert!(pixels(best) == pixels(fast), "the pixels differ");
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
fn check_finds_poor_contrast_in_the_roadmaps_own_colours() {
    let dir = scratch("check-colours");
    let file = dir.join("pale.toml");
    let source = fs::read_to_string(EXAMPLE).unwrap();
    fs::write(
        &file,
        format!("{source}\n[colours]\npage = \"#ffffff\"\ntext = \"#cccccc\"\n"),
    )
    .unwrap();
    let out = waypost(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("the page fails the pre-flight checks"),
        "{err}"
    );
    assert!(
        err.contains(
            "low contrast: \"Link worker induction guide\" (card \"Link worker induction guide\"): \
             contrast 1.61:1 between #cccccc and #ffffff"
        ),
        "{err}"
    );
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
    let out = waypost(&["render", EXAMPLE, "--layout", "colums"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "error: unknown layout `colums`; the built-in layouts are road, columns, timeline \
             — did you mean `columns`?"
        ),
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
fn bleed_takes_a_length_with_its_unit() {
    let dir = scratch("bleed");
    for (given, said) in [
        ("3mm", "3"),
        ("0.125in", "3.2"),
        ("0.5CM", "5"),
        ("9 pt", "3.2"),
    ] {
        let out = waypost(&[
            "render",
            EXAMPLE,
            "-o",
            dir.to_str().unwrap(),
            "--format",
            "pdf",
            "--bleed",
            given,
        ]);
        assert_eq!(out.status.code(), Some(0), "{given}: {}", stderr(&out));
        let expected = format!("and {said} mm bleed");
        assert!(
            stdout(&out).contains(&expected),
            "{given}: {}",
            stdout(&out)
        );
    }
    let pdf = fs::read(dir.join("link-worker-training.pdf")).unwrap();
    assert!(pdf.windows(9).any(|w| w == b"/BleedBox"));
    for (bad, told) in [
        ("3", "write 3mm (or cm, in or pt)"),
        ("0mm", "more than 0 and at most 50 mm"),
        ("-3mm", "more than 0 and at most 50 mm"),
        ("3in", "more than 0 and at most 50 mm"),
        ("3m", "give a length in mm, cm, in or pt"),
        ("60mm", "more than 0 and at most 50 mm"),
        ("NaNmm", "give a length in mm, cm, in or pt"),
    ] {
        let bleed = format!("--bleed={bad}");
        let out = waypost(&["render", EXAMPLE, "-o", dir.to_str().unwrap(), &bleed]);
        assert_eq!(out.status.code(), Some(2), "{bleed}");
        assert!(stderr(&out).contains(told), "{bad}: {}", stderr(&out));
    }
}

/// Eighty offers in eight stages on A5: more than the page holds.
fn too_big_for_a5() -> String {
    let mut text = String::from("title = \"Everything\"\npage = \"A5\"\n");
    for s in 0..8 {
        text.push_str(&format!("[[stage]]\ntitle = \"Stage {s}\"\n"));
        for o in 0..10 {
            text.push_str(&format!(
                "[[stage.offer]]\ntitle = \"Offer {o}\"\nprovider = \"Provider\"\nurl = \"https://example.org/{o}\"\ncost = \"free\"\n"
            ));
        }
    }
    text
}

#[test]
fn content_that_does_not_fit_says_so_and_writes_nothing() {
    let dir = scratch("too-big");
    let text = too_big_for_a5();
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
    assert!(
        err.starts_with(&format!(
            "{}: the roadmap does not fit on A5 portrait",
            file.display()
        )),
        "{err}"
    );
    // How far off it is, in offers and in the ways out, each measured.
    assert!(
        err.contains("it holds 17 of its 80 offers at 7 pt"),
        "{err}"
    );
    // No way out holds 80 offers (two pages, A4), so the message says what to change.
    assert!(err.contains("try page = \"A4\""), "{err}");
    assert!(
        !out_dir.exists(),
        "a failed render created {}",
        out_dir.display()
    );
}

/// A copy of the road preset with pale grey secondary text: every provider line fails the
/// contrast check.
fn pale_preset(dir: &Path) -> PathBuf {
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("layouts/road.toml"))
        .unwrap()
        .replace("muted = \"#425563\"", "muted = \"#c0c0c0\"");
    assert!(text.contains("#c0c0c0"));
    let path = dir.join("pale.toml");
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn check_json_reports_the_figures_with_stage_and_offer() {
    let out = waypost(&["check", "--json", EXAMPLE]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["clean"], true);
    assert_eq!(json["page"]["name"], "A4 portrait");
    assert_eq!(json["page"]["width_mm"], 210.0);
    assert!(json["min_text_pt"].as_f64().unwrap() >= 7.0);
    for key in [
        "overflows",
        "overlaps",
        "outside_margins",
        "low_contrast",
        "colour_only",
    ] {
        assert_eq!(json[key].as_array().map(Vec::len), Some(0), "{key}");
    }

    let dir = scratch("check-json-pale");
    let pale = pale_preset(&dir);
    let out = waypost(&[
        "check",
        "--json",
        EXAMPLE,
        "--layout",
        pale.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["clean"], false);
    let low = json["low_contrast"].as_array().unwrap();
    let nhs = low
        .iter()
        .find(|f| f["text"] == "NHS Futures")
        .expect("the provider line of the last card is reported");
    assert_eq!(nhs["stage"], "Further development");
    assert_eq!(nhs["offer"], "Social prescribing community of practice");
    assert!(nhs["message"].as_str().unwrap().contains("under 4.5:1"));
}

#[test]
fn check_json_reports_invalid_input_and_pages_that_do_not_fit() {
    let dir = scratch("check-json-bad");
    let bad = dir.join("bad.toml");
    fs::write(
        &bad,
        "title = \"T\"\n[[stage]]\ntitle = \"S\"\ncolour = 1\n",
    )
    .unwrap();
    let out = waypost(&["check", "--json", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["errors"][0]["line"], 4);
    assert_eq!(json["errors"][0]["column"], 1);

    let out = waypost(&["check", "--json", "examples/dense.toml", "--page", "a5"]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        json["does_not_fit"]["excess_mm"].as_f64().unwrap() > 0.0,
        "{json}"
    );
    assert_eq!(json["page"]["name"], "A5 portrait");
}

#[test]
fn render_refuses_a_failing_page_unless_forced() {
    let dir = scratch("force");
    let pale = pale_preset(&dir);
    let out_dir = dir.join("out");
    let base = [
        "render",
        EXAMPLE,
        "-o",
        out_dir.to_str().unwrap(),
        "--format",
        "pdf",
    ];
    let mut args: Vec<&str> = base.to_vec();
    args.extend(["--layout", pale.to_str().unwrap()]);
    let out = waypost(&args);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("low contrast"), "{}", stderr(&out));
    assert!(!out_dir.join("link-worker-training.pdf").exists());
    args.push("--force");
    let out = waypost(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out_dir.join("link-worker-training.pdf").exists());
}

#[test]
fn a_file_that_is_not_utf8_says_where() {
    let dir = scratch("latin1");
    let file = dir.join("latin1.toml");
    // "café" in Latin-1 on line 2.
    fs::write(&file, b"title = \"Roadmap\"\nsubtitle = \"caf\xe9\"\n").unwrap();
    let out = waypost(&["check", file.to_str().unwrap()]);
    // A mistake in the file, like any other: exit 1, one `error:` prefix, the line quoted.
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!(
            "{}:2:16: error: the file is not UTF-8",
            file.display()
        )),
        "{err}"
    );
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    assert!(err.contains("2 | subtitle = \"caf"), "{err}");
}

/// A folder holding `roadmap.toml` with `layout = "<value>"`, and a secret file beside the
/// folder that a roadmap must not be able to read.
fn roadmap_with_layout(name: &str, value: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let secret = dir.join("secret.toml");
    fs::write(&secret, "SECRET-LINE = \"do not show\"\n").unwrap();
    let folder = dir.join("roadmaps");
    fs::create_dir_all(&folder).unwrap();
    let roadmap = fs::read_to_string(EXAMPLE).unwrap().replace(
        "language = \"en-GB\"",
        &format!("language = \"en-GB\"\nlayout = \"{value}\""),
    );
    let file = folder.join("roadmap.toml");
    fs::write(&file, roadmap).unwrap();
    (file, secret)
}

#[test]
fn a_roadmap_cannot_name_a_layout_outside_its_folder() {
    let secret_path = roadmap_with_layout("layout-probe", "x.toml").1;
    let cases = [
        (
            "layout-dotdot",
            "../secret.toml".to_string(),
            "leaves the roadmap's folder",
        ),
        (
            "layout-deep",
            "../../../../etc/passwd".to_string(),
            "relative path ending in .toml",
        ),
        (
            "layout-absolute",
            secret_path.display().to_string(),
            "relative path ending in .toml",
        ),
        (
            "layout-not-toml",
            "styles/mine.txt".to_string(),
            "relative path ending in .toml",
        ),
    ];
    for (name, value, says) in cases {
        let (file, _) = roadmap_with_layout(name, &value);
        let out = waypost(&["check", file.to_str().unwrap()]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{value}: {err}");
        assert!(err.contains("roadmap.toml:9:10: error:"), "{value}: {err}");
        assert!(err.contains(says), "{value}: {err}");
        assert!(
            !err.contains("SECRET-LINE") && !err.contains("root:"),
            "{value}: {err}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_the_roadmaps_folder_is_refused() {
    let (file, secret) = roadmap_with_layout("layout-symlink", "styles/mine.toml");
    let styles = file.parent().unwrap().join("styles");
    fs::create_dir_all(&styles).unwrap();
    std::os::unix::fs::symlink(&secret, styles.join("mine.toml")).unwrap();
    let out = waypost(&["check", file.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("roadmap.toml:9:10: error:"), "{err}");
    assert!(err.contains("symbolic link"), "{err}");
    assert!(!err.contains("SECRET-LINE"), "{err}");

    // The same file given by the operator on the command line is read: their choice.
    let out = waypost(&[
        "check",
        file.to_str().unwrap(),
        "--layout",
        secret.to_str().unwrap(),
    ]);
    assert!(stderr(&out).contains("SECRET-LINE"), "{}", stderr(&out));
}

#[test]
fn a_title_of_one_enormous_word_is_blamed_on_the_title() {
    let dir = scratch("enormous-title");
    let file = dir.join("roadmap.toml");
    let roadmap = fs::read_to_string(EXAMPLE).unwrap().replacen(
        "title = \"Social prescribing link worker training roadmap\"",
        &format!("title = \"{}\"", "a".repeat(200_000)),
        1,
    );
    assert!(roadmap.len() > 200_000);
    fs::write(&file, roadmap).unwrap();
    let out = waypost(&["check", file.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("does not fit on A4 portrait: the title block"),
        "{err}"
    );
    assert!(err.len() < 400, "{} bytes: {err}", err.len());
}

#[test]
fn a_layout_named_in_the_roadmap_is_found_beside_it() {
    let dir = scratch("layout-beside");
    fs::create_dir_all(dir.join("styles")).unwrap();
    let preset =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("layouts/road.toml"))
            .unwrap()
            .replace("name = \"road\"", "name = \"mine\"");
    fs::write(dir.join("styles/mine.toml"), preset).unwrap();
    let roadmap = fs::read_to_string(EXAMPLE).unwrap().replace(
        "language = \"en-GB\"",
        "language = \"en-GB\"\nlayout = \"styles/mine.toml\"",
    );
    let file = dir.join("roadmap.toml");
    fs::write(&file, roadmap).unwrap();
    // Run from another folder: the path is taken relative to the roadmap file.
    let out = waypost(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("styles/mine.toml layout"));

    let missing = fs::read_to_string(&file)
        .unwrap()
        .replace("styles/mine.toml", "styles/gone.toml");
    fs::write(&file, missing).unwrap();
    let out = waypost(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("roadmap.toml:9:10: error: cannot read"),
        "{err}"
    );
}

#[test]
fn layout_list_names_every_built_in_layout_with_its_description() {
    let out = waypost(&["layout", "list"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), waypost::model::LAYOUTS.len(), "{text}");
    for (line, name) in lines.iter().zip(waypost::model::LAYOUTS) {
        let preset = waypost::layout::Preset::builtin(name).unwrap();
        assert_eq!(line.split_whitespace().next(), Some(name), "{text}");
        assert!(line.contains(&preset.description), "{text}");
    }
    assert!(lines[0].ends_with("(the default)"), "{text}");
}

#[test]
fn layout_show_prints_a_file_to_copy_and_use() {
    use waypost::layout::Preset;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in waypost::model::LAYOUTS {
        let out = waypost(&["layout", "show", name]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = String::from_utf8(out.stdout).unwrap();
        let file = fs::read_to_string(root.join(format!("layouts/{name}.toml"))).unwrap();
        assert!(text == file, "{name}: not the file as shipped");
        let read = Preset::parse("mine.toml", &text).unwrap();
        assert_eq!(Some(read), Preset::builtin(name), "{name}");
    }
    // Named in any case, and copied beside a roadmap that names the copy.
    let out = waypost(&["layout", "show", "Columns"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let dir = scratch("layout-show");
    fs::write(dir.join("mine.toml"), &out.stdout).unwrap();
    let roadmap = fs::read_to_string(EXAMPLE).unwrap().replace(
        "language = \"en-GB\"",
        "language = \"en-GB\"\nlayout = \"mine.toml\"",
    );
    let file = dir.join("roadmap.toml");
    fs::write(&file, roadmap).unwrap();
    let out = waypost(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("mine.toml layout"));
}

#[test]
fn layout_show_names_the_nearest_layout_to_an_unknown_one() {
    let out = waypost(&["layout", "show", "timline"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr(&out),
        "error: unknown layout `timline`; the built-in layouts are road, columns, timeline \
         — did you mean `timeline`?\n"
    );
    let out = waypost(&["layout", "show", "mine.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("waypost layout list names them"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn oversized_and_special_files_are_refused() {
    let dir = scratch("oversized");
    let big = dir.join("big.toml");
    let mut text = String::from("title = \"Big\"\n");
    while text.len() <= 1024 * 1024 {
        text.push_str("# padding padding padding padding padding padding padding padding\n");
    }
    fs::write(&big, text).unwrap();
    let out = waypost(&["check", big.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("files over 1024 KiB are not read"),
        "{}",
        stderr(&out)
    );
    let out = waypost(&["check", "/dev/null"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A folder holding copies of the examples, and `extra` files by name and content.
fn roadmap_folder(name: &str, extra: &[(&str, &str)]) -> PathBuf {
    let dir = scratch(name).join("roadmaps");
    fs::create_dir_all(&dir).unwrap();
    for entry in fs::read_dir("examples").unwrap() {
        let path = entry.unwrap().path();
        // The roadmaps, not the folders of files an example names (examples/branded/).
        if path.is_file() {
            fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    for (file, text) in extra {
        fs::write(dir.join(file), text).unwrap();
    }
    dir
}

/// The stems of the `.toml` files of a folder, sorted.
fn stems(dir: &Path) -> Vec<String> {
    let mut stems: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    stems.sort();
    stems
}

#[test]
fn a_folder_renders_every_roadmap_in_it_like_one_at_a_time() {
    let dir = roadmap_folder("batch-folder", &[("notes.txt", "not a roadmap")]);
    let out_dir = dir.parent().unwrap().join("out");
    let out = waypost(&[
        "render",
        dir.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
        "--dpi",
        "48",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Not a terminal, so no progress bar: nothing at all on standard error.
    assert_eq!(stderr(&out), "");
    let stems = stems(&dir);
    assert!(stems.len() >= 4, "{stems:?}");
    let shown = stdout(&out);
    let lines: Vec<&str> = shown.lines().collect();
    // One message per roadmap, in name order, then the summary.
    let firsts: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("rendered \""))
        .collect();
    assert_eq!(firsts.len(), stems.len(), "{shown}");
    let svgs: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.contains(".svg ("))
        .collect();
    // One SVG a roadmap, or one a page (name-1.svg, name-2.svg) of a roadmap over several.
    let firsts_svg: Vec<&&str> = svgs.iter().filter(|l| !l.contains("-2.svg (")).collect();
    assert_eq!(firsts_svg.len(), stems.len(), "{shown}");
    for (svg, stem) in firsts_svg.iter().zip(&stems) {
        let one = svg.contains(&format!("{stem}.svg")) || svg.contains(&format!("{stem}-1.svg"));
        assert!(one, "{shown}");
    }
    assert_eq!(
        lines.last(),
        Some(&format!("rendered {0} of {0} roadmaps", stems.len()).as_str())
    );
    // Each roadmap's files are those a render of it alone writes.
    let alone = dir.parent().unwrap().join("alone");
    let first = dir.join(format!("{}.toml", stems[0]));
    let out = waypost(&[
        "render",
        first.to_str().unwrap(),
        "-o",
        alone.to_str().unwrap(),
        "--dpi",
        "48",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stdout(&out).contains(" of 1 roadmap"), "{}", stdout(&out));
    for ext in ["svg", "png", "pdf"] {
        let name = format!("{}.{ext}", stems[0]);
        assert!(
            fs::read(out_dir.join(&name)).unwrap() == fs::read(alone.join(&name)).unwrap(),
            "{name} differs between the batch and a render alone"
        );
    }
}

#[test]
fn a_batch_goes_on_past_failures_and_prints_each_whole() {
    let broken = [
        (
            "bad-cost.toml",
            fs::read_to_string(EXAMPLE)
                .unwrap()
                .replace("cost = \"free\"", "cost = \"gratis\""),
        ),
        (
            "bad-key.toml",
            "titel = \"Roadmap\"\n[[stage]]\ntitle = \"One\"\n".to_string(),
        ),
        ("bad-toml.toml", "title = \n".to_string()),
    ];
    let extra: Vec<(&str, &str)> = broken.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let dir = roadmap_folder("batch-failures", &extra);
    let out_dir = dir.parent().unwrap().join("out");
    let mut args = vec![
        "render",
        "-o",
        out_dir.to_str().unwrap(),
        "--format",
        "svg",
        "-j",
        "3",
    ];
    let files: Vec<String> = stems(&dir)
        .iter()
        .map(|s| dir.join(format!("{s}.toml")).display().to_string())
        .collect();
    args.extend(files.iter().map(String::as_str));
    let out = waypost(&args);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let total = files.len();
    let errors = stderr(&out);
    assert!(
        errors.ends_with(&format!(
            "rendered {} of {total} roadmaps; 3 failed\n",
            total - 3
        )),
        "{errors}"
    );
    // Every good roadmap was written, and every failure printed exactly as it is alone,
    // in one piece, in the order given.
    for stem in stems(&dir) {
        let written = out_dir.join(format!("{stem}.svg")).exists()
            || out_dir.join(format!("{stem}-1.svg")).exists();
        assert_eq!(written, !stem.starts_with("bad-"), "{stem}");
    }
    let mut from = 0;
    for (name, _) in &broken {
        let file = dir.join(name);
        let alone = waypost(&[
            "render",
            file.to_str().unwrap(),
            "-o",
            out_dir.to_str().unwrap(),
        ]);
        assert_eq!(alone.status.code(), Some(1));
        let message = stderr(&alone);
        assert!(message.lines().count() > 2, "{message}");
        let at = errors[from..]
            .find(&message)
            .unwrap_or_else(|| panic!("{name}'s message is not whole or not in order:\n{errors}"));
        from += at + message.len();
    }
}

#[test]
fn two_roadmaps_that_would_write_the_same_files_are_refused_first() {
    let dir = scratch("batch-same-stem");
    for sub in ["a", "b"] {
        fs::create_dir_all(dir.join(sub)).unwrap();
        fs::copy(EXAMPLE, dir.join(sub).join("Plan.toml")).unwrap();
    }
    fs::rename(dir.join("b/Plan.toml"), dir.join("b/plan.toml")).unwrap();
    let out_dir = dir.join("out");
    let out = waypost(&[
        "render",
        dir.join("a").to_str().unwrap(),
        dir.join("b/plan.toml").to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(
        message.contains("a/Plan.toml and ")
            && message.contains("b/plan.toml would both be written to"),
        "{message}"
    );
    assert!(!out_dir.exists(), "something was written");

    let empty = dir.join("empty");
    fs::create_dir_all(&empty).unwrap();
    let out = waypost(&["render", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("holds no .toml files"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_json_reports_the_qr_codes_and_their_module_size() {
    let printed = "examples/printed-with-qr-codes.toml";
    let out = waypost(&["check", "--json", printed]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let minimum = json["qr_min_module_mm"].as_f64().unwrap();
    assert!((minimum - 0.6).abs() < 1e-6, "{json}");
    let codes = json["qr_codes"].as_array().unwrap();
    assert_eq!(codes.len(), 1, "{json}");
    assert_eq!(
        codes[0]["url"],
        "https://example.org/roadmaps/carer-support-worker"
    );
    assert!(codes[0]["module_mm"].as_f64().unwrap() >= minimum);

    let out = waypost(&["check", "--json", "--qr", "offers", printed]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes = json["qr_codes"].as_array().unwrap();
    assert_eq!(codes.len(), 5, "the footer's and one a card: {json}");
    for code in codes {
        assert!(code["module_mm"].as_f64().unwrap() >= minimum, "{code}");
    }
    // Without `online` and without --qr there is none.
    let out = waypost(&["check", "--json", EXAMPLE]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["qr_codes"].as_array().map(Vec::len), Some(0));
}

#[test]
fn qr_offers_that_find_no_room_say_how_many_fit() {
    // The page as a whole is too full, so the message blames no single offer: it says how
    // many offers the page holds and which stage is fullest.
    let out = waypost(&["check", "examples/full-a4.toml", "--qr", "offers"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("does not fit"), "{err}");
    assert!(
        err.contains("it holds 12 of its 20 offers at 7 pt"),
        "{err}"
    );
    assert!(
        err.contains("stage \"Stage 1 — Personalised care\" has the most"),
        "{err}"
    );
    assert!(!err.contains("offer \""), "{err}");
}

#[test]
fn check_says_how_much_room_the_type_has_left() {
    // The full example with one more offer fits A4 only with its cards' text at the 7 pt
    // minimum.
    let example = fs::read_to_string("examples/full-a4.toml").unwrap();
    let last = example.rfind("[[stage.offer]]").unwrap();
    let another = example[last..].replacen("title = \"", "title = \"Another ", 1);
    let path = scratch("room-left").join("full.toml");
    fs::write(&path, format!("{example}\n{another}")).unwrap();
    let full = path.to_str().unwrap();
    let out = waypost(&["check", full]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with(&format!(
            "{full}: fits at 7.1 pt, 0.1 pt above the 7.0 pt minimum: one more offer may not \
             fit (try A3 or another layout); "
        )),
        "{}",
        stdout(&out)
    );
    // A page at its layout's own size is not full, however near its own size is to the
    // user's floor.
    let out = waypost(&[
        "check",
        "examples/link-worker-training.toml",
        "--min-text",
        "8.2pt",
    ]);
    let said = stdout(&out);
    assert!(
        said.contains(": fine: ") && said.contains("0.3 pt above the 8.2 pt minimum"),
        "{said}"
    );
    let out = waypost(&["check", "examples/sparse.toml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(said.contains(": fine: "), "{said}");
    assert!(said.contains("pt above the 7.0 pt minimum"), "{said}");
    let headroom = |file: &str| {
        let out = waypost(&["check", "--json", file]);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let card = json["card_text_pt"].as_f64().unwrap();
        let headroom = json["type_headroom_pt"].as_f64().unwrap();
        assert!((card - headroom - 7.0).abs() < 0.02, "{json}");
        headroom
    };
    assert!(headroom(full) < 0.1);
    assert!(headroom("examples/sparse.toml") > 1.0);
}

#[test]
fn a_layout_is_checked_with_the_rest_of_the_file() {
    // A layout path that leaves the folder, and a wrong cost: both in one answer.
    let (file, _) = roadmap_with_layout("layout-and-more", "../secret.toml");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replacen("cost = \"free\"", "cost = \"paid\"", 1),
    )
    .unwrap();
    let out = waypost(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("leaves the roadmap's folder"), "{err}");
    assert!(err.contains("`cost` is \"paid\""), "{err}");
    // A layout file with a mistake of its own, beside a roadmap with one: both files.
    let folder = file.parent().unwrap();
    let preset =
        fs::read_to_string("layouts/road.toml")
            .unwrap()
            .replacen("minimum = 7", "minimum = 5", 1);
    fs::write(folder.join("mine.toml"), preset).unwrap();
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replace("../secret.toml", "mine.toml")).unwrap();
    let out = waypost(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("mine.toml:"), "{err}");
    assert!(err.contains("minimum type size"), "{err}");
    assert!(err.contains("`cost` is \"paid\""), "{err}");
    let out = waypost(&["check", "--json", file.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<&str> = (json["errors"].as_array().unwrap().iter())
        .map(|e| e["file"].as_str().unwrap())
        .collect();
    assert!(files.iter().any(|f| f.ends_with("roadmap.toml")), "{json}");
    assert!(files.iter().any(|f| f.ends_with("mine.toml")), "{json}");
}

#[test]
fn fixed_words_on_the_command_line_are_read_in_any_case() {
    let dir = scratch("case");
    let out = waypost(&[
        "render",
        EXAMPLE,
        "-o",
        dir.to_str().unwrap(),
        "--layout",
        "Columns",
        "--format",
        "PNG,Svg",
        "--page",
        "a3",
        "--orientation",
        "Landscape",
        "--png-compression",
        "BEST",
        "--dpi",
        "24",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("on A3 landscape with the columns layout"),
        "{}",
        stdout(&out)
    );
    assert!(dir.join("link-worker-training.png").exists());
    assert!(dir.join("link-worker-training.svg").exists());
    let out = waypost(&[
        "check",
        "examples/printed-with-qr-codes.toml",
        "--qr",
        "Offers",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn check_json_answers_in_json_whatever_happens() {
    let out = waypost(&["check", "--json", "no/such/roadmap.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), "");
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)));
    assert_eq!(json["file"], "no/such/roadmap.toml");
    assert_eq!(json["clean"], false);
    let error = &json["errors"][0];
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("cannot read no/such/roadmap.toml"),
        "{json}"
    );
    assert!(
        error["line"].is_null() && error["column"].is_null(),
        "{json}"
    );
    // A command line that cannot be read is answered in JSON too.
    let out = waypost(&["check", "--json", EXAMPLE, "--page", "B7"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), "");
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)));
    assert!(
        json["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("B7"),
        "{json}"
    );
}

#[test]
fn every_message_of_a_batch_starts_with_its_file() {
    let dir = scratch("batch-names");
    let text = too_big_for_a5();
    let big = dir.join("big.toml");
    fs::write(&big, text).unwrap();
    let huge = dir.join("huge.toml");
    fs::write(&huge, "#".repeat(2 * 1024 * 1024)).unwrap();
    let out_dir = dir.join("out");
    let out = waypost(&[
        "render",
        EXAMPLE,
        big.to_str().unwrap(),
        huge.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
        "--format",
        "svg",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    let mut lines = err.lines();
    let first = lines.next().unwrap_or_default();
    assert!(
        first.starts_with(&format!(
            "{}: the roadmap does not fit on A5",
            big.display()
        )),
        "{err}"
    );
    let second = lines.next().unwrap_or_default();
    assert!(
        second.starts_with(&format!("{}: error: ", huge.display())),
        "{err}"
    );
    assert_eq!(
        lines.next(),
        Some("rendered 1 of 3 roadmaps; 2 failed"),
        "{err}"
    );
}

#[test]
fn a_roadmap_too_full_only_with_ended_offers_kept_says_so() {
    // The full example with three offers that ended in 2020: left off, the page holds it;
    // kept with --keep-ended, it does not fit, and the message says that is why.
    let example = fs::read_to_string("examples/full-a4.toml").unwrap();
    let last = example.rfind("[[stage.offer]]").unwrap();
    let mut text = example.clone();
    for i in 1..=3 {
        let ended = example[last..]
            .replacen("title = \"", &format!("title = \"Ended {i}: "), 1)
            .replacen("cost = ", "until = 2020-01-31\ncost = ", 1);
        text.push_str(&format!("\n{ended}"));
    }
    let path = scratch("keep-ended").join("full.toml");
    fs::write(&path, text).unwrap();
    let file = path.to_str().unwrap();
    let out = waypost(&["check", file, "--today", "2026-12-01"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = waypost(&["check", file, "--today", "2026-12-01", "--keep-ended"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("does not fit"), "{err}");
    assert!(
        err.contains(
            "it fits without --keep-ended, which keeps 3 offers that have ended on the page"
        ),
        "{err}"
    );
}
