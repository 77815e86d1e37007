//! Embeds every rule pack under `rules/` into the binary, with its sample applications.
//!
//! Each folder in `rules/` with a `pack.toml` becomes a built-in pack: its files are the ones
//! `kriterium_packfiles` lists — the same walk `--rules FOLDER` loads a pack with, so a built-in
//! pack and the same pack exported to a folder are the same files — each checked as the engine
//! checks it (UTF-8, size) and included as text. So are the `samples/<pack>/*.json`
//! applications, which `kriterium samples generate` uses as templates. The default pack's name
//! is read from `rules/packs.toml`, so no programme is named in Rust.
//!
//! Anything wrong (an unreadable folder, a malformed `packs.toml`, a default that names no
//! pack) fails the build with a message naming the file, rather than building a binary with
//! fewer packs or another default.

use std::fmt::Write;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use kriterium_packfiles::ErrorKind;
use serde::Deserialize;

/// `rules/packs.toml`: what the build needs to know about the built-in packs beyond their
/// folders.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PacksToml {
    /// The pack used when no `--rules` is given: the name of a folder in `rules/`.
    default: String,
}

/// A built-in pack's (or its samples') name and files: path in the pack, and where it is.
type Table = Vec<(String, Vec<(String, PathBuf)>)>;

fn main() {
    if let Err(message) = run() {
        // Cargo shows a failed build script's standard error.
        eprintln!("error: {message}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    // Read when the script runs, not when it was compiled: a build script compiled in another
    // checkout (a copied `target/`) must still embed this checkout's packs.
    let root =
        std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").ok_or(
            "CARGO_MANIFEST_DIR is not set: build scripts are run by cargo, which sets it",
        )?);
    let rules = root.join("rules");
    let samples = root.join("samples");
    println!("cargo:rerun-if-changed={}", rules.display());
    println!("cargo:rerun-if-changed={}", samples.display());

    let packs = built_in_packs(&rules)?;
    let default = default_pack(&rules.join("packs.toml"), &packs)?;
    let samples = packs
        .iter()
        .map(|(name, _)| Ok((name.clone(), sample_files(&samples.join(name))?)))
        .collect::<Result<Table, String>>()?;

    let mut code = String::new();
    table(
        &mut code,
        "PACKS",
        "Built-in packs: name and files (relative path, text).",
        &packs,
    );
    table(
        &mut code,
        "SAMPLES",
        "Sample applications per built-in pack: name and files (file name, text).",
        &samples,
    );
    let _ = writeln!(
        code,
        "/// The pack used when no `--rules` is given (from `rules/packs.toml`)."
    );
    let _ = writeln!(code, "pub const DEFAULT_PACK: &str = {default:?};");

    let out_dir = std::env::var_os("OUT_DIR")
        .ok_or("OUT_DIR is not set: build scripts are run by cargo, which sets it")?;
    let out = PathBuf::from(out_dir).join("builtin_packs.rs");
    fs::write(&out, code).map_err(|e| format!("cannot write {}: {e}", out.display()))
}

/// The packs in `rules/`: every folder (not hidden, not a symbolic link) whose walk holds a
/// `pack.toml`, sorted by name, with its files.
fn built_in_packs(rules: &Path) -> Result<Table, String> {
    let cannot_read = |e: io::Error| format!("cannot read {}: {e}", rules.display());
    let mut packs = Vec::new();
    for entry in fs::read_dir(rules).map_err(cannot_read)? {
        let entry = entry.map_err(cannot_read)?;
        let folder = entry.path();
        let name = entry
            .file_name()
            .into_string()
            .map_err(|_| format!("{}: the name is not UTF-8 text", folder.display()))?;
        let is_folder = entry
            .file_type()
            .map_err(|e| format!("cannot read {}: {e}", folder.display()))?
            .is_dir();
        if name.starts_with('.') || !is_folder {
            continue;
        }
        let files = pack_files(&folder)?;
        if files.iter().any(|(path, _)| path == "pack.toml") {
            packs.push((name, files));
        }
    }
    packs.sort();
    Ok(packs)
}

/// A pack folder's files as the engine reads them, each read once here so a file the engine
/// would refuse (not UTF-8, too large) fails the build with its name.
fn pack_files(folder: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    kriterium_packfiles::list(folder)
        .map_err(|e| describe(folder, &e))?
        .into_iter()
        .map(|file| {
            file.read_text().map_err(|e| describe(folder, &e))?;
            Ok((file.path, file.location))
        })
        .collect()
}

/// The default pack's name from `packs.toml`; it must be one of `packs`.
fn default_pack(packs_toml: &Path, packs: &Table) -> Result<String, String> {
    let shown = packs_toml.display();
    let text = fs::read_to_string(packs_toml).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let PacksToml { default } = toml::from_str(&text).map_err(|e| format!("{shown}: {e}"))?;
    if packs.iter().any(|(name, _)| *name == default) {
        Ok(default)
    } else {
        let names: Vec<&str> = packs.iter().map(|(name, _)| name.as_str()).collect();
        Err(format!(
            "{shown}: `default = {default:?}` names no pack in rules/ (a folder with a pack.toml); \
             the packs are: {}",
            names.join(", ")
        ))
    }
}

/// The sample applications of a built-in pack (`samples/<pack>/*.json`, by the same walk as a
/// pack's files, sub-folders left out): the templates `kriterium samples generate` varies. A
/// pack without a samples folder has none.
fn sample_files(folder: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let files = match kriterium_packfiles::list(folder) {
        Ok(files) => files,
        Err(e) if e.path().is_empty() && is_not_found(e.kind()) => return Ok(Vec::new()),
        Err(e) => return Err(describe(folder, &e)),
    };
    Ok(files
        .into_iter()
        .filter(|file| !file.path.contains('/') && file.path.ends_with(".json"))
        .map(|file| (file.path, file.location))
        .collect())
}

fn is_not_found(kind: &ErrorKind) -> bool {
    matches!(kind, ErrorKind::Io(e) if e.kind() == io::ErrorKind::NotFound)
}

/// A walk's error with the file it names: the folder joined with its path.
fn describe(folder: &Path, error: &kriterium_packfiles::Error) -> String {
    match error.path() {
        "" => format!("{}: {}", folder.display(), error.kind()),
        path => format!("{}/{path}: {}", folder.display(), error.kind()),
    }
}

/// Writes `pub static NAME: &[(&str, &[(&str, &str)])]`, each file included as text.
fn table(code: &mut String, name: &str, doc: &str, entries: &Table) {
    let _ = writeln!(code, "/// {doc}");
    let _ = writeln!(code, "pub static {name}: &[(&str, &[(&str, &str)])] = &[");
    for (key, files) in entries {
        let _ = writeln!(code, "    ({key:?}, &[");
        for (rel, path) in files {
            let _ = writeln!(
                code,
                "        ({rel:?}, include_str!({:?})),",
                path.display().to_string()
            );
        }
        code.push_str("    ]),\n");
    }
    code.push_str("];\n");
}
