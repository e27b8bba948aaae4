//! Drawing a measured image: the header, the road of stages and the address.

use super::alt::alt_text;
use super::plan::{Plan, Row, ABOVE_COUNT, ABOVE_SUBTITLE, BAR, BESIDE_MARKER, LOGO_GAP, RULE};
use crate::layout::marker::marker;
use crate::layout::preset::Preset;
use crate::model::Roadmap;
use crate::scene::{
    with_role, Date, Item, Metadata, Path, Picture, Point, Rect, Role, Scene, Segment, Shape,
    Stroke,
};

/// The image as a scene.
pub(super) fn draw(roadmap: &Roadmap, preset: &Preset, plan: &Plan) -> Scene {
    let p = &preset.palette;
    let unit = plan.unit;
    let frame = plan.frame;
    let mut items = Vec::new();
    // The accent bar, in the first stage's colour, marks where the eye starts.
    let bar = Rect::new(frame.x, frame.y, BAR.0 * unit, BAR.1 * unit);
    items.push(fill(Path::rounded_rect(bar, bar.height / 2.0), p.stage(0)));
    let mut x = frame.right();
    for &(index, width, height) in plan.logos.iter().rev() {
        x -= width;
        let logo = &roadmap.logos[index];
        items.push(Item::Image(Picture {
            rect: Rect::new(x, frame.y, width, height),
            image: logo.image.clone(),
            alt: logo.alt.clone(),
            role: Role::Title,
            min_height: 0.0,
        }));
        x -= LOGO_GAP * unit / 2.0;
    }
    let mut y = frame.y + (BAR.1 + BAR.2 * plan.air) * unit;
    items.extend(with_role(
        plan.title.place(frame.x, y, p.text.0),
        Role::Title,
    ));
    y += plan.title.height();
    if let Some(subtitle) = &plan.subtitle {
        y += ABOVE_SUBTITLE * unit;
        let lines = subtitle.place(frame.x, y, p.muted.0);
        items.extend(with_role(lines, Role::Subtitle));
    }
    items.extend(road(roadmap, preset, plan));
    if let Some(address) = &plan.address {
        let top = frame.bottom() - address.height() - (RULE.1 * plan.air + RULE.0) * unit;
        let rule = Rect::new(frame.x, top, frame.width, RULE.0 * unit);
        items.push(fill(Path::rect(rule), p.card_border.0));
        let words = address.place(frame.x, frame.bottom() - address.height(), p.link.0);
        items.extend(with_role(words, Role::Footer));
    }
    Scene {
        width: plan.width,
        height: plan.height,
        background: p.page.0,
        frame,
        items,
        faces: roadmap.text_fonts().scene_faces(),
        metadata: Metadata {
            title: roadmap.title.clone(),
            subject: alt_text(roadmap),
            author: roadmap.author.clone().unwrap_or_default(),
            language: roadmap.language.clone(),
            date: roadmap.updated.as_deref().and_then(Date::parse),
        },
        sheet: None,
    }
}

/// The stages: in each column a road through their markers, and beside each marker the
/// stage's title and count.
fn road(roadmap: &Roadmap, preset: &Preset, plan: &Plan) -> Vec<Item> {
    let p = &preset.palette;
    let unit = plan.unit;
    let d = plan.marker;
    let fonts = roadmap.text_fonts();
    let mut items = Vec::new();
    let mut markers = Vec::new();
    let mut words = Vec::new();
    for (c, column) in plan.rows.chunks(plan.per_column.max(1)).enumerate() {
        let x = plan.column_x(c);
        // The tallest column stands in the middle of the body; the others level with it.
        let tallest = (plan.rows.chunks(plan.per_column.max(1)))
            .map(|col| {
                let rows: f32 = col.iter().map(|r| r.height).sum();
                rows + plan.gap * (col.len() - 1) as f32
            })
            .fold(0.0, f32::max);
        let mut top = plan.body.y + (plan.body.height - tallest) / 2.0;
        let mut centres = Vec::with_capacity(column.len());
        for row in column {
            let centre = Point::new(x + d / 2.0, top + row.height / 2.0);
            centres.push(centre);
            let text_x = x + d + BESIDE_MARKER * unit;
            let text_top = centre.y - row.text_height(unit) / 2.0;
            words.extend(row_words(row, text_x, text_top, unit, preset));
            markers.extend(match row.stage {
                Some(i) => marker(fonts, i + 1, centre, d, p.stage(i), preset),
                None => more_marker(centre, d, preset),
            });
            top += row.height + plan.gap;
        }
        if let (Some(first), Some(last)) = (centres.first(), centres.last()) {
            if centres.len() > 1 {
                items.extend(road_between(*first, *last, d, preset));
            }
        }
    }
    items.extend(markers);
    items.extend(words);
    items
}

/// A stage's title and count, or the words for the stages left out, the first line box's
/// top at `top`.
fn row_words(row: &Row, x: f32, top: f32, unit: f32, preset: &Preset) -> Vec<Item> {
    let p = &preset.palette;
    let Some(stage) = row.stage else {
        return row.title.place(x, top, p.muted.0);
    };
    let mut items = with_role(row.title.place(x, top, p.text.0), Role::StageTitle(stage));
    if let Some(count) = &row.count {
        let below = top + row.title.height() + ABOVE_COUNT * unit;
        let lines = count.place(x, below, p.muted.0);
        items.extend(with_role(lines, Role::StageSummary(stage)));
    }
    items
}

/// The road from the first marker's centre to the last's: the road's surface with its
/// dashed centre line, in the layout's colours.
fn road_between(from: Point, to: Point, d: f32, preset: &Preset) -> Vec<Item> {
    let p = &preset.palette;
    let path = Path {
        segments: vec![Segment::MoveTo(from), Segment::LineTo(to)],
    };
    let line = |color, width, dash| {
        Item::Shape(Shape {
            path: path.clone(),
            fill: None,
            stroke: Some(Stroke {
                color,
                width,
                dash,
                round: false,
            }),
        })
    };
    vec![
        line(p.road.0, d * 0.46, None),
        line(p.road_line.0, d * 0.05, Some((d * 0.16, d * 0.16))),
    ]
}

/// The marker of the stages left out: a ring on the road with three dots, no number.
fn more_marker(centre: Point, d: f32, preset: &Preset) -> Vec<Item> {
    let p = &preset.palette;
    let radius = d * preset.marker.radius.get();
    let mut items = vec![Item::Shape(Shape {
        path: Path::circle(centre, radius - d * 0.04),
        fill: Some(p.page.0),
        stroke: Some(Stroke {
            color: p.muted.0,
            width: d * 0.08,
            dash: None,
            round: false,
        }),
    })];
    for step in [-1.0, 0.0, 1.0] {
        let dot = Point::new(centre.x + step * d * 0.2, centre.y);
        items.push(fill(Path::circle(dot, d * 0.06), p.muted.0));
    }
    items
}

/// A shape filled with one colour.
fn fill(path: Path, color: crate::scene::Color) -> Item {
    Item::Shape(Shape {
        path,
        fill: Some(color),
        stroke: None,
    })
}
