//! What each line of text is part of, so that a writer can give the page a logical
//! structure (a tagged PDF's structure tree) in reading order, whatever order the lines are
//! drawn in and wherever they stand.
//!
//! The layout knows which line is a title, a stage's summary or an offer's provider; a
//! writer that had to guess it from positions and sizes would guess wrong on some layout.

use super::Item;

/// An offer's place in the roadmap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct OfferAt {
    /// The stage's index in the roadmap, from 0.
    pub stage: usize,
    /// The offer's index within its stage, from 0.
    pub offer: usize,
}

/// The part of an offer's card a line belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum OfferPart {
    /// The offer's title.
    Title,
    /// Who provides it.
    Provider,
    /// Its description.
    Description,
    /// One badge (cost, level or tag), by its place among the card's badges.
    Badge(usize),
    /// The printed address of its link.
    Address,
    /// One of its facts (how long it takes, whom it is for, when it runs, whom to ask), by
    /// its place among the card's facts.
    Fact(usize),
}

/// What a line of text is part of. Lines with equal roles belong together: the lines of a
/// wrapped title, the badge and the words explaining it in a legend entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[non_exhaustive]
pub enum Role {
    /// Text with no known part in the roadmap: read after everything else.
    #[default]
    Other,
    /// The roadmap's title.
    Title,
    /// The line under the title.
    Subtitle,
    /// One entry of the legend, by its place in the legend.
    Legend(usize),
    /// A stage's number, by the stage's index.
    StageNumber(usize),
    /// A stage's title, by the stage's index.
    StageTitle(usize),
    /// A stage's summary, by the stage's index.
    StageSummary(usize),
    /// A part of an offer's card.
    Offer(OfferAt, OfferPart),
    /// The footer.
    Footer,
    /// Page furniture of a roadmap laid over several pages: the running title of a later
    /// page, "page 1 of 2", and the notes where the road continues ("continues overleaf",
    /// "continued from page 1"). Read by nobody who reads the pages in order: a tagged PDF
    /// marks it as a pagination artifact.
    Pagination,
}

/// Gives every line of text among `items`, inside links too, the role `role`.
pub fn with_role(mut items: Vec<Item>, role: Role) -> Vec<Item> {
    set_role(&mut items, role);
    items
}

fn set_role(items: &mut [Item], role: Role) {
    for item in items {
        match item {
            Item::Text(text) => text.role = role,
            Item::Link(link) => set_role(&mut link.children, role),
            Item::Shape(_) | Item::Qr(_) | Item::Image(_) => {}
        }
    }
}
