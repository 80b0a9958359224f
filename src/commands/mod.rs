//! One module per non-interactive subcommand.
pub mod budget;
pub mod check;
pub mod quiz_plain;
pub mod search;
pub mod sfn;
pub mod show;
pub mod stats;
pub mod topics;

use std::io::Write;

use crate::Failure;

/// Writes command output; a closed pipe (`| head`) is not an error.
pub fn write_out(text: &str) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    match lock.write_all(text.as_bytes()).and_then(|()| lock.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Runtime(format!(
            "cannot write to standard output: {e}"
        ))),
    }
}

/// The message for a topic id that does not exist.
pub fn unknown_topic(ctx: &crate::Context, id: &str) -> Failure {
    Failure::Usage(format!(
        "{} '{id}'; {}: {}",
        crate::lang::tr(ctx.lang, "unknown topic", "tópico desconhecido"),
        crate::lang::tr(ctx.lang, "valid topics", "tópicos válidos"),
        ctx.library.ids().join(", ")
    ))
}
