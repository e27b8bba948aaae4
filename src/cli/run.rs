//! The bodies of `waypost render` and `waypost check`.

use super::args::{
    CheckArgs, Cli, Command, CompressionArg, FormatArg, OrientationArg, PageArgs, RenderArgs,
};
use super::files::{self, FileError};
use super::report::{self, CheckJson};
use super::Exit;
use std::io::Write;
use std::path::{Path, PathBuf};
use waypost::layout::{self, LayoutOptions, Page, Preset};
use waypost::model::{self, Orientation, Roadmap};
use waypost::scene::Scene;
use waypost::write::{pdf, png, svg};
use waypost::{preflight, Diagnostics, Error};

/// What stopped a run.
enum Failure {
    /// Invalid input or content that does not fit (exit 1).
    Input(String),
    /// Problems in an input file (exit 1).
    Invalid(Diagnostics),
    /// Exit 1, everything already said.
    Quiet,
    /// A usage or file problem (exit 2).
    Usage(String),
}

impl From<FileError> for Failure {
    fn from(e: FileError) -> Self {
        Failure::Usage(e.0)
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        match e {
            Error::ImageTooLarge { .. } => Failure::Usage(e.to_string()),
            Error::Invalid(diagnostics) => Failure::Invalid(diagnostics),
            _ => Failure::Input(e.to_string()),
        }
    }
}

/// Runs a parsed command line, printing what a person needs, and returns the exit code.
pub fn run(cli: Cli) -> Exit {
    let result = match cli.command {
        Command::Render(args) => render(&args),
        Command::Check(args) => check(&args),
    };
    match result {
        Ok(message) => {
            say(&message);
            Exit::Success
        }
        Err(Failure::Input(message)) => {
            complain(&message);
            Exit::Invalid
        }
        Err(Failure::Invalid(diagnostics)) => {
            complain(&diagnostics.to_string());
            Exit::Invalid
        }
        Err(Failure::Quiet) => Exit::Invalid,
        Err(Failure::Usage(message)) => {
            complain(&format!("error: {message}"));
            Exit::Usage
        }
    }
}

/// Prints to standard output; a closed pipe (`waypost … | head -1`) is not an error.
fn say(text: &str) {
    let _ = writeln!(std::io::stdout(), "{text}");
}

/// Prints to standard error, likewise.
fn complain(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

fn render(args: &RenderArgs) -> Result<String, Failure> {
    let loaded = load(&args.file, &args.page)?;
    let scene = loaded.scene.map_err(Failure::from)?;
    let report = preflight::inspect(&loaded.roadmap, &scene);
    if !report.is_clean() && !args.force {
        return Err(Failure::Input(format!(
            "{}: the page fails the pre-flight checks, so nothing was written \
             (--force writes it anyway):\n  {}",
            args.file.display(),
            report::human(&report).join("\n  ")
        )));
    }
    // Everything is rendered in memory first, so a failure leaves no file half written.
    let mut outputs = Vec::new();
    let mut formats = args.format.clone();
    formats.dedup();
    for format in formats {
        let bytes = match format {
            FormatArg::Svg => svg::write(&scene, &svg::SvgOptions::default()).into_bytes(),
            FormatArg::Png => png::write(
                &scene,
                &png::PngOptions {
                    dpi: f32::from(args.dpi),
                    small: args.png_compression == CompressionArg::Best,
                },
            )?,
            FormatArg::Pdf => pdf::write(&scene)?,
        };
        outputs.push((format, bytes));
    }
    std::fs::create_dir_all(&args.output).map_err(|e| {
        Failure::Usage(format!(
            "cannot create the folder {}: {e}",
            args.output.display()
        ))
    })?;
    let stem = args
        .file
        .file_stem()
        .map_or_else(|| "roadmap".into(), |s| s.to_string_lossy().into_owned());
    let mut written = Vec::new();
    for (format, bytes) in outputs {
        let path = args.output.join(format!("{stem}.{}", format.extension()));
        files::write_atomic(&path, &bytes)?;
        written.push(format!(
            "  {} ({} KB)",
            path.display(),
            bytes.len().div_ceil(1024)
        ));
    }
    let roadmap = &loaded.roadmap;
    Ok(format!(
        "rendered \"{}\" ({} stages, {} offers) on {} with the {} layout:\n{}",
        roadmap.title,
        roadmap.stages.len(),
        offer_count(roadmap),
        loaded.page.name(),
        loaded.layout,
        written.join("\n")
    ))
}

fn offer_count(roadmap: &Roadmap) -> usize {
    roadmap.stages.iter().map(|s| s.offers.len()).sum()
}

fn check(args: &CheckArgs) -> Result<String, Failure> {
    if args.json {
        return check_json(args);
    }
    let loaded = load(&args.file, &args.page)?;
    let scene = loaded.scene.map_err(Failure::from)?;
    let report = preflight::inspect(&loaded.roadmap, &scene);
    if !report.is_clean() {
        return Err(Failure::Input(format!(
            "{}: the page fails the pre-flight checks:\n  {}",
            args.file.display(),
            report::human(&report).join("\n  ")
        )));
    }
    Ok(format!(
        "{}: fine: {} stages and {} offers fit on {} ({:.0} x {:.0} mm) with the {} layout; \
         smallest text {:.1} pt",
        args.file.display(),
        loaded.roadmap.stages.len(),
        offer_count(&loaded.roadmap),
        loaded.page.name(),
        scene.width * 25.4 / 72.0,
        scene.height * 25.4 / 72.0,
        loaded.layout,
        report.min_text_pt,
    ))
}

/// `check --json`: the same checks, always answered as one JSON object on standard
/// output; the exit code still says whether the roadmap is fine.
fn check_json(args: &CheckArgs) -> Result<String, Failure> {
    let mut answer = CheckJson::new(&args.file.display().to_string());
    let outcome = load(&args.file, &args.page);
    let failed = match outcome {
        Err(Failure::Invalid(diagnostics)) => {
            answer.invalid(&diagnostics);
            true
        }
        Err(other) => return Err(other),
        Ok(loaded) => match &loaded.scene {
            Ok(scene) => {
                let report = preflight::inspect(&loaded.roadmap, scene);
                answer.laid_out(&loaded.roadmap, &loaded.page, &loaded.layout, &report);
                !report.is_clean()
            }
            Err(Error::DoesNotFit(overflow)) => {
                answer.overflow(&loaded.page, &loaded.layout, overflow);
                true
            }
            Err(other) => return Err(Failure::from(other.clone())),
        },
    };
    let json = serde_json::to_string_pretty(&answer)
        .map_err(|e| Failure::Usage(format!("cannot write the report: {e}")))?;
    if failed {
        say(&json);
        Err(Failure::Quiet)
    } else {
        Ok(json)
    }
}

/// A roadmap read and laid out with the layout the user chose.
struct Loaded {
    roadmap: Roadmap,
    page: Page,
    layout: String,
    /// The scene, or why the layout failed (content that does not fit).
    scene: Result<Scene, Error>,
}

/// Reads, validates and lays out a roadmap with the layout the user chose.
fn load(file: &Path, page: &PageArgs) -> Result<Loaded, Failure> {
    let source = files::read_text(file)?;
    let name = file.display().to_string();
    let roadmap = model::parse(&name, &source).map_err(Failure::from)?;
    let (layout_name, preset) = match (&page.layout, &roadmap.layout) {
        (Some(flag), _) => (flag.clone(), preset(flag, None)?),
        (None, Some(key)) => {
            let base = file.parent().map(Path::to_path_buf);
            let preset = preset(&key.value, base).map_err(|e| match e {
                Failure::Usage(message) => {
                    let (line, col) = waypost::error::line_col(&source, key.span.start);
                    Failure::Input(format!("{name}:{line}:{col}: error: {message}"))
                }
                other => other,
            })?;
            (key.value.clone(), preset)
        }
        (None, None) => (
            layout::preset::DEFAULT.to_string(),
            Preset::builtin(layout::preset::DEFAULT)
                .ok_or_else(|| Failure::Usage("the default layout is missing".to_string()))?,
        ),
    };
    let options = LayoutOptions {
        page: page.page,
        orientation: page.orientation.map(|o| match o {
            OrientationArg::Portrait => Orientation::Portrait,
            OrientationArg::Landscape => Orientation::Landscape,
        }),
    };
    let scene = layout::layout(&roadmap, &preset, &options);
    Ok(Loaded {
        page: Page::new(&roadmap, &preset, &options),
        roadmap,
        layout: layout_name,
        scene,
    })
}

/// A built-in preset by name, or a layout file; a relative path is taken from `base`.
fn preset(value: &str, base: Option<PathBuf>) -> Result<Preset, Failure> {
    if let Some(preset) = Preset::builtin(value) {
        return Ok(preset);
    }
    let looks_like_path = value.ends_with(".toml") || value.contains('/') || value.contains('\\');
    if !looks_like_path {
        let names: Vec<&str> = layout::preset::BUILTIN.iter().map(|(n, _)| *n).collect();
        return Err(Failure::Usage(format!(
            "there is no layout called \"{value}\"; the built-in layouts are {}, or give the path of a layout file ending in .toml",
            names.join(", ")
        )));
    }
    let path = match base {
        Some(base) if Path::new(value).is_relative() => base.join(value),
        _ => PathBuf::from(value),
    };
    let source = files::read_text(&path)?;
    Ok(Preset::parse(&path.display().to_string(), &source)?)
}
