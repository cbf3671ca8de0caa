//! Readers for the data files decentwork users have: the Better Work
//! long-format assessment export and the Open Supply Hub facility list.
//!
//! ```
//! use decentwork_io::{ExportImport, ImportOptions};
//! use decentwork_scoring::{GroupBy, MonthWindow, Population, RateOptions, Selection};
//!
//! let csv = "Country,Cluster,CP,Q.Label,Question.ID,Question.type,Finding,Tags,Quest.ID,Factory.Assessed.ID,Factory.Assessed.Name,Assesment.Start.Date,Cycle,TQ.Name\n\
//! Vietnam,Working Time,Overtime,Overtime over the limit?,801,NCQ,1,Public Disclosure,5001,77,Example Garment (Obsolete),14/03/2024,2,Garment CAT\n\
//! Vietnam,Working Time,Overtime,Overtime over the limit?,801,NCQ,0,Public Disclosure,5002,78,Other Garment,02/04/2024,1,Garment CAT\n";
//! let mut population = Population::new();
//! let summary = ExportImport::new("export.csv", ImportOptions::default())
//!     .read(csv.as_bytes(), |row| population.add_row(&row.to_finding_row()))?;
//! assert_eq!(summary.rows_used, 2);
//! let table = population.rates(
//!     Selection::LatestInWindow(MonthWindow::new((2024, 1), (2024, 12))),
//!     &[GroupBy::Point],
//!     RateOptions::default(),
//! );
//! assert_eq!(table.rows[0].factories.rate().unwrap().to_string(), "1/2");
//! # Ok::<(), decentwork_io::ImportError>(())
//! ```

mod country;
mod error;
mod export;
mod osh;
mod split;

pub use country::country_from_name;
pub use error::ImportError;
pub use export::{
    EXPORT_COLUMNS, ExportImport, ExportRow, ExportRowRef, ImportOptions, ImportSummary,
    MAX_FIELD_BYTES, MAX_HEADER_BYTES, MAX_RECORD_BYTES, QuestionType, ReadMode,
};
pub use osh::{
    Coordinates, DuplicateOsId, OshFacility, OshImport, OshShape, OshSummary, WorkerCount,
};
