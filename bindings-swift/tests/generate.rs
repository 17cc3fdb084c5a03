//! Generates the Swift and Kotlin bindings from the cdylib that `cargo test` just built, and
//! compares them with the committed copies in `generated/`.
//!
//! The test fails when the committed sources are stale; `UPDATE_BINDINGS=1 cargo test -p
//! ar-core-uniffi --test generate` rewrites them. Generating here (rather than with a
//! `uniffi-bindgen` binary) reuses the library this test run already built.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use uniffi::{generate, GenerateOptions, TargetLanguage};

const CRATE_NAME: &str = "ar_core_ffi";

/// The cdylib lives next to this test executable, in `target/<profile>/deps/`.
fn cdylib() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    let deps = exe.parent().expect("deps directory");
    let name = format!(
        "{}{CRATE_NAME}{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    );
    let path = deps.join(&name);
    assert!(path.exists(), "{name} not found in {}", deps.display());
    path
}

/// Every file under `dir`, by path relative to it.
fn read_tree(dir: &Path) -> BTreeMap<PathBuf, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, String>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let text = fs::read_to_string(&path).expect("generated file is text");
                out.insert(path.strip_prefix(root).unwrap().to_path_buf(), text);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn generate_into(out_dir: &Path, language: TargetLanguage) {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    // a global config that only says where this crate's root (and so its uniffi.toml) is,
    // instead of running `cargo metadata`
    let config = out_dir.join("uniffi-global.toml");
    fs::create_dir_all(out_dir).unwrap();
    fs::write(
        &config,
        format!(
            "[crate-roots]\n{CRATE_NAME} = {:?}\n",
            manifest_dir.to_str().unwrap()
        ),
    )
    .unwrap();
    let utf8 = |p: &Path| p.to_str().expect("utf-8 path").into();
    let lang_dir = out_dir.join("out");
    generate(GenerateOptions {
        languages: vec![language],
        source: utf8(&cdylib()),
        out_dir: utf8(&lang_dir),
        config_override: Some(utf8(&config)),
        format: false,
        crate_filter: None,
        metadata_no_deps: true,
    })
    .expect("uniffi generates the bindings");
}

fn check(language: TargetLanguage, committed: &str) {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let committed_dir = manifest_dir.join("generated").join(committed);
    let tmp = std::env::temp_dir().join(format!(
        "ar-core-uniffi-generate-{committed}-{}",
        std::process::id()
    ));
    let _ = fs::remove_dir_all(&tmp);
    generate_into(&tmp, language);
    let fresh = read_tree(&tmp.join("out"));
    let _ = fs::remove_dir_all(&tmp);
    assert!(!fresh.is_empty(), "uniffi generated no {committed} files");

    if std::env::var_os("UPDATE_BINDINGS").is_some_and(|v| v == "1") {
        let _ = fs::remove_dir_all(&committed_dir);
        for (rel, text) in &fresh {
            let path = committed_dir.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, text).unwrap();
        }
        eprintln!(
            "rewrote {} ({} files)",
            committed_dir.display(),
            fresh.len()
        );
        return;
    }

    let old = read_tree(&committed_dir);
    let stale: Vec<String> = fresh
        .keys()
        .chain(old.keys())
        .filter(|k| fresh.get(*k) != old.get(*k))
        .map(|k| k.display().to_string())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(
        stale.is_empty(),
        "the committed {committed} bindings in {} are stale ({}); regenerate with \
         `UPDATE_BINDINGS=1 cargo test -p ar-core-uniffi --test generate`",
        committed_dir.display(),
        stale.join(", ")
    );
}

#[test]
fn swift_bindings_are_up_to_date() {
    check(TargetLanguage::Swift, "swift");
}

#[test]
fn kotlin_bindings_are_up_to_date() {
    check(TargetLanguage::Kotlin, "kotlin");
}
