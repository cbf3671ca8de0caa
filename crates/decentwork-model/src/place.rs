//! Countries, subdivisions and jurisdictions (ISO 3166-1 and ISO 3166-2).
//!
//! Codes are checked against the ISO 3166 lists baked into this crate
//! (see [`ISO_3166_SOURCE`]); the handles are small `Copy` indexes into them.

use crate::ParseError;
use crate::generated::iso3166::{COUNTRIES, SOURCE, SUBDIVISIONS};

/// Where the baked ISO 3166 lists come from.
pub const ISO_3166_SOURCE: &str = SOURCE;

/// A country: an assigned ISO 3166-1 alpha-2 code.
///
/// ```
/// use decentwork_model::Country;
///
/// let vn: Country = "VN".parse()?;
/// assert_eq!(vn, Country::VN);
/// assert_eq!(vn.name(), "Viet Nam");
/// assert!("ZZ".parse::<Country>().is_err());
/// assert_eq!(Country::parse_lax(" bd ")?, Country::BD);
/// # Ok::<(), decentwork_model::ParseError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Country(pub(crate) u8);

impl Country {
    /// The twelve countries of the Better Work programme named in the project
    /// brief, in code order. (A constant for every country, such as
    /// [`Country::VN`], is generated from the ISO 3166-1 list.)
    pub const PROGRAMME: [Country; 12] = [
        Country::BD,
        Country::EG,
        Country::ET,
        Country::HT,
        Country::ID,
        Country::JO,
        Country::KH,
        Country::LK,
        Country::MG,
        Country::NI,
        Country::PK,
        Country::VN,
    ];
}

impl Country {
    /// Parses an upper-case alpha-2 code.
    ///
    /// # Errors
    ///
    /// [`ParseError::Malformed`] unless two upper-case ASCII letters;
    /// [`ParseError::Unassigned`] when not in ISO 3166-1.
    pub fn new(code: &str) -> Result<Self, ParseError> {
        const WHAT: &str = "country code";
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(ParseError::Malformed {
                what: WHAT,
                value: code.to_owned(),
                expected: "two upper-case letters (ISO 3166-1 alpha-2)",
            });
        }
        COUNTRIES
            .binary_search_by(|(c, _)| (*c).cmp(code))
            .ok()
            .and_then(|i| u8::try_from(i).ok())
            .map(Self)
            .ok_or_else(|| ParseError::Unassigned {
                what: WHAT,
                value: code.to_owned(),
            })
    }

    /// Parses leniently: trims white space and upper-cases first.
    ///
    /// # Errors
    ///
    /// As [`Country::new`] on the cleaned text.
    pub fn parse_lax(code: &str) -> Result<Self, ParseError> {
        Self::new(&code.trim().to_ascii_uppercase())
    }

    /// The alpha-2 code.
    #[must_use]
    pub fn code(self) -> &'static str {
        COUNTRIES
            .get(usize::from(self.0))
            .map_or("", |(code, _)| code)
    }

    /// The English short name.
    #[must_use]
    pub fn name(self) -> &'static str {
        COUNTRIES
            .get(usize::from(self.0))
            .map_or("", |(_, name)| name)
    }

    /// Every assigned country, in code order.
    pub fn all() -> impl Iterator<Item = Country> {
        (0..COUNTRIES.len())
            .filter_map(|i| u8::try_from(i).ok())
            .map(Country)
    }

    /// The ISO 3166-2 subdivisions of this country, in code order.
    pub fn subdivisions(self) -> impl Iterator<Item = Subdivision> {
        let prefix = self.code();
        let start = SUBDIVISIONS.partition_point(|(code, _, _)| *code < prefix);
        SUBDIVISIONS
            .iter()
            .enumerate()
            .skip(start)
            .take_while(move |(_, (code, _, _))| code.get(..2) == Some(prefix))
            .filter_map(|(i, _)| u16::try_from(i).ok())
            .map(Subdivision)
    }
}

/// A country subdivision: an assigned ISO 3166-2 code such as `PK-SD` (Sindh).
///
/// ```
/// use decentwork_model::{Country, Subdivision};
///
/// let sindh: Subdivision = "PK-SD".parse()?;
/// assert_eq!(sindh.name(), "Sindh");
/// assert_eq!(sindh.category(), "Province");
/// assert_eq!(sindh.country(), Country::PK);
/// # Ok::<(), decentwork_model::ParseError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Subdivision(u16);

impl Subdivision {
    /// Parses a code `CC-XXX` (country, hyphen, 1–3 letters or digits).
    ///
    /// # Errors
    ///
    /// [`ParseError::Malformed`] for another form; [`ParseError::Unassigned`] when
    /// not in ISO 3166-2.
    pub fn new(code: &str) -> Result<Self, ParseError> {
        const WHAT: &str = "subdivision code";
        let well_formed = code.len() >= 4
            && code.len() <= 6
            && code.get(2..3) == Some("-")
            && code
                .get(..2)
                .is_some_and(|c| c.bytes().all(|b| b.is_ascii_uppercase()))
            && code.get(3..).is_some_and(|c| {
                c.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            });
        if !well_formed {
            return Err(ParseError::Malformed {
                what: WHAT,
                value: code.to_owned(),
                expected: "an ISO 3166-2 code: country code, '-', 1 to 3 upper-case letters or digits",
            });
        }
        SUBDIVISIONS
            .binary_search_by(|(c, _, _)| (*c).cmp(code))
            .ok()
            .and_then(|i| u16::try_from(i).ok())
            .map(Self)
            .ok_or_else(|| ParseError::Unassigned {
                what: WHAT,
                value: code.to_owned(),
            })
    }

    fn row(self) -> (&'static str, &'static str, &'static str) {
        SUBDIVISIONS
            .get(usize::from(self.0))
            .copied()
            .unwrap_or(("", "", ""))
    }

    /// The ISO 3166-2 code, e.g. `PK-PB`.
    #[must_use]
    pub fn code(self) -> &'static str {
        self.row().0
    }

    /// The name, e.g. `Punjab`.
    #[must_use]
    pub fn name(self) -> &'static str {
        self.row().1
    }

    /// The kind of subdivision in ISO 3166-2, e.g. `Province`.
    #[must_use]
    pub fn category(self) -> &'static str {
        self.row().2
    }

    /// The country it belongs to.
    #[must_use]
    pub fn country(self) -> Country {
        // Every subdivision code starts with an assigned country code.
        self.code()
            .get(..2)
            .and_then(|c| Country::new(c).ok())
            .unwrap_or(Country(0))
    }
}

/// Where a factory's labour law comes from: a country, or a subdivision of one
/// where law is made below the national level (labour law in Pakistan is
/// provincial: `PK-SD` Sindh, `PK-PB` Punjab).
///
/// Written `VN` or `PK-SD`; parsing and display round-trip.
///
/// ```
/// use decentwork_model::{Country, Jurisdiction};
///
/// let punjab: Jurisdiction = "PK-PB".parse()?;
/// assert_eq!(punjab.country(), Country::PK);
/// assert_eq!(punjab.subdivision().map(|s| s.name()), Some("Punjab"));
/// assert_eq!(punjab.to_string(), "PK-PB");
/// assert_eq!(Jurisdiction::from(Country::KH).to_string(), "KH");
/// # Ok::<(), decentwork_model::ParseError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Jurisdiction {
    country: Country,
    subdivision: Option<Subdivision>,
}

impl Jurisdiction {
    /// Parses `CC` or `CC-XXX`.
    ///
    /// # Errors
    ///
    /// As [`Country::new`] or [`Subdivision::new`].
    pub fn new(code: &str) -> Result<Self, ParseError> {
        if code.len() > 2 {
            Subdivision::new(code).map(Self::from)
        } else {
            Country::new(code).map(Self::from)
        }
    }

    /// The country.
    #[must_use]
    pub fn country(self) -> Country {
        self.country
    }

    /// The subdivision, if the jurisdiction is below the national level.
    #[must_use]
    pub fn subdivision(self) -> Option<Subdivision> {
        self.subdivision
    }

    /// The jurisdictions whose law applies, most general first: the country,
    /// then the subdivision if any.
    pub fn levels(self) -> impl Iterator<Item = Jurisdiction> {
        std::iter::once(Jurisdiction::from(self.country))
            .chain(self.subdivision.map(Jurisdiction::from))
    }
}

impl From<Country> for Jurisdiction {
    fn from(country: Country) -> Self {
        Self {
            country,
            subdivision: None,
        }
    }
}

impl From<Subdivision> for Jurisdiction {
    fn from(subdivision: Subdivision) -> Self {
        Self {
            country: subdivision.country(),
            subdivision: Some(subdivision),
        }
    }
}

macro_rules! text_impls {
    ($name:ident, $what:literal, $pattern:literal, |$s:ident, $f:ident| $display:expr) => {
        impl std::str::FromStr for $name {
            type Err = ParseError;
            fn from_str(text: &str) -> Result<Self, ParseError> {
                Self::new(text)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, $f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let $s = self;
                $display
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({self})", stringify!($name))
            }
        }

        crate::id::string_serde!($name, $what, $pattern, 6);
    };
}

text_impls!(
    Country,
    "ISO 3166-1 alpha-2 country code",
    "^[A-Z]{2}$",
    |s, f| f.write_str(s.code())
);
text_impls!(
    Subdivision,
    "ISO 3166-2 subdivision code",
    "^[A-Z]{2}-[A-Z0-9]{1,3}$",
    |s, f| f.write_str(s.code())
);
text_impls!(
    Jurisdiction,
    "jurisdiction: ISO 3166-1 alpha-2 or ISO 3166-2 code",
    "^[A-Z]{2}(-[A-Z0-9]{1,3})?$",
    |s, f| match s.subdivision {
        Some(sub) => f.write_str(sub.code()),
        None => f.write_str(s.country.code()),
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_match_table() {
        for (country, code) in Country::PROGRAMME.iter().zip([
            "BD", "EG", "ET", "HT", "ID", "JO", "KH", "LK", "MG", "NI", "PK", "VN",
        ]) {
            assert_eq!(country.code(), code);
            assert_eq!(Country::new(code).unwrap(), *country);
        }
        assert_eq!(Country::all().count(), COUNTRIES.len());
    }

    #[test]
    fn every_table_row_round_trips() {
        for country in Country::all() {
            assert_eq!(country.code().parse::<Country>().unwrap(), country);
        }
        for (code, _, _) in SUBDIVISIONS {
            let sub: Subdivision = code.parse().unwrap();
            assert_eq!(sub.code(), code);
            assert_eq!(sub.country().code(), &code[..2]);
            assert_eq!(code.parse::<Jurisdiction>().unwrap().to_string(), code);
        }
    }

    #[test]
    fn subdivisions_of_a_country() {
        let pk: Vec<&str> = Country::PK.subdivisions().map(Subdivision::code).collect();
        assert!(pk.contains(&"PK-SD") && pk.contains(&"PK-PB"));
        assert!(pk.iter().all(|c| c.starts_with("PK-")));
    }

    #[test]
    fn errors() {
        assert!(matches!(
            Country::new("vn"),
            Err(ParseError::Malformed { .. })
        ));
        assert!(matches!(
            Country::new("ZZ"),
            Err(ParseError::Unassigned { .. })
        ));
        assert!(matches!(
            Subdivision::new("PK-ZZ"),
            Err(ParseError::Unassigned { .. })
        ));
        assert!(matches!(
            Subdivision::new("PK_SD"),
            Err(ParseError::Malformed { .. })
        ));
        assert!(matches!(
            Jurisdiction::new(""),
            Err(ParseError::Malformed { .. })
        ));
        assert!(matches!(
            Jurisdiction::new("PKSD"),
            Err(ParseError::Malformed { .. })
        ));
    }
}
