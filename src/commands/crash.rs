//! Test-only crash points: lets the tests stop the process dead at a named point, to show that
//! a run killed there leaves the results as they were.
//!
//! Only debug builds (which the tests run) read `KRITERIUM_TEST_STOP_AT`; a release build ignores
//! it, so no user setting can make the product abort.

/// Aborts the process at once when `KRITERIUM_TEST_STOP_AT` names `point` (debug builds only),
/// as `kill -9` would: no destructors run, nothing is cleaned up.
pub fn point(point: &str) {
    #[cfg(debug_assertions)]
    if std::env::var_os("KRITERIUM_TEST_STOP_AT").is_some_and(|wanted| wanted == point) {
        std::process::abort();
    }
    #[cfg(not(debug_assertions))]
    let _ = point;
}
