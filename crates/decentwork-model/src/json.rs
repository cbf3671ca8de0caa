//! Reading model values from JSON with errors that say where.

use serde::de::DeserializeOwned;

/// JSON that could not be read as the requested type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}line {line}, column {column}: {message}", if path.is_empty() || path == "." { String::new() } else { format!("{path}: ") })]
#[non_exhaustive]
pub struct JsonError {
    /// Where in the document, e.g. `workforce[0].by_sex.women` (`.` for the root).
    pub path: String,
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1.
    pub column: usize,
    /// What was wrong, including the offending value where there is one.
    pub message: String,
}

/// Deserialises `T` from JSON text, running every check of the model.
///
/// # Errors
///
/// [`JsonError`] naming the path, line and column of the first problem.
///
/// ```
/// use decentwork_model::{Workforce, json};
///
/// let text = r#"{"on": "2024-01-01", "total": 10, "by_sex": {"women": -3, "men": 10, "other": 0}}"#;
/// let err = json::from_str::<Workforce>(text).unwrap_err();
/// assert_eq!(err.path, "by_sex.women");
/// assert!(err.message.contains("-3"), "{err}");
/// ```
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        located(path, &error.into_inner())
    })?;
    deserializer
        .end()
        .map_err(|error| located(String::new(), &error))?;
    Ok(value)
}

fn located(path: String, error: &serde_json::Error) -> JsonError {
    let mut message = error.to_string();
    // serde_json appends " at line L column C"; they are reported separately.
    if let Some(cut) = message.rfind(" at line ") {
        message.truncate(cut);
    }
    JsonError {
        path,
        line: error.line(),
        column: error.column(),
        message,
    }
}
