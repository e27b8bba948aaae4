//! An SVG logo's style sheet (its `<style>` elements), read as usvg reads it, for the
//! references its rules give elements.
//!
//! usvg matches every rule against every element, so the product of the two is capped
//! ([`MAX_STYLE_MATCHES`]): three thousand rules over sixty thousand elements, a 2.4 MB
//! file, took 8 seconds to read.

use super::{refuse, Refusal};

/// The most rules times elements an SVG logo's style sheet may make usvg match.
pub(super) const MAX_STYLE_MATCHES: u64 = 10_000_000;

/// The rules of a logo's style sheet that give an element a reference (a `url(…)` in one
/// of `properties`).
pub(super) struct Sheet<'a> {
    rules: Vec<simplecss::Rule<'a>>,
}

impl<'a> Sheet<'a> {
    /// Reads every `<style>` element of CSS, as usvg does, and keeps the rules that set one
    /// of `properties` to a `url(…)`. Refuses a sheet too large for its document.
    pub(super) fn read(
        document: &'a roxmltree::Document,
        properties: &[&str],
    ) -> Result<Sheet<'a>, Refusal> {
        let mut sheet = simplecss::StyleSheet::new();
        let mut elements: u64 = 0;
        for node in document.descendants().filter(|n| n.is_element()) {
            elements += 1;
            if !node.has_tag_name("style")
                || node.attribute("type").is_some_and(|t| t != "text/css")
            {
                continue;
            }
            if let Some(text) = node.text() {
                sheet.parse_more(text);
            }
        }
        let rules = sheet.rules.len() as u64;
        if rules.saturating_mul(elements) > MAX_STYLE_MATCHES {
            return Err(refuse(
                format!(
                    "the SVG's style sheet has {rules} rules for {elements} elements, too many \
                     to read in good time"
                ),
                "export the logo again with its styles written on the elements (\"presentation \
                 attributes\" or \"inline styles\"), or simplify it",
            ));
        }
        let refers = |d: &simplecss::Declaration| {
            properties.contains(&d.name) && d.value.to_ascii_lowercase().contains("url(")
        };
        sheet
            .rules
            .retain(|rule| rule.declarations.iter().any(refers));
        Ok(Sheet { rules: sheet.rules })
    }

    /// The declarations the sheet's rules give `node`.
    pub(super) fn declarations<'s>(
        &'s self,
        node: roxmltree::Node<'a, 'a>,
    ) -> impl Iterator<Item = &'s simplecss::Declaration<'a>> {
        (self.rules.iter())
            .filter(move |rule| rule.selector.matches(&Element(node)))
            .flat_map(|rule| rule.declarations.iter())
    }
}

/// An element as simplecss's selectors see it, as usvg shows it to them.
struct Element<'a, 'input>(roxmltree::Node<'a, 'input>);

impl simplecss::Element for Element<'_, '_> {
    fn parent_element(&self) -> Option<Self> {
        self.0.parent_element().map(Element)
    }

    fn prev_sibling_element(&self) -> Option<Self> {
        self.0.prev_sibling_element().map(Element)
    }

    fn has_local_name(&self, name: &str) -> bool {
        self.0.tag_name().name() == name
    }

    fn attribute_matches(&self, name: &str, operator: simplecss::AttributeOperator) -> bool {
        self.0
            .attribute(name)
            .is_some_and(|value| operator.matches(value))
    }

    fn pseudo_class_matches(&self, class: simplecss::PseudoClass) -> bool {
        class == simplecss::PseudoClass::FirstChild && self.prev_sibling_element().is_none()
    }
}
