//! Layout invariants on the real example and on pages that push the fitting.

use waypost::layout::{layout, LayoutOptions, Preset};
use waypost::model::{self, PageSize};
use waypost::preflight;
use waypost::scene::{Item, Scene};

const EXAMPLE: &str = include_str!("../examples/link-worker-training.toml");

fn road() -> Preset {
    Preset::builtin("road").expect("the road preset is built in")
}

fn example_scene() -> Scene {
    let roadmap = model::parse("example.toml", EXAMPLE).expect("the example is valid");
    layout(&roadmap, &road(), &LayoutOptions::default()).expect("the example fits A4")
}

fn assert_clean(roadmap: &model::Roadmap, scene: &Scene) {
    let report = preflight::inspect(roadmap, scene);
    assert!(report.is_clean(), "{report:#?}");
    assert!(report.min_text_pt >= 7.0, "{}", report.min_text_pt);
}

#[test]
fn the_example_fits_a4_cleanly() {
    let scene = example_scene();
    assert!((scene.width - 595.276).abs() < 0.01);
    assert!((scene.height - 841.89).abs() < 0.01);
    assert_clean(&model::parse("example.toml", EXAMPLE).unwrap(), &scene);
}

#[test]
fn every_offer_is_one_link_holding_its_title() {
    let roadmap = model::parse("example.toml", EXAMPLE).unwrap();
    let scene = example_scene();
    let links = scene.links();
    let offers: Vec<_> = roadmap.stages.iter().flat_map(|s| &s.offers).collect();
    assert_eq!(links.len(), offers.len());
    assert_eq!(offers.len(), 12);
    for (link, offer) in links.iter().zip(&offers) {
        assert_eq!(link.url, offer.url.as_str());
        let text: Vec<&str> = link
            .children
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) => Some(t.text.as_str()),
                _ => None,
            })
            .collect();
        let joined = text.join(" ");
        assert!(
            joined.contains(&offer.title),
            "{joined:?} lacks {:?}",
            offer.title
        );
    }
}

#[test]
fn the_page_is_used_not_left_empty() {
    let scene = example_scene();
    let bottom = scene
        .links()
        .iter()
        .map(|l| l.rect.bottom())
        .fold(0.0, f32::max);
    // The last card ends in the lower fifth of the page.
    assert!(
        bottom > scene.height * 0.8,
        "cards end at {bottom} of {}",
        scene.height
    );
}

#[test]
fn a_sparse_roadmap_gets_larger_type() {
    let sparse = r#"
        title = "Getting started"
        [[stage]]
        title = "Induction"
        [[stage.offer]]
        title = "Induction guide"
        provider = "NHS England"
        url = "https://www.england.nhs.uk/"
        cost = "free"
    "#;
    let roadmap = model::parse("sparse.toml", sparse).unwrap();
    let scene = layout(&roadmap, &road(), &LayoutOptions::default()).unwrap();
    assert_clean(&roadmap, &scene);
    let dense = example_scene();
    let biggest = |s: &Scene| {
        s.flatten()
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) => Some(t.size),
                _ => None,
            })
            .fold(0.0, f32::max)
    };
    assert!(
        biggest(&scene) > biggest(&dense),
        "{} vs {}",
        biggest(&scene),
        biggest(&dense)
    );
}

#[test]
fn too_much_content_fails_with_the_stage_and_the_overflow() {
    let mut text = String::from("title = \"Everything\"\n");
    for s in 0..6 {
        text.push_str(&format!("[[stage]]\ntitle = \"Stage {s}\"\n"));
        for o in 0..14 {
            text.push_str(&format!(
                "[[stage.offer]]\ntitle = \"Offer {o} with a long enough title to wrap twice over\"\n\
                 provider = \"Provider\"\nurl = \"https://example.org/{o}\"\ncost = \"free\"\n\
                 description = \"A description that takes two or three lines of a card at least.\"\n"
            ));
        }
    }
    let roadmap = model::parse("big.toml", &text).unwrap();
    let options = LayoutOptions {
        page: Some(PageSize::A5),
        ..LayoutOptions::default()
    };
    match layout(&roadmap, &road(), &options) {
        Err(waypost::Error::DoesNotFit(o)) => {
            assert!(o.excess_mm > 1.0, "{o:?}");
            assert!(o.stage.starts_with("Stage "), "{o:?}");
            assert_eq!(o.page, "A5 portrait");
            assert!(o.suggestion.contains("A4"), "{}", o.suggestion);
        }
        other => panic!(
            "expected DoesNotFit, got {:?}",
            other.map(|s| s.items.len())
        ),
    }
}

#[test]
fn landscape_and_other_sizes_stay_clean() {
    let roadmap = model::parse("example.toml", EXAMPLE).unwrap();
    for page in [PageSize::A3, PageSize::Letter, PageSize::Tabloid] {
        for orientation in [model::Orientation::Portrait, model::Orientation::Landscape] {
            let options = LayoutOptions {
                page: Some(page),
                orientation: Some(orientation),
                ..Default::default()
            };
            let scene = layout(&roadmap, &road(), &options).unwrap();
            assert_clean(&roadmap, &scene);
        }
    }
}

#[test]
fn a_card_without_its_cost_in_words_is_reported() {
    let roadmap = model::parse("example.toml", EXAMPLE).unwrap();
    let mut scene = example_scene();
    // Take the word "Free" off the first card, leaving only the badge's colour.
    let Item::Link(card) = scene
        .items
        .iter_mut()
        .find(|i| matches!(i, Item::Link(_)))
        .unwrap()
    else {
        unreachable!()
    };
    card.children
        .retain(|i| !matches!(i, Item::Text(t) if t.text == "Free"));
    let report = preflight::inspect(&roadmap, &scene);
    assert_eq!(report.colour_only.len(), 1, "{report:#?}");
    assert_eq!(report.colour_only[0].subject, "Link worker induction guide");
}

#[test]
fn eighty_offers_in_eight_stages_render_on_a3_or_say_precisely_why_not() {
    let mut text = String::from("title = \"Eighty offers\"\npage = \"A3\"\n");
    for s in 1..=8 {
        text.push_str(&format!(
            "[[stage]]\ntitle = \"Stage {s}\"\nsummary = \"What stage {s} is for.\"\n"
        ));
        for o in 1..=10 {
            text.push_str(&format!(
                "[[stage.offer]]\ntitle = \"Course {s}.{o} in practice\"\nprovider = \"Training hub {o}\"\n\
                 url = \"https://example.org/{s}/{o}\"\ncost = \"{}\"\ntags = [\"online\"]\n",
                if o % 3 == 0 { "chargeable" } else { "free" }
            ));
        }
    }
    let roadmap = model::parse("eighty.toml", &text).unwrap();
    for (name, _) in waypost::layout::preset::BUILTIN {
        let preset = Preset::builtin(name).unwrap();
        match layout(&roadmap, &preset, &LayoutOptions::default()) {
            Ok(scene) => {
                assert_eq!(scene.links().len(), 80, "{name}");
                assert_clean(&roadmap, &scene);
            }
            Err(waypost::Error::DoesNotFit(o)) => {
                let message = waypost::Error::DoesNotFit(o.clone()).to_string();
                assert!(o.stage.starts_with("Stage "), "{name}: {message}");
                assert!(o.excess_mm > 0.0, "{name}: {message}");
                assert!(message.contains("A3 "), "{name}: {message}");
                assert!(message.contains("A2"), "{name}: {message}");
            }
            Err(other) => panic!("{name}: {other}"),
        }
    }
}

#[test]
fn tags_without_icons_show_their_labels_on_cards_and_in_the_legend() {
    let source = r#"
        title = "Roadmap"
        [tags.peer]
        label = "Peer learning"
        [tags.mentor]
        label = "Mentoring"
        icon = "people"
        [[stage]]
        title = "Induction"
        [[stage.offer]]
        title = "Peer network"
        provider = "NHS England"
        url = "https://www.england.nhs.uk/"
        cost = "free"
        tags = ["peer", "online", "mentor"]
        [[stage.offer]]
        title = "Learning circle"
        provider = "A local trust"
        url = "https://example.org/circle"
        cost = "chargeable"
        tags = ["peer"]
    "#;
    let roadmap = model::parse("tags.toml", source).expect("a tag may have no icon");
    let peer = roadmap.tags.iter().find(|t| t.key == "peer").unwrap();
    assert_eq!(peer.icon, None);
    for (name, _) in waypost::layout::preset::BUILTIN {
        let preset = Preset::builtin(name).unwrap();
        let scene = layout(&roadmap, &preset, &LayoutOptions::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_clean(&roadmap, &scene);
        // Once on each of the two cards, once in the legend.
        let labels = scene
            .flatten()
            .into_iter()
            .filter(|i| matches!(i, Item::Text(t) if t.text == "Peer learning"))
            .count();
        assert_eq!(labels, 3, "{name}");
        let legend_has_it = scene
            .items
            .iter()
            .any(|i| matches!(i, Item::Text(t) if t.text == "Peer learning"));
        assert!(legend_has_it, "{name}: the legend does not name the tag");
    }
}

/// Every built-in preset tells eight stages apart by colour, each readable under its
/// white number and as a heading on the page; the "New" badge is a highlight that reads.
#[test]
fn every_preset_has_eight_distinct_readable_stage_colours() {
    for (name, _) in waypost::layout::preset::BUILTIN {
        let preset = Preset::builtin(name).unwrap();
        let p = &preset.palette;
        let mut colours: Vec<_> = p.stages.iter().map(|h| h.get()).collect();
        colours.sort_by_key(|c| (c.r, c.g, c.b));
        colours.dedup();
        assert!(
            colours.len() >= 8,
            "{name}: {} stage colours",
            colours.len()
        );
        for (i, colour) in colours.iter().enumerate() {
            for other in &colours[i + 1..] {
                let distance = (i32::from(colour.r) - i32::from(other.r)).abs()
                    + (i32::from(colour.g) - i32::from(other.g)).abs()
                    + (i32::from(colour.b) - i32::from(other.b)).abs();
                assert!(
                    distance >= 60,
                    "{name}: {colour:?} and {other:?} look alike"
                );
            }
            assert!(
                colour.contrast(p.stage_text.get()) >= 4.5,
                "{name}: {colour:?}"
            );
            assert!(colour.contrast(p.page.get()) >= 4.5, "{name}: {colour:?}");
        }
        assert!(
            p.new.get().contrast(p.new_text.get()) >= 4.5,
            "{name}: the New badge"
        );
        assert_ne!(
            p.new.get(),
            p.text.get(),
            "{name}: the New badge is a highlight, not text"
        );
    }
}

/// Where the road crosses between two stages it keeps at least a gutter (the narrowest any
/// rung uses, 1.8 mm) clear of the cards above and below it.
#[test]
fn the_road_keeps_clear_of_the_cards() {
    use waypost::scene::Segment;
    let clearance = 1.8 * 72.0 / 25.4;
    for example in ["link-worker-training", "dense", "full-a4"] {
        let source = std::fs::read_to_string(format!("examples/{example}.toml")).unwrap();
        let roadmap = model::parse("example.toml", &source).unwrap();
        let scene = layout(&roadmap, &road(), &LayoutOptions::default()).unwrap();
        let road_colour = road().palette.road.get();
        let cards: Vec<_> = scene.links().iter().map(|l| l.rect).collect();
        let mut crossings = 0;
        for item in &scene.items {
            let Item::Shape(shape) = item else { continue };
            let Some(stroke) = shape.stroke.as_ref().filter(|s| s.color == road_colour) else {
                continue;
            };
            let mut last = None;
            for segment in &shape.path.segments {
                let to = match segment {
                    Segment::MoveTo(p) | Segment::LineTo(p) => *p,
                    Segment::CubicTo(_, _, p) => *p,
                    _ => continue,
                };
                if let (Segment::LineTo(_), Some(from)) = (segment, last) {
                    let from: waypost::scene::Point = from;
                    if (from.y - to.y).abs() < 0.01 && (from.x - to.x).abs() > 1.0 {
                        crossings += 1;
                        let (left, right) = (from.x.min(to.x), from.x.max(to.x));
                        for card in &cards {
                            if card.right() <= left || card.x >= right {
                                continue;
                            }
                            let gap =
                                (to.y - card.bottom()).max(card.y - to.y) - stroke.width / 2.0;
                            assert!(
                                gap >= clearance - 0.01,
                                "{example}: the road at y {} passes {gap:.2} pt from a card",
                                to.y
                            );
                        }
                    }
                }
                last = Some(to);
            }
        }
        assert!(crossings >= 3, "{example}: {crossings} crossings found");
    }
}

/// On a road page every stage's heading follows one rule: all above their cards, or all
/// beside them, unless the page is at its smallest type and mixing is what lets it fit.
#[test]
fn road_headings_follow_one_rule_per_page() {
    use waypost::scene::Role;
    let long_badges = std::fs::read_to_string("examples/link-worker-training.toml")
        .unwrap()
        .replace("price = \"Membership\"\n", "")
        .replace(
            "cost = \"chargeable\"\n",
            "cost = \"chargeable\"\nprice = \"£7,000 (levy funded)\"\n",
        );
    let mut pages = Vec::new();
    for example in ["link-worker-training", "welsh-and-custom-tags", "dense"] {
        let source = std::fs::read_to_string(format!("examples/{example}.toml")).unwrap();
        pages.push((example.to_string(), source, LayoutOptions::default()));
    }
    let a3 = LayoutOptions {
        page: Some(PageSize::A3),
        orientation: None,
        ..Default::default()
    };
    pages.push(("long badges on A3".to_string(), long_badges, a3));
    for (name, source, options) in pages {
        let roadmap = model::parse("example.toml", &source).unwrap();
        let scene = layout(&roadmap, &road(), &options).unwrap();
        let texts: Vec<_> = scene
            .flatten()
            .into_iter()
            .filter_map(|item| match item {
                Item::Text(text) => Some(text),
                _ => None,
            })
            .collect();
        let mut rules = Vec::new();
        for stage in 0..roadmap.stages.len() {
            let title_top = texts
                .iter()
                .filter(|t| t.role == Role::StageTitle(stage))
                .map(|t| t.origin.y - t.ascent)
                .fold(f32::INFINITY, f32::min);
            let cards_top = scene
                .links()
                .iter()
                .filter(|link| {
                    link.children.iter().any(|child| match child {
                        Item::Text(t) => matches!(t.role, Role::Offer(at, _) if at.stage == stage),
                        _ => false,
                    })
                })
                .map(|link| link.rect.y)
                .fold(f32::INFINITY, f32::min);
            // Beside: the heading starts level with (or below) the top of the cards.
            rules.push(title_top >= cards_top - 1.0);
        }
        assert!(
            rules.iter().all(|&r| r == rules[0]),
            "{name}: headings beside (true) or above: {rules:?}"
        );
    }
}

/// A page too full as a whole names no single offer: it says about how many offers the
/// page holds, and the roadmap cut down to that many (from its fullest stages) fits, while
/// one more does not.
#[test]
fn a_page_too_full_says_how_many_offers_it_holds() {
    let source = std::fs::read_to_string("examples/full-a4.toml").unwrap();
    let roadmap = model::parse("full.toml", &source).unwrap();
    let a5 = LayoutOptions {
        page: Some(PageSize::A5),
        orientation: None,
        ..Default::default()
    };
    let Err(waypost::Error::DoesNotFit(o)) = layout(&roadmap, &road(), &a5) else {
        panic!("20 offers should not fit A5");
    };
    assert_eq!(o.offer, None, "{o:?}");
    assert_eq!(o.offers, 20);
    let holds = o.holds.expect("the page as a whole is too full") as usize;
    assert!(holds > 0 && holds < 20, "{holds}");
    let message = waypost::Error::DoesNotFit(o.clone()).to_string();
    assert!(
        message.contains(&format!("holds {holds} of its 20 offers at 7 pt")),
        "{message}"
    );
    let cut_to = |n: usize| {
        let mut fewer = roadmap.clone();
        while fewer.stages.iter().map(|s| s.offers.len()).sum::<usize>() > n {
            let most = fewer.stages.iter().map(|s| s.offers.len()).max().unwrap();
            let stage = fewer
                .stages
                .iter_mut()
                .find(|s| s.offers.len() == most)
                .unwrap();
            stage.offers.pop();
        }
        fewer
    };
    assert!(
        layout(&cut_to(holds), &road(), &a5).is_ok(),
        "{holds} should fit"
    );
    assert!(
        layout(&cut_to(holds + 1), &road(), &a5).is_err(),
        "{} should not",
        holds + 1
    );
    // The stage named is one with the most offers.
    let most = roadmap.stages.iter().map(|s| s.offers.len()).max().unwrap();
    let named = roadmap.stages.iter().find(|s| s.title == o.stage).unwrap();
    assert_eq!(named.offers.len(), most);
}

/// The text lines of a scene with their roles.
fn texts(scene: &Scene) -> Vec<&waypost::scene::Text> {
    scene
        .flatten()
        .into_iter()
        .filter_map(|item| match item {
            Item::Text(text) => Some(text),
            _ => None,
        })
        .collect()
}

/// The pages whose cards and stages the consistency tests read: every example's timeline,
/// and the full pages in every preset.
fn consistency_pages() -> Vec<(String, model::Roadmap, Scene)> {
    let mut pages = Vec::new();
    for example in [
        "link-worker-training",
        "full-a4",
        "fullest-a4",
        "dense",
        "long providers",
    ] {
        let source = if example == "long providers" {
            // Providers too long to lead a compact card's badges, on cards with descriptions.
            std::fs::read_to_string("examples/fullest-a4.toml")
                .unwrap()
                .replace(
                    "provider = \"Mind\"",
                    "provider = \"Mind, the mental health charity, local branch\"",
                )
                .replace(
                    "provider = \"Citizens Advice\"",
                    "provider = \"Citizens Advice and its local volunteers\"",
                )
        } else {
            std::fs::read_to_string(format!("examples/{example}.toml")).unwrap()
        };
        let roadmap = model::parse("example.toml", &source).unwrap();
        for (name, _) in waypost::layout::preset::BUILTIN {
            let preset = Preset::builtin(name).unwrap();
            if let Ok(scene) = layout(&roadmap, &preset, &LayoutOptions::default()) {
                pages.push((format!("{example}.{name}"), roadmap.clone(), scene));
            }
        }
    }
    pages
}

/// Within a page every card follows one order: its badges come either all before their
/// card's description or all after it.
#[test]
fn every_card_of_a_page_follows_one_order() {
    use waypost::scene::{OfferPart, Role};
    for (name, _, scene) in consistency_pages() {
        let mut orders = std::collections::BTreeSet::new();
        for link in scene.links() {
            let top = |part: fn(&OfferPart) -> bool| {
                link.children
                    .iter()
                    .filter_map(|c| match c {
                        Item::Text(t) => Some(t),
                        _ => None,
                    })
                    .filter(|t| matches!(t.role, Role::Offer(_, p) if part(&p)))
                    .map(|t| t.origin.y)
                    .fold(f32::INFINITY, f32::min)
            };
            let description = top(|p| *p == OfferPart::Description);
            let badges = top(|p| matches!(p, OfferPart::Badge(_)));
            if description.is_finite() && badges.is_finite() {
                orders.insert(badges < description);
            }
        }
        assert!(
            orders.len() <= 1,
            "{name}: badges before and after descriptions"
        );
    }
}

/// On a timeline every band hangs from its marker, centred on it where the markers can
/// stand a marker apart, and the cards of a side stand at one height from the road.
#[test]
fn timeline_bands_are_centred_on_their_markers_and_level() {
    use waypost::scene::Role;
    let mut centred = 0;
    for (name, roadmap, scene) in consistency_pages() {
        if !name.ends_with(".timeline") {
            continue;
        }
        let lines = texts(&scene);
        let mut nearest = (Vec::new(), Vec::new());
        for (i, stage) in roadmap.stages.iter().enumerate() {
            if stage.offers.is_empty() {
                continue;
            }
            let number = lines
                .iter()
                .find(|t| t.role == Role::StageNumber(i))
                .expect("a marker's number");
            let marker_x = number.origin.x + number.width / 2.0;
            let marker_y = number.origin.y;
            let cards: Vec<_> = scene
                .links()
                .iter()
                .filter(|l| {
                    l.children.iter().any(|c| {
                        matches!(c, Item::Text(t) if matches!(t.role, Role::Offer(at, _) if at.stage == i))
                    })
                })
                .map(|l| l.rect)
                .collect();
            let left = cards.iter().map(|r| r.x).fold(f32::INFINITY, f32::min);
            let right = cards.iter().map(|r| r.right()).fold(0.0, f32::max);
            // Where both sides' bands share the road evenly, two markers want the same
            // place and stand a marker apart, a little off their bands' middles.
            let off = ((left + right) / 2.0 - marker_x).abs();
            assert!(
                off <= 0.06 * (right - left),
                "{name}: stage {i} is {off} pt off centre"
            );
            if off < 0.5 {
                centred += 1;
            }
            assert!(
                left < marker_x && marker_x < right,
                "{name}: stage {i} off its marker"
            );
            let above = cards[0].y < marker_y;
            if above {
                nearest
                    .0
                    .push(cards.iter().map(|r| r.bottom()).fold(0.0, f32::max));
            } else {
                nearest
                    .1
                    .push(cards.iter().map(|r| r.y).fold(f32::INFINITY, f32::min));
            }
        }
        for side in [&nearest.0, &nearest.1] {
            for edge in side {
                assert!(
                    (edge - side[0]).abs() < 0.5,
                    "{name}: cards at {side:?} from the road"
                );
            }
        }
    }
    assert!(
        centred >= 10,
        "only {centred} bands centred on their markers"
    );
}
