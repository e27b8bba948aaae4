//! PDF writer (being written).
