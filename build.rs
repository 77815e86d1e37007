//! Embeds every rule pack under `rules/` into the binary, with its sample applications.
//!
//! Each folder in `rules/` with a `pack.toml` becomes a built-in pack: all its files (hidden ones
//! excepted) are included as text, and so are the `samples/<pack>/*.json` applications, which
//! `kriterium samples generate` uses as templates. The default pack's name is read from
//! `rules/packs.toml`, so no programme is named in Rust.

use std::fmt::Write;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = root.join("rules");
    let samples = root.join("samples");
    println!("cargo:rerun-if-changed={}", rules.display());
    println!("cargo:rerun-if-changed={}", samples.display());

    let mut packs: Vec<(String, Vec<(String, PathBuf)>)> = Vec::new();
    let mut folders: Vec<PathBuf> = fs::read_dir(&rules)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    folders.sort();
    for folder in folders {
        if !folder.join("pack.toml").is_file() {
            continue;
        }
        let name = folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut files = Vec::new();
        collect(&folder, "", &mut files);
        files.sort();
        packs.push((name, files));
    }

    let default = fs::read_to_string(rules.join("packs.toml"))
        .ok()
        .and_then(|text| {
            text.lines()
                .map(str::trim)
                .find(|l| l.starts_with("default"))
                .and_then(|l| l.split('"').nth(1).map(str::to_string))
        })
        .unwrap_or_else(|| packs.first().map(|p| p.0.clone()).unwrap_or_default());

    // The sample applications of each built-in pack (`samples/<pack>/*.json`): the templates
    // `kriterium samples generate` varies.
    let samples: Vec<(String, Vec<(String, PathBuf)>)> = packs
        .iter()
        .map(|(name, _)| {
            let mut files: Vec<(String, PathBuf)> = fs::read_dir(samples.join(name))
                .map(|entries| {
                    entries
                        .filter_map(Result::ok)
                        .map(|e| e.path())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
                .into_iter()
                .filter(|f| f.extension().is_some_and(|e| e == "json"))
                .map(|f| {
                    (
                        f.file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default(),
                        f,
                    )
                })
                .collect();
            files.sort();
            (name.clone(), files)
        })
        .collect();

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

    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("builtin_packs.rs");
    if let Err(e) = fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
}

/// Writes `pub static NAME: &[(&str, &[(&str, &str)])]`, each file included as text.
fn table(code: &mut String, name: &str, doc: &str, entries: &[(String, Vec<(String, PathBuf)>)]) {
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

/// The files of a pack folder, by the same rules as the engine's `PackFiles::from_dir` (hidden
/// files skipped, `/` between folders). Written again here because making the engine a build
/// dependency would compile it, Rhai included, a second time on every build.
fn collect(dir: &Path, prefix: &str, files: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let rel = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        let path = entry.path();
        if path.is_dir() {
            collect(&path, &rel, files);
        } else if path.is_file() {
            files.push((rel, path));
        }
    }
}
