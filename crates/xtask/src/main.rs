//! Project tasks for decentwork, run as `cargo xtask <task>`.
//!
//! ```text
//! cargo xtask codegen            write the generated Rust tables from checked-in data
//! cargo xtask codegen --check    fail if the checked-in tables are stale
//! cargo xtask import-iso3166 --iso-codes-version V [DIR]
//!                                refresh data/iso3166-*.tsv from Debian's iso-codes JSON
//! cargo xtask gen-export [--factories N] [--seed S] [--awkward] [--out PATH]
//!                                write a synthetic Better Work long-format export
//! ```
//!
//! The generators are plain functions in [`codegen`] so that tests can check that
//! the checked-in output is fresh without running this binary.
//!
//! `codegen` also writes the example factory bundles of the model crate
//! (`examples.rs`, feature `gen-examples`), read back with the model's checks.
//!
//! The catalogue and ISO 3166 generators read text and write text; they link
//! none of the crates they write. `gen-export` (which reads the catalogue's
//! questions), the example bundles and the JSON Schemas (from the report
//! crate) sit behind the default features `gen-export`, `gen-examples` and
//! `schemas`: if the catalogue's checked-in
//! tables do not compile, `cargo run -p xtask --no-default-features -- codegen`
//! still rewrites them.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod catalogue;
mod codegen;
#[cfg(feature = "gen-examples")]
mod examples;
#[cfg(feature = "gen-export")]
mod gen_export;
mod iso;
#[cfg(test)]
mod tidy;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["codegen"] => codegen::write_all(&root),
        ["codegen", "--check"] => codegen::check_all(&root),
        ["import-iso3166", "--iso-codes-version", version, rest @ ..] => {
            let dir = rest
                .first()
                .map_or_else(|| PathBuf::from("/usr/share/iso-codes/json"), PathBuf::from);
            iso::import(&root, &dir, version)
        }
        #[cfg(feature = "gen-export")]
        ["gen-export", rest @ ..] => gen_export::run(rest),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            #[allow(clippy::print_stderr, reason = "a command-line tool reports on stderr")]
            {
                eprintln!("xtask: {message}");
            }
            ExitCode::FAILURE
        }
    }
}

const USAGE: &str =
    "usage: cargo xtask codegen [--check] | cargo xtask import-iso3166 --iso-codes-version V [DIR]";

/// The workspace root: two levels above this crate's manifest directory.
pub(crate) fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .map_or_else(|| manifest.to_path_buf(), Path::to_path_buf)
}
