//! Validates the catalogue's source records (`crates/decentwork-catalogue/data/`)
//! and writes the checked-in Rust tables and the per-record fingerprints.
//!
//! Checks: unique IDs, every reference resolves, date ranges ordered, required
//! fields present, provenance on every record, question IDs shaped
//! `<compliance point>.<nn>`, text parameters known.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;

pub(crate) const DATA: &str = "crates/decentwork-catalogue/data";
pub(crate) const OUT: &str = "crates/decentwork-catalogue/src/generated";

/// Parameter names questions may use and law records may define, with the unit kinds allowed.
pub(crate) const PARAMETERS: &[&str] = &[
    "minimum_working_age",
    "hazardous_work_age",
    "normal_hours_day",
    "normal_hours_week",
    "overtime_cap_day",
    "overtime_cap_week",
    "overtime_cap_month",
    "overtime_cap_year",
    "total_hours_cap_day",
    "overtime_premium",
    "overtime_premium_rest_day",
    "overtime_premium_holiday",
    "overtime_premium_night",
    "weekly_rest",
    "annual_leave",
    "maternity_leave",
    "maternity_pay",
    "safety_committee_threshold",
    "participation_committee_threshold",
    "bipartite_committee_threshold",
    "works_council_threshold",
    "minimum_wage",
];

const UNITS: &[&str] = &[
    "years",
    "hours",
    "days",
    "weeks",
    "months",
    "multiplier",
    "percent",
    "workers",
];
const PERIODS: &[&str] = &["hour", "day", "week", "month", "year"];
const TAGS: &[&str] = &["public_disclosure", "zero_tolerance", "critical_issue"];

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct Provenance {
    source: String,
    verified_on: String,
    status: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Catalogue {
    version: String,
    data_date: String,
    tool: Vec<Tool>,
    #[serde(default)]
    mapping: Vec<Mapping>,
    instrument_set: Vec<InstrumentSet>,
    tag: Vec<Tag>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Tool {
    id: String,
    name: String,
    released: String,
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Mapping {
    from_tool: String,
    to_tool: String,
    kind: String,
    from: Vec<String>,
    to: Vec<String>,
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InstrumentSet {
    id: String,
    name: String,
    description: String,
    members: Vec<String>,
    #[serde(flatten)]
    provenance: Provenance,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Tag {
    id: String,
    name: String,
    description: String,
    #[serde(flatten)]
    provenance: Provenance,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Instruments {
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Clusters {
    cluster: Vec<Cluster>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cluster {
    id: String,
    order: u8,
    name: String,
    group: String,
    aliases: Vec<String>,
    #[serde(flatten)]
    provenance: Provenance,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CompliancePoints {
    compliance_point: Vec<CompliancePoint>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CompliancePoint {
    id: String,
    cluster: String,
    order: u8,
    name: String,
    aliases: Vec<String>,
    ilo: Vec<String>,
    bsci: Vec<String>,
    trend_group: Option<String>,
    #[serde(flatten)]
    provenance: Provenance,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Bsci {
    area: Vec<BsciArea>,
    provenance: Provenance,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BsciArea {
    id: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Questions {
    #[serde(default)]
    provenance: Option<Provenance>,
    question: Vec<Question>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Question {
    id: String,
    compliance_point: String,
    kind: String,
    text: String,
    non_compliant_answer: Option<String>,
    ilo: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    only_in: Vec<String>,
    #[serde(default = "first_tool")]
    since: String,
    note: Option<String>,
}

fn first_tool() -> String {
    "1".to_owned()
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Law {
    #[serde(default)]
    act: Vec<Act>,
    #[serde(default)]
    parameter: Vec<Parameter>,
    #[serde(default)]
    reference: Vec<Reference>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Act {
    id: String,
    jurisdiction: String,
    title: String,
    enacted: Option<String>,
    #[serde(default)]
    amended_by: Vec<String>,
    #[serde(flatten)]
    provenance: Provenance,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Parameter {
    jurisdiction: String,
    name: String,
    value: String,
    unit: String,
    per: Option<String>,
    region: Option<String>,
    sector: Option<String>,
    variant: Option<String>,
    from: Option<String>,
    to: Option<String>,
    legal_basis: String,
    #[serde(flatten)]
    provenance: Provenance,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Reference {
    jurisdiction: String,
    compliance_point: String,
    act: String,
    section: Option<String>,
    #[serde(flatten)]
    provenance: Provenance,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Ratification {
    country: String,
    instrument: String,
    status: String,
    date: String,
    source: String,
    verified_on: String,
    verification: String,
    note: String,
}

/// Everything read from the data folder.
struct Data {
    catalogue: Catalogue,
    instruments: Vec<Instrument>,
    clusters: Vec<Cluster>,
    points: Vec<CompliancePoint>,
    bsci: Bsci,
    questions: Vec<(Question, Option<Provenance>, String)>,
    law: Law,
    ratifications: Vec<(usize, Ratification)>,
}

fn read_toml<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn toml_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    Ok(files)
}

fn load(root: &Path) -> Result<Data, String> {
    let dir = root.join(DATA);
    let catalogue: Catalogue = read_toml(&dir.join("catalogue.toml"))?;
    let instruments = read_toml::<Instruments>(&dir.join("instruments.toml"))?.instrument;
    let clusters = read_toml::<Clusters>(&dir.join("clusters.toml"))?.cluster;
    let points =
        read_toml::<CompliancePoints>(&dir.join("compliance_points.toml"))?.compliance_point;
    let bsci: Bsci = read_toml(&dir.join("bsci.toml"))?;
    let mut questions = Vec::new();
    for file in toml_files(&dir.join("questions"))? {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let q: Questions = read_toml(&file)?;
        questions.extend(
            q.question
                .into_iter()
                .map(|x| (x, q.provenance.clone(), name.clone())),
        );
    }
    let mut law = Law::default();
    for file in toml_files(&dir.join("law"))? {
        let part: Law = read_toml(&file)?;
        law.act.extend(part.act);
        law.parameter.extend(part.parameter);
        law.reference.extend(part.reference);
    }
    let path = dir.join("ratifications.csv");
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_path(&path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let mut ratifications = Vec::new();
    for (i, row) in reader.deserialize::<Ratification>().enumerate() {
        let row = row.map_err(|e| format!("{}: {e}", path.display()))?;
        ratifications.push((i + 2, row));
    }
    Ok(Data {
        catalogue,
        instruments,
        clusters,
        points,
        bsci,
        questions,
        law,
        ratifications,
    })
}

/// A legal parameter's identity: jurisdiction, name, region, sector, variant, period.
type Key = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Collects validation errors instead of stopping at the first.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn check(&mut self, ok: bool, message: impl FnOnce() -> String) {
        if !ok {
            self.0.push(message());
        }
    }

    fn date(&mut self, what: &str, text: &str) -> Option<NaiveDate> {
        let parsed = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
        self.check(parsed.is_some(), || {
            format!("{what}: {text:?} is not a date (YYYY-MM-DD)")
        });
        parsed
    }

    fn provenance(&mut self, what: &str, p: &Provenance) {
        self.check(!p.source.trim().is_empty(), || {
            format!("{what}: source is empty")
        });
        self.date(&format!("{what}: verified_on"), &p.verified_on);
        self.check(
            matches!(p.status.as_str(), "verified" | "unverified"),
            || {
                format!(
                    "{what}: status {:?} is neither verified nor unverified",
                    p.status
                )
            },
        );
    }

    fn unique<'a>(&mut self, what: &str, ids: impl IntoIterator<Item = &'a str>) {
        let mut seen = BTreeSet::new();
        for id in ids {
            self.check(seen.insert(id), || format!("{what}: {id:?} appears twice"));
        }
    }
}

/// Splits "C138 Art. 2" into ("C138", Some("Art. 2")).
fn split_ilo(reference: &str) -> (&str, Option<&str>) {
    match reference.split_once(' ') {
        Some((code, article)) => (code, Some(article.trim())),
        None => (reference, None),
    }
}

/// The `{name}` placeholders of a question text.
fn placeholders(text: &str) -> Result<Vec<&str>, String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = rest.get(open + 1..).unwrap_or_default();
        let close = after
            .find('}')
            .ok_or_else(|| format!("unclosed '{{' in {text:?}"))?;
        names.push(after.get(..close).unwrap_or_default());
        rest = after.get(close + 1..).unwrap_or_default();
    }
    if rest.contains('}') {
        return Err(format!("stray '}}' in {text:?}"));
    }
    Ok(names)
}

const JURISDICTIONS_WITH_LAW: &[&str] = &[
    "BD", "EG", "ET", "HT", "ID", "JO", "KH", "LK", "MG", "NI", "PK", "PK-PB", "PK-SD", "VN",
];

#[allow(
    clippy::too_many_lines,
    reason = "one check per rule of docs/DATA.md, in file order; each block stands alone"
)]
fn validate(d: &Data) -> Result<(), String> {
    let mut p = Problems::default();
    p.date("catalogue.toml: data_date", &d.catalogue.data_date);
    p.check(!d.catalogue.version.is_empty(), || {
        "catalogue.toml: version is empty".into()
    });

    let codes: BTreeSet<&str> = d.instruments.iter().map(|i| i.code.as_str()).collect();
    p.unique(
        "instruments.toml",
        d.instruments.iter().map(|i| i.code.as_str()),
    );
    for i in &d.instruments {
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
        d.catalogue.instrument_set.iter().map(|s| s.id.as_str()),
    );
    for s in &d.catalogue.instrument_set {
        let what = format!("catalogue.toml: instrument_set {}", s.id);
        p.provenance(&what, &s.provenance);
        for m in &s.members {
            p.check(codes.contains(m.as_str()), || {
                format!("{what}: unknown instrument {m}")
            });
        }
    }
    for t in &d.catalogue.tag {
        p.provenance(&format!("catalogue.toml: tag {}", t.id), &t.provenance);
        p.check(TAGS.contains(&t.id.as_str()), || {
            format!("catalogue.toml: unknown tag {}", t.id)
        });
    }
    p.check(d.catalogue.tag.len() == TAGS.len(), || {
        "catalogue.toml: every tag needs a record".into()
    });
    p.unique(
        "catalogue.toml tool",
        d.catalogue.tool.iter().map(|t| t.id.as_str()),
    );
    for t in &d.catalogue.tool {
        p.date(
            &format!("catalogue.toml: tool {} released", t.id),
            &t.released,
        );
    }
    let tools: BTreeSet<&str> = d.catalogue.tool.iter().map(|t| t.id.as_str()).collect();

    let clusters: BTreeSet<&str> = d.clusters.iter().map(|c| c.id.as_str()).collect();
    p.unique("clusters.toml", d.clusters.iter().map(|c| c.id.as_str()));
    for c in &d.clusters {
        p.provenance(&format!("clusters.toml: {}", c.id), &c.provenance);
        p.check(
            matches!(
                c.group.as_str(),
                "core_labour_standards" | "working_conditions"
            ),
            || format!("clusters.toml: {} group {:?}", c.id, c.group),
        );
    }
    let areas: BTreeSet<&str> = d.bsci.area.iter().map(|a| a.id.as_str()).collect();
    p.unique("bsci.toml", d.bsci.area.iter().map(|a| a.id.as_str()));
    p.provenance("bsci.toml", &d.bsci.provenance);
    let points: BTreeSet<&str> = d.points.iter().map(|c| c.id.as_str()).collect();
    p.unique(
        "compliance_points.toml",
        d.points.iter().map(|c| c.id.as_str()),
    );
    let mut names = BTreeSet::new();
    for cp in &d.points {
        let what = format!("compliance_points.toml: {}", cp.id);
        p.provenance(&what, &cp.provenance);
        p.check(clusters.contains(cp.cluster.as_str()), || {
            format!("{what}: unknown cluster {}", cp.cluster)
        });
        p.check(cp.id.starts_with(&format!("{}.", cp.cluster)), || {
            format!("{what}: id must start with its cluster")
        });
        p.check(!cp.ilo.is_empty(), || format!("{what}: no ILO instrument"));
        for i in &cp.ilo {
            p.check(codes.contains(i.as_str()), || {
                format!("{what}: unknown instrument {i}")
            });
        }
        for a in &cp.bsci {
            p.check(areas.contains(a.as_str()), || {
                format!("{what}: unknown BSCI area {a}")
            });
        }
        for name in std::iter::once(&cp.name).chain(&cp.aliases) {
            p.check(names.insert(name.to_lowercase()), || {
                format!("{what}: name or alias {name:?} is not unique")
            });
        }
    }

    p.unique(
        "questions",
        d.questions.iter().map(|(q, _, _)| q.id.as_str()),
    );
    let known_params: BTreeSet<&str> = PARAMETERS.iter().copied().collect();
    for (q, provenance, file) in &d.questions {
        let what = format!("questions/{file}: {}", q.id);
        p.check(provenance.is_some(), || {
            format!("questions/{file}: [provenance] missing")
        });
        p.check(points.contains(q.compliance_point.as_str()), || {
            format!("{what}: unknown compliance point")
        });
        let number = q.id.strip_prefix(&format!("{}.", q.compliance_point));
        p.check(
            number.is_some_and(|n| n.len() == 2 && n.bytes().all(|b| b.is_ascii_digit())),
            || format!("{what}: id must be <compliance point>.<two digits>"),
        );
        match q.kind.as_str() {
            "ncq" => p.check(
                matches!(q.non_compliant_answer.as_deref(), Some("yes" | "no")),
                || {
                    format!(
                        "{what}: a non-compliance question needs non_compliant_answer yes or no"
                    )
                },
            ),
            "fact" => p.check(q.non_compliant_answer.is_none(), || {
                format!("{what}: a fact-gathering question has no non-compliant answer")
            }),
            other => p.check(false, || format!("{what}: kind {other:?}")),
        }
        p.check(!q.ilo.is_empty(), || format!("{what}: no ILO reference"));
        for r in &q.ilo {
            let (code, _) = split_ilo(r);
            p.check(codes.contains(code), || {
                format!("{what}: unknown instrument in {r:?}")
            });
        }
        for t in &q.tags {
            p.check(TAGS.contains(&t.as_str()), || {
                format!("{what}: unknown tag {t:?}")
            });
        }
        for j in &q.only_in {
            p.check(JURISDICTIONS_WITH_LAW.contains(&j.as_str()), || {
                format!("{what}: only_in {j:?}")
            });
        }
        p.check(tools.contains(q.since.as_str()), || {
            format!("{what}: unknown tool version {:?}", q.since)
        });
        match placeholders(&q.text) {
            Ok(found) => {
                for name in found {
                    p.check(known_params.contains(name), || {
                        format!("{what}: unknown parameter {{{name}}}")
                    });
                }
            }
            Err(e) => p.check(false, || format!("{what}: {e}")),
        }
    }
    let question_ids: BTreeSet<&str> = d.questions.iter().map(|(q, _, _)| q.id.as_str()).collect();
    for m in &d.catalogue.mapping {
        let what = format!("catalogue.toml: mapping {:?} -> {:?}", m.from, m.to);
        p.check(
            tools.contains(m.from_tool.as_str()) && tools.contains(m.to_tool.as_str()),
            || format!("{what}: unknown tool"),
        );
        p.check(
            matches!(m.kind.as_str(), "merged" | "split" | "renamed"),
            || format!("{what}: kind {:?}", m.kind),
        );
        for q in m.from.iter().chain(&m.to) {
            p.check(question_ids.contains(q.as_str()), || {
                format!("{what}: unknown question {q}")
            });
        }
    }

    let acts: BTreeSet<&str> = d.law.act.iter().map(|a| a.id.as_str()).collect();
    p.unique("law acts", d.law.act.iter().map(|a| a.id.as_str()));
    for a in &d.law.act {
        let what = format!("law act {}", a.id);
        p.provenance(&what, &a.provenance);
        p.check(
            JURISDICTIONS_WITH_LAW.contains(&a.jurisdiction.as_str()),
            || format!("{what}: jurisdiction"),
        );
        for other in &a.amended_by {
            p.check(acts.contains(other.as_str()), || {
                format!("{what}: amended_by unknown act {other}")
            });
        }
    }
    for r in &d.law.reference {
        let what = format!(
            "law reference {} {} {}",
            r.jurisdiction, r.compliance_point, r.act
        );
        p.provenance(&what, &r.provenance);
        p.check(points.contains(r.compliance_point.as_str()), || {
            format!("{what}: unknown compliance point")
        });
        p.check(acts.contains(r.act.as_str()), || {
            format!("{what}: unknown act")
        });
        p.check(
            r.section.is_some() || r.provenance.status == "unverified",
            || format!("{what}: an act-level reference must be unverified"),
        );
    }
    let mut spans: BTreeMap<Key, Vec<(NaiveDate, NaiveDate)>> = BTreeMap::new();
    for r in &d.law.parameter {
        let what = format!("law parameter {} {} {:?}", r.jurisdiction, r.name, r.from);
        p.provenance(&what, &r.provenance);
        p.check(
            JURISDICTIONS_WITH_LAW.contains(&r.jurisdiction.as_str()),
            || format!("{what}: jurisdiction"),
        );
        p.check(known_params.contains(r.name.as_str()), || {
            format!("{what}: unknown parameter name")
        });
        p.check(Decimal::from_str(&r.value).is_ok(), || {
            format!("{what}: value {:?} is not a number", r.value)
        });
        let money = r.name == "minimum_wage";
        p.check(
            if money {
                r.unit.len() == 3 && r.unit.bytes().all(|b| b.is_ascii_uppercase())
            } else {
                UNITS.contains(&r.unit.as_str())
            },
            || format!("{what}: unit {:?}", r.unit),
        );
        if let Some(per) = &r.per {
            p.check(PERIODS.contains(&per.as_str()), || {
                format!("{what}: per {per:?}")
            });
        }
        p.check(!money || r.per.is_some(), || {
            format!("{what}: a minimum wage needs `per`")
        });
        let from = r
            .from
            .as_deref()
            .and_then(|t| p.date(&format!("{what}: from"), t))
            .unwrap_or(NaiveDate::MIN);
        let to =
            r.to.as_deref()
                .and_then(|t| p.date(&format!("{what}: to"), t))
                .unwrap_or(NaiveDate::MAX);
        p.check(from <= to, || format!("{what}: from is after to"));
        spans
            .entry((
                r.jurisdiction.clone(),
                r.name.clone(),
                r.region.clone(),
                r.sector.clone(),
                r.variant.clone(),
                r.per.clone(),
            ))
            .or_default()
            .push((from, to));
    }
    for (key, mut list) in spans {
        list.sort();
        for pair in list.windows(2) {
            if let [a, b] = pair {
                p.check(b.0 > a.1, || {
                    format!("law parameter {key:?}: periods overlap ({a:?} and {b:?})")
                });
            }
        }
    }

    let countries = [
        "BD", "EG", "ET", "HT", "ID", "JO", "KH", "LK", "MG", "NI", "PK", "VN",
    ];
    let mut pairs = BTreeSet::new();
    for (line, r) in &d.ratifications {
        let what = format!("ratifications.csv line {line}");
        p.check(countries.contains(&r.country.as_str()), || {
            format!("{what}: country {:?}", r.country)
        });
        p.check(codes.contains(r.instrument.as_str()), || {
            format!("{what}: instrument {:?}", r.instrument)
        });
        p.check(
            pairs.insert((r.country.clone(), r.instrument.clone())),
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
        p.check(
            matches!(r.verification.as_str(), "verified" | "unverified"),
            || format!("{what}: verification"),
        );
        p.check(
            r.verification == "unverified" || !r.source.is_empty(),
            || format!("{what}: verified without source"),
        );
        p.date(&format!("{what}: verified_on"), &r.verified_on);
    }
    for country in countries {
        for code in &codes {
            p.check(
                pairs.contains(&(country.to_owned(), (*code).to_owned())),
                || format!("ratifications.csv: no row for {country} {code}"),
            );
        }
    }

    if p.0.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "catalogue data has {} problem(s):\n  {}",
            p.0.len(),
            p.0.join("\n  ")
        ))
    }
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

/// `&[&TABLE[i], …]` for generated cross-references.
fn refs(table: &str, indexes: &[usize]) -> String {
    let items: Vec<String> = indexes.iter().map(|i| format!("&{table}[{i}]")).collect();
    format!("&[{}]", items.join(", "))
}

fn camel(snake: &str) -> String {
    snake
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn date_expr(text: &str) -> String {
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(d) => {
            use chrono::Datelike;
            format!("ymd({}, {}, {})", d.year(), d.month(), d.day())
        }
        Err(_) => "ymd(1, 1, 1)".to_owned(),
    }
}

fn provenance_expr(p: &Provenance) -> String {
    format!(
        "Provenance {{ source: {:?}, verified_on: {}, status: Verification::{} }}",
        p.source,
        date_expr(&p.verified_on),
        camel(&p.status)
    )
}

fn opt_str(value: Option<&str>) -> String {
    value.map_or_else(|| "None".to_owned(), |v| format!("Some({v:?})"))
}

fn decimal_expr(text: &str) -> String {
    let d = Decimal::from_str(text).unwrap_or_default();
    let parts = d.unpack();
    format!(
        "Decimal::from_parts({}, {}, {}, {}, {})",
        parts.lo, parts.mid, parts.hi, parts.negative, parts.scale
    )
}

const HEADER: &str = "// @generated by `cargo xtask codegen` from crates/decentwork-catalogue/data/.\n// Do not edit by hand: change the data and run the generator again.\n\n";

/// The generated files and the fingerprint file.
#[allow(
    clippy::too_many_lines,
    reason = "one linear pass writing each table in turn, sharing the index maps"
)]
pub(crate) fn generate(root: &Path) -> Result<Vec<(PathBuf, String)>, String> {
    let d = load(root)?;
    validate(&d)?;
    let out = root.join(OUT);
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    let mut fingerprints = vec!["record,fingerprint".to_owned()];
    let mut print =
        |id: String, text: &str| fingerprints.push(format!("{id},{:016x}", fnv1a(text)));

    let mut instruments: Vec<&Instrument> = d.instruments.iter().collect();
    instruments.sort_by(|a, b| a.code.cmp(&b.code));
    let instrument_index: BTreeMap<&str, usize> = instruments
        .iter()
        .enumerate()
        .map(|(i, x)| (x.code.as_str(), i))
        .collect();
    let mut clusters: Vec<&Cluster> = d.clusters.iter().collect();
    clusters.sort_by_key(|c| c.order);
    let cluster_index: BTreeMap<&str, usize> = clusters
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut points: Vec<&CompliancePoint> = d.points.iter().collect();
    points.sort_by_key(|c| (cluster_index.get(c.cluster.as_str()).copied(), c.order));
    let point_index: BTreeMap<&str, usize> = points
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let area_index: BTreeMap<&str, usize> = d
        .bsci
        .area
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut questions: Vec<&(Question, Option<Provenance>, String)> = d.questions.iter().collect();
    questions.sort_by(|a, b| {
        let key = |q: &Question| {
            (
                point_index.get(q.compliance_point.as_str()).copied(),
                q.id.clone(),
            )
        };
        key(&a.0).cmp(&key(&b.0))
    });
    let question_index: BTreeMap<&str, usize> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.0.id.as_str(), i))
        .collect();
    let mut tools: Vec<&Tool> = d.catalogue.tool.iter().collect();
    tools.sort_by(|a, b| a.released.cmp(&b.released));
    let tool_index: BTreeMap<&str, usize> = tools
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();

    let mut s = String::from(HEADER);
    s.push_str("use super::prelude::*;\n\n");
    let _ = writeln!(
        s,
        "pub(crate) const VERSION: &str = {:?};",
        d.catalogue.version
    );
    let _ = writeln!(
        s,
        "pub(crate) const DATA_DATE: NaiveDate = {};\n",
        date_expr(&d.catalogue.data_date)
    );

    let _ = writeln!(
        s,
        "pub(crate) static INSTRUMENTS: [InstrumentRow; {}] = [",
        instruments.len()
    );
    for i in &instruments {
        let row = format!(
            "    InstrumentRow {{ code: {:?}, number: {}, kind: InstrumentKind::{}, title: {:?}, adopted: {}, category: Category::{}, fundamental_since: {:?}, theme: Theme::{}, normlex_id: {:?}, normlex_id_verified: {}, provenance: {} }},",
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
        print(format!("instrument:{}", i.code), &row);
        let _ = writeln!(s, "{row}");
    }
    s.push_str("];\n\n");

    let _ = writeln!(
        s,
        "pub(crate) static INSTRUMENT_SETS: [SetRow; {}] = [",
        d.catalogue.instrument_set.len()
    );
    for set in &d.catalogue.instrument_set {
        let mut members: Vec<usize> = set
            .members
            .iter()
            .filter_map(|m| instrument_index.get(m.as_str()).copied())
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
        print(format!("instrument_set:{}", set.id), &row);
        let _ = writeln!(s, "{row}");
    }
    s.push_str("];\n\n");

    let _ = writeln!(
        s,
        "pub(crate) static TAGS: [TagRow; {}] = [",
        d.catalogue.tag.len()
    );
    let mut tags: Vec<&Tag> = d.catalogue.tag.iter().collect();
    tags.sort_by_key(|t| TAGS.iter().position(|x| *x == t.id));
    for t in tags {
        let row = format!(
            "    TagRow {{ tag: Tag::{}, name: {:?}, description: {:?}, provenance: {} }},",
            camel(&t.id),
            t.name,
            t.description,
            provenance_expr(&t.provenance)
        );
        print(format!("tag:{}", t.id), &row);
        let _ = writeln!(s, "{row}");
    }
    s.push_str("];\n\n");

    let _ = writeln!(s, "pub(crate) static TOOLS: [ToolRow; {}] = [", tools.len());
    for t in &tools {
        let row = format!(
            "    ToolRow {{ id: {:?}, name: {:?}, released: {}, note: {:?} }},",
            t.id,
            t.name,
            date_expr(&t.released),
            t.note
        );
        print(format!("tool:{}", t.id), &row);
        let _ = writeln!(s, "{row}");
    }
    s.push_str("];\n\n");
    let _ = writeln!(
        s,
        "pub(crate) static MAPPINGS: [MappingRow; {}] = [",
        d.catalogue.mapping.len()
    );
    for m in &d.catalogue.mapping {
        let ids = |list: &[String]| -> Vec<usize> {
            list.iter()
                .filter_map(|q| question_index.get(q.as_str()).copied())
                .collect()
        };
        let row = format!(
            "    MappingRow {{ from_tool: &TOOLS[{}], to_tool: &TOOLS[{}], kind: MappingKind::{}, from: {}, to: {}, note: {:?} }},",
            tool_index.get(m.from_tool.as_str()).copied().unwrap_or(0),
            tool_index.get(m.to_tool.as_str()).copied().unwrap_or(0),
            camel(&m.kind),
            refs("super::questions::QUESTIONS", &ids(&m.from)),
            refs("super::questions::QUESTIONS", &ids(&m.to)),
            m.note
        );
        print(
            format!("mapping:{}->{}", m.from.join("+"), m.to.join("+")),
            &row,
        );
        let _ = writeln!(s, "{row}");
    }
    s.push_str("];\n\n");

    let _ = writeln!(
        s,
        "pub(crate) static BSCI_AREAS: [BsciRow; {}] = [",
        d.bsci.area.len()
    );
    for a in &d.bsci.area {
        let row = format!("    BsciRow {{ id: {:?}, name: {:?} }},", a.id, a.name);
        print(format!("bsci:{}", a.id), &row);
        let _ = writeln!(s, "{row}");
    }
    s.push_str("];\n");
    let _ = writeln!(
        s,
        "pub(crate) const BSCI_PROVENANCE: Provenance = {};\n",
        provenance_expr(&d.bsci.provenance)
    );

    let _ = writeln!(
        s,
        "pub(crate) static CLUSTERS: [ClusterRow; {}] = [",
        clusters.len()
    );
    for (i, c) in clusters.iter().enumerate() {
        let first = points.iter().position(|p| p.cluster == c.id).unwrap_or(0);
        let count = points.iter().filter(|p| p.cluster == c.id).count();
        let row = format!(
            "    ClusterRow {{ id: {:?}, order: {}, name: {:?}, group: ClusterGroup::{}, aliases: &{:?}, points: {first}..{}, provenance: {} }},",
            c.id,
            c.order,
            c.name,
            camel(&c.group),
            c.aliases,
            first + count,
            provenance_expr(&c.provenance)
        );
        print(format!("cluster:{}", c.id), &row);
        let _ = writeln!(s, "{row}");
        let _ = i;
    }
    s.push_str("];\n\n");

    let _ = writeln!(
        s,
        "pub(crate) static COMPLIANCE_POINTS: [PointRow; {}] = [",
        points.len()
    );
    for cp in &points {
        let ilo: Vec<usize> = cp
            .ilo
            .iter()
            .filter_map(|c| instrument_index.get(c.as_str()).copied())
            .collect();
        let bsci: Vec<usize> = cp
            .bsci
            .iter()
            .filter_map(|c| area_index.get(c.as_str()).copied())
            .collect();
        let first = questions
            .iter()
            .position(|q| q.0.compliance_point == cp.id)
            .unwrap_or(0);
        let count = questions
            .iter()
            .filter(|q| q.0.compliance_point == cp.id)
            .count();
        let row = format!(
            "    PointRow {{ id: {:?}, cluster: &CLUSTERS[{}], order: {}, name: {:?}, aliases: &{:?}, ilo: {}, bsci: {}, trend_group: {}, questions: {first}..{}, provenance: {} }},",
            cp.id,
            cluster_index.get(cp.cluster.as_str()).copied().unwrap_or(0),
            cp.order,
            cp.name,
            cp.aliases,
            refs("INSTRUMENTS", &ilo),
            refs("BSCI_AREAS", &bsci),
            opt_str(cp.trend_group.as_deref()),
            first + count,
            provenance_expr(&cp.provenance)
        );
        print(format!("compliance_point:{}", cp.id), &row);
        let _ = writeln!(s, "{row}");
    }
    s.push_str("];\n");
    files.push((out.join("structure.rs"), s));

    let mut s = String::from(HEADER);
    s.push_str("use super::prelude::*;\n\n");
    let _ = writeln!(
        s,
        "pub(crate) static QUESTIONS: [QuestionRow; {}] = [",
        questions.len()
    );
    for (q, provenance, _) in questions.iter().map(|x| (&x.0, &x.1, &x.2)) {
        let ilo: Vec<String> = q
            .ilo
            .iter()
            .map(|r| {
                let (code, article) = split_ilo(r);
                format!(
                    "IloRow {{ instrument: &INSTRUMENTS[{}], article: {} }}",
                    instrument_index.get(code).copied().unwrap_or(0),
                    opt_str(article)
                )
            })
            .collect();
        let tags: Vec<String> = q
            .tags
            .iter()
            .map(|t| format!("Tag::{}", camel(t)))
            .collect();
        let answer = q.non_compliant_answer.as_deref().map_or_else(
            || "None".to_owned(),
            |a| format!("Some(Answer::{})", camel(a)),
        );
        let row = format!(
            "    QuestionRow {{ id: {:?}, point: &COMPLIANCE_POINTS[{}], kind: QuestionKind::{}, text: {:?}, non_compliant_answer: {answer}, ilo: &[{}], tags: &[{}], only_in: &{:?}, since: &TOOLS[{}], note: {}, provenance: {} }},",
            q.id,
            point_index
                .get(q.compliance_point.as_str())
                .copied()
                .unwrap_or(0),
            if q.kind == "ncq" {
                "NonCompliance"
            } else {
                "FactGathering"
            },
            q.text,
            ilo.join(", "),
            tags.join(", "),
            q.only_in,
            tool_index.get(q.since.as_str()).copied().unwrap_or(0),
            opt_str(q.note.as_deref()),
            provenance
                .as_ref()
                .map_or_else(String::new, provenance_expr)
        );
        print(format!("question:{}", q.id), &row);
        let _ = writeln!(s, "{row}");
    }
    s.push_str("];\n\n");
    let mut by_id: Vec<(&str, usize)> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.0.id.as_str(), i))
        .collect();
    by_id.sort_unstable();
    let _ = writeln!(s, "/// Question indexes sorted by ID, for binary search.");
    let _ = writeln!(
        s,
        "pub(crate) static QUESTIONS_BY_ID: [u16; {}] = {:?};",
        by_id.len(),
        by_id.iter().map(|x| x.1).collect::<Vec<_>>()
    );
    files.push((out.join("questions.rs"), s));

    let mut s = String::from(HEADER);
    s.push_str("use super::prelude::*;\n\n");
    let mut rows: Vec<&(usize, Ratification)> = d.ratifications.iter().collect();
    rows.sort_by(|a, b| (&a.1.country, &a.1.instrument).cmp(&(&b.1.country, &b.1.instrument)));
    let _ = writeln!(
        s,
        "pub(crate) static RATIFICATIONS: [RatificationRow; {}] = [",
        rows.len()
    );
    for (_, r) in rows.iter().map(|x| (x.0, &x.1)) {
        let date = partial_date(&r.date).map_or_else(
            || "None".to_owned(),
            |(y, m, dd)| format!("Some(PartialDate {{ year: {y}, month: {m}, day: {dd} }})"),
        );
        let row = format!(
            "    RatificationRow {{ country: Country::{}, instrument: &INSTRUMENTS[{}], status: RatificationKind::{}, date: {date}, note: {:?}, provenance: Provenance {{ source: {:?}, verified_on: {}, status: Verification::{} }} }},",
            r.country,
            instrument_index
                .get(r.instrument.as_str())
                .copied()
                .unwrap_or(0),
            camel(&r.status),
            r.note,
            r.source,
            date_expr(&r.verified_on),
            camel(&r.verification)
        );
        print(format!("ratification:{}:{}", r.country, r.instrument), &row);
        let _ = writeln!(s, "{row}");
    }
    s.push_str("];\n");
    files.push((out.join("ratifications.rs"), s));

    let mut s = String::from(HEADER);
    s.push_str("use super::prelude::*;\n\n");
    let mut acts: Vec<&Act> = d.law.act.iter().collect();
    acts.sort_by(|a, b| (&a.jurisdiction, &a.id).cmp(&(&b.jurisdiction, &b.id)));
    let act_index: BTreeMap<&str, usize> = acts
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let _ = writeln!(s, "pub(crate) static ACTS: [ActRow; {}] = [", acts.len());
    for a in &acts {
        let amended: Vec<usize> = a
            .amended_by
            .iter()
            .filter_map(|x| act_index.get(x.as_str()).copied())
            .collect();
        let row = format!(
            "    ActRow {{ id: {:?}, jurisdiction: {:?}, title: {:?}, enacted: {}, amended_by: {}, note: {}, provenance: {} }},",
            a.id,
            a.jurisdiction,
            a.title,
            opt_str(a.enacted.as_deref()),
            refs("ACTS", &amended),
            opt_str(a.note.as_deref()),
            provenance_expr(&a.provenance)
        );
        print(format!("act:{}", a.id), &row);
        let _ = writeln!(s, "{row}");
    }
    s.push_str("];\n\n");
    let mut refs: Vec<&Reference> = d.law.reference.iter().collect();
    refs.sort_by(|a, b| {
        (
            &a.jurisdiction,
            point_index.get(a.compliance_point.as_str()),
            &a.act,
            &a.section,
        )
            .cmp(&(
                &b.jurisdiction,
                point_index.get(b.compliance_point.as_str()),
                &b.act,
                &b.section,
            ))
    });
    let _ = writeln!(
        s,
        "pub(crate) static REFERENCES: [ReferenceRow; {}] = [",
        refs.len()
    );
    for r in &refs {
        let row = format!(
            "    ReferenceRow {{ jurisdiction: {:?}, point: &COMPLIANCE_POINTS[{}], act: &ACTS[{}], section: {}, note: {}, provenance: {} }},",
            r.jurisdiction,
            point_index
                .get(r.compliance_point.as_str())
                .copied()
                .unwrap_or(0),
            act_index.get(r.act.as_str()).copied().unwrap_or(0),
            opt_str(r.section.as_deref()),
            opt_str(r.note.as_deref()),
            provenance_expr(&r.provenance)
        );
        print(
            format!(
                "reference:{}:{}:{}:{}",
                r.jurisdiction,
                r.compliance_point,
                r.act,
                r.section.as_deref().unwrap_or("-")
            ),
            &row,
        );
        let _ = writeln!(s, "{row}");
    }
    s.push_str("];\n\n");
    let mut params: Vec<&Parameter> = d.law.parameter.iter().collect();
    params.sort_by(|a, b| {
        (
            &a.jurisdiction,
            &a.name,
            &a.sector,
            &a.region,
            &a.variant,
            &a.from,
        )
            .cmp(&(
                &b.jurisdiction,
                &b.name,
                &b.sector,
                &b.region,
                &b.variant,
                &b.from,
            ))
    });
    let _ = writeln!(
        s,
        "pub(crate) static PARAMETERS: [ParameterRow; {}] = [",
        params.len()
    );
    for r in &params {
        let unit = if r.name == "minimum_wage" {
            format!("Unit::Money({:?})", r.unit)
        } else {
            format!("Unit::{}", camel(&r.unit))
        };
        let per = r
            .per
            .as_deref()
            .map_or_else(|| "None".to_owned(), |x| format!("Some(Per::{})", camel(x)));
        let row = format!(
            "    ParameterRow {{ jurisdiction: {:?}, name: Parameter::{}, value: {}, unit: {unit}, per: {per}, region: {}, sector: {}, variant: {}, from: {}, to: {}, legal_basis: {:?}, note: {}, provenance: {} }},",
            r.jurisdiction,
            camel(&r.name),
            decimal_expr(&r.value),
            opt_str(r.region.as_deref()),
            opt_str(r.sector.as_deref()),
            opt_str(r.variant.as_deref()),
            r.from
                .as_deref()
                .map_or_else(|| "None".to_owned(), |x| format!("Some({})", date_expr(x))),
            r.to.as_deref()
                .map_or_else(|| "None".to_owned(), |x| format!("Some({})", date_expr(x))),
            r.legal_basis,
            opt_str(r.note.as_deref()),
            provenance_expr(&r.provenance)
        );
        print(
            format!(
                "parameter:{}:{}:{}:{}:{}:{}",
                r.jurisdiction,
                r.name,
                r.sector.as_deref().unwrap_or("-"),
                r.region.as_deref().unwrap_or("-"),
                r.variant.as_deref().unwrap_or("-"),
                r.from.as_deref().unwrap_or("-")
            ),
            &row,
        );
        let _ = writeln!(s, "{row}");
    }
    s.push_str("];\n");
    files.push((out.join("law.rs"), s));

    fingerprints.sort();
    let mut text = String::from(
        "# Per-record fingerprints (FNV-1a 64 of the generated row). Written by `cargo xtask codegen`;\n# a data change shows here as the records it touched.\n",
    );
    for line in fingerprints {
        text.push_str(&line);
        text.push('\n');
    }
    files.push((
        root.join("crates/decentwork-catalogue/fingerprints.csv"),
        text,
    ));
    Ok(files)
}

/// FNV-1a, 64 bits: stable across platforms and releases, enough to flag a change.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
