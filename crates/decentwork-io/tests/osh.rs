//! Open Supply Hub facility lists as they really are: the site's download
//! (column set and order from the open-supply-hub source, see `src/osh.rs`)
//! and the upload template, with invented facilities.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

use chrono::NaiveDate;
use decentwork_io::{
    DuplicateOsId, ImportError, ImportOptions, OshFacility, OshImport, OshShape, OshSummary,
};

const DOWNLOAD: &[u8] = include_bytes!("data/osh-download.csv");
const TEMPLATE: &[u8] = include_bytes!("data/osh-upload-template.csv");

fn read(
    text: &[u8],
    options: ImportOptions,
) -> Result<(Vec<OshFacility>, OshSummary), ImportError> {
    OshImport::new("list.csv", options).read(text)
}

#[test]
fn the_download_as_open_supply_hub_writes_it() {
    let (facilities, summary) = read(DOWNLOAD, ImportOptions::strict()).unwrap();
    assert_eq!(summary.shape, OshShape::Download);
    assert_eq!(
        (summary.rows_read, summary.facilities, summary.rows_skipped),
        (5, 5, 0)
    );
    // Every facility's fields, as the file gives them.
    insta::assert_debug_snapshot!(facilities[0], @r#"
    OshFacility {
        line: 2,
        os_id: Some(
            OsId("BD2021145K7M2QW"),
        ),
        contribution_date: Some(
            2021-05-25,
        ),
        name: "Meghna Apparels Ltd (example)",
        address: "Plot 7, Road 3, Example Export Processing Zone, Gazipur",
        country: Country(BD),
        coordinates: Some(
            Coordinates {
                lat: 23.9999,
                lng: 90.4203,
            },
        ),
        sectors: [
            "Apparel",
        ],
        product_types: [
            "Knitwear",
            "T-shirts",
        ],
        facility_types: [
            "Final Product Assembly",
        ],
        processing_types: [
            "Sewing",
        ],
        number_of_workers: [
            WorkerCount {
                min: 1001,
                max: 5000,
            },
        ],
        parent_companies: [
            "Meghna Group (example)",
        ],
        contributors: [
            "Meghna Apparels Ltd (example) (Claimed)",
            "Example Brand A",
            "A Supplier",
        ],
        is_closed: Some(
            false,
        ),
    }
    "#);
}

#[test]
fn the_download_keeps_ranges_lists_and_flags() {
    let (facilities, summary) = read(DOWNLOAD, ImportOptions::strict()).unwrap();
    let workers: Vec<String> = facilities
        .iter()
        .map(|f| {
            f.number_of_workers
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect();
    assert_eq!(
        workers,
        ["1001-5000", "500|501-1000", "1200", "", "101-500"]
    );
    assert_eq!(facilities[2].is_closed, Some(true));
    assert_eq!(
        facilities[2].parent_companies,
        ["Song Hong Holdings (example)", "Example Textile Group"]
    );
    assert_eq!(
        facilities[4].coordinates.unwrap().lat.to_string(),
        "-6.9175"
    );
    assert_eq!(facilities[3].country.code(), "LK");
    // Everything not read is listed: the raw type column, claims, is_closed's
    // neighbours, the wage links.
    assert_eq!(
        summary.unused_columns.len(),
        43,
        "{:?}",
        summary.unused_columns
    );
    assert_eq!(
        summary.unused_columns[0],
        "processing_type_facility_type_raw"
    );
    assert!(
        summary
            .unused_columns
            .iter()
            .any(|c| c == "claim_company_website")
    );
    assert!(
        summary
            .unused_columns
            .iter()
            .any(|c| c == "wage_indicator.minimum_wage_link_national_text")
    );
}

#[test]
fn the_upload_template_as_contributors_fill_it_in() {
    let (facilities, summary) = read(TEMPLATE, ImportOptions::strict()).unwrap();
    assert_eq!(summary.shape, OshShape::UploadTemplate);
    assert!(
        summary.unused_columns.is_empty(),
        "{:?}",
        summary.unused_columns
    );
    let seen: Vec<(&str, &str, String, Option<String>)> = facilities
        .iter()
        .map(|f| {
            (
                f.name.as_str(),
                f.country.code(),
                f.number_of_workers
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("|"),
                f.coordinates.map(|c| format!("{} {}", c.lat, c.lng)),
            )
        })
        .collect();
    insta::assert_debug_snapshot!(seen, @r#"
    [
        (
            "Meghna Apparels Ltd (example)",
            "BD",
            "1001-5000",
            Some(
                "23.9999 90.4203",
            ),
        ),
        (
            "Tonle Garment (example)",
            "KH",
            "1200",
            None,
        ),
        (
            "Song Hong Knit (example)",
            "VN",
            "100-500",
            Some(
                "20.4337 106.1771",
            ),
        ),
        (
            "Lanka Weave (example)",
            "LK",
            "",
            None,
        ),
    ]
    "#);
    // A comma in a parent company's name is part of the name.
    assert_eq!(
        facilities[2].parent_companies,
        ["Song Hong Holdings, Ltd (example)"]
    );
    assert!(
        facilities
            .iter()
            .all(|f| f.os_id.is_none() && f.is_closed.is_none())
    );
}

#[test]
fn facilities_become_factories_only_when_asked() {
    let import = OshImport::new("list.csv", ImportOptions::default());
    let (facilities, _) = import.read(DOWNLOAD).unwrap();
    let on = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let factory = import.factory(&facilities[0], on).unwrap();
    assert_eq!(factory.id.as_str(), "BD2021145K7M2QW");
    assert_eq!(factory.enrolled_on, on);
    assert_eq!(factory.product_types, ["Knitwear", "T-shirts"]);
    // A closed facility is not made an enrolled factory.
    let closed = import.factory(&facilities[2], on).unwrap_err();
    insta::assert_snapshot!(closed, @"list.csv:4: column is_closed: \"True\": expected an open facility (a closed one cannot be recorded as enrolled without the date it closed)");
}

#[test]
fn an_oversize_field_is_named() {
    let head = "country,name,address,sector\n";
    // A field over 64 KiB, in a record under the record limit.
    let address = "a".repeat(100_000);
    let text = format!("{head}Viet Nam,Example,{address},Apparel\n");
    let (_, summary) = read(text.as_bytes(), ImportOptions::default()).unwrap();
    let error = &summary.skipped[0];
    assert!(
        matches!(error, ImportError::BadValue { column, expected, .. }
            if column == "address" && expected.contains("65 536")),
        "{error:?}"
    );
    assert!(error.to_string().len() < 400);
    // Longer than a factory record allows: the conversion names the column.
    let import = OshImport::new("list.csv", ImportOptions::default());
    let on = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    for (row, column) in [
        (
            format!("Viet Nam,{},1 Road,Apparel", "n".repeat(201)),
            "name",
        ),
        (
            format!("Viet Nam,Example,{},Apparel", "a".repeat(10_001)),
            "address",
        ),
        (
            format!("Viet Nam,Example,1 Road,Apparel|{}", "s".repeat(101)),
            "sector",
        ),
    ] {
        let (facilities, _) = import.read(format!("{head}{row}\n").as_bytes()).unwrap();
        let error = import.factory(&facilities[0], on).unwrap_err();
        assert!(
            matches!(&error, ImportError::BadValue { column: c, .. } if c == column),
            "{error:?}"
        );
    }
}

#[test]
fn repeated_os_ids_are_reported() {
    let text = "os_id,name,address,country\n\
        BD2021145K7M2QW,First,1 Road,BD\n\
        KH2020033T9WZ4Z,Other,2 Road,KH\n\
        BD2021145K7M2QW,Again,3 Road,BD\n";
    let (facilities, summary) = read(text.as_bytes(), ImportOptions::default()).unwrap();
    // Both rows are kept; the repeat is listed.
    assert_eq!(facilities.len(), 3);
    assert_eq!(summary.duplicate_rows, 1);
    assert_eq!(
        summary
            .duplicates
            .iter()
            .map(|d: &DuplicateOsId| (d.os_id.to_string(), d.first_line, d.line))
            .collect::<Vec<_>>(),
        [("BD2021145K7M2QW".to_owned(), 2, 4)]
    );
    let strict = read(text.as_bytes(), ImportOptions::strict()).unwrap_err();
    insta::assert_snapshot!(strict, @"stopped at the first bad row (strict): list.csv:4: OS ID BD2021145K7M2QW is already on line 2");
}

#[test]
fn headers_name_the_shape_and_what_is_missing() {
    let error = |text: &str| {
        read(text.as_bytes(), ImportOptions::default())
            .unwrap_err()
            .to_string()
    };
    insta::assert_snapshot!(
        error("\"os_id\",\"name\",\"country_code\",\"lat\"\n"),
        @"list.csv: an Open Supply Hub download needs the column(s) address; found os_id, name, country_code, lat"
    );
    insta::assert_snapshot!(
        error("name,address,country_code\n"),
        @"list.csv: an Open Supply Hub download needs the column(s) os_id; found name, address, country_code"
    );
    insta::assert_snapshot!(error(""), @"list.csv: not an Open Supply Hub facility list (no country, country_code or country_name column); the file is empty");
    // Any other file: its columns, cut short, never its first line whole.
    let secret = format!("{}\nsecond line\n", "password=hunter2;".repeat(1000));
    let message = error(&secret);
    assert!(
        message.starts_with("list.csv: not an Open Supply Hub facility list"),
        "{message}"
    );
    assert!(message.len() < 400, "{message}");
    assert!(message.ends_with("… (1 in all)"), "{message}");
    // UTF-16, as spreadsheets save "Unicode text".
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(
        "country,name,address\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let message = read(&utf16, ImportOptions::default()).unwrap_err();
    assert!(
        matches!(message, ImportError::Encoding { line: 1, .. }),
        "{message:?}"
    );
}

#[test]
fn values_are_checked_and_named() {
    let text = "\"os_id\",\"contribution_date\",\"name\",\"address\",\"country_code\",\"country_name\",\"lat\",\"lng\",\"number_of_workers\",\"is_closed\"\n\
        \"BD2021145K7M2QW\",\"2021-02-30\",\"A\",\"1 Road\",\"BD\",\"Bangladesh\",23.9,90.4,\"10\",\"False\"\n\
        \"KH2020033T9WZ4Z\",\"2020-02-02\",\"B\",\"2 Road\",\"KH\",\"Cambodia\",95.1,104.9,\"10\",\"False\"\n\
        \"VN2019085P645QS\",\"2019-03-26\",\"C\",\"3 Road\",\"VN\",\"Vietnam\",20.4,,\"10\",\"False\"\n\
        \"LK2022011AB3CDG\",\"2022-01-11\",\"D\",\"4 Road\",\"LK\",\"Sri Lanka\",7.1,79.8,\"about 300\",\"False\"\n\
        \"PK2023200M4N5PC\",\"2023-07-19\",\"E\",\"5 Road\",\"PK\",\"Pakistan\",24.8,67.0,\"500-100\",\"False\"\n\
        \"ID2021300XYZ12J\",\"2021-10-27\",\"F\",\"6 Road\",\"ID\",\"Indonesia\",-6.9,107.6,\"10\",\"maybe\"\n\
        \"BD2020011QQ7RTK\",\"2020-01-11\",\"G\",\"7 Road\",\"BD\",\"Cambodia\",23.9,90.4,\"10\",\"False\"\n\
        \"\",\"2020-01-11\",\"H\",\"8 Road\",\"BD\",\"Bangladesh\",23.9,90.4,\"10\",\"False\"\n";
    let (facilities, summary) = read(text.as_bytes(), ImportOptions::default()).unwrap();
    assert!(facilities.is_empty());
    let messages: Vec<String> = summary.skipped.iter().map(ToString::to_string).collect();
    insta::assert_debug_snapshot!(messages, @r#"
    [
        "list.csv:2: column contribution_date: 2021-02-30 is not a date",
        "list.csv:3: column lat: \"95.1\": expected a latitude from -90 to 90",
        "list.csv:4: column lng: \"\": expected a longitude with the latitude",
        "list.csv:5: column number_of_workers: \"about 300\": expected worker counts as a number or a range like 1001-5000, separated by |",
        "list.csv:6: column number_of_workers: \"500-100\": expected worker counts as a number or a range like 1001-5000, separated by |",
        "list.csv:7: column is_closed: \"maybe\": expected True or False",
        "list.csv:8: column country_name: \"Cambodia\": expected the country of the row's country_code",
        "list.csv:9: column os_id: \"\": expected an OS ID (the download gives every facility one)",
    ]
    "#);
}
