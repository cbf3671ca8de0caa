//! The Better Work long-format assessment export, read as a stream.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;
use std::io::Read;

use chrono::NaiveDate;
use decentwork_catalogue::{Cluster, CompliancePoint, Question};
use decentwork_model::{AssessmentId, Country, FactoryId};
use decentwork_scoring::{
    AssessmentInfo, BatchAssessment, BatchPoint, Labelled, Observation, ObservationBatch, Observed,
    SYSTEMS_CLUSTER,
};

use crate::error::{EncodingProblem, byte_order_mark, excerpt, header_names, nul_bytes, quoted};
use crate::split::{
    BLOCK_BYTES, Block, Exact, FastRecord, Fields, Place, Span, Specials, Splitter, Stop, TooLong,
    skip_line_ends, split_record,
};
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

/// The largest record read, in bytes of its fields' contents plus the number
/// of its fields. A larger record stops the read with
/// [`ImportError::RecordTooLong`]: the reader never buffers more than a few
/// times this much of one record, whatever the input (a file without line
/// ends, a quote never closed). An export's row is at most 14 fields of
/// [`MAX_FIELD_BYTES`].
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// The largest header read, in bytes of its names plus their number; a
/// larger one stops the read with [`ImportError::HeaderTooLong`].
pub const MAX_HEADER_BYTES: usize = 64 * 1024;

/// Whether a row counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum QuestionType {
    /// `NCQ`: a non-compliance question.
    NonCompliance,
    /// `FGW`: a fact-gathering row, which never counts.
    FactGathering,
}

/// One row of the export, read and checked, owning its texts; see
/// [`ExportRowRef`] for the fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRow(Parts<[String; 7]>);

/// A row's parts: its line, its texts (country, cluster, CP, question
/// label, question ID, factory name, tool) as `T`, their catalogue keys, and
/// the values that are not text. Owned rows hold `String`s; rows checked on
/// a worker thread hold their texts' places in the block.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Parts<T> {
    line: u64,
    texts: T,
    keys: (
        Option<Country>,
        Option<Cluster>,
        Option<CompliancePoint>,
        Option<Question>,
    ),
    values: Values,
}

/// A row's values that are not text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Values {
    question_type: QuestionType,
    non_compliant: bool,
    public: bool,
    assessment: AssessmentId,
    factory: FactoryId,
    obsolete: bool,
    start: NaiveDate,
    cycle: u16,
}

impl Parts<()> {
    /// The row with these texts, its line `base` lines further down.
    fn view_with<'a>(&self, texts: [&'a str; 7], base: u64) -> ExportRowRef<'a> {
        let [
            country,
            cluster,
            point,
            question_label,
            question,
            factory_name,
            tool,
        ] = texts;
        let (country_key, cluster_key, point_key, question_key) = self.keys;
        let v = self.values;
        ExportRowRef {
            line: self.line + base,
            country: Labelled::new(country_key, country),
            cluster: Labelled::new(cluster_key, cluster),
            point: Labelled::new(point_key, point),
            question_label,
            question: Labelled::new(question_key, question),
            question_type: v.question_type,
            non_compliant: v.non_compliant,
            public: v.public,
            assessment: v.assessment,
            factory: v.factory,
            factory_name,
            obsolete: v.obsolete,
            start: v.start,
            cycle: v.cycle,
            tool,
        }
    }
}

impl ExportRow {
    /// The row, borrowing its texts.
    #[must_use]
    pub fn as_ref(&self) -> ExportRowRef<'_> {
        let Parts {
            line,
            ref texts,
            keys,
            values,
        } = self.0;
        Parts {
            line,
            texts: (),
            keys,
            values,
        }
        .view_with(texts.each_ref().map(String::as_str), 0)
    }
}

/// One row of the export, borrowed from the reader's buffer (the zero-copy
/// form [`ExportImport::read_borrowed`] hands out), its labels resolved
/// against the catalogue once per distinct label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExportRowRef<'a> {
    /// Line in the file (1 is the header).
    pub line: u64,
    /// `Country`, and the country it names.
    pub country: Labelled<'a, Country>,
    /// `Cluster`, and the catalogue cluster it names ("Systems", the legacy
    /// cluster of older question sets, names none).
    pub cluster: Labelled<'a, Cluster>,
    /// `CP`, and the catalogue compliance point it names.
    pub point: Labelled<'a, CompliancePoint>,
    /// `Q.Label`: the question's text.
    pub question_label: &'a str,
    /// `Question.ID`: Better Work's own question number, which the catalogue
    /// does not key (so `question.key` is `None`).
    pub question: Labelled<'a, Question>,
    /// `Question.type`: non-compliance question or fact-gathering.
    pub question_type: QuestionType,
    /// `Finding`: `true` non-compliant.
    pub non_compliant: bool,
    /// `Tags` holds `Public Disclosure`.
    pub public: bool,
    /// `Quest.ID`: the assessment.
    pub assessment: AssessmentId,
    /// `Factory.Assessed.ID`.
    pub factory: FactoryId,
    /// `Factory.Assessed.Name`.
    pub factory_name: &'a str,
    /// The name is marked `(Obsolete)`.
    pub obsolete: bool,
    /// `Assesment.Start.Date`.
    pub start: NaiveDate,
    /// `Cycle`: the factory's assessment cycle.
    pub cycle: u16,
    /// `TQ.Name`: the question-set version.
    pub tool: &'a str,
}

impl<'a> ExportRowRef<'a> {
    /// The row's assessment, as a population takes it.
    #[must_use]
    pub fn assessment_info(&self) -> AssessmentInfo<'a> {
        let mut assessment =
            AssessmentInfo::new(self.assessment, self.factory, self.start, self.cycle);
        assessment.factory_name = self.factory_name;
        assessment.obsolete = self.obsolete;
        assessment.country = self.country;
        assessment.tool = self.tool;
        assessment
    }

    /// What the row observed, as a population takes it: a fact-gathering
    /// row, or a compliant or non-compliant finding.
    #[must_use]
    pub fn observed(&self) -> Observed {
        match (self.question_type, self.non_compliant) {
            (QuestionType::FactGathering, _) => Observed::FactGathering,
            (QuestionType::NonCompliance, true) => Observed::NonCompliant,
            (QuestionType::NonCompliance, false) => Observed::Compliant,
        }
    }

    /// An owned copy.
    #[must_use]
    pub fn to_owned_row(&self) -> ExportRow {
        ExportRow(self.parts(self.texts().map(str::to_owned)))
    }

    /// The row's texts: country, cluster, CP, question label, question ID,
    /// factory name, tool.
    fn texts(&self) -> [&'a str; 7] {
        [
            self.country.label,
            self.cluster.label,
            self.point.label,
            self.question_label,
            self.question.label,
            self.factory_name,
            self.tool,
        ]
    }

    /// The row's parts, with `texts` for its texts.
    fn parts<T>(&self, texts: T) -> Parts<T> {
        Parts {
            line: self.line,
            texts,
            keys: (
                self.country.key,
                self.cluster.key,
                self.point.key,
                self.question.key,
            ),
            values: Values {
                question_type: self.question_type,
                non_compliant: self.non_compliant,
                public: self.public,
                assessment: self.assessment,
                factory: self.factory,
                obsolete: self.obsolete,
                start: self.start,
                cycle: self.cycle,
            },
        }
    }

    /// The row as a population takes it.
    #[must_use]
    pub fn observation(&self) -> Observation<'a> {
        let mut observation = Observation::new(
            self.assessment_info(),
            (self.cluster, self.point),
            self.question,
            self.observed(),
        );
        observation.question_text = self.question_label;
        observation.public = self.public;
        observation
    }
}

/// The parts of a row that are the same for every row of one assessment,
/// parsed once per assessment: the raw bytes they came from, and the values.
#[derive(Default)]
pub(crate) struct AssessmentCache {
    key: Vec<u8>,
    /// The record's bytes from the first to the last of these fields, the
    /// factory name and the tool, where the reader has them in one piece:
    /// one comparison instead of six.
    range: Vec<u8>,
    /// The fields' tokens, where the reader has them (see
    /// [`Fields::token`]): four comparisons of numbers instead of texts.
    tokens: Option<[usize; 4]>,
    value: Option<(AssessmentId, FactoryId, NaiveDate, u16)>,
    /// The last row's factory name, and whether it is marked `(Obsolete)`.
    name: (Vec<u8>, bool),
    /// Whether the last row whose assessment was read had the same bytes
    /// in `range` as the row that set `range` before it (false where tokens
    /// or the four fields' own bytes found it the same). That row is the
    /// row read just before only where that row was good, which the caller
    /// knows.
    pub(crate) same: bool,
}

impl AssessmentCache {
    /// Whether `name` is marked `(Obsolete)`: looked for once per run of
    /// rows with the same name.
    #[inline]
    fn obsolete(&mut self, name: &str) -> bool {
        let (last, obsolete) = &mut self.name;
        if name.as_bytes() != last.as_slice() {
            last.clear();
            last.extend_from_slice(name.as_bytes());
            *obsolete =
                memchr::memchr(b'(', name.as_bytes()).is_some() && name.contains("(Obsolete)");
        }
        *obsolete
    }

    /// Forgets the tokens of the last row: they hold within one batch.
    #[cfg(feature = "arrow")]
    pub(crate) fn forget_tokens(&mut self) {
        self.tokens = None;
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
        // At most 200 characters of each list, then how many there are.
        let list = |set: &BTreeSet<String>| {
            crate::error::names(&set.iter().map(|s| format!("{s:?}")).collect::<Vec<_>>())
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

/// Why a text is not a `dd/mm/yyyy` date.
enum DateForm {
    /// Not in that form at all.
    Wrong,
    /// In that form, but no such day (31/02/2024).
    NoSuchDay,
}

/// A `dd/mm/yyyy` date (one or two digits for day and month, four for the
/// year).
fn day_month_year(text: &str) -> Result<NaiveDate, DateForm> {
    let mut parts = text.split('/');
    let (Some(d), Some(m), Some(y), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(DateForm::Wrong);
    };
    let digits = |s: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(d, 1..=2) && digits(m, 1..=2) && digits(y, 4..=4)) {
        return Err(DateForm::Wrong);
    }
    let (Ok(d), Ok(m), Ok(y)) = (d.parse(), m.parse(), y.parse()) else {
        return Err(DateForm::Wrong);
    };
    NaiveDate::from_ymd_opt(y, m, d).ok_or(DateForm::NoSuchDay)
}

/// Labels a block met that the catalogue (or the country list) does not know.
#[derive(Default)]
pub(crate) struct Unknown {
    countries: Vec<String>,
    points: Vec<String>,
    clusters: Vec<String>,
}

impl Unknown {
    pub(crate) fn merge_into(self, summary: &mut ImportSummary) {
        summary.unknown_countries.extend(self.countries);
        summary.unknown_points.extend(self.points);
        summary.unknown_clusters.extend(self.clusters);
    }
}

/// One distinct label: what it resolved to, and the last block that reported
/// it as unknown.
struct Label<T> {
    value: T,
    known: bool,
    reported: u64,
}

/// Looks `label` up in `map`, resolving it the first time; reports it to
/// `unknown` once per block. Returns what it resolved to, and whether it is
/// known (never reported).
fn label<T: Copy>(
    map: &mut FxHashMap<String, Label<T>>,
    text: &str,
    block: u64,
    unknown: &mut Vec<String>,
    resolve: impl FnOnce(&str) -> (T, bool),
) -> (T, bool) {
    let entry = if let Some(entry) = map.get_mut(text) {
        entry
    } else {
        let (value, known) = resolve(text);
        map.entry(text.to_owned()).or_insert(Label {
            value,
            known,
            reported: u64::MAX,
        })
    };
    if !entry.known && entry.reported != block {
        entry.reported = block;
        unknown.push(text.to_owned());
    }
    (entry.value, entry.known)
}

/// Whether a `Tags` field holds the public-disclosure tag (usually the
/// whole field, or nothing).
fn public(tags: &str) -> bool {
    const TAG: &str = "Public Disclosure";
    tags == TAG || (tags.len() > TAG.len() && tags.contains(TAG))
}

/// The catalogue keys of a row's country, cluster and point labels.
type Keys = (Option<Country>, Option<Cluster>, Option<CompliancePoint>);

/// The most byte ranges [`Labels`] keeps the keys of, and the longest it
/// keeps: far more than the combinations of countries, clusters and points
/// an export holds, and far longer than their labels, and a bound (1 MiB)
/// on what a file of ever new spellings (spaces around a label, say) can
/// make it keep.
const KNOWN_RANGES: (usize, usize) = (4096, 256);

/// What each distinct label resolved to, so that each is looked up once per
/// file (per thread).
#[derive(Default)]
pub(crate) struct Labels {
    countries: FxHashMap<String, Label<Option<Country>>>,
    points: FxHashMap<String, Label<Option<CompliancePoint>>>,
    clusters: FxHashMap<String, Label<Option<Cluster>>>,
    /// The block being read (labels are reported once per block).
    block: u64,
    unknown: Unknown,
    /// The last row's keys: rows come grouped by point.
    last: Option<Keys>,
    /// The country, cluster and point labels of the last row whose keys
    /// were found by its labels, and whether that row is the last row.
    by_text: ((String, String, String), bool),
    /// The keys of the bytes from a row's first to its last of those three
    /// fields, where all three labels are known (nothing to report): one
    /// lookup instead of three when a row's labels are not the last row's.
    /// At most [`KNOWN_RANGES`] of them, none longer than it says,
    /// whatever the input.
    known: FxHashMap<Vec<u8>, Keys>,
    /// The last row's bytes from its first to its last of those three
    /// fields, when the reader had them in one piece (else empty): a row
    /// with the same bytes has the same labels, found with one comparison.
    range: Vec<u8>,
    /// The last row's tokens of those three fields, where the reader has
    /// them (see [`Fields::token`]).
    tokens: Option<[usize; 3]>,
    /// Whether the row resolved last had the same bytes (or tokens) in
    /// those three fields as the row resolved before it (the row read just
    /// before only where that row was good, which the caller knows).
    pub(crate) same: bool,
}

impl Labels {
    /// What a row's country, cluster and point labels name; notes labels
    /// the catalogue (or the country list) does not know. Inlined where the
    /// row's labels are the last row's (most rows), and looked up otherwise.
    #[inline]
    fn resolve(
        &mut self,
        (range, tokens): (Option<&[u8]>, Option<[usize; 3]>),
        labels: (&str, &str, &str),
    ) -> Keys {
        if let (Some(tokens), Some(keys)) = (tokens, self.last)
            && self.tokens == Some(tokens)
        {
            self.same = true;
            return keys;
        }
        // Whichever way this row's keys are found, they become the last.
        self.tokens = tokens;
        if let (Some(range), Some(keys)) = (range, self.last)
            && !range.is_empty()
            && range == self.range.as_slice()
        {
            self.same = true;
            return keys;
        }
        self.same = false;
        self.look_up(range, labels)
    }

    /// [`Labels::resolve`] for labels other than the last row's.
    #[inline(never)]
    fn look_up(
        &mut self,
        range: Option<&[u8]>,
        (country_label, cluster, point): (&str, &str, &str),
    ) -> Keys {
        self.range.clear();
        self.range.extend_from_slice(range.unwrap_or_default());
        let range = range.filter(|r| !r.is_empty());
        if let Some(&keys) = range.and_then(|r| self.known.get(r)) {
            self.last = Some(keys);
            self.by_text.1 = false;
            return keys;
        }
        if let (Some(keys), ((c, k, p), true)) = (self.last, &self.by_text)
            && p == point
            && k == cluster
            && c == country_label
        {
            return keys;
        }
        let (country, country_known) = label(
            &mut self.countries,
            country_label,
            self.block,
            &mut self.unknown.countries,
            |l| {
                let c = country_from_name(l);
                (c, c.is_some() || l.is_empty())
            },
        );
        let (point_key, point_known) = label(
            &mut self.points,
            point,
            self.block,
            &mut self.unknown.points,
            |l| {
                let cp = CompliancePoint::lookup(l).ok();
                (cp, cp.is_some())
            },
        );
        let (cluster_key, cluster_known) = label(
            &mut self.clusters,
            cluster,
            self.block,
            &mut self.unknown.clusters,
            |l| {
                // The legacy "Systems" is known, but as itself: harmonising
                // it with Occupational Safety and Health is the rate's option.
                if l.eq_ignore_ascii_case(SYSTEMS_CLUSTER) {
                    return (None, true);
                }
                let c = Cluster::lookup(l).ok();
                (c, c.is_some())
            },
        );
        let keys = (country, cluster_key, point_key);
        if let Some(range) = range
            && country_known
            && point_known
            && cluster_known
            && self.known.len() < KNOWN_RANGES.0
            && range.len() <= KNOWN_RANGES.1
        {
            self.known.insert(range.to_vec(), keys);
        }
        self.last = Some(keys);
        let (last, valid) = &mut self.by_text;
        country_label.clone_into(&mut last.0);
        cluster.clone_into(&mut last.1);
        point.clone_into(&mut last.2);
        *valid = true;
        keys
    }

    /// Forgets the tokens of the last row: they hold within one batch.
    #[cfg(feature = "arrow")]
    pub(crate) fn forget_tokens(&mut self) {
        self.tokens = None;
    }

    /// Starts block `seq`; returns the labels the previous one reported.
    pub(crate) fn start(&mut self, seq: u64) -> Unknown {
        self.block = seq;
        // A new block reports its unknown labels afresh.
        self.last = None;
        self.range.clear();
        self.tokens = None;
        std::mem::take(&mut self.unknown)
    }
}

/// Per-thread reading state.
#[derive(Default)]
struct ReadState {
    labels: Labels,
    cache: AssessmentCache,
    spans: Vec<Span>,
    /// The most rows a block has had (the next block's vector is made this big).
    rows: usize,
}

/// The values the rows of one assessment share, kept once per run of its
/// rows in a block rather than in every row.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Shared {
    assessment: AssessmentId,
    factory: FactoryId,
    start: NaiveDate,
    cycle: u16,
}

/// A row checked on a worker thread, kept small (the thread handing rows on
/// reads every one of them again): where its texts lie in the block, its
/// keys and its own values; the values of its assessment are in the block's
/// list of [`Shared`] values.
struct Checked {
    /// Line from the block's start.
    line: u32,
    /// Its assessment's values in the block's list.
    shared: u32,
    texts: [Place; 7],
    keys: (
        Option<Country>,
        Option<Cluster>,
        Option<CompliancePoint>,
        Option<Question>,
    ),
    question_type: QuestionType,
    non_compliant: bool,
    public: bool,
    obsolete: bool,
}

impl Checked {
    /// The row's values, and where its texts lie in `block` and `arena`; its
    /// assessment's values are added to `shared` unless they are the last.
    fn new(
        row: &ExportRowRef<'_>,
        block: &str,
        arena: &str,
        shared: &mut Vec<Shared>,
    ) -> Option<Self> {
        let values = Shared {
            assessment: row.assessment,
            factory: row.factory,
            start: row.start,
            cycle: row.cycle,
        };
        if shared.last() != Some(&values) {
            shared.push(values);
        }
        let [t0, t1, t2, t3, t4, t5, t6] = row.texts();
        let place = |text| Place::of(text, block, arena);
        Some(Self {
            line: u32::try_from(row.line).ok()?,
            shared: u32::try_from(shared.len().checked_sub(1)?).ok()?,
            texts: [
                place(t0)?,
                place(t1)?,
                place(t2)?,
                place(t3)?,
                place(t4)?,
                place(t5)?,
                place(t6)?,
            ],
            keys: (
                row.country.key,
                row.cluster.key,
                row.point.key,
                row.question.key,
            ),
            question_type: row.question_type,
            non_compliant: row.non_compliant,
            public: row.public,
            obsolete: row.obsolete,
        })
    }

    /// The row again, borrowing its block that starts on line `base`.
    fn text_view<'a>(
        &self,
        block: &'a str,
        arena: &'a str,
        shared: &[Shared],
        base: u64,
    ) -> Option<ExportRowRef<'a>> {
        let [t0, t1, t2, t3, t4, t5, t6] = self.texts;
        let text = |p: Place| p.text(block, arena);
        let s = shared.get(usize::try_from(self.shared).ok()?)?;
        let parts = Parts {
            line: u64::from(self.line),
            texts: (),
            keys: self.keys,
            values: Values {
                question_type: self.question_type,
                non_compliant: self.non_compliant,
                public: self.public,
                assessment: s.assessment,
                factory: s.factory,
                obsolete: self.obsolete,
                start: s.start,
                cycle: s.cycle,
            },
        };
        Some(parts.view_with(
            [
                text(t0)?,
                text(t1)?,
                text(t2)?,
                text(t3)?,
                text(t4)?,
                text(t5)?,
                text(t6)?,
            ],
            base,
        ))
    }
}

/// Where a worker thread puts the good rows of a block it reads.
trait Rows: Send {
    /// Whether rows need their line in the file, not in their block (then
    /// each block's first line is counted before it is read).
    const FILE_LINES: bool;
    /// Takes one good row, read from `block` (quoted fields unescaped into
    /// `arena`), its line counted from the block's start, which is on line
    /// `base` when [`Rows::FILE_LINES`] is set, and what it shares with the
    /// good row before it in the block; `Err` says what went wrong inside
    /// the reader (a row's text could not be placed, a batch refused its
    /// own handles): no input should reach it.
    fn take(
        &mut self,
        row: &ExportRowRef<'_>,
        text: (&str, &str),
        base: u64,
        same: Same,
    ) -> Result<(), &'static str>;
}

/// What a good row shares with the good row just before it in its block
/// (nothing, for a block's first row or a row after a bad one), known from
/// the bytes both were read from.
#[derive(Clone, Copy, Default)]
struct Same {
    /// The same `Country`, `Cluster` and `CP`.
    labels: bool,
    /// The same assessment, factory, factory name, start date, cycle and
    /// tool.
    assessment: bool,
}

/// A block's rows, kept for the thread that hands them on one by one.
struct CheckedRows {
    rows: Vec<Checked>,
    /// The values the rows' assessments share.
    shared: Vec<Shared>,
}

impl Rows for CheckedRows {
    const FILE_LINES: bool = false;

    fn take(
        &mut self,
        row: &ExportRowRef<'_>,
        (block, arena): (&str, &str),
        _: u64,
        _: Same,
    ) -> Result<(), &'static str> {
        let checked = Checked::new(row, block, arena, &mut self.shared)
            .ok_or("a field's place in its block was lost")?;
        self.rows.push(checked);
        Ok(())
    }
}

/// A block's rows, filled into the caller's batch on the thread that read
/// them.
struct Filled<'f, B, F> {
    batch: B,
    fill: &'f F,
}

impl<B: Send, F: Fn(&mut B, &ExportRowRef<'_>) + Sync> Rows for Filled<'_, B, F> {
    const FILE_LINES: bool = true;

    fn take(
        &mut self,
        row: &ExportRowRef<'_>,
        _: (&str, &str),
        base: u64,
        _: Same,
    ) -> Result<(), &'static str> {
        let mut row = *row;
        row.line += base;
        (self.fill)(&mut self.batch, &row);
        Ok(())
    }
}

/// A block's rows, gathered into a population's batch on the thread that
/// read them: a row with the last row's assessment or labels (by their
/// bytes) is kept under the batch's assessment or point for that row, not
/// compared with it again.
#[derive(Default)]
struct ObservationRows {
    batch: ObservationBatch,
    /// The last good row's assessment and point in the batch, when it
    /// had them looked up.
    last: (Option<BatchAssessment>, Option<BatchPoint>),
}

impl Rows for ObservationRows {
    const FILE_LINES: bool = false;

    fn take(
        &mut self,
        row: &ExportRowRef<'_>,
        _: (&str, &str),
        _: u64,
        same: Same,
    ) -> Result<(), &'static str> {
        let (assessment, point) = &mut self.last;
        if !same.assessment {
            *assessment = None;
        }
        if !same.labels {
            *point = None;
        }
        let observed = row.observed();
        if observed == Observed::FactGathering {
            // Counted only; the handles stay good for the rows after it
            // only where this row has the same assessment and labels.
            self.batch.push(&row.observation());
            return Ok(());
        }
        let at = (
            *assessment.get_or_insert_with(|| self.batch.assessment(&row.assessment_info())),
            *point.get_or_insert_with(|| self.batch.point(row.cluster, row.point)),
        );
        self.batch
            .push_at(at, row.question, (row.question_label, row.public), observed)
            .map_err(|_| "the population's batch refused its own handles")
    }
}

/// How the thread that hands rows on in input order gives them to the
/// caller.
trait Hand {
    /// What the block threads fill.
    type Rows: Rows;
    /// Whether [`Hand::checked`] does anything; where it does not, a block's
    /// good rows between its errors are counted at once.
    const ROW_BY_ROW: bool = true;
    /// Good row `i` of a block read by a block thread, which starts on line
    /// `base`; when its text is lost, its line from the block's start.
    fn checked(
        &mut self,
        rows: &Self::Rows,
        i: usize,
        text: (&str, &str),
        base: u64,
    ) -> Result<(), u64>;
    /// A block's rows, once all of them and its errors are counted.
    fn block(&mut self, rows: Self::Rows);
    /// A row read on this thread by the exact reader.
    fn row(&mut self, row: &ExportRowRef<'_>);
    /// The end of what the exact reader read of a block.
    fn exact_end(&mut self);
}

/// Rows handed to the caller one by one.
struct OneByOne<F>(F);

impl<F: FnMut(&ExportRowRef<'_>)> Hand for OneByOne<F> {
    type Rows = CheckedRows;

    fn checked(
        &mut self,
        rows: &CheckedRows,
        i: usize,
        (text, arena): (&str, &str),
        base: u64,
    ) -> Result<(), u64> {
        let checked = rows.rows.get(i).ok_or(0_u64)?;
        let row = checked
            .text_view(text, arena, &rows.shared, base)
            .ok_or(u64::from(checked.line))?;
        (self.0)(&row);
        Ok(())
    }

    fn block(&mut self, _: CheckedRows) {}

    fn row(&mut self, row: &ExportRowRef<'_>) {
        (self.0)(row);
    }

    fn exact_end(&mut self) {}
}

/// What the block threads fill that ends as one batch of the caller's.
trait BatchRows: Rows {
    /// The caller's batch.
    type Batch;
    /// The batch the block's rows were gathered into.
    fn into_batch(self) -> Self::Batch;
}

impl<B: Send, F: Fn(&mut B, &ExportRowRef<'_>) + Sync> BatchRows for Filled<'_, B, F> {
    type Batch = B;

    fn into_batch(self) -> B {
        self.batch
    }
}

impl BatchRows for ObservationRows {
    type Batch = ObservationBatch;

    fn into_batch(self) -> ObservationBatch {
        self.batch
    }
}

/// Rows handed to the caller a block's batch at a time: the block threads
/// fill `R`s; rows the exact reader read here go through `new` and `fill`.
struct Batches<'f, B, N, F, E, R> {
    new: &'f N,
    fill: &'f F,
    each: E,
    /// What the exact reader read of the current block.
    pending: Option<B>,
    rows: std::marker::PhantomData<R>,
}

impl<B, N, F, E, R> Hand for Batches<'_, B, N, F, E, R>
where
    N: Fn() -> B,
    F: Fn(&mut B, &ExportRowRef<'_>),
    E: FnMut(B),
    R: BatchRows<Batch = B>,
{
    type Rows = R;

    const ROW_BY_ROW: bool = false;

    fn checked(&mut self, _: &Self::Rows, _: usize, _: (&str, &str), _: u64) -> Result<(), u64> {
        Ok(())
    }

    fn block(&mut self, rows: Self::Rows) {
        (self.each)(rows.into_batch());
    }

    fn row(&mut self, row: &ExportRowRef<'_>) {
        let batch = self.pending.get_or_insert_with(self.new);
        (self.fill)(batch, row);
    }

    fn exact_end(&mut self) {
        if let Some(batch) = self.pending.take() {
            (self.each)(batch);
        }
    }
}

/// Counts `n` good rows, as [`ExportImport::tally`] counts each.
fn tally_good(summary: &mut ImportSummary, n: usize) {
    let n = n as u64;
    summary.rows_read += n;
    summary.rows_used += n;
}

/// An internal failure: a checked row's text could not be found again.
fn lost(file: &str, line: u64) -> ImportError {
    internal(file, line, "a field's place in its block was lost")
}

/// An internal failure of the reader (which no input should reach), kept
/// as the row's error rather than the row dropped.
fn internal(file: &str, line: u64, what: &str) -> ImportError {
    ImportError::Malformed {
        file: file.to_owned(),
        line,
        message: format!("internal error: {what}"),
    }
}

/// A block, read by the fast reader where it could be.
struct Done<P> {
    seq: u64,
    last: bool,
    read: Result<Parsed<P>, Vec<u8>>,
}

/// A block the fast reader read.
struct Parsed<P> {
    /// The block: UTF-8, checked once where it was read (and again only by
    /// a reader that hands rows on one by one, which needs it as text).
    bytes: Vec<u8>,
    arena: String,
    /// The good rows.
    rows: P,
    /// How many there are.
    good: usize,
    /// The bad rows' errors, each with the number of good rows before it.
    errors: Vec<(usize, ImportError)>,
    unknown: Unknown,
    /// Line feeds in the block (its rows' lines count from 0).
    lines: u64,
}

/// What the block reader hands on, in input order.
enum Message<P> {
    Block(Done<P>),
    Failed(Stop),
}

/// The header's columns aside, what reading it leaves: the exact reader (a
/// BOM already stripped), the rest of the block it ended in, and the line
/// that rest starts on.
struct Header {
    exact: Exact,
    rest: Option<Block>,
    line: u64,
}

/// Whether a record is a blank line (one empty field), which is skipped.
fn blank<'r>(record: &impl Fields<'r>) -> bool {
    record.count() == 1 && record.raw(0).is_some_and(<[u8]>::is_empty)
}

/// How many rows of an Arrow record batch the Arrow reader makes into text
/// at a time: their keys stay in the core's cache between being made and
/// being read.
#[cfg(feature = "arrow")]
pub(crate) const ARROW_SLICE_ROWS: usize = 4096;

/// Reads the Better Work long-format export.
#[derive(Debug, Clone)]
pub struct ExportImport {
    pub(crate) file: String,
    pub(crate) options: ImportOptions,
    /// Block size (tests make it tiny to put cuts everywhere).
    block: usize,
    /// Which readers to use (tests compare them).
    mode: ReadMode,
    /// The largest record and header (tests make them small).
    limits: (usize, usize),
    /// How many rows of an Arrow record batch are made into text at a time
    /// (tests make it small).
    #[cfg(feature = "arrow")]
    pub(crate) slice_rows: usize,
}

/// Which block readers an import uses: for tests that compare them
/// (feature `test-hooks`; without it, always `Auto`).
#[cfg_attr(
    not(feature = "test-hooks"),
    allow(unreachable_pub, dead_code, reason = "public only with the test hooks")
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReadMode {
    /// The fast reader, and the exact one where the text is irregular.
    Auto,
    /// The exact reader only.
    ExactOnly,
    /// The fast reader only: an irregular block is an error.
    FastOnly,
}

/// Column positions in one file's header, and the header's width.
pub(crate) struct Columns {
    pub(crate) positions: [usize; 14],
    pub(crate) width: usize,
    pub(crate) unused: Vec<String>,
    /// The first and last field of the labels' columns (country, cluster,
    /// CP) and of the assessment's (Quest.ID, factory ID, factory name,
    /// start date, cycle, tool).
    spans: [(usize, usize); 2],
}

/// Which of [`Columns`]' spans.
#[derive(Clone, Copy)]
enum Of {
    Labels = 0,
    Assessment = 1,
}

impl Columns {
    /// The columns at `positions` in a header `width` fields wide.
    pub(crate) fn new(positions: [usize; 14], width: usize, unused: Vec<String>) -> Self {
        let span = |of: &[usize]| {
            let fields = of.iter().map(|&i| positions.get(i).copied().unwrap_or(0));
            (fields.clone().min().unwrap_or(0), fields.max().unwrap_or(0))
        };
        Columns {
            positions,
            width,
            unused,
            spans: [span(&[0, 1, 2]), span(&[8, 9, 10, 11, 12, 13])],
        }
    }

    /// A record's bytes from the first to the last field of the export's
    /// columns `of`, where the reader has them in one piece: equal bytes
    /// hold equal fields, so one comparison stands for several.
    fn raw_span<'r>(&self, record: &impl Fields<'r>, of: Of) -> Option<&'r [u8]> {
        let &(first, last) = self.spans.get(of as usize)?;
        record.raw_range(first, last)
    }

    /// The tokens of a record's fields of the export's columns `of`, where
    /// the reader has them (see [`Fields::token`]).
    fn tokens<'r, const N: usize>(
        &self,
        record: &impl Fields<'r>,
        of: [usize; N],
    ) -> Option<[usize; N]> {
        let mut tokens = [0; N];
        for (token, i) in tokens.iter_mut().zip(of) {
            *token = record.token(*self.positions.get(i)?)?;
        }
        Some(tokens)
    }
}

/// The caller's side of a read: counts, keeps errors, hands rows on in input
/// order, and reads with [`Exact`] where the fast reader could not.
struct Consumer<'i, H> {
    import: &'i ExportImport,
    columns: &'i Columns,
    summary: ImportSummary,
    keep: usize,
    exact: Exact,
    state: ReadState,
    hand: H,
    /// The line the next block starts on.
    line: u64,
}

impl<H: Hand> Consumer<'_, H> {
    /// Takes the next block in input order; returns its buffer for reuse.
    fn take(&mut self, done: Done<H::Rows>) -> Result<Vec<u8>, ImportError> {
        let import = self.import;
        match done.read {
            Ok(parsed) if !self.exact.pending() => {
                let base = self.line;
                parsed.unknown.merge_into(&mut self.summary);
                let mut errors = parsed.errors.into_iter().peekable();
                if !H::ROW_BY_ROW {
                    // The rows are the caller's already: count the good ones
                    // between the errors, in the order they came.
                    let mut counted = 0;
                    for (before, error) in errors {
                        tally_good(&mut self.summary, before.saturating_sub(counted));
                        counted = counted.max(before);
                        import.tally(&mut self.summary, Err(error.shifted(base)), self.keep)?;
                    }
                    tally_good(&mut self.summary, parsed.good.saturating_sub(counted));
                    self.hand.block(parsed.rows);
                    self.line += parsed.lines;
                    return Ok(parsed.bytes);
                }
                let block = simdutf8::basic::from_utf8(&parsed.bytes).unwrap_or_default();
                let text = (block, parsed.arena.as_str());
                for i in 0..parsed.good {
                    while let Some((_, error)) = errors.next_if(|(before, _)| *before <= i) {
                        import.tally(&mut self.summary, Err(error.shifted(base)), self.keep)?;
                    }
                    let outcome = self
                        .hand
                        .checked(&parsed.rows, i, text, base)
                        .map_err(|line| lost(&import.file, line + base));
                    import.tally(&mut self.summary, outcome, self.keep)?;
                }
                for (_, error) in errors {
                    import.tally(&mut self.summary, Err(error.shifted(base)), self.keep)?;
                }
                self.hand.block(parsed.rows);
                self.line += parsed.lines;
                Ok(parsed.bytes)
            }
            Ok(parsed) => {
                self.exact(&parsed.bytes, done.seq, done.last)?;
                Ok(parsed.bytes)
            }
            Err(bytes) => {
                self.exact(&bytes, done.seq, done.last)?;
                Ok(bytes)
            }
        }
    }

    /// Reads a block with the exact reader, which carries a record left open
    /// into the next block.
    fn exact(&mut self, bytes: &[u8], seq: u64, last: bool) -> Result<(), ImportError> {
        if self.import.mode == ReadMode::FastOnly {
            return Err(ImportError::Unreadable {
                file: self.import.file.clone(),
                message: format!(
                    "the fast reader cannot read the block from line {}",
                    self.line
                ),
            });
        }
        let Self {
            import,
            columns,
            summary,
            keep,
            exact,
            state,
            hand,
            line,
        } = self;
        state.labels.start(seq).merge_into(summary);
        let mut pos = 0;
        while let Some(next) = exact.next(bytes, &mut pos, line, last) {
            let (record, at) = next.map_err(|e| import.too_long(e, false))?;
            if blank(&record) {
                continue;
            }
            let outcome = import
                .row(record, columns, at, (&mut state.labels, &mut state.cache))
                .map(|row| hand.row(&row));
            import.tally(summary, outcome, *keep)?;
        }
        hand.exact_end();
        state.labels.start(seq).merge_into(summary);
        Ok(())
    }

    /// The input stopped early: a read error fails the import, saying how
    /// far it got (never a skipped row, strict or not: the rest of the input
    /// is missing); a run too long for any record ends the read.
    fn fail(&mut self, stop: Stop) -> ImportError {
        let error = match stop {
            Stop::Io(error) => error,
            Stop::Overlong(run) => {
                let too_long = self.exact.overlong(self.line, &run);
                return self.import.too_long(too_long, false);
            }
        };
        ImportError::ReadFailed {
            file: self.import.file.clone(),
            // `line` is where the next block would have started.
            line: self.line.saturating_sub(1),
            rows_read: self.summary.rows_read,
            message: error.to_string(),
        }
    }
}

impl ExportImport {
    /// An import of the file called `file` (used in messages).
    #[must_use]
    pub fn new(file: impl Into<String>, options: ImportOptions) -> Self {
        Self {
            file: file.into(),
            options,
            block: BLOCK_BYTES,
            mode: ReadMode::Auto,
            limits: (MAX_RECORD_BYTES, MAX_HEADER_BYTES),
            #[cfg(feature = "arrow")]
            slice_rows: ARROW_SLICE_ROWS,
        }
    }

    /// The same import making Arrow record batches into text `rows` rows at
    /// a time instead of 4 096: for tests that cut batches into several
    /// slices with small tables (feature `test-hooks`).
    #[cfg(all(feature = "test-hooks", feature = "arrow"))]
    #[must_use]
    pub fn with_arrow_slices(mut self, rows: usize) -> Self {
        self.slice_rows = rows.max(1);
        self
    }

    /// The same import cutting `block`-byte blocks and reading them as
    /// `mode` says: for tests that compare the readers (feature `test-hooks`).
    #[cfg(feature = "test-hooks")]
    #[must_use]
    pub fn with_blocks(mut self, block: usize, mode: ReadMode) -> Self {
        self.block = block.max(1);
        self.mode = mode;
        self
    }

    /// The same import with other limits on a record and on the header than
    /// [`MAX_RECORD_BYTES`] and [`MAX_HEADER_BYTES`]: for tests that reach
    /// them with small inputs (feature `test-hooks`).
    #[cfg(feature = "test-hooks")]
    #[must_use]
    pub fn with_limits(mut self, record: usize, header: usize) -> Self {
        self.limits = (record.max(1), header.max(1));
        self
    }

    /// The error for a file in another encoding.
    fn encoding(&self, line: u64, (problem, hint): EncodingProblem) -> ImportError {
        ImportError::Encoding {
            file: self.file.clone(),
            line,
            problem,
            hint,
        }
    }

    /// The error for a record (or the header) over its limit; a header of
    /// NUL bytes is not text.
    fn too_long(&self, too_long: TooLong, header: bool) -> ImportError {
        let TooLong { line, start } = too_long;
        if header && let Some(problem) = nul_bytes(&start) {
            return self.encoding(line, problem);
        }
        let file = self.file.clone();
        let start = excerpt(&start);
        if header {
            ImportError::HeaderTooLong {
                file,
                line,
                limit: self.limits.1,
                start,
            }
        } else {
            ImportError::RecordTooLong {
                file,
                line,
                limit: self.limits.0,
                start,
            }
        }
    }

    /// Streams `input`, handing each good row to `each`. Memory stays flat:
    /// a block of about two megabytes at a time.
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
        each: impl FnMut(&ExportRowRef<'_>),
    ) -> Result<ImportSummary, ImportError> {
        let new_rows = |hint| CheckedRows {
            rows: Vec::with_capacity(hint),
            shared: Vec::new(),
        };
        let mut splitter = Splitter::new(input, self.block, self.limits.1);
        let (columns, header) = self.header(&mut splitter)?;
        let mut consumer = self.consumer(&columns, header, &new_rows, OneByOne(each))?;
        let mut state = ReadState::default();
        let mut buffer = Vec::new();
        loop {
            match splitter.next_block(buffer) {
                Ok(Some(block)) => {
                    let done = self.parse((block, consumer.line), &columns, &mut state, &new_rows);
                    buffer = consumer.take(done)?;
                }
                Ok(None) => break,
                Err(stop) => {
                    return Err(consumer.fail(stop));
                }
            }
        }
        Ok(consumer.summary)
    }

    /// Like [`ExportImport::read_borrowed`], reading blocks of the input on
    /// every core while this thread hands rows to `each`, in input order.
    /// Results are identical.
    ///
    /// # Errors
    ///
    /// As [`ExportImport::read`].
    pub fn read_borrowed_parallel<R: Read + Send>(
        &self,
        input: R,
        each: impl FnMut(&ExportRowRef<'_>),
    ) -> Result<ImportSummary, ImportError> {
        let new_rows = |hint| CheckedRows {
            rows: Vec::with_capacity(hint),
            shared: Vec::new(),
        };
        self.parallel(input, &new_rows, OneByOne(each))
    }

    /// Reads blocks of the input on every core; each block's good rows are
    /// given to `fill`, in input order, on the thread that read the block,
    /// into a batch from `new`; this thread hands the batches to `each` in
    /// input order. Filling a population's [`ObservationBatch`]es this way
    /// does the population's label lookups on every core:
    ///
    /// ```
    /// use decentwork_io::{ExportImport, ImportOptions};
    /// use decentwork_scoring::{ObservationBatch, Population};
    ///
    /// let csv = "Country,Cluster,CP,Q.Label,Question.ID,Question.type,Finding,Tags,Quest.ID,Factory.Assessed.ID,Factory.Assessed.Name,Assesment.Start.Date,Cycle,TQ.Name\n\
    ///            Viet Nam,Working Time,Overtime,Is overtime voluntary?,101,NCQ,1,,A1,F1,Factory one,02/05/2024,1,CAT\n";
    /// let mut population = Population::new();
    /// let summary = ExportImport::new("export.csv", ImportOptions::default()).read_batched(
    ///     csv.as_bytes(),
    ///     ObservationBatch::new,
    ///     |batch, row| batch.push(&row.observation()),
    ///     |batch| population.add_batch(&batch),
    /// )?;
    /// assert_eq!((summary.rows_used, population.len()), (1, 1));
    /// # Ok::<(), decentwork_io::ImportError>(())
    /// ```
    ///
    /// A batch holds rows of one block of about two megabytes; the rows read
    /// where the fast reader could not read (rare) come in batches of their
    /// own. In a strict import that fails, the rows of the failing block are
    /// not handed on.
    ///
    /// [`ObservationBatch`]: decentwork_scoring::ObservationBatch
    ///
    /// # Errors
    ///
    /// As [`ExportImport::read`].
    pub fn read_batched<R: Read + Send, B: Send>(
        &self,
        input: R,
        new: impl Fn() -> B + Sync,
        fill: impl Fn(&mut B, &ExportRowRef<'_>) + Sync,
        each: impl FnMut(B),
    ) -> Result<ImportSummary, ImportError> {
        let new_rows = |_| Filled {
            batch: new(),
            fill: &fill,
        };
        let hand = Batches {
            new: &new,
            fill: &fill,
            each,
            pending: None,
            rows: std::marker::PhantomData,
        };
        self.parallel(input, &new_rows, hand)
    }

    /// Reads blocks of the input on every core, each block's good rows
    /// gathered into an [`ObservationBatch`] on the thread that read it;
    /// this thread hands the batches to `each` in input order. The
    /// population they give is the one [`ExportImport::read_batched`] with
    /// [`ObservationBatch::push`] gives (and adding each row in turn), made
    /// with fewer comparisons: where a good row's assessment fields or
    /// labels have the same bytes as the good row before it, the reader
    /// keeps it under the batch's handles for them, and the batch does not
    /// compare them again. (The batches themselves may differ: a row that
    /// changes only the country within an assessment starts no new entry
    /// here; the population keeps an assessment's first country either way.)
    ///
    /// As with [`ExportImport::read_batched`], in a strict import that
    /// fails, the rows of the failing block are not handed on.
    ///
    /// ```
    /// use decentwork_io::{ExportImport, ImportOptions};
    /// use decentwork_scoring::Population;
    ///
    /// let csv = "Country,Cluster,CP,Q.Label,Question.ID,Question.type,Finding,Tags,Quest.ID,Factory.Assessed.ID,Factory.Assessed.Name,Assesment.Start.Date,Cycle,TQ.Name\n\
    ///            Viet Nam,Working Time,Overtime,Is overtime voluntary?,101,NCQ,1,,A1,F1,Factory one,02/05/2024,1,CAT\n\
    ///            Viet Nam,Working Time,Overtime,Are overtime hours within the limit?,102,NCQ,0,,A1,F1,Factory one,02/05/2024,1,CAT\n";
    /// let mut population = Population::new();
    /// let summary = ExportImport::new("export.csv", ImportOptions::default())
    ///     .read_observations(csv.as_bytes(), |batch| population.add_batch(&batch))?;
    /// assert_eq!((summary.rows_used, population.len()), (2, 1));
    /// # Ok::<(), decentwork_io::ImportError>(())
    /// ```
    ///
    /// [`ObservationBatch`]: decentwork_scoring::ObservationBatch
    /// [`ObservationBatch::push`]: decentwork_scoring::ObservationBatch::push
    ///
    /// # Errors
    ///
    /// As [`ExportImport::read`].
    pub fn read_observations<R: Read + Send>(
        &self,
        input: R,
        each: impl FnMut(ObservationBatch),
    ) -> Result<ImportSummary, ImportError> {
        let hand = Batches {
            new: &ObservationBatch::new,
            fill: &|batch: &mut ObservationBatch, row: &ExportRowRef<'_>| {
                batch.push(&row.observation());
            },
            each,
            pending: None,
            rows: std::marker::PhantomData::<ObservationRows>,
        };
        self.parallel(input, &|_| ObservationRows::default(), hand)
    }

    /// Reads blocks on every core, their rows kept in what `new_rows` makes,
    /// handed on through `hand` in input order.
    fn parallel<R: Read + Send, H: Hand>(
        &self,
        input: R,
        new_rows: &(impl Fn(usize) -> H::Rows + Sync),
        hand: H,
    ) -> Result<ImportSummary, ImportError> {
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 8));
        let mut splitter = Splitter::new(input, self.block, self.limits.1);
        let (columns, header) = self.header(&mut splitter)?;
        let mut expected = header.rest.as_ref().map_or(0, |block| block.seq + 1);
        let mut consumer = self.consumer(&columns, header, new_rows, hand)?;
        let columns = &columns;
        std::thread::scope(|scope| {
            // Buffers in flight, at most: memory stays flat.
            let buffers = 2 * workers + 2;
            let (job_tx, job_rx) = std::sync::mpsc::sync_channel::<(Block, u64)>(workers);
            // The line the next block starts on, where rows need it.
            let mut line = consumer.line;
            let job_rx = std::sync::Arc::new(std::sync::Mutex::new(job_rx));
            let (done_tx, done_rx) = std::sync::mpsc::channel::<Message<H::Rows>>();
            let (free_tx, free_rx) = std::sync::mpsc::channel::<Vec<u8>>();
            let failed = done_tx.clone();
            scope.spawn(move || {
                let mut made = 0;
                loop {
                    let buffer = match free_rx.try_recv() {
                        Ok(buffer) => buffer,
                        Err(_) if made < buffers => {
                            made += 1;
                            Vec::new()
                        }
                        Err(_) => match free_rx.recv() {
                            Ok(buffer) => buffer,
                            Err(_) => return,
                        },
                    };
                    match splitter.next_block(buffer) {
                        Ok(Some(block)) => {
                            let base = line;
                            if H::Rows::FILE_LINES {
                                line += memchr::memchr_iter(b'\n', &block.bytes).count() as u64;
                            }
                            if job_tx.send((block, base)).is_err() {
                                return;
                            }
                        }
                        Ok(None) => return,
                        Err(stop) => {
                            let _ = failed.send(Message::Failed(stop));
                            return;
                        }
                    }
                }
            });
            for _ in 0..workers {
                let job_rx = std::sync::Arc::clone(&job_rx);
                let done_tx = done_tx.clone();
                scope.spawn(move || {
                    let mut state = ReadState::default();
                    loop {
                        let job = match job_rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => return,
                        };
                        let Ok(job) = job else { return };
                        let done = self.parse(job, columns, &mut state, new_rows);
                        if done_tx.send(Message::Block(done)).is_err() {
                            return;
                        }
                    }
                });
            }
            drop((done_tx, job_rx));
            // Blocks finish out of order; hand them on in order. An I/O
            // failure comes after every block sent before it.
            let mut waiting = std::collections::BTreeMap::new();
            let mut failure = None;
            for message in done_rx {
                match message {
                    Message::Failed(_) => failure = Some(message),
                    Message::Block(done) => {
                        waiting.insert(done.seq, done);
                    }
                }
                while let Some(done) = waiting.remove(&expected) {
                    expected += 1;
                    let buffer = consumer.take(done)?;
                    let _ = free_tx.send(buffer);
                }
            }
            if let Some(Message::Failed(stop)) = failure {
                return Err(consumer.fail(stop));
            }
            Ok(consumer.summary)
        })
    }

    /// The caller's side of a read, once the header is read; takes the rest
    /// of the header's block.
    fn consumer<'i, H: Hand>(
        &'i self,
        columns: &'i Columns,
        header: Header,
        new_rows: &impl Fn(usize) -> H::Rows,
        hand: H,
    ) -> Result<Consumer<'i, H>, ImportError> {
        let mut consumer = Consumer {
            line: header.line,
            import: self,
            columns,
            summary: ImportSummary {
                unused_columns: columns.unused.clone(),
                ..ImportSummary::default()
            },
            keep: self.options.keep_errors.unwrap_or(1000),
            exact: header.exact,
            state: ReadState::default(),
            hand,
        };
        if let Some(block) = header.rest {
            let done = self.parse(
                (block, consumer.line),
                columns,
                &mut ReadState::default(),
                new_rows,
            );
            consumer.take(done)?;
        }
        Ok(consumer)
    }

    /// Reads the header with the exact reader: the columns, and where the
    /// data starts.
    fn header<R: Read>(
        &self,
        splitter: &mut Splitter<R>,
    ) -> Result<(Columns, Header), ImportError> {
        let mut exact = Exact::new(self.limits.1);
        let mut line = 1;
        let mut first = true;
        let (names, rest) = loop {
            let block = match splitter.next_block(Vec::new()) {
                Ok(block) => block,
                Err(Stop::Io(e)) => {
                    return Err(ImportError::Unreadable {
                        file: self.file.clone(),
                        message: e.to_string(),
                    });
                }
                Err(Stop::Overlong(run)) => {
                    if first && let Some(problem) = byte_order_mark(&run) {
                        return Err(self.encoding(1, problem));
                    }
                    return Err(self.too_long(exact.overlong(line, &run), true));
                }
            };
            let Some(block) = block else {
                break (Vec::new(), None);
            };
            if first && let Some(problem) = byte_order_mark(&block.bytes) {
                return Err(self.encoding(1, problem));
            }
            first = false;
            let mut pos = 0;
            let names = match exact.next(&block.bytes, &mut pos, &mut line, block.last) {
                None => None,
                Some(Err(too_long)) => return Err(self.too_long(too_long, true)),
                Some(Ok((header, at))) => {
                    Some(header_names(header.iter()).map_err(|p| self.encoding(at, p))?)
                }
            };
            if let Some(names) = names {
                let mut rest = block;
                rest.bytes.drain(..pos.min(rest.bytes.len()));
                break (names, Some(rest));
            }
            if block.last {
                break (Vec::new(), None);
            }
        };
        let columns = self.columns(names)?;
        splitter.set_limit(self.limits.0);
        exact.set_limit(self.limits.0);
        Ok((columns, Header { exact, rest, line }))
    }

    /// Reads a block with the fast reader, or hands it back as it is where
    /// that reader cannot read it.
    /// `base` is the line the block starts on, where `P` needs it.
    fn parse<P: Rows>(
        &self,
        (block, base): (Block, u64),
        columns: &Columns,
        state: &mut ReadState,
        new_rows: &impl Fn(usize) -> P,
    ) -> Done<P> {
        let Block { seq, bytes, last } = block;
        let done = |read| Done { seq, last, read };
        if self.mode == ReadMode::ExactOnly {
            return done(Err(bytes));
        }
        let Ok(text) = simdutf8::basic::from_utf8(&bytes) else {
            return done(Err(bytes));
        };
        state.labels.start(seq);
        let mut arena = String::new();
        let mut specials = Specials::new(text.as_bytes());
        let mut rows = new_rows(state.rows);
        let mut good = 0;
        let mut errors = Vec::new();
        let mut pos = 0;
        // Lines count from the block's start; the consumer knows where it is.
        let mut at = 0;
        // Whether the last record read was a good row.
        let mut last_good = false;
        loop {
            at += skip_line_ends(text.as_bytes(), &mut pos);
            if pos >= text.len() {
                break;
            }
            let Ok(split) = split_record(text, pos, (&mut state.spans, &mut arena, &mut specials))
            else {
                return done(Err(bytes));
            };
            // A record's contents and fields never exceed its bytes and one
            // more field: only one that might be over the limit goes to the
            // exact reader, which decides.
            if split.next.saturating_sub(pos) >= self.limits.0 {
                return done(Err(bytes));
            }
            let record = FastRecord {
                block: text,
                arena: &arena,
                spans: &state.spans,
                line_break: split.line_break,
                len: split.next.saturating_sub(pos),
            };
            if !blank(&record) {
                match self.row(record, columns, at, (&mut state.labels, &mut state.cache)) {
                    // By reference: the row is not copied out of the result.
                    Ok(ref row) => {
                        // The caches compared this row with the one read
                        // before it: what they share holds where that row
                        // was good.
                        let same = Same {
                            labels: last_good && state.labels.same,
                            assessment: last_good && state.cache.same,
                        };
                        match rows.take(row, (text, &arena), base, same) {
                            Ok(()) => {
                                good += 1;
                                last_good = true;
                            }
                            Err(what) => {
                                errors.push((good, internal(&self.file, at, what)));
                                last_good = false;
                            }
                        }
                    }
                    Err(error) => {
                        errors.push((good, error));
                        last_good = false;
                    }
                }
            }
            at += split.lines;
            pos = split.next;
        }
        let unknown = state.labels.start(seq);
        state.rows = state.rows.max(good);
        done(Ok(Parsed {
            bytes,
            arena,
            rows,
            good,
            errors,
            unknown,
            lines: at,
        }))
    }

    /// Counts one row's outcome; in a strict import, the first failure stops.
    pub(crate) fn tally(
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

    pub(crate) fn columns(&self, names: Vec<String>) -> Result<Columns, ImportError> {
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
            Ok(Columns::new(positions, names.len(), unused))
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
    fn check_shape<'r>(
        &self,
        record: &impl Fields<'r>,
        columns: &Columns,
        line: u64,
    ) -> Result<(), ImportError> {
        if let Some((i, bytes)) = record
            .longer_than(MAX_FIELD_BYTES)
            .and_then(|i| record.raw(i).map(|f| (i, f)))
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
        if record.line_break()
            && let Some(i) = (0..record.count()).find(|&i| {
                record.raw(i).is_some_and(|f| {
                    f.contains(&b'\n')
                        && (f.split(|&b| b == b',').count() - 1) >= EXPORT_COLUMNS.len() - 1
                })
            })
        {
            return Err(ImportError::Malformed {
                file: self.file.clone(),
                line,
                message: format!(
                    "field {} runs over a line break and holds what look like further rows: an unbalanced quote?",
                    i + 1
                ),
            });
        }
        if record.count() != columns.width {
            return Err(ImportError::Malformed {
                file: self.file.clone(),
                line,
                message: format!(
                    "{} fields, but the header has {}",
                    record.count(),
                    columns.width
                ),
            });
        }
        Ok(())
    }

    pub(crate) fn row<'r>(
        &self,
        record: impl Fields<'r> + Copy,
        columns: &Columns,
        line: u64,
        (labels, cache): (&mut Labels, &mut AssessmentCache),
    ) -> Result<ExportRowRef<'r>, ImportError> {
        let field = |i: usize| -> Result<&'r str, ImportError> {
            let position = columns.positions.get(i).copied().unwrap_or(usize::MAX);
            match record.text(position) {
                Some(Ok(text)) => Ok(crate::split::trim(text)),
                _ => Err(self.field_error(&record, i, position, line)),
            }
        };
        let bad = |i: usize, value: &str, expected: &'static str| ImportError::BadValue {
            file: self.file.clone(),
            line,
            column: EXPORT_COLUMNS.get(i).copied().unwrap_or("?").to_owned(),
            value: quoted(value),
            expected,
        };
        self.check_shape(&record, columns, line)?;
        // The columns the row holds as text, found in one loop; the
        // assessment's are read only when it is not the last row's.
        let mut texts = [""; 10];
        for (text, i) in texts.iter_mut().zip([0, 1, 2, 3, 4, 5, 6, 7, 10, 13]) {
            let position = columns.positions.get(i).copied().unwrap_or(usize::MAX);
            match record.text(position) {
                Some(Ok(found)) => *text = crate::split::trim(found),
                _ => return Err(self.field_error(&record, i, position, line)),
            }
        }
        let [
            country_label,
            cluster,
            point,
            question_label,
            question,
            kind,
            value,
            tags,
            factory_name,
            tool,
        ] = texts;
        let (country, cluster_key, point_key) = labels.resolve(
            (
                columns.raw_span(&record, Of::Labels),
                columns.tokens(&record, [0, 1, 2]),
            ),
            (country_label, cluster, point),
        );
        let (question_type, non_compliant) =
            finding(kind, value).map_err(|(i, v, e)| bad(i, &v, e))?;
        if question.is_empty() {
            return Err(bad(4, question, "a question ID"));
        }
        let not_a_date = |value: &str| ImportError::NotADate {
            file: self.file.clone(),
            line,
            column: EXPORT_COLUMNS.get(11).copied().unwrap_or("?").to_owned(),
            value: quoted(value),
        };
        cache.same = Self::assessment_fields(&record, columns, cache, &field, (&bad, &not_a_date))?;
        // Read where the cache keeps them (two 65-byte identifiers), not
        // copied out and back on every row.
        let Some(&(assessment, factory, start, cycle)) = cache.value.as_ref() else {
            // `assessment_fields` keeps the row's assessment or fails.
            return Err(ImportError::Malformed {
                file: self.file.clone(),
                line,
                message: "internal error: the row's assessment was not kept".to_owned(),
            });
        };
        Ok(ExportRowRef {
            line,
            country: Labelled::new(country, country_label),
            cluster: Labelled::new(cluster_key, cluster),
            point: Labelled::new(point_key, point),
            question_label,
            // Better Work numbers its questions its own way: an export's
            // question IDs are not the catalogue's, and are not looked up.
            question: Labelled::unknown(question),
            question_type,
            non_compliant,
            public: public(tags),
            assessment,
            factory,
            // The same bytes hold the same name.
            obsolete: if cache.same {
                cache.name.1
            } else {
                cache.obsolete(factory_name)
            },
            factory_name,
            start,
            cycle,
            tool,
        })
    }

    /// Why column `i` (field `position`) of a record cannot be read: missing,
    /// or not UTF-8.
    #[cold]
    fn field_error<'r>(
        &self,
        record: &impl Fields<'r>,
        i: usize,
        position: usize,
        line: u64,
    ) -> ImportError {
        let name = EXPORT_COLUMNS.get(i).copied().unwrap_or("?");
        match record.raw(position) {
            None => ImportError::Malformed {
                file: self.file.clone(),
                line,
                message: format!(
                    "{} fields, but column {name} is field {}",
                    record.count(),
                    position + 1
                ),
            },
            Some(raw) => ImportError::BadValue {
                file: self.file.clone(),
                line,
                column: name.to_owned(),
                value: quoted(&String::from_utf8_lossy(raw)),
                expected: "UTF-8 text (save the file as UTF-8)",
            },
        }
    }

    /// Keeps the assessment, factory, start date and cycle of a row in
    /// `cache`: parsed once per assessment, since an export's rows come
    /// grouped by assessment. True where the row's bytes from the first to
    /// the last of those fields, the factory name and the tool are those of
    /// the row that set the cache's range last (so are the name and tool).
    fn assessment_fields<'r>(
        record: &impl Fields<'r>,
        columns: &Columns,
        cache: &mut AssessmentCache,
        field: &impl Fn(usize) -> Result<&'r str, ImportError>,
        (bad, not_a_date): (
            &impl Fn(usize, &str, &'static str) -> ImportError,
            &impl Fn(&str) -> ImportError,
        ),
    ) -> Result<bool, ImportError> {
        let raw = |i: usize| {
            columns
                .positions
                .get(i)
                .and_then(|&p| record.raw(p))
                .unwrap_or_default()
        };
        let tokens = columns.tokens(record, [8, 9, 11, 12]);
        if tokens.is_some() && cache.tokens == tokens && cache.value.is_some() {
            return Ok(false);
        }
        let range = columns.raw_span(record, Of::Assessment);
        if let Some(range) = range
            && cache.value.is_some()
            && range == cache.range.as_slice()
        {
            cache.tokens = tokens;
            return Ok(true);
        }
        let same = {
            let mut offset = 0;
            [8_usize, 9, 11, 12].iter().all(|&i| {
                let raw = raw(i);
                let matches = cache.key.get(offset..offset + raw.len()) == Some(raw)
                    && cache.key.get(offset + raw.len()) == Some(&0xff);
                offset += raw.len() + 1;
                matches
            }) && offset == cache.key.len()
        };
        if same && cache.value.is_some() {
            cache.tokens = tokens;
            cache.range.clear();
            cache.range.extend_from_slice(range.unwrap_or_default());
            return Ok(false);
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
        let start = day_month_year(date).map_err(|form| match form {
            DateForm::Wrong => bad(11, date, "a date as dd/mm/yyyy"),
            DateForm::NoSuchDay => not_a_date(date),
        })?;
        let cycle = field(12)?;
        let cycle = cycle
            .parse::<u16>()
            .ok()
            .filter(|c| *c >= 1)
            .ok_or_else(|| bad(12, cycle, "a cycle number from 1"))?;
        cache.key.clear();
        for i in [8_usize, 9, 11, 12] {
            cache.key.extend_from_slice(raw(i));
            cache.key.push(0xff);
        }
        cache.range.clear();
        cache.range.extend_from_slice(range.unwrap_or_default());
        cache.tokens = tokens;
        cache.value = Some((assessment, factory, start, cycle));
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Resolves a row's labels, with the bytes they came from.
    fn resolve(labels: &mut Labels, bytes: &str, (country, cluster, point): (&str, &str, &str)) {
        labels.resolve((Some(bytes.as_bytes()), None), (country, cluster, point));
    }

    #[test]
    fn an_unknown_label_is_reported_in_every_block_it_appears_in() {
        let mut labels = Labels::default();
        let row = ("Atlantis", "Working Time", "Overtime");
        let known = ("Viet Nam", "Working Time", "Overtime");
        labels.start(1);
        resolve(&mut labels, "Atlantis,Working Time,Overtime", row);
        resolve(&mut labels, "Viet Nam,Working Time,Overtime", known);
        assert_eq!(labels.start(2).countries, ["Atlantis"]);
        // The same bytes again in the next block: looked up again, and
        // reported again.
        resolve(&mut labels, "Atlantis,Working Time,Overtime", row);
        resolve(&mut labels, "Viet Nam,Working Time,Overtime", known);
        resolve(&mut labels, "Atlantis,Working Time,Overtime", row);
        assert_eq!(labels.start(3).countries, ["Atlantis"]);
        assert!(labels.start(4).countries.is_empty());
    }

    #[test]
    fn the_known_ranges_are_bounded() {
        let mut labels = Labels::default();
        labels.start(1);
        // Ever new spellings of known labels (spaces before them), taking
        // turns so that each row's labels differ from the last row's.
        for i in 0..KNOWN_RANGES.0 + 100 {
            let (name, keys) = if i % 2 == 0 {
                ("Viet Nam", ("Viet Nam", "Working Time", "Overtime"))
            } else {
                ("Cambodia", ("Cambodia", "Working Time", "Overtime"))
            };
            let bytes = format!("{}{name},Working Time,Overtime", " ".repeat(i % 200));
            let bytes = format!("{}{bytes}", "\t".repeat(i / 200));
            resolve(&mut labels, &bytes, keys);
        }
        assert_eq!(labels.known.len(), KNOWN_RANGES.0);
        assert!(labels.start(2).countries.is_empty());
        // A long spelling is looked up, not kept.
        let mut labels = Labels::default();
        let long = format!(
            "{}Viet Nam,Working Time,Overtime",
            " ".repeat(KNOWN_RANGES.1)
        );
        resolve(&mut labels, &long, ("Viet Nam", "Working Time", "Overtime"));
        assert!(labels.known.is_empty());
    }
}
