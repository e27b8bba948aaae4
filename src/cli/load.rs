//! Reading a roadmap and the layout chosen for it, with every problem of both reported
//! together: a wrong layout is not held back until the roadmap's other mistakes are fixed.

use super::args::{OrientationArg, PageArgs, QrArg};
use super::failure::{about, Failure};
use super::files::{self, Confinement};
use super::today::system_today;
use std::path::{Path, PathBuf};
use waypost::layout::social;
use waypost::layout::{self, LayoutOptions, Page, Preset};
use waypost::model::ending::{ending_warnings, has_ended};
use waypost::model::{self, LayoutRef, Orientation, PageChoice, Roadmap};
use waypost::scene::Date;
use waypost::{Diagnostic, Diagnostics, Error, RenderOptions, Severity};

/// A roadmap read, with the layout the user chose.
pub(super) struct Loaded {
    /// The roadmap.
    pub(super) roadmap: Roadmap,
    preset: Preset,
    /// The preset's name or path, for messages.
    pub(super) layout: String,
    /// Page size, orientation and QR codes on cards (`--qr offers`) from the command line.
    overrides: LayoutOptions,
    /// The day offers' `until` dates are compared with.
    today: Date,
    /// Whether offers that have ended stay on the page, marked.
    keep_ended: bool,
    /// Warnings about offers that have ended or end soon, at their `until`; `None` when
    /// there are none.
    pub(super) warnings: Option<Diagnostics>,
    /// The roadmap file's name as given, and its text, for messages after parsing.
    name: String,
    source: String,
}

impl Loaded {
    /// Render options for this roadmap; formats and writer settings are the caller's.
    pub(super) fn options(&self) -> RenderOptions {
        RenderOptions {
            preset: Some(self.preset.clone()),
            layout: self.overrides.clone(),
            today: Some(self.today),
            keep_ended: self.keep_ended,
            ..RenderOptions::default()
        }
    }

    /// The page the roadmap is laid out on.
    pub(super) fn page(&self) -> Page {
        Page::new(&self.roadmap, &self.preset, &self.overrides)
    }
}

/// Reads and validates a roadmap and the layout the user chose. A layout named with
/// `--layout` that is no preset and no path is a mistake in the command, refused before
/// the roadmap is read; every other problem — in the roadmap, in the layout it names, in
/// a layout file — is reported in one answer.
pub(super) fn load(file: &Path, page: &PageArgs) -> Result<Loaded, Failure> {
    let flag = page.layout.as_deref().map(operator_layout).transpose()?;
    let source = files::read_text(file)?;
    let name = file.display().to_string();
    let assets = super::assets::read_assets(file, &source);
    let parsed = model::parse_with(&name, &source, &assets);
    let chosen = match flag {
        Some(choice) => choice.read().map(Some),
        None => {
            let named = match &parsed {
                Ok(roadmap) => roadmap.layout.clone(),
                Err(_) => model::layout_named(&source),
            };
            match named {
                Some(key) => roadmap_preset(file, &name, &source, &key),
                None => Ok(None),
            }
        }
    };
    let (roadmap, chosen) = match (parsed, chosen) {
        (Ok(roadmap), Ok(chosen)) => (roadmap, chosen),
        (Err(e), Ok(_)) => return Err(e.into()),
        (Ok(_), Err(failure)) => return Err(failure),
        (Err(e), Err(failure)) => return Err(Failure::from(e).and(failure)),
    };
    let (layout_name, preset) = match chosen {
        Some(chosen) => chosen,
        None => (
            layout::preset::DEFAULT.to_string(),
            Preset::builtin(layout::preset::DEFAULT)
                .ok_or_else(|| Failure::Usage("the default layout is missing".to_string()))?,
        ),
    };
    let overrides = LayoutOptions {
        page: match page.page {
            Some(PageChoice::Size(size)) => Some(size),
            _ => None,
        },
        auto_page: match page.page {
            Some(PageChoice::Auto(series)) => Some(series),
            _ => None,
        },
        orientation: page.orientation.map(|o| match o {
            OrientationArg::Portrait => Orientation::Portrait,
            OrientationArg::Landscape => Orientation::Landscape,
        }),
        offer_codes: page.qr == Some(QrArg::Offers),
        pages: page.pages,
        min_text: page.min_text,
        brief: false,
    };
    // Offers that have ended: warned about, then left off the page or marked.
    let today = page.today.unwrap_or_else(system_today);
    let mut list = ending_warnings(&roadmap, &today);
    // What the brand's typeface lacks, drawn in the bundled one: a note, not a fault.
    list.extend(waypost::model::fallback::fallback_note(&roadmap));
    let warnings = (!list.is_empty()).then(|| Diagnostics {
        file: name.clone(),
        source: source.clone(),
        list,
    });

    Ok(Loaded {
        roadmap,
        preset,
        layout: layout_name,
        overrides,
        today,
        keep_ended: page.keep_ended,
        warnings,
        name,
        source,
    })
}

/// A layout given with `--layout`: a built-in preset, named in any case, or a file.
enum Choice {
    /// A built-in preset, by its name in lower case.
    Builtin(&'static str),
    /// A layout file, anywhere the operator chooses.
    File(String),
}

impl Choice {
    /// The layout's name for messages, and the preset.
    fn read(self) -> Result<(String, Preset), Failure> {
        match self {
            Choice::Builtin(name) => Ok((name.to_string(), builtin(name)?)),
            Choice::File(path) => Ok((path.clone(), read_preset(Path::new(&path), &path)?)),
        }
    }
}

/// A built-in preset by its exact name.
fn builtin(name: &str) -> Result<Preset, Failure> {
    Preset::builtin(name)
        .ok_or_else(|| Failure::Usage(format!("the built-in layout {name} is missing")))
}

/// Sorts out the value of `--layout`; a name that is neither a preset nor a path is a
/// mistake in the command.
fn operator_layout(value: &str) -> Result<Choice, Failure> {
    if let Some(name) = LayoutRef::builtin(value) {
        return Ok(Choice::Builtin(name));
    }
    if LayoutRef::names_file(value) {
        return Ok(Choice::File(value.to_string()));
    }
    let (message, help) = LayoutRef::unknown(value);
    Err(Failure::Usage(format!("{message} — {help}")))
}

/// The layout a roadmap names: a built-in name (the parser has checked it, and reports
/// an unknown one itself, so that gives `None` here), or a `.toml` file inside the
/// roadmap's folder. Roadmaps are shared, so one may not point waypost at files
/// elsewhere; every refusal is reported at the `layout` line without opening the file.
fn roadmap_preset(
    file: &Path,
    name: &str,
    source: &str,
    key: &LayoutRef,
) -> Result<Option<(String, Preset)>, Failure> {
    if !key.is_file() {
        return match Preset::builtin(&key.value) {
            Some(preset) => Ok(Some((key.value.clone(), preset))),
            None => Ok(None),
        };
    }
    let refuse = |message: String, help: &str| {
        Failure::Invalid(vec![Diagnostics {
            file: name.to_string(),
            source: source.to_string(),
            list: vec![Diagnostic::new(key.span.clone(), message).with_help(help)],
        }])
    };
    const STAY: &str = "keep the layout file in this roadmap's folder (or a folder inside it) \
         and write its path from there, such as layout = \"styles/mine.toml\"; \
         a layout anywhere else can be given on the command line with --layout";
    let folder = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let path = files::confined(&folder, &key.value).map_err(|why| match why {
        Confinement::NotRelativeToml => refuse(
            "a layout named in a roadmap must be a relative path ending in .toml".to_string(),
            STAY,
        ),
        Confinement::Escapes => refuse(
            "this layout path leaves the roadmap's folder, so it was not read".to_string(),
            STAY,
        ),
        Confinement::LinksOut => refuse(
            "this layout path leads out of the roadmap's folder through a symbolic link, so it was not read"
                .to_string(),
            STAY,
        ),
        Confinement::Missing(reason) => refuse(
            format!("cannot read the layout file: {reason}"),
            "check the path: it is taken from the roadmap file's folder",
        ),
    })?;
    let shown = folder.join(&key.value).display().to_string();
    Ok(Some((key.value.clone(), read_preset(&path, &shown)?)))
}

/// Reads and checks a layout file, naming it `shown` in messages.
fn read_preset(path: &Path, shown: &str) -> Result<Preset, Failure> {
    let source = files::read_text(path)?;
    Ok(Preset::parse(shown, &source)?)
}

impl Loaded {
    /// Prints the warnings about offers that end and the characters the roadmap's own
    /// typeface lacks, on standard error.
    pub(super) fn warn(&self) {
        if let Some(warnings) = &self.warnings {
            super::output::complain(&warnings.to_string());
        }
    }

    /// The roadmap's title too long for the images for feeds and slides, at the title's
    /// line: an error when they are to be made, otherwise a warning; `None` when it fits.
    pub(super) fn social_title(&self, severity: Severity) -> Option<Diagnostics> {
        let (message, help) = social::title_problem(&self.roadmap)?;
        let span = model::title_span(&self.source).unwrap_or(0..0);
        let diagnostic = match severity {
            Severity::Warning => Diagnostic::warning(span, message),
            _ => Diagnostic::new(span, message),
        };
        Some(Diagnostics {
            file: self.name.clone(),
            source: self.source.clone(),
            list: vec![diagnostic.with_help(help)],
        })
    }

    /// How many offers that have ended `--keep-ended` keeps on the page.
    fn kept_ended(&self) -> usize {
        let offers = self.roadmap.stages.iter().flat_map(|s| &s.offers);
        offers
            .filter(|o| self.keep_ended && has_ended(o, &self.today))
            .count()
    }

    /// What a render that failed says, `file` naming the roadmap: for one that does not
    /// fit while `--keep-ended` keeps offers that have ended on it, also whether it fits
    /// without them.
    pub(super) fn failed(&self, file: &Path, e: Error) -> Failure {
        let kept = self.kept_ended();
        if kept == 0 || !matches!(e, Error::DoesNotFit(_)) {
            return about(file, e);
        }
        let mut options = self.options();
        options.formats = Vec::new();
        options.keep_ended = false;
        options.layout.brief = true;
        let fits = waypost::render(&self.roadmap, &options).is_ok();
        let them = if kept == 1 {
            "1 offer that has ended".to_string()
        } else {
            format!("{kept} offers that have ended")
        };
        match about(file, e) {
            Failure::Input(message) if fits => Failure::Input(format!(
                "{message}; it fits without --keep-ended, which keeps {them} on the page"
            )),
            other => other,
        }
    }

    /// Which ended offers were left off the page (`left_off`, as the render reports them)
    /// or kept on it, as words to add to a command's answer; empty when there were none.
    pub(super) fn ending(&self, left_off: &[String]) -> String {
        let quoted: Vec<String> = left_off.iter().map(|t| format!("\"{t}\"")).collect();
        let kept = self.kept_ended();
        match (quoted.len(), kept) {
            (0, 0) => String::new(),
            (0, 1) => "; 1 offer that has ended kept, marked \"Ended\"".to_string(),
            (0, n) => format!("; {n} offers that have ended kept, marked \"Ended\""),
            (1, _) => format!(
                "; left off 1 offer that has ended: {} (--keep-ended keeps it)",
                quoted[0]
            ),
            (n, _) => format!(
                "; left off {n} offers that have ended: {} (--keep-ended keeps them)",
                quoted.join(", ")
            ),
        }
    }
}

pub(super) fn offer_count(roadmap: &Roadmap) -> usize {
    roadmap.stages.iter().map(|s| s.offers.len()).sum()
}
