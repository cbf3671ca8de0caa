//! JSON: the shape of a realistic factory (snapshot), round trips of every main
//! type, and deserialisation running the same checks as the constructors.
#![cfg(all(feature = "json", feature = "proptest"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

use decentwork_model::{
    Assessment, Brand, Committee, Country, Factory, ImprovementPlan, Jurisdiction, OsId, Period,
    ProgressReport, WorkerRecord, Workforce, json,
};
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

const BUNDLE: &str = include_str!("../examples/data/factory-bundle.json");

fn bundle_part(key: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(BUNDLE).unwrap();
    value[key].to_string()
}

#[test]
fn realistic_factory_json_shape() {
    let factory: Factory = json::from_str(&bundle_part("factory")).unwrap();
    insta::assert_json_snapshot!("example_factory", factory);
}

#[test]
fn realistic_committee_and_assessment_json_shape() {
    let committees: Vec<Committee> = json::from_str(&bundle_part("committees")).unwrap();
    let assessments: Vec<Assessment> = json::from_str(&bundle_part("assessments")).unwrap();
    insta::assert_json_snapshot!("example_committees", committees);
    // Every question is answered; the shape shows in the first findings and
    // the non-compliant ones.
    let shown: Vec<Assessment> = assessments
        .into_iter()
        .map(|a| {
            let mut fields = a.into_fields();
            let mut kept: Vec<_> = fields.findings.iter().take(3).cloned().collect();
            kept.extend(
                fields
                    .findings
                    .iter()
                    .filter(|f| f.outcome != decentwork_model::Outcome::Compliant)
                    .cloned(),
            );
            fields.findings = kept;
            Assessment::new(fields).unwrap()
        })
        .collect();
    insta::assert_json_snapshot!("example_assessments", shown);
    // A worker's records: age, contract, a month of hours, pay and leave.
    let workers: Vec<WorkerRecord> = json::from_str(&bundle_part("workers")).unwrap();
    let mut first = workers[0].clone().into_fields();
    for sheet in &mut first.timesheets {
        sheet.days.truncate(3);
    }
    insta::assert_json_snapshot!("example_worker", first);
}

/// Serialising, reading back and serialising again gives the same value and text.
fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(
    value: &T,
) -> Result<(), TestCaseError> {
    let text = serde_json::to_string(value).unwrap();
    let back: T = json::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
    prop_assert_eq!(&back, value);
    prop_assert_eq!(serde_json::to_string(&back).unwrap(), text);
    Ok(())
}

proptest! {
    #[test]
    fn factory_round_trips(value in any::<Factory>()) { round_trip(&value)?; }
    #[test]
    fn committee_round_trips(value in any::<Committee>()) { round_trip(&value)?; }
    #[test]
    fn assessment_round_trips(value in any::<Assessment>()) { round_trip(&value)?; }
    #[test]
    fn brand_round_trips(value in any::<Brand>()) { round_trip(&value)?; }
    #[test]
    fn worker_round_trips(value in any::<WorkerRecord>()) { round_trip(&value)?; }
    #[test]
    fn plan_round_trips(value in any::<ImprovementPlan>()) { round_trip(&value)?; }
    #[test]
    fn progress_report_round_trips(value in any::<ProgressReport>()) { round_trip(&value)?; }
    #[test]
    fn workforce_round_trips(value in any::<Workforce>()) { round_trip(&value)?; }
    #[test]
    fn codes_round_trip(c in any::<Country>(), j in any::<Jurisdiction>(), o in any::<OsId>(), p in any::<Period>()) {
        round_trip(&c)?;
        round_trip(&j)?;
        round_trip(&o)?;
        round_trip(&p)?;
    }
}

/// Reads `text` as `T` and returns the error message.
fn error<T: DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
    json::from_str::<T>(text).unwrap_err().to_string()
}

#[test]
fn deserialisation_checks_like_the_constructors() {
    let workforce =
        r#"{"on": "2024-01-01", "total": 10, "by_sex": {"women": 6, "men": 3, "other": 0}}"#;
    insta::assert_snapshot!(error::<Workforce>(workforce), @"line 1, column 79: by_sex: women + men + other = 9, but total is 10");

    let negative =
        r#"{"on": "2024-01-01", "total": 10, "by_sex": {"women": -1, "men": 11, "other": 0}}"#;
    insta::assert_snapshot!(error::<Workforce>(negative), @"by_sex.women: line 1, column 56: invalid value: integer `-1`, expected u32");

    let unknown = r#"{"on": "2024-01-01", "total": 0, "by_sex": {"women": 0, "men": 0, "other": 0}, "children": 2}"#;
    insta::assert_snapshot!(error::<Workforce>(unknown), @"children: line 1, column 89: unknown field `children`, expected one of `on`, `total`, `by_sex`, `young_workers`, `migrant_workers`, `by_contract`");

    let period = r#"{"start": "2024-03-01", "end": "2024-01-01"}"#;
    insta::assert_snapshot!(error::<Period>(period), @"line 1, column 44: end (2024-01-01) is before start (2024-03-01)");

    insta::assert_snapshot!(error::<OsId>(r#""VN2019085P645QT""#), @r#"line 1, column 17: OS ID "VN2019085P645QT": check character is 'T', but the first 14 characters give 'S'"#);
    insta::assert_snapshot!(error::<Jurisdiction>(r#""PK-XX""#), @r#"line 1, column 7: subdivision code "PK-XX": not an assigned code"#);
    insta::assert_snapshot!(error::<Country>("\"VN\" x"), @"line 1, column 6: trailing characters");
    insta::assert_snapshot!(error::<Period>(r#"{"start": "2024-02-30"}"#), @"start: line 1, column 22: input is out of range");
}

#[test]
fn nested_errors_name_the_path() {
    let mut value: serde_json::Value = serde_json::from_str(&bundle_part("factory")).unwrap();
    value["workforce"][1]["young_workers"] = serde_json::json!(5000);
    let message = error::<Factory>(&value.to_string());
    assert!(message.starts_with("workforce[1]: "), "{message}");
    assert!(
        message.contains("young_workers: 5000 is more than total (1612)"),
        "{message}"
    );

    let mut value: serde_json::Value = serde_json::from_str(&bundle_part("committees")).unwrap();
    value[0]["members"][3]["period"]["start"] = serde_json::json!("2020-01-01");
    let message = error::<Vec<Committee>>(&value.to_string());
    assert!(message.starts_with("[0]: "), "{message}");
    assert!(
        message
            .contains("members[3].period: \"2020-01-01..\" is not inside the committee's period"),
        "{message}"
    );

    let mut value: serde_json::Value = serde_json::from_str(&bundle_part("factory")).unwrap();
    value["os_id"] = serde_json::json!("BD2021145K7M2QX");
    let message = error::<Factory>(&value.to_string());
    assert!(message.starts_with("os_id: "), "{message}");
}

#[test]
fn consent_cannot_be_deserialised_on_its_own() {
    // `Consent` implements Serialize only; the factory's record is the one source.
    fn is_deserialize<T: DeserializeOwned>() {}
    is_deserialize::<decentwork_model::ConsentGrant>();
    let factory: Factory = json::from_str(&bundle_part("factory")).unwrap();
    let consents: Vec<_> = factory.consents().collect();
    assert_eq!(consents.len(), 2);
    assert!(consents.iter().all(|c| c.factory() == factory.id));
}
