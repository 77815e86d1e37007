//! Checks of the source tree itself: no programme specifics in Rust, a `//!` on every file, every
//! snapshot redacted.

use std::fs;
use std::path::{Path, PathBuf};

use crate::util::root;

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap().map(Result::unwrap) {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The engine, CLI, pack-walk, intake and letter-PDF sources (not tests, which may name samples).
fn product_sources() -> Vec<PathBuf> {
    let mut files = vec![root().join("build.rs")];
    rust_files(&root().join("src"), &mut files);
    rust_files(&root().join("engine/src"), &mut files);
    rust_files(&root().join("packfiles/src"), &mut files);
    rust_files(&root().join("intake/src"), &mut files);
    rust_files(&root().join("pdf/src"), &mut files);
    files
}

/// Words that belong to a programme: every built-in pack's id, gate and criterion ids, and the
/// text values of its parameters (e.g. municipality names), plus the programmes' and regions'
/// names.
fn programme_words() -> Vec<String> {
    let mut words: Vec<String> = [
        "sønderjylland",
        "sonderjylland",
        "kulturmetropol",
        "musikmetropol",
        "skåne",
        "region skane",
        "kultursamordn",
    ]
    .map(String::from)
    .to_vec();
    for entry in fs::read_dir(root().join("rules"))
        .unwrap()
        .map(Result::unwrap)
    {
        let manifest = entry.path().join("pack.toml");
        let Ok(text) = fs::read_to_string(&manifest) else {
            continue;
        };
        let pack: toml::Table = text.parse().unwrap();
        words.push(pack["id"].as_str().unwrap().to_string());
        for list in ["gates", "criteria"] {
            for item in pack
                .get(list)
                .and_then(|v| v.as_array())
                .into_iter()
                .flatten()
            {
                words.push(item["id"].as_str().unwrap().to_string());
            }
        }
        fn strings(value: &toml::Value, out: &mut Vec<String>) {
            match value {
                toml::Value::String(s) => out.push(s.clone()),
                toml::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
                toml::Value::Table(t) => t.values().for_each(|v| strings(v, out)),
                _ => {}
            }
        }
        if let Some(parameters) = pack.get("parameters") {
            strings(parameters, &mut words);
        }
    }
    // A gate's id that is also a plain word every Danish report needs: "kommuner" is
    // "municipalities", a label in the translation table.
    const PLAIN_WORDS: [&str; 1] = ["kommuner"];
    // A parameter may name values of the programme-neutral application model (`"venue"`,
    // `"girls"`); those belong to the model, not to the programme.
    let model = model_values();
    words
        .into_iter()
        .map(|w| w.to_lowercase())
        .filter(|w| w.len() >= 4 && !PLAIN_WORDS.contains(&w.as_str()) && !model.contains(w))
        .collect()
}

/// Every enum value of the application schema.
fn model_values() -> Vec<String> {
    fn collect(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::Array(values)) = map.get("enum") {
                    out.extend(values.iter().filter_map(|v| v.as_str().map(str::to_string)));
                }
                map.values().for_each(|v| collect(v, out));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
            _ => {}
        }
    }
    let text = fs::read_to_string(root().join("schemas/application.schema.json")).unwrap();
    let mut values = Vec::new();
    collect(&serde_json::from_str(&text).unwrap(), &mut values);
    values
}

#[test]
fn nothing_in_rust_names_a_programme_its_places_or_its_criteria() {
    let words = programme_words();
    for place in ["haderslev", "roskilde", "malmö"] {
        assert!(
            words.iter().any(|w| w == place),
            "every pack's municipalities are among the words: {place}"
        );
    }
    assert!(!words.iter().any(|w| w == "venue"), "model values are not");
    let mut hits = Vec::new();
    for file in product_sources() {
        let text = fs::read_to_string(&file).unwrap().to_lowercase();
        for word in &words {
            if text.contains(word.as_str()) {
                hits.push(format!("{}: {word}", file.display()));
            }
        }
    }
    assert!(
        hits.is_empty(),
        "programme specifics in Rust:\n{}",
        hits.join("\n")
    );
}

#[test]
fn every_rust_file_says_what_it_is_for() {
    let mut files = product_sources();
    rust_files(&root().join("tests"), &mut files);
    let missing: Vec<String> = files
        .iter()
        .filter(|f| !fs::read_to_string(f).unwrap().starts_with("//!"))
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "files without a `//!` line: {missing:?}"
    );
}

/// Every snapshot goes through `util::assert_snapshot!`, which redacts fingerprints and the
/// engine version: a snapshot taken around it would change with every pack edit again.
#[test]
fn every_snapshot_is_taken_with_the_redactions() {
    let mut files = Vec::new();
    rust_files(&root().join("tests"), &mut files);
    rust_files(&root().join("engine/src"), &mut files);
    let helper = root().join("tests/util.rs");
    // Spelled in two parts so that this file does not name what it looks for.
    let direct = ["insta::assert", "_"].concat();
    let around: Vec<String> = files
        .iter()
        .filter(|f| **f != helper && fs::read_to_string(f).unwrap().contains(&direct))
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        around.is_empty(),
        "snapshots taken without `crate::util::assert_snapshot!`: {around:?}"
    );
}
