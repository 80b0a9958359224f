//! `aws-study show TOPIC`: renders a note to stdout with the same renderer as the TUI.
use std::io::IsTerminal;

use crate::markdown::{ansi, parse_and_layout_once};
use crate::{Context, Failure};

pub fn run(ctx: &Context, topic: &str, width: Option<u16>, plain: bool) -> Result<(), Failure> {
    let t = ctx
        .library
        .topic(topic)
        .ok_or_else(|| super::unknown_topic(ctx, topic))?;
    let is_tty = std::io::stdout().is_terminal();
    let width = match width {
        Some(w) => usize::from(w),
        // A terminal that reports no size (0 columns) is treated like a pipe.
        None if is_tty => crossterm::terminal::size()
            .ok()
            .filter(|(w, _)| *w > 0)
            .map_or(80, |(w, _)| usize::from(w)),
        None => 80,
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let styled = is_tty && !no_color && !plain;
    // One-shot: the process exits after writing, so nothing is freed on the way.
    let lines = parse_and_layout_once(t.note(ctx.lang).text(), width).lines;
    let text = ansi::render_lines(&lines, styled);
    std::mem::forget(lines);
    if styled {
        // The note's words were escaped when it was parsed; the rest is our SGR.
        super::output::write_styled(&text)
    } else {
        super::write_out(&text)
    }
}
