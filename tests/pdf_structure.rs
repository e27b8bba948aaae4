//! The tagged PDF read back with lopdf: for every example with every preset, the structure
//! tree must hold the roadmap in reading order — title, subtitle, legend, then each stage
//! (its number and title as a heading, its summary, its offers as a list, each offer's
//! texts and a link tied to its annotation), then the footer — whatever order the page is
//! drawn in. Every line of text must be tagged once, every shape an artifact, and the
//! catalog must say what PDF/UA asks for.
#![cfg(feature = "pdf")]

mod support;

use support::tagged::{self, Element, Tagged};
use waypost::model::{Logo, Place, Roadmap, Stage};
use waypost::scene::Scene;
use waypost::write::pdf;

/// An element with its children, rebuilt from the reading-order list.
#[derive(Debug)]
struct Node<'a> {
    element: &'a Element,
    kids: Vec<Node<'a>>,
}

fn nest(elements: &[Element]) -> Vec<Node<'_>> {
    fn take<'a>(elements: &'a [Element], at: &mut usize, depth: usize) -> Vec<Node<'a>> {
        let mut out = Vec::new();
        while let Some(element) = elements.get(*at).filter(|e| e.depth == depth) {
            *at += 1;
            let kids = take(elements, at, depth + 1);
            out.push(Node { element, kids });
        }
        out
    }
    take(elements, &mut 0, 0)
}

/// Whitespace collapsed, so a line break and a space read alike.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What is wrong with one node: its kind and text against the expected ones.
fn expect(node: Option<&Node>, kind: &str, text: &str, problems: &mut Vec<String>) {
    match node {
        Some(n) if n.element.kind == kind && words(&n.element.text) == words(text) => {}
        Some(n) => problems.push(format!(
            "expected {kind} {text:?}, found {} {:?}",
            n.element.kind, n.element.text
        )),
        None => problems.push(format!("expected {kind} {text:?}, found nothing")),
    }
}

fn check_stage(number: usize, stage: &Stage, roadmap: &Roadmap, sect: &Node) -> Vec<String> {
    let mut problems = Vec::new();
    if sect.element.kind != "Sect" {
        problems.push(format!(
            "stage {number} is a {}, not a Sect",
            sect.element.kind
        ));
    }
    let mut kids = sect.kids.iter();
    expect(
        kids.next(),
        "H2",
        &format!("{number} {}", stage.title),
        &mut problems,
    );
    if let Some(summary) = &stage.summary {
        expect(kids.next(), "P", summary, &mut problems);
    }
    let list = kids.next();
    if stage.offers.is_empty() {
        if let Some(extra) = list {
            problems.push(format!("an empty stage holds a {}", extra.element.kind));
        }
        return problems;
    }
    let Some(list) = list.filter(|l| l.element.kind == "L") else {
        problems.push(format!("stage {number} has no list of offers"));
        return problems;
    };
    if list.kids.len() != stage.offers.len() {
        problems.push(format!(
            "stage {number} lists {} offers, not {}",
            list.kids.len(),
            stage.offers.len()
        ));
    }
    for (offer, item) in stage.offers.iter().zip(&list.kids) {
        let body = item.kids.first().filter(|_| item.element.kind == "LI");
        let Some(body) = body.filter(|b| b.element.kind == "LBody") else {
            problems.push(format!("{:?} is not an LI with an LBody", offer.title));
            continue;
        };
        let mut parts = body.kids.iter();
        expect(parts.next(), "P", &offer.title, &mut problems);
        expect(parts.next(), "P", &offer.provider, &mut problems);
        if let Some(description) = &offer.description {
            expect(parts.next(), "P", description, &mut problems);
        }
        // Its facts, a paragraph each: how long (in its own words), whom for, when, whom
        // to ask.
        let when = offer.starts.is_some() || offer.until.is_some();
        let others = [offer.audience.is_some(), when, offer.contact.is_some()];
        if let Some(duration) = &offer.duration {
            expect(parts.next(), "P", duration, &mut problems);
        }
        for _ in others.into_iter().filter(|&has| has) {
            let fact = parts.next();
            if fact.is_none_or(|f| f.element.kind != "P") {
                problems.push(format!(
                    "{:?} lacks a fact: {:?}",
                    offer.title,
                    fact.map(|f| f.element)
                ));
            }
        }
        let labels = &roadmap.labels;
        let mut badges = vec![offer.cost.label(labels)];
        badges.extend(offer.level.map(|l| labels.level(&l.get().to_string())));
        badges.extend(offer.tags.iter().map(|&t| roadmap.tags[t].label.clone()));
        for badge in badges {
            expect(parts.next(), "P", &badge, &mut problems);
        }
        let link = parts.next();
        expect(link, "Link", offer.url.display(), &mut problems);
        if let Some(extra) = parts.next() {
            problems.push(format!("{:?} has more: {:?}", offer.title, extra.element));
        }
        let annotations = link
            .map(|l| l.element.annotations.clone())
            .unwrap_or_default();
        if annotations.len() != 1 {
            problems.push(format!(
                "the link of {:?} holds {} annotations",
                offer.title,
                annotations.len()
            ));
        }
    }
    problems
}

/// A logo's figure, with its alt text as `/Alt`, inside a link when the logo is one.
fn expect_figure(node: Option<&Node>, logo: &Logo, problems: &mut Vec<String>) {
    let figure = match (node, &logo.link) {
        (Some(link), Some(_)) if link.element.kind == "Link" => {
            if link.element.annotations.len() != 1 {
                problems.push(format!("the link of logo {} has no annotation", logo.file));
            }
            link.kids.first()
        }
        (node, _) => node,
    };
    match figure {
        Some(f) if f.element.kind == "Figure" && f.element.alt == logo.alt => {}
        other => problems.push(format!(
            "expected the figure of {} with /Alt {:?}, found {:?}",
            logo.file,
            logo.alt,
            other.map(|n| n.element)
        )),
    }
}

/// Everything wrong with the tagging of one case.
fn check(roadmap: &Roadmap, scene: &Scene, bytes: &[u8]) -> Vec<String> {
    let tagged = match tagged::read(bytes) {
        Ok(tagged) => tagged,
        Err(e) => return vec![format!("the structure does not read back: {e}")],
    };
    let mut problems = tagged.marking.clone();
    let roots = nest(&tagged.elements);
    let Some(document) = roots
        .first()
        .filter(|r| roots.len() == 1 && r.element.kind == "Document")
    else {
        return vec![format!("the tree's root is not one Document: {roots:?}")];
    };
    let mut kids = document.kids.iter().peekable();
    // The header's logos come first, each a figure named by its alt text (inside its link
    // when it has one); decorative ones are not in the tree.
    let logos =
        |place: Place| (roadmap.logos.iter()).filter(move |l| l.place == place && l.alt.is_some());
    for logo in logos(Place::Header) {
        expect_figure(kids.next(), logo, &mut problems);
    }
    expect(kids.next(), "H1", &roadmap.title, &mut problems);
    if let Some(subtitle) = &roadmap.subtitle {
        expect(kids.next(), "P", subtitle, &mut problems);
    }
    match kids.next() {
        Some(legend) if legend.element.kind == "L" && !legend.kids.is_empty() => {}
        other => problems.push(format!(
            "expected the legend, found {:?}",
            other.map(|n| n.element)
        )),
    }
    for (i, stage) in roadmap.stages.iter().enumerate() {
        match kids.next() {
            Some(sect) => problems.extend(check_stage(i + 1, stage, roadmap, sect)),
            None => problems.push(format!("stage {} is missing", i + 1)),
        }
    }
    if roadmap.updated.is_some() || roadmap.footer.is_some() {
        let footer = kids.next();
        let text = footer.map(|f| words(&f.element.text)).unwrap_or_default();
        let says = roadmap
            .footer
            .as_deref()
            .is_none_or(|f| text.contains(&words(f)));
        if footer.is_none_or(|f| f.element.kind != "P") || !says {
            problems.push(format!(
                "expected the footer, found {:?}",
                footer.map(|n| n.element)
            ));
        }
    }
    for logo in logos(Place::Footer) {
        expect_figure(kids.next(), logo, &mut problems);
    }
    if let Some(extra) = kids.next() {
        problems.push(format!("more after the footer: {:?}", extra.element));
    }
    // Every line tagged once, and the parent tree agrees with the tree.
    for mcid in tagged.texts.keys() {
        let parents = tagged.mcid_parents.get(mcid).cloned().unwrap_or_default();
        if parents.len() != 1 {
            problems.push(format!("MCID {mcid} is in {} elements", parents.len()));
        } else if tagged.parent_tree.get(mcid) != parents.first() {
            problems.push(format!("the parent tree puts MCID {mcid} elsewhere"));
        }
    }
    if tagged.annotations.len() != scene.links().len() {
        problems.push("not every link is an annotation object".to_string());
    }
    for (annotation, parent) in &tagged.annotations {
        let holders = tagged
            .annotation_parents
            .get(annotation)
            .cloned()
            .unwrap_or_default();
        if holders.len() != 1 || parent.as_ref() != holders.first() {
            problems.push(format!(
                "annotation {annotation:?} is held by {holders:?}, the parent tree says {parent:?}"
            ));
        }
    }
    problems.extend(check_catalog(roadmap, &tagged));
    problems
}

fn check_catalog(roadmap: &Roadmap, tagged: &Tagged) -> Vec<String> {
    let mut problems = Vec::new();
    let catalog = &tagged.catalog;
    let flag = |dict: &str, key: &str| {
        catalog
            .get(dict.as_bytes())
            .and_then(|d| d.as_dict())
            .and_then(|d| d.get(key.as_bytes()))
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
    };
    if !flag("MarkInfo", "Marked") {
        problems.push("/MarkInfo /Marked is not true".to_string());
    }
    if !flag("ViewerPreferences", "DisplayDocTitle") {
        problems.push("/DisplayDocTitle is not true".to_string());
    }
    let lang = catalog
        .get(b"Lang")
        .and_then(|l| l.as_str())
        .unwrap_or_default();
    if lang != roadmap.language.as_bytes() {
        problems.push(format!("/Lang is {:?}", String::from_utf8_lossy(lang)));
    }
    let tabs = tagged
        .page
        .get(b"Tabs")
        .and_then(|t| t.as_name())
        .unwrap_or_default();
    if tabs != b"S" {
        problems.push("the page's tab order does not follow the structure".to_string());
    }
    let Some(xmp) = &tagged.xmp else {
        problems.push("no XMP metadata".to_string());
        return problems;
    };
    match roxmltree::Document::parse(xmp) {
        Ok(doc) => {
            let text = |name: &str| {
                (doc.descendants().find(|n| n.tag_name().name() == name)).map(|n| {
                    n.descendants()
                        .filter(|d| d.is_text())
                        .filter_map(|d| d.text())
                        .collect::<String>()
                })
            };
            if text("part").as_deref() != Some("1") {
                problems.push("the XMP does not claim pdfuaid:part 1".to_string());
            }
            if text("title").as_deref() != Some(roadmap.title.as_str()) {
                problems.push(format!("the XMP title is {:?}", text("title")));
            }
        }
        Err(e) => problems.push(format!("the XMP is not XML: {e}")),
    }
    problems
}

#[test]
fn every_case_is_tagged_in_the_roadmaps_order() {
    let cases = support::cases();
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in &cases {
        let Ok(scene) = &case.scene else { continue };
        // A page of several is tagged as part of its document: tests/pdf_pages.rs reads
        // the documents of several pages, and CI runs the PDF/UA checker on them.
        if case.page.is_some() {
            continue;
        }
        let bytes = pdf::write(scene).unwrap();
        checked += 1;
        for problem in check(&case.roadmap, scene, &bytes) {
            failures.push(format!("{}: {problem}", case.name));
        }
    }
    assert!(checked >= 4, "only {checked} cases laid out");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
