//! The host's guard on script runs: memory held, memory allocated, and a wall-clock backstop.
//!
//! Rhai counts operations but not memory, and the engine never reads the clock (a decision must
//! not depend on machine speed). The binary knows both: its global allocator is mimalloc wrapped
//! in [`CountingAllocator`], which counts the bytes each thread allocates and frees, and
//! [`ScriptGuard`] compares them and the elapsed time with what they were when a script run
//! began. The engine calls it every few operations (`kriterium_engine::script::meter`); when a
//! limit is exceeded, the run stops and the application is rejected with the reason — a limit
//! never changes a written decision.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::time::{Duration, Instant};

use kriterium_engine::script::meter::{Limit, RunGuard, Stop};

/// Most memory one script run may hold at once, in bytes (what it allocated on its thread since
/// it began, less what it freed). A real criterion holds well under 1 MiB; 64 MiB is 64 values of
/// the largest size a script may build. `--jobs` workers each run one script at a time, so a
/// batch holds at most workers × 64 MiB for scripts: 2 GiB on a 32-thread server (24 GiB), 256
/// MiB on a 4-thread laptop.
pub const MAX_HELD_BYTES: u64 = 64 << 20;
/// Most memory one script run may allocate in all, in bytes, freed or not. Rhai copies a value on
/// many operations, so a loop over a 1 MiB text copies a megabyte per step while counting one
/// operation: this stops it after about 500 such steps, where the operation limit would
/// allow a million (minutes). A real criterion allocates well under 10 MiB.
pub const MAX_ALLOCATED_BYTES: u64 = 512 << 20;
/// Longest one script run may take on the clock: a backstop for whatever the operation and
/// memory limits, which do not depend on the machine, let through. A real criterion takes
/// microseconds; the built-in packs' slowest scripts on the largest valid application (lists
/// filled to the schema's limits, `tests/plugins.rs`) take a fraction of a second. A debug build
/// (the tests) runs scripts several times slower: with a 1 s backstop that application was
/// rejected there, so in debug builds the backstop is ten times longer, and the tests see the
/// limits that do not depend on the machine.
pub const MAX_DURATION: Duration = if cfg!(debug_assertions) {
    Duration::from_secs(10)
} else {
    Duration::from_secs(1)
};

thread_local! {
    /// Bytes allocated on this thread so far (`const`, no destructor: usable inside the
    /// allocator).
    static ALLOCATED: Cell<u64> = const { Cell::new(0) };
    /// Bytes freed on this thread so far.
    static FREED: Cell<u64> = const { Cell::new(0) };
}

fn add(counter: &'static std::thread::LocalKey<Cell<u64>>, bytes: usize) {
    // `try_with` fails only while the thread is being torn down; nothing is measured then.
    let _ = counter.try_with(|c| c.set(c.get().wrapping_add(bytes as u64)));
}

fn read(counter: &'static std::thread::LocalKey<Cell<u64>>) -> u64 {
    // As in `add`: only a thread being torn down, which runs no script, has no counter.
    counter.try_with(Cell::get).unwrap_or(0)
}

/// mimalloc, counting per thread the bytes allocated and freed.
pub struct CountingAllocator(pub mimalloc::MiMalloc);

// SAFETY: every call is passed on unchanged to mimalloc; only thread-local counters are added.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        add(&ALLOCATED, layout.size());
        // SAFETY: the caller's contract is passed on.
        unsafe { self.0.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        add(&ALLOCATED, layout.size());
        // SAFETY: the caller's contract is passed on.
        unsafe { self.0.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        add(&FREED, layout.size());
        // SAFETY: the caller's contract is passed on.
        unsafe { self.0.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Growth is new memory, shrinking frees some.
        if new_size >= layout.size() {
            add(&ALLOCATED, new_size - layout.size());
        } else {
            add(&FREED, layout.size() - new_size);
        }
        // SAFETY: the caller's contract is passed on.
        unsafe { self.0.realloc(ptr, layout, new_size) }
    }
}

/// The guard on one thread's script runs. See the module documentation.
pub struct ScriptGuard {
    /// Allocated and freed bytes, and the time, when the current run began.
    start: Cell<(u64, u64, Instant)>,
}

impl ScriptGuard {
    /// A guard for the calling thread; [`kriterium_engine::script::meter::install`] takes this.
    pub fn boxed() -> Box<dyn RunGuard> {
        Box::new(ScriptGuard {
            start: Cell::new((read(&ALLOCATED), read(&FREED), Instant::now())),
        })
    }
}

impl RunGuard for ScriptGuard {
    fn start(&self) {
        self.start
            .set((read(&ALLOCATED), read(&FREED), Instant::now()));
    }

    fn exceeded(&self) -> Option<Stop> {
        let (allocated_before, freed_before, began) = self.start.get();
        let allocated = read(&ALLOCATED).wrapping_sub(allocated_before);
        let freed = read(&FREED).wrapping_sub(freed_before);
        // Memory allocated elsewhere and freed here counts in the script's favour, never
        // against it.
        let held = allocated.saturating_sub(freed);
        if held > MAX_HELD_BYTES {
            return Some(Stop {
                limit: Limit::Memory,
                message: format!(
                    "the script held more than {} MiB of memory at once; does it collect very many or very large texts or lists?",
                    MAX_HELD_BYTES >> 20
                ),
            });
        }
        if allocated > MAX_ALLOCATED_BYTES {
            return Some(Stop {
                limit: Limit::Memory,
                message: format!(
                    "the script allocated more than {} MiB of memory in all; does it copy very large texts or lists over and over?",
                    MAX_ALLOCATED_BYTES >> 20
                ),
            });
        }
        if began.elapsed() > MAX_DURATION {
            return Some(Stop {
                limit: Limit::Time,
                message: format!(
                    "the script ran longer than the backstop of {} s on the clock; does it work over very large texts or lists?",
                    MAX_DURATION.as_secs()
                ),
            });
        }
        None
    }
}
