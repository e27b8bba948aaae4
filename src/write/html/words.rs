//! Every word the HTML page says itself, beside the roadmap's own text: all looked up here.
//! Those the printed page says too come from where the layout takes them, so the two
//! versions never disagree.

use crate::layout::footer_text;
use crate::model::{Cost, Level, Roadmap};

/// Something the page says in its own words.
pub(super) enum Say<'a> {
    /// An offer's cost: "Free", "Chargeable · £150".
    Cost(&'a Cost),
    /// An offer's qualification level: "Level 3".
    Level(Level),
    /// The footer: when the roadmap was last updated, and its small print.
    Footer,
    /// The caption of the figure that shows the page as drawn.
    Figure,
}

/// The words for `what`, or nothing when the roadmap gives nothing to say.
pub(super) fn say(roadmap: &Roadmap, what: Say<'_>) -> Option<String> {
    match what {
        Say::Cost(cost) => Some(cost.label()),
        Say::Level(level) => Some(level.label()),
        Say::Footer => footer_text(roadmap),
        Say::Figure => Some("The roadmap on one page".to_string()),
    }
}
