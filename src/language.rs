//! Which language the command line speaks: `--lang`, else `KRITERIUM_LANG`, else the pack's
//! language, else (for commands without a pack) the environment's locale, else English.
//!
//! This decides the language of *messages* only (summaries, errors, help). Result files never
//! follow the environment (PRODUCT.md, "Determinism"): their language is `--lang` or the pack's.

use kriterium_engine::labels::LANGUAGES;

/// The environment variable that sets the language of messages for every command, as `--lang`
/// does for one; it never changes what a result file says.
pub const ENV: &str = "KRITERIUM_LANG";

/// The language of messages, one of [`LANGUAGES`]: `flag` (`--lang`) if given, else
/// `KRITERIUM_LANG`, else `pack` (the pack's own language, when the command has a pack and that
/// language has a column in the translation table), else the locale (`LC_ALL`, `LC_MESSAGES`,
/// `LANG`, as POSIX orders them), else English.
pub fn of_messages(flag: Option<&str>, pack: Option<&str>) -> &'static str {
    flag.and_then(known)
        .or_else(|| from_env().ok().flatten())
        .or_else(|| pack.and_then(known))
        .or_else(from_locale)
        .unwrap_or("en")
}

/// `KRITERIUM_LANG` as a language we speak, in any case and with spaces around it (`EN`, ` da`):
/// `Ok(None)` when it is unset or empty, `Err(value)` when it names a language we do not speak
/// (`fr`), which [`crate::messages::start`] says once.
pub fn from_env() -> Result<Option<&'static str>, String> {
    match std::env::var(ENV) {
        Ok(value) if value.trim().is_empty() => Ok(None),
        Ok(value) => known(&value.trim().to_ascii_lowercase())
            .map(Some)
            .ok_or(value),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(value)) => Err(value.to_string_lossy().into_owned()),
    }
}

/// The language the locale names, if it is one we speak: `da_DK.UTF-8` → `da`, `sv_SE` → `sv`,
/// `en_GB.UTF-8` → `en`. `C` and `POSIX` name none. The first of `LC_ALL`, `LC_MESSAGES`, `LANG`
/// that is set and not empty decides, as POSIX says.
pub fn from_locale() -> Option<&'static str> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .and_then(|value| of_locale(&value))
}

/// The language of a locale name (`da_DK.UTF-8`, `sv`, `en-US`), if we speak it.
pub fn of_locale(locale: &str) -> Option<&'static str> {
    let code = locale
        .split(['_', '-', '.', '@'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    known(&code)
}

/// `code` as the `'static` entry of [`LANGUAGES`], if it is one.
fn known(code: &str) -> Option<&'static str> {
    LANGUAGES.iter().copied().find(|l| *l == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_name_their_language() {
        assert_eq!(of_locale("da_DK.UTF-8"), Some("da"));
        assert_eq!(of_locale("sv_SE"), Some("sv"));
        assert_eq!(of_locale("en-GB"), Some("en"));
        assert_eq!(of_locale("de_DE.UTF-8"), None);
        assert_eq!(of_locale("C"), None);
        assert_eq!(of_locale(""), None);
    }
}
