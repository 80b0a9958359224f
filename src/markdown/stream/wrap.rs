//! The greedy wrap of styled text.
use std::io;

use super::*;

/// `layout::wrap` for a stream of styled text: the same greedy fill, with a word
/// held back only until its end is seen (it may span several pieces of text).
pub(super) struct Wrap {
    pub(super) first: Line,
    pub(super) rest: Line,
    pub(super) base: Style,
    pub(super) avail_first: usize,
    pub(super) avail_rest: usize,
    /// The line being filled (prefix included), its text width, lines written.
    pub(super) cur: Line,
    pub(super) cur_w: usize,
    pub(super) lines: usize,
    /// The style of a space owed before the next word on this line.
    pub(super) pending: Option<Style>,
    /// The word being read: text and style runs, and its width.
    pub(super) word: Line,
    pub(super) word_w: usize,
    /// Write a blank line before the first line.
    pub(super) blank_first: bool,
    /// Measure the widest line (a heading's underline).
    pub(super) track_widest: bool,
    pub(super) widest: usize,
}

impl Wrap {
    pub(super) fn new(first: &Line, rest: &Line, base: Style, width: usize) -> Wrap {
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

    pub(super) fn avail(&self) -> usize {
        if self.lines == 0 {
            self.avail_first
        } else {
            self.avail_rest
        }
    }

    /// Reads a piece of text: words, the spaces between them, hard breaks.
    pub(super) fn feed<O: LineSink>(
        &mut self,
        text: &str,
        style: Style,
        out: &mut O,
    ) -> io::Result<()> {
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

    pub(super) fn end_word<O: LineSink>(&mut self, out: &mut O) -> io::Result<()> {
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

    pub(super) fn break_line<O: LineSink>(&mut self, out: &mut O) -> io::Result<()> {
        self.next_line(out)?;
        self.pending = None;
        Ok(())
    }

    /// Writes the current line and starts the next under the `rest` prefix.
    pub(super) fn next_line<O: LineSink>(&mut self, out: &mut O) -> io::Result<()> {
        self.write_current(out)?;
        self.cur.text.clear();
        self.cur.runs.clear();
        self.cur.append(&self.rest);
        self.cur_w = 0;
        Ok(())
    }

    pub(super) fn write_current<O: LineSink>(&mut self, out: &mut O) -> io::Result<()> {
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
    pub(super) fn place<O: LineSink>(
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
    pub(super) fn finish<O: LineSink>(&mut self, out: &mut O) -> io::Result<usize> {
        self.end_word(out)?;
        if self.cur_w > 0 || self.lines == 0 {
            self.write_current(out)?;
        }
        Ok(self.widest)
    }
}
