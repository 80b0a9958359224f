//! The Quiz tab's state and update: the mode menu, practice sessions with
//! immediate feedback (a missed question comes back once), the mixed exam (flags,
//! optional time limit, resumable, graded at the end), results, and progress.
use std::collections::BTreeMap;
use std::path::PathBuf;

use super::action::Action;
use super::message::{Level, Message};
use super::outcome::Outcome;
use super::widgets::list::step;
use crate::content::Library;
use crate::content::bank::Kind;
use crate::lang::{Lang, tr as t};
use crate::quiz::exam::{self, ExamFile, SavedExam};
use crate::quiz::progress::{self, Progress, Review, SessionRecord};
use crate::quiz::{
    Answer, Bank, Mode, Presented, Stats, Unreadable, draw, draw_quick, grade, now, parse_answer,
    stats,
};
use crate::rng::Rng;

pub use crate::quiz::PRACTICE_COUNT;
pub use crate::quiz::exam::Slot;
pub const EXAM_LIMITS: [Option<u32>; 5] = [None, Some(10), Some(20), Some(30), Some(60)];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MenuEntry {
    ResumeExam,
    Quick,
    ByTopic,
    Exam,
    Missed,
    Due,
    Progress,
}

/// One graded answer of a session.
#[derive(Clone, Debug, PartialEq)]
pub struct Graded {
    pub item: usize,
    pub correct: bool,
    /// Asked again after a miss in the same session (not a first try).
    pub reask: bool,
    /// What was chosen (option numbers in the bank's order, or the number typed);
    /// `None`: left unanswered in an exam.
    pub chosen: Option<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Feedback {
    pub correct: bool,
    pub answer: Answer,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub mode: Mode,
    pub exam: bool,
    pub slots: Vec<Slot>,
    pub pos: usize,
    /// Shown option numbers selected (0-based), or the number typed.
    pub selection: Vec<usize>,
    pub cursor: usize,
    /// Whether the learner moved the cursor on this question (Enter then takes the
    /// option under it; before that, Enter asks for a choice).
    pub cursor_moved: bool,
    pub typed: String,
    pub feedback: Option<Feedback>,
    /// Every graded answer, in order.
    pub results: Vec<Graded>,
    /// First row of the question (or its feedback) on screen.
    pub scroll: usize,
    /// Keep the option under the cursor in view (it moved since the last scroll).
    pub follow: bool,
    pub session: String,
    pub started: i64,
    /// Exam: seconds left when a time limit is set.
    pub remaining: Option<i64>,
    /// When the current question was shown (unix ms), for the review log.
    pub shown_ms: i64,
    pub problem: Option<String>,
    pub confirm_submit: bool,
    /// Seconds spent before this stint (an exam set aside and resumed).
    pub spent: i64,
    /// When this stint started (unix seconds).
    pub stint_start: i64,
}

impl Run {
    /// A run at question `pos`, nothing selected; `spent` seconds were used before
    /// this stint, which starts at `now`.
    #[allow(clippy::too_many_arguments)]
    fn begin(
        mode: Mode,
        exam: bool,
        slots: Vec<Slot>,
        pos: usize,
        session: String,
        started: i64,
        remaining: Option<i64>,
        spent: i64,
        now: i64,
    ) -> Run {
        Run {
            mode,
            exam,
            slots,
            pos,
            selection: Vec::new(),
            cursor: 0,
            cursor_moved: false,
            typed: String::new(),
            feedback: None,
            results: Vec::new(),
            scroll: 0,
            follow: false,
            session,
            started,
            remaining,
            shown_ms: now_ms(),
            problem: None,
            confirm_submit: false,
            spent,
            stint_start: now,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub mode: Mode,
    pub exam: bool,
    pub results: Vec<Graded>,
    /// Exam: per-slot (item, chosen, flagged) for reviewing answers.
    pub slots: Vec<Slot>,
    pub seconds: i64,
    pub selected: usize,
    /// Reviewing one question's feedback.
    pub open: Option<usize>,
    /// First row of the answer under review on screen.
    pub scroll: usize,
    /// The exam's time ran out (it was submitted by the clock).
    pub timed_out: bool,
}

/// The scrolled text of the current screen as the last resize step measured it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Window {
    /// Rows of text.
    pub total: usize,
    /// Rows shown.
    pub rows: usize,
}

impl Window {
    fn max_scroll(self) -> usize {
        self.total.saturating_sub(self.rows)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Screen {
    Menu { selected: usize },
    Topics { selected: usize },
    ExamSetup { count: usize, limit: usize },
    Question(Box<Run>),
    Results(Box<Summary>),
    Progress,
}

pub struct QuizTab {
    pub bank: Bank,
    pub progress: Progress,
    pub screen: Screen,
    pub stats: Stats,
    pub data_dir: Option<PathBuf>,
    pub can_save: bool,
    /// The current screen's scrolled text, as measured for the window.
    pub window: Window,
    /// What this tab has to say after the call that is running (the app takes it
    /// into its one message slot).
    said: Option<Message>,
    rng: Rng,
    saved_exam: Option<SavedExam>,
    /// A fixed clock (unix seconds) for reproducible tests; None is the real time.
    pub clock: Option<i64>,
    /// `exam.json` as this session knows it (never replaced when it could not be
    /// read; not rewritten when only its clock changed).
    exam_file: ExamFile,
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

impl QuizTab {
    pub fn new(lib: &Library, data_dir: Option<PathBuf>) -> (QuizTab, Vec<String>) {
        let (bank, warnings) = Bank::load(lib);
        // Said in both languages: it goes to the app's message slot as a warning.
        let (progress, progress_warning) = progress::load(data_dir.as_deref());
        let mut exam_locked = false;
        let mut exam_warning: Option<crate::lang::Said> = None;
        let saved_exam = match data_dir.as_deref().map(exam::path) {
            Some(path) => match exam::load(&path, &bank, now()) {
                Ok(e) => e,
                Err(e) => {
                    exam_warning = Some(e.warning);
                    exam_locked = e.locked;
                    None
                }
            },
            None => None,
        };
        let stats = stats(&bank, &progress, now());
        let tab = QuizTab {
            bank,
            progress,
            screen: Screen::Menu { selected: 0 },
            stats,
            can_save: data_dir.is_some(),
            window: Window::default(),
            data_dir,
            said: match (progress_warning, exam_warning) {
                (None, None) => None,
                (a, b) => Some(Message::new(Level::Warning, |lang| {
                    [a.as_ref(), b.as_ref()]
                        .into_iter()
                        .flatten()
                        .map(|w| w.get(lang))
                        .collect::<Vec<_>>()
                        .join(" · ")
                })),
            },
            rng: Rng::from_time(),
            saved_exam,
            exam_file: ExamFile::new(exam_locked),
            clock: None,
        };
        (tab, warnings)
    }

    /// The quiz's clock: the real time unless a test fixed it.
    pub fn now(&self) -> i64 {
        self.clock.unwrap_or_else(now)
    }

    /// A fixed seed, for reproducible tests.
    pub fn seed(&mut self, seed: u64) {
        self.rng = Rng::new(seed);
    }

    pub fn menu(&self) -> Vec<MenuEntry> {
        let mut m = Vec::new();
        if self.saved_exam.is_some() {
            m.push(MenuEntry::ResumeExam);
        }
        m.extend([
            MenuEntry::Quick,
            MenuEntry::ByTopic,
            MenuEntry::Exam,
            MenuEntry::Missed,
            MenuEntry::Due,
            MenuEntry::Progress,
        ]);
        m
    }

    pub fn saved_exam_summary(&self) -> Option<(usize, usize, Option<i64>)> {
        self.saved_exam.as_ref().map(|e| {
            (
                e.slots.iter().filter(|s| s.chosen.is_some()).count(),
                e.slots.len(),
                e.remaining,
            )
        })
    }

    pub fn missed_count(&self) -> usize {
        self.progress
            .states
            .values()
            .filter(|s| !s.last_correct)
            .count()
    }

    pub fn due_now(&self) -> usize {
        let t = self.now();
        self.progress.states.values().filter(|s| s.due <= t).count()
    }

    /// True while an exam clock runs (the event loop then ticks once a second).
    pub fn ticking(&self) -> bool {
        matches!(&self.screen, Screen::Question(r) if r.exam && r.remaining.is_some())
    }

    /// The resize step: the current screen's text has `total` rows and shows `rows`;
    /// the scroll stays in range and, while the cursor moves, on its option
    /// (`cursor`: that option's first and past-last rows).
    pub fn fit(&mut self, total: usize, rows: usize, cursor: Option<(usize, usize)>) {
        self.window = Window { total, rows };
        let max = self.window.max_scroll();
        match &mut self.screen {
            Screen::Question(run) => {
                if run.follow
                    && let Some((first, end)) = cursor
                {
                    if first < run.scroll {
                        run.scroll = first;
                    } else if end > run.scroll + rows {
                        run.scroll = end.saturating_sub(rows).min(first);
                    }
                }
                run.scroll = run.scroll.min(max);
            }
            Screen::Results(s) => s.scroll = s.scroll.min(max),
            _ => {}
        }
    }

    /// Where a scroll key takes a text that starts at row `at` (None: not a scroll key).
    fn scroll_to(&self, at: usize, action: Action) -> Option<usize> {
        let max = self.window.max_scroll() as i64;
        let page = self.window.rows.saturating_sub(1).max(1) as i64;
        let to = match action {
            Action::Scroll(d) => at as i64 + i64::from(d),
            Action::Page(d) => at as i64 + i64::from(d) * page,
            Action::Top => 0,
            Action::Bottom => max,
            _ => return None,
        };
        Some(to.clamp(0, max.max(0)) as usize)
    }

    fn refresh_stats(&mut self) {
        self.stats = stats(&self.bank, &self.progress, self.now());
    }

    /// Starts a practice (immediate feedback) or exam run over `items`.
    pub fn start(
        &mut self,
        mode: Mode,
        items: Vec<usize>,
        exam: bool,
        limit_minutes: Option<u32>,
        _lang: Lang,
    ) {
        if items.is_empty() {
            self.said = Some(Message::new(Level::Notice, |lang: Lang| -> String {
                match (lang, &mode) {
                    (Lang::En, Mode::Due) => "nothing is due for review now".into(),
                    (Lang::PtBr, Mode::Due) => "nada para revisar agora".into(),
                    (Lang::En, Mode::Missed) => "no missed questions: well done".into(),
                    (Lang::PtBr, Mode::Missed) => "nenhuma questão errada: muito bem".into(),
                    (Lang::En, _) => "no questions for this choice".into(),
                    (Lang::PtBr, _) => "nenhuma pergunta para esta escolha".into(),
                }
            }));
            return;
        }
        let slots = items
            .into_iter()
            .map(|item| {
                let p = Presented::new(&self.bank, item, &mut self.rng);
                Slot {
                    item,
                    order: p.order,
                    reask: false,
                    chosen: None,
                    flagged: false,
                    extra: Default::default(),
                }
            })
            .collect();
        let t = self.now();
        // Random, never the pid or the clock alone: two containers sharing a data
        // folder (both pid 1) must not share a session id.
        let session = format!("{t}-{}", crate::store::random_id());
        let remaining = limit_minutes.map(|m| i64::from(m) * 60);
        self.screen = Screen::Question(Box::new(Run::begin(
            mode, exam, slots, 0, session, t, remaining, 0, t,
        )));
    }

    /// Starts "quiz me on this section".
    pub fn start_section(&mut self, topic: &str, section: &str, lang: Lang) -> bool {
        let mode = Mode::Section {
            topic: topic.to_string(),
            section: section.to_string(),
        };
        let t = self.now();
        let items = draw(
            &self.bank,
            &self.progress,
            &mode,
            PRACTICE_COUNT,
            &mut self.rng,
            t,
        );
        if items.is_empty() {
            return false;
        }
        self.start(mode, items, false, None, lang);
        true
    }

    fn save_progress(&mut self) {
        if !self.can_save {
            return;
        }
        let Some(dir) = self.data_dir.clone() else {
            return;
        };
        if let Err(e) = progress::append(&dir, &mut self.progress) {
            self.can_save = false;
            self.said = Some(Message::new(Level::Error, |lang: Lang| match lang {
                Lang::En => format!("{} — the quiz goes on without saving", e.get(lang)),
                Lang::PtBr => format!("{} — o quiz continua sem salvar", e.get(lang)),
            }));
        }
    }

    /// Folds this session's answers (kept in the journal as they were given) into
    /// `progress.json`: at quit, and when a session ends.
    pub fn compact_progress(&mut self) {
        if !self.can_save || !self.progress.unsaved() {
            return;
        }
        let Some(dir) = self.data_dir.clone() else {
            return;
        };
        match progress::save(&dir, &mut self.progress) {
            Ok(w) => {
                if let Some(w) = w {
                    self.said = Some(Message::new(Level::Error, |lang| w.get(lang).to_string()));
                }
            }
            Err(e) => {
                self.can_save = false;
                self.said = Some(Message::new(Level::Error, |lang: Lang| match lang {
                    Lang::En => format!("{} — the quiz goes on without saving", e.get(lang)),
                    Lang::PtBr => format!("{} — o quiz continua sem salvar", e.get(lang)),
                }));
            }
        }
    }

    fn record(
        &mut self,
        run: &Run,
        item: usize,
        answer: &Answer,
        correct: bool,
        lang: Lang,
        (answered, right): (u32, u32),
    ) {
        let q = &self.bank.items[item].q;
        self.progress.record(Review {
            time: self.now(),
            question: q.id.clone(),
            correct,
            chosen: answer.chosen(),
            mode: run.mode.name().to_string(),
            duration_ms: (now_ms() - run.shown_ms).max(0) as u64,
            lang: lang.code().to_string(),
            session: run.session.clone(),
            extra: Default::default(),
        });
        self.progress.upsert_session(SessionRecord {
            id: run.session.clone(),
            mode: run.mode.name().to_string(),
            started: run.started,
            ended: self.now(),
            answered,
            correct: right,
            lang: lang.code().to_string(),
            extra: Default::default(),
        });
    }

    /// Saves an unfinished exam so it can be resumed (or removes the file).
    pub fn persist_exam(&mut self) {
        let Some(dir) = self.data_dir.clone() else {
            return;
        };
        let path = exam::path(&dir);
        let now = self.now();
        let saved = match &self.screen {
            Screen::Question(run) if run.exam => Some(SavedExam {
                version: 1,
                session: run.session.clone(),
                started: run.started,
                pos: run.pos,
                remaining: run.remaining,
                slots: run.slots.clone(),
                spent: run
                    .spent
                    .saturating_add(now.saturating_sub(run.stint_start).max(0)),
                // What a newer build kept in the file it was resumed from.
                extra: self
                    .saved_exam
                    .as_ref()
                    .filter(|e| e.session == run.session)
                    .map(|e| e.extra.clone())
                    .unwrap_or_default(),
            }),
            _ => None,
        };
        if let Some(saved) = saved {
            self.exam_file.write(&path, &saved);
            self.saved_exam = Some(saved);
        }
    }

    /// Keeps an exam in progress on disk after every answer, so closing the terminal
    /// loses nothing (called after each update).
    pub fn keep_exam(&mut self) {
        if matches!(&self.screen, Screen::Question(run) if run.exam) {
            self.persist_exam();
        }
    }

    fn drop_saved_exam(&mut self) {
        self.saved_exam = None;
        if let Some(dir) = &self.data_dir {
            self.exam_file.remove(&exam::path(dir));
        }
    }

    fn resume_exam(&mut self) {
        let Some(e) = self.saved_exam.clone() else {
            return;
        };
        let pos = e.pos.min(e.slots.len().saturating_sub(1));
        let now = self.now();
        let mut run = Run::begin(
            Mode::Mixed,
            true,
            e.slots,
            pos,
            e.session,
            e.started,
            e.remaining,
            e.spent,
            now,
        );
        load_slot_answer(&self.bank, &mut run);
        self.screen = Screen::Question(Box::new(run));
    }

    /// Called about once a second while an exam clock runs.
    pub fn tick(&mut self, elapsed: i64, lang: Lang) {
        let expired = match &mut self.screen {
            Screen::Question(run) if run.exam => match &mut run.remaining {
                Some(r) => {
                    *r -= elapsed;
                    *r <= 0
                }
                None => false,
            },
            _ => false,
        };
        if expired {
            self.said = Some(Message::new(Level::Notice, |lang: Lang| -> String {
                match lang {
                    Lang::En => "time is up: the exam was submitted".into(),
                    Lang::PtBr => "o tempo acabou: a prova foi entregue".into(),
                }
            }));
            self.submit_exam_as(lang, true);
        }
    }

    /// What this tab has to say since it was last asked (for the app's message slot).
    pub fn take_said(&mut self) -> Option<Message> {
        self.said.take()
    }

    pub fn update(&mut self, action: Action, lang: Lang) -> Outcome {
        match self.screen.clone() {
            Screen::Menu { selected } => {
                let menu = self.menu();
                match action {
                    Action::ListMove(d) | Action::ListPage(d) => {
                        let s = step(selected, i64::from(d), menu.len());
                        self.screen = Screen::Menu { selected: s };
                    }
                    Action::ListSelect => match menu.get(selected) {
                        Some(MenuEntry::ResumeExam) => self.resume_exam(),
                        Some(MenuEntry::Quick) => {
                            let t = self.now();
                            let items = draw_quick(
                                &self.bank,
                                &self.progress,
                                PRACTICE_COUNT,
                                &mut self.rng,
                                t,
                            );
                            self.start(Mode::All, items, false, None, lang);
                        }
                        Some(MenuEntry::ByTopic) => self.screen = Screen::Topics { selected: 0 },
                        Some(MenuEntry::Exam) => {
                            self.screen = Screen::ExamSetup {
                                count: 20.min(self.bank.items.len()),
                                limit: 0,
                            }
                        }
                        Some(MenuEntry::Missed) => {
                            let t = self.now();
                            let items = draw(
                                &self.bank,
                                &self.progress,
                                &Mode::Missed,
                                PRACTICE_COUNT,
                                &mut self.rng,
                                t,
                            );
                            self.start(Mode::Missed, items, false, None, lang);
                        }
                        Some(MenuEntry::Due) => {
                            let t = self.now();
                            let items = draw(
                                &self.bank,
                                &self.progress,
                                &Mode::Due,
                                usize::MAX,
                                &mut self.rng,
                                t,
                            );
                            self.start(Mode::Due, items, false, None, lang);
                        }
                        Some(MenuEntry::Progress) => {
                            self.refresh_stats();
                            self.screen = Screen::Progress;
                        }
                        None => {}
                    },
                    _ => {}
                }
            }
            Screen::Topics { selected } => {
                let topics = self.bank.topics();
                match action {
                    Action::ListMove(d) | Action::ListPage(d) => {
                        let s = step(selected, i64::from(d), topics.len());
                        self.screen = Screen::Topics { selected: s };
                    }
                    Action::ListSelect => {
                        if let Some(t) = topics.get(selected) {
                            let mode = Mode::Topic(t.clone());
                            let t = self.now();
                            let items = draw(
                                &self.bank,
                                &self.progress,
                                &mode,
                                PRACTICE_COUNT,
                                &mut self.rng,
                                t,
                            );
                            self.start(mode, items, false, None, lang);
                        }
                    }
                    Action::CloseOverlay => self.screen = Screen::Menu { selected: 0 },
                    _ => {}
                }
            }
            Screen::ExamSetup { count, limit } => match action {
                Action::QuizMore | Action::QuizLess => {
                    let step: i64 = if action == Action::QuizMore { 5 } else { -5 };
                    let c = (count as i64 + step).clamp(5, self.bank.items.len().max(5) as i64)
                        as usize;
                    self.screen = Screen::ExamSetup {
                        count: c.min(self.bank.items.len()),
                        limit,
                    };
                }
                Action::QuizTime => {
                    self.screen = Screen::ExamSetup {
                        count,
                        limit: (limit + 1) % EXAM_LIMITS.len(),
                    }
                }
                Action::ListSelect => {
                    let t = self.now();
                    let items = draw(
                        &self.bank,
                        &self.progress,
                        &Mode::Mixed,
                        count,
                        &mut self.rng,
                        t,
                    );
                    self.drop_saved_exam();
                    self.start(Mode::Mixed, items, true, EXAM_LIMITS[limit], lang);
                    self.persist_exam();
                }
                Action::CloseOverlay => self.screen = Screen::Menu { selected: 0 },
                _ => {}
            },
            Screen::Question(mut run) => return self.update_run(&mut run, action, lang),
            Screen::Results(mut s) => match action {
                Action::Scroll(_) | Action::Page(_) | Action::Top | Action::Bottom
                    if s.open.is_some() =>
                {
                    if let Some(to) = self.scroll_to(s.scroll, action) {
                        s.scroll = to;
                    }
                    self.screen = Screen::Results(s);
                }
                Action::Scroll(d) | Action::Page(d) if s.open.is_none() => {
                    let n = s.results.len().max(1);
                    s.selected = step(s.selected, i64::from(d), n);
                    self.screen = Screen::Results(s);
                }
                Action::ListMove(d) | Action::ListPage(d) if s.open.is_none() => {
                    let n = s.results.len().max(1);
                    s.selected = step(s.selected, i64::from(d), n);
                    self.screen = Screen::Results(s);
                }
                Action::ListSelect if s.open.is_none() && !s.results.is_empty() => {
                    s.open = Some(s.selected);
                    s.scroll = 0;
                    self.screen = Screen::Results(s);
                }
                Action::QuizOpenSection => {
                    if let Some(g) = s.results.get(s.open.unwrap_or(s.selected)) {
                        let it = &self.bank.items[g.item];
                        return Outcome::OpenSection {
                            topic: it.topic.clone(),
                            section: it.q.section.clone(),
                        };
                    }
                }
                Action::CloseOverlay | Action::ListSelect => {
                    if s.open.is_some() {
                        s.open = None;
                        self.screen = Screen::Results(s);
                    } else {
                        self.screen = Screen::Menu { selected: 0 };
                    }
                }
                _ => {}
            },
            Screen::Progress => {
                if matches!(action, Action::CloseOverlay | Action::ListSelect) {
                    self.screen = Screen::Menu { selected: 0 };
                }
            }
        }
        Outcome::None
    }

    fn update_run(&mut self, run: &mut Box<Run>, action: Action, lang: Lang) -> Outcome {
        let slot = run.slots[run.pos].clone();
        let kind = self.bank.items[slot.item].q.kind;
        let n_opts = slot.order.len();
        if !matches!(action, Action::QuizSubmit) {
            run.confirm_submit = false;
        }
        if run.feedback.is_some() {
            // Practice feedback is showing.
            match action {
                Action::ListSelect | Action::QuizNext => self.next_question(run, lang),
                Action::Scroll(_) | Action::Page(_) | Action::Top | Action::Bottom => {
                    if let Some(to) = self.scroll_to(run.scroll, action) {
                        run.scroll = to;
                    }
                }
                Action::QuizOpenSection => {
                    let it = &self.bank.items[slot.item];
                    let out = Outcome::OpenSection {
                        topic: it.topic.clone(),
                        section: it.q.section.clone(),
                    };
                    self.screen = Screen::Question(run.clone());
                    return out;
                }
                Action::CloseOverlay => {
                    self.finish(run, lang);
                    return Outcome::None;
                }
                _ => {}
            }
            if let Screen::Question(_) = self.screen {
                self.screen = Screen::Question(run.clone());
            }
            return Outcome::None;
        }
        run.problem = None;
        match action {
            Action::Scroll(_) | Action::Page(_) | Action::Top | Action::Bottom => {
                if let Some(to) = self.scroll_to(run.scroll, action) {
                    run.scroll = to;
                    run.follow = false;
                }
            }
            Action::ListMove(d) if n_opts > 0 => {
                run.cursor = step(run.cursor, i64::from(d), n_opts);
                run.cursor_moved = true;
                run.follow = true;
            }
            Action::PickNumber(d) if kind == Kind::Numeric => {
                type_number(run, Action::InputChar(char::from(b'0' + d.min(9))), lang)
            }
            Action::InputChar(c)
                if kind == Kind::Numeric
                    && (c.is_ascii_digit() || matches!(c, '.' | ',' | '-')) =>
            {
                type_number(run, action, lang)
            }
            Action::InputChar(_) if kind == Kind::Numeric => {
                run.problem = Some(
                    t(
                        lang,
                        "type a number: digits, a point or a comma",
                        "digite um número: dígitos, ponto ou vírgula",
                    )
                    .into(),
                );
            }
            Action::InputBackspace | Action::InputClear if kind == Kind::Numeric => {
                type_number(run, action, lang)
            }
            Action::PickNumber(d) if (1..=n_opts).contains(&usize::from(d)) => {
                let k = usize::from(d) - 1;
                run.cursor = k;
                run.cursor_moved = true;
                run.follow = true;
                toggle_choice(run, k, kind);
            }
            Action::PickNumber(_) if n_opts > 0 => {
                run.problem = Some(format!(
                    "{} {n_opts}",
                    t(lang, "choose between 1 and", "escolha entre 1 e")
                ));
            }
            Action::QuizToggle if n_opts > 0 => {
                let k = run.cursor;
                toggle_choice(run, k, kind);
            }
            Action::ListSelect => {
                // Enter answers; on single-answer questions with nothing chosen it
                // takes the option under the cursor once the learner has moved it.
                // Never an answer the learner did not pick.
                if run.selection.is_empty() && n_opts > 0 && kind != Kind::Multiple {
                    if !run.cursor_moved {
                        run.problem = Some(format!(
                            "{} 1–{n_opts} {}",
                            t(lang, "choose an option:", "escolha uma opção:"),
                            t(lang, "or ↑ ↓ then Enter", "ou ↑ ↓ e Enter")
                        ));
                        if let Screen::Question(_) = self.screen {
                            self.screen = Screen::Question(run.clone());
                        }
                        return Outcome::None;
                    }
                    run.selection = vec![run.cursor];
                }
                self.answer(run, lang);
            }
            Action::QuizFlag if run.exam => {
                run.slots[run.pos].flagged = !run.slots[run.pos].flagged
            }
            Action::QuizNext if run.exam => {
                self.keep_exam_answer(run);
                if run.pos + 1 < run.slots.len() {
                    run.pos += 1;
                    load_slot_answer(&self.bank, run);
                }
            }
            Action::QuizPrev if run.exam => {
                self.keep_exam_answer(run);
                if run.pos > 0 {
                    run.pos -= 1;
                    load_slot_answer(&self.bank, run);
                }
            }
            Action::QuizNextFlagged if run.exam => {
                self.keep_exam_answer(run);
                let n = run.slots.len();
                if let Some(k) = (1..=n)
                    .map(|d| (run.pos + d) % n)
                    .find(|&k| run.slots[k].flagged)
                {
                    run.pos = k;
                    load_slot_answer(&self.bank, run);
                }
            }
            Action::QuizSubmit if run.exam => {
                self.keep_exam_answer(run);
                let unanswered = run.slots.iter().filter(|s| s.chosen.is_none()).count();
                if unanswered > 0 && !run.confirm_submit {
                    run.confirm_submit = true;
                    run.problem = Some(match lang {
                        Lang::En => {
                            format!("{unanswered} unanswered: press S again to submit anyway")
                        }
                        Lang::PtBr => format!(
                            "{unanswered} sem resposta: tecle S de novo para entregar assim mesmo"
                        ),
                    });
                } else {
                    self.screen = Screen::Question(run.clone());
                    self.submit_exam(lang);
                    return Outcome::None;
                }
            }
            Action::CloseOverlay => {
                if run.exam {
                    self.keep_exam_answer(run);
                    // Leaving an exam keeps it for later.
                    self.screen = Screen::Question(run.clone());
                    self.persist_exam();
                    self.screen = Screen::Menu { selected: 0 };
                    let none = run.slots.iter().all(|s| s.chosen.is_none());
                    self.said = Some(Message::new(Level::Notice, move |lang: Lang| -> String {
                        match (lang, none) {
                            (Lang::En, false) => "exam saved: Resume it from the menu".into(),
                            (Lang::PtBr, false) => "prova guardada: retome pelo menu".into(),
                            (Lang::En, true) => {
                                "exam kept, nothing answered yet: Resume it from the menu".into()
                            }
                            (Lang::PtBr, true) => {
                                "prova guardada, nada respondido ainda: retome pelo menu".into()
                            }
                        }
                    }));
                } else {
                    self.finish(run, lang);
                }
                return Outcome::None;
            }
            _ => {}
        }
        if let Screen::Question(_) = self.screen {
            self.screen = Screen::Question(run.clone());
        }
        Outcome::None
    }

    /// Reads the current selection or typed number as an answer.
    fn current_answer(&self, run: &Run) -> Result<Answer, Unreadable> {
        let slot = &run.slots[run.pos];
        let q = &self.bank.items[slot.item].q;
        let p = Presented {
            item: slot.item,
            order: slot.order.clone(),
        };
        let text = if q.kind == Kind::Numeric {
            run.typed.clone()
        } else {
            run.selection
                .iter()
                .map(|k| (k + 1).to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        parse_answer(&text, q, &p)
    }

    fn answer(&mut self, run: &mut Run, lang: Lang) {
        let answer = match self.current_answer(run) {
            Ok(a) => a,
            Err(e) => {
                run.problem = Some(e.message(lang));
                return;
            }
        };
        if run.exam {
            run.slots[run.pos].chosen = Some(answer.chosen());
            if run.pos + 1 < run.slots.len() {
                run.pos += 1;
                load_slot_answer(&self.bank, run);
            } else {
                run.problem = Some(match lang {
                    Lang::En => "last question: press S to submit, ← to go back".into(),
                    Lang::PtBr => "última pergunta: tecle S para entregar, ← para voltar".into(),
                });
            }
            self.screen = Screen::Question(Box::new(run.clone()));
            self.persist_exam();
            return;
        }
        let item = run.slots[run.pos].item;
        let correct = grade(&self.bank.items[item].q, &answer);
        run.results.push(Graded {
            item,
            correct,
            reask: run.slots[run.pos].reask,
            chosen: Some(answer.chosen()),
        });
        if !correct && !run.slots[run.pos].reask {
            // Ask it once more at the end of this session.
            let again = Slot {
                reask: true,
                ..run.slots[run.pos].clone()
            };
            run.slots.push(again);
        }
        let answered = run.results.len() as u32;
        let right = run.results.iter().filter(|r| r.correct).count() as u32;
        self.record(run, item, &answer, correct, lang, (answered, right));
        run.feedback = Some(Feedback { correct, answer });
        run.scroll = 0;
        run.follow = false;
        self.save_progress();
        self.refresh_stats();
    }

    fn next_question(&mut self, run: &mut Run, lang: Lang) {
        if run.pos + 1 >= run.slots.len() {
            self.finish(run, lang);
            return;
        }
        run.pos += 1;
        run.selection.clear();
        run.cursor = 0;
        run.cursor_moved = false;
        run.typed.clear();
        run.feedback = None;
        run.scroll = 0;
        run.follow = false;
        run.shown_ms = now_ms();
    }

    fn keep_exam_answer(&self, run: &mut Run) {
        let has_input = !run.selection.is_empty() || !run.typed.trim().is_empty();
        if has_input && let Ok(a) = self.current_answer(run) {
            run.slots[run.pos].chosen = Some(a.chosen());
        }
    }

    fn submit_exam(&mut self, lang: Lang) {
        self.submit_exam_as(lang, false);
    }

    /// Grades the exam; `timed_out`: the clock submitted it.
    fn submit_exam_as(&mut self, lang: Lang, timed_out: bool) {
        let Screen::Question(run) = self.screen.clone() else {
            return;
        };
        let mut run = run;
        let mut results = Vec::new();
        for slot in &run.slots {
            let q = &self.bank.items[slot.item].q;
            let answer = slot.chosen.as_ref().map(|c| chosen_to_answer(c, q.kind));
            let correct = answer.as_ref().is_some_and(|a| grade(q, a));
            results.push(Graded {
                item: slot.item,
                correct,
                reask: false,
                chosen: slot.chosen.clone(),
            });
        }
        // Unanswered questions count as wrong in the score, but they were not
        // reviewed, so they do not go into the log or move the schedule.
        let (mut answered, mut right) = (0, 0);
        for g in &results {
            let Some(chosen) = &g.chosen else {
                continue;
            };
            let answer = chosen_to_answer(chosen, self.bank.items[g.item].q.kind);
            answered += 1;
            right += u32::from(g.correct);
            run.shown_ms = now_ms();
            self.record(&run, g.item, &answer, g.correct, lang, (answered, right));
        }
        run.results = results;
        self.save_progress();
        self.refresh_stats();
        self.drop_saved_exam();
        self.finish(&mut run, lang);
        if let Screen::Results(s) = &mut self.screen {
            s.timed_out = timed_out;
        }
    }

    fn finish(&mut self, run: &mut Run, _lang: Lang) {
        self.compact_progress();
        if run.results.is_empty() {
            // Ended before the first answer: no score to show.
            self.screen = Screen::Menu { selected: 0 };
            self.said = Some(Message::new(Level::Notice, |lang: Lang| -> String {
                match lang {
                    Lang::En => "session ended: nothing was answered".into(),
                    Lang::PtBr => "sessão encerrada: nada foi respondido".into(),
                }
            }));
            return;
        }
        self.screen = Screen::Results(Box::new(Summary {
            mode: run.mode.clone(),
            exam: run.exam,
            results: run.results.clone(),
            slots: run.slots.clone(),
            seconds: run.spent + (self.now() - run.stint_start).max(0),
            selected: 0,
            open: None,
            scroll: 0,
            timed_out: false,
        }));
    }

    /// Per-topic (asked, right at the first try) of a finished run: re-asks of a
    /// missed question are not counted twice.
    pub fn breakdown(&self, results: &[Graded]) -> BTreeMap<String, (u32, u32)> {
        let mut m: BTreeMap<String, (u32, u32)> = BTreeMap::new();
        for g in results.iter().filter(|g| !g.reask) {
            let e = m.entry(self.bank.items[g.item].topic.clone()).or_default();
            e.0 += 1;
            e.1 += u32::from(g.correct);
        }
        m
    }

    /// When a question comes up for review again, from now.
    pub fn next_review(&self, item: usize) -> Option<crate::quiz::Until> {
        let st = self.progress.states.get(&self.bank.items[item].q.id)?;
        Some(crate::quiz::Until::between(self.now(), st.due))
    }
}

fn toggle_choice(run: &mut Run, k: usize, kind: Kind) {
    if kind == Kind::Multiple {
        if let Some(i) = run.selection.iter().position(|&x| x == k) {
            run.selection.remove(i);
        } else {
            run.selection.push(k);
            run.selection.sort_unstable();
        }
    } else {
        run.selection = vec![k];
    }
}

/// The number field of a numeric question: the one text field's keys (Ctrl-U clears
/// it, as in every field).
fn type_number(run: &mut Run, action: Action, lang: Lang) {
    use crate::tui::widgets::text_field::{self, Edit};
    const CAP: usize = 64;
    if text_field::edit(&mut run.typed, &mut false, action, CAP) == Some(Edit::Full) {
        run.problem = Some(text_field::full_message(CAP, lang));
    }
}

/// Restores a slot's saved exam answer into the selection or typed text.
fn load_slot_answer(bank: &Bank, run: &mut Run) {
    let slot = &run.slots[run.pos];
    run.selection.clear();
    run.typed.clear();
    run.cursor = 0;
    run.cursor_moved = false;
    run.scroll = 0;
    run.follow = false;
    run.shown_ms = now_ms();
    if let Some(c) = &slot.chosen {
        if bank.items[slot.item].q.kind == Kind::Numeric {
            run.typed = c.first().cloned().unwrap_or_default();
        } else {
            for v in c {
                if let Ok(b) = v.parse::<usize>()
                    && let Some(k) = slot.order.iter().position(|&x| x == b)
                {
                    run.selection.push(k);
                }
            }
            run.selection.sort_unstable();
            run.cursor = run.selection.first().copied().unwrap_or(0);
        }
    }
}

fn chosen_to_answer(c: &[String], kind: Kind) -> Answer {
    if kind == Kind::Numeric {
        c.first()
            .and_then(|s| crate::budget::parse_decimal(s))
            .map_or(Answer::Options(Vec::new()), Answer::Number)
    } else {
        Answer::Options(c.iter().filter_map(|s| s.parse().ok()).collect())
    }
}
