//! The font faces text is shaped with: the bundled Noto Sans, compiled into the library and
//! parsed once per process, and a roadmap's own faces, parsed once when the roadmap is read.

use crate::scene::{self, Weight};
use harfrust::{Direction, FontRef, ShapePlan, Shaper, ShaperData};
use skrifa::instance::{LocationRef, Size};
use skrifa::string::StringId;
use skrifa::MetadataProvider;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

/// Noto Sans Regular, OFL-1.1 (fonts/OFL.txt).
pub const REGULAR_TTF: &[u8] = include_bytes!("../../fonts/NotoSans-Regular.ttf");
/// Noto Sans Bold, OFL-1.1 (fonts/OFL.txt).
pub const BOLD_TTF: &[u8] = include_bytes!("../../fonts/NotoSans-Bold.ttf");
/// The family name both bundled faces carry, used by the SVG writer and the PNG renderer.
pub const FAMILY: &str = "Noto Sans";

/// Where each face stands in a font set, and so in [`scene::Scene::faces`]: the bundled
/// faces first, so a page without fonts of its own keeps the indices it always had.
const NOTO_REGULAR: usize = 0;
/// Noto Sans Bold's index.
const NOTO_BOLD: usize = 1;
/// The index of a roadmap's regular face.
const OWN_REGULAR: usize = 2;
/// The index of a roadmap's bold face.
const OWN_BOLD: usize = 3;

/// One parsed face with the data its shaper needs.
pub struct Face {
    /// The face as the scene and the writers see it: its family, weight and bytes.
    scene: scene::Face,
    shaper: ShaperData,
    /// The shaping plan for left-to-right Latin text, made on first use.
    latin: OnceLock<ShapePlan>,
    /// Every character the face maps to a glyph, sorted.
    chars: Vec<u32>,
    /// Font units per em.
    pub units_per_em: f32,
    /// Ascender above the baseline, in units of the em (positive).
    pub ascent: f32,
    /// Descender below the baseline, in units of the em (positive).
    pub descent: f32,
}

impl Face {
    /// Parses one font of `data` (the one at `index` in a collection); `None` if it does
    /// not parse as a font.
    fn parse(scene: scene::Face) -> Option<Face> {
        let font = FontRef::from_index(&scene.data, scene.index).ok()?;
        let metrics = font.metrics(Size::unscaled(), LocationRef::default());
        let units_per_em = f32::from(metrics.units_per_em).max(1.0);
        let mut chars: Vec<u32> = (font.charmap().mappings()).map(|(c, _)| c).collect();
        chars.sort_unstable();
        chars.dedup();
        let shaper = ShaperData::new(&font);
        Some(Face {
            shaper,
            latin: OnceLock::new(),
            chars,
            units_per_em,
            ascent: metrics.ascent / units_per_em,
            descent: -metrics.descent / units_per_em,
            scene,
        })
    }

    /// The font as harfrust and skrifa see it. The bytes parsed when the face was made, so
    /// this does not fail in practice; `None` if it somehow does.
    pub fn font(&self) -> Option<FontRef<'_>> {
        FontRef::from_index(&self.scene.data, self.scene.index).ok()
    }

    /// The cached shaping data for this face.
    pub fn shaper_data(&self) -> &ShaperData {
        &self.shaper
    }

    /// The plan for left-to-right Latin text without a language, the properties harfrust
    /// guesses for the roadmaps waypost draws and that usvg shapes with. Making a plan costs
    /// more than shaping a short line, so it is made once.
    pub fn latin_plan(&self, shaper: &Shaper) -> &ShapePlan {
        self.latin.get_or_init(|| {
            ShapePlan::new(
                shaper,
                Direction::LeftToRight,
                Some(harfrust::script::LATIN),
                None,
                &[],
            )
        })
    }

    /// Whether the face has a glyph for the character.
    pub fn covers(&self, ch: char) -> bool {
        self.chars.binary_search(&u32::from(ch)).is_ok()
    }
}

/// A roadmap's own faces.
struct Own {
    regular: Face,
    bold: Option<Face>,
}

/// The faces a roadmap's text is shaped with: its own regular and bold faces, if it names
/// any, with the bundled Noto Sans drawing each character they lack; otherwise Noto Sans
/// alone. Cheap to clone: the parsed faces are shared.
#[derive(Clone)]
pub struct Fonts {
    set: Arc<Set>,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let family = self.set.own.as_ref().map(|own| &own.regular.scene.family);
        f.debug_struct("Fonts")
            .field("own", &family)
            .finish_non_exhaustive()
    }
}

struct Set {
    /// Tells this set's shaping results apart from every other set's in the shaping cache
    /// of each thread: 0 for the bundled faces alone, and a number no other set in this
    /// process has for a roadmap's own. It never reaches any output.
    key: u64,
    own: Option<Own>,
}

/// Where the next set of a roadmap's own faces takes its key from.
static NEXT_KEY: AtomicU64 = AtomicU64::new(1);

/// The bundled faces, parsed on first use.
fn bundled() -> &'static [Face; 2] {
    static FACES: OnceLock<[Face; 2]> = OnceLock::new();
    FACES.get_or_init(|| {
        let face = |data: &'static [u8], weight| {
            // The bundled files are fixed at compile time and checked by the tests, so a
            // parse failure here is a build defect, not an input problem.
            Face::parse(scene::Face {
                family: FAMILY.to_string(),
                weight,
                data: Arc::from(data),
                index: 0,
                bundled: true,
            })
            .expect("bundled font parses")
        };
        [
            face(REGULAR_TTF, Weight::Regular),
            face(BOLD_TTF, Weight::Bold),
        ]
    })
}

/// A font file a roadmap names: its bytes, and which font of a collection it is.
pub struct OwnFile {
    /// The file's bytes.
    pub data: Arc<[u8]>,
    /// The font's index in a collection; 0 for a single font.
    pub index: u32,
}

impl Fonts {
    /// Noto Sans alone, parsed on first use.
    pub fn bundled() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| Fonts {
            set: Arc::new(Set { key: 0, own: None }),
        })
    }

    /// A roadmap's own faces with Noto Sans as their fallback; `None` when a file does not
    /// parse as a font (the model checks every file before it gets here). Without a bold
    /// face, bold text is set in the regular face: one typeface on the page, rather than
    /// Noto Sans Bold headings beside the roadmap's own running text.
    pub fn own(regular: &OwnFile, bold: Option<&OwnFile>) -> Option<Fonts> {
        let family = family_of(regular)?;
        let face = |file: &OwnFile, weight| {
            Face::parse(scene::Face {
                family: family.clone(),
                weight,
                data: file.data.clone(),
                index: file.index,
                bundled: false,
            })
        };
        let regular = face(regular, Weight::Regular)?;
        let bold = match bold {
            Some(file) => Some(face(file, Weight::Bold)?),
            None => None,
        };
        Some(Fonts {
            set: Arc::new(Set {
                key: NEXT_KEY.fetch_add(1, Ordering::Relaxed),
                own: Some(Own { regular, bold }),
            }),
        })
    }

    /// The key that tells this set's shaping results apart in the shaping cache.
    pub(super) fn key(&self) -> u64 {
        self.set.key
    }

    /// Whether the set has faces of a roadmap's own.
    pub fn has_own(&self) -> bool {
        self.set.own.is_some()
    }

    /// The face at `index` ([`NOTO_REGULAR`] …); Noto Sans Regular for an index the set
    /// does not have.
    pub fn face(&self, index: usize) -> &Face {
        let [regular, bold] = bundled();
        match (index, &self.set.own) {
            (NOTO_BOLD, _) => bold,
            (OWN_REGULAR, Some(own)) => &own.regular,
            (OWN_BOLD, Some(Own { bold: Some(b), .. })) => b,
            _ => regular,
        }
    }

    /// The face that draws text of `weight`, and the face that draws the characters it
    /// lacks, if another does: by index.
    pub fn faces_for(&self, weight: Weight) -> (usize, Option<usize>) {
        match (&self.set.own, weight) {
            (None, Weight::Bold) => (NOTO_BOLD, None),
            (None, _) => (NOTO_REGULAR, None),
            (Some(own), Weight::Bold) if own.bold.is_some() => (OWN_BOLD, Some(NOTO_BOLD)),
            (Some(_), _) => (OWN_REGULAR, Some(NOTO_REGULAR)),
        }
    }

    /// The faces of the set as the scene lists them, in index order.
    pub fn scene_faces(&self) -> Vec<scene::Face> {
        let [regular, bold] = bundled();
        let mut faces = vec![regular.scene.clone(), bold.scene.clone()];
        if let Some(own) = &self.set.own {
            faces.push(own.regular.scene.clone());
            if let Some(bold) = &own.bold {
                faces.push(bold.scene.clone());
            }
        }
        faces
    }

    /// The characters of `text` that no face can draw, each once, in order of appearance:
    /// those of each cluster (a character and the combining marks after it) that the face
    /// drawing the cluster in either weight lacks. Line breaks and tabs are not drawn and
    /// so are not reported.
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut missing: Vec<char> = Vec::new();
        for cluster in super::runs::clusters(text) {
            for weight in [Weight::Regular, Weight::Bold] {
                let (primary, fallback) = self.faces_for(weight);
                let covers = |face: usize, c: char| self.face(face).covers(c);
                let face = self.face(super::runs::face_for(&covers, cluster, primary, fallback));
                for ch in cluster.chars() {
                    if ch == '\n' || ch == '\t' || missing.contains(&ch) {
                        continue;
                    }
                    if !face.covers(ch) {
                        missing.push(ch);
                    }
                }
            }
        }
        missing
    }
}

/// The family name a roadmap's own faces are known by, from the regular face's name
/// table: its typographic family if it has one, else its family. Kept to letters, digits,
/// spaces and `-`, so that it needs no quoting in CSS, SVG or a font database; a name that
/// is then empty, or that is the bundled family's, gets another, so that a roadmap's face
/// is never taken for Noto Sans.
fn family_of(file: &OwnFile) -> Option<String> {
    let font = FontRef::from_index(&file.data, file.index).ok()?;
    let name = [StringId::TYPOGRAPHIC_FAMILY_NAME, StringId::FAMILY_NAME]
        .into_iter()
        .find_map(|id| {
            let name = font.localized_strings(id).english_or_first()?.to_string();
            (!name.trim().is_empty()).then_some(name)
        })
        .unwrap_or_default();
    let kept: String = name
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
        .collect();
    let kept = kept.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(if kept.is_empty() {
        "Own".to_string()
    } else if kept.eq_ignore_ascii_case(FAMILY) {
        format!("{kept} Own")
    } else {
        kept
    })
}
