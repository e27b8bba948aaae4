//! The structure tree of the tagged PDF: the pages' text and pictures in reading order, as
//! a screen reader or a reflowing viewer reads them, whatever order they are drawn in.
//!
//! The painter gives every line of text and every picture with alt text on a page a
//! marked-content id (MCID, from 0 on each page) and notes the role the layout gave it and
//! the link annotation it lies in ([`Marks`]). From those alone [`tree`] builds the logical
//! structure of the page, and the document holds each page's in page order:
//!
//! ```text
//! Document
//!   the first page's elements, then the second's, …; a page's elements are
//!   Figure per header logo (or Link › Figure for a linked one)
//!   H1 title · P subtitle · L legend (LI › LBody per entry)
//!   Sect per stage: H2 number and title · P summary
//!     L › LI › LBody per offer: P title · P provider · P description · P per badge
//!                               · Link (the printed address and the annotation, by OBJR)
//!   P footer · Figure (or Link › Figure) per footer logo
//!   then any text with no role, links that belong to no offer, and pictures of no header
//!   or footer
//! ```
//!
//! A Figure carries its alt text (`/Alt`) and where it lies on the page (`/BBox`).
//! [`write()`] adds the tree to the document: one object per element, each naming the page
//! its content is on (`/Pg`), the parent tree that maps each page's MCIDs and each
//! annotation back to its element, and the pages' and annotations' keys into it. Shapes,
//! decorative pictures and page furniture are artifacts and never appear here.

use super::{output, text_string};
use crate::error::{PdfError, Result};
use crate::scene::{OfferAt, OfferPart, Role};
use lopdf::{dictionary, Document, Object, ObjectId};
use std::collections::{BTreeMap, BTreeSet};

/// What the painter marked: every line of text, every picture with alt text and every
/// link annotation, in painting order.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Marks {
    /// What each marked-content sequence holds, indexed by its MCID.
    pub(super) contents: Vec<Content>,
    /// For each link annotation, in page order, the MCIDs of what is drawn inside it.
    pub(super) links: Vec<Vec<usize>>,
}

/// What one marked-content sequence holds.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Content {
    /// Text of a line, or of lines of one element, with the role the layout gave it.
    Text(Role),
    /// A picture that says something: a Figure element.
    Figure(Figure),
}

/// A picture with alt text, as its Figure element describes it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Figure {
    /// What the picture shows, in words.
    pub(super) alt: String,
    /// What it belongs with: [`Role::Title`] places it before the title, [`Role::Footer`]
    /// after the footer's text; any other role after everything else.
    pub(super) role: Role,
    /// Where it is drawn, `[x0 y0 x1 y1]` in PDF coordinates.
    pub(super) bbox: [f32; 4],
}

/// Where in the document a picture is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Before the title.
    Header,
    /// After the footer's text.
    Footer,
    /// With the text of no known part, at the end.
    Loose,
}

impl Place {
    fn of(role: Role) -> Place {
        match role {
            Role::Title => Place::Header,
            Role::Footer => Place::Footer,
            _ => Place::Loose,
        }
    }
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
    Figure,
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
            Kind::Figure => "Figure",
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
    /// A picture's Figure element, by the picture's MCID.
    Figure(usize),
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
    /// Each picture's MCID and where it is read, in painting order.
    figures: Vec<(usize, Place)>,
}

impl Index {
    fn new(marks: &Marks) -> Index {
        let mut by_role: BTreeMap<Role, Vec<usize>> = BTreeMap::new();
        let mut figures = Vec::new();
        for (mcid, content) in marks.contents.iter().enumerate() {
            match content {
                Content::Text(role) => by_role.entry(*role).or_default().push(mcid),
                Content::Figure(figure) => figures.push((mcid, Place::of(figure.role))),
            }
        }
        let mut link_of = vec![None; marks.contents.len()];
        for (link, mcids) in marks.links.iter().enumerate() {
            for &mcid in mcids {
                if let Some(slot) = link_of.get_mut(mcid) {
                    *slot = Some(link);
                }
            }
        }
        let link_offers = (marks.links.iter())
            .map(|mcids| {
                mcids.iter().find_map(|&m| match marks.contents.get(m) {
                    Some(Content::Text(Role::Offer(at, _))) => Some(*at),
                    _ => None,
                })
            })
            .collect();
        Index {
            by_role,
            link_offers,
            link_of,
            figures,
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

    /// What a link holds besides an offer's address: text with no role and pictures, in
    /// painting order.
    fn inside(&self, link: usize) -> Vec<Node> {
        let here = |mcid: &usize| self.link_of[*mcid] == Some(link);
        let texts = (self.by_role.get(&Role::Other).into_iter().flatten())
            .filter(|mcid| here(mcid))
            .map(|&mcid| (mcid, Node::Text(mcid)));
        let figures = (self.figures.iter())
            .filter(|(mcid, _)| here(mcid))
            .map(|&(mcid, _)| (mcid, Node::Figure(mcid)));
        let mut kids: Vec<(usize, Node)> = texts.chain(figures).collect();
        kids.sort_by_key(|(mcid, _)| *mcid);
        kids.into_iter().map(|(_, node)| node).collect()
    }

    /// A link that belongs to no offer: what it holds, then its annotation.
    fn link(&self, link: usize) -> Node {
        let mut kids = self.inside(link);
        kids.push(Node::Annotation(link));
        Node::Element(Kind::Link, kids)
    }

    /// Where a link that belongs to no offer is read: with its first picture, or at the
    /// end when it holds none.
    fn link_place(&self, link: usize) -> Place {
        (self.figures.iter())
            .find(|(mcid, _)| self.link_of[*mcid] == Some(link))
            .map_or(Place::Loose, |&(_, place)| place)
    }

    /// The pictures read at `place`, in painting order: each a Figure, or the link that
    /// holds it (once, at its first picture). A picture in an offer's link is read with
    /// the offer.
    fn figures(&self, place: Place) -> Vec<Node> {
        let mut nodes = Vec::new();
        let mut links_done = BTreeSet::new();
        for &(mcid, at) in &self.figures {
            match self.link_of[mcid] {
                None if at == place => nodes.push(Node::Figure(mcid)),
                Some(link)
                    if self.link_offers[link].is_none()
                        && self.link_place(link) == place
                        && links_done.insert(link) =>
                {
                    nodes.push(self.link(link));
                }
                _ => {}
            }
        }
        nodes
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
            link_kids.extend(self.inside(link));
            link_kids.push(Node::Annotation(link));
            kids.push(Node::Element(Kind::Link, link_kids));
        }
        kids.extend(element(Kind::P, address));
        kids
    }

    /// Text with no role, links that belong to no offer and hold no picture, then the
    /// pictures of no header or footer.
    fn loose(&self) -> Vec<Node> {
        let lines =
            (self.others_in(None).into_iter()).map(|text| Node::Element(Kind::P, vec![text]));
        let links = (self.link_offers.iter().enumerate())
            .filter(|&(link, offer)| {
                offer.is_none()
                    && !self
                        .figures
                        .iter()
                        .any(|(m, _)| self.link_of[*m] == Some(link))
            })
            .map(|(link, _)| self.link(link));
        lines
            .chain(links)
            .chain(self.figures(Place::Loose))
            .collect()
    }
}

/// A page's structure in reading order, under a Document element. Every MCID and every
/// annotation of `marks` appears in it exactly once.
pub(super) fn tree(marks: &Marks) -> Node {
    let index = Index::new(marks);
    let mut kids: Vec<Node> = index.figures(Place::Header);
    kids.extend(element(Kind::H1, index.texts(Role::Title)));
    kids.extend(element(Kind::P, index.texts(Role::Subtitle)));
    kids.extend(index.legend());
    kids.extend(index.stages().into_iter().filter_map(|s| index.stage(s)));
    kids.extend(element(Kind::P, index.texts(Role::Footer)));
    kids.extend(index.figures(Place::Footer));
    kids.extend(index.loose());
    Node::Element(Kind::Document, kids)
}

/// A page the structure tree is hung on: the page and its link annotations, as objects,
/// and what its marked content stands for.
pub(super) struct Page<'a> {
    /// The page object.
    pub(super) id: ObjectId,
    /// Each link annotation's object, in page order.
    pub(super) annotations: &'a [ObjectId],
    /// What the page's marked-content sequences and link annotations stand for.
    pub(super) marks: &'a Marks,
}

/// Adds the structure tree of `pages` to `doc`: one Document element holding each page's
/// elements ([`tree`]) in page order, the `/StructTreeRoot` with its parent tree, each
/// page's `/StructParents` (its index: 0, 1, …) and each annotation's `/StructParent`
/// (numbered on after the pages', in page order). Returns the `/StructTreeRoot` object for
/// the catalog.
pub(super) fn write(doc: &mut Document, pages: &[Page<'_>]) -> Result<ObjectId> {
    let failed = |e: lopdf::Error| {
        output(PdfError::Printpdf {
            detail: e.to_string(),
        })
    };
    let first = pages.first().ok_or_else(|| output(PdfError::NoPage))?;
    let root = doc.new_object_id();
    let document = doc.new_object_id();
    let mut kids = Vec::new();
    let mut parents = Vec::with_capacity(pages.len());
    for page in pages {
        let mut on_page = Parents {
            contents: vec![None; page.marks.contents.len()],
            annotations: vec![None; page.annotations.len()],
        };
        // Each page's tree is read whole, after the page before it.
        if let Node::Element(_, top) = tree(page.marks) {
            for node in &top {
                kids.extend(kid(doc, node, document, page, &mut on_page));
            }
        }
        parents.push(on_page);
    }
    insert_element(doc, document, Kind::Document, root, first.id, kids);
    let untagged = || output(PdfError::Untagged);
    let mut nums = Vec::new();
    for (key, on_page) in parents.iter().enumerate() {
        let content_parents = (on_page.contents.iter())
            .map(|p| p.map(Object::Reference).ok_or_else(untagged))
            .collect::<Result<Vec<_>>>()?;
        nums.push(Object::Integer(key as i64));
        nums.push(Object::Array(content_parents));
    }
    let mut next_key = pages.len() as i64;
    for (page, on_page) in pages.iter().zip(parents) {
        for (&annotation, parent) in page.annotations.iter().zip(on_page.annotations) {
            nums.push(Object::Integer(next_key));
            nums.push(Object::Reference(parent.ok_or_else(untagged)?));
            let annotation = doc.get_dictionary_mut(annotation).map_err(failed)?;
            annotation.set("StructParent", next_key);
            next_key += 1;
        }
    }
    doc.objects.insert(
        root,
        Object::Dictionary(dictionary! {
            "Type" => "StructTreeRoot",
            "K" => vec![Object::Reference(document)],
            "ParentTree" => dictionary! { "Nums" => nums },
            "ParentTreeNextKey" => next_key,
        }),
    );
    for (key, page) in pages.iter().enumerate() {
        let page_dict = doc.get_dictionary_mut(page.id).map_err(failed)?;
        page_dict.set("StructParents", key as i64);
        // Tab order follows the structure, so links are reached in reading order.
        page_dict.set("Tabs", Object::Name(b"S".to_vec()));
    }
    Ok(root)
}

/// The element each MCID and each annotation of a page ends up in.
struct Parents {
    contents: Vec<Option<ObjectId>>,
    annotations: Vec<Option<ObjectId>>,
}

/// Writes an element of `page` under `parent` and returns its object. Its id is taken
/// before its children's, so the objects follow the reading order.
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
        // Leaves are written by their element ([`kid`]).
        Node::Text(_) | Node::Figure(_) | Node::Annotation(_) => (Kind::Document, &[][..]),
    };
    let mut kids = Vec::with_capacity(children.len());
    for child in children {
        kids.extend(kid(doc, child, id, page, parents));
    }
    insert_element(doc, id, kind, parent, page.id, kids);
    id
}

/// Writes `node` of `page`, a kid of the element `parent`, and returns what the parent's
/// `/K` holds for it: an element, an MCID or an object reference to an annotation.
fn kid(
    doc: &mut Document,
    node: &Node,
    parent: ObjectId,
    page: &Page<'_>,
    parents: &mut Parents,
) -> Option<Object> {
    match node {
        Node::Element(..) => Some(Object::Reference(emit(doc, node, parent, page, parents))),
        Node::Text(mcid) => {
            if let Some(slot) = parents.contents.get_mut(*mcid) {
                *slot = Some(parent);
            }
            Some(Object::Integer(*mcid as i64))
        }
        Node::Figure(mcid) => {
            let Some(Content::Figure(figure)) = page.marks.contents.get(*mcid) else {
                return None;
            };
            let element = emit_figure(doc, figure, *mcid, parent, page);
            if let Some(slot) = parents.contents.get_mut(*mcid) {
                *slot = Some(element);
            }
            Some(Object::Reference(element))
        }
        Node::Annotation(i) => {
            let slot = parents.annotations.get_mut(*i)?;
            let &annotation = page.annotations.get(*i)?;
            *slot = Some(parent);
            Some(Object::Dictionary(dictionary! {
                "Type" => "OBJR",
                "Obj" => annotation,
                "Pg" => page.id,
            }))
        }
    }
}

/// Adds the element `id` of type `kind` under `parent`, on the page `page`, with `kids`.
fn insert_element(
    doc: &mut Document,
    id: ObjectId,
    kind: Kind,
    parent: ObjectId,
    page: ObjectId,
    kids: Vec<Object>,
) {
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
            "Pg" => page,
            "K" => kids,
        }),
    );
}

/// Writes a picture's Figure element under `parent`: its alt text, where it lies on the
/// page (the layout attribute `/BBox`, which PDF/UA asks of a Figure), and its content.
fn emit_figure(
    doc: &mut Document,
    figure: &Figure,
    mcid: usize,
    parent: ObjectId,
    page: &Page<'_>,
) -> ObjectId {
    let bbox = figure
        .bbox
        .iter()
        .map(|&v| Object::Real(v))
        .collect::<Vec<_>>();
    doc.add_object(dictionary! {
        "Type" => "StructElem",
        "S" => Object::Name(Kind::Figure.name().as_bytes().to_vec()),
        "P" => parent,
        "Pg" => page.id,
        "K" => mcid as i64,
        "Alt" => text_string(&figure.alt),
        "A" => dictionary! { "O" => "Layout", "BBox" => bbox },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as one line: elements with their kids in brackets, MCIDs as numbers and
    /// annotations as `@index`.
    fn show(node: &Node) -> String {
        match node {
            Node::Text(mcid) => mcid.to_string(),
            Node::Figure(mcid) => format!("Figure[{mcid}]"),
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
            contents: texts(vec![
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
            ]),
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

    fn texts(roles: Vec<Role>) -> Vec<Content> {
        roles.into_iter().map(Content::Text).collect()
    }

    fn figure(role: Role) -> Content {
        Content::Figure(Figure {
            alt: "Logo".to_string(),
            role,
            bbox: [0.0, 0.0, 10.0, 10.0],
        })
    }

    #[test]
    fn pictures_are_read_with_the_header_the_footer_or_their_link() {
        let offer = Role::Offer(OfferAt::default(), OfferPart::Title);
        let marks = Marks {
            contents: vec![
                Content::Text(Role::Footer),
                figure(Role::Footer),
                Content::Text(Role::Title),
                figure(Role::Title),
                figure(Role::Title),
                figure(Role::Footer),
                Content::Text(offer),
                figure(Role::Other),
                figure(offer),
                figure(Role::Other),
            ],
            // A linked header logo, a linked footer logo, an offer's card holding a
            // picture, and a link with a picture of no place.
            links: vec![vec![4], vec![5], vec![6, 8], vec![9]],
        };
        assert_eq!(
            show(&tree(&marks)),
            "Document[Figure[3] Link[Figure[4] @0] H1[2] \
             Sect[L[LI[LBody[P[6] Link[Figure[8] @2]]]]] \
             P[0] Figure[1] Link[Figure[5] @1] Figure[7] Link[Figure[9] @3]]"
        );
    }

    #[test]
    fn pages_share_one_tree_and_keys_that_never_collide() {
        let mut doc = Document::with_version("1.7");
        let page = |doc: &mut Document| doc.add_object(dictionary! { "Type" => "Page" });
        let annotation = |doc: &mut Document| doc.add_object(dictionary! { "Type" => "Annot" });
        let pages = [page(&mut doc), page(&mut doc)];
        let first_annotations = [annotation(&mut doc)];
        let second_annotations = [annotation(&mut doc), annotation(&mut doc)];
        let address = Role::Offer(OfferAt::default(), OfferPart::Address);
        let first = Marks {
            contents: texts(vec![Role::Title, address]),
            links: vec![vec![1]],
        };
        let second = Marks {
            contents: texts(vec![address, Role::Title, Role::Other]),
            links: vec![vec![0], vec![]],
        };
        let root = write(
            &mut doc,
            &[
                Page {
                    id: pages[0],
                    annotations: &first_annotations,
                    marks: &first,
                },
                Page {
                    id: pages[1],
                    annotations: &second_annotations,
                    marks: &second,
                },
            ],
        )
        .unwrap();
        let dict = |id: ObjectId| doc.get_dictionary(id).unwrap();
        let int = |id: ObjectId, key: &[u8]| dict(id).get(key).unwrap().as_i64().unwrap();
        let root = dict(root);
        assert_eq!(root.get(b"ParentTreeNextKey").unwrap().as_i64().unwrap(), 5);
        let tree = root.get(b"ParentTree").unwrap().as_dict().unwrap();
        let nums = tree.get(b"Nums").unwrap().as_array().unwrap();
        let keys: Vec<i64> = nums
            .iter()
            .step_by(2)
            .map(|k| k.as_i64().unwrap())
            .collect();
        assert_eq!(keys, [0, 1, 2, 3, 4]);
        // Each page's MCIDs, from 0, and each annotation after the pages.
        assert_eq!(nums[1].as_array().unwrap().len(), 2);
        assert_eq!(nums[3].as_array().unwrap().len(), 3);
        assert_eq!(
            (
                int(pages[0], b"StructParents"),
                int(pages[1], b"StructParents")
            ),
            (0, 1)
        );
        let annotations = first_annotations.iter().chain(&second_annotations);
        let annotation_keys: Vec<i64> = annotations.map(|&a| int(a, b"StructParent")).collect();
        assert_eq!(annotation_keys, [2, 3, 4]);
        // One Document: the first page's elements, then the second's, each on its page.
        let document = root.get(b"K").unwrap().as_array().unwrap()[0]
            .as_reference()
            .unwrap();
        let kids = dict(document).get(b"K").unwrap().as_array().unwrap();
        let read: Vec<(String, ObjectId)> = (kids.iter())
            .map(|kid| {
                let element = dict(kid.as_reference().unwrap());
                let kind = element.get(b"S").unwrap().as_name().unwrap();
                let page = element.get(b"Pg").unwrap().as_reference().unwrap();
                (String::from_utf8_lossy(kind).into_owned(), page)
            })
            .collect();
        let expected = [
            ("H1", pages[0]),
            ("Sect", pages[0]),
            ("H1", pages[1]),
            ("Sect", pages[1]),
            ("P", pages[1]),
            ("Link", pages[1]),
        ];
        let expected = expected.map(|(kind, page)| (kind.to_string(), page));
        assert_eq!(read, expected);
    }

    #[test]
    fn an_empty_page_is_an_empty_document() {
        assert_eq!(show(&tree(&Marks::default())), "Document[]");
    }
}
