//! The one text field: every field of the app (note search, search across notes,
//! budget values and names, the Lab's path, input and number, the quiz's number)
//! edits its text through [`edit`], so every key does the same everywhere: a
//! character is typed (the first one replaces a prefilled value), Backspace deletes
//! one, Ctrl-U clears the field, and the field takes at most its cap of characters.
use crate::tui::action::Action;

/// What an edit did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    Changed,
    /// Nothing to do (Backspace on an empty field).
    Unchanged,
    /// The field is full: the character was not taken.
    Full,
}

/// The caps, per kind of field. A search: longer is no use for finding a line, and
/// the cap keeps every keystroke's search cheap.
pub const SEARCH_CAP: usize = 1000;
/// Budget values, names, rates and paths.
pub const SHORT_CAP: usize = 4096;

/// Applies an editing action to `text`; `None` when `action` is not an edit (the
/// caller handles it: Enter, Esc…). `fresh` marks a prefilled value that the first
/// typed character replaces (Backspace edits it instead).
pub fn edit(text: &mut String, fresh: &mut bool, action: Action, cap: usize) -> Option<Edit> {
    match action {
        Action::InputChar(c) => {
            if *fresh {
                text.clear();
                *fresh = false;
            }
            // Fewer bytes than the cap means fewer characters: only a field that may
            // be full is counted, and counting stops at the cap.
            if text.len() >= cap && text.chars().nth(cap.saturating_sub(1)).is_some() {
                return Some(Edit::Full);
            }
            text.push(c);
            Some(Edit::Changed)
        }
        Action::InputBackspace => {
            *fresh = false;
            Some(if text.pop().is_some() {
                Edit::Changed
            } else {
                Edit::Unchanged
            })
        }
        Action::InputClear => {
            *fresh = false;
            Some(if text.is_empty() {
                Edit::Unchanged
            } else {
                text.clear();
                Edit::Changed
            })
        }
        _ => None,
    }
}

/// Pasted text, one edit: control characters become spaces, and what does not fit
/// under the cap is left out (`Full` says so).
pub fn paste(text: &mut String, fresh: &mut bool, pasted: &str, cap: usize) -> Edit {
    if *fresh {
        text.clear();
        *fresh = false;
    }
    let room = cap.saturating_sub(text.chars().count());
    let mut taken = 0;
    for c in pasted.chars() {
        if taken == room {
            return Edit::Full;
        }
        text.push(if c.is_control() { ' ' } else { c });
        taken += 1;
    }
    if taken == 0 {
        Edit::Unchanged
    } else {
        Edit::Changed
    }
}

/// The message for a full field.
pub fn full_message(cap: usize, lang: crate::lang::Lang) -> String {
    match lang {
        crate::lang::Lang::En => format!("this field takes up to {cap} characters"),
        crate::lang::Lang::PtBr => format!("este campo aceita até {cap} caracteres"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_edits_the_same_way() {
        let (mut t, mut fresh) = ("720".to_string(), true);
        assert_eq!(
            edit(&mut t, &mut fresh, Action::InputChar('3'), 10),
            Some(Edit::Changed)
        );
        assert_eq!(t, "3", "the first character replaces a prefilled value");
        edit(&mut t, &mut fresh, Action::InputChar('6'), 10);
        assert_eq!(
            edit(&mut t, &mut fresh, Action::InputBackspace, 10),
            Some(Edit::Changed)
        );
        assert_eq!(t, "3");
        assert_eq!(
            edit(&mut t, &mut fresh, Action::InputClear, 10),
            Some(Edit::Changed)
        );
        assert_eq!(t, "");
        assert_eq!(
            edit(&mut t, &mut fresh, Action::InputBackspace, 10),
            Some(Edit::Unchanged)
        );
        assert_eq!(edit(&mut t, &mut fresh, Action::InputSubmit, 10), None);
        for _ in 0..3 {
            edit(&mut t, &mut fresh, Action::InputChar('é'), 3);
        }
        assert_eq!(
            edit(&mut t, &mut fresh, Action::InputChar('x'), 3),
            Some(Edit::Full)
        );
        assert_eq!(t, "ééé");
        let (mut p, mut f) = (String::new(), false);
        assert_eq!(paste(&mut p, &mut f, "a\nb\tc", 10), Edit::Changed);
        assert_eq!(p, "a b c");
        assert_eq!(paste(&mut p, &mut f, &"z".repeat(100), 10), Edit::Full);
        assert_eq!(p.chars().count(), 10);
    }
}
