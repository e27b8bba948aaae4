//! What changed between two editions of a roadmap: offers added, removed and changed,
//! field by field, stage by stage.
//!
//! An offer is the same offer in both editions when its title and link are both
//! unchanged, or when only one of them changed: a provider that renames a course keeps
//! its address, and one that moves a course keeps its name. An offer whose title and link
//! both changed cannot be told from a new one, and is reported as removed and added.
//! Titles are compared without case or repeated spaces, links without case or a
//! trailing `/`.

use crate::model::{name_key, Label, Offer, Place, Roadmap, Tag, COLOUR_KEYS};
use serde::Serialize;
use std::collections::HashMap;
use std::hash::Hash;

/// Everything that changed from an old edition to a new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Diff {
    /// Changes to the roadmap's own fields (title, footer, page …), the page's words
    /// (`labels.KEY`) and its tags' labels and icons.
    pub roadmap: Vec<Change>,
    /// Each stage of the new edition in order, then each stage of the old one that is
    /// gone; stages in which nothing changed are left out.
    pub stages: Vec<StageDiff>,
}

impl Diff {
    /// Whether the two editions are the same.
    pub fn is_empty(&self) -> bool {
        self.roadmap.is_empty() && self.stages.is_empty()
    }

    /// How many offers were added, removed and changed, over all stages.
    pub fn counts(&self) -> (usize, usize, usize) {
        self.stages.iter().fold((0, 0, 0), |(a, r, c), s| {
            (a + s.added.len(), r + s.removed.len(), c + s.changed.len())
        })
    }
}

/// One field's old and new value; `None` where the field is not set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Change {
    /// The field, as its key is written in the file (`title`, `url`, `tags` …), or
    /// `tags.KEY` for a tag's declaration, or `stage` for an offer that moved.
    pub field: String,
    /// The value in the old edition.
    pub old: Option<String>,
    /// The value in the new edition.
    pub new: Option<String>,
}

/// How a stage fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum StageStatus {
    /// In both editions under the same title.
    Kept,
    /// In both editions, under a new title (its summary or its offers gave it away).
    Renamed,
    /// Only in the new edition.
    Added,
    /// Only in the old edition.
    Removed,
}

/// What changed in one stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct StageDiff {
    /// The stage's title: the new one, or the old one for a stage that is gone.
    pub title: String,
    /// Whether the stage is new, gone, renamed or kept.
    pub status: StageStatus,
    /// Changes to the stage's own fields: `title` when renamed, `summary`.
    pub changes: Vec<Change>,
    /// Offers that are new in this stage.
    pub added: Vec<OfferSummary>,
    /// Offers of the old edition's stage that are gone.
    pub removed: Vec<OfferSummary>,
    /// Offers of this stage that changed, or that moved here from another stage.
    pub changed: Vec<OfferChange>,
}

/// An offer, named for a reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct OfferSummary {
    /// Its title.
    pub title: String,
    /// Who provides it.
    pub provider: String,
    /// Its link.
    pub url: String,
}

/// An offer found in both editions, with the fields that differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct OfferChange {
    /// Its title in the new edition.
    pub title: String,
    /// The fields that changed, in the order they are written in a file.
    pub changes: Vec<Change>,
}

/// Compares two editions of a roadmap.
///
/// # Example
///
/// ```
/// let old = waypost::model::parse("old.toml", r#"
///     title = "Roadmap"
///     [[stage]]
///     title = "Induction"
///     [[stage.offer]]
///     title = "Guide"
///     provider = "NHS England"
///     url = "https://example.org/guide"
///     cost = "free"
/// "#)?;
/// let new_source = r#"
///     title = "Roadmap"
///     [[stage]]
///     title = "Induction"
///     [[stage.offer]]
///     title = "Induction guide"
///     provider = "NHS England"
///     url = "https://example.org/guide"
///     cost = "free"
/// "#;
/// let new = waypost::model::parse("new.toml", new_source)?;
/// let diff = waypost::diff::diff(&old, &new);
/// let renamed = &diff.stages[0].changed[0];
/// assert_eq!(renamed.changes[0].field, "title");
/// assert_eq!(renamed.changes[0].old.as_deref(), Some("Guide"));
/// # Ok::<(), waypost::Error>(())
/// ```
pub fn diff(old: &Roadmap, new: &Roadmap) -> Diff {
    let pairs = Pairs::new(old, new);
    let mut stages = Vec::new();
    for (n, stage) in new.stages.iter().enumerate() {
        let from = pairs.stage_of_new[n];
        let (status, mut changes) = match from {
            None => (StageStatus::Added, Vec::new()),
            Some(o) => {
                let was = &old.stages[o];
                let mut changes = Vec::new();
                let renamed = name_key(&was.title) != name_key(&stage.title);
                if renamed {
                    changes.push(change("title", Some(&was.title), Some(&stage.title)));
                }
                let status = if renamed {
                    StageStatus::Renamed
                } else {
                    StageStatus::Kept
                };
                (status, changes)
            }
        };
        let was_summary = from.and_then(|o| old.stages[o].summary.as_deref());
        if from.is_some() && was_summary != stage.summary.as_deref() {
            changes.push(change("summary", was_summary, stage.summary.as_deref()));
        }
        let mut added = Vec::new();
        let mut changed = Vec::new();
        for (i, offer) in stage.offers.iter().enumerate() {
            match pairs.offer_of_new[n][i] {
                None => added.push(summary(offer)),
                Some((os, oi)) => {
                    let mut fields =
                        offer_changes(&old.stages[os].offers[oi], &old.tags, offer, &new.tags);
                    if from != Some(os) {
                        fields.insert(
                            0,
                            change("stage", Some(&old.stages[os].title), Some(&stage.title)),
                        );
                    }
                    if !fields.is_empty() {
                        changed.push(OfferChange {
                            title: offer.title.clone(),
                            changes: fields,
                        });
                    }
                }
            }
        }
        let removed = from.map_or_else(Vec::new, |o| pairs.gone_from(old, o));
        let diff = StageDiff {
            title: stage.title.clone(),
            status,
            changes,
            added,
            removed,
            changed,
        };
        if diff.status != StageStatus::Kept
            || !(diff.changes.is_empty() && diff.added.is_empty())
            || !(diff.removed.is_empty() && diff.changed.is_empty())
        {
            stages.push(diff);
        }
    }
    let mut continued = vec![false; old.stages.len()];
    for o in pairs.stage_of_new.iter().flatten() {
        continued[*o] = true;
    }
    for (o, stage) in old.stages.iter().enumerate() {
        if !continued[o] {
            stages.push(StageDiff {
                title: stage.title.clone(),
                status: StageStatus::Removed,
                changes: Vec::new(),
                added: Vec::new(),
                removed: pairs.gone_from(old, o),
                changed: Vec::new(),
            });
        }
    }
    Diff {
        roadmap: roadmap_changes(old, new),
        stages,
    }
}

/// Marks each offer of `new` that has no counterpart in `old` as new (see
/// [`Offer::new`]), so its card gets a "New" badge; returns how many there are.
pub fn mark_new(old: &Roadmap, new: &mut Roadmap) -> usize {
    let pairs = Pairs::new(old, new);
    let mut count = 0;
    for (stage, matched) in new.stages.iter_mut().zip(&pairs.offer_of_new) {
        for (offer, found) in stage.offers.iter_mut().zip(matched) {
            offer.new = found.is_none();
            count += usize::from(offer.new);
        }
    }
    count
}

/// Which old stage and offer each new one corresponds to.
struct Pairs {
    /// For each new stage, the old stage it continues.
    stage_of_new: Vec<Option<usize>>,
    /// For each new stage and offer, the old stage and offer it continues.
    offer_of_new: Vec<Vec<Option<(usize, usize)>>>,
    /// For each old stage and offer, whether a new offer continues it.
    kept: Vec<Vec<bool>>,
}

impl Pairs {
    fn new(old: &Roadmap, new: &Roadmap) -> Pairs {
        let mut stage_of_new: Vec<Option<usize>> = vec![None; new.stages.len()];
        let mut stage_taken = vec![false; old.stages.len()];
        let mut by_title = Queues::new(
            (old.stages.iter().enumerate()).map(|(o, stage)| (name_key(&stage.title), o)),
        );
        for (n, stage) in new.stages.iter().enumerate() {
            let found = by_title.take(&name_key(&stage.title), |_| true);
            if let Some(o) = found {
                stage_taken[o] = true;
                stage_of_new[n] = Some(o);
            }
        }
        let offer_of_new = match_offers(old, new, &stage_of_new);
        // A stage under a new title is the old stage most of whose offers it holds.
        for n in 0..new.stages.len() {
            if stage_of_new[n].is_some() {
                continue;
            }
            let mut votes: HashMap<usize, usize> = HashMap::new();
            for (os, _) in offer_of_new[n].iter().flatten() {
                *votes.entry(*os).or_default() += 1;
            }
            let best = (votes.into_iter())
                .filter(|&(o, _)| !stage_taken[o])
                .max_by_key(|&(o, count)| (count, std::cmp::Reverse(o)))
                .map(|(o, _)| o);
            if let Some(o) = best {
                stage_taken[o] = true;
                stage_of_new[n] = Some(o);
            }
        }
        let mut kept: Vec<Vec<bool>> = (old.stages.iter())
            .map(|s| vec![false; s.offers.len()])
            .collect();
        for &(os, oi) in offer_of_new.iter().flatten().flatten() {
            kept[os][oi] = true;
        }
        Pairs {
            stage_of_new,
            offer_of_new,
            kept,
        }
    }

    /// The offers of old stage `o` that no new offer continues.
    fn gone_from(&self, old: &Roadmap, o: usize) -> Vec<OfferSummary> {
        (old.stages[o].offers.iter().enumerate())
            .filter(|&(i, _)| !self.kept[o][i])
            .map(|(_, offer)| summary(offer))
            .collect()
    }
}

/// Pairs offers in three passes — same title and link, then same link, then same title —
/// each preferring an old offer in the stage the new one's stage continues, then the first
/// in the file. An old offer is paired at most once.
fn match_offers(
    old: &Roadmap,
    new: &Roadmap,
    stage_of_new: &[Option<usize>],
) -> Vec<Vec<Option<(usize, usize)>>> {
    let olds: Vec<(usize, usize, &Offer)> = (old.stages.iter().enumerate())
        .flat_map(|(s, stage)| stage.offers.iter().enumerate().map(move |(i, o)| (s, i, o)))
        .collect();
    let mut taken = vec![false; olds.len()];
    let mut found: Vec<Vec<Option<(usize, usize)>>> = new
        .stages
        .iter()
        .map(|s| vec![None; s.offers.len()])
        .collect();
    // Each offer's keys, worked out once: (title, link).
    let keys = |o: &Offer| (name_key(&o.title), url_key(o));
    let old_keys: Vec<(String, String)> = olds.iter().map(|(_, _, o)| keys(o)).collect();
    let new_keys: Vec<Vec<(String, String)>> = (new.stages.iter())
        .map(|s| s.offers.iter().map(keys).collect())
        .collect();
    let passes: [Key; 3] = [
        |(title, url)| (title, url),
        |(_, url)| ("", url),
        |(title, _)| (title, ""),
    ];
    for key in passes {
        // Old offers by key, in file order; and by key and stage, for the preferred pick.
        let mut any = Queues::new(old_keys.iter().enumerate().map(|(k, o)| (key(o), k)));
        let mut in_stage =
            Queues::new((old_keys.iter().enumerate()).map(|(k, o)| ((key(o), olds[k].0), k)));
        for (n, stage) in new_keys.iter().enumerate() {
            for (i, offer) in stage.iter().enumerate() {
                if found[n][i].is_some() {
                    continue;
                }
                let free = |k: &usize| !taken[*k];
                let pick = stage_of_new[n]
                    .and_then(|s| in_stage.take(&(key(offer), s), free))
                    .or_else(|| any.take(&key(offer), free));
                if let Some(k) = pick {
                    taken[k] = true;
                    found[n][i] = Some((olds[k].0, olds[k].1));
                }
            }
        }
    }
    found
}

/// One pass's key of an offer, from its (title, link) keys: both, the link, or the title.
type Key = fn(&(String, String)) -> (&str, &str);

/// Items by key, each key's in the order given, taken from the front. An item that is
/// found taken when its turn comes is dropped for good, so every item is looked at a
/// bounded number of times and matching stays linear.
struct Queues<K, T> {
    by_key: HashMap<K, std::collections::VecDeque<T>>,
}

impl<K: Eq + Hash, T: Copy> Queues<K, T> {
    fn new(items: impl Iterator<Item = (K, T)>) -> Queues<K, T> {
        let mut by_key: HashMap<K, std::collections::VecDeque<T>> = HashMap::new();
        for (key, item) in items {
            by_key.entry(key).or_default().push_back(item);
        }
        Queues { by_key }
    }

    /// The first item under `key` that is still `free`, taken out; items passed over for
    /// not being free are dropped.
    fn take(&mut self, key: &K, free: impl Fn(&T) -> bool) -> Option<T> {
        let queue = self.by_key.get_mut(key)?;
        while let Some(item) = queue.pop_front() {
            if free(&item) {
                return Some(item);
            }
        }
        None
    }
}

/// A link as links are compared: in lower case, without a trailing `/`.
fn url_key(offer: &Offer) -> String {
    let lower = offer.url.as_str().to_lowercase();
    lower.trim_end_matches('/').to_string()
}

fn summary(offer: &Offer) -> OfferSummary {
    OfferSummary {
        title: offer.title.clone(),
        provider: offer.provider.clone(),
        url: offer.url.as_str().to_string(),
    }
}

fn change(field: &str, old: Option<&str>, new: Option<&str>) -> Change {
    Change {
        field: field.to_string(),
        old: old.map(str::to_string),
        new: new.map(str::to_string),
    }
}

/// A field's change, if its two values differ.
fn compare(changes: &mut Vec<Change>, field: &str, old: Option<&str>, new: Option<&str>) {
    if old != new {
        changes.push(change(field, old, new));
    }
}

fn offer_changes(old: &Offer, old_tags: &[Tag], new: &Offer, new_tags: &[Tag]) -> Vec<Change> {
    let mut changes = Vec::new();
    for ((field, a), (_, b)) in old.fields(old_tags).into_iter().zip(new.fields(new_tags)) {
        compare(&mut changes, field, a.as_deref(), b.as_deref());
    }
    changes
}

/// The roadmap's logos in a line: each file with where it stands and what it says.
fn logos(roadmap: &Roadmap) -> Option<String> {
    let each: Vec<String> = (roadmap.logos.iter())
        .map(|logo| {
            let place = match logo.place {
                Place::Header => "header",
                _ => "footer",
            };
            let alt = logo.alt.as_deref().unwrap_or("decorative");
            format!("{} ({place}, \"{alt}\")", logo.file)
        })
        .collect();
    (!each.is_empty()).then(|| each.join("; "))
}

fn roadmap_changes(old: &Roadmap, new: &Roadmap) -> Vec<Change> {
    let fields = |r: &Roadmap| {
        [
            ("title", Some(r.title.clone())),
            ("subtitle", r.subtitle.clone()),
            ("updated", r.updated.clone()),
            ("footer", r.footer.clone()),
            ("author", r.author.clone()),
            ("online", r.online.as_ref().map(|u| u.as_str().to_string())),
            ("language", Some(r.language.clone())),
            ("layout", r.layout.as_ref().map(|l| l.value.clone())),
            ("page", Some(r.page.name().to_string())),
            ("orientation", r.orientation.map(|o| o.name().to_string())),
            ("logo", logos(r)),
        ]
    };
    let mut changes = Vec::new();
    for ((field, a), (_, b)) in fields(old).into_iter().zip(fields(new)) {
        compare(&mut changes, field, a.as_deref(), b.as_deref());
    }
    for key in COLOUR_KEYS {
        let colour = |r: &Roadmap| r.colours.get(key).map(|c| c.to_hex());
        let field = format!("colours.{key}");
        compare(
            &mut changes,
            &field,
            colour(old).as_deref(),
            colour(new).as_deref(),
        );
    }
    let stages = |r: &Roadmap| {
        let hex: Vec<String> = r.colours.stages()?.iter().map(|c| c.to_hex()).collect();
        Some(hex.join(", "))
    };
    compare(
        &mut changes,
        "colours.stages",
        stages(old).as_deref(),
        stages(new).as_deref(),
    );
    for label in Label::ALL {
        let (a, b) = (old.labels.get(label), new.labels.get(label));
        compare(
            &mut changes,
            &format!("labels.{}", label.key()),
            Some(a),
            Some(b),
        );
    }
    let describe = |tag: Option<&Tag>| {
        tag.map(|t| match t.icon {
            Some(icon) => format!("{} (icon {})", t.label, icon.name()),
            None => t.label.clone(),
        })
    };
    let find = |tags: &[Tag], key: &str| tags.iter().find(|t| t.key == key).cloned();
    let mut keys: Vec<&str> = old.tags.iter().map(|t| t.key.as_str()).collect();
    keys.extend(new.tags.iter().map(|t| t.key.as_str()));
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        let (a, b) = (find(&old.tags, key), find(&new.tags, key));
        compare(
            &mut changes,
            &format!("tags.{key}"),
            describe(a.as_ref()).as_deref(),
            describe(b.as_ref()).as_deref(),
        );
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = r#"
title = "Roadmap"
updated = "2026-05"
[[stage]]
title = "Induction"
[[stage.offer]]
title = "Guide"
provider = "NHS England"
url = "https://example.org/guide"
cost = "free"
[[stage.offer]]
title = "Course"
provider = "A college"
url = "https://example.org/course"
cost = "chargeable"
price = "£100"
[[stage.offer]]
title = "Old webinar"
provider = "Network"
url = "https://example.org/webinar"
cost = "free"
[[stage]]
title = "Supervision"
[[stage.offer]]
title = "Peer group"
provider = "Network"
url = "https://example.org/peers"
cost = "free"
"#;

    fn parse(source: &str) -> Roadmap {
        crate::model::parse("test.toml", source).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_same_roadmap_has_no_changes() {
        let old = parse(OLD);
        assert!(diff(&old, &old).is_empty());
    }

    #[test]
    fn a_title_or_a_link_may_change_but_not_both() {
        let new = OLD
            .replace("title = \"Guide\"", "title = \"Induction guide\"")
            .replace("example.org/course", "example.org/courses/2027")
            .replace("title = \"Old webinar\"", "title = \"New webinar\"")
            .replace("example.org/webinar", "example.org/webinar-2027");
        let d = diff(&parse(OLD), &parse(&new));
        assert_eq!(d.stages.len(), 1, "{d:#?}");
        let stage = &d.stages[0];
        assert_eq!(stage.status, StageStatus::Kept);
        let changed: Vec<(&str, &str)> = (stage.changed.iter())
            .map(|c| (c.title.as_str(), c.changes[0].field.as_str()))
            .collect();
        assert_eq!(changed, [("Induction guide", "title"), ("Course", "url")]);
        assert_eq!(stage.added[0].title, "New webinar");
        assert_eq!(stage.removed[0].title, "Old webinar");
        assert_eq!(d.counts(), (1, 1, 2));
    }

    #[test]
    fn fields_are_compared_one_by_one() {
        let new = OLD
            .replace("price = \"£100\"", "price = \"£120\"\nlevel = 3")
            .replace("updated = \"2026-05\"", "updated = \"2026-11\"");
        let d = diff(&parse(OLD), &parse(&new));
        let fields: Vec<&Change> = d.stages[0].changed[0].changes.iter().collect();
        assert_eq!(
            fields,
            [
                &change("price", Some("£100"), Some("£120")),
                &change("level", None, Some("3"))
            ]
        );
        assert_eq!(
            d.roadmap,
            [change("updated", Some("2026-05"), Some("2026-11"))]
        );
    }

    #[test]
    fn an_offer_that_moves_stage_is_changed_not_added() {
        let new = OLD.replace(
            "[[stage]]\ntitle = \"Supervision\"",
            "[[stage]]\ntitle = \"Supervision\"\n[[stage.offer]]\ntitle = \"Guide\"\nprovider = \"NHS England\"\nurl = \"https://example.org/guide\"\ncost = \"free\"",
        );
        let new = new.replacen(
            "[[stage.offer]]\ntitle = \"Guide\"\nprovider = \"NHS England\"\nurl = \"https://example.org/guide\"\ncost = \"free\"\n",
            "",
            1,
        );
        let d = diff(&parse(OLD), &parse(&new));
        assert_eq!(d.counts(), (0, 0, 1), "{d:#?}");
        let moved = &d
            .stages
            .iter()
            .find(|s| s.title == "Supervision")
            .unwrap()
            .changed[0];
        assert_eq!(
            moved.changes,
            [change("stage", Some("Induction"), Some("Supervision"))]
        );
    }

    #[test]
    fn a_renamed_stage_is_found_by_its_offers() {
        let new = OLD.replace("title = \"Supervision\"", "title = \"Support\"");
        let d = diff(&parse(OLD), &parse(&new));
        assert_eq!(d.stages.len(), 1, "{d:#?}");
        assert_eq!(d.stages[0].status, StageStatus::Renamed);
        assert_eq!(d.counts(), (0, 0, 0));
        // With its only offer replaced too, nothing ties the stages together.
        let gone = new
            .replace("title = \"Peer group\"", "title = \"Peer circle\"")
            .replace("example.org/peers", "example.org/circle");
        let d = diff(&parse(OLD), &parse(&gone));
        let statuses: Vec<StageStatus> = d.stages.iter().map(|s| s.status).collect();
        assert_eq!(
            statuses,
            [StageStatus::Added, StageStatus::Removed],
            "{d:#?}"
        );
    }

    #[test]
    fn new_offers_are_marked() {
        let new = OLD.replace("title = \"Old webinar\"", "title = \"Webinar\"").replace(
            "[[stage]]\ntitle = \"Supervision\"",
            "[[stage]]\ntitle = \"Supervision\"\n[[stage.offer]]\ntitle = \"Mentoring\"\nprovider = \"Network\"\nurl = \"https://example.org/mentor\"\ncost = \"free\"",
        );
        let mut new = parse(&new);
        assert_eq!(mark_new(&parse(OLD), &mut new), 1);
        let marked: Vec<&str> = (new.stages.iter().flat_map(|s| &s.offers))
            .filter(|o| o.new)
            .map(|o| o.title.as_str())
            .collect();
        assert_eq!(marked, ["Mentoring"]);
    }
}
