//! A results folder is one run, complete, or the previous one untouched: batches killed at every
//! point of writing and swapping, a full disk, an unwritable folder; and every command that
//! writes files exits with 3 and leaves nothing partial when it cannot.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{Run, kriterium, temp_dir};

const SAMPLES: &str = "samples/made-in-sonderjylland";

/// The test-only crash points of `batch`, in the order a run reaches them.
const STOP_POINTS: [&str; 5] = [
    "assessed",
    "reports",
    "staged",
    "between-renames",
    "swapped",
];

/// A batch of the samples into `out`, with `extra` arguments.
fn batch(out: &Path, extra: &[&str]) -> Run {
    let out = out.to_str().expect("a UTF-8 path");
    let mut args = vec!["batch", SAMPLES, "--out", out];
    args.extend_from_slice(extra);
    kriterium(&args)
}

/// Every file below `dir` by relative path, with its bytes: what a results folder holds.
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, prefix: &str, found: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let entry = entry.expect("a folder entry");
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if entry.file_type().expect("a file type").is_dir() {
                walk(&entry.path(), &format!("{name}/"), found);
            } else {
                found.insert(name, fs::read(entry.path()).expect("a readable file"));
            }
        }
    }
    let mut found = BTreeMap::new();
    walk(dir, "", &mut found);
    found
}

/// The names in `dir`, sorted (hidden ones too: that is where leftovers would be).
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            e.expect("a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        // The empty lock file of a results folder stays on purpose (removing it would let two
        // runs hold locks on different files); `a_second_batch_into_the_same_folder_waits_its_turn`
        // covers it.
        .filter(|name| !(name.starts_with('.') && name.ends_with(".lock")))
        .collect();
    names.sort();
    names
}

/// The complete result set of a batch with `extra` arguments, made in a folder of its own.
fn reference(extra: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let dir = temp_dir();
    let out = dir.path().join("results");
    batch(&out, extra).run().code(0);
    contents(&out)
}

/// How `DIR` is replaced: by one exchange (Linux), or by two renames where the exchange is not
/// supported (forced in debug builds by `KRITERIUM_TEST_NO_EXCHANGE`).
#[derive(Clone, Copy, PartialEq, Debug)]
enum Swap {
    Exchange,
    TwoRenames,
}

impl Swap {
    /// Both ways this system has: the exchange only on Linux.
    fn available() -> Vec<Swap> {
        if cfg!(any(target_os = "linux", target_os = "android")) {
            vec![Swap::Exchange, Swap::TwoRenames]
        } else {
            vec![Swap::TwoRenames]
        }
    }

    /// `run` made to replace `DIR` this way.
    fn apply(self, run: Run) -> Run {
        match self {
            Swap::Exchange => run,
            Swap::TwoRenames => run.env("KRITERIUM_TEST_NO_EXCHANGE", "1"),
        }
    }
}

#[test]
fn a_batch_killed_at_any_point_leaves_the_previous_run_or_its_own_complete_one() {
    // The previous run has a smaller budget, so the two runs differ in their files.
    let old = ["--budget", "100000"];
    let new = reference(&[]);
    assert_ne!(new, reference(&old), "the two runs must be told apart");
    for swap in Swap::available() {
        for point in STOP_POINTS {
            let dir = temp_dir();
            let out = dir.path().join("results");
            batch(&out, &old).run().code(0);
            let previous = contents(&out);

            let killed = swap
                .apply(batch(&out, &[]).env("KRITERIUM_TEST_STOP_AT", point))
                .run();
            match (swap, point) {
                // One exchange: there is no moment between two renames, the run completes.
                (Swap::Exchange, "between-renames") => {
                    assert_eq!(killed.code, 0, "{swap:?}: {}", killed.stderr);
                    assert!(contents(&out) == new, "{swap:?}: the new run is current");
                }
                (Swap::TwoRenames, "between-renames") => {
                    assert_eq!(killed.code, -1, "{swap:?} {point}: {}", killed.stderr);
                    // No `results` for a moment: the previous run waits whole beside it, and
                    // the next run puts it back before anything else.
                    assert!(!out.exists());
                    let aside: Vec<String> = names(dir.path())
                        .into_iter()
                        .filter(|n| n.starts_with(".results.previous-"))
                        .collect();
                    assert_eq!(aside.len(), 1, "{aside:?}");
                    assert!(contents(&dir.path().join(&aside[0])) == previous);
                }
                (_, "swapped") => {
                    assert_eq!(killed.code, -1, "{swap:?} {point}: {}", killed.stderr);
                    assert!(
                        contents(&out) == new,
                        "{swap:?}: after the swap the new run is current"
                    );
                }
                _ => {
                    assert_eq!(killed.code, -1, "{swap:?} {point}: {}", killed.stderr);
                    assert!(
                        contents(&out) == previous,
                        "{swap:?} killed at {point}: not the previous run"
                    );
                }
            }

            // The next run cleans up what the killed one left, and completes.
            let next = batch(&out, &["--reports", "none", "--budget", "100000"]).run();
            let next = next.code(0);
            if (swap, point) == (Swap::TwoRenames, "between-renames") {
                assert!(
                    next.stderr.contains("was restored"),
                    "the restore is told: {}",
                    next.stderr
                );
            }
            assert_eq!(
                names(dir.path()),
                ["results"],
                "{swap:?}: leftovers after {point}"
            );
            let expected = reference(&["--reports", "none", "--budget", "100000"]);
            assert!(
                contents(&out) == expected,
                "{swap:?} after {point}: not the next run"
            );
        }
    }
}

/// Regression: a batch killed between its two renames left no results folder (only a hidden
/// `.results.previous-…` until the next run). On Linux the folders are now exchanged in one
/// step, so `results` is there, complete, at every instant.
#[cfg(any(target_os = "linux", target_os = "android"))]
#[test]
fn a_replaced_results_folder_is_never_missing() {
    let dir = temp_dir();
    let out = dir.path().join("results");
    batch(&out, &["--budget", "100000"]).run().code(0);
    let killed = batch(&out, &[])
        .env("KRITERIUM_TEST_STOP_AT", "between-renames")
        .run();
    assert_eq!(
        killed.code, 0,
        "no second rename to stop at: {}",
        killed.stderr
    );
    assert!(contents(&out) == reference(&[]));
    assert_eq!(names(dir.path()), ["results"]);
}

/// Regression: a batch killed between its renames left a new `decisions.jsonl` beside the
/// previous `summary.json`. Now the previous run is restored whole before anything else (where
/// the two renames are used).
#[test]
fn a_batch_killed_between_the_renames_gets_the_previous_run_back_byte_for_byte() {
    let dir = temp_dir();
    let out = dir.path().join("results");
    batch(&out, &["--budget", "100000"]).run().code(0);
    let previous = contents(&out);
    let killed = Swap::TwoRenames
        .apply(batch(&out, &[]).env("KRITERIUM_TEST_STOP_AT", "between-renames"))
        .run();
    assert_eq!(killed.code, -1);
    assert!(
        !out.exists(),
        "killed between the renames, there is no results folder"
    );
    // The next run restores it first, so even when that run is killed too it stays.
    let recovered = batch(&out, &[])
        .env("KRITERIUM_TEST_STOP_AT", "assessed")
        .run();
    assert_eq!(recovered.code, -1);
    assert!(
        contents(&out) == previous,
        "the previous run came back whole and stayed"
    );
}

#[test]
fn a_first_batch_killed_before_its_swap_leaves_no_results_folder() {
    // Without a previous run there is one rename and no point between renames.
    for point in ["assessed", "reports", "staged"] {
        let dir = temp_dir();
        let out = dir.path().join("results");
        let killed = batch(&out, &[]).env("KRITERIUM_TEST_STOP_AT", point).run();
        assert_eq!(killed.code, -1, "stopped at {point}");
        assert!(
            !out.exists(),
            "killed at {point}, a results folder appeared"
        );
        batch(&out, &[]).run().code(0);
        assert_eq!(names(dir.path()), ["results"], "leftovers after {point}");
        assert!(contents(&out) == reference(&[]));
    }
}

#[test]
fn a_folder_with_other_files_is_refused_and_left_alone() {
    let dir = temp_dir();
    let out = dir.path().join("results");
    batch(&out, &[]).run().code(0);
    fs::write(out.join("notes.txt"), "my notes").unwrap();
    let before = contents(&out);
    let refused = batch(&out, &[]).run().code(2);
    assert!(
        refused
            .stderr
            .contains("holds files a batch does not write (`notes.txt`)"),
        "{}",
        refused.stderr
    );
    assert!(contents(&out) == before);
    assert_eq!(names(dir.path()), ["results"]);

    // A folder of the user's own that happens to hold an `index.html`.
    let site = dir.path().join("site");
    fs::create_dir(&site).unwrap();
    fs::write(site.join("index.html"), "my page").unwrap();
    let refused = batch(&site, &[]).run().code(2);
    assert!(
        refused
            .stderr
            .contains("has no `summary.json` from kriterium"),
        "{}",
        refused.stderr
    );
    assert_eq!(
        fs::read_to_string(site.join("index.html")).unwrap(),
        "my page"
    );
}

/// Whether the tests run as root (who may mount file systems and ignores folder permissions).
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A tmpfs mounted on a new temporary folder, unmounted when dropped.
struct Mount {
    dir: tempfile::TempDir,
}

impl Mount {
    /// Mounts a tmpfs with `options`, or says why not and gives `None`: that needs root, and
    /// the right to mount (a container may refuse it).
    fn tmpfs(options: &str) -> Option<Mount> {
        if !is_root() {
            eprintln!("skipped: mounting a small tmpfs needs root");
            return None;
        }
        let dir = temp_dir();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(dir.path())
            .status();
        if !mounted.as_ref().is_ok_and(|s| s.success()) {
            eprintln!("skipped: cannot mount a tmpfs here ({mounted:?})");
            return None;
        }
        Some(Mount { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Mounts it again with `options` (`ro`, `size=…`), keeping what it holds.
    fn remount(&self, options: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(self.path())
            .status()
            .expect("mount runs");
        assert!(status.success(), "remount {options}");
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// A full disk at every stage: while spilling decisions, while writing reports, and while
/// writing the rest. Regression: a full disk left `decisions.jsonl`, `ranking.csv` and report
/// files of the failed run in the folder.
#[test]
fn a_full_disk_exits_3_and_leaves_the_previous_run() {
    // The previous run (no reports) takes about 64 KiB. The new one fills a 60 KiB spill file,
    // then writes 60 KiB of decisions and 330 KiB of reports and overview: so the disk fills up
    // while spilling at 100 KiB, in `decisions.jsonl` at 150 KiB without reports, and early or
    // late in the reports at 200 or 400 KiB.
    let cases: [(&str, &[&str]); 4] = [
        ("100k", &[]),
        ("150k", &["--reports", "none", "--budget", "5"]),
        ("200k", &[]),
        ("400k", &[]),
    ];
    for (size, extra) in cases {
        let Some(disk) = Mount::tmpfs("size=2m") else {
            return;
        };
        let out = disk.path().join("results");
        batch(&out, &["--reports", "none"]).run().code(0);
        let previous = contents(&out);
        disk.remount(&format!("size={size}"));
        let failed = batch(&out, extra).run().code(3);
        let stderr = &failed.stderr;
        assert!(
            stderr.starts_with(&format!(
                "error: the results could not be stored in `{}`, which is left as it was\n",
                out.display()
            )),
            "{size}: {stderr}"
        );
        assert!(stderr.contains("the disk is full"), "{size}: {stderr}");
        assert!(
            contents(&out) == previous,
            "{size}: the previous run changed"
        );
        assert_eq!(names(disk.path()), ["results"], "{size}: leftovers");
        // With room again, the next run succeeds.
        disk.remount("size=2m");
        batch(&out, &["--reports", "none", "--budget", "100000"])
            .run()
            .code(0);
        assert_eq!(names(disk.path()), ["results"]);
    }
}

/// A folder nobody may write: read-only for root (who ignores permissions), `chmod 555` for
/// others. `setup` fills it first.
struct Unwritable {
    mount: Option<Mount>,
    dir: PathBuf,
    _keep: Option<tempfile::TempDir>,
}

impl Unwritable {
    fn new(setup: impl FnOnce(&Path)) -> Option<Unwritable> {
        if is_root() {
            let mount = Mount::tmpfs("size=4m")?;
            setup(mount.path());
            // Read-only: even root cannot write to it then.
            mount.remount("ro");
            let dir = mount.path().to_path_buf();
            return Some(Unwritable {
                mount: Some(mount),
                dir,
                _keep: None,
            });
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let keep = temp_dir();
            let dir = keep.path().join("locked");
            fs::create_dir(&dir).unwrap();
            setup(&dir);
            fs::set_permissions(&dir, fs::Permissions::from_mode(0o555)).unwrap();
            Some(Unwritable {
                mount: None,
                dir,
                _keep: Some(keep),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = setup;
            eprintln!("skipped: no unwritable folder on this system");
            None
        }
    }
}

impl Drop for Unwritable {
    fn drop(&mut self) {
        #[cfg(unix)]
        if self.mount.is_none() {
            use std::os::unix::fs::PermissionsExt;
            let _ = fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o755));
        }
    }
}

#[test]
fn every_command_that_writes_exits_3_on_an_unwritable_folder_and_leaves_it_as_it_was() {
    let Some(locked) = Unwritable::new(|dir| {
        batch(&dir.join("results"), &[]).run().code(0);
    }) else {
        return;
    };
    let dir = &locked.dir;
    let before = contents(dir);
    let at = |name: &str| dir.join(name).to_string_lossy().into_owned();
    let sample = format!("{SAMPLES}/01-ungdomssymfoniorkester.json");
    let commands: Vec<Vec<String>> = vec![
        vec![
            "batch".into(),
            SAMPLES.into(),
            "--out".into(),
            at("results"),
        ],
        vec!["batch".into(), SAMPLES.into(), "--out".into(), at("new")],
        vec![
            "assess".into(),
            sample.clone(),
            "-o".into(),
            at("decision.json"),
        ],
        vec![
            "diff".into(),
            "--old".into(),
            "made-in-sonderjylland".into(),
            "--new".into(),
            "made-in-sonderjylland".into(),
            SAMPLES.into(),
            "-o".into(),
            at("diff.txt"),
        ],
        vec![
            "samples".into(),
            "generate".into(),
            "--count".into(),
            "3".into(),
            "-o".into(),
            at("apps.jsonl"),
        ],
        vec![
            "rules".into(),
            "export".into(),
            "made-in-sonderjylland".into(),
            at("pack"),
        ],
        vec!["rules".into(), "definitions".into(), at("definitions")],
    ];
    for args in commands {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let failed = kriterium(&args).run().code(3);
        assert!(
            failed.stderr.contains(&format!("`{}", dir.display())),
            "`{}` names the path: {}",
            args.join(" "),
            failed.stderr
        );
        assert!(
            failed.stderr.contains("read-only") || failed.stderr.contains("permission denied"),
            "`{}` says why: {}",
            args.join(" "),
            failed.stderr
        );
        assert!(
            contents(dir) == before,
            "`{}` changed the folder",
            args.join(" ")
        );
    }
}

/// Regression: results printed to a full disk (`> /dev/full`) made `print!` panic, an internal
/// error with status 2. Now it is status 3, saying so.
#[test]
fn results_printed_to_a_full_disk_exit_3() {
    let Ok(full) = fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: no /dev/full on this system");
        return;
    };
    let sample = format!("{SAMPLES}/01-ungdomssymfoniorkester.json");
    let commands: [&[&str]; 4] = [
        &["assess", &sample, "--format", "json"],
        &["schema", "application"],
        &["sensitivity", SAMPLES],
        &["samples", "generate", "--count", "3"],
    ];
    for args in commands {
        let out = Command::new(env!("CARGO_BIN_EXE_kriterium"))
            // English, as every run of `util::kriterium` (its docs say why).
            .env("KRITERIUM_LANG", "en")
            .args(args)
            .current_dir(crate::util::root())
            .stdout(full.try_clone().expect("a second handle"))
            .output()
            .expect("the binary runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write to standard output: the disk is full"),
            "{args:?}: {stderr}"
        );
    }
}

/// A character device `name` (`mknod c 1 MINOR`, as in `/dev`) made in `dir`, so a mistake
/// cannot harm the system's own; `/dev/NAME` where devices cannot be made (not root, a
/// container that refuses); `None` when neither is there.
#[cfg(unix)]
fn device(dir: &Path, name: &str, minor: &str) -> Option<String> {
    let made = dir.join(name);
    let status = Command::new("mknod")
        .arg(&made)
        .args(["c", "1", minor])
        .status();
    if status.is_ok_and(|s| s.success()) {
        return Some(made.to_string_lossy().into_owned());
    }
    let system = format!("/dev/{name}");
    if Path::new(&system).exists() {
        return Some(system);
    }
    eprintln!("skipped: no {system} on this system");
    None
}

/// Whether `path` is a character device.
#[cfg(unix)]
fn is_char_device(path: &str) -> bool {
    use std::os::unix::fs::FileTypeExt;
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_char_device())
}

/// Regression: `-o /dev/full` (as root) turned the device into an ordinary file and exited 0.
#[cfg(unix)]
#[test]
fn output_to_a_full_device_exits_3_and_leaves_the_device() {
    let dir = temp_dir();
    let Some(full) = device(dir.path(), "full", "7") else {
        return;
    };
    let failed = kriterium(&["samples", "generate", "--count", "100", "-o", &full])
        .run()
        .code(3);
    assert!(
        failed
            .stderr
            .contains(&format!("cannot write `{full}`: the disk is full")),
        "{}",
        failed.stderr
    );
    assert!(is_char_device(&full), "{full} is no longer a device");
}

#[cfg(unix)]
#[test]
fn output_to_a_null_device_succeeds_and_leaves_the_device() {
    let dir = temp_dir();
    let Some(null) = device(dir.path(), "null", "3") else {
        return;
    };
    let sample = format!("{SAMPLES}/01-ungdomssymfoniorkester.json");
    kriterium(&["assess", &sample, "--format", "json", "-o", &null])
        .run()
        .code(0);
    assert!(is_char_device(&null), "{null} is no longer a device");
}

/// Regression: `assess X -o link` replaced the symbolic link with an ordinary file.
#[cfg(unix)]
#[test]
fn output_to_a_link_writes_the_file_it_points_to() {
    let dir = temp_dir();
    let real = dir.path().join("decision.json");
    fs::write(&real, "old").unwrap();
    let link = dir.path().join("latest.json");
    std::os::unix::fs::symlink("decision.json", &link).unwrap();
    let sample = format!("{SAMPLES}/01-ungdomssymfoniorkester.json");
    kriterium(&[
        "assess",
        &sample,
        "--format",
        "json",
        "-o",
        link.to_str().expect("a UTF-8 path"),
    ])
    .run()
    .code(0);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced"
    );
    let written: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&real).unwrap()).unwrap();
    assert_eq!(written["application_id"], "MIS-2025-001");
    assert_eq!(names(dir.path()), ["decision.json", "latest.json"]);
}

/// Regression: the commands that print through the terminal macros (`println!` inside) and
/// `completions` panicked on a full disk: "failed printing to stdout", "internal error", exit 2
/// with a backtrace. Now they end like the others: status 3, one plain line.
#[test]
fn lines_printed_to_a_full_disk_exit_3_without_a_panic() {
    let Ok(full) = fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: no /dev/full on this system");
        return;
    };
    let recorded = temp_dir();
    let decision_file = recorded.path().join("decision.json");
    let sample = format!("{SAMPLES}/01-ungdomssymfoniorkester.json");
    let decision = kriterium(&["assess", &sample, "--format", "json"])
        .run()
        .code(0)
        .stdout;
    fs::write(&decision_file, decision).unwrap();
    let decision_arg = decision_file.to_string_lossy().into_owned();
    let commands: [&[&str]; 6] = [
        &["validate", SAMPLES, SAMPLES, SAMPLES],
        &["check", "rules/made-in-sonderjylland"],
        &["rules", "list"],
        &["test", "rules/made-in-sonderjylland"],
        &["verify", &decision_arg, &sample],
        &["completions", "bash"],
    ];
    for args in commands {
        let out = Command::new(env!("CARGO_BIN_EXE_kriterium"))
            // English, as every run of `util::kriterium` (its docs say why).
            .env("KRITERIUM_LANG", "en")
            .args(args)
            .current_dir(crate::util::root())
            .env("RUST_BACKTRACE", "1")
            .stdout(full.try_clone().expect("a second handle"))
            .output()
            .expect("the binary runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write to standard output: the disk is full"),
            "{args:?}: {stderr}"
        );
        assert!(
            !stderr.contains("panicked") && !stderr.contains("internal error"),
            "{args:?}: {stderr}"
        );
    }
}

/// Regression: `validate … | head -1` panicked with "failed printing to stdout: Broken pipe"
/// and a backtrace once `head` had gone. Now it is status 3 and one plain line.
#[test]
fn lines_printed_to_a_closed_pipe_end_without_a_backtrace() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kriterium"))
        // English, as every run of `util::kriterium` (its docs say why).
        .env("KRITERIUM_LANG", "en")
        .args(["validate", SAMPLES, SAMPLES, SAMPLES, SAMPLES])
        .current_dir(crate::util::root())
        .env("RUST_BACKTRACE", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary starts");
    // The reader goes before anything is read, as `head` does after its line.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("the binary finishes");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("cannot write to standard output: the program reading it stopped"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
}

/// Problems printed to a closed standard error (`2>&1 | head -1`) do not crash the run: it
/// ends with its own status (1: inputs were rejected), not 101 with a panic.
#[test]
fn problems_printed_to_a_closed_standard_error_end_with_the_runs_own_status() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kriterium"))
        .env("KRITERIUM_LANG", "en")
        .args(["validate", "samples/invalid"])
        .current_dir(crate::util::root())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary starts");
    drop(child.stderr.take());
    let status = child.wait().expect("the binary finishes");
    assert_eq!(status.code(), Some(1));
}

/// A mistyped path, an empty `.jsonl` file or an empty folder reads no application: the run must not
/// replace a round's results with an empty one (the previous results stay, exit 2, and the
/// message says which input gave nothing and that `--out` was left as it was).
#[test]
fn a_run_that_reads_no_application_leaves_the_previous_results() {
    let dir = temp_dir();
    let out = dir.path().join("out");
    batch(&out, &[]).run().code(0);
    let previous = contents(&out);
    let empty_folder = dir.path().join("empty");
    fs::create_dir(&empty_folder).expect("a folder");
    let empty_file = dir.path().join("empty.jsonl");
    fs::write(&empty_file, "").expect("a file");
    let missing = dir.path().join("samples-typo");
    for input in [&missing, &empty_folder, &empty_file] {
        let input = input.to_str().expect("a UTF-8 path");
        let run = kriterium(&["batch", input, "--out", out.to_str().expect("a UTF-8 path")])
            .run()
            .code(2);
        assert!(
            run.stderr.contains("no application was read from")
                && run.stderr.contains("is left as it was"),
            "{input}: {}",
            run.stderr
        );
        assert!(
            contents(&out) == previous,
            "{input}: the previous results stay"
        );
    }
}

/// While one batch writes into `--out`, a second into the same folder is refused (exit 2,
/// naming the folder) and touches nothing — before, it removed the first run's staging folder
/// as a killed run's leftover and the first run failed. The lock is the operating system's, so
/// it is free again once the first run ends.
#[test]
fn a_second_batch_into_the_same_folder_waits_its_turn() {
    let dir = temp_dir();
    let out = dir.path().join("out");
    batch(&out, &[]).run().code(0);
    let previous = contents(&out);
    // The lock a running batch holds, held here instead.
    let held = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.path().join(".out.lock"))
        .expect("the lock file");
    held.try_lock().expect("nobody else holds it");
    let refused = batch(&out, &["--reports", "none"]).run().code(2);
    assert!(
        refused
            .stderr
            .contains("another run of kriterium is writing to")
            && refused.stderr.contains("out"),
        "{}",
        refused.stderr
    );
    assert!(contents(&out) == previous, "the folder is untouched");
    drop(held);
    batch(&out, &["--reports", "none"]).run().code(0);
    assert!(
        !out.join("index.html").exists(),
        "the second run replaced the first"
    );
}

/// `-o` naming one of the command's own inputs — by the same path, another spelling of it, or a
/// link to it — is refused before anything is written, and the input is left as it was: the
/// write would otherwise destroy the application, inputs or sheet the command was given.
#[test]
fn an_output_that_is_one_of_the_inputs_is_refused_and_the_input_kept() {
    let dir = temp_dir();
    let app = dir.path().join("app.json");
    let sheet = dir.path().join("form.csv");
    fs::copy(
        crate::util::root().join("samples/made-in-sonderjylland/04-svoemmetalenter.json"),
        &app,
    )
    .unwrap();
    fs::copy(
        crate::util::root().join("samples/import/made-in-sonderjylland.csv"),
        &sheet,
    )
    .unwrap();
    std::os::unix::fs::symlink(&app, dir.path().join("link.json")).unwrap();
    let (app_bytes, sheet_bytes) = (fs::read(&app).unwrap(), fs::read(&sheet).unwrap());
    let app_path = app.to_str().unwrap();
    let link = dir.path().join("link.json");
    let spelled = format!("{}/./app.json", dir.path().display());
    let mapping = crate::util::root().join("samples/import/made-in-sonderjylland.toml");
    let runs: [&[&str]; 4] = [
        &["assess", app_path, "-o", app_path],
        &[
            "assess",
            app_path,
            "--format",
            "json",
            "-o",
            link.to_str().unwrap(),
        ],
        &[
            "diff",
            "--old",
            "made-in-sonderjylland",
            "--new",
            "made-in-sonderjylland",
            app_path,
            "-o",
            &spelled,
        ],
        &[
            "import",
            sheet.to_str().unwrap(),
            "--mapping",
            mapping.to_str().unwrap(),
            "-o",
            sheet.to_str().unwrap(),
        ],
    ];
    for args in runs {
        let run = kriterium(args).run().code(2);
        assert!(
            run.stderr.contains("is the same file as the input")
                && run.stderr.contains("the input would be overwritten"),
            "{args:?}: {}",
            run.stderr
        );
    }
    assert_eq!(fs::read(&app).unwrap(), app_bytes);
    assert_eq!(fs::read(&sheet).unwrap(), sheet_bytes);
    // In the language of messages, the pack's once it is loaded.
    let run = kriterium(&["assess", app_path, "-o", app_path])
        .env_remove("KRITERIUM_LANG")
        .run()
        .code(2);
    assert!(run.stderr.starts_with("fejl: »"), "{}", run.stderr);
}
