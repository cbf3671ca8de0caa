//! End to end: the `decentwork` binary on the shipped examples, outputs snapshotted.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

use std::process::Command;

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
/// The example bundle: its one copy lives in the model crate.
const BUNDLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../decentwork-model/examples/data/factory-bundle.json"
);

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

/// Runs the binary with `input` on standard input.
fn run_with_stdin(args: &[&str], input: &str) -> (i32, String, String) {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_decentwork"))
        .args(args)
        .current_dir(EXAMPLES)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
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
    insta::assert_snapshot!(ok(&["score", BUNDLE, "--format", "md"]));
    let json: serde_json::Value = serde_json::from_str(&ok(&["score", BUNDLE])).unwrap();
    assert_eq!(json["meta"]["kind"], "scored_assessment");
    assert_eq!(json["overall"]["assessed"], 5);
    assert_eq!(json["assessment"], "BD-A-2024-073");
    let first: serde_json::Value =
        serde_json::from_str(&ok(&["score", BUNDLE, "--assessment", "BD-A-2023-118"])).unwrap();
    assert_eq!(first["cycle"], 2);
    // One assessment on its own, from standard input.
    let bundle: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(BUNDLE).unwrap()).unwrap();
    let (code, stdout, stderr) = run_with_stdin(
        &["score", "-", "--jurisdiction", "BD"],
        &bundle["assessments"][1].to_string(),
    );
    assert_eq!(code, 0, "{stderr}");
    let alone: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(alone["points"], json["points"]);
    let (code, _, stderr) = run(&["score", BUNDLE, "--assessment", "NOPE"]);
    assert_eq!(code, 1, "{stderr}");
}

#[test]
fn reports_from_the_bundle() {
    insta::assert_snapshot!(
        "report_progress",
        ok(&["report", "progress", BUNDLE, "--on", "2024-06-30"])
    );
    insta::assert_snapshot!(
        "report_portfolio",
        ok(&[
            "report",
            "portfolio",
            BUNDLE,
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
        ok(&["report", "programme", BUNDLE, "--on", "2024-06-30"])
    );
    let disclosure = ok(&["report", "disclosure", BUNDLE, "--format", "json"]);
    assert!(disclosure.contains("\"kind\": \"public_disclosure\""));
    let (code, _, stderr) = run(&["report", "portfolio", BUNDLE]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--brand"), "{stderr}");
    for kind in [
        "assessment",
        "progress",
        "disclosure",
        "portfolio",
        "programme",
    ] {
        let (code, stdout, stderr) = run(&[
            "report", kind, BUNDLE, "--brand", "BR-NORD", "--format", "csv",
        ]);
        assert_eq!(code, 0, "{kind}: {stderr}");
        assert!(stdout.lines().count() >= 2, "{kind}: {stdout}");
    }
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
    assert!(stdout.starts_with(
        "country,country_code,cluster,cluster_id,cp,cp_id,assessed,non_compliant,rate\n"
    ));
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
    assert!(questions.starts_with(
        "question_id,question,cluster,cluster_id,cp,cp_id,public,assessed,non_compliant,rate\n"
    ));
    let question_json: serde_json::Value = serde_json::from_str(&ok(&[
        "rates",
        "export.csv",
        "--by",
        "question",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(question_json["level"], "question");
    assert!(question_json["questions"].as_array().unwrap().len() > 100);
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

/// `rates` arguments are typed, and say what is allowed; input comes from a
/// file or standard input, output goes to standard output or a file.
#[test]
fn rates_arguments_and_streams() {
    // Typed arguments, with what is allowed in the message.
    for (args, says) in [
        (&["--population", "cycle:99999999"][..], "1 to 65535"),
        (&["--population", "cycle:0"][..], "1 to 65535"),
        (&["--population", "panel"][..], "panel-strict:N"),
        (&["--from", "2024-13"][..], "YYYY-MM"),
        (
            &["--from", "2024-06", "--to", "2024-01"][..],
            "ends before it starts",
        ),
        (&["--by", "question,cp"][..], "stands alone"),
        (&["--by", "cp,cp"][..], "twice"),
        (&["--format", "html"][..], "html"),
    ] {
        let mut all = vec!["rates", "export.csv"];
        all.extend(args);
        let (code, _, stderr) = run(&all);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
    // A window that holds no assessment is said, not silently empty.
    let (code, stdout, stderr) = run(&[
        "rates",
        "export.csv",
        "--from",
        "2040-01",
        "--to",
        "2040-12",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.lines().count(), 1, "the header only");
    assert!(
        stderr.contains("warning: no assessment is in the population"),
        "{stderr}"
    );
    // Standard input and --output.
    let export = std::fs::read_to_string(format!("{EXAMPLES}/export.csv")).unwrap();
    let (code, piped, stderr) = run_with_stdin(&["rates", "-", "--by", "country,cp"], &export);
    assert_eq!(code, 0, "{stderr}");
    let from_file = ok(&["rates", "export.csv", "--by", "country,cp"]);
    assert_eq!(piped, from_file);
    let dir = std::env::temp_dir().join(format!("decentwork-cli-rates-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("rates.csv");
    assert!(
        ok(&[
            "rates",
            "export.csv",
            "--by",
            "country,cp",
            "--output",
            out.to_str().unwrap()
        ])
        .is_empty()
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), from_file);
    // A directory is not an export.
    let (code, _, stderr) = run(&["rates", dir.to_str().unwrap()]);
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("not a regular file"), "{stderr}");
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
    insta::assert_snapshot!("catalogue_stats_md", ok(&["catalogue", "stats"]));
    let (code, stdout, stderr) = run(&["catalogue", "law", "FR", "--on", "2025-06-01"]);
    assert_eq!(code, 1, "no law data is a data error: {stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    insta::assert_snapshot!("catalogue_law_unknown_jurisdiction", stderr);
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
    assert!(ok(&["validate", BUNDLE]).contains("valid bundle"));
    // Every problem of a bundle, not the first.
    let mut bundle: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(BUNDLE).unwrap()).unwrap();
    bundle["brands"][0]["name"] = " ".into();
    bundle["committees"][0]["kind"] = "nonsense".into();
    let (code, _, stderr) = run_with_stdin(&["validate", "-"], &bundle.to_string());
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert!(
        stderr.contains("brands[0]") && stderr.contains("committees[0].kind"),
        "{stderr}"
    );
    let mut bundle: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(BUNDLE).unwrap()).unwrap();
    bundle["assessments"][0]["factory"] = "BD-9999".into();
    bundle["sourcing"][0]["brand"] = "BR-NONE".into();
    let (code, _, stderr) = run_with_stdin(&["validate", "-"], &bundle.to_string());
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("assessments[0].factory") && stderr.contains("not the bundle's factory"),
        "{stderr}"
    );
    assert!(
        stderr.contains("sourcing[0].brand") && stderr.contains("names no brand in the bundle"),
        "{stderr}"
    );
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
    let (code, _, stderr) = run(&["import", "osh", "export.csv"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("not an Open Supply Hub facility list"),
        "{stderr}"
    );
    assert!(stderr.len() < 400, "{stderr}");
}
