//! kriterium's engine: applications, validation, rule packs, the sandboxed Rhai host, scoring
//! and decisions.
//!
//! The engine never sees the command line. Apart from reading pack folders (`pack::files`) and
//! input files (`input`), everything here is a pure function of its inputs, which is what lets a
//! decision reproduce byte for byte.

pub mod amount;
pub mod application;
pub mod batch;
pub mod cases;
pub mod date;
pub mod decimal;
pub mod decision;
pub mod diff;
pub mod fingerprint;
pub mod ids;
pub mod input;
pub mod json;
pub mod labels;
pub mod letter;
pub mod manifest;
pub mod pack;
pub mod package;
pub mod panel;
pub mod portfolio;
pub mod problem;
pub mod ranking;
pub mod report;
pub mod review;
pub mod schema;
pub mod scoring;
pub mod script;
pub mod sensitivity;
pub mod spreadsheet;
pub mod suggest;
pub mod summary;
pub mod synthetic;
pub mod text;
pub mod tuning;
pub mod validation;
pub mod verify;

/// The engine's version, written into every decision.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");
