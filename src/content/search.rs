//! Search across notes by source line, case- and accent-insensitive (SPEC §3 `search`).
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
    folded: String,
}

/// Every source line of every note, folded once, so a query is a linear scan.
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
                for (n, l) in topic.note(lang).text().lines().enumerate() {
                    if l.trim().is_empty() {
                        continue;
                    }
                    lines.push(IndexedLine {
                        topic: ti,
                        lang,
                        line: u32::try_from(n + 1).unwrap_or(u32::MAX),
                        folded: fold(l),
                    });
                }
            }
        }
        SearchIndex { lines }
    }

    /// Hits in `lang` (or every language when `None`), in topic and line order.
    pub fn search(&self, lib: &Library, lang: Option<Lang>, query: &str, limit: usize) -> Vec<Hit> {
        let q = fold(query.trim());
        if q.is_empty() {
            return Vec::new();
        }
        let mut hits = Vec::new();
        for l in &self.lines {
            if lang.is_some_and(|x| x != l.lang) {
                continue;
            }
            if let Some(byte) = l.folded.find(&q) {
                let src = lib.topics[l.topic].note(l.lang).text();
                let original = src.lines().nth(l.line as usize - 1).unwrap_or("");
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
