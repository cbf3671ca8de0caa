//! Horizontal bar charts of rates as inline SVG: an axis from 0 to 100 %,
//! gridlines, a value at the end of every bar, full names wrapped (never cut),
//! 0 % drawn as a visible stub and "not assessed" written out instead of a bar.
//!
//! Each chart has two layouts, drawn from one set of bars: a wide one (names
//! beside the bars) and a narrow one for phones (names above the bars). The
//! page's CSS shows one of them; both scale with their container (`viewBox`,
//! no fixed width). The geometry is computed here; the SVG text is written by
//! the template engine (`templates/chart.html`), which escapes every name.

use rust_decimal::Decimal;

use super::words;
use crate::types::Rate;

/// Average advance of a character at 13 units (≈ 0.62 em), rounded up so
/// that wrapped names stay inside their column in wide sans-serif fonts.
const CHAR_13: u32 = 8;
/// The same at 11 units.
const CHAR_11: u32 = 7;
/// Line height of a name (font size 13).
const LINE: u32 = 16;
/// Line height of a detail line (font size 11).
const DETAIL_LINE: u32 = 14;
/// Bar thickness.
const BAR: u32 = 16;
/// Where names start: a little in from the edge, since some glyphs ("T",
/// "Y") reach left of their origin.
const TEXT_X: u32 = 2;

/// One bar: a name, its rate and a line saying what was counted.
#[derive(Debug, Clone)]
pub(crate) struct Bar {
    pub(crate) label: String,
    pub(crate) rate: Rate,
    /// E.g. "3 of 7 points non-compliant".
    pub(crate) detail: String,
}

impl Bar {
    /// A bar whose detail line reads "N of M {unit} non-compliant" (or
    /// "none assessed").
    pub(crate) fn counted(label: impl Into<String>, rate: Rate, one: &str, many: &str) -> Self {
        let detail = if rate.assessed == 0 {
            format!("no {many} assessed")
        } else {
            format!(
                "{} of {} non-compliant",
                rate.non_compliant,
                words::count(rate.assessed, one, many)
            )
        };
        Self {
            label: label.into(),
            rate,
            detail,
        }
    }
}

/// A chart ready for the template.
#[derive(Debug, Clone)]
pub(crate) struct Chart {
    /// Heading shown above the chart and read by screen readers.
    pub(crate) title: String,
    /// What the bars measure, for the legend.
    pub(crate) measure: String,
    /// Whether to draw the legend (a page of several charts draws it once).
    pub(crate) legend: bool,
    /// The two layouts: wide first, narrow second.
    pub(crate) layouts: Vec<Layout>,
}

impl Chart {
    pub(crate) fn new(title: impl Into<String>, measure: impl Into<String>, bars: &[Bar]) -> Self {
        Self {
            title: title.into(),
            measure: measure.into(),
            legend: true,
            layouts: vec![Layout::wide(bars), Layout::narrow(bars)],
        }
    }
}

/// A piece of text at a point (`y` is the baseline).
#[derive(Debug, Clone)]
pub(crate) struct TextAt {
    pub(crate) x: u32,
    pub(crate) y: u32,
    pub(crate) text: String,
}

/// A bar's rectangle; `zero` marks a 0 % stub.
#[derive(Debug, Clone)]
pub(crate) struct BarRect {
    pub(crate) x: u32,
    pub(crate) y: u32,
    /// Width in user units, exact to one decimal.
    pub(crate) width: String,
    pub(crate) height: u32,
    pub(crate) zero: bool,
}

/// One row: wrapped name, detail lines, and either a bar with its value or
/// the words "not assessed".
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub(crate) name: Vec<TextAt>,
    pub(crate) detail: Vec<TextAt>,
    pub(crate) bar: Option<BarRect>,
    /// The value at the bar's end, or "Not assessed".
    pub(crate) value: TextAt,
}

impl Row {
    /// Whether the row has a rate.
    pub(crate) fn assessed(&self) -> bool {
        self.bar.is_some()
    }
}

/// An axis tick: its label and anchor.
#[derive(Debug, Clone)]
pub(crate) struct Tick {
    pub(crate) x: u32,
    pub(crate) y: u32,
    pub(crate) label: &'static str,
    pub(crate) anchor: &'static str,
}

/// A vertical gridline segment.
#[derive(Debug, Clone)]
pub(crate) struct Segment {
    pub(crate) x: u32,
    pub(crate) y1: u32,
    pub(crate) y2: u32,
}

/// One drawing of a chart.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// `wide` or `narrow` (a CSS class).
    pub(crate) variant: &'static str,
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) rows: Vec<Row>,
    pub(crate) grid: Vec<Segment>,
    pub(crate) axis: Segment,
    pub(crate) ticks: Vec<Tick>,
}

const TICKS: [(u32, &str); 5] = [(0, "0%"), (1, "25%"), (2, "50%"), (3, "75%"), (4, "100%")];

impl Layout {
    /// Names in a column on the left, bars on the right.
    fn wide(bars: &[Bar]) -> Self {
        const WIDTH: u32 = 720;
        const NAME_W: u32 = 250;
        const X0: u32 = 262;
        const PLOT: u32 = 360;
        let mut rows = Vec::with_capacity(bars.len());
        let mut grid = Vec::new();
        let mut y = 8;
        for bar in bars {
            let name = wrap(&bar.label, (NAME_W - TEXT_X) / CHAR_13);
            let detail = wrap(&bar.detail, (NAME_W - TEXT_X) / CHAR_11);
            let text_h = count_u32(name.len()) * LINE + count_u32(detail.len()) * DETAIL_LINE;
            let row_h = text_h.max(BAR) + 14;
            let top = y + 6;
            let bar_y = top + (text_h.max(BAR) - BAR) / 2;
            let mut line_y = top + 12;
            let name = lines_at(name, TEXT_X, &mut line_y, LINE);
            line_y = line_y - LINE + DETAIL_LINE;
            let detail = lines_at(detail, TEXT_X, &mut line_y, DETAIL_LINE);
            rows.push(row(bar, X0, PLOT, bar_y, name, detail));
            y += row_h;
        }
        let bottom = y;
        for (k, _) in TICKS {
            grid.push(Segment {
                x: X0 + k * PLOT / 4,
                y1: 4,
                y2: bottom,
            });
        }
        Self {
            variant: "wide",
            width: WIDTH,
            height: bottom + 24,
            rows,
            grid,
            axis: Segment {
                x: X0,
                y1: 4,
                y2: bottom,
            },
            ticks: ticks(X0, PLOT, bottom + 16, false),
        }
    }

    /// Names above their bars, for narrow screens.
    fn narrow(bars: &[Bar]) -> Self {
        const WIDTH: u32 = 360;
        const X0: u32 = 2;
        const PLOT: u32 = 296;
        let mut rows = Vec::with_capacity(bars.len());
        let mut grid = Vec::new();
        let mut y = 4;
        for bar in bars {
            let name = wrap(&bar.label, (WIDTH - 2 * TEXT_X) / CHAR_13);
            let detail = wrap(&bar.detail, (WIDTH - 2 * TEXT_X) / CHAR_11);
            let mut line_y = y + 12;
            let name = lines_at(name, TEXT_X, &mut line_y, LINE);
            line_y = line_y - LINE + DETAIL_LINE;
            let detail = lines_at(detail, TEXT_X, &mut line_y, DETAIL_LINE);
            let bar_y = line_y - DETAIL_LINE + 8;
            for (k, _) in TICKS {
                grid.push(Segment {
                    x: X0 + k * PLOT / 4,
                    y1: bar_y - 3,
                    y2: bar_y + BAR + 3,
                });
            }
            rows.push(row(bar, X0, PLOT, bar_y, name, detail));
            y = bar_y + BAR + 14;
        }
        let bottom = y - 8;
        Self {
            variant: "narrow",
            width: WIDTH,
            height: bottom + 22,
            rows,
            grid,
            axis: Segment {
                x: X0,
                y1: 4,
                y2: bottom,
            },
            ticks: ticks(X0, PLOT, bottom + 16, true),
        }
    }
}

fn row(bar: &Bar, x0: u32, plot: u32, bar_y: u32, name: Vec<TextAt>, detail: Vec<TextAt>) -> Row {
    let value_y = bar_y + 12;
    let (Some(rate), Some(label)) = (bar.rate.rate, words::percent(bar.rate)) else {
        return Row {
            name,
            detail,
            bar: None,
            value: TextAt {
                x: x0 + 4,
                y: value_y,
                text: "Not assessed".to_owned(),
            },
        };
    };
    let width = (rate.clamp(Decimal::ZERO, Decimal::ONE) * Decimal::from(plot)).round_dp(1);
    let zero = width.is_zero();
    // A 0 % bar is a 2-unit stub: visible, and unlike "not assessed".
    let shown = if zero { Decimal::TWO } else { width };
    Row {
        name,
        detail,
        bar: Some(BarRect {
            x: x0,
            y: bar_y,
            width: shown.normalize().to_string(),
            height: BAR,
            zero,
        }),
        value: TextAt {
            x: x0 + decimal_ceil(shown) + 6,
            y: value_y,
            text: label,
        },
    }
}

fn ticks(x0: u32, plot: u32, y: u32, edge_anchors: bool) -> Vec<Tick> {
    TICKS
        .iter()
        .map(|&(k, label)| Tick {
            x: x0 + k * plot / 4,
            y,
            label,
            anchor: match k {
                0 if edge_anchors => "start",
                4 if edge_anchors => "end",
                _ => "middle",
            },
        })
        .collect()
}

fn lines_at(lines: Vec<String>, x: u32, y: &mut u32, step: u32) -> Vec<TextAt> {
    lines
        .into_iter()
        .map(|text| {
            let at = TextAt { x, y: *y, text };
            *y += step;
            at
        })
        .collect()
}

fn count_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn decimal_ceil(d: Decimal) -> u32 {
    d.ceil().to_string().parse().unwrap_or(0)
}

/// Greedy word wrap at `max` characters a line; a word longer than a line is
/// split across lines. Every character is kept.
pub(crate) fn wrap(text: &str, max: u32) -> Vec<String> {
    let max = usize::try_from(max.max(4)).unwrap_or(usize::MAX);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_len = 0;
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > max {
            if line_len > 0 {
                lines.push(std::mem::take(&mut line));
                line_len = 0;
            }
            let rest = word.split_off(max);
            lines.push(word.into_iter().collect());
            word = rest;
        }
        let len = word.len();
        if line_len > 0 && line_len + 1 + len > max {
            lines.push(std::mem::take(&mut line));
            line_len = 0;
        }
        if line_len > 0 {
            line.push(' ');
            line_len += 1;
        }
        line.extend(word);
        line_len += len;
    }
    if line_len > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing, reason = "tests")]
    use super::*;

    #[test]
    fn wrap_keeps_every_character() {
        let name = "Freedom of Association and Collective Bargaining";
        let lines = wrap(name, 31);
        assert_eq!(lines.join(" "), name);
        assert!(lines.iter().all(|l| l.chars().count() <= 31));
        let long = "Supercalifragilisticexpialidocious-and-more";
        let lines = wrap(long, 10);
        assert_eq!(lines.concat(), long);
        assert!(lines.iter().all(|l| l.chars().count() <= 10));
        assert_eq!(wrap("", 10), vec![String::new()]);
    }

    #[test]
    fn zero_and_not_assessed_differ() {
        let bars = [
            Bar::counted("Zero", Rate::new(0, 5), "point", "points"),
            Bar::counted("None", Rate::new(0, 0), "point", "points"),
            Bar::counted("Full", Rate::new(5, 5), "point", "points"),
        ];
        for layout in Chart::new("t", "m", &bars).layouts {
            let [zero, none, full] = &layout.rows[..] else {
                panic!("three rows")
            };
            let zero_bar = zero.bar.as_ref().unwrap();
            assert!(zero_bar.zero && zero_bar.width == "2");
            assert_eq!(zero.value.text, "0%");
            assert!(none.bar.is_none());
            assert_eq!(none.value.text, "Not assessed");
            assert_eq!(full.value.text, "100%");
            assert!(full.value.x + 40 <= layout.width, "value label fits");
        }
    }
}
