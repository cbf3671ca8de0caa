//! The Open Supply Hub facility list CSV, into factories.

use std::io::Read;

use chrono::NaiveDate;
use decentwork_model::{Factory, FactoryFields, FactoryId, Jurisdiction, OsId};

use crate::error::quoted;
use crate::{ImportError, ImportOptions, country_from_name};

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
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| ImportError::Unreadable {
                file: self.file.clone(),
                message: e.to_string(),
            })?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_owned())
            .collect();
        let shift = crate::line_shift(reader.position().line());
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
        let os_id = position("os_id");
        let sector = position("sector");
        let product = position("product_type");
        let used = [
            "name",
            "address",
            "country",
            "os_id",
            "sector",
            "product_type",
        ];
        let mut summary = OshSummary {
            unused_columns: header
                .iter()
                .filter(|h| !used.contains(&h.as_str()))
                .cloned()
                .collect(),
            ..OshSummary::default()
        };
        let mut factories = Vec::new();
        for record in reader.records() {
            summary.rows_read += 1;
            let result = record
                .map_err(|e| ImportError::Malformed {
                    file: self.file.clone(),
                    line: e.position().map_or(0, |p| p.line() + shift),
                    message: e.to_string(),
                })
                .and_then(|r| {
                    let line = r.position().map_or(0, |p| p.line() + shift);
                    if r.len() != header.len() {
                        return Err(ImportError::Malformed {
                            file: self.file.clone(),
                            line,
                            message: format!(
                                "{} fields, but the header has {}",
                                r.len(),
                                header.len()
                            ),
                        });
                    }
                    self.factory(&r, line, [name, address, country], [os_id, sector, product])
                });
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
        }
        Ok((factories, summary))
    }

    fn factory(
        &self,
        record: &csv::StringRecord,
        line: u64,
        [name, address, country]: [usize; 3],
        [os_id, sector, product]: [Option<usize>; 3],
    ) -> Result<Factory, ImportError> {
        let get = |i: usize| record.get(i).unwrap_or("").trim();
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
