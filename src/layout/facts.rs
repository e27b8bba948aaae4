//! An offer's facts on its card — how long it takes, whom it is for, when it starts and
//! ends, whom to ask — each an icon and a few words, wrapped beside the icon. An offer
//! without them takes no room for them.

use super::block::Block;
use super::icons;
use super::metrics::Metrics;
use crate::model::{Icon, Label, Labels, Offer};
use crate::scene::{Color, Item, Point, Weight};

/// One fact: its icon and its words, wrapped.
struct Fact<'f> {
    icon: Icon,
    block: Block<'f>,
}

/// An offer's facts, measured for a width.
pub struct Facts<'f> {
    facts: Vec<Fact<'f>>,
    icon: f32,
    icon_gap: f32,
    /// Between one fact and the next, pt.
    gap: f32,
    /// The height of them all, pt; 0 for an offer without facts.
    pub height: f32,
}

/// The sentences of an offer's facts, in the order a card shows them, with their icons.
pub fn sentences(offer: &Offer, labels: &Labels) -> Vec<(Icon, String)> {
    let mut facts = Vec::new();
    if let Some(duration) = &offer.duration {
        facts.push((Icon::Clock, duration.clone()));
    }
    if let Some(audience) = &offer.audience {
        facts.push((
            Icon::People,
            format!("{}: {audience}", labels.get(Label::Audience)),
        ));
    }
    // When it starts and when it ends share a line: one calendar, read as one sentence.
    let starts = offer
        .starts
        .as_ref()
        .map(|s| format!("{}: {}", labels.get(Label::Starts), labels.when(s)));
    let until = offer
        .until
        .as_ref()
        .map(|u| format!("{} {}", labels.get(Label::Until), labels.date(&u.date)));
    let when: Vec<String> = starts.into_iter().chain(until).collect();
    if !when.is_empty() {
        facts.push((Icon::Calendar, when.join(" · ")));
    }
    if let Some(contact) = &offer.contact {
        let words = format!("{}: {}", labels.get(Label::Contact), contact.display());
        facts.push((Icon::Chat, words));
    }
    facts
}

impl<'f> Facts<'f> {
    /// Measures the offer's facts for `width` pt, in the cards' body type.
    pub fn new(offer: &Offer, labels: &Labels, width: f32, m: &Metrics<'f>) -> Facts<'f> {
        let size = m.body;
        // The icon as large as a tag's beside its label, in proportion to the body type.
        let icon = m.chip.icon_size * size / m.chip.style.size;
        let icon_gap = m.chip.icon_gap * size / m.chip.style.size;
        let gap = m.space.card / 2.0;
        let facts: Vec<Fact<'f>> = sentences(offer, labels)
            .into_iter()
            .map(|(icon_kind, words)| Fact {
                icon: icon_kind,
                block: Block::new(
                    m.fonts,
                    &words,
                    Weight::Regular,
                    size,
                    m.lines.body,
                    (width - icon - icon_gap).max(1.0),
                ),
            })
            .collect();
        let words: f32 = facts.iter().map(|f| f.block.height()).sum();
        let height = if facts.is_empty() {
            0.0
        } else {
            words + gap * (facts.len() - 1) as f32
        };
        Facts {
            facts,
            icon,
            icon_gap,
            gap,
            height,
        }
    }

    /// Whether a word of a fact had to be broken to fit the width.
    pub fn broken(&self) -> bool {
        self.facts.iter().any(|f| f.block.broken)
    }

    /// The facts as items, one group a fact, their top-left corner at `at`: each icon
    /// centred on its fact's first line.
    pub fn place(&self, at: Point, icon_color: Color, color: Color) -> Vec<Vec<Item>> {
        let mut y = at.y;
        let mut groups = Vec::with_capacity(self.facts.len());
        for fact in &self.facts {
            let style = fact.block.style;
            let line = style.ascent() + style.descent();
            let icon_top = y + (line - self.icon) / 2.0;
            let mut items =
                icons::draw(fact.icon, Point::new(at.x, icon_top), self.icon, icon_color);
            items.extend(fact.block.place(at.x + self.icon + self.icon_gap, y, color));
            groups.push(items);
            y += fact.block.height() + self.gap;
        }
        groups
    }
}
