//! Worked examples of each part of the engine.
#![cfg(feature = "serde")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

use chrono::Datelike;
use chrono::NaiveDate;
use decentwork_catalogue::{Cluster, CompliancePoint};
use decentwork_model::{
    Age, AnnualLeaveRecord, Assessment, AssessmentFields, AssessmentKind, Attendance, Committee,
    CommitteeFields, CommitteeKind, ContractType, Country, Factory, FactoryFields, Finding,
    ImprovementPlan, MaternityRecord, Meeting, Member, Outcome, PayRecord, Period, Selection, Sex,
    SexCounts, Side, Timesheet, WorkedDay, WorkerRecord, WorkerRecordFields, Workforce,
    WorkforceFields, json,
};
use decentwork_scoring::{
    AlertKind, AssessmentInfo, BsciGraded, BsciOverall, Change, CommitteeRule, Diagnostic,
    EvidenceContext, EvidenceKind, EvidenceResult, FollowUpKind, Grade, GroupBy, Labelled, Measure,
    MonthWindow, Observation, Observed, PointStatus, Population, PopulationRule, RateOptions,
    Requirement, ScoreOptions, ScoringPolicy, SeverityWeighted, SeverityWeights, check_committees,
    check_evidence, compare, explain, merge_evidence, plan_summary, score_assessment,
};
use rust_decimal::Decimal;

const BUNDLE: &str = include_str!("../../decentwork-model/examples/data/factory-bundle.json");

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn bundle_assessments() -> Vec<Assessment> {
    let value: serde_json::Value = serde_json::from_str(BUNDLE).unwrap();
    json::from_str(&value["assessments"].to_string()).unwrap()
}

fn assessment(findings: &[(&str, Outcome)]) -> Assessment {
    let mut fields = AssessmentFields::new(
        "A1".parse().unwrap(),
        "F1".parse().unwrap(),
        1,
        AssessmentKind::Unannounced,
        (day(2024, 3, 4), day(2024, 3, 5)),
        "Garment CAT",
    );
    fields.findings = findings
        .iter()
        .map(|(q, o)| Finding::new(q.parse().unwrap(), *o))
        .collect();
    Assessment::new(fields).unwrap()
}

#[test]
fn example_factory_explained() {
    let scores: Vec<_> = bundle_assessments()
        .iter()
        .map(|a| score_assessment(a, ScoreOptions::in_jurisdiction("BD".parse().unwrap())))
        .collect();
    insta::assert_snapshot!(explain(&scores[0]));
    let progress = compare(&scores[0], &scores[1]);
    assert_eq!(
        progress.newly_compliant, 10,
        "exits cleared, age checks in place, pay slips, guards, toilets…"
    );
    assert_eq!(
        progress.persistent, 4,
        "overtime and its pay, contracts, chemicals"
    );
    assert_eq!(
        progress.newly_non_compliant, 1,
        "one helper under the minimum wage"
    );
    let exits = progress
        .points
        .iter()
        .find(|p| p.point.as_str() == "OSH.EMERGENCY")
        .unwrap();
    assert_eq!(exits.change, Change::NewlyCompliant);
}

#[test]
fn diagnostics_name_what_was_odd() {
    let s = score_assessment(
        &assessment(&[
            ("CL.CHILD.01", Outcome::Compliant),
            ("CL.CHILD.01", Outcome::NonCompliant),
            ("NOPE.01", Outcome::NonCompliant),
            ("CL.CHILD.02", Outcome::NonCompliant), // a fact-gathering question
        ]),
        ScoreOptions::default(),
    );
    assert_eq!(
        s.point("CL.CHILD").unwrap().status,
        PointStatus::NonCompliant,
        "non-compliant wins a repeat"
    );
    let texts: Vec<String> = s.diagnostics.iter().map(ToString::to_string).collect();
    insta::assert_debug_snapshot!(texts, @r#"
    [
        "question CL.CHILD.01 has 2 findings (finding 0 compliant, finding 1 non-compliant); counted once, as non-compliant",
        "finding 2: question NOPE.01 is not in the catalogue; not counted",
        "finding 3: fact-gathering question CL.CHILD.02 marked non-compliant; fact-gathering questions never count",
    ]
    "#);
    assert!(matches!(
        s.diagnostics[0],
        Diagnostic::RepeatedQuestion {
            counted_as: Outcome::NonCompliant,
            ..
        }
    ));
}

#[test]
fn alerts_carry_legal_references() {
    let s = score_assessment(
        &assessment(&[
            ("CL.CHILD.01", Outcome::NonCompliant),
            ("OSH.EMERGENCY.01", Outcome::NonCompliant),
        ]),
        ScoreOptions::in_jurisdiction("BD".parse().unwrap()),
    );
    let zero: Vec<_> = s
        .alerts
        .iter()
        .filter(|a| a.kind == AlertKind::ZeroTolerance)
        .collect();
    assert_eq!(zero.len(), 1);
    assert_eq!(zero[0].question.as_str(), "CL.CHILD.01");
    assert!(zero[0].ilo.iter().any(|r| r.starts_with("C138")));
    assert!(
        zero[0]
            .legal
            .iter()
            .any(|r| r.contains("Bangladesh Labour Act")),
        "{:?}",
        zero[0].legal
    );
    assert!(
        s.alerts
            .iter()
            .any(|a| a.kind == AlertKind::CriticalIssue && a.point.as_str() == "OSH.EMERGENCY")
    );
}

/// One export row's worth of observation: (factory, assessment), start,
/// cycle, (cluster, point, question) labels resolved as an importer would,
/// finding.
fn observe(
    p: &mut Population,
    (factory, assessment): (&str, &str),
    start: NaiveDate,
    cycle: u16,
    (cluster, point, q): (&'static str, &'static str, &'static str),
    observed: Observed,
    obsolete: bool,
) {
    let mut info = AssessmentInfo::new(
        assessment.parse().unwrap(),
        factory.parse().unwrap(),
        start,
        cycle,
    );
    info.country = Labelled::new(Some(Country::KH), "Cambodia");
    info.obsolete = obsolete;
    // "Systems" is a cluster of older question sets, not of the catalogue.
    let cluster = Labelled::new(
        Cluster::lookup(cluster)
            .ok()
            .filter(|_| cluster != "Systems"),
        cluster,
    );
    let point = Labelled::new(CompliancePoint::lookup(point).ok(), point);
    p.add(&Observation::new(
        info,
        (cluster, point),
        Labelled::unknown(q),
        observed,
    ));
}

#[test]
#[allow(clippy::too_many_lines, reason = "one worked scenario, step by step")]
fn population_from_export_rows() {
    use Observed::{Compliant, FactGathering, NonCompliant};
    let mut p = Population::new();
    let a = day(2023, 5, 10);
    let b = day(2024, 5, 10);
    let mut add = |fa, start, cycle, labels, observed| {
        observe(&mut p, fa, start, cycle, labels, observed, false);
    };
    add(
        ("1", "11"),
        a,
        1,
        ("Systems", "OSH Management Systems", "q1"),
        NonCompliant,
    );
    add(
        ("1", "11"),
        a,
        1,
        ("Systems", "OSH Management Systems", "q1"),
        NonCompliant,
    ); // exact duplicate
    add(
        ("1", "12"),
        b,
        2,
        (
            "Occupational Safety and Health",
            "OSH Management Systems",
            "q1",
        ),
        Compliant,
    );
    add(
        ("2", "21"),
        b,
        1,
        ("Child Labour", "Hazardous Work", "q2"),
        NonCompliant,
    );
    add(
        ("2", "21"),
        b,
        1,
        ("Child Labour", "Unconditional Worst Forms", "q3"),
        Compliant,
    );
    add(
        ("3", "31"),
        b,
        1,
        ("Working Time", "Shift Handover", "q4"),
        NonCompliant,
    ); // unknown to the catalogue
    add(
        ("3", "31"),
        b,
        1,
        ("Systems", "Legacy Systems Point", "q7"),
        NonCompliant,
    ); // unknown, legacy cluster
    add(
        ("3", "31"),
        b,
        1,
        ("Working Time", "Shift Handover", "q4"),
        Compliant,
    ); // conflicting
    observe(
        &mut p,
        ("4", "41"),
        b,
        1,
        ("Working Time", "Overtime", "q5"),
        NonCompliant,
        true,
    );
    observe(
        &mut p,
        ("4", "41"),
        b,
        1,
        ("Working Time", "Overtime", "q6"),
        FactGathering,
        true,
    );
    observe(
        &mut p,
        ("4", "41"),
        a,
        1,
        ("Working Time", "Overtime", "q8"),
        NonCompliant,
        true,
    ); // another date
    let notes = p.notes();
    assert_eq!(
        (
            notes.duplicates_ignored,
            notes.conflicting_rows,
            notes.fact_gathering_rows,
            notes.inconsistent_rows
        ),
        (1, 1, 1, 1)
    );

    let window = MonthWindow::new((2023, 1), (2024, 12)).unwrap();
    let latest = p.rates(
        PopulationRule::Latest {
            window: Some(window),
        },
        &[GroupBy::Point],
        RateOptions::for_trends(),
    );
    assert_eq!(
        latest.basis.assessments, 3,
        "one per factory, factory 4 obsolete"
    );
    assert_eq!(latest.basis.excluded_obsolete, 1);
    let point = |t: &decentwork_scoring::RateTable<'_>, name: &str| {
        t.rows
            .iter()
            .find(|r| r.point.is_some_and(|p| p.label == name))
            .map(|r| {
                (
                    r.tally.non_compliant,
                    r.tally.assessed,
                    r.point.and_then(|p| p.key).map(CompliancePoint::id),
                )
            })
    };
    assert_eq!(
        point(&latest, "OSH Management Systems"),
        Some((0, 1, Some("OSH.MGMT"))),
        "latest of factory 1 is compliant"
    );
    assert_eq!(
        point(&latest, "Hazardous Work and other Worst Forms"),
        Some((1, 1, Some("CL.HAZARD"))),
        "merged worst forms, under the analysts' name"
    );
    assert_eq!(point(&latest, "Hazardous Work"), None, "merged away");
    assert_eq!(
        point(&latest, "Shift Handover"),
        Some((1, 1, None)),
        "unknown labels still get rates"
    );

    let plain_latest = p.rates(
        PopulationRule::Latest {
            window: Some(window),
        },
        &[GroupBy::Point],
        RateOptions::default(),
    );
    assert_eq!(
        point(&plain_latest, "Hazardous Work"),
        Some((1, 1, Some("CL.HAZARD"))),
        "the export's label by default"
    );
    assert_eq!(
        point(&plain_latest, "Unconditional Worst Forms"),
        Some((0, 1, Some("CL.UWF")))
    );

    let cycle1 = |options| {
        p.rates(
            PopulationRule::Cycle {
                cycle: 1,
                window: None,
            },
            &[GroupBy::Cluster],
            options,
        )
    };
    let harmonised = cycle1(RateOptions::for_trends());
    let osh = harmonised
        .rows
        .iter()
        .find(|r| {
            r.cluster
                .is_some_and(|c| c.label == "Occupational Safety and Health")
        })
        .unwrap();
    assert_eq!(
        (osh.tally.non_compliant, osh.tally.assessed),
        (2, 2),
        "Systems read as OSH"
    );
    assert_eq!(osh.cluster.unwrap().key.map(Cluster::id), Some("OSH"));
    let plain = cycle1(RateOptions::default());
    let systems = plain
        .rows
        .iter()
        .find(|r| r.cluster.is_some_and(|c| c.label == "Systems"))
        .unwrap();
    assert_eq!(
        systems.cluster.unwrap().key,
        None,
        "Systems is not a catalogue cluster"
    );

    let by_country = p.rates(
        PopulationRule::All,
        &[GroupBy::Country],
        RateOptions::default(),
    );
    assert_eq!(by_country.rows.len(), 1);
    let country = by_country.rows[0].country.unwrap();
    assert_eq!(
        (country.label, country.key),
        ("Cambodia", Some(Country::KH))
    );

    let panel = p.selected(
        PopulationRule::StrictPanel {
            cycles: 2,
            window: None,
        },
        RateOptions::default(),
    );
    assert_eq!(
        panel.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["11", "12"]
    );
}

/// The two balanced panels on the cases they treat differently (the table in
/// `PopulationRule`'s documentation).
#[test]
#[allow(clippy::too_many_lines, reason = "one worked scenario, step by step")]
fn balanced_panels() {
    let mut p = Population::new();
    let cases: [(&str, &[u16]); 5] = [
        ("regular", &[1, 2, 3]),
        ("skipped", &[1, 3]),
        ("repeated", &[1, 2, 2, 3]),
        ("beyond", &[1, 2, 3, 4]),
        ("short", &[1, 2]),
    ];
    for (factory, cycles) in cases {
        for (i, &cycle) in cycles.iter().enumerate() {
            let start = day(2019 + i32::try_from(i).unwrap(), 3, 1);
            let id = format!("{factory}-{i}");
            observe(
                &mut p,
                (factory, &id),
                start,
                cycle,
                ("Working Time", "Overtime", "q"),
                Observed::Compliant,
                false,
            );
        }
    }
    let pick = |rule| {
        p.selected(rule, RateOptions::default())
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        pick(PopulationRule::Panel {
            cycles: 3,
            window: None
        }),
        [
            "beyond-0",
            "beyond-1",
            "beyond-2",
            "regular-0",
            "regular-1",
            "regular-2",
            "repeated-0",
            "repeated-1",
            "repeated-2",
            "repeated-3",
            "skipped-0",
            "skipped-1"
        ]
    );
    assert_eq!(
        pick(PopulationRule::StrictPanel {
            cycles: 3,
            window: None
        }),
        [
            "beyond-0",
            "beyond-1",
            "beyond-2",
            "regular-0",
            "regular-1",
            "regular-2"
        ]
    );
    // A window applies first: without the 2019 assessments no factory starts at cycle 1.
    let window = MonthWindow::new((2020, 1), (2030, 12)).unwrap();
    assert_eq!(
        pick(PopulationRule::StrictPanel {
            cycles: 3,
            window: Some(window)
        }),
        Vec::<String>::new()
    );
    assert_eq!(
        pick(PopulationRule::Panel {
            cycles: 3,
            window: Some(window)
        }),
        [
            "beyond-1",
            "beyond-2",
            "regular-1",
            "regular-2",
            "repeated-1",
            "repeated-2",
            "repeated-3",
            "skipped-1"
        ]
    );
    let by_cycle = p.rates(
        PopulationRule::Panel {
            cycles: 3,
            window: None,
        },
        &[GroupBy::Cycle],
        RateOptions::default(),
    );
    let assessed: Vec<(Option<u16>, u64)> = by_cycle
        .rows
        .iter()
        .map(|r| (r.cycle, r.tally.assessed))
        .collect();
    assert_eq!(
        assessed,
        [(Some(1), 4), (Some(2), 4), (Some(3), 4)],
        "every assessment counts once"
    );
    assert_eq!(by_cycle.basis.factories, 4);
}

#[test]
fn bsci_grades() {
    use Grade::{A, B, C, D, E};
    let pct = |n: i64| Grade::for_percent(Decimal::from(n));
    assert_eq!(
        [
            pct(100),
            pct(86),
            pct(85),
            pct(71),
            pct(70),
            pct(51),
            pct(50),
            pct(30),
            pct(29)
        ],
        [A, A, B, B, C, C, D, D, E]
    );
    assert_eq!(Grade::overall(&[A, A, A, A, A, A, A, B]), Some(A));
    assert_eq!(
        Grade::overall(&[A, A, A, A, A, A, B, B]),
        Some(B),
        "fewer than 7 A"
    );
    assert_eq!(
        Grade::overall(&[A, A, A, A, A, A, A, C]),
        Some(B),
        "a C rules out A"
    );
    assert_eq!(Grade::overall(&[C, C, C, C, B]), Some(C), "more than 3 C");
    assert_eq!(Grade::overall(&[D, D, D, B]), Some(D), "more than 2 D");
    assert_eq!(Grade::overall(&[E, E, E, E, E, E, E]), Some(E));
    assert_eq!(Grade::overall(&[]), None);

    let a = assessment(&[
        ("CL.CHILD.01", Outcome::Compliant),
        ("FOA.ASSOCIATE.01", Outcome::NonCompliant),
    ]);
    let result = BsciGraded::new().score(&a, ScoreOptions::default());
    let area = |id: &str| result.areas.iter().find(|r| r.area == id).unwrap();
    assert_eq!(
        area("BSCI.8").grade,
        Some(Grade::A),
        "child labour compliant"
    );
    assert_eq!(
        area("BSCI.3").grade,
        Some(Grade::E),
        "freedom of association non-compliant"
    );
    assert_eq!(area("BSCI.12").grade, None, "nothing assessed");
    let weighted = BsciGraded::with_weights([("CL.CHILD.01".parse().unwrap(), Decimal::from(-1))]);
    assert!(weighted.is_err());
}

/// amfori BSCI treats a zero-tolerance finding as an overall "zero
/// tolerance" result, not a letter, and the Zero Tolerance Protocol follows
/// (issue 14, point 3).
#[test]
fn bsci_zero_tolerance_overrides_the_grade() {
    let clean = assessment(&[
        ("CL.CHILD.01", Outcome::Compliant),
        ("FOA.ASSOCIATE.01", Outcome::Compliant),
        ("WT.HOURS.02", Outcome::Compliant),
    ]);
    let result = BsciGraded::new().score(&clean, ScoreOptions::default());
    assert_eq!(result.overall, BsciOverall::Graded(result.grade.unwrap()));
    assert!(result.zero_tolerance.is_empty());
    let child = assessment(&[
        ("CL.CHILD.01", Outcome::NonCompliant),
        ("FOA.ASSOCIATE.01", Outcome::Compliant),
        ("WT.HOURS.02", Outcome::Compliant),
    ]);
    let result = BsciGraded::new().score(&child, ScoreOptions::default());
    assert!(result.grade.is_some(), "the areas are still graded");
    assert_eq!(result.overall, BsciOverall::ZeroTolerance);
    assert_eq!(result.zero_tolerance, ["CL.CHILD.01".parse().unwrap()]);
    assert_eq!(result.follow_up.kind, FollowUpKind::ZeroToleranceProtocol);
    assert_eq!(
        result.follow_up.due,
        Some(day(2024, 6, 5)),
        "three months after the visit"
    );
    let nothing = BsciGraded::new().score(&assessment(&[]), ScoreOptions::default());
    assert_eq!(nothing.overall, BsciOverall::NotRated);
    assert_eq!(nothing.follow_up.kind, FollowUpKind::FullAssessment);
}

#[test]
fn severity_weights() {
    let a = assessment(&[
        ("CL.CHILD.01", Outcome::NonCompliant),
        ("WT.HOURS.02", Outcome::Compliant),
    ]);
    let s = SeverityWeighted::default().score(&a, ScoreOptions::default());
    // CL.CHILD.01 is zero tolerance (10), WT.HOURS.02 weighs at least 1.
    assert_eq!(s.penalty, Decimal::from(10));
    assert!(s.score.unwrap() < Decimal::from(10));
    let mut weights = SeverityWeights::default();
    weights.other = Decimal::ZERO;
    assert!(SeverityWeighted::new(weights).is_err());
}

#[test]
fn improvement_plan_summary() {
    let value: serde_json::Value = serde_json::from_str(BUNDLE).unwrap();
    let plan: ImprovementPlan = json::from_str(&value["improvement_plan"].to_string()).unwrap();
    let s = plan_summary(&plan, day(2023, 10, 15));
    // Four items existed then: two completed, two in progress, one of them
    // past its due date; the three of 2024 did not exist yet.
    assert_eq!(
        (s.items, s.completed, s.in_progress, s.overdue),
        (4, 2, 2, 1)
    );
    assert_eq!(s.completion.unwrap().to_string(), "2/4");
    assert_eq!(
        s.open_by_target,
        vec![
            ("COMP.OTWAGES".to_owned(), 1),
            ("WT.OVERTIME".to_owned(), 1)
        ]
    );
}

fn worker(reference: &str, birth_year: i32) -> WorkerRecordFields {
    let mut fields = WorkerRecordFields::new(
        reference.parse().unwrap(),
        Sex::Female,
        Age::BirthYear(birth_year),
        ContractType::Permanent,
    );
    fields.hired_on = Some(day(2020, 1, 6));
    fields
}

fn hours(n: &str) -> Decimal {
    n.parse().unwrap()
}

/// A time record of every day from `from` to `to` except Fridays, each with
/// `ordinary` and `overtime` hours.
fn sheet(from: NaiveDate, to: NaiveDate, ordinary: &str, overtime: &str) -> Timesheet {
    let mut sheet = Timesheet::new(from, to);
    for d in from.iter_days().take_while(|d| *d <= to) {
        if d.weekday() != chrono::Weekday::Fri {
            sheet
                .days
                .push(WorkedDay::new(d, hours(ordinary), hours(overtime)));
        }
    }
    sheet
}

fn kinds(result: &EvidenceResult) -> std::collections::BTreeSet<EvidenceKind> {
    result.findings.iter().map(|f| f.kind).collect()
}

fn garment<'a>(j: &str, on: NaiveDate, region: Option<&'a str>) -> EvidenceContext<'a> {
    let mut context = EvidenceContext::new(j.parse().unwrap(), on);
    context.sector = Some("garment");
    context.region = region;
    context
}

#[test]
fn evidence_checks_cite_the_law() {
    let on = day(2025, 3, 31);
    let mut adult = worker("w-1", 1998);
    adult
        .timesheets
        .push(sheet(day(2025, 3, 1), day(2025, 3, 31), "8", "3"));
    adult.pay.push(PayRecord::new(
        (day(2025, 3, 1), day(2025, 3, 31)),
        "BDT",
        Decimal::from(11_000),
        Decimal::from(1_000),
    ));
    let adult_ok = WorkerRecord::new(adult.clone()).unwrap();
    let child = WorkerRecord::new(worker("w-2", 2014)).unwrap();
    let result = check_evidence(garment("BD", on, None), &[adult_ok, child]);
    let found = kinds(&result);
    for (kind, why) in [
        (EvidenceKind::UnderMinimumAge, "born 2014, under 14"),
        (
            EvidenceKind::OvertimeOverDailyCap,
            "3 hours over a 2-hour cap",
        ),
        (EvidenceKind::TotalHoursOverDailyCap, "11 hours over 10"),
        (EvidenceKind::OvertimeOverWeeklyCap, "18 hours over 12"),
        (EvidenceKind::PayBelowMinimumWage, "11,000 under 12,500"),
        (
            EvidenceKind::OvertimePayShort,
            "1,000 for 81 hours at double rate",
        ),
    ] {
        assert!(found.contains(&kind), "{kind:?}: {why}");
    }
    let wage = result
        .findings
        .iter()
        .find(|f| f.kind == EvidenceKind::PayBelowMinimumWage)
        .unwrap();
    assert_eq!(wage.limit, Decimal::from(12_500));
    assert_eq!(wage.law.len(), 1);
    assert!(!wage.law[0].legal_basis.is_empty() && !wage.law[0].source.is_empty());
    assert_eq!(wage.measure, Measure::Money("BDT".into()));
    // 6 days a week worked, one day off: weekly rest kept.
    assert!(!found.contains(&EvidenceKind::WeeklyRestShort));
    let daily = result.check(EvidenceKind::OvertimeOverDailyCap).unwrap();
    assert_eq!((daily.checked, daily.findings), (27, 27), "27 days worked");

    // Paid correctly: no pay findings. 81 overtime hours at twice 12,999/216.
    adult.pay[0].ordinary = Decimal::from(13_000);
    adult.pay[0].overtime = Decimal::from(9_750);
    let result = check_evidence(
        garment("BD", on, None),
        &[WorkerRecord::new(adult).unwrap()],
    );
    assert!(
        !kinds(&result).contains(&EvidenceKind::PayBelowMinimumWage)
            && !kinds(&result).contains(&EvidenceKind::OvertimePayShort),
        "{:#?}",
        result.findings
    );

    // A birth year alone cannot settle an age at the boundary.
    let edge = WorkerRecord::new(worker("w-3", 2011)).unwrap();
    let result = check_evidence(EvidenceContext::new("BD".parse().unwrap(), on), &[edge]);
    let age = result.check(EvidenceKind::UnderMinimumAge).unwrap();
    assert_eq!(age.checked, 0);
    assert!(age.not_checked[0].reason.contains("cannot tell"));
}

/// A pay period that spans a minimum-wage change uses each day's rate:
/// Bangladesh's garment wage rose from 8,000 to 12,500 on 2023-12-01.
#[test]
fn a_pay_period_spanning_a_wage_change_is_prorated_by_day() {
    let mut w = worker("w-1", 1995);
    w.pay.push(PayRecord::new(
        (day(2023, 11, 16), day(2023, 12, 15)),
        "BDT",
        Decimal::from(10_000),
        Decimal::ZERO,
    ));
    let result = check_evidence(
        garment("BD", day(2023, 12, 31), None),
        &[WorkerRecord::new(w).unwrap()],
    );
    let f = result
        .findings
        .iter()
        .find(|f| f.kind == EvidenceKind::PayBelowMinimumWage)
        .expect("10,000 is below the prorated minimum");
    // 15 days of November at 8,000/30 and 15 days of December at 12,500/31.
    let due = (Decimal::from(8_000) / Decimal::from(30) * Decimal::from(15)
        + Decimal::from(12_500) / Decimal::from(31) * Decimal::from(15))
    .round_dp(2);
    assert_eq!(f.limit, due);
    assert_eq!(f.law.len(), 2, "both wages cited");
}

/// Viet Nam: the regional minimum wage (for all sectors) applies to garment;
/// the monthly overtime cap and garment's own yearly cap are checked.
#[test]
fn viet_nam_regional_wage_and_overtime_caps() {
    let on = day(2025, 3, 31);
    let mut w = worker("w-1", 1995);
    w.timesheets
        .push(sheet(day(2025, 3, 1), day(2025, 3, 31), "8", "2"));
    w.pay.push(PayRecord::new(
        (day(2025, 3, 1), day(2025, 3, 31)),
        "VND",
        Decimal::from(4_500_000),
        Decimal::from(2_000_000),
    ));
    let record = WorkerRecord::new(w).unwrap();
    let region_i = check_evidence(
        garment("VN", on, Some("Region I")),
        std::slice::from_ref(&record),
    );
    let found = kinds(&region_i);
    assert!(
        found.contains(&EvidenceKind::PayBelowMinimumWage),
        "4.5m under Region I's 4.96m"
    );
    assert!(
        found.contains(&EvidenceKind::OvertimeOverMonthlyCap),
        "54 hours over 40"
    );
    let region_iv = check_evidence(
        garment("VN", on, Some("Region IV")),
        std::slice::from_ref(&record),
    );
    assert!(
        !kinds(&region_iv).contains(&EvidenceKind::PayBelowMinimumWage),
        "4.5m above Region IV's 3.45m"
    );
    let year = region_i.check(EvidenceKind::OvertimeOverYearlyCap).unwrap();
    assert_eq!((year.checked, year.findings), (1, 0));
    let used = region_i
        .law
        .iter()
        .find(|l| l.used_by.contains(&EvidenceKind::OvertimeOverYearlyCap))
        .unwrap();
    assert_eq!(used.law.value, "300 hours", "garment's own cap");
    // No region given: the wage check says why, once for the worker.
    let none = check_evidence(garment("VN", on, None), &[record]);
    let wage = none.check(EvidenceKind::PayBelowMinimumWage).unwrap();
    assert_eq!(wage.checked, 0);
    assert_eq!(wage.not_checked.len(), 1);
}

#[test]
fn leave_rest_and_hazardous_work() {
    let on = day(2025, 6, 30);
    // Bangladesh: 1 day of annual leave per 18 days worked.
    let mut w = worker("w-1", 1990);
    let mut leave = AnnualLeaveRecord::new((day(2025, 1, 1), day(2025, 12, 31)), Decimal::from(12));
    leave.days_worked_before = Some(288);
    w.annual_leave.push(leave);
    // 16 weeks of maternity leave, benefit at full wage.
    w.maternity_leave.push(MaternityRecord::new(
        (day(2025, 2, 1), day(2025, 5, 23)),
        "BDT",
        Decimal::from(50_000),
        Decimal::from(50_000),
    ));
    // Seven days a week for two weeks.
    let mut seven = Timesheet::new(day(2025, 6, 2), day(2025, 6, 15));
    for d in day(2025, 6, 2).iter_days().take(14) {
        seven.days.push(WorkedDay::new(d, hours("8"), hours("0")));
    }
    w.timesheets.push(seven);
    let mut young = worker("w-2", 2009);
    young.hazardous_work = true;
    young
        .timesheets
        .push(sheet(day(2025, 6, 2), day(2025, 6, 8), "8", "0"));
    let result = check_evidence(
        garment("BD", on, None),
        &[
            WorkerRecord::new(w).unwrap(),
            WorkerRecord::new(young).unwrap(),
        ],
    );
    let leave = result
        .findings
        .iter()
        .find(|f| f.kind == EvidenceKind::AnnualLeaveShort)
        .expect("12 days given, 16 earned (288 / 18)");
    assert_eq!(
        (leave.observed, leave.limit),
        (Decimal::from(12), Decimal::from(16))
    );
    let found = kinds(&result);
    assert!(
        !found.contains(&EvidenceKind::MaternityLeaveShort),
        "112 days of leave"
    );
    assert!(!found.contains(&EvidenceKind::MaternityPayShort));
    let rest: Vec<_> = result
        .findings
        .iter()
        .filter(|f| f.kind == EvidenceKind::WeeklyRestShort)
        .collect();
    assert_eq!(rest.len(), 2, "two full weeks without a day off");
    assert!(
        found.contains(&EvidenceKind::HazardousWorkUnderAge),
        "born 2009, under 18 in hazardous work"
    );
    assert!(!found.contains(&EvidenceKind::UnderMinimumAge), "over 14");
}

#[test]
fn a_jurisdiction_without_law_data_is_said_once() {
    let mut w = worker("w-1", 1995);
    w.timesheets
        .push(sheet(day(2025, 3, 1), day(2025, 3, 31), "8", "2"));
    let sample = [
        WorkerRecord::new(w.clone()).unwrap(),
        WorkerRecord::new(w.clone()).unwrap(),
    ];
    let result = check_evidence(
        EvidenceContext::new("FR".parse().unwrap(), day(2025, 3, 31)),
        &sample,
    );
    assert!(
        result
            .no_law_data
            .unwrap()
            .starts_with("no law data for FR")
    );
    assert!(result.checks.is_empty() && result.findings.is_empty() && result.law.is_empty());
}

#[test]
fn derived_findings_merge_into_an_assessment() {
    let on = day(2025, 3, 31);
    let mut w = worker("w-1", 1995);
    w.timesheets
        .push(sheet(day(2025, 3, 1), day(2025, 3, 31), "8", "3"));
    let result = check_evidence(garment("BD", on, None), &[WorkerRecord::new(w).unwrap()]);
    let mut fields = AssessmentFields::new(
        "A1".parse().unwrap(),
        "F1".parse().unwrap(),
        1,
        AssessmentKind::Unannounced,
        (day(2025, 4, 8), day(2025, 4, 9)),
        "Garment CAT",
    );
    fields.findings = vec![Finding::new(
        "WT.OVERTIME.01".parse().unwrap(),
        Outcome::Compliant,
    )];
    let assessment = Assessment::new(fields).unwrap();
    let merged = merge_evidence(&assessment, &result).unwrap();
    let derived: Vec<&Finding> = merged
        .findings
        .iter()
        .filter(|f| f.derived_from_evidence)
        .collect();
    assert!(
        derived
            .iter()
            .any(|f| f.question.as_str() == "WT.OVERTIME.01")
    );
    assert!(derived.iter().all(|f| {
        f.outcome == Outcome::NonCompliant
            && f.workers_affected == Some(1)
            && f.evidence
                .as_deref()
                .is_some_and(|e| e.contains("s.100 proviso") || e.contains("s.102"))
    }));
    let score = score_assessment(
        &merged,
        ScoreOptions::in_jurisdiction("BD".parse().unwrap()),
    );
    let point = score.point("WT.OVERTIME").unwrap();
    assert_eq!(point.status, PointStatus::NonCompliant);
    assert!(point.decided_by.iter().all(|f| f.derived_from_evidence));
    assert!(
        score
            .diagnostics
            .iter()
            .any(|d| d.question().as_str() == "WT.OVERTIME.01"),
        "answered both ways: reported"
    );
    assert!(explain(&score).contains("derived from worker records"));
    // Records from more than a year before the visit are left out.
    let mut later = assessment.into_fields();
    later.start = day(2026, 6, 1);
    later.end = day(2026, 6, 2);
    let later = Assessment::new(later).unwrap();
    assert_eq!(merge_evidence(&later, &result).unwrap().findings.len(), 1);
}

#[test]
fn committees_the_law_requires() {
    let factory = |j: &str, workers: u32| {
        let mut fields = FactoryFields::new(
            "F-1".parse().unwrap(),
            "Example",
            j.parse().unwrap(),
            "Somewhere",
            day(2020, 1, 1),
        );
        fields.workforce.push(
            Workforce::new(WorkforceFields::new(
                day(2025, 1, 31),
                workers,
                SexCounts::new(workers, 0, 0),
            ))
            .unwrap(),
        );
        Factory::new(fields).unwrap()
    };
    let on = day(2025, 6, 30);
    let seat = |who: &str, side: Side, sex: Sex| {
        Member::new(
            who.parse().unwrap(),
            side,
            sex,
            Selection::Elected,
            Period::from(day(2024, 1, 1)),
        )
    };
    let mut lks = CommitteeFields::new(
        "LKS".parse().unwrap(),
        "F-1".parse().unwrap(),
        CommitteeKind::LksBipartit,
        Period::from(day(2024, 1, 1)),
    );
    lks.members = vec![
        seat("m1", Side::Management, Sex::Male),
        seat("m2", Side::Management, Sex::Female),
        seat("m3", Side::Management, Sex::Male),
        seat("w1", Side::Workers, Sex::Female),
        seat("w2", Side::Workers, Sex::Female),
        seat("w3", Side::Workers, Sex::Male),
    ];
    // Monthly until March, then nothing: more than a month without a meeting.
    lks.meetings = (1..=3)
        .map(|m| Meeting::new(day(2025, m, 10), Attendance::new(3, 3), true))
        .collect();
    let lks = Committee::new(lks).unwrap();
    let id = factory("ID-JB", 320);
    let check = check_committees(&id, std::slice::from_ref(&lks), on);
    let bipartite = check
        .requirements
        .iter()
        .find(|r| r.kind == Some(CommitteeKind::LksBipartit))
        .unwrap();
    assert_eq!(bipartite.requirement, Requirement::Required);
    let rule = |r: CommitteeRule| bipartite.rules.iter().find(|x| x.rule == r).unwrap();
    assert!(rule(CommitteeRule::Exists).met);
    assert!(rule(CommitteeRule::MinimumMembers).met, "6 members");
    assert!(rule(CommitteeRule::WorkerShare).met, "3 of 6");
    assert!(!rule(CommitteeRule::Meetings).met, "no meeting since March");
    assert_eq!(bipartite.met, Some(false));
    // The P2K3 (100 workers) is required and missing.
    let p2k3 = check
        .requirements
        .iter()
        .find(|r| r.kind == Some(CommitteeKind::OshCommittee))
        .unwrap();
    assert_eq!(
        (p2k3.requirement, p2k3.met),
        (Requirement::Required, Some(false))
    );
    // A small factory needs neither.
    let small = check_committees(&factory("ID-JB", 40), &[], on);
    assert!(
        small
            .requirements
            .iter()
            .all(|r| r.requirement == Requirement::NotRequired && r.met.is_none())
    );
    // Cambodia's shop stewards are not a committee: said, not checked.
    let kh = check_committees(&factory("KH", 500), &[], on);
    assert!(kh.requirements.iter().any(|r| {
        r.kind.is_none()
            && r.note
                .as_deref()
                .is_some_and(|n| n.contains("Shop stewards"))
    }));
    // No law data: said once.
    let fr = check_committees(&factory("FR", 500), &[], on);
    assert!(fr.no_law_data.is_some() && fr.requirements.is_empty());
}
