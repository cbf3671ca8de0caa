//! National labour law: acts, the provisions each compliance point relies on,
//! and time-aware legal parameters ("the law in force in J on D").

use chrono::NaiveDate;
use decentwork_model::Jurisdiction;
use rust_decimal::Decimal;

use crate::generated::law::{ACTS, PARAMETERS, REFERENCES};
use crate::tables::{ActRow, Parameter, ParameterRow, Per, ReferenceRow, Unit};
use crate::{CompliancePoint, Provenance};

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
    /// `1 day`, `16 weeks`), shares as per cent (`100%`), money with its
    /// currency, thousands separators and period (`BDT 12,500 a month`).
    #[must_use]
    pub fn display_value(self) -> String {
        let value = self.0.value.normalize();
        let count = |one: &str, many: &str| {
            let word = if value == Decimal::ONE { one } else { many };
            format!("{value} {word}")
        };
        match self.0.unit {
            Unit::Hours => count("hour", "hours"),
            Unit::Days => count("day", "days"),
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
/// let law = LawInForce::new("BD".parse().unwrap(), NaiveDate::from_ymd_opt(2024, 6, 1).unwrap());
/// let age = law.value(Parameter::MinimumWorkingAge).unwrap();
/// assert_eq!(age.display_value(), "14");
/// ```
#[derive(Debug, Clone)]
pub struct LawInForce {
    jurisdiction: Jurisdiction,
    date: NaiveDate,
    values: Vec<LegalValue>,
}

impl LawInForce {
    /// Collects the values in force in `jurisdiction` on `date`.
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
            let key = |v: &LegalValue| (v.0.name, v.0.sector, v.0.region, v.0.variant, v.0.per);
            let local: Vec<_> = values.iter().map(key).collect();
            values.extend(in_force(country).filter(|v| !local.contains(&key(v))));
        }
        values.sort_by_key(|v| (v.0.name, v.0.sector, v.0.region, v.0.variant, v.0.per));
        LawInForce {
            jurisdiction,
            date,
            values,
        }
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
    /// match (sector and region, then sector, then region, then general).
    #[must_use]
    pub fn minimum_wage(&self, sector: Option<&str>, region: Option<&str>) -> Option<LegalValue> {
        let candidates: Vec<LegalValue> = self.all(Parameter::MinimumWage).collect();
        let matches =
            |v: &LegalValue, s: Option<&str>, r: Option<&str>| v.0.sector == s && v.0.region == r;
        [
            (sector, region),
            (sector, None),
            (None, region),
            (None, None),
        ]
        .into_iter()
        .find_map(|(s, r)| candidates.iter().find(|v| matches(v, s, r)).copied())
    }
}
