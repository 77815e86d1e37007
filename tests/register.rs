//! The register (issue 15): rounds opened, filled, decided and closed with the real binary; its
//! money per year; `register verify` holding after a changed pack folder and failing after a
//! changed record; commands killed at any point leaving the register as before; two writers at
//! once; and every refusal leaving the register unchanged.
//!
//! Every command names its register with `--register` in a temporary folder, and speaks English
//! (`util::kriterium` sets `KRITERIUM_LANG=en`). Amounts are read from `round show --format json`
//! rather than written in: the pack's budget for a year is the pack's business, not the test's.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::util::{Output, Run, export_default_pack, kriterium, root, sample_files, temp_dir};

/// A register file in a fresh temporary folder (removed with the folder).
struct Reg {
    dir: tempfile::TempDir,
    file: PathBuf,
}

impl Reg {
    fn new() -> Reg {
        let dir = temp_dir();
        let file = dir.path().join("r.sqlite");
        Reg { dir, file }
    }

    fn path(&self) -> &str {
        self.file.to_str().unwrap()
    }

    /// `kriterium ARGS --register FILE`.
    fn run(&self, args: &[&str]) -> Run {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--register", self.path()]);
        kriterium(&all)
    }

    /// `kriterium decide WORDS… --register FILE`: the round, the application, the decision and
    /// its options.
    fn decide(&self, words: &[&str]) -> Run {
        let mut args = vec!["decide"];
        args.extend(words);
        self.run(&args)
    }

    /// `round open ID --rules RULES --year YEAR`, which must succeed.
    fn open(&self, id: &str, rules: &str, year: &str) {
        self.run(&["round", "open", id, "--rules", rules, "--year", year])
            .run()
            .code(0);
    }

    /// `round add ID FILES…`, which must succeed.
    fn add(&self, id: &str, files: &[String]) -> Output {
        let mut args = vec!["round", "add", id];
        args.extend(files.iter().map(String::as_str));
        self.run(&args).run().code(0)
    }

    /// The sample panel set and the sample reviews of `files` entered into round `id` (the
    /// built-in pack's first criterion is scored by reviewers), which must succeed.
    fn review(&self, id: &str, files: &[String]) {
        let dir = crate::util::sample_reviews_for(files);
        let panel = dir.path().join("panel.toml");
        self.run(&["panel", "set", panel.to_str().unwrap()])
            .run()
            .code(0);
        self.run(&["reviews", "add", id, dir.path().to_str().unwrap()])
            .run()
            .code(0);
    }

    /// `round show ID --format json`, parsed.
    fn show(&self, id: &str) -> Value {
        let out = self
            .run(&["round", "show", id, "--format", "json"])
            .run()
            .code(0);
        serde_json::from_str(&out.stdout).unwrap()
    }

    /// `round show ID --format json` as written, to compare before and after.
    fn show_text(&self, id: &str) -> String {
        self.run(&["round", "show", id, "--format", "json"])
            .run()
            .code(0)
            .stdout
    }

    /// `round list --format json` as written.
    fn list_text(&self) -> String {
        self.run(&["round", "list", "--format", "json"])
            .run()
            .code(0)
            .stdout
    }

    /// `register verify`, with its exit status checked.
    fn verify(&self, code: i32) -> Output {
        self.run(&["register", "verify"]).run().code(code)
    }

    /// How many applications round `id` has.
    fn count(&self, id: &str) -> usize {
        self.show(id)["applications"].as_array().unwrap().len()
    }

    /// The register opened as an SQLite tool would.
    fn sql(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.file).unwrap()
    }
}

/// Refuses every application of round `id` that has no decision yet (with a reason, as refusing
/// a recommended one needs), so that the round can be closed. Returns how many it decided.
fn reject_the_rest(reg: &Reg, id: &str, date: &str) -> usize {
    let undecided: Vec<String> = applications(&reg.show(id))
        .iter()
        .filter(|a| a["decision"].is_null())
        .map(|a| text(a, "application_id").to_string())
        .collect();
    for app in &undecided {
        reg.decide(&[
            id,
            app,
            "reject",
            "--date",
            date,
            "--reason",
            "Ikke prioriteret i denne runde.",
        ])
        .run()
        .code(0);
    }
    undecided.len()
}

/// The round's applications in rank order as `round show --format json` lists them.
fn applications(show: &Value) -> Vec<Value> {
    show["applications"].as_array().unwrap().clone()
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} in {value}"))
}

fn number(value: &Value, key: &str) -> u64 {
    value[key]
        .as_u64()
        .unwrap_or_else(|| panic!("{key} in {value}"))
}

/// The first application (in rank order) `round show` recommends as `recommendation`.
fn first(show: &Value, recommendation: &str) -> Value {
    applications(show)
        .into_iter()
        .find(|a| a["recommendation"] == recommendation)
        .unwrap_or_else(|| panic!("no application recommended {recommendation}"))
}

/// The line of `money` (of `round show` or `round list`) for `year`.
fn money_of(money: &Value, year: u64) -> Value {
    money
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["year"].as_u64() == Some(year))
        .unwrap_or_else(|| panic!("no money line for {year} in {money}"))
        .clone()
}

/// `n` kroner as English messages write it: `DKK 1,250,000`.
fn dkk(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("DKK {grouped}")
}

/// `count` applications generated from the default pack's samples with `seed`, in `file`.
fn generate(file: &Path, count: usize, seed: u64) {
    kriterium(&[
        "samples",
        "generate",
        "--count",
        &count.to_string(),
        "--seed",
        &seed.to_string(),
        "-o",
        file.to_str().unwrap(),
    ])
    .run()
    .code(0);
}

/// A `kriterium` process started with `args` and English messages, not waited for.
fn spawn(args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_kriterium"))
        .args(args)
        .env("KRITERIUM_LANG", "en")
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

const MIS: &str = "made-in-sonderjylland";

#[test]
fn two_rounds_keep_each_years_money_and_verify() {
    let reg = Reg::new();
    let samples = sample_files();

    // 2024: a full grant with a member standing aside, a partial grant and a grant against the
    // recommendation (each with a reason).
    reg.open("2024-1", MIS, "2024");
    reg.add("2024-1", &samples);
    reg.review("2024-1", &samples);
    let show = reg.show("2024-1");
    let apps = applications(&show);
    assert_eq!(apps.len(), samples.len(), "every sample is in the round");
    let fund: Vec<&Value> = apps
        .iter()
        .filter(|a| a["recommendation"] == "fund")
        .collect();
    assert!(fund.len() >= 2, "two recommended applications: {apps:?}");
    let reserve = &first(&show, "reserve");
    let year_budget = number(&show["round"], "year_budget");
    let recommended: u64 = apps.iter().map(|a| number(a, "recommended")).sum();

    let full = fund[0];
    let full_amount = number(full, "requested");
    reg.decide(&[
        "2024-1",
        text(full, "application_id"),
        "grant",
        "--date",
        "2024-03-14",
        "--abstained",
        "Anders Lund",
    ])
    .run()
    .code(0);

    let partial = fund[1];
    // Half the recommendation, in whole thousands, written as a Danish secretariat writes it.
    let partial_amount = number(partial, "recommended") / 2000 * 1000;
    assert!(partial_amount > 0);
    let partial_words = format!("{}.000", partial_amount / 1000);
    let out = reg
        .decide(&[
            "2024-1",
            text(partial, "application_id"),
            "grant",
            &partial_words,
            "--date",
            "2024-03-14",
            "--reason",
            "Udvalget bevilger halvdelen; resten søges hos fonde.",
        ])
        .run()
        .code(0);
    assert!(
        out.stdout
            .contains(&format!("partial grant {}", dkk(partial_amount))),
        "{}",
        out.stdout
    );

    // Against the recommendation: refused without a reason, recorded with one.
    let against = text(reserve, "application_id");
    let against_amount = 10_000;
    let ask = |reason: Option<&str>| {
        let mut args = vec!["decide", "2024-1", against, "grant", "10000"];
        args.extend(["--date", "2024-03-14"]);
        if let Some(reason) = reason {
            args.extend(["--reason", reason]);
        }
        reg.run(&args).run()
    };
    let refused = ask(None).code(2);
    assert!(refused.stderr.contains("reason"), "{}", refused.stderr);
    ask(Some("Startstøtte, skønt indstillingen er reserve.")).code(0);

    let granted_2024 = full_amount + partial_amount + against_amount;
    let show = reg.show("2024-1");
    let money = money_of(&show["money"], 2024);
    assert_eq!(number(&money, "budget"), year_budget);
    assert_eq!(number(&money, "granted"), granted_2024);
    assert_eq!(number(&money, "left"), year_budget - granted_2024);
    assert_eq!(number(&money, "recommended"), recommended);
    assert_eq!(number(&show, "recommended"), recommended);

    // The decisions as recorded: the abstention, the reason, the amount.
    let decided = |id: &str| {
        applications(&show)
            .into_iter()
            .find(|a| a["application_id"] == id)
            .unwrap()["decision"]
            .clone()
    };
    let d = decided(text(full, "application_id"));
    // Given, and Karen Vestergaard, who stood aside from MIS-2025-015's assessment.
    assert_eq!(
        d["abstained"],
        serde_json::json!(["Anders Lund", "Karen Vestergaard"])
    );
    assert_eq!(number(&d, "amount"), full_amount);
    assert_eq!(d["reason"], Value::Null);
    let d = decided(text(partial, "application_id"));
    assert_eq!(number(&d, "amount"), partial_amount);
    assert_eq!(
        d["reason"],
        "Udvalget bevilger halvdelen; resten søges hos fonde."
    );
    let d = decided(against);
    assert_eq!(number(&d, "amount"), against_amount);
    assert_eq!(d["recommendation"], "reserve");
    assert_eq!(show["history"].as_array().unwrap().len(), 3);

    // 2025: its own year and money; the 2024 decisions are not charged to it.
    reg.open("2025-1", MIS, "2025");
    reg.add("2025-1", &samples);
    reg.review("2025-1", &samples);
    let show25 = reg.show("2025-1");
    let budget_2025 = number(&show25["round"], "year_budget");
    let fund_2025 = first(&show25, "fund");
    let granted_2025 = number(&fund_2025, "requested");
    reg.decide(&[
        "2025-1",
        text(&fund_2025, "application_id"),
        "grant",
        "--date",
        "2025-03-13",
    ])
    .run()
    .code(0);
    let rejected = first(&show25, "reserve");
    reg.decide(&[
        "2025-1",
        text(&rejected, "application_id"),
        "reject",
        "--date",
        "2025-03-13",
    ])
    .run()
    .code(0);

    // A round closes only when every application has a decision.
    let out = reg.run(&["round", "close", "2024-1"]).run().code(2);
    assert!(
        out.stderr.contains("have no decision yet"),
        "{}",
        out.stderr
    );
    assert_eq!(
        reject_the_rest(&reg, "2024-1", "2024-03-14"),
        samples.len() - 3
    );
    assert_eq!(
        reject_the_rest(&reg, "2025-1", "2025-03-13"),
        samples.len() - 2
    );
    reg.run(&["round", "close", "2024-1"]).run().code(0);
    reg.run(&["round", "close", "2025-1"]).run().code(0);

    let list: Value = serde_json::from_str(&reg.list_text()).unwrap();
    let m24 = money_of(&list["money"], 2024);
    let m25 = money_of(&list["money"], 2025);
    assert_eq!(number(&m24, "granted"), granted_2024);
    assert_eq!(number(&m24, "left"), year_budget - granted_2024);
    assert_eq!(number(&m25, "budget"), budget_2025);
    assert_eq!(number(&m25, "granted"), granted_2025);
    assert_eq!(number(&m25, "left"), budget_2025 - granted_2025);
    let rounds = list["rounds"].as_array().unwrap();
    assert_eq!(rounds.len(), 2);
    for round in rounds {
        assert_eq!(round["state"], "closed", "{round}");
    }
    assert_eq!(number(&rounds[0], "granted"), granted_2024);
    assert_eq!(number(&rounds[1], "granted"), granted_2025);

    let out = reg.verify(0);
    let holds = format!(
        "The register holds: 2 rounds, {} applications, {} decisions.",
        2 * samples.len(),
        2 * samples.len()
    );
    assert!(out.stdout.contains(&holds), "{}", out.stdout);
}

#[test]
fn editing_the_pack_folder_afterwards_changes_nothing() {
    let reg = Reg::new();
    let pack = export_default_pack(reg.dir.path());
    reg.open("2024-1", pack.to_str().unwrap(), "2024");
    reg.add("2024-1", &sample_files());
    let before = reg.verify(0).stdout;
    let shown = reg.show_text("2024-1");

    // A script that no longer even parses, and another version in pack.toml.
    let script = crate::util::every_file(&pack)
        .into_iter()
        .map(|(name, _)| name)
        .find(|name| name.ends_with(".rhai"))
        .unwrap();
    std::fs::write(pack.join(&script), "this is not ( a script").unwrap();
    let manifest = std::fs::read_to_string(pack.join("pack.toml")).unwrap();
    let edited = manifest.replacen("version = \"", "version = \"9", 1);
    assert_ne!(edited, manifest);
    std::fs::write(pack.join("pack.toml"), edited).unwrap();

    assert_eq!(reg.verify(0).stdout, before);
    assert_eq!(reg.show_text("2024-1"), shown);
    // The round still adds under the pack it was opened with.
    let samples = sample_files();
    let out = reg.add("2024-1", &samples);
    let already = format!("0 stored, {} already there", samples.len());
    assert!(out.stderr.contains(&already), "{}", out.stderr);
}

#[test]
fn a_stored_assessment_changed_by_hand_fails_verify_naming_it() {
    let reg = Reg::new();
    reg.open("2024-1", MIS, "2024");
    reg.add("2024-1", &sample_files());
    let app = text(&applications(&reg.show("2024-1"))[0], "application_id").to_string();
    let stored = |conn: &rusqlite::Connection| -> String {
        conn.query_row(
            "SELECT assessment FROM application WHERE round_id = '2024-1' AND application_id = ?1",
            [&app],
            |r| r.get(0),
        )
        .unwrap()
    };

    let conn = reg.sql();
    let original = stored(&conn);
    let mut assessment: Value = serde_json::from_str(&original).unwrap();
    assessment["gates"][0]["reason"] = Value::from("Rettet i hånden.");
    let changed = serde_json::to_string(&assessment).unwrap();
    let update = || {
        conn.execute(
            "UPDATE application SET assessment = ?1 WHERE round_id = '2024-1' AND application_id = ?2",
            [&changed, &app],
        )
    };
    // A slip in an SQL tool: the register's trigger refuses it.
    assert!(update().is_err(), "the trigger refuses an UPDATE");
    assert_eq!(stored(&conn), original);
    reg.verify(0);

    // Deliberately, past the trigger: verify finds it and names it.
    conn.execute_batch("DROP TRIGGER application_kept").unwrap();
    assert_eq!(update().unwrap(), 1);
    let out = reg.verify(1);
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(
        all.contains(&format!(
            "round `2024-1`, application `{app}`: the stored assessment does not reproduce"
        )),
        "{all}"
    );
    assert!(all.contains("/gates/0/reason"), "{all}");
}

#[test]
fn a_pack_file_changed_by_hand_fails_verify_with_the_packs_fingerprint() {
    let reg = Reg::new();
    reg.open("2024-1", MIS, "2024");
    reg.add("2024-1", &sample_files());
    let fingerprint = reg.show("2024-1")["round"]["pack"]["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    let conn = reg.sql();
    let edit = "UPDATE pack_file SET content = content || '\n# rettet' WHERE round_id = '2024-1' AND path = 'pack.toml'";
    assert!(conn.execute(edit, []).is_err(), "the trigger refuses it");
    reg.verify(0);
    conn.execute_batch("DROP TRIGGER pack_file_kept").unwrap();
    assert_eq!(conn.execute(edit, []).unwrap(), 1);
    let out = reg.verify(1);
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(all.contains(&fingerprint), "{all}");
    assert!(all.contains("2024-1"), "{all}");
}

#[test]
fn a_command_killed_at_any_point_leaves_the_register_as_before() {
    let reg = Reg::new();
    let apps = reg.dir.path().join("apps.jsonl");
    generate(&apps, 10_000, 7);
    let apps = apps.to_str().unwrap().to_string();
    reg.open("big", MIS, "2024");

    // Stopped just before the commit, and halfway through the inserts.
    for point in ["commit-add", "storing"] {
        let out = reg
            .run(&["round", "add", "big", &apps])
            .env("KRITERIUM_TEST_STOP_AT", point)
            .run();
        assert_ne!(out.code, 0, "{point}: the run was stopped");
        assert_eq!(reg.count("big"), 0, "{point}");
        reg.verify(0);
    }

    // Killed for real, somewhere along the way: all or nothing.
    let mut child = spawn(&["round", "add", "big", &apps, "--register", reg.path()]);
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let _ = child.kill();
    child.wait().unwrap();
    let count = reg.count("big");
    assert!(count == 0 || count == 10_000, "{count} applications");
    reg.verify(0);

    let out = reg.add("big", std::slice::from_ref(&apps));
    assert!(
        out.stderr.contains("the round now has 10000 applications"),
        "{}",
        out.stderr
    );
    assert_eq!(reg.count("big"), 10_000);
}

#[test]
fn open_decide_and_close_killed_before_their_commit_change_nothing() {
    let reg = Reg::new();
    reg.open("2024-1", MIS, "2024");
    reg.add("2024-1", &sample_files());
    reg.review("2024-1", &sample_files());
    let id = text(&applications(&reg.show("2024-1"))[0], "application_id").to_string();
    let stopped = |point: &str, args: &[&str]| {
        let list = reg.list_text();
        let shown = reg.show_text("2024-1");
        let out = reg.run(args).env("KRITERIUM_TEST_STOP_AT", point).run();
        assert_ne!(out.code, 0, "{point}: the run was stopped");
        assert_eq!(reg.list_text(), list, "{point}");
        assert_eq!(reg.show_text("2024-1"), shown, "{point}");
        reg.verify(0);
    };
    stopped(
        "commit-open",
        &["round", "open", "2024-2", "--rules", MIS, "--year", "2024"],
    );
    stopped(
        "commit-decide",
        &["decide", "2024-1", &id, "grant", "--date", "2024-03-14"],
    );
    stopped("commit-close", &["round", "close", "2024-1"]);
    // The same commands not stopped do change it: the comparisons above could fail.
    reg.decide(&["2024-1", &id, "grant", "--date", "2024-03-14"])
        .run()
        .code(0);
    assert!(!reg.show("2024-1")["applications"][0]["decision"].is_null());
}

#[test]
fn two_writers_at_once_both_finish() {
    let reg = Reg::new();
    let mut files = Vec::new();
    for (round, seed) in [("a", 1), ("b", 2)] {
        reg.open(round, MIS, "2024");
        let file = reg.dir.path().join(format!("{round}.jsonl"));
        generate(&file, 2_000, seed);
        files.push(file.to_str().unwrap().to_string());
    }
    let children: Vec<_> = [("a", &files[0]), ("b", &files[1])]
        .into_iter()
        .map(|(round, file)| spawn(&["round", "add", round, file, "--register", reg.path()]))
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(reg.count("a"), 2_000);
    assert_eq!(reg.count("b"), 2_000);
    reg.verify(0);
}

#[test]
fn refused_decisions_and_adds_leave_the_register_unchanged() {
    let reg = Reg::new();
    reg.open("2024-1", MIS, "2024");
    reg.add("2024-1", &sample_files());
    reg.review("2024-1", &sample_files());
    let show = reg.show("2024-1");
    let apps = applications(&show);
    let fund_id = text(&first(&show, "fund"), "application_id").to_string();
    let year_budget = number(&show["round"], "year_budget");
    // Grants up to the year's budget, then one more than is left.
    let big = apps.iter().max_by_key(|a| number(a, "requested")).unwrap();
    let big_id = text(big, "application_id").to_string();
    let before = reg.show_text("2024-1");

    // Unknown round, with a near id.
    let out = reg.run(&["round", "show", "2024-2"]).run().code(2);
    assert!(
        out.stderr.contains("did you mean `2024-1`?"),
        "{}",
        out.stderr
    );
    let out = reg
        .decide(&["2024-2", &fund_id, "grant", "--date", "2024-03-14"])
        .run()
        .code(2);
    assert!(
        out.stderr.contains("did you mean `2024-1`?"),
        "{}",
        out.stderr
    );

    let refusals: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "decide",
                "2024-1",
                "MIS-0000-999",
                "grant",
                "--date",
                "2024-03-14",
            ],
            "MIS-0000-999",
        ),
        (
            vec![
                "decide",
                "2024-1",
                &big_id,
                "grant",
                "999999999",
                "--date",
                "2024-03-14",
                "--reason",
                "x",
            ],
            "no more than was requested",
        ),
        (
            vec![
                "decide",
                "2024-1",
                &fund_id,
                "reject",
                "--date",
                "2024-03-14",
            ],
            "--reason",
        ),
        (
            vec![
                "decide",
                "2024-1",
                &fund_id,
                "grant",
                "--date",
                "14-03-2024",
            ],
            "14-03-2024",
        ),
        (
            vec![
                "decide",
                "2024-1",
                &fund_id,
                "grant",
                "--date",
                "2024-02-30",
            ],
            "2024-02-30",
        ),
    ];
    for (args, says) in &refusals {
        let out = reg.run(args).run().code(2);
        assert!(out.stderr.contains(says), "{args:?}: {}", out.stderr);
        assert_eq!(reg.show_text("2024-1"), before, "{args:?}");
    }

    // More than the year has left: the message says how much is left.
    let mut granted = 0;
    let mut over = None;
    for app in &apps {
        let asked = number(app, "requested");
        if granted + asked <= year_budget {
            reg.decide(&[
                "2024-1",
                text(app, "application_id"),
                "grant",
                "--date",
                "2024-03-14",
                "--reason",
                "Udvalgets prioritering.",
            ])
            .run()
            .code(0);
            granted += asked;
        } else if over.is_none() {
            over = Some(app.clone());
        }
    }
    let over = over.unwrap_or_else(|| big.clone());
    let decided = reg.show_text("2024-1");
    let out = reg
        .decide(&[
            "2024-1",
            text(&over, "application_id"),
            "grant",
            "--date",
            "2024-03-14",
            "--reason",
            "Udvalgets prioritering.",
        ])
        .run()
        .code(2);
    assert!(
        out.stderr.contains(&format!(
            "2024 has only {} left",
            dkk(year_budget - granted)
        )),
        "{}",
        out.stderr
    );
    assert_eq!(reg.show_text("2024-1"), decided);

    // A closed round takes no decision and no application.
    reject_the_rest(&reg, "2024-1", "2024-03-14");
    reg.run(&["round", "close", "2024-1"]).run().code(0);
    let closed = reg.show_text("2024-1");
    let out = reg
        .decide(&["2024-1", &fund_id, "reject", "--date", "2024-03-14"])
        .run()
        .code(2);
    assert!(out.stderr.contains("was closed"), "{}", out.stderr);
    let out = reg
        .run(&["round", "add", "2024-1", &sample_files()[0]])
        .run()
        .code(2);
    assert!(out.stderr.contains("was closed"), "{}", out.stderr);
    assert_eq!(reg.show_text("2024-1"), closed);
    reg.verify(0);
}

#[test]
fn a_register_that_cannot_be_used_exits_3() {
    let dir = temp_dir();

    // A text file.
    let text_file = dir.path().join("notes.txt");
    std::fs::write(&text_file, "Referat af mødet 14. marts.\n".repeat(200)).unwrap();
    let out = kriterium(&["round", "list", "--register", text_file.to_str().unwrap()])
        .run()
        .code(3);
    assert!(out.stderr.contains("notes.txt"), "{}", out.stderr);

    // A register of a newer kriterium.
    let reg = Reg::new();
    reg.open("2024-1", MIS, "2024");
    reg.sql().pragma_update(None, "user_version", 99).unwrap();
    let out = reg.run(&["round", "list"]).run().code(3);
    assert!(out.stderr.contains("newer"), "{}", out.stderr);

    // No register at all: refused, and none is left behind.
    let missing = dir.path().join("missing.sqlite");
    let out = kriterium(&[
        "round",
        "show",
        "2024-1",
        "--register",
        missing.to_str().unwrap(),
    ])
    .run()
    .code(2);
    assert!(out.stderr.contains("no register"), "{}", out.stderr);
    assert!(!missing.exists());
}

#[test]
fn a_register_locked_by_another_writer_exits_3_unchanged() {
    let reg = Reg::new();
    reg.open("2024-1", MIS, "2024");
    reg.add("2024-1", &sample_files());
    reg.review("2024-1", &sample_files());
    let id = text(&applications(&reg.show("2024-1"))[0], "application_id").to_string();
    let before = reg.show_text("2024-1");
    let conn = reg.sql();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    let out = reg
        .decide(&["2024-1", &id, "grant", "--date", "2024-03-14"])
        .env("KRITERIUM_TEST_BUSY_MS", "200")
        .run()
        .code(3);
    assert!(
        out.stderr.contains("in use by another run"),
        "{}",
        out.stderr
    );
    conn.execute_batch("ROLLBACK").unwrap();
    assert_eq!(reg.show_text("2024-1"), before);
    // Once the other writer is done, the same decision is recorded.
    reg.decide(&["2024-1", &id, "grant", "--date", "2024-03-14"])
        .run()
        .code(0);
}

#[test]
fn the_same_application_twice_is_there_and_another_under_its_id_is_rejected() {
    let reg = Reg::new();
    reg.open("2024-1", MIS, "2024");
    let samples = sample_files();
    reg.add("2024-1", &samples);
    let out = reg.add("2024-1", &samples[..1]);
    assert!(
        out.stderr.contains("0 stored, 1 already there"),
        "{}",
        out.stderr
    );
    assert_eq!(reg.count("2024-1"), samples.len());

    // The first sample corrected, under the same id.
    let mut application: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(&samples[0])).unwrap()).unwrap();
    let id = text(&application, "id").to_string();
    let title = format!("{} (rettet)", text(&application, "title"));
    application["title"] = Value::from(title);
    let corrected = reg.dir.path().join("rettet.json");
    std::fs::write(&corrected, serde_json::to_string(&application).unwrap()).unwrap();
    let before = reg.show_text("2024-1");
    let out = reg
        .run(&["round", "add", "2024-1", corrected.to_str().unwrap()])
        .run()
        .code(1);
    assert!(
        out.stderr.contains(&format!(
            "another application with the id `{id}` already (from {}",
            samples[0]
        )),
        "{}",
        out.stderr
    );
    assert_eq!(reg.show_text("2024-1"), before);
}

#[test]
fn an_exported_round_is_what_batch_writes_with_the_decisions_beside() {
    let reg = Reg::new();
    reg.open("2024-1", MIS, "2024");
    let samples = sample_files();
    reg.add("2024-1", &samples);
    reg.review("2024-1", &samples);
    let show = reg.show("2024-1");
    let fund = first(&show, "fund");
    let id = text(&fund, "application_id").to_string();
    reg.decide(&[
        "2024-1",
        &id,
        "grant",
        "--date",
        "2024-03-14",
        "--abstained",
        "Anders Lund",
    ])
    .run()
    .code(0);

    let out = reg.dir.path().join("export");
    reg.run(&["round", "export", "2024-1", "--out", out.to_str().unwrap()])
        .run()
        .code(0);
    for file in [
        "decisions.jsonl",
        "ranking.csv",
        "summary.json",
        "group-decisions.jsonl",
    ] {
        assert!(out.join(file).is_file(), "{file}");
    }
    let group = std::fs::read_to_string(out.join("group-decisions.jsonl")).unwrap();
    let lines: Vec<Value> = group
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{group}");
    assert_eq!(lines[0]["application_id"], id.as_str());
    assert_eq!(lines[0]["outcome"], "grant");
    assert_eq!(number(&lines[0], "amount"), number(&fund, "requested"));
    assert_eq!(lines[0]["decided_on"], "2024-03-14");
    assert_eq!(
        lines[0]["abstained"],
        serde_json::json!(["Anders Lund", "Karen Vestergaard"])
    );
    assert!(lines[0]["assessment_digest"].is_string(), "{group}");

    // The same applications through `batch`, with the round's budget and year.
    let batch = reg.dir.path().join("batch");
    let budget = number(&show["round"], "budget").to_string();
    let year = number(&show["round"], "year").to_string();
    let mut args = vec!["batch"];
    args.extend(samples.iter().map(String::as_str));
    args.extend([
        "--reviews",
        crate::util::SAMPLE_REVIEWS,
        "--rules",
        MIS,
        "--budget",
        &budget,
        "--year",
        &year,
        "--reports",
        "none",
        "--out",
        batch.to_str().unwrap(),
    ]);
    kriterium(&args).run().code(0);
    for file in ["decisions.jsonl", "ranking.csv", "summary.json"] {
        assert_eq!(
            std::fs::read_to_string(out.join(file)).unwrap(),
            std::fs::read_to_string(batch.join(file)).unwrap(),
            "{file}"
        );
    }
}

#[test]
fn the_same_decision_again_records_nothing_and_a_changed_one_keeps_the_first() {
    let reg = Reg::new();
    reg.open("R", "made-in-sonderjylland", "2025");
    let file = root()
        .join("samples/made-in-sonderjylland/01-ungdomssymfoniorkester.json")
        .display()
        .to_string();
    reg.add("R", std::slice::from_ref(&file));
    reg.review("R", std::slice::from_ref(&file));
    let history = |reg: &Reg| reg.show("R")["history"].as_array().unwrap().len();
    reg.decide(&["R", "MIS-2025-001", "grant", "--date", "2025-03-01"])
        .run()
        .code(0);
    let again = reg
        .decide(&["R", "MIS-2025-001", "grant", "--date", "2025-03-01"])
        .run()
        .code(0);
    assert!(
        again.stdout.contains("nothing was changed"),
        "{}",
        again.stdout
    );
    assert_eq!(history(&reg), 1);
    reg.decide(&[
        "R",
        "MIS-2025-001",
        "grant",
        "100.000",
        "--date",
        "2025-03-01",
        "--reason",
        "Transport is budgeted too high",
    ])
    .run()
    .code(0);
    assert_eq!(
        history(&reg),
        2,
        "the first decision is kept beside the new one"
    );
}

#[test]
fn a_decision_dated_far_from_its_rounds_year_is_refused_unchanged() {
    let reg = Reg::new();
    reg.open("R", "made-in-sonderjylland", "2025");
    let file = root()
        .join("samples/made-in-sonderjylland/01-ungdomssymfoniorkester.json")
        .display()
        .to_string();
    reg.add("R", std::slice::from_ref(&file));
    reg.review("R", std::slice::from_ref(&file));
    let before = reg.show_text("R");
    let out = reg
        .decide(&["R", "MIS-2025-001", "grant", "--date", "2052-03-01"])
        .run()
        .code(2);
    assert!(out.stderr.contains("more than a year"), "{}", out.stderr);
    assert_eq!(reg.show_text("R"), before);
    // The year before and after are meetings about the round.
    reg.decide(&["R", "MIS-2025-001", "grant", "--date", "2024-12-10"])
        .run()
        .code(0);
}
