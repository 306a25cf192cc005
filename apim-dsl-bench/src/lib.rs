//! The compile-time benchmark of apim-dsl: `cargo bench -p apim-dsl-bench
//! --bench compile` (see `BENCHMARKS.md` at the repository's root). The
//! library is empty; the benchmark is `benches/compile.rs`. It is a package of
//! its own so that it builds the compiler as the macro gets it, without the
//! features the workspace's tests turn on.
