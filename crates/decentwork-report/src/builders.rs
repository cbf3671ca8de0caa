//! Building reports from model values, the catalogue and scoring results.

use chrono::{Months, NaiveDate};
use decentwork_catalogue::{Cluster, CompliancePoint, Question, Tag};
use decentwork_model::{
    Brand, BuyerTier, Committee, ConsentScope, Country, Factory, ImprovementPlan, Outcome, Period,
    ProgrammeStatus, ProgressReport, Side, SourcingRelationship, TrainingSession,
};
use decentwork_scoring::{
    AlertKind, AppliedLaw, AssessmentScore, Basis, CommitteeCheck, EvidenceResult, GroupBy,
    PointStatus, QuestionTable, RateTable, check_committees, compare, plan_summary,
};

use crate::ReportError;
use crate::types::{
    AlertLine, BrandPortfolioReport, ChangeSection, ClusterSection, CommitteeLine,
    CommitteeRequirementLine, CommitteeRuleLine, CommitteeSection, DiagnosticLine, DialogueLine,
    DisclosureLine, EvidenceCheckLine, EvidenceFindingLine, EvidenceReport,
    FactoryAssessmentReport, FactoryLine, LawLine, LawUseLine, Meta, NotCheckedLine, PlanLine,
    PointSection, PopulationLine, PortfolioAssessment, PortfolioLine, ProgrammeSummary,
    ProgressReportDocument, PublicDisclosureReport, QuestionCountsLine, QuestionLine,
    QuestionRateLine, Rate, RateLine, ScoredAlert, ScoredAssessment, ScoredCluster, ScoredFinding,
    ScoredPoint, SynthesisLevel, SynthesisReport, TrainedLine,
};

/// Checks that `score` is of an assessment of `factory`.
fn of_factory(score: &AssessmentScore, factory: &Factory) -> Result<(), ReportError> {
    if score.factory == factory.id {
        Ok(())
    } else {
        Err(ReportError::OtherFactory {
            assessment: score.assessment.to_string(),
            expected: factory.id.to_string(),
            found: score.factory.to_string(),
        })
    }
}

fn factory_line(factory: &Factory) -> FactoryLine {
    FactoryLine {
        id: factory.id,
        name: factory.name.clone(),
        os_id: factory.os_id,
        jurisdiction: factory.jurisdiction,
        country: factory.jurisdiction.country().name().to_owned(),
    }
}

fn question_line(question: Question, factory: &Factory, on: NaiveDate) -> QuestionLine {
    QuestionLine {
        id: question.id().to_owned(),
        text: question.render_lax(factory.jurisdiction, on),
        ilo: question.ilo_references().map(|r| r.to_string()).collect(),
        derived_from_evidence: false,
    }
}

fn law_line(law: &AppliedLaw) -> LawLine {
    LawLine {
        parameter: law.parameter.name().to_owned(),
        value: law.value.clone(),
        scope: law.scope.clone(),
        committee: law.committee,
        from: law.from,
        to: law.to,
        legal_basis: law.legal_basis.clone(),
        source: law.source.clone(),
        verified: law.verified,
    }
}

impl CommitteeSection {
    /// The report form of a committee check: counts, dates and committee
    /// IDs, never people.
    #[must_use]
    pub fn from_check(check: &CommitteeCheck) -> Self {
        CommitteeSection {
            on: check.on,
            workers: check.workers,
            no_law_data: check.no_law_data.clone(),
            requirements: check
                .requirements
                .iter()
                .map(|r| CommitteeRequirementLine {
                    kind: r.kind,
                    threshold: law_line(&r.threshold),
                    requirement: r.requirement,
                    committees: r.committees.iter().map(ToString::to_string).collect(),
                    rules: r
                        .rules
                        .iter()
                        .map(|rule| CommitteeRuleLine {
                            rule: rule.rule,
                            law: rule.law.as_ref().map(law_line),
                            observed: rule.observed.clone(),
                            met: rule.met,
                        })
                        .collect(),
                    met: r.met,
                    note: r.note.clone(),
                })
                .collect(),
        }
    }
}

impl EvidenceReport {
    /// The evidence check of `factory`'s worker records (`evidence`, from
    /// `check_evidence`) with the committees the law requires (`committees`,
    /// from `check_committees`).
    #[must_use]
    pub fn build(
        factory: &Factory,
        evidence: &EvidenceResult,
        committees: &CommitteeCheck,
        report_date: NaiveDate,
    ) -> Self {
        EvidenceReport {
            meta: Meta::new("evidence_check", report_date),
            factory: factory_line(factory),
            on: evidence.on,
            wage_region: factory.wage_region.clone(),
            no_law_data: evidence.no_law_data.clone(),
            workers: evidence.workers,
            checks: evidence
                .checks
                .iter()
                .map(|c| EvidenceCheckLine {
                    kind: c.kind,
                    question: c.kind.question().to_owned(),
                    checked: c.checked,
                    findings: c.findings,
                    not_checked: c
                        .not_checked
                        .iter()
                        .map(|n| NotCheckedLine {
                            reason: n.reason.clone(),
                            workers: n.workers.iter().map(ToString::to_string).collect(),
                        })
                        .collect(),
                })
                .collect(),
            findings: evidence
                .findings
                .iter()
                .map(|f| EvidenceFindingLine {
                    kind: f.kind,
                    question: f.kind.question().to_owned(),
                    worker: f.worker.to_string(),
                    from: f.from,
                    to: f.to,
                    observed: f.observed,
                    limit: f.limit,
                    measure: f.measure.clone(),
                    law: f.law.iter().map(law_line).collect(),
                })
                .collect(),
            law: evidence
                .law
                .iter()
                .map(|l| LawUseLine {
                    law: law_line(&l.law),
                    used_by: l.used_by.clone(),
                    unused: l.unused.clone(),
                })
                .collect(),
            committees: CommitteeSection::from_check(committees),
        }
    }
}

impl FactoryAssessmentReport {
    /// The report of one scored assessment of `factory`, compared with the
    /// score of a `previous` assessment when given. Question texts use the law
    /// in force on the visit's first day. The scores are reported as given:
    /// whoever scored them chose the tool version and options.
    ///
    /// # Errors
    ///
    /// [`ReportError::OtherFactory`] when a score is of another factory's
    /// assessment; [`ReportError::PreviousNotEarlier`] when `previous` is not
    /// of an earlier cycle.
    pub fn build(
        factory: &Factory,
        score: &AssessmentScore,
        previous: Option<&AssessmentScore>,
        report_date: NaiveDate,
    ) -> Result<Self, ReportError> {
        of_factory(score, factory)?;
        if let Some(previous) = previous {
            of_factory(previous, factory)?;
            if previous.cycle >= score.cycle || previous.start > score.start {
                return Err(ReportError::PreviousNotEarlier {
                    previous: previous.assessment.to_string(),
                    previous_cycle: previous.cycle,
                    assessment: score.assessment.to_string(),
                    cycle: score.cycle,
                });
            }
        }
        let on = score.start;
        let clusters = Cluster::all()
            .map(|cluster| {
                let tally = score
                    .cluster(cluster.id())
                    .map(|c| c.points)
                    .unwrap_or_default();
                let points = cluster
                    .compliance_points()
                    .map(|cp| point_section(cp, score, factory, on))
                    .collect();
                ClusterSection {
                    id: cluster.id().to_owned(),
                    name: cluster.name().to_owned(),
                    points_rate: Rate::new(tally.non_compliant, tally.assessed),
                    points,
                }
            })
            .collect();
        let alerts = score
            .alerts
            .iter()
            .filter_map(|a| {
                let q = Question::get(a.question).ok()?;
                let mut question = question_line(q, factory, on);
                question.derived_from_evidence = a.derived_from_evidence;
                Some(AlertLine {
                    kind: a.kind,
                    question,
                    workers_affected: a.workers_affected,
                    legal_references: a.legal.clone(),
                })
            })
            .collect();
        let change = previous.map(|before| {
            let progress = compare(before, score);
            let ids = |c: decentwork_scoring::Change| {
                progress
                    .points
                    .iter()
                    .filter(|p| p.change == c)
                    .map(|p| p.point.to_string())
                    .collect()
            };
            ChangeSection {
                previous: before.assessment,
                previous_cycle: before.cycle,
                newly_compliant: ids(decentwork_scoring::Change::NewlyCompliant),
                newly_non_compliant: ids(decentwork_scoring::Change::NewlyNonCompliant),
                persistent: ids(decentwork_scoring::Change::Persistent),
            }
        });
        Ok(FactoryAssessmentReport {
            meta: Meta::new("factory_assessment", report_date),
            factory: factory_line(factory),
            assessment: score.assessment,
            cycle: score.cycle,
            visit: (score.start, score.end),
            overall: Rate::new(score.overall.non_compliant, score.overall.assessed),
            clusters,
            alerts,
            change,
            committee_requirements: None,
            notes: score.diagnostics.iter().map(ToString::to_string).collect(),
        })
    }

    /// The report with the committees the law requires of `factory` on the
    /// visit's first day, and whether its `committees` meet the rules.
    #[must_use]
    pub fn with_committees(mut self, factory: &Factory, committees: &[Committee]) -> Self {
        let check = check_committees(factory, committees, self.visit.0);
        self.committee_requirements = Some(CommitteeSection::from_check(&check));
        self
    }
}

fn point_section(
    cp: CompliancePoint,
    score: &AssessmentScore,
    factory: &Factory,
    on: NaiveDate,
) -> PointSection {
    let result = score.point(cp.id());
    let status = result.map_or(PointStatus::NotAssessed, |p| p.status);
    let non_compliant = result
        .filter(|p| p.status == PointStatus::NonCompliant)
        .map(|p| {
            p.decided_by
                .iter()
                .filter_map(|f| {
                    let mut line = question_line(Question::get(f.question).ok()?, factory, on);
                    line.derived_from_evidence = f.derived_from_evidence;
                    Some(line)
                })
                .collect()
        })
        .unwrap_or_default();
    PointSection {
        id: cp.id().to_owned(),
        name: cp.name().to_owned(),
        status,
        non_compliant,
        legal_references: cp
            .legal_references(factory.jurisdiction)
            .map(|r| r.to_string())
            .collect(),
    }
}

impl ProgressReportDocument {
    /// The progress report of `factory` on `report_date`: its plan, its
    /// committees (counts only, never people) and the social-dialogue ratings of
    /// its latest progress report on or before the date.
    #[must_use]
    pub fn build(
        factory: &Factory,
        plan: &ImprovementPlan,
        committees: &[Committee],
        progress_reports: &[ProgressReport],
        report_date: NaiveDate,
    ) -> Self {
        let summary = plan_summary(plan, report_date);
        let requirements = check_committees(factory, committees, report_date);
        let year = Period::new(
            report_date
                .checked_sub_months(Months::new(12))
                .unwrap_or(report_date),
            report_date.succ_opt(),
        )
        .unwrap_or(Period::from(report_date));
        let committees = committees
            .iter()
            .filter(|c| c.factory == factory.id)
            .map(|c| {
                let workers = c.seats_by_sex(Side::Workers, report_date);
                let meetings: Vec<_> = c.meetings_in(year).collect();
                CommitteeLine {
                    id: c.id.to_string(),
                    kind: c.kind,
                    members: c.members_on(report_date).count() as u64,
                    worker_seats: workers.total(),
                    women_worker_seats: workers.women.into(),
                    has_chair: c.chair_on(report_date).is_some(),
                    meetings_last_year: meetings.len() as u64,
                    meetings_with_minutes: meetings.iter().filter(|m| m.minutes_kept).count()
                        as u64,
                }
            })
            .collect();
        let latest = progress_reports
            .iter()
            .filter(|r| r.factory == factory.id && r.submitted_on <= report_date)
            .max_by_key(|r| (r.submitted_on, r.number));
        ProgressReportDocument {
            meta: Meta::new("progress", report_date),
            factory: factory_line(factory),
            committee_requirements: Some(CommitteeSection::from_check(&requirements)),
            plan: PlanLine {
                items: summary.items,
                pending: summary.pending,
                in_progress: summary.in_progress,
                completed: summary.completed,
                overdue: summary.overdue,
                open_by_target: summary.open_by_target,
            },
            committees,
            social_dialogue: latest
                .map(|r| {
                    r.social_dialogue
                        .iter()
                        .map(|d| DialogueLine {
                            topic: d.topic.clone(),
                            rating: d.rating,
                        })
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}

impl PublicDisclosureReport {
    /// The public disclosure of one scored assessment of `factory`: only its
    /// questions tagged for public disclosure that were assessed (compliant or
    /// not), each counted as the score counted it, by factory name.
    ///
    /// # Errors
    ///
    /// [`ReportError::OtherFactory`] when the score is of another factory's
    /// assessment.
    pub fn build(
        factory: &Factory,
        score: &AssessmentScore,
        report_date: NaiveDate,
    ) -> Result<Self, ReportError> {
        of_factory(score, factory)?;
        let mut items: Vec<DisclosureLine> = score
            .questions
            .iter()
            .filter(|q| q.outcome.is_assessed())
            .filter_map(|q| {
                let question = Question::get(q.question).ok()?;
                question
                    .has_tag(Tag::PublicDisclosure)
                    .then(|| DisclosureLine {
                        question: question_line(question, factory, score.start),
                        non_compliant: q.outcome == Outcome::NonCompliant,
                    })
            })
            .collect();
        items.sort_by(|a, b| a.question.id.cmp(&b.question.id));
        Ok(PublicDisclosureReport {
            meta: Meta::new("public_disclosure", report_date),
            factory_name: factory.name.clone(),
            country: factory.jurisdiction.country().name().to_owned(),
            assessed_on: score.start,
            items,
        })
    }
}

impl BrandPortfolioReport {
    /// The portfolio of `brand` on `report_date`: each factory whose consent to
    /// share assessment reports with the brand is valid on that date, with the
    /// score of its latest assessment on or before it. Factories without valid
    /// consent are left out entirely.
    ///
    /// # Errors
    ///
    /// [`ReportError::OtherFactory`] when a factory's scores include another
    /// factory's assessment.
    pub fn build(
        brand: &Brand,
        factories: &[(&Factory, &[AssessmentScore])],
        report_date: NaiveDate,
    ) -> Result<Self, ReportError> {
        let mut lines: Vec<PortfolioLine> = Vec::new();
        for (factory, scores) in factories {
            for score in *scores {
                of_factory(score, factory)?;
            }
            let Some(consent) =
                factory.consent_for(brand.id, ConsentScope::AssessmentReports, report_date)
            else {
                continue;
            };
            let latest = scores
                .iter()
                .filter(|s| s.start <= report_date)
                .max_by_key(|s| (s.start, s.cycle))
                .map(|score| {
                    let count = |k: AlertKind| {
                        u32::try_from(score.alerts.iter().filter(|x| x.kind == k).count())
                            .unwrap_or(u32::MAX)
                    };
                    PortfolioAssessment {
                        assessment: score.assessment,
                        cycle: score.cycle,
                        start: score.start,
                        overall: Rate::new(score.overall.non_compliant, score.overall.assessed),
                        zero_tolerance: count(AlertKind::ZeroTolerance),
                        critical_issues: count(AlertKind::CriticalIssue),
                    }
                });
            lines.push(PortfolioLine {
                factory: factory_line(factory),
                consent_since: consent.period().start(),
                latest,
            });
        }
        lines.sort_by_key(|a| a.factory.id);
        Ok(BrandPortfolioReport {
            meta: Meta::new("brand_portfolio", report_date),
            brand: brand.id,
            brand_name: brand.name.clone(),
            factories: lines,
        })
    }
}

/// The population line of a synthesis: what its table counts, in words and numbers.
fn population_line(basis: &Basis, group_by: &[GroupBy]) -> PopulationLine {
    PopulationLine {
        selection: basis.rule.to_string(),
        group_by: group_by
            .iter()
            .map(|g| {
                match g {
                    GroupBy::Country => "country",
                    GroupBy::Cycle => "cycle",
                    GroupBy::Cluster => "cluster",
                    _ => "cp",
                }
                .to_owned()
            })
            .collect(),
        harmonised: basis.options.is_harmonised(),
        exclude_obsolete: basis.options.exclude_obsolete,
        assessments: basis.assessments,
        factories: basis.factories,
        excluded_obsolete: basis.excluded_obsolete,
        duplicates_ignored: basis.notes.duplicates_ignored,
        conflicting_rows: basis.notes.conflicting_rows,
        fact_gathering_rows: basis.notes.fact_gathering_rows,
        inconsistent_rows: basis.notes.inconsistent_rows,
    }
}

impl SynthesisReport {
    /// A synthesis of compliance-point rates, stating the population it was
    /// computed over.
    #[must_use]
    pub fn from_table(title: &str, table: &RateTable<'_>, report_date: NaiveDate) -> Self {
        SynthesisReport {
            meta: Meta::new("industry_synthesis", report_date),
            title: title.to_owned(),
            level: SynthesisLevel::CompliancePoint,
            population: population_line(&table.basis, &table.group_by),
            rows: table
                .rows
                .iter()
                .map(|r| RateLine {
                    country: r.country.map(|c| c.label.to_owned()),
                    country_code: r.country.and_then(|c| c.key),
                    cycle: r.cycle,
                    cluster: r.cluster.map(|c| c.label.to_owned()),
                    cluster_id: r.cluster.and_then(|c| c.key).map(|c| c.id().to_owned()),
                    cp: r.point.map(|p| p.label.to_owned()),
                    cp_id: r.point.and_then(|p| p.key).map(|p| p.id().to_owned()),
                    assessments: Rate::new(r.tally.non_compliant, r.tally.assessed),
                })
                .collect(),
            questions: Vec::new(),
        }
    }

    /// A synthesis of question-level rates, stating the population it was
    /// computed over.
    #[must_use]
    pub fn from_questions(title: &str, table: &QuestionTable<'_>, report_date: NaiveDate) -> Self {
        SynthesisReport {
            meta: Meta::new("industry_synthesis", report_date),
            title: title.to_owned(),
            level: SynthesisLevel::Question,
            population: population_line(&table.basis, &[]),
            rows: Vec::new(),
            questions: table
                .rows
                .iter()
                .map(|r| QuestionRateLine {
                    question_id: r.question.label.to_owned(),
                    question: r.text.to_owned(),
                    cluster: r.cluster.label.to_owned(),
                    cluster_id: r.cluster.key.map(|c| c.id().to_owned()),
                    cp: r.point.label.to_owned(),
                    cp_id: r.point.key.map(|p| p.id().to_owned()),
                    public: r.public,
                    assessments: Rate::new(r.tally.non_compliant, r.tally.assessed),
                })
                .collect(),
        }
    }
}

/// What a country programme summary is computed from.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct ProgrammeData<'a> {
    /// Factories (of any country; the summary picks the country's).
    pub factories: &'a [Factory],
    /// Committees.
    pub committees: &'a [Committee],
    /// Training sessions.
    pub training: &'a [TrainingSession],
    /// Brands.
    pub brands: &'a [Brand],
    /// Sourcing relationships.
    pub sourcing: &'a [SourcingRelationship],
}

impl<'a> ProgrammeData<'a> {
    /// The data, each list possibly empty.
    #[must_use]
    pub fn new(
        factories: &'a [Factory],
        committees: &'a [Committee],
        training: &'a [TrainingSession],
        brands: &'a [Brand],
        sourcing: &'a [SourcingRelationship],
    ) -> Self {
        Self {
            factories,
            committees,
            training,
            brands,
            sourcing,
        }
    }
}

impl ProgrammeSummary {
    /// The programme in `country` on `report_date`: factories enrolled then,
    /// their workers (latest snapshots), % women, committees active by kind,
    /// people trained in sessions that included those factories up to the date,
    /// and buyer partners sourcing from them on the date.
    #[must_use]
    pub fn build(country: Country, data: ProgrammeData<'_>, report_date: NaiveDate) -> Self {
        let enrolled: Vec<&Factory> = data
            .factories
            .iter()
            .filter(|f| {
                f.jurisdiction.country() == country
                    && f.status_on(report_date) == Some(ProgrammeStatus::Enrolled)
            })
            .collect();
        let ids: Vec<_> = enrolled.iter().map(|f| f.id).collect();
        let mut workers = 0_u64;
        let mut women = 0_u64;
        for f in &enrolled {
            if let Some(w) = f.workforce_on(report_date) {
                workers += u64::from(w.total);
                women += u64::from(w.by_sex.women);
            }
        }
        let mut by_kind: Vec<(decentwork_model::CommitteeKind, u64)> = Vec::new();
        for c in data
            .committees
            .iter()
            .filter(|c| ids.contains(&c.factory) && c.period.contains(report_date))
        {
            match by_kind.iter_mut().find(|(k, _)| *k == c.kind) {
                Some((_, n)) => *n += 1,
                None => by_kind.push((c.kind, 1)),
            }
        }
        by_kind.sort();
        let mut trained = TrainedLine {
            total: 0,
            women: 0,
            men: 0,
            other: 0,
        };
        for t in data
            .training
            .iter()
            .filter(|t| t.on <= report_date && t.factories.iter().any(|f| ids.contains(f)))
        {
            let p = t.participants.by_sex();
            trained.women += u64::from(p.women);
            trained.men += u64::from(p.men);
            trained.other += u64::from(p.other);
            trained.total += p.total();
        }
        let brand_partners = data
            .brands
            .iter()
            .filter(|b| b.tier == BuyerTier::BuyerPartner)
            .filter(|b| {
                data.sourcing.iter().any(|s| {
                    s.brand == b.id && ids.contains(&s.factory) && s.active_on(report_date)
                })
            })
            .count() as u64;
        ProgrammeSummary {
            meta: Meta::new("programme_summary", report_date),
            country,
            factories: enrolled.len() as u64,
            workers,
            women_percent: decentwork_model::Ratio::new(women, workers).map(|r| r.percent(1)),
            committees_by_kind: by_kind,
            trained,
            brand_partners,
        }
    }
}

impl ScoredAssessment {
    /// The full result of `score`, as scored (with whatever tool version and
    /// options its caller chose).
    #[must_use]
    pub fn from_score(score: &AssessmentScore, report_date: NaiveDate) -> Self {
        let point_name = |id: &str| CompliancePoint::from_id(id).map_or("", CompliancePoint::name);
        let cluster_name = |id: &str| Cluster::from_id(id).map_or("", Cluster::name);
        ScoredAssessment {
            meta: Meta::new("scored_assessment", report_date),
            assessment: score.assessment,
            factory: score.factory,
            cycle: score.cycle,
            visit: (score.start, score.end),
            tool: score.tool.clone(),
            overall: Rate::new(score.overall.non_compliant, score.overall.assessed),
            clusters: score
                .clusters
                .iter()
                .map(|c| ScoredCluster {
                    id: c.cluster.clone(),
                    name: cluster_name(&c.cluster).to_owned(),
                    points: Rate::new(c.points.non_compliant, c.points.assessed),
                    not_counted: c.not_counted.iter().map(ToString::to_string).collect(),
                })
                .collect(),
            points: score
                .points
                .iter()
                .map(|p| ScoredPoint {
                    id: p.point.to_string(),
                    name: point_name(p.point.as_str()).to_owned(),
                    cluster_id: p.cluster.clone(),
                    status: p.status,
                    questions: QuestionCountsLine {
                        non_compliant: p.questions.non_compliant,
                        compliant: p.questions.compliant,
                        not_applicable: p.questions.not_applicable,
                        not_assessed: p.questions.not_assessed,
                        fact_gathering: p.questions.fact_gathering,
                    },
                    decided_by: p
                        .decided_by
                        .iter()
                        .map(|f| ScoredFinding {
                            index: f.index,
                            question: f.question.to_string(),
                            outcome: f.outcome,
                            workers_affected: None,
                        })
                        .collect(),
                })
                .collect(),
            questions: score
                .questions
                .iter()
                .map(|q| ScoredFinding {
                    index: q.first_index,
                    question: q.question.to_string(),
                    outcome: q.outcome,
                    workers_affected: q.workers_affected,
                })
                .collect(),
            alerts: score
                .alerts
                .iter()
                .map(|a| ScoredAlert {
                    kind: a.kind,
                    question: a.question.to_string(),
                    point: a.point.to_string(),
                    index: a.index,
                    workers_affected: a.workers_affected,
                    ilo: a.ilo.clone(),
                    legal_references: a.legal.clone(),
                })
                .collect(),
            diagnostics: score
                .diagnostics
                .iter()
                .map(|d| DiagnosticLine {
                    kind: d.code().to_owned(),
                    question: d.question().to_string(),
                    findings: d.indexes(),
                    message: d.to_string(),
                })
                .collect(),
        }
    }
}
