//! Pre-flight checks on a laid-out page: what a careful designer would look for before
//! printing, measured on the scene itself so every writer's output shares the verdict.

use crate::error::short;
use crate::model::{Labels, Offer, Roadmap, Stage};
use crate::scene::{Color, ImageFormat, Item, Link, Rect, Scene, Text};
use crate::units::mm_from_pt;
use std::fmt;

pub use crate::layout::MIN_TEXT_PT;
/// The contrast ratio body text needs against its background (WCAG 2.2 AA).
pub const MIN_CONTRAST: f64 = 4.5;
/// Rounding allowance, in pt, when comparing positions.
const SLACK: f32 = 0.05;

/// One problem found on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The text concerned, or the link label of the card concerned.
    pub subject: String,
    /// The title of the stage whose offer's card it lies in, if any. Only [`inspect`],
    /// which knows the roadmap, can name it; [`inspect_scene`] leaves it `None`.
    pub stage: Option<String>,
    /// The label of the card (link) it lies in, if any: the offer's title.
    pub card: Option<String>,
    /// Where it is, in pt, on its page.
    pub rect: Rect,
    /// The page it is on, from 1: always 1 for a roadmap on one page.
    pub page: usize,
    /// What is wrong.
    pub message: String,
}

/// Everything the pre-flight checks measured.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// The smallest text size on the page, in pt.
    pub min_text_pt: f32,
    /// Text lines that leave the card they belong to.
    pub overflows: Vec<Finding>,
    /// Cards overlapping cards, or text lines overlapping text lines.
    pub overlaps: Vec<Finding>,
    /// Anything drawn outside the page's margins.
    pub outside_margins: Vec<Finding>,
    /// Text whose contrast with what lies under it is below 4.5:1.
    pub low_contrast: Vec<Finding>,
    /// Text smaller than 7 pt.
    pub too_small: Vec<Finding>,
    /// Offers whose cost is shown by colour alone (their card lacks the cost's words).
    pub colour_only: Vec<Finding>,
    /// Logos drawn smaller than the layout's smallest logo height.
    pub small_images: Vec<Finding>,
    /// What is worth knowing but is not a fault, such as a JPEG logo's own background
    /// showing as a box on a page that is not white: never makes the report unclean.
    pub notes: Vec<Finding>,
}

impl Report {
    /// Every finding, to set what they share.
    fn findings_mut(&mut self) -> impl Iterator<Item = &mut Finding> {
        (self.overflows.iter_mut())
            .chain(&mut self.overlaps)
            .chain(&mut self.outside_margins)
            .chain(&mut self.low_contrast)
            .chain(&mut self.too_small)
            .chain(&mut self.colour_only)
            .chain(&mut self.small_images)
            .chain(&mut self.notes)
    }

    /// Whether nothing was found.
    pub fn is_clean(&self) -> bool {
        self.overflows.is_empty()
            && self.overlaps.is_empty()
            && self.outside_margins.is_empty()
            && self.low_contrast.is_empty()
            && self.too_small.is_empty()
            && self.colour_only.is_empty()
            && self.small_images.is_empty()
    }

    /// Every finding with the words that name its kind, in the order they are printed.
    fn groups(&self) -> [(&'static str, &[Finding]); 7] {
        [
            ("text leaves its card", &self.overflows),
            ("overlap", &self.overlaps),
            ("outside the margins", &self.outside_margins),
            ("low contrast", &self.low_contrast),
            ("cost shown by colour alone", &self.colour_only),
            ("text too small", &self.too_small),
            ("logo too small", &self.small_images),
        ]
    }
}

impl Report {
    /// The notes, one a line, as the command line prints them: `note: "University": …`.
    pub fn notes(&self) -> Vec<String> {
        (self.notes.iter())
            .map(|found| format!("note: \"{}\": {}", short(&found.subject), found.message))
            .collect()
    }
}

impl fmt::Display for Report {
    /// One line a finding, as the command line prints them:
    /// `low contrast: "NHS Futures" (card "Community of practice"): …`. A clean report
    /// says that the checks pass.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_clean() {
            return f.write_str("the pre-flight checks pass");
        }
        let findings = (self.groups().into_iter())
            .flat_map(|(what, findings)| findings.iter().map(move |found| (what, found)));
        for (i, (what, found)) in findings.enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{what}: \"{}\"", short(&found.subject))?;
            if found.page > 1 {
                write!(f, " (page {})", found.page)?;
            }
            if let Some(card) = &found.card {
                write!(f, " (card \"{}\")", short(card))?;
            }
            write!(f, ": {}", found.message)?;
        }
        Ok(())
    }
}

/// Checks a laid-out scene of a roadmap.
///
/// # Example
///
/// ```
/// use waypost::layout::{layout, LayoutOptions, Preset};
///
/// let source = std::fs::read_to_string("examples/dense.toml")?;
/// let roadmap = waypost::model::parse("dense.toml", &source)?;
/// let preset = Preset::builtin("road").expect("built in");
/// let scene = layout(&roadmap, &preset, &LayoutOptions::default())?;
/// let report = waypost::preflight::inspect(&roadmap, &scene);
/// assert!(report.is_clean(), "{report:#?}");
/// assert!(report.min_text_pt >= waypost::preflight::MIN_TEXT_PT);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn inspect(roadmap: &Roadmap, scene: &Scene) -> Report {
    inspect_pages(roadmap, std::slice::from_ref(scene))
}

/// Checks every page of a roadmap laid over several pages ([`inspect`] for one): each
/// page on its own, and every offer's card, on whichever page it stands, for its cost in
/// words. A finding says its page ([`Finding::page`]); the smallest text is the smallest
/// on any page.
pub fn inspect_pages(roadmap: &Roadmap, pages: &[Scene]) -> Report {
    let per_page: Vec<Vec<&Link>> = pages.iter().map(Scene::links).collect();
    let links: Vec<&Link> = per_page.iter().flatten().copied().collect();
    let cards = match_cards(roadmap, &links);
    let mut stages = vec![None; links.len()];
    for card in &cards {
        if let Some(i) = card.link {
            stages[i] = Some(card.stage.title.as_str());
        }
    }
    let mut report: Option<Report> = None;
    let mut first_link = 0;
    for (number, (scene, links)) in pages.iter().zip(&per_page).enumerate() {
        let mut page = check(scene, &stages[first_link..first_link + links.len()]);
        first_link += links.len();
        for finding in page.findings_mut() {
            finding.page = number + 1;
        }
        report = Some(match report {
            None => page,
            Some(mut all) => {
                all.min_text_pt = all.min_text_pt.min(page.min_text_pt);
                all.overflows.append(&mut page.overflows);
                all.overlaps.append(&mut page.overlaps);
                all.outside_margins.append(&mut page.outside_margins);
                all.low_contrast.append(&mut page.low_contrast);
                all.too_small.append(&mut page.too_small);
                all.small_images.append(&mut page.small_images);
                all.notes.append(&mut page.notes);
                all
            }
        });
    }
    let mut report = report.unwrap_or_default();
    // The page of each link, in the order of `links`.
    let page_of: Vec<usize> = (per_page.iter().enumerate())
        .flat_map(|(number, links)| std::iter::repeat_n(number + 1, links.len()))
        .collect();
    report.colour_only = colour_only(&cards, &links, &page_of, &roadmap.labels);
    report
}

/// An offer of the roadmap, its stage, and the index of its card among the page's links
/// (in painting order), if it has one.
struct Placed<'a> {
    stage: &'a Stage,
    offer: &'a Offer,
    link: Option<usize>,
}

/// Finds each offer's card: the first link not yet taken with the offer's title and URL.
/// Taking each link once keeps two offers of the same title (in two stages, say) apart,
/// so a finding names the stage its card was drawn for.
fn match_cards<'a>(roadmap: &'a Roadmap, links: &[&Link]) -> Vec<Placed<'a>> {
    let mut taken = vec![false; links.len()];
    let mut placed = Vec::new();
    for stage in &roadmap.stages {
        // An offer left to the web version has no card on paper.
        for offer in stage.offers.iter().filter(|offer| offer.print) {
            let link = (0..links.len()).find(|&i| {
                !taken[i] && links[i].label == offer.title && links[i].url == offer.url.as_str()
            });
            if let Some(i) = link {
                taken[i] = true;
            }
            placed.push(Placed { stage, offer, link });
        }
    }
    placed
}

/// Every offer's card must carry the words of its cost ("Free", "Chargeable"), so that
/// the cost survives greyscale printing and colour-blind readers.
/// `page_of[i]` is the page of `links[i]`.
fn colour_only(
    cards: &[Placed],
    links: &[&Link],
    page_of: &[usize],
    labels: &Labels,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for placed in cards {
        let card = placed.link.map(|i| links[i]);
        let words = placed.offer.cost.label(labels);
        let said = card.is_some_and(|link| {
            link.children
                .iter()
                .any(|item| matches!(item, Item::Text(t) if t.text == words))
        });
        if !said {
            let title = &placed.offer.title;
            findings.push(Finding {
                subject: title.clone(),
                stage: Some(placed.stage.title.clone()),
                card: Some(title.clone()),
                rect: card.map_or(Rect::default(), |l| l.rect),
                page: placed.link.map_or(1, |i| page_of[i]),
                message: format!("the card does not say \"{}\" in words", short(&words)),
            });
        }
    }
    findings
}

/// Checks a laid-out scene on its own: sizes, overflows, overlaps, margins and contrast.
/// Without the roadmap the findings cannot name stages; [`inspect`] does.
pub fn inspect_scene(scene: &Scene) -> Report {
    check(scene, &[])
}

/// The card an item lies in: the link's label and area, and the stage of its offer when
/// known.
#[derive(Clone, Copy)]
struct Owner<'a> {
    label: &'a str,
    rect: Rect,
    stage: Option<&'a str>,
}

/// The scene checks, with `stages[i]` the stage title of the i-th link in painting order.
fn check(scene: &Scene, stages: &[Option<&str>]) -> Report {
    let margins = scene.frame;
    let mut report = Report {
        min_text_pt: f32::INFINITY,
        ..Report::default()
    };
    let mut texts: Vec<(&Text, Option<Owner>)> = Vec::new();
    let mut cards: Vec<Owner> = Vec::new();
    let mut fills: Vec<(Rect, Color)> = Vec::new();
    let mut codes: Vec<(Rect, Option<Owner>)> = Vec::new();
    let mut pictures: Vec<(Rect, &str, Option<Owner>)> = Vec::new();
    let mut links = 0;
    walk(
        &scene.items,
        None,
        stages,
        &mut links,
        &mut |item, owner| match item {
            Item::Shape(shape) => {
                let bounds = shape.path.bounds();
                let stroke = shape.stroke.map_or(0.0, |s| s.width / 2.0);
                let inked = Rect::new(
                    bounds.x - stroke,
                    bounds.y - stroke,
                    bounds.width + 2.0 * stroke,
                    bounds.height + 2.0 * stroke,
                );
                if !margins.contains(&inked, 0.5) {
                    report.outside_margins.push(finding(
                        "shape",
                        owner,
                        inked,
                        "a shape is outside the margins",
                    ));
                }
                if let Some(fill) = shape.fill {
                    fills.push((bounds, fill));
                }
            }
            Item::Qr(qr) => {
                let bounds = qr.bounds();
                if !margins.contains(&bounds, 0.5) {
                    report.outside_margins.push(finding(
                        "QR code",
                        owner,
                        bounds,
                        "a QR code is outside the margins",
                    ));
                }
                fills.push((bounds, qr.background));
                codes.push((bounds, owner));
            }
            Item::Text(text) => {
                let bounds = text.bounds();
                report.min_text_pt = report.min_text_pt.min(text.size);
                if text.size < MIN_TEXT_PT - 0.001 {
                    report.too_small.push(finding(
                        &text.text,
                        owner,
                        bounds,
                        &format!("text is {:.1} pt, under the 7 pt minimum", text.size),
                    ));
                }
                if !margins.contains(&bounds, SLACK) {
                    report.outside_margins.push(finding(
                        &text.text,
                        owner,
                        bounds,
                        "text is outside the margins",
                    ));
                }
                if let Some(card) = owner {
                    if !card.rect.contains(&bounds, SLACK) {
                        report.overflows.push(finding(
                            &text.text,
                            owner,
                            bounds,
                            &format!("text leaves its card \"{}\"", short(card.label)),
                        ));
                    }
                }
                let background = background_of(&bounds, &fills, scene.background);
                let ratio = text.color.contrast(background);
                if ratio < MIN_CONTRAST {
                    report.low_contrast.push(finding(
                        &text.text,
                        owner,
                        bounds,
                        &format!(
                            "contrast {ratio:.2}:1 between {} and {} is under 4.5:1",
                            text.color.to_hex(),
                            background.to_hex()
                        ),
                    ));
                }
                texts.push((text, owner));
            }
            Item::Image(picture) => {
                let bounds = picture.rect;
                let name = picture.alt.as_deref().unwrap_or("logo");
                if !margins.contains(&bounds, SLACK) {
                    report.outside_margins.push(finding(
                        name,
                        None,
                        bounds,
                        "a logo is outside the margins",
                    ));
                }
                if bounds.height < picture.min_height - SLACK {
                    report.small_images.push(finding(
                        name,
                        None,
                        bounds,
                        &format!(
                            "the logo is {:.1} mm high, under the {:.1} mm its layout allows",
                            mm_from_pt(bounds.height),
                            mm_from_pt(picture.min_height)
                        ),
                    ));
                }
                let under = background_of(&bounds, &fills, scene.background);
                if picture.image.format == ImageFormat::Jpeg && under.to_hex() != "#ffffff" {
                    report.notes.push(finding(
                        name,
                        None,
                        bounds,
                        &format!(
                            "a JPEG has no transparency: its own background shows as a box on \
                             the colour under it, {}; use a PNG with transparency or an SVG, or \
                             a white page ([colours] page = \"#ffffff\")",
                            under.to_hex()
                        ),
                    ));
                }
                pictures.push((bounds, name, owner));
            }
            Item::Link(_) => cards.extend(owner),
        },
    );
    uncovered_pictures(&pictures, &texts, &codes, &cards, &mut report.overlaps);
    if texts.is_empty() {
        report.min_text_pt = 0.0;
    }
    for (i, a) in cards.iter().enumerate() {
        for b in &cards[i + 1..] {
            if a.rect.overlaps(&b.rect, SLACK) {
                report.overlaps.push(finding(
                    a.label,
                    Some(*a),
                    a.rect,
                    &format!("card overlaps card \"{}\"", short(b.label)),
                ));
            }
        }
    }
    overlapping_text(&texts, &mut report.overlaps);
    quiet_zones(&codes, &texts, &mut report.overlaps);
    report
}

/// A logo stands clear of everything else: no text, card, QR code or other logo on it.
fn uncovered_pictures(
    pictures: &[(Rect, &str, Option<Owner>)],
    texts: &[(&Text, Option<Owner>)],
    codes: &[(Rect, Option<Owner>)],
    cards: &[Owner],
    out: &mut Vec<Finding>,
) {
    for (i, &(rect, name, owner)) in pictures.iter().enumerate() {
        let mut covered = |what: String| {
            out.push(finding(
                name,
                None,
                rect,
                &format!("the logo overlaps {what}"),
            ));
        };
        for (text, _) in texts {
            if rect.overlaps(&text.bounds(), SLACK) {
                covered(format!("the text \"{}\"", short(&text.text)));
            }
        }
        for (code, _) in codes {
            if rect.overlaps(code, SLACK) {
                covered("a QR code".to_string());
            }
        }
        // A logo's own link is not in its way.
        for card in cards
            .iter()
            .filter(|c| owner.is_none_or(|o| o.rect != c.rect))
        {
            if rect.overlaps(&card.rect, SLACK) {
                covered(format!("the card \"{}\"", short(card.label)));
            }
        }
        for &(other, other_name, _) in &pictures[i + 1..] {
            if rect.overlaps(&other, SLACK) {
                covered(format!("the logo \"{}\"", short(other_name)));
            }
        }
    }
}

/// A QR code needs its quiet zone clear to be read: no text on it and no other code.
fn quiet_zones(
    codes: &[(Rect, Option<Owner>)],
    texts: &[(&Text, Option<Owner>)],
    out: &mut Vec<Finding>,
) {
    for (i, (code, owner)) in codes.iter().enumerate() {
        for (text, _) in texts {
            if code.overlaps(&text.bounds(), SLACK) {
                out.push(finding(
                    &text.text,
                    *owner,
                    text.bounds(),
                    "text lies on a QR code or its quiet zone",
                ));
            }
        }
        for (other, _) in &codes[i + 1..] {
            if code.overlaps(other, SLACK) {
                out.push(finding("QR code", *owner, *code, "two QR codes overlap"));
            }
        }
    }
}

/// Walks items in painting order, telling the visitor which card each lies in; a link is
/// visited as its own owner. `next` counts links, to find each one's stage in `stages`.
fn walk<'a>(
    items: &'a [Item],
    owner: Option<Owner<'a>>,
    stages: &[Option<&'a str>],
    next: &mut usize,
    visit: &mut dyn FnMut(&'a Item, Option<Owner<'a>>),
) {
    for item in items {
        if let Item::Link(link) = item {
            let card = Owner {
                label: &link.label,
                rect: link.rect,
                stage: stages.get(*next).copied().flatten(),
            };
            *next += 1;
            visit(item, Some(card));
            walk(&link.children, Some(card), stages, next, visit);
        } else {
            visit(item, owner);
        }
    }
}

/// The colour under a text: the last filled shape painted before it that holds it.
fn background_of(bounds: &Rect, fills: &[(Rect, Color)], page: Color) -> Color {
    fills
        .iter()
        .rev()
        .find(|(rect, _)| rect.contains(bounds, 0.5))
        .map_or(page, |(_, color)| *color)
}

/// Text lines whose ink boxes overlap, found by sweeping lines sorted by their top.
fn overlapping_text(texts: &[(&Text, Option<Owner>)], out: &mut Vec<Finding>) {
    // Line boxes include the font's full ascent and descent, so lines set at a tight
    // leading touch; only a real overlap of a quarter of the size counts.
    let boxes: Vec<(Rect, &str, f32, Option<Owner>)> = texts
        .iter()
        .map(|(t, owner)| (t.bounds(), t.text.as_str(), t.size * 0.25, *owner))
        .collect();
    let mut order: Vec<usize> = (0..boxes.len()).collect();
    order.sort_by(|&a, &b| boxes[a].0.y.total_cmp(&boxes[b].0.y));
    for (k, &i) in order.iter().enumerate() {
        let (a, text, slack, owner) = boxes[i];
        for &j in &order[k + 1..] {
            let (b, other, other_slack, _) = boxes[j];
            if b.y > a.bottom() {
                break;
            }
            if a.overlaps(&b, slack.max(other_slack)) {
                out.push(finding(
                    text,
                    owner,
                    a,
                    &format!("text overlaps \"{}\"", short(other)),
                ));
            }
        }
    }
}

fn finding(subject: &str, owner: Option<Owner>, rect: Rect, message: &str) -> Finding {
    Finding {
        subject: subject.to_string(),
        stage: owner.and_then(|o| o.stage).map(str::to_string),
        card: owner.map(|o| o.label.to_string()),
        rect,
        message: message.to_string(),
        page: 1,
    }
}
