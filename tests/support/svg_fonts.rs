//! The SVG's embedded fonts read back the way a browser uses them.
//!
//! usvg ignores `@font-face`, so no resvg rendering can tell whether the fonts an SVG carries
//! are any good. A browser without Noto Sans takes each `<text>`'s face from the rule of its
//! weight and shapes the line with HarfBuzz; harfrust is a port of HarfBuzz, so shaping with
//! the embedded subset here gives the line a browser would draw.

use base64::Engine as _;
use harfrust::{FontRef, ShapeOptions, ShaperData, UnicodeBuffer};
use skrifa::raw::types::Tag;
use skrifa::raw::TableProvider;
use skrifa::string::StringId;
use skrifa::MetadataProvider;
use std::collections::BTreeMap;
use waypost::scene::{Item, Scene, Text};

/// How far, in pt, a line's position, size or width may be from the scene's: above the
/// writer's rounding to 0.001 pt, far below one kerning pair at the smallest size.
const SLACK: f32 = 0.01;
/// The family every rule and every face must name.
const FAMILY: &str = "Noto Sans";
/// Problems reported per document before the rest are only counted.
const MOST: usize = 8;

/// Checks the SVG's `@font-face` rules against the scene it was written from: one rule per
/// weight the text uses, each holding a font browsers accept (cmap, OS/2 and name tables,
/// family "Noto Sans"), and every `<text>` at the scene's position and size, drawn with no
/// missing glyph and as wide as the layout measured it. Returns what is wrong, or nothing.
pub fn check(scene: &Scene, doc: &roxmltree::Document) -> Vec<String> {
    let mut problems = Vec::new();
    let style: String = doc
        .descendants()
        .filter(|n| n.has_tag_name("style"))
        .filter_map(|n| n.text())
        .collect();
    let faces = faces(&style, &mut problems);
    let elements: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .collect();
    let lines = scene_text(scene);
    if elements.len() != lines.len() {
        problems.push(format!(
            "{} <text> elements for {} lines of text in the scene",
            elements.len(),
            lines.len()
        ));
    }
    for (element, line) in elements.iter().zip(&lines) {
        if let Err(problem) = check_line(element, line, &faces) {
            problems.push(problem);
        }
    }
    if problems.len() > MOST {
        let more = problems.len() - MOST;
        problems.truncate(MOST);
        problems.push(format!("and {more} more"));
    }
    problems
}

/// The face data of each `@font-face` rule, by its CSS weight.
fn faces(style: &str, problems: &mut Vec<String>) -> BTreeMap<String, Vec<u8>> {
    let mut faces = BTreeMap::new();
    for rule in style.split("@font-face").skip(1) {
        let value = |name: &str, end: char| {
            let start = rule.find(name)? + name.len();
            let len = rule[start..].find(end)?;
            Some(&rule[start..start + len])
        };
        let (Some(family), Some(weight), Some(data)) = (
            value("font-family:", ';'),
            value("font-weight:", ';'),
            value("base64,", ')'),
        ) else {
            problems.push(format!(
                "an @font-face rule lacks family, weight or data: {:.80}",
                rule
            ));
            continue;
        };
        if family.trim_matches('"') != FAMILY {
            problems.push(format!("an @font-face rule names the family {family}"));
        }
        let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(data) else {
            problems.push(format!("the weight {weight} font is not valid base64"));
            continue;
        };
        if let Err(problem) = acceptable(&bytes) {
            problems.push(format!("the weight {weight} font: {problem}"));
        }
        if faces.insert(weight.to_string(), bytes).is_some() {
            problems.push(format!("two @font-face rules for the weight {weight}"));
        }
    }
    faces
}

/// Whether browsers would use the font: they silently reject one without cmap, OS/2 or name,
/// and match rules to text by the family name inside the font as well as the rule's.
fn acceptable(data: &[u8]) -> Result<(), String> {
    let font = FontRef::new(data).map_err(|e| format!("does not parse: {e}"))?;
    for tag in [b"cmap", b"OS/2", b"name"] {
        if font.table_data(Tag::new(tag)).is_none() {
            return Err(format!("has no {} table", String::from_utf8_lossy(tag)));
        }
    }
    let family = font
        .localized_strings(StringId::FAMILY_NAME)
        .english_or_first()
        .map(|s| s.to_string());
    if family.as_deref() != Some(FAMILY) {
        return Err(format!("is named {family:?}"));
    }
    Ok(())
}

/// Every text line of the scene, in painting order.
fn scene_text(scene: &Scene) -> Vec<&Text> {
    scene
        .flatten()
        .into_iter()
        .filter_map(|item| match item {
            Item::Text(text) => Some(text),
            _ => None,
        })
        .collect()
}

/// One `<text>` against the scene line it was written from.
fn check_line(
    element: &roxmltree::Node,
    line: &Text,
    faces: &BTreeMap<String, Vec<u8>>,
) -> Result<(), String> {
    let content = element.text().unwrap_or_default();
    let number = |name: &str| element.attribute(name).and_then(|v| v.parse::<f32>().ok());
    let (Some(x), Some(y), Some(size)) = (number("x"), number("y"), number("font-size")) else {
        return Err(format!("<text> {content:?} lacks x, y or font-size"));
    };
    if content != line.text {
        return Err(format!(
            "<text> {content:?} where the scene has {:?}",
            line.text
        ));
    }
    let near = |a: f32, b: f32| (a - b).abs() <= SLACK;
    if !near(x, line.origin.x) || !near(y, line.origin.y) || !near(size, line.size) {
        return Err(format!(
            "{content:?} is at ({x}, {y}) in {size} pt, the scene's at ({}, {}) in {} pt",
            line.origin.x, line.origin.y, line.size
        ));
    }
    let weight = element.attribute("font-weight").unwrap_or("400");
    let Some(data) = faces.get(weight) else {
        return Err(format!("{content:?}: no embedded font of weight {weight}"));
    };
    let font = FontRef::new(data).map_err(|e| format!("{content:?}: {e}"))?;
    let shaper_data = ShaperData::new(&font);
    let shaper = shaper_data.shaper(&font).build();
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(content);
    buffer.guess_segment_properties();
    let output = shaper.shape(buffer, ShapeOptions::new());
    if output.glyph_infos().iter().any(|g| g.glyph_id == 0) {
        return Err(format!(
            "{content:?}: the weight {weight} font lacks some of its characters"
        ));
    }
    let units_per_em = f32::from(font.head().map_err(|e| e.to_string())?.units_per_em());
    let units: i64 = output
        .glyph_positions()
        .iter()
        .map(|p| i64::from(p.x_advance))
        .sum();
    // At the scene's size, not the element's: the writer rounds sizes to 0.001 pt, which
    // alone moves the end of a long line by up to 0.03 pt; the size is checked above.
    let width = units as f32 * line.size / units_per_em;
    if !near(width, line.width) {
        return Err(format!(
            "{content:?} is {width:.3} pt wide in the weight {weight} font, measured {:.3} pt",
            line.width
        ));
    }
    Ok(())
}
