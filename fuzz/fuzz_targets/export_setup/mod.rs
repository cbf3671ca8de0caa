//! How the export targets (`io_export`, `io_batched`) read their input's
//! first bytes: the block size from the first, so that cuts fall
//! everywhere; with an odd second byte, record and header limits small
//! enough for small inputs to reach (from the third and fourth).

use decentwork_io::{ExportImport, ImportOptions};

/// The block size, and imports with the input's limits.
pub fn import_for(data: &[u8]) -> (usize, impl Fn(ImportOptions) -> ExportImport) {
    let block = usize::from(data.first().copied().unwrap_or(0) % 64) + 1;
    let limits = match data.get(1) {
        Some(b) if b % 2 == 1 => Some((
            64 + 8 * usize::from(data.get(2).copied().unwrap_or(0)),
            32 + 2 * usize::from(data.get(3).copied().unwrap_or(0)),
        )),
        _ => None,
    };
    let import = move |options| {
        let import = ExportImport::new("fuzz.csv", options);
        match limits {
            Some((record, header)) => import.with_limits(record, header),
            None => import,
        }
    };
    (block, import)
}
