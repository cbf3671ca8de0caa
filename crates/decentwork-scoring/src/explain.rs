//! A human-readable account of how a score came about.

use std::fmt::Write as _;

use crate::{AlertKind, AssessmentScore, PointStatus};

/// An alert's kind as the programme names it.
fn alert_words(kind: AlertKind) -> &'static str {
    match kind {
        AlertKind::ZeroTolerance => "Zero tolerance",
        AlertKind::CriticalIssue => "Critical issue",
    }
}

/// Explains `score`: each cluster's rate and the points behind it, each
/// non-compliant point and the findings that made it so, the alerts, and every
/// diagnostic. Every number in the result can be followed back to findings
/// (by position) and catalogue records (by ID and catalogue version).
#[must_use]
pub fn explain(score: &AssessmentScore) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Assessment {} of factory {} (cycle {}), scored with the Better Work rule against catalogue {} (question set {}).",
        score.assessment, score.factory, score.cycle, score.catalogue_version, score.tool
    );
    let _ = writeln!(
        out,
        "Overall: {} of {} compliance points assessed are non-compliant{}.",
        score.overall.non_compliant,
        score.overall.assessed,
        score
            .overall
            .rate()
            .map_or_else(String::new, |r| format!(" ({}%)", r.percent(1)))
    );
    for cluster in &score.clusters {
        let _ = writeln!(
            out,
            "- {}: {} of {} points non-compliant{}",
            cluster.cluster,
            cluster.points.non_compliant,
            cluster.points.assessed,
            if cluster.not_counted.is_empty() {
                String::new()
            } else {
                let ids: Vec<String> = cluster
                    .not_counted
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                format!(
                    "; not counted (not assessed or not applicable): {}",
                    ids.join(", ")
                )
            }
        );
        for point in score
            .points
            .iter()
            .filter(|p| p.cluster == cluster.cluster && p.status == PointStatus::NonCompliant)
        {
            let findings: Vec<String> = point
                .decided_by
                .iter()
                .map(|f| {
                    if f.derived_from_evidence {
                        format!(
                            "{} (finding {}, derived from worker records)",
                            f.question, f.index
                        )
                    } else {
                        format!("{} (finding {})", f.question, f.index)
                    }
                })
                .collect();
            let _ = writeln!(
                out,
                "  - {} is non-compliant because of {}",
                point.point,
                findings.join(", ")
            );
        }
    }
    if !score.alerts.is_empty() {
        let _ = writeln!(out, "Alerts:");
        for alert in &score.alerts {
            let _ = writeln!(
                out,
                "- {}: {} ({}), finding {}; ILO: {}{}",
                alert_words(alert.kind),
                alert.question,
                alert.point,
                alert.index,
                alert.ilo.join(", "),
                if alert.legal.is_empty() {
                    String::new()
                } else {
                    format!("; law: {}", alert.legal.join("; "))
                }
            );
        }
    }
    if !score.diagnostics.is_empty() {
        let _ = writeln!(out, "Notes on the input:");
        for d in &score.diagnostics {
            let _ = writeln!(out, "- {d}");
        }
    }
    out
}
