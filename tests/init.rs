//! `waypost init`: a starter roadmap that renders as it is, never written over a file.
#![cfg(feature = "cli")]

mod support;

use std::fs;
use support::cli::{names, scratch, stderr, waypost_in};

#[test]
fn the_starter_renders_cleanly_as_it_is() {
    let dir = scratch("init-renders");
    let out = waypost_in(&dir, &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = fs::read_to_string(dir.join("roadmap.toml")).unwrap();
    let roadmap = waypost::model::parse("roadmap.toml", &text).unwrap_or_else(|e| panic!("{e}"));
    // What the file promises: two stages, a free and a chargeable offer, a tag of its own.
    assert_eq!(roadmap.stages.len(), 2);
    let offers: Vec<_> = roadmap.stages.iter().flat_map(|s| &s.offers).collect();
    assert!(offers.iter().any(|o| o.cost == waypost::model::Cost::Free));
    assert!(offers
        .iter()
        .any(|o| matches!(o.cost, waypost::model::Cost::Chargeable { .. })));
    let builtin = [
        "online",
        "in-person",
        "blended",
        "national",
        "regional",
        "local",
    ];
    assert!(roadmap
        .tags
        .iter()
        .any(|t| !builtin.contains(&t.key.as_str())));
    assert!(
        text.lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .count()
            >= 10
    );
    let out = waypost_in(&dir, &["render", "roadmap.toml", "--dpi", "72"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        names(&dir.join("out")),
        [
            ".roadmap.waypost-files",
            "roadmap.pdf",
            "roadmap.png",
            "roadmap.svg"
        ]
    );
}

#[test]
fn init_never_overwrites_a_file() {
    let dir = scratch("init-no-overwrite");
    fs::write(dir.join("mine.toml"), "title = \"Mine\"\n").unwrap();
    let out = waypost_in(&dir, &["init", "mine.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("mine.toml already exists"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(dir.join("mine.toml")).unwrap(),
        "title = \"Mine\"\n"
    );
    // A second init over its own file is refused as well.
    assert_eq!(
        waypost_in(&dir, &["init", "sub/new.toml"]).status.code(),
        Some(0)
    );
    let first = fs::read(dir.join("sub/new.toml")).unwrap();
    assert_eq!(
        waypost_in(&dir, &["init", "sub/new.toml"]).status.code(),
        Some(2)
    );
    assert_eq!(fs::read(dir.join("sub/new.toml")).unwrap(), first);
}
