//! Rate tables, question-level rates and microdata over a chosen population.

use std::collections::HashSet;

use rustc_hash::FxHashMap;

use decentwork_catalogue::{Cluster, CompliancePoint, Question};
use decentwork_model::{AssessmentId, Country, FactoryId};

use super::{
    AssessmentInfo, Label, Labelled, Population, PopulationNotes, PopulationRule, Summary,
};
use crate::Tally;

/// What a rate row is grouped by; any combination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum GroupBy {
    /// The factory's country, as labelled in the data.
    Country,
    /// The assessment's cycle.
    Cycle,
    /// The cluster: an assessment counts as non-compliant in a cluster if any
    /// of its points there is.
    Cluster,
    /// The compliance point (with its cluster).
    Point,
}

/// How labels from different question-set versions are brought together, and
/// which factories are left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct RateOptions {
    /// Merge the worst-forms points ("Hazardous Work", "Hazardous Work and
    /// other Worst Forms", "Unconditional Worst Forms") into one, named
    /// "Hazardous Work and other Worst Forms", as analysts do for trends
    /// across question-set versions.
    pub merge_worst_forms: bool,
    /// Read the legacy cluster "Systems" as Occupational Safety and Health.
    pub systems_as_osh: bool,
    /// Leave out factories marked obsolete.
    pub exclude_obsolete: bool,
}

impl RateOptions {
    /// Labels harmonised as analysts do for trends: the worst forms merged
    /// and "Systems" read as Occupational Safety and Health.
    #[must_use]
    pub fn harmonised() -> Self {
        Self {
            merge_worst_forms: true,
            systems_as_osh: true,
            exclude_obsolete: false,
        }
    }

    /// The options analysts use for trends: harmonised labels, obsolete
    /// factories left out.
    #[must_use]
    pub fn for_trends() -> Self {
        Self {
            exclude_obsolete: true,
            ..Self::harmonised()
        }
    }

    /// Whether labels are harmonised at all.
    #[must_use]
    pub fn is_harmonised(self) -> bool {
        self.merge_worst_forms || self.systems_as_osh
    }
}

/// One row of a rate table: assessments non-compliant out of assessments
/// assessed, for one group. Labels are the data's own unless harmonised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateRow<'p> {
    /// The country, when grouped by country.
    pub country: Option<Labelled<'p, Country>>,
    /// The cycle, when grouped by cycle.
    pub cycle: Option<u16>,
    /// The cluster, when grouped by cluster or point.
    pub cluster: Option<Labelled<'p, Cluster>>,
    /// The compliance point, when grouped by point.
    pub point: Option<Labelled<'p, CompliancePoint>>,
    /// Assessments non-compliant out of assessments assessed on the group
    /// (one per factory, except in a panel, where each assessment counts).
    pub tally: Tally,
}

/// What a table counts: the rule and options, and the assessments they picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Basis {
    /// Which assessments were used.
    pub rule: PopulationRule,
    /// The options applied.
    pub options: RateOptions,
    /// Assessments selected.
    pub assessments: u64,
    /// Distinct factories among them.
    pub factories: u64,
    /// Assessments left out because their factory is obsolete.
    pub excluded_obsolete: u64,
    /// What the population itself set aside while being built.
    pub notes: PopulationNotes,
}

/// Compliance-point rates and what they count.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateTable<'p> {
    /// What the table counts.
    pub basis: Basis,
    /// The grouping.
    pub group_by: Vec<GroupBy>,
    /// The rows, sorted by country, cycle, cluster and point.
    pub rows: Vec<RateRow<'p>>,
}

/// Question-level rates and what they count.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct QuestionTable<'p> {
    /// What the table counts.
    pub basis: Basis,
    /// The rows, sorted by question ID.
    pub rows: Vec<QuestionRate<'p>>,
}

impl QuestionTable<'_> {
    /// The rows summed by public-disclosure flag: (public, not public), each
    /// over (assessment, question) pairs.
    #[must_use]
    pub fn by_disclosure(&self) -> (Tally, Tally) {
        let mut public = Tally::default();
        let mut other = Tally::default();
        for row in &self.rows {
            if row.public {
                public += row.tally;
            } else {
                other += row.tally;
            }
        }
        (public, other)
    }
}

/// One row of question-level rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct QuestionRate<'p> {
    /// The question, labelled by its ID as given.
    pub question: Labelled<'p, Question>,
    /// Its text as first given (an export's label, or the catalogue's template).
    pub text: &'p str,
    /// Its cluster.
    pub cluster: Labelled<'p, Cluster>,
    /// Its compliance point.
    pub point: Labelled<'p, CompliancePoint>,
    /// Whether it is published in public disclosure.
    pub public: bool,
    /// Assessments non-compliant on it out of those assessed on it.
    pub tally: Tally,
}

/// One assessment × compliance point: the microdata behind a rate table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct PointRecord<'p> {
    /// The assessment.
    pub assessment: AssessmentInfo<'p>,
    /// The cluster.
    pub cluster: Labelled<'p, Cluster>,
    /// The compliance point.
    pub point: Labelled<'p, CompliancePoint>,
    /// The point's questions: non-compliant out of assessed (distinct questions).
    pub questions: Tally,
    /// Whether the assessment was non-compliant on the point.
    pub non_compliant: bool,
}

/// One assessment with its factory-level rate: non-compliant compliance
/// points out of points assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct AssessmentRate<'p> {
    /// The assessment.
    pub assessment: AssessmentInfo<'p>,
    /// Its points: non-compliant out of assessed.
    pub points: Tally,
}

/// How assessment IDs are ordered where one must be the latest: as numbers
/// when they are numbers (Better Work's `Quest.ID`s are), before any that is
/// not; otherwise as text.
fn id_order(id: &AssessmentId) -> (bool, usize, &str) {
    let text = id.as_str();
    if text.bytes().all(|b| b.is_ascii_digit()) {
        let digits = text.trim_start_matches('0');
        (false, digits.len(), digits)
    } else {
        (true, 0, text)
    }
}

/// The order assessments are selected in: by factory, then first day,
/// cycle and assessment ID (the last of a factory is its latest).
fn order(s: &Summary) -> (FactoryId, chrono::NaiveDate, u16, (bool, usize, &str)) {
    (s.factory_id, s.start, s.cycle, id_order(&s.assessment))
}

/// What rate rows are sorted by.
fn row_key<'r>(
    r: &RateRow<'r>,
) -> (
    Option<&'r str>,
    Option<u16>,
    Option<&'r str>,
    Option<&'r str>,
) {
    (
        r.country.map(|c| c.label),
        r.cycle,
        r.cluster.map(|c| c.label),
        r.point.map(|p| p.label),
    )
}

/// The label of the legacy cluster "Systems" of older question sets, which
/// analysts read as Occupational Safety and Health for trends
/// ([`RateOptions::systems_as_osh`]).
pub const SYSTEMS_CLUSTER: &str = "Systems";

/// The cluster and point a unit of a rate table stands for, when grouped by them.
type UnitLabel<'p> = (
    Option<Labelled<'p, Cluster>>,
    Option<Labelled<'p, CompliancePoint>>,
);

/// Points grouped as the options and grouping say: each point's unit, and
/// each unit's labels.
struct Units<'p> {
    of_point: Vec<usize>,
    labels: Vec<UnitLabel<'p>>,
}

impl Population {
    /// The text of a label.
    fn text(&self, label: Label) -> &str {
        self.labels.text(label)
    }

    /// The cluster and point labels a point counts under, after the options.
    fn group(
        &self,
        point: usize,
        options: RateOptions,
    ) -> (Labelled<'_, Cluster>, Labelled<'_, CompliancePoint>) {
        let Some(entry) = self.points.get(point) else {
            return (Labelled::unknown(""), Labelled::unknown(""));
        };
        let cluster_label = self.text(entry.cluster.1);
        let mut cluster = Labelled::new(entry.cluster.0, cluster_label);
        let mut named = Labelled::new(entry.point.0, self.text(entry.point.1));
        if options.systems_as_osh
            && entry.cluster.0.is_none()
            && cluster_label.trim().eq_ignore_ascii_case(SYSTEMS_CLUSTER)
            && let Ok(osh) = Cluster::from_id("OSH")
        {
            cluster = Labelled::known(osh);
        }
        if options.merge_worst_forms
            && let Some(group) = entry.point.0.and_then(CompliancePoint::trend_group)
            && let Some(first) = CompliancePoint::all().find(|cp| cp.trend_group() == Some(group))
        {
            named = Labelled::known(first);
            cluster = Labelled::known(first.cluster());
        }
        (cluster, named)
    }

    fn units(&self, group_by: &[GroupBy], options: RateOptions) -> Units<'_> {
        let by = |g: GroupBy| group_by.contains(&g);
        let mut labels = Vec::new();
        let of_point = (0..self.points.len())
            .map(|p| {
                let (cluster, point) = self.group(p, options);
                let label = match (by(GroupBy::Point), by(GroupBy::Cluster)) {
                    (true, _) => (Some(cluster), Some(point)),
                    (false, true) => (Some(cluster), None),
                    (false, false) => (None, None),
                };
                labels.iter().position(|l| *l == label).unwrap_or_else(|| {
                    labels.push(label);
                    labels.len() - 1
                })
            })
            .collect();
        Units { of_point, labels }
    }

    /// The assessments `rule` picks, as indexes in (factory, first day,
    /// cycle, assessment) order, after `options`; and how many were left out
    /// as obsolete.
    fn select(&self, rule: PopulationRule, options: RateOptions) -> (Vec<usize>, u64) {
        let mut excluded = 0;
        let window = rule.window();
        let mut candidates: Vec<usize> = self
            .assessments
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                let obsolete = options.exclude_obsolete && s.obsolete;
                excluded += u64::from(obsolete);
                !obsolete && window.is_none_or(|w| w.contains(s.start))
            })
            .map(|(i, _)| i)
            .collect();
        candidates.sort_by_key(|&i| self.assessments.get(i).map(order));
        let at = |i: usize| self.assessments.get(i);
        match rule {
            PopulationRule::All => {}
            PopulationRule::Cycle { cycle, .. } => {
                candidates.retain(|&i| at(i).is_some_and(|s| s.cycle == cycle));
            }
            PopulationRule::Latest { .. } => {
                // Sorted by factory, then date, cycle and ID: keep each factory's last.
                let mut latest: Vec<usize> = Vec::new();
                for i in candidates {
                    let factory = at(i).map(|s| s.factory);
                    match latest.last_mut() {
                        Some(last) if at(*last).map(|s| s.factory) == factory => *last = i,
                        _ => latest.push(i),
                    }
                }
                candidates = latest;
            }
            PopulationRule::Panel { cycles, .. } => {
                let mut highest: FxHashMap<usize, u16> = FxHashMap::default();
                for s in candidates.iter().filter_map(|&i| at(i)) {
                    let h = highest.entry(s.factory).or_default();
                    *h = (*h).max(s.cycle);
                }
                candidates.retain(|&i| {
                    at(i).is_some_and(|s| {
                        s.cycle <= cycles && highest.get(&s.factory).is_some_and(|&h| h >= cycles)
                    })
                });
            }
            PopulationRule::StrictPanel { cycles, .. } => {
                // Per factory, its assessments of cycles 1 to N: kept when
                // there is exactly one of each.
                let mut per_factory: FxHashMap<usize, Vec<u16>> = FxHashMap::default();
                for s in candidates.iter().filter_map(|&i| at(i)) {
                    if (1..=cycles).contains(&s.cycle) {
                        per_factory.entry(s.factory).or_default().push(s.cycle);
                    }
                }
                let balanced = |factory: usize| {
                    per_factory.get(&factory).is_some_and(|found| {
                        let mut found = found.clone();
                        found.sort_unstable();
                        found.iter().copied().eq(1..=cycles)
                    })
                };
                candidates.retain(|&i| {
                    at(i).is_some_and(|s| (1..=cycles).contains(&s.cycle) && balanced(s.factory))
                });
            }
        }
        (candidates, excluded)
    }

    /// Compliance-point non-compliance rates over the assessments `rule`
    /// picks, grouped by `group_by`. Each row counts assessments (one per
    /// factory, except in a panel): non-compliant on the point (grouped by
    /// cluster without point: on any point of the cluster; grouped by
    /// neither: on any point at all) out of those assessed on it.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use decentwork_catalogue::Question;
    /// use decentwork_scoring::{
    ///     AssessmentInfo, GroupBy, Labelled, MonthWindow, Observation, Observed, Population,
    ///     PopulationRule, RateOptions,
    /// };
    ///
    /// let mut population = Population::new();
    /// let q = Question::from_id("WT.OVERTIME.02")?;
    /// let cp = q.compliance_point();
    /// for (factory, observed) in [("F1", Observed::NonCompliant), ("F2", Observed::Compliant)] {
    ///     let info = AssessmentInfo::new(
    ///         format!("{factory}-1").parse()?, factory.parse()?,
    ///         NaiveDate::from_ymd_opt(2024, 5, 2).unwrap(), 1,
    ///     );
    ///     population.add(&Observation::new(
    ///         info, (Labelled::known(cp.cluster()), Labelled::known(cp)), Labelled::known(q), observed,
    ///     ));
    /// }
    /// let window = MonthWindow::new((2024, 1), (2024, 12))?;
    /// let table = population.rates(
    ///     PopulationRule::Latest { window: Some(window) },
    ///     &[GroupBy::Point],
    ///     RateOptions::default(),
    /// );
    /// assert_eq!(table.rows[0].point.unwrap().label, "Overtime");
    /// assert_eq!(table.rows[0].tally.rate().unwrap().to_string(), "1/2");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn rates(
        &self,
        rule: PopulationRule,
        group_by: &[GroupBy],
        options: RateOptions,
    ) -> RateTable<'_> {
        let (selected, excluded) = self.select(rule, options);
        let by = |g: GroupBy| group_by.contains(&g);
        let units = self.units(group_by, options);
        // Per assessment: 0 = not assessed, 1 = assessed, 2 = non-compliant.
        let mut scratch = vec![0_u8; units.labels.len()];
        let mut touched: Vec<usize> = Vec::new();
        let mut cells: FxHashMap<(Option<Label>, Option<u16>), Vec<Tally>> = FxHashMap::default();
        let mut countries: FxHashMap<Label, Option<Country>> = FxHashMap::default();
        for s in selected.iter().filter_map(|&i| self.assessments.get(i)) {
            for point in s.points_assessed.iter() {
                let Some(&unit) = units.of_point.get(point) else {
                    continue;
                };
                let Some(slot) = scratch.get_mut(unit) else {
                    continue;
                };
                if *slot == 0 {
                    touched.push(unit);
                }
                *slot = (*slot).max(1 + u8::from(s.points_non_compliant.contains(point)));
            }
            let country = by(GroupBy::Country).then(|| {
                countries.insert(s.country.1, s.country.0);
                s.country.1
            });
            let tallies = cells
                .entry((country, by(GroupBy::Cycle).then_some(s.cycle)))
                .or_insert_with(|| vec![Tally::default(); units.labels.len()]);
            for unit in touched.drain(..) {
                if let (Some(slot), Some(tally)) = (scratch.get_mut(unit), tallies.get_mut(unit)) {
                    tally.count(*slot == 2);
                    *slot = 0;
                }
            }
        }
        let mut rows: Vec<RateRow<'_>> = cells
            .into_iter()
            .flat_map(|((country, cycle), tallies)| {
                let country = country
                    .map(|c| Labelled::new(countries.get(&c).copied().flatten(), self.text(c)));
                tallies
                    .into_iter()
                    .zip(&units.labels)
                    .filter(|(t, _)| t.assessed > 0)
                    .map(move |(tally, &(cluster, point))| RateRow {
                        country,
                        cycle,
                        cluster,
                        point,
                        tally,
                    })
            })
            .collect();
        rows.sort_by(|a, b| row_key(a).cmp(&row_key(b)));
        RateTable {
            basis: self.basis(rule, options, &selected, excluded),
            group_by: group_by.to_vec(),
            rows,
        }
    }

    /// Question-level rates over the assessments `rule` picks: assessments
    /// non-compliant on each question out of those assessed on it, with its
    /// public-disclosure flag, sorted by question ID.
    #[must_use]
    pub fn question_rates(&self, rule: PopulationRule, options: RateOptions) -> QuestionTable<'_> {
        let (selected, excluded) = self.select(rule, options);
        // One row per question ID: a question given under two point labels
        // (a point renamed between question-set versions) is one question,
        // named as it was first given.
        let mut first: Vec<usize> = Vec::new();
        let mut public: Vec<bool> = Vec::new();
        let mut by_id: FxHashMap<Label, usize> = FxHashMap::default();
        let unit_of: Vec<usize> = self
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let unit = *by_id.entry(q.id.1).or_insert_with(|| {
                    first.push(i);
                    public.push(false);
                    first.len() - 1
                });
                if let Some(p) = public.get_mut(unit) {
                    *p |= q.public;
                }
                unit
            })
            .collect();
        let mut tallies = vec![Tally::default(); first.len()];
        // Per assessment: 0 = not assessed, 1 = assessed, 2 = non-compliant.
        let mut scratch = vec![0_u8; first.len()];
        let mut touched: Vec<usize> = Vec::new();
        for s in selected.iter().filter_map(|&i| self.assessments.get(i)) {
            for q in s.questions_assessed.iter() {
                let Some(slot) = unit_of.get(q).and_then(|&u| scratch.get_mut(u)) else {
                    continue;
                };
                if *slot == 0 {
                    touched.extend(unit_of.get(q));
                }
                *slot = (*slot).max(1 + u8::from(s.questions_non_compliant.contains(q)));
            }
            for unit in touched.drain(..) {
                if let (Some(slot), Some(tally)) = (scratch.get_mut(unit), tallies.get_mut(unit)) {
                    tally.count(*slot == 2);
                    *slot = 0;
                }
            }
        }
        let mut rows: Vec<QuestionRate<'_>> = first
            .iter()
            .zip(tallies)
            .zip(public)
            .filter(|((_, t), _)| t.assessed > 0)
            .filter_map(|((&i, tally), public)| {
                let q = self.questions.get(i)?;
                let (cluster, point) = self.group(q.point, options);
                Some(QuestionRate {
                    question: Labelled::new(q.id.0, self.text(q.id.1)),
                    text: q.text.map_or("", |t| self.text(t)),
                    cluster,
                    point,
                    public,
                    tally,
                })
            })
            .collect();
        rows.sort_by(|a, b| a.question.label.cmp(b.question.label));
        QuestionTable {
            basis: self.basis(rule, options, &selected, excluded),
            rows,
        }
    }

    /// What a table over `selected` counts.
    fn basis(
        &self,
        rule: PopulationRule,
        options: RateOptions,
        selected: &[usize],
        excluded: u64,
    ) -> Basis {
        let factories: HashSet<usize> = selected
            .iter()
            .filter_map(|&i| self.assessments.get(i))
            .map(|s| s.factory)
            .collect();
        Basis {
            rule,
            options,
            assessments: selected.len() as u64,
            factories: factories.len() as u64,
            excluded_obsolete: excluded,
            notes: self.notes,
        }
    }

    /// The assessments `rule` picks, in the order microdata lists them:
    /// by factory ID, first day and assessment ID, each as text (the order a
    /// researcher's sort of the written table gives).
    fn microdata_order(&self, rule: PopulationRule, options: RateOptions) -> Vec<usize> {
        let (mut selected, _) = self.select(rule, options);
        selected.sort_by_key(|&i| {
            self.assessments
                .get(i)
                .map(|s| (s.factory_id, s.start, s.assessment))
        });
        selected
    }

    /// The microdata behind [`Population::rates`]: one record per selected
    /// assessment and compliance point it assessed (points grouped as the
    /// options say), ordered by factory ID, first day and assessment ID (as
    /// text), then by cluster and point label. Summing `non_compliant` and
    /// counting records per point gives the rate table grouped by point.
    pub fn point_records(
        &self,
        rule: PopulationRule,
        options: RateOptions,
    ) -> impl Iterator<Item = PointRecord<'_>> + '_ {
        let selected = self.microdata_order(rule, options);
        let units = self.units(&[GroupBy::Point], options);
        selected.into_iter().flat_map(move |i| {
            let mut records: Vec<PointRecord<'_>> = Vec::new();
            let Some(s) = self.assessments.get(i) else {
                return records.into_iter();
            };
            let mut by_unit: Vec<(Tally, bool, bool)> =
                vec![(Tally::default(), false, false); units.labels.len()];
            for point in s.points_assessed.iter() {
                if let Some(slot) = units.of_point.get(point).and_then(|&u| by_unit.get_mut(u)) {
                    slot.1 = true;
                    slot.2 |= s.points_non_compliant.contains(point);
                }
            }
            for q in s.questions_assessed.iter() {
                let unit = self
                    .questions
                    .get(q)
                    .and_then(|e| units.of_point.get(e.point));
                if let Some(slot) = unit.and_then(|&u| by_unit.get_mut(u)) {
                    slot.0.count(s.questions_non_compliant.contains(q));
                }
            }
            let info = self.info(s);
            for ((questions, assessed, non_compliant), &(cluster, point)) in
                by_unit.into_iter().zip(&units.labels)
            {
                if let (true, Some(cluster), Some(point)) = (assessed, cluster, point) {
                    records.push(PointRecord {
                        assessment: info,
                        cluster,
                        point,
                        questions,
                        non_compliant,
                    });
                }
            }
            records.sort_by(|a, b| {
                (a.cluster.label, a.point.label).cmp(&(b.cluster.label, b.point.label))
            });
            records.into_iter()
        })
    }

    /// Each selected assessment with its factory-level rate (non-compliant
    /// points out of points assessed, points grouped as the options say),
    /// ordered by factory ID, first day and assessment ID (as text).
    pub fn assessment_rates(
        &self,
        rule: PopulationRule,
        options: RateOptions,
    ) -> impl Iterator<Item = AssessmentRate<'_>> + '_ {
        let selected = self.microdata_order(rule, options);
        let units = self.units(&[GroupBy::Point], options);
        selected.into_iter().filter_map(move |i| {
            let s = self.assessments.get(i)?;
            let mut status = vec![0_u8; units.labels.len()];
            for point in s.points_assessed.iter() {
                if let Some(slot) = units.of_point.get(point).and_then(|&u| status.get_mut(u)) {
                    *slot = (*slot).max(1 + u8::from(s.points_non_compliant.contains(point)));
                }
            }
            let mut points = Tally::default();
            for slot in status.into_iter().filter(|&s| s > 0) {
                points.count(slot == 2);
            }
            Some(AssessmentRate {
                assessment: self.info(s),
                points,
            })
        })
    }

    /// The trace behind one rate row grouped by point: for each selected
    /// assessment assessed on the point (by label, after the options),
    /// whether it was non-compliant. The row's tally is the count of `true`
    /// over the length of this list.
    #[must_use]
    pub fn indicators(
        &self,
        rule: PopulationRule,
        options: RateOptions,
        point: &str,
    ) -> Vec<(FactoryId, AssessmentId, bool)> {
        let (selected, _) = self.select(rule, options);
        let keys: Vec<usize> = (0..self.points.len())
            .filter(|&p| self.group(p, options).1.label == point)
            .collect();
        selected
            .iter()
            .filter_map(|&i| self.assessments.get(i))
            .filter(|s| keys.iter().any(|&k| s.points_assessed.contains(k)))
            .map(|s| {
                let non_compliant = keys.iter().any(|&k| s.points_non_compliant.contains(k));
                (s.factory_id, s.assessment, non_compliant)
            })
            .collect()
    }

    /// The assessments `rule` picks, by ID, in (factory, first day, cycle,
    /// assessment) order.
    #[must_use]
    pub fn selected(&self, rule: PopulationRule, options: RateOptions) -> Vec<AssessmentId> {
        self.select(rule, options)
            .0
            .iter()
            .filter_map(|&i| self.assessments.get(i))
            .map(|s| s.assessment)
            .collect()
    }
}
