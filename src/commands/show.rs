//! `aws-study show TOPIC`: renders a note to stdout with the same renderer as the TUI.
use std::io::IsTerminal;

use crate::markdown::{ansi, layout, parse};
use crate::{Context, Failure};

pub fn run(ctx: &Context, topic: &str, width: Option<u16>, plain: bool) -> Result<(), Failure> {
    let t = ctx
        .library
        .topic(topic)
        .ok_or_else(|| super::unknown_topic(ctx, topic))?;
    let is_tty = std::io::stdout().is_terminal();
    let width = match width {
        Some(w) => usize::from(w),
        None if is_tty => crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w.max(1))),
        None => 80,
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let styled = is_tty && !no_color && !plain;
    let doc = parse(t.note(ctx.lang).text());
    let lines = layout(&doc, width).lines;
    super::write_out(&ansi::render_lines(&lines, styled))
}
