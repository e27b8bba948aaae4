//! How far a viewer advances after each glyph: the `/W` widths printpdf writes for each
//! embedded face, which the text runs are computed against.

use crate::scene::Face;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::raw::TableProvider as _;
use skrifa::{FontRef, GlyphId, MetadataProvider};

/// How far a viewer advances after each glyph of each face, in thousandths of an em: the
/// `/W` entry printpdf writes, which is the advance truncated. The `TJ` runs are computed
/// against these widths.
pub(super) struct Widths<'s> {
    faces: Vec<Option<(GlyphMetrics<'s>, f32, Option<u16>)>>,
}

impl<'s> Widths<'s> {
    /// The widths of every face of `faces`, by their index in it.
    pub(super) fn new(faces: &'s [Face]) -> Widths<'s> {
        let faces = (faces.iter())
            .map(|face| {
                let font = FontRef::from_index(&face.data, face.index).ok()?;
                let upm = f32::from(font.head().ok()?.units_per_em()).max(1.0);
                let space =
                    (font.charmap().map(' ')).and_then(|gid| u16::try_from(gid.to_u32()).ok());
                let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
                Some((metrics, upm, space))
            })
            .collect();
        Widths { faces }
    }

    /// The width of glyph `gid` of the face at `face`; 0 for a face the list lacks.
    pub(super) fn width(&self, face: usize, gid: u16) -> f64 {
        let Some(Some((metrics, upm, _))) = self.faces.get(face) else {
            return 0.0;
        };
        let advance = metrics.advance_width(GlyphId::new(u32::from(gid)));
        f64::from((advance.unwrap_or(0.0) * (1000.0 / upm)).trunc())
    }

    /// The face's glyph for the space character.
    pub(super) fn space(&self, face: usize) -> Option<u16> {
        self.faces.get(face)?.as_ref()?.2
    }
}
