//! The SVG's embedded fonts read back the way a browser uses them.
//!
//! usvg ignores `@font-face`, so no resvg rendering can tell whether the fonts an SVG carries
//! are any good. A browser without the page's fonts takes each `<text>`'s face (and each of
//! its `<tspan>`s', where a roadmap's own face lacks a character) from the rule of its first
//! family and its weight, and shapes the run with HarfBuzz; harfrust is a port of HarfBuzz,
//! so shaping with the embedded subset here gives the run a browser would draw.

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
/// Problems reported per document before the rest are only counted.
const MOST: usize = 8;

/// Checks the SVG's `@font-face` rules against the scene it was written from: one rule per
/// face the text uses, each holding a font browsers accept (cmap, OS/2 and name tables, the
/// rule's family), and every `<text>` at the scene's position and size, each run drawn with
/// no missing glyph where the layout put it, and the line as wide as the layout measured
/// it. Returns what is wrong, or nothing.
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

/// The face data of each `@font-face` rule, by its family and CSS weight.
fn faces(style: &str, problems: &mut Vec<String>) -> BTreeMap<(String, String), Vec<u8>> {
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
        let family = family.trim_matches('"').to_string();
        let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(data) else {
            problems.push(format!("the weight {weight} font is not valid base64"));
            continue;
        };
        if let Err(problem) = acceptable(&bytes, &family) {
            problems.push(format!("the {family} {weight} font: {problem}"));
        }
        if faces
            .insert((family.clone(), weight.to_string()), bytes)
            .is_some()
        {
            problems.push(format!("two @font-face rules for {family} {weight}"));
        }
    }
    faces
}

/// Whether browsers would use the font: they silently reject one without cmap, OS/2 or name,
/// and match rules to text by the family name inside the font as well as the rule's.
fn acceptable(data: &[u8], rule_family: &str) -> Result<(), String> {
    let font = FontRef::new(data).map_err(|e| format!("does not parse: {e}"))?;
    for tag in [b"cmap", b"OS/2", b"name"] {
        if font.table_data(Tag::new(tag)).is_none() {
            return Err(format!("has no {} table", String::from_utf8_lossy(tag)));
        }
    }
    let family = [StringId::TYPOGRAPHIC_FAMILY_NAME, StringId::FAMILY_NAME]
        .into_iter()
        .find_map(|id| font.localized_strings(id).english_or_first())
        .map(|s| s.to_string());
    if family.as_deref() != Some(rule_family) {
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
    faces: &BTreeMap<(String, String), Vec<u8>>,
) -> Result<(), String> {
    let content: String = element
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    let number = |node: &roxmltree::Node, name: &str| {
        node.attribute(name).and_then(|v| v.parse::<f32>().ok())
    };
    let (Some(x), Some(y), Some(size)) = (
        number(element, "x"),
        number(element, "y"),
        number(element, "font-size"),
    ) else {
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
    // The runs: the element's own text, then each <tspan> at its own x.
    let face_of = |node: &roxmltree::Node| {
        let family = node.attribute("font-family").unwrap_or_default();
        let first = family.split(',').next().unwrap_or_default();
        let first = first.trim().trim_matches('\'').to_string();
        (
            first,
            node.attribute("font-weight").unwrap_or("400").to_string(),
        )
    };
    let mut runs: Vec<(String, (String, String), Option<f32>)> = Vec::new();
    for child in element.children() {
        if child.is_text() {
            let text = child.text().unwrap_or_default().to_string();
            runs.push((text, face_of(element), None));
        } else if child.has_tag_name("tspan") {
            let text: String = (child.descendants())
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect();
            runs.push((text, face_of(&child), number(&child, "x")));
        }
    }
    let mut width = 0.0_f32;
    for (text, face, run_x) in &runs {
        if let Some(run_x) = run_x {
            // The run starts where the runs before it end.
            if !near(*run_x, line.origin.x + width) {
                return Err(format!(
                    "{content:?}: the run {text:?} starts at {run_x}, where the line has reached {}",
                    line.origin.x + width
                ));
            }
        }
        let Some(data) = faces.get(face) else {
            return Err(format!("{content:?}: no embedded font for {face:?}"));
        };
        width += run_width(text, data, line.size)
            .map_err(|problem| format!("{content:?}: the {face:?} font {problem}"))?;
    }
    if !near(width, line.width) {
        return Err(format!(
            "{content:?} is {width:.3} pt wide in its embedded fonts, measured {:.3} pt",
            line.width
        ));
    }
    Ok(())
}

/// How wide `text` is when shaped with the font `data` at `size` pt (the scene's size, not
/// the element's: the writer rounds sizes to 0.001 pt, which alone moves the end of a long
/// line by up to 0.03 pt; the size is checked above).
fn run_width(text: &str, data: &[u8], size: f32) -> Result<f32, String> {
    let font = FontRef::new(data).map_err(|e| e.to_string())?;
    let shaper_data = ShaperData::new(&font);
    let shaper = shaper_data.shaper(&font).build();
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    let output = shaper.shape(buffer, ShapeOptions::new());
    if output.glyph_infos().iter().any(|g| g.glyph_id == 0) {
        return Err("lacks some of its characters".to_string());
    }
    let units_per_em = f32::from(font.head().map_err(|e| e.to_string())?.units_per_em());
    let units: i64 = output
        .glyph_positions()
        .iter()
        .map(|p| i64::from(p.x_advance))
        .sum();
    Ok(units as f32 * size / units_per_em)
}
