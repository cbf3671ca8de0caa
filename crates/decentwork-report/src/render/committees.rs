//! The committees the law requires, as the factory assessment, progress and
//! evidence check reports show them: one view for the templates
//! (`committees.html`) and one Markdown writer.

use super::markdown::{Doc, Item, Span};
use super::words::{self, Badge};
use crate::types::{CommitteeRequirementLine, CommitteeSection, LawLine};

/// A legal value with its basis and status: "2 hours (Bangladesh Labour Act
/// 2006, s.100 proviso; unverified)".
pub(crate) fn cite(law: &LawLine) -> String {
    cite_as(law, &law.value)
}

/// `law` cited with `shown` in place of its bare value (e.g. "From 50
/// workers"): the scope, the legal basis and the status follow.
fn cite_as(law: &LawLine, shown: &str) -> String {
    let scope = if law.scope.is_empty() {
        String::new()
    } else {
        format!(" for {}", law.scope.join(", "))
    };
    format!(
        "{shown}{scope} ({}; {})",
        law.legal_basis,
        words::verified(law.verified)
    )
}

/// One rule of a required committee, for a page.
pub(crate) struct RuleRow {
    pub(crate) rule: &'static str,
    pub(crate) observed: String,
    pub(crate) law: String,
    pub(crate) badge: Badge,
}

/// One requirement, for a page.
pub(crate) struct RequirementRow {
    pub(crate) name: &'static str,
    pub(crate) threshold: String,
    pub(crate) requirement: &'static str,
    pub(crate) badge: Badge,
    pub(crate) committees: String,
    pub(crate) rules: Vec<RuleRow>,
    pub(crate) note: Option<String>,
}

/// The section, for a page.
pub(crate) struct CommitteeView {
    pub(crate) intro: String,
    pub(crate) no_law_data: Option<String>,
    pub(crate) rows: Vec<RequirementRow>,
    pub(crate) empty: Option<&'static str>,
}

fn name(r: &CommitteeRequirementLine) -> &'static str {
    r.kind.map_or(
        "Worker representatives (not a committee)",
        words::committee_kind,
    )
}

fn intro(section: &CommitteeSection) -> String {
    match section.workers {
        Some(n) => format!(
            "On {}, with {} on record, by the thresholds and rules the catalogue holds for the factory's jurisdiction.",
            section.on,
            words::count(n.into(), "worker", "workers")
        ),
        None => format!(
            "On {}; the factory's workforce on that date is not on record, so no threshold can be applied.",
            section.on
        ),
    }
}

const EMPTY: &str = "The catalogue records no committee threshold for the factory's jurisdiction.";

/// The page view of `section`.
pub(crate) fn view(section: &CommitteeSection) -> CommitteeView {
    let rows = section
        .requirements
        .iter()
        .map(|r| RequirementRow {
            name: name(r),
            threshold: cite_as(&r.threshold, &format!("From {} workers", r.threshold.value)),
            requirement: words::requirement(r.requirement),
            badge: words::met_badge(r.met),
            committees: if r.committees.is_empty() {
                "none on record".to_owned()
            } else {
                r.committees.join(", ")
            },
            rules: r
                .rules
                .iter()
                .map(|rule| RuleRow {
                    rule: words::committee_rule(rule.rule),
                    observed: rule.observed.clone(),
                    law: rule.law.as_ref().map_or_else(
                        || "required from the threshold".to_owned(),
                        |law| format!("{}: {}", words::parameter(&law.parameter), cite(law)),
                    ),
                    badge: words::met_badge(Some(rule.met)),
                })
                .collect(),
            note: r.note.clone(),
        })
        .collect::<Vec<_>>();
    CommitteeView {
        intro: intro(section),
        no_law_data: section.no_law_data.clone(),
        empty: (rows.is_empty() && section.no_law_data.is_none()).then_some(EMPTY),
        rows,
    }
}

/// The section in Markdown, under a heading of `level`.
pub(crate) fn markdown(doc: &mut Doc, level: usize, section: &CommitteeSection) {
    doc.heading(level, "Committees the law requires");
    if let Some(reason) = &section.no_law_data {
        doc.text(&format!("Not checked: {reason}."));
        return;
    }
    doc.text(&intro(section));
    if section.requirements.is_empty() {
        doc.text(EMPTY);
        return;
    }
    let lines: Vec<(String, String, Vec<String>)> = section
        .requirements
        .iter()
        .map(|r| {
            let status = match r.met {
                Some(true) => "required, met".to_owned(),
                Some(false) => "required, not met".to_owned(),
                None => words::requirement(r.requirement).to_lowercase(),
            };
            let mut sub = vec![format!(
                "Threshold: from {} workers ({}; {})",
                r.threshold.value,
                r.threshold.legal_basis,
                words::verified(r.threshold.verified)
            )];
            if r.met.is_some() {
                sub.push(format!(
                    "Committees on record: {}",
                    if r.committees.is_empty() {
                        "none".to_owned()
                    } else {
                        r.committees.join(", ")
                    }
                ));
            }
            for rule in &r.rules {
                let law = rule.law.as_ref().map_or_else(String::new, |l| {
                    format!(" — law: {} {}", words::parameter(&l.parameter), cite(l))
                });
                sub.push(format!(
                    "{}: {} — {}{law}",
                    words::committee_rule(rule.rule),
                    rule.observed,
                    if rule.met { "met" } else { "not met" }
                ));
            }
            if let Some(note) = &r.note {
                sub.push(format!("Note: {note}"));
            }
            (name(r).to_owned(), status, sub)
        })
        .collect();
    let items: Vec<Item<'_>> = lines
        .iter()
        .map(|(name, status, sub)| Item {
            spans: vec![Span::Strong(name), Span::Text(": "), Span::Text(status)],
            sub: sub.clone(),
        })
        .collect();
    doc.list(&items);
}
