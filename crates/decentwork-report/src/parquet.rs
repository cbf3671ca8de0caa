//! Tables as Parquet files (feature `parquet`): the record batches of
//! [`crate::arrow`] written to a writer the caller gives, one row group per
//! batch or so, with the Arrow schema stored in the file so that readers get
//! the same types back (dictionary-encoded labels, `int64` counts, `date32`
//! dates, a `float64` rate).
//!
//! ```
//! use decentwork_report::parquet::write_parquet;
//! use decentwork_report::arrow::point_microdata_schema;
//!
//! // No records: a file with the columns and no rows.
//! let mut file = Vec::new();
//! let rows = write_parquet(&mut file, point_microdata_schema(), std::iter::empty())?;
//! assert_eq!(rows, 0);
//! assert!(file.starts_with(b"PAR1") && file.ends_with(b"PAR1"));
//! # Ok::<(), parquet::errors::ParquetError>(())
//! ```

use std::io::Write;

use arrow_array::RecordBatch;
use arrow_schema::{ArrowError, SchemaRef};
use parquet::arrow::ArrowWriter;
pub use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;

/// Writes `batches` (all of `schema`) to `out` as one Parquet file, batch
/// by batch: memory holds one batch and the row group being written.
/// Returns the number of rows written.
///
/// Pages are dictionary- and run-length-encoded, not compressed.
///
/// # Errors
///
/// A batch's own error, a batch whose schema is not `schema`, or the
/// writer's error ([`ParquetError`]).
pub fn write_parquet<W: Write + Send>(
    out: W,
    schema: SchemaRef,
    batches: impl IntoIterator<Item = Result<RecordBatch, ArrowError>>,
) -> Result<u64, ParquetError> {
    let properties = WriterProperties::builder()
        .set_dictionary_enabled(true)
        .set_created_by(format!("decentwork {}", env!("CARGO_PKG_VERSION")))
        .build();
    let mut writer = ArrowWriter::try_new(out, schema, Some(properties))?;
    let mut rows = 0;
    for batch in batches {
        let batch = batch?;
        rows += batch.num_rows() as u64;
        writer.write(&batch)?;
    }
    writer.close()?;
    Ok(rows)
}
