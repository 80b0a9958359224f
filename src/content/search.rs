//! Search across notes by source line, case- and accent-insensitive (`rotacao` finds
//! `rotação`): one hit per matching line, `<topic>:<line>: <snippet>` in the CLI.
use crate::lang::Lang;
use crate::markdown::text::{fold, sanitize};

use super::Library;

#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub topic: usize,
    pub lang: Lang,
    /// 1-based source line.
    pub line: u32,
    pub snippet: String,
}

struct IndexedLine {
    topic: usize,
    lang: Lang,
    line: u32,
    /// Byte range of the line in its note's text, so a hit finds its original line
    /// without walking the note again.
    start: usize,
    end: usize,
    folded: String,
}

/// The lines of `text` as `str::lines` cuts them, with their byte ranges.
fn line_ranges(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    text.split_inclusive('\n').map(move |l| {
        let start = at;
        at += l.len();
        // A line ends with "\n" or "\r\n"; a lone "\r" at the very end stays.
        let l = match l.strip_suffix('\n') {
            Some(l) => l.strip_suffix('\r').unwrap_or(l),
            None => l,
        };
        (start, start + l.len())
    })
}

/// Every source line of every note, folded once, so a query is one linear scan:
/// each line is looked at once, and a hit finds its original line by its offsets.
pub struct SearchIndex {
    lines: Vec<IndexedLine>,
}

impl SearchIndex {
    pub fn build(lib: &Library) -> SearchIndex {
        let mut lines = Vec::new();
        for (ti, topic) in lib.topics.iter().enumerate() {
            for lang in crate::lang::ALL_LANGS {
                if !topic.has_lang(lang) {
                    continue;
                }
                let text = topic.note(lang).text();
                for (n, (start, end)) in line_ranges(text).enumerate() {
                    let l = &text[start..end];
                    if l.trim().is_empty() {
                        continue;
                    }
                    lines.push(IndexedLine {
                        topic: ti,
                        lang,
                        line: u32::try_from(n + 1).unwrap_or(u32::MAX),
                        start,
                        end,
                        folded: fold(l),
                    });
                }
            }
        }
        SearchIndex { lines }
    }

    /// Hits in `lang` (or every language when `None`), in topic and line order.
    ///
    /// Linear in the indexed text whatever the query: a line shorter than the query
    /// cannot hold it and is skipped before any substring search, so a long query
    /// (100 KB pasted) costs its own length once, not once per line.
    pub fn search(&self, lib: &Library, lang: Option<Lang>, query: &str, limit: usize) -> Vec<Hit> {
        let q = fold(query.trim());
        if q.is_empty() {
            return Vec::new();
        }
        let mut hits = Vec::new();
        for l in &self.lines {
            if lang.is_some_and(|x| x != l.lang) || l.folded.len() < q.len() {
                continue;
            }
            if let Some(byte) = l.folded.find(&q) {
                let src = lib.topics[l.topic].note(l.lang).text();
                let original = src.get(l.start..l.end).unwrap_or("");
                let col = l.folded[..byte].chars().count();
                hits.push(Hit {
                    topic: l.topic,
                    lang: l.lang,
                    line: l.line,
                    snippet: snippet(original, col, 100),
                });
                if hits.len() >= limit {
                    break;
                }
            }
        }
        hits
    }
}

/// A source line as a reader would want it in a result list: without heading marks,
/// heading ids, emphasis markers or backticks.
pub fn clean_line(line: &str) -> String {
    let mut s = line.trim();
    let hashes = s.len() - s.trim_start_matches('#').len();
    if hashes > 0 && s[hashes..].starts_with(' ') {
        s = s[hashes..].trim_start();
        if let Some(i) = s.rfind(" {#")
            && s.ends_with('}')
        {
            s = &s[..i];
        }
    }
    s.replace("**", "").replace('`', "")
}

/// The line cleaned, escaped, and cut to about `max` characters around column `col`
/// (a column of the raw line).
pub fn snippet(line: &str, col: usize, max: usize) -> String {
    let raw_chars = line.chars().count();
    let cleaned = clean_line(line);
    let line = cleaned.as_str();
    // Keep the match in view: scale the column to the cleaned line.
    let col = col * line.chars().count() / raw_chars.max(1);
    let chars: Vec<char> = line.chars().collect();
    let lead = chars.iter().take_while(|c| c.is_whitespace()).count();
    let end = chars.len() - chars.iter().rev().take_while(|c| c.is_whitespace()).count();
    let (mut a, mut b) = (lead, end.max(lead));
    if b - a > max {
        let col = col.clamp(a, b);
        a = col.saturating_sub(max / 3).max(a);
        b = (a + max).min(b);
    }
    let mut s: String = chars[a..b].iter().collect();
    s = sanitize(&s);
    if a > lead {
        s.insert(0, '…');
    }
    if b < end {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ranges_cut_as_str_lines_does() {
        for text in [
            "",
            "a",
            "a\n",
            "a\r\nb",
            "\n\nx\r\n",
            "ação\nß\r",
            "x\r\r\n",
        ] {
            let cut: Vec<&str> = line_ranges(text).map(|(a, b)| &text[a..b]).collect();
            assert_eq!(cut, text.lines().collect::<Vec<_>>(), "{text:?}");
        }
    }

    #[test]
    fn snippets_cut_around_the_match() {
        assert_eq!(snippet("   hello  ", 3, 100), "hello");
        assert_eq!(
            snippet("## Key rotation {#key-rotation}", 3, 100),
            "Key rotation"
        );
        assert_eq!(
            snippet("Use **KMS** and `aws kms`", 0, 100),
            "Use KMS and aws kms"
        );
        let long = "a".repeat(50) + "KMS" + &"b".repeat(100);
        let s = snippet(&long, 50, 30);
        assert!(
            s.contains("KMS") && s.starts_with('…') && s.ends_with('…'),
            "{s}"
        );
    }
}
