//! Reading what users give us: a key written twice is refused everywhere (applications, JSON
//! Lines, `extra`, pack extension schemas, pack test cases, decision files for `verify`), whole
//! numbers written with a point are whole numbers, size caps hold for devices, FIFOs and
//! standard input, and pack manifest errors stay short and placed.

use std::fs;
use std::path::Path;

use crate::util::{edited_pack, kriterium, root, sample_files, temp_dir};

/// Everything a run printed: `validate` and `check` report on standard output, errors that
/// stop a command go to standard error.
fn all(out: &crate::util::Output) -> String {
    format!("{}{}", out.stdout, out.stderr)
}

const APP: &str = "samples/made-in-sonderjylland/02-haandboldakademi.json";

/// The sample application with a second, earlier `budget` on line 2 (the real one is on 29).
fn with_two_budgets() -> String {
    let text = fs::read_to_string(crate::util::root().join(APP)).unwrap();
    text.replacen("{\n", "{\n  \"budget\": {\"requested\": 20000},\n", 1)
}

#[test]
fn an_application_with_a_key_written_twice_is_rejected_with_both_places() {
    let dir = temp_dir();
    let file = dir.path().join("two-budgets.json");
    fs::write(&file, with_two_budgets()).unwrap();
    let out = kriterium(&["validate", &file.to_string_lossy()])
        .run()
        .code(1);
    assert!(
        all(&out).contains(&format!(
            "{}:29:3: /budget: the key `budget` is written twice in the same object (first at \
             line 2, column 3, again at line 29, column 3)",
            file.display()
        )),
        "{}",
        all(&out)
    );
    // `assess` reads through the same function: no decision on an ambiguous application.
    kriterium(&["assess", &file.to_string_lossy()])
        .run()
        .code(1);
}

#[test]
fn a_key_written_twice_inside_extra_on_a_json_lines_line_is_placed_on_its_line() {
    let one_line = |text: &str| {
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        serde_json::to_string(&value).unwrap()
    };
    let valid = one_line(&fs::read_to_string(crate::util::root().join(APP)).unwrap());
    let twice = valid.replacen("{", r#"{"extra": {"x": 1, "x": 2},"#, 1);
    let out = kriterium(&["validate", "-"])
        .stdin(&format!("{valid}\n{twice}\n"))
        .run()
        .code(1);
    assert!(
        all(&out).contains(
            "<stdin>:2:20: /extra/x: the key `x` is written twice in the same object (first at \
             column 12, again at column 20)"
        ),
        "{}",
        all(&out)
    );
}

/// A built-in pack exported into a new folder.
fn exported(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = temp_dir();
    let pack = dir.path().join("pack");
    kriterium(&["rules", "export", name, pack.to_str().unwrap()])
        .run()
        .code(0);
    (dir, pack)
}

fn edit(path: &Path, change: impl Fn(&str) -> String) {
    let text = fs::read_to_string(path).unwrap();
    let changed = change(&text);
    assert_ne!(
        text,
        changed,
        "the edit changed nothing in {}",
        path.display()
    );
    fs::write(path, changed).unwrap();
}

#[test]
fn a_pack_extension_schema_with_a_key_written_twice_is_a_pack_error() {
    let (_dir, pack) = exported("kulturmetropolen-musik");
    edit(&pack.join("extra.schema.json"), |t| {
        t.replacen(
            "\"type\": \"object\",",
            "\"type\": \"object\", \"type\": \"array\",",
            1,
        )
    });
    let out = kriterium(&["check", &pack.to_string_lossy()]).run().code(2);
    assert!(
        all(&out).contains("/type: the key `type` is written twice")
            && all(&out).contains("(first at column 3, again at column 21)"),
        "{}",
        all(&out)
    );
}

#[test]
fn a_pack_test_case_in_json_with_a_key_written_twice_is_reported() {
    let (_dir, pack) = exported("made-in-sonderjylland");
    fs::write(
        pack.join("tests/99-twice.json"),
        "{\"description\": \"a\",\n \"description\": \"b\"}\n",
    )
    .unwrap();
    let out = kriterium(&["test", &pack.to_string_lossy()]).run();
    assert_ne!(out.code, 0, "{}", out.stdout);
    assert!(
        all(&out).contains(
            "tests/99-twice.json:2:2: /description: the key `description` is written twice"
        ),
        "{}",
        all(&out)
    );
}

#[test]
fn a_pack_test_case_expecting_nan_is_told_it_wrote_a_number() {
    let (_dir, pack) = exported("made-in-sonderjylland");
    let case = pack.join("tests/98-nan.toml");
    let first = crate::util::files_in(&pack.join("tests"))
        .into_iter()
        .find(|f| f.extension().is_some_and(|e| e == "toml"))
        .unwrap();
    fs::write(
        &case,
        fs::read_to_string(first)
            .unwrap()
            .replacen("total = ", "total = nan\n# was: ", 1),
    )
    .unwrap();
    let out = kriterium(&["test", &pack.to_string_lossy()]).run();
    assert!(
        all(&out).contains("98-nan.toml")
            && all(&out).contains("the number `nan` is \"not a number\""),
        "{}",
        all(&out)
    );
}

#[test]
fn a_decision_file_with_a_key_written_twice_is_not_verified() {
    let dir = temp_dir();
    let decision = kriterium(&["assess", APP, "--format", "json"])
        .run()
        .code(0)
        .stdout;
    let file = dir.path().join("decision.json");
    // A second `total` before the real one: which one was recorded would be anyone's guess.
    fs::write(&file, decision.replacen("{", "{\"total\": 99,", 1)).unwrap();
    let out = kriterium(&["verify", &file.to_string_lossy(), APP])
        .run()
        .code(2);
    assert!(
        all(&out).contains("/total: the key `total` is written twice"),
        "{}",
        all(&out)
    );
}

#[test]
fn whole_numbers_written_with_a_point_are_accepted_and_fingerprint_alike() {
    let dir = temp_dir();
    let text = fs::read_to_string(crate::util::root().join(APP)).unwrap();
    let pointed = text.replacen("\"requested\": 180000", "\"requested\": 1.8e5", 1);
    assert_ne!(text, pointed);
    let file = dir.path().join("pointed.json");
    fs::write(&file, pointed).unwrap();
    let fingerprint = |path: &str| {
        let out = kriterium(&["assess", path, "--format", "json"])
            .run()
            .code(0);
        let decision: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        decision["input_fingerprint"].clone()
    };
    let written = fingerprint(&file.to_string_lossy());
    assert!(written.is_string(), "{written}");
    assert_eq!(written, fingerprint(APP));
}

#[test]
fn a_device_without_end_is_refused_at_the_cap_not_read_to_the_end() {
    let out = kriterium(&["validate", "/dev/zero"]).run().code(1);
    assert!(
        all(&out).contains("/dev/zero: is larger than 16 MiB; an application is a few kilobytes"),
        "{}",
        all(&out)
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_is_read_with_the_cap() {
    let dir = temp_dir();
    let fifo = dir.path().join("big.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            use std::io::Write;
            let mut pipe = fs::OpenOptions::new().write(true).open(&fifo).unwrap();
            let chunk = vec![b' '; 1024 * 1024];
            // 17 MiB, more than the cap; the reader stops early, so a write may fail.
            for _ in 0..17 {
                if pipe.write_all(&chunk).is_err() {
                    return;
                }
            }
        })
    };
    let out = kriterium(&["validate", &fifo.to_string_lossy()])
        .run()
        .code(1);
    writer.join().unwrap();
    assert!(all(&out).contains("is larger than 16 MiB"), "{}", all(&out));
}

#[test]
fn a_huge_line_on_standard_input_is_refused_and_the_next_line_read() {
    let app = fs::read_to_string(crate::util::root().join(APP)).unwrap();
    let value: serde_json::Value = serde_json::from_str(&app).unwrap();
    let huge = " ".repeat(17 * 1024 * 1024);
    let out = kriterium(&["validate", "-"])
        .stdin(&format!(
            "{huge}\n{}\n",
            serde_json::to_string(&value).unwrap()
        ))
        .run()
        .code(1);
    assert!(
        all(&out).contains("<stdin>:1: is larger than 16 MiB; an application is a few kilobytes"),
        "{}",
        all(&out)
    );
    assert!(out.stdout.contains("MIS-2025-002"), "{}", out.stdout);
}

#[test]
fn a_manifest_error_never_quotes_a_huge_value() {
    let criteria: String = (0..10_000)
        .map(|i| {
            format!(
                "[[criteria]]\nid=\"c{i}\"\ntitle.da=\"t\"\nweight=1\nmax_points=5\nscript=\"x.rhai\"\n"
            )
        })
        .collect();
    let dir = edited_pack("pack.toml", |t| format!("{t}\n{criteria}"));
    let out = kriterium(&["check", &dir.path().join("pack").to_string_lossy()])
        .run()
        .code(2);
    let longest = all(&out).lines().map(str::len).max().unwrap_or(0);
    assert!(longest < 1000, "a line of {longest} bytes");
    assert!(
        all(&out).contains("`criteria`: has 10006 items; at most 50 are allowed"),
        "{}",
        all(&out).chars().take(2000).collect::<String>()
    );
}

#[test]
fn a_manifest_weight_no_decimal_holds_is_placed_and_nan_is_a_number() {
    let weight_line = |text: &str| {
        text.lines()
            .position(|l| l.starts_with("weight ="))
            .map(|i| i + 1)
            .unwrap()
    };
    for (value, message) in [
        ("1e308", "`1e+308` is not a decimal number"),
        ("nan", "the number `nan` is \"not a number\""),
        ("-inf", "the number `-inf` is infinite"),
    ] {
        let dir = edited_pack("pack.toml", |t| {
            let line = weight_line(t);
            t.lines()
                .enumerate()
                .map(|(i, l)| {
                    if i + 1 == line {
                        format!("weight = {value}\n")
                    } else {
                        format!("{l}\n")
                    }
                })
                .collect()
        });
        let pack = dir.path().join("pack");
        let line = weight_line(&fs::read_to_string(pack.join("pack.toml")).unwrap());
        let out = kriterium(&["check", &pack.to_string_lossy()]).run().code(2);
        let expected = format!("pack.toml:{line}:10: `criteria[0].weight`: {message}");
        assert!(all(&out).contains(&expected), "{expected}\n{}", all(&out));
    }
}

/// Regression: `verify` took the first of two decisions on the same application in a `.jsonl`,
/// so a contradictory copy (another total) beside the real one passed.
#[test]
fn two_decisions_on_one_application_in_a_jsonl_are_not_verified() {
    let dir = temp_dir();
    let decision = kriterium(&["assess", APP, "--format", "json"])
        .run()
        .code(0)
        .stdout;
    let mut value: serde_json::Value = serde_json::from_str(&decision).unwrap();
    let real = serde_json::to_string(&value).unwrap();
    value["total"] = serde_json::json!(99);
    let forged = serde_json::to_string(&value).unwrap();
    let file = dir.path().join("decisions.jsonl");
    // The real one first: verify used to check it and pass.
    fs::write(&file, format!("{real}\n\n{forged}\n")).unwrap();
    let out = kriterium(&["verify", &file.to_string_lossy(), APP])
        .run()
        .code(1);
    assert!(
        all(&out).contains(
            "decisions.jsonl:3: /application_id: the file holds 2 decisions on application"
        ) && all(&out).contains("(lines 1, 3)"),
        "{}",
        all(&out)
    );
    assert!(!out.stdout.contains("reproduces exactly"), "{}", all(&out));
    // One decision alone still verifies.
    fs::write(&file, format!("{real}\n")).unwrap();
    kriterium(&["verify", &file.to_string_lossy(), APP])
        .run()
        .code(0);
}

/// A folder of `n` copies of the sample (`MIS-…` ids made distinct) named by `name(i)`.
fn folder_of_samples(dir: &Path, n: usize, name: impl Fn(usize) -> String) {
    let text = fs::read_to_string(crate::util::root().join(APP)).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    for i in 0..n {
        value["id"] = serde_json::json!(format!("COPY-{i}"));
        fs::write(dir.join(name(i)), serde_json::to_string(&value).unwrap()).unwrap();
    }
}

/// Regression: `UPPER.JSON` in a folder was skipped without a word ("the folder has no `.json`
/// files"); the extension is matched in any case.
#[test]
fn a_folder_file_with_an_upper_case_extension_is_read() {
    let dir = temp_dir();
    folder_of_samples(dir.path(), 2, |i| format!("APP{i}.JSON"));
    let out = kriterium(&["validate", &dir.path().to_string_lossy()])
        .run()
        .code(0);
    assert!(
        out.stdout.contains("APP0.JSON: ok (COPY-0)"),
        "{}",
        all(&out)
    );
    assert!(out.stdout.contains("2 valid, 0 invalid"), "{}", all(&out));
}

/// Regression: a folder's `.jsonl` files were skipped ("the folder has no `.json` files" when it
/// held only JSON Lines); they are read as JSON Lines, in name order with the `.json` files.
#[test]
fn a_folders_json_lines_files_are_read_line_by_line() {
    let dir = temp_dir();
    folder_of_samples(dir.path(), 3, |i| format!("{i}.json"));
    let lines: Vec<String> = ["0.json", "1.json"]
        .iter()
        .map(|f| {
            fs::read_to_string(dir.path().join(f))
                .unwrap()
                .replace("COPY-", "LINE-")
        })
        .collect();
    fs::write(dir.path().join("more.JSONL"), lines.join("\n") + "\n").unwrap();
    let out = kriterium(&["validate", &dir.path().to_string_lossy()])
        .run()
        .code(0);
    assert!(
        out.stdout.contains("more.JSONL:2: ok (LINE-1)"),
        "{}",
        all(&out)
    );
    assert!(out.stdout.contains("5 valid, 0 invalid"), "{}", all(&out));
}

/// Hidden entries (a batch's `.DIR.staging-…` folders, editors' files) and results folders
/// below an input folder are not applications; a results folder given itself says what it is.
#[test]
fn hidden_entries_and_results_folders_in_an_input_folder_are_not_read() {
    let dir = temp_dir();
    folder_of_samples(dir.path(), 1, |i| format!("{i}.json"));
    let hidden = dir.path().join(".res.staging-abc");
    fs::create_dir(&hidden).unwrap();
    fs::write(hidden.join("x.json"), "not json").unwrap();
    let results = dir.path().join("old-results");
    fs::create_dir(&results).unwrap();
    for name in ["decisions.jsonl", "ranking.csv", "summary.json"] {
        fs::write(results.join(name), "{}\n").unwrap();
    }
    let out = kriterium(&["validate", &dir.path().to_string_lossy()])
        .run()
        .code(0);
    assert!(out.stdout.contains("1 valid, 0 invalid"), "{}", all(&out));
    let out = kriterium(&["validate", &results.to_string_lossy()])
        .run()
        .code(1);
    assert!(
        all(&out).contains("is the results folder of a `kriterium batch`, not applications"),
        "{}",
        all(&out)
    );
}

/// A pretty-printed application piped to `-` is a usage mistake (standard input is JSON Lines):
/// the command stops before assessing anything and tells why and what to do instead, in the
/// language of messages.
#[test]
fn a_pretty_printed_file_piped_to_standard_input_gets_a_json_lines_hint() {
    let validate = |lang: &str, piped: &str, code: i32| {
        kriterium(&["validate", "-"])
            .env("KRITERIUM_LANG", lang)
            .stdin(piped)
            .run()
            .code(code)
    };
    let pretty = "{\n  \"id\": \"X-1\",\n  \"title\": \"Test\"\n}\n";
    let en = validate("en", pretty, 2);
    assert!(
        en.stderr.contains("one application per line (JSON Lines)") && en.stderr.contains("jq -c"),
        "{}",
        en.stderr
    );
    // Only the hint: no line of the document is reported as broken JSON.
    assert_eq!(en.stderr.lines().count(), 1, "{}", en.stderr);
    assert_eq!(en.stdout, "");
    let da = validate("da", pretty, 2);
    assert!(
        da.stderr.contains("én ansøgning pr. linje"),
        "{}",
        da.stderr
    );
    // One application per line gets no hint, nor the words for a terminal (this is a pipe).
    let one_line = validate("en", "{\"id\": \"X-1\"}\n", 1).stderr;
    assert!(!one_line.contains("JSON Lines"), "{one_line}");
    assert!(!one_line.contains("waiting for"), "{one_line}");
}

/// A batch of a pretty-printed file on standard input writes no results folder of rejected
/// lines: it stops with the hint, and the application it was meant to be is still whole.
#[test]
fn a_batch_of_pretty_printed_standard_input_stops_before_writing() {
    let dir = temp_dir();
    let out = dir.path().join("results");
    let pretty = std::fs::read_to_string(root().join(&sample_files()[0])).unwrap();
    assert!(pretty.starts_with("{\n"), "the sample is pretty-printed");
    let run = kriterium(&["batch", "-", "--out", out.to_str().unwrap()])
        .env("KRITERIUM_LANG", "sv")
        .stdin(&pretty)
        .run()
        .code(2);
    assert!(
        run.stderr
            .starts_with("fel: standard in (`-`) läser en ansökan per rad"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(!out.exists(), "no results folder is written");
}

/// Two applications on one line of standard input are not told to rename a file to `.jsonl`:
/// the line is already JSON Lines, and holds one application.
#[test]
fn two_applications_on_one_line_of_standard_input_are_told_one_per_line() {
    let run = kriterium(&["validate", "-"])
        .env("KRITERIUM_LANG", "da")
        .stdin("{\"id\": \"A-1\"} {\"id\": \"A-2\"}\n")
        .run()
        .code(1);
    assert!(
        run.stdout
            .contains("<stdin>:1:15: ugyldig JSON: der står mere efter ansøgningen på linjen; hver linje skal rumme én ansøgning (JSON Lines)"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains(".jsonl"), "{}", run.stdout);
}
