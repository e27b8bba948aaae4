//! The HTML version parsed back: for every example, the page must hold the roadmap in its
//! order and in words — the title as its one `h1`, a section per stage with its numbered
//! `h2` and summary, the offers as a list, each with its title as a link to the offer, the
//! provider, description, cost, level and tags in words and the printed address — in
//! landmarks, in the roadmap's language, with nothing loaded from elsewhere and one small
//! script of its own, the filters'.
//!
//! The filters are checked as markup here — the form hidden until the script shows it, a
//! choice for each value that tells offers apart and for nothing else, in the page's words,
//! each offer's keys in data attributes, every offer shown without the script — and in
//! headless Chromium at the end: ticked with the mouse and the keyboard, typed into, opened
//! from a shared address.

mod support;

use roxmltree::{Document, Node};
use waypost::model::{Label, Offer, Roadmap, Stage};
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

/// A filter key: lower-case ASCII letters and digits in runs joined by single hyphens.
fn is_key(key: &str) -> bool {
    !key.is_empty()
        && key.split('-').all(|run| {
            !run.is_empty()
                && run
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The offer's filter keys: its cost, tags, level and stage, as data attributes.
fn check_keys(
    roadmap: &Roadmap,
    stage: usize,
    offer: &Offer,
    item: Node,
    problems: &mut Vec<String>,
) {
    let data = |name: &str| item.attribute(name).unwrap_or("<none>");
    let cost = match offer.cost {
        waypost::model::Cost::Free => "free",
        _ => "chargeable",
    };
    let level = offer.level.map(|l| format!("level-{}", l.get()));
    let want = [
        ("data-cost", cost.to_string()),
        ("data-level", level.unwrap_or_default()),
        ("data-stage", format!("stage-{stage}")),
    ];
    for (name, want) in want {
        if data(name) != want {
            problems.push(format!(
                "{:?} has {name}={:?}, not {want:?}",
                offer.title,
                data(name)
            ));
        }
    }
    let keys: Vec<&str> = data("data-tags").split_whitespace().collect();
    let tags: Vec<&str> = offer
        .tags
        .iter()
        .map(|&t| roadmap.tags[t].key.as_str())
        .collect();
    // A tag named as a key is keyed by its name, unless the name is another group's key.
    let numbered = |tag: &str, group: &str| {
        (tag.strip_prefix(group))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let own = |tag: &str| {
        is_key(tag)
            && !["free", "chargeable", "q"].contains(&tag)
            && !numbered(tag, "level-")
            && !numbered(tag, "stage-")
    };
    let fits = keys.len() == tags.len()
        && (keys.iter().zip(&tags)).all(|(key, tag)| is_key(key) && (!own(tag) || key == tag));
    if !fits {
        problems.push(format!(
            "{:?} has data-tags={:?} for the tags {tags:?}",
            offer.title,
            data("data-tags")
        ));
    }
    if item.attribute("hidden").is_some() {
        problems.push(format!("{:?} is hidden without the script", offer.title));
    }
}

fn check_offer(
    roadmap: &Roadmap,
    stage: usize,
    offer: &Offer,
    item: Node,
    problems: &mut Vec<String>,
) {
    check_keys(roadmap, stage, offer, item, problems);
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
    let mut next = kids.next();
    let facts = [&offer.duration, &offer.audience, &offer.starts].map(Option::is_some);
    if facts.contains(&true) || offer.until.is_some() || offer.contact.is_some() {
        match next.filter(|d| d.has_tag_name("dl") && class(*d) == "facts") {
            Some(list) => {
                let said = text(list);
                let values = [&offer.duration, &offer.audience].into_iter().flatten();
                let contact = offer.contact.as_ref().map(|c| c.display().to_string());
                for value in values.chain(contact.as_ref()) {
                    if !said.contains(value.as_str()) {
                        problems.push(format!("{:?}'s facts lack {value:?}", offer.title));
                    }
                }
            }
            None => problems.push(format!("{:?} has no list of its facts", offer.title)),
        }
        next = kids.next();
    }
    let badges = next.filter(|b| class(*b) == "badges");
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
    if section.attribute("hidden").is_some() {
        problems.push(format!("stage {number} is hidden without the script"));
    }
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
        check_offer(roadmap, number, offer, item, problems);
    }
}

/// The filters' groups a roadmap needs, each its legend and its choices' words: a choice
/// for every value some offers have and others do not, in the roadmap's order.
fn filter_groups(roadmap: &Roadmap) -> Vec<(String, Vec<String>)> {
    let labels = &roadmap.labels;
    let offers: Vec<(usize, &Offer)> = (roadmap.stages.iter().enumerate())
        .flat_map(|(i, s)| s.offers.iter().map(move |o| (i + 1, o)))
        .collect();
    let tells = |has: &dyn Fn(usize, &Offer) -> bool| {
        let n = offers.iter().filter(|(s, o)| has(*s, o)).count();
        n > 0 && n < offers.len()
    };
    let free = |o: &Offer| matches!(o.cost, waypost::model::Cost::Free);
    let mut costs = Vec::new();
    if tells(&|_, o| free(o)) {
        costs.push(labels.get(Label::Free).to_string());
        costs.push(labels.get(Label::Chargeable).to_string());
    }
    let tags = (roadmap.tags.iter().enumerate())
        .filter(|(i, _)| tells(&|_, o| o.tags.contains(i)))
        .map(|(_, t)| t.label.clone())
        .collect();
    let levels = (1..=8u8)
        .filter(|&n| tells(&|_, o| o.level.is_some_and(|l| l.get() == n)))
        .map(|n| labels.level(&n.to_string()))
        .collect();
    let stages = (roadmap.stages.iter().enumerate())
        .filter(|(i, _)| tells(&|s, _| s == i + 1))
        .map(|(i, s)| format!("{} {}", i + 1, s.title))
        .collect();
    [
        (Label::FilterCost, costs),
        (Label::FilterTags, tags),
        (Label::FilterLevel, levels),
        (Label::FilterStage, stages),
    ]
    .into_iter()
    .filter(|(_, choices)| !choices.is_empty())
    .map(|(legend, choices)| (labels.get(legend).to_string(), choices))
    .collect()
}

/// The filters' form at the top of `main`: hidden, for the script to show; a search box and
/// a fieldset of labelled checkboxes per group, in the page's words; the count, true without
/// the script; and the "no offers match" message after it, hidden.
fn check_filters(roadmap: &Roadmap, main: Node, problems: &mut Vec<String>) {
    let labels = &roadmap.labels;
    let kids: Vec<Node> = main.children().filter(Node::is_element).collect();
    let (Some(form), Some(none)) = (kids.first(), kids.get(1)) else {
        problems.push("main holds no filters".to_string());
        return;
    };
    if !form.has_tag_name("form") || form.attribute("id") != Some("filters") {
        problems.push(format!("main starts with <{}>", form.tag_name().name()));
        return;
    }
    if form.attribute("hidden").is_none() {
        problems.push("the filters are not hidden without the script".to_string());
    }
    let by_id = |id: &str| form.descendants().find(|n| n.attribute("id") == Some(id));
    let named = form.attribute("aria-labelledby").and_then(by_id).map(text);
    if form.attribute("role") != Some("search")
        || named.as_deref() != Some(labels.get(Label::Filter))
    {
        problems.push(format!("the filters are named {named:?}"));
    }
    // Every control has its label, found by its id.
    let label_of = |control: Node| {
        let id = control.attribute("id")?;
        form.descendants()
            .find(|n| n.has_tag_name("label") && n.attribute("for") == Some(id))
            .map(text)
    };
    let search = form
        .descendants()
        .find(|n| n.attribute("type") == Some("search"));
    if search.and_then(label_of).as_deref() != Some(labels.get(Label::Search)) {
        problems.push("the search box is not labelled \"Search offers\"".to_string());
    }
    // Closed, one line: the heading in a disclosure's summary, with room for how many
    // filters are in use; the controls inside the disclosure, the count outside it.
    let details = element(*form, "details");
    let summary = details.first().and_then(|d| d.first_element_child());
    let summary_heading = summary
        .filter(|s| s.has_tag_name("summary"))
        .and_then(|s| s.first_element_child())
        .filter(|h| h.has_tag_name("h2") && h.attribute("id") == Some("filters-title"));
    let active = summary.and_then(|s| {
        s.children()
            .find(|n| n.attribute("id") == Some("filters-active"))
    });
    if details.len() != 1
        || summary_heading.is_none()
        || active.and_then(|a| a.attribute("data-template"))
            != Some(labels.get(Label::FiltersActive))
        || active.and_then(|a| a.attribute("hidden")).is_none()
    {
        problems.push("the filters are not one disclosure headed by their title".to_string());
    }
    let inside = |id: &str| {
        details
            .first()
            .is_some_and(|d| d.descendants().any(|n| n.attribute("id") == Some(id)))
    };
    if !inside("filters-q") || !inside("filters-clear") || inside("filters-status") {
        problems.push("the controls are not in the disclosure, or the count is".to_string());
    }
    let unknown = by_id("filters-unknown");
    if unknown.and_then(|u| u.attribute("role")) != Some("status")
        || unknown.and_then(|u| u.attribute("data-template"))
            != Some(labels.get(Label::FiltersUnknown))
        || unknown.is_some_and(|u| !text(u).is_empty())
    {
        problems.push("no empty live message for an address's unknown filters".to_string());
    }
    let groups: Vec<(String, Vec<String>)> = (form.descendants())
        .filter(|n| n.has_tag_name("fieldset"))
        .map(|fieldset| {
            let legend = element(fieldset, "legend").first().map(|l| text(*l));
            let boxes = (fieldset.descendants())
                .filter(|n| n.attribute("type") == Some("checkbox"))
                .map(|b| label_of(b).unwrap_or_else(|| "<no label>".to_string()))
                .collect();
            (legend.unwrap_or_default(), boxes)
        })
        .collect();
    let want = filter_groups(roadmap);
    if groups != want {
        problems.push(format!("the filters are {groups:?}, not {want:?}"));
    }
    let total: usize = roadmap.stages.iter().map(|s| s.offers.len()).sum();
    let status = by_id("filters-status");
    if status.and_then(|s| s.attribute("role")) != Some("status")
        || status.and_then(|s| s.attribute("data-template")) != Some(labels.get(Label::Showing))
        || status.map(text) != Some(labels.showing(total, total))
    {
        problems.push(format!("the count says {:?}", status.map(text)));
    }
    let clear = (form.descendants())
        .find(|n| n.has_tag_name("button") && n.attribute("type") == Some("button"))
        .map(text);
    if clear.as_deref() != Some(labels.get(Label::ClearFilters)) {
        problems.push(format!("the clear button says {clear:?}"));
    }
    if none.attribute("id") != Some("no-match")
        || none.attribute("hidden").is_none()
        || text(*none) != labels.get(Label::NoMatch)
    {
        problems.push(format!("after the filters: {:?}", text(*none)));
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
    let scripts: Vec<Node> = (doc.descendants())
        .filter(|n| n.has_tag_name("script"))
        .collect();
    // One script, the page's own: inline, last in the body.
    let own_script = |n: &Node| {
        n.attributes().len() == 0
            && n.parent_element().is_some_and(|p| p.has_tag_name("body"))
            && n.next_sibling_element().is_none()
    };
    if scripts.len() != 1 || !own_script(&scripts[0]) {
        problems.push(format!(
            "{} scripts, not the page's own one at the end",
            scripts.len()
        ));
    }
    match doc
        .descendants()
        .find(|n| n.attribute("http-equiv") == Some("Content-Security-Policy"))
        .and_then(|n| n.attribute("content"))
    {
        Some(csp) if csp.contains("default-src 'none'") && !csp.contains("unsafe") => {
            let hashes = |directive: &str| {
                (csp.split(';').map(str::trim))
                    .find_map(|d| d.strip_prefix(directive))
                    .map(|sources| sources.split_whitespace().collect::<Vec<_>>())
                    .unwrap_or_default()
            };
            for directive in ["script-src ", "style-src "] {
                let sources = hashes(directive);
                if sources.len() != 1 || !sources[0].starts_with("'sha256-") {
                    problems.push(format!("the policy's {directive}is {sources:?}"));
                }
            }
        }
        csp => problems.push(format!("the Content-Security-Policy is {csp:?}")),
    }
    for node in doc.descendants().filter(Node::is_element) {
        let name = node.tag_name().name();
        if ["link", "iframe", "object", "embed"].contains(&name) {
            problems.push(format!("a <{name}> element"));
        }
        for attribute in node.attributes() {
            let external = ["src", "href"].contains(&attribute.name())
                && !attribute.value().starts_with("data:")
                && !(name == "a"
                    && (attribute.value().starts_with('#')
                        || node.ancestors().any(|a| class(a) == "offer")));
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
    let mut landmarks: Vec<&str> = body
        .children()
        .filter(|n| n.is_element() && !n.has_tag_name("script"))
        .map(|n| n.tag_name().name())
        .collect();
    // First, the link past the title and the filters to the first stage's heading.
    match body.children().find(Node::is_element) {
        Some(skip)
            if skip.has_tag_name("a")
                && class(skip) == "skip"
                && skip.attribute("href") == Some("#stage-1")
                && text(skip) == roadmap.labels.get(Label::SkipToOffers) =>
        {
            landmarks.remove(0);
        }
        first => problems.push(format!(
            "the body starts with {:?}, not the skip link",
            first.map(text)
        )),
    }
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
    check_filters(roadmap, main, &mut problems);
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

/// Markup, quotes and script in every piece of text the filters show or carry: the
/// roadmap's title, a stage's, tags' names and labels, the page's own words.
const HOSTILE: &str = r#"
    title = "Care <script>alert(1)</script> & \"more\""
    language = "cy"
    [labels]
    showing = "\" onmouseover=\"alert(1)\" {n}/{total} ]]> </script>"
    filter = "</form><script>alert(2)</script>"
    [tags."x\" onfocus=\"alert(3)"]
    label = "<img src=x onerror=alert(4)>"
    [tags."online+free#q=1"]
    label = "'); alert(5); ('"
    [[stage]]
    title = "Cam 1 <b>"
    [[stage.offer]]
    title = "Cwrs 'ŵ' & ŷ"
    provider = "A & B"
    url = "https://example.org/?a=1&b=<2>"
    cost = "chargeable"
    price = "£150"
    level = 3
    tags = ["x\" onfocus=\"alert(3)", "online"]
    [[stage]]
    title = "<svg onload=alert(6)>"
    [[stage.offer]]
    title = "]]><script>alert(7)</script><![CDATA["
    description = "</p><p hidden>"
    provider = "P"
    url = "https://example.org/"
    cost = "free"
    tags = ["online+free#q=1"]
"#;

#[test]
fn the_roadmaps_text_is_escaped_and_the_figure_optional() {
    let roadmap = waypost::model::parse("hostile.toml", HOSTILE).unwrap();
    let preset = waypost::layout::Preset::builtin("road").unwrap();
    let page = waypost::layout::layout(&roadmap, &preset, &Default::default()).unwrap();
    let with = html::write(&roadmap, &page, &HtmlOptions::default());
    let problems = check(&roadmap, &with);
    assert!(problems.is_empty(), "{problems:#?}");
    // The page's own script alone; no markup from the roadmap's text.
    assert_eq!(with.matches("<script").count(), 1);
    assert_eq!(with.matches("</script>").count(), 1);
    assert_eq!(with.matches("]]>").count(), 1);
    for markup in [
        "<b>",
        "<img src=x",
        "<svg onload",
        "</form><",
        "<p hidden>",
        "\" on",
    ] {
        assert!(!with.contains(markup), "{markup} is in the page");
    }
    // Both hostile tags have readable keys of their own, and a choice each.
    assert!(
        with.contains(r#"data-tags="x-onfocus-alert-3 online""#),
        "{with}"
    );
    assert!(with.contains(r#"data-tags="online-free-q-1""#));
    let without = html::write(&roadmap, &page, &HtmlOptions { figure: false });
    assert!(!without.contains("<figure") && !without.contains("src=\"data:"));
    assert_eq!(check(&roadmap, &without), ["no figure"]);
}

/// Without the script a reader sees every offer, and no control: the form and the "no
/// offers match" message are hidden, and nothing else is.
#[test]
fn without_the_script_every_offer_is_shown() {
    let options = RenderOptions {
        formats: vec![Format::Html],
        ..Default::default()
    };
    for (name, source) in examples() {
        let page = render_str(&name, &source, &options).unwrap().html.unwrap();
        let doc = Document::parse_with_options(
            &page,
            roxmltree::ParsingOptions {
                allow_dtd: true,
                ..Default::default()
            },
        )
        .unwrap();
        let hidden: Vec<&str> = (doc.descendants())
            .filter(|n| n.attribute("hidden").is_some())
            .map(|n| n.attribute("id").unwrap_or("?"))
            .collect();
        assert_eq!(hidden, ["filters", "filters-active", "no-match"], "{name}");
        // Nor does the stylesheet hide anything but what is hidden.
        let style = page
            .split("<style>")
            .nth(1)
            .unwrap()
            .split("</style>")
            .next()
            .unwrap();
        let screen = style.split("@media print").next().unwrap();
        assert_eq!(screen.matches("display: none").count(), 1, "{name}");
        assert!(screen.contains("[hidden] { display: none !important; }"));
    }
}

/// Only what tells offers apart gets a choice: not a tag every offer has, not the one stage
/// that holds them all, not a level no offer has; and a page where nothing does has the
/// search box alone.
#[test]
fn only_what_tells_offers_apart_is_a_choice() {
    let source = r#"
        title = "T"
        [[stage]]
        title = "Only stage"
        [[stage.offer]]
        title = "A"
        provider = "P"
        url = "https://example.org/a"
        cost = "free"
        tags = ["online", "local"]
        [[stage.offer]]
        title = "B"
        provider = "P"
        url = "https://example.org/b"
        cost = "chargeable"
        level = 2
        tags = ["online"]
        [[stage]]
        title = "Empty stage"
    "#;
    let roadmap = waypost::model::parse("t.toml", source).unwrap();
    let preset = waypost::layout::Preset::builtin("road").unwrap();
    let page = waypost::layout::layout(&roadmap, &preset, &Default::default()).unwrap();
    let page = html::write(&roadmap, &page, &HtmlOptions::default());
    let legends: Vec<&str> = page
        .split("<legend>")
        .skip(1)
        .map(|l| l.split('<').next().unwrap())
        .collect();
    assert_eq!(legends, ["Cost", "Tags", "Qualification level"]);
    for choice in [
        "filter-free",
        "filter-chargeable",
        "filter-local",
        "filter-level-2",
    ] {
        assert!(page.contains(&format!("id=\"{choice}\"")), "{choice}");
    }
    for none in [
        "filter-online",
        "filter-stage-1",
        "filter-stage-2",
        "filter-level-1",
    ] {
        assert!(!page.contains(&format!("id=\"{none}\"")), "{none}");
    }

    let one = source
        .split("[[stage.offer]]\n        title = \"B\"")
        .next()
        .unwrap();
    let roadmap = waypost::model::parse("t.toml", one).unwrap();
    let preset = waypost::layout::Preset::builtin("road").unwrap();
    let page = waypost::layout::layout(&roadmap, &preset, &Default::default()).unwrap();
    let page = html::write(&roadmap, &page, &HtmlOptions::default());
    assert!(!page.contains("<fieldset") && page.contains("type=\"search\""));
}

/// The same roadmap gives the same bytes: no random ids, no order from a hash map.
#[test]
fn the_same_roadmap_gives_the_same_page() {
    let roadmap = waypost::model::parse("hostile.toml", HOSTILE).unwrap();
    let preset = waypost::layout::Preset::builtin("road").unwrap();
    let page = waypost::layout::layout(&roadmap, &preset, &Default::default()).unwrap();
    let first = html::write(&roadmap, &page, &HtmlOptions::default());
    for _ in 0..3 {
        let again = waypost::model::parse("hostile.toml", HOSTILE).unwrap();
        assert_eq!(html::write(&again, &page, &HtmlOptions::default()), first);
    }
}

/// The Welsh example's filters speak Welsh, and none of the English words is left.
#[test]
fn the_welsh_filters_are_in_welsh() {
    let source =
        std::fs::read_to_string(support::root().join("examples/welsh-and-custom-tags.toml"))
            .unwrap();
    let options = RenderOptions {
        formats: vec![Format::Html],
        ..Default::default()
    };
    let page = render_str("welsh.toml", &source, &options)
        .unwrap()
        .html
        .unwrap();
    let form = page
        .split("<form")
        .nth(1)
        .unwrap()
        .split("</form>")
        .next()
        .unwrap();
    for words in [
        "Hidlo’r cynigion",
        "Dangosir cynnig os yw’n cyfateb i flwch wedi’i dicio ym mhob grŵp a ddefnyddiwch.",
        "Chwilio’r cynigion",
        "<legend>Cost</legend>",
        "<legend>Tagiau</legend>",
        "<legend>Lefel cymhwyster</legend>",
        "<legend>Cam</legend>",
        "Am ddim",
        "Codir tâl",
        "Lefel 4",
        "Cymorth cymheiriaid / Peer support",
        "data-template=\"Yn dangos {n} o {total} cynnig\"",
        ">Yn dangos 5 o 5 cynnig<",
        "Clirio’r hidlyddion",
    ] {
        assert!(form.contains(words), "no {words:?} in the Welsh filters");
    }
    assert!(page.contains("Does dim cynigion yn cyfateb i’r hidlyddion hyn."));
    // The page's words: what is between the stylesheet and the script.
    let words = page
        .split("</style>")
        .nth(1)
        .unwrap()
        .split("<script>")
        .next()
        .unwrap();
    let english = waypost::model::Labels::for_language("en");
    for label in [
        Label::Filter,
        Label::FilterHint,
        Label::Search,
        Label::FilterTags,
        Label::FilterLevel,
        Label::FilterStage,
        Label::ClearFilters,
        Label::NoMatch,
        Label::Free,
    ] {
        let word = english.get(label);
        assert!(
            !words.contains(word),
            "the English {word:?} is on the Welsh page"
        );
    }
    assert!(!words.contains("Showing") && !words.contains(" offers"));
}

/// The page in headless Chromium, used as a reader does: ticking filters with the mouse
/// and the keyboard, typing a search, opening a shared address; what is shown, the count
/// announced and the address are checked against the roadmap at each step.
#[cfg(feature = "cli")]
#[test]
fn the_filters_work_in_chromium() {
    use std::time::Duration;
    use support::cdp::{find_chromium, Browser};

    let Some(chromium) = find_chromium() else {
        // CI installs Chromium (.ci/run): there, its absence is a failure, not a skip.
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium is missing on CI, so the HTML version's filters cannot be tested"
        );
        eprintln!(
            "skipped: no Chromium found (install the chromium package, or set \
             WAYPOST_CHROMIUM to a Chromium binary) to try the HTML version's filters"
        );
        return;
    };
    let source =
        std::fs::read_to_string(support::root().join("examples/link-worker-training.toml"))
            .unwrap();
    let roadmap = waypost::model::parse("roadmap.toml", &source).unwrap();
    let options = RenderOptions {
        formats: vec![Format::Html],
        ..Default::default()
    };
    let page = render_str("roadmap.toml", &source, &options)
        .unwrap()
        .html
        .unwrap();
    let dir = support::cli::scratch("html-filters");
    let file = dir.join("roadmap.html");
    std::fs::write(&file, page).unwrap();
    let url = format!("file://{}", file.display());

    // What the roadmap says should be shown: the titles of the offers that pass.
    let offers: Vec<&Offer> = roadmap.stages.iter().flat_map(|s| &s.offers).collect();
    let total = offers.len();
    let titles = |pass: &dyn Fn(&Offer) -> bool| -> Vec<String> {
        offers
            .iter()
            .filter(|o| pass(o))
            .map(|o| o.title.clone())
            .collect()
    };
    let tagged = |offer: &Offer, key: &str| offer.tags.iter().any(|&t| roadmap.tags[t].key == key);
    let free = |offer: &Offer| matches!(offer.cost, waypost::model::Cost::Free);
    let labels = &roadmap.labels;
    let wait = Duration::from_secs(10);

    // What the page shows: the offers and stage headings that take up room on screen.
    let shown = |browser: &mut Browser| -> Vec<String> {
        let titles = browser.eval(
            "[...document.querySelectorAll('li.offer')].filter(o => o.getClientRects().length)\
             .map(o => o.querySelector('h3').textContent)",
        );
        serde_json::from_value(titles).unwrap()
    };
    let stages_shown = |browser: &mut Browser| -> Vec<String> {
        let headings = browser.eval(
            "[...document.querySelectorAll('section.stage h2')].filter(h => h.getClientRects().length)\
             .map(h => h.textContent)",
        );
        serde_json::from_value(headings).unwrap()
    };
    let stages_of = |titles: &[String]| -> Vec<String> {
        (roadmap.stages.iter().enumerate())
            .filter(|(_, s)| s.offers.iter().any(|o| titles.contains(&o.title)))
            .map(|(i, s)| format!("{} {}", i + 1, s.title))
            .collect()
    };
    // Waits for the count the page announces, then compares the rest.
    let expect = |browser: &mut Browser, want: &[String], hash: &str, step: &str| {
        let count = labels.showing(want.len(), total);
        let said = format!("document.getElementById('filters-status').textContent === {count:?}");
        if browser.wait_for(&said, wait).is_none() {
            panic!(
                "{step}: the page says {}, not {count:?}",
                browser.eval("document.getElementById('filters-status').textContent")
            );
        }
        assert_eq!(shown(browser), want, "{step}: the offers shown");
        assert_eq!(
            stages_shown(browser),
            stages_of(want),
            "{step}: the stages shown"
        );
        assert_eq!(browser.eval("location.hash"), hash, "{step}: the address");
        let none = browser.eval("!!document.getElementById('no-match').getClientRects().length");
        assert_eq!(
            none,
            want.is_empty(),
            "{step}: the \"no offers match\" message"
        );
    };
    let ticked = |browser: &mut Browser| -> Vec<String> {
        let ids =
            browser.eval("[...document.querySelectorAll('#filters input:checked')].map(b => b.id)");
        serde_json::from_value(ids).unwrap()
    };
    let ready = "document.readyState === 'complete' && !document.getElementById('filters').hidden";

    let mut browser = Browser::open(&chromium, &url, &dir.join("profile"));
    assert!(
        browser.wait_for(ready, wait).is_some(),
        "the script showed no filters"
    );
    let all = titles(&|_| true);
    expect(&mut browser, &all, "", "as it opens");

    // At 1280 × 800, the filters closed take one line, and the first offer is on the
    // first screen.
    let screen = |browser: &mut Browser, width: u32, height: u32| {
        browser.command(
            "Emulation.setDeviceMetricsOverride",
            serde_json::json!({
                "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false
            }),
        );
    };
    screen(&mut browser, 1280, 800);
    let top = |browser: &mut Browser, selector: &str| {
        let js = format!("document.querySelector({selector:?}).getBoundingClientRect().top");
        browser.eval(&js).as_f64().unwrap()
    };
    let form_height = browser
        .eval("document.getElementById('filters').getBoundingClientRect().height")
        .as_f64()
        .unwrap();
    let summary_height = browser
        .eval("document.querySelector('#filters summary').getBoundingClientRect().height")
        .as_f64()
        .unwrap();
    assert!(
        form_height < summary_height * 2.5,
        "the closed filters are {form_height} px high, their summary {summary_height} px"
    );
    let first_card = top(&mut browser, "li.offer");
    assert!(
        first_card < 800.0,
        "the first offer is {first_card} px down"
    );
    // Wide, the cards of a stage stand side by side, in reading order: the second to the
    // right of the first, on the same row; on a phone, under it.
    let second_beside = "(() => { const [a, b] = document.querySelectorAll('li.offer'); \
         const [p, q] = [a.getBoundingClientRect(), b.getBoundingClientRect()]; \
         return p.top === q.top && q.left > p.right; })()";
    assert_eq!(
        browser.eval(second_beside),
        true,
        "the offers are in one column at 1280 px"
    );
    screen(&mut browser, 390, 800);
    assert_eq!(
        browser.eval(second_beside),
        false,
        "a phone gets one column"
    );
    screen(&mut browser, 1280, 800);

    // What the summary says is in use: nothing yet, then the ticked boxes and the search.
    let active = |browser: &mut Browser| -> String {
        let js = "(e => e.getClientRects().length ? e.textContent : '')\
                  (document.getElementById('filters-active'))";
        browser.eval(js).as_str().unwrap().to_string()
    };
    assert_eq!(active(&mut browser), "");
    let in_use = |n: usize| {
        format!(
            "({})",
            labels
                .get(Label::FiltersActive)
                .replace("{n}", &n.to_string())
        )
    };
    // The controls are in the disclosure: opened by its summary.
    browser.click("#filters summary");
    assert_eq!(
        browser.eval("document.querySelector('#filters details').open"),
        true
    );

    // "Free" by its label, then "Online" by its box: both groups must match.
    browser.click("label[for=filter-free]");
    expect(&mut browser, &titles(&|o| free(o)), "#free", "free");
    browser.click("#filter-online");
    let free_online = titles(&|o| free(o) && tagged(o, "online"));
    assert!(!free_online.is_empty() && free_online.len() < titles(&|o| free(o)).len());
    expect(
        &mut browser,
        &free_online,
        "#free+online",
        "free and online",
    );
    assert_eq!(active(&mut browser), in_use(2), "the summary's count");
    // Within a group, any: online or in person.
    browser.click("#filter-in-person");
    let either = titles(&|o| free(o) && (tagged(o, "online") || tagged(o, "in-person")));
    expect(
        &mut browser,
        &either,
        "#free+online+in-person",
        "free, online or in person",
    );
    browser.click("#filter-in-person");
    expect(
        &mut browser,
        &free_online,
        "#free+online",
        "in person unticked",
    );

    // Printed, the page holds what is shown and says how much of it: the count, and no
    // controls.
    browser.command(
        "Emulation.setEmulatedMedia",
        serde_json::json!({ "media": "print" }),
    );
    assert_eq!(shown(&mut browser), free_online, "printed");
    let printed = browser.eval(
        "[...document.querySelectorAll('#filters *')].filter(e => e.getClientRects().length).map(e => e.id || e.tagName)",
    );
    assert_eq!(
        printed,
        serde_json::json!(["filters-status"]),
        "printed filters"
    );
    browser.command(
        "Emulation.setEmulatedMedia",
        serde_json::json!({ "media": "" }),
    );

    // The address changed by hand (or by a link on the page) changes the view.
    browser.eval("location.hash = 'level-3'");
    let level_3 = titles(&|o| o.level.is_some_and(|l| l.get() == 3));
    expect(&mut browser, &level_3, "#level-3", "the address changed");
    assert_eq!(ticked(&mut browser), ["filter-level-3"]);

    // The address in any case: its keys are read as the same keys. A word that names no
    // filter is said near the filters, and gone once the view is changed on the page.
    let strays = "document.getElementById('filters-unknown')";
    assert_eq!(browser.eval(&format!("{strays}.textContent")), "");
    browser.eval("location.hash = 'Free+ONLINE+Nothing-Like-This'");
    expect(
        &mut browser,
        &free_online,
        "#Free+ONLINE+Nothing-Like-This",
        "an address in capitals",
    );
    assert_eq!(ticked(&mut browser), ["filter-free", "filter-online"]);
    assert_eq!(
        browser.eval(&format!("{strays}.textContent")),
        labels.get(Label::FiltersUnknown).replace("{n}", "1"),
        "the unknown word in the address"
    );
    assert_eq!(
        browser.eval(&format!("{strays}.getBoundingClientRect().height > 0")),
        true
    );
    browser.eval("location.hash = 'LEVEL-3+Q=Care'");
    let level_3_care = titles(&|o| {
        o.level.is_some_and(|l| l.get() == 3)
            && format!(
                "{} {} {}",
                o.title,
                o.provider,
                o.description.as_deref().unwrap_or("")
            )
            .to_lowercase()
            .contains("care")
    });
    expect(
        &mut browser,
        &level_3_care,
        "#LEVEL-3+Q=Care",
        "LEVEL-3+Q=Care",
    );
    assert_eq!(
        browser.eval("document.getElementById('filters-q').value"),
        "Care"
    );
    assert_eq!(browser.eval(&format!("{strays}.textContent")), "");
    assert_eq!(active(&mut browser), in_use(2), "a box and the search");
    browser.eval("location.hash = 'free+nothing+nor-this'");
    expect(
        &mut browser,
        &titles(&|o| free(o)),
        "#free+nothing+nor-this",
        "two strays",
    );
    assert_eq!(
        browser.eval(&format!("{strays}.textContent")),
        labels.get(Label::FiltersUnknown).replace("{n}", "2")
    );
    browser.click("#filter-online");
    expect(
        &mut browser,
        &free_online,
        "#free+online",
        "changed on the page",
    );
    assert_eq!(browser.eval(&format!("{strays}.textContent")), "");
    drop(browser);

    // A shared address opens on its view.
    let mut browser = Browser::open(
        &chromium,
        &format!("{url}#free+online"),
        &dir.join("profile-shared"),
    );
    assert!(browser.wait_for(ready, wait).is_some());
    expect(
        &mut browser,
        &free_online,
        "#free+online",
        "opened at #free+online",
    );
    assert_eq!(ticked(&mut browser), ["filter-free", "filter-online"]);
    assert_eq!(active(&mut browser), in_use(2), "opened with two filters");
    assert_eq!(
        browser.eval("document.querySelector('#filters details').open"),
        false
    );

    // The skip link is the first Tab stop; it goes to the first stage shown, and leaves
    // the address, the view, as it was.
    browser.press("Tab");
    assert_eq!(browser.eval("document.activeElement.className"), "skip");
    browser.press("Enter");
    let first_shown = stages_of(&free_online)[0].clone();
    assert_eq!(
        browser.eval("document.activeElement.textContent"),
        first_shown.as_str()
    );
    assert_eq!(browser.eval("location.hash"), "#free+online");
    browser.click("#filters summary");

    // "Clear filters", then searches: in titles, providers and descriptions, every word
    // somewhere, whatever the case and accents.
    browser.click("#filters-clear");
    expect(&mut browser, &all, "", "cleared");
    assert!(ticked(&mut browser).is_empty());
    let found = |words: &[&str]| {
        titles(&|o| {
            let text = format!(
                "{} {} {}",
                o.title,
                o.provider,
                o.description.as_deref().unwrap_or("")
            );
            words.iter().all(|w| text.to_lowercase().contains(w))
        })
    };
    for (typed, words, hash) in [
        ("Care", &["care"][..], "#q=Care"),
        (
            "life  support",
            &["life", "support"],
            "#q=life%20%20support",
        ),
        ("SUPERVISIÓN", &["supervision"], "#q=SUPERVISI%C3%93N"),
    ] {
        browser.click("#filters-clear");
        browser.click("#filters-q");
        browser.type_text(typed);
        let want = found(words);
        assert!(!want.is_empty() && want.len() < total, "{typed}");
        expect(&mut browser, &want, hash, typed);
    }
    // Providers and descriptions are searched too, not titles alone.
    assert!(found(&["care"]).len() > titles(&|o| o.title.to_lowercase().contains("care")).len());
    assert_eq!(
        found(&["life", "support"]),
        ["Statutory and mandatory training"]
    );
    browser.type_text(" nothing like this");
    expect(
        &mut browser,
        &[],
        "#q=SUPERVISI%C3%93N%20nothing%20like%20this",
        "nothing found",
    );
    browser.click("#filters-clear");
    expect(&mut browser, &all, "", "cleared again");

    // The keyboard alone: from the search box, Tab reaches "Free" and Space ticks it; Tab
    // again reaches "Chargeable", and with both ticked every offer is shown.
    browser.click("#filters-q");
    browser.press("Tab");
    assert_eq!(browser.eval("document.activeElement.id"), "filter-free");
    browser.press(" ");
    expect(
        &mut browser,
        &titles(&|o| free(o)),
        "#free",
        "Space on Free",
    );
    browser.press("Tab");
    assert_eq!(
        browser.eval("document.activeElement.id"),
        "filter-chargeable"
    );
    browser.press(" ");
    expect(
        &mut browser,
        &all,
        "#free+chargeable",
        "Space on Chargeable",
    );
    // Enter in the search box does not send the form anywhere: the script stops it (and
    // the page's policy, form-action 'none', would too).
    browser.eval(
        "window.marker = 'same page'; document.getElementById('filters')\
         .addEventListener('submit', e => window.stopped = e.defaultPrevented)",
    );
    browser.click("#filters-q");
    browser.press("Enter");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(browser.eval("window.marker"), "same page");
    assert_eq!(browser.eval("window.stopped"), true, "the form was sent");
}

/// The style element's text and the page's Content-Security-Policy.
fn style_and_policy(page: &str) -> (&str, &str) {
    let style = page
        .split("<style>")
        .nth(1)
        .unwrap()
        .split("</style>")
        .next()
        .unwrap();
    let policy = page
        .split("Content-Security-Policy\" content=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    (style, policy)
}

/// The HTML version in the roadmap's brand: its stage and link colours, each readable, and
/// its faces embedded as subsets that the page's policy lets in, Noto Sans after them; a
/// roadmap without `[fonts]` embeds no font and lets none in.
#[test]
fn the_brand_is_on_the_web_page() {
    use waypost::scene::Color;
    let options = RenderOptions {
        formats: vec![Format::Html],
        ..Default::default()
    };
    let path = support::root().join("examples/branded/branded.toml");
    let roadmap = support::parse_file(&path);
    let page = waypost::render(&roadmap, &options).unwrap().html.unwrap();
    let (style, policy) = style_and_policy(&page);
    for (i, colour) in ["#003d73", "#00746b", "#7a1f5c", "#a6461e"]
        .iter()
        .enumerate()
    {
        let rule = format!(
            "section[aria-labelledby=\"stage-{}\"] {{ --stage: {colour}; }}",
            i + 1
        );
        assert!(style.contains(&rule), "no {rule}");
    }
    assert!(style.contains("--link: #0a5a9c;"));
    let faces: Vec<&str> = style.split("@font-face{").skip(1).collect();
    assert_eq!(faces.len(), 2, "Lato's two faces");
    let lato = std::fs::read(path.with_file_name("fonts/Lato-Regular.ttf")).unwrap();
    for face in &faces {
        assert!(face.starts_with("font-family:\"Lato\""), "{}", &face[..40]);
        let data = face
            .split("src:url(data:font/ttf;base64,")
            .nth(1)
            .and_then(|d| d.split(')').next())
            .and_then(base64_decode)
            .expect("a font in a data: URL");
        assert!(
            data.len() * 4 < lato.len(),
            "not a subset: {} bytes",
            data.len()
        );
    }
    assert!(style.contains("body { font-family: \"Lato\", \"Noto Sans\", system-ui, sans-serif; }"));
    assert!(policy.contains(" font-src data:;"), "{policy}");
    assert_eq!(policy.matches("font-src").count(), 1);

    // A colour under 4.5:1 against its stage number's white is darkened until it is not.
    let yellow = "title = \"T\"\n[colours]\nstages = [\"#ffb81c\", \"#005eb8\"]\n\
                  [[stage]]\ntitle = \"A\"\n[[stage]]\ntitle = \"B\"\n";
    let page = render_str("yellow.toml", yellow, &options)
        .unwrap()
        .html
        .unwrap();
    let (style, policy) = style_and_policy(&page);
    let first = style
        .split("section[aria-labelledby=\"stage-1\"] { --stage: ")
        .nth(1)
        .map(|rest| &rest[..7])
        .and_then(Color::from_hex)
        .expect("the first stage's colour");
    let white = Color::rgb(0xff, 0xff, 0xff);
    assert_ne!(first.to_hex(), "#ffb81c");
    assert!(first.contrast(white) >= 4.5, "{}", first.to_hex());
    assert!(
        first.contrast(white) < 5.5,
        "darkened more than needed: {}",
        first.to_hex()
    );
    assert!(style.contains("section[aria-labelledby=\"stage-2\"] { --stage: #005eb8; }"));
    // No fonts of its own: none embedded, none let in, the system's as before.
    assert!(!style.contains("@font-face") && !policy.contains("font-src"));
    assert!(!style.contains("body { font-family"));
}
