//! Identifiers: short ASCII codes kept inline, so they are `Copy` and cheap to
//! compare, hash and sort.
//!
//! This crate checks only their shape. Which questions or compliance points exist
//! is the catalogue's business; which factories exist is the caller's.

use crate::ParseError;

/// What an identifier may contain, in words (used in error messages).
const ALLOWED: &str =
    "allowed: ASCII letters and digits, '-', '_', '.'; the first must be a letter or digit";

/// ASCII bytes stored inline, padded with zeros. Zero never appears in a valid
/// identifier, so comparing the whole arrays compares the strings.
#[derive(Clone, Copy, Eq, PartialOrd, Ord)]
struct Inline<const N: usize> {
    bytes: [u8; N],
    len: u8,
}

/// Equal when the lengths and the words holding the used bytes are: the
/// padding is zero in both (the derived comparison of the whole arrays is a
/// call to `memcmp` for every pair, and readers compare an identifier with
/// the previous row's on every row).
impl<const N: usize> PartialEq for Inline<N> {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        let word = |chunk: &[u8]| {
            let mut word = [0_u8; 8];
            word.iter_mut().zip(chunk).for_each(|(w, &b)| *w = b);
            u64::from_le_bytes(word)
        };
        self.len == other.len
            && self
                .bytes
                .chunks(8)
                .zip(other.bytes.chunks(8))
                .take(usize::from(self.len).div_ceil(8))
                .all(|(a, b)| word(a) == word(b))
    }
}

/// Hashes what the derived `Hash` would (the bytes, then the length):
/// equal identifiers have equal bytes.
impl<const N: usize> std::hash::Hash for Inline<N> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.bytes.hash(state);
        self.len.hash(state);
    }
}

impl<const N: usize> Inline<N> {
    fn parse(what: &'static str, text: &str) -> Result<Self, ParseError> {
        if text.is_empty() {
            return Err(ParseError::Empty { what });
        }
        let len = text.chars().count();
        if len > N {
            return Err(ParseError::TooLong {
                what,
                value: text.to_owned(),
                len,
                max: N,
            });
        }
        let mut bytes = [0_u8; N];
        for (position, ch) in text.chars().enumerate() {
            let ok = ch.is_ascii_alphanumeric() || (position > 0 && matches!(ch, '-' | '_' | '.'));
            let byte = u8::try_from(ch).ok().filter(|_| ok);
            match (byte, bytes.get_mut(position)) {
                (Some(byte), Some(slot)) => *slot = byte,
                _ => {
                    return Err(ParseError::InvalidCharacter {
                        what,
                        value: text.to_owned(),
                        ch,
                        position,
                        allowed: ALLOWED,
                    });
                }
            }
        }
        // `len <= N <= 255` for every identifier below.
        let len = u8::try_from(len).map_err(|_| ParseError::TooLong {
            what,
            value: text.to_owned(),
            len,
            max: N,
        })?;
        Ok(Self { bytes, len })
    }

    fn as_str(&self) -> &str {
        let used = self.bytes.get(..usize::from(self.len)).unwrap_or_default();
        // Only ASCII is ever stored, so this cannot fail.
        std::str::from_utf8(used).unwrap_or_default()
    }
}

macro_rules! identifier {
    ($(#[$doc:meta])* $name:ident, $what:literal, $max:literal, $example:literal) => {
        $(#[$doc])*
        ///
        /// At most
        #[doc = concat!(stringify!($max))]
        /// ASCII letters, digits, `-`, `_` and `.`, starting with a letter or digit.
        /// Parsing and [`Display`](std::fmt::Display) round-trip.
        ///
        /// ```
        #[doc = concat!("use decentwork_model::", stringify!($name), ";")]
        ///
        #[doc = concat!("let id: ", stringify!($name), " = \"", $example, "\".parse()?;")]
        #[doc = concat!("assert_eq!(id.to_string(), \"", $example, "\");")]
        #[doc = concat!("assert!(\"\".parse::<", stringify!($name), ">().is_err());")]
        /// # Ok::<(), decentwork_model::ParseError>(())
        /// ```
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Inline<$max>);

        impl $name {
            /// The longest identifier accepted, in characters.
            pub const MAX_LEN: usize = $max;

            /// Parses and checks an identifier.
            ///
            /// # Errors
            ///
            /// [`ParseError`] when `text` is empty, too long or holds a character
            /// that is not allowed.
            pub fn new(text: &str) -> Result<Self, ParseError> {
                Inline::parse($what, text).map(Self)
            }

            /// The identifier as text.
            #[must_use]
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }
        }

        impl std::str::FromStr for $name {
            type Err = ParseError;
            fn from_str(text: &str) -> Result<Self, ParseError> {
                Self::new(text)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = ParseError;
            fn try_from(text: &str) -> Result<Self, ParseError> {
                Self::new(text)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.as_str())
            }
        }

        crate::id::string_serde!($name, $what, "^[A-Za-z0-9][A-Za-z0-9._-]*$", $max);
    };
}

/// Serialises a type as its `Display` text and deserialises it through `FromStr`,
/// with a JSON Schema of a string.
macro_rules! string_serde {
    ($name:ident, $what:literal, $pattern:literal, $max:expr) => {
        #[cfg(feature = "serde")]
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl serde::de::Visitor<'_> for Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("a ", $what, " as a string"))
                    }
                    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<$name, E> {
                        text.parse().map_err(E::custom)
                    }
                }
                deserializer.deserialize_str(Visitor)
            }
        }

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "description": concat!("A ", $what, "."),
                    "pattern": $pattern,
                    "maxLength": $max
                })
            }
        }
    };
}
pub(crate) use string_serde;

identifier!(
    /// A factory (enterprise) identifier, e.g. a programme's own factory number.
    FactoryId, "factory ID", 64, "BD-0042"
);
identifier!(
    /// A brand or retailer identifier.
    BrandId, "brand ID", 64, "brand-17"
);
identifier!(
    /// One assessment (one visit of one factory), as `Quest.ID` in an export.
    AssessmentId, "assessment ID", 64, "A2024-0193"
);
identifier!(
    /// A committee of one factory.
    CommitteeId, "committee ID", 64, "picc-1"
);
identifier!(
    /// A question of an assessment tool. Only the shape is checked here: the
    /// catalogue decides which questions exist.
    QuestionId, "question ID", 32, "CL.CHL.01"
);
identifier!(
    /// A compliance point of an assessment tool. Only the shape is checked here:
    /// the catalogue decides which compliance points exist.
    CompliancePointId, "compliance point ID", 32, "CL.CHL"
);
identifier!(
    /// A pseudonymous reference to a person (a worker, a committee member, a
    /// participant): never a name. No space is allowed, which keeps most names out.
    WorkerRef, "worker reference", 32, "w-8f3a21"
);
identifier!(
    /// A pseudonymous reference to an assessor or enterprise advisor.
    AssessorId, "assessor ID", 32, "ea-07"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_rules() {
        assert_eq!(FactoryId::new("F-1.a_b").unwrap().as_str(), "F-1.a_b");
        assert!(matches!(
            FactoryId::new("-F1"),
            Err(ParseError::InvalidCharacter {
                ch: '-',
                position: 0,
                ..
            })
        ));
        assert!(matches!(
            FactoryId::new("F1 "),
            Err(ParseError::InvalidCharacter { position: 2, .. })
        ));
        assert!(matches!(
            WorkerRef::new("Nguyen Van A"),
            Err(ParseError::InvalidCharacter { ch: ' ', .. })
        ));
        assert!(matches!(
            FactoryId::new("é"),
            Err(ParseError::InvalidCharacter { ch: 'é', .. })
        ));
        let long = "a".repeat(65);
        assert!(matches!(
            FactoryId::new(&long),
            Err(ParseError::TooLong {
                len: 65,
                max: 64,
                ..
            })
        ));
        assert!(FactoryId::new(&long[..64]).is_ok());
        assert_eq!(
            format!("{:?}", QuestionId::new("Q1").unwrap()),
            "QuestionId(\"Q1\")"
        );
    }

    #[test]
    fn order_is_string_order() {
        let mut ids: Vec<FactoryId> = ["b", "ab", "a", "abc", "B"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        ids.sort();
        let texts: Vec<&str> = ids.iter().map(FactoryId::as_str).collect();
        assert_eq!(texts, ["B", "a", "ab", "abc", "b"]);
    }

    proptest::proptest! {
        /// Identifiers are equal, hash equal and order equal exactly when
        /// their texts are: lengths around the word size and the limit, and
        /// texts differing only in their last byte.
        #[test]
        fn equality_is_string_equality(
            a in "[a-c][a-c0-9]{0,20}",
            b in "[a-c][a-c0-9]{0,20}",
            tail in "[a-c0-9]{0,42}",
        ) {
            use std::hash::BuildHasher;
            let hash = std::collections::hash_map::RandomState::new();
            for (a, b) in [
                (a.clone(), b.clone()),
                (a.clone(), a.clone()),
                (format!("{a}{tail}"), format!("{a}{tail}")),
                (format!("{a}{tail}x"), format!("{a}{tail}y")),
                (format!("{a}{tail}"), format!("{a}{tail}0")),
            ] {
                let (x, y) = (FactoryId::new(&a).unwrap(), FactoryId::new(&b).unwrap());
                proptest::prop_assert_eq!(x == y, a == b);
                proptest::prop_assert_eq!(x.cmp(&y), a.cmp(&b));
                if a == b {
                    proptest::prop_assert_eq!(hash.hash_one(x), hash.hash_one(y));
                }
                let (x, y) = (QuestionId::new(&a), QuestionId::new(&b));
                if let (Ok(x), Ok(y)) = (x, y) {
                    proptest::prop_assert_eq!(x == y, a == b);
                }
            }
        }
    }
}
