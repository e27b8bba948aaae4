//! Rasterising in horizontal bands, on every core.
//!
//! A band is drawn into a pixmap only as tall as the band, with the page shifted up by the
//! band's top: tiny-skia drops what falls outside, so the bands together cost little more
//! than one pass, and the cores share them. Where the bands start, and which nodes are
//! drawn unshifted on the whole page instead, is planned so that the pixels are those of a
//! single pass (see [`plan`]).

use super::paint;
use super::plan::{self, Plan, Run};
use std::num::NonZeroUsize;
use std::ops::Range;
use std::sync::{Mutex, PoisonError};
use std::thread;
use tiny_skia::{PixmapMut, Transform};

/// Rows per band, at least: enough bands to keep every core busy to the end, few enough
/// that each node is looked at in few bands.
pub(super) const BAND_ROWS: usize = 128;

/// Draws `tree` under `transform` into `rgba`, zeroed rows of `width` premultiplied
/// pixels, with the same result as resvg drawing it in one pass.
pub(super) fn draw(
    tree: &usvg::Tree,
    transform: Transform,
    width: u32,
    rgba: &mut [u8],
    threads: usize,
) {
    // Planning costs about a tenth of a pass more work, which only other cores repay.
    let cores = match threads {
        0 => thread::available_parallelism().map_or(1, NonZeroUsize::get),
        n => n,
    };
    if cores > 1 && width > 0 && !rgba.is_empty() {
        if let Some(plan) = plan::plan(tree, transform, width, rgba, BAND_ROWS) {
            return run(&plan, width, rgba, cores);
        }
    }
    paint(tree, transform, width, rgba);
}

/// Draws a planned page into `rgba`, zeroed rows of `width` pixels, with up to `cores`
/// threads.
fn run(plan: &Plan, width: u32, rgba: &mut [u8], cores: usize) {
    let height = rgba.len() / (width as usize * 4);
    for run in &plan.runs {
        match run {
            Run::Whole(nodes) => {
                if let Some(mut pixmap) = PixmapMut::from_bytes(rgba, width, height as u32) {
                    for node in &plan.nodes[nodes.clone()] {
                        paint::node(node, plan.transform, &mut pixmap);
                    }
                }
            }
            Run::Banded(nodes) => banded(plan, nodes.clone(), width, rgba, cores),
        }
    }
}

/// Draws `nodes` of the plan band by band, sharing the bands among all available cores.
fn banded(plan: &Plan, nodes: Range<usize>, width: u32, rgba: &mut [u8], cores: usize) {
    let row = width as usize * 4;
    let mut jobs = Vec::with_capacity(plan.bands.len());
    let mut rest = rgba;
    for band in &plan.bands {
        let (rows, after) = rest.split_at_mut(band.len() * row);
        jobs.push((band.clone(), rows));
        rest = after;
    }
    let workers = cores.min(jobs.len());
    let queue = Mutex::new(jobs.into_iter());
    let work = || loop {
        // The lock is held only to take the next band, not while drawing it.
        let next = queue.lock().unwrap_or_else(PoisonError::into_inner).next();
        let Some((band, rows)) = next else { break };
        let Some(mut pixmap) = PixmapMut::from_bytes(rows, width, band.len() as u32) else {
            continue;
        };
        // A whole-pixel shift, exact in floating point for everything a band draws.
        let shifted = plan.transform.post_translate(0.0, -(band.start as f32));
        for index in nodes.clone() {
            let reaches = plan.reach[index]
                .as_ref()
                .is_some_and(|area| area.rows.start < band.end && band.start < area.rows.end);
            if reaches {
                paint::node(&plan.nodes[index], shifted, &mut pixmap);
            }
        }
    };
    if workers <= 1 {
        work();
        return;
    }
    thread::scope(|scope| {
        for _ in 1..workers {
            scope.spawn(work);
        }
        work();
    });
}

/// Renders `tree` with resvg in one pass into `rgba`, premultiplied rows of `width` pixels.
pub(super) fn paint(tree: &usvg::Tree, transform: Transform, width: u32, rgba: &mut [u8]) {
    let height = rgba.len() / (width as usize * 4);
    if let Some(mut pixmap) = PixmapMut::from_bytes(rgba, width, height as u32) {
        resvg::render(tree, transform, &mut pixmap);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{layout, LayoutOptions, Preset};
    use crate::model::{self, Orientation, PageSize};
    use crate::write::png::{page_transform, parse_svg, pixel_size};
    use crate::write::svg::{self, SvgOptions};

    const EXAMPLE: &str = include_str!("../../../examples/link-worker-training.toml");

    /// The example's page as usvg parses it, and its pixel size at `dpi`.
    fn page(
        page: Option<PageSize>,
        orientation: Option<Orientation>,
        dpi: f32,
    ) -> (usvg::Tree, u32, u32) {
        let roadmap = model::parse("example.toml", EXAMPLE).unwrap();
        let preset = Preset::builtin("road").unwrap();
        let options = LayoutOptions {
            page,
            orientation,
            ..Default::default()
        };
        let scene = layout(&roadmap, &preset, &options).unwrap();
        let (width, height) = pixel_size(&scene, dpi);
        let tree = parse_svg(&svg::write(&scene, &SvgOptions { embed_fonts: false })).unwrap();
        (tree, width as u32, height as u32)
    }

    /// Draws the page as planned, on two threads, and in one pass; the first row where
    /// they differ, if any.
    fn first_difference(tree: &usvg::Tree, plan: &Plan, width: u32, height: u32) -> Option<usize> {
        let transform = page_transform(tree, width, height);
        let size = width as usize * height as usize * 4;
        let mut single = vec![0; size];
        paint(tree, transform, width, &mut single);
        let mut banded = vec![0; size];
        run(plan, width, &mut banded, 2);
        let row = width as usize * 4;
        (0..height as usize).find(|&y| single[y * row..][..row] != banded[y * row..][..row])
    }

    #[test]
    fn bands_draw_the_same_pixels_as_one_pass() {
        let landscape = Some(Orientation::Landscape);
        // Band heights divide none of these page heights; at 96 and 97 dpi the card
        // borders are hairlines, drawn unshifted; the last page is less than one band.
        for (size, orientation, dpi, fewest_bands) in [
            (None, None, 300.0, 8),
            (None, None, 211.0, 8),
            (None, None, 150.0, 6),
            (Some(PageSize::A3), landscape, 97.0, 4),
            (Some(PageSize::A4), landscape, 96.0, 3),
            (None, None, 10.0, 1),
        ] {
            let (tree, width, height) = page(size, orientation, dpi);
            let transform = page_transform(&tree, width, height);
            let mut scratch = vec![0; width as usize * height as usize * 4];
            let plan = plan::plan(&tree, transform, width, &mut scratch, BAND_ROWS).unwrap();
            assert!(
                scratch.iter().all(|&b| b == 0),
                "planning left pixels behind"
            );
            assert!(
                plan.bands.len() >= fewest_bands,
                "{} bands at {dpi} dpi",
                plan.bands.len()
            );
            let banded: usize = plan
                .runs
                .iter()
                .map(|run| match run {
                    Run::Banded(nodes) => nodes.len(),
                    Run::Whole(_) => 0,
                })
                .sum();
            assert!(
                banded * 2 > plan.nodes.len(),
                "{:?} at {dpi} dpi",
                plan.runs
            );
            let diff = first_difference(&tree, &plan, width, height);
            assert_eq!(
                diff, None,
                "{width} x {height} px at {dpi} dpi: first differing row"
            );
        }
    }

    #[test]
    fn every_example_with_every_preset_is_drawn_exactly_in_bands() {
        let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut pages = 0;
        for entry in std::fs::read_dir(&examples).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "toml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // The files an example names (its fonts), from its folder.
            let mut assets = model::Assets::new();
            for named in model::assets_named(&text) {
                let bytes = std::fs::read(examples.join(&named.path)).unwrap();
                assets.insert(named.path, bytes);
            }
            let roadmap = model::parse_with("example.toml", &text, &assets).unwrap();
            for (name, _) in crate::layout::preset::BUILTIN {
                let preset = Preset::builtin(name).unwrap();
                let Ok(scene) = layout(&roadmap, &preset, &LayoutOptions::default()) else {
                    continue;
                };
                let (width, height) = pixel_size(&scene, 300.0);
                let svg = svg::write(&scene, &SvgOptions { embed_fonts: false });
                let tree = parse_svg(&svg).unwrap();
                let (width, height) = (width as u32, height as u32);
                let transform = page_transform(&tree, width, height);
                let mut scratch = vec![0; width as usize * height as usize * 4];
                let plan = plan::plan(&tree, transform, width, &mut scratch, BAND_ROWS).unwrap();
                let diff = first_difference(&tree, &plan, width, height);
                assert_eq!(
                    diff,
                    None,
                    "{} with {name}: first differing row",
                    path.display()
                );
                pages += 1;
            }
        }
        assert!(pages >= 8, "only {pages} pages drawn");
    }
}
