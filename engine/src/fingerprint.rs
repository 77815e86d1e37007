//! Fingerprints: `sha256:<hex>` digests that tie a decision to the exact pack and input.
//!
//! A decision must reproduce exactly when checked later, and the check starts by comparing
//! fingerprints. They must therefore not change with things that do not change meaning: the
//! order of keys or white space in an application, line endings in a pack file.

use std::io::Write as _;

use sha2::{Digest, Sha256};

/// `sha256:` and the lowercase hex digest of `bytes`.
pub fn sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    // `hex` encodes through a table; `write!("{byte:02x}")` per byte cost more than the
    // canonical JSON of a small application (8 k instructions a fingerprint).
    let mut out = String::with_capacity(7 + digest.len() * 2);
    out.push_str("sha256:");
    out.push_str(&hex::encode(digest));
    out
}

/// The fingerprint of an application: the digest of its canonical JSON.
///
/// Canonical here means: keys sorted (serde_json's map is ordered), no white space, numbers and
/// strings as serde_json writes them, and the top-level `$schema` link left out because it only
/// helps editors.
///
/// The validator passes the value after `json::whole_numbers_as_integers`, so `60000.0`, `6e4`
/// and `60000` fingerprint alike: they are the same application, assessed alike. A number with a
/// fraction keeps its value as serde_json writes it (`1.50` and `1.5` alike too).
pub fn application(value: &serde_json::Value) -> String {
    // The canonical JSON is streamed into the hash through a small buffer: no copy of the
    // application, and the hash is fed whole blocks instead of serde_json's many tiny writes
    // (each key, quote and comma), which cost more than the hashing.
    let mut hasher = std::io::BufWriter::with_capacity(4096, HashWriter(Sha256::new()));
    serde_json::to_writer(&mut hasher, &*without_schema(value)).expect(WRITING_TO_A_HASH);
    hasher.flush().expect(WRITING_TO_A_HASH);
    let (hasher, _) = hasher.into_parts();
    hex(&hasher.0.finalize())
}

/// The canonical JSON of an application, as [`application`] hashes it: keys sorted, no white
/// space, the top-level `$schema` left out. Give it the value after
/// `json::whole_numbers_as_integers`, as the validator does. What the register stores, so
/// `sha256(canonical(v)) == application(v)`.
pub fn canonical(value: &serde_json::Value) -> String {
    without_schema(value).to_string()
}

/// The application without its top-level `$schema` link, which only helps editors: copied only
/// when there is one to leave out.
fn without_schema(value: &serde_json::Value) -> std::borrow::Cow<'_, serde_json::Value> {
    match value {
        serde_json::Value::Object(map) if map.contains_key("$schema") => {
            std::borrow::Cow::Owned(serde_json::Value::Object(
                map.iter()
                    .filter(|(k, _)| *k != "$schema")
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            ))
        }
        other => std::borrow::Cow::Borrowed(other),
    }
}

/// Why streaming JSON into the hash cannot fail: a JSON value always serialises (its keys are
/// strings) and `HashWriter` accepts every byte. A failure must not give a fingerprint of half
/// the application.
const WRITING_TO_A_HASH: &str = "a JSON value always serialises into a hash that takes every byte";

/// Lets serde_json write into a hash.
struct HashWriter(Sha256);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
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
    fn the_canonical_json_is_what_the_fingerprint_hashes() {
        for text in [
            r#"{"$schema": "x", "b": [1, {"d": 2, "c": "æ"}], "a": null}"#,
            r#"{"a": 1.5}"#,
            "[1, 2]",
        ] {
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            let canonical = canonical(&value);
            assert!(
                !canonical.contains("$schema") && !canonical.contains(' '),
                "{canonical}"
            );
            assert_eq!(sha256(canonical.as_bytes()), application(&value), "{text}");
        }
    }

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
    fn streamed_fingerprint_equals_the_digest_of_the_canonical_text() {
        let value: serde_json::Value =
            serde_json::from_str(r#"{"b": [1, "ø"], "a": {"y": null, "x": 2.5}}"#).unwrap();
        assert_eq!(
            application(&value),
            sha256(r#"{"a":{"x":2.5,"y":null},"b":[1,"ø"]}"#.as_bytes())
        );
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
