//! Factories: identity, place, programme status, workforce snapshots, and the
//! report-sharing consents a factory grants to brands.

use chrono::NaiveDate;

use crate::check::{self, Validate, validated};
use crate::{BrandId, FactoryId, Jurisdiction, OsId, Period, Ratio, SexCounts, ValidationError};

/// A factory's standing in the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum ProgrammeStatus {
    /// Receiving services.
    Enrolled,
    /// Services suspended (e.g. unpaid fees, refused access).
    Suspended,
    /// Left the programme (closed, or stopped services).
    Left,
}

/// A change of [`ProgrammeStatus`] taking effect on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct StatusChange {
    /// The new status.
    pub status: ProgrammeStatus,
    /// The first day it holds.
    pub on: NaiveDate,
}

impl StatusChange {
    /// `status` from `on`.
    #[must_use]
    pub fn new(status: ProgrammeStatus, on: NaiveDate) -> Self {
        Self { status, on }
    }
}

/// Workers by contract type. Each worker is counted once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ContractCounts {
    /// Permanent contracts.
    pub permanent: u32,
    /// Fixed-term contracts.
    pub fixed_term: u32,
    /// Daily or piece-rate workers.
    pub daily_or_piece_rate: u32,
    /// Workers of subcontractors or agencies.
    pub subcontracted: u32,
}

impl ContractCounts {
    /// Counts per contract type.
    #[must_use]
    pub fn new(
        permanent: u32,
        fixed_term: u32,
        daily_or_piece_rate: u32,
        subcontracted: u32,
    ) -> Self {
        Self {
            permanent,
            fixed_term,
            daily_or_piece_rate,
            subcontracted,
        }
    }

    /// The sum over all types.
    #[must_use]
    pub fn total(self) -> u64 {
        [
            self.permanent,
            self.fixed_term,
            self.daily_or_piece_rate,
            self.subcontracted,
        ]
        .into_iter()
        .map(u64::from)
        .sum()
    }
}

/// The workforce of a factory on one date.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct WorkforceFields {
    /// The date the counts describe.
    pub on: NaiveDate,
    /// All workers.
    pub total: u32,
    /// Workers by sex; must add up to `total`.
    pub by_sex: SexCounts,
    /// Workers under 18.
    #[cfg_attr(feature = "serde", serde(default))]
    pub young_workers: u32,
    /// Migrant workers.
    #[cfg_attr(feature = "serde", serde(default))]
    pub migrant_workers: u32,
    /// Workers by contract type, when known; must add up to `total`.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub by_contract: Option<ContractCounts>,
}

impl WorkforceFields {
    /// A snapshot with counts by sex; young, migrant and contract counts start empty.
    #[must_use]
    pub fn new(on: NaiveDate, total: u32, by_sex: SexCounts) -> Self {
        Self {
            on,
            total,
            by_sex,
            young_workers: 0,
            migrant_workers: 0,
            by_contract: None,
        }
    }
}

impl Validate for WorkforceFields {
    fn validate(&self) -> Result<(), ValidationError> {
        self.by_sex.check_total("by_sex", "total", self.total)?;
        check::at_most("young_workers", self.young_workers, "total", self.total)?;
        check::at_most("migrant_workers", self.migrant_workers, "total", self.total)?;
        if let Some(contracts) = self.by_contract
            && contracts.total() != u64::from(self.total)
        {
            return Err(ValidationError::CountMismatch {
                field: "by_contract".into(),
                parts: "permanent + fixed_term + daily_or_piece_rate + subcontracted",
                sum: contracts.total(),
                total_field: "total".into(),
                total: self.total.into(),
            });
        }
        Ok(())
    }
}

validated!(
    /// A checked [`WorkforceFields`]: counts by sex (and by contract, when given)
    /// add up to the total; young and migrant workers do not exceed it.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use decentwork_model::{SexCounts, Workforce, WorkforceFields};
    ///
    /// let on = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
    /// let mut fields = WorkforceFields::new(on, 1200, SexCounts::new(960, 238, 2));
    /// fields.migrant_workers = 300;
    /// let workforce = Workforce::new(fields)?;
    /// assert_eq!(workforce.women_share().unwrap().percent(0).to_string(), "80");
    /// assert_eq!(workforce.migrant_share().unwrap().to_decimal(2).to_string(), "0.25");
    /// # Ok::<(), decentwork_model::ValidationError>(())
    /// ```
    Workforce(WorkforceFields)
);

impl Workforce {
    /// Women among all workers; `None` when there are no workers.
    #[must_use]
    pub fn women_share(&self) -> Option<Ratio> {
        self.by_sex.women_share()
    }

    /// Men among all workers.
    #[must_use]
    pub fn men_share(&self) -> Option<Ratio> {
        Ratio::new(self.by_sex.men.into(), self.total.into())
    }

    /// Workers under 18 among all workers.
    #[must_use]
    pub fn young_worker_share(&self) -> Option<Ratio> {
        Ratio::new(self.young_workers.into(), self.total.into())
    }

    /// Migrant workers among all workers.
    #[must_use]
    pub fn migrant_share(&self) -> Option<Ratio> {
        Ratio::new(self.migrant_workers.into(), self.total.into())
    }

    /// Workers on permanent contracts among all, when contracts are known.
    #[must_use]
    pub fn permanent_share(&self) -> Option<Ratio> {
        let contracts = self.by_contract?;
        Ratio::new(contracts.permanent.into(), self.total.into())
    }
}

/// Which reports a consent lets Better Work share with a brand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum ConsentScope {
    /// Assessment reports only.
    AssessmentReports,
    /// Progress reports only.
    ProgressReports,
    /// Assessment and progress reports.
    AllReports,
}

impl ConsentScope {
    /// Whether this scope includes everything `other` does.
    #[must_use]
    pub fn covers(self, other: ConsentScope) -> bool {
        self == other || self == ConsentScope::AllReports
    }
}

/// A factory's grant of report sharing to a brand, as recorded in the factory's
/// data: the only way a [`Consent`] comes to exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ConsentGrant {
    /// The brand the factory shares with.
    pub brand: BrandId,
    /// Which reports.
    pub scope: ConsentScope,
    /// From the day granted until the day withdrawn (exclusive), if withdrawn.
    pub period: Period,
}

impl ConsentGrant {
    /// A grant of `scope` to `brand` over `period`.
    #[must_use]
    pub fn new(brand: BrandId, scope: ConsentScope, period: Period) -> Self {
        Self {
            brand,
            scope,
            period,
        }
    }
}

/// Report-sharing consent granted by a factory to a brand.
///
/// There is no public constructor: a `Consent` can only be obtained from the
/// [`Factory`] that granted it ([`Factory::consents`], [`Factory::consent_for`],
/// [`Factory::grant_consent`]), so holding one proves the factory's record says so.
///
/// It borrows that record: while a consent is held, the factory cannot be
/// changed (a withdrawal needs `&mut Factory`), and no consent outlives the
/// record it was read from. A consent taken before a withdrawal therefore
/// cannot be used after it: read it from the factory again.
///
/// ```compile_fail,E0502
/// # use chrono::NaiveDate;
/// # use decentwork_model::{ConsentScope, Factory, FactoryFields};
/// # let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
/// # let mut factory = Factory::new(FactoryFields::new("F1".parse().unwrap(), "X", "BD".parse().unwrap(), "Y", day(1, 1))).unwrap();
/// # let brand = "B1".parse().unwrap();
/// factory.grant_consent(brand, ConsentScope::AssessmentReports, day(1, 2)).unwrap();
/// let before = factory.consent_for(brand, ConsentScope::AssessmentReports, day(3, 1)).unwrap();
/// factory.withdraw_consent(brand, ConsentScope::AssessmentReports, day(4, 1)).unwrap(); // the record changes…
/// assert!(before.allows(ConsentScope::AssessmentReports, day(5, 1))); // …so the old consent may not be used
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Consent<'f> {
    factory: FactoryId,
    brand: BrandId,
    scope: ConsentScope,
    period: Period,
    #[cfg_attr(feature = "serde", serde(skip))]
    record: std::marker::PhantomData<&'f Factory>,
}

impl Consent<'_> {
    /// The factory that granted it.
    #[must_use]
    pub fn factory(&self) -> FactoryId {
        self.factory
    }

    /// The brand it was granted to.
    #[must_use]
    pub fn brand(&self) -> BrandId {
        self.brand
    }

    /// Which reports it covers.
    #[must_use]
    pub fn scope(&self) -> ConsentScope {
        self.scope
    }

    /// When it was granted and, if so, withdrawn.
    #[must_use]
    pub fn period(&self) -> Period {
        self.period
    }

    /// Whether it lets a report of kind `scope` dated `date` go to the brand.
    #[must_use]
    pub fn allows(&self, scope: ConsentScope, date: NaiveDate) -> bool {
        self.scope.covers(scope) && self.period.contains(date)
    }
}

/// A factory as the programme knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct FactoryFields {
    /// The programme's identifier.
    pub id: FactoryId,
    /// Name (at most 200 characters).
    pub name: String,
    /// Open Supply Hub ID, when registered.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub os_id: Option<OsId>,
    /// Whose labour law applies.
    pub jurisdiction: Jurisdiction,
    /// Street address (free text).
    pub address: String,
    /// The minimum-wage region the factory lies in, as the law names it where
    /// minimum wages vary by region (Viet Nam's "Region I", Indonesia's
    /// "Kota Bekasi, West Java"); at most 100 characters.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub wage_region: Option<String>,
    /// Sectors, e.g. "Apparel" (each at most 100 characters, none twice).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub sectors: Vec<String>,
    /// Product types, e.g. "Knitwear" (each at most 100 characters, none twice).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub product_types: Vec<String>,
    /// Whether the factory exports.
    pub exporter: bool,
    /// The day the factory enrolled; it is [`ProgrammeStatus::Enrolled`] from then.
    pub enrolled_on: NaiveDate,
    /// Later changes of status, in date order, none before `enrolled_on`.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub status_changes: Vec<StatusChange>,
    /// Workforce snapshots, in strictly increasing date order.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub workforce: Vec<Workforce>,
    /// Report-sharing consents the factory has granted, each brand and scope
    /// with periods that do not overlap.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub consents: Vec<ConsentGrant>,
}

impl FactoryFields {
    /// The required fields; lists start empty, `exporter` true and no OS ID.
    #[must_use]
    pub fn new(
        id: FactoryId,
        name: impl Into<String>,
        jurisdiction: Jurisdiction,
        address: impl Into<String>,
        enrolled_on: NaiveDate,
    ) -> Self {
        Self {
            id,
            name: name.into(),
            os_id: None,
            jurisdiction,
            address: address.into(),
            wage_region: None,
            sectors: Vec::new(),
            product_types: Vec::new(),
            exporter: true,
            enrolled_on,
            status_changes: Vec::new(),
            workforce: Vec::new(),
            consents: Vec::new(),
        }
    }
}

impl Validate for FactoryFields {
    fn validate(&self) -> Result<(), ValidationError> {
        check::text("name", &self.name, check::MAX_NAME)?;
        check::text("address", &self.address, check::MAX_TEXT)?;
        check::optional_text("wage_region", self.wage_region.as_deref(), check::MAX_LABEL)?;
        check::labels("sectors", &self.sectors, check::MAX_LABEL)?;
        check::labels("product_types", &self.product_types, check::MAX_LABEL)?;
        check::items("status_changes", self.status_changes.len())?;
        check::items("workforce", self.workforce.len())?;
        check::items("consents", self.consents.len())?;
        let mut previous = (
            "enrolled_on".to_owned(),
            self.enrolled_on,
            ProgrammeStatus::Enrolled,
        );
        for (i, change) in self.status_changes.iter().enumerate() {
            let field = format!("status_changes[{i}].on");
            if change.on <= previous.1 {
                return Err(ValidationError::DatesOutOfOrder {
                    earlier_field: previous.0,
                    earlier: previous.1,
                    later_field: field,
                    later: change.on,
                });
            }
            if change.status == previous.2 {
                return Err(ValidationError::Inconsistent {
                    field: format!("status_changes[{i}].status"),
                    value: match change.status {
                        ProgrammeStatus::Enrolled => "enrolled",
                        ProgrammeStatus::Suspended => "suspended",
                        ProgrammeStatus::Left => "left",
                    }
                    .to_owned(),
                    reason: "repeats the status already in force",
                });
            }
            previous = (field, change.on, change.status);
        }
        for (i, pair) in self.workforce.windows(2).enumerate() {
            if let [a, b] = pair
                && b.on <= a.on
            {
                return Err(ValidationError::DatesOutOfOrder {
                    earlier_field: format!("workforce[{i}].on"),
                    earlier: a.on,
                    later_field: format!("workforce[{}].on", i + 1),
                    later: b.on,
                });
            }
        }
        for (i, grant) in self.consents.iter().enumerate() {
            let clash = self.consents.iter().take(i).any(|earlier| {
                earlier.brand == grant.brand
                    && (earlier.scope.covers(grant.scope) || grant.scope.covers(earlier.scope))
                    && earlier.period.overlaps(grant.period)
            });
            if clash {
                return Err(ValidationError::Inconsistent {
                    field: format!("consents[{i}].period"),
                    value: grant.period.to_string(),
                    reason: "overlaps an earlier consent to the same brand for the same reports",
                });
            }
        }
        Ok(())
    }
}

validated!(
    /// A checked [`FactoryFields`]. See the crate example for building one.
    ///
    /// Checks: name and address not blank, labels unique, status changes after
    /// enrolment in strictly increasing date order and each a real change,
    /// workforce snapshots in strictly increasing date order, no two consents to
    /// one brand for overlapping reports and periods.
    Factory(FactoryFields)
);

impl Factory {
    /// The programme status on `date`; `None` before enrolment.
    #[must_use]
    pub fn status_on(&self, date: NaiveDate) -> Option<ProgrammeStatus> {
        if date < self.enrolled_on {
            return None;
        }
        let status = self
            .status_changes
            .iter()
            .take_while(|change| change.on <= date)
            .last()
            .map_or(ProgrammeStatus::Enrolled, |change| change.status);
        Some(status)
    }

    /// The latest workforce snapshot on or before `date`.
    #[must_use]
    pub fn workforce_on(&self, date: NaiveDate) -> Option<&Workforce> {
        self.workforce.iter().take_while(|w| w.on <= date).last()
    }

    /// Every consent the factory has granted, current or withdrawn.
    pub fn consents(&self) -> impl Iterator<Item = Consent<'_>> + '_ {
        self.consents.iter().map(|grant| Consent {
            factory: self.id,
            brand: grant.brand,
            scope: grant.scope,
            period: grant.period,
            record: std::marker::PhantomData,
        })
    }

    /// The consent that lets reports of kind `scope` dated `date` go to `brand`,
    /// if there is one.
    #[must_use]
    pub fn consent_for(
        &self,
        brand: BrandId,
        scope: ConsentScope,
        date: NaiveDate,
    ) -> Option<Consent<'_>> {
        self.consents()
            .find(|c| c.brand == brand && c.allows(scope, date))
    }

    /// Records a new grant of `scope` to `brand` from `granted_on`, and returns
    /// the resulting consent.
    ///
    /// # Errors
    ///
    /// [`ValidationError::Inconsistent`] when it would overlap an existing
    /// consent to the same brand for the same reports; the factory is unchanged.
    pub fn grant_consent(
        &mut self,
        brand: BrandId,
        scope: ConsentScope,
        granted_on: NaiveDate,
    ) -> Result<Consent<'_>, ValidationError> {
        let grant = ConsentGrant::new(brand, scope, Period::from(granted_on));
        let mut fields = self.0.clone();
        fields.consents.push(grant);
        fields.validate()?;
        self.0 = fields;
        Ok(Consent {
            factory: self.id,
            brand,
            scope,
            period: grant.period,
            record: std::marker::PhantomData,
        })
    }

    /// Withdraws, from `on`, the consent to `brand` for `scope` in force on that
    /// day, and returns it as it now stands.
    ///
    /// # Errors
    ///
    /// [`ValidationError::Inconsistent`] when no such consent is in force on `on`.
    pub fn withdraw_consent(
        &mut self,
        brand: BrandId,
        scope: ConsentScope,
        on: NaiveDate,
    ) -> Result<Consent<'_>, ValidationError> {
        let found = self
            .0
            .consents
            .iter_mut()
            .find(|g| g.brand == brand && g.scope == scope && g.period.contains(on));
        let Some(grant) = found else {
            return Err(ValidationError::Inconsistent {
                field: "consents".into(),
                value: format!("{brand} {scope:?} on {on}"),
                reason: "has no consent in force to withdraw",
            });
        };
        grant.period = grant.period.ended(on)?;
        let period = grant.period;
        Ok(Consent {
            factory: self.0.id,
            brand,
            scope,
            period,
            record: std::marker::PhantomData,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Country;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn fields() -> FactoryFields {
        FactoryFields::new(
            "F1".parse().unwrap(),
            "Example Garments Ltd",
            Country::KH.into(),
            "Phnom Penh",
            d(2020, 1, 15),
        )
    }

    #[test]
    fn status_over_time() {
        let mut f = fields();
        f.status_changes = vec![
            StatusChange::new(ProgrammeStatus::Suspended, d(2021, 3, 1)),
            StatusChange::new(ProgrammeStatus::Enrolled, d(2021, 6, 1)),
            StatusChange::new(ProgrammeStatus::Left, d(2023, 1, 1)),
        ];
        let factory = Factory::new(f).unwrap();
        assert_eq!(factory.status_on(d(2020, 1, 14)), None);
        assert_eq!(
            factory.status_on(d(2020, 1, 15)),
            Some(ProgrammeStatus::Enrolled)
        );
        assert_eq!(
            factory.status_on(d(2021, 3, 1)),
            Some(ProgrammeStatus::Suspended)
        );
        assert_eq!(
            factory.status_on(d(2022, 1, 1)),
            Some(ProgrammeStatus::Enrolled)
        );
        assert_eq!(
            factory.status_on(d(2030, 1, 1)),
            Some(ProgrammeStatus::Left)
        );
    }

    #[test]
    fn status_rules() {
        let mut f = fields();
        f.status_changes = vec![StatusChange::new(ProgrammeStatus::Left, d(2019, 1, 1))];
        assert!(matches!(
            Factory::new(f.clone()),
            Err(ValidationError::DatesOutOfOrder { .. })
        ));
        f.status_changes = vec![StatusChange::new(ProgrammeStatus::Enrolled, d(2021, 1, 1))];
        assert!(matches!(
            Factory::new(f),
            Err(ValidationError::Inconsistent { .. })
        ));
    }

    #[test]
    fn workforce_rules() {
        let mut w = WorkforceFields::new(d(2024, 1, 1), 10, SexCounts::new(5, 5, 0));
        w.young_workers = 11;
        assert_eq!(
            Workforce::new(w.clone()),
            Err(ValidationError::Exceeds {
                field: "young_workers".into(),
                value: 11,
                limit_field: "total".into(),
                limit: 10
            })
        );
        w.young_workers = 0;
        w.by_contract = Some(ContractCounts::new(5, 4, 0, 0));
        assert!(matches!(
            Workforce::new(w),
            Err(ValidationError::CountMismatch {
                sum: 9,
                total: 10,
                ..
            })
        ));
        let mut f = fields();
        let snap = |day| {
            Workforce::new(WorkforceFields::new(
                d(2024, 1, day),
                0,
                SexCounts::default(),
            ))
            .unwrap()
        };
        f.workforce = vec![snap(2), snap(2)];
        assert!(matches!(
            Factory::new(f),
            Err(ValidationError::DatesOutOfOrder { .. })
        ));
    }

    #[test]
    fn consent_comes_from_the_factory() {
        let brand: BrandId = "b1".parse().unwrap();
        let mut factory = Factory::new(fields()).unwrap();
        let consent = factory
            .grant_consent(brand, ConsentScope::AllReports, d(2024, 1, 1))
            .unwrap();
        assert_eq!(consent.factory(), factory.id);
        assert!(
            factory
                .consent_for(brand, ConsentScope::AssessmentReports, d(2024, 6, 1))
                .is_some()
        );
        assert!(
            factory
                .consent_for(brand, ConsentScope::AssessmentReports, d(2023, 6, 1))
                .is_none()
        );
        assert!(
            factory
                .grant_consent(brand, ConsentScope::ProgressReports, d(2024, 2, 1))
                .is_err()
        );
        assert_eq!(
            factory.consents.len(),
            1,
            "a refused grant leaves the factory unchanged"
        );
        let withdrawn = factory
            .withdraw_consent(brand, ConsentScope::AllReports, d(2024, 7, 1))
            .unwrap();
        assert_eq!(withdrawn.period().end(), Some(d(2024, 7, 1)));
        assert!(
            factory
                .consent_for(brand, ConsentScope::AllReports, d(2024, 7, 1))
                .is_none()
        );
        assert!(
            factory
                .withdraw_consent(brand, ConsentScope::AllReports, d(2024, 8, 1))
                .is_err()
        );
        factory
            .grant_consent(brand, ConsentScope::AssessmentReports, d(2025, 1, 1))
            .unwrap();
        assert_eq!(factory.consents().count(), 2);
    }

    #[test]
    fn text_rules() {
        let mut f = fields();
        f.name = " ".into();
        assert_eq!(
            Factory::new(f),
            Err(ValidationError::Empty {
                field: "name".into()
            })
        );
        let mut f = fields();
        f.sectors = vec!["Apparel".into(), "Apparel".into()];
        assert!(matches!(
            Factory::new(f),
            Err(ValidationError::Duplicate { .. })
        ));
    }
}
