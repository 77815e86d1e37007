//! Resident memory of the meeting app under use (issue 19: "resident memory grows less than
//! 20 MB over 10,000 requests after warm-up"): `cargo bench --bench serve_memory`.
//!
//! Starts the built `kriterium serve` over the README's demo register, sends 1,000 requests to
//! warm it up (templates compiled, allocator pools grown, SQLite caches filled), reads `VmRSS`
//! from `/proc/PID/status`, sends 10,000 more — the rounds list, both round pages, the style
//! and script, pages that do not exist, and posts that are refused (no form token, a foreign
//! origin, a form that is too large) — and reads `VmRSS` again. Prints both and the growth, and
//! fails when the growth is 20 MB or more. Linux only (`/proc`); elsewhere it says so and stops.
//!
//! The app is started and spoken to by the tests' own helper (`tests/serve_util.rs`), so the
//! benchmark measures the same requests the tests make.

// A benchmark may unwrap its own setup: a panic there stops a measurement, never a user's run.
#![allow(clippy::unwrap_used)]

use std::path::Path;

#[path = "../tests/serve_util.rs"]
#[allow(dead_code)]
mod serve_util;

use serve_util::{Server, demo_register};

/// Requests before the first reading, and between the two.
const WARM_UP: usize = 1_000;
const MEASURED: usize = 10_000;

/// The most the resident memory may grow over [`MEASURED`] requests, in bytes (20 MB).
const LIMIT: u64 = 20 * 1000 * 1000;

/// The resident set of process `pid` in bytes (`VmRSS` of `/proc/PID/status`).
fn resident(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Request number `n` of the mix; panics if the app answers with a server error or not at all.
fn request(server: &Server, csrf: &str, n: usize) {
    let form = ("Content-Type", "application/x-www-form-urlencoded");
    let decision = "/rounds/2025-1/applications/MIS-2025-001/decision";
    let reply = match n % 10 {
        0 | 1 => server.get("/"),
        2 | 3 => server.get("/rounds/2025-1"),
        4 => server.get("/rounds/2024-1"),
        5 => server.get("/style.css"),
        6 => server.get(&format!("/no-such-page-{n}")),
        7 => server.post(decision, b"outcome=grant", &[form]),
        8 => server.post(
            decision,
            format!("csrf={csrf}&outcome=grant").as_bytes(),
            &[form, ("Origin", "http://evil.example")],
        ),
        _ => {
            let huge = format!("csrf={csrf}&reason={}", "x".repeat(70 * 1024));
            server.post(decision, huge.as_bytes(), &[form])
        }
    };
    assert!(
        (200..500).contains(&reply.status),
        "request {n} was answered {}: {}",
        reply.status,
        reply.body
    );
}

fn main() {
    if !Path::new("/proc/self/status").exists() {
        println!("serve_memory: needs Linux's /proc to read the resident memory; skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let register = demo_register(dir.path());
    let mut server = Server::start(&register);
    let csrf = server.csrf();
    for n in 0..WARM_UP {
        request(&server, &csrf, n);
    }
    let before = resident(server.pid()).unwrap();
    let started = std::time::Instant::now();
    for n in 0..MEASURED {
        request(&server, &csrf, n);
    }
    let took = started.elapsed();
    let after = resident(server.pid()).unwrap();
    assert!(server.alive(), "the app stopped");
    let growth = after.saturating_sub(before);
    let mb = |bytes: u64| bytes as f64 / 1e6;
    println!(
        "serve_memory: resident {:.1} MB after {WARM_UP} warm-up requests, {:.1} MB after \
         {MEASURED} more ({:.1} s, {:.1} ms a request): grew {:.2} MB (limit {:.0} MB) — {}",
        mb(before),
        mb(after),
        took.as_secs_f64(),
        took.as_secs_f64() * 1000.0 / MEASURED as f64,
        mb(growth),
        mb(LIMIT),
        if growth < LIMIT { "within" } else { "OVER" }
    );
    assert!(
        growth < LIMIT,
        "resident memory grew {:.2} MB over {MEASURED} requests",
        mb(growth)
    );
}
