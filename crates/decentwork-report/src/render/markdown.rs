//! Markdown (`CommonMark` with GitHub tables) written through a small builder
//! that escapes every piece of data, so that no name or free text can open a
//! heading, a list, a table row, emphasis, a link or HTML.

/// Escapes text for a `CommonMark` inline context (a paragraph, a heading, a
/// list item or a table cell): line breaks and runs of white space become one
/// space, and every character that could start structure is backslash-escaped.
pub(crate) fn text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 8);
    let mut words = raw.split(char::is_whitespace).filter(|w| !w.is_empty());
    let mut first_word = true;
    for word in words.by_ref() {
        if !first_word {
            out.push(' ');
        }
        for (i, c) in word.char_indices() {
            let at_start = first_word && i == 0;
            let escape = match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!'
                | '$' => true,
                // Block markers only matter where the text starts a line: a
                // first word of only `-`, `+` or `=` opens a list item, a
                // thematic break or a setext underline; "1." or "1)" opens
                // an ordered list.
                '-' | '+' | '=' => at_start && word.chars().all(|w| w == c),
                '.' | ')' => {
                    first_word
                        && i + 1 == word.len()
                        && word
                            .get(..i)
                            .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
                }
                _ => false,
            };
            if escape {
                out.push('\\');
            }
            out.push(c);
        }
        first_word = false;
    }
    out
}

/// A Markdown document under construction. Every method escapes the data it
/// is given; structure comes only from the method called.
#[derive(Debug, Default)]
pub(crate) struct Doc {
    out: String,
}

impl Doc {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// A heading of `level` (1–6).
    pub(crate) fn heading(&mut self, level: usize, title: &str) -> &mut Self {
        self.out.push_str(&"#".repeat(level.clamp(1, 6)));
        self.out.push(' ');
        self.out.push_str(&text(title));
        self.out.push_str("\n\n");
        self
    }

    /// A paragraph of spans.
    pub(crate) fn para(&mut self, spans: &[Span<'_>]) -> &mut Self {
        self.out.push_str(&inline(spans));
        self.out.push_str("\n\n");
        self
    }

    /// A paragraph of plain text.
    pub(crate) fn text(&mut self, plain: &str) -> &mut Self {
        self.para(&[Span::Text(plain)])
    }

    /// A bullet list; each item is a list of spans, optionally with nested
    /// plain-text items under it.
    pub(crate) fn list(&mut self, items: &[Item<'_>]) -> &mut Self {
        for item in items {
            self.out.push_str("- ");
            self.out.push_str(&inline(&item.spans));
            self.out.push('\n');
            for sub in &item.sub {
                self.out.push_str("  - ");
                self.out.push_str(&text(sub));
                self.out.push('\n');
            }
        }
        self.out.push('\n');
        self
    }

    /// A GitHub table. `right` marks the columns aligned right (numbers).
    /// Rows shorter than the header are padded with empty cells.
    pub(crate) fn table(
        &mut self,
        header: &[&str],
        right: &[bool],
        rows: &[Vec<String>],
    ) -> &mut Self {
        self.out.push('|');
        for h in header {
            self.out.push(' ');
            self.out.push_str(&text(h));
            self.out.push_str(" |");
        }
        self.out.push_str("\n|");
        for i in 0..header.len() {
            self.out
                .push_str(if right.get(i).copied().unwrap_or(false) {
                    "---:|"
                } else {
                    "---|"
                });
        }
        self.out.push('\n');
        for row in rows {
            self.out.push('|');
            for i in 0..header.len() {
                let cell = row.get(i).map_or(String::new(), |c| text(c));
                self.out.push(' ');
                self.out.push_str(&cell);
                self.out.push_str(" |");
            }
            self.out.push('\n');
        }
        self.out.push('\n');
        self
    }

    /// The finished text, ending with one line feed.
    pub(crate) fn finish(mut self) -> String {
        while self.out.ends_with("\n\n") {
            self.out.pop();
        }
        self.out
    }
}

/// A piece of a paragraph or list item.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Span<'a> {
    /// Plain text.
    Text(&'a str),
    /// Strong text.
    Strong(&'a str),
    /// Emphasised text.
    Em(&'a str),
}

/// A list item: spans, and nested items of plain text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Item<'a> {
    pub(crate) spans: Vec<Span<'a>>,
    pub(crate) sub: Vec<String>,
}

impl<'a> Item<'a> {
    pub(crate) fn new(spans: Vec<Span<'a>>) -> Self {
        Self {
            spans,
            sub: Vec::new(),
        }
    }
}

fn inline(spans: &[Span<'_>]) -> String {
    let mut out = String::new();
    for span in spans {
        match span {
            Span::Text(t) => {
                // A text span may begin or end with a space that separates it
                // from its neighbours; keep one.
                if t.starts_with(char::is_whitespace) && !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                let escaped = text(t);
                out.push_str(&escaped);
                if t.ends_with(char::is_whitespace) && !escaped.is_empty() {
                    out.push(' ');
                }
            }
            Span::Strong(t) if !t.trim().is_empty() => {
                out.push_str("**");
                out.push_str(&text(t));
                out.push_str("**");
            }
            Span::Em(t) if !t.trim().is_empty() => {
                out.push('*');
                out.push_str(&text(t));
                out.push('*');
            }
            Span::Strong(_) | Span::Em(_) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Doc, Item, Span, text};
    use pulldown_cmark::{Event, Options, Parser, Tag};

    /// Block-level tags of a Markdown text.
    fn blocks(markdown: &str) -> Vec<String> {
        Parser::new_ext(markdown, Options::ENABLE_TABLES)
            .filter_map(|e| match e {
                Event::Start(
                    tag @ (Tag::Heading { .. }
                    | Tag::List(_)
                    | Tag::BlockQuote(_)
                    | Tag::CodeBlock(_)
                    | Tag::HtmlBlock
                    | Tag::Table(_)
                    | Tag::Paragraph
                    | Tag::Item),
                ) => Some(format!("{:?}", tag.to_end())),
                Event::Rule => Some("Rule".to_owned()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn line_starts_are_escaped() {
        assert_eq!(text("# x"), "\\# x");
        assert_eq!(text("- x"), "\\- x");
        assert_eq!(text("-12.5 and 67.6%"), "-12.5 and 67.6%");
        assert_eq!(text("+ x"), "\\+ x");
        assert_eq!(text("1. x"), "1\\. x");
        assert_eq!(text("12) x"), "12\\) x");
        assert_eq!(text("a - b 1. c"), "a - b 1. c");
        assert_eq!(text("  two\n\nlines  "), "two lines");
        for hostile in [
            "# heading",
            "- nested",
            "1. ordered",
            "> quote",
            "===",
            "---",
            "***",
            "    code",
            "<div>html</div>",
            "| a | b |",
            "```",
        ] {
            let mut doc = Doc::new();
            doc.text(hostile);
            doc.list(&[Item {
                spans: vec![Span::Text(hostile)],
                sub: vec![hostile.to_owned()],
            }]);
            let md = doc.finish();
            assert_eq!(
                blocks(&md),
                ["Paragraph", "List(false)", "Item", "List(false)", "Item"],
                "{hostile:?} gave:\n{md}"
            );
        }
    }
}
