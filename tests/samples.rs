//! Golden tests over `samples/`: every application's decision (JSON and text report) and every
//! invalid sample's problems are held fixed by snapshots. A new sample is a new test.

use crate::util::{kriterium, relative};

#[test]
fn decisions_as_json() {
    insta::glob!("..", "samples/made-in-sonderjylland/*.json", |path| {
        let out = kriterium(&["assess", &relative(path), "--format", "json"])
            .run()
            .code(0);
        insta::assert_snapshot!(out.stdout);
    });
}

#[test]
fn reports_as_text() {
    insta::glob!("..", "samples/made-in-sonderjylland/*.json", |path| {
        let out = kriterium(&["assess", &relative(path)]).run().code(0);
        insta::assert_snapshot!(out.stdout);
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
    insta::assert_snapshot!(out.stdout);
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
        insta::assert_snapshot!(out.stdout);
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
