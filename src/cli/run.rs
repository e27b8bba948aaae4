//! The bodies of `waypost render` and `waypost check`.

use super::args::{CheckArgs, Cli, Command, CompressionArg, OutputArgs, RenderArgs};
use super::batch::{self, Said};
use super::files::{self, FileError};
pub(super) use super::load::load;
use super::load::Loaded;
use super::report::CheckJson;
use super::Exit;
use super::{diff, export, import, init, links, serve, watch};
use clap::Parser;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use waypost::model::Roadmap;
use waypost::preflight::Report;
use waypost::write::png::PngOptions;
use waypost::{Diagnostics, Error, Format, RenderOptions, Rendered};

/// What stopped a run.
pub(super) enum Failure {
    /// Invalid input or content that does not fit (exit 1).
    Input(String),
    /// Problems in input files (exit 1): each file with its problems, the roadmap first.
    Invalid(Vec<Diagnostics>),
    /// Exit 1, everything already said.
    Quiet,
    /// A usage or file problem (exit 2).
    Usage(String),
}

impl From<FileError> for Failure {
    fn from(e: FileError) -> Self {
        match e {
            FileError::Io(message) => Failure::Usage(message),
            FileError::NotText(diagnostics) => Failure::Invalid(vec![diagnostics]),
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        match e {
            Error::ImageTooLarge { .. } | Error::Unavailable(_) => Failure::Usage(e.to_string()),
            Error::Invalid(diagnostics) => Failure::Invalid(vec![diagnostics]),
            _ => Failure::Input(e.to_string()),
        }
    }
}

impl Failure {
    /// This failure and another found in the same pass, told together when both are
    /// problems in files; otherwise the first, which is the more basic.
    pub(super) fn and(self, other: Failure) -> Failure {
        match (self, other) {
            (Failure::Invalid(mut files), Failure::Invalid(more)) => {
                for found in more {
                    match files.iter_mut().find(|f| f.file == found.file) {
                        Some(same) => {
                            same.list.extend(found.list);
                            same.list.sort_by_key(|d| (d.span.start, d.span.end));
                            same.list.dedup();
                        }
                        None => files.push(found),
                    }
                }
                Failure::Invalid(files)
            }
            (first, _) => first,
        }
    }
}

/// Reads the command line and runs it. A command line that cannot be read is refused
/// as clap words it (exit 2) — as one JSON object on standard output when it asks for
/// `check --json`, since every answer of that command is one.
pub fn main() -> Exit {
    let args: Vec<OsString> = std::env::args_os().collect();
    match Cli::try_parse_from(&args) {
        Ok(cli) => run(cli),
        Err(e) if e.use_stderr() && wants_check_json(&args) => {
            let text = e.to_string();
            let first = text.lines().next().unwrap_or_default();
            let mut answer = CheckJson::new("");
            let message = first.strip_prefix("error: ").unwrap_or(first).to_string();
            let exit = answer.failed(Failure::Usage(message));
            say(&answer.to_json());
            exit
        }
        Err(e) => e.exit(),
    }
}

/// Whether a command line is `waypost check … --json …`.
fn wants_check_json(args: &[OsString]) -> bool {
    let command = args
        .iter()
        .skip(1)
        .find(|a| !a.to_string_lossy().starts_with('-'));
    command.is_some_and(|c| c == "check") && args.iter().any(|a| a == "--json")
}

/// Runs a parsed command line, printing what a person needs, and returns the exit code.
pub fn run(cli: Cli) -> Exit {
    match cli.command {
        Command::Render(args) => render_all(&args),
        Command::Check(args) if args.json => check_json(&args),
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
        Err(Failure::Invalid(files)) => {
            let shown: Vec<String> = files.iter().map(Diagnostics::to_string).collect();
            (Exit::Invalid, None, Some(shown.join("\n")))
        }
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
            return finish(render(file, &args.out, 0));
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
    // Roadmaps rendered side by side share the cores: each PNG is drawn on one thread,
    // not on every core, which would start jobs × cores threads.
    let threads = if jobs > 1 { 1 } else { 0 };
    let exits = batch::run(&files, jobs, |file| {
        let mut said = said(render(file, &args.out, threads));
        // Messages arrive one roadmap after another: each starts with its file's name.
        let name = file.display().to_string();
        if let Some(err) = said.err.as_mut().filter(|e| !e.starts_with(&name)) {
            *err = format!("{name}: {err}");
        }
        said
    });
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

/// Renders one roadmap and writes its files, drawing its PNG on `threads` threads (0:
/// every core).
pub(super) fn render(file: &Path, args: &OutputArgs, threads: usize) -> Result<String, Failure> {
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
            threads,
        },
        bleed: args.bleed,
        ..loaded.options()
    };
    let rendered = waypost::render(&loaded.roadmap, &options).map_err(|e| about(file, e))?;
    if !rendered.report.is_clean() && !args.force {
        return Err(Failure::Input(format!(
            "{}: the page fails the pre-flight checks, so nothing was written \
             (--force writes it anyway):\n  {}",
            file.display(),
            indented(&rendered.report)
        )));
    }
    files::create_folder(&args.output)?;
    let stem = output_stem(file);
    let mut written = Vec::new();
    // Every format is written beside its file before any file is replaced, so a failure
    // on the way leaves the previous files together.
    let mut outputs = files::Outputs::default();
    for format in formats {
        let bytes = rendered.bytes(format).unwrap_or_default();
        let path = args.output.join(format!("{stem}.{}", format.extension()));
        outputs.stage(&path, bytes)?;
        written.push(format!(
            "  {} ({} KB)",
            path.display(),
            bytes.len().div_ceil(1024)
        ));
    }
    outputs.commit()?;
    let roadmap = &loaded.roadmap;
    let marked = new.map_or(String::new(), |n| format!(", {n} marked new"));
    let bleed = (args.bleed).map_or_else(String::new, |b| {
        // 0.125in is 3.175 mm: a tenth of a millimetre is finer than a cut goes.
        let mm = format!("{:.1}", b.mm());
        format!(
            " and {} mm bleed",
            mm.trim_end_matches('0').trim_end_matches('.')
        )
    });
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

/// A library error about a roadmap file. The library does not know the file's name, and
/// a message that the page does not fit needs it, among the messages of many roadmaps.
fn about(file: &Path, e: Error) -> Failure {
    match e {
        Error::DoesNotFit(_) => Failure::Input(format!("{}: {e}", file.display())),
        other => Failure::from(other),
    }
}

/// The pre-flight findings under a message, one an indented line.
fn indented(report: &Report) -> String {
    report.to_string().replace('\n', "\n  ")
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
    let loaded = load(&args.file, &args.page)?;
    let rendered = inspect(&loaded).map_err(|e| about(&args.file, e))?;
    let file = args.file.display();
    if !rendered.report.is_clean() {
        return Err(Failure::Input(format!(
            "{file}: the page fails the pre-flight checks:\n  {}",
            indented(&rendered.report)
        )));
    }
    let page = loaded.page();
    let fit = format!(
        "{} stages and {} offers fit on {} ({:.0} x {:.0} mm) with the {} layout",
        loaded.roadmap.stages.len(),
        offer_count(&loaded.roadmap),
        page.name(),
        rendered.scene.width * 25.4 / 72.0,
        rendered.scene.height * 25.4 / 72.0,
        loaded.layout,
    );
    if rendered.headroom_pt() < FULL_PT {
        let instead = match page.size.larger() {
            Some(larger) => format!("try {} or another layout", larger.name()),
            None => "try another layout, or fewer offers".to_string(),
        };
        return Ok(format!(
            "{file}: fits at {:.1} pt, the minimum: one more offer may not fit ({instead}); {fit}",
            rendered.minimum_pt
        ));
    }
    Ok(format!(
        "{file}: fine: {fit}; the cards' text is {:.1} pt, {:.1} pt above the {:.1} pt minimum; \
         smallest text {:.1} pt",
        rendered.card_text_pt,
        rendered.headroom_pt(),
        rendered.minimum_pt,
        rendered.report.min_text_pt,
    ))
}

/// Below this much headroom, in pt, the cards' text is at the minimum size: the fitter
/// finds the largest scale to a hundredth, which is under 0.1 pt of card text.
const FULL_PT: f32 = 0.1;

/// `check --json`: the same checks, every outcome answered as one JSON object on
/// standard output — problems in files, a file that cannot be read, a page that does not
/// fit — and the exit code still saying how it went.
fn check_json(args: &CheckArgs) -> Exit {
    let mut answer = CheckJson::new(&args.file.display().to_string());
    let exit = match load(&args.file, &args.page) {
        Err(failure) => answer.failed(failure),
        Ok(loaded) => match inspect(&loaded) {
            Ok(rendered) => {
                let report = &rendered.report;
                answer.fitted(&rendered);
                answer.codes(&rendered.scene);
                answer.laid_out(&loaded.page(), &loaded.layout, report);
                if report.is_clean() {
                    Exit::Success
                } else {
                    Exit::Invalid
                }
            }
            Err(Error::DoesNotFit(overflow)) => {
                answer.overflow(&loaded.page(), &loaded.layout, &overflow);
                Exit::Invalid
            }
            Err(other) => answer.failed(Failure::from(other)),
        },
    };
    say(&answer.to_json());
    exit
}
