//! The Budget tab's versions of a budget: two side by side (`v`: this budget now
//! against the budget as opened, a scenario or a saved budget, with the same
//! numbers as `budget --compare`), and a copy saved as a variant (`V`) that the
//! learner then keeps working on.
use super::{BudgetTab, Input, Overlay, Source, scenario_title};
use crate::budget::compare::{self, Comparison};
use crate::budget::{self, Budget, saved};
use crate::lang::Lang;
use crate::tui::action::Action;
use crate::tui::message::{Level, Message};
use crate::tui::widgets::list::step;

/// What this budget is compared with: it is side A, this budget now is side B.
#[derive(Clone, Debug, PartialEq)]
pub enum CompareWith {
    /// The budget as opened or last saved.
    Opened,
    /// A scenario or a saved budget.
    Other(Source),
}

#[derive(Clone, Debug, PartialEq)]
pub struct CompareState {
    pub with: CompareWith,
    /// A = what it is compared with, B = this budget now.
    pub comparison: Comparison,
    /// The first line of the comparison shown.
    pub scroll: usize,
}

impl BudgetTab {
    /// What `v` offers to compare with, in order: as opened, then the scenarios and
    /// saved budgets of the picker.
    pub fn compare_choices(&self, lang: Lang) -> Vec<(CompareWith, String)> {
        let mut out = vec![(
            CompareWith::Opened,
            match lang {
                Lang::En => "This budget as opened (or last saved) → now".to_string(),
                Lang::PtBr => "Este orçamento como foi aberto (ou salvo) → agora".to_string(),
            },
        )];
        out.extend(
            self.choices(lang)
                .into_iter()
                .filter(|c| c.source != Source::New)
                .map(|c| (CompareWith::Other(c.source), c.name)),
        );
        out
    }

    /// The name side A is shown under, in `lang`.
    pub fn compare_a_name(&self, state: &CompareState, lang: Lang) -> String {
        match &state.with {
            CompareWith::Opened => match lang {
                Lang::En => format!("{} (as opened)", self.display_name(lang)),
                Lang::PtBr => format!("{} (como aberto)", self.display_name(lang)),
            },
            CompareWith::Other(Source::Scenario(id)) => scenario_title(id, lang),
            CompareWith::Other(_) => state.comparison.a_name.clone(),
        }
    }

    /// The name side B (this budget) is shown under, in `lang`.
    pub fn compare_b_name(&self, lang: Lang) -> String {
        match lang {
            Lang::En => format!("{} (now)", self.display_name(lang)),
            Lang::PtBr => format!("{} (agora)", self.display_name(lang)),
        }
    }

    /// `v`: choose what to compare with.
    pub(super) fn open_compare_pick(&mut self) {
        self.refresh_saved();
        self.overlay = Overlay::ComparePick { selected: 0 };
    }

    pub(super) fn compare_pick_key(&mut self, selected: usize, action: Action, lang: Lang) -> bool {
        let n = self.compare_choices(lang).len();
        match action {
            Action::ListMove(d) | Action::ListPage(d) => {
                self.overlay = Overlay::ComparePick {
                    selected: step(selected, i64::from(d), n),
                };
            }
            Action::PickNumber(k) if usize::from(k) >= 1 && usize::from(k) <= n => {
                self.compare_with(usize::from(k) - 1, lang)
            }
            Action::ListSelect => self.compare_with(selected, lang),
            Action::CloseOverlay => self.overlay = Overlay::None,
            _ => return false,
        }
        true
    }

    /// Reads the budget to compare with (the picker stays open, with the reason,
    /// when it cannot be read) and shows the two side by side.
    fn compare_with(&mut self, index: usize, lang: Lang) {
        let Some((with, _)) = self.compare_choices(lang).into_iter().nth(index) else {
            return;
        };
        let reference: Result<Budget, Message> = match &with {
            CompareWith::Opened => Ok(self.baseline.clone()),
            CompareWith::Other(Source::Scenario(id)) => match budget::scenario(id) {
                Some(Ok(b)) => Ok(b),
                Some(Err(e)) => Err(Message::error(|l| e.message(l))),
                None => Err(Message::error(|l| match l {
                    Lang::En => format!("no scenario '{id}'"),
                    Lang::PtBr => format!("não há cenário '{id}'"),
                })),
            },
            CompareWith::Other(Source::Saved(name)) => match &self.data_dir {
                Some(dir) => saved::load(dir, name).map_err(|e| Message::error(|l| e.message(l))),
                None => Err(Message::error(|l| match l {
                    Lang::En => "no data directory".into(),
                    Lang::PtBr => "não há pasta de dados".into(),
                })),
            },
            CompareWith::Other(Source::New) => return,
        };
        let reference = match reference {
            Ok(b) => b,
            Err(m) => return self.said = Some(m),
        };
        match compare::compare(&reference, &self.budget) {
            Ok(comparison) => {
                self.overlay = Overlay::Compare(Box::new(CompareState {
                    with,
                    comparison,
                    scroll: 0,
                }))
            }
            Err((side, n, e)) => {
                self.said = Some(Message::error(|l| {
                    let whose = match (side, l) {
                        ('A', Lang::En) => "the other budget",
                        ('A', Lang::PtBr) => "o outro orçamento",
                        (_, Lang::En) => "this budget",
                        (_, Lang::PtBr) => "este orçamento",
                    };
                    match l {
                        Lang::En => format!("cannot compare: {whose}, line {n}: {}", e.message(l)),
                        Lang::PtBr => {
                            format!("não dá para comparar: {whose}, linha {n}: {}", e.message(l))
                        }
                    }
                }))
            }
        }
    }

    /// A key while the comparison is shown: it scrolls by lines and pages.
    pub(super) fn compare_key(&mut self, mut state: CompareState, action: Action) -> bool {
        let page = self.compare_height.saturating_sub(1).max(1) as i64;
        let last = self.compare_last.min(i64::MAX as usize) as i64;
        let s = state.scroll as i64;
        let to = match action {
            Action::Scroll(d) | Action::ListMove(d) => s + i64::from(d),
            Action::Page(d) | Action::ListPage(d) => s + i64::from(d) * page,
            Action::Top => 0,
            Action::Bottom => last,
            Action::CloseOverlay | Action::BudgetCompare => {
                self.overlay = Overlay::None;
                return true;
            }
            _ => return false,
        };
        state.scroll = to.clamp(0, last.max(0)) as usize;
        self.overlay = Overlay::Compare(Box::new(state));
        true
    }

    /// The name a variant is first offered under: "<name> (variant)", numbered when
    /// that file already exists.
    pub fn variant_default(&self, lang: Lang) -> String {
        let base = self.display_name(lang);
        let word = match lang {
            Lang::En => "variant",
            Lang::PtBr => "variante",
        };
        let Some(dir) = &self.data_dir else {
            return format!("{base} ({word})");
        };
        (1..100)
            .map(|k| match k {
                1 => format!("{base} ({word})"),
                k => format!("{base} ({word} {k})"),
            })
            .find(|name| !saved::path(dir, name).exists())
            .unwrap_or_else(|| format!("{base} ({word})"))
    }

    /// `V`: the prompt for the variant's name.
    pub(super) fn start_variant(&mut self, lang: Lang) {
        if self.data_dir.is_none() {
            self.said = Some(Message::error(|l| match l {
                Lang::En => "no data directory to save a variant into".into(),
                Lang::PtBr => "não há pasta de dados para salvar uma variante".into(),
            }));
            return;
        }
        self.input = Some((Input::VariantName, self.variant_default(lang)));
        self.input_fresh = true;
        self.confirm_overwrite = None;
    }

    /// Saves the copy under `text` (an existing file is replaced only when named a
    /// second time) and goes on working on it; the original stays as it was saved.
    pub(super) fn submit_variant(&mut self, text: &str, lang: Lang) {
        let Some(dir) = self.data_dir.clone() else {
            return;
        };
        if text.trim().is_empty() {
            self.input = Some((Input::VariantName, String::new()));
            self.said = Some(Message::error(|l| match l {
                Lang::En => "type a name for the variant".into(),
                Lang::PtBr => "digite um nome para a variante".into(),
            }));
            return;
        }
        let slug = saved::slug(text);
        if budget::scenario_ids().contains(&slug) {
            self.input = Some((Input::VariantName, text.to_string()));
            self.said = Some(Message::error(|l| match l {
                Lang::En => format!("'{slug}' is a course scenario's id: choose another name"),
                Lang::PtBr => format!("'{slug}' é o id de um cenário do curso: escolha outro nome"),
            }));
            return;
        }
        let path = saved::path(&dir, text);
        if !self.may_write(&path, Source::New, Input::VariantName, text, lang) {
            return;
        }
        let (from_en, from_pt) = (self.display_name(Lang::En), self.display_name(Lang::PtBr));
        match self.save_as(text, lang) {
            Ok(p) => {
                let name = self.budget.name.clone();
                self.said = Some(Message::new(Level::Notice, |l| match l {
                    Lang::En => format!(
                        "variant '{name}' saved to {}; you are now working on it ('{from_en}' is unchanged)",
                        p.display()
                    ),
                    Lang::PtBr => format!(
                        "variante '{name}' salva em {}; agora você está nela ('{from_pt}' não mudou)",
                        p.display()
                    ),
                }));
            }
            Err(e) => {
                self.input = Some((Input::VariantName, text.to_string()));
                self.input_fresh = false;
                self.said = Some(Message::fixed(Level::Error, e));
            }
        }
    }
}
