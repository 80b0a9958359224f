//! Lays a parsed document out for one width: hanging indents for lists and quotes,
//! wrapping by display width, tables that fit or fall back to records. The result
//! is a flat list of styled lines a view can window over.
use super::model::{Align, Block, Document, Inline, ListItem, Style, plain_text};
use super::text::{char_width, str_width};

/// One laid-out line: its text and the style runs over it. A run is (end byte
/// offset, style); runs cover the text in order. One string and one small vector per
/// line, so a 5 MB note lays out without a storm of tiny allocations.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Line {
    pub text: String,
    pub runs: Vec<(usize, Style)>,
    /// 1-based source line of the block this line belongs to.
    pub src: u32,
}

impl Line {
    pub fn text(&self) -> &str {
        &self.text
    }
    pub fn width(&self) -> usize {
        text_width(&self.text)
    }
    /// Appends text in a style, extending the last run when the style is the same.
    pub fn push(&mut self, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        self.text.push_str(text);
        match self.runs.last_mut() {
            Some((end, st)) if *st == style => *end = self.text.len(),
            _ => self.runs.push((self.text.len(), style)),
        }
    }
    /// Appends another line's text and runs.
    pub fn append(&mut self, other: &Line) {
        let mut start = 0;
        for &(end, st) in &other.runs {
            self.push(&other.text[start..end], st);
            start = end;
        }
    }
    /// The styled pieces of the line, in order.
    pub fn spans(&self) -> impl Iterator<Item = (&str, Style)> {
        let mut start = 0;
        self.runs.iter().map(move |&(end, st)| {
            let s = &self.text[start..end];
            start = end;
            (s, st)
        })
    }
    fn styled(text: &str, style: Style) -> Line {
        let mut l = Line::default();
        l.push(text, style);
        l
    }
}

/// A heading's position in the laid-out lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Anchor {
    pub level: u8,
    pub id: Option<String>,
    pub text: String,
    pub line: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Layout {
    pub width: usize,
    pub lines: Vec<Line>,
    pub anchors: Vec<Anchor>,
}

impl Layout {
    /// The first laid-out line of the block that contains source line `src`.
    pub fn line_for_source(&self, src: u32) -> usize {
        let p = self.lines.partition_point(|l| l.src <= src);
        if p == 0 {
            return 0;
        }
        let block_src = self.lines[p - 1].src;
        self.lines.partition_point(|l| l.src < block_src)
    }

    /// The anchor (section) that contains laid-out line `line`.
    pub fn section_at(&self, line: usize) -> Option<&Anchor> {
        self.anchors.iter().rev().find(|a| a.line <= line)
    }
}

/// Lays `doc` out at `width` columns (at least 1).
pub fn layout(doc: &Document, width: usize) -> Layout {
    let width = width.max(1);
    let mut w = Writer {
        width,
        lines: Vec::new(),
        anchors: Vec::new(),
        list_depth: 0,
    };
    let none = Line::default();
    w.blocks(&doc.blocks, &none, &none);
    Layout {
        width,
        lines: w.lines,
        anchors: w.anchors,
    }
}

/// A prefix (indent, bullet, quote bar) as a line of its own.
pub(crate) fn pre(text: &str, style: Style) -> Line {
    Line::styled(text, style)
}

pub(crate) fn joined(a: &Line, b: &Line) -> Line {
    let mut l = a.clone();
    l.append(b);
    l
}

/// Cuts a prefix so that at least `min(width, max(2, width/3))` columns remain for text.
pub(crate) fn fit_prefix(prefix: &Line, width: usize) -> Line {
    let min_avail = width.min((width / 3).max(2));
    let max_prefix = width - min_avail;
    if prefix.width() <= max_prefix {
        return prefix.clone();
    }
    let mut out = Line::default();
    let mut used = 0;
    for (piece, st) in prefix.spans() {
        for c in piece.chars() {
            let cw = char_width(c);
            if used + cw > max_prefix {
                return out;
            }
            used += cw;
            let mut b = [0u8; 4];
            out.push(c.encode_utf8(&mut b), st);
        }
    }
    out
}

fn trim_end(prefix: &Line) -> Line {
    let t = prefix.text.trim_end();
    let mut out = Line::default();
    let mut start = 0;
    for &(end, st) in &prefix.runs {
        let e = end.min(t.len());
        if e > start {
            out.push(&t[start..e], st);
        }
        start = end;
    }
    out
}

/// A word is a run of segments (one per style) in a shared list; text is borrowed
/// from the inlines, so wrapping allocates only the output lines.
enum Atom {
    Word {
        start: usize,
        end: usize,
        width: usize,
    },
    Space(Style),
    Break,
}

struct Seg<'a> {
    text: &'a str,
    style: Style,
}

pub(crate) fn text_width(s: &str) -> usize {
    if s.is_ascii() { s.len() } else { str_width(s) }
}

fn atoms<'a>(inlines: &'a [Inline], base: Style, segs: &mut Vec<Seg<'a>>) -> Vec<Atom> {
    let bytes: usize = inlines.iter().map(|i| i.text.len()).sum();
    let mut out = Vec::with_capacity(bytes / 3 + 2);
    segs.reserve(bytes / 5 + 2);
    let mut word_start = segs.len();
    let mut word_w = 0;
    let flush = |out: &mut Vec<Atom>, segs: &Vec<Seg<'a>>, start: &mut usize, w: &mut usize| {
        if segs.len() > *start {
            out.push(Atom::Word {
                start: *start,
                end: segs.len(),
                width: *w,
            });
        }
        *start = segs.len();
        *w = 0;
    };
    for inl in inlines {
        let style = inl.style.with(base);
        let text = inl.text.as_str();
        let mut run_start = 0;
        for (i, c) in text.char_indices() {
            if c == ' ' || c == '\n' {
                if i > run_start {
                    let part = &text[run_start..i];
                    word_w += text_width(part);
                    segs.push(Seg { text: part, style });
                }
                flush(&mut out, segs, &mut word_start, &mut word_w);
                out.push(if c == '\n' {
                    Atom::Break
                } else {
                    Atom::Space(style)
                });
                run_start = i + 1;
            }
        }
        if text.len() > run_start {
            let part = &text[run_start..];
            word_w += text_width(part);
            segs.push(Seg { text: part, style });
        }
    }
    flush(&mut out, segs, &mut word_start, &mut word_w);
    out
}

/// Greedy word wrap of inline text. Each output line starts as a copy of its prefix
/// (`first` for the first line, `rest` after), whose widths are already fitted.
fn wrap(
    inlines: &[Inline],
    base: Style,
    first: &Line,
    rest: &Line,
    width: usize,
    src: u32,
) -> Vec<Line> {
    let mut segs: Vec<Seg<'_>> = Vec::new();
    let atoms = atoms(inlines, base, &mut segs);
    let avail_first = width.saturating_sub(first.width()).max(1);
    let avail_rest = width.saturating_sub(rest.width()).max(1);
    // Lines are sized for a full row up front: no regrowth while words are added.
    let new_line = |n: usize| {
        let prefix = if n == 0 { first } else { rest };
        let mut l = Line {
            text: String::with_capacity(prefix.text.len() + width + 8),
            runs: Vec::with_capacity(prefix.runs.len() + 2),
            src,
        };
        l.append(prefix);
        l
    };
    let mut lines: Vec<Line> = Vec::new();
    let mut cur = new_line(0);
    let mut cur_w = 0;
    let mut pending: Option<Style> = None;
    let avail = |n: usize| if n == 0 { avail_first } else { avail_rest };
    for atom in atoms {
        match atom {
            Atom::Space(st) => {
                if cur_w > 0 {
                    pending = Some(st);
                }
            }
            Atom::Break => {
                lines.push(std::mem::replace(&mut cur, new_line(lines.len() + 1)));
                cur_w = 0;
                pending = None;
            }
            Atom::Word {
                start,
                end,
                width: w,
            } => {
                let parts = &segs[start..end];
                let gap = usize::from(pending.is_some());
                if cur_w > 0 && cur_w + gap + w <= avail(lines.len()) {
                    if let Some(st) = pending.take() {
                        cur.push(" ", st);
                        cur_w += 1;
                    }
                    for p in parts {
                        cur.push(p.text, p.style);
                    }
                    cur_w += w;
                    continue;
                }
                pending = None;
                if cur_w > 0 {
                    lines.push(std::mem::replace(&mut cur, new_line(lines.len() + 1)));
                    cur_w = 0;
                }
                if w <= avail(lines.len()) {
                    for p in parts {
                        cur.push(p.text, p.style);
                    }
                    cur_w = w;
                    continue;
                }
                // A word longer than the line: break it by display width.
                for p in parts {
                    let mut piece_start = 0;
                    let mut piece_w = 0;
                    for (i, c) in p.text.char_indices() {
                        let cw = char_width(c);
                        if cur_w + piece_w + cw > avail(lines.len()) && cur_w + piece_w > 0 {
                            cur.push(&p.text[piece_start..i], p.style);
                            lines.push(std::mem::replace(&mut cur, new_line(lines.len() + 1)));
                            cur_w = 0;
                            piece_start = i;
                            piece_w = 0;
                        }
                        piece_w += cw;
                    }
                    cur_w += piece_w;
                    cur.push(&p.text[piece_start..], p.style);
                }
            }
        }
    }
    if cur_w > 0 || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

/// Breaks a preformatted line (code, HTML) into pieces of at most `avail` columns.
fn hard_wrap(text: &str, avail: usize) -> Vec<&str> {
    let avail = avail.max(1);
    if text.is_ascii() {
        if text.len() <= avail {
            return vec![text];
        }
        return text
            .as_bytes()
            .chunks(avail)
            .map(|c| std::str::from_utf8(c).unwrap_or(""))
            .collect();
    }
    let mut out = Vec::new();
    let mut start = 0;
    let mut w = 0;
    for (i, c) in text.char_indices() {
        let cw = char_width(c);
        if w + cw > avail && w > 0 {
            out.push(&text[start..i]);
            start = i;
            w = 0;
        }
        w += cw;
    }
    out.push(&text[start..]);
    out
}

struct Writer {
    width: usize,
    lines: Vec<Line>,
    anchors: Vec<Anchor>,
    list_depth: usize,
}

impl Writer {
    /// A blank separator line; it belongs to the block above it, so a source line
    /// maps to the start of its own block, never to the gap before it.
    fn blank(&mut self, prefix: &Line, src: u32) {
        let src = self.lines.last().map_or(src, |l| l.src);
        let mut p = trim_end(&fit_prefix(prefix, self.width));
        p.src = src;
        self.lines.push(p);
    }

    fn blocks(&mut self, blocks: &[Block], first: &Line, rest: &Line) {
        for (i, b) in blocks.iter().enumerate() {
            if i > 0 {
                let prev_tight = matches!(blocks[i - 1], Block::Paragraph { tight: true, .. });
                if !prev_tight {
                    self.blank(rest, b.line());
                }
            }
            let p = if i == 0 { first } else { rest };
            self.block(b, p, rest);
        }
    }

    /// Wraps inline text under the given prefixes; returns the widest content width.
    fn paragraph(
        &mut self,
        inlines: &[Inline],
        base: Style,
        first: &Line,
        rest: &Line,
        src: u32,
    ) -> usize {
        let first = fit_prefix(first, self.width);
        let rest = fit_prefix(rest, self.width);
        let (fw, rw) = (first.width(), rest.width());
        let lines = wrap(inlines, base, &first, &rest, self.width, src);
        let mut widest = 0;
        for (i, l) in lines.iter().enumerate() {
            widest = widest.max(l.width() - if i == 0 { fw } else { rw });
        }
        self.lines.extend(lines);
        widest
    }

    fn preformatted(
        &mut self,
        lines: &[String],
        style: Style,
        first: &Line,
        rest: &Line,
        src: u32,
    ) {
        let first = fit_prefix(first, self.width);
        let rest = fit_prefix(rest, self.width);
        let mut n = 0;
        for l in lines {
            for piece in hard_wrap(
                l,
                self.width - if n == 0 { first.width() } else { rest.width() },
            ) {
                let mut line = if n == 0 { first.clone() } else { rest.clone() };
                line.push(piece, style);
                line.src = src;
                self.lines.push(line);
                n += 1;
            }
        }
        if n == 0 {
            let mut line = first;
            line.src = src;
            self.lines.push(line);
        }
    }

    fn block(&mut self, b: &Block, first: &Line, rest: &Line) {
        match b {
            Block::Heading {
                level,
                id,
                inlines,
                line,
            } => self.heading(*level, id, inlines, first, rest, *line),
            Block::Paragraph { inlines, line, .. } => {
                self.paragraph(inlines, Style::PLAIN, first, rest, *line);
            }
            Block::Code { lines, line } => {
                let indent = pre("  ", Style::PLAIN);
                self.preformatted(
                    lines,
                    Style::CODE_BLOCK,
                    &joined(first, &indent),
                    &joined(rest, &indent),
                    *line,
                );
            }
            Block::Html { lines, line } => {
                self.preformatted(lines, Style::HTML, first, rest, *line)
            }
            Block::Quote { blocks, line } => {
                let bar = pre("│ ", Style::QUOTE);
                let (f, r) = (joined(first, &bar), joined(rest, &bar));
                if blocks.is_empty() {
                    self.blank(&f, *line);
                } else {
                    self.blocks(blocks, &f, &r);
                }
            }
            Block::List { start, items, .. } => self.list(*start, items, first, rest),
            Block::Table { aligns, rows, line } => self.table(aligns, rows, first, rest, *line),
            Block::Rule { line } => {
                let mut p = fit_prefix(first, self.width);
                let n = self.width - p.width();
                p.push(&"─".repeat(n), Style::DIM);
                p.src = *line;
                self.lines.push(p);
            }
            Block::Footnote {
                label,
                blocks,
                line,
            } => {
                let f = joined(first, &pre(&format!("[^{label}]: "), Style::LINK));
                let r = joined(rest, &pre("    ", Style::PLAIN));
                if blocks.is_empty() {
                    let mut l = fit_prefix(&f, self.width);
                    l.src = *line;
                    self.lines.push(l);
                } else {
                    self.blocks(blocks, &f, &r);
                }
            }
        }
    }

    fn heading(
        &mut self,
        level: u8,
        id: &Option<String>,
        inlines: &[Inline],
        first: &Line,
        rest: &Line,
        line: u32,
    ) {
        let at = self.lines.len();
        let (base, marker) = match level {
            1 => (Style::H1.with(Style::BOLD), None),
            2 => (Style::H2.with(Style::BOLD), None),
            n => (
                Style::H3.with(Style::BOLD),
                Some("#".repeat(n as usize) + " "),
            ),
        };
        let (f, r) = match &marker {
            Some(m) => (
                joined(first, &pre(m, Style::DIM)),
                joined(rest, &pre(&" ".repeat(m.len()), Style::PLAIN)),
            ),
            None => (first.clone(), rest.clone()),
        };
        let widest = self.paragraph(inlines, base, &f, &r, line);
        if level <= 2 {
            let mut p = fit_prefix(rest, self.width);
            let n = widest.min(self.width - p.width()).max(1);
            let (ch, st) = if level == 1 {
                ("═", Style::H1)
            } else {
                ("─", Style::H2)
            };
            p.push(&ch.repeat(n), st);
            p.src = line;
            self.lines.push(p);
        }
        self.anchors.push(Anchor {
            level,
            id: id.clone(),
            text: plain_text(inlines).trim().to_string(),
            line: at,
        });
    }

    fn list(&mut self, start: Option<u64>, items: &[ListItem], first: &Line, rest: &Line) {
        let loose = items.iter().any(|it| {
            it.blocks
                .iter()
                .any(|b| matches!(b, Block::Paragraph { tight: false, .. }))
        });
        let last_num = start.map(|s| s.saturating_add(items.len() as u64).saturating_sub(1));
        let num_w = last_num.map_or(0, |n| n.to_string().len());
        let bullet = match self.list_depth % 3 {
            0 => "• ",
            1 => "◦ ",
            _ => "▪ ",
        };
        self.list_depth += 1;
        for (i, item) in items.iter().enumerate() {
            let src = item.blocks.first().map_or(0, Block::line);
            if i > 0 && loose {
                self.blank(rest, src);
            }
            let mut marker = match start {
                Some(s) => format!("{:>num_w$}. ", s.saturating_add(i as u64)),
                None => bullet.to_string(),
            };
            if let Some(done) = item.task {
                marker.push_str(if done { "[x] " } else { "[ ] " });
            }
            let mw = str_width(&marker);
            let f = joined(
                if i == 0 { first } else { rest },
                &pre(&marker, Style::MARKER),
            );
            let r = joined(rest, &pre(&" ".repeat(mw), Style::PLAIN));
            if item.blocks.is_empty() {
                let mut l = fit_prefix(&f, self.width);
                l.src = src;
                self.lines.push(l);
            } else {
                self.blocks(&item.blocks, &f, &r);
            }
        }
        self.list_depth -= 1;
    }

    fn table(
        &mut self,
        aligns: &[Align],
        rows: &[Vec<Vec<Inline>>],
        first: &Line,
        rest: &Line,
        src: u32,
    ) {
        let n = rows.iter().map(Vec::len).max().unwrap_or(0);
        if n == 0 {
            return;
        }
        let first = fit_prefix(first, self.width);
        let rest = fit_prefix(rest, self.width);
        let avail = self.width - first.width().max(rest.width());
        let overhead = 3 * (n - 1);
        let empty = Line::default();
        // Natural width of each column, and its longest word (capped, so one long URL
        // does not force the record layout).
        let mut natural = vec![1usize; n];
        let mut longest = vec![1usize; n];
        for row in rows {
            for (j, cell) in row.iter().enumerate() {
                let text = plain_text(cell);
                natural[j] = natural[j].max(text_width(text.trim()));
                let word = text.split_whitespace().map(str_width).max().unwrap_or(0);
                longest[j] = longest[j].max(word.min(MAX_UNBROKEN_WORD));
            }
        }
        let min_total: usize = longest.iter().sum();
        if avail < overhead + min_total {
            if n > WIDE_TABLE_COLUMNS {
                self.table_pairs(rows, n, &first, &rest, src);
            } else {
                self.table_records(rows, &first, &rest, src);
            }
            return;
        }
        // Every column gets its longest word; the rest is shared by what each needs.
        let extra_need: Vec<usize> = natural
            .iter()
            .zip(&longest)
            .map(|(n, l)| n.saturating_sub(*l))
            .collect();
        let extra = fit_columns(&extra_need, avail - overhead - min_total);
        let widths: Vec<usize> = longest.iter().zip(&extra).map(|(l, e)| l + e).collect();
        let mut line_no = 0;
        for (ri, row) in rows.iter().enumerate() {
            let style = if ri == 0 {
                Style::TABLE_HEAD.with(Style::BOLD)
            } else {
                Style::PLAIN
            };
            let cells: Vec<Vec<Line>> = (0..n)
                .map(|j| match row.get(j) {
                    Some(c) => wrap(c, style, &empty, &empty, widths[j], src),
                    None => vec![Line::default()],
                })
                .collect();
            let height = cells.iter().map(Vec::len).max().unwrap_or(1);
            for k in 0..height {
                let mut line = if line_no == 0 {
                    first.clone()
                } else {
                    rest.clone()
                };
                line.src = src;
                push_table_row(&mut line, &cells, k, &widths, aligns);
                self.lines.push(line);
                line_no += 1;
            }
            if ri == 0 && rows.len() > 1 {
                let sep: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
                let mut line = rest.clone();
                line.push(&sep.join("─┼─"), Style::DIM);
                line.src = src;
                self.lines.push(line);
                line_no += 1;
            }
        }
    }

    /// A table too wide for any column layout: each row as "header: value" lines.
    fn table_records(&mut self, rows: &[Vec<Vec<Inline>>], first: &Line, rest: &Line, src: u32) {
        let labels = record_labels(rows, " ");
        let body = if rows.len() > 1 { &rows[1..] } else { rows };
        let mut first_line = true;
        for (ri, row) in body.iter().enumerate() {
            if ri > 0 {
                self.blank(rest, src);
            }
            for (j, cell) in row.iter().enumerate() {
                let mut inl: Vec<Inline> = Vec::new();
                if let Some(label) = labels.get(j) {
                    inl.extend(label.iter().cloned());
                }
                inl.extend(cell.iter().cloned());
                let p = if first_line { first } else { rest };
                self.paragraph(&inl, Style::PLAIN, p, rest, src);
                first_line = false;
            }
        }
    }

    /// A table of many columns that does not fit: a dim caption with its size
    /// (columns × rows), then each row as one wrapped paragraph of "header: value"
    /// pairs, empty cells left out. One line per pair would make thousands of short
    /// lines per row (a 5,000-column table took ~85 times its size in memory); filled
    /// lines keep the layout close to the size of the text it shows.
    fn table_pairs(
        &mut self,
        rows: &[Vec<Vec<Inline>>],
        columns: usize,
        first: &Line,
        rest: &Line,
        src: u32,
    ) {
        let labels = record_labels(rows, GLUE);
        let body = if rows.len() > 1 { &rows[1..] } else { rows };
        let caption = [Inline {
            text: format!("▦ {columns} × {}", body.len()),
            style: Style::DIM,
        }];
        self.paragraph(&caption, Style::PLAIN, first, rest, src);
        for (ri, row) in body.iter().enumerate() {
            self.blank(rest, src);
            let mut inl: Vec<Inline> = vec![Inline {
                text: format!("{}/{} ", ri + 1, body.len()),
                style: Style::DIM,
            }];
            let mut pairs = 0;
            for (j, cell) in row.iter().enumerate() {
                if cell.iter().all(|i| i.text.trim().is_empty()) {
                    continue;
                }
                if pairs > 0 {
                    push_merged(&mut inl, GLUE, Style::DIM);
                    push_merged(&mut inl, "· ", Style::DIM);
                }
                pairs += 1;
                for x in labels.get(j).into_iter().flatten().chain(cell) {
                    push_merged(&mut inl, &x.text, x.style);
                }
            }
            let from = self.lines.len();
            self.paragraph(&inl, Style::PLAIN, rest, rest, src);
            for line in &mut self.lines[from..] {
                unglue(line);
            }
        }
    }
}

/// Words up to this width are never broken inside a table cell.
pub(crate) const MAX_UNBROKEN_WORD: usize = 15;

/// Past this many columns, a table that does not fit shows each row as a paragraph of
/// pairs (`table_pairs`) rather than a line per pair.
const WIDE_TABLE_COLUMNS: usize = 8;

/// A header repeated before every value of a record is cut to this many columns, so
/// the records of a table stay within a small multiple of its own size.
const MAX_LABEL: usize = 40;

/// A space that wrapping does not break at: it keeps a label with its value and a
/// separator with the pair before it. `unglue` turns it back into a plain space.
const GLUE: &str = "\u{a0}";

fn unglue(line: &mut Line) {
    if !line.text.contains(GLUE) {
        return;
    }
    // Each glue is one byte longer than the space it becomes: runs end earlier.
    let (mut start, mut shorter) = (0, 0);
    for run in &mut line.runs {
        shorter += line.text[start..run.0].matches(GLUE).count() * (GLUE.len() - 1);
        start = run.0;
        run.0 -= shorter;
    }
    line.text = line.text.replace(GLUE, " ");
}

/// Appends text to inline runs, extending the last run when the style is the same.
fn push_merged(out: &mut Vec<Inline>, text: &str, style: Style) {
    match out.last_mut() {
        Some(last) if last.style == style => last.text.push_str(text),
        _ => out.push(Inline {
            text: text.to_string(),
            style,
        }),
    }
}

/// The bold "header: " label of each column for the record forms, `space` after its
/// colon; none when the table has only a header row (its cells are then values).
fn record_labels(rows: &[Vec<Vec<Inline>>], space: &str) -> Vec<Vec<Inline>> {
    let Some(header) = rows.first().filter(|_| rows.len() > 1) else {
        return Vec::new();
    };
    header
        .iter()
        .map(|cell| {
            let mut label = Vec::new();
            let mut used = 0;
            for x in cell {
                let mut text = String::new();
                for c in x.text.chars() {
                    let cw = char_width(c);
                    if used + cw > MAX_LABEL {
                        text.push('…');
                        used = MAX_LABEL + 1;
                        break;
                    }
                    used += cw;
                    text.push(c);
                }
                label.push(Inline {
                    text,
                    style: x.style.with(Style::BOLD),
                });
                if used > MAX_LABEL {
                    break;
                }
            }
            label.push(Inline {
                text: format!(":{space}"),
                style: Style::BOLD,
            });
            label
        })
        .collect()
}

/// Appends row `k` of a table's wrapped cells to `line`: each column's `k`-th line
/// (empty past its end) padded to the column's width as it is aligned, columns
/// separated by a dim bar. Shared by the layout and the streaming `show`.
pub(crate) fn push_table_row(
    line: &mut Line,
    cells: &[Vec<Line>],
    k: usize,
    widths: &[usize],
    aligns: &[Align],
) {
    const SPACES: &str = "                                                                ";
    let spaces = |line: &mut Line, n: usize| match SPACES.get(..n) {
        Some(s) => line.push(s, Style::PLAIN),
        None => line.push(&" ".repeat(n), Style::PLAIN),
    };
    let empty = Line::default();
    for (j, cell) in cells.iter().enumerate() {
        if j > 0 {
            line.push(" │ ", Style::DIM);
        }
        let cell_line = cell.get(k).unwrap_or(&empty);
        let pad = widths
            .get(j)
            .copied()
            .unwrap_or(0)
            .saturating_sub(cell_line.width());
        let (left, right) = match aligns.get(j).copied().unwrap_or(Align::Left) {
            Align::Left => (0, pad),
            Align::Right => (pad, 0),
            Align::Center => (pad / 2, pad - pad / 2),
        };
        spaces(line, left);
        line.append(cell_line);
        spaces(line, right);
    }
}

/// Shares `avail` columns among needs: each need in full when they fit, else a
/// water-filling share so narrow columns keep their size and wide ones wrap.
pub(crate) fn fit_columns(natural: &[usize], avail: usize) -> Vec<usize> {
    let total: usize = natural.iter().sum();
    if total <= avail {
        return natural.to_vec();
    }
    let mut widths = vec![0usize; natural.len()];
    let mut open: Vec<usize> = (0..natural.len()).collect();
    let mut remaining = avail;
    loop {
        let share = remaining / open.len().max(1);
        let (small, big): (Vec<usize>, Vec<usize>) =
            open.iter().partition(|&&j| natural[j] <= share);
        if small.is_empty() {
            let extra = remaining - share * big.len();
            for (k, &j) in big.iter().enumerate() {
                widths[j] = share + usize::from(k < extra);
            }
            break;
        }
        for &j in &small {
            widths[j] = natural[j];
            remaining -= natural[j];
        }
        open = big;
        if open.is_empty() {
            break;
        }
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::super::model::parse;
    use super::*;

    fn render(md: &str, width: usize) -> Vec<String> {
        layout(&parse(md), width)
            .lines
            .iter()
            .map(|l| l.text().to_string())
            .collect()
    }

    #[test]
    fn paragraphs_wrap_by_width_without_losing_words() {
        let lines = render("one two three four five six seven", 10);
        assert_eq!(lines, vec!["one two", "three four", "five six", "seven"]);
    }

    #[test]
    fn long_words_are_broken() {
        let lines = render("abcdefghijkl", 5);
        assert_eq!(lines, vec!["abcde", "fghij", "kl"]);
    }

    #[test]
    fn lists_hang_their_indent() {
        let lines = render("- alpha beta gamma\n  - nested item here\n", 14);
        assert_eq!(
            lines,
            vec!["• alpha beta", "  gamma", "  ◦ nested", "    item here"]
        );
    }

    #[test]
    fn quotes_prefix_every_line() {
        let lines = render("> quoted words here\n>\n> second\n", 12);
        assert_eq!(lines, vec!["│ quoted", "│ words here", "│", "│ second"]);
    }

    #[test]
    fn wide_characters_wrap_by_display_width() {
        let lines = render("漢字漢字漢字", 5);
        assert!(lines.iter().all(|l| str_width(l) <= 5), "{lines:?}");
        assert_eq!(lines.concat(), "漢字漢字漢字");
    }

    #[test]
    fn tables_fit_or_wrap_cells() {
        let md = "| Service | Cost |\n|---|--:|\n| EC2 | 29.95 |\n| Load balancing | 16.20 |\n";
        let lines = render(md, 40);
        assert_eq!(lines[0].trim_end(), "Service        │  Cost");
        assert_eq!(lines[3], "Load balancing │ 16.20");
        let mid = render(md, 20);
        assert!(mid.iter().all(|l| str_width(l) <= 20), "{mid:?}");
        assert_eq!(mid[3], "Load         │ 16.20", "{mid:?}");
        assert_eq!(mid[4].trim_end(), "balancing    │", "{mid:?}");
        let narrow = render(md, 12);
        assert!(narrow.iter().all(|l| str_width(l) <= 12), "{narrow:?}");
        assert_eq!(narrow[0], "Service: EC2", "too narrow: records {narrow:?}");
        assert!(narrow.contains(&"Cost: 16.20".to_string()), "{narrow:?}");
    }

    #[test]
    fn many_columns_that_do_not_fit_become_paragraphs_of_pairs() {
        let cols = 12;
        let head: Vec<String> = (0..cols).map(|i| format!("h{i}")).collect();
        let md = format!(
            "|{}|\n|{}|\n|{}|\n|{}|\n",
            head.join("|"),
            vec!["-"; cols].join("|"),
            (0..cols)
                .map(|i| format!("v{i}"))
                .collect::<Vec<_>>()
                .join("|"),
            (0..cols)
                .map(|i| if i % 2 == 0 {
                    format!("w{i}")
                } else {
                    String::new()
                })
                .collect::<Vec<_>>()
                .join("|"),
        );
        let lay = layout(&parse(&md), 30);
        for l in &lay.lines {
            // Style runs still cover the text exactly once the glue is gone.
            assert_eq!(l.runs.last().map_or(0, |r| r.0), l.text.len(), "{l:?}");
            assert!(l.runs.iter().all(|r| l.text.is_char_boundary(r.0)), "{l:?}");
            let bold: String = l
                .spans()
                .filter(|s| s.1.has(Style::BOLD))
                .map(|s| s.0)
                .collect();
            assert!(
                bold.is_empty() || bold.starts_with('h'),
                "labels are bold: {l:?}"
            );
        }
        let lines = render(&md, 30);
        assert!(lines.iter().all(|l| str_width(l) <= 30), "{lines:?}");
        assert_eq!(
            lines,
            vec![
                "▦ 12 × 2",
                "",
                "1/2 h0: v0 · h1: v1 · h2: v2 ·",
                "h3: v3 · h4: v4 · h5: v5 ·",
                "h6: v6 · h7: v7 · h8: v8 ·",
                "h9: v9 · h10: v10 · h11: v11",
                "",
                "2/2 h0: w0 · h2: w2 · h4: w4 ·",
                "h6: w6 · h8: w8 · h10: w10",
            ],
            "empty cells are left out"
        );
    }

    #[test]
    fn record_labels_are_cut_to_a_bounded_width() {
        let long = "x".repeat(100);
        let md = format!("| {long} | b |\n|---|---|\n| 1 | 2 |\n");
        let lines = render(&md, 18);
        let first = lines.concat();
        assert!(
            first.contains(&format!("{}…: 1", "x".repeat(MAX_LABEL))),
            "{lines:?}"
        );
    }

    #[test]
    fn headings_make_anchors_with_ids() {
        let l = layout(&parse("# T\n\n## Part {#part}\n\ntext\n"), 40);
        let a = &l.anchors[1];
        assert_eq!((a.id.as_deref(), a.line), (Some("part"), 3));
        assert_eq!(l.lines[a.line].text(), "Part");
    }

    #[test]
    fn source_lines_map_to_block_starts() {
        let l = layout(
            &parse("# T\n\nalpha beta gamma delta\nepsilon\n\nlast\n"),
            8,
        );
        let p = l.line_for_source(4);
        assert_eq!(l.lines[p].text(), "alpha");
    }

    #[test]
    fn columns_share_space_fairly() {
        assert_eq!(fit_columns(&[5, 50], 30), vec![5, 25]);
        assert_eq!(fit_columns(&[40, 40], 30), vec![15, 15]);
        assert_eq!(fit_columns(&[3, 4], 30), vec![3, 4]);
        assert_eq!(
            fit_columns(&[5, 5], 0),
            vec![0, 0],
            "never more than the budget"
        );
    }
}
