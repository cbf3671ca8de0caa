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

/// Unpublished internal crates a workspace dependency may name by path only.
const UNPUBLISHED: &[&str] = &["decentwork-synth"];

/// What the pure crates may depend on outside the workspace, and why none of
/// it reads the clock or does I/O for them.
const PURE_EXTERNAL: &[(&str, &str)] = &[
    ("serde", "serialisation traits and derives"),
    (
        "serde_json",
        "JSON text in memory (the model's `json`, the report's schemas)",
    ),
    ("serde_path_to_error", "paths in deserialisation errors"),
    ("schemars", "JSON Schemas"),
    ("thiserror", "error derives"),
    (
        "chrono",
        "dates (without the `clock` feature, checked below)",
    ),
    ("rust_decimal", "exact decimals"),
    ("rustc-hash", "a hasher"),
    (
        "hashbrown",
        "a hash table of indexes (without default features: no hasher of its own)",
    ),
    (
        "proptest",
        "strategies for property tests (feature `proptest`)",
    ),
    ("askama", "templates compiled into the report crate"),
    (
        "arrow-array",
        "columnar arrays in memory (the report's feature `arrow`)",
    ),
    ("arrow-schema", "the types of those arrays"),
    (
        "parquet",
        "Parquet encoding into a writer the caller gives (feature `parquet`); \
         the report never calls its file readers, and its own paths are checked below",
    ),
];

/// Paths the pure crates must never name: files, the network, the
/// environment, processes, the standard streams and the clock.
const IMPURE_PATHS: &[&str] = &[
    "std::fs",
    "std::net",
    "std::env",
    "std::process",
    "std::os",
    "std::io::stdin",
    "std::io::stdout",
    "std::io::stderr",
    "std::time::SystemTime",
    "std::time::Instant",
    "chrono::Utc",
    "chrono::Local",
    "chrono::offset::Utc",
    "chrono::offset::Local",
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
            // Unpublished crates are path-only, so that a dev-dependency on
            // them is dropped when a crate is published.
            let unpublished = UNPUBLISHED.contains(&name.as_str());
            assert!(
                spec.get("path").is_some() && spec.get("version").is_some() != unpublished,
                "{name}: path, and a version unless unpublished"
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

/// Every path a Rust file names: `use` trees expanded (groups, `self`,
/// renames), paths in code with `use` aliases resolved, and paths written
/// inside macro calls.
mod paths {
    use std::collections::BTreeMap;

    use syn::visit::Visit;

    /// Paths found, and the aliases `use … as x` and `extern crate … as x`
    /// introduced.
    #[derive(Default)]
    pub(super) struct Found {
        pub(super) paths: Vec<String>,
        /// `use` globs (`std::io::*`), by their base.
        pub(super) globs: Vec<String>,
        aliases: BTreeMap<String, String>,
    }

    fn expand(prefix: &str, tree: &syn::UseTree, found: &mut Found) {
        let join = |name: &str| {
            if prefix.is_empty() {
                name.to_owned()
            } else {
                format!("{prefix}::{name}")
            }
        };
        match tree {
            syn::UseTree::Path(p) => expand(&join(&p.ident.to_string()), &p.tree, found),
            syn::UseTree::Name(n) => {
                let name = n.ident.to_string();
                let full = if name == "self" {
                    prefix.to_owned()
                } else {
                    join(&name)
                };
                found.paths.push(full.clone());
                let last = full.rsplit("::").next().unwrap_or(&full).to_owned();
                found.aliases.insert(last, full);
            }
            syn::UseTree::Rename(r) => {
                let name = r.ident.to_string();
                let full = if name == "self" {
                    prefix.to_owned()
                } else {
                    join(&name)
                };
                found.paths.push(full.clone());
                found.aliases.insert(r.rename.to_string(), full);
            }
            syn::UseTree::Glob(_) => found.globs.push(prefix.to_owned()),
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    expand(prefix, t, found);
                }
            }
        }
    }

    impl<'ast> Visit<'ast> for Found {
        fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
            expand("", &item.tree, self);
        }

        fn visit_item_extern_crate(&mut self, item: &'ast syn::ItemExternCrate) {
            if let Some((_, rename)) = &item.rename {
                self.aliases
                    .insert(rename.to_string(), item.ident.to_string());
            }
        }

        fn visit_path(&mut self, path: &'ast syn::Path) {
            let text: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
            self.paths.push(text.join("::"));
            syn::visit::visit_path(self, path);
        }

        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            // Tokens inside a macro call are not parsed as paths: read them as text.
            let text: String = mac.tokens.to_string().split_whitespace().collect();
            self.paths.push(text);
            syn::visit::visit_macro(self, mac);
        }
    }

    /// Every path `source` names, with aliases resolved to what they stand for.
    pub(super) fn of(source: &str) -> Result<Found, syn::Error> {
        let file = syn::parse_file(source)?;
        let mut found = Found::default();
        found.visit_file(&file);
        let aliases = std::mem::take(&mut found.aliases);
        for path in &mut found.paths {
            let path_text = path.trim_start_matches("::").to_owned();
            let (first, rest) = path_text.split_once("::").unwrap_or((&path_text, ""));
            *path = match aliases.get(first) {
                Some(full) if rest.is_empty() => full.clone(),
                Some(full) => format!("{full}::{rest}"),
                None => path_text.clone(),
            };
        }
        found.aliases = aliases;
        Ok(found)
    }
}

/// Whether `path` names `forbidden` or something inside it; for text read from
/// a macro call, whether it holds it anywhere.
fn names(path: &str, forbidden: &str) -> bool {
    path == forbidden
        || path.starts_with(&format!("{forbidden}::"))
        || path.contains(&format!("{forbidden}::"))
        || path.ends_with(forbidden) && path.contains("::")
}

#[test]
fn the_purity_check_catches_what_a_text_search_would_miss() {
    let cases = [
        "use std::fs;\nfn f() { let _ = fs::read(\"x\"); }",
        "use std::{fs as files, io};\nfn f() { let _ = files::read(\"x\"); }",
        "use std as s;\nfn f() { let _ = s::env::var(\"X\"); }",
        "fn f() { let _ = ::std::process::id(); }",
        "use std::io::*;\nfn f() {}",
        "use chrono::{Utc, NaiveDate};\nfn f() -> NaiveDate { Utc::now().date_naive() }",
        "fn f() { println!(\"{:?}\", std::time::Instant::now()); }",
        "extern crate std as core2;\nfn f() { let _ = core2::net::TcpStream::connect(\"x\"); }",
    ];
    for case in cases {
        let found = paths::of(case).unwrap();
        let impure = found
            .paths
            .iter()
            .any(|p| IMPURE_PATHS.iter().any(|f| names(p, f)))
            || found.globs.iter().any(|g| {
                IMPURE_PATHS
                    .iter()
                    .any(|f| f.starts_with(&format!("{g}::")))
            });
        assert!(impure, "not caught: {case}");
    }
    let clean = "use std::io::Read;\nuse chrono::NaiveDate;\nfn f(r: impl Read) -> Option<NaiveDate> { let _ = env!(\"CARGO_PKG_VERSION\"); None }";
    let found = paths::of(clean).unwrap();
    assert!(
        !found
            .paths
            .iter()
            .any(|p| IMPURE_PATHS.iter().any(|f| names(p, f))),
        "{:?}",
        found.paths
    );
}

#[test]
fn pure_crates_never_read_the_clock_or_do_io() {
    let allowed: Vec<&str> = PURE_EXTERNAL.iter().map(|(name, _)| *name).collect();
    for dir in members() {
        let name = dir.file_name().unwrap().to_str().unwrap().to_owned();
        if !PURE.contains(&name.as_str()) {
            continue;
        }
        // What the crate depends on: other pure crates, and allowed externals.
        let table = manifest(&dir.join("Cargo.toml"));
        for (dep, spec) in table["dependencies"].as_table().unwrap() {
            assert!(
                PURE.contains(&dep.as_str()) || allowed.contains(&dep.as_str()),
                "{name} depends on {dep}: neither a pure crate nor allowed in PURE_EXTERNAL"
            );
            if dep == "chrono" {
                let features = spec.get("features").and_then(toml::Value::as_array);
                assert!(
                    !features.is_some_and(|f| f.iter().any(|v| v.as_str() == Some("clock"))),
                    "{name}: chrono's clock feature"
                );
            }
        }
        // Every path its code names.
        let mut files = Vec::new();
        rust_files(&dir.join("src"), &mut files);
        for file in files {
            let found =
                paths::of(&read(&file)).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            for path in &found.paths {
                for forbidden in IMPURE_PATHS {
                    assert!(
                        !names(path, forbidden),
                        "{}: names {forbidden} (as {path})",
                        file.display()
                    );
                }
            }
            for glob in &found.globs {
                assert!(
                    !IMPURE_PATHS
                        .iter()
                        .any(|f| f.starts_with(&format!("{glob}::"))),
                    "{}: `use {glob}::*` can bring in I/O or the clock",
                    file.display()
                );
            }
        }
    }
    let root = read(&workspace_root().join("Cargo.toml"));
    let chrono_line = root.lines().find(|l| l.starts_with("chrono ")).unwrap();
    assert!(
        !chrono_line.contains("clock") && chrono_line.contains("default-features = false"),
        "{chrono_line}"
    );
}

/// The "Dependency rules" table of docs/ARCHITECTURE.md: crate → the internal
/// crates it may depend on.
fn dependency_table() -> Vec<(String, Vec<String>)> {
    let text = read(&workspace_root().join("docs/ARCHITECTURE.md"));
    let section = text
        .split("## Dependency rules")
        .nth(1)
        .expect("docs/ARCHITECTURE.md has a Dependency rules section");
    let ticked = |cell: &str| -> Vec<String> {
        cell.split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, name)| name.to_owned())
            .collect()
    };
    section
        .lines()
        .skip_while(|l| !l.starts_with("| crate"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|line| {
            let cells: Vec<&str> = line.split('|').collect();
            let name = ticked(cells[1]).pop().expect("a crate name in backticks");
            (name, ticked(cells[2]))
        })
        .collect()
}

#[test]
fn dependency_table_matches_the_manifests() {
    let table = dependency_table();
    let listed: Vec<&str> = table.iter().map(|(n, _)| n.as_str()).collect();
    for dir in members() {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let allowed = &table
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("{name} is not in the dependency table"))
            .1;
        let manifest = manifest(&dir.join("Cargo.toml"));
        let Some(deps) = manifest.get("dependencies").and_then(toml::Value::as_table) else {
            continue;
        };
        for dep in deps
            .keys()
            .filter(|d| d.starts_with("decentwork") || *d == "xtask")
        {
            assert!(
                allowed.contains(dep),
                "{name} depends on {dep}, which the dependency table does not allow"
            );
        }
    }
    for name in listed {
        assert!(
            workspace_root()
                .join("crates")
                .join(name)
                .join("Cargo.toml")
                .exists(),
            "the dependency table lists {name}, which is not a crate"
        );
    }
    // No published crate depends on an unpublished one.
    for (name, deps) in &table {
        if UNPUBLISHED.contains(&name.as_str()) || name == "xtask" {
            continue;
        }
        for dep in deps {
            assert!(
                !UNPUBLISHED.contains(&dep.as_str()) && dep != "xtask",
                "{name} may not depend on the unpublished {dep}"
            );
        }
    }
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
