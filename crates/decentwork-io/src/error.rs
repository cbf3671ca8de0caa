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
    #[error("{file}: missing required column(s) {}; found {}", missing.join(", "), found.join(", "))]
    MissingColumns {
        /// The file.
        file: String,
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
    /// A strict import stopped at its first bad row.
    #[error("stopped at the first bad row (strict): {0}")]
    Strict(Box<ImportError>),
}

impl ImportError {
    /// The line the error is on, if it concerns one.
    #[must_use]
    pub fn line(&self) -> Option<u64> {
        match self {
            ImportError::BadValue { line, .. }
            | ImportError::Malformed { line, .. }
            | ImportError::RecordTooLong { line, .. }
            | ImportError::HeaderTooLong { line, .. } => Some(*line),
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
            | ImportError::HeaderTooLong { line, .. } => {
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

/// A word on what a text of NUL bytes is.
fn binary_hint(start: &str) -> &'static str {
    if start.contains('\0') {
        " (NUL bytes: this is not a text file)"
    } else {
        ""
    }
}
