//! CSV (RFC 4180) with cells neutralised against formula injection.

/// One CSV field: quoted when needed (RFC 4180), so R, pandas and spreadsheets
/// read it as is, and neutralised as the OWASP CSV-injection guidance says: a
/// cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return is
/// prefixed with a single quote and quoted, so a spreadsheet shows it as text
/// instead of running it as a formula. Numbers keep their sign: `-3.5` stays
/// `-3.5`.
///
/// ```
/// use decentwork_report::csv_field;
/// assert_eq!(csv_field("Meghna Apparels"), "Meghna Apparels");
/// assert_eq!(csv_field("Knit, Dye & Print"), "\"Knit, Dye & Print\"");
/// assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
/// assert_eq!(csv_field("-12.5"), "-12.5");
/// assert_eq!(csv_field("-1+1"), "\"'-1+1\"");
/// ```
#[must_use]
pub fn csv_field(text: &str) -> String {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(text);
    if risky {
        format!("\"'{}\"", text.replace('"', "\"\""))
    } else if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// A plain decimal number: an optional minus, digits, optionally a point and
/// more digits.
fn is_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// A CSV table under construction: a header row of column names, then rows
/// whose every cell goes through [`csv_field`].
#[derive(Debug)]
pub(crate) struct Table {
    out: String,
}

impl Table {
    pub(crate) fn new(header: &[&str]) -> Self {
        let mut table = Self { out: String::new() };
        table.row(header.iter().copied());
        table
    }

    pub(crate) fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.out.push_str(&csv_field(cell.as_ref()));
        }
        self.out.push('\n');
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }
}
