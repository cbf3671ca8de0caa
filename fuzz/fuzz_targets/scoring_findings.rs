//! Scoring arbitrary findings: never panics, and the result's invariants hold
//! (tallies add up, rates in [0, 1], the compact path agrees, explain works).
#![no_main]

use chrono::NaiveDate;
use decentwork_catalogue::Question;
use decentwork_model::{
    Assessment, AssessmentFields, AssessmentKind, Finding, Outcome, QuestionId,
};
use decentwork_scoring::{
    AssessmentInfo, DenseAssessment, Population, PopulationRule, RateOptions, ScoreOptions,
    explain, score_assessment,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let day = NaiveDate::from_ymd_opt(2024, 3, 4).unwrap();
    let mut fields = AssessmentFields::new(
        "A".parse().unwrap(),
        "F".parse().unwrap(),
        1,
        AssessmentKind::Unannounced,
        (day, day),
        "Garment CAT",
    );
    for pair in data.chunks(2) {
        let (q, o) = (pair[0], pair.get(1).copied().unwrap_or(0));
        let question: QuestionId = match Question::at(usize::from(q) * 2) {
            Some(question) => question.id().parse().unwrap(),
            None => format!("X.{q}").parse().unwrap(),
        };
        let outcome = [
            Outcome::NonCompliant,
            Outcome::Compliant,
            Outcome::NotApplicable,
            Outcome::NotAssessed,
        ][usize::from(o % 4)];
        fields.findings.push(Finding::new(question, outcome));
    }
    let assessment = Assessment::new(fields).unwrap();
    let score = score_assessment(
        &assessment,
        ScoreOptions::in_jurisdiction("BD".parse().unwrap()),
    );
    assert!(score.overall.non_compliant <= score.overall.assessed);
    let sum: u64 = score.clusters.iter().map(|c| c.points.assessed).sum();
    assert_eq!(sum, score.overall.assessed);
    assert_eq!(
        DenseAssessment::from_assessment(&assessment).point_bits(),
        score.point_bits()
    );
    let _ = explain(&score);
    let mut population = Population::new();
    population.add_assessment(
        AssessmentInfo::of(&assessment),
        &DenseAssessment::from_assessment(&assessment),
    );
    for row in population
        .rates(PopulationRule::All, &[], RateOptions::default())
        .rows
    {
        assert!(row.tally.non_compliant <= row.tally.assessed);
    }
});
