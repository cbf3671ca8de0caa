//! Memory bounds on pathological inputs, generated here and never committed:
//! inputs without line ends, a huge quoted field, a huge header, a huge
//! facility-list field. Each is produced lazily by a reader that counts the
//! bytes pulled from it, so each test checks both the error and that reading
//! stopped near the limit instead of running through hundreds of megabytes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::cast_possible_truncation,
    reason = "tests fail loudly; sizes fit"
)]

use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use decentwork_io::{
    ExportImport, ImportError, ImportOptions, MAX_FIELD_BYTES, MAX_HEADER_BYTES, MAX_RECORD_BYTES,
    OshImport,
};

const HEADER: &str = "Country,Cluster,CP,Q.Label,Question.ID,Question.type,Finding,Tags,Quest.ID,Factory.Assessed.ID,Factory.Assessed.Name,Assesment.Start.Date,Cycle,TQ.Name\n";
const ROW: &str = "Viet Nam,Working Time,Overtime,Label,WT.OT.01,NCQ,1,Public Disclosure,5001,77,Factory,14/03/2024,1,Garment CAT\n";

const MB: u64 = 1 << 20;

/// `prefix`, then `pattern` repeated until `total` bytes in all, then
/// `suffix`; made as it is read. Counts what was pulled.
struct Lazy {
    prefix: Vec<u8>,
    pattern: Vec<u8>,
    suffix: Vec<u8>,
    total: u64,
    at: u64,
    pulled: Arc<AtomicU64>,
}

impl Lazy {
    fn new(prefix: &str, pattern: &[u8], total: u64, suffix: &str) -> (Self, Arc<AtomicU64>) {
        let pulled = Arc::new(AtomicU64::new(0));
        let lazy = Self {
            prefix: prefix.as_bytes().to_vec(),
            pattern: pattern.to_vec(),
            suffix: suffix.as_bytes().to_vec(),
            total,
            at: 0,
            pulled: Arc::clone(&pulled),
        };
        (lazy, pulled)
    }
}

impl Read for Lazy {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let prefix = self.prefix.len() as u64;
        let body_end = prefix + self.total;
        let n = if self.at < prefix {
            let rest = &self.prefix[self.at as usize..];
            let n = rest.len().min(buf.len());
            buf[..n].copy_from_slice(&rest[..n]);
            n
        } else if self.at < body_end {
            let want = buf.len().min((body_end - self.at) as usize);
            let offset = ((self.at - prefix) % self.pattern.len() as u64) as usize;
            for (i, slot) in buf[..want].iter_mut().enumerate() {
                *slot = self.pattern[(offset + i) % self.pattern.len()];
            }
            want
        } else {
            let rest = self
                .suffix
                .get((self.at - body_end) as usize..)
                .unwrap_or_default();
            let n = rest.len().min(buf.len());
            buf[..n].copy_from_slice(&rest[..n]);
            n
        };
        self.at += n as u64;
        self.pulled.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Reads with the sequential and the parallel reader; both must give the
/// same error and stop early.
fn export_error(make: impl Fn() -> (Lazy, Arc<AtomicU64>), most: u64) -> ImportError {
    let mut errors = Vec::new();
    for parallel in [false, true] {
        for options in [ImportOptions::default(), ImportOptions::strict()] {
            let (input, pulled) = make();
            let import = ExportImport::new("huge.csv", options);
            let result = if parallel {
                import.read_borrowed_parallel(input, |_| {})
            } else {
                import.read_borrowed(input, |_| {})
            };
            let pulled = pulled.load(Ordering::Relaxed);
            // The parallel reader reads ahead: a block (at most the run
            // limit, 3 MB) in each buffer in flight (2 × workers + 2) and
            // one being cut.
            let workers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 8));
            let most = if parallel {
                most + (2 * workers as u64 + 3) * 3 * MB
            } else {
                most
            };
            assert!(
                pulled <= most,
                "parallel {parallel}: read {pulled} bytes, expected at most {most}"
            );
            errors.push(result.unwrap_err());
        }
    }
    assert!(errors.windows(2).all(|w| w[0] == w[1]), "{errors:#?}");
    let error = errors.pop().unwrap();
    // Errors quote an excerpt, never the whole text.
    assert!(error.to_string().len() < 400, "{error}");
    error
}

#[test]
fn no_line_ends_at_all() {
    // 300 MB of one letter: the header never ends.
    let error = export_error(|| Lazy::new("", b"a", 300 * MB, ""), MB);
    assert!(
        matches!(&error, ImportError::HeaderTooLong { line: 1, limit, start, .. }
            if *limit == MAX_HEADER_BYTES && start.len() == 80),
        "{error:?}"
    );
    // A good header, then 300 MB without a line end.
    let error = export_error(|| Lazy::new(HEADER, b"a", 300 * MB, ""), 5 * MB);
    assert!(
        matches!(&error, ImportError::RecordTooLong { line: 2, limit, .. } if *limit == MAX_RECORD_BYTES),
        "{error:?}"
    );
    // Good rows first: they are read, and the line is right.
    let rows = ROW.repeat(1000);
    let prefix = format!("{HEADER}{rows}");
    let error = export_error(|| Lazy::new(&prefix, b"\0", 300 * MB, ""), 6 * MB);
    assert_eq!(error.line(), Some(1002));
    assert!(error.to_string().contains("NUL bytes"), "{error}");
}

#[test]
fn a_huge_quoted_field() {
    // A 50 MB quoted field with a line feed every 64 bytes: blocks are cut
    // inside it, and the exact reader carries it from block to block.
    let mut pattern = vec![b'x'; 63];
    pattern.push(b'\n');
    let row_start = format!("{HEADER}{ROW}Viet Nam,Working Time,Overtime,\"");
    let error = export_error(
        || Lazy::new(&row_start, &pattern, 50 * MB, "\",x\n"),
        6 * MB,
    );
    assert!(
        matches!(&error, ImportError::RecordTooLong { line: 3, start, .. }
            if start.starts_with("Viet Nam,Working Time,Overtime,\"xxx")),
        "{error:?}"
    );
    // The same field without line feeds.
    let error = export_error(|| Lazy::new(&row_start, b"y", 50 * MB, "\",x\n"), 6 * MB);
    assert_eq!(error.line(), Some(3));
    // `"",` repeated: many empty fields, no content, no line end.
    let error = export_error(|| Lazy::new(HEADER, b"\"\",", 50 * MB, "\n"), 6 * MB);
    assert_eq!(error.line(), Some(2));
}

#[test]
fn a_huge_header() {
    // 50 MB of column names on one line, then a line feed.
    let error = export_error(|| Lazy::new("", b"Column,", 50 * MB, "\n"), MB);
    assert!(
        matches!(&error, ImportError::HeaderTooLong { start, .. } if start.starts_with("Column,Column,")),
        "{error:?}"
    );
    // A header at the limit (names, a line feed in the quoted last name, and
    // 15 fields) is read.
    let names = HEADER.trim_end().len() - 13;
    let name = "n".repeat(MAX_HEADER_BYTES - names - 1 - 15);
    let text = format!("{}\"{name}\n\"\n", HEADER.trim_end().to_owned() + ",");
    let summary = ExportImport::new("ok.csv", ImportOptions::default())
        .read(text.as_bytes(), |_| {})
        .unwrap();
    assert_eq!(summary.unused_columns.len(), 1);
}

#[test]
fn a_record_at_the_limit_is_read_and_one_byte_more_is_not() {
    // Contents plus fields: 14 fields, the label made to fill the rest.
    for (extra, ok) in [(0, true), (1, false)] {
        let fixed = ROW.trim_end().len() - "Label".len() - 13 + 14;
        let label = "l".repeat(1000 - fixed + extra);
        let text = format!("{HEADER}{}", ROW.replace("Label", &label));
        for block in [1, 7, 1 << 20] {
            let result = ExportImport::new("e.csv", ImportOptions::default())
                .with_limits(1000, 1000)
                .with_blocks(block, decentwork_io::ReadMode::Auto)
                .read(text.as_bytes(), |_| {});
            assert_eq!(
                result.is_ok(),
                ok,
                "extra {extra}, block {block}: {result:?}"
            );
        }
    }
}

fn osh_error(make: impl Fn() -> (Lazy, Arc<AtomicU64>), most: u64) -> ImportError {
    let (input, pulled) = make();
    let result = OshImport::new("list.csv", ImportOptions::default()).read(input);
    let pulled = pulled.load(Ordering::Relaxed);
    assert!(
        pulled <= most,
        "read {pulled} bytes, expected at most {most}"
    );
    let error = result.unwrap_err();
    assert!(error.to_string().len() < 400, "{error}");
    error
}

#[test]
fn facility_lists_without_line_ends_or_with_a_huge_field() {
    let error = osh_error(|| Lazy::new("", b"\0", 300 * MB, ""), MB);
    assert!(matches!(error, ImportError::Encoding { .. }), "{error:?}");
    assert!(error.to_string().contains("not a text file"), "{error}");
    let error = osh_error(|| Lazy::new("", b"name,", 300 * MB, ""), MB);
    assert!(
        matches!(error, ImportError::HeaderTooLong { .. }),
        "{error:?}"
    );
    let head = "country,name,address\nBangladesh,Example,1 Road\n";
    let error = osh_error(|| Lazy::new(head, b"z", 300 * MB, ""), 5 * MB);
    assert!(
        matches!(error, ImportError::RecordTooLong { line: 3, .. }),
        "{error:?}"
    );
    // A 50 MB address, quoted, with line feeds.
    let start = format!("{head}Viet Nam,Other,\"");
    let error = osh_error(|| Lazy::new(&start, b"road\n", 50 * MB, "\"\n"), 6 * MB);
    assert!(
        matches!(error, ImportError::RecordTooLong { line: 3, .. }),
        "{error:?}"
    );
}

#[test]
fn a_field_over_its_limit_is_refused_by_every_reader() {
    // A field may hold 65 536 bytes; a record may hold far more, so a record
    // this size is read by the fast splitter, which must check its fields.
    for (extra, ok) in [(0, true), (1, false)] {
        let label = "l".repeat(MAX_FIELD_BYTES + extra);
        let text = format!("{HEADER}{}", ROW.replace("Label", &label));
        for mode in [
            decentwork_io::ReadMode::Auto,
            decentwork_io::ReadMode::FastOnly,
            decentwork_io::ReadMode::ExactOnly,
        ] {
            let mut rows = 0;
            let result = ExportImport::new("e.csv", ImportOptions::strict())
                .with_blocks(1 << 20, mode)
                .read(text.as_bytes(), |_| rows += 1);
            match result {
                Ok(_) => assert!(ok && rows == 1, "extra {extra}, {mode:?}: read"),
                Err(error) => {
                    let message = error.to_string();
                    assert!(!ok, "extra {extra}, {mode:?}: {message}");
                    assert!(
                        message.contains("e.csv:2: column Q.Label: \"lll")
                            && message.ends_with("expected a field of at most 65 536 bytes"),
                        "{mode:?}: {message}"
                    );
                }
            }
        }
    }
}
