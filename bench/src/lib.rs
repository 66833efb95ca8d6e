//! Benchmarks that compare simsage-auth with progenitor and with hand-written reqwest
//! calls. `src/main.rs` runs them and prints the report that `BENCHMARKS.md` records.

pub mod alloc;
pub mod build_cost;
pub mod codegen;
pub mod decode;
pub mod fixtures;
pub mod harness;
pub mod machine;
pub mod report;
pub mod throughput;
