//! Import errors: always the file, and where known the line, column and value.

/// Something wrong with an input file.
///
/// ```
/// use decentwork_io::ImportError;
///
/// let err = ImportError::BadValue {
///     file: "export.csv".into(), line: 7, column: "Finding".into(), value: "2".into(),
///     expected: "0 or 1",
/// };
/// assert_eq!(err.to_string(), "export.csv:7: column Finding: \"2\": expected 0 or 1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The header lacks required columns.
    #[error("{file}: missing required column(s) {}; found {}", missing.join(", "), names(found))]
    MissingColumns {
        /// The file.
        file: String,
        /// The columns missing.
        missing: Vec<String>,
        /// The columns present.
        found: Vec<String>,
    },
    /// A header of neither Open Supply Hub shape: no `country`,
    /// `country_code` or `country_name` column.
    #[error(
        "{file}: not an Open Supply Hub facility list (no country, country_code or country_name column); {}",
        found_columns(found)
    )]
    NotAFacilityList {
        /// The file.
        file: String,
        /// The columns present.
        found: Vec<String>,
    },
    /// A facility list's header lacks columns its shape requires.
    #[error("{file}: {shape} needs the column(s) {}; {}", missing.join(", "), found_columns(found))]
    MissingFacilityColumns {
        /// The file.
        file: String,
        /// The shape the header was taken for.
        shape: crate::OshShape,
        /// The columns missing.
        missing: Vec<String>,
        /// The columns present.
        found: Vec<String>,
    },
    /// A column appears twice in the header.
    #[error("{file}: column {column} appears twice in the header")]
    DuplicateColumn {
        /// The file.
        file: String,
        /// The column.
        column: String,
    },
    /// A value that cannot be read.
    #[error("{file}:{line}: column {column}: {value:?}: expected {expected}")]
    BadValue {
        /// The file.
        file: String,
        /// The line (1 is the header).
        line: u64,
        /// The column's name.
        column: String,
        /// The value as found (cut to 200 characters).
        value: String,
        /// What was expected.
        expected: &'static str,
    },
    /// A row that cannot be split into fields (wrong number of fields, bad
    /// quoting, text that is not UTF-8).
    #[error("{file}:{line}: {message}")]
    Malformed {
        /// The file.
        file: String,
        /// The line.
        line: u64,
        /// What was wrong.
        message: String,
    },
    /// The file could not be read at all.
    #[error("{file}: {message}")]
    Unreadable {
        /// The file.
        file: String,
        /// Why.
        message: String,
    },
    /// Reading the input failed part of the way through: what came after is
    /// missing, so the import as a whole failed.
    #[error("{file}: reading failed after line {line} ({rows_read} data rows read): {message}")]
    ReadFailed {
        /// The file.
        file: String,
        /// The last line read whole.
        line: u64,
        /// The data rows read before the failure.
        rows_read: u64,
        /// The reader's error.
        message: String,
    },
    /// A record larger than the reader's limit: reading stopped there, so
    /// that a file without line ends (or with a quote left open) cannot fill
    /// memory.
    #[error(
        "{file}:{line}: a record of more than {limit} bytes (it starts {start:?}); reading stopped here{}",
        binary_hint(start)
    )]
    RecordTooLong {
        /// The file.
        file: String,
        /// The line the record starts on.
        line: u64,
        /// The limit: bytes of the record's fields plus their number.
        limit: usize,
        /// The record's first bytes (at most 80, invalid UTF-8 replaced).
        start: String,
    },
    /// A header larger than the reader's limit: reading stopped there.
    #[error(
        "{file}:{line}: the header is longer than {limit} bytes (it starts {start:?}); reading stopped here{}",
        binary_hint(start)
    )]
    HeaderTooLong {
        /// The file.
        file: String,
        /// The line the header starts on.
        line: u64,
        /// The limit: bytes of the header's names plus their number.
        limit: usize,
        /// The header's first bytes (at most 80, invalid UTF-8 replaced).
        start: String,
    },
    /// The file is not UTF-8 text: UTF-16, a legacy encoding, or not text
    /// at all. Found in its first bytes or its header, and fatal.
    #[error("{file}:{line}: {problem}; {hint}")]
    Encoding {
        /// The file.
        file: String,
        /// The line (1 for the file's first bytes).
        line: u64,
        /// What was found, with its position.
        problem: String,
        /// What to do about it.
        hint: &'static str,
    },
    /// A date in the expected form that names no day, like 31/02/2024.
    #[error("{file}:{line}: column {column}: {value} is not a date")]
    NotADate {
        /// The file.
        file: String,
        /// The line.
        line: u64,
        /// The column's name.
        column: String,
        /// The value as found (cut to 200 characters).
        value: String,
    },
    /// A facility list gives one OS ID to two rows (an error in a strict
    /// import; otherwise both are kept and the repeat is listed).
    #[error("{file}:{line}: OS ID {os_id} is already on line {first_line}")]
    DuplicateOsId {
        /// The file.
        file: String,
        /// The line of the repeat.
        line: u64,
        /// The OS ID.
        os_id: String,
        /// The line of its first row.
        first_line: u64,
    },
    /// A strict import stopped at its first bad row.
    #[error("stopped at the first bad row (strict): {0}")]
    Strict(Box<ImportError>),
}

impl ImportError {
    /// Whether the input could not be read (as opposed to holding bad data).
    #[must_use]
    pub fn is_read_failure(&self) -> bool {
        matches!(
            self,
            ImportError::Unreadable { .. } | ImportError::ReadFailed { .. }
        )
    }

    /// The line the error is on, if it concerns one.
    #[must_use]
    pub fn line(&self) -> Option<u64> {
        match self {
            ImportError::BadValue { line, .. }
            | ImportError::Malformed { line, .. }
            | ImportError::ReadFailed { line, .. }
            | ImportError::RecordTooLong { line, .. }
            | ImportError::HeaderTooLong { line, .. }
            | ImportError::Encoding { line, .. }
            | ImportError::NotADate { line, .. }
            | ImportError::DuplicateOsId { line, .. } => Some(*line),
            ImportError::Strict(inner) => inner.line(),
            _ => None,
        }
    }
}

impl ImportError {
    /// The same error `by` lines further down: a block's rows are numbered
    /// from its start until the block's place in the file is known.
    pub(crate) fn shifted(mut self, by: u64) -> Self {
        match &mut self {
            ImportError::BadValue { line, .. }
            | ImportError::Malformed { line, .. }
            | ImportError::RecordTooLong { line, .. }
            | ImportError::HeaderTooLong { line, .. }
            | ImportError::Encoding { line, .. }
            | ImportError::NotADate { line, .. }
            | ImportError::DuplicateOsId { line, .. } => {
                *line += by;
            }
            ImportError::Strict(inner) => **inner = inner.as_ref().clone().shifted(by),
            _ => {}
        }
        self
    }
}

/// Longest value quoted back in an error.
pub(crate) const MAX_QUOTED: usize = 200;

/// The bytes of an over-long record or header quoted back in its error.
pub(crate) const EXCERPT_BYTES: usize = 80;

pub(crate) fn quoted(value: &str) -> String {
    value.chars().take(MAX_QUOTED).collect()
}

/// The first bytes of an over-long record, as text for a message.
pub(crate) fn excerpt(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes.get(..EXCERPT_BYTES).unwrap_or(bytes)).into_owned()
}

/// Names (columns, labels) for a message: at most [`MAX_QUOTED`] characters
/// of them, then how many there are (a header can hold anything).
pub(crate) fn names(found: &[String]) -> String {
    let all = found.join(", ");
    if all.chars().count() <= MAX_QUOTED {
        return all;
    }
    let cut: String = all.chars().take(MAX_QUOTED).collect();
    format!("{cut}… ({} in all)", found.len())
}

/// The columns a header has, for a message.
fn found_columns(found: &[String]) -> String {
    if found.is_empty() {
        "the file is empty".to_owned()
    } else {
        format!("found {}", names(found))
    }
}

/// A word on what a text of NUL bytes is.
fn binary_hint(start: &str) -> &'static str {
    if start.contains('\0') {
        " (NUL bytes: this is not a text file)"
    } else {
        ""
    }
}

/// What to do with a file in another encoding.
pub(crate) const SAVE_AS_UTF8: &str = "save it as UTF-8 (in a spreadsheet: Save As, CSV UTF-8)";

/// What to do with a file that is not text.
const NOT_TEXT: &str = "expected a CSV file";

/// A problem with a file's encoding: what was found, and what to do.
pub(crate) type EncodingProblem = (String, &'static str);

/// A UTF-16 byte-order mark at the start of the input.
pub(crate) fn byte_order_mark(first: &[u8]) -> Option<EncodingProblem> {
    let mark = match first.get(..2)? {
        [0xff, 0xfe] => "FF FE",
        [0xfe, 0xff] => "FE FF",
        _ => return None,
    };
    Some((
        format!("the file looks like UTF-16 (it starts with the byte-order mark {mark})"),
        SAVE_AS_UTF8,
    ))
}

/// NUL bytes in a header's text: UTF-16 without a byte-order mark when they
/// fall between the characters, otherwise not text at all.
pub(crate) fn nul_bytes(bytes: &[u8]) -> Option<EncodingProblem> {
    memchr::memchr(0, bytes)?;
    Some(nul_problem(bytes.get(..64).unwrap_or(bytes)))
}

/// What NUL bytes in a text whose first bytes are `sample` mean: UTF-16
/// when most pairs of bytes hold one NUL (text in the Latin range), else not
/// text at all.
fn nul_problem(sample: &[u8]) -> EncodingProblem {
    let pairs = sample.chunks_exact(2);
    let total = pairs.len();
    let one_nul = pairs
        .filter(|p| matches!(p, [0, b] | [b, 0] if *b != 0))
        .count();
    if total > 0 && one_nul * 4 >= total * 3 {
        (
            "the file looks like UTF-16 (NUL bytes between the characters)".to_owned(),
            SAVE_AS_UTF8,
        )
    } else {
        (
            "the header holds NUL bytes: this is not a text file".to_owned(),
            NOT_TEXT,
        )
    }
}

/// A header's names, trimmed (a UTF-8 byte-order mark dropped); an error
/// for NUL bytes or text that is not UTF-8, naming the field and the byte.
pub(crate) fn header_names<'a>(
    fields: impl Iterator<Item = &'a [u8]> + Clone,
) -> Result<Vec<String>, EncodingProblem> {
    if fields.clone().any(|f| memchr::memchr(0, f).is_some()) {
        // The fields joined by their commas: the header's bytes as they
        // were, for unquoted names.
        let mut sample = Vec::with_capacity(64);
        for (i, field) in fields.clone().enumerate() {
            if i > 0 {
                sample.push(b',');
            }
            sample.extend_from_slice(field);
            if sample.len() >= 64 {
                break;
            }
        }
        sample.truncate(64);
        return Err(nul_problem(&sample));
    }
    fields
        .enumerate()
        .map(|(i, raw)| match simdutf8::compat::from_utf8(raw) {
            Ok(text) => Ok(text.trim_start_matches('\u{feff}').trim().to_owned()),
            Err(e) => {
                let at = e.valid_up_to();
                let byte = raw.get(at).copied().unwrap_or_default();
                Err((
                    format!(
                        "the header is not UTF-8 (field {}: byte 0x{byte:02X} at byte {} of the field)",
                        i + 1,
                        at + 1
                    ),
                    "save it as UTF-8 (it may be in a legacy encoding such as Windows-1252)",
                ))
            }
        })
        .collect()
}
