//! Evidence checks: findings derived from a sample of worker records (hours,
//! overtime, pay, age) against the law in force in the factory's jurisdiction
//! on the assessment date. Each derived finding cites the legal parameter, its
//! legal basis and its source.

use chrono::{Datelike, NaiveDate};
use decentwork_catalogue::{LawInForce, LegalValue, Parameter, Per, Unit, Verification};
use decentwork_model::{Jurisdiction, WorkerRecord, WorkerRef};
use rust_decimal::Decimal;

/// Hours worked by one worker on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct DayHours {
    /// The day.
    pub date: NaiveDate,
    /// Ordinary hours.
    pub ordinary: Decimal,
    /// Overtime hours.
    pub overtime: Decimal,
}

impl DayHours {
    /// Hours on `date`.
    #[must_use]
    pub fn new(date: NaiveDate, ordinary: Decimal, overtime: Decimal) -> Self {
        Self {
            date,
            ordinary,
            overtime,
        }
    }
}

/// What a worker was paid for a pay period.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Pay {
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period (inclusive).
    pub to: NaiveDate,
    /// The period the pay is for, as minimum wages are expressed (a month…).
    pub per: Per,
    /// ISO 4217 currency code.
    pub currency: String,
    /// Pay for ordinary hours.
    pub ordinary: Decimal,
    /// Pay for overtime hours.
    pub overtime: Decimal,
}

impl Pay {
    /// Pay for the period `from`–`to` (inclusive), expressed per `per`.
    #[must_use]
    pub fn new(
        (from, to): (NaiveDate, NaiveDate),
        per: Per,
        currency: impl Into<String>,
        ordinary: Decimal,
        overtime: Decimal,
    ) -> Self {
        Self {
            from,
            to,
            per,
            currency: currency.into(),
            ordinary,
            overtime,
        }
    }
}

/// One worker's records in the sample.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WorkerEvidence {
    /// The worker (pseudonymous).
    pub worker: WorkerRecord,
    /// Daily hours.
    pub hours: Vec<DayHours>,
    /// Pay records.
    pub pay: Vec<Pay>,
}

impl WorkerEvidence {
    /// Evidence for `worker`, without hours or pay yet.
    #[must_use]
    pub fn new(worker: WorkerRecord) -> Self {
        Self {
            worker,
            hours: Vec::new(),
            pay: Vec::new(),
        }
    }
}

/// What was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum EvidenceKind {
    /// Younger than the minimum working age.
    UnderAge,
    /// Ordinary hours over the daily limit.
    OrdinaryHoursOverDailyLimit,
    /// Ordinary hours over the weekly limit.
    OrdinaryHoursOverWeeklyLimit,
    /// Overtime over the daily cap.
    OvertimeOverDailyCap,
    /// Overtime over the weekly cap.
    OvertimeOverWeeklyCap,
    /// Ordinary plus overtime hours over the daily cap.
    TotalHoursOverDailyCap,
    /// Overtime paid below the premium.
    OvertimePremiumUnderpaid,
    /// Ordinary pay below the minimum wage.
    PayBelowMinimumWage,
}

impl EvidenceKind {
    /// The compliance point the finding bears on.
    #[must_use]
    pub fn compliance_point(self) -> &'static str {
        match self {
            EvidenceKind::UnderAge => "CL.CHILD",
            EvidenceKind::OrdinaryHoursOverDailyLimit
            | EvidenceKind::OrdinaryHoursOverWeeklyLimit => "WT.HOURS",
            EvidenceKind::OvertimeOverDailyCap
            | EvidenceKind::OvertimeOverWeeklyCap
            | EvidenceKind::TotalHoursOverDailyCap => "WT.OVERTIME",
            EvidenceKind::OvertimePremiumUnderpaid => "COMP.OTWAGES",
            EvidenceKind::PayBelowMinimumWage => "COMP.MINWAGE",
        }
    }
}

/// A finding derived from worker records.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct DerivedFinding {
    /// What was found.
    pub kind: EvidenceKind,
    /// The worker.
    pub worker: WorkerRef,
    /// The day, week (its Monday) or pay period start it concerns.
    pub on: NaiveDate,
    /// What the records show (hours, amount, or the worker's oldest possible age).
    pub observed: Decimal,
    /// The legal limit or floor.
    pub limit: Decimal,
    /// The legal parameter applied.
    pub parameter: Parameter,
    /// Its legal basis, e.g. "Bangladesh Labour Act 2006, s.100".
    pub legal_basis: String,
    /// Its source.
    pub source: String,
    /// Whether that source confirmed the parameter.
    pub verified: bool,
}

/// A check that could not be made, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct NotChecked {
    /// The worker.
    pub worker: WorkerRef,
    /// The check.
    pub check: EvidenceKind,
    /// Why not.
    pub reason: String,
}

/// The result of [`check_evidence`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct EvidenceResult {
    /// Findings against the law.
    pub findings: Vec<DerivedFinding>,
    /// Checks that could not be made.
    pub not_checked: Vec<NotChecked>,
}

/// Where the factory is and what applies to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct EvidenceContext<'a> {
    /// The factory's jurisdiction.
    pub jurisdiction: Jurisdiction,
    /// The assessment date: the law in force then applies, and ages are taken then.
    pub on: NaiveDate,
    /// The minimum-wage sector (e.g. "garment"), if sectoral wages apply.
    pub sector: Option<&'a str>,
    /// The minimum-wage region (e.g. "Region I"), if wages vary by region.
    pub region: Option<&'a str>,
}

impl EvidenceContext<'_> {
    /// A context for `jurisdiction` on `on`, without sector or region.
    #[must_use]
    pub fn new(jurisdiction: Jurisdiction, on: NaiveDate) -> Self {
        Self {
            jurisdiction,
            on,
            sector: None,
            region: None,
        }
    }
}

/// Checks a sample of worker records against the law in force.
///
/// ```
/// use chrono::NaiveDate;
/// use decentwork_model::{Age, ContractType, Sex, WorkerRecord, WorkerRecordFields};
/// use decentwork_scoring::{DayHours, EvidenceContext, EvidenceKind, WorkerEvidence, check_evidence};
/// use rust_decimal::Decimal;
///
/// let on = NaiveDate::from_ymd_opt(2025, 3, 3).unwrap();
/// let worker = WorkerRecord::new(WorkerRecordFields::new(
///     "w-1".parse()?, Sex::Female, Age::BirthYear(2000), ContractType::Permanent,
/// ))?;
/// let mut evidence = WorkerEvidence::new(worker);
/// evidence.hours.push(DayHours::new(on, Decimal::from(8), Decimal::from(4)));
/// let result = check_evidence(EvidenceContext::new("BD".parse()?, on), &[evidence]);
/// // Bangladesh caps overtime at 2 hours a day (10 hours in all).
/// assert!(result.findings.iter().any(|f| f.kind == EvidenceKind::OvertimeOverDailyCap));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn check_evidence(context: EvidenceContext<'_>, sample: &[WorkerEvidence]) -> EvidenceResult {
    let law = LawInForce::new(context.jurisdiction, context.on);
    let mut result = EvidenceResult::default();
    for evidence in sample {
        check_age(&law, context.on, evidence, &mut result);
        check_hours(&law, evidence, &mut result);
        check_pay(&law, context, evidence, &mut result);
    }
    result
}

fn finding(
    kind: EvidenceKind,
    worker: WorkerRef,
    on: NaiveDate,
    observed: Decimal,
    value: LegalValue,
) -> DerivedFinding {
    let provenance = value.provenance();
    DerivedFinding {
        kind,
        worker,
        on,
        observed,
        limit: value.value(),
        parameter: value.parameter(),
        legal_basis: value.legal_basis().to_owned(),
        source: provenance.source.to_owned(),
        verified: provenance.status == Verification::Verified,
    }
}

fn not_checked(
    result: &mut EvidenceResult,
    worker: WorkerRef,
    check: EvidenceKind,
    reason: impl Into<String>,
) {
    result.not_checked.push(NotChecked {
        worker,
        check,
        reason: reason.into(),
    });
}

fn check_age(
    law: &LawInForce,
    on: NaiveDate,
    evidence: &WorkerEvidence,
    result: &mut EvidenceResult,
) {
    let worker = evidence.worker.reference;
    let Some(min) = law.value(Parameter::MinimumWorkingAge) else {
        return not_checked(
            result,
            worker,
            EvidenceKind::UnderAge,
            "no minimum working age recorded for the jurisdiction",
        );
    };
    let Ok(years) = u8::try_from(min.value().trunc().mantissa()) else {
        return not_checked(
            result,
            worker,
            EvidenceKind::UnderAge,
            "minimum working age out of range",
        );
    };
    match (
        evidence.worker.is_under(years, on),
        evidence.worker.age_range_on(on),
    ) {
        (Some(true), Some((_, oldest))) => {
            result.findings.push(finding(
                EvidenceKind::UnderAge,
                worker,
                on,
                Decimal::from(oldest),
                min,
            ));
        }
        (Some(_), _) => {}
        (None, _) => not_checked(
            result,
            worker,
            EvidenceKind::UnderAge,
            "the record's age (birth year or band) cannot tell whether the worker is under the minimum age on the date",
        ),
    }
}

/// The Monday of `date`'s ISO week.
fn week_start(date: NaiveDate) -> NaiveDate {
    date - chrono::Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// The law's limit for `parameter` in hours; without one, `kind` is recorded
/// as not checked for `worker`.
fn hours_limit(
    law: &LawInForce,
    parameter: Parameter,
    (result, worker, kind): (&mut EvidenceResult, WorkerRef, EvidenceKind),
) -> Option<LegalValue> {
    let limit = law.value(parameter).filter(|v| v.unit() == Unit::Hours);
    if limit.is_none() {
        not_checked(
            result,
            worker,
            kind,
            format!("no single {} recorded in hours", parameter.name()),
        );
    }
    limit
}

fn check_hours(law: &LawInForce, evidence: &WorkerEvidence, result: &mut EvidenceResult) {
    let worker = evidence.worker.reference;
    let daily = [
        (
            EvidenceKind::OrdinaryHoursOverDailyLimit,
            Parameter::NormalHoursDay,
        ),
        (
            EvidenceKind::OvertimeOverDailyCap,
            Parameter::OvertimeCapDay,
        ),
        (
            EvidenceKind::TotalHoursOverDailyCap,
            Parameter::TotalHoursCapDay,
        ),
    ];
    for (kind, parameter) in daily {
        if evidence.hours.is_empty() {
            continue;
        }
        let Some(limit) = hours_limit(law, parameter, (result, worker, kind)) else {
            continue;
        };
        for day in &evidence.hours {
            let observed = match kind {
                EvidenceKind::OrdinaryHoursOverDailyLimit => day.ordinary,
                EvidenceKind::OvertimeOverDailyCap => day.overtime,
                _ => day.ordinary + day.overtime,
            };
            if observed > limit.value() {
                result
                    .findings
                    .push(finding(kind, worker, day.date, observed, limit));
            }
        }
    }
    let mut weeks: std::collections::BTreeMap<NaiveDate, (Decimal, Decimal)> =
        std::collections::BTreeMap::new();
    for day in &evidence.hours {
        let week = weeks.entry(week_start(day.date)).or_default();
        week.0 += day.ordinary;
        week.1 += day.overtime;
    }
    let weekly = [
        (
            EvidenceKind::OrdinaryHoursOverWeeklyLimit,
            Parameter::NormalHoursWeek,
        ),
        (
            EvidenceKind::OvertimeOverWeeklyCap,
            Parameter::OvertimeCapWeek,
        ),
    ];
    for (kind, parameter) in weekly {
        if weeks.is_empty() {
            continue;
        }
        let Some(limit) = hours_limit(law, parameter, (result, worker, kind)) else {
            continue;
        };
        for (monday, (ordinary, overtime)) in &weeks {
            let observed = if kind == EvidenceKind::OrdinaryHoursOverWeeklyLimit {
                *ordinary
            } else {
                *overtime
            };
            if observed > limit.value() {
                result
                    .findings
                    .push(finding(kind, worker, *monday, observed, limit));
            }
        }
    }
}

fn check_pay(
    law: &LawInForce,
    context: EvidenceContext<'_>,
    evidence: &WorkerEvidence,
    result: &mut EvidenceResult,
) {
    let worker = evidence.worker.reference;
    for pay in &evidence.pay {
        let days: Vec<&DayHours> = evidence
            .hours
            .iter()
            .filter(|d| pay.from <= d.date && d.date <= pay.to)
            .collect();
        let ordinary_hours: Decimal = days.iter().map(|d| d.ordinary).sum();
        let overtime_hours: Decimal = days.iter().map(|d| d.overtime).sum();
        // Overtime premium: overtime pay at least hours × ordinary hourly rate × premium.
        if overtime_hours > Decimal::ZERO {
            match (
                law.value(Parameter::OvertimePremium)
                    .filter(|v| v.unit() == Unit::Multiplier),
                ordinary_hours > Decimal::ZERO,
            ) {
                (Some(premium), true) => {
                    let hourly = pay.ordinary / ordinary_hours;
                    let due = hourly * overtime_hours * premium.value();
                    if pay.overtime < due {
                        let mut f = finding(
                            EvidenceKind::OvertimePremiumUnderpaid,
                            worker,
                            pay.from,
                            pay.overtime,
                            premium,
                        );
                        f.limit = due.round_dp(2);
                        result.findings.push(f);
                    }
                }
                (None, _) => not_checked(
                    result,
                    worker,
                    EvidenceKind::OvertimePremiumUnderpaid,
                    "no single overtime premium recorded as a multiplier",
                ),
                (_, false) => not_checked(
                    result,
                    worker,
                    EvidenceKind::OvertimePremiumUnderpaid,
                    "no ordinary hours recorded in the pay period, so no hourly rate",
                ),
            }
        }
        // Minimum wage: ordinary pay for the period at least the minimum for the same period.
        let Some(minimum) = law.minimum_wage(context.sector, context.region) else {
            not_checked(
                result,
                worker,
                EvidenceKind::PayBelowMinimumWage,
                "no minimum wage recorded for the sector and region",
            );
            continue;
        };
        let currency_matches = matches!(minimum.unit(), Unit::Money(c) if c == pay.currency);
        if !currency_matches || minimum.per() != Some(pay.per) {
            not_checked(
                result,
                worker,
                EvidenceKind::PayBelowMinimumWage,
                format!(
                    "the minimum wage is {}, the pay record is in {} per {:?}",
                    minimum.display_value(),
                    pay.currency,
                    pay.per
                ),
            );
            continue;
        }
        if pay.ordinary < minimum.value() {
            result.findings.push(finding(
                EvidenceKind::PayBelowMinimumWage,
                worker,
                pay.from,
                pay.ordinary,
                minimum,
            ));
        }
    }
}
