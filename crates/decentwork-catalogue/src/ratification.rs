//! Ratifications of the catalogue's instruments by the programme countries.

use chrono::NaiveDate;
use decentwork_model::Country;

use crate::generated::ratifications::RATIFICATIONS;
use crate::tables::{PartialDate, RatificationKind, RatificationRow};
use crate::{Instrument, Provenance};

/// What the catalogue records about one country and one instrument.
///
/// ```
/// use chrono::NaiveDate;
/// use decentwork_catalogue::{Instrument, Ratification, RatificationKind};
/// use decentwork_model::Country;
///
/// let c098 = Instrument::from_code("C098")?;
/// let r = Ratification::of(Country::VN, c098).unwrap();
/// assert_eq!(r.status(), RatificationKind::Ratified);
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(r.status_on(day(2018, 1, 1)), RatificationKind::NotRatified);
/// assert_eq!(r.status_on(day(2020, 1, 1)), RatificationKind::Ratified);
/// # Ok::<(), decentwork_catalogue::LookupError>(())
/// ```
#[derive(Clone, Copy)]
pub struct Ratification(&'static RatificationRow);

impl Ratification {
    /// The record for `country` and `instrument`; `None` for a country the
    /// catalogue does not cover.
    #[must_use]
    pub fn of(country: Country, instrument: Instrument) -> Option<Ratification> {
        RATIFICATIONS
            .binary_search_by(|row| {
                (row.country, row.instrument.code).cmp(&(country, instrument.code()))
            })
            .ok()
            .and_then(|i| RATIFICATIONS.get(i))
            .map(Ratification)
    }

    /// Every record for `country`, in instrument order.
    pub fn for_country(country: Country) -> impl Iterator<Item = Ratification> {
        RATIFICATIONS
            .iter()
            .filter(move |r| r.country == country)
            .map(Ratification)
    }

    /// The countries the catalogue records ratifications for.
    pub fn countries() -> impl Iterator<Item = Country> {
        let mut countries: Vec<Country> = RATIFICATIONS.iter().map(|r| r.country).collect();
        countries.dedup();
        countries.into_iter()
    }

    /// The country.
    #[must_use]
    pub fn country(self) -> Country {
        self.0.country
    }

    /// The instrument.
    #[must_use]
    pub fn instrument(self) -> Instrument {
        Instrument(self.0.instrument)
    }

    /// The status as of the catalogue's data date.
    #[must_use]
    pub fn status(self) -> RatificationKind {
        self.0.status
    }

    /// The date of registration (for ratified) or of denunciation, as precise as
    /// the source gives it.
    #[must_use]
    pub fn date(self) -> Option<PartialDate> {
        self.0.date
    }

    /// Anything else the source says, e.g. the minimum age declared under C138.
    #[must_use]
    pub fn note(self) -> &'static str {
        self.0.note
    }

    /// Where the record comes from and whether it was confirmed.
    #[must_use]
    pub fn provenance(self) -> Provenance {
        self.0.provenance
    }

    /// The status on `date`. `Unknown` when the record is unknown, when a
    /// ratification's date is not precise enough to tell, or when a denounced
    /// instrument is asked about before its denunciation (the catalogue does not
    /// record when it was ratified). Statuses reflect the data as of
    /// [`crate::DATA_DATE`].
    #[must_use]
    pub fn status_on(self, date: NaiveDate) -> RatificationKind {
        match (self.0.status, self.0.date.map(|d| d.on_or_before(date))) {
            (RatificationKind::Ratified, Some(Some(true))) => RatificationKind::Ratified,
            (RatificationKind::Ratified, Some(Some(false)))
            | (RatificationKind::NotRatified, _) => RatificationKind::NotRatified,
            (RatificationKind::Denounced, Some(Some(true))) => RatificationKind::Denounced,
            _ => RatificationKind::Unknown,
        }
    }
}

impl std::fmt::Debug for Ratification {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let code = self.instrument().code();
        write!(
            f,
            "Ratification({} {code} {:?}",
            self.0.country, self.0.status
        )?;
        if let Some(date) = self.0.date {
            write!(f, " {date}")?;
        }
        f.write_str(")")
    }
}
