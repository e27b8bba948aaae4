//! SVG font subsets (being written).
