//! The structure tree of the tagged PDF: the page's text in reading order, as a screen
//! reader or a reflowing viewer reads it, whatever order it is drawn in.
//!
//! The painter gives every line of text a marked-content id (MCID) and notes the role the
//! layout gave it and the link annotation it lies in ([`Marks`]). From those alone
//! [`tree`] builds the logical document:
//!
//! ```text
//! Document
//!   H1 title · P subtitle · L legend (LI › LBody per entry)
//!   Sect per stage: H2 number and title · P summary
//!     L › LI › LBody per offer: P title · P provider · P description · P per badge
//!                               · Link (the printed address and the annotation, by OBJR)
//!   P footer · then any text with no role, and links that belong to no offer
//! ```
//!
//! [`write`] adds the tree to the document: one object per element, the parent tree that maps
//! each MCID and annotation back to its element, and the page's and annotations' keys
//! into it. Shapes are artifacts and never appear here.

use super::output;
use crate::error::{PdfError, Result};
use crate::scene::{OfferAt, OfferPart, Role};
use lopdf::{dictionary, Document, Object, ObjectId};
use std::collections::{BTreeMap, BTreeSet};

/// What the painter marked: every line of text and every link annotation, in painting order.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Marks {
    /// The role of each line of text, indexed by its MCID.
    pub(super) texts: Vec<Role>,
    /// For each link annotation, in page order, the MCIDs of the text drawn inside it.
    pub(super) links: Vec<Vec<usize>>,
}

/// A structure type of ISO 32000-1, 14.8.4, that the tree uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Document,
    Sect,
    H1,
    H2,
    P,
    L,
    LI,
    LBody,
    Link,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Document => "Document",
            Kind::Sect => "Sect",
            Kind::H1 => "H1",
            Kind::H2 => "H2",
            Kind::P => "P",
            Kind::L => "L",
            Kind::LI => "LI",
            Kind::LBody => "LBody",
            Kind::Link => "Link",
        }
    }
}

/// A node of the structure tree.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    /// A structure element and its children, in reading order.
    Element(Kind, Vec<Node>),
    /// A line of text, by its MCID.
    Text(usize),
    /// A link annotation, by its index on the page.
    Annotation(usize),
}

/// Wraps `kids` in an element, or gives nothing when there are none: an empty element
/// would announce a heading or list that is not there.
fn element(kind: Kind, kids: Vec<Node>) -> Option<Node> {
    (!kids.is_empty()).then_some(Node::Element(kind, kids))
}

/// The marks grouped for building the tree.
struct Index {
    /// The MCIDs of each role, in painting order.
    by_role: BTreeMap<Role, Vec<usize>>,
    /// The offer each link belongs to: the offer of the first text inside it that has one.
    link_offers: Vec<Option<OfferAt>>,
    /// The link each MCID lies in, if any.
    link_of: Vec<Option<usize>>,
}

impl Index {
    fn new(marks: &Marks) -> Index {
        let mut by_role: BTreeMap<Role, Vec<usize>> = BTreeMap::new();
        for (mcid, role) in marks.texts.iter().enumerate() {
            by_role.entry(*role).or_default().push(mcid);
        }
        let mut link_of = vec![None; marks.texts.len()];
        for (link, mcids) in marks.links.iter().enumerate() {
            for &mcid in mcids {
                link_of[mcid] = Some(link);
            }
        }
        let link_offers = (marks.links.iter())
            .map(|mcids| {
                mcids.iter().find_map(|&m| match marks.texts[m] {
                    Role::Offer(at, _) => Some(at),
                    _ => None,
                })
            })
            .collect();
        Index {
            by_role,
            link_offers,
            link_of,
        }
    }

    fn texts(&self, role: Role) -> Vec<Node> {
        (self.by_role.get(&role).into_iter().flatten())
            .map(|&mcid| Node::Text(mcid))
            .collect()
    }

    /// Text with no role: inside a link, it belongs to that link.
    fn others_in(&self, link: Option<usize>) -> Vec<Node> {
        (self.by_role.get(&Role::Other).into_iter().flatten())
            .filter(|&&mcid| self.link_of[mcid] == link)
            .map(|&mcid| Node::Text(mcid))
            .collect()
    }

    /// Every stage with something on the page, in roadmap order.
    fn stages(&self) -> BTreeSet<usize> {
        let roles = self.by_role.keys().filter_map(|role| match *role {
            Role::StageNumber(s) | Role::StageTitle(s) | Role::StageSummary(s) => Some(s),
            Role::Offer(at, _) => Some(at.stage),
            _ => None,
        });
        let links = self.link_offers.iter().flatten().map(|at| at.stage);
        roles.chain(links).collect()
    }

    /// Every offer of `stage` with something on the page, in roadmap order.
    fn offers(&self, stage: usize) -> BTreeSet<OfferAt> {
        let roles = self.by_role.keys().filter_map(|role| match *role {
            Role::Offer(at, _) => Some(at),
            _ => None,
        });
        let links = self.link_offers.iter().flatten().copied();
        roles.chain(links).filter(|at| at.stage == stage).collect()
    }

    fn legend(&self) -> Option<Node> {
        let entries = (self.by_role.iter())
            .filter(|(role, _)| matches!(role, Role::Legend(_)))
            .filter_map(|(role, _)| {
                let body = element(Kind::LBody, self.texts(*role))?;
                Some(Node::Element(Kind::LI, vec![body]))
            })
            .collect();
        element(Kind::L, entries)
    }

    fn stage(&self, stage: usize) -> Option<Node> {
        let mut heading = self.texts(Role::StageNumber(stage));
        heading.extend(self.texts(Role::StageTitle(stage)));
        let mut kids: Vec<Node> = element(Kind::H2, heading).into_iter().collect();
        kids.extend(element(Kind::P, self.texts(Role::StageSummary(stage))));
        let items = (self.offers(stage).into_iter())
            .filter_map(|at| {
                let body = element(Kind::LBody, self.offer(at))?;
                Some(Node::Element(Kind::LI, vec![body]))
            })
            .collect();
        kids.extend(element(Kind::L, items));
        element(Kind::Sect, kids)
    }

    /// An offer's texts, each part a paragraph and each badge its own, then its link.
    fn offer(&self, at: OfferAt) -> Vec<Node> {
        let part = |part| self.texts(Role::Offer(at, part));
        let mut kids: Vec<Node> = [OfferPart::Title, OfferPart::Provider]
            .into_iter()
            .chain([OfferPart::Description])
            .filter_map(|p| element(Kind::P, part(p)))
            .collect();
        let facts = (self.by_role.keys())
            .filter(|role| matches!(role, Role::Offer(a, OfferPart::Fact(_)) if *a == at));
        kids.extend(facts.filter_map(|role| element(Kind::P, self.texts(*role))));
        let badges = (self.by_role.keys())
            .filter(|role| matches!(role, Role::Offer(a, OfferPart::Badge(_)) if *a == at));
        kids.extend(badges.filter_map(|role| element(Kind::P, self.texts(*role))));
        let mut address = part(OfferPart::Address);
        for (link, _) in (self.link_offers.iter().enumerate()).filter(|(_, o)| **o == Some(at)) {
            // The printed address is the link's text; a second link (there is none on a
            // card today) would carry only its annotation.
            let mut link_kids = std::mem::take(&mut address);
            link_kids.extend(self.others_in(Some(link)));
            link_kids.push(Node::Annotation(link));
            kids.push(Node::Element(Kind::Link, link_kids));
        }
        kids.extend(element(Kind::P, address));
        kids
    }

    fn loose(&self) -> Vec<Node> {
        let lines =
            (self.others_in(None).into_iter()).map(|text| Node::Element(Kind::P, vec![text]));
        let links = (self.link_offers.iter().enumerate())
            .filter(|(_, offer)| offer.is_none())
            .map(|(link, _)| {
                let mut kids = self.others_in(Some(link));
                kids.push(Node::Annotation(link));
                Node::Element(Kind::Link, kids)
            });
        lines.chain(links).collect()
    }
}

/// The document's structure in reading order. Every MCID and every annotation of `marks`
/// appears in it exactly once.
pub(super) fn tree(marks: &Marks) -> Node {
    let index = Index::new(marks);
    let mut kids: Vec<Node> = Vec::new();
    kids.extend(element(Kind::H1, index.texts(Role::Title)));
    kids.extend(element(Kind::P, index.texts(Role::Subtitle)));
    kids.extend(index.legend());
    kids.extend(index.stages().into_iter().filter_map(|s| index.stage(s)));
    kids.extend(element(Kind::P, index.texts(Role::Footer)));
    kids.extend(index.loose());
    Node::Element(Kind::Document, kids)
}

/// Where the structure tree is hung: the page and its link annotations, as objects.
pub(super) struct Page<'a> {
    /// The page object.
    pub(super) id: ObjectId,
    /// Each link annotation's object, in page order.
    pub(super) annotations: &'a [ObjectId],
}

/// Adds the structure tree of `marks` to `doc`: the elements, the `/StructTreeRoot` with
/// its parent tree, the page's `/StructParents` 0 and each annotation's `/StructParent`
/// 1, 2, …. Returns the `/StructTreeRoot` object for the catalog.
pub(super) fn write(doc: &mut Document, marks: &Marks, page: &Page<'_>) -> Result<ObjectId> {
    let failed = |e: lopdf::Error| {
        output(PdfError::Printpdf {
            detail: e.to_string(),
        })
    };
    let root = doc.new_object_id();
    let mut parents = Parents {
        texts: vec![None; marks.texts.len()],
        annotations: vec![None; page.annotations.len()],
    };
    let top = emit(doc, &tree(marks), root, page, &mut parents);
    let untagged = || output(PdfError::Untagged);
    let text_parents = (parents.texts.into_iter())
        .map(|p| p.map(Object::Reference).ok_or_else(untagged))
        .collect::<Result<Vec<_>>>()?;
    let mut nums = vec![Object::Integer(0), Object::Array(text_parents)];
    for (i, parent) in parents.annotations.into_iter().enumerate() {
        let key = i as i64 + 1;
        nums.push(Object::Integer(key));
        nums.push(Object::Reference(parent.ok_or_else(untagged)?));
        let annotation = doc
            .get_dictionary_mut(page.annotations[i])
            .map_err(failed)?;
        annotation.set("StructParent", key);
    }
    let next_key = page.annotations.len() as i64 + 1;
    doc.objects.insert(
        root,
        Object::Dictionary(dictionary! {
            "Type" => "StructTreeRoot",
            "K" => vec![Object::Reference(top)],
            "ParentTree" => dictionary! { "Nums" => nums },
            "ParentTreeNextKey" => next_key,
        }),
    );
    let page_dict = doc.get_dictionary_mut(page.id).map_err(failed)?;
    page_dict.set("StructParents", 0);
    // Tab order follows the structure, so links are reached in reading order.
    page_dict.set("Tabs", Object::Name(b"S".to_vec()));
    Ok(root)
}

/// The element each MCID and each annotation ends up in.
struct Parents {
    texts: Vec<Option<ObjectId>>,
    annotations: Vec<Option<ObjectId>>,
}

/// Writes an element under `parent` and returns its object. Its id is taken before its
/// children's, so the objects follow the reading order.
fn emit(
    doc: &mut Document,
    node: &Node,
    parent: ObjectId,
    page: &Page<'_>,
    parents: &mut Parents,
) -> ObjectId {
    let id = doc.new_object_id();
    let (kind, children) = match node {
        Node::Element(kind, children) => (*kind, children.as_slice()),
        // Leaves are written by their element; the tree's root is always an element.
        Node::Text(_) | Node::Annotation(_) => (Kind::Document, &[][..]),
    };
    let mut kids = Vec::with_capacity(children.len());
    for child in children {
        match child {
            Node::Element(..) => kids.push(Object::Reference(emit(doc, child, id, page, parents))),
            Node::Text(mcid) => {
                if let Some(slot) = parents.texts.get_mut(*mcid) {
                    *slot = Some(id);
                }
                kids.push(Object::Integer(*mcid as i64));
            }
            Node::Annotation(i) => {
                if let (Some(slot), Some(&annotation)) =
                    (parents.annotations.get_mut(*i), page.annotations.get(*i))
                {
                    *slot = Some(id);
                    kids.push(Object::Dictionary(dictionary! {
                        "Type" => "OBJR",
                        "Obj" => annotation,
                        "Pg" => page.id,
                    }));
                }
            }
        }
    }
    // A single kid stands alone rather than in an array, as most writers do; some
    // checkers read a heading's content only in that form.
    let kids = match <[Object; 1]>::try_from(kids) {
        Ok([kid]) => kid,
        Err(kids) => Object::Array(kids),
    };
    doc.objects.insert(
        id,
        Object::Dictionary(dictionary! {
            "Type" => "StructElem",
            "S" => Object::Name(kind.name().as_bytes().to_vec()),
            "P" => parent,
            "Pg" => page.id,
            "K" => kids,
        }),
    );
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as one line: elements with their kids in brackets, MCIDs as numbers and
    /// annotations as `@index`.
    fn show(node: &Node) -> String {
        match node {
            Node::Text(mcid) => mcid.to_string(),
            Node::Annotation(i) => format!("@{i}"),
            Node::Element(kind, kids) => {
                let kids: Vec<String> = kids.iter().map(show).collect();
                format!("{}[{}]", kind.name(), kids.join(" "))
            }
        }
    }

    #[test]
    fn every_mark_is_placed_once_whatever_the_painting_order() {
        let offer = |stage, offer, part| Role::Offer(OfferAt { stage, offer }, part);
        let marks = Marks {
            texts: vec![
                offer(1, 0, OfferPart::Address),
                Role::StageTitle(1),
                Role::Other,
                offer(1, 0, OfferPart::Title),
                Role::Title,
                Role::StageNumber(0),
                Role::Other,
                offer(0, 0, OfferPart::Address),
                Role::Legend(1),
                Role::Legend(0),
                offer(1, 0, OfferPart::Badge(1)),
                offer(1, 0, OfferPart::Badge(0)),
                Role::Other,
            ],
            // The first link is an offer's card; the second holds text of no offer; the
            // third holds no text at all.
            links: vec![vec![0, 3, 10, 11, 12], vec![6], vec![]],
        };
        assert_eq!(
            show(&tree(&marks)),
            "Document[H1[4] L[LI[LBody[9]] LI[LBody[8]]] \
             Sect[H2[5] L[LI[LBody[P[7]]]]] \
             Sect[H2[1] L[LI[LBody[P[3] P[11] P[10] Link[0 12 @0]]]]] \
             P[2] Link[6 @1] Link[@2]]"
        );
    }

    #[test]
    fn an_empty_page_is_an_empty_document() {
        assert_eq!(show(&tree(&Marks::default())), "Document[]");
    }
}
