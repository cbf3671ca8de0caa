//! Tables as researchers load them: CSV whose columns depend only on what
//! the table is grouped by, never on the data, with rates that always have a
//! decimal point and booleans that pandas, Polars and R read as logical.

use std::fmt::Write as _;

use decentwork_scoring::Tally;

use crate::render::csv_field;
use crate::types::{QuestionRateLine, Rate, SynthesisLevel, SynthesisReport};

/// A rate as CSV writes it: four decimals, always with the point (`0.2500`,
/// `1.0000`), so that every reader types the column as a number with a
/// fraction; empty when nothing was assessed.
#[must_use]
pub(crate) fn rate_text(rate: Rate) -> String {
    rate.rate
        .map(|r| format!("{:.4}", r.round_dp(4)))
        .unwrap_or_default()
}

/// A boolean as CSV writes it: `TRUE` or `FALSE`, which R's `read.csv`,
/// pandas and Polars all read as logical without arguments (R reads
/// `true` as text).
pub(crate) fn bool_text(value: bool) -> &'static str {
    if value { "TRUE" } else { "FALSE" }
}

/// Question-level rows summed by public-disclosure flag: (public, not public).
pub(crate) fn by_disclosure(rows: &[QuestionRateLine]) -> (Tally, Tally) {
    let mut public = Tally::default();
    let mut other = Tally::default();
    for r in rows {
        let t = Tally::new(r.assessments.non_compliant, r.assessments.assessed);
        if r.public {
            public += t;
        } else {
            other += t;
        }
    }
    (public, other)
}

/// The synthesis as CSV: question-level rows when it has them; otherwise its
/// grouping's columns (`country,country_code` by country; `cycle`;
/// `cluster,cluster_id` by cluster or point; `cp,cp_id` by point) in that
/// order, then `assessed,non_compliant,rate`.
pub(crate) fn synthesis_csv(report: &SynthesisReport) -> String {
    let mut out = String::new();
    if report.level == SynthesisLevel::Question {
        let _ = writeln!(out, "{}", report.table_columns().join(","));
        for r in &report.questions {
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},{}",
                csv_field(&r.question_id),
                csv_field(&r.question),
                csv_field(&r.cluster),
                csv_field(r.cluster_id.as_deref().unwrap_or("")),
                csv_field(&r.cp),
                csv_field(r.cp_id.as_deref().unwrap_or("")),
                bool_text(r.public),
                r.assessments.assessed,
                r.assessments.non_compliant,
                rate_text(r.assessments),
            );
        }
        return out;
    }
    let (country, cycle, cluster, cp) = report.grouping();
    let header = report.table_columns();
    let _ = writeln!(out, "{}", header.join(","));
    for r in &report.rows {
        let text = |v: &Option<String>| csv_field(v.as_deref().unwrap_or(""));
        let mut fields: Vec<String> = Vec::new();
        if country {
            fields.push(text(&r.country));
            fields.push(
                r.country_code
                    .map(|c| c.code().to_owned())
                    .unwrap_or_default(),
            );
        }
        if cycle {
            fields.push(r.cycle.map(|c| c.to_string()).unwrap_or_default());
        }
        if cluster {
            fields.push(text(&r.cluster));
            fields.push(text(&r.cluster_id));
        }
        if cp {
            fields.push(text(&r.cp));
            fields.push(text(&r.cp_id));
        }
        fields.push(r.assessments.assessed.to_string());
        fields.push(r.assessments.non_compliant.to_string());
        fields.push(rate_text(r.assessments));
        let _ = writeln!(out, "{}", fields.join(","));
    }
    out
}

impl SynthesisReport {
    /// Whether rows are grouped by country, cycle, cluster, point (grouping
    /// by point brings its cluster).
    pub(crate) fn grouping(&self) -> (bool, bool, bool, bool) {
        let by = |key: &str| self.population.group_by.iter().any(|g| g == key);
        let cp = by("cp");
        (by("country"), by("cycle"), cp || by("cluster"), cp)
    }

    /// The table's columns, which depend only on its level and grouping.
    pub(crate) fn table_columns(&self) -> Vec<&'static str> {
        if self.level == SynthesisLevel::Question {
            return vec![
                "question_id",
                "question",
                "cluster",
                "cluster_id",
                "cp",
                "cp_id",
                "public",
                "assessed",
                "non_compliant",
                "rate",
            ];
        }
        let (country, cycle, cluster, cp) = self.grouping();
        let mut header: Vec<&'static str> = Vec::new();
        if country {
            header.extend(["country", "country_code"]);
        }
        if cycle {
            header.push("cycle");
        }
        if cluster {
            header.extend(["cluster", "cluster_id"]);
        }
        if cp {
            header.extend(["cp", "cp_id"]);
        }
        header.extend(["assessed", "non_compliant", "rate"]);
        header
    }
}
