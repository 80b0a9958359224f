//! One module per non-interactive subcommand, and the output boundary they all write
//! through (`output`: terminal controls from outside never reach the terminal).
pub mod budget;
pub mod check;
pub mod iam;
pub mod output;
pub mod quiz_export;
pub mod quiz_plain;
pub mod search;
pub mod sfn;
pub mod show;
pub mod stats;
pub mod topics;

use crate::Failure;
pub use output::write_out;

/// The message for a topic id that does not exist.
pub fn unknown_topic(ctx: &crate::Context, id: &str) -> Failure {
    Failure::Usage(format!(
        "{} '{id}'; {}: {}",
        crate::lang::tr(ctx.lang, "unknown topic", "tópico desconhecido"),
        crate::lang::tr(ctx.lang, "valid topics", "tópicos válidos"),
        ctx.library.ids().join(", ")
    ))
}
