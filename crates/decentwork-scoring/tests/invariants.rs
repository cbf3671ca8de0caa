//! The scoring invariants, as property tests over generated assessments whose
//! findings point at catalogue questions (and a few unknown ones).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]
#![cfg(feature = "serde")]

use chrono::NaiveDate;
use decentwork_catalogue::{CompliancePoint, Question, QuestionKind};
use decentwork_model::{
    Assessment, AssessmentFields, AssessmentKind, Country, Finding, Outcome, QuestionId,
};
use decentwork_scoring::{
    AssessmentInfo, AssessmentScore, DenseAssessment, GroupBy, MonthWindow, PointStatus,
    Population, PopulationRule, RateOptions, ScoreOptions, ScoringPolicy, SeverityWeighted,
    score_assessment,
};
use proptest::prelude::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn outcome() -> impl Strategy<Value = Outcome> {
    prop_oneof![
        3 => Just(Outcome::Compliant),
        2 => Just(Outcome::NonCompliant),
        1 => Just(Outcome::NotApplicable),
        1 => Just(Outcome::NotAssessed),
    ]
}

/// A question ID: mostly catalogue questions, sometimes unknown.
fn question() -> impl Strategy<Value = QuestionId> {
    (0..Question::count() + 8).prop_map(|i| match Question::at(i) {
        Some(q) => q.id().parse().unwrap(),
        None => format!("UNKNOWN.{i}").parse().unwrap(),
    })
}

fn findings() -> impl Strategy<Value = Vec<Finding>> {
    prop::collection::vec(
        (question(), outcome()).prop_map(|(q, o)| Finding::new(q, o)),
        0..120,
    )
}

fn assessment(
    id: &str,
    factory: &str,
    cycle: u16,
    start: NaiveDate,
    findings: Vec<Finding>,
) -> Assessment {
    let mut fields = AssessmentFields::new(
        id.parse().unwrap(),
        factory.parse().unwrap(),
        cycle,
        AssessmentKind::Unannounced,
        (start, start),
        "Garment CAT",
    );
    fields.findings = findings;
    Assessment::new(fields).unwrap()
}

fn score(findings: Vec<Finding>) -> AssessmentScore {
    score_assessment(
        &assessment("A", "F", 1, day(2024, 5, 1), findings),
        ScoreOptions::default(),
    )
}

/// Point statuses and counts, cluster tallies, the overall tally, alerts.
type Essence = (
    Vec<(PointStatus, u32, u32)>,
    Vec<(u64, u64)>,
    (u64, u64),
    Vec<String>,
);

/// The parts of a score that must not depend on the order of findings.
fn essence(s: &AssessmentScore) -> Essence {
    let mut alerts: Vec<String> = s
        .alerts
        .iter()
        .map(|a| format!("{:?}{}", a.kind, a.question))
        .collect();
    alerts.sort();
    (
        s.points
            .iter()
            .map(|p| (p.status, p.questions.non_compliant, p.questions.compliant))
            .collect(),
        s.clusters
            .iter()
            .map(|c| (c.points.non_compliant, c.points.assessed))
            .collect(),
        (s.overall.non_compliant, s.overall.assessed),
        alerts,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// 1. Rates are within [0, 1], and clusters add up to the overall tally.
    #[test]
    fn rates_within_bounds(f in findings()) {
        let s = score(f);
        prop_assert!(s.overall.non_compliant <= s.overall.assessed);
        let nc: u64 = s.clusters.iter().map(|c| c.points.non_compliant).sum();
        let assessed: u64 = s.clusters.iter().map(|c| c.points.assessed).sum();
        prop_assert_eq!((nc, assessed), (s.overall.non_compliant, s.overall.assessed));
        if let Some(r) = s.overall.rate() {
            prop_assert!(r.to_decimal(6) <= rust_decimal::Decimal::ONE);
        }
    }

    /// 2. A point is non-compliant iff some non-compliance question in it has a
    /// non-compliant finding.
    #[test]
    fn non_compliant_iff_some_question_is(f in findings()) {
        let s = score(f.clone());
        for (cp, point) in CompliancePoint::all().zip(&s.points) {
            let expected = f.iter().any(|x| {
                x.outcome == Outcome::NonCompliant
                    && Question::get(x.question).is_ok_and(|q| {
                        q.compliance_point() == cp && q.kind() == QuestionKind::NonCompliance
                    })
            });
            prop_assert_eq!(point.status == PointStatus::NonCompliant, expected, "{}", cp.id());
        }
    }

    /// 3. Adding a non-compliant finding never lowers any rate.
    #[test]
    fn adding_non_compliance_never_lowers(f in findings(), extra in question()) {
        let before = score(f.clone());
        let mut more = f;
        more.push(Finding::new(extra, Outcome::NonCompliant));
        let after = score(more);
        let not_lower = |a: decentwork_scoring::Tally, b: decentwork_scoring::Tally| match (a.rate(), b.rate()) {
            (Some(x), Some(y)) => y >= x,
            (Some(_), None) => false,
            (None, _) => true,
        };
        prop_assert!(not_lower(before.overall, after.overall));
        for (b, a) in before.clusters.iter().zip(&after.clusters) {
            prop_assert!(not_lower(b.points, a.points), "{}", b.cluster);
            prop_assert!(a.points.non_compliant >= b.points.non_compliant);
        }
    }

    /// 4. The order of findings never changes the result.
    #[test]
    fn order_of_findings_does_not_matter(f in findings(), seed in any::<u64>()) {
        let mut shuffled = f.clone();
        let n = shuffled.len();
        for i in (1..n).rev() {
            let j = usize::try_from(seed.wrapping_mul(i as u64 + 7) % (i as u64 + 1)).unwrap();
            shuffled.swap(i, j);
        }
        prop_assert_eq!(essence(&score(f)), essence(&score(shuffled)));
    }

    /// 5. Not-applicable (and not-assessed) findings never change a rate.
    #[test]
    fn not_applicable_changes_no_rate(f in findings(), extra in prop::collection::vec(question(), 0..20)) {
        let before = score(f.clone());
        let mut more = f;
        more.extend(extra.iter().map(|q| Finding::new(*q, Outcome::NotApplicable)));
        more.extend(extra.iter().map(|q| Finding::new(*q, Outcome::NotAssessed)));
        let after = score(more);
        prop_assert_eq!(essence(&before).1, essence(&after).1);
        prop_assert_eq!(before.overall, after.overall);
    }

    /// 6. Fact-gathering findings never count.
    #[test]
    fn fact_gathering_never_counts(f in findings(), o in outcome()) {
        let before = score(f.clone());
        let mut more = f;
        more.extend(Question::all().filter(|q| q.kind() == QuestionKind::FactGathering).map(|q| Finding::new(q.id().parse().unwrap(), o)));
        prop_assert_eq!(before.overall, score(more).overall);
    }

    /// 7. The compact path agrees with the full result.
    #[test]
    fn dense_path_agrees(f in findings()) {
        let a = assessment("A", "F", 1, day(2024, 5, 1), f);
        let full = score_assessment(&a, ScoreOptions::default());
        prop_assert_eq!(DenseAssessment::from_assessment(&a).point_bits(), full.point_bits());
    }

    /// 8. Nothing given is silently dropped: every finding is counted in a point
    /// or named by a diagnostic.
    #[test]
    fn nothing_silently_dropped(f in findings()) {
        let s = score(f.clone());
        let unknown = s.diagnostics.iter().filter(|d| matches!(d, decentwork_scoring::Diagnostic::UnknownQuestion { .. })).count();
        let expected_unknown = f.iter().filter(|x| Question::get(x.question).is_err()).count();
        prop_assert_eq!(unknown, expected_unknown);
        let repeats: usize = s.diagnostics.iter().map(|d| match d {
            decentwork_scoring::Diagnostic::RepeatedQuestion { indexes, .. } => indexes.len() - 1,
            _ => 0,
        }).sum();
        let counted: u32 = s.points.iter().map(|p| {
            let q = p.questions;
            q.non_compliant + q.compliant + q.not_applicable + q.not_assessed + q.fact_gathering
        }).sum();
        prop_assert_eq!(counted as usize + unknown + repeats, f.len());
    }

    /// 9. A result survives a serialisation round trip unchanged.
    #[test]
    fn score_round_trips(f in findings()) {
        let s = score(f);
        let text = serde_json::to_string(&s).unwrap();
        let back: AssessmentScore = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(back, s);
    }

    /// 10. The severity-weighted score stays within 0–100.
    #[test]
    fn severity_within_bounds(f in findings()) {
        let a = assessment("A", "F", 1, day(2024, 5, 1), f);
        if let Some(score) = SeverityWeighted::default().score(&a, ScoreOptions::default()).score {
            prop_assert!(score >= rust_decimal::Decimal::ZERO && score <= rust_decimal::Decimal::ONE_HUNDRED);
        }
    }
}

/// A population of factories with several cycles each.
fn population_strategy() -> impl Strategy<Value = Vec<(String, u16, NaiveDate, Vec<Finding>, bool)>>
{
    prop::collection::vec(
        (
            0_u8..6,
            1_u16..4,
            0_u64..700,
            prop::collection::vec(
                (question(), outcome()).prop_map(|(q, o)| Finding::new(q, o)),
                0..30,
            ),
            any::<bool>(),
        ),
        0..25,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .map(|(factory, cycle, days, findings, obsolete)| {
                (
                    format!("F{factory}"),
                    cycle,
                    day(2023, 1, 1) + chrono::Days::new(days),
                    findings,
                    obsolete && factory == 0,
                )
            })
            .collect()
    })
}

fn build(rows: &[(String, u16, NaiveDate, Vec<Finding>, bool)], order: &[usize]) -> Population {
    let mut p = Population::new();
    for &i in order {
        let (factory, cycle, start, findings, obsolete) = &rows[i];
        let a = assessment(&format!("A{i}"), factory, *cycle, *start, findings.clone());
        let mut info = AssessmentInfo::of(&a).in_country(Country::VN);
        info.obsolete = *obsolete;
        p.add_assessment(info, &DenseAssessment::from_assessment(&a));
    }
    p
}

fn window() -> MonthWindow {
    MonthWindow::new((2023, 1), (2024, 12)).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// 11. The order of assessments never changes a rate table.
    #[test]
    fn order_of_assessments_does_not_matter(rows in population_strategy()) {
        let forward: Vec<usize> = (0..rows.len()).collect();
        let backward: Vec<usize> = forward.iter().rev().copied().collect();
        for rule in [PopulationRule::All, PopulationRule::Latest { window: Some(window()) }, PopulationRule::StrictPanel { cycles: 2, window: None }, PopulationRule::Panel { cycles: 2, window: None }] {
            let (pa, pb) = (build(&rows, &forward), build(&rows, &backward));
            let a = pa.rates(rule, &[GroupBy::Point, GroupBy::Cycle], RateOptions::default());
            let b = pb.rates(rule, &[GroupBy::Point, GroupBy::Cycle], RateOptions::default());
            prop_assert_eq!(a, b);
        }
    }

    /// 12. A population rate equals the mean of the factory indicators.
    #[test]
    fn rate_is_mean_of_indicators(rows in population_strategy()) {
        let order: Vec<usize> = (0..rows.len()).collect();
        let p = build(&rows, &order);
        let table = p.rates(PopulationRule::All, &[GroupBy::Point], RateOptions::default());
        for cp in CompliancePoint::all() {
            let mut tally = (0_u64, 0_u64);
            for (i, (factory, cycle, start, findings, _)) in rows.iter().enumerate() {
                let s = score_assessment(&assessment(&format!("A{i}"), factory, *cycle, *start, findings.clone()), ScoreOptions::default());
                let status = s.points[cp.index()].status;
                if status.is_assessed() {
                    tally.1 += 1;
                    tally.0 += u64::from(status == PointStatus::NonCompliant);
                }
            }
            let row = table.rows.iter().find(|r| r.point.is_some_and(|p| p.label == cp.name()));
            let got = row.map_or((0, 0), |r| (r.tally.non_compliant, r.tally.assessed));
            prop_assert_eq!(got, tally, "{}", cp.id());
            // The trace gives the same numbers.
            let trace = p.indicators(PopulationRule::All, RateOptions::default(), cp.name());
            prop_assert_eq!((trace.iter().filter(|t| t.2).count() as u64, trace.len() as u64), tally);
        }
    }

    /// 13. Merging points never yields fewer non-compliant factories than either part.
    #[test]
    fn merging_never_lowers(rows in population_strategy()) {
        let order: Vec<usize> = (0..rows.len()).collect();
        let p = build(&rows, &order);
        let plain = p.rates(PopulationRule::All, &[GroupBy::Point], RateOptions::default());
        let mut merge = RateOptions::default();
        merge.merge_worst_forms = true;
        let merged = p.rates(PopulationRule::All, &[GroupBy::Point], merge);
        let nc = |t: &decentwork_scoring::RateTable<'_>, name: &str| {
            t.rows.iter().find(|r| r.point.is_some_and(|p| p.label == name)).map_or(0, |r| r.tally.non_compliant)
        };
        let whole = nc(&merged, "Hazardous Work and other Worst Forms");
        prop_assert!(whole >= nc(&plain, "Hazardous Work and other Worst Forms"));
        prop_assert!(whole >= nc(&plain, "Unconditional Worst Forms"));
    }

    /// 14. A strict balanced panel holds exactly the factories with one
    /// assessment in each cycle 1 to N, and those.
    #[test]
    fn balanced_panel_is_balanced(rows in population_strategy(), cycles in 1_u16..4) {
        let order: Vec<usize> = (0..rows.len()).collect();
        let p = build(&rows, &order);
        let selected = p.selected(PopulationRule::StrictPanel { cycles, window: None }, RateOptions::default());
        let mut per_factory: std::collections::BTreeMap<&str, Vec<u16>> = std::collections::BTreeMap::new();
        for id in &selected {
            let i: usize = id.as_str()[1..].parse().unwrap();
            per_factory.entry(rows[i].0.as_str()).or_default().push(rows[i].1);
        }
        for (factory, mut got) in per_factory {
            got.sort_unstable();
            prop_assert_eq!(got, (1..=cycles).collect::<Vec<u16>>(), "{}", factory);
        }
        // And every factory with exactly one assessment in each cycle is in.
        for (factory, ..) in &rows {
            let has_all = (1..=cycles).all(|c| rows.iter().filter(|r| &r.0 == factory && r.1 == c).count() == 1);
            let included = selected.iter().any(|id| rows[id.as_str()[1..].parse::<usize>().unwrap()].0 == *factory);
            prop_assert_eq!(has_all, included, "{}", factory);
        }
    }

    /// 14b. The analysts' panel holds every assessment of cycles 1 to N of
    /// exactly the factories whose highest cycle reached N.
    #[test]
    fn analysts_panel(rows in population_strategy(), cycles in 1_u16..4) {
        let order: Vec<usize> = (0..rows.len()).collect();
        let p = build(&rows, &order);
        let mut selected: Vec<usize> = p
            .selected(PopulationRule::Panel { cycles, window: None }, RateOptions::default())
            .iter()
            .map(|id| id.as_str()[1..].parse().unwrap())
            .collect();
        selected.sort_unstable();
        let expected: Vec<usize> = (0..rows.len())
            .filter(|&i| {
                let highest = rows.iter().filter(|r| r.0 == rows[i].0).map(|r| r.1).max().unwrap();
                highest >= cycles && rows[i].1 <= cycles
            })
            .collect();
        prop_assert_eq!(selected, expected);
    }

    /// 15. The latest-in-window selection has one assessment per factory, its latest.
    #[test]
    fn latest_is_latest(rows in population_strategy()) {
        let order: Vec<usize> = (0..rows.len()).collect();
        let p = build(&rows, &order);
        let selected = p.selected(PopulationRule::Latest { window: Some(window()) }, RateOptions::default());
        let factories: std::collections::BTreeSet<&str> = selected.iter().map(|id| rows[id.as_str()[1..].parse::<usize>().unwrap()].0.as_str()).collect();
        prop_assert_eq!(factories.len(), selected.len());
        for id in &selected {
            let i: usize = id.as_str()[1..].parse().unwrap();
            prop_assert!(rows.iter().filter(|r| r.0 == rows[i].0).all(|r| r.2 <= rows[i].2));
        }
    }

    /// 16. Leaving out obsolete factories never adds assessments, and the
    /// rates over the rest stay within bounds.
    #[test]
    fn excluding_obsolete(rows in population_strategy()) {
        let order: Vec<usize> = (0..rows.len()).collect();
        let p = build(&rows, &order);
        let all = p.rates(PopulationRule::All, &[GroupBy::Cluster], RateOptions::default());
        let mut options = RateOptions::default();
        options.exclude_obsolete = true;
        let kept = p.rates(PopulationRule::All, &[GroupBy::Cluster], options);
        prop_assert!(kept.basis.assessments <= all.basis.assessments);
        prop_assert_eq!(kept.basis.assessments + kept.basis.excluded_obsolete, all.basis.assessments);
        for row in &kept.rows {
            prop_assert!(row.tally.non_compliant <= row.tally.assessed);
        }
    }
}
