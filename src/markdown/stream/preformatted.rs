//! Code and HTML lines, cut to the width.
use std::io;

use super::*;

/// `Writer::preformatted` of the layout, one source line at a time.
pub(super) struct Preformatted {
    pub(super) first: Line,
    pub(super) rest: Line,
    pub(super) style: Style,
    pub(super) width: usize,
    /// Lines written so far.
    pub(super) n: usize,
    /// The sanitized line being cut.
    pub(super) clean: String,
}

impl Preformatted {
    pub(super) fn new(first: &Line, rest: &Line, style: Style, width: usize) -> Self {
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
    pub(super) fn code_line<E>(
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
    pub(super) fn html_line<E>(
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
    pub(super) fn cut<E>(&mut self, scratch: &mut Line, out: &mut Out<E>) -> io::Result<()>
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

    pub(super) fn cut_text<E>(
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

    pub(super) fn piece<E>(
        &mut self,
        piece: &str,
        scratch: &mut Line,
        out: &mut Out<E>,
    ) -> io::Result<()>
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
    pub(super) fn finish<E>(&mut self, scratch: &mut Line, out: &mut Out<E>) -> io::Result<()>
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
