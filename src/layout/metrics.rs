//! Every measure the layout uses, made once per type scale from the preset: its
//! millimetres turned into points, its type sizes scaled, and its ratios applied. The
//! styles and shared parts read their measures from here and write none of their own.

use super::badge::ChipStyle;
use super::preset::{Mm, Preset};
use super::MIN_TEXT_PT;
use crate::text::Fonts;
use crate::units::pt_from_mm;

/// A preset's length in pt.
pub(crate) fn pt(length: Mm) -> f32 {
    pt_from_mm(length.0)
}

/// The preset's measures at one fitting scale, in pt; type never below the minimum.
#[derive(Debug, Clone, Copy)]
pub struct Metrics<'f> {
    /// The faces every text is set in.
    pub fonts: &'f Fonts,
    /// Page title.
    pub title: f32,
    /// Subtitle.
    pub subtitle: f32,
    /// Stage titles.
    pub stage: f32,
    /// Card titles.
    pub card_title: f32,
    /// Card body text.
    pub body: f32,
    /// Badges, legend, links, footer.
    pub small: f32,
    /// Line spacing multiples.
    pub lines: Lines,
    /// The scale these measures were made with.
    pub scale: f32,
    /// Between cards.
    pub gutter: f32,
    /// Between stages.
    pub stage_gap: f32,
    /// Between the header and the stages (and the stages and the footer).
    pub header_gap: f32,
    /// The line above the footer.
    pub rule: f32,
    /// Offer cards.
    pub card: CardMetrics,
    /// Badges and tag chips.
    pub chip: ChipStyle<'f>,
    /// The road, its markers and stems.
    pub road: RoadMetrics,
    /// Gaps that follow the type.
    pub space: SpaceMetrics,
}

/// Line spacing, as multiples of the size.
#[derive(Debug, Clone, Copy)]
pub struct Lines {
    /// Running text: providers, descriptions, summaries.
    pub body: f32,
    /// The page title.
    pub title: f32,
    /// Stage and card titles.
    pub heading: f32,
    /// The subtitle and the footer.
    pub subtitle: f32,
    /// Printed links.
    pub link: f32,
}

/// Offer cards, pt.
#[derive(Debug, Clone, Copy)]
pub struct CardMetrics {
    /// Corner radius.
    pub radius: f32,
    /// Inner padding, shrinking with the type below scale 1.
    pub padding: f32,
    /// Outline width.
    pub border: f32,
    /// The stage-coloured edge.
    pub accent: f32,
    /// The narrowest a card may be.
    pub min_width: f32,
    /// The most cards side by side.
    pub columns: usize,
}

/// The road and its markers, pt.
#[derive(Debug, Clone, Copy)]
pub struct RoadMetrics {
    /// The road's width.
    pub width: f32,
    /// The centre line's width.
    pub line: f32,
    /// The centre line's dash and gap.
    pub dash: (f32, f32),
    /// A marker's diameter.
    pub marker: f32,
    /// A road stage's heading beside its cards.
    pub heading: f32,
    /// The road style's marker with the room beside it: where a heading or cards start.
    pub side: f32,
    /// Between the road style's marker and what stands beside it, and between a heading
    /// beside the cards and the cards.
    pub side_gap: f32,
    /// A timeline stem's width.
    pub stem: f32,
    /// The timeline arrowhead's length.
    pub arrowhead: f32,
}

/// Gaps that follow the type, pt.
#[derive(Debug, Clone, Copy)]
pub struct SpaceMetrics {
    /// Between a card's parts.
    pub card: f32,
    /// Between a stage's heading and its cards.
    pub heading: f32,
    /// Between a column's marker, title and summary.
    pub marker: f32,
    /// Between a timeline tab's title and the summary below it.
    pub tab: f32,
    /// Between the title and the subtitle.
    pub subtitle: f32,
    /// Between the subtitle (or the title) and the legend.
    pub legend: f32,
    /// Between the footer's rule and its text.
    pub footer: f32,
    /// Between a timeline tab's title and the summary beside it.
    pub tab_beside: f32,
    /// Between the page title and the subtitle beside it.
    pub title_beside: f32,
}

impl<'f> Metrics<'f> {
    /// The measures at `scale`, with text set in `fonts`.
    pub fn new(preset: &Preset, scale: f32, fonts: &'f Fonts) -> Self {
        let t = &preset.type_scale;
        let min = t.minimum.0.max(MIN_TEXT_PT);
        let at = |size: f32| (size * scale).max(min);
        let (body, small, subtitle) = (at(t.card_body.0), at(t.small.0), at(t.subtitle.0));
        let road = &preset.road;
        let width = pt(road.width);
        let gutter = pt(preset.grid.gutter);
        let s = &preset.space;
        let (title, stage) = (at(t.title.0), at(t.stage.0));
        Metrics {
            fonts,
            title,
            subtitle,
            stage,
            card_title: at(t.card_title.0),
            body,
            small,
            lines: Lines {
                body: t.line_height.0,
                title: t.title_line_height.0,
                heading: t.heading_line_height.0,
                subtitle: t.subtitle_line_height.0,
                link: t.link_line_height.0,
            },
            scale,
            gutter,
            stage_gap: pt(preset.grid.stage_gap),
            header_gap: pt(preset.grid.header_gap),
            rule: preset.grid.rule.0,
            card: CardMetrics {
                radius: pt(preset.card.radius),
                padding: pt(preset.card.padding) * scale.min(1.0),
                border: preset.card.border.0,
                accent: pt(preset.card.accent),
                min_width: pt(preset.card.min_width),
                columns: usize::from(preset.card.columns),
            },
            chip: ChipStyle::new(fonts, small, &preset.chip),
            road: RoadMetrics {
                width,
                line: width * road.line.0,
                dash: (pt(road.dash[0]), pt(road.dash[1])),
                marker: pt(road.marker),
                heading: pt(road.heading),
                side: pt(road.marker) + gutter * road.side.0,
                side_gap: gutter * road.side.0,
                stem: width * road.stem.0,
                arrowhead: width * road.arrowhead.0,
            },
            space: SpaceMetrics {
                card: body * s.card.0,
                heading: body * s.heading.0,
                marker: body * s.marker.0,
                tab: body * s.tab.0,
                subtitle: subtitle * s.subtitle.0,
                legend: subtitle * s.legend.0,
                footer: small * s.footer.0,
                tab_beside: stage * s.beside.0,
                title_beside: title * s.beside.0,
            },
        }
    }
}
