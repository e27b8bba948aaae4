//! Reading a preset file: unknown keys first, then every bad value, then the rules that
//! span several values; and the built-in presets, read once.

use super::builtin::BUILTIN;
use super::preset::Preset;
use super::{preset_keys, preset_values, MIN_TEXT_PT};
use crate::error::{Diagnostic, Diagnostics, Error, Result};
use std::sync::OnceLock;

impl Preset {
    /// Reads a preset from TOML text; `file` names it in messages.
    ///
    /// Every problem is reported at once: unknown keys, values of the wrong kind or out of
    /// range, and the rules that span values (the 7 pt floor, at least one stage colour).
    pub fn parse(file: &str, source: &str) -> Result<Preset> {
        let invalid = |list: Vec<Diagnostic>| {
            Error::Invalid(Diagnostics {
                file: file.to_string(),
                source: source.to_string(),
                list,
            })
        };
        let problems = preset_keys::check(source);
        if !problems.is_empty() {
            return Err(invalid(problems));
        }
        let (preset, mut problems) = preset_values::read(source);
        if let Some(preset) = &preset {
            problems.extend(rules(preset, source));
        }
        match preset {
            Some(preset) if problems.is_empty() => Ok(preset),
            _ => {
                problems.sort_by_key(|d| d.span.start);
                Err(invalid(problems))
            }
        }
    }

    /// A built-in preset by name.
    pub fn builtin(name: &str) -> Option<Preset> {
        // Read once per process: a render asks for its preset every time. The built-in
        // files are checked by the tests, so they always parse.
        static PARSED: OnceLock<Vec<(&str, Option<Preset>)>> = OnceLock::new();
        let parsed = PARSED.get_or_init(|| {
            BUILTIN
                .iter()
                .map(|(name, source)| {
                    let file = format!("layouts/{name}.toml");
                    (*name, Preset::parse(&file, source).ok())
                })
                .collect()
        });
        let (_, preset) = parsed.iter().find(|(n, _)| *n == name)?;
        preset.clone()
    }
}

/// The rules that a value's type cannot hold by itself.
fn rules(preset: &Preset, source: &str) -> Vec<Diagnostic> {
    let at = |path: &[&str]| preset_values::span_of(source, path);
    let mut problems = Vec::new();
    if preset.type_scale.minimum.0 < MIN_TEXT_PT {
        problems.push(
            Diagnostic::new(
                at(&["type", "minimum"]),
                format!(
                    "the minimum type size is {} pt, but nothing may be smaller than {MIN_TEXT_PT} pt",
                    preset.type_scale.minimum.0
                ),
            )
            .with_help(format!("set minimum = {MIN_TEXT_PT} or more")),
        );
    }
    if preset.palette.stages.is_empty() {
        problems.push(
            Diagnostic::new(
                at(&["palette", "stages"]),
                "the palette has no stage colours",
            )
            .with_help("list at least one, e.g. stages = [\"#005eb8\"]"),
        );
    }
    for (i, density) in preset.densities.iter().enumerate() {
        if density.columns == Some(0) || density.name.trim().is_empty() {
            problems.push(
                Diagnostic::new(
                    at(&["density"]),
                    format!("density {} needs a name and at least one column", i + 1),
                )
                .with_help("give each [[density]] a name = \"…\", and columns = 1 or more if it sets columns"),
            );
        }
    }
    if preset.card.columns == 0 {
        problems.push(
            Diagnostic::new(at(&["card", "columns"]), "cards need at least one column")
                .with_help("set columns = 1 or more"),
        );
    }
    problems
}
