//! Badges (cost, level) and tag chips, and a flow that wraps them into rows.

use super::block::baseline_offset;
use super::icons;
use super::preset::{Chips, Preset};
use crate::model::{Cost, Icon, Label, Labels};
use crate::scene::{Color, Item, Path, Point, Rect, Shape, Stroke, Weight};
use crate::text::{self, Fonts, Line, Style};

/// The badge for a cost, in the page's words and the preset's fixed pair of colours.
pub fn cost_chip(cost: &Cost, labels: &Labels, style: ChipStyle, preset: &Preset) -> Chip {
    let p = &preset.palette;
    let (fill, color) = match cost {
        Cost::Free => (p.free.0, p.free_text.0),
        Cost::Chargeable { .. } => (p.chargeable.0, p.chargeable_text.0),
    };
    Chip::pill(&cost.label(labels), style, fill, color)
}

/// The badge of an offer new since an earlier edition: the word, in the page's language,
/// so that it is not told by colour alone, in the page's text colour inverted.
pub fn new_chip(labels: &Labels, style: ChipStyle, preset: &Preset) -> Chip {
    let p = &preset.palette;
    Chip::pill(labels.get(Label::New), style, p.new.0, p.new_text.0)
}

/// Something small placed in a row: a pill with a word, or an icon with a label.
#[derive(Debug, Clone)]
pub enum Chip {
    /// A filled pill with a word in it.
    Pill {
        /// The word.
        line: Line,
        /// Pill colour.
        fill: Color,
        /// Word colour.
        color: Color,
    },
    /// A plain label.
    Text {
        /// The label.
        line: Line,
        /// Its colour.
        color: Color,
    },
    /// An icon followed by a label, or, for a tag without an icon, the label in an
    /// outlined pill.
    Tag {
        /// The icon, if the tag has one.
        icon: Option<Icon>,
        /// The label.
        line: Line,
        /// Icon and label colour.
        color: Color,
    },
}

/// Geometry shared by every chip of one size, pt.
#[derive(Debug, Clone, Copy)]
pub struct ChipStyle<'f> {
    /// The text style.
    pub style: Style<'f>,
    /// Height of a chip row.
    pub height: f32,
    /// Between one chip (or group) and the next.
    pub gap: f32,
    /// Between the chips of one group.
    pub pair_gap: f32,
    /// Between rows.
    pub row_gap: f32,
    /// Inside a pill, left and right.
    pub pad: f32,
    /// A tag's icon.
    pub icon_size: f32,
    /// Between a tag's icon and its label.
    pub icon_gap: f32,
    /// Inside an outlined tag, left and right: less than a pill's, as its label is lighter.
    pub outline_pad: f32,
    /// An outlined tag's line width.
    pub outline_width: f32,
}

impl<'f> ChipStyle<'f> {
    /// Chips whose text is `size` pt, shaped as the preset's `[chip]` says.
    pub fn new(fonts: &'f Fonts, size: f32, chip: &Chips) -> Self {
        ChipStyle {
            style: Style::new(fonts, Weight::Bold, size),
            height: size * chip.height.0,
            gap: size * chip.gap.0,
            pair_gap: size * chip.pair_gap.0,
            row_gap: size * chip.row_gap.0,
            pad: size * chip.padding.0,
            icon_size: size * chip.icon.0,
            icon_gap: size * chip.icon_gap.0,
            outline_pad: size * chip.outline_padding.0,
            outline_width: size * chip.outline.0,
        }
    }
}

impl Chip {
    /// A pill with `word`.
    pub fn pill(word: &str, style: ChipStyle, fill: Color, color: Color) -> Chip {
        Chip::Pill {
            line: text::shape(word, style.style),
            fill,
            color,
        }
    }

    /// An icon with a regular-weight label; without an icon, the label in an outline.
    pub fn tag(icon: Option<Icon>, label: &str, style: ChipStyle, color: Color) -> Chip {
        Chip::Tag {
            icon,
            line: text::shape(label, style.style.with_weight(Weight::Regular)),
            color,
        }
    }

    /// A label with no icon, to explain the chip before it.
    pub fn tag_text(label: &str, style: ChipStyle, color: Color) -> Chip {
        Chip::Text {
            line: text::shape(label, style.style.with_weight(Weight::Regular)),
            color,
        }
    }

    /// The chip's width, in pt.
    pub fn width(&self, style: ChipStyle) -> f32 {
        match self {
            Chip::Pill { line, .. } => line.width + 2.0 * style.pad,
            Chip::Tag {
                icon: Some(_),
                line,
                ..
            } => style.icon_size + style.icon_gap + line.width,
            Chip::Tag {
                icon: None, line, ..
            } => line.width + 2.0 * style.outline_pad,
            Chip::Text { line, .. } => line.width,
        }
    }

    /// The chip as scene items with its top-left corner at `at`.
    pub fn place(&self, at: Point, style: ChipStyle) -> Vec<Item> {
        let h = style.height;
        match self {
            Chip::Pill { line, fill, color } => {
                let rect = Rect::new(at.x, at.y, self.width(style), h);
                let baseline = at.y + baseline_offset(style.style, h);
                vec![
                    Item::Shape(Shape {
                        path: Path::rounded_rect(rect, h / 2.0),
                        fill: Some(*fill),
                        stroke: None,
                    }),
                    Item::Text(text::place(
                        line.clone(),
                        style.style,
                        Point::new(at.x + style.pad, baseline),
                        *color,
                    )),
                ]
            }
            Chip::Text { line, color } => {
                let label_style = style.style.with_weight(Weight::Regular);
                vec![Item::Text(text::place(
                    line.clone(),
                    label_style,
                    Point::new(at.x, at.y + baseline_offset(label_style, h)),
                    *color,
                ))]
            }
            Chip::Tag {
                icon: None,
                line,
                color,
            } => {
                // The border sits inside the chip's box, so the chip is as wide as measured.
                let inset = style.outline_width / 2.0;
                let rect = Rect::new(
                    at.x + inset,
                    at.y + inset,
                    self.width(style) - 2.0 * inset,
                    h - 2.0 * inset,
                );
                let label_style = style.style.with_weight(Weight::Regular);
                vec![
                    Item::Shape(Shape {
                        path: Path::rounded_rect(rect, h / 2.0 - inset),
                        fill: None,
                        stroke: Some(Stroke {
                            color: *color,
                            width: style.outline_width,
                            dash: None,
                            round: false,
                        }),
                    }),
                    Item::Text(text::place(
                        line.clone(),
                        label_style,
                        Point::new(
                            at.x + style.outline_pad,
                            at.y + baseline_offset(label_style, h),
                        ),
                        *color,
                    )),
                ]
            }
            Chip::Tag {
                icon: Some(icon),
                line,
                color,
            } => {
                let size = style.icon_size;
                let mut items = icons::draw(
                    *icon,
                    Point::new(at.x, at.y + (h - size) / 2.0),
                    size,
                    *color,
                );
                let label_style = style.style.with_weight(Weight::Regular);
                items.push(Item::Text(text::place(
                    line.clone(),
                    label_style,
                    Point::new(
                        at.x + size + style.icon_gap,
                        at.y + baseline_offset(label_style, h),
                    ),
                    *color,
                )));
                items
            }
        }
    }
}

/// Chips placed left to right, wrapping to a new row when the width runs out.
pub struct Flow {
    /// Each chip with its top-left corner relative to the flow's origin.
    pub placed: Vec<(Chip, Point)>,
    /// The group each chip of `placed` came in, from 0.
    pub groups: Vec<usize>,
    /// Total height, in pt (0 for no chips).
    pub height: f32,
}

impl Flow {
    /// Arranges the chips within `width` pt.
    ///
    /// Each group (a badge and the words explaining it, say) moves to a new row as a whole
    /// when it does not fit on the current one.
    pub fn new(groups: Vec<Vec<Chip>>, style: ChipStyle, width: f32) -> Flow {
        let mut placed = Vec::new();
        let mut groups_of = Vec::new();
        let (mut x, mut y) = (0.0, 0.0);
        let row = style.height + style.row_gap;
        for (g, group) in groups.into_iter().enumerate() {
            let w: f32 = group.iter().map(|c| c.width(style)).sum::<f32>()
                + style.pair_gap * group.len().saturating_sub(1) as f32;
            if x > 0.0 && x + w > width {
                x = 0.0;
                y += row;
            }
            for chip in group {
                let cw = chip.width(style);
                placed.push((chip, Point::new(x, y)));
                groups_of.push(g);
                x += cw + style.pair_gap;
            }
            x += style.gap - style.pair_gap;
        }
        let height = if placed.is_empty() {
            0.0
        } else {
            y + style.height
        };
        Flow {
            placed,
            groups: groups_of,
            height,
        }
    }

    /// The chips as scene items, one list per group, the flow's origin at `at`.
    pub fn place(&self, at: Point, style: ChipStyle) -> Vec<Vec<Item>> {
        let mut out: Vec<Vec<Item>> = Vec::new();
        for ((chip, p), &group) in self.placed.iter().zip(&self.groups) {
            if out.len() <= group {
                out.resize_with(group + 1, Vec::new);
            }
            out[group].extend(chip.place(Point::new(at.x + p.x, at.y + p.y), style));
        }
        out
    }
}
