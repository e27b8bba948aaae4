//! The presets shipped with waypost, as the text of their layout files.

/// The presets shipped with waypost: name and TOML text.
pub const BUILTIN: &[(&str, &str)] = &[
    ("road", include_str!("../../layouts/road.toml")),
    ("columns", include_str!("../../layouts/columns.toml")),
    ("timeline", include_str!("../../layouts/timeline.toml")),
];

/// The preset used when a roadmap names none.
pub const DEFAULT: &str = "road";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_roadmap_format_names_every_built_in_preset() {
        let names: Vec<&str> = BUILTIN.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, crate::model::LAYOUTS);
        assert!(names.contains(&DEFAULT));
    }
}
