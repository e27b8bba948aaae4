//! The filters: which choices the page offers, the keys offers and the address carry for
//! them, and the form the page's script shows.
//!
//! Every choice has a key that is stable, readable and safe in an address and an
//! attribute: `free` and `chargeable`, a tag's name (`online`, `in-person` …), `level-3`,
//! `stage-2`. The address of a filtered view is its keys joined by `+`
//! (`page.html#free+online`), with the search as `q=…`. A tag whose name is not such a
//! key gets one made from it: lower case ASCII letters and digits, runs of anything else
//! as one `-` (`Peer support` → `peer-support`), `tag-` before it when it would read as
//! another group's key, and `-2`, `-3` … after it when two tags would share it.
//!
//! Only what the roadmap uses gets a choice, and only when it tells offers apart: a value
//! every offer has (all free, all online) would show everything whether ticked or not.

use super::words::{say, Say};
use super::Html;
use crate::model::{Cost, Label, Level, Offer, Roadmap};
use std::fmt::Write as _;

/// One group of choices: an offer is shown when it has any of the group's ticked keys.
pub(super) struct Group {
    /// The name of the data attribute on each offer that holds its keys for this group,
    /// after `data-`; also the checkboxes' `name`.
    pub(super) name: &'static str,
    /// The group's legend.
    pub(super) legend: String,
    /// The choices, in the roadmap's order.
    pub(super) choices: Vec<Choice>,
}

/// One checkbox.
pub(super) struct Choice {
    /// Its key in offers' data attributes and in the address.
    pub(super) key: String,
    /// What it says.
    pub(super) label: String,
}

/// The keys of the page's filters.
pub(super) struct Filters {
    /// The groups with at least one choice, in the order the form shows them.
    pub(super) groups: Vec<Group>,
    /// Each tag's key, by its index in [`Roadmap::tags`].
    pub(super) tag_keys: Vec<String>,
}

/// The key of an offer's cost.
pub(super) fn cost_key(cost: &Cost) -> &'static str {
    match cost {
        Cost::Free => "free",
        Cost::Chargeable { .. } => "chargeable",
    }
}

/// The key of a qualification level.
pub(super) fn level_key(level: u8) -> String {
    format!("level-{level}")
}

/// The key of the stage numbered `number`, from 1.
pub(super) fn stage_key(number: usize) -> String {
    format!("stage-{number}")
}

impl Filters {
    /// The filters a roadmap needs.
    pub(super) fn new(roadmap: &Roadmap) -> Filters {
        let tag_keys = tag_keys(roadmap);
        let offers: Vec<(usize, &Offer)> = (roadmap.stages.iter().enumerate())
            .flat_map(|(i, stage)| stage.offers.iter().map(move |offer| (i + 1, offer)))
            .collect();
        // The choices that tell offers apart: used by some offer, but not by all.
        let tells = |has: &dyn Fn(usize, &Offer) -> bool| {
            let n = offers.iter().filter(|(stage, o)| has(*stage, o)).count();
            n > 0 && n < offers.len()
        };
        let mut groups = Vec::new();

        let costs = [("free", Label::Free), ("chargeable", Label::Chargeable)];
        let choices = (costs.into_iter())
            .filter(|(key, _)| tells(&|_, o| cost_key(&o.cost) == *key))
            .map(|(key, label)| Choice {
                key: key.to_string(),
                label: word(roadmap, label),
            })
            .collect();
        groups.push(Group {
            name: "cost",
            legend: word(roadmap, Label::FilterCost),
            choices,
        });

        let choices = (roadmap.tags.iter().enumerate())
            .filter(|(i, _)| tells(&|_, o| o.tags.contains(i)))
            .map(|(i, tag)| Choice {
                key: tag_keys[i].clone(),
                label: tag.label.clone(),
            })
            .collect();
        groups.push(Group {
            name: "tags",
            legend: word(roadmap, Label::FilterTags),
            choices,
        });

        let choices = (Level::LOWEST..=Level::HIGHEST)
            .filter(|&n| tells(&|_, o| o.level.is_some_and(|l| l.get() == n)))
            .map(|n| Choice {
                key: level_key(n),
                label: Level::new(n.into())
                    .and_then(|level| say(roadmap, Say::Level(level)))
                    .unwrap_or_default(),
            })
            .collect();
        groups.push(Group {
            name: "level",
            legend: word(roadmap, Label::FilterLevel),
            choices,
        });

        let choices = (roadmap.stages.iter().enumerate())
            .filter(|(i, _)| tells(&|stage, _| stage == i + 1))
            .map(|(i, stage)| Choice {
                key: stage_key(i + 1),
                label: format!("{} {}", i + 1, stage.title),
            })
            .collect();
        groups.push(Group {
            name: "stage",
            legend: word(roadmap, Label::FilterStage),
            choices,
        });

        groups.retain(|g| !g.choices.is_empty());
        Filters { groups, tag_keys }
    }

    /// The form: hidden, so that without the script nobody meets controls that do
    /// nothing; the script shows it. The count in it is true without the script too.
    /// Closed, it takes one line: its heading in a disclosure's summary, with how many
    /// filters are in use, and the count beside it; opened, the search and the groups.
    /// Under them, hidden until the script has something to say, how many of the
    /// address's words named no filter.
    pub(super) fn write_form(&self, out: &mut Html, roadmap: &Roadmap, total: usize) {
        out.raw(
            "<form class=\"filters\" id=\"filters\" role=\"search\" \
             aria-labelledby=\"filters-title\" hidden=\"hidden\">\n<details>\n<summary>\
             <h2 id=\"filters-title\">",
        );
        out.text(&word(roadmap, Label::Filter));
        out.raw(
            "</h2> <span class=\"active\" id=\"filters-active\" hidden=\"hidden\" data-template=\"",
        );
        out.text(&word(roadmap, Label::FiltersActive));
        out.raw("\"></span></summary>\n<p class=\"hint\">");
        out.text(&word(roadmap, Label::FilterHint));
        out.raw("</p>\n<p class=\"search\"><label for=\"filters-q\">");
        out.text(&word(roadmap, Label::Search));
        out.raw(
            "</label>\n<input type=\"search\" id=\"filters-q\" name=\"q\" \
             autocomplete=\"off\" spellcheck=\"false\" /></p>\n",
        );
        for group in &self.groups {
            out.raw("<fieldset>\n<legend>");
            out.text(&group.legend);
            out.raw("</legend>\n");
            for choice in &group.choices {
                let _ = write!(
                    out.0,
                    "<span class=\"choice\"><input type=\"checkbox\" name=\"{}\" \
                     id=\"filter-{}\" value=\"{}\" /><label for=\"filter-{}\">",
                    group.name, choice.key, choice.key, choice.key
                );
                out.text(&choice.label);
                out.raw("</label></span>\n");
            }
            out.raw("</fieldset>\n");
        }
        out.raw("<p><button type=\"button\" id=\"filters-clear\">");
        out.text(&word(roadmap, Label::ClearFilters));
        out.raw("</button></p>\n</details>\n");
        out.raw("<p class=\"status\" id=\"filters-status\" role=\"status\" data-template=\"");
        out.text(&word(roadmap, Label::Showing));
        out.raw("\">");
        out.text(&say(roadmap, Say::Showing(total, total)).unwrap_or_default());
        out.raw(
            "</p>\n<p class=\"unknown\" id=\"filters-unknown\" role=\"status\" data-template=\"",
        );
        out.text(&word(roadmap, Label::FiltersUnknown));
        out.raw("\"></p>\n</form>\n<p class=\"no-match\" id=\"no-match\" hidden=\"hidden\">");
        out.text(&word(roadmap, Label::NoMatch));
        out.raw("</p>\n");
    }
}

/// One of the page's own words.
fn word(roadmap: &Roadmap, label: Label) -> String {
    say(roadmap, Say::Filters(label)).unwrap_or_default()
}

/// Each tag's key, unique, and none that could be read as a key of another group.
fn tag_keys(roadmap: &Roadmap) -> Vec<String> {
    let mut taken: Vec<String> = Vec::with_capacity(roadmap.tags.len());
    for tag in &roadmap.tags {
        let mut key = slug(&tag.key);
        if other_groups_key(&key) {
            key = format!("tag-{key}");
        }
        let mut unique = key.clone();
        let mut n = 2;
        while taken.contains(&unique) {
            unique = format!("{key}-{n}");
            n += 1;
        }
        taken.push(unique);
    }
    taken
}

/// Lower-case ASCII letters and digits, each run of anything else as one `-`, and `tag`
/// when nothing is left.
fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        slug.push_str("tag");
    }
    slug
}

/// Whether a key reads as a cost, a level, a stage or the search.
fn other_groups_key(key: &str) -> bool {
    let numbered = |prefix: &str| {
        key.strip_prefix(prefix)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    key == "free" || key == "chargeable" || key == "q" || numbered("level-") || numbered("stage-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable_keys() {
        assert_eq!(slug("online"), "online");
        assert_eq!(slug("Peer support"), "peer-support");
        assert_eq!(slug("  <b>&amp;\"x\"+#"), "b-amp-x");
        assert_eq!(slug("ŵŷ"), "tag");
        assert_eq!(slug(""), "tag");
    }

    #[test]
    fn tag_keys_are_unique_and_never_another_groups() {
        let source = r#"
            title = "T"
            [tags.free]
            label = "Free tag"
            [tags."Level 3"]
            label = "L"
            [tags."peer support"]
            label = "P"
            [tags."peer+support"]
            label = "P2"
            [tags."tag-free"]
            label = "T2"
            [tags.q]
            label = "Q"
            [[stage]]
            title = "S"
        "#;
        let roadmap = crate::model::parse("t.toml", source).unwrap();
        let keys = tag_keys(&roadmap);
        let named = |name: &str| {
            let i = roadmap.tags.iter().position(|t| t.key == name).unwrap();
            keys[i].as_str()
        };
        assert_eq!(named("online"), "online");
        assert_eq!(named("free"), "tag-free");
        assert_eq!(named("Level 3"), "tag-level-3");
        assert_eq!(named("peer support"), "peer-support");
        assert_eq!(named("peer+support"), "peer-support-2");
        assert_eq!(named("tag-free"), "tag-free-2");
        assert_eq!(named("q"), "tag-q");
        let mut sorted = keys.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), keys.len());
    }
}
