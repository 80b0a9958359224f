//! The document model: pulldown-cmark events folded once into blocks of styled inline
//! text. Everything here is already sanitized; layout only has to wrap it.
use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::text::{push_sanitized, sanitize};

/// Inline style flags; the theme (TUI) or the ANSI writer (`show`) gives them a look.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Style(pub u16);

impl Style {
    pub const PLAIN: Style = Style(0);
    pub const BOLD: Style = Style(1);
    pub const ITALIC: Style = Style(1 << 1);
    pub const STRIKE: Style = Style(1 << 2);
    pub const CODE: Style = Style(1 << 3);
    pub const LINK: Style = Style(1 << 4);
    pub const URL: Style = Style(1 << 5);
    pub const H1: Style = Style(1 << 6);
    pub const H2: Style = Style(1 << 7);
    pub const H3: Style = Style(1 << 8);
    pub const QUOTE: Style = Style(1 << 9);
    pub const CODE_BLOCK: Style = Style(1 << 10);
    pub const DIM: Style = Style(1 << 11);
    pub const HTML: Style = Style(1 << 12);
    pub const MARKER: Style = Style(1 << 13);
    pub const TABLE_HEAD: Style = Style(1 << 14);

    pub fn has(self, other: Style) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }
    pub fn with(self, other: Style) -> Style {
        Style(self.0 | other.0)
    }
}

/// A run of text in one style. A `'\n'` inside `text` is a hard line break.
#[derive(Clone, Debug, PartialEq)]
pub struct Inline {
    pub text: String,
    pub style: Style,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ListItem {
    /// `Some(checked)` for a task-list item.
    pub task: Option<bool>,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Heading {
        level: u8,
        id: Option<String>,
        inlines: Vec<Inline>,
        line: u32,
    },
    /// `tight` paragraphs are the bare text of tight list items.
    Paragraph {
        inlines: Vec<Inline>,
        tight: bool,
        line: u32,
    },
    Code {
        lines: Vec<String>,
        line: u32,
    },
    Html {
        lines: Vec<String>,
        line: u32,
    },
    Quote {
        blocks: Vec<Block>,
        line: u32,
    },
    List {
        start: Option<u64>,
        items: Vec<ListItem>,
        line: u32,
    },
    Table {
        aligns: Vec<Align>,
        /// The first row is the header.
        rows: Vec<Vec<Vec<Inline>>>,
        line: u32,
    },
    Rule {
        line: u32,
    },
    Footnote {
        label: String,
        blocks: Vec<Block>,
        line: u32,
    },
}

impl Block {
    pub fn line(&self) -> u32 {
        match self {
            Block::Heading { line, .. }
            | Block::Paragraph { line, .. }
            | Block::Code { line, .. }
            | Block::Html { line, .. }
            | Block::Quote { line, .. }
            | Block::List { line, .. }
            | Block::Table { line, .. }
            | Block::Rule { line }
            | Block::Footnote { line, .. } => *line,
        }
    }
}

/// A `##`-or-deeper heading, for outlines and checks.
#[derive(Clone, Debug, PartialEq)]
pub struct HeadingInfo {
    pub level: u8,
    pub id: Option<String>,
    pub text: String,
    pub line: u32,
}

#[derive(Clone, Debug, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// Text of the first `#` heading, if any.
    pub title: Option<String>,
    /// Every heading in order.
    pub headings: Vec<HeadingInfo>,
}

pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Maps byte offsets to 1-based line numbers.
struct LineIndex {
    starts: Vec<usize>,
    /// Lines before this text in its file (for a chunk of a larger document).
    offset: u32,
}

impl LineIndex {
    fn new(src: &str, offset: u32) -> Self {
        let mut starts = vec![0];
        starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts, offset }
    }
    fn line_of(&self, offset: usize) -> u32 {
        let idx = self.starts.partition_point(|&s| s <= offset);
        u32::try_from(idx.max(1))
            .unwrap_or(u32::MAX)
            .saturating_add(self.offset)
    }
}

pub(crate) type Events<'a> = std::iter::Peekable<pulldown_cmark::OffsetIter<'a>>;

/// Parses markdown into the document model. Never fails: any text is some document.
pub fn parse(src: &str) -> Document {
    parse_from_line(src, 0)
}

/// Parses a piece of a document that starts after `lines_before` lines.
pub fn parse_from_line(src: &str, lines_before: u32) -> Document {
    let index = LineIndex::new(src, lines_before);
    let mut events = Parser::new_ext(src, parser_options())
        .into_offset_iter()
        .peekable();
    let blocks = parse_blocks(&mut events, &index, None, 0);
    let (title, headings) = collect_headings(&blocks);
    Document {
        blocks,
        title,
        headings,
    }
}

fn collect_headings(blocks: &[Block]) -> (Option<String>, Vec<HeadingInfo>) {
    let mut title = None;
    let mut headings = Vec::new();
    for b in blocks {
        if let Block::Heading {
            level,
            id,
            inlines,
            line,
        } = b
        {
            let text = plain_text(inlines);
            if *level == 1 && title.is_none() && !text.trim().is_empty() {
                title = Some(text.trim().to_string());
            }
            headings.push(HeadingInfo {
                level: *level,
                id: id.clone(),
                text,
                line: *line,
            });
        }
    }
    (title, headings)
}

/// The text of inlines without styling (hard breaks become spaces).
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut s = String::new();
    for i in inlines {
        s.push_str(&i.text.replace('\n', " "));
    }
    s
}

fn level_num(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Containers nested deeper than this are flattened into their parent: the text
/// stays, the recursion (and the stack) stays bounded whatever the input.
pub const MAX_DEPTH: usize = 48;

fn is_container(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::FootnoteDefinition(_)
    )
}

fn is_container_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition
    )
}

/// Parses blocks until the end tag matching `until` (or the end of input).
fn parse_blocks(
    ev: &mut Events<'_>,
    index: &LineIndex,
    until: Option<TagEnd>,
    depth: usize,
) -> Vec<Block> {
    let mut blocks = Vec::new();
    // Containers opened past MAX_DEPTH whose end tags must be skipped.
    let mut flattened = 0usize;
    // Inline content that appears directly at block level (tight list items).
    let mut loose_inlines: Vec<Inline> = Vec::new();
    let mut loose_line = 0;
    let flush = |blocks: &mut Vec<Block>, inl: &mut Vec<Inline>, line: u32| {
        if !inl.is_empty() {
            blocks.push(Block::Paragraph {
                inlines: std::mem::take(inl),
                tight: true,
                line,
            });
        }
    };
    while let Some((event, range)) = ev.next() {
        let line = index.line_of(range.start);
        match event {
            Event::End(end) if flattened > 0 && is_container_end(&end) => flattened -= 1,
            Event::End(end) if Some(end) == until => break,
            Event::End(_) => {} // unbalanced end: ignore rather than fail
            Event::Start(tag) if depth >= MAX_DEPTH && is_container(&tag) => {
                flush(&mut blocks, &mut loose_inlines, loose_line);
                flattened += 1;
            }
            Event::Start(tag) => {
                if is_inline_tag(&tag) {
                    if loose_inlines.is_empty() {
                        loose_line = line;
                    }
                    let mut st = InlineState::default();
                    st.start(&tag, &mut loose_inlines);
                    // Continue collecting inline events until this tag closes.
                    collect_inline_until(ev, &mut st, &mut loose_inlines, tag_end(&tag));
                    continue;
                }
                flush(&mut blocks, &mut loose_inlines, loose_line);
                if let Some(b) = parse_block(tag, line, ev, index, depth) {
                    blocks.push(b);
                }
            }
            Event::Rule => {
                flush(&mut blocks, &mut loose_inlines, loose_line);
                blocks.push(Block::Rule { line });
            }
            Event::Html(text) => {
                // Html outside an HtmlBlock tag: treat as literal lines.
                flush(&mut blocks, &mut loose_inlines, loose_line);
                blocks.push(Block::Html {
                    lines: split_lines(&text),
                    line,
                });
            }
            other => {
                if loose_inlines.is_empty() {
                    loose_line = line;
                }
                let mut st = InlineState::default();
                st.event(other, &mut loose_inlines);
            }
        }
    }
    flush(&mut blocks, &mut loose_inlines, loose_line);
    blocks
}

fn split_lines(text: &str) -> Vec<String> {
    let t = text.strip_suffix('\n').unwrap_or(text);
    t.split('\n')
        .map(|l| sanitize(l.strip_suffix('\r').unwrap_or(l)))
        .collect()
}

pub(crate) fn is_inline_tag(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn tag_end(tag: &Tag<'_>) -> TagEnd {
    tag.to_end()
}

fn parse_block(
    tag: Tag<'_>,
    line: u32,
    ev: &mut Events<'_>,
    index: &LineIndex,
    depth: usize,
) -> Option<Block> {
    let end = tag.to_end();
    Some(match tag {
        Tag::Paragraph => Block::Paragraph {
            inlines: collect_inlines(ev, end),
            tight: false,
            line,
        },
        Tag::Heading { level, id, .. } => Block::Heading {
            level: level_num(level),
            id: id.map(|s| s.to_string()),
            inlines: collect_inlines(ev, end),
            line,
        },
        Tag::BlockQuote(_) => Block::Quote {
            blocks: parse_blocks(ev, index, Some(end), depth + 1),
            line,
        },
        Tag::CodeBlock(kind) => {
            let _lang = match kind {
                CodeBlockKind::Fenced(l) => l.to_string(),
                CodeBlockKind::Indented => String::new(),
            };
            let mut text = String::new();
            for (e, _) in ev.by_ref() {
                match e {
                    Event::End(TagEnd::CodeBlock) => break,
                    Event::Text(t) | Event::Html(t) | Event::Code(t) => text.push_str(&t),
                    _ => {}
                }
            }
            let t = text.strip_suffix('\n').unwrap_or(&text);
            let lines = if t.is_empty() && text.is_empty() {
                Vec::new()
            } else {
                t.split('\n')
                    .map(|l| super::text::expand_tabs_sanitized(l.strip_suffix('\r').unwrap_or(l)))
                    .collect()
            };
            Block::Code { lines, line }
        }
        Tag::HtmlBlock => {
            let mut text = String::new();
            for (e, _) in ev.by_ref() {
                match e {
                    Event::End(TagEnd::HtmlBlock) => break,
                    Event::Html(t) | Event::Text(t) => text.push_str(&t),
                    _ => {}
                }
            }
            Block::Html {
                lines: split_lines(&text),
                line,
            }
        }
        Tag::List(start) => {
            let mut items = Vec::new();
            while let Some((e, _)) = ev.next() {
                match e {
                    Event::Start(Tag::Item) => {
                        let mut blocks = parse_blocks(ev, index, Some(TagEnd::Item), depth + 1);
                        let task = take_task_marker(&mut blocks);
                        items.push(ListItem { task, blocks });
                    }
                    Event::End(TagEnd::List(_)) => break,
                    _ => {}
                }
            }
            Block::List { start, items, line }
        }
        Tag::Table(aligns) => {
            let aligns = aligns
                .into_iter()
                .map(|a| match a {
                    Alignment::Center => Align::Center,
                    Alignment::Right => Align::Right,
                    Alignment::Left | Alignment::None => Align::Left,
                })
                .collect();
            // Cells and rows are collected in reused buffers and copied out at their
            // exact length: a table of thousands of columns holds one small vector
            // per cell, and spare capacity (four inlines per cell, doubled rows) or
            // shrinking in place (free gaps between cells) more than doubled it.
            let mut rows = Vec::new();
            let mut row: Vec<Vec<Inline>> = Vec::new();
            let mut cell: Vec<Inline> = Vec::new();
            while let Some((e, _)) = ev.next() {
                match e {
                    Event::Start(Tag::TableCell) => {
                        let mut st = InlineState::default();
                        collect_inline_until(ev, &mut st, &mut cell, TagEnd::TableCell);
                        row.push(exact(&mut cell));
                    }
                    Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                        rows.push(exact(&mut row))
                    }
                    Event::End(TagEnd::Table) => break,
                    _ => {}
                }
            }
            if !row.is_empty() {
                rows.push(row);
            }
            Block::Table { aligns, rows, line }
        }
        Tag::FootnoteDefinition(label) => Block::Footnote {
            label: sanitize(&label),
            blocks: parse_blocks(ev, index, Some(end), depth + 1),
            line,
        },
        Tag::MetadataBlock(_) => {
            skip_until(ev, end);
            return None;
        }
        // Anything else (definition lists are not enabled): keep its content.
        _ => Block::Quote {
            blocks: parse_blocks(ev, index, Some(end), depth + 1),
            line,
        },
    })
}

/// One top-level block whose `Start` tag was just read, parsed into the model: the
/// streaming renderer (`markdown::stream`) lays leaf blocks out from the events
/// itself and hands containers (lists, quotes, tables, footnotes) here. Source lines
/// are not tracked (every block says line 1): a stream has no use for them.
pub(crate) fn parse_top_block(tag: Tag<'_>, ev: &mut Events<'_>) -> Option<Block> {
    let index = LineIndex {
        starts: vec![0],
        offset: 0,
    };
    parse_block(tag, 1, ev, &index, 0)
}

/// Moves the items of `buf` into a new vector of exactly their number, leaving `buf`
/// empty with its capacity for reuse.
fn exact<T>(buf: &mut Vec<T>) -> Vec<T> {
    let mut out = Vec::with_capacity(buf.len());
    out.append(buf);
    out
}

fn skip_until(ev: &mut Events<'_>, end: TagEnd) {
    for (e, _) in ev.by_ref() {
        if e == Event::End(end) {
            break;
        }
    }
}

/// Task-list markers arrive as the first inline of the item's first paragraph.
fn take_task_marker(blocks: &mut [Block]) -> Option<bool> {
    if let Some(Block::Paragraph { inlines, .. }) = blocks.first_mut()
        && let Some(first) = inlines.first()
        && first.style == Style::MARKER
    {
        let checked = match first.text.as_str() {
            "[x]" => Some(true),
            "[ ]" => Some(false),
            _ => None,
        };
        if checked.is_some() {
            inlines.remove(0);
            // Drop the space that followed the marker.
            if let Some(next) = inlines.first_mut() {
                let trimmed = next.text.trim_start().to_string();
                next.text = trimmed;
            }
            return checked;
        }
    }
    None
}

#[derive(Default)]
struct InlineState {
    stack: Vec<Style>,
    links: Vec<(String, usize)>, // destination, index of the first inline of its text
}

impl InlineState {
    fn current(&self) -> Style {
        self.stack.iter().fold(Style::PLAIN, |a, s| a.with(*s))
    }

    fn push_text(&self, out: &mut Vec<Inline>, text: &str, extra: Style) {
        let style = self.current().with(extra);
        if super::text::is_clean(text) {
            push_merged(out, text.to_string(), style);
            return;
        }
        let mut clean = String::with_capacity(text.len());
        for c in text.chars() {
            if c == '\n' {
                clean.push(' ');
            } else {
                push_sanitized(&mut clean, c);
            }
        }
        push_merged(out, clean, style);
    }

    fn start(&mut self, tag: &Tag<'_>, out: &mut Vec<Inline>) {
        match tag {
            Tag::Emphasis => self.stack.push(Style::ITALIC),
            Tag::Strong => self.stack.push(Style::BOLD),
            Tag::Strikethrough => self.stack.push(Style::STRIKE),
            Tag::Link { dest_url, .. } => {
                self.links.push((dest_url.to_string(), out.len()));
                self.stack.push(Style::LINK);
            }
            Tag::Image { dest_url, .. } => {
                self.links.push((dest_url.to_string(), out.len()));
                push_merged(out, "[image: ".into(), Style::DIM);
                self.stack.push(Style::ITALIC);
            }
            _ => self.stack.push(Style::PLAIN),
        }
    }

    fn end(&mut self, end: TagEnd, out: &mut Vec<Inline>) {
        self.stack.pop();
        match end {
            TagEnd::Link => {
                if let Some((url, first)) = self.links.pop() {
                    let text: String = out[first.min(out.len())..]
                        .iter()
                        .map(|i| i.text.as_str())
                        .collect();
                    let show = !url.is_empty()
                        && text.trim() != url
                        && text.trim() != url.trim_start_matches("mailto:");
                    if show {
                        push_merged(out, format!(" <{}>", sanitize(&url)), Style::URL);
                    }
                }
            }
            TagEnd::Image => {
                if let Some((url, _)) = self.links.pop() {
                    if !url.is_empty() {
                        push_merged(out, format!(" <{}>", sanitize(&url)), Style::URL);
                    }
                    push_merged(out, "]".into(), Style::DIM);
                }
            }
            _ => {}
        }
    }

    fn event(&mut self, e: Event<'_>, out: &mut Vec<Inline>) {
        match e {
            Event::Text(t) => self.push_text(out, &t, Style::PLAIN),
            Event::Code(t) => self.push_text(out, &t, Style::CODE),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.push_text(out, &t, Style::CODE),
            Event::InlineHtml(t) | Event::Html(t) => self.push_text(out, &t, Style::HTML),
            Event::FootnoteReference(l) => self.push_text(out, &format!("[^{l}]"), Style::LINK),
            Event::SoftBreak => self.push_text(out, " ", Style::PLAIN),
            Event::HardBreak => push_merged(out, "\n".into(), self.current()),
            Event::TaskListMarker(done) => {
                let m = if done { "[x]" } else { "[ ]" };
                out.push(Inline {
                    text: m.into(),
                    style: Style::MARKER,
                });
            }
            Event::Rule => push_merged(out, "\n".into(), Style::PLAIN),
            Event::Start(tag) => self.start(&tag, out),
            Event::End(end) => self.end(end, out),
        }
    }
}

fn push_merged(out: &mut Vec<Inline>, text: String, style: Style) {
    if text.is_empty() {
        return;
    }
    if let Some(last) = out.last_mut()
        && last.style == style
        && style != Style::MARKER
    {
        last.text.push_str(&text);
        return;
    }
    out.push(Inline { text, style });
}

fn collect_inlines(ev: &mut Events<'_>, end: TagEnd) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut st = InlineState::default();
    collect_inline_until(ev, &mut st, &mut out, end);
    out
}

/// Feeds inline events to `st` until the end tag `end` at depth zero.
fn collect_inline_until(
    ev: &mut Events<'_>,
    st: &mut InlineState,
    out: &mut Vec<Inline>,
    end: TagEnd,
) {
    let mut depth = 0usize;
    for (e, _) in ev.by_ref() {
        match &e {
            Event::Start(_) => depth += 1,
            Event::End(x) if *x == end && depth == 0 => {
                st.event(e, out);
                break;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        st.event(e, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_keep_ids_and_lines() {
        let doc = parse("# Title\n\ntext\n\n## Part one {#part-one}\n\nmore\n");
        assert_eq!(doc.title.as_deref(), Some("Title"));
        let h2 = &doc.headings[1];
        assert_eq!(
            (h2.level, h2.id.as_deref(), h2.line),
            (2, Some("part-one"), 5)
        );
        assert_eq!(h2.text, "Part one");
    }

    #[test]
    fn links_keep_their_url_visible() {
        let doc = parse("see [docs](https://docs.aws.amazon.com/)\n");
        let Block::Paragraph { inlines, .. } = &doc.blocks[0] else {
            panic!("{:?}", doc.blocks)
        };
        let text = plain_text(inlines);
        assert_eq!(text, "see docs <https://docs.aws.amazon.com/>");
    }

    #[test]
    fn raw_html_stays_literal_and_controls_are_escaped() {
        let doc = parse("<script>alert(1)</script>\n\nhi \u{1b}]0;x\u{7}\n");
        let Block::Html { lines, .. } = &doc.blocks[0] else {
            panic!("{:?}", doc.blocks)
        };
        assert_eq!(lines[0], "<script>alert(1)</script>");
        let Block::Paragraph { inlines, .. } = &doc.blocks[1] else {
            panic!()
        };
        assert_eq!(plain_text(inlines), "hi ^[]0;x^G");
    }

    #[test]
    fn task_items_are_recognised() {
        let doc = parse("- [x] done\n- [ ] todo\n");
        let Block::List { items, .. } = &doc.blocks[0] else {
            panic!()
        };
        assert_eq!(items[0].task, Some(true));
        assert_eq!(items[1].task, Some(false));
    }
}
