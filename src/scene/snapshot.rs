//! A stable, human-readable dump of a scene, one item a line, for reviewing what moved.

use super::{Face, Item, Scene, Segment, Text};
use std::fmt::Write;

/// Writes the scene as text: every shape, text line, link and QR code with its position in pt,
/// rounded to 0.01 pt so that a diff shows what moved and by how much.
pub fn snapshot(scene: &Scene) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "page {} x {} pt, background {}",
        num(scene.width),
        num(scene.height),
        scene.background.to_hex()
    );
    // A page in fonts of its own says which (a page in Noto Sans alone, as always, does not).
    if scene.faces.iter().any(|face| !face.bundled) {
        let faces: Vec<String> = (scene.faces.iter())
            .map(|face| format!("{} {:?}", face.family, face.weight))
            .collect();
        let _ = writeln!(out, "faces {}", faces.join(", "));
    }
    if let Some(sheet) = &scene.sheet {
        let t = sheet.trim;
        let _ = writeln!(
            out,
            "sheet trim {} {} {} x {} bleed {} marks {}",
            num(t.x),
            num(t.y),
            num(t.width),
            num(t.height),
            num(sheet.bleed),
            sheet.marks.segments.len() / 2
        );
    }
    write_items(&scene.items, &scene.faces, 0, &mut out);
    out
}

fn write_items(items: &[Item], faces: &[Face], depth: usize, out: &mut String) {
    let indent = "  ".repeat(depth);
    for item in items {
        match item {
            Item::Shape(shape) => {
                let b = shape.path.bounds();
                let fill = shape.fill.map_or("none".to_string(), |c| c.to_hex());
                let stroke = shape.stroke.map_or("none".to_string(), |s| {
                    format!("{} {}pt", s.color.to_hex(), num(s.width))
                });
                let curves = shape
                    .path
                    .segments
                    .iter()
                    .filter(|s| matches!(s, Segment::CubicTo(..)))
                    .count();
                let _ = writeln!(
                    out,
                    "{indent}shape {} {} {} x {} fill {fill} stroke {stroke} segments {} curves {curves}",
                    num(b.x),
                    num(b.y),
                    num(b.width),
                    num(b.height),
                    shape.path.segments.len(),
                );
            }
            Item::Text(text) => {
                let _ = writeln!(
                    out,
                    "{indent}text {} {} w {} {:?} {}pt {} {:?}",
                    num(text.origin.x),
                    num(text.origin.y),
                    num(text.width),
                    text.weight,
                    num(text.size),
                    text.color.to_hex(),
                    text.text
                );
                fallback(text, faces, out);
            }
            Item::Link(link) => {
                let r = link.rect;
                let _ = writeln!(
                    out,
                    "{indent}link {} {} {} x {} {:?} {:?}",
                    num(r.x),
                    num(r.y),
                    num(r.width),
                    num(r.height),
                    link.url,
                    link.label
                );
                write_items(&link.children, faces, depth + 1, out);
            }
            Item::Image(picture) => {
                let r = picture.rect;
                let image = &picture.image;
                let _ = writeln!(
                    out,
                    "{indent}image {} {} {} x {} {:?} {} x {} {} bytes alt {:?}",
                    num(r.x),
                    num(r.y),
                    num(r.width),
                    num(r.height),
                    image.format,
                    num(image.width),
                    num(image.height),
                    image.data.len(),
                    picture.alt
                );
            }
            Item::Qr(qr) => {
                let b = qr.bounds();
                let dark = qr.dark.iter().filter(|&&d| d).count();
                let _ = writeln!(
                    out,
                    "{indent}qr {} {} {} x {} module {} size {} quiet {} dark {dark} {} on {} {:?}",
                    num(b.x),
                    num(b.y),
                    num(b.width),
                    num(b.height),
                    num(qr.module),
                    qr.size,
                    qr.quiet,
                    qr.color.to_hex(),
                    qr.background.to_hex(),
                    qr.data
                );
            }
        }
    }
}

/// On a page in fonts of its own, the line's characters that Noto Sans draws, as a
/// bracketed note ending the line just written.
fn fallback(text: &Text, faces: &[Face], out: &mut String) {
    let bundled = |index: u16| faces.get(usize::from(index)).is_none_or(|f| f.bundled);
    if faces.iter().all(|f| f.bundled) {
        return;
    }
    let mut drawn = String::new();
    let mut last = None;
    for glyph in text.glyphs.iter().filter(|g| bundled(g.face)) {
        // The glyphs of one cluster share its text.
        if last != Some(glyph.start) {
            drawn.push_str(text.text.get(glyph.start..glyph.end).unwrap_or_default());
            last = Some(glyph.start);
        }
    }
    if !drawn.is_empty() {
        out.pop();
        let _ = writeln!(out, " noto {drawn:?}");
    }
}

/// Rounds to two decimals and drops a negative zero, so the dump is stable.
fn num(v: f32) -> String {
    let rounded = (f64::from(v) * 100.0).round() / 100.0;
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    format!("{rounded:.2}")
}
