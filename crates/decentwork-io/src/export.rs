//! The Better Work long-format assessment export, read as a stream.

use std::collections::{BTreeSet, HashMap};
use std::io::Read;

use chrono::NaiveDate;
use decentwork_catalogue::{Cluster, CompliancePoint};
use decentwork_model::{AssessmentId, Country, FactoryId};
use decentwork_scoring::FindingRow;

use crate::error::quoted;
use crate::{ImportError, country_from_name};

/// The export's columns, in its usual order (`Assesment` is spelt as exported).
pub const EXPORT_COLUMNS: [&str; 14] = [
    "Country",
    "Cluster",
    "CP",
    "Q.Label",
    "Question.ID",
    "Question.type",
    "Finding",
    "Tags",
    "Quest.ID",
    "Factory.Assessed.ID",
    "Factory.Assessed.Name",
    "Assesment.Start.Date",
    "Cycle",
    "TQ.Name",
];

/// The longest field accepted, in bytes. Real exports' longest field (a
/// question's text) is a few hundred bytes; anything far longer is a broken
/// file, not data.
pub const MAX_FIELD_BYTES: usize = 64 * 1024;

/// Whether a row counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum QuestionType {
    /// `NCQ`: a non-compliance question.
    NonCompliance,
    /// `FGW`: a fact-gathering row, which never counts.
    FactGathering,
}

/// One row of the export, read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExportRow {
    /// Line in the file (1 is the header).
    pub line: u64,
    /// The country as exported.
    pub country_label: String,
    /// The country, when the label names one.
    pub country: Option<Country>,
    /// The cluster as exported.
    pub cluster: String,
    /// The compliance point as exported.
    pub point: String,
    /// The question's text.
    pub question_label: String,
    /// The question's ID.
    pub question: String,
    /// Non-compliance question or fact-gathering.
    pub question_type: QuestionType,
    /// `true`: non-compliant.
    pub non_compliant: bool,
    /// Tagged `Public Disclosure`.
    pub public: bool,
    /// The assessment.
    pub assessment: AssessmentId,
    /// The factory.
    pub factory: FactoryId,
    /// The factory's name.
    pub factory_name: String,
    /// The name is marked `(Obsolete)`.
    pub obsolete: bool,
    /// The assessment's start date.
    pub start: NaiveDate,
    /// The factory's cycle.
    pub cycle: u16,
    /// The tool version.
    pub tool: String,
}

impl ExportRow {
    /// The row as the scoring engine's population row.
    #[must_use]
    pub fn to_finding_row(&self) -> FindingRow {
        let mut row = FindingRow::new(self.factory, self.assessment, self.start, self.cycle);
        row.obsolete = self.obsolete;
        row.country = self.country;
        row.cluster.clone_from(&self.cluster);
        row.point.clone_from(&self.point);
        row.question.clone_from(&self.question);
        row.question_label.clone_from(&self.question_label);
        row.counts = self.question_type == QuestionType::NonCompliance;
        row.non_compliant = self.non_compliant;
        row.public = self.public;
        row
    }
}

/// How an import treats bad rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ImportOptions {
    /// Stop at the first bad row instead of skipping it.
    pub strict: bool,
    /// How many skipped rows to keep the errors of (all are counted). Default 1000.
    pub keep_errors: Option<usize>,
}

impl ImportOptions {
    /// Stop at the first bad row.
    #[must_use]
    pub fn strict() -> Self {
        Self {
            strict: true,
            keep_errors: None,
        }
    }
}

/// What an import read, used and skipped.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ImportSummary {
    /// Data rows read (excluding the header and blank lines).
    pub rows_read: u64,
    /// Rows handed on.
    pub rows_used: u64,
    /// Rows skipped.
    pub rows_skipped: u64,
    /// The errors of skipped rows, in file order (up to the kept number).
    pub skipped: Vec<ImportError>,
    /// Compliance-point labels the catalogue does not know (kept as exported).
    pub unknown_points: BTreeSet<String>,
    /// Cluster labels the catalogue does not know (kept as exported).
    pub unknown_clusters: BTreeSet<String>,
    /// Country labels that name no country.
    pub unknown_countries: BTreeSet<String>,
    /// Header columns the export format does not have (read past, unused).
    pub unused_columns: Vec<String>,
}

impl ImportSummary {
    /// Warnings worth showing a person: unknown labels.
    #[must_use]
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        let list = |set: &BTreeSet<String>| {
            set.iter()
                .map(|s| format!("{s:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !self.unknown_points.is_empty() {
            out.push(format!(
                "compliance points not in the catalogue (rates use the export's labels): {}",
                list(&self.unknown_points)
            ));
        }
        if !self.unknown_clusters.is_empty() {
            out.push(format!(
                "clusters not in the catalogue: {}",
                list(&self.unknown_clusters)
            ));
        }
        if !self.unused_columns.is_empty() {
            let names: BTreeSet<String> = self.unused_columns.iter().cloned().collect();
            out.push(format!("columns not used: {}", list(&names)));
        }
        if !self.unknown_countries.is_empty() {
            out.push(format!(
                "country labels that name no country: {}",
                list(&self.unknown_countries)
            ));
        }
        out
    }
}

/// Reads `Question.type` and `Finding`; on error, the column index, value and
/// what was expected.
fn finding(kind: &str, value: &str) -> Result<(QuestionType, bool), (usize, String, &'static str)> {
    let kind = match kind {
        "NCQ" => QuestionType::NonCompliance,
        "FGW" => QuestionType::FactGathering,
        other => return Err((5, other.to_owned(), "NCQ or FGW")),
    };
    match value {
        "1" => Ok((kind, true)),
        "0" => Ok((kind, false)),
        // Fact-gathering rows carry no finding worth reading.
        _ if kind == QuestionType::FactGathering => Ok((kind, false)),
        other => Err((6, other.to_owned(), "0 or 1")),
    }
}

/// What each distinct label resolved to, so that each is looked up once per file.
#[derive(Default)]
struct Labels {
    countries: HashMap<String, Option<Country>>,
    points: HashMap<String, bool>,
    clusters: HashMap<String, bool>,
}

impl Labels {
    /// The country a label names; records labels the catalogue (or the
    /// country list) does not know.
    fn resolve(
        &mut self,
        summary: &mut ImportSummary,
        country_label: &str,
        cluster: &str,
        point: &str,
    ) -> Option<Country> {
        let country = if let Some(c) = self.countries.get(country_label) {
            *c
        } else {
            let c = country_from_name(country_label);
            if c.is_none() && !country_label.is_empty() {
                summary.unknown_countries.insert(country_label.to_owned());
            }
            self.countries.insert(country_label.to_owned(), c);
            c
        };
        if !self.points.contains_key(point) {
            let known = CompliancePoint::lookup(point).is_ok();
            if !known {
                summary.unknown_points.insert(point.to_owned());
            }
            self.points.insert(point.to_owned(), known);
        }
        if !self.clusters.contains_key(cluster) {
            let known = Cluster::lookup(cluster).is_ok();
            if !known {
                summary.unknown_clusters.insert(cluster.to_owned());
            }
            self.clusters.insert(cluster.to_owned(), known);
        }
        country
    }
}

/// Reads the Better Work long-format export.
#[derive(Debug, Clone)]
pub struct ExportImport {
    file: String,
    options: ImportOptions,
}

/// Column positions in one file's header, and the header's width.
struct Columns {
    positions: [usize; 14],
    width: usize,
    unused: Vec<String>,
}

impl ExportImport {
    /// An import of the file called `file` (used in messages).
    #[must_use]
    pub fn new(file: impl Into<String>, options: ImportOptions) -> Self {
        Self {
            file: file.into(),
            options,
        }
    }

    /// Streams `input`, handing each good row to `each`. Memory stays flat:
    /// one row at a time.
    ///
    /// # Errors
    ///
    /// [`ImportError::MissingColumns`]/[`ImportError::DuplicateColumn`]/
    /// [`ImportError::Unreadable`] when the header cannot be used;
    /// [`ImportError::Strict`] at the first bad row of a strict import. A
    /// non-strict import skips bad rows and lists them in the summary.
    pub fn read<R: Read>(
        &self,
        input: R,
        mut each: impl FnMut(ExportRow),
    ) -> Result<ImportSummary, ImportError> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .from_reader(input);
        let columns = self.columns(&mut reader)?;
        // The csv crate counts a CRLF header as ending on line 0; data then
        // starts a line early. Measure where data starts and correct every line.
        let shift = crate::line_shift(reader.position().line());
        let mut summary = ImportSummary {
            unused_columns: columns.unused.clone(),
            ..ImportSummary::default()
        };
        let keep = self.options.keep_errors.unwrap_or(1000);
        let mut record = csv::ByteRecord::new();
        let mut labels = Labels::default();
        loop {
            let line = reader.position().line() + shift;
            let row = match reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) if record.len() == 1 && record.get(0).is_some_and(<[u8]>::is_empty) => {
                    continue;
                }
                Ok(true) => {
                    let line = record.position().map_or(line, |p| p.line() + shift);
                    self.row(&record, &columns, line, (&mut summary, &mut labels))
                }
                Err(e) => Err(ImportError::Malformed {
                    file: self.file.clone(),
                    line: e.position().map_or(line, |p| p.line() + shift),
                    message: e.to_string(),
                }),
            };
            summary.rows_read += 1;
            match row {
                Ok(row) => {
                    summary.rows_used += 1;
                    each(row);
                }
                Err(e) if self.options.strict => return Err(ImportError::Strict(Box::new(e))),
                Err(e) => {
                    summary.rows_skipped += 1;
                    if summary.skipped.len() < keep {
                        summary.skipped.push(e);
                    }
                }
            }
        }
        Ok(summary)
    }

    fn columns<R: Read>(&self, reader: &mut csv::Reader<R>) -> Result<Columns, ImportError> {
        let header = reader
            .byte_headers()
            .map_err(|e| ImportError::Unreadable {
                file: self.file.clone(),
                message: e.to_string(),
            })?
            .clone();
        let names: Vec<String> = header
            .iter()
            .map(|h| {
                String::from_utf8_lossy(h)
                    .trim_start_matches('\u{feff}')
                    .trim()
                    .to_owned()
            })
            .collect();
        let mut positions = [0_usize; 14];
        let mut missing = Vec::new();
        for (slot, wanted) in positions.iter_mut().zip(EXPORT_COLUMNS) {
            let found: Vec<usize> = names
                .iter()
                .enumerate()
                .filter(|(_, n)| n.as_str() == wanted)
                .map(|(i, _)| i)
                .collect();
            match found.as_slice() {
                [one] => *slot = *one,
                [] => missing.push(wanted.to_owned()),
                _ => {
                    return Err(ImportError::DuplicateColumn {
                        file: self.file.clone(),
                        column: wanted.to_owned(),
                    });
                }
            }
        }
        if missing.is_empty() {
            let unused = names
                .iter()
                .filter(|n| !EXPORT_COLUMNS.contains(&n.as_str()))
                .cloned()
                .collect();
            Ok(Columns {
                positions,
                width: names.len(),
                unused,
            })
        } else {
            Err(ImportError::MissingColumns {
                file: self.file.clone(),
                missing,
                found: names,
            })
        }
    }

    /// Checks a record's shape before its values: field sizes, a quote left
    /// open, the number of fields.
    fn check_shape(
        &self,
        record: &csv::ByteRecord,
        columns: &Columns,
        line: u64,
    ) -> Result<(), ImportError> {
        if let Some((i, bytes)) = record
            .iter()
            .enumerate()
            .find(|(_, f)| f.len() > MAX_FIELD_BYTES)
        {
            let column = columns
                .positions
                .iter()
                .position(|&p| p == i)
                .and_then(|c| EXPORT_COLUMNS.get(c))
                .copied()
                .unwrap_or("?");
            return Err(ImportError::BadValue {
                file: self.file.clone(),
                line,
                column: column.to_owned(),
                value: quoted(&String::from_utf8_lossy(bytes)),
                expected: "a field of at most 65 536 bytes",
            });
        }
        if let Some(i) = record.iter().position(|f| {
            f.contains(&b'\n') && (f.split(|&b| b == b',').count() - 1) >= EXPORT_COLUMNS.len() - 1
        }) {
            return Err(ImportError::Malformed {
                file: self.file.clone(),
                line,
                message: format!(
                    "field {} runs over a line break and holds what look like further rows: an unbalanced quote?",
                    i + 1
                ),
            });
        }
        if record.len() != columns.width {
            return Err(ImportError::Malformed {
                file: self.file.clone(),
                line,
                message: format!(
                    "{} fields, but the header has {}",
                    record.len(),
                    columns.width
                ),
            });
        }
        Ok(())
    }

    fn row(
        &self,
        record: &csv::ByteRecord,
        columns: &Columns,
        line: u64,
        (summary, labels): (&mut ImportSummary, &mut Labels),
    ) -> Result<ExportRow, ImportError> {
        let field = |i: usize| -> Result<&str, ImportError> {
            let name = EXPORT_COLUMNS.get(i).copied().unwrap_or("?");
            let position = columns.positions.get(i).copied().unwrap_or(usize::MAX);
            let bytes = record.get(position).ok_or_else(|| ImportError::Malformed {
                file: self.file.clone(),
                line,
                message: format!(
                    "{} fields, but column {name} is field {}",
                    record.len(),
                    position + 1
                ),
            })?;
            std::str::from_utf8(bytes)
                .map(str::trim)
                .map_err(|_| ImportError::BadValue {
                    file: self.file.clone(),
                    line,
                    column: name.to_owned(),
                    value: quoted(&String::from_utf8_lossy(bytes)),
                    expected: "UTF-8 text",
                })
        };
        let bad = |i: usize, value: &str, expected: &'static str| ImportError::BadValue {
            file: self.file.clone(),
            line,
            column: EXPORT_COLUMNS.get(i).copied().unwrap_or("?").to_owned(),
            value: quoted(value),
            expected,
        };
        self.check_shape(record, columns, line)?;
        let country_label = field(0)?.to_owned();
        let cluster = field(1)?.to_owned();
        let point = field(2)?.to_owned();
        let country = labels.resolve(summary, &country_label, &cluster, &point);
        let (question_type, non_compliant) =
            finding(field(5)?, field(6)?).map_err(|(i, v, e)| bad(i, &v, e))?;
        let question = field(4)?;
        if question.is_empty() {
            return Err(bad(4, question, "a question ID"));
        }
        let assessment = field(8)?;
        let assessment: AssessmentId = assessment.parse().map_err(|_| {
            bad(
                8,
                assessment,
                "an assessment ID (letters, digits, '-', '_', '.')",
            )
        })?;
        let factory = field(9)?;
        let factory: FactoryId = factory
            .parse()
            .map_err(|_| bad(9, factory, "a factory ID (letters, digits, '-', '_', '.')"))?;
        let factory_name = field(10)?.to_owned();
        let date = field(11)?;
        // chrono reads "24" as the year 24: insist on four digits.
        let four_digit_year = date.rsplit('/').next().is_some_and(|y| y.len() == 4);
        let start = NaiveDate::parse_from_str(date, "%d/%m/%Y")
            .ok()
            .filter(|_| four_digit_year)
            .ok_or_else(|| bad(11, date, "a date as dd/mm/yyyy"))?;
        let cycle = field(12)?;
        let cycle = cycle
            .parse::<u16>()
            .ok()
            .filter(|c| *c >= 1)
            .ok_or_else(|| bad(12, cycle, "a cycle number from 1"))?;
        Ok(ExportRow {
            line,
            country_label,
            country,
            cluster,
            point,
            question_label: field(3)?.to_owned(),
            question: question.to_owned(),
            question_type,
            non_compliant,
            public: field(7)?.contains("Public Disclosure"),
            assessment,
            factory,
            obsolete: factory_name.contains("(Obsolete)"),
            factory_name,
            start,
            cycle,
            tool: field(13)?.to_owned(),
        })
    }
}
