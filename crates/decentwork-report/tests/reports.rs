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
    Assessment, AssessmentFields, AssessmentKind, Brand, Committee, Country, Factory,
    FactoryBundle, Finding, Outcome, json,
};
use decentwork_report::{
    BrandPortfolioReport, EvidenceReport, FactoryAssessmentReport, ProgrammeData, ProgrammeSummary,
    ProgressReportDocument, PublicDisclosureReport, Render, ReportError, SynthesisReport,
};
use decentwork_scoring::{
    AssessmentInfo, AssessmentScore, DenseAssessment, EvidenceContext, EvidenceKind, GroupBy,
    MonthWindow, Population, PopulationRule, RateOptions, ScoreOptions, check_committees,
    check_evidence, score_assessment,
};
use proptest::prelude::*;

const BUNDLE: &str = decentwork_model::examples::BANGLADESH_KNITWEAR;

fn bundle() -> FactoryBundle {
    json::bundle_from_str(BUNDLE).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const REPORT_DATE: (i32, u32, u32) = (2024, 6, 30);

fn on() -> NaiveDate {
    day(REPORT_DATE.0, REPORT_DATE.1, REPORT_DATE.2)
}

fn score(factory: &Factory, assessment: &Assessment) -> AssessmentScore {
    score_assessment(
        assessment,
        ScoreOptions::in_jurisdiction(factory.jurisdiction),
    )
}

fn scores(bundle: &FactoryBundle) -> Vec<AssessmentScore> {
    bundle
        .assessments
        .iter()
        .map(|a| score(&bundle.factory, a))
        .collect()
}

fn assessment_report() -> FactoryAssessmentReport {
    let bundle = bundle();
    let scores = scores(&bundle);
    FactoryAssessmentReport::build(&bundle.factory, &scores[1], Some(&scores[0]), on())
        .unwrap()
        .with_committees(&bundle.factory, &bundle.committees)
        .unwrap()
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
    // Every compliance point that applies is assessed (worker housing does not).
    assert_eq!(report.overall.assessed, 38);
    let committees = report.committee_requirements.as_ref().unwrap();
    assert_eq!(committees.on, day(2024, 3, 19), "on the visit's first day");
    assert_eq!(committees.requirements.len(), 2, "safety and participation");
    assert!(committees.requirements.iter().all(|r| r.met == Some(true)));
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

/// A report is built from scores as given: a score of another factory, or a
/// "previous" assessment that is not earlier, is refused.
#[test]
fn builders_refuse_records_that_do_not_belong() {
    let bundle = bundle();
    let scores = scores(&bundle);
    let mut other = bundle.factory.clone().into_fields();
    other.id = "BD-OTHER".parse().unwrap();
    let other = Factory::new(other).unwrap();
    let err = FactoryAssessmentReport::build(&other, &scores[1], None, on()).unwrap_err();
    assert!(matches!(err, ReportError::OtherFactory { .. }), "{err}");
    assert!(PublicDisclosureReport::build(&other, &scores[0], on()).is_err());
    let err = FactoryAssessmentReport::build(&bundle.factory, &scores[0], Some(&scores[1]), on())
        .unwrap_err();
    assert!(
        matches!(err, ReportError::PreviousNotEarlier { .. }),
        "{err}"
    );
    let brand = &bundle.brands[0];
    assert!(BrandPortfolioReport::build(brand, &[(&other, &scores)], on()).is_err());
}

/// Free text that would reach a report and names a committee member by their
/// worker reference is refused, even when the records are handed to the
/// builders one by one (the bundle's own check is bypassed here).
#[test]
fn builders_refuse_text_that_names_a_person() {
    let bundle = bundle();
    let member = bundle.committees[0].members[0].person;
    let mut reports = bundle.progress_reports.clone();
    let latest = reports.len() - 1;
    let mut fields = reports[latest].clone().into_fields();
    fields.social_dialogue[0].topic = format!("Follow up with {member} on overtime");
    reports[latest] = decentwork_model::ProgressReport::new(fields).unwrap();
    let err = ProgressReportDocument::build(
        &bundle.factory,
        &bundle.improvement_plan,
        &bundle.committees,
        &reports,
        on(),
    )
    .unwrap_err();
    assert!(
        matches!(&err, ReportError::NamesAPerson { field, reference } if field.ends_with("social_dialogue[0].topic") && *reference == member.to_string()),
        "{err}"
    );

    let mut committees = bundle.committees.clone();
    let mut fields = committees[1].clone().into_fields();
    fields.id = member.as_str().parse().unwrap();
    committees[1] = decentwork_model::Committee::new(fields).unwrap();
    let err = ProgressReportDocument::build(
        &bundle.factory,
        &bundle.improvement_plan,
        &committees,
        &bundle.progress_reports,
        on(),
    )
    .unwrap_err();
    assert!(matches!(err, ReportError::NamesAPerson { .. }), "{err}");
    let scores = scores(&bundle);
    let err = FactoryAssessmentReport::build(&bundle.factory, &scores[1], None, on())
        .unwrap()
        .with_committees(&bundle.factory, &committees)
        .unwrap_err();
    assert!(err.to_string().contains("committees[1].id"), "{err}");
}

/// The report shows the score it is given, not one of its own: scoring
/// against an older question-set version changes what the report says.
#[test]
fn reports_show_the_score_given() {
    let bundle = bundle();
    let latest = &bundle.assessments[1];
    let mut options = ScoreOptions::in_jurisdiction(bundle.factory.jurisdiction);
    options.tool = decentwork_catalogue::ToolVersion::all().next();
    let old = score_assessment(latest, options);
    let report = FactoryAssessmentReport::build(&bundle.factory, &old, None, on()).unwrap();
    assert_eq!(
        report.notes,
        old.diagnostics
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    );
}

#[test]
fn progress_report() {
    let bundle = bundle();
    let report = ProgressReportDocument::build(
        &bundle.factory,
        &bundle.improvement_plan,
        &bundle.committees,
        &bundle.progress_reports,
        on(),
    )
    .unwrap();
    let committees = report.committee_requirements.as_ref().unwrap();
    assert_eq!(committees.workers, Some(1612));
    assert!(report.markdown().contains("Committees the law requires"));
    insta::assert_json_snapshot!("progress", report);
    insta::assert_snapshot!("progress_md", report.markdown());
}

/// The evidence check of each example: sourced results for every parameter
/// of the jurisdiction, the law of the factory's country showing through.
#[test]
fn evidence_check_reports() {
    let on_of = |text: &str| json::bundle_from_str(text).unwrap().report_date();
    let report = |text: &str| {
        let b = json::bundle_from_str(text).unwrap();
        let on = on_of(text);
        EvidenceReport::build(
            &b.factory,
            &check_evidence(EvidenceContext::for_factory(&b.factory, on), &b.workers),
            &check_committees(&b.factory, &b.committees, on),
            on,
        )
    };
    let found = |r: &EvidenceReport, kind: EvidenceKind| {
        r.findings.iter().filter(|f| f.kind == kind).count()
    };
    for (name, text) in decentwork_model::examples::ALL {
        let r = report(text);
        assert!(r.workers >= 30, "{name}: a sample of at least 30 workers");
        for law in &r.law {
            assert!(
                !law.law.legal_basis.is_empty() && !law.law.source.is_empty(),
                "{name}: {law:?}"
            );
            assert!(
                !law.used_by.is_empty()
                    || law.unused.is_some()
                    || decentwork_catalogue::Parameter::from_name(&law.law.parameter)
                        .is_some_and(decentwork_catalogue::Parameter::is_committee_rule),
                "{name}: every parameter is applied or says why not: {law:?}"
            );
        }
        for f in &r.findings {
            assert!(!f.law.is_empty(), "{name}: each finding cites its law");
        }
    }
    let bd = report(decentwork_model::examples::BANGLADESH_KNITWEAR);
    assert_eq!(found(&bd, EvidenceKind::PayBelowMinimumWage), 1);
    assert_eq!(found(&bd, EvidenceKind::OvertimePayShort), 3);
    assert_eq!(found(&bd, EvidenceKind::AnnualLeaveShort), 2);
    insta::assert_snapshot!("evidence_check_md", bd.markdown());
    let vn = report(decentwork_model::examples::VIET_NAM_OUTERWEAR);
    let wage = vn
        .findings
        .iter()
        .find(|f| f.kind == EvidenceKind::PayBelowMinimumWage)
        .unwrap();
    assert_eq!(wage.law[0].value, "VND 4,960,000 a month", "Region I");
    assert_eq!(found(&vn, EvidenceKind::OvertimeOverMonthlyCap), 5);
    let id = report(decentwork_model::examples::INDONESIA_GARMENT);
    assert!(id.findings.iter().any(|f| {
        f.kind == EvidenceKind::PayBelowMinimumWage
            && f.law[0]
                .scope
                .iter()
                .any(|s| s == "Kabupaten Bekasi, West Java")
    }));
    let lks = id
        .committees
        .requirements
        .iter()
        .find(|r| r.kind == Some(decentwork_model::CommitteeKind::LksBipartit))
        .unwrap();
    assert_eq!(lks.met, Some(false), "three monthly meetings missed");
    insta::assert_json_snapshot!("evidence_check_indonesia_committees", id.committees);
}

#[test]
fn public_disclosure_report() {
    let bundle = bundle();
    let report = PublicDisclosureReport::build(&bundle.factory, &scores(&bundle)[0], on()).unwrap();
    insta::assert_json_snapshot!("public_disclosure", report);
}

#[test]
fn brand_portfolio_report() {
    let bundle = bundle();
    let scores = scores(&bundle);
    let factories = [(&bundle.factory, scores.as_slice())];
    let nord = BrandPortfolioReport::build(&bundle.brands[0], &factories, on()).unwrap();
    let haven = BrandPortfolioReport::build(&bundle.brands[1], &factories, on()).unwrap();
    assert_eq!(nord.factories().len(), 1);
    assert!(
        haven.factories().is_empty(),
        "Haven's consent was withdrawn on 2024-02-01"
    );
    let earlier =
        BrandPortfolioReport::build(&bundle.brands[1], &factories, day(2023, 6, 1)).unwrap();
    assert_eq!(earlier.factories().len(), 1, "valid then");
    insta::assert_json_snapshot!("brand_portfolio", nord);
}

#[test]
fn programme_summary() {
    let bundle = bundle();
    let factories = [bundle.factory.clone()];
    let summary = ProgrammeSummary::build(
        Country::BD,
        ProgrammeData::new(
            &factories,
            &bundle.committees,
            &bundle.training,
            &bundle.brands,
            &bundle.sourcing,
        ),
        on(),
    );
    assert_eq!(
        (summary.factories, summary.workers, summary.brand_partners),
        (1, 1612, 1)
    );
    assert_eq!(summary.trained.total, 31);
    insta::assert_json_snapshot!("programme_summary", summary);
}

#[test]
fn synthesis_report() {
    let mut population = Population::new();
    for a in &bundle().assessments {
        population.add_assessment(
            AssessmentInfo::of(a).in_country(Country::BD),
            &DenseAssessment::from_assessment(a),
        );
    }
    let window = MonthWindow::new((2023, 1), (2024, 12)).unwrap();
    let table = population.rates(
        PopulationRule::Latest {
            window: Some(window),
        },
        &[GroupBy::Country, GroupBy::Point],
        RateOptions::for_trends(),
    );
    let report = SynthesisReport::from_table("Example synthesis", &table, on());
    assert_eq!(report.population.assessments, 1);
    insta::assert_snapshot!("synthesis_csv", report.csv().unwrap());
    insta::assert_snapshot!("synthesis_md", report.markdown());
    let questions = population.question_rates(
        PopulationRule::Latest {
            window: Some(window),
        },
        RateOptions::for_trends(),
    );
    let report = SynthesisReport::from_questions("Example questions", &questions, on());
    insta::assert_snapshot!("synthesis_questions_csv", report.csv().unwrap());
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
    let bundle = bundle();
    let texts = [
        serde_json::to_string(&assessment_report()).unwrap(),
        serde_json::to_string(
            &ProgressReportDocument::build(
                &bundle.factory,
                &bundle.improvement_plan,
                &bundle.committees,
                &bundle.progress_reports,
                on(),
            )
            .unwrap(),
        )
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
        let factory = bundle().factory.clone();
        let mut fields = AssessmentFields::new("A".parse().unwrap(), factory.id, 1, AssessmentKind::Unannounced, (day(2024, 1, 2), day(2024, 1, 3)), "Garment CAT");
        fields.findings = findings.iter().map(|(i, o)| Finding::new(Question::at(*i).unwrap().id().parse().unwrap(), *o)).collect();
        let assessment = Assessment::new(fields).unwrap();
        let report = PublicDisclosureReport::build(&factory, &score(&factory, &assessment), on()).unwrap();
        for item in report.items() {
            prop_assert!(Question::from_id(&item.question.id).unwrap().has_tag(Tag::PublicDisclosure));
        }
        let expected: std::collections::BTreeSet<&str> = findings.iter()
            .filter(|(_, o)| o.is_assessed())
            .map(|(i, _)| Question::at(*i).unwrap())
            .filter(|q| q.has_tag(Tag::PublicDisclosure))
            .map(Question::id)
            .collect();
        let got: std::collections::BTreeSet<&str> = report.items().iter().map(|i| i.question.id.as_str()).collect();
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
        let with: Vec<(&Factory, &[AssessmentScore])> = factories.iter().map(|f| (f, &[][..])).collect();
        let report = BrandPortfolioReport::build(&brand, &with, date).unwrap();
        for line in report.factories() {
            let (factory, _) = with.iter().find(|(f, _)| f.id == line.factory.id).unwrap();
            prop_assert!(factory.consent_for(brand.id, decentwork_model::ConsentScope::AssessmentReports, date).is_some());
        }
        for (factory, _) in &with {
            let consented = factory.consent_for(brand.id, decentwork_model::ConsentScope::AssessmentReports, date).is_some();
            prop_assert_eq!(consented, report.factories().iter().any(|l| l.factory.id == factory.id));
        }
    }

    /// No report carries a person's reference: committees of any shape appear
    /// in the progress report as counts only.
    #[test]
    fn no_person_in_progress_reports(committees in prop::collection::vec(any::<Committee>(), 0..4), date in decentwork_model::strategies::date()) {
        let bundle = bundle();
        let (factory, plan) = (&bundle.factory, &bundle.improvement_plan);
        let committees: Vec<Committee> = committees
            .into_iter()
            .map(|c| {
                let mut fields = c.into_fields();
                fields.factory = factory.id;
                Committee::new(fields).unwrap()
            })
            .collect();
        let report = match ProgressReportDocument::build(factory, plan, &committees, &[], date) {
            Ok(report) => report,
            // A generated committee ID that is also a member's reference is
            // refused, never printed.
            Err(decentwork_report::ReportError::NamesAPerson { reference, .. }) => {
                // A word of the ID, or that word without the `.`, `-` and `_`
                // that end it (as a reference ends a sentence), is the reference.
                prop_assert!(committees.iter().any(|c| c.id.as_str()
                    .split(|ch: char| !(ch.is_ascii_alphanumeric() || "-_.".contains(ch)))
                    .any(|w| w.eq_ignore_ascii_case(&reference)
                        || w.trim_end_matches(['.', '-', '_']).eq_ignore_ascii_case(&reference))),
                    "{reference} is not a word of any committee ID");
                return Ok(());
            }
            Err(other) => return Err(TestCaseError::fail(other.to_string())),
        };
        prop_assert_eq!(report.committees.len(), committees.len());
        // Differential: a text of the report that the report of the same
        // committees without their members also has (a jurisdiction code, an
        // ID equal to a reference) is no leak.
        let without: Vec<Committee> = committees
            .iter()
            .map(|c| {
                let mut fields = c.clone().into_fields();
                fields.members.clear();
                fields.meetings.clear();
                Committee::new(fields).unwrap()
            })
            .collect();
        let bare = ProgressReportDocument::build(factory, plan, &without, &[], date).unwrap();
        let texts = |v: &serde_json::Value| {
            let mut out = std::collections::BTreeSet::new();
            let mut stack = vec![v.clone()];
            while let Some(v) = stack.pop() {
                match v {
                    serde_json::Value::String(s) => {
                        out.insert(s);
                    }
                    serde_json::Value::Array(a) => stack.extend(a),
                    serde_json::Value::Object(o) => stack.extend(o.into_iter().flat_map(|(k, v)| [serde_json::Value::String(k), v])),
                    _ => {}
                }
            }
            out
        };
        let full = texts(&serde_json::to_value(&report).unwrap());
        let base = texts(&serde_json::to_value(&bare).unwrap());
        // Members bring counts and shares ("1 of 2 seats"); a text they
        // bring may not hold any member's reference.
        // A reference of digits only ("2") cannot be told from a count of
        // seats; any other reference must not appear.
        let people: Vec<String> = committees
            .iter()
            .flat_map(|c| c.members.iter().map(|m| m.person.to_string()))
            .filter(|p| !p.bytes().all(|b| b.is_ascii_digit()))
            .collect();
        let leaked: Vec<(&String, &String)> = full
            .difference(&base)
            .flat_map(|text| {
                // As a word, or inside a word when long enough to be one.
                let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || "(),;:%".contains(c)).collect();
                people
                    .iter()
                    .filter(move |p| words.contains(&p.as_str()) || (p.len() >= 4 && text.contains(p.as_str())))
                    .map(move |p| (text, p))
            })
            .collect();
        prop_assert!(leaked.is_empty(), "texts that name a member: {:?}", leaked);
    }
}
