//! The columns layout: one column per stage across the page, in reading order, each
//! headed by its numbered marker, with an arrow in the gap between neighbouring columns.
//! When columns would be narrower than a card may be, they wrap into rows of columns.

use super::block::Block;
use super::grid::{first_spill, Cards};
use super::heading;
use super::marker::marker;
use super::metrics::Metrics;
use super::preset::Preset;
use super::space::{fit_across, spread, stacked};
use super::widths::{by_columns, row_height, Room, Span, Tall};
use super::{Body, Extent, Flow};
use crate::model::{Roadmap, Stage};
use crate::scene::{with_role, Color, Item, Path, Point, Rect, Role, Segment, Shape, Stroke};

/// A right-pointing chevron centred on `center`, `height` pt tall, in `color`: it tells
/// the reader which way to go from one stage to the next.
pub(super) fn arrow(center: Point, height: f32, color: Color, preset: &Preset) -> Item {
    chevron(center, height, color, preset, 1.0)
}

/// [`arrow`] pointing back, to the left: where the roadmap came from.
pub(super) fn arrow_back(center: Point, height: f32, color: Color, preset: &Preset) -> Item {
    chevron(center, height, color, preset, -1.0)
}

/// A chevron pointing right (`towards` 1) or left (-1).
fn chevron(center: Point, height: f32, color: Color, preset: &Preset, towards: f32) -> Item {
    let shape = &preset.columns;
    let half = height / 2.0;
    let depth = half * shape.arrow_depth.0;
    let line = height * shape.arrow_line.0;
    // The stroke's round ends reach `line / 2` beyond the points; keep the ink centred.
    let (x0, x1) = (
        center.x - towards * depth / 2.0,
        center.x + towards * depth / 2.0,
    );
    Item::Shape(Shape {
        path: Path {
            segments: vec![
                Segment::MoveTo(Point::new(x0, center.y - half + line / 2.0)),
                Segment::LineTo(Point::new(x1, center.y)),
                Segment::LineTo(Point::new(x0, center.y + half - line / 2.0)),
            ],
        },
        fill: None,
        stroke: Some(Stroke {
            color,
            width: line,
            dash: None,
            round: true,
        }),
    })
}

/// One stage's column: its heading and its stacked cards.
struct Column<'f> {
    title: Block<'f>,
    /// Whether the title stands under the marker, because beside it a word would break.
    title_under: bool,
    summary: Option<Block<'f>>,
    /// Whether the summary stands under the title, beside the marker.
    summary_beside: bool,
    /// Marker, title and summary, pt.
    heading: f32,
    cards: Cards<'f>,
    /// Where the column stands in its row: its left edge, from the body's, and its
    /// width, pt.
    span: Span,
}

impl<'f> Column<'f> {
    /// Measures the heading of `stage`, whose `cards` are already measured, for a column
    /// standing at `span`.
    fn new(
        stage: &Stage,
        cards: Cards<'f>,
        span: Span,
        m: &Metrics<'f>,
        preset: &Preset,
    ) -> Column<'f> {
        let width = span.width;
        let marker = column_marker(width, m, preset);
        let space = m.space.marker;
        let title_at = |w: f32| heading::title(stage, w, m);
        let beside = title_at(width - marker - m.gutter);
        let (title, title_under, head) = if beside.broken {
            let under = title_at(width);
            let head = marker + space + under.height();
            (under, true, head)
        } else {
            let head = marker.max(beside.height());
            (beside, false, head)
        };
        let summary_at = |w: f32| heading::summary(stage, w, m);
        let summary = summary_at(width);
        let below = head + summary.as_ref().map_or(0.0, |s| space + s.height());
        // A compact heading sets the summary under a title that stands beside the marker,
        // in line with the title, where that is shorter and breaks no word.
        if preset.packing.compact && !title_under {
            let narrow = summary_at(width - marker - m.gutter);
            if let Some(s) = narrow.filter(|s| !s.broken) {
                let beside = marker.max(title.height() + s.height());
                if beside < below {
                    return Column {
                        heading: beside,
                        title,
                        title_under,
                        summary: Some(s),
                        summary_beside: true,
                        cards,
                        span,
                    };
                }
            }
        }
        Column {
            heading: below,
            title,
            title_under,
            summary,
            summary_beside: false,
            cards,
            span,
        }
    }

    /// The column as stages side by side line it up: its heading, and its cards with the
    /// space above them.
    fn tall(&self, head_gap: f32) -> Tall {
        let cards = match self.cards.is_empty() {
            true => 0.0,
            false => head_gap + self.cards.height(),
        };
        Tall {
            head: self.heading,
            cards,
        }
    }

    /// The marker, title and summary, the column's top-left corner at `x`, `top`.
    fn place_heading(
        &self,
        number: usize,
        x: f32,
        top: f32,
        width: f32,
        m: &Metrics,
        preset: &Preset,
    ) -> Vec<Item> {
        let p = &preset.palette;
        let accent = p.stage(number - 1);
        let size = column_marker(width, m, preset);
        let space = m.space.marker;
        let center = Point::new(x + size / 2.0, top + size / 2.0);
        let mut items = marker(m.fonts, number, center, size, accent, preset);
        let stage = number - 1;
        let below = if self.title_under {
            let title_top = top + size + space;
            let title = self.title.place(x, title_top, accent);
            items.extend(with_role(title, Role::StageTitle(stage)));
            title_top + self.title.height()
        } else {
            let title_x = x + size + m.gutter;
            if let (true, Some(s)) = (self.summary_beside, &self.summary) {
                // Title and summary together are centred on the marker, or start level
                // with it when taller.
                let both = self.title.height() + s.height();
                let title_top = top + ((size - both) / 2.0).max(0.0);
                let title = self.title.place(title_x, title_top, accent);
                items.extend(with_role(title, Role::StageTitle(stage)));
                let summary_top = title_top + self.title.height();
                let summary = s.place(title_x, summary_top, p.muted.0);
                items.extend(with_role(summary, Role::StageSummary(stage)));
                return items;
            }
            // A short title is centred on the marker; a long one starts level with it.
            let title_top = top + ((size - self.title.height()) / 2.0).max(0.0);
            let title = self.title.place(title_x, title_top, accent);
            items.extend(with_role(title, Role::StageTitle(stage)));
            top + size.max(self.title.height())
        };
        if let Some(s) = &self.summary {
            let summary = s.place(x, below + space, p.muted.0);
            items.extend(with_role(summary, Role::StageSummary(stage)));
        }
        items
    }
}

/// The marker's diameter in a column `width` pt wide.
fn column_marker(width: f32, m: &Metrics, preset: &Preset) -> f32 {
    m.road.marker.min(width * preset.columns.marker_share.0)
}

/// Stages that share a row of columns.
struct Row {
    /// Index of the first stage in the row.
    first: usize,
    /// How many stages the row holds.
    count: usize,
    /// From the row's top to its cards' top: the tallest heading, pt.
    heading: f32,
    /// The whole row, pt.
    height: f32,
}

/// The columns layout's stages, measured for one type scale.
pub struct Columns<'f> {
    /// The index of the first column's stage in the whole roadmap.
    first: usize,
    columns: Vec<Column<'f>>,
    rows: Vec<Row>,
    gap: f32,
    /// Between a column's heading block and its cards, pt.
    head_gap: f32,
}

impl<'f> Columns<'f> {
    /// Measures the stages as columns across `area`, wrapped into as few rows as keep a
    /// column at least `card.min_width` wide. `first` is the index of the roadmap's first
    /// stage in the whole roadmap.
    pub fn measure(
        roadmap: &Roadmap,
        first: usize,
        area: Rect,
        m: &Metrics<'f>,
        preset: &Preset,
    ) -> Columns<'f> {
        let n = roadmap.stages.len().max(1);
        let gap = m.stage_gap;
        let min_width = m.card.min_width;
        let fit = fit_across(area.width, min_width, gap);
        let mut across = fit.clamp(1, n);
        loop {
            // Nine stages in four places go in three rows of three, not four, four and one.
            let per_row = n.div_ceil(n.div_ceil(across));
            let mut columns = Columns::arrange(roadmap, area, per_row, m, preset);
            columns.first = first;
            // A badge wider than its column widens the columns, while there are several.
            if columns.spill().is_none() || per_row == 1 {
                return columns;
            }
            across = per_row - 1;
        }
    }

    /// The first column holding a card whose badges do not fit, that card, and how far
    /// they run past it, pt.
    fn spill(&self) -> Option<(usize, usize, f32)> {
        first_spill(self.columns.iter().map(|c| &c.cards))
    }

    fn arrange(
        roadmap: &Roadmap,
        area: Rect,
        per_row: usize,
        m: &Metrics<'f>,
        preset: &Preset,
    ) -> Columns<'f> {
        let gap = m.stage_gap;
        let head_gap = m.space.heading;
        let mut columns: Vec<Column> = Vec::with_capacity(roadmap.stages.len());
        for row in roadmap.stages.chunks(per_row) {
            columns.extend(Columns::row(roadmap, row, area.width, per_row, m, preset));
        }
        let rows = (0..columns.len())
            .step_by(per_row)
            .map(|first| {
                let count = per_row.min(columns.len() - first);
                let talls: Vec<Tall> = (columns[first..first + count].iter())
                    .map(|c| c.tall(head_gap))
                    .collect();
                Row {
                    first,
                    count,
                    heading: talls.iter().map(|t| t.head).fold(0.0, f32::max),
                    height: row_height(&talls),
                }
            })
            .collect();
        Columns {
            first: 0,
            columns,
            rows,
            gap,
            head_gap,
        }
    }

    /// The columns of one row of `stages`, sharing `width` as `per_row` equal columns do.
    /// Stacked cards read as a column; only a column wider than three narrowest cards
    /// (one stage or two on a wide page) sets them side by side, rather than stretching
    /// each card into a long banner. With `share_by_height`, the row may instead set
    /// every card equally wide, the fullest stages taking more of them across, when that
    /// makes it shorter.
    fn row(
        roadmap: &Roadmap,
        stages: &[Stage],
        width: f32,
        per_row: usize,
        m: &Metrics<'f>,
        preset: &Preset,
    ) -> Vec<Column<'f>> {
        let gap = m.stage_gap;
        let head_gap = m.space.heading;
        let measure = |spans: &[Span], across: &[usize]| -> Vec<Column<'f>> {
            (stages.iter().zip(spans).zip(across))
                .map(|((stage, &span), &most)| {
                    let cards = Cards::new(roadmap, stage, span.width, most, m, preset);
                    Column::new(stage, cards, span, m, preset)
                })
                .collect()
        };
        let column = (width - gap * (per_row - 1) as f32) / per_row as f32;
        let widest = preset.columns.side_by_side.0 * m.card.min_width;
        let most = ((column / widest).ceil() as usize).clamp(1, m.card.columns);
        let spans: Vec<Span> = (0..stages.len())
            .map(|k| Span {
                x: k as f32 * (column + gap),
                width: column,
            })
            .collect();
        let equal = measure(&spans, &vec![most; stages.len()]);
        if !preset.packing.share_by_height {
            return equal;
        }
        let talls = |c: &Vec<Column>| c.iter().map(|c| c.tall(head_gap)).collect::<Vec<_>>();
        let room = Room {
            width: spans.last().map_or(0.0, |s| s.right()),
            gap,
            gutter: m.gutter,
            min_card: m.card.min_width,
        };
        let limits: Vec<usize> = (stages.iter())
            .map(|s| s.offers.len().clamp(1, m.card.columns))
            .collect();
        match by_columns(room, &limits, |_| true, measure, talls) {
            Some(shared) if shared.height < row_height(&talls(&equal)) => shared.measured,
            _ => equal,
        }
    }
}

impl<'f> Columns<'f> {
    /// The rows' height with the gaps between them, pt.
    fn height(&self) -> f32 {
        stacked(self.rows.iter().map(|r| r.height), self.gap)
    }
}

impl Body for Columns<'_> {
    fn extent(&self) -> Extent {
        // Badges that run past a card only go away with smaller type: however much room
        // is left, the page does not fit until they do.
        match self.spill() {
            Some((_, _, by)) => Extent::TooWide(by),
            None => Extent::Height(self.height()),
        }
    }

    fn overflow(&self, available: f32) -> (usize, Option<usize>) {
        if let Some((stage, offer, _)) = self.spill() {
            return (stage, Some(offer));
        }
        let mut top = 0.0;
        for row in &self.rows {
            if top + row.height > available {
                // The tallest column of the row is the one that crosses.
                let tallest = (row.first..row.first + row.count)
                    .max_by(|&a, &b| {
                        let h = |i: usize| self.columns[i].cards.height();
                        h(a).total_cmp(&h(b))
                    })
                    .unwrap_or(row.first);
                let budget = available - top - row.heading - self.head_gap;
                return (
                    tallest,
                    self.columns[tallest].cards.first_past(budget, false),
                );
            }
            top += row.height + self.gap;
        }
        (self.columns.len().saturating_sub(1), None)
    }

    fn place(&self, area: Rect, m: &Metrics, preset: &Preset, _: Flow) -> Vec<Item> {
        let slack = (area.height - self.height()).max(0.0);
        let (extra, offset) = spread(slack, self.rows.len(), self.gap, preset.grid.spread.0);
        let mut top = area.y + offset;
        let p = &preset.palette;
        let mut items = Vec::new();
        for row in &self.rows {
            for k in 0..row.count {
                let i = row.first + k;
                let column = &self.columns[i];
                let i = self.first + i;
                let accent = p.stage(i);
                let (x, width) = (area.x + column.span.x, column.span.width);
                items.extend(column.place_heading(i + 1, x, top, width, m, preset));
                let cards_top = top + row.heading + self.head_gap;
                items.extend(column.cards.place(x, cards_top, false, accent, i, preset));
                if k + 1 < row.count {
                    let marker = column_marker(width, m, preset);
                    let at = Point::new(x + width + self.gap / 2.0, top + marker / 2.0);
                    items.push(arrow(
                        at,
                        marker * preset.columns.arrow.0,
                        p.muted.0,
                        preset,
                    ));
                }
            }
            top += row.height + self.gap + extra;
        }
        items
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::testing::{example_is_clean, lay_out, stages};

    fn preset() -> Preset {
        Preset::builtin("columns").expect("the columns preset is built in")
    }

    #[test]
    fn the_example_lays_out_cleanly_with_one_link_per_offer() {
        example_is_clean(&preset());
    }

    #[test]
    fn an_empty_stage_lays_out_cleanly() {
        let source = stages(1, 0) + &stages(1, 1).replace("title = \"Stages\"\n", "");
        assert_eq!(lay_out(&source, &preset()).links().len(), 1);
    }

    #[test]
    fn many_stages_wrap_into_rows_of_columns() {
        let scene = lay_out(&stages(9, 1), &preset());
        let tops: Vec<f32> = scene.links().iter().map(|l| l.rect.y).collect();
        assert!(
            tops.first() < tops.last(),
            "the last stage should be on a lower row"
        );
        let min_width = crate::layout::metrics::pt(preset().card.min_width);
        assert!(scene.links().iter().all(|l| l.rect.width >= min_width));
    }
}
