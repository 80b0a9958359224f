//! Text helpers shared by the renderer and search: display width, control-character
//! escaping (nothing raw ever reaches the terminal) and case/accent folding.
use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

/// Display width of one character as the terminal draws it (0 for combining marks).
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Display width of a string.
pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// True for characters that must never be written raw: C0 controls (other than the
/// newline and tab handled by the caller), DEL, C1 controls, and the bidirectional
/// overrides that can reorder what the terminal shows.
fn needs_escape(c: char) -> bool {
    let u = c as u32;
    u < 0x20 || u == 0x7f || (0x80..=0x9f).contains(&u) || is_bidi_control(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c as u32, 0x202a..=0x202e | 0x2066..=0x2069 | 0x200e | 0x200f | 0x061c)
}

/// Appends `c` to `out`, escaping it visibly if it is a control character:
/// C0 as caret notation (`^[` for ESC), DEL as `^?`, C1 and bidi controls as `<U+XXXX>`.
/// Tabs become a single space (callers that care about tab stops expand them first);
/// U+2028/2029 separators become a space.
pub fn push_sanitized(out: &mut String, c: char) {
    match c {
        '\t' | '\u{2028}' | '\u{2029}' => out.push(' '),
        c if needs_escape(c) => {
            let u = c as u32;
            if u < 0x20 {
                out.push('^');
                out.push(char::from_u32(u + 0x40).unwrap_or('?'));
            } else if u == 0x7f {
                out.push_str("^?");
            } else {
                out.push_str(&format!("<U+{u:04X}>"));
            }
        }
        c => out.push(c),
    }
}

/// True when `s` has nothing to escape or turn into a space: no C0 control (tab and
/// newline included), DEL, C1 control, bidi control or line separator. A byte scan:
/// those characters all start with a byte below 0x20, 0x7F, 0xC2 (C1), 0xD8 (U+061C)
/// or 0xE2 (U+200E–U+2069); text without those bytes is clean.
pub fn is_clean(s: &str) -> bool {
    !s.bytes()
        .any(|b| b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xd8 || b == 0xe2)
        || s.chars()
            .all(|c| !needs_escape(c) && !matches!(c, '\t' | '\n' | '\u{2028}' | '\u{2029}'))
}

/// A copy of `s` with every control character escaped (newlines included).
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_sanitized(&mut out, c);
    }
    out
}

/// True for every character that must not reach a terminal raw: the controls of
/// [`push_sanitized`] plus the line and paragraph separators. For code that replaces
/// such a character by one column of its own (the state machine drawing).
pub fn is_terminal_control(c: char) -> bool {
    needs_escape(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// `s` as it may be written to a terminal: every control character escaped visibly
/// ([`push_sanitized`]) except the line break and the tab, which only move the cursor
/// forward and are how command output is laid out. The one text rule of the
/// commands' output boundary (`commands::output`); borrowed when nothing changes.
pub fn escape_output(s: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c != '\n' && c != '\t' && is_terminal_control(c);
    if is_clean(s) || !s.contains(unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if unsafe_char(c) {
            push_sanitized(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Serialized JSON as it may be written to a terminal: the characters serde_json
/// leaves raw but a terminal acts on — DEL, C1 controls, bidi controls and the line
/// and paragraph separators — become `\uXXXX` escapes, so the document parses to the
/// same strings. Safe as a pass over the finished text: outside strings JSON holds
/// only ASCII, and inside them serde_json never leaves a backslash before a non-ASCII
/// character, so each replaced character is a whole string character.
pub fn escape_json(json: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c as u32 >= 0x7f && is_terminal_control(c);
    if !json.contains(unsafe_char) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Expands tabs to the next multiple of 4 columns, then sanitizes: for code blocks.
pub fn expand_tabs_sanitized(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    push_expanded_sanitized(&mut out, line);
    out
}

/// As [`expand_tabs_sanitized`], appending to `out` (columns count from where the
/// line starts in `out`, so `out` may hold other text before it).
pub fn push_expanded_sanitized(out: &mut String, line: &str) {
    if is_clean(line) {
        out.push_str(line);
        return;
    }
    let mut col = 0;
    for c in line.chars() {
        if c == '\t' {
            let n = 4 - col % 4;
            out.extend(std::iter::repeat_n(' ', n));
            col += n;
        } else {
            let before = out.len();
            push_sanitized(out, c);
            col += str_width(&out[before..]);
        }
    }
}

/// Folds one character for case- and accent-insensitive matching. Always exactly one
/// character out per character in, so match positions map back to the original text.
pub fn fold_char(c: char) -> char {
    let lower = if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    };
    match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' | 'ş' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        'ť' | 'ţ' => 't',
        'ď' => 'd',
        'ğ' => 'g',
        other => other,
    }
}

/// The folded form of a string (same number of characters).
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Finds every occurrence of the already-folded, non-empty `needle` in `hay_folded`,
/// returning (start, end) as character indices.
///
/// Linear in the haystack: a needle longer than the haystack is rejected before any
/// search (a pasted 100 KB query is not prepared once per line), and character
/// positions are counted on from the previous match, not from the start each time.
pub fn find_folded(hay_folded: &str, needle: &str) -> Vec<(usize, usize)> {
    let mut hits = Vec::new();
    if needle.is_empty() || needle.len() > hay_folded.len() {
        return hits;
    }
    let needle_chars = needle.chars().count();
    let mut search_from = 0;
    // Characters before byte `counted`.
    let (mut counted, mut chars_before) = (0, 0);
    while let Some(pos) = hay_folded[search_from..].find(needle) {
        let byte = search_from + pos;
        chars_before += hay_folded[counted..byte].chars().count();
        counted = byte;
        let start = chars_before;
        hits.push((start, start + needle_chars));
        // Advance one character past the match start (overlapping matches allowed).
        let step = hay_folded[byte..].chars().next().map_or(1, char::len_utf8);
        search_from = byte + step;
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_visibly() {
        assert_eq!(sanitize("a\u{1b}[31mb"), "a^[[31mb");
        assert_eq!(sanitize("bell\u{7}"), "bell^G");
        assert_eq!(sanitize("del\u{7f}"), "del^?");
        assert_eq!(sanitize("c1\u{9b}x"), "c1<U+009B>x");
        assert_eq!(sanitize("rtl\u{202e}x"), "rtl<U+202E>x");
        assert_eq!(sanitize("ação 漢字 🦀"), "ação 漢字 🦀");
    }

    #[test]
    fn the_clean_fast_path_agrees_with_escaping() {
        for s in [
            "plain",
            "ação",
            "漢字 🦀",
            "a\u{1b}b",
            "tab\t",
            "nl\n",
            "c1\u{85}",
            "rtl\u{202e}",
            "ls\u{2028}",
            "—",
            "\u{61c}",
        ] {
            let clean = is_clean(s);
            assert_eq!(
                clean,
                sanitize(s) == s && !s.contains(['\t', '\n']),
                "{s:?}"
            );
        }
    }

    #[test]
    fn output_keeps_line_breaks_and_tabs_and_escapes_the_rest() {
        assert_eq!(escape_output("a\tb\nc"), "a\tb\nc");
        assert!(matches!(escape_output("ação 漢字"), Cow::Borrowed(_)));
        assert_eq!(
            escape_output("t\u{1b}]0;x\u{7}\r\u{9b}\u{202e}\u{2028}."),
            "t^[]0;x^G^M<U+009B><U+202E> ."
        );
    }

    #[test]
    fn json_escaping_keeps_the_document_and_its_strings() {
        let original = "n\u{1b}\u{7f}\u{85}\u{9b}\u{202e}\u{2066}\u{2028}\u{2029}\u{61c}ação\\";
        let text =
            serde_json::to_string(&serde_json::json!({ original: [original] })).expect("serialize");
        let safe = escape_json(&text);
        assert!(safe.chars().all(|c| !is_terminal_control(c)), "{safe}");
        assert!(safe.contains("\\u202e") && safe.contains("ação"), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(back, serde_json::json!({ original: [original] }));
    }

    #[test]
    fn widths_count_wide_and_combining() {
        assert_eq!(str_width("abc"), 3);
        assert_eq!(str_width("漢字"), 4);
        assert_eq!(str_width("e\u{301}"), 1);
    }

    #[test]
    fn tabs_expand_to_stops() {
        assert_eq!(expand_tabs_sanitized("a\tb"), "a   b");
        assert_eq!(expand_tabs_sanitized("\tx"), "    x");
    }

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("Rotação de CHAVES"), "rotacao de chaves");
        assert_eq!(fold("İ").chars().count(), 1);
        assert_eq!(
            find_folded(&fold("Ação, acao"), &fold("AÇÃO")),
            vec![(0, 4), (6, 10)]
        );
        assert_eq!(find_folded("aaa", "aa"), vec![(0, 2), (1, 3)]);
    }
}
