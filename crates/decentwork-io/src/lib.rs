//! Readers for the data files decentwork users have: the Better Work
//! long-format assessment export and the Open Supply Hub facility list.
//!
//! ```
//! use decentwork_io::{ExportImport, ImportOptions};
//! use decentwork_scoring::{GroupBy, Population, PopulationRule, RateOptions};
//!
//! let csv = "Country,Cluster,CP,Q.Label,Question.ID,Question.type,Finding,Tags,Quest.ID,Factory.Assessed.ID,Factory.Assessed.Name,Assesment.Start.Date,Cycle,TQ.Name\n\
//! Vietnam,Working Time,Overtime,Overtime over the limit?,801,NCQ,1,Public Disclosure,5001,77,Example Garment (Obsolete),14/03/2024,2,Garment CAT\n\
//! Vietnam,Working Time,Overtime,Overtime over the limit?,801,NCQ,0,Public Disclosure,5002,78,Other Garment,02/04/2024,1,Garment CAT\n";
//! let mut population = Population::new();
//! let summary = ExportImport::new("export.csv", ImportOptions::default())
//!     .read_borrowed(csv.as_bytes(), |row| population.add(&row.observation()))?;
//! assert_eq!(summary.rows_used, 2);
//! let table = population.rates(PopulationRule::Latest { window: None }, &[GroupBy::Point], RateOptions::default());
//! let overtime = table.rows[0];
//! assert_eq!(overtime.point.unwrap().key.unwrap().id(), "WT.OVERTIME");
//! assert_eq!(overtime.tally.rate().unwrap().to_string(), "1/2");
//! # Ok::<(), decentwork_io::ImportError>(())
//! ```

#[cfg(feature = "arrow")]
pub mod arrow;
mod country;
mod error;
mod export;
mod osh;
mod split;

pub use country::country_from_name;
pub use error::ImportError;
#[cfg(feature = "test-hooks")]
pub use export::ReadMode;
pub use export::{
    EXPORT_COLUMNS, ExportImport, ExportRow, ExportRowRef, ImportOptions, ImportSummary,
    MAX_FIELD_BYTES, MAX_HEADER_BYTES, MAX_RECORD_BYTES, QuestionType,
};
pub use osh::{
    Coordinates, DuplicateOsId, OshFacility, OshImport, OshShape, OshSummary, WorkerCount,
};
