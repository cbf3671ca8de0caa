//! Tidy tests: project-wide rules that no compiler checks (run by `cargo test`).

use std::path::{Path, PathBuf};

use toml::Table;

use crate::workspace_root;

/// The top level the project promises: nothing else may appear there.
const TOP_LEVEL: &[&str] = &[
    ".cargo",
    ".ci",
    ".git",
    ".gitignore",
    "Cargo.lock",
    "Cargo.toml",
    "README.md",
    "clippy.toml",
    "crates",
    "deny.toml",
    "docs",
    "fuzz",
    "target",
];

/// Library crates that must stay pure: no clock, no I/O of their own.
const PURE: &[&str] = &[
    "decentwork-model",
    "decentwork-catalogue",
    "decentwork-scoring",
    "decentwork-report",
];

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn manifest(path: &Path) -> Table {
    read(path)
        .parse()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every member crate directory.
fn members() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(workspace_root().join("crates"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("Cargo.toml").exists())
        .collect();
    dirs.sort();
    dirs
}

fn is_published(table: &Table) -> bool {
    table["package"]
        .get("publish")
        .and_then(toml::Value::as_bool)
        != Some(false)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn top_level_is_as_agreed() {
    for entry in std::fs::read_dir(workspace_root()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            TOP_LEVEL.contains(&name.as_str()),
            "unexpected top-level entry {name:?}"
        );
    }
}

#[test]
fn members_inherit_lints_and_package_fields() {
    for dir in members() {
        let table = manifest(&dir.join("Cargo.toml"));
        let name = table["package"]["name"].as_str().unwrap().to_owned();
        assert_eq!(
            dir.file_name().unwrap().to_str(),
            Some(name.as_str()),
            "directory = package name"
        );
        assert_eq!(
            table["lints"]["workspace"].as_bool(),
            Some(true),
            "{name}: [lints] workspace = true"
        );
        for field in ["edition", "rust-version", "license"] {
            assert_eq!(
                table["package"][field]
                    .get("workspace")
                    .and_then(toml::Value::as_bool),
                Some(true),
                "{name}: {field}.workspace = true"
            );
        }
    }
}

#[test]
fn dependencies_come_from_the_workspace() {
    let root = manifest(&workspace_root().join("Cargo.toml"));
    let shared = root["workspace"]["dependencies"].as_table().unwrap();
    for (name, spec) in shared {
        if name.starts_with("decentwork") {
            assert!(
                spec.get("version").is_some() && spec.get("path").is_some(),
                "{name}: version and path"
            );
        }
    }
    for dir in members() {
        let table = manifest(&dir.join("Cargo.toml"));
        for section in ["dependencies", "dev-dependencies", "build-dependencies"] {
            let Some(deps) = table.get(section).and_then(toml::Value::as_table) else {
                continue;
            };
            for (dep, spec) in deps {
                assert_eq!(
                    spec.get("workspace").and_then(toml::Value::as_bool),
                    Some(true),
                    "{}: [{section}] {dep} must use workspace = true",
                    dir.display()
                );
            }
        }
    }
}

#[test]
fn published_crates_are_complete() {
    for dir in members() {
        let table = manifest(&dir.join("Cargo.toml"));
        if !is_published(&table) {
            continue;
        }
        for file in ["README.md", "CHANGELOG.md", "LICENSE-MIT", "LICENSE-APACHE"] {
            assert!(dir.join(file).exists(), "{}: missing {file}", dir.display());
        }
        assert!(
            table["package"].get("description").is_some(),
            "{}: description",
            dir.display()
        );
        let lib = dir.join("src/lib.rs");
        if lib.exists() {
            let text = read(&lib);
            assert!(
                text.starts_with("//!"),
                "{}: lib.rs opens with crate docs",
                dir.display()
            );
            let docs: String = text
                .lines()
                .take_while(|l| l.starts_with("//!"))
                .collect::<Vec<_>>()
                .join("\n");
            assert!(
                docs.contains("//! ```"),
                "{}: lib.rs opens with an example",
                dir.display()
            );
        }
    }
}

#[test]
fn pure_crates_never_read_the_clock_or_do_io() {
    let forbidden = [
        "Utc::now",
        "Local::now",
        "SystemTime::now",
        "Instant::now",
        "std::fs::",
        "std::net::",
        "std::env::",
    ];
    for dir in members() {
        if !PURE.contains(&dir.file_name().unwrap().to_str().unwrap()) {
            continue;
        }
        let mut files = Vec::new();
        rust_files(&dir.join("src"), &mut files);
        for file in files {
            let text = read(&file);
            for needle in forbidden {
                assert!(!text.contains(needle), "{}: uses {needle}", file.display());
            }
        }
        let table = manifest(&dir.join("Cargo.toml"));
        let features = table["dependencies"]
            .get("chrono")
            .and_then(|c| c.get("features"));
        assert!(
            !features.is_some_and(|f| f
                .as_array()
                .unwrap()
                .iter()
                .any(|v| v.as_str() == Some("clock"))),
            "{}: chrono's clock feature",
            dir.display()
        );
    }
    let root = read(&workspace_root().join("Cargo.toml"));
    let chrono_line = root.lines().find(|l| l.starts_with("chrono ")).unwrap();
    assert!(
        !chrono_line.contains("clock") && chrono_line.contains("default-features = false"),
        "{chrono_line}"
    );
}

#[test]
fn architecture_names_every_crate() {
    let text = read(&workspace_root().join("docs/ARCHITECTURE.md"));
    for dir in members() {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            text.contains(&format!("`{name}`")),
            "docs/ARCHITECTURE.md does not mention `{name}`"
        );
    }
}
