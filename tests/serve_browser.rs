//! The meeting app in a real browser: Debian's `chromium` driven through WebDriver
//! (`chromedriver`, started here on a free port) from Rust with fantoccini. The printed address
//! is opened (the token becomes the cookie), the rounds list and round `2025-1` are
//! photographed at a desktop's 1280 px and a phone's 390 px (whole pages, kept in
//! `target/tmp/serve-shots/` for a person to look at), axe-core finds no serious or critical
//! violation on either page at either width, and the way from the list to the round is walked
//! by keyboard alone (Tab to the link, Enter), as is the skip link.
//!
//! Then the meeting's scenario: a weight slider moved with the arrow key until a funding
//! decision flips, a partial grant with a reason recorded by keyboard alone, and the letter
//! downloaded with a real click; the tuning and application pages are photographed and checked
//! with axe-core too.
//!
//! `.ci/run` installs `chromium`, `chromium-driver` and axe-core (`KRITERIUM_AXE`); elsewhere
//! the test says it is skipped when they are missing, unless `KRITERIUM_REQUIRE_BROWSER` is set.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::serve_util::{Server, demo_register};
use crate::util::{on_path, temp_dir};

/// The widths the pages are checked at, in CSS pixels: a desktop (or a projector) and a phone.
const DESKTOP: u32 = 1280;
const PHONE: u32 = 390;

/// How often [`Browser::wait_for`] looks before it gives up: it waits for the page, it does not
/// time anything.
const TRIES: u32 = 200;

/// Where the screenshots are kept for a person to look at.
fn shots_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-shots");
    std::fs::create_dir_all(&dir).expect("a folder for the screenshots");
    dir
}

/// axe-core's script: the file `KRITERIUM_AXE` names, else where `.ci/run` puts it.
fn axe_core() -> Option<String> {
    let path = match std::env::var_os("KRITERIUM_AXE") {
        Some(path) => PathBuf::from(path),
        None => PathBuf::from(std::env::var_os("HOME")?)
            .join(".cache/kriterium-axe/node_modules/axe-core/axe.min.js"),
    };
    std::fs::read_to_string(path).ok()
}

/// Chromium, chromedriver and axe-core, or `None` (the test says it is skipped) when one is
/// missing and `KRITERIUM_REQUIRE_BROWSER` is not set.
fn tools() -> Option<(PathBuf, PathBuf, String)> {
    let found = (on_path("chromium"), on_path("chromedriver"), axe_core());
    match found {
        (Some(chromium), Some(driver), Some(axe)) => Some((chromium, driver, axe)),
        missing => {
            assert!(
                std::env::var_os("KRITERIUM_REQUIRE_BROWSER").is_none(),
                "KRITERIUM_REQUIRE_BROWSER is set but chromium, chromedriver or axe-core is \
                 missing ({missing:?}); `.ci/run` installs them"
            );
            eprintln!(
                "SKIPPED: needs chromium, chromium-driver and axe-core (bash .ci/run installs them)"
            );
            None
        }
    }
}

/// A headless Chromium under chromedriver, on the app's address; both end when dropped.
struct Browser {
    runtime: tokio::runtime::Runtime,
    client: Option<Client>,
    driver: Child,
    axe: String,
    /// `http://127.0.0.1:PORT`.
    base: String,
    /// Where Chromium saves downloads.
    downloads: PathBuf,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts chromedriver and Chromium and opens the app's printed address (the token becomes
    /// the cookie, the browser lands on the rounds list).
    fn open(server: &Server, chromium: &Path, driver: &Path, axe: String) -> Browser {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let driver = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = temp_dir();
        let downloads = profile.path().join("downloads");
        std::fs::create_dir_all(&downloads).expect("a download folder");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--hide-scrollbars",
                    format!("--user-data-dir={}", profile.path().join("chromium").display()),
                    format!("--window-size={DESKTOP},900"),
                ],
                "prefs": {
                    "download.default_directory": downloads,
                    "download.prompt_for_download": false,
                    // A PDF is saved, not shown in Chromium's viewer.
                    "plugins.always_open_pdf_externally": true,
                },
            },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!("a JSON object")
        };
        let webdriver = format!("http://127.0.0.1:{port}");
        // chromedriver takes a moment to listen: try until it answers.
        let client = runtime.block_on(async {
            let mut last = None;
            for _ in 0..TRIES {
                let connector = hyper_util::client::legacy::connect::HttpConnector::new();
                match ClientBuilder::new(connector)
                    .capabilities(capabilities.clone())
                    .connect(&webdriver)
                    .await
                {
                    Ok(client) => return client,
                    Err(e) => last = Some(e),
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            panic!("chromedriver did not start a session: {last:?}")
        });
        let browser = Browser {
            runtime,
            client: Some(client),
            driver,
            axe,
            base: format!("http://127.0.0.1:{}", server.port),
            downloads,
            _profile: profile,
        };
        browser.block(|c| async move { c.goto(&server.address).await });
        assert_eq!(browser.path(), "/", "the printed address lands on the list");
        browser
    }

    /// Runs one WebDriver step to its end; a failing step fails the test with its error.
    fn block<F, T>(&self, step: impl FnOnce(Client) -> F) -> T
    where
        F: Future<Output = Result<T, fantoccini::error::CmdError>>,
    {
        let client = self.client.clone().expect("the session is open");
        self.runtime
            .block_on(step(client))
            .unwrap_or_else(|e| panic!("WebDriver: {e}"))
    }

    /// Runs `script` (a function body; `arguments` are none) in the page and returns its value.
    fn js(&self, script: &str) -> Value {
        let script = script.to_string();
        self.block(|c| async move { c.execute(&script, vec![]).await })
    }

    /// Opens the app's `path`.
    fn goto(&self, path: &str) {
        let url = format!("{}{path}", self.base);
        self.block(|c| async move { c.goto(&url).await });
    }

    /// The path of the page shown.
    fn path(&self) -> String {
        self.block(|c| async move { c.current_url().await })
            .path()
            .to_string()
    }

    /// Presses and releases `key` where the focus is, as a keyboard does.
    fn press(&self, key: Key) {
        let value: char = key.into();
        self.block(|c| async move {
            let keys = KeyActions::new("keyboard".to_string())
                .then(KeyAction::Down { value })
                .then(KeyAction::Up { value });
            c.perform_actions(keys).await
        });
    }

    /// Types `text` where the focus is.
    fn type_text(&self, text: &str) {
        for value in text.chars() {
            self.block(|c| async move {
                let keys = KeyActions::new("keyboard".to_string())
                    .then(KeyAction::Down { value })
                    .then(KeyAction::Up { value });
                c.perform_actions(keys).await
            });
        }
    }

    /// What has the focus: `tag#id[href]`.
    fn focused(&self) -> String {
        self.js(
            "var e=document.activeElement;return e.tagName.toLowerCase()+(e.id?'#'+e.id:'')\
             +(e.getAttribute('href')?'['+e.getAttribute('href')+']':'');",
        )
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    /// Presses Tab until the element `css` has the focus (at most 100 times), as someone
    /// without a mouse would; panics naming where the focus went when it never gets there.
    fn tab_to(&self, css: &str) {
        let check = format!(
            "return document.activeElement === document.querySelector({});",
            json!(css)
        );
        let mut seen = Vec::new();
        for _ in 0..100 {
            if self.js(&check) == Value::Bool(true) {
                return;
            }
            self.press(Key::Tab);
            seen.push(self.focused());
        }
        panic!("Tab never reached {css}; the focus went: {seen:?}");
    }

    /// Waits until an element `css` is in the page and returns its text.
    fn wait_for(&self, css: &str) -> String {
        let css = css.to_string();
        self.block(|c| async move {
            let found = c
                .wait()
                .at_most(Duration::from_secs(20))
                .for_element(Locator::Css(&css))
                .await?;
            found.text().await
        })
    }

    /// Whether an element `css` is in the page now.
    fn has(&self, css: &str) -> bool {
        self.js(&format!(
            "return document.querySelector({}) !== null;",
            json!(css)
        )) == Value::Bool(true)
    }

    /// Clicks the element `css` (the mouse's way, for the steps where a click is the point).
    fn click(&self, css: &str) {
        let css = css.to_string();
        self.block(|c| async move { c.find(Locator::Css(&css)).await?.click().await });
    }

    /// Lays the window out `width` px wide, checks the page is that wide, and returns the
    /// page's whole height.
    fn width(&self, width: u32) -> u32 {
        self.block(|c| async move { c.set_window_size(width, 900).await });
        let inner = self.js("return window.innerWidth;");
        assert_eq!(inner, json!(width), "the window is not {width} px wide");
        let height = self.js("return document.documentElement.scrollHeight;");
        height.as_u64().unwrap_or(900) as u32
    }

    /// A screenshot of the whole page at `width` px, kept as `serve-shots/NAME-WIDTH.png`.
    fn screenshot(&self, name: &str, width: u32) -> PathBuf {
        let height = self.width(width);
        // The window as tall as the page (and its frame) gives the whole page in one picture.
        let frame = self.js("return window.outerHeight - window.innerHeight;");
        let frame = frame.as_u64().unwrap_or(0) as u32;
        self.block(|c| async move { c.set_window_size(width, height + frame).await });
        let png = self.block(|c| async move { c.screenshot().await });
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        let path = shots_dir().join(format!("{name}-{width}.png"));
        std::fs::write(&path, &png).expect("the screenshot is written");
        self.block(|c| async move { c.set_window_size(width, 900).await });
        path
    }

    /// axe-core's serious and critical violations on the page shown, one line each.
    fn axe(&self) -> Vec<String> {
        self.js(&format!("{}\nreturn true;", self.axe));
        let script = "var done = arguments[arguments.length - 1];\
            axe.run(document, {resultTypes: ['violations']}).then(function (found) {\
              done(found.violations.filter(function (v) {\
                return v.impact === 'serious' || v.impact === 'critical';\
              }).map(function (v) {\
                return v.impact + ' ' + v.id + ': ' + v.help + ' (' +\
                  v.nodes.map(function (n) { return n.target.join(' '); }).join(', ') + ')';\
              }));\
            }, function (e) { done(['axe-core failed: ' + e]); });";
        let found = self.block(|c| async move { c.execute_async(script, vec![]).await });
        found
            .as_array()
            .map(|all| {
                all.iter()
                    .map(|v| v.as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_else(|| vec![format!("axe-core answered {found}")])
    }

    /// Screenshots at both widths and axe-core at both, for the page shown.
    fn check_page(&self, name: &str) {
        for width in [DESKTOP, PHONE] {
            let shot = self.screenshot(name, width);
            eprintln!("screenshot: {}", shot.display());
            self.width(width);
            let violations = self.axe();
            assert!(
                violations.is_empty(),
                "{name} at {width} px:\n{}",
                violations.join("\n")
            );
            let wider = self.js("return document.documentElement.scrollWidth > window.innerWidth;");
            assert_eq!(wider, json!(false), "{name} is wider than {width} px");
        }
    }

    /// The PDF files in the download folder, once Chromium has finished writing them.
    fn downloaded_pdfs(&self) -> Vec<PathBuf> {
        let list = || -> Vec<PathBuf> {
            std::fs::read_dir(&self.downloads)
                .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default()
        };
        for _ in 0..TRIES {
            let files = list();
            let partial = files
                .iter()
                .any(|f| f.extension().is_some_and(|e| e == "crdownload"));
            let pdfs: Vec<PathBuf> = files
                .into_iter()
                .filter(|f| f.extension().is_some_and(|e| e == "pdf"))
                .collect();
            if !pdfs.is_empty() && !partial {
                return pdfs;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        list()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Some(client) = self.client.take() {
            let _ = self.runtime.block_on(client.close());
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

#[test]
fn the_rounds_pages_work_by_keyboard_at_both_widths_with_no_serious_accessibility_violation() {
    let Some((chromium, driver, axe)) = tools() else {
        return;
    };
    let dir = temp_dir();
    let server = Server::start_in(&demo_register(dir.path()), "da");
    let browser = Browser::open(&server, &chromium, &driver, axe);

    browser.wait_for("h1");
    browser.check_page("rounds");

    // The skip link is the first stop of Tab, and Enter on it moves the focus to the content.
    browser.goto("/");
    browser.press(Key::Tab);
    assert_eq!(browser.focused(), "a[#main]");
    browser.press(Key::Enter);
    assert_eq!(browser.focused(), "main#main");

    // From the list to the round by keyboard alone.
    browser.goto("/");
    browser.tab_to("a[href='/rounds/2025-1']");
    browser.press(Key::Enter);
    browser.wait_for("h1");
    assert_eq!(browser.path(), "/rounds/2025-1");
    assert!(browser.has("table"), "the round page shows its ranking");

    browser.check_page("round-2025-1");
}

/// The meeting's scenario, with real keys and clicks: it needs helper A's tuning page and
/// helper B's application page (the ids are the pages' contract).
#[test]
fn the_group_tunes_a_weight_sees_a_flip_records_a_partial_grant_and_downloads_its_letter() {
    let Some((chromium, driver, axe)) = tools() else {
        return;
    };
    let dir = temp_dir();
    let server = Server::start_in(&demo_register(dir.path()), "da");
    let browser = Browser::open(&server, &chromium, &driver, axe);

    // Tuning: a weight slider moved by ArrowRight until a funding decision flips.
    browser.goto("/rounds/2025-1/tune");
    browser.wait_for("h1");
    // One step up of talent events' weight (2 → 2,05) parts the tie of MIS-2025-016 and
    // MIS-2025-017 (23,37 points each), which changes who gets the last 45.000/40.000 kr.
    browser.tab_to("#w-talentevents");
    // Each step waits for the page's answer (the script sends the form 150 ms after the last
    // key, and the server re-ranks).
    let mut presses = 0;
    while !browser.has("#changes tr.flip") {
        assert!(
            presses < 20,
            "no funding flip after {presses} steps of the weight"
        );
        browser.press(Key::Right);
        presses += 1;
        for _ in 0..20 {
            std::thread::sleep(Duration::from_millis(100));
            if browser.has("#changes tr.flip") {
                break;
            }
        }
    }
    browser.check_page("tune-2025-1");

    // Deciding, by keyboard alone: a partial grant with a reason, recorded. The meeting's date
    // is set by script (a date field's typed order follows the browser's locale); the round is
    // of 2025, so a date in 2025 is one the register takes whatever day the test runs.
    browser.goto("/rounds/2025-1/applications/MIS-2025-002");
    browser.wait_for("h1");
    browser.js("document.getElementById('date').value='2025-03-14'; return true;");
    // Tab reaches a radio group at its chosen button; the arrow keys choose within it.
    browser.tab_to("input[name='outcome']:checked");
    for _ in 0..3 {
        if browser.has("#outcome-partial:checked") {
            break;
        }
        browser.press(Key::Left);
    }
    assert!(
        browser.has("#outcome-partial:checked"),
        "the arrows never chose a partial grant"
    );
    browser.tab_to("#amount");
    browser.type_text("50000");
    browser.tab_to("#reason");
    browser.type_text("Talentlinjen støttes i et første år");
    browser.tab_to("#record");
    browser.press(Key::Enter);
    let recorded = browser.wait_for("#recorded, #refusal");
    assert!(browser.has("#recorded"), "refused: {recorded}");
    assert!(
        recorded.contains("MIS-2025-002") && recorded.contains("50.000"),
        "{recorded}"
    );
    browser.check_page("application-MIS-2025-002");

    // The letter, downloaded as a PDF with a real click.
    browser.click("#letter-pdf");
    let pdfs = browser.downloaded_pdfs();
    assert_eq!(pdfs.len(), 1, "{pdfs:?}");
    let bytes = std::fs::read(&pdfs[0]).expect("the letter is readable");
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
}
