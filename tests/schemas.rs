//! The committed JSON Schemas are the ones the code generates, and decisions follow theirs.

use kriterium_engine::schema;
use kriterium_engine::validation::SchemaCheck;

use crate::util::{kriterium, relative, root};

#[test]
fn committed_schemas_match_what_the_code_generates() {
    for kind in schema::KINDS {
        let generated = kriterium(&["schema", kind]).run().code(0).stdout;
        let path = root().join("schemas").join(format!("{kind}.schema.json"));
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "schemas/{kind}.schema.json is out of date; run `cargo run -- schema {kind} > schemas/{kind}.schema.json`"
        );
    }
}

#[test]
fn every_sample_decision_follows_the_decision_schema() {
    let check = SchemaCheck::new(&schema::decision()).unwrap();
    insta::glob!("..", "samples/made-in-sonderjylland/*.json", |path| {
        let out = kriterium(&["assess", &relative(path), "--format", "json"])
            .run()
            .code(0);
        let decision: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        let problems = check.check("decision", "", &decision);
        assert!(problems.is_empty(), "{problems:?}");
    });
}
