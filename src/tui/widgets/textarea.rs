//! The one multi-line text editor: lines of text, a cursor, and the window of rows
//! and columns shown. Keys arrive as [`TextEdit`]s (moves by character, word, line
//! and page, typing, Enter, Backspace, Delete) or as one paste; the resize step calls
//! [`TextArea::fit`] so the cursor is always inside the window, and [`draw`] only
//! draws. Columns are display columns (an accented letter takes one, a wide
//! character two), so the cursor sits where the eye expects it. It knows nothing of
//! what the text means: the IAM workbench edits policies with it, and any other JSON
//! or text can use it the same way.
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthChar;

use crate::lang::Lang;

/// A cursor move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Motion {
    Left,
    Right,
    WordLeft,
    WordRight,
    Up,
    Down,
    /// Start / end of the line.
    Home,
    End,
    PageUp,
    PageDown,
    /// Start / end of the text.
    Top,
    Bottom,
}

/// An edit, as a key asks for it (typing a character is `InputChar`, elsewhere).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEdit {
    Move(Motion),
    Newline,
    /// Delete the character before the cursor (at a line's start: join it to the
    /// line above).
    Backspace,
    /// Delete the character under the cursor (at a line's end: join the next line).
    Delete,
}

/// What an edit did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// The text changed.
    Changed,
    /// Only the cursor moved.
    Moved,
    /// Nothing to do (Left at the very start, Backspace there…).
    Unchanged,
    /// The text is at its cap: what did not fit was left out (a paste keeps the part
    /// that fits).
    Full,
}

/// Text being edited, with its cursor and scroll.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextArea {
    /// Never empty: an empty text is one empty line.
    lines: Vec<String>,
    /// Cursor: line, and character (not byte) in that line.
    row: usize,
    col: usize,
    /// The display column Up and Down aim for, kept across short lines.
    goal: Option<usize>,
    /// First line and first display column shown (set by `fit`).
    top: usize,
    left: usize,
    /// Lines shown, for paging (set by `fit`).
    page: usize,
    /// Characters (a line break counts one) the text may hold.
    cap: usize,
    /// Characters the text holds now.
    count: usize,
}

/// Whether `c` is part of a word for word moves.
fn wordy(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Byte offset of character `col` in `line` (its length past the end).
fn byte_at(line: &str, col: usize) -> usize {
    line.char_indices().nth(col).map_or(line.len(), |(b, _)| b)
}

/// Text as the editor holds it: line breaks as `\n`, a tab as two spaces, other
/// control characters left out (they would draw as nothing or move the terminal).
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' => out.push('\n'),
            '\t' => out.push_str("  "),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

impl TextArea {
    /// `text` to edit, at most `cap` characters once edited (a longer text is kept
    /// whole; it only cannot grow). The cursor starts at the top.
    pub fn new(text: &str, cap: usize) -> TextArea {
        let text = clean(text);
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let count = text.chars().count();
        TextArea {
            lines,
            row: 0,
            col: 0,
            goal: None,
            top: 0,
            left: 0,
            page: 10,
            cap,
            count,
        }
    }

    /// The text, lines joined by `\n`.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// The cursor: (line, character), both from 0.
    pub fn cursor(&self) -> (usize, usize) {
        (self.row, self.col)
    }

    /// First line and first display column shown.
    pub fn scroll(&self) -> (usize, usize) {
        (self.top, self.left)
    }

    pub fn cap(&self) -> usize {
        self.cap
    }

    /// Characters held now (a line break counts one).
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Puts the cursor on line `row`, character `col` (both from 0, clamped): to
    /// point at a place an error names.
    pub fn go_to(&mut self, row: usize, col: usize) {
        self.row = row.min(self.lines.len() - 1);
        self.col = col.min(self.line_len(self.row));
        self.goal = None;
    }

    fn line_len(&self, row: usize) -> usize {
        self.lines.get(row).map_or(0, |l| l.chars().count())
    }

    /// Display column of the cursor in its line.
    pub fn cursor_column(&self) -> usize {
        self.lines[self.row]
            .chars()
            .take(self.col)
            .map(char_width)
            .sum()
    }

    /// The character index in line `row` nearest display column `goal` (not past it).
    fn col_for(&self, row: usize, goal: usize) -> usize {
        let mut x = 0;
        for (i, c) in self.lines[row].chars().enumerate() {
            let w = char_width(c);
            if x + w > goal {
                return i;
            }
            x += w;
        }
        self.line_len(row)
    }

    /// Applies a key's edit.
    pub fn apply(&mut self, edit: TextEdit) -> Change {
        match edit {
            TextEdit::Move(m) => self.go(m),
            TextEdit::Newline => self.insert_str("\n"),
            TextEdit::Backspace => self.backspace(),
            TextEdit::Delete => self.delete(),
        }
    }

    /// Types one character at the cursor (a control character is left out).
    pub fn insert_char(&mut self, c: char) -> Change {
        let mut b = [0u8; 4];
        self.insert_str(c.encode_utf8(&mut b))
    }

    /// Pasted text, in one edit at the cursor: as much as fits under the cap
    /// (`Full` says the rest was left out). Line breaks of any system become lines.
    pub fn paste(&mut self, text: &str) -> Change {
        self.insert_str(text)
    }

    fn insert_str(&mut self, text: &str) -> Change {
        let text = clean(text);
        if text.is_empty() {
            return Change::Unchanged;
        }
        let room = self.cap.saturating_sub(self.count);
        let (text, full) = match text.char_indices().nth(room) {
            Some((b, _)) => (&text[..b], true),
            None => (text.as_str(), false),
        };
        if text.is_empty() {
            return Change::Full;
        }
        self.count += text.chars().count();
        let line = &mut self.lines[self.row];
        let at = byte_at(line, self.col);
        let tail = line.split_off(at);
        let mut parts = text.split('\n');
        // `split` yields at least one part.
        line.push_str(parts.next().unwrap_or(""));
        let mut added: Vec<String> = parts.map(str::to_string).collect();
        match added.last_mut() {
            Some(last) => {
                self.col = last.chars().count();
                last.push_str(&tail);
                let n = added.len();
                self.lines.splice(self.row + 1..self.row + 1, added);
                self.row += n;
            }
            None => {
                self.col += text.chars().count();
                self.lines[self.row].push_str(&tail);
            }
        }
        self.goal = None;
        if full { Change::Full } else { Change::Changed }
    }

    fn backspace(&mut self) -> Change {
        self.goal = None;
        if self.col > 0 {
            let line = &mut self.lines[self.row];
            let at = byte_at(line, self.col - 1);
            line.remove(at);
            self.col -= 1;
        } else if self.row > 0 {
            let line = self.lines.remove(self.row);
            self.row -= 1;
            self.col = self.line_len(self.row);
            self.lines[self.row].push_str(&line);
        } else {
            return Change::Unchanged;
        }
        self.count -= 1;
        Change::Changed
    }

    fn delete(&mut self) -> Change {
        self.goal = None;
        if self.col < self.line_len(self.row) {
            let line = &mut self.lines[self.row];
            let at = byte_at(line, self.col);
            line.remove(at);
        } else if self.row + 1 < self.lines.len() {
            let next = self.lines.remove(self.row + 1);
            self.lines[self.row].push_str(&next);
        } else {
            return Change::Unchanged;
        }
        self.count -= 1;
        Change::Changed
    }

    fn go(&mut self, m: Motion) -> Change {
        let before = (self.row, self.col);
        let vertical = matches!(
            m,
            Motion::Up | Motion::Down | Motion::PageUp | Motion::PageDown
        );
        if vertical {
            let goal = self.goal.unwrap_or_else(|| self.cursor_column());
            let page = self.page.saturating_sub(1).max(1);
            let last = self.lines.len() - 1;
            let row = match m {
                Motion::Up => self.row.saturating_sub(1),
                Motion::Down => (self.row + 1).min(last),
                Motion::PageUp => self.row.saturating_sub(page),
                _ => (self.row + page).min(last),
            };
            // Up on the first line goes to its start, Down on the last to its end.
            if row == self.row {
                self.col = match m {
                    Motion::Up | Motion::PageUp => 0,
                    _ => self.line_len(row),
                };
                self.goal = None;
            } else {
                self.row = row;
                self.col = self.col_for(row, goal);
                self.goal = Some(goal);
            }
        } else {
            self.goal = None;
            match m {
                Motion::Left if self.col > 0 => self.col -= 1,
                Motion::Left if self.row > 0 => {
                    self.row -= 1;
                    self.col = self.line_len(self.row);
                }
                Motion::Right if self.col < self.line_len(self.row) => self.col += 1,
                Motion::Right if self.row + 1 < self.lines.len() => {
                    self.row += 1;
                    self.col = 0;
                }
                Motion::WordLeft => self.word_left(),
                Motion::WordRight => self.word_right(),
                Motion::Home => self.col = 0,
                Motion::End => self.col = self.line_len(self.row),
                Motion::Top => (self.row, self.col) = (0, 0),
                Motion::Bottom => {
                    self.row = self.lines.len() - 1;
                    self.col = self.line_len(self.row);
                }
                _ => {}
            }
        }
        if (self.row, self.col) == before {
            Change::Unchanged
        } else {
            Change::Moved
        }
    }

    /// To the start of the word before the cursor (over a line break if at a start).
    fn word_left(&mut self) {
        if self.col == 0 {
            if self.row > 0 {
                self.row -= 1;
                self.col = self.line_len(self.row);
            }
            return;
        }
        let chars: Vec<char> = self.lines[self.row].chars().collect();
        let mut i = self.col.min(chars.len());
        while i > 0 && !wordy(chars[i - 1]) {
            i -= 1;
        }
        while i > 0 && wordy(chars[i - 1]) {
            i -= 1;
        }
        self.col = i;
    }

    /// To the start of the next word (over a line break if at an end).
    fn word_right(&mut self) {
        let chars: Vec<char> = self.lines[self.row].chars().collect();
        if self.col >= chars.len() {
            if self.row + 1 < self.lines.len() {
                self.row += 1;
                self.col = 0;
            }
            return;
        }
        let mut i = self.col;
        while i < chars.len() && wordy(chars[i]) {
            i += 1;
        }
        while i < chars.len() && !wordy(chars[i]) {
            i += 1;
        }
        self.col = i;
    }

    /// The resize step's part: the window is `width` columns by `height` lines; the
    /// scroll moves so the cursor is inside it, one column clear of the edge markers.
    pub fn fit(&mut self, width: usize, height: usize) {
        let height = height.max(1);
        self.page = height;
        if self.row < self.top {
            self.top = self.row;
        } else if self.row >= self.top + height {
            self.top = self.row + 1 - height;
        }
        self.top = self.top.min(self.lines.len().saturating_sub(1));
        let x = self.cursor_column();
        // Room for the cursor's cells (two under a wide character) and the `›`
        // marker at the right edge.
        let width = width.max(3);
        let under = self.lines[self.row]
            .chars()
            .nth(self.col)
            .map_or(1, char_width)
            .max(1);
        if x + under + 1 > self.left + width {
            self.left = x + under + 1 - width;
        }
        // A `‹` marker takes the first column once scrolled.
        if self.left > 0 && x < self.left + 1 {
            self.left = x.saturating_sub(width / 2);
        }
    }
}

/// The message for a text at its cap.
pub fn full_message(cap: usize, lang: Lang) -> String {
    let n = crate::numfmt::count(cap as u64, lang);
    match lang {
        Lang::En => format!("the text takes up to {n} characters: the rest was left out"),
        Lang::PtBr => format!("o texto aceita até {n} caracteres: o resto ficou de fora"),
    }
}

/// Draws the window of `text` in `area`: each line from the first column shown, a
/// `‹` where a line goes on to the left, a `›` where it goes on to the right, and the
/// cursor as a reversed cell.
pub fn draw(buf: &mut Buffer, area: Rect, text: &TextArea, style: Style) {
    let clip = area.intersection(buf.area);
    if clip.is_empty() {
        return;
    }
    let width = usize::from(area.width);
    let cursor = style.add_modifier(Modifier::REVERSED);
    for (k, line) in text
        .lines
        .iter()
        .enumerate()
        .skip(text.top)
        .take(usize::from(area.height))
    {
        let y = area.y + (k - text.top) as u16;
        if y >= clip.bottom() {
            break;
        }
        let mut cells: Vec<(String, usize)> = Vec::new();
        let mut x = 0usize;
        let mut cut_left = false;
        let mut cut_right = false;
        let mut cursor_cell: Option<usize> = None;
        let cursor_here = k == text.row;
        for (i, c) in line.chars().enumerate() {
            let w = char_width(c);
            if cursor_here && i == text.col {
                cursor_cell = Some(x.saturating_sub(text.left));
            }
            if x < text.left {
                if x + w > text.left {
                    // A wide character cut by the left edge: a blank in its place.
                    for _ in text.left..x + w {
                        cells.push((" ".into(), 1));
                    }
                }
                cut_left = true;
            } else if x + w > text.left + width {
                cut_right = true;
                break;
            } else if w > 0 {
                cells.push((c.to_string(), w));
            }
            x += w;
        }
        if cursor_here && cursor_cell.is_none() {
            cursor_cell = Some(x.saturating_sub(text.left));
        }
        if cut_right && width > 0 {
            // The marker takes the last column: a wide character reaching into it
            // goes (a terminal never shows a mark drawn over its second half).
            let mut used: usize = cells.iter().map(|(_, w)| w).sum();
            while used > width - 1 {
                let Some((_, w)) = cells.pop() else { break };
                used -= w;
            }
        }
        let mut col = 0usize;
        for (s, w) in &cells {
            let cx = area.x + col as u16;
            if cx < clip.right() {
                buf.set_stringn(cx, y, s, *w, style);
            }
            col += w;
        }
        if cut_left {
            buf.set_stringn(area.x, y, "‹", 1, style.add_modifier(Modifier::DIM));
        }
        if cut_right && width > 0 {
            let cx = area.x + (width - 1) as u16;
            buf.set_stringn(cx, y, "›", 1, style.add_modifier(Modifier::DIM));
        }
        if let Some(c) = cursor_cell
            && c < width
        {
            let cx = area.x + c as u16;
            if let Some(cell) = buf.cell_mut((cx, y)) {
                if cell.symbol().is_empty() {
                    cell.set_symbol(" ");
                }
                cell.set_style(cursor);
            }
        }
    }
}

/// Columns the line numbers of [`draw_numbered`] take (digits and a space).
pub fn number_width(text: &TextArea) -> u16 {
    let digits = text.lines.len().to_string().len();
    (digits + 1).min(usize::from(u16::MAX)) as u16
}

/// [`draw`] with each line's number in a dim gutter on the left (errors name lines).
/// The gutter is left out of a window too narrow for it and some text.
pub fn draw_numbered(buf: &mut Buffer, area: Rect, text: &TextArea, style: Style, dim: Style) {
    let gutter = number_width(text);
    if area.width < gutter + 4 {
        return draw(buf, area, text, style);
    }
    let digits = usize::from(gutter - 1);
    for k in 0..usize::from(area.height) {
        let n = text.top + k;
        if n >= text.lines.len() {
            break;
        }
        let y = area.y + k as u16;
        if y < buf.area.bottom() && area.x < buf.area.right() {
            buf.set_stringn(area.x, y, format!("{:>digits$}", n + 1), digits, dim);
        }
    }
    let rest = Rect::new(area.x + gutter, area.y, area.width - gutter, area.height);
    draw(buf, rest, text, style);
}

#[cfg(test)]
mod tests {
    use super::*;
    use Motion::*;

    fn typed(t: &mut TextArea, s: &str) {
        for c in s.chars() {
            if c == '\n' {
                t.apply(TextEdit::Newline);
            } else {
                t.insert_char(c);
            }
        }
    }

    fn mv(t: &mut TextArea, m: Motion) -> Change {
        t.apply(TextEdit::Move(m))
    }

    fn rows(buf: &Buffer) -> Vec<String> {
        (0..buf.area.height)
            .map(|y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .collect()
    }

    #[test]
    fn typing_enter_and_deleting_edit_lines() {
        let mut t = TextArea::new("", 100);
        assert!(t.is_empty());
        typed(&mut t, "ab\ncd");
        assert_eq!(t.text(), "ab\ncd");
        assert_eq!(t.cursor(), (1, 2));
        mv(&mut t, Home);
        assert_eq!(t.apply(TextEdit::Backspace), Change::Changed);
        assert_eq!(
            t.text(),
            "abcd",
            "Backspace at a line's start joins the lines"
        );
        assert_eq!(t.cursor(), (0, 2));
        assert_eq!(t.apply(TextEdit::Delete), Change::Changed);
        assert_eq!(t.text(), "abd");
        mv(&mut t, End);
        assert_eq!(t.apply(TextEdit::Delete), Change::Unchanged);
        mv(&mut t, Top);
        assert_eq!(t.apply(TextEdit::Backspace), Change::Unchanged);
        assert_eq!(t.len(), 3);
        typed(&mut t, "x\n");
        assert_eq!(t.text(), "x\nabd");
        assert_eq!(t.len(), 5);
    }

    #[test]
    fn moves_by_character_wrap_across_lines() {
        let mut t = TextArea::new("ab\ncd", 100);
        assert_eq!(mv(&mut t, Left), Change::Unchanged);
        mv(&mut t, End);
        mv(&mut t, Right);
        assert_eq!(t.cursor(), (1, 0));
        mv(&mut t, Left);
        assert_eq!(t.cursor(), (0, 2));
        mv(&mut t, Bottom);
        assert_eq!(t.cursor(), (1, 2));
        assert_eq!(mv(&mut t, Right), Change::Unchanged);
    }

    #[test]
    fn moves_by_word() {
        let mut t = TextArea::new("  \"Action\": \"s3:GetObject\",\nnext", 100);
        mv(&mut t, WordRight);
        assert_eq!(t.cursor(), (0, 3), "to the start of Action");
        mv(&mut t, WordRight);
        assert_eq!(t.cursor(), (0, 13), "over the quote, colon and space to s3");
        mv(&mut t, WordRight);
        assert_eq!(t.cursor(), (0, 16));
        mv(&mut t, End);
        mv(&mut t, WordRight);
        assert_eq!(t.cursor(), (1, 0), "a word move crosses the line break");
        mv(&mut t, WordLeft);
        assert_eq!(t.cursor(), (0, 27));
        mv(&mut t, WordLeft);
        assert_eq!(t.cursor(), (0, 16), "to the start of GetObject");
    }

    #[test]
    fn up_and_down_keep_the_display_column_across_accents() {
        // "ação" is 4 characters and 4 columns; "日本" is 2 characters, 4 columns.
        let mut t = TextArea::new("ação: x\n日本語\nab\nconfiguração", 100);
        t.go_to(0, 4);
        assert_eq!(t.cursor_column(), 4);
        mv(&mut t, Down);
        assert_eq!(t.cursor(), (1, 2), "column 4 is after two wide characters");
        mv(&mut t, Down);
        assert_eq!(t.cursor(), (2, 2), "a short line: its end");
        mv(&mut t, Down);
        assert_eq!(
            t.cursor(),
            (3, 4),
            "the goal column comes back on a long line"
        );
        mv(&mut t, Down);
        assert_eq!(t.cursor(), (3, 12), "Down on the last line goes to its end");
        mv(&mut t, Up);
        mv(&mut t, Up);
        mv(&mut t, Up);
        mv(&mut t, Up);
        assert_eq!(t.cursor(), (0, 0), "Up on the first line goes to its start");
    }

    #[test]
    fn pages_move_by_the_window_height() {
        let text: Vec<String> = (0..50).map(|i| format!("line {i}")).collect();
        let mut t = TextArea::new(&text.join("\n"), 10_000);
        t.fit(20, 10);
        mv(&mut t, PageDown);
        assert_eq!(t.cursor().0, 9);
        t.fit(20, 10);
        assert_eq!(t.scroll().0, 0);
        mv(&mut t, PageDown);
        t.fit(20, 10);
        assert_eq!(t.cursor().0, 18);
        assert_eq!(t.scroll().0, 9, "the window follows the cursor");
        mv(&mut t, PageUp);
        mv(&mut t, PageUp);
        mv(&mut t, PageUp);
        t.fit(20, 10);
        assert_eq!((t.cursor().0, t.scroll().0), (0, 0));
    }

    #[test]
    fn a_paste_of_many_characters_is_one_edit_and_stops_at_the_cap() {
        let mut t = TextArea::new("{}", 30);
        t.go_to(0, 1);
        assert_eq!(t.paste("\r\n  \"a\":\t1\r\n"), Change::Changed);
        assert_eq!(t.text(), "{\n  \"a\":  1\n}");
        assert_eq!(t.cursor(), (2, 0));
        let before = t.len();
        assert_eq!(t.paste(&"x".repeat(1000)), Change::Full);
        assert_eq!(t.len(), 30, "what fits is kept");
        assert!(before < 30);
        assert_eq!(t.insert_char('y'), Change::Full);
        assert_eq!(t.len(), 30);
        assert_eq!(
            t.paste("\u{1b}\u{7}\u{9b}"),
            Change::Unchanged,
            "controls are left out"
        );
        assert!(full_message(30, Lang::PtBr).contains("30 caracteres"));
    }

    #[test]
    fn the_window_follows_the_cursor_sideways_with_markers() {
        let mut t = TextArea::new("0123456789abcdefghij\nçã", 100);
        t.fit(8, 2);
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 2));
        let area = buf.area;
        draw(&mut buf, area, &t, Style::default());
        assert_eq!(rows(&buf), ["0123456›", "çã      "]);
        mv(&mut t, End);
        t.fit(8, 2);
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 2));
        let area = buf.area;
        draw(&mut buf, area, &t, Style::default());
        let r = rows(&buf);
        assert!(r[0].starts_with('‹') && r[0].contains("j"), "{r:?}");
        assert!(
            buf[(6, 0)].modifier.contains(Modifier::REVERSED),
            "the cursor is drawn after the last character: {r:?}"
        );
        mv(&mut t, Home);
        t.fit(8, 2);
        assert_eq!(t.scroll(), (0, 0));
    }

    #[test]
    fn the_cursor_stays_visible_on_tiny_windows() {
        let mut t = TextArea::new(&"é".repeat(200), 1000);
        mv(&mut t, End);
        for (w, h) in [(1, 1), (3, 1), (20, 5)] {
            t.fit(w, h);
            let x = t.cursor_column();
            let (_, left) = t.scroll();
            assert!(x >= left && x < left + w.max(3), "{w}x{h}: {x} {left}");
            let mut buf = Buffer::empty(Rect::new(0, 0, w as u16, h as u16));
            let area = buf.area;
            draw(&mut buf, area, &t, Style::default());
        }
    }
}
