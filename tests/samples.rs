//! Golden tests over `samples/`: every application's decision (JSON and text report) and every
//! invalid sample's problems are held fixed by snapshots. A new sample is a new test.

use crate::util::{kriterium, relative};

#[test]
fn decisions_as_json() {
    insta::glob!("..", "samples/made-in-sonderjylland/*.json", |path| {
        let out = kriterium(&["assess", &relative(path), "--format", "json"])
            .run()
            .code(0);
        crate::util::assert_snapshot!(out.stdout);
    });
}

#[test]
fn reports_as_text() {
    insta::glob!("..", "samples/made-in-sonderjylland/*.json", |path| {
        let out = kriterium(&["assess", &relative(path)]).run().code(0);
        crate::util::assert_snapshot!(out.stdout);
    });
}

#[test]
fn report_in_english() {
    let out = kriterium(&[
        "assess",
        "samples/made-in-sonderjylland/02-haandboldakademi.json",
        "--lang",
        "en",
    ])
    .run()
    .code(0);
    crate::util::assert_snapshot!(out.stdout);
}

#[test]
fn invalid_samples_are_rejected_naming_the_field() {
    insta::glob!("..", "samples/invalid/*.json", |path| {
        let file = relative(path);
        let out = kriterium(&["validate", &file]).run().code(1);
        // Every problem line names the file and either a JSON pointer or a line and column.
        let problems: Vec<&str> = out
            .stdout
            .lines()
            .filter(|l| l.starts_with(&file.to_string()))
            .collect();
        assert!(!problems.is_empty(), "{}", out.stdout);
        for line in &problems {
            let rest = &line[file.len()..];
            assert!(
                rest.starts_with(": /")
                    || rest.starts_with(':') && rest.as_bytes()[1].is_ascii_digit()
                    || rest.starts_with(": is empty"),
                "{line}"
            );
        }
        crate::util::assert_snapshot!(out.stdout);
    });
}

#[test]
fn every_valid_sample_validates() {
    let out = kriterium(&["validate", "samples/made-in-sonderjylland"])
        .run()
        .code(0);
    assert!(
        out.stdout.ends_with(" valid, 0 invalid\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn every_sample_snapshot_belongs_to_a_sample_that_exists() {
    // insta names a glob snapshot `<test>@<file>.snap`; when a sample is removed or renamed, its
    // old snapshot would linger unread. (CI has no cargo-insta for `--unreferenced=reject`.)
    let root = crate::util::root();
    let samples: Vec<String> = std::fs::read_dir(root.join("samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .flat_map(|dir| {
            std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        })
        .collect();
    for entry in std::fs::read_dir(root.join("tests/snapshots")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        // Pending `.snap.new` files are not committed (git ignores them).
        if !name.ends_with(".snap") {
            continue;
        }
        if let Some((_, sample)) = name.split_once('@') {
            let sample = sample.trim_end_matches(".snap");
            assert!(
                samples.iter().any(|s| s == sample),
                "{name} has no sample `{sample}`; remove the snapshot"
            );
        }
    }
}
