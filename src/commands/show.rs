//! `aws-study show TOPIC`: renders a note to stdout with the same renderer as the TUI,
//! streamed: lines are written as they are laid out (`markdown::stream`), so a large
//! note never exists as a document model or as one big string of output.
use std::io::IsTerminal;

use crate::markdown::stream;
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
    // Each piece (whole lines, a few KB) leaves through the output boundary: the
    // text rule for plain text; styled text holds the renderer's own SGR and words
    // that were escaped as they were read (see `commands::output`).
    let mut failure = None;
    let written = stream::render(t.note(ctx.lang).text(), width, styled, |piece| {
        let done = if styled {
            super::output::write_styled(piece)
        } else {
            super::write_out(piece)
        };
        done.map_err(|f| {
            failure = Some(f);
            std::io::Error::other("stdout")
        })
    });
    match (written, failure) {
        (_, Some(f)) => Err(f),
        (Ok(()), None) => Ok(()),
        (Err(e), None) => Err(Failure::Runtime(format!(
            "cannot write to standard output: {e}"
        ))),
    }
}
