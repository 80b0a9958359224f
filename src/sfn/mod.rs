//! The Lab: Amazon States Language (ASL) state machines — validation, drawing and a
//! local simulation of one execution (JSONPath query language).
pub mod check;
pub mod doc;
pub mod graph;
pub mod intrinsic;
pub mod mock;
pub mod path;
pub mod samples;
pub mod sim;
pub mod template;

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
