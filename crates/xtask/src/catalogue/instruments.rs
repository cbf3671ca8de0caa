//! `instruments.toml`, and the instrument sets and tags of `catalogue.toml`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

use super::structure::Catalogue;
use super::{Fingerprints, Index, Problems, Provenance, camel, provenance_expr, read_toml, refs};

/// The question tags, in the order of the generated `Tag` enum.
pub(crate) const TAGS: &[&str] = &["public_disclosure", "zero_tolerance", "critical_issue"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    instrument: Vec<Instrument>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Instrument {
    code: String,
    number: u16,
    kind: String,
    title: String,
    adopted: u16,
    category: String,
    fundamental_since: Option<u16>,
    theme: String,
    normlex_id: Option<u32>,
    normlex_id_status: Option<String>,
    #[serde(flatten)]
    provenance: Provenance,
}

pub(crate) struct Data {
    /// Sorted by code: the generated table is searched by code.
    instruments: Vec<Instrument>,
}

impl Data {
    pub(crate) fn load(dir: &Path) -> Result<Data, String> {
        let mut instruments = read_toml::<File>(&dir.join("instruments.toml"))?.instrument;
        instruments.sort_by(|a, b| a.code.cmp(&b.code));
        Ok(Data { instruments })
    }

    /// Checks the instruments, sets and tags; returns the instrument codes.
    pub(crate) fn validate<'a>(
        &'a self,
        p: &mut Problems,
        catalogue: &Catalogue,
    ) -> BTreeSet<&'a str> {
        let codes: BTreeSet<&str> = self.instruments.iter().map(|i| i.code.as_str()).collect();
        p.unique(
            "instruments.toml",
            self.instruments.iter().map(|i| i.code.as_str()),
        );
        for i in &self.instruments {
            let what = format!("instruments.toml: {}", i.code);
            p.provenance(&what, &i.provenance);
            p.check(matches!(i.kind.as_str(), "convention" | "protocol"), || {
                format!("{what}: kind {:?}", i.kind)
            });
            p.check(
                matches!(
                    i.category.as_str(),
                    "fundamental" | "governance" | "technical"
                ),
                || format!("{what}: category {:?}", i.category),
            );
            let expected = format!(
                "{}{:03}",
                if i.kind == "protocol" { "P" } else { "C" },
                i.number
            );
            p.check(i.code == expected, || {
                format!("{what}: code does not match number {}", i.number)
            });
            p.check(
                i.normlex_id.is_some() == i.normlex_id_status.is_some(),
                || format!("{what}: normlex_id and normlex_id_status go together"),
            );
            p.check(
                !i.title.is_empty() && (1919..=2100).contains(&i.adopted),
                || format!("{what}: title or year"),
            );
        }
        p.unique(
            "catalogue.toml instrument_set",
            catalogue.instrument_set.iter().map(|s| s.id.as_str()),
        );
        for s in &catalogue.instrument_set {
            let what = format!("catalogue.toml: instrument_set {}", s.id);
            p.provenance(&what, &s.provenance);
            for m in &s.members {
                p.check(codes.contains(m.as_str()), || {
                    format!("{what}: unknown instrument {m}")
                });
            }
        }
        for t in &catalogue.tag {
            p.provenance(&format!("catalogue.toml: tag {}", t.id), &t.provenance);
            p.check(TAGS.contains(&t.id.as_str()), || {
                format!("catalogue.toml: unknown tag {}", t.id)
            });
        }
        p.check(catalogue.tag.len() == TAGS.len(), || {
            "catalogue.toml: every tag needs a record".into()
        });
        codes
    }

    pub(crate) fn index<'a>(&'a self, index: &mut Index<'a>) {
        index.instruments = self
            .instruments
            .iter()
            .enumerate()
            .map(|(i, x)| (x.code.as_str(), i))
            .collect();
    }

    /// `INSTRUMENTS`, `INSTRUMENT_SETS` and `TAGS`.
    pub(crate) fn write(
        &self,
        s: &mut String,
        index: &Index<'_>,
        catalogue: &Catalogue,
        prints: &mut Fingerprints,
    ) {
        let _ = writeln!(
            s,
            "pub(crate) static INSTRUMENTS: [InstrumentRow; {}] = [",
            self.instruments.len()
        );
        for (n, i) in self.instruments.iter().enumerate() {
            let row = format!(
                "    InstrumentRow {{ index: {n}, code: {:?}, number: {}, kind: InstrumentKind::{}, title: {:?}, adopted: {}, category: Category::{}, fundamental_since: {:?}, theme: Theme::{}, normlex_id: {:?}, normlex_id_verified: {}, provenance: {} }},",
                i.code,
                i.number,
                camel(&i.kind),
                i.title,
                i.adopted,
                camel(&i.category),
                i.fundamental_since,
                camel(&i.theme),
                i.normlex_id,
                i.normlex_id_status.as_deref() == Some("verified"),
                provenance_expr(&i.provenance)
            );
            prints.add(&format!("instrument:{}", i.code), &row);
            let _ = writeln!(s, "{row}");
        }
        s.push_str("];\n\n");

        let _ = writeln!(
            s,
            "pub(crate) static INSTRUMENT_SETS: [SetRow; {}] = [",
            catalogue.instrument_set.len()
        );
        for set in &catalogue.instrument_set {
            let mut members: Vec<usize> = set
                .members
                .iter()
                .map(|m| Index::at(&index.instruments, m))
                .collect();
            members.sort_unstable();
            let row = format!(
                "    SetRow {{ id: {:?}, name: {:?}, description: {:?}, members: {}, provenance: {} }},",
                set.id,
                set.name,
                set.description,
                refs("INSTRUMENTS", &members),
                provenance_expr(&set.provenance)
            );
            prints.add(&format!("instrument_set:{}", set.id), &row);
            let _ = writeln!(s, "{row}");
        }
        s.push_str("];\n\n");

        let _ = writeln!(
            s,
            "pub(crate) static TAGS: [TagRow; {}] = [",
            catalogue.tag.len()
        );
        let mut tags: Vec<_> = catalogue.tag.iter().collect();
        tags.sort_by_key(|t| TAGS.iter().position(|x| *x == t.id));
        for t in tags {
            let row = format!(
                "    TagRow {{ tag: Tag::{}, name: {:?}, description: {:?}, provenance: {} }},",
                camel(&t.id),
                t.name,
                t.description,
                provenance_expr(&t.provenance)
            );
            prints.add(&format!("tag:{}", t.id), &row);
            let _ = writeln!(s, "{row}");
        }
        s.push_str("];\n\n");
    }
}
