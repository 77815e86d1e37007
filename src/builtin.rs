//! The rule packs built into the binary (generated from `rules/` by `build.rs`).

use kriterium_engine::pack::PackFiles;

include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

/// The names of the built-in packs, sorted.
pub fn names() -> Vec<&'static str> {
    PACKS.iter().map(|(name, _)| *name).collect()
}

/// The sample applications shipped with a built-in pack: (file name, text).
pub fn samples(name: &str) -> &'static [(&'static str, &'static str)] {
    SAMPLES
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(&[], |(_, files)| files)
}

/// The files of a built-in pack.
pub fn files(name: &str) -> Option<PackFiles> {
    PACKS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, files)| PackFiles::from_memory(format!("built-in:{n}"), files.iter().copied()))
}
