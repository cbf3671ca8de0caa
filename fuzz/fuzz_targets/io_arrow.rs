//! The Arrow reader against the CSV reader on arbitrary tables: the input's
//! text after its first eight bytes is cut into rows (lines) of the export's
//! fourteen cells (commas; quotes and carriage returns dropped, short rows
//! padded, long ones cut), given to the CSV reader as CSV and to the Arrow reader as record
//! batches; both must give the same rows, summary and errors, one thread or
//! every core, default or strict. The first bytes choose the batches' size,
//! how many rows the Arrow reader makes into text at a time, and how each
//! column is encoded: plain text, plain text with empty cells null,
//! dictionary-encoded text, or dictionary-encoded text whose dictionary
//! holds every text twice (and one text no row uses), so that equal texts
//! come under different keys, or whole numbers where every cell of the batch
//! is one as Rust writes it (or empty).
#![no_main]

use std::sync::Arc;

use arrow_array::types::Int32Type;
use arrow_array::{ArrayRef, DictionaryArray, Int32Array, Int64Array, RecordBatch, StringArray};
use decentwork_io::arrow::RecordBatchIterator;
use decentwork_io::{EXPORT_COLUMNS, ExportImport, ImportOptions};
use libfuzzer_sys::fuzz_target;

/// Column `cells` in encoding `how` (0 to 4).
fn column(cells: &[&str], how: u8) -> ArrayRef {
    let numbers: Option<Vec<Option<i64>>> = cells
        .iter()
        .map(|c| match c.parse::<i64>() {
            Ok(n) if n.to_string() == *c => Some(Some(n)),
            _ if c.is_empty() => Some(None),
            _ => None,
        })
        .collect();
    match how % 5 {
        4 => match numbers {
            Some(numbers) => Arc::new(Int64Array::from(numbers)),
            None => Arc::new(StringArray::from_iter_values(cells)),
        },
        0 => Arc::new(StringArray::from_iter_values(cells)),
        1 => Arc::new(
            cells
                .iter()
                .map(|c| (!c.is_empty()).then_some(*c))
                .collect::<StringArray>(),
        ),
        2 => Arc::new(
            cells
                .iter()
                .copied()
                .collect::<DictionaryArray<Int32Type>>(),
        ),
        _ => {
            // Every distinct text twice, in reverse order of first use, and
            // one that no row uses; rows alternate between the two copies.
            let mut distinct: Vec<&str> = Vec::new();
            for c in cells {
                if !distinct.contains(c) {
                    distinct.push(c);
                }
            }
            distinct.reverse();
            let mut values: Vec<&str> = vec!["unused"];
            values.extend(distinct.iter().flat_map(|d| [*d, *d]));
            let keys: Int32Array = cells
                .iter()
                .enumerate()
                .map(|(row, c)| {
                    let at = distinct.iter().position(|d| d == c).unwrap_or(0);
                    i32::try_from(1 + 2 * at + row % 2).ok()
                })
                .collect();
            Arc::new(
                DictionaryArray::try_new(keys, Arc::new(StringArray::from(values)))
                    .expect("keys within the dictionary"),
            )
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((head, text)) = data.split_first_chunk::<8>() else {
        return;
    };
    let batch_rows = usize::from(head[0] % 64) + 1;
    let slice_rows = usize::from(head[1] % 16) + 1;
    let encodings =
        u64::from_le_bytes([head[2], head[3], head[4], head[5], head[6], head[7], 0, 0]);
    let text: String = String::from_utf8_lossy(text)
        .chars()
        .filter(|c| !matches!(c, '"' | '\r'))
        .collect();
    let rows: Vec<Vec<&str>> = text
        .split('\n')
        .filter(|line| !line.is_empty())
        .map(|line| {
            let mut cells: Vec<&str> = line.split(',').take(EXPORT_COLUMNS.len()).collect();
            cells.resize(EXPORT_COLUMNS.len(), "");
            cells
        })
        .collect();
    let mut csv = EXPORT_COLUMNS.join(",");
    for row in &rows {
        csv.push('\n');
        csv.push_str(&row.join(","));
    }
    csv.push('\n');
    let batches: Vec<RecordBatch> = rows
        .chunks(batch_rows)
        .map(|chunk| {
            RecordBatch::try_from_iter(EXPORT_COLUMNS.iter().enumerate().map(|(c, name)| {
                let cells: Vec<&str> = chunk.iter().map(|row| row[c]).collect();
                let how = ((encodings >> (3 * c)) & 7) as u8;
                (*name, column(&cells, how))
            }))
            .expect("columns of one length")
        })
        .collect();
    let Some(schema) = batches.first().map(RecordBatch::schema) else {
        return;
    };
    for options in [ImportOptions::default(), ImportOptions::strict()] {
        let import = ExportImport::new("fuzz", options).with_arrow_slices(slice_rows);
        let mut from_csv = Vec::new();
        let read_csv = import.read(csv.as_bytes(), |row| from_csv.push(row));
        let mut from_arrow = Vec::new();
        let read_arrow = import.read_arrow(
            RecordBatchIterator::new(batches.clone().into_iter().map(Ok), schema.clone()),
            |row| from_arrow.push(row.to_owned_row()),
        );
        let mut batched = Vec::new();
        let read_batched = import.read_arrow_batched(
            RecordBatchIterator::new(batches.clone().into_iter().map(Ok), schema.clone()),
            Vec::new,
            |batch, row| batch.push(row.to_owned_row()),
            |batch| batched.extend(batch),
        );
        assert_eq!(read_arrow, read_csv);
        assert_eq!(read_batched, read_csv);
        assert_eq!(from_arrow, from_csv);
        if read_csv.is_ok() {
            assert_eq!(batched, from_csv);
        } else {
            assert!(from_csv.starts_with(&batched));
        }
    }
});
