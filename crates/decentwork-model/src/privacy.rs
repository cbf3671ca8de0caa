//! Worker references in free text: a report may print a name, a topic or an
//! ID the bundle gives, but never a person's reference.

use std::collections::HashSet;

use crate::WorkerRef;

/// The worker references a bundle or a set of records knows, to find them in
/// free text before it reaches a report.
///
/// A reference is found where it stands as a word of the text: a run of the
/// characters a reference may hold (ASCII letters and digits, `-`, `_`, `.`),
/// compared without regard to case and without a trailing `.`, `-` or `_` (the
/// end of a sentence). So "follow-up with w-0003." names `w-0003`, and
/// "picc-1" does not name `picc`.
///
/// ```
/// use decentwork_model::KnownPeople;
///
/// let people = KnownPeople::new(["w-0003".parse()?, "m-1".parse()?]);
/// assert_eq!(people.named_in("Wages of W-0003.").map(|r| r.to_string()), Some("w-0003".into()));
/// assert_eq!(people.named_in("Canteen prices; m-10 and m-1x"), None);
/// # Ok::<(), decentwork_model::ParseError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct KnownPeople {
    /// Lower-case references, and the reference as given.
    refs: HashSet<String>,
    originals: Vec<WorkerRef>,
}

impl KnownPeople {
    /// The people of `references` (repeats are kept once).
    pub fn new(references: impl IntoIterator<Item = WorkerRef>) -> Self {
        let mut people = KnownPeople::default();
        for r in references {
            if people.refs.insert(r.as_str().to_ascii_lowercase()) {
                people.originals.push(r);
            }
        }
        people
    }

    /// Whether no reference is known.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.refs.is_empty()
    }

    /// The first known reference that stands as a word of `text`.
    #[must_use]
    pub fn named_in(&self, text: &str) -> Option<WorkerRef> {
        if self.refs.is_empty() {
            return None;
        }
        let word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
        text.split(|c: char| !word(c))
            .filter(|w| !w.is_empty())
            .find_map(|w| {
                let lower = w.to_ascii_lowercase();
                let bare = lower.trim_end_matches(['.', '-', '_']);
                [lower.as_str(), bare]
                    .into_iter()
                    .find(|candidate| self.refs.contains(*candidate))
                    .and_then(|found| {
                        self.originals
                            .iter()
                            .find(|r| r.as_str().eq_ignore_ascii_case(found))
                            .copied()
                    })
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(refs: &[&str]) -> KnownPeople {
        KnownPeople::new(refs.iter().map(|r| r.parse().unwrap()))
    }

    #[test]
    fn a_reference_is_found_as_a_word() {
        let p = people(&["w-0003", "a"]);
        for text in [
            "w-0003",
            "Overtime of w-0003.",
            "(W-0003)",
            "ref:w-0003/other",
            "Speak to a supervisor",
        ] {
            assert!(p.named_in(text).is_some(), "{text}");
        }
        // A word that ends in `.`, `-` or `_` names the reference before them.
        assert_eq!(
            people(&["c"]).named_in("c_").map(|r| r.to_string()),
            Some("c".into())
        );
        assert_eq!(
            people(&["c"]).named_in("c-").map(|r| r.to_string()),
            Some("c".into())
        );
        assert!(people(&["c"]).named_in("_c c1 cc").is_none());
        for text in ["w-00031", "xw-0003", "w-0003x", "Canteen", "A-line"] {
            assert!(p.named_in(text).is_none(), "{text}");
        }
        assert!(people(&[]).named_in("w-0003").is_none());
    }
}
