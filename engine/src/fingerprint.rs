//! Fingerprints: `sha256:<hex>` digests that tie a decision to the exact pack and input.
//!
//! A decision must reproduce exactly when checked later, and the check starts by comparing
//! fingerprints. They must therefore not change with things that do not change meaning: the
//! order of keys or white space in an application, line endings in a pack file.

use sha2::{Digest, Sha256};

/// `sha256:` and the lowercase hex digest of `bytes`.
pub fn sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(7 + digest.len() * 2);
    out.push_str("sha256:");
    for byte in digest {
        // Writing to a String cannot fail.
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// The fingerprint of an application: the digest of its canonical JSON.
///
/// Canonical here means: keys sorted (serde_json's map is ordered), no white space, numbers and
/// strings as serde_json writes them, and the top-level `$schema` link left out because it only
/// helps editors.
pub fn application(value: &serde_json::Value) -> String {
    let canonical = match value {
        serde_json::Value::Object(map) if map.contains_key("$schema") => {
            let mut map = map.clone();
            map.remove("$schema");
            serde_json::Value::Object(map)
        }
        other => other.clone(),
    };
    // Serialising a Value to a Vec cannot fail: every key is a string.
    sha256(&serde_json::to_vec(&canonical).unwrap_or_default())
}

/// The fingerprint of a set of pack files, given as `(relative path, normalised text)` in any
/// order. Each file contributes its path and length, so moving text between files changes the
/// digest.
pub fn pack<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut files: Vec<(&str, &str)> = files.into_iter().collect();
    files.sort();
    files.dedup();
    let mut hasher = Sha256::new();
    for (path, text) in files {
        hasher.update(path.as_bytes());
        hasher.update(b"\n");
        hasher.update(text.len().to_string().as_bytes());
        hasher.update(b"\n");
        hasher.update(text.as_bytes());
    }
    hex(&hasher.finalize())
}

/// Text as it is fingerprinted and compiled: no byte-order mark, `\n` line endings.
pub fn normalise_text(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn application_fingerprint_ignores_key_order_white_space_and_schema_link() {
        let a: serde_json::Value = serde_json::from_str(r#"{"b": 1, "a": [1, 2]}"#).unwrap();
        let b: serde_json::Value =
            serde_json::from_str(r#"{ "$schema": "x.json", "a":[1,2],"b":1 }"#).unwrap();
        assert_eq!(application(&a), application(&b));
        let c: serde_json::Value = serde_json::from_str(r#"{"b": 2, "a": [1, 2]}"#).unwrap();
        assert_ne!(application(&a), application(&c));
        assert!(application(&a).starts_with("sha256:"));
        assert_eq!(application(&a).len(), 7 + 64);
    }

    #[test]
    fn pack_fingerprint_is_independent_of_file_order_and_line_endings() {
        let unix = normalise_text("a = 1\nb = 2\n");
        let windows = normalise_text("\u{feff}a = 1\r\nb = 2\r\n");
        assert_eq!(unix, windows);
        let one = pack([
            ("pack.toml", unix.as_str()),
            ("c/x.rhai", "award(1, \"x\")"),
        ]);
        let two = pack([
            ("c/x.rhai", "award(1, \"x\")"),
            ("pack.toml", windows.as_str()),
        ]);
        assert_eq!(one, two);
    }

    #[test]
    fn pack_fingerprint_changes_when_text_moves_between_files() {
        let one = pack([("a", "xy"), ("b", "")]);
        let two = pack([("a", "x"), ("b", "y")]);
        assert_ne!(one, two);
    }

    #[test]
    fn known_digest() {
        // The SHA-256 of the empty string, a fixed point anyone can check.
        assert_eq!(
            sha256(b""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
