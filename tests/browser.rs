//! The batch overview and a report in a real browser (headless Chromium): the page loads with no
//! console errors, the table has one row per application, and clicking a column heading
//! re-sorts it. Then the layout, at a phone's 390 px and a desktop's 1280 px: no word in a table
//! cell or card laid out on two lines (no column narrower than a word), nothing wider than the
//! box that shows it, and axe-core finds no serious or critical accessibility violation; and on
//! paper: the overview prints on at most four A4 sheets (the ranking on two, then the
//! portfolio, the reviewers' level and the robustness), a report on A4 portrait, each without a
//! blank last page and with every row heading's words whole in the PDF's text. The screenshots
//! and PDFs are kept in `target/tmp/browser-shots/` for a person to look at.
//!
//! `.ci/run` installs Debian's `chromium` and `poppler-utils` (`pdfinfo`, `pdftotext`) and
//! axe-core from npm (its `axe.min.js` named by `KRITERIUM_AXE`); elsewhere the test says it is
//! skipped when they are missing, unless `KRITERIUM_REQUIRE_BROWSER` is set.

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
/// The columns are found by their headings (`Id`, `Ansøgt`), not by place: a reviewed batch has
/// a column more (the rank without calibration).
const EXERCISE_TABLE: &str = "<script>(function(){\
var t=document.getElementById('ranking');var result={};\
var headings=Array.prototype.slice.call(t.tHead.rows[0].cells);\
var named=function(text){var i=headings.findIndex(function(h){return h.textContent.trim()===text;});\
if(i<0){throw new Error('no column '+text);}return i;};\
var id=named('Id');var requested=named('Ansøgt');\
var column=function(i){return Array.prototype.map.call(t.tBodies[0].rows,function(r){\
var c=r.cells[i];var v=c.getAttribute('data-sort');return v===null?c.textContent.trim():v;});};\
result.rows=t.tBodies[0].rows.length;result.ids=column(id);\
var heading=headings[requested];heading.click();\
result.ascending=column(requested);result.idsAfterClick=column(id);result.byRank=t.classList.contains('by-rank');\
result.sortState=heading.getAttribute('aria-sort');heading.click();result.descending=column(requested);\
result.errors=window.__errors;\
var pre=document.createElement('pre');pre.id='test-result';pre.textContent=JSON.stringify(result);\
document.body.appendChild(pre);})();</script>";

fn chromium() -> Option<PathBuf> {
    crate::util::on_path("chromium")
}

/// Runs headless Chromium on `page` with `args`; returns standard output and error.
/// Unless `args` give their own, the page's scripts get 3 s of virtual time.
fn run_chromium(browser: &Path, profile: &Path, page: &Path, args: &[&str]) -> (String, String) {
    let budget = if args.iter().any(|a| a.starts_with("--virtual-time-budget")) {
        None
    } else {
        Some("--virtual-time-budget=3000")
    };
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
            &format!("--user-data-dir={}", profile.display()),
        ])
        .args(budget)
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

/// The Made in Sønderjylland samples run as a batch: the temporary folder and the results in it.
fn sample_batch() -> (tempfile::TempDir, PathBuf) {
    let dir = temp_dir();
    let out = dir.path().join("out");
    kriterium(&[
        "batch",
        "samples/made-in-sonderjylland",
        "--reviews",
        crate::util::SAMPLE_REVIEWS,
        "--out",
        &out.to_string_lossy(),
    ])
    .run()
    .code(0);
    (dir, out)
}

/// The letters of a decided round in `dir/letters`: MIS-2025-015 granted, MIS-2025-001 refused
/// within the budget (its letter has every section a refusal has).
fn sample_letters(dir: &Path) -> PathBuf {
    let register = dir.join("letters.sqlite");
    let register = register.to_str().unwrap();
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--register", register]);
        kriterium(&all).run().code(0);
    };
    run(&[
        "round",
        "open",
        "r",
        "--rules",
        "made-in-sonderjylland",
        "--year",
        "2025",
    ]);
    run(&["round", "add", "r", "samples/made-in-sonderjylland"]);
    run(&[
        "panel",
        "set",
        &format!("{}/panel.toml", crate::util::SAMPLE_REVIEWS),
    ]);
    run(&["reviews", "add", "r", crate::util::SAMPLE_REVIEWS]);
    run(&[
        "decide",
        "r",
        "MIS-2025-015",
        "grant",
        "--date",
        "2025-03-14",
    ]);
    run(&[
        "decide",
        "r",
        "MIS-2025-001",
        "reject",
        "--date",
        "2025-03-14",
    ]);
    let out = dir.join("letters");
    run(&["letters", "r", "--out", out.to_str().unwrap()]);
    out
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
    let (dir, out) = sample_batch();
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

/// Measures a page as laid out (`browser/probe.js`): words split over lines in table cells,
/// content cut off, and axe-core's serious and critical violations.
const PROBE: &str = include_str!("browser/probe.js");

/// The window widths the layout is checked at: a phone and a desktop, in CSS pixels.
const PHONE: u32 = 390;
const DESKTOP: u32 = 1280;

/// Where the screenshots and PDFs are kept for a person to look at (printed by the test).
fn shots_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-shots");
    fs::create_dir_all(&dir).expect("a folder for the screenshots");
    dir
}

/// axe-core's script: the file `KRITERIUM_AXE` names, else where `.ci/run` puts it.
fn axe_core() -> Option<String> {
    let path = match std::env::var_os("KRITERIUM_AXE") {
        Some(path) => PathBuf::from(path),
        None => PathBuf::from(std::env::var_os("HOME")?)
            .join(".cache/kriterium-axe/node_modules/axe-core/axe.min.js"),
    };
    fs::read_to_string(path).ok()
}

/// A page that shows `page` in a frame `width` px wide and `height` px high. Headless Chromium
/// lays a window out no narrower than 500 px, so a phone's width is had in a frame.
fn framed(page: &Path, width: u32, height: u32) -> PathBuf {
    let name = page.file_name().unwrap().to_string_lossy();
    let frame = page.with_file_name(format!("framed-{width}-{name}"));
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{width} px</title>\
         <style>body{{margin:0}}iframe{{display:block;border:0}}</style></head><body>\
         <iframe title=\"{width} px\" src=\"{name}\" width=\"{width}\" height=\"{height}\"></iframe>\
         <script>window.addEventListener('message',function(e){{\
         var pre=document.createElement('pre');pre.id='probe-result';pre.textContent=e.data;\
         document.body.appendChild(pre);}});</script></body></html>"
    );
    fs::write(&frame, html).unwrap();
    frame
}

/// What `browser/probe.js` found in a page laid out `width` px wide.
struct Probe {
    /// The page's height in px at that width.
    height: u64,
    /// Words laid out on more than one line, each with its cell.
    split: Vec<String>,
    /// Content wider than the box that shows it.
    cut: Vec<String>,
    /// axe-core's serious and critical violations; `None` when axe-core was not run.
    axe: Option<Vec<String>>,
}

/// Lays `page` out `width` px wide with the probe (and axe-core, when given) in a copy of it.
fn probe(browser: &Path, profile: &Path, page: &Path, width: u32, axe: Option<&str>) -> Probe {
    let html = fs::read_to_string(page).unwrap();
    let axe = axe
        .map(|a| format!("<script>{a}</script>"))
        .unwrap_or_default();
    // The probe posts its result to the frame around the page, which writes it into its DOM.
    let probe = PROBE.replace(
        "document.body.appendChild(pre);",
        "parent.postMessage(pre.textContent, '*');",
    );
    let copy = page.with_file_name(format!(
        "probe-{}",
        page.file_name().unwrap().to_string_lossy()
    ));
    let html = html.replacen(
        "</body>",
        &format!("{axe}<script>{probe}</script></body>"),
        1,
    );
    fs::write(&copy, html).unwrap();
    let frame = framed(&copy, width, 800);
    let (dom, stderr) = run_chromium(
        browser,
        profile,
        &frame,
        &[
            "--dump-dom",
            "--window-size=1280,800",
            "--virtual-time-budget=30000",
        ],
    );
    let start = dom
        .find("<pre id=\"probe-result\">")
        .unwrap_or_else(|| panic!("the probe did not run in {}:\n{stderr}", page.display()))
        + "<pre id=\"probe-result\">".len();
    let end = start + dom[start..].find("</pre>").unwrap();
    let json = dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let texts = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(v["width"].as_u64(), Some(u64::from(width)), "{json}");
    Probe {
        height: v["height"].as_u64().unwrap(),
        split: texts(&v["split"]),
        cut: texts(&v["cut"]),
        axe: (!v["axe"].is_null()).then(|| texts(&v["axe"])),
    }
}

/// A screenshot of all of `page` laid out `width` px wide (`height` px high) into `png`.
fn full_screenshot(
    browser: &Path,
    profile: &Path,
    page: &Path,
    width: u32,
    height: u64,
    png: &Path,
) {
    let height = u32::try_from(height.clamp(600, 16_000)).unwrap();
    let frame = framed(page, width, height);
    let size = format!("--window-size={width},{height}");
    let shot = format!("--screenshot={}", png.display());
    let (_, stderr) = run_chromium(browser, profile, &frame, &[&shot, &size]);
    let bytes = fs::read(png).unwrap_or_else(|e| panic!("no screenshot: {e}\n{stderr}"));
    assert!(bytes.starts_with(b"\x89PNG"), "not a PNG");
}

/// Prints `page` to `pdf` as Chromium prints it (the page's own `@page` size, no header or
/// footer); returns the text of each sheet (poppler's `pdftotext`).
fn print(browser: &Path, profile: &Path, page: &Path, pdf: &Path) -> Vec<String> {
    let to = format!("--print-to-pdf={}", pdf.display());
    let (_, stderr) = run_chromium(browser, profile, page, &[&to, "--no-pdf-header-footer"]);
    assert!(pdf.is_file(), "no PDF of {}:\n{stderr}", page.display());
    let info = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo runs");
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap_or_else(|| panic!("pdfinfo tells no page count:\n{info}"))
        .trim()
        .parse()
        .unwrap();
    assert!(info.contains("(A4)"), "not A4:\n{info}");
    (1..=pages)
        .map(|n| {
            let n = n.to_string();
            let out = Command::new("pdftotext")
                .args(["-f", &n, "-l", &n, "-enc", "UTF-8"])
                .arg(pdf)
                .arg("-")
                .output()
                .expect("pdftotext runs");
            String::from_utf8(out.stdout).unwrap()
        })
        .collect()
}

/// The words of every row heading (`<th scope="row">`) of an HTML page, markup removed.
fn row_heading_words(html: &str) -> Vec<String> {
    let mut words = Vec::new();
    for part in html.split("<th scope=\"row\">").skip(1) {
        let cell = &part[..part.find("</th>").unwrap()];
        let mut text = String::new();
        let mut in_tag = false;
        for c in cell.chars() {
            match c {
                '<' => {
                    in_tag = true;
                    text.push(' ');
                }
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        let text = text
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        words.extend(
            text.split_whitespace()
                .filter(|w| w.chars().count() > 2)
                .map(str::to_string),
        );
    }
    words
}

#[test]
fn the_overview_a_report_and_a_letter_read_on_a_phone_and_on_paper() {
    let (Some(browser), Some(_), Some(_)) = (
        chromium(),
        crate::util::on_path("pdfinfo"),
        crate::util::on_path("pdftotext"),
    ) else {
        assert!(
            std::env::var_os("KRITERIUM_REQUIRE_BROWSER").is_none(),
            "chromium or poppler-utils is not installed; `.ci/run` installs them"
        );
        eprintln!(
            "SKIPPED: no chromium, pdfinfo or pdftotext on PATH (bash .ci/run installs them)"
        );
        return;
    };
    let axe = axe_core();
    if axe.is_none() {
        assert!(
            std::env::var_os("KRITERIUM_REQUIRE_BROWSER").is_none(),
            "axe-core is not installed; `.ci/run` installs it and sets KRITERIUM_AXE"
        );
        eprintln!("axe-core not found (bash .ci/run installs it): accessibility not checked");
    }
    let (dir, out) = sample_batch();
    let profile = dir.path().join("profile");
    let shots = shots_dir();
    eprintln!("screenshots and PDFs: {}", shots.display());

    let letters = sample_letters(dir.path());
    let pages = [
        // The ranking on two sheets, the portfolio's goals and best package (issue 18) from a
        // sheet of their own, and the reviewers' level and the robustness after them.
        ("overview", out.join("index.html"), 4),
        ("portfolio", out.join("portfolio.html"), 3),
        // The report and the letter have a sheet more since the first criterion is scored by
        // reviewers (issue 17): the report's reviewers' table (scores, calibrated scores and
        // comments) and the reviews' fingerprints; the letter's reasons on calibration and
        // disagreement and who stood aside for a conflict of interest. The overview has not.
        ("report", out.join("reports/MIS-2025-002.html"), 5),
        ("letter", letters.join("MIS-2025-001.html"), 7),
    ];
    let mut problems = Vec::new();
    for (name, page, most_sheets) in &pages {
        for width in [PHONE, DESKTOP] {
            let found = probe(&browser, &profile, page, width, axe.as_deref());
            let at = format!("{name} at {width} px");
            problems.extend(found.split.iter().map(|s| format!("{at}: word split: {s}")));
            problems.extend(found.cut.iter().map(|s| format!("{at}: cut off: {s}")));
            if let Some(violations) = found.axe {
                problems.extend(violations.iter().map(|v| format!("{at}: axe-core: {v}")));
            }
            let png = shots.join(format!("{name}-{width}.png"));
            full_screenshot(&browser, &profile, page, width, found.height, &png);
        }
        let pdf = shots.join(format!("{name}.pdf"));
        let sheets = print(&browser, &profile, page, &pdf);
        if sheets.len() > *most_sheets {
            problems.push(format!(
                "{name}: printed on {} A4 sheets, at most {most_sheets} expected",
                sheets.len()
            ));
        }
        if sheets.last().is_some_and(|s| s.trim().is_empty()) {
            problems.push(format!("{name}: the last printed sheet is blank"));
        }
        // A column one letter wide prints its words letter by letter: each row heading's words
        // must be found whole in the printed text. A line may break after a hyphen, which
        // pdftotext either keeps (`2026-` and `2028`) or joins (`20262028`).
        let text: std::collections::BTreeSet<&str> = sheets
            .iter()
            .flat_map(|s| s.split(|c: char| c.is_whitespace() || c == '-'))
            .collect();
        let whole = |word: &str| {
            text.contains(word.replace('-', "").as_str())
                || word
                    .split('-')
                    .all(|part| part.is_empty() || text.contains(part))
        };
        for word in row_heading_words(&fs::read_to_string(page).unwrap()) {
            if !whole(&word) {
                problems.push(format!("{name}: »{word}« is not whole in the printed text"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} layout problems (pictures in {}):\n{}",
        problems.len(),
        shots.display(),
        problems.join("\n")
    );
}
