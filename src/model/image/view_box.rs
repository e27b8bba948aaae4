//! An SVG logo's size: its root's `viewBox`, `width` and `height`, and the size usvg makes
//! of them, each within [`MAX_SVG_UNITS`] and its reciprocal.
//!
//! Every writer scales the drawing by its size: the PDF writes `1 / width` and the view
//! box into the drawing's form, and a number such as 10³⁰ there is written out as a
//! 31-digit integer that PDF readers cannot hold.

use super::{refuse, Refusal, MAX_SVG_UNITS};

/// Whether a size is within [`MAX_SVG_UNITS`] and its reciprocal.
fn in_proportion(size: f64) -> bool {
    size.is_finite() && (1.0 / f64::from(MAX_SVG_UNITS)..=f64::from(MAX_SVG_UNITS)).contains(&size)
}

fn out_of_proportion(what: String) -> Refusal {
    refuse(
        format!(
            "the SVG's size is out of all proportion ({}): a logo's view box, width and \
             height must each be from 0.000001 to {} units",
            crate::error::short(&what),
            MAX_SVG_UNITS
        ),
        "export the logo again with its page (artboard) fitted to the drawing",
    )
}

/// Refuses a root element whose `viewBox`, `width` or `height` is a number out of
/// proportion: not finite, not above 0, or beyond [`MAX_SVG_UNITS`]. Values that are not
/// numbers at all are left to usvg, which ignores them.
pub(super) fn check_root(root: roxmltree::Node) -> Result<(), Refusal> {
    if let Some(value) = root.attribute("viewBox") {
        let numbers: Vec<f64> = (value.split(|c: char| c == ',' || c.is_ascii_whitespace()))
            .filter(|part| !part.is_empty())
            .map_while(|part| part.parse().ok())
            .collect();
        if let [x, y, width, height] = numbers[..] {
            let placed = |v: f64| v.is_finite() && v.abs() <= f64::from(MAX_SVG_UNITS);
            if !(placed(x) && placed(y) && in_proportion(width) && in_proportion(height)) {
                return Err(out_of_proportion(format!("viewBox=\"{value}\"")));
            }
        }
    }
    for name in ["width", "height"] {
        let Some(value) = root.attribute(name) else {
            continue;
        };
        let number = value
            .trim()
            .trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if let Ok(size) = number.trim_end().parse::<f64>() {
            if !in_proportion(size) {
                return Err(out_of_proportion(format!("{name}=\"{value}\"")));
            }
        }
    }
    Ok(())
}

/// Refuses a size usvg made (after units: `width="2000in"` is 192,000 px) out of
/// proportion.
pub(super) fn check_size(size: usvg::Size) -> Result<(), Refusal> {
    let (width, height) = (f64::from(size.width()), f64::from(size.height()));
    if in_proportion(width) && in_proportion(height) {
        Ok(())
    } else {
        // Plain digits for sizes a person would write, powers of ten beyond.
        let number = |v: f64| match v {
            0.001..1e9 => format!("{v}"),
            _ => format!("{v:e}"),
        };
        Err(out_of_proportion(format!(
            "{} × {} px",
            number(width),
            number(height)
        )))
    }
}
