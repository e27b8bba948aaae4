//! Numbered stage markers, shared by every style.

use super::preset::Preset;
use crate::scene::{Color, Item, Path, Point, Role, Shape, Stroke, Text, Weight};
use crate::text::{self, Fonts, Style};

/// The marker of the stage numbered `number` (from 1), its number set in `fonts`.
pub(super) fn marker(
    fonts: &Fonts,
    number: usize,
    center: Point,
    diameter: f32,
    accent: Color,
    preset: &Preset,
) -> Vec<Item> {
    let p = &preset.palette;
    let shape = &preset.marker;
    let style = Style::new(fonts, Weight::Bold, diameter * shape.number.0);
    let line = text::shape(&number.to_string(), style);
    let origin = Point::new(
        center.x - line.width / 2.0,
        center.y + (style.ascent() - style.descent()) / 2.0 - style.size * shape.lift.0,
    );
    vec![
        // The ring is drawn inside the marker's diameter, so the marker keeps to the margins.
        Item::Shape(Shape {
            path: Path::circle(center, diameter * shape.radius.0),
            fill: Some(accent),
            stroke: Some(Stroke {
                color: p.page.0,
                width: diameter * shape.ring.0,
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
