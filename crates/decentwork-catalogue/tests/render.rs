//! Question texts rendered with each country's law: snapshots for three
//! countries, and the rules of rendering.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::fmt::Write as _;

use chrono::NaiveDate;
use decentwork_catalogue::{Question, RenderError};
use decentwork_model::Jurisdiction;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Every question whose text has parameters, rendered for `code` on `on`.
fn rendered(code: &str, on: NaiveDate) -> String {
    let jurisdiction: Jurisdiction = code.parse().unwrap();
    let mut out = String::new();
    for q in Question::all().filter(|q| q.parameters().next().is_some()) {
        let text = match q.render(jurisdiction, on) {
            Ok(text) => text,
            Err(RenderError::MissingParameter { parameter, .. }) => {
                format!("[no {parameter}] {}", q.render_lax(jurisdiction, on))
            }
            Err(other) => format!("[{other}]"),
        };
        let _ = writeln!(out, "{}: {text}", q.id());
    }
    out
}

#[test]
fn bangladesh() {
    insta::assert_snapshot!(rendered("BD", day(2025, 6, 1)));
}

#[test]
fn viet_nam() {
    insta::assert_snapshot!(rendered("VN", day(2025, 6, 1)));
}

#[test]
fn cambodia() {
    insta::assert_snapshot!(rendered("KH", day(2025, 6, 1)));
}

#[test]
fn jordan() {
    insta::assert_snapshot!(rendered("JO", day(2025, 6, 1)));
}

#[test]
fn minimum_working_age_by_country() {
    let q = Question::from_id("CL.CHILD.01").unwrap();
    let on = day(2025, 6, 1);
    let text = |code: &str| q.render(code.parse().unwrap(), on).unwrap();
    assert!(text("BD").contains("younger than 14"), "{}", text("BD"));
    assert!(text("VN").contains("younger than 15"), "{}", text("VN"));
    assert!(text("JO").contains("younger than 16"), "{}", text("JO"));
}

#[test]
fn missing_values_are_errors_strictly_and_phrases_laxly() {
    let q = Question::from_id("CL.CHILD.01").unwrap();
    // Balochistan's file records acts but no parameters.
    let balochistan: Jurisdiction = "PK-BA".parse().unwrap();
    let err = q.render(balochistan, day(2025, 6, 1)).unwrap_err();
    assert!(matches!(
        err,
        RenderError::MissingParameter {
            parameter: "minimum_working_age",
            ..
        }
    ));
    assert!(
        q.render_lax(balochistan, day(2025, 6, 1))
            .contains("the legal minimum working age")
    );
}

#[test]
fn a_jurisdiction_without_law_data_is_named_once() {
    let q = Question::from_id("CL.CHILD.01").unwrap();
    let france: Jurisdiction = "FR".parse().unwrap();
    let err = q.render(france, day(2025, 6, 1)).unwrap_err();
    assert!(matches!(err, RenderError::NoLawData { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.starts_with("question CL.CHILD.01: no law data for FR (the catalogue covers BD, "),
        "{text}"
    );
    assert!(
        q.render_lax(france, day(2025, 6, 1))
            .contains("the legal minimum working age")
    );
}
