//! An offer's facts on its card — how long it takes, whom it is for, when it starts and
//! ends, whom to ask — each an icon and a few words, wrapped beside the icon. An offer
//! without them takes no room for them.

use super::block::Block;
use super::icons;
use super::metrics::Metrics;
use crate::model::{Icon, Label, Labels, Offer};
use crate::scene::{Color, Item, Point, Weight};

/// One fact: its icon and its words, wrapped, and where it stands from the facts' top
/// left corner.
struct Fact<'f> {
    icon: Icon,
    block: Block<'f>,
    at: Point,
}

/// An offer's facts, measured for a width.
pub struct Facts<'f> {
    facts: Vec<Fact<'f>>,
    icon: f32,
    icon_gap: f32,
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
    /// Measures the offer's facts for `width` pt, in the cards' body type, each on a line
    /// of its own or, when `share` (a compact card), short facts side by side on a line
    /// while they fit it whole.
    pub fn new(
        offer: &Offer,
        labels: &Labels,
        width: f32,
        share: bool,
        m: &Metrics<'f>,
    ) -> Facts<'f> {
        let size = m.body;
        // The icon as large as a tag's beside its label, in proportion to the body type.
        let icon = m.chip.icon_size * size / m.chip.style.size;
        let icon_gap = m.chip.icon_gap * size / m.chip.style.size;
        let gap = m.space.card / 2.0;
        // Between two facts on one line: as much as a tag leaves between its badges.
        let beside = m.gutter.max(2.0 * icon_gap);
        let words = (width - icon - icon_gap).max(1.0);
        let mut facts: Vec<Fact<'f>> = Vec::new();
        let (mut x, mut top, mut line) = (0.0_f32, 0.0_f32, 0.0_f32);
        for (kind, text) in sentences(offer, labels) {
            let block = Block::new(m.fonts, &text, Weight::Regular, size, m.lines.body, words);
            let wide = icon + icon_gap + block.width();
            let alone = block.lines.len() != 1;
            let fits = x > 0.0 && x + beside + wide <= width;
            if share && !alone && fits {
                x += beside;
            } else if !facts.is_empty() {
                top += line + gap;
                (x, line) = (0.0, 0.0);
            }
            line = line.max(block.height());
            facts.push(Fact {
                icon: kind,
                block,
                at: Point::new(x, top),
            });
            // A fact that wraps takes its line whole.
            x = if share && !alone { x + wide } else { width };
        }
        let height = if facts.is_empty() { 0.0 } else { top + line };
        Facts {
            facts,
            icon,
            icon_gap,
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
        let mut groups = Vec::with_capacity(self.facts.len());
        for fact in &self.facts {
            let (x, y) = (at.x + fact.at.x, at.y + fact.at.y);
            let style = fact.block.style;
            let line = style.ascent() + style.descent();
            let icon_top = y + (line - self.icon) / 2.0;
            let mut items = icons::draw(fact.icon, Point::new(x, icon_top), self.icon, icon_color);
            items.extend(fact.block.place(x + self.icon + self.icon_gap, y, color));
            groups.push(items);
        }
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{metrics::Metrics, Preset};
    use crate::model;

    /// The offer's facts measured `width` pt wide, sharing lines or not: their tops.
    fn tops(facts: &str, width: f32, share: bool) -> Vec<f32> {
        let source = format!(
            "title = \"T\"\n[[stage]]\ntitle = \"S\"\n[[stage.offer]]\ntitle = \"O\"\n\
             provider = \"P\"\nurl = \"https://example.org/\"\ncost = \"free\"\n{facts}"
        );
        let roadmap = model::parse("facts.toml", &source).unwrap();
        let preset = Preset::builtin("road").unwrap();
        let m = Metrics::new(&preset, 1.0, roadmap.text_fonts());
        let offer = &roadmap.stages[0].offers[0];
        let measured = Facts::new(offer, &roadmap.labels, width, share, &m);
        measured.facts.iter().map(|f| f.at.y).collect()
    }

    #[test]
    fn short_facts_share_a_line_on_a_compact_card() {
        let short = "duration = \"One day\"\nstarts = \"Monthly\"\n";
        assert_eq!(tops(short, 200.0, true), [0.0, 0.0]);
        // Not compact: a line each.
        let apart = tops(short, 200.0, false);
        assert!(apart[1] > apart[0], "{apart:?}");
        // Too narrow for both: a line each.
        let narrow = tops(short, 60.0, true);
        assert!(narrow[1] > narrow[0], "{narrow:?}");
    }

    #[test]
    fn a_fact_that_wraps_takes_its_lines_whole() {
        let facts = "duration = \"One day\"\n\
                     audience = \"Link workers, care coordinators and health coaches\"\n\
                     starts = \"Monthly\"\n";
        let at = tops(facts, 120.0, true);
        // The audience wraps: it stands under the duration, and what follows under it.
        assert!(at[1] > at[0] && at[2] > at[1], "{at:?}");
    }
}
