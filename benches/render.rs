//! Cost of each pipeline stage, and of a whole render, on the real example.
//!
//! `cargo bench` runs it; compare medians measured in one run.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use waypost::layout::{layout, LayoutOptions, Preset};
use waypost::model;
use waypost::write::{pdf, png, svg};

const EXAMPLE: &str = include_str!("../examples/link-worker-training.toml");

fn stages(c: &mut Criterion) {
    let preset = Preset::builtin("road").expect("built in");
    let roadmap = model::parse("example.toml", EXAMPLE).expect("valid");
    let options = LayoutOptions::default();
    let scene = layout(&roadmap, &preset, &options).expect("fits");
    let print = png::PngOptions {
        dpi: 300.0,
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
    c.bench_function("png raster 300 dpi", |b| {
        b.iter(|| png::render(black_box(&scene), 300.0))
    });
    c.bench_function("png 300 dpi", |b| {
        b.iter(|| png::write(black_box(&scene), &print))
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

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = stages
}
criterion_main!(benches);
