//! The Open Supply Hub facility identifier.

use crate::{Country, ParseError};

/// Crockford base-32 symbols, in value order (no I, L, O, U).
const BASE32: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

const WHAT: &str = "OS ID";

/// An Open Supply Hub (formerly Open Apparel Registry) facility ID: 15 characters,
/// an ISO 3166-1 alpha-2 country code, 7 digits (year and day of year of
/// creation), 5 Crockford base-32 characters and a check character.
///
/// The check character is the base-32 symbol of (the ASCII codes of the two
/// country letters + the base-32 values of the next 12 characters) mod 32.
///
/// [`OsId::new`] (and `FromStr`) accept the canonical form only; [`OsId::parse_lax`]
/// also accepts lower case, spaces and hyphens, as Open Supply Hub does.
///
/// ```
/// use decentwork_model::{OsId, ParseError};
///
/// let id: OsId = "VN2019085P645QS".parse()?;
/// assert_eq!(id.to_string(), "VN2019085P645QS");
/// assert_eq!(id.country().map(|c| c.code()), Some("VN"));
/// assert_eq!(OsId::parse_lax("vn-2019085-p645q-s")?, id);
/// assert!(matches!(
///     "VN2019085P645QT".parse::<OsId>(),
///     Err(ParseError::CheckCharacter { expected: 'S', found: 'T', .. })
/// ));
/// # Ok::<(), ParseError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OsId([u8; 15]);

impl OsId {
    /// Parses the canonical 15-character form.
    ///
    /// # Errors
    ///
    /// [`ParseError`] naming the first problem: length, a character out of place,
    /// or a check character that does not match.
    pub fn new(text: &str) -> Result<Self, ParseError> {
        let len = text.chars().count();
        if len != 15 {
            return Err(ParseError::Malformed {
                what: WHAT,
                value: text.to_owned(),
                expected: "15 characters: 2 country letters, 7 digits, 5 base-32 characters, 1 check character",
            });
        }
        let mut bytes = [0_u8; 15];
        for ((position, ch), slot) in text.chars().enumerate().zip(bytes.iter_mut()) {
            let (ok, allowed) = match position {
                0 | 1 => (
                    ch.is_ascii_uppercase(),
                    "an upper-case letter of the country code",
                ),
                2..=8 => (ch.is_ascii_digit(), "a digit"),
                _ => (
                    u8::try_from(ch).is_ok_and(|b| BASE32.contains(&b)),
                    "an upper-case Crockford base-32 character (0-9, A-Z without I, L, O, U)",
                ),
            };
            match u8::try_from(ch).ok().filter(|_| ok) {
                Some(byte) => *slot = byte,
                None => {
                    return Err(ParseError::InvalidCharacter {
                        what: WHAT,
                        value: text.to_owned(),
                        ch,
                        position,
                        allowed,
                    });
                }
            }
        }
        let expected = check_character(&bytes);
        let found = bytes
            .last()
            .map_or(char::REPLACEMENT_CHARACTER, |&b| char::from(b));
        if expected != found {
            return Err(ParseError::CheckCharacter {
                value: text.to_owned(),
                expected,
                found,
            });
        }
        Ok(Self(bytes))
    }

    /// Parses leniently: drops spaces and hyphens and upper-cases letters first.
    ///
    /// # Errors
    ///
    /// As [`OsId::new`], on the cleaned text.
    pub fn parse_lax(text: &str) -> Result<Self, ParseError> {
        let cleaned: String = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '-'))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        Self::new(&cleaned)
    }

    /// The canonical text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The country of the code's first two letters, if it is an assigned
    /// ISO 3166-1 code (Open Supply Hub does not require one).
    #[must_use]
    pub fn country(&self) -> Option<Country> {
        self.as_str().get(..2).and_then(|code| code.parse().ok())
    }
}

/// The check character for the first 14 bytes of `id`.
fn check_character(id: &[u8; 15]) -> char {
    let mut sum: u32 = 0;
    for (position, &byte) in id.iter().take(14).enumerate() {
        sum += if position < 2 {
            u32::from(byte)
        } else {
            BASE32
                .iter()
                .position(|&s| s == byte)
                .and_then(|v| u32::try_from(v).ok())
                .unwrap_or(0)
        };
    }
    BASE32
        .get(usize::try_from(sum % 32).unwrap_or(0))
        .map_or('0', |&symbol| char::from(symbol))
}

impl std::str::FromStr for OsId {
    type Err = ParseError;
    fn from_str(text: &str) -> Result<Self, ParseError> {
        Self::new(text)
    }
}

impl std::fmt::Display for OsId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for OsId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "OsId({:?})", self.as_str())
    }
}

crate::id::string_serde!(
    OsId,
    "Open Supply Hub ID",
    "^[A-Z]{2}[0-9]{7}[0-9A-HJKMNP-TV-Z]{6}$",
    15
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_ids_validate() {
        // IDs quoted in Open Apparel Registry issues #924 and #1124.
        for id in ["VN2019085P645QS", "CN2020076RRKQYT"] {
            assert_eq!(OsId::new(id).unwrap().as_str(), id);
        }
    }

    #[test]
    fn docstring_example_has_wrong_check_character() {
        // The Open Supply Hub source's illustrative "IN2019067X1K87E" computes to G.
        assert!(matches!(
            OsId::new("IN2019067X1K87E"),
            Err(ParseError::CheckCharacter {
                expected: 'G',
                found: 'E',
                ..
            })
        ));
        assert!(OsId::new("IN2019067X1K87G").is_ok());
    }

    #[test]
    fn invalid_forms() {
        let bad = |s: &str| OsId::new(s).unwrap_err();
        assert!(matches!(
            bad("VN2019085P645Q"),
            ParseError::Malformed { .. }
        ));
        assert!(matches!(
            bad("VN2019085P645QSX"),
            ParseError::Malformed { .. }
        ));
        assert!(matches!(
            bad("vN2019085P645QS"),
            ParseError::InvalidCharacter { position: 0, .. }
        ));
        assert!(matches!(
            bad("VN20190A5P645QS"),
            ParseError::InvalidCharacter { position: 7, .. }
        ));
        assert!(matches!(
            bad("VN2019085PI45QS"),
            ParseError::InvalidCharacter {
                ch: 'I',
                position: 10,
                ..
            }
        ));
        assert!(matches!(
            bad("VN2019085P645QU"),
            ParseError::InvalidCharacter {
                ch: 'U',
                position: 14,
                ..
            }
        ));
        assert!(matches!(
            bad("VN2019085P645Qé"),
            ParseError::InvalidCharacter { ch: 'é', .. }
        ));
        assert!(
            matches!(OsId::parse_lax("vn 2019085 p645qs"), Ok(id) if id.as_str() == "VN2019085P645QS")
        );
    }

    #[test]
    fn unassigned_country_prefix_is_accepted_but_has_no_country() {
        // "XK" is used for Kosovo but is not an ISO 3166-1 assignment.
        let mut bytes = *b"XK2021001ABCDE0";
        bytes[14] = u8::try_from(check_character(&bytes)).unwrap();
        let id = OsId::new(std::str::from_utf8(&bytes).unwrap()).unwrap();
        assert_eq!(id.country(), None);
    }
}
