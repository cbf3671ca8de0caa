//! Import behaviour on good and bad files.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

use std::fmt::Write as _;

use chrono::NaiveDate;
use decentwork_io::{ExportImport, ExportRow, ImportError, ImportOptions, OshImport, QuestionType};

const HEADER: &str = "Country,Cluster,CP,Q.Label,Question.ID,Question.type,Finding,Tags,Quest.ID,Factory.Assessed.ID,Factory.Assessed.Name,Assesment.Start.Date,Cycle,TQ.Name";

fn row(finding: &str, date: &str) -> String {
    format!(
        "Cambodia,Compensation,Overtime Wages,\"Paid at the legal rate, always?\",501,NCQ,{finding},Public Disclosure,9001,31,\"Sok Garment Co., Ltd\",{date},1,Garment CAT"
    )
}

fn read(
    text: &[u8],
    options: ImportOptions,
) -> (
    Vec<ExportRow>,
    Result<decentwork_io::ImportSummary, ImportError>,
) {
    let mut rows = Vec::new();
    let result = ExportImport::new("export.csv", options).read(text, |r| rows.push(r));
    (rows, result)
}

#[test]
fn reads_a_good_file_with_quotes_bom_and_crlf() {
    let text = format!(
        "\u{feff}{HEADER}\r\n{}\r\n{}\r\n",
        row("1", "05/03/2024"),
        row("0", "06/03/2024")
    );
    let (rows, summary) = read(text.as_bytes(), ImportOptions::default());
    let summary = summary.unwrap();
    assert_eq!(
        (summary.rows_read, summary.rows_used, summary.rows_skipped),
        (2, 2, 0)
    );
    assert_eq!(rows[0].as_ref().factory_name, "Sok Garment Co., Ltd");
    assert_eq!(
        rows[0].as_ref().question_label,
        "Paid at the legal rate, always?"
    );
    assert!(rows[0].as_ref().non_compliant && rows[0].as_ref().public);
    assert_eq!(
        rows[0].as_ref().start,
        NaiveDate::from_ymd_opt(2024, 3, 5).unwrap()
    );
    assert_eq!(rows[0].as_ref().question_type, QuestionType::NonCompliance);
    assert_eq!(
        rows[0]
            .as_ref()
            .country
            .key
            .map(decentwork_model::Country::code),
        Some("KH")
    );
    assert!(summary.warnings().is_empty(), "{:?}", summary.warnings());
}

#[test]
fn columns_in_another_order_are_fine() {
    let mut cols: Vec<&str> = HEADER.split(',').collect();
    cols.reverse();
    let values = [
        "Garment CAT",
        "1",
        "05/03/2024",
        "Sok",
        "31",
        "9001",
        "",
        "0",
        "NCQ",
        "501",
        "Q",
        "Overtime Wages",
        "Compensation",
        "Cambodia",
    ];
    let text = format!("{}\n{}\n", cols.join(","), values.join(","));
    let (rows, summary) = read(text.as_bytes(), ImportOptions::default());
    assert_eq!(summary.unwrap().rows_used, 1);
    assert_eq!(rows[0].as_ref().point.label, "Overtime Wages");
}

#[test]
fn bad_rows_are_skipped_and_listed() {
    let text = format!(
        "{HEADER}\n{}\n{}\n{}\n{}\nonly,three,fields\n",
        row("1", "05/03/2024"),
        row("2", "05/03/2024"),
        row("1", "2024-03-05"),
        row("1", "31/02/2024"),
    );
    let (rows, summary) = read(text.as_bytes(), ImportOptions::default());
    let summary = summary.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((summary.rows_read, summary.rows_skipped), (5, 4));
    let messages: Vec<String> = summary.skipped.iter().map(ToString::to_string).collect();
    insta::assert_debug_snapshot!(messages, @r#"
    [
        "export.csv:3: column Finding: \"2\": expected 0 or 1",
        "export.csv:4: column Assesment.Start.Date: \"2024-03-05\": expected a date as dd/mm/yyyy",
        "export.csv:5: column Assesment.Start.Date: 31/02/2024 is not a date",
        "export.csv:6: 3 fields, but the header has 14",
    ]
    "#);
}

#[test]
fn strict_stops_at_the_first_bad_row() {
    let text = format!(
        "{HEADER}\n{}\n{}\n",
        row("x", "05/03/2024"),
        row("1", "05/03/2024")
    );
    let (rows, result) = read(text.as_bytes(), ImportOptions::strict());
    assert!(rows.is_empty());
    let err = result.unwrap_err();
    assert_eq!(err.line(), Some(2));
    insta::assert_snapshot!(err.to_string(), @r#"stopped at the first bad row (strict): export.csv:2: column Finding: "x": expected 0 or 1"#);
}

#[test]
fn header_problems() {
    let (_, result) = read(b"Country;Cluster;CP\nx;y;z\n", ImportOptions::default());
    let err = result.unwrap_err();
    assert!(
        matches!(err, ImportError::MissingColumns { ref missing, .. } if missing.len() == 14),
        "{err}"
    );
    let doubled = format!("{HEADER},Finding\n");
    assert!(matches!(
        read(doubled.as_bytes(), ImportOptions::default()).1,
        Err(ImportError::DuplicateColumn { .. })
    ));
}

#[test]
fn invalid_utf8_names_the_column() {
    let mut text = format!("{HEADER}\n").into_bytes();
    text.extend_from_slice(b"Cambodia,Compensation,Overtime Wages,Q,501,NCQ,1,,9001,31,Bad \xff name,05/03/2024,1,Garment CAT\n");
    let (_, summary) = read(&text, ImportOptions::default());
    let summary = summary.unwrap();
    assert_eq!(summary.rows_skipped, 1);
    assert!(
        summary.skipped[0]
            .to_string()
            .contains("column Factory.Assessed.Name"),
        "{}",
        summary.skipped[0]
    );
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

#[test]
fn other_encodings_are_named_with_a_hint() {
    let text = format!("{HEADER}\r\n{}\r\n", row("1", "05/03/2024"));
    let error = |bytes: &[u8]| {
        let (rows, result) = read(bytes, ImportOptions::default());
        assert!(rows.is_empty());
        let error = result.unwrap_err();
        assert!(
            matches!(error, ImportError::Encoding { line: 1, .. }),
            "{error:?}"
        );
        error.to_string()
    };
    // UTF-16 with a byte-order mark, as spreadsheets save "Unicode text".
    let mut le = vec![0xff, 0xfe];
    le.extend(utf16(&text, false));
    insta::assert_snapshot!(error(&le), @"export.csv:1: the file looks like UTF-16 (it starts with the byte-order mark FF FE); save it as UTF-8 (in a spreadsheet: Save As, CSV UTF-8)");
    let mut be = vec![0xfe, 0xff];
    be.extend(utf16(&text, true));
    assert!(error(&be).contains("byte-order mark FE FF"));
    // Without the mark: NUL bytes between the characters.
    insta::assert_snapshot!(error(&utf16(&text, false)), @"export.csv:1: the file looks like UTF-16 (NUL bytes between the characters); save it as UTF-8 (in a spreadsheet: Save As, CSV UTF-8)");
    assert!(error(&utf16(&text, true)).contains("looks like UTF-16"));
    // A legacy encoding: the header's first non-ASCII byte, placed.
    let mut latin = b"Pa\xeds,".to_vec();
    latin.extend_from_slice(text.as_bytes());
    insta::assert_snapshot!(error(&latin), @"export.csv:1: the header is not UTF-8 (field 1: byte 0xED at byte 3 of the field); save it as UTF-8 (it may be in a legacy encoding such as Windows-1252)");
    // Not text at all.
    let binary = [
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\n".as_slice(),
        &[0; 100],
    ]
    .concat();
    assert!(
        error(&binary).contains("not a text file"),
        "{}",
        error(&binary)
    );
    assert!(error(&vec![0; 1 << 20]).contains("not a text file"));
    // A header read after blank lines names its own line.
    let blank_first = [b"\n\n".as_slice(), &utf16(&text, false)].concat();
    let (_, result) = read(&blank_first, ImportOptions::default());
    assert_eq!(result.unwrap_err().line(), Some(3));
}

#[test]
fn an_impossible_date_is_named_as_such() {
    let text = format!(
        "{HEADER}\n{}\n{}\n{}\n",
        row("1", "31/02/2024"),
        row("1", "29/02/2023"),
        row("1", "2024-02-29")
    );
    let (_, summary) = read(text.as_bytes(), ImportOptions::default());
    let messages: Vec<String> = summary
        .unwrap()
        .skipped
        .iter()
        .map(ToString::to_string)
        .collect();
    insta::assert_debug_snapshot!(messages, @r#"
    [
        "export.csv:2: column Assesment.Start.Date: 31/02/2024 is not a date",
        "export.csv:3: column Assesment.Start.Date: 29/02/2023 is not a date",
        "export.csv:4: column Assesment.Start.Date: \"2024-02-29\": expected a date as dd/mm/yyyy",
    ]
    "#);
    let leap = format!("{HEADER}\n{}\n", row("1", "29/2/2024"));
    let (rows, _) = read(leap.as_bytes(), ImportOptions::default());
    assert_eq!(
        rows[0].as_ref().start,
        NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
    );
}

#[test]
fn missing_columns_quote_an_excerpt_of_the_header() {
    let header = format!("{}\nx\n", "Some column,".repeat(5000));
    let error = read(header.as_bytes(), ImportOptions::default())
        .1
        .unwrap_err();
    let message = error.to_string();
    assert!(message.ends_with("… (5001 in all)"), "{message}");
    assert!(message.len() < 700, "{message}");
    // Columns not used are listed the same way.
    let extra = (0..3000).fold(String::new(), |mut s, i| {
        let _ = write!(s, ",Extra {i}");
        s
    });
    let text = format!("{HEADER}{extra}\n");
    let summary = read(text.as_bytes(), ImportOptions::default()).1.unwrap();
    let warnings = summary.warnings();
    assert!(warnings[0].ends_with("… (3000 in all)"), "{warnings:?}");
    assert!(warnings[0].len() < 300, "{warnings:?}");
}

#[test]
fn each_row_is_obsolete_by_its_own_factory_name() {
    // Names that change from row to row within one assessment, marked and
    // not: each row's flag is its own name's.
    let names = [
        "Sok (Obsolete)",
        "Sok",
        "Sok",
        "Sok (Obsolete)",
        "",
        "Old (Obsolete) Ltd",
    ];
    let text: String = std::iter::once(format!("{HEADER}\n"))
        .chain(names.iter().map(|name| {
            format!(
                "Viet Nam,Working Time,Overtime,Q,WT.1,NCQ,0,,9001,31,{name},05/03/2024,1,Garment CAT\n"
            )
        }))
        .collect();
    let (rows, summary) = read(text.as_bytes(), ImportOptions::default());
    summary.unwrap();
    let obsolete: Vec<bool> = rows.iter().map(|r| r.as_ref().obsolete).collect();
    assert_eq!(obsolete, [true, false, false, true, false, true]);
}

#[test]
fn fact_gathering_rows_and_unknown_labels() {
    let text = format!(
        "{HEADER}\nAtlantis,Systems,Legacy Point,Q,77,FGW,,,9001,31,Sok (Obsolete),05/03/2024,1,Garment CAT\n"
    );
    let (rows, summary) = read(text.as_bytes(), ImportOptions::default());
    let summary = summary.unwrap();
    assert_eq!(rows[0].as_ref().question_type, QuestionType::FactGathering);
    assert!(rows[0].as_ref().obsolete);
    assert!(summary.unknown_points.contains("Legacy Point"));
    assert!(summary.unknown_countries.contains("Atlantis"));
    assert_eq!(
        summary.warnings().len(),
        2,
        "Systems is a known legacy alias"
    );
}

#[test]
fn osh_facilities() {
    let text = "os_id,name,address,country,sector,product_type,number_of_workers\n\
        VN2019085P645QS,Example Garment,1 Road,VN,Apparel|Textiles,Knitwear,100-500\n\
        VN2019085P645QT,Bad Check,2 Road,VN,Apparel,,\n\
        ,No OS ID Ltd,3 Road,Bangladesh,Apparel,,\n\
        ,Nowhere Ltd,4 Road,Atlantis,Apparel,,\n\
        ,,5 Road,Bangladesh,Apparel,,\n";
    let import = OshImport::new("list.csv", ImportOptions::default());
    let (facilities, summary) = import.read(text.as_bytes()).unwrap();
    assert_eq!(facilities.len(), 2);
    assert_eq!(facilities[0].sectors, ["Apparel", "Textiles"]);
    assert_eq!(facilities[0].number_of_workers[0].to_string(), "100-500");
    let on = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    assert_eq!(
        import.factory(&facilities[1], on).unwrap().id.as_str(),
        "osh-line-4"
    );
    assert!(summary.unused_columns.is_empty());
    let messages: Vec<String> = summary.skipped.iter().map(ToString::to_string).collect();
    insta::assert_debug_snapshot!(messages, @r#"
    [
        "list.csv:3: column os_id: \"VN2019085P645QT\": expected a valid OS ID (15 characters, matching check character)",
        "list.csv:5: column country: \"Atlantis\": expected a country name or ISO 3166-1 code",
        "list.csv:6: column name: \"\": expected a facility name",
    ]
    "#);
    let missing = import.read(&b"name,country\nx,VN\n"[..]).unwrap_err();
    insta::assert_snapshot!(missing, @"list.csv: an Open Supply Hub upload template needs the column(s) address; found name, country");
}

#[test]
fn the_parallel_reader_agrees_with_the_sequential_one() {
    let mut text = format!("{HEADER}\n");
    for i in 0..10_000 {
        let date = if i % 997 == 0 {
            "2024-03-05"
        } else {
            "05/03/2024"
        };
        text.push_str(&row(if i % 3 == 0 { "1" } else { "0" }, date));
        text.push('\n');
    }
    let mut a = Vec::new();
    let mut b = Vec::new();
    let sequential = ExportImport::new("e.csv", ImportOptions::default())
        .read_borrowed(text.as_bytes(), |r| a.push((r.line, r.non_compliant)));
    let parallel = ExportImport::new("e.csv", ImportOptions::default())
        .read_borrowed_parallel(text.as_bytes(), |r| b.push((r.line, r.non_compliant)));
    assert_eq!(sequential.as_ref().unwrap().rows_skipped, 11);
    assert_eq!(sequential, parallel);
    assert_eq!(a, b);
    let strict = ExportImport::new("e.csv", ImportOptions::strict())
        .read_borrowed_parallel(text.as_bytes(), |_| {});
    assert_eq!(strict.unwrap_err().line(), Some(2));
}
