//! Tables as Arrow record batches (feature `arrow`): rate tables and
//! microdata for engines and languages that speak Arrow (pandas, Polars,
//! `DataFusion`, R's arrow package), with the same columns as the CSV.
//!
//! Types are chosen once and never depend on the data:
//!
//! - text (countries, clusters, points, IDs, names, tool versions) is
//!   dictionary-encoded UTF-8 (`dictionary<values=string, indices=int32>`);
//!   an ID the catalogue does not have (`country_code`, `cluster_id`,
//!   `cp_id`) is null, where the CSV leaves the cell empty;
//! - counts, cycles and microdata's `non_compliant` (0 or 1) are `int64`;
//! - `date` is `date32` (days since 1970-01-01);
//! - `public` is `bool`;
//! - `rate` is `float64`, the only float: the nearest double to the exact
//!   share `non_compliant / assessed` (the CSV rounds it to four decimals;
//!   the counts beside it are exact).
//!
//! Microdata come as an iterator of batches of at most
//! [`ROWS_PER_BATCH`] rows, built as they are consumed, so that a million
//! records never sit in memory at once.
//!
//! ```
//! use chrono::NaiveDate;
//! use decentwork_catalogue::Question;
//! use decentwork_report::arrow::point_microdata_batches;
//! use decentwork_scoring::{AssessmentInfo, Labelled, Observation, Observed, Population, PopulationRule, RateOptions};
//!
//! let q = Question::from_id("WT.OVERTIME.02")?;
//! let cp = q.compliance_point();
//! let info = AssessmentInfo::new("A1".parse()?, "F1".parse()?, NaiveDate::from_ymd_opt(2024, 5, 2).unwrap(), 1);
//! let mut population = Population::new();
//! population.add(&Observation::new(
//!     info, (Labelled::known(cp.cluster()), Labelled::known(cp)), Labelled::known(q), Observed::NonCompliant,
//! ));
//! let records = population.point_records(PopulationRule::All, RateOptions::default());
//! let batches: Vec<_> = point_microdata_batches(records).collect::<Result<_, _>>()?;
//! assert_eq!(batches[0].num_rows(), 1);
//! assert_eq!(batches[0].schema().field(5).name(), "date");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::sync::Arc;

pub use arrow_array::RecordBatch;
pub use arrow_schema::{ArrowError, SchemaRef};

use arrow_array::ArrayRef;
use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, StringDictionaryBuilder,
};
use arrow_array::types::Int32Type;
use arrow_schema::{DataType, Field, Schema};
use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive as _;

use decentwork_model::Ratio;
use decentwork_scoring::{AssessmentInfo, AssessmentRate, PointRecord};

use crate::microdata::{ASSESSMENT_MICRODATA_COLUMNS, POINT_MICRODATA_COLUMNS};
use crate::types::{SynthesisLevel, SynthesisReport};

/// The most rows in one microdata batch.
pub const ROWS_PER_BATCH: usize = 65_536;

/// Dictionary-encoded text.
fn text_type() -> DataType {
    DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
}

/// The type of each column, by name.
fn column_type(name: &str) -> DataType {
    match name {
        "date" => DataType::Date32,
        "cycle"
        | "assessed"
        | "non_compliant"
        | "questions_assessed"
        | "questions_non_compliant"
        | "cps_assessed"
        | "cps_non_compliant" => DataType::Int64,
        "rate" => DataType::Float64,
        "public" => DataType::Boolean,
        _ => text_type(),
    }
}

/// Whether a column may hold nulls: IDs the catalogue may lack, a rate of
/// nothing assessed, a rate row's cycle of an assessment without one.
fn nullable(name: &str) -> bool {
    matches!(
        name,
        "country_code" | "cluster_id" | "cp_id" | "rate" | "cycle"
    )
}

fn schema_of(columns: &[&str]) -> SchemaRef {
    Arc::new(Schema::new(
        columns
            .iter()
            .map(|&name| Field::new(name, column_type(name), nullable(name)))
            .collect::<Vec<_>>(),
    ))
}

/// The schema of microdata by compliance point.
#[must_use]
pub fn point_microdata_schema() -> SchemaRef {
    schema_of(&POINT_MICRODATA_COLUMNS)
}

/// The schema of microdata by assessment.
#[must_use]
pub fn assessment_microdata_schema() -> SchemaRef {
    schema_of(&ASSESSMENT_MICRODATA_COLUMNS)
}

/// `non_compliant / assessed` as the nearest double; `None` when nothing
/// was assessed.
///
/// Counts up to 2^53 are exact doubles, and IEEE 754 division of two exact
/// doubles is correctly rounded, so one division gives the nearest double
/// to the exact share (a detour through a 28-digit decimal can land one
/// unit in the last place away). Larger counts go through the decimal.
#[allow(
    clippy::float_arithmetic,
    reason = "the output boundary: one correctly rounded division of exact counts"
)]
fn rate(non_compliant: u64, assessed: u64) -> Option<f64> {
    const EXACT: u64 = 1 << 53;
    let ratio = Ratio::new(non_compliant, assessed)?;
    if assessed <= EXACT {
        let (n, d) = (u32_pair(non_compliant), u32_pair(assessed));
        return Some(n / d);
    }
    ratio.to_decimal(28).to_f64()
}

/// A count of at most 2^53 as an exact double, built from two 32-bit halves
/// (each converts exactly).
#[allow(
    clippy::float_arithmetic,
    reason = "exact: both halves and the sum are representable"
)]
fn u32_pair(count: u64) -> f64 {
    let high = u32::try_from(count >> 32).unwrap_or(u32::MAX);
    let low = u32::try_from(count & 0xffff_ffff).unwrap_or(u32::MAX);
    f64::from(high) * 4_294_967_296.0 + f64::from(low)
}

/// Days since 1970-01-01, as `date32` stores them.
fn days(date: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(NaiveDate::MIN);
    i32::try_from(date.signed_duration_since(epoch).num_days()).unwrap_or(i32::MAX)
}

/// A count as `int64` (counts never come near its limit).
fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Dictionary-encoded text, built row by row.
type Text = StringDictionaryBuilder<Int32Type>;

/// The columns every microdata row starts with.
#[derive(Default)]
struct AssessmentColumns {
    country: Text,
    country_code: Text,
    factory_id: Text,
    factory_name: Text,
    assessment_id: Text,
    date: Date32Builder,
    cycle: Int64Builder,
    tool: Text,
}

impl AssessmentColumns {
    fn push(&mut self, a: &AssessmentInfo<'_>) {
        self.country.append_value(a.country.label);
        self.country_code
            .append_option(a.country.key.map(decentwork_model::Country::code));
        self.factory_id.append_value(a.factory.as_str());
        self.factory_name.append_value(a.factory_name);
        self.assessment_id.append_value(a.assessment.as_str());
        self.date.append_value(days(a.start));
        self.cycle.append_value(i64::from(a.cycle));
        self.tool.append_value(a.tool);
    }

    fn finish(&mut self) -> Vec<ArrayRef> {
        vec![
            Arc::new(self.country.finish()),
            Arc::new(self.country_code.finish()),
            Arc::new(self.factory_id.finish()),
            Arc::new(self.factory_name.finish()),
            Arc::new(self.assessment_id.finish()),
            Arc::new(self.date.finish()),
            Arc::new(self.cycle.finish()),
            Arc::new(self.tool.finish()),
        ]
    }
}

/// Microdata by compliance point as record batches of at most
/// [`ROWS_PER_BATCH`] rows, each built when the iterator reaches it.
///
/// # Errors
///
/// Each item is an [`ArrowError`] if a batch cannot be assembled (a
/// dictionary of more than 2^31 distinct labels in one batch).
pub fn point_microdata_batches<'p>(
    records: impl IntoIterator<Item = PointRecord<'p>>,
) -> impl Iterator<Item = Result<RecordBatch, ArrowError>> {
    let schema = point_microdata_schema();
    let mut records = records.into_iter().peekable();
    std::iter::from_fn(move || {
        records.peek()?;
        let mut who = AssessmentColumns::default();
        let (mut cluster, mut cluster_id, mut cp, mut cp_id) =
            (Text::new(), Text::new(), Text::new(), Text::new());
        let (mut assessed, mut non_compliant_q, mut non_compliant) = (
            Int64Builder::new(),
            Int64Builder::new(),
            Int64Builder::new(),
        );
        for r in records.by_ref().take(ROWS_PER_BATCH) {
            who.push(&r.assessment);
            cluster.append_value(r.cluster.label);
            cluster_id.append_option(r.cluster.key.map(decentwork_catalogue::Cluster::id));
            cp.append_value(r.point.label);
            cp_id.append_option(r.point.key.map(decentwork_catalogue::CompliancePoint::id));
            assessed.append_value(count(r.questions.assessed));
            non_compliant_q.append_value(count(r.questions.non_compliant));
            non_compliant.append_value(i64::from(r.non_compliant));
        }
        let mut columns = who.finish();
        columns.extend([
            Arc::new(cluster.finish()) as ArrayRef,
            Arc::new(cluster_id.finish()),
            Arc::new(cp.finish()),
            Arc::new(cp_id.finish()),
            Arc::new(assessed.finish()),
            Arc::new(non_compliant_q.finish()),
            Arc::new(non_compliant.finish()),
        ]);
        Some(RecordBatch::try_new(Arc::clone(&schema), columns))
    })
}

/// Microdata by assessment (with the factory-level rate) as record batches
/// of at most [`ROWS_PER_BATCH`] rows, each built when the iterator reaches it.
///
/// # Errors
///
/// As [`point_microdata_batches`].
pub fn assessment_microdata_batches<'p>(
    records: impl IntoIterator<Item = AssessmentRate<'p>>,
) -> impl Iterator<Item = Result<RecordBatch, ArrowError>> {
    let schema = assessment_microdata_schema();
    let mut records = records.into_iter().peekable();
    std::iter::from_fn(move || {
        records.peek()?;
        let mut who = AssessmentColumns::default();
        let (mut assessed, mut non_compliant, mut rates) = (
            Int64Builder::new(),
            Int64Builder::new(),
            Float64Builder::new(),
        );
        for r in records.by_ref().take(ROWS_PER_BATCH) {
            who.push(&r.assessment);
            assessed.append_value(count(r.points.assessed));
            non_compliant.append_value(count(r.points.non_compliant));
            rates.append_option(rate(r.points.non_compliant, r.points.assessed));
        }
        let mut columns = who.finish();
        columns.extend([
            Arc::new(assessed.finish()) as ArrayRef,
            Arc::new(non_compliant.finish()),
            Arc::new(rates.finish()),
        ]);
        Some(RecordBatch::try_new(Arc::clone(&schema), columns))
    })
}

/// A column under construction, for the rate tables.
enum Column {
    Text(Text),
    Int(Int64Builder),
    Float(Float64Builder),
    Bool(BooleanBuilder),
}

impl Column {
    fn of(name: &str) -> Self {
        match column_type(name) {
            DataType::Int64 => Column::Int(Int64Builder::new()),
            DataType::Float64 => Column::Float(Float64Builder::new()),
            DataType::Boolean => Column::Bool(BooleanBuilder::new()),
            _ => Column::Text(Text::new()),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Column::Text(b) => Arc::new(b.finish()),
            Column::Int(b) => Arc::new(b.finish()),
            Column::Float(b) => Arc::new(b.finish()),
            Column::Bool(b) => Arc::new(b.finish()),
        }
    }
}

/// One cell of a rate table's row.
enum Cell<'a> {
    Text(Option<&'a str>),
    Int(Option<i64>),
    Float(Option<f64>),
    Bool(bool),
}

fn append(column: &mut Column, cell: Cell<'_>) {
    match (column, cell) {
        (Column::Text(b), Cell::Text(v)) => b.append_option(v),
        (Column::Int(b), Cell::Int(v)) => b.append_option(v),
        (Column::Float(b), Cell::Float(v)) => b.append_option(v),
        (Column::Bool(b), Cell::Bool(v)) => b.append_value(v),
        // Columns and cells come from one list of names; a mismatch would
        // be a bug here, and leaves the column short, which
        // `RecordBatch::try_new` reports.
        _ => {}
    }
}

impl SynthesisReport {
    /// The synthesis's rates as one record batch, with the columns of its
    /// CSV: question-level rows
    /// (`question_id,question,cluster,cluster_id,cp,cp_id,public,assessed,non_compliant,rate`),
    /// or the grouping's columns (`country,country_code`; `cycle`;
    /// `cluster,cluster_id`; `cp,cp_id`) then `assessed,non_compliant,rate`
    /// (feature `arrow`; types in [the module's docs](crate::arrow)).
    ///
    /// # Errors
    ///
    /// An [`ArrowError`] if the batch cannot be assembled.
    pub fn to_record_batch(&self) -> Result<RecordBatch, ArrowError> {
        let names = self.table_columns();
        let schema = schema_of(&names);
        let mut columns: Vec<Column> = names.iter().map(|n| Column::of(n)).collect();
        let mut push = |cells: Vec<Cell<'_>>| {
            for (column, cell) in columns.iter_mut().zip(cells) {
                append(column, cell);
            }
        };
        if self.level == SynthesisLevel::Question {
            for r in &self.questions {
                let a = r.assessments;
                push(vec![
                    Cell::Text(Some(&r.question_id)),
                    Cell::Text(Some(&r.question)),
                    Cell::Text(Some(&r.cluster)),
                    Cell::Text(r.cluster_id.as_deref()),
                    Cell::Text(Some(&r.cp)),
                    Cell::Text(r.cp_id.as_deref()),
                    Cell::Bool(r.public),
                    Cell::Int(Some(count(a.assessed))),
                    Cell::Int(Some(count(a.non_compliant))),
                    Cell::Float(rate(a.non_compliant, a.assessed)),
                ]);
            }
        } else {
            let (country, cycle, cluster, cp) = self.grouping();
            for r in &self.rows {
                let mut cells = Vec::with_capacity(names.len());
                if country {
                    cells.push(Cell::Text(r.country.as_deref()));
                    cells.push(Cell::Text(
                        r.country_code.map(decentwork_model::Country::code),
                    ));
                }
                if cycle {
                    cells.push(Cell::Int(r.cycle.map(i64::from)));
                }
                if cluster {
                    cells.push(Cell::Text(r.cluster.as_deref()));
                    cells.push(Cell::Text(r.cluster_id.as_deref()));
                }
                if cp {
                    cells.push(Cell::Text(r.cp.as_deref()));
                    cells.push(Cell::Text(r.cp_id.as_deref()));
                }
                let a = r.assessments;
                cells.push(Cell::Int(Some(count(a.assessed))));
                cells.push(Cell::Int(Some(count(a.non_compliant))));
                cells.push(Cell::Float(rate(a.non_compliant, a.assessed)));
                push(cells);
            }
        }
        RecordBatch::try_new(schema, columns.iter_mut().map(Column::finish).collect())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::float_arithmetic, reason = "comparing with the division")]

    use super::rate;

    #[test]
    fn the_rate_is_the_nearest_double_to_the_share() {
        // 13/17 through a 28-digit decimal lands one unit in the last place off.
        assert_eq!(rate(13, 17), Some(13.0 / 17.0));
        for assessed in 1..200_u32 {
            for non_compliant in 0..=assessed {
                assert_eq!(
                    rate(u64::from(non_compliant), u64::from(assessed)),
                    Some(f64::from(non_compliant) / f64::from(assessed))
                );
            }
        }
        assert_eq!(rate(0, 0), None);
        assert_eq!(rate(1 << 53, 1 << 53), Some(1.0));
    }
}
