//! Wrapping and cutting plain text by display width (columns, not bytes or chars):
//! the one place the views, the Lab's drawings and the status lines fold or shorten
//! a text. A leaf module. (The note renderer's `markdown::layout` wraps styled spans
//! with its own rules for links and code, on top of the same widths.)
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of `s` (fast for the ASCII and box-drawing text of the drawings).
pub fn width(s: &str) -> usize {
    let mut n = 0;
    for c in s.chars() {
        if matches!(c, ' '..='~' | '\u{2500}'..='\u{257f}' | '→' | '↺' | '▶' | '■' | '✗' | '…')
        {
            n += 1;
        } else {
            return s.width();
        }
    }
    n
}

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Word wrap at spaces to `cols` columns, keeping explicit line breaks. A word wider
/// than the row keeps its row (the caller cuts or scrolls).
pub fn words(text: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(1);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut cur = String::new();
        let mut used = 0;
        for word in para.split_whitespace() {
            let ww = word.width();
            let need = if cur.is_empty() { ww } else { used + 1 + ww };
            if need > cols && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
                used = 0;
            }
            if !cur.is_empty() {
                cur.push(' ');
                used += 1;
            }
            cur.push_str(word);
            used += ww;
        }
        out.push(cur);
    }
    out
}

/// `text` in rows of at most `cols` columns, cut anywhere (for names and values that
/// have no spaces to break at).
pub fn chars(text: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(1);
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut used = 0;
    for ch in text.chars() {
        let cw = char_width(ch);
        if used + cw > cols && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
            used = 0;
        }
        cur.push(ch);
        used += cw;
    }
    if !cur.is_empty() || out.is_empty() {
        out.push(cur);
    }
    out
}

/// Wraps a row of pretty-printed JSON or text at spaces where it can (inside a word
/// only when the word is wider than the row), continuing under its indentation.
pub fn indented(row: &str, cols: usize) -> Vec<String> {
    if row.width() <= cols {
        return vec![row.to_string()];
    }
    let indent = row.len() - row.trim_start_matches(' ').len();
    let lead = " ".repeat((indent + 2).min(cols / 2));
    let mut out: Vec<String> = Vec::new();
    let mut cur = row[..indent].to_string();
    let mut used = indent;
    for word in row[indent..].split(' ') {
        let ww = word.width();
        let fresh = used == 0 || cur.trim().is_empty();
        if !fresh && used + 1 + ww > cols {
            out.push(std::mem::take(&mut cur));
            cur.push_str(&lead);
            used = lead.len();
        } else if !fresh {
            cur.push(' ');
            used += 1;
        }
        if used + ww <= cols {
            cur.push_str(word);
            used += ww;
        } else {
            // A word wider than the row: cut it across rows.
            for piece in chars(word, cols.saturating_sub(used.max(lead.len())).max(1)) {
                if used + piece.width() > cols && !cur.trim().is_empty() {
                    out.push(std::mem::take(&mut cur));
                    cur.push_str(&lead);
                    used = lead.len();
                }
                used += piece.width();
                cur.push_str(&piece);
            }
        }
    }
    if !cur.trim().is_empty() || out.is_empty() {
        out.push(cur);
    }
    out
}

/// `s` cut to `cols` columns, ending in `…` when it was longer.
pub fn ellipsis(s: &str, cols: usize) -> String {
    if width(s) <= cols {
        return s.to_string();
    }
    if cols == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = char_width(c);
        if used + cw > cols - 1 {
            break;
        }
        used += cw;
        out.push(c);
    }
    // Grapheme sequences can be wider than the sum of their chars.
    while !out.is_empty() && width(&out) + 1 > cols {
        out.pop();
    }
    out.push('…');
    out
}

/// Cuts `line` to `cols` columns in place (no mark); true when it was cut.
pub fn cut(line: &mut String, cols: usize) -> bool {
    if width(line) <= cols {
        return false;
    }
    let mut used = 0;
    let mut end = 0;
    for (pos, c) in line.char_indices() {
        let cw = char_width(c);
        if used + cw > cols {
            break;
        }
        used += cw;
        end = pos + c.len_utf8();
    }
    line.truncate(end);
    while width(line) > cols {
        line.pop();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fit_their_width_and_keep_line_breaks() {
        assert_eq!(words("a bb ccc dddd", 6), ["a bb", "ccc", "dddd"]);
        assert_eq!(words("one\ntwo", 40), ["one", "two"]);
        assert_eq!(words("", 5), [""]);
        for l in words("transições de estado em português são largas", 10) {
            assert!(width(&l) <= 10, "{l}");
        }
    }

    #[test]
    fn wide_characters_count_two_columns() {
        assert_eq!(chars("日本語", 4), ["日本", "語"]);
        assert_eq!(ellipsis("日本語", 4), "日…");
        let mut s = "日本語".to_string();
        assert!(cut(&mut s, 3));
        assert_eq!(s, "日");
    }

    #[test]
    fn ellipsis_only_when_cut() {
        assert_eq!(ellipsis("abc", 3), "abc");
        assert_eq!(ellipsis("abcd", 3), "ab…");
        assert_eq!(ellipsis("abcd", 0), "");
    }

    #[test]
    fn indented_rows_continue_under_their_indent() {
        let rows = indented("    \"key\": \"a long value that wraps\"", 20);
        assert!(rows.len() > 1);
        assert!(rows[1].starts_with("      "));
        assert!(rows.iter().all(|r| width(r) <= 20), "{rows:?}");
    }
}
