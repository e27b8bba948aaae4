//! Images for feeds and slides: every example at every size, legible on a phone, with alt
//! text; and the slide page size in every layout.
#![cfg(feature = "png")]

mod support;

use std::fs;
use waypost::layout::social::{self, SocialSize, MAX_ALT};
use waypost::layout::{layout_fitted, LayoutOptions, Preset};
use waypost::model::{self, PageSize, Roadmap};
use waypost::preflight;
use waypost::scene::{Item, Scene, Text};
use waypost::write::png;

/// Every example, with the preset it names (or the default), found at run time.
fn examples() -> Vec<(String, Roadmap, Preset)> {
    support::example_files()
        .iter()
        .map(|path| {
            let roadmap = support::parse_file(path);
            let name = roadmap
                .layout
                .as_ref()
                .map_or(waypost::layout::preset::DEFAULT, |l| l.value.as_str());
            let preset = Preset::builtin(name).expect("the examples use built-in layouts");
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            (stem, roadmap, preset)
        })
        .collect()
}

fn texts(scene: &Scene) -> Vec<&Text> {
    (scene.flatten().into_iter())
        .filter_map(|item| match item {
            Item::Text(text) => Some(text),
            _ => None,
        })
        .collect()
}

fn words(scene: &Scene) -> String {
    let lines: Vec<&str> = texts(scene).iter().map(|t| t.text.as_str()).collect();
    lines.join("\n")
}

fn image(name: &str, size: SocialSize) -> (Roadmap, Scene) {
    let (_, roadmap, preset) = examples()
        .into_iter()
        .find(|(stem, _, _)| stem == name)
        .expect("the example");
    let scene = social::layout(&roadmap, &preset, size).unwrap_or_else(|e| panic!("{e}"));
    (roadmap, scene)
}

/// Each example makes the three images, each exactly its size in pixels and under
/// 1 MB; they are left in target/social/ to look at.
#[test]
fn every_example_makes_three_images_of_their_exact_sizes_under_a_megabyte() {
    let out = support::root().join("target").join("social");
    fs::create_dir_all(&out).unwrap();
    let examples = examples();
    assert!(examples.len() >= 5, "{} examples", examples.len());
    for (name, roadmap, preset) in &examples {
        for size in SocialSize::ALL {
            let scene = social::layout(roadmap, preset, size)
                .unwrap_or_else(|e| panic!("{name} {}: {e}", size.name()));
            let options = png::PngOptions {
                dpi: social::DPI,
                small: true,
                ..Default::default()
            };
            let bytes = png::write(&scene, &options).unwrap();
            fs::write(out.join(format!("{name}.{}.png", size.name())), &bytes).unwrap();
            let decoded = support::image::Image::decode(&bytes).unwrap();
            assert_eq!(
                (decoded.width, decoded.height),
                size.pixels(),
                "{name} {}",
                size.name()
            );
            assert!(bytes.len() < 1_000_000, "{name}: {} bytes", bytes.len());
        }
    }
}

/// No text under 28 px at 1080 px wide (in proportion on the wider image), and the page's
/// pre-flight checks, contrast among them, pass on every image.
#[test]
fn every_image_is_legible_on_a_phone_and_passes_the_checks() {
    for (name, roadmap, preset) in examples() {
        for size in SocialSize::ALL {
            let scene = social::layout(&roadmap, &preset, size).unwrap();
            let (width, _) = size.pixels();
            for text in texts(&scene) {
                let px = text.size * social::DPI / 72.0 * 1080.0 / width as f32;
                assert!(
                    px >= social::MIN_TEXT_PX - 0.01,
                    "{name} {}: \"{}\" is {px:.1} px at 1080 px wide",
                    size.name(),
                    text.text
                );
            }
            let report = preflight::inspect_scene(&scene);
            assert!(report.is_clean(), "{name} {}: {report}", size.name());
        }
    }
}

/// The image shows the title, each stage with its number and count, the header logo and
/// the address of the full roadmap.
#[test]
fn an_image_shows_the_title_the_stages_their_counts_and_the_address() {
    let (roadmap, scene) = image("handout", SocialSize::Square);
    let text = words(&scene);
    for word in roadmap.title.split_whitespace() {
        assert!(text.contains(word), "no \"{word}\" in:\n{text}");
    }
    for (i, stage) in roadmap.stages.iter().enumerate() {
        let number = (i + 1).to_string();
        assert!(
            texts(&scene).iter().any(|t| t.text == number),
            "no marker {number}"
        );
        let first = stage.title.split_whitespace().next().unwrap();
        assert!(text.contains(first), "no stage \"{}\"", stage.title);
    }
    assert!(text.contains("7 offers · 6 free"), "{text}");
    assert!(
        text.contains("example.org/northfield/link-worker-pathway"),
        "{text}"
    );
    let logos = (scene.flatten().into_iter())
        .filter(|item| matches!(item, Item::Image(_)))
        .count();
    assert_eq!(logos, 1, "the header logo, not the footer's");
}

/// A roadmap of more than eight stages shows its first seven and how many more it has.
#[test]
fn more_than_eight_stages_show_seven_and_the_rest_counted() {
    let mut source = String::from("title = \"Ten stages\"\n");
    for i in 1..=10 {
        source += &format!(
            "[[stage]]\ntitle = \"Stage {i}\"\n[[stage.offer]]\ntitle = \"Offer {i}\"\n\
             provider = \"P\"\nurl = \"https://example.org/{i}\"\ncost = \"free\"\n"
        );
    }
    let roadmap = model::parse("ten.toml", &source).unwrap();
    let preset = Preset::builtin("road").unwrap();
    for size in SocialSize::ALL {
        let scene = social::layout(&roadmap, &preset, size).unwrap();
        let text = words(&scene);
        assert!(text.contains("Stage 7"), "{text}");
        assert!(!text.contains("Stage 8"), "{text}");
        // The words may wrap, as any stage's title may.
        assert!(
            text.replace('\n', " ").contains("and 3 more stages"),
            "{text}"
        );
        let report = preflight::inspect_scene(&scene);
        assert!(report.is_clean(), "{}: {report}", size.name());
    }
}

/// A title that needs more lines than an image gives it at the smallest size is told as
/// such, not drawn small or cut.
#[test]
fn a_title_too_long_for_the_images_is_refused_with_a_reason() {
    let title = "A very long title ".repeat(20);
    let source = format!("title = \"{title}\"\n[[stage]]\ntitle = \"One\"\n");
    let roadmap = model::parse("long.toml", &source).unwrap();
    let preset = Preset::builtin("road").unwrap();
    for size in SocialSize::ALL {
        assert!(!social::title_fits(&roadmap, size));
        let error = social::layout(&roadmap, &preset, size).unwrap_err();
        assert!(error.to_string().contains("title"), "{error}");
    }
    let (message, _) = social::title_problem(&roadmap).expect("a problem");
    assert!(message.contains("28 px"), "{message}");
    let (_, fine, _) = examples().into_iter().next().unwrap();
    assert!(social::title_problem(&fine).is_none());
}

/// The alt text names the roadmap, its offers and stages and where it lives, in fewer
/// than 1,000 characters.
#[test]
fn the_alt_text_describes_the_roadmap_within_the_limit() {
    let (roadmap, _) = image("handout", SocialSize::Square);
    let alt = social::alt_text(&roadmap);
    assert!(
        alt.starts_with("Social prescribing link worker training pathway: 38 offers in 6 stages — Welcome and induction (7), Mandatory training (6)"),
        "{alt}"
    );
    assert!(
        alt.ends_with("; the full roadmap is at example.org/northfield/link-worker-pathway"),
        "{alt}"
    );
    assert!(alt.chars().count() <= MAX_ALT);
}

/// Long stage titles leave the last stages out, counted, rather than going over the limit.
#[test]
fn a_long_alt_text_is_shortened_by_stages_and_counts_them() {
    let mut source = String::from("title = \"Many long stages\"\n");
    for i in 1..=20 {
        let long =
            format!("Stage {i} with a title as long as titles of stages ever get in a roadmap");
        source += &format!("[[stage]]\ntitle = \"{long}\"\n");
    }
    let roadmap = model::parse("many.toml", &source).unwrap();
    let alt = social::alt_text(&roadmap);
    assert!(
        alt.chars().count() <= MAX_ALT,
        "{} characters",
        alt.chars().count()
    );
    assert!(alt.contains("Stage 1 with"), "{alt}");
    assert!(alt.contains("more stages"), "{alt}");
    assert!(alt.contains("0 offers in 20 stages"), "{alt}");
}

/// A Welsh roadmap's images and alt text use the Welsh words.
#[test]
fn the_welsh_example_is_described_in_welsh() {
    let (roadmap, scene) = image("welsh-and-custom-tags", SocialSize::Tall);
    let alt = social::alt_text(&roadmap);
    assert!(
        alt.contains("5 cynnig mewn 3 cam — Cyflwyniad (Induction) (2)"),
        "{alt}"
    );
    assert!(!alt.contains("offers"), "{alt}");
    let text = words(&scene);
    assert!(text.contains("2 cynnig · 2 am ddim"), "{text}");
    assert!(!text.contains("offers"), "{text}");
}

/// `page = "slide"` holds the full layout on a 16:9 slide in every layout, fitted and
/// checked as paper is.
#[test]
fn a_slide_page_works_in_every_layout() {
    let (_, roadmap, _) = examples()
        .into_iter()
        .find(|(stem, _, _)| stem == "link-worker-training")
        .unwrap();
    let source = fs::read_to_string(support::root().join("examples/sparse.toml")).unwrap();
    let slide = model::parse("slide.toml", &format!("page = \"slide\"\n{source}")).unwrap();
    for preset in ["road", "columns", "timeline"] {
        let preset = Preset::builtin(preset).unwrap();
        let options = LayoutOptions {
            page: Some(PageSize::Slide),
            ..Default::default()
        };
        for (roadmap, options) in [(&roadmap, options), (&slide, LayoutOptions::default())] {
            let fitted = layout_fitted(roadmap, &preset, &options).unwrap();
            let scene = &fitted.scene;
            assert_eq!((scene.width, scene.height), (960.0, 540.0));
            let report = preflight::inspect(roadmap, scene);
            assert!(report.is_clean(), "{report}");
        }
    }
}
