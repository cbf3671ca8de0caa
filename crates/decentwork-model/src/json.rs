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

/// The line and column of byte `offset` in `text`, both from 1.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = text.as_bytes().get(..offset).unwrap_or_default();
    let line = before.split(|&b| b == b'\n').count();
    let column = before.len()
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
        + 1;
    (line, column)
}

/// A bundle's top level, each record kept as the text it was given in.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBundle<'a> {
    #[serde(borrow)]
    factory: &'a serde_json::value::RawValue,
    #[serde(borrow)]
    improvement_plan: &'a serde_json::value::RawValue,
    #[serde(borrow, default)]
    committees: Vec<&'a serde_json::value::RawValue>,
    #[serde(borrow, default)]
    brands: Vec<&'a serde_json::value::RawValue>,
    #[serde(borrow, default)]
    sourcing: Vec<&'a serde_json::value::RawValue>,
    #[serde(borrow, default)]
    assessments: Vec<&'a serde_json::value::RawValue>,
    #[serde(borrow, default)]
    progress_reports: Vec<&'a serde_json::value::RawValue>,
    #[serde(borrow, default)]
    workers: Vec<&'a serde_json::value::RawValue>,
    #[serde(borrow, default)]
    advisory_visits: Vec<&'a serde_json::value::RawValue>,
    #[serde(borrow, default)]
    training: Vec<&'a serde_json::value::RawValue>,
    #[serde(borrow, default)]
    initiatives: Vec<&'a serde_json::value::RawValue>,
}

/// Reads the records of one bundle field, each on its own, collecting
/// every record's first problem with its place in the whole text.
struct Records<'t> {
    text: &'t str,
    problems: Vec<JsonError>,
    /// Where each record starts: (path, line, column).
    places: Vec<(String, usize, usize)>,
}

impl<'t> Records<'t> {
    fn one<T: DeserializeOwned>(
        &mut self,
        path: String,
        raw: &'t serde_json::value::RawValue,
    ) -> Option<T> {
        let piece = raw.get();
        let offset = (piece.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        let (line, column) = position(self.text, offset);
        let value = from_str::<T>(piece);
        let problem = value.as_ref().err().map(|e| {
            let inner = if e.path.is_empty() || e.path == "." {
                String::new()
            } else {
                format!(".{}", e.path)
            };
            JsonError {
                path: format!("{path}{inner}"),
                line: (line + e.line).saturating_sub(1),
                column: if e.line == 1 {
                    (column + e.column).saturating_sub(1)
                } else {
                    e.column
                },
                message: e.message.clone(),
            }
        });
        self.places.push((path, line, column));
        self.problems.extend(problem);
        value.ok()
    }
    fn many<T: DeserializeOwned>(
        &mut self,
        field: &str,
        raws: &[&'t serde_json::value::RawValue],
    ) -> Vec<T> {
        raws.iter()
            .enumerate()
            .filter_map(|(i, raw)| self.one(format!("{field}[{i}]"), raw))
            .collect()
    }

    /// Where the record a field path is in starts: the longest recorded
    /// path that begins it.
    fn place(&self, field: &str) -> (usize, usize) {
        self.places
            .iter()
            .filter(|(path, ..)| field.starts_with(path.as_str()))
            .max_by_key(|(path, ..)| path.len())
            .map_or((1, 1), |&(_, line, column)| (line, column))
    }
}

/// Reads a factory bundle, reporting every problem found rather than the
/// first: each record that fails its own checks (with path, line and column
/// in the whole text, in the order they appear), then, when every record
/// reads, every problem across records ([`crate::FactoryBundleFields::problems`]).
///
/// # Errors
///
/// Every problem found; a text that is not a bundle's JSON at all (a syntax
/// error, an unknown field) is one problem.
///
/// ```
/// use decentwork_model::json;
///
/// let text = r#"{
///   "factory": {"id": "BD-1", "name": "Example Knit", "jurisdiction": "BD", "address": "Gazipur", "exporter": true, "enrolled_on": "2024-01-01"},
///   "improvement_plan": {"factory": "BD-1"},
///   "brands": [{"id": "B1", "name": " ", "kind": "brand", "tier": "buyer_partner"}],
///   "sourcing": [{"brand": "B9", "factory": "BD-1", "period": {"start": "2024-01-01"}}],
///   "committees": [{"id": "c1", "factory": "BD-1", "kind": "nonsense", "period": {"start": "2024-01-01"}}]
/// }"#;
/// let problems = json::bundle_from_str(text).unwrap_err();
/// let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
/// assert_eq!(paths, ["brands[0]", "committees[0].kind"]);
/// assert_eq!((problems[0].line, problems[1].line), (4, 6));
/// ```
pub fn bundle_from_str(text: &str) -> Result<crate::FactoryBundle, Vec<JsonError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raw: RawBundle<'_> = match serde_json::from_str(text) {
        Ok(raw) => raw,
        // Not a bundle at all: say where, as a whole read does.
        Err(_) => {
            return Err(vec![match from_str::<crate::FactoryBundleFields>(text) {
                Err(e) => e,
                Ok(_) => JsonError {
                    path: String::new(),
                    line: 1,
                    column: 1,
                    message: "not a factory bundle".to_owned(),
                },
            }]);
        }
    };
    let mut records = Records {
        text,
        problems: Vec::new(),
        places: Vec::new(),
    };
    let factory = records.one("factory".to_owned(), raw.factory);
    let plan = records.one("improvement_plan".to_owned(), raw.improvement_plan);
    let committees = records.many("committees", &raw.committees);
    let brands = records.many("brands", &raw.brands);
    let sourcing = records.many("sourcing", &raw.sourcing);
    let assessments = records.many("assessments", &raw.assessments);
    let progress_reports = records.many("progress_reports", &raw.progress_reports);
    let workers = records.many("workers", &raw.workers);
    let advisory_visits = records.many("advisory_visits", &raw.advisory_visits);
    let training = records.many("training", &raw.training);
    let initiatives = records.many("initiatives", &raw.initiatives);
    let (Some(factory), Some(plan), true) = (factory, plan, records.problems.is_empty()) else {
        let mut problems = records.problems;
        problems.sort_by_key(|p| (p.line, p.column));
        return Err(problems);
    };
    let mut fields = crate::FactoryBundleFields::new(factory, plan);
    fields.committees = committees;
    fields.brands = brands;
    fields.sourcing = sourcing;
    fields.assessments = assessments;
    fields.progress_reports = progress_reports;
    fields.workers = workers;
    fields.advisory_visits = advisory_visits;
    fields.training = training;
    fields.initiatives = initiatives;
    let problems: Vec<JsonError> = fields
        .problems()
        .into_iter()
        .map(|problem| {
            let path = problem.field().to_owned();
            let (line, column) = records.place(&path);
            let message = problem.to_string();
            let message = message
                .strip_prefix(&format!("{path}: "))
                .map_or(message.clone(), str::to_owned);
            JsonError {
                path,
                line,
                column,
                message,
            }
        })
        .collect();
    if problems.is_empty() {
        crate::FactoryBundle::new(fields).map_err(|e| {
            vec![JsonError {
                path: e.field().to_owned(),
                line: 1,
                column: 1,
                message: e.to_string(),
            }]
        })
    } else {
        Err(problems)
    }
}
