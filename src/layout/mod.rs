//! Layout: a validated roadmap, a preset and the font metrics become a [`Scene`].
//!
//! The layout knows nothing of output formats. It measures every text with the fonts the
//! roadmap was parsed with, then chooses the largest type scale and the card column count that fit the
//! page; when nothing fits even at the preset's minimum size it says what overflows.

mod badge;
mod block;
mod builtin;
mod card;
mod columns;
mod facts;
mod grid;
mod header;
mod heading;
pub mod icons;
mod logos;
mod marker;
mod metrics;
mod pages;
mod paving;
pub mod preset;
mod preset_file;
mod preset_keys;
mod preset_values;
pub mod qr;
mod road;
pub mod social;
mod space;
#[cfg(test)]
mod testing;
mod timeline;
mod widths;

pub use preset::Preset;

/// The smallest text size allowed anywhere on the page, in pt: no preset may set its
/// minimum lower, and pre-flight checks every line against it.
pub const MIN_TEXT_PT: f32 = 7.0;

use crate::error::{Error, Overflow, Part, Result};
use crate::model::{
    Detail, FooterPages, Orientation, PageChoice, PageSize, Pages, Roadmap, Series,
};
use crate::scene::{Date, Item, Metadata, Point, Rect, Scene, Weight};
use crate::units::mm_from_pt;
use block::Block;
use header::{Footer, Header};
use metrics::Metrics;
use preset::LayoutStyle;

/// Choices that override the roadmap file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LayoutOptions {
    /// Paper size instead of the roadmap's `page`. Default: none (use the file's).
    pub page: Option<PageSize>,
    /// Instead of the roadmap's `page`, the smallest size of this series that holds the
    /// roadmap at its layout's own type size (as `page = "auto"` in a file); ignored when
    /// [`LayoutOptions::page`] is given. Default: none.
    pub auto_page: Option<Series>,
    /// Orientation instead of the roadmap's or the preset's. Default: none.
    pub orientation: Option<Orientation>,
    /// How many pages instead of the roadmap's `pages`. Default: none (the file's).
    pub pages: Option<Pages>,
    /// Put a QR code of its link on each offer's card, making room for it (or failing with
    /// [`Error::DoesNotFit`] when the page has none). The footer's code of the roadmap's
    /// own address needs no option: it is there whenever the roadmap gives `online`.
    /// Default: false.
    pub offer_codes: bool,
    /// The smallest card text accepted, pt, instead of the roadmap's `min_text`: the
    /// fitter never sets the cards' text smaller, and `pages = "auto"` and `page = "auto"`
    /// take the fewest pages and the smallest size that hold the roadmap at it. Default:
    /// none (the file's, else the layout's own minimum).
    pub min_text: Option<f32>,
    /// When the roadmap does not fit, say only what is to blame, without measuring how
    /// many of its offers the pages hold and what each way out gives (a page more, details
    /// left to the web, a larger size): several fits more, which a caller that only needs
    /// a yes or no can skip. Default: false.
    pub brief: bool,
}

/// The page a roadmap is laid out on: its size, name and content frame.
#[derive(Debug, Clone, PartialEq)]
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
    pub frame: Rect,
}

impl Page {
    /// The page for a roadmap, a preset and overrides; for `page = "auto"`, the smallest
    /// size of its series ([`Fitted::page`] is the one chosen).
    pub fn new(roadmap: &Roadmap, preset: &Preset, options: &LayoutOptions) -> Page {
        Page::sized(
            page_choice(roadmap, options).sizes()[0],
            roadmap,
            preset,
            options,
        )
    }

    /// The page of `size` for a roadmap, a preset and overrides.
    fn sized(size: PageSize, roadmap: &Roadmap, preset: &Preset, options: &LayoutOptions) -> Page {
        let orientation = options
            .orientation
            .or(roadmap.orientation)
            .or(size.natural_orientation())
            .unwrap_or_else(|| preset.orientation.into());
        Page::turned(size, orientation, preset)
    }

    /// The page at another size, in the same orientation, with the preset's margins.
    fn resized(&self, size: PageSize, preset: &Preset) -> Page {
        Page::turned(size, self.orientation, preset)
    }

    /// The page of `size` turned to `orientation`, with the preset's margins.
    fn turned(size: PageSize, orientation: Orientation, preset: &Preset) -> Page {
        let (width, height) = size.size_pt(orientation);
        let margin = metrics::pt(preset.grid.margin);
        Page {
            size,
            orientation,
            width,
            height,
            frame: Rect::new(
                margin,
                margin,
                (width - 2.0 * margin).max(1.0),
                (height - 2.0 * margin).max(1.0),
            ),
        }
    }

    /// "A4 portrait".
    pub fn name(&self) -> String {
        format!("{} {}", self.size.name(), self.orientation.name())
    }
}

/// Lays a roadmap out on one page.
///
/// The colours the roadmap sets ([`Roadmap::colours`], its `[colours]` table) take the
/// place of the preset's, whichever preset is given, before the page is fitted.
///
/// Fails with [`Error::DoesNotFit`] when the content does not fit even at the preset's
/// smallest type size in its densest arrangement.
///
/// # Example
///
/// ```
/// use waypost::layout::{layout, LayoutOptions, Preset};
/// use waypost::model::{Orientation, PageSize};
///
/// let source = std::fs::read_to_string("examples/link-worker-training.toml")?;
/// let roadmap = waypost::model::parse("link-worker-training.toml", &source)?;
/// let preset = Preset::builtin("columns").expect("built in");
/// let options = LayoutOptions {
///     page: Some(PageSize::A3),
///     orientation: Some(Orientation::Landscape),
///     ..Default::default()
/// };
/// let scene = layout(&roadmap, &preset, &options)?;
/// assert_eq!(scene.width.round(), 1191.0); // A3 landscape, in pt
/// assert_eq!(scene.links().len(), 12); // one link per offer
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn layout(roadmap: &Roadmap, preset: &Preset, options: &LayoutOptions) -> Result<Scene> {
    layout_fitted(roadmap, preset, options).map(|fitted| fitted.scene)
}

/// A laid-out page with how it was fitted.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Fitted {
    /// The page; for a roadmap over several pages, the first.
    pub scene: Scene,
    /// Every page, the first included: one for a roadmap on one page.
    pub pages: Vec<Scene>,
    /// The density used: empty for the preset's comfortable arrangement, otherwise the
    /// name of the last `[[density]]` rung applied.
    pub density: String,
    /// The type scale chosen: 1 is the preset's own m.
    pub scale: f32,
    /// The share of the page's height inside the margins that the content needs, before
    /// spare room is spread: 0 to 1.
    pub fill: f32,
    /// The page it was laid out on: for `page = "auto"`, the one chosen.
    pub page: Page,
    /// For `page = "auto"`, each size tried, smallest first, with the type scale the
    /// roadmap fits it at (`None`: it does not fit); empty for a page of a given size.
    pub tried: Vec<(PageSize, Option<f32>)>,
}

/// Lays a roadmap out on one page like [`layout`], and says how it was fitted.
pub fn layout_fitted(
    roadmap: &Roadmap,
    preset: &Preset,
    options: &LayoutOptions,
) -> Result<Fitted> {
    let mut preset = std::borrow::Cow::Borrowed(preset);
    if options.offer_codes {
        preset.to_mut().offer_codes = true;
    }
    if !roadmap.colours.is_empty() {
        preset.to_mut().palette.set(&roadmap.colours);
    }
    // The printed pages show the roadmap without what it leaves to the web version.
    let mut paper = roadmap.on_paper();
    if let Some(size) = options.min_text {
        paper.min_text = Some(size);
    }
    let roadmap = &paper;
    let pages = options.pages.unwrap_or(roadmap.pages);
    let explain = if options.brief {
        Explain::No
    } else {
        Explain::Yes
    };
    let PageChoice::Auto(series) = page_choice(roadmap, options) else {
        return fitted_on(
            roadmap,
            &preset,
            Page::new(roadmap, &preset, options),
            pages,
            explain,
        );
    };
    // The smallest size that holds the roadmap at full size; else the one with the
    // largest type (the smaller of equals); else the largest size's reason it does not fit.
    let mut tried = Vec::new();
    let mut outcome: Option<Result<Fitted>> = None;
    for &size in series.sizes() {
        let attempt = fitted_on(
            roadmap,
            &preset,
            Page::sized(size, roadmap, &preset, options),
            pages,
            Explain::No,
        );
        tried.push((size, attempt.as_ref().ok().map(|f| f.scale)));
        let full = matches!(&attempt, Ok(f) if enough(roadmap, f));
        outcome = match (outcome, attempt) {
            (Some(Ok(best)), Ok(new)) if new.scale <= best.scale => Some(Ok(best)),
            (Some(Ok(best)), Err(_)) => Some(Ok(best)),
            (_, attempt) => Some(attempt),
        };
        if full {
            break;
        }
    }
    // A roadmap no size holds is told why on the largest, with the numbers.
    let largest = series.sizes().last().copied();
    let outcome = match (outcome, largest) {
        (Some(Err(_)), Some(size)) | (None, Some(size)) => fitted_on(
            roadmap,
            &preset,
            Page::sized(size, roadmap, &preset, options),
            pages,
            explain,
        ),
        (Some(outcome), _) => outcome,
        (None, None) => fitted_on(
            roadmap,
            &preset,
            Page::new(roadmap, &preset, options),
            pages,
            explain,
        ),
    };
    outcome.map(|fitted| Fitted { tried, ..fitted })
}

/// The page asked for: the options' size, else the options' series, else the roadmap's.
fn page_choice(roadmap: &Roadmap, options: &LayoutOptions) -> PageChoice {
    match (options.page, options.auto_page) {
        (Some(size), _) => PageChoice::Size(size),
        (None, Some(series)) => PageChoice::Auto(series),
        (None, None) => roadmap.page,
    }
}

/// The type scale that counts as the preset's own size when `page = "auto"` chooses a
/// page: the fitter finds scales to a hundredth, so a page that holds the roadmap at full
/// size may come out a hundredth under it.
pub const FULL_SIZE: f32 = 0.99;

/// Whether a roadmap's search for a page size or a page count may stop at `fitted`: it
/// holds the roadmap at the layout's own type size or, when the roadmap names its own
/// smallest card text, at that (every fit keeps to it).
fn enough(roadmap: &Roadmap, fitted: &Fitted) -> bool {
    roadmap.min_text.is_some() || fitted.scale >= FULL_SIZE
}

/// Lays a roadmap out on pages of a given size, as many as `pages` says: for
/// `pages = "auto"`, the fewest that hold it at full size (or at the roadmap's own
/// smallest card text), else the count with the largest type (the fewer of equals).
fn fitted_on(
    roadmap: &Roadmap,
    preset: &Preset,
    page: Page,
    pages: Pages,
    explain: Explain,
) -> Result<Fitted> {
    let counts: Vec<usize> = pages.counts().collect();
    // Pages hold more as there are more of them: the counts before the first that holds
    // the roadmap at the size asked for are passed over, found by bisection with one
    // measure a rung each, where fitting a count bisects the type scale on every rung.
    let first = match counts.as_slice() {
        [_] => 0,
        _ => counts.partition_point(|&count| !holds_enough(roadmap, preset, &page, count)),
    };
    let mut best: Option<Fitted> = None;
    let mut failure = None;
    // When no count holds it at that size, the most pages hold it with the largest type.
    let tried = counts.get(first..).filter(|rest| !rest.is_empty());
    let tried = tried.unwrap_or(&counts[counts.len() - 1..]);
    for &count in tried {
        // Only the failure reported is explained, once the search is over.
        let attempt = fitted_count(roadmap, preset, page.clone(), count, Explain::No);
        match attempt {
            Ok(fitted) => {
                let full = enough(roadmap, &fitted);
                if best.as_ref().is_none_or(|b| fitted.scale > b.scale) {
                    best = Some(fitted);
                }
                if full {
                    break;
                }
            }
            Err(error) => {
                failure.get_or_insert((count, error));
            }
        }
    }
    match (best, failure) {
        (Some(fitted), _) => Ok(fitted),
        (None, Some((count, _))) if explain == Explain::Yes => {
            fitted_count(roadmap, preset, page, count, Explain::Yes)
        }
        (None, Some((_, error))) => Err(error),
        (None, None) => fitted_on_one(roadmap, preset, page, explain),
    }
}

/// Whether `count` pages of `page` hold the roadmap at the size a search for pages stops
/// at ([`enough`]) on some rung of the density ladder: the layout's own type size (to a
/// hundredth), or the roadmap's own smallest card text when it names one.
fn holds_enough(roadmap: &Roadmap, preset: &Preset, page: &Page, count: usize) -> bool {
    let fonts = roadmap.text_fonts();
    (0..=preset.densities.len())
        .map_while(|rung| preset.at_density(rung))
        .any(|rung| {
            let (least, _) = scale_range(&rung, roadmap);
            let scale = match roadmap.min_text {
                Some(_) => least,
                None => FULL_SIZE.max(least),
            };
            if count <= 1 {
                fits(roadmap, &rung, page, &Metrics::new(&rung, scale, fonts))
            } else {
                pages::Packer::new(roadmap, &rung, page, count).holds_at(scale)
            }
        })
}

/// Whether a roadmap that does not fit is told how many of its offers the pages hold and
/// what each way out gives, all measured; or only what is to blame, for the ways out
/// themselves, which need no more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Explain {
    Yes,
    No,
}

/// Lays a roadmap out on `count` pages of a given size.
fn fitted_count(
    roadmap: &Roadmap,
    preset: &Preset,
    page: Page,
    count: usize,
    explain: Explain,
) -> Result<Fitted> {
    if count <= 1 {
        fitted_on_one(roadmap, preset, page, explain)
    } else {
        fitted_over(roadmap, preset, page, count, explain)
    }
}

/// Lays a roadmap out on one page of a given size.
fn fitted_on_one(
    roadmap: &Roadmap,
    preset: &Preset,
    page: Page,
    explain: Explain,
) -> Result<Fitted> {
    let (preset, m) = fit(roadmap, preset, &page, explain)?;
    let trial = Trial::new(roadmap, &preset, &page, &m);
    let fill = (page.frame.height - trial.slack()) / page.frame.height;
    let scene = draw(roadmap, &preset, &page, &m);
    Ok(Fitted {
        pages: vec![scene.clone()],
        scene,
        density: preset.packing.density.clone(),
        scale: m.scale,
        fill: fill.clamp(0.0, 1.0),
        page,
        tried: Vec::new(),
    })
}

/// Lays a roadmap out over `count` pages of a given size: the density ladder climbed as
/// for one page ([`fit`]), each rung weighed by the type scale all its pages share.
fn fitted_over(
    roadmap: &Roadmap,
    preset: &Preset,
    page: Page,
    count: usize,
    explain: Explain,
) -> Result<Fitted> {
    let mut best: Option<(Preset, pages::Breaks)> = None;
    let mut densest = preset.clone();
    for rung in 0..=preset.densities.len() {
        let Some(candidate) = preset.at_density(rung) else {
            break;
        };
        let packer = pages::Packer::new(roadmap, &candidate, &page, count);
        if let Some(mut breaks) = packer.breaks(None) {
            if rung > 0 && breaks.scale > 1.0 {
                breaks = packer.breaks(Some(1.0)).unwrap_or(breaks);
            }
            let full = breaks.scale >= 1.0;
            if (best.as_ref()).is_none_or(|(_, b)| breaks.scale > b.scale + VISIBLY_LARGER) {
                best = Some((candidate.clone(), breaks));
            }
            if full {
                break;
            }
        }
        densest = candidate;
    }
    let Some((preset, breaks)) = best else {
        return Err(overflow(roadmap, preset, &densest, &page, count, explain));
    };
    let m = Metrics::new(&preset, breaks.scale, roadmap.text_fonts());
    let shares = pages::shares(roadmap, &breaks.starts);
    let fill = (shares.iter())
        .map(|share| {
            let trial = Trial::on(roadmap, share, &preset, &page, &m);
            (page.frame.height - trial.slack()) / page.frame.height
        })
        .fold(0.0, f32::max);
    let scenes: Vec<Scene> = (shares.iter())
        .map(|share| draw_page(roadmap, share, &preset, &page, &m))
        .collect();
    Ok(Fitted {
        scene: scenes[0].clone(),
        pages: scenes,
        density: preset.packing.density.clone(),
        scale: m.scale,
        fill: fill.clamp(0.0, 1.0),
        page,
        tried: Vec::new(),
    })
}

/// What a layout style puts between the header and the footer, measured for one type
/// scale. Each style (road, columns, timeline) measures its stages once and can then say
/// how tall it is, what overflows, and draw itself.
pub(crate) trait Body {
    /// The height the stages need, or why no height will do.
    fn extent(&self) -> Extent;
    /// The stage (index) and offer (index in its stage, if one card is to blame) that
    /// cross a body `available` pt tall.
    fn overflow(&self, available: f32) -> (usize, Option<usize>);
    /// The stages as items, within `area`, which is at least as tall as
    /// [`Body::extent`] says; a road that comes from or goes on to another page runs
    /// on as `flow` says.
    fn place(&self, area: Rect, m: &Metrics, preset: &Preset, flow: Flow) -> Vec<Item>;
}

/// Where the road of a page of a roadmap over several pages runs past the body: up to
/// the note saying where it came from, down to the note saying where it goes on. Only the
/// road layout's road turns down the page; the timeline's road and the columns' arrows
/// already run across it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Flow {
    /// The top of the note above the body, pt.
    from: Option<f32>,
    /// The bottom of the note below the body, pt.
    onward: Option<f32>,
}

/// How much room a measured body needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Extent {
    /// This height, pt.
    Height(f32),
    /// No height is enough at this type size: something is too wide by this many pt (badges
    /// wider than their card, too many stages side by side). Only smaller type can help.
    TooWide(f32),
}

/// Measures the stages in the preset's style for a body of `area` (its height is what
/// the page leaves between header and footer; a style may use spare room to read better).
fn measure_body<'f>(
    roadmap: &Roadmap,
    first: usize,
    preset: &Preset,
    area: Rect,
    m: &Metrics<'f>,
) -> Box<dyn Body + 'f> {
    match preset.style {
        LayoutStyle::Road => Box::new(road::Road::measure(roadmap, first, area, m, preset)),
        LayoutStyle::Columns => {
            Box::new(columns::Columns::measure(roadmap, first, area, m, preset))
        }
        LayoutStyle::Timeline => {
            Box::new(timeline::Timeline::measure(roadmap, first, area, m, preset))
        }
    }
}

/// One type scale tried on a page.
struct Trial<'f> {
    header: Header<'f>,
    footer: Footer<'f>,
    body: Box<dyn Body + 'f>,
    /// The body's area: between header and footer (and the notes where the road comes
    /// from or goes on to another page), full frame width.
    area: Rect,
    /// The height left for the body, pt: negative when header and footer alone overflow.
    room: f32,
    /// On a later page, the note where the road comes from ("Continued from page 1"),
    /// with the top of its first line, pt.
    from: Option<(Block<'f>, f32)>,
    /// On a page the road goes on from, the note where it goes ("Continues on page 2"),
    /// with the top of its first line, pt.
    onward: Option<(Block<'f>, f32)>,
}

impl<'f> Trial<'f> {
    /// The whole roadmap on one page.
    fn new(roadmap: &Roadmap, preset: &Preset, page: &Page, m: &Metrics<'f>) -> Trial<'f> {
        Trial::on(roadmap, &pages::Share::whole(roadmap), preset, page, m)
    }

    /// One page's share of `whole`: page 1 under the title block, later pages under a
    /// running title.
    fn on(
        whole: &Roadmap,
        share: &pages::Share,
        preset: &Preset,
        page: &Page,
        m: &Metrics<'f>,
    ) -> Trial<'f> {
        let frame = &page.frame;
        let note = |words: String| {
            let lines = m.lines.subtitle;
            Block::new(
                m.fonts,
                &words,
                Weight::Bold,
                m.small,
                lines,
                frame.width / 2.0,
            )
        };
        let from = share.coming_note().map(note);
        let onward = share.onward_note().map(note);
        // The road layout's road runs into its notes, which take strips of their own
        // beside it. The others set theirs at the right of lines the page has anyway: the
        // running title's, and the page number's where no QR code stands at its end.
        let inline = preset.style != preset::LayoutStyle::Road;
        // The full footer (logos, address, QR code) stands once, on the last page, unless
        // the roadmap asks for it on every page; the others carry a running foot.
        let full_footer = share.number == share.pages || whole.print.footer == FooterPages::Every;
        let onward_inline = inline && !(full_footer && whole.online.is_some());
        // What a note set at the right of a line takes of it: its words, its arrow (as
        // wide as the small type is tall) and a gutter before them.
        let beside = |note: &Option<Block>, inline: bool| {
            (note.as_ref())
                .filter(|_| inline)
                .map_or(0.0, |n| n.width() + m.small + m.gutter)
        };
        let header = if share.number == 1 {
            Header::new(whole, frame.width, m, preset)
        } else {
            Header::running(whole, frame.width - beside(&from, inline), m)
        };
        // The page number stands at the right of the footer's last line, short of the
        // note saying where the roadmap goes on when that note stands there too.
        let keep = beside(&onward, onward_inline);
        let folio = share.folio();
        let footer = match folio.as_deref() {
            Some(folio) if !full_footer => Footer::running(whole, frame.width, folio, keep, m),
            folio => Footer::new(whole, frame.width, folio, keep, m, preset),
        };
        let strip = |note: &Option<Block>, inline: bool| match note {
            Some(n) if !inline => n.height() + m.space.heading,
            _ => 0.0,
        };
        let gap = m.header_gap;
        let footer_gap = if footer.height > 0.0 { gap } else { 0.0 };
        let top = frame.y + header.height + gap + strip(&from, inline);
        let bottom = frame.bottom() - footer.height - footer_gap - strip(&onward, onward_inline);
        let area = Rect::new(frame.x, top, frame.width, (bottom - top).max(0.0));
        let from = from.map(|n| {
            let at = if inline {
                frame.y + (header.height - n.height()) / 2.0
            } else {
                top - m.space.heading - n.height()
            };
            (n, at)
        });
        let onward = onward.map(|n| {
            let at = if onward_inline {
                frame.bottom() - n.height()
            } else {
                bottom + m.space.heading
            };
            (n, at)
        });
        Trial {
            body: measure_body(&share.roadmap, share.start.stage, preset, area, m),
            header,
            footer,
            area,
            room: bottom - top,
            from,
            onward,
        }
    }

    /// Space left over on the page (negative when it overflows), pt.
    fn slack(&self) -> f32 {
        match self.body.extent() {
            Extent::Height(height) => self.room - height,
            Extent::TooWide(by) => self.room.min(0.0) - by,
        }
    }
}

/// The smallest and largest type scales the preset allows for the roadmap: the smallest
/// keeps the cards' text at the preset's minimum, or at the roadmap's own `min_text` when
/// that is larger (which may lie above the preset's own size).
fn scale_range(preset: &Preset, roadmap: &Roadmap) -> (f32, f32) {
    let t = &preset.type_scale;
    let body = t.card_body.0.max(0.1);
    let min_scale = (t.minimum.0.max(MIN_TEXT_PT) / body).min(1.0);
    let min_scale = roadmap
        .min_text
        .map_or(min_scale, |floor| min_scale.max(floor / body));
    (min_scale, t.max_scale.0.max(min_scale))
}

/// Climbs the density ladder and takes the rung that allows the largest type.
///
/// The comfortable arrangement (rung 0) keeps whatever scale it reaches, so a page with
/// room keeps its air and may grow its type. A denser rung is there to hold the preset's
/// own size, never to pass it: its scale counts, and is drawn, at most 1, and the climb
/// stops at the first rung that reaches 1. A denser rung must earn its place with visibly
/// larger type ([`VISIBLY_LARGER`]); otherwise the earlier, airier one is kept.
///
/// Every rung, the last-resort ones that compact the cards or break words included, is
/// weighed the same way whatever the roadmap holds. So taking an offer away never makes
/// the type smaller by more than that margin: the rung that held the larger roadmap holds
/// the smaller one at least as large. Nothing fits when no rung fits at the smallest type.
fn fit<'f>(
    roadmap: &'f Roadmap,
    preset: &Preset,
    page: &Page,
    explain: Explain,
) -> Result<(Preset, Metrics<'f>)> {
    let fonts = roadmap.text_fonts();
    let mut best: Option<(Preset, Metrics)> = None;
    let mut densest = preset.clone();
    for rung in 0..=preset.densities.len() {
        let Some(candidate) = preset.at_density(rung) else {
            break;
        };
        if let Some(mut m) = largest_scale(roadmap, &candidate, page, None) {
            if rung > 0 && m.scale > 1.0 {
                // A denser rung is drawn at full size at the most. A page that fits with
                // larger type almost always fits at full size too, but not always (a line
                // may wrap differently): then the largest scale under full size is used.
                let full_size = Metrics::new(&candidate, 1.0, fonts);
                m = if fits(roadmap, &candidate, page, &full_size) {
                    full_size
                } else {
                    largest_scale(roadmap, &candidate, page, Some(1.0)).unwrap_or(m)
                };
            }
            let full = m.scale >= 1.0;
            if best
                .as_ref()
                .is_none_or(|(_, b)| m.scale > b.scale + VISIBLY_LARGER)
            {
                best = Some((candidate.clone(), m));
            }
            if full {
                break;
            }
        }
        densest = candidate;
    }
    match best {
        Some(found) => Ok(found),
        None => Err(overflow(roadmap, preset, &densest, page, 1, explain)),
    }
}

/// How much larger a denser rung's type scale must be to be taken over an airier rung's:
/// about a quarter point on 8.5 pt card text, the least a reader sees.
pub(crate) const VISIBLY_LARGER: f32 = 0.03;

/// Whether the roadmap fits the page with this preset at these measures.
fn fits(roadmap: &Roadmap, preset: &Preset, page: &Page, m: &Metrics) -> bool {
    Trial::new(roadmap, preset, page, m).slack() >= 0.0
}

/// The largest type scale at which the roadmap fits the page with this preset, if any.
/// With `most`, no scale above it is tried.
fn largest_scale<'f>(
    roadmap: &'f Roadmap,
    preset: &Preset,
    page: &Page,
    most: Option<f32>,
) -> Option<Metrics<'f>> {
    let fonts = roadmap.text_fonts();
    let fits = |scale: f32| fits(roadmap, preset, page, &Metrics::new(preset, scale, fonts));
    largest_fitting(preset, roadmap, most, fits).map(|scale| Metrics::new(preset, scale, fonts))
}

/// The largest type scale the preset allows (none above `most`) at which `fits` holds, to
/// a hundredth, by bisection; `None` when it does not hold at the smallest.
fn largest_fitting(
    preset: &Preset,
    roadmap: &Roadmap,
    most: Option<f32>,
    fits: impl Fn(f32) -> bool,
) -> Option<f32> {
    let (min_scale, max_scale) = scale_range(preset, roadmap);
    let max_scale = most.map_or(max_scale, |most| max_scale.min(most).max(min_scale));
    if !fits(min_scale) {
        return None;
    }
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
    Some(lo)
}

/// Describes what overflows `count` pages at the smallest scale of the densest rung, and
/// what a user should change: the title block or footer when they leave no room; the card
/// whose badges are wider than any card can be; otherwise the pages as a whole, with how
/// many of the roadmap's offers they hold and (with [`Explain::Yes`]) what each way out
/// gives, measured.
fn overflow(
    roadmap: &Roadmap,
    preset: &Preset,
    densest: &Preset,
    page: &Page,
    count: usize,
    explain: Explain,
) -> Error {
    let (least, _) = scale_range(densest, roadmap);
    let smallest = Metrics::new(densest, least, roadmap.text_fonts());
    let trial = Trial::new(roadmap, densest, page, &smallest);
    let excess = -trial.slack();
    let offers: usize = roadmap.stages.iter().map(|s| s.offers.len()).sum();
    let mut holds = None;
    let mut ways = Vec::new();
    // When the header and footer leave no room at all, the larger of them is to blame:
    // no arrangement of the stages could help.
    let (part, stage, offer) = if trial.room < 0.0 {
        let part = if trial.header.height >= trial.footer.height {
            Part::Title
        } else {
            Part::Footer
        };
        (part, None, None)
    } else if let Extent::TooWide(_) = trial.body.extent() {
        let (stage_index, offer_index) = trial.body.overflow(trial.area.height);
        let stage = roadmap.stages.get(stage_index);
        let offer = stage.and_then(|s| offer_index.and_then(|i| s.offers.get(i)));
        let part = if offer.is_some() {
            Part::Offer
        } else {
            Part::Stage
        };
        (part, stage, offer)
    } else {
        if explain == Explain::Yes {
            let held = capacity(roadmap, preset, page, count);
            holds = Some(held.try_into().unwrap_or(u32::MAX));
            ways = ways_out(roadmap, preset, page, count);
        }
        (Part::Stage, fullest(roadmap), None)
    };
    let remedy = match part {
        Part::Title => "a shorter title or subtitle",
        Part::Footer => "shorter footer text",
        Part::Offer => "a shorter price or fewer tags on that offer",
        Part::Stage => "fewer or shorter offers",
    };
    let more = (count > 1 && count < Pages::MOST).then(|| format!("pages = {}, ", count + 1));
    let more = more.unwrap_or_default();
    let suggestion = match page.size.larger() {
        _ if !ways.is_empty() => ways.join("; "),
        Some(larger) => format!(
            "try {more}page = \"{}\", another layout, or {remedy}",
            larger.name()
        ),
        None => format!("try {more}another layout, or {remedy}"),
    };
    let page_name = if count > 1 {
        format!("{count} pages of {}", page.name())
    } else {
        page.name()
    };
    Error::DoesNotFit(Overflow {
        part,
        stage: stage.map_or_else(String::new, |s| s.title.clone()),
        offer: offer.map(|o| o.title.clone()),
        excess_mm: mm_from_pt(excess).max(0.1),
        page: page_name,
        suggestion,
        holds,
        offers: offers.try_into().unwrap_or(u32::MAX),
        smallest_pt: card_text_pt(densest, least),
        pages: count.try_into().unwrap_or(u8::MAX),
    })
}

/// The cards' text size at `scale`, pt.
fn card_text_pt(preset: &Preset, scale: f32) -> f32 {
    let t = &preset.type_scale;
    (t.card_body.0 * scale).max(t.minimum.0.max(MIN_TEXT_PT))
}

/// What each way out of a roadmap that does not fit `count` pages gives, measured: one
/// page more, the details a handout most often leaves to the web (contact, audience)
/// hidden on paper, the next larger paper size. Only those that fit are said.
fn ways_out(roadmap: &Roadmap, preset: &Preset, page: &Page, count: usize) -> Vec<String> {
    let at = |fitted: &Fitted| format!("{:.1} pt", card_text_pt(preset, fitted.scale));
    let mut ways = Vec::new();
    if count < Pages::MOST {
        let more = fitted_count(roadmap, preset, page.clone(), count + 1, Explain::No);
        if let Ok(fitted) = more {
            ways.push(format!("pages = {} fits at {}", count + 1, at(&fitted)));
        }
    }
    let offers = || roadmap.stages.iter().flat_map(|s| &s.offers);
    let hideable: Vec<(Detail, &str)> = [
        (
            Detail::Contact,
            "contact",
            offers().any(|o| o.contact.is_some()),
        ),
        (
            Detail::Audience,
            "audience",
            offers().any(|o| o.audience.is_some()),
        ),
    ]
    .into_iter()
    .filter(|&(detail, _, used)| used && !roadmap.print.hides(detail))
    .map(|(detail, name, _)| (detail, name))
    .collect();
    if !hideable.is_empty() {
        let mut lighter = roadmap.clone();
        lighter
            .print
            .hide
            .extend(hideable.iter().map(|(detail, _)| *detail));
        let lighter = lighter.on_paper();
        let fitted = fitted_count(&lighter, preset, page.clone(), count, Explain::No);
        if let Ok(fitted) = fitted {
            let names: Vec<String> = hideable.iter().map(|(_, n)| format!("\"{n}\"")).collect();
            let pages = match count {
                1 => "1 page".to_string(),
                n => format!("{n} pages"),
            };
            ways.push(format!(
                "[print] hide = [{}] fits {pages} at {}",
                names.join(", "),
                at(&fitted)
            ));
        }
    }
    if let Some(larger) = page.size.larger() {
        let bigger = page.resized(larger, preset);
        if let Ok(fitted) = fitted_count(roadmap, preset, bigger, count, Explain::No) {
            ways.push(format!(
                "page = \"{}\" fits at {}",
                larger.name(),
                at(&fitted)
            ));
        }
    }
    ways
}

/// The stage with the most offers (the first of those with as many).
fn fullest(roadmap: &Roadmap) -> Option<&crate::model::Stage> {
    roadmap.stages.iter().rev().max_by_key(|s| s.offers.len())
}

/// How many of the roadmap's offers `count` pages hold at the smallest type on any rung:
/// offers are taken away one at a time, the last of whichever stage has most, until what
/// is left fits.
fn capacity(roadmap: &Roadmap, preset: &Preset, page: &Page, count: usize) -> usize {
    let total: usize = roadmap.stages.iter().map(|s| s.offers.len()).sum();
    let fits_without = |taken: usize| {
        let mut fewer = roadmap.clone();
        for _ in 0..taken {
            if let Some(stage) = fewer.stages.iter_mut().rev().max_by_key(|s| s.offers.len()) {
                stage.offers.pop();
            }
        }
        (0..=preset.densities.len()).any(|rung| {
            preset.at_density(rung).is_some_and(|candidate| {
                let least = scale_range(&candidate, &fewer).0;
                if count > 1 {
                    pages::Packer::new(&fewer, &candidate, page, count).holds_at(least)
                } else {
                    let smallest = Metrics::new(&candidate, least, fewer.text_fonts());
                    fits(&fewer, &candidate, page, &smallest)
                }
            })
        })
    };
    // The fewest offers to take away, by bisection: taking all of them always fits here,
    // since the title block and footer alone leave room.
    let (mut lo, mut hi) = (0, total);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if fits_without(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    total - lo
}

/// Draws the page at the chosen m.
fn draw(roadmap: &Roadmap, preset: &Preset, page: &Page, m: &Metrics) -> Scene {
    draw_page(roadmap, &pages::Share::whole(roadmap), preset, page, m)
}

/// Draws one page's share of `whole` at the chosen m.
fn draw_page(
    whole: &Roadmap,
    share: &pages::Share,
    preset: &Preset,
    page: &Page,
    m: &Metrics,
) -> Scene {
    let trial = Trial::on(whole, share, preset, page, m);
    let frame = page.frame;
    let mut items = trial.header.place(Point::new(frame.x, frame.y), preset);
    let flow = Flow {
        from: trial.from.as_ref().map(|(_, top)| *top),
        onward: (trial.onward.as_ref()).map(|(note, top)| top + note.height()),
    };
    // The last of several pages keeps its content at the top, as a page filled in
    // reading order does; spare room on any other page is spread as on one page.
    let mut area = trial.area;
    if share.pages > 1 && share.number == share.pages {
        if let Extent::Height(height) = trial.body.extent() {
            area.height = area.height.min(height);
        }
    }
    let mut body = trial.body.place(area, m, preset, flow);
    share.renumber(&mut body);
    items.extend(body);
    items.extend(pages::notes(share, &trial, frame, m, preset));
    let footer_top = frame.bottom() - trial.footer.height;
    items.extend(trial.footer.place(frame.x, footer_top, frame.width, preset));
    let roadmap = whole;
    Scene {
        width: page.width,
        height: page.height,
        background: preset.palette.page.0,
        frame,
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
            date: roadmap.updated.as_deref().and_then(Date::parse),
        },
        sheet: None,
        faces: m.fonts.scene_faces(),
    }
}
