//! `show` without the document model: pulldown-cmark's events become wrapped lines
//! that are written out as soon as they are complete. Text is borrowed from the
//! source wherever it needs no escaping, one reused line buffer holds what is being
//! wrapped, and output leaves in chunks of a few kilobytes, so a 5 MB note is shown
//! in memory close to its own size.
//!
//! The output is byte for byte what `ansi::render_lines(&layout(&parse(src), w))`
//! writes (the TUI's road): headings, paragraphs, code, HTML, rules and tables whose
//! columns fit at the top level are laid out here from the events, with the model's
//! inline rules (`model::InlineState`), its greedy wrap (`layout::wrap`) and its
//! table columns (`Writer::table`) restated for a stream. A list, quote or footnote
//! at the top level, whose layout needs to see all of it first (a list's looseness
//! and number width), and a table too wide for its columns, are parsed into the
//! model and laid out on their own, then dropped. The test `tests/it/show_stream.rs`
//! holds the two roads to the same bytes.
use std::io;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

use super::ansi::render_line;
use super::layout::{
    Line, MAX_UNBROKEN_WORD, fit_columns, fit_prefix, joined, layout, pre, text_width,
};
use super::model::{self, Document, Events, Style, parser_options};
use super::model::{Align, Block, Inline};
use super::split;

mod ahead;
mod inline;
mod preformatted;
mod table;
mod wrap;

use super::text::{char_width, is_clean, push_expanded_sanitized, push_sanitized, str_width};
use ahead::{Ahead, StopOnDrop};
use inline::Inlines;
use preformatted::Preformatted;
use table::Table;
use wrap::Wrap;

/// Output is handed on in pieces of about this size, each made of whole lines.
const CHUNK: usize = 32 * 1024;

/// A note is parsed in pieces of about this size (see `render`).
const PIECE_BYTES: usize = split::MIN_SPLIT_BYTES;

/// Renders `src` at `width` columns (plain, or with ANSI styling), handing the text to
/// `emit` in pieces of whole lines as it is produced. Stops at the first error `emit`
/// returns.
///
/// pulldown-cmark builds a tree of a whole text before its first event (three times
/// the size of the text), so a large note is read in pieces cut where nothing
/// crosses (`split`, about 256 KB each): only a few pieces' trees exist at a time.
/// Blocks flow on from piece to piece as in the whole note. With a second core, a
/// helper thread lays out the next pieces while this one writes (see `Ahead`).
pub fn render<E>(src: &str, width: usize, ansi: bool, emit: E) -> io::Result<()>
where
    E: FnMut(&str) -> io::Result<()>,
{
    let width = width.max(1);
    let mut out = Out {
        ansi,
        buf: String::with_capacity(CHUNK + 4096),
        emit,
    };
    let pieces = split::chunks(src, (src.len() / PIECE_BYTES).max(1));
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if pieces.len() <= 1 || cores <= 1 {
        let mut top = TopLevel::new(width);
        for piece in &pieces {
            top.run_text(&src[piece.start..piece.end], &mut out)?;
        }
        return out.flush();
    }
    let texts: Vec<&str> = pieces.iter().map(|c| &src[c.start..c.end]).collect();
    let ahead = Ahead::new(texts.len());
    std::thread::scope(|s| {
        s.spawn(|| ahead.help(&texts, width, ansi));
        // The helper stops however the writing ends (an error, a panic).
        let _stop = StopOnDrop(&ahead);
        ahead.write_in_order(&texts, width, &mut out)
    })?;
    out.flush()
}

/// The whole rendering as one string (tests, benchmarks).
pub fn render_to_string(src: &str, width: usize, ansi: bool) -> String {
    let mut all = String::new();
    let done = render(src, width, ansi, |s| {
        all.push_str(s);
        Ok(())
    });
    debug_assert!(done.is_ok(), "writing to a string cannot fail");
    all
}

/// The rendered text waiting to be handed on.
struct Out<E> {
    ansi: bool,
    buf: String,
    emit: E,
}

impl<E: FnMut(&str) -> io::Result<()>> Out<E> {
    /// Lines already rendered.
    fn text(&mut self, text: &str) -> io::Result<()> {
        self.flush()?;
        (self.emit)(text)
    }

    fn line(&mut self, line: &Line) -> io::Result<()> {
        render_line(line, self.ansi, &mut self.buf);
        if self.buf.len() >= CHUNK {
            self.flush()?;
        }
        Ok(())
    }
    fn flush(&mut self) -> io::Result<()> {
        if !self.buf.is_empty() {
            (self.emit)(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }
}

/// Where laid-out lines go: the output, or the lines of a table cell.
trait LineSink {
    fn line(&mut self, line: &Line) -> io::Result<()>;
}

impl<E: FnMut(&str) -> io::Result<()>> LineSink for Out<E> {
    fn line(&mut self, line: &Line) -> io::Result<()> {
        Out::line(self, line)
    }
}

impl LineSink for Vec<Line> {
    fn line(&mut self, line: &Line) -> io::Result<()> {
        self.push(line.clone());
        Ok(())
    }
}

/// Where inline text goes: wrapped at once, or kept for a table's cell.
trait TextSink {
    fn text(&mut self, text: &str, style: Style) -> io::Result<()>;
}

struct Wrapping<'x, O> {
    wrap: &'x mut Wrap,
    out: &'x mut O,
}

impl<O: LineSink> TextSink for Wrapping<'_, O> {
    fn text(&mut self, text: &str, style: Style) -> io::Result<()> {
        self.wrap.feed(text, style, self.out)
    }
}

/// What the last top-level block was: a blank line separates blocks, except after
/// the bare text of a tight list item (`model::Block::Paragraph { tight: true }`).
#[derive(Clone, Copy, PartialEq)]
enum Prev {
    Nothing,
    Tight,
    Block,
}

struct TopLevel {
    width: usize,
    prev: Prev,
    /// A line being assembled for preformatted text and rules.
    scratch: Line,
    /// One line of code or HTML being collected.
    text: String,
    none: Line,
    /// The cells of a table, kept for the next one.
    table: Table,
}

impl TopLevel {
    fn new(width: usize) -> TopLevel {
        TopLevel {
            width,
            prev: Prev::Nothing,
            scratch: Line::default(),
            text: String::new(),
            none: Line::default(),
            table: Table::default(),
        }
    }

    /// Lays out a piece of the note that parses on its own.
    fn run_text<E>(&mut self, src: &str, out: &mut Out<E>) -> io::Result<()>
    where
        E: FnMut(&str) -> io::Result<()>,
    {
        let mut events = Parser::new_ext(src, parser_options())
            .into_offset_iter()
            .peekable();
        self.run(&mut events, out)
    }

    /// The top level of `model::parse_blocks`, laid out as it goes.
    fn run<'a, E>(&mut self, ev: &mut Events<'a>, out: &mut Out<E>) -> io::Result<()>
    where
        E: FnMut(&str) -> io::Result<()>,
    {
        // Inline events straight at the top level make a tight paragraph.
        let mut loose: Option<(Inlines<'a>, Wrap)> = None;
        while let Some((event, _)) = ev.next() {
            match event {
                Event::End(_) => {} // unbalanced end: ignored, as the model does
                Event::Start(tag) if model::is_inline_tag(&tag) => {
                    let (inl, wrap) = loose.get_or_insert_with(|| self.tight_paragraph());
                    inl.fresh();
                    let end = tag.to_end();
                    let mut sink = Wrapping { wrap, out };
                    inl.start(tag, &mut sink)?;
                    inl.until(ev, end, &mut sink)?;
                }
                Event::Start(tag) => {
                    self.end_tight(loose.take(), out)?;
                    self.block(tag, ev, out)?;
                }
                Event::Rule => {
                    self.end_tight(loose.take(), out)?;
                    self.begin(out)?;
                    self.rule(out)?;
                }
                Event::Html(text) => {
                    self.end_tight(loose.take(), out)?;
                    self.begin(out)?;
                    self.preformatted_text(&text, Style::HTML, out)?;
                }
                other => {
                    let (inl, wrap) = loose.get_or_insert_with(|| self.tight_paragraph());
                    inl.fresh();
                    inl.event(other, &mut Wrapping { wrap, out })?;
                }
            }
        }
        self.end_tight(loose.take(), out)
    }

    /// The blank line before a block that follows another.
    fn begin<E>(&mut self, out: &mut Out<E>) -> io::Result<()>
    where
        E: FnMut(&str) -> io::Result<()>,
    {
        if self.prev == Prev::Block {
            out.line(&self.none)?;
        }
        self.prev = Prev::Block;
        Ok(())
    }

    fn tight_paragraph<'a>(&self) -> (Inlines<'a>, Wrap) {
        let mut wrap = Wrap::new(&self.none, &self.none, Style::PLAIN, self.width);
        // Its blank line, if any, is written with its first line: a run of events
        // that adds no text makes no paragraph.
        wrap.blank_first = self.prev == Prev::Block;
        (Inlines::default(), wrap)
    }

    fn end_tight<E>(
        &mut self,
        loose: Option<(Inlines<'_>, Wrap)>,
        out: &mut Out<E>,
    ) -> io::Result<()>
    where
        E: FnMut(&str) -> io::Result<()>,
    {
        if let Some((inl, mut wrap)) = loose
            && inl.count > 0
        {
            wrap.finish(out)?;
            self.prev = Prev::Tight;
        }
        Ok(())
    }

    fn block<'a, E>(
        &mut self,
        tag: Tag<'a>,
        ev: &mut Events<'a>,
        out: &mut Out<E>,
    ) -> io::Result<()>
    where
        E: FnMut(&str) -> io::Result<()>,
    {
        match tag {
            Tag::Paragraph => {
                self.begin(out)?;
                let mut wrap = Wrap::new(&self.none, &self.none, Style::PLAIN, self.width);
                let mut inl = Inlines::default();
                inl.until(
                    ev,
                    TagEnd::Paragraph,
                    &mut Wrapping {
                        wrap: &mut wrap,
                        out,
                    },
                )?;
                wrap.finish(out)?;
            }
            Tag::Heading { level, .. } => {
                self.begin(out)?;
                self.heading(level, ev, out)?;
            }
            Tag::CodeBlock(_) => {
                self.begin(out)?;
                self.code(ev, out)?;
            }
            Tag::HtmlBlock => {
                self.begin(out)?;
                self.html(ev, out)?;
            }
            // Columns need at least one column each and three between them: a table
            // with more than that cannot fit, and goes to the model at once (it lays
            // such a table out as records or pairs).
            Tag::Table(aligns) if 4 * aligns.len() <= self.width + 3 => {
                self.begin(out)?;
                let mut table = std::mem::take(&mut self.table);
                let done = table
                    .read(ev)
                    .and_then(|()| table.write(aligns, self.width, out));
                self.table = table;
                done?;
            }
            container => {
                // Lists, quotes, tables, footnotes: the model, one block at a time.
                let Some(block) = model::parse_top_block(container, ev) else {
                    return Ok(());
                };
                self.begin(out)?;
                let doc = Document {
                    blocks: vec![block],
                    ..Document::default()
                };
                for line in &layout(&doc, self.width).lines {
                    out.line(line)?;
                }
            }
        }
        Ok(())
    }

    /// `Writer::heading` of the layout: levels 1–2 underlined, deeper ones marked.
    fn heading<'a, E>(
        &mut self,
        level: HeadingLevel,
        ev: &mut Events<'a>,
        out: &mut Out<E>,
    ) -> io::Result<()>
    where
        E: FnMut(&str) -> io::Result<()>,
    {
        let n = level as usize;
        let (base, marker) = match n {
            1 => (Style::H1.with(Style::BOLD), None),
            2 => (Style::H2.with(Style::BOLD), None),
            n => (Style::H3.with(Style::BOLD), Some("#".repeat(n) + " ")),
        };
        let mut wrap = match &marker {
            Some(m) => Wrap::new(
                &joined(&self.none, &pre(m, Style::DIM)),
                &joined(&self.none, &pre(&" ".repeat(m.len()), Style::PLAIN)),
                base,
                self.width,
            ),
            None => Wrap::new(&self.none, &self.none, base, self.width),
        };
        wrap.track_widest = n <= 2;
        let mut inl = Inlines::default();
        inl.until(
            ev,
            TagEnd::Heading(level),
            &mut Wrapping {
                wrap: &mut wrap,
                out,
            },
        )?;
        let widest = wrap.finish(out)?;
        if n <= 2 {
            let mut p = fit_prefix(&self.none, self.width);
            let cols = widest.min(self.width - p.width()).max(1);
            let (ch, st) = if n == 1 {
                ("═", Style::H1)
            } else {
                ("─", Style::H2)
            };
            p.push(&ch.repeat(cols), st);
            out.line(&p)?;
        }
        Ok(())
    }

    fn rule<E>(&mut self, out: &mut Out<E>) -> io::Result<()>
    where
        E: FnMut(&str) -> io::Result<()>,
    {
        let mut p = fit_prefix(&self.none, self.width);
        let n = self.width - p.width();
        p.push(&"─".repeat(n), Style::DIM);
        out.line(&p)
    }

    /// A code block: its text split into lines, tabs expanded, indented by two.
    fn code<E>(&mut self, ev: &mut Events<'_>, out: &mut Out<E>) -> io::Result<()>
    where
        E: FnMut(&str) -> io::Result<()>,
    {
        let indent = pre("  ", Style::PLAIN);
        let mut pf = Preformatted::new(
            &joined(&self.none, &indent),
            &joined(&self.none, &indent),
            Style::CODE_BLOCK,
            self.width,
        );
        self.text.clear();
        for (e, _) in ev.by_ref() {
            match e {
                Event::End(TagEnd::CodeBlock) => break,
                Event::Text(t) | Event::Html(t) | Event::Code(t) => {
                    let mut rest: &str = &t;
                    while let Some(nl) = rest.find('\n') {
                        self.text.push_str(&rest[..nl]);
                        pf.code_line(&mut self.text, &mut self.scratch, out)?;
                        rest = &rest[nl + 1..];
                    }
                    self.text.push_str(rest);
                }
                _ => {}
            }
        }
        // The text's last line break ends its last line; text after it is one more.
        if !self.text.is_empty() {
            pf.code_line(&mut self.text, &mut self.scratch, out)?;
        }
        pf.finish(&mut self.scratch, out)
    }

    fn html<E>(&mut self, ev: &mut Events<'_>, out: &mut Out<E>) -> io::Result<()>
    where
        E: FnMut(&str) -> io::Result<()>,
    {
        let mut pf = Preformatted::new(&self.none, &self.none, Style::HTML, self.width);
        self.text.clear();
        let mut lines = 0usize;
        for (e, _) in ev.by_ref() {
            match e {
                Event::End(TagEnd::HtmlBlock) => break,
                Event::Html(t) | Event::Text(t) => {
                    let mut rest: &str = &t;
                    while let Some(nl) = rest.find('\n') {
                        self.text.push_str(&rest[..nl]);
                        pf.html_line(&mut self.text, &mut self.scratch, out)?;
                        lines += 1;
                        rest = &rest[nl + 1..];
                    }
                    self.text.push_str(rest);
                }
                _ => {}
            }
        }
        // `model::split_lines`: even an empty block is one (empty) line.
        if !self.text.is_empty() || lines == 0 {
            pf.html_line(&mut self.text, &mut self.scratch, out)?;
        }
        pf.finish(&mut self.scratch, out)
    }

    /// Raw HTML met outside an HTML block: its lines, as literal text.
    fn preformatted_text<E>(&mut self, text: &str, style: Style, out: &mut Out<E>) -> io::Result<()>
    where
        E: FnMut(&str) -> io::Result<()>,
    {
        let mut pf = Preformatted::new(&self.none, &self.none, style, self.width);
        let t = text.strip_suffix('\n').unwrap_or(text);
        for l in t.split('\n') {
            self.text.clear();
            self.text.push_str(l);
            pf.html_line(&mut self.text, &mut self.scratch, out)?;
        }
        pf.finish(&mut self.scratch, out)
    }
}
