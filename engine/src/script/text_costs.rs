//! Rhai's own text functions whose work grows with the text, charged by its length.
//!
//! Rhai counts one operation for a call however long the text it reads: searching a 1 MiB text with
//! `contains` in a loop spent a few thousand operations and ran until the clock's backstop stopped
//! it — or, on an idle machine, just under it, so whether an application got a decision depended
//! on the machine's load. Functions registered on the engine
//! are found before the standard package's (Rhai's lookup order; with fast operators off, also for
//! operators), so these replace the standard ones with the same results and a charge through the
//! [`Meter`] first: one operation per [`super::BYTES_PER_OPERATION`] bytes read, like the
//! kriterium helpers. Texts are then bounded by the reproducible operation limit, not the clock.
//!
//! What Rhai does here is copied from its `string_more` package (rhai 1.27), so no script sees a
//! different answer; `tests` check them against the standard package.

use std::rc::Rc;

use rhai::{Engine, EvalAltResult, INT, ImmutableString};

use super::BYTES_PER_OPERATION;
use super::meter::Meter;

type Res<T> = Result<T, Box<EvalAltResult>>;

/// The names of Rhai's standard functions this module replaces (same results, charged).
#[cfg(test)]
pub(super) const REPLACED: &[&str] = &["contains", "starts_with", "ends_with", "index_of", "len"];

/// Registers the charged text functions on `engine`.
pub(super) fn register(engine: &mut Engine, meter: &Rc<Meter>) {
    // Comparisons (`==`, `<`, …) are not replaced: Rhai's list functions (`in`, `dedup`,
    // `index_of`, `sort`) call a registered `==` as a counted function call per pair, so a valid
    // application's answers de-duplicated pair by pair went over the operation limit. Comparing
    // two huge texts over and over is left to the memory limit and the clock's backstop.

    // Searches read the whole text (and the pattern).
    macro_rules! search {
        ($($name:literal: $pattern:ty => $f:expr),* $(,)?) => {$(
            let m = Rc::clone(meter);
            engine.register_fn($name, move |s: ImmutableString, p: $pattern| -> Res<_> {
                m.charge(cost_of_reading(s.len() + p.to_string().len()))?;
                Ok($f(s.as_str(), p))
            });
        )*};
    }
    search! {
        "contains": ImmutableString => |s: &str, p: ImmutableString| s.contains(p.as_str()),
        "contains": char => |s: &str, c: char| s.contains(c),
        "starts_with": ImmutableString => |s: &str, p: ImmutableString| s.starts_with(p.as_str()),
        "starts_with": char => |s: &str, c: char| s.starts_with(c),
        "ends_with": ImmutableString => |s: &str, p: ImmutableString| s.ends_with(p.as_str()),
        "ends_with": char => |s: &str, c: char| s.ends_with(c),
        "index_of": ImmutableString => |s: &str, p: ImmutableString| index_of(s, s.find(p.as_str())),
        "index_of": char => |s: &str, c: char| index_of(s, s.find(c)),
    }

    // `len` counts characters: it reads the whole text. A method and a property alike.
    let m = Rc::clone(meter);
    engine.register_fn("len", move |s: ImmutableString| -> Res<INT> {
        m.charge(cost_of_reading(s.len()))?;
        Ok(char_count(&s))
    });
    let m = Rc::clone(meter);
    engine.register_get("len", move |s: &mut ImmutableString| -> Res<INT> {
        m.charge(cost_of_reading(s.len()))?;
        Ok(char_count(s))
    });
}

/// What reading `bytes` bytes of text costs beyond the call, which Rhai counts as one operation
/// itself: nothing for short texts, so a list of names compared pair by pair (a valid
/// application's answers de-duplicated) costs what it did; one operation per
/// [`BYTES_PER_OPERATION`] bytes for long ones.
fn cost_of_reading(bytes: usize) -> u64 {
    bytes as u64 / BYTES_PER_OPERATION
}

/// The position in characters of a match at byte `found`, or -1: as Rhai's `index_of`.
fn index_of(s: &str, found: Option<usize>) -> INT {
    found.map_or(-1, |index| {
        INT::try_from(s[..index].chars().count()).unwrap_or(-1)
    })
}

/// The length in characters, as Rhai's `len`.
fn char_count(s: &str) -> INT {
    INT::try_from(s.chars().count()).unwrap_or(INT::MAX)
}

#[cfg(test)]
mod tests {
    use rhai::packages::{Package, StandardPackage};
    use rhai::{Dynamic, Engine};

    use super::super::ScriptHost;

    /// Every charged function gives what Rhai's own gives, on texts with several-byte characters.
    #[test]
    fn charged_text_functions_answer_as_rhai_does() {
        let expressions = [
            r#""blåbær".contains("bær")"#,
            r#""blåbær".contains('æ')"#,
            r#""blåbær".starts_with("blå")"#,
            r#""blåbær".starts_with('x')"#,
            r#""blåbær".ends_with("bær")"#,
            r#""blåbær".ends_with('r')"#,
            r#""blåbær".index_of("bær")"#,
            r#""blåbær".index_of('æ')"#,
            r#""blåbær".index_of("x")"#,
            r#""".index_of("x")"#,
            r#""blåbær".len()"#,
            r#""blåbær".len"#,
            r#""".len"#,
            r#""bær" in "blåbær""#,
        ];
        // Rhai's hashing seed is process-wide: set before any engine hashes.
        super::super::fixed_hashing();
        let mut plain = Engine::new_raw();
        plain.register_global_module(StandardPackage::new().as_shared_module());
        plain.set_fast_operators(false);
        let host = ScriptHost::new("da", Vec::new());
        for expression in expressions {
            let expected: Dynamic = plain.eval(expression).unwrap();
            let found: Dynamic = host.engine.eval(expression).unwrap();
            assert_eq!(found.to_string(), expected.to_string(), "{expression}");
        }
    }
}
