//! A stage's heading words, set for a width the same way in every style: its title in the
//! stage size, bold, and its summary in the body size.

use super::block::Block;
use super::metrics::Metrics;
use crate::model::Stage;
use crate::scene::Weight;

/// The stage's title set `width` pt wide.
pub(super) fn title<'f>(stage: &Stage, width: f32, m: &Metrics<'f>) -> Block<'f> {
    Block::new(
        m.fonts,
        &stage.title,
        Weight::Bold,
        m.stage,
        m.lines.heading,
        width,
    )
}

/// The stage's summary set `width` pt wide, if it has one.
pub(super) fn summary<'f>(stage: &Stage, width: f32, m: &Metrics<'f>) -> Option<Block<'f>> {
    let text = stage.summary.as_deref()?;
    Some(Block::new(
        m.fonts,
        text,
        Weight::Regular,
        m.body,
        m.lines.body,
        width,
    ))
}
