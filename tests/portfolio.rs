//! Portfolio goals, the funding rule and the best package (issue 18) as the binary shows them:
//! a batch's `summary.json`, `portfolio.md` and overview; the rule recorded in every decision;
//! `round show` counting earlier rounds of the programme period; `sensitivity` weighing the
//! package. The arithmetic (each rule by hand, the package against brute force) is tested in
//! the engine (`ranking.rs`, `package.rs`, `portfolio/report.rs`).

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{decisions, edited_pack, kriterium, temp_dir};

const SAMPLES: &str = "samples/made-in-sonderjylland";
const REVIEWS: &str = "samples/reviews/made-in-sonderjylland";

/// `kriterium batch ARGS --out DIR` in a new temporary folder, which must succeed: the folder
/// (kept while it lives) and `DIR`.
fn batch(args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = temp_dir();
    let out = dir.path().join("out");
    let mut all = vec!["batch"];
    all.extend(args);
    all.extend(["--out", out.to_str().unwrap()]);
    kriterium(&all).run().code(0);
    (dir, out)
}

fn summary(out: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap()
}

/// The goal with id `id` of a portfolio report.
fn goal<'a>(portfolio: &'a Value, id: &str) -> &'a Value {
    portfolio["goals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == id)
        .unwrap_or_else(|| panic!("no goal {id} in {portfolio}"))
}

#[test]
fn a_batch_shows_each_goal_under_the_line_and_under_the_best_package() {
    let (_dir, out) = batch(&[SAMPLES, "--reviews", REVIEWS]);
    let portfolio = &summary(&out)["portfolio"];
    assert_eq!(portfolio["funding_rule"], "skip");
    // The line funds culture initiatives only; the package funds one with both focuses.
    let both = goal(portfolio, "idraet-og-kultur");
    assert_eq!(both["line"]["met"], false, "{both}");
    assert_eq!(both["package"]["met"], true, "{both}");
    assert!(
        !both["would_meet"].as_array().unwrap().is_empty(),
        "applications with both focuses wait below the line: {both}"
    );
    let package = &portfolio["package"];
    assert_eq!(package["status"], "found");
    assert_eq!(package["optimal"], true);
    assert!(
        package["buys"]
            .as_array()
            .unwrap()
            .contains(&Value::from("idraet-og-kultur")),
        "{package}"
    );
    // The goals cost points against the best package without them, and the package stays
    // within the budget.
    let cost: f64 = package["goals_cost"].to_string().parse().unwrap();
    assert!(cost > 0.0, "{package}");
    assert!(package["selection"]["used"].as_u64().unwrap() <= portfolio_budget(&out));
    // A goal no sample can meet is said, not dropped.
    assert_eq!(
        package["unreachable"][0]["goal"], "drift-i-2026",
        "{package}"
    );
    // Every decision of the batch records the rule.
    for decision in decisions(&out) {
        assert_eq!(decision["batch"]["funding_rule"], "skip", "{decision}");
    }
    // The pages and the overview's section.
    let page = std::fs::read_to_string(out.join("portfolio.md")).unwrap();
    assert!(
        page.contains("| Min. én indsats med både idrætsligt og kulturelt fokus | ikke opfyldt (0 af 1) | ikke opfyldt (0 af 1) | ✓ opfyldt (1 af 1) |"),
        "{page}"
    );
    assert!(out.join("portfolio.html").is_file());
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index.contains("<section id=\"portfolio\">"),
        "no portfolio section"
    );
    assert!(
        index.contains("href=\"portfolio.html\""),
        "no link to the page"
    );
}

fn portfolio_budget(out: &Path) -> u64 {
    summary(out)["budget"].as_u64().unwrap()
}

#[test]
fn a_batch_without_reports_writes_no_portfolio_page_but_keeps_it_in_the_summary() {
    let (_dir, out) = batch(&[SAMPLES, "--reviews", REVIEWS, "--reports", "none"]);
    assert!(!out.join("portfolio.html").exists());
    assert!(!out.join("portfolio.md").exists());
    assert_eq!(
        summary(&out)["portfolio"]["goals"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
}

#[test]
fn a_pack_without_goals_under_skip_writes_no_portfolio() {
    let (_dir, out) = batch(&[
        "--rules",
        "kulturmetropolen-musik",
        "samples/kulturmetropolen-musik",
    ]);
    assert!(summary(&out).get("portfolio").is_none());
    assert!(!out.join("portfolio.html").exists());
    for decision in decisions(&out) {
        assert_eq!(decision["batch"]["funding_rule"], "skip");
    }
}

/// The batch's decisions under the default pack with its `[funding] rule` set to `rule` (and
/// `extra` lines added to the table), at `budget`: (id, recommendation, granted) in rank order.
fn funded_under(rule: &str, extra: &str, budget: &str) -> Vec<(String, String, u64)> {
    let pack = edited_pack("pack.toml", |text| {
        text.replace(
            "[funding]\nrule = \"skip\"",
            &format!("[funding]\nrule = \"{rule}\"\n{extra}"),
        )
    });
    let out = pack.path().join("out");
    let rules = pack.path().join("pack");
    kriterium(&[
        "batch",
        "--rules",
        rules.to_str().unwrap(),
        SAMPLES,
        "--reviews",
        REVIEWS,
        "--budget",
        budget,
        "--out",
        out.to_str().unwrap(),
    ])
    .run()
    .code(0);
    decisions(&out)
        .iter()
        .filter(|d| d["rank"].is_u64())
        .map(|d| {
            assert_eq!(d["batch"]["funding_rule"], rule, "{d}");
            (
                d["application_id"].as_str().unwrap().to_string(),
                d["recommendation"].as_str().unwrap().to_string(),
                d["granted"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_pack_s_funding_rule_draws_the_line_and_every_decision_records_it() {
    // 400.000 kr.: the line funds 015 and 001 (150.000 kr. each); 002 asks 180.000 kr. with
    // 100.000 kr. left. `skip` goes on to 005 (70.000 kr.); `strict` stops at 002; `partial`
    // with a least share of one half offers 002 the 100.000 kr. left (≥ 90.000 kr.).
    let skip = funded_under("skip", "", "400000");
    let strict = funded_under("strict", "", "400000");
    let partial = funded_under("partial", "partial_min_share = 0.5", "400000");
    let fund = |rows: &[(String, String, u64)]| -> Vec<(String, u64)> {
        rows.iter()
            .filter(|(_, r, _)| r == "fund")
            .map(|(id, _, kr)| (id.clone(), *kr))
            .collect()
    };
    assert_eq!(fund(&skip)[..2], fund(&strict)[..]);
    assert!(
        fund(&skip).len() > fund(&strict).len(),
        "{skip:?} {strict:?}"
    );
    assert_eq!(skip[2].0, "MIS-2025-002");
    assert_eq!(skip[2].1, "reserve");
    assert_eq!(
        partial[2],
        ("MIS-2025-002".to_string(), "fund".to_string(), 100_000)
    );
    // After the partial grant nothing is left: everything below is on the reserve list.
    assert!(
        partial[3..]
            .iter()
            .all(|(_, r, kr)| r == "reserve" && *kr == 0)
    );
}

#[test]
fn under_optimal_the_package_is_the_proposal_and_meets_the_goal_the_line_leaves_unmet() {
    let rows = funded_under("optimal", "", "400000");
    let funded: Vec<&str> = rows
        .iter()
        .filter(|(_, r, _)| r == "fund")
        .map(|(id, _, _)| id.as_str())
        .collect();
    // MIS-2025-003 has both a sport and a culture focus; the walk does not reach it.
    assert!(funded.contains(&"MIS-2025-003"), "{rows:?}");
    let spent: u64 = rows.iter().map(|(_, _, kr)| kr).sum();
    assert!(spent <= 400_000);
}

#[test]
fn round_show_counts_the_grants_of_earlier_rounds_in_the_period() {
    let dir = temp_dir();
    let register = dir.path().join("r.sqlite");
    let reg = register.to_str().unwrap();
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--register", reg]);
        kriterium(&all).run()
    };
    let reviews = crate::util::sample_reviews_for(&[format!("{SAMPLES}/03-krop-og-rytme.json")]);
    run(&[
        "round",
        "open",
        "2024-1",
        "--rules",
        "made-in-sonderjylland",
        "--year",
        "2024",
    ])
    .code(0);
    run(&[
        "round",
        "add",
        "2024-1",
        &format!("{SAMPLES}/03-krop-og-rytme.json"),
    ])
    .code(0);
    run(&[
        "panel",
        "set",
        reviews.path().join("panel.toml").to_str().unwrap(),
    ])
    .code(0);
    run(&["reviews", "add", "2024-1", reviews.path().to_str().unwrap()]).code(0);
    run(&[
        "decide",
        "2024-1",
        "MIS-2025-003",
        "grant",
        "--date",
        "2024-03-14",
    ])
    .code(0);
    run(&[
        "round",
        "open",
        "2025-1",
        "--rules",
        "made-in-sonderjylland",
        "--year",
        "2025",
    ])
    .code(0);
    run(&[
        "round",
        "add",
        "2025-1",
        &format!("{SAMPLES}/01-ungdomssymfoniorkester.json"),
    ])
    .code(0);
    let show = run(&["round", "show", "2025-1", "--format", "json"])
        .code(0)
        .stdout;
    let show: Value = serde_json::from_str(&show).unwrap();
    let portfolio = &show["portfolio"];
    assert_eq!(
        portfolio["earlier"][0]["application_id"], "MIS-2025-003",
        "{portfolio}"
    );
    assert_eq!(portfolio["earlier"][0]["round"], "2024-1");
    // The earlier grant has both focuses: the goal is met before this round.
    let both = goal(portfolio, "idraet-og-kultur");
    assert_eq!(both["before"]["met"], true, "{both}");
    assert_eq!(both["before"]["by"][0], "MIS-2025-003");
    // The first round sees no earlier grant.
    let first = run(&["round", "show", "2024-1", "--format", "json"])
        .code(0)
        .stdout;
    let first: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(first["portfolio"]["earlier"], Value::Array(Vec::new()));
    // And the text says so in words.
    let text = run(&["round", "show", "2025-1"]).code(0).stdout;
    assert!(text.contains("MIS-2025-003"), "{text}");
}

#[test]
fn sensitivity_weighs_the_best_package_under_each_weight_plus_and_minus_ten_percent() {
    let out = kriterium(&[
        "sensitivity",
        SAMPLES,
        "--reviews",
        REVIEWS,
        "--format",
        "json",
    ])
    .run()
    .code(0)
    .stdout;
    let result: Value = serde_json::from_str(&out).unwrap();
    let package = &result["package"];
    // Six criteria, each weight 10 % down and up.
    assert_eq!(package["tried"], 12, "{package}");
    assert_eq!(package["failed"], Value::Null);
    for change in package["changes"].as_array().unwrap() {
        let percent: f64 = change["change"]["percent"].to_string().parse().unwrap();
        assert!(percent.abs() <= 10.0, "{change}");
    }
}

#[test]
fn diff_shows_what_a_change_of_funding_rule_alone_moves() {
    // Only `[funding] rule` changes, skip → strict: the line stops at MIS-2025-002 (180.000 kr.
    // with 100.000 kr. left), so MIS-2025-005 (70.000 kr.) is no longer funded.
    let pack = edited_pack("pack.toml", |text| {
        text.replace("[funding]\nrule = \"skip\"", "[funding]\nrule = \"strict\"")
    });
    let new = pack.path().join("pack");
    let out = kriterium(&[
        "diff",
        "--old",
        "made-in-sonderjylland",
        "--new",
        new.to_str().unwrap(),
        SAMPLES,
        "--reviews",
        REVIEWS,
        "--format",
        "json",
    ])
    .run()
    .code(0)
    .stdout;
    let diff: Value = serde_json::from_str(&out).unwrap();
    let used = &diff["summary"]["budget_used"];
    assert_eq!(
        (used["old"].as_u64(), used["new"].as_u64()),
        (Some(370_000), Some(300_000)),
        "{used}"
    );
    assert_eq!(
        diff["summary"]["no_longer_funded"], 1,
        "{}",
        diff["summary"]
    );
}
