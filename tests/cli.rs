//! The command line's contract: exit codes, the decision's fields, built-in and exported packs,
//! runaway scripts, input forms.

use std::fs;

use crate::util::{kriterium, temp_dir};

const SAMPLE: &str = "samples/made-in-sonderjylland/02-haandboldakademi.json";

fn decision(args: &[&str]) -> serde_json::Value {
    let out = kriterium(args).run().code(0);
    serde_json::from_str(&out.stdout).unwrap()
}

/// Exports the default pack to a new folder for editing.
fn exported_pack() -> (tempfile::TempDir, String) {
    let dir = temp_dir();
    let pack = dir.path().join("pack");
    let pack_arg = pack.to_string_lossy().into_owned();
    kriterium(&["rules", "export", "made-in-sonderjylland", &pack_arg])
        .run()
        .code(0);
    (dir, pack_arg)
}

#[test]
fn no_command_is_a_usage_error() {
    let out = kriterium(&[]).run().code(2);
    assert!(out.stderr.contains("Usage"), "{}", out.stderr);
}

#[test]
fn an_unknown_pack_is_refused_with_a_suggestion() {
    let out = kriterium(&["assess", "--rules", "made-in-sonderjyland", SAMPLE])
        .run()
        .code(2);
    assert!(
        out.stderr.contains("did you mean `made-in-sonderjylland`?"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_missing_application_is_a_rejected_input() {
    let out = kriterium(&["assess", "samples/none.json"]).run().code(1);
    assert_eq!(out.stderr, "samples/none.json: no such file or folder\n");
}

#[test]
fn the_decision_has_every_field_of_the_contract() {
    let d = decision(&["assess", SAMPLE, "--format", "json"]);
    for field in [
        "application_id",
        "title",
        "eligible",
        "gates",
        "criteria",
        "total",
        "max_total",
        "recommendation",
        "rank",
        "granted",
        "pack",
        "input_fingerprint",
        "engine_version",
    ] {
        assert!(d.get(field).is_some(), "missing `{field}`");
    }
    for field in ["id", "title", "passed", "reason"] {
        assert!(
            d["gates"][0].get(field).is_some(),
            "gates: missing `{field}`"
        );
    }
    for field in [
        "id",
        "title",
        "priority",
        "weight",
        "points",
        "max_points",
        "weighted",
        "reasons",
    ] {
        assert!(
            d["criteria"][0].get(field).is_some(),
            "criteria: missing `{field}`"
        );
    }
    for field in ["id", "version", "fingerprint"] {
        assert!(d["pack"].get(field).is_some(), "pack: missing `{field}`");
    }
    assert_eq!(d["rank"], serde_json::Value::Null);
    assert_eq!(d["granted"], serde_json::Value::Null);
    let priorities: Vec<u64> = d["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["priority"].as_u64().unwrap())
        .collect();
    assert_eq!(
        priorities,
        (1..=priorities.len() as u64).collect::<Vec<_>>()
    );
}

#[test]
fn built_in_and_on_disk_pack_have_the_same_fingerprint() {
    let built_in = decision(&["assess", SAMPLE, "--format", "json"]);
    let on_disk = decision(&[
        "assess",
        "--rules",
        "rules/made-in-sonderjylland",
        SAMPLE,
        "--format",
        "json",
    ]);
    assert_eq!(built_in["pack"], on_disk["pack"]);
    let (_dir, exported) = exported_pack();
    let exported = decision(&["assess", "--rules", &exported, SAMPLE, "--format", "json"]);
    assert_eq!(built_in["pack"], exported["pack"]);
    assert!(
        built_in["pack"]["fingerprint"]
            .as_str()
            .unwrap()
            .starts_with("sha256:")
    );
}

/// A pack folder is walked as the built-in packs were embedded: hidden files and symbolic links
/// are not part of it, and a file name that is not UTF-8 (which could not be shown, and was
/// once read as a different, garbled name) is refused, naming the file.
#[cfg(target_os = "linux")]
#[test]
fn a_pack_file_whose_name_is_not_utf8_is_refused_by_name() {
    use std::os::unix::ffi::OsStrExt;
    let (_dir, pack) = exported_pack();
    let folder = std::path::Path::new(&pack);
    fs::write(folder.join(".notes.md"), "hidden").unwrap();
    std::os::unix::fs::symlink("pack.toml", folder.join("linked.toml")).unwrap();
    let built_in = decision(&["assess", SAMPLE, "--format", "json"]);
    let on_disk = decision(&["assess", "--rules", &pack, SAMPLE, "--format", "json"]);
    assert_eq!(built_in["pack"], on_disk["pack"]);

    let name = std::ffi::OsStr::from_bytes(b"noter-\xe6.md");
    fs::write(folder.join("criteria").join(name), "").unwrap();
    let out = kriterium(&["check", &pack]).run();
    assert_ne!(out.code, 0, "{}", out.stdout);
    assert!(
        out.stderr.contains(&format!(
            "{pack}/criteria/noter-\u{fffd}.md: has a name that is not UTF-8 text"
        )),
        "{}",
        out.stderr
    );
}

#[test]
fn line_endings_do_not_change_the_pack_fingerprint() {
    let (_dir, pack) = exported_pack();
    let manifest = std::path::Path::new(&pack).join("pack.toml");
    let text = fs::read_to_string(&manifest).unwrap();
    fs::write(&manifest, text.replace('\n', "\r\n")).unwrap();
    let crlf = decision(&["assess", "--rules", &pack, SAMPLE, "--format", "json"]);
    let built_in = decision(&["assess", SAMPLE, "--format", "json"]);
    assert_eq!(crlf["pack"]["fingerprint"], built_in["pack"]["fingerprint"]);
}

#[test]
fn editing_a_weight_in_an_exported_pack_changes_the_total_without_rebuilding() {
    let (_dir, pack) = exported_pack();
    let reviewed = [
        "assess",
        "--rules",
        &pack,
        SAMPLE,
        "--format",
        "json",
        "--reviews",
        crate::util::SAMPLE_REVIEWS,
    ];
    let before = decision(&reviewed);
    let manifest = std::path::Path::new(&pack).join("pack.toml");
    let text = fs::read_to_string(&manifest).unwrap();
    // The first criterion's weight, 3, doubled.
    let edited = text.replacen("weight = 3\n", "weight = 6\n", 1);
    assert_ne!(text, edited);
    fs::write(&manifest, edited).unwrap();
    let after = decision(&reviewed);

    // Exact decimals, compared as written: 4,21 points × 3 more weight is 12,63 more.
    use kriterium_engine::decimal::Decimal;
    let exact = |v: &serde_json::Value| v.to_string().parse::<Decimal>().unwrap();
    let points = exact(&before["criteria"][0]["points"]);
    assert!(points > Decimal::ZERO);
    let more = Decimal::from(3i64).checked_mul(points).unwrap();
    assert_eq!(
        exact(&after["total"]),
        exact(&before["total"]).checked_add(more).unwrap()
    );
    assert_ne!(before["pack"]["fingerprint"], after["pack"]["fingerprint"]);
}

#[test]
fn an_endless_loop_fails_its_application_naming_the_criterion_and_position() {
    let (_dir, pack) = exported_pack();
    let script = std::path::Path::new(&pack).join("criteria/talentevents.rhai");
    fs::write(&script, "let x = 0;\nloop {\n    x += 1;\n}\n").unwrap();
    let out = kriterium(&["assess", "--rules", &pack, SAMPLE])
        .run()
        .code(1);
    assert_eq!(out.stdout, "");
    let expected_place = format!("{}:3:", script.display());
    assert!(out.stderr.contains(&expected_place), "{}", out.stderr);
    assert!(
        out.stderr.contains("criterion `talentevents`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("endless loop"), "{}", out.stderr);
}

#[test]
fn a_broken_script_makes_the_pack_unusable() {
    let (_dir, pack) = exported_pack();
    let script = std::path::Path::new(&pack).join("criteria/talentevents.rhai");
    fs::write(&script, "award(1, \"x\"\n").unwrap();
    let out = kriterium(&["assess", "--rules", &pack, SAMPLE])
        .run()
        .code(2);
    assert!(
        out.stderr.contains(&format!("{}:", script.display())),
        "{}",
        out.stderr
    );
}

#[test]
fn export_refuses_a_folder_that_is_not_empty() {
    let dir = temp_dir();
    fs::write(dir.path().join("keep.txt"), "mine").unwrap();
    let target = dir.path().to_string_lossy().into_owned();
    let out = kriterium(&["rules", "export", "made-in-sonderjylland", &target])
        .run()
        .code(2);
    assert!(out.stderr.contains("not empty"), "{}", out.stderr);
    assert_eq!(
        fs::read_to_string(dir.path().join("keep.txt")).unwrap(),
        "mine"
    );
    assert!(!dir.path().join("pack.toml").exists());
}

#[test]
fn output_goes_to_a_file_when_asked() {
    let dir = temp_dir();
    let file = dir.path().join("decision.json");
    let file_arg = file.to_string_lossy().into_owned();
    let out = kriterium(&["assess", SAMPLE, "--format", "json", "-o", &file_arg])
        .run()
        .code(0);
    assert_eq!(out.stdout, "");
    let written: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(written["application_id"], "MIS-2025-002");
}

#[test]
fn english_titles_on_request() {
    let d = decision(&["assess", SAMPLE, "--format", "json", "--lang", "en"]);
    assert_eq!(d["criteria"][5]["title"], "Exchange of experience");
    let d = decision(&["assess", SAMPLE, "--format", "json"]);
    assert_eq!(d["criteria"][5]["title"], "Erfaringsudveksling");
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    let one = kriterium(&["assess", SAMPLE, "--format", "json"])
        .run()
        .code(0)
        .stdout;
    let two = kriterium(&["assess", SAMPLE, "--format", "json"])
        .run()
        .code(0)
        .stdout;
    assert_eq!(one, two);
}

#[test]
fn json_lines_on_stdin_are_validated_line_by_line_and_ids_must_be_unique() {
    let good = fs::read_to_string(crate::util::root().join(SAMPLE)).unwrap();
    let good: serde_json::Value = serde_json::from_str(&good).unwrap();
    let line = serde_json::to_string(&good).unwrap();
    let input = format!("{line}\n\n{{\"id\": 5}}\n{line}\nnot json\n");
    let out = kriterium(&["validate", "-"]).stdin(&input).run().code(1);
    // Both copies of the id are rejected: which one is meant cannot be told.
    assert!(!out.stdout.contains(": ok ("), "{}", out.stdout);
    assert!(
        out.stdout.contains("<stdin>:3: /id: expected a string"),
        "{}",
        out.stdout
    );
    for line in [1, 4] {
        assert!(
            out.stdout.contains(&format!(
                "<stdin>:{line}: /id: the id `MIS-2025-002` is used by 2 inputs (<stdin>:1, <stdin>:4); an id must name one application"
            )),
            "{}",
            out.stdout
        );
    }
    assert!(
        out.stdout.contains("<stdin>:5:2: malformed JSON"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.ends_with("0 valid, 4 invalid\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn validate_needs_an_input() {
    kriterium(&["validate"]).run().code(2);
}

#[test]
fn editor_definitions_declare_the_api_and_every_field_a_script_reads() {
    let dir = crate::util::temp_dir();
    let defs = dir.path().join("defs");
    kriterium(&["rules", "definitions", defs.to_str().unwrap()])
        .run()
        .code(0);
    // Rhai's own files of the engine scripts run in, each a definition module.
    let read = |name: &str| std::fs::read_to_string(defs.join(name)).unwrap();
    for name in [
        "__builtin__.d.rhai",
        "__builtin-operators__.d.rhai",
        "__scope__.d.rhai",
    ] {
        assert!(read(name).starts_with("module static;"), "{name}");
    }
    let api = read("__static__.d.rhai");
    let fields = read("fields.d.rhai");
    assert!(api.starts_with("module static;"));
    for function in [
        "award(points: int, reason: string)",
        "note(reason: string)",
        "pass(reason: string)",
        "fail(reason: string)",
        "year(date: string)",
        "common(a: array, b: array)",
        "format_amount(amount: int)",
    ] {
        assert!(api.contains(&format!("fn {function} -> ")), "{function}");
    }
    assert!(read("__scope__.d.rhai").contains("let app: record;"));
    assert!(!fields.contains("const "), "{fields}");
    // Every property path the built-in pack's scripts read is listed.
    for path in [
        "app.budget.requested",
        "app.partners[].new_collaboration",
        "app.events[].participant_municipalities",
        "pack.parameters.municipalities",
        "pack.parameters.last_year",
    ] {
        assert!(fields.contains(&format!("/// `{path}`: ")), "{path}");
    }
}

#[test]
fn shell_completions_name_every_command_and_offer_no_files_for_numbers() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = kriterium(&["completions", shell]).run().code(0);
        for command in [
            "assess",
            "batch",
            "check",
            "test",
            "diff",
            "sensitivity",
            "verify",
        ] {
            assert!(out.stdout.contains(command), "{shell}: {command}");
        }
    }
    // An amount or a count is typed, not a file picked: bash offered file names after them.
    let bash = kriterium(&["completions", "bash"]).run().code(0);
    for option in ["--budget", "--jobs", "--count", "--seed"] {
        let case = format!("{option})");
        let blocks: Vec<&str> = bash.stdout.split(&case).skip(1).collect();
        assert!(!blocks.is_empty(), "bash completions lack {option}");
        for block in blocks {
            let answer = block.lines().nth(1).unwrap_or_default();
            assert!(
                !answer.contains("compgen -f"),
                "{option} completes file names: {answer}"
            );
        }
    }
}

/// Regression: `samples generate --from` skipped templates it could not read or that were not
/// valid, without a word, and varied the rest.
#[test]
fn an_invalid_template_is_refused_with_its_problems_not_skipped() {
    let dir = temp_dir();
    let good =
        crate::util::root().join("samples/made-in-sonderjylland/01-ungdomssymfoniorkester.json");
    let good = fs::read_to_string(good).unwrap();
    fs::write(dir.path().join("good.json"), &good).unwrap();
    fs::write(dir.path().join("broken.json"), "{\"id\": \"X-1\",").unwrap();
    fs::write(dir.path().join("not-text.json"), [0xff, 0xfe, 0x00]).unwrap();
    let from = dir.path().to_str().unwrap();
    let out = kriterium(&["samples", "generate", "--count", "5", "--from", from])
        .run()
        .code(1);
    assert_eq!(out.stdout, "", "nothing is generated");
    assert!(out.stderr.contains("broken.json"), "{}", out.stderr);
    assert!(out.stderr.contains("malformed JSON"), "{}", out.stderr);
    assert!(out.stderr.contains("not-text.json"), "{}", out.stderr);
    assert!(out.stderr.contains("is not UTF-8 text"), "{}", out.stderr);
    assert!(
        out.stderr.ends_with(
            "nothing generated: every template must be a valid application for the pack \
             `made-in-sonderjylland`; fix or remove the files above\n"
        ),
        "{}",
        out.stderr
    );
    fs::remove_file(dir.path().join("broken.json")).unwrap();
    fs::remove_file(dir.path().join("not-text.json")).unwrap();
    let out = kriterium(&["samples", "generate", "--count", "5", "--from", from])
        .run()
        .code(0);
    assert_eq!(out.stdout.lines().count(), 5);
}

#[test]
fn diff_and_test_help_describe_their_own_outputs_and_files() {
    // `diff --format` once listed `assess`'s formats ("The decision as JSON", "a report … to
    // attach to the decision"): diff writes changes between two packs, not a decision.
    let diff = kriterium(&["diff", "--help"]).run().code(0);
    assert!(
        !diff.stdout.contains("The decision as JSON"),
        "{}",
        diff.stdout
    );
    for form in [
        "as a table for a terminal",
        "as JSON for tools",
        "in Markdown",
        "HTML page",
    ] {
        assert!(
            diff.stdout.contains(form),
            "diff --help lacks {form:?}:\n{}",
            diff.stdout
        );
    }
    let test = kriterium(&["test", "--help"]).run().code(0);
    assert!(
        test.stdout.contains("tests/*.toml and tests/*.json"),
        "{}",
        test.stdout
    );
}

/// `rules export` writes a Taplo configuration and the pack schema beside `pack.toml`, hidden,
/// so an editor checks the exported `pack.toml` and the pack (and its fingerprint) is unchanged.
#[test]
fn an_exported_pack_carries_its_editor_schema_and_keeps_its_fingerprint() {
    let (dir, pack) = exported_pack();
    let pack = std::path::Path::new(&pack);
    let taplo = fs::read_to_string(pack.join(".taplo.toml")).unwrap();
    assert!(taplo.contains("path = \"./.pack.schema.json\""), "{taplo}");
    assert!(taplo.contains("include = [\"**/pack.toml\"]"), "{taplo}");
    let _: toml::Table = taplo.parse().unwrap();
    let schema = fs::read_to_string(pack.join(".pack.schema.json")).unwrap();
    let printed = kriterium(&["schema", "pack"]).run().code(0).stdout;
    assert_eq!(schema, printed);
    let decision = |rules: &str| -> serde_json::Value {
        let out = kriterium(&["assess", "--rules", rules, SAMPLE, "--format", "json"])
            .run()
            .code(0);
        serde_json::from_str(&out.stdout).unwrap()
    };
    let built_in = decision("made-in-sonderjylland");
    let exported = decision(pack.to_str().unwrap());
    assert_eq!(
        exported["pack"]["fingerprint"],
        built_in["pack"]["fingerprint"]
    );
    drop(dir);
}

/// The built-in packs' names complete after `--rules` and `rules export`; `--rules` still
/// completes folders (a pack folder) in bash, zsh and fish.
#[test]
fn shell_completions_offer_the_built_in_pack_names_and_folders_after_rules() {
    let packs = crate::util::built_in_packs();
    let names = packs.join(" ");
    // clap's PowerShell script completes commands and options only, never values.
    for shell in ["bash", "zsh", "fish"] {
        let out = kriterium(&["completions", shell]).run().code(0);
        for pack in &packs {
            assert!(out.stdout.contains(pack.as_str()), "{shell}: {pack}");
        }
    }
    let bash = kriterium(&["completions", "bash"]).run().code(0).stdout;
    let blocks: Vec<&str> = bash.split("--rules)").skip(1).collect();
    assert!(!blocks.is_empty(), "bash completions lack --rules");
    for block in blocks {
        let answer = block.lines().nth(1).unwrap_or_default();
        assert!(
            answer.contains(&format!("compgen -W \"{names}\"")),
            "{answer}"
        );
        assert!(
            answer.contains("compgen -d"),
            "--rules offers no folders: {answer}"
        );
    }
    // `rules export NAME` offers the names.
    let export = bash
        .split("kriterium__subcmd__rules__subcmd__export)")
        .nth(1)
        .unwrap_or_default();
    let offered = export.lines().nth(1).unwrap_or_default();
    assert!(offered.contains(&format!(" {names}\"")), "{offered}");
    let zsh = kriterium(&["completions", "zsh"]).run().code(0).stdout;
    // The action sits inside the single-quoted spec of `--rules`: it must not close the quotes.
    let spec = zsh
        .lines()
        .find(|l| l.starts_with("'--rules="))
        .unwrap_or_default();
    assert_eq!(spec.matches('\'').count(), 2, "{spec}");
    assert!(
        spec.contains(&format!("built-in pack\\:({names})")),
        "{spec}"
    );
    assert!(
        spec.contains("_files -/"),
        "no folders after --rules: {spec}"
    );
    let fish = kriterium(&["completions", "fish"]).run().code(0).stdout;
    for line in fish.lines().filter(|l| l.contains(" -l rules ")) {
        assert!(line.contains(" -F ") && line.contains(&packs[0]), "{line}");
    }
}
