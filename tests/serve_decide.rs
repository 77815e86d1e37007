//! Deciding in the web app (issue 19): a decision recorded through `kriterium serve` is the one
//! `decide` records; a departure needs its reason; two pages loaded over the same decision
//! cannot both record (no lost update); a closed round takes no decision and no reviews; a form
//! without its token is refused; the letter downloads as the `letters` command makes it;
//! uploaded review sheets are entered as `reviews add` enters them. The real binary, real HTTP.

use std::path::PathBuf;

use serde_json::Value;

use crate::serve_util::{Server, element_text};
use crate::util::{kriterium, root, temp_dir};

const ROUND: &str = "2024-1";
const SHEETS: &str = "samples/reviews/made-in-sonderjylland/runder/runde-01-06";

/// A register with round 2024-1 of the first six samples, the sample panel, and the review
/// sheets of `reviewers` (file names in [`SHEETS`]) entered by the command line.
struct Reg {
    _dir: tempfile::TempDir,
    file: PathBuf,
}

impl Reg {
    fn new(reviewers: &[&str]) -> Reg {
        let dir = temp_dir();
        let file = dir.path().join("r.sqlite");
        let reg = Reg { _dir: dir, file };
        reg.cli(&[
            "round",
            "open",
            ROUND,
            "--rules",
            "made-in-sonderjylland",
            "--year",
            "2024",
        ])
        .code(0);
        let mut add = vec!["round".to_string(), "add".to_string(), ROUND.to_string()];
        add.extend(samples());
        reg.cli(&add.iter().map(String::as_str).collect::<Vec<_>>())
            .code(0);
        reg.cli(&[
            "panel",
            "set",
            "samples/reviews/made-in-sonderjylland/panel.toml",
        ])
        .code(0);
        if !reviewers.is_empty() {
            let sheets: Vec<String> = reviewers.iter().map(|r| format!("{SHEETS}/{r}")).collect();
            let mut args = vec!["reviews", "add", ROUND];
            args.extend(sheets.iter().map(String::as_str));
            reg.cli(&args).code(0);
        }
        reg
    }

    fn cli(&self, args: &[&str]) -> crate::util::Output {
        let mut all = args.to_vec();
        all.extend(["--register", self.file.to_str().unwrap()]);
        kriterium(&all).run()
    }

    /// `round show 2024-1 --format json`.
    fn show(&self) -> Value {
        let out = self
            .cli(&["round", "show", ROUND, "--format", "json"])
            .code(0);
        serde_json::from_str(&out.stdout).unwrap()
    }

    /// The current decision on `id` as `round show` has it, without when and by whom it was
    /// recorded (which two registers cannot share).
    fn decision(&self, id: &str) -> Value {
        let show = self.show();
        let app = show["applications"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["application_id"] == id)
            .unwrap()
            .clone();
        let mut decision = app["decision"].clone();
        if let Some(d) = decision.as_object_mut() {
            d.remove("recorded_at");
            d.remove("recorded_by");
        }
        decision
    }

    /// How many decisions the round's history holds.
    fn history(&self) -> usize {
        self.show()["history"].as_array().map_or(0, Vec::len)
    }

    fn serve(&self) -> Server {
        Server::start(&self.file)
    }
}

/// The first six samples of Made in Sønderjylland, as the README's tour adds them.
fn samples() -> Vec<String> {
    let dir = root().join("samples/made-in-sonderjylland");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && ("01".."07").contains(&&n[..2]))
        .map(|n| format!("samples/made-in-sonderjylland/{n}"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 6, "{files:?}");
    files
}

fn page(id: &str) -> String {
    format!("/rounds/{ROUND}/applications/{id}")
}

/// The value of the hidden field `expected` on `html`.
fn expected(html: &str) -> String {
    let at = html
        .find("name=\"expected\" value=\"")
        .expect("the form has `expected`")
        + "name=\"expected\" value=\"".len();
    html[at..at + html[at..].find('"').unwrap()].to_string()
}

#[test]
fn a_decision_recorded_in_the_app_is_the_one_decide_records_and_says_the_same() {
    let every = ["karen-vestergaard.csv", "lene-bach.csv", "ole-kragh.csv"];
    let app = Reg::new(&every);
    let cli = Reg::new(&every);
    let server = app.serve();
    let first = server.get(&page("MIS-2025-001"));
    assert_eq!(first.status, 200);
    let html = first.text();
    for id in [
        "decide",
        "outcome-grant",
        "outcome-partial",
        "outcome-reject",
        "amount",
        "date",
        "reason",
        "record",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "#{id} missing");
    }
    assert_eq!(expected(&html), "none");
    // The member with a conflict of interest is ticked as standing aside.
    assert!(html.contains("value=\"Karen Vestergaard\" checked"));
    // No letter before a decision: the page says why.
    assert!(!html.contains("id=\"letter-pdf\""));
    let csrf = server.csrf();
    let answer = server.post_form(
        &format!("{}/decision", page("MIS-2025-001")),
        &[
            ("csrf", &csrf),
            ("expected", "none"),
            ("outcome", "grant"),
            ("date", "2024-03-14"),
            ("reason", ""),
            ("abstained", "Karen Vestergaard"),
        ],
    );
    assert_eq!(answer.status, 303, "{}", answer.text());
    let location = answer.header("location").unwrap().to_string();
    let said = cli
        .cli(&[
            "decide",
            ROUND,
            "MIS-2025-001",
            "grant",
            "--date",
            "2024-03-14",
            "--abstained",
            "Karen Vestergaard",
        ])
        .code(0)
        .stdout;
    assert_eq!(app.decision("MIS-2025-001"), cli.decision("MIS-2025-001"));
    assert!(app.decision("MIS-2025-001")["outcome"] == "grant");
    // The page it answers with confirms in decide's own sentences.
    let confirmed = server.get(&location).text();
    assert_eq!(
        element_text(&confirmed, "recorded").unwrap(),
        said.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    assert!(confirmed.contains("role=\"status\""));

    // The letter downloads as the letters command names it.
    assert!(confirmed.contains("id=\"letter-pdf\""));
    let pdf = server.get(&format!("{}/letter.pdf", page("MIS-2025-001")));
    assert_eq!(pdf.status, 200);
    assert!(pdf.bytes.starts_with(b"%PDF"));
    let disposition = pdf.header("content-disposition").unwrap();
    assert!(
        disposition.starts_with("attachment;")
            && disposition.contains(&format!("filename=\"{ROUND}-MIS-2025-001.pdf\"")),
        "{disposition}"
    );
    let letter = server.get(&format!("{}/letter.html", page("MIS-2025-001")));
    assert_eq!(letter.status, 200);
    assert!(letter.text().contains("<html"));
    // No decision, no letter: said, not made.
    let none = server.get(&format!("{}/letter.pdf", page("MIS-2025-003")));
    assert_eq!(none.status, 409);
    assert!(!none.bytes.starts_with(b"%PDF"));

    // A departure without a reason is refused with the register's sentence, the form kept.
    let before = app.history();
    let partial = [
        ("csrf", csrf.as_str()),
        ("expected", "none"),
        ("outcome", "partial"),
        ("amount", "50.000"),
        ("date", "2024-03-14"),
        ("reason", ""),
    ];
    let refused = server.post_form(&format!("{}/decision", page("MIS-2025-002")), &partial);
    assert_eq!(refused.status, 409);
    let text = refused.text();
    let refusal = element_text(&text, "refusal").unwrap();
    assert!(refusal.contains("needs a reason"), "{refusal}");
    assert!(refusal.contains("The register is unchanged."), "{refusal}");
    assert!(text.contains("role=\"alert\""));
    assert!(text.contains("id=\"amount\" value=\"50.000\""));
    assert_eq!(app.history(), before);
    assert_eq!(app.decision("MIS-2025-002"), Value::Null);

    // Missing its form token: 403, nothing recorded.
    let mut without: Vec<(&str, &str)> = partial[1..].to_vec();
    without.push(("reason", "x"));
    let forbidden = server.post_form(&format!("{}/decision", page("MIS-2025-002")), &without);
    assert_eq!(forbidden.status, 403);
    assert_eq!(app.history(), before);

    // Unknown application or round: 404 in words.
    let missing = server.get(&page("MIS-2025-999"));
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("MIS-2025-999"));
    assert_eq!(
        server
            .get("/rounds/1999-9/applications/MIS-2025-001")
            .status,
        404
    );
}

#[test]
fn two_pages_loaded_over_the_same_decision_cannot_both_record_it() {
    let reg = Reg::new(&["karen-vestergaard.csv", "lene-bach.csv", "ole-kragh.csv"]);
    let server = reg.serve();
    // Two tabs open the page while MIS-2025-003 has no decision.
    let tab1 = server.get(&page("MIS-2025-003")).text();
    let tab2 = server.get(&page("MIS-2025-003")).text();
    assert_eq!(expected(&tab1), "none");
    assert_eq!(expected(&tab2), "none");
    let csrf = server.csrf();
    let address = format!("{}/decision", page("MIS-2025-003"));
    let first = server.post_form(
        &address,
        &[
            ("csrf", &csrf),
            ("expected", &expected(&tab1)),
            ("outcome", "reject"),
            ("date", "2024-03-14"),
        ],
    );
    assert_eq!(first.status, 303, "{}", first.text());
    let second = server.post_form(
        &address,
        &[
            ("csrf", &csrf),
            ("expected", &expected(&tab2)),
            ("outcome", "partial"),
            ("amount", "40000"),
            ("date", "2024-03-14"),
            ("reason", "Vi vil gerne støtte en del"),
        ],
    );
    assert_eq!(second.status, 409);
    let refusal = element_text(&second.text(), "refusal").unwrap();
    assert!(
        refusal.contains("was changed since you opened the page")
            && refusal.contains("reload the page"),
        "{refusal}"
    );
    // The register holds the first decision only.
    assert_eq!(reg.history(), 1);
    assert_eq!(reg.decision("MIS-2025-003")["outcome"], "reject");
    // Reloaded, the page carries the decision it now shows, and a change over it is recorded.
    let reloaded = server.get(&page("MIS-2025-003")).text();
    assert_ne!(expected(&reloaded), "none");
    let third = server.post_form(
        &address,
        &[
            ("csrf", &csrf),
            ("expected", &expected(&reloaded)),
            ("outcome", "partial"),
            ("amount", "40000"),
            ("date", "2024-03-14"),
            ("reason", "Vi vil gerne støtte en del"),
        ],
    );
    assert_eq!(third.status, 303, "{}", third.text());
    assert_eq!(reg.history(), 2);
    assert_eq!(reg.decision("MIS-2025-003")["amount"], 40000);
}

#[test]
fn a_closed_round_is_read_only_in_the_app() {
    let reg = Reg::new(&["karen-vestergaard.csv", "lene-bach.csv", "ole-kragh.csv"]);
    for id in [
        "MIS-2025-001",
        "MIS-2025-002",
        "MIS-2025-003",
        "MIS-2025-004",
        "MIS-2025-005",
        "MIS-2025-006",
    ] {
        let outcome = if id == "MIS-2025-001" {
            "grant"
        } else {
            "reject"
        };
        reg.cli(&["decide", ROUND, id, outcome, "--date", "2024-03-14"])
            .code(0);
    }
    reg.cli(&["round", "close", ROUND]).code(0);
    let before = reg.show();
    let server = reg.serve();
    let html = server.get(&page("MIS-2025-002")).text();
    assert!(
        !html.contains("id=\"decide\""),
        "a closed round shows no form"
    );
    assert!(html.contains("id=\"closed\""));
    let csrf = server.csrf();
    // Decided second, so its decision is the register's second: the current one, as a page
    // loaded before the round closed would carry it.
    let expected = "2".to_string();
    let answer = server.post_form(
        &format!("{}/decision", page("MIS-2025-002")),
        &[
            ("csrf", &csrf),
            ("expected", &expected),
            ("outcome", "partial"),
            ("amount", "50000"),
            ("date", "2024-03-14"),
            ("reason", "Alligevel"),
        ],
    );
    assert_eq!(answer.status, 409);
    let refusal = element_text(&answer.text(), "refusal").unwrap();
    assert!(refusal.contains("closed"), "{refusal}");
    let reviews = server.get(&format!("/rounds/{ROUND}/reviews")).text();
    assert!(!reviews.contains("id=\"reviews-upload\""));
    let sheet = std::fs::read(root().join(SHEETS).join("lene-bach.csv")).unwrap();
    let upload = server.post_multipart(
        &format!("/rounds/{ROUND}/reviews"),
        &[("csrf", &csrf), ("replace", "1")],
        &[("sheet", "lene-bach.csv", &sheet)],
    );
    assert_eq!(upload.status, 409);
    assert!(
        element_text(&upload.text(), "refusal")
            .unwrap()
            .contains("closed")
    );
    assert_eq!(reg.show(), before);
}

#[test]
fn review_sheets_uploaded_are_entered_as_reviews_add_enters_them() {
    let app = Reg::new(&["lene-bach.csv", "ole-kragh.csv"]);
    let cli = Reg::new(&["lene-bach.csv", "ole-kragh.csv", "karen-vestergaard.csv"]);
    let server = app.serve();
    let page = server.get(&format!("/rounds/{ROUND}/reviews"));
    assert_eq!(page.status, 200);
    assert!(page.text().contains("id=\"reviews-upload\""));
    // The sheet to fill in, as `reviews template` makes it (an XLSX file is a zip).
    let sheet_to_fill = server.get(&format!("/rounds/{ROUND}/reviews/template.xlsx"));
    assert_eq!(sheet_to_fill.status, 200);
    assert!(sheet_to_fill.bytes.starts_with(b"PK"));
    assert!(
        sheet_to_fill
            .header("content-disposition")
            .unwrap()
            .contains("reviews-2024-1.xlsx")
    );
    let csrf = server.csrf();
    let sheet = std::fs::read(root().join(SHEETS).join("karen-vestergaard.csv")).unwrap();
    // A sheet with a mistake is refused, each mistake named with its file and row.
    let broken = String::from_utf8(sheet.clone()).unwrap().replacen(
        ";drift-efter-tilskud;3;",
        ";drift-efter-tilskud;tre;",
        1,
    );
    assert_ne!(broken.as_bytes(), sheet.as_slice());
    let refused = server.post_multipart(
        &format!("/rounds/{ROUND}/reviews"),
        &[("csrf", &csrf)],
        &[("sheet", "karen.csv", broken.as_bytes())],
    );
    assert_eq!(refused.status, 409, "{}", refused.text());
    let mistakes = element_text(&refused.text(), "mistakes").unwrap();
    assert!(mistakes.contains("karen.csv"), "{mistakes}");
    // Without its token: refused, nothing entered.
    let forbidden = server.post_multipart(
        &format!("/rounds/{ROUND}/reviews"),
        &[],
        &[("sheet", "karen-vestergaard.csv", &sheet)],
    );
    assert_eq!(forbidden.status, 403);
    let entered = server.post_multipart(
        &format!("/rounds/{ROUND}/reviews"),
        &[("csrf", &csrf)],
        &[("sheet", "karen-vestergaard.csv", &sheet)],
    );
    assert_eq!(entered.status, 200, "{}", entered.text());
    let said = element_text(&entered.text(), "entered").unwrap();
    assert!(said.contains("Karen Vestergaard"), "{said}");
    let show = |reg: &Reg| {
        reg.cli(&["reviews", "show", ROUND, "--format", "json"])
            .code(0)
            .stdout
    };
    assert_eq!(show(&app), show(&cli));
    assert_eq!(
        serde_json::to_string(&app.show()["applications"]).unwrap(),
        serde_json::to_string(&cli.show()["applications"]).unwrap()
    );
}

/// Amounts are read as the command line reads them (the engine's `amount::parse`): a grant
/// with an amount is `decide … grant AMOUNT`, an amount with a decimal point or øre is refused,
/// never read with its dots dropped; a reason's line breaks become spaces (the register keeps
/// a reason as one line). The new tester found all three.
#[test]
fn amounts_and_reasons_are_read_as_the_command_line_reads_them() {
    let every = ["karen-vestergaard.csv", "lene-bach.csv", "ole-kragh.csv"];
    let app = Reg::new(&every);
    let server = app.serve();
    let csrf = server.csrf();
    let post = |outcome: &str, amount: &str, reason: &str| {
        server.post_form(
            &format!("{}/decision", page("MIS-2025-002")),
            &[
                ("csrf", csrf.as_str()),
                ("expected", "none"),
                ("outcome", outcome),
                ("amount", amount),
                ("date", "2024-03-14"),
                ("reason", reason),
            ],
        )
    };
    // `12.5` and `1000.0` are not whole kroner: refused, not read as 125 or 10.000 kr.
    for amount in ["12.5", "1000.0", "1.0.0.0"] {
        let refused = post("partial", amount, "Et første år");
        assert_eq!(refused.status, 409, "{amount}: {}", refused.text());
        let refusal = element_text(&refused.text(), "refusal").unwrap();
        assert!(refusal.contains(amount), "{refusal}");
        assert_eq!(app.decision("MIS-2025-002"), Value::Null, "{amount}");
    }
    // A grant with an amount grants that amount, as `decide … grant 50.000` does; the reason's
    // line break is a space in the register.
    let recorded = post("grant", "50.000", "Talentlinjen støttes\r\ni et første år");
    assert_eq!(recorded.status, 303, "{}", recorded.text());
    let decision = app.decision("MIS-2025-002");
    assert_eq!(decision["amount"], 50_000, "{decision}");
    assert_eq!(
        decision["reason"], "Talentlinjen støttes i et første år",
        "{decision}"
    );
}
