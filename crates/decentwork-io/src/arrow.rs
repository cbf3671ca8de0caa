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

use arrow_array::builder::StringBuilder;
use arrow_array::cast::AsArray as _;
use arrow_array::types::{Date32Type, Float16Type, Float32Type, Float64Type};
use arrow_array::{Array, ArrayRef, StringArray};
use arrow_schema::DataType;
use chrono::NaiveDate;

use crate::export::{AssessmentCache, Columns, Labels};
use crate::split::Fields;
use crate::{EXPORT_COLUMNS, ExportImport, ExportRowRef, ImportError, ImportSummary};

/// One row's fields, in the order of [`EXPORT_COLUMNS`].
#[derive(Clone, Copy)]
struct TextRecord<'r>([&'r str; 14]);

impl<'r> Fields<'r> for TextRecord<'r> {
    fn count(&self) -> usize {
        self.0.len()
    }

    fn raw(&self, i: usize) -> Option<&'r [u8]> {
        self.0.get(i).map(|t| t.as_bytes())
    }

    fn text(&self, i: usize) -> Option<Result<&'r str, simdutf8::basic::Utf8Error>> {
        self.0.get(i).map(|&t| Ok(t))
    }

    fn line_break(&self) -> bool {
        // Arrow text is not split on line ends: a line break in a field is
        // its text, not a quoting accident.
        false
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

/// A column as text, one string per row (null where the column is null).
fn text_column(
    import: &ExportImport,
    name: &str,
    array: &ArrayRef,
) -> Result<StringArray, ImportError> {
    let unreadable = |why: String| ImportError::Unreadable {
        file: import.file.clone(),
        message: format!("column {name}: {why}"),
    };
    let cast = |array: &ArrayRef| {
        arrow_cast::cast(array, &DataType::Utf8)
            .map_err(|e| unreadable(e.to_string()))
            .map(|a| a.as_string::<i32>().clone())
    };
    let floats = |values: &mut dyn Iterator<Item = Option<f64>>| {
        let mut b = StringBuilder::new();
        for v in values {
            b.append_option(v.filter(|v| !v.is_nan()).map(float_text));
        }
        b.finish()
    };
    let dates = |array: &ArrayRef| -> Result<StringArray, ImportError> {
        let days =
            arrow_cast::cast(array, &DataType::Date32).map_err(|e| unreadable(e.to_string()))?;
        let days = days.as_primitive::<Date32Type>();
        let mut b = StringBuilder::new();
        for i in 0..days.len() {
            let date: Option<NaiveDate> = days.is_valid(i).then(|| days.value_as_date(i)).flatten();
            b.append_option(date.map(|d| d.format("%d/%m/%Y").to_string()));
        }
        Ok(b.finish())
    };
    match array.data_type() {
        DataType::Utf8 => Ok(array.as_string::<i32>().clone()),
        DataType::Float16 => Ok(floats(
            &mut array
                .as_primitive::<Float16Type>()
                .iter()
                .map(|v| v.map(f64::from)),
        )),
        DataType::Float32 => Ok(floats(
            &mut array
                .as_primitive::<Float32Type>()
                .iter()
                .map(|v| v.map(f64::from)),
        )),
        DataType::Float64 => Ok(floats(&mut array.as_primitive::<Float64Type>().iter())),
        DataType::Date32 | DataType::Date64 | DataType::Timestamp(_, _) => dates(array),
        DataType::Dictionary(_, values) => {
            // Dictionary-encoded text (pandas' categories, Polars'
            // categoricals) or numbers: decoded, then read as they are.
            let plain = arrow_cast::cast(array, values).map_err(|e| unreadable(e.to_string()))?;
            text_column(import, name, &plain)
        }
        DataType::LargeUtf8 | DataType::Utf8View | DataType::Null | DataType::Boolean => {
            cast(array)
        }
        t if t.is_integer() => cast(array),
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
        let schema = reader.schema();
        let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
        let found = self.columns(names.clone())?;
        // The row reader sees the export's columns alone, in their order.
        let columns = Columns {
            positions: std::array::from_fn(|i| i),
            width: EXPORT_COLUMNS.len(),
            unused: Vec::new(),
        };
        let mut summary = ImportSummary {
            unused_columns: found.unused.clone(),
            ..ImportSummary::default()
        };
        let keep = self.options.keep_errors.unwrap_or(1000);
        let mut labels = Labels::default();
        let mut cache = AssessmentCache::default();
        let mut line: u64 = 1;
        for (seq, batch) in (0_u64..).zip(reader) {
            let batch = batch.map_err(|e| ImportError::ReadFailed {
                file: self.file.clone(),
                line,
                rows_read: summary.rows_read,
                message: e.to_string(),
            })?;
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
            let mut texts: Vec<StringArray> = Vec::with_capacity(EXPORT_COLUMNS.len());
            for (&position, name) in found.positions.iter().zip(EXPORT_COLUMNS) {
                let array = batch.columns().get(position).map_or_else(
                    || Arc::new(arrow_array::NullArray::new(batch.num_rows())) as ArrayRef,
                    Arc::clone,
                );
                texts.push(text_column(self, name, &array)?);
            }
            labels.start(seq).merge_into(&mut summary);
            for i in 0..batch.num_rows() {
                line += 1;
                let fields: [&str; 14] = std::array::from_fn(|c| {
                    texts
                        .get(c)
                        .filter(|a| a.is_valid(i))
                        .map_or("", |a| a.value(i))
                });
                let outcome = self
                    .row(
                        TextRecord(fields),
                        &columns,
                        line,
                        (&mut labels, &mut cache),
                    )
                    .map(|row| each(&row));
                self.tally(&mut summary, outcome, keep)?;
            }
            labels.start(seq + 1).merge_into(&mut summary);
        }
        Ok(summary)
    }
}
