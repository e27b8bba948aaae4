//! The scene's items as SVG elements: shapes as paths, text lines as `<text>`, and links as
//! `<a>` elements around what they show.

use super::markup::{clean, escape, num};
use super::runs::{css_weight, family_list, runs};
use crate::scene::{Color, Face, ImageFormat, Item, Link, Path, Picture, Qr, Segment, Shape, Text};
use base64::prelude::{Engine as _, BASE64_STANDARD};
use std::fmt::Write as _;

/// Emits each item in painting order.
pub(super) fn write_items(items: &[Item], faces: &[Face], out: &mut String) {
    for item in items {
        match item {
            Item::Shape(shape) => write_shape(shape, out),
            Item::Text(text) => write_text(text, faces, out),
            Item::Link(link) => write_link(link, faces, out),
            Item::Qr(qr) => write_qr(qr, out),
            Item::Image(picture) => write_picture(picture, out),
        }
    }
}

fn write_shape(shape: &Shape, out: &mut String) {
    let d = path_data(&shape.path);
    if d.is_empty() || (shape.fill.is_none() && shape.stroke.is_none()) {
        return;
    }
    let _ = write!(out, "<path d=\"{d}\" fill=\"{}\"", paint(shape.fill));
    if let Some(stroke) = &shape.stroke {
        let _ = write!(
            out,
            " stroke=\"{}\" stroke-width=\"{}\"",
            stroke.color.to_hex(),
            num(stroke.width)
        );
        if let Some((dash, gap)) = stroke.dash {
            let _ = write!(out, " stroke-dasharray=\"{} {}\"", num(dash), num(gap));
        }
        if stroke.round {
            out.push_str(" stroke-linecap=\"round\" stroke-linejoin=\"round\"");
        }
    }
    out.push_str("/>\n");
}

fn paint(color: Option<Color>) -> String {
    color.map_or_else(|| "none".to_string(), Color::to_hex)
}

/// The path as SVG path data, or an empty string when it draws nothing.
fn path_data(path: &Path) -> String {
    let mut d = String::new();
    // SVG path data must start with a move; a scene path that does not gets one at its
    // first point rather than being cut off by the viewer's error handling.
    let mut open = false;
    for segment in &path.segments {
        match *segment {
            Segment::MoveTo(p) => {
                let _ = write!(d, "M{} {}", num(p.x), num(p.y));
                open = true;
            }
            Segment::LineTo(p) => {
                if !open {
                    let _ = write!(d, "M{} {}", num(p.x), num(p.y));
                    open = true;
                }
                let _ = write!(d, "L{} {}", num(p.x), num(p.y));
            }
            Segment::CubicTo(a, b, c) => {
                if !open {
                    let _ = write!(d, "M{} {}", num(a.x), num(a.y));
                    open = true;
                }
                let _ = write!(
                    d,
                    "C{} {} {} {} {} {}",
                    num(a.x),
                    num(a.y),
                    num(b.x),
                    num(b.y),
                    num(c.x),
                    num(c.y)
                );
            }
            Segment::Close => {
                if open {
                    d.push('Z');
                }
            }
        }
    }
    d
}

/// One line of text. The layout shaped it with harfrust, the shaper usvg uses, and browsers
/// shape the embedded subset (kerning kept) the same way, so no per-glyph positions or
/// `textLength` are needed to make the line as wide as measured. A line drawn from two
/// faces (a roadmap's own, and Noto Sans where it lacks a character) has a `<tspan>` for
/// each run after the first, in its own face and at its own x.
fn write_text(text: &Text, faces: &[Face], out: &mut String) {
    if !text.text.chars().any(|c| clean(c).is_some()) {
        return;
    }
    let runs = runs(text);
    let face = |index: usize| faces.get(index);
    let weight = |index: usize| css_weight(face(index).map_or(text.weight, |f| f.weight));
    let first = runs.first().map_or(0, |r| r.face);
    // `xml:space="preserve"` keeps runs of spaces and leading or trailing spaces, which the
    // layout measured; without it viewers collapse them and the line gets shorter.
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" font-family=\"{}\" font-size=\"{}\" \
         font-weight=\"{}\" fill=\"{}\" xml:space=\"preserve\">",
        num(text.origin.x),
        num(text.origin.y),
        family_list(face(first)),
        num(text.size),
        weight(first),
        text.color.to_hex(),
    );
    for (i, run) in runs.iter().enumerate() {
        let words = text.text.get(run.range.clone()).unwrap_or_default();
        if i == 0 {
            escape(words, out);
            continue;
        }
        let _ = write!(
            out,
            "<tspan x=\"{}\" font-family=\"{}\" font-weight=\"{}\">",
            num(text.origin.x + run.x),
            family_list(face(run.face)),
            weight(run.face),
        );
        escape(words, out);
        out.push_str("</tspan>");
    }
    out.push_str("</text>\n");
}

/// A link wraps what it shows, so the card's own text is the link's content. Its `<title>`
/// gives the link a short accessible name and a tooltip; an invisible rectangle over the
/// link's area makes the whole card clickable, gaps between the text lines included.
fn write_link(link: &Link, faces: &[Face], out: &mut String) {
    out.push_str("<a href=\"");
    escape(&link.url, out);
    out.push_str("\">");
    if !link.label.trim().is_empty() {
        out.push_str("<title>");
        escape(&link.label, out);
        out.push_str("</title>");
    }
    out.push('\n');
    // `fill="none"` keeps it out of every rendering (usvg drops it); `pointer-events="all"`
    // still makes its interior a hit target in browsers.
    let r = link.rect;
    let _ = writeln!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" pointer-events=\"all\"/>",
        num(r.x),
        num(r.y),
        num(r.width.max(0.0)),
        num(r.height.max(0.0))
    );
    write_items(&link.children, faces, out);
    out.push_str("</a>\n");
}

/// A QR code: its light square, then the dark modules as one path drawn in module units
/// and scaled into place, which keeps the path data to a few characters a run. The printed
/// address beside the code says in words what it holds, so the drawing is hidden from
/// screen readers.
fn write_qr(qr: &Qr, out: &mut String) {
    let b = qr.bounds();
    let _ = writeln!(
        out,
        "<g aria-hidden=\"true\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
        num(b.x),
        num(b.y),
        num(b.width),
        num(b.height),
        qr.background.to_hex()
    );
    let inset = qr.quiet as f32 * qr.module;
    let _ = write!(
        out,
        "<path transform=\"translate({} {}) scale({})\" fill=\"{}\" d=\"",
        num(b.x + inset),
        num(b.y + inset),
        num(qr.module),
        qr.color.to_hex()
    );
    for (row, column, length) in qr.runs() {
        let _ = write!(out, "M{column} {row}h{length}v1h-{length}z");
    }
    out.push_str("\"/></g>\n");
}

/// An image: an SVG logo as a nested `<svg>` holding its re-written drawing, a raster as an
/// `<image>` with its file as a data URL. Either carries its alt text as an accessible name
/// (`role="img"` and a `<title>`); a decorative one is hidden from screen readers.
fn write_picture(picture: &Picture, out: &mut String) {
    let r = picture.rect;
    let image = &picture.image;
    let _ = write!(
        out,
        "<svg x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" \
         preserveAspectRatio=\"none\" overflow=\"hidden\"",
        num(r.x),
        num(r.y),
        num(r.width),
        num(r.height),
        num(image.width),
        num(image.height)
    );
    match &picture.alt {
        Some(alt) => {
            out.push_str(" role=\"img\" aria-label=\"");
            escape(alt, out);
            out.push_str("\"><title>");
            escape(alt, out);
            out.push_str("</title>");
        }
        None => out.push_str(" aria-hidden=\"true\">"),
    }
    match image.format {
        ImageFormat::Svg => out.push_str(svg_body(&String::from_utf8_lossy(&image.data))),
        ImageFormat::Png | ImageFormat::Jpeg => {
            let _ = write!(
                out,
                "<image width=\"{}\" height=\"{}\" preserveAspectRatio=\"none\" \
                 image-rendering=\"optimizeQuality\" href=\"data:{};base64,",
                num(image.width),
                num(image.height),
                image.format.media_type()
            );
            out.push_str(&BASE64_STANDARD.encode(&image.data));
            out.push_str("\"/>");
        }
    }
    out.push_str("</svg>\n");
}

/// What an SVG document draws: everything inside its root element.
fn svg_body(document: &str) -> &str {
    let Some(root) = document.find("<svg") else {
        return "";
    };
    let Some(open) = document[root..].find('>').map(|end| root + end) else {
        return "";
    };
    if document[..open].ends_with('/') {
        return "";
    }
    let close = document.rfind("</svg>").unwrap_or(document.len());
    document.get(open + 1..close).unwrap_or("")
}
