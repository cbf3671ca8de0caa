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
            | ImportError::ReadFailed { line, .. } => Some(*line),
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
            ImportError::BadValue { line, .. } | ImportError::Malformed { line, .. } => {
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

pub(crate) fn quoted(value: &str) -> String {
    value.chars().take(MAX_QUOTED).collect()
}
