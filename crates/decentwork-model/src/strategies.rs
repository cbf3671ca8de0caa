//! [proptest](mod@proptest) strategies for the model's types, for property tests here and in
//! other crates (feature `proptest`).
//!
//! Every strategy yields only values that pass the model's checks, and the main
//! types implement [`Arbitrary`], so `any::<Factory>()` works.
//!
//! ```
//! use decentwork_model::{Assessment, strategies};
//! use proptest::prelude::*;
//!
//! proptest!(|(assessment in strategies::assessment())| {
//!     prop_assert!(assessment.cycle >= 1);
//!     prop_assert!(assessment.start <= assessment.end);
//! });
//! ```

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use proptest::sample::select;

use crate::{
    Age, Assessment, AssessmentFields, AssessmentId, AssessmentKind, AssessorId, Attendance, Brand,
    BrandFields, BrandId, BuyerKind, BuyerTier, Committee, CommitteeFields, CommitteeId,
    CommitteeKind, CompliancePointId, ConsentGrant, ConsentScope, ContractCounts, ContractType,
    Country, DialogueItem, DialogueRating, Factory, FactoryFields, FactoryId, Finding,
    ImprovementPlan, ImprovementPlanFields, ItemStatus, Jurisdiction, Meeting, Member, OsId,
    Outcome, Period, PlanItem, PlanTarget, ProgrammeStatus, ProgressReport, ProgressReportFields,
    QuestionId, Selection, Sex, SexCounts, Side, StatusChange, StatusEntry, Subdivision,
    WorkerRecord, WorkerRecordFields, WorkerRef, Workforce, WorkforceFields,
};

/// The earliest date the strategies produce.
fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(2005, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// A date between 2005-01-01 and about 2040.
pub fn date() -> impl Strategy<Value = NaiveDate> {
    (0_u64..13_000).prop_map(|days| after(epoch(), days))
}

fn after(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).unwrap_or(date)
}

/// `n` strictly increasing dates starting on or after `from`.
fn increasing_dates(
    from: NaiveDate,
    n: std::ops::Range<usize>,
) -> impl Strategy<Value = Vec<NaiveDate>> {
    prop::collection::vec(1_u64..400, n).prop_map(move |gaps| {
        let mut day = from;
        gaps.into_iter()
            .map(|gap| {
                day = after(day, gap);
                day
            })
            .collect()
    })
}

/// A period, open-ended half of the time.
pub fn period() -> impl Strategy<Value = Period> {
    (date(), prop::option::of(0_u64..2_000)).prop_map(|(start, length)| {
        Period::new(start, length.map(|days| after(start, days))).unwrap_or(Period::from(start))
    })
}

/// A period starting on or after `from`, ending by `until` when that is given.
fn period_within(outer: Period) -> impl Strategy<Value = Period> {
    let span = outer.end().map_or(3_000, |end| {
        u64::try_from((end - outer.start()).num_days()).unwrap_or(0)
    });
    (0..=span, 0..=span, any::<bool>()).prop_map(move |(a, b, open)| {
        let (a, b) = (a.min(b), a.max(b));
        let start = after(outer.start(), a);
        let end = if open && outer.end().is_none() {
            None
        } else {
            Some(after(outer.start(), b))
        };
        Period::new(start, end).unwrap_or(outer)
    })
}

macro_rules! arbitrary_from {
    ($($ty:ty => $fn:ident),* $(,)?) => {$(
        impl Arbitrary for $ty {
            type Parameters = ();
            type Strategy = BoxedStrategy<Self>;
            fn arbitrary_with((): ()) -> Self::Strategy {
                $fn().boxed()
            }
        }
    )*};
}

macro_rules! identifier_strategy {
    ($($fn:ident -> $ty:ident),* $(,)?) => {$(
        #[doc = concat!("A valid [`", stringify!($ty), "`].")]
        pub fn $fn() -> impl Strategy<Value = $ty> {
            "[A-Za-z0-9][A-Za-z0-9._-]{0,15}".prop_filter_map("valid identifier", |s| $ty::new(&s).ok())
        }

        arbitrary_from!($ty => $fn);
    )*};
}

identifier_strategy!(
    factory_id -> FactoryId,
    brand_id -> BrandId,
    assessment_id -> AssessmentId,
    committee_id -> CommitteeId,
    question_id -> QuestionId,
    compliance_point_id -> CompliancePointId,
    worker_ref -> WorkerRef,
    assessor_id -> AssessorId,
);

/// Any assigned country, the programme countries more often.
pub fn country() -> impl Strategy<Value = Country> {
    prop_oneof![
        select(Country::PROGRAMME.to_vec()),
        select(Country::all().collect::<Vec<_>>())
    ]
}

/// A country, or a subdivision of one of the programme countries.
pub fn jurisdiction() -> impl Strategy<Value = Jurisdiction> {
    let subdivisions: Vec<Subdivision> = Country::PROGRAMME
        .iter()
        .flat_map(|c| c.subdivisions())
        .collect();
    prop_oneof![
        country().prop_map(Jurisdiction::from),
        select(subdivisions).prop_map(Jurisdiction::from)
    ]
}

/// A valid OS ID (the check character computed from the rest).
pub fn os_id() -> impl Strategy<Value = OsId> {
    (country(), "[0-9]{7}[0-9A-HJKMNP-TV-Z]{5}").prop_filter_map(
        "valid OS ID",
        |(country, rest)| {
            let body = format!("{}{rest}", country.code());
            "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
                .chars()
                .find_map(|check| OsId::new(&format!("{body}{check}")).ok())
        },
    )
}

/// Sex.
pub fn sex() -> impl Strategy<Value = Sex> {
    prop_oneof![
        Just(Sex::Female),
        Just(Sex::Male),
        Just(Sex::OtherOrUndisclosed)
    ]
}

/// Counts by sex, each below 5 000.
pub fn sex_counts() -> impl Strategy<Value = SexCounts> {
    (0_u32..5_000, 0_u32..5_000, 0_u32..50).prop_map(|(w, m, o)| SexCounts::new(w, m, o))
}

/// A workforce snapshot on `on`.
fn workforce_on(on: NaiveDate) -> impl Strategy<Value = Workforce> {
    (
        sex_counts(),
        any::<bool>(),
        0_u32..=100,
        0_u32..=100,
        [0_u32..=100, 0..=100, 0..=100],
    )
        .prop_filter_map(
            "valid workforce",
            move |(by_sex, contracts, young, migrant, split)| {
                let total = u32::try_from(by_sex.total()).ok()?;
                let part = |pct: u32| u32::try_from(u64::from(total) * u64::from(pct) / 100).ok();
                let mut fields = WorkforceFields::new(on, total, by_sex);
                fields.young_workers = part(young / 10)?;
                fields.migrant_workers = part(migrant)?;
                if contracts {
                    let [a, b, c] = split.map(|s| part(s / 3).unwrap_or(0));
                    let rest = total.checked_sub(a + b + c)?;
                    fields.by_contract = Some(ContractCounts::new(rest, a, b, c));
                }
                Workforce::new(fields).ok()
            },
        )
}

/// A workforce snapshot.
pub fn workforce() -> impl Strategy<Value = Workforce> {
    date().prop_flat_map(workforce_on)
}

fn label() -> impl Strategy<Value = String> {
    "[A-Z][a-z]{2,12}( [a-z]{2,10}){0,2}"
}

/// A factory with status changes, workforce snapshots and consents.
pub fn factory() -> impl Strategy<Value = Factory> {
    let statuses = [
        ProgrammeStatus::Enrolled,
        ProgrammeStatus::Suspended,
        ProgrammeStatus::Left,
    ];
    (
        (
            factory_id(),
            label(),
            prop::option::of(os_id()),
            jurisdiction(),
            label(),
            any::<bool>(),
            date(),
        ),
        prop::collection::btree_set(label(), 0..3),
        prop::collection::vec(select(statuses.to_vec()), 0..4),
        prop::collection::vec(brand_id(), 0..3),
    )
        .prop_flat_map(
            |(
                (id, name, os_id, jurisdiction, address, exporter, enrolled_on),
                sectors,
                statuses,
                brands,
            )| {
                let changes = increasing_dates(enrolled_on, statuses.len()..statuses.len() + 1);
                let snapshots = increasing_dates(enrolled_on, 0..4)
                    .prop_flat_map(|dates| dates.into_iter().map(workforce_on).collect::<Vec<_>>());
                let consent_periods = prop::collection::vec(period(), brands.len()..=brands.len());
                let scopes = prop::collection::vec(
                    select(vec![
                        ConsentScope::AssessmentReports,
                        ConsentScope::ProgressReports,
                        ConsentScope::AllReports,
                    ]),
                    brands.len()..=brands.len(),
                );
                (
                    Just((
                        id,
                        name,
                        os_id,
                        jurisdiction,
                        address,
                        exporter,
                        enrolled_on,
                        sectors,
                        statuses,
                        brands,
                    )),
                    changes,
                    snapshots,
                    consent_periods,
                    scopes,
                )
            },
        )
        .prop_filter_map("valid factory", assemble_factory)
}

/// The parts [`factory`] draws, before they are put together.
type FactoryParts = (
    (
        FactoryId,
        String,
        Option<OsId>,
        Jurisdiction,
        String,
        bool,
        NaiveDate,
        BTreeSet<String>,
        Vec<ProgrammeStatus>,
        Vec<BrandId>,
    ),
    Vec<NaiveDate>,
    Vec<Workforce>,
    Vec<Period>,
    Vec<ConsentScope>,
);

fn assemble_factory(parts: FactoryParts) -> Option<Factory> {
    let (
        (id, name, os_id, jurisdiction, address, exporter, enrolled_on, sectors, statuses, brands),
        dates,
        workforce,
        periods,
        scopes,
    ) = parts;
    let mut fields = FactoryFields::new(id, name, jurisdiction, address, enrolled_on);
    fields.os_id = os_id;
    fields.exporter = exporter;
    fields.sectors = sectors.into_iter().collect();
    let mut current = ProgrammeStatus::Enrolled;
    for (status, on) in statuses.into_iter().zip(dates) {
        if status != current {
            fields.status_changes.push(StatusChange::new(status, on));
            current = status;
        }
    }
    fields.workforce = workforce;
    let mut seen = BTreeSet::new();
    for ((brand, period), scope) in brands.into_iter().zip(periods).zip(scopes) {
        if seen.insert(brand) {
            fields
                .consents
                .push(ConsentGrant::new(brand, scope, period));
        }
    }
    Factory::new(fields).ok()
}

/// A brand.
pub fn brand() -> impl Strategy<Value = Brand> {
    (
        brand_id(),
        label(),
        select(vec![BuyerKind::Brand, BuyerKind::Retailer]),
        select(vec![BuyerTier::BuyerPartner, BuyerTier::Participant]),
    )
        .prop_filter_map("valid brand", |(id, name, kind, tier)| {
            Brand::new(BrandFields::new(id, name, kind, tier)).ok()
        })
}

/// A committee whose members each hold one seat at a time, with at most one
/// chair, and meetings in date order.
pub fn committee() -> impl Strategy<Value = Committee> {
    let kinds = vec![
        CommitteeKind::Picc,
        CommitteeKind::ParticipationCommittee,
        CommitteeKind::SafetyCommittee,
        CommitteeKind::LksBipartit,
        CommitteeKind::WorksCouncil,
        CommitteeKind::JointWorksCouncil,
        CommitteeKind::OshCommittee,
        CommitteeKind::Other,
    ];
    (
        committee_id(),
        factory_id(),
        select(kinds),
        label(),
        period(),
    )
        .prop_flat_map(|(id, factory, kind, name, period)| {
            let member = (
                select(vec![Side::Management, Side::Workers]),
                sex(),
                select(vec![Selection::Elected, Selection::Appointed]),
                period_within(period),
            );
            let meetings = increasing_dates(period.start(), 0..6);
            (
                Just((id, factory, kind, name, period)),
                prop::collection::btree_map(worker_ref(), member, 0..12),
                meetings,
                (0_u32..10, 0_u32..10, any::<bool>()),
            )
        })
        .prop_filter_map(
            "valid committee",
            |((id, factory, kind, name, period), members, dates, (m, w, minutes))| {
                let mut fields = CommitteeFields::new(id, factory, kind, period);
                fields.name = Some(name);
                fields.members = members
                    .into_iter()
                    .map(|(person, (side, sex, selection, seat))| {
                        Member::new(person, side, sex, selection, seat)
                    })
                    .collect();
                if let Some(first) = fields.members.first_mut() {
                    first.chair = Some(first.period);
                }
                fields.meetings = dates
                    .into_iter()
                    .filter(|d| period.contains(*d))
                    .map(|d| Meeting::new(d, Attendance::new(m, w), minutes))
                    .collect();
                Committee::new(fields).ok()
            },
        )
}

/// An outcome.
pub fn outcome() -> impl Strategy<Value = Outcome> {
    prop_oneof![
        3 => Just(Outcome::Compliant),
        2 => Just(Outcome::NonCompliant),
        1 => Just(Outcome::NotApplicable),
        1 => Just(Outcome::NotAssessed),
    ]
}

/// A finding, with a note and a count of workers some of the time.
pub fn finding() -> impl Strategy<Value = Finding> {
    (
        question_id(),
        outcome(),
        prop::option::of(label()),
        prop::option::of(0_u32..500),
    )
        .prop_map(|(question, outcome, evidence, affected)| {
            let mut finding = Finding::new(question, outcome);
            finding.evidence = evidence;
            finding.workers_affected = affected.filter(|_| outcome.is_assessed());
            finding
        })
}

/// An assessment with up to 40 findings (questions may repeat).
pub fn assessment() -> impl Strategy<Value = Assessment> {
    let kinds = vec![
        AssessmentKind::Unannounced,
        AssessmentKind::Announced,
        AssessmentKind::Virtual,
        AssessmentKind::SelfAssessment,
    ];
    (
        assessment_id(),
        factory_id(),
        1_u16..12,
        select(kinds),
        date(),
        0_u64..4,
        select(vec!["Garment CAT", "Garment CAT V2"]),
        prop::collection::btree_set(assessor_id(), 0..3),
        prop::collection::vec(finding(), 0..40),
    )
        .prop_filter_map(
            "valid assessment",
            |(id, factory, cycle, kind, start, days, tool, assessors, findings)| {
                let mut fields = AssessmentFields::new(
                    id,
                    factory,
                    cycle,
                    kind,
                    (start, after(start, days)),
                    tool,
                );
                fields.assessors = assessors.into_iter().collect();
                fields.findings = findings;
                Assessment::new(fields).ok()
            },
        )
}

/// A worker record.
pub fn worker_record() -> impl Strategy<Value = WorkerRecord> {
    let contracts = vec![
        ContractType::Permanent,
        ContractType::FixedTerm,
        ContractType::DailyOrPieceRate,
        ContractType::Subcontracted,
    ];
    (
        worker_ref(),
        sex(),
        prop_oneof![
            (1950_i32..2012).prop_map(Age::BirthYear),
            (14_u8..60, 0_u8..10).prop_map(|(min, width)| Age::Band {
                min,
                max: min + width
            }),
        ],
        select(contracts),
        date(),
        prop::option::of(label()),
    )
        .prop_filter_map(
            "valid worker",
            |(reference, sex, age, contract, on, position)| {
                let mut fields = WorkerRecordFields::new(reference, sex, age, contract);
                match age {
                    Age::BirthYear(year) => {
                        fields.hired_on =
                            NaiveDate::from_ymd_opt(year + 16, 1, 1).map(|d| d.max(on));
                    }
                    _ => fields.age_as_of = Some(on),
                }
                fields.position = position;
                WorkerRecord::new(fields).ok()
            },
        )
}

/// An improvement plan with items whose histories are in date order.
pub fn improvement_plan() -> impl Strategy<Value = ImprovementPlan> {
    let statuses = vec![
        ItemStatus::Pending,
        ItemStatus::InProgress,
        ItemStatus::Completed,
    ];
    let item = (
        prop_oneof![
            compliance_point_id().prop_map(PlanTarget::CompliancePoint),
            question_id().prop_map(PlanTarget::Question)
        ],
        label(),
        label(),
        date(),
        date().prop_flat_map(|d| increasing_dates(d, 1..4)),
        prop::collection::vec(select(statuses), 3),
    )
        .prop_map(|(target, action, owner, due_on, dates, statuses)| {
            let mut item = PlanItem::new(target, action, owner, due_on, epoch());
            item.history = dates
                .into_iter()
                .zip(statuses)
                .map(|(on, s)| StatusEntry::new(s, on))
                .collect();
            item
        });
    (factory_id(), prop::collection::vec(item, 0..6)).prop_filter_map(
        "valid plan",
        |(factory, items)| {
            let mut fields = ImprovementPlanFields::new(factory);
            fields.items = items;
            ImprovementPlan::new(fields).ok()
        },
    )
}

/// A progress report with social-dialogue ratings.
pub fn progress_report() -> impl Strategy<Value = ProgressReport> {
    let ratings = vec![
        DialogueRating::OnTrack,
        DialogueRating::ModerateProgress,
        DialogueRating::NoProgress,
    ];
    (
        factory_id(),
        assessment_id(),
        1_u8..4,
        date(),
        prop::collection::btree_map(label(), select(ratings), 0..5),
    )
        .prop_filter_map(
            "valid progress report",
            |(factory, assessment, number, on, items)| {
                let mut fields = ProgressReportFields::new(factory, assessment, number, on);
                fields.social_dialogue = items
                    .into_iter()
                    .map(|(topic, rating)| DialogueItem::new(topic, rating))
                    .collect();
                ProgressReport::new(fields).ok()
            },
        )
}

arbitrary_from!(
    Country => country,
    Jurisdiction => jurisdiction,
    OsId => os_id,
    Period => period,
    SexCounts => sex_counts,
    Workforce => workforce,
    Factory => factory,
    Brand => brand,
    Committee => committee,
    Finding => finding,
    Assessment => assessment,
    WorkerRecord => worker_record,
    ImprovementPlan => improvement_plan,
    ProgressReport => progress_report,
);
