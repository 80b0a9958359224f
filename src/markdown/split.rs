//! Where a large markdown document can be cut so that each piece parses exactly as
//! it would inside the whole: at an ATX heading that starts a line after a blank
//! line, outside fenced code. Documents whose meaning can cross such a line (link
//! reference definitions, footnotes, HTML blocks that may span blank lines) are
//! never cut.

/// Below this size a document is parsed in one piece.
pub const MIN_SPLIT_BYTES: usize = 256 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk {
    pub start: usize,
    pub end: usize,
    /// Lines of the document before `start`.
    pub lines_before: u32,
}

fn has_cross_references(src: &str) -> bool {
    let lower_html = [
        "<!--",
        "<pre",
        "<script",
        "<style",
        "<textarea",
        "<?",
        "<![cdata[",
    ];
    for line in src.lines() {
        let t = line.trim_start();
        if line.len() - t.len() <= 3 && t.starts_with('[') && t.contains("]:") {
            return true; // a link reference or footnote definition
        }
        if t.starts_with('<') {
            let l = t.to_ascii_lowercase();
            if lower_html.iter().any(|h| l.starts_with(h)) {
                return true;
            }
        }
    }
    false
}

fn fence_of(line: &str) -> Option<(char, usize)> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let c = t.chars().next()?;
    if c != '`' && c != '~' {
        return None;
    }
    let n = t.chars().take_while(|&x| x == c).count();
    (n >= 3).then_some((c, n))
}

fn is_atx_heading(line: &str) -> bool {
    let n = line.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&n) && matches!(line.as_bytes().get(n), None | Some(b' ' | b'\t'))
}

/// Cuts `src` into at most `pieces` chunks of similar size at safe boundaries.
pub fn chunks(src: &str, pieces: usize) -> Vec<Chunk> {
    let whole = vec![Chunk {
        start: 0,
        end: src.len(),
        lines_before: 0,
    }];
    if pieces <= 1 || src.len() < MIN_SPLIT_BYTES || has_cross_references(src) {
        return whole;
    }
    // Candidate cut points: (byte offset, line number) of safe heading lines.
    let mut candidates: Vec<(usize, u32)> = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let mut prev_blank = true;
    let mut offset = 0;
    for (n, line) in src.split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        match (fence, fence_of(body)) {
            (None, Some(f)) => fence = Some(f),
            (Some((c, len)), Some((c2, len2)))
                if c == c2 && len2 >= len && body.trim().chars().all(|x| x == c) =>
            {
                fence = None
            }
            (None, None) if prev_blank && offset > 0 && is_atx_heading(body) => {
                candidates.push((offset, n as u32));
            }
            _ => {}
        }
        prev_blank = body.trim().is_empty();
        offset += line.len();
    }
    if candidates.is_empty() {
        return whole;
    }
    let mut cuts: Vec<(usize, u32)> = Vec::new();
    for k in 1..pieces {
        let target = src.len() * k / pieces;
        let i = candidates.partition_point(|c| c.0 < target);
        if let Some(&c) = candidates.get(i)
            && cuts.last().is_none_or(|l| l.0 < c.0)
        {
            cuts.push(c);
        }
    }
    let mut out = Vec::new();
    let mut start = (0usize, 0u32);
    for c in cuts {
        out.push(Chunk {
            start: start.0,
            end: c.0,
            lines_before: start.1,
        });
        start = c;
    }
    out.push(Chunk {
        start: start.0,
        end: src.len(),
        lines_before: start.1,
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{layout, parse, parse_and_layout};

    fn big(extra: &str) -> String {
        let mut s = String::from("# Title\n\nintro\n");
        let mut i = 0;
        while s.len() < MIN_SPLIT_BYTES * 3 {
            i += 1;
            s.push_str(&format!(
                "\n## Part {i} {{#p{i}}}\n\nSome *text* here with `code`.\n\n- a\n  - b\n\n```\n# not a heading {i}\n\n## nor this\n```\n\n> quote\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
            ));
        }
        s.push_str(extra);
        s
    }

    #[test]
    fn cuts_only_at_headings_outside_code() {
        let s = big("");
        let c = chunks(&s, 4);
        assert_eq!(c.len(), 4);
        for w in c.windows(2) {
            assert_eq!(w[0].end, w[1].start);
            assert!(
                s[w[1].start..].starts_with("## Part "),
                "{:?}",
                &s[w[1].start..w[1].start + 20]
            );
        }
    }

    #[test]
    fn split_layout_is_identical_to_the_whole() {
        let s = big("");
        let whole = layout(&parse(&s), 77);
        let split = parse_and_layout(&s, 77);
        assert_eq!(whole.lines, split.lines);
        assert_eq!(whole.anchors, split.anchors);
    }

    #[test]
    fn documents_with_references_are_not_cut() {
        assert_eq!(chunks(&big("\n[ref]: http://x\n"), 4).len(), 1);
        assert_eq!(chunks(&big("\n[^1]: note\n"), 4).len(), 1);
        assert_eq!(chunks(&big("\n<!-- a\n\n# b -->\n"), 4).len(), 1);
        assert_eq!(chunks("# small\n\n## x\n", 4).len(), 1);
    }
}
