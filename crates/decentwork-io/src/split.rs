//! Cutting an input into blocks of whole records, and records into fields.
//!
//! Two readers share one meaning (the csv crate's, RFC 4180 with `""`
//! escapes, `\n`, `\r\n` or a lone `\r` ending a record, blank lines skipped):
//!
//! - [`split_record`], the fast one, reads only *regular* text: valid UTF-8,
//!   no quote inside an unquoted field, nothing but a delimiter or line end
//!   after a closing quote, every quote closed within the block. It answers
//!   [`Irregular`] for anything else.
//! - [`Exact`] drives `csv_core` itself, reads anything, and carries a record
//!   across blocks.
//!
//! The [`Splitter`] cuts blocks after their last line end, without reading
//! them. Where that is a record boundary (always, unless a quoted field runs
//! over the cut) blocks can be read independently, on several threads; where
//! it is not, the fast reader finds the block irregular and the caller reads
//! on with [`Exact`], which does not depend on where the cuts fell.
//!
//! # Memory bounds
//!
//! A record's size is measured as [`Exact`] measures it: the bytes of its
//! fields' contents plus the number of its fields (so a row of a million
//! commas counts too). A record larger than the reader's limit stops the
//! read ([`TooLong`]), wherever the blocks were cut. The splitter stops
//! reading at a run without a line end longer than [`run_limit`] of that
//! limit: such a run can only lie inside a record over the limit, so it
//! stops at the same record with the same error, before buffering more.
//! Neither reader ever holds more than a few times the limit of one record.

use std::io::Read;

use memchr::{memchr, memchr2, memrchr2};
use wide::u8x16;

use crate::error::EXCERPT_BYTES;

/// Bytes read per block; a block ends at the first cut past this. Two
/// megabytes: 3–4.5 % faster than one on the 1.29 GB export, fewer
/// hand-overs between threads (docs/PERFORMANCE.md), for about 7 MB more
/// in flight.
pub(crate) const BLOCK_BYTES: usize = 1 << 21;

/// The longest run without a line end that a record of at most `limit`
/// bytes (as [`Exact`] measures it: contents plus fields) can hold. In the
/// worst case, `"",` repeated, three bytes of input make one field and no
/// content; every other byte adds at least one half.
pub(crate) fn run_limit(limit: usize) -> usize {
    limit.saturating_mul(3).saturating_add(5)
}

/// A run of the input, cut after a line end (or at the end).
#[derive(Debug)]
pub(crate) struct Block {
    /// Order in the input, from 0.
    pub(crate) seq: u64,
    /// The bytes.
    pub(crate) bytes: Vec<u8>,
    /// Nothing follows in the input.
    pub(crate) last: bool,
}

/// Why the splitter stopped before the end of its input.
#[derive(Debug)]
pub(crate) enum Stop {
    /// The input could not be read on.
    Io(std::io::Error),
    /// A run without a line end longer than [`run_limit`] allows, starting
    /// right after the last block handed out; its first bytes.
    Overlong(Vec<u8>),
}

/// Cuts blocks from an input.
pub(crate) struct Splitter<R> {
    input: R,
    carry: Vec<u8>,
    seq: u64,
    block: usize,
    /// The longest run without a line end read before stopping.
    run: usize,
    done: bool,
    failure: Option<std::io::Error>,
}

impl<R: Read> Splitter<R> {
    /// A splitter whose blocks hold about `block` bytes, for records of at
    /// most `limit` bytes.
    pub(crate) fn new(input: R, block: usize, limit: usize) -> Self {
        Self {
            input,
            carry: Vec::new(),
            seq: 0,
            block: block.max(1),
            run: run_limit(limit),
            done: false,
            failure: None,
        }
    }

    /// From the next block on, records of at most `limit` bytes.
    pub(crate) fn set_limit(&mut self, limit: usize) {
        self.run = run_limit(limit);
    }

    /// Reads until `buf[..filled]` holds `want` bytes or the input ends;
    /// `true` at the end. `buf` keeps its length between blocks, so its
    /// bytes are zeroed once, not per block.
    fn fill(&mut self, buf: &mut Vec<u8>, filled: &mut usize, want: usize) -> bool {
        if buf.len() < want {
            buf.resize(want, 0);
        }
        while *filled < want {
            let Some(space) = buf.get_mut(*filled..want) else {
                return true;
            };
            match self.input.read(space) {
                Ok(0) => return true,
                Ok(n) => *filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.failure = Some(e);
                    return true;
                }
            }
        }
        false
    }

    /// The next block, built in `buf` (its allocation is reused); `None` after
    /// the last. An I/O error comes after the whole lines read before it; a
    /// run without a line end longer than the limit allows stops the input
    /// (nothing more is read) after the blocks before it.
    pub(crate) fn next_block(&mut self, mut buf: Vec<u8>) -> Result<Option<Block>, Stop> {
        if self.done {
            return match self.failure.take() {
                Some(e) => Err(Stop::Io(e)),
                None => Ok(None),
            };
        }
        let carry = std::mem::take(&mut self.carry);
        let mut filled = carry.len();
        if buf.len() < filled {
            buf.resize(filled, 0);
        }
        if let Some(front) = buf.get_mut(..filled) {
            front.copy_from_slice(&carry);
        }
        // Never read more of a run than the limit allows (the header's
        // limit is far below a block).
        let mut want = self.block.min(self.run).max(filled + 1);
        loop {
            let end = self.fill(&mut buf, &mut filled, want);
            let data = buf.get(..filled).unwrap_or_default();
            // A line feed, or a carriage return (which ends a record too:
            // files saved with CR line ends have no line feed at all). A cut
            // between the two of a CRLF leaves the line feed to start the
            // next block, where both readers skip it as a blank line.
            let after_line = memrchr2(b'\n', b'\r', data).map(|at| at + 1);
            let cut = match (after_line, end) {
                // The whole rest of the input.
                (_, true) if self.failure.is_none() => filled,
                // Up to the last line before an I/O error; what follows is lost.
                (cut, true) => cut.unwrap_or(0),
                (Some(cut), false) => cut,
                (None, false) if filled >= self.run => {
                    // Everything since the last cut is one run: stop here.
                    self.done = true;
                    let start = data.get(..EXCERPT_BYTES).unwrap_or(data).to_vec();
                    return Err(Stop::Overlong(start));
                }
                (None, false) => {
                    want = filled.saturating_mul(2).min(self.run).max(filled + 1);
                    continue;
                }
            };
            buf.truncate(filled);
            self.carry = buf.split_off(cut.min(filled));
            if end {
                self.carry.clear();
                self.done = true;
            }
            let block = Block {
                seq: self.seq,
                bytes: buf,
                last: end,
            };
            self.seq += 1;
            return Ok(Some(block));
        }
    }
}

/// Where a field's text is: in the block, or (unescaped) in the arena, in
/// sixteen bytes. No allocation reaches `isize::MAX` bytes, so the top bit of
/// `start` is free to say "in the arena".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Span {
    start: usize,
    end: usize,
}

impl Span {
    /// The bit of `start` that says the text is in the arena.
    const ARENA: usize = 1 << (usize::BITS - 1);

    /// The text from `start` to `end` of the block.
    #[inline]
    pub(crate) fn block(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The text from `start` to `end` of the arena.
    #[inline]
    pub(crate) fn arena(start: usize, end: usize) -> Span {
        Span {
            start: start | Self::ARENA,
            end,
        }
    }

    /// Whether the text is in the arena.
    #[inline]
    pub(crate) fn in_arena(self) -> bool {
        self.start & Self::ARENA != 0
    }

    /// Where the text starts, in the block or the arena.
    #[inline]
    pub(crate) fn offset(self) -> usize {
        self.start & !Self::ARENA
    }

    /// The text's length in bytes.
    #[inline]
    pub(crate) fn len(self) -> usize {
        self.end.saturating_sub(self.offset())
    }

    /// The text in `block` or `arena`.
    #[inline]
    pub(crate) fn text<'a>(self, block: &'a str, arena: &'a str) -> Option<&'a str> {
        if self.in_arena() { arena } else { block }.get(self.offset()..self.end)
    }
}

/// Where a text taken from a block or its arena lies, in eight bytes: a
/// block is far below 2 GiB, and the top bit of `start` says "in the arena".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Place {
    start: u32,
    end: u32,
}

impl Place {
    /// The bit of `start` that says the text is in the arena.
    const ARENA: u32 = 1 << 31;

    /// Where `text`, a slice of `block` or of `arena`, lies.
    #[inline]
    pub(crate) fn of(text: &str, block: &str, arena: &str) -> Option<Place> {
        let within = |base: &str| {
            let offset = text.as_ptr().addr().checked_sub(base.as_ptr().addr())?;
            let end = offset
                .checked_add(text.len())
                .filter(|&e| e <= base.len())?;
            let end = u32::try_from(end).ok().filter(|&e| e < Self::ARENA)?;
            Some((u32::try_from(offset).ok()?, end))
        };
        if let Some((start, end)) = within(block) {
            Some(Place { start, end })
        } else {
            within(arena).map(|(start, end)| Place {
                start: start | Self::ARENA,
                end,
            })
        }
    }

    /// The text in `block` or `arena`.
    #[inline]
    pub(crate) fn text<'a>(self, block: &'a str, arena: &'a str) -> Option<&'a str> {
        let in_arena = self.start & Self::ARENA != 0;
        let start = usize::try_from(self.start & !Self::ARENA).ok()?;
        let range = start..usize::try_from(self.end).ok()?;
        if in_arena { arena } else { block }.get(range)
    }
}

/// Text the fast reader does not read; [`Exact`] does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Irregular;

/// One record split by [`split_record`].
pub(crate) struct Split {
    /// Just past the record and its line end.
    pub(crate) next: usize,
    /// Line breaks from the record's start to `next`.
    pub(crate) lines: u64,
    /// A field holds a line break.
    pub(crate) line_break: bool,
}

/// Skips the line ends at `pos` (blank lines); returns the line breaks skipped.
pub(crate) fn skip_line_ends(bytes: &[u8], pos: &mut usize) -> u64 {
    let mut lines = 0;
    while let Some(&b) = bytes.get(*pos) {
        match b {
            b'\n' => lines += 1,
            b'\r' => {}
            _ => break,
        }
        *pos += 1;
    }
    lines
}

/// The quoted field whose text starts at `open` (just past its quote): its
/// span (unescaped into `arena` if it holds `""`), its closing quote, and the
/// line feeds in it.
fn quoted_field(
    text: &str,
    open: usize,
    arena: &mut String,
) -> Result<(Span, usize, u64), Irregular> {
    let bytes = text.as_bytes();
    let mut from = open;
    let mut search = open;
    let mut lines = 0;
    let mut escaped: Option<usize> = None;
    loop {
        let at = search
            + memchr2(b'"', b'\n', bytes.get(search..).unwrap_or_default()).ok_or(Irregular)?;
        if bytes.get(at) == Some(&b'\n') {
            lines += 1;
            search = at + 1;
            continue;
        }
        if bytes.get(at + 1) == Some(&b'"') {
            escaped.get_or_insert(arena.len());
            arena.push_str(text.get(from..=at).ok_or(Irregular)?);
            from = at + 2;
            search = from;
            continue;
        }
        let span = match escaped {
            Some(start) => {
                arena.push_str(text.get(from..at).ok_or(Irregular)?);
                Span::arena(start, arena.len())
            }
            None => Span::block(open, at),
        };
        return Ok((span, at, lines));
    }
}

/// Splits the regular record starting at `pos` (not at a line end) into
/// `spans`, unescaping `""` into `arena`.
///
/// The special bytes come from the bitmap one at a time: a `,` ends a field,
/// a line end the record, and a `"` opens a quoted field where a field
/// starts (anywhere else the record is irregular).
pub(crate) fn split_record(
    text: &str,
    pos: usize,
    (spans, arena, specials): (&mut Vec<Span>, &mut String, &mut Specials<'_>),
) -> Result<Split, Irregular> {
    let bytes = text.as_bytes();
    spans.clear();
    let mut split = Split {
        next: 0,
        lines: 0,
        line_break: false,
    };
    let mut start = pos;
    let (mut base, mut bits) = specials.from(pos);
    loop {
        while bits == 0 {
            base += 64;
            if base >= bytes.len() {
                // No special byte to the end: the last field runs to it.
                spans.push(Span::block(start, bytes.len()));
                split.next = bytes.len();
                return Ok(split);
            }
            bits = specials.window(base);
        }
        let at = base + bits.trailing_zeros() as usize;
        bits &= bits - 1;
        match bytes.get(at) {
            Some(b',') => {
                spans.push(Span::block(start, at));
                start = at + 1;
            }
            Some(&end @ (b'\n' | b'\r')) => {
                // A carriage return ends the record; a line feed after it is
                // skipped as a blank line.
                spans.push(Span::block(start, at));
                split.lines += u64::from(end == b'\n');
                split.next = at + 1;
                specials.park(at + 1, bits);
                return Ok(split);
            }
            Some(b'"') if at == start => {
                let (span, close, lines) = quoted_field(text, start + 1, arena)?;
                if lines > 0 {
                    split.line_break = true;
                    split.lines += lines;
                }
                spans.push(span);
                match bytes.get(close + 1) {
                    Some(b',') => {
                        start = close + 2;
                        (base, bits) = specials.from(start);
                    }
                    Some(&end @ (b'\n' | b'\r')) => {
                        split.lines += u64::from(end == b'\n');
                        split.next = close + 2;
                        return Ok(split);
                    }
                    None => {
                        split.next = close + 1;
                        return Ok(split);
                    }
                    Some(_) => return Err(Irregular),
                }
            }
            _ => return Err(Irregular),
        }
    }
}

/// A record's fields, however it was read.
pub(crate) trait Fields<'r> {
    /// The number of fields.
    fn count(&self) -> usize;
    /// Field `i`'s bytes.
    fn raw(&self, i: usize) -> Option<&'r [u8]>;
    /// Field `i`'s text; `Err` when it is not UTF-8.
    fn text(&self, i: usize) -> Option<Result<&'r str, simdutf8::basic::Utf8Error>>;
    /// Whether any field holds a line break.
    fn line_break(&self) -> bool;
    /// The first field longer than `limit` bytes.
    fn longer_than(&self, limit: usize) -> Option<usize> {
        (0..self.count()).find(|&i| self.raw(i).is_some_and(|f| f.len() > limit))
    }
    /// The input's bytes from the start of field `first` to the end of field
    /// `last`, where the reader has them in one piece. Equal ranges hold equal
    /// fields: the same bytes split the same way.
    fn raw_range(&self, _first: usize, _last: usize) -> Option<&'r [u8]> {
        None
    }
    /// A number that stands for field `i`'s text within the reader's current
    /// batch, where the reader has one: fields with equal tokens hold equal
    /// texts (fields with different tokens may too).
    fn token(&self, _i: usize) -> Option<usize> {
        None
    }
}

/// `text` without leading and trailing whitespace; most fields have none,
/// and are returned after a look at their first and last byte (an empty
/// one, without).
#[inline]
pub(crate) fn trim(text: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii() && !b.is_ascii_whitespace());
    if text.is_empty() || plain(text.as_bytes().first()) && plain(text.as_bytes().last()) {
        text
    } else {
        text.trim()
    }
}

/// Whether `b` ends an unquoted field or starts a quoted one.
#[inline]
fn special(b: u8) -> bool {
    matches!(b, b',' | b'\n' | b'\r' | b'"')
}

/// The `,`, line feeds, carriage returns and `"` of a block, found 64 bytes
/// at a time with 16-byte SIMD compares and kept as a bitmap: a record's
/// fields are then found by the bitmap's set bits, not by a search per field
/// (most unquoted fields are a few bytes long).
pub(crate) struct Specials<'a> {
    bytes: &'a [u8],
    /// Where the bitmap's 64 bytes start (a multiple of 64).
    base: usize,
    /// Bit `i` set: byte `base + i` is special.
    mask: u64,
    /// Just past the special byte found last, and the bitmap's bits after
    /// it: a field that starts there (most do) needs no shift of the mask.
    after: (usize, u64),
}

impl<'a> Specials<'a> {
    /// The specials of `bytes`, looked at from the start.
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        let mut specials = Specials {
            bytes,
            base: 0,
            mask: 0,
            after: (usize::MAX, 0),
        };
        specials.window(0);
        specials
    }

    /// The bitmap of the 64 bytes from `base` (a multiple of 64), kept as
    /// the current one.
    #[inline]
    pub(crate) fn window(&mut self, base: usize) -> u64 {
        self.base = base;
        self.after = (usize::MAX, 0);
        self.mask = match self.bytes.get(base..base + 64) {
            Some(window) => window
                .chunks_exact(16)
                .enumerate()
                .fold(0, |mask, (i, chunk)| {
                    let v = u8x16::new(<[u8; 16]>::try_from(chunk).unwrap_or_default());
                    let found = v.simd_eq(u8x16::splat(b','))
                        | v.simd_eq(u8x16::splat(b'\n'))
                        | v.simd_eq(u8x16::splat(b'\r'))
                        | v.simd_eq(u8x16::splat(b'"'));
                    mask | u64::from(found.to_bitmask()) << (16 * i)
                }),
            None => self
                .bytes
                .get(base..)
                .unwrap_or_default()
                .iter()
                .enumerate()
                .filter(|&(_, &b)| special(b))
                .fold(0, |mask, (i, _)| mask | 1 << i),
        };
        self.mask
    }

    /// The start of the 64 bytes that hold `from`, and the bits of their
    /// special bytes at or after it (the bitmap made if it is not the
    /// current one).
    #[inline]
    pub(crate) fn from(&mut self, from: usize) -> (usize, u64) {
        if from == self.after.0 {
            return (self.base, self.after.1);
        }
        if from < self.base || from >= self.base + 64 {
            self.window(from & !63);
        }
        (self.base, self.mask & (u64::MAX << (from - self.base)))
    }

    /// Remembers `bits`, the current bitmap's bits at or after `from`: a
    /// record that starts there (most do) needs no shift of the bitmap.
    #[inline]
    pub(crate) fn park(&mut self, from: usize, bits: u64) {
        self.after = (from, bits);
    }
}

/// A record split by [`split_record`].
#[derive(Clone, Copy)]
pub(crate) struct FastRecord<'r> {
    pub(crate) block: &'r str,
    pub(crate) arena: &'r str,
    pub(crate) spans: &'r [Span],
    pub(crate) line_break: bool,
    /// The record's bytes in the block, line end included: no field is
    /// longer (a field unescaped into the arena is shorter than its text).
    pub(crate) len: usize,
}

impl<'r> Fields<'r> for FastRecord<'r> {
    #[inline]
    fn count(&self) -> usize {
        self.spans.len()
    }

    #[inline]
    fn raw(&self, i: usize) -> Option<&'r [u8]> {
        self.spans
            .get(i)
            .and_then(|s| s.text(self.block, self.arena))
            .map(str::as_bytes)
    }

    #[inline]
    fn text(&self, i: usize) -> Option<Result<&'r str, simdutf8::basic::Utf8Error>> {
        self.spans
            .get(i)
            .and_then(|s| s.text(self.block, self.arena))
            .map(Ok)
    }

    fn line_break(&self) -> bool {
        self.line_break
    }

    fn raw_range(&self, first: usize, last: usize) -> Option<&'r [u8]> {
        let (first, last) = (self.spans.get(first)?, self.spans.get(last)?);
        if first.in_arena() || last.in_arena() {
            return None;
        }
        self.block.as_bytes().get(first.offset()..last.end)
    }

    fn longer_than(&self, limit: usize) -> Option<usize> {
        if self.len <= limit {
            return None;
        }
        self.spans.iter().position(|s| s.len() > limit)
    }
}

/// A record read by [`Exact`] (the default: no fields).
#[derive(Clone, Copy, Default)]
pub(crate) struct ExactRecord<'r> {
    out: &'r [u8],
    ends: &'r [usize],
}

impl<'r> ExactRecord<'r> {
    /// All fields' bytes, in order.
    pub(crate) fn iter(self) -> impl Iterator<Item = &'r [u8]> + Clone {
        (0..self.ends.len()).filter_map(move |i| self.raw(i))
    }
}

impl<'r> Fields<'r> for ExactRecord<'r> {
    fn count(&self) -> usize {
        self.ends.len()
    }

    fn raw(&self, i: usize) -> Option<&'r [u8]> {
        let end = *self.ends.get(i)?;
        let start = match i.checked_sub(1) {
            Some(before) => *self.ends.get(before)?,
            None => 0,
        };
        self.out.get(start..end)
    }

    fn text(&self, i: usize) -> Option<Result<&'r str, simdutf8::basic::Utf8Error>> {
        self.raw(i).map(|b| simdutf8::basic::from_utf8(b))
    }

    fn line_break(&self) -> bool {
        memchr(b'\n', self.out).is_some()
    }
}

/// A record larger than the reader's limit: where it starts, and its first
/// bytes as found in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TooLong {
    /// The line the record starts on.
    pub(crate) line: u64,
    /// Its first bytes (at most [`EXCERPT_BYTES`]).
    pub(crate) start: Vec<u8>,
}

/// The csv crate's reader core, fed block by block; counts lines itself, so
/// a record's line is where its first byte is (blank lines included).
pub(crate) struct Exact {
    core: csv_core::Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
    nout: usize,
    nends: usize,
    /// A record is under way.
    pending: bool,
    /// The line the record under way started on.
    start: u64,
    /// Its first bytes, for messages.
    head: Vec<u8>,
    /// The largest record read: contents plus fields.
    limit: usize,
}

impl Exact {
    /// A reader of records of at most `limit` bytes (contents plus fields).
    pub(crate) fn new(limit: usize) -> Self {
        Self {
            core: csv_core::Reader::new(),
            out: vec![0; 4096],
            ends: vec![0; 64],
            nout: 0,
            nends: 0,
            pending: false,
            start: 0,
            head: Vec::with_capacity(EXCERPT_BYTES),
            limit,
        }
    }

    /// From the next record on, records of at most `limit` bytes.
    pub(crate) fn set_limit(&mut self, limit: usize) {
        self.limit = limit;
    }

    /// Whether a record is under way (the last block ended inside it).
    pub(crate) fn pending(&self) -> bool {
        self.pending
    }

    /// The record the splitter's [`Stop::Overlong`] run belongs to: the one
    /// under way (the run goes on where the last block, read to its end,
    /// stopped), or else one starting on `line` with the run.
    pub(crate) fn overlong(&self, line: u64, run: &[u8]) -> TooLong {
        if self.pending {
            let mut start = self.head.clone();
            let rest = EXCERPT_BYTES.saturating_sub(start.len()).min(run.len());
            start.extend_from_slice(run.get(..rest).unwrap_or_default());
            TooLong {
                line: self.start,
                start,
            }
        } else {
            TooLong {
                line,
                start: run.get(..EXCERPT_BYTES).unwrap_or(run).to_vec(),
            }
        }
    }

    /// The next whole record in `bytes` from `pos` (moved on, with `line`),
    /// and the line it starts on; `None` when `bytes` is used up. With `last`
    /// the input ends with `bytes`, closing a record left open. A record over
    /// the limit is an error, and the reader reads nothing more.
    pub(crate) fn next(
        &mut self,
        bytes: &[u8],
        pos: &mut usize,
        line: &mut u64,
        last: bool,
    ) -> Option<Result<(ExactRecord<'_>, u64), TooLong>> {
        use csv_core::ReadRecordResult;
        loop {
            if !self.pending {
                *line += skip_line_ends(bytes, pos);
                if *pos >= bytes.len() {
                    return None;
                }
                self.pending = true;
                self.start = *line;
                self.nout = 0;
                self.nends = 0;
                self.head.clear();
            }
            let input = bytes.get(*pos..).unwrap_or_default();
            if input.is_empty() && !last {
                return None;
            }
            let (result, nin, nout, nends) = self.core.read_record(
                input,
                self.out.get_mut(self.nout..).unwrap_or_default(),
                self.ends.get_mut(self.nends..).unwrap_or_default(),
            );
            let consumed = input.get(..nin).unwrap_or_default();
            if self.head.len() < EXCERPT_BYTES {
                let take = (EXCERPT_BYTES - self.head.len()).min(consumed.len());
                self.head
                    .extend_from_slice(consumed.get(..take).unwrap_or_default());
            }
            *line += memchr::memchr_iter(b'\n', consumed).count() as u64;
            *pos += nin;
            self.nout += nout;
            self.nends += nends;
            if self.nout.saturating_add(self.nends) > self.limit {
                // Stop for good: the rest of the input is not read.
                *pos = bytes.len();
                return Some(Err(TooLong {
                    line: self.start,
                    start: self.head.clone(),
                }));
            }
            match result {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => self.out.resize(self.out.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                ReadRecordResult::Record => {
                    self.pending = false;
                    let record = ExactRecord {
                        out: self.out.get(..self.nout).unwrap_or_default(),
                        ends: self.ends.get(..self.nends).unwrap_or_default(),
                    };
                    return Some(Ok((record, self.start)));
                }
                ReadRecordResult::End => {
                    self.pending = false;
                    return None;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::indexing_slicing,
        clippy::naive_bytecount,
        reason = "tests fail loudly"
    )]

    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn specials_finds_the_next_delimiter(
            bytes in prop::collection::vec(
                prop::sample::select(b"ab,\n\"\r \x80\xff".to_vec()), 0..300),
            froms in prop::collection::vec(0_usize..320, 1..12),
        ) {
            // Any order of questions, as the reader asks (forwards, and
            // back to a record's start).
            let mut specials = Specials::new(&bytes);
            // How the splitter asks: from a place, then window by window.
            let mut next = |from: usize| {
                let (mut base, mut bits) = specials.from(from);
                while bits == 0 {
                    base += 64;
                    if base >= bytes.len() {
                        return None;
                    }
                    bits = specials.window(base);
                }
                let at = base + bits.trailing_zeros() as usize;
                specials.park(at + 1, bits & (bits - 1));
                Some(at)
            };
            for from in froms {
                let naive = bytes
                    .iter()
                    .enumerate()
                    .skip(from)
                    .find(|&(_, &b)| matches!(b, b',' | b'\n' | b'\r' | b'"'))
                    .map(|(i, _)| i);
                prop_assert_eq!(next(from), naive, "from {}", from);
            }
        }

        #[test]
        fn trim_is_str_trim(text in "[ \t\u{a0}\u{3000}ab,é]{0,12}") {
            prop_assert_eq!(trim(&text), text.trim());
        }

        #[test]
        fn blocks_put_back_together_are_the_input(
            bytes in prop::collection::vec(prop::sample::select(b"ab,\n\"\r".to_vec()), 0..400),
            block in 1_usize..64,
        ) {
            let mut splitter = Splitter::new(bytes.as_slice(), block, 1 << 20);
            let mut joined = Vec::new();
            while let Some(b) = splitter.next_block(Vec::new()).unwrap() {
                if !b.last {
                    prop_assert!(matches!(b.bytes.last(), Some(b'\n' | b'\r')));
                }
                joined.extend_from_slice(&b.bytes);
            }
            prop_assert_eq!(joined, bytes);
        }
    }
}
