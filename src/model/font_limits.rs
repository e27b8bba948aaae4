//! The limits a roadmap's own font file must keep, checked once, when the roadmap is read:
//! sound metrics, glyph locations inside the file, and composite glyphs that stay small
//! when drawn.
//!
//! A font file of a few kilobytes can describe a glyph of a trillion pieces (a composite
//! glyph made of another four times, that one of another four times, twenty deep), metrics
//! no page can hold, or glyphs that lie outside the file. Each is refused at the font's line
//! in `[fonts]`, so none reaches the layout, the subsetter or a renderer.
//!
//! What the font's substitutions make of its characters is checked too, by shaping each
//! of them once the font is parsed: at most [`MAX_GLYPHS_PER_CHAR`] glyphs a character.

use crate::text::{Face, Overgrowth};
use skrifa::instance::{LocationRef, Size};
use skrifa::raw::tables::glyf::{Glyf, Glyph};
use skrifa::raw::tables::loca::Loca;
use skrifa::raw::types::GlyphId;
use skrifa::raw::{FontRef, TableProvider};
use skrifa::MetadataProvider;

/// How deep composite glyphs may nest: a glyph made of glyphs made of glyphs is 2 deep.
/// An accented letter is 1 deep (a letter and an accent); the bundled Noto Sans nests 2
/// deep at most, DejaVu 4.
pub const MAX_COMPONENT_DEPTH: u8 = 8;

/// How many simple glyphs one glyph may be drawn from, counting each use of a part: an
/// accented letter is 2; the most the bundled Noto Sans uses is 14, DejaVu 8.
pub const MAX_GLYPH_PARTS: u32 = 2_000;

/// How many outline points one glyph may have, its parts' added up: the most TrueType can
/// count (OpenType's `maxp` holds it in 16 bits) and the most the outline reader draws.
pub const MAX_GLYPH_POINTS: u32 = u16::MAX as u32;

/// How far from the baseline the ascender, the descender and the line gap may reach, in
/// ems: fonts for Latin text reach about 1, those for tall scripts about 2.
pub const MAX_METRIC_EMS: i32 = 4;

/// What a font's own `head` table may give as its size unit (unitsPerEm), as the OpenType
/// specification allows.
const UNITS_PER_EM: std::ops::RangeInclusive<u16> = 16..=16384;

/// The hint for every damaged file.
const ANOTHER_COPY: &str = "use another copy of the font, such as a fresh download from its \
                            maker, or choose another font";

/// Why the face cannot be used, as a message and a hint: a character it shapes into too
/// many glyphs ([`MAX_GLYPHS_PER_CHAR`]).
pub(super) fn check_shaping(face: &Face, path: &str) -> Result<(), (String, String)> {
    match crate::text::overgrown(face) {
        None => Ok(()),
        Some(Overgrowth { ch, glyphs }) => Err((
            format!(
                "{path} is damaged: its glyph substitutions (`GSUB`) make at least {glyphs} glyphs of \
                 the character '{ch}' (U+{:04X}), where fonts make one to three",
                u32::from(ch)
            ),
            ANOTHER_COPY.to_string(),
        )),
    }
}

/// Why the font's tables cannot be used, as a message and a hint.
pub(super) fn check_tables(font: &FontRef, path: &str) -> Result<(), (String, String)> {
    check_metrics(font)
        .and_then(|()| check_glyphs(font))
        .map_err(|what| {
            (
                format!("{path} is damaged: {what}"),
                ANOTHER_COPY.to_string(),
            )
        })
}

/// The size unit and the vertical metrics, as `hhea` records them and as the layout reads
/// them (which may be from `OS/2`).
fn check_metrics(font: &FontRef) -> Result<(), String> {
    let head = font
        .head()
        .map_err(|_| "it has no readable `head` table".to_string())?;
    let units = head.units_per_em();
    if !UNITS_PER_EM.contains(&units) {
        return Err(format!(
            "its size unit (unitsPerEm in its `head` table) is {units}, where fonts use \
             {} to {}",
            UNITS_PER_EM.start(),
            UNITS_PER_EM.end()
        ));
    }
    let reach = MAX_METRIC_EMS * i32::from(units);
    let hhea = font
        .hhea()
        .map_err(|_| "it has no readable `hhea` table".to_string())?;
    let metrics = font.metrics(Size::unscaled(), LocationRef::default());
    // The layout reads the metrics skrifa resolves (from `OS/2` when the font says so);
    // the PDF writer's font reader reads `hhea`.
    for (name, value) in [
        ("ascender (in `hhea`)", f32::from(hhea.ascender().to_i16())),
        (
            "descender (in `hhea`)",
            f32::from(hhea.descender().to_i16()),
        ),
        ("line gap (in `hhea`)", f32::from(hhea.line_gap().to_i16())),
        ("ascender", metrics.ascent),
        ("descender", metrics.descent),
        ("line gap", metrics.leading),
    ] {
        if value.abs() > reach as f32 {
            return Err(format!(
                "its {name} is {value} units, {:.0} ems, where fonts reach about 1 or 2 ems",
                value.abs() / f32::from(units)
            ));
        }
    }
    if metrics.ascent - metrics.descent <= 0.0 {
        return Err(format!(
            "its ascender ({}) and descender ({}) leave no height for a line of text",
            metrics.ascent, metrics.descent
        ));
    }
    Ok(())
}

/// Where `loca` says each glyph lies in `glyf`, and what each composite glyph is made of.
fn check_glyphs(font: &FontRef) -> Result<(), String> {
    let count = font
        .maxp()
        .map_err(|_| "it has no readable `maxp` table".to_string())?
        .num_glyphs();
    let head = font
        .head()
        .map_err(|_| "it has no readable `head` table".to_string())?;
    let format = head.index_to_loc_format();
    if !matches!(format, 0 | 1) {
        return Err(format!(
            "its glyph index format (indexToLocFormat in `head`) is {format}, where fonts \
             use 0 or 1"
        ));
    }
    let unreadable = || "its glyph index (`loca` table) cannot be read".to_string();
    let loca = font.loca(format == 1).map_err(|_| unreadable())?;
    let glyf = font.glyf().map_err(|_| unreadable())?;
    if loca.len() < usize::from(count) {
        return Err(format!(
            "its glyph index (`loca` table) lists {} glyphs, where the font has {count}",
            loca.len()
        ));
    }
    let size = glyf.offset_data().len();
    let mut last = 0;
    for i in 0..=usize::from(count) {
        let at = loca.get_raw(i).ok_or_else(unreadable)?;
        if at < last {
            return Err(format!(
                "its glyph index (`loca` table) puts glyph {i} before glyph {}",
                i - 1
            ));
        }
        if at as usize > size {
            return Err(format!(
                "its glyph index (`loca` table) puts glyph {i} at byte {at} of its outlines \
                 (`glyf` table), which has {size} bytes",
            ));
        }
        last = at;
    }
    let mut walk = Walk {
        loca,
        glyf,
        count,
        seen: vec![Seen::Not; usize::from(count)],
    };
    for gid in 0..count {
        walk.measure(gid, 0)?;
    }
    Ok(())
}

/// The message for composite glyphs nested deeper than [`MAX_COMPONENT_DEPTH`].
fn too_deep(gid: u16) -> String {
    format!(
        "glyph {gid} is made of composite glyphs nested more than {MAX_COMPONENT_DEPTH} \
         deep, where fonts nest at most 4 deep"
    )
}

/// What a glyph comes to when drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Extent {
    /// How deep its composites nest: 0 for a simple glyph.
    depth: u8,
    /// How many simple (or empty) glyphs it is drawn from.
    parts: u32,
    /// How many outline points those have together.
    points: u32,
}

/// Where the walk over the glyphs stands with one glyph.
#[derive(Debug, Clone, Copy)]
enum Seen {
    /// Not reached yet.
    Not,
    /// Being measured: reached again below itself, it is made of itself.
    Open,
    /// Measured.
    Done(Extent),
}

/// A walk over every glyph, each measured once however often it is used.
struct Walk<'a> {
    loca: Loca<'a>,
    glyf: Glyf<'a>,
    count: u16,
    seen: Vec<Seen>,
}

impl Walk<'_> {
    /// The extent of glyph `gid`, reached `depth` composites deep.
    fn measure(&mut self, gid: u16, depth: u8) -> Result<Extent, String> {
        match self.seen[usize::from(gid)] {
            Seen::Done(extent) => return Ok(extent),
            Seen::Open => return Err(format!("glyph {gid} is made of itself")),
            Seen::Not => {}
        }
        let glyph = (self.loca)
            .get_glyf(GlyphId::new(u32::from(gid)), &self.glyf)
            .map_err(|_| format!("glyph {gid} cannot be read"))?;
        let extent = match glyph {
            None => Extent {
                depth: 0,
                parts: 1,
                points: 0,
            },
            Some(Glyph::Simple(simple)) => Extent {
                depth: 0,
                parts: 1,
                points: u32::try_from(simple.num_points()).unwrap_or(u32::MAX),
            },
            Some(Glyph::Composite(composite)) => {
                // Checked on the way down, so that the walk itself never goes deeper.
                if depth >= MAX_COMPONENT_DEPTH {
                    return Err(too_deep(gid));
                }
                self.seen[usize::from(gid)] = Seen::Open;
                let mut sum = Extent {
                    depth: 1,
                    parts: 0,
                    points: 0,
                };
                for part in composite.component_glyphs_and_flags().map(|(g, _)| g) {
                    let part = part.to_u16();
                    if part >= self.count {
                        return Err(format!(
                            "glyph {gid} is made of glyph {part}, and the font has {} glyphs",
                            self.count
                        ));
                    }
                    let inner = self.measure(part, depth + 1)?;
                    sum.depth = sum.depth.max(inner.depth + 1);
                    sum.parts = sum.parts.saturating_add(inner.parts);
                    sum.points = sum.points.saturating_add(inner.points);
                    if sum.parts > MAX_GLYPH_PARTS {
                        return Err(format!(
                            "glyph {gid} is drawn from more than {MAX_GLYPH_PARTS} pieces \
                             (fonts use a handful), which would take far too long to draw"
                        ));
                    }
                }
                if sum.depth > MAX_COMPONENT_DEPTH {
                    return Err(too_deep(gid));
                }
                sum
            }
        };
        if extent.points > MAX_GLYPH_POINTS {
            return Err(format!(
                "glyph {gid} has {} outline points, more than the {MAX_GLYPH_POINTS} a \
                 TrueType glyph can have",
                extent.points
            ));
        }
        self.seen[usize::from(gid)] = Seen::Done(extent);
        Ok(extent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The most depth, parts and points any glyph of a font comes to.
    fn largest(data: &[u8]) -> (u8, u32, u32) {
        let font = FontRef::new(data).unwrap();
        let count = font.maxp().unwrap().num_glyphs();
        let mut walk = Walk {
            loca: font.loca(None).unwrap(),
            glyf: font.glyf().unwrap(),
            count,
            seen: vec![Seen::Not; usize::from(count)],
        };
        (0..count)
            .map(|gid| walk.measure(gid, 0).unwrap())
            .fold((0, 0, 0), |(d, n, p), e| {
                (d.max(e.depth), n.max(e.parts), p.max(e.points))
            })
    }

    #[test]
    fn real_fonts_stay_far_inside_the_limits() {
        let file = |path: &str| std::fs::read(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")));
        let cases = [
            (crate::text::REGULAR_TTF.to_vec(), (2, 14, 280)),
            (crate::text::BOLD_TTF.to_vec(), (2, 14, 280)),
            (
                file("examples/handout/fonts/DejaVuSerif.ttf").unwrap(),
                (4, 8, 521),
            ),
            (
                file("examples/branded/fonts/Lato-Bold.ttf").unwrap(),
                (1, 4, 244),
            ),
        ];
        for (data, expected) in cases {
            assert_eq!(largest(&data), expected);
            let font = FontRef::new(&data).unwrap();
            assert_eq!(check_tables(&font, "f.ttf"), Ok(()));
        }
    }
}
