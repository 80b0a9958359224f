//! The Lab tab: open a state machine (a bundled sample or a file), see it drawn and
//! validated, and step through a simulated execution stage by stage.
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use super::action::Action;
use super::message::{Level, Message};
use super::outcome::Outcome;
use super::widgets::textarea::{self, Change, TextArea};
use crate::budget::LineItem;
use crate::lang::{Lang, tr};
use crate::sfn::check::{Finding, Options};
use crate::sfn::mock::Mocks;
use crate::sfn::model::StateMachine;
use crate::sfn::sim::{self, Abort, Execution, STAGE_NAMES, Step};
use crate::sfn::{doc, graph, samples};

/// Where the open machine came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    Sample(String),
    File(String),
}

/// Reads an execution input file: a regular file (the one safe reader, capped) of
/// JSON text, within AWS's payload quota. The reason otherwise, naming the file.
pub fn read_input(path: &std::path::Path, lang: Lang) -> Result<Value, String> {
    let text = crate::sfn::read_text(path, lang).map_err(|e| format!("{}: {e}", path.display()))?;
    let v = doc::parse_json(&text).map_err(|e| e.located(path.display(), lang))?;
    match sim::input_problem(&v) {
        Some(e) => Err(format!(
            "{}: {}",
            path.display(),
            sim::input_refusal(&e, lang)
        )),
        None => Ok(v),
    }
}

/// A text field being typed in the Lab.
#[derive(Clone, Debug, PartialEq)]
pub enum Field {
    /// Path of a definition file to open.
    Path,
    /// Path of a file holding the execution input (JSON).
    InputFile,
    /// Executions per day for "add to budget".
    PerDay,
}

/// How many characters a field takes: a path or a number.
fn field_cap(_kind: &Field) -> usize {
    crate::tui::widgets::text_field::SHORT_CAP
}

/// How many characters the input editor holds: four times AWS's payload size, so a
/// pretty-printed input near the limit fits with its indentation (the limit itself
/// is checked on the JSON when saved).
pub const INPUT_EDITOR_CAP: usize = 4 * sim::MAX_PAYLOAD_BYTES;

/// Why the last save of the input editor was refused (translated when drawn).
#[derive(Clone, Debug, PartialEq)]
pub enum InputRefusal {
    /// Not JSON: where and why.
    Json(doc::JsonError),
    /// JSON AWS would not start an execution with (over 256 KiB, or nested too deep).
    Payload(crate::sfn::StateError),
}

impl InputRefusal {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            InputRefusal::Json(e) => e.message(lang),
            InputRefusal::Payload(e) if e.error == "States.DataLimitExceeded" => format!(
                "{} {}",
                tr(lang, "the input is", "a entrada é"),
                sim::input_refusal(e, lang)
            ),
            InputRefusal::Payload(e) => sim::input_refusal(e, lang),
        }
    }
}

/// The execution input open in the multi-line editor (`i`).
#[derive(Clone, Debug, PartialEq)]
pub struct InputEditor {
    pub text: TextArea,
    /// Why the last save was refused (the input in force stays the old one).
    pub refused: Option<InputRefusal>,
}

/// Bytes of `text` that are not whitespace: what a JSON text weighs at least once
/// written compactly (whitespace outside strings goes; inside them it is rare).
fn weight(text: &str) -> usize {
    text.bytes().filter(|b| !b.is_ascii_whitespace()).count()
}

/// The message for a paste that would make the input larger than AWS takes.
fn paste_too_large(bytes: usize, lang: Lang) -> String {
    let n = crate::numfmt::count(bytes as u64, lang);
    let max = crate::numfmt::count(sim::MAX_PAYLOAD_BYTES as u64, lang);
    match lang {
        Lang::En => format!(
            "paste refused: the input would hold {n} bytes of JSON, over AWS's limit of {max} bytes (256 KiB) for an execution input; the text is as it was"
        ),
        Lang::PtBr => format!(
            "colagem recusada: a entrada teria {n} bytes de JSON, acima do limite da AWS de {max} bytes (256 KiB) para a entrada de uma execução; o texto continua como estava"
        ),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Overlay {
    None,
    Samples {
        selected: usize,
    },
    Cases {
        selected: usize,
    },
    Findings {
        selected: usize,
    },
    /// The current step's stage values in full: the text rows (made when opened) and
    /// the first row shown.
    Values {
        rows: std::rc::Rc<Vec<String>>,
        scroll: usize,
    },
}

/// Why the Lab has no run to show; translated when drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum NoRun {
    /// Not read yet (the Lab waits for its first visit).
    NotLoaded,
    NotJson(doc::JsonError),
    /// This many validation findings.
    Findings(usize),
    Abort(Abort),
}

impl NoRun {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            NoRun::NotLoaded => String::new(),
            NoRun::NotJson(e) => e.message(lang),
            NoRun::Findings(n) => format!(
                "{n} {} (f)",
                if *n == 1 {
                    tr(
                        lang,
                        "validation finding: fix it to run",
                        "problema de validação: corrija para executar",
                    )
                } else {
                    tr(
                        lang,
                        "validation findings: fix them to run",
                        "problemas de validação: corrija para executar",
                    )
                }
            ),
            NoRun::Abort(Abort::Mock(m)) => format!("mocks: {m}"),
            NoRun::Abort(a) => a.message(lang),
        }
    }
}

pub struct LabTab {
    pub origin: Origin,
    /// Whether `origin` has been read, checked and run (the Lab waits for its first
    /// visit, so starting the app costs nothing for it).
    loaded: bool,
    /// The definition as parsed and checked, or the JSON error.
    pub checked: Result<doc::Checked, doc::JsonError>,
    /// The definition as a typed machine (empty when it is not JSON).
    pub definition: StateMachine,
    pub model: graph::Machine,
    /// The drawing, with the width and language it was made for.
    drawing: Option<(usize, Lang, graph::Drawing)>,
    pub input: Value,
    pub mocks: Option<Mocks>,
    /// Why the mock file beside an opened definition cannot be used (it stays said
    /// in the header and by `t`, not only until the next key).
    pub mock_problem: Option<Message>,
    /// Priced as an Express workflow (`x`): the status line and `a` use requests and
    /// GB-seconds instead of state transitions.
    pub express: bool,
    /// What the run would bill as an Express execution (made by `rerun`).
    pub express_usage: Option<crate::budget::step_functions::ExpressUsage>,
    /// The definition's size in bytes (Express memory counts it).
    pub definition_bytes: u64,
    /// The file the execution input was last read from (`I`, or `<stem>.input.json`
    /// picked up by `o`): `I` offers it again.
    pub input_file: Option<String>,
    pub machine_name: String,
    pub cases: Vec<String>,
    pub case: usize,
    /// The simulated execution, or why there is none.
    pub run: Result<Execution, NoRun>,
    /// Steps shown: 0 = before the first state, `steps.len()` = the end.
    pub cursor: usize,
    pub scroll: usize,
    /// A state to highlight instead of the current step's (after a finding jump).
    pub focus_state: Option<String>,
    pub overlay: Overlay,
    pub field: Option<(Field, String)>,
    /// The execution input being edited (`i`), when open.
    pub editor: Option<InputEditor>,
    /// What this tab has to say after the call that is running (the app takes it
    /// into its one message slot).
    said: Option<Message>,
    /// Height of the graph view, set by the resize step (for paging).
    pub view_height: usize,
    /// Rows of text the values view shows, set by the resize step (for paging).
    pub values_height: usize,
    /// The first row of the values view's last page (rows wrap, so it depends on the
    /// width), set by the resize step.
    pub values_last: usize,
}

const MAX_TRANSITIONS: u64 = 25_000;

impl Default for LabTab {
    fn default() -> LabTab {
        LabTab::new()
    }
}

impl LabTab {
    /// The Lab on the first bundled sample, read on the first visit.
    pub fn new() -> LabTab {
        LabTab {
            origin: Origin::Sample(
                samples::all()
                    .first()
                    .map(|s| s.id.clone())
                    .unwrap_or_default(),
            ),
            loaded: false,
            checked: Err(doc::JsonError {
                line: 0,
                column: 0,
                reason: String::new(),
            }),
            definition: StateMachine::default(),
            model: graph::Machine::default(),
            drawing: None,
            input: Value::Object(Map::new()),
            mocks: None,
            mock_problem: None,
            input_file: None,
            express: false,
            express_usage: None,
            definition_bytes: 0,
            machine_name: String::new(),
            cases: Vec::new(),
            case: 0,
            run: Err(NoRun::NotLoaded),
            cursor: 0,
            scroll: 0,
            focus_state: None,
            overlay: Overlay::None,
            field: None,
            editor: None,
            said: None,
            view_height: 10,
            values_height: 20,
            values_last: usize::MAX,
        }
    }

    /// Reads, checks and runs the machine the Lab shows, on its first visit.
    pub fn ensure_loaded(&mut self, lang: Lang) {
        if self.loaded {
            return;
        }
        self.loaded = true;
        if let Origin::Sample(id) = &self.origin
            && let Some(s) = samples::find(id)
        {
            self.open_sample(s, lang);
        }
    }

    pub fn open_sample(&mut self, s: &samples::Sample, _lang: Lang) {
        self.origin = Origin::Sample(s.id.clone());
        self.loaded = true;
        self.mock_problem = None;
        self.input = s.input.clone();
        self.mocks = Mocks::parse(s.mocks_text()).ok();
        self.machine_name = s.id.clone();
        self.load_text(s.definition_text());
        self.rerun();
    }

    /// Opens a definition file; on failure the open machine stays. A mock file beside
    /// it that cannot be used is named in the notice, and the machine runs without it.
    pub fn open_file(&mut self, path: &str, lang: Lang) -> Result<(), String> {
        let p = std::path::Path::new(path);
        let text = crate::sfn::read_text(p, lang).map_err(|e| format!("{path}: {e}"))?;
        self.origin = Origin::File(path.to_string());
        self.loaded = true;
        self.machine_name = crate::sfn::mock::machine_stem(p);
        // A mock file beside it: <stem>.mocks.json.
        let mocks_path = p.with_file_name(format!("{}.mocks.json", self.machine_name));
        let mut warning = None;
        let read = |lang: Lang| {
            crate::sfn::read_text(&mocks_path, lang).and_then(|t| Mocks::parse_in(&t, lang))
        };
        self.mocks = if mocks_path.exists() {
            match read(lang) {
                Ok(m) => Some(m),
                Err(_) => {
                    // Said in both languages, so `t` says it in the language of the
                    // moment after a switch.
                    warning = Some(Message::error(|lang| {
                        let e = read(lang).err().unwrap_or_default();
                        format!(
                            "{}: {e} — {}",
                            mocks_path.display(),
                            tr(
                                lang,
                                "not used: Tasks return their input",
                                "não usado: as Tasks devolvem a entrada"
                            )
                        )
                    }));
                    None
                }
            }
        } else {
            None
        };
        // An input beside it: <stem>.input.json. One that cannot be used is said,
        // and the machine runs on `{}`.
        let input_path = p.with_file_name(format!("{}.input.json", self.machine_name));
        self.input = Value::Object(Map::new());
        self.input_file = None;
        let mut said = None;
        if input_path.exists() {
            match read_input(&input_path, lang) {
                Ok(v) => {
                    self.input = v;
                    self.input_file = Some(input_path.display().to_string());
                    let shown = input_path.display().to_string();
                    said = Some(Message::notice(|lang| {
                        format!("{} {shown}", tr(lang, "input read from", "entrada lida de"))
                    }));
                }
                Err(_) => {
                    said = Some(Message::error(|lang| {
                        format!(
                            "{} — {}",
                            read_input(&input_path, lang).err().unwrap_or_default(),
                            tr(
                                lang,
                                "not used: the input is {}",
                                "não usado: a entrada é {}"
                            )
                        )
                    }));
                }
            }
        }
        self.load_text(&text);
        self.rerun();
        self.said = match (warning.clone(), said) {
            (Some(w), Some(s)) => Some(w.join(s)),
            (w, s) => w.or(s),
        };
        self.mock_problem = warning;
        Ok(())
    }

    fn load_text(&mut self, text: &str) {
        self.definition_bytes = text.len() as u64;
        self.checked = doc::check_text(text, Options::default());
        self.definition = match &self.checked {
            Ok(c) => StateMachine::read(&c.value),
            Err(_) => StateMachine::default(),
        };
        self.model = graph::of(&self.definition);
        self.drawing = None;
        self.scroll = 0;
        self.focus_state = None;
        self.cases = match &self.mocks {
            Some(m) => m
                .machine_for(&self.machine_name)
                .map(|n| m.cases(&n))
                .unwrap_or_default(),
            None => Vec::new(),
        };
        self.case = 0;
    }

    pub fn findings(&self) -> &[Finding] {
        match &self.checked {
            Ok(c) => &c.findings,
            Err(_) => &[],
        }
    }

    /// Runs the simulation again (input, case or machine changed); back to step 0,
    /// and the graph back to its start.
    pub fn rerun(&mut self) {
        self.cursor = 0;
        self.focus_state = None;
        self.scroll = 0;
        self.run = match &self.checked {
            Err(e) => Err(NoRun::NotJson(e.clone())),
            Ok(c) if !c.is_valid() => Err(NoRun::Findings(c.findings.len())),
            Ok(_) => {
                let machine = self
                    .mocks
                    .as_ref()
                    .and_then(|m| m.machine_for(&self.machine_name).ok())
                    .unwrap_or_else(|| self.machine_name.clone());
                let opts = sim::Options {
                    mocks: self.mocks.as_ref(),
                    test_case: self.cases.get(self.case).map(String::as_str),
                    max_transitions: MAX_TRANSITIONS,
                    seed: 7,
                    machine_name: &machine,
                };
                // An endless loop keeps the steps taken until the limit, to step through.
                sim::run_model_keeping_steps(&self.definition, self.input.clone(), &opts)
                    .map_err(NoRun::Abort)
            }
        };
        self.express_usage = self.run.as_ref().ok().map(|r| {
            crate::budget::step_functions::ExpressUsage::measured(
                &r.express_measure(),
                self.definition_bytes,
            )
        });
    }

    pub fn steps(&self) -> &[Step] {
        match &self.run {
            Ok(e) => &e.steps,
            Err(_) => &[],
        }
    }

    /// The step whose stages are shown (the last one taken).
    pub fn current(&self) -> Option<&Step> {
        self.cursor.checked_sub(1).and_then(|i| self.steps().get(i))
    }

    /// The state to highlight in the graph.
    pub fn highlighted(&self) -> Option<&str> {
        self.focus_state
            .as_deref()
            .or_else(|| self.current().map(|s| s.state.as_str()))
    }

    /// Transitions taken up to the cursor (states entered plus their retries).
    pub fn transitions_so_far(&self) -> u64 {
        self.steps()
            .iter()
            .take(self.cursor)
            .map(|s| 1 + s.retries.len() as u64)
            .sum()
    }

    /// Draws the machine at this width and language unless the last drawing was made
    /// for them (a frame then costs nothing more).
    pub fn prepare_drawing(&mut self, width: usize, lang: Lang) {
        if self
            .drawing
            .as_ref()
            .is_none_or(|(w, l, _)| *w != width || *l != lang)
        {
            self.drawing = Some((width, lang, graph::draw_in(&self.model, width, lang)));
        }
    }

    /// The drawing made by the last [`LabTab::prepare_drawing`].
    pub fn drawn(&self) -> Option<&graph::Drawing> {
        self.drawing.as_ref().map(|(_, _, d)| d)
    }

    /// Scrolls so the highlighted state is visible.
    pub fn reveal(&mut self) {
        let Some(state) = self.highlighted().map(str::to_string) else {
            return;
        };
        let Some(d) = self.drawn() else { return };
        if let Some(line) = graph::highlight_line(d, &state) {
            let h = self.view_height.max(3);
            if line < self.scroll + 1 || line + 3 > self.scroll + h {
                self.scroll = line.saturating_sub(h / 3);
            }
        }
    }

    fn scroll_by(&mut self, d: i64) {
        let max = self
            .drawn()
            .map(|d| d.lines.len().saturating_sub(self.view_height.max(1)))
            .unwrap_or(0);
        self.scroll = (self.scroll as i64 + d).clamp(0, max as i64) as usize;
    }

    /// The one-line explanation of each stage of the current step.
    pub fn explain(&self, stage: usize, lang: Lang) -> String {
        let Some(step) = self.current() else {
            return String::new();
        };
        crate::sfn::explain::stage(
            self.definition.find(&step.state),
            step,
            stage,
            self.cursor == 1,
            lang,
        )
    }

    /// "Add to budget": a Step Functions Standard line for `per_day` executions, or
    /// the two Express lines (requests, duration) when priced as Express.
    fn budget_lines(&self, per_day: Decimal, lang: Lang) -> Option<Vec<LineItem>> {
        let run = self.run.as_ref().ok()?;
        use crate::budget::step_functions::{express_lines, standard_line};
        Some(match (&self.express_usage, self.express) {
            (Some(usage), true) => express_lines(&self.machine_name, per_day, usage, lang).to_vec(),
            _ => vec![standard_line(
                &self.machine_name,
                per_day,
                run.transitions,
                lang,
            )],
        })
    }

    /// Pasted text into the open field: one edit.
    pub fn paste(&mut self, pasted: &str, _lang: Lang) {
        use crate::tui::widgets::text_field::{self, Edit};
        if let Some(ed) = &mut self.editor {
            // An input that could never fit AWS's payload quota is not taken at all
            // (half of it would only be broken JSON).
            let bytes = weight(pasted).saturating_add(weight(&ed.text.text()));
            if weight(pasted) > 0 && bytes > sim::MAX_PAYLOAD_BYTES {
                self.said = Some(Message::error(move |lang| paste_too_large(bytes, lang)));
                return;
            }
            if ed.text.paste(pasted) == Change::Full {
                let cap = ed.text.cap();
                self.said = Some(Message::error(move |lang| {
                    textarea::full_message(cap, lang)
                }));
            }
            return;
        }
        if let Some((kind, text)) = &mut self.field {
            let cap = field_cap(kind);
            if text_field::paste(text, &mut false, pasted, cap) == Edit::Full {
                self.said = Some(Message::new(Level::Error, |lang: Lang| -> String {
                    text_field::full_message(cap, lang)
                }));
            }
        }
    }

    /// `i`: the execution input, pretty-printed, in the multi-line editor.
    fn open_editor(&mut self) {
        let text = serde_json::to_string_pretty(&self.input).unwrap_or_default();
        self.editor = Some(InputEditor {
            text: TextArea::new(&text, INPUT_EDITOR_CAP.max(text.chars().count())),
            refused: None,
        });
    }

    /// Whether a Task waits for a job (`.sync`) or a task token: patterns only
    /// Standard workflows support, so the machine cannot be priced as Express.
    fn needs_standard(&self) -> bool {
        self.definition
            .states
            .iter()
            .any(|s| s.waits_for_completion())
    }

    /// A key in the input editor.
    fn edit_input(&mut self, action: Action) {
        let Some(ed) = &mut self.editor else { return };
        let change = match action {
            Action::InputChar(c) => ed.text.insert_char(c),
            Action::Edit(e) => ed.text.apply(e),
            Action::InputClear => {
                ed.text = TextArea::new("", ed.text.cap());
                Change::Changed
            }
            Action::EditorSave => return self.save_input(),
            Action::InputCancel | Action::CloseOverlay => {
                self.editor = None;
                self.said = Some(Message::notice(|lang| {
                    tr(
                        lang,
                        "edit cancelled: the input is as it was",
                        "edição cancelada: a entrada continua como estava",
                    )
                    .into()
                }));
                return;
            }
            _ => return,
        };
        if change == Change::Full {
            let cap = ed.text.cap();
            self.said = Some(Message::error(move |lang| {
                textarea::full_message(cap, lang)
            }));
        }
    }

    /// Ctrl-S in the input editor: JSON AWS would start an execution with replaces
    /// the input and the run starts again; anything else is refused with its place
    /// and reason, the cursor there, the text as typed and the old input in force.
    fn save_input(&mut self) {
        let Some(ed) = &mut self.editor else { return };
        let refusal = match doc::parse_json(&ed.text.text()) {
            Err(e) => {
                ed.text
                    .go_to(e.line.saturating_sub(1), e.column.saturating_sub(1));
                InputRefusal::Json(e)
            }
            Ok(v) => match sim::input_problem(&v) {
                Some(e) => InputRefusal::Payload(e),
                None => {
                    self.editor = None;
                    let changed = v != self.input;
                    self.input = v;
                    self.rerun();
                    self.said = Some(Message::notice(move |lang| {
                        if changed {
                            tr(
                                lang,
                                "input changed: the run starts again",
                                "entrada alterada: a execução recomeça",
                            )
                        } else {
                            tr(
                                lang,
                                "input unchanged: the run starts again",
                                "a entrada não mudou: a execução recomeça",
                            )
                        }
                        .into()
                    }));
                    return;
                }
            },
        };
        // The editor shows why until the next save (drawn in the language of the
        // moment).
        ed.refused = Some(refusal);
    }

    /// What this tab has to say since it was last asked (for the app's message slot).
    pub fn take_said(&mut self) -> Option<Message> {
        self.said.take()
    }

    pub fn update(&mut self, action: Action, lang: Lang) -> Outcome {
        self.ensure_loaded(lang);
        if self.editor.is_some() {
            self.edit_input(action);
            return Outcome::None;
        }
        if let Some((kind, text)) = &mut self.field {
            use crate::tui::widgets::text_field::{self, Edit};
            let cap = field_cap(kind);
            let mut fresh = false;
            if let Some(e) = text_field::edit(text, &mut fresh, action, cap) {
                if e == Edit::Full {
                    self.said = Some(Message::new(Level::Error, |lang: Lang| -> String {
                        text_field::full_message(cap, lang)
                    }));
                }
                return Outcome::None;
            }
            match action {
                Action::InputCancel | Action::CloseOverlay => self.field = None,
                Action::InputSubmit => {
                    let (kind, text) = (kind.clone(), text.clone());
                    return self.submit(kind, &text, lang);
                }
                _ => {}
            }
            return Outcome::None;
        }
        match self.overlay.clone() {
            Overlay::None => {}
            Overlay::Values { rows, scroll } => {
                // The last page stays full: scrolling stops with the last row at the bottom.
                let page = self.values_height.max(1) as i64;
                let last = (self.values_last.min(rows.len()) as i64).max(0);
                let to = |d: i64| (scroll as i64 + d).clamp(0, last) as usize;
                let scroll = match action {
                    Action::Scroll(d) => to(i64::from(d)),
                    Action::Page(d) => to(i64::from(d) * (page - 1).max(1)),
                    Action::Top => 0,
                    Action::Bottom => last as usize,
                    Action::CloseOverlay => {
                        self.overlay = Overlay::None;
                        return Outcome::None;
                    }
                    _ => scroll,
                };
                self.overlay = Overlay::Values { rows, scroll };
                return Outcome::None;
            }
            Overlay::Samples { selected }
            | Overlay::Cases { selected }
            | Overlay::Findings { selected } => {
                let len = match self.overlay {
                    Overlay::Samples { .. } => samples::all().len(),
                    Overlay::Cases { .. } => self.cases.len(),
                    _ => self.findings().len(),
                };
                let set = |o: &mut Overlay, v: usize| match o {
                    Overlay::Samples { selected }
                    | Overlay::Cases { selected }
                    | Overlay::Findings { selected } => *selected = v,
                    Overlay::None | Overlay::Values { .. } => {}
                };
                match action {
                    Action::ListMove(d) => {
                        let v = (selected as i64 + i64::from(d))
                            .clamp(0, len.saturating_sub(1) as i64)
                            as usize;
                        set(&mut self.overlay, v);
                    }
                    Action::ListPage(d) => {
                        let v = (selected as i64 + i64::from(d) * 10)
                            .clamp(0, len.saturating_sub(1) as i64)
                            as usize;
                        set(&mut self.overlay, v);
                    }
                    Action::PickNumber(n) if usize::from(n) >= 1 && usize::from(n) <= len => {
                        self.choose(usize::from(n) - 1, lang);
                    }
                    Action::ListSelect if len > 0 => self.choose(selected.min(len - 1), lang),
                    Action::CloseOverlay | Action::InputCancel => self.overlay = Overlay::None,
                    _ => {}
                }
                return Outcome::None;
            }
        }
        let steps = self.steps().len();
        match action {
            Action::LabStep => {
                if self.cursor < steps {
                    self.cursor += 1;
                    self.focus_state = None;
                    self.reveal();
                } else if let Err(e) = &self.run {
                    self.said = Some(Message::new(Level::Error, |lang: Lang| -> String {
                        e.message(lang)
                    }));
                }
            }
            Action::LabBack => {
                self.cursor = self.cursor.saturating_sub(1);
                self.focus_state = None;
                self.reveal();
            }
            Action::LabRun => {
                self.cursor = steps;
                self.focus_state = None;
                if let Err(e) = &self.run {
                    self.said = Some(Message::new(Level::Error, |lang: Lang| -> String {
                        e.message(lang)
                    }));
                }
                self.reveal();
            }
            Action::LabReset => {
                self.cursor = 0;
                self.focus_state = None;
                self.scroll = 0;
            }
            Action::LabPick => {
                let current = samples::all()
                    .iter()
                    .position(|s| Origin::Sample(s.id.clone()) == self.origin)
                    .unwrap_or(0);
                self.overlay = Overlay::Samples { selected: current };
            }
            Action::LabOpen => {
                let prefill = match &self.origin {
                    Origin::File(p) => p.clone(),
                    Origin::Sample(_) => String::new(),
                };
                self.field = Some((Field::Path, prefill));
            }
            Action::LabInput => self.open_editor(),
            Action::LabInputFile => {
                // The last input file, else the open definition's folder.
                let prefill = match (&self.input_file, &self.origin) {
                    (Some(p), _) => p.clone(),
                    (None, Origin::File(p)) => std::path::Path::new(p)
                        .parent()
                        .filter(|d| !d.as_os_str().is_empty())
                        .map(|d| format!("{}/", d.display()))
                        .unwrap_or_default(),
                    (None, Origin::Sample(_)) => String::new(),
                };
                self.field = Some((Field::InputFile, prefill));
            }
            Action::LabCases => {
                if let Some(p) = &self.mock_problem {
                    self.said = Some(p.clone());
                } else if self.cases.is_empty() {
                    self.said = Some(Message::new(Level::Error, |lang: Lang| -> String {
                        tr(
                            lang,
                            "no mock file: Tasks return their input",
                            "sem arquivo de mocks: as Tasks devolvem a entrada",
                        )
                        .into()
                    }));
                } else {
                    self.overlay = Overlay::Cases {
                        selected: self.case,
                    };
                }
            }
            Action::LabFindings => {
                if self.findings().is_empty() {
                    self.said = Some(Message::new(Level::Notice, |lang: Lang| -> String {
                        match &self.checked {
                            Ok(_) => tr(
                                lang,
                                "no findings: the machine is valid",
                                "nenhum problema: a máquina é válida",
                            )
                            .into(),
                            Err(e) => e.message(lang),
                        }
                    }));
                } else {
                    self.overlay = Overlay::Findings { selected: 0 };
                }
            }
            Action::LabValues => {
                self.overlay = Overlay::Values {
                    rows: std::rc::Rc::new(self.value_rows(lang)),
                    scroll: 0,
                };
            }
            Action::LabAddBudget => {
                if self.run.as_ref().is_ok_and(|r| r.limit_reached.is_some()) {
                    // Its count is where the Lab stopped, not what an execution costs.
                    self.said = Some(Message::new(Level::Error, |lang: Lang| -> String {
                        tr(
                            lang,
                            "nothing to price: the Lab stopped this run at its transition limit, so it is not a real execution",
                            "nada a orçar: o Lab parou esta execução no limite de transições, então ela não é uma execução real",
                        ).into()
                    }));
                } else if self.express && self.needs_standard() {
                    self.said = Some(Message::new(Level::Error, |lang: Lang| -> String {
                        tr(
                            lang,
                            "not priced as Express: this machine waits for a job or a task token (.sync, .waitForTaskToken), which Express workflows do not support (x: back to Standard)",
                            "não dá para orçar como Express: esta máquina espera um job ou um token (.sync, .waitForTaskToken), o que fluxos Express não aceitam (x: volta ao Standard)",
                        )
                        .into()
                    }));
                } else if self.run.is_ok() {
                    self.field = Some((Field::PerDay, "1000".into()));
                } else {
                    self.said = Some(Message::new(Level::Error, |lang: Lang| -> String {
                        tr(
                            lang,
                            "nothing to price: the machine does not run",
                            "nada a orçar: a máquina não executa",
                        )
                        .into()
                    }));
                }
            }
            Action::LabExpress => {
                self.express = !self.express;
                let express = self.express;
                // A Task waiting for a job (.sync) or a task token is Standard only:
                // priced as Express it is priced as a workflow AWS would not run.
                if express && self.needs_standard() {
                    self.said = Some(Message::error(|lang| {
                        tr(
                            lang,
                            "priced as Express, but Express workflows do not support .sync or .waitForTaskToken: this machine needs Standard (x: back to Standard)",
                            "preço como Express, mas fluxos Express não aceitam .sync nem .waitForTaskToken: esta máquina precisa do Standard (x: volta ao Standard)",
                        )
                        .into()
                    }));
                    return Outcome::None;
                }
                self.said = Some(Message::notice(|lang| {
                    if express {
                        tr(
                            lang,
                            "priced as Express: one request and the duration × memory in GB-seconds per execution (x: back to Standard)",
                            "preço como Express: uma requisição e a duração × memória em GB-segundos por execução (x: volta ao Standard)",
                        )
                    } else {
                        tr(
                            lang,
                            "priced as Standard: per state transition (x: Express)",
                            "preço como Standard: por transição de estado (x: Express)",
                        )
                    }
                    .into()
                }));
            }
            Action::Scroll(d) => self.scroll_by(i64::from(d)),
            Action::Page(d) | Action::HalfPage(d) => {
                self.scroll_by(i64::from(d) * (self.view_height.max(2) as i64 - 1))
            }
            Action::Top => self.scroll = 0,
            Action::Bottom => self.scroll_by(i64::MAX / 4),
            _ => {}
        }
        Outcome::None
    }

    /// The rows of the values view: each stage of the current step pretty-printed
    /// (the execution input before the first step), then its error or the run's end.
    fn value_rows(&self, lang: Lang) -> Vec<String> {
        let pretty = |v: &Value| serde_json::to_string_pretty(v).unwrap_or_default();
        let mut rows = Vec::new();
        let block = |rows: &mut Vec<String>, head: String, v: &Value| {
            rows.push(head);
            rows.extend(pretty(v).lines().map(|l| format!("  {l}")));
            rows.push(String::new());
        };
        match self.current() {
            None => block(
                &mut rows,
                tr(lang, "execution input", "entrada da execução").into(),
                &self.input,
            ),
            Some(step) => {
                rows.push(format!("{} ({})", step.state, step.kind));
                rows.push(String::new());
                for i in 0..STAGE_NAMES.len() {
                    let name = crate::sfn::explain::stage_label(i, step.jsonata, lang);
                    match step.stages.get(i) {
                        Some(v) => block(&mut rows, format!("{name}:"), v),
                        None => {
                            rows.push(format!("{name}: —"));
                            rows.push(String::new());
                        }
                    }
                }
                if let Some(m) = &step.matched {
                    rows.push(m.message(lang));
                }
                for (n, r) in step.retries.iter().enumerate() {
                    rows.push(r.message(n + 1, lang));
                }
                if let Some(e) = &step.error {
                    rows.push(format!("✗ {}", crate::sfn::explain::error_line(e, lang)));
                }
                if let Some(vars) = step.variables.as_deref() {
                    rows.push(String::new());
                    block(
                        &mut rows,
                        tr(lang, "variables in scope:", "variáveis no escopo:").into(),
                        vars.value(),
                    );
                }
            }
        }
        if self.cursor == self.steps().len()
            && let Ok(run) = &self.run
        {
            let status = crate::sfn::explain::status_word(run.status, lang);
            match (&run.output, &run.error) {
                (Some(o), _) => block(
                    &mut rows,
                    format!("{status} · {}:", tr(lang, "output", "saída")),
                    o,
                ),
                (None, Some(e)) => {
                    rows.push(format!(
                        "{status} · {} {}",
                        tr(lang, "error", "erro"),
                        e.error
                    ));
                    rows.push(format!("  {}: {}", tr(lang, "cause", "causa"), e.cause));
                }
                (None, None) => rows.push(status.to_string()),
            }
        }
        rows
    }

    fn choose(&mut self, i: usize, lang: Lang) {
        match self.overlay {
            Overlay::Samples { .. } => {
                if let Some(s) = samples::all().get(i) {
                    self.open_sample(s, lang);
                }
            }
            Overlay::Cases { .. } => {
                self.case = i;
                self.rerun();
            }
            Overlay::Findings { .. } => {
                if let Some(f) = self.findings().get(i).cloned() {
                    self.focus_state = f.state.clone();
                    // The finding and why AWS refuses it, under the state it jumped to.
                    self.said = Some(Message::new(Level::Notice, |lang: Lang| -> String {
                        format!("{} — {}", f.message(lang), f.rule.explain(lang))
                    }));
                    self.reveal();
                }
            }
            Overlay::None | Overlay::Values { .. } => {}
        }
        self.overlay = Overlay::None;
    }

    fn submit(&mut self, kind: Field, text: &str, lang: Lang) -> Outcome {
        match kind {
            Field::Path => {
                let expanded = super::budget_tab::expand_home(text);
                let path = expanded.as_str();
                if path.is_empty() {
                    self.said = Some(Message::new(Level::Error, |lang: Lang| {
                        tr(lang, "type a file path", "digite o caminho de um arquivo").into()
                    }));
                    return Outcome::None;
                }
                match self.open_file(path, lang) {
                    Ok(()) => self.field = None,
                    Err(e) => self.said = Some(Message::fixed(Level::Error, e)),
                }
            }
            Field::InputFile => {
                let expanded = super::budget_tab::expand_home(text);
                let path = std::path::PathBuf::from(expanded.as_str());
                if expanded.is_empty() {
                    self.said = Some(Message::error(|lang| {
                        tr(lang, "type a file path", "digite o caminho de um arquivo").into()
                    }));
                    return Outcome::None;
                }
                match read_input(&path, lang) {
                    Ok(v) => {
                        self.input = v;
                        self.input_file = Some(expanded.clone());
                        self.field = None;
                        self.rerun();
                        let shown = path.display().to_string();
                        self.said = Some(Message::notice(|lang| {
                            format!(
                                "{} {shown}: {}",
                                tr(lang, "input read from", "entrada lida de"),
                                tr(lang, "the run starts again", "a execução recomeça")
                            )
                        }));
                    }
                    Err(_) => {
                        // The input stays as it was; the field stays open for a fix.
                        self.said = Some(Message::error(|lang| {
                            format!(
                                "{} ({})",
                                read_input(&path, lang).err().unwrap_or_default(),
                                tr(
                                    lang,
                                    "the previous input is kept",
                                    "a entrada anterior foi mantida"
                                )
                            )
                        }));
                    }
                }
            }
            Field::PerDay => match crate::budget::parse_number(text) {
                Ok(n) if n > Decimal::ZERO && n <= Decimal::from(100_000_000) => {
                    self.field = None;
                    if let Some(lines) = self.budget_lines(n, lang) {
                        return Outcome::AddToBudget(lines);
                    }
                }
                _ => {
                    self.said = Some(Message::new(Level::Error, |lang: Lang| -> String {
                        tr(
                            lang,
                            "executions per day: a number above 0 (at most 100,000,000)",
                            "execuções por dia: um número acima de 0 (no máximo 100.000.000)",
                        )
                        .into()
                    }));
                }
            },
        }
        Outcome::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loaded() -> LabTab {
        let mut lab = LabTab::new();
        lab.ensure_loaded(Lang::En);
        lab
    }

    #[test]
    fn stages_after_a_failure_are_not_reached_rather_than_missing() {
        let mut lab = loaded();
        lab.mocks = None;
        lab.load_text(
            r#"{"StartAt": "Add", "States": {"Add": {"Type": "Pass",
                "Parameters": {"n.$": "States.MathAdd($.n, 1)"}, "End": true}}}"#,
        );
        lab.input = serde_json::json!({});
        lab.rerun();
        lab.update(Action::LabStep, Lang::En);
        assert!(lab.current().is_some_and(|s| s.error.is_some()));
        let after = lab.explain(2, Lang::En);
        assert!(after.contains("not reached"), "{after}");
        assert!(lab.explain(6, Lang::PtBr).contains("não alcançada"));
        // A Fail state has only its input: its other stages do not exist.
        lab.load_text(r#"{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E"}}}"#);
        lab.rerun();
        lab.update(Action::LabStep, Lang::En);
        assert!(lab.current().is_some_and(|s| s.error.is_some()));
        assert!(lab.explain(1, Lang::En).contains("no such stage"));
        assert!(lab.explain(6, Lang::En).contains("no such stage"));
        // A Pass state with no error still has no ResultSelector stage.
        lab.load_text(r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#);
        lab.rerun();
        lab.update(Action::LabStep, Lang::En);
        assert!(lab.explain(4, Lang::En).contains("no such stage"));
    }

    #[test]
    fn the_first_sample_waits_for_the_first_visit() {
        let mut lab = LabTab::new();
        assert!(lab.steps().is_empty() && lab.checked.is_err());
        // Any Lab key loads it first.
        lab.update(Action::LabStep, Lang::En);
        assert!(lab.checked.as_ref().is_ok_and(|c| c.is_valid()));
        assert_eq!(lab.cursor, 1);
    }

    #[test]
    fn opens_the_first_sample_and_steps_through_it() {
        let mut lab = loaded();
        assert!(matches!(lab.origin, Origin::Sample(ref id) if id == "stock-forecast"));
        let n = lab.steps().len();
        assert!(n >= 4, "{n} steps");
        lab.update(Action::LabStep, Lang::En);
        lab.update(Action::LabStep, Lang::En);
        assert_eq!(lab.cursor, 2);
        assert_eq!(
            lab.current().map(|s| s.state.as_str()),
            Some("TrainForecastModel")
        );
        lab.update(Action::LabBack, Lang::En);
        assert_eq!(lab.current().map(|s| s.state.as_str()), Some("RunGlueETL"));
        lab.update(Action::LabRun, Lang::En);
        assert_eq!(lab.cursor, n);
        lab.update(Action::LabReset, Lang::En);
        assert_eq!(lab.cursor, 0);
    }

    #[test]
    fn a_bad_input_is_refused_and_the_old_one_kept() {
        let mut lab = loaded();
        let before = lab.input.clone();
        lab.update(Action::LabInput, Lang::En);
        let shown = lab.editor.as_ref().map(|e| e.text.text());
        assert_eq!(
            shown,
            serde_json::to_string_pretty(&before).ok(),
            "the editor opens on the input, pretty-printed"
        );
        lab.update(Action::InputClear, Lang::En);
        for c in "{\"broken\": ".chars() {
            lab.update(Action::InputChar(c), Lang::En);
        }
        lab.update(Action::EditorSave, Lang::En);
        let refused = lab.editor.as_ref().and_then(|e| e.refused.clone());
        assert!(
            matches!(refused, Some(InputRefusal::Json(ref e)) if e.line == 1),
            "{refused:?}"
        );
        assert_eq!(lab.input, before);
        assert_eq!(
            lab.editor.as_ref().map(|e| e.text.text()).as_deref(),
            Some("{\"broken\": ")
        );
        // Esc: the old input, nothing else.
        lab.update(Action::InputCancel, Lang::En);
        assert!(lab.editor.is_none());
        assert_eq!(lab.input, before);
    }

    #[test]
    fn add_to_budget_prices_the_run() {
        let mut lab = loaded();
        lab.update(Action::LabAddBudget, Lang::En);
        lab.update(Action::InputClear, Lang::En);
        for c in "2000".chars() {
            lab.update(Action::InputChar(c), Lang::En);
        }
        let Outcome::AddToBudget(lines) = lab.update(Action::InputSubmit, Lang::En) else {
            panic!("no budget line");
        };
        let line = &lines[0];
        assert_eq!(line.service, "sfn-standard");
        assert_eq!(line.factors[0].value, Decimal::from(2000));
        let transitions = lab.run.as_ref().map(|r| r.transitions).unwrap_or(0);
        assert_eq!(line.factors[1].value, Decimal::from(transitions));
    }

    #[test]
    fn test_cases_change_the_run() {
        let mut lab = loaded();
        assert!(lab.cases.len() >= 2);
        let first = lab.run.as_ref().map(|r| r.status).ok();
        lab.update(Action::LabCases, Lang::En);
        let i = lab
            .cases
            .iter()
            .position(|c| c == "QualityTooLow")
            .unwrap_or(1);
        lab.update(Action::PickNumber(i as u8 + 1), Lang::En);
        assert_eq!(lab.case, i);
        assert_ne!(lab.run.as_ref().map(|r| r.status).ok(), first);
    }
}
