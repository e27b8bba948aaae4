//! Property tests over generated roadmaps: every preset and page size either lays the
//! roadmap out cleanly or says it does not fit; no input makes any stage panic; every
//! output stays well-formed.
#![cfg(all(feature = "png", feature = "pdf"))]

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use waypost::layout::{layout, preset, LayoutOptions, Preset};
use waypost::model::{self, Orientation, PageSize};
use waypost::write::{pdf, png, svg};
use waypost::{preflight, Error, Overflow, Part};

/// Text the bundled font can draw, with long unbroken words, Welsh and markup characters.
fn words() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        4 => "[a-zA-Z]{1,12}",
        1 => "[a-z]{20,60}",
        1 => prop::sample::select(vec![
            "ŵyr", "ŷd", "£150", "€30", "–", "Llanfairpwllgwyngyll", "<script>", "&amp;",
            "\"quoted\"", "]]>", "café", "naïve", "Ærøskøbing", "1/2", "e-learning",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(word, 1..16)
        .prop_map(|w| {
            let text = w.join(" ");
            text.chars()
                .take(120)
                .collect::<String>()
                .trim()
                .to_string()
        })
        .prop_filter("not blank", |t| !t.is_empty())
}

/// A TOML basic string.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[derive(Debug, Clone)]
struct OfferSpec {
    title: String,
    provider: String,
    description: Option<String>,
    chargeable: bool,
    level: Option<u8>,
    tags: Vec<&'static str>,
    url: usize,
}

fn offer() -> impl Strategy<Value = OfferSpec> {
    (
        words(),
        words(),
        prop::option::of(words()),
        any::<bool>(),
        prop::option::of(1u8..=8),
        prop::sample::subsequence(vec!["online", "in-person", "national", "local"], 0..3),
        0usize..4,
    )
        .prop_map(
            |(title, provider, description, chargeable, level, tags, url)| OfferSpec {
                title,
                provider,
                description,
                chargeable,
                level,
                tags,
                url,
            },
        )
}

fn roadmap_text() -> impl Strategy<Value = String> {
    let stage = (
        words(),
        prop::option::of(words()),
        prop::collection::vec(offer(), 0..=15),
    );
    (words(), prop::collection::vec(stage, 1..=10)).prop_map(|(title, stages)| {
        let urls = [
            "https://www.england.nhs.uk/personalisedcare/social-prescribing/",
            "https://example.org/a/very/long/path/that/has/to/break/somewhere/in/the/card",
            "mailto:team@example.org",
            "tel:+441234567890",
        ];
        let mut text = format!("title = {}\n", quoted(&title));
        for (stage_title, summary, offers) in stages {
            text.push_str(&format!("[[stage]]\ntitle = {}\n", quoted(&stage_title)));
            if let Some(s) = summary {
                text.push_str(&format!("summary = {}\n", quoted(&s)));
            }
            for o in offers {
                text.push_str(&format!(
                    "[[stage.offer]]\ntitle = {}\nprovider = {}\nurl = {}\ncost = \"{}\"\n",
                    quoted(&o.title),
                    quoted(&o.provider),
                    quoted(urls[o.url]),
                    if o.chargeable { "chargeable" } else { "free" }
                ));
                if let Some(d) = o.description {
                    text.push_str(&format!("description = {}\n", quoted(&d)));
                }
                if let Some(l) = o.level {
                    text.push_str(&format!("level = {l}\n"));
                }
                let tags: Vec<String> = o.tags.iter().map(|t| quoted(t)).collect();
                text.push_str(&format!("tags = [{}]\n", tags.join(", ")));
            }
        }
        text
    })
}

/// A does-not-fit answer names what overflows — a stage and the offer in it, or the title
/// block or footer — and by a positive, finite number of millimetres, all in its message.
fn check_overflow(
    roadmap: &model::Roadmap,
    overflow: &Overflow,
    message: &str,
) -> Result<(), TestCaseError> {
    prop_assert!(
        overflow.excess_mm > 0.0 && overflow.excess_mm.is_finite(),
        "{message}"
    );
    prop_assert!(
        message.contains(&format!("{:.1} mm", overflow.excess_mm)),
        "{message}"
    );
    // Titles are quoted up to 60 characters.
    let quoted = |t: &str| t.chars().take(60).collect::<String>();
    match overflow.part {
        Part::Offer | Part::Stage => {
            let stage = roadmap.stages.iter().find(|s| s.title == overflow.stage);
            prop_assert!(stage.is_some(), "no stage {:?}: {message}", overflow.stage);
            prop_assert!(message.contains(&quoted(&overflow.stage)), "{message}");
            let offer = overflow.offer.as_deref();
            prop_assert_eq!(overflow.part == Part::Offer, offer.is_some(), "{}", message);
            if let (Some(stage), Some(offer)) = (stage, offer) {
                prop_assert!(stage.offers.iter().any(|o| o.title == offer), "{message}");
                prop_assert!(message.contains(&quoted(offer)), "{message}");
            }
        }
        Part::Title => prop_assert!(message.contains("the title block"), "{message}"),
        Part::Footer => prop_assert!(message.contains("the footer"), "{message}"),
        other => prop_assert!(false, "a part this test does not know: {other:?}"),
    }
    Ok(())
}

/// Text shaped like a roadmap file: table headers and `key = value` lines with keys of the
/// format (and some that are not) and values of every TOML kind, some of them wrong.
fn toml_like() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "title",
        "subtitle",
        "updated",
        "footer",
        "layout",
        "page",
        "orientation",
        "language",
        "online",
        "provider",
        "url",
        "cost",
        "price",
        "level",
        "tags",
        "description",
        "summary",
        "titel",
        "colour",
    ]);
    let value = prop_oneof![
        words().prop_map(|w| quoted(&w)),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| format!("{n:?}")),
        any::<bool>().prop_map(|b| b.to_string()),
        prop::sample::select(vec![
            "\"free\"",
            "\"chargeable\"",
            "\"A4\"",
            "\"road\"",
            "\"https://example.org/\"",
            "[\"online\", \"local\"]",
            "[]",
            "{ x = 1 }",
            "2026-11-02",
            "\"mailto:a@b.c\"",
        ])
        .prop_map(str::to_string),
        ".{0,20}",
    ];
    let line = prop_oneof![
        6 => (key, value).prop_map(|(k, v)| format!("{k} = {v}")),
        1 => prop::sample::select(vec!["[[stage]]", "[[stage.offer]]", "[labels]", "[[tag]]", "[x"])
            .prop_map(str::to_string),
    ];
    prop::collection::vec(line, 0..30).prop_map(|lines| lines.join("\n"))
}

fn presets() -> Vec<Preset> {
    preset::BUILTIN
        .iter()
        .map(|(name, _)| Preset::builtin(name).expect("built in"))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Either a clean page — nothing outside its card, no overlaps, everything inside the
    /// margins, no text under 7 pt — or the does-not-fit error; for every preset.
    #[test]
    fn pages_are_clean_or_say_they_do_not_fit(
        text in roadmap_text(),
        page in prop::sample::select(PageSize::ALL.to_vec()),
        landscape in any::<bool>(),
    ) {
        let roadmap = model::parse("generated.toml", &text).expect("generated roadmaps are valid");
        let options = LayoutOptions {
            page: Some(page),
            orientation: Some(if landscape { Orientation::Landscape } else { Orientation::Portrait }),
            // What is to blame is enough here; the numbers a person reads cost more fits.
            brief: true,
            ..Default::default()
        };
        for preset in presets() {
            match layout(&roadmap, &preset, &options) {
                Ok(scene) => {
                    let report = preflight::inspect(&roadmap, &scene);
                    prop_assert!(report.is_clean(), "{} on {page:?}: {report:#?}", preset.name);
                    prop_assert!(report.min_text_pt >= 7.0);
                }
                Err(Error::DoesNotFit(overflow)) => {
                    let message = Error::DoesNotFit(overflow.clone()).to_string();
                    check_overflow(&roadmap, &overflow, &message)?;
                }
                Err(other) => prop_assert!(false, "{}: unexpected error {other}", preset.name),
            }
        }
    }

    /// Any text at all: parsing never panics, and whatever parses renders to well-formed
    /// SVG, a PNG and a PDF without panicking. The text is made of lines a roadmap file
    /// could hold — known keys and tables with values of every kind, some mistaken — so
    /// that it gets past the TOML reader into the roadmap's own checks, as random
    /// characters rarely do.
    #[test]
    fn any_input_is_answered_without_panic(text in toml_like(), roadmap in roadmap_text()) {
        match model::parse("random.toml", &text) {
            Ok(_) => {}
            Err(waypost::Error::Invalid(d)) => prop_assert!(!d.list.is_empty()),
            Err(other) => prop_assert!(false, "unexpected error {other}"),
        }
        let roadmap = model::parse("generated.toml", &roadmap).unwrap();
        let preset = Preset::builtin("road").unwrap();
        // What is to blame is enough here; the numbers a person reads cost more fits.
        let options = LayoutOptions { brief: true, ..Default::default() };
        if let Ok(scene) = layout(&roadmap, &preset, &options) {
            let doc = svg::write(&scene, &svg::SvgOptions::default());
            prop_assert!(roxmltree::Document::parse(&doc).is_ok());
            prop_assert!(!doc.contains("<script>"));
            let tiny = png::PngOptions { dpi: 20.0, small: false, ..Default::default() };
            prop_assert!(png::write(&scene, &tiny).is_ok());
            prop_assert!(pdf::write(&scene).unwrap().starts_with(b"%PDF"));
        }
    }
}
