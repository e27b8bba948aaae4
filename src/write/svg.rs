//! SVG writer (being written).
