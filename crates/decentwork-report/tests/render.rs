//! The renderers without a browser: Markdown parsed as `CommonMark` with GitHub
//! tables (tables are tables, headings where expected, data cannot add
//! structure), CSV read back (cells neutralised against formulas, no cell
//! lost), HTML escaped by the engine, and no identifier in any reader-facing
//! text of any report kind (issue 14, point 5).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

mod support;

use decentwork_model::CommitteeKind;
use decentwork_report::{Render, csv_field};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use support::HOSTILE;

// ---- Markdown ----

/// The structure of a Markdown text: block and inline elements opened and
/// closed, HTML, code and links flagged; text left out.
fn skeleton(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, Options::ENABLE_TABLES)
        .filter_map(|event| match event {
            Event::Start(Tag::Table(aligns)) => Some(format!("+Table{}", aligns.len())),
            Event::Start(tag) => Some(format!("+{:?}", tag.to_end())),
            Event::End(end) => Some(format!("-{end:?}")),
            Event::Html(_) | Event::InlineHtml(_) => Some("HTML".to_owned()),
            Event::Code(_) => Some("CODE".to_owned()),
            Event::Rule => Some("RULE".to_owned()),
            _ => None,
        })
        .collect()
}

/// The text a reader sees, soft breaks as spaces.
fn plain(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::TableCell | TagEnd::Paragraph | TagEnd::Heading(_)) => {
                out.push('\n');
            }
            _ => {}
        }
    }
    out
}

/// Headings as (level, text).
fn headings(markdown: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some((level as usize, String::new()));
            }
            Event::Text(t) => {
                if let Some((_, text)) = &mut current {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

/// Every table as its header cells and rows of cells.
fn tables(markdown: &str) -> Vec<(Vec<String>, Vec<Vec<String>>)> {
    let mut out = Vec::new();
    let mut head: Vec<String> = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell: Option<String> = None;
    let mut in_head = false;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                head = std::mem::take(&mut row);
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::Text(t) => {
                if let Some(c) = &mut cell {
                    c.push_str(&t);
                }
            }
            Event::End(TagEnd::TableCell) => row.extend(cell.take()),
            Event::End(TagEnd::TableRow) if !in_head => rows.push(std::mem::take(&mut row)),
            Event::End(TagEnd::Table) => {
                out.push((std::mem::take(&mut head), std::mem::take(&mut rows)));
            }
            _ => {}
        }
    }
    out
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn markdown_tables_are_tables() {
    for (name, report) in support::all() {
        let md = report.markdown();
        assert_eq!(
            headings(&md)
                .iter()
                .filter(|(level, _)| *level == 1)
                .count(),
            1,
            "{name}: one title"
        );
        for (head, rows) in tables(&md) {
            for row in &rows {
                assert_eq!(row.len(), head.len(), "{name}: a row as wide as its header");
                assert!(
                    !row.iter()
                        .any(|c| c.trim_start_matches(':').starts_with("---")),
                    "{name}: a separator read as a row: {row:?}"
                );
            }
        }
    }

    let full = support::full_assessment_report().markdown();
    let found = tables(&full);
    assert_eq!(found.len(), 1, "the cluster table");
    let (head, rows) = &found[0];
    assert_eq!(
        head,
        &["Cluster", "Non-compliant points", "Points assessed", "Rate"]
    );
    assert_eq!(rows.len(), 8, "one row per cluster");
    assert_eq!(rows[2][0], "Forced Labour");
    assert_eq!(rows[2][3], "not assessed", "the skipped cluster");
    let h2: Vec<String> = headings(&full)
        .into_iter()
        .filter(|(level, _)| *level == 2)
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        h2,
        [
            "Zero-tolerance and critical-issue findings",
            "Compliance by cluster",
            "Findings",
            "Change since cycle 2 (assessment BD-A-2023-201)",
            "Committees the law requires",
            "Notes on the findings",
        ]
    );
    let findings = headings(&full).into_iter().filter(|(l, _)| *l == 3).count();
    let report = support::full_assessment_report();
    let non_compliant = report
        .clusters
        .iter()
        .flat_map(|c| &c.points)
        .filter(|p| !p.non_compliant.is_empty())
        .count();
    assert_eq!(
        findings, non_compliant,
        "one heading per non-compliant point"
    );

    let synthesis = support::trend_synthesis_report();
    let md = synthesis.markdown();
    let (head, rows) = &tables(&md)[0];
    assert_eq!(
        head,
        &[
            "Country",
            "Cycle",
            "Cluster",
            "Assessed",
            "Non-compliant",
            "Rate"
        ],
        "columns of the grouping keys used, and the counts"
    );
    assert_eq!(rows.len(), synthesis.rows.len());
}

#[test]
fn markdown_data_cannot_add_structure() {
    let pairs = [
        (
            support::full_assessment_report().markdown(),
            support::hostile_assessment_report().markdown(),
        ),
        (
            support::progress_report().markdown(),
            support::hostile_progress_report().markdown(),
        ),
        (
            support::full_disclosure_report().markdown(),
            support::hostile_disclosure_report().markdown(),
        ),
        (
            support::full_portfolio_report().markdown(),
            support::hostile_portfolio_report().markdown(),
        ),
        (
            support::trend_synthesis_report().markdown(),
            support::hostile_synthesis_report().markdown(),
        ),
    ];
    let hostile = collapse(HOSTILE);
    for (plain_md, hostile_md) in pairs {
        let (a, b) = (skeleton(&plain_md), skeleton(&hostile_md));
        let first = a.iter().zip(&b).position(|(x, y)| x != y);
        assert!(
            a == b,
            "the structure changed with hostile text (at event {first:?} of {} and {}):\n{hostile_md}",
            a.len(),
            b.len()
        );
        let text = plain(&hostile_md);
        assert!(
            text.contains(&hostile),
            "the hostile text reads back literally:\n{text}"
        );
        assert!(
            !skeleton(&hostile_md)
                .iter()
                .any(|e| e == "HTML" || e == "CODE")
        );
    }
}

#[test]
fn empty_states_say_what_happened() {
    let cases: [(Box<dyn Render>, &str); 6] = [
        (
            Box::new(support::empty_portfolio_report()),
            "No factory had consent valid on 2024-06-30 to share assessment reports with Haven Stores (example).",
        ),
        (
            Box::new(support::empty_assessment_report()),
            "No compliance point was assessed",
        ),
        (
            Box::new(support::empty_synthesis_report()),
            "No assessment matched the selection (every cycle 9 assessment, all dates), so the synthesis has no rows.",
        ),
        (
            Box::new(support::empty_progress_report()),
            "The improvement plan has no item on 2024-06-30.",
        ),
        (
            Box::new(support::empty_disclosure_report()),
            "No question published under public disclosure was assessed in this assessment.",
        ),
        (
            Box::new(support::empty_programme_summary()),
            "No factory was enrolled in Cambodia on 2024-06-30.",
        ),
    ];
    for (report, sentence) in cases {
        assert!(
            plain(&report.markdown()).contains(sentence),
            "Markdown: {sentence}"
        );
        assert!(
            report.html().contains(&sentence.replace('\'', "&#39;")),
            "HTML: {sentence}"
        );
    }
    let no_findings = support::full_assessment_report();
    let mut clean = no_findings.clone();
    for c in &mut clean.clusters {
        for p in &mut c.points {
            p.non_compliant.clear();
            p.status = decentwork_scoring::PointStatus::Compliant;
        }
    }
    assert!(
        clean
            .markdown()
            .contains("No compliance point was found non-compliant in this assessment.")
    );
}

// ---- CSV ----

#[test]
fn csv_fields_are_neutralised() {
    let cases = [
        ("Meghna Apparels", "Meghna Apparels"),
        ("=1+1", "\"'=1+1\""),
        ("+1", "\"'+1\""),
        ("-1+1", "\"'-1+1\""),
        ("-", "\"'-\""),
        ("@SUM(A1:A2)", "\"'@SUM(A1:A2)\""),
        ("\tx", "\"'\tx\""),
        ("\rx", "\"'\rx\""),
        ("=\"quoted\"", "\"'=\"\"quoted\"\"\""),
        ("-3.5", "-3.5"),
        ("-12", "-12"),
        ("0.4286", "0.4286"),
        ("a, b", "\"a, b\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("", ""),
    ];
    for (input, output) in cases {
        assert_eq!(csv_field(input), output, "{input:?}");
    }
}

#[test]
fn csv_reads_back_whole_and_inert() {
    for (name, report) in support::all() {
        let Some(text) = report.csv() else { continue };
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let width = reader.headers().unwrap().len();
        let mut rows = 0;
        for record in reader.records() {
            let record = record.unwrap();
            assert_eq!(
                record.len(),
                width,
                "{name}: every row as wide as the header"
            );
            for cell in &record {
                let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
                let number = cell.parse::<f64>().is_ok() && !cell.starts_with('+');
                assert!(
                    !risky || number,
                    "{name}: a cell a spreadsheet would run: {cell:?}"
                );
                if let Some(inert) = cell.strip_prefix('\'') {
                    assert_eq!(inert, HOSTILE, "{name}: only the hostile text is prefixed");
                }
            }
            rows += 1;
        }
        if name == "factory-assessment-hostile" {
            assert_eq!(rows, 39, "one row per compliance point");
            assert!(text.contains(&format!("\"'{}\"", HOSTILE.replace('"', "\"\""))));
        }
    }
}

// ---- HTML ----

#[test]
fn html_escapes_every_value() {
    for (name, report) in support::all() {
        let html = report.html();
        assert!(html.starts_with("<!DOCTYPE html>"), "{name}");
        assert!(
            html.contains(
                r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#
            ),
            "{name}: a viewport"
        );
        assert!(!html.contains("<script"), "{name}: no script");
        assert!(
            !html.contains("src=") && !html.contains("href=") && !html.contains("url("),
            "{name}: nothing fetched"
        );
        assert_eq!(html.matches("<h1").count(), 1, "{name}: one title");
        if name.ends_with("-hostile") {
            assert!(
                html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"),
                "{name}"
            );
            assert!(!html.contains("<strong>bold</strong>"), "{name}");
        }
    }
}

/// Text as the page's CSS writes it: letters and digits as they are, every
/// other character as a six-digit escape.
fn css_string(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_string()
            } else {
                format!("\\{:06X}", u32::from(c))
            }
        })
        .collect()
}

/// The element structure of a page outside its charts: tag names in order
/// (the charts' text lines follow the names' lengths, so they are left out).
fn html_skeleton(html: &str) -> Vec<String> {
    let body = html.split_once("</style>").map_or(html, |(_, rest)| rest);
    let mut out = Vec::new();
    let mut in_svg = false;
    for piece in body.split('<').skip(1) {
        let tag: String = piece
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect();
        match tag.as_str() {
            "svg" => in_svg = true,
            "/svg" => in_svg = false,
            _ if in_svg => {}
            _ => out.push(tag),
        }
    }
    out
}

#[test]
fn html_data_cannot_add_structure() {
    let pairs = [
        (
            support::full_assessment_report().html(),
            support::hostile_assessment_report().html(),
        ),
        (
            support::progress_report().html(),
            support::hostile_progress_report().html(),
        ),
        (
            support::full_disclosure_report().html(),
            support::hostile_disclosure_report().html(),
        ),
        (
            support::full_portfolio_report().html(),
            support::hostile_portfolio_report().html(),
        ),
        (
            support::trend_synthesis_report().html(),
            support::hostile_synthesis_report().html(),
        ),
    ];
    for (plain_html, hostile_html) in pairs {
        let (a, b) = (html_skeleton(&plain_html), html_skeleton(&hostile_html));
        assert!(a.len() > 50, "a page has structure");
        let first = a.iter().zip(&b).position(|(x, y)| x != y);
        assert!(
            a == b,
            "the page changed with hostile text at tag {first:?}"
        );
    }
}

#[test]
fn confidentiality_follows_the_report_kind() {
    let expected = [
        ("factory-assessment", true),
        ("evidence-check", true),
        ("progress", true),
        ("brand-portfolio", true),
        ("public-disclosure", false),
        ("industry-synthesis", false),
        ("programme-summary", false),
    ];
    for (name, report) in support::all() {
        let kind = expected
            .iter()
            .find(|(prefix, _)| name.starts_with(prefix))
            .unwrap();
        assert_eq!(report.confidential(), kind.1, "{name}");
        let html = report.html();
        assert_eq!(
            html.contains(&css_string("Confidential: not for publication")),
            kind.1,
            "{name}: printed footer"
        );
        assert_eq!(
            html.contains(r#"class="audience confidential""#),
            kind.1,
            "{name}"
        );
    }
}

// ---- Words, not identifiers (issue 14, point 5) ----

/// Rust identifiers a reader should never see: the enum variants reports
/// show (as `Debug` prints them), `snake_case` tokens, `Some(`, `None`.
fn identifiers(text: &str) -> Vec<String> {
    let variants: Vec<String> = [
        CommitteeKind::Picc,
        CommitteeKind::ParticipationCommittee,
        CommitteeKind::SafetyCommittee,
        CommitteeKind::LksBipartit,
        CommitteeKind::WorksCouncil,
        CommitteeKind::JointWorksCouncil,
        CommitteeKind::OshCommittee,
        CommitteeKind::Other,
    ]
    .iter()
    .map(|k| format!("{k:?}"))
    .chain(
        [
            decentwork_model::DialogueRating::OnTrack,
            decentwork_model::DialogueRating::ModerateProgress,
            decentwork_model::DialogueRating::NoProgress,
        ]
        .iter()
        .map(|r| format!("{r:?}")),
    )
    .chain(
        [
            decentwork_scoring::PointStatus::NonCompliant,
            decentwork_scoring::PointStatus::NotApplicable,
            decentwork_scoring::PointStatus::NotAssessed,
        ]
        .iter()
        .map(|s| format!("{s:?}")),
    )
    .chain(
        [
            decentwork_scoring::AlertKind::ZeroTolerance,
            decentwork_scoring::AlertKind::CriticalIssue,
        ]
        .iter()
        .map(|a| format!("{a:?}")),
    )
    .chain(
        decentwork_scoring::EvidenceKind::ALL
            .iter()
            .map(|k| format!("{k:?}")),
    )
    .chain(
        [
            // `Required` is also the word a reader sees.
            decentwork_scoring::Requirement::NotRequired,
            decentwork_scoring::Requirement::WorkforceUnknown,
        ]
        .iter()
        .map(|r| format!("{r:?}")),
    )
    .chain(
        [
            decentwork_scoring::CommitteeRule::MinimumMembers,
            decentwork_scoring::CommitteeRule::WorkerShare,
            decentwork_scoring::CommitteeRule::WomenShare,
        ]
        .iter()
        .map(|r| format!("{r:?}")),
    )
    .chain(
        decentwork_catalogue::Parameter::ALL
            .iter()
            .map(|p| format!("{p:?}")),
    )
    .filter(|v| v != "Other")
    .collect();
    // Web addresses (the sources of legal values) are data, not words.
    let text: String = text
        .split_whitespace()
        .filter(|w| !w.contains("://"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut found = Vec::new();
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '(')) {
        let bare = word.trim_end_matches('(');
        let snake = bare.contains('_')
            && !bare.starts_with('_')
            && !bare.ends_with('_')
            && bare
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if variants.iter().any(|v| v == bare)
            || word.starts_with("Some(")
            || bare == "None"
            || snake
        {
            found.push(word.to_owned());
        }
    }
    found
}

/// The text of an HTML page: no style sheet, no tags; attribute values kept
/// (screen readers read `aria-label`).
fn html_text(html: &str) -> String {
    let body = html.split_once("</style>").map_or(html, |(_, rest)| rest);
    let mut out = String::new();
    let mut in_tag = false;
    let mut tag = String::new();
    for c in body.chars() {
        match (in_tag, c) {
            (false, '<') => {
                in_tag = true;
                tag.clear();
            }
            (true, '>') => {
                in_tag = false;
                for (i, part) in tag.split('"').enumerate() {
                    if i % 2 == 1 {
                        out.push(' ');
                        out.push_str(part);
                    }
                }
                out.push(' ');
            }
            (true, c) => tag.push(c),
            (false, c) => out.push(c),
        }
    }
    out
}

#[test]
fn the_identifier_check_can_fail() {
    assert_eq!(identifiers("Kind: SafetyCommittee"), ["SafetyCommittee"]);
    assert_eq!(identifiers("rating on_track"), ["on_track"]);
    assert_eq!(identifiers("latest Some(3) and None"), ["Some(3", "None"]);
    assert!(identifiers("Safety committee, On track, Zero tolerance, COMP.OTWAGES.01").is_empty());
    assert!(identifiers("source: https://example.org/f?p_lang=en&p_isn=1").is_empty());
    assert_eq!(
        identifiers("Kind: LksBipartit, overtime_cap_day"),
        ["LksBipartit", "overtime_cap_day"]
    );
}

#[test]
fn reports_speak_the_programmes_words() {
    for (name, report) in support::all()
        .into_iter()
        .filter(|(n, _)| !n.ends_with("-hostile"))
    {
        let md = report.markdown();
        assert_eq!(identifiers(&md), Vec::<String>::new(), "{name} (Markdown)");
        let text = html_text(&report.html());
        assert_eq!(identifiers(&text), Vec::<String>::new(), "{name} (HTML)");
        if let Some(csv) = report.csv() {
            // The header row names columns for programs (snake_case, like the
            // CLI's other CSV files); the cells are what people read.
            let cells = csv.split_once('\n').map_or("", |(_, rows)| rows);
            assert_eq!(identifiers(cells), Vec::<String>::new(), "{name} (CSV)");
        }
    }
    let progress = support::progress_report();
    for words in [
        "Performance Improvement Consultative Committee (PICC)",
        "Safety committee",
        "On track",
        "Moderate progress",
    ] {
        assert!(progress.markdown().contains(words), "{words}");
        assert!(progress.html().contains(words), "{words}");
    }
    assert!(progress.csv().unwrap().contains("Safety committee"));
    let full = support::full_assessment_report();
    for words in [
        "Zero tolerance",
        "Critical issue",
        "Non-compliant",
        "Not assessed",
    ] {
        assert!(full.html().contains(words), "{words}");
    }
    assert!(full.markdown().contains("Zero tolerance"));
    assert!(full.csv().unwrap().contains(",Non-compliant,"));
}

// ---- Reports read back ----

/// A disclosure or portfolio report read from JSON is checked as the builder
/// checks it: a question outside public disclosure, a question or factory
/// listed twice, or a consent or assessment after the report date is refused,
/// so a tampered file cannot be rendered as if the builder had made it.
#[test]
fn tampered_reports_are_refused_when_read() {
    fn refused<T: serde::Serialize + serde::de::DeserializeOwned>(
        report: &T,
        edit: impl FnOnce(&mut serde_json::Value),
        expect: &str,
    ) {
        let mut value = serde_json::to_value(report).unwrap();
        serde_json::from_value::<T>(value.clone()).expect("untouched report reads back");
        edit(&mut value);
        let error = serde_json::from_value::<T>(value).err().expect("refused");
        assert!(error.to_string().contains(expect), "{error}");
    }
    let disclosure = support::full_disclosure_report();
    assert!(disclosure.items().len() >= 2, "the test needs two items");
    let private = decentwork_catalogue::Question::all()
        .find(|q| !q.has_tag(decentwork_catalogue::Tag::PublicDisclosure))
        .unwrap()
        .id();
    refused(
        &disclosure,
        |v| v["items"][0]["question"]["id"] = private.into(),
        "not published under public disclosure",
    );
    refused(
        &disclosure,
        |v| v["items"][1] = v["items"][0].clone(),
        "appears twice",
    );
    refused(
        &disclosure,
        |v| v["meta"]["kind"] = "brand_portfolio".into(),
        "is not public_disclosure",
    );

    let portfolio = support::full_portfolio_report();
    assert!(
        !portfolio.factories().is_empty(),
        "the test needs a factory"
    );
    refused(
        &portfolio,
        |v| v["factories"][0]["consent_since"] = "2099-01-01".into(),
        "after the report date",
    );
    refused(
        &portfolio,
        |v| {
            let first = v["factories"][0].clone();
            v["factories"].as_array_mut().unwrap().push(first);
        },
        "appears twice",
    );
}
