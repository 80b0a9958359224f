//! Every example of the CommonMark spec renders through the real renderer without a
//! panic, within the width, and with every word of the spec's expected output
//! visible. The spec is vendored with its licence in `tests/fixtures/commonmark/`.
use crate::common;

use aws_study::markdown::{ansi, layout, parse};

/// (markdown, expected HTML) of each example.
fn examples(spec: &str) -> Vec<(String, String)> {
    let fence = "`".repeat(32);
    let mut out = Vec::new();
    let mut lines = spec.lines();
    while let Some(l) = lines.next() {
        if l.starts_with(&fence) && l.contains("example") {
            let (mut md, mut html) = (String::new(), String::new());
            for l in lines.by_ref() {
                if l == "." {
                    break;
                }
                md.push_str(l);
                md.push('\n');
            }
            for l in lines.by_ref() {
                if l.starts_with(&fence) {
                    break;
                }
                html.push_str(l);
                html.push('\n');
            }
            out.push((md.replace('\u{2192}', "\t"), html.replace('\u{2192}', "\t")));
        }
    }
    out
}

/// The words of the expected HTML's text: tags removed, entities decoded.
fn expected_words(html: &str) -> Vec<String> {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn commonmark_spec_examples_render_within_width_without_losing_text() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/commonmark/spec.txt"
    );
    let spec = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let all = examples(&spec);
    assert_eq!(all.len(), 655, "the spec's example count");
    let mut lost = Vec::new();
    for (i, (md, html)) in all.iter().enumerate() {
        let doc = parse(md);
        for width in [60usize, 20, 7] {
            let out = ansi::render_lines(&layout(&doc, width).lines, false);
            for l in out.lines() {
                assert!(
                    common::width(l) <= width,
                    "example {} at width {width}: {l:?}",
                    i + 1
                );
            }
        }
        let flat: String = ansi::render_lines(&layout(&doc, 60).lines, false)
            .split_whitespace()
            .collect();
        let missing: Vec<String> = expected_words(html)
            .into_iter()
            .filter(|w| !flat.contains(w.as_str()))
            .collect();
        if !missing.is_empty() {
            lost.push((i + 1, missing));
        }
    }
    eprintln!(
        "{}/{} CommonMark examples clean",
        all.len() - lost.len(),
        all.len()
    );
    assert!(lost.is_empty(), "examples that lost text: {lost:?}");
}
