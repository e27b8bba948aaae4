//! QR codes read back from the 300 dpi PNG by an independent decoder (rqrr): every code on
//! the page must be found and must hold exactly the address it stands for.
#![cfg(feature = "png")]

mod support;

use std::collections::BTreeSet;
use support::image::Image;
use waypost::layout::qr::{MIN_MODULE_MM, QUIET};
use waypost::layout::LayoutOptions;
use waypost::scene::{Item, Qr, Scene};
use waypost::write::png::{self, PngOptions};
use waypost::{Format, RenderOptions};

const PRINTED: &str = include_str!("../examples/printed-with-qr-codes.toml");
const EXAMPLE: &str = include_str!("../examples/link-worker-training.toml");
const MM: f32 = 72.0 / 25.4;

fn render(source: &str, offer_codes: bool) -> Scene {
    let options = RenderOptions {
        formats: Vec::new(),
        layout: LayoutOptions {
            offer_codes,
            ..Default::default()
        },
        ..Default::default()
    };
    let rendered = waypost::render_str("roadmap.toml", source, &options).unwrap();
    assert!(rendered.report.is_clean(), "{:#?}", rendered.report);
    rendered.scene
}

fn codes(scene: &Scene) -> Vec<&Qr> {
    scene
        .flatten()
        .into_iter()
        .filter_map(|item| match item {
            Item::Qr(qr) => Some(qr),
            _ => None,
        })
        .collect()
}

/// Resolution of the image the codes are read from.
const DPI: f32 = 300.0;

/// The error correction level M as the symbol's format information spells it.
const LEVEL_M: u16 = 0;

/// Each code of the scene read back from the page's 300 dpi PNG, with its error correction
/// level: rqrr looks at the pixels of the code's square and a little around it (looking at
/// the whole page, it pairs the finder patterns of neighbouring codes and reads neither),
/// and says what it found there.
fn decode(scene: &Scene) -> Vec<Result<(u16, String), String>> {
    let options = PngOptions {
        dpi: DPI,
        ..Default::default()
    };
    let image = Image::decode(&png::write(scene, &options).unwrap()).unwrap();
    let (w, h) = (image.width as usize, image.height as usize);
    let px = |pt: f32| (pt * DPI / 72.0).round().max(0.0) as usize;
    codes(scene)
        .iter()
        .map(|qr| {
            let b = qr.bounds();
            let margin = qr.module;
            let (x0, y0) = (px(b.x - margin), px(b.y - margin));
            let (x1, y1) = (
                px(b.right() + margin).min(w),
                px(b.bottom() + margin).min(h),
            );
            let mut prepared =
                rqrr::PreparedImage::prepare_from_greyscale(x1 - x0, y1 - y0, |x, y| {
                    let i = 3 * ((y0 + y) * w + x0 + x);
                    let rgb = [image.rgb[i], image.rgb[i + 1], image.rgb[i + 2]].map(u32::from);
                    ((rgb[0] * 299 + rgb[1] * 587 + rgb[2] * 114) / 1000) as u8
                });
            match prepared.detect_grids().as_slice() {
                [grid] => grid
                    .decode()
                    .map(|(meta, text)| (meta.ecc_level, text))
                    .map_err(|e| e.to_string()),
                grids => Err(format!("{} codes found where one was drawn", grids.len())),
            }
        })
        .collect()
}

/// What is wrong with the codes read from the page, compared with the addresses they must
/// hold: each expected address must be read, as many times as expected, and nothing else.
fn problems(scene: &Scene, expected: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut read = Vec::new();
    for result in decode(scene) {
        match result {
            Ok((LEVEL_M, text)) => read.push(text),
            Ok((level, text)) => problems.push(format!("{text} is at level {level}, not M")),
            Err(e) => problems.push(format!("a code was not read: {e}")),
        }
    }
    let mut wanted: Vec<&str> = expected.to_vec();
    wanted.sort();
    let mut got: Vec<&str> = read.iter().map(String::as_str).collect();
    got.sort();
    if wanted != got {
        problems.push(format!("expected {wanted:#?}\nread {got:#?}"));
    }
    problems
}

#[test]
fn the_footer_code_reads_back_as_the_roadmaps_address() {
    let scene = render(PRINTED, false);
    let online = "https://example.org/roadmaps/carer-support-worker";
    let drawn: Vec<&str> = codes(&scene).iter().map(|q| q.data.as_str()).collect();
    assert_eq!(drawn, [online]);
    let problems = problems(&scene, &[online]);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_offer_code_reads_back_as_its_offers_link() {
    let roadmap = waypost::model::parse("example.toml", EXAMPLE).unwrap();
    let links: Vec<&str> = (roadmap.stages.iter())
        .flat_map(|s| &s.offers)
        .map(|o| o.url.as_str())
        .collect();
    let scene = render(EXAMPLE, true);
    assert_eq!(codes(&scene).len(), links.len(), "one code a card");
    let problems = problems(&scene, &links);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn codes_keep_the_smallest_module_and_their_quiet_zone() {
    let scene = render(EXAMPLE, true);
    let all = codes(&scene);
    assert!(!all.is_empty());
    for qr in all {
        assert!(qr.module >= MIN_MODULE_MM * MM - 1e-4, "{}", qr.data);
        assert_eq!(qr.quiet, QUIET, "{}", qr.data);
        // The code lies inside its card, quiet zone and all.
        let inside = (scene.links().into_iter())
            .any(|l| l.url == qr.data && l.rect.contains(&qr.bounds(), 0.01));
        assert!(inside, "{} is not inside its card", qr.data);
    }
}

#[test]
fn a_damaged_code_is_noticed() {
    // The comparison must fail when a code no longer holds its address: flip a band of
    // modules across the first code, more than level M can correct.
    let mut scene = render(PRINTED, false);
    let online = "https://example.org/roadmaps/carer-support-worker";
    for item in &mut scene.items {
        if let Item::Qr(qr) = item {
            let size = qr.size;
            for row in 9..size - 9 {
                for column in 9..size - 9 {
                    if (row + column) % 2 == 0 {
                        qr.dark[row * size + column] ^= true;
                    }
                }
            }
        }
    }
    assert!(!problems(&scene, &[online]).is_empty());
}

#[test]
fn without_online_or_offer_codes_there_is_no_code() {
    for source in [EXAMPLE, include_str!("../examples/sparse.toml")] {
        assert!(codes(&render(source, false)).is_empty());
    }
}

#[test]
fn the_svg_draws_each_code_as_one_path_and_the_pdf_as_vectors() {
    let options = RenderOptions {
        formats: vec![Format::Svg, Format::Pdf],
        layout: LayoutOptions {
            offer_codes: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let once = waypost::render_str("printed.toml", PRINTED, &options).unwrap();
    let again = waypost::render_str("printed.toml", PRINTED, &options).unwrap();
    assert_eq!(once.svg, again.svg);
    assert_eq!(once.pdf, again.pdf);
    let svg = once.svg.unwrap();
    let paths = svg.matches("<path transform=").count();
    assert_eq!(paths, codes(&once.scene).len(), "one path a code");
    assert!(!svg.contains("<image"), "codes are not images");
    let pdf = once.pdf.unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let images = (doc.objects.values())
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Image"))
        .count();
    assert_eq!(images, 0, "codes are not images");
    let distinct: BTreeSet<&str> = codes(&once.scene).iter().map(|q| q.data.as_str()).collect();
    assert_eq!(distinct.len(), 5);
}

#[test]
fn text_in_a_quiet_zone_is_reported() {
    let roadmap = waypost::model::parse("printed.toml", PRINTED).unwrap();
    let mut scene = render(PRINTED, false);
    assert!(waypost::preflight::inspect(&roadmap, &scene).is_clean());
    // Move the footer's caption onto the code's quiet zone, a module from its edge.
    let code = codes(&scene)[0].bounds();
    let caption = roadmap.labels.get(waypost::model::Label::Scan).to_string();
    for item in &mut scene.items {
        if let Item::Text(text) = item {
            if text.text == caption {
                text.origin.x = code.x - text.width + 2.0 * MM;
            }
        }
    }
    let report = waypost::preflight::inspect(&roadmap, &scene);
    assert!(
        (report.overlaps.iter()).any(|f| f.message.contains("quiet zone") && f.subject == caption),
        "{report:#?}"
    );
}

/// The footer's code sits on the page itself, not in a white box (the decoder reads it:
/// see above), and its caption and address stand on the footer text's lines.
#[test]
fn the_footer_code_is_on_the_page_and_its_words_on_the_footers_lines() {
    use waypost::scene::Role;
    let scene = render(PRINTED, false);
    let footer_code = codes(&scene)
        .into_iter()
        .max_by(|a, b| a.origin.y.total_cmp(&b.origin.y))
        .expect("the footer's code");
    assert_eq!(footer_code.background, scene.background);
    let lines: Vec<_> = scene
        .flatten()
        .into_iter()
        .filter_map(|item| match item {
            Item::Text(t) if t.role == Role::Footer => Some(t),
            _ => None,
        })
        .collect();
    let left = lines
        .iter()
        .map(|t| t.origin.x)
        .fold(f32::INFINITY, f32::min);
    let (text, words): (Vec<&waypost::scene::Text>, Vec<_>) =
        lines.iter().partition(|t| t.origin.x - left < 1.0);
    assert!(
        !text.is_empty() && words.len() >= 2,
        "{} and {}",
        text.len(),
        words.len()
    );
    for line in &words {
        assert!(
            text.iter()
                .any(|t| (t.origin.y - line.origin.y).abs() < 0.01),
            "\"{}\" at {} is off the footer's lines",
            line.text,
            line.origin.y
        );
    }
}
