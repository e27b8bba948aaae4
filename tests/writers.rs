//! Every writer on the real example: the same page in three formats, byte for byte stable.
#![cfg(all(feature = "png", feature = "pdf"))]

mod support;

use waypost::layout::{layout, LayoutOptions, Preset};
use waypost::model;
use waypost::scene::Scene;
use waypost::write::{pdf, png, svg};

const EXAMPLE: &str = include_str!("../examples/link-worker-training.toml");

fn scene() -> Scene {
    let roadmap = model::parse("example.toml", EXAMPLE).unwrap();
    let preset = Preset::builtin("road").unwrap();
    layout(&roadmap, &preset, &LayoutOptions::default()).unwrap()
}

fn offers() -> Vec<model::Offer> {
    let roadmap = model::parse("example.toml", EXAMPLE).unwrap();
    roadmap.stages.into_iter().flat_map(|s| s.offers).collect()
}

#[test]
fn two_renders_in_one_process_are_byte_identical() {
    let (a, b) = (scene(), scene());
    assert_eq!(a, b);
    let svg_options = svg::SvgOptions::default();
    assert_eq!(svg::write(&a, &svg_options), svg::write(&b, &svg_options));
    let png_options = png::PngOptions {
        dpi: 72.0,
        ..Default::default()
    };
    assert_eq!(
        png::write(&a, &png_options).unwrap(),
        png::write(&b, &png_options).unwrap()
    );
    assert_eq!(pdf::write(&a).unwrap(), pdf::write(&b).unwrap());
}

#[test]
fn the_svg_is_xml_with_every_offer_linked_and_its_text_as_text() {
    let text = svg::write(&scene(), &svg::SvgOptions::default());
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let hrefs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("a"))
        .filter_map(|n| n.attribute("href"))
        .collect();
    let offers = offers();
    assert_eq!(hrefs.len(), offers.len());
    for (href, offer) in hrefs.iter().zip(&offers) {
        assert_eq!(*href, offer.url.as_str());
    }
    let words: String = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(words.contains("Link worker induction guide"));
    assert!(text.contains("@font-face"), "fonts are embedded");
    assert!(text.len() < 150_000, "SVG is {} bytes", text.len());
}

#[test]
fn the_png_has_the_asked_resolution_and_is_opaque() {
    let scene = scene();
    for dpi in [72.0, 150.0] {
        let bytes = png::write(&scene, &png::PngOptions { dpi, small: false }).unwrap();
        let decoder = ::png::Decoder::new(std::io::Cursor::new(bytes));
        let reader = decoder.read_info().unwrap();
        let info = reader.info();
        let expected_width = (scene.width * dpi / 72.0).round() as u32;
        assert_eq!(info.width, expected_width);
        assert_eq!(info.color_type, ::png::ColorType::Rgb);
        let dims = info.pixel_dims.expect("resolution recorded");
        assert_eq!(dims.xppu, (f64::from(dpi) / 0.0254).round() as u32);
    }
}

#[test]
fn a_huge_raster_is_refused_not_attempted() {
    let err = png::write(
        &scene(),
        &png::PngOptions {
            dpi: 5000.0,
            small: false,
        },
    )
    .unwrap_err();
    assert!(matches!(err, waypost::Error::ImageTooLarge { .. }), "{err}");
}

#[test]
fn the_pdf_has_the_page_size_links_text_and_subset_fonts() {
    let scene = scene();
    let bytes = pdf::write(&scene).unwrap();
    assert!(bytes.len() < 100 * 1024, "PDF is {} bytes", bytes.len());
    let offers = offers();
    let titles: Vec<&str> = offers.iter().map(|o| o.title.as_str()).collect();
    let problems = support::pdf::check(&scene, &bytes, &titles);
    assert!(problems.is_empty(), "{problems:#?}");
    // The check itself must notice a PDF whose links are gone.
    let mut unlinked = scene.clone();
    unlinked.items = unlinked
        .items
        .into_iter()
        .flat_map(|item| match item {
            waypost::scene::Item::Link(link) => link.children,
            other => vec![other],
        })
        .collect();
    let bare = pdf::write(&unlinked).unwrap();
    let problems = support::pdf::check(&scene, &bare, &titles);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("0 link annotations for 12 links")),
        "{problems:#?}"
    );
}
