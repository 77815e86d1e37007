//! `kriterium serve`: the meeting app, a local web app over the register, so the network group
//! itself sees its rounds, tunes the weights, decides and writes letters.
//!
//! It listens on 127.0.0.1 only and prints its address with a random access token (as Jupyter
//! does), so other users of the machine cannot use it (`access.rs`). Every page is rendered by
//! the engine's template set-up (`kriterium_engine::report::configure_templates`: the reports'
//! own escaping) with the reports' style sheet; the little script the pages carry only sends
//! forms and swaps the answer in: every ranking, diff and decision is the engine's and the
//! register commands' own code, run on the server.
//!
//! Work that touches the register or runs the engine happens on tokio's blocking threads, each
//! opening the register for the request (SQLite connections are cheap and not shared between
//! threads); those threads get the large stack Rhai needs (`script::STACK_SIZE`).

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::sync::Arc;

use anyhow::{Context, Result, anyhow};
use kriterium_register::Access;

use crate::Status;
use crate::args::RegisterArg;
use crate::commands::register::{open_register, path};
use crate::messages;

mod access;
mod app;
mod deciding;
mod failure;
mod form;
mod page;
mod rounds;
mod tune;
mod words;

pub use app::App;

/// The language of the app when neither `--lang` nor `KRITERIUM_LANG` names one: the group's.
pub const DEFAULT_LANGUAGE: &str = "da";

/// Runs the app until Ctrl+C.
///
/// Errors: the register cannot be opened (exit 3), or the port cannot be listened on (exit 2).
pub fn run(register: &RegisterArg, port: u16, lang: Option<&str>) -> Result<Status> {
    let lang = lang
        .map(str::to_string)
        .or_else(|| {
            crate::language::from_env()
                .ok()
                .flatten()
                .map(str::to_string)
        })
        .unwrap_or_else(|| DEFAULT_LANGUAGE.to_string());
    messages::settle(&lang);
    let path = path(register);
    // Opened once now, so a missing or foreign file is said before the address is printed.
    drop(open_register(&path, Access::Read)?);
    let listener = listen(port)?;
    let address = listener
        .local_addr()
        .context("the listening socket has no address")?;
    let app = Arc::new(App::new(path, address.port(), &lang)?);
    outln!("{}", words::started(&app));
    outln!("{}", app.entry_url());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_stack_size(kriterium_engine::script::STACK_SIZE)
        .enable_io()
        .enable_time()
        .build()
        .context("cannot start the web server's threads")?;
    runtime.block_on(async move {
        listener
            .set_nonblocking(true)
            .context("cannot listen without blocking")?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        axum::serve(listener, app::router(app))
            .with_graceful_shutdown(async {
                // Without a Ctrl+C handler the app runs until it is killed, which is fine.
                if tokio::signal::ctrl_c().await.is_err() {
                    std::future::pending::<()>().await;
                }
            })
            .await
            .context("the web server stopped")
    })?;
    outln!("{}", words::Ui::Stopped.text(messages::lang()));
    Ok(Status::Ok)
}

/// Listens on 127.0.0.1:`port`: never on another interface, so no other machine can reach it.
fn listen(port: u16) -> Result<TcpListener> {
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    TcpListener::bind(address).map_err(|e| {
        anyhow!(words::say(
            words::Ui::CannotListen,
            &[("port", &port.to_string()), ("reason", &e.to_string())]
        ))
    })
}
