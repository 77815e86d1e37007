//! The README's examples run as written, so what it shows cannot drift from what the binary does.
//!
//! Every ```` ```text ```` block of README.md (and of docs/register.md) that holds `$ ` lines is a terminal session: each `$`
//! line is run by `bash` (with `kriterium` on the PATH being the binary under test) in one
//! scratch folder shared by the whole README, in order, so `verify` finds the results `batch`
//! wrote above it; `samples/` and `tests/` are links to the repository's. The lines after a
//! command, up to the next `$`, are its output (standard output and error as the terminal shows
//! them), compared with snapbox's wildcards: a line holding only `…` stands for any number of
//! lines, and `…` inside a line for any text there (`sha256:80932343…`). A command shown without
//! output is run and must not fail with a usage error (exit 2 or above), but its output is not
//! compared. `$EDITOR FILE  # e.g. A → B` is not run but done: the first `A` in FILE becomes
//! `B`, so the suggested edit is what the next commands see. A
//! byte-order mark (which starts `ranking.csv`, for Excel) is not shown by a terminal, nor compared.

use std::path::Path;
use std::process::Command;

use crate::util::root;

/// One `$` line and the output shown under it.
#[derive(Debug)]
struct Step {
    /// Line of the command in the README (1-based), for the failure message.
    line: usize,
    command: String,
    /// The lines shown under the command, joined with `\n`; empty when none are shown.
    expected: String,
}

/// The sessions of a Markdown text, in order.
fn steps(markdown: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut in_session = false;
    for (i, line) in markdown.lines().enumerate() {
        if let Some(info) = line.strip_prefix("```") {
            in_session = info.trim() == "text" && !in_session;
            continue;
        }
        if !in_session {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            steps.push(Step {
                line: i + 1,
                command: command.to_string(),
                expected: String::new(),
            });
        } else if let Some(step) = steps.last_mut() {
            if !step.expected.is_empty() {
                step.expected.push('\n');
            }
            step.expected.push_str(line);
        }
    }
    steps
}

/// The README's `…` elisions as snapbox's wildcards: `…` alone on a line (however indented)
/// is `...`, any other `…` is `[..]`.
fn pattern(expected: &str) -> String {
    expected
        .lines()
        .map(|line| {
            if line.trim() == "…" {
                "...".to_string()
            } else {
                line.replace('…', "[..]")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What `$EDITOR FILE  # e.g. A → B` asks for: in FILE (relative to `dir`), the first `A`
/// becomes `B`. Done here rather than by a program, so the test needs nothing but the binary.
fn edit(dir: &Path, step: &Step) -> Result<(), String> {
    let (before, edit) = step
        .command
        .split_once("# e.g. ")
        .ok_or("the edit is not written `# e.g. A → B`")?;
    let (from, to) = edit.split_once(" → ").ok_or("no `→` in the edit")?;
    let file = before
        .trim()
        .strip_prefix("$EDITOR ")
        .ok_or("no file after $EDITOR")?;
    let path = dir.join(file.trim());
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    if !text.contains(from.trim()) {
        return Err(format!("{file} holds no `{}` to edit", from.trim()));
    }
    std::fs::write(&path, text.replacen(from.trim(), to.trim(), 1)).map_err(|e| e.to_string())
}

#[test]
fn the_readme_examples_print_what_the_readme_shows() {
    sessions_print_what_they_show("README.md", 10);
}

/// The register's page is a walk through a round in the same terminal sessions.
#[test]
fn the_register_pages_examples_print_what_the_page_shows() {
    sessions_print_what_they_show("docs/register.md", 10);
}

/// Runs every session of the Markdown file `name` (relative to the repository) in a scratch
/// folder of its own, and fails with every step whose output differs; `at_least` guards against
/// a page whose sessions were not found at all.
fn sessions_print_what_they_show(name: &str, at_least: usize) {
    let readme = std::fs::read_to_string(root().join(name)).unwrap();
    let steps = steps(&readme);
    assert!(
        steps.len() >= at_least,
        "the sessions of {name} were not found: {steps:?}"
    );
    let dir = tempfile::tempdir().unwrap();
    for name in ["samples", "tests"] {
        std::os::unix::fs::symlink(root().join(name), dir.path().join(name)).unwrap();
    }
    let bin = Path::new(env!("CARGO_BIN_EXE_kriterium")).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let assert = snapbox::Assert::new();
    let mut failures = Vec::new();
    for step in &steps {
        if step.command.starts_with("$EDITOR") {
            if let Err(e) = edit(dir.path(), step) {
                failures.push(format!("{name}:{}: {e}", step.line));
            }
            continue;
        }
        let mut command = Command::new("bash");
        command
            .arg("-c")
            .arg(format!("{} 2>&1", step.command))
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("KRITERIUM_LANG");
        let out = command.output().unwrap();
        // A CSV file starts with a byte-order mark (for Excel), which a terminal does not show.
        let actual = String::from_utf8_lossy(&out.stdout)
            .trim_end()
            .replace('\u{feff}', "");
        let code = out.status.code().unwrap_or(-1);
        if step.expected.is_empty() {
            if !(0..=1).contains(&code) {
                failures.push(format!(
                    "{name}:{}: `{}` exited with {code}:\n{actual}",
                    step.line, step.command
                ));
            }
            continue;
        }
        let expected = snapbox::Data::text(pattern(&step.expected));
        if let Err(error) = assert.try_eq(
            Some(&format!("{name}:{}", step.line)),
            snapbox::Data::text(actual),
            expected,
        ) {
            failures.push(format!(
                "{name}:{}: `{}` printed something else:\n{error}",
                step.line, step.command
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn sessions_are_read_with_their_outputs_and_elisions() {
    let text = "x\n```text\n$ a\none\n  …\n$ b\n```\n```sh\n$ c\n```\n";
    let steps = steps(text);
    assert_eq!(steps.len(), 2, "{steps:?}");
    assert_eq!((steps[0].line, steps[0].command.as_str()), (3, "a"));
    assert_eq!(steps[0].expected, "one\n  …");
    assert_eq!(steps[1].expected, "");
    assert_eq!(pattern("a 1…\n  …\nb"), "a 1[..]\n...\nb");
}
