//! Evidence checks: findings derived from a sample of worker records (ages,
//! daily hours, pay, annual and maternity leave) against the law in force.
//!
//! The law is taken on each day the records concern: a day's hours against
//! the limits in force that day, a pay period's wage against each of its
//! days' minimum wage (so a period that spans a change is prorated), a week,
//! month or year against the limit in force on its last day worked, a leave
//! year or a maternity leave against the law on its first day. Values are
//! chosen for the factory's sector and minimum-wage region (a value for all
//! sectors covers garment; a sector's own value beats a general one).
//!
//! Every derived finding names the worker and the period, what the records
//! show, the legal limit, and the legal value behind it with its legal basis
//! and source. Every check says how many worker-periods it examined and why
//! it could not examine others; every parameter in force says which check
//! used it, or why none did. A jurisdiction without law data is said once.
//!
//! [`merge_evidence`] adds the derived findings to an assessment, marked as
//! derived from evidence, so that they are scored and reported like any
//! other finding.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Months, NaiveDate};
use decentwork_catalogue::{
    AccrualBasis, DayCount, LawInForce, LegalValue, Parameter, Per, Question, Unit, Verification,
};
use decentwork_model::{
    Assessment, DayKind, Factory, Finding, Jurisdiction, LeaveDays, Outcome, QuestionId,
    ValidationError, WorkedDay, WorkerRecord, WorkerRef,
};
use rust_decimal::Decimal;

/// What a derived finding is about. Each kind answers one question of the
/// catalogue ([`EvidenceKind::question`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum EvidenceKind {
    /// Younger than the minimum working age on a day worked.
    UnderMinimumAge,
    /// Doing hazardous work below the hazardous-work age.
    HazardousWorkUnderAge,
    /// Ordinary hours over the daily limit.
    OrdinaryHoursOverDailyLimit,
    /// Ordinary hours over the weekly limit.
    OrdinaryHoursOverWeeklyLimit,
    /// Fewer days (or hours) of rest in a week than the law grants.
    WeeklyRestShort,
    /// Overtime over the daily cap.
    OvertimeOverDailyCap,
    /// Overtime over the weekly cap.
    OvertimeOverWeeklyCap,
    /// Overtime over the monthly cap.
    OvertimeOverMonthlyCap,
    /// Overtime over the yearly cap.
    OvertimeOverYearlyCap,
    /// Ordinary plus overtime hours over the daily cap.
    TotalHoursOverDailyCap,
    /// Overtime paid below the legal rate.
    OvertimePayShort,
    /// Ordinary pay below the minimum wage.
    PayBelowMinimumWage,
    /// Fewer days of paid annual leave than the law grants.
    AnnualLeaveShort,
    /// Maternity leave shorter than the law grants.
    MaternityLeaveShort,
    /// Maternity benefit below the legal share of the wage.
    MaternityPayShort,
}

impl EvidenceKind {
    /// Every kind, in the order checks run and reports list them.
    pub const ALL: [EvidenceKind; 15] = [
        EvidenceKind::UnderMinimumAge,
        EvidenceKind::HazardousWorkUnderAge,
        EvidenceKind::OrdinaryHoursOverDailyLimit,
        EvidenceKind::OrdinaryHoursOverWeeklyLimit,
        EvidenceKind::WeeklyRestShort,
        EvidenceKind::OvertimeOverDailyCap,
        EvidenceKind::OvertimeOverWeeklyCap,
        EvidenceKind::OvertimeOverMonthlyCap,
        EvidenceKind::OvertimeOverYearlyCap,
        EvidenceKind::TotalHoursOverDailyCap,
        EvidenceKind::OvertimePayShort,
        EvidenceKind::PayBelowMinimumWage,
        EvidenceKind::AnnualLeaveShort,
        EvidenceKind::MaternityLeaveShort,
        EvidenceKind::MaternityPayShort,
    ];

    /// The catalogue question a finding of this kind answers (non-compliant).
    #[must_use]
    pub fn question(self) -> &'static str {
        match self {
            EvidenceKind::UnderMinimumAge => "CL.CHILD.01",
            EvidenceKind::HazardousWorkUnderAge => "CL.HAZARD.01",
            EvidenceKind::OrdinaryHoursOverDailyLimit => "WT.HOURS.02",
            EvidenceKind::OrdinaryHoursOverWeeklyLimit => "WT.HOURS.03",
            EvidenceKind::WeeklyRestShort => "WT.HOURS.04",
            EvidenceKind::OvertimeOverDailyCap => "WT.OVERTIME.01",
            EvidenceKind::OvertimeOverWeeklyCap => "WT.OVERTIME.02",
            EvidenceKind::TotalHoursOverDailyCap => "WT.OVERTIME.03",
            EvidenceKind::OvertimeOverMonthlyCap | EvidenceKind::OvertimeOverYearlyCap => {
                "WT.OVERTIME.04"
            }
            EvidenceKind::OvertimePayShort => "COMP.OTWAGES.01",
            EvidenceKind::PayBelowMinimumWage => "COMP.MINWAGE.02",
            EvidenceKind::AnnualLeaveShort => "WT.LEAVE.01",
            EvidenceKind::MaternityLeaveShort => "WT.LEAVE.06",
            EvidenceKind::MaternityPayShort => "COMP.PAIDLEAVE.03",
        }
    }

    /// The compliance point of its question.
    #[must_use]
    pub fn compliance_point(self) -> &'static str {
        let q = self.question();
        q.rsplit_once('.').map_or(q, |(point, _)| point)
    }

    /// The legal parameters the check applies (the first is its limit).
    #[must_use]
    pub fn parameters(self) -> &'static [Parameter] {
        match self {
            EvidenceKind::UnderMinimumAge => &[Parameter::MinimumWorkingAge],
            EvidenceKind::HazardousWorkUnderAge => &[Parameter::HazardousWorkAge],
            EvidenceKind::OrdinaryHoursOverDailyLimit => &[Parameter::NormalHoursDay],
            EvidenceKind::OrdinaryHoursOverWeeklyLimit => &[Parameter::NormalHoursWeek],
            EvidenceKind::WeeklyRestShort => &[Parameter::WeeklyRest],
            EvidenceKind::OvertimeOverDailyCap => &[Parameter::OvertimeCapDay],
            EvidenceKind::OvertimeOverWeeklyCap => &[Parameter::OvertimeCapWeek],
            EvidenceKind::OvertimeOverMonthlyCap => &[Parameter::OvertimeCapMonth],
            EvidenceKind::OvertimeOverYearlyCap => &[Parameter::OvertimeCapYear],
            EvidenceKind::TotalHoursOverDailyCap => &[Parameter::TotalHoursCapDay],
            EvidenceKind::OvertimePayShort => &[
                Parameter::OvertimePremium,
                Parameter::OvertimePremiumRestDay,
                Parameter::OvertimePremiumHoliday,
            ],
            EvidenceKind::PayBelowMinimumWage => &[Parameter::MinimumWage],
            EvidenceKind::AnnualLeaveShort => &[Parameter::AnnualLeave],
            EvidenceKind::MaternityLeaveShort => &[Parameter::MaternityLeave],
            EvidenceKind::MaternityPayShort => &[Parameter::MaternityPay],
        }
    }
}

/// The unit of a derived finding's figures.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Measure {
    /// Whole years of age.
    Years,
    /// Hours.
    Hours,
    /// Days.
    Days,
    /// Per cent.
    Percent,
    /// An amount in the ISO 4217 currency named.
    Money(String),
}

/// A legal value a check applied, with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct AppliedLaw {
    /// The parameter.
    pub parameter: Parameter,
    /// Its value as the law states it, e.g. "2 hours", "BDT 12,500 a month".
    pub value: String,
    /// The sector, region or variant it is for, when it is not general.
    pub scope: Vec<String>,
    /// For a committee rule, the committee it is about.
    pub committee: Option<decentwork_model::CommitteeKind>,
    /// First day in force, when recorded.
    pub from: Option<NaiveDate>,
    /// Last day in force, when it has ended.
    pub to: Option<NaiveDate>,
    /// The act and section.
    pub legal_basis: String,
    /// Where the catalogue has it from.
    pub source: String,
    /// Whether that source confirmed it (an official text, or two
    /// independent secondary sources).
    pub verified: bool,
}

impl AppliedLaw {
    /// The catalogue's value, as cited.
    #[must_use]
    pub fn of(value: LegalValue) -> Self {
        let provenance = value.provenance();
        let scope: Vec<String> = [value.sector(), value.region(), value.variant()]
            .into_iter()
            .flatten()
            .map(str::to_owned)
            .collect();
        AppliedLaw {
            parameter: value.parameter(),
            value: value.display_value(),
            scope,
            committee: value.committee(),
            from: value.from(),
            to: value.to(),
            legal_basis: value.legal_basis().to_owned(),
            source: provenance.source.to_owned(),
            verified: provenance.status == Verification::Verified,
        }
    }
}

/// A finding derived from one worker's records over one period.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct DerivedFinding {
    /// What was found.
    pub kind: EvidenceKind,
    /// The worker (pseudonymous).
    pub worker: WorkerRef,
    /// First day of the period concerned: the day, the week's Monday, the
    /// month's or year's first day, the pay period's or leave's first day.
    pub from: NaiveDate,
    /// Last day of the period (inclusive).
    pub to: NaiveDate,
    /// What the records show: hours, an amount, days, a share, an age (the
    /// oldest the worker can be).
    pub observed: Decimal,
    /// The legal limit or floor, in the same unit (for pay, the amount due
    /// for the period).
    pub limit: Decimal,
    /// The unit of both figures.
    pub measure: Measure,
    /// The legal values applied (more than one when the period spans a
    /// change of the law).
    pub law: Vec<AppliedLaw>,
}

/// Worker-periods a check could not examine, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct NotChecked {
    /// Why not.
    pub reason: String,
    /// The workers concerned; empty when the reason holds for every worker.
    pub workers: Vec<WorkerRef>,
}

/// What one check did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct CheckSummary {
    /// The check.
    pub kind: EvidenceKind,
    /// Worker-periods examined (worker-days, -weeks, -months, -years, pay
    /// periods, leave years or leaves).
    pub checked: u32,
    /// Of those, how many broke the law.
    pub findings: u32,
    /// What could not be examined, by reason.
    pub not_checked: Vec<NotChecked>,
}

/// One legal parameter in force on the date, and which checks applied it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct LawUse {
    /// The value.
    pub law: AppliedLaw,
    /// The checks that applied it.
    pub used_by: Vec<EvidenceKind>,
    /// Why no check applied it, when none did.
    pub unused: Option<String>,
}

/// The result of [`check_evidence`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct EvidenceResult {
    /// The factory's jurisdiction.
    pub jurisdiction: Jurisdiction,
    /// The date of the check (ages without days worked are taken then; the
    /// parameters listed are those in force then).
    pub on: NaiveDate,
    /// Set when the catalogue has no law data for the jurisdiction: why no
    /// check ran, said once.
    pub no_law_data: Option<String>,
    /// Workers in the sample.
    pub workers: u32,
    /// Every check, in [`EvidenceKind::ALL`] order (empty without law data).
    pub checks: Vec<CheckSummary>,
    /// The findings, by check, worker and period.
    pub findings: Vec<DerivedFinding>,
    /// Every legal parameter in force on `on` for the factory's sector and
    /// region, and the checks that applied it.
    pub law: Vec<LawUse>,
}

impl EvidenceResult {
    /// The summary of one check.
    #[must_use]
    pub fn check(&self, kind: EvidenceKind) -> Option<&CheckSummary> {
        self.checks.iter().find(|c| c.kind == kind)
    }
}

/// Where the factory is and what applies to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct EvidenceContext<'a> {
    /// The factory's jurisdiction.
    pub jurisdiction: Jurisdiction,
    /// The date of the check: ages are taken then for workers without days
    /// worked, and the parameters listed are those in force then.
    pub on: NaiveDate,
    /// The factory's sector as the law names it (`garment`).
    pub sector: Option<&'a str>,
    /// The factory's minimum-wage region, where wages vary by region.
    pub region: Option<&'a str>,
}

/// The sector of the programme's factories, as the catalogue's law data names it.
pub const GARMENT: &str = "garment";

impl<'a> EvidenceContext<'a> {
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

    /// A garment factory's context: its jurisdiction and minimum-wage region.
    #[must_use]
    pub fn for_factory(factory: &'a Factory, on: NaiveDate) -> Self {
        Self {
            jurisdiction: factory.jurisdiction,
            on,
            sector: Some(GARMENT),
            region: factory.wage_region.as_deref(),
        }
    }
}

/// Checks a sample of worker records against the law in force.
///
/// ```
/// use chrono::NaiveDate;
/// use decentwork_model::{Age, ContractType, Sex, Timesheet, WorkedDay, WorkerRecord, WorkerRecordFields};
/// use decentwork_scoring::{EvidenceContext, EvidenceKind, check_evidence};
/// use rust_decimal::Decimal;
///
/// let day = |d| NaiveDate::from_ymd_opt(2025, 3, d).unwrap();
/// let mut fields = WorkerRecordFields::new(
///     "w-1".parse()?, Sex::Female, Age::BirthYear(2000), ContractType::Permanent,
/// );
/// let mut sheet = Timesheet::new(day(1), day(31));
/// sheet.days.push(WorkedDay::new(day(3), Decimal::from(8), Decimal::from(4)));
/// fields.timesheets.push(sheet);
/// let worker = WorkerRecord::new(fields)?;
/// let result = check_evidence(EvidenceContext::new("BD".parse()?, day(31)), &[worker]);
/// // Bangladesh caps overtime at 2 hours a day (10 hours in all).
/// let finding = result.findings.iter().find(|f| f.kind == EvidenceKind::OvertimeOverDailyCap).unwrap();
/// assert_eq!((finding.observed, finding.limit), (Decimal::from(4), Decimal::from(2)));
/// assert_eq!(finding.law[0].legal_basis, "Bangladesh Labour Act 2006, s.100 proviso");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn check_evidence(context: EvidenceContext<'_>, sample: &[WorkerRecord]) -> EvidenceResult {
    let workers = u32::try_from(sample.len()).unwrap_or(u32::MAX);
    let mut result = EvidenceResult {
        jurisdiction: context.jurisdiction,
        on: context.on,
        no_law_data: None,
        workers,
        checks: Vec::new(),
        findings: Vec::new(),
        law: Vec::new(),
    };
    if let Err(e) = LawInForce::try_new(context.jurisdiction, context.on) {
        result.no_law_data = Some(e.to_string());
        return result;
    }
    let mut c = Checker::new(context);
    for worker in sample {
        c.age(worker);
        c.daily(worker);
        c.periods(worker);
        c.weekly_rest(worker);
        c.pay(worker);
        c.annual_leave(worker);
        c.maternity(worker);
    }
    c.finish(result)
}

/// The law in force on each date asked for, computed once per date.
struct LawCache {
    jurisdiction: Jurisdiction,
    by_date: BTreeMap<NaiveDate, LawInForce>,
}

impl LawCache {
    fn on(&mut self, date: NaiveDate) -> &LawInForce {
        self.by_date
            .entry(date)
            .or_insert_with(|| LawInForce::new(self.jurisdiction, date))
    }
}

/// One value of `parameter` for the factory on `date`, or why there is none.
fn one_value(
    law: &LawInForce,
    parameter: Parameter,
    (sector, region): (Option<&str>, Option<&str>),
    unit_ok: impl Fn(Unit) -> bool,
) -> Result<LegalValue, String> {
    // Where several values apply, `applicable` keeps the most specific.
    let values = law.applicable(parameter, sector, region);
    match values.as_slice() {
        [] => {
            if let Some(absence) = law.absences().find(|a| a.parameter() == parameter) {
                Err(format!(
                    "the law sets no {} ({})",
                    parameter.words(),
                    absence.legal_basis()
                ))
            } else {
                Err(format!(
                    "the catalogue records no {} for the jurisdiction",
                    parameter.words()
                ))
            }
        }
        [one] if unit_ok(one.unit()) => Ok(*one),
        [one] => Err(format!(
            "the {} is recorded as {}, which this check cannot compare with the records",
            parameter.words(),
            one.display_value()
        )),
        several => {
            let variants: Vec<String> = several
                .iter()
                .map(|v| match v.variant() {
                    Some(variant) => format!("{} for {variant}", v.display_value()),
                    None => v.display_value(),
                })
                .collect();
            Err(format!(
                "the law sets several {} rules ({}); the records do not say which applies",
                parameter.words(),
                variants.join("; ")
            ))
        }
    }
}

/// Two handles to the same catalogue record.
fn same(a: LegalValue, b: LegalValue) -> bool {
    a.parameter() == b.parameter()
        && a.jurisdiction() == b.jurisdiction()
        && a.sector() == b.sector()
        && a.region() == b.region()
        && a.variant() == b.variant()
        && a.per() == b.per()
        && a.from() == b.from()
        && a.committee() == b.committee()
}

/// The Monday of `date`'s week.
fn week_start(date: NaiveDate) -> NaiveDate {
    date - chrono::Days::new(u64::from(date.weekday().num_days_from_monday()))
}

fn month_start(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

fn month_end(date: NaiveDate) -> NaiveDate {
    month_start(date)
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(date)
}

fn days_in_month(date: NaiveDate) -> Decimal {
    Decimal::from(month_end(date).day())
}

fn year_span(date: NaiveDate) -> (NaiveDate, NaiveDate) {
    let y = date.year();
    (
        NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(date),
        NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(date),
    )
}

/// Every day from `from` to `to`, inclusive.
fn days(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d <= to)
}

/// Whole calendar days from `from` to `to`, inclusive.
fn span_days(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days() + 1
}

struct Checker<'a> {
    context: EvidenceContext<'a>,
    law: LawCache,
    findings: Vec<DerivedFinding>,
    checked: BTreeMap<EvidenceKind, u32>,
    not_checked: BTreeMap<(EvidenceKind, String), BTreeSet<WorkerRef>>,
    used: Vec<(LegalValue, BTreeSet<EvidenceKind>)>,
}

impl<'a> Checker<'a> {
    fn new(context: EvidenceContext<'a>) -> Self {
        Self {
            context,
            law: LawCache {
                jurisdiction: context.jurisdiction,
                by_date: BTreeMap::new(),
            },
            findings: Vec::new(),
            checked: BTreeMap::new(),
            not_checked: BTreeMap::new(),
            used: Vec::new(),
        }
    }

    fn scope(&self) -> (Option<&'a str>, Option<&'a str>) {
        (self.context.sector, self.context.region)
    }

    /// The value of `parameter` on `date`, recorded as used by `kind`; or
    /// `None`, recording why `kind` could not check `worker`.
    fn value(
        &mut self,
        kind: EvidenceKind,
        parameter: Parameter,
        (date, worker): (NaiveDate, WorkerRef),
        unit_ok: impl Fn(Unit) -> bool,
    ) -> Option<LegalValue> {
        let scope = self.scope();
        match one_value(self.law.on(date), parameter, scope, unit_ok) {
            Ok(value) => {
                self.use_value(value, kind);
                Some(value)
            }
            Err(reason) => {
                self.skip(kind, worker, reason);
                None
            }
        }
    }

    fn use_value(&mut self, value: LegalValue, kind: EvidenceKind) {
        match self.used.iter_mut().find(|(v, _)| same(*v, value)) {
            Some((_, kinds)) => {
                kinds.insert(kind);
            }
            None => self.used.push((value, BTreeSet::from([kind]))),
        }
    }

    fn skip(&mut self, kind: EvidenceKind, worker: WorkerRef, reason: impl Into<String>) {
        self.not_checked
            .entry((kind, reason.into()))
            .or_default()
            .insert(worker);
    }

    fn count(&mut self, kind: EvidenceKind) {
        *self.checked.entry(kind).or_default() += 1;
    }

    #[allow(
        clippy::too_many_arguments,
        reason = "a finding is its fields; the helper keeps the checks short"
    )]
    fn find(
        &mut self,
        kind: EvidenceKind,
        worker: WorkerRef,
        (from, to): (NaiveDate, NaiveDate),
        (observed, limit): (Decimal, Decimal),
        measure: Measure,
        law: &[LegalValue],
    ) {
        let mut cited: Vec<AppliedLaw> = Vec::new();
        for value in law {
            let applied = AppliedLaw::of(*value);
            if !cited.contains(&applied) {
                cited.push(applied);
            }
        }
        self.findings.push(DerivedFinding {
            kind,
            worker,
            from,
            to,
            observed,
            limit,
            measure,
            law: cited,
        });
    }

    /// Minimum working age on every day worked (or on the check's date when
    /// there is none); the hazardous-work age for workers in hazardous work.
    fn age(&mut self, w: &WorkerRecord) {
        let dates: Vec<NaiveDate> = {
            let worked: Vec<NaiveDate> = w.days_worked().map(|d| d.date).collect();
            if worked.is_empty() {
                vec![self.context.on]
            } else {
                worked
            }
        };
        let mut checks = vec![(EvidenceKind::UnderMinimumAge, Parameter::MinimumWorkingAge)];
        if w.hazardous_work {
            checks.push((
                EvidenceKind::HazardousWorkUnderAge,
                Parameter::HazardousWorkAge,
            ));
        }
        for (kind, parameter) in checks {
            let mut under: Vec<(NaiveDate, u8, LegalValue)> = Vec::new();
            let mut unclear = false;
            let mut any_law = false;
            for date in &dates {
                let Some(value) =
                    self.value(kind, parameter, (*date, w.reference), |u| u == Unit::Years)
                else {
                    continue;
                };
                any_law = true;
                let Ok(years) = u8::try_from(value.value().trunc().mantissa()) else {
                    continue;
                };
                match (w.is_under(years, *date), w.age_range_on(*date)) {
                    (Some(true), Some((_, oldest))) => under.push((*date, oldest, value)),
                    (Some(_), _) => {}
                    (None, _) => unclear = true,
                }
            }
            if !any_law {
                continue;
            }
            if let (Some(first), Some(last)) = (under.first(), under.last()) {
                self.count(kind);
                let values: Vec<LegalValue> = under.iter().map(|(_, _, v)| *v).collect();
                let limit = last.2.value();
                self.find(
                    kind,
                    w.reference,
                    (first.0, last.0),
                    (Decimal::from(last.1), limit),
                    Measure::Years,
                    &values,
                );
            } else if unclear {
                self.skip(
                    kind,
                    w.reference,
                    "the record's age (a birth year or band) cannot tell whether the worker was under the age on the days concerned",
                );
            } else {
                self.count(kind);
            }
        }
    }

    /// Each day worked against the daily limits in force that day.
    fn daily(&mut self, w: &WorkerRecord) {
        type Hours = fn(&WorkedDay) -> Decimal;
        let checks: [(EvidenceKind, Parameter, Hours); 3] = [
            (
                EvidenceKind::OrdinaryHoursOverDailyLimit,
                Parameter::NormalHoursDay,
                |d| d.ordinary,
            ),
            (
                EvidenceKind::OvertimeOverDailyCap,
                Parameter::OvertimeCapDay,
                |d| d.overtime,
            ),
            (
                EvidenceKind::TotalHoursOverDailyCap,
                Parameter::TotalHoursCapDay,
                WorkedDay::total,
            ),
        ];
        for day in w.days_worked() {
            for (kind, parameter, hours) in &checks {
                let Some(limit) = self.value(*kind, *parameter, (day.date, w.reference), |u| {
                    u == Unit::Hours
                }) else {
                    continue;
                };
                self.count(*kind);
                let observed = hours(day);
                if observed > limit.value() {
                    self.find(
                        *kind,
                        w.reference,
                        (day.date, day.date),
                        (observed, limit.value()),
                        Measure::Hours,
                        &[limit],
                    );
                }
            }
        }
    }

    /// Weeks, months and years of hours against the caps in force on each
    /// period's last day worked.
    fn periods(&mut self, w: &WorkerRecord) {
        type Span = fn(NaiveDate) -> (NaiveDate, NaiveDate);
        let week: Span = |d| {
            let monday = week_start(d);
            (monday, monday + chrono::Days::new(6))
        };
        let month: Span = |d| (month_start(d), month_end(d));
        let year: Span = year_span;
        let checks: [(EvidenceKind, Parameter, Span, bool); 4] = [
            (
                EvidenceKind::OrdinaryHoursOverWeeklyLimit,
                Parameter::NormalHoursWeek,
                week,
                false,
            ),
            (
                EvidenceKind::OvertimeOverWeeklyCap,
                Parameter::OvertimeCapWeek,
                week,
                true,
            ),
            (
                EvidenceKind::OvertimeOverMonthlyCap,
                Parameter::OvertimeCapMonth,
                month,
                true,
            ),
            (
                EvidenceKind::OvertimeOverYearlyCap,
                Parameter::OvertimeCapYear,
                year,
                true,
            ),
        ];
        for (kind, parameter, span, overtime) in checks {
            let mut sums: BTreeMap<(NaiveDate, NaiveDate), (Decimal, NaiveDate)> = BTreeMap::new();
            for day in w.days_worked() {
                let entry = sums
                    .entry(span(day.date))
                    .or_insert((Decimal::ZERO, day.date));
                entry.0 += if overtime { day.overtime } else { day.ordinary };
                entry.1 = entry.1.max(day.date);
            }
            for ((from, to), (observed, last)) in sums {
                let Some(limit) =
                    self.value(kind, parameter, (last, w.reference), |u| u == Unit::Hours)
                else {
                    continue;
                };
                self.count(kind);
                if observed > limit.value() {
                    self.find(
                        kind,
                        w.reference,
                        (from, to),
                        (observed, limit.value()),
                        Measure::Hours,
                        &[limit],
                    );
                }
            }
        }
    }

    /// Each week (Monday to Sunday) wholly inside a time record: its days
    /// off against the weekly rest in force on its Sunday. Rest in hours is
    /// counted as whole days off of 24 hours.
    fn weekly_rest(&mut self, w: &WorkerRecord) {
        let kind = EvidenceKind::WeeklyRestShort;
        let worked: BTreeSet<NaiveDate> = w.days_worked().map(|d| d.date).collect();
        for sheet in &w.timesheets {
            let mut monday = week_start(sheet.from);
            if monday < sheet.from {
                monday = monday + chrono::Days::new(7);
            }
            while let Some(sunday) = monday.checked_add_days(chrono::Days::new(6)) {
                if sunday > sheet.to {
                    break;
                }
                if let Some(rest) =
                    self.value(kind, Parameter::WeeklyRest, (sunday, w.reference), |u| {
                        matches!(u, Unit::Days | Unit::Hours)
                    })
                {
                    self.count(kind);
                    let off =
                        Decimal::from(days(monday, sunday).filter(|d| !worked.contains(d)).count());
                    let (observed, measure) = if rest.unit() == Unit::Hours {
                        (off * Decimal::from(24), Measure::Hours)
                    } else {
                        (off, Measure::Days)
                    };
                    if observed < rest.value() {
                        self.find(
                            kind,
                            w.reference,
                            (monday, sunday),
                            (observed, rest.value()),
                            measure,
                            &[rest],
                        );
                    }
                }
                monday = sunday + chrono::Days::new(1);
            }
        }
    }

    /// Each pay period: ordinary pay against the minimum wage of each of its
    /// days; overtime pay against the overtime hours at the legal rate of
    /// each day's kind.
    fn pay(&mut self, w: &WorkerRecord) {
        for pay in &w.pay {
            self.minimum_wage(w, pay);
            self.overtime_pay(w, pay);
        }
    }

    fn minimum_wage(&mut self, w: &WorkerRecord, pay: &decentwork_model::PayRecord) {
        let kind = EvidenceKind::PayBelowMinimumWage;
        let (sector, region) = self.scope();
        let mut due = Decimal::ZERO;
        let mut values: Vec<LegalValue> = Vec::new();
        let ordinary_by_day: BTreeMap<NaiveDate, Decimal> = w
            .days_worked()
            .filter(|d| pay.from <= d.date && d.date <= pay.to)
            .map(|d| (d.date, d.ordinary))
            .collect();
        for date in days(pay.from, pay.to) {
            let law = self.law.on(date);
            let Some(wage) = law.minimum_wage(sector, region) else {
                let reason = match law
                    .absences()
                    .find(|a| a.parameter() == Parameter::MinimumWage)
                {
                    Some(a) => format!("the law sets no minimum wage ({})", a.legal_basis()),
                    None => format!(
                        "the catalogue records no minimum wage for garment{} on {date}",
                        region.map(|r| format!(" in {r}")).unwrap_or_default()
                    ),
                };
                let _ = sector;
                return self.skip(kind, w.reference, reason);
            };
            let Unit::Money(currency) = wage.unit() else {
                return self.skip(
                    kind,
                    w.reference,
                    "the minimum wage is not an amount of money",
                );
            };
            if currency != pay.currency {
                return self.skip(
                    kind,
                    w.reference,
                    format!(
                        "the pay record is in {}, the minimum wage in {currency}",
                        pay.currency
                    ),
                );
            }
            let share = match wage.per() {
                Some(Per::Month) => wage.value() / days_in_month(date),
                Some(Per::Week) => wage.value() / Decimal::from(7),
                Some(Per::Day) => {
                    if ordinary_by_day.contains_key(&date) {
                        wage.value()
                    } else {
                        Decimal::ZERO
                    }
                }
                Some(Per::Hour) => {
                    if !w.covers(date) {
                        return self.skip(
                            kind,
                            w.reference,
                            "an hourly minimum wage needs the hours of every day of the pay period",
                        );
                    }
                    wage.value() * ordinary_by_day.get(&date).copied().unwrap_or_default()
                }
                _ => {
                    return self.skip(kind, w.reference, "the minimum wage has no period");
                }
            };
            due += share;
            if !values.iter().any(|v| same(*v, wage)) {
                values.push(wage);
            }
        }
        for value in &values {
            self.use_value(*value, kind);
        }
        self.count(kind);
        let due = due.round_dp(2);
        if pay.ordinary < due {
            self.find(
                kind,
                w.reference,
                (pay.from, pay.to),
                (pay.ordinary, due),
                Measure::Money(pay.currency.clone()),
                &values,
            );
        }
    }

    fn overtime_pay(&mut self, w: &WorkerRecord, pay: &decentwork_model::PayRecord) {
        let kind = EvidenceKind::OvertimePayShort;
        let in_period: Vec<&WorkedDay> = w
            .days_worked()
            .filter(|d| pay.from <= d.date && d.date <= pay.to)
            .collect();
        let overtime: Decimal = in_period.iter().map(|d| d.overtime).sum();
        if overtime.is_zero() && pay.overtime.is_zero() {
            return;
        }
        if !days(pay.from, pay.to).all(|d| w.covers(d)) {
            return self.skip(
                kind,
                w.reference,
                "the time records do not cover the whole pay period",
            );
        }
        let ordinary: Decimal = in_period.iter().map(|d| d.ordinary).sum();
        let hourly = match pay.hourly_rate {
            Some(rate) => rate,
            None if ordinary.is_zero() => {
                return self.skip(
                    kind,
                    w.reference,
                    "no ordinary hours in the pay period and no hourly rate on the pay record",
                );
            }
            None => pay.ordinary / ordinary,
        };
        let mut due = Decimal::ZERO;
        let mut values: Vec<LegalValue> = Vec::new();
        for day in in_period.iter().filter(|d| !d.overtime.is_zero()) {
            let specific = match day.kind {
                DayKind::WeeklyRestDay => Some(Parameter::OvertimePremiumRestDay),
                DayKind::PublicHoliday => Some(Parameter::OvertimePremiumHoliday),
                _ => None,
            };
            let scope = self.scope();
            let law = self.law.on(day.date);
            let multiplier = specific
                .and_then(|p| one_value(law, p, scope, |u| u == Unit::Multiplier).ok())
                .map_or_else(
                    || {
                        one_value(law, Parameter::OvertimePremium, scope, |u| {
                            u == Unit::Multiplier
                        })
                    },
                    Ok,
                );
            let multiplier = match multiplier {
                Ok(m) => m,
                Err(reason) => return self.skip(kind, w.reference, reason),
            };
            due += day.overtime * hourly * multiplier.value();
            if !values.iter().any(|v| same(*v, multiplier)) {
                values.push(multiplier);
            }
        }
        for value in &values {
            self.use_value(*value, kind);
        }
        self.count(kind);
        let due = due.round_dp(2);
        if pay.overtime < due {
            self.find(
                kind,
                w.reference,
                (pay.from, pay.to),
                (pay.overtime, due),
                Measure::Money(pay.currency.clone()),
                &values,
            );
        }
    }

    /// Each leave year's days against the law on its first day: a yearly
    /// total, or leave earned per days worked or months of service. Workers
    /// with less than twelve months' service at the start are not checked.
    fn annual_leave(&mut self, w: &WorkerRecord) {
        let kind = EvidenceKind::AnnualLeaveShort;
        for leave in &w.annual_leave {
            let Some(hired) = w.hired_on else {
                self.skip(
                    kind,
                    w.reference,
                    "the record has no date of hire, so no length of service",
                );
                continue;
            };
            let year_before = leave
                .from
                .checked_sub_months(Months::new(12))
                .unwrap_or(leave.from);
            if hired > year_before {
                self.skip(
                    kind,
                    w.reference,
                    "fewer than twelve months of service at the start of the leave year (leave not yet due in full)",
                );
                continue;
            }
            let Some(rule) = self.value(
                kind,
                Parameter::AnnualLeave,
                (leave.from, w.reference),
                |u| u == Unit::Days,
            ) else {
                continue;
            };
            let law_days = match rule.day_count() {
                Some(DayCount::Working) => Some(LeaveDays::Working),
                Some(DayCount::Calendar) => Some(LeaveDays::Calendar),
                _ => None,
            };
            if let (Some(law), Some(given)) = (law_days, leave.day_count)
                && law != given
            {
                self.skip(
                    kind,
                    w.reference,
                    "the register counts leave in other days (working or calendar) than the law",
                );
                continue;
            }
            let due = match rule.accrual() {
                None => rule.value(),
                Some(accrual) if accrual.of == AccrualBasis::DaysWorked => {
                    let Some(worked) = leave.days_worked_before else {
                        self.skip(
                            kind,
                            w.reference,
                            "leave is earned per days worked, and the register does not give the days worked before the leave year",
                        );
                        continue;
                    };
                    (Decimal::from(worked) / accrual.per).floor() * rule.value()
                }
                Some(accrual) => {
                    let start = leave.from.max(hired);
                    let months = months_between(start, leave.to);
                    (Decimal::from(months) / accrual.per).floor() * rule.value()
                }
            };
            self.count(kind);
            if leave.days < due {
                self.find(
                    kind,
                    w.reference,
                    (leave.from, leave.to),
                    (leave.days, due),
                    Measure::Days,
                    &[rule],
                );
            }
        }
    }

    /// Each maternity leave against the length and pay in force on its first day.
    fn maternity(&mut self, w: &WorkerRecord) {
        for leave in &w.maternity_leave {
            let kind = EvidenceKind::MaternityLeaveShort;
            if let Some(rule) = self.value(
                kind,
                Parameter::MaternityLeave,
                (leave.from, w.reference),
                |u| matches!(u, Unit::Days | Unit::Weeks | Unit::Months),
            ) {
                let taken = Decimal::from(span_days(leave.from, leave.to));
                let due = match rule.unit() {
                    Unit::Weeks => Some(rule.value() * Decimal::from(7)),
                    Unit::Months => u32::try_from(rule.value().trunc().mantissa())
                        .ok()
                        .and_then(|m| leave.from.checked_add_months(Months::new(m)))
                        .map(|end| Decimal::from((end - leave.from).num_days())),
                    _ if rule.day_count() == Some(DayCount::Working) => None,
                    _ => Some(rule.value()),
                };
                match due {
                    Some(due) => {
                        self.count(kind);
                        if taken < due {
                            self.find(
                                kind,
                                w.reference,
                                (leave.from, leave.to),
                                (taken, due),
                                Measure::Days,
                                &[rule],
                            );
                        }
                    }
                    None => self.skip(
                        kind,
                        w.reference,
                        "the law counts maternity leave in working days, which the leave record's dates do not give",
                    ),
                }
            }
            let kind = EvidenceKind::MaternityPayShort;
            if let Some(rule) = self.value(
                kind,
                Parameter::MaternityPay,
                (leave.from, w.reference),
                |u| u == Unit::Percent,
            ) {
                if leave.wage.is_zero() {
                    self.skip(
                        kind,
                        w.reference,
                        "the leave record gives no wage to compare the benefit with",
                    );
                    continue;
                }
                self.count(kind);
                let share = (leave.benefit * Decimal::ONE_HUNDRED / leave.wage).round_dp(1);
                if share < rule.value() {
                    self.find(
                        kind,
                        w.reference,
                        (leave.from, leave.to),
                        (share, rule.value()),
                        Measure::Percent,
                        &[rule],
                    );
                }
            }
        }
    }

    /// The summaries, the findings in order, and every parameter in force on
    /// the check's date with the checks that applied it.
    fn finish(mut self, mut result: EvidenceResult) -> EvidenceResult {
        let mut by_kind: BTreeMap<EvidenceKind, Vec<NotChecked>> = BTreeMap::new();
        let all_workers = result.workers as usize;
        for ((kind, reason), workers) in std::mem::take(&mut self.not_checked) {
            let workers: Vec<WorkerRef> = if workers.len() == all_workers && all_workers > 1 {
                Vec::new()
            } else {
                workers.into_iter().collect()
            };
            by_kind
                .entry(kind)
                .or_default()
                .push(NotChecked { reason, workers });
        }
        self.findings.sort_by_key(|f| (f.kind, f.worker, f.from));
        result.checks = EvidenceKind::ALL
            .into_iter()
            .map(|kind| CheckSummary {
                kind,
                checked: self.checked.get(&kind).copied().unwrap_or(0),
                findings: u32::try_from(self.findings.iter().filter(|f| f.kind == kind).count())
                    .unwrap_or(u32::MAX),
                not_checked: by_kind.remove(&kind).unwrap_or_default(),
            })
            .collect();
        let (sector, region) = self.scope();
        let on = self.context.on;
        let in_force: Vec<LegalValue> = self
            .law
            .on(on)
            .values()
            .filter(|v| v.applies_to(sector, region))
            .collect();
        let mut law: Vec<LawUse> = Vec::new();
        for value in in_force {
            let used_by: Vec<EvidenceKind> = self
                .used
                .iter()
                .find(|(v, _)| same(*v, value))
                .map(|(_, kinds)| kinds.iter().copied().collect())
                .unwrap_or_default();
            let superseded = self
                .used
                .iter()
                .any(|(v, _)| v.parameter() == value.parameter() && !same(*v, value));
            let unused = used_by.is_empty().then(|| {
                if superseded {
                    "a value for the factory's own sector or region applies instead".to_owned()
                } else {
                    unused_reason(value, &result.checks)
                }
            });
            law.push(LawUse {
                law: AppliedLaw::of(value),
                used_by,
                unused,
            });
        }
        // Values applied on other days than the check's date (a minimum wage
        // that changed during a pay period) are listed too.
        for (value, kinds) in &self.used {
            if !law.iter().any(|l| l.law == AppliedLaw::of(*value)) {
                law.push(LawUse {
                    law: AppliedLaw::of(*value),
                    used_by: kinds.iter().copied().collect(),
                    unused: None,
                });
            }
        }
        result.findings = self.findings;
        result.law = law;
        result
    }
}

/// Months from `from` to `to` (inclusive), counting a month when the same
/// day of the next month is on or before the day after `to`.
fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let end = to.succ_opt().unwrap_or(to);
    let mut months = 0;
    while from
        .checked_add_months(Months::new(months + 1))
        .is_some_and(|d| d <= end)
    {
        months += 1;
    }
    months
}

/// Why no check applied a parameter in force.
fn unused_reason(value: LegalValue, checks: &[CheckSummary]) -> String {
    let p = value.parameter();
    if p.is_committee_rule() {
        return "applied by the committee check, not to worker records".to_owned();
    }
    match p {
        Parameter::OvertimePremiumNight => {
            "the records do not say which overtime hours were worked at night".to_owned()
        }
        Parameter::OvertimePremiumRestDay | Parameter::OvertimePremiumHoliday => {
            "no overtime on a weekly rest day or public holiday in the records".to_owned()
        }
        _ => {
            let kinds: Vec<EvidenceKind> = EvidenceKind::ALL
                .into_iter()
                .filter(|k| k.parameters().contains(&p))
                .collect();
            let reasons: Vec<String> = checks
                .iter()
                .filter(|c| kinds.contains(&c.kind))
                .flat_map(|c| c.not_checked.iter().map(|n| n.reason.clone()))
                .collect();
            match reasons.first() {
                Some(reason) => reason.clone(),
                None if value.variant().is_some() => {
                    "a variant of the rule the records did not call for".to_owned()
                }
                None => "no worker record called for it".to_owned(),
            }
        }
    }
}

/// Adds the derived findings of `result` whose period overlaps the twelve
/// months up to `assessment`'s last day to a copy of it: one non-compliant
/// finding per question, marked as derived from evidence, with the workers
/// affected and an evidence note naming the legal limits. Findings the
/// assessors made are kept as they are. A question they already found
/// non-compliant gets no second finding (their finding stands; the evidence
/// check lists the records behind it); a question they answered otherwise
/// (compliant, not assessed) is then counted non-compliant and reported as
/// answered twice when scored.
///
/// # Errors
///
/// [`ValidationError`] when the merged assessment breaks a rule (more
/// findings than a record may hold).
pub fn merge_evidence(
    assessment: &Assessment,
    result: &EvidenceResult,
) -> Result<Assessment, ValidationError> {
    let window_start = assessment
        .end
        .checked_sub_months(Months::new(12))
        .unwrap_or(assessment.end);
    let mut by_question: BTreeMap<&'static str, Vec<&DerivedFinding>> = BTreeMap::new();
    for f in result
        .findings
        .iter()
        .filter(|f| f.from <= assessment.end && f.to >= window_start)
    {
        by_question.entry(f.kind.question()).or_default().push(f);
    }
    let mut fields = assessment.clone().into_fields();
    for (question, found) in by_question {
        let Ok(id) = question.parse::<QuestionId>() else {
            continue;
        };
        let already = assessment
            .findings_for(id)
            .any(|f| f.outcome == Outcome::NonCompliant);
        if Question::get(id).is_err() || already {
            continue;
        }
        let workers: BTreeSet<WorkerRef> = found.iter().map(|f| f.worker).collect();
        let mut limits: Vec<String> = Vec::new();
        for f in &found {
            for law in &f.law {
                let text = format!("{} ({})", law.value, law.legal_basis);
                if !limits.contains(&text) {
                    limits.push(text);
                }
            }
        }
        let mut finding = Finding::new(id, Outcome::NonCompliant);
        finding.workers_affected = Some(u32::try_from(workers.len()).unwrap_or(u32::MAX));
        finding.derived_from_evidence = true;
        finding.evidence = Some(format!(
            "Derived from worker records: {} finding{} for {} worker{} against {}.",
            found.len(),
            if found.len() == 1 { "" } else { "s" },
            workers.len(),
            if workers.len() == 1 { "" } else { "s" },
            limits.join("; ")
        ));
        fields.findings.push(finding);
    }
    Assessment::new(fields)
}
