//! How characters and numbers are spelled in the markup: text cleaned of what XML cannot
//! hold and escaped ([`crate::write::escape`]), numbers short and stable.

pub(super) use crate::write::escape::{clean, escape};

/// A number in at most three decimals (0.001 pt is far below a device pixel even at
/// 1200 dpi), without trailing zeros, never `-0`, and `0` for values that are not finite.
pub(super) fn num(value: f32) -> String {
    if !value.is_finite() {
        return "0".to_string();
    }
    let mut s = format!("{:.3}", f64::from(value));
    if s.contains('.') {
        let trimmed = s.trim_end_matches('0').trim_end_matches('.').len();
        s.truncate(trimmed);
    }
    if s == "-0" {
        s = "0".to_string();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_compact() {
        assert_eq!(num(0.0), "0");
        assert_eq!(num(-0.0), "0");
        assert_eq!(num(-0.0001), "0");
        assert_eq!(num(2.0), "2");
        assert_eq!(num(1.5), "1.5");
        assert_eq!(num(-1.25), "-1.25");
        assert_eq!(num(595.28), "595.28");
        assert_eq!(num(1.234_56), "1.235");
        assert_eq!(num(100.0), "100");
        assert_eq!(num(f32::NAN), "0");
        assert_eq!(num(f32::INFINITY), "0");
    }
}
