//! `decentwork microdata` and Parquet output, checked against the
//! independent reference (`tests/reference/analysts.py`, run with `python3`)
//! on a generated export with every awkward case, and read back with the
//! parquet crate's own reader.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::print_stderr,
    reason = "tests fail loudly and say what they skip"
)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use arrow_array::cast::AsArray as _;
use arrow_array::types::{Date32Type, Float64Type, Int32Type, Int64Type};
use arrow_array::{Array as _, RecordBatch};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

const REFERENCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reference/analysts.py");
const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");

/// A generated export with every awkward case (what `cargo xtask gen-export
/// --factories 30 --seed 11 --awkward` writes), written once per test run.
fn awkward_export() -> &'static Path {
    static EXPORT: OnceLock<PathBuf> = OnceLock::new();
    EXPORT.get_or_init(|| {
        let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("awkward-30-11.csv");
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        decentwork_synth::write_export(&mut out, 30, 11, true).unwrap();
        std::io::Write::flush(&mut out).unwrap();
        path
    })
}

fn decentwork(args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_decentwork"))
        .args(args)
        .current_dir(EXAMPLES)
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Whether `python3` runs; without it the comparison is skipped, except
/// in CI (`CI` set), where that is a failure.
fn python() -> bool {
    let found = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "python3 is needed for the reference comparison in CI"
        );
        eprintln!("skipped: python3 not found, microdata not compared with analysts.py");
    }
    found
}

#[test]
fn microdata_is_byte_for_byte_the_reference_s() {
    if !python() {
        return;
    }
    let export = awkward_export().to_str().unwrap();
    let mut compared = 0;
    let options: [&[&str]; 4] = [
        &[],
        &["--harmonise"],
        &["--exclude-obsolete"],
        &[
            "--harmonise",
            "--exclude-obsolete",
            "--from",
            "2020-01",
            "--to",
            "2023-12",
        ],
    ];
    // Every population, each with two of the option sets (in turn), both levels.
    let populations = [
        "latest",
        "cycle:1",
        "cycle:2",
        "panel:2",
        "panel:3",
        "panel-strict:3",
    ];
    for (i, population) in populations.into_iter().enumerate() {
        for options in [options[i % 4], options[(i + 1) % 4]] {
            for level in ["cp", "assessment"] {
                let mut args = vec!["microdata", export, "--population", population];
                args.extend(options);
                args.extend(["--level", level]);
                let (code, ours, stderr) = decentwork(&args);
                assert_eq!(code, 0, "{args:?}: {stderr}");
                let theirs = Command::new("python3")
                    .arg(REFERENCE)
                    .args(&args)
                    .output()
                    .expect("python3 runs");
                assert!(
                    theirs.status.success(),
                    "{args:?}: {}",
                    String::from_utf8_lossy(&theirs.stderr)
                );
                assert!(ours.len() > 200, "{args:?}: rows expected");
                if ours != theirs.stdout {
                    let ours = String::from_utf8_lossy(&ours);
                    let theirs = String::from_utf8_lossy(&theirs.stdout);
                    let first = ours
                        .lines()
                        .zip(theirs.lines())
                        .position(|(a, b)| a != b)
                        .unwrap_or(0);
                    panic!(
                        "{args:?}: differs from analysts.py at line {}:\n  ours:   {:?}\n  theirs: {:?}",
                        first + 1,
                        ours.lines().nth(first),
                        theirs.lines().nth(first)
                    );
                }
                compared += 1;
            }
        }
    }
    assert_eq!(compared, 24);
}

/// Reads a Parquet file back with the parquet crate's reader.
fn read_parquet(bytes: Vec<u8>) -> Vec<RecordBatch> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(format!("read-{}.parquet", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    let file = std::fs::File::open(&path).unwrap();
    ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn dictionary_text(batch: &RecordBatch, column: &str, row: usize) -> Option<String> {
    let array = batch.column_by_name(column).unwrap();
    let dict = array.as_dictionary::<Int32Type>();
    if dict.is_null(row) {
        return None;
    }
    let values = dict.values().as_string::<i32>();
    Some(
        values
            .value(usize::try_from(dict.keys().value(row)).unwrap())
            .to_owned(),
    )
}

#[test]
fn parquet_reads_back_with_the_csv_s_rows_and_typed_columns() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    // Microdata: the CSV and the Parquet file hold the same rows.
    let (code, csv, stderr) = decentwork(&["microdata", "export.csv", "--population", "panel:2"]);
    assert_eq!(code, 0, "{stderr}");
    let csv = String::from_utf8(csv).unwrap();
    let out = dir.join("microdata.parquet");
    let (code, stdout, stderr) = decentwork(&[
        "microdata",
        "export.csv",
        "--population",
        "panel:2",
        "--format",
        "parquet",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty());
    let batches = read_parquet(std::fs::read(&out).unwrap());
    let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
    assert_eq!(rows, csv.lines().count() - 1);
    let batch = &batches[0];
    let schema = batch.schema();
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(
        names.join(","),
        csv.lines().next().unwrap(),
        "same columns as the CSV"
    );
    assert!(matches!(
        schema.field_with_name("cp").unwrap().data_type(),
        DataType::Dictionary(_, _)
    ));
    assert_eq!(
        schema.field_with_name("date").unwrap().data_type(),
        &DataType::Date32
    );
    // The first CSV row, cell by cell.
    let first: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(dictionary_text(batch, "country", 0).unwrap(), first[0]);
    assert_eq!(dictionary_text(batch, "factory_id", 0).unwrap(), first[2]);
    let date = batch
        .column_by_name("date")
        .unwrap()
        .as_primitive::<Date32Type>();
    assert_eq!(date.value_as_date(0).unwrap().to_string(), first[5]);
    let ints = |name: &str| {
        batch
            .column_by_name(name)
            .unwrap()
            .as_primitive::<Int64Type>()
            .value(0)
            .to_string()
    };
    assert_eq!(ints("cycle"), first[6]);
    assert_eq!(dictionary_text(batch, "cp", 0).unwrap(), first[10]);
    assert_eq!(ints("questions_assessed"), first[12]);
    assert_eq!(ints("non_compliant"), first[14]);

    // Rates: counts as int64, the rate as float64, IDs null where unknown.
    let (code, csv, _) = decentwork(&["rates", "export.csv", "--by", "country,cp"]);
    assert_eq!(code, 0);
    let csv = String::from_utf8(csv).unwrap();
    let (code, parquet, stderr) = decentwork(&[
        "rates",
        "export.csv",
        "--by",
        "country,cp",
        "--format",
        "parquet",
    ]);
    assert_eq!(
        code, 0,
        "redirected standard output takes Parquet: {stderr}"
    );
    let batches = read_parquet(parquet);
    assert_eq!(batches.len(), 1);
    let batch = &batches[0];
    assert_eq!(batch.num_rows(), csv.lines().count() - 1);
    let rate = batch
        .column_by_name("rate")
        .unwrap()
        .as_primitive::<Float64Type>();
    let assessed = batch
        .column_by_name("assessed")
        .unwrap()
        .as_primitive::<Int64Type>();
    for (i, line) in csv.lines().skip(1).enumerate() {
        let cells: Vec<&str> = line.rsplitn(4, ',').collect();
        assert_eq!(assessed.value(i).to_string(), cells[2]);
        assert_eq!(format!("{:.4}", rate.value(i)), cells[0], "row {i}");
    }
}

#[test]
fn parquet_is_not_written_to_a_terminal() {
    // `script` gives the command a terminal for its standard output.
    let Ok(out) = Command::new("script")
        .args(["-qec"])
        .arg(format!(
            "{} rates export.csv --format parquet",
            env!("CARGO_BIN_EXE_decentwork")
        ))
        .arg("/dev/null")
        .current_dir(EXAMPLES)
        .output()
    else {
        eprintln!("skipped: `script` not found, the terminal check not run");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("Parquet is binary"), "{text}");
    assert!(!text.contains("PAR1"), "{text}");
}

/// `decentwork convert` writes the export as Parquet; `rates` and
/// `microdata` read that copy into the same tables as the CSV, byte for
/// byte, on an export with every awkward case (skipped and repeated cycles,
/// duplicate and conflicting rows, legacy labels, bad rows).
#[test]
fn a_converted_export_gives_the_csv_s_tables() {
    let export = awkward_export().to_str().unwrap();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let copy = dir.join(format!("awkward-{}.parquet", std::process::id()));
    let copy_name = copy.to_str().unwrap();
    let (code, _, stderr) = decentwork(&["convert", export, "--output", copy_name]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("rows written"), "{stderr}");
    let batches = read_parquet(std::fs::read(&copy).unwrap());
    let schema = batches[0].schema();
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(names, decentwork::io::EXPORT_COLUMNS);
    assert_eq!(
        schema
            .field_with_name("Assesment.Start.Date")
            .unwrap()
            .data_type(),
        &DataType::Date32
    );
    let runs: &[&[&str]] = &[
        &[
            "rates",
            "--population",
            "latest",
            "--by",
            "cluster,cp",
            "--format",
            "csv",
        ],
        &[
            "rates",
            "--population",
            "panel:3",
            "--by",
            "country,cp",
            "--format",
            "csv",
            "--harmonise",
        ],
        &[
            "rates",
            "--population",
            "cycle:2",
            "--by",
            "question",
            "--format",
            "csv",
        ],
        &[
            "rates",
            "--population",
            "latest",
            "--by",
            "cp",
            "--format",
            "csv",
            "--exclude-obsolete",
            "--from",
            "2021-01",
            "--to",
            "2024-06",
        ],
        &["microdata", "--level", "cp"],
        &[
            "microdata",
            "--level",
            "assessment",
            "--population",
            "panel-strict:2",
        ],
    ];
    for run in runs {
        let (command, options) = run.split_at(1);
        let from_csv = decentwork(&[command, &[export], options].concat());
        let from_parquet = decentwork(&[command, &[copy_name], options].concat());
        assert_eq!(from_csv.0, 0, "{}", from_csv.2);
        assert_eq!(from_parquet.0, 0, "{}", from_parquet.2);
        assert!(!from_csv.1.is_empty());
        assert_eq!(from_csv.1, from_parquet.1, "{run:?}");
    }
    std::fs::remove_file(&copy).unwrap();
}

/// A read that fails part of the way leaves no Parquet file behind: a file
/// of part of the rows would look complete.
#[test]
fn a_failed_conversion_leaves_no_file() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let bad = dir.join(format!("bad-{}.csv", std::process::id()));
    std::fs::write(
        &bad,
        "Country,Cluster,CP,Q.Label,Question.ID,Question.type,Finding,Tags,Quest.ID,Factory.Assessed.ID,Factory.Assessed.Name,Assesment.Start.Date,Cycle,TQ.Name\n\
         Vietnam,Working Time,Overtime,Q,801,NCQ,1,,5001,77,F,14/03/2024,2,CAT\n\
         Vietnam,Working Time,Overtime,Q,802,NCQ,maybe,,5001,77,F,14/03/2024,2,CAT\n",
    )
    .unwrap();
    let out = dir.join(format!("bad-{}.parquet", std::process::id()));
    let (code, _, stderr) = decentwork(&[
        "convert",
        bad.to_str().unwrap(),
        "--strict",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("bad-") && stderr.contains(":3:"),
        "{stderr}"
    );
    assert!(!out.exists(), "a failed conversion left {}", out.display());
    // Converting a file onto itself would empty it first: refused, and the
    // export is left as it was.
    let before = std::fs::read(&bad).unwrap();
    let (code, _, stderr) = decentwork(&[
        "convert",
        bad.to_str().unwrap(),
        "--output",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("the export itself"), "{stderr}");
    assert_eq!(std::fs::read(&bad).unwrap(), before);
    std::fs::remove_file(&bad).unwrap();
}

/// An export given through a named pipe is read whole: looking for
/// Parquet's magic bytes must not take the first bytes of a pipe.
#[cfg(unix)]
#[test]
fn an_export_through_a_pipe_is_read_whole() {
    let export = awkward_export();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let fifo = dir.join(format!("export-{}.fifo", std::process::id()));
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let text = std::fs::read(export).unwrap();
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, text).unwrap())
    };
    let args = [
        "--population",
        "latest",
        "--by",
        "cluster,cp",
        "--format",
        "csv",
    ];
    let (code, piped, stderr) =
        decentwork(&[&["rates", fifo.to_str().unwrap()][..], &args].concat());
    writer.join().unwrap();
    assert_eq!(code, 0, "{stderr}");
    let (_, direct, _) = decentwork(&[&["rates", export.to_str().unwrap()][..], &args].concat());
    assert_eq!(piped, direct);
    std::fs::remove_file(&fifo).unwrap();
}
