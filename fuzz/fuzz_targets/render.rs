//! The whole pipeline on arbitrary bytes: parse → layout → SVG, PDF, PNG and preflight.
//! Any problem with the input must come back as `Err`; a panic is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;
use waypost::layout::{self, preset::BUILTIN, Preset};
use waypost::write::{pdf, png, svg};

fuzz_target!(|data: &[u8]| {
    // The first byte picks the built-in preset; the whole input is the roadmap, so the
    // seeds stay plain TOML files.
    let first = data.first().copied().unwrap_or(0);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(roadmap) = waypost::model::parse("fuzz.toml", text) else {
        return;
    };

    let (name, _) = BUILTIN[usize::from(first) % BUILTIN.len()];
    let preset = Preset::builtin(name).expect("every built-in preset parses");
    let Ok(scene) = layout::layout(&roadmap, &preset, &Default::default()) else {
        return;
    };

    let doc = svg::write(&scene, &Default::default());
    if let Err(e) = roxmltree::Document::parse(&doc) {
        panic!("the SVG writer produced invalid XML: {e}");
    }

    if let Ok(bytes) = pdf::write(&scene) {
        assert!(
            bytes.starts_with(b"%PDF-"),
            "the PDF writer's output lacks the %PDF- header"
        );
    }
    if let Ok(bytes) = png::write(
        &scene,
        &png::PngOptions {
            dpi: 10.0,
            ..Default::default()
        },
    ) {
        assert!(
            bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            "the PNG writer's output lacks the PNG signature"
        );
    }
    let _ = waypost::preflight::inspect(&roadmap, &scene);
});
