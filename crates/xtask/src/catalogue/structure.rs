//! `catalogue.toml` (version, question-set versions and their mappings),
//! `clusters.toml`, `compliance_points.toml` and `bsci.toml`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

use super::{
    Fingerprints, Index, Problems, Provenance, camel, date_expr, opt_str, provenance_expr,
    read_toml, refs,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Catalogue {
    version: String,
    pub(crate) data_date: String,
    tool: Vec<Tool>,
    #[serde(default)]
    pub(crate) mapping: Vec<Mapping>,
    pub(crate) instrument_set: Vec<InstrumentSet>,
    pub(crate) tag: Vec<Tag>,
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
pub(crate) struct Mapping {
    pub(crate) from_tool: String,
    pub(crate) to_tool: String,
    pub(crate) kind: String,
    pub(crate) from: Vec<String>,
    pub(crate) to: Vec<String>,
    pub(crate) note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct InstrumentSet {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) description: String,
    pub(crate) members: Vec<String>,
    #[serde(flatten)]
    pub(crate) provenance: Provenance,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Tag {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) description: String,
    #[serde(flatten)]
    pub(crate) provenance: Provenance,
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

pub(crate) struct Data {
    pub(crate) catalogue: Catalogue,
    /// In the tool's order.
    clusters: Vec<Cluster>,
    /// By cluster, then in the tool's order.
    points: Vec<CompliancePoint>,
    bsci: Bsci,
}

/// The IDs other tables may refer to.
pub(crate) struct Known<'a> {
    pub(crate) points: BTreeSet<&'a str>,
    pub(crate) tools: BTreeSet<&'a str>,
}

impl Data {
    pub(crate) fn load(dir: &Path) -> Result<Data, String> {
        let mut catalogue: Catalogue = read_toml(&dir.join("catalogue.toml"))?;
        catalogue.tool.sort_by(|a, b| a.released.cmp(&b.released));
        let mut clusters = read_toml::<Clusters>(&dir.join("clusters.toml"))?.cluster;
        clusters.sort_by_key(|c| c.order);
        let order: BTreeMap<String, usize> = clusters
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        let mut points =
            read_toml::<CompliancePoints>(&dir.join("compliance_points.toml"))?.compliance_point;
        points.sort_by_key(|c| (order.get(&c.cluster).copied(), c.order));
        let bsci: Bsci = read_toml(&dir.join("bsci.toml"))?;
        Ok(Data {
            catalogue,
            clusters,
            points,
            bsci,
        })
    }

    /// The compliance point IDs in the tool's order.
    pub(crate) fn point_ids(&self) -> Vec<&str> {
        self.points.iter().map(|c| c.id.as_str()).collect()
    }

    pub(crate) fn validate<'a>(&'a self, p: &mut Problems, codes: &BTreeSet<&str>) -> Known<'a> {
        let c = &self.catalogue;
        p.date("catalogue.toml: data_date", &c.data_date);
        p.check(!c.version.is_empty(), || {
            "catalogue.toml: version is empty".into()
        });
        p.unique("catalogue.toml tool", c.tool.iter().map(|t| t.id.as_str()));
        for t in &c.tool {
            p.date(
                &format!("catalogue.toml: tool {} released", t.id),
                &t.released,
            );
        }
        let clusters: BTreeSet<&str> = self.clusters.iter().map(|c| c.id.as_str()).collect();
        p.unique("clusters.toml", self.clusters.iter().map(|c| c.id.as_str()));
        for c in &self.clusters {
            p.provenance(&format!("clusters.toml: {}", c.id), &c.provenance);
            p.check(
                matches!(
                    c.group.as_str(),
                    "core_labour_standards" | "working_conditions"
                ),
                || format!("clusters.toml: {} group {:?}", c.id, c.group),
            );
        }
        let areas: BTreeSet<&str> = self.bsci.area.iter().map(|a| a.id.as_str()).collect();
        p.unique("bsci.toml", self.bsci.area.iter().map(|a| a.id.as_str()));
        p.provenance("bsci.toml", &self.bsci.provenance);
        p.unique(
            "compliance_points.toml",
            self.points.iter().map(|c| c.id.as_str()),
        );
        let mut names = BTreeSet::new();
        for cp in &self.points {
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
        Known {
            points: self.points.iter().map(|c| c.id.as_str()).collect(),
            tools: c.tool.iter().map(|t| t.id.as_str()).collect(),
        }
    }

    pub(crate) fn index<'a>(&'a self, index: &mut Index<'a>) {
        index.clusters = self
            .clusters
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        index.points = self
            .points
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        index.areas = self
            .bsci
            .area
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        index.tools = self
            .catalogue
            .tool
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), i))
            .collect();
    }

    /// `VERSION` and `DATA_DATE`.
    pub(crate) fn write_header(&self, s: &mut String) {
        let _ = writeln!(
            s,
            "pub(crate) const VERSION: &str = {:?};",
            self.catalogue.version
        );
        let _ = writeln!(
            s,
            "pub(crate) const DATA_DATE: NaiveDate = {};\n",
            date_expr(&self.catalogue.data_date)
        );
    }

    /// `TOOLS`, `MAPPINGS`, `BSCI_AREAS`, `CLUSTERS` and `COMPLIANCE_POINTS`;
    /// `questions` gives each point's first question and count.
    pub(crate) fn write(
        &self,
        s: &mut String,
        index: &Index<'_>,
        questions: &BTreeMap<&str, (usize, usize)>,
        prints: &mut Fingerprints,
    ) {
        let tools = &self.catalogue.tool;
        let _ = writeln!(s, "pub(crate) static TOOLS: [ToolRow; {}] = [", tools.len());
        for (n, t) in tools.iter().enumerate() {
            let row = format!(
                "    ToolRow {{ index: {n}, id: {:?}, name: {:?}, released: {}, note: {:?} }},",
                t.id,
                t.name,
                date_expr(&t.released),
                t.note
            );
            prints.add(&format!("tool:{}", t.id), &row);
            let _ = writeln!(s, "{row}");
        }
        s.push_str("];\n\n");

        let mappings = &self.catalogue.mapping;
        let _ = writeln!(
            s,
            "pub(crate) static MAPPINGS: [MappingRow; {}] = [",
            mappings.len()
        );
        for m in mappings {
            let ids = |list: &[String]| -> Vec<usize> {
                list.iter()
                    .map(|q| Index::at(&index.questions, q))
                    .collect()
            };
            let row = format!(
                "    MappingRow {{ from_tool: &TOOLS[{}], to_tool: &TOOLS[{}], kind: MappingKind::{}, from: {}, to: {}, note: {:?} }},",
                Index::at(&index.tools, &m.from_tool),
                Index::at(&index.tools, &m.to_tool),
                camel(&m.kind),
                refs("super::questions::QUESTIONS", &ids(&m.from)),
                refs("super::questions::QUESTIONS", &ids(&m.to)),
                m.note
            );
            prints.add(
                &format!("mapping:{}->{}", m.from.join("+"), m.to.join("+")),
                &row,
            );
            let _ = writeln!(s, "{row}");
        }
        s.push_str("];\n\n");

        let _ = writeln!(
            s,
            "pub(crate) static BSCI_AREAS: [BsciRow; {}] = [",
            self.bsci.area.len()
        );
        for a in &self.bsci.area {
            let row = format!("    BsciRow {{ id: {:?}, name: {:?} }},", a.id, a.name);
            prints.add(&format!("bsci:{}", a.id), &row);
            let _ = writeln!(s, "{row}");
        }
        s.push_str("];\n");
        let _ = writeln!(
            s,
            "pub(crate) const BSCI_PROVENANCE: Provenance = {};\n",
            provenance_expr(&self.bsci.provenance)
        );
        self.write_points(s, index, questions, prints);
    }

    /// `CLUSTERS` and `COMPLIANCE_POINTS`.
    fn write_points(
        &self,
        s: &mut String,
        index: &Index<'_>,
        questions: &BTreeMap<&str, (usize, usize)>,
        prints: &mut Fingerprints,
    ) {
        let _ = writeln!(
            s,
            "pub(crate) static CLUSTERS: [ClusterRow; {}] = [",
            self.clusters.len()
        );
        for (n, c) in self.clusters.iter().enumerate() {
            let first = self
                .points
                .iter()
                .position(|p| p.cluster == c.id)
                .unwrap_or(0);
            let count = self.points.iter().filter(|p| p.cluster == c.id).count();
            let row = format!(
                "    ClusterRow {{ index: {n}, id: {:?}, order: {}, name: {:?}, group: ClusterGroup::{}, aliases: &{:?}, points: {first}..{}, provenance: {} }},",
                c.id,
                c.order,
                c.name,
                camel(&c.group),
                c.aliases,
                first + count,
                provenance_expr(&c.provenance)
            );
            prints.add(&format!("cluster:{}", c.id), &row);
            let _ = writeln!(s, "{row}");
        }
        s.push_str("];\n\n");

        let _ = writeln!(
            s,
            "pub(crate) static COMPLIANCE_POINTS: [PointRow; {}] = [",
            self.points.len()
        );
        for (n, cp) in self.points.iter().enumerate() {
            let ilo: Vec<usize> = cp
                .ilo
                .iter()
                .map(|c| Index::at(&index.instruments, c))
                .collect();
            let bsci: Vec<usize> = cp.bsci.iter().map(|c| Index::at(&index.areas, c)).collect();
            let (first, count) = questions.get(cp.id.as_str()).copied().unwrap_or((0, 0));
            let row = format!(
                "    PointRow {{ index: {n}, id: {:?}, cluster: &CLUSTERS[{}], order: {}, name: {:?}, aliases: &{:?}, ilo: {}, bsci: {}, trend_group: {}, questions: {first}..{}, provenance: {} }},",
                cp.id,
                Index::at(&index.clusters, &cp.cluster),
                cp.order,
                cp.name,
                cp.aliases,
                refs("INSTRUMENTS", &ilo),
                refs("BSCI_AREAS", &bsci),
                opt_str(cp.trend_group.as_deref()),
                first + count,
                provenance_expr(&cp.provenance)
            );
            prints.add(&format!("compliance_point:{}", cp.id), &row);
            let _ = writeln!(s, "{row}");
        }
        s.push_str("];\n");
    }
}
