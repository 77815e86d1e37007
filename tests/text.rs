//! Control characters never reach an output raw: applications that hold them are rejected with
//! the character and its place, and what still carries them (a file name, a rule pack's titles,
//! the reasons its scripts write) is shown as `<U+001B>` in every file and on the terminal.

use std::path::Path;

use crate::util::{edited_pack, files_in, kriterium, root, temp_dir};

const SAMPLE: &str = "samples/made-in-sonderjylland/15-alle-kriterier-fuldt.json";

/// Every file below `dir`, as text.
fn every_file_below(dir: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for path in files_in(dir) {
        if path.is_dir() {
            found.extend(every_file_below(&path));
        } else if path.extension().is_some_and(|e| e == "xlsx") {
            // A zip of XML files: each is checked as text.
            let (entries, _) = crate::util::unzip(&path);
            for (name, text) in entries {
                found.push((format!("{}:{name}", path.display()), text));
            }
        } else {
            let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
            found.push((path.display().to_string(), text));
        }
    }
    found
}

/// JSON files hold the texts exactly (JSON escapes control characters, and a text-direction
/// character is data there); everything people read shows both kinds as `<U+…>`.
fn assert_no_raw_controls(what: &str, text: &str) {
    let json = what.ends_with(".json") || what.ends_with(".jsonl");
    let raw = text.chars().find(|&c| {
        (c.is_control() && !matches!(c, '\n' | '\t' | '\r')) || (c == '\u{202E}' && !json)
    });
    assert_eq!(
        raw, None,
        "{what} holds a raw control character:\n{text:.2000}"
    );
}

#[test]
fn a_title_with_an_escape_sequence_is_rejected_and_never_reaches_the_terminal_raw() {
    // Regression: `\u001b]0;…\u0007` in a title re-titled the terminal of whoever ran `batch`.
    let dir = temp_dir();
    let mut app: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(SAMPLE)).unwrap()).unwrap();
    app["title"] = "Musik i \u{1b}]0;pwned\u{7} Tønder".into();
    // The file name carries one too: names are text from outside as well.
    let input = dir.path().join("a\u{1b}[2J.json");
    std::fs::write(&input, app.to_string()).unwrap();
    let out = dir.path().join("out");
    let run = kriterium(&[
        "batch",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
    .run()
    .code(1);
    assert_no_raw_controls("stderr", &run.stderr);
    assert!(
        run.stderr.contains(
            "a<U+001B>[2J.json: /title: contains a control character (ESC, U+001B) at character 9; \
             this field is one line of text without control characters"
        ),
        "{}",
        run.stderr
    );
    for (file, text) in every_file_below(&out) {
        assert_no_raw_controls(&file, &text);
    }
    let validate = kriterium(&["validate", input.to_str().unwrap()])
        .run()
        .code(1);
    assert_no_raw_controls("validate's stdout", &validate.stdout);
}

#[test]
fn pack_titles_and_reasons_with_control_characters_are_shown_not_written() {
    let dir = edited_pack("criteria/talentevents.rhai", |t| {
        t.replace("award(2, \"Mindst", "award(2, \"\\x1b]0;pwned\\x07Mindst")
    });
    let pack = dir.path().join("pack");
    let toml = std::fs::read_to_string(pack.join("pack.toml")).unwrap();
    let edited = toml.replacen("title.da = \"", "title.da = \"\\u001B[31m\\u202E", 1);
    assert_ne!(edited, toml);
    std::fs::write(pack.join("pack.toml"), edited).unwrap();
    let pack = pack.to_str().unwrap();

    let text = kriterium(&["assess", "--rules", pack, SAMPLE])
        .run()
        .code(0);
    assert_no_raw_controls("the text report", &text.stdout);
    assert!(
        text.stdout.contains("<U+001B>]0;pwned<U+0007>Mindst"),
        "{}",
        text.stdout
    );

    let out = dir.path().join("out");
    let run = kriterium(&[
        "batch",
        "--rules",
        pack,
        "samples/made-in-sonderjylland",
        "--out",
        out.to_str().unwrap(),
        "--reports",
        "all",
    ])
    .run()
    .code(0);
    assert_no_raw_controls("stderr", &run.stderr);
    let files = every_file_below(&out);
    assert!(files.len() > 10, "reports were written: {}", files.len());
    for (file, text) in &files {
        assert_no_raw_controls(file, text);
    }
    let shown = |ending: &str, text: &str| {
        files
            .iter()
            .filter(|(f, t)| f.ends_with(ending) && t.contains(text))
            .count()
    };
    assert!(
        shown(".html", "&lt;U+001B&gt;[31m&lt;U+202E&gt;") > 0,
        "a gate's title in HTML"
    );
    assert!(
        shown(".md", "\\<U+001B\\>\\[31m\\<U+202E\\>") > 0,
        "and in Markdown"
    );
    assert!(
        shown(".html", "&lt;U+001B&gt;]0;pwned&lt;U+0007&gt;") > 0,
        "a reason in HTML"
    );
}

#[test]
fn a_rejected_ten_megabyte_title_is_quoted_at_most_200_characters_everywhere() {
    // Regression: the whole title was copied into every message, summary.json and index.html
    // (20 such lines took 1 GB of memory and wrote three 200 MB files).
    let mut app: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(SAMPLE)).unwrap()).unwrap();
    app["title"] = "x".repeat(10_000_000).into();
    let lines: Vec<String> = (1..=3)
        .map(|n| {
            app["id"] = format!("BIG-{n}").into();
            app.to_string()
        })
        .collect();
    let input = lines.join("\n");
    let dir = temp_dir();
    let out = dir.path().join("out");
    let run = kriterium(&["batch", "-", "--out", out.to_str().unwrap(), "--lang", "en"])
        .stdin(&input)
        .run()
        .code(1);
    // The length is said, not the value; nowhere is more than 200 characters of it quoted.
    let quoted = "/title: is 10000000 characters long; at most 200 are allowed";
    assert_eq!(
        run.stderr.matches(quoted).count(),
        3,
        "{:.1000}",
        run.stderr
    );
    assert!(
        run.stderr.len() < 10_000,
        "stderr has {} bytes",
        run.stderr.len()
    );
    for (file, text) in every_file_below(&out) {
        assert!(text.len() < 100_000, "{file} has {} bytes", text.len());
        assert!(!text.contains(&"x".repeat(201)), "{file} quotes the title");
    }
    let summary = std::fs::read_to_string(out.join("summary.json")).unwrap();
    assert_eq!(summary.matches(quoted).count(), 3, "{summary:.2000}");
    let validate = kriterium(&["validate", "-"]).stdin(&input).run().code(1);
    assert!(
        validate.stdout.len() < 10_000,
        "{} bytes",
        validate.stdout.len()
    );
}

#[test]
fn a_script_that_throws_half_a_megabyte_gives_a_message_of_at_most_2000_characters() {
    // Regression: the thrown text was copied whole into each rejected application's problem,
    // so every application of the batch wrote half a megabyte into summary.json and index.html.
    let dir = edited_pack("criteria/nye-samarbejder.rhai", |t| {
        format!("let s = \"x\";\nfor i in 0..19 {{ s += s; }}\nthrow s;\n{t}")
    });
    let out = dir.path().join("out");
    let run = kriterium(&[
        "batch",
        "--rules",
        dir.path().join("pack").to_str().unwrap(),
        "samples/made-in-sonderjylland",
        "--out",
        out.to_str().unwrap(),
    ])
    .run()
    .code(1);
    assert!(
        run.stderr.contains("the script stopped: xxxx"),
        "{:.500}",
        run.stderr
    );
    assert!(
        run.stderr.len() < 100_000,
        "stderr has {} bytes",
        run.stderr.len()
    );
    for (file, text) in every_file_below(&out) {
        assert!(text.len() < 100_000, "{file} has {} bytes", text.len());
    }
}

#[test]
fn a_huge_unknown_key_is_cut_in_messages_and_results() {
    // Regression: the value was quoted at most 200 characters, but the JSON pointer naming a
    // 3 MB key was shown whole in every message, summary.json and index.html.
    let mut app: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(SAMPLE)).unwrap()).unwrap();
    app["k".repeat(3_000_000)] = 1.into();
    let dir = temp_dir();
    let input = dir.path().join("huge-key.json");
    std::fs::write(&input, app.to_string()).unwrap();
    let validate = kriterium(&["validate", input.to_str().unwrap()])
        .run()
        .code(1);
    assert!(
        validate.stdout.contains("unknown field"),
        "{:.500}",
        validate.stdout
    );
    assert!(
        validate.stdout.len() < 5_000,
        "{} bytes",
        validate.stdout.len()
    );
    let out = dir.path().join("out");
    kriterium(&[
        "batch",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
    .run()
    .code(1);
    for (file, text) in every_file_below(&out) {
        assert!(text.len() < 100_000, "{file} has {} bytes", text.len());
    }
}
