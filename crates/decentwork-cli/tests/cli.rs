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

/// The other examples: their one copy lives in the model crate.
const VIET_NAM: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../decentwork-model/examples/data/viet-nam-outerwear.json"
);
const INDONESIA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../decentwork-model/examples/data/indonesia-garment.json"
);

/// The whole picture: the assessment report (every compliance point that
/// applies assessed, with the findings derived from worker records), what
/// the evidence check found, and the committee check.
#[test]
fn demo_prints_the_factory_report() {
    let demo = ok(&["demo"]);
    for part in [
        "# Assessment report: Meghna Apparels Ltd (example) (cycle 3)",
        "of 38 compliance points assessed",
        "Derived from worker records.",
        "# Evidence check: Meghna Apparels Ltd (example)",
        "## Committees the law requires",
        "**Participation committee**: required, met",
    ] {
        assert!(demo.contains(part), "{part}");
    }
    insta::assert_snapshot!(demo);
    let html = ok(&["demo", "--format", "html"]);
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("<svg") && !html.contains("<script")
    );
    assert!(html.contains("Committees the law requires"));
}

/// `check`: every example's worker records against its own country's law,
/// and its committees against the committees the law requires.
#[test]
fn check_each_example() {
    let bd = ok(&["check", BUNDLE]);
    assert!(
        bd.contains("BDT 12,500 a month"),
        "Bangladesh's garment wage"
    );
    assert!(bd.contains("| w-0031 | 2024-02-01 to 2024-02-29 | BDT 12,000 | BDT 12,500 |"));
    let vn = ok(&["check", VIET_NAM]);
    assert!(
        vn.contains("VND 4,960,000 a month for all, Region I"),
        "{vn}"
    );
    assert!(vn.contains("Overtime over the monthly limit (question WT.OVERTIME.04)"));
    let id = ok(&["check", INDONESIA]);
    assert!(id.contains("Kabupaten Bekasi, West Java"));
    assert!(id.contains("**Bipartite cooperation body (LKS Bipartit)**: required, not met"));
    // JSON is the report contract.
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["check", INDONESIA, "--format", "json"])).unwrap();
    assert_eq!(json["meta"]["kind"], "evidence_check");
    assert_eq!(json["workers"], 30);
    assert!(
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| !f["law"][0]["source"].as_str().unwrap().is_empty())
    );
    // Standard input and --on.
    let text = std::fs::read_to_string(BUNDLE).unwrap();
    let (code, piped, stderr) = run_with_stdin(&["check", "-"], &text);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(piped, bd);
    let earlier = ok(&["check", BUNDLE, "--on", "2023-01-01"]);
    assert!(earlier.contains("law in force on 2023-01-01"));
    assert!(
        earlier.contains("BDT 8,000 a month"),
        "the wage in force then is listed too"
    );
    // A jurisdiction without law data: said once, not per worker or check.
    let mut bundle: serde_json::Value = serde_json::from_str(&text).unwrap();
    bundle["factory"]["jurisdiction"] = "FR".into();
    let (code, stdout, stderr) = run_with_stdin(&["check", "-"], &bundle.to_string());
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout.matches("no law data for FR").count(),
        2,
        "the check and the committees: {stdout}"
    );
    assert!(!stdout.contains("## Checks"), "{stdout}");
    // Only the formats it writes.
    let (code, _, stderr) = run(&["check", BUNDLE, "--format", "csv"]);
    assert_eq!(code, 2, "{stderr}");
}

/// Rust identifiers a reader should never see: CamelCase enum variants as
/// `Debug` prints them, `Some(`, `None`, `snake_case` words in prose. Web
/// addresses and `{placeholders}` of question templates are left out, as are
/// the catalogue's notes, quoted from its data files as written.
fn identifiers(text: &str) -> Vec<String> {
    const VARIANTS: &[&str] = &[
        "Picc",
        "ParticipationCommittee",
        "SafetyCommittee",
        "LksBipartit",
        "WorksCouncil",
        "OshCommittee",
        "OnTrack",
        "ModerateProgress",
        "NoProgress",
        "NonCompliant",
        "NotApplicable",
        "NotAssessed",
        "ZeroTolerance",
        "CriticalIssue",
        "PublicDisclosure",
        "FactGathering",
        "NonCompliance",
        "NotRatified",
        "CoreLabourStandards",
        "WorkingConditions",
        "UnderMinimumAge",
        "OvertimeOverDailyCap",
        "PayBelowMinimumWage",
        "WorkforceUnknown",
        "NotRequired",
        "MinimumWorkingAge",
        "OvertimeCapDay",
        "MinimumWage",
        "BuyerPartner",
        "InPerson",
    ];
    let mut found = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with("- **note**:")) {
        let mut prose = String::new();
        let mut depth = 0_u32;
        for c in line.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                _ if depth == 0 => prose.push(c),
                _ => {}
            }
        }
        let prose: Vec<&str> = prose
            .split_whitespace()
            .filter(|w| !w.contains("://"))
            .collect();
        for word in prose
            .join(" ")
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '('))
        {
            let bare = word.trim_end_matches('(');
            let snake = bare.contains('_')
                && !bare.starts_with('_')
                && !bare.ends_with('_')
                && bare
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if VARIANTS.contains(&bare) || word.starts_with("Some(") || bare == "None" || snake {
                found.push(word.to_owned());
            }
        }
    }
    found
}

#[test]
fn the_identifier_check_can_fail() {
    assert_eq!(identifiers("kind: FactGathering"), ["FactGathering"]);
    assert_eq!(
        identifiers("- minimum_working_age: 14"),
        ["minimum_working_age"]
    );
    assert_eq!(identifiers("chair Some(p-1), None"), ["Some(p", "None"]);
    assert!(identifiers("Is anyone younger than {minimum_working_age} working?").is_empty());
    assert!(identifiers("source: https://x.org/?p_lang=en").is_empty());
}

/// Every command that writes text for people speaks the programme's words
/// (issue 14, point 5). JSON and CSV headers are for programs and left out.
#[test]
fn text_outputs_speak_the_programmes_words() {
    let commands: Vec<Vec<&str>> = vec![
        vec!["demo"],
        vec!["score", BUNDLE, "--format", "md"],
        vec!["check", BUNDLE],
        vec!["check", VIET_NAM],
        vec!["check", INDONESIA],
        vec!["report", "assessment", BUNDLE, "--with-evidence"],
        vec!["report", "progress", BUNDLE],
        vec!["report", "disclosure", BUNDLE],
        vec!["report", "portfolio", BUNDLE, "--brand", "BR-NORD"],
        vec!["report", "programme", BUNDLE],
        vec!["report", "progress", INDONESIA],
        vec!["catalogue", "stats"],
        vec!["catalogue", "list", "instruments"],
        vec!["catalogue", "list", "sets"],
        vec!["catalogue", "list", "clusters"],
        vec!["catalogue", "list", "points"],
        vec!["catalogue", "list", "questions"],
        vec!["catalogue", "list", "acts"],
        vec!["catalogue", "show", "CL.CHILD.01"],
        vec!["catalogue", "show", "WT.OVERTIME"],
        vec!["catalogue", "show", "OSH"],
        vec!["catalogue", "show", "C087"],
        vec!["catalogue", "search", "overtime"],
        vec!["catalogue", "law", "BD", "--on", "2025-06-01"],
        vec!["catalogue", "law", "ID-JB", "--on", "2025-06-01"],
        vec!["catalogue", "ratifications", "VN", "--on", "2024-01-01"],
        vec![
            "rates",
            "export.csv",
            "--by",
            "country,cp",
            "--format",
            "md",
        ],
        vec!["validate", BUNDLE],
    ];
    for args in commands {
        let text = ok(&args);
        assert_eq!(identifiers(&text), Vec::<String>::new(), "{args:?}");
    }
}

#[test]
fn score() {
    insta::assert_snapshot!(ok(&["score", BUNDLE, "--format", "md"]));
    let json: serde_json::Value = serde_json::from_str(&ok(&["score", BUNDLE])).unwrap();
    assert_eq!(json["meta"]["kind"], "scored_assessment");
    assert_eq!(json["overall"]["assessed"], 38, "every point that applies");
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
