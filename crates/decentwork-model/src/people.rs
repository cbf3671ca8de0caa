//! People without names: sex, counts by sex, contract types, and the optional
//! pseudonymous worker records used as evidence samples.

use chrono::{Datelike, NaiveDate};

use crate::check::{self, Validate, validated};
use crate::{
    AnnualLeaveRecord, MaternityRecord, PayRecord, Timesheet, ValidationError, WorkedDay, WorkerRef,
};

/// A person's sex as recorded by the factory or given by the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Sex {
    /// Female.
    Female,
    /// Male.
    Male,
    /// Another sex, or not disclosed.
    OtherOrUndisclosed,
}

/// Head counts by sex. The total is their sum.
///
/// ```
/// use decentwork_model::SexCounts;
///
/// let counts = SexCounts::new(780, 215, 5);
/// assert_eq!(counts.total(), 1000);
/// assert_eq!(counts.women_share().unwrap().percent(1).to_string(), "78");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct SexCounts {
    /// Women.
    pub women: u32,
    /// Men.
    pub men: u32,
    /// Other or undisclosed.
    pub other: u32,
}

impl SexCounts {
    /// Counts of women, men and other or undisclosed.
    #[must_use]
    pub fn new(women: u32, men: u32, other: u32) -> Self {
        Self { women, men, other }
    }

    /// Women + men + other, exact (no overflow: the sum of three `u32`s fits a `u64`).
    #[must_use]
    pub fn total(self) -> u64 {
        u64::from(self.women) + u64::from(self.men) + u64::from(self.other)
    }

    /// The count for one sex.
    #[must_use]
    pub fn of(self, sex: Sex) -> u32 {
        match sex {
            Sex::Female => self.women,
            Sex::Male => self.men,
            Sex::OtherOrUndisclosed => self.other,
        }
    }

    /// Adds one person of `sex` (saturating at `u32::MAX`).
    pub fn add(&mut self, sex: Sex) {
        let slot = match sex {
            Sex::Female => &mut self.women,
            Sex::Male => &mut self.men,
            Sex::OtherOrUndisclosed => &mut self.other,
        };
        *slot = slot.saturating_add(1);
    }

    /// Women among all; `None` when the total is 0.
    #[must_use]
    pub fn women_share(self) -> Option<crate::Ratio> {
        crate::Ratio::new(self.women.into(), self.total())
    }

    /// Checks that the counts add up to `total`.
    pub(crate) fn check_total(
        self,
        field: &str,
        total_field: &str,
        total: u32,
    ) -> Result<(), ValidationError> {
        if self.total() != u64::from(total) {
            return Err(ValidationError::CountMismatch {
                field: field.to_owned(),
                parts: "women + men + other",
                sum: self.total(),
                total_field: total_field.to_owned(),
                total: total.into(),
            });
        }
        Ok(())
    }
}

impl std::ops::Add for SexCounts {
    type Output = SexCounts;
    /// Adds counts, saturating at `u32::MAX`.
    fn add(self, other: SexCounts) -> SexCounts {
        SexCounts {
            women: self.women.saturating_add(other.women),
            men: self.men.saturating_add(other.men),
            other: self.other.saturating_add(other.other),
        }
    }
}

/// How a worker is employed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum ContractType {
    /// Permanent (open-ended) contract.
    Permanent,
    /// Fixed-term contract.
    FixedTerm,
    /// Daily or piece-rate work.
    DailyOrPieceRate,
    /// Employed by a subcontractor or agency, working at the factory.
    Subcontracted,
}

/// What is known of a worker's age.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Age {
    /// The year of birth.
    BirthYear(i32),
    /// An age band in whole years, both ends inclusive, as of the record's
    /// `age_as_of` date.
    Band {
        /// Youngest age in the band.
        min: u8,
        /// Oldest age in the band.
        max: u8,
    },
}

/// A worker in an evidence sample: a pseudonymous reference, never a name.
///
/// ```
/// use chrono::NaiveDate;
/// use decentwork_model::{Age, ContractType, Sex, WorkerRecord, WorkerRecordFields};
///
/// let hired = NaiveDate::from_ymd_opt(2023, 5, 2).unwrap();
/// let mut fields = WorkerRecordFields::new(
///     "w-0031".parse()?,
///     Sex::Female,
///     Age::BirthYear(2007),
///     ContractType::FixedTerm,
/// );
/// fields.hired_on = Some(hired);
/// let worker = WorkerRecord::new(fields)?;
/// let on = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
/// assert_eq!(worker.age_range_on(on), Some((16, 17)));
/// assert_eq!(worker.is_under(18, on), Some(true));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct WorkerRecordFields {
    /// Pseudonymous reference.
    pub reference: WorkerRef,
    /// Sex.
    pub sex: Sex,
    /// Year of birth or age band.
    pub age: Age,
    /// The date an age band was recorded; required with [`Age::Band`].
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub age_as_of: Option<NaiveDate>,
    /// Date of hire.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub hired_on: Option<NaiveDate>,
    /// Contract type.
    pub contract: ContractType,
    /// Position or job title, e.g. "sewing operator".
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub position: Option<String>,
    /// Whether the worker's job is work the law counts as hazardous (and so
    /// barred below the hazardous-work age).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "std::ops::Not::not")
    )]
    pub hazardous_work: bool,
    /// Time records: the days worked and their hours, in date order.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub timesheets: Vec<Timesheet>,
    /// Pay records, in date order.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub pay: Vec<PayRecord>,
    /// Paid annual leave per leave year, in date order.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub annual_leave: Vec<AnnualLeaveRecord>,
    /// Maternity leave taken, in date order.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub maternity_leave: Vec<MaternityRecord>,
}

impl WorkerRecordFields {
    /// The required fields; the others start empty.
    #[must_use]
    pub fn new(reference: WorkerRef, sex: Sex, age: Age, contract: ContractType) -> Self {
        Self {
            reference,
            sex,
            age,
            age_as_of: None,
            hired_on: None,
            contract,
            position: None,
            hazardous_work: false,
            timesheets: Vec::new(),
            pay: Vec::new(),
            annual_leave: Vec::new(),
            maternity_leave: Vec::new(),
        }
    }
}

/// Oldest plausible age in years, for checking birth years and bands.
const MAX_AGE: i32 = 120;

impl Validate for WorkerRecordFields {
    fn validate(&self) -> Result<(), ValidationError> {
        check::optional_text("position", self.position.as_deref(), check::MAX_LABEL)?;
        match self.age {
            Age::BirthYear(year) => {
                if !(1900..=9999).contains(&year) {
                    return Err(ValidationError::OutOfRange {
                        field: "age.birth_year".into(),
                        value: year.into(),
                        expected: "1900 to 9999",
                    });
                }
                if let Some(hired) = self.hired_on
                    && (hired.year() < year || hired.year() - year > MAX_AGE)
                {
                    return Err(ValidationError::Inconsistent {
                        field: "hired_on".into(),
                        value: hired.to_string(),
                        reason: "is before the year of birth or more than 120 years after it",
                    });
                }
            }
            Age::Band { min, max } => {
                if min > max || i32::from(max) > MAX_AGE {
                    return Err(ValidationError::OutOfRange {
                        field: "age.band.max".into(),
                        value: max.into(),
                        expected: "at least age.band.min and at most 120",
                    });
                }
                if self.age_as_of.is_none() {
                    return Err(ValidationError::Empty {
                        field: "age_as_of".into(),
                    });
                }
            }
        }
        crate::records::validate(
            &self.timesheets,
            &self.pay,
            &self.annual_leave,
            &self.maternity_leave,
        )
    }
}

validated!(
    /// A checked [`WorkerRecordFields`]: plausible birth year or band, hire date
    /// not before birth; time, pay and leave records in date order without
    /// overlap, no day over 24 hours, no negative hours or amounts.
    WorkerRecord(WorkerRecordFields)
);

impl WorkerRecord {
    /// Every day worked, over all time records, in date order.
    pub fn days_worked(&self) -> impl Iterator<Item = &WorkedDay> {
        self.timesheets.iter().flat_map(|t| t.days.iter())
    }

    /// Whether the time records cover `date` (worked or not).
    #[must_use]
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.timesheets
            .iter()
            .any(|t| t.from <= date && date <= t.to)
    }

    /// The youngest and oldest the worker can be on `date`, in whole years;
    /// `None` when `date` is before the worker's birth year.
    #[must_use]
    pub fn age_range_on(&self, date: NaiveDate) -> Option<(u8, u8)> {
        let (min, max) = match self.age {
            Age::BirthYear(year) => {
                let max = date.year() - year;
                (max - 1, max)
            }
            Age::Band { min, max } => {
                let as_of = self.age_as_of?;
                let (min, max) = (i32::from(min), i32::from(max));
                // Full years between the two dates, and whether a part-year remains.
                let (early, late) = if date >= as_of {
                    (as_of, date)
                } else {
                    (date, as_of)
                };
                let years = i32::try_from(late.years_since(early)?).ok()?;
                let partial = early.with_year(early.year() + years) != Some(late);
                let partial = i32::from(partial);
                if date >= as_of {
                    (min + years, max + years + partial)
                } else {
                    (min - years - partial, max - years)
                }
            }
        };
        let clamp = |v: i32| u8::try_from(v.clamp(0, i32::from(u8::MAX))).ok();
        if max < 0 {
            return None;
        }
        Some((clamp(min)?, clamp(max)?))
    }

    /// Whether the worker is younger than `years` on `date`: `Some(true)` when
    /// certainly, `Some(false)` when certainly not, `None` when the record cannot
    /// tell (e.g. a birth year alone near the boundary).
    #[must_use]
    pub fn is_under(&self, years: u8, date: NaiveDate) -> Option<bool> {
        let (min, max) = self.age_range_on(date)?;
        if max < years {
            Some(true)
        } else if min >= years {
            Some(false)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn record(age: Age) -> WorkerRecordFields {
        WorkerRecordFields::new(
            "w1".parse().unwrap(),
            Sex::Male,
            age,
            ContractType::Permanent,
        )
    }

    #[test]
    fn age_from_birth_year() {
        let w = WorkerRecord::new(record(Age::BirthYear(2006))).unwrap();
        assert_eq!(w.age_range_on(d(2024, 1, 1)), Some((17, 18)));
        assert_eq!(w.is_under(18, d(2024, 1, 1)), None);
        assert_eq!(w.is_under(18, d(2025, 1, 1)), Some(false));
        assert_eq!(w.is_under(18, d(2023, 12, 31)), Some(true));
        assert_eq!(w.age_range_on(d(2005, 1, 1)), None);
    }

    #[test]
    fn age_from_band() {
        let mut f = record(Age::Band { min: 18, max: 24 });
        assert_eq!(
            WorkerRecord::new(f.clone()),
            Err(ValidationError::Empty {
                field: "age_as_of".into()
            })
        );
        f.age_as_of = Some(d(2022, 6, 1));
        let w = WorkerRecord::new(f).unwrap();
        assert_eq!(w.age_range_on(d(2022, 6, 1)), Some((18, 24)));
        assert_eq!(w.age_range_on(d(2024, 6, 1)), Some((20, 26)));
        assert_eq!(w.age_range_on(d(2024, 7, 1)), Some((20, 27)));
        assert_eq!(w.age_range_on(d(2021, 7, 1)), Some((17, 24)));
        assert_eq!(w.is_under(18, d(2024, 6, 1)), Some(false));
    }

    #[test]
    fn implausible_dates() {
        let mut f = record(Age::BirthYear(2010));
        f.hired_on = Some(d(2009, 1, 1));
        assert!(matches!(
            WorkerRecord::new(f),
            Err(ValidationError::Inconsistent { .. })
        ));
        assert!(matches!(
            WorkerRecord::new(record(Age::BirthYear(1850))),
            Err(ValidationError::OutOfRange { value: 1850, .. })
        ));
        assert!(matches!(
            WorkerRecord::new(record(Age::Band { min: 30, max: 20 })),
            Err(ValidationError::OutOfRange { .. })
        ));
    }
}
