//! Parallel runs: every output of `kriterium batch` is byte-identical for any `--jobs`, on
//! rounds large enough that several workers really assess applications (a debug build reports
//! per worker how many inputs it handled when `KRITERIUM_TEST_WORKER_COUNTS` is set), with
//! rejected inputs of every kind spread through the input.

use std::fs;
use std::path::{Path, PathBuf};

use kriterium_engine::batch::WORKER_COUNTS_ENV;

use crate::util::{every_file, kriterium, temp_dir};

/// A generated round of `count` applications in `dir/round.jsonl`, with rejected inputs spread
/// through it: a malformed line, an invalid application and a second claimant of an earlier
/// id, each every hundred lines or so. Returns the file and how many inputs must be rejected.
fn round_with_rejections(dir: &Path, count: usize, seed: &str) -> (PathBuf, usize) {
    let generated = kriterium(&[
        "samples",
        "generate",
        "--count",
        &count.to_string(),
        "--seed",
        seed,
    ])
    .run()
    .code(0)
    .stdout;
    let mut lines: Vec<String> = generated.lines().map(str::to_string).collect();
    assert_eq!(lines.len(), count);
    let mut rejected = 0;
    let mut touched = vec![false; count];
    for i in 0..count {
        if i % 97 == 50 {
            lines[i] = format!("{{\"id\": \"BROKEN-{i}\", \"title\": ");
        } else if i % 89 == 30 {
            let mut app: serde_json::Value = serde_json::from_str(&lines[i]).unwrap();
            app["budget"]["requested"] = (-5).into();
            lines[i] = app.to_string();
        } else if i % 101 == 70 && i >= 60 && !touched[i - 60] {
            // Both claimants are rejected: this line and the ordinary one it copies.
            lines[i] = lines[i - 60].clone();
            rejected += 1;
        } else {
            continue;
        }
        touched[i] = true;
        rejected += 1;
    }
    let file = dir.join("round.jsonl");
    fs::write(&file, lines.join("\n") + "\n").unwrap();
    (file, rejected)
}

/// A folder of reviews in `dir/reviews` for the round in `input`: a panel of one reviewer, tied
/// to no applicant, and a sheet in which they score the reviewed criterion of the built-in pack
/// (`drift-efter-tilskud`, 0–5) for every application the batch accepts (each line that parses,
/// asks for no negative amount and is the only one claiming its id), following the likelihood of
/// continuation the applicant states (high 4, medium 3, low 1), as a reviewer's judgement might.
fn reviews_of_every_application(dir: &Path, input: &Path) -> PathBuf {
    let apps: Vec<serde_json::Value> = fs::read_to_string(input)
        .unwrap()
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .filter(|app: &serde_json::Value| app["budget"]["requested"].as_i64() >= Some(0))
        .collect();
    let claims = |id: &serde_json::Value| apps.iter().filter(|app| &app["id"] == id).count();
    let mut sheet = String::from("Bedømmer;Ansøgning;Titel;Kriterium;Point;Kommentar\n");
    for app in &apps {
        if claims(&app["id"]) == 1 {
            let id = app["id"].as_str().unwrap();
            let score = match app["continuation"]["likelihood"].as_str() {
                Some("high") => 4,
                Some("medium") => 3,
                Some("low") => 1,
                _ => 2,
            };
            sheet += &format!("Test Bedømmer;{id};;drift-efter-tilskud;{score};Prøve\n");
        }
    }
    let folder = dir.join("reviews");
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("test-bedommer.csv"), sheet).unwrap();
    fs::write(
        folder.join("panel.toml"),
        "[[member]]\nname = \"Test Bedømmer\"\norganisations = [{ name = \"Ingen forening\" }]\n\
         municipalities = [\"Tønder\"]\nroles = [\"bedømmer\"]\n",
    )
    .unwrap();
    folder
}

/// Runs the batch over `input` with `--jobs jobs` into `out` (plus `extra` arguments) and
/// returns how many inputs each worker handled, as the workers report it on standard error.
/// With reviews and a pack that calibrates them, the batch assesses its inputs a second time
/// with the scores as given (for the ranking beside the calibrated one), on its workers again:
/// each pass must report every worker once, and the first pass's counts are returned.
fn batch(input: &Path, out: &Path, jobs: usize, extra: &[&str]) -> Vec<u64> {
    let (input, out, jobs) = (
        input.to_string_lossy().into_owned(),
        out.to_string_lossy().into_owned(),
        jobs.to_string(),
    );
    let mut args = vec!["batch", &input, "--out", &out, "--jobs", &jobs];
    args.extend(extra);
    let run = kriterium(&args).env(WORKER_COUNTS_ENV, "1").run().code(1);
    let reported: Vec<(String, u64)> = run
        .stderr
        .lines()
        .filter_map(|line| {
            let (worker, rest) = line.split_once(" handled ")?;
            let inputs = rest.strip_suffix(" inputs")?.parse().ok()?;
            worker
                .starts_with("worker-")
                .then(|| (worker.to_string(), inputs))
        })
        .collect();
    let jobs: usize = jobs.parse().unwrap();
    assert!(
        !reported.is_empty() && reported.len().is_multiple_of(jobs),
        "one count per worker and pass: {}",
        run.stderr
    );
    let mut expected: Vec<String> = (0..jobs).map(|n| format!("worker-{n}")).collect();
    expected.sort();
    let passes: Vec<Vec<u64>> = reported
        .chunks(jobs)
        .map(|pass| {
            let mut pass = pass.to_vec();
            pass.sort();
            let workers: Vec<&String> = pass.iter().map(|(worker, _)| worker).collect();
            assert_eq!(
                workers,
                expected.iter().collect::<Vec<_>>(),
                "one count per worker: {}",
                run.stderr
            );
            pass.into_iter().map(|(_, inputs)| inputs).collect()
        })
        .collect();
    passes.into_iter().next().unwrap()
}

/// Runs `input` with every job count in `jobs` (the first is the reference), checks that every
/// output file is byte-identical to the reference's, that with more than one job several
/// workers handled inputs, and that the inputs meant to be rejected were. Returns the files.
fn identical_for_any_jobs(
    input: &Path,
    inputs: usize,
    rejected: usize,
    jobs: &[usize],
    extra: &[&str],
) -> Vec<(String, Vec<u8>)> {
    let dir = temp_dir();
    let mut reference: Option<Vec<(String, Vec<u8>)>> = None;
    for &n in jobs {
        let out = dir.path().join(format!("jobs-{n}"));
        let counts = batch(input, &out, n, extra);
        assert_eq!(counts.iter().sum::<u64>(), inputs as u64, "{counts:?}");
        let busy = counts.iter().filter(|&&inputs| inputs > 0).count();
        if n > 1 {
            assert!(
                busy > 1,
                "--jobs {n}: one worker did everything: {counts:?}"
            );
        }
        let files = every_file(&out);
        match &reference {
            None => {
                let summary: serde_json::Value = serde_json::from_slice(
                    &files
                        .iter()
                        .find(|(name, _)| name == "summary.json")
                        .unwrap()
                        .1,
                )
                .unwrap();
                assert_eq!(summary["inputs"], inputs, "every input once");
                assert_eq!(summary["counts"]["rejected"], rejected);
                reference = Some(files);
            }
            Some(reference) => {
                let names = |files: &[(String, Vec<u8>)]| -> Vec<String> {
                    files.iter().map(|(name, _)| name.clone()).collect()
                };
                assert_eq!(
                    names(&files),
                    names(reference),
                    "--jobs {n}: the same files"
                );
                for ((name, bytes), (_, expected)) in files.iter().zip(reference) {
                    assert!(
                        bytes == expected,
                        "--jobs {n}: {name} differs from --jobs {}",
                        jobs[0]
                    );
                }
            }
        }
    }
    reference.unwrap()
}

#[test]
fn every_result_is_byte_identical_for_any_job_count_with_several_workers_busy() {
    let dir = temp_dir();
    let (input, rejected) = round_with_rejections(dir.path(), 1200, "13");
    assert!(rejected >= 30, "{rejected} rejected inputs");
    let files = identical_for_any_jobs(
        &input,
        1200,
        rejected,
        &[1, 2, 3, 8],
        &["--reports", "none"],
    );
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "decisions.jsonl",
            "ranking.csv",
            "ranking.xlsx",
            "summary.json"
        ]
    );
}

#[test]
fn every_report_and_the_overview_are_byte_identical_for_any_job_count() {
    let dir = temp_dir();
    let (input, rejected) = round_with_rejections(dir.path(), 240, "14");
    // The built-in pack's first criterion is scored by reviewers: without reviews every
    // application would await review, none would be ranked, and the robustness section would
    // be empty. A reviewer scores every accepted application, so they are ranked.
    let reviews = reviews_of_every_application(dir.path(), &input);
    let reviews = reviews.to_str().unwrap();
    let files = identical_for_any_jobs(&input, 240, rejected, &[1, 3], &["--reviews", reviews]);
    let reports = files
        .iter()
        .filter(|(name, _)| name.starts_with("reports/"))
        .count();
    assert_eq!(
        reports,
        2 * (240 - rejected),
        "an .html and an .md per decision"
    );
    // The robustness section is worked out with the criteria shared out among the `--jobs`
    // threads: it must list applications (so the comparison above covers it).
    let (_, index) = files
        .iter()
        .find(|(name, _)| name == "index.html")
        .expect("the overview is written");
    let index = String::from_utf8_lossy(index);
    let section = index
        .split("<section id=\"sensitivity\">")
        .nth(1)
        .expect("the overview has the robustness section");
    let section = &section[..section.find("</section>").unwrap()];
    assert!(
        section.matches("<th scope=\"row\">").count() >= 2,
        "applications whose funding one weight flips: {section}"
    );
}
