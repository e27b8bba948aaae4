//! Lengths: the one place millimetres, inches and points are converted. Every other
//! module measures in points (1/72 inch) and asks here for the rest.

/// Points in a millimetre.
pub const PT_PER_MM: f32 = 72.0 / MM_PER_INCH;

/// Millimetres in an inch.
pub const MM_PER_INCH: f32 = 25.4;

/// A length in millimetres as points.
pub fn pt_from_mm(mm: f32) -> f32 {
    mm * PT_PER_MM
}

/// A length in points as millimetres.
pub fn mm_from_pt(pt: f32) -> f32 {
    pt / PT_PER_MM
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inch_is_72_points_and_25_4_millimetres() {
        assert!((pt_from_mm(25.4) - 72.0).abs() < 1e-4);
        assert!((mm_from_pt(72.0) - 25.4).abs() < 1e-4);
        // A4's width: 210 mm is 595.28 pt.
        assert!((pt_from_mm(210.0) - 595.2756).abs() < 1e-3);
    }
}
