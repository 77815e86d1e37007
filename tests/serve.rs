//! The meeting app's safety from outside (issue 19, "safe under use"): the real `kriterium serve`
//! over the README's demo register, spoken to with hand-written HTTP requests
//! (`serve_util.rs`). Who gets in (the printed token, then a strict cookie), which hosts and
//! origins are refused, that forms without the form token or too large or malformed are refused
//! with a message and change nothing, that the app listens on loopback only, and that what the
//! register holds is escaped on every page.

use std::net::{IpAddr, TcpStream, UdpSocket};

use crate::serve_util::{Reply, Server, demo_register, encode, register_state, run_on};
use crate::util::temp_dir;

/// The decision form of an application (helper B's route): the post every form check aims at.
const DECISION: &str = "/rounds/2025-1/applications/MIS-2025-001/decision";

/// Asserts `reply` has `status` and its body says `words`.
fn says(reply: &Reply, status: u16, words: &str) {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert!(
        reply.body.contains(words),
        "expected »{words}« in the page:\n{}",
        reply.body
    );
}

#[test]
fn without_the_token_there_is_no_access_and_the_page_says_how_to_get_in() {
    let dir = temp_dir();
    let server = Server::start(&demo_register(dir.path()));
    assert!(server.address.starts_with("http://127.0.0.1:"));
    assert_eq!(server.token.len(), 64);
    assert!(server.token.bytes().all(|b| b.is_ascii_hexdigit()));

    for path in ["/", "/rounds/2025-1", "/style.css", "/no-such-page"] {
        let reply = server.send("GET", path, &[], b"");
        says(&reply, 403, "No access");
        says(&reply, 403, "?token=");
        assert!(
            !reply.body.contains(&server.token),
            "the page gives the token away"
        );
        assert!(
            !reply.body.contains("MIS-2025"),
            "the page shows the register"
        );
    }
    // A cookie with another token, and the address with another token.
    let wrong = format!("kriterium-{}={}", server.port, "0".repeat(64));
    says(
        &server.send("GET", "/", &[("Cookie", &wrong)], b""),
        403,
        "No access",
    );
    let reply = server.send("GET", &format!("/?token={}", "0".repeat(64)), &[], b"");
    says(&reply, 403, "Wrong access token");
    assert!(reply.header("set-cookie").is_none());
    // Another app's cookie name (another port) with the right token does not count either.
    let other = format!("kriterium-{}={}", server.port.wrapping_add(1), server.token);
    assert_eq!(
        server.send("GET", "/", &[("Cookie", &other)], b"").status,
        403
    );
}

#[test]
fn the_printed_address_sets_a_strict_cookie_and_leaves_the_token_out_of_the_address() {
    let dir = temp_dir();
    let server = Server::start(&demo_register(dir.path()));
    let path = format!("/rounds/2025-1?token={}&view=1", server.token);
    let reply = server.send("GET", &path, &[], b"");
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert_eq!(reply.header("location"), Some("/rounds/2025-1?view=1"));
    let cookie = reply.header("set-cookie").expect("a cookie is set");
    assert!(
        cookie.starts_with(&format!("{}; ", server.cookie())),
        "{cookie}"
    );
    for part in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.split("; ").any(|p| p == part), "{part} in {cookie}");
    }
    // The printed address itself goes to the list of rounds.
    let reply = server.send("GET", &format!("/?token={}", server.token), &[], b"");
    assert_eq!(reply.status, 303);
    assert_eq!(reply.header("location"), Some("/"));

    // With the cookie the pages open, with the app's security headers.
    let page = server.get("/rounds/2025-1");
    says(&page, 200, "MIS-2025-001");
    let csp = page.header("content-security-policy").expect("a CSP");
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(page.header("x-frame-options"), Some("DENY"));
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert!(
        !page.body.contains(&server.token),
        "the token is in the page"
    );
}

#[test]
fn a_foreign_host_name_is_refused_even_with_the_token() {
    let dir = temp_dir();
    let server = Server::start(&demo_register(dir.path()));
    let cookie = server.cookie();
    let evil = format!("evil.example:{}", server.port);
    for host in [evil.as_str(), "127.0.0.1", "127.0.0.1:1", "localhost"] {
        let reply = server.send("GET", "/", &[("Host", host), ("Cookie", &cookie)], b"");
        says(&reply, 403, "Unknown host name");
        let with_token = format!("/?token={}", server.token);
        let reply = server.send("GET", &with_token, &[("Host", host)], b"");
        assert_eq!(reply.status, 403, "{host}");
        assert!(reply.header("set-cookie").is_none(), "{host}");
    }
    // The app's own names are fine.
    let localhost = format!("localhost:{}", server.port);
    let reply = server.send(
        "GET",
        "/",
        &[("Host", &localhost), ("Cookie", &cookie)],
        b"",
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
}

#[test]
fn changes_from_another_site_are_refused_and_change_nothing() {
    let dir = temp_dir();
    let register = demo_register(dir.path());
    let server = Server::start(&register);
    let before = register_state(&register);
    let csrf = server.csrf();
    let body = format!("csrf={csrf}&outcome=grant&reason=x");
    let form = ("Content-Type", "application/x-www-form-urlencoded");
    let other_port = format!("http://127.0.0.1:{}", server.port.wrapping_add(1));
    let refused: [&[(&str, &str)]; 4] = [
        &[form, ("Origin", "http://evil.example")],
        &[form, ("Origin", &other_port)],
        &[form, ("Origin", "null")],
        &[form, ("Sec-Fetch-Site", "cross-site")],
    ];
    for path in ["/rounds/2025-1", DECISION, "/"] {
        for headers in refused {
            let reply = server.post(path, body.as_bytes(), headers);
            says(&reply, 403, "Refused: the request came from another site");
            says(&reply, 403, "Nothing was changed");
        }
        // Without the cookie a post is refused before anything else.
        let reply = server.send("POST", path, &[form], body.as_bytes());
        says(&reply, 403, "No access");
    }
    // The app's own origin passes the check (and then meets the route).
    let own = format!("http://127.0.0.1:{}", server.port);
    let reply = server.post(
        "/rounds/2025-1",
        body.as_bytes(),
        &[form, ("Origin", &own), ("Sec-Fetch-Site", "same-origin")],
    );
    assert_ne!(reply.status, 403, "{}", reply.body);
    assert!(reply.status < 500, "{}", reply.body);
    assert_eq!(register_state(&register), before);
}

#[test]
fn the_app_listens_on_the_loopback_address_only() {
    let dir = temp_dir();
    let server = Server::start(&demo_register(dir.path()));
    // The kernel's own table of listening TCP sockets: the app's port on 127.0.0.1 and on no
    // other address (0.0.0.0 would be every interface).
    let table = std::fs::read_to_string("/proc/net/tcp").unwrap_or_default();
    let port = format!(":{:04X}", server.port);
    let listening: Vec<&str> = table
        .lines()
        .skip(1)
        .filter(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            f.len() > 3 && f[1].ends_with(&port) && f[3] == "0A"
        })
        .map(|l| l.split_whitespace().nth(1).unwrap_or(""))
        .collect();
    if !table.is_empty() {
        assert_eq!(listening, [format!("0100007F{port}")], "{table}");
    }
    let v6 = std::fs::read_to_string("/proc/net/tcp6").unwrap_or_default();
    assert!(
        !v6.lines().any(|l| l
            .split_whitespace()
            .nth(1)
            .is_some_and(|a| a.ends_with(&port))
            && l.split_whitespace().nth(3) == Some("0A")),
        "the app listens on IPv6 too:\n{v6}"
    );
    // The machine's address towards other machines, if it has one, does not answer (a UDP
    // socket "connected" sends nothing; it only picks the interface).
    let outward = UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| s.connect("10.255.255.255:9").map(|_| s))
        .and_then(|s| s.local_addr());
    if let Ok(address) = outward
        && let IpAddr::V4(ip) = address.ip()
        && !ip.is_loopback()
        && !ip.is_unspecified()
    {
        assert!(
            TcpStream::connect((ip, server.port)).is_err(),
            "the app answers on {ip}"
        );
    }
}

#[test]
fn what_the_register_holds_is_escaped_on_every_page() {
    let dir = temp_dir();
    let register = dir.path().join("kriterium.sqlite");
    let title = "<script>alert(1)</script> & \"x\" 'y'";
    run_on(
        &register,
        &[
            "round",
            "open",
            "2025-9",
            "--rules",
            "made-in-sonderjylland",
            "--year",
            "2025",
            "--title",
            title,
        ],
    );
    run_on(
        &register,
        &[
            "round",
            "add",
            "2025-9",
            "samples/made-in-sonderjylland/01-ungdomssymfoniorkester.json",
        ],
    );
    let server = Server::start(&register);
    for path in ["/", "/rounds/2025-9"] {
        let page = server.get(path);
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(
            page.body.contains("&lt;script&gt;alert(1)&lt;"),
            "{path}:\n{}",
            page.body
        );
        assert!(
            !page.body.contains("<script>alert"),
            "{path}:\n{}",
            page.body
        );
        assert!(!page.body.contains("\"x\" 'y'"), "{path}:\n{}", page.body);
    }
    // An address the app does not know is named on the not-found page, escaped too.
    let page = server.get(&format!("/{}", encode("<b>x</b>")));
    assert_eq!(page.status, 404, "{}", page.body);
    assert!(!page.body.contains("<b>x"), "{}", page.body);
    let page = server.get("/rounds/%3Cb%3Ex");
    assert!(page.status == 404 || page.status == 400, "{}", page.body);
    assert!(!page.body.contains("<b>x"), "{}", page.body);
}

/// The form checks on the decision route: they need helper B's `POST …/decision`.
mod forms {
    use super::*;

    #[test]
    fn a_form_without_its_token_or_with_another_is_refused_and_changes_nothing() {
        let dir = temp_dir();
        let register = demo_register(dir.path());
        let server = Server::start(&register);
        let before = register_state(&register);
        let form = ("Content-Type", "application/x-www-form-urlencoded");
        for body in [
            "outcome=grant".to_string(),
            format!("outcome=grant&csrf={}", "0".repeat(64)),
            format!("outcome=grant&csrf={}", server.token),
            "outcome=grant&csrf=".to_string(),
        ] {
            let reply = server.post(DECISION, body.as_bytes(), &[form]);
            says(&reply, 403, "lacks its security token");
            says(&reply, 403, "Nothing was changed");
        }
        assert_eq!(register_state(&register), before);
    }

    #[test]
    fn a_huge_or_malformed_form_is_refused_with_a_message_and_changes_nothing() {
        let dir = temp_dir();
        let register = demo_register(dir.path());
        let server = Server::start(&register);
        let before = register_state(&register);
        let csrf = server.csrf();
        let form = ("Content-Type", "application/x-www-form-urlencoded");

        let huge = format!("csrf={csrf}&outcome=grant&reason={}", "x".repeat(70 * 1024));
        let reply = server.post(DECISION, huge.as_bytes(), &[form]);
        says(&reply, 413, "larger than 64 KiB");

        let broken = format!("csrf={csrf}&outcome=grant&reason=%FF%FE");
        says(
            &server.post(DECISION, broken.as_bytes(), &[form]),
            400,
            "not text in UTF-8",
        );
        let good = format!("csrf={csrf}&outcome=grant");
        for kind in [
            "text/plain",
            "application/json",
            "multipart/form-data; boundary=x",
        ] {
            let reply = server.post(DECISION, good.as_bytes(), &[("Content-Type", kind)]);
            says(&reply, 400, "is not a form");
        }
        says(
            &server.post(DECISION, good.as_bytes(), &[]),
            400,
            "is not a form",
        );
        let twice = format!("csrf={csrf}&outcome=grant&outcome=reject");
        says(
            &server.post(DECISION, twice.as_bytes(), &[form]),
            400,
            "more than once",
        );
        assert_eq!(register_state(&register), before);
    }
}
