//! The programme's words for every value a reader sees: enums, rates, dates.
//! No report shows a Rust identifier or `Debug` output.

use std::borrow::Borrow;

use decentwork_catalogue::{CompliancePoint, Question};
use decentwork_model::{CommitteeKind, DialogueRating, Jurisdiction};
use decentwork_scoring::{AlertKind, PointStatus};
use rust_decimal::Decimal;

use crate::types::Rate;

/// A committee kind as the programme names it.
pub(crate) fn committee_kind(kind: impl Borrow<CommitteeKind>) -> &'static str {
    match *kind.borrow() {
        CommitteeKind::Picc => "Performance Improvement Consultative Committee (PICC)",
        CommitteeKind::ParticipationCommittee => "Participation committee",
        CommitteeKind::SafetyCommittee => "Safety committee",
        CommitteeKind::LksBipartit => "Bipartite cooperation body (LKS Bipartit)",
        CommitteeKind::WorksCouncil => "Works council",
        CommitteeKind::JointWorksCouncil => "Joint works council",
        CommitteeKind::OshCommittee => "Occupational safety and health committee",
        CommitteeKind::Other => "Other committee",
        // Kinds added to the model later.
        _ => "Committee",
    }
}

/// A social-dialogue rating.
pub(crate) fn dialogue_rating(rating: DialogueRating) -> &'static str {
    match rating {
        DialogueRating::OnTrack => "On track",
        DialogueRating::ModerateProgress => "Moderate progress",
        DialogueRating::NoProgress => "No progress",
    }
}

/// The badge of a social-dialogue rating.
pub(crate) fn dialogue_badge(rating: impl Borrow<DialogueRating>) -> Badge {
    let rating = *rating.borrow();
    let words = dialogue_rating(rating);
    match rating {
        DialogueRating::OnTrack => Badge::good(words),
        DialogueRating::ModerateProgress => Badge::new("warn", "◐", words),
        DialogueRating::NoProgress => Badge::bad(words),
    }
}

/// Where a compliance point stands.
pub(crate) fn point_status(status: PointStatus) -> &'static str {
    match status {
        PointStatus::NonCompliant => "Non-compliant",
        PointStatus::Compliant => "Compliant",
        PointStatus::NotApplicable => "Not applicable",
        PointStatus::NotAssessed => "Not assessed",
    }
}

/// The badge of a point status.
pub(crate) fn status_badge(status: impl Borrow<PointStatus>) -> Badge {
    let status = *status.borrow();
    let words = point_status(status);
    match status {
        PointStatus::NonCompliant => Badge::bad(words),
        PointStatus::Compliant => Badge::good(words),
        PointStatus::NotApplicable | PointStatus::NotAssessed => Badge::new("neutral", "–", words),
    }
}

/// Why a finding is an alert.
pub(crate) fn alert_kind(kind: AlertKind) -> &'static str {
    match kind {
        AlertKind::ZeroTolerance => "Zero tolerance",
        AlertKind::CriticalIssue => "Critical issue",
        // Kinds added to the scoring engine later.
        _ => "Alert",
    }
}

/// The badge of an alert.
pub(crate) fn alert_badge(kind: impl Borrow<AlertKind>) -> Badge {
    let kind = *kind.borrow();
    match kind {
        AlertKind::ZeroTolerance => Badge::new("bad", "!", alert_kind(kind)),
        _ => Badge::new("warn", "!", alert_kind(kind)),
    }
}

/// A value shown as a badge: words, a symbol and a colour (a CSS class), so
/// that colour is never the only signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Badge {
    pub(crate) class: &'static str,
    pub(crate) symbol: &'static str,
    pub(crate) words: &'static str,
}

impl Badge {
    pub(crate) fn new(class: &'static str, symbol: &'static str, words: &'static str) -> Self {
        Self {
            class,
            symbol,
            words,
        }
    }

    fn good(words: &'static str) -> Self {
        Self::new("good", "✓", words)
    }

    fn bad(words: &'static str) -> Self {
        Self::new("bad", "✕", words)
    }
}

/// A rate as a percentage with one decimal at most ("42.9%", "0%"), or
/// `None` when nothing was assessed.
pub(crate) fn percent(rate: impl Borrow<Rate>) -> Option<String> {
    rate.borrow()
        .rate
        .map(|r| format!("{}%", (r * Decimal::ONE_HUNDRED).round_dp(1).normalize()))
}

/// A rate as a percentage, or "not assessed".
pub(crate) fn percent_or_not_assessed(rate: Rate) -> String {
    percent(rate).unwrap_or_else(|| "not assessed".to_owned())
}

/// "1 factory", "3 factories".
pub(crate) fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "yes" or "no".
pub(crate) fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

/// Where the factory's law comes from: "Dhaka, Bangladesh" or "Bangladesh".
pub(crate) fn jurisdiction(jurisdiction: Jurisdiction) -> String {
    let country = jurisdiction.country().name();
    match jurisdiction.subdivision() {
        Some(s) => format!("{}, {country}", s.name()),
        None => country.to_owned(),
    }
}

/// A compliance point's published name, from its ID (the ID itself when the
/// catalogue does not know it).
pub(crate) fn point_name(id: &str) -> String {
    CompliancePoint::from_id(id).map_or_else(|_| id.to_owned(), |p| p.name().to_owned())
}

/// "Cluster — Compliance point" of a question, from its ID.
pub(crate) fn question_context(id: &str) -> Option<String> {
    let point = Question::from_id(id).ok()?.compliance_point();
    Some(format!("{} — {}", point.cluster().name(), point.name()))
}

/// What an improvement-plan item targets, in words: the point's name, or the
/// question's ID with its point's name.
pub(crate) fn plan_target(id: &str) -> String {
    if let Ok(point) = CompliancePoint::from_id(id) {
        return format!("{} ({id})", point.name());
    }
    if let Ok(question) = Question::from_id(id) {
        return format!("{} (question {id})", question.compliance_point().name());
    }
    id.to_owned()
}

/// A grouping key of a synthesis, in words.
pub(crate) fn group_key(key: &str) -> &str {
    match key {
        "cp" | "point" => "compliance point",
        other => other,
    }
}
