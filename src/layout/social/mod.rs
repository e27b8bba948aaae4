//! Images for feeds and slides: a summary of a roadmap made to be seen at a glance on a
//! phone — its title (and subtitle where it fits), its stages in order on a road with
//! their numbered markers and a count of their offers, the header logo, and the address
//! where the full roadmap lives — at the sizes feeds and decks use.
//!
//! Each image is a [`Scene`] like a page, in pt, drawn by the same writers. At [`DPI`] its
//! pixels are exactly its [`SocialSize`]'s. Type is never set under [`MIN_TEXT_PX`] at
//! 1080 px wide: a phone shows a feed image about 360–400 px wide, and smaller text turns
//! to texture. The fonts are the roadmap's own, as on the page; the colours are the
//! layout's palette with the roadmap's `[colours]` in place.

mod alt;
mod draw;
mod plan;

pub use alt::{alt_text, MAX_ALT};

use super::preset::Preset;
use crate::error::{Error, Overflow, Part, Result};
use crate::model::Roadmap;
use crate::scene::Scene;

/// The resolution at which a social scene's pixels are its size's: its pt are 3/4 px.
pub const DPI: f32 = 96.0;

/// The smallest text on an image 1080 px wide, in px; a wider image scales it with its
/// width ([`SocialSize::min_text_pt`]).
pub const MIN_TEXT_PX: f32 = 28.0;

/// The most stages an image shows: a roadmap of more shows its first seven and how many
/// more it has.
pub const MOST_STAGES: usize = 8;

/// The sizes of the images for feeds and slides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum SocialSize {
    /// 1080 × 1080 px: a square feed post.
    Square,
    /// 1200 × 675 px: a landscape post or link image, and a 16:9 slide.
    Wide,
    /// 1080 × 1350 px: a portrait feed post.
    Tall,
}

impl SocialSize {
    /// Every size, in the order they are made.
    pub const ALL: [SocialSize; 3] = [SocialSize::Square, SocialSize::Wide, SocialSize::Tall];

    /// The size's name, which its file names carry: `square`, `wide` or `tall`.
    pub fn name(self) -> &'static str {
        match self {
            SocialSize::Square => "square",
            SocialSize::Wide => "wide",
            SocialSize::Tall => "tall",
        }
    }

    /// Width and height, in px.
    pub fn pixels(self) -> (u32, u32) {
        match self {
            SocialSize::Square => (1080, 1080),
            SocialSize::Wide => (1200, 675),
            SocialSize::Tall => (1080, 1350),
        }
    }

    /// Width and height of its scene, in pt: the pixels at [`DPI`].
    pub fn size_pt(self) -> (f32, f32) {
        let (w, h) = self.pixels();
        (px_to_pt(w as f32), px_to_pt(h as f32))
    }

    /// The smallest text size allowed on it, in pt: [`MIN_TEXT_PX`] at 1080 px wide, in
    /// proportion to its width, since a phone shows every image about as wide.
    pub fn min_text_pt(self) -> f32 {
        let (w, _) = self.pixels();
        px_to_pt(MIN_TEXT_PX * w as f32 / 1080.0)
    }

    /// "the square image (1080 × 1080 px)", for messages.
    pub fn describe(self) -> String {
        let (w, h) = self.pixels();
        format!("the {} image ({w} × {h} px)", self.name())
    }
}

/// Pixels at [`DPI`] as pt.
fn px_to_pt(px: f32) -> f32 {
    px * 72.0 / DPI
}

/// Lays out the image of `size` for a roadmap, in the palette of `preset` with the
/// roadmap's `[colours]` in place.
///
/// # Errors
///
/// [`Error::DoesNotFit`] when the title does not fit its lines even at the smallest text
/// size ([`title_fits`] says so beforehand), or the stages do not fit under it.
///
/// # Example
///
/// ```
/// use waypost::layout::{social, Preset};
///
/// let source = std::fs::read_to_string("examples/link-worker-training.toml")?;
/// let roadmap = waypost::model::parse("link-worker-training.toml", &source)?;
/// let preset = Preset::builtin("road").expect("built in");
/// let scene = social::layout(&roadmap, &preset, social::SocialSize::Wide)?;
/// assert_eq!((scene.width, scene.height), (900.0, 506.25)); // 1200 × 675 px at 96 dpi
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn layout(roadmap: &Roadmap, preset: &Preset, size: SocialSize) -> Result<Scene> {
    let mut preset = preset.clone();
    if !roadmap.colours.is_empty() {
        preset.palette.set(&roadmap.colours);
    }
    match plan::Plan::fit(roadmap, size, preset.marker.number.get()) {
        Ok(plan) => Ok(draw::draw(roadmap, &preset, &plan)),
        Err(part) => Err(overflow(roadmap, size, part)),
    }
}

/// Whether the roadmap's title fits the image of `size` at the smallest text size, on
/// the lines the image gives it, without breaking a word.
pub fn title_fits(roadmap: &Roadmap, size: SocialSize) -> bool {
    plan::Plan::title(roadmap, size, size.min_text_pt()).is_some()
}

/// Why the roadmap's title is too long for the images, naming those it does not fit even
/// at the smallest text size, with a hint; `None` when it fits them all.
pub fn title_problem(roadmap: &Roadmap) -> Option<(String, String)> {
    let tight: Vec<String> = (SocialSize::ALL.into_iter())
        .filter(|&size| !title_fits(roadmap, size))
        .map(SocialSize::describe)
        .collect();
    if tight.is_empty() {
        return None;
    }
    let message = format!(
        "the title is too long for the images for feeds and slides: even at {MIN_TEXT_PX} px, \
         their smallest text, it does not fit {} without breaking a word",
        tight.join(" or ")
    );
    let help = format!(
        "a shorter title: the square and tall images give it {} lines, the wide image {}",
        plan::title_lines(SocialSize::Square),
        plan::title_lines(SocialSize::Wide)
    );
    Some((message, help))
}

/// What does not fit an image, said as the page's overflow is.
fn overflow(roadmap: &Roadmap, size: SocialSize, part: Part) -> Error {
    let (stage, suggestion) = match part {
        Part::Title => (
            String::new(),
            format!(
                "a shorter title: the images for feeds and slides set it in {} lines at most, \
                 at {MIN_TEXT_PX} px or larger",
                plan::title_lines(size)
            ),
        ),
        _ => {
            let longest = (roadmap.stages.iter())
                .max_by_key(|s| s.title.chars().count())
                .map_or_else(String::new, |s| s.title.clone());
            (longest, "shorter stage titles".to_string())
        }
    };
    let offers = roadmap.stages.iter().map(|s| s.offers.len()).sum::<usize>();
    Error::DoesNotFit(Overflow {
        part,
        stage,
        offer: None,
        excess_mm: 0.1,
        page: size.describe(),
        suggestion,
        holds: None,
        offers: offers.try_into().unwrap_or(u32::MAX),
        smallest_pt: size.min_text_pt(),
        pages: 1,
    })
}
