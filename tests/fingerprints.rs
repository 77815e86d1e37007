//! Fingerprints and the engine version, asserted directly: snapshots redact them
//! (`util::redactions`), so these tests are what holds them. A decision's pack fingerprint is
//! the digest of the pack's files, its input fingerprint the digest of the application's
//! canonical JSON, the same whether assessed alone or in a batch, and its engine version the
//! engine's.

use std::fs;
use std::path::Path;

use kriterium_engine::{ENGINE_VERSION, fingerprint, json};

use crate::util::{built_in_packs, files_in, kriterium, relative, root, temp_dir};

/// The files a pack's fingerprint covers, read from `rules/<pack>/` here rather than by the
/// engine's loading code: the manifest, every script it names and its extension schema.
fn pack_fingerprint_from_its_files(pack: &str) -> String {
    let dir = root().join("rules").join(pack);
    let manifest = fs::read_to_string(dir.join("pack.toml")).unwrap();
    let table: toml::Table = manifest.parse().unwrap();
    let mut paths = vec!["pack.toml".to_string()];
    for section in ["gates", "criteria"] {
        for rule in table[section].as_array().unwrap() {
            paths.push(rule["script"].as_str().unwrap().to_string());
        }
    }
    // The portfolio's attribute scripts decide what the goals count: part of the pack too.
    let attributes = table
        .get("portfolio")
        .and_then(|p| p.get("attributes"))
        .and_then(|a| a.as_array());
    for attribute in attributes.into_iter().flatten() {
        paths.push(attribute["script"].as_str().unwrap().to_string());
    }
    if let Some(schema) = table.get("extra_schema") {
        paths.push(schema.as_str().unwrap().to_string());
    }
    let texts: Vec<(String, String)> = paths
        .into_iter()
        .map(|path| {
            let text = fingerprint::normalise_text(&fs::read_to_string(dir.join(&path)).unwrap());
            (path, text)
        })
        .collect();
    fingerprint::pack(texts.iter().map(|(p, t)| (p.as_str(), t.as_str())))
}

/// The decision `assess` makes for `file` under the built-in `pack`.
fn assessed(pack: &str, file: &str) -> serde_json::Value {
    let out = kriterium(&["assess", "--rules", pack, file, "--format", "json"])
        .run()
        .code(0);
    serde_json::from_str(&out.stdout).unwrap()
}

/// The fingerprint of the application in `file`, computed here from its JSON.
fn input_fingerprint(file: &Path) -> String {
    let mut value: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(file).unwrap()).unwrap();
    json::whole_numbers_as_integers(&mut value);
    fingerprint::application(&value)
}

#[test]
fn every_built_in_pack_is_fingerprinted_by_its_files_and_every_decision_names_the_engine() {
    let packs = built_in_packs();
    assert_eq!(packs.len(), 3, "{packs:?}");
    for pack in packs {
        let expected = pack_fingerprint_from_its_files(&pack);
        assert!(expected.starts_with("sha256:") && expected.len() == 7 + 64);
        let sample = &files_in(&root().join("samples").join(&pack))[0];
        let decision = assessed(&pack, &relative(sample));
        assert_eq!(decision["pack"]["fingerprint"], expected.as_str(), "{pack}");
        assert_eq!(decision["pack"]["id"], pack.as_str());
        assert_eq!(decision["engine_version"], ENGINE_VERSION, "{pack}");
        assert_eq!(
            decision["input_fingerprint"],
            input_fingerprint(sample).as_str(),
            "{pack}: {}",
            sample.display()
        );
    }
}

#[test]
fn a_batch_records_the_fingerprints_and_version_that_assessing_alone_does() {
    let pack = "made-in-sonderjylland";
    let dir = temp_dir();
    let out = dir.path().to_string_lossy().into_owned();
    let samples = format!("samples/{pack}");
    kriterium(&["batch", &samples, "--out", &out]).run().code(0);
    let summary: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("summary.json")).unwrap())
            .unwrap();
    let expected = pack_fingerprint_from_its_files(pack);
    assert_eq!(summary["pack"]["fingerprint"], expected.as_str());
    assert_eq!(summary["engine_version"], ENGINE_VERSION);

    let decisions: Vec<serde_json::Value> = fs::read_to_string(dir.path().join("decisions.jsonl"))
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let sample_files = files_in(&root().join(&samples));
    assert_eq!(decisions.len(), sample_files.len());
    for file in sample_files {
        let alone = assessed(pack, &relative(&file));
        let id = &alone["application_id"];
        let in_batch = decisions
            .iter()
            .find(|d| d["application_id"] == *id)
            .unwrap_or_else(|| panic!("{id} in the batch"));
        assert_eq!(
            in_batch["input_fingerprint"],
            input_fingerprint(&file).as_str()
        );
        for field in ["input_fingerprint", "pack", "engine_version"] {
            assert_eq!(in_batch[field], alone[field], "{id}: {field}");
        }
        // What the reports show: the version and both fingerprints.
        let report = fs::read_to_string(
            dir.path()
                .join("reports")
                .join(format!("{}.md", id.as_str().unwrap())),
        )
        .unwrap();
        for shown in [
            format!("kriterium version: {ENGINE_VERSION}"),
            expected.clone(),
            input_fingerprint(&file),
        ] {
            assert!(report.contains(&shown), "{id}: {shown} not in\n{report}");
        }
    }
}

#[test]
fn an_application_changed_in_one_value_has_another_fingerprint_and_its_layout_none() {
    let dir = temp_dir();
    let sample = root().join("samples/made-in-sonderjylland/01-ungdomssymfoniorkester.json");
    let mut value: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&sample).unwrap()).unwrap();
    let original =
        assessed("made-in-sonderjylland", &relative(&sample))["input_fingerprint"].clone();

    // Compact, keys in another order: the same application.
    let compact = dir.path().join("compact.json");
    fs::write(&compact, value.to_string()).unwrap();
    let compact = assessed("made-in-sonderjylland", &compact.to_string_lossy());
    assert_eq!(compact["input_fingerprint"], original);

    // Another title, everything else the same: another application.
    assert_ne!(value["title"], "En anden titel");
    value["title"] = "En anden titel".into();
    let changed = dir.path().join("changed.json");
    fs::write(&changed, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    let changed = assessed("made-in-sonderjylland", &changed.to_string_lossy());
    assert_ne!(changed["input_fingerprint"], original);
    assert_eq!(changed["pack"], compact["pack"], "the pack is the same");
}
