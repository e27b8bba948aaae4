//! PNG writer (being written).
