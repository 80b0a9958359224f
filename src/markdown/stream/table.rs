//! Tables at the top level, from their events.
use std::io;

use super::*;

/// A table at the top level: its cells read into one buffer (borrowing nothing, but
/// reused from table to table), then `Writer::table` of the layout when the columns
/// fit; a table that does not fit (records, pairs) goes to the model's layout.
#[derive(Default)]
pub(super) struct Table {
    /// The text of every cell, and its pieces: (end in `text`, style).
    pub(super) text: String,
    pub(super) pieces: Vec<(usize, Style)>,
    /// Each cell's range of pieces; each row's range of cells.
    pub(super) cells: Vec<(usize, usize)>,
    pub(super) rows: Vec<(usize, usize)>,
    pub(super) plain: String,
    pub(super) lines: Vec<Vec<Line>>,
}

/// A cell's inline text, kept.
pub(super) struct Keep<'x> {
    pub(super) text: &'x mut String,
    pub(super) pieces: &'x mut Vec<(usize, Style)>,
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
    pub(super) fn read<'a>(&mut self, ev: &mut Events<'a>) -> io::Result<()> {
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
    pub(super) fn cell(&self, c: usize) -> impl Iterator<Item = (&str, Style)> {
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

    pub(super) fn write<O: LineSink>(
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
                crate::markdown::layout::push_table_row(
                    &mut line,
                    &lines[..n],
                    k,
                    &widths,
                    &aligns,
                );
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
    pub(super) fn write_by_model<O: LineSink>(
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
