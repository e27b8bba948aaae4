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

/// The same bytes from another process: the command line renders the example in a process
/// of its own (where printpdf's process-wide counters start afresh), and its SVG, PNG and
/// PDF equal this process's, made after other documents were already written here.
#[test]
fn another_process_writes_the_same_bytes() {
    let _warm_up = pdf::write(&scene()).unwrap();
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("writers-process");
    let _ = std::fs::remove_dir_all(&out);
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_waypost"))
        .args(["render", "examples/link-worker-training.toml", "--format"])
        .args(["svg,png,pdf", "--dpi", "72", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let scene = scene();
    let read = |ext: &str| std::fs::read(out.join(format!("link-worker-training.{ext}"))).unwrap();
    let svg = svg::write(&scene, &svg::SvgOptions::default());
    assert_eq!(read("svg"), svg.into_bytes());
    let png_options = png::PngOptions {
        dpi: 72.0,
        ..Default::default()
    };
    assert_eq!(read("png"), png::write(&scene, &png_options).unwrap());
    assert_eq!(read("pdf"), pdf::write(&scene).unwrap());
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
        let bytes = png::write(
            &scene,
            &png::PngOptions {
                dpi,
                small: false,
                ..Default::default()
            },
        )
        .unwrap();
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
            ..Default::default()
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

/// The Info dictionary of a PDF, once its XMP packet is seen to carry the same dates (or
/// none), not a clock reading of its own.
fn info(bytes: &[u8]) -> lopdf::Dictionary {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info).unwrap().clone();
    let metadata = doc.catalog().unwrap().get(b"Metadata").unwrap();
    let stream = doc.get_object(metadata.as_reference().unwrap()).unwrap();
    let xmp = String::from_utf8(stream.as_stream().unwrap().content.clone()).unwrap();
    let xmp = roxmltree::Document::parse(&xmp).unwrap();
    for (xmp_key, info_key) in [
        ("CreateDate", b"CreationDate".as_slice()),
        ("ModifyDate", b"ModDate"),
    ] {
        let in_xmp = (xmp.descendants().find(|n| n.tag_name().name() == xmp_key))
            .and_then(|n| n.text())
            .map(|d| format!("D:{}", d.replace('-', "")));
        let in_info = (info.get(info_key).ok())
            .map(|d| String::from_utf8_lossy(d.as_str().unwrap()).into_owned());
        assert_eq!(in_xmp, in_info, "{xmp_key} in the XMP packet");
    }
    info
}

fn pdf_of(updated: &str) -> Vec<u8> {
    let source = EXAMPLE.replace("updated = \"2026-11\"", &format!("updated = {updated:?}"));
    assert!(source.contains(updated));
    let roadmap = model::parse("example.toml", &source).unwrap();
    let preset = Preset::builtin("road").unwrap();
    pdf::write(&layout(&roadmap, &preset, &LayoutOptions::default()).unwrap()).unwrap()
}

#[test]
fn the_pdf_is_dated_by_the_roadmaps_updated_date_or_not_at_all() {
    for (updated, date) in [
        ("2026-11", Some("D:202611")),
        ("2026", Some("D:2026")),
        ("2024-02-29", Some("D:20240229")),
        ("autumn 2026", None),
        ("2026-02-29", None),
    ] {
        let info = info(&pdf_of(updated));
        for key in [b"CreationDate".as_slice(), b"ModDate"] {
            let value = info.get(key).ok().map(|v| v.as_str().unwrap().to_vec());
            assert_eq!(
                value.as_deref(),
                date.map(str::as_bytes),
                "{} for {updated:?}",
                String::from_utf8_lossy(key)
            );
        }
    }
}

#[test]
fn no_example_pdf_mentions_the_unix_epoch() {
    for case in support::cases() {
        let Ok(scene) = &case.scene else { continue };
        let bytes = pdf::write(scene).unwrap();
        // A date at the epoch is `D:1970…` in PDF and `1970-…` in XMP; the bare digits
        // may well turn up in a cross-reference offset.
        let epoch = (bytes.windows(6)).any(|w| w == b"D:1970" || w.starts_with(b"1970-"));
        assert!(!epoch, "{} holds a 1970 date", case.name);
        let updated = case.roadmap.updated.as_deref().unwrap_or_default();
        let expected = waypost::scene::Date::parse(updated).map(|_| updated.replace('-', ""));
        let creation = info(&bytes).get(b"CreationDate").ok().cloned();
        let creation = creation.map(|d| String::from_utf8_lossy(d.as_str().unwrap()).into_owned());
        assert_eq!(
            creation,
            expected.map(|d| format!("D:{d}")),
            "{}",
            case.name
        );
    }
}
