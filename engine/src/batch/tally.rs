//! A test hook: how many inputs each worker thread handled, so a test can see that a parallel
//! run was run by several workers.
//!
//! Only debug builds (which the tests run) report, and only when [`ENV`] is set; a release
//! build only counts. Like `KRITERIUM_TEST_STOP_AT` in the CLI, this is not a user setting.

use std::io::Write;

/// The environment variable that makes every worker of a debug build write, when it ends, one
/// line `worker-N handled K inputs` to standard error.
pub const ENV: &str = "KRITERIUM_TEST_WORKER_COUNTS";

/// The inputs one worker has handled; reports when the worker ends, however it ends.
#[derive(Debug, Default)]
pub(super) struct Tally {
    inputs: u64,
}

impl Tally {
    /// Counts `inputs` more handled inputs.
    pub(super) fn add(&mut self, inputs: usize) {
        self.inputs = self.inputs.saturating_add(inputs as u64);
    }
}

impl Drop for Tally {
    fn drop(&mut self) {
        if cfg!(debug_assertions) && std::env::var_os(ENV).is_some() {
            let thread = std::thread::current();
            let name = thread.name().unwrap_or("an unnamed thread");
            // A test hook: a closed standard error only loses the line.
            let _ = writeln!(
                std::io::stderr().lock(),
                "{name} handled {} inputs",
                self.inputs
            );
        }
    }
}
