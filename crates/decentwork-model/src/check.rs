//! Small checks shared by the record validations, and the macro that turns a
//! plain "fields" struct into a type that can only hold checked values.

use chrono::NaiveDate;

use crate::ValidationError;

/// Longest name (factory, brand, committee…): the Open Supply Hub limit.
pub const MAX_NAME: usize = 200;
/// Longest short label (sector, product type, position, training module…).
pub const MAX_LABEL: usize = 100;
/// Longest free text (address, evidence note, action).
pub const MAX_TEXT: usize = 10_000;
/// Longest list inside one record (findings, members, meetings…).
pub const MAX_ITEMS: usize = 100_000;

/// A text that must not be blank and must not exceed `max` characters.
pub(crate) fn text(field: &str, value: &str, max: usize) -> Result<(), ValidationError> {
    if value.trim().is_empty() {
        return Err(ValidationError::Empty {
            field: field.to_owned(),
        });
    }
    optional_text(field, Some(value), max)
}

/// Like [`text`] for an optional text: absent is fine, present must be non-blank.
pub(crate) fn optional_text(
    field: &str,
    value: Option<&str>,
    max: usize,
) -> Result<(), ValidationError> {
    let Some(value) = value else { return Ok(()) };
    if value.trim().is_empty() {
        return Err(ValidationError::Empty {
            field: field.to_owned(),
        });
    }
    let len = value.chars().count();
    if len > max {
        return Err(ValidationError::TooLong {
            field: field.to_owned(),
            len,
            max,
            start: value.chars().take(20).collect(),
        });
    }
    Ok(())
}

/// A list of labels: each a [`text`] of at most `max` characters, none twice.
pub(crate) fn labels(field: &str, values: &[String], max: usize) -> Result<(), ValidationError> {
    items(field, values.len())?;
    for (i, value) in values.iter().enumerate() {
        text(&format!("{field}[{i}]"), value, max)?;
    }
    unique(field, values.iter().map(String::as_str))
}

/// A list no longer than [`MAX_ITEMS`].
pub(crate) fn items(field: &str, len: usize) -> Result<(), ValidationError> {
    if len > MAX_ITEMS {
        return Err(ValidationError::TooMany {
            field: field.to_owned(),
            len,
            max: MAX_ITEMS,
        });
    }
    Ok(())
}

/// No value appears twice; names the position of the second occurrence.
pub(crate) fn unique<T: Ord + std::fmt::Display>(
    field: &str,
    values: impl IntoIterator<Item = T>,
) -> Result<(), ValidationError> {
    let mut seen = std::collections::BTreeSet::new();
    for (i, value) in values.into_iter().enumerate() {
        let shown = value.to_string();
        if !seen.insert(value) {
            return Err(ValidationError::Duplicate {
                field: format!("{field}[{i}]"),
                value: shown,
            });
        }
    }
    Ok(())
}

/// `earlier <= later`.
pub(crate) fn ordered(
    earlier_field: &str,
    earlier: NaiveDate,
    later_field: &str,
    later: NaiveDate,
) -> Result<(), ValidationError> {
    if later < earlier {
        return Err(ValidationError::DatesOutOfOrder {
            earlier_field: earlier_field.to_owned(),
            earlier,
            later_field: later_field.to_owned(),
            later,
        });
    }
    Ok(())
}

/// `value <= limit`, for a count that is part of another.
pub(crate) fn at_most(
    field: &str,
    value: u32,
    limit_field: &str,
    limit: u32,
) -> Result<(), ValidationError> {
    if value > limit {
        return Err(ValidationError::Exceeds {
            field: field.to_owned(),
            value: value.into(),
            limit_field: limit_field.to_owned(),
            limit: limit.into(),
        });
    }
    Ok(())
}

/// Checks a record's fields. Implemented by every `*Fields` struct that a
/// [`validated!`] type wraps.
pub(crate) trait Validate {
    fn validate(&self) -> Result<(), ValidationError>;
}

/// Declares a type that wraps a `*Fields` struct and can only hold fields that
/// passed [`Validate::validate`]: construction, `TryFrom` and deserialisation all
/// go through the same check. It derefs to the fields for reading.
macro_rules! validated {
    ($(#[$attr:meta])* $name:ident($fields:ident)) => {
        $(#[$attr])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name($fields);

        impl $name {
            /// Checks `fields` and wraps them.
            ///
            /// # Errors
            ///
            /// The first rule the fields break, naming the field and its value.
            pub fn new(fields: $fields) -> Result<Self, $crate::ValidationError> {
                $crate::check::Validate::validate(&fields)?;
                Ok(Self(fields))
            }

            /// The checked fields.
            #[must_use]
            pub fn fields(&self) -> &$fields {
                &self.0
            }

            /// Gives the fields back, e.g. to change them and check them again.
            #[must_use]
            pub fn into_fields(self) -> $fields {
                self.0
            }
        }

        impl ::core::ops::Deref for $name {
            type Target = $fields;
            fn deref(&self) -> &$fields {
                &self.0
            }
        }

        impl ::core::convert::TryFrom<$fields> for $name {
            type Error = $crate::ValidationError;
            fn try_from(fields: $fields) -> Result<Self, Self::Error> {
                Self::new(fields)
            }
        }

        impl ::core::convert::From<$name> for $fields {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        #[cfg(feature = "serde")]
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                ::serde::Serialize::serialize(&self.0, serializer)
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let fields = <$fields as ::serde::Deserialize>::deserialize(deserializer)?;
                Self::new(fields).map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }

        #[cfg(feature = "schema")]
        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(generator: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                <$fields as ::schemars::JsonSchema>::json_schema(generator)
            }
        }
    };
}
pub(crate) use validated;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_rules() {
        assert!(text("name", "Ok", 5).is_ok());
        assert_eq!(
            text("name", "  ", 5),
            Err(ValidationError::Empty {
                field: "name".into()
            })
        );
        assert!(matches!(
            text("name", "abcdef", 5),
            Err(ValidationError::TooLong { len: 6, max: 5, .. })
        ));
        assert!(optional_text("note", None, 5).is_ok());
    }

    #[test]
    fn unique_names_second_occurrence() {
        let err = unique("ids", ["a", "b", "a"]).unwrap_err();
        assert_eq!(
            err,
            ValidationError::Duplicate {
                field: "ids[2]".into(),
                value: "a".into()
            }
        );
    }
}
