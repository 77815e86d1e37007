//! Reports: the Markdown and HTML report of every sample and the batch overview, held fixed by
//! snapshots; escaping of what applicants write; and `verify` (byte-identical for any `--jobs`:
//! `tests/parallel.rs`).

use std::fs;
use std::path::Path;

use crate::util::{files_in, kriterium, root, sample_files, temp_dir};

/// Runs the batch over the samples into `dir` with `--jobs`.
fn batch_samples(dir: &Path, jobs: &str) {
    let out = dir.to_string_lossy().into_owned();
    kriterium(&[
        "batch",
        "samples/made-in-sonderjylland",
        "--reviews",
        crate::util::SAMPLE_REVIEWS,
        "--out",
        &out,
        "--jobs",
        jobs,
    ])
    .run()
    .code(0);
}

/// The page without its style sheet, which is the same static text in every page.
fn without_style(html: &str) -> String {
    match (html.find("<style>"), html.find("</style>")) {
        (Some(a), Some(b)) => format!("{}<style>[style sheet]{}", &html[..a], &html[b..]),
        _ => html.to_string(),
    }
}

/// Every file in `dir/reports`, sorted by name.
fn reports(dir: &Path) -> Vec<(String, String)> {
    files_in(&dir.join("reports"))
        .iter()
        .map(|f| {
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(f).unwrap())
        })
        .collect()
}

#[test]
fn every_sample_has_a_markdown_and_an_html_report_in_a_batch() {
    let dir = temp_dir();
    batch_samples(dir.path(), "2");
    let samples = sample_files().len();
    let reports = reports(dir.path());
    assert_eq!(reports.len(), 2 * samples, "an .html and an .md per sample");
    // A report snapshot whose application no longer exists would linger unread.
    let names: Vec<String> = reports
        .iter()
        .map(|(name, _)| format!("kriterium__reports__report-{name}.snap"))
        .collect();
    for entry in fs::read_dir(root().join("tests/snapshots")).unwrap() {
        let snapshot = entry.unwrap().file_name().to_string_lossy().into_owned();
        if snapshot.starts_with("kriterium__reports__report-") && snapshot.ends_with(".snap") {
            assert!(
                names.contains(&snapshot),
                "{snapshot} has no report; remove it"
            );
        }
    }
    for (name, text) in &reports {
        let shown = if name.ends_with(".html") {
            without_style(text)
        } else {
            text.clone()
        };
        crate::util::assert_snapshot!(format!("report-{name}"), shown);
    }
    let index = fs::read_to_string(dir.path().join("index.html")).unwrap();
    // One table row per application, each linking to its report.
    let rows = index.matches("<tr data-order=").count();
    assert_eq!(rows, samples, "one row per application");
    assert_eq!(index.matches("href=\"reports/").count(), samples);
    crate::util::assert_snapshot!("overview", without_style(&index));
}

#[test]
fn reports_of_earlier_runs_are_removed_and_none_writes_no_reports() {
    // An earlier run of every sample, then a run of one: only that one's reports are left.
    let dir = temp_dir();
    batch_samples(dir.path(), "2");
    let out = dir.path().to_string_lossy().into_owned();
    kriterium(&[
        "batch",
        "samples/made-in-sonderjylland/01-ungdomssymfoniorkester.json",
        "--out",
        &out,
    ])
    .run()
    .code(0);
    let reports: Vec<String> = fs::read_dir(dir.path().join("reports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        reports.len(),
        2,
        "reports of the earlier run are removed: {reports:?}"
    );

    let none = temp_dir();
    let out = none.path().to_string_lossy().into_owned();
    kriterium(&[
        "batch",
        "samples/made-in-sonderjylland",
        "--reviews",
        crate::util::SAMPLE_REVIEWS,
        "--out",
        &out,
        "--reports",
        "none",
    ])
    .run()
    .code(0);
    assert!(!none.path().join("index.html").exists());
    assert!(!none.path().join("reports").exists());
    assert!(none.path().join("decisions.jsonl").exists());
}

/// The report on the sample from Tønder alone, which is not eligible (none of the network's
/// municipalities takes part), in `format` and `lang`.
fn assess_ineligible(format: &str, lang: &str) -> String {
    kriterium(&[
        "assess",
        "samples/made-in-sonderjylland/08-toender-uden-partnere.json",
        "--format",
        format,
        "--lang",
        lang,
    ])
    .run()
    .code(0)
    .stdout
}

#[test]
fn assess_writes_markdown_and_html_reports() {
    for (format, lang) in [("md", "da"), ("html", "da"), ("md", "en")] {
        let out = assess_ineligible(format, lang);
        let shown = if format == "html" {
            without_style(&out)
        } else {
            out
        };
        crate::util::assert_snapshot!(format!("assess-{lang}.{format}"), shown);
    }
}

/// An ineligible application's report, in every format and language, states a refusal as the
/// recommendation and says its points were not used, instead of a total that reads as if it
/// counted (issue 16).
#[test]
fn an_ineligible_report_says_refusal_and_that_the_points_were_not_used() {
    let said = [
        (
            "da",
            "afslag – opfylder ikke adgangskravene",
            "Pointene er ikke brugt, fordi ansøgningen ikke opfylder alle adgangskrav.",
            "Kriterier i prioriteret rækkefølge – kun til orientering",
            "Samlet: 15 af",
        ),
        (
            "en",
            "refusal – not eligible",
            "The points were not used, because the application does not meet every eligibility requirement.",
            "Criteria in order of priority – for information only",
            "Total: 15 of",
        ),
        (
            "sv",
            "avslag – uppfyller inte behörighetskraven",
            "Poängen har inte använts, eftersom ansökan inte uppfyller alla behörighetskrav.",
            "Kriterier i prioritetsordning – endast för kännedom",
            "Totalt: 15 av",
        ),
    ];
    for (lang, refusal, not_used, heading, total) in said {
        for format in ["text", "md", "html"] {
            let out = assess_ineligible(format, lang);
            // Markdown escapes nothing in these phrases; the text report wraps long lines.
            let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
            for phrase in [refusal, not_used, heading] {
                assert!(
                    flat.contains(phrase),
                    "{lang} {format}: no »{phrase}«\n{flat}"
                );
            }
            let shown_total = flat.replace("**", "").replace("<strong>", "");
            assert!(
                !shown_total.contains(total),
                "{lang} {format}: a total is shown\n{flat}"
            );
        }
    }
}

/// Wherever a recommendation stands in words beside a report — the overview's table and
/// counts, `ranking.csv`, `ranking.xlsx`, `round show` — a refusal is stated as one (»afslag –
/// opfylder ikke adgangskravene«), never as the bare status, in every language (issue 16).
#[test]
fn a_refusal_is_stated_as_one_wherever_a_recommendation_is_shown_in_words() {
    let said = [
        (
            "da",
            "afslag – opfylder ikke adgangskravene",
            "opfylder ikke adgangskravene",
            "afslag – under minimumskravene",
        ),
        (
            "en",
            "refusal – not eligible",
            "not eligible",
            "refusal – below the minimum requirements",
        ),
        (
            "sv",
            "avslag – uppfyller inte behörighetskraven",
            "uppfyller inte behörighetskraven",
            "avslag – under minimikraven",
        ),
    ];
    let dir = temp_dir();
    let register = dir.path().join("r.sqlite");
    let register = register.to_str().unwrap();
    let samples = root().join("samples/made-in-sonderjylland");
    let samples = samples.to_str().unwrap();
    kriterium(&[
        "round",
        "open",
        "r",
        "--rules",
        "made-in-sonderjylland",
        "--year",
        "2024",
        "--register",
        register,
    ])
    .run()
    .code(0);
    kriterium(&["round", "add", "r", samples, "--register", register])
        .run()
        .code(0);
    let panel = format!("{}/panel.toml", crate::util::SAMPLE_REVIEWS);
    kriterium(&["panel", "set", &panel, "--register", register])
        .run()
        .code(0);
    kriterium(&[
        "reviews",
        "add",
        "r",
        crate::util::SAMPLE_REVIEWS,
        "--register",
        register,
    ])
    .run()
    .code(0);
    for (lang, ineligible, status, below) in said {
        let out = dir.path().join(lang);
        kriterium(&[
            "batch",
            samples,
            "--reviews",
            crate::util::SAMPLE_REVIEWS,
            "--out",
            out.to_str().unwrap(),
            "--lang",
            lang,
        ])
        .run()
        .code(0);
        let csv = std::fs::read_to_string(out.join("ranking.csv")).unwrap();
        let last_fields: Vec<&str> = csv
            .lines()
            .skip(1)
            .filter_map(|l| l.rsplit(';').next())
            .collect();
        for (refusal, what) in [(ineligible, "ineligible"), (below, "below threshold")] {
            assert!(
                last_fields.contains(&refusal),
                "{lang}: ranking.csv has no {what} row stated »{refusal}«\n{csv}"
            );
        }
        assert!(
            !last_fields.contains(&status),
            "{lang}: a bare status\n{csv}"
        );
        let index = std::fs::read_to_string(out.join("index.html")).unwrap();
        for shown in [
            format!("<th scope=\"row\">{ineligible}</th>"),
            format!("<span class=\"badge ineligible\">{ineligible}</span>"),
        ] {
            assert!(index.contains(&shown), "{lang}: index.html lacks {shown}");
        }
        assert!(
            !index.contains(&format!(">{status}<")),
            "{lang}: a bare status in index.html"
        );
        let (entries, _) = crate::util::unzip(&out.join("ranking.xlsx"));
        let sheets: String = entries.into_iter().map(|(_, text)| text).collect();
        assert!(
            sheets.contains(ineligible),
            "{lang}: ranking.xlsx lacks »{ineligible}«"
        );
        assert!(
            !sheets.contains(&format!(">{status}<")),
            "{lang}: a bare status in ranking.xlsx"
        );
        let show = kriterium(&["round", "show", "r", "--register", register, "--lang", lang])
            .run()
            .code(0)
            .stdout;
        assert!(show.contains(ineligible), "{lang}: round show\n{show}");
        assert!(
            !show.contains(&format!("  {status}  ")),
            "{lang}: a bare status in round show\n{show}"
        );
    }
}

/// A sample application with markup in everything an applicant writes.
fn hostile_application(dir: &Path) -> String {
    let text = fs::read_to_string(
        root().join("samples/made-in-sonderjylland/01-ungdomssymfoniorkester.json"),
    )
    .unwrap();
    let mut app: serde_json::Value = serde_json::from_str(&text).unwrap();
    app["title"] = "<script>alert(1)</script>".into();
    app["applicant"]["name"] = "<img src=x onerror=alert(2)> *fed* [link](http://x)".into();
    app["continuation"]["operator"] = "<b>drift</b> | tabel".into();
    let path = dir.join("hostile.json");
    fs::write(&path, serde_json::to_string_pretty(&app).unwrap()).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn markup_in_an_application_renders_as_text() {
    let dir = temp_dir();
    let file = hostile_application(dir.path());

    // With the sample reviews: the reviewed criterion's reasons (which quote the operator) are
    // written only once the reviewers have scored it; without them it awaits review.
    let reviews = crate::util::SAMPLE_REVIEWS;
    let html = kriterium(&["assess", &file, "--reviews", reviews, "--format", "html"])
        .run()
        .code(0)
        .stdout;
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"),
        "{html}"
    );
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(
        !html.contains("<b>drift"),
        "the script's reason quotes the operator: {html}"
    );

    let md = kriterium(&["assess", &file, "--reviews", reviews, "--format", "md"])
        .run()
        .code(0)
        .stdout;
    assert!(md.contains("\\<script\\>alert(1)\\</script\\>"), "{md}");
    assert!(md.contains("\\*fed\\* \\[link\\](http://x)"), "{md}");
    assert!(md.contains("\\<b\\>drift\\</b\\> \\| tabel"), "{md}");
    assert!(!md.contains("<script>"), "{md}");

    // The overview shows the title whether or not the application is reviewed; without reviews
    // the batch has no reviews of the other samples to refuse.
    let out = dir.path().join("out").to_string_lossy().into_owned();
    kriterium(&["batch", &file, "--out", &out]).run().code(0);
    let index = fs::read_to_string(dir.path().join("out/index.html")).unwrap();
    assert!(index.contains("&lt;script&gt;alert(1)"), "{index}");
    assert!(!index.contains("<script>alert"), "{index}");
}

#[test]
fn every_sample_decision_verifies_alone_and_from_a_batch() {
    let dir = temp_dir();
    batch_samples(dir.path(), "2");
    let batch = dir
        .path()
        .join("decisions.jsonl")
        .to_string_lossy()
        .into_owned();
    for app in sample_files() {
        // Assessed, like the batch, with the sample reviews, and verified with them.
        let reviews = crate::util::SAMPLE_REVIEWS;
        let decision = kriterium(&["assess", &app, "--reviews", reviews, "--format", "json"])
            .run()
            .code(0)
            .stdout;
        let recorded = dir.path().join("one.json");
        fs::write(&recorded, decision).unwrap();
        let recorded = recorded.to_string_lossy();
        let alone = kriterium(&["verify", &recorded, &app, "--reviews", reviews])
            .run()
            .code(0);
        assert!(
            alone.stdout.contains("reproduces exactly"),
            "{}",
            alone.stdout
        );

        let from_batch = kriterium(&["verify", &batch, &app, "--reviews", reviews])
            .run()
            .code(0);
        assert!(
            from_batch.stdout.contains("reproduces exactly")
                && from_batch.stdout.contains("taken as recorded"),
            "{}",
            from_batch.stdout
        );
    }
}

#[test]
fn verify_reports_an_edited_weight_and_a_changed_application() {
    let dir = temp_dir();
    let app = "samples/made-in-sonderjylland/01-ungdomssymfoniorkester.json";
    let recorded = dir.path().join("decision.json");
    let decision = kriterium(&["assess", app, "--format", "json"])
        .run()
        .code(0)
        .stdout;
    fs::write(&recorded, decision).unwrap();
    let recorded = recorded.to_string_lossy().into_owned();

    let pack = dir.path().join("pack");
    let pack_arg = pack.to_string_lossy().into_owned();
    kriterium(&["rules", "export", "made-in-sonderjylland", &pack_arg])
        .run()
        .code(0);
    let manifest = fs::read_to_string(pack.join("pack.toml")).unwrap();
    assert!(manifest.contains("\nweight = 3\n"));
    fs::write(
        pack.join("pack.toml"),
        manifest.replacen("\nweight = 3\n", "\nweight = 3.5\n", 1),
    )
    .unwrap();
    let out = kriterium(&["verify", &recorded, app, "--rules", &pack_arg])
        .run()
        .code(1);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(lines[0].ends_with("does NOT reproduce."), "{}", out.stdout);
    assert!(
        lines[1].starts_with("The rule pack has changed"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("/criteria/0/weight (criterion `drift-efter-tilskud`): recorded 3, now 3.5"),
        "{}",
        out.stdout
    );

    // The same pack, but an application that is not the one decided.
    let text = fs::read_to_string(root().join(app)).unwrap();
    let changed = dir.path().join("changed.json");
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["title"] = "En anden titel".into();
    fs::write(&changed, value.to_string()).unwrap();
    let out = kriterium(&["verify", &recorded, &changed.to_string_lossy()])
        .run()
        .code(1);
    assert!(
        out.stdout
            .contains("The application is not the one that was decided"),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains("rule pack has changed"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("/title: recorded "), "{}", out.stdout);
}

#[test]
fn verify_explains_a_broken_decision_file_and_an_unknown_pack() {
    let dir = temp_dir();
    let app = "samples/made-in-sonderjylland/02-haandboldakademi.json";
    let broken = dir.path().join("broken.json");
    fs::write(&broken, "{\"application_id\": \"x\",\n").unwrap();
    let out = kriterium(&["verify", &broken.to_string_lossy(), app])
        .run()
        .code(2);
    assert!(
        out.stderr
            .contains(&format!("{}:2:1: not a decision", broken.display())),
        "{}",
        out.stderr
    );

    let decision = kriterium(&["assess", app, "--format", "json"])
        .run()
        .code(0)
        .stdout;
    let other = dir.path().join("other.json");
    fs::write(
        &other,
        decision.replace("\"made-in-sonderjylland\"", "\"ukendt-pulje\""),
    )
    .unwrap();
    let out = kriterium(&["verify", &other.to_string_lossy(), app])
        .run()
        .code(1);
    assert!(
        out.stderr
            .contains("the pack `ukendt-pulje`, which is not built in"),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout.contains("/pack/id: recorded \"ukendt-pulje\""),
        "{}",
        out.stdout
    );
}
