//! Nothing but a home for the benchmarks in `render.rs`: `cargo bench -p waypost-bench`.
