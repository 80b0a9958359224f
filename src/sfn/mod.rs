//! The Lab: Amazon States Language (ASL) state machines — validation, drawing and a
//! local simulation of one execution (JSONPath query language).
pub mod check;
pub mod doc;
pub mod explain;
pub mod graph;
pub mod intrinsic;
pub mod jsonata;
pub mod lex;
pub mod mock;
pub mod model;
pub mod path;
pub mod samples;
pub mod sim;
pub mod template;
pub mod trace;

use crate::lang::{Lang, tr};

/// A runtime error as Step Functions names it (`States.Runtime`, `States.TaskFailed`, a
/// mocked error name…) with its cause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateError {
    pub error: String,
    pub cause: String,
}

impl StateError {
    pub fn new(error: impl Into<String>, cause: impl Into<String>) -> StateError {
        StateError {
            error: error.into(),
            cause: cause.into(),
        }
    }

    /// `States.Runtime`: what AWS raises for a path that matches nothing, a template
    /// that cannot be applied, and similar processing failures.
    pub fn runtime(cause: impl Into<String>) -> StateError {
        StateError::new("States.Runtime", cause)
    }

    /// `States.IntrinsicFailure`: an intrinsic function failed at run time.
    pub fn intrinsic(cause: impl Into<String>) -> StateError {
        StateError::new("States.IntrinsicFailure", cause)
    }
}

/// The largest file the Lab reads (definitions, inputs, mock files). AWS accepts
/// definitions up to 1 MiB.
pub const MAX_FILE_BYTES: u64 = crate::store::MAX_FILE_BYTES;

/// Reads a text file of at most [`MAX_FILE_BYTES`] through the one safe reader
/// ([`crate::store::read_capped`]): a FIFO or a device is refused at once, a longer
/// file stops at the limit. The error is the reason, without the path.
pub fn read_text(path: &std::path::Path, lang: Lang) -> Result<String, String> {
    let bytes = crate::store::read_capped(path, MAX_FILE_BYTES).map_err(|e| e.message(lang))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{} {})",
            tr(lang, "not UTF-8 text (byte", "não é texto UTF-8 (byte"),
            e.utf8_error().valid_up_to()
        )
    })
}
