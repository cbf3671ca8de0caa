//! The contract: every report's JSON validates against its checked-in schema,
//! and the checked-in schemas are what the code generates.
#![cfg(feature = "schema")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

use chrono::NaiveDate;
use decentwork_model::{Country, FactoryBundle, json};
use decentwork_report::{
    BrandPortfolioReport, EvidenceReport, FactoryAssessmentReport, ProgrammeData, ProgrammeSummary,
    ProgressReportDocument, PublicDisclosureReport, ScoredAssessment, SynthesisReport, schemas,
};
use decentwork_scoring::{
    AssessmentInfo, AssessmentScore, DenseAssessment, EvidenceContext, GroupBy, Population,
    PopulationRule, RateOptions, ScoreOptions, check_committees, check_evidence, score_assessment,
};

const SCHEMAS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/schemas");

fn bundle() -> FactoryBundle {
    json::bundle_from_str(decentwork_model::examples::BANGLADESH_KNITWEAR).unwrap()
}

fn validate(file: &str, report: &impl serde::Serialize) {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{SCHEMAS}/{file}")).unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let instance = serde_json::to_value(report).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{file}: {errors:#?}");
}

#[test]
fn checked_in_schemas_are_fresh() {
    for (name, text) in schemas() {
        let on_disk = std::fs::read_to_string(format!("{SCHEMAS}/{name}")).unwrap();
        assert_eq!(on_disk, text, "{name} is stale: run `cargo xtask codegen`");
    }
}

#[test]
fn every_report_validates_against_its_schema() {
    let on = NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
    let bundle = bundle();
    let factory = &bundle.factory;
    let scores: Vec<AssessmentScore> = bundle
        .assessments
        .iter()
        .map(|a| score_assessment(a, ScoreOptions::in_jurisdiction(factory.jurisdiction)))
        .collect();
    for (name, text) in decentwork_model::examples::ALL {
        validate(
            "factory_bundle.schema.json",
            &serde_json::from_str::<serde_json::Value>(text).unwrap(),
        );
        let example = json::bundle_from_str(text).unwrap();
        let on = example.report_date();
        let evidence = EvidenceReport::build(
            &example.factory,
            &check_evidence(
                EvidenceContext::for_factory(&example.factory, on),
                &example.workers,
            ),
            &check_committees(&example.factory, &example.committees, on),
            on,
        );
        assert!(!evidence.findings.is_empty(), "{name}");
        validate("evidence_check.schema.json", &evidence);
    }
    validate(
        "factory_assessment.schema.json",
        &FactoryAssessmentReport::build(factory, &scores[1], Some(&scores[0]), on)
            .unwrap()
            .with_committees(factory, &bundle.committees),
    );
    validate(
        "scored_assessment.schema.json",
        &ScoredAssessment::from_score(&scores[1], on),
    );
    validate(
        "progress.schema.json",
        &ProgressReportDocument::build(
            factory,
            &bundle.improvement_plan,
            &bundle.committees,
            &bundle.progress_reports,
            on,
        ),
    );
    validate(
        "public_disclosure.schema.json",
        &PublicDisclosureReport::build(factory, &scores[0], on).unwrap(),
    );
    validate(
        "brand_portfolio.schema.json",
        &BrandPortfolioReport::build(&bundle.brands[0], &[(factory, &scores)], on).unwrap(),
    );
    let mut population = Population::new();
    for a in &bundle.assessments {
        population.add_assessment(
            AssessmentInfo::of(a).in_country(Country::BD),
            &DenseAssessment::from_assessment(a),
        );
    }
    let table = population.rates(
        PopulationRule::All,
        &[GroupBy::Country, GroupBy::Cycle, GroupBy::Point],
        RateOptions::default(),
    );
    validate(
        "industry_synthesis.schema.json",
        &SynthesisReport::from_table("All", &table, on),
    );
    let questions = population.question_rates(PopulationRule::All, RateOptions::default());
    validate(
        "industry_synthesis.schema.json",
        &SynthesisReport::from_questions("All", &questions, on),
    );
    let factories = [factory.clone()];
    validate(
        "programme_summary.schema.json",
        &ProgrammeSummary::build(
            Country::BD,
            ProgrammeData::new(
                &factories,
                &bundle.committees,
                &bundle.training,
                &bundle.brands,
                &bundle.sourcing,
            ),
            on,
        ),
    );
}

#[test]
fn a_broken_report_fails_its_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{SCHEMAS}/public_disclosure.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let broken = serde_json::json!({"meta": {"kind": "public_disclosure"}, "factory_name": 3});
    assert!(!validator.is_valid(&broken));
}
