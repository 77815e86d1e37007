//! The command line speaks its user's language: summaries, errors, usage errors and help in
//! Danish, English and Swedish, decided by `--lang`, `KRITERIUM_LANG`, the pack and the locale;
//! result files never follow the environment.

use std::path::Path;

use crate::util::{Run, every_file, kriterium, temp_dir};

/// `run` without `KRITERIUM_LANG`, under `locale` (`da_DK.UTF-8`, `C`): what the locale and the
/// pack decide.
fn in_locale(run: Run, locale: &str) -> Run {
    run.env_remove("KRITERIUM_LANG")
        .env("LC_ALL", locale)
        .env("LC_MESSAGES", "")
        .env("LANG", locale)
}

/// Runs a batch of the built-in samples into `out` with `KRITERIUM_LANG=lang` and the budget
/// written as `budget`; returns standard error.
fn batch_in(lang: &str, budget: &str, out: &Path) -> String {
    kriterium(&[
        "batch",
        "samples/made-in-sonderjylland",
        "--reviews",
        crate::util::SAMPLE_REVIEWS,
        "--out",
        out.to_str().unwrap(),
        "--budget",
        budget,
    ])
    .env("KRITERIUM_LANG", lang)
    .run()
    .code(0)
    .stderr
}

#[test]
fn the_batch_summary_is_said_in_each_language() {
    let dir = temp_dir();
    let out = dir.path().join("results");
    let shown = out.display().to_string();
    let cases = [
        (
            "da",
            "400.000",
            "17 ansøgninger: 3 støttes, 6 på venteliste, 3 under minimumskravene, 5 opfylder ikke adgangskravene, 0 afvist; 370.000 kr. af 400.000 kr. bevilget; resultater i ",
        ),
        (
            "en",
            "400 000",
            "17 applications: 3 fund, 6 reserve, 3 below threshold, 5 ineligible, 0 rejected; DKK 370,000 of DKK 400,000 granted; results in ",
        ),
        (
            "sv",
            "400\u{a0}000",
            "17 ansökningar: 3 beviljas, 6 på reservlista, 3 under minimikraven, 5 uppfyller inte behörighetskraven, 0 avvisade; 370\u{a0}000 kr av 400\u{a0}000 kr beviljat; resultat i ",
        ),
    ];
    for (lang, budget, summary) in cases {
        let stderr = batch_in(lang, budget, &out);
        assert_eq!(stderr, format!("{summary}{shown}\n"), "in {lang}");
    }
}

#[test]
fn a_danish_locale_and_the_default_pack_speak_danish_from_summary_to_errors() {
    let dir = temp_dir();
    let out = dir.path().join("results");
    let batch = kriterium(&[
        "batch",
        "samples/made-in-sonderjylland",
        "--reviews",
        crate::util::SAMPLE_REVIEWS,
        "--out",
        out.to_str().unwrap(),
    ]);
    let run = in_locale(batch, "da_DK.UTF-8").run().code(0);
    assert!(
        run.stderr.starts_with("17 ansøgninger: 3 støttes"),
        "{}",
        run.stderr
    );

    let missing = dir.path().join("findes-ikke");
    let nothing = kriterium(&[
        "batch",
        missing.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let run = in_locale(nothing, "da_DK.UTF-8").run().code(2);
    let last = run.stderr.lines().last().unwrap();
    assert!(
        last.starts_with("fejl: ingen ansøgning blev læst fra »"),
        "{}",
        run.stderr
    );
    assert!(last.ends_with("« er urørt"), "{}", run.stderr);
}

#[test]
fn without_a_pack_the_locale_decides() {
    let dir = temp_dir();
    let target = dir.path().join("x");
    let export = kriterium(&[
        "rules",
        "export",
        "made-in-sønderjylland",
        target.to_str().unwrap(),
    ]);
    let run = in_locale(export, "sv_SE.UTF-8").run().code(2);
    assert!(
        run.stderr
            .starts_with("fel: inget inbyggt regelpaket ”made-in-sønderjylland”; menade du ”made-in-sonderjylland”?"),
        "{}",
        run.stderr
    );
    let export = kriterium(&["rules", "export", "nope", target.to_str().unwrap()]);
    let run = in_locale(export, "C").run().code(2);
    assert!(
        run.stderr.starts_with("error: no built-in pack `nope`"),
        "{}",
        run.stderr
    );
}

#[test]
fn usage_errors_are_said_in_each_language() {
    let cases = [
        (
            "da",
            "fejl: ukendt kommando »bach«; mente du »batch«?\n\nBrug: kriterium [OPTIONS] <COMMAND>\n\nSkriv »kriterium --help« for at se mere.\n",
        ),
        (
            "en",
            "error: unknown command `bach`; did you mean `batch`?\n\nUsage: kriterium [OPTIONS] <COMMAND>\n\nFor more information, try `kriterium --help`.\n",
        ),
        (
            "sv",
            "fel: okänt kommando ”bach”; menade du ”batch”?\n\nAnvändning: kriterium [OPTIONS] <COMMAND>\n\nSkriv ”kriterium --help” för att se mer.\n",
        ),
    ];
    for (lang, expected) in cases {
        let run = kriterium(&["bach"])
            .env("KRITERIUM_LANG", lang)
            .run()
            .code(2);
        assert_eq!(run.stderr, expected, "in {lang}");
    }
    // `--lang` on the command line decides even when the rest of it cannot be understood.
    let run = kriterium(&["batch", "--lang", "da", "--bugdet", "5"])
        .run()
        .code(2);
    assert!(
        run.stderr
            .starts_with("fejl: ukendt tilvalg »--bugdet«; mente du »--budget«?"),
        "{}",
        run.stderr
    );
    let run = kriterium(&["batch", "x"])
        .env("KRITERIUM_LANG", "sv")
        .run()
        .code(2);
    assert!(
        run.stderr.starts_with("fel: saknas: ”--out <DIR>”"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_bad_budget_says_how_to_write_it_in_each_language() {
    let cases = [
        (
            "da",
            "fejl: »--budget <AMOUNT>«: »ca. 50.000« er ikke et beløb; skriv beløbet som et helt tal, fx 400000 eller 400.000",
        ),
        (
            "en",
            "error: `--budget <AMOUNT>`: `ca. 50.000` is not an amount; write the amount in whole units as 400000 or 400 000",
        ),
        (
            "sv",
            "fel: ”--budget <AMOUNT>”: ”ca. 50.000” är inget belopp; skriv beloppet som ett heltal, t.ex. 400000 eller 400 000",
        ),
    ];
    for (lang, expected) in cases {
        let run = kriterium(&["batch", "samples", "--out", "x", "--budget", "ca. 50.000"])
            .env("KRITERIUM_LANG", lang)
            .run()
            .code(2);
        assert_eq!(run.stderr.lines().next(), Some(expected), "in {lang}");
    }
}

#[test]
fn numbers_out_of_range_are_explained_not_in_programmers_words() {
    let run = kriterium(&["batch", "samples", "--out", "x", "--jobs", "0"])
        .run()
        .code(2);
    assert!(
        run.stderr
            .starts_with("error: `--jobs <N>`: `0` is out of range; write a number from 1 to 256"),
        "{}",
        run.stderr
    );
    let run = kriterium(&["samples", "generate", "--count", "ti"])
        .env("KRITERIUM_LANG", "da")
        .run()
        .code(2);
    assert!(
        run.stderr
            .starts_with("fejl: »--count <N>«: »ti« er ikke et helt tal; skriv fx 1000"),
        "{}",
        run.stderr
    );
    for run in [
        kriterium(&["batch", "samples", "--out", "x", "--jobs", "0"]).run(),
        kriterium(&["samples", "generate", "--count", "x"]).run(),
    ] {
        assert!(!run.stderr.contains("1..=256"), "{}", run.stderr);
        assert!(!run.stderr.contains("invalid digit"), "{}", run.stderr);
    }
}

#[test]
fn help_is_given_in_danish() {
    let run = kriterium(&["batch", "--help"])
        .env("KRITERIUM_LANG", "da")
        .run()
        .code(0);
    for expected in [
        "Vurder mange ansøgninger, prioriter dem og træk finansieringslinjen inden for puljen",
        "Brug: kriterium batch [OPTIONS] --out <DIR> <INPUT>...",
        "Tilvalg:",
        "Pulje at give støtte inden for",
        "Vis hjælp",
    ] {
        assert!(run.stdout.contains(expected), "{expected}\n{}", run.stdout);
    }
    let english = kriterium(&["batch", "--help"]).run().code(0);
    assert!(
        english.stdout.contains("Budget to fund against"),
        "{}",
        english.stdout
    );
}

#[test]
fn result_files_never_follow_the_locale_or_kriterium_lang() {
    let dir = temp_dir();
    let (swedish, plain) = (dir.path().join("sv"), dir.path().join("c"));
    let args = |out: &Path| {
        vec![
            "batch".to_string(),
            "samples/made-in-sonderjylland".to_string(),
            "--reviews".to_string(),
            crate::util::SAMPLE_REVIEWS.to_string(),
            "--out".to_string(),
            out.to_str().unwrap().to_string(),
        ]
    };
    let a = args(&swedish);
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let run = in_locale(kriterium(&a), "sv_SE.UTF-8")
        .env("KRITERIUM_LANG", "sv")
        .run()
        .code(0);
    assert!(run.stderr.starts_with("17 ansökningar"), "{}", run.stderr);
    let b = args(&plain);
    let b: Vec<&str> = b.iter().map(String::as_str).collect();
    in_locale(kriterium(&b), "C").run().code(0);
    let (swedish, plain) = (every_file(&swedish), every_file(&plain));
    assert!(swedish.len() > 10, "{} files", swedish.len());
    let names = |files: &[(String, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&swedish), names(&plain));
    for ((name, a), (_, b)) in swedish.iter().zip(&plain) {
        assert!(a == b, "{name} differs between a Swedish and a C locale");
    }
}

/// The first line of the usage error `args` give under `KRITERIUM_LANG=lang`.
fn usage_error(lang: &str, args: &[&str]) -> String {
    let run = kriterium(args).env("KRITERIUM_LANG", lang).run().code(2);
    run.stderr.lines().next().unwrap_or_default().to_string()
}

#[test]
fn usage_errors_name_what_went_wrong_not_what_clap_saw() {
    // A word without `-` is an argument too many, not an unknown option.
    assert_eq!(
        usage_error("da", &["assess", "a.json", "b.json"]),
        "fejl: »b.json« er et argument for meget; kommandoen tager kun de argumenter, der står under »Brug:« nedenfor"
    );
    // A negative amount reaches the amount's own parser, which says why it cannot be.
    for (lang, expected) in [
        (
            "da",
            "fejl: »--budget <AMOUNT>«: »-5« er negativt; et beløb kan ikke være negativt, skriv fx 400000 eller 400.000",
        ),
        (
            "en",
            "error: `--budget <AMOUNT>`: `-5` is negative; an amount cannot be negative, write one such as 400000 or 400 000",
        ),
        (
            "sv",
            "fel: ”--budget <AMOUNT>”: ”-5” är negativt; ett belopp kan inte vara negativt, skriv till exempel 400000 eller 400 000",
        ),
    ] {
        assert_eq!(
            usage_error(lang, &["batch", "samples", "--out", "x", "--budget", "-5"]),
            expected
        );
    }
    // A negative number where no option takes it is not an option either.
    assert_eq!(
        usage_error("en", &["assess", "a.json", "-5"]),
        "error: `-5` is a negative number, and no option takes a negative number; write the number without the minus"
    );
    // An option given twice is not in conflict with itself.
    assert_eq!(
        usage_error("da", &["batch", "samples", "--out", "a", "--out", "b"]),
        "fejl: »--out« er angivet to gange; angiv det én gang"
    );
    assert_eq!(
        usage_error("sv", &["batch", "samples", "--out", "a", "--out", "b"]),
        "fel: ”--out” är angivet två gånger; ange det en gång"
    );
    // "Did you mean" only for a near miss, after the possible values.
    assert_eq!(
        usage_error("da", &["completions", "tcsh"]),
        "fejl: »tcsh« er ikke en mulig værdi for »<SHELL>« (mulige værdier: »bash«, »zsh«, »fish«, »powershell«)"
    );
    assert_eq!(
        usage_error("en", &["completions", "zs"]),
        "error: `zs` is not a possible value for `<SHELL>` (possible values: `bash`, `zsh`, `fish`, `powershell`); did you mean `zsh`?"
    );
}

#[test]
fn a_count_of_one_takes_the_singular_in_every_language() {
    let dir = temp_dir();
    let out = dir.path().join("one");
    let bad = "samples/invalid/01-malformed-missing-comma.json";
    let cases = [
        ("da", "1 ansøgning: ", "1 afvist;", "0 gyldige, 1 ugyldig"),
        ("en", "1 application: ", "1 rejected;", "0 valid, 1 invalid"),
        ("sv", "1 ansökan: ", "1 avvisad;", "0 giltiga, 1 ogiltig"),
    ];
    for (lang, inputs, rejected, validated) in cases {
        let run = kriterium(&["batch", bad, "--out", out.to_str().unwrap()])
            .env("KRITERIUM_LANG", lang)
            .run()
            .code(1);
        let summary = run.stderr.lines().last().unwrap_or_default();
        assert!(summary.starts_with(inputs), "in {lang}: {summary}");
        assert!(summary.contains(rejected), "in {lang}: {summary}");
        let run = kriterium(&["validate", bad])
            .env("KRITERIUM_LANG", lang)
            .run()
            .code(1);
        assert_eq!(run.stdout.lines().last(), Some(validated), "in {lang}");
    }
}

#[test]
fn kriterium_lang_takes_any_case_and_says_once_when_it_names_no_language_we_speak() {
    let run = in_locale(kriterium(&["bach"]), "da_DK.UTF-8")
        .env("KRITERIUM_LANG", "EN")
        .run()
        .code(2);
    assert!(
        run.stderr.starts_with("error: unknown command"),
        "{}",
        run.stderr
    );
    let run = in_locale(kriterium(&["bach"]), "da_DK.UTF-8")
        .env("KRITERIUM_LANG", "fr")
        .run()
        .code(2);
    assert_eq!(
        run.stderr.lines().take(2).collect::<Vec<_>>(),
        [
            "advarsel: KRITERIUM_LANG=»fr« er ikke et sprog, som kriterium taler; det ignoreres (sprogene er da, en og sv)",
            "fejl: ukendt kommando »bach«; mente du »batch«?",
        ]
    );
    assert_eq!(run.stderr.matches("KRITERIUM_LANG").count(), 1);
    // `--lang` decides: the variable is not consulted, so not warned about.
    let run = kriterium(&["--lang", "sv", "bach"])
        .env("KRITERIUM_LANG", "fr")
        .run()
        .code(2);
    assert!(!run.stderr.contains("KRITERIUM_LANG"), "{}", run.stderr);
}

#[test]
fn help_writes_possible_and_default_values_in_the_language() {
    for (lang, heading, value, default, short) in [
        (
            "da",
            "Mulige værdier:",
            "- none: Ingen rapporter og ingen index.html",
            "[standard: all]",
            "[mulige værdier: da, en, sv]",
        ),
        (
            "sv",
            "Möjliga värden:",
            "- none: Inga rapporter och ingen index.html",
            "[standard: all]",
            "[möjliga värden: da, en, sv]",
        ),
    ] {
        let help = kriterium(&["batch", "--help"])
            .env("KRITERIUM_LANG", lang)
            .run()
            .code(0)
            .stdout;
        for english in [
            "Possible values",
            "[default:",
            "[possible values:",
            "HTML and Markdown",
        ] {
            assert!(!help.contains(english), "{lang}: {english} in\n{help}");
        }
        for said in [heading, value, default, short, "ranking.xlsx"] {
            assert!(help.contains(said), "{lang}: no {said} in\n{help}");
        }
        let brief = kriterium(&["batch", "-h"])
            .env("KRITERIUM_LANG", lang)
            .run()
            .code(0)
            .stdout;
        assert!(!brief.contains("[default:"), "{brief}");
        assert!(brief.contains(default), "{brief}");
    }
    let help = kriterium(&["batch", "--help"]).run().code(0).stdout;
    assert!(help.contains("ranking.xlsx"), "{help}");
}
