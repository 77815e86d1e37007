//! The walk's policy on a real folder: names, order, hidden entries, links, limits.

use super::*;

fn write(dir: &Path, path: &str, text: &str) {
    let file = dir.join(path);
    fs::create_dir_all(
        file.parent()
            .expect("a path joined to a folder has a parent"),
    )
    .unwrap();
    fs::write(file, text).unwrap();
}

fn paths(dir: &Path) -> Vec<String> {
    list(dir).unwrap().into_iter().map(|f| f.path).collect()
}

#[test]
fn nested_files_are_named_with_slashes_and_sorted_by_name() {
    let dir = tempfile::tempdir().unwrap();
    for path in [
        "z.rhai",
        "a/b.rhai",
        "a-c.rhai",
        "pack.toml",
        "a/deeper/x.json",
        "B.md",
    ] {
        write(dir.path(), path, path);
    }
    fs::create_dir(dir.path().join("empty")).unwrap();
    // Byte order of the whole name: `-` (0x2D) before `/` (0x2F), capitals before small letters.
    assert_eq!(
        paths(dir.path()),
        [
            "B.md",
            "a-c.rhai",
            "a/b.rhai",
            "a/deeper/x.json",
            "pack.toml",
            "z.rhai"
        ]
    );
    let file = &list(dir.path()).unwrap()[3];
    assert_eq!(file.location, dir.path().join("a/deeper/x.json"));
    assert_eq!(file.read_text().unwrap(), "a/deeper/x.json");
}

#[test]
fn hidden_files_and_folders_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pack.toml", "");
    write(dir.path(), ".DS_Store", "");
    write(dir.path(), ".git/config", "");
    write(dir.path(), "scripts/.swap.rhai", "");
    write(dir.path(), "scripts/a.rhai", "");
    assert_eq!(paths(dir.path()), ["pack.toml", "scripts/a.rhai"]);
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_skipped_but_the_folder_may_be_one() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "secret.txt", "not the pack's");
    write(outside.path(), "folder/inside.rhai", "");
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("pack");
    write(&pack, "pack.toml", "id");
    symlink(outside.path().join("secret.txt"), pack.join("linked.txt")).unwrap();
    symlink(outside.path().join("folder"), pack.join("linked-folder")).unwrap();
    symlink(&pack, pack.join("loop")).unwrap();
    assert_eq!(paths(&pack), ["pack.toml"]);

    let link = dir.path().join("link-to-pack");
    symlink(&pack, &link).unwrap();
    assert_eq!(
        read(&link).unwrap(),
        [("pack.toml".to_string(), "id".to_string())]
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_name_that_is_not_utf8_is_an_error() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pack.toml", "");
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.rhai");
    fs::create_dir(dir.path().join("scripts")).unwrap();
    fs::write(dir.path().join("scripts").join(name), "").unwrap();
    let error = list(dir.path()).unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::NameNotUtf8));
    assert_eq!(error.path(), "scripts/caf\u{fffd}.rhai");
    assert!(error.to_string().contains("not UTF-8"), "{error}");
}

#[test]
fn text_that_is_not_utf8_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pack.toml", "");
    fs::write(dir.path().join("latin1.md"), b"caf\xe9").unwrap();
    let error = read(dir.path()).unwrap_err();
    assert_eq!(error.to_string(), "latin1.md: is not UTF-8 text");
}

#[test]
fn a_file_above_the_cap_is_refused_and_one_at_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let cap = usize::try_from(MAX_FILE_BYTES).unwrap();
    fs::write(dir.path().join("at-cap.txt"), "x".repeat(cap)).unwrap();
    assert_eq!(read(dir.path()).unwrap()[0].1.len(), cap);
    fs::write(dir.path().join("big.txt"), "x".repeat(cap + 1)).unwrap();
    let error = read(dir.path()).unwrap_err();
    assert_eq!(error.path(), "big.txt");
    assert!(matches!(error.kind(), ErrorKind::TooLarge));
}

#[test]
fn more_files_than_the_limit_is_an_error_of_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..MAX_FILES {
        write(dir.path(), &format!("d{}/{i}.txt", i % 7), "");
    }
    assert_eq!(list(dir.path()).unwrap().len(), MAX_FILES);
    write(dir.path(), "one-more.txt", "");
    let error = list(dir.path()).unwrap_err();
    assert_eq!(error.path(), "");
    assert_eq!(
        error.to_string(),
        format!("has more than {MAX_FILES} files")
    );
}

#[test]
fn a_file_or_a_missing_folder_is_not_a_pack() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pack.toml", "");
    let error = list(&dir.path().join("pack.toml")).unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::NotAFolder));
    let error = list(&dir.path().join("missing")).unwrap_err();
    assert!(matches!(error.kind(), ErrorKind::Io(e) if e.kind() == io::ErrorKind::NotFound));
    assert_eq!(error.path(), "");
}
