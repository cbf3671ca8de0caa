//! ILO instruments and named sets of them.

use chrono::NaiveDate;
use decentwork_model::Country;

use crate::generated::structure::{INSTRUMENT_SETS, INSTRUMENTS};
use crate::tables::{Category, InstrumentKind, InstrumentRow, SetRow, Theme};
use crate::{LookupError, Provenance, Question, Ratification, RatificationKind};

/// An ILO convention or protocol in the catalogue. A `Copy` handle.
///
/// ```
/// use decentwork_catalogue::{Category, Instrument};
///
/// let c87 = Instrument::from_code("C087")?;
/// assert_eq!(c87.title(), "Freedom of Association and Protection of the Right to Organise Convention, 1948");
/// assert_eq!(c87.category(), Category::Fundamental);
/// assert_eq!(Instrument::lookup("c87")?, c87);
/// assert_eq!(Instrument::lookup("Convention No. 87")?, c87);
/// assert_eq!(Instrument::lookup("P29")?.code(), "P029");
/// # Ok::<(), decentwork_catalogue::LookupError>(())
/// ```
#[derive(Clone, Copy)]
pub struct Instrument(pub(crate) &'static InstrumentRow);

crate::handle::handle!(Instrument in INSTRUMENTS, id: code, plural: "instruments", order: "in code order (conventions, then protocols)");

impl Instrument {
    /// Strict lookup by code, e.g. `C087` or `P029`.
    ///
    /// # Errors
    ///
    /// [`LookupError::UnknownId`] when no instrument has that code.
    pub fn from_code(code: &str) -> Result<Instrument, LookupError> {
        INSTRUMENTS
            .binary_search_by(|row| row.code.cmp(code))
            .ok()
            .and_then(|i| INSTRUMENTS.get(i))
            .map(Instrument)
            .ok_or_else(|| LookupError::UnknownId {
                what: "instrument",
                value: code.to_owned(),
            })
    }

    /// Lax lookup: `C87`, `c 087`, `C-87`, `Convention 87`, `Convention No. 87`,
    /// `P29`, `Protocol 29`, or the full title, ignoring case.
    ///
    /// # Errors
    ///
    /// [`LookupError::NoMatch`] when nothing matches.
    pub fn lookup(text: &str) -> Result<Instrument, LookupError> {
        let lower = text.trim().to_lowercase();
        if let Some(found) = Instrument::all().find(|i| i.title().to_lowercase() == lower) {
            return Ok(found);
        }
        let (kind, rest) = if let Some(rest) = lower
            .strip_prefix("protocol")
            .or_else(|| lower.strip_prefix('p'))
        {
            (InstrumentKind::Protocol, rest)
        } else if let Some(rest) = lower
            .strip_prefix("convention")
            .or_else(|| lower.strip_prefix('c'))
        {
            (InstrumentKind::Convention, rest)
        } else {
            (InstrumentKind::Convention, lower.as_str())
        };
        let digits = rest
            .trim_start_matches([' ', '-', '.'])
            .trim_start_matches("no")
            .trim_start_matches([' ', '.']);
        digits
            .parse::<u16>()
            .ok()
            .and_then(|n| Instrument::all().find(|i| i.number() == n && i.kind() == kind))
            .ok_or_else(|| LookupError::NoMatch {
                what: "instrument",
                value: text.to_owned(),
            })
    }

    /// The code: `C` or `P` and three digits, e.g. `C087`.
    #[must_use]
    pub fn code(self) -> &'static str {
        self.0.code
    }

    /// The number (29 for both C029 and P029).
    #[must_use]
    pub fn number(self) -> u16 {
        self.0.number
    }

    /// Convention or protocol.
    #[must_use]
    pub fn kind(self) -> InstrumentKind {
        self.0.kind
    }

    /// The official short title.
    #[must_use]
    pub fn title(self) -> &'static str {
        self.0.title
    }

    /// The year the International Labour Conference adopted it.
    #[must_use]
    pub fn adopted(self) -> u16 {
        self.0.adopted
    }

    /// Fundamental, governance or technical.
    #[must_use]
    pub fn category(self) -> Category {
        self.0.category
    }

    /// For fundamental conventions, the year they became fundamental (1998 or 2022).
    #[must_use]
    pub fn fundamental_since(self) -> Option<u16> {
        self.0.fundamental_since
    }

    /// What it is about.
    #[must_use]
    pub fn theme(self) -> Theme {
        self.0.theme
    }

    /// The NORMLEX instrument ID, and whether it was seen in a NORMLEX URL
    /// (`true`) or follows the numbering rule only (`false`).
    #[must_use]
    pub fn normlex_id(self) -> Option<(u32, bool)> {
        self.0.normlex_id.map(|id| (id, self.0.normlex_id_verified))
    }

    /// Where the record's facts come from.
    #[must_use]
    pub fn provenance(self) -> Provenance {
        self.0.provenance
    }

    /// The recorded ratification by `country`, if the country is covered.
    #[must_use]
    pub fn ratification(self, country: Country) -> Option<Ratification> {
        Ratification::of(country, self)
    }

    /// Every question that cites this instrument.
    pub fn questions(self) -> impl Iterator<Item = Question> {
        Question::all().filter(move |q| q.ilo_references().any(|r| r.instrument() == self))
    }
}

impl std::fmt::Display for Instrument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A named set of instruments, such as the ILO fundamental conventions.
///
/// ```
/// use chrono::NaiveDate;
/// use decentwork_catalogue::InstrumentSet;
/// use decentwork_model::Country;
///
/// let fundamental = InstrumentSet::from_id("fundamental-2022")?;
/// assert_eq!(fundamental.members().count(), 10);
/// let on = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
/// let missing: Vec<&str> = fundamental.not_ratified_on(Country::VN, on).map(|i| i.code()).collect();
/// assert!(missing.contains(&"C087"));
/// # Ok::<(), decentwork_catalogue::LookupError>(())
/// ```
#[derive(Clone, Copy)]
pub struct InstrumentSet(&'static SetRow);

impl InstrumentSet {
    /// Every named set.
    pub fn all() -> impl Iterator<Item = InstrumentSet> {
        INSTRUMENT_SETS.iter().map(InstrumentSet)
    }

    /// Strict lookup by ID, e.g. `fundamental-2022`.
    ///
    /// # Errors
    ///
    /// [`LookupError::UnknownId`] when no set has that ID.
    pub fn from_id(id: &str) -> Result<InstrumentSet, LookupError> {
        crate::structure::strict(
            "instrument set",
            id,
            InstrumentSet::all(),
            InstrumentSet::id,
        )
    }

    /// Lax lookup by ID or name, ignoring case, e.g. "ILO fundamental (1998)".
    ///
    /// # Errors
    ///
    /// [`LookupError::NoMatch`] when nothing matches.
    pub fn lookup(text: &str) -> Result<InstrumentSet, LookupError> {
        crate::structure::lax("instrument set", text, InstrumentSet::all(), |s| {
            vec![s.id(), s.name()]
        })
    }

    /// The ID.
    #[must_use]
    pub fn id(self) -> &'static str {
        self.0.id
    }

    /// The name, e.g. "ILO fundamental (2022)".
    #[must_use]
    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// What the set is.
    #[must_use]
    pub fn description(self) -> &'static str {
        self.0.description
    }

    /// Where its membership comes from.
    #[must_use]
    pub fn provenance(self) -> Provenance {
        self.0.provenance
    }

    /// Its instruments, in code order.
    pub fn members(self) -> impl Iterator<Item = Instrument> {
        self.0.members.iter().copied().map(Instrument)
    }

    /// Each member with `country`'s status on `date`.
    pub fn status_on(
        self,
        country: Country,
        date: NaiveDate,
    ) -> impl Iterator<Item = (Instrument, RatificationKind)> {
        self.members().map(move |i| {
            let status = i
                .ratification(country)
                .map_or(RatificationKind::Unknown, |r| r.status_on(date));
            (i, status)
        })
    }

    /// The members `country` had, as recorded, not ratified (or had denounced) on
    /// `date`. Members whose status is unknown are not included: see
    /// [`InstrumentSet::unknown_on`].
    pub fn not_ratified_on(
        self,
        country: Country,
        date: NaiveDate,
    ) -> impl Iterator<Item = Instrument> {
        self.status_on(country, date)
            .filter(|(_, s)| {
                matches!(
                    s,
                    RatificationKind::NotRatified | RatificationKind::Denounced
                )
            })
            .map(|(i, _)| i)
    }

    /// The members whose status for `country` on `date` the catalogue cannot tell.
    pub fn unknown_on(self, country: Country, date: NaiveDate) -> impl Iterator<Item = Instrument> {
        self.status_on(country, date)
            .filter(|(_, s)| *s == RatificationKind::Unknown)
            .map(|(i, _)| i)
    }
}

crate::structure::by_id!(InstrumentSet => id);
