//! The HTML version parsed back: for every example, the page must hold the roadmap in its
//! order and in words — the title as its one `h1`, a section per stage with its numbered
//! `h2` and summary, the offers as a list, each with its title as a link to the offer, the
//! provider, description, cost, level and tags in words and the printed address — in
//! landmarks, in the roadmap's language, with nothing loaded from elsewhere and no script.

mod support;

use roxmltree::{Document, Node};
use waypost::model::{Offer, Roadmap, Stage};
use waypost::write::html::{self, HtmlOptions};
use waypost::{render_str, Format, RenderOptions};

fn element<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Vec<Node<'a, 'i>> {
    node.children()
        .filter(|n| n.is_element() && n.tag_name().name() == name)
        .collect()
}

fn text(node: Node) -> String {
    let all: String = (node.descendants().filter(Node::is_text))
        .filter_map(|n| n.text())
        .collect();
    all.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn class<'a>(node: Node<'a, '_>) -> &'a str {
    node.attribute("class").unwrap_or_default()
}

/// Expects `node` to be a `name` element with the text `want`.
fn expect(node: Option<Node>, name: &str, want: &str, problems: &mut Vec<String>) {
    match node {
        Some(n) if n.tag_name().name() == name && text(n) == want => {}
        Some(n) => problems.push(format!(
            "expected <{name}> {want:?}, found <{}> {:?}",
            n.tag_name().name(),
            text(n)
        )),
        None => problems.push(format!("expected <{name}> {want:?}, found nothing")),
    }
}

fn check_offer(roadmap: &Roadmap, offer: &Offer, item: Node, problems: &mut Vec<String>) {
    let mut kids = item.children().filter(Node::is_element);
    let heading = kids.next();
    expect(heading, "h3", &offer.title, problems);
    let link = heading.and_then(|h| element(h, "a").into_iter().next());
    if link.and_then(|a| a.attribute("href")) != Some(offer.url.as_str()) {
        problems.push(format!(
            "{:?} does not link to {}",
            offer.title,
            offer.url.as_str()
        ));
    }
    expect(kids.next(), "p", &offer.provider, problems);
    if let Some(description) = &offer.description {
        expect(kids.next(), "p", description, problems);
    }
    let badges = kids.next().filter(|b| class(*b) == "badges");
    let words: Vec<String> = badges
        .map(|b| element(b, "li").into_iter().map(text).collect())
        .unwrap_or_default();
    let labels = &roadmap.labels;
    let mut want = vec![offer.cost.label(labels)];
    want.extend(offer.level.map(|l| labels.level(&l.get().to_string())));
    want.extend(offer.tags.iter().map(|&t| roadmap.tags[t].label.clone()));
    if words != want {
        problems.push(format!("{:?} says {words:?}, not {want:?}", offer.title));
    }
    expect(kids.next(), "p", offer.url.display(), problems);
    if let Some(extra) = kids.next() {
        problems.push(format!(
            "{:?} holds more: <{}>",
            offer.title,
            extra.tag_name().name()
        ));
    }
}

fn check_stage(
    roadmap: &Roadmap,
    number: usize,
    stage: &Stage,
    section: Node,
    problems: &mut Vec<String>,
) {
    let mut kids = section.children().filter(Node::is_element);
    let heading = kids.next();
    expect(
        heading,
        "h2",
        &format!("{number} {}", stage.title),
        problems,
    );
    let labelled = section.attribute("aria-labelledby");
    if labelled.is_none() || labelled != heading.and_then(|h| h.attribute("id")) {
        problems.push(format!(
            "stage {number}'s section is not named by its heading"
        ));
    }
    if let Some(summary) = &stage.summary {
        expect(kids.next(), "p", summary, problems);
    }
    if stage.offers.is_empty() {
        return;
    }
    let Some(list) = kids.next().filter(|l| l.tag_name().name() == "ul") else {
        problems.push(format!("stage {number} has no list of offers"));
        return;
    };
    let items = element(list, "li");
    if items.len() != stage.offers.len() {
        problems.push(format!(
            "stage {number} lists {} offers, not {}",
            items.len(),
            stage.offers.len()
        ));
    }
    for (offer, item) in stage.offers.iter().zip(items) {
        check_offer(roadmap, offer, item, problems);
    }
}

/// Everything wrong with the HTML version of a roadmap.
fn check(roadmap: &Roadmap, page: &str) -> Vec<String> {
    let doc = match Document::parse_with_options(
        page,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    ) {
        Ok(doc) => doc,
        Err(e) => return vec![format!("not well-formed: {e}")],
    };
    let mut problems = Vec::new();
    let html = doc.root_element();
    if html.attribute("lang") != Some(roadmap.language.as_str()) {
        problems.push(format!("lang is {:?}", html.attribute("lang")));
    }
    let title = doc
        .descendants()
        .find(|n| n.has_tag_name("title"))
        .map(text);
    if title.as_deref() != Some(roadmap.title.as_str()) {
        problems.push(format!("the document title is {title:?}"));
    }
    let h1: Vec<Node> = doc.descendants().filter(|n| n.has_tag_name("h1")).collect();
    if h1.len() != 1 || text(h1[0]) != roadmap.title {
        problems.push("the title is not the one h1".to_string());
    }
    for node in doc.descendants().filter(Node::is_element) {
        let name = node.tag_name().name();
        if ["script", "link", "iframe", "object", "embed"].contains(&name) {
            problems.push(format!("a <{name}> element"));
        }
        for attribute in node.attributes() {
            let external = ["src", "href"].contains(&attribute.name())
                && !attribute.value().starts_with("data:")
                && !(name == "a" && node.ancestors().any(|a| class(a) == "offer"));
            if external || attribute.name().starts_with("on") {
                problems.push(format!(
                    "<{name} {}=…> reaches outside the page",
                    attribute.name()
                ));
            }
        }
    }
    let body = element(html, "body");
    let Some(body) = body.first() else {
        return vec!["no body".to_string()];
    };
    let landmarks: Vec<&str> = body
        .children()
        .filter(Node::is_element)
        .map(|n| n.tag_name().name())
        .collect();
    let footer = footer_words(roadmap);
    let want: &[&str] = if footer.is_some() {
        &["header", "main", "footer"]
    } else {
        &["header", "main"]
    };
    if landmarks != want {
        problems.push(format!("the body holds {landmarks:?}, not {want:?}"));
    }
    if let (Some(footer), Some(node)) = (footer, element(*body, "footer").first()) {
        if !text(*node).contains(&footer) {
            problems.push(format!("the footer says {:?}", text(*node)));
        }
    }
    let Some(main) = element(*body, "main").into_iter().next() else {
        return problems;
    };
    let sections = element(main, "section");
    if sections.len() != roadmap.stages.len() {
        problems.push(format!(
            "{} sections for {} stages",
            sections.len(),
            roadmap.stages.len()
        ));
    }
    for (i, (stage, section)) in roadmap.stages.iter().zip(sections).enumerate() {
        check_stage(roadmap, i + 1, stage, section, &mut problems);
    }
    match element(main, "figure")
        .first()
        .and_then(|f| element(*f, "img").into_iter().next())
    {
        Some(img) => {
            let alt = img.attribute("alt").unwrap_or_default();
            if !alt.contains(&roadmap.title) || !alt.contains(&roadmap.stages[0].title) {
                problems.push(format!("the figure's text alternative is {alt:?}"));
            }
            let src = img.attribute("src").unwrap_or_default();
            let svg = src
                .strip_prefix("data:image/svg+xml;base64,")
                .and_then(base64_decode)
                .and_then(|bytes| String::from_utf8(bytes).ok());
            let drawn = svg
                .as_deref()
                .and_then(|s| Document::parse(s).ok().map(|d| text(d.root_element())));
            if !drawn.is_some_and(|d| d.contains(&roadmap.stages[0].title)) {
                problems.push("the figure is not the drawn page".to_string());
            }
        }
        None => problems.push("no figure".to_string()),
    }
    problems
}

/// What the footer must at least say: the roadmap's small print, or else its date.
fn footer_words(roadmap: &Roadmap) -> Option<String> {
    roadmap.footer.clone().or_else(|| roadmap.updated.clone())
}

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}

fn examples() -> Vec<(String, String)> {
    support::toml_files("examples")
        .into_iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

#[test]
fn every_example_reads_in_order_and_in_words() {
    let options = RenderOptions {
        formats: vec![Format::Html],
        ..Default::default()
    };
    let mut failures = Vec::new();
    for (name, source) in examples() {
        let rendered = render_str(&name, &source, &options).unwrap();
        let roadmap = waypost::model::parse(&name, &source).unwrap();
        let page = rendered.html.expect("asked for");
        for problem in check(&roadmap, &page) {
            failures.push(format!("{name}: {problem}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_roadmaps_text_is_escaped_and_the_figure_optional() {
    let source = r#"
        title = "Care <script>alert(1)</script> & \"more\""
        language = "cy"
        [[stage]]
        title = "Cam 1 <b>"
        [[stage.offer]]
        title = "Cwrs 'ŵ' & ŷ"
        provider = "A & B"
        url = "https://example.org/?a=1&b=<2>"
        cost = "chargeable"
        price = "£150"
        level = 3
    "#;
    let roadmap = waypost::model::parse("hostile.toml", source).unwrap();
    let preset = waypost::layout::Preset::builtin("road").unwrap();
    let page = waypost::layout::layout(&roadmap, &preset, &Default::default()).unwrap();
    let with = html::write(&roadmap, &page, &HtmlOptions::default());
    let problems = check(&roadmap, &with);
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(!with.contains("<script>") && !with.contains("<b>"));
    let without = html::write(&roadmap, &page, &HtmlOptions { figure: false });
    assert!(!without.contains("<figure") && !without.contains("data:"));
    assert_eq!(check(&roadmap, &without), ["no figure"]);
}
