//! The Better Work long-format assessment export, read as a stream.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;
use std::io::Read;

use chrono::NaiveDate;
use decentwork_catalogue::{Cluster, CompliancePoint};
use decentwork_model::{AssessmentId, Country, FactoryId};
use decentwork_scoring::{FindingRecord, FindingRow};

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

/// One row of the export, borrowed from the reader's buffer: the zero-copy
/// form handed out by [`ExportImport::read_borrowed`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExportRowRef<'a> {
    /// Line in the file (1 is the header).
    pub line: u64,
    /// The country as exported.
    pub country_label: &'a str,
    /// The country, when the label names one.
    pub country: Option<Country>,
    /// The cluster as exported.
    pub cluster: &'a str,
    /// The compliance point as exported.
    pub point: &'a str,
    /// The question's text.
    pub question_label: &'a str,
    /// The question's ID.
    pub question: &'a str,
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
    pub factory_name: &'a str,
    /// The name is marked `(Obsolete)`.
    pub obsolete: bool,
    /// The assessment's start date.
    pub start: NaiveDate,
    /// The factory's cycle.
    pub cycle: u16,
    /// The tool version.
    pub tool: &'a str,
}

impl<'a> ExportRowRef<'a> {
    /// An owned copy.
    #[must_use]
    pub fn to_owned_row(&self) -> ExportRow {
        ExportRow {
            line: self.line,
            country_label: self.country_label.to_owned(),
            country: self.country,
            cluster: self.cluster.to_owned(),
            point: self.point.to_owned(),
            question_label: self.question_label.to_owned(),
            question: self.question.to_owned(),
            question_type: self.question_type,
            non_compliant: self.non_compliant,
            public: self.public,
            assessment: self.assessment,
            factory: self.factory,
            factory_name: self.factory_name.to_owned(),
            obsolete: self.obsolete,
            start: self.start,
            cycle: self.cycle,
            tool: self.tool.to_owned(),
        }
    }

    /// The row as the scoring engine's borrowed population record.
    #[must_use]
    pub fn finding_record(&self) -> FindingRecord<'a> {
        let mut r = FindingRecord::new(self.factory, self.assessment, self.start, self.cycle);
        r.obsolete = self.obsolete;
        r.country = self.country;
        r.cluster = self.cluster;
        r.point = self.point;
        r.question = self.question;
        r.question_label = self.question_label;
        r.counts = self.question_type == QuestionType::NonCompliance;
        r.non_compliant = self.non_compliant;
        r.public = self.public;
        r
    }
}

/// The parts of a row that are the same for every row of one assessment,
/// parsed once per assessment: the raw bytes they came from, and the values.
#[derive(Default)]
struct AssessmentCache {
    key: Vec<u8>,
    value: Option<(AssessmentId, FactoryId, NaiveDate, u16)>,
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
    countries: FxHashMap<String, Option<Country>>,
    points: FxHashMap<String, bool>,
    clusters: FxHashMap<String, bool>,
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
        self.read_borrowed(input, |row| each(row.to_owned_row()))
    }

    /// Like [`ExportImport::read`], handing out rows that borrow the reader's
    /// buffer: no allocation per row, the fast path for millions of rows.
    ///
    /// # Errors
    ///
    /// As [`ExportImport::read`].
    pub fn read_borrowed<R: Read>(
        &self,
        input: R,
        mut each: impl FnMut(&ExportRowRef<'_>),
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
        let mut cache = AssessmentCache::default();
        loop {
            let line = reader.position().line() + shift;
            let outcome = match reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) if record.len() == 1 && record.get(0).is_some_and(<[u8]>::is_empty) => {
                    continue;
                }
                Ok(true) => {
                    let line = record.position().map_or(line, |p| p.line() + shift);
                    self.row(
                        &record,
                        &columns,
                        line,
                        (&mut summary, &mut labels, &mut cache),
                    )
                    .map(|row| each(&row))
                }
                Err(e) => {
                    // A read error (I/O) leaves nothing trustworthy to read after it.
                    let error = ImportError::Malformed {
                        file: self.file.clone(),
                        line: e.position().map_or(line, |p| p.line() + shift),
                        message: e.to_string(),
                    };
                    self.tally(&mut summary, Err(error), keep)?;
                    break;
                }
            };
            self.tally(&mut summary, outcome, keep)?;
        }
        Ok(summary)
    }

    /// Like [`ExportImport::read_borrowed`], parsing CSV on a second thread
    /// while this one checks rows and hands them to `each`: about a third
    /// faster on two cores. Rows arrive in file order; results are identical.
    ///
    /// # Errors
    ///
    /// As [`ExportImport::read`].
    pub fn read_borrowed_parallel<R: Read + Send>(
        &self,
        input: R,
        mut each: impl FnMut(&ExportRowRef<'_>),
    ) -> Result<ImportSummary, ImportError> {
        /// Records per batch handed between the threads.
        const BATCH: usize = 2048;
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .from_reader(input);
        let columns = self.columns(&mut reader)?;
        let shift = crate::line_shift(reader.position().line());
        let mut summary = ImportSummary {
            unused_columns: columns.unused.clone(),
            ..ImportSummary::default()
        };
        let keep = self.options.keep_errors.unwrap_or(1000);
        let mut labels = Labels::default();
        let mut cache = AssessmentCache::default();
        // Full batches go to the checker; emptied ones come back for reuse.
        let (full_tx, full_rx) =
            std::sync::mpsc::sync_channel::<(Vec<csv::ByteRecord>, Option<(u64, String)>)>(4);
        let (empty_tx, empty_rx) = std::sync::mpsc::channel::<Vec<csv::ByteRecord>>();
        std::thread::scope(|scope| {
            scope.spawn(move || {
                loop {
                    let mut batch = empty_rx
                        .try_recv()
                        .unwrap_or_else(|_| vec![csv::ByteRecord::new(); BATCH]);
                    batch.resize_with(BATCH, csv::ByteRecord::new);
                    let mut filled = 0;
                    let mut failure = None;
                    let mut done = false;
                    while filled < BATCH {
                        let line = reader.position().line() + shift;
                        let Some(record) = batch.get_mut(filled) else {
                            break;
                        };
                        match reader.read_byte_record(record) {
                            Ok(false) => {
                                done = true;
                                break;
                            }
                            Ok(true) => filled += 1,
                            Err(e) => {
                                failure = Some((
                                    e.position().map_or(line, |p| p.line() + shift),
                                    e.to_string(),
                                ));
                                break;
                            }
                        }
                    }
                    batch.truncate(filled);
                    // A read error (I/O) leaves nothing trustworthy to read after it.
                    let stop = done || failure.is_some();
                    if full_tx.send((batch, failure)).is_err() || stop {
                        return;
                    }
                }
            });
            while let Ok((batch, failure)) = full_rx.recv() {
                for record in &batch {
                    if record.len() == 1 && record.get(0).is_some_and(<[u8]>::is_empty) {
                        continue;
                    }
                    let line = record.position().map_or(0, |p| p.line() + shift);
                    let outcome = self
                        .row(
                            record,
                            &columns,
                            line,
                            (&mut summary, &mut labels, &mut cache),
                        )
                        .map(|row| each(&row));
                    self.tally(&mut summary, outcome, keep)?;
                }
                if let Some((line, message)) = failure {
                    self.tally(
                        &mut summary,
                        Err(ImportError::Malformed {
                            file: self.file.clone(),
                            line,
                            message,
                        }),
                        keep,
                    )?;
                }
                let _ = empty_tx.send(batch);
            }
            Ok(summary)
        })
    }

    /// Counts one row's outcome; in a strict import, the first failure stops.
    fn tally(
        &self,
        summary: &mut ImportSummary,
        outcome: Result<(), ImportError>,
        keep: usize,
    ) -> Result<(), ImportError> {
        summary.rows_read += 1;
        match outcome {
            Ok(()) => summary.rows_used += 1,
            Err(e) if self.options.strict => return Err(ImportError::Strict(Box::new(e))),
            Err(e) => {
                summary.rows_skipped += 1;
                if summary.skipped.len() < keep {
                    summary.skipped.push(e);
                }
            }
        }
        Ok(())
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
        // A field holding a line break is rare: look at the whole record first.
        let has_line_break = record.as_slice().contains(&b'\n');
        if let Some(i) = record.iter().position(|f| {
            has_line_break && {
                f.contains(&b'\n')
                    && (f.split(|&b| b == b',').count() - 1) >= EXPORT_COLUMNS.len() - 1
            }
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

    fn row<'r>(
        &self,
        record: &'r csv::ByteRecord,
        columns: &Columns,
        line: u64,
        (summary, labels, cache): (&mut ImportSummary, &mut Labels, &mut AssessmentCache),
    ) -> Result<ExportRowRef<'r>, ImportError> {
        let field = |i: usize| -> Result<&'r str, ImportError> {
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
            simdutf8::basic::from_utf8(bytes)
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
        let country_label = field(0)?;
        let cluster = field(1)?;
        let point = field(2)?;
        let country = labels.resolve(summary, country_label, cluster, point);
        let (question_type, non_compliant) =
            finding(field(5)?, field(6)?).map_err(|(i, v, e)| bad(i, &v, e))?;
        let question = field(4)?;
        if question.is_empty() {
            return Err(bad(4, question, "a question ID"));
        }
        let factory_name = field(10)?;
        let (assessment, factory, start, cycle) =
            Self::assessment_fields(record, columns, cache, &field, &bad)?;
        Ok(ExportRowRef {
            line,
            country_label,
            country,
            cluster,
            point,
            question_label: field(3)?,
            question,
            question_type,
            non_compliant,
            public: field(7)?.contains("Public Disclosure"),
            assessment,
            factory,
            obsolete: factory_name.contains("(Obsolete)"),
            factory_name,
            start,
            cycle,
            tool: field(13)?,
        })
    }

    /// The assessment, factory, start date and cycle of a row: parsed once
    /// per assessment, since an export's rows come grouped by assessment.
    fn assessment_fields<'r>(
        record: &'r csv::ByteRecord,
        columns: &Columns,
        cache: &mut AssessmentCache,
        field: &impl Fn(usize) -> Result<&'r str, ImportError>,
        bad: &impl Fn(usize, &str, &'static str) -> ImportError,
    ) -> Result<(AssessmentId, FactoryId, NaiveDate, u16), ImportError> {
        let same = {
            let mut offset = 0;
            [8_usize, 9, 11, 12].iter().all(|&i| {
                let raw = columns
                    .positions
                    .get(i)
                    .and_then(|&p| record.get(p))
                    .unwrap_or_default();
                let matches = cache.key.get(offset..offset + raw.len()) == Some(raw)
                    && cache.key.get(offset + raw.len()) == Some(&0xff);
                offset += raw.len() + 1;
                matches
            }) && offset == cache.key.len()
        };
        if let (true, Some(value)) = (same, cache.value) {
            return Ok(value);
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
        cache.key.clear();
        for i in [8_usize, 9, 11, 12] {
            cache.key.extend_from_slice(
                columns
                    .positions
                    .get(i)
                    .and_then(|&p| record.get(p))
                    .unwrap_or_default(),
            );
            cache.key.push(0xff);
        }
        cache.value = Some((assessment, factory, start, cycle));
        Ok((assessment, factory, start, cycle))
    }
}
