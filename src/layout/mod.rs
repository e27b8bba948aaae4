//! Layout: a validated roadmap, a preset and the font metrics become a [`Scene`].
//!
//! The layout knows nothing of output formats. It measures every text with the bundled
//! fonts, then chooses the largest type scale and the card column count that fit the
//! page; when nothing fits even at the preset's minimum size it says what overflows.

mod badge;
mod block;
mod card;
mod header;
pub mod icons;
pub mod preset;
mod road;

pub use preset::Preset;

use crate::error::{Error, Overflow, Result};
use crate::model::{Orientation, PageSize, Roadmap};
use crate::scene::{Metadata, Point, Rect, Scene};
use block::Sizes;
use header::{Footer, Header};
use road::{Arrangement, Geometry};

/// Millimetres to points.
pub(crate) const MM: f32 = 72.0 / 25.4;

/// Choices that override the roadmap file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LayoutOptions {
    /// Paper size instead of the roadmap's `page`. Default: none (use the file's).
    pub page: Option<PageSize>,
    /// Orientation instead of the roadmap's or the preset's. Default: none.
    pub orientation: Option<Orientation>,
}

/// The content area of the page: inside the margins.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    /// Left edge, pt.
    pub x: f32,
    /// Top edge, pt.
    pub y: f32,
    /// Width, pt.
    pub width: f32,
    /// Height, pt.
    pub height: f32,
}

impl Frame {
    /// Right edge, pt.
    pub fn right(&self) -> f32 {
        self.x + self.width
    }

    /// Bottom edge, pt.
    pub fn bottom(&self) -> f32 {
        self.y + self.height
    }
}

/// The page a roadmap is laid out on: its size, name and content frame.
#[derive(Debug, Clone)]
pub struct Page {
    /// Paper size.
    pub size: PageSize,
    /// Orientation.
    pub orientation: Orientation,
    /// Width, pt.
    pub width: f32,
    /// Height, pt.
    pub height: f32,
    /// The area inside the margins.
    pub frame: Frame,
}

impl Page {
    /// The page for a roadmap, a preset and overrides.
    pub fn new(roadmap: &Roadmap, preset: &Preset, options: &LayoutOptions) -> Page {
        let size = options.page.unwrap_or(roadmap.page);
        let orientation = options
            .orientation
            .or(roadmap.orientation)
            .unwrap_or_else(|| preset.orientation.into());
        let (width, height) = size.size_pt(orientation);
        let margin = preset.grid.margin.0 * MM;
        Page {
            size,
            orientation,
            width,
            height,
            frame: Frame {
                x: margin,
                y: margin,
                width: (width - 2.0 * margin).max(1.0),
                height: (height - 2.0 * margin).max(1.0),
            },
        }
    }

    /// "A4 portrait".
    pub fn name(&self) -> String {
        format!("{} {}", self.size.name(), self.orientation.name())
    }
}

/// Lays a roadmap out on one page.
///
/// Fails with [`Error::DoesNotFit`] when the content does not fit even at the preset's
/// smallest type size.
pub fn layout(roadmap: &Roadmap, preset: &Preset, options: &LayoutOptions) -> Result<Scene> {
    let page = Page::new(roadmap, preset, options);
    let (plan, candidates) = fit(roadmap, preset, &page)?;
    Ok(draw(roadmap, preset, &page, &plan, &candidates))
}

/// The chosen type scale.
struct Plan {
    sizes: Sizes,
}

/// What one trial arrangement needs.
struct Trial {
    header: Header,
    footer: Footer,
    bands: Vec<road::Band>,
    gap: f32,
    header_gap: f32,
}

impl Trial {
    fn new(
        roadmap: &Roadmap,
        preset: &Preset,
        page: &Page,
        sizes: &Sizes,
        candidates: &[Arrangement],
    ) -> Trial {
        let frame = &page.frame;
        Trial {
            header: Header::new(roadmap, frame.width, sizes, preset),
            footer: Footer::new(roadmap, frame.width, sizes),
            bands: road::measure(roadmap, frame, candidates, sizes, preset),
            gap: preset.grid.stage_gap.0 * MM,
            header_gap: preset.grid.header_gap.0 * MM,
        }
    }

    /// Space left over on the page (negative when it overflows), pt.
    fn slack(&self, page: &Page) -> f32 {
        let bands: f32 = self.bands.iter().map(|b| b.height).sum();
        let gaps = self.gap * self.bands.len().saturating_sub(1) as f32;
        let footer_gap = if self.footer.height > 0.0 {
            self.header_gap
        } else {
            0.0
        };
        page.frame.height
            - self.header.height
            - self.header_gap
            - bands
            - gaps
            - footer_gap
            - self.footer.height
    }
}

/// The arrangements a page allows: headings beside the cards or above them, with as many
/// card columns as keep cards at the preset's minimum width. The most generous come first.
fn arrangements(roadmap: &Roadmap, preset: &Preset, page: &Page) -> Vec<Arrangement> {
    let min_width = preset.card.min_width.0 * MM;
    let most = roadmap
        .stages
        .iter()
        .map(|s| s.offers.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let max_cols = usize::from(preset.card.columns).min(most).max(1);
    [true, false]
        .into_iter()
        .flat_map(|beside| (1..=max_cols).map(move |columns| Arrangement { columns, beside }))
        .filter(|&a| {
            let geo = Geometry::new(&page.frame, a, preset);
            geo.card_width() >= min_width || (a.columns == 1 && !a.beside)
        })
        .collect()
}

/// Finds the largest type scale that fits, each stage taking its shortest arrangement.
fn fit(roadmap: &Roadmap, preset: &Preset, page: &Page) -> Result<(Plan, Vec<Arrangement>)> {
    let t = &preset.type_scale;
    let min_scale = (t.minimum.0.max(7.0) / t.card_body.0.max(0.1)).min(1.0);
    let max_scale = t.max_scale.0.max(min_scale);
    let candidates = arrangements(roadmap, preset, page);
    let fits = |scale: f32| {
        Trial::new(
            roadmap,
            preset,
            page,
            &Sizes::new(preset, scale),
            &candidates,
        )
        .slack(page)
            >= 0.0
    };
    if !fits(min_scale) {
        return Err(overflow(roadmap, preset, page, min_scale, &candidates));
    }
    // Binary search for the largest scale that fits, to a hundredth.
    let (mut lo, mut hi) = (min_scale, max_scale);
    if fits(hi) {
        lo = hi;
    }
    while hi - lo > 0.01 {
        let mid = (lo + hi) / 2.0;
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let plan = Plan {
        sizes: Sizes::new(preset, lo),
    };
    Ok((plan, candidates))
}

/// Describes what overflows at the smallest scale.
fn overflow(
    roadmap: &Roadmap,
    preset: &Preset,
    page: &Page,
    scale: f32,
    candidates: &[Arrangement],
) -> Error {
    let trial = Trial::new(
        roadmap,
        preset,
        page,
        &Sizes::new(preset, scale),
        candidates,
    );
    let excess = -trial.slack(page);
    let limit = page.frame.bottom() - trial.footer.height - trial.header_gap;
    let mut y = page.frame.y + trial.header.height + trial.header_gap;
    let mut culprit = roadmap.stages.len().saturating_sub(1);
    for (i, band) in trial.bands.iter().enumerate() {
        if y + band.height > limit {
            culprit = i;
            break;
        }
        y += band.height + trial.gap;
    }
    let stage = roadmap.stages.get(culprit);
    let larger = page.size.larger().map(|p| p.name());
    let suggestion = match larger {
        Some(name) => format!("try page = \"{name}\", another layout, or fewer or shorter offers"),
        None => "try another layout, or fewer or shorter offers".to_string(),
    };
    Error::DoesNotFit(Overflow {
        stage: stage.map_or_else(String::new, |s| s.title.clone()),
        offer: stage.and_then(|s| s.offers.last()).map(|o| o.title.clone()),
        excess_mm: excess / MM,
        page: page.name(),
        suggestion,
    })
}

/// Draws the chosen arrangement.
fn draw(
    roadmap: &Roadmap,
    preset: &Preset,
    page: &Page,
    plan: &Plan,
    candidates: &[Arrangement],
) -> Scene {
    let mut trial = Trial::new(roadmap, preset, page, &plan.sizes, candidates);
    let frame = page.frame;
    // Where the page has room to spare, set stage headings above their cards.
    let above: Vec<Arrangement> = candidates.iter().copied().filter(|a| !a.beside).collect();
    if !above.is_empty() {
        let mut spare = trial.slack(page);
        let alternatives = road::measure(roadmap, &frame, &above, &plan.sizes, preset);
        for (band, alternative) in trial.bands.iter_mut().zip(alternatives) {
            let cost = alternative.height - band.height;
            if band.prefers(&alternative) && cost <= spare {
                spare -= cost;
                *band = alternative;
            }
        }
    }
    // Spread leftover space between the stages, up to three times the preset's gap, and
    // centre what is still left between the header and the footer.
    let slack = trial.slack(page).max(0.0);
    let between = roadmap.stages.len().saturating_sub(1) as f32;
    let extra = if between > 0.0 {
        (slack / between).min(trial.gap * 2.0)
    } else {
        0.0
    };
    let rest = (slack - extra * between) / 2.0;
    let mut items = trial.header.place(Point::new(frame.x, frame.y), preset);
    let top = frame.y + trial.header.height + trial.header_gap + rest;
    items.extend(road::place(
        &trial.bands,
        &frame,
        &plan.sizes,
        top,
        trial.gap + extra,
        preset,
    ));
    let footer_top = frame.bottom() - trial.footer.height;
    items.extend(trial.footer.place(frame.x, footer_top, frame.width, preset));
    Scene {
        width: page.width,
        height: page.height,
        background: preset.palette.page.0,
        frame: Rect::new(frame.x, frame.y, frame.width, frame.height),
        items,
        metadata: Metadata {
            title: roadmap.title.clone(),
            subject: roadmap
                .subtitle
                .clone()
                .unwrap_or_else(|| format!("A roadmap of {} stages", roadmap.stages.len())),
            author: roadmap
                .author
                .clone()
                .or_else(|| roadmap.footer.clone())
                .unwrap_or_default(),
            language: roadmap.language.clone(),
        },
    }
}
