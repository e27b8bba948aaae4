//! Logos: where the layout puts them, how each format carries them and names them for
//! readers who cannot see them, and every hostile image refused at its line.

mod support;

use std::path::Path;
use waypost::layout::{layout, LayoutOptions, Preset};
use waypost::model::{self, Assets, Roadmap};
use waypost::scene::{Item, Picture, Role, Scene};
use waypost::write::html::{self, HtmlOptions};
use waypost::write::svg::{self, SvgOptions};

fn branded() -> Roadmap {
    support::parse_file(&support::root().join("examples/branded/branded.toml"))
}

fn pictures(scene: &Scene) -> Vec<&Picture> {
    (scene.flatten().into_iter())
        .filter_map(|item| match item {
            Item::Image(picture) => Some(picture),
            _ => None,
        })
        .collect()
}

fn scene(roadmap: &Roadmap, preset: &str) -> Scene {
    let preset = Preset::builtin(preset).unwrap();
    layout(roadmap, &preset, &LayoutOptions::default()).unwrap()
}

#[test]
fn each_logo_stands_where_its_place_says_in_every_preset() {
    let roadmap = branded();
    for preset in model::LAYOUTS {
        let scene = scene(&roadmap, preset);
        let frame = scene.frame;
        let all = pictures(&scene);
        assert_eq!(all.len(), 3, "{preset}");
        let title = (scene.flatten().into_iter())
            .filter_map(|item| match item {
                Item::Text(t) if t.role == Role::Title => Some(t.bounds()),
                _ => None,
            })
            .reduce(|a, b| a.union(&b))
            .unwrap();
        // The header's logo stands beside the title, on the frame's right edge and level
        // with the title's top.
        let header = all[0];
        assert_eq!(header.role, Role::Title);
        assert_eq!(header.alt.as_deref(), Some("Northfield Health Partnership"));
        assert!(
            (header.rect.right() - frame.right()).abs() < 0.01,
            "{preset}"
        );
        assert!((header.rect.y - frame.y).abs() < 0.01, "{preset}");
        assert!(
            header.rect.x > title.right(),
            "{preset}: the logo is on the title"
        );
        // The footer's stand in a row on the footer's band, in the order given, one gap
        // apart, below everything else.
        let (funder, network) = (all[1], all[2]);
        assert_eq!((funder.role, network.role), (Role::Footer, Role::Footer));
        assert!((funder.rect.x - frame.x).abs() < 0.01, "{preset}");
        assert!(network.rect.x > funder.rect.right(), "{preset}");
        assert_eq!(funder.rect.bottom(), network.rect.bottom(), "{preset}");
        let body_bottom = (scene.flatten().into_iter())
            .filter_map(|item| match item {
                Item::Link(link) if link.label.contains("community") => Some(link.rect.bottom()),
                _ => None,
            })
            .fold(0.0, f32::max);
        assert!(
            funder.rect.y > body_bottom,
            "{preset}: the strip is not under the cards"
        );
        // Heights from the preset: 14 mm in the header, and in the footer the header's
        // less about a fifth, 11 mm, so partners' logos keep their optical weight.
        assert!((header.rect.height - 14.0 * 72.0 / 25.4).abs() < 0.01);
        assert!((funder.rect.height - 11.0 * 72.0 / 25.4).abs() < 0.01);
        let report = waypost::preflight::inspect(&roadmap, &scene);
        assert!(report.is_clean(), "{preset}: {report}");
    }
}

#[test]
fn a_logo_too_wide_to_stand_beside_the_title_takes_a_row_above_it() {
    let path = support::root().join("examples/branded/branded.toml");
    let text = std::fs::read_to_string(&path).unwrap().replacen(
        "place = \"header\"",
        "place = \"header\"\nheight = 40",
        1,
    );
    let roadmap = parse_in(&path, &text).unwrap();
    let scene = scene(&roadmap, "road");
    let logo = pictures(&scene)[0];
    let title_top = (scene.flatten().into_iter())
        .find_map(|item| match item {
            Item::Text(t) if t.role == Role::Title => Some(t.bounds().y),
            _ => None,
        })
        .unwrap();
    assert!((logo.rect.x - scene.frame.x).abs() < 0.01);
    assert!(
        logo.rect.bottom() < title_top,
        "the title is not under the logo"
    );
}

/// Parses `text` as if it were the file at `path`, with the files it names from its folder.
fn parse_in(path: &Path, text: &str) -> waypost::Result<Roadmap> {
    let folder = path.parent().unwrap();
    let mut assets = Assets::new();
    for named in model::assets_named(text) {
        if let Ok(bytes) = std::fs::read(folder.join(&named.path)) {
            assets.insert(named.path.clone(), bytes);
        }
    }
    model::parse_with("r.toml", text, &assets)
}

#[test]
fn the_svg_carries_each_logo_with_its_name_and_nothing_else() {
    let roadmap = branded();
    let scene = scene(&roadmap, "road");
    let text = svg::write(&scene, &SvgOptions::default());
    let doc = roxmltree::Document::parse(&text).expect("well-formed");
    let named: Vec<(String, String)> = (doc.descendants())
        .filter(|n| n.has_tag_name("svg") && n.attribute("role") == Some("img"))
        .map(|n| {
            let title = n.children().find(|c| c.has_tag_name("title")).unwrap();
            (
                n.attribute("aria-label").unwrap().to_string(),
                title.text().unwrap().to_string(),
            )
        })
        .collect();
    let alts = [
        "Northfield Health Partnership",
        "Funded by the Open Research Fund",
        "Link Worker Network",
    ];
    assert_eq!(named.len(), 3);
    for ((label, title), alt) in named.iter().zip(alts) {
        assert_eq!((label.as_str(), title.as_str()), (alt, alt));
    }
    // The vector logos stay vectors; the raster is an image of its own bytes.
    let images: Vec<&str> = (doc.descendants())
        .filter(|n| n.has_tag_name("image"))
        .map(|n| n.attribute("href").unwrap())
        .collect();
    assert_eq!(images.len(), 1);
    assert!(images[0].starts_with("data:image/png;base64,"));
    // The header logo is a link, and its position is the scene's.
    let link = (doc.descendants())
        .find(|n| {
            n.has_tag_name("a") && n.attribute("href") == Some("https://example.org/northfield")
        })
        .expect("the logo's link");
    let nested = link.descendants().find(|n| n.has_tag_name("svg")).unwrap();
    let rect = pictures(&scene)[0].rect;
    let x: f32 = nested.attribute("x").unwrap().parse().unwrap();
    assert!((x - rect.x).abs() < 0.01);
    // Each logo's ids carry its own prefix, so no two drawings share one.
    let ids: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("id"))
        .collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    assert!(ids.iter().any(|id| id.starts_with("logo1-")), "{ids:?}");
}

#[test]
fn the_html_names_each_logo_and_skips_a_decorative_one() {
    let path = support::root().join("examples/branded/branded.toml");
    let text = std::fs::read_to_string(&path).unwrap().replacen(
        "alt = \"Link Worker Network\"",
        "decorative = true",
        1,
    );
    let roadmap = parse_in(&path, &text).unwrap();
    let scene = scene(&roadmap, "road");
    let page = html::write(&roadmap, &scene, &HtmlOptions { figure: false });
    let header = &page[page.find("<header>").unwrap()..page.find("</header>").unwrap()];
    assert!(header.contains(
        "<a href=\"https://example.org/northfield\"><img src=\"data:image/svg+xml;base64,"
    ));
    assert!(header.contains("alt=\"Northfield Health Partnership\""));
    let footer = &page[page.find("<footer>").unwrap()..page.find("</footer>").unwrap()];
    assert!(footer.contains("alt=\"Funded by the Open Research Fund\""));
    assert!(footer.contains("<img src=\"data:image/png;base64,") && footer.contains("alt=\"\""));
    // In SVG, a decorative logo is hidden from screen readers.
    let drawn = svg::write(&scene, &SvgOptions::default());
    assert_eq!(drawn.matches("aria-hidden=\"true\"><image").count(), 1);
}

#[cfg(feature = "png")]
#[test]
fn the_png_draws_each_logo_in_its_box() {
    use waypost::write::png::{self, PngOptions};
    let roadmap = branded();
    let scene = scene(&roadmap, "road");
    let dpi = 96.0;
    let bytes = png::write(
        &scene,
        &PngOptions {
            dpi,
            ..Default::default()
        },
    )
    .unwrap();
    let image = support::image::Image::decode(&bytes).unwrap();
    let px = |x: f32, y: f32| {
        let at = (((y * dpi / 72.0) as u32 * image.width + (x * dpi / 72.0) as u32) * 3) as usize;
        [image.rgb[at], image.rgb[at + 1], image.rgb[at + 2]]
    };
    let all = pictures(&scene);
    // The header mark's tile is dark blue (#0a6eb4 to #003d73) near its corner (12, 14 of
    // 260 × 68).
    let r = all[0].rect;
    let [red, green, blue] = px(r.x + r.width * 12.0 / 260.0, r.y + r.height * 14.0 / 68.0);
    assert!(
        blue > 90 && red < 40 && green < 110,
        "header mark: {red} {green} {blue}"
    );
    // The network's first dot is teal (#00746b) at (18, 28) of 220 × 56; a transparent
    // corner of the PNG shows the page.
    let r = all[2].rect;
    let [red, green, blue] = px(r.x + r.width * 18.0 / 220.0, r.y + r.height * 28.0 / 56.0);
    assert!(
        red < 40 && green > 90 && blue > 80,
        "network dot: {red} {green} {blue}"
    );
    let corner = px(r.x + 1.0, r.y + 1.0);
    let page = scene.background;
    assert_eq!(corner, [page.r, page.g, page.b]);
}

/// The roadmap of one logo, the file given with `bytes`.
fn with_logo(file: &str, bytes: &[u8], extra: &str) -> Result<Roadmap, String> {
    let text = format!(
        "title = \"T\"\n\n[[logo]]\nfile = \"{file}\"\nalt = \"A\"\n{extra}\n[[stage]]\ntitle = \"S\"\n"
    );
    let mut assets = Assets::new();
    assets.insert(file, bytes.to_vec());
    model::parse_with("r.toml", &text, &assets).map_err(|e| e.to_string())
}

fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend(13_u32.to_be_bytes());
    bytes.extend(b"IHDR");
    bytes.extend(width.to_be_bytes());
    bytes.extend(height.to_be_bytes());
    bytes.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    bytes
}

#[test]
fn hostile_images_are_refused_at_their_line() {
    let svg = |body: &str| format!("<svg xmlns='http://www.w3.org/2000/svg'>{body}</svg>");
    let deep = svg(&format!(
        "{}<rect width='1' height='1'/>{}",
        "<g>".repeat(5000),
        "</g>".repeat(5000)
    ));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("big.png", vec![0; model::MAX_ASSET + 1], "may be at most 10 MB"),
        // A header that claims 100 megapixels, with no pixels behind it: refused from the
        // header, before any decoding would find the data missing.
        ("huge.png", png_header(10_000, 10_000), "100 megapixels"),
        (
            "entities.svg",
            b"<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;'>]><svg xmlns='http://www.w3.org/2000/svg'>&b;</svg>".to_vec(),
            "document type declaration",
        ),
        ("deep.svg", deep.into_bytes(), "nests its elements more than 64 deep"),
        ("broken.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><g></svg>".to_vec(), "not well-formed XML"),
        (
            "outside.svg",
            svg("<use href='https://example.org/x.svg#a'/>").into_bytes(),
            "refers to something outside itself",
        ),
        (
            "styled.svg",
            svg("<rect width='1' height='1' style='fill:url(https://example.org/p.svg#x)'/>").into_bytes(),
            "refers to something outside itself",
        ),
        ("script.svg", svg("<image href='data:image/png;base64,AAAA'/>").into_bytes(), "<image>"),
        ("words.svg", svg("<text>Trust</text>").into_bytes(), "has text in it"),
        ("mislabelled.svg", png_header(10, 10), "is a PNG image, but its name says SVG"),
        ("photo.jpg", png_header(10, 10), "is a PNG image, but its name says JPEG"),
        ("logo.gif", b"GIF89a".to_vec(), "is not an SVG, PNG or JPEG file"),
        ("empty.svg", svg("").into_bytes(), "draws nothing"),
    ];
    for (file, bytes, expected) in cases {
        let error = with_logo(file, &bytes, "").expect_err(file);
        assert!(error.starts_with("r.toml:4:8: error:"), "{file}: {error}");
        assert!(error.contains(expected), "{file}: {error}");
    }
}

/// A JPEG is decoded when the roadmap is read, as a PNG is: what does not decode, or is
/// coded in a way not every writer shows, is refused at its line instead of being drawn
/// blank in the PNG and embedded as broken data in the PDF.
#[test]
fn jpegs_that_not_every_writer_shows_are_refused_at_their_line() {
    // A baseline RGB JPEG of 16 × 16 pixels; its frame header (SOF0) starts at byte 158.
    let good: &[u8] = include_bytes!("../src/write/pdf/testdata/red-blue-16x16.jpg");
    let progressive: &[u8] =
        include_bytes!("../src/write/pdf/testdata/red-blue-progressive-16x16.jpg");
    const SOF: usize = 158;
    let with = |at: usize, replaced: &[u8]| {
        let mut bytes = good.to_vec();
        bytes[at..at + replaced.len()].copy_from_slice(replaced);
        bytes
    };
    let header = &good[SOF..SOF + 19];
    let cases = [
        (
            good[..200].to_vec(),
            "the JPEG file is damaged: it ends early",
        ),
        (
            good[..good.len() - 20].to_vec(),
            "the JPEG file is damaged: it ends early",
        ),
        (with(SOF + 1, &[0xc9]), "arithmetic coding (SOF9)"),
        (with(SOF + 1, &[0xc3]), "lossless coding (SOF3)"),
        (with(SOF + 1, &[0xc5]), "hierarchical coding (SOF5)"),
        (
            [&good[..SOF], header, &good[SOF..]].concat(),
            "it has 2 frame headers",
        ),
        (with(SOF + 4, &[12]), "the JPEG has 12 bits a sample"),
        // Without its quantisation tables (bytes 20 to 157), which only decoding misses.
        (
            [&good[..20], &good[SOF..]].concat(),
            "the JPEG file is damaged: ",
        ),
        (
            with(SOF + 5, &[0x1b, 0x58, 0x1b, 0x58]),
            "too little image data for 7000 × 7000 pixels",
        ),
    ];
    for (bytes, expected) in cases {
        let error = with_logo("photo.jpg", &bytes, "").expect_err(expected);
        assert!(
            error.starts_with("r.toml:4:8: error:"),
            "{expected}: {error}"
        );
        assert!(error.contains(expected), "{expected}: {error}");
    }
    for fine in [good, progressive] {
        let roadmap = with_logo("photo.jpg", fine, "").unwrap();
        assert_eq!(roadmap.logos[0].image.width, 16.0);
    }
}

/// A few hundred bytes of filters take the PNG writer minutes and gigabytes, a browser as
/// long, and the PDF cannot draw them: every way of giving one is refused at its line.
#[test]
fn filter_effects_are_refused_at_their_line() {
    let svg = |body: &str| {
        format!(
            "<svg xmlns='http://www.w3.org/2000/svg' width='100' height='100'>{body}\
             <rect width='100' height='100'/></svg>"
        )
        .into_bytes()
    };
    let cases = [
        (
            "<filter id='f'><feTurbulence baseFrequency='0.05' numOctaves='100000'/></filter>",
            "(<filter>)",
        ),
        (
            "<feGaussianBlur stdDeviation='3000'/>",
            "(<feGaussianBlur>)",
        ),
        ("<g filter='url(#f)'/>", "(filter=\"url(#f)\")"),
        (
            "<g style='fill: red; filter: blur(3000px)'/>",
            "(filter: blur(3000px))",
        ),
        (
            "<style>rect { filter: drop-shadow(0 0 9px red) }</style>",
            "(filter: drop-shadow(0 0 9px red))",
        ),
    ];
    for (body, found) in cases {
        let error = with_logo("effect.svg", &svg(body), "").expect_err(body);
        assert!(error.starts_with("r.toml:4:8: error:"), "{body}: {error}");
        let expected = format!("the SVG has a filter effect {found}");
        assert!(error.contains(&expected), "{body}: {error}");
        assert!(
            error.contains(
                "save the logo without effects (filters), e.g. export it as plain shapes"
            ),
            "{error}"
        );
    }
    for none in ["<g filter='none'/>", "<g style='filter:none'/>"] {
        assert!(with_logo("plain.svg", &svg(none), "").is_ok(), "{none}");
    }
}

/// Masks, clip paths, patterns and markers are drawn anew wherever they are used: a few
/// hundred bytes of them using one another made usvg overflow its stack, or take minutes
/// and gigabytes. Such references are refused at their line, wherever they are written.
#[test]
fn references_that_circle_or_multiply_are_refused_at_their_line() {
    let svg = |body: String| {
        format!("<svg xmlns='http://www.w3.org/2000/svg' width='100' height='100'>{body}</svg>")
            .into_bytes()
    };
    // `count` masks of two shapes that each use mask `next(i)`, as `uses` says, a last
    // mask of one plain shape, and a shape that uses the first.
    let masks = |count: usize, next: &dyn Fn(usize) -> usize, uses: &str| {
        let masks: String = (0..count)
            .map(|i| {
                let uses = uses.replace("{}", &next(i).to_string());
                let shape = format!("<rect width='100' height='100' fill='white' {uses}/>");
                format!("<mask id='m{i}'>{shape}{shape}</mask>")
            })
            .collect();
        format!(
            "{masks}<mask id='m{count}'><rect width='9' height='9' fill='white'/></mask>\
             <rect width='100' height='100' mask='url(#m0)'/>"
        )
    };
    let circle = "refer to one another in a circle (through #m0)";
    let many = "into more than 200000 elements";
    let corners: String = (0..2000).map(|i| format!("{i} {i} ")).collect();
    let patterns: String = (0..18)
        .map(|i| {
            let shape = format!("<rect width='1' height='1' fill='url(#p{})'/>", i + 1);
            format!("<pattern id='p{i}' width='1' height='1'>{shape}{shape}</pattern>")
        })
        .collect();
    let rules: String = (0..200).map(|i| format!(".c{i} {{ fill: red }}")).collect();
    let cases = [
        // Three masks, each using the next, the last the first.
        (svg(masks(3, &|i| (i + 1) % 3, "mask='url(#m{})'")), circle),
        // The same circle through a style, and through the style sheet's classes.
        (
            svg(masks(3, &|i| (i + 1) % 3, "style='mask: url(#m{})'")),
            circle,
        ),
        (
            svg(format!(
                "<style>.c0 {{ mask: url(#m0) }} g > .c1, .c2 {{ mask: url(#m2) }} \
                 mask > .c1 {{ mask: url(#m1) }}</style>{}",
                masks(3, &|i| (i + 1) % 3, "class='c{}'")
            )),
            circle,
        ),
        // Seven masks, each inside the one before.
        (
            svg(masks(6, &|i| i + 1, "mask='url(#m{})'")),
            "uses masks inside masks more than 6 deep",
        ),
        // A marker of 100 shapes at each of 2,000 corners.
        (
            svg(format!(
                "<marker id='k'>{}</marker><polyline points='{corners}' stroke='black' \
                 marker-mid='url(#k)'/>",
                "<rect width='1' height='1'/>".repeat(100)
            )),
            many,
        ),
        // Patterns of two shapes, each filled with the next pattern, 18 deep: 2¹⁸ shapes.
        (
            svg(format!(
                "{patterns}<pattern id='p18' width='1' height='1'><rect width='1' \
                 height='1'/></pattern><rect width='100' height='100' fill='url(#p0)'/>"
            )),
            many,
        ),
        // A pattern of 100 shapes filling a group of 2,100, each of which inherits it.
        (
            svg(format!(
                "<pattern id='p' width='9' height='9'>{}</pattern><g fill='url(#p)'>{}</g>",
                "<rect width='1' height='1'/>".repeat(100),
                "<rect width='10' height='10'/>".repeat(2100)
            )),
            many,
        ),
        // The same pattern filling a copy of a group of 2,100 shapes.
        (
            svg(format!(
                "<pattern id='p' width='9' height='9'>{}</pattern><defs><g id='g'>{}</g></defs>\
                 <use href='#g' fill='url(#p)'/>",
                "<rect width='1' height='1'/>".repeat(100),
                "<rect width='10' height='10'/>".repeat(2100)
            )),
            many,
        ),
        // Copies of copies: 21 × 10 × 10 copies of 100 shapes.
        (
            svg(format!(
                "<g id='u0'>{}</g><g id='u1'>{}</g><g id='u2'>{}</g>{}",
                "<rect width='1' height='1'/>".repeat(100),
                "<use href='#u0'/>".repeat(10),
                "<use href='#u1'/>".repeat(10),
                "<use href='#u2'/>".repeat(21)
            )),
            many,
        ),
        // 200 rules over 60,000 elements.
        (
            svg(format!(
                "<style>{rules}</style>{}",
                "<rect class='c1' width='1' height='1'/>".repeat(60_000)
            )),
            "style sheet has 200 rules for 60002 elements",
        ),
    ];
    for (bytes, expected) in cases {
        let error = with_logo("refers.svg", &bytes, "").expect_err(expected);
        assert!(
            error.starts_with("r.toml:4:8: error:"),
            "{expected}: {error}"
        );
        assert!(error.contains(expected), "{expected}: {error}");
    }
    // Six masks each inside the one before, a marker on a short line and a
    // pattern on a few shapes are drawing a logo may hold.
    let fine = [
        svg(masks(5, &|i| i + 1, "mask='url(#m{})'")),
        svg(format!(
            "<clipPath id='c'><rect width='50' height='50'/></clipPath>\
             <marker id='k'><path d='M0 0h2v2z'/></marker>\
             <pattern id='p' width='4' height='4' patternUnits='userSpaceOnUse'>\
             <rect width='2' height='2' clip-path='url(#c)'/></pattern>\
             <polyline points='{}' stroke='black' marker-mid='url(#k)' clip-path='url(#c)'/>\
             <g fill='url(#p)'>{}</g>",
            &corners[..60],
            "<rect width='10' height='10'/>".repeat(50)
        )),
    ];
    for bytes in fine {
        with_logo("fine.svg", &bytes, "").expect("a drawing a logo may hold");
    }
}

/// resvg draws a see-through, clipped or masked group into a picture the size of all it
/// holds, and a pattern into a tile of its size: a 250-byte logo with one shape far larger
/// than itself in such a group took the PNG writer 23 seconds and 1.9 GB, and a pattern
/// tile as large could not be allocated at all. Refused at the line, in any of them.
#[test]
fn drawing_far_outside_the_logo_in_a_group_of_its_own_is_refused_at_its_line() {
    let svg = |body: &str| {
        format!("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 100 100'>{body}</svg>")
            .into_bytes()
    };
    let vast = "x='-1e5' y='-1e5' width='2e5' height='2e5'";
    let cases = [
        format!("<g opacity='0.5'><rect {vast}/></g>"),
        format!("<g style='mix-blend-mode: multiply'><rect {vast}/></g>"),
        format!(
            "<mask id='m'><rect width='100' height='100' fill='white'/></mask>\
             <rect {vast} mask='url(#m)'/>"
        ),
        format!(
            "<clipPath id='c'><rect {vast}/><circle r='9'/></clipPath>\
             <g clip-path='url(#c)'><rect {vast}/></g>"
        ),
        // A pattern whose one tile is 10⁵ units across.
        "<pattern id='p' patternUnits='userSpaceOnUse' width='1e5' height='1e5'>\
         <rect width='1' height='1'/></pattern><rect width='100' height='100' fill='url(#p)'/>"
            .to_string(),
        // 40 masked groups of the logo's own size, each inside the one before.
        format!(
            "<mask id='m'><rect width='100' height='100' fill='white'/></mask>{}\
             <rect width='100' height='100'/>{}",
            "<g mask='url(#m)'>".repeat(40),
            "</g>".repeat(40)
        ),
    ];
    for body in &cases {
        let error = with_logo("vast.svg", &svg(body), "").expect_err(body);
        assert!(error.starts_with("r.toml:4:8: error:"), "{body}: {error}");
        assert!(
            error.contains("the SVG draws far outside its own frame inside see-through, clipped or masked groups or patterns: drawing it would take more than 64 times the memory of the logo itself"),
            "{body}: {error}"
        );
    }
    // A shape a little past the frame, a vast one clipped to the frame, a pattern of small
    // tiles, and see-through groups of the logo's size nested as deep as a logo may nest
    // are drawing a logo may hold.
    let fine = [
        "<g opacity='0.5'><rect x='-50' y='-50' width='200' height='200'/></g>".to_string(),
        format!(
            "<clipPath id='c'><rect width='100' height='100'/><circle r='9'/></clipPath>\
             <g clip-path='url(#c)'><rect {vast}/></g>"
        ),
        "<pattern id='p' patternUnits='userSpaceOnUse' width='4' height='4'>\
         <rect width='2' height='2'/></pattern><rect width='100' height='100' fill='url(#p)'/>"
            .to_string(),
        format!(
            "{}<rect width='100' height='100'/>{}",
            "<g opacity='0.9'>".repeat(62),
            "</g>".repeat(62)
        ),
    ];
    for body in &fine {
        with_logo("fine.svg", &svg(body), "").expect(body);
    }
}

/// A view box or size out of all proportion would reach the PDF as a 31-digit number that
/// readers cannot hold; a file is named by its kind with the right article.
#[test]
fn an_svg_out_of_all_proportion_is_refused_at_its_line() {
    let svg = |attributes: &str| {
        format!(
            "<svg xmlns='http://www.w3.org/2000/svg' {attributes}><rect width='1' height='1'/></svg>"
        )
        .into_bytes()
    };
    let cases = [
        ("viewBox='0 0 1e30 1e30'", "(viewBox=\"0 0 1e30 1e30\")"),
        ("viewBox='0 0 -10 10'", "(viewBox=\"0 0 -10 10\")"),
        ("viewBox='1e9 0 10 10'", "(viewBox=\"1e9 0 10 10\")"),
        ("width='1e30' height='10'", "(width=\"1e30\")"),
        ("width='10' height='1e-30mm'", "(height=\"1e-30mm\")"),
        ("width='10' height='1e999'", "(height=\"1e999\")"),
        // Within bounds as written, beyond them in pixels.
        ("width='20000in' height='1in'", "(1920000 × 96 px)"),
    ];
    for (attributes, found) in cases {
        let error = with_logo("vast.svg", &svg(attributes), "").expect_err(attributes);
        assert!(
            error.starts_with("r.toml:4:8: error:"),
            "{attributes}: {error}"
        );
        let expected = format!("the SVG's size is out of all proportion {found}");
        assert!(error.contains(&expected), "{attributes}: {error}");
    }
    for fine in ["viewBox='0 0 1000000 0.001'", "width='100%' height='5cm'"] {
        assert!(with_logo("fine.svg", &svg(fine), "").is_ok(), "{fine}");
    }
    let error = with_logo("drawing.png", &svg(""), "").unwrap_err();
    assert!(
        error.contains("drawing.png is an SVG image, but its name says PNG"),
        "{error}"
    );
}

#[test]
fn a_logo_names_its_file_its_words_and_a_sane_size() {
    let square = b"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 2 1'><rect width='2' height='1'/></svg>";
    assert!(with_logo("a.svg", square, "").is_ok());
    let cases = [
        (
            "height = 0.5",
            "r.toml:6:10: error: a logo's height is in millimetres",
        ),
        ("place = \"sidebar\"", "r.toml:6:9: error:"),
        (
            "decorative = true",
            "r.toml:5:7: error: a decorative logo has no alt text",
        ),
        ("link = \"javascript:alert(1)\"", "r.toml:6:8: error:"),
        ("size = 3", "r.toml:6:1: error: unknown key `size`"),
    ];
    for (extra, expected) in cases {
        let error = with_logo("a.svg", square, extra).expect_err(extra);
        assert!(error.contains(expected), "{extra}: {error}");
    }
    let missing = model::parse_with(
        "r.toml",
        "title = \"T\"\n[[logo]]\nfile = \"a.svg\"\nalt = \"A\"\n[[stage]]\ntitle = \"S\"\n",
        &Assets::new(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        missing.starts_with("r.toml:3:8: error: the file a.svg was not among the files read"),
        "{missing}"
    );
}

#[test]
fn preflight_reports_a_logo_on_other_things_or_drawn_too_small() {
    let roadmap = branded();
    let clean = scene(&roadmap, "road");
    assert!(waypost::preflight::inspect(&roadmap, &clean).is_clean());
    let title = (clean.flatten().into_iter())
        .find_map(|item| match item {
            Item::Text(t) if t.role == Role::Title => Some(t.bounds()),
            _ => None,
        })
        .unwrap();
    let mut moved = clean.clone();
    let mut shrunk = clean.clone();
    for (scene, change) in [(&mut moved, 0), (&mut shrunk, 1)] {
        for item in &mut scene.items {
            let picture = match item {
                Item::Link(link) => match &mut link.children[0] {
                    Item::Image(p) => p,
                    _ => continue,
                },
                _ => continue,
            };
            if change == 0 {
                picture.rect.x = title.x;
            } else {
                picture.rect.height = 20.0;
            }
        }
    }
    let report = waypost::preflight::inspect(&roadmap, &moved);
    assert!(
        (report.overlaps.iter()).any(|f| f.subject == "Northfield Health Partnership"
            && f.message.contains("overlaps the text \"Social prescribing")),
        "{report}"
    );
    let report = waypost::preflight::inspect(&roadmap, &shrunk);
    assert_eq!(report.small_images.len(), 1, "{report}");
    assert!(report.to_string().contains("logo too small: \"Northfield Health Partnership\": the logo is 7.1 mm high, under the 10.0 mm"), "{report}");
}

/// The command line reads the logos beside the roadmap, under the rules of layout files,
/// and says at the `file` line what it could not read; the last good output stays.
#[cfg(feature = "cli")]
#[test]
fn the_command_line_reads_logos_from_the_roadmaps_folder_only() {
    use support::cli::{scratch, stderr, waypost_in};
    let dir = scratch("logos-cli");
    std::fs::create_dir_all(dir.join("logos")).unwrap();
    let example = support::root().join("examples/branded");
    for logo in ["northfield.svg", "open-research-fund.svg", "network.png"] {
        std::fs::copy(
            example.join("logos").join(logo),
            dir.join("logos").join(logo),
        )
        .unwrap();
    }
    std::fs::create_dir_all(dir.join("fonts")).unwrap();
    for font in ["Lato-Regular.ttf", "Lato-Bold.ttf"] {
        std::fs::copy(
            example.join("fonts").join(font),
            dir.join("fonts").join(font),
        )
        .unwrap();
    }
    let text = std::fs::read_to_string(example.join("branded.toml")).unwrap();
    std::fs::write(dir.join("branded.toml"), &text).unwrap();
    let out = waypost_in(
        &dir,
        &["render", "branded.toml", "--format", "svg", "-o", "out"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let good = std::fs::read(dir.join("out/branded.svg")).unwrap();

    let line = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    std::fs::remove_file(dir.join("logos/network.png")).unwrap();
    #[cfg(unix)]
    {
        std::fs::write(std::env::temp_dir().join("waypost-outside.svg"), b"<svg/>").unwrap();
        std::fs::remove_file(dir.join("logos/northfield.svg")).unwrap();
        std::os::unix::fs::symlink(
            std::env::temp_dir().join("waypost-outside.svg"),
            dir.join("logos/northfield.svg"),
        )
        .unwrap();
    }
    let out = waypost_in(
        &dir,
        &["render", "branded.toml", "--format", "svg", "-o", "out"],
    );
    assert_ne!(out.status.code(), Some(0));
    let said = stderr(&out);
    let missing = format!(
        "branded.toml:{}:8: error: cannot read logos/network.png:",
        line("logos/network.png")
    );
    assert!(said.contains(&missing), "{said}");
    #[cfg(unix)]
    {
        let linked = format!(
            "branded.toml:{}:8: error: cannot read logos/northfield.svg: it is a symbolic link, or passes through one",
            line("logos/northfield.svg")
        );
        assert!(said.contains(&linked), "{said}");
    }
    assert_eq!(
        std::fs::read(dir.join("out/branded.svg")).unwrap(),
        good,
        "the last good output changed"
    );
}

/// A JPEG logo has no transparency: on a page that is not white its own background shows
/// as a box, which the pre-flight notes (without failing the page); on a white page it
/// says nothing.
#[test]
fn a_jpeg_logo_on_a_coloured_page_is_noted() {
    let jpeg: &[u8] = include_bytes!("../src/write/pdf/testdata/red-blue-16x16.jpg");
    let mut assets = Assets::new();
    assets.insert("logos/university.jpg", jpeg.to_vec());
    let notes = |colours: &str| {
        let source = format!(
            "title = \"T\"\n{colours}[[logo]]\nfile = \"logos/university.jpg\"\nalt = \"University\"\n\
             height = 20\nplace = \"header\"\n[[stage]]\ntitle = \"S\"\n[[stage.offer]]\ntitle = \"O\"\n\
             provider = \"P\"\nurl = \"https://example.org/\"\ncost = \"free\"\n"
        );
        let roadmap = model::parse_with("r.toml", &source, &assets).unwrap();
        let scene = scene(&roadmap, "road");
        let report = waypost::preflight::inspect(&roadmap, &scene);
        assert!(report.is_clean(), "{report}");
        report.notes()
    };
    let coloured = notes("");
    assert_eq!(coloured.len(), 1, "{coloured:?}");
    assert!(
        coloured[0].starts_with("note: \"University\": a JPEG has no transparency")
            && coloured[0].contains("#f7f9fa"),
        "{coloured:?}"
    );
    assert!(notes("[colours]\npage = \"#ffffff\"\n").is_empty());
}

/// A raster logo far larger than the pixels it covers is scaled down with an area filter
/// in the PNG: a pattern of one-pixel squares becomes an even grey, where sampling it
/// leaves moiré.
#[cfg(feature = "png")]
#[test]
fn a_large_raster_logo_is_scaled_down_without_moire() {
    // 1,333 × 267 pixels of one-pixel black and white squares, drawn 14 mm high.
    let (w, h) = (1333_u32, 267_u32);
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, w, h);
        encoder.set_color(png::ColorType::Grayscale);
        let pixels: Vec<u8> = (0..h)
            .flat_map(|y| (0..w).map(move |x| if (x + y) % 2 == 0 { 0 } else { 255 }))
            .collect();
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&pixels).unwrap();
    }
    let mut assets = Assets::new();
    assets.insert("squares.png", bytes);
    let source = "title = \"T\"\n[colours]\npage = \"#ffffff\"\n[[logo]]\nfile = \"squares.png\"\n\
                  alt = \"Squares\"\nplace = \"header\"\nheight = 14\n[[stage]]\ntitle = \"S\"\n\
                  [[stage.offer]]\ntitle = \"O\"\nprovider = \"P\"\nurl = \"https://example.org/\"\n\
                  cost = \"free\"\n";
    let roadmap = model::parse_with("r.toml", source, &assets).unwrap();
    let scene = scene(&roadmap, "road");
    let rect = pictures(&scene)[0].rect;
    let dpi = 150.0;
    let options = waypost::write::png::PngOptions {
        dpi,
        ..Default::default()
    };
    let page =
        support::image::Image::decode(&waypost::write::png::write(&scene, &options).unwrap())
            .unwrap();
    // The grey levels inside the logo's box, a pixel in from each edge.
    let k = dpi / 72.0;
    let (x0, y0) = (
        (rect.x * k).ceil() as u32 + 1,
        (rect.y * k).ceil() as u32 + 1,
    );
    let (x1, y1) = (
        (rect.right() * k).floor() as u32 - 1,
        (rect.bottom() * k).floor() as u32 - 1,
    );
    let greys: Vec<f64> = (y0..y1)
        .flat_map(|y| (x0..x1).map(move |x| (x, y)))
        .map(|(x, y)| f64::from(page.rgb[((y * page.width + x) * 3 + 1) as usize]))
        .collect();
    let mean = greys.iter().sum::<f64>() / greys.len() as f64;
    let spread =
        (greys.iter().map(|g| (g - mean).powi(2)).sum::<f64>() / greys.len() as f64).sqrt();
    eprintln!(
        "{} pixels: mean {mean:.1}, standard deviation {spread:.1}",
        greys.len()
    );
    assert!((mean - 127.5).abs() < 12.0, "mean {mean}");
    assert!(spread < 8.0, "standard deviation {spread}: moiré");
}
