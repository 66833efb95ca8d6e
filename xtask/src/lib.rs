//! Maintainer tasks for the simsage-auth workspace, run as `cargo xtask <command>`.
//!
//! `regen` rebuilds `openapi.yaml` from a SimSage API description: [`select`] picks the auth
//! operations and the components they reach, [`merge`] keeps the project's own text,
//! [`diff`] and [`classify`] build the [`report::Report`], and [`yaml`] and [`mod@write`] emit
//! the file. [`regen::regen`] runs the whole pipeline.

pub mod classify;
pub mod cli;
pub mod diff;
pub mod document;
pub mod error;
pub mod fetch;
pub mod merge;
pub mod node;
pub mod openapi;
pub mod pointer;
pub mod refs;
pub mod regen;
pub mod report;
pub mod select;
pub mod structure;
pub mod write;
pub mod yaml;

pub use error::Error;
pub use regen::{Mode, Outcome, RegenOptions, SpecStatus, regen};
pub use report::{
    Change, ChangeKind, Impact, Item, Report, SemverBump, WordingNeed, WordingReason,
};
