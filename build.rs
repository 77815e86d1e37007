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

    let mut code = String::new();
    code.push_str("/// Built-in packs: name and files (relative path, text).\n");
    code.push_str("pub static PACKS: &[(&str, &[(&str, &str)])] = &[\n");
    for (name, files) in &packs {
        let _ = writeln!(code, "    ({name:?}, &[");
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
    // The sample applications of each built-in pack (`samples/<pack>/*.json`): the templates
    // `kriterium samples generate` varies.
    code.push_str("/// Sample applications per built-in pack: name and files (file name, text).\n");
    code.push_str("pub static SAMPLES: &[(&str, &[(&str, &str)])] = &[\n");
    for (name, _) in &packs {
        let mut files: Vec<PathBuf> = fs::read_dir(samples.join(name))
            .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.retain(|f| f.extension().is_some_and(|e| e == "json"));
        files.sort();
        let _ = writeln!(code, "    ({name:?}, &[");
        for path in files {
            let file = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let _ = writeln!(
                code,
                "        ({file:?}, include_str!({:?})),",
                path.display().to_string()
            );
        }
        code.push_str("    ]),\n");
    }
    code.push_str("];\n");
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
