//! QR codes for paper: a link encoded at error correction level M, with its quiet zone, in
//! modules large enough for a phone held at arm's length.
//!
//! The sizes follow the Welsh Government's guidance for public bodies ("Create and use QR
//! codes", gov.wales, November 2024): a printed code at least 2 × 2 cm, with a quiet zone of
//! at least four modules. Waypost fixes the smallest *module* rather than the code, so that
//! a longer address makes a larger code instead of smaller modules that a phone can no
//! longer tell apart: 0.6 mm is what a typical address gets in that smallest code (up to
//! 62 characters fit a version 4 code, 33 modules across: 20 mm / 33 ≈ 0.6 mm), and lies
//! inside the 0.396–0.990 mm that GS1's General Specifications (section 5.12.3.1) allow
//! for QR codes read by phones and scanners at the till.

use crate::model::Url;
use crate::scene::{Color, Item, Point, Qr};
use crate::units::pt_from_mm;

/// The smallest module drawn, in mm.
pub const MIN_MODULE_MM: f32 = 0.6;
/// The smallest code drawn, quiet zone left out, in mm.
pub const MIN_SIDE_MM: f32 = 20.0;
/// The quiet zone on each side, in modules, as the QR code standard asks.
pub const QUIET: usize = 4;

/// A link encoded and sized, ready to be placed.
#[derive(Debug, Clone)]
pub(crate) struct Code {
    dark: Vec<bool>,
    size: usize,
    /// The side of a module, pt.
    module: f32,
    data: String,
}

impl Code {
    /// The link's code at level M ([`Url::symbol`]), sized for print.
    pub(crate) fn new(url: &Url) -> Option<Code> {
        let symbol = url.symbol()?;
        let size = symbol.size;
        let module_mm = MIN_MODULE_MM.max(MIN_SIDE_MM / size as f32);
        Some(Code {
            dark: symbol.dark.clone(),
            size,
            module: pt_from_mm(module_mm),
            data: url.as_str().to_string(),
        })
    }

    /// The side of the code with its quiet zone, pt.
    pub(crate) fn side(&self) -> f32 {
        (self.size + 2 * QUIET) as f32 * self.module
    }

    /// The code as a scene item, its quiet zone's top-left corner at `at`.
    pub(crate) fn place(&self, at: Point, color: Color, background: Color) -> Item {
        Item::Qr(Qr {
            origin: at,
            module: self.module,
            size: self.size,
            quiet: QUIET,
            dark: self.dark.clone(),
            color,
            background,
            data: self.data.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_links_make_the_smallest_code_and_long_ones_keep_the_smallest_module() {
        let url = |text: &str| Url::new(text).unwrap();
        let short = Code::new(&url("https://example.org/")).unwrap();
        let mm = crate::units::mm_from_pt;
        assert!((mm(short.module) * short.size as f32 - MIN_SIDE_MM).abs() < 1e-3);
        assert!(mm(short.module) > MIN_MODULE_MM);
        let long = Code::new(&url(&format!("https://example.org/{}", "a".repeat(200)))).unwrap();
        assert!((mm(long.module) - MIN_MODULE_MM).abs() < 1e-4);
        assert!(mm(long.side()) > (long.size + 8) as f32 * MIN_MODULE_MM - 1e-3);
    }

    #[test]
    fn the_longest_link_accepted_still_encodes() {
        let longest = format!(
            "https://example.org/{}",
            "é".repeat((Url::MAX_LEN - 20) / 2)
        );
        let url = Url::new(&longest).expect("at the limit");
        assert!(Code::new(&url).is_some());
    }
}
