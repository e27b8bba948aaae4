//! The bodies of `waypost render` and `waypost check`.

use super::args::{
    CheckArgs, Cli, Command, CompressionArg, OrientationArg, OutputArgs, PageArgs, QrArg,
    RenderArgs,
};
use super::batch::{self, Said};
use super::files::{self, Confinement, FileError};
use super::report::{self, CheckJson};
use super::Exit;
use super::{diff, export, import, init, links, serve, watch};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use waypost::layout::{self, LayoutOptions, Page, Preset};
use waypost::model::{self, Orientation, Roadmap};
use waypost::write::png::PngOptions;
use waypost::{Diagnostic, Diagnostics, Error, Format, RenderOptions, Rendered};

/// What stopped a run.
pub(super) enum Failure {
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
        match e {
            FileError::Io(message) => Failure::Usage(message),
            FileError::NotText(diagnostics) => Failure::Invalid(diagnostics),
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        match e {
            Error::ImageTooLarge { .. } | Error::Unavailable(_) => Failure::Usage(e.to_string()),
            Error::Invalid(diagnostics) => Failure::Invalid(diagnostics),
            _ => Failure::Input(e.to_string()),
        }
    }
}

/// Runs a parsed command line, printing what a person needs, and returns the exit code.
pub fn run(cli: Cli) -> Exit {
    match cli.command {
        Command::Render(args) => render_all(&args),
        Command::Check(args) => finish(check(&args)),
        Command::Init(args) => finish(init::run(&args)),
        Command::Diff(args) => finish(diff::run(&args)),
        Command::Import(args) => finish(import::run(&args)),
        Command::Export(args) => finish(export::run(&args)),
        Command::Links(args) => finish(links::run(&args)),
        Command::Watch(args) => watch::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Schema => finish(Ok(waypost::model::schema().trim_end().to_string())),
    }
}

/// Prints what a command's result has to say and returns its exit code.
pub(super) fn finish(result: Result<String, Failure>) -> Exit {
    let said = said(result);
    said.print();
    said.exit
}

/// What a command's result has to say, and its exit code.
pub(super) fn said(result: Result<String, Failure>) -> Said {
    let (exit, out, err) = match result {
        // A command that wrote its answer itself (`export -o -`) has nothing more to say.
        Ok(message) if message.is_empty() => (Exit::Success, None, None),
        Ok(message) => (Exit::Success, Some(message), None),
        Err(Failure::Input(message)) => (Exit::Invalid, None, Some(message)),
        Err(Failure::Invalid(diagnostics)) => (Exit::Invalid, None, Some(diagnostics.to_string())),
        Err(Failure::Quiet) => (Exit::Invalid, None, None),
        Err(Failure::Usage(message)) => (Exit::Usage, None, Some(format!("error: {message}"))),
    };
    Said { exit, out, err }
}

/// Prints to standard output; a closed pipe (`waypost … | head -1`) is not an error.
pub(super) fn say(text: &str) {
    let _ = writeln!(std::io::stdout(), "{text}");
}

/// Prints to standard error, likewise.
pub(super) fn complain(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// `waypost render`: one roadmap as it always was; several (or a folder) in parallel,
/// each reported as it would be alone, then a summary. Two roadmaps that would write the
/// same output files are refused before anything is rendered.
fn render_all(args: &RenderArgs) -> Exit {
    let files = match files::roadmaps(&args.files)
        .and_then(|files| distinct_outputs(&files, &args.out.output).map(|()| files))
    {
        Ok(files) => files,
        Err(message) => return finish(Err(Failure::Usage(message))),
    };
    if let ([file], [given]) = (files.as_slice(), args.files.as_slice()) {
        if file == given {
            return finish(render(file, &args.out));
        }
    }
    if args.out.new_since.is_some() {
        return finish(Err(Failure::Usage(
            "--new-since compares one roadmap with its earlier edition: render one roadmap \
             at a time with it"
                .to_string(),
        )));
    }
    let jobs = args.jobs.map_or_else(batch::default_jobs, usize::from);
    let exits = batch::run(&files, jobs, |file| said(render(file, &args.out)));
    let worst = (exits.iter().copied().max_by_key(|&e| e as u8)).unwrap_or(Exit::Success);
    let summary = batch::summary(&exits);
    if worst == Exit::Success {
        say(&summary);
    } else {
        complain(&summary);
    }
    worst
}

/// The name a roadmap's outputs get: its file name without the extension.
fn output_stem(file: &Path) -> String {
    file.file_stem()
        .map_or_else(|| "roadmap".into(), |s| s.to_string_lossy().into_owned())
}

/// Refuses two roadmaps whose outputs would land on the same files in `output`.
fn distinct_outputs(files: &[PathBuf], output: &Path) -> Result<(), String> {
    let mut seen: BTreeMap<String, &PathBuf> = BTreeMap::new();
    for file in files {
        let stem = output_stem(file);
        // Case-insensitive file systems (macOS, Windows) take `Plan` and `plan` for one name.
        if let Some(first) = seen.insert(stem.to_lowercase(), file) {
            return Err(format!(
                "{} and {} would both be written to {}; render them into different \
                 folders with -o, or rename one",
                first.display(),
                file.display(),
                output.join(format!("{stem}.*")).display()
            ));
        }
    }
    Ok(())
}

/// Renders one roadmap and writes its files.
pub(super) fn render(file: &Path, args: &OutputArgs) -> Result<String, Failure> {
    let mut loaded = load(file, &args.page)?;
    let new = match &args.new_since {
        Some(old) => Some(waypost::diff::mark_new(
            &diff::read(old)?,
            &mut loaded.roadmap,
        )),
        None => None,
    };
    let mut formats: Vec<Format> = args.format.iter().map(|f| f.format()).collect();
    formats.dedup();
    // Everything is rendered in memory first, so a failure leaves no file half written.
    let options = RenderOptions {
        formats: formats.clone(),
        png: PngOptions {
            dpi: f32::from(args.dpi),
            small: args.png_compression == CompressionArg::Best,
        },
        bleed: args.bleed,
        ..loaded.options()
    };
    let rendered = waypost::render(&loaded.roadmap, &options)?;
    if !rendered.report.is_clean() && !args.force {
        return Err(Failure::Input(format!(
            "{}: the page fails the pre-flight checks, so nothing was written \
             (--force writes it anyway):\n  {}",
            file.display(),
            report::human(&rendered.report).join("\n  ")
        )));
    }
    std::fs::create_dir_all(&args.output).map_err(|e| {
        Failure::Usage(format!(
            "cannot create the folder {}: {e}",
            args.output.display()
        ))
    })?;
    let stem = output_stem(file);
    let mut written = Vec::new();
    for format in formats {
        let bytes = rendered.bytes(format).unwrap_or_default();
        let path = args.output.join(format!("{stem}.{}", format.extension()));
        files::write_atomic(&path, bytes)?;
        written.push(format!(
            "  {} ({} KB)",
            path.display(),
            bytes.len().div_ceil(1024)
        ));
    }
    let roadmap = &loaded.roadmap;
    let marked = new.map_or(String::new(), |n| format!(", {n} marked new"));
    let bleed = (args.bleed).map_or_else(String::new, |b| format!(" and {} mm bleed", b.mm()));
    let forced = if rendered.report.is_clean() {
        ""
    } else {
        ", although the pre-flight checks find problems (--force)"
    };
    Ok(format!(
        "rendered \"{}\" ({} stages, {} offers{marked}) on {} with the {} layout{bleed}{forced}:\n{}",
        roadmap.title,
        roadmap.stages.len(),
        offer_count(roadmap),
        loaded.page().name(),
        loaded.layout,
        written.join("\n")
    ))
}

fn offer_count(roadmap: &Roadmap) -> usize {
    roadmap.stages.iter().map(|s| s.offers.len()).sum()
}

/// The layout and the pre-flight checks, without writing anything.
fn inspect(loaded: &Loaded) -> waypost::Result<Rendered> {
    let options = RenderOptions {
        formats: Vec::new(),
        ..loaded.options()
    };
    waypost::render(&loaded.roadmap, &options)
}

fn check(args: &CheckArgs) -> Result<String, Failure> {
    if args.json {
        return check_json(args);
    }
    let loaded = load(&args.file, &args.page)?;
    let Rendered { scene, report, .. } = inspect(&loaded)?;
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
        loaded.page().name(),
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
        Ok(loaded) => match inspect(&loaded) {
            Ok(rendered) => {
                let report = rendered.report;
                answer.fitted(&rendered.density, rendered.fill);
                answer.codes(&rendered.scene);
                answer.laid_out(&loaded.page(), &loaded.layout, &report);
                !report.is_clean()
            }
            Err(Error::DoesNotFit(overflow)) => {
                answer.overflow(&loaded.page(), &loaded.layout, &overflow);
                true
            }
            Err(other) => return Err(Failure::from(other)),
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

/// A roadmap read, with the layout the user chose.
pub(super) struct Loaded {
    pub(super) roadmap: Roadmap,
    preset: Preset,
    /// The preset's name or path, for messages.
    layout: String,
    /// Page size and orientation from the command line.
    overrides: LayoutOptions,
    /// Whether each card gets a QR code (`--qr offers`).
    offer_codes: bool,
}

impl Loaded {
    /// Render options for this roadmap; formats and writer settings are the caller's.
    pub(super) fn options(&self) -> RenderOptions {
        RenderOptions {
            preset: Some(self.preset.clone()),
            layout: self.overrides.clone(),
            offer_codes: self.offer_codes,
            ..RenderOptions::default()
        }
    }

    /// The page the roadmap is laid out on.
    fn page(&self) -> Page {
        Page::new(&self.roadmap, &self.preset, &self.overrides)
    }
}

/// Reads and validates a roadmap and the layout the user chose.
pub(super) fn load(file: &Path, page: &PageArgs) -> Result<Loaded, Failure> {
    let source = files::read_text(file)?;
    let name = file.display().to_string();
    let roadmap = model::parse(&name, &source).map_err(Failure::from)?;
    let (layout_name, preset) = match (&page.layout, &roadmap.layout) {
        (Some(flag), _) => (flag.clone(), operator_preset(flag)?),
        (None, Some(key)) => (
            key.value.clone(),
            roadmap_preset(file, &name, &source, key)?,
        ),
        (None, None) => (
            layout::preset::DEFAULT.to_string(),
            Preset::builtin(layout::preset::DEFAULT)
                .ok_or_else(|| Failure::Usage("the default layout is missing".to_string()))?,
        ),
    };
    let overrides = LayoutOptions {
        page: page.page,
        orientation: page.orientation.map(|o| match o {
            OrientationArg::Portrait => Orientation::Portrait,
            OrientationArg::Landscape => Orientation::Landscape,
        }),
    };
    Ok(Loaded {
        roadmap,
        preset,
        layout: layout_name,
        overrides,
        offer_codes: page.qr == Some(QrArg::Offers),
    })
}

/// Whether a layout value names a file rather than a built-in preset.
fn is_path(value: &str) -> bool {
    value.ends_with(".toml") || value.contains('/') || value.contains('\\')
}

/// Why a layout name is neither built in nor a file path.
fn unknown_layout(value: &str) -> String {
    let names: Vec<&str> = layout::preset::BUILTIN.iter().map(|(n, _)| *n).collect();
    format!(
        "there is no layout called \"{value}\"; the built-in layouts are {}, or give the path of a layout file ending in .toml",
        names.join(", ")
    )
}

/// The layout given with `--layout`: a built-in name or any file the operator chooses.
fn operator_preset(value: &str) -> Result<Preset, Failure> {
    if let Some(preset) = Preset::builtin(value) {
        return Ok(preset);
    }
    if !is_path(value) {
        return Err(Failure::Usage(unknown_layout(value)));
    }
    read_preset(Path::new(value), value)
}

/// The layout a roadmap names: a built-in name, or a `.toml` file inside the roadmap's
/// folder. Roadmaps are shared, so one may not point waypost at files elsewhere; every
/// refusal is reported at the `layout` line without opening the file.
fn roadmap_preset(
    file: &Path,
    name: &str,
    source: &str,
    key: &model::LayoutRef,
) -> Result<Preset, Failure> {
    if let Some(preset) = Preset::builtin(&key.value) {
        return Ok(preset);
    }
    let refuse = |message: String, help: &str| {
        Failure::Invalid(Diagnostics {
            file: name.to_string(),
            source: source.to_string(),
            list: vec![Diagnostic::new(key.span.clone(), message).with_help(help)],
        })
    };
    const STAY: &str = "keep the layout file in this roadmap's folder (or a folder inside it) \
         and write its path from there, such as layout = \"styles/mine.toml\"; \
         a layout anywhere else can be given on the command line with --layout";
    if !is_path(&key.value) {
        return Err(refuse(unknown_layout(&key.value), STAY));
    }
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
    read_preset(&path, &folder.join(&key.value).display().to_string())
}

/// Reads and checks a layout file, naming it `shown` in messages.
fn read_preset(path: &Path, shown: &str) -> Result<Preset, Failure> {
    let source = files::read_text(path)?;
    Ok(Preset::parse(shown, &source)?)
}
