//! What a tab's `update` asks of the app once it has handled an action. Every tab
//! returns this one type; what a tab has to say goes to the app's one message slot
//! (`App::message`) through the tab's `take_said`.
use crate::budget::LineItem;

#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Nothing for the app to do.
    None,
    /// Show the note section a question links to.
    OpenSection { topic: String, section: String },
    /// Add these lines to the Budget tab and show it.
    AddToBudget(Vec<LineItem>),
}
