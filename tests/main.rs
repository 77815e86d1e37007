//! End-to-end tests: the real `kriterium` binary run on the samples, on built-in and broken rule
//! packs, and checks of the repository itself. One test binary, one file per feature.

// Tests may unwrap: a panic here is a failed test, not a crash on a user's input. clippy.toml
// allows it in `#[test]` functions; this also covers the helpers they share (`util.rs`).
#![allow(clippy::unwrap_used)]

mod batch;
mod browser;
mod budget;
mod cli;
mod diff;
mod fingerprints;
mod hostile;
mod ids;
mod import;
mod input;
mod language;
mod letters;
mod pack_tests;
mod packs;
mod parallel;
mod plugins;
mod portfolio;
mod problem_language;
mod readme;
mod register;
mod register_panel;
mod register_reviews;
mod reports;
mod results;
mod review_sheets;
mod reviewed_reports;
mod reviews;
mod sample_reviews;
mod samples;
mod schemas;
mod sensitivity;
mod serve;
mod serve_browser;
mod serve_decide;
mod serve_fuzz;
mod serve_tune;
mod serve_util;
mod source;
mod spreadsheets;
mod text;
mod util;
