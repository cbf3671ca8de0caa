//! National labour law: acts, the provisions each compliance point relies on,
//! and time-aware legal parameters ("the law in force in J on D").

use chrono::NaiveDate;
use decentwork_model::Jurisdiction;
use rust_decimal::Decimal;

use crate::generated::law::{ABSENCES, ACTS, JURISDICTIONS, PARAMETERS, REFERENCES};
use crate::tables::{
    AbsenceRow, Accrual, AccrualBasis, ActRow, DayCount, Parameter, ParameterRow, Per,
    ReferenceRow, Unit,
};
use crate::{CompliancePoint, LawError, Provenance};

/// The code the data files use for a jurisdiction: `BD`, `PK-SD`.
pub(crate) fn code(jurisdiction: Jurisdiction) -> &'static str {
    jurisdiction
        .subdivision()
        .map_or_else(|| jurisdiction.country().code(), |s| s.code())
}

/// A labour act (or decree, regulation, ordinance) of a jurisdiction.
#[derive(Clone, Copy)]
pub struct Act(&'static ActRow);

impl Act {
    /// Every act in the catalogue, by jurisdiction.
    pub fn all() -> impl Iterator<Item = Act> {
        ACTS.iter().map(Act)
    }

    /// The acts that apply in `jurisdiction`: the country's, and for a
    /// subdivision its own as well.
    pub fn in_jurisdiction(jurisdiction: Jurisdiction) -> impl Iterator<Item = Act> {
        let levels: Vec<&'static str> = jurisdiction.levels().map(code).collect();
        ACTS.iter()
            .filter(move |a| levels.contains(&a.jurisdiction))
            .map(Act)
    }

    /// Its ID, e.g. `BD-BLA-2006`.
    #[must_use]
    pub fn id(self) -> &'static str {
        self.0.id
    }

    /// The jurisdiction code it belongs to.
    #[must_use]
    pub fn jurisdiction(self) -> &'static str {
        self.0.jurisdiction
    }

    /// Its title and number as cited.
    #[must_use]
    pub fn title(self) -> &'static str {
        self.0.title
    }

    /// When it was enacted, as precisely as sourced.
    #[must_use]
    pub fn enacted(self) -> Option<&'static str> {
        self.0.enacted
    }

    /// The first day it was in force, where sourced.
    #[must_use]
    pub fn in_force_from(self) -> Option<NaiveDate> {
        self.0.in_force_from
    }

    /// The last day it was in force, if it has been repealed or replaced.
    #[must_use]
    pub fn in_force_to(self) -> Option<NaiveDate> {
        self.0.in_force_to
    }

    /// The acts that amend it.
    pub fn amended_by(self) -> impl Iterator<Item = Act> {
        self.0.amended_by.iter().copied().map(Act)
    }

    /// A note from the data, if any.
    #[must_use]
    pub fn note(self) -> Option<&'static str> {
        self.0.note
    }

    /// Where the record comes from.
    #[must_use]
    pub fn provenance(self) -> Provenance {
        self.0.provenance
    }
}

/// A provision of national law that a compliance point relies on. Without a
/// section the reference is to the act as a whole, and unverified.
#[derive(Clone, Copy)]
pub struct LegalReference(&'static ReferenceRow);

impl LegalReference {
    pub(crate) fn for_point(
        point: CompliancePoint,
        jurisdiction: Jurisdiction,
    ) -> impl Iterator<Item = LegalReference> {
        let levels: Vec<&'static str> = jurisdiction.levels().map(code).collect();
        REFERENCES
            .iter()
            .filter(move |r| std::ptr::eq(r.point, point.0) && levels.contains(&r.jurisdiction))
            .map(LegalReference)
    }

    /// Every reference in the catalogue.
    pub fn all() -> impl Iterator<Item = LegalReference> {
        REFERENCES.iter().map(LegalReference)
    }

    /// The compliance point.
    #[must_use]
    pub fn compliance_point(self) -> CompliancePoint {
        CompliancePoint(self.0.point)
    }

    /// The jurisdiction code.
    #[must_use]
    pub fn jurisdiction(self) -> &'static str {
        self.0.jurisdiction
    }

    /// The act.
    #[must_use]
    pub fn act(self) -> Act {
        Act(self.0.act)
    }

    /// The section or article, where sourced.
    #[must_use]
    pub fn section(self) -> Option<&'static str> {
        self.0.section
    }

    /// A note from the data, if any.
    #[must_use]
    pub fn note(self) -> Option<&'static str> {
        self.0.note
    }

    /// Where it comes from.
    #[must_use]
    pub fn provenance(self) -> Provenance {
        self.0.provenance
    }
}

impl std::fmt::Display for LegalReference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.section {
            Some(section) => write!(f, "{}, {section}", self.0.act.title),
            None => f.write_str(self.0.act.title),
        }
    }
}

/// The value of a legal parameter in a jurisdiction over a period.
#[derive(Clone, Copy)]
pub struct LegalValue(&'static ParameterRow);

impl LegalValue {
    /// Every recorded value.
    pub fn all() -> impl Iterator<Item = LegalValue> {
        PARAMETERS.iter().map(LegalValue)
    }

    /// Which parameter.
    #[must_use]
    pub fn parameter(self) -> Parameter {
        self.0.name
    }

    /// The jurisdiction code it belongs to.
    #[must_use]
    pub fn jurisdiction(self) -> &'static str {
        self.0.jurisdiction
    }

    /// The value, exact.
    #[must_use]
    pub fn value(self) -> Decimal {
        self.0.value
    }

    /// Its unit.
    #[must_use]
    pub fn unit(self) -> Unit {
        self.0.unit
    }

    /// The period a cap or wage refers to, if any.
    #[must_use]
    pub fn per(self) -> Option<Per> {
        self.0.per
    }

    /// For a [`Unit::Multiplier`], the wage it multiplies, e.g. "ordinary
    /// hourly wage" or "basic wage plus dearness allowance".
    #[must_use]
    pub fn basis(self) -> Option<&'static str> {
        self.0.basis
    }

    /// For leave in days, whether they are working or calendar days.
    #[must_use]
    pub fn day_count(self) -> Option<DayCount> {
        self.0.days
    }

    /// For leave earned as one works, the accrual rule: the value is earned for
    /// every [`Accrual::per`] units of [`Accrual::of`]. `None` for a total.
    #[must_use]
    pub fn accrual(self) -> Option<Accrual> {
        self.0.accrual
    }

    /// What ended the rule, when it ended with no rule after it.
    #[must_use]
    pub fn ended_by(self) -> Option<&'static str> {
        self.0.ended_by
    }

    /// The region a minimum wage applies to, if it varies by region.
    #[must_use]
    pub fn region(self) -> Option<&'static str> {
        self.0.region
    }

    /// The sector a minimum wage applies to, if sectoral.
    #[must_use]
    pub fn sector(self) -> Option<&'static str> {
        self.0.sector
    }

    /// Which of several rules in force together this is, e.g. "6-day week"
    /// (for normal hours) or "first and second child" (for maternity leave).
    #[must_use]
    pub fn variant(self) -> Option<&'static str> {
        self.0.variant
    }

    /// For a committee rule, the kind of committee it is about: the kind a
    /// threshold requires, or whose members or meetings a rule concerns.
    /// `None` for a threshold of something the model records as no committee
    /// (Cambodia's shop stewards).
    #[must_use]
    pub fn committee(self) -> Option<decentwork_model::CommitteeKind> {
        self.0.committee
    }

    /// Whether it applies to a factory in `sector` and `region`: a value for
    /// one sector applies to that sector only, one for `all` sectors (or
    /// none named) to every sector; likewise for regions.
    #[must_use]
    pub fn applies_to(self, sector: Option<&str>, region: Option<&str>) -> bool {
        let sector_ok = match self.0.sector {
            None | Some(ALL_SECTORS) => true,
            Some(own) => sector.is_some_and(|s| s.eq_ignore_ascii_case(own)),
        };
        let region_ok = match self.0.region {
            None => true,
            Some(own) => region.is_some_and(|r| r.eq_ignore_ascii_case(own)),
        };
        sector_ok && region_ok
    }

    /// How specific the value is for a sector and region: 0 for a value of
    /// that very sector and region, higher for more general ones.
    fn generality(self) -> (u8, u8) {
        let sector = match self.0.sector {
            Some(ALL_SECTORS) => 1,
            Some(_) => 0,
            None => 2,
        };
        (u8::from(self.0.region.is_none()), sector)
    }

    /// First day in force, if recorded.
    #[must_use]
    pub fn from(self) -> Option<NaiveDate> {
        self.0.from
    }

    /// Last day in force (inclusive), if it has ended.
    #[must_use]
    pub fn to(self) -> Option<NaiveDate> {
        self.0.to
    }

    /// Whether it is in force on `date`. A value without a recorded start
    /// counts as in force on any date before its end.
    #[must_use]
    pub fn in_force_on(self, date: NaiveDate) -> bool {
        self.0.from.is_none_or(|from| from <= date) && self.0.to.is_none_or(|to| date <= to)
    }

    /// The act and section it comes from.
    #[must_use]
    pub fn legal_basis(self) -> &'static str {
        self.0.legal_basis
    }

    /// A note from the data, if any.
    #[must_use]
    pub fn note(self) -> Option<&'static str> {
        self.0.note
    }

    /// Where it comes from.
    #[must_use]
    pub fn provenance(self) -> Provenance {
        self.0.provenance
    }

    /// The value as written in a question: ages, thresholds and multipliers as
    /// plain numbers (`14`, `50`, `1.5`), durations with their unit (`8 hours`,
    /// `16 weeks`), days of leave with their kind and period (`12 working days a
    /// year`), accrual rules as rules (`1 day for every 18 days worked`), shares
    /// as per cent (`100%`), money with its currency, thousands separators and
    /// period (`BDT 12,500 a month`).
    #[must_use]
    pub fn display_value(self) -> String {
        let value = self.0.value.normalize();
        let count = |one: &str, many: &str| {
            let word = if value == Decimal::ONE { one } else { many };
            format!("{value} {word}")
        };
        match self.0.unit {
            Unit::Hours => count("hour", "hours"),
            Unit::Days => {
                let kind = match self.0.days {
                    Some(DayCount::Working) => "working ",
                    Some(DayCount::Calendar) => "calendar ",
                    _ => "",
                };
                let days = count(&format!("{kind}day"), &format!("{kind}days"));
                match (self.0.accrual, self.0.per) {
                    (Some(accrual), _) => {
                        let per = accrual.per.normalize();
                        let of = match (accrual.of, per == Decimal::ONE) {
                            (AccrualBasis::DaysWorked, true) => "day worked".to_owned(),
                            (AccrualBasis::DaysWorked, false) => format!("{per} days worked"),
                            (AccrualBasis::MonthsOfService, true) => "month of service".to_owned(),
                            (AccrualBasis::MonthsOfService, false) => {
                                format!("{per} months of service")
                            }
                        };
                        format!("{days} for every {of}")
                    }
                    (None, Some(Per::Year)) => format!("{days} a year"),
                    (None, _) => days,
                }
            }
            Unit::Weeks => count("week", "weeks"),
            Unit::Months => count("month", "months"),
            Unit::Percent => format!("{value}%"),
            Unit::Money(currency) => {
                let amount = grouped(value);
                match self.0.per {
                    Some(per) => format!("{currency} {amount} a {}", per_word(per)),
                    None => format!("{currency} {amount}"),
                }
            }
            _ => value.to_string(),
        }
    }
}

/// The sector name the data uses for a value that applies to every sector
/// (Viet Nam's and Indonesia's regional minimum wages).
const ALL_SECTORS: &str = "all";

/// `12500.5` → `12,500.5`.
fn grouped(value: Decimal) -> String {
    let text = value.to_string();
    let (whole, fraction) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    let digits: Vec<char> = whole.chars().collect();
    let mut out = String::new();
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

fn per_word(per: Per) -> &'static str {
    match per {
        Per::Hour => "hour",
        Per::Day => "day",
        Per::Week => "week",
        Per::Month => "month",
        Per::Year => "year",
    }
}

impl std::fmt::Debug for LegalValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "LegalValue({} {} = {}",
            self.0.jurisdiction,
            self.0.name.name(),
            self.display_value()
        )?;
        if let Some(region) = self.0.region {
            write!(f, ", {region}")?;
        }
        f.write_str(")")
    }
}

/// A fact that the law of a jurisdiction sets no rule for a parameter over a
/// period: Ethiopia, for example, has no statutory minimum wage for the
/// private sector. It is recorded with its source, like a value, so that "no
/// rule" is a known answer and not a gap in the catalogue.
#[derive(Clone, Copy)]
pub struct LegalAbsence(&'static AbsenceRow);

impl LegalAbsence {
    /// Every recorded absence.
    pub fn all() -> impl Iterator<Item = LegalAbsence> {
        ABSENCES.iter().map(LegalAbsence)
    }

    /// Which parameter the law does not set.
    #[must_use]
    pub fn parameter(self) -> Parameter {
        self.0.name
    }

    /// The jurisdiction code.
    #[must_use]
    pub fn jurisdiction(self) -> &'static str {
        self.0.jurisdiction
    }

    /// The region it concerns, if only one.
    #[must_use]
    pub fn region(self) -> Option<&'static str> {
        self.0.region
    }

    /// The sector it concerns, if only one.
    #[must_use]
    pub fn sector(self) -> Option<&'static str> {
        self.0.sector
    }

    /// First day, if recorded.
    #[must_use]
    pub fn from(self) -> Option<NaiveDate> {
        self.0.from
    }

    /// Last day (inclusive), if a rule followed.
    #[must_use]
    pub fn to(self) -> Option<NaiveDate> {
        self.0.to
    }

    /// Whether it holds on `date`.
    #[must_use]
    pub fn in_force_on(self, date: NaiveDate) -> bool {
        self.0.from.is_none_or(|from| from <= date) && self.0.to.is_none_or(|to| date <= to)
    }

    /// Where the law leaves the rule unset (e.g. the act that provides for a
    /// wage board that has not set a wage).
    #[must_use]
    pub fn legal_basis(self) -> &'static str {
        self.0.legal_basis
    }

    /// A note from the data, if any.
    #[must_use]
    pub fn note(self) -> Option<&'static str> {
        self.0.note
    }

    /// Where it comes from.
    #[must_use]
    pub fn provenance(self) -> Provenance {
        self.0.provenance
    }
}

impl std::fmt::Debug for LegalAbsence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "LegalAbsence({} {})",
            self.0.jurisdiction,
            self.0.name.name()
        )
    }
}

/// The codes of the jurisdictions the catalogue has law data for (one data
/// file each), sorted: `BD`, `EG`, …, `PK-SD`, `VN`.
pub fn covered_jurisdictions() -> impl Iterator<Item = &'static str> {
    JURISDICTIONS.iter().copied()
}

/// Whether the catalogue has law data for `jurisdiction`: its own file, or for
/// a subdivision without one, a country file that sets parameters.
#[must_use]
pub fn is_covered(jurisdiction: Jurisdiction) -> bool {
    let own = code(jurisdiction);
    let country = jurisdiction.country().code();
    JURISDICTIONS.contains(&own)
        || (own != country
            && JURISDICTIONS.contains(&country)
            && PARAMETERS.iter().any(|p| p.jurisdiction == country))
}

/// The law in force in one jurisdiction on one date: one call answers "what
/// applied in J on D".
///
/// A subdivision's own values replace the country's for the same parameter,
/// sector and region.
///
/// ```
/// use chrono::NaiveDate;
/// use decentwork_catalogue::{LawInForce, Parameter};
///
/// let on = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
/// let law = LawInForce::try_new("BD".parse().unwrap(), on)?;
/// let age = law.value(Parameter::MinimumWorkingAge).unwrap();
/// assert_eq!(age.display_value(), "14");
///
/// // A jurisdiction without law data is an error that names the covered ones.
/// let err = LawInForce::try_new("FR".parse().unwrap(), on).unwrap_err();
/// assert!(err.to_string().starts_with("no law data for FR"), "{err}");
/// # Ok::<(), decentwork_catalogue::LawError>(())
/// ```
#[derive(Debug, Clone)]
pub struct LawInForce {
    jurisdiction: Jurisdiction,
    date: NaiveDate,
    values: Vec<LegalValue>,
    absences: Vec<LegalAbsence>,
}

impl LawInForce {
    /// Collects the values in force in `jurisdiction` on `date`, or says that
    /// the catalogue has no law data for it.
    ///
    /// # Errors
    ///
    /// [`LawError::NoLawData`] when [`is_covered`] is false.
    pub fn try_new(jurisdiction: Jurisdiction, date: NaiveDate) -> Result<LawInForce, LawError> {
        if is_covered(jurisdiction) {
            Ok(LawInForce::new(jurisdiction, date))
        } else {
            Err(LawError::NoLawData {
                jurisdiction: jurisdiction.to_string(),
                covered: JURISDICTIONS.to_vec(),
            })
        }
    }

    /// Collects the values in force in `jurisdiction` on `date`; empty when the
    /// catalogue has no law data for it (see [`LawInForce::try_new`], which
    /// says so).
    #[must_use]
    pub fn new(jurisdiction: Jurisdiction, date: NaiveDate) -> LawInForce {
        let country = jurisdiction.country().code();
        let own = code(jurisdiction);
        let in_force = |j: &'static str| {
            PARAMETERS
                .iter()
                .map(LegalValue)
                .filter(move |v| v.0.jurisdiction == j && v.in_force_on(date))
        };
        let mut values: Vec<LegalValue> = in_force(own).collect();
        if own != country {
            let key = |v: &LegalValue| {
                (
                    v.0.name,
                    v.0.sector,
                    v.0.region,
                    v.0.variant,
                    v.0.per,
                    v.0.committee,
                )
            };
            let local: Vec<_> = values.iter().map(key).collect();
            values.extend(in_force(country).filter(|v| !local.contains(&key(v))));
        }
        values.sort_by_key(|v| {
            (
                v.0.name,
                v.0.sector,
                v.0.region,
                v.0.variant,
                v.0.per,
                v.0.committee,
            )
        });
        let absent_in = |j: &'static str| {
            ABSENCES
                .iter()
                .map(LegalAbsence)
                .filter(move |a| a.0.jurisdiction == j && a.in_force_on(date))
        };
        let mut absences: Vec<LegalAbsence> = absent_in(own).collect();
        if own != country {
            let set_here = |name: Parameter| {
                values
                    .iter()
                    .any(|v| v.0.jurisdiction == own && v.0.name == name)
                    || absences.iter().any(|a| a.0.name == name)
            };
            let inherited: Vec<LegalAbsence> =
                absent_in(country).filter(|a| !set_here(a.0.name)).collect();
            absences.extend(inherited);
        }
        LawInForce {
            jurisdiction,
            date,
            values,
            absences,
        }
    }

    /// The parameters the law sets no rule for on the date (e.g. no statutory
    /// minimum wage), each with its source.
    pub fn absences(&self) -> impl Iterator<Item = LegalAbsence> + '_ {
        self.absences.iter().copied()
    }

    /// The jurisdiction.
    #[must_use]
    pub fn jurisdiction(&self) -> Jurisdiction {
        self.jurisdiction
    }

    /// The date.
    #[must_use]
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// Every value in force.
    pub fn values(&self) -> impl Iterator<Item = LegalValue> + '_ {
        self.values.iter().copied()
    }

    /// Every value in force for `parameter` (several for minimum wages that vary
    /// by region or sector).
    pub fn all(&self, parameter: Parameter) -> impl Iterator<Item = LegalValue> + '_ {
        self.values
            .iter()
            .copied()
            .filter(move |v| v.0.name == parameter)
    }

    /// The value of `parameter` when one value answers it: the only one in
    /// force, or the only general one (no region, sector or variant). Amounts
    /// given both a month and an hour answer with the monthly one.
    #[must_use]
    pub fn value(&self, parameter: Parameter) -> Option<LegalValue> {
        let all: Vec<LegalValue> = self.all(parameter).collect();
        let one = |list: Vec<LegalValue>| match list.as_slice() {
            [only] => Some(*only),
            _ => None,
        };
        let general: Vec<LegalValue> = all
            .iter()
            .copied()
            .filter(|v| v.0.region.is_none() && v.0.sector.is_none() && v.0.variant.is_none())
            .collect();
        one(all.clone())
            .or_else(|| one(general.clone()))
            .or_else(|| {
                one(general
                    .into_iter()
                    .filter(|v| v.0.per == Some(Per::Month))
                    .collect())
            })
            .or_else(|| {
                one(all
                    .into_iter()
                    .filter(|v| v.0.per == Some(Per::Month) && v.0.region.is_none())
                    .collect())
            })
    }

    /// The minimum wage for a sector and region, preferring the most specific
    /// match: a value for that region before a national one, and for that
    /// sector before one for `all` sectors before one naming no sector. A
    /// value for all sectors applies to any sector (Viet Nam's regional
    /// minimum wages apply to garment factories). Amounts per month are
    /// preferred to amounts per hour; variants (e.g. for probationers) are
    /// left out.
    #[must_use]
    pub fn minimum_wage(&self, sector: Option<&str>, region: Option<&str>) -> Option<LegalValue> {
        self.all(Parameter::MinimumWage)
            .filter(|v| v.0.variant.is_none() && v.applies_to(sector, region))
            .min_by_key(|v| (v.generality(), v.0.per != Some(Per::Month)))
    }

    /// The values of `parameter` that apply to a factory in `sector` and
    /// `region`, most specific first: where the law sets a value for the
    /// sector (Viet Nam's 300 overtime hours a year in garment), the general
    /// value is left out. Several values remain where the law sets variants
    /// (Indonesia's normal hours for a 5-day and a 6-day week).
    #[must_use]
    pub fn applicable(
        &self,
        parameter: Parameter,
        sector: Option<&str>,
        region: Option<&str>,
    ) -> Vec<LegalValue> {
        let fitting: Vec<LegalValue> = self
            .all(parameter)
            .filter(|v| v.applies_to(sector, region))
            .collect();
        let Some(best) = fitting.iter().map(|v| v.generality()).min() else {
            return Vec::new();
        };
        fitting
            .into_iter()
            .filter(|v| v.generality() == best)
            .collect()
    }
}
