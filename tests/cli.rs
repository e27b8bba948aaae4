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
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{}:2:16: error: the file is not UTF-8",
            file.display()
        )),
        "{err}"
    );
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
