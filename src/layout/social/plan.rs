//! Measuring an image's parts and choosing the largest type that fits.
//!
//! Design sizes are written in px of an image 1080 px wide and scale with the image's
//! width. One type scale sets every text: it starts where the image looks best and comes
//! down step by step until the title, the stages and the address fit, never under the
//! image's smallest size. The stages stand in one column, or two when that keeps the type
//! larger.

use super::{px_to_pt, SocialSize, MOST_STAGES};
use crate::error::Part;
use crate::layout::block::Block;
use crate::model::{Cost, Label, Place, Roadmap};
use crate::scene::{Rect, Weight};
use crate::text::Fonts;

/// The largest sizes of each text, px at 1080 px wide: at the type scale's top.
const TITLE: f32 = 68.0;
const SUBTITLE: f32 = 34.0;
const STAGE: f32 = 44.0;
const COUNT: f32 = 32.0;
const ADDRESS: f32 = 32.0;

/// The accent bar over the title: its width and height, and the space under it, px.
pub(super) const BAR: (f32, f32, f32) = (96.0, 10.0, 28.0);
/// Between the title and the subtitle, px.
pub(super) const ABOVE_SUBTITLE: f32 = 14.0;
/// Between the header and the stages, and between the stages and the footer, px.
const HEADER_GAP: f32 = 44.0;
const FOOTER_GAP: f32 = 36.0;
/// The footer's rule and the space under it, px.
pub(super) const RULE: (f32, f32) = (2.0, 20.0);
/// Between two columns of stages, and between a marker and its stage's words, px.
const COLUMN_GAP: f32 = 48.0;
pub(super) const BESIDE_MARKER: f32 = 28.0;
/// Between a stage's title and its count, px.
pub(super) const ABOVE_COUNT: f32 = 6.0;
/// The least space between two stages, px.
const ROW_GAP: f32 = 16.0;
/// The header logo's height, px, and the most of the width the logos may take.
const LOGO: f32 = 80.0;
const LOGO_WIDE: f32 = 64.0;
const LOGOS_SHARE: f32 = 0.34;
/// Between the logos and the title, px.
pub(super) const LOGO_GAP: f32 = 32.0;
/// A stage marker's diameter, as a multiple of the stage title's size.
const MARKER: f32 = 1.8;
/// The most lines of a stage's title and of its count.
const STAGE_LINES: usize = 2;
/// How much smaller the stages' type may come out for the subtitle to stay.
const SUBTITLE_COST: f32 = 0.1;
/// The type scale's steps, and its top: a roadmap of few stages gets larger type.
const STEP: f32 = 0.02;
const LARGEST: f32 = 1.3;

/// How much of the space between the parts an image of `size` keeps: the wide image is
/// short, and its stages need the height more than its gaps do.
fn airiness(size: SocialSize) -> f32 {
    match size {
        SocialSize::Wide => 0.6,
        SocialSize::Square | SocialSize::Tall => 1.0,
    }
}

/// The most lines the title may take on an image of `size`.
pub(super) fn title_lines(size: SocialSize) -> usize {
    match size {
        SocialSize::Wide => 2,
        SocialSize::Square | SocialSize::Tall => 3,
    }
}

/// One row of the road: a stage with its count of offers, or how many stages more the
/// roadmap has.
pub(super) struct Row<'f> {
    /// The stage's index, or `None` for the row of stages left out.
    pub stage: Option<usize>,
    pub title: Block<'f>,
    pub count: Option<Block<'f>>,
    /// The row's height, pt.
    pub height: f32,
}

impl Row<'_> {
    /// The height of its words, pt.
    pub fn text_height(&self, unit: f32) -> f32 {
        self.title.height()
            + self
                .count
                .as_ref()
                .map_or(0.0, |c| ABOVE_COUNT * unit + c.height())
    }
}

/// An image measured at one type scale and column count, ready to draw.
pub(super) struct Plan<'f> {
    /// The image's width and height, pt.
    pub width: f32,
    pub height: f32,
    /// The area inside the margins.
    pub frame: Rect,
    /// pt per design px.
    pub unit: f32,
    /// The share of the design's space between parts kept ([`airiness`]).
    pub air: f32,
    /// The header logos' sizes (width, height), pt, by index in the roadmap's logos.
    pub logos: Vec<(usize, f32, f32)>,
    pub title: Block<'f>,
    pub subtitle: Option<Block<'f>>,
    pub rows: Vec<Row<'f>>,
    /// Rows in each column but the last.
    pub per_column: usize,
    pub columns: usize,
    /// A marker's diameter, pt.
    pub marker: f32,
    /// Between two rows, pt.
    pub gap: f32,
    /// The area the stages stand in, pt.
    pub body: Rect,
    /// Where the full roadmap lives, in words.
    pub address: Option<Block<'f>>,
    /// The type scale the plan was made at.
    scale: f32,
}

/// What the plan is made of, for one try.
struct Try {
    scale: f32,
    columns: usize,
    subtitle: bool,
}

impl<'f> Plan<'f> {
    /// The largest plan that fits an image of `size`, markers whose numbers are set at
    /// `number` times their diameter; or the part that does not fit.
    pub fn fit(roadmap: &'f Roadmap, size: SocialSize, number: f32) -> Result<Plan<'f>, Part> {
        if Plan::title(roadmap, size, size.min_text_pt()).is_none() {
            return Err(Part::Title);
        }
        let search = |subtitle: bool| {
            let steps = (LARGEST / STEP) as usize;
            (0..=steps).find_map(|step| {
                let scale = LARGEST - step as f32 * STEP;
                (1..=2).find_map(|columns| {
                    let at = Try {
                        scale,
                        columns,
                        subtitle,
                    };
                    Plan::at(roadmap, size, number, &at)
                })
            })
        };
        let with = roadmap.subtitle.as_ref().and_then(|_| search(true));
        let without = search(false);
        match (with, without) {
            (Some(with), Some(without)) if with.scale >= without.scale - SUBTITLE_COST => Ok(with),
            (_, Some(without)) => Ok(without),
            (Some(with), None) => Ok(with),
            (None, None) => Err(Part::Stage),
        }
    }

    /// The title set at the largest size from `most` pt down that fits its lines without
    /// a broken word, none under the image's smallest; `None` when none does.
    pub fn title(roadmap: &'f Roadmap, size: SocialSize, most: f32) -> Option<Block<'f>> {
        let unit = unit(size);
        let frame = frame(size);
        let beside = logo_row(roadmap, size, frame.width).0;
        let room = frame.width
            - if beside > 0.0 {
                beside + LOGO_GAP * unit
            } else {
                0.0
            };
        let least = size.min_text_pt();
        let steps = ((most - least) / unit).max(0.0) as usize;
        let fonts = roadmap.text_fonts();
        (0..=steps)
            .map(|step| (most - step as f32 * unit).max(least))
            .map(|pt| Block::new(fonts, &roadmap.title, Weight::Bold, pt, 1.12, room))
            .find(|block| block.lines.len() <= title_lines(size) && !block.broken)
    }

    /// The plan at one type scale, column count and with or without the subtitle, if it
    /// fits.
    fn at(roadmap: &'f Roadmap, size: SocialSize, number: f32, at: &Try) -> Option<Plan<'f>> {
        let unit = unit(size);
        let least = size.min_text_pt();
        let sized = |px: f32| (px * unit * at.scale).max(least);
        let fonts = roadmap.text_fonts();
        let frame = frame(size);
        let (logos_width, logos_height, logos) = logo_row(roadmap, size, frame.width);
        let room = frame.width
            - if logos_width > 0.0 {
                logos_width + LOGO_GAP * unit
            } else {
                0.0
            };
        let title = Plan::title(roadmap, size, sized(TITLE))?;
        let subtitle = match (&roadmap.subtitle, at.subtitle) {
            (Some(text), true) => {
                let block = Block::new(fonts, text, Weight::Regular, sized(SUBTITLE), 1.2, room);
                if block.lines.len() > 2 || block.broken {
                    return None;
                }
                Some(block)
            }
            _ => None,
        };
        let air = airiness(size);
        let text = (BAR.1 + BAR.2 * air) * unit
            + title.height()
            + subtitle
                .as_ref()
                .map_or(0.0, |s| ABOVE_SUBTITLE * unit + s.height());
        let header = text.max(logos_height);
        let address = (roadmap.online.as_ref()).map(|url| {
            let words = url.display();
            Block::new(fonts, words, Weight::Bold, sized(ADDRESS), 1.2, frame.width)
        });
        let footer = address.as_ref().map_or(0.0, |a| {
            (RULE.0 + RULE.1 * air) * unit + a.height() + FOOTER_GAP * air * unit
        });
        let top = frame.y + header + HEADER_GAP * air * unit;
        let body = Rect::new(frame.x, top, frame.width, frame.bottom() - footer - top);
        let stage_pt = sized(STAGE);
        let marker = (stage_pt * MARKER).max(least / number.max(0.1) * 1.02);
        let columns = at.columns;
        let column_width =
            (frame.width - (columns - 1) as f32 * COLUMN_GAP * unit) / columns as f32;
        let words = column_width - marker - BESIDE_MARKER * unit;
        let rows = rows(roadmap, fonts, stage_pt, sized(COUNT), words, marker, unit)?;
        let per_column = rows.len().div_ceil(columns);
        if columns > 1 && rows.len() < 3 {
            return None;
        }
        // Each column must hold its stages at the least gap; spare room goes between the
        // stages, up to a little under a marker's height, the same in every column.
        let least_gap = ROW_GAP * air * unit;
        let mut gap = marker * 0.8;
        for column in rows.chunks(per_column) {
            let heights: f32 = column.iter().map(|r| r.height).sum();
            let gaps = (column.len() - 1) as f32;
            if body.height <= 0.0 || heights + gaps * least_gap > body.height {
                return None;
            }
            if gaps > 0.0 {
                gap = gap.min((body.height - heights) / gaps);
            }
        }
        let (width, height) = size.size_pt();
        Some(Plan {
            width,
            height,
            frame,
            unit,
            air,
            logos,
            title,
            subtitle,
            rows,
            per_column,
            columns,
            marker,
            gap,
            body,
            address,
            scale: at.scale,
        })
    }

    /// The width of a column of stages, pt.
    pub fn column_width(&self) -> f32 {
        let columns = self.columns as f32;
        (self.frame.width - (columns - 1.0) * COLUMN_GAP * self.unit) / columns
    }

    /// The left edge of column `index`, pt.
    pub fn column_x(&self, index: usize) -> f32 {
        self.frame.x + index as f32 * (self.column_width() + COLUMN_GAP * self.unit)
    }
}

/// pt per design px on an image of `size`.
fn unit(size: SocialSize) -> f32 {
    let (w, _) = size.pixels();
    px_to_pt(w as f32 / 1080.0)
}

/// The area inside the margins: 6.5 % of each side, inside the 5–8 % that platforms'
/// cropping and rounded corners leave alone.
fn frame(size: SocialSize) -> Rect {
    let (w, h) = size.size_pt();
    let (mx, my) = (w * 0.065, h * 0.065);
    Rect::new(mx, my, w - 2.0 * mx, h - 2.0 * my)
}

/// The header logos in a row: its width and height, pt, and each logo's index in the
/// roadmap's logos with its width and height. At most [`LOGOS_SHARE`] of the frame's width;
/// smaller logos rather than a squeezed title.
fn logo_row(roadmap: &Roadmap, size: SocialSize, frame: f32) -> (f32, f32, Vec<(usize, f32, f32)>) {
    let unit = unit(size);
    let tall = match size {
        SocialSize::Wide => LOGO_WIDE,
        SocialSize::Square | SocialSize::Tall => LOGO,
    } * unit;
    let header: Vec<(usize, f32)> = (roadmap.logos.iter().enumerate())
        .filter(|(_, logo)| logo.place == Place::Header)
        .map(|(i, logo)| (i, logo.image.aspect()))
        .collect();
    if header.is_empty() {
        return (0.0, 0.0, Vec::new());
    }
    let gap = LOGO_GAP * unit / 2.0;
    let gaps = gap * (header.len() - 1) as f32;
    let aspects: f32 = header.iter().map(|(_, a)| a).sum();
    let height = tall.min((frame * LOGOS_SHARE - gaps) / aspects.max(0.01));
    let logos: Vec<(usize, f32, f32)> = (header.iter())
        .map(|&(i, aspect)| (i, height * aspect, height))
        .collect();
    let width = logos.iter().map(|l| l.1).sum::<f32>() + gaps;
    (width, height, logos)
}

/// The rows of the road: every stage, or the first seven and the row of the rest when
/// there are more than [`MOST_STAGES`]; `None` when a stage's words do not fit their lines.
fn rows<'f>(
    roadmap: &'f Roadmap,
    fonts: &'f Fonts,
    stage_pt: f32,
    count_pt: f32,
    width: f32,
    marker: f32,
    unit: f32,
) -> Option<Vec<Row<'f>>> {
    let stages = &roadmap.stages;
    let shown = if stages.len() > MOST_STAGES {
        MOST_STAGES - 1
    } else {
        stages.len()
    };
    let labels = &roadmap.labels;
    let fits = |block: &Block| block.lines.len() <= STAGE_LINES && !block.broken;
    let row = |stage: Option<usize>, title: Block<'f>, count: Option<Block<'f>>| {
        let mut row = Row {
            stage,
            title,
            count,
            height: 0.0,
        };
        row.height = row.text_height(unit).max(marker);
        row
    };
    let mut rows = Vec::with_capacity(shown + 1);
    for (i, stage) in stages.iter().enumerate().take(shown) {
        let title = Block::new(fonts, &stage.title, Weight::Bold, stage_pt, 1.15, width);
        let count = offer_count(stage, labels)
            .map(|words| Block::new(fonts, &words, Weight::Regular, count_pt, 1.2, width));
        if !fits(&title) || !count.as_ref().is_none_or(fits) {
            return None;
        }
        rows.push(row(Some(i), title, count));
    }
    if shown < stages.len() {
        let words = labels.count(Label::MoreStages, stages.len() - shown);
        let title = Block::new(fonts, &words, Weight::Bold, stage_pt, 1.15, width);
        if !fits(&title) {
            return None;
        }
        rows.push(row(None, title, None));
    }
    Some(rows)
}

/// A stage's count line, "6 offers · 4 free"; `None` for a stage without offers.
pub(super) fn offer_count(
    stage: &crate::model::Stage,
    labels: &crate::model::Labels,
) -> Option<String> {
    let offers = stage.offers.len();
    let free = stage.offers.iter().filter(|o| o.cost == Cost::Free).count();
    let count = match offers {
        0 => return None,
        1 => labels.get(Label::OneOffer).to_string(),
        n => labels.count(Label::Offers, n),
    };
    Some(match free {
        0 => count,
        n => format!("{count} · {}", labels.count(Label::FreeOffers, n)),
    })
}
