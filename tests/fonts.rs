//! A roadmap's own fonts (`[fonts]`): every text set in them, Noto Sans drawing exactly the
//! characters they lack, in every format; and the files that cannot be used refused at
//! their line with a message that says why.
//!
//! The test fonts in tests/fonts/ are slanted subsets of Noto Sans with printable ASCII and
//! a check mark (which Noto Sans lacks), made by tests/fonts/make.py; the example's Lato is
//! in examples/branded/fonts/.

mod support;

use skrifa::{FontRef, MetadataProvider};
use std::collections::BTreeSet;
use std::fs;
use waypost::model::{self, Assets};
use waypost::scene::{Item, Scene, Text};
use waypost::{Error, Format, RenderOptions};

/// The stages both roadmaps share.
macro_rules! stages {
    () => {
        r#"[[stage]]
title = "Dechrau"
summary = "Yr wythnosau cyntaf — ŵ ŷ"

[[stage.offer]]
title = "Cwrs ŵyr £45"
provider = "Provider Ltd"
url = "https://example.org/cwrs"
cost = "chargeable"
price = "£45"
tags = ["online"]
"#
    };
}

/// A roadmap whose text needs both the test font (✓) and Noto Sans (ŵ, £, –).
const ROADMAP: &str = concat!(
    "title = \"Gŵr a gwraig: training ✓\"\n",
    "subtitle = \"Prices in £ – checked\"\n\n",
    "[fonts]\n",
    "regular = \"fonts/WaypostTest-Regular.ttf\"\n",
    "bold = \"fonts/WaypostTest-Bold.ttf\"\n\n",
    stages!()
);

/// The same roadmap without fonts of its own, nor the check mark only they have.
const PLAIN: &str = concat!(
    "title = \"Gŵr a gwraig: training\"\n",
    "subtitle = \"Prices in £ – checked\"\n\n",
    stages!()
);

/// Every file in tests/fonts/ (and the example's Lato, and the bundled Noto Sans) under
/// `fonts/`, as the command line would hand them over.
fn assets() -> Assets {
    let mut assets = Assets::new();
    for folder in ["tests/fonts", "examples/branded/fonts", "fonts"] {
        for entry in fs::read_dir(support::root().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assets.insert(format!("fonts/{name}"), fs::read(&path).unwrap());
        }
    }
    assets
}

fn test_font(name: &str) -> Vec<u8> {
    fs::read(support::root().join("tests/fonts").join(name)).unwrap()
}

fn texts(scene: &Scene) -> Vec<&Text> {
    (scene.flatten().into_iter())
        .filter_map(|item| match item {
            Item::Text(text) => Some(text),
            _ => None,
        })
        .collect()
}

/// The characters each face draws on the page: (bundled Noto Sans, the roadmap's own).
fn drawn_by(scene: &Scene) -> (BTreeSet<char>, BTreeSet<char>) {
    let (mut noto, mut own) = (BTreeSet::new(), BTreeSet::new());
    for text in texts(scene) {
        for glyph in &text.glyphs {
            let face = &scene.faces[usize::from(glyph.face)];
            let chars = text.text[glyph.start..glyph.end].chars();
            if face.bundled {
                noto.extend(chars);
            } else {
                own.extend(chars);
            }
        }
    }
    (noto, own)
}

fn render(source: &str, formats: Vec<Format>) -> waypost::Result<waypost::Rendered> {
    let options = RenderOptions {
        formats,
        assets: assets(),
        ..Default::default()
    };
    waypost::render_str("roadmap.toml", source, &options)
}

#[test]
fn noto_sans_draws_exactly_the_characters_the_own_font_lacks() {
    for example in support::toml_files("examples") {
        let source = fs::read_to_string(&example).unwrap();
        if source.contains("[fonts]") {
            continue;
        }
        let source = format!(
            "{source}\n[fonts]\nregular = \"fonts/WaypostTest-Regular.ttf\"\n\
             bold = \"fonts/WaypostTest-Bold.ttf\"\n"
        );
        let roadmap = model::parse_with("roadmap.toml", &source, &assets()).unwrap();
        let preset = waypost::layout::Preset::builtin("road").unwrap();
        let options = waypost::layout::LayoutOptions {
            page: Some(model::PageSize::A2),
            ..Default::default()
        };
        let scene = waypost::layout::layout(&roadmap, &preset, &options).unwrap();
        let own = test_font("WaypostTest-Regular.ttf");
        let own = FontRef::new(&own).unwrap();
        let lacks = |c: char| own.charmap().map(c).is_none();
        let all: BTreeSet<char> = texts(&scene).iter().flat_map(|t| t.text.chars()).collect();
        let expected: BTreeSet<char> = all.iter().copied().filter(|&c| lacks(c)).collect();
        let (noto, mine) = drawn_by(&scene);
        assert_eq!(noto, expected, "{}", example.display());
        assert!(mine.iter().all(|&c| !lacks(c)), "{}", example.display());
        assert!(!mine.is_empty());
    }
}

#[test]
#[cfg(all(feature = "png", feature = "pdf"))]
fn a_roadmap_in_its_own_fonts_renders_in_every_format() {
    let formats = vec![Format::Svg, Format::Png, Format::Pdf];
    let rendered = render(ROADMAP, formats.clone()).unwrap();
    let scene = &rendered.scene;
    let (noto, own) = drawn_by(scene);
    assert_eq!(
        noto,
        "ŵŷ£–—·".chars().collect::<BTreeSet<char>>(),
        "Noto Sans draws what the test font lacks"
    );
    assert!(own.contains(&'✓') && own.contains(&'G'));
    // The snapshot says so too, for a golden reference of a page in fonts of its own.
    let snapshot = waypost::scene::snapshot(scene);
    let faces = "faces Noto Sans Regular, Noto Sans Bold, Waypost Test Regular, Waypost Test Bold";
    assert!(snapshot.contains(faces), "{snapshot}");
    assert!(
        snapshot.contains("\"Gŵr a gwraig: training ✓\" noto \"ŵ\""),
        "{snapshot}"
    );
    // Bold text is drawn from the own bold face, regular text from the own regular face.
    for text in texts(scene) {
        for glyph in &text.glyphs {
            assert_eq!(
                scene.faces[usize::from(glyph.face)].weight,
                text.weight,
                "{}",
                text.text
            );
        }
    }

    // SVG: a subset per face used, the own family first with Noto Sans as its fallback, and
    // every run drawn by its embedded face where the layout put it and as wide.
    let svg = rendered.svg.as_deref().unwrap();
    assert!(svg.contains("font-family=\"'Waypost Test', 'Noto Sans', sans-serif\""));
    assert!(
        svg.contains("@font-face{font-family:\"Waypost Test\";font-style:normal;font-weight:700")
    );
    assert!(svg.contains("@font-face{font-family:\"Noto Sans\";font-style:normal;font-weight:400"));
    let doc = roxmltree::Document::parse(svg).unwrap();
    assert_eq!(support::svg_fonts::check(scene, &doc), Vec::<String>::new());

    // PNG: drawn, at the size asked for.
    let png = rendered.png.as_deref().unwrap();
    assert!(png.starts_with(b"\x89PNG"));

    // PDF: both fonts listed, embedded as subsets, and the text read back whole.
    let pdf = rendered.pdf.as_deref().unwrap();
    let fonts = support::pdf::font_names(pdf);
    let base: BTreeSet<&str> = fonts.iter().map(|n| &n[7..]).collect();
    assert_eq!(
        base,
        BTreeSet::from([
            "NotoSans-Regular",
            "NotoSans-Bold",
            "WaypostTest-Regular",
            "WaypostTest-Bold"
        ]),
        "{fonts:?}"
    );
    assert_eq!(support::pdf::check(scene, pdf, &[]), Vec::<String>::new());
    // lopdf's extraction puts a space between text runs, so a line that switches fonts
    // reads "G ŵ r" there (poppler's pdftotext reads "Gŵr"): compared without spaces.
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let text: String = doc.extract_text(&[1]).unwrap().split_whitespace().collect();
    for line in [
        "Gŵr a gwraig: training ✓",
        "Cwrs ŵyr £45",
        "Yr wythnosau cyntaf — ŵ ŷ",
    ] {
        let line: String = line.split_whitespace().collect();
        assert!(text.contains(&line), "{line} in {text}");
    }

    // Same bytes on every run, also after a render with other fonts in this process, and
    // that render unaffected by this one.
    let plain = render(PLAIN, formats.clone()).unwrap();
    let again = render(ROADMAP, formats.clone()).unwrap();
    assert_eq!(again.svg, rendered.svg);
    assert_eq!(again.png, rendered.png);
    assert_eq!(again.pdf, rendered.pdf);
    assert_eq!(render(PLAIN, formats).unwrap().pdf, plain.pdf);
    assert!(plain.scene.faces.iter().all(|f| f.bundled));
    assert_ne!(plain.scene.faces.len(), rendered.scene.faces.len());
}

#[test]
#[cfg(all(feature = "png", feature = "pdf"))]
fn a_roadmap_without_a_bold_face_sets_bold_text_in_its_regular_face() {
    let source = ROADMAP.replace("bold = \"fonts/WaypostTest-Bold.ttf\"\n", "");
    let rendered = render(&source, vec![Format::Svg, Format::Pdf]).unwrap();
    let scene = &rendered.scene;
    assert_eq!(scene.faces.iter().filter(|f| !f.bundled).count(), 1);
    let title = texts(scene)
        .into_iter()
        .find(|t| t.text.starts_with("Gŵr"))
        .unwrap();
    assert_eq!(title.weight, waypost::scene::Weight::Bold);
    for glyph in &title.glyphs {
        // The regular face, and Noto Sans Regular beside it rather than Bold.
        assert_eq!(
            scene.faces[usize::from(glyph.face)].weight,
            waypost::scene::Weight::Regular
        );
    }
    let svg = rendered.svg.as_deref().unwrap();
    assert!(!svg.contains("font-weight:700"), "no bold face is embedded");
    let doc = roxmltree::Document::parse(svg).unwrap();
    assert_eq!(support::svg_fonts::check(scene, &doc), Vec::<String>::new());
}

#[test]
fn sizes_come_from_the_own_face() {
    let source = ROADMAP
        .replace("WaypostTest-Regular.ttf", "Lato-Regular.ttf")
        .replace("WaypostTest-Bold.ttf", "Lato-Bold.ttf")
        .replace(" ✓", "");
    let roadmap = model::parse_with("roadmap.toml", &source, &assets()).unwrap();
    let preset = waypost::layout::Preset::builtin("road").unwrap();
    let scene = waypost::layout::layout(&roadmap, &preset, &Default::default()).unwrap();
    let lato = fs::read(support::root().join("examples/branded/fonts/Lato-Regular.ttf")).unwrap();
    let lato = FontRef::new(&lato[..]).unwrap();
    let metrics = lato.metrics(
        skrifa::instance::Size::unscaled(),
        skrifa::instance::LocationRef::default(),
    );
    let ascent = metrics.ascent / f32::from(metrics.units_per_em);
    let provider = texts(&scene)
        .into_iter()
        .find(|t| t.text == "Provider Ltd")
        .unwrap();
    assert!((provider.ascent - ascent * provider.size).abs() < 1e-3);
    assert_eq!(
        scene.faces[usize::from(provider.glyphs[0].face)].family,
        "Lato"
    );
}

#[test]
#[cfg(all(feature = "png", feature = "pdf"))]
fn a_collection_takes_the_font_its_index_names() {
    let source = ROADMAP
        .replace(
            "regular = \"fonts/WaypostTest-Regular.ttf\"",
            "regular = { file = \"fonts/WaypostTest.ttc\", index = 0 }",
        )
        .replace(
            "bold = \"fonts/WaypostTest-Bold.ttf\"",
            "bold = { file = \"fonts/WaypostTest.ttc\", index = 1 }",
        );
    let separate = render(ROADMAP, vec![Format::Pdf]).unwrap();
    let collected = render(&source, vec![Format::Pdf]).unwrap();
    assert_eq!(
        waypost::scene::snapshot(&collected.scene),
        waypost::scene::snapshot(&separate.scene)
    );
    let fonts = support::pdf::font_names(collected.pdf.as_deref().unwrap());
    assert!(
        fonts.iter().any(|n| n.ends_with("+WaypostTest-Bold")),
        "{fonts:?}"
    );
}

/// The message `parse_with` gives for `line` in `[fonts]`, with its line number.
fn refusal(line: &str) -> (usize, String) {
    let source = format!("title = \"T\"\n\n[fonts]\n{line}\n\n[[stage]]\ntitle = \"S\"\n");
    match model::parse_with("roadmap.toml", &source, &assets()) {
        Err(Error::Invalid(diagnostics)) => {
            let first = &diagnostics.list[0];
            let line = source[..first.span.start].matches('\n').count() + 1;
            let help = first.help.clone().unwrap_or_default();
            (line, format!("{} / {help}", first.message))
        }
        other => panic!("{line}: {other:?}"),
    }
}

#[test]
fn fonts_that_cannot_be_used_are_refused_at_their_line() {
    let cases = [
        (
            "regular = \"fonts/WaypostTest-Restricted.ttf\"",
            "licence forbids embedding it in documents: the font marks itself \"restricted licence embedding\" (OpenType OS/2 fsType 0x0002)",
        ),
        ("regular = \"fonts/make.py\"", "is not a font file that waypost can read"),
        ("regular = \"fonts/WaypostTest-CFF.otf\"", "has PostScript (CFF) outlines, which waypost cannot embed"),
        ("regular = \"fonts/WaypostTest-Variable.ttf\"", "is a variable font"),
        (
            "regular = \"fonts/WaypostTest.ttc\"",
            "is a font collection of 2 fonts; say which one to use / write it as { file = \"fonts/WaypostTest.ttc\", index = 0 }, with the number of the font: 0: Waypost Test Regular, 1: Waypost Test Bold",
        ),
        (
            "regular = { file = \"fonts/WaypostTest.ttc\", index = 2 }",
            "holds 2 fonts, numbered 0 to 1; it has no font 2",
        ),
        ("regular = \"fonts/Missing.ttf\"", "fonts/Missing.ttf was not among the files read"),
        ("bold = \"fonts/WaypostTest-Bold.ttf\"", "names no `regular` font"),
    ];
    // One mistake, one message: the ✓ that only the refused font has is not blamed too.
    let source = ROADMAP.replace("WaypostTest-Regular.ttf", "WaypostTest-Restricted.ttf");
    let Err(Error::Invalid(d)) = model::parse_with("roadmap.toml", &source, &assets()) else {
        panic!("a restricted font is refused");
    };
    assert_eq!(d.list.len(), 1, "{d}");
    for (line, expected) in cases {
        let (at, message) = refusal(line);
        assert!(message.contains(expected), "{line}: {message}");
        let want = if line.starts_with("bold") { 3 } else { 4 };
        assert_eq!(at, want, "{line}: {message}");
    }
}

/// fsType 0x0003: restricted (bit 1) with a reserved bit (bit 0) beside it, made from the
/// test font. The bit counts, not the value.
#[test]
fn a_restricted_licence_beside_a_reserved_bit_is_refused() {
    let font =
        support::bad_fonts::patched(&test_font("WaypostTest-Regular.ttf"), b"OS/2", 8, &[0, 3]);
    let mut assets = Assets::new();
    assets.insert("fonts/Reserved.ttf".to_string(), font);
    let source = ROADMAP
        .replace("WaypostTest-Regular.ttf", "Reserved.ttf")
        .replace("bold = \"fonts/WaypostTest-Bold.ttf\"\n", "");
    let Err(Error::Invalid(d)) = model::parse_with("roadmap.toml", &source, &assets) else {
        panic!("fsType 0x0003 is refused");
    };
    assert!(
        d.list[0]
            .message
            .contains("fonts/Reserved.ttf's licence forbids embedding"),
        "{d}"
    );
}

#[test]
#[cfg(all(feature = "png", feature = "pdf"))]
fn a_preview_and_print_font_is_embedded() {
    let source = ROADMAP
        .replace("WaypostTest-Regular.ttf", "WaypostTest-PreviewPrint.ttf")
        .replace("bold = \"fonts/WaypostTest-Bold.ttf\"\n", "");
    let rendered = render(&source, vec![Format::Pdf]).unwrap();
    let fonts = support::pdf::font_names(rendered.pdf.as_deref().unwrap());
    assert!(
        fonts.iter().any(|n| n.ends_with("+WaypostTest-Regular")),
        "{fonts:?}"
    );
}

#[test]
fn a_character_no_font_has_is_reported_and_one_only_the_own_font_has_is_drawn() {
    // Noto Sans lacks ✓, which the test font has: accepted with it, refused without it.
    let without = PLAIN.replace("Dechrau", "Dechrau ✓");
    let Err(Error::Invalid(d)) = model::parse("roadmap.toml", &without) else {
        panic!("✓ needs the test font");
    };
    assert!(d.list[0]
        .message
        .contains("'✓' (U+2713) that the bundled font cannot draw"));
    // Neither has an arrow.
    let arrow = ROADMAP.replace("Provider Ltd", "Provider → Ltd");
    let Err(Error::Invalid(d)) = model::parse_with("roadmap.toml", &arrow, &assets()) else {
        panic!("no font has →");
    };
    assert_eq!(
        d.list[0].message,
        "this text has '→' (U+2192) that neither the roadmap's fonts nor the bundled Noto Sans can draw"
    );
}

/// The lean library (SVG only, `--no-default-features`) sets and embeds a roadmap's own
/// fonts too.
#[test]
fn the_svg_alone_embeds_the_own_fonts() {
    let rendered = render(ROADMAP, vec![Format::Svg]).unwrap();
    let svg = rendered.svg.as_deref().unwrap();
    assert!(svg.contains("@font-face{font-family:\"Waypost Test\""));
    let doc = roxmltree::Document::parse(svg).unwrap();
    assert_eq!(
        support::svg_fonts::check(&rendered.scene, &doc),
        Vec::<String>::new()
    );
}

/// How long fitting the example takes in the bundled Noto Sans, in the same Noto Sans named
/// as the roadmap's own font (the same widths, so the same work: what naming a font costs),
/// and in Lato (narrower: the page fits sooner, so less work), each in a fresh thread (so
/// with an empty shaping cache, as in a new process) and again on a warm one. A font is
/// parsed once, with the roadmap, not per measurement.
///
/// `cargo test --release --test fonts -- --ignored --nocapture fitting`
#[test]
#[ignore = "a measurement: run it in release and read its output"]
fn fitting_in_an_own_font_takes_as_long_as_in_noto_sans() {
    use std::time::{Duration, Instant};
    let example =
        fs::read_to_string(support::root().join("examples/link-worker-training.toml")).unwrap();
    let own = |regular: &str, bold: &str| {
        format!("{example}\n[fonts]\nregular = \"fonts/{regular}\"\nbold = \"fonts/{bold}\"\n")
    };
    let noto = own("NotoSans-Regular.ttf", "NotoSans-Bold.ttf");
    let lato = own("Lato-Regular.ttf", "Lato-Bold.ttf");
    let assets = assets();
    let preset = waypost::layout::Preset::builtin("road").unwrap();
    let median = |times: &[Duration]| {
        let mut times = times.to_vec();
        times.sort();
        times[times.len() / 2]
    };
    let fonts = [
        ("bundled Noto Sans", &example),
        ("Noto Sans as its own font", &noto),
        ("Lato", &lato),
    ];
    let roadmaps: Vec<_> = (fonts.iter())
        .map(|(_, source)| model::parse_with("roadmap.toml", source, &assets).unwrap())
        .collect();
    // (cold, warm, parse) times of each font, the fonts taking turns so that the machine's
    // other work weighs on each alike.
    let mut times = vec![(Vec::new(), Vec::new(), Vec::new()); fonts.len()];
    for _ in 0..31 {
        for (i, roadmap) in roadmaps.iter().enumerate() {
            let fit = || waypost::layout::layout_fitted(roadmap, &preset, &Default::default());
            times[i].0.push(std::thread::scope(|s| {
                s.spawn(|| {
                    let start = Instant::now();
                    fit().unwrap();
                    start.elapsed()
                })
                .join()
                .unwrap()
            }));
            let start = Instant::now();
            fit().unwrap();
            times[i].1.push(start.elapsed());
            let start = Instant::now();
            model::parse_with("roadmap.toml", fonts[i].1, &assets).unwrap();
            times[i].2.push(start.elapsed());
        }
    }
    for ((name, _), (cold, warm, parse)) in fonts.iter().zip(&times) {
        let least = cold.iter().min().unwrap();
        println!(
            "{name}: fitting {:?} cold (least {least:?}), {:?} warm; parsing the roadmap {:?}",
            median(cold),
            median(warm),
            median(parse)
        );
    }
    let ratio = |i: usize| median(&times[i].0).as_secs_f64() / median(&times[0].0).as_secs_f64();
    println!(
        "cold, against the bundled Noto Sans: Noto Sans as its own font {:.2}, Lato {:.2}",
        ratio(1),
        ratio(2)
    );
    // Generous: the machine's other work moves single runs by a third. Parsing the font for
    // each measurement would cost many times as much.
    assert!(
        ratio(1) < 2.0,
        "an own font takes {:.2} times as long",
        ratio(1)
    );
}

/// The command line reads the fonts from the roadmap's folder, and two processes write the
/// bytes this one renders.
#[test]
#[cfg(feature = "cli")]
fn the_command_line_renders_the_same_bytes_in_every_process() {
    use support::cli::{scratch, stderr, waypost_in};
    let dir = scratch("own-fonts");
    fs::create_dir_all(dir.join("fonts")).unwrap();
    for name in ["WaypostTest-Regular.ttf", "WaypostTest-Bold.ttf"] {
        fs::write(dir.join("fonts").join(name), test_font(name)).unwrap();
    }
    fs::write(dir.join("roadmap.toml"), ROADMAP).unwrap();
    let formats = "svg,png,pdf";
    for out in ["one", "two"] {
        let run = waypost_in(
            &dir,
            &["render", "roadmap.toml", "-o", out, "--format", formats],
        );
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    }
    let here = render(ROADMAP, vec![Format::Svg, Format::Png, Format::Pdf]).unwrap();
    for format in [Format::Svg, Format::Png, Format::Pdf] {
        let name = format!("roadmap.{}", format.extension());
        let one = fs::read(dir.join("one").join(&name)).unwrap();
        assert_eq!(
            one,
            fs::read(dir.join("two").join(&name)).unwrap(),
            "{name}"
        );
        if format != Format::Png {
            // The command line writes the PNG at its own default resolution.
            assert_eq!(Some(&one[..]), here.bytes(format), "{name}");
        }
    }
}

/// The characters a roadmap's own typeface lacks are named in a note at its `[fonts]`
/// line, each with how many texts use it, and the bundled face that draws them.
#[test]
fn what_the_own_face_lacks_is_named_in_a_note() {
    let roadmap = model::parse_with("roadmap.toml", ROADMAP, &assets()).unwrap();
    let found = model::fallback::fallback_chars(&roadmap);
    let places = |c: char| found.iter().find(|(f, _)| *f == c).map(|(_, n)| *n);
    // ŵ: the title, the stage's summary and the offer's title; £: the subtitle, the
    // offer's title and its price.
    assert_eq!(places('ŵ'), Some(3), "{found:?}");
    assert_eq!(places('£'), Some(3), "{found:?}");
    assert_eq!(places('✓'), None, "the own face has it: {found:?}");
    let note = model::fallback::fallback_note(&roadmap).unwrap();
    let shown = waypost::Diagnostics {
        file: "roadmap.toml".into(),
        source: ROADMAP.into(),
        list: vec![note],
    }
    .to_string();
    assert!(shown.starts_with("roadmap.toml:5:11: warning: "), "{shown}");
    assert!(
        shown.contains("ŵ (3 places)") && shown.contains("£ (3 places)"),
        "{shown}"
    );
    assert!(shown.contains(": drawn in Noto Sans"), "{shown}");

    let plain = model::parse("roadmap.toml", PLAIN).unwrap();
    assert!(model::fallback::fallback_note(&plain).is_none());
}
