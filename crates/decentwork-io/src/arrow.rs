//! The export given as Arrow record batches (feature `arrow`): what pandas,
//! Polars, a Parquet file or a database hands over, read into the same rows
//! as the CSV reader gives, with the same checks, label resolution and
//! errors, so rates come out the same.
//!
//! Columns are found by name, as in the CSV. Each may be text of any Arrow
//! encoding (`string`, `large_string`, `string_view`, dictionary-encoded),
//! whole numbers (the integer types, or floats holding whole numbers, as
//! pandas makes of a number column with gaps), or, for
//! `Assesment.Start.Date`, a date or timestamp; a null reads as an empty
//! field. Text is read exactly as the CSV reader reads a field (trimmed),
//! numbers as their digits, dates as the day they name.

use std::sync::Arc;

pub use arrow_array::{RecordBatch, RecordBatchIterator, RecordBatchReader};
pub use arrow_schema::ArrowError;

use arrow_array::builder::{
    ArrayBuilder as _, Date32Builder, Int8Builder, Int32Builder, StringBuilder,
    StringDictionaryBuilder,
};
use arrow_array::cast::AsArray as _;
use arrow_array::types::{Date32Type, Float16Type, Float32Type, Float64Type, Int32Type, Int64Type};
use arrow_array::{Array, ArrayRef, StringArray};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use chrono::NaiveDate;

use crate::export::{AssessmentCache, Columns, Labels, Unknown};
use crate::split::Fields;
use crate::{EXPORT_COLUMNS, ExportImport, ExportRowRef, ImportError, ImportSummary};

/// One row of a record batch: its columns' texts are looked up as the row's
/// checks ask for them.
#[derive(Clone, Copy)]
struct TextRecord<'r> {
    columns: &'r [ColumnView<'r>],
    row: usize,
}

impl<'r> TextRecord<'r> {
    fn value(&self, i: usize) -> Option<&'r str> {
        Some(self.columns.get(i)?.value(self.row).unwrap_or(""))
    }
}

impl<'r> Fields<'r> for TextRecord<'r> {
    fn count(&self) -> usize {
        self.columns.len()
    }

    fn raw(&self, i: usize) -> Option<&'r [u8]> {
        self.value(i).map(str::as_bytes)
    }

    fn text(&self, i: usize) -> Option<Result<&'r str, simdutf8::basic::Utf8Error>> {
        self.value(i).map(Ok)
    }

    fn line_break(&self) -> bool {
        // Arrow text is not split on line ends: a line break in a field is
        // its text, not a quoting accident.
        false
    }

    fn longer_than(&self, limit: usize) -> Option<usize> {
        // Most columns hold no text longer than the limit in the whole batch.
        self.columns.iter().enumerate().find_map(|(i, c)| {
            (c.longest > limit && c.value(self.row).is_some_and(|t| t.len() > limit)).then_some(i)
        })
    }

    fn token(&self, i: usize) -> Option<usize> {
        self.columns.get(i)?.token(self.row)
    }
}

/// A float as the CSV would hold it: a whole number as its digits, anything
/// else as written (which the row's checks then refuse, naming it).
fn float_text(value: f64) -> String {
    if value.is_finite() && value.fract() == 0.0 && value.abs() < 1e15 {
        // Whole and well inside i64: exact.
        #[allow(
            clippy::cast_possible_truncation,
            reason = "checked whole and in range"
        )]
        let whole = value as i64;
        whole.to_string()
    } else {
        value.to_string()
    }
}

/// A row's key where the row is null.
const NULL: usize = usize::MAX;

/// A column of a record batch read as text. Dictionary-encoded text keeps
/// its dictionary, and numbers and dates become one text per distinct
/// value: each row holds a key into the column's texts, so a label or a date
/// is not spelled out row by row, and rows with equal keys hold equal texts.
enum TextColumn {
    Plain(StringArray),
    Keyed {
        /// Each row's key into `values` (a text that is not null), [`NULL`]
        /// where the row is null.
        keys: Vec<usize>,
        values: StringArray,
    },
}

/// A [`TextColumn`] as the rows of its record batch read it.
struct ColumnView<'a> {
    texts: Texts<'a>,
    /// The length of the column's longest text.
    longest: usize,
}

enum Texts<'a> {
    Plain(&'a StringArray),
    Keyed {
        keys: &'a [usize],
        values: &'a StringArray,
    },
}

impl<'a> ColumnView<'a> {
    /// The view of `column`, whose longest text is at most `longest` where
    /// that is known (a dictionary's, found once per batch): work in
    /// proportion to its rows, however large its dictionary.
    fn new(column: &'a TextColumn, longest: Option<usize>) -> Self {
        let (texts, longest) = match column {
            TextColumn::Plain(array) => (Texts::Plain(array), array.offsets().lengths().max()),
            TextColumn::Keyed { keys, values } => (
                Texts::Keyed { keys, values },
                longest.or_else(|| values.offsets().lengths().max()),
            ),
        };
        ColumnView {
            texts,
            longest: longest.unwrap_or(0),
        }
    }

    /// Row `i`'s text; `None` where it is null.
    fn value(&self, i: usize) -> Option<&'a str> {
        match &self.texts {
            Texts::Plain(a) => (i < a.len() && a.is_valid(i)).then(|| a.value(i)),
            Texts::Keyed { keys, values } => {
                // `NULL` is past the end of any array.
                let key = *keys.get(i)?;
                (key < values.len()).then(|| values.value(key))
            }
        }
    }

    /// Row `i`'s key, where the column has keys.
    fn token(&self, i: usize) -> Option<usize> {
        match &self.texts {
            Texts::Plain(_) => None,
            Texts::Keyed { keys, .. } => keys.get(i).copied(),
        }
    }
}

/// The keys and texts of a column of `len` rows whose row `i` holds
/// `value(i)`, each distinct value spelled once by `spell` (`None` reads as
/// null).
fn keyed<T: Copy + Eq + std::hash::Hash>(
    len: usize,
    value: impl Fn(usize) -> Option<T>,
    spell: impl Fn(T) -> Option<String>,
) -> TextColumn {
    let mut keys = Vec::with_capacity(len);
    let mut texts = StringBuilder::new();
    let mut seen: rustc_hash::FxHashMap<T, usize> = rustc_hash::FxHashMap::default();
    // Rows come grouped by assessment: most rows repeat the one before.
    let mut last: Option<(T, usize)> = None;
    for i in 0..len {
        let key = match (value(i), last) {
            (None, _) => NULL,
            (Some(v), Some((l, key))) if l == v => key,
            (Some(v), _) => {
                let key = *seen.entry(v).or_insert_with(|| match spell(v) {
                    Some(text) => {
                        texts.append_value(text);
                        texts.len() - 1
                    }
                    None => NULL,
                });
                last = Some((v, key));
                key
            }
        };
        keys.push(key);
    }
    TextColumn::Keyed {
        keys,
        values: texts.finish(),
    }
}

/// `array`, with a dictionary of text in another encoding than `Utf8` cast
/// to one of `Utf8`.
fn plain_dictionary(
    import: &ExportImport,
    name: &str,
    array: ArrayRef,
) -> Result<ArrayRef, ImportError> {
    match array.data_type() {
        DataType::Dictionary(key_type, values)
            if key_type.is_integer()
                && matches!(**values, DataType::LargeUtf8 | DataType::Utf8View) =>
        {
            let to = DataType::Dictionary(key_type.clone(), Box::new(DataType::Utf8));
            arrow_cast::cast(&array, &to).map_err(|e| ImportError::Unreadable {
                file: import.file.clone(),
                message: format!("column {name}: {e}"),
            })
        }
        _ => Ok(array),
    }
}

/// The length of the longest text in `array`'s dictionary, where it is a
/// dictionary of `Utf8` text.
fn longest_in_dictionary(array: &ArrayRef) -> Option<usize> {
    let values = array.as_any_dictionary_opt()?.values();
    let values = values.as_string_opt::<i32>()?;
    Some(values.offsets().lengths().max().unwrap_or(0))
}

/// A column of dictionary-encoded text, keeping its dictionary.
fn dictionary_column(
    dictionary: &dyn arrow_array::AnyDictionaryArray,
) -> Result<TextColumn, ArrowError> {
    let keys = arrow_cast::cast(dictionary.keys(), &DataType::Int64)?;
    let keys = keys.as_primitive::<Int64Type>();
    let values = arrow_cast::cast(dictionary.values(), &DataType::Utf8)?;
    let values = values.as_string::<i32>();
    // A key that is null, or names no text, reads as null.
    let keys = (0..keys.len())
        .map(|i| {
            keys.is_valid(i)
                .then(|| usize::try_from(keys.value(i)).ok())
                .flatten()
                .filter(|&k| k < values.len() && values.is_valid(k))
                .unwrap_or(NULL)
        })
        .collect();
    Ok(TextColumn::Keyed {
        keys,
        values: values.clone(),
    })
}

/// A column as text, one text per row (null where the column is null).
fn text_column(
    import: &ExportImport,
    name: &str,
    array: &ArrayRef,
) -> Result<TextColumn, ImportError> {
    let unreadable = |why: String| ImportError::Unreadable {
        file: import.file.clone(),
        message: format!("column {name}: {why}"),
    };
    let cast = |array: &ArrayRef, to: &DataType| {
        arrow_cast::cast(array, to).map_err(|e| unreadable(e.to_string()))
    };
    let len = array.len();
    let floats = |values: &dyn Fn(usize) -> Option<f64>| {
        keyed(
            len,
            |i| values(i).map(f64::to_bits),
            |bits| {
                Some(f64::from_bits(bits))
                    .filter(|v| !v.is_nan())
                    .map(float_text)
            },
        )
    };
    match array.data_type() {
        DataType::Dictionary(key_type, values)
            if key_type.is_integer()
                && matches!(
                    **values,
                    DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
                ) =>
        {
            let dictionary = array
                .as_any_dictionary_opt()
                .ok_or_else(|| unreadable("not a dictionary".to_owned()))?;
            dictionary_column(dictionary).map_err(|e| unreadable(e.to_string()))
        }
        DataType::Dictionary(_, values) => {
            // Dictionary-encoded numbers (or text under keys that are not
            // integers): decoded, then read as they are.
            let plain = cast(array, values)?;
            text_column(import, name, &plain)
        }
        DataType::Utf8 => Ok(TextColumn::Plain(array.as_string::<i32>().clone())),
        DataType::Float16 => {
            let a = array.as_primitive::<Float16Type>();
            Ok(floats(&|i| a.is_valid(i).then(|| f64::from(a.value(i)))))
        }
        DataType::Float32 => {
            let a = array.as_primitive::<Float32Type>();
            Ok(floats(&|i| a.is_valid(i).then(|| f64::from(a.value(i)))))
        }
        DataType::Float64 => {
            let a = array.as_primitive::<Float64Type>();
            Ok(floats(&|i| a.is_valid(i).then(|| a.value(i))))
        }
        DataType::Date32 | DataType::Date64 | DataType::Timestamp(_, _) => {
            let days = cast(array, &DataType::Date32)?;
            let days = days.as_primitive::<Date32Type>();
            Ok(keyed(
                len,
                |i| days.is_valid(i).then(|| days.value(i)),
                |day| Date32Type::to_naive_date_opt(day).map(|d| d.format("%d/%m/%Y").to_string()),
            ))
        }
        // Every value of these fits an i64 exactly.
        DataType::Int8
        | DataType::Int16
        | DataType::Int32
        | DataType::Int64
        | DataType::UInt8
        | DataType::UInt16
        | DataType::UInt32 => {
            let numbers = cast(array, &DataType::Int64)?;
            let numbers = numbers.as_primitive::<Int64Type>();
            Ok(keyed(
                len,
                |i| numbers.is_valid(i).then(|| numbers.value(i)),
                |n| Some(n.to_string()),
            ))
        }
        DataType::LargeUtf8
        | DataType::Utf8View
        | DataType::Null
        | DataType::Boolean
        | DataType::UInt64 => Ok(TextColumn::Plain(
            cast(array, &DataType::Utf8)?.as_string::<i32>().clone(),
        )),
        other => Err(unreadable(format!(
            "values of type {other}, where text, whole numbers or dates are expected"
        ))),
    }
}

impl ExportImport {
    /// Reads an export given as Arrow record batches, handing each good row
    /// to `each` as [`ExportImport::read_borrowed`] does for CSV: the same
    /// checks, the same label resolution, the same summary, and so the same
    /// counts for the same rows. Columns are found by name (other columns
    /// are listed as unused); see [the module](crate::arrow) for the types
    /// each column may have. Memory holds one batch, as text, at a time.
    ///
    /// Errors name the row as a line, counting as a CSV file of the same
    /// rows would: the header is line 1, the first row of the first batch
    /// line 2.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use arrow_array::{ArrayRef, Int64Array, RecordBatch, StringArray};
    /// use decentwork_io::arrow::RecordBatchIterator;
    /// use decentwork_io::{EXPORT_COLUMNS, ExportImport, ImportOptions};
    /// use decentwork_scoring::{GroupBy, Population, PopulationRule, RateOptions};
    ///
    /// let text = |v: &[&str]| Arc::new(StringArray::from(v.to_vec())) as ArrayRef;
    /// let number = |v: &[i64]| Arc::new(Int64Array::from(v.to_vec())) as ArrayRef;
    /// let columns: Vec<ArrayRef> = vec![
    ///     text(&["Vietnam", "Vietnam"]), text(&["Working Time", "Working Time"]),
    ///     text(&["Overtime", "Overtime"]), text(&["Overtime over the limit?"; 2]),
    ///     number(&[801, 801]), text(&["NCQ", "NCQ"]), number(&[1, 0]), text(&["", ""]),
    ///     number(&[5001, 5002]), number(&[77, 78]), text(&["Example Garment", "Other Garment"]),
    ///     text(&["14/03/2024", "02/04/2024"]), number(&[2, 1]), text(&["Garment CAT"; 2]),
    /// ];
    /// let batch = RecordBatch::try_from_iter(EXPORT_COLUMNS.into_iter().zip(columns))?;
    /// let schema = batch.schema();
    /// let mut population = Population::new();
    /// let summary = ExportImport::new("a table", ImportOptions::default()).read_arrow(
    ///     RecordBatchIterator::new([Ok(batch)], schema),
    ///     |row| population.add(&row.observation()),
    /// )?;
    /// assert_eq!(summary.rows_used, 2);
    /// let table = population.rates(PopulationRule::Latest { window: None }, &[GroupBy::Point], RateOptions::default());
    /// assert_eq!(table.rows[0].tally.rate().unwrap().to_string(), "1/2");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`ExportImport::read`]: [`ImportError::MissingColumns`] or
    /// [`ImportError::DuplicateColumn`] for the schema,
    /// [`ImportError::Unreadable`] for a column of a type that cannot be
    /// read, [`ImportError::ReadFailed`] when the reader fails part of the
    /// way through, [`ImportError::Strict`] at the first bad row of a strict
    /// import (a non-strict import skips bad rows and lists them).
    pub fn read_arrow(
        &self,
        reader: impl RecordBatchReader,
        mut each: impl FnMut(&ExportRowRef<'_>),
    ) -> Result<ImportSummary, ImportError> {
        let (names, found, mut summary) = self.arrow_columns(&reader)?;
        let keep = self.options.keep_errors.unwrap_or(1000);
        let mut state = (Labels::default(), AssessmentCache::default());
        let mut line: u64 = 1;
        for (seq, batch) in (0_u64..).zip(reader) {
            let batch = batch.map_err(|e| self.arrow_failed(&e, line, &summary))?;
            let rows = batch.num_rows() as u64;
            // In a strict import, no row after the first bad one is handed on.
            let mut failed = None;
            let unknown = self.batch_rows(
                (seq, &batch, line),
                (&names, &found),
                &mut state,
                |outcome| {
                    if failed.is_none() {
                        let outcome = outcome.map(|row| each(&row));
                        failed = self.tally(&mut summary, outcome, keep).err();
                    }
                },
            )?;
            if let Some(error) = failed {
                return Err(error);
            }
            unknown.merge_into(&mut summary);
            line += rows;
        }
        Ok(summary)
    }

    /// Like [`ExportImport::read_arrow`], reading the record batches on every
    /// core: each batch's good rows are given to `fill`, in order, on the
    /// thread that read it, into a batch from `new`; this thread hands the
    /// batches to `each` in input order (as [`ExportImport::read_batched`]
    /// does for CSV). Counts, errors and rows are those of `read_arrow`,
    /// except that in a strict import that fails, the rows of the failing
    /// record batch are not handed on. At most a few record batches per
    /// core are held at a time.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use arrow_array::{ArrayRef, RecordBatch, StringArray};
    /// use decentwork_io::arrow::RecordBatchIterator;
    /// use decentwork_io::{EXPORT_COLUMNS, ExportImport, ImportOptions};
    /// use decentwork_scoring::{ObservationBatch, Population};
    ///
    /// let row = ["Vietnam", "Working Time", "Overtime", "Overtime over the limit?", "801", "NCQ", "1", "",
    ///            "5001", "77", "Example Garment", "14/03/2024", "2", "Garment CAT"];
    /// let columns = EXPORT_COLUMNS.into_iter().zip(row).map(|(name, value)| {
    ///     (name, Arc::new(StringArray::from(vec![value])) as ArrayRef)
    /// });
    /// let batch = RecordBatch::try_from_iter(columns)?;
    /// let schema = batch.schema();
    /// let mut population = Population::new();
    /// let summary = ExportImport::new("a table", ImportOptions::default()).read_arrow_batched(
    ///     RecordBatchIterator::new([Ok(batch)], schema),
    ///     ObservationBatch::new,
    ///     |batch, row| batch.push(&row.observation()),
    ///     |batch| population.add_batch(&batch),
    /// )?;
    /// assert_eq!((summary.rows_used, population.len()), (1, 1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`ExportImport::read_arrow`].
    pub fn read_arrow_batched<B: Send>(
        &self,
        reader: impl RecordBatchReader + Send,
        new: impl Fn() -> B + Sync,
        fill: impl Fn(&mut B, &ExportRowRef<'_>) + Sync,
        mut each: impl FnMut(B),
    ) -> Result<ImportSummary, ImportError> {
        let (names, found, mut summary) = self.arrow_columns(&reader)?;
        let keep = self.options.keep_errors.unwrap_or(1000);
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 8));
        let (names, found) = (&names, &found);
        let (new, fill) = (&new, &fill);
        std::thread::scope(|scope| {
            // Record batches in flight, at most: memory stays bounded.
            let in_flight = 2 * workers + 2;
            let (job_tx, job_rx) =
                std::sync::mpsc::sync_channel::<(u64, RecordBatch, u64)>(workers);
            let job_rx = std::sync::Arc::new(std::sync::Mutex::new(job_rx));
            let (done_tx, done_rx) = std::sync::mpsc::channel::<ArrowDone<B>>();
            let (free_tx, free_rx) = std::sync::mpsc::channel::<()>();
            let failed = done_tx.clone();
            scope.spawn(move || {
                let mut line: u64 = 1;
                for (seq, batch) in (0_u64..).zip(reader) {
                    if seq >= in_flight as u64 && free_rx.recv().is_err() {
                        return;
                    }
                    match batch {
                        Ok(batch) => {
                            let rows = batch.num_rows() as u64;
                            if job_tx.send((seq, batch, line)).is_err() {
                                return;
                            }
                            line += rows;
                        }
                        Err(error) => {
                            let _ = failed.send(ArrowDone {
                                seq,
                                read: Err((error, line)),
                            });
                            return;
                        }
                    }
                }
            });
            for _ in 0..workers {
                let job_rx = std::sync::Arc::clone(&job_rx);
                let done_tx = done_tx.clone();
                scope.spawn(move || {
                    let mut state = (Labels::default(), AssessmentCache::default());
                    loop {
                        let job = match job_rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => return,
                        };
                        let Ok((seq, batch, line)) = job else { return };
                        let read = Ok(self.arrow_rows(
                            (seq, &batch, line),
                            (names, found),
                            &mut state,
                            (new, fill),
                        ));
                        if done_tx.send(ArrowDone { seq, read }).is_err() {
                            return;
                        }
                    }
                });
            }
            drop((done_tx, job_rx));
            // Batches finish out of order; hand them on in order.
            let mut waiting = std::collections::BTreeMap::new();
            let mut expected = 0;
            for done in done_rx {
                waiting.insert(done.seq, done.read);
                while let Some(read) = waiting.remove(&expected) {
                    expected += 1;
                    let rows = match read {
                        Ok(rows) => rows?,
                        Err((error, line)) => return Err(self.arrow_failed(&error, line, &summary)),
                    };
                    rows.unknown.merge_into(&mut summary);
                    let mut errors = rows.errors.into_iter().peekable();
                    for i in 0..rows.good {
                        while let Some((_, error)) = errors.next_if(|(before, _)| *before <= i) {
                            self.tally(&mut summary, Err(error), keep)?;
                        }
                        self.tally(&mut summary, Ok(()), keep)?;
                    }
                    for (_, error) in errors {
                        self.tally(&mut summary, Err(error), keep)?;
                    }
                    each(rows.batch);
                    let _ = free_tx.send(());
                }
            }
            Ok(summary)
        })
    }

    /// Record batch `seq`'s good rows filled into a batch from `new`, and
    /// its bad rows' errors.
    fn arrow_rows<B>(
        &self,
        job: (u64, &RecordBatch, u64),
        columns: (&[String], &Columns),
        state: &mut (Labels, AssessmentCache),
        (new, fill): (&impl Fn() -> B, &impl Fn(&mut B, &ExportRowRef<'_>)),
    ) -> Result<ArrowRows<B>, ImportError> {
        let mut batch = new();
        let mut good = 0;
        let mut errors = Vec::new();
        let unknown = self.batch_rows(job, columns, state, |outcome| match outcome {
            Ok(row) => {
                fill(&mut batch, &row);
                good += 1;
            }
            Err(error) => errors.push((good, error)),
        })?;
        Ok(ArrowRows {
            batch,
            good,
            errors,
            unknown,
        })
    }

    /// The schema's column names, where the export's columns are among them,
    /// and the summary a read starts from (the columns it does not use).
    fn arrow_columns(
        &self,
        reader: &impl RecordBatchReader,
    ) -> Result<(Vec<String>, Columns, ImportSummary), ImportError> {
        let schema = reader.schema();
        let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
        let found = self.columns(names.clone())?;
        let summary = ImportSummary {
            unused_columns: found.unused.clone(),
            ..ImportSummary::default()
        };
        Ok((names, found, summary))
    }

    /// The error for a reader that failed before line `line`.
    fn arrow_failed(&self, error: &ArrowError, line: u64, summary: &ImportSummary) -> ImportError {
        ImportError::ReadFailed {
            file: self.file.clone(),
            line,
            rows_read: summary.rows_read,
            message: error.to_string(),
        }
    }

    /// Reads record batch `seq`, whose rows start after line `line`, giving
    /// each row (or why it is bad) to `each` in order; returns the labels
    /// it met that the catalogue does not know.
    fn batch_rows(
        &self,
        (seq, batch, mut line): (u64, &RecordBatch, u64),
        (names, found): (&[String], &Columns),
        (labels, cache): &mut (Labels, AssessmentCache),
        mut each: impl FnMut(Result<ExportRowRef<'_>, ImportError>),
    ) -> Result<Unknown, ImportError> {
        // The row reader sees the export's columns alone, in their order.
        let columns = Columns::new(std::array::from_fn(|i| i), EXPORT_COLUMNS.len(), Vec::new());
        let batch_names: Vec<&str> = batch
            .schema_ref()
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .collect();
        if batch_names != names {
            return Err(ImportError::Unreadable {
                file: self.file.clone(),
                message: format!(
                    "batch {} has the columns {}, not those of the schema",
                    seq + 1,
                    batch_names.join(", ")
                ),
            });
        }
        // Dictionaries of text of other encodings made plain text once per
        // batch, not once per slice.
        let mut columns_of_batch = Vec::with_capacity(EXPORT_COLUMNS.len());
        for (&position, name) in found.positions.iter().zip(EXPORT_COLUMNS) {
            let array = batch.columns().get(position).map_or_else(
                || Arc::new(arrow_array::NullArray::new(batch.num_rows())) as ArrayRef,
                Arc::clone,
            );
            let array = plain_dictionary(self, name, array)?;
            let longest = longest_in_dictionary(&array);
            columns_of_batch.push((array, longest));
        }
        // Unknown labels are reported once per record batch.
        labels.start(seq);
        // A few thousand rows at a time: their keys stay in the core's cache
        // between being made and being read.
        let mut start = 0;
        while start < batch.num_rows() {
            let rows = self.slice_rows.min(batch.num_rows() - start);
            let mut texts: Vec<TextColumn> = Vec::with_capacity(EXPORT_COLUMNS.len());
            for ((array, _), name) in columns_of_batch.iter().zip(EXPORT_COLUMNS) {
                texts.push(text_column(self, name, &array.slice(start, rows))?);
            }
            start += rows;
            let views: Vec<ColumnView<'_>> = texts
                .iter()
                .zip(&columns_of_batch)
                .map(|(column, &(_, longest))| ColumnView::new(column, longest))
                .collect();
            // Keys hold among these rows only.
            labels.forget_tokens();
            cache.forget_tokens();
            for row in 0..rows {
                line += 1;
                let record = TextRecord {
                    columns: &views,
                    row,
                };
                each(self.row(record, &columns, line, (labels, cache)));
            }
        }
        Ok(labels.start(seq + 1))
    }
}

/// A record batch read on a worker thread, or why the reader stopped.
struct ArrowDone<B> {
    seq: u64,
    read: Result<Result<ArrowRows<B>, ImportError>, (ArrowError, u64)>,
}

/// A record batch's good rows, filled into the caller's batch, and its bad
/// rows' errors, each with the number of good rows before it.
struct ArrowRows<B> {
    batch: B,
    good: usize,
    errors: Vec<(usize, ImportError)>,
    unknown: Unknown,
}

/// The export's columns as a Parquet or Arrow copy of an export holds them
/// ([`ExportBatchBuilder`] writes them; [`ExportImport::read_arrow`] reads
/// them back into the same rows): the export's column names, every text
/// column dictionary-encoded, `Finding` a small integer (null on
/// fact-gathering rows), `Assesment.Start.Date` a date and `Cycle` an integer.
#[must_use]
pub fn export_schema() -> SchemaRef {
    let text = |name: &str| {
        Field::new(
            name,
            DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8)),
            true,
        )
    };
    let fields: Vec<Field> = EXPORT_COLUMNS
        .iter()
        .map(|&name| match name {
            "Finding" => Field::new(name, DataType::Int8, true),
            "Assesment.Start.Date" => Field::new(name, DataType::Date32, false),
            "Cycle" => Field::new(name, DataType::Int32, false),
            _ => text(name),
        })
        .collect();
    Arc::new(Schema::new(fields))
}

/// Rows of an export gathered into record batches of [`export_schema`]:
/// what `decentwork convert` writes to Parquet, a typed copy that
/// researchers' tools read directly and [`ExportImport::read_arrow`] reads
/// back into the same rows. A row keeps what the reader kept of it:
/// `Tags` holds `Public Disclosure` or nothing (other tags are not kept),
/// `Finding` 1 or 0 on non-compliance questions and nothing on
/// fact-gathering ones.
///
/// ```
/// use decentwork_io::arrow::ExportBatchBuilder;
/// use decentwork_io::{ExportImport, ImportOptions};
///
/// let csv = "Country,Cluster,CP,Q.Label,Question.ID,Question.type,Finding,Tags,Quest.ID,Factory.Assessed.ID,Factory.Assessed.Name,Assesment.Start.Date,Cycle,TQ.Name\n\
///            Vietnam,Working Time,Overtime,Overtime over the limit?,801,NCQ,1,,5001,77,Example Garment,14/03/2024,2,Garment CAT\n";
/// let mut batches = ExportBatchBuilder::new();
/// ExportImport::new("export.csv", ImportOptions::default())
///     .read_borrowed(csv.as_bytes(), |row| batches.push(row))?;
/// let batch = batches.finish()?;
/// assert_eq!(batch.num_rows(), 1);
/// assert_eq!(batch.schema(), decentwork_io::arrow::export_schema());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct ExportBatchBuilder {
    texts: [StringDictionaryBuilder<Int32Type>; 11],
    finding: Int8Builder,
    start: Date32Builder,
    cycle: Int32Builder,
    rows: usize,
}

impl std::fmt::Debug for ExportBatchBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExportBatchBuilder")
            .field("rows", &self.rows)
            .finish_non_exhaustive()
    }
}

impl Default for ExportBatchBuilder {
    fn default() -> Self {
        Self::new()
    }
}

/// The first day Arrow counts dates from.
const EPOCH: NaiveDate = match NaiveDate::from_ymd_opt(1970, 1, 1) {
    Some(day) => day,
    None => NaiveDate::MIN,
};

impl ExportBatchBuilder {
    /// An empty builder.
    #[must_use]
    pub fn new() -> Self {
        Self {
            texts: std::array::from_fn(|_| StringDictionaryBuilder::new()),
            finding: Int8Builder::new(),
            start: Date32Builder::new(),
            cycle: Int32Builder::new(),
            rows: 0,
        }
    }

    /// The rows pushed since the last batch.
    #[must_use]
    pub fn len(&self) -> usize {
        self.rows
    }

    /// Whether no row was pushed since the last batch.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Adds a row.
    pub fn push(&mut self, row: &ExportRowRef<'_>) {
        let (question_type, finding) = match row.question_type {
            crate::QuestionType::NonCompliance => ("NCQ", Some(i8::from(row.non_compliant))),
            crate::QuestionType::FactGathering => ("FGW", None),
        };
        let texts: [Option<&str>; 11] = [
            Some(row.country.label),
            Some(row.cluster.label),
            Some(row.point.label),
            Some(row.question_label),
            Some(row.question.label),
            Some(question_type),
            row.public.then_some("Public Disclosure"),
            Some(row.assessment.as_str()),
            Some(row.factory.as_str()),
            Some(row.factory_name),
            Some(row.tool),
        ];
        for (builder, text) in self.texts.iter_mut().zip(texts) {
            match text {
                // A batch holds far fewer than 2^31 distinct texts.
                Some(text) => {
                    if builder.append(text).is_err() {
                        builder.append_null();
                    }
                }
                None => builder.append_null(),
            }
        }
        self.finding.append_option(finding);
        let days = (row.start - EPOCH).num_days();
        self.start
            .append_value(i32::try_from(days).unwrap_or(if days < 0 {
                i32::MIN
            } else {
                i32::MAX
            }));
        self.cycle.append_value(i32::from(row.cycle));
        self.rows += 1;
    }

    /// The rows pushed since the last batch, as a batch of
    /// [`export_schema`]; the builder starts a new batch.
    ///
    /// # Errors
    ///
    /// Arrow's, if the columns do not make a batch (they always do).
    pub fn finish(&mut self) -> Result<RecordBatch, ArrowError> {
        let mut texts = self
            .texts
            .iter_mut()
            .map(|b| Arc::new(b.finish()) as ArrayRef);
        let mut next = || {
            texts
                .next()
                .ok_or_else(|| ArrowError::SchemaError("too few columns".to_owned()))
        };
        let columns: Vec<ArrayRef> = vec![
            next()?,
            next()?,
            next()?,
            next()?,
            next()?,
            next()?,
            Arc::new(self.finding.finish()),
            next()?,
            next()?,
            next()?,
            next()?,
            Arc::new(self.start.finish()),
            Arc::new(self.cycle.finish()),
            next()?,
        ];
        self.rows = 0;
        RecordBatch::try_new(export_schema(), columns)
    }
}
