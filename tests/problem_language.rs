//! The problems of an application in the user's language: on the terminal in the language of
//! messages (`--lang`, `KRITERIUM_LANG`, the pack's, the locale), in result files in the run's
//! language (`--lang` or the pack's, never the environment's).

use crate::util::{kriterium, temp_dir};

/// A run of `args` with no language set but the locale `locale`.
fn under_locale(args: &[&str], locale: &str) -> crate::util::Output {
    kriterium(args)
        .env_remove("KRITERIUM_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", locale)
        .run()
}

#[test]
fn invalid_samples_under_the_danish_default_pack_say_what_is_wrong_in_danish() {
    let out = under_locale(&["validate", "samples/invalid"], "da_DK.UTF-8").code(1);
    for line in [
        "samples/invalid/01-malformed-missing-comma.json:4:3: ugyldig JSON: her skulle stå et »,« eller et »}«",
        "samples/invalid/02-wrong-types.json: /budget/requested: skal være et helt tal, men er en tekst (»60000«)",
        "samples/invalid/03-missing-fields.json: /title: det obligatoriske felt »title« mangler",
        "samples/invalid/06-unknown-fields.json: /budjet: ukendt felt »budjet«; mente du »budget«?",
        "samples/invalid/07-financing-does-not-add-up.json: /budget/total: finansieringen går ikke op: ansøgt 60.000 + tilskud fra andre 0 + egne midler 30.000 = 90.000, men de samlede udgifter er 100.000",
        "samples/invalid/09-empty-file.json: er tom; der skulle stå en ansøgning (et JSON-objekt)",
        "samples/invalid/13-budget-written-twice.json:29:3: /budget: feltet »budget« står to gange i samme objekt (først ved linje 23, kolonne 3, igen ved linje 29, kolonne 3); behold det ene, ellers er det uklart, hvilken værdi der menes",
    ] {
        assert!(out.stdout.contains(line), "{line}\n---\n{}", out.stdout);
    }
    // No problem left in English words.
    for english in [
        "expected",
        "required field",
        "unknown field",
        "malformed JSON",
        "is empty",
    ] {
        assert!(
            !out.stdout.contains(english),
            "{english}\n---\n{}",
            out.stdout
        );
    }
}

#[test]
fn the_packs_language_comes_before_the_locale_and_kriterium_lang_before_both() {
    // A Swedish locale does not turn a Danish pack's problems Swedish …
    let out = under_locale(
        &["validate", "samples/invalid/03-missing-fields.json"],
        "sv_SE.UTF-8",
    )
    .code(1);
    assert!(
        out.stdout
            .contains("det obligatoriske felt »title« mangler"),
        "{}",
        out.stdout
    );
    // … `KRITERIUM_LANG` does.
    let out = kriterium(&["validate", "samples/invalid/03-missing-fields.json"])
        .env("KRITERIUM_LANG", "sv")
        .run()
        .code(1);
    assert!(
        out.stdout
            .contains(": /title: det obligatoriska fältet ”title” saknas"),
        "{}",
        out.stdout
    );
}

#[test]
fn assess_with_lang_speaks_swedish() {
    let out = under_locale(
        &[
            "assess",
            "samples/invalid/02-wrong-types.json",
            "--lang",
            "sv",
        ],
        "da_DK.UTF-8",
    )
    .code(1);
    assert!(
        out.stderr
            .contains("/budget/requested: ska vara ett heltal, men är en text (”60000”)"),
        "{}",
        out.stderr
    );
    let out = kriterium(&[
        "assess",
        "samples/invalid/02-wrong-types.json",
        "--lang",
        "en",
    ])
    .run()
    .code(1);
    assert!(
        out.stderr
            .contains("/budget/requested: expected a whole number, found a string (`60000`)"),
        "{}",
        out.stderr
    );
}

#[test]
fn result_files_give_problems_in_the_runs_language_whatever_the_environment() {
    let dir = temp_dir();
    let out = dir.path().join("out");
    let out = out.to_str().unwrap();
    let batch = |lang: Option<&str>, env: &str| {
        let mut args = vec![
            "batch",
            "samples/invalid/05-end-before-start.json",
            "--out",
            out,
        ];
        if let Some(lang) = lang {
            args.extend(["--lang", lang]);
        }
        let run = kriterium(&args)
            .env("KRITERIUM_LANG", env)
            .env("LANG", env)
            .run();
        // Nothing assessed, one rejected: exit status 1.
        let run = run.code(1);
        let text = std::fs::read_to_string(format!("{out}/summary.json")).unwrap();
        let summary: serde_json::Value = serde_json::from_str(&text).unwrap();
        let html = std::fs::read_to_string(format!("{out}/index.html")).unwrap();
        (run, summary, html)
    };
    // The pack is Danish: so are its results, though the messages are Swedish.
    let (run, summary, html) = batch(None, "sv");
    let problem = "samples/invalid/05-end-before-start.json: /period/end: slutdatoen »2025-08-15« \
                   ligger før startdatoen »2026-06-30«";
    assert_eq!(summary["rejected"][0]["problems"][0], problem);
    // The contract's field names stay.
    assert_eq!(
        summary["rejected"][0]["source"],
        "samples/invalid/05-end-before-start.json"
    );
    assert!(
        html.contains("slutdatoen &raquo;2025-08-15&laquo;")
            || html.contains("slutdatoen »2025-08-15«"),
        "{html}"
    );
    assert!(
        run.stderr.contains(
            "/period/end: slutdatumet ”2025-08-15” ligger före startdatumet ”2026-06-30”"
        ),
        "{}",
        run.stderr
    );
    // `--lang en` makes the results English.
    let (_, summary, html) = batch(Some("en"), "da");
    assert_eq!(
        summary["rejected"][0]["problems"][0],
        "samples/invalid/05-end-before-start.json: /period/end: the end `2025-08-15` is before the \
         start `2026-06-30`"
    );
    assert!(html.contains("the end"), "{html}");
}
