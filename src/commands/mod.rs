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

/// `FILE: N finding(s)`, the last line a checker writes for a file that is not valid
/// (`sfn check`, `iam check`).
pub fn findings_line(label: &str, n: usize, lang: crate::lang::Lang) -> String {
    use crate::lang::tr;
    let word = if n == 1 {
        tr(lang, "finding", "problema")
    } else {
        tr(lang, "findings", "problemas")
    };
    format!("{label}: {n} {word}\n")
}

/// How a checker ends when `bad` of `total` files are not valid: exit 1 with `N of
/// M <what>`, else success.
pub fn checked(
    bad: usize,
    total: usize,
    lang: crate::lang::Lang,
    what: crate::lang::Text2,
) -> Result<(), Failure> {
    if bad == 0 {
        return Ok(());
    }
    Err(Failure::Runtime(format!(
        "{bad} {} {total} {}",
        crate::lang::tr(lang, "of", "de"),
        what.get(lang)
    )))
}
