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
use decentwork_model::{
    Assessment, Brand, Committee, Country, Factory, ImprovementPlan, ProgressReport,
    SourcingRelationship, TrainingSession, json,
};
use decentwork_report::{
    BrandPortfolioReport, FactoryAssessmentReport, ProgrammeData, ProgrammeSummary,
    ProgressReportDocument, PublicDisclosureReport, SynthesisReport, schemas,
};
use decentwork_scoring::{GroupBy, Population, RateOptions, Selection};
use serde::de::DeserializeOwned;

const BUNDLE: &str = include_str!("../../decentwork-model/examples/data/factory-bundle.json");
const SCHEMAS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/schemas");

fn part<T: DeserializeOwned>(key: &str) -> T {
    let value: serde_json::Value = serde_json::from_str(BUNDLE).unwrap();
    json::from_str(&value[key].to_string()).unwrap()
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
    let factory: Factory = part("factory");
    let assessments: Vec<Assessment> = part("assessments");
    let brands: Vec<Brand> = part("brands");
    let committees: Vec<Committee> = part("committees");
    validate(
        "factory_assessment.schema.json",
        &FactoryAssessmentReport::build(&factory, &assessments[1], Some(&assessments[0]), on),
    );
    validate(
        "progress.schema.json",
        &ProgressReportDocument::build(
            &factory,
            &part::<ImprovementPlan>("improvement_plan"),
            &committees,
            &part::<Vec<ProgressReport>>("progress_reports"),
            on,
        ),
    );
    validate(
        "public_disclosure.schema.json",
        &PublicDisclosureReport::build(&factory, &assessments[0], on),
    );
    let portfolio = vec![(factory.clone(), assessments.clone())];
    validate(
        "brand_portfolio.schema.json",
        &BrandPortfolioReport::build(&brands[0], &portfolio, on),
    );
    let mut population = Population::new();
    for a in &assessments {
        population.add_assessment(a, Some(Country::BD), false);
    }
    let table = population.rates(
        Selection::All,
        &[GroupBy::Country, GroupBy::Cycle, GroupBy::Point],
        RateOptions::default(),
    );
    validate(
        "industry_synthesis.schema.json",
        &SynthesisReport::from_table("All", &table, on),
    );
    let factories = [factory];
    let training: Vec<TrainingSession> = part("training");
    let sourcing: Vec<SourcingRelationship> = part("sourcing");
    validate(
        "programme_summary.schema.json",
        &ProgrammeSummary::build(
            Country::BD,
            ProgrammeData::new(&factories, &committees, &training, &brands, &sourcing),
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
