//! `decentwork rates` against things the project did not write: the
//! independent implementation of Better Work's analysts' rules in
//! `tests/reference/analysts.py` (standard-library Python, written from the
//! analysts' R manual and the issue's rules, not from this code), and the CSV
//! readers of pandas and R, on generated exports holding the awkward cases
//! (skipped and repeated cycles, duplicates and conflicts, obsolete
//! factories, the legacy labels "Systems", "Hazardous Work" and "Viet Nam").
//!
//! Each check needs an outside program. When it is missing the check says so
//! and passes, except under CI (the variable `CI` set), where it fails: CI
//! installs them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::print_stderr,
    reason = "tests fail loudly, and say what they skipped"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

const REFERENCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reference/analysts.py");

/// A scratch directory for this test process.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("decentwork-ref-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An awkward export of `factories` factories.
fn export(dir: &Path, factories: u64, seed: u64) -> PathBuf {
    let path = dir.join(format!("awkward-{factories}-{seed}.csv"));
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    decentwork_synth::write_export(&mut out, factories, seed, true).unwrap();
    std::io::Write::flush(&mut out).unwrap();
    path
}

/// Runs a program; `None` when it cannot be started.
fn output(program: &str, args: &[&str]) -> Option<std::process::Output> {
    Command::new(program).args(args).output().ok()
}

/// Says that an outside program is missing: fails under CI, passes otherwise.
fn missing(what: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "{what} is missing, and CI must run this check"
    );
    eprintln!("skipped: {what} is missing");
}

/// The Python to use: `DECENTWORK_PYTHON` (a virtual environment with pandas,
/// as CI makes), else `python3`.
fn python() -> String {
    std::env::var("DECENTWORK_PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

/// Whether `python` is 3.11 or later (the reference reads TOML with tomllib).
fn python_ok(python: &str) -> bool {
    output(
        python,
        &["-c", "import sys; assert sys.version_info >= (3, 11)"],
    )
    .is_some_and(|o| o.status.success())
}

fn decentwork(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_decentwork"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every population, several groupings, the options and a window: the CSV
/// of `decentwork rates` equals the reference's, byte for byte.
#[test]
fn rates_agree_with_the_independent_reference() {
    let python = python();
    if !python_ok(&python) {
        return missing("Python 3.11 or later");
    }
    let dir = scratch("rates");
    let file = export(&dir, 60, 5);
    let file = file.to_str().unwrap();
    let mut compared = 0;
    for population in [
        "latest",
        "cycle:1",
        "cycle:2",
        "panel:2",
        "panel:3",
        "panel-strict:2",
        "panel-strict:3",
    ] {
        for (by, options) in [
            ("cp", &[][..]),
            ("cluster", &["--harmonise"][..]),
            (
                "country,cycle,cp",
                &["--harmonise", "--exclude-obsolete"][..],
            ),
            ("country", &["--exclude-obsolete"][..]),
            (
                "cycle,cluster,cp",
                &["--from", "2020-03", "--to", "2023-08"][..],
            ),
            ("question", &["--harmonise"][..]),
        ] {
            let mut args = vec!["rates", file, "--population", population, "--by", by];
            args.extend(options);
            let ours = decentwork(&args);
            let theirs = output(&python, &[&[REFERENCE][..], &args].concat()).unwrap();
            assert!(
                theirs.status.success(),
                "reference {args:?}: {}",
                String::from_utf8_lossy(&theirs.stderr)
            );
            let theirs = String::from_utf8(theirs.stdout).unwrap();
            assert!(ours.lines().count() > 1, "{args:?} selected nothing");
            assert_eq!(ours, theirs, "{args:?}");
            compared += 1;
        }
    }
    assert_eq!(compared, 42);
}

/// The reference's own worked examples still pass (a check of the check).
#[test]
fn the_reference_passes_its_own_examples() {
    let python = python();
    if !python_ok(&python) {
        return missing("Python 3.11 or later");
    }
    let selftest = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reference/selftest.py");
    let out = output(&python, &[selftest]).unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains(" passed, 0 failed"), "{text}");
}

/// Rate tables as pandas and R read them, with no arguments: counts are
/// integers, rates numbers with a fraction (even when every rate is 0 or 1),
/// booleans logical; and tables from different data concatenate.
#[test]
fn csv_reads_with_the_right_types_in_pandas_and_r() {
    let dir = scratch("types");
    let file = export(&dir, 12, 9);
    let file = file.to_str().unwrap();
    // One table whose rates are all 0 or 1 (a single factory's latest
    // assessment), one with fractions, one question-level table.
    let single = dir.join("single.csv");
    let mut text = String::new();
    for (i, line) in std::fs::read_to_string(file).unwrap().lines().enumerate() {
        if i == 0 || line.contains(",10000,") {
            text.push_str(line);
            text.push('\n');
        }
    }
    std::fs::write(&single, text).unwrap();
    let tables = [
        (
            "ones.csv",
            decentwork(&["rates", single.to_str().unwrap(), "--by", "cluster,cp"]),
        ),
        (
            "fractions.csv",
            decentwork(&["rates", file, "--by", "cluster,cp"]),
        ),
        (
            "questions.csv",
            decentwork(&["rates", file, "--by", "question"]),
        ),
    ];
    assert!(
        tables[0]
            .1
            .lines()
            .skip(1)
            .all(|l| l.ends_with(",0.0000") || l.ends_with(",1.0000")),
        "{}",
        tables[0].1
    );
    let mut paths = Vec::new();
    for (name, text) in &tables {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        paths.push(path.to_str().unwrap().to_owned());
    }
    let python = python();
    let pandas = output(&python, &["-c", "import pandas"]).is_some_and(|o| o.status.success());
    if pandas {
        let script = r#"
import sys, pandas as pd
ones, fractions, questions = (pd.read_csv(p) for p in sys.argv[1:4])
for t in (ones, fractions):
    assert str(t["rate"].dtype) == "float64", t.dtypes
    assert str(t["assessed"].dtype) == "int64", t.dtypes
    assert str(t["non_compliant"].dtype) == "int64", t.dtypes
assert str(questions["public"].dtype) == "bool", questions.dtypes
both = pd.concat([ones, fractions])
assert str(both["rate"].dtype) == "float64", both.dtypes
print("pandas ok")
"#;
        let out = output(
            &python,
            &[
                &["-c", script][..],
                &paths.iter().map(String::as_str).collect::<Vec<_>>(),
            ]
            .concat(),
        )
        .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    } else {
        missing("pandas (set DECENTWORK_PYTHON to a Python that has it)");
    }
    let script = r#"
args <- commandArgs(trailingOnly = TRUE)
ones <- read.csv(args[1]); fractions <- read.csv(args[2]); questions <- read.csv(args[3])
for (t in list(ones, fractions)) {
  stopifnot(is.double(t$rate), is.integer(t$assessed), is.integer(t$non_compliant))
}
stopifnot(is.logical(questions$public))
both <- rbind(ones, fractions)
stopifnot(is.double(both$rate))
cat("R ok\n")
"#;
    match output(
        "Rscript",
        &[
            &["-e", script][..],
            &paths.iter().map(String::as_str).collect::<Vec<_>>(),
        ]
        .concat(),
    ) {
        Some(out) => assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        ),
        None => missing("R (Rscript)"),
    }
}

/// Parquet from `decentwork microdata` and `decentwork rates`, read with
/// pyarrow, pandas and Polars (`tests/reference/parquet_check.py`): the
/// column types those readers see, rows equal to the reference's microdata
/// and rates, and rate tables summed back from the microdata by pandas and
/// by Polars, for three populations with and without the options.
#[test]
fn parquet_reads_in_pyarrow_pandas_and_polars_as_the_reference_says() {
    let python = python();
    let readers = output(&python, &["-c", "import pyarrow, pandas, polars"])
        .is_some_and(|o| o.status.success());
    if !python_ok(&python) || !readers {
        return missing(
            "pyarrow, pandas and polars (set DECENTWORK_PYTHON to a Python 3.11+ that has them)",
        );
    }
    let dir = scratch("parquet");
    let file = export(&dir, 100, 7);
    let check = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/reference/parquet_check.py"
    );
    let out = output(
        &python,
        &[
            check,
            env!("CARGO_BIN_EXE_decentwork"),
            file.to_str().unwrap(),
            dir.join("out").to_str().unwrap(),
        ],
    )
    .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let passed: u32 = text
        .lines()
        .last()
        .and_then(|l| l.strip_suffix(" checks passed"))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(passed > 1000, "{text}");
}

/// Parquet files as researchers' tools write them by default, not as
/// `decentwork convert` does (`tests/reference/parquet_writers.py`): pandas
/// (Snappy), Polars (Zstandard) and pyarrow with gzip and LZ4, each with its
/// own type inference. `rates` reads each into the tables the CSV gives.
#[test]
fn parquet_written_by_pandas_polars_and_pyarrow_gives_the_csv_s_tables() {
    let python = python();
    let writers = output(&python, &["-c", "import pyarrow, pandas, polars"])
        .is_some_and(|o| o.status.success());
    if !writers {
        return missing(
            "pyarrow, pandas and polars (set DECENTWORK_PYTHON to a Python that has them)",
        );
    }
    let dir = scratch("parquet-writers");
    let file = export(&dir, 40, 5);
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/reference/parquet_writers.py"
    );
    let out = output(
        &python,
        &[
            script,
            file.to_str().unwrap(),
            dir.join("out").to_str().unwrap(),
        ],
    )
    .unwrap();
    let listing = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{listing}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written: Vec<(&str, &str, &str)> = listing
        .lines()
        .filter_map(|l| {
            let mut parts = l.split(' ');
            Some((parts.next()?, parts.next()?, parts.next()?))
        })
        .collect();
    let codecs: Vec<&str> = written.iter().map(|w| w.2).collect();
    assert_eq!(codecs, ["SNAPPY", "ZSTD", "GZIP", "LZ4"], "{listing}");
    for by in ["cluster,cp", "question", "country,cycle,cp"] {
        let args = |path: &str| {
            [
                "rates",
                path,
                "--population",
                "latest",
                "--by",
                by,
                "--format",
                "csv",
            ]
            .map(str::to_owned)
        };
        let csv_args = args(file.to_str().unwrap());
        let expected = decentwork(&csv_args.each_ref().map(String::as_str));
        assert!(expected.lines().count() > 10, "{expected}");
        for (name, path, _) in &written {
            let parquet_args = args(path);
            let got = decentwork(&parquet_args.each_ref().map(String::as_str));
            assert_eq!(got, expected, "{name}, --by {by}");
        }
    }
}
