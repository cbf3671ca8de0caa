//! The programme's words for every value a reader sees: enums, rates, dates.
//! No report shows a Rust identifier or `Debug` output.

use std::borrow::Borrow;

use decentwork_catalogue::{CompliancePoint, Question};
use decentwork_model::{CommitteeKind, DialogueRating, Jurisdiction};
use decentwork_scoring::{
    AlertKind, CommitteeRule, EvidenceKind, Measure, PointStatus, Requirement,
};
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

/// A legal parameter, named as the catalogue names it, in words
/// ("overtime limit a day"); the name itself when the catalogue does not know it.
pub(crate) fn parameter(name: &str) -> String {
    decentwork_catalogue::Parameter::from_name(name)
        .map_or_else(|| name.to_owned(), |p| p.words().to_owned())
}

/// What an evidence check looks for.
pub(crate) fn evidence_kind(kind: impl Borrow<EvidenceKind>) -> &'static str {
    match *kind.borrow() {
        EvidenceKind::UnderMinimumAge => "Worker under the minimum working age",
        EvidenceKind::HazardousWorkUnderAge => "Hazardous work under the age allowed",
        EvidenceKind::OrdinaryHoursOverDailyLimit => "Ordinary hours over the daily limit",
        EvidenceKind::OrdinaryHoursOverWeeklyLimit => "Ordinary hours over the weekly limit",
        EvidenceKind::WeeklyRestShort => "Less weekly rest than the law grants",
        EvidenceKind::OvertimeOverDailyCap => "Overtime over the daily limit",
        EvidenceKind::OvertimeOverWeeklyCap => "Overtime over the weekly limit",
        EvidenceKind::OvertimeOverMonthlyCap => "Overtime over the monthly limit",
        EvidenceKind::OvertimeOverYearlyCap => "Overtime over the yearly limit",
        EvidenceKind::TotalHoursOverDailyCap => "Total hours over the daily limit",
        EvidenceKind::OvertimePayShort => "Overtime paid below the legal rate",
        EvidenceKind::PayBelowMinimumWage => "Pay below the minimum wage",
        EvidenceKind::AnnualLeaveShort => "Less paid annual leave than the law grants",
        EvidenceKind::MaternityLeaveShort => "Maternity leave shorter than the law grants",
        EvidenceKind::MaternityPayShort => "Maternity pay below the legal rate",
        _ => "Evidence check",
    }
}

/// A figure of a derived finding with its unit: "11 hours", "BDT 12,500",
/// "16 days", "14 years", "50%".
pub(crate) fn measure(value: Decimal, measure: &Measure) -> String {
    let n = value.normalize();
    let count =
        |one: &str, many: &str| format!("{n} {}", if n == Decimal::ONE { one } else { many });
    match measure {
        Measure::Years => count("year", "years"),
        Measure::Hours => count("hour", "hours"),
        Measure::Days => count("day", "days"),
        Measure::Percent => format!("{n}%"),
        Measure::Money(currency) => format!("{currency} {}", grouped(value.round_dp(2))),
        _ => n.to_string(),
    }
}

/// `12500.5` as `12,500.50`; whole amounts without decimals.
fn grouped(value: Decimal) -> String {
    let text = if value.fract().is_zero() {
        value.trunc().to_string()
    } else {
        format!("{value:.2}")
    };
    let (sign, text) = text
        .strip_prefix('-')
        .map_or(("", text.as_str()), |rest| ("-", rest));
    let (whole, fraction) = text
        .split_once('.')
        .map_or((text, None), |(w, f)| (w, Some(f)));
    let digits: Vec<char> = whole.chars().collect();
    let mut out = sign.to_owned();
    for (i, digit) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(*digit);
    }
    if let Some(fraction) = fraction {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// Whether the law requires a committee of the factory.
pub(crate) fn requirement(requirement: impl Borrow<Requirement>) -> &'static str {
    match *requirement.borrow() {
        Requirement::Required => "Required",
        Requirement::NotRequired => "Not required",
        Requirement::WorkforceUnknown => "Workforce not on record",
        _ => "Requirement",
    }
}

/// A rule a required committee is checked against.
pub(crate) fn committee_rule(rule: impl Borrow<CommitteeRule>) -> &'static str {
    match *rule.borrow() {
        CommitteeRule::Exists => "Committee in place",
        CommitteeRule::MinimumMembers => "Members",
        CommitteeRule::WorkerShare => "Worker representatives' share of seats",
        CommitteeRule::WomenShare => "Women's share of worker seats",
        CommitteeRule::Meetings => "Meetings",
        _ => "Rule",
    }
}

/// A met, unmet or not-applicable requirement as a badge.
pub(crate) fn met_badge(met: Option<bool>) -> Badge {
    match met {
        Some(true) => Badge::good("Met"),
        Some(false) => Badge::bad("Not met"),
        None => Badge::new("neutral", "–", "Not applicable"),
    }
}

/// A source's status in words.
pub(crate) fn verified(verified: bool) -> &'static str {
    if verified { "verified" } else { "unverified" }
}
