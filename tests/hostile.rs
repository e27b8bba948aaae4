//! Hostile text and links: drawn literally, escaped in every output, never markup.
#![cfg(all(feature = "png", feature = "pdf"))]

mod support;

use waypost::layout::{layout, LayoutOptions, Preset};
use waypost::model;
use waypost::write::{pdf, png, svg};

const HOSTILE: &str = r#"
title = "<script>alert('title')</script> & \"friends\""
subtitle = "]]> <![CDATA[ x ]]> <!-- comment --> &amp; &#x3C;"
footer = "</svg><svg onload=alert(1)>"

[[stage]]
title = "<b>Bold</b> stage"
summary = "Tabs	and \"quotes\" and 'apostrophes'"

[[stage.offer]]
title = "<a href=\"javascript:alert(1)\">click</a>"
provider = "Provider & Sons <Ltd>"
url = "https://example.org/search?q=%22%3E%3Cscript%3E&x=1&y='2'"
cost = "chargeable"
price = "£5 <i>only</i>"
description = "]]> & <![CDATA[ still text ]]>"
"#;

#[test]
fn hostile_text_is_drawn_literally_in_every_format() {
    let roadmap = model::parse("hostile.toml", HOSTILE).expect("hostile text is still valid text");
    let preset = Preset::builtin("road").unwrap();
    let scene = layout(&roadmap, &preset, &LayoutOptions::default()).unwrap();

    // SVG: well-formed, no element from the input, every string back as text.
    let text = svg::write(&scene, &svg::SvgOptions::default());
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let elements: Vec<&str> = doc
        .descendants()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect();
    for forbidden in ["script", "b", "i", "foreignObject", "iframe"] {
        assert!(
            !elements.contains(&forbidden),
            "<{forbidden}> got into the SVG"
        );
    }
    assert_eq!(
        doc.descendants().filter(|n| n.has_tag_name("svg")).count(),
        1
    );
    let shown: String = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ");
    // Lines may break inside a long string, so compare without white space.
    let squeezed: String = shown.split_whitespace().collect();
    for literal in [
        "<script>alert('title')</script>",
        "Provider&Sons<Ltd>",
        "</svg><svg",
    ] {
        assert!(
            squeezed.contains(literal),
            "{literal:?} not shown literally in {shown:?}"
        );
    }
    let href = doc
        .descendants()
        .find(|n| n.has_tag_name("a"))
        .and_then(|n| n.attribute("href"))
        .unwrap();
    assert_eq!(
        href,
        "https://example.org/search?q=%22%3E%3Cscript%3E&x=1&y='2'"
    );
    let injected = doc
        .descendants()
        .flat_map(|n| n.attributes())
        .any(|a| a.name().starts_with("on"));
    assert!(!injected, "an event attribute got into the SVG");

    // PDF: the link unchanged, the text extractable as written.
    let bytes = pdf::write(&scene).unwrap();
    let problems = support::pdf::check(&scene, &bytes, &["Provider & Sons <Ltd>"]);
    assert!(problems.is_empty(), "{problems:?}");

    // PNG renders (through the same SVG) without trouble.
    assert!(png::write(
        &scene,
        &png::PngOptions {
            dpi: 30.0,
            small: false,
            ..Default::default()
        }
    )
    .is_ok());
}

#[test]
fn control_characters_are_refused_at_their_position() {
    let text = "title = \"Bell \\u0007 here\"\n[[stage]]\ntitle = \"S\"\n";
    let err = model::parse("bell.toml", text).unwrap_err().to_string();
    assert!(err.contains("bell.toml:1:9: error:"), "{err}");
    assert!(
        err.contains("invisible control character (U+0007)"),
        "{err}"
    );
}
