//! `waypost diff`: what changed between two editions of a roadmap, for a person or as
//! JSON.

use super::args::DiffArgs;
use super::failure::Failure;
use super::files;
use serde::Serialize;
use std::path::Path;
use waypost::diff::{self, Change, Diff, StageStatus};
use waypost::model::{self, Roadmap};

/// The answer of `waypost diff --json`. Fields are only ever added.
#[derive(Serialize)]
struct DiffJson<'a> {
    /// The old edition's file, as given.
    old: String,
    /// The new edition's file, as given.
    new: String,
    /// How many offers were added, removed and changed.
    added: usize,
    removed: usize,
    changed: usize,
    #[serde(flatten)]
    diff: &'a Diff,
}

/// Compares the two files named.
pub fn run(args: &DiffArgs) -> Result<String, Failure> {
    let old = read(&args.old)?;
    let new = read(&args.new)?;
    let diff = diff::diff(&old, &new);
    let (added, removed, changed) = diff.counts();
    if args.json {
        let answer = DiffJson {
            old: args.old.display().to_string(),
            new: args.new.display().to_string(),
            added,
            removed,
            changed,
            diff: &diff,
        };
        return serde_json::to_string_pretty(&answer)
            .map_err(|e| Failure::Usage(format!("cannot write the answer: {e}")));
    }
    Ok(human(&diff))
}

/// Reads and validates one edition.
pub fn read(path: &Path) -> Result<Roadmap, Failure> {
    let source = files::read_text(path)?;
    let assets = super::assets::read_assets(path, &source);
    Ok(model::parse_with(
        &path.display().to_string(),
        &source,
        &assets,
    )?)
}

/// The changes, one line each, stage by stage, then a count.
fn human(diff: &Diff) -> String {
    if diff.is_empty() {
        return "no changes".to_string();
    }
    let mut lines = Vec::new();
    if !diff.roadmap.is_empty() {
        lines.push("the roadmap:".to_string());
        lines.extend(diff.roadmap.iter().map(|c| format!("  ~ {}", change(c))));
    }
    for stage in &diff.stages {
        let status = match stage.status {
            StageStatus::Kept => "",
            StageStatus::Renamed => " (renamed)",
            StageStatus::Added => " (new stage)",
            StageStatus::Removed => " (stage removed)",
            // A status a later library adds is told by the stage's changes below.
            _ => "",
        };
        lines.push(format!("stage \"{}\"{status}:", stage.title));
        lines.extend(stage.changes.iter().map(|c| format!("  ~ {}", change(c))));
        for offer in &stage.added {
            lines.push(format!(
                "  + added \"{}\" ({}, {})",
                offer.title, offer.provider, offer.url
            ));
        }
        for offer in &stage.removed {
            lines.push(format!(
                "  - removed \"{}\" ({}, {})",
                offer.title, offer.provider, offer.url
            ));
        }
        for offer in &stage.changed {
            lines.push(format!("  ~ changed \"{}\":", offer.title));
            lines.extend(offer.changes.iter().map(|c| format!("      {}", change(c))));
        }
    }
    let (added, removed, changed) = diff.counts();
    lines.push(format!(
        "{added} {} added, {removed} removed, {changed} changed",
        if added == 1 { "offer" } else { "offers" }
    ));
    lines.join("\n")
}

/// `url: "https://old" → "https://new"`, with "(none)" for a field not set.
fn change(c: &Change) -> String {
    let show = |v: &Option<String>| {
        v.as_ref()
            .map_or("(none)".to_string(), |v| format!("\"{v}\""))
    };
    format!("{}: {} → {}", c.field, show(&c.old), show(&c.new))
}
