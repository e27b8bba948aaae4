//! Helpers the styles' tests share.

use super::{layout, LayoutOptions, Preset};
use crate::model::{self, Orientation, PageSize, Roadmap};
use crate::preflight;
use crate::scene::Scene;

/// Asserts that the pre-flight checks find nothing on the page.
pub(super) fn clean(roadmap: &Roadmap, scene: &Scene) {
    let report = preflight::inspect(roadmap, scene);
    assert!(report.is_clean(), "{report:#?}");
}

/// Lays `source` out on its own page, asserting that the page is clean.
pub(super) fn lay_out(source: &str, preset: &Preset) -> Scene {
    let roadmap = model::parse("test.toml", source).unwrap();
    let scene = layout(&roadmap, preset, &LayoutOptions::default()).unwrap();
    clean(&roadmap, &scene);
    scene
}

/// A roadmap of `count` stages with `offers` offers each.
pub(super) fn stages(count: usize, offers: usize) -> String {
    let mut source = String::from("title = \"Stages\"\n");
    for i in 1..=count {
        source.push_str(&format!("\n[[stage]]\ntitle = \"Stage {i}\"\n"));
        for j in 1..=offers {
            source.push_str(&format!(
                "\n[[stage.offer]]\ntitle = \"Offer {i}.{j}\"\nprovider = \"P\"\n\
                 url = \"https://example.org/{i}/{j}\"\ncost = \"free\"\n"
            ));
        }
    }
    source
}

/// Asserts that the example lays out cleanly on A4 landscape with every offer as one
/// link, in order.
pub(super) fn example_is_clean(preset: &Preset) {
    let source = include_str!("../../examples/link-worker-training.toml");
    let roadmap = model::parse("example", source).unwrap();
    let options = LayoutOptions {
        page: Some(PageSize::A4),
        orientation: Some(Orientation::Landscape),
        ..Default::default()
    };
    let scene = layout(&roadmap, preset, &options).unwrap();
    clean(&roadmap, &scene);
    let offers: Vec<&str> = roadmap
        .stages
        .iter()
        .flat_map(|s| s.offers.iter().map(|o| o.title.as_str()))
        .collect();
    let links: Vec<&str> = scene.links().iter().map(|l| l.label.as_str()).collect();
    assert_eq!(links, offers);
}
