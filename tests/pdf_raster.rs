//! The PDF must show what the PNG shows.
//!
//! The PNG is drawn by resvg from the SVG writer's output; the PDF writer walks the scene
//! on its own. Nothing else ties the two together, so this test rasterises every PDF
//! in-process with the pure-Rust `hayro` crate and compares it with the PNG raster of the
//! same scene, for every `examples/*.toml` × `layouts/*.toml` case (found at run time;
//! cases that do not fit the page are skipped). Both rasters are 72 dpi: 1 px per pt.
//!
//! # The comparison
//!
//! Both rasters are composited onto white (hayro and tiny-skia give premultiplied RGBA).
//! A pixel *differs* when some channel is more than [`THRESHOLD`] (T) apart from the other
//! raster's pixel **and** no pixel within 1 px of it in the other raster is within T in
//! every channel; this is checked both ways, PNG against PDF and PDF against PNG. A case
//! fails when more than [`MAX_DIFFERING`] (F) of the page's pixels differ.
//!
//! The 1 px allowance absorbs edges that the two rasterisers anti-alias to slightly
//! different positions. T has to absorb the rest: at 72 dpi a glyph stem is only 1–1.5 px
//! wide, so it has no solid interior to match against, and the two rasterisers' coverage
//! differs by 20–50 levels (the stem of a 9.4 pt bold "L": red 88 | 144 in tiny-skia,
//! 73 | 123 in hayro). The 0.6 pt card border over the stage-coloured accent edge (a
//! sub-pixel stroke) is where most of the remaining differing pixels lie.
//!
//! # hayro settings
//!
//! The page is rendered with `hayro::render_into` into a context of exactly the PNG's pixel
//! size, scaled per axis as `png::render` scales the SVG (`px / pt`); `hayro::render` would
//! truncate the size (841.89 pt gives 841 rows where the PNG rounds to 842). Hinting and
//! hayro's glyph cache are turned off: hinting snaps baselines to whole pixels and the glyph
//! cache places glyphs on a ¼ px grid horizontally and a whole-pixel grid vertically, while
//! resvg does neither. With both on (hayro's defaults) 0.049–0.091 % of the pixels differ
//! at T = 64, too close to F; with both off at most 0.0033 %. hayro must report no warning
//! (it reports a font it cannot load, whose text would go missing).
//!
//! # Measured (T = 64; hayro 0.9.0, resvg 0.49; debug build)
//!
//! | case                                  | differing px | fraction |
//! |---------------------------------------|-------------:|---------:|
//! | dense.road (A3: 842 × 1191 px)        |           33 | 0.0033 % |
//! | link-worker-training.road (A4)        |           15 | 0.0030 % |
//! | sparse.road (A4)                      |            4 | 0.0008 % |
//! | welsh-and-custom-tags.road (A4)       |            5 | 0.0010 % |
//!
//! At lower thresholds the worst case (dense.road) had 0.086 % at T = 48, 0.21 % at
//! T = 40, 0.33 % at T = 32 and 1.9 % at T = 16: below 64 the anti-aliasing noise climbs
//! into the range of the smallest mistakes below. Hence **T = 64** and **F = 0.03 %**
//! (about 150 px of an A4 page at 72 dpi). F was 0.02 % until a page whose cards' left
//! edges fall on a half pixel: two-pages.timeline-1 (A4 landscape) differs in 138 px,
//! 0.0275 %, one 1-px column down the stage-coloured edge of the two cards of its third
//! column, where resvg gives the edge pixel half coverage and hayro none or all.
//!
//! What the tests below prove it catches, on link-worker-training.road (the PDF drawn from
//! a perturbed scene, the PNG from the real one):
//!
//! | perturbation (PDF only)                          | differing | over F |
//! |--------------------------------------------------|----------:|-------:|
//! | the smallest card (a whole `Item::Link`) removed |   0.337 % |    11× |
//! | every text line 2 pt lower                       |    2.06 % |    69× |
//! | card fill #ffffff drawn as #fff0b3 (pale yellow) |    29.6 % |   987× |
//! | stage colour #005eb8 drawn as #00746b            |   0.271 % |     9× |
//!
//! Measured but not made tests: every text line 2 pt to the right 1.39 %; one card title
//! line ("Link worker induction guide", 9.4 pt) 2 pt lower 0.039 % (caught, 1.3×); one short
//! provider line ("NHS England", 8 pt) 2 pt lower 0.011 % (**not** caught: a page-wide
//! fraction is blunt for one short line). A colour change of at most T in every channel is
//! not caught either: cards #ffffff drawn as #d8dde0 (39 levels) gave 0.0046 %.
#![cfg(all(feature = "png", feature = "pdf"))]

use hayro::hayro_interpret::{InterpreterSettings, InterpreterWarning, TransformExt};
use hayro::hayro_syntax::Pdf;
use hayro::kurbo::Affine;
use hayro::vello_cpu::color::palette::css::TRANSPARENT;
use hayro::vello_cpu::{Pixmap, RasterizerSettings, RenderContext, Resources, TargetInit};
use hayro::{render_into, RenderCache, RenderSettings};
mod support;

use std::fs;
use std::sync::{Arc, Mutex};
use waypost::layout::{layout, LayoutOptions, Preset};
use waypost::model;
use waypost::scene::{Color, Item, Scene};
use waypost::write::{pdf, png};

/// Resolution of both rasters: 1 px per pt.
const DPI: f32 = 72.0;
/// Channel difference (of 255) above which two pixels are not alike.
const THRESHOLD: u8 = 64;
/// Fraction of the page's pixels that may differ.
const MAX_DIFFERING: f64 = 0.0003;

/// An opaque RGB raster, 3 bytes a pixel, rows top to bottom.
struct Image {
    width: usize,
    height: usize,
    rgb: Vec<u8>,
}

impl Image {
    /// Composites premultiplied RGBA onto white: `c + (255 − a)` per channel.
    fn from_premultiplied(width: usize, height: usize, rgba: &[u8]) -> Image {
        assert_eq!(rgba.len(), width * height * 4);
        let rgb = rgba
            .chunks_exact(4)
            .flat_map(|px| {
                let under = 255 - px[3];
                [
                    px[0].saturating_add(under),
                    px[1].saturating_add(under),
                    px[2].saturating_add(under),
                ]
            })
            .collect();
        Image { width, height, rgb }
    }

    fn pixel(&self, x: usize, y: usize) -> [u8; 3] {
        let i = (y * self.width + x) * 3;
        [self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]]
    }

    fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = ::png::Encoder::new(&mut out, self.width as u32, self.height as u32);
        encoder.set_color(::png::ColorType::Rgb);
        encoder.set_depth(::png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&self.rgb).unwrap();
        writer.finish().unwrap();
        out
    }
}

/// The scene as the PNG writer draws it, before encoding.
fn png_raster(scene: &Scene) -> Image {
    let pixmap = png::render(scene, DPI).unwrap();
    Image::from_premultiplied(
        pixmap.width() as usize,
        pixmap.height() as usize,
        pixmap.data(),
    )
}

/// The scene's PDF as hayro draws it, at exactly `width` × `height` px.
fn pdf_raster(scene: &Scene, width: usize, height: usize) -> Image {
    let bytes = pdf::write(scene).unwrap();
    let pdf = Pdf::new(bytes).expect("hayro reads the PDF");
    let pages = pdf.pages();
    assert_eq!(pages.len(), 1);
    let page = &pages[0];
    let (w_pt, h_pt) = page.render_dimensions();
    assert!(
        (w_pt - scene.width).abs() < 0.01 && (h_pt - scene.height).abs() < 0.01,
        "the PDF page is {w_pt} × {h_pt} pt, the scene {} × {} pt",
        scene.width,
        scene.height
    );
    let warnings = Arc::new(Mutex::new(Vec::<InterpreterWarning>::new()));
    let sink = Arc::clone(&warnings);
    let settings = InterpreterSettings {
        warning_sink: Arc::new(move |w| sink.lock().unwrap().push(w)),
        ..InterpreterSettings::default()
    };
    // resvg neither hints nor snaps glyphs to a grid; see the top of the file.
    let render_settings = RenderSettings {
        hinting: false,
        glyph_caching: false,
        ..RenderSettings::default()
    };
    // Scale each axis to the PNG's pixel size, as png::render scales the SVG, rather than
    // let hayro::render truncate the page size to whole pixels.
    let transform = Affine::scale_non_uniform(
        width as f64 / f64::from(w_pt),
        height as f64 / f64::from(h_pt),
    ) * page.initial_transform(true).to_kurbo();
    let side = |px: usize| u16::try_from(px).expect("the raster fits hayro's u16 sides");
    let mut ctx = RenderContext::new(side(width), side(height));
    let cache = RenderCache::new();
    render_into(
        page,
        &cache,
        &settings,
        &render_settings,
        &mut ctx,
        transform,
    );
    ctx.flush();
    let mut pixmap = Pixmap::new(side(width), side(height));
    ctx.render_with(
        &mut pixmap,
        &mut Resources::default(),
        RasterizerSettings {
            target_init: TargetInit::Clear(TRANSPARENT),
            ..RasterizerSettings::default()
        },
    );
    let warnings = warnings.lock().unwrap();
    assert!(warnings.is_empty(), "hayro warned: {warnings:?}");
    Image::from_premultiplied(width, height, pixmap.data_as_u8_slice())
}

/// Which pixels differ, and how many.
struct Comparison {
    differing: Vec<bool>,
    count: usize,
    fraction: f64,
}

impl Comparison {
    fn fails(&self) -> bool {
        self.fraction > MAX_DIFFERING
    }
}

fn alike(a: [u8; 3], b: [u8; 3]) -> bool {
    a.iter().zip(b).all(|(&a, b)| a.abs_diff(b) <= THRESHOLD)
}

/// Whether `image` has a pixel within 1 px of (x, y) alike `color`.
fn near(image: &Image, x: usize, y: usize, color: [u8; 3]) -> bool {
    let xs = x.saturating_sub(1)..=(x + 1).min(image.width - 1);
    let ys = y.saturating_sub(1)..=(y + 1).min(image.height - 1);
    ys.into_iter()
        .any(|ny| xs.clone().any(|nx| alike(image.pixel(nx, ny), color)))
}

fn compare(expected: &Image, actual: &Image) -> Comparison {
    assert_eq!(
        (expected.width, expected.height),
        (actual.width, actual.height)
    );
    let (width, height) = (expected.width, expected.height);
    let mut differing = vec![false; width * height];
    for y in 0..height {
        for x in 0..width {
            let (e, a) = (expected.pixel(x, y), actual.pixel(x, y));
            if alike(e, a) {
                continue;
            }
            differing[y * width + x] = !near(actual, x, y, e) || !near(expected, x, y, a);
        }
    }
    let count = differing.iter().filter(|&&d| d).count();
    Comparison {
        fraction: count as f64 / differing.len() as f64,
        differing,
        count,
    }
}

/// Differing pixels in red over a faded copy of `base`.
fn diff_image(base: &Image, comparison: &Comparison) -> Image {
    let fade = |c: u8| 255 - (255 - c) / 4;
    let rgb = base
        .rgb
        .chunks_exact(3)
        .zip(&comparison.differing)
        .flat_map(|(px, &differs)| {
            if differs {
                [255, 0, 0]
            } else {
                [fade(px[0]), fade(px[1]), fade(px[2])]
            }
        })
        .collect();
    Image {
        width: base.width,
        height: base.height,
        rgb,
    }
}

/// Compares the PNG raster of `for_png` with hayro's raster of the PDF of `for_pdf`.
/// Returns the comparison, the PNG raster and the PDF raster.
fn check(for_png: &Scene, for_pdf: &Scene) -> (Comparison, Image, Image) {
    let expected = png_raster(for_png);
    let actual = pdf_raster(for_pdf, expected.width, expected.height);
    let mut comparison = compare(&expected, &actual);
    raster_logos(for_png, &expected, &actual, &mut comparison);
    (comparison, expected, actual)
}

/// A PNG or JPEG logo is drawn from many pixels into few, and resvg and hayro filter them
/// differently, so its edges differ pixel by pixel although both draw it right. Inside
/// such a logo the comparison is of the average colour instead: a logo missing, moved or
/// wrongly coloured changes it by far more than [`LOGO_MEAN`] levels.
fn raster_logos(scene: &Scene, expected: &Image, actual: &Image, comparison: &mut Comparison) {
    for item in scene.flatten() {
        let Item::Image(picture) = item else { continue };
        if picture.image.format == waypost::scene::ImageFormat::Svg {
            continue;
        }
        let r = picture.rect;
        let xs = (r.x.floor().max(0.0) as usize)..(r.right().ceil() as usize).min(expected.width);
        let ys = (r.y.floor().max(0.0) as usize)..(r.bottom().ceil() as usize).min(expected.height);
        let mut sums = [[0_u64; 3]; 2];
        let mut n = 0_u64;
        for y in ys.clone() {
            for x in xs.clone() {
                for (sum, image) in sums.iter_mut().zip([expected, actual]) {
                    for (s, c) in sum.iter_mut().zip(image.pixel(x, y)) {
                        *s += u64::from(c);
                    }
                }
                n += 1;
                let at = y * expected.width + x;
                if comparison.differing[at] {
                    comparison.differing[at] = false;
                    comparison.count -= 1;
                }
            }
        }
        let apart = (0..3)
            .map(|c| sums[0][c].abs_diff(sums[1][c]) / n.max(1))
            .max();
        if apart.is_some_and(|a| a > LOGO_MEAN) {
            // Counted as a whole logo's worth of differing pixels.
            comparison.count += n as usize;
        }
    }
    comparison.fraction = comparison.count as f64 / comparison.differing.len() as f64;
}

/// How far apart the average colours of a raster logo may be, in levels of 255.
const LOGO_MEAN: u64 = 6;

#[test]
fn every_pdf_rasterises_like_its_png() {
    let mut failures = Vec::new();
    let mut compared = 0;
    for case in support::cases() {
        let name = case.name;
        let scene = match case.scene {
            Ok(scene) => scene,
            Err(waypost::Error::DoesNotFit(_)) => {
                println!("{name}: skipped, does not fit the page");
                continue;
            }
            Err(e) => panic!("{name}: {e}"),
        };
        let (comparison, expected, actual) = check(&scene, &scene);
        compared += 1;
        println!(
            "{name}: {} of {} px differ ({:.4} %)",
            comparison.count,
            comparison.differing.len(),
            comparison.fraction * 100.0
        );
        if comparison.fails() {
            let dir = support::output_dir();
            let raster = dir.join(format!("{name}.pdf-raster.png"));
            let diff = dir.join(format!("{name}.pdf-diff.png"));
            fs::write(&raster, actual.encode()).unwrap();
            fs::write(&diff, diff_image(&expected, &comparison).encode()).unwrap();
            failures.push(format!(
                "{name}: {} px ({:.4} %) of the PDF raster differ from the PNG by more than \
                 {THRESHOLD}/255 (1 px shift allowed); at most {:.4} % may\n  \
                 PDF raster: {}\n  differences: {}",
                comparison.count,
                comparison.fraction * 100.0,
                MAX_DIFFERING * 100.0,
                raster.display(),
                diff.display(),
            ));
        }
    }
    assert!(compared > 0, "every case was skipped");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// The comparison must notice what it is meant to guard against: each test below draws the
// PDF from a perturbed copy of one example's scene and the PNG from the real one.

const EXAMPLE: &str = include_str!("../examples/link-worker-training.toml");

fn example_scene() -> Scene {
    let roadmap = model::parse("link-worker-training.toml", EXAMPLE).unwrap();
    let preset = Preset::builtin("road").unwrap();
    layout(&roadmap, &preset, &LayoutOptions::default()).unwrap()
}

/// Calls `f` on every item, links' children included.
fn each_item(items: &mut [Item], f: &mut impl FnMut(&mut Item)) {
    for item in items {
        f(item);
        if let Item::Link(link) = item {
            each_item(&mut link.children, f);
        }
    }
}

/// Replaces every shape fill of colour `from` by `to`; returns how many changed.
fn refill(scene: &mut Scene, from: Color, to: Color) -> usize {
    let mut changed = 0;
    each_item(&mut scene.items, &mut |item| {
        if let Item::Shape(shape) = item {
            if shape.fill == Some(from) {
                shape.fill = Some(to);
                changed += 1;
            }
        }
    });
    changed
}

/// Asserts that the PDF of `perturbed` fails the comparison with the real PNG.
fn assert_caught(what: &str, perturbed: &Scene) {
    let (comparison, _, _) = check(&example_scene(), perturbed);
    println!(
        "{what}: {} px differ ({:.4} %, limit {:.4} %)",
        comparison.count,
        comparison.fraction * 100.0,
        MAX_DIFFERING * 100.0
    );
    assert!(
        comparison.fails(),
        "{what} went unnoticed: {} px ({:.4} %) differ, limit {:.4} %",
        comparison.count,
        comparison.fraction * 100.0,
        MAX_DIFFERING * 100.0
    );
}

#[test]
fn a_missing_card_is_caught() {
    let mut scene = example_scene();
    // The smallest card is the hardest to miss.
    let index = (scene.items.iter().enumerate())
        .filter_map(|(i, item)| match item {
            Item::Link(link) => Some((i, link.rect.width * link.rect.height)),
            _ => None,
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .expect("the example has cards")
        .0;
    scene.items.remove(index);
    assert_caught("the smallest card missing", &scene);
}

#[test]
fn text_moved_by_2pt_is_caught() {
    let mut scene = example_scene();
    let mut moved = 0;
    each_item(&mut scene.items, &mut |item| {
        if let Item::Text(text) = item {
            text.origin.y += 2.0;
            moved += 1;
        }
    });
    assert!(moved > 0);
    assert_caught("every text line 2 pt lower", &scene);
}

#[test]
fn a_wrong_card_colour_is_caught() {
    let mut scene = example_scene();
    let card = Color::rgb(0xff, 0xff, 0xff); // layouts/road.toml: palette.card
    assert!(refill(&mut scene, card, Color::rgb(0xff, 0xf0, 0xb3)) > 0);
    assert_caught("card fill #ffffff drawn as #fff0b3", &scene);
}

#[test]
fn a_wrong_stage_colour_is_caught() {
    let mut scene = example_scene();
    let first = Color::rgb(0x00, 0x5e, 0xb8); // layouts/road.toml: the first stage colour
    assert!(refill(&mut scene, first, Color::rgb(0x00, 0x74, 0x6b)) > 0);
    assert_caught("stage colour #005eb8 drawn as #00746b", &scene);
}

/// The pixels of `comparison` that differ inside `area` (in pt, which are pixels here).
fn differing_inside(comparison: &Comparison, width: usize, area: waypost::scene::Rect) -> usize {
    (comparison.differing.iter().enumerate())
        .filter(|&(i, &differs)| {
            let (x, y) = ((i % width) as f32 + 0.5, (i / width) as f32 + 0.5);
            differs && x > area.x && x < area.right() && y > area.y && y < area.bottom()
        })
        .count()
}

#[test]
fn a_page_with_bleed_rasterises_like_its_png() {
    let bleed = |mm| waypost::scene::Bleed::from_mm(mm).unwrap();
    let scene = example_scene().with_bleed(bleed(3.0));
    let bleed_box = scene.sheet.as_ref().unwrap().bleed_box();
    let (comparison, expected, actual) = check(&scene, &scene);
    // The crop marks may differ (hayro draws a 0.25 pt hairline a whole pixel wide, resvg
    // a quarter-covered pixel, and both are right); what is printed is held to the rule
    // of the whole page.
    let inside = differing_inside(&comparison, expected.width, bleed_box);
    let allowed = (f64::from(bleed_box.width * bleed_box.height) * MAX_DIFFERING) as usize;
    if inside > allowed {
        let dir = support::output_dir();
        fs::write(dir.join("bleed.pdf-raster.png"), actual.encode()).unwrap();
        fs::write(
            dir.join("bleed.pdf-diff.png"),
            diff_image(&expected, &comparison).encode(),
        )
        .unwrap();
    }
    assert!(
        inside <= allowed,
        "{inside} px of the bleed box differ between the PDF and the PNG, {allowed} may"
    );
    // The marks are drawn in both (the PDF's darker), on white paper.
    let trim = scene.sheet.as_ref().unwrap().trim;
    let (x, y) = (trim.x as usize, (bleed_box.y / 2.0) as usize);
    for image in [&expected, &actual] {
        assert!(
            image.pixel(x, y).iter().all(|&c| c < 240),
            "no mark at {x}, {y}"
        );
        assert_eq!(
            image.pixel(x + 3, y),
            [255, 255, 255],
            "no paper beside the mark"
        );
    }
    // And the comparison sees the sheet: the page set 1 mm off is caught.
    let (shifted, _, _) = check(&scene, &example_scene().with_bleed(bleed(4.0)));
    assert!(
        differing_inside(&shifted, expected.width, bleed_box) > allowed,
        "a sheet 1 mm off went unnoticed"
    );
}

#[test]
fn a_raster_logo_drawn_wrong_is_caught() {
    let roadmap = support::parse_file(&support::root().join("examples/branded/branded.toml"));
    let scene = layout(
        &roadmap,
        &Preset::builtin("road").unwrap(),
        &LayoutOptions::default(),
    )
    .unwrap();
    let (clean, _, _) = check(&scene, &scene);
    assert!(!clean.fails(), "{} px differ", clean.count);
    // The PNG logo moved off its box in the PDF: the average inside the box changes.
    let mut moved = scene.clone();
    each_item(&mut moved.items, &mut |item| {
        if let Item::Image(picture) = item {
            if picture.image.format == waypost::scene::ImageFormat::Png {
                picture.rect.y -= picture.rect.height;
            }
        }
    });
    let (comparison, _, _) = check(&scene, &moved);
    assert!(
        comparison.fails(),
        "a moved logo went unnoticed: {} px",
        comparison.count
    );
}
