//! Runs the `kriterium` binary from the repository root and checks how it ended.
//!
//! Every run speaks English unless a test says otherwise: [`kriterium`] sets `KRITERIUM_LANG=en`,
//! so assertions on messages mean the same under any locale and under the Danish default pack
//! (whose language the messages would otherwise follow). A test of another language sets
//! `KRITERIUM_LANG` itself ([`Run::env`]), passes `--lang`, or removes it ([`Run::env_remove`]) to
//! see what the locale and the pack decide. Result files never follow it either way.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The repository root, where the binary runs so paths in its output are `samples/…`.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `path` relative to the repository root, with `/` separators.
pub fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// A run of the binary being built up.
pub struct Run {
    args: Vec<String>,
    stdin: Option<String>,
    env: Vec<(String, String)>,
    removed: Vec<String>,
}

/// Starts a run of `kriterium` with these arguments. Messages are in English
/// (`KRITERIUM_LANG=en`), whatever the pack's language and the locale of the machine running
/// the tests; a test of another language sets or removes it ([`Run::env`], [`Run::env_remove`]).
pub fn kriterium(args: &[&str]) -> Run {
    Run {
        args: args.iter().map(|a| a.to_string()).collect(),
        stdin: None,
        env: vec![("KRITERIUM_LANG".to_string(), "en".to_string())],
        removed: Vec::new(),
    }
}

impl Run {
    /// Feeds `text` to standard input.
    pub fn stdin(mut self, text: &str) -> Self {
        self.stdin = Some(text.to_string());
        self
    }

    /// Sets an environment variable for the run.
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.removed.retain(|k| k != key);
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    /// Removes an environment variable for the run (also the `KRITERIUM_LANG=en` every run
    /// starts with).
    pub fn env_remove(mut self, key: &str) -> Self {
        self.env.retain(|(k, _)| k != key);
        self.removed.push(key.to_string());
        self
    }

    /// Runs to the end.
    pub fn run(self) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kriterium"));
        command.envs(self.env.iter().map(|(k, v)| (k, v)));
        for key in &self.removed {
            command.env_remove(key);
        }
        let mut child = command
            .args(&self.args)
            .current_dir(root())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let mut stdin = child.stdin.take().expect("stdin is piped");
        stdin
            .write_all(self.stdin.unwrap_or_default().as_bytes())
            .expect("stdin takes the input");
        drop(stdin);
        let out = child.wait_with_output().expect("the binary finishes");
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
            args: self.args.join(" "),
        }
    }
}

/// How a run ended.
#[derive(Debug)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    args: String,
}

impl Output {
    /// Checks the exit status, showing both streams when it is not the expected one.
    pub fn code(self, expected: i32) -> Self {
        assert_eq!(
            self.code, expected,
            "`kriterium {}` exited with {}\n--- stdout\n{}\n--- stderr\n{}",
            self.args, self.code, self.stdout, self.stderr
        );
        self
    }
}

/// The files in `dir`, sorted by name.
pub fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a folder entry").path())
        .collect();
    files.sort();
    files
}

/// The built-in packs: every folder of `rules/` with a `pack.toml`, sorted.
pub fn built_in_packs() -> Vec<String> {
    files_in(&root().join("rules"))
        .iter()
        .filter(|dir| dir.join("pack.toml").is_file())
        .map(|dir| dir.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

/// The sample applications of the built-in pack, by file name, relative to the root.
pub fn sample_files() -> Vec<String> {
    files_in(&root().join("samples/made-in-sonderjylland"))
        .iter()
        .map(|f| relative(f))
        .collect()
}

/// Every file below `dir` by relative path, sorted, with its bytes.
pub fn every_file(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let name = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                files.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

/// The program `name` in a folder of `PATH`, if there is one (a browser, LibreOffice).
pub fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// The entries of an xlsx (zip) file: each name and its uncompressed text; and whether every
/// entry's time is the zip format's zero time (1980-01-01 00:00), i.e. none of its own.
pub fn unzip(path: &Path) -> (Vec<(String, String)>, bool) {
    use std::io::Read;
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut entries = Vec::new();
    let mut untimed = true;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        untimed &= entry.last_modified() == Some(zip::DateTime::default());
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap();
        entries.push((entry.name().unwrap().into_owned(), text));
    }
    (entries, untimed)
}

/// A fresh temporary folder, removed when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// Exports the built-in default pack to `dir/pack` and returns that folder.
pub fn export_default_pack(dir: &Path) -> PathBuf {
    let pack = dir.join("pack");
    kriterium(&[
        "rules",
        "export",
        "made-in-sonderjylland",
        pack.to_str().unwrap(),
    ])
    .run()
    .code(0);
    pack
}

/// The built-in default pack exported to `pack/` in a new temporary folder, with `edit` applied
/// to one of its files (the edit must change something).
pub fn edited_pack(file: &str, edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = temp_dir();
    let path = export_default_pack(dir.path()).join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = edit(&text);
    assert_ne!(edited, text, "the edit changed nothing in {file}");
    std::fs::write(&path, edited).unwrap();
    dir
}

/// Snapshot settings that hide what changes with every pack or engine release: each `sha256:…`
/// fingerprint becomes `[fingerprint]` and the engine version `[engine-version]`. Without them a
/// one-line comment in a pack script rewrote every snapshot that shows its decisions. What they
/// hide is asserted directly: `tests/fingerprints.rs`.
pub fn redactions() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"sha256:[0-9a-f]{64}", "[fingerprint]");
    // The version only where a decision, report or summary names it, so that a pack version
    // equal to it stays visible.
    let version: String = kriterium_engine::ENGINE_VERSION
        .chars()
        .flat_map(|c| match c {
            '.' | '+' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    settings.add_filter(
        &format!(
            r#"(?i)("engine_version": "|kriterium version: |kriterium version</dt><dd>){version}\b"#
        ),
        "${1}[engine-version]",
    );
    settings
}

/// `insta::assert_snapshot!` under [`redactions`]: every snapshot goes through it (a test in
/// `tests/source.rs` refuses `insta::assert_…` anywhere else).
macro_rules! assert_snapshot {
    ($($snapshot:tt)*) => {{
        let _redacted = $crate::util::redactions().bind_to_scope();
        insta::assert_snapshot!($($snapshot)*);
    }};
}
pub(crate) use assert_snapshot;

/// The decisions of a batch's `decisions.jsonl` in `out`, in the file's order.
pub fn decisions(out: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(out.join("decisions.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// LibreOffice's `soffice`, for the tests that convert a workbook; `None` (the test says it is
/// skipped) when it is not on PATH, unless `KRITERIUM_REQUIRE_LIBREOFFICE` is set (`.ci/run`).
pub fn soffice() -> Option<PathBuf> {
    let found = on_path("soffice");
    if found.is_none() {
        assert!(
            std::env::var_os("KRITERIUM_REQUIRE_LIBREOFFICE").is_none(),
            "KRITERIUM_REQUIRE_LIBREOFFICE is set but there is no `soffice` on PATH"
        );
        eprintln!("skipped: no LibreOffice (`soffice`) on PATH");
    }
    found
}

/// The sample panel and review sheets of the built-in pack, covering every eligible sample:
/// `--reviews` for a run on all of `samples/made-in-sonderjylland`.
pub const SAMPLE_REVIEWS: &str = "samples/reviews/made-in-sonderjylland";

/// A new folder with the sample panel (`panel.toml`) and the sample review sheets limited to the
/// applications of `files` (sample application files), as CSV: for `reviews add` on a round
/// that holds just those applications (a sheet naming an application the round lacks is
/// refused, as it should be).
pub fn sample_reviews_for(files: &[String]) -> tempfile::TempDir {
    let ids: Vec<String> = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(root().join(f)).unwrap();
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            value["id"].as_str().unwrap().to_string()
        })
        .collect();
    let dir = temp_dir();
    let reviews = root().join(SAMPLE_REVIEWS);
    std::fs::copy(reviews.join("panel.toml"), dir.path().join("panel.toml")).unwrap();
    // The two halves of the samples together hold every review, each sheet as CSV.
    let mut sheets: std::collections::BTreeMap<String, (String, Vec<String>)> = Default::default();
    for half in ["runde-01-09", "runde-10-17"] {
        for file in files_in(&reviews.join("runder").join(half)) {
            let text = std::fs::read_to_string(&file).unwrap();
            let mut lines = text.trim_start_matches('\u{feff}').lines();
            let head = lines.next().unwrap().to_string();
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            let entry = sheets.entry(name).or_insert((head, Vec::new()));
            entry.1.extend(
                lines
                    .filter(|l| {
                        ids.iter()
                            .any(|id| l.split(';').nth(1) == Some(id.as_str()))
                    })
                    .map(str::to_string),
            );
        }
    }
    for (name, (head, rows)) in sheets {
        if rows.is_empty() {
            continue;
        }
        let mut text = format!("\u{feff}{head}\r\n");
        for row in rows {
            text.push_str(&row);
            text.push_str("\r\n");
        }
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}
