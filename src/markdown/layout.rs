//! Lays a parsed document out for one width: hanging indents for lists and quotes,
//! wrapping by display width, tables that fit or fall back to records. The result
//! is a flat list of styled lines a view can window over.
use super::model::{Align, Block, Document, Inline, ListItem, Style, plain_text};
use super::text::{char_width, str_width};

#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Line {
    pub spans: Vec<Span>,
    /// 1-based source line of the block this line belongs to.
    pub src: u32,
}

impl Line {
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
    pub fn width(&self) -> usize {
        self.spans.iter().map(|s| str_width(&s.text)).sum()
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
    w.blocks(&doc.blocks, &[], &[]);
    Layout {
        width,
        lines: w.lines,
        anchors: w.anchors,
    }
}

fn span(text: impl Into<String>, style: Style) -> Span {
    Span {
        text: text.into(),
        style,
    }
}

fn spans_width(spans: &[Span]) -> usize {
    spans.iter().map(|s| str_width(&s.text)).sum()
}

/// Cuts a prefix so that at least `min(width, max(2, width/3))` columns remain for text.
fn fit_prefix(prefix: &[Span], width: usize) -> Vec<Span> {
    let min_avail = width.min((width / 3).max(2));
    let max_prefix = width - min_avail;
    if spans_width(prefix) <= max_prefix {
        return prefix.to_vec();
    }
    let mut out = Vec::new();
    let mut used = 0;
    'outer: for s in prefix {
        let mut t = String::new();
        for c in s.text.chars() {
            let cw = char_width(c);
            if used + cw > max_prefix {
                if !t.is_empty() {
                    out.push(span(t, s.style));
                }
                break 'outer;
            }
            used += cw;
            t.push(c);
        }
        out.push(span(t, s.style));
    }
    out
}

fn trim_end(prefix: &[Span]) -> Vec<Span> {
    let mut out = prefix.to_vec();
    while let Some(last) = out.last_mut() {
        let t = last.text.trim_end().to_string();
        if t.is_empty() {
            out.pop();
        } else {
            last.text = t;
            break;
        }
    }
    out
}

fn push_span(spans: &mut Vec<Span>, text: &str, style: Style) {
    if text.is_empty() {
        return;
    }
    if let Some(last) = spans.last_mut()
        && last.style == style
    {
        last.text.push_str(text);
        return;
    }
    spans.push(span(text, style));
}

enum Atom {
    Word(Vec<Span>, usize),
    Space(Style),
    Break,
}

fn atoms(inlines: &[Inline], base: Style) -> Vec<Atom> {
    let mut out = Vec::new();
    let mut word: Vec<Span> = Vec::new();
    let mut word_w = 0;
    let flush = |out: &mut Vec<Atom>, word: &mut Vec<Span>, word_w: &mut usize| {
        if !word.is_empty() {
            out.push(Atom::Word(std::mem::take(word), *word_w));
            *word_w = 0;
        }
    };
    for inl in inlines {
        let style = inl.style.with(base);
        let mut run = String::new();
        for c in inl.text.chars() {
            match c {
                '\n' | ' ' => {
                    push_span(&mut word, &run, style);
                    run.clear();
                    flush(&mut out, &mut word, &mut word_w);
                    out.push(if c == '\n' {
                        Atom::Break
                    } else {
                        Atom::Space(style)
                    });
                }
                c => {
                    word_w += char_width(c);
                    run.push(c);
                }
            }
        }
        push_span(&mut word, &run, style);
    }
    flush(&mut out, &mut word, &mut word_w);
    out
}

/// Greedy word wrap of inline text: content lines only (no prefixes).
fn wrap_content(
    inlines: &[Inline],
    base: Style,
    avail_first: usize,
    avail_rest: usize,
) -> Vec<Vec<Span>> {
    let mut lines: Vec<Vec<Span>> = Vec::new();
    let mut cur: Vec<Span> = Vec::new();
    let mut cur_w = 0;
    let mut pending: Option<Style> = None;
    let avail = |lines: &Vec<Vec<Span>>| {
        if lines.is_empty() {
            avail_first.max(1)
        } else {
            avail_rest.max(1)
        }
    };
    for atom in atoms(inlines, base) {
        match atom {
            Atom::Space(st) => {
                if cur_w > 0 {
                    pending = Some(st);
                }
            }
            Atom::Break => {
                lines.push(std::mem::take(&mut cur));
                cur_w = 0;
                pending = None;
            }
            Atom::Word(parts, w) => {
                let gap = usize::from(pending.is_some());
                if cur_w > 0 && cur_w + gap + w <= avail(&lines) {
                    if let Some(st) = pending.take() {
                        push_span(&mut cur, " ", st);
                        cur_w += 1;
                    }
                    for p in &parts {
                        push_span(&mut cur, &p.text, p.style);
                    }
                    cur_w += w;
                    continue;
                }
                pending = None;
                if cur_w > 0 {
                    lines.push(std::mem::take(&mut cur));
                    cur_w = 0;
                }
                if w <= avail(&lines) {
                    for p in &parts {
                        push_span(&mut cur, &p.text, p.style);
                    }
                    cur_w = w;
                    continue;
                }
                // A word longer than the line: break it by display width.
                for p in &parts {
                    let mut piece = String::new();
                    for c in p.text.chars() {
                        let cw = char_width(c);
                        if cur_w + piece_w(&piece) + cw > avail(&lines)
                            && cur_w + piece_w(&piece) > 0
                        {
                            push_span(&mut cur, &piece, p.style);
                            piece.clear();
                            lines.push(std::mem::take(&mut cur));
                            cur_w = 0;
                        }
                        piece.push(c);
                    }
                    cur_w += piece_w(&piece);
                    push_span(&mut cur, &piece, p.style);
                }
            }
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

fn piece_w(s: &str) -> usize {
    str_width(s)
}

/// Breaks a preformatted line (code, HTML) into pieces of at most `avail` columns.
fn hard_wrap(text: &str, avail: usize) -> Vec<String> {
    let avail = avail.max(1);
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut w = 0;
    for c in text.chars() {
        let cw = char_width(c);
        if w + cw > avail && w > 0 {
            out.push(std::mem::take(&mut cur));
            w = 0;
        }
        cur.push(c);
        w += cw;
    }
    out.push(cur);
    out
}

struct Writer {
    width: usize,
    lines: Vec<Line>,
    anchors: Vec<Anchor>,
    list_depth: usize,
}

impl Writer {
    fn emit(&mut self, prefix: &[Span], content: Vec<Span>, src: u32) {
        let mut spans = prefix.to_vec();
        for s in content {
            push_span(&mut spans, &s.text, s.style);
        }
        self.lines.push(Line { spans, src });
    }

    /// A blank separator line; it belongs to the block above it, so a source line
    /// maps to the start of its own block, never to the gap before it.
    fn blank(&mut self, prefix: &[Span], src: u32) {
        let src = self.lines.last().map_or(src, |l| l.src);
        let p = trim_end(&fit_prefix(prefix, self.width));
        self.lines.push(Line { spans: p, src });
    }

    fn blocks(&mut self, blocks: &[Block], first: &[Span], rest: &[Span]) {
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

    /// Wraps inline text under the given prefixes.
    fn paragraph(
        &mut self,
        inlines: &[Inline],
        base: Style,
        first: &[Span],
        rest: &[Span],
        src: u32,
    ) -> usize {
        let first = fit_prefix(first, self.width);
        let rest = fit_prefix(rest, self.width);
        let af = self.width - spans_width(&first);
        let ar = self.width - spans_width(&rest);
        let mut widest = 0;
        for (i, content) in wrap_content(inlines, base, af, ar).into_iter().enumerate() {
            widest = widest.max(spans_width(&content));
            self.emit(if i == 0 { &first } else { &rest }, content, src);
        }
        widest
    }

    fn preformatted(
        &mut self,
        lines: &[String],
        style: Style,
        first: &[Span],
        rest: &[Span],
        src: u32,
    ) {
        let first = fit_prefix(first, self.width);
        let rest = fit_prefix(rest, self.width);
        let mut n = 0;
        for l in lines {
            let avail = self.width - spans_width(if n == 0 { &first } else { &rest });
            for piece in hard_wrap(l, avail) {
                let p = if n == 0 { &first } else { &rest };
                let content = if piece.is_empty() {
                    Vec::new()
                } else {
                    vec![span(piece, style)]
                };
                self.emit(p, content, src);
                n += 1;
            }
        }
        if n == 0 {
            self.emit(&first, Vec::new(), src);
        }
    }

    fn block(&mut self, b: &Block, first: &[Span], rest: &[Span]) {
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
                let mut f = first.to_vec();
                f.push(span("  ", Style::PLAIN));
                let mut r = rest.to_vec();
                r.push(span("  ", Style::PLAIN));
                self.preformatted(lines, Style::CODE_BLOCK, &f, &r, *line);
            }
            Block::Html { lines, line } => {
                self.preformatted(lines, Style::HTML, first, rest, *line)
            }
            Block::Quote { blocks, line } => {
                let mut f = first.to_vec();
                f.push(span("│ ", Style::QUOTE));
                let mut r = rest.to_vec();
                r.push(span("│ ", Style::QUOTE));
                if blocks.is_empty() {
                    self.blank(&f, *line);
                } else {
                    self.blocks(blocks, &f, &r);
                }
            }
            Block::List { start, items, .. } => self.list(*start, items, first, rest),
            Block::Table { aligns, rows, line } => self.table(aligns, rows, first, rest, *line),
            Block::Rule { line } => {
                let p = fit_prefix(first, self.width);
                let n = self.width - spans_width(&p);
                self.emit(&p, vec![span("─".repeat(n), Style::DIM)], *line);
            }
            Block::Footnote {
                label,
                blocks,
                line,
            } => {
                let mut f = first.to_vec();
                f.push(span(format!("[^{label}]: "), Style::LINK));
                let mut r = rest.to_vec();
                r.push(span("    ", Style::PLAIN));
                if blocks.is_empty() {
                    self.emit(&fit_prefix(&f, self.width), Vec::new(), *line);
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
        first: &[Span],
        rest: &[Span],
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
        let mut f = first.to_vec();
        let mut r = rest.to_vec();
        if let Some(m) = marker {
            r.push(span(" ".repeat(m.len()), Style::PLAIN));
            f.push(span(m, Style::DIM));
        }
        let widest = self.paragraph(inlines, base, &f, &r, line);
        if level <= 2 {
            let p = fit_prefix(rest, self.width);
            let n = widest.min(self.width - spans_width(&p)).max(1);
            let (ch, st) = if level == 1 {
                ("═", Style::H1)
            } else {
                ("─", Style::H2)
            };
            self.emit(&p, vec![span(ch.repeat(n), st)], line);
        }
        self.anchors.push(Anchor {
            level,
            id: id.clone(),
            text: plain_text(inlines).trim().to_string(),
            line: at,
        });
    }

    fn list(&mut self, start: Option<u64>, items: &[ListItem], first: &[Span], rest: &[Span]) {
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
            let mut f = if i == 0 {
                first.to_vec()
            } else {
                rest.to_vec()
            };
            f.push(span(marker, Style::MARKER));
            let mut r = rest.to_vec();
            r.push(span(" ".repeat(mw), Style::PLAIN));
            if item.blocks.is_empty() {
                self.emit(&fit_prefix(&f, self.width), Vec::new(), src);
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
        first: &[Span],
        rest: &[Span],
        src: u32,
    ) {
        let n = rows.iter().map(Vec::len).max().unwrap_or(0);
        if n == 0 {
            return;
        }
        let first = fit_prefix(first, self.width);
        let rest = fit_prefix(rest, self.width);
        let avail = self.width - spans_width(&first).max(spans_width(&rest));
        let overhead = 3 * (n - 1);
        // Natural width of each column, and its longest word (capped, so one long URL
        // does not force the record layout).
        let mut natural = vec![1usize; n];
        let mut longest = vec![1usize; n];
        for row in rows {
            for (j, cell) in row.iter().enumerate() {
                let one_line = wrap_content(cell, Style::PLAIN, usize::MAX / 4, usize::MAX / 4);
                let w = one_line.iter().map(|l| spans_width(l)).max().unwrap_or(0);
                natural[j] = natural[j].max(w);
                let word = plain_text(cell)
                    .split_whitespace()
                    .map(str_width)
                    .max()
                    .unwrap_or(0);
                longest[j] = longest[j].max(word.min(MAX_UNBROKEN_WORD));
            }
        }
        let min_total: usize = longest.iter().sum();
        if avail < overhead + min_total {
            self.table_records(rows, &first, &rest, src);
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
            let cells: Vec<Vec<Vec<Span>>> = (0..n)
                .map(|j| match row.get(j) {
                    Some(c) => wrap_content(c, style, widths[j], widths[j]),
                    None => vec![Vec::new()],
                })
                .collect();
            let height = cells.iter().map(Vec::len).max().unwrap_or(1);
            for k in 0..height {
                let mut content = Vec::new();
                for j in 0..n {
                    if j > 0 {
                        push_span(&mut content, " │ ", Style::DIM);
                    }
                    let cell_line = cells[j].get(k).cloned().unwrap_or_default();
                    let pad = widths[j].saturating_sub(spans_width(&cell_line));
                    let (left, right) = match aligns.get(j).copied().unwrap_or(Align::Left) {
                        Align::Left => (0, pad),
                        Align::Right => (pad, 0),
                        Align::Center => (pad / 2, pad - pad / 2),
                    };
                    push_span(&mut content, &" ".repeat(left), Style::PLAIN);
                    for s in cell_line {
                        push_span(&mut content, &s.text, s.style);
                    }
                    push_span(&mut content, &" ".repeat(right), Style::PLAIN);
                }
                self.emit(if line_no == 0 { &first } else { &rest }, content, src);
                line_no += 1;
            }
            if ri == 0 && rows.len() > 1 {
                let sep: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
                self.emit(&rest, vec![span(sep.join("─┼─"), Style::DIM)], src);
                line_no += 1;
            }
        }
    }

    /// A table too wide for any column layout: each row as "header: value" lines.
    fn table_records(
        &mut self,
        rows: &[Vec<Vec<Inline>>],
        first: &[Span],
        rest: &[Span],
        src: u32,
    ) {
        let header = rows.first().cloned().unwrap_or_default();
        let body = if rows.len() > 1 { &rows[1..] } else { rows };
        let mut first_line = true;
        for (ri, row) in body.iter().enumerate() {
            if ri > 0 {
                self.blank(rest, src);
            }
            for (j, cell) in row.iter().enumerate() {
                let mut inl: Vec<Inline> = Vec::new();
                if rows.len() > 1
                    && let Some(h) = header.get(j)
                {
                    for x in h {
                        inl.push(Inline {
                            text: x.text.clone(),
                            style: x.style.with(Style::BOLD),
                        });
                    }
                    inl.push(Inline {
                        text: ": ".into(),
                        style: Style::BOLD,
                    });
                }
                inl.extend(cell.iter().cloned());
                let p = if first_line { first } else { rest };
                self.paragraph(&inl, Style::PLAIN, p, rest, src);
                first_line = false;
            }
        }
    }
}

/// Words up to this width are never broken inside a table cell.
const MAX_UNBROKEN_WORD: usize = 15;

/// Shares `avail` columns among needs: each need in full when they fit, else a
/// water-filling share so narrow columns keep their size and wide ones wrap.
fn fit_columns(natural: &[usize], avail: usize) -> Vec<usize> {
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
            .map(Line::text)
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
