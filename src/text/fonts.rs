//! The bundled font faces, compiled into the library and parsed once per process.

use crate::scene::Weight;
use harfrust::{Direction, FontRef, ShapePlan, Shaper, ShaperData};
use skrifa::instance::{LocationRef, Size};
use skrifa::MetadataProvider;
use std::sync::OnceLock;

/// Noto Sans Regular, OFL-1.1 (fonts/OFL.txt).
pub const REGULAR_TTF: &[u8] = include_bytes!("../../fonts/NotoSans-Regular.ttf");
/// Noto Sans Bold, OFL-1.1 (fonts/OFL.txt).
pub const BOLD_TTF: &[u8] = include_bytes!("../../fonts/NotoSans-Bold.ttf");
/// The family name both faces carry, used by the SVG writer and the PNG renderer.
pub const FAMILY: &str = "Noto Sans";

/// One parsed face with the data its shaper needs.
pub struct Face {
    /// The raw TrueType file.
    pub data: &'static [u8],
    font: FontRef<'static>,
    shaper: ShaperData,
    /// The shaping plan for left-to-right Latin text, made on first use.
    latin: OnceLock<ShapePlan>,
    /// Font units per em.
    pub units_per_em: f32,
    /// Ascender above the baseline, in units of the em (positive).
    pub ascent: f32,
    /// Descender below the baseline, in units of the em (positive).
    pub descent: f32,
}

impl Face {
    fn parse(data: &'static [u8]) -> Face {
        // The bundled files are fixed at compile time and checked by the tests, so a parse
        // failure here is a build defect, not an input problem.
        let font = FontRef::new(data).expect("bundled font parses");
        let metrics = font.metrics(Size::unscaled(), LocationRef::default());
        let units_per_em = f32::from(metrics.units_per_em);
        Face {
            data,
            shaper: ShaperData::new(&font),
            latin: OnceLock::new(),
            units_per_em,
            ascent: metrics.ascent / units_per_em,
            descent: -metrics.descent / units_per_em,
            font,
        }
    }

    /// The font as harfrust and skrifa see it.
    pub fn font(&self) -> &FontRef<'static> {
        &self.font
    }

    /// The cached shaping data for this face.
    pub fn shaper_data(&self) -> &ShaperData {
        &self.shaper
    }

    /// The plan for left-to-right Latin text without a language, the properties harfrust
    /// guesses for the roadmaps waypost draws and that usvg shapes with. Making a plan costs
    /// more than shaping a short line, so it is made once.
    pub fn latin_plan(&self, shaper: &Shaper) -> &ShapePlan {
        self.latin.get_or_init(|| {
            ShapePlan::new(
                shaper,
                Direction::LeftToRight,
                Some(harfrust::script::LATIN),
                None,
                &[],
            )
        })
    }

    /// Whether the face has a glyph for the character.
    pub fn covers(&self, ch: char) -> bool {
        self.font.charmap().map(ch).is_some()
    }
}

/// The two bundled faces.
pub struct Fonts {
    regular: Face,
    bold: Face,
}

impl Fonts {
    /// The process-wide fonts, parsed on first use.
    pub fn get() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| Fonts {
            regular: Face::parse(REGULAR_TTF),
            bold: Face::parse(BOLD_TTF),
        })
    }

    /// The face of the given weight.
    pub fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// The characters of `text` that either face cannot draw, each once, in order of
    /// appearance. Line breaks and tabs are not drawn and so are not reported.
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut missing: Vec<char> = Vec::new();
        for ch in text.chars() {
            if ch == '\n' || ch == '\t' || missing.contains(&ch) {
                continue;
            }
            if !self.regular.covers(ch) || !self.bold.covers(ch) {
                missing.push(ch);
            }
        }
        missing
    }
}
