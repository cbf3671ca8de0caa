//! Renderers: Markdown, self-contained HTML (tables and inline SVG bar charts,
//! no JavaScript, no network) and CSV for the tabular parts.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::types::{
    BrandPortfolioReport, FactoryAssessmentReport, ProgrammeSummary, ProgressReportDocument,
    PublicDisclosureReport, Rate, SynthesisReport,
};

/// A report that can be rendered.
pub trait Render {
    /// Markdown.
    fn markdown(&self) -> String;

    /// A self-contained HTML page.
    fn html(&self) -> String {
        html_page(
            &self.title(),
            &markdown_to_html(&self.markdown()),
            &self.chart(),
        )
    }

    /// CSV of the report's main table, if it has one.
    fn csv(&self) -> Option<String> {
        None
    }

    /// The page title.
    fn title(&self) -> String;

    /// Bars for an SVG chart of non-compliance rates: (label, rate).
    fn chart(&self) -> Vec<(String, Rate)> {
        Vec::new()
    }
}

fn percent(rate: Rate) -> String {
    rate.rate.map_or_else(
        || "–".to_owned(),
        |r| format!("{}%", (r * Decimal::ONE_HUNDRED).round_dp(1).normalize()),
    )
}

fn status_word(status: decentwork_scoring::PointStatus) -> &'static str {
    match status {
        decentwork_scoring::PointStatus::NonCompliant => "non-compliant",
        decentwork_scoring::PointStatus::Compliant => "compliant",
        decentwork_scoring::PointStatus::NotApplicable => "not applicable",
        decentwork_scoring::PointStatus::NotAssessed => "not assessed",
    }
}

/// Escapes a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

impl Render for FactoryAssessmentReport {
    fn title(&self) -> String {
        format!(
            "Assessment report: {} (cycle {})",
            self.factory.name, self.cycle
        )
    }

    fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n", self.title());
        let _ = writeln!(
            out,
            "Factory {} ({}), {}. Assessment {}, visit {} to {}. Report date {}; catalogue {}.\n",
            self.factory.id,
            self.factory.jurisdiction,
            self.factory.country,
            self.assessment,
            self.visit.0,
            self.visit.1,
            self.meta.report_date,
            self.meta.catalogue_version
        );
        let _ = writeln!(
            out,
            "**Overall:** {} of {} compliance points assessed are non-compliant ({}).\n",
            self.overall.non_compliant,
            self.overall.assessed,
            percent(self.overall)
        );
        if !self.alerts.is_empty() {
            let _ = writeln!(out, "## Alerts\n");
            for a in &self.alerts {
                let kind = match a.kind {
                    decentwork_scoring::AlertKind::ZeroTolerance => "Zero tolerance",
                    _ => "Critical issue",
                };
                let _ = writeln!(
                    out,
                    "- **{kind}** — {} {} (ILO: {})",
                    a.question.id,
                    a.question.text,
                    a.question.ilo.join(", ")
                );
                for law in &a.legal_references {
                    let _ = writeln!(out, "  - {law}");
                }
            }
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "## Clusters\n\n| Cluster | Non-compliant points | Assessed | Rate |\n|---|---:|---:|---:|"
        );
        for c in &self.clusters {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                cell(&c.name),
                c.points_rate.non_compliant,
                c.points_rate.assessed,
                percent(c.points_rate)
            );
        }
        out.push('\n');
        let _ = writeln!(out, "## Findings\n");
        for c in &self.clusters {
            for p in c.points.iter().filter(|p| !p.non_compliant.is_empty()) {
                let _ = writeln!(out, "### {} — {}\n", c.name, p.name);
                for q in &p.non_compliant {
                    let _ = writeln!(out, "- {} {} (ILO: {})", q.id, q.text, q.ilo.join(", "));
                }
                if !p.legal_references.is_empty() {
                    let _ = writeln!(out, "\nNational law: {}", p.legal_references.join("; "));
                }
                out.push('\n');
            }
        }
        if let Some(change) = &self.change {
            let _ = writeln!(
                out,
                "## Change since cycle {} ({})\n",
                change.previous_cycle, change.previous
            );
            let list = |v: &[String]| {
                if v.is_empty() {
                    "none".to_owned()
                } else {
                    v.join(", ")
                }
            };
            let _ = writeln!(out, "- Newly compliant: {}", list(&change.newly_compliant));
            let _ = writeln!(
                out,
                "- Newly non-compliant: {}",
                list(&change.newly_non_compliant)
            );
            let _ = writeln!(out, "- Still non-compliant: {}\n", list(&change.persistent));
        }
        if !self.notes.is_empty() {
            let _ = writeln!(out, "## Notes on the findings\n");
            for n in &self.notes {
                let _ = writeln!(out, "- {n}");
            }
        }
        out
    }

    fn csv(&self) -> Option<String> {
        let mut out = String::from("cluster,cp_id,cp,status,non_compliant_questions\n");
        for c in &self.clusters {
            for p in &c.points {
                let ids: Vec<&str> = p.non_compliant.iter().map(|q| q.id.as_str()).collect();
                let _ = writeln!(
                    out,
                    "{},{},{},{},{}",
                    csv_field(&c.name),
                    p.id,
                    csv_field(&p.name),
                    status_word(p.status).replace(' ', "_"),
                    csv_field(&ids.join(" "))
                );
            }
        }
        Some(out)
    }

    fn chart(&self) -> Vec<(String, Rate)> {
        self.clusters
            .iter()
            .map(|c| (c.name.clone(), c.points_rate))
            .collect()
    }
}

impl Render for ProgressReportDocument {
    fn title(&self) -> String {
        format!("Progress report: {}", self.factory.name)
    }

    fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# {}\n\nReport date {}.\n",
            self.title(),
            self.meta.report_date
        );
        let p = &self.plan;
        let _ = writeln!(
            out,
            "## Improvement plan\n\n{} items: {} pending, {} in progress, {} completed; {} overdue.\n",
            p.items, p.pending, p.in_progress, p.completed, p.overdue
        );
        for (target, n) in &p.open_by_target {
            let _ = writeln!(out, "- {target}: {n} open");
        }
        let _ = writeln!(
            out,
            "\n## Committees\n\n| Committee | Kind | Members | Worker seats | Women (worker seats) | Chair | Meetings (12 months) | With minutes |\n|---|---|---:|---:|---:|---|---:|---:|"
        );
        for c in &self.committees {
            let _ = writeln!(
                out,
                "| {} | {:?} | {} | {} | {} | {} | {} | {} |",
                cell(&c.id),
                c.kind,
                c.members,
                c.worker_seats,
                c.women_worker_seats,
                if c.has_chair { "yes" } else { "vacant" },
                c.meetings_last_year,
                c.meetings_with_minutes
            );
        }
        if !self.social_dialogue.is_empty() {
            let _ = writeln!(out, "\n## Social dialogue\n");
            for d in &self.social_dialogue {
                let _ = writeln!(out, "- {}: {:?}", d.topic, d.rating);
            }
        }
        out
    }

    fn csv(&self) -> Option<String> {
        let mut out = String::from(
            "committee,kind,members,worker_seats,women_worker_seats,has_chair,meetings_last_year,meetings_with_minutes\n",
        );
        for c in &self.committees {
            let kind = format!("{:?}", c.kind);
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{}",
                csv_field(&c.id),
                kind,
                c.members,
                c.worker_seats,
                c.women_worker_seats,
                c.has_chair,
                c.meetings_last_year,
                c.meetings_with_minutes
            );
        }
        Some(out)
    }
}

impl Render for PublicDisclosureReport {
    fn title(&self) -> String {
        format!("Public disclosure: {}", self.factory_name)
    }

    fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# {}\n\n{}, assessed {}.\n\n| Question | Issue | Result |\n|---|---|---|",
            self.title(),
            self.country,
            self.assessed_on
        );
        for i in &self.items {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                i.question.id,
                cell(&i.question.text),
                if i.non_compliant {
                    "non-compliant"
                } else {
                    "compliant"
                }
            );
        }
        out
    }

    fn csv(&self) -> Option<String> {
        let mut out = String::from("factory,question_id,question,non_compliant\n");
        for i in &self.items {
            let _ = writeln!(
                out,
                "{},{},{},{}",
                csv_field(&self.factory_name),
                i.question.id,
                csv_field(&i.question.text),
                u8::from(i.non_compliant)
            );
        }
        Some(out)
    }
}

impl Render for BrandPortfolioReport {
    fn title(&self) -> String {
        format!("Portfolio of {}", self.brand_name)
    }

    fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# {}\n\nFactories whose consent to share assessment reports with {} is valid on {}.\n\n| Factory | Country | Consent since | Latest assessment | Non-compliant points | Zero tolerance | Critical issues |\n|---|---|---|---|---:|---:|---:|",
            self.title(),
            self.brand_name,
            self.meta.report_date
        );
        for f in &self.factories {
            match &f.latest {
                Some(a) => {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} | {} (cycle {}) | {} | {} | {} |",
                        cell(&f.factory.name),
                        f.factory.country,
                        f.consent_since,
                        a.start,
                        a.cycle,
                        percent(a.overall),
                        a.zero_tolerance,
                        a.critical_issues
                    );
                }
                None => {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} | none | – | – | – |",
                        cell(&f.factory.name),
                        f.factory.country,
                        f.consent_since
                    );
                }
            }
        }
        out
    }

    fn csv(&self) -> Option<String> {
        let mut out = String::from(
            "factory_id,factory,country,consent_since,assessment,cycle,start,assessed,non_compliant,rate,zero_tolerance,critical_issues\n",
        );
        for f in &self.factories {
            let (a, c, s, assessed, nc, rate, zt, ci) =
                f.latest.as_ref().map_or_else(Default::default, |a| {
                    (
                        a.assessment.to_string(),
                        a.cycle.to_string(),
                        a.start.to_string(),
                        a.overall.assessed.to_string(),
                        a.overall.non_compliant.to_string(),
                        a.overall.rate.map(|r| r.to_string()).unwrap_or_default(),
                        a.zero_tolerance.to_string(),
                        a.critical_issues.to_string(),
                    )
                });
            let _ = writeln!(
                out,
                "{},{},{},{},{a},{c},{s},{assessed},{nc},{rate},{zt},{ci}",
                f.factory.id,
                csv_field(&f.factory.name),
                csv_field(&f.factory.country),
                f.consent_since
            );
        }
        Some(out)
    }

    fn chart(&self) -> Vec<(String, Rate)> {
        self.factories
            .iter()
            .filter_map(|f| {
                f.latest
                    .as_ref()
                    .map(|a| (f.factory.name.clone(), a.overall))
            })
            .collect()
    }
}

impl Render for SynthesisReport {
    fn title(&self) -> String {
        self.title.clone()
    }

    fn markdown(&self) -> String {
        let mut out = String::new();
        let p = &self.population;
        let _ = writeln!(out, "# {}\n", self.title);
        let _ = writeln!(
            out,
            "Population: {}; {} assessments of {} factories{}{}. Grouped by {}. Duplicate rows ignored: {}; conflicting rows: {}; obsolete assessments left out: {}.\n",
            p.selection,
            p.assessments,
            p.factories,
            if p.harmonised {
                "; worst forms merged, \"Systems\" read as OSH"
            } else {
                ""
            },
            if p.exclude_obsolete {
                "; obsolete factories left out"
            } else {
                ""
            },
            if p.group_by.is_empty() {
                "nothing".to_owned()
            } else {
                p.group_by.join(", ")
            },
            p.duplicates_ignored,
            p.conflicting_rows,
            p.excluded_obsolete
        );
        if self.level == crate::SynthesisLevel::Question {
            let (public, other) = crate::tabular::by_disclosure(&self.questions);
            let _ = writeln!(
                out,
                "Publicly disclosed questions: {} of {} assessment-question pairs non-compliant; others: {} of {}.\n",
                public.non_compliant, public.assessed, other.non_compliant, other.assessed
            );
            let _ = writeln!(
                out,
                "| Question | Compliance point | Public | Assessed | Non-compliant | Rate |\n|---|---|---|---:|---:|---:|"
            );
            for r in &self.questions {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} |",
                    cell(&r.question_id),
                    cell(&r.cp),
                    if r.public { "yes" } else { "no" },
                    r.assessments.assessed,
                    r.assessments.non_compliant,
                    percent(r.assessments)
                );
            }
            return out;
        }
        let _ = writeln!(
            out,
            "| Country | Cycle | Cluster | Compliance point | Assessed | Non-compliant | Rate |\n|---|---:|---|---|---:|---:|---:|"
        );
        for r in &self.rows {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                cell(r.country.as_deref().unwrap_or("")),
                r.cycle.map(|c| c.to_string()).unwrap_or_default(),
                cell(r.cluster.as_deref().unwrap_or("")),
                cell(r.cp.as_deref().unwrap_or("")),
                r.assessments.assessed,
                r.assessments.non_compliant,
                percent(r.assessments)
            );
        }
        out
    }

    fn csv(&self) -> Option<String> {
        Some(crate::tabular::synthesis_csv(self))
    }

    fn chart(&self) -> Vec<(String, Rate)> {
        self.rows
            .iter()
            .map(|r| {
                let label: Vec<String> = [
                    r.country.clone(),
                    r.cycle.map(|c| format!("cycle {c}")),
                    r.cp.clone().or_else(|| r.cluster.clone()),
                ]
                .into_iter()
                .flatten()
                .collect();
                (label.join(" · "), r.assessments)
            })
            .collect()
    }
}

impl Render for ProgrammeSummary {
    fn title(&self) -> String {
        format!("Country programme summary: {}", self.country.name())
    }

    fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n\nOn {}.\n", self.title(), self.meta.report_date);
        let _ = writeln!(out, "- Factories enrolled: {}", self.factories);
        let _ = writeln!(out, "- Workers: {}", self.workers);
        let _ = writeln!(
            out,
            "- Women among workers: {}",
            self.women_percent
                .map_or_else(|| "–".to_owned(), |p| format!("{p}%"))
        );
        let kinds: Vec<String> = self
            .committees_by_kind
            .iter()
            .map(|(k, n)| format!("{k:?} {n}"))
            .collect();
        let _ = writeln!(
            out,
            "- Committees: {}",
            if kinds.is_empty() {
                "none".to_owned()
            } else {
                kinds.join(", ")
            }
        );
        let t = self.trained;
        let _ = writeln!(
            out,
            "- People trained: {} ({} women, {} men, {} other or undisclosed)",
            t.total, t.women, t.men, t.other
        );
        let _ = writeln!(out, "- Buyer partners: {}", self.brand_partners);
        out
    }
}

/// Quotes a CSV field when needed (RFC 4180), so R and pandas read it as is.
#[must_use]
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A small Markdown-to-HTML converter for the Markdown these renderers write:
/// headings, paragraphs, bullet lists, bold, and pipe tables.
fn markdown_to_html(markdown: &str) -> String {
    let mut out = String::new();
    let mut in_list = false;
    let mut table: Vec<Vec<String>> = Vec::new();
    let flush_table = |out: &mut String, table: &mut Vec<Vec<String>>| {
        if table.is_empty() {
            return;
        }
        out.push_str("<table>\n");
        for (i, row) in table.iter().enumerate() {
            let tag = if i == 0 { "th" } else { "td" };
            out.push_str("<tr>");
            for c in row {
                let _ = write!(out, "<{tag}>{}</{tag}>", inline(c));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>\n");
        table.clear();
    };
    for line in markdown.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('|') {
            let cells: Vec<String> = trimmed
                .trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().replace("\\|", "|"))
                .collect();
            if !cells
                .iter()
                .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':')))
            {
                table.push(cells);
            }
            continue;
        }
        flush_table(&mut out, &mut table);
        let item = trimmed.strip_prefix("- ");
        if item.is_none() && in_list {
            out.push_str("</ul>\n");
            in_list = false;
        }
        if let Some(item) = item {
            if !in_list {
                out.push_str("<ul>\n");
                in_list = true;
            }
            let _ = writeln!(out, "<li>{}</li>", inline(item));
        } else if let Some(h) = trimmed.strip_prefix("### ") {
            let _ = writeln!(out, "<h3>{}</h3>", inline(h));
        } else if let Some(h) = trimmed.strip_prefix("## ") {
            let _ = writeln!(out, "<h2>{}</h2>", inline(h));
        } else if let Some(h) = trimmed.strip_prefix("# ") {
            let _ = writeln!(out, "<h1>{}</h1>", inline(h));
        } else if !trimmed.is_empty() {
            let _ = writeln!(out, "<p>{}</p>", inline(trimmed));
        }
    }
    flush_table(&mut out, &mut table);
    if in_list {
        out.push_str("</ul>\n");
    }
    out
}

/// Escapes text and turns `**bold**` into `<strong>`.
fn inline(text: &str) -> String {
    let escaped = escape(text);
    let mut out = String::new();
    for (i, part) in escaped.split("**").enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<strong>{part}</strong>");
        } else {
            out.push_str(part);
        }
    }
    out
}

/// An inline SVG bar chart of rates (0–100 %).
fn svg_chart(bars: &[(String, Rate)]) -> String {
    if bars.is_empty() {
        return String::new();
    }
    let row = 22;
    let height = bars.len() * row + 30;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Non-compliance rates\" width=\"720\" height=\"{height}\" viewBox=\"0 0 720 {height}\">\n"
    );
    for (i, (label, rate)) in bars.iter().enumerate() {
        let y = i * row + 10;
        let pct = rate
            .rate
            .map_or(Decimal::ZERO, |r| r * Decimal::ONE_HUNDRED);
        // 400 px for 100 %.
        let width = (pct * Decimal::from(4)).round().to_string();
        let _ = writeln!(
            svg,
            "<text x=\"0\" y=\"{}\" font-size=\"12\">{}</text><rect x=\"260\" y=\"{}\" width=\"{width}\" height=\"16\" fill=\"#c0392b\"/><text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
            y + 12,
            escape(&label.chars().take(40).collect::<String>()),
            y,
            265 + 400,
            y + 12,
            escape(&percent(*rate))
        );
    }
    svg.push_str("</svg>\n");
    svg
}

fn html_page(title: &str, body: &str, chart: &[(String, Rate)]) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\nbody{{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}}\ntable{{border-collapse:collapse;margin:1em 0}}\nth,td{{border:1px solid #bbb;padding:.3em .6em;text-align:left}}\nth{{background:#eee}}\n</style>\n</head>\n<body>\n{}{}</body>\n</html>\n",
        escape(title),
        body,
        if chart.is_empty() {
            String::new()
        } else {
            format!("<h2>Non-compliance rates</h2>\n{}", svg_chart(chart))
        }
    )
}
