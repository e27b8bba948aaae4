//! `waypost render`: one roadmap, or many side by side, laid out and written as a set.

use super::args::{CompressionArg, OutputArgs, RenderArgs};
use super::failure::{finish, said, Failure};
use super::files;
use super::load::{load, offer_count};
use super::output::{complain, indented, say};
use super::Exit;
use super::{batch, diff};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use waypost::write::png::PngOptions;
use waypost::{Format, RenderOptions, Severity};

/// `waypost render`: one roadmap as it always was; several (or a folder) in parallel,
/// each reported as it would be alone, then a summary. Two roadmaps that would write the
/// same output files are refused before anything is rendered.
pub(super) fn render_all(args: &RenderArgs) -> Exit {
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

/// The page's files of `format`, named as they are written: one file a page,
/// `name-1.png`, `name-2.png`; one page keeps the plain name.
fn page_files<'r>(
    rendered: &'r waypost::Rendered,
    format: Format,
    stem: &str,
) -> Vec<(String, &'r [u8])> {
    let files = rendered.files(format);
    let paged = files.len() > 1;
    (files.into_iter().enumerate())
        .map(|(i, bytes)| {
            let name = if paged {
                format!("{stem}-{}.{}", i + 1, format.extension())
            } else {
                format!("{stem}.{}", format.extension())
            };
            (name, bytes)
        })
        .collect()
}

/// The files of the images for feeds and slides in `format`, named for their sizes
/// (name.square.png), and with them `alt`, their alt text (name.social.txt).
fn social_files<'r>(
    rendered: &'r waypost::Rendered,
    format: Format,
    stem: &str,
    alt: Option<&'r str>,
) -> Vec<(String, &'r [u8])> {
    let extension = format.extension();
    let mut files: Vec<(String, &[u8])> = (rendered.social.iter())
        .zip(rendered.files(format))
        .map(|(image, bytes)| (format!("{stem}.{}.{extension}", image.size.name()), bytes))
        .collect();
    if let Some(alt) = alt {
        files.push((format!("{stem}.social.txt"), alt.as_bytes()));
    }
    files
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
    loaded.warn();
    let new = match &args.new_since {
        Some(old) => Some(waypost::diff::mark_new(
            &diff::read(old)?,
            &mut loaded.roadmap,
        )),
        None => None,
    };
    let mut formats: Vec<Format> = args.format.iter().map(|f| f.format()).collect();
    formats.dedup();
    if formats.iter().any(|f| f.is_social()) {
        if let Some(error) = loaded.social_title(Severity::Error) {
            return Err(Failure::Invalid(vec![error]));
        }
    }
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
    let rendered =
        waypost::render(&loaded.roadmap, &options).map_err(|e| loaded.failed(file, e))?;
    let ending = loaded.ending(&rendered.left_off);
    for note in rendered.report.notes() {
        super::output::complain(&format!("{}: {note}", file.display()));
    }
    if !rendered.report.is_clean() && !args.force {
        return Err(Failure::Input(format!(
            "{}: the page fails the pre-flight checks, so nothing was written \
             (--force writes it anyway):\n  {}",
            file.display(),
            indented(&rendered.report)
        )));
    }
    for image in rendered.social.iter().filter(|i| !i.report.is_clean()) {
        if !args.force {
            return Err(Failure::Input(format!(
                "{}: {} fails the pre-flight checks, so nothing was written \
                 (--force writes it anyway):\n  {}",
                file.display(),
                image.size.describe(),
                indented(&image.report)
            )));
        }
    }
    files::create_folder(&args.output)?;
    let stem = output_stem(file);
    let mut written = Vec::new();
    // Every format is written beside its file before any file is replaced, so a failure
    // on the way leaves the previous files together.
    let mut outputs = files::Outputs::default();
    outputs.record(super::manifest::Record {
        folder: args.output.clone(),
        stem: stem.clone(),
        // The images for feeds and slides are not the page's files: writing them leaves
        // an earlier render's page images alone.
        endings: (formats.iter())
            .filter(|f| !f.is_social())
            .map(|f| f.extension())
            .collect(),
    });
    let mut alt_text = rendered.alt_text.as_deref();
    for format in formats {
        let files = if format.is_social() {
            social_files(&rendered, format, &stem, alt_text.take())
        } else {
            page_files(&rendered, format, &stem)
        };
        for (name, bytes) in files {
            let path = args.output.join(name);
            outputs.stage(&path, bytes)?;
            written.push(format!(
                "  {} ({} KB)",
                path.display(),
                bytes.len().div_ceil(1024)
            ));
        }
    }
    for path in outputs.commit()? {
        written.push(format!(
            "  removed {}, which an earlier render wrote and this one does not make",
            path.display()
        ));
    }
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
        "rendered \"{}\" ({} stages, {} offers{marked}) on {}{} with the {} layout{bleed}{forced}{ending}:\n{}",
        roadmap.title,
        roadmap.stages.len(),
        offer_count(roadmap) - rendered.left_off.len(),
        match rendered.pages.len() {
            1 => String::new(),
            n => format!("{n} pages of "),
        },
        rendered.page.name(),
        loaded.layout,
        written.join("\n")
    ))
}
