//! What a source may be called, and what "verified" needs.
//!
//! `official` is the text of the body that makes or registers the fact: a
//! gazette, a ministry or parliament, the ILO's NORMLEX and NATLEX (and its
//! other legal databases) for law and ratifications, the ILO for its own
//! instruments, Better Work for its own tool. Everything else is `secondary`.
//! A record is `verified` only on an official source, or on a secondary
//! source and at least one more (`also`) that agrees with it.

use super::Problems;

/// Hosts that are never an official text: blogs, wikis, translation and
/// document-sharing copies. A record may cite them, as `secondary`.
const NEVER_OFFICIAL: &[&str] = &[
    "blogspot.",
    "wordpress.com",
    "scribd.com",
    "studylib.",
    "docslib.",
    "paperzz.",
    "pdfslide.",
    "documents.pub",
    "123dok.",
    "slideshare.",
    "sites.google.com",
    "wikipedia.org",
    "wikimili.",
    "cryer.org.uk",
    "medium.com",
    "github.com",
];

pub(crate) const KINDS: &[&str] = &["official", "secondary"];

/// The host of a URL, lower-cased; empty for a citation that is not a URL.
fn host(source: &str) -> String {
    let lower = source.trim().to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return String::new();
    };
    rest.split(['/', '?', '#', ' '])
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Whether `source` is on a host that is never an official text.
pub(crate) fn never_official(source: &str) -> bool {
    let lower = source.to_ascii_lowercase();
    let host = host(source);
    NEVER_OFFICIAL
        .iter()
        .any(|pattern| host.contains(pattern) || (host.is_empty() && lower.contains(pattern)))
}

/// The source rules for one record.
pub(crate) fn check(
    p: &mut Problems,
    what: &str,
    source: &str,
    kind: &str,
    also: &[String],
    status: &str,
) {
    p.check(KINDS.contains(&kind), || {
        format!("{what}: source_kind {kind:?} is neither official nor secondary")
    });
    p.check(kind != "official" || !never_official(source), || {
        format!(
            "{what}: {source:?} is a blog, wiki or document-sharing copy, never an official text: source_kind must be secondary"
        )
    });
    p.check(
        status != "verified" || kind == "official" || !also.is_empty(),
        || {
            format!(
                "{what}: verified on a single secondary source; cite an official text, add an agreeing independent source under `also`, or mark it unverified"
            )
        },
    );
    for other in also {
        p.check(
            other.trim() != source.trim() && !other.trim().is_empty(),
            || format!("{what}: `also` must name another source than {source:?}"),
        );
    }
    let mut hosts: Vec<String> = std::iter::once(source)
        .chain(also.iter().map(String::as_str))
        .map(host)
        .filter(|h| !h.is_empty())
        .collect();
    let count = hosts.len();
    hosts.sort();
    hosts.dedup();
    p.check(
        status != "verified" || kind == "official" || hosts.len() == count,
        || format!("{what}: its secondary sources must be independent (two pages of one site count once)"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(source: &str, kind: &str, also: &[&str], status: &str) -> Vec<String> {
        let mut p = Problems::default();
        let also: Vec<String> = also.iter().map(|s| (*s).to_owned()).collect();
        check(&mut p, "record", source, kind, &also, status);
        p.0
    }

    #[test]
    fn verified_needs_an_official_text_or_two_sources() {
        let firm = "https://lawfornations.com/service/criminal-case/";
        let gazette = "http://bdlaws.minlaw.gov.bd/act-print-952/section-print-43726.html";
        assert!(problems(gazette, "official", &[], "verified").is_empty());
        assert!(problems(firm, "secondary", &[], "unverified").is_empty());
        let single = problems(firm, "secondary", &[], "verified");
        assert!(single[0].contains("single secondary source"), "{single:?}");
        let two = problems(
            firm,
            "secondary",
            &["https://www.thedailystar.net/x"],
            "verified",
        );
        assert!(two.is_empty(), "{two:?}");
        let same_site = problems(
            firm,
            "secondary",
            &["https://lawfornations.com/other"],
            "verified",
        );
        assert!(same_site[0].contains("independent"), "{same_site:?}");
    }

    #[test]
    fn copies_and_blogs_are_never_official() {
        for source in [
            "https://www.scribd.com/document/1/labour-code",
            "https://studylib.net/doc/2/labour-proclamation",
            "https://example.blogspot.com/2020/01/post.html",
        ] {
            let found = problems(source, "official", &[], "verified");
            assert!(found[0].contains("never an official text"), "{found:?}");
        }
        let kind = problems("https://normlex.ilo.org/x", "gazette", &[], "verified");
        assert!(
            kind[0].contains("neither official nor secondary"),
            "{kind:?}"
        );
    }
}
