//! The typed state machine: an ASL definition read once into Rust types, shared by the
//! simulator, the graph and the Lab's stage explanations (none of them reads the JSON
//! by string keys again).
//!
//! Reading never fails: it is meant for a definition that passed [`super::check`], and
//! on any other document it keeps what it can (a missing `Type` is kind
//! [`StateKind::Other`] named `?`, a missing target is `None`), so the graph can still
//! draw a broken machine. Payload templates (`Parameters`, `ResultSelector`…) stay JSON
//! values: they are data the simulator renders, not structure.
//!
//! Room for the JSONata query language and workflow variables: `QueryLanguage` per
//! machine and per state, `Arguments`, `Output` and `Assign` are read as they are.
use std::collections::HashMap;

use serde_json::{Map, Value};

/// Nested Parallel/Map machines deeper than this are read as empty machines.
pub const MAX_MODEL_DEPTH: usize = 64;
/// Choice rules nested deeper than this (And/Or/Not) are read as
/// [`Condition::TooDeep`].
pub const MAX_RULE_DEPTH: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryLanguage {
    JsonPath,
    Jsonata,
}

impl QueryLanguage {
    fn read(v: Option<&Value>) -> Option<QueryLanguage> {
        match v.and_then(Value::as_str) {
            Some("JSONPath") => Some(QueryLanguage::JsonPath),
            Some("JSONata") => Some(QueryLanguage::Jsonata),
            _ => None,
        }
    }
}

/// A state machine, or one Parallel branch / Map item processor.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StateMachine {
    /// `StartAt`, when it is a string.
    pub start_at: Option<String>,
    /// The states in file order.
    pub states: Vec<State>,
    /// Whether `States` is an object (an empty one included).
    pub has_states: bool,
    pub comment: Option<String>,
    pub timeout_seconds: Option<u64>,
    pub query_language: Option<QueryLanguage>,
    /// State name → index in `states`.
    index: HashMap<String, usize>,
}

/// `InputPath`, `OutputPath` and `ResultPath` as written.
#[derive(Debug, Clone, PartialEq)]
pub enum PathField {
    /// `null`: the field's documented null behaviour (`{}`, or "keep the input").
    Null,
    Path(String),
    /// Neither a string nor null (only in a definition the validator refused).
    Other(Value),
}

impl PathField {
    fn read(v: Option<&Value>) -> Option<PathField> {
        v.map(|v| match v {
            Value::Null => PathField::Null,
            Value::String(s) => PathField::Path(s.clone()),
            other => PathField::Other(other.clone()),
        })
    }

    /// The path, for a field given as a string.
    pub fn path(&self) -> Option<&str> {
        match self {
            PathField::Path(p) => Some(p),
            _ => None,
        }
    }
}

/// One state.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub name: String,
    /// `Type` as the file says it, `?` when missing or not a string.
    pub type_name: String,
    pub kind: StateKind,
    pub comment: Option<String>,
    pub query_language: Option<QueryLanguage>,
    pub next: Option<String>,
    /// `End: true`.
    pub end: bool,
    pub input_path: Option<PathField>,
    pub parameters: Option<Value>,
    pub result_selector: Option<Value>,
    pub result_path: Option<PathField>,
    pub output_path: Option<PathField>,
    pub retry: Vec<Retrier>,
    pub catch: Vec<Catcher>,
    /// JSONata: `Arguments`, `Output`; both languages: `Assign`.
    pub arguments: Option<Value>,
    pub output: Option<Value>,
    pub assign: Option<Value>,
    /// Task: `TimeoutSecondsPath` and `HeartbeatSecondsPath` (read at run time).
    pub timeout_seconds_path: Option<String>,
    pub heartbeat_seconds_path: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StateKind {
    Task {
        /// `Resource`, empty when missing.
        resource: String,
    },
    Pass {
        result: Option<Value>,
    },
    Choice {
        choices: Vec<ChoiceRule>,
        default: Option<String>,
    },
    Wait {
        seconds: Option<f64>,
        /// `Seconds` written as a JSONata expression `{% … %}`.
        seconds_expr: Option<String>,
        seconds_path: Option<String>,
        timestamp: Option<String>,
        timestamp_path: Option<String>,
    },
    Succeed,
    Fail {
        error: Option<String>,
        error_path: Option<String>,
        cause: Option<String>,
        cause_path: Option<String>,
    },
    Parallel {
        branches: Vec<StateMachine>,
    },
    Map(Box<MapState>),
    /// A type the Lab does not know, named by [`State::type_name`].
    Other,
}

/// The fields of a Map state.
#[derive(Debug, Clone, PartialEq)]
pub struct MapState {
    /// `ItemProcessor`, or the older `Iterator`.
    pub item_processor: Option<StateMachine>,
    pub items_path: Option<String>,
    /// JSONata `Items`: an array, or an expression giving one.
    pub items: Option<Value>,
    /// `ItemSelector` as written (the older form is `Parameters`, see
    /// [`State::item_template`]).
    pub item_selector: Option<Value>,
    /// Whether the state reads its items with `ItemReader` (from S3).
    pub item_reader: bool,
    /// `ItemProcessor.ProcessorConfig.Mode` is `DISTRIBUTED`: each iteration is a
    /// child workflow execution, which cannot read the parent's variables.
    pub distributed: bool,
    pub item_batcher: Option<ItemBatcher>,
    pub tolerated_failure_count: Option<u64>,
    pub tolerated_failure_percentage: Option<f64>,
    pub max_concurrency_path: Option<String>,
    pub tolerated_failure_count_path: Option<String>,
    pub tolerated_failure_percentage_path: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItemBatcher {
    pub max_items_per_batch: Option<u64>,
    pub max_items_per_batch_path: Option<String>,
    pub batch_input: Option<Value>,
}

/// A Choice rule: its condition and where it goes.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceRule {
    pub condition: Condition,
    pub next: Option<String>,
    /// JSONata rules may carry their own `Assign` and `Output`.
    pub assign: Option<Value>,
    pub output: Option<Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    And(Vec<Condition>),
    Or(Vec<Condition>),
    Not(Box<Condition>),
    /// `Variable` (default `$`) compared by `op` (`NumericLessThan`, `IsPresent`,
    /// `StringEqualsPath`…) with `operand`.
    Compare {
        variable: String,
        op: String,
        operand: Value,
    },
    /// Not an object (only in a definition the validator refused).
    NotObject,
    /// An object without a comparison operator.
    NoComparison,
    /// Nested deeper than [`MAX_RULE_DEPTH`].
    TooDeep,
    /// A JSONata rule's `Condition`, as written (`{% … %}`, or `true`/`false`).
    Jsonata(Value),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Retrier {
    /// The error names (strings only).
    pub error_equals: Vec<String>,
    /// Default 3.
    pub max_attempts: u64,
    /// Default 1.
    pub interval_seconds: f64,
    /// Default 2.
    pub backoff_rate: f64,
    pub max_delay_seconds: Option<f64>,
    /// `JitterStrategy: FULL`.
    pub full_jitter: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Catcher {
    pub error_equals: Vec<String>,
    pub next: Option<String>,
    pub result_path: Option<PathField>,
    /// JSONata: the catcher's `Output` (default: the error output); both
    /// languages: its `Assign`.
    pub output: Option<Value>,
    pub assign: Option<Value>,
}

fn string(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str).map(str::to_string)
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

impl StateMachine {
    /// Reads a definition (or a branch / item processor). Never fails; see the module
    /// documentation.
    pub fn read(def: &Value) -> StateMachine {
        StateMachine::read_at(def, 0)
    }

    fn read_at(def: &Value, depth: usize) -> StateMachine {
        let states_obj = def.get("States").and_then(Value::as_object);
        let states: Vec<State> = states_obj
            .map(|o| o.iter().map(|(n, s)| State::read(n, s, depth)).collect())
            .unwrap_or_default();
        let index = states
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.clone(), i))
            .collect();
        StateMachine {
            start_at: string(def.get("StartAt")),
            states,
            has_states: states_obj.is_some(),
            comment: string(def.get("Comment")),
            timeout_seconds: def.get("TimeoutSeconds").and_then(Value::as_u64),
            query_language: QueryLanguage::read(def.get("QueryLanguage")),
            index,
        }
    }

    /// A state of this machine (not of its branches) by name.
    pub fn state(&self, name: &str) -> Option<&State> {
        self.index.get(name).and_then(|&i| self.states.get(i))
    }

    /// A state by name anywhere: this machine first, then its branches and item
    /// processors in file order.
    pub fn find(&self, name: &str) -> Option<&State> {
        self.state(name).or_else(|| {
            self.states
                .iter()
                .flat_map(State::sub_machines)
                .find_map(|m| m.find(name))
        })
    }

    /// Every state name, nested machines included.
    pub fn all_names(&self) -> std::collections::HashSet<&str> {
        let mut out = std::collections::HashSet::new();
        self.collect_names(&mut out);
        out
    }

    fn collect_names<'m>(&'m self, out: &mut std::collections::HashSet<&'m str>) {
        for s in &self.states {
            out.insert(s.name.as_str());
            for m in s.sub_machines() {
                m.collect_names(out);
            }
        }
    }

    /// Whether the machine uses JSONata: at the top level, or in any state, nested
    /// branches and item processors included.
    pub fn is_jsonata(&self) -> bool {
        self.query_language == Some(QueryLanguage::Jsonata) || self.any_state_jsonata()
    }

    fn any_state_jsonata(&self) -> bool {
        self.states.iter().any(|s| {
            s.query_language == Some(QueryLanguage::Jsonata)
                || s.sub_machines().any(StateMachine::any_state_jsonata)
        })
    }
}

impl State {
    fn read(name: &str, st: &Value, depth: usize) -> State {
        let f = |k: &str| st.get(k);
        let type_name = f("Type").and_then(Value::as_str).unwrap_or("?");
        let sub = |v: &Value| {
            if depth < MAX_MODEL_DEPTH {
                StateMachine::read_at(v, depth + 1)
            } else {
                StateMachine::default()
            }
        };
        let kind = match type_name {
            "Task" => StateKind::Task {
                resource: string(f("Resource")).unwrap_or_default(),
            },
            "Pass" => StateKind::Pass {
                result: f("Result").cloned(),
            },
            "Choice" => StateKind::Choice {
                choices: f("Choices")
                    .and_then(Value::as_array)
                    .map(|rules| {
                        rules
                            .iter()
                            .map(|r| ChoiceRule {
                                condition: Condition::read(r, 0),
                                next: string(r.get("Next")),
                                assign: r.get("Assign").cloned(),
                                output: r.get("Output").cloned(),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                default: string(f("Default")),
            },
            "Wait" => StateKind::Wait {
                seconds: f("Seconds").and_then(Value::as_f64),
                seconds_expr: string(f("Seconds")),
                seconds_path: string(f("SecondsPath")),
                timestamp: string(f("Timestamp")),
                timestamp_path: string(f("TimestampPath")),
            },
            "Succeed" => StateKind::Succeed,
            "Fail" => StateKind::Fail {
                error: string(f("Error")),
                error_path: string(f("ErrorPath")),
                cause: string(f("Cause")),
                cause_path: string(f("CausePath")),
            },
            "Parallel" => StateKind::Parallel {
                branches: f("Branches")
                    .and_then(Value::as_array)
                    .map(|bs| bs.iter().map(sub).collect())
                    .unwrap_or_default(),
            },
            "Map" => StateKind::Map(Box::new(MapState {
                item_processor: f("ItemProcessor")
                    .filter(|v| v.is_object())
                    .or_else(|| f("Iterator").filter(|v| v.is_object()))
                    .map(sub),
                items_path: string(f("ItemsPath")),
                items: f("Items").cloned(),
                item_selector: f("ItemSelector").cloned(),
                item_reader: f("ItemReader").is_some(),
                distributed: f("ItemProcessor")
                    .and_then(|p| p.pointer("/ProcessorConfig/Mode"))
                    .and_then(Value::as_str)
                    == Some("DISTRIBUTED"),
                item_batcher: f("ItemBatcher")
                    .and_then(Value::as_object)
                    .map(|b| ItemBatcher {
                        max_items_per_batch: b.get("MaxItemsPerBatch").and_then(Value::as_u64),
                        max_items_per_batch_path: string(b.get("MaxItemsPerBatchPath")),
                        batch_input: b.get("BatchInput").cloned(),
                    }),
                tolerated_failure_count: f("ToleratedFailureCount").and_then(Value::as_u64),
                tolerated_failure_percentage: f("ToleratedFailurePercentage")
                    .and_then(Value::as_f64),
                max_concurrency_path: string(f("MaxConcurrencyPath")),
                tolerated_failure_count_path: string(f("ToleratedFailureCountPath")),
                tolerated_failure_percentage_path: string(f("ToleratedFailurePercentagePath")),
            })),
            _ => StateKind::Other,
        };
        State {
            name: name.to_string(),
            type_name: type_name.to_string(),
            kind,
            comment: string(f("Comment")),
            query_language: QueryLanguage::read(f("QueryLanguage")),
            next: string(f("Next")),
            end: f("End").and_then(Value::as_bool) == Some(true),
            input_path: PathField::read(f("InputPath")),
            parameters: f("Parameters").cloned(),
            result_selector: f("ResultSelector").cloned(),
            result_path: PathField::read(f("ResultPath")),
            output_path: PathField::read(f("OutputPath")),
            retry: f("Retry")
                .and_then(Value::as_array)
                .map(|a| a.iter().map(Retrier::read).collect())
                .unwrap_or_default(),
            catch: f("Catch")
                .and_then(Value::as_array)
                .map(|a| a.iter().map(Catcher::read).collect())
                .unwrap_or_default(),
            arguments: f("Arguments").cloned(),
            output: f("Output").cloned(),
            assign: f("Assign").cloned(),
            timeout_seconds_path: string(f("TimeoutSecondsPath")),
            heartbeat_seconds_path: string(f("HeartbeatSecondsPath")),
        }
    }

    /// `End: true`, or a Succeed or Fail state.
    pub fn is_terminal(&self) -> bool {
        self.end || matches!(self.kind, StateKind::Succeed | StateKind::Fail { .. })
    }

    /// Whether this state or one nested in it is a Task that waits for a job
    /// (`.sync`) or a task token (`.waitForTaskToken`): patterns only Standard
    /// workflows support.
    pub fn waits_for_completion(&self) -> bool {
        self.waits_within(0)
    }

    fn waits_within(&self, depth: usize) -> bool {
        let own = matches!(&self.kind, StateKind::Task { resource }
            if resource.ends_with(".sync")
                || resource.contains(".sync:")
                || resource.ends_with(".waitForTaskToken"));
        own || (depth < 64
            && self
                .sub_machines()
                .any(|m| m.states.iter().any(|s| s.waits_within(depth + 1))))
    }

    /// The machines nested in this state: a Parallel's branches, a Map's item
    /// processor.
    pub fn sub_machines(&self) -> impl Iterator<Item = &StateMachine> {
        let (branches, processor): (&[StateMachine], Option<&StateMachine>) = match &self.kind {
            StateKind::Parallel { branches } => (branches, None),
            StateKind::Map(m) => (&[], m.item_processor.as_ref()),
            _ => (&[], None),
        };
        branches.iter().chain(processor)
    }

    /// The template that shapes each item of a Map: `ItemSelector`, or the older
    /// `Parameters`.
    pub fn item_template(&self) -> Option<&Value> {
        match &self.kind {
            StateKind::Map(m) => m.item_selector.as_ref().or(self.parameters.as_ref()),
            _ => None,
        }
    }
}

impl Condition {
    fn read(r: &Value, depth: usize) -> Condition {
        if depth > MAX_RULE_DEPTH {
            return Condition::TooDeep;
        }
        if let Some(c) = r.get("Condition") {
            return Condition::Jsonata(c.clone());
        }
        let all = |v: &Vec<Value>| v.iter().map(|x| Condition::read(x, depth + 1)).collect();
        if let Some(rs) = r.get("And").and_then(Value::as_array) {
            return Condition::And(all(rs));
        }
        if let Some(rs) = r.get("Or").and_then(Value::as_array) {
            return Condition::Or(all(rs));
        }
        if let Some(x) = r.get("Not") {
            return Condition::Not(Box::new(Condition::read(x, depth + 1)));
        }
        let Some(obj) = r.as_object() else {
            return Condition::NotObject;
        };
        match obj.iter().find(|(k, _)| super::lex::is_comparison(k)) {
            Some((op, operand)) => Condition::Compare {
                variable: obj
                    .get("Variable")
                    .and_then(Value::as_str)
                    .unwrap_or("$")
                    .to_string(),
                op: op.clone(),
                operand: operand.clone(),
            },
            None => Condition::NoComparison,
        }
    }
}

impl Retrier {
    fn read(r: &Value) -> Retrier {
        let empty = Map::new();
        let o = r.as_object().unwrap_or(&empty);
        let num = |k: &str| o.get(k).and_then(Value::as_f64);
        Retrier {
            error_equals: strings(o.get("ErrorEquals")),
            max_attempts: o.get("MaxAttempts").and_then(Value::as_u64).unwrap_or(3),
            interval_seconds: num("IntervalSeconds").unwrap_or(1.0),
            backoff_rate: num("BackoffRate").unwrap_or(2.0),
            max_delay_seconds: num("MaxDelaySeconds"),
            full_jitter: o.get("JitterStrategy").and_then(Value::as_str) == Some("FULL"),
        }
    }
}

impl Catcher {
    fn read(c: &Value) -> Catcher {
        Catcher {
            error_equals: strings(c.get("ErrorEquals")),
            next: string(c.get("Next")),
            result_path: PathField::read(c.get("ResultPath")),
            output: c.get("Output").cloned(),
            assign: c.get("Assign").cloned(),
        }
    }
}
