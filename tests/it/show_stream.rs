//! `show` streams a note straight from the parser's events (`markdown::stream`); the
//! TUI lays out its document model (`markdown::layout`). The two roads must write the
//! same bytes, plain and styled, for every bundled note in both languages, for every
//! CommonMark example, for random hostile documents and for a note large enough to be
//! split across threads by the model's road.
use super::common::Rng;
use super::render_random::FRAGMENTS;
use aws_study::content::Library;
use aws_study::lang::ALL_LANGS;
use aws_study::markdown::{ansi, layout, parse, parse_and_layout, stream};

/// What `show` wrote before it streamed: the whole note laid out, then rendered.
fn model_road(md: &str, width: usize, styled: bool) -> String {
    ansi::render_lines(&parse_and_layout(md, width).lines, styled)
}

fn assert_same(md: &str, width: usize, styled: bool, what: &str) {
    let streamed = stream::render_to_string(md, width, styled);
    let model = model_road(md, width, styled);
    if streamed != model {
        let line = streamed
            .lines()
            .zip(model.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| streamed.lines().count().min(model.lines().count()));
        panic!(
            "{what} at width {width} (styled: {styled}) differs from line {line}:\n stream: {:?}\n  model: {:?}\nsource: {md:?}",
            streamed.lines().nth(line),
            model.lines().nth(line),
        );
    }
}

#[test]
fn every_bundled_note_streams_as_the_model_lays_it_out() {
    let lib = Library::load(None).expect("bundled content");
    assert!(!lib.topics.is_empty());
    for topic in &lib.topics {
        for lang in ALL_LANGS {
            let md = topic.note(lang).text();
            for width in [40, 80, 100, 120] {
                for styled in [false, true] {
                    assert_same(md, width, styled, &format!("{} ({lang:?})", topic.id));
                }
            }
        }
    }
}

/// (markdown) of each example of the vendored CommonMark spec.
fn commonmark_examples() -> Vec<String> {
    let spec = include_str!("../fixtures/commonmark/spec.txt");
    let fence = "`".repeat(32);
    let mut out = Vec::new();
    let mut lines = spec.lines();
    while let Some(l) = lines.next() {
        if l.starts_with(&fence) && l.contains("example") {
            let mut md = String::new();
            for l in lines.by_ref() {
                if l == "." {
                    break;
                }
                md.push_str(l);
                md.push('\n');
            }
            out.push(md.replace('\u{2192}', "\t"));
        }
    }
    out
}

#[test]
fn every_commonmark_example_streams_as_the_model_lays_it_out() {
    let all = commonmark_examples();
    assert_eq!(all.len(), 655, "the spec's example count");
    for (i, md) in all.iter().enumerate() {
        for width in [1, 7, 20, 40, 80] {
            for styled in [false, true] {
                assert_same(md, width, styled, &format!("example {}", i + 1));
            }
        }
    }
    // And the spec itself, as one long note.
    let spec = include_str!("../fixtures/commonmark/spec.txt");
    for width in [40, 100] {
        assert_same(spec, width, true, "the CommonMark spec");
    }
}

/// Hostile pieces beyond `render_random.rs`'s: the inline corners where the stream
/// restates the model's rules (links whose text is their address, adjacent links,
/// images in links, task markers, hard breaks, headings of every level).
const EXTRA: &[&str] = &[
    "#### deep *heading*",
    "###### six",
    "| *a* | `b` | [c](http://c.d) |\n|:--|:-:|--:|\n| 1 | **2** two | 漢字 🦀 |\n| only one |\n",
    "| h1 | h2 | h3 | h4 | h5 | h6 | h7 | h8 | h9 | h10 |\n|---|---|---|---|---|---|---|---|---|---|\n| a | | c | d | e | f | g | h | i | j |\n",
    "| a\\|b | longlonglonglonglongword cell |\n|---|---|\n| \u{1b}[31m | - [x] |\n",
    "| x | y |\n|---|---|\n",
    "[http://a.b](http://a.b)",
    "<http://a.b><http://c.d>",
    "[mail](mailto:a@b.c)",
    "<a@b.c>",
    "[![img](i.png)](http://x.y)",
    "[**bold** link](u)",
    "[](empty)",
    "![](\u{1b}]0;x)",
    "<!-- c -->",
    "&#32;",
    "two  spaces",
    "hard  \nbreak",
    "back\\\nslash",
    "a**b**c*d*e",
    "\u{301}",
    "\u{a0}nbsp\u{3000}ideo",
    "\u{2028}",
    "\r",
];

fn random_document(rng: &mut Rng) -> String {
    let n = 1 + rng.below(60);
    let mut md = String::new();
    for _ in 0..n {
        let k = rng.below(FRAGMENTS.len() + EXTRA.len());
        md.push_str(
            FRAGMENTS
                .get(k)
                .unwrap_or_else(|| &EXTRA[k - FRAGMENTS.len()]),
        );
    }
    md
}

#[test]
fn random_hostile_documents_stream_as_the_model_lays_them_out() {
    let mut rng = Rng(0x5eed_5712_ea11_0013);
    for case in 0..3000 {
        let md = random_document(&mut rng);
        let width = 1 + rng.below(160);
        let styled = rng.below(2) == 1;
        assert_same(&md, width, styled, &format!("random case {case}"));
    }
}

#[test]
fn deep_nesting_streams_as_the_model_lays_it_out() {
    let quotes = ">".repeat(3000) + " deep";
    let lists: String = (0..200)
        .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
        .collect();
    let emphasis = "*a **b ~~c [d *e*](u)~~ f** g*\n".repeat(50);
    for md in [quotes, lists, emphasis] {
        for width in [1, 10, 80] {
            assert_same(&md, width, false, "deep nesting");
        }
    }
}

/// Past 256 KB both roads cut the note at headings (`markdown::split`), at different
/// places: the model's road into one piece per thread, the stream into pieces of
/// about 256 KB, parsed one after the other.
#[test]
fn a_large_note_streams_as_the_split_model_lays_it_out() {
    let mut rng = Rng(42);
    let mut md = String::from("# Big\n");
    let mut i = 0;
    while md.len() < 1_100_000 {
        i += 1;
        md.push_str(&format!("\n## Section {i} {{#s{i}}}\n\n"));
        for _ in 0..60 {
            md.push_str(
                ["lambda ", "glue ", "**athena** ", "`s3` ", "ação ", "漢字 "][rng.below(6)],
            );
        }
        md.push_str("\n\n- item one\n  - nested *two*\n- `code`\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n```\n# not a heading\n\n## nor this\n```\n\n> quoted\n");
    }
    for width in [40, 100] {
        for styled in [false, true] {
            assert_same(&md, width, styled, "a 1.1 MB note");
        }
    }
    // A reference defined at the end reaches back across every heading: not cut.
    let with_reference = format!("{md}\n[see][r]\n\n[r]: http://example.com\n");
    assert_same(&with_reference, 80, false, "a 1.1 MB note with a reference");
    // The model's road agrees with itself unsplit, so both agree with the TUI.
    assert_eq!(
        ansi::render_lines(&layout(&parse(&md), 100).lines, false),
        stream::render_to_string(&md, 100, false)
    );
}
