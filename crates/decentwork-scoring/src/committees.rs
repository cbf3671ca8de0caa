//! Committees the law requires: for a factory on a date, from its workforce
//! and the catalogue's thresholds, which committees are required, and whether
//! the factory's committees meet what the law asks of them (the committee
//! exists; its members, worker-side share and women's share; its meetings).

use chrono::{Months, NaiveDate};
use decentwork_catalogue::{LawInForce, LegalValue, Parameter, Unit};
use decentwork_model::{Committee, CommitteeId, CommitteeKind, Factory, Jurisdiction, Ratio};
use rust_decimal::Decimal;

use crate::AppliedLaw;

/// One rule a required committee is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum CommitteeRule {
    /// A committee of the kind is in place on the date.
    Exists,
    /// It has at least the legal number of members.
    MinimumMembers,
    /// Worker representatives hold at least the legal share of its seats.
    WorkerShare,
    /// Women hold at least the legal share of its worker-side seats.
    WomenShare,
    /// It met at least as often as the law requires over the year up to the
    /// date (or since it was formed, if later).
    Meetings,
}

/// What one rule found.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct RuleResult {
    /// The rule.
    pub rule: CommitteeRule,
    /// The legal value behind it (none for [`CommitteeRule::Exists`], which
    /// the threshold carries).
    pub law: Option<AppliedLaw>,
    /// What the records show, e.g. "4 members", "3 of 6 seats (50%)",
    /// "longest 92 days without a meeting".
    pub observed: String,
    /// Whether the committee meets the rule.
    pub met: bool,
}

/// Whether a committee is required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Requirement {
    /// The factory has at least the threshold's number of workers.
    Required,
    /// It has fewer.
    NotRequired,
    /// Its workforce on the date is not on record.
    WorkforceUnknown,
}

/// One committee the law may require of the factory.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct CommitteeRequirement {
    /// The kind of committee that meets the requirement; `None` when the law
    /// asks for something the model does not record as a committee (the note
    /// says what).
    pub kind: Option<CommitteeKind>,
    /// The threshold: workers from which the law requires it.
    pub threshold: AppliedLaw,
    /// Whether it is required of this factory on the date.
    pub requirement: Requirement,
    /// The factory's committees of the kind in place on the date.
    pub committees: Vec<CommitteeId>,
    /// The rules checked, on the first of those committees (or only
    /// [`CommitteeRule::Exists`] when there is none). Empty when not required.
    pub rules: Vec<RuleResult>,
    /// Whether the factory meets the requirement: `None` when not required or
    /// not known to be.
    pub met: Option<bool>,
    /// For a requirement without a committee kind, the catalogue's note on it.
    pub note: Option<String>,
}

/// The result of [`check_committees`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct CommitteeCheck {
    /// The factory's jurisdiction.
    pub jurisdiction: Jurisdiction,
    /// The date.
    pub on: NaiveDate,
    /// Workers on the date: the latest workforce snapshot on or before it.
    pub workers: Option<u32>,
    /// Set when the catalogue has no law data for the jurisdiction, saying so once.
    pub no_law_data: Option<String>,
    /// Every committee threshold in force, in the catalogue's order.
    pub requirements: Vec<CommitteeRequirement>,
}

impl CommitteeCheck {
    /// The requirements that apply to the factory and are not met.
    pub fn unmet(&self) -> impl Iterator<Item = &CommitteeRequirement> {
        self.requirements.iter().filter(|r| r.met == Some(false))
    }
}

/// Which committees the law requires of `factory` on `on`, and whether its
/// `committees` meet the requirements.
///
/// ```
/// use chrono::NaiveDate;
/// use decentwork_model::{Factory, FactoryFields, SexCounts, Workforce, WorkforceFields};
/// use decentwork_scoring::{Requirement, check_committees};
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let mut fields = FactoryFields::new("ID-7".parse()?, "Example Garmen", "ID-JB".parse()?, "Bekasi", day(2024, 1, 1));
/// fields.workforce.push(Workforce::new(WorkforceFields::new(day(2025, 1, 31), 320, SexCounts::new(250, 70, 0)))?);
/// let factory = Factory::new(fields)?;
/// let check = check_committees(&factory, &[], day(2025, 6, 30));
/// let lks = check.requirements.iter()
///     .find(|r| r.kind == Some(decentwork_model::CommitteeKind::LksBipartit)).unwrap();
/// assert_eq!(lks.requirement, Requirement::Required); // 320 workers, threshold 50
/// assert_eq!(lks.met, Some(false)); // no such committee on record
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn check_committees(
    factory: &Factory,
    committees: &[Committee],
    on: NaiveDate,
) -> CommitteeCheck {
    let workers = factory.workforce_on(on).map(|w| w.total);
    let mut check = CommitteeCheck {
        jurisdiction: factory.jurisdiction,
        on,
        workers,
        no_law_data: None,
        requirements: Vec::new(),
    };
    let law = match LawInForce::try_new(factory.jurisdiction, on) {
        Ok(law) => law,
        Err(e) => {
            check.no_law_data = Some(e.to_string());
            return check;
        }
    };
    let region = factory.wage_region.as_deref();
    for threshold in law.values().filter(|v| {
        v.parameter().is_committee_threshold() && v.applies_to(Some(crate::GARMENT), region)
    }) {
        check.requirements.push(requirement(
            &law,
            threshold,
            factory,
            committees,
            (on, workers),
        ));
    }
    check
}

fn requirement(
    law: &LawInForce,
    threshold: LegalValue,
    factory: &Factory,
    committees: &[Committee],
    (on, workers): (NaiveDate, Option<u32>),
) -> CommitteeRequirement {
    let kind = threshold.committee();
    let requirement = match workers {
        None => Requirement::WorkforceUnknown,
        Some(n) if Decimal::from(n) >= threshold.value() => Requirement::Required,
        Some(_) => Requirement::NotRequired,
    };
    let mine: Vec<&Committee> = committees
        .iter()
        .filter(|c| c.factory == factory.id && Some(c.kind) == kind && c.period.contains(on))
        .collect();
    let mut result = CommitteeRequirement {
        kind,
        threshold: AppliedLaw::of(threshold),
        requirement,
        committees: mine.iter().map(|c| c.id).collect(),
        rules: Vec::new(),
        met: None,
        note: None,
    };
    let Some(kind) = kind else {
        result.note = Some(
            threshold
                .note()
                .unwrap_or("the law asks for something other than a committee")
                .to_owned(),
        );
        return result;
    };
    if requirement != Requirement::Required {
        return result;
    }
    result.rules.push(RuleResult {
        rule: CommitteeRule::Exists,
        law: None,
        observed: match mine.len() {
            0 => "no committee in place".to_owned(),
            1 => "1 committee in place".to_owned(),
            n => format!("{n} committees in place"),
        },
        met: !mine.is_empty(),
    });
    if let Some(committee) = mine.first() {
        let rules = law
            .values()
            .filter(|v| v.committee() == Some(kind) && !v.parameter().is_committee_threshold());
        for value in rules {
            if let Some(rule) = rule_result(value, committee, on) {
                result.rules.push(rule);
            }
        }
    }
    result.met = Some(result.rules.iter().all(|r| r.met));
    result
}

/// `ratio >= percent %`, exactly.
fn at_least(ratio: Option<Ratio>, percent: Decimal) -> bool {
    ratio.is_some_and(|r| {
        Decimal::from(r.part()) * Decimal::ONE_HUNDRED >= percent * Decimal::from(r.whole())
    })
}

fn share_text(ratio: Option<Ratio>, of: &str) -> String {
    match ratio {
        Some(r) => format!(
            "{} of {} {of} ({}%)",
            r.part(),
            r.whole(),
            r.percent(0).normalize()
        ),
        None => format!("no {of}"),
    }
}

fn rule_result(value: LegalValue, committee: &Committee, on: NaiveDate) -> Option<RuleResult> {
    let law = Some(AppliedLaw::of(value));
    let limit = value.value();
    Some(match value.parameter() {
        Parameter::CommitteeMinimumMembers => {
            let members = committee.members_on(on).count();
            RuleResult {
                rule: CommitteeRule::MinimumMembers,
                law,
                observed: format!("{members} members"),
                met: Decimal::from(members) >= limit,
            }
        }
        Parameter::CommitteeWorkerShare => {
            let share = committee.worker_side_share(on);
            RuleResult {
                rule: CommitteeRule::WorkerShare,
                law,
                observed: share_text(share, "seats"),
                met: at_least(share, limit),
            }
        }
        Parameter::CommitteeWomenShare => {
            let share = committee.women_share_of_worker_seats(on);
            RuleResult {
                rule: CommitteeRule::WomenShare,
                law,
                observed: share_text(share, "worker seats"),
                met: at_least(share, limit),
            }
        }
        Parameter::CommitteeMeetingInterval if value.unit() == Unit::Months => {
            let months = u32::try_from(limit.trunc().mantissa()).ok()?;
            let year_before = on.checked_sub_months(Months::new(12)).unwrap_or(on);
            let start = year_before.max(committee.period.start());
            let mut marks: Vec<NaiveDate> = vec![start];
            marks.extend(
                committee
                    .meetings
                    .iter()
                    .map(|m| m.held_on)
                    .filter(|d| start < *d && *d <= on),
            );
            marks.push(on);
            let mut met = true;
            let mut longest = 0_i64;
            for pair in marks.windows(2) {
                if let [a, b] = pair {
                    longest = longest.max((*b - *a).num_days());
                    if a.checked_add_months(Months::new(months))
                        .is_none_or(|due| *b > due)
                    {
                        met = false;
                    }
                }
            }
            let held = marks.len().saturating_sub(2);
            RuleResult {
                rule: CommitteeRule::Meetings,
                law,
                observed: format!(
                    "{held} meeting{} from {start} to {on}; longest {longest} days without one",
                    if held == 1 { "" } else { "s" }
                ),
                met,
            }
        }
        _ => return None,
    })
}
