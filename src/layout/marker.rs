//! Numbered stage markers, shared by every style.

use super::preset::Preset;
use crate::scene::{Color, Item, Path, Point, Role, Shape, Stroke, Text, Weight};
use crate::text::{self, Style};

/// The marker of the stage numbered `number` (from 1).
pub(super) fn marker(
    number: usize,
    center: Point,
    diameter: f32,
    accent: Color,
    preset: &Preset,
) -> Vec<Item> {
    let p = &preset.palette;
    let style = Style::new(Weight::Bold, diameter * 0.5);
    let line = text::shape(&number.to_string(), style);
    let origin = Point::new(
        center.x - line.width / 2.0,
        center.y + (style.ascent() - style.descent()) / 2.0 - style.size * 0.08,
    );
    vec![
        // The ring is drawn inside the marker's diameter, so the marker keeps to the margins.
        Item::Shape(Shape {
            path: Path::circle(center, diameter * 0.46),
            fill: Some(accent),
            stroke: Some(Stroke {
                color: p.page.0,
                width: diameter * 0.08,
                dash: None,
                round: false,
            }),
        }),
        Item::Text(Text {
            role: Role::StageNumber(number - 1),
            ..text::place(line, style, origin, p.stage_text.0)
        }),
    ]
}
