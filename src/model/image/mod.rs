//! Checking an image file a roadmap names (a logo) before anything draws it: its kind from
//! its name and its first bytes, its size from its header, and then the whole file — a PNG
//! or JPEG decoded, an SVG re-written from its parsed tree so that only drawing survives.
//!
//! Every refusal is quick and bounded: a raster is measured from its header before any
//! pixel is decoded; an SVG is parsed without its document type (so no entity can expand),
//! walked without recursion, and its references (masks, patterns, markers, copies) and the
//! pictures drawing it takes are counted before usvg follows them or resvg allocates them.

mod css;
mod effects;
mod jpeg;
mod layers;
mod raster;
mod references;
mod svg;
mod view_box;

use crate::scene::{Image, ImageFormat};

/// The most pixels a raster logo may have (50 megapixels), checked from its header.
pub const MAX_PIXELS: u64 = 50_000_000;
/// How deep an SVG logo's elements may nest.
pub const MAX_SVG_DEPTH: usize = 64;
/// The largest number an SVG logo's view box, width and height may hold, in user units
/// (its reciprocal is the smallest size): a drawing 10³⁰ units wide is a mistake, and one
/// that every writer would have to scale by as much.
pub const MAX_SVG_UNITS: f32 = 1_000_000.0;

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
            Some(format) => format!("{} image", with_article(format)),
            None => "not an image waypost can read".to_string(),
        };
        return Err(refuse(
            format!("{path} is {what}, but its name says {}", format_name(named)),
            "save the logo as an SVG, PNG or JPEG file and give it the matching ending \
             (.svg, .png, .jpg)",
        ));
    }
    match named {
        ImageFormat::Png => raster::png(bytes),
        ImageFormat::Jpeg => jpeg::jpeg(bytes),
        _ => svg::svg(bytes, id_prefix),
    }
}

/// The format's name after "a" or "an", as it is said: "an SVG", "a PNG".
fn with_article(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Svg => "an SVG",
        ImageFormat::Png => "a PNG",
        ImageFormat::Jpeg => "a JPEG",
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
        assert!(
            refusal("a.png", SQUARE.as_bytes()).contains("is an SVG image, but its name says PNG")
        );
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
            0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0xea, 0x60, 0xea, 0x60, 0x03, 1, 0x11, 0, 2,
            0x11, 1, 3, 0x11, 1,
        ];
        assert!(refusal("a.jpg", &jpeg).contains("megapixels"));
    }
}
