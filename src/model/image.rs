//! Checking an image file a roadmap names (a logo) before anything draws it: its kind from
//! its name and its first bytes, its size from its header, and for an SVG the whole
//! document, re-written from its parsed tree so that only drawing survives.
//!
//! Every refusal is quick and bounded: a raster is measured from its header before any
//! pixel is decoded, and an SVG is parsed without its document type (so no entity can
//! expand) and walked without recursion.

use crate::scene::{Image, ImageFormat, MAX_SVG_NODES};
use std::sync::Arc;

/// The most pixels a raster logo may have (50 megapixels), checked from its header.
pub const MAX_PIXELS: u64 = 50_000_000;
/// How deep an SVG logo's elements may nest.
pub const MAX_SVG_DEPTH: usize = 64;

/// Why an image was refused: a sentence and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub(crate) message: String,
    pub(crate) help: String,
}

fn refuse(message: impl Into<String>, help: impl Into<String>) -> Refusal {
    Refusal {
        message: message.into(),
        help: help.into(),
    }
}

/// Checks the file `path` names and gives the image every writer draws. `id_prefix` keeps
/// an SVG's ids apart from every other drawing on the page.
pub(crate) fn check(path: &str, bytes: &[u8], id_prefix: &str) -> Result<Image, Refusal> {
    let named = named_format(path)?;
    let found = sniffed_format(bytes);
    if found != Some(named) {
        let what = match found {
            Some(format) => format!("a {} image", format_name(format)),
            None => "not an image waypost can read".to_string(),
        };
        return Err(refuse(
            format!("{path} is {what}, but its name says {}", format_name(named)),
            "save the logo as an SVG, PNG or JPEG file and give it the matching ending \
             (.svg, .png, .jpg)",
        ));
    }
    match named {
        ImageFormat::Png => png(bytes),
        ImageFormat::Jpeg => jpeg(bytes),
        _ => svg(bytes, id_prefix),
    }
}

fn format_name(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Svg => "SVG",
        ImageFormat::Png => "PNG",
        ImageFormat::Jpeg => "JPEG",
    }
}

/// The format a file's name says.
fn named_format(path: &str) -> Result<ImageFormat, Refusal> {
    let ending = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ending.as_deref() {
        Some("svg") => Ok(ImageFormat::Svg),
        Some("png") => Ok(ImageFormat::Png),
        Some("jpg" | "jpeg") => Ok(ImageFormat::Jpeg),
        _ => Err(refuse(
            format!("{path} is not an SVG, PNG or JPEG file"),
            "a logo must be an SVG (best: it stays sharp at any size), PNG or JPEG file",
        )),
    }
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The format a file's first bytes say; SVG for text that opens with markup.
fn sniffed_format(bytes: &[u8]) -> Option<ImageFormat> {
    if bytes.starts_with(PNG_SIGNATURE) {
        return Some(ImageFormat::Png);
    }
    if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        return Some(ImageFormat::Jpeg);
    }
    let text = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let first = text.iter().find(|b| !b.is_ascii_whitespace());
    (first == Some(&b'<')).then_some(ImageFormat::Svg)
}

fn too_many_pixels(width: u32, height: u32) -> Result<(), Refusal> {
    if width == 0 || height == 0 {
        return Err(refuse(
            "the image has no pixels",
            "export the logo again from the program that made it",
        ));
    }
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(refuse(
            format!(
                "the image is {width} × {height} pixels ({:.0} megapixels); a logo may have at \
                 most {} megapixels",
                pixels as f64 / 1e6,
                MAX_PIXELS / 1_000_000
            ),
            "save a smaller version: 2000 pixels across prints a 15 cm logo sharply",
        ));
    }
    Ok(())
}

fn raster(format: ImageFormat, bytes: &[u8], width: u32, height: u32) -> Image {
    Image {
        format,
        data: Arc::from(bytes),
        width: width as f32,
        height: height as f32,
    }
}

/// A PNG: measured from its header, then read row by row (one row in memory at a time), so
/// that a damaged file is refused here rather than drawn broken.
fn png(bytes: &[u8]) -> Result<Image, Refusal> {
    let damaged = |why: String| {
        refuse(
            format!("the PNG file is damaged: {why}"),
            "export the logo again from the program that made it",
        )
    };
    // The header: signature, then the IHDR chunk's length, its name, width and height.
    let header = bytes
        .get(8..24)
        .ok_or_else(|| damaged("it ends early".into()))?;
    if &header[4..8] != b"IHDR" {
        return Err(damaged("it has no header".into()));
    }
    let number = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let (width, height) = (number(8), number(12));
    too_many_pixels(width, height)?;
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_limits(png::Limits {
        bytes: 64 * 1024 * 1024,
    });
    let mut reader = decoder.read_info().map_err(|e| damaged(e.to_string()))?;
    while reader
        .next_row()
        .map_err(|e| damaged(e.to_string()))?
        .is_some()
    {}
    Ok(raster(ImageFormat::Png, bytes, width, height))
}

/// A JPEG: its markers walked to the frame header, which gives its size and colours.
fn jpeg(bytes: &[u8]) -> Result<Image, Refusal> {
    let damaged = || {
        refuse(
            "the JPEG file is damaged: it has no frame header",
            "export the logo again from the program that made it",
        )
    };
    let mut at = 2;
    loop {
        // Fill bytes may stand before a marker.
        while bytes.get(at) == Some(&0xff) && bytes.get(at + 1) == Some(&0xff) {
            at += 1;
        }
        let (Some(&0xff), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) else {
            return Err(damaged());
        };
        let length = bytes
            .get(at + 2..at + 4)
            .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])))
            .ok_or_else(damaged)?;
        // Start-of-frame markers: C0–CF but for C4 (tables), C8 (reserved), CC (arithmetic).
        if (0xc0..=0xcf).contains(&marker) && ![0xc4, 0xc8, 0xcc].contains(&marker) {
            let frame = bytes.get(at + 4..at + 10).ok_or_else(damaged)?;
            let height = u32::from(u16::from_be_bytes([frame[1], frame[2]]));
            let width = u32::from(u16::from_be_bytes([frame[3], frame[4]]));
            let components = frame[5];
            too_many_pixels(width, height)?;
            if components != 1 && components != 3 {
                return Err(refuse(
                    "the JPEG is in CMYK colours, which screens and PDF viewers show differently",
                    "save the logo as an RGB JPEG or, better, as a PNG or SVG",
                ));
            }
            return Ok(raster(ImageFormat::Jpeg, bytes, width, height));
        }
        if marker == 0xd9 || marker == 0xda || length < 2 {
            return Err(damaged());
        }
        at += 2 + length;
    }
}

/// An SVG: parsed with its document type refused, nesting and references checked, then
/// re-written by usvg from its parsed tree.
fn svg(bytes: &[u8], id_prefix: &str) -> Result<Image, Refusal> {
    let again = "export the logo again from the program that made it (as \"SVG\" or \"plain SVG\")";
    let text =
        std::str::from_utf8(bytes).map_err(|_| refuse("the SVG file is not UTF-8 text", again))?;
    let document = Image::svg_xml(text).map_err(|e| {
        let message = match e {
            roxmltree::Error::DtdDetected => {
                "the SVG has a document type declaration (<!DOCTYPE …>), which can define \
                 entities; logos are read without one"
                    .to_string()
            }
            roxmltree::Error::NodesLimitReached => format!(
                "the SVG has more than {MAX_SVG_NODES} elements and texts, too many for a logo"
            ),
            other => format!("the SVG is not well-formed XML: {other}"),
        };
        refuse(message, again)
    })?;
    check_svg_tree(&document)?;
    let tree = usvg::Tree::from_xmltree(&document, &Image::usvg_options())
        .map_err(|e| refuse(format!("the SVG cannot be read: {e}"), again))?;
    let size = tree.size();
    if !tree.root().has_children() {
        return Err(refuse("the SVG draws nothing", again));
    }
    let written = tree.to_string(&usvg::WriteOptions {
        id_prefix: Some(id_prefix.to_string()),
        coordinates_precision: 4,
        transforms_precision: 6,
        indent: usvg::Indent::None,
        ..usvg::WriteOptions::default()
    });
    Ok(Image {
        format: ImageFormat::Svg,
        data: Arc::from(written.into_bytes()),
        width: size.width(),
        height: size.height(),
    })
}

/// Refuses what a logo may not hold: nesting past [`MAX_SVG_DEPTH`], text (drawn in
/// whatever font a viewer has), pictures, and any reference outside the document.
fn check_svg_tree(document: &roxmltree::Document) -> Result<(), Refusal> {
    // Depth first with a stack of its own: no recursion, however deep the file nests.
    let mut stack = vec![(document.root(), 0_usize)];
    while let Some((node, depth)) = stack.pop() {
        stack.extend(node.children().map(|child| (child, depth + 1)));
        if !node.is_element() {
            if let Some(text) = node.text() {
                if node.parent().is_some_and(|p| p.has_tag_name("style")) {
                    outside_references(text)?;
                }
            }
            continue;
        }
        if depth > MAX_SVG_DEPTH {
            return Err(refuse(
                format!("the SVG nests its elements more than {MAX_SVG_DEPTH} deep"),
                "export the logo again from the program that made it, or simplify it",
            ));
        }
        let name = node.tag_name().name();
        match name {
            "text" | "tspan" | "textPath" => {
                return Err(refuse(
                    "the SVG has text in it, which would be drawn in whatever font a \
                     reader's computer has",
                    "convert the logo's text to outlines (\"Create outlines\" or \"Object to \
                     path\" in most drawing programs) and export it again",
                ))
            }
            "image" | "feImage" | "foreignObject" => {
                return Err(refuse(
                    format!(
                        "the SVG holds a picture or other content (<{name}>), not only drawing"
                    ),
                    "export the logo as a plain drawing, or give the picture itself as a PNG",
                ))
            }
            _ => {}
        }
        for attribute in node.attributes() {
            let value = attribute.value();
            if attribute.name() == "href" && !value.trim_start().starts_with('#') {
                return Err(refuse(
                    format!(
                        "the SVG refers to something outside itself (href=\"{}\")",
                        crate::error::short(value)
                    ),
                    "a logo must hold everything it draws: export it again with everything \
                     embedded",
                ));
            }
            outside_references(value)?;
        }
    }
    Ok(())
}

/// Refuses `url(…)` pointing anywhere but inside the document, and `@import`.
fn outside_references(value: &str) -> Result<(), Refusal> {
    let lower = value.to_ascii_lowercase();
    let outside = lower.contains("@import")
        || lower.match_indices("url(").any(|(at, _)| {
            let target = lower[at + 4..].trim_start_matches([' ', '"', '\'']);
            !target.starts_with('#')
        });
    if outside {
        return Err(refuse(
            "the SVG refers to something outside itself (a url(…) or @import)",
            "a logo must hold everything it draws: export it again with everything embedded",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE: &str = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 20 10'>\
                          <rect width='20' height='10' fill='#005eb8'/></svg>";

    fn refusal(path: &str, bytes: &[u8]) -> String {
        check(path, bytes, "l1-").expect_err("refused").message
    }

    #[test]
    fn an_svg_is_rewritten_with_its_size() {
        let image = check("a.svg", SQUARE.as_bytes(), "l1-").expect("a plain drawing");
        assert_eq!((image.width, image.height), (20.0, 10.0));
        let text = String::from_utf8(image.data.to_vec()).unwrap();
        assert!(text.contains("<path"), "{text}");
    }

    #[test]
    fn hostile_svgs_are_refused() {
        let entity = "<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY a 'aaaa'>]>\
                      <svg xmlns='http://www.w3.org/2000/svg'>&a;</svg>";
        assert!(refusal("a.svg", entity.as_bytes()).contains("document type"));
        let deep = format!(
            "<svg xmlns='http://www.w3.org/2000/svg'>{}<rect width='1' height='1'/>{}</svg>",
            "<g>".repeat(100),
            "</g>".repeat(100)
        );
        assert!(refusal("a.svg", deep.as_bytes()).contains("nests"));
        let external = "<svg xmlns='http://www.w3.org/2000/svg' \
                        xmlns:xlink='http://www.w3.org/1999/xlink'>\
                        <use xlink:href='other.svg#a'/></svg>";
        assert!(refusal("a.svg", external.as_bytes()).contains("outside itself"));
        let styled = "<svg xmlns='http://www.w3.org/2000/svg'><style>@import 'x.css';</style>\
                      <rect width='1' height='1'/></svg>";
        assert!(refusal("a.svg", styled.as_bytes()).contains("outside itself"));
        let broken = "<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>";
        assert!(refusal("a.svg", broken.as_bytes()).contains("not well-formed"));
        let text = "<svg xmlns='http://www.w3.org/2000/svg'><text>Trust</text></svg>";
        assert!(refusal("a.svg", text.as_bytes()).contains("text"));
    }

    #[test]
    fn a_file_must_be_what_its_name_says() {
        assert!(refusal("a.png", SQUARE.as_bytes()).contains("but its name says PNG"));
        assert!(refusal("a.svg", PNG_SIGNATURE).contains("is a PNG image"));
        assert!(refusal("a.gif", b"GIF89a").contains("not an SVG, PNG or JPEG"));
    }

    #[test]
    fn a_huge_raster_is_refused_from_its_header() {
        // A PNG header claiming 10,000 × 10,000 pixels, with no pixels after it.
        let mut header = PNG_SIGNATURE.to_vec();
        header.extend(13_u32.to_be_bytes());
        header.extend(b"IHDR");
        header.extend(10_000_u32.to_be_bytes());
        header.extend(10_000_u32.to_be_bytes());
        header.extend([8, 6, 0, 0, 0]);
        assert!(refusal("a.png", &header).contains("100 megapixels"));
        // A JPEG frame header claiming 60,000 × 60,000 pixels.
        let jpeg = [
            0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0xea, 0x60, 0xea, 0x60, 0x03,
        ];
        assert!(refusal("a.jpg", &jpeg).contains("megapixels"));
    }
}
