//! Country names as they appear in exports.

use decentwork_model::Country;

/// Names used for programme countries that differ from the ISO 3166 short name.
const ALIASES: &[(&str, Country)] = &[
    ("vietnam", Country::VN),
    ("viet nam", Country::VN),
    ("bangladesh", Country::BD),
    ("cambodia", Country::KH),
    ("egypt", Country::EG),
    ("ethiopia", Country::ET),
    ("haiti", Country::HT),
    ("indonesia", Country::ID),
    ("jordan", Country::JO),
    ("nicaragua", Country::NI),
    ("pakistan", Country::PK),
    ("sri lanka", Country::LK),
    ("madagascar", Country::MG),
];

/// The country a name or code stands for: an ISO 3166-1 alpha-2 code, an ISO
/// short name, or a common name of a programme country (`Vietnam`), ignoring
/// case and spacing.
///
/// ```
/// use decentwork_io::country_from_name;
/// use decentwork_model::Country;
///
/// assert_eq!(country_from_name("Vietnam"), Some(Country::VN));
/// assert_eq!(country_from_name(" kh "), Some(Country::KH));
/// assert_eq!(country_from_name("Lesotho").map(|c| c.code()), Some("LS"));
/// assert_eq!(country_from_name("Atlantis"), None);
/// ```
#[must_use]
pub fn country_from_name(text: &str) -> Option<Country> {
    let folded = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    if folded.len() == 2 {
        return Country::parse_lax(&folded).ok();
    }
    ALIASES
        .iter()
        .find(|(name, _)| *name == folded)
        .map(|(_, c)| *c)
        .or_else(|| Country::all().find(|c| c.name().to_lowercase() == folded))
}
