//! Open Supply Hub facility lists: the site's own download and the upload
//! template contributors fill in.
//!
//! # Where the columns come from
//!
//! Checked against the source of `opensupplyhub/open-supply-hub` at commit
//! `3582f9b415b713825f8d5a31e5ea481b2ee3262f` (2026-08-21):
//!
//! - The download's columns and their order are built in
//!   `src/django/api/serializers/facility/facility_download_serializer_base.py`
//!   (`COMMON_HEADERS`: `os_id`, `contribution_date`, `name`, `address`,
//!   `country_code`, `country_name`, `lat`, `lng`, `sector`;
//!   `EXTENDED_FIELDS_HEADERS`: `number_of_workers`, `parent_company`,
//!   `processing_type_facility_type_raw`, `facility_type`,
//!   `processing_type`, `product_type`; `IS_CLOSED_HEADER`: `is_closed`)
//!   and `facility_download_serializer.py` (`get_headers`: the common
//!   columns, `contributor (list)`, the extended fields, the `claim_*`
//!   columns of `CLAIMED_DOWNLOAD_FIELDS_MAPPING` in `src/django/api/constants.py`,
//!   `is_closed`, then partner fields, `mit_living_wage.*` and
//!   `wage_indicator.*`). Values: lists joined with `|`
//!   (`csv_download.py`, `format_download_extended_fields`), worker counts
//!   as `min-max` or one number when they are equal, `is_closed` as Python's
//!   `True`/`False`, the contribution date as `YYYY-MM-DD`. The browser
//!   writes the CSV (`src/react/src/util/util.js`, `joinDataIntoCSVString`):
//!   every text quoted, numbers (`lat`, `lng`) bare, line breaks in values
//!   replaced by spaces.
//! - The upload template's columns are those the list processor reads:
//!   `country`, `name`, `address`, `lat`, `lng` (`FileHeaderField` in
//!   `src/django/api/constants.py`), `sector`, and the extended fields of
//!   `RAW_DATA_FIELDS` in `src/django/api/extended_fields.py`
//!   (`number_of_workers`, `parent_company`, `product_type`,
//!   `facility_type`, `processing_type`, and others not read here).
//!
//! Columns this reader does not read are listed in
//! [`OshSummary::unused_columns`], never fatal.

use std::io::Read;
use std::str::FromStr;

use chrono::NaiveDate;
use decentwork_model::{Country, Factory, FactoryFields, FactoryId, OsId, ValidationError};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use crate::error::{EncodingProblem, byte_order_mark, excerpt, header_names, nul_bytes, quoted};
use crate::split::{BLOCK_BYTES, Exact, ExactRecord, Fields, Splitter, Stop, TooLong};
use crate::{
    ImportError, ImportOptions, MAX_FIELD_BYTES, MAX_HEADER_BYTES, MAX_RECORD_BYTES,
    country_from_name,
};

/// Which Open Supply Hub file a facility list is, told by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum OshShape {
    /// Open Supply Hub's own facility download: `os_id`, `name`, `address`
    /// and `country_code` (or `country_name`) required.
    Download,
    /// The upload template a contributor fills in: `country`, `name` and
    /// `address` required.
    UploadTemplate,
}

impl std::fmt::Display for OshShape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            OshShape::Download => "an Open Supply Hub download",
            OshShape::UploadTemplate => "an Open Supply Hub upload template",
        })
    }
}

/// A worker count as Open Supply Hub writes it: a range `1001-5000`, or one
/// number (then `min` equals `max`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct WorkerCount {
    /// The lower bound.
    pub min: u32,
    /// The upper bound (at least `min`).
    pub max: u32,
}

impl std::fmt::Display for WorkerCount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.min == self.max {
            write!(f, "{}", self.max)
        } else {
            write!(f, "{}-{}", self.min, self.max)
        }
    }
}

/// A facility's location, in decimal degrees as written (WGS 84).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Coordinates {
    /// Latitude, from -90 to 90.
    pub lat: Decimal,
    /// Longitude, from -180 to 180.
    pub lng: Decimal,
}

/// One facility of an Open Supply Hub list, as the file gives it.
///
/// Lists are Open Supply Hub's `|`-separated values, split; a download
/// gives one value per contributor. Serialised (feature `serde`) with empty
/// lists and absent values left out:
///
/// ```json
/// {
///   "line": 2,
///   "os_id": "BD2021145K7M2QW",
///   "contribution_date": "2021-05-25",
///   "name": "Meghna Apparels Ltd",
///   "address": "Plot 7, Road 3, Gazipur",
///   "country": "BD",
///   "coordinates": { "lat": "23.9999", "lng": "90.4203" },
///   "sectors": ["Apparel"],
///   "product_types": ["Knitwear", "T-shirts"],
///   "facility_types": ["Final Product Assembly"],
///   "processing_types": ["Sewing"],
///   "number_of_workers": [{ "min": 1001, "max": 5000 }],
///   "parent_companies": ["Meghna Group"],
///   "contributors": ["Example Brand (Spring 2021 list)"],
///   "is_closed": false
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct OshFacility {
    /// The line in the file the facility's row starts on.
    pub line: u64,
    /// The OS ID (check character verified); a download gives every
    /// facility one, the upload template may.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub os_id: Option<OsId>,
    /// When the facility was first contributed (`contribution_date`).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub contribution_date: Option<NaiveDate>,
    /// The name.
    pub name: String,
    /// The address.
    pub address: String,
    /// The country (`country_code`, else `country_name`; `country` in the
    /// upload template).
    pub country: Country,
    /// Latitude and longitude (`lat`, `lng`).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub coordinates: Option<Coordinates>,
    /// Sectors (`sector`).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub sectors: Vec<String>,
    /// Product types (`product_type`).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub product_types: Vec<String>,
    /// Facility types (`facility_type`).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub facility_types: Vec<String>,
    /// Processing types (`processing_type`).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub processing_types: Vec<String>,
    /// Worker counts (`number_of_workers`), one per contributor that gave one.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub number_of_workers: Vec<WorkerCount>,
    /// Parent companies (`parent_company`).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub parent_companies: Vec<String>,
    /// Who contributed the facility (`contributor (list)`), as the download
    /// names them.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub contributors: Vec<String>,
    /// Whether Open Supply Hub marks the facility closed (`is_closed`).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub is_closed: Option<bool>,
}

/// An OS ID given to more than one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct DuplicateOsId {
    /// The OS ID.
    pub os_id: OsId,
    /// The line of its first row.
    pub first_line: u64,
    /// The line of this row.
    pub line: u64,
}

/// What an Open Supply Hub import read, skipped and noticed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct OshSummary {
    /// Which file the header says it is.
    pub shape: OshShape,
    /// Data rows read.
    pub rows_read: u64,
    /// Facilities read.
    pub facilities: u64,
    /// Rows skipped.
    pub rows_skipped: u64,
    /// Their errors, in file order (up to [`ImportOptions::keep_errors`]).
    pub skipped: Vec<ImportError>,
    /// Columns not read (OSH's claim, partner and other columns), in file
    /// order.
    pub unused_columns: Vec<String>,
    /// Rows whose OS ID an earlier row has: all are kept and counted here.
    pub duplicate_rows: u64,
    /// Those rows (up to [`ImportOptions::keep_errors`]), in file order.
    pub duplicates: Vec<DuplicateOsId>,
}

/// The columns read, by name. `Country` is the upload template's `country`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    OsId,
    ContributionDate,
    Name,
    Address,
    Country,
    CountryCode,
    CountryName,
    Lat,
    Lng,
    Sector,
    Contributors,
    NumberOfWorkers,
    ParentCompany,
    FacilityType,
    ProcessingType,
    ProductType,
    IsClosed,
}

const COLUMNS: [(Column, &str); 17] = [
    (Column::OsId, "os_id"),
    (Column::ContributionDate, "contribution_date"),
    (Column::Name, "name"),
    (Column::Address, "address"),
    (Column::Country, "country"),
    (Column::CountryCode, "country_code"),
    (Column::CountryName, "country_name"),
    (Column::Lat, "lat"),
    (Column::Lng, "lng"),
    (Column::Sector, "sector"),
    (Column::Contributors, "contributor (list)"),
    (Column::NumberOfWorkers, "number_of_workers"),
    (Column::ParentCompany, "parent_company"),
    (Column::FacilityType, "facility_type"),
    (Column::ProcessingType, "processing_type"),
    (Column::ProductType, "product_type"),
    (Column::IsClosed, "is_closed"),
];

impl Column {
    fn name(self) -> &'static str {
        COLUMNS
            .iter()
            .find(|(c, _)| *c == self)
            .map_or("?", |(_, n)| n)
    }
}

/// A facility list's columns, found in its header, and what was read so far.
struct List {
    /// Where each column read is, by [`COLUMNS`] order.
    positions: [Option<usize>; COLUMNS.len()],
    width: usize,
    summary: OshSummary,
    /// The first line of each OS ID seen.
    seen: FxHashMap<OsId, u64>,
}

impl List {
    fn position(&self, column: Column) -> Option<usize> {
        COLUMNS
            .iter()
            .position(|(c, _)| *c == column)
            .and_then(|i| self.positions.get(i).copied().flatten())
    }
}

/// Reads an Open Supply Hub facility list: the site's download or the upload
/// template, told apart by the header (see [`OshShape`]). Streams: memory
/// holds one record (at most [`MAX_RECORD_BYTES`]) and the OS IDs seen, to
/// report duplicates.
#[derive(Debug, Clone)]
pub struct OshImport {
    file: String,
    options: ImportOptions,
}

impl OshImport {
    /// An import of the file called `file` (used in messages).
    #[must_use]
    pub fn new(file: impl Into<String>, options: ImportOptions) -> Self {
        Self {
            file: file.into(),
            options,
        }
    }

    /// Reads `input` into facilities.
    ///
    /// ```
    /// use decentwork_io::{ImportOptions, OshImport, OshShape};
    ///
    /// let csv = "country,name,address,sector,number_of_workers,lat,lng\n\
    ///     Viet Nam,Example Garment,1 Road,Apparel,100-500,21.0285,105.8542\n";
    /// let (facilities, summary) = OshImport::new("list.csv", ImportOptions::default())
    ///     .read(csv.as_bytes())?;
    /// assert_eq!(summary.shape, OshShape::UploadTemplate);
    /// assert_eq!(facilities[0].number_of_workers[0].to_string(), "100-500");
    /// assert_eq!(facilities[0].coordinates.unwrap().lat.to_string(), "21.0285");
    /// # Ok::<(), decentwork_io::ImportError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`OshImport::read_each`].
    pub fn read<R: Read>(&self, input: R) -> Result<(Vec<OshFacility>, OshSummary), ImportError> {
        let mut facilities = Vec::new();
        let summary = self.read_each(input, |f| facilities.push(f))?;
        Ok((facilities, summary))
    }

    /// Streams `input`, handing each facility read to `each`.
    ///
    /// # Errors
    ///
    /// [`ImportError::NotAFacilityList`] for a header of neither shape;
    /// [`ImportError::MissingFacilityColumns`] when the shape's required
    /// columns are not all there; [`ImportError::Encoding`],
    /// [`ImportError::HeaderTooLong`], [`ImportError::RecordTooLong`];
    /// [`ImportError::Strict`] at the first bad row (or repeated OS ID) of a
    /// strict import.
    pub fn read_each<R: Read>(
        &self,
        input: R,
        mut each: impl FnMut(OshFacility),
    ) -> Result<OshSummary, ImportError> {
        let mut splitter = Splitter::new(input, BLOCK_BYTES, MAX_HEADER_BYTES);
        let mut exact = Exact::new(MAX_HEADER_BYTES);
        let mut line = 1;
        let mut list: Option<List> = None;
        let mut first = true;
        loop {
            let block = match splitter.next_block(Vec::new()) {
                Ok(Some(block)) => block,
                Ok(None) => break,
                Err(Stop::Overlong(run)) => {
                    if first && let Some(problem) = byte_order_mark(&run) {
                        return Err(self.encoding(1, problem));
                    }
                    return Err(self.too_long(exact.overlong(line, &run), list.is_none()));
                }
                Err(Stop::Io(e)) => {
                    let Some(list) = &mut list else {
                        return Err(ImportError::Unreadable {
                            file: self.file.clone(),
                            message: e.to_string(),
                        });
                    };
                    // A read error leaves nothing trustworthy to read after it.
                    let error = ImportError::Malformed {
                        file: self.file.clone(),
                        line,
                        message: format!("cannot read on: {e}"),
                    };
                    self.outcome(list, Err(error), &mut each)?;
                    break;
                }
            };
            if first && let Some(problem) = byte_order_mark(&block.bytes) {
                return Err(self.encoding(1, problem));
            }
            first = false;
            let mut pos = 0;
            while let Some(next) = exact.next(&block.bytes, &mut pos, &mut line, block.last) {
                let (record, at) = next.map_err(|e| self.too_long(e, list.is_none()))?;
                match &mut list {
                    None => {
                        list = Some(self.header(record, at)?);
                        splitter.set_limit(MAX_RECORD_BYTES);
                        exact.set_limit(MAX_RECORD_BYTES);
                    }
                    Some(list) => {
                        let result = self.record(record, at, list);
                        self.outcome(list, result, &mut each)?;
                    }
                }
            }
        }
        match list {
            Some(list) => Ok(list.summary),
            None => Err(ImportError::NotAFacilityList {
                file: self.file.clone(),
                found: Vec::new(),
            }),
        }
    }

    /// The factory a facility stands for, enrolled on `enrolled_on` (a
    /// facility list says nothing of programme enrolment). Its ID is the OS
    /// ID, else `osh-line-N`. A factory record keeps no coordinates, worker
    /// counts, parent companies, contributors or facility types.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use decentwork_io::{ImportOptions, OshImport};
    ///
    /// let csv = "os_id,name,address,country\nVN2019085P645QS,Example Garment,1 Road,Viet Nam\n";
    /// let import = OshImport::new("list.csv", ImportOptions::default());
    /// let (facilities, _) = import.read(csv.as_bytes())?;
    /// let on = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    /// let factory = import.factory(&facilities[0], on)?;
    /// assert_eq!(factory.id.as_str(), "VN2019085P645QS");
    /// # Ok::<(), decentwork_io::ImportError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A facility marked closed (a factory record would need the date it
    /// closed); a value the model does not accept (a name over 200
    /// characters, an address over 10 000, a sector or product type over
    /// 100), naming its column.
    pub fn factory(
        &self,
        facility: &OshFacility,
        enrolled_on: NaiveDate,
    ) -> Result<Factory, ImportError> {
        let line = facility.line;
        let bad = |column: &str, value: &str, expected: &'static str| ImportError::BadValue {
            file: self.file.clone(),
            line,
            column: column.to_owned(),
            value: quoted(value),
            expected,
        };
        if facility.is_closed == Some(true) {
            return Err(bad(
                Column::IsClosed.name(),
                "True",
                "an open facility (a closed one cannot be recorded as enrolled without the date it closed)",
            ));
        }
        let id = match facility.os_id {
            Some(os) => FactoryId::new(os.as_str()),
            None => FactoryId::new(&format!("osh-line-{line}")),
        }
        .map_err(|_| bad(Column::OsId.name(), "", "an identifier"))?;
        let mut fields = FactoryFields::new(
            id,
            facility.name.clone(),
            facility.country.into(),
            facility.address.clone(),
            enrolled_on,
        );
        fields.os_id = facility.os_id;
        let unique = |values: &[String]| {
            let mut out: Vec<String> = Vec::with_capacity(values.len());
            for v in values {
                if !out.contains(v) {
                    out.push(v.clone());
                }
            }
            out
        };
        fields.sectors = unique(&facility.sectors);
        fields.product_types = unique(&facility.product_types);
        let value_of = |field: &str| -> String {
            let index = field
                .split_once('[')
                .and_then(|(_, i)| i.trim_end_matches(']').parse::<usize>().ok());
            let list = |values: &[String]| match index {
                Some(i) => values.get(i).cloned().unwrap_or_default(),
                None => values.join("|"),
            };
            match field.split('[').next() {
                Some("name") => facility.name.clone(),
                Some("address") => facility.address.clone(),
                Some("sectors") => list(&fields.sectors),
                Some("product_types") => list(&fields.product_types),
                _ => String::new(),
            }
        };
        Factory::new(fields.clone()).map_err(|e| {
            let field = match &e {
                ValidationError::Empty { field }
                | ValidationError::TooLong { field, .. }
                | ValidationError::TooMany { field, .. }
                | ValidationError::Duplicate { field, .. } => field.as_str(),
                _ => "",
            };
            let (column, expected) = match field.split('[').next() {
                Some("name") => (Column::Name, "a name of 1 to 200 characters"),
                Some("address") => (Column::Address, "an address of 1 to 10 000 characters"),
                Some("sectors") => (
                    Column::Sector,
                    "sectors of at most 100 characters each, at most 100 000",
                ),
                Some("product_types") => (
                    Column::ProductType,
                    "product types of at most 100 characters each, at most 100 000",
                ),
                _ => (Column::Name, "a valid factory record"),
            };
            bad(column.name(), &value_of(field), expected)
        })
    }

    /// The error for a file in another encoding.
    fn encoding(&self, line: u64, (problem, hint): EncodingProblem) -> ImportError {
        ImportError::Encoding {
            file: self.file.clone(),
            line,
            problem,
            hint,
        }
    }

    /// The error for a record (or the header) over its limit; a header of
    /// NUL bytes is not text.
    fn too_long(&self, too_long: TooLong, header: bool) -> ImportError {
        let TooLong { line, start } = too_long;
        if header && let Some(problem) = nul_bytes(&start) {
            return self.encoding(line, problem);
        }
        let file = self.file.clone();
        let start = excerpt(&start);
        if header {
            ImportError::HeaderTooLong {
                file,
                line,
                limit: MAX_HEADER_BYTES,
                start,
            }
        } else {
            ImportError::RecordTooLong {
                file,
                line,
                limit: MAX_RECORD_BYTES,
                start,
            }
        }
    }

    /// The shape and columns a header names; an error when it is neither
    /// shape or a required column is missing.
    fn header(&self, record: ExactRecord<'_>, line: u64) -> Result<List, ImportError> {
        let header = header_names(record.iter()).map_err(|p| self.encoding(line, p))?;
        let has = |name: &str| header.iter().any(|h| h == name);
        let download = has("country_code") || has("country_name");
        let shape = if download && (has("os_id") || !has("country")) {
            OshShape::Download
        } else if has("country") {
            OshShape::UploadTemplate
        } else {
            return Err(ImportError::NotAFacilityList {
                file: self.file.clone(),
                found: header,
            });
        };
        let required: &[&str] = match shape {
            OshShape::Download => &["os_id", "name", "address"],
            OshShape::UploadTemplate => &["country", "name", "address"],
        };
        let missing: Vec<String> = required
            .iter()
            .filter(|c| !has(c))
            .map(|c| (*c).to_owned())
            .collect();
        if !missing.is_empty() {
            return Err(ImportError::MissingFacilityColumns {
                file: self.file.clone(),
                shape,
                missing,
                found: header,
            });
        }
        let mut positions = [None; COLUMNS.len()];
        for (slot, (column, name)) in positions.iter_mut().zip(COLUMNS) {
            // The download's country comes from its own columns.
            let other_shape = match shape {
                OshShape::Download => column == Column::Country,
                OshShape::UploadTemplate => {
                    matches!(column, Column::CountryCode | Column::CountryName)
                }
            };
            if other_shape {
                continue;
            }
            let found: Vec<usize> = header
                .iter()
                .enumerate()
                .filter(|(_, h)| h.as_str() == name)
                .map(|(i, _)| i)
                .collect();
            match found.as_slice() {
                [] => {}
                [one] => *slot = Some(*one),
                _ => {
                    return Err(ImportError::DuplicateColumn {
                        file: self.file.clone(),
                        column: name.to_owned(),
                    });
                }
            }
        }
        let unused_columns = header
            .iter()
            .enumerate()
            .filter(|(i, _)| !positions.contains(&Some(*i)))
            .map(|(_, h)| h.clone())
            .collect();
        Ok(List {
            positions,
            width: header.len(),
            summary: OshSummary {
                shape,
                rows_read: 0,
                facilities: 0,
                rows_skipped: 0,
                skipped: Vec::new(),
                unused_columns,
                duplicate_rows: 0,
                duplicates: Vec::new(),
            },
            seen: FxHashMap::default(),
        })
    }

    /// One data record, on `line`, as a facility.
    fn record(
        &self,
        record: ExactRecord<'_>,
        line: u64,
        list: &List,
    ) -> Result<OshFacility, ImportError> {
        if record.count() != list.width {
            return Err(ImportError::Malformed {
                file: self.file.clone(),
                line,
                message: format!(
                    "{} fields, but the header has {}",
                    record.count(),
                    list.width
                ),
            });
        }
        let row = Row {
            import: self,
            record,
            list,
            line,
        };
        let name = row.required(Column::Name, "a facility name")?;
        let address = row.required(Column::Address, "an address")?;
        let country = row.country()?;
        let os_id = match row.text(Column::OsId)? {
            "" if list.summary.shape == OshShape::Download => {
                return Err(row.bad(
                    Column::OsId,
                    "",
                    "an OS ID (the download gives every facility one)",
                ));
            }
            "" => None,
            id => Some(OsId::new(id).map_err(|_| {
                row.bad(
                    Column::OsId,
                    id,
                    "a valid OS ID (15 characters, matching check character)",
                )
            })?),
        };
        let contribution_date = match row.text(Column::ContributionDate)? {
            "" => None,
            date => Some(self.iso_date(date, line)?),
        };
        let is_closed = match row.text(Column::IsClosed)? {
            "" => None,
            t if t.eq_ignore_ascii_case("true") => Some(true),
            t if t.eq_ignore_ascii_case("false") => Some(false),
            t => return Err(row.bad(Column::IsClosed, t, "True or False")),
        };
        Ok(OshFacility {
            line,
            os_id,
            contribution_date,
            name,
            address,
            country,
            coordinates: row.coordinates()?,
            sectors: row.list(Column::Sector)?,
            product_types: row.list(Column::ProductType)?,
            facility_types: row.list(Column::FacilityType)?,
            processing_types: row.list(Column::ProcessingType)?,
            number_of_workers: row.workers()?,
            parent_companies: row.list(Column::ParentCompany)?,
            contributors: row.list(Column::Contributors)?,
            is_closed,
        })
    }

    /// A `YYYY-MM-DD` contribution date.
    fn iso_date(&self, text: &str, line: u64) -> Result<NaiveDate, ImportError> {
        let mut parts = text.split('-');
        let form = match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(y), Some(m), Some(d), None)
                if y.len() == 4
                    && m.len() == 2
                    && d.len() == 2
                    && [y, m, d]
                        .iter()
                        .all(|p| p.bytes().all(|b| b.is_ascii_digit())) =>
            {
                Some((y.parse().ok(), m.parse().ok(), d.parse().ok()))
            }
            _ => None,
        };
        match form {
            Some((Some(y), Some(m), Some(d))) => {
                NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| ImportError::NotADate {
                    file: self.file.clone(),
                    line,
                    column: Column::ContributionDate.name().to_owned(),
                    value: quoted(text),
                })
            }
            _ => Err(ImportError::BadValue {
                file: self.file.clone(),
                line,
                column: Column::ContributionDate.name().to_owned(),
                value: quoted(text),
                expected: "a date as yyyy-mm-dd",
            }),
        }
    }

    /// Counts a record's outcome and notes a repeated OS ID; the first
    /// failure stops a strict import.
    fn outcome(
        &self,
        list: &mut List,
        result: Result<OshFacility, ImportError>,
        each: &mut impl FnMut(OshFacility),
    ) -> Result<(), ImportError> {
        let keep = self.options.keep_errors.unwrap_or(1000);
        let summary = &mut list.summary;
        summary.rows_read += 1;
        let result = result.and_then(|facility| {
            let Some(os_id) = facility.os_id else {
                return Ok(facility);
            };
            let first_line = *list.seen.entry(os_id).or_insert(facility.line);
            if first_line == facility.line {
                return Ok(facility);
            }
            if self.options.strict {
                return Err(ImportError::DuplicateOsId {
                    file: self.file.clone(),
                    line: facility.line,
                    os_id: os_id.to_string(),
                    first_line,
                });
            }
            summary.duplicate_rows += 1;
            if summary.duplicates.len() < keep {
                summary.duplicates.push(DuplicateOsId {
                    os_id,
                    first_line,
                    line: facility.line,
                });
            }
            Ok(facility)
        });
        match result {
            Ok(f) => {
                summary.facilities += 1;
                each(f);
            }
            Err(e) if self.options.strict => return Err(ImportError::Strict(Box::new(e))),
            Err(e) => {
                summary.rows_skipped += 1;
                if summary.skipped.len() < keep {
                    summary.skipped.push(e);
                }
            }
        }
        Ok(())
    }
}

/// A data record being read, with its list's columns.
struct Row<'a, 'r> {
    import: &'a OshImport,
    record: ExactRecord<'r>,
    list: &'a List,
    line: u64,
}

impl Row<'_, '_> {
    fn bad(&self, column: Column, value: &str, expected: &'static str) -> ImportError {
        ImportError::BadValue {
            file: self.import.file.clone(),
            line: self.line,
            column: column.name().to_owned(),
            value: quoted(value),
            expected,
        }
    }

    /// A column's text, trimmed: "" when the list has no such column; an
    /// error when it is oversize or not UTF-8.
    fn text(&self, column: Column) -> Result<&str, ImportError> {
        let Some(i) = self.list.position(column) else {
            return Ok("");
        };
        let raw = self.record.raw(i).unwrap_or_default();
        if raw.len() > MAX_FIELD_BYTES {
            return Err(self.bad(
                column,
                &String::from_utf8_lossy(raw.get(..1024).unwrap_or(raw)),
                "a field of at most 65 536 bytes",
            ));
        }
        match self.record.text(i) {
            Some(Ok(text)) => Ok(text.trim()),
            _ => Err(self.bad(
                column,
                &String::from_utf8_lossy(raw),
                "UTF-8 text (save the file as UTF-8)",
            )),
        }
    }

    fn required(&self, column: Column, what: &'static str) -> Result<String, ImportError> {
        let value = self.text(column)?;
        if value.is_empty() {
            Err(self.bad(column, value, what))
        } else {
            Ok(value.to_owned())
        }
    }

    /// A column's `|`-separated values, trimmed, empty ones left out.
    fn list(&self, column: Column) -> Result<Vec<String>, ImportError> {
        Ok(self
            .text(column)?
            .split('|')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect())
    }

    /// The country: `country` in the upload template; in the download
    /// `country_code`, else `country_name`, which must agree when both are
    /// given and the name is one this crate knows.
    fn country(&self) -> Result<Country, ImportError> {
        if self.list.summary.shape == OshShape::UploadTemplate {
            let label = self.text(Column::Country)?;
            return country_from_name(label).ok_or_else(|| {
                self.bad(Column::Country, label, "a country name or ISO 3166-1 code")
            });
        }
        let code = self.text(Column::CountryCode)?;
        let name = self.text(Column::CountryName)?;
        let by_name = country_from_name(name);
        let by_code =
            if code.is_empty() {
                None
            } else {
                Some(Country::parse_lax(code).map_err(|_| {
                    self.bad(Column::CountryCode, code, "an ISO 3166-1 alpha-2 code")
                })?)
            };
        match (by_code, by_name) {
            (Some(c), Some(n)) if c != n => Err(self.bad(
                Column::CountryName,
                name,
                "the country of the row's country_code",
            )),
            (Some(c), _) => Ok(c),
            (None, Some(n)) => Ok(n),
            (None, None) if name.is_empty() => {
                Err(self.bad(Column::CountryCode, code, "a country code"))
            }
            (None, None) => Err(self.bad(Column::CountryName, name, "a country name")),
        }
    }

    /// `lat` and `lng`: both or neither.
    fn coordinates(&self) -> Result<Option<Coordinates>, ImportError> {
        match (self.text(Column::Lat)?, self.text(Column::Lng)?) {
            ("", "") => Ok(None),
            ("", _) => Err(self.bad(Column::Lat, "", "a latitude with the longitude")),
            (_, "") => Err(self.bad(Column::Lng, "", "a longitude with the latitude")),
            (lat, lng) => Ok(Some(Coordinates {
                lat: degrees(lat, 90)
                    .ok_or_else(|| self.bad(Column::Lat, lat, "a latitude from -90 to 90"))?,
                lng: degrees(lng, 180)
                    .ok_or_else(|| self.bad(Column::Lng, lng, "a longitude from -180 to 180"))?,
            })),
        }
    }

    /// `number_of_workers`: counts or ranges, `|`-separated.
    fn workers(&self) -> Result<Vec<WorkerCount>, ImportError> {
        let workers = self.text(Column::NumberOfWorkers)?;
        workers
            .split('|')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(|v| {
                worker_count(v).ok_or_else(|| {
                    self.bad(
                        Column::NumberOfWorkers,
                        workers,
                        "worker counts as a number or a range like 1001-5000, separated by |",
                    )
                })
            })
            .collect()
    }
}

/// A number of degrees within ±`bound`, as written (`23.8103`, or in
/// scientific notation as a browser may write a tiny one).
fn degrees(text: &str, bound: i64) -> Option<Decimal> {
    let value = Decimal::from_str(text)
        .or_else(|_| Decimal::from_scientific(text))
        .ok()?;
    (value.abs() <= Decimal::from(bound)).then_some(value)
}

/// `500`, `1001-5000` (spaces around the dash and thousands separators
/// allowed, as people type them in the upload template).
fn worker_count(text: &str) -> Option<WorkerCount> {
    let number = |t: &str| -> Option<u32> {
        let t = t.trim();
        let digits: String = t.chars().filter(|&c| c != ',').collect();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || t.starts_with(',') {
            return None;
        }
        digits.parse().ok()
    };
    let (min, max) = if let Some((a, b)) = text.split_once('-') {
        (number(a)?, number(b)?)
    } else {
        let n = number(text)?;
        (n, n)
    };
    (min <= max).then_some(WorkerCount { min, max })
}
