//! Small fuzz inputs that stand for large structured ones, so that the
//! readers' limits (a megabyte a record, 64 KiB a header, three megabytes of
//! text without a line end) are reached without raising libFuzzer's
//! `-max_len`, and CI's smoke run reaches them too.
//!
//! `FF FF c n` followed by `n` bytes stands for those bytes repeated
//! `(c + 1)³` times (up to 16.7 million); every other byte stands for
//! itself. The result is cut at [`MAX_EXPANDED`] bytes.

use std::borrow::Cow;

/// The largest input a target reads.
pub const MAX_EXPANDED: usize = 4 << 20;

/// The input `data` stands for.
pub fn expand(data: &[u8]) -> Cow<'_, [u8]> {
    if !data.windows(2).any(|w| w == [0xff, 0xff]) {
        return Cow::Borrowed(data);
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() && out.len() < MAX_EXPANDED {
        match (
            data.get(i),
            data.get(i + 1),
            data.get(i + 2),
            data.get(i + 3),
        ) {
            (Some(0xff), Some(0xff), Some(&c), Some(&n)) => {
                let start = i + 4;
                let end = (start + usize::from(n)).min(data.len());
                let piece = &data[start..end];
                let times = (usize::from(c) + 1).pow(3);
                if !piece.is_empty() {
                    let wanted = (piece.len() * times).min(MAX_EXPANDED - out.len());
                    out.extend(piece.iter().copied().cycle().take(wanted));
                }
                i = end;
            }
            (Some(&b), ..) => {
                out.push(b);
                i += 1;
            }
            _ => break,
        }
    }
    out.truncate(MAX_EXPANDED);
    Cow::Owned(out)
}
