//! What a factory's registers say about one worker: daily hours, pay,
//! annual leave and maternity leave. The evidence an assessor samples, and
//! that `decentwork-scoring` checks against the law in force.
//!
//! Amounts are exact decimals in the currency named; hours are decimal hours
//! (`7.5`). Dates are inclusive at both ends, as registers write them.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::ValidationError;
use crate::check;

/// Most hours one day can hold.
const DAY_HOURS: u32 = 24;

/// What kind of day a worked day was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum DayKind {
    /// A normal working day.
    #[default]
    Working,
    /// The worker's weekly rest day (worked anyway).
    WeeklyRestDay,
    /// A public holiday (worked anyway).
    PublicHoliday,
}

impl DayKind {
    #[allow(
        clippy::trivially_copy_pass_by_ref,
        reason = "serde's skip_serializing_if passes a reference"
    )]
    fn is_working(&self) -> bool {
        *self == DayKind::Working
    }
}

/// The hours one worker worked on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct WorkedDay {
    /// The day.
    pub date: NaiveDate,
    /// Ordinary hours (decimal hours, e.g. `8` or `7.5`).
    pub ordinary: Decimal,
    /// Overtime hours.
    #[cfg_attr(feature = "serde", serde(default))]
    pub overtime: Decimal,
    /// A working day, the weekly rest day or a public holiday.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "DayKind::is_working")
    )]
    pub kind: DayKind,
}

impl WorkedDay {
    /// Hours on a working day.
    #[must_use]
    pub fn new(date: NaiveDate, ordinary: Decimal, overtime: Decimal) -> Self {
        Self {
            date,
            ordinary,
            overtime,
            kind: DayKind::Working,
        }
    }

    /// Ordinary plus overtime hours.
    #[must_use]
    pub fn total(&self) -> Decimal {
        self.ordinary + self.overtime
    }
}

/// A worker's time record over a span of days: every day worked, with its
/// hours. A day of the span not listed was not worked.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Timesheet {
    /// First day the record covers.
    pub from: NaiveDate,
    /// Last day it covers (inclusive).
    pub to: NaiveDate,
    /// The days worked, in date order.
    #[cfg_attr(feature = "serde", serde(default))]
    pub days: Vec<WorkedDay>,
}

impl Timesheet {
    /// A time record of `from` to `to` with no day worked yet.
    #[must_use]
    pub fn new(from: NaiveDate, to: NaiveDate) -> Self {
        Self {
            from,
            to,
            days: Vec::new(),
        }
    }
}

/// What a worker was paid for a pay period.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PayRecord {
    /// First day of the pay period.
    pub from: NaiveDate,
    /// Last day (inclusive).
    pub to: NaiveDate,
    /// ISO 4217 currency code, e.g. `BDT`.
    pub currency: String,
    /// Pay for ordinary hours (the wage a minimum wage is compared with).
    pub ordinary: Decimal,
    /// Pay for overtime hours.
    #[cfg_attr(feature = "serde", serde(default))]
    pub overtime: Decimal,
    /// The ordinary hourly rate the payroll multiplies for overtime, when it
    /// states one (Bangladesh: basic wage ÷ 208; Indonesia: monthly wage ÷
    /// 173). Without it, checks use ordinary pay over ordinary hours worked.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub hourly_rate: Option<Decimal>,
}

impl PayRecord {
    /// Pay for `from` to `to` (inclusive).
    #[must_use]
    pub fn new(
        (from, to): (NaiveDate, NaiveDate),
        currency: impl Into<String>,
        ordinary: Decimal,
        overtime: Decimal,
    ) -> Self {
        Self {
            from,
            to,
            currency: currency.into(),
            ordinary,
            overtime,
            hourly_rate: None,
        }
    }
}

/// Whether days of leave are working days or calendar days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum LeaveDays {
    /// Working days.
    Working,
    /// Calendar days.
    Calendar,
}

/// A worker's paid annual leave for one leave year, as the leave register
/// gives it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct AnnualLeaveRecord {
    /// First day of the leave year.
    pub from: NaiveDate,
    /// Last day of the leave year (inclusive).
    pub to: NaiveDate,
    /// Days of paid annual leave granted for the year.
    pub days: Decimal,
    /// Whether `days` counts working or calendar days, when the register says.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub day_count: Option<LeaveDays>,
    /// Days worked in the twelve months before the leave year, when the
    /// register gives them (the basis of leave earned per days worked).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub days_worked_before: Option<u32>,
}

impl AnnualLeaveRecord {
    /// `days` of leave for the leave year `from` to `to`.
    #[must_use]
    pub fn new((from, to): (NaiveDate, NaiveDate), days: Decimal) -> Self {
        Self {
            from,
            to,
            days,
            day_count: None,
            days_worked_before: None,
        }
    }
}

/// A worker's maternity leave and what was paid for it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct MaternityRecord {
    /// First day of leave.
    pub from: NaiveDate,
    /// Last day of leave (inclusive).
    pub to: NaiveDate,
    /// ISO 4217 currency code of the amounts.
    pub currency: String,
    /// The worker's wage for a span as long as the leave (the basis of the
    /// benefit, e.g. her average wage over the months before).
    pub wage: Decimal,
    /// The maternity benefit paid for the leave.
    pub benefit: Decimal,
}

impl MaternityRecord {
    /// Leave from `from` to `to`, with the wage it replaces and the benefit paid.
    #[must_use]
    pub fn new(
        (from, to): (NaiveDate, NaiveDate),
        currency: impl Into<String>,
        wage: Decimal,
        benefit: Decimal,
    ) -> Self {
        Self {
            from,
            to,
            currency: currency.into(),
            wage,
            benefit,
        }
    }
}

/// An amount or number of hours that must not be negative.
fn not_negative(field: &str, value: Decimal) -> Result<(), ValidationError> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(ValidationError::Inconsistent {
            field: field.to_owned(),
            value: value.to_string(),
            reason: "is negative",
        });
    }
    Ok(())
}

/// An ISO 4217 code's shape: three capital letters.
fn currency(field: &str, code: &str) -> Result<(), ValidationError> {
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(ValidationError::Inconsistent {
            field: field.to_owned(),
            value: code.chars().take(20).collect(),
            reason: "is not an ISO 4217 currency code (three capital letters)",
        })
    }
}

/// Spans given in date order without overlap, each from before to.
fn spans(
    field: &str,
    list: impl Iterator<Item = (NaiveDate, NaiveDate)>,
) -> Result<(), ValidationError> {
    let mut previous: Option<NaiveDate> = None;
    for (i, (from, to)) in list.enumerate() {
        check::ordered(
            &format!("{field}[{i}].from"),
            from,
            &format!("{field}[{i}].to"),
            to,
        )?;
        if let Some(end) = previous
            && from <= end
        {
            return Err(ValidationError::Inconsistent {
                field: format!("{field}[{i}].from"),
                value: from.to_string(),
                reason: "is not after the end of the record before it (records in date order, without overlap)",
            });
        }
        previous = Some(to);
    }
    Ok(())
}

/// The records of one worker, checked: spans in order without overlap, days
/// inside their time record and in order, no day over 24 hours, no negative
/// hours or amounts, currencies shaped as ISO 4217 codes.
pub(crate) fn validate(
    timesheets: &[Timesheet],
    pay: &[PayRecord],
    annual_leave: &[AnnualLeaveRecord],
    maternity: &[MaternityRecord],
) -> Result<(), ValidationError> {
    check::items("timesheets", timesheets.len())?;
    check::items("pay", pay.len())?;
    check::items("annual_leave", annual_leave.len())?;
    check::items("maternity_leave", maternity.len())?;
    spans("timesheets", timesheets.iter().map(|t| (t.from, t.to)))?;
    for (i, sheet) in timesheets.iter().enumerate() {
        check::items(&format!("timesheets[{i}].days"), sheet.days.len())?;
        let mut previous: Option<NaiveDate> = None;
        for (k, day) in sheet.days.iter().enumerate() {
            let field = format!("timesheets[{i}].days[{k}]");
            if day.date < sheet.from || day.date > sheet.to {
                return Err(ValidationError::Inconsistent {
                    field: format!("{field}.date"),
                    value: day.date.to_string(),
                    reason: "is outside the time record's days",
                });
            }
            if previous.is_some_and(|p| day.date <= p) {
                return Err(ValidationError::Inconsistent {
                    field: format!("{field}.date"),
                    value: day.date.to_string(),
                    reason: "is not after the day before it (days in date order, each once)",
                });
            }
            previous = Some(day.date);
            not_negative(&format!("{field}.ordinary"), day.ordinary)?;
            not_negative(&format!("{field}.overtime"), day.overtime)?;
            if day.total() > Decimal::from(DAY_HOURS) {
                return Err(ValidationError::Inconsistent {
                    field: format!("{field}.overtime"),
                    value: day.total().to_string(),
                    reason: "makes more than 24 hours in the day",
                });
            }
        }
    }
    spans("pay", pay.iter().map(|p| (p.from, p.to)))?;
    for (i, p) in pay.iter().enumerate() {
        currency(&format!("pay[{i}].currency"), &p.currency)?;
        not_negative(&format!("pay[{i}].ordinary"), p.ordinary)?;
        not_negative(&format!("pay[{i}].overtime"), p.overtime)?;
        if let Some(rate) = p.hourly_rate {
            not_negative(&format!("pay[{i}].hourly_rate"), rate)?;
        }
    }
    spans("annual_leave", annual_leave.iter().map(|a| (a.from, a.to)))?;
    for (i, a) in annual_leave.iter().enumerate() {
        not_negative(&format!("annual_leave[{i}].days"), a.days)?;
    }
    spans("maternity_leave", maternity.iter().map(|m| (m.from, m.to)))?;
    for (i, m) in maternity.iter().enumerate() {
        currency(&format!("maternity_leave[{i}].currency"), &m.currency)?;
        not_negative(&format!("maternity_leave[{i}].wage"), m.wage)?;
        not_negative(&format!("maternity_leave[{i}].benefit"), m.benefit)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, day).unwrap()
    }

    fn hours(n: i64) -> Decimal {
        Decimal::from(n)
    }

    #[test]
    fn rules() {
        let mut sheet = Timesheet::new(d(3, 1), d(3, 31));
        sheet.days = vec![
            WorkedDay::new(d(3, 2), hours(8), hours(2)),
            WorkedDay::new(d(3, 3), hours(8), hours(0)),
        ];
        assert_eq!(validate(&[sheet.clone()], &[], &[], &[]), Ok(()));

        let mut late = sheet.clone();
        late.days.push(WorkedDay::new(d(4, 1), hours(8), hours(0)));
        assert_eq!(
            validate(&[late], &[], &[], &[]).unwrap_err().to_string(),
            "timesheets[0].days[2].date: \"2024-04-01\" is outside the time record's days"
        );
        let mut twice = sheet.clone();
        twice.days.push(WorkedDay::new(d(3, 3), hours(1), hours(0)));
        assert!(validate(&[twice], &[], &[], &[]).is_err());
        let mut long = sheet.clone();
        long.days.push(WorkedDay::new(d(3, 4), hours(16), hours(9)));
        assert!(
            validate(&[long], &[], &[], &[])
                .unwrap_err()
                .to_string()
                .contains("more than 24 hours")
        );
        let overlapping = [sheet.clone(), Timesheet::new(d(3, 31), d(4, 30))];
        assert!(validate(&overlapping, &[], &[], &[]).is_err());

        let pay = PayRecord::new((d(3, 1), d(3, 31)), "bdt", hours(12_500), hours(0));
        assert!(
            validate(&[], &[pay], &[], &[])
                .unwrap_err()
                .to_string()
                .contains("ISO 4217")
        );
        let pay = PayRecord::new((d(3, 1), d(3, 31)), "BDT", hours(-1), hours(0));
        assert_eq!(
            validate(&[], &[pay], &[], &[]).unwrap_err().to_string(),
            "pay[0].ordinary: \"-1\" is negative"
        );
        let leave = AnnualLeaveRecord::new((d(12, 31), d(1, 1)), hours(12));
        assert!(matches!(
            validate(&[], &[], &[leave], &[]),
            Err(ValidationError::DatesOutOfOrder { .. })
        ));
    }
}
