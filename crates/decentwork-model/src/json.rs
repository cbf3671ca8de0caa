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
    // A UTF-8 byte-order mark, as some editors write, is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let error = error.into_inner();
        let (line, column) = if error.line() == 0 {
            // A model check failed after its record was read, outside the parser,
            // so serde_json could not say where. Read again, counting bytes, to
            // find the end of the offending record.
            locate::<T>(text)
        } else {
            (error.line(), error.column())
        };
        located(path, &error, line, column)
    })?;
    deserializer
        .end()
        .map_err(|error| located(String::new(), &error, error.line(), error.column()))?;
    Ok(value)
}

fn located(path: String, error: &serde_json::Error, line: usize, column: usize) -> JsonError {
    let mut message = error.to_string();
    // serde_json appends " at line L column C"; they are reported separately.
    if let Some(cut) = message.rfind(" at line ") {
        message.truncate(cut);
    }
    JsonError {
        path,
        line,
        column,
        message,
    }
}

/// The line and column just after the input that made reading `T` fail.
fn locate<T: DeserializeOwned>(text: &str) -> (usize, usize) {
    let consumed = std::rc::Rc::new(std::cell::Cell::new(0_usize));
    let reader = Counting {
        rest: text.as_bytes(),
        consumed: std::rc::Rc::clone(&consumed),
    };
    let _ = serde_json::from_reader::<_, T>(reader);
    let before = text.as_bytes().get(..consumed.get()).unwrap_or_default();
    let mut lines = before.split(|&b| b == b'\n');
    let last = lines.next_back().map_or(0, <[u8]>::len);
    (lines.count() + 1, last)
}

/// A reader that counts the bytes handed out.
struct Counting<'a> {
    rest: &'a [u8],
    consumed: std::rc::Rc<std::cell::Cell<usize>>,
}

impl std::io::Read for Counting<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.rest.read(buf)?;
        self.consumed.set(self.consumed.get() + n);
        Ok(n)
    }
}
