//! The output boundary of the non-interactive commands: every byte a command writes
//! to standard output or standard error goes through this module, so text from
//! outside — content and quiz banks, file names, budget and state machine files, the
//! data directory's path, flags and typed answers — can never drive the terminal
//! (set the title, write the clipboard with OSC 52, clear the screen) or reorder what
//! it shows (bidi overrides). Commands build their text freely and hand it over here.
//!
//! One rule per kind of output, applied to the whole text at the boundary:
//!
//! - **Text** ([`write_out`], [`write_to`], [`to_stderr`], [`warn`]): every terminal
//!   control is escaped visibly by [`text::escape_output`] (`^[` for ESC, `<U+202E>`
//!   for a bidi override); line breaks and tabs pass, since they only move the cursor
//!   forward and lay the output out. CSV and Markdown output are text too. Because
//!   the rule is applied to the finished text, no command can forget it; the price is
//!   that a line break or tab inside an outside string is indistinguishable from the
//!   command's own, and is kept (harmless to the terminal).
//! - **JSON** ([`write_json`]): serde_json already writes C0 controls as `\u00XX`; the
//!   C1 and bidi controls and the line separators it leaves raw become `\uXXXX` by
//!   [`text::escape_json`], so the document still parses to the original strings.
//! - **Styled** ([`write_styled`], only `show` on a terminal): the text carries the
//!   renderer's own SGR escapes, which the text rule would destroy. Here the outside
//!   strings are escaped as they enter instead: the markdown model sanitizes every
//!   piece of a note when it parses it (`markdown::model`), so what reaches this
//!   boundary holds no control other than the renderer's.
//!
//! Command-line errors from clap echo the offending argument, so `lib::run` writes
//! them through [`to_stderr`] too (plain, without clap's colours).
use std::io::Write;

use crate::Failure;
use crate::markdown::text;

/// Writes text to `out` under the text rule. For output written piece by piece (the
/// line-mode quiz); `Err` when the reader went away.
pub fn write_to(out: &mut impl Write, s: &str) -> std::io::Result<()> {
    out.write_all(text::escape_output(s).as_bytes())?;
    out.flush()
}

fn stdout_raw(s: &str) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    match lock.write_all(s.as_bytes()).and_then(|()| lock.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Runtime(format!(
            "cannot write to standard output: {e}"
        ))),
    }
}

/// Writes a command's text output (tables, lists, CSV, Markdown) to stdout.
pub fn write_out(s: &str) -> Result<(), Failure> {
    stdout_raw(&text::escape_output(s))
}

/// Writes serialized JSON to stdout, still valid and with the same strings.
pub fn write_json(json: &str) -> Result<(), Failure> {
    stdout_raw(&text::escape_json(json))
}

/// Writes text that holds the renderer's own ANSI styling (`show` on a terminal); its
/// words were escaped when the note was parsed (see the module comment).
pub fn write_styled(s: &str) -> Result<(), Failure> {
    stdout_raw(s)
}

/// Writes text to stderr under the text rule (`s` carries its own line break).
pub fn to_stderr(s: &str) {
    let stderr = std::io::stderr();
    let mut lock = stderr.lock();
    // Nothing is left to tell when stderr itself is gone.
    let _ = lock
        .write_all(text::escape_output(s).as_bytes())
        .and_then(|()| lock.flush());
}

/// `aws-study: <message>` on stderr.
pub fn error(message: &str) {
    to_stderr(&format!("aws-study: {message}\n"));
}

/// `aws-study: warning: <message>` on stderr (`aviso:` in Portuguese).
pub fn warn(lang: crate::lang::Lang, message: &str) {
    let word = crate::lang::tr(lang, "warning", "aviso");
    to_stderr(&format!("aws-study: {word}: {message}\n"));
}
