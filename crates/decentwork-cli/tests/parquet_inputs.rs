//! Parquet files built to make a reader spell out more than the file holds:
//! `decentwork rates` reads them in bounded memory. The command runs with
//! its address space limited by the shell's `ulimit -v`, so a reader that
//! spelled them out would be stopped by the limit rather than pass.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use arrow_array::types::Int32Type;
use arrow_array::{ArrayRef, DictionaryArray, Int32Array, RecordBatch, StringArray};
use decentwork::io::EXPORT_COLUMNS;
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_writer::ArrowWriterOptions;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

/// One row of the export's fields, by column.
const ROW: [&str; 14] = [
    "Viet Nam",
    "Working Time",
    "Overtime",
    "Is overtime voluntary?",
    "101",
    "NCQ",
    "1",
    "",
    "A1",
    "F1",
    "Factory one",
    "02/05/2024",
    "1",
    "Garment CAT",
];

/// Address space given to the command, in KiB: about 1 GiB.
const LIMIT_KIB: u64 = 1024 * 1024;

fn scratch(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}.parquet", std::process::id()))
}

/// Writes `rows` rows whose `Q.Label` is `label(i)`, every other column the
/// one value of [`ROW`], each column held as a dictionary; the file's own
/// schema says plain text (no Arrow schema is stored), as a writer that
/// never used Arrow would leave it.
fn write(path: &Path, rows: usize, labels: &[String], compression: Compression, dictionary: bool) {
    let keys = |n: usize, distinct: usize| {
        Int32Array::from_iter_values((0..n).map(|i| i32::try_from(i % distinct).unwrap()))
    };
    let columns: Vec<(&str, ArrayRef)> = EXPORT_COLUMNS
        .iter()
        .zip(ROW)
        .map(|(&name, value)| {
            let values: Vec<String> = if name == "Q.Label" {
                labels.to_vec()
            } else {
                vec![value.to_owned()]
            };
            let array: ArrayRef = Arc::new(
                DictionaryArray::<Int32Type>::try_new(
                    keys(rows, values.len()),
                    Arc::new(StringArray::from(values)),
                )
                .unwrap(),
            );
            (name, array)
        })
        .collect();
    let batch = RecordBatch::try_from_iter(columns).unwrap();
    let properties = WriterProperties::builder()
        .set_compression(compression)
        .set_dictionary_enabled(dictionary)
        .build();
    let options = ArrowWriterOptions::new()
        .with_properties(properties)
        .with_skip_arrow_metadata(true);
    let file = std::fs::File::create(path).unwrap();
    let mut writer = ArrowWriter::try_new_with_options(file, batch.schema(), options).unwrap();
    writer.write(&batch).unwrap();
    writer.close().unwrap();
}

/// `decentwork rates FILE --by cp` under the address-space limit: its exit
/// code and standard error.
fn rates_within_limit(path: &Path) -> (i32, String) {
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {LIMIT_KIB} && exec \"$0\" rates \"$1\" --by cp --format csv"
        ))
        .arg(env!("CARGO_BIN_EXE_decentwork"))
        .arg(path)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A file of some 70 KB whose dictionary encoding repeats one question text
/// of 60 000 bytes on 30 000 rows: spelled out row by row, 1.8 GB. Read
/// through its dictionary, as the command reads text columns, it stays
/// small. (Before text was read as dictionaries, this run was stopped by the
/// limit.)
#[test]
fn a_repeated_dictionary_value_is_not_spelled_out_row_by_row() {
    let path = scratch("dictionary-bomb");
    write(
        &path,
        30_000,
        &["x".repeat(60_000)],
        Compression::UNCOMPRESSED,
        true,
    );
    assert!(std::fs::metadata(&path).unwrap().len() < 200_000);
    let (code, stderr) = rates_within_limit(&path);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("30000 rows read, 30000 used"), "{stderr}");
}

/// A Zstandard file of some 200 KB holding 20 000 distinct question texts of
/// 60 000 bytes (1.2 GB once decompressed): record batches are cut to about
/// 32 MB by the sizes the file's row groups give, so the command reads it
/// within the limit.
#[test]
fn a_compressed_file_is_read_a_bounded_batch_at_a_time() {
    let path = scratch("zstd-bomb");
    let labels: Vec<String> = (0..20_000)
        .map(|i| format!("{}{i}", "x".repeat(60_000)))
        .collect();
    write(
        &path,
        labels.len(),
        &labels,
        Compression::ZSTD(ZstdLevel::default()),
        false,
    );
    assert!(std::fs::metadata(&path).unwrap().len() < 2_000_000);
    let (code, stderr) = rates_within_limit(&path);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("20000 rows read, 20000 used"), "{stderr}");
}
