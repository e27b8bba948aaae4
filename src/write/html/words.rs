//! Every word the HTML page says itself, beside the roadmap's own text: all looked up here,
//! in the roadmap's words table ([`Labels`](crate::model::Labels)), so the page speaks the
//! roadmap's language and says exactly what the printed page says.

use crate::model::{Cost, Label, Level, Roadmap};

/// Something the page says in its own words.
pub(super) enum Say<'a> {
    /// An offer's cost: "Free", "Chargeable · £150".
    Cost(&'a Cost),
    /// An offer's qualification level: "Level 3".
    Level(Level),
    /// The footer: when the roadmap was last updated, and its small print.
    Footer,
    /// A word of the filters: a heading, a legend, a button, a message.
    Filters(Label),
    /// How many offers the filters show, of how many: "Showing 5 of 12 offers".
    Showing(usize, usize),
}

/// The words for `what`, or nothing when the roadmap gives nothing to say.
pub(super) fn say(roadmap: &Roadmap, what: Say<'_>) -> Option<String> {
    let labels = &roadmap.labels;
    match what {
        Say::Cost(cost) => Some(cost.label(labels)),
        Say::Level(level) => Some(labels.level(&level.get().to_string())),
        Say::Footer => roadmap.footer_line(),
        Say::Filters(label) => Some(labels.get(label).to_string()),
        Say::Showing(n, total) => Some(labels.showing(n, total)),
    }
}
