//! How a page is split into bands, and which of its nodes are drawn in them.
//!
//! The page's nodes are drawn in the tree's order, in runs: a run of nodes that can be
//! drawn shifted is drawn band by band, on every core; a node that cannot is drawn on the
//! whole page, unshifted. Bands start only on rows where a cut changes no pixel (see
//! [`survey`]), and a node that may still come out differently in a band is drawn there
//! and unshifted, and compared; if it differs, it too is drawn unshifted.

use super::paint;
use super::survey::{self, Doubt, Verdict};
use std::ops::Range;
use tiny_skia::{PixmapMut, Transform};

/// Drawing a page: its nodes, the bands and the runs.
pub(super) struct Plan<'a> {
    /// The nodes drawn in order, each under `transform`.
    pub nodes: &'a [usvg::Node],
    /// From the nodes' parent to page pixels.
    pub transform: Transform,
    /// The page rows each node can touch; `None` for one that draws nothing.
    pub reach: Vec<Option<Area>>,
    pub bands: Vec<Range<usize>>,
    pub runs: Vec<Run>,
}

/// The rows and columns of a page a node can touch.
#[derive(Debug, Clone)]
pub(super) struct Area {
    pub rows: Range<usize>,
    pub columns: Range<usize>,
}

/// Consecutive nodes drawn the same way.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Run {
    /// Drawn band by band.
    Banded(Range<usize>),
    /// Drawn on the whole page, unshifted.
    Whole(Range<usize>),
}

/// Plans drawing `tree` under `transform` into `rgba`, zeroed rows of `width` pixels, in
/// bands of at least `rows` rows, or says `None` when the page holds more than plain
/// content and is best drawn by resvg in one pass. `rgba` is left zeroed.
pub(super) fn plan<'t>(
    tree: &'t usvg::Tree,
    transform: Transform,
    width: u32,
    rgba: &mut [u8],
    rows: usize,
) -> Option<Plan<'t>> {
    let height = rgba.len() / (width as usize * 4);
    if !paint::plain(tree.root()) {
        return None;
    }
    let page = transform;
    let (nodes, transform) = content(tree.root(), transform);
    let reach: Vec<Option<Area>> = nodes
        .iter()
        .map(|node| area(node, page, width, height))
        .collect();
    let verdicts: Vec<Verdict> = nodes
        .iter()
        .map(|node| survey::survey(node, transform, width, height))
        .collect();
    // +1 where a blocked span opens, −1 where it closes: summed from the top, how many
    // spans a row lies strictly inside.
    let mut blocked = vec![0i32; height + 2];
    for verdict in &verdicts {
        if let Verdict::Shifted { blocked: spans, .. } = verdict {
            for span in spans {
                let (first, end) = (span.start + 1, span.end.min(height + 1));
                if first < end {
                    blocked[first] += 1;
                    blocked[end] -= 1;
                }
            }
        }
    }
    let bands = cut(&blocked, height, rows);
    let mut compare = Compare { width, page: rgba };
    let shifted: Vec<bool> = verdicts
        .iter()
        .map(|verdict| match verdict {
            Verdict::Unshifted => false,
            Verdict::Shifted {
                compare: doubts, ..
            } => doubts.iter().all(|doubt| {
                area(doubt.path, page, width, height)
                    .is_none_or(|area| compare.same(doubt, &area, &bands))
            }),
        })
        .collect();
    Some(Plan {
        nodes,
        transform,
        reach,
        runs: runs(&shifted),
        bands,
    })
}

/// The nodes that make up the page, under their parent's transform: the children of the
/// innermost group that is the only child of its parent, as the viewBox's scale is.
fn content(root: &usvg::Group, transform: Transform) -> (&[usvg::Node], Transform) {
    let mut group = root;
    let mut transform = transform;
    loop {
        match group.children() {
            [usvg::Node::Group(only)] => {
                transform = transform.pre_concat(group.transform());
                group = only;
            }
            _ => return (group.children(), transform.pre_concat(group.transform())),
        }
    }
}

/// The bands: each at least `rows` tall, ending on the first row no blocked span holds.
fn cut(blocked: &[i32], height: usize, rows: usize) -> Vec<Range<usize>> {
    let mut open = 0;
    let free: Vec<bool> = blocked[..height]
        .iter()
        .map(|d| {
            open += d;
            open == 0
        })
        .collect();
    let mut bands = Vec::new();
    let mut start = 0;
    while start < height {
        let end = (start + rows.max(1)..height)
            .find(|&row| free[row])
            .unwrap_or(height);
        bands.push(start..end);
        start = end;
    }
    bands
}

/// Groups consecutive nodes drawn the same way.
fn runs(shifted: &[bool]) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut start = 0;
    for end in 1..=shifted.len() {
        if end == shifted.len() || shifted[end] != shifted[start] {
            runs.push(if shifted[start] {
                Run::Banded(start..end)
            } else {
                Run::Whole(start..end)
            });
            start = end;
        }
    }
    runs
}

/// Draws single paths unshifted and in bands, on the page's own zeroed pixels: the page
/// is written in full later anyway, so this maps no memory of its own. It leaves the
/// pixels zeroed.
struct Compare<'p> {
    width: u32,
    page: &'p mut [u8],
}

impl Compare<'_> {
    /// Whether a doubtful path, which can touch `area`, comes out in every band it
    /// reaches as it does unshifted.
    fn same(&mut self, doubt: &Doubt, area: &Area, bands: &[Range<usize>]) -> bool {
        let row = self.width as usize * 4;
        let columns = area.columns.start * 4..area.columns.end * 4;
        let rows = || {
            doubt
                .rows
                .iter()
                .flat_map(|rows| rows.start.max(area.rows.start)..rows.end.min(area.rows.end))
        };
        // Zeroing first maps the pages for writing: read first, they would be mapped to
        // the shared zero page and copied again when the page is drawn.
        clear(self.page, row, 0, area);
        draw(doubt.path, doubt.transform, 0, self.width, self.page);
        let mut reference = Vec::new();
        for y in rows() {
            reference.extend_from_slice(&self.page[y * row..][columns.clone()]);
        }
        clear(self.page, row, 0, area);
        let mut same = true;
        for band in bands
            .iter()
            .filter(|b| b.start > 0 && b.start < area.rows.end && area.rows.start < b.end)
        {
            let pixels = &mut self.page[band.start * row..band.end * row];
            draw(doubt.path, doubt.transform, band.start, self.width, pixels);
            let mut expected = reference.chunks_exact(columns.len());
            for y in rows() {
                let expected = expected.next().unwrap_or_default();
                if band.contains(&y) {
                    same &= pixels[(y - band.start) * row..][columns.clone()] == *expected;
                }
            }
            clear(pixels, row, band.start, area);
        }
        same
    }
}

/// The part of the page a node can touch, with a pixel to spare for anti-aliasing;
/// `page` takes the tree's canvas to page pixels.
fn area(node: &usvg::Node, page: Transform, width: u32, height: usize) -> Option<Area> {
    let bounds = node.abs_stroke_bounding_box().to_non_zero_rect()?;
    let bounds = bounds.transform(page)?;
    let clamp = |v: f32, max: usize| (v.max(0.0) as usize).min(max);
    let rows =
        clamp(bounds.top().floor() - 1.0, height)..clamp(bounds.bottom().ceil() + 1.0, height);
    let columns = clamp(bounds.left().floor() - 1.0, width as usize)
        ..clamp(bounds.right().ceil() + 1.0, width as usize);
    (!rows.is_empty() && !columns.is_empty()).then_some(Area { rows, columns })
}

/// Draws `node` shifted up by `top` into zeroed `rgba`, rows of `width` pixels.
fn draw(node: &usvg::Node, transform: Transform, top: usize, width: u32, rgba: &mut [u8]) {
    let height = rgba.len() / (width as usize * 4);
    if let Some(mut pixmap) = PixmapMut::from_bytes(rgba, width, height as u32) {
        paint::node(
            node,
            transform.post_translate(0.0, -(top as f32)),
            &mut pixmap,
        );
    }
}

/// Zeroes `area` (in page rows) of `rgba`, whose first row is page row `top`.
fn clear(rgba: &mut [u8], row: usize, top: usize, area: &Area) {
    let end = (top + rgba.len() / row).min(area.rows.end);
    for y in area.rows.start.max(top)..end {
        rgba[(y - top) * row..][area.columns.start * 4..area.columns.end * 4].fill(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparing_notices_a_path_that_a_band_edge_changes() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">
            <circle cx="50" cy="50" r="30" fill="none" stroke="black" stroke-width="4"/>
        </svg>"#;
        let tree = usvg::Tree::from_str(svg, &usvg::Options::default()).unwrap();
        let (nodes, transform) = content(tree.root(), Transform::from_scale(3.0, 3.0));
        let circle = &nodes[0];
        let area = area(circle, Transform::from_scale(3.0, 3.0), 300, 300).unwrap();
        let doubt = Doubt {
            path: circle,
            transform,
            rows: vec![area.rows.clone()],
        };
        let mut page = vec![0; 300 * 300 * 4];
        let mut compare = Compare {
            width: 300,
            page: &mut page,
        };
        assert!(
            compare.same(&doubt, &area, std::slice::from_ref(&(0..300))),
            "one band is one pass"
        );
        // A band edge across the circle cuts its curves, and tiny-skia redraws the pieces.
        assert!(!compare.same(&doubt, &area, &[0..100, 100..300]));
        assert!(page.iter().all(|&b| b == 0), "comparing left pixels behind");
    }
}
