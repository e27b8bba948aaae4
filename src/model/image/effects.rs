//! Filter effects in an SVG logo, refused: a logo needs none, and a few hundred bytes of
//! them take the PNG writer minutes and gigabytes (`feTurbulence` with 100,000 octaves, a
//! blur or `feMorphology` over a large region, a chain of them), keep a browser busy as
//! long, and cannot be drawn in the PDF at all.
//!
//! A filter is found wherever usvg would apply one: a `<filter>` element or a primitive
//! (`<fe…>`), a `filter` attribute, or a `filter` property in a `style` attribute or a
//! `<style>` sheet, the CSS functions such as `blur()` included. `filter="none"` is no
//! effect and is kept.

use super::{refuse, Refusal};
use crate::error::short;

fn found(what: String) -> Refusal {
    refuse(
        format!(
            "the SVG has a filter effect ({what}), which can take minutes to draw and which \
             PDF cannot show"
        ),
        "save the logo without effects (filters), e.g. export it as plain shapes",
    )
}

/// Refuses an element that is a filter or a filter's primitive, or that has a `filter`
/// attribute or style property.
pub(super) fn check_element(node: roxmltree::Node) -> Result<(), Refusal> {
    let name = node.tag_name().name();
    if name == "filter" || name.starts_with("fe") {
        return Err(found(format!("<{name}>")));
    }
    for attribute in node.attributes() {
        let value = attribute.value();
        match attribute.name() {
            "filter" if !is_none(value) => {
                return Err(found(format!("filter=\"{}\"", short(value))));
            }
            "style" => check_css(value)?,
            _ => {}
        }
    }
    Ok(())
}

/// Refuses CSS, a `style` attribute's declarations or a whole sheet, that sets `filter` to
/// anything but `none`.
pub(super) fn check_css(css: &str) -> Result<(), Refusal> {
    let mut rest = css;
    let mut plain = String::new();
    // Comments could otherwise hide a declaration's name from the split below.
    while let Some(start) = rest.find("/*") {
        plain.push_str(&rest[..start]);
        plain.push(' ');
        rest = rest[start + 2..]
            .split_once("*/")
            .map_or("", |(_, after)| after);
    }
    plain.push_str(rest);
    for declaration in plain.split(['{', '}', ';']) {
        let Some((property, value)) = declaration.split_once(':') else {
            continue;
        };
        if property.trim().eq_ignore_ascii_case("filter") && !is_none(value) {
            let declaration = format!("filter: {}", value.trim());
            return Err(found(short(&declaration).into_owned()));
        }
    }
    Ok(())
}

/// Whether a filter's value is `none` (with `!important` or not): no effect.
fn is_none(value: &str) -> bool {
    let value = value.trim();
    let value = value.strip_suffix("!important").unwrap_or(value).trim();
    value.eq_ignore_ascii_case("none")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(css: &str) -> Option<String> {
        check_css(css).err().map(|refusal| refusal.message)
    }

    #[test]
    fn a_filter_property_is_found_in_any_css() {
        let found = refused("rect { fill: red } /* x */ g.a{FILTER :blur(5px) }").unwrap();
        assert!(found.contains("(filter: blur(5px))"), "{found}");
        assert!(refused("fill:red;filter:url(#f)").is_some());
        // A comment does not hide the declaration, nor does it make one.
        assert!(refused("/* a */filter/* b */:url(#f)").is_some());
        assert!(refused("fill: red /* filter: url(#f) */").is_none());
        for harmless in [
            "filter: none",
            "filter:none !important",
            "fill:url(#filter)",
        ] {
            assert_eq!(refused(harmless), None, "{harmless}");
        }
    }
}
