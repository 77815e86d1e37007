//! `kriterium check`: a sound pack passes, a broken one shows every error and warning with its
//! position, and the exit status tells errors from warnings; and a script reads the application's own
//! values however they reach it.

use std::fs;

use crate::util::{built_in_packs, edited_pack, kriterium, root, temp_dir};

#[test]
fn every_built_in_pack_is_sound_without_warnings() {
    for pack in built_in_packs() {
        let out = kriterium(&["check", "--deny-warnings", &pack])
            .run()
            .code(0);
        assert!(
            out.stdout.contains(&format!(": ok: {pack} ")),
            "{}",
            out.stdout
        );
    }
}

#[test]
fn a_manifest_error_is_reported_at_its_line() {
    let out = kriterium(&["check", "tests/fixtures/broken-pack"])
        .run()
        .code(2);
    crate::util::assert_snapshot!(out.stdout);
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
    let stdout = out.stdout.replace(&pack, "PACK");
    crate::util::assert_snapshot!(stdout);
}

#[test]
fn a_misspelt_property_a_syntax_error_and_an_unused_script_are_three_diagnostics() {
    let out = kriterium(&["check", "tests/fixtures/misspelt-pack"])
        .run()
        .code(2);
    let diagnostics: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("error: ") || l.starts_with("warning: "))
        .collect();
    assert_eq!(
        diagnostics,
        [
            "error: tests/fixtures/misspelt-pack/criteria/beloeb.rhai:2:21: no field `budjet` in an \
             application; did you mean `budget`?",
            "error: tests/fixtures/misspelt-pack/criteria/partnere.rhai:5:1: expecting '}' to \
             terminate this block",
            "warning: tests/fixtures/misspelt-pack/criteria/gammel.rhai:1:1: no gate or criterion \
             uses this script: name it in pack.toml, or delete it",
        ]
    );
    assert!(
        out.stdout
            .ends_with("2 errors, 1 warning: the pack cannot be used until the errors are fixed\n")
    );
}

#[test]
fn warnings_pass_unless_denied() {
    // A parameter no script reads is a warning: the pack still works.
    let dir = edited_pack("pack.toml", |t| {
        t.replace("last_year = 2027", "last_year = 2027\nunused_limit = 5")
    });
    let pack = dir.path().join("pack");
    let pack = pack.to_str().unwrap();
    let out = kriterium(&["check", pack]).run().code(0);
    assert!(
        out.stdout
            .contains("pack.toml:41:16: `parameters.unused_limit`: no script reads this parameter"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains(": usable, 1 warning: made-in-sonderjylland"),
        "{}",
        out.stdout
    );
    kriterium(&["check", "--deny-warnings", pack]).run().code(1);
    kriterium(&["check", "--deny-warnings", "made-in-sonderjylland"])
        .run()
        .code(0);
}

/// The line (from 1) where `needle` begins in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in the text"));
    text[..at].lines().count() + 1
}

/// The lines of `stdout` that start with `kind` (`warning:`, `error:`), the pack's folder
/// written as `PACK`.
fn diagnostics(stdout: &str, kind: &str, pack: &str) -> Vec<String> {
    stdout
        .lines()
        .filter(|l| l.starts_with(kind))
        .map(|l| l.replace(pack, "PACK"))
        .collect()
}

/// `text` with the lines starting with one of `prefixes` commented out, from the line `from`
/// to the next blank line.
fn comment_out(text: &str, from: &str, prefixes: &[&str]) -> String {
    let mut inside = false;
    let mut out = String::new();
    for line in text.lines() {
        if line == from {
            inside = true;
        } else if line.trim().is_empty() {
            inside = false;
        }
        if inside && prefixes.iter().any(|p| line.starts_with(p)) {
            out.push_str("# ");
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Issue 16: a rule that does not say where it comes from, or a reading that does not say why,
/// is a warning at its line saying what to add; `--deny-warnings` refuses the pack.
#[test]
fn a_rule_without_its_basis_is_a_warning_at_its_line_saying_what_to_add() {
    let edit = |t: &str| {
        let t = comment_out(t, "script = \"gates/medfinansiering.rhai\"", &["basis."]);
        let t = comment_out(
            &t,
            "script = \"criteria/drift-efter-tilskud.rhai\"",
            &["weight_basis.", "min_points_basis."],
        );
        let t = comment_out(&t, "script = \"gates/kommuner.rhai\"", &["basis.why.da"]);
        t.replacen(
            "currency = \"DKK\"\n",
            "currency = \"DKK\"\nthreshold = 10\n",
            1,
        )
    };
    let dir = edited_pack("pack.toml", edit);
    let pack = dir.path().join("pack");
    let pack = pack.to_str().unwrap();
    let text = std::fs::read_to_string(dir.path().join("pack/pack.toml")).unwrap();
    let out = kriterium(&["check", pack]).run().code(0);
    let warnings = diagnostics(&out.stdout, "warning:", pack);
    let at = |needle: &str| line_of(&text, needle);
    assert_eq!(
        warnings,
        [
            format!(
                "warning: PACK/pack.toml:{}:13: `threshold`: no `threshold_basis` says where the \
                 threshold of 10 points comes from: add it with `kind`, `quote` and, for a \
                 reading, `why`",
                at("threshold = 10")
            ),
            format!(
                "warning: PACK/pack.toml:{}:1: `gates[0].basis`: a reading must explain itself: \
                 add `why.da` saying how and why the source is read so; otherwise an applicant \
                 sees only the source's words, not your choice",
                at("script = \"gates/kommuner.rhai\"\nbasis.kind = \"reading\"") + 1
            ),
            format!(
                "warning: PACK/pack.toml:{}:1: `gates[4]`: the gate `medfinansiering` does not \
                 say where it comes from: add `basis` with `kind` (`source` when the source \
                 itself sets the rule, or `reading` when it is your reading of the source) and \
                 `quote` with the source's own words",
                at("[[gates]]\nid = \"medfinansiering\"")
            ),
            format!(
                "warning: PACK/pack.toml:{}:10: `criteria[0].weight`: no `weight_basis` says why \
                 the criterion `drift-efter-tilskud` has the weight 3: add it with `kind`, `quote` \
                 and `why`; a decision must give the reason for the weight as one of its main \
                 considerations",
                at("weight = 3\n")
            ),
            format!(
                "warning: PACK/pack.toml:{}:14: `criteria[0].min_points`: no `min_points_basis` \
                 says where the minimum of 1 on the criterion `drift-efter-tilskud` comes from: \
                 add it with `kind`, `quote` and, for a reading, `why`",
                at("min_points = 1\n")
            ),
        ],
        "{}",
        out.stdout
    );
    kriterium(&["check", "--deny-warnings", pack]).run().code(1);
    // In the pack's language, as a Danish secretariat reads it.
    let danish = kriterium(&["check", pack])
        .env("KRITERIUM_LANG", "da")
        .run()
        .code(0);
    assert!(
        danish.stdout.contains(
            "»gates[4]«: adgangskravet »medfinansiering« siger ikke, hvor det kommer fra: tilføj \
             »basis« med »kind«"
        ),
        "{}",
        danish.stdout
    );
}

/// A case number may only use `{round}`, `{application}` and `{year}`: anything else is an
/// error at load, at its line, naming what may be used.
#[test]
fn an_unknown_placeholder_in_the_case_number_is_an_error_at_its_line() {
    let dir = edited_pack("pack.toml", |t| {
        t.replace(
            "\"MiS/{round}/{application}\"",
            "\"MiS-{aar}/{application}-{løbenr\"",
        )
    });
    let pack = dir.path().join("pack");
    let pack = pack.to_str().unwrap();
    let text = std::fs::read_to_string(dir.path().join("pack/pack.toml")).unwrap();
    let out = kriterium(&["check", pack]).run().code(2);
    let line = line_of(&text, "case_number = ");
    assert_eq!(
        diagnostics(&out.stdout, "error:", pack),
        [
            format!(
                "error: PACK/pack.toml:{line}:15: `letter.case_number`: `{{aar}}` cannot stand in \
                 a case number; use `{{round}}` or `{{application}}` or `{{year}}`"
            ),
            format!(
                "error: PACK/pack.toml:{line}:15: `letter.case_number`: a placeholder begins at \
                 character 25 without being closed by `}}`; write it as `{{application}}`"
            ),
        ],
        "{}",
        out.stdout
    );
}

#[test]
fn a_lower_priority_criterion_that_outweighs_a_higher_one_is_a_warning() {
    let dir = edited_pack("pack.toml", |t| t.replace("weight = 1.25", "weight = 2.25"));
    let pack = dir.path().join("pack");
    let out = kriterium(&["check", pack.to_str().unwrap()]).run().code(0);
    let warnings: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", out.stdout);
    assert!(
        warnings[0].contains(
            "`criteria[4].weight`: `lokale-ressourcer` can give 11.25 weighted points (weight 2.25 × \
             max_points 5), more than the higher-priority `ungdomsuddannelser` (7.5)"
        ),
        "{}",
        warnings[0]
    );
}

/// Regression: a weight too large for an exact product was left out of the highest possible
/// total, so a threshold the real criteria allow was reported as above it, with a wrong total.
#[test]
fn a_weight_beyond_exact_numbers_is_one_error_not_a_wrong_highest_total() {
    let dir = edited_pack("pack.toml", |t| {
        t.replacen(
            "weight = 3\n",
            "weight = 70000000000000000000000000000.0\n",
            1,
        )
        .replacen("budget = 400000\n", "budget = 400000\nthreshold = 50\n", 1)
    });
    let pack = dir.path().join("pack");
    let out = kriterium(&["check", pack.to_str().unwrap()]).run().code(2);
    let all = format!("{}{}", out.stdout, out.stderr);
    let errors: Vec<&str> = all.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "{all}");
    assert!(
        errors[0]
            .contains("`criteria[0].weight`: 70000000000000000000000000000 must be more than 0"),
        "{all}"
    );
    assert!(!all.contains("highest possible total"), "{all}");
    assert!(!all.contains("higher-priority"), "{all}");
}

#[test]
fn a_misspelt_field_in_an_interpolation_is_an_error_at_its_position() {
    let dir = edited_pack("criteria/drift-efter-tilskud.rhai", |t| {
        t.replace("`${c.operator} står", "`${app.continuation.operatr} står")
    });
    let pack = dir.path().join("pack");
    let out = kriterium(&["check", pack.to_str().unwrap()]).run().code(2);
    assert!(
        out.stdout.contains(
            "criteria/drift-efter-tilskud.rhai:67:30: no field `operatr` in \
             `app.continuation`; did you mean `operator`?"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn a_field_missing_only_on_some_calls_of_a_function_is_a_warning() {
    // `describe` is handed the applicant's continuation plan in one place and a map of the
    // script's own in another: the misspelling is likely, not certain, so the pack still loads.
    let dir = edited_pack("criteria/drift-efter-tilskud.rhai", |t| {
        format!(
            "{t}\nfn describe(c) {{ c.operatr }}\ndescribe(app.continuation);\n\
             describe(#{{operatr: 1}});\n"
        )
    });
    let pack = dir.path().join("pack");
    let pack = pack.to_str().unwrap();
    let out = kriterium(&["check", pack]).run().code(0);
    assert!(
        out.stdout.contains(
            "warning: PACK/criteria/drift-efter-tilskud.rhai:89:20: `c` may be \
             `app.continuation`, which has no field `operatr`; did you mean `operator`?"
                .replace("PACK", pack)
                .as_str()
        ),
        "{}",
        out.stdout
    );
    kriterium(&["check", "--deny-warnings", pack]).run().code(1);
}

#[test]
fn a_script_sees_every_field_it_reaches_through_closures_loops_and_catch() {
    // Ways a part of `app` can travel that a reading of the script can miss: a closure that
    // reads a variable assigned after it was made, a `continue` that carries a value to the
    // next turn, a `catch` that sees what the `try` assigned before it threw, and a closure
    // that assigns back (then `in` must not quietly answer "no"). Each script first reads one
    // field of the same object in the plain way. Every field must be there with its value, as
    // the application has it: scripts are given the whole application.
    let cases = [
        (
            "let t = app.applicant.name; let who = (); let mail = || who.email; \
             who = app.applicant; award(1, `${t} ${mail.call()}`);",
            "Mette Lauridsen mette.lauridsen@sonderborg.dk",
        ),
        (
            "let t = app.period.end; let x = (); let r = 0; for i in 0..2 { \
             if i == 1 { r = x.start; } if i == 0 { x = app.period; continue; } x = (); } \
             award(1, `${t} ${r}`);",
            "2027-06-30 2025-08-01",
        ),
        (
            "let t = app.organisation.name; let x = (); let r = 0; \
             try { x = app.organisation; throw \"stop\"; x = (); } catch { r = x.kind; } \
             award(1, `${t} ${r}`);",
            "Sønderborg Musikskole arts_school",
        ),
        (
            "let t = app.applicant.name; let x = (); [1].for_each(|i| { x = app.applicant; }); \
             if \"role\" in x { award(1, `${t} ${x.role}`) } else { note(\"no role\") }",
            "Mette Lauridsen musikskoleleder",
        ),
    ];
    let sample = root().join("samples/made-in-sonderjylland/01-ungdomssymfoniorkester.json");
    for (script, reason) in cases {
        let dir = temp_dir();
        let pack = dir.path();
        fs::create_dir_all(pack.join("gates")).unwrap();
        fs::create_dir_all(pack.join("criteria")).unwrap();
        fs::write(pack.join("gates/ok.rhai"), "pass(\"ok\");\n").unwrap();
        fs::write(pack.join("criteria/probe.rhai"), format!("{script}\n")).unwrap();
        fs::write(
            pack.join("pack.toml"),
            "id = \"probe\"\nversion = \"1.0.0\"\nlanguage = \"da\"\ncurrency = \"DKK\"\n\
             budget = 400000\n[title]\nda = \"Probe\"\n[[gates]]\nid = \"ok\"\ntitle.da = \"ok\"\n\
             script = \"gates/ok.rhai\"\n[[criteria]]\nid = \"probe\"\ntitle.da = \"probe\"\n\
             weight = 1\nmax_points = 5\nscript = \"criteria/probe.rhai\"\n",
        )
        .unwrap();
        let out = kriterium(&[
            "assess",
            sample.to_str().unwrap(),
            "--rules",
            pack.to_str().unwrap(),
            "--format",
            "json",
        ])
        .run()
        .code(0);
        let decision: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(
            decision["criteria"][0]["reasons"],
            serde_json::json!([reason]),
            "{script}"
        );
    }
}
