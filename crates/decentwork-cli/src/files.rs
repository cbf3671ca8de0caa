//! Where the command reads and writes: files or the standard streams, with
//! size limits that hold for pipes and devices as well as files.

use std::io::{IsTerminal as _, Read, Write};
use std::path::{Path, PathBuf};

use crate::{Failure, Result};

/// An input: a path, or `-` for standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Source {
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl std::str::FromStr for Source {
    type Err = std::convert::Infallible;

    fn from_str(text: &str) -> std::result::Result<Self, Self::Err> {
        Ok(if text == "-" {
            Source::Stdin
        } else {
            Source::File(PathBuf::from(text))
        })
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Stdin => f.write_str("standard input"),
            Source::File(path) => write!(f, "{}", path.display()),
        }
    }
}

impl Source {
    /// The input as a reader. A path must name a regular file or a pipe: a
    /// directory or a device is refused before anything is read.
    pub(crate) fn open(&self) -> Result<Box<dyn Read + Send>> {
        match self {
            Source::Stdin => Ok(Box::new(std::io::stdin())),
            Source::File(path) => {
                let file = std::fs::File::open(path).map_err(|e| Failure::io(self, &e))?;
                let kind = file
                    .metadata()
                    .map_err(|e| Failure::io(self, &e))?
                    .file_type();
                if !readable_kind(kind) {
                    return Err(Failure::unreadable(format!(
                        "{}: not a regular file",
                        path.display()
                    )));
                }
                Ok(Box::new(file))
            }
        }
    }

    /// The whole input as text, refusing more than `limit` bytes (counted as
    /// read, so a pipe or device cannot get past it) and text that is not
    /// UTF-8 (saying where, and what the file looks like).
    pub(crate) fn read_text(&self, limit: u64) -> Result<String> {
        let mut bytes = Vec::new();
        self.open()?
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| Failure::io(self, &e))?;
        if bytes.len() as u64 > limit {
            return Err(Failure::data(format!(
                "{self}: more than {limit} bytes; inputs of this kind are limited to {limit}"
            )));
        }
        String::from_utf8(bytes)
            .map_err(|e| Failure::data(not_utf8(self, e.as_bytes(), e.utf8_error())))
    }
}

/// Whether a path of this kind may be read: a regular file, or a pipe (as
/// the shell's `<(…)` gives), not a directory or a device.
fn readable_kind(kind: std::fs::FileType) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        kind.is_file() || kind.is_fifo()
    }
    #[cfg(not(unix))]
    {
        kind.is_file()
    }
}

/// Why bytes are not UTF-8 text, with the position and a hint.
pub(crate) fn not_utf8(source: &Source, bytes: &[u8], error: std::str::Utf8Error) -> String {
    let at = error.valid_up_to();
    let before = bytes.get(..at).unwrap_or_default();
    let line = before.split(|&b| b == b'\n').count();
    let utf16 = bytes.starts_with(&[0xff, 0xfe])
        || bytes.starts_with(&[0xfe, 0xff])
        || bytes
            .iter()
            .take(64)
            .skip(1)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
            > 8;
    let hint = if utf16 {
        "the file looks like UTF-16: save it as UTF-8"
    } else {
        "save the file as UTF-8"
    };
    format!("{source}: line {line}, byte {at}: not UTF-8 text ({hint})")
}

/// Where output goes: a file, or standard output.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Output(pub(crate) Option<PathBuf>);

impl Output {
    /// Writes `bytes`; a closed pipe (as `| head` leaves) is not an error.
    pub(crate) fn write(&self, bytes: &[u8]) -> Result<()> {
        if let Some(path) = &self.0 {
            return std::fs::write(path, bytes).map_err(|e| Failure::io_out(path, &e));
        }
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)
            .and_then(|()| out.flush())
            .or_else(|e| {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    Ok(())
                } else {
                    Err(Failure::io_out(Path::new("standard output"), &e))
                }
            })
    }
}

impl Output {
    /// Where the output goes, as messages name it.
    fn name(&self) -> &Path {
        self.0.as_deref().unwrap_or(Path::new("standard output"))
    }

    /// Refuses to write binary output to a terminal: it needs `--output` or
    /// a redirected standard output.
    pub(crate) fn check_binary(&self) -> Result<()> {
        if self.0.is_none() && std::io::stdout().is_terminal() {
            return Err(Failure::usage(
                "Parquet is binary: give --output FILE, or redirect standard output to a file",
            ));
        }
        Ok(())
    }

    /// The file (created or truncated) or standard output, buffered. A
    /// path that opens a terminal is refused when `binary`.
    fn open(&self, binary: bool) -> Result<Box<dyn Write + Send>> {
        let Some(path) = &self.0 else {
            return Ok(Box::new(std::io::BufWriter::new(std::io::stdout())));
        };
        let file = std::fs::File::create(path).map_err(|e| Failure::io_out(path, &e))?;
        if binary && file.is_terminal() {
            return Err(Failure::usage(format!(
                "{}: a terminal; Parquet is binary, give a file",
                path.display()
            )));
        }
        Ok(Box::new(std::io::BufWriter::new(file)))
    }

    /// A write error as a failure; a closed pipe on standard output (as
    /// `| head` leaves) is not one.
    fn failed(&self, error: &std::io::Error) -> Result<()> {
        if self.0.is_none() && error.kind() == std::io::ErrorKind::BrokenPipe {
            return Ok(());
        }
        Err(Failure::io_out(self.name(), error))
    }

    /// Streams text to the output through `write`, then flushes it.
    pub(crate) fn stream(
        &self,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<()> {
        let mut out = self.open(false)?;
        match write(&mut out).and_then(|()| out.flush()) {
            Ok(()) => Ok(()),
            Err(e) => self.failed(&e),
        }
    }

    /// Writes record batches as one Parquet file.
    pub(crate) fn parquet(
        &self,
        schema: decentwork::report::arrow::SchemaRef,
        batches: impl IntoIterator<
            Item = std::result::Result<
                decentwork::report::arrow::RecordBatch,
                decentwork::report::arrow::ArrowError,
            >,
        >,
    ) -> Result<()> {
        self.check_binary()?;
        let mut out = self.open(true)?;
        match decentwork::report::parquet::write_parquet(&mut out, schema, batches) {
            Ok(_) => out.flush().or_else(|e| self.failed(&e)),
            Err(decentwork::report::parquet::ParquetError::External(inner)) => {
                match inner.downcast::<std::io::Error>() {
                    Ok(io) => self.failed(&io),
                    Err(other) => Err(Failure::unreadable(format!(
                        "{}: {other}",
                        self.name().display()
                    ))),
                }
            }
            Err(other) => Err(Failure::data(format!("{}: {other}", self.name().display()))),
        }
    }
}
