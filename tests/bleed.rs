//! Print bleed through the one-call API: the PDF's boxes read back with lopdf, the SVG's
//! and PNG's larger page, and nothing changed without a bleed.
#![cfg(all(feature = "png", feature = "pdf"))]

use waypost::scene::{Bleed, MARK_LENGTH_MM};
use waypost::{render_str, Format, RenderOptions, Rendered};

const EXAMPLE: &str = include_str!("../examples/link-worker-training.toml");
const MM: f32 = 72.0 / 25.4;

fn rendered(bleed: Option<f32>) -> Rendered {
    let options = RenderOptions {
        formats: vec![Format::Svg, Format::Png, Format::Pdf],
        bleed: bleed.map(|mm| Bleed::from_mm(mm).unwrap()),
        ..Default::default()
    };
    render_str("example.toml", EXAMPLE, &options).unwrap()
}

/// The page's boxes by name, as `[x0, y0, x1, y1]` in pt.
fn boxes(pdf: &[u8]) -> Vec<(String, [f32; 4])> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let page = doc.get_pages()[&1];
    let page = doc.get_dictionary(page).unwrap();
    ["MediaBox", "CropBox", "BleedBox", "TrimBox"]
        .into_iter()
        .filter_map(|name| {
            let values = page.get(name.as_bytes()).ok()?.as_array().ok()?;
            let v: Vec<f32> = values.iter().map(|n| n.as_float().unwrap()).collect();
            Some((name.to_string(), [v[0], v[1], v[2], v[3]]))
        })
        .collect()
}

fn near(a: [f32; 4], b: [f32; 4]) -> bool {
    a.iter().zip(b).all(|(x, y)| (x - y).abs() < 0.01)
}

#[test]
fn the_pdf_says_where_to_trim_and_how_far_the_bleed_runs() {
    let page = rendered(None);
    let (w, h) = (page.scene.width, page.scene.height);
    for mm in [3.0, 5.0, 0.5] {
        let sheet = rendered(Some(mm));
        let boxes = boxes(sheet.pdf.as_deref().unwrap());
        let get = |name: &str| boxes.iter().find(|(n, _)| n == name).map(|(_, b)| *b);
        let bleed = mm * MM;
        let margin = bleed + MARK_LENGTH_MM * MM;
        let trim = [margin, margin, margin + w, margin + h];
        let expected = [
            ("MediaBox", [0.0, 0.0, w + 2.0 * margin, h + 2.0 * margin]),
            ("CropBox", [0.0, 0.0, w + 2.0 * margin, h + 2.0 * margin]),
            (
                "BleedBox",
                [
                    trim[0] - bleed,
                    trim[1] - bleed,
                    trim[2] + bleed,
                    trim[3] + bleed,
                ],
            ),
            ("TrimBox", trim),
        ];
        for (name, want) in expected {
            let got = get(name);
            assert!(
                got.is_some_and(|g| near(g, want)),
                "{mm} mm: {name} is {got:?}, not {want:?}"
            );
        }
        // The SVG and the PNG are the whole sheet too.
        let svg = sheet.svg.as_deref().unwrap();
        let doc = roxmltree::Document::parse(svg).unwrap();
        let view_box = doc.root_element().attribute("viewBox").unwrap();
        let view: Vec<f32> = view_box.split(' ').map(|v| v.parse().unwrap()).collect();
        assert!((view[2] - (w + 2.0 * margin)).abs() < 0.01, "{view_box}");
        assert!((view[3] - (h + 2.0 * margin)).abs() < 0.01, "{view_box}");
        let png = sheet.png.as_deref().unwrap();
        let png_width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let expected_width = ((w + 2.0 * margin) / 72.0 * 150.0).round() as u32;
        assert!(png_width.abs_diff(expected_width) <= 1, "{png_width} px");
    }
}

#[test]
fn without_a_bleed_the_page_is_its_own_sheet() {
    let page = rendered(None);
    let boxes = boxes(page.pdf.as_deref().unwrap());
    let names: Vec<&str> = boxes.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["MediaBox", "CropBox", "TrimBox"]);
    let media = boxes[0].1;
    assert!(boxes.iter().all(|(_, b)| near(*b, media)));
    assert!(page.scene.sheet.is_none());
}

#[test]
fn the_pages_own_content_does_not_change_with_a_bleed() {
    // The pre-flight checks see the page, not the sheet, and the sheet holds every item of
    // the page, moved by the same distance.
    let page = rendered(None);
    let sheet = rendered(Some(3.0));
    assert_eq!(page.report, sheet.report);
    let margin = (3.0 + MARK_LENGTH_MM) * MM;
    let page_links = page.scene.links();
    let sheet_links = sheet.scene.links();
    assert_eq!(page_links.len(), sheet_links.len());
    for (a, b) in page_links.iter().zip(&sheet_links) {
        assert!((b.rect.x - a.rect.x - margin).abs() < 1e-3);
        assert!((b.rect.y - a.rect.y - margin).abs() < 1e-3);
        assert_eq!(a.url, b.url);
    }
}
