//! Placeholder until the tuning benchmark is written.
fn main() {}
