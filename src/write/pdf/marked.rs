//! Marked content: every shape and decorative picture of the page inside an artifact
//! sequence (decoration a reader skips), every line of text and every picture with alt text
//! inside a sequence with its own id (MCID), which the structure tree places in reading
//! order. Page furniture ([`Role::Pagination`]: a running title, "page 1 of 2") is an
//! artifact of type `/Pagination`, as ISO 32000-1 (14.8.2.2) names it: someone reading
//! the pages in order has no use for it, so it has no MCID and no place in the tree.
//!
//! Lines drawn one after another that belong to the same element (the lines of a wrapped
//! title, a stage's number and its title) share one sequence, so the element holds one
//! piece of content rather than several. A stage's number is drawn with its marker, often
//! far from its title in painting order; it is held back and drawn just before the title
//! when nothing drawn in between overlaps it ([`held_back`]), so the page looks the same
//! and the heading is one sequence too. Sequences never nest: PDF/UA forbids artifacts
//! inside tagged content and tagged content inside artifacts.

use super::structure::{Content, Figure, Marks};
use crate::scene::{Item, Rect, Role};
use printpdf::{DictItem, Op};
use std::collections::BTreeMap;

/// The sequence open in the content stream.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Open {
    Nothing,
    Artifact,
    /// Page furniture: an artifact of type `/Pagination`.
    Pagination,
    /// Text of this role, inside this link annotation (by its index), if any.
    Text(Role, Option<usize>),
    /// A picture: nothing else joins it.
    Figure,
}

/// Opens and closes marked-content sequences as the painter walks the scene, and notes
/// what each text sequence and link annotation stands for.
pub(super) struct Sequences {
    open: Open,
    /// The link annotation whose children are being painted.
    link: Option<usize>,
    marks: Marks,
}

impl Sequences {
    pub(super) fn new() -> Sequences {
        Sequences {
            open: Open::Nothing,
            link: None,
            marks: Marks::default(),
        }
    }

    /// Makes sure an artifact sequence is open: shapes drawn in a row share one.
    pub(super) fn artifact(&mut self, ops: &mut Vec<Op>) {
        if self.open != Open::Artifact {
            self.close(ops);
            let tag = "Artifact".to_string();
            ops.push(Op::BeginMarkedContent { tag });
            self.open = Open::Artifact;
        }
    }

    /// Makes sure a text sequence for a line of `role` is open. Returns whether the line
    /// joins the text of a line before it. Lines of page furniture in a row share one
    /// pagination artifact and join nothing.
    pub(super) fn text(&mut self, role: Role, ops: &mut Vec<Op>) -> bool {
        if role == Role::Pagination {
            self.pagination(ops);
            return false;
        }
        if let Open::Text(open, link) = self.open {
            if link == self.link && continues(open, role) {
                return true;
            }
        }
        self.begin(Content::Text(role), "Span", ops);
        self.open = Open::Text(role, self.link);
        false
    }

    /// Makes sure a pagination artifact sequence is open: page furniture in a row shares
    /// one.
    pub(super) fn pagination(&mut self, ops: &mut Vec<Op>) {
        if self.open != Open::Pagination {
            self.close(ops);
            let kind = DictItem::Name(b"Pagination".to_vec());
            let properties = DictItem::Dict {
                map: BTreeMap::from([("Type".to_string(), kind)]),
            };
            let tag = "Artifact".to_string();
            ops.push(Op::BeginMarkedContentWithProperties { tag, properties });
            self.open = Open::Pagination;
        }
    }

    /// Opens a sequence of its own for a picture with alt text.
    pub(super) fn figure(&mut self, figure: Figure, ops: &mut Vec<Op>) {
        self.begin(Content::Figure(figure), "Figure", ops);
        self.open = Open::Figure;
    }

    /// Closes the open sequence and opens one with the next MCID, for `content`.
    fn begin(&mut self, content: Content, tag: &str, ops: &mut Vec<Op>) {
        self.close(ops);
        let mcid = self.marks.contents.len();
        self.marks.contents.push(content);
        if let Some(link) = self.link {
            self.marks.links[link].push(mcid);
        }
        let properties = DictItem::Dict {
            map: BTreeMap::from([("MCID".to_string(), DictItem::Int(mcid as i64))]),
        };
        let tag = tag.to_string();
        ops.push(Op::BeginMarkedContentWithProperties { tag, properties });
    }

    /// Starts on the children of a new link annotation; returns the link they are inside
    /// of, to give back to [`Sequences::leave_link`].
    pub(super) fn enter_link(&mut self) -> Option<usize> {
        let outer = self.link;
        self.link = Some(self.marks.links.len());
        self.marks.links.push(Vec::new());
        outer
    }

    /// Back from a link's children to the link `outer` (or none).
    pub(super) fn leave_link(&mut self, outer: Option<usize>) {
        self.link = outer;
    }

    /// Closes the last sequence and returns what the sequences stand for.
    pub(super) fn finish(mut self, ops: &mut Vec<Op>) -> Marks {
        self.close(ops);
        self.marks
    }

    fn close(&mut self, ops: &mut Vec<Op>) {
        if self.open != Open::Nothing {
            ops.push(Op::EndMarkedContent);
            self.open = Open::Nothing;
        }
    }
}

/// Whether a line of `next` may join the open sequence of `open`: the same element.
fn continues(open: Role, next: Role) -> bool {
    open == next || matches!((open, next), (Role::StageNumber(a), Role::StageTitle(b)) if a == b)
}

/// Whether the line at `items[i]` is a stage's number that may be drawn later, just before
/// the first line of its stage's title among `items`: only when no item drawn in between
/// overlaps it, so that drawing it later changes no pixel.
pub(super) fn held_back(items: &[Item], i: usize) -> bool {
    let Some(Item::Text(number)) = items.get(i) else {
        return false;
    };
    let Role::StageNumber(stage) = number.role else {
        return false;
    };
    let title = items[i + 1..]
        .iter()
        .position(|item| matches!(item, Item::Text(t) if t.role == Role::StageTitle(stage)));
    let Some(title) = title else {
        return false;
    };
    let ink = number.bounds();
    (items[i + 1..i + 1 + title].iter()).all(|item| !bounds(item).overlaps(&ink, 0.0))
}

/// Where an item may leave ink: its outline with half its stroke, its line box, its link
/// area.
fn bounds(item: &Item) -> Rect {
    match item {
        Item::Shape(shape) => {
            let b = shape.path.bounds();
            let half = shape.stroke.map_or(0.0, |s| s.width / 2.0);
            Rect::new(
                b.x - half,
                b.y - half,
                b.width + 2.0 * half,
                b.height + 2.0 * half,
            )
        }
        Item::Text(text) => text.bounds(),
        Item::Link(link) => link.rect,
        Item::Qr(qr) => qr.bounds(),
        Item::Image(picture) => picture.rect,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::{Color, Path, Shape, Weight};
    use crate::write::pdf::tests::line;

    fn text(role: Role, x: f32, y: f32) -> Item {
        let mut text = line("1", Weight::Bold, 12.0, x, y);
        text.role = role;
        Item::Text(text)
    }

    fn square(x: f32, y: f32) -> Item {
        Item::Shape(Shape {
            path: Path::rect(Rect::new(x, y, 20.0, 20.0)),
            fill: Some(Color::rgb(0, 0, 0)),
            stroke: None,
        })
    }

    #[test]
    fn page_furniture_is_a_pagination_artifact_without_an_mcid() {
        let mut sequences = Sequences::new();
        let mut ops = Vec::new();
        assert!(!sequences.text(Role::Title, &mut ops));
        // Two lines of furniture share one artifact, and neither joins a text.
        assert!(!sequences.text(Role::Pagination, &mut ops));
        assert!(!sequences.text(Role::Pagination, &mut ops));
        assert!(!sequences.text(Role::Footer, &mut ops));
        let marks = sequences.finish(&mut ops);
        let texts = [Content::Text(Role::Title), Content::Text(Role::Footer)];
        assert_eq!(marks.contents, texts);
        let mcid = |mcid: i64| Op::BeginMarkedContentWithProperties {
            tag: "Span".to_string(),
            properties: DictItem::Dict {
                map: BTreeMap::from([("MCID".to_string(), DictItem::Int(mcid))]),
            },
        };
        let pagination = Op::BeginMarkedContentWithProperties {
            tag: "Artifact".to_string(),
            properties: DictItem::Dict {
                map: BTreeMap::from([("Type".to_string(), DictItem::Name(b"Pagination".to_vec()))]),
            },
        };
        let end = Op::EndMarkedContent;
        assert_eq!(
            ops,
            [mcid(0), end.clone(), pagination, end.clone(), mcid(1), end]
        );
    }

    #[test]
    fn a_stage_number_waits_for_its_title_only_when_nothing_covers_it() {
        let number = text(Role::StageNumber(2), 10.0, 20.0);
        let title = text(Role::StageTitle(2), 100.0, 20.0);
        let clear = [number.clone(), square(200.0, 200.0), title.clone()];
        assert!(held_back(&clear, 0));
        let covered = [number.clone(), square(5.0, 5.0), title.clone()];
        assert!(!held_back(&covered, 0));
        let other_stage = [number.clone(), text(Role::StageTitle(1), 100.0, 20.0)];
        assert!(!held_back(&other_stage, 0));
        assert!(!held_back(&[title, number], 0));
    }
}
