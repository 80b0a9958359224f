//! A local simulation of one Standard-workflow execution in the JSONPath query
//! language: the input/output processing stages, every state type, Retry and Catch,
//! Map and Parallel, mocked Task results and the execution-history events.
//!
//! Semantics follow the AWS Step Functions Developer Guide ("Processing input and
//! output", "Choice", "Map", "Handling errors"). Time is simulated: Wait states and
//! retry delays advance a clock, nothing sleeps.
use std::collections::HashMap;
use std::rc::Rc;

use serde_json::{Map, Value, json};

use super::lex::{EPOCH_SECONDS, format_timestamp, parse_timestamp, short_json as compact};
use super::mock::{Mocks, Outcome};
use super::model::{
    Catcher, ChoiceRule, Condition, ItemBatcher, MapState, PathField, QueryLanguage, State,
    StateKind, StateMachine,
};
use super::trace::{Compared, Entered, Matched, Operand, Retry};
use super::{StateError, intrinsic, jsonata, path, template};
use crate::lang::{Lang, tr};
use crate::rng::Rng;

/// A value the run keeps for stepping back (a stage, an event's input or output):
/// compact JSON text, parsed again the first time it is looked at. A long run keeps
/// tens of thousands of them; as text they take a fraction of a parsed value's memory
/// (a 25,000-transition loop stays under SPEC's 64 MB). Equal values recorded in a
/// row share one text.
#[derive(Debug)]
pub struct Recorded {
    text: Box<str>,
    value: std::cell::OnceCell<Value>,
}

impl Recorded {
    pub fn new(v: &Value) -> Rc<Recorded> {
        Rc::new(Recorded {
            text: v.to_string().into_boxed_str(),
            value: std::cell::OnceCell::new(),
        })
    }

    /// The value (parsed from the text on first use, then kept).
    pub fn value(&self) -> &Value {
        self.value
            .get_or_init(|| serde_json::from_str(&self.text).unwrap_or(Value::Null))
    }

    /// The value as compact JSON text.
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl PartialEq for Recorded {
    fn eq(&self, other: &Recorded) -> bool {
        self.text == other.text
    }
}

/// The stages of one state's processing, named as the TestState API names them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stages {
    pub input: Option<Rc<Recorded>>,
    pub after_input_path: Option<Rc<Recorded>>,
    pub after_parameters: Option<Rc<Recorded>>,
    pub result: Option<Rc<Recorded>>,
    pub after_result_selector: Option<Rc<Recorded>>,
    pub after_result_path: Option<Rc<Recorded>>,
    pub output: Option<Rc<Recorded>>,
}

/// The stage names in order, with the field each is stored in.
pub const STAGE_NAMES: [&str; 7] = [
    "input",
    "afterInputPath",
    "afterParameters",
    "result",
    "afterResultSelector",
    "afterResultPath",
    "output",
];

impl Stages {
    pub fn get(&self, i: usize) -> Option<&Value> {
        self.slot(i).and_then(|v| v.as_deref()).map(Recorded::value)
    }

    /// The shared value of stage `i` (equal consecutive stages share one value).
    pub fn slot(&self, i: usize) -> Option<&Option<Rc<Recorded>>> {
        Some(match i {
            0 => &self.input,
            1 => &self.after_input_path,
            2 => &self.after_parameters,
            3 => &self.result,
            4 => &self.after_result_selector,
            5 => &self.after_result_path,
            6 => &self.output,
            _ => return None,
        })
    }

    fn slot_mut(&mut self, i: usize) -> Option<&mut Option<Rc<Recorded>>> {
        Some(match i {
            0 => &mut self.input,
            1 => &mut self.after_input_path,
            2 => &mut self.after_parameters,
            3 => &mut self.result,
            4 => &mut self.after_result_selector,
            5 => &mut self.after_result_path,
            6 => &mut self.output,
            _ => return None,
        })
    }

    /// Stores stage `i`, sharing the latest earlier stage's value when equal (no copy).
    fn put(&mut self, i: usize, v: &Value) -> Rc<Recorded> {
        let text = v.to_string();
        let earlier = (0..i)
            .rev()
            .find_map(|k| self.slot(k).and_then(|x| x.clone()));
        let rc = match earlier {
            Some(e) if *e.text == *text => e,
            _ => Rc::new(Recorded {
                text: text.into_boxed_str(),
                value: std::cell::OnceCell::new(),
            }),
        };
        if let Some(slot) = self.slot_mut(i) {
            *slot = Some(rc.clone());
        }
        rc
    }
}

/// One state the execution entered.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub state: String,
    pub kind: String,
    /// 0 for the top-level machine, 1+ inside Parallel branches and Map iterations.
    pub depth: usize,
    pub stages: Stages,
    /// Where the execution went next (None: the machine or branch ended here).
    pub next: Option<String>,
    /// The error the state ended with (caught or not).
    pub error: Option<StateError>,
    /// Retries made: the error behind each, its retrier and the simulated delay.
    pub retries: Vec<Retry>,
    /// Which Choice rule matched or which catcher caught.
    pub via: Option<Via>,
    /// A Choice step: the rule that matched with the values it compared, or the
    /// Default.
    pub matched: Option<Matched>,
    /// The first state of a Map iteration or a Parallel branch: where its input came
    /// from.
    pub entered: Option<Entered>,
    /// Seconds a Wait state would wait.
    pub wait_seconds: Option<f64>,
    /// The variables the state assigned (`Assign`), name → value.
    pub assigned: Option<Rc<Value>>,
    /// The workflow variables in scope when the state was entered (what its
    /// expressions and paths read), name → value; None when there are none.
    pub variables: Option<Rc<Recorded>>,
    /// Whether the state ran in JSONata (its stages are then input, arguments
    /// (afterParameters), result and output).
    pub jsonata: bool,
}

/// How a state chose where to go: a Choice rule, the Choice's Default, or a catcher
/// of the state's error. Words are given when drawn (`message`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// The 1-based Choice rule that matched.
    Rule(usize),
    Default,
    /// The `ErrorEquals` of the catcher that caught the error (`States.ALL`, or
    /// `States.TaskFailed, Boom`): the error itself is told beside it.
    Catch(String),
}

impl Via {
    /// `rule 2` / `regra 2`, `the Default` / `o Default`, `Catch of States.TaskFailed`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Via::Rule(n), Lang::En) => format!("rule {n}"),
            (Via::Rule(n), Lang::PtBr) => format!("regra {n}"),
            (Via::Default, Lang::En) => "the Default".into(),
            (Via::Default, Lang::PtBr) => "o Default".into(),
            (Via::Catch(e), Lang::En) => format!("Catch of {e}"),
            (Via::Catch(e), Lang::PtBr) => format!("Catch de {e}"),
        }
    }

    /// As the end of a sentence: `via rule 2` / `pela regra 2`, `pelo Default`,
    /// `caught by the Catch of …` / `capturado pelo Catch de …`.
    pub fn phrase(&self, lang: Lang) -> String {
        match (self, lang) {
            (Via::Rule(n), Lang::En) => format!("via rule {n}"),
            (Via::Rule(n), Lang::PtBr) => format!("pela regra {n}"),
            (Via::Default, Lang::En) => "via the Default".into(),
            (Via::Default, Lang::PtBr) => "pelo Default".into(),
            (Via::Catch(e), Lang::En) => format!("caught by the Catch of {e}"),
            (Via::Catch(e), Lang::PtBr) => format!("capturado pelo Catch de {e}"),
        }
    }
}

/// An execution-history event (AWS's type names).
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub kind: String,
    pub state: Option<String>,
    pub input: Option<Rc<Recorded>>,
    pub output: Option<Rc<Recorded>>,
    pub error: Option<StateError>,
}

/// The same object as [`Event::to_json`], written without copying the values (a
/// long run's history is serialized straight to the output).
impl serde::Serialize for Event {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = ser.serialize_map(None)?;
        m.serialize_entry("type", &self.kind)?;
        if let Some(s) = &self.state {
            m.serialize_entry("state", s)?;
        }
        // Parsed one event at a time (and not kept), so the output looks the same.
        let parse = |r: &Recorded| {
            r.value
                .get()
                .cloned()
                .unwrap_or_else(|| serde_json::from_str(&r.text).unwrap_or(Value::Null))
        };
        if let Some(i) = &self.input {
            m.serialize_entry("input", &parse(i))?;
        }
        if let Some(o) = &self.output {
            m.serialize_entry("output", &parse(o))?;
        }
        if let Some(e) = &self.error {
            m.serialize_entry("error", &e.error)?;
            m.serialize_entry("cause", &e.cause)?;
        }
        m.end()
    }
}

impl Event {
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("type".into(), Value::String(self.kind.clone()));
        if let Some(s) = &self.state {
            m.insert("state".into(), Value::String(s.clone()));
        }
        if let Some(i) = &self.input {
            m.insert("input".into(), i.value().clone());
        }
        if let Some(o) = &self.output {
            m.insert("output".into(), o.value().clone());
        }
        if let Some(e) = &self.error {
            m.insert("error".into(), Value::String(e.error.clone()));
            m.insert("cause".into(), Value::String(e.cause.clone()));
        }
        Value::Object(m)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Succeeded,
    Failed,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Succeeded => "SUCCEEDED",
            Status::Failed => "FAILED",
        }
    }
}

/// What an Express workflow bills a run for, as measured on the simulation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExpressMeasure {
    /// Simulated seconds (Wait states and retry delays).
    pub seconds: f64,
    /// The largest state input or output, in bytes.
    pub data_bytes: u64,
    /// Map and Parallel steps run.
    pub fan_out_steps: u64,
}

impl Execution {
    pub fn express_measure(&self) -> ExpressMeasure {
        ExpressMeasure {
            seconds: self.elapsed_seconds,
            data_bytes: self
                .steps
                .iter()
                .flat_map(|s| [s.stages.input.as_ref(), s.stages.output.as_ref()])
                .flatten()
                .map(|r| r.text().len() as u64)
                .max()
                .unwrap_or(0),
            fan_out_steps: self
                .steps
                .iter()
                .filter(|s| matches!(s.kind.as_str(), "Map" | "Parallel"))
                .count() as u64,
        }
    }
}

/// A finished simulation.
#[derive(Debug, Clone, PartialEq)]
pub struct Execution {
    pub status: Status,
    pub output: Option<Value>,
    pub error: Option<StateError>,
    /// States entered plus retry attempts: what a Standard workflow bills.
    pub transitions: u64,
    pub steps: Vec<Step>,
    pub events: Vec<Event>,
    /// Simulated seconds the execution took (Wait states and retry delays).
    pub elapsed_seconds: f64,
    /// Set by [`run_keeping_steps`] when the transition limit stopped the run: the
    /// steps are those taken until then (the Lab lets a learner step through an
    /// endless loop's first rounds).
    pub limit_reached: Option<u64>,
}

/// Why a simulation could not run to a verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Abort {
    /// `--max-transitions` reached (an endless loop, most likely).
    Limit(u64),
    /// The machine uses JSONata, which the simulator does not execute.
    Jsonata,
    /// The mock file has no answer for an invocation (a bad mock file, not a state
    /// error): which state and why.
    Mock(String),
    /// The recorded stages (every state's data, kept for stepping back) passed this
    /// many bytes: a long loop over large data.
    Recording(usize),
    /// An execution input AWS would refuse to start with (over the 256 KiB quota),
    /// with the reason.
    Input(StateError),
}

impl Abort {
    /// The reason in words, the same for `sfn run` (which puts the file or mock file
    /// it is about in front, and its flag hints after) and the Lab.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Abort::Limit(n) => format!(
                "{} {n} {}",
                tr(lang, "stopped after", "parado após"),
                tr(
                    lang,
                    "state transitions, the limit; is there an endless loop?",
                    "transições de estado, o limite; há um laço sem fim?"
                )
            ),
            Abort::Jsonata => tr(
                lang,
                "running JSONata is not supported yet",
                "ainda não há execução de JSONata",
            )
            .to_string(),
            Abort::Mock(m) => m.clone(),
            Abort::Recording(n) => format!(
                "{} {} MiB",
                tr(
                    lang,
                    "the simulation stopped: the data it keeps for stepping passed",
                    "a simulação parou: os dados guardados para o passo a passo passaram de"
                ),
                n / (1024 * 1024)
            ),
            Abort::Input(e) => format!(
                "{}: {}",
                tr(lang, "the execution input", "a entrada da execução"),
                input_refusal(e, lang)
            ),
        }
    }
}

/// Why AWS refuses an execution input ([`input_problem`]), in words.
pub fn input_refusal(e: &StateError, lang: Lang) -> String {
    if e.error == "States.DataLimitExceeded" {
        format!(
            "{} {} {}",
            tr(lang, "larger than", "maior que"),
            crate::numfmt::count(MAX_PAYLOAD_BYTES as u64, lang),
            tr(
                lang,
                "bytes (256 KiB): AWS refuses to start an execution with such an input",
                "bytes (256 KiB): a AWS se recusa a iniciar uma execução com essa entrada"
            )
        )
    } else {
        e.cause.clone()
    }
}

/// How much stage data one simulation may keep for stepping through it.
pub const MAX_RECORDED_BYTES: usize = 256 * 1024 * 1024;
/// What a step costs beyond its data: the step, its stage slots, its two or three
/// history events and their names. Measured: a 1,000,000-transition Pass/Choice loop
/// over a small counter took about 960 MB before this was counted.
const STEP_OVERHEAD_BYTES: usize = 1024;

pub struct Options<'a> {
    pub mocks: Option<&'a Mocks>,
    pub test_case: Option<&'a str>,
    pub max_transitions: u64,
    pub seed: u64,
    /// Name of the state machine (for the context object and mock lookup).
    pub machine_name: &'a str,
}

const MAX_DEPTH: usize = 32;

struct Sim<'a> {
    opts: &'a Options<'a>,
    case: Option<&'a HashMap<String, String>>,
    transitions: u64,
    /// Bytes of stage data kept so far (see `record`).
    recorded: usize,
    invocations: HashMap<String, usize>,
    steps: Vec<Step>,
    events: Vec<Event>,
    rng: Rng,
    clock: f64,
    context: Value,
    /// Workflow variables: one scope per machine, Parallel branch and Map iteration.
    scopes: Vec<HashMap<String, Rc<Value>>>,
    /// Bytes of all variables assigned so far (AWS: 10 MiB per execution).
    variable_bytes: usize,
    /// The query language of the machine being run (a state may override it).
    ql: QueryLanguage,
    jsonata: jsonata::Engine,
    /// The event id (1-based) of the current state's `…StateEntered` event.
    entered_event: usize,
    /// The variables in scope as recorded for the steps, shared until they change.
    visible: Option<Option<Rc<Recorded>>>,
    /// How the next state entered got its input, when it starts a Map iteration or a
    /// Parallel branch (taken by that state's step).
    entering: Option<Entered>,
}

enum Flow {
    /// Go to this state with this input (and its recorded copy).
    Next(String, Rc<Value>, Rc<Recorded>),
    /// The machine (or branch) ends with this output.
    End(Rc<Value>),
}

type Res<T> = Result<T, Halt>;

/// An error travelling up: a state error (catchable) or an abort.
enum Halt {
    Error(StateError),
    Abort(Abort),
}

impl From<StateError> for Halt {
    fn from(e: StateError) -> Halt {
        Halt::Error(e)
    }
}

/// Runs one execution of `def` with `input`.
pub fn run(def: &Value, input: Value, opts: &Options) -> Result<Execution, Abort> {
    run_with(&StateMachine::read(def), input, opts, false)
}

/// [`run`], except that a run stopped by the transition limit comes back with the
/// steps taken so far, `limit_reached` set and a `Lab.TransitionLimit` error, instead
/// of [`Abort::Limit`].
pub fn run_keeping_steps(def: &Value, input: Value, opts: &Options) -> Result<Execution, Abort> {
    run_with(&StateMachine::read(def), input, opts, true)
}

/// [`run_keeping_steps`] on a machine already read (the Lab reads it once).
pub fn run_model_keeping_steps(
    m: &StateMachine,
    input: Value,
    opts: &Options,
) -> Result<Execution, Abort> {
    run_with(m, input, opts, true)
}

fn run_with(
    def: &StateMachine,
    input: Value,
    opts: &Options,
    keep: bool,
) -> Result<Execution, Abort> {
    let named = match (opts.mocks, opts.test_case) {
        (Some(m), tc) => m.named_case(opts.machine_name, tc),
        _ => None,
    };
    let case = named.map(|(_, c)| c);
    // A test case that mocks a state the machine does not have is a mistake (a typo
    // would otherwise leave that Task unmocked, and the run would quietly differ).
    if let Some((case_name, case)) = named {
        let names = def.all_names();
        let mut unknown: Vec<&str> = case
            .keys()
            .map(String::as_str)
            .filter(|s| !names.contains(s))
            .collect();
        if !unknown.is_empty() {
            unknown.sort_unstable();
            return Err(Abort::Mock(format!(
                "test case {case_name:?} mocks {} that the machine does not have: {}",
                if unknown.len() == 1 {
                    "a state"
                } else {
                    "states"
                },
                unknown
                    .iter()
                    .map(|s| format!("{s:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
    }
    let mut sim = Sim {
        opts,
        case,
        transitions: 0,
        recorded: 0,
        invocations: HashMap::new(),
        steps: Vec::new(),
        events: Vec::new(),
        rng: Rng::new(opts.seed),
        clock: 0.0,
        scopes: vec![HashMap::new()],
        variable_bytes: 0,
        ql: def.query_language.unwrap_or(QueryLanguage::JsonPath),
        jsonata: jsonata::Engine::default(),
        entered_event: 0,
        visible: None,
        entering: None,
        context: json!({
            "Execution": {
                "Id": format!("arn:aws:states:us-east-1:123456789012:execution:{}:lab", opts.machine_name),
                "Input": input.clone(),
                "Name": "lab",
                "RoleArn": "arn:aws:iam::123456789012:role/lab-state-machine-role",
                "StartTime": format_timestamp(0.0),
                "RedriveCount": 0
            },
            "StateMachine": {
                "Id": format!("arn:aws:states:us-east-1:123456789012:stateMachine:{}", opts.machine_name),
                "Name": opts.machine_name
            },
            "State": {},
        }),
    };
    sim.event(
        "ExecutionStarted",
        None,
        Some(Recorded::new(&input)),
        None,
        None,
    );
    // StartExecution refuses such an input: no execution starts, so none fails.
    if let Err(e) = payload_check(&input, "the execution input") {
        return Err(Abort::Input(e));
    }
    let out = sim.machine(def, input, 0);
    match out {
        Ok(v) => Ok(sim.finish(Ok(v))),
        Err(Halt::Error(e)) => Ok(sim.finish(Err(e))),
        Err(Halt::Abort(Abort::Limit(n))) if keep => {
            let stop = StateError::new(
                "Lab.TransitionLimit",
                format!("the Lab stopped the run after {n} transitions (an endless loop?)"),
            );
            let mut e = sim.finish(Err(stop));
            e.limit_reached = Some(n);
            Ok(e)
        }
        Err(Halt::Abort(a)) => Err(a),
    }
}

impl<'a> Sim<'a> {
    fn event(
        &mut self,
        kind: &str,
        state: Option<&str>,
        input: Option<Rc<Recorded>>,
        output: Option<Rc<Recorded>>,
        error: Option<StateError>,
    ) {
        self.events.push(Event {
            kind: kind.to_string(),
            state: state.map(str::to_string),
            input,
            output,
            error,
        });
    }

    fn finish(mut self, out: Result<Value, StateError>) -> Execution {
        let (status, output, error) = match out {
            Ok(v) => {
                self.event(
                    "ExecutionSucceeded",
                    None,
                    None,
                    Some(Recorded::new(&v)),
                    None,
                );
                (Status::Succeeded, Some(v), None)
            }
            Err(e) => {
                self.event("ExecutionFailed", None, None, None, Some(e.clone()));
                (Status::Failed, None, Some(e))
            }
        };
        Execution {
            status,
            output,
            error,
            transitions: self.transitions,
            steps: self.steps,
            events: self.events,
            elapsed_seconds: self.clock,
            limit_reached: None,
        }
    }

    /// Counts the data a step keeps (its output and the stages around it, about six
    /// copies, plus the step and its events themselves) against [`MAX_RECORDED_BYTES`].
    fn record(&mut self, output_bytes: usize) -> Res<()> {
        self.recorded = self
            .recorded
            .saturating_add(output_bytes.saturating_mul(6))
            .saturating_add(STEP_OVERHEAD_BYTES);
        if self.recorded > MAX_RECORDED_BYTES {
            return Err(Halt::Abort(Abort::Recording(MAX_RECORDED_BYTES)));
        }
        Ok(())
    }

    fn count_transition(&mut self) -> Res<()> {
        if self.transitions >= self.opts.max_transitions {
            return Err(Halt::Abort(Abort::Limit(self.opts.max_transitions)));
        }
        self.transitions += 1;
        Ok(())
    }

    fn machine(&mut self, m: &StateMachine, input: Value, depth: usize) -> Res<Value> {
        if depth > MAX_DEPTH {
            return Err(StateError::runtime("Parallel/Map nesting is too deep to simulate").into());
        }
        if !m.has_states {
            return Err(StateError::runtime("the machine has no States object").into());
        }
        let name = m
            .start_at
            .clone()
            .ok_or_else(|| StateError::runtime("the machine has no StartAt"))?;
        let saved_ql = self.ql;
        if let Some(q) = m.query_language {
            self.ql = q;
        }
        let out = self.machine_states(m, name, Rc::new(input), depth);
        self.ql = saved_ql;
        out
    }

    fn machine_states(
        &mut self,
        m: &StateMachine,
        mut name: String,
        mut input: Rc<Value>,
        depth: usize,
    ) -> Res<Value> {
        let mut recorded: Option<Rc<Recorded>> = None;
        loop {
            let state = m
                .state(&name)
                .ok_or_else(|| StateError::runtime(format!("no state named {name:?}")))?;
            self.count_transition()?;
            match self.state(state, input, recorded.take(), depth)? {
                Flow::Next(n, v, r) => {
                    self.record(payload_check(&v, &name)?)?;
                    name = n;
                    input = v;
                    recorded = Some(r);
                }
                Flow::End(v) => {
                    self.record(payload_check(&v, &name)?)?;
                    return Ok(Rc::try_unwrap(v).unwrap_or_else(|rc| (*rc).clone()));
                }
            }
        }
    }

    fn set_state_context(&mut self, name: &str, retry: usize) {
        if let Some(obj) = self.context.as_object_mut() {
            obj.insert(
                "State".into(),
                json!({"Name": name, "EnteredTime": format_timestamp(self.clock), "RetryCount": retry}),
            );
        }
    }

    fn state(
        &mut self,
        s: &State,
        input: Rc<Value>,
        recorded: Option<Rc<Recorded>>,
        depth: usize,
    ) -> Res<Flow> {
        let name = s.name.as_str();
        let kind = s.type_name.clone();
        self.set_state_context(name, 0);
        let input_rec = recorded.unwrap_or_else(|| Recorded::new(&input));
        self.event(
            &format!("{kind}StateEntered"),
            Some(name),
            Some(input_rec.clone()),
            None,
            None,
        );
        self.entered_event = self.events.len();
        let ata = s.query_language.unwrap_or(self.ql) == QueryLanguage::Jsonata;
        let step_index = self.steps.len();
        let variables = self.visible_variables();
        self.steps.push(Step {
            state: name.to_string(),
            kind: kind.clone(),
            depth,
            stages: Stages {
                input: Some(input_rec),
                ..Stages::default()
            },
            next: None,
            error: None,
            retries: Vec::new(),
            via: None,
            matched: None,
            entered: self.entering.take(),
            wait_seconds: None,
            assigned: None,
            variables,
            jsonata: ata,
        });
        let next = s.next.clone();
        let outcome = if ata {
            self.process_ata(s, &input, step_index, depth)
        } else {
            self.process(s, &input, step_index, depth)
        };
        let flow = match outcome {
            Ok((output, chosen)) => {
                let target = chosen.or(next);
                let out = self.put_stage(step_index, 6, &output);
                if let Some(step) = self.steps.get_mut(step_index) {
                    step.next = target.clone();
                }
                self.event(
                    &format!("{kind}StateExited"),
                    Some(name),
                    None,
                    Some(out.clone()),
                    None,
                );
                match target {
                    Some(t) => Flow::Next(t, Rc::new(output), out),
                    None => Flow::End(Rc::new(output)),
                }
            }
            Err(Halt::Abort(a)) => return Err(Halt::Abort(a)),
            Err(Halt::Error(e)) => {
                if let Some(step) = self.steps.get_mut(step_index) {
                    step.error = Some(e.clone());
                }
                let caught = if ata {
                    self.catch_ata(s, &e, &input, step_index)?
                } else {
                    self.catch(s, &e, &input, step_index)?
                };
                match caught {
                    Some((target, output, label)) => {
                        let out = self.put_stage(step_index, 6, &output);
                        if let Some(step) = self.steps.get_mut(step_index) {
                            step.next = Some(target.clone());
                            step.via = Some(label);
                        }
                        self.event(
                            &format!("{kind}StateExited"),
                            Some(name),
                            None,
                            Some(out.clone()),
                            None,
                        );
                        Flow::Next(target, Rc::new(output), out)
                    }
                    None => return Err(Halt::Error(e)),
                }
            }
        };
        Ok(flow)
    }

    /// Records stage `i` of a step (sharing an equal earlier stage) and returns it.
    fn put_stage(&mut self, si: usize, i: usize, v: &Value) -> Rc<Recorded> {
        match self.steps.get_mut(si) {
            Some(step) => step.stages.put(i, v),
            None => Recorded::new(v),
        }
    }

    /// InputPath: `null` gives `{}`, otherwise the path's value.
    fn input_path(&self, s: &State, input: &Value) -> Result<Value, StateError> {
        match &s.input_path {
            None => Ok(input.clone()),
            Some(PathField::Null) => Ok(json!({})),
            Some(PathField::Path(p)) => self.select(input, p, "InputPath"),
            Some(PathField::Other(_)) => {
                Err(StateError::runtime("InputPath must be a string or null"))
            }
        }
    }

    fn output_path(&self, s: &State, v: Value) -> Result<Value, StateError> {
        match &s.output_path {
            None => Ok(v),
            Some(PathField::Null) => Ok(json!({})),
            Some(PathField::Path(p)) => self.select(&v, p, "OutputPath"),
            Some(PathField::Other(_)) => {
                Err(StateError::runtime("OutputPath must be a string or null"))
            }
        }
    }

    /// ResultPath: `$` (default) replaces, `null` keeps the input, a path inserts.
    fn result_path(
        &self,
        rp: Option<&PathField>,
        input: &Value,
        result: Value,
    ) -> Result<Value, StateError> {
        match rp {
            None => Ok(result),
            Some(PathField::Null) => Ok(input.clone()),
            Some(PathField::Path(p)) => path::set(input, p, result),
            Some(PathField::Other(_)) => {
                Err(StateError::runtime("ResultPath must be a string or null"))
            }
        }
    }

    /// A path on the input, or on the context object for `$$…`.
    fn roots(&self) -> path::Roots<'_> {
        path::Roots {
            context: &self.context,
            vars: &self.scopes,
        }
    }

    fn select(&self, input: &Value, p: &str, field: &str) -> Result<Value, StateError> {
        let (root, p2, _) = path::resolve(p, input, self.roots())?;
        path::query(root, &p2).map_err(|e| match e {
            path::PathError::NoMatch => StateError::runtime(format!(
                "An error occurred while executing the state. Invalid path '{p}' : The JSONPath '{p}' specified for the field '{field}' could not be found in the input '{}'",
                compact(input)
            )),
            other => StateError::runtime(format!("Invalid path '{p}' in {field}: {other}")),
        })
    }

    fn render(&mut self, t: &Value, input: &Value) -> Result<Value, StateError> {
        // Disjoint fields: no copy of the context object (it holds the execution input).
        let roots = path::Roots {
            context: &self.context,
            vars: &self.scopes,
        };
        template::render_with(t, input, roots, &mut self.rng)
    }

    /// Runs the state's stages. Returns the output and, for Choice, the chosen next.
    fn process(
        &mut self,
        s: &State,
        input: &Value,
        si: usize,
        depth: usize,
    ) -> Res<(Value, Option<String>)> {
        match &s.kind {
            StateKind::Fail {
                error,
                error_path,
                cause,
                cause_path,
            } => {
                let error = match (error, error_path) {
                    (Some(e), _) => e.clone(),
                    (None, Some(p)) => self.string_of(input, p, "ErrorPath")?,
                    _ => "States.Fail".to_string(),
                };
                let cause = match (cause, cause_path) {
                    (Some(c), _) => c.clone(),
                    (None, Some(p)) => self.string_of(input, p, "CausePath")?,
                    _ => String::new(),
                };
                let e = StateError::new(error, cause);
                if let Some(step) = self.steps.get_mut(si) {
                    step.error = Some(e.clone());
                }
                // A Fail state cannot be caught: it ends the execution.
                Err(Halt::Error(e))
            }
            StateKind::Succeed => {
                let a = self.input_path(s, input)?;
                self.put_stage(si, 1, &a);
                let out = self.output_path(s, a)?;
                Ok((out, None))
            }
            StateKind::Choice { choices, default } => {
                let a = self.input_path(s, input)?;
                self.put_stage(si, 1, &a);
                let (target, label, matched) = self.choose(choices, default.as_deref(), &a)?;
                if let Some(step) = self.steps.get_mut(si) {
                    step.via = Some(label);
                    step.matched = Some(matched);
                }
                let vars = self.assign_path(s, &a)?;
                let out = self.output_path(s, a)?;
                self.commit(si, vars)?;
                Ok((out, Some(target)))
            }
            StateKind::Wait { .. } => {
                let a = self.input_path(s, input)?;
                self.put_stage(si, 1, &a);
                let secs = self.wait_seconds(&s.kind, &a)?;
                self.clock += secs;
                if let Some(step) = self.steps.get_mut(si) {
                    step.wait_seconds = Some(secs);
                }
                let vars = self.assign_path(s, &a)?;
                let out = self.output_path(s, a)?;
                self.commit(si, vars)?;
                Ok((out, None))
            }
            StateKind::Pass { result } => {
                let a = self.input_path(s, input)?;
                self.put_stage(si, 1, &a);
                let p = match &s.parameters {
                    Some(t) => self.render(t, &a)?,
                    None => a,
                };
                self.put_stage(si, 2, &p);
                let result = result.clone().unwrap_or(p);
                self.put_stage(si, 3, &result);
                let vars = self.assign_path(s, &result)?;
                let r = self.result_path(s.result_path.as_ref(), input, result)?;
                self.put_stage(si, 5, &r);
                let out = self.output_path(s, r)?;
                self.commit(si, vars)?;
                Ok((out, None))
            }
            StateKind::Task { .. } | StateKind::Parallel { .. } | StateKind::Map(_) => {
                let a = self.input_path(s, input)?;
                self.put_stage(si, 1, &a);
                self.check_runtime_paths(s, &a)?;
                let result = self.with_retry(s, &a, si, depth)?;
                self.put_stage(si, 3, &result);
                let sel = match &s.result_selector {
                    Some(t) => self.render(t, &result)?,
                    None => result,
                };
                self.put_stage(si, 4, &sel);
                let vars = self.assign_path(s, &sel)?;
                let r = self.result_path(s.result_path.as_ref(), input, sel)?;
                self.put_stage(si, 5, &r);
                let out = self.output_path(s, r)?;
                self.commit(si, vars)?;
                Ok((out, None))
            }
            StateKind::Other => {
                Err(StateError::runtime(format!("unknown state type {:?}", s.type_name)).into())
            }
        }
    }

    /// `$$.Map.Item`: the index and value of the item being processed.
    fn set_map_item(&mut self, index: usize, item: &Value) {
        if let Some(obj) = self.context.as_object_mut() {
            obj.insert(
                "Map".into(),
                json!({"Item": {"Index": index, "Value": item.clone()}}),
            );
        }
    }

    fn set_task_token(&mut self, name: &str) {
        let n = self.invocations.get(name).copied().unwrap_or(0);
        if let Some(obj) = self.context.as_object_mut() {
            obj.insert(
                "Task".into(),
                json!({"Token": format!("lab-task-token-{name}-{n}")}),
            );
        }
    }

    fn string_of(&self, input: &Value, p: &str, field: &str) -> Res<String> {
        let v = if intrinsic::looks_intrinsic(p) {
            let mut rng = Rng::new(self.opts.seed);
            intrinsic::eval_with(p, input, self.roots(), &mut rng)?
        } else {
            self.select(input, p, field)?
        };
        // AWS: the path (or function) must give a string.
        match v {
            Value::String(s) => Ok(s),
            other => Err(StateError::runtime(format!(
                "{field} '{p}' must select a string, found {}",
                compact(&other)
            ))
            .into()),
        }
    }

    fn wait_seconds(&self, kind: &StateKind, input: &Value) -> Res<f64> {
        let StateKind::Wait {
            seconds,
            seconds_path,
            timestamp,
            timestamp_path,
            ..
        } = kind
        else {
            return Ok(0.0);
        };
        if let Some(n) = *seconds {
            return Ok(n);
        }
        if let Some(p) = seconds_path {
            let v = self.select(input, p, "SecondsPath")?;
            return match v.as_u64() {
                Some(n) => Ok(n as f64),
                None => Err(StateError::runtime(format!(
                    "SecondsPath '{p}' must point to a non-negative integer, found {}",
                    compact(&v)
                ))
                .into()),
            };
        }
        let ts = match (timestamp, timestamp_path) {
            (Some(t), _) => t.clone(),
            (None, Some(p)) => match self.select(input, p, "TimestampPath")? {
                Value::String(t) => t,
                other => {
                    return Err(StateError::runtime(format!(
                        "TimestampPath '{p}' must point to a timestamp string, found {}",
                        compact(&other)
                    ))
                    .into());
                }
            },
            _ => return Ok(0.0),
        };
        let target = parse_timestamp(&ts)
            .ok_or_else(|| StateError::runtime(format!("'{ts}' is not an RFC 3339 timestamp")))?;
        let now = EPOCH_SECONDS as f64 + self.clock;
        Ok((target - now).max(0.0))
    }

    fn choose(
        &self,
        rules: &[ChoiceRule],
        default: Option<&str>,
        input: &Value,
    ) -> Res<(String, Via, Matched)> {
        for (i, r) in rules.iter().enumerate() {
            if self.rule(&r.condition, input)? {
                let next = r.next.clone().unwrap_or_default();
                // Evaluated again, keeping the values, only for the rule that matched.
                let compared = self.compared(&r.condition, input).1;
                return Ok((next, Via::Rule(i + 1), Matched::Rule(i + 1, compared)));
            }
        }
        match default {
            Some(d) => Ok((
                d.to_string(),
                Via::Default,
                Matched::Default { rules: rules.len() },
            )),
            None => Err(StateError::new(
                "States.NoChoiceMatched",
                format!(
                    "No Choice rule matched and there is no Default; input: {}",
                    compact(input)
                ),
            )
            .into()),
        }
    }

    /// A rule as [`Self::rule`] evaluates it, with the values it compared (what the
    /// Lab shows of the rule that matched); whether it holds. A path that matches
    /// nothing is shown as such rather than failing: the rule already held.
    fn compared(&self, r: &Condition, input: &Value) -> (bool, Compared) {
        match r {
            Condition::And(rs) => {
                let parts: Vec<(bool, Compared)> =
                    rs.iter().map(|x| self.compared(x, input)).collect();
                let ok = parts.iter().all(|(b, _)| *b);
                (ok, Compared::And(parts.into_iter().map(|p| p.1).collect()))
            }
            Condition::Or(rs) => {
                let parts: Vec<(bool, Compared)> =
                    rs.iter().map(|x| self.compared(x, input)).collect();
                let ok = parts.iter().any(|(b, _)| *b);
                let held = parts.into_iter().filter(|p| p.0).map(|p| p.1).collect();
                (ok, Compared::Or(held))
            }
            Condition::Not(x) => {
                let (b, c) = self.compared(x, input);
                (!b, Compared::Not(Box::new(c)))
            }
            Condition::Compare {
                variable,
                op,
                operand,
            } => {
                let value = self.select(input, variable, "Variable").ok();
                let operand = if op.ends_with("Path") && op != "IsPresent" {
                    let p = operand.as_str().unwrap_or("$");
                    Operand::Path(p.to_string(), self.select(input, p, op).ok())
                } else {
                    Operand::Literal(operand.clone())
                };
                let against = match &operand {
                    Operand::Literal(v) => Some(v.clone()),
                    Operand::Path(_, v) => v.clone(),
                };
                let ok = against.is_some_and(|o| compare(op, value.as_ref(), &o));
                (
                    ok,
                    Compared::Test {
                        variable: variable.clone(),
                        value,
                        op: op.clone(),
                        operand,
                    },
                )
            }
            _ => (false, Compared::And(Vec::new())),
        }
    }

    fn rule(&self, r: &Condition, input: &Value) -> Res<bool> {
        let (var, op, operand) = match r {
            Condition::TooDeep => {
                return Err(StateError::runtime("Choice rule nesting too deep").into());
            }
            Condition::And(rs) => {
                for x in rs {
                    if !self.rule(x, input)? {
                        return Ok(false);
                    }
                }
                return Ok(true);
            }
            Condition::Or(rs) => {
                for x in rs {
                    if self.rule(x, input)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
            Condition::Not(x) => return Ok(!self.rule(x, input)?),
            Condition::NotObject => {
                return Err(StateError::runtime("a Choice rule is not an object").into());
            }
            Condition::NoComparison => {
                return Err(StateError::runtime("a Choice rule has no comparison").into());
            }
            Condition::Jsonata(_) => {
                return Err(StateError::runtime(
                    "a Condition (JSONata) in a JSONPath Choice state",
                )
                .into());
            }
            Condition::Compare {
                variable,
                op,
                operand,
            } => (variable.as_str(), op.as_str(), operand),
        };
        let value = match self.select(input, var, "Variable") {
            Ok(v) => Some(v),
            Err(e) => {
                if op == "IsPresent" {
                    None
                } else {
                    return Err(e.into());
                }
            }
        };
        let operand = if op.ends_with("Path") && op != "IsPresent" {
            let p = operand.as_str().unwrap_or("$");
            self.select(input, p, op)?
        } else {
            operand.clone()
        };
        Ok(compare(op, value.as_ref(), &operand))
    }

    /// Runs a Task, Parallel or Map with its retriers. `input` is the state's input
    /// after InputPath; each attempt applies Parameters again, as AWS re-runs the whole
    /// state (so `$$.State.RetryCount` is 0, 1, 2… in the payload).
    fn with_retry(&mut self, s: &State, input: &Value, si: usize, depth: usize) -> Res<Value> {
        let name = s.name.as_str();
        let kind = s.type_name.as_str();
        let retriers = &s.retry;
        let mut counts = vec![0u64; retriers.len()];
        let mut attempt = 0usize;
        loop {
            self.set_state_context(name, attempt);
            let ata = self.is_ata(s);
            if kind == "Task" {
                self.set_task_token(name);
            }
            let p = match (kind, &s.parameters, &s.arguments) {
                ("Map", _, _) => input.clone(),
                (_, _, Some(t)) if ata => {
                    let states = self.states_var(input, None, None);
                    self.ata_value(name, "Arguments", t, &states)?
                }
                (_, Some(t), _) if !ata => self.render(t, input)?,
                _ => input.clone(),
            };
            if kind != "Map" {
                self.put_stage(si, 2, &p);
            }
            let entered = self.context.get("State").cloned();
            let res = match &s.kind {
                StateKind::Task { resource } => self.task(name, resource, &p),
                StateKind::Parallel { branches } => self.parallel(name, branches, &p, depth),
                StateKind::Map(m) => self.map(s, m, &p, depth),
                _ => Err(StateError::runtime(format!("unknown state type {kind:?}")).into()),
            };
            // The states of branches and iterations replaced `$$.State`; ResultSelector
            // and the catchers of this state see its own again.
            if let (Some(st), Some(obj)) = (entered, self.context.as_object_mut()) {
                obj.insert("State".into(), st);
            }
            let e = match res {
                Ok(v) => return Ok(v),
                Err(Halt::Abort(a)) => return Err(Halt::Abort(a)),
                Err(Halt::Error(e)) => e,
            };
            // AWS never retries States.Runtime, even when a retrier names it.
            let Some(ri) = retriers
                .iter()
                .position(|r| error_matches(&r.error_equals, &e.error))
                .filter(|_| !is_terminal_error(&e.error))
            else {
                return Err(Halt::Error(e));
            };
            let r = &retriers[ri];
            if counts[ri] >= r.max_attempts {
                return Err(Halt::Error(e));
            }
            let mut delay = r.interval_seconds * r.backoff_rate.powi(counts[ri].min(1000) as i32);
            if let Some(cap) = r.max_delay_seconds {
                delay = delay.min(cap);
            }
            if r.full_jitter {
                let frac = (self.rng.next_u64() % 1_000_001) as f64 / 1_000_000.0;
                delay *= frac;
            }
            counts[ri] += 1;
            attempt += 1;
            self.clock += delay;
            self.count_transition()?;
            if let Some(step) = self.steps.get_mut(si) {
                step.retries.push(Retry {
                    delay,
                    error: e,
                    retrier: ri,
                    attempt: counts[ri],
                    max_attempts: r.max_attempts,
                    interval: r.interval_seconds,
                });
            }
        }
    }

    /// The mocked outcome of the state's next invocation (counted per state from 0,
    /// retries included), or None when the test case does not mock it.
    fn mocked(&mut self, name: &str) -> Res<Option<Outcome>> {
        let c = self.invocations.entry(name.to_string()).or_insert(0);
        let n = *c;
        *c += 1;
        match (self.opts.mocks, self.case.and_then(|c| c.get(name))) {
            (Some(m), Some(resp)) => m
                .response(resp, n)
                .map(Some)
                .map_err(|e| Halt::Abort(Abort::Mock(format!("state {name:?}: {e}")))),
            _ => Ok(None),
        }
    }

    fn task(&mut self, name: &str, resource: &str, input: &Value) -> Res<Value> {
        // The history names AWS uses: a Lambda function called by its ARN and an
        // activity have their own events; service integrations use Task….
        let kind = if resource.starts_with("arn:aws:lambda:") {
            "LambdaFunction"
        } else if resource.contains(":activity:") {
            "Activity"
        } else {
            "Task"
        };
        self.event(
            &format!("{kind}Scheduled"),
            Some(name),
            Some(Recorded::new(input)),
            None,
            None,
        );
        self.event(&format!("{kind}Started"), Some(name), None, None, None);
        // Without a mock, a Task returns its input.
        let result = match self.mocked(name)? {
            None => input.clone(),
            Some(Outcome::Return(v)) => v,
            Some(Outcome::Throw(e)) => {
                self.event(
                    &format!("{kind}Failed"),
                    Some(name),
                    None,
                    None,
                    Some(e.clone()),
                );
                return Err(Halt::Error(e));
            }
        };
        self.event(
            &format!("{kind}Succeeded"),
            Some(name),
            None,
            Some(Recorded::new(&result)),
            None,
        );
        Ok(result)
    }

    fn parallel(
        &mut self,
        name: &str,
        branches: &[StateMachine],
        input: &Value,
        depth: usize,
    ) -> Res<Value> {
        self.event("ParallelStateStarted", Some(name), None, None, None);
        let mut out = Vec::new();
        for (bi, bm) in branches.iter().enumerate() {
            // Each branch has its own scope: it reads the variables around it, and
            // what it assigns leaves only through its output.
            self.scopes.push(HashMap::new());
            self.visible = None;
            self.entering = Some(Entered::Branch {
                parallel: name.to_string(),
                index: bi + 1,
            });
            let res = self.machine(bm, input.clone(), depth + 1);
            self.entering = None;
            self.scopes.pop();
            self.visible = None;
            match res {
                Ok(v) => out.push(v),
                Err(Halt::Error(e)) => {
                    self.event(
                        "ParallelStateFailed",
                        Some(name),
                        None,
                        None,
                        Some(e.clone()),
                    );
                    return Err(Halt::Error(e));
                }
                Err(a) => return Err(a),
            }
        }
        self.event("ParallelStateSucceeded", Some(name), None, None, None);
        Ok(Value::Array(out))
    }

    fn map(&mut self, s: &State, m: &MapState, input: &Value, depth: usize) -> Res<Value> {
        let name = s.name.as_str();
        let items = if m.item_reader {
            // The reader fetches from S3; the mock of the Map state stands in for it.
            match self.mocked(name)? {
                Some(Outcome::Return(v)) => v,
                Some(Outcome::Throw(e)) => return Err(Halt::Error(e)),
                None => {
                    // Not a failure of the execution: the Lab cannot read S3.
                    return Err(Halt::Abort(Abort::Mock(format!(
                        "the Map state {name:?} reads its items with ItemReader (from S3); give it a mocked response whose Return is the items array"
                    ))));
                }
            }
        } else if self.is_ata(s) {
            match &m.items {
                Some(t) => {
                    let states = self.states_var(input, None, None);
                    self.ata_value(name, "Items", t, &states)?
                }
                None => input.clone(),
            }
        } else {
            match &m.items_path {
                Some(p) => self.select(input, p, "ItemsPath")?,
                None => input.clone(),
            }
        };
        let Value::Array(items) = items else {
            return Err(StateError::runtime(format!(
                "The Map state's items must be an array, found {}",
                compact(&items)
            ))
            .into());
        };
        let processor = m
            .item_processor
            .as_ref()
            .ok_or_else(|| StateError::runtime("the Map state has no ItemProcessor"))?;
        let selector = s.item_template();
        // With ItemBatcher, ItemSelector shapes each item and the shaped items are
        // batched (ItemsPath → ItemSelector → ItemBatcher); each iteration then gets
        // one batch as it is.
        let (items, selector) = if let Some(batcher) = &m.item_batcher {
            let mut selected = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                selected.push(match selector {
                    Some(t) => {
                        self.set_map_item(i, &item);
                        self.render(t, input)?
                    }
                    None => item,
                });
            }
            (self.batch(batcher, input, selected)?, None)
        } else {
            (items, selector)
        };
        let path_num = |p: &Option<String>, field: &str| -> Result<Option<f64>, StateError> {
            match p {
                Some(p) => Ok(self.select(input, p, field)?.as_f64()),
                None => Ok(None),
            }
        };
        let tolerate_count = m.tolerated_failure_count.or(path_num(
            &m.tolerated_failure_count_path,
            "ToleratedFailureCountPath",
        )?
        .map(|n| n as u64));
        let tolerate_pct = m.tolerated_failure_percentage.or(path_num(
            &m.tolerated_failure_percentage_path,
            "ToleratedFailurePercentagePath",
        )?);
        let total = items.len();
        self.event("MapStateStarted", Some(name), None, None, None);
        let mut out = Vec::with_capacity(total);
        let mut failures = 0usize;
        let ata = self.is_ata(s);
        let items_from = if m.item_reader {
            Some("ItemReader".to_string())
        } else if ata {
            m.items.as_ref().map(|_| "Items".to_string())
        } else {
            m.items_path.as_ref().map(|p| format!("ItemsPath {p}"))
        };
        for (i, item) in items.into_iter().enumerate() {
            self.set_map_item(i, &item);
            let item_input = match selector {
                Some(t) if ata => {
                    let states = self.states_var(input, None, None);
                    self.ata_value(name, "ItemSelector", t, &states)?
                }
                Some(t) => self.render(t, input)?,
                None => item,
            };
            self.event(
                "MapIterationStarted",
                Some(name),
                Some(Recorded::new(&item_input)),
                None,
                None,
            );
            self.entering = Some(Entered::MapItem {
                map: name.to_string(),
                index: i,
                items_from: items_from.clone(),
                selector: s.item_template().is_some(),
                batched: m.item_batcher.is_some(),
            });
            // An iteration has its own scope and reads the variables around it; a
            // Distributed Map's iteration is a child execution that cannot (AWS
            // Developer Guide, "Passing data between states with variables",
            // Variable scope).
            let outer = if m.distributed {
                Some(std::mem::replace(&mut self.scopes, vec![HashMap::new()]))
            } else {
                self.scopes.push(HashMap::new());
                None
            };
            self.visible = None;
            let res = self.machine(processor, item_input, depth + 1);
            self.entering = None;
            match outer {
                Some(scopes) => self.scopes = scopes,
                None => {
                    self.scopes.pop();
                }
            }
            self.visible = None;
            match res {
                Ok(v) => {
                    self.event(
                        "MapIterationSucceeded",
                        Some(name),
                        None,
                        Some(Recorded::new(&v)),
                        None,
                    );
                    out.push(v);
                }
                Err(Halt::Error(e)) => {
                    self.event(
                        "MapIterationFailed",
                        Some(name),
                        None,
                        None,
                        Some(e.clone()),
                    );
                    failures += 1;
                    let tolerated = tolerate_count.is_some_and(|c| failures as u64 <= c)
                        || tolerate_pct
                            .is_some_and(|p| (failures as f64) * 100.0 <= p * total as f64);
                    if !tolerated {
                        let err = if tolerate_count.is_some() || tolerate_pct.is_some() {
                            StateError::new(
                                "States.ExceedToleratedFailureThreshold",
                                format!(
                                    "{failures} of {total} items failed; last: {}: {}",
                                    e.error, e.cause
                                ),
                            )
                        } else {
                            e
                        };
                        self.event("MapStateFailed", Some(name), None, None, Some(err.clone()));
                        if let Some(obj) = self.context.as_object_mut() {
                            obj.remove("Map");
                        }
                        return Err(Halt::Error(err));
                    }
                    out.push(json!({"Error": e.error, "Cause": e.cause}));
                }
                Err(a) => return Err(a),
            }
        }
        if let Some(obj) = self.context.as_object_mut() {
            obj.remove("Map");
        }
        self.event("MapStateSucceeded", Some(name), None, None, None);
        Ok(Value::Array(out))
    }

    /// ItemBatcher: groups items into `{"Items": […]}` (plus BatchInput).
    fn batch(&mut self, b: &ItemBatcher, input: &Value, items: Vec<Value>) -> Res<Vec<Value>> {
        let size = match (b.max_items_per_batch, &b.max_items_per_batch_path) {
            (Some(n), _) => n,
            (None, Some(p)) => self
                .select(input, p, "MaxItemsPerBatchPath")?
                .as_u64()
                .unwrap_or(0),
            _ => 0,
        };
        let size = if size == 0 {
            items.len().max(1)
        } else {
            size as usize
        };
        let batch_input = match &b.batch_input {
            Some(t) => Some(self.render(t, input)?),
            None => None,
        };
        Ok(items
            .chunks(size)
            .map(|c| {
                let mut m = Map::new();
                if let Some(bi) = &batch_input {
                    m.insert("BatchInput".into(), bi.clone());
                }
                m.insert("Items".into(), Value::Array(c.to_vec()));
                Value::Object(m)
            })
            .collect())
    }

    /// The first catcher matching `e`: its Next, the output (error at ResultPath) and
    /// a label. `States.Runtime` is never caught.
    fn catch(
        &mut self,
        s: &State,
        e: &StateError,
        input: &Value,
        si: usize,
    ) -> Res<Option<(String, Value, Via)>> {
        if is_terminal_error(&e.error) || matches!(s.kind, StateKind::Fail { .. }) {
            return Ok(None);
        }
        for c in &s.catch {
            if error_matches(&c.error_equals, &e.error) {
                let err = json!({"Error": e.error, "Cause": e.cause});
                let vars = match &c.assign {
                    Some(t) => Some(self.render(t, &err)?),
                    None => None,
                };
                let out = self.result_path(c.result_path.as_ref(), input, err)?;
                self.commit(si, vars)?;
                let next = c.next.clone().unwrap_or_default();
                return Ok(Some((next, out, Via::Catch(c.error_equals.join(", ")))));
            }
        }
        Ok(None)
    }
}

/// AWS's limit on one variable's value, and on all values of one `Assign`.
pub const MAX_VARIABLE_BYTES: usize = 256 * 1024;
/// AWS's limit on the variables an execution stores.
pub const MAX_VARIABLES_BYTES: usize = 10 * 1024 * 1024;

impl<'a> Sim<'a> {
    /// The values behind a Map's and a Task's `…Path` fields are read when the state
    /// runs, and AWS fails the execution (`States.Runtime`) when one is missing or
    /// not a number of the field's range.
    fn check_runtime_paths(&self, s: &State, input: &Value) -> Res<()> {
        let mut fields: Vec<(&str, &String, f64, f64)> = Vec::new();
        if let StateKind::Map(m) = &s.kind {
            if let Some(p) = &m.max_concurrency_path {
                fields.push(("MaxConcurrencyPath", p, 0.0, f64::from(u32::MAX)));
            }
            if let Some(p) = &m.tolerated_failure_count_path {
                fields.push(("ToleratedFailureCountPath", p, 0.0, f64::from(u32::MAX)));
            }
            if let Some(p) = &m.tolerated_failure_percentage_path {
                fields.push(("ToleratedFailurePercentagePath", p, 0.0, 100.0));
            }
        }
        if let Some(p) = &s.timeout_seconds_path {
            fields.push(("TimeoutSecondsPath", p, 1.0, 99_999_999.0));
        }
        if let Some(p) = &s.heartbeat_seconds_path {
            fields.push(("HeartbeatSecondsPath", p, 1.0, 99_999_999.0));
        }
        for (field, p, min, max) in fields {
            let v = self.select(input, p, field)?;
            let integer = field != "ToleratedFailurePercentagePath";
            let ok = v
                .as_f64()
                .is_some_and(|n| n >= min && n <= max && (!integer || v.is_i64() || v.is_u64()));
            if !ok {
                return Err(StateError::runtime(format!(
                    "An error occurred while executing the state '{}' (entered at the event id #{}). The value {} behind the field '{field}' ('{p}') is not {}",
                    s.name,
                    self.entered_event,
                    compact(&v),
                    if integer {
                        format!("an integer from {min} to {max}")
                    } else {
                        format!("a number from {min} to {max}")
                    }
                ))
                .into());
            }
        }
        Ok(())
    }

    /// The variables in scope, inner scopes hiding outer ones, sorted by name (shared
    /// between steps until an Assign or a scope changes them).
    fn visible_variables(&mut self) -> Option<Rc<Recorded>> {
        if let Some(v) = &self.visible {
            return v.clone();
        }
        let mut all: std::collections::BTreeMap<&str, &Value> = Default::default();
        for scope in &self.scopes {
            for (k, v) in scope {
                all.insert(k, v);
            }
        }
        let v = (!all.is_empty()).then(|| {
            Recorded::new(&Value::Object(
                all.into_iter()
                    .map(|(k, v)| (k.to_string(), v.clone()))
                    .collect(),
            ))
        });
        self.visible = Some(v.clone());
        v
    }

    /// Whether state `s` runs in JSONata (its own QueryLanguage, or its machine's).
    fn is_ata(&self, s: &State) -> bool {
        s.query_language.unwrap_or(self.ql) == QueryLanguage::Jsonata
    }

    /// The reserved `$states` variable: input, result, errorOutput, context.
    fn states_var(&self, input: &Value, result: Option<&Value>, error: Option<&Value>) -> Value {
        let mut m = Map::new();
        m.insert("input".into(), input.clone());
        if let Some(r) = result {
            m.insert("result".into(), r.clone());
        }
        if let Some(e) = error {
            m.insert("errorOutput".into(), e.clone());
        }
        m.insert("context".into(), self.context.clone());
        Value::Object(m)
    }

    /// A JSONata field: strings `{% … %}` are evaluated (in objects and arrays at any
    /// depth), everything else is taken as written. A failing or undefined
    /// expression is `States.QueryEvaluationError`.
    fn ata_value(
        &mut self,
        state: &str,
        field: &str,
        v: &Value,
        states: &Value,
    ) -> Result<Value, StateError> {
        self.ata_at(state, field, v, states, 0)
    }

    fn ata_at(
        &mut self,
        state: &str,
        field: &str,
        v: &Value,
        states: &Value,
        depth: usize,
    ) -> Result<Value, StateError> {
        if depth > MAX_PAYLOAD_DEPTH {
            return Err(StateError::runtime(format!(
                "The field '{field}' is nested too deeply"
            )));
        }
        match v {
            Value::String(text) => match jsonata::expression(text) {
                Some(expr) => self.ata_eval(state, field, expr.trim(), states),
                None => Ok(v.clone()),
            },
            Value::Object(o) => {
                let mut out = Map::with_capacity(o.len());
                for (k, x) in o {
                    let sub = format!("{field}/{k}");
                    out.insert(k.clone(), self.ata_at(state, &sub, x, states, depth + 1)?);
                }
                Ok(Value::Object(out))
            }
            Value::Array(a) => a
                .iter()
                .map(|x| self.ata_at(state, field, x, states, depth + 1))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array),
            _ => Ok(v.clone()),
        }
    }

    fn ata_eval(
        &mut self,
        state: &str,
        field: &str,
        expr: &str,
        states: &Value,
    ) -> Result<Value, StateError> {
        let seed = self.rng.next_u64();
        let scope = jsonata::Scope {
            states: states.clone(),
            variables: &self.scopes,
            seed,
        };
        let entered = self.entered_event;
        let fail = |why: String| {
            StateError::new(
                "States.QueryEvaluationError",
                format!(
                    "An error occurred while executing the state '{state}' (entered at the event id #{entered}). The JSONata expression '{expr}' specified for the field '{field}' {why}"
                ),
            )
        };
        match self.jsonata.eval(expr, &scope) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => Err(fail("returned nothing (undefined)".into())),
            Err(e) => Err(fail(format!("threw an error: {e}"))),
        }
    }

    /// A JSONata field that must give a string (Fail's Error and Cause).
    fn ata_string(
        &mut self,
        state: &str,
        field: &str,
        text: &str,
        states: &Value,
    ) -> Result<String, StateError> {
        match self.ata_value(state, field, &Value::String(text.to_string()), states)? {
            Value::String(t) => Ok(t),
            other => Err(StateError::new(
                "States.QueryEvaluationError",
                format!(
                    "The field '{field}' of the state '{state}' must evaluate to a string, found {}",
                    compact(&other)
                ),
            )),
        }
    }

    /// JSONPath `Assign`: the template rendered on `basis` (the state's result; for
    /// Choice and Wait its input after InputPath), `$name` reading the variables
    /// before this state.
    fn assign_path(&mut self, s: &State, basis: &Value) -> Res<Option<Value>> {
        match &s.assign {
            Some(t) => Ok(Some(self.render(t, basis)?)),
            None => Ok(None),
        }
    }

    /// Stores the variables a state assigned (after its Output was evaluated: the
    /// state itself saw the values from before), checking AWS's limits and scope rule.
    fn commit(&mut self, si: usize, vars: Option<Value>) -> Res<()> {
        let Some(vars) = vars else { return Ok(()) };
        let Value::Object(map) = &vars else {
            return Err(StateError::runtime(format!(
                "Assign must be an object of variable names, found {}",
                compact(&vars)
            ))
            .into());
        };
        let mut total = 0usize;
        for (name, v) in map {
            let bytes = serde_json::to_string(v).map(|t| t.len()).unwrap_or(0);
            if bytes > MAX_VARIABLE_BYTES {
                return Err(StateError::new(
                    "States.DataLimitExceeded",
                    format!(
                        "The value assigned to the variable '{name}' is {bytes} bytes, over the {MAX_VARIABLE_BYTES}-byte limit of a variable"
                    ),
                )
                .into());
            }
            total += bytes;
            let outer = self.scopes.len().saturating_sub(1);
            if self.scopes[..outer].iter().any(|m| m.contains_key(name)) {
                return Err(StateError::runtime(format!(
                    "The variable '{name}' belongs to an outer scope: a state inside a Map or Parallel can read it but not assign it (values leave a scope only through output)"
                ))
                .into());
            }
        }
        if total > MAX_VARIABLE_BYTES {
            return Err(StateError::new(
                "States.DataLimitExceeded",
                format!(
                    "The variables assigned by one state are {total} bytes, over the {MAX_VARIABLE_BYTES}-byte limit of an Assign"
                ),
            )
            .into());
        }
        self.variable_bytes = self.variable_bytes.saturating_add(total);
        if self.variable_bytes > MAX_VARIABLES_BYTES {
            return Err(StateError::new(
                "States.DataLimitExceeded",
                format!(
                    "The execution's variables passed {MAX_VARIABLES_BYTES} bytes, the limit of an execution"
                ),
            )
            .into());
        }
        if let Some(scope) = self.scopes.last_mut() {
            for (name, v) in map {
                scope.insert(name.clone(), Rc::new(v.clone()));
            }
        }
        self.visible = None;
        if let Some(step) = self.steps.get_mut(si) {
            step.assigned = Some(Rc::new(vars));
        }
        Ok(())
    }

    /// Assign and Output of a JSONata state, both evaluated before any assignment
    /// takes effect; `default` is the output without an Output field.
    fn ata_finish(
        &mut self,
        s: &State,
        assign: Option<&Value>,
        output: Option<&Value>,
        states: &Value,
        default: Value,
        si: usize,
    ) -> Res<Value> {
        let name = s.name.as_str();
        let vars = match assign {
            Some(t) => Some(self.ata_value(name, "Assign", t, states)?),
            None => None,
        };
        let out = match output {
            Some(t) => self.ata_value(name, "Output", t, states)?,
            None => default,
        };
        self.commit(si, vars)?;
        Ok(out)
    }

    /// Runs a JSONata state: Arguments → the state's work → Assign and Output.
    fn process_ata(
        &mut self,
        s: &State,
        input: &Value,
        si: usize,
        depth: usize,
    ) -> Res<(Value, Option<String>)> {
        let name = s.name.as_str();
        let states = self.states_var(input, None, None);
        match &s.kind {
            StateKind::Fail { error, cause, .. } => {
                let error = match error {
                    Some(e) => self.ata_string(name, "Error", e, &states)?,
                    None => "States.Fail".to_string(),
                };
                let cause = match cause {
                    Some(c) => self.ata_string(name, "Cause", c, &states)?,
                    None => String::new(),
                };
                let e = StateError::new(error, cause);
                if let Some(step) = self.steps.get_mut(si) {
                    step.error = Some(e.clone());
                }
                Err(Halt::Error(e))
            }
            StateKind::Succeed | StateKind::Pass { .. } => {
                let out = self.ata_finish(
                    s,
                    s.assign.as_ref(),
                    s.output.as_ref(),
                    &states,
                    input.clone(),
                    si,
                )?;
                Ok((out, None))
            }
            StateKind::Wait {
                seconds,
                seconds_expr,
                timestamp,
                ..
            } => {
                let secs = match (seconds, seconds_expr, timestamp) {
                    (Some(n), _, _) => *n,
                    (None, Some(e), _) => {
                        let v =
                            self.ata_value(name, "Seconds", &Value::String(e.clone()), &states)?;
                        match v.as_u64() {
                            Some(n) => n as f64,
                            None => {
                                return Err(StateError::new(
                                    "States.QueryEvaluationError",
                                    format!(
                                        "The field 'Seconds' of the state '{name}' must evaluate to a non-negative integer, found {}",
                                        compact(&v)
                                    ),
                                )
                                .into());
                            }
                        }
                    }
                    (None, None, Some(t)) => {
                        let ts = self.ata_string(name, "Timestamp", t, &states)?;
                        let target = parse_timestamp(&ts).ok_or_else(|| {
                            StateError::new(
                                "States.QueryEvaluationError",
                                format!("'{ts}' is not an RFC 3339 timestamp"),
                            )
                        })?;
                        (target - (EPOCH_SECONDS as f64 + self.clock)).max(0.0)
                    }
                    _ => 0.0,
                };
                self.clock += secs;
                if let Some(step) = self.steps.get_mut(si) {
                    step.wait_seconds = Some(secs);
                }
                let out = self.ata_finish(
                    s,
                    s.assign.as_ref(),
                    s.output.as_ref(),
                    &states,
                    input.clone(),
                    si,
                )?;
                Ok((out, None))
            }
            StateKind::Choice { choices, default } => {
                let mut chosen = None;
                for (i, r) in choices.iter().enumerate() {
                    let hit = match &r.condition {
                        Condition::Jsonata(c) => {
                            match self.ata_value(name, "Condition", c, &states)? {
                                Value::Bool(b) => b,
                                other => {
                                    return Err(StateError::new(
                                        "States.QueryEvaluationError",
                                        format!(
                                            "The Condition of rule {} of the state '{name}' must evaluate to a boolean, found {}",
                                            i + 1,
                                            compact(&other)
                                        ),
                                    )
                                    .into());
                                }
                            }
                        }
                        _ => {
                            return Err(StateError::runtime(format!(
                                "rule {} of the JSONata Choice state '{name}' has no Condition",
                                i + 1
                            ))
                            .into());
                        }
                    };
                    if hit {
                        chosen = Some((i, r));
                        break;
                    }
                }
                let (target, label, assign, output) = match chosen {
                    Some((i, r)) => {
                        let condition = match &r.condition {
                            Condition::Jsonata(Value::String(c)) => c.clone(),
                            Condition::Jsonata(c) => compact(c),
                            _ => String::new(),
                        };
                        if let Some(step) = self.steps.get_mut(si) {
                            step.matched = Some(Matched::Condition(i + 1, condition));
                        }
                        (
                            r.next.clone().unwrap_or_default(),
                            Via::Rule(i + 1),
                            r.assign.as_ref().or(s.assign.as_ref()),
                            r.output.as_ref().or(s.output.as_ref()),
                        )
                    }
                    None => match default {
                        Some(d) => {
                            if let Some(step) = self.steps.get_mut(si) {
                                step.matched = Some(Matched::Default {
                                    rules: choices.len(),
                                });
                            }
                            (
                                d.clone(),
                                Via::Default,
                                s.assign.as_ref(),
                                s.output.as_ref(),
                            )
                        }
                        None => {
                            return Err(StateError::new(
                                "States.NoChoiceMatched",
                                format!(
                                    "No Choice rule matched and there is no Default; input: {}",
                                    compact(input)
                                ),
                            )
                            .into());
                        }
                    },
                };
                if let Some(step) = self.steps.get_mut(si) {
                    step.via = Some(label);
                }
                let out = self.ata_finish(s, assign, output, &states, input.clone(), si)?;
                Ok((out, Some(target)))
            }
            StateKind::Task { .. } | StateKind::Parallel { .. } | StateKind::Map(_) => {
                let result = self.with_retry(s, input, si, depth)?;
                self.put_stage(si, 3, &result);
                let states = self.states_var(input, Some(&result), None);
                let out =
                    self.ata_finish(s, s.assign.as_ref(), s.output.as_ref(), &states, result, si)?;
                Ok((out, None))
            }
            StateKind::Other => {
                Err(StateError::runtime(format!("unknown state type {:?}", s.type_name)).into())
            }
        }
    }

    /// The first catcher of a JSONata state matching `e`: its Output (default: the
    /// error output) and Assign see `$states.errorOutput`.
    fn catch_ata(
        &mut self,
        s: &State,
        e: &StateError,
        input: &Value,
        si: usize,
    ) -> Res<Option<(String, Value, Via)>> {
        if is_terminal_error(&e.error) || matches!(s.kind, StateKind::Fail { .. }) {
            return Ok(None);
        }
        let Some(c): Option<&Catcher> = s
            .catch
            .iter()
            .find(|c| error_matches(&c.error_equals, &e.error))
        else {
            return Ok(None);
        };
        let err = json!({"Error": e.error, "Cause": e.cause});
        let states = self.states_var(input, None, Some(&err));
        let out = self.ata_finish(s, c.assign.as_ref(), c.output.as_ref(), &states, err, si)?;
        let next = c.next.clone().unwrap_or_default();
        Ok(Some((next, out, Via::Catch(c.error_equals.join(", ")))))
    }
}

/// Errors that end the execution whatever the retriers and catchers say: AWS's
/// `States.Runtime` and the terminal `States.DataLimitExceeded`.
fn is_terminal_error(error: &str) -> bool {
    matches!(error, "States.Runtime" | "States.DataLimitExceeded")
}

/// AWS's quota for a state's input or output: 256 KiB of UTF-8 JSON.
pub const MAX_PAYLOAD_BYTES: usize = 256 * 1024;
/// The Lab's limit on how deep a payload may nest (each level is copied into every
/// recorded stage, so a loop that wraps its data would otherwise grow without bound).
pub const MAX_PAYLOAD_DEPTH: usize = 256;

/// Why AWS would refuse this execution input (over the payload quota, or nested
/// deeper than the Lab follows), if it would.
pub fn input_problem(input: &Value) -> Option<StateError> {
    payload_check(input, "the execution input").err()
}

/// Fails with `States.DataLimitExceeded` when `v` serializes to more than
/// [`MAX_PAYLOAD_BYTES`], and with `States.Runtime` past [`MAX_PAYLOAD_DEPTH`] levels.
/// Iterative, and stops counting at the limit.
fn payload_check(v: &Value, what: &str) -> Result<usize, StateError> {
    let mut bytes = 0usize;
    let mut stack = vec![(v, 1usize)];
    while let Some((x, depth)) = stack.pop() {
        if depth > MAX_PAYLOAD_DEPTH {
            return Err(StateError::runtime(format!(
                "The output of {what} nests deeper than {MAX_PAYLOAD_DEPTH} levels, the Lab's limit"
            )));
        }
        bytes += match x {
            Value::Null | Value::Bool(true) => 4,
            Value::Bool(false) => 5,
            Value::Number(n) => n.to_string().len(),
            Value::String(t) => t.len() + 2,
            Value::Array(a) => {
                stack.extend(a.iter().map(|y| (y, depth + 1)));
                2 + a.len().saturating_sub(1)
            }
            Value::Object(o) => {
                stack.extend(o.values().map(|y| (y, depth + 1)));
                o.keys().map(|k| k.len() + 3).sum::<usize>() + 2 + o.len().saturating_sub(1)
            }
        };
        if bytes > MAX_PAYLOAD_BYTES {
            return Err(StateError::new(
                "States.DataLimitExceeded",
                format!(
                    "The output of {what} is larger than {MAX_PAYLOAD_BYTES} bytes, the payload quota"
                ),
            ));
        }
    }
    Ok(bytes)
}

/// Whether an ErrorEquals list matches `error`. `States.ALL` matches everything but
/// `States.Runtime` (which AWS never retries or catches).
fn error_matches(list: &[String], error: &str) -> bool {
    list.iter().any(|x| {
        x == error
            || (x == "States.ALL" && !is_terminal_error(error))
            || (x == "States.TaskFailed" && error != "States.Timeout" && !is_terminal_error(error))
    })
}

/// One Choice comparison. `value` is None when the Variable's path matched nothing
/// (only IsPresent gets there).
fn compare(op: &str, value: Option<&Value>, operand: &Value) -> bool {
    let base = op.strip_suffix("Path").unwrap_or(op);
    let Some(v) = value else {
        return op == "IsPresent" && operand == &Value::Bool(false);
    };
    let want = |b: bool| operand.as_bool() == Some(b);
    match base {
        "IsPresent" => want(true),
        "IsNull" => want(v.is_null()),
        "IsNumeric" => want(v.is_number()),
        "IsString" => want(v.is_string()),
        "IsBoolean" => want(v.is_boolean()),
        "IsTimestamp" => want(v.as_str().is_some_and(|t| parse_timestamp(t).is_some())),
        "BooleanEquals" => v.is_boolean() && v == operand,
        "StringMatches" => match (v.as_str(), operand.as_str()) {
            (Some(s), Some(p)) => wildcard(s, p),
            _ => false,
        },
        _ if base.starts_with("String") => match (v.as_str(), operand.as_str()) {
            (Some(a), Some(b)) => ordering(base, "String", a.cmp(b)),
            _ => false,
        },
        _ if base.starts_with("Numeric") => match (v.as_f64(), operand.as_f64()) {
            (Some(a), Some(b)) => a
                .partial_cmp(&b)
                .is_some_and(|o| ordering(base, "Numeric", o)),
            _ => false,
        },
        _ if base.starts_with("Timestamp") => {
            match (
                v.as_str().and_then(parse_timestamp),
                operand.as_str().and_then(parse_timestamp),
            ) {
                (Some(a), Some(b)) => a
                    .partial_cmp(&b)
                    .is_some_and(|o| ordering(base, "Timestamp", o)),
                _ => false,
            }
        }
        _ => false,
    }
}

fn ordering(op: &str, family: &str, o: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op.strip_prefix(family).unwrap_or("") {
        "Equals" => o == Equal,
        "LessThan" => o == Less,
        "GreaterThan" => o == Greater,
        "LessThanEquals" => o != Greater,
        "GreaterThanEquals" => o != Less,
        _ => false,
    }
}

/// StringMatches: `*` matches any run of characters; `\*` is a literal star and `\\`
/// a literal backslash.
pub fn wildcard(s: &str, pattern: &str) -> bool {
    #[derive(PartialEq)]
    enum Tok {
        Star,
        Ch(char),
    }
    let mut toks = Vec::new();
    let mut it = pattern.chars();
    while let Some(c) = it.next() {
        match c {
            '\\' => match it.next() {
                Some(n) => toks.push(Tok::Ch(n)),
                None => toks.push(Tok::Ch('\\')),
            },
            '*' => toks.push(Tok::Star),
            c => toks.push(Tok::Ch(c)),
        }
    }
    let s: Vec<char> = s.chars().collect();
    // Greedy matching with backtracking to the last star: O(n·m) worst case.
    let (mut i, mut j) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while i < s.len() {
        match toks.get(j) {
            Some(Tok::Ch(c)) if *c == s[i] => {
                i += 1;
                j += 1;
            }
            Some(Tok::Star) => {
                star = Some((j, i));
                j += 1;
            }
            _ => match star {
                Some((sj, si)) => {
                    j = sj + 1;
                    i = si + 1;
                    star = Some((sj, si + 1));
                }
                None => return false,
            },
        }
    }
    toks[j..].iter().all(|t| *t == Tok::Star)
}
