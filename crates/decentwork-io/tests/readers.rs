//! The fast block reader, the exact reader and the parallel reader agree on
//! every input: same rows (values and lines), same summary, same error.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

use decentwork_io::{ExportImport, ExportRow, ImportError, ImportOptions, ImportSummary, ReadMode};
use proptest::prelude::*;

const HEADER: &str = "Country,Cluster,CP,Q.Label,Question.ID,Question.type,Finding,Tags,Quest.ID,Factory.Assessed.ID,Factory.Assessed.Name,Assesment.Start.Date,Cycle,TQ.Name";

type Outcome = (Vec<ExportRow>, Result<ImportSummary, ImportError>);

fn sequential(text: &[u8], options: ImportOptions, block: usize, mode: ReadMode) -> Outcome {
    let mut rows = Vec::new();
    let result = ExportImport::new("e.csv", options)
        .with_blocks(block, mode)
        .read(text, |r| rows.push(r));
    (rows, result)
}

fn parallel(text: &[u8], options: ImportOptions, block: usize) -> Outcome {
    let mut rows = Vec::new();
    let result = ExportImport::new("e.csv", options)
        .with_blocks(block, ReadMode::Auto)
        .read_borrowed_parallel(text, |r| rows.push(r.to_owned_row()));
    (rows, result)
}

/// Read in batches on every core, each batch a vector of rows.
fn batched(text: &[u8], options: ImportOptions, block: usize) -> Outcome {
    let mut rows = Vec::new();
    let result = ExportImport::new("e.csv", options)
        .with_blocks(block, ReadMode::Auto)
        .read_batched(
            text,
            Vec::new,
            |batch: &mut Vec<ExportRow>, r| batch.push(r.to_owned_row()),
            |batch| rows.extend(batch),
        );
    (rows, result)
}

/// Batches hand on the same rows, except that a strict read that fails
/// leaves out the rows of the failing block (a prefix is handed on).
fn same_as_batched(batched: &Outcome, exact: &Outcome) -> Result<(), TestCaseError> {
    prop_assert_eq!(&batched.1, &exact.1);
    if exact.1.is_ok() {
        prop_assert_eq!(&batched.0, &exact.0);
    } else {
        prop_assert!(exact.0.starts_with(&batched.0));
    }
    Ok(())
}

/// A row of the export, with the given label and ending.
fn row(quest: u32, label: &str, finding: &str, end: &str) -> Vec<u8> {
    format!(
        "Viet Nam,Working Time,Overtime,{label},WT.OT.{quest:02},NCQ,{finding},Public Disclosure,{quest},77,Factory {quest},14/03/2024,1,Garment CAT{end}"
    )
    .into_bytes()
}

/// Pieces of text, good and bad, that exports are made of; with `regular`,
/// only those the fast reader reads itself.
fn piece(regular: bool) -> impl Strategy<Value = Vec<u8>> {
    // A row without a line end runs into the next piece: regular text ends
    // its rows.
    let end = if regular {
        prop_oneof![Just("\n"), Just("\r\n"), Just("\r")].boxed()
    } else {
        prop_oneof![Just("\n"), Just("\r\n"), Just("\r"), Just("")].boxed()
    };
    let kinds = if regular {
        prop::sample::select(vec![0, 1, 2, 3, 4, 7, 9, 10, 11, 13, 14, 15, 16])
    } else {
        prop::sample::select((0..18).collect::<Vec<usize>>())
    };
    (0_u32..4, end, kinds).prop_map(|(quest, end, kind)| match kind {
        0 => row(quest, "Plain label", "0", end),
        1 => row(quest, "\"Quoted, with a comma\"", "1", end),
        2 => row(quest, "\"Escaped \"\"quote\"\" inside\"", "0", end),
        3 => row(quest, "\"Two\nlines\"", "1", end),
        4 => row(quest, "\"Two\r\nlines, CRLF\"", "0", end),
        5 => row(quest, "Stray\"quote", "0", end),
        6 => row(quest, "\"Closed\"then more", "1", end),
        7 => row(quest, "Lone\rCR", "0", end),
        8 => {
            let mut r = row(quest, "Not UTF-8 \u{1}", "0", end);
            if let Some(b) = r.iter_mut().find(|b| **b == 1) {
                *b = 0xff;
            }
            r
        }
        9 => b"too,few,fields\n".to_vec(),
        10 => format!("{end}{end}").into_bytes(),
        11 => b"\"\"\n".to_vec(),
        12 => row(quest, "\"Unclosed quote", "0", end),
        13 => row(quest, " Padded label ", "2", end),
        14 => row(quest, "Unknown CP", "1", end).replace_cp(),
        // Another country of the same length: the labels' bytes differ,
        // not their places.
        16 => String::from_utf8(row(quest, "Plain label", "1", end))
            .unwrap()
            .replacen("Viet Nam", "Cambodia", 1)
            .into_bytes(),
        // Quotes inside an unquoted field are text, even where what follows
        // would close a quoted field: two fields, and a row one too long.
        17 => row(quest, "Stray\"\",quote\"", "0", end),
        _ => row(quest, "\"\"", "0", end),
    })
}

trait ReplaceCp {
    fn replace_cp(self) -> Vec<u8>;
}

impl ReplaceCp for Vec<u8> {
    fn replace_cp(self) -> Vec<u8> {
        String::from_utf8(self)
            .unwrap()
            .replacen("Overtime", "Shift Rotas", 1)
            .replacen("Viet Nam", "Atlantis", 1)
            .into_bytes()
    }
}

fn file(regular: bool) -> impl Strategy<Value = Vec<u8>> {
    (
        prop_oneof![Just(""), Just("\u{feff}")],
        prop_oneof![Just("\n"), Just("\r\n")],
        prop::collection::vec(piece(regular), 0..24),
    )
        .prop_map(|(bom, end, pieces)| {
            let mut text = format!("{bom}{HEADER}{end}").into_bytes();
            for p in pieces {
                text.extend_from_slice(&p);
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_reader_agrees(text in file(false), block in 1_usize..300, strict in any::<bool>()) {
        let options = if strict { ImportOptions::strict() } else { ImportOptions::default() };
        let exact = sequential(&text, options, block, ReadMode::ExactOnly);
        prop_assert_eq!(&sequential(&text, options, 1 << 20, ReadMode::Auto), &exact);
        prop_assert_eq!(&sequential(&text, options, block, ReadMode::Auto), &exact);
        prop_assert_eq!(&parallel(&text, options, block), &exact);
        same_as_batched(&batched(&text, options, block), &exact)?;
    }

    // Blocks are cut after a line feed, so a quoted line break may fall on a
    // cut: only whole-file blocks are sure to be read by the fast reader.
    #[test]
    fn the_fast_reader_reads_regular_text_itself(text in file(true)) {
        let options = ImportOptions::default();
        let exact = sequential(&text, options, 1 << 20, ReadMode::ExactOnly);
        prop_assert_eq!(&sequential(&text, options, 1 << 20, ReadMode::FastOnly), &exact);
    }
}

/// Pieces that reach small limits: long fields, quoted line feeds, runs
/// without a line end, many empty fields.
fn long_piece() -> impl Strategy<Value = Vec<u8>> {
    (0_usize..1500, 0_usize..6).prop_map(|(n, kind)| match kind {
        0 => row(1, &"l".repeat(n), "0", "\n"),
        1 => row(2, &format!("\"{}\"", "q\n".repeat(n / 2)), "1", "\r\n"),
        2 => "a".repeat(n).into_bytes(),
        3 => "\"\",".repeat(n / 3).into_bytes(),
        4 => row(3, &"r".repeat(n), "0", "\r"),
        _ => format!("\"{}", "o".repeat(n)).into_bytes(),
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// With limits small enough to be reached, every reader stops at the
    /// same record with the same error, wherever the blocks are cut.
    #[test]
    fn limits_hold_wherever_the_blocks_are_cut(
        pieces in prop::collection::vec(prop_oneof![piece(false), long_piece()], 0..12),
        header_extra in 0_usize..200,
        record in 100_usize..900,
        header in 150_usize..600,
        block in 1_usize..300,
        strict in any::<bool>(),
    ) {
        let mut text = format!("{HEADER},{}\n", "h".repeat(header_extra)).into_bytes();
        for p in pieces {
            text.extend_from_slice(&p);
        }
        let options = if strict { ImportOptions::strict() } else { ImportOptions::default() };
        let read = |block: usize, mode: ReadMode, parallel: bool| {
            let import = ExportImport::new("e.csv", options)
                .with_blocks(block, mode)
                .with_limits(record, header);
            let mut rows = Vec::new();
            let result = if parallel {
                import.read_borrowed_parallel(&text[..], |r| rows.push(r.to_owned_row()))
            } else {
                import.read(&text[..], |r| rows.push(r))
            };
            (rows, result)
        };
        let read_batched = |block: usize| {
            let mut rows = Vec::new();
            let result = ExportImport::new("e.csv", options)
                .with_blocks(block, ReadMode::Auto)
                .with_limits(record, header)
                .read_batched(
                    &text[..],
                    Vec::new,
                    |batch: &mut Vec<ExportRow>, r| batch.push(r.to_owned_row()),
                    |batch| rows.extend(batch),
                );
            (rows, result)
        };
        let exact = read(block, ReadMode::ExactOnly, false);
        prop_assert_eq!(&read(1 << 20, ReadMode::ExactOnly, false), &exact);
        prop_assert_eq!(&read(1 << 20, ReadMode::Auto, false), &exact);
        prop_assert_eq!(&read(block, ReadMode::Auto, false), &exact);
        prop_assert_eq!(&read(block, ReadMode::Auto, true), &exact);
        same_as_batched(&read_batched(block), &exact)?;
    }
}

#[test]
fn lines_count_blank_lines_and_crlf() {
    let mut text = format!("{HEADER}\r\n\r\n").into_bytes();
    text.extend(row(1, "\"Two\r\nlines\"", "0", "\r\n"));
    text.extend(b"\n\n");
    text.extend(row(2, "Plain", "1", "\r\n"));
    for (block, mode) in [
        (1, ReadMode::Auto),
        (7, ReadMode::Auto),
        (1, ReadMode::ExactOnly),
        (1 << 20, ReadMode::FastOnly),
    ] {
        let (rows, summary) = sequential(&text, ImportOptions::default(), block, mode);
        let lines: Vec<u64> = rows.iter().map(|r| r.as_ref().line).collect();
        assert_eq!(lines, [3, 7], "block {block}, {mode:?}");
        assert_eq!(rows[0].as_ref().question_label, "Two\r\nlines");
        assert_eq!(summary.unwrap().rows_used, 2);
    }
}

#[test]
fn irregular_text_is_read_exactly_as_the_csv_crate_reads_it() {
    // A quote inside an unquoted field is text; after a closing quote, text
    // runs on into the field; a lone CR ends the record.
    let mut text = format!("{HEADER}\n").into_bytes();
    text.extend(row(1, "Stray\"quote", "0", "\n"));
    text.extend(row(2, "\"Closed\"then more", "1", "\n"));
    text.extend(row(3, "Plain", "1", "\r"));
    text.extend(row(4, "Plain", "0", ""));
    for block in [1, 5, 64, 1 << 20] {
        let (rows, summary) = sequential(&text, ImportOptions::default(), block, ReadMode::Auto);
        let labels: Vec<(&str, u64)> = rows
            .iter()
            .map(|r| (r.as_ref().question_label, r.as_ref().line))
            .collect();
        assert_eq!(
            labels,
            [
                ("Stray\"quote", 2),
                ("Closedthen more", 3),
                ("Plain", 4),
                ("Plain", 4)
            ],
            "block {block}"
        );
        assert_eq!(summary.unwrap().rows_skipped, 0);
        assert_eq!(parallel(&text, ImportOptions::default(), block).0, rows);
        assert_eq!(batched(&text, ImportOptions::default(), block).0, rows);
    }
}

/// An input that fails part way.
struct Failing<'a> {
    text: &'a [u8],
    at: usize,
}

impl std::io::Read for Failing<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at >= self.text.len() {
            return Err(std::io::Error::other("disk gone"));
        }
        let n = buf.len().min(self.text.len() - self.at).min(10);
        buf[..n].copy_from_slice(&self.text[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[test]
fn a_read_error_fails_the_import_after_the_whole_rows_before_it() {
    let mut text = format!("{HEADER}\n").into_bytes();
    for q in 0..5 {
        text.extend(row(q, "Plain", "0", "\n"));
    }
    let cut = text.len() - 20;
    for block in [1, 100, 1 << 20] {
        for parallel in [0, 1, 2] {
            let input = Failing {
                text: &text[..cut],
                at: 0,
            };
            let import = ExportImport::new("e.csv", ImportOptions::default())
                .with_blocks(block, ReadMode::Auto);
            let mut lines = Vec::new();
            let error = match parallel {
                0 => import.read_borrowed(input, |r| lines.push(r.line)),
                1 => import.read_borrowed_parallel(input, |r| lines.push(r.line)),
                _ => import.read_batched(
                    input,
                    Vec::new,
                    |batch: &mut Vec<u64>, r| batch.push(r.line),
                    |batch| lines.extend(batch),
                ),
            }
            .unwrap_err();
            // The rows before the failure were handed on; the import failed.
            assert_eq!(lines, [2, 3, 4, 5], "block {block}, parallel {parallel}");
            assert!(error.is_read_failure(), "{error}");
            assert_eq!(error.line(), Some(5), "{error}");
            assert_eq!(
                error.to_string(),
                "e.csv: reading failed after line 5 (4 data rows read): disk gone"
            );
        }
    }
}
