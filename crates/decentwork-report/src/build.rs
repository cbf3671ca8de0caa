//! Building reports from model values, the catalogue and scoring results.

use chrono::{Months, NaiveDate};
use decentwork_catalogue::{Cluster, CompliancePoint, Question, Tag};
use decentwork_model::{
    Assessment, Brand, BuyerTier, Committee, ConsentScope, Country, Factory, ImprovementPlan,
    Outcome, Period, ProgrammeStatus, ProgressReport, Side, SourcingRelationship, TrainingSession,
};
use decentwork_scoring::{
    AlertKind, PointStatus, RateTable, ScoreOptions, compare, plan_summary, score_assessment,
};

use crate::types::{
    AlertLine, BrandPortfolioReport, ChangeSection, ClusterSection, CommitteeLine, DialogueLine,
    DisclosureLine, FactoryAssessmentReport, FactoryLine, Meta, PlanLine, PointSection,
    PopulationLine, PortfolioAssessment, PortfolioLine, ProgrammeSummary, ProgressReportDocument,
    PublicDisclosureReport, QuestionLine, Rate, RateLine, SynthesisReport, TrainedLine,
};

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
    }
}

impl FactoryAssessmentReport {
    /// The report of `assessment` of `factory`, compared with `previous` when
    /// given. Question texts use the law in force on the visit's first day.
    ///
    /// Findings are only those of the assessment; facts come from the catalogue.
    #[must_use]
    pub fn build(
        factory: &Factory,
        assessment: &Assessment,
        previous: Option<&Assessment>,
        report_date: NaiveDate,
    ) -> Self {
        let options = ScoreOptions::in_jurisdiction(factory.jurisdiction);
        let score = score_assessment(assessment, options);
        let on = assessment.start;
        let clusters = Cluster::all()
            .map(|cluster| {
                let tally = score
                    .cluster(cluster.id())
                    .map(|c| c.points)
                    .unwrap_or_default();
                let points = cluster
                    .compliance_points()
                    .map(|cp| point_section(cp, &score, factory, on))
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
                Some(AlertLine {
                    kind: a.kind,
                    question: question_line(q, factory, on),
                    workers_affected: a.workers_affected,
                    legal_references: a.legal.clone(),
                })
            })
            .collect();
        let change = previous.map(|prev| {
            let before = score_assessment(prev, options);
            let progress = compare(&before, &score);
            let ids = |c: decentwork_scoring::Change| {
                progress
                    .points
                    .iter()
                    .filter(|p| p.change == c)
                    .map(|p| p.point.to_string())
                    .collect()
            };
            ChangeSection {
                previous: prev.id,
                previous_cycle: prev.cycle,
                newly_compliant: ids(decentwork_scoring::Change::NewlyCompliant),
                newly_non_compliant: ids(decentwork_scoring::Change::NewlyNonCompliant),
                persistent: ids(decentwork_scoring::Change::Persistent),
            }
        });
        FactoryAssessmentReport {
            meta: Meta::new("factory_assessment", report_date),
            factory: factory_line(factory),
            assessment: assessment.id,
            cycle: assessment.cycle,
            visit: (assessment.start, assessment.end),
            overall: Rate::new(score.overall.non_compliant, score.overall.assessed),
            clusters,
            alerts,
            change,
            notes: score.diagnostics.iter().map(ToString::to_string).collect(),
        }
    }
}

fn point_section(
    cp: CompliancePoint,
    score: &decentwork_scoring::AssessmentScore,
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
                .filter_map(|f| Question::get(f.question).ok())
                .map(|q| question_line(q, factory, on))
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
    /// The public disclosure of `assessment`: only findings on questions tagged
    /// for public disclosure, assessed (compliant or not), by factory name.
    #[must_use]
    pub fn build(factory: &Factory, assessment: &Assessment, report_date: NaiveDate) -> Self {
        let mut items: Vec<DisclosureLine> = Vec::new();
        for finding in assessment
            .findings
            .iter()
            .filter(|f| f.outcome.is_assessed())
        {
            let Ok(question) = Question::get(finding.question) else {
                continue;
            };
            if !question.has_tag(Tag::PublicDisclosure) {
                continue;
            }
            let non_compliant = finding.outcome == Outcome::NonCompliant;
            match items.iter_mut().find(|i| i.question.id == question.id()) {
                // A repeated question is disclosed once, non-compliant if any finding is.
                Some(existing) => existing.non_compliant |= non_compliant,
                None => items.push(DisclosureLine {
                    question: question_line(question, factory, assessment.start),
                    non_compliant,
                }),
            }
        }
        items.sort_by(|a, b| a.question.id.cmp(&b.question.id));
        PublicDisclosureReport {
            meta: Meta::new("public_disclosure", report_date),
            factory_name: factory.name.clone(),
            country: factory.jurisdiction.country().name().to_owned(),
            assessed_on: assessment.start,
            items,
        }
    }
}

impl BrandPortfolioReport {
    /// The portfolio of `brand` on `report_date`: each factory whose consent to
    /// share assessment reports with the brand is valid on that date, with its
    /// latest assessment on or before it. Factories without valid consent are
    /// left out entirely.
    #[must_use]
    pub fn build(
        brand: &Brand,
        factories: &[(Factory, Vec<Assessment>)],
        report_date: NaiveDate,
    ) -> Self {
        let mut lines: Vec<PortfolioLine> = factories
            .iter()
            .filter_map(|(factory, assessments)| {
                let consent =
                    factory.consent_for(brand.id, ConsentScope::AssessmentReports, report_date)?;
                let latest = assessments
                    .iter()
                    .filter(|a| a.factory == factory.id && a.start <= report_date)
                    .max_by_key(|a| (a.start, a.cycle))
                    .map(|a| {
                        let score = score_assessment(
                            a,
                            ScoreOptions::in_jurisdiction(factory.jurisdiction),
                        );
                        let count = |k: AlertKind| {
                            u32::try_from(score.alerts.iter().filter(|x| x.kind == k).count())
                                .unwrap_or(u32::MAX)
                        };
                        PortfolioAssessment {
                            assessment: a.id,
                            cycle: a.cycle,
                            start: a.start,
                            overall: Rate::new(score.overall.non_compliant, score.overall.assessed),
                            zero_tolerance: count(AlertKind::ZeroTolerance),
                            critical_issues: count(AlertKind::CriticalIssue),
                        }
                    });
                Some(PortfolioLine {
                    factory: factory_line(factory),
                    consent_since: consent.period().start(),
                    latest,
                })
            })
            .collect();
        lines.sort_by_key(|a| a.factory.id);
        BrandPortfolioReport {
            meta: Meta::new("brand_portfolio", report_date),
            brand: brand.id,
            brand_name: brand.name.clone(),
            factories: lines,
        }
    }
}

impl SynthesisReport {
    /// A synthesis from a rate table, stating the population it was computed over.
    #[must_use]
    pub fn from_table(title: &str, table: &RateTable, report_date: NaiveDate) -> Self {
        let selection = match table.selection {
            decentwork_scoring::Selection::LatestInWindow(w) => format!(
                "latest assessment of each factory starting {:04}-{:02} to {:04}-{:02}",
                w.from.0, w.from.1, w.to.0, w.to.1
            ),
            decentwork_scoring::Selection::Cycle { cycle, window } => match window {
                Some(w) => format!(
                    "every cycle-{cycle} assessment starting {:04}-{:02} to {:04}-{:02}",
                    w.from.0, w.from.1, w.to.0, w.to.1
                ),
                None => format!("every cycle-{cycle} assessment"),
            },
            decentwork_scoring::Selection::BalancedPanel { cycles, window } => match window {
                Some(w) => format!(
                    "balanced panel: factories with every cycle from 1 to {cycles} starting {:04}-{:02} to {:04}-{:02}, one assessment per cycle",
                    w.from.0, w.from.1, w.to.0, w.to.1
                ),
                None => format!(
                    "balanced panel: factories with every cycle from 1 to {cycles}, one assessment per cycle"
                ),
            },
            _ => "every assessment".to_owned(),
        };
        SynthesisReport {
            meta: Meta::new("industry_synthesis", report_date),
            title: title.to_owned(),
            population: PopulationLine {
                selection,
                group_by: table
                    .group_by
                    .iter()
                    .map(|g| format!("{g:?}").to_lowercase())
                    .collect(),
                harmonised: table.options.merge_worst_forms && table.options.systems_as_osh,
                exclude_obsolete: table.options.exclude_obsolete,
                assessments: table.assessments,
                factories: table.factories,
                excluded_obsolete: table.excluded_obsolete,
                duplicates_ignored: table.notes.duplicates_ignored,
                conflicting_rows: table.notes.conflicting_rows,
            },
            rows: table
                .rows
                .iter()
                .map(|r| RateLine {
                    country: r.country,
                    cycle: r.cycle,
                    cluster: r.cluster.clone(),
                    cp: r.point.clone(),
                    factories: Rate::new(r.factories.non_compliant, r.factories.assessed),
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
