//! End to end: the `decentwork` binary on the shipped examples, outputs snapshotted.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

use std::process::Command;

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");

/// Runs the binary; returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_decentwork"))
        .args(args)
        .current_dir(EXAMPLES)
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn ok(args: &[&str]) -> String {
    let (code, stdout, stderr) = run(args);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    stdout
}

#[test]
fn demo_prints_the_factory_report() {
    insta::assert_snapshot!(ok(&["demo"]));
    let html = ok(&["demo", "--format", "html"]);
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("<svg") && !html.contains("<script")
    );
}

#[test]
fn score() {
    insta::assert_snapshot!(ok(&[
        "score",
        "assessment.json",
        "--jurisdiction",
        "BD",
        "--format",
        "md"
    ]));
    let json: serde_json::Value = serde_json::from_str(&ok(&["score", "assessment.json"])).unwrap();
    assert_eq!(json["overall"]["assessed"], 5);
}

#[test]
fn reports_from_the_bundle() {
    insta::assert_snapshot!(
        "report_progress",
        ok(&[
            "report",
            "progress",
            "factory-bundle.json",
            "--on",
            "2024-06-30"
        ])
    );
    insta::assert_snapshot!(
        "report_portfolio",
        ok(&[
            "report",
            "portfolio",
            "factory-bundle.json",
            "--brand",
            "BR-NORD",
            "--on",
            "2024-06-30",
            "--format",
            "csv"
        ])
    );
    insta::assert_snapshot!(
        "report_programme",
        ok(&[
            "report",
            "programme",
            "factory-bundle.json",
            "--on",
            "2024-06-30"
        ])
    );
    let disclosure = ok(&[
        "report",
        "disclosure",
        "factory-bundle.json",
        "--format",
        "json",
    ]);
    assert!(disclosure.contains("\"kind\": \"public_disclosure\""));
    let (code, _, stderr) = run(&["report", "portfolio", "factory-bundle.json"]);
    assert_eq!(
        (code, stderr.trim()),
        (2, "decentwork: portfolio needs --brand")
    );
}

#[test]
fn rates_from_the_export() {
    let (code, stdout, stderr) = run(&[
        "rates",
        "export.csv",
        "--population",
        "latest",
        "--from",
        "2019-01",
        "--to",
        "2026-12",
        "--by",
        "country,cp",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("rows read"), "{stderr}");
    assert!(stdout.starts_with("country,cp,assessed,non_compliant,rate\n"));
    insta::assert_snapshot!("rates_latest_country_cp", stdout);
    insta::assert_snapshot!(
        "rates_panel_cycle_cluster",
        ok(&[
            "rates",
            "export.csv",
            "--population",
            "panel:2",
            "--by",
            "cycle,cluster",
            "--harmonise",
            "--exclude-obsolete",
            "--format",
            "md"
        ])
    );
    let questions = ok(&[
        "rates",
        "export.csv",
        "--population",
        "cycle:1",
        "--by",
        "question",
    ]);
    assert!(
        questions
            .starts_with("question_id,question,cp,cluster,public,assessed,non_compliant,rate\n")
    );
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "rates",
        "export.csv",
        "--by",
        "cluster",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["meta"]["kind"], "industry_synthesis");
    let (code, _, stderr) = run(&["rates", "export.csv", "--by", "country,planet"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn catalogue_commands() {
    insta::assert_snapshot!(
        "catalogue_stats",
        ok(&["catalogue", "stats", "--format", "json"])
    );
    insta::assert_snapshot!(
        "catalogue_ratifications_vn",
        ok(&["catalogue", "ratifications", "VN", "--on", "2024-01-01"])
    );
    insta::assert_snapshot!(
        "catalogue_law_bd",
        ok(&["catalogue", "law", "BD", "--on", "2025-06-01"])
    );
    let show = ok(&["catalogue", "show", "C087"]);
    assert!(show.contains(
        "Freedom of Association and Protection of the Right to Organise Convention, 1948"
    ));
    let search = ok(&["catalogue", "search", "exit", "--tag", "critical-issue"]);
    assert!(
        search.lines().any(|l| l.starts_with("OSH.EMERGENCY.01\t")),
        "{search}"
    );
    assert!(
        !ok(&["catalogue", "search", "exit"])
            .lines()
            .eq(search.lines()),
        "the tag filter narrows the search"
    );
    assert!(ok(&["catalogue", "list", "points"]).lines().count() == 39);
    let law_json: serde_json::Value = serde_json::from_str(&ok(&[
        "catalogue",
        "law",
        "VN",
        "--on",
        "2026-02-01",
        "--format",
        "json",
    ]))
    .unwrap();
    assert!(
        law_json["values"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v["parameter"] == "minimum_wage" && v["value"] == "5310000")
    );
}

#[test]
fn validate_and_schema() {
    assert!(ok(&["validate", "factory-bundle.json"]).contains("valid bundle"));
    let dir = std::env::temp_dir().join(format!("decentwork-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad-factory.json");
    std::fs::write(&bad, r#"{"id": "F1", "name": "X", "jurisdiction": "BD", "address": "Y", "exporter": true, "enrolled_on": "2024-01-01", "os_id": "VN2019085P645QT"}"#).unwrap();
    let (code, _, stderr) = run(&["validate", bad.to_str().unwrap(), "--kind", "factory"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("os_id") && stderr.contains("check character"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["validate", "no-such-file.json"]);
    assert_eq!(code, 3, "{stderr}");
    insta::assert_snapshot!("schema_list", ok(&["schema"]));
    let schema: serde_json::Value =
        serde_json::from_str(&ok(&["schema", "factory_assessment"])).unwrap();
    assert_eq!(schema["title"], "FactoryAssessmentReport");
}

#[test]
fn import_osh() {
    let (code, stdout, stderr) = run(&["import", "osh", "osh-facilities.csv"]);
    assert_eq!(code, 0, "{stderr}");
    let facilities: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(facilities.as_array().unwrap().len(), 3);
    // Facilities, not factories: no enrolment date is made up.
    assert!(facilities[0].get("enrolled_on").is_none());
    assert_eq!(facilities[0]["number_of_workers"][0]["max"], 5000);
    insta::assert_snapshot!("import_osh_stderr", stderr);
    let (code, _, stderr) = run(&["import", "osh", "osh-facilities.csv", "--strict"]);
    assert_eq!(code, 1, "{stderr}");
}

/// Open Supply Hub's own download (the columns the site writes, invented
/// facilities): read whole, and made factories only when asked.
#[test]
fn import_osh_download() {
    let download = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../decentwork-io/tests/data/osh-download.csv"
    );
    let (code, stdout, stderr) = run(&["import", "osh", download]);
    assert_eq!(code, 0, "{stderr}");
    let facilities: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    insta::assert_json_snapshot!("import_osh_download_first", facilities[0]);
    assert_eq!(facilities.as_array().unwrap().len(), 5);
    assert_eq!(facilities[2]["is_closed"], true);
    assert!(
        stderr.contains("an Open Supply Hub download; 5 rows read, 5 facilities, 0 rows skipped"),
        "{stderr}"
    );
    assert!(
        stderr.contains("43 columns not read: processing_type_facility_type_raw, claim_created_at"),
        "{stderr}"
    );
    let (code, stdout, stderr) = run(&["import", "osh", download, "--enrolled-on", "2024-07-01"]);
    assert_eq!(code, 0, "{stderr}");
    let factories: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        factories.as_array().unwrap().len(),
        4,
        "the closed facility is left out"
    );
    assert_eq!(factories[0]["enrolled_on"], "2024-07-01");
    assert!(
        stderr.contains("not made a factory") && stderr.contains("is_closed"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&[
        "import",
        "osh",
        download,
        "--enrolled-on",
        "2024-07-01",
        "--strict",
    ]);
    assert_eq!(code, 1, "{stderr}");
    // Any other file: not a facility list, and its first line is not echoed.
    let (code, _, stderr) = run(&["import", "osh", "assessment.json"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("not an Open Supply Hub facility list"),
        "{stderr}"
    );
    assert!(stderr.len() < 400, "{stderr}");
}

#[test]
fn the_examples_stay_in_step_with_the_model_crate() {
    let here = std::fs::read_to_string(format!("{EXAMPLES}/factory-bundle.json")).unwrap();
    let model = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../decentwork-model/examples/data/factory-bundle.json"
    ))
    .unwrap();
    assert_eq!(
        here, model,
        "copy crates/decentwork-model/examples/data/factory-bundle.json to examples/"
    );
    let bundle: serde_json::Value = serde_json::from_str(&here).unwrap();
    let assessment: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{EXAMPLES}/assessment.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(bundle["assessments"][1], assessment);
}
