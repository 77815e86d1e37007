//! `kriterium check`: a sound pack passes, a broken one shows every problem with its position.

use crate::util::kriterium;

#[test]
fn the_built_in_pack_is_sound() {
    let out = kriterium(&["check", "made-in-sonderjylland"]).run().code(0);
    assert!(
        out.stdout.contains(": ok: made-in-sonderjylland"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_manifest_error_is_reported_at_its_line() {
    let out = kriterium(&["check", "tests/fixtures/broken-pack"])
        .run()
        .code(2);
    insta::assert_snapshot!(out.stderr);
}

#[test]
fn every_manifest_and_script_problem_is_reported_in_one_run() {
    // Without the unknown field, loading gets past the schema to the semantic and script checks.
    let dir = crate::util::temp_dir();
    let source = crate::util::root().join("tests/fixtures/broken-pack");
    for file in [
        "pack.toml",
        "criteria/syntax-error.rhai",
        "criteria/unknown-function.rhai",
    ] {
        let target = dir.path().join(file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        let text = std::fs::read_to_string(source.join(file))
            .unwrap()
            .replace("colour = \"blue\"\n", "");
        std::fs::write(target, text).unwrap();
    }
    let pack = dir.path().to_string_lossy().into_owned();
    let out = kriterium(&["check", &pack]).run().code(2);
    let stderr = out.stderr.replace(&pack, "PACK");
    insta::assert_snapshot!(stderr);
}
