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
