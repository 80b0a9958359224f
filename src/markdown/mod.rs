//! Markdown: pulldown-cmark → document model (parsed once) → lines for a width
//! (cached by callers) → a terminal frame or a text stream. One renderer for the TUI
//! and `show`; `show` takes the short road of `stream` (events → lines → output,
//! without the model of the whole note), which writes the same bytes.
pub mod ansi;
pub mod layout;
pub mod model;
pub mod stream;
pub mod text;

pub use layout::{Anchor, Layout, Line, layout};
pub use model::{Document, Style, parse};

pub mod split;

/// Parses and lays out a whole document, using every core for a large one: it is
/// cut at safe top-level boundaries (see `split`), the pieces are parsed and laid out
/// on their own threads, and the lines are joined. The result is the same as
/// `layout(&parse(src), width)`. It was `show`'s road before `stream`; the tests
/// hold the stream to it.
pub fn parse_and_layout(src: &str, width: usize) -> Layout {
    let one = |piece: &str, lines_before: u32| {
        layout(&model::parse_from_line(piece, lines_before), width)
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunks = split::chunks(src, threads);
    if chunks.len() <= 1 {
        return one(src, 0);
    }
    let parts: Vec<Layout> = std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .iter()
            .map(|c| s.spawn(move || one(&src[c.start..c.end], c.lines_before)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut out = Layout {
        width: width.max(1),
        ..Layout::default()
    };
    for part in parts {
        if part.lines.is_empty() {
            continue;
        }
        if let Some(last) = out.lines.last() {
            // The blank line that separates two top-level blocks.
            let src = last.src;
            out.lines.push(Line {
                src,
                ..Line::default()
            });
        }
        let base = out.lines.len();
        out.anchors.extend(part.anchors.into_iter().map(|mut a| {
            a.line += base;
            a
        }));
        out.lines.extend(part.lines);
    }
    out
}
