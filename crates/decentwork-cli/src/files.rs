//! Where the command reads and writes: files or the standard streams, with
//! size limits that hold for pipes and devices as well as files.

use std::io::{Read, Write as _};
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
