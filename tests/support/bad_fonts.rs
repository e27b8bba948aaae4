//! Hostile and damaged fonts, made at run time from a good one by rewriting a few of its
//! tables: composite glyphs that multiply, a `GSUB` that doubles glyphs again and again,
//! metrics at the ends of their ranges, a `loca` that points outside `glyf`.
//!
//! Shared by the integration tests and, through `#[path]`, the library's own tests.

#![allow(dead_code)] // each test uses a different part

use skrifa::raw::{FontRef, TableProvider};
use skrifa::{MetadataProvider, Tag};

/// The bytes of the table `tag` of `font`; panics if there is none.
pub fn table<'a>(font: &'a [u8], tag: &[u8; 4]) -> &'a [u8] {
    FontRef::new(font)
        .unwrap()
        .table_data(Tag::new(tag))
        .unwrap_or_else(|| panic!("no {} table", String::from_utf8_lossy(tag)))
        .as_bytes()
}

/// `font` with the tables in `tables` put in (replacing those of the same tag), written
/// out whole again with the table directory sorted and every checksum right.
pub fn with_tables(font: &[u8], tables: &[(&[u8; 4], Vec<u8>)]) -> Vec<u8> {
    let parsed = FontRef::new(font).unwrap();
    let mut all: Vec<([u8; 4], Vec<u8>)> = parsed
        .table_directory
        .table_records()
        .iter()
        .map(|record| {
            let tag = record.tag().to_be_bytes();
            (tag, table(font, &tag).to_vec())
        })
        .filter(|(tag, _)| !tables.iter().any(|(t, _)| *t == tag))
        .collect();
    all.extend(tables.iter().map(|(tag, data)| (**tag, data.clone())));
    all.sort_by_key(|(tag, _)| *tag);
    let count = all.len() as u16;
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000_u32.to_be_bytes());
    let log = 15 - count.leading_zeros() as u16;
    let range = 16 << log;
    for value in [count, range, log, count * 16 - range] {
        out.extend_from_slice(&value.to_be_bytes());
    }
    let mut offset = 12 + 16 * all.len();
    for (tag, data) in &all {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().next_multiple_of(4);
    }
    for (_, data) in &all {
        out.extend_from_slice(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    out
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0_u32, |sum, chunk| {
        let mut word = [0; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// `font` with `bytes` written over its table `tag` at `at`.
pub fn patched(font: &[u8], tag: &[u8; 4], at: usize, bytes: &[u8]) -> Vec<u8> {
    let mut data = table(font, tag).to_vec();
    data[at..at + bytes.len()].copy_from_slice(bytes);
    with_tables(font, &[(tag, data)])
}

/// The glyph `font` draws `c` with.
pub fn glyph_of(font: &[u8], c: char) -> u16 {
    let gid = FontRef::new(font).unwrap().charmap().map(c).unwrap();
    u16::try_from(gid.to_u32()).unwrap()
}

/// Every glyph of `font` as the bytes of its `glyf` entry, in glyph order.
fn glyphs(font: &[u8]) -> Vec<Vec<u8>> {
    let parsed = FontRef::new(font).unwrap();
    let loca = parsed.loca(None).unwrap();
    let glyf = table(font, b"glyf");
    (0..loca.len())
        .map(|i| {
            let (start, end) = (loca.get_raw(i).unwrap(), loca.get_raw(i + 1).unwrap());
            glyf[start as usize..end as usize].to_vec()
        })
        .collect()
}

/// `font` with its `glyf` and (long) `loca` made from `glyphs`, one entry per glyph.
fn with_glyphs(font: &[u8], glyphs: &[Vec<u8>]) -> Vec<u8> {
    let (mut glyf, mut loca) = (Vec::new(), Vec::new());
    for glyph in glyphs {
        loca.extend_from_slice(&(glyf.len() as u32).to_be_bytes());
        glyf.extend_from_slice(glyph);
        glyf.resize(glyf.len().next_multiple_of(4), 0);
    }
    loca.extend_from_slice(&(glyf.len() as u32).to_be_bytes());
    let mut head = table(font, b"head").to_vec();
    // indexToLocFormat: long offsets.
    head[50..52].copy_from_slice(&1_u16.to_be_bytes());
    with_tables(font, &[(b"glyf", glyf), (b"loca", loca), (b"head", head)])
}

/// A composite glyph of `parts`, each placed at (0, 0).
fn composite(parts: &[u16]) -> Vec<u8> {
    let mut glyph = Vec::new();
    for value in [-1_i16, 0, 0, 500, 500] {
        glyph.extend_from_slice(&value.to_be_bytes());
    }
    for (i, part) in parts.iter().enumerate() {
        // ARGS_ARE_XY_VALUES, and MORE_COMPONENTS on all but the last.
        let flags: u16 = if i + 1 < parts.len() { 0x0022 } else { 0x0002 };
        glyph.extend_from_slice(&flags.to_be_bytes());
        glyph.extend_from_slice(&part.to_be_bytes());
        glyph.extend_from_slice(&[0, 0]);
    }
    glyph
}

/// A simple glyph of one contour of `points` points, all at the origin: a few hundred bytes
/// however many points, as every point repeats the flag of the one before.
fn many_points(points: u16) -> Vec<u8> {
    let mut glyph = Vec::new();
    for value in [1_i16, 0, 0, 0, 0] {
        glyph.extend_from_slice(&value.to_be_bytes());
    }
    glyph.extend_from_slice(&(points - 1).to_be_bytes());
    glyph.extend_from_slice(&0_u16.to_be_bytes()); // no instructions
                                                   // On the curve, x and y the same as the last point's; repeated.
    let flag = 0x01 | 0x10 | 0x20;
    let mut left = usize::from(points);
    while left > 0 {
        let run = left.min(255);
        glyph.extend_from_slice(&[flag | 0x08, (run - 1) as u8]);
        left -= run;
    }
    glyph
}

/// A font whose glyph for `top` is the glyph for `bottom` repeated `copies` ^ `levels`
/// times, through `levels` composites nested in one another: each level is the one below
/// it `copies` times. The levels take the glyphs of the characters from `bottom` on, so
/// `top` must come `levels` characters after it.
pub fn composite_bomb(font: &[u8], bottom: char, top: char, levels: u32, copies: usize) -> Vec<u8> {
    let mut all = glyphs(font);
    let chain: Vec<u16> = (u32::from(bottom)..=u32::from(top))
        .map(|c| glyph_of(font, char::from_u32(c).unwrap()))
        .collect();
    assert_eq!(
        chain.len() as u32,
        levels + 1,
        "{bottom}..{top} is {levels} levels"
    );
    for pair in chain.windows(2) {
        all[usize::from(pair[1])] = composite(&vec![pair[0]; copies]);
    }
    with_glyphs(font, &all)
}

/// A font whose glyphs for `a` and `b` are each made of the other.
pub fn composite_cycle(font: &[u8], a: char, b: char) -> Vec<u8> {
    let mut all = glyphs(font);
    let (ga, gb) = (glyph_of(font, a), glyph_of(font, b));
    all[usize::from(ga)] = composite(&[gb]);
    all[usize::from(gb)] = composite(&[ga]);
    with_glyphs(font, &all)
}

/// A font whose glyph for `c` is `copies` copies of a simple glyph of `points` points (the
/// glyph for `part`, replaced).
pub fn heavy_glyph(font: &[u8], part: char, c: char, points: u16, copies: usize) -> Vec<u8> {
    let mut all = glyphs(font);
    let gid = glyph_of(font, part);
    all[usize::from(gid)] = many_points(points);
    all[usize::from(glyph_of(font, c))] = composite(&vec![gid; copies]);
    with_glyphs(font, &all)
}

/// A font whose `loca` is made by `edit` from the long offsets of its glyphs.
pub fn with_loca(font: &[u8], edit: impl FnOnce(&mut Vec<u32>)) -> Vec<u8> {
    let font = with_glyphs(font, &glyphs(font));
    let mut offsets: Vec<u32> = table(&font, b"loca")
        .chunks(4)
        .map(|b| u32::from_be_bytes(b.try_into().unwrap()))
        .collect();
    edit(&mut offsets);
    let loca: Vec<u8> = offsets.iter().flat_map(|o| o.to_be_bytes()).collect();
    with_tables(&font, &[(b"loca", loca)])
}

/// A font with a `GSUB` of `lookups` lookups, every one of which replaces each glyph the
/// `cmap` maps by two of itself (multiple substitution), all under the `ccmp` feature of
/// every script: a character becomes 2 ^ `lookups` glyphs.
pub fn shaping_bomb(font: &[u8], lookups: u16) -> Vec<u8> {
    let parsed = FontRef::new(font).unwrap();
    let covered: Vec<u16> = (parsed.charmap().mappings())
        .map(|(_, gid)| u16::try_from(gid.to_u32()).unwrap())
        .collect();
    doubling(font, covered, lookups)
}

/// [`shaping_bomb`] for the one character `c`: the others stay one glyph each.
pub fn shaping_bomb_of(font: &[u8], c: char, lookups: u16) -> Vec<u8> {
    doubling(font, vec![glyph_of(font, c)], lookups)
}

/// `font` with a `GSUB` of `lookups` lookups that each double the glyphs `covered`.
fn doubling(font: &[u8], mut covered: Vec<u16>, lookups: u16) -> Vec<u8> {
    covered.sort_unstable();
    covered.dedup();
    let u16s =
        |values: &[u16]| -> Vec<u8> { values.iter().flat_map(|v| v.to_be_bytes()).collect() };

    // One multiple substitution subtable, shared by every lookup.
    let n = covered.len() as u16;
    let sequences_at = 6 + 2 * n;
    let coverage_at = sequences_at + 6 * n;
    let mut subtable = u16s(&[1, coverage_at, n]);
    subtable.extend(u16s(
        &(0..n).map(|i| sequences_at + 6 * i).collect::<Vec<_>>(),
    ));
    for &gid in &covered {
        subtable.extend(u16s(&[2, gid, gid]));
    }
    subtable.extend(u16s(&[1, n]));
    subtable.extend(u16s(&covered));

    // The lookup list: each lookup (8 bytes) points at the subtable after them all.
    let list_len = 2 + 2 * lookups;
    let mut lookup_list = u16s(&[lookups]);
    let lookup_at = |i: u16| list_len + 8 * i;
    lookup_list.extend(u16s(&(0..lookups).map(lookup_at).collect::<Vec<_>>()));
    let subtable_at = lookup_at(lookups);
    for i in 0..lookups {
        lookup_list.extend(u16s(&[2, 0, 1, subtable_at - lookup_at(i)]));
    }
    lookup_list.extend(subtable);

    // Scripts DFLT and latn, each with a default language system of feature 0.
    let mut script_list = u16s(&[2]);
    for (i, tag) in [b"DFLT", b"latn"].iter().enumerate() {
        script_list.extend_from_slice(*tag);
        script_list.extend(u16s(&[14 + 12 * i as u16]));
    }
    for _ in 0..2 {
        // A script (its default language system 4 bytes on, no others), then that system.
        script_list.extend(u16s(&[4, 0, 0, 0xFFFF, 1, 0]));
    }
    let mut feature_list = u16s(&[1]);
    feature_list.extend_from_slice(b"ccmp");
    feature_list.extend(u16s(&[8, 0, lookups]));
    feature_list.extend(u16s(&(0..lookups).collect::<Vec<_>>()));

    let script_at = 10;
    let feature_at = script_at + script_list.len() as u16;
    let lookups_at = feature_at + feature_list.len() as u16;
    let mut gsub = u16s(&[1, 0, script_at, feature_at, lookups_at]);
    gsub.extend(script_list);
    gsub.extend(feature_list);
    gsub.extend(lookup_list);
    with_tables(font, &[(b"GSUB", gsub)])
}
