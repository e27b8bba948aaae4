//! Cost of each pipeline stage, and of a whole render, on the real example.
//!
//! `cargo bench --bench render` runs it; compare medians measured in one run. The PNG at
//! 300 dpi is measured whole and in parts: rasterising (banded on every core, and resvg's
//! single pass for comparison), encoding a ready pixmap in each mode, and the floor those
//! parts set — rasterising on every core plus the fastest encoding — which the whole PNG
//! should come close to.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::hint::black_box;
use waypost::layout::{layout, LayoutOptions, Preset};
use waypost::model;
use waypost::scene::Scene;
use waypost::write::{pdf, png, svg};
use waypost::{resvg, tiny_skia};

const EXAMPLE: &str = include_str!("../examples/link-worker-training.toml");
const PRINT_DPI: f32 = 300.0;

fn example() -> Scene {
    let preset = Preset::builtin("road").expect("built in");
    let roadmap = model::parse("example.toml", EXAMPLE).expect("valid");
    layout(&roadmap, &preset, &LayoutOptions::default()).expect("fits")
}

fn stages(c: &mut Criterion) {
    let preset = Preset::builtin("road").expect("built in");
    let roadmap = model::parse("example.toml", EXAMPLE).expect("valid");
    let options = LayoutOptions::default();
    let scene = example();
    let print = png::PngOptions {
        dpi: PRINT_DPI,
        ..Default::default()
    };

    c.bench_function("parse", |b| {
        b.iter(|| model::parse("example.toml", black_box(EXAMPLE)))
    });
    c.bench_function("layout", |b| {
        b.iter(|| layout(black_box(&roadmap), &preset, &options))
    });
    c.bench_function("svg (fonts embedded)", |b| {
        b.iter(|| svg::write(black_box(&scene), &svg::SvgOptions::default()))
    });
    c.bench_function("pdf", |b| b.iter(|| pdf::write(black_box(&scene))));
    c.bench_function(
        "whole render: parse, layout, svg + png 300 dpi + pdf",
        |b| {
            b.iter(|| {
                let roadmap = model::parse("example.toml", black_box(EXAMPLE)).unwrap();
                let scene = layout(&roadmap, &preset, &options).unwrap();
                let svg = svg::write(&scene, &svg::SvgOptions::default());
                let png = png::write(&scene, &print).unwrap();
                let pdf = pdf::write(&scene).unwrap();
                (svg, png, pdf)
            })
        },
    );
}

fn png_at_300_dpi(c: &mut Criterion) {
    let scene = example();
    let (width, height) = png::pixel_size(&scene, PRINT_DPI);
    let (width, height) = (width as u32, height as u32);
    let tree =
        waypost::internals::parse_svg(&svg::write(&scene, &svg::SvgOptions { embed_fonts: false }))
            .unwrap();
    let pixmap = png::render(&scene, PRINT_DPI).unwrap();
    let fast = png::PngOptions {
        dpi: PRINT_DPI,
        small: false,
        ..Default::default()
    };
    let small = png::PngOptions {
        dpi: PRINT_DPI,
        small: true,
        ..Default::default()
    };
    let mut group = c.benchmark_group("png 300 dpi");

    group.bench_function("raster: resvg single pass", |b| {
        b.iter(|| {
            let mut pixmap = tiny_skia::Pixmap::new(width, height).unwrap();
            let size = black_box(&tree).size();
            let transform = tiny_skia::Transform::from_scale(
                width as f32 / size.width(),
                height as f32 / size.height(),
            );
            resvg::render(&tree, transform, &mut pixmap.as_mut());
            pixmap
        })
    });
    group.bench_function("raster: banded on every core", |b| {
        b.iter(|| waypost::internals::render_tree(black_box(&tree), width, height, 0).unwrap())
    });
    group.bench_function("encode: fast", |b| {
        b.iter_batched(
            || pixmap.clone(),
            |pixmap| png::encode(pixmap, &fast).unwrap(),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("encode: small", |b| {
        b.iter_batched(
            || pixmap.clone(),
            |pixmap| png::encode(pixmap, &small).unwrap(),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("floor: banded raster + fast encode", |b| {
        b.iter(|| {
            let pixmap =
                waypost::internals::render_tree(black_box(&tree), width, height, 0).unwrap();
            png::encode(pixmap, &fast).unwrap()
        })
    });
    group.bench_function("whole png, fast", |b| {
        b.iter(|| png::write(black_box(&scene), &fast).unwrap())
    });
    group.bench_function("whole png, small", |b| {
        b.iter(|| png::write(black_box(&scene), &small).unwrap())
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = stages, png_at_300_dpi
}
criterion_main!(benches);
