//! Stages side by side sharing one width: the stages on one side of a timeline's road.

/// Where a stage stands across the width it shares: its left edge, from the left edge of
/// that width, and its width, pt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Span {
    pub(super) x: f32,
    pub(super) width: f32,
}

impl Span {
    pub(super) fn right(self) -> f32 {
        self.x + self.width
    }
}
