//! The malformed-input corpus: every file under `tests/malformed/` goes through
//! the library entry point that would read it. None may panic; each gives a
//! clear error naming the field (or column), the line and the value, and every
//! import says exactly which rows it skipped. The outcomes are snapshotted.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use decentwork::io::{ExportImport, ImportOptions, OshImport};
use decentwork::model::{Assessment, Factory, json};
use decentwork::scoring::{ScoreOptions, score_assessment};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/malformed");

fn files(kind: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(DIR).join(kind))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

fn name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// JSON text, or the reason it is not text.
fn text(path: &Path) -> Result<String, String> {
    String::from_utf8(std::fs::read(path).unwrap())
        .map_err(|e| format!("not UTF-8 at byte {}", e.utf8_error().valid_up_to()))
}

fn json_outcomes<T: serde::de::DeserializeOwned>(
    kind: &str,
    after: impl Fn(&T) -> String,
) -> String {
    let mut out = String::new();
    for path in files(kind) {
        let outcome = match text(&path) {
            Err(e) => e,
            Ok(t) => match json::from_str::<T>(&t) {
                Ok(value) => format!("read; {}", after(&value)),
                Err(e) => {
                    assert!(
                        e.line > 0 || e.message.contains("EOF"),
                        "{}: no position: {e}",
                        name(&path)
                    );
                    e.to_string()
                }
            },
        };
        let _ = writeln!(out, "{}: {outcome}", name(&path));
    }
    out
}

#[test]
fn malformed_factories() {
    let out = json_outcomes::<Factory>("factory", |f| format!("factory {}", f.id));
    assert!(files("factory").len() >= 30);
    insta::assert_snapshot!(out);
}

#[test]
fn malformed_assessments() {
    let out = json_outcomes::<Assessment>("assessment", |a| {
        let score = score_assessment(a, ScoreOptions::default());
        let d: Vec<String> = score.diagnostics.iter().map(ToString::to_string).collect();
        format!(
            "scored; diagnostics: {}",
            if d.is_empty() {
                "none".to_owned()
            } else {
                d.join(" | ")
            }
        )
    });
    insta::assert_snapshot!(out);
}

#[derive(serde::Deserialize)]
#[allow(dead_code, reason = "deserialised to run the model's checks")]
struct Bundle {
    factory: Factory,
    committees: Vec<decentwork::model::Committee>,
    brands: Vec<decentwork::model::Brand>,
    sourcing: Vec<decentwork::model::SourcingRelationship>,
    assessments: Vec<Assessment>,
    improvement_plan: decentwork::model::ImprovementPlan,
    progress_reports: Vec<decentwork::model::ProgressReport>,
    workers: Vec<decentwork::model::WorkerRecord>,
    advisory_visits: Vec<decentwork::model::AdvisoryVisit>,
    training: Vec<decentwork::model::TrainingSession>,
    initiatives: Vec<decentwork::model::InitiativeEnrolment>,
}

#[test]
fn malformed_bundles() {
    let out = json_outcomes::<Bundle>("bundle", |_| "valid".to_owned());
    assert!(
        !out.lines().any(|l| l.ends_with("read; valid")),
        "every bundle file is broken somewhere:\n{out}"
    );
    insta::assert_snapshot!(out);
}

#[test]
fn malformed_exports() {
    let mut out = String::new();
    let mut total = 0;
    for path in files("export") {
        total += 1;
        let bytes = std::fs::read(&path).unwrap();
        let mut used = Vec::new();
        let result = ExportImport::new(name(&path), ImportOptions::default())
            .read(&bytes[..], |row| used.push(row.as_ref().line));
        let outcome = match result {
            Ok(s) => {
                assert_eq!(s.rows_used + s.rows_skipped, s.rows_read, "{}", name(&path));
                assert_eq!(
                    s.skipped.len() as u64,
                    s.rows_skipped,
                    "{}: every skipped row is listed",
                    name(&path)
                );
                let skipped: Vec<String> = s.skipped.iter().map(ToString::to_string).collect();
                let mut text = format!(
                    "{} read, {} used (lines {used:?}), {} skipped",
                    s.rows_read, s.rows_used, s.rows_skipped
                );
                for e in &skipped {
                    assert!(e.contains(".csv:"), "{e}");
                    let _ = write!(text, "\n    skipped {e}");
                }
                for warning in s.warnings() {
                    let _ = write!(text, "\n    warning: {warning}");
                }
                text
            }
            Err(e) => format!("rejected: {e}"),
        };
        let _ = writeln!(out, "{}: {outcome}", name(&path));
        // The two-thread reader sees exactly the same rows and errors.
        let mut parallel_used = Vec::new();
        let parallel = ExportImport::new(name(&path), ImportOptions::default())
            .read_borrowed_parallel(&bytes[..], |row| parallel_used.push(row.line));
        let sequential =
            ExportImport::new(name(&path), ImportOptions::default()).read(&bytes[..], |_| {});
        assert_eq!(parallel, sequential, "{}", name(&path));
        assert_eq!(parallel_used, used, "{}", name(&path));
        // Strict mode stops at the first bad row, naming it.
        if let Err(e) =
            ExportImport::new(name(&path), ImportOptions::strict()).read(&bytes[..], |_| {})
        {
            assert!(!e.to_string().is_empty());
        }
    }
    assert!(total >= 40);
    insta::assert_snapshot!(out);
}

#[test]
fn malformed_osh_lists() {
    let on = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let mut out = String::new();
    for path in files("osh") {
        let bytes = std::fs::read(&path).unwrap();
        let import = OshImport::new(name(&path), ImportOptions::default());
        let outcome = match import.read(&bytes[..]) {
            Ok((facilities, s)) => {
                let mut text = format!(
                    "{} read, {} facilities, {} skipped",
                    s.rows_read,
                    facilities.len(),
                    s.rows_skipped
                );
                for e in &s.skipped {
                    let _ = write!(text, "\n    skipped {e}");
                }
                for d in &s.duplicates {
                    let _ = write!(
                        text,
                        "\n    duplicate OS ID {} on line {} (first on line {})",
                        d.os_id, d.line, d.first_line
                    );
                }
                // Made factories, as `import osh --enrolled-on` would.
                for f in &facilities {
                    if let Err(e) = import.factory(f, on) {
                        let _ = write!(text, "\n    not made a factory: {e}");
                    }
                }
                text
            }
            Err(e) => format!("rejected: {e}"),
        };
        let _ = writeln!(out, "{}: {outcome}", name(&path));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn the_corpus_has_at_least_a_hundred_files() {
    let n: usize = ["factory", "assessment", "bundle", "export", "osh"]
        .iter()
        .map(|k| files(k).len())
        .sum();
    assert!(n >= 100, "{n} files");
}
