//! The Budget tab's hand-shaped lines: a custom line typed in three steps (`c`:
//! label, unit, price) and the selected line's factors (`f`: add, rename, remove,
//! edit a value). Every change is one undo step; a refused value says why and keeps
//! what was there (for a new line, the prompt stays open with what was typed).
use super::{BudgetTab, Field, Focus, Input, Overlay, number_error};
use crate::budget::custom::{self, What};
use crate::budget::{self, LineItem};
use crate::lang::Lang;
use crate::tui::action::Action;
use crate::tui::message::{Level, Message};
use crate::tui::widgets::list::step;

impl BudgetTab {
    /// `c`: the first prompt of a custom line (its label).
    pub(super) fn start_custom_line(&mut self) {
        self.input = Some((Input::CustomLabel, String::new()));
        self.input_fresh = false;
    }

    /// Keeps a prompt open on what was typed and says why it was refused.
    fn refuse(&mut self, kind: Input, text: &str, why: Message) {
        self.input = Some((kind, text.to_string()));
        self.input_fresh = false;
        self.said = Some(why);
    }

    /// A step of the custom line: the label and unit lead to the next prompt, the
    /// price adds the line (selected, one undo step).
    pub(super) fn submit_custom(&mut self, kind: Input, text: &str) {
        match kind.clone() {
            Input::CustomLabel => match custom::clean_text(text, What::Label) {
                Ok(label) => {
                    self.input = Some((Input::CustomUnit { label }, String::new()));
                    self.input_fresh = false;
                }
                Err(e) => self.refuse(kind, text, Message::error(|l| e.message(l))),
            },
            Input::CustomUnit { label } => match custom::clean_text(text, What::Unit) {
                Ok(unit) => {
                    self.input = Some((Input::CustomPrice { label, unit }, String::new()));
                    self.input_fresh = false;
                }
                Err(e) => self.refuse(kind, text, Message::error(|l| e.message(l))),
            },
            Input::CustomPrice { label, unit } => {
                let price = match budget::parse_number(text) {
                    Ok(p) => p,
                    Err(e) => {
                        return self.refuse(
                            kind,
                            text,
                            Message::error(|l| number_error(e, text, l)),
                        );
                    }
                };
                let line = match custom::custom_line(&label, &unit, price) {
                    Ok(line) => line,
                    Err(e) => return self.refuse(kind, text, Message::error(|l| e.message(l))),
                };
                let mut trial = self.budget.clone();
                trial.lines.push(line);
                if let Err((_, e)) = trial.compute() {
                    return self.refuse(kind, text, Message::error(|l| e.message(l)));
                }
                self.remember();
                self.budget = trial;
                self.selected = self.budget.lines.len() - 1;
                self.focus = Focus::Lines;
                self.said = Some(Message::notice(|l| match l {
                    Lang::En => format!(
                        "added the custom line '{label}': e edits its quantity, f its factors, u undoes"
                    ),
                    Lang::PtBr => format!(
                        "linha personalizada '{label}' adicionada: e edita a quantidade, f os fatores, u desfaz"
                    ),
                }));
            }
            _ => {}
        }
    }

    /// `f`: the selected line's factors, starting on the factor being edited.
    pub(super) fn open_factors(&mut self) {
        let Some(line) = self.line() else {
            return;
        };
        let selected = match self.focus {
            Focus::Fields(i) if i < line.factors.len() => i,
            _ => 0,
        };
        self.overlay = Overlay::Factors { selected };
    }

    /// A key while the factors are shown.
    pub(super) fn factors_key(&mut self, selected: usize, action: Action, lang: Lang) -> bool {
        let Some(line) = self.line().cloned() else {
            self.overlay = Overlay::None;
            return false;
        };
        let n = line.factors.len();
        let selected = selected.min(n.saturating_sub(1));
        match action {
            Action::ListMove(d) | Action::ListPage(d) => {
                self.overlay = Overlay::Factors {
                    selected: step(selected, i64::from(d), n),
                };
            }
            Action::BudgetEdit | Action::ListSelect => {
                let f = Field::Factor(selected);
                self.input = Some((Input::Value(f), self.field_value(f)));
                self.input_fresh = true;
            }
            Action::BudgetFactorAdd => {
                self.input = Some((Input::FactorName(None), String::new()));
                self.input_fresh = false;
            }
            Action::BudgetFactorRename => {
                let shown = line
                    .factors
                    .get(selected)
                    .map(|f| crate::tui::views::budget::factor_label(&f.label, lang))
                    .unwrap_or_default();
                self.input = Some((Input::FactorName(Some(selected)), shown));
                self.input_fresh = true;
            }
            Action::BudgetFactorRemove => match custom::remove_factor(&line, selected) {
                Ok(new) => {
                    let name = line.factors[selected].label.clone();
                    self.replace_line(new);
                    self.overlay = Overlay::Factors {
                        selected: selected.min(n.saturating_sub(2)),
                    };
                    self.said = Some(Message::notice(|l| match l {
                        Lang::En => format!("factor '{name}' removed (u undoes)"),
                        Lang::PtBr => format!(
                            "fator '{}' removido (u desfaz)",
                            crate::tui::views::budget::factor_label(&name, l)
                        ),
                    }));
                }
                Err(e) => self.said = Some(Message::error(|l| e.message(l))),
            },
            Action::BudgetUndo => {
                if self.undo() {
                    match self.line() {
                        Some(l) => {
                            self.overlay = Overlay::Factors {
                                selected: selected.min(l.factors.len().saturating_sub(1)),
                            }
                        }
                        None => self.overlay = Overlay::None,
                    }
                } else {
                    self.said = Some(Message::notice(|l| match l {
                        Lang::En => "nothing to undo".into(),
                        Lang::PtBr => "nada para desfazer".into(),
                    }));
                }
            }
            Action::CloseOverlay | Action::BudgetFactors => self.overlay = Overlay::None,
            _ => return false,
        }
        true
    }

    /// A factor's name typed: a new factor (value 1, selected) or a rename.
    pub(super) fn submit_factor_name(&mut self, which: Option<usize>, text: &str) {
        let Some(line) = self.line().cloned() else {
            return;
        };
        let kind = Input::FactorName(which);
        let result = match which {
            None => custom::add_factor(&line, text),
            Some(i) => {
                // The label as shown in Portuguese, left as it was, keeps the stored one.
                let shown = line
                    .factors
                    .get(i)
                    .map(|f| crate::tui::views::budget::factor_label(&f.label, Lang::PtBr));
                if shown.as_deref() == Some(text.trim()) {
                    return;
                }
                custom::rename_factor(&line, i, text)
            }
        };
        match result {
            Ok(new) => {
                let selected = which.unwrap_or(new.factors.len() - 1);
                self.replace_line(new);
                self.overlay = Overlay::Factors { selected };
            }
            Err(e) => self.refuse(kind, text, Message::error(|l| e.message(l))),
        }
    }

    /// Puts `new` in place of the selected line as one undo step (nothing when it
    /// is the same). Factor changes keep the quantity's bounds: a line that would
    /// not compute is refused.
    fn replace_line(&mut self, new: LineItem) {
        let idx = self.selected;
        if idx >= self.budget.lines.len() || self.budget.lines[idx] == new {
            return;
        }
        let mut trial = self.budget.clone();
        trial.lines[idx] = new;
        if let Err((_, e)) = trial.compute() {
            self.said = Some(Message::new(Level::Error, |l| e.message(l)));
            return;
        }
        self.remember();
        self.budget = trial;
    }
}
