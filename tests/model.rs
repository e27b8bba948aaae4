//! The roadmap format: what is accepted, and what each mistake is told.

use waypost::model::{self, Cost, PageSize};
use waypost::Error;

const EXAMPLE: &str = include_str!("../examples/link-worker-training.toml");

/// Parses `source` expecting failure; returns the rendered messages.
fn errors(source: &str) -> String {
    match model::parse("road.toml", source) {
        Err(Error::Invalid(d)) => d.to_string(),
        other => panic!("expected errors, got {other:?}"),
    }
}

const MINIMAL: &str = r#"title = "Roadmap"
[[stage]]
title = "Induction"
[[stage.offer]]
title = "Guide"
provider = "NHS England"
url = "https://www.england.nhs.uk/"
cost = "free"
"#;

#[test]
fn the_example_reads_in_full() {
    let roadmap = model::parse("example.toml", EXAMPLE).unwrap();
    assert_eq!(
        roadmap.title,
        "Social prescribing link worker training roadmap"
    );
    assert_eq!(roadmap.page, PageSize::A4.into());
    let stages: Vec<&str> = roadmap.stages.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        stages,
        [
            "Induction",
            "Mandatory training",
            "Supervision",
            "Further development"
        ]
    );
    let counts: Vec<usize> = roadmap.stages.iter().map(|s| s.offers.len()).collect();
    assert_eq!(counts, [3, 2, 3, 4]);
    let nalw = &roadmap.stages[2].offers[2];
    assert_eq!(
        nalw.cost,
        Cost::Chargeable {
            price: Some("Membership".to_string())
        }
    );
    let level3 = &roadmap.stages[3].offers[0];
    assert_eq!(level3.level.map(|l| l.get()), Some(3));
    let tag_keys: Vec<&str> = level3
        .tags
        .iter()
        .map(|&i| roadmap.tags[i].key.as_str())
        .collect();
    assert_eq!(tag_keys, ["online", "national"]);
}

#[test]
fn a_misspelt_key_names_the_right_one_and_its_line() {
    let source = MINIMAL.replace("title = \"Guide\"", "titel = \"Guide\"");
    let text = errors(&source);
    assert!(
        text.contains("road.toml:5:1: error: unknown key `titel`"),
        "{text}"
    );
    assert!(text.contains("did you mean `title`?"), "{text}");
    // Fixing the spelling supplies the title, so its absence is not a second message.
    assert!(!text.contains("has no `title`"), "{text}");
    assert_eq!(text.matches("error:").count(), 1, "{text}");
}

#[test]
fn a_wrong_cost_lists_the_allowed_values() {
    let text = errors(&MINIMAL.replace("cost = \"free\"", "cost = \"paid\""));
    assert!(
        text.contains("road.toml:8:8: error: `cost` is \"paid\""),
        "{text}"
    );
    assert!(text.contains("\"free\" or \"chargeable\""), "{text}");
}

#[test]
fn unsafe_links_are_refused_at_their_line() {
    for url in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,x",
    ] {
        let text = errors(&MINIMAL.replace("https://www.england.nhs.uk/", url));
        assert!(text.contains("road.toml:7:7: error:"), "{text}");
        assert!(text.contains("is not a link waypost can use"), "{text}");
    }
    let text = errors(&MINIMAL.replace("https://www.england.nhs.uk/", "www.england.nhs.uk"));
    assert!(
        text.contains("add the scheme: \"https://www.england.nhs.uk\""),
        "{text}"
    );
}

#[test]
fn every_problem_is_reported_in_one_pass() {
    let source = r#"title = "Roadmap"
colour = "blue"
[[stage]]
title = "Induction"
[[stage.offer]]
title = "Guide"
provider = "NHS England"
url = "javascript:alert(1)"
cost = "cheap"
level = 12
tags = ["online", "onsite"]
"#;
    let text = errors(source);
    for expected in [
        "road.toml:2:1: error: unknown key `colour`",
        "road.toml:8:7: error:",
        "road.toml:9:8: error: `cost` is \"cheap\"",
        "road.toml:10:9: error: level 12 is not a qualification level",
        "road.toml:11:19: error: tag \"onsite\" is not declared",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    // The offending line is quoted under each message and the column marked.
    assert!(text.contains("9 | cost = \"cheap\""), "{text}");
    assert!(text.contains("  |        ^^^^^^^"), "{text}");
}

#[test]
fn a_roadmap_needs_a_stage_but_a_stage_may_have_no_offers() {
    let text = errors("title = \"Nothing yet\"\n");
    assert!(text.contains("the roadmap has no stages"), "{text}");
    let empty_stage = "title = \"Soon\"\n[[stage]]\ntitle = \"Induction\"\n";
    let roadmap = model::parse("soon.toml", empty_stage).unwrap();
    assert!(roadmap.stages[0].offers.is_empty());
}

#[test]
fn declared_tags_can_be_used_and_builtin_ones_relabelled() {
    let source = format!(
        "{MINIMAL}tags = [\"peer\", \"in-person\"]\n\n[tags.peer]\nlabel = \"Peer support\"\nicon = \"chat\"\n\n[tags.in-person]\nlabel = \"Face to face\"\nicon = \"person\"\n"
    );
    let roadmap = model::parse("tags.toml", &source).unwrap();
    let offer = &roadmap.stages[0].offers[0];
    let labels: Vec<&str> = offer
        .tags
        .iter()
        .map(|&i| roadmap.tags[i].label.as_str())
        .collect();
    assert_eq!(labels, ["Peer support", "Face to face"]);
    let bad_icon = source.replace("icon = \"chat\"", "icon = \"rocket\"");
    assert!(errors(&bad_icon).contains("`icon` is \"rocket\""));
}

#[test]
fn characters_the_font_lacks_are_reported_with_their_text() {
    let text = errors(&MINIMAL.replace("title = \"Guide\"", "title = \"Guide ✓\""));
    assert!(text.contains("road.toml:5:9: error:"), "{text}");
    assert!(text.contains("'✓' (U+2713)"), "{text}");
    // Welsh, currency signs and dashes are in the bundled font.
    let welsh = MINIMAL.replace("\"Guide\"", "\"Canllaw ŵ ŷ – £25 €30\"");
    assert!(model::parse("cy.toml", &welsh).is_ok());
}

#[test]
fn a_price_needs_a_chargeable_cost_and_types_are_checked() {
    let text = errors(&MINIMAL.replace("cost = \"free\"", "cost = \"free\"\nprice = \"£20\""));
    assert!(
        text.contains("a free offer cannot have a `price`"),
        "{text}"
    );
    let text = errors(&MINIMAL.replace("title = \"Roadmap\"", "title = 12"));
    assert!(
        text.contains("road.toml:1:9: error: `title` in the roadmap must be text"),
        "{text}"
    );
    let text = errors(&MINIMAL.replace("title = \"Roadmap\"", "title = Roadmap"));
    assert!(
        text.contains("road.toml:1:9: error: this is not valid TOML"),
        "{text}"
    );
}

/// Fixed words are read in any case: the layout, the page, the orientation, the cost, an
/// icon and a built-in tag's name.
#[test]
fn fixed_words_are_read_in_any_case() {
    let source = MINIMAL
        .replace(
            "title = \"Roadmap\"\n",
            "title = \"Roadmap\"\nlayout = \"Road\"\npage = \"a3\"\norientation = \"Landscape\"\n\
             [tags.peer]\nlabel = \"Peer\"\nicon = \"Chat\"\n",
        )
        .replace(
            "cost = \"free\"",
            "cost = \"FREE\"\ntags = [\"Online\", \"PEER\"]",
        );
    let roadmap = model::parse("case.toml", &source).unwrap_or_else(|e| panic!("{e}"));
    let layout = roadmap.layout.as_ref().expect("a layout");
    assert_eq!(layout.value, "road", "kept as the preset's own name");
    assert!(!layout.is_file());
    assert_eq!(roadmap.page, PageSize::A3.into());
    assert_eq!(roadmap.orientation, Some(model::Orientation::Landscape));
    let offer = &roadmap.stages[0].offers[0];
    assert_eq!(offer.cost, Cost::Free);
    let tags: Vec<&str> = (offer.tags.iter())
        .map(|&i| roadmap.tags[i].key.as_str())
        .collect();
    assert_eq!(tags, ["online", "peer"]);
    let peer = roadmap.tags.iter().find(|t| t.key == "peer").unwrap();
    assert_eq!(peer.icon.map(|i| i.name()), Some("chat"));
}

/// A layout value that looks like a path is a layout file, in whatever case its
/// extension is written; it is not checked against the preset names.
#[test]
fn a_layout_that_looks_like_a_path_is_a_file() {
    for value in ["mine.toml", "Mine.TOML", "styles/mine", "styles\\\\mine"] {
        let source = format!("layout = \"{value}\"\n{MINIMAL}");
        let roadmap = model::parse("path.toml", &source).unwrap_or_else(|e| panic!("{e}"));
        let layout = roadmap.layout.expect("a layout");
        assert!(layout.is_file(), "{value}");
        assert_eq!(layout.value, value.replace("\\\\", "\\"));
    }
}

/// Quotation marks from a word processor are named, in the help and at their place,
/// wherever on the line TOML notices the mistake.
#[test]
fn typographic_quotes_are_named() {
    for (open, close) in [
        ('“', '”'),
        ('”', '”'),
        ('„', '“'),
        ('‘', '’'),
        ('’', '’'),
        ('«', '»'),
        ('″', '″'),
        ('＂', '＂'),
    ] {
        let source = MINIMAL.replace("\"Guide\"", &format!("{open}Guide{close}"));
        let shown = errors(&source);
        assert!(
            shown.contains(&format!("= help: {open} is a")),
            "{open}: {shown}"
        );
        assert!(
            shown.contains("use a straight \" instead"),
            "{open}: {shown}"
        );
        assert!(shown.contains("road.toml:5:9: error:"), "{open}: {shown}");
    }
    // Inside a straight-quoted text they are the text's own.
    let quoted = MINIMAL.replace("\"Guide\"", "\"The “Guide”\"");
    let roadmap = model::parse("quoted.toml", &quoted).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(roadmap.stages[0].offers[0].title, "The “Guide”");
}

/// NUL is refused as ESC is, rather than dropped from the page; and a value quoted in a
/// message shows such characters by their code, not raw to the terminal.
#[test]
fn nul_is_refused_like_every_control_character_and_never_printed_raw() {
    for (escape, code) in [("\\u0000", "U+0000"), ("\\u001b", "U+001B")] {
        let source = MINIMAL.replace("title = \"Guide\"", &format!("title = \"Gui{escape}de\""));
        let shown = errors(&source);
        assert!(
            shown.contains(&format!("an invisible control character ({code})")),
            "{shown}"
        );
    }
    let source = MINIMAL.replace("cost = \"free\"", "cost = \"\\u001b[31mfree\"");
    let shown = errors(&source);
    assert!(!shown.contains('\u{1b}'), "{shown:?}");
    assert!(shown.contains("`cost` is \"<U+001B>[31mfree\""), "{shown}");
}

/// An address whose printed form reads differently from where it goes is refused, and the
/// hint names the hidden character.
#[test]
fn a_link_with_a_hidden_character_or_no_host_is_refused() {
    let source = MINIMAL.replace(
        "https://www.england.nhs.uk/",
        "https://example.org/\u{202E}exe.pdf",
    );
    let shown = errors(&source);
    assert!(shown.contains("invisible characters (U+202E)"), "{shown}");
    assert!(!shown.contains('\u{202E}'), "{shown:?}");
    let shown = errors(&MINIMAL.replace("https://www.england.nhs.uk/", "http://@"));
    assert!(
        shown.contains("\"http://@\" is not a link waypost can use"),
        "{shown}"
    );
}

/// The library itself refuses a source over its limit, with the limit named, before
/// reading any of it.
#[test]
fn a_source_over_the_limit_is_refused_with_the_limit_named() {
    let example = include_str!("../examples/link-worker-training.toml");
    let padding = "# a comment line to make the file larger than any roadmap needs\n";
    let mut big = example.to_string();
    while big.len() <= waypost::model::MAX_SOURCE {
        big.push_str(padding);
    }
    let error = waypost::model::parse("big.toml", &big).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("at most 1024 KiB"), "{message}");
    // Just under the limit it reads.
    let fits = &big[..waypost::model::MAX_SOURCE - padding.len()];
    let fits = &fits[..fits.rfind('\n').unwrap() + 1];
    assert!(waypost::model::parse("fits.toml", fits).is_ok());
}

#[test]
fn colours_of_its_own_are_read_by_the_palettes_keys() {
    let source = MINIMAL.replacen(
        "[[stage]]",
        "[colours]\nlink = \"#7A1F5C\"\npage = \"#fff\"\nstages = [\"#005eb8\"]\n[[stage]]",
        1,
    );
    let roadmap = model::parse("road.toml", &source).unwrap();
    let colours = &roadmap.colours;
    let hex = |key| colours.get(key).map(|c| c.to_hex());
    assert_eq!(hex("link").as_deref(), Some("#7a1f5c"));
    assert_eq!(hex("page").as_deref(), Some("#ffffff"), "#rgb for short");
    assert_eq!(hex("text"), None, "left to the layout");
    let stages: Vec<String> = colours
        .stages()
        .unwrap()
        .iter()
        .map(|c| c.to_hex())
        .collect();
    assert_eq!(stages, ["#005eb8"]);
    assert!(model::parse("road.toml", MINIMAL)
        .unwrap()
        .colours
        .is_empty());
    for key in model::COLOUR_KEYS {
        let value = if key == "stages" {
            "[\"#000\"]"
        } else {
            "\"#000\""
        };
        let source = MINIMAL.replacen(
            "[[stage]]",
            &format!("[colours]\n{key} = {value}\n[[stage]]"),
            1,
        );
        assert!(model::parse("road.toml", &source).is_ok(), "{key}");
    }
}

#[test]
fn colours_of_the_wrong_kind_are_told_how_to_write_them() {
    let with = |table: &str| MINIMAL.replacen("[[stage]]", &format!("{table}\n[[stage]]"), 1);
    let shown = errors(&with("colours = \"blue\""));
    assert!(
        shown.contains("`colours` must be a table, not text"),
        "{shown}"
    );
    let shown = errors(&with("[colours]\nlink = 3"));
    assert!(
        shown.contains("`link` in [colours] must be text"),
        "{shown}"
    );
    let shown = errors(&with("[colours]\nstages = \"#005eb8\""));
    assert!(
        shown.contains("`stages` in [colours] must be a list"),
        "{shown}"
    );
    assert!(
        shown.contains("stages = [\"#005eb8\", \"#00746b\"]"),
        "{shown}"
    );
    let shown = errors(&with("[colours]\nstages = [\"#005eb8\", 3]"));
    assert!(
        shown.contains("each entry of `stages` must be text"),
        "{shown}"
    );
    let shown = errors(&with("[colours]\nbackground = \"#ffffff\""));
    assert!(
        shown.contains("unknown colour `background` in [colours]"),
        "{shown}"
    );
    assert!(
        shown.contains("the colours a layout has are: page, text,"),
        "{shown}"
    );
}
