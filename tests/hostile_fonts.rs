//! Font files that would take the machine, or that are damaged, refused at their line in
//! `[fonts]` when the roadmap is read, with a message that says what is wrong; and fonts
//! just inside each limit still accepted.
//!
//! Every font here is made at run time from the test font (tests/fonts/), by
//! tests/support/bad_fonts.rs.

mod support;

use support::bad_fonts::{
    composite_bomb, composite_cycle, heavy_glyph, patched, shaping_bomb, shaping_bomb_of,
    with_loca, with_tables,
};
use waypost::model::{self, Assets};
use waypost::Error;

fn test_font() -> Vec<u8> {
    std::fs::read(support::root().join("tests/fonts/WaypostTest-Regular.ttf")).unwrap()
}

/// What `parse_with` says of a roadmap whose regular font is `font`: `None` if it reads the
/// roadmap, else the line of the first problem and its message and help.
fn verdict(font: Vec<u8>) -> Option<(usize, String)> {
    let source = "title = \"ABCDEFGHIJ abc\"\n\n[fonts]\nregular = \"fonts/Made.ttf\"\n\n\
                  [[stage]]\ntitle = \"S\"\n";
    let mut assets = Assets::new();
    assets.insert("fonts/Made.ttf".to_string(), font);
    match model::parse_with("roadmap.toml", source, &assets) {
        Ok(_) => None,
        Err(Error::Invalid(diagnostics)) => {
            let first = &diagnostics.list[0];
            let line = source[..first.span.start].matches('\n').count() + 1;
            let help = first.help.clone().unwrap_or_default();
            Some((line, format!("{} / {help}", first.message)))
        }
        Err(other) => panic!("{other:?}"),
    }
}

/// Asserts that `font` is refused at the `regular` line with a message holding `expected`
/// and the advice to use another copy.
fn assert_refused(name: &str, font: Vec<u8>, expected: &str) {
    let Some((line, message)) = verdict(font) else {
        panic!("{name}: accepted");
    };
    assert_eq!(line, 4, "{name}: {message}");
    assert!(message.contains(expected), "{name}: {message}");
    assert!(
        message.contains("fonts/Made.ttf is damaged: ")
            && message.contains("use another copy of the font"),
        "{name}: {message}"
    );
}

#[test]
fn the_test_font_written_out_again_is_accepted() {
    // The fonts below are all rewritten this way: what refuses them is what was changed.
    assert_eq!(verdict(with_tables(&test_font(), &[])), None);
}

#[test]
fn composite_glyphs_that_multiply_or_loop_are_refused() {
    let base = test_font();
    // 'U' is 'A' repeated 4^20 times, through 20 levels of composites: a 25 KB file.
    let bomb = composite_bomb(&base, 'A', 'U', 20, 4);
    assert!(bomb.len() < 32 * 1024);
    assert_refused("4^20", bomb, "is drawn from more than 2000 pieces");
    assert_refused(
        "2001 parts",
        composite_bomb(&base, 'A', 'B', 1, 2001),
        "is drawn from more than 2000 pieces",
    );
    assert_refused(
        "9 deep",
        composite_bomb(&base, 'A', 'J', 9, 1),
        "nested more than 8 deep",
    );
    assert_refused(
        "a loop",
        composite_cycle(&base, 'a', 'b'),
        "is made of itself",
    );
    assert_refused(
        "131,070 points",
        heavy_glyph(&base, 'A', 'B', u16::MAX, 2),
        "has 131070 outline points, more than the 65535",
    );
}

#[test]
fn composite_glyphs_just_inside_the_limits_are_accepted() {
    let base = test_font();
    assert_eq!(verdict(composite_bomb(&base, 'A', 'B', 1, 2000)), None);
    assert_eq!(verdict(composite_bomb(&base, 'A', 'I', 8, 1)), None);
    // 3^6 = 729 pieces, 6 deep.
    assert_eq!(verdict(composite_bomb(&base, 'A', 'G', 6, 3)), None);
    assert_eq!(verdict(heavy_glyph(&base, 'A', 'B', u16::MAX, 1)), None);
}

#[test]
fn extreme_metrics_are_refused() {
    let base = test_font();
    let units = |value: u16| value.to_be_bytes();
    // hhea: ascender at 4, descender at 6, line gap at 8; head: unitsPerEm at 18.
    let cases = [
        (
            patched(&base, b"hhea", 4, &units(i16::MAX as u16)),
            "its ascender (in `hhea`) is 32767 units, 33 ems",
        ),
        (
            patched(&base, b"hhea", 6, &units(i16::MIN as u16)),
            "its descender (in `hhea`) is -32768 units, 33 ems",
        ),
        (
            patched(&base, b"hhea", 8, &units(5000)),
            "its line gap (in `hhea`) is 5000 units, 5 ems",
        ),
        (
            patched(&base, b"head", 18, &units(0)),
            "its size unit (unitsPerEm in its `head` table) is 0, where fonts use 16 to 16384",
        ),
        (
            patched(&base, b"head", 18, &units(16385)),
            "is 16385, where fonts use 16 to 16384",
        ),
        (
            // A descender above the ascender.
            patched(&base, b"hhea", 4, &[0xFE, 0x00, 0x00, 0x10]),
            "leave no height for a line of text",
        ),
    ];
    for (i, (font, expected)) in cases.into_iter().enumerate() {
        assert_refused(&format!("metrics {i}"), font, expected);
    }
    // At the edge: 4 ems of a 1000-unit em, and the largest em.
    assert_eq!(verdict(patched(&base, b"hhea", 8, &units(4000))), None);
    assert_eq!(verdict(patched(&base, b"head", 18, &units(16384))), None);
}

#[test]
fn glyph_locations_outside_the_outlines_are_refused() {
    let base = test_font();
    assert_refused(
        "past the end",
        with_loca(&base, |offsets| *offsets.last_mut().unwrap() += 100_000),
        "puts glyph 233 at byte 115320 of its outlines (`glyf` table), which has 15320 bytes",
    );
    assert_refused(
        "backwards",
        with_loca(&base, |offsets| offsets.swap(40, 41)),
        "puts glyph 41 before glyph 40",
    );
    assert_refused(
        "too short",
        with_loca(&base, |offsets| offsets.truncate(100)),
        "lists 99 glyphs, where the font has 233",
    );
    assert_refused(
        "unknown format",
        patched(&base, b"head", 50, &[0, 2]),
        "indexToLocFormat",
    );
}

#[test]
fn substitutions_that_multiply_glyphs_are_refused() {
    let base = test_font();
    // 40 lookups each doubling every glyph: 2^40 glyphs a character, cut at the shaper's
    // ceiling of 65,536 for the 64 characters shaped at once.
    let bomb = shaping_bomb(&base, 40);
    assert!(bomb.len() < 32 * 1024);
    assert_refused(
        "2^40",
        bomb,
        "its glyph substitutions (`GSUB`) make at least 1024 glyphs of the character 'A' \
         (U+0041), where fonts make one to three",
    );
    // 8 glyphs a character: fewer than one character may make, more than text may.
    assert_refused(
        "2^3",
        shaping_bomb(&base, 3),
        "make at least 8 glyphs of the character 'A'",
    );
    // 4 glyphs a character is still text.
    assert_eq!(verdict(shaping_bomb(&base, 2)), None);
    // One character of 32 glyphs among letters of one: more than one character may make.
    assert_refused(
        "one of 2^5",
        shaping_bomb_of(&base, 'x', 5),
        "make at least 32 glyphs of the character 'x' (U+0078)",
    );
    assert_eq!(verdict(shaping_bomb_of(&base, 'x', 4)), None);
}

#[test]
fn the_bold_face_is_checked_too() {
    let source = "title = \"T\"\n\n[fonts]\nregular = \"fonts/Good.ttf\"\n\
                  bold = \"fonts/Bad.ttf\"\n\n[[stage]]\ntitle = \"S\"\n";
    let mut assets = Assets::new();
    assets.insert("fonts/Good.ttf".to_string(), test_font());
    assets.insert("fonts/Bad.ttf".to_string(), shaping_bomb(&test_font(), 40));
    let Err(Error::Invalid(d)) = model::parse_with("roadmap.toml", source, &assets) else {
        panic!("the bold face is refused");
    };
    assert_eq!(d.list.len(), 1, "{d}");
    let line = source[..d.list[0].span.start].matches('\n').count() + 1;
    assert_eq!(line, 5, "{d}");
    assert!(d.list[0]
        .message
        .starts_with("fonts/Bad.ttf is damaged: its glyph substitutions"));
}
