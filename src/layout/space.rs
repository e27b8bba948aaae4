//! Stacking groups with gaps between them, and sharing spare room on a page that does
//! not need all of its height.

/// Shares `slack` pt of leftover height among `groups` stacked `gap` apart: each gap
/// widens by up to `most` times `gap`, and what is still left is split above and below.
/// Returns the extra per gap and where the first group starts, from the top.
pub(super) fn spread(slack: f32, groups: usize, gap: f32, most: f32) -> (f32, f32) {
    let between = groups.saturating_sub(1) as f32;
    let extra = if between > 0.0 {
        (slack / between).min(gap * most)
    } else {
        0.0
    };
    (extra, (slack - extra * between) / 2.0)
}

/// How many items at least `min` pt wide fit side by side in `width` pt, `gap` apart.
pub(super) fn fit_across(width: f32, min: f32, gap: f32) -> usize {
    ((width + gap) / (min + gap)).floor() as usize
}

/// The height of groups `heights` tall stacked `gap` apart, pt.
pub(super) fn stacked(heights: impl ExactSizeIterator<Item = f32>, gap: f32) -> f32 {
    let gaps = gap * heights.len().saturating_sub(1) as f32;
    heights.sum::<f32>() + gaps
}
