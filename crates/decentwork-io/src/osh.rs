//! The Open Supply Hub facility list CSV, into factories.

use std::io::Read;

use chrono::NaiveDate;
use decentwork_model::{Factory, FactoryFields, FactoryId, Jurisdiction, OsId};

use crate::error::{excerpt, quoted};
use crate::split::{BLOCK_BYTES, Exact, ExactRecord, Fields, Splitter, Stop, TooLong};
use crate::{ImportError, ImportOptions, MAX_HEADER_BYTES, MAX_RECORD_BYTES, country_from_name};

/// What an Open Supply Hub import read and skipped.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct OshSummary {
    /// Data rows read.
    pub rows_read: u64,
    /// Factories made.
    pub factories: u64,
    /// Rows skipped.
    pub rows_skipped: u64,
    /// Their errors, in file order.
    pub skipped: Vec<ImportError>,
    /// Columns kept in no factory field (OSH's extra and partner columns).
    pub unused_columns: Vec<String>,
}

/// A facility list's columns, found in its header, and what was read so far.
struct List {
    /// `name`, `address`, `country`.
    required: [usize; 3],
    /// `os_id`, `sector`, `product_type`.
    optional: [Option<usize>; 3],
    width: usize,
    summary: OshSummary,
}

/// Reads an Open Supply Hub facility list (upload template or download):
/// required `name`, `address`, `country`; used when present `os_id`, `sector`
/// and `product_type` (values split on `|` or `,`). OS IDs are validated with
/// their check character.
#[derive(Debug, Clone)]
pub struct OshImport {
    file: String,
    options: ImportOptions,
    enrolled_on: NaiveDate,
}

impl OshImport {
    /// An import of the file called `file`; factories are recorded as enrolled
    /// on `enrolled_on` (a facility list says nothing of programme enrolment).
    #[must_use]
    pub fn new(file: impl Into<String>, options: ImportOptions, enrolled_on: NaiveDate) -> Self {
        Self {
            file: file.into(),
            options,
            enrolled_on,
        }
    }

    /// Reads `input` into factories. A factory's ID is its OS ID when the row
    /// has one, else `osh-line-N`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use decentwork_io::{ImportOptions, OshImport};
    ///
    /// let csv = "os_id,name,address,country,sector\nVN2019085P645QS,Example Garment,1 Road,Viet Nam,Apparel\n";
    /// let on = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    /// let (factories, summary) = OshImport::new("list.csv", ImportOptions::default(), on).read(csv.as_bytes())?;
    /// assert_eq!(factories[0].os_id.map(|id| id.to_string()).as_deref(), Some("VN2019085P645QS"));
    /// assert_eq!(summary.rows_skipped, 0);
    /// # Ok::<(), decentwork_io::ImportError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A header without `name`, `address` and `country`; the first bad row of a
    /// strict import.
    pub fn read<R: Read>(&self, input: R) -> Result<(Vec<Factory>, OshSummary), ImportError> {
        let mut splitter = Splitter::new(input, BLOCK_BYTES, MAX_HEADER_BYTES);
        let mut exact = Exact::new(MAX_HEADER_BYTES);
        let mut line = 1;
        let mut list: Option<List> = None;
        let mut factories = Vec::new();
        loop {
            let block = match splitter.next_block(Vec::new()) {
                Ok(Some(block)) => block,
                Ok(None) => break,
                Err(Stop::Overlong(run)) => {
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
                    self.outcome(&mut list.summary, &mut factories, Err(error))?;
                    break;
                }
            };
            let mut pos = 0;
            while let Some(next) = exact.next(&block.bytes, &mut pos, &mut line, block.last) {
                let (record, at) = next.map_err(|e| self.too_long(e, list.is_none()))?;
                match &mut list {
                    None => {
                        list = Some(self.header(record)?);
                        splitter.set_limit(MAX_RECORD_BYTES);
                        exact.set_limit(MAX_RECORD_BYTES);
                    }
                    Some(list) => {
                        let result = self.record(record, at, list);
                        self.outcome(&mut list.summary, &mut factories, result)?;
                    }
                }
            }
        }
        match list {
            Some(list) => Ok((factories, list.summary)),
            None => self
                .header(ExactRecord::default())
                .map(|list| (factories, list.summary)),
        }
    }

    /// The error for a record (or the header) over its limit.
    fn too_long(&self, too_long: TooLong, header: bool) -> ImportError {
        let TooLong { line, start } = too_long;
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

    /// The columns a header names; an error when a required one is missing.
    fn header(&self, record: ExactRecord<'_>) -> Result<List, ImportError> {
        let header = (0..record.count())
            .map(|i| match record.text(i) {
                Some(Ok(text)) => Ok(text.trim_start_matches('\u{feff}').trim().to_owned()),
                _ => Err(ImportError::Unreadable {
                    file: self.file.clone(),
                    message: format!("header field {} is not UTF-8", i + 1),
                }),
            })
            .collect::<Result<Vec<String>, _>>()?;
        let position = |name: &str| header.iter().position(|h| h == name);
        let (Some(name), Some(address), Some(country)) =
            (position("name"), position("address"), position("country"))
        else {
            let missing = ["name", "address", "country"]
                .into_iter()
                .filter(|c| position(c).is_none())
                .map(str::to_owned)
                .collect();
            return Err(ImportError::MissingColumns {
                file: self.file.clone(),
                missing,
                found: header,
            });
        };
        let used = [
            "name",
            "address",
            "country",
            "os_id",
            "sector",
            "product_type",
        ];
        Ok(List {
            required: [name, address, country],
            optional: [
                position("os_id"),
                position("sector"),
                position("product_type"),
            ],
            width: header.len(),
            summary: OshSummary {
                unused_columns: header
                    .iter()
                    .filter(|h| !used.contains(&h.as_str()))
                    .cloned()
                    .collect(),
                ..OshSummary::default()
            },
        })
    }

    /// One data record, on `line`, as a factory.
    fn record(
        &self,
        record: ExactRecord<'_>,
        line: u64,
        list: &List,
    ) -> Result<Factory, ImportError> {
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
        let fields = (0..record.count())
            .map(|i| match record.text(i) {
                Some(Ok(text)) => Ok(text),
                _ => Err(ImportError::Malformed {
                    file: self.file.clone(),
                    line,
                    message: format!("field {} is not UTF-8", i + 1),
                }),
            })
            .collect::<Result<Vec<&str>, _>>()?;
        self.factory(&fields, line, list.required, list.optional)
    }

    /// Counts a record's outcome; the first failure stops a strict import.
    fn outcome(
        &self,
        summary: &mut OshSummary,
        factories: &mut Vec<Factory>,
        result: Result<Factory, ImportError>,
    ) -> Result<(), ImportError> {
        summary.rows_read += 1;
        match result {
            Ok(f) => {
                summary.factories += 1;
                factories.push(f);
            }
            Err(e) if self.options.strict => return Err(ImportError::Strict(Box::new(e))),
            Err(e) => {
                summary.rows_skipped += 1;
                summary.skipped.push(e);
            }
        }
        Ok(())
    }

    fn factory(
        &self,
        record: &[&str],
        line: u64,
        [name, address, country]: [usize; 3],
        [os_id, sector, product]: [Option<usize>; 3],
    ) -> Result<Factory, ImportError> {
        let get = |i: usize| record.get(i).copied().unwrap_or("").trim();
        let bad = |column: &str, value: &str, expected: &'static str| ImportError::BadValue {
            file: self.file.clone(),
            line,
            column: column.to_owned(),
            value: quoted(value),
            expected,
        };
        let country_text = get(country);
        let jurisdiction: Jurisdiction = country_from_name(country_text)
            .ok_or_else(|| bad("country", country_text, "a country name or ISO 3166-1 code"))?
            .into();
        let os = match os_id.map(get).filter(|t| !t.is_empty()) {
            Some(text) => Some(OsId::new(text).map_err(|_| {
                bad(
                    "os_id",
                    text,
                    "a valid OS ID (15 characters, matching check character)",
                )
            })?),
            None => None,
        };
        let id = match os {
            Some(os) => FactoryId::new(os.as_str()),
            None => FactoryId::new(&format!("osh-line-{line}")),
        }
        .map_err(|_| bad("os_id", "", "an identifier"))?;
        let mut fields =
            FactoryFields::new(id, get(name), jurisdiction, get(address), self.enrolled_on);
        fields.os_id = os;
        let split = |i: Option<usize>| -> Vec<String> {
            let mut values: Vec<String> = i
                .map_or("", get)
                .split(['|', ','])
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
                .collect();
            let mut seen = std::collections::BTreeSet::new();
            values.retain(|v| seen.insert(v.to_lowercase()));
            values
        };
        fields.sectors = split(sector);
        fields.product_types = split(product);
        Factory::new(fields).map_err(|e| ImportError::BadValue {
            file: self.file.clone(),
            line,
            column: "record".into(),
            value: quoted(get(name)),
            expected: match e {
                decentwork_model::ValidationError::Empty { .. } => "a non-empty name and address",
                decentwork_model::ValidationError::TooLong { .. } => {
                    "name at most 200 characters, labels at most 100"
                }
                _ => "a valid facility record",
            },
        })
    }
}
