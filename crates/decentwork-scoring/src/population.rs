//! Non-compliance rates over many assessments, as Better Work's analysts
//! compute them: CP non-compliance rate = factories non-compliant on the CP /
//! factories assessed on it, over a chosen population.
//!
//! A [`Population`] holds one compact summary per assessment: which compliance
//! points (and questions) were assessed and which were non-compliant. Points
//! and questions are keyed by label, so rates also work on labels the
//! catalogue does not know (as found in exports); known labels map onto the
//! catalogue through its lax lookup.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use chrono::{Datelike, NaiveDate};
use decentwork_catalogue::{Cluster, CompliancePoint, Question, QuestionKind, Tag};
use decentwork_model::{Assessment, AssessmentId, Country, FactoryId, Outcome};

use crate::Tally;
use crate::dense::DenseAssessment;

/// A growable bitset: the first 128 bits inline, the rest on the heap.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
struct Bits {
    low: u128,
    high: Vec<u64>,
}

impl Bits {
    fn set(&mut self, index: usize) {
        if let Some(bit) = u32::try_from(index)
            .ok()
            .filter(|i| *i < 128)
            .and_then(|i| 1_u128.checked_shl(i))
        {
            self.low |= bit;
            return;
        }
        let rest = index - 128;
        let word = rest / 64;
        if self.high.len() <= word {
            self.high.resize(word + 1, 0);
        }
        if let Some(w) = self.high.get_mut(word) {
            *w |= 1_u64 << (rest % 64);
        }
    }

    fn get(&self, index: usize) -> bool {
        if index < 128 {
            return u32::try_from(index)
                .ok()
                .and_then(|i| self.low.checked_shr(i))
                .is_some_and(|b| b & 1 == 1);
        }
        let rest = index - 128;
        self.high
            .get(rest / 64)
            .is_some_and(|w| (w >> (rest % 64)) & 1 == 1)
    }

    /// The indexes of set bits, ascending.
    fn ones(&self) -> impl Iterator<Item = usize> + '_ {
        let mut low = self.low;
        let low = std::iter::from_fn(move || {
            if low == 0 {
                return None;
            }
            let bit = low.trailing_zeros();
            low &= low - 1;
            usize::try_from(bit).ok()
        });
        let high = self.high.iter().enumerate().flat_map(|(w, &word)| {
            let mut word = word;
            std::iter::from_fn(move || {
                if word == 0 {
                    return None;
                }
                let bit = word.trailing_zeros();
                word &= word - 1;
                usize::try_from(bit).ok().map(|b| 128 + w * 64 + b)
            })
        });
        low.chain(high)
    }
}

/// A compliance point as a population knows it: a catalogue point, or a label
/// from an export that the catalogue does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PointLabel {
    name: String,
    cluster: String,
    catalogue: Option<CompliancePoint>,
}

/// A question as a population knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct QuestionLabel {
    id: String,
    text: String,
    point: usize,
    public: bool,
}

/// One assessment in a population.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Summary {
    factory: u32,
    assessment: AssessmentId,
    country: Option<Country>,
    start: NaiveDate,
    cycle: u16,
    obsolete: bool,
    points_assessed: Bits,
    points_non_compliant: Bits,
    questions_assessed: Bits,
    questions_non_compliant: Bits,
}

/// One row of a long-format assessment export: one question of one assessment.
#[allow(
    clippy::struct_excessive_bools,
    reason = "mirrors the export's columns, one flag each"
)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct FindingRow {
    /// The factory (`Factory.Assessed.ID`).
    pub factory: FactoryId,
    /// Whether the factory is marked obsolete.
    pub obsolete: bool,
    /// The assessment (`Quest.ID`).
    pub assessment: AssessmentId,
    /// The country, if known.
    pub country: Option<Country>,
    /// The assessment's start date.
    pub start: NaiveDate,
    /// The factory's cycle.
    pub cycle: u16,
    /// The cluster label as exported.
    pub cluster: String,
    /// The compliance point label as exported.
    pub point: String,
    /// The question's ID as exported.
    pub question: String,
    /// The question's text as exported (`Q.Label`), if any.
    pub question_label: String,
    /// Whether the question counts (a non-compliance question, not fact-gathering).
    pub counts: bool,
    /// The finding: `true` non-compliant.
    pub non_compliant: bool,
    /// Whether the question is tagged for public disclosure.
    pub public: bool,
}

/// A [`FindingRow`] that borrows its texts: what [`Population::add`] takes,
/// so that millions of export rows go in without an allocation each.
#[allow(
    clippy::struct_excessive_bools,
    reason = "mirrors the export's columns, one flag each"
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct FindingRecord<'a> {
    /// The factory.
    pub factory: FactoryId,
    /// Whether the factory is marked obsolete.
    pub obsolete: bool,
    /// The assessment.
    pub assessment: AssessmentId,
    /// The country, if known.
    pub country: Option<Country>,
    /// The assessment's start date.
    pub start: NaiveDate,
    /// The factory's cycle.
    pub cycle: u16,
    /// The cluster label.
    pub cluster: &'a str,
    /// The compliance point label.
    pub point: &'a str,
    /// The question's ID.
    pub question: &'a str,
    /// The question's text, if any.
    pub question_label: &'a str,
    /// Whether the question counts.
    pub counts: bool,
    /// The finding: `true` non-compliant.
    pub non_compliant: bool,
    /// Whether the question is tagged for public disclosure.
    pub public: bool,
}

impl FindingRecord<'_> {
    /// A counted, compliant record with empty labels; set the fields you have.
    #[must_use]
    pub fn new(factory: FactoryId, assessment: AssessmentId, start: NaiveDate, cycle: u16) -> Self {
        Self {
            factory,
            obsolete: false,
            assessment,
            country: None,
            start,
            cycle,
            cluster: "",
            point: "",
            question: "",
            question_label: "",
            counts: true,
            non_compliant: false,
            public: false,
        }
    }
}

impl FindingRow {
    /// The row as a borrowed record.
    #[must_use]
    pub fn as_record(&self) -> FindingRecord<'_> {
        FindingRecord {
            factory: self.factory,
            obsolete: self.obsolete,
            assessment: self.assessment,
            country: self.country,
            start: self.start,
            cycle: self.cycle,
            cluster: &self.cluster,
            point: &self.point,
            question: &self.question,
            question_label: &self.question_label,
            counts: self.counts,
            non_compliant: self.non_compliant,
            public: self.public,
        }
    }
}

/// Counts of what a population left out, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct PopulationNotes {
    /// Exact duplicate rows (or assessments added twice), ignored.
    pub duplicates_ignored: u64,
    /// Rows for a question already seen in the same assessment with another
    /// finding: counted as non-compliant if either is.
    pub conflicting_rows: u64,
    /// Fact-gathering rows, never counted.
    pub fact_gathering_rows: u64,
    /// Point labels the catalogue does not know (rates use the export's label).
    pub unknown_point_labels: u64,
}

/// Many assessments, summarised for rates.
#[derive(Debug, Clone, Default)]
pub struct Population {
    points: Vec<PointLabel>,
    point_index: FxHashMap<String, usize>,
    /// Point keys by label exactly as given, so each label is resolved once.
    raw_point_index: FxHashMap<String, usize>,
    /// The last point label added and its key: rows come grouped by point.
    last_point: Option<(String, usize)>,
    questions: Vec<QuestionLabel>,
    question_index: FxHashMap<String, usize>,
    factories: Vec<FactoryId>,
    factory_index: FxHashMap<FactoryId, u32>,
    assessments: Vec<Summary>,
    assessment_index: FxHashMap<AssessmentId, usize>,
    notes: PopulationNotes,
}

/// A span of months, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct MonthWindow {
    /// First month, as (year, month).
    pub from: (i32, u32),
    /// Last month, as (year, month).
    pub to: (i32, u32),
}

impl MonthWindow {
    /// The months from `from` to `to`, both included.
    #[must_use]
    pub const fn new(from: (i32, u32), to: (i32, u32)) -> Self {
        Self { from, to }
    }

    /// Whether `date` falls in the window.
    #[must_use]
    pub fn contains(self, date: NaiveDate) -> bool {
        let month = (date.year(), date.month());
        self.from <= month && month <= self.to
    }
}

/// Which assessments a rate is computed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Selection {
    /// The latest assessment of each factory whose start date is in the window.
    LatestInWindow(MonthWindow),
    /// Every assessment of this cycle, optionally inside a window.
    Cycle {
        /// The cycle.
        cycle: u16,
        /// The window, if any.
        window: Option<MonthWindow>,
    },
    /// Factories that reached this cycle, with one assessment for every cycle
    /// from 1 to it (the latest, if a cycle has several).
    BalancedPanel {
        /// The last cycle every factory must have.
        cycles: u16,
        /// Only assessments starting in this window count, if given.
        window: Option<MonthWindow>,
    },
    /// Every assessment.
    All,
}

/// What a rate row is grouped by; any combination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum GroupBy {
    /// The factory's country.
    Country,
    /// The assessment's cycle.
    Cycle,
    /// The cluster: a factory counts as non-compliant in a cluster if any of
    /// its points there is.
    Cluster,
    /// The compliance point.
    Point,
}

/// Options for comparing across tool versions and cleaning populations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct RateOptions {
    /// Merge the child-labour worst-forms points (and the legacy "Hazardous
    /// Work") into one, as analysts do for trends across tool versions.
    pub merge_worst_forms: bool,
    /// Read the legacy "Systems" cluster as Occupational Safety and Health.
    pub systems_as_osh: bool,
    /// Leave out factories marked obsolete.
    pub exclude_obsolete: bool,
}

impl RateOptions {
    /// The options analysts use for trends: merge the worst forms, read
    /// "Systems" as OSH, leave out obsolete factories.
    #[must_use]
    pub fn for_trends() -> Self {
        Self {
            merge_worst_forms: true,
            systems_as_osh: true,
            exclude_obsolete: true,
        }
    }
}

/// One row of a rate table.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct RateRow {
    /// The country, when grouped by country.
    pub country: Option<Country>,
    /// The cycle, when grouped by cycle.
    pub cycle: Option<u16>,
    /// The cluster, when grouped by cluster or point.
    pub cluster: Option<String>,
    /// The compliance point, when grouped by point.
    pub point: Option<String>,
    /// Factories non-compliant out of factories assessed.
    pub factories: Tally,
}

/// A rate table and the population behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct RateTable {
    /// Which assessments were used.
    pub selection: Selection,
    /// The options applied.
    pub options: RateOptions,
    /// The grouping.
    pub group_by: Vec<GroupBy>,
    /// Assessments selected.
    pub assessments: u64,
    /// Distinct factories among them.
    pub factories: u64,
    /// Assessments left out because their factory is obsolete.
    pub excluded_obsolete: u64,
    /// What the population itself left out.
    pub notes: PopulationNotes,
    /// The rows, sorted by their group keys.
    pub rows: Vec<RateRow>,
}

/// One row of question-level rates.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct QuestionRate {
    /// The question's ID.
    pub question: String,
    /// Its text as given (export label or catalogue template).
    pub text: String,
    /// Its compliance point's label.
    pub point: String,
    /// Its cluster's label.
    pub cluster: String,
    /// Whether it is tagged for public disclosure.
    pub public: bool,
    /// Factories non-compliant on it out of factories assessed on it.
    pub factories: Tally,
}

/// The cluster label "Systems" of older exports.
const SYSTEMS: &str = "systems";

impl Population {
    /// An empty population.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// What the population left out while being built.
    #[must_use]
    pub fn notes(&self) -> PopulationNotes {
        self.notes
    }

    /// The number of assessments.
    #[must_use]
    pub fn len(&self) -> usize {
        self.assessments.len()
    }

    /// Whether there is no assessment.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.assessments.is_empty()
    }

    fn point_key(&mut self, cluster: &str, label: &str) -> usize {
        if let Some((last, key)) = &self.last_point
            && last == label
        {
            return *key;
        }
        let key = if let Some(&key) = self.raw_point_index.get(label) {
            key
        } else {
            let key = self.resolve_point(cluster, label);
            self.raw_point_index.insert(label.to_owned(), key);
            key
        };
        let last = self.last_point.get_or_insert_with(|| (String::new(), key));
        label.clone_into(&mut last.0);
        last.1 = key;
        key
    }

    fn resolve_point(&mut self, cluster: &str, label: &str) -> usize {
        let catalogue = CompliancePoint::lookup(label).ok();
        let name = catalogue.map_or_else(|| label.trim().to_owned(), |cp| cp.name().to_owned());
        if let Some(&key) = self.point_index.get(&name) {
            return key;
        }
        if catalogue.is_none() {
            self.notes.unknown_point_labels += 1;
        }
        // A legacy "Systems" cluster is kept as such (the catalogue's alias would
        // read it as OSH); `RateOptions::systems_as_osh` does that when asked.
        let cluster = match catalogue {
            Some(cp) => cp.cluster().name().to_owned(),
            None if cluster.trim().eq_ignore_ascii_case(SYSTEMS) => "Systems".to_owned(),
            None => Cluster::lookup(cluster)
                .map_or_else(|_| cluster.trim().to_owned(), |c| c.name().to_owned()),
        };
        self.points.push(PointLabel {
            name: name.clone(),
            cluster,
            catalogue,
        });
        self.point_index.insert(name, self.points.len() - 1);
        self.points.len() - 1
    }

    fn question_key(&mut self, id: &str, text: &str, point: usize, public: bool) -> usize {
        if let Some(&key) = self.question_index.get(id) {
            if let Some(q) = self.questions.get_mut(key) {
                q.public |= public;
                if q.text.is_empty() && !text.is_empty() {
                    text.clone_into(&mut q.text);
                }
            }
            return key;
        }
        self.questions.push(QuestionLabel {
            id: id.to_owned(),
            text: text.to_owned(),
            point,
            public,
        });
        self.question_index
            .insert(id.to_owned(), self.questions.len() - 1);
        self.questions.len() - 1
    }

    fn summary(&mut self, row: &FindingRecord<'_>) -> usize {
        // Rows of one assessment usually come together.
        if let Some(last) = self.assessments.len().checked_sub(1)
            && self
                .assessments
                .get(last)
                .is_some_and(|s| s.assessment == row.assessment)
        {
            return last;
        }
        if let Some(&i) = self.assessment_index.get(&row.assessment) {
            return i;
        }
        let next = u32::try_from(self.factories.len()).unwrap_or(u32::MAX);
        let factory = *self.factory_index.entry(row.factory).or_insert(next);
        if factory == next {
            self.factories.push(row.factory);
        }
        self.assessments.push(Summary {
            factory,
            assessment: row.assessment,
            country: row.country,
            start: row.start,
            cycle: row.cycle,
            obsolete: row.obsolete,
            points_assessed: Bits::default(),
            points_non_compliant: Bits::default(),
            questions_assessed: Bits::default(),
            questions_non_compliant: Bits::default(),
        });
        self.assessment_index
            .insert(row.assessment, self.assessments.len() - 1);
        self.assessments.len() - 1
    }

    /// Adds one export row. An exact repeat of a row already added is ignored
    /// and counted; a row for a question already seen in the same assessment
    /// with a different finding counts as non-compliant if either is, and is
    /// counted as a conflict. Fact-gathering rows are counted and never used.
    pub fn add_row(&mut self, row: &FindingRow) {
        self.add(&row.as_record());
    }

    /// Like [`Population::add_row`], for a borrowed record (no allocation
    /// unless the record brings a label not seen before).
    pub fn add(&mut self, row: &FindingRecord<'_>) {
        let point = self.point_key(row.cluster, row.point);
        let question = self.question_key(row.question, row.question_label, point, row.public);
        let index = self.summary(row);
        if !row.counts {
            self.notes.fact_gathering_rows += 1;
            return;
        }
        let Some(summary) = self.assessments.get_mut(index) else {
            return;
        };
        if summary.questions_assessed.get(question) {
            if summary.questions_non_compliant.get(question) == row.non_compliant {
                self.notes.duplicates_ignored += 1;
                return;
            }
            self.notes.conflicting_rows += 1;
        }
        summary.questions_assessed.set(question);
        summary.points_assessed.set(point);
        if row.non_compliant {
            summary.questions_non_compliant.set(question);
            summary.points_non_compliant.set(point);
        }
    }

    /// Adds a model assessment, scored with the Better Work rule. Findings the
    /// catalogue does not know are left out (score the assessment to see them
    /// as diagnostics). An assessment added twice is ignored and counted.
    pub fn add_assessment(
        &mut self,
        assessment: &Assessment,
        country: Option<Country>,
        obsolete: bool,
    ) {
        if self.assessment_index.contains_key(&assessment.id) {
            self.notes.duplicates_ignored += 1;
            return;
        }
        let dense = DenseAssessment::from_assessment(assessment);
        for finding in dense.findings() {
            let Some(q) = Question::at(finding.question) else {
                continue;
            };
            if !finding.outcome.is_assessed() {
                continue;
            }
            let cp = q.compliance_point();
            self.add_row(&FindingRow {
                factory: assessment.factory,
                obsolete,
                assessment: assessment.id,
                country,
                start: assessment.start,
                cycle: assessment.cycle,
                cluster: cp.cluster().name().to_owned(),
                point: cp.name().to_owned(),
                question: q.id().to_owned(),
                question_label: q.template().to_owned(),
                counts: q.kind() == QuestionKind::NonCompliance,
                non_compliant: finding.outcome == Outcome::NonCompliant,
                public: q.has_tag(Tag::PublicDisclosure),
            });
        }
        if !self.assessment_index.contains_key(&assessment.id) {
            // No countable finding: still part of the population, assessing nothing.
            let row = FindingRow {
                factory: assessment.factory,
                obsolete,
                assessment: assessment.id,
                country,
                start: assessment.start,
                cycle: assessment.cycle,
                cluster: String::new(),
                point: String::new(),
                question: String::new(),
                question_label: String::new(),
                counts: false,
                non_compliant: false,
                public: false,
            };
            self.summary(&row.as_record());
        }
    }

    /// Registers every catalogue point, in the tool's order, so that point keys
    /// equal catalogue indexes (needed by [`Population::add_point_bits`]).
    fn catalogue_points(&mut self) -> bool {
        let registered = self.points.len() >= CompliancePoint::count()
            && CompliancePoint::all()
                .zip(&self.points)
                .all(|(cp, label)| label.catalogue == Some(cp));
        if registered || !self.points.is_empty() {
            return registered;
        }
        for cp in CompliancePoint::all() {
            self.point_key(cp.cluster().name(), cp.name());
        }
        true
    }

    /// Adds an assessment already reduced to point bits (the fast path for
    /// millions of assessments scored with
    /// [`DenseAssessment::point_bits`](crate::DenseAssessment::point_bits)).
    /// Question-level rates do not see these assessments. An assessment added
    /// twice is ignored and counted.
    ///
    /// Returns `false`, adding nothing, when export labels were added first in
    /// an order that does not match the catalogue's (add point bits first).
    pub fn add_point_bits(
        &mut self,
        assessment: &PointBitsAssessment,
        bits: crate::PointBits,
    ) -> bool {
        if !self.catalogue_points() {
            return false;
        }
        if self.assessment_index.contains_key(&assessment.assessment) {
            self.notes.duplicates_ignored += 1;
            return true;
        }
        let mut row = FindingRow::new(
            assessment.factory,
            assessment.assessment,
            assessment.start,
            assessment.cycle,
        );
        row.country = assessment.country;
        row.obsolete = assessment.obsolete;
        let index = self.summary(&row.as_record());
        if let Some(summary) = self.assessments.get_mut(index) {
            summary.points_assessed.low = bits.assessed;
            summary.points_non_compliant.low = bits.non_compliant;
        }
        true
    }

    /// The assessments `selection` picks, as indexes, after `options`.
    fn select(&self, selection: Selection, options: RateOptions) -> (Vec<usize>, u64) {
        let mut excluded = 0;
        let mut candidates: Vec<usize> = (0..self.assessments.len())
            .filter(|&i| {
                let keep = self
                    .assessments
                    .get(i)
                    .is_some_and(|s| !(options.exclude_obsolete && s.obsolete));
                excluded += u64::from(!keep);
                keep
            })
            .collect();
        let key = |i: &usize| {
            self.assessments
                .get(*i)
                .map(|s| (s.factory, s.start, s.cycle, s.assessment))
        };
        match selection {
            Selection::All => {}
            Selection::Cycle { cycle, window } => candidates.retain(|&i| {
                self.assessments
                    .get(i)
                    .is_some_and(|s| s.cycle == cycle && window.is_none_or(|w| w.contains(s.start)))
            }),
            Selection::LatestInWindow(window) => {
                candidates.retain(|&i| {
                    self.assessments
                        .get(i)
                        .is_some_and(|s| window.contains(s.start))
                });
                candidates.sort_by_key(key);
                let mut latest: Vec<usize> = Vec::new();
                for i in candidates {
                    let same = latest
                        .last()
                        .and_then(|&l| self.assessments.get(l))
                        .map(|s| s.factory)
                        == self.assessments.get(i).map(|s| s.factory);
                    if same {
                        if let Some(last) = latest.last_mut() {
                            *last = i;
                        }
                    } else {
                        latest.push(i);
                    }
                }
                candidates = latest;
            }
            Selection::BalancedPanel { cycles, window } => {
                candidates.retain(|&i| {
                    self.assessments.get(i).is_some_and(|s| {
                        s.cycle >= 1
                            && s.cycle <= cycles
                            && window.is_none_or(|w| w.contains(s.start))
                    })
                });
                candidates.sort_by_key(|i| {
                    self.assessments
                        .get(*i)
                        .map(|s| (s.factory, s.cycle, s.start, s.assessment))
                });
                let mut panel = Vec::new();
                let mut start = 0;
                while start < candidates.len() {
                    let factory = candidates
                        .get(start)
                        .and_then(|&i| self.assessments.get(i))
                        .map(|s| s.factory);
                    let end = candidates
                        .iter()
                        .skip(start)
                        .position(|&i| self.assessments.get(i).map(|s| s.factory) != factory)
                        .map_or(candidates.len(), |p| start + p);
                    // The latest assessment of each cycle of this factory.
                    let mut per_cycle: Vec<usize> = Vec::new();
                    for &i in candidates.get(start..end).unwrap_or_default() {
                        let cycle = self.assessments.get(i).map(|s| s.cycle);
                        match per_cycle.last_mut() {
                            Some(last) if self.assessments.get(*last).map(|s| s.cycle) == cycle => {
                                *last = i;
                            }
                            _ => per_cycle.push(i),
                        }
                    }
                    if per_cycle.len() == usize::from(cycles) {
                        panel.extend(per_cycle);
                    }
                    start = end;
                }
                candidates = panel;
            }
        }
        candidates.sort_by_key(key);
        (candidates, excluded)
    }

    /// The point group a point counts in, after the options.
    fn point_group(&self, point: usize, options: RateOptions) -> (String, String) {
        let label = self.points.get(point);
        let cluster = label.map_or_else(String::new, |p| {
            if options.systems_as_osh && p.cluster == "Systems" {
                Cluster::from_id("OSH").map_or_else(|_| p.cluster.clone(), |c| c.name().to_owned())
            } else {
                p.cluster.clone()
            }
        });
        let name = label.map_or_else(String::new, |p| {
            let merged = options.merge_worst_forms
                && p.catalogue
                    .and_then(CompliancePoint::trend_group)
                    .is_some_and(|g| g == "CL.WORST");
            if merged {
                WORST_FORMS.to_owned()
            } else {
                p.name.clone()
            }
        });
        (cluster, name)
    }

    /// Compliance-point non-compliance rates over `selection`, grouped by
    /// `group_by`. Each row counts factories (one selected assessment each):
    /// non-compliant on the point (or, grouped by cluster without point, on any
    /// point of the cluster; grouped by neither, on any point at all) out of
    /// those assessed on it.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use decentwork_scoring::{FindingRow, GroupBy, MonthWindow, Population, RateOptions, Selection};
    ///
    /// let mut population = Population::new();
    /// let row = |factory: &str, finding: bool| {
    ///     let mut row = FindingRow::new(
    ///         factory.parse().unwrap(), format!("{factory}-1").parse().unwrap(),
    ///         NaiveDate::from_ymd_opt(2024, 5, 2).unwrap(), 1,
    ///     );
    ///     row.cluster = "Working Time".into();
    ///     row.point = "Overtime".into();
    ///     row.question = "WT.OVERTIME.02".into();
    ///     row.non_compliant = finding;
    ///     row
    /// };
    /// population.add_row(&row("F1", true));
    /// population.add_row(&row("F2", false));
    /// let table = population.rates(
    ///     Selection::LatestInWindow(MonthWindow::new((2024, 1), (2024, 12))),
    ///     &[GroupBy::Point],
    ///     RateOptions::default(),
    /// );
    /// let overtime = table.rows.iter().find(|r| r.point.as_deref() == Some("Overtime")).unwrap();
    /// assert_eq!(overtime.factories.rate().unwrap().to_string(), "1/2");
    /// ```
    #[must_use]
    pub fn rates(
        &self,
        selection: Selection,
        group_by: &[GroupBy],
        options: RateOptions,
    ) -> RateTable {
        let (selected, excluded) = self.select(selection, options);
        let by = |g: GroupBy| group_by.contains(&g);
        // Each point's unit: the point group, its cluster, or one unit for all.
        let mut unit_labels: Vec<(Option<String>, Option<String>)> = Vec::new();
        let unit_of: Vec<usize> = (0..self.points.len())
            .map(|p| {
                let (cluster, name) = self.point_group(p, options);
                let label = match (by(GroupBy::Point), by(GroupBy::Cluster)) {
                    (true, _) => (Some(cluster), Some(name)),
                    (false, true) => (Some(cluster), None),
                    (false, false) => (None, None),
                };
                unit_labels
                    .iter()
                    .position(|l| *l == label)
                    .unwrap_or_else(|| {
                        unit_labels.push(label);
                        unit_labels.len() - 1
                    })
            })
            .collect();
        // Per assessment: 0 = not assessed, 1 = assessed, 2 = non-compliant.
        let mut scratch = vec![0_u8; unit_labels.len()];
        let mut touched: Vec<usize> = Vec::new();
        let mut cells: HashMap<(Option<Country>, Option<u16>), Vec<Tally>> = HashMap::new();
        let mut factories = std::collections::HashSet::new();
        for &i in &selected {
            let Some(s) = self.assessments.get(i) else {
                continue;
            };
            factories.insert(s.factory);
            for point in s.points_assessed.ones() {
                let Some(&unit) = unit_of.get(point) else {
                    continue;
                };
                let Some(slot) = scratch.get_mut(unit) else {
                    continue;
                };
                if *slot == 0 {
                    touched.push(unit);
                }
                *slot = (*slot).max(if s.points_non_compliant.get(point) {
                    2
                } else {
                    1
                });
            }
            let key = (
                if by(GroupBy::Country) {
                    s.country
                } else {
                    None
                },
                if by(GroupBy::Cycle) {
                    Some(s.cycle)
                } else {
                    None
                },
            );
            let tallies = cells
                .entry(key)
                .or_insert_with(|| vec![Tally::default(); unit_labels.len()]);
            for unit in touched.drain(..) {
                if let (Some(slot), Some(tally)) = (scratch.get_mut(unit), tallies.get_mut(unit)) {
                    tally.count(*slot == 2);
                    *slot = 0;
                }
            }
        }
        let mut rows: Vec<RateRow> = cells
            .into_iter()
            .flat_map(|((country, cycle), tallies)| {
                tallies
                    .into_iter()
                    .zip(unit_labels.clone())
                    .filter(|(t, _)| t.assessed > 0)
                    .map(move |(factories, (cluster, point))| RateRow {
                        country,
                        cycle,
                        cluster,
                        point,
                        factories,
                    })
            })
            .collect();
        rows.sort_by(|a, b| {
            (a.country, a.cycle, &a.cluster, &a.point)
                .cmp(&(b.country, b.cycle, &b.cluster, &b.point))
        });
        RateTable {
            selection,
            options,
            group_by: group_by.to_vec(),
            assessments: selected.len() as u64,
            factories: factories.len() as u64,
            excluded_obsolete: excluded,
            notes: self.notes,
            rows,
        }
    }

    /// Question-level rates over `selection`: factories non-compliant on each
    /// question out of factories assessed on it, with its public-disclosure flag.
    #[must_use]
    pub fn question_rates(&self, selection: Selection, options: RateOptions) -> Vec<QuestionRate> {
        let (selected, _) = self.select(selection, options);
        let mut tallies = vec![Tally::default(); self.questions.len()];
        for &i in &selected {
            let Some(s) = self.assessments.get(i) else {
                continue;
            };
            for q in s.questions_assessed.ones() {
                if let Some(t) = tallies.get_mut(q) {
                    t.count(s.questions_non_compliant.get(q));
                }
            }
        }
        let mut rows: Vec<QuestionRate> = self
            .questions
            .iter()
            .zip(tallies)
            .filter(|(_, t)| t.assessed > 0)
            .map(|(q, factories)| {
                let (cluster, point) = self.point_group(q.point, options);
                QuestionRate {
                    question: q.id.clone(),
                    text: q.text.clone(),
                    point,
                    cluster,
                    public: q.public,
                    factories,
                }
            })
            .collect();
        rows.sort_by(|a, b| a.question.cmp(&b.question));
        rows
    }

    /// Question-level rates summed by public-disclosure flag: (public, not
    /// public), each over (factory, question) pairs.
    #[must_use]
    pub fn question_rates_by_disclosure(
        &self,
        selection: Selection,
        options: RateOptions,
    ) -> (Tally, Tally) {
        let mut public = Tally::default();
        let mut other = Tally::default();
        for row in self.question_rates(selection, options) {
            if row.public {
                public += row.factories;
            } else {
                other += row.factories;
            }
        }
        (public, other)
    }

    /// The trace behind one rate row: for each selected assessment assessed on
    /// the point (by label, after the options), whether it was non-compliant.
    /// The row's tally is the count of `true` over the length of this list.
    #[must_use]
    pub fn indicators(
        &self,
        selection: Selection,
        options: RateOptions,
        point: &str,
    ) -> Vec<(FactoryId, AssessmentId, bool)> {
        let (selected, _) = self.select(selection, options);
        let keys: Vec<usize> = (0..self.points.len())
            .filter(|&p| self.point_group(p, options).1 == point)
            .collect();
        selected
            .iter()
            .filter_map(|&i| self.assessments.get(i))
            .filter(|s| keys.iter().any(|&k| s.points_assessed.get(k)))
            .map(|s| {
                let factory = self.factories.get(s.factory as usize).copied();
                let non_compliant = keys.iter().any(|&k| s.points_non_compliant.get(k));
                (factory, s.assessment, non_compliant)
            })
            .filter_map(|(f, a, nc)| f.map(|f| (f, a, nc)))
            .collect()
    }

    /// The assessments `selection` picks, by ID, in (factory, date) order.
    #[must_use]
    pub fn selected(&self, selection: Selection, options: RateOptions) -> Vec<AssessmentId> {
        self.select(selection, options)
            .0
            .iter()
            .filter_map(|&i| self.assessments.get(i))
            .map(|s| s.assessment)
            .collect()
    }
}

/// Who and when, for [`Population::add_point_bits`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct PointBitsAssessment {
    /// The factory.
    pub factory: FactoryId,
    /// The assessment.
    pub assessment: AssessmentId,
    /// The country, if known.
    pub country: Option<Country>,
    /// The start date.
    pub start: NaiveDate,
    /// The cycle.
    pub cycle: u16,
    /// Whether the factory is marked obsolete.
    pub obsolete: bool,
}

impl PointBitsAssessment {
    /// The fields of an assessment.
    #[must_use]
    pub fn new(factory: FactoryId, assessment: AssessmentId, start: NaiveDate, cycle: u16) -> Self {
        Self {
            factory,
            assessment,
            country: None,
            start,
            cycle,
            obsolete: false,
        }
    }
}

/// The label of the merged worst-forms point.
pub const WORST_FORMS: &str = "Worst Forms (merged)";

impl FindingRow {
    /// A counted, compliant row with empty labels; set the fields you have.
    #[must_use]
    pub fn new(factory: FactoryId, assessment: AssessmentId, start: NaiveDate, cycle: u16) -> Self {
        Self {
            factory,
            obsolete: false,
            assessment,
            country: None,
            start,
            cycle,
            cluster: String::new(),
            point: String::new(),
            question: String::new(),
            question_label: String::new(),
            counts: true,
            non_compliant: false,
            public: false,
        }
    }
}
