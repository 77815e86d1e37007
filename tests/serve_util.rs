//! The meeting app (`kriterium serve`) from outside: the real binary started on a free port of
//! 127.0.0.1, and a small HTTP/1.1 client over `std::net` that sends exactly the bytes a test
//! writes (a foreign `Host`, a broken form, no cookie), which a full client library would
//! correct or refuse. Also the demo register of the README's tour that the app is shown over.
//!
//! Self-contained on purpose (std, `tempfile` and the built binary only): the memory benchmark
//! `benches/serve_memory.rs` uses this same file (`#[path]`), so the tests and the benchmark
//! start the app and speak to it the same way.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The `kriterium` binary this test or benchmark was built with.
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kriterium"))
}

/// Runs `kriterium ARGS --register REGISTER` from the repository root in English, and returns
/// its standard output; panics with both streams when it does not exit 0.
pub fn run_on(register: &Path, args: &[&str]) -> String {
    let out = Command::new(binary())
        .args(args)
        .arg("--register")
        .arg(register)
        .env("KRITERIUM_LANG", "en")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .output()
        .expect("the binary starts");
    assert!(
        out.status.success(),
        "`kriterium {}` exited with {:?}\n--- stdout\n{}\n--- stderr\n{}",
        args.join(" "),
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The Made in Sønderjylland sample files whose names start with `prefix`, relative to the
/// repository root (where [`run_on`] runs), sorted.
fn samples_starting(prefix: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/made-in-sonderjylland");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("the samples folder")
        .map(|e| {
            e.expect("a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.starts_with(prefix) && name.ends_with(".json"))
        .map(|name| format!("samples/made-in-sonderjylland/{name}"))
        .collect();
    files.sort();
    files
}

/// The README's tour in `dir/kriterium.sqlite`: round `2024-1` ("Forårsrunden 2024", the
/// samples 01–06, reviewed, every application decided, closed) and round `2025-1` (all 17
/// samples, reviewed, open, undecided). Returns the register's path.
pub fn demo_register(dir: &Path) -> PathBuf {
    let register = dir.join("kriterium.sqlite");
    let run = |args: &[&str]| run_on(&register, args);
    let mis = "made-in-sonderjylland";
    run(&["round", "open", "2024-1", "--rules", mis, "--year", "2024"]);
    let first: Vec<String> = (1..=6)
        .flat_map(|d| samples_starting(&format!("0{d}")))
        .collect();
    let mut add = vec!["round", "add", "2024-1"];
    add.extend(first.iter().map(String::as_str));
    run(&add);
    run(&[
        "panel",
        "set",
        "samples/reviews/made-in-sonderjylland/panel.toml",
    ]);
    run(&[
        "reviews",
        "add",
        "2024-1",
        "samples/reviews/made-in-sonderjylland/runder/runde-01-06",
    ]);
    let date = ["--date", "2024-03-14"];
    run(&[
        "decide",
        "2024-1",
        "MIS-2025-001",
        "grant",
        date[0],
        date[1],
    ]);
    for id in [
        "MIS-2025-002",
        "MIS-2025-003",
        "MIS-2025-004",
        "MIS-2025-005",
        "MIS-2025-006",
    ] {
        run(&["decide", "2024-1", id, "reject", date[0], date[1]]);
    }
    run(&["round", "close", "2024-1"]);
    run(&["round", "open", "2025-1", "--rules", mis, "--year", "2025"]);
    run(&["round", "add", "2025-1", "samples/made-in-sonderjylland"]);
    run(&[
        "reviews",
        "add",
        "2025-1",
        "samples/reviews/made-in-sonderjylland",
    ]);
    register
}

/// What the register holds, as text that changes when anything in it does: `round show
/// --format json` of every round and the end of the log `register verify` names.
pub fn register_state(register: &Path) -> String {
    let list = run_on(register, &["round", "list", "--format", "json"]);
    let rounds: serde_json::Value = serde_json::from_str(&list).expect("round list is JSON");
    let ids: Vec<&str> = rounds["rounds"]
        .as_array()
        .expect("`round list --format json` has its rounds")
        .iter()
        .map(|r| r["id"].as_str().expect("a round has an id"))
        .collect();
    let mut state = list;
    for id in ids {
        state.push_str(&run_on(
            register,
            &["round", "show", id, "--format", "json"],
        ));
    }
    state.push_str(&run_on(register, &["register", "verify"]));
    state
}

/// A running `kriterium serve`, killed when dropped.
pub struct Server {
    child: Child,
    /// The port it listens on (127.0.0.1).
    pub port: u16,
    /// The access token of the printed address.
    pub token: String,
    /// The whole printed address, with `?token=`.
    pub address: String,
}

impl Server {
    /// Starts `kriterium serve --port 0 --register REGISTER` in English and waits for the
    /// printed address.
    pub fn start(register: &Path) -> Server {
        Server::start_in(register, "en")
    }

    /// Starts the app in language `lang` (`da`, `en`, `sv`).
    pub fn start_in(register: &Path, lang: &str) -> Server {
        let mut child = Command::new(binary())
            .args(["serve", "--port", "0", "--register"])
            .arg(register)
            .env("KRITERIUM_LANG", lang)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("kriterium serve starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut lines = BufReader::new(stdout).lines();
        let address = loop {
            match lines.next() {
                Some(Ok(line)) if line.starts_with("http://127.0.0.1:") => break line,
                Some(Ok(_)) => continue,
                other => {
                    let _ = child.kill();
                    panic!("kriterium serve printed no address: {other:?}");
                }
            }
        };
        // The rest of its output is read away so the app never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let rest = address.trim_start_matches("http://127.0.0.1:");
        let (port, query) = rest
            .split_once("/?token=")
            .expect("the address has ?token=");
        Server {
            child,
            port: port.parse().expect("a port number"),
            token: query.to_string(),
            address,
        }
    }

    /// The process id (for `/proc/PID/status`: the memory benchmark reads it).
    #[allow(dead_code)]
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Whether the process is still running.
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// `name=value` of the access cookie, as the browser sends it.
    pub fn cookie(&self) -> String {
        format!("kriterium-{}={}", self.port, self.token)
    }

    /// `127.0.0.1:PORT`, the `Host` the app expects.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// `GET path` with the access cookie.
    pub fn get(&self, path: &str) -> Reply {
        let cookie = self.cookie();
        self.send("GET", path, &[("Cookie", &cookie)], b"")
    }

    /// `POST path` with the access cookie, a form body and the extra `headers`.
    pub fn post(&self, path: &str, body: &[u8], headers: &[(&str, &str)]) -> Reply {
        let cookie = self.cookie();
        let mut all = vec![("Cookie", cookie.as_str())];
        all.extend_from_slice(headers);
        self.send("POST", path, &all, body)
    }

    /// `POST path` of an urlencoded form (`fields` encoded here), from the app's own origin.
    pub fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let body: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        let origin = format!("http://{}", self.host());
        self.post(
            path,
            body.join("&").as_bytes(),
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Origin", &origin),
            ],
        )
    }

    /// `POST path` of a multipart form from the app's own origin: text `fields`, then `files`
    /// (field name, file name, bytes).
    pub fn post_multipart(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &[u8])],
    ) -> Reply {
        let boundary = "----kriterium-test-boundary-7d3f";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        for (name, file, bytes) in files {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let kind = format!("multipart/form-data; boundary={boundary}");
        let origin = format!("http://{}", self.host());
        self.post(path, &body, &[("Content-Type", &kind), ("Origin", &origin)])
    }

    /// The form token of the pages (`<meta name="csrf" content="…">` of `/`).
    pub fn csrf(&self) -> String {
        let page = self.get("/");
        assert_eq!(page.status, 200, "{}", page.body);
        let (_, rest) = page
            .body
            .split_once("<meta name=\"csrf\" content=\"")
            .expect("the page carries the form token");
        rest.split('"').next().unwrap_or_default().to_string()
    }

    /// Sends `method path` with `headers` and `body` exactly so; `Host: 127.0.0.1:PORT` unless
    /// `headers` give a `Host`, and `Content-Length` for the body. Connection: close.
    pub fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut head = format!("{method} {path} HTTP/1.1\r\n");
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
            head.push_str(&format!("Host: {}\r\n", self.host()));
        }
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        ));
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("the app answers");
        stream
            .set_read_timeout(Some(Duration::from_secs(120)))
            .expect("a read timeout");
        let mut request = head.into_bytes();
        request.extend_from_slice(body);
        // The app may answer (413) and close before the whole body is sent: what it said is
        // still read below.
        let _ = stream.write_all(&request);
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        Reply::parse(&raw)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An answer of the app.
#[derive(Debug)]
pub struct Reply {
    /// The status code; 0 when nothing readable came back.
    pub status: u16,
    /// The headers, names in lower case, in order.
    pub headers: Vec<(String, String)>,
    /// The body as text (bytes that are not UTF-8 replaced).
    pub body: String,
    /// The body's bytes (a PDF, a workbook).
    pub bytes: Vec<u8>,
}

impl Reply {
    /// The body as text.
    pub fn text(&self) -> String {
        self.body.clone()
    }

    /// The value of header `name` (lower case), if given.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Reads status line, headers and body (de-chunked when `Transfer-Encoding: chunked`).
    fn parse(raw: &[u8]) -> Reply {
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or(raw.len());
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut body = raw.get(split + 4..).unwrap_or_default().to_vec();
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        if headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"))
        {
            body = dechunk(&body);
        }
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
            bytes: body,
        }
    }
}

/// The data of a chunked body.
fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = raw.windows(2).position(|w| w == b"\r\n") {
        let size = String::from_utf8_lossy(&raw[..end]);
        let size =
            usize::from_str_radix(size.split(';').next().unwrap_or("").trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = end + 2;
        let stop = (start + size).min(raw.len());
        out.extend_from_slice(&raw[start..stop]);
        raw = raw.get(stop + 2..).unwrap_or_default();
    }
    out
}

/// `text` URL-encoded for a form (every byte but letters, digits and `-._~` as `%XX`).
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The text of the element with `id`, tags removed and spaces collapsed, if the page has it.
pub fn element_text(page: &str, id: &str) -> Option<String> {
    let at = page.find(&format!("id=\"{id}\""))?;
    let open = page[..at].rfind('<')?;
    let tag: String = page[open + 1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let start = at + page[at..].find('>')? + 1;
    // Up to the element's end tag (the app's elements with ids hold no element of their kind).
    let rest = &page[start..];
    let end = rest.find(&format!("</{tag}>")).unwrap_or(rest.len());
    let mut text = String::new();
    let mut in_tag = false;
    for c in rest[..end].chars() {
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
    Some(unescape(
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str(),
    ))
}

/// The few entities the reports' escaping writes.
pub fn unescape(text: &str) -> String {
    text.replace("&#x2f;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}
