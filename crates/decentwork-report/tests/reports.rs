//! Reports built from the example factory: JSON snapshots, renderers, and the
//! guarantees (disclosure, consent, no personal identifiers).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

use chrono::NaiveDate;
use decentwork_catalogue::{Question, Tag};
use decentwork_model::{
    Assessment, AssessmentFields, AssessmentKind, Brand, Committee, Country, Factory, Finding,
    ImprovementPlan, Outcome, ProgressReport, SourcingRelationship, TrainingSession, json,
};
use decentwork_report::{
    BrandPortfolioReport, FactoryAssessmentReport, ProgrammeData, ProgrammeSummary,
    ProgressReportDocument, PublicDisclosureReport, Render, SynthesisReport,
};
use decentwork_scoring::{GroupBy, MonthWindow, Population, RateOptions, Selection};
use proptest::prelude::*;
use serde::de::DeserializeOwned;

const BUNDLE: &str = include_str!("../../decentwork-model/examples/data/factory-bundle.json");

fn part<T: DeserializeOwned>(key: &str) -> T {
    let value: serde_json::Value = serde_json::from_str(BUNDLE).unwrap();
    json::from_str(&value[key].to_string()).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const REPORT_DATE: (i32, u32, u32) = (2024, 6, 30);

fn on() -> NaiveDate {
    day(REPORT_DATE.0, REPORT_DATE.1, REPORT_DATE.2)
}

fn assessment_report() -> FactoryAssessmentReport {
    let factory: Factory = part("factory");
    let assessments: Vec<Assessment> = part("assessments");
    FactoryAssessmentReport::build(&factory, &assessments[1], Some(&assessments[0]), on())
}

#[test]
fn factory_assessment_report() {
    let report = assessment_report();
    assert!(
        report
            .change
            .as_ref()
            .unwrap()
            .newly_compliant
            .contains(&"OSH.EMERGENCY".to_owned())
    );
    insta::assert_json_snapshot!("factory_assessment", report);
    insta::assert_snapshot!("factory_assessment_md", report.markdown());
    insta::assert_snapshot!("factory_assessment_csv", report.csv().unwrap());
    let html = report.html();
    assert!(html.contains("<svg"), "a bar chart");
    assert!(!html.contains("<script"), "no JavaScript");
    assert!(
        !html.contains("src=") && !html.contains("href="),
        "nothing fetched from the network"
    );
    let back: FactoryAssessmentReport =
        serde_json::from_str(&serde_json::to_string(&report).unwrap()).unwrap();
    assert_eq!(back, report);
}

#[test]
fn progress_report() {
    let factory: Factory = part("factory");
    let plan: ImprovementPlan = part("improvement_plan");
    let committees: Vec<Committee> = part("committees");
    let reports: Vec<ProgressReport> = part("progress_reports");
    let report = ProgressReportDocument::build(&factory, &plan, &committees, &reports, on());
    insta::assert_json_snapshot!("progress", report);
    insta::assert_snapshot!("progress_md", report.markdown());
}

#[test]
fn public_disclosure_report() {
    let factory: Factory = part("factory");
    let assessments: Vec<Assessment> = part("assessments");
    let report = PublicDisclosureReport::build(&factory, &assessments[0], on());
    insta::assert_json_snapshot!("public_disclosure", report);
}

#[test]
fn brand_portfolio_report() {
    let factory: Factory = part("factory");
    let assessments: Vec<Assessment> = part("assessments");
    let brands: Vec<Brand> = part("brands");
    let factories = vec![(factory, assessments)];
    let nord = BrandPortfolioReport::build(&brands[0], &factories, on());
    let haven = BrandPortfolioReport::build(&brands[1], &factories, on());
    assert_eq!(nord.factories.len(), 1);
    assert!(
        haven.factories.is_empty(),
        "Haven's consent was withdrawn on 2024-02-01"
    );
    let earlier = BrandPortfolioReport::build(&brands[1], &factories, day(2023, 6, 1));
    assert_eq!(earlier.factories.len(), 1, "valid then");
    insta::assert_json_snapshot!("brand_portfolio", nord);
}

#[test]
fn programme_summary() {
    let factory: Factory = part("factory");
    let committees: Vec<Committee> = part("committees");
    let training: Vec<TrainingSession> = part("training");
    let brands: Vec<Brand> = part("brands");
    let sourcing: Vec<SourcingRelationship> = part("sourcing");
    let factories = [factory];
    let summary = ProgrammeSummary::build(
        Country::BD,
        ProgrammeData::new(&factories, &committees, &training, &brands, &sourcing),
        on(),
    );
    assert_eq!(
        (summary.factories, summary.workers, summary.brand_partners),
        (1, 1612, 1)
    );
    assert_eq!(summary.trained.total, 23);
    insta::assert_json_snapshot!("programme_summary", summary);
}

#[test]
fn synthesis_report() {
    let mut population = Population::new();
    for a in part::<Vec<Assessment>>("assessments") {
        population.add_assessment(&a, Some(Country::BD), false);
    }
    let table = population.rates(
        Selection::LatestInWindow(MonthWindow::new((2023, 1), (2024, 12))),
        &[GroupBy::Country, GroupBy::Point],
        RateOptions::for_trends(),
    );
    let report = SynthesisReport::from_table("Example synthesis", &table, on());
    assert_eq!(report.population.assessments, 1);
    insta::assert_snapshot!("synthesis_csv", report.csv().unwrap());
    insta::assert_snapshot!("synthesis_md", report.markdown());
}

#[test]
fn no_report_names_a_person() {
    let people: Vec<String> = {
        let value: serde_json::Value = serde_json::from_str(BUNDLE).unwrap();
        let mut refs = Vec::new();
        for c in value["committees"].as_array().unwrap() {
            for m in c["members"].as_array().unwrap() {
                refs.push(m["person"].as_str().unwrap().to_owned());
            }
        }
        for w in value["workers"].as_array().unwrap() {
            refs.push(w["reference"].as_str().unwrap().to_owned());
        }
        for a in value["assessments"].as_array().unwrap() {
            for s in a["assessors"].as_array().unwrap() {
                refs.push(s.as_str().unwrap().to_owned());
            }
        }
        refs
    };
    let factory: Factory = part("factory");
    let plan: ImprovementPlan = part("improvement_plan");
    let committees: Vec<Committee> = part("committees");
    let reports: Vec<ProgressReport> = part("progress_reports");
    let texts = [
        serde_json::to_string(&assessment_report()).unwrap(),
        serde_json::to_string(&ProgressReportDocument::build(
            &factory,
            &plan,
            &committees,
            &reports,
            on(),
        ))
        .unwrap(),
    ];
    for text in texts {
        for person in &people {
            assert!(
                !text.contains(&format!("\"{person}\"")),
                "{person} appears in a report"
            );
        }
    }
}

fn question_ids() -> impl Strategy<Value = Vec<(usize, Outcome)>> {
    prop::collection::vec(
        (
            0..Question::count(),
            prop_oneof![
                Just(Outcome::NonCompliant),
                Just(Outcome::Compliant),
                Just(Outcome::NotApplicable)
            ],
        ),
        0..60,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A public disclosure report never includes a finding on a question that
    /// is not tagged for public disclosure, and includes every assessed one that is.
    #[test]
    fn disclosure_only_public(findings in question_ids()) {
        let factory: Factory = part("factory");
        let mut fields = AssessmentFields::new("A".parse().unwrap(), factory.id, 1, AssessmentKind::Unannounced, (day(2024, 1, 2), day(2024, 1, 3)), "Garment CAT");
        fields.findings = findings.iter().map(|(i, o)| Finding::new(Question::at(*i).unwrap().id().parse().unwrap(), *o)).collect();
        let assessment = Assessment::new(fields).unwrap();
        let report = PublicDisclosureReport::build(&factory, &assessment, on());
        for item in &report.items {
            prop_assert!(Question::from_id(&item.question.id).unwrap().has_tag(Tag::PublicDisclosure));
        }
        let expected: std::collections::BTreeSet<&str> = findings.iter()
            .filter(|(_, o)| o.is_assessed())
            .map(|(i, _)| Question::at(*i).unwrap())
            .filter(|q| q.has_tag(Tag::PublicDisclosure))
            .map(Question::id)
            .collect();
        let got: std::collections::BTreeSet<&str> = report.items.iter().map(|i| i.question.id.as_str()).collect();
        prop_assert_eq!(got, expected);
    }

    /// A brand portfolio report never includes a factory without valid consent
    /// to that brand on the report date.
    #[test]
    fn portfolio_only_with_consent(
        factories in prop::collection::vec(any::<Factory>(), 0..6),
        brand in any::<Brand>(),
        date in decentwork_model::strategies::date(),
    ) {
        let with: Vec<(Factory, Vec<Assessment>)> = factories.into_iter().map(|f| (f, Vec::new())).collect();
        let report = BrandPortfolioReport::build(&brand, &with, date);
        for line in &report.factories {
            let (factory, _) = with.iter().find(|(f, _)| f.id == line.factory.id).unwrap();
            prop_assert!(factory.consent_for(brand.id, decentwork_model::ConsentScope::AssessmentReports, date).is_some());
        }
        for (factory, _) in &with {
            let consented = factory.consent_for(brand.id, decentwork_model::ConsentScope::AssessmentReports, date).is_some();
            prop_assert_eq!(consented, report.factories.iter().any(|l| l.factory.id == factory.id));
        }
    }

    /// No report carries a person's reference: committees of any shape appear
    /// in the progress report as counts only.
    #[test]
    fn no_person_in_progress_reports(committees in prop::collection::vec(any::<Committee>(), 0..4), date in decentwork_model::strategies::date()) {
        let factory: Factory = part("factory");
        let plan: ImprovementPlan = part("improvement_plan");
        let committees: Vec<Committee> = committees
            .into_iter()
            .map(|c| {
                let mut fields = c.into_fields();
                fields.factory = factory.id;
                Committee::new(fields).unwrap()
            })
            .collect();
        let report = ProgressReportDocument::build(&factory, &plan, &committees, &[], date);
        let text = serde_json::to_string(&report).unwrap();
        prop_assert_eq!(report.committees.len(), committees.len());
        let other_ids: Vec<String> = committees.iter().map(|c| c.id.to_string()).chain([factory.id.to_string()]).collect();
        for c in &committees {
            for m in c.members.iter().filter(|m| !other_ids.contains(&m.person.to_string())) {
                prop_assert!(!text.contains(&format!("\"{}\"", m.person)), "{} in {}", m.person, text);
            }
        }
    }
}
