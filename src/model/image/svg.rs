//! SVG logos: parsed without a document type, checked for what a logo may not hold, and
//! written again by usvg from the parsed tree.

use super::{effects, layers, references, refuse, view_box, Refusal, MAX_SVG_DEPTH};
use crate::scene::{Image, ImageFormat, MAX_SVG_NODES};
use std::sync::Arc;

/// An SVG: parsed with its document type refused; nesting, contents, size and references
/// checked; then parsed by usvg, what drawing it takes checked, and re-written from its
/// parsed tree.
pub(super) fn svg(bytes: &[u8], id_prefix: &str) -> Result<Image, Refusal> {
    let again = "export the logo again from the program that made it (as \"SVG\" or \"plain SVG\")";
    let text =
        std::str::from_utf8(bytes).map_err(|_| refuse("the SVG file is not UTF-8 text", again))?;
    let document = Image::svg_xml(text).map_err(|e| {
        let message = match e {
            roxmltree::Error::DtdDetected => {
                "the SVG has a document type declaration (<!DOCTYPE …>), which can define \
                 entities; logos are read without one"
                    .to_string()
            }
            roxmltree::Error::NodesLimitReached => format!(
                "the SVG has more than {MAX_SVG_NODES} elements and texts, too many for a logo"
            ),
            other => format!("the SVG is not well-formed XML: {other}"),
        };
        refuse(message, again)
    })?;
    check_svg_tree(&document)?;
    view_box::check_root(document.root_element())?;
    references::check(&document)?;
    let tree = usvg::Tree::from_xmltree(&document, &Image::usvg_options())
        .map_err(|e| refuse(format!("the SVG cannot be read: {e}"), again))?;
    let size = tree.size();
    view_box::check_size(size)?;
    layers::check(&tree)?;
    if !tree.root().has_children() {
        return Err(refuse("the SVG draws nothing", again));
    }
    let written = tree.to_string(&usvg::WriteOptions {
        id_prefix: Some(id_prefix.to_string()),
        coordinates_precision: 4,
        transforms_precision: 6,
        indent: usvg::Indent::None,
        ..usvg::WriteOptions::default()
    });
    // Every writer reads the drawing again, with the same limit: markers and patterns
    // written out where they are drawn must not take it past.
    if let Err(roxmltree::Error::NodesLimitReached) = Image::svg_xml(&written) {
        return Err(refuse(
            format!(
                "the SVG makes more than {MAX_SVG_NODES} elements once its markers and \
                 patterns are drawn, too many for a logo"
            ),
            "simplify the logo, or export it as plain shapes",
        ));
    }
    Ok(Image {
        format: ImageFormat::Svg,
        data: Arc::from(written.into_bytes()),
        width: size.width(),
        height: size.height(),
    })
}

/// Refuses what a logo may not hold: nesting past [`MAX_SVG_DEPTH`], text (drawn in
/// whatever font a viewer has), pictures, filter effects, and any reference outside the
/// document.
fn check_svg_tree(document: &roxmltree::Document) -> Result<(), Refusal> {
    // Depth first with a stack of its own: no recursion, however deep the file nests.
    let mut stack = vec![(document.root(), 0_usize)];
    while let Some((node, depth)) = stack.pop() {
        stack.extend(node.children().map(|child| (child, depth + 1)));
        if !node.is_element() {
            if let Some(text) = node.text() {
                if node.parent().is_some_and(|p| p.has_tag_name("style")) {
                    outside_references(text)?;
                    effects::check_css(text)?;
                }
            }
            continue;
        }
        if depth > MAX_SVG_DEPTH {
            return Err(refuse(
                format!("the SVG nests its elements more than {MAX_SVG_DEPTH} deep"),
                "export the logo again from the program that made it, or simplify it",
            ));
        }
        let name = node.tag_name().name();
        match name {
            "text" | "tspan" | "textPath" => {
                return Err(refuse(
                    "the SVG has text in it, which would be drawn in whatever font a \
                     reader's computer has",
                    "convert the logo's text to outlines (\"Create outlines\" or \"Object to \
                     path\" in most drawing programs) and export it again",
                ))
            }
            "image" | "feImage" | "foreignObject" => {
                return Err(refuse(
                    format!(
                        "the SVG holds a picture or other content (<{name}>), not only drawing"
                    ),
                    "export the logo as a plain drawing, or give the picture itself as a PNG",
                ))
            }
            _ => {}
        }
        effects::check_element(node)?;
        for attribute in node.attributes() {
            let value = attribute.value();
            if attribute.name() == "href" && !value.trim_start().starts_with('#') {
                return Err(refuse(
                    format!(
                        "the SVG refers to something outside itself (href=\"{}\")",
                        crate::error::short(value)
                    ),
                    "a logo must hold everything it draws: export it again with everything \
                     embedded",
                ));
            }
            outside_references(value)?;
        }
    }
    Ok(())
}

/// Refuses `url(…)` pointing anywhere but inside the document, and `@import`.
fn outside_references(value: &str) -> Result<(), Refusal> {
    let lower = value.to_ascii_lowercase();
    let outside = lower.contains("@import")
        || lower.match_indices("url(").any(|(at, _)| {
            let target = lower[at + 4..].trim_start_matches([' ', '"', '\'']);
            !target.starts_with('#')
        });
    if outside {
        return Err(refuse(
            "the SVG refers to something outside itself (a url(…) or @import)",
            "a logo must hold everything it draws: export it again with everything embedded",
        ));
    }
    Ok(())
}
