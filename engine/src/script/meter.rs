//! What one script run may spend, and the hook through which the host stops it.
//!
//! Rhai counts one operation per step of a script, however large the values involved, and
//! knows nothing of memory or time. This module adds the rest:
//! - **Work done by native helpers.** Each helper kriterium registers (`common`,
//!   `format_list`, …) charges (`Meter::charge`) operations in proportion to the size of its
//!   inputs *before* it does the work, so the operation limit covers the whole run and a
//!   helper over huge lists is refused instead of run.
//! - **Memory and time**, which the engine cannot measure without reading the clock or the
//!   allocator: the host installs a [`RunGuard`] (see [`install`]); the engine tells it when a
//!   run starts and asks it every [`CHECK_EVERY`] operations whether a limit is exceeded. The
//!   engine itself never reads the clock, so with no guard installed (the library's own tests)
//!   every result depends only on the script and its input.
//!
//! Whatever stops a run, the application is rejected with the reason; a limit never changes a
//! written decision.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::sync::OnceLock;

/// How often, in Rhai operations, the host's guard is asked whether a run must stop. Between
/// two checks a script can grow its memory by at most this many values of the largest size a
/// value may have (`MAX_STRING_SIZE`), which bounds how far past the memory limit it gets.
pub const CHECK_EVERY: u64 = 16;

/// Which limit stopped a script run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Limit {
    /// Too many operations (Rhai's own steps plus the charged work of native helpers).
    Operations,
    /// Too much memory held at once, or too much allocated in all.
    Memory,
    /// The wall-clock backstop.
    Time,
    /// A string, list or map larger than allowed.
    Size,
    /// Functions calling each other too deep.
    CallDepth,
}

impl Limit {
    /// The limit's name as messages show it: `operations`, `memory`, `time`, `size`,
    /// `call depth`.
    pub fn name(self) -> &'static str {
        match self {
            Limit::Operations => "operations",
            Limit::Memory => "memory",
            Limit::Time => "time",
            Limit::Size => "size",
            Limit::CallDepth => "call depth",
        }
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a guard stopped a run: the limit, and what was exceeded in plain words (e.g. "the
/// script held more than 64 MiB of memory at once").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stop {
    /// Which limit.
    pub limit: Limit,
    /// What was exceeded, for the secretariat: lowercase start, no final period.
    pub message: String,
}

/// The host's check on one script run, made on the thread that runs the script.
///
/// [`start`](RunGuard::start) is called as a run begins; [`exceeded`](RunGuard::exceeded)
/// every [`CHECK_EVERY`] operations until it returns a [`Stop`], which ends the run with that
/// reason. An implementation typically compares bytes allocated on this thread and elapsed
/// time with what they were at `start`.
pub trait RunGuard {
    /// A script run begins on this thread.
    fn start(&self);
    /// Whether the run that began last must stop, and why.
    fn exceeded(&self) -> Option<Stop>;
}

/// Makes a guard for a thread that runs scripts (each engine gets its own).
pub type GuardFactory = fn() -> Box<dyn RunGuard>;

static FACTORY: OnceLock<GuardFactory> = OnceLock::new();

/// Installs the guard every script host built afterwards uses, process-wide, so every command
/// that runs scripts (`assess`, `batch`, `test`, `round`, …) is bounded alike. The first
/// installation wins; returns whether this one did.
pub fn install(factory: GuardFactory) -> bool {
    FACTORY.set(factory).is_ok()
}

/// A guard from the installed factory, if any.
pub(crate) fn installed_guard() -> Option<Box<dyn RunGuard>> {
    FACTORY.get().map(|make| make())
}

/// The count of one script run, shared by the engine's progress callback and the native
/// helpers (all on one thread).
pub(crate) struct Meter {
    /// Most operations a run may take, Rhai's and charged ones together.
    max_operations: u64,
    /// Rhai's operation count as last reported to the progress callback.
    operations: Cell<u64>,
    /// Operations charged by native helpers in this run.
    charged: Cell<u64>,
    /// Why the run was stopped, once it was.
    stop: RefCell<Option<Stop>>,
    /// Whether `stop` is set: read on every operation, where borrowing `stop` cost more than
    /// the rest of the check.
    stopped: Cell<bool>,
    guard: RefCell<Option<Box<dyn RunGuard>>>,
}

impl Meter {
    /// A meter allowing `max_operations`, with the installed guard (if any).
    pub(crate) fn new(max_operations: u64) -> Self {
        Meter {
            max_operations,
            operations: Cell::new(0),
            charged: Cell::new(0),
            stop: RefCell::new(None),
            stopped: Cell::new(false),
            guard: RefCell::new(installed_guard()),
        }
    }

    /// Replaces the guard (tests use a guard of their own).
    #[cfg(test)]
    pub(crate) fn set_guard(&self, guard: Option<Box<dyn RunGuard>>) {
        *self.guard.borrow_mut() = guard;
    }

    /// A run begins: counts from zero and tells the guard.
    pub(crate) fn start(&self) {
        self.operations.set(0);
        self.charged.set(0);
        *self.stop.borrow_mut() = None;
        self.stopped.set(false);
        if let Some(guard) = self.guard.borrow().as_ref() {
            guard.start();
        }
    }

    /// Called by Rhai on every operation with its count so far; `true` stops the run (the
    /// reason is then in [`stopped`](Meter::stopped)).
    pub(crate) fn progress(&self, operations: u64) -> bool {
        self.operations.set(operations);
        // Once stopped, every later operation stops too. Rhai swallows a stop raised inside
        // some calls (writing a list into a text falls back to plain formatting), so a stop
        // asked for only every `CHECK_EVERY` operations could land there every time, and a
        // loop around such a call ran on past the guard's limit.
        if self.stopped.get() || self.over_operations() {
            return true;
        }
        if operations.is_multiple_of(CHECK_EVERY) {
            return self.ask_guard();
        }
        false
    }

    /// Charges `operations` for work a native helper is about to do; an error (to return from
    /// the helper at once, before doing the work) when the run is then over its limit.
    pub(crate) fn charge(&self, operations: u64) -> Result<(), Box<rhai::EvalAltResult>> {
        self.charged
            .set(self.charged.get().saturating_add(operations));
        if self.over_operations() || self.ask_guard() {
            return Err(rhai::EvalAltResult::ErrorTerminated(
                rhai::Dynamic::UNIT,
                rhai::Position::NONE,
            )
            .into());
        }
        Ok(())
    }

    /// Why the run was stopped, if it was.
    pub(crate) fn stopped(&self) -> Option<Stop> {
        self.stop.borrow().clone()
    }

    fn over_operations(&self) -> bool {
        let spent = self.operations.get().saturating_add(self.charged.get());
        if spent <= self.max_operations {
            return false;
        }
        self.stopped.set(true);
        self.stop.borrow_mut().get_or_insert_with(|| Stop {
            limit: Limit::Operations,
            message: format!(
                "the script ran longer than the limit of {} operations; is there an endless loop, or work on very large lists or texts?",
                self.max_operations
            ),
        });
        true
    }

    fn ask_guard(&self) -> bool {
        let found = self.guard.borrow().as_ref().and_then(|g| g.exceeded());
        match found {
            Some(stop) => {
                self.stopped.set(true);
                self.stop.borrow_mut().get_or_insert(stop);
                true
            }
            None => false,
        }
    }
}
