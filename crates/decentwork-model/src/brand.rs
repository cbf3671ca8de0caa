//! Brands and retailers that buy from factories, and who sources from whom.

use crate::check::{self, Validate, validated};
use crate::{BrandId, FactoryId, Period, ValidationError};

/// Whether the buyer sells under its own brand or is a retailer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum BuyerKind {
    /// A brand.
    Brand,
    /// A retailer.
    Retailer,
}

/// How a buyer takes part in the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum BuyerTier {
    /// Signed a partnership agreement (e.g. to stop duplicate audits).
    BuyerPartner,
    /// Subscribes to the reports of some supplier factories.
    Participant,
}

/// A brand or retailer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct BrandFields {
    /// Identifier.
    pub id: BrandId,
    /// Name (at most 200 characters).
    pub name: String,
    /// Brand or retailer.
    pub kind: BuyerKind,
    /// Partner or participant.
    pub tier: BuyerTier,
}

impl BrandFields {
    /// A brand's fields.
    #[must_use]
    pub fn new(id: BrandId, name: impl Into<String>, kind: BuyerKind, tier: BuyerTier) -> Self {
        Self {
            id,
            name: name.into(),
            kind,
            tier,
        }
    }
}

impl Validate for BrandFields {
    fn validate(&self) -> Result<(), ValidationError> {
        check::text("name", &self.name, check::MAX_NAME)
    }
}

validated!(
    /// A checked [`BrandFields`] (the name is not blank).
    Brand(BrandFields)
);

/// A brand sourcing from a factory over a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct SourcingRelationship {
    /// The buyer.
    pub brand: BrandId,
    /// The supplier factory.
    pub factory: FactoryId,
    /// From the first order until the relationship ended (exclusive).
    pub period: Period,
}

impl SourcingRelationship {
    /// `brand` sourcing from `factory` over `period`.
    #[must_use]
    pub fn new(brand: BrandId, factory: FactoryId, period: Period) -> Self {
        Self {
            brand,
            factory,
            period,
        }
    }

    /// Whether the brand sources from the factory on `date`.
    #[must_use]
    pub fn active_on(&self, date: chrono::NaiveDate) -> bool {
        self.period.contains(date)
    }
}
