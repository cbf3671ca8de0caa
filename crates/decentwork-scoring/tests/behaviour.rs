//! Worked examples of each part of the engine.
#![cfg(feature = "serde")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

use chrono::NaiveDate;
use decentwork_catalogue::{Cluster, CompliancePoint};
use decentwork_model::{
    Age, Assessment, AssessmentFields, AssessmentKind, ContractType, Country, Finding,
    ImprovementPlan, Outcome, Sex, WorkerRecord, WorkerRecordFields, json,
};
use decentwork_scoring::{
    AlertKind, AssessmentInfo, BsciGraded, Change, DayHours, Diagnostic, EvidenceContext,
    EvidenceKind, Grade, GroupBy, Labelled, MonthWindow, Observation, Observed, Pay, PointStatus,
    Population, PopulationRule, RateOptions, ScoreOptions, ScoringPolicy, SeverityWeighted,
    SeverityWeights, WorkerEvidence, check_evidence, compare, explain, plan_summary,
    score_assessment,
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
        progress.newly_compliant, 2,
        "exits cleared and age checks in place"
    );
    assert_eq!(progress.persistent, 1, "overtime pay still wrong");
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
    assert_eq!(
        (s.items, s.completed, s.in_progress, s.overdue),
        (2, 1, 1, 1)
    );
    assert_eq!(s.completion.unwrap().to_string(), "1/2");
    assert_eq!(s.open_by_target, vec![("COMP.OTWAGES".to_owned(), 1)]);
}

fn worker(reference: &str, birth_year: i32) -> WorkerRecord {
    WorkerRecord::new(WorkerRecordFields::new(
        reference.parse().unwrap(),
        Sex::Female,
        Age::BirthYear(birth_year),
        ContractType::Permanent,
    ))
    .unwrap()
}

#[test]
fn evidence_checks_cite_the_law() {
    let on = day(2025, 3, 31);
    let mut adult = WorkerEvidence::new(worker("w-1", 1998));
    for d in 3..=8 {
        adult.hours.push(DayHours::new(
            day(2025, 3, d),
            Decimal::from(8),
            Decimal::from(3),
        ));
    }
    let mut pay = Pay::new(
        (day(2025, 3, 1), day(2025, 3, 31)),
        decentwork_catalogue::Per::Month,
        "BDT",
        Decimal::from(11_000),
        Decimal::from(1_000),
    );
    adult.pay.push(pay.clone());
    let child = WorkerEvidence::new(worker("w-2", 2014));
    let mut context = EvidenceContext::new("BD".parse().unwrap(), on);
    context.sector = Some("garment");
    let result = check_evidence(context, &[adult.clone(), child]);
    let kinds: std::collections::BTreeSet<EvidenceKind> =
        result.findings.iter().map(|f| f.kind).collect();
    assert!(kinds.contains(&EvidenceKind::UnderAge));
    assert!(
        kinds.contains(&EvidenceKind::OvertimeOverDailyCap),
        "3 hours a day over a 2-hour cap"
    );
    assert!(
        kinds.contains(&EvidenceKind::TotalHoursOverDailyCap),
        "11 hours over 10"
    );
    assert!(
        kinds.contains(&EvidenceKind::OvertimeOverWeeklyCap),
        "18 hours over 12"
    );
    assert!(
        kinds.contains(&EvidenceKind::PayBelowMinimumWage),
        "11,000 under 12,500"
    );
    assert!(kinds.contains(&EvidenceKind::OvertimePremiumUnderpaid));
    let wage = result
        .findings
        .iter()
        .find(|f| f.kind == EvidenceKind::PayBelowMinimumWage)
        .unwrap();
    assert_eq!(wage.limit, Decimal::from(12_500));
    assert!(!wage.legal_basis.is_empty() && !wage.source.is_empty());

    // Paid correctly: no pay findings.
    pay.ordinary = Decimal::from(13_000);
    pay.overtime = Decimal::from(10_000);
    adult.pay = vec![pay];
    let result = check_evidence(context, &[adult]);
    assert!(!result.findings.iter().any(|f| matches!(
        f.kind,
        EvidenceKind::PayBelowMinimumWage | EvidenceKind::OvertimePremiumUnderpaid
    )));

    // A birth year alone cannot settle an age at the boundary.
    let edge = WorkerEvidence::new(worker("w-3", 2011));
    let result = check_evidence(EvidenceContext::new("BD".parse().unwrap(), on), &[edge]);
    assert!(
        result
            .not_checked
            .iter()
            .any(|n| n.check == EvidenceKind::UnderAge)
    );
}
