//! Every writer on the real example: the same page in three formats, byte for byte stable.

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
    let doc = lopdf::Document::load_mem(&bytes).expect("the PDF parses");
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 1);
    let page_id = pages[&1];
    let page = doc.get_dictionary(page_id).unwrap();
    let media: Vec<f32> = page
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_float().unwrap())
        .collect();
    assert!(
        (media[2] - 595.276).abs() < 0.01 && (media[3] - 841.89).abs() < 0.01,
        "{media:?}"
    );

    // One URI annotation per offer, its rectangle over the offer's card.
    let annots = page.get(b"Annots").unwrap().as_array().unwrap();
    let links = scene.links();
    assert_eq!(annots.len(), links.len());
    for (annot, link) in annots.iter().zip(&links) {
        let dict = match annot {
            lopdf::Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
            other => other.as_dict().unwrap(),
        };
        let action = match dict.get(b"A").unwrap() {
            lopdf::Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
            other => other.as_dict().unwrap(),
        };
        let uri = action.get(b"URI").unwrap().as_str().unwrap();
        assert_eq!(uri, link.url.as_bytes());
        let rect: Vec<f32> = dict
            .get(b"Rect")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o.as_float().unwrap())
            .collect();
        let expected = [
            link.rect.x,
            scene.height - link.rect.bottom(),
            link.rect.right(),
            scene.height - link.rect.y,
        ];
        for (got, want) in rect.iter().zip(expected) {
            assert!(
                (got - want).abs() < 0.5,
                "{rect:?} vs {expected:?} for {}",
                link.url
            );
        }
    }

    // Every offer title can be found in the text (lines may break inside a title).
    let text = doc.extract_text(&[1]).unwrap();
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for offer in offers() {
        assert!(
            flat.contains(&offer.title),
            "{:?} not found in the PDF text",
            offer.title
        );
    }

    // Fonts are embedded, and as subsets (a six-letter tag before the name).
    let mut fonts = 0;
    for (_, object) in doc.objects.iter() {
        if let Ok(dict) = object.as_dict() {
            if dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor") {
                fonts += 1;
                assert!(dict.has(b"FontFile2"), "font not embedded");
                let name = dict.get(b"FontName").unwrap().as_name().unwrap();
                assert_eq!(
                    name.get(6),
                    Some(&b'+'),
                    "{}",
                    String::from_utf8_lossy(name)
                );
            }
        }
    }
    assert_eq!(fonts, 2);
}
