//! JSONata as Step Functions runs it: the `{% … %}` expressions of JSONata states,
//! evaluated with the jsonata-core engine against `$states` (input, result,
//! errorOutput, context) and the workflow variables in scope, plus the functions
//! Step Functions adds to JSONata's library (AWS Step Functions Developer Guide,
//! "Transforming data with JSONata in Step Functions"):
//!
//! - `$partition(array, size)`: the array in chunks of `size` (the last may be
//!   shorter);
//! - `$range(start, end, step)`: `start`, `start+step`, … up to `end` included;
//! - `$hash(value, algorithm)`: hex digest with MD5, SHA-1, SHA-256, SHA-384 or
//!   SHA-512;
//! - `$random([seed])`: a number in [0, 1); the same seed gives the same number;
//! - `$uuid()`: a version 4 UUID;
//! - `$parse(string)`: the JSON value the string holds.
//!
//! `$eval` is not available in Step Functions (AWS points to `$parse`), so it is
//! refused here too. An error of the engine is reported in words; the simulator
//! turns it into `States.QueryEvaluationError`.
use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;

use jsonata_core::evaluator::{Context, Evaluator, EvaluatorError, EvaluatorOptions};
use jsonata_core::value::JValue;
use serde_json::{Map, Value};

/// How long one expression may run (the Lab's guard against an endless recursion).
const TIMEOUT_MS: u64 = 2_000;

/// The text of a JSONata field: the expression inside `{% … %}`, if the string is one.
pub fn expression(s: &str) -> Option<&str> {
    s.strip_prefix("{%")
        .and_then(|r| r.strip_suffix("%}"))
        .filter(|_| s.len() >= 4)
}

/// Converts an engine value to JSON. Integral numbers become integers (AWS prints
/// `4`, not `4.0`); undefined is None; a function is not JSON (None).
pub fn to_json(v: &JValue) -> Option<Value> {
    Some(match v {
        JValue::Null => Value::Null,
        JValue::Bool(b) => Value::Bool(*b),
        JValue::Number(n) => number(*n)?,
        JValue::String(s) => Value::String(s.to_string()),
        JValue::Array(a) => Value::Array(a.iter().filter_map(to_json).collect()),
        JValue::Object(o) => {
            let mut m = Map::new();
            for (k, x) in o.iter() {
                if let Some(j) = to_json(x) {
                    m.insert(k.clone(), j);
                }
            }
            Value::Object(m)
        }
        _ => return None,
    })
}

fn number(n: f64) -> Option<Value> {
    if !n.is_finite() {
        return None;
    }
    if n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 {
        Some(Value::from(n as i64))
    } else {
        serde_json::Number::from_f64(n).map(Value::Number)
    }
}

/// What an expression can see: `$states` and the workflow variables.
pub struct Scope<'a> {
    pub states: Value,
    /// Variables, innermost scope last (a name in a later map hides an earlier one).
    pub variables: &'a super::path::Scopes,
    /// Seeds `$random()` and `$uuid()` (the Lab's runs are reproducible).
    pub seed: u64,
}

/// A parsed-expression cache: a loop evaluates the same few expressions many times.
#[derive(Default)]
pub struct Engine {
    asts: HashMap<String, Rc<jsonata_core::ast::AstNode>>,
}

impl Engine {
    /// Evaluates `expr` in `scope`. Ok(None) is JSONata's undefined.
    pub fn eval(&mut self, expr: &str, scope: &Scope) -> Result<Option<Value>, String> {
        let ast = match self.asts.get(expr) {
            Some(a) => a.clone(),
            None => {
                let a =
                    Rc::new(jsonata_core::parser::parse(expr).map_err(|e| e.display_message())?);
                if self.asts.len() < 10_000 {
                    self.asts.insert(expr.to_string(), a.clone());
                }
                a
            }
        };
        let mut ctx = Context::new();
        for vars in scope.variables {
            for (k, v) in vars.iter() {
                ctx.bind(k.clone(), JValue::from((**v).clone()));
            }
        }
        ctx.bind("states".to_string(), JValue::from(scope.states.clone()));
        let mut ev = evaluator(ctx, None, None);
        register_step_functions(&mut ev, scope.seed);
        let out = ev
            .evaluate(&ast, &JValue::Undefined)
            .map_err(|e| message(&e))?;
        if out.is_undefined() {
            return Ok(None);
        }
        match to_json(&out) {
            Some(v) => Ok(Some(v)),
            None => Err("the expression returned a value that is not JSON (a function, or a number out of range)".into()),
        }
    }
}

fn evaluator(ctx: Context, timeout: Option<u64>, depth: Option<usize>) -> Evaluator {
    Evaluator::with_options(
        ctx,
        EvaluatorOptions {
            timeout_ms: Some(timeout.unwrap_or(TIMEOUT_MS)),
            max_stack_depth: depth,
            ..EvaluatorOptions::default()
        },
    )
}

fn message(e: &EvaluatorError) -> String {
    e.message().to_string()
}

fn err(msg: impl Into<String>) -> EvaluatorError {
    EvaluatorError::EvaluationError(msg.into())
}

/// splitmix64: the generator behind `$random` and `$uuid`.
fn mix(state: &Cell<u64>) -> u64 {
    let s = state.get().wrapping_add(0x9E37_79B9_7F4A_7C15);
    state.set(s);
    let mut z = s;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn unit(x: u64) -> f64 {
    (x >> 11) as f64 / (1u64 << 53) as f64
}

fn register_step_functions(ev: &mut Evaluator, seed: u64) {
    let state = Rc::new(Cell::new(seed));
    let _ = ev.register_fn("partition", |args: &[JValue]| {
        let (Some(JValue::Array(a)), Some(n)) =
            (args.first(), args.get(1).and_then(JValue::as_f64))
        else {
            return Err(err("$partition takes an array and a chunk size"));
        };
        if n < 1.0 || n.fract() != 0.0 {
            return Err(err("$partition: the chunk size must be a positive integer"));
        }
        let chunks = a
            .chunks(n as usize)
            .map(|c| JValue::array(c.to_vec()))
            .collect();
        Ok(JValue::array(chunks))
    });
    let _ = ev.register_fn("range", |args: &[JValue]| {
        let nums: Vec<f64> = args.iter().filter_map(JValue::as_f64).collect();
        let [start, end, step] = nums[..] else {
            return Err(err("$range takes a start, an end and a step"));
        };
        if [start, end, step].iter().any(|x| x.fract() != 0.0) || step == 0.0 {
            return Err(err(
                "$range: start, end and step must be integers, the step not 0",
            ));
        }
        let count = ((end - start) / step).floor() + 1.0;
        if count > 1000.0 {
            return Err(err("$range: more than 1000 items"));
        }
        let items = (0..count.max(0.0) as i64)
            .map(|i| JValue::from_f64(start + step * i as f64))
            .collect();
        Ok(JValue::array(items))
    });
    let _ = ev.register_fn("hash", |args: &[JValue]| {
        let (Some(data), Some(algo)) = (args.first(), args.get(1).and_then(JValue::as_str)) else {
            return Err(err("$hash takes a value and an algorithm name"));
        };
        let text = match data.as_str() {
            Some(s) => s.to_string(),
            None => data.to_json_string().map_err(|e| err(e.to_string()))?,
        };
        super::intrinsic::hash_hex(&text, algo)
            .map(JValue::string)
            .ok_or_else(|| {
                err(format!(
                    "$hash: the algorithm must be MD5, SHA-1, SHA-256, SHA-384 or SHA-512, not '{algo}'"
                ))
            })
    });
    let s = state.clone();
    let _ = ev.register_fn_override("random", move |args: &[JValue]| {
        let x = match args.first().and_then(JValue::as_f64) {
            Some(seed) => mix(&Cell::new(seed.to_bits())),
            None => mix(&s),
        };
        Ok(JValue::from_f64(unit(x)))
    });
    let s = state;
    let _ = ev.register_fn("uuid", move |_: &[JValue]| {
        let (a, b) = (mix(&s), mix(&s));
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&a.to_be_bytes());
        bytes[8..].copy_from_slice(&b.to_be_bytes());
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        let h: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Ok(JValue::string(format!(
            "{}-{}-{}-{}-{}",
            &h[..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..]
        )))
    });
    let _ = ev.register_fn("parse", |args: &[JValue]| {
        let Some(s) = args.first().and_then(JValue::as_str) else {
            return Err(err("$parse takes a string"));
        };
        serde_json::from_str::<Value>(s)
            .map(JValue::from)
            .map_err(|e| err(format!("$parse: not JSON: {e}")))
    });
    let _ = ev.register_fn_override("eval", |_: &[JValue]| {
        Err(err(
            "$eval is not available in Step Functions; use $parse to read JSON text",
        ))
    });
}

/// Runs one case of the official JSONata test suite (`tests/fixtures/jsonata`):
/// plain JSONata, without the Step Functions additions. Ok(None) is undefined; an
/// error gives its JSONata code (`T2001`…), or its message when it has none.
pub fn suite_eval(
    expr: &str,
    data: Option<&Value>,
    bindings: &Map<String, Value>,
    timelimit: Option<u64>,
    depth: Option<usize>,
) -> Result<Option<Value>, String> {
    let ast = jsonata_core::parser::parse(expr).map_err(|e| code_in(&e.display_message()))?;
    let mut ctx = Context::new();
    for (k, v) in bindings {
        ctx.bind(k.clone(), JValue::from(v.clone()));
    }
    let mut ev = evaluator(ctx, timelimit, depth);
    let data = data
        .map(|d| JValue::from(d.clone()))
        .unwrap_or(JValue::Undefined);
    match ev.evaluate(&ast, &data) {
        Ok(v) if v.is_undefined() => Ok(None),
        Ok(v) => Ok(to_json(&v)),
        Err(e) => Err(code_in(e.message())),
    }
}

/// The first JSONata error code (`S0101`…) in a message, or the message.
fn code_in(m: &str) -> String {
    let b = m.as_bytes();
    (0..b.len().saturating_sub(4))
        .find(|&i| {
            b[i].is_ascii_uppercase()
                && b[i + 1..i + 5].iter().all(u8::is_ascii_digit)
                && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
        })
        .map(|i| m[i..i + 5].to_string())
        .unwrap_or_else(|| m.to_string())
}
