//! The app's pages: its templates (`templates/`, compiled into the binary) in an environment
//! set up as the reports' own (`report::configure_templates`: every value HTML-escaped, control
//! characters shown), the reports' style sheet and the app's own few rules, and the small
//! script that sends forms without reloading the page.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};
use minijinja::Environment;
use minijinja::value::Value;

use super::App;
use super::failure::{Answer, Failure};
use super::words::{Ui, say};

/// The templates, by name.
const TEMPLATES: &[(&str, &str)] = &[
    ("layout.html", include_str!("templates/layout.html")),
    ("failure.html", include_str!("templates/failure.html")),
    ("rounds.html", include_str!("templates/rounds.html")),
    ("round.html", include_str!("templates/round.html")),
    ("money.html", include_str!("templates/money.html")),
    (
        "application.html",
        include_str!("templates/application.html"),
    ),
    ("reviews.html", include_str!("templates/reviews.html")),
    ("tune.html", include_str!("templates/tune.html")),
    (
        "tune_changes.html",
        include_str!("templates/tune_changes.html"),
    ),
    ("tune_saved.html", include_str!("templates/tune_saved.html")),
];

/// The app's own style rules, after the reports' (`assets/app.css`).
const APP_STYLE: &str = include_str!("assets/app.css");
/// The pages' script (`assets/app.js`): no build step, no library.
const SCRIPT: &str = include_str!("assets/app.js");

fn environment() -> &'static Environment<'static> {
    static ENVIRONMENT: OnceLock<Environment<'static>> = OnceLock::new();
    ENVIRONMENT.get_or_init(|| {
        let mut env = Environment::new();
        kriterium_engine::report::configure_templates(&mut env);
        for (name, source) in TEMPLATES {
            // The templates are part of the binary; a broken one is a bug the first test that
            // renders it finds.
            if let Err(e) = env.add_template(name, source) {
                panic!("template {name} does not compile: {e:#}");
            }
        }
        env
    })
}

/// The words of `lang` as templates read them (`w.Rounds`).
fn words(lang: &str) -> Value {
    let map: BTreeMap<&str, &str> = Ui::ALL.iter().map(|w| (w.key(), w.text(lang))).collect();
    Value::from(map)
}

/// Renders `template` with `page` (what it shows), the words, the language and the form token.
pub fn render(app: &App, template: &str, page: Value) -> Answer {
    let lang = app.lang.as_str();
    let context = minijinja::context! {
        p => page,
        w => words(lang),
        lang => lang,
        csrf => app.csrf.as_str(),
    };
    environment()
        .get_template(template)
        .and_then(|t| t.render(context))
        .map(|html| Html(html).into_response())
        .map_err(|e| {
            Failure::failed(&anyhow::anyhow!(
                "the page {template} could not be made ({e:#}); this is a fault of kriterium"
            ))
        })
}

/// The page of a [`Failure`]: standalone, so it renders whatever went wrong.
pub fn failure_page(failure: &Failure) -> String {
    let lang = crate::messages::lang();
    let help = match failure.title {
        Ui::NoToken | Ui::WrongToken => Ui::AccessHelp.text(lang),
        Ui::ForeignOrigin => Ui::ForeignOriginHelp.text(lang),
        _ => "",
    };
    let context = minijinja::context! {
        w => words(lang),
        lang => lang,
        title => failure.title.text(lang),
        detail => failure.detail.as_str(),
        help => help,
        csrf => "",
        status => failure.status.as_u16(),
    };
    environment()
        .get_template("failure.html")
        .and_then(|t| t.render(context))
        .unwrap_or_else(|_| failure.title.text(lang).to_string())
}

/// `/style.css`: the reports' style sheet, then the app's.
pub async fn style() -> Response {
    static CSS: OnceLock<String> = OnceLock::new();
    let css = CSS.get_or_init(|| format!("{}\n{APP_STYLE}", kriterium_engine::report::STYLE));
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        css.as_str(),
    )
        .into_response()
}

/// `/app.js`.
pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        SCRIPT,
    )
        .into_response()
}

/// Any address that is no page: 404 with a way back.
pub async fn not_found(State(_app): State<Arc<App>>, uri: Uri) -> Failure {
    Failure::new(
        StatusCode::NOT_FOUND,
        Ui::NotFound,
        say(
            Ui::NotFoundDetail,
            &[("path", &crate::messages::quoted(uri.path()))],
        ),
    )
}

/// A known address asked the wrong way (a form's answer reloaded as a GET, say): 405 with a
/// way back, not an empty page.
pub async fn method_not_allowed(uri: Uri) -> Failure {
    Failure::new(
        StatusCode::METHOD_NOT_ALLOWED,
        Ui::MethodNotAllowed,
        say(
            Ui::MethodNotAllowedDetail,
            &[("path", &crate::messages::quoted(uri.path()))],
        ),
    )
}
