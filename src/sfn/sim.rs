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

use super::mock::{Mocks, Outcome};
use super::{StateError, intrinsic, path, template};
use crate::rng::Rng;

/// The stages of one state's processing, named as the TestState API names them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stages {
    pub input: Option<Rc<Value>>,
    pub after_input_path: Option<Rc<Value>>,
    pub after_parameters: Option<Rc<Value>>,
    pub result: Option<Rc<Value>>,
    pub after_result_selector: Option<Rc<Value>>,
    pub after_result_path: Option<Rc<Value>>,
    pub output: Option<Rc<Value>>,
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
        self.slot(i).and_then(|v| v.as_deref())
    }

    /// The shared value of stage `i` (equal consecutive stages share one value).
    pub fn slot(&self, i: usize) -> Option<&Option<Rc<Value>>> {
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

    fn slot_mut(&mut self, i: usize) -> Option<&mut Option<Rc<Value>>> {
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
    fn put(&mut self, i: usize, v: &Value) -> Rc<Value> {
        let earlier = (0..i)
            .rev()
            .find_map(|k| self.slot(k).and_then(|x| x.clone()));
        let rc = match earlier {
            Some(e) if *e == *v => e,
            _ => Rc::new(v.clone()),
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
    /// Retries made, with the simulated delay before each (seconds).
    pub retries: Vec<f64>,
    /// Which Choice rule matched ("rule 1", "default") or which catcher caught.
    pub via: Option<String>,
    /// Seconds a Wait state would wait.
    pub wait_seconds: Option<f64>,
}

/// An execution-history event (AWS's type names).
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub kind: String,
    pub state: Option<String>,
    pub input: Option<Rc<Value>>,
    pub output: Option<Rc<Value>>,
    pub error: Option<StateError>,
}

impl Event {
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("type".into(), Value::String(self.kind.clone()));
        if let Some(s) = &self.state {
            m.insert("state".into(), Value::String(s.clone()));
        }
        if let Some(i) = &self.input {
            m.insert("input".into(), (**i).clone());
        }
        if let Some(o) = &self.output {
            m.insert("output".into(), (**o).clone());
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
}

enum Flow {
    /// Go to this state with this input.
    Next(String, Rc<Value>),
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
/// Every state name of a machine, nested branches and item processors included.
fn state_names<'v>(m: &'v Value, depth: usize, out: &mut std::collections::HashSet<&'v str>) {
    if depth > MAX_DEPTH {
        return;
    }
    let Some(states) = m.get("States").and_then(Value::as_object) else {
        return;
    };
    for (name, st) in states {
        out.insert(name.as_str());
        for sub in super::doc::sub_machines(st) {
            state_names(sub, depth + 1, out);
        }
    }
}

pub fn run(def: &Value, input: Value, opts: &Options) -> Result<Execution, Abort> {
    run_with(def, input, opts, false)
}

/// [`run`], except that a run stopped by the transition limit comes back with the
/// steps taken so far, `limit_reached` set and a `Lab.TransitionLimit` error, instead
/// of [`Abort::Limit`].
pub fn run_keeping_steps(def: &Value, input: Value, opts: &Options) -> Result<Execution, Abort> {
    run_with(def, input, opts, true)
}

fn run_with(def: &Value, input: Value, opts: &Options, keep: bool) -> Result<Execution, Abort> {
    if super::doc::is_jsonata(def) {
        return Err(Abort::Jsonata);
    }
    let named = match (opts.mocks, opts.test_case) {
        (Some(m), tc) => m.named_case(opts.machine_name, tc),
        _ => None,
    };
    let case = named.map(|(_, c)| c);
    // A test case that mocks a state the machine does not have is a mistake (a typo
    // would otherwise leave that Task unmocked, and the run would quietly differ).
    if let Some((case_name, case)) = named {
        let mut names = std::collections::HashSet::new();
        state_names(def, 0, &mut names);
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
        context: json!({
            "Execution": {
                "Id": format!("arn:aws:states:us-east-1:123456789012:execution:{}:lab", opts.machine_name),
                "Input": input.clone(),
                "Name": "lab",
                "RoleArn": "arn:aws:iam::123456789012:role/lab-state-machine-role",
                "StartTime": timestamp(0.0),
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
        Some(Rc::new(input.clone())),
        None,
        None,
    );
    // StartExecution refuses such an input: no execution starts, so none fails.
    if let Err(e) = payload_check(&input, "the execution input") {
        return Err(Abort::Input(e));
    }
    let Some(m) = def.as_object() else {
        return Ok(sim.finish(Err(StateError::runtime("the definition is not an object"))));
    };
    let out = sim.machine(m, input, 0);
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

/// `2026-01-01T00:00:00.000Z` plus `secs` simulated seconds (the latest date chrono
/// can represent for an absurd clock).
fn timestamp(secs: f64) -> String {
    const BASE_MS: i64 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
    let total_ms = (secs * 1000.0).round() as i64;
    chrono::DateTime::from_timestamp_millis(BASE_MS.saturating_add(total_ms))
        .unwrap_or(chrono::DateTime::<chrono::Utc>::MAX_UTC)
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// Seconds since the epoch of an RFC 3339 timestamp (for Timestamp comparisons and
/// Wait); None if it is not one (the validator's syntax, then a real calendar date).
pub fn parse_timestamp(t: &str) -> Option<f64> {
    if !super::check::is_timestamp(t) {
        return None;
    }
    let dt = chrono::DateTime::parse_from_rfc3339(t).ok()?;
    Some(dt.timestamp() as f64 + f64::from(dt.timestamp_subsec_nanos()) / 1e9)
}

fn get_str<'v>(s: &'v Map<String, Value>, k: &str) -> Option<&'v str> {
    s.get(k).and_then(Value::as_str)
}

fn compact(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 200 {
        let cut: String = s.chars().take(200).collect();
        format!("{cut}…")
    } else {
        s
    }
}

impl<'a> Sim<'a> {
    fn event(
        &mut self,
        kind: &str,
        state: Option<&str>,
        input: Option<Rc<Value>>,
        output: Option<Rc<Value>>,
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
                    Some(Rc::new(v.clone())),
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

    fn machine(&mut self, m: &Map<String, Value>, input: Value, depth: usize) -> Res<Value> {
        if depth > MAX_DEPTH {
            return Err(StateError::runtime("Parallel/Map nesting is too deep to simulate").into());
        }
        let states = m
            .get("States")
            .and_then(Value::as_object)
            .ok_or_else(|| StateError::runtime("the machine has no States object"))?;
        let mut name = get_str(m, "StartAt")
            .ok_or_else(|| StateError::runtime("the machine has no StartAt"))?
            .to_string();
        let mut input = Rc::new(input);
        loop {
            let state = states
                .get(&name)
                .and_then(Value::as_object)
                .ok_or_else(|| StateError::runtime(format!("no state named {name:?}")))?;
            self.count_transition()?;
            match self.state(&name, state, input, depth)? {
                Flow::Next(n, v) => {
                    self.record(payload_check(&v, &name)?)?;
                    name = n;
                    input = v;
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
                json!({"Name": name, "EnteredTime": timestamp(self.clock), "RetryCount": retry}),
            );
        }
    }

    fn state(
        &mut self,
        name: &str,
        s: &Map<String, Value>,
        input: Rc<Value>,
        depth: usize,
    ) -> Res<Flow> {
        let kind = get_str(s, "Type").unwrap_or("?").to_string();
        self.set_state_context(name, 0);
        self.event(
            &format!("{kind}StateEntered"),
            Some(name),
            Some(input.clone()),
            None,
            None,
        );
        let step_index = self.steps.len();
        self.steps.push(Step {
            state: name.to_string(),
            kind: kind.clone(),
            depth,
            stages: Stages {
                input: Some(input.clone()),
                ..Stages::default()
            },
            next: None,
            error: None,
            retries: Vec::new(),
            via: None,
            wait_seconds: None,
        });
        let next = get_str(s, "Next").map(str::to_string);
        let outcome = self.process(name, &kind, s, &input, step_index, depth);
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
                    Some(t) => Flow::Next(t, out),
                    None => Flow::End(out),
                }
            }
            Err(Halt::Abort(a)) => return Err(Halt::Abort(a)),
            Err(Halt::Error(e)) => {
                if let Some(step) = self.steps.get_mut(step_index) {
                    step.error = Some(e.clone());
                }
                match self.catch(s, &e, &input)? {
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
                        Flow::Next(target, out)
                    }
                    None => return Err(Halt::Error(e)),
                }
            }
        };
        Ok(flow)
    }

    /// Records stage `i` of a step (sharing an equal earlier stage) and returns it.
    fn put_stage(&mut self, si: usize, i: usize, v: &Value) -> Rc<Value> {
        match self.steps.get_mut(si) {
            Some(step) => step.stages.put(i, v),
            None => Rc::new(v.clone()),
        }
    }

    /// InputPath: `null` gives `{}`, otherwise the path's value.
    fn input_path(&self, s: &Map<String, Value>, input: &Value) -> Result<Value, StateError> {
        match s.get("InputPath") {
            None => Ok(input.clone()),
            Some(Value::Null) => Ok(json!({})),
            Some(Value::String(p)) => self.select(input, p, "InputPath"),
            Some(_) => Err(StateError::runtime("InputPath must be a string or null")),
        }
    }

    fn output_path(&self, s: &Map<String, Value>, v: Value) -> Result<Value, StateError> {
        match s.get("OutputPath") {
            None => Ok(v),
            Some(Value::Null) => Ok(json!({})),
            Some(Value::String(p)) => self.select(&v, p, "OutputPath"),
            Some(_) => Err(StateError::runtime("OutputPath must be a string or null")),
        }
    }

    /// ResultPath: `$` (default) replaces, `null` keeps the input, a path inserts.
    fn result_path(
        &self,
        rp: Option<&Value>,
        input: &Value,
        result: Value,
    ) -> Result<Value, StateError> {
        match rp {
            None => Ok(result),
            Some(Value::Null) => Ok(input.clone()),
            Some(Value::String(p)) => path::set(input, p, result),
            Some(_) => Err(StateError::runtime("ResultPath must be a string or null")),
        }
    }

    /// A path on the input, or on the context object for `$$…`.
    fn select(&self, input: &Value, p: &str, field: &str) -> Result<Value, StateError> {
        let (root, p2) = match p.strip_prefix("$$") {
            Some(rest) => (&self.context, format!("${rest}")),
            None => (input, p.to_string()),
        };
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
        template::render(t, input, &self.context, &mut self.rng)
    }

    /// Runs the state's stages. Returns the output and, for Choice, the chosen next.
    fn process(
        &mut self,
        name: &str,
        kind: &str,
        s: &Map<String, Value>,
        input: &Value,
        si: usize,
        depth: usize,
    ) -> Res<(Value, Option<String>)> {
        match kind {
            "Fail" => {
                let error = match (get_str(s, "Error"), get_str(s, "ErrorPath")) {
                    (Some(e), _) => e.to_string(),
                    (None, Some(p)) => self.string_of(input, p, "ErrorPath")?,
                    _ => "States.Fail".to_string(),
                };
                let cause = match (get_str(s, "Cause"), get_str(s, "CausePath")) {
                    (Some(c), _) => c.to_string(),
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
            "Succeed" => {
                let a = self.input_path(s, input)?;
                self.put_stage(si, 1, &a);
                let out = self.output_path(s, a)?;
                Ok((out, None))
            }
            "Choice" => {
                let a = self.input_path(s, input)?;
                self.put_stage(si, 1, &a);
                let (target, label) = self.choose(s, &a)?;
                if let Some(step) = self.steps.get_mut(si) {
                    step.via = Some(label);
                }
                let out = self.output_path(s, a)?;
                Ok((out, Some(target)))
            }
            "Wait" => {
                let a = self.input_path(s, input)?;
                self.put_stage(si, 1, &a);
                let secs = self.wait_seconds(s, &a)?;
                self.clock += secs;
                if let Some(step) = self.steps.get_mut(si) {
                    step.wait_seconds = Some(secs);
                }
                let out = self.output_path(s, a)?;
                Ok((out, None))
            }
            "Pass" => {
                let a = self.input_path(s, input)?;
                self.put_stage(si, 1, &a);
                let p = match s.get("Parameters") {
                    Some(t) => self.render(t, &a)?,
                    None => a,
                };
                self.put_stage(si, 2, &p);
                let result = s.get("Result").cloned().unwrap_or(p);
                self.put_stage(si, 3, &result);
                let r = self.result_path(s.get("ResultPath"), input, result)?;
                self.put_stage(si, 5, &r);
                Ok((self.output_path(s, r)?, None))
            }
            "Task" | "Parallel" | "Map" => {
                let a = self.input_path(s, input)?;
                self.put_stage(si, 1, &a);
                let result = self.with_retry(name, kind, s, &a, si, depth)?;
                self.put_stage(si, 3, &result);
                let sel = match s.get("ResultSelector") {
                    Some(t) => self.render(t, &result)?,
                    None => result,
                };
                self.put_stage(si, 4, &sel);
                let r = self.result_path(s.get("ResultPath"), input, sel)?;
                self.put_stage(si, 5, &r);
                Ok((self.output_path(s, r)?, None))
            }
            other => Err(StateError::runtime(format!("unknown state type {other:?}")).into()),
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
            intrinsic::eval(p, input, &self.context, &mut rng)?
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

    fn wait_seconds(&self, s: &Map<String, Value>, input: &Value) -> Res<f64> {
        if let Some(n) = s.get("Seconds").and_then(Value::as_f64) {
            return Ok(n);
        }
        if let Some(p) = get_str(s, "SecondsPath") {
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
        let ts = match (get_str(s, "Timestamp"), get_str(s, "TimestampPath")) {
            (Some(t), _) => t.to_string(),
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
        let now = 1_767_225_600.0 + self.clock;
        Ok((target - now).max(0.0))
    }

    fn choose(&self, s: &Map<String, Value>, input: &Value) -> Res<(String, String)> {
        if let Some(rules) = s.get("Choices").and_then(Value::as_array) {
            for (i, r) in rules.iter().enumerate() {
                if self.rule(r, input, 0)? {
                    let next = r.get("Next").and_then(Value::as_str).unwrap_or_default();
                    return Ok((next.to_string(), format!("rule {}", i + 1)));
                }
            }
        }
        match get_str(s, "Default") {
            Some(d) => Ok((d.to_string(), "default".into())),
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

    fn rule(&self, r: &Value, input: &Value, depth: usize) -> Res<bool> {
        if depth > MAX_DEPTH {
            return Err(StateError::runtime("Choice rule nesting too deep").into());
        }
        if let Some(rs) = r.get("And").and_then(Value::as_array) {
            for x in rs {
                if !self.rule(x, input, depth + 1)? {
                    return Ok(false);
                }
            }
            return Ok(true);
        }
        if let Some(rs) = r.get("Or").and_then(Value::as_array) {
            for x in rs {
                if self.rule(x, input, depth + 1)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        if let Some(x) = r.get("Not") {
            return Ok(!self.rule(x, input, depth + 1)?);
        }
        let Some(obj) = r.as_object() else {
            return Err(StateError::runtime("a Choice rule is not an object").into());
        };
        let var = get_str(obj, "Variable").unwrap_or("$");
        let Some((op, operand)) = obj.iter().find(|(k, _)| super::check::is_comparison(k)) else {
            return Err(StateError::runtime("a Choice rule has no comparison").into());
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
    fn with_retry(
        &mut self,
        name: &str,
        kind: &str,
        s: &Map<String, Value>,
        input: &Value,
        si: usize,
        depth: usize,
    ) -> Res<Value> {
        let retriers: Vec<&Value> = s
            .get("Retry")
            .and_then(Value::as_array)
            .map(|a| a.iter().collect())
            .unwrap_or_default();
        let mut counts = vec![0u64; retriers.len()];
        let mut attempt = 0usize;
        loop {
            self.set_state_context(name, attempt);
            let p = match (kind, s.get("Parameters")) {
                ("Map", _) => input.clone(),
                (_, Some(t)) => {
                    if kind == "Task" {
                        self.set_task_token(name);
                    }
                    self.render(t, input)?
                }
                (_, None) => input.clone(),
            };
            if kind != "Map" {
                self.put_stage(si, 2, &p);
            }
            let entered = self.context.get("State").cloned();
            let res = match kind {
                "Task" => self.task(name, get_str(s, "Resource").unwrap_or(""), &p),
                "Parallel" => self.parallel(name, s, &p, depth),
                _ => self.map(name, s, &p, depth),
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
                .position(|r| error_matches(r.get("ErrorEquals"), &e.error))
                .filter(|_| !is_terminal_error(&e.error))
            else {
                return Err(Halt::Error(e));
            };
            let r = retriers[ri];
            let max = r.get("MaxAttempts").and_then(Value::as_u64).unwrap_or(3);
            if counts[ri] >= max {
                return Err(Halt::Error(e));
            }
            let interval = r
                .get("IntervalSeconds")
                .and_then(Value::as_f64)
                .unwrap_or(1.0);
            let rate = r.get("BackoffRate").and_then(Value::as_f64).unwrap_or(2.0);
            let mut delay = interval * rate.powi(counts[ri].min(1000) as i32);
            if let Some(cap) = r.get("MaxDelaySeconds").and_then(Value::as_f64) {
                delay = delay.min(cap);
            }
            if get_str(r.as_object().unwrap_or(&Map::new()), "JitterStrategy") == Some("FULL") {
                let frac = (self.rng.next_u64() % 1_000_001) as f64 / 1_000_000.0;
                delay *= frac;
            }
            counts[ri] += 1;
            attempt += 1;
            self.clock += delay;
            self.count_transition()?;
            if let Some(step) = self.steps.get_mut(si) {
                step.retries.push(delay);
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
            Some(Rc::new(input.clone())),
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
            Some(Rc::new(result.clone())),
            None,
        );
        Ok(result)
    }

    fn parallel(
        &mut self,
        name: &str,
        s: &Map<String, Value>,
        input: &Value,
        depth: usize,
    ) -> Res<Value> {
        self.event("ParallelStateStarted", Some(name), None, None, None);
        let mut out = Vec::new();
        for b in s
            .get("Branches")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[])
        {
            let Some(bm) = b.as_object() else {
                return Err(StateError::runtime("a branch is not an object").into());
            };
            match self.machine(bm, input.clone(), depth + 1) {
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

    fn map(
        &mut self,
        name: &str,
        s: &Map<String, Value>,
        input: &Value,
        depth: usize,
    ) -> Res<Value> {
        let items = if s.contains_key("ItemReader") {
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
        } else {
            match get_str(s, "ItemsPath") {
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
        let processor = s
            .get("ItemProcessor")
            .or_else(|| s.get("Iterator"))
            .and_then(Value::as_object)
            .ok_or_else(|| StateError::runtime("the Map state has no ItemProcessor"))?;
        let selector = s.get("ItemSelector").or_else(|| s.get("Parameters"));
        // With ItemBatcher, ItemSelector shapes each item and the shaped items are
        // batched (ItemsPath → ItemSelector → ItemBatcher); each iteration then gets
        // one batch as it is.
        let batching = s.get("ItemBatcher").is_some_and(Value::is_object);
        let (items, selector) = if batching {
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
            (self.batch(s, input, selected)?, None)
        } else {
            (items, selector)
        };
        let tolerate_count = s.get("ToleratedFailureCount").and_then(Value::as_u64);
        let tolerate_pct = s.get("ToleratedFailurePercentage").and_then(Value::as_f64);
        let total = items.len();
        self.event("MapStateStarted", Some(name), None, None, None);
        let mut out = Vec::with_capacity(total);
        let mut failures = 0usize;
        for (i, item) in items.into_iter().enumerate() {
            self.set_map_item(i, &item);
            let item_input = match selector {
                Some(t) => self.render(t, input)?,
                None => item,
            };
            self.event(
                "MapIterationStarted",
                Some(name),
                Some(Rc::new(item_input.clone())),
                None,
                None,
            );
            match self.machine(processor, item_input, depth + 1) {
                Ok(v) => {
                    self.event(
                        "MapIterationSucceeded",
                        Some(name),
                        None,
                        Some(Rc::new(v.clone())),
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
    fn batch(
        &mut self,
        s: &Map<String, Value>,
        input: &Value,
        items: Vec<Value>,
    ) -> Res<Vec<Value>> {
        let Some(b) = s.get("ItemBatcher").and_then(Value::as_object) else {
            return Ok(items);
        };
        let size = match (
            b.get("MaxItemsPerBatch").and_then(Value::as_u64),
            get_str(b, "MaxItemsPerBatchPath"),
        ) {
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
        let batch_input = match b.get("BatchInput") {
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
        s: &Map<String, Value>,
        e: &StateError,
        input: &Value,
    ) -> Res<Option<(String, Value, String)>> {
        if is_terminal_error(&e.error) || get_str(s, "Type") == Some("Fail") {
            return Ok(None);
        }
        let Some(cs) = s.get("Catch").and_then(Value::as_array) else {
            return Ok(None);
        };
        for c in cs {
            if error_matches(c.get("ErrorEquals"), &e.error) {
                let err = json!({"Error": e.error, "Cause": e.cause});
                let out = self.result_path(c.get("ResultPath"), input, err)?;
                let next = c
                    .get("Next")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                return Ok(Some((
                    next.clone(),
                    out,
                    format!("catch {} → {next}", e.error),
                )));
            }
        }
        Ok(None)
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
fn error_matches(list: Option<&Value>, error: &str) -> bool {
    let Some(list) = list.and_then(Value::as_array) else {
        return false;
    };
    list.iter().filter_map(Value::as_str).any(|x| {
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
