//! The Budget tab as a cost-optimization workbench: right-sizing an instance line
//! (`<` `>`), hour presets (`h`), S3 storage classes and splits (`S`), "add this
//! line" from a caveat (a digit in the details view) and the free-tier switch
//! (`T`). Every move goes through `remember`, so `u` undoes it, and is recorded so
//! the header compares the budget as opened with now.
use rust_decimal::Decimal;

use super::{BudgetTab, Input, Overlay, calc_message};
use crate::budget::format::money;
use crate::budget::workbench::{self as wb, HourPreset};
use crate::budget::{self, LineItem, options};
use crate::lang::{Lang, tr as t};
use crate::tui::action::Action;
use crate::tui::message::{Level, Message};
use crate::tui::widgets::list::step;

/// Rows of the hours list: the three presets, then "custom".
pub const HOUR_ROWS: usize = HourPreset::PRESETS.len() + 1;

/// A row of the S3 classes list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum S3Row {
    /// The `n`th storage class of the catalog.
    Class(usize),
    /// The lifecycle example (Standard-IA after 30 days, Glacier after 180).
    Lifecycle,
}

/// The lifecycle example's rules: kept a year, to Standard-IA after 30 days, to
/// Glacier Flexible Retrieval after 180.
pub const LIFECYCLE: (u32, u32, u32) = (365, 30, 180);

/// A difference in money as a person reads it: `+$0.42`, `−$14.97`.
pub fn signed_money(d: Decimal, lang: Lang) -> String {
    if d.is_sign_negative() && !d.is_zero() {
        format!("−{}", money(-d, lang))
    } else {
        format!("+{}", money(d, lang))
    }
}

impl BudgetTab {
    /// Whether a workbench move is still in effect (not undone): the budget it
    /// made is the budget now or still on the way back through undo. (Undoing a
    /// move drops the budget it made from both, and edits after that never bring it
    /// back, so a plain edit after an undone move shows no comparison.)
    pub(super) fn workbench_moved(&self) -> bool {
        self.moves
            .iter()
            .any(|after| *after == self.budget || self.undo.contains(after))
    }

    /// Records the budget now as made by a workbench move.
    fn record_move(&mut self) {
        // Moves undone for good are forgotten, so the list stays as short as undo.
        let (budget, undo) = (&self.budget, &self.undo);
        self.moves
            .retain(|after| after == budget || undo.contains(after));
        self.moves.push(self.budget.clone());
    }

    /// Makes `trial` the budget as a workbench move (undoable) if it computes;
    /// otherwise says why and keeps the budget. True when applied.
    fn apply_move(&mut self, trial: budget::Budget, lang: Lang) -> bool {
        if let Err((_, e)) = trial.compute() {
            self.said = Some(Message::fixed(Level::Error, calc_message(&e, lang)));
            return false;
        }
        if trial != self.budget {
            self.remember();
            self.budget = trial;
            self.record_move();
        }
        true
    }

    fn notice(&mut self, text: impl Fn(Lang) -> String) {
        self.said = Some(Message::new(Level::Notice, text));
    }

    fn error(&mut self, text: impl Fn(Lang) -> String) {
        self.said = Some(Message::new(Level::Error, text));
    }

    /// The selected line's cost now, for the messages that say what a move did.
    fn line_cost(&self) -> Option<Decimal> {
        self.line().and_then(|l| l.compute().ok()).map(|c| c.cost)
    }

    // ---- right-sizing ----------------------------------------------------------

    /// Steps the selected line one size smaller (`-1`) or larger (`+1`) in its
    /// family, and says what that does to its monthly cost.
    pub fn resize_line(&mut self, by: i32, lang: Lang) {
        let Some(line) = self.line().cloned() else {
            return;
        };
        match wb::resize(&line, &self.catalog, by) {
            Err(e) => self.said = Some(Message::fixed(Level::Error, calc_message(&e, lang))),
            Ok(None) => {
                let family: Vec<String> = wb::sizes(&line, &self.catalog)
                    .iter()
                    .map(|e| e.id.clone())
                    .collect();
                if family.is_empty() {
                    let m4 = line.service.contains("-m4-");
                    self.notice(|lang| {
                        let mut s = t(
                            lang,
                            "this line has no other sizes in the catalog (right-sizing: t3, db.t3, ml.m5)",
                            "esta linha não tem outros tamanhos no catálogo (ajuste de tamanho: t3, db.t3, ml.m5)",
                        )
                        .to_string();
                        if m4 {
                            s.push_str(t(
                                lang,
                                "; ml.m4 is a previous generation: a adds an ml.m5 line",
                                "; ml.m4 é de geração anterior: a adiciona uma linha ml.m5",
                            ));
                        }
                        s
                    });
                } else {
                    let smaller = by < 0;
                    self.notice(|lang| {
                        match (smaller, lang) {
                            (true, _) => t(
                                lang,
                                "already the smallest size in the catalog",
                                "já é o menor tamanho do catálogo",
                            ),
                            (false, _) => t(
                                lang,
                                "already the largest size in the catalog",
                                "já é o maior tamanho do catálogo",
                            ),
                        }
                        .to_string()
                    });
                }
            }
            Ok(Some((new, diff))) => {
                let idx = self.selected;
                let mut trial = self.budget.clone();
                trial.lines[idx] = new;
                if self.apply_move(trial, lang) {
                    let label = self.line().map(|l| l.label.clone()).unwrap_or_default();
                    let cost = self.line_cost().unwrap_or_default();
                    self.notice(|lang| match lang {
                        Lang::En => format!(
                            "{label}: {}/month ({} a month; u undoes)",
                            money(cost, lang),
                            signed_money(diff, lang)
                        ),
                        Lang::PtBr => format!(
                            "{label}: {}/mês ({} por mês; u desfaz)",
                            money(cost, lang),
                            signed_money(diff, lang)
                        ),
                    });
                }
            }
        }
    }

    // ---- hour presets -----------------------------------------------------------

    /// The hours list for an hourly line, on the preset it uses now.
    pub fn open_hours(&mut self) {
        let Some(line) = self.line() else {
            return;
        };
        let Some(now) = wb::hours_of(line) else {
            return self.notice(|lang| {
                t(
                    lang,
                    "hour presets are for lines billed by the hour with an hours factor",
                    "as horas predefinidas valem para linhas cobradas por hora com um fator de horas",
                )
                .into()
            });
        };
        let selected = HourPreset::PRESETS
            .iter()
            .position(|p| p.hours() == now)
            .unwrap_or(HOUR_ROWS - 1);
        self.overlay = Overlay::Hours { selected };
    }

    /// The `row`th entry of the hours list: a preset, or the field for custom hours.
    fn pick_hours(&mut self, row: usize, lang: Lang) {
        self.overlay = Overlay::None;
        match HourPreset::PRESETS.get(row) {
            Some(p) => self.set_hours(*p, lang),
            None => {
                let now = self.line().and_then(wb::hours_of).unwrap_or_default();
                self.input = Some((Input::Hours, now.normalize().to_string()));
                self.input_fresh = true;
            }
        }
    }

    fn set_hours(&mut self, preset: HourPreset, lang: Lang) {
        let Some(line) = self.line().cloned() else {
            return;
        };
        let before = self.line_cost().unwrap_or_default();
        let new = match wb::set_hours(&line, preset) {
            Ok(l) => l,
            Err(e) => {
                return self.said = Some(Message::fixed(Level::Error, calc_message(&e, lang)));
            }
        };
        let mut trial = self.budget.clone();
        trial.lines[self.selected] = new;
        if self.apply_move(trial, lang) {
            let cost = self.line_cost().unwrap_or_default();
            let diff = cost - before;
            self.notice(|lang| match lang {
                Lang::En => format!(
                    "{}: this line {}/month ({}; u undoes)",
                    preset.label(lang),
                    money(cost, lang),
                    signed_money(diff, lang)
                ),
                Lang::PtBr => format!(
                    "{}: esta linha {}/mês ({}; u desfaz)",
                    preset.label(lang),
                    money(cost, lang),
                    signed_money(diff, lang)
                ),
            });
        }
    }

    /// Custom hours typed: a number of hours a month (0 to 744, a 31-day month).
    pub(super) fn submit_hours(&mut self, text: &str, lang: Lang) {
        let typed = text.trim().to_string();
        let max = Decimal::from(744);
        match budget::parse_number(text) {
            Ok(h) if h >= Decimal::ZERO && h <= max => self.set_hours(HourPreset::Custom(h), lang),
            _ => {
                self.input = Some((Input::Hours, typed.clone()));
                self.input_fresh = false;
                self.error(|lang| match lang {
                    Lang::En => format!(
                        "'{typed}' is not hours in a month: type a number from 0 to 744 (31 days × 24 h); the line is unchanged"
                    ),
                    Lang::PtBr => format!(
                        "'{typed}' não é um número de horas no mês: digite de 0 a 744 (31 dias × 24 h); a linha não mudou"
                    ),
                });
            }
        }
    }

    // ---- S3 storage classes -------------------------------------------------------

    /// The rows of the S3 list: every class, then the lifecycle example.
    pub fn s3_rows(&self) -> Vec<S3Row> {
        let n = wb::storage_classes(&self.catalog).len();
        let mut rows: Vec<S3Row> = (0..n).map(S3Row::Class).collect();
        rows.push(S3Row::Lifecycle);
        rows
    }

    /// The S3 classes list for an S3 storage line, on its class with 100%.
    pub fn open_s3(&mut self) {
        let Some(line) = self.line() else {
            return;
        };
        if !wb::is_s3_storage(line, &self.catalog) {
            return self.notice(|lang| {
                t(
                    lang,
                    "storage classes are for an S3 storage line (S3 Standard, Standard-IA…)",
                    "as classes de armazenamento valem para uma linha de armazenamento do S3 (S3 Standard, Standard-IA…)",
                )
                .into()
            });
        }
        let classes = wb::storage_classes(&self.catalog);
        let at = classes
            .iter()
            .position(|e| e.id == line.service)
            .unwrap_or(0);
        let mut shares = vec![Decimal::ZERO; classes.len()];
        if let Some(s) = shares.get_mut(at) {
            *s = Decimal::from(100);
        }
        self.overlay = Overlay::S3 {
            selected: at,
            shares,
        };
    }

    /// The whole selected line moved to the `n`th class, as the pricing options
    /// (`o`) would: its price, its service and the record of the choice.
    fn move_to_class(&mut self, n: usize, lang: Lang) {
        let Some(class) = wb::storage_classes(&self.catalog)
            .get(n)
            .map(|e| e.id.clone())
        else {
            return;
        };
        let Some(line) = self.line().cloned() else {
            return;
        };
        let opts = options::for_line(&line, &self.catalog).unwrap_or_default();
        let mut new = match opts
            .iter()
            .find(|o| o.entry.as_deref() == Some(class.as_str()))
        {
            Some(o) => options::apply(&line, o),
            None => return,
        };
        if let (Some(from), Some(to)) = (
            self.catalog.entry(&line.service),
            self.catalog.entry(&class),
        ) && let Some(label) = wb::relabel_for_class(&line.label, from, to)
        {
            new.label = label;
        }
        let before = self.line_cost().unwrap_or_default();
        let mut trial = self.budget.clone();
        trial.lines[self.selected] = new;
        self.overlay = Overlay::None;
        if self.apply_move(trial, lang) {
            let cost = self.line_cost().unwrap_or_default();
            let name = self
                .catalog
                .entry(&class)
                .map(|e| (e.name(Lang::En).to_string(), e.name(Lang::PtBr).to_string()))
                .unwrap_or_default();
            self.notice(|lang| match lang {
                Lang::En => format!(
                    "{}: {}/month ({}; u undoes)",
                    name.0,
                    money(cost, lang),
                    signed_money(cost - before, lang)
                ),
                Lang::PtBr => format!(
                    "{}: {}/mês ({}; u desfaz)",
                    name.1,
                    money(cost, lang),
                    signed_money(cost - before, lang)
                ),
            });
        }
    }

    /// The selected line replaced by one line per class with a share (undoable).
    fn split_line(&mut self, shares: &[(String, Decimal)], lang: Lang) {
        let Some(line) = self.line().cloned() else {
            return;
        };
        let pairs: Vec<(&str, Decimal)> = shares.iter().map(|(id, p)| (id.as_str(), *p)).collect();
        let before = self.line_cost().unwrap_or_default();
        let lines = match wb::split_s3(&line, &pairs, &self.catalog, lang) {
            Ok(l) => l,
            Err(e) => {
                return self.error(|lang| match lang {
                    Lang::En => format!("{}: nothing split", e.message(lang)),
                    Lang::PtBr => format!("{}: nada foi dividido", e.message(lang)),
                });
            }
        };
        let after: Decimal = lines
            .iter()
            .filter_map(|l| l.compute().ok())
            .map(|c| c.cost)
            .sum();
        let n = lines.len();
        let idx = self.selected;
        let mut trial = self.budget.clone();
        trial.lines.splice(idx..=idx, lines);
        self.overlay = Overlay::None;
        if self.apply_move(trial, lang) {
            self.notice(|lang| match lang {
                Lang::En => format!(
                    "split into {n} lines: {}/month ({}; u undoes)",
                    money(after, lang),
                    signed_money(after - before, lang)
                ),
                Lang::PtBr => format!(
                    "dividida em {n} linhas: {}/mês ({}; u desfaz)",
                    money(after, lang),
                    signed_money(after - before, lang)
                ),
            });
        }
    }

    /// A share typed for the `n`th class: a percentage from 0 to 100.
    pub(super) fn submit_share(&mut self, n: usize, text: &str) {
        let typed = text.trim().trim_end_matches('%').trim().to_string();
        let Overlay::S3 { selected, shares } = &mut self.overlay else {
            return;
        };
        match budget::parse_number(&typed) {
            Ok(p) if p >= Decimal::ZERO && p <= Decimal::from(100) => {
                if let Some(s) = shares.get_mut(n) {
                    *s = p;
                }
                *selected = n;
                let sum: Decimal = shares.iter().sum();
                if sum != Decimal::from(100) {
                    self.notice(|lang| match lang {
                        Lang::En => format!(
                            "the shares add up to {}%: make them 100%, then s splits",
                            crate::numfmt::decimal(sum, lang)
                        ),
                        Lang::PtBr => format!(
                            "as partes somam {}%: ajuste para 100% e tecle s para dividir",
                            crate::numfmt::decimal(sum, lang)
                        ),
                    });
                }
            }
            _ => {
                self.input = Some((Input::Share(n), typed.clone()));
                self.input_fresh = false;
                self.error(|lang| match lang {
                    Lang::En => format!(
                        "'{typed}' is not a percentage: type a number from 0 to 100; the shares are unchanged"
                    ),
                    Lang::PtBr => format!(
                        "'{typed}' não é um percentual: digite um número de 0 a 100; as partes não mudaram"
                    ),
                });
            }
        }
    }

    // ---- "add this line" -------------------------------------------------------------

    /// The lines the selected line's caveats name, each with its default quantity.
    pub fn caveat_lines(&self, lang: Lang) -> Vec<LineItem> {
        self.line()
            .map(|l| wb::caveat_lines(l, &self.catalog, lang))
            .unwrap_or_default()
    }

    /// Adds the `n`th (from 1) line the selected line's caveats name; the selection
    /// and the details view stay where they are, so the next one is one key away.
    pub(super) fn add_caveat_line(&mut self, n: usize, lang: Lang) {
        let lines = self.caveat_lines(lang);
        let Some(new) = n.checked_sub(1).and_then(|i| lines.get(i)).cloned() else {
            return;
        };
        let mut trial = self.budget.clone();
        trial.lines.push(new.clone());
        if let Err((_, e)) = trial.compute() {
            return self.said = Some(Message::fixed(Level::Error, calc_message(&e, lang)));
        }
        self.remember();
        self.budget = trial;
        // A hidden cost made visible is a workbench move too: the header shows the
        // budget as opened next to now.
        self.record_move();
        let cost = new.compute().map(|c| c.cost).unwrap_or_default();
        let total = self.budget.compute().map(|c| c.total).unwrap_or_default();
        let label = new.label.clone();
        self.notice(|lang| match lang {
            Lang::En => format!(
                "added \"{label}\": {}/month, total {} (u undoes)",
                money(cost, lang),
                money(total, lang)
            ),
            Lang::PtBr => format!(
                "adicionada \"{label}\": {}/mês, total {} (u desfaz)",
                money(cost, lang),
                money(total, lang)
            ),
        });
    }

    // ---- the free-tier switch ----------------------------------------------------------

    /// Switches the catalog's always-free quantities on or off for every catalog
    /// line (undoable) and shows what changed, with the legacy 12-month offers apart.
    pub fn switch_free_tier(&mut self) {
        let before = self.budget.compute().map(|c| c.total).unwrap_or_default();
        let on = !wb::free_tier_on(&self.budget);
        let trial = wb::switch_free_tier(&self.budget, &self.catalog, on);
        if trial != self.budget {
            self.remember();
            self.budget = trial;
            self.record_move();
        }
        self.overlay = Overlay::FreeTier { before };
    }

    // ---- the popups' keys ------------------------------------------------------------

    /// Keys while the hours, S3 or free-tier popup is open.
    pub(super) fn handle_workbench_overlay(&mut self, action: Action, lang: Lang) -> bool {
        match self.overlay.clone() {
            Overlay::Hours { selected } => match action {
                Action::ListMove(d) | Action::ListPage(d) => {
                    self.overlay = Overlay::Hours {
                        selected: step(selected, i64::from(d), HOUR_ROWS),
                    }
                }
                Action::PickNumber(k) if (1..=HOUR_ROWS).contains(&usize::from(k)) => {
                    self.pick_hours(usize::from(k) - 1, lang)
                }
                Action::ListSelect => self.pick_hours(selected, lang),
                Action::CloseOverlay => self.overlay = Overlay::None,
                _ => return false,
            },
            Overlay::S3 { selected, shares } => {
                let rows = self.s3_rows();
                match action {
                    Action::ListMove(d) | Action::ListPage(d) => {
                        self.overlay = Overlay::S3 {
                            selected: step(selected, i64::from(d), rows.len()),
                            shares,
                        }
                    }
                    Action::ListSelect => match rows.get(selected) {
                        Some(S3Row::Class(n)) => self.move_to_class(*n, lang),
                        Some(S3Row::Lifecycle) => {
                            let (keep, ia, glacier) = LIFECYCLE;
                            let split: Vec<(String, Decimal)> =
                                wb::lifecycle_split(keep, ia, glacier)
                                    .into_iter()
                                    .map(|(id, p)| (id.to_string(), p))
                                    .collect();
                            self.split_line(&split, lang);
                        }
                        None => {}
                    },
                    Action::BudgetShare => {
                        if let Some(S3Row::Class(n)) = rows.get(selected) {
                            let now = shares.get(*n).copied().unwrap_or_default();
                            self.input = Some((Input::Share(*n), now.normalize().to_string()));
                            self.input_fresh = true;
                        }
                    }
                    Action::BudgetSplit => {
                        let ids: Vec<String> = wb::storage_classes(&self.catalog)
                            .iter()
                            .map(|e| e.id.clone())
                            .collect();
                        let split: Vec<(String, Decimal)> =
                            ids.into_iter().zip(shares.iter().copied()).collect();
                        self.split_line(&split, lang);
                    }
                    Action::CloseOverlay => self.overlay = Overlay::None,
                    _ => return false,
                }
            }
            Overlay::FreeTier { .. } => match action {
                Action::ListSelect | Action::CloseOverlay => self.overlay = Overlay::None,
                Action::ListMove(_) | Action::ListPage(_) | Action::PickNumber(_) => {}
                _ => return false,
            },
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::budget_tab::tests::{tab, total};

    #[test]
    fn a_move_shows_opened_vs_now_until_it_is_undone() {
        let mut t = tab();
        t.resize_line(-1, Lang::En);
        assert_eq!(t.line().expect("line").service, "ec2-t3-small");
        assert_eq!(total(&t), "82.52");
        assert!(t.opened_vs_now().is_some());
        assert!(t.undo());
        assert!(t.opened_vs_now().is_none());
        // A plain edit after the undone move shows only the new total.
        t.commit(super::super::Field::Factor(1), "360", Lang::En)
            .expect("valid");
        assert!(t.opened_vs_now().is_none());
    }

    #[test]
    fn a_bad_share_or_hours_keeps_everything() {
        let mut t = tab();
        t.selected = 2;
        t.open_s3();
        let before = t.overlay.clone();
        t.submit_share(0, "150");
        assert_eq!(t.overlay, before);
        assert!(matches!(t.input, Some((Input::Share(0), _))));
        t.input = None;
        t.selected = 0;
        t.submit_hours("abc", Lang::PtBr);
        assert_eq!(total(&t), "97.49");
        assert!(t.undo.is_empty());
    }
}
