//! Markdown: pulldown-cmark → document model (parsed once) → lines for a width
//! (cached by callers) → a terminal frame or a text stream. One renderer for the TUI
//! and `show`.
pub mod ansi;
pub mod layout;
pub mod model;
pub mod text;

pub use layout::{Anchor, Layout, Line, Span, layout};
pub use model::{Document, Style, parse};
