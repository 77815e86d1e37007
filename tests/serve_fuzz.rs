//! Random requests at the meeting app (issue 19: "the server never panics on a request"): 500
//! requests from a seeded generator — every route of the app and some that are not, GET and
//! POST, random field names, values, raw bytes, lengths and content types, with and without the
//! form token — and after them the app still runs and answers, none was answered with a server
//! error, and the register changed only if some post carried the right token and was accepted.

use crate::serve_util::{Server, demo_register, encode, register_state};
use crate::util::temp_dir;

/// A small deterministic generator (xorshift64*): the same 500 requests on every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T: ?Sized>(&mut self, from: &[&'a T]) -> &'a T {
        from[self.below(from.len())]
    }

    /// `len` random bytes, mostly printable, some of them anything.
    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len)
            .map(|_| {
                if self.below(4) == 0 {
                    self.next() as u8
                } else {
                    b' ' + self.below(95) as u8
                }
            })
            .collect()
    }
}

/// The app's addresses (every helper's routes), with some that are not and some odd ones.
const PATHS: &[&str] = &[
    "/",
    "/rounds/2025-1",
    "/rounds/2024-1",
    "/rounds/nope",
    "/rounds/2025-1/tune",
    "/rounds/2025-1/tune/changes",
    "/rounds/2025-1/tune/save",
    "/rounds/2024-1/tune/save",
    "/rounds/2025-1/applications/MIS-2025-001",
    "/rounds/2025-1/applications/MIS-2025-001/decision",
    "/rounds/2025-1/applications/MIS-2025-002/decision",
    "/rounds/2024-1/applications/MIS-2025-001/decision",
    "/rounds/2025-1/applications/MIS-2025-001/letter.pdf",
    "/rounds/2025-1/applications/NOPE/decision",
    "/rounds/2025-1/reviews",
    "/style.css",
    "/app.js",
    "/%FF%FE",
    "/rounds/%00",
    "/rounds/..%2F..%2Fetc%2Fpasswd",
];

/// Field names the app's forms use, and made-up ones.
const NAMES: &[&str] = &[
    "outcome",
    "amount",
    "reason",
    "stood_aside",
    "date",
    "loaded",
    "budget",
    "folder",
    "w-kvalitet",
    "w-",
    "",
    "csrf",
    "a[]",
    "%",
    "%zz",
    "+",
];

const OUTCOMES: &[&str] = &["grant", "partial", "reject", "GRANT", "", "-1", "1e309"];

const TYPES: &[&str] = &[
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=utf-8",
    "APPLICATION/X-WWW-FORM-URLENCODED",
    "text/plain",
    "multipart/form-data; boundary=x",
    "application/json",
    "",
];

#[test]
fn five_hundred_random_requests_get_no_server_error_and_change_nothing_unaccepted() {
    let dir = temp_dir();
    let register = demo_register(dir.path());
    let mut server = Server::start(&register);
    let before = register_state(&register);
    let csrf = server.csrf();
    let mut random = Random(0x5EED_2026_C0FF_EE11);
    let mut accepted = Vec::new();
    let mut refused = 0;
    for n in 0..500 {
        let path = random.pick(PATHS).to_string();
        let post = random.below(3) != 0;
        let mut body = Vec::new();
        let with_token = post && random.below(2) == 0;
        if with_token {
            body.extend_from_slice(format!("csrf={csrf}").as_bytes());
        }
        for _ in 0..random.below(6) {
            if !body.is_empty() {
                body.push(b'&');
            }
            match random.below(4) {
                0 => {
                    let len = random.below(40);
                    body.extend(random.bytes(len));
                }
                1 => {
                    let value = random.pick(OUTCOMES);
                    body.extend(format!("outcome={}", encode(value)).bytes());
                }
                _ => {
                    let name = random.pick(NAMES);
                    let len = random.below(200);
                    let value = String::from_utf8_lossy(&random.bytes(len)).into_owned();
                    body.extend(format!("{}={}", encode(name), encode(&value)).bytes());
                }
            }
        }
        if random.below(50) == 0 {
            // Now and then a form past the limit.
            body.extend(std::iter::repeat_n(b'x', 66 * 1024));
        }
        let kind = random.pick(TYPES);
        let cookie = server.cookie();
        let mut headers = vec![("Cookie", cookie.as_str())];
        if !kind.is_empty() {
            headers.push(("Content-Type", kind));
        }
        let reply = if post {
            server.send("POST", &path, &headers, &body)
        } else {
            server.send("GET", &path, &headers, b"")
        };
        assert!(
            (100..500).contains(&reply.status),
            "request {n}: {} {path} ({kind}, {} bytes) was answered {}:\n{}",
            if post { "POST" } else { "GET" },
            body.len(),
            reply.status,
            reply.body
        );
        if post {
            if reply.status < 400 {
                accepted.push(format!("{path} {}", String::from_utf8_lossy(&body)));
            } else {
                refused += 1;
            }
            assert!(
                with_token || reply.status >= 400,
                "request {n}: a post without the form token was accepted: {path}"
            );
        }
    }
    assert!(server.alive(), "the app stopped");
    assert_eq!(server.get("/").status, 200);
    assert!(refused > 100, "only {refused} posts refused");
    let after = register_state(&register);
    assert!(
        after == before || !accepted.is_empty(),
        "the register changed though no post was accepted"
    );
    if after != before {
        eprintln!("accepted posts that may have changed the register: {accepted:#?}");
    }
}
