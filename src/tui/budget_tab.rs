//! The Budget tab's state and its update function: a working copy of a budget,
//! the selected line and field, inline editing with validation (a refused value
//! keeps the old one), add from the catalog, delete and undo, include/exclude,
//! save, export, and a BRL rate. Custom lines and a line's factors are in
//! `budget_tab/shape.rs`; comparing two budgets and saving a variant in
//! `budget_tab/versions.rs`.
use std::path::PathBuf;

use rust_decimal::Decimal;

use super::action::Action;
use super::message::{Level, Message};
use super::outcome::Outcome;
use super::widgets::list::step;
use crate::budget::catalog::Catalog;
use crate::budget::options::{self, PricedOption};
/// Re-exported for the views: the title lives with the scenarios, in `budget`.
pub use crate::budget::scenario_title;
use crate::budget::{self, Budget, LineItem, file, format, saved};
use crate::lang::{Lang, tr as t};

/// The cost-optimization moves (right-sizing, hours, S3 classes, caveat lines, the
/// free-tier switch), kept apart from the editor's own code.
mod workbench;
pub use workbench::{HOUR_ROWS, LIFECYCLE, S3Row, signed_money};
// Custom lines and a line's factors (`c`, `f`).
mod shape;
// Two budgets side by side (`v`) and saving a variant (`V`).
mod versions;
pub use versions::{CompareState, CompareWith};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Scenario(String),
    Saved(String),
    New,
}

impl Source {
    pub fn key(&self) -> String {
        match self {
            Source::Scenario(id) => id.clone(),
            Source::Saved(n) => format!("saved:{n}"),
            Source::New => "new".into(),
        }
    }
    pub fn from_key(k: &str) -> Source {
        match k.strip_prefix("saved:") {
            Some(n) => Source::Saved(n.to_string()),
            None if k == "new" => Source::New,
            None => Source::Scenario(k.to_string()),
        }
    }
}

/// An editable field of the selected line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Factor(usize),
    UnitPrice,
    FreeQuantity,
    Label,
    /// A custom line's unit (a catalog line's unit is the catalog's).
    Unit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Lines,
    Fields(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Md,
    Csv,
    Json,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 3] = [ExportFormat::Md, ExportFormat::Csv, ExportFormat::Json];
    pub fn ext(self) -> &'static str {
        match self {
            ExportFormat::Md => "md",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }
}

/// What a text field being typed is for.
#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    Value(Field),
    SaveName,
    Rate,
    ExportPath(ExportFormat),
    /// Custom hours a month for the selected hourly line.
    Hours,
    /// The share (percent) of the `n`th S3 storage class in the classes list.
    Share(usize),
    /// A custom line, typed in three steps: label, unit, then price.
    CustomLabel,
    CustomUnit {
        label: String,
    },
    CustomPrice {
        label: String,
        unit: String,
    },
    /// A factor's name: a new factor (`None`) or factor `i` renamed.
    FactorName(Option<usize>),
    /// The name a copy of the budget is saved under (`V`).
    VariantName,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Overlay {
    None,
    /// Choose a scenario, a saved budget or a new empty budget.
    Picker {
        selected: usize,
        confirm: Option<usize>,
    },
    Catalog {
        filter: String,
        selected: usize,
    },
    Export {
        selected: usize,
    },
    /// Every detail of the selected line in full (`i`), scrolled by `scroll` rows.
    Details {
        scroll: usize,
    },
    /// The selected line's pricing options (`o`); Enter applies the one selected.
    Options {
        selected: usize,
    },
    /// Hour presets for the selected hourly line (`h`).
    Hours {
        selected: usize,
    },
    /// The S3 storage classes for the selected S3 line (`S`): a row per class, then
    /// the lifecycle example; `shares` are the percentages typed for a split.
    S3 {
        selected: usize,
        shares: Vec<Decimal>,
    },
    /// What the free-tier switch did (`T`): the total before it, and the legacy
    /// 12-month offers shown apart.
    FreeTier {
        before: Decimal,
    },
    /// The selected line's factors (`f`); the one selected is edited, renamed or
    /// removed.
    Factors {
        selected: usize,
    },
    /// What to compare this budget with (`v`): as opened, a scenario, a saved budget.
    ComparePick {
        selected: usize,
    },
    /// The two budgets side by side, scrolled by lines.
    Compare(Box<CompareState>),
}

/// One choice of the picker.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub source: Source,
    pub name: String,
}

pub struct BudgetTab {
    pub budget: Budget,
    /// The saved budgets (file stem, name), read when a list of them opens.
    pub saved_names: Vec<(String, String)>,
    pub source: Source,
    pub dirty: bool,
    /// The budget as opened or last saved: unsaved means different from it.
    pub baseline: Budget,
    pub selected: usize,
    pub focus: Focus,
    pub input: Option<(Input, String)>,
    /// The typed field still holds its prefilled value: the first character typed
    /// replaces it (Backspace edits it instead).
    pub input_fresh: bool,
    /// A file that exists and was named once: naming it again replaces it.
    pub confirm_overwrite: Option<PathBuf>,
    pub overlay: Overlay,
    pub undo: Vec<Budget>,
    pub rate: Option<Decimal>,
    pub catalog: Catalog,
    pub data_dir: Option<PathBuf>,
    /// What this tab has to say after the call that is running (the app takes it
    /// into its one message slot).
    said: Option<Message>,
    /// `budget-draft.json` exists but could not be read: it is never written over.
    draft_locked: bool,
    /// The budget as last written to the draft file (`None`: no draft of ours).
    drafted: Option<Budget>,
    /// Rows of text the details view shows at once, and its last scroll position
    /// (set by the resize step from the window's size).
    pub details_height: usize,
    pub details_last: usize,
    /// The budgets the workbench's moves made (see `workbench_moved`).
    moves: Vec<Budget>,
    /// Lines of the comparison shown at once, and its last scroll position (set by
    /// the resize step).
    pub compare_height: usize,
    pub compare_last: usize,
}

const UNDO_DEPTH: usize = 100;

fn empty_budget(lang: Lang) -> Budget {
    Budget {
        name: match lang {
            Lang::En => "My budget".into(),
            Lang::PtBr => "Meu orçamento".into(),
        },
        currency: "USD".into(),
        lines: Vec::new(),
        extra: Default::default(),
    }
}

impl BudgetTab {
    pub fn new(catalog: Catalog, data_dir: Option<PathBuf>) -> BudgetTab {
        let budget = budget::scenario("scenario-1")
            .and_then(Result::ok)
            .unwrap_or_else(|| empty_budget(Lang::En));
        BudgetTab {
            budget: budget.clone(),
            source: Source::Scenario("scenario-1".into()),
            dirty: false,
            baseline: budget,
            selected: 0,
            focus: Focus::Lines,
            input: None,
            input_fresh: false,
            confirm_overwrite: None,
            overlay: Overlay::None,
            undo: Vec::new(),
            rate: None,
            draft_locked: false,
            drafted: None,
            details_height: 20,
            details_last: usize::MAX,
            moves: Vec::new(),
            compare_height: 10,
            compare_last: usize::MAX,
            catalog,
            // Read when a list of saved budgets opens, not at start-up.
            saved_names: Vec::new(),
            data_dir,
            said: None,
        }
    }

    /// Reads the saved budgets' names again (when a list of them opens, after a
    /// save): the picker draws from this, never from the disk.
    pub fn refresh_saved(&mut self) {
        self.saved_names = self
            .data_dir
            .as_deref()
            .map(saved::list_named)
            .unwrap_or_default();
    }

    /// Opens a budget by source, dropping any draft; returns an error message when
    /// it cannot be read (the current budget then stays).
    pub fn open(&mut self, source: Source, lang: Lang) -> Result<(), String> {
        self.load_source(source, lang)?;
        self.discard_draft();
        Ok(())
    }

    /// Loads a budget by source without touching the draft (start-up).
    pub fn load_source(&mut self, source: Source, lang: Lang) -> Result<(), String> {
        let b = match &source {
            Source::Scenario(id) => budget::scenario(id)
                .ok_or_else(|| match lang {
                    Lang::En => format!("no scenario '{id}'"),
                    Lang::PtBr => format!("não há cenário '{id}'"),
                })?
                .map_err(|e| e.message(lang))?,
            Source::Saved(n) => {
                let dir = self.data_dir.as_ref().ok_or(match lang {
                    Lang::En => "no data directory",
                    Lang::PtBr => "não há pasta de dados",
                })?;
                saved::load(dir, n).map_err(|e| e.message(lang))?
            }
            Source::New => empty_budget(lang),
        };
        self.baseline = b.clone();
        self.budget = b;
        self.source = source;
        self.dirty = false;
        self.selected = 0;
        self.focus = Focus::Lines;
        self.undo.clear();
        self.moves.clear();
        Ok(())
    }

    pub fn choices(&self, lang: Lang) -> Vec<Choice> {
        let mut out: Vec<Choice> = budget::scenario_ids()
            .into_iter()
            .map(|id| Choice {
                name: scenario_title(&id, lang),
                source: Source::Scenario(id),
            })
            .collect();
        // Saved budgets by the name they were saved under; two with the same name
        // also show their file's.
        for (stem, name) in &self.saved_names {
            let twin = self.saved_names.iter().filter(|(_, n)| n == name).count() > 1;
            out.push(Choice {
                name: if twin && stem != name {
                    format!("{name} ({stem}.json)")
                } else {
                    name.clone()
                },
                source: Source::Saved(stem.clone()),
            });
        }
        out.push(Choice {
            source: Source::New,
            name: match lang {
                Lang::En => "New empty budget".into(),
                Lang::PtBr => "Novo orçamento vazio".into(),
            },
        });
        out
    }

    pub fn line(&self) -> Option<&LineItem> {
        self.budget.lines.get(self.selected)
    }

    /// The editable fields of the selected line, in display order.
    pub fn fields(&self) -> Vec<Field> {
        let Some(l) = self.line() else {
            return Vec::new();
        };
        let mut f: Vec<Field> = (0..l.factors.len()).map(Field::Factor).collect();
        f.extend([Field::UnitPrice, Field::FreeQuantity, Field::Label]);
        if l.service == budget::custom::CUSTOM {
            f.push(Field::Unit);
        }
        f
    }

    pub fn field_value(&self, f: Field) -> String {
        let Some(l) = self.line() else {
            return String::new();
        };
        match f {
            Field::Factor(i) => l
                .factors
                .get(i)
                .map(|x| x.value.normalize().to_string())
                .unwrap_or_default(),
            Field::UnitPrice => l.unit_price.normalize().to_string(),
            Field::FreeQuantity => l.free_quantity.normalize().to_string(),
            Field::Label => l.label.clone(),
            Field::Unit => l.unit.clone(),
        }
    }

    /// A field's value as a person reads it: factors and the free quantity in the
    /// language's numbers (`1,5` and `1.440` in pt-BR), text fields as they are.
    /// (`field_value` is what an edit starts from.)
    pub fn field_shown(&self, f: Field, lang: Lang) -> String {
        let Some(l) = self.line() else {
            return String::new();
        };
        match f {
            Field::Factor(i) => l
                .factors
                .get(i)
                .map(|x| crate::numfmt::decimal(x.value, lang))
                .unwrap_or_default(),
            Field::FreeQuantity => crate::numfmt::decimal(l.free_quantity, lang),
            _ => self.field_value(f),
        }
    }

    fn remember(&mut self) {
        self.undo.push(self.budget.clone());
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.dirty = true;
    }

    /// Applies a typed value to a field. A bad value is refused with the reason and
    /// the old value stays.
    pub fn commit(&mut self, field: Field, text: &str, lang: Lang) -> Result<(), String> {
        let idx = self.selected;
        let Some(old) = self.budget.lines.get(idx).cloned() else {
            return Err("no line".into());
        };
        let mut new = old.clone();
        if field == Field::Label {
            let t = text.trim();
            if t.is_empty() {
                return Err(match lang {
                    Lang::En => "a label cannot be empty".into(),
                    Lang::PtBr => "o rótulo não pode ficar vazio".into(),
                });
            }
            new.label = t.to_string();
        } else if field == Field::Unit {
            new.unit = budget::custom::clean_text(text, budget::custom::What::Unit)
                .map_err(|e| e.message(lang))?;
        } else {
            let v = budget::parse_number(text).map_err(|e| number_error(e, text, lang))?;
            match field {
                Field::Factor(i) => {
                    if let Some(f) = new.factors.get_mut(i) {
                        f.value = v;
                    }
                }
                Field::UnitPrice => new.unit_price = v,
                Field::FreeQuantity => new.free_quantity = v,
                Field::Label | Field::Unit => {}
            }
        }
        // The whole line and the total must still compute.
        new.compute().map_err(|e| calc_message(&e, lang))?;
        let mut trial = self.budget.clone();
        trial.lines[idx] = new;
        trial.compute().map_err(|(_, e)| calc_message(&e, lang))?;
        if trial != self.budget {
            self.remember();
            self.budget = trial;
        }
        Ok(())
    }

    pub fn toggle(&mut self) {
        if self.selected < self.budget.lines.len() {
            self.remember();
            let l = &mut self.budget.lines[self.selected];
            l.included = !l.included;
        }
    }

    pub fn delete(&mut self) {
        if self.selected < self.budget.lines.len() {
            self.remember();
            self.budget.lines.remove(self.selected);
            self.selected = self.selected.min(self.budget.lines.len().saturating_sub(1));
            self.focus = Focus::Lines;
        }
    }

    pub fn undo(&mut self) -> bool {
        match self.undo.pop() {
            Some(b) => {
                self.budget = b;
                self.selected = self.selected.min(self.budget.lines.len().saturating_sub(1));
                self.focus = Focus::Lines;
                // Undoing every change leaves nothing unsaved.
                self.dirty = self.budget != self.baseline;
                true
            }
            None => false,
        }
    }

    /// The selected line's pricing options, On-Demand first (empty for a line the
    /// catalog has none for, or one that does not compute).
    pub fn line_options(&self) -> Vec<PricedOption> {
        self.line()
            .and_then(|l| options::for_line(l, &self.catalog).ok())
            .unwrap_or_default()
    }

    /// Which of `opts` the selected line uses now: the one it records, else the one
    /// whose price it has (On-Demand for a line as the catalog prices it).
    pub fn current_option(&self, opts: &[PricedOption]) -> Option<usize> {
        let line = self.line()?;
        match options::picked(line) {
            Some((code, term, payment)) => opts
                .iter()
                .position(|o| o.option == code && o.term == term && o.payment == payment),
            None => opts.iter().position(|o| {
                (o.kind == options::OptionKind::OnDemand
                    || o.entry.as_deref() == Some(line.service.as_str()))
                    && o.unit_price == line.unit_price
            }),
        }
    }

    /// The total as opened (or last saved) and now, when they differ.
    pub fn opened_vs_now(&self) -> Option<(Decimal, Decimal)> {
        // Shown once a pricing option was picked on a line (the workbench's question
        // "what does this choice save?"); a plain edit shows only the new total.
        // The workbench's moves (right-sizing, hours, S3 classes, free tier) ask
        // the same question.
        if !self
            .budget
            .lines
            .iter()
            .any(|l| options::picked(l).is_some())
            && !self.workbench_moved()
        {
            return None;
        }
        let opened = self.baseline.compute().ok()?.total;
        let now = self.budget.compute().ok()?.total;
        (opened != now).then_some((opened, now))
    }

    /// Applies the `index`th pricing option to the selected line (undoable).
    pub fn apply_option(&mut self, index: usize, lang: Lang) {
        let opts = self.line_options();
        let idx = self.selected;
        let (Some(o), Some(old)) = (opts.get(index), self.budget.lines.get(idx).cloned()) else {
            return;
        };
        let new = options::apply(&old, o);
        let mut trial = self.budget.clone();
        trial.lines[idx] = new;
        if let Err((_, e)) = trial.compute() {
            self.said = Some(Message::fixed(Level::Error, calc_message(&e, lang)));
            return;
        }
        if trial != self.budget {
            self.remember();
            self.budget = trial;
        }
        let cat = &self.catalog;
        self.said = Some(Message::new(Level::Notice, |lang: Lang| -> String {
            let monthly = format::money(o.monthly, lang);
            match lang {
                Lang::En => format!(
                    "{}: {monthly}/month on this line (u undoes)",
                    o.title(lang, cat)
                ),
                Lang::PtBr => format!(
                    "{}: {monthly}/mês nesta linha (u desfaz)",
                    o.title(lang, cat)
                ),
            }
        }));
    }

    /// Adds a line priced from a catalog entry (documented price when known, else
    /// the course's), with its default factors and free tier.
    pub fn add_from_catalog(&mut self, id: &str, lang: Lang) {
        let Some(e) = self.catalog.entry(id).cloned() else {
            return;
        };
        self.remember();
        let line = budget::workbench::line_from_entry_in(&e, lang);
        self.budget.lines.push(line);
        self.selected = self.budget.lines.len() - 1;
    }

    /// Adds a ready-made line (from the Lab) and selects it.
    pub fn add_line(&mut self, line: LineItem) {
        self.remember();
        self.budget.lines.push(line);
        self.selected = self.budget.lines.len() - 1;
        self.focus = Focus::Lines;
        self.overlay = Overlay::None;
        self.input = None;
    }

    /// Replaces the selected line's price with the documented one.
    pub fn use_documented(&mut self, lang: Lang) -> Result<(), String> {
        let Some(line) = self.line() else {
            return Ok(());
        };
        let doc = self
            .catalog
            .entry(&line.service)
            .and_then(|e| e.documented());
        match doc {
            Some(p) if p != line.unit_price => {
                let text = p.to_string();
                self.commit(Field::UnitPrice, &text, lang)
            }
            Some(_) => Ok(()),
            None => Err(match lang {
                Lang::En => "no documented price for this service (not verified)".into(),
                Lang::PtBr => "sem preço documentado para este serviço (não verificado)".into(),
            }),
        }
    }

    pub fn save_as(&mut self, name: &str, lang: Lang) -> Result<PathBuf, String> {
        let dir = self.data_dir.clone().ok_or_else(|| match lang {
            Lang::En => "no data directory to save into".to_string(),
            Lang::PtBr => "não há pasta de dados para salvar".to_string(),
        })?;
        let name = name.trim();
        if name.is_empty() {
            return Err(match lang {
                Lang::En => "type a name".into(),
                Lang::PtBr => "digite um nome".into(),
            });
        }
        let mut b = self.budget.clone();
        b.name = name.to_string();
        let path = saved::save(&dir, name, &b)?;
        self.refresh_saved();
        self.baseline = b.clone();
        self.budget = b;
        self.source = Source::Saved(saved::slug(name));
        self.dirty = false;
        self.discard_draft();
        Ok(path)
    }

    /// The name the reader sees: a bundled scenario's title in their language (until
    /// it is renamed), else the budget's own name. Saving and exporting start from
    /// it, so the default name never turns a Portuguese title English.
    pub fn display_name(&self, lang: Lang) -> String {
        match &self.source {
            Source::Scenario(id) if self.budget.name.starts_with("Scenario") => {
                scenario_title(id, lang)
            }
            _ => self.budget.name.clone(),
        }
    }

    pub fn default_export_path(&self, fmt: ExportFormat, lang: Lang) -> String {
        let dir = self
            .data_dir
            .as_ref()
            .map(|d| d.join("exports"))
            .unwrap_or_else(|| PathBuf::from("."));
        dir.join(format!(
            "{}.{}",
            saved::slug(&self.display_name(lang)),
            fmt.ext()
        ))
        .display()
        .to_string()
    }

    pub fn export(&self, fmt: ExportFormat, path: &str, lang: Lang) -> Result<PathBuf, String> {
        let c = self
            .budget
            .compute()
            .map_err(|(_, e)| calc_message(&e, lang))?;
        let text = match fmt {
            ExportFormat::Md => {
                // The title as the reader sees it (a scenario's in their language).
                let shown = Budget {
                    name: self.display_name(lang),
                    ..self.budget.clone()
                };
                format::markdown(&shown, &c, self.rate, lang)
            }
            ExportFormat::Csv => format::csv(&self.budget, &c, self.rate),
            ExportFormat::Json => file::to_json(&self.budget, Some(&c), self.rate),
        };
        let p = PathBuf::from(path.trim());
        if path.trim().is_empty() {
            return Err(match lang {
                Lang::En => "type a file path".into(),
                Lang::PtBr => "digite o caminho do arquivo".into(),
            });
        }
        // The app's own exports folder is made on first use; any other missing
        // folder is a typo to report, never created silently.
        let own = self.data_dir.as_ref().map(|d| d.join("exports"));
        let written = if own.is_some() && p.parent() == own.as_deref() {
            crate::store::write_data_file(&p, text.as_bytes())
        } else {
            crate::store::atomic_write(&p, text.as_bytes())
        };
        written.map_err(|e| format!("{}: {}", p.display(), e.message(lang)))?;
        Ok(std::fs::canonicalize(&p).unwrap_or(p))
    }

    /// Whether unsaved changes are kept on disk as a draft (no data folder, or a
    /// draft file that cannot be read or written, means they are not).
    pub fn draft_kept(&self) -> bool {
        self.data_dir.is_some() && !self.draft_locked
    }

    fn draft_path(&self) -> Option<PathBuf> {
        self.data_dir.as_ref().map(|d| d.join("budget-draft.json"))
    }

    /// Keeps unsaved changes across sessions and a closed terminal: written
    /// atomically after every change (see [`BudgetTab::keep_draft`]), removed when the
    /// budget is saved or another one is opened.
    pub fn write_draft(&mut self) -> Result<(), Message> {
        let Some(p) = self.draft_path() else {
            return Ok(());
        };
        if !self.dirty || self.draft_locked || self.drafted.as_ref() == Some(&self.budget) {
            return Ok(());
        }
        let json = file::to_json(&self.budget, None, None);
        if let Err(e) = crate::store::write_data_file(&p, json.as_bytes()) {
            // Said once: later edits do not retry a write that cannot succeed.
            self.draft_locked = true;
            return Err(Message::new(Level::Warning, |lang: Lang| -> String {
                match lang {
                    Lang::En => format!(
                        "{}: unsaved edits cannot be kept: {}",
                        p.display(),
                        e.message(lang)
                    ),
                    Lang::PtBr => format!(
                        "{}: as alterações não salvas não podem ser guardadas: {}",
                        p.display(),
                        e.message(lang)
                    ),
                }
            }));
        }
        self.drafted = Some(self.budget.clone());
        Ok(())
    }

    /// After every update: the draft follows the budget, so nothing typed is lost if
    /// the terminal closes. Undoing every change removes the draft.
    pub fn keep_draft(&mut self) -> Result<(), Message> {
        if self.dirty {
            self.write_draft()
        } else {
            if self.drafted.is_some() {
                self.discard_draft();
            }
            Ok(())
        }
    }

    fn discard_draft(&mut self) {
        if self.draft_locked {
            return;
        }
        self.drafted = None;
        if let Some(p) = self.draft_path() {
            let _ = std::fs::remove_file(p);
        }
    }

    /// Restores a draft left by an earlier session. One that is not a budget (not
    /// UTF-8, not JSON, invalid) is moved aside; one that cannot be read is left as it
    /// is and never written over.
    pub fn restore_draft(&mut self) -> Option<Message> {
        use crate::store::ReadError;
        let p = self.draft_path()?;
        let shown = p.display().to_string();
        let problem: Box<dyn Fn(Lang) -> String> = match crate::store::read_capped(
            &p,
            crate::store::MAX_FILE_BYTES,
        ) {
            Err(ReadError::Missing) => return None,
            Err(e) => {
                self.draft_locked = true;
                return Some(Message::new(Level::Warning, |lang: Lang| -> String {
                    match lang {
                        Lang::En => format!(
                            "{shown}: {}; the unsaved budget is left as it is and edits are not kept as a draft",
                            e.message(lang)
                        ),
                        Lang::PtBr => format!(
                            "{shown}: {}; o orçamento não salvo fica como está e as alterações não são guardadas como rascunho",
                            e.message(lang)
                        ),
                    }
                }));
            }
            Ok(bytes) => match String::from_utf8(bytes) {
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    Box::new(move |lang| match lang {
                        Lang::En => format!("not UTF-8 text (byte {at})"),
                        Lang::PtBr => format!("não é texto UTF-8 (byte {at})"),
                    })
                }
                Ok(text) => match file::parse(&text, &shown) {
                    Ok(b) => {
                        self.budget = b;
                        self.dirty = self.budget != self.baseline;
                        self.drafted = Some(self.budget.clone());
                        return None;
                    }
                    Err(e) => {
                        let detail = e.to_string();
                        Box::new(move |_| detail.clone())
                    }
                },
            },
        };
        Some(match crate::store::move_aside(&p) {
            Ok(m) => Message::new(Level::Warning, |lang: Lang| -> String {
                match lang {
                    Lang::En => format!("{shown}: {}; moved to {}", problem(lang), m.display()),
                    Lang::PtBr => {
                        format!("{shown}: {}; movido para {}", problem(lang), m.display())
                    }
                }
            }),
            Err(me) => {
                self.draft_locked = true;
                Message::new(Level::Warning, |lang: Lang| -> String {
                    match lang {
                        Lang::En => format!(
                            "{shown}: {}; it could not be moved aside ({me}) and is left as it is",
                            problem(lang)
                        ),
                        Lang::PtBr => format!(
                            "{shown}: {}; não foi possível movê-lo ({me}) e ele fica como está",
                            problem(lang)
                        ),
                    }
                })
            }
        })
    }

    /// Pasted text into the open field or the catalog filter: one edit.
    pub fn paste(&mut self, pasted: &str, _lang: Lang) {
        use crate::tui::widgets::text_field::{self, Edit, SHORT_CAP};
        let edit = if let Some((_, text)) = &mut self.input {
            text_field::paste(text, &mut self.input_fresh, pasted, SHORT_CAP)
        } else if let Overlay::Catalog { filter, selected } = &mut self.overlay {
            *selected = 0;
            text_field::paste(filter, &mut false, pasted, SHORT_CAP)
        } else {
            return;
        };
        if edit == Edit::Full {
            self.said = Some(Message::new(Level::Error, |lang: Lang| -> String {
                text_field::full_message(SHORT_CAP, lang)
            }));
        }
    }

    /// Moves the selection among lines or fields.
    pub fn move_by(&mut self, d: i64) {
        match self.focus {
            Focus::Lines => {
                let n = self.budget.lines.len();
                if n > 0 {
                    self.selected = step(self.selected, d, n);
                }
            }
            Focus::Fields(i) => {
                let n = self.fields().len();
                if n > 0 {
                    self.focus = Focus::Fields(step(i, d, n));
                }
            }
        }
    }

    /// What this tab has to say since it was last asked (for the app's message slot).
    pub fn take_said(&mut self) -> Option<Message> {
        self.said.take()
    }

    /// Handles an action while the Budget tab is shown.
    pub fn update(&mut self, action: Action, lang: Lang) -> Outcome {
        self.handle(action, lang);
        Outcome::None
    }

    /// Handles an action; returns true when it was one for this tab.
    fn handle(&mut self, action: Action, lang: Lang) -> bool {
        // Text being typed.
        if let Some((kind, text)) = &mut self.input {
            use crate::tui::widgets::text_field::{self, Edit, SHORT_CAP};
            if let Some(e) = text_field::edit(text, &mut self.input_fresh, action, SHORT_CAP) {
                if e == Edit::Full {
                    self.said = Some(Message::new(Level::Error, |lang: Lang| -> String {
                        text_field::full_message(SHORT_CAP, lang)
                    }));
                }
                return true;
            }
            match action {
                Action::InputCancel => {
                    self.input = None;
                    self.confirm_overwrite = None;
                }
                Action::InputSubmit => {
                    let (kind, text) = (kind.clone(), text.clone());
                    self.input = None;
                    self.submit(kind, &text, lang);
                }
                _ => return false,
            }
            return true;
        }
        match self.overlay.clone() {
            Overlay::Picker { selected, confirm } => {
                let n = self.choices(lang).len();
                match action {
                    Action::ListMove(d) | Action::ListPage(d) => {
                        let s = step(selected, i64::from(d), n);
                        self.overlay = Overlay::Picker {
                            selected: s,
                            confirm: None,
                        };
                    }
                    Action::PickNumber(k) if usize::from(k) >= 1 && usize::from(k) <= n => {
                        self.pick(usize::from(k) - 1, confirm, lang);
                    }
                    Action::ListSelect => self.pick(selected, confirm, lang),
                    Action::CloseOverlay => self.overlay = Overlay::None,
                    _ => return false,
                }
                return true;
            }
            Overlay::Catalog {
                mut filter,
                selected,
            } => {
                let matches: Vec<String> = self
                    .catalog
                    .filter(&filter, lang)
                    .iter()
                    .map(|e| e.id.clone())
                    .collect();
                use crate::tui::widgets::text_field::{self, Edit, SHORT_CAP};
                if let Some(e) = text_field::edit(&mut filter, &mut false, action, SHORT_CAP) {
                    if e == Edit::Full {
                        self.said = Some(Message::new(Level::Error, |lang: Lang| -> String {
                            text_field::full_message(SHORT_CAP, lang)
                        }));
                    }
                    self.overlay = Overlay::Catalog {
                        filter,
                        selected: 0,
                    };
                    return true;
                }
                match action {
                    Action::ListMove(d) | Action::ListPage(d) => {
                        let s = step(selected, i64::from(d), matches.len());
                        self.overlay = Overlay::Catalog {
                            filter,
                            selected: s,
                        };
                    }
                    Action::ListSelect => {
                        if let Some(id) = matches.get(selected) {
                            self.add_from_catalog(id, lang);
                            self.overlay = Overlay::None;
                        }
                    }
                    Action::CloseOverlay | Action::InputCancel => self.overlay = Overlay::None,
                    _ => return false,
                }
                return true;
            }
            Overlay::Export { selected } => {
                match action {
                    Action::ListMove(d) | Action::ListPage(d) => {
                        let s = step(selected, i64::from(d), 3);
                        self.overlay = Overlay::Export { selected: s };
                    }
                    Action::ListSelect | Action::PickNumber(1..=3) => {
                        let n = match action {
                            Action::PickNumber(k) => usize::from(k) - 1,
                            _ => selected,
                        };
                        let fmt = ExportFormat::ALL[n.min(2)];
                        self.overlay = Overlay::None;
                        self.input =
                            Some((Input::ExportPath(fmt), self.default_export_path(fmt, lang)));
                        self.input_fresh = false;
                    }
                    Action::CloseOverlay => self.overlay = Overlay::None,
                    _ => return false,
                }
                return true;
            }
            Overlay::Details { scroll } => {
                let page = self.details_height.saturating_sub(1).max(1) as i64;
                let last = self.details_last.min(i64::MAX as usize) as i64;
                let s = scroll as i64;
                let to = match action {
                    Action::Scroll(d) | Action::ListMove(d) => s + i64::from(d),
                    Action::Page(d) | Action::ListPage(d) => s + i64::from(d) * page,
                    Action::HalfPage(d) => s + i64::from(d) * (page / 2).max(1),
                    Action::Top => 0,
                    Action::Bottom => last,
                    Action::PickNumber(k) => {
                        self.add_caveat_line(usize::from(k), lang);
                        return true;
                    }
                    Action::CloseOverlay | Action::BudgetDetails => {
                        self.overlay = Overlay::None;
                        return true;
                    }
                    _ => return false,
                };
                self.overlay = Overlay::Details {
                    scroll: to.clamp(0, last.max(0)) as usize,
                };
                return true;
            }
            Overlay::Options { selected } => {
                let n = self.line_options().len();
                match action {
                    Action::ListMove(d) => {
                        self.overlay = Overlay::Options {
                            selected: step(selected, i64::from(d), n),
                        }
                    }
                    Action::ListPage(d) => {
                        self.overlay = Overlay::Options {
                            selected: step(selected, i64::from(d) * 5, n),
                        }
                    }
                    Action::PickNumber(k) if usize::from(k) >= 1 && usize::from(k) <= n => {
                        self.overlay = Overlay::None;
                        self.apply_option(usize::from(k) - 1, lang);
                    }
                    Action::ListSelect => {
                        self.overlay = Overlay::None;
                        self.apply_option(selected, lang);
                    }
                    Action::CloseOverlay => self.overlay = Overlay::None,
                    _ => return false,
                }
                return true;
            }
            Overlay::Hours { .. } | Overlay::S3 { .. } | Overlay::FreeTier { .. } => {
                return self.handle_workbench_overlay(action, lang);
            }
            Overlay::Factors { selected } => return self.factors_key(selected, action, lang),
            Overlay::ComparePick { selected } => {
                return self.compare_pick_key(selected, action, lang);
            }
            Overlay::Compare(state) => return self.compare_key(*state, action),
            Overlay::None => {}
        }
        match action {
            Action::ListMove(d) => self.move_by(i64::from(d)),
            Action::ListPage(d) => self.move_by(i64::from(d) * 5),
            Action::BudgetEdit | Action::ListSelect => match self.focus {
                Focus::Lines if !self.budget.lines.is_empty() => self.focus = Focus::Fields(0),
                Focus::Lines => {}
                Focus::Fields(i) => {
                    if let Some(f) = self.fields().get(i).copied() {
                        self.input = Some((Input::Value(f), self.field_value(f)));
                        self.input_fresh = true;
                    }
                }
            },
            Action::InputChar(c) => {
                // Typing in the field list starts editing with that character.
                if let Focus::Fields(i) = self.focus
                    && let Some(f) = self.fields().get(i).copied()
                {
                    self.input = Some((Input::Value(f), c.to_string()));
                    self.input_fresh = false;
                }
            }
            Action::CloseOverlay => self.focus = Focus::Lines,
            Action::BudgetToggle => self.toggle(),
            Action::BudgetDelete => self.delete(),
            Action::BudgetUndo => {
                if !self.undo() {
                    self.said = Some(Message::new(Level::Notice, |lang: Lang| -> String {
                        match lang {
                            Lang::En => "nothing to undo".into(),
                            Lang::PtBr => "nada para desfazer".into(),
                        }
                    }));
                }
            }
            Action::BudgetAdd => {
                self.overlay = Overlay::Catalog {
                    filter: String::new(),
                    selected: 0,
                }
            }
            Action::BudgetPick => {
                self.refresh_saved();
                let selected = self
                    .choices(lang)
                    .iter()
                    .position(|c| c.source == self.source)
                    .unwrap_or(0);
                self.overlay = Overlay::Picker {
                    selected,
                    confirm: None,
                };
            }
            Action::BudgetSave => {
                self.input = Some((Input::SaveName, self.display_name(lang)));
                self.input_fresh = true;
            }
            Action::BudgetExport => self.overlay = Overlay::Export { selected: 0 },
            Action::BudgetDetails if self.line().is_some() => {
                self.overlay = Overlay::Details { scroll: 0 }
            }
            Action::BudgetOptions if self.line().is_some() => {
                let opts = self.line_options();
                if opts.is_empty() {
                    self.said = Some(Message::new(Level::Notice, |lang: Lang| -> String {
                        t(
                            lang,
                            "the catalog has no pricing options for this line",
                            "o catálogo não tem opções de preço para esta linha",
                        )
                        .into()
                    }));
                } else {
                    self.overlay = Overlay::Options {
                        selected: self.current_option(&opts).unwrap_or(0),
                    };
                }
            }
            Action::BudgetRate => {
                let t = self
                    .rate
                    .map(|r| r.normalize().to_string())
                    .unwrap_or_default();
                self.input = Some((Input::Rate, t));
                self.input_fresh = true;
            }
            Action::BudgetUseDocumented => {
                if let Err(e) = self.use_documented(lang) {
                    self.said = Some(Message::fixed(Level::Error, e));
                }
            }
            Action::BudgetResize(step) => self.resize_line(step, lang),
            Action::BudgetHours => self.open_hours(),
            Action::BudgetS3 => self.open_s3(),
            Action::BudgetFreeTier => self.switch_free_tier(),
            Action::BudgetCustom => self.start_custom_line(),
            Action::BudgetFactors => self.open_factors(),
            Action::BudgetCompare => self.open_compare_pick(),
            Action::BudgetVariant => self.start_variant(lang),
            _ => return false,
        }
        true
    }

    fn pick(&mut self, index: usize, confirm: Option<usize>, lang: Lang) {
        let choices = self.choices(lang);
        let Some(choice) = choices.get(index) else {
            return;
        };
        if self.dirty && choice.source != self.source && confirm != Some(index) {
            self.overlay = Overlay::Picker {
                selected: index,
                confirm: Some(index),
            };
            self.said = Some(Message::new(Level::Error, |lang: Lang| -> String {
                match lang {
                    Lang::En => {
                        "unsaved changes: Enter again to discard them, Esc then w to save first"
                            .into()
                    }
                    Lang::PtBr => {
                        "alterações não salvas: Enter de novo descarta, Esc e depois w salva antes"
                            .into()
                    }
                }
            }));
            return;
        }
        self.overlay = Overlay::None;
        if let Err(e) = self.open(choice.source.clone(), lang) {
            self.said = Some(Message::fixed(Level::Error, e));
        }
    }

    fn submit(&mut self, kind: Input, text: &str, lang: Lang) {
        match kind {
            Input::Value(f) => {
                if let Err(e) = self.commit(f, text, lang) {
                    self.said = Some(Message::fixed(Level::Error, e));
                }
            }
            Input::SaveName => {
                let Some(dir) = self.data_dir.clone() else {
                    return self.said = Some(Message::new(Level::Error, |lang: Lang| -> String {
                        t(
                            lang,
                            "no data directory to save into",
                            "não há pasta de dados para salvar",
                        )
                        .into()
                    }));
                };
                let slug = saved::slug(text);
                if budget::scenario_ids().contains(&slug) {
                    self.input = Some((Input::SaveName, text.to_string()));
                    self.said = Some(Message::new(Level::Error, |lang: Lang| -> String {
                        match lang {
                            Lang::En => {
                                format!("'{slug}' is a course scenario's id: choose another name")
                            }
                            Lang::PtBr => {
                                format!(
                                    "'{slug}' é o id de um cenário do curso: escolha outro nome"
                                )
                            }
                        }
                    }));
                    return;
                }
                let path = saved::path(&dir, text);
                if !self.may_write(
                    &path,
                    Source::Saved(slug.clone()),
                    Input::SaveName,
                    text,
                    lang,
                ) {
                    return;
                }
                self.submit_save(text, lang);
            }
            Input::Rate => self.submit_rate(text, lang),
            Input::Hours => self.submit_hours(text, lang),
            Input::Share(i) => self.submit_share(i, text),
            Input::CustomLabel | Input::CustomUnit { .. } | Input::CustomPrice { .. } => {
                self.submit_custom(kind, text)
            }
            Input::FactorName(which) => self.submit_factor_name(which, text),
            Input::VariantName => self.submit_variant(text, lang),
            Input::ExportPath(fmt) => {
                let path = expand_home(text);
                if !self.may_write(
                    &PathBuf::from(&path),
                    Source::New,
                    Input::ExportPath(fmt),
                    text,
                    lang,
                ) {
                    return;
                }
                match self.export(fmt, &path, lang) {
                    Ok(p) => {
                        self.said = Some(Message::new(Level::Notice, |lang: Lang| -> String {
                            match lang {
                                Lang::En => format!("exported to {}", p.display()),
                                Lang::PtBr => format!("exportado para {}", p.display()),
                            }
                        }))
                    }
                    Err(e) => self.said = Some(Message::fixed(Level::Error, e)),
                }
            }
        }
    }

    /// True when writing `path` loses nothing: it does not exist, it is the budget
    /// being saved again, or it was named a second time to confirm replacing it.
    fn may_write(
        &mut self,
        path: &std::path::Path,
        own: Source,
        kind: Input,
        text: &str,
        _lang: Lang,
    ) -> bool {
        // A FIFO, a device or a folder is refused at once, never offered to replace.
        if let Ok(m) = std::fs::metadata(path)
            && !m.is_file()
        {
            self.confirm_overwrite = None;
            self.input = Some((kind, text.to_string()));
            self.input_fresh = false;
            let kind = crate::store::Kind::of_path(path);
            self.said = Some(Message::new(Level::Error, |lang: Lang| -> String {
                format!(
                    "{}: {} ({})",
                    path.display(),
                    kind.message(lang),
                    t(lang, "nothing written", "nada foi gravado")
                )
            }));
            return false;
        }
        let confirmed = self.confirm_overwrite.as_deref() == Some(path);
        if !path.exists() || (own != Source::New && own == self.source) || confirmed {
            self.confirm_overwrite = None;
            return true;
        }
        self.confirm_overwrite = Some(path.to_path_buf());
        // A saved budget this version cannot read is kept aside, not replaced.
        let unreadable =
            matches!(kind, Input::SaveName | Input::VariantName) && file::load(path).is_err();
        self.input = Some((kind, text.to_string()));
        self.input_fresh = false;
        self.said = Some(Message::new(Level::Error, |lang: Lang| -> String {
            match (lang, unreadable) {
                (Lang::En, false) => format!(
                    "{} already exists: Enter again replaces it, Esc keeps it",
                    path.display()
                ),
                (Lang::PtBr, false) => format!(
                    "{} já existe: Enter de novo substitui, Esc mantém",
                    path.display()
                ),
                (Lang::En, true) => format!(
                    "{} exists and this version cannot read it: Enter again moves it aside (kept as .corrupt-…) and saves, Esc keeps it",
                    path.display()
                ),
                (Lang::PtBr, true) => format!(
                    "{} existe e esta versão não o lê: Enter de novo o guarda à parte (.corrupt-…) e salva, Esc mantém",
                    path.display()
                ),
            }
        }));
        false
    }

    fn submit_save(&mut self, text: &str, lang: Lang) {
        match self.save_as(text, lang) {
            Ok(p) => {
                self.said = Some(Message::new(Level::Notice, |lang: Lang| -> String {
                    match lang {
                        Lang::En => format!("saved to {}", p.display()),
                        Lang::PtBr => format!("salvo em {}", p.display()),
                    }
                }))
            }
            Err(e) => self.said = Some(Message::fixed(Level::Error, e)),
        }
    }

    fn submit_rate(&mut self, text: &str, _lang: Lang) {
        if text.trim().is_empty() {
            self.rate = None;
        } else {
            match budget::parse_decimal(text) {
                Some(r) if r > Decimal::ZERO && r <= Decimal::from(1_000_000) => {
                    self.rate = Some(r)
                }
                _ => {
                    self.said = Some(Message::new(Level::Error, |lang: Lang| -> String {
                        match lang {
                            Lang::En => format!(
                                "'{}' is not a rate: type BRL per USD between 0 and 1,000,000, e.g. 5.40",
                                text.trim()
                            ),
                            Lang::PtBr => format!(
                                "'{}' não é uma cotação: digite reais por dólar entre 0 e 1.000.000, ex. 5.40",
                                text.trim()
                            ),
                        }
                    }))
                }
            }
        }
    }
}

/// `~/x` → `$HOME/x`.
pub(crate) fn expand_home(path: &str) -> String {
    let p = path.trim();
    match (p.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest).display().to_string(),
        _ => p.to_string(),
    }
}

/// The two readings of an ambiguous number such as `1,500`: the whole number
/// (`1500`) and the decimal written with `mark` (`1.5`, trailing zeros dropped).
fn ambiguous_readings(typed: &str, mark: char) -> (String, String) {
    let t = typed.trim();
    let whole: String = t.chars().filter(|c| !matches!(c, ',' | '.')).collect();
    let cut = t.rfind([',', '.']).unwrap_or(t.len());
    let int: String = t[..cut]
        .chars()
        .filter(|c| !matches!(c, ',' | '.'))
        .collect();
    let frac: String = t[cut..].chars().filter(char::is_ascii_digit).collect();
    let frac = frac.trim_end_matches('0');
    let int = if int.is_empty() { "0".to_string() } else { int };
    let decimal = if frac.is_empty() {
        int
    } else {
        format!("{int}{mark}{frac}")
    };
    (whole, decimal)
}

/// Why a typed number is refused, in `lang`; the old value is kept.
pub(crate) fn number_error(e: budget::NumberError, text: &str, lang: Lang) -> String {
    match (e, lang) {
        (budget::NumberError::Ambiguous, Lang::En) => {
            let (whole, decimal) = ambiguous_readings(text, '.');
            format!(
                "'{}' is ambiguous: type {whole} for the whole number (no thousands separator) or {decimal} for the decimal; the old value is kept",
                text.trim()
            )
        }
        (budget::NumberError::Ambiguous, Lang::PtBr) => {
            let (whole, decimal) = ambiguous_readings(text, ',');
            format!(
                "'{}' é ambíguo: digite {whole} para o número inteiro (sem separador de milhar) ou {decimal} para o decimal; o valor anterior foi mantido",
                text.trim()
            )
        }
        (budget::NumberError::TooLarge, Lang::En) => format!(
            "'{}' is too large (at most 10^12); the old value is kept",
            text.trim()
        ),
        (budget::NumberError::TooLarge, Lang::PtBr) => format!(
            "'{}' é grande demais (no máximo 10^12); o valor anterior foi mantido",
            text.trim()
        ),
        (_, Lang::En) => format!(
            "'{}' is not a number; type digits like 720 or 0.0416",
            text.trim()
        ),
        (_, Lang::PtBr) => format!(
            "'{}' não é um número; digite algo como 720 ou 0.0416",
            text.trim()
        ),
    }
}

fn calc_message(e: &budget::CalcError, lang: Lang) -> String {
    match (lang, e) {
        (Lang::En, e) => format!("refused: {e} (the old value is kept)"),
        (Lang::PtBr, budget::CalcError::Negative(_)) => {
            "recusado: o valor não pode ser negativo (o anterior foi mantido)".into()
        }
        (Lang::PtBr, budget::CalcError::TooLarge(_)) => {
            "recusado: o valor passa de 10^12 (o anterior foi mantido)".into()
        }
        (Lang::PtBr, budget::CalcError::Overflow(_)) => {
            "recusado: a conta estoura (o valor anterior foi mantido)".into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tab on scenario 1, without a data directory (also for the workbench's tests).
    pub(super) fn tab() -> BudgetTab {
        BudgetTab::new(Catalog::bundled().expect("catalog"), None)
    }

    pub(super) fn total(t: &BudgetTab) -> String {
        t.budget.compute().expect("computes").total.to_string()
    }

    #[test]
    fn editing_hours_changes_the_total_and_undo_restores_it() {
        let mut t = tab();
        assert_eq!(total(&t), "97.49");
        t.commit(Field::Factor(1), "360", Lang::En).expect("valid");
        assert_eq!(total(&t), "82.52"); // EC2 at 360 h = 14.98 (14.976)
        assert!(t.dirty);
        assert!(t.undo());
        assert_eq!(total(&t), "97.49");
    }

    #[test]
    fn a_bad_value_is_refused_and_the_old_one_kept() {
        let mut t = tab();
        for bad in ["abc", "-5", "1e3", "", "2000000000000"] {
            let e = t.commit(Field::Factor(1), bad, Lang::En).expect_err(bad);
            assert!(!e.is_empty());
            assert_eq!(t.field_value(Field::Factor(1)), "720", "{bad}");
        }
        assert!(t.commit(Field::Label, "  ", Lang::PtBr).is_err());
        assert!(!t.dirty && t.undo.is_empty());
    }

    #[test]
    fn toggling_delete_and_add_from_the_catalog() {
        let mut t = tab();
        t.selected = 5; // Shield Advanced, excluded
        t.toggle();
        assert_eq!(total(&t), "3097.49");
        t.delete();
        assert_eq!(total(&t), "97.49");
        assert_eq!(t.budget.lines.len(), 5);
        t.add_from_catalog("elb-alb-lcu", Lang::En);
        assert_eq!(t.budget.lines.len(), 6);
        assert_eq!(total(&t), "103.25"); // + 1 LCU × 720 h × $0.008 = 5.76
        t.undo();
        t.undo();
        assert_eq!(t.budget.lines.len(), 6);
        assert_eq!(total(&t), "3097.49", "back to Shield included");
        t.undo();
        assert_eq!(total(&t), "97.49");
        assert!(!t.undo(), "nothing left to undo");
    }

    #[test]
    fn the_documented_price_can_replace_the_course_price() {
        let mut t = tab();
        t.selected = 3; // RDS, course 0.062, documented 0.068
        t.use_documented(Lang::En).expect("documented");
        assert_eq!(t.field_value(Field::UnitPrice), "0.068");
        assert_eq!(total(&t), "101.81"); // 48.96 instead of 44.64
        t.selected = 0;
        let sm = t
            .catalog
            .entry("sagemaker-train-ml-m4-xlarge")
            .expect("entry");
        assert!(sm.documented().is_none());
    }
}
