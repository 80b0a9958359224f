//! The interactive app's state and its one update function.
use std::path::PathBuf;
use std::rc::Rc;

use super::action::Action;
use super::budget_tab::{self, BudgetTab, Source};
use super::keymap::Context;
use super::message::{Level, Message};
use super::notes_tab::{NotesTab, Shown};
use super::outcome::Outcome;
use super::quiz_tab::{self, QuizTab};
use super::theme::Theme;
use super::widgets::list::step;
use super::widgets::text_field::{self, Edit};
use crate::content::Library;
use crate::content::search::{Hit, SearchIndex};
use crate::lang::Lang;
use crate::markdown::text::{find_folded, fold};
use crate::markdown::{Document, Layout};
use crate::store::settings::{self, Settings};

/// A search match in laid-out lines (character columns).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug, Default)]
pub struct NoteSearch {
    pub query: String,
    pub matches: Vec<Match>,
    pub current: Option<usize>,
}

#[derive(Clone, Debug, Default)]
pub struct NoteState {
    pub scroll: usize,
    /// A source line to scroll to once the note is laid out (restored position or a
    /// search hit).
    pub pending_src: Option<u32>,
    pub search: Option<NoteSearch>,
    /// The layout the search matches were computed on (width, language).
    pub(super) search_on: Option<(usize, Lang)>,
}

#[derive(Clone, Debug, Default)]
pub struct GlobalSearch {
    pub query: String,
    pub results: Vec<Hit>,
    pub selected: usize,
}

#[derive(Clone, Debug)]
pub enum Overlay {
    None,
    Help { scroll: usize },
    Outline { selected: usize },
    Search(GlobalSearch),
}

/// A tab of the app: one per note, then the Budget, the Quiz and the Lab.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Note(usize),
    Budget,
    Quiz,
    Lab,
}

impl Tab {
    /// Its place in the tab bar, counted from 0, with `topics` notes first.
    pub fn position(self, topics: usize) -> usize {
        match self {
            Tab::Note(i) => i,
            Tab::Budget => topics,
            Tab::Quiz => topics + 1,
            Tab::Lab => topics + 2,
        }
    }

    /// The tab at a place in the tab bar, if there is one.
    pub fn at(position: usize, topics: usize) -> Option<Tab> {
        match position.checked_sub(topics) {
            None => Some(Tab::Note(position)),
            Some(0) => Some(Tab::Budget),
            Some(1) => Some(Tab::Quiz),
            Some(2) => Some(Tab::Lab),
            Some(_) => None,
        }
    }
}

/// The note of a note tab (0 for the others: callers check the tab first).
fn note_of(tab: Tab) -> usize {
    match tab {
        Tab::Note(i) => i,
        _ => 0,
    }
}

/// The id under which the Budget tab is remembered as the last tab.
pub const BUDGET_TAB_ID: &str = "budget";
pub const QUIZ_TAB_ID: &str = "quiz";
pub const LAB_TAB_ID: &str = "lab";

pub struct App {
    pub library: Library,
    pub budget: BudgetTab,
    pub quiz: QuizTab,
    pub lab: super::lab_tab::LabTab,
    /// The Lab's IAM workbench, and whether the Lab shows it (`w` switches).
    pub iam: super::iam_tab::IamTab,
    pub lab_iam: bool,
    /// A note was opened from the quiz: Backspace goes back.
    pub quiz_return: bool,
    /// The quiz was opened from this note (Q): Backspace in the quiz goes back.
    pub note_return: Option<Tab>,
    pub lang: Lang,
    pub tab: Tab,
    /// The notes' state (`notes[i]` is note i's scroll and search).
    pub notes: NotesTab,
    pub overlay: Overlay,
    pub message: Option<Message>,
    pub quit: bool,
    pub theme: Theme,
    data_dir: Option<PathBuf>,
    settings: Settings,
    can_save: bool,
    /// False when `settings.json` could not be read or understood at start: it is
    /// then never written over.
    pub settings_writable: bool,
    /// `q` was pressed once over changes that cannot be kept: the next `q` quits.
    quit_armed: bool,
    /// `L` was pressed: only then is the language saved (`--lang` is for one run).
    lang_chosen: bool,
}

impl App {
    pub fn new(
        library: Library,
        lang: Lang,
        settings: Settings,
        data_dir: Option<PathBuf>,
        theme: Theme,
    ) -> App {
        let mut notes = NotesTab::new(&library, &settings);
        let bookmarks_problem = notes.load_bookmarks(data_dir.as_deref());
        let first = if library.topics.is_empty() {
            Tab::Budget
        } else {
            Tab::Note(0)
        };
        let tab = match settings.last_tab.as_deref() {
            Some(BUDGET_TAB_ID) => Tab::Budget,
            Some(QUIZ_TAB_ID) => Tab::Quiz,
            Some(LAB_TAB_ID) => Tab::Lab,
            Some(id) => library.position(id).map_or(first, Tab::Note),
            None => first,
        };
        let mut warnings = Vec::new();
        let catalog = crate::budget::catalog::Catalog::bundled().unwrap_or_else(|e| {
            warnings.push(e);
            crate::budget::catalog::Catalog {
                version: 1,
                region: String::new(),
                as_of: String::new(),
                entries: Vec::new(),
            }
        });
        let mut budget = BudgetTab::new(catalog, data_dir.clone());
        budget.rate = settings
            .budget_rate
            .as_deref()
            .and_then(crate::budget::parse_decimal);
        if let Some(key) = settings.budget.as_deref()
            && let Err(e) = budget.load_source(Source::from_key(key), lang)
        {
            warnings.push(e);
            let _ = budget.load_source(Source::Scenario("scenario-1".into()), lang);
        }
        let draft_problem = budget.restore_draft();
        let (quiz, quiz_warnings) = QuizTab::new(&library, data_dir.clone());
        warnings.extend(quiz_warnings);
        let mut app = App {
            budget,
            quiz,
            lab: super::lab_tab::LabTab::new(),
            iam: super::iam_tab::IamTab::new(),
            lab_iam: false,
            quiz_return: false,
            note_return: None,
            library,
            lang,
            tab,
            notes,
            overlay: Overlay::None,
            message: None,
            quit: false,
            theme,
            can_save: data_dir.is_some(),
            settings_writable: true,
            quit_armed: false,
            lang_chosen: false,
            data_dir,
            settings,
        };
        for w in warnings {
            app.warn(w);
        }
        // Reopened on the Lab: it reads, checks and runs its machine now, in the
        // update road, not while a frame is being prepared.
        if app.on_lab() {
            let lang = app.lang;
            app.lab.ensure_loaded(lang);
        }
        for m in [draft_problem, bookmarks_problem].into_iter().flatten() {
            app.warn_with(m);
        }
        app.hear_tabs();
        app
    }

    /// Topic tabs, then the Budget tab, the Quiz tab and the Lab.
    pub fn tab_count(&self) -> usize {
        self.library.topics.len() + 3
    }

    pub fn on_lab(&self) -> bool {
        self.tab == Tab::Lab
    }

    pub fn on_quiz(&self) -> bool {
        self.tab == Tab::Quiz
    }

    pub fn open_quiz_tab(&mut self) {
        self.set_tab(Tab::Quiz);
    }

    pub fn on_budget(&self) -> bool {
        self.tab == Tab::Budget
    }

    /// Whether the scenarios note is shown: the one note whose sections `b` opens
    /// in the Budget tab (elsewhere `b` only switches tabs, and help does not list it).
    pub fn on_scenarios_note(&self) -> bool {
        matches!(self.tab, Tab::Note(_))
            && self
                .library
                .topics
                .get(self.note_index())
                .is_some_and(|t| t.id == "scenarios")
    }

    /// The note shown, when a note tab is (0 otherwise: callers check the tab first).
    pub fn note_index(&self) -> usize {
        note_of(self.tab)
    }

    /// The tab's place in the tab bar.
    pub fn tab_position(&self) -> usize {
        self.tab.position(self.library.topics.len())
    }

    /// Warns in the status line (shown until the next key).
    pub fn warn(&mut self, text: impl Into<String>) {
        self.warn_with(Message::fixed(Level::Warning, text));
    }

    /// Adds a warning to the warnings already shown (a notice gives way).
    pub fn warn_with(&mut self, m: Message) {
        self.message = Some(match self.message.take() {
            Some(old) if old.level == Level::Warning => old.join(m),
            _ => m,
        });
    }

    /// Warns unless the status line already says it (a key repeated at a limit).
    pub fn warn_once(&mut self, m: Message) {
        if !self.message.as_ref().is_some_and(|old| old.contains(&m)) {
            self.warn_with(m);
        }
    }

    /// Puts a message in the one message slot, shown until the next key.
    pub fn say(&mut self, m: Message) {
        self.message = Some(m);
    }

    /// Takes what the tabs have to say into the message slot.
    fn hear_tabs(&mut self) {
        for m in [
            self.budget.take_said(),
            self.quiz.take_said(),
            self.lab.take_said(),
            self.iam.take_said(),
            self.notes.take_said(),
        ]
        .into_iter()
        .flatten()
        {
            match m.level {
                Level::Warning => self.warn_once(m),
                _ => self.say(m),
            }
        }
    }

    /// Probes the data directory; warns once if settings cannot be saved.
    pub fn check_data_dir(&mut self) {
        if let Some(dir) = self.data_dir.clone()
            && let Err(e) = crate::store::probe_writable(&dir)
        {
            self.can_save = false;
            self.warn_with(Message::new(Level::Warning, |lang| match lang {
                Lang::En => format!("settings cannot be saved: {e}"),
                Lang::PtBr => format!("as preferências não podem ser salvas: {e}"),
            }));
        }
    }

    pub fn context(&self) -> Context {
        if matches!(self.overlay, Overlay::Help { .. }) {
            return Context::Help;
        }
        if self.on_quiz() {
            return match &self.quiz.screen {
                quiz_tab::Screen::Question(run) if run.feedback.is_some() => Context::QuizFeedback,
                quiz_tab::Screen::Question(run)
                    if self.quiz.bank.items[run.slots[run.pos].item].q.kind
                        == crate::content::bank::Kind::Numeric =>
                {
                    Context::QuizNumber
                }
                quiz_tab::Screen::Question(_) => Context::QuizAnswer,
                quiz_tab::Screen::ExamSetup { .. } => Context::QuizSetup,
                quiz_tab::Screen::Results(_) => Context::QuizResults,
                _ => Context::QuizMenu,
            };
        }
        if self.on_lab() && self.lab_iam {
            if self.iam.editor.is_some() {
                return Context::IamEditor;
            }
            return match (&self.iam.field, self.iam.overlay) {
                (Some(_), _) => Context::LabInput,
                (None, super::iam_tab::IamOverlay::None) => Context::Iam,
                (None, super::iam_tab::IamOverlay::Samples { .. }) => Context::IamSamples,
                (None, _) => Context::LabList,
            };
        }
        if self.on_lab() {
            if self.lab.editor.is_some() {
                return Context::LabEditor;
            }
            return match (&self.lab.field, &self.lab.overlay) {
                (Some(_), _) => Context::LabInput,
                (None, super::lab_tab::Overlay::None) => Context::Lab,
                (None, super::lab_tab::Overlay::Values { .. }) => Context::LabValues,
                (None, _) => Context::LabList,
            };
        }
        if self.on_budget() {
            return match (&self.budget.input, &self.budget.overlay, self.budget.focus) {
                (Some(_), _, _) => Context::BudgetInput,
                (None, budget_tab::Overlay::Catalog { .. }, _) => Context::BudgetCatalog,
                (None, budget_tab::Overlay::Details { .. }, _) => Context::BudgetDetails,
                (None, budget_tab::Overlay::S3 { .. }, _) => Context::BudgetS3,
                (None, budget_tab::Overlay::Factors { .. }, _) => Context::BudgetFactors,
                (None, budget_tab::Overlay::Compare(_), _) => Context::BudgetCompare,
                (
                    None,
                    budget_tab::Overlay::Picker { .. }
                    | budget_tab::Overlay::Export { .. }
                    | budget_tab::Overlay::Options { .. }
                    | budget_tab::Overlay::Hours { .. }
                    | budget_tab::Overlay::FreeTier { .. }
                    | budget_tab::Overlay::ComparePick { .. },
                    _,
                ) => Context::BudgetList,
                (None, budget_tab::Overlay::None, budget_tab::Focus::Fields(_)) => {
                    Context::BudgetFields
                }
                (None, budget_tab::Overlay::None, budget_tab::Focus::Lines) => Context::Budget,
            };
        }
        if self.notes.bookmark_list.is_some() && matches!(self.overlay, Overlay::None) {
            return Context::Bookmarks;
        }
        match (&self.overlay, &self.notes.field) {
            (Overlay::Help { .. }, _) => Context::Help,
            (Overlay::Outline { .. }, _) => Context::Outline,
            (Overlay::Search(_), _) => Context::GlobalSearch,
            (Overlay::None, Some(_)) => Context::NoteSearchField,
            (Overlay::None, None) => Context::Notes,
        }
    }

    pub fn doc(&mut self, topic: usize, lang: Lang) -> Rc<Document> {
        self.notes.doc(&self.library, topic, lang)
    }

    /// The layout of a note at the current text width.
    pub fn layout_of(&mut self, topic: usize, lang: Lang) -> Rc<Layout> {
        self.notes.layout_of(&self.library, topic, lang)
    }

    pub fn current_layout(&mut self) -> Rc<Layout> {
        self.layout_of(self.note_index(), self.lang)
    }

    /// The current note's layout as the last resize step made it, for the views.
    pub fn layout(&self) -> Option<Rc<Layout>> {
        self.notes.layout(self.note_index(), self.lang)
    }

    /// The one resize step before a frame is drawn: everything that depends on the
    /// window's size (the note's layout and scroll limits, list page sizes, the Lab's
    /// loading and its values view) is worked out here, so views only draw.
    pub fn resize(&mut self, area: ratatui::layout::Rect) {
        use super::views;
        self.theme.screen_width = area.width;
        let Some(body) = views::body_area(area) else {
            return;
        };
        if matches!(self.overlay, Overlay::Help { .. }) {
            let last = views::help::last_start(self, body);
            if let Overlay::Help { scroll } = &mut self.overlay {
                *scroll = (*scroll).min(last);
            }
        }
        if self.on_lab() && self.lab_iam {
            views::lab_iam::measure(&mut self.iam, body, self.lang);
            return;
        }
        if self.on_lab() {
            views::lab::measure(&mut self.lab, body, self.lang);
            return;
        }
        if self.on_budget() {
            views::budget_details::measure(&mut self.budget, body, self.lang);
            views::budget_compare::measure(&mut self.budget, body, self.lang);
            return;
        }
        if self.on_quiz() {
            let m = views::quiz::measure(self, body);
            self.quiz.fit(m.total, m.rows, m.cursor);
            return;
        }
        if self.library.topics.is_empty() {
            return;
        }
        let g = views::notes::geometry(body);
        self.prepare(g.text.width as usize, g.text.height as usize);
        if self.notes.bookmark_list.is_some() {
            let n = self.notes.bookmarks.bookmarks.len();
            self.notes.list_height = views::overlays::list_rows(views::bookmarks::rect(body, n), 0);
        }
        match &self.overlay {
            Overlay::Outline { .. } => {
                let sections = self.layout().map_or(0, |l| outline(&l).len());
                self.notes.list_height =
                    views::overlays::list_rows(views::overlays::outline_rect(body, sections), 0);
            }
            Overlay::Search(_) => {
                self.notes.list_height =
                    views::overlays::list_rows(views::overlays::search_rect(body), 2);
            }
            Overlay::None | Overlay::Help { .. } => {}
        }
    }

    /// Called before drawing with the text area's size: lays out the current note,
    /// applies pending positions, keeps search matches in step with the layout.
    pub fn prepare(&mut self, text_width: usize, text_height: usize) {
        if self.library.topics.is_empty() || self.on_budget() || self.on_quiz() || self.on_lab() {
            self.notes.text_width = text_width.max(1);
            self.notes.text_height = text_height.max(1);
            return;
        }
        let (topic, lang) = (self.note_index(), self.lang);
        self.notes
            .prepare(&self.library, topic, lang, (text_width, text_height));
    }

    fn scroll_to(&mut self, line: usize) {
        let (topic, lang) = (self.note_index(), self.lang);
        self.notes.scroll_to(&self.library, topic, lang, line);
    }

    /// Applies an action, then keeps the learner's unsaved work on disk (the budget
    /// draft, an exam in progress), so a closed terminal or a signal loses nothing.
    pub fn update(&mut self, action: Action) {
        self.apply(action);
        self.hear_tabs();
        if self.can_save {
            if let Err(e) = self.budget.keep_draft() {
                self.warn_with(e);
            }
            self.quiz.keep_exam();
        }
    }

    fn apply(&mut self, action: Action) {
        if let Action::Tick(secs) = action {
            // The clock is not a key: the status line keeps what it says.
            let lang = self.lang;
            self.quiz.tick(i64::from(secs), lang);
            return;
        }
        // A message stays while text is typed or a number picked, and goes with
        // the next other key.
        if !matches!(
            action,
            Action::InputChar(_) | Action::InputBackspace | Action::PickNumber(_)
        ) {
            self.message = None;
        }
        let n_tabs = self.tab_count();
        let armed = std::mem::take(&mut self.quit_armed);
        match action {
            Action::Quit => {
                // Unsaved budget changes that no draft can keep: ask once.
                if self.budget.dirty && !(self.budget.draft_kept() && self.can_save) && !armed {
                    self.quit_armed = true;
                    self.warn_with(Message::new(Level::Warning, |lang| match lang {
                        Lang::En => "the budget has unsaved changes that cannot be kept as a draft: w in the Budget tab saves them; q again quits without them".into(),
                        Lang::PtBr => "o orçamento tem alterações não salvas que não podem ficar como rascunho: w na aba Orçamento salva; q de novo sai sem elas".into(),
                    }));
                    return;
                }
                self.quit = true;
                self.save();
                return;
            }
            Action::NextTab => return self.set_position((self.tab_position() + 1) % n_tabs),
            Action::PrevTab => {
                return self.set_position((self.tab_position() + n_tabs - 1) % n_tabs);
            }
            Action::OpenHelp => {
                self.overlay = Overlay::Help { scroll: 0 };
                return;
            }
            Action::ToggleLang => return self.switch_lang(),
            Action::ClickTab(col) => {
                let labels = super::views::tabs::labels(self);
                if let Some(i) =
                    super::views::tabs::hit(&labels, self.tab_position(), self.tabs_width(), col)
                {
                    self.set_position(i);
                }
                return;
            }
            Action::CloseOverlay if matches!(self.overlay, Overlay::Help { .. }) => {
                self.overlay = Overlay::None;
                return;
            }
            Action::ListMove(_) | Action::ListPage(_)
                if matches!(self.overlay, Overlay::Help { .. }) =>
            {
                return self.list_move_action(action);
            }
            // Home g / End G: the first or the last page of the help (the resize
            // step stops the scroll at the last page).
            Action::Top | Action::Bottom if matches!(self.overlay, Overlay::Help { .. }) => {
                let len = self.list_len();
                if let Overlay::Help { scroll } = &mut self.overlay {
                    *scroll = if action == Action::Top { 0 } else { len };
                }
                return;
            }
            _ => {}
        }
        if self.on_quiz() {
            let lang = self.lang;
            if let Action::JumpTab(d) = action {
                return self.jump(d);
            }
            if action == Action::BackToNote {
                return self.back_to_note();
            }
            if let Outcome::OpenSection { topic, section } = self.quiz.update(action, lang) {
                self.open_section(&topic, &section);
            }
            return;
        }
        if self.on_budget() {
            let lang = self.lang;
            if let Action::JumpTab(d) = action {
                return self.jump(d);
            }
            self.budget.update(action, lang);
            return;
        }
        if self.on_lab() {
            let lang = self.lang;
            if let Action::JumpTab(d) = action {
                return self.jump(d);
            }
            if action == Action::LabWorkbench {
                self.lab_iam = !self.lab_iam;
                if self.lab_iam {
                    self.iam.ensure_loaded();
                } else {
                    self.lab.ensure_loaded(lang);
                }
                return;
            }
            if self.lab_iam {
                self.iam.update(action);
                return;
            }
            if let Outcome::AddToBudget(lines) = self.lab.update(action, lang) {
                let label = lines
                    .iter()
                    .map(|l| l.label.clone())
                    .collect::<Vec<_>>()
                    .join("; ");
                let mut free_taken = false;
                for mut line in lines {
                    // AWS's free state transitions are per account, shared by every
                    // state machine: a second Step Functions line must not get them
                    // again.
                    let taken = !line.free_quantity.is_zero()
                        && self.budget.budget.lines.iter().any(|l| {
                            l.service == line.service && l.included && !l.free_quantity.is_zero()
                        });
                    if taken {
                        line.free_quantity = rust_decimal::Decimal::ZERO;
                        free_taken = true;
                    }
                    self.budget.add_line(line);
                }
                self.set_tab(Tab::Budget);
                self.say(Message::notice(|lang| {
                    let mut notice = match lang {
                        Lang::En => format!("added: {label}"),
                        Lang::PtBr => format!("adicionado: {label}"),
                    };
                    if free_taken {
                        notice.push_str(match lang {
                            Lang::En => " (no free transitions on it: the 4,000 a month are per account and another Step Functions line already has them)",
                            Lang::PtBr => " (sem transições grátis: as 4.000 por mês são por conta e outra linha de Step Functions já as tem)",
                        });
                    }
                    notice
                }));
            }
            return;
        }
        if self.library.topics.is_empty() {
            return;
        }
        if self.notes.bookmark_list.is_some() {
            return self.bookmark_list_action(action);
        }
        match action {
            Action::Quit
            | Action::NextTab
            | Action::PrevTab
            | Action::OpenHelp
            | Action::ToggleLang
            | Action::ClickTab(_) => {}
            Action::JumpTab(d) => self.jump(d),
            Action::OpenScenarioBudget => self.open_scenario_budget(),
            Action::CloseOverlay => self.overlay = Overlay::None,
            Action::Scroll(_)
            | Action::Page(_)
            | Action::HalfPage(_)
            | Action::Top
            | Action::Bottom
            | Action::StartNoteSearch
            | Action::NextMatch
            | Action::PrevMatch
            | Action::ClearSearch
            | Action::NextSection
            | Action::PrevSection
            | Action::InputSubmit
            | Action::InputCancel => {
                let at = Shown {
                    library: &self.library,
                    topic: note_of(self.tab),
                    lang: self.lang,
                };
                self.notes.update(action, &at);
            }
            Action::OpenOutline => {
                let lay = self.current_layout();
                let scroll = self.notes[note_of(self.tab)].scroll;
                let sections = outline(&lay);
                let selected = sections.iter().rposition(|a| a.line <= scroll).unwrap_or(0);
                self.overlay = Overlay::Outline { selected };
            }
            Action::OpenGlobalSearch => self.overlay = Overlay::Search(GlobalSearch::default()),
            Action::InputChar(_) | Action::InputBackspace | Action::InputClear => {
                self.edit_search(action)
            }
            Action::ListMove(_) | Action::ListPage(_) => self.list_move_action(action),
            Action::ListSelect => self.list_select(),
            // Budget-only actions do nothing on a note.
            Action::PickNumber(_)
            | Action::BudgetEdit
            | Action::LabStep
            | Action::LabBack
            | Action::LabRun
            | Action::LabReset
            | Action::LabPick
            | Action::LabOpen
            | Action::LabInput
            | Action::LabInputFile
            | Action::LabCases
            | Action::LabFindings
            | Action::LabAddBudget
            | Action::LabExpress
            | Action::LabValues
            | Action::LabWorkbench
            | Action::IamEditAction
            | Action::IamEditResource
            | Action::IamEditPrincipal
            | Action::IamEditContext
            | Action::IamPolicyNext
            | Action::IamPolicyPrev
            | Action::IamEditPolicy
            | Action::IamUndoPolicy
            | Action::Edit(_)
            | Action::EditorSave
            | Action::BudgetToggle
            | Action::BudgetDelete
            | Action::BudgetUndo
            | Action::BudgetAdd
            | Action::BudgetPick
            | Action::BudgetSave
            | Action::BudgetExport
            | Action::BudgetRate
            | Action::BudgetUseDocumented
            | Action::BudgetDetails
            | Action::BudgetOptions
            | Action::BudgetResize(_)
            | Action::BudgetHours
            | Action::BudgetS3
            | Action::BudgetShare
            | Action::BudgetSplit
            | Action::BudgetFreeTier
            | Action::BudgetCustom
            | Action::BudgetFactors
            | Action::BudgetFactorAdd
            | Action::BudgetFactorRename
            | Action::BudgetFactorRemove
            | Action::BudgetCompare
            | Action::BudgetVariant
            | Action::QuizNext
            | Action::QuizPrev
            | Action::QuizNextFlagged
            | Action::QuizFlag
            | Action::QuizToggle
            | Action::QuizSubmit
            | Action::QuizOpenSection
            | Action::QuizMore
            | Action::QuizLess
            | Action::QuizTime
            | Action::BackToNote
            | Action::Tick(_) => {}
            Action::QuizSection => self.quiz_this_section(),
            Action::Bookmark => self.toggle_bookmark(),
            Action::OpenBookmarks => {
                self.notes.name_bookmarks(&self.library, self.lang);
                self.notes.bookmark_list = Some(0);
            }
            Action::DeleteBookmark => {}
            Action::BackToQuiz => {
                if self.quiz_return {
                    let note = self.tab;
                    self.open_quiz_tab();
                    self.note_return = Some(note);
                } else {
                    self.say(Message::notice(|lang: Lang| -> String {
                        match lang {
                            Lang::En => {
                                "Backspace goes back to the quiz after g opened a note from it"
                            }
                            Lang::PtBr => {
                                "Backspace volta ao quiz depois que g abriu uma nota a partir dele"
                            }
                        }
                        .into()
                    }));
                }
            }
        }
    }

    /// Opens a note at a section (from the quiz); Backspace comes back.
    fn open_section(&mut self, topic: &str, section: &str) {
        let Some(i) = self.library.position(topic) else {
            return;
        };
        self.set_tab(Tab::Note(i));
        self.quiz_return = true;
        let lay = self.current_layout();
        if let Some(a) = lay
            .anchors
            .iter()
            .find(|a| a.id.as_deref() == Some(section))
        {
            let line = a.line;
            self.notes[i].pending_src = None;
            self.scroll_to(line);
        }
        self.say(Message::notice(|lang: Lang| -> String {
            match lang {
                Lang::En => "Backspace: back to the quiz",
                Lang::PtBr => "Backspace: voltar ao quiz",
            }
            .into()
        }));
    }

    /// The line the reader is looking at: the current search match when it is on
    /// screen, else the top of the window.
    fn reading_line(&self) -> usize {
        let st = &self.notes[note_of(self.tab)];
        st.search
            .as_ref()
            .and_then(|s| s.current.map(|c| s.matches[c].line))
            .filter(|&l| l >= st.scroll && l < st.scroll + self.notes.text_height)
            .unwrap_or(st.scroll)
    }

    /// `m`: marks the `##` section being read (the note's top above the first one),
    /// or unmarks it when it is marked.
    fn toggle_bookmark(&mut self) {
        let topic = self.note_index();
        let lay = self.current_layout();
        let line = self.reading_line();
        let anchor = lay
            .anchors
            .iter()
            .rev()
            .find(|a| a.level == 2 && a.line <= line);
        let section = anchor.and_then(|a| a.id.clone());
        let heading = anchor.filter(|a| a.id.is_some()).map(|a| a.text.clone());
        let id = self.library.topics[topic].id.clone();
        let (marked, problem) = self.notes.toggle_bookmark(&id, section);
        self.say(Message::notice(|lang: Lang| -> String {
            let place = heading.clone().unwrap_or_else(|| {
                crate::lang::tr(lang, "the top of this note", "o início desta nota").into()
            });
            match (lang, marked) {
                (Lang::En, true) => format!("bookmarked: {place} (M lists the bookmarks)"),
                (Lang::PtBr, true) => format!("marcado: {place} (M mostra os marcadores)"),
                (Lang::En, false) => format!("bookmark removed: {place}"),
                (Lang::PtBr, false) => format!("marcador removido: {place}"),
            }
        }));
        if let Some(m) = problem {
            self.warn_with(m);
        }
    }

    /// The bookmark list: move, jump to the bookmark (its note at its section), delete.
    fn bookmark_list_action(&mut self, action: Action) {
        let n = self.notes.bookmarks.bookmarks.len();
        let selected = self.notes.bookmark_list.unwrap_or(0);
        match action {
            Action::ListMove(d) if n > 0 => {
                self.notes.bookmark_list =
                    Some(super::widgets::list::step(selected, i64::from(d), n));
            }
            Action::ListPage(d) if n > 0 => {
                let page = self.notes.list_height.max(1) as i64;
                self.notes.bookmark_list =
                    Some(super::widgets::list::step(selected, i64::from(d) * page, n));
            }
            Action::DeleteBookmark => {
                if let Some(m) = self.notes.delete_bookmark(selected) {
                    self.warn_with(m);
                }
                self.notes.name_bookmarks(&self.library, self.lang);
            }
            Action::ListSelect => {
                let Some(b) = self.notes.bookmarks.bookmarks.get(selected).cloned() else {
                    return;
                };
                let Some(i) = self.library.position(&b.topic) else {
                    return self.say(Message::error(|lang: Lang| -> String {
                        match lang {
                            Lang::En => format!("'{}' is not a note of this content", b.topic),
                            Lang::PtBr => format!("'{}' não é uma nota deste conteúdo", b.topic),
                        }
                    }));
                };
                self.notes.bookmark_list = None;
                self.set_tab(Tab::Note(i));
                let lay = self.current_layout();
                let line = b
                    .section
                    .as_deref()
                    .and_then(|s| lay.anchors.iter().find(|a| a.id.as_deref() == Some(s)))
                    .map_or(0, |a| a.line);
                self.notes[i].pending_src = None;
                self.scroll_to(line);
            }
            Action::CloseOverlay | Action::OpenBookmarks => self.notes.bookmark_list = None,
            _ => {}
        }
    }

    /// Backspace in the quiz after `Q` opened it from a note: back to that note.
    fn back_to_note(&mut self) {
        match self.note_return {
            Some(note) => {
                self.set_tab(note);
                self.quiz_return = true;
            }
            None => self.say(Message::notice(|lang: Lang| -> String {
                match lang {
                    Lang::En => "Backspace goes back to the note after Q started a quiz from it",
                    Lang::PtBr => {
                        "Backspace volta à nota depois que Q começou um quiz a partir dela"
                    }
                }
                .into()
            })),
        }
    }

    /// "Quiz me on this section": the questions that link to the section being read:
    /// the one at the reading line, else the first section that starts on screen
    /// with questions (a note shorter than the window never scrolls a section to
    /// the top).
    fn quiz_this_section(&mut self) {
        let lay = self.current_layout();
        let line = self.reading_line();
        let top = self.notes[note_of(self.tab)].scroll;
        let bottom = top + self.notes.text_height;
        let mut sections: Vec<String> = lay
            .section_at(line)
            .and_then(|a| a.id.clone())
            .into_iter()
            .collect();
        sections.extend(
            lay.anchors
                .iter()
                .filter(|a| a.level >= 2 && a.line >= top && a.line < bottom)
                .filter_map(|a| a.id.clone()),
        );
        let topic = self.library.topics[self.note_index()].id.clone();
        let lang = self.lang;
        let note = self.tab;
        let started = sections
            .iter()
            .any(|s| self.quiz.start_section(&topic, s, lang));
        if started {
            self.open_quiz_tab();
            self.note_return = Some(note);
        } else {
            self.say(Message::notice(|lang: Lang| -> String {
                match lang {
                    Lang::En => "no quiz questions link to this section",
                    Lang::PtBr => "nenhuma pergunta do quiz aponta para esta seção",
                }
                .into()
            }));
        }
    }

    fn list_move_action(&mut self, action: Action) {
        match action {
            Action::ListMove(d) => self.list_move(i64::from(d)),
            Action::ListPage(d) => {
                self.list_move(i64::from(d) * self.notes.list_height.max(1) as i64)
            }
            _ => {}
        }
    }

    fn jump(&mut self, d: u8) {
        let idx = usize::from(d);
        if d == 0 {
            self.set_tab(Tab::Lab);
        } else if idx < self.tab_count() {
            self.set_position(idx - 1);
        } else {
            self.say(Message::notice(|lang: Lang| -> String {
                match lang {
                    Lang::En => format!("there is no tab {d}"),
                    Lang::PtBr => format!("não há aba {d}"),
                }
            }));
        }
    }

    /// From a note: the Budget tab, on the scenario of the current section when the
    /// note is the scenarios note (sections `scenario-1…` and `scenario-2…`).
    fn open_scenario_budget(&mut self) {
        let lay = self.current_layout();
        let line = self.reading_line();
        let section = lay
            .section_at(line)
            .and_then(|a| a.id.clone())
            .unwrap_or_default();
        let target = ["scenario-1", "scenario-2"].into_iter().find(|id| {
            self.library.topics[self.note_index()].id == "scenarios" && section.starts_with(id)
        });
        let lang = self.lang;
        self.set_tab(Tab::Budget);
        if let Some(id) = target {
            let source = Source::Scenario(id.to_string());
            if self.budget.source != source {
                if self.budget.dirty {
                    self.say(Message::error(|lang| match lang {
                        Lang::En => "this budget has unsaved changes: save it (w) or pick the scenario with p".into(),
                        Lang::PtBr => "este orçamento tem alterações não salvas: salve (w) ou escolha o cenário com p".into(),
                    }));
                } else if let Err(e) = self.budget.open(source, lang) {
                    self.say(Message::fixed(Level::Error, e));
                }
            }
        } else {
            // Not on a scenario's section: say which budget this is.
            self.say(Message::notice(|lang| match lang {
                Lang::En => "no scenario in that section: this is the budget that was open (p picks another)".into(),
                Lang::PtBr => "nenhum cenário nessa seção: este é o orçamento que estava aberto (p escolhe outro)".into(),
            }));
        }
    }

    /// Width the tab bar is drawn in (the whole terminal width).
    pub fn tabs_width(&self) -> u16 {
        self.theme.screen_width
    }

    fn set_position(&mut self, position: usize) {
        if let Some(t) = Tab::at(position, self.library.topics.len()) {
            self.set_tab(t);
        }
    }

    fn set_tab(&mut self, i: Tab) {
        if i != self.tab {
            if self.on_budget()
                && let Err(e) = self.budget.write_draft()
            {
                self.warn_with(e);
            }
            if self.on_quiz() {
                self.quiz.persist_exam();
            }
            if i == Tab::Quiz {
                self.quiz_return = false;
            }
            self.note_return = None;
            self.tab = i;
            self.notes.field = None;
            self.notes.bookmark_list = None;
            self.overlay = Overlay::None;
            if self.on_lab() {
                self.lab.ensure_loaded(self.lang);
            }
            self.save();
        }
    }

    fn switch_lang(&mut self) {
        self.lang_chosen = true;
        if self.on_budget() || self.on_quiz() || self.on_lab() || self.library.topics.is_empty() {
            self.lang = self.lang.other();
            self.save();
            return;
        }
        // Keep the reader in the same section: ids are the same in both languages.
        let lay = self.current_layout();
        let scroll = self.notes[note_of(self.tab)].scroll;
        let anchor = lay.section_at(scroll).cloned();
        let next_anchor_line = anchor
            .as_ref()
            .and_then(|a| lay.anchors.iter().find(|b| b.line > a.line).map(|b| b.line))
            .unwrap_or(lay.lines.len());
        let old_lang = self.lang;
        self.lang = self.lang.other();
        self.carry_positions(old_lang);
        let new = self.current_layout();
        let mut target = 0;
        if let Some(a) = anchor {
            let same = new
                .anchors
                .iter()
                .position(|b| b.id.is_some() && b.id == a.id)
                .or_else(|| {
                    lay.anchors
                        .iter()
                        .position(|b| *b == a)
                        .filter(|&i| i < new.anchors.len())
                });
            if let Some(i) = same {
                let start = new.anchors[i].line;
                let end = new.anchors.get(i + 1).map_or(new.lines.len(), |b| b.line);
                let old_len = (next_anchor_line - a.line).max(1);
                let offset = (scroll - a.line) * (end - start) / old_len;
                target = start + offset.min((end - start).saturating_sub(1));
            }
        }
        self.notes[note_of(self.tab)].search_on = None;
        self.notes[note_of(self.tab)].pending_src = None;
        self.scroll_to(target);
        self.say(Message::notice(|lang: Lang| -> String {
            match lang {
                Lang::En => "Language: English",
                Lang::PtBr => "Idioma: português (Brasil)",
            }
            .into()
        }));
        self.save();
    }

    /// After a language switch, every other note read in the old language reopens at
    /// the same section in the new one.
    fn carry_positions(&mut self, old_lang: Lang) {
        let shown = matches!(self.tab, Tab::Note(_)).then(|| self.note_index());
        self.notes
            .carry_positions(&self.library, shown, old_lang, self.lang);
    }

    /// Pasted text into whichever text field is open, in one edit.
    pub fn paste(&mut self, text: &str) {
        use super::keymap::Context as C;
        let lang = self.lang;
        match self.context() {
            C::NoteSearchField | C::GlobalSearch => self.paste_into_search(text),
            C::BudgetInput | C::BudgetCatalog => self.budget.paste(text, lang),
            C::LabInput | C::IamEditor if self.lab_iam => self.iam.paste(text),
            C::LabInput | C::LabEditor => self.lab.paste(text, lang),
            // A number checks each character it takes; it holds a few dozen.
            C::QuizNumber => {
                let chars: Vec<char> = text.chars().take(65).collect();
                for c in chars {
                    self.update(Action::InputChar(if c.is_control() { ' ' } else { c }));
                }
            }
            _ => {}
        }
        self.hear_tabs();
    }

    /// Pasted text into the open search field: one edit and one search, however long
    /// the paste (cut at the field's cap).
    pub fn paste_into_search(&mut self, text: &str) {
        self.edit_field(|t| text_field::paste(t, &mut false, text, text_field::SEARCH_CAP));
    }

    /// A key in the open search field, through the one text field.
    fn edit_search(&mut self, action: Action) {
        self.edit_field(|t| {
            text_field::edit(t, &mut false, action, text_field::SEARCH_CAP)
                .unwrap_or(Edit::Unchanged)
        });
    }

    /// Edits the open search field (across notes, or in the note) and searches again
    /// when the text changed.
    fn edit_field(&mut self, f: impl FnOnce(&mut String) -> Edit) {
        let full = |app: &mut App| {
            app.warn_once(Message::new(Level::Warning, |lang| {
                text_field::full_message(text_field::SEARCH_CAP, lang)
            }));
        };
        if let Overlay::Search(gs) = &mut self.overlay {
            match f(&mut gs.query) {
                Edit::Changed => {}
                Edit::Unchanged => return,
                Edit::Full => {
                    full(self);
                    return;
                }
            }
            let Overlay::Search(gs) = &self.overlay else {
                return;
            };
            let q = gs.query.clone();
            let index = self
                .notes
                .index
                .get_or_insert_with(|| SearchIndex::build(&self.library));
            let results = index.search(&self.library, Some(self.lang), &q, 500);
            if let Overlay::Search(gs) = &mut self.overlay {
                gs.results = results;
                gs.selected = 0;
            }
            return;
        }
        let at = Shown {
            library: &self.library,
            topic: note_of(self.tab),
            lang: self.lang,
        };
        self.notes.edit_field(&at, f);
    }

    fn list_move(&mut self, d: i64) {
        let len = self.list_len();
        match &mut self.overlay {
            Overlay::Help { scroll } => {
                *scroll = step(*scroll, d, len);
            }
            Overlay::Outline { selected } => {
                *selected = step(*selected, d, len);
            }
            Overlay::Search(gs) => {
                gs.selected = step(gs.selected, d, len);
            }
            Overlay::None => {}
        }
    }

    fn list_len(&mut self) -> usize {
        match &self.overlay {
            Overlay::Help { .. } => super::views::help::rows(self).len(),
            Overlay::Outline { .. } => {
                let lay = self.current_layout();
                outline(&lay).len()
            }
            Overlay::Search(gs) => gs.results.len(),
            Overlay::None => 0,
        }
    }

    fn list_select(&mut self) {
        match std::mem::replace(&mut self.overlay, Overlay::None) {
            Overlay::Outline { selected } => {
                let lay = self.current_layout();
                if let Some(a) = outline(&lay).get(selected) {
                    let line = a.line;
                    self.scroll_to(line);
                }
            }
            Overlay::Search(gs) => {
                let Some(hit) = gs.results.get(gs.selected).cloned() else {
                    self.overlay = Overlay::Search(gs);
                    return;
                };
                self.set_tab(Tab::Note(hit.topic));
                let lay = self.current_layout();
                let matches = find_matches(&lay, &gs.query);
                let first_line = lay.line_for_source(hit.line);
                let current = matches.iter().position(|m| m.line >= first_line);
                let st = &mut self.notes[note_of(self.tab)];
                st.pending_src = None;
                st.search = Some(NoteSearch {
                    query: gs.query.clone(),
                    matches,
                    current,
                });
                st.search_on = Some((lay.width, self.lang));
                let line = current
                    .and_then(|c| st.search.as_ref().map(|s| s.matches[c].line))
                    .unwrap_or(first_line);
                self.scroll_to(line.saturating_sub(2));
            }
            other => self.overlay = other,
        }
    }

    /// Settings as they should be saved now.
    pub fn settings_snapshot(&mut self) -> Settings {
        let mut s = self.settings.clone();
        s.version = 1;
        // The language of this run came from `--lang`, the environment or the
        // settings; it is saved only when the learner chose it with `L`.
        if self.lang_chosen {
            s.lang = Some(self.lang.code().to_string());
        }
        s.last_tab = if self.on_lab() {
            Some(LAB_TAB_ID.to_string())
        } else if self.on_quiz() {
            Some(QUIZ_TAB_ID.to_string())
        } else if self.on_budget() {
            Some(BUDGET_TAB_ID.to_string())
        } else {
            self.library
                .topics
                .get(self.note_index())
                .map(|t| t.id.clone())
        };
        s.budget = Some(self.budget.source.key());
        s.budget_rate = self.budget.rate.map(|r| r.normalize().to_string());
        // Remembered once chosen with `--theme`: written when it differs from what the
        // file already means (no theme, or one a newer build named, is dark here).
        let saved = s.theme.as_deref().and_then(super::theme::ThemeKind::parse);
        if self.theme.kind != saved.unwrap_or_default() {
            s.theme = Some(self.theme.kind.code().to_string());
        }
        for (i, t) in self.library.topics.iter().enumerate() {
            let src = self.notes.position(i, self.lang);
            match src {
                Some(src) if src > 1 => {
                    s.positions.insert(t.id.clone(), src);
                }
                Some(_) => {
                    s.positions.remove(&t.id);
                }
                // Not opened in this session: keep what was saved.
                None => {}
            }
        }
        s
    }

    pub fn save(&mut self) {
        if !self.can_save {
            return;
        }
        if self.on_quiz() {
            self.quiz.persist_exam();
        }
        self.quiz.compact_progress();
        if let Err(e) = self.budget.write_draft() {
            self.can_save = false;
            self.warn_with(e);
            return;
        }
        let Some(dir) = self.data_dir.clone() else {
            return;
        };
        let s = self.settings_snapshot();
        if s == self.settings || !self.settings_writable {
            return;
        }
        match settings::save(&dir, &s) {
            Ok(()) => self.settings = s,
            Err(e) => {
                self.can_save = false;
                self.warn(e);
            }
        }
    }
}

pub fn max_scroll(lay: &Layout, height: usize) -> usize {
    lay.lines.len().saturating_sub(height)
}

/// The `##` sections of a note (the outline).
pub fn outline(lay: &Layout) -> Vec<&crate::markdown::Anchor> {
    lay.anchors.iter().filter(|a| a.level == 2).collect()
}

/// Every match of `query` in the laid-out lines (case- and accent-insensitive).
pub fn find_matches(lay: &Layout, query: &str) -> Vec<Match> {
    let q = fold(query.trim());
    let mut out = Vec::new();
    if q.is_empty() {
        return out;
    }
    for (i, l) in lay.lines.iter().enumerate() {
        let text = fold(l.text());
        for (start, end) in find_folded(&text, &q) {
            out.push(Match {
                line: i,
                start,
                end,
            });
        }
    }
    out
}
