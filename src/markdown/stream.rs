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
//! model and laid out on their own, then dropped. The test `tests/show_stream.rs`
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
use super::text::{char_width, is_clean, push_expanded_sanitized, push_sanitized, str_width};

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

/// Pieces laid out ahead of the writer by a helper thread: each of the two claims the
/// first free piece from the one being written to `WINDOW` past it, so memory stays a
/// few pieces of output. The writer never depends on the helper: while the helper is
/// on the piece to write next, the writer lays out a later one; with none left, it
/// waits only as long as its own last piece took, then lays the piece out itself. On
/// an idle second core a note takes about half the time; on a busy one, about what
/// one thread takes.
struct Ahead {
    state: std::sync::Mutex<Shared>,
    changed: std::sync::Condvar,
}

const WINDOW: usize = 2;

#[derive(Clone, Copy, PartialEq)]
enum Claim {
    Free,
    Helper,
    Writer,
    Done,
}

struct Shared {
    claims: Vec<Claim>,
    results: Vec<Option<(String, Prev)>>,
    /// The piece being written.
    writing: usize,
    stop: bool,
}

impl Ahead {
    fn new(n: usize) -> Ahead {
        Ahead {
            state: std::sync::Mutex::new(Shared {
                claims: vec![Claim::Free; n],
                results: (0..n).map(|_| None).collect(),
                writing: 0,
                stop: false,
            }),
            changed: std::sync::Condvar::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Shared> {
        // Nothing in `Shared` is left half-changed by a panic: use it as it is.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn stop(&self) {
        self.lock().stop = true;
        self.changed.notify_all();
    }

    /// The helper: claims the first free piece in the window, lays it out, leaves the
    /// result; waits when the window is full.
    fn help(&self, texts: &[&str], width: usize, ansi: bool) {
        let mut st = self.lock();
        loop {
            if st.stop || st.writing + 1 >= texts.len() {
                return;
            }
            let from = st.writing + 1;
            let to = (from + WINDOW).min(texts.len());
            let Some(i) = (from..to).find(|&i| st.claims[i] == Claim::Free) else {
                st = self
                    .changed
                    .wait_timeout(st, std::time::Duration::from_millis(5))
                    .map_or_else(|e| e.into_inner().0, |r| r.0);
                continue;
            };
            st.claims[i] = Claim::Helper;
            drop(st);
            let laid_out = render_piece(texts[i], width, ansi);
            st = self.lock();
            if st.claims[i] == Claim::Helper {
                st.claims[i] = Claim::Done;
                st.results[i] = Some(laid_out);
            }
            self.changed.notify_all();
        }
    }

    fn write_in_order<E>(&self, texts: &[&str], width: usize, out: &mut Out<E>) -> io::Result<()>
    where
        E: FnMut(&str) -> io::Result<()>,
    {
        let mut prev = Prev::Nothing;
        let ansi = out.ansi;
        let patience = std::cell::Cell::new(std::time::Duration::from_millis(1));
        let lay_out = |i: usize| {
            let began = std::time::Instant::now();
            let r = render_piece(texts[i], width, ansi);
            patience.set(began.elapsed());
            r
        };
        let mut i = 0;
        while i < texts.len() {
            let mut st = self.lock();
            st.writing = i;
            self.changed.notify_all();
            let (laid, last) = match st.claims[i] {
                Claim::Done => match st.results[i].take() {
                    Some(r) => r,
                    // A piece is done once; should it be missing, lay it out again.
                    None => {
                        drop(st);
                        lay_out(i)
                    }
                },
                Claim::Helper => {
                    // The helper is on it: lay out the next free piece meanwhile.
                    let to = (i + 1 + WINDOW).min(texts.len());
                    if let Some(j) = (i + 1..to).find(|&j| st.claims[j] == Claim::Free) {
                        st.claims[j] = Claim::Writer;
                        drop(st);
                        let r = lay_out(j);
                        let mut st = self.lock();
                        st.claims[j] = Claim::Done;
                        st.results[j] = Some(r);
                        continue;
                    }
                    let waited = self
                        .changed
                        .wait_timeout_while(st, patience.get(), |s| s.claims[i] == Claim::Helper);
                    let mut st = waited.map_or_else(|e| e.into_inner().0, |r| r.0);
                    if st.claims[i] == Claim::Done {
                        continue;
                    }
                    // A helper that does not get the processor is not waited for.
                    st.claims[i] = Claim::Writer;
                    drop(st);
                    lay_out(i)
                }
                Claim::Free | Claim::Writer => {
                    st.claims[i] = Claim::Writer;
                    drop(st);
                    lay_out(i)
                }
            };
            i += 1;
            if last == Prev::Nothing {
                continue; // no block in this piece: nothing written, nothing changes
            }
            // Laid out alone, its first block had no block above it.
            if prev == Prev::Block {
                out.line(&Line::default())?;
            }
            out.text(&laid)?;
            prev = last;
        }
        Ok(())
    }
}

struct StopOnDrop<'x>(&'x Ahead);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.stop();
    }
}

/// One piece laid out on its own: its text, and what its last block was.
fn render_piece(src: &str, width: usize, ansi: bool) -> (String, Prev) {
    let mut text = String::with_capacity(src.len() + src.len() / 4);
    let mut out = Out {
        ansi,
        buf: String::new(),
        emit: |s: &str| {
            text.push_str(s);
            Ok(())
        },
    };
    let mut top = TopLevel::new(width);
    // Writing to a string cannot fail.
    let _ = top.run_text(src, &mut out).and_then(|()| out.flush());
    drop(out);
    (text, top.prev)
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

/// A table at the top level: its cells read into one buffer (borrowing nothing, but
/// reused from table to table), then `Writer::table` of the layout when the columns
/// fit; a table that does not fit (records, pairs) goes to the model's layout.
#[derive(Default)]
struct Table {
    /// The text of every cell, and its pieces: (end in `text`, style).
    text: String,
    pieces: Vec<(usize, Style)>,
    /// Each cell's range of pieces; each row's range of cells.
    cells: Vec<(usize, usize)>,
    rows: Vec<(usize, usize)>,
    plain: String,
    lines: Vec<Vec<Line>>,
}

/// A cell's inline text, kept.
struct Keep<'x> {
    text: &'x mut String,
    pieces: &'x mut Vec<(usize, Style)>,
}

impl TextSink for Keep<'_> {
    fn text(&mut self, text: &str, style: Style) -> io::Result<()> {
        self.text.push_str(text);
        self.pieces.push((self.text.len(), style));
        Ok(())
    }
}

impl Table {
    /// `model::parse_block` for `Tag::Table`: rows end at the head's and each row's
    /// end tag, cells are inline text.
    fn read<'a>(&mut self, ev: &mut Events<'a>) -> io::Result<()> {
        self.text.clear();
        self.pieces.clear();
        self.cells.clear();
        self.rows.clear();
        let mut row_start = 0;
        while let Some((e, _)) = ev.next() {
            match e {
                Event::Start(Tag::TableCell) => {
                    let start = self.pieces.len();
                    let mut inl = Inlines::default();
                    inl.until(
                        ev,
                        TagEnd::TableCell,
                        &mut Keep {
                            text: &mut self.text,
                            pieces: &mut self.pieces,
                        },
                    )?;
                    self.cells.push((start, self.pieces.len()));
                }
                Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                    self.rows.push((row_start, self.cells.len()));
                    row_start = self.cells.len();
                }
                Event::End(TagEnd::Table) => break,
                _ => {}
            }
        }
        if self.cells.len() > row_start {
            self.rows.push((row_start, self.cells.len()));
        }
        Ok(())
    }

    /// The styled pieces of cell `c`.
    fn cell(&self, c: usize) -> impl Iterator<Item = (&str, Style)> {
        let (from, to) = self.cells[c];
        let mut start = if from == 0 {
            0
        } else {
            self.pieces[from - 1].0
        };
        self.pieces[from..to].iter().map(move |&(end, style)| {
            let s = &self.text[start..end];
            start = end;
            (s, style)
        })
    }

    fn write<O: LineSink>(
        &mut self,
        aligns: Vec<pulldown_cmark::Alignment>,
        width: usize,
        out: &mut O,
    ) -> io::Result<()> {
        let aligns: Vec<Align> = aligns
            .into_iter()
            .map(|a| match a {
                pulldown_cmark::Alignment::Center => Align::Center,
                pulldown_cmark::Alignment::Right => Align::Right,
                pulldown_cmark::Alignment::Left | pulldown_cmark::Alignment::None => Align::Left,
            })
            .collect();
        let n = self.rows.iter().map(|r| r.1 - r.0).max().unwrap_or(0);
        if n == 0 {
            return Ok(());
        }
        // At the top level the prefixes are empty: all the width is the table's.
        let avail = width;
        let overhead = 3 * (n - 1);
        let mut natural = vec![1usize; n];
        let mut longest = vec![1usize; n];
        let mut plain = std::mem::take(&mut self.plain);
        for &(from, to) in &self.rows {
            for (j, c) in (from..to).enumerate() {
                plain.clear();
                for (t, _) in self.cell(c) {
                    plain.extend(t.chars().map(|ch| if ch == '\n' { ' ' } else { ch }));
                }
                natural[j] = natural[j].max(text_width(plain.trim()));
                let word = plain.split_whitespace().map(str_width).max().unwrap_or(0);
                longest[j] = longest[j].max(word.min(MAX_UNBROKEN_WORD));
            }
        }
        self.plain = plain;
        let min_total: usize = longest.iter().sum();
        if avail < overhead + min_total {
            return self.write_by_model(aligns, width, out);
        }
        let extra_need: Vec<usize> = natural
            .iter()
            .zip(&longest)
            .map(|(n, l)| n.saturating_sub(*l))
            .collect();
        let extra = fit_columns(&extra_need, avail - overhead - min_total);
        let widths: Vec<usize> = longest.iter().zip(&extra).map(|(l, e)| l + e).collect();
        let mut lines = std::mem::take(&mut self.lines);
        lines.resize_with(n, Vec::new);
        let empty = Line::default();
        let mut line = Line::default();
        for (ri, &(from, to)) in self.rows.iter().enumerate() {
            let style = if ri == 0 {
                Style::TABLE_HEAD.with(Style::BOLD)
            } else {
                Style::PLAIN
            };
            for (j, cell_lines) in lines.iter_mut().enumerate().take(n) {
                cell_lines.clear();
                if from + j < to {
                    let mut wrap = Wrap::new(&empty, &empty, style, widths[j]);
                    for (t, st) in self.cell(from + j) {
                        wrap.feed(t, st, cell_lines)?;
                    }
                    wrap.finish(cell_lines)?;
                } else {
                    cell_lines.push(Line::default());
                }
            }
            let height = lines.iter().take(n).map(Vec::len).max().unwrap_or(1);
            for k in 0..height {
                line.text.clear();
                line.runs.clear();
                for j in 0..n {
                    if j > 0 {
                        line.push(" │ ", Style::DIM);
                    }
                    let cell_line = lines[j].get(k).unwrap_or(&empty);
                    let pad = widths[j].saturating_sub(cell_line.width());
                    let (left, right) = match aligns.get(j).copied().unwrap_or(Align::Left) {
                        Align::Left => (0, pad),
                        Align::Right => (pad, 0),
                        Align::Center => (pad / 2, pad - pad / 2),
                    };
                    push_spaces(&mut line, left);
                    line.append(cell_line);
                    push_spaces(&mut line, right);
                }
                out.line(&line)?;
            }
            if ri == 0 && self.rows.len() > 1 {
                line.text.clear();
                line.runs.clear();
                for (j, w) in widths.iter().enumerate() {
                    let mut sep = String::with_capacity(w * 3 + 8);
                    if j > 0 {
                        sep.push_str("─┼─");
                    }
                    sep.extend(std::iter::repeat_n('─', *w));
                    line.push(&sep, Style::DIM);
                }
                out.line(&line)?;
            }
        }
        self.lines = lines;
        Ok(())
    }

    /// A table too wide for its columns: the model's cells, laid out by the model.
    fn write_by_model<O: LineSink>(
        &self,
        aligns: Vec<Align>,
        width: usize,
        out: &mut O,
    ) -> io::Result<()> {
        let mut rows = Vec::with_capacity(self.rows.len());
        for &(from, to) in &self.rows {
            let mut row = Vec::with_capacity(to - from);
            for c in from..to {
                let mut cell: Vec<Inline> = Vec::new();
                for (t, style) in self.cell(c) {
                    match cell.last_mut() {
                        Some(last) if last.style == style && style != Style::MARKER => {
                            last.text.push_str(t)
                        }
                        _ => cell.push(Inline {
                            text: t.to_string(),
                            style,
                        }),
                    }
                }
                row.push(cell);
            }
            rows.push(row);
        }
        let doc = Document {
            blocks: vec![Block::Table {
                aligns,
                rows,
                line: 1,
            }],
            ..Document::default()
        };
        for line in &layout(&doc, width).lines {
            out.line(line)?;
        }
        Ok(())
    }
}

/// Table padding, in the unstyled spaces `Writer::table` pads with.
fn push_spaces(line: &mut Line, n: usize) {
    const SPACES: &str = "                                                                ";
    if n <= SPACES.len() {
        line.push(&SPACES[..n], Style::PLAIN);
    } else {
        line.push(&" ".repeat(n), Style::PLAIN);
    }
}

/// `Writer::preformatted` of the layout, one source line at a time.
struct Preformatted {
    first: Line,
    rest: Line,
    style: Style,
    width: usize,
    /// Lines written so far.
    n: usize,
    /// The sanitized line being cut.
    clean: String,
}

impl Preformatted {
    fn new(first: &Line, rest: &Line, style: Style, width: usize) -> Self {
        Preformatted {
            first: fit_prefix(first, width),
            rest: fit_prefix(rest, width),
            style,
            width,
            n: 0,
            clean: String::new(),
        }
    }

    /// A line of code (without its line break): `\r` dropped, tabs expanded.
    fn code_line<E>(
        &mut self,
        raw: &mut String,
        scratch: &mut Line,
        out: &mut Out<E>,
    ) -> io::Result<()>
    where
        E: FnMut(&str) -> io::Result<()>,
    {
        let l = raw.strip_suffix('\r').unwrap_or(raw);
        self.clean.clear();
        push_expanded_sanitized(&mut self.clean, l);
        raw.clear();
        self.cut(scratch, out)
    }

    /// A line of HTML: `\r` dropped, controls escaped.
    fn html_line<E>(
        &mut self,
        raw: &mut String,
        scratch: &mut Line,
        out: &mut Out<E>,
    ) -> io::Result<()>
    where
        E: FnMut(&str) -> io::Result<()>,
    {
        let l = raw.strip_suffix('\r').unwrap_or(raw);
        self.clean.clear();
        if is_clean(l) {
            self.clean.push_str(l);
        } else {
            for c in l.chars() {
                push_sanitized(&mut self.clean, c);
            }
        }
        raw.clear();
        self.cut(scratch, out)
    }

    /// `layout::hard_wrap` of `self.clean`, each piece written under its prefix.
    fn cut<E>(&mut self, scratch: &mut Line, out: &mut Out<E>) -> io::Result<()>
    where
        E: FnMut(&str) -> io::Result<()>,
    {
        let prefix_w = if self.n == 0 {
            self.first.width()
        } else {
            self.rest.width()
        };
        let avail = (self.width - prefix_w).max(1);
        let text = std::mem::take(&mut self.clean);
        let result = self.cut_text(&text, avail, scratch, out);
        self.clean = text;
        result
    }

    fn cut_text<E>(
        &mut self,
        text: &str,
        avail: usize,
        scratch: &mut Line,
        out: &mut Out<E>,
    ) -> io::Result<()>
    where
        E: FnMut(&str) -> io::Result<()>,
    {
        if text.is_ascii() {
            if text.len() <= avail {
                return self.piece(text, scratch, out);
            }
            for c in text.as_bytes().chunks(avail) {
                self.piece(std::str::from_utf8(c).unwrap_or(""), scratch, out)?;
            }
            return Ok(());
        }
        let (mut start, mut w) = (0, 0);
        for (i, c) in text.char_indices() {
            let cw = char_width(c);
            if w + cw > avail && w > 0 {
                self.piece(&text[start..i], scratch, out)?;
                start = i;
                w = 0;
            }
            w += cw;
        }
        self.piece(&text[start..], scratch, out)
    }

    fn piece<E>(&mut self, piece: &str, scratch: &mut Line, out: &mut Out<E>) -> io::Result<()>
    where
        E: FnMut(&str) -> io::Result<()>,
    {
        scratch.text.clear();
        scratch.runs.clear();
        scratch.append(if self.n == 0 { &self.first } else { &self.rest });
        scratch.push(piece, self.style);
        self.n += 1;
        out.line(scratch)
    }

    /// An empty block still shows one line: its prefix.
    fn finish<E>(&mut self, scratch: &mut Line, out: &mut Out<E>) -> io::Result<()>
    where
        E: FnMut(&str) -> io::Result<()>,
    {
        if self.n == 0 {
            scratch.text.clear();
            scratch.runs.clear();
            scratch.append(&self.first);
            out.line(scratch)?;
        }
        Ok(())
    }
}

/// `model::InlineState` for a stream: the same styles, link and image text, and
/// escaping, but each piece of text goes straight to the wrapper, borrowed when it
/// needs no escaping. The model's list of inlines is kept only as what decides a
/// link's text: how many inlines there are and the style of the last one (text of
/// the same style joins it).
#[derive(Default)]
struct Inlines<'a> {
    stack: Vec<Style>,
    /// Open links and images: destination, index of their first inline, and the text
    /// of the inlines from there on (only a link's is used).
    links: Vec<(CowStr<'a>, usize, String)>,
    /// Inlines the model would hold so far, and the style of the last.
    count: usize,
    last: Option<Style>,
    clean: String,
}

impl<'a> Inlines<'a> {
    /// A new `InlineState`, as the model makes for each run of loose inline events;
    /// the inlines already gathered stay.
    fn fresh(&mut self) {
        self.stack.clear();
        self.links.clear();
    }

    fn current(&self) -> Style {
        self.stack.iter().fold(Style::PLAIN, |a, s| a.with(*s))
    }

    /// `model::push_merged`, followed by wrapping.
    fn push<S: TextSink>(&mut self, text: &str, style: Style, sink: &mut S) -> io::Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        let merges = self.last == Some(style) && style != Style::MARKER;
        let index = if merges { self.count - 1 } else { self.count };
        if !merges {
            self.count += 1;
        }
        self.last = Some(style);
        self.note_link_text(index, text);
        sink.text(text, style)
    }

    fn note_link_text(&mut self, index: usize, text: &str) {
        for (_, first, t) in &mut self.links {
            if index >= *first {
                t.push_str(text);
            }
        }
    }

    /// A task-list marker: an inline of its own that nothing joins.
    fn push_marker<S: TextSink>(&mut self, text: &str, sink: &mut S) -> io::Result<()> {
        let index = self.count;
        self.count += 1;
        self.last = Some(Style::MARKER);
        self.note_link_text(index, text);
        sink.text(text, Style::MARKER)
    }

    fn push_text<S: TextSink>(&mut self, text: &str, extra: Style, sink: &mut S) -> io::Result<()> {
        let style = self.current().with(extra);
        if is_clean(text) {
            return self.push(text, style, sink);
        }
        let mut clean = std::mem::take(&mut self.clean);
        clean.clear();
        for c in text.chars() {
            if c == '\n' {
                clean.push(' ');
            } else {
                push_sanitized(&mut clean, c);
            }
        }
        let result = self.push(&clean, style, sink);
        self.clean = clean;
        result
    }

    fn start<S: TextSink>(&mut self, tag: Tag<'a>, sink: &mut S) -> io::Result<()> {
        match tag {
            Tag::Emphasis => self.stack.push(Style::ITALIC),
            Tag::Strong => self.stack.push(Style::BOLD),
            Tag::Strikethrough => self.stack.push(Style::STRIKE),
            Tag::Link { dest_url, .. } => {
                self.links.push((dest_url, self.count, String::new()));
                self.stack.push(Style::LINK);
            }
            Tag::Image { dest_url, .. } => {
                self.links.push((dest_url, self.count, String::new()));
                self.push("[image: ", Style::DIM, sink)?;
                self.stack.push(Style::ITALIC);
            }
            _ => self.stack.push(Style::PLAIN),
        }
        Ok(())
    }

    fn end<S: TextSink>(&mut self, end: TagEnd, sink: &mut S) -> io::Result<()> {
        self.stack.pop();
        match end {
            TagEnd::Link => {
                if let Some((url, _, text)) = self.links.pop() {
                    let show = !url.is_empty()
                        && text.trim() != &*url
                        && text.trim() != url.trim_start_matches("mailto:");
                    if show {
                        self.push_url(&url, sink)?;
                    }
                }
            }
            TagEnd::Image => {
                if let Some((url, _, _)) = self.links.pop() {
                    if !url.is_empty() {
                        self.push_url(&url, sink)?;
                    }
                    self.push("]", Style::DIM, sink)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// ` <url>`, escaped, as one piece of text.
    fn push_url<S: TextSink>(&mut self, url: &str, sink: &mut S) -> io::Result<()> {
        let mut s = String::with_capacity(url.len() + 3);
        s.push_str(" <");
        for c in url.chars() {
            push_sanitized(&mut s, c);
        }
        s.push('>');
        self.push(&s, Style::URL, sink)
    }

    fn event<S: TextSink>(&mut self, e: Event<'a>, sink: &mut S) -> io::Result<()> {
        match e {
            Event::Text(t) => self.push_text(&t, Style::PLAIN, sink),
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.push_text(&t, Style::CODE, sink)
            }
            Event::InlineHtml(t) | Event::Html(t) => self.push_text(&t, Style::HTML, sink),
            Event::FootnoteReference(l) => self.push_text(&format!("[^{l}]"), Style::LINK, sink),
            Event::SoftBreak => self.push_text(" ", Style::PLAIN, sink),
            Event::HardBreak => self.push("\n", self.current(), sink),
            Event::TaskListMarker(done) => self.push_marker(if done { "[x]" } else { "[ ]" }, sink),
            Event::Rule => self.push("\n", Style::PLAIN, sink),
            Event::Start(tag) => self.start(tag, sink),
            Event::End(end) => self.end(end, sink),
        }
    }

    /// `model::collect_inline_until`: events up to the end tag `end` at depth zero.
    fn until<S: TextSink>(
        &mut self,
        ev: &mut Events<'a>,
        end: TagEnd,
        sink: &mut S,
    ) -> io::Result<()> {
        let mut depth = 0usize;
        for (e, _) in ev.by_ref() {
            match &e {
                Event::Start(_) => depth += 1,
                Event::End(x) if *x == end && depth == 0 => {
                    return self.event(e, sink);
                }
                Event::End(_) => depth = depth.saturating_sub(1),
                _ => {}
            }
            self.event(e, sink)?;
        }
        Ok(())
    }
}

/// `layout::wrap` for a stream of styled text: the same greedy fill, with a word
/// held back only until its end is seen (it may span several pieces of text).
struct Wrap {
    first: Line,
    rest: Line,
    base: Style,
    avail_first: usize,
    avail_rest: usize,
    /// The line being filled (prefix included), its text width, lines written.
    cur: Line,
    cur_w: usize,
    lines: usize,
    /// The style of a space owed before the next word on this line.
    pending: Option<Style>,
    /// The word being read: text and style runs, and its width.
    word: Line,
    word_w: usize,
    /// Write a blank line before the first line.
    blank_first: bool,
    /// Measure the widest line (a heading's underline).
    track_widest: bool,
    widest: usize,
}

impl Wrap {
    fn new(first: &Line, rest: &Line, base: Style, width: usize) -> Wrap {
        let first = fit_prefix(first, width);
        let rest = fit_prefix(rest, width);
        let avail_first = width.saturating_sub(first.width()).max(1);
        let avail_rest = width.saturating_sub(rest.width()).max(1);
        let mut cur = Line {
            text: String::with_capacity(first.text.len().max(rest.text.len()) + width + 8),
            runs: Vec::with_capacity(8),
            src: 0,
        };
        cur.append(&first);
        Wrap {
            first,
            rest,
            base,
            avail_first,
            avail_rest,
            cur,
            cur_w: 0,
            lines: 0,
            pending: None,
            word: Line::default(),
            word_w: 0,
            blank_first: false,
            track_widest: false,
            widest: 0,
        }
    }

    fn avail(&self) -> usize {
        if self.lines == 0 {
            self.avail_first
        } else {
            self.avail_rest
        }
    }

    /// Reads a piece of text: words, the spaces between them, hard breaks.
    fn feed<O: LineSink>(&mut self, text: &str, style: Style, out: &mut O) -> io::Result<()> {
        let style = style.with(self.base);
        let mut rest = text;
        while let Some(i) = rest.bytes().position(|b| b == b' ' || b == b'\n') {
            let part = &rest[..i];
            if !part.is_empty() {
                if self.word.text.is_empty() {
                    // A whole word in this piece: placed without a copy.
                    let w = text_width(part);
                    self.place(&[(part, style)], w, out)?;
                } else {
                    self.word_w += text_width(part);
                    self.word.push(part, style);
                    self.end_word(out)?;
                }
            } else {
                self.end_word(out)?;
            }
            if rest.as_bytes()[i] == b'\n' {
                self.break_line(out)?;
            } else if self.cur_w > 0 {
                self.pending = Some(style);
            }
            rest = &rest[i + 1..];
        }
        if !rest.is_empty() {
            self.word_w += text_width(rest);
            self.word.push(rest, style);
        }
        Ok(())
    }

    fn end_word<O: LineSink>(&mut self, out: &mut O) -> io::Result<()> {
        if self.word.text.is_empty() {
            return Ok(());
        }
        let word = std::mem::take(&mut self.word);
        let w = std::mem::replace(&mut self.word_w, 0);
        let parts: Vec<(&str, Style)> = word.spans().collect();
        let result = self.place(&parts, w, out);
        drop(parts);
        self.word = word;
        self.word.text.clear();
        self.word.runs.clear();
        result
    }

    fn break_line<O: LineSink>(&mut self, out: &mut O) -> io::Result<()> {
        self.next_line(out)?;
        self.pending = None;
        Ok(())
    }

    /// Writes the current line and starts the next under the `rest` prefix.
    fn next_line<O: LineSink>(&mut self, out: &mut O) -> io::Result<()> {
        self.write_current(out)?;
        self.cur.text.clear();
        self.cur.runs.clear();
        self.cur.append(&self.rest);
        self.cur_w = 0;
        Ok(())
    }

    fn write_current<O: LineSink>(&mut self, out: &mut O) -> io::Result<()> {
        if self.blank_first {
            self.blank_first = false;
            out.line(&Line::default())?;
        }
        if self.track_widest {
            let prefix = if self.lines == 0 {
                self.first.width()
            } else {
                self.rest.width()
            };
            self.widest = self.widest.max(self.cur.width() - prefix);
        }
        self.lines += 1;
        out.line(&self.cur)
    }

    /// Places one word of width `w` made of styled parts.
    fn place<O: LineSink>(
        &mut self,
        parts: &[(&str, Style)],
        w: usize,
        out: &mut O,
    ) -> io::Result<()> {
        let gap = usize::from(self.pending.is_some());
        if self.cur_w > 0 && self.cur_w + gap + w <= self.avail() {
            if let Some(st) = self.pending.take() {
                self.cur.push(" ", st);
                self.cur_w += 1;
            }
            for (t, st) in parts {
                self.cur.push(t, *st);
            }
            self.cur_w += w;
            return Ok(());
        }
        self.pending = None;
        if self.cur_w > 0 {
            self.next_line(out)?;
        }
        if w <= self.avail() {
            for (t, st) in parts {
                self.cur.push(t, *st);
            }
            self.cur_w = w;
            return Ok(());
        }
        // A word longer than the line: broken by display width.
        for (text, st) in parts {
            let (mut piece_start, mut piece_w) = (0, 0);
            for (i, c) in text.char_indices() {
                let cw = char_width(c);
                if self.cur_w + piece_w + cw > self.avail() && self.cur_w + piece_w > 0 {
                    self.cur.push(&text[piece_start..i], *st);
                    self.next_line(out)?;
                    piece_start = i;
                    piece_w = 0;
                }
                piece_w += cw;
            }
            self.cur_w += piece_w;
            self.cur.push(&text[piece_start..], *st);
        }
        Ok(())
    }

    /// Ends the paragraph; returns its widest line's text width (when tracked).
    fn finish<O: LineSink>(&mut self, out: &mut O) -> io::Result<usize> {
        self.end_word(out)?;
        if self.cur_w > 0 || self.lines == 0 {
            self.write_current(out)?;
        }
        Ok(self.widest)
    }
}
