//! Microdata as researchers load it: one CSV row per assessment and
//! compliance point (or per assessment), streamed to a writer the caller
//! gives, so that a million records never sit in memory as text.
//!
//! The columns are fixed (they never depend on the data): see
//! [`POINT_MICRODATA_COLUMNS`] and [`ASSESSMENT_MICRODATA_COLUMNS`]. Text
//! cells go through [`csv_field`](crate::csv_field), rates are written with
//! four decimals as in the rate tables, dates as `YYYY-MM-DD`, and
//! `non_compliant` as `0` or `1`, so that summing the column counts.

use std::fmt::Write as _;
use std::io::Write;

use decentwork_scoring::{AssessmentInfo, AssessmentRate, PointRecord};

use crate::render::csv_field;
use crate::tabular::rate_text;
use crate::types::Rate;

/// The columns of microdata by compliance point, in order.
pub const POINT_MICRODATA_COLUMNS: [&str; 15] = [
    "country",
    "country_code",
    "factory_id",
    "factory_name",
    "assessment_id",
    "date",
    "cycle",
    "tool_version",
    "cluster",
    "cluster_id",
    "cp",
    "cp_id",
    "questions_assessed",
    "questions_non_compliant",
    "non_compliant",
];

/// The columns of microdata by assessment, in order.
pub const ASSESSMENT_MICRODATA_COLUMNS: [&str; 11] = [
    "country",
    "country_code",
    "factory_id",
    "factory_name",
    "assessment_id",
    "date",
    "cycle",
    "tool_version",
    "cps_assessed",
    "cps_non_compliant",
    "rate",
];

/// What one microdata row stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum MicrodataLevel {
    /// One row per assessment and compliance point.
    #[default]
    CompliancePoint,
    /// One row per assessment, with its factory-level rate.
    Assessment,
}

/// The columns every microdata row starts with: who was assessed, when.
fn assessment_cells(line: &mut String, a: &AssessmentInfo<'_>) {
    let _ = write!(
        line,
        "{},{},{},{},{},{},{},{}",
        csv_field(a.country.label),
        a.country.key.map_or("", |c| c.code()),
        csv_field(a.factory.as_str()),
        csv_field(a.factory_name),
        csv_field(a.assessment.as_str()),
        a.start.format("%Y-%m-%d"),
        a.cycle,
        csv_field(a.tool),
    );
}

/// Writes microdata by compliance point as CSV: the header
/// ([`POINT_MICRODATA_COLUMNS`]), then one row per record, in the order
/// given. Returns the number of records written. Memory stays flat: one
/// row's text at a time (wrap `out` in a `BufWriter` for speed).
///
/// ```
/// use chrono::NaiveDate;
/// use decentwork_catalogue::Question;
/// use decentwork_report::write_point_microdata;
/// use decentwork_scoring::{AssessmentInfo, Labelled, Observation, Observed, Population, PopulationRule, RateOptions};
///
/// let q = Question::from_id("WT.OVERTIME.02")?;
/// let cp = q.compliance_point();
/// let info = AssessmentInfo::new("A1".parse()?, "F1".parse()?, NaiveDate::from_ymd_opt(2024, 5, 2).unwrap(), 1);
/// let mut population = Population::new();
/// population.add(&Observation::new(
///     info, (Labelled::known(cp.cluster()), Labelled::known(cp)), Labelled::known(q), Observed::NonCompliant,
/// ));
/// let mut csv = Vec::new();
/// let rows = write_point_microdata(&mut csv, population.point_records(PopulationRule::All, RateOptions::default()))?;
/// assert_eq!(rows, 1);
/// let text = String::from_utf8(csv)?;
/// assert!(text.ends_with(",F1,,A1,2024-05-02,1,,Working Time,WT,Overtime,WT.OVERTIME,1,1,1\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// The writer's error, as it gave it.
pub fn write_point_microdata<'p, W: Write + ?Sized>(
    out: &mut W,
    records: impl IntoIterator<Item = PointRecord<'p>>,
) -> std::io::Result<u64> {
    let mut line = POINT_MICRODATA_COLUMNS.join(",");
    line.push('\n');
    out.write_all(line.as_bytes())?;
    let mut written = 0;
    for r in records {
        line.clear();
        assessment_cells(&mut line, &r.assessment);
        let _ = writeln!(
            line,
            ",{},{},{},{},{},{},{}",
            csv_field(r.cluster.label),
            r.cluster.key.map_or("", |c| c.id()),
            csv_field(r.point.label),
            r.point.key.map_or("", |p| p.id()),
            r.questions.assessed,
            r.questions.non_compliant,
            u8::from(r.non_compliant),
        );
        out.write_all(line.as_bytes())?;
        written += 1;
    }
    Ok(written)
}

/// Writes microdata by assessment as CSV: the header
/// ([`ASSESSMENT_MICRODATA_COLUMNS`]), then one row per assessment with its
/// compliance points assessed, non-compliant, and the factory-level rate
/// (four decimals, rounded half away from zero). Returns the number of
/// records written.
///
/// # Errors
///
/// The writer's error, as it gave it.
pub fn write_assessment_microdata<'p, W: Write + ?Sized>(
    out: &mut W,
    records: impl IntoIterator<Item = AssessmentRate<'p>>,
) -> std::io::Result<u64> {
    let mut line = ASSESSMENT_MICRODATA_COLUMNS.join(",");
    line.push('\n');
    out.write_all(line.as_bytes())?;
    let mut written = 0;
    for r in records {
        line.clear();
        assessment_cells(&mut line, &r.assessment);
        let _ = writeln!(
            line,
            ",{},{},{}",
            r.points.assessed,
            r.points.non_compliant,
            rate_text(Rate::new(r.points.non_compliant, r.points.assessed)),
        );
        out.write_all(line.as_bytes())?;
        written += 1;
    }
    Ok(written)
}
