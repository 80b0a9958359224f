//! Widgets shared by the tabs: one of each idea, so each behaves the same everywhere.
pub mod list;
pub mod text_field;
pub mod textarea;
