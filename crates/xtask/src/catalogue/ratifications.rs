//! `ratifications.csv`: one row per programme country and instrument.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use super::sources::Also;
use super::{Fingerprints, HEADER, Index, Problems, Provenance, camel, provenance_expr};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    country: String,
    instrument: String,
    status: String,
    date: String,
    source: String,
    source_kind: String,
    also: String,
    verified_on: String,
    verification: String,
    note: String,
}

impl Row {
    fn provenance(&self) -> Provenance {
        Provenance {
            source: self.source.clone(),
            source_kind: self.source_kind.clone(),
            // Each further source is written `kind:url`, separated by spaces.
            also: self
                .also
                .split_whitespace()
                .map(|item| {
                    let (kind, url) = item
                        .split_once(':')
                        .filter(|(kind, _)| !kind.starts_with("http"))
                        .unwrap_or(("", item));
                    Also {
                        url: url.to_owned(),
                        kind: kind.to_owned(),
                    }
                })
                .collect(),
            verified_on: self.verified_on.clone(),
            status: self.verification.clone(),
        }
    }
}

pub(crate) struct Data {
    /// With their line numbers, sorted by country and instrument.
    rows: Vec<(usize, Row)>,
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as (year, month, day) with 0 for unknown parts.
fn partial_date(text: &str) -> Option<(u16, u8, u8)> {
    let mut parts = text.split('-');
    let year: u16 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next().map_or(Some(0), |m| m.parse().ok())?;
    let day: u8 = parts.next().map_or(Some(0), |d| d.parse().ok())?;
    if parts.next().is_some() || month > 12 {
        return None;
    }
    if day > 0 {
        NaiveDate::from_ymd_opt(i32::from(year), u32::from(month), u32::from(day))?;
    }
    Some((year, month, day))
}

impl Data {
    pub(crate) fn load(dir: &Path) -> Result<Data, String> {
        let path = dir.join("ratifications.csv");
        let mut reader = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .from_path(&path)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let headers = reader
            .headers()
            .map_err(|e| format!("{}: {e}", path.display()))?
            .clone();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| format!("{}: {e}", path.display()))?;
            let line = record
                .position()
                .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
            let row: Row = record
                .deserialize(Some(&headers))
                .map_err(|e| format!("{}:{line}: {e}", path.display()))?;
            rows.push((line, row));
        }
        rows.sort_by(|a, b| (&a.1.country, &a.1.instrument).cmp(&(&b.1.country, &b.1.instrument)));
        Ok(Data { rows })
    }

    /// `countries`: the programme countries, each needing a row per instrument.
    pub(crate) fn validate(
        &self,
        p: &mut Problems,
        codes: &BTreeSet<&str>,
        countries: &BTreeSet<String>,
    ) {
        let mut pairs = BTreeSet::new();
        for (line, r) in &self.rows {
            let what = format!("ratifications.csv line {line}");
            p.check(countries.contains(&r.country), || {
                format!(
                    "{what}: country {:?} has no file under data/law/",
                    r.country
                )
            });
            p.check(codes.contains(r.instrument.as_str()), || {
                format!("{what}: instrument {:?}", r.instrument)
            });
            p.check(
                pairs.insert((r.country.as_str(), r.instrument.as_str())),
                || format!("{what}: pair appears twice"),
            );
            p.check(
                matches!(
                    r.status.as_str(),
                    "ratified" | "not_ratified" | "denounced" | "unknown"
                ),
                || format!("{what}: status {:?}", r.status),
            );
            let dated = matches!(r.status.as_str(), "ratified" | "denounced");
            p.check(
                dated != r.date.is_empty() || (r.status == "ratified" && r.date.is_empty()),
                || format!("{what}: date {:?} with status {}", r.date, r.status),
            );
            if !r.date.is_empty() {
                p.check(partial_date(&r.date).is_some(), || {
                    format!("{what}: date {:?}", r.date)
                });
            }
            if r.source.is_empty() {
                p.check(r.verification == "unverified", || {
                    format!("{what}: verified without source")
                });
                p.check(r.source_kind.is_empty() && r.also.is_empty(), || {
                    format!("{what}: source_kind or also without a source")
                });
                let checked = p.date(&format!("{what}: verified_on"), &r.verified_on);
                if let (Some(checked), Some(data_date)) = (checked, p.1) {
                    p.check(checked <= data_date, || {
                        format!("{what}: verified_on {checked} is after the catalogue's data date {data_date}")
                    });
                }
            } else {
                p.provenance(&what, &r.provenance());
            }
        }
        for country in countries {
            for code in codes {
                p.check(pairs.contains(&(country.as_str(), *code)), || {
                    format!("ratifications.csv: no row for {country} {code}")
                });
            }
        }
    }

    /// The `ratifications.rs` file.
    pub(crate) fn write(&self, index: &Index<'_>, prints: &mut Fingerprints) -> String {
        let mut s = String::from(HEADER);
        s.push_str("use super::prelude::*;\n\n");
        let _ = writeln!(
            s,
            "pub(crate) static RATIFICATIONS: [RatificationRow; {}] = [",
            self.rows.len()
        );
        for (_, r) in &self.rows {
            let date = partial_date(&r.date).map_or_else(
                || "None".to_owned(),
                |(y, m, dd)| format!("Some(PartialDate {{ year: {y}, month: {m}, day: {dd} }})"),
            );
            let mut provenance = r.provenance();
            if provenance.source.is_empty() {
                "missing".clone_into(&mut provenance.source_kind);
            }
            let row = format!(
                "    RatificationRow {{ country: Country::{}, instrument: &INSTRUMENTS[{}], status: RatificationKind::{}, date: {date}, note: {:?}, provenance: {} }},",
                r.country,
                Index::at(&index.instruments, &r.instrument),
                camel(&r.status),
                r.note,
                provenance_expr(&provenance)
            );
            prints.add(
                &format!("ratification:{}:{}", r.country, r.instrument),
                &row,
            );
            let _ = writeln!(s, "{row}");
        }
        s.push_str("];\n");
        s
    }
}
