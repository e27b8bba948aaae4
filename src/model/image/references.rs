//! What an SVG logo's references make of it, worked out before usvg follows them.
//!
//! usvg draws a mask, clip path or pattern anew for each element that uses it, a marker at
//! each corner of each path that names it, and copies what a `<use>` names. A few hundred
//! bytes of references to references can therefore make millions of elements: masks
//! holding two shapes that each use the next mask, forty deep (6 KB), were not read in a
//! minute; a marker of 2,000 shapes on a line of 5,000 corners (85 KB) took 4 GB; and a
//! circle of three masks, patterns or clip paths overflowed usvg's stack. So the
//! references are read here as a graph, in one pass without recursion, and refused when
//! they circle, when masks use masks more than [`MAX_MASK_DEPTH`] deep, or when they make
//! more than [`MAX_EXPANDED`] elements.

use super::css::Sheet;
use super::{refuse, Refusal};
use crate::scene::MAX_SVG_NODES;
use std::collections::HashMap;

/// How deep masks may use one another: usvg's writer doubles its work at each level of a
/// mask inside a mask (twenty levels took it a second).
pub(super) const MAX_MASK_DEPTH: u32 = 6;
/// The most elements an SVG logo may make once every mask, clip path, pattern and marker
/// is counted wherever it is drawn, and every `<use>` as what it copies: as many as the
/// file itself may hold. A million took the PNG writer 23 seconds and a gigabyte.
pub(super) const MAX_EXPANDED: u64 = MAX_SVG_NODES as u64;

/// The properties whose `url(…)` usvg follows (filters are refused before).
const PROPERTIES: &[&str] = &[
    "fill",
    "stroke",
    "clip-path",
    "mask",
    "marker",
    "marker-start",
    "marker-mid",
    "marker-end",
];

/// How a reference is followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `href` of a `<use>`, a pattern or a gradient: the target's content, once.
    Copy,
    /// `mask`, `clip-path`: drawn once for the element.
    Once,
    /// `fill`, `stroke`: drawn for every element under it, which inherits it.
    Paint,
    /// `marker…`: drawn at every corner of every path under it.
    Marker,
}

/// An element's references, and how many corners its own shape has.
struct Element<'a, 'input> {
    references: Vec<(Kind, roxmltree::Node<'a, 'input>)>,
    corners: u64,
}

/// What following the references under an element makes.
#[derive(Debug, Clone, Copy, Default)]
struct Made {
    /// Elements, counting each `<use>` as what it copies.
    elements: u64,
    /// Corners of paths, where markers are drawn.
    corners: u64,
    /// Elements once masks, clip paths, patterns and markers are counted where drawn.
    drawn: u64,
    /// How deep masks use one another.
    depth: u32,
}

type Ids<'a, 'input> = HashMap<&'a str, roxmltree::Node<'a, 'input>>;

/// The element ids, each to the first element that has it (as usvg finds them).
fn ids<'a, 'input>(document: &'a roxmltree::Document<'input>) -> Ids<'a, 'input> {
    let mut ids = HashMap::new();
    for node in document.descendants() {
        if let Some(id) = node.attribute("id") {
            ids.entry(id).or_insert(node);
        }
    }
    ids
}

/// The id a `url(#id)` names.
fn url_target(value: &str) -> Option<&str> {
    let at = value.find("url(")?;
    let inside = value[at + 4..].trim_start_matches([' ', '"', '\'']);
    let id = inside.strip_prefix('#')?;
    let end = id.find([')', '"', '\'', ' ']).unwrap_or(id.len());
    Some(&id[..end])
}

/// An upper bound on the corners of a shape where markers can stand: a path's or a
/// polyline's are fewer than the numbers in its data and its closings.
fn corners(node: roxmltree::Node) -> u64 {
    let runs = |text: &str| {
        let bytes = text.as_bytes();
        let digits = (0..bytes.len())
            .filter(|&i| bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit()))
            .count();
        let closings = bytes.iter().filter(|b| matches!(b, b'z' | b'Z')).count();
        (digits + closings + 1) as u64
    };
    match node.tag_name().name() {
        "path" => node.attribute("d").map_or(0, runs),
        "polyline" | "polygon" => node.attribute("points").map_or(0, runs),
        "line" => 2,
        _ => 0,
    }
}

/// Reads an element's references: `href`, presentation attributes, the sheet's rules and
/// its `style`.
fn element<'a, 'input>(
    node: roxmltree::Node<'a, 'input>,
    sheet: &Sheet,
    ids: &Ids<'a, 'input>,
) -> Element<'a, 'input> {
    let mut references = Vec::new();
    let mut refer = |kind: Kind, id: &str| {
        if let Some(&target) = ids.get(id) {
            references.push((kind, target));
        }
    };
    let copies = ["use", "pattern", "linearGradient", "radialGradient"];
    if copies.contains(&node.tag_name().name()) {
        for attribute in node.attributes().filter(|a| a.name() == "href") {
            if let Some(id) = attribute.value().trim().strip_prefix('#') {
                refer(Kind::Copy, id);
            }
        }
    }
    let mut property = |name: &str, value: &str| {
        let kind = match name {
            "fill" | "stroke" => Kind::Paint,
            "clip-path" | "mask" => Kind::Once,
            _ if PROPERTIES.contains(&name) => Kind::Marker,
            _ => return,
        };
        if let Some(id) = url_target(value) {
            refer(kind, id);
        }
    };
    for attribute in node.attributes() {
        property(attribute.name(), attribute.value());
    }
    for declaration in sheet.declarations(node) {
        property(declaration.name, declaration.value);
    }
    if let Some(style) = node.attribute("style") {
        for declaration in simplecss::DeclarationTokenizer::from(style) {
            property(declaration.name, declaration.value);
        }
    }
    Element {
        references,
        corners: corners(node),
    }
}

/// What an element makes, from its own corners and from what its children and the
/// targets of its references make (each target with whether it is a mask).
fn made(corners: u64, children: &[Made], targets: &[(Kind, Made, bool)]) -> Made {
    let mut made = Made {
        elements: 1,
        corners,
        drawn: 1,
        depth: 0,
    };
    for child in children {
        made.elements = made.elements.saturating_add(child.elements);
        made.corners = made.corners.saturating_add(child.corners);
        made.drawn = made.drawn.saturating_add(child.drawn);
        made.depth = made.depth.max(child.depth);
    }
    // What a `<use>` copies is under it, and inherits from it.
    for (_, target, _) in targets.iter().filter(|t| t.0 == Kind::Copy) {
        made.elements = made.elements.saturating_add(target.elements);
        made.corners = made.corners.saturating_add(target.corners);
    }
    for &(kind, target, mask) in targets {
        let times = match kind {
            Kind::Copy | Kind::Once => 1,
            Kind::Paint => made.elements,
            Kind::Marker => made.corners,
        };
        made.drawn = made
            .drawn
            .saturating_add(target.drawn.saturating_mul(times));
        made.depth = made.depth.max(target.depth + u32::from(mask));
    }
    made
}

fn circle(node: roxmltree::Node) -> Refusal {
    let name = node.attribute("id").map_or_else(
        || format!("<{}>", node.tag_name().name()),
        |id| format!("#{}", crate::error::short(id)),
    );
    refuse(
        format!(
            "the SVG's masks, clip paths, patterns, markers or copies (<use>) refer to one \
             another in a circle (through {name}), which cannot be drawn"
        ),
        "export the logo again from the program that made it, or simplify it",
    )
}

/// Refuses what made too much.
fn check_made(made: Made) -> Result<(), Refusal> {
    if made.depth > MAX_MASK_DEPTH {
        return Err(refuse(
            format!("the SVG uses masks inside masks more than {MAX_MASK_DEPTH} deep"),
            "simplify the logo (release its clipping and opacity masks), or export it as \
             plain shapes",
        ));
    }
    if made.drawn > MAX_EXPANDED {
        return Err(refuse(
            format!(
                "the SVG repeats its masks, clip paths, patterns, markers or copies (<use>) \
                 into more than {MAX_EXPANDED} elements, too many to draw for a logo"
            ),
            "simplify the logo, or export it as plain shapes",
        ));
    }
    Ok(())
}

/// An element being walked: its successors (children, then the targets of its
/// references) and how many of them have been visited.
struct Frame<'a, 'input> {
    node: roxmltree::Node<'a, 'input>,
    corners: u64,
    children: usize,
    successors: Vec<(Option<Kind>, roxmltree::Node<'a, 'input>)>,
    next: usize,
}

impl<'a, 'input> Frame<'a, 'input> {
    fn new(node: roxmltree::Node<'a, 'input>, sheet: &Sheet, ids: &Ids<'a, 'input>) -> Self {
        let own = element(node, sheet, ids);
        let mut successors: Vec<_> = (node.children().filter(|c| c.is_element()))
            .map(|child| (None, child))
            .collect();
        let children = successors.len();
        successors.extend(own.references.into_iter().map(|(kind, t)| (Some(kind), t)));
        Frame {
            node,
            corners: own.corners,
            children,
            successors,
            next: 0,
        }
    }
}

/// Where the walk stands with an element.
#[derive(Clone, Copy)]
enum State {
    New,
    /// On the path being walked: reaching it again closes a circle.
    Open,
    Done(Made),
}

/// Refuses references that circle, nest more than [`MAX_MASK_DEPTH`] deep or make
/// more than [`MAX_EXPANDED`] elements: one walk, depth first with a stack of its own,
/// each element finished once.
pub(super) fn check(document: &roxmltree::Document) -> Result<(), Refusal> {
    let sheet = Sheet::read(document, PROPERTIES)?;
    let ids = ids(document);
    let index = |node: roxmltree::Node| node.id().get_usize();
    let count = document
        .descendants()
        .map(|n| index(n) + 1)
        .max()
        .unwrap_or(0);
    let mut states = vec![State::New; count];
    let root = document.root_element();
    states[index(root)] = State::Open;
    let mut stack = vec![Frame::new(root, &sheet, &ids)];
    while let Some(frame) = stack.last_mut() {
        if let Some(&(_, next)) = frame.successors.get(frame.next) {
            frame.next += 1;
            match states[index(next)] {
                State::Done(_) => {}
                State::Open => return Err(circle(next)),
                State::New => {
                    states[index(next)] = State::Open;
                    stack.push(Frame::new(next, &sheet, &ids));
                }
            }
            continue;
        }
        let made_of = |node: roxmltree::Node| match states[index(node)] {
            State::Done(made) => made,
            _ => Made::default(),
        };
        let children: Vec<Made> = (frame.successors[..frame.children].iter())
            .map(|&(_, child)| made_of(child))
            .collect();
        let targets: Vec<(Kind, Made, bool)> = (frame.successors[frame.children..].iter())
            .filter_map(|&(kind, target)| {
                let kind = kind?;
                let mask = kind == Kind::Once && target.has_tag_name("mask");
                Some((kind, made_of(target), mask))
            })
            .collect();
        let made = made(frame.corners, &children, &targets);
        check_made(made)?;
        states[index(frame.node)] = State::Done(made);
        stack.pop();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_names_the_id_inside_it() {
        assert_eq!(url_target("url(#a)"), Some("a"));
        assert_eq!(url_target(" url( '#b-1' ) red"), Some("b-1"));
        assert_eq!(url_target("url(\"#c\")"), Some("c"));
        assert_eq!(url_target("red"), None);
    }

    #[test]
    fn corners_are_counted_from_above() {
        let document = roxmltree::Document::parse(
            "<svg xmlns='http://www.w3.org/2000/svg'><path d='M0 0h10v10z'/>\
             <polyline points='1,2 3,4'/><line/><rect/></svg>",
        )
        .unwrap();
        let counted: Vec<u64> = (document.root_element().children()).map(corners).collect();
        // The path has 4 corners (and a closing), the polyline 2, the line 2: the counts
        // reach each, and the rectangle takes no markers.
        assert_eq!(counted, [6, 5, 2, 0]);
    }
}
