//! SVG writer: the scene as one standalone SVG document.
//!
//! The viewBox is the page in pt, so scene coordinates are written unchanged. Text stays text
//! (selectable, searchable, read by screen readers) in the scene's faces (a roadmap's own,
//! and Noto Sans), with subsets of the faces embedded as `@font-face` rules so browsers
//! without those fonts draw the same glyphs; links
//! are `<a>` elements around what they show, with their whole area clickable.
//!
//! The same scene always gives the same string: numbers are printed with a fixed precision
//! and nothing depends on the clock, hashing or the machine.

mod fonts;
mod items;
mod markup;
mod runs;

pub(crate) use fonts::font_face;
pub(crate) use runs::family;

use crate::scene::{mark_shape, Item, Scene};
use items::write_items;
use markup::{escape, num};
use std::fmt::Write as _;

/// Options for [`write()`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SvgOptions {
    /// Embed subsets of the page's fonts (Noto Sans, and a roadmap's own) as `@font-face`
    /// rules, so that browsers draw the text in them on machines that lack them; without
    /// them the file is much smaller but the text falls back to another sans-serif where
    /// the fonts are not installed. Default: `true`.
    pub embed_fonts: bool,
}

impl Default for SvgOptions {
    fn default() -> Self {
        Self { embed_fonts: true }
    }
}

/// Ids of the document's title and description, referenced from the root for screen readers.
const TITLE_ID: &str = "waypost-title";
const DESC_ID: &str = "waypost-desc";

/// Writes the scene as an SVG document.
///
/// # Example
///
/// ```
/// use waypost::write::svg::{self, SvgOptions};
///
/// let source = std::fs::read_to_string("examples/sparse.toml")?;
/// let roadmap = waypost::model::parse("sparse.toml", &source)?;
/// let preset = waypost::layout::Preset::builtin("road").expect("built in");
/// let scene = waypost::layout::layout(&roadmap, &preset, &Default::default())?;
/// let small = svg::write(&scene, &SvgOptions { embed_fonts: false });
/// let full = svg::write(&scene, &SvgOptions::default());
/// assert!(full.contains("@font-face") && !small.contains("@font-face"));
/// assert_eq!(full, svg::write(&scene, &SvgOptions::default())); // same scene, same string
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write(scene: &Scene, options: &SvgOptions) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let (w, h) = (num(scene.width), num(scene.height));
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}pt\" height=\"{h}pt\" \
         viewBox=\"0 0 {w} {h}\""
    );
    let meta = &scene.metadata;
    if !meta.language.is_empty() {
        out.push_str(" lang=\"");
        escape(&meta.language, &mut out);
        out.push_str("\" xml:lang=\"");
        escape(&meta.language, &mut out);
        out.push('"');
    }
    // The page is a document to read, not a single image: `img` would hide the links and
    // text inside from assistive technology. `graphics-document` is the SVG-specific role,
    // `document` the fallback for tools that do not know it.
    out.push_str(" role=\"graphics-document document\"");
    let has_title = !meta.title.trim().is_empty();
    let has_desc = !meta.subject.trim().is_empty();
    if has_title {
        let _ = write!(out, " aria-labelledby=\"{TITLE_ID}\"");
    }
    if has_desc {
        let _ = write!(out, " aria-describedby=\"{DESC_ID}\"");
    }
    out.push_str(">\n");
    // Title and description come first: they are the document's accessible name and
    // description, and what a browser shows as the tab title.
    if has_title {
        let _ = write!(out, "<title id=\"{TITLE_ID}\">");
        escape(&meta.title, &mut out);
        out.push_str("</title>\n");
    }
    if has_desc {
        let _ = write!(out, "<desc id=\"{DESC_ID}\">");
        escape(&meta.subject, &mut out);
        out.push_str("</desc>\n");
    }
    if options.embed_fonts {
        if let Some(style) = fonts::style(&scene.items, &scene.faces) {
            out.push_str(&style);
            out.push('\n');
        }
    }
    let _ = writeln!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"{}\"/>",
        scene.background.to_hex()
    );
    write_items(&scene.items, &scene.faces, &mut out);
    if let Some(sheet) = &scene.sheet {
        write_items(&[Item::Shape(mark_shape(sheet))], &scene.faces, &mut out);
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::markup::clean;
    use super::*;
    use crate::scene::{
        Color, Item, Link, Metadata, Path, Point, Rect, Segment, Shape, Stroke, Text, Weight,
    };
    use crate::text::{place, shape, Style, BOLD_TTF, FAMILY, REGULAR_TTF};

    const INK: Color = Color::rgb(0x1d, 0x26, 0x33);

    fn line(text: &str, weight: Weight, size: f32, x: f32, y: f32) -> Item {
        let style = Style::new(crate::text::Fonts::bundled(), weight, size);
        Item::Text(place(shape(text, style), style, Point::new(x, y), INK))
    }

    fn card(x: f32, y: f32, title: &str, url: &str) -> Item {
        let rect = Rect::new(x, y, 180.0, 70.0);
        Item::Link(Link {
            rect,
            url: url.to_string(),
            label: title.to_string(),
            children: vec![
                Item::Shape(Shape {
                    path: Path::rounded_rect(rect, 8.0),
                    fill: Some(Color::rgb(0xff, 0xff, 0xff)),
                    stroke: Some(Stroke {
                        color: Color::rgb(0x2b, 0x6c, 0xb0),
                        width: 1.5,
                        dash: None,
                        round: false,
                    }),
                }),
                line(title, Weight::Bold, 13.0, x + 10.0, y + 24.0),
                line(
                    "£25 – Llanfair ŵ ŷ é",
                    Weight::Regular,
                    11.0,
                    x + 10.0,
                    y + 44.0,
                ),
                line(
                    "3 days  ·  online",
                    Weight::Regular,
                    11.0,
                    x + 10.0,
                    y + 60.0,
                ),
            ],
        })
    }

    /// A small page with the things the writer has to get right: rounded and dashed shapes,
    /// both weights, Welsh and symbols, and links around cards.
    fn sample() -> Scene {
        let mut items = vec![
            Item::Shape(Shape {
                path: Path::rounded_rect(Rect::new(20.0, 20.0, 380.0, 40.0), 6.0),
                fill: Some(Color::rgb(0xdb, 0xe8, 0xf5)),
                stroke: None,
            }),
            line(
                "Roadmap: £25 – Llanfair ŵ ŷ é",
                Weight::Bold,
                18.0,
                30.0,
                46.0,
            ),
            Item::Shape(Shape {
                path: Path {
                    segments: vec![
                        Segment::MoveTo(Point::new(30.0, 80.0)),
                        Segment::LineTo(Point::new(390.0, 80.0)),
                    ],
                },
                fill: None,
                stroke: Some(Stroke {
                    color: Color::rgb(0x88, 0x88, 0x88),
                    width: 2.0,
                    dash: Some((4.0, 3.0)),
                    round: true,
                }),
            }),
            Item::Shape(Shape {
                path: Path::circle(Point::new(30.0, 110.0), 6.0),
                fill: Some(Color::rgb(0xc0, 0x39, 0x2b)),
                stroke: None,
            }),
        ];
        items.push(card(
            20.0,
            130.0,
            "Food Hygiene Level 2",
            "https://example.org/a?x=1&y=2",
        ));
        items.push(card(
            215.0,
            130.0,
            "AVATAR Wa To",
            "mailto:hello@example.org",
        ));
        items.push(line(
            "Regular text with  two spaces, fi ffi “quotes”",
            Weight::Regular,
            10.0,
            30.0,
            230.0,
        ));
        Scene {
            width: 420.0,
            height: 250.0,
            background: Color::rgb(0xf7, 0xf4, 0xee),
            frame: Rect::new(0.0, 0.0, 420.0, 250.0),
            items,
            metadata: Metadata {
                title: "Training roadmap".to_string(),
                subject: "What to learn, in order".to_string(),
                author: "waypost".to_string(),
                language: "en-GB".to_string(),
                date: None,
            },
            sheet: None,
            faces: crate::text::Fonts::bundled().scene_faces(),
        }
    }

    /// A page of twelve linked cards, about the size of a real roadmap.
    fn twelve_cards() -> Scene {
        let mut scene = sample();
        scene.width = 595.28;
        scene.height = 841.89;
        scene.items.clear();
        let titles = [
            "Food Hygiene Level 2",
            "Allergen Awareness",
            "Barista Skills",
            "Customer Service",
            "Health and Safety",
            "First Aid at Work",
            "Welsh Language Basics",
            "Manual Handling",
            "Fire Safety Awareness",
            "Licensing for Bars",
            "Team Leadership",
            "Stock Control",
        ];
        for (i, title) in titles.iter().enumerate() {
            let (col, row) = ((i % 3) as f32, (i / 3) as f32);
            scene.items.push(card(
                15.0 + col * 190.0,
                60.0 + row * 90.0,
                title,
                &format!("https://example.org/offers/{i}"),
            ));
        }
        scene
    }

    fn parse(svg: &str) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}\n{svg}"))
    }

    fn usvg_options() -> usvg::Options<'static> {
        let mut options = usvg::Options::default();
        let db = options.fontdb_mut();
        db.load_font_data(REGULAR_TTF.to_vec());
        db.load_font_data(BOLD_TTF.to_vec());
        db.set_sans_serif_family(FAMILY);
        options
    }

    /// The SVG drawn by resvg with only the bundled fonts, at `dpi`.
    fn render(svg: &str, dpi: f32) -> tiny_skia::Pixmap {
        let tree = usvg::Tree::from_str(svg, &usvg_options()).expect("usvg parses");
        let scale = dpi / 96.0;
        let size = tree.size().to_int_size().scale_by(scale).unwrap();
        let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        pixmap
    }

    #[test]
    fn document_parses_and_starts_with_title_and_desc() {
        let svg = write(&sample(), &SvgOptions::default());
        let doc = parse(&svg);
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.attribute("viewBox"), Some("0 0 420 250"));
        assert_eq!(root.attribute("width"), Some("420pt"));
        assert_eq!(root.attribute("height"), Some("250pt"));
        assert_eq!(root.attribute("lang"), Some("en-GB"));
        let children: Vec<_> = root.children().filter(|n| n.is_element()).collect();
        assert_eq!(children[0].tag_name().name(), "title");
        assert_eq!(children[0].text(), Some("Training roadmap"));
        assert_eq!(children[1].tag_name().name(), "desc");
        assert_eq!(children[1].text(), Some("What to learn, in order"));
        let texts: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .collect();
        assert_eq!(texts.len(), 8);
        assert_eq!(texts[0].text(), Some("Roadmap: £25 – Llanfair ŵ ŷ é"));
        assert_eq!(texts[0].attribute("font-weight"), Some("700"));
        assert_eq!(texts[0].attribute("font-size"), Some("18"));
        let family = texts[0].attribute("font-family").unwrap();
        assert!(family.starts_with(&format!("'{FAMILY}'")) && family.ends_with("sans-serif"));
        // Runs of spaces survive.
        assert!(texts
            .iter()
            .any(|t| t.text() == Some("Regular text with  two spaces, fi ffi “quotes”")));
        let dashed = doc
            .descendants()
            .find(|n| n.attribute("stroke-dasharray").is_some())
            .unwrap();
        assert_eq!(dashed.attribute("stroke-dasharray"), Some("4 3"));
        assert_eq!(dashed.attribute("stroke-linecap"), Some("round"));
        assert_eq!(dashed.attribute("fill"), Some("none"));
    }

    #[test]
    fn hostile_text_is_escaped() {
        let hostile = "<script>alert('x')</script> & \"q\" ]]> <![CDATA[ \u{0}\u{7}\u{1b}\u{7f}\u{85}\u{FFFE}\u{FFFF}\tend\r\n";
        let mut scene = sample();
        scene.metadata.title = hostile.to_string();
        scene.metadata.subject = hostile.to_string();
        scene.metadata.language = "en\"><script>".to_string();
        scene
            .items
            .push(line(hostile, Weight::Regular, 10.0, 10.0, 10.0));
        scene.items.push(Item::Link(Link {
            rect: Rect::new(0.0, 0.0, 10.0, 10.0),
            url: "https://example.org/?a=1&b=\"2\"<x>".to_string(),
            label: hostile.to_string(),
            children: vec![line(hostile, Weight::Bold, 10.0, 10.0, 10.0)],
        }));
        let svg = write(&scene, &SvgOptions::default());
        let doc = parse(&svg);
        assert!(!svg.contains("<script"), "markup leaked");
        assert!(!svg.contains("]]>"));
        assert!(!svg.chars().any(|c| c.is_control() && c != '\n'));
        let expected = "<script>alert('x')</script> & \"q\" ]]> <![CDATA[  end  ";
        let texts: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text") && n.text() == Some(expected))
            .collect();
        assert_eq!(texts.len(), 2, "text content did not round-trip");
        let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
        assert_eq!(title.text(), Some(expected));
        let link = doc.descendants().rfind(|n| n.has_tag_name("a")).unwrap();
        assert_eq!(
            link.attribute("href"),
            Some("https://example.org/?a=1&b=\"2\"<x>")
        );
        assert_eq!(doc.root_element().attribute("lang"), Some("en\"><script>"));
        // usvg still reads it and draws the page.
        render(&svg, 24.0);
    }

    #[test]
    fn each_link_wraps_its_children_and_names_its_url_once() {
        let scene = twelve_cards();
        let svg = write(&scene, &SvgOptions::default());
        let doc = parse(&svg);
        let links: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("a")).collect();
        assert_eq!(links.len(), 12);
        for (i, link) in links.iter().enumerate() {
            let url = format!("https://example.org/offers/{i}");
            assert_eq!(link.attribute("href"), Some(url.as_str()));
            assert_eq!(svg.matches(&format!("\"{url}\"")).count(), 1);
            let kids: Vec<_> = link.children().filter(|n| n.is_element()).collect();
            assert_eq!(kids[0].tag_name().name(), "title");
            // The hit area covers the card, the card's text is inside the link.
            assert_eq!(kids[1].tag_name().name(), "rect");
            assert_eq!(kids[1].attribute("pointer-events"), Some("all"));
            assert_eq!(kids[1].attribute("width"), Some("180"));
            assert_eq!(
                link.descendants()
                    .filter(|n| n.has_tag_name("text"))
                    .count(),
                3
            );
        }
    }

    #[test]
    fn same_scene_same_string() {
        let a = write(&twelve_cards(), &SvgOptions::default());
        let b = write(&twelve_cards().clone(), &SvgOptions::default());
        assert_eq!(a, b);
        let options = SvgOptions { embed_fonts: false };
        assert_eq!(write(&sample(), &options), write(&sample(), &options));
    }

    #[test]
    fn fonts_are_embedded_only_when_asked() {
        let scene = twelve_cards();
        let with = write(&scene, &SvgOptions::default());
        let without = write(&scene, &SvgOptions { embed_fonts: false });
        assert_eq!(with.matches("@font-face").count(), 2);
        assert_eq!(with.matches("data:font/ttf;base64,").count(), 2);
        assert!(!without.contains("@font-face"));
        assert!(!without.contains("<style"));
        // Subsets, not whole faces (each of those is over 500 KB).
        assert!(with.len() < 100_000, "{} bytes", with.len());
        // Only the faces used: a page of regular text carries one.
        let mut plain = sample();
        plain.items = vec![line("only regular", Weight::Regular, 10.0, 0.0, 20.0)];
        let svg = write(&plain, &SvgOptions::default());
        assert_eq!(svg.matches("@font-face").count(), 1);
        assert!(svg.contains("font-weight:400"));
    }

    #[test]
    fn empty_and_odd_scenes_stay_well_formed() {
        let mut scene = sample();
        scene.metadata = Metadata::default();
        scene.items.push(Item::Shape(Shape {
            path: Path::default(),
            fill: Some(INK),
            stroke: None,
        }));
        scene.items.push(Item::Shape(Shape {
            path: Path {
                segments: vec![
                    Segment::LineTo(Point::new(f32::NAN, 1.0)),
                    Segment::Close,
                    Segment::CubicTo(
                        Point::new(1.0, 1.0),
                        Point::new(2.0, 2.0),
                        Point::new(3.0, 3.0),
                    ),
                ],
            },
            fill: Some(INK),
            stroke: None,
        }));
        scene.items.push(line("", Weight::Bold, 10.0, 0.0, 0.0));
        let svg = write(&scene, &SvgOptions::default());
        parse(&svg);
        assert!(!svg.contains("<title id=") && !svg.contains("<desc"));
        assert!(!svg.contains("d=\"\""));
        // After Z the pen is back at the subpath start, so the curve needs no new move.
        assert!(svg.contains("d=\"M0 1L0 1ZC1 1 2 2 3 3\""));
        render(&svg, 24.0);
    }

    #[test]
    fn resvg_places_glyphs_where_the_layout_did() {
        // usvg shapes the SVG's text itself; its glyphs must land where the scene put them,
        // or the PNG would disagree with the layout (and with the PDF).
        let scene = sample();
        let svg = write(&scene, &SvgOptions::default());
        let tree = usvg::Tree::from_str(&svg, &usvg_options()).unwrap();
        let mut drawn = Vec::new();
        collect_text(tree.root(), &mut drawn);
        let mut expected = Vec::new();
        collect_scene_text(&scene.items, &mut expected);
        assert_eq!(drawn.len(), expected.len(), "usvg dropped text");
        for (glyphs, text) in drawn.iter().zip(&expected) {
            assert_eq!(glyphs.len(), text.glyphs.len(), "{:?}", text.text);
            let mut pen = text.origin.x;
            for ((id, x, y), glyph) in glyphs.iter().zip(&text.glyphs) {
                assert_eq!(*id, u32::from(glyph.id), "{:?}", text.text);
                assert!(
                    (x - (pen + glyph.x_offset)).abs() < 0.01,
                    "{:?}: {x} vs {pen}",
                    text.text
                );
                assert!((y - text.origin.y).abs() < 0.01);
                pen += glyph.advance;
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Any text, in either weight, in a link or not: no panic, well-formed XML, and the
        /// text reads back as written less the characters XML cannot hold.
        #[test]
        fn any_text_stays_well_formed(
            text in proptest::prop_oneof![
                proptest::prelude::any::<String>(),
                "[ -~\u{a0}-\u{24f}\u{2010}-\u{20ac}\t\n]{0,60}",
            ],
            bold in proptest::prelude::any::<bool>(),
        ) {
            let weight = if bold { Weight::Bold } else { Weight::Regular };
            let mut scene = sample();
            scene.metadata.title = text.clone();
            scene.items = vec![
                line(&text, weight, 10.0, 5.0, 20.0),
                Item::Link(Link {
                    rect: Rect::new(0.0, 0.0, 50.0, 50.0),
                    url: text.clone(),
                    label: text.clone(),
                    children: vec![line(&text, weight, 10.0, 5.0, 40.0)],
                }),
            ];
            let svg = write(&scene, &SvgOptions::default());
            let doc = parse(&svg);
            let expected: String = text.chars().filter_map(clean).collect();
            let texts: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("text")).collect();
            if expected.is_empty() {
                proptest::prop_assert_eq!(texts.len(), 0);
            } else {
                proptest::prop_assert_eq!(texts.len(), 2);
                for t in texts {
                    proptest::prop_assert_eq!(t.text(), Some(expected.as_str()));
                }
            }
        }
    }

    fn collect_text(group: &usvg::Group, out: &mut Vec<Vec<(u32, f32, f32)>>) {
        for node in group.children() {
            match node {
                usvg::Node::Group(g) => collect_text(g, out),
                usvg::Node::Text(text) => {
                    let glyphs = text
                        .layouted()
                        .iter()
                        .flat_map(|span| &span.positioned_glyphs)
                        .map(|g| {
                            let ts = g.transform();
                            (g.id.0, ts.tx, ts.ty)
                        })
                        .collect();
                    out.push(glyphs);
                }
                _ => {}
            }
        }
    }

    fn collect_scene_text<'a>(items: &'a [Item], out: &mut Vec<&'a Text>) {
        for item in items {
            match item {
                Item::Text(t) => out.push(t),
                Item::Link(l) => collect_scene_text(&l.children, out),
                Item::Shape(_) | Item::Qr(_) | Item::Image(_) => {}
            }
        }
    }

    /// Writes the sample pages as SVG (with and without fonts) and as PNGs drawn by resvg at
    /// 96 dpi, for `tests/browser/compare.sh`:
    /// `WAYPOST_DEMO_DIR=/tmp/demo cargo test --lib write::svg -- --ignored`.
    #[test]
    #[ignore = "writes files; run by hand for the browser comparison"]
    fn write_demo_files() {
        let Ok(dir) = std::env::var("WAYPOST_DEMO_DIR") else {
            return;
        };
        let dir = std::path::Path::new(&dir);
        std::fs::create_dir_all(dir).unwrap();
        for (name, scene) in [("sample", sample()), ("cards", twelve_cards())] {
            let start = std::time::Instant::now();
            let svg = write(&scene, &SvgOptions::default());
            let took = start.elapsed();
            let bare = write(&scene, &SvgOptions { embed_fonts: false });
            std::fs::write(dir.join(format!("{name}.svg")), &svg).unwrap();
            std::fs::write(dir.join(format!("{name}-nofonts.svg")), &bare).unwrap();
            let png = render(&svg, 96.0).encode_png().unwrap();
            std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
            println!(
                "{name}: {} bytes with fonts ({took:?}), {} without",
                svg.len(),
                bare.len()
            );
        }
    }
}
