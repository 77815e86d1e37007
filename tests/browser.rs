//! The batch overview and a report in a real browser (headless Chromium): the page loads with no
//! console errors, the table has one row per application, and clicking a column heading
//! re-sorts it. `.ci/run` installs Debian's `chromium`; elsewhere the test says it is skipped
//! when there is no browser, unless `KRITERIUM_REQUIRE_BROWSER` is set.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{kriterium, temp_dir};

/// Captures uncaught errors and `console.error` before the page's own script runs.
const CAPTURE_ERRORS: &str = "<script>window.__errors=[];\
window.addEventListener('error',function(e){window.__errors.push(String(e.message));});\
var __error=console.error;console.error=function(){\
window.__errors.push(Array.prototype.join.call(arguments,' '));__error.apply(console,arguments);};\
</script>";

/// Reads the table, clicks the "requested" heading twice, and writes what it saw into the page.
const EXERCISE_TABLE: &str = "<script>(function(){\
var t=document.getElementById('ranking');var result={};\
var column=function(i){return Array.prototype.map.call(t.tBodies[0].rows,function(r){\
var c=r.cells[i];var v=c.getAttribute('data-sort');return v===null?c.textContent.trim():v;});};\
result.rows=t.tBodies[0].rows.length;result.ids=column(1);\
var heading=t.tHead.rows[0].cells[5];heading.click();\
result.ascending=column(5);result.idsAfterClick=column(1);result.byRank=t.classList.contains('by-rank');\
result.sortState=heading.getAttribute('aria-sort');heading.click();result.descending=column(5);\
result.errors=window.__errors;\
var pre=document.createElement('pre');pre.id='test-result';pre.textContent=JSON.stringify(result);\
document.body.appendChild(pre);})();</script>";

fn chromium() -> Option<PathBuf> {
    crate::util::on_path("chromium")
}

/// Runs headless Chromium on `page` with `args`; returns standard output and error.
fn run_chromium(browser: &Path, profile: &Path, page: &Path, args: &[&str]) -> (String, String) {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=3000",
            &format!("--user-data-dir={}", profile.display()),
        ])
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium starts");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Console messages the page itself logged as errors (Chromium logs them with `CONSOLE`).
fn console_errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.contains("CONSOLE") && (l.contains("Uncaught") || l.contains("Error")))
        .collect()
}

/// Takes a screenshot of `page` and checks that it is a real picture.
fn screenshot(browser: &Path, profile: &Path, page: &Path, png: &Path) {
    let shot = format!("--screenshot={}", png.display());
    let (_, stderr) = run_chromium(browser, profile, page, &[&shot, "--window-size=1280,1800"]);
    assert!(console_errors(&stderr).is_empty(), "{stderr}");
    let bytes = fs::read(png).unwrap_or_else(|e| panic!("no screenshot: {e}\n{stderr}"));
    assert!(bytes.starts_with(b"\x89PNG"), "not a PNG");
    assert!(bytes.len() > 20_000, "an empty page? {} bytes", bytes.len());
}

#[test]
fn the_overview_and_a_report_work_in_a_browser() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("KRITERIUM_REQUIRE_BROWSER").is_none(),
            "chromium is not installed; `.ci/run` installs it (apt-get install chromium)"
        );
        eprintln!("SKIPPED: no chromium on PATH (bash .ci/run installs it)");
        return;
    };
    let dir = temp_dir();
    let out = dir.path().join("out");
    kriterium(&[
        "batch",
        "samples/made-in-sonderjylland",
        "--out",
        &out.to_string_lossy(),
    ])
    .run()
    .code(0);
    let decisions = fs::read_to_string(out.join("decisions.jsonl"))
        .unwrap()
        .lines()
        .count();
    let profile = dir.path().join("profile");

    // The page as written: a screenshot, and no console errors.
    screenshot(
        &browser,
        &profile,
        &out.join("index.html"),
        &dir.path().join("index.png"),
    );
    let report = out.join("reports/MIS-2025-002.html");
    screenshot(&browser, &profile, &report, &dir.path().join("report.png"));

    // An instrumented copy beside it: errors captured, the table read and clicked.
    let page = fs::read_to_string(out.join("index.html")).unwrap();
    let page = page
        .replacen("<head>", &format!("<head>{CAPTURE_ERRORS}"), 1)
        .replacen("</body>", &format!("{EXERCISE_TABLE}</body>"), 1);
    let instrumented = out.join("instrumented.html");
    fs::write(&instrumented, page).unwrap();
    let (dom, stderr) = run_chromium(&browser, &profile, &instrumented, &["--dump-dom"]);
    let start = dom
        .find("<pre id=\"test-result\">")
        .unwrap_or_else(|| panic!("the test script did not run:\n{dom}\n{stderr}"))
        + "<pre id=\"test-result\">".len();
    let end = start + dom[start..].find("</pre>").unwrap();
    let json = dom[start..end]
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    let result: serde_json::Value = serde_json::from_str(&json).unwrap();

    assert_eq!(result["errors"], serde_json::json!([]), "console errors");
    assert_eq!(
        result["rows"].as_u64(),
        Some(decisions as u64),
        "one row per application"
    );
    let numbers = |key: &str| -> Vec<u64> {
        result[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().parse().unwrap())
            .collect()
    };
    let ascending = numbers("ascending");
    let mut sorted = ascending.clone();
    sorted.sort();
    assert_eq!(
        ascending, sorted,
        "sorted by amount requested, smallest first"
    );
    assert_ne!(result["ids"], result["idsAfterClick"], "the rows moved");
    assert_eq!(result["sortState"], "ascending");
    assert_eq!(
        result["byRank"], false,
        "the funding line is hidden out of rank order"
    );
    let descending = numbers("descending");
    let mut reversed = sorted.clone();
    reversed.reverse();
    assert_eq!(descending, reversed, "a second click sorts largest first");
}
