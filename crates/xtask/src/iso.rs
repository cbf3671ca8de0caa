//! Refreshes the ISO 3166 code lists from Debian's `iso-codes` JSON files.
//!
//! Only codes, English short names and subdivision categories are kept; they are
//! written as sorted TSV so a data update shows as a readable diff.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

pub(crate) fn import(root: &Path, dir: &Path, version: &str) -> Result<(), String> {
    let countries = read_list(&dir.join("iso_3166-1.json"), "3166-1")?;
    let subdivisions = read_list(&dir.join("iso_3166-2.json"), "3166-2")?;

    let mut rows: Vec<(String, String)> = countries
        .iter()
        .map(|c| Ok((field(c, "alpha_2")?, field(c, "name")?)))
        .collect::<Result<_, String>>()?;
    rows.sort();
    let mut out = header(
        "ISO 3166-1 alpha-2 codes and English short names",
        version,
        "code\tname",
    );
    for (code, name) in rows {
        let _ = writeln!(out, "{code}\t{name}");
    }
    write(&root.join(DATA_DIR).join("iso3166-1.tsv"), &out)?;

    let mut rows: Vec<(String, String, String)> = subdivisions
        .iter()
        .map(|s| Ok((field(s, "code")?, field(s, "name")?, field(s, "type")?)))
        .collect::<Result<_, String>>()?;
    rows.sort();
    let mut out = header(
        "ISO 3166-2 subdivision codes, names and categories",
        version,
        "code\tname\tcategory",
    );
    for (code, name, category) in rows {
        let _ = writeln!(out, "{code}\t{name}\t{category}");
    }
    write(&root.join(DATA_DIR).join("iso3166-2.tsv"), &out)
}

pub(crate) const DATA_DIR: &str = "crates/decentwork-model/data";

fn header(what: &str, version: &str, columns: &str) -> String {
    format!(
        "# {what}.\n# Source: Debian package iso-codes {version} (iso_3166 JSON), which tracks the ISO 3166 Maintenance Agency.\n# Refresh: cargo xtask import-iso3166 --iso-codes-version VERSION [DIR]; then cargo xtask codegen.\n{columns}\n"
    )
}

fn read_list(path: &Path, key: &str) -> Result<Vec<Value>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut value: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    match value.get_mut(key).map(Value::take) {
        Some(Value::Array(items)) => Ok(items),
        _ => Err(format!("{}: no array under {key:?}", path.display())),
    }
}

fn field(item: &Value, name: &str) -> Result<String, String> {
    let text = item
        .get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("record without {name:?}: {item}"))?;
    if text.contains(['\t', '\n']) {
        return Err(format!("{name} {text:?} contains a tab or newline"));
    }
    Ok(text.to_owned())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
