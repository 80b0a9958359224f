//! Randomized robustness of the markdown renderer: markdown stitched from hostile
//! fragments (controls, wide characters, deep nesting, broken tables) at random widths
//! 1–300 never panics, never exceeds the width, and never writes a raw control byte.
//! Deterministic (fixed seeds), so a failure is reproducible.
use crate::common;

use aws_study::markdown::{ansi, layout, parse};
use common::Rng;

/// Hostile markdown pieces, shared with `show_stream.rs`.
pub(crate) const FRAGMENTS: &[&str] = &[
    "# ",
    "## Title {#id}",
    "### ",
    "\n",
    "\n\n",
    "- ",
    "  - ",
    "    - ",
    "1. ",
    "10) ",
    "> ",
    "> > ",
    "- [x] ",
    "- [ ] ",
    "```",
    "```rust\n",
    "~~~",
    "    code",
    "\t",
    "|a|b|\n|-|-|\n|1|2|\n",
    "| Service name | Formula of the line | Cost |\n|---|:-:|--:|\n| Elastic Load Balancing | 720 h × $0.0225/h | $16.20 |\n",
    "| x |\n|:-:|\n",
    "|",
    "---",
    "***",
    "*",
    "**",
    "_",
    "~~",
    "`",
    "[link](http://example.com)",
    "![alt](img.png)",
    "<div>",
    "</div>",
    "<b>",
    "&amp;",
    "&#0;",
    "[^1]",
    "[^1]: note",
    "word ",
    "longlonglonglonglonglonglonglonglongword",
    "漢字かな",
    "🦀🦀",
    "e\u{301}",
    "ação",
    "\u{1b}[31m",
    "\u{1b}]0;t\u{7}",
    "\u{9b}",
    "\u{7f}",
    "\u{0}",
    "\u{202e}",
    "\r\n",
    "  \n",
    "\\",
    "<http://a.b>",
    "1. a\n2. b",
    " ",
];

#[test]
fn random_markdown_at_random_widths_stays_in_bounds() {
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    for case in 0..1500 {
        let n = 1 + rng.below(60);
        let mut md = String::new();
        for _ in 0..n {
            md.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]);
        }
        let width = 1 + rng.below(300);
        let doc = parse(&md);
        let lay = layout(&doc, width);
        let text = ansi::render_lines(&lay.lines, false);
        for l in text.lines() {
            let w = common::width(l);
            // A double-width character cannot fit a 1-column line; it is kept, not lost.
            assert!(
                w <= width.max(2),
                "case {case} width {width}: {l:?} from {md:?}"
            );
            assert!(
                !l.chars()
                    .any(|c| (c as u32) < 0x20 || (0x7f..=0x9f).contains(&(c as u32))),
                "case {case}: raw control in {l:?}"
            );
        }
        for a in &lay.anchors {
            assert!(
                a.line < lay.lines.len().max(1),
                "case {case}: anchor out of range"
            );
        }
    }
}

#[test]
fn deep_nesting_does_not_overflow_or_exceed_the_width() {
    let quotes = ">".repeat(5000) + " deep";
    let lists: String = (0..300)
        .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
        .collect();
    for md in [quotes, lists] {
        for width in [1, 10, 80] {
            let text = ansi::render_lines(&layout(&parse(&md), width).lines, false);
            assert!(text.lines().all(|l| common::width(l) <= width.max(2)));
            let flat: String = text.split_whitespace().collect();
            if width != 10 {
                assert!(
                    flat.contains("deep") || flat.contains("item299"),
                    "text lost at width {width}"
                );
            }
        }
    }
}
