//! `kriterium`: the command line. Parses arguments, runs a command, prints errors once, and
//! exits with 0 (all good), 1 (some input rejected), 2 (usage error or unusable pack) or 3 (the
//! results could not be written or stored; nothing partial is left).

#[macro_use]
mod terminal;

mod args;
mod builtin;
mod commands;
mod guard;
mod help;
mod language;
mod messages;
mod serve;
mod usage;

use std::process::ExitCode;

use messages::Message;

/// mimalloc (see Cargo.toml), counting bytes per thread so a script run's memory can be limited.
#[global_allocator]
static ALLOCATOR: guard::CountingAllocator = guard::CountingAllocator(mimalloc::MiMalloc);

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything was valid and assessed.
    Ok,
    /// Some input was invalid or could not be assessed, a pack's test failed, or `check` found
    /// warnings it was told to deny; everything else was still done.
    Rejected,
    /// The rule pack cannot be used; the command has already said why.
    Unusable,
}

fn main() -> ExitCode {
    // Before anything uses Rhai: nothing a script computes may depend on a random hashing seed.
    kriterium_engine::script::fixed_hashing();
    let arguments: Vec<std::ffi::OsString> = std::env::args_os().collect();
    messages::start(usage::language_flag(&arguments).as_deref());
    let cli = match usage::parse(arguments) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    // Every script run, in every command, is bounded in memory and time by the host's guard.
    kriterium_engine::script::meter::install(guard::ScriptGuard::boxed);
    // Rule scripts run on a thread with a known, generous stack: a Rhai call level takes tens of
    // KiB of native stack, and an overflow would abort the process instead of failing a script.
    let worker = std::thread::Builder::new()
        .name("kriterium".into())
        .stack_size(kriterium_engine::script::STACK_SIZE)
        .spawn(move || commands::run(cli));
    let outcome = match worker {
        Ok(handle) => handle
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!(messages::say(Message::WorkerStopped, &[])))),
        Err(e) => Err(anyhow::anyhow!(messages::say(
            Message::NoWorker,
            &[("reason", &e.to_string())]
        ))),
    };
    match outcome {
        Ok(Status::Ok) => ExitCode::SUCCESS,
        Ok(Status::Rejected) => ExitCode::from(1),
        Ok(Status::Unusable) => ExitCode::from(2),
        Err(error) => {
            print_error(&error);
            // A full disk or an unwritable folder is not the user's mistake in the command line.
            if commands::is_cannot_store(&error) {
                ExitCode::from(3)
            } else {
                ExitCode::from(2)
            }
        }
    }
}

/// `error: what failed`, then each cause on its own indented line(s).
fn print_error(error: &anyhow::Error) {
    let mut chain = error.chain();
    if let Some(first) = chain.next() {
        errln!(
            "{}: {first}",
            messages::Message::ErrorPrefix.text(messages::lang())
        );
    }
    for cause in chain {
        for line in cause.to_string().lines() {
            errln!("  {line}");
        }
    }
}
