//! Intrinsic functions of the JSONPath query language (`States.Format(…)` and the
//! rest), as described in
//! <https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html>.
//!
//! Arguments are string literals in single quotes (escapes `\'`, `\{`, `\}`, `\\`),
//! numbers, `true`, `false`, `null`, paths (`$…` on the input, `$$…` on the context
//! object) and nested calls; at most 10 calls in one field, as the guide says.
use serde_json::{Map, Number, Value};

use super::StateError;
use super::lex::short_json;
use super::path::{self, PathError};
use crate::rng::Rng;

/// The guide: "You can nest up to 10 intrinsic functions within a field".
const MAX_CALLS: usize = 10;
/// Input limit of Base64Encode, Base64Decode and Hash, in characters.
const MAX_TEXT: usize = 10_000;
/// ArrayRange may produce at most this many items.
const MAX_RANGE: i128 = 1000;

/// Does this value look like an intrinsic call (`States.` prefix)?
pub fn looks_intrinsic(s: &str) -> bool {
    // A leading space is refused, as before a path: AWS reads " States.Array(…)"
    // as neither a path nor a function.
    s.starts_with("States.")
}

/// Name and allowed argument counts (min, max) of each function.
const FUNCTIONS: &[(&str, usize, usize)] = &[
    ("Format", 1, usize::MAX),
    ("StringToJson", 1, 1),
    ("JsonToString", 1, 1),
    ("Array", 0, usize::MAX),
    ("ArrayPartition", 2, 2),
    ("ArrayContains", 2, 2),
    ("ArrayRange", 3, 3),
    ("ArrayGetItem", 2, 2),
    ("ArrayLength", 1, 1),
    ("ArrayUnique", 1, 1),
    ("Base64Encode", 1, 1),
    ("Base64Decode", 1, 1),
    ("Hash", 2, 2),
    ("JsonMerge", 3, 3),
    ("MathRandom", 2, 3),
    ("MathAdd", 2, 2),
    ("StringSplit", 2, 2),
    ("UUID", 0, 0),
];

const HASHES: &[&str] = &["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"];

/// A piece of a string literal: text, or an unescaped `{}` placeholder.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    Hole,
}

#[derive(Debug, Clone, PartialEq)]
enum Arg {
    Str(Vec<Piece>),
    Lit(Value),
    Path(String),
    Call(Call),
}

#[derive(Debug, Clone, PartialEq)]
struct Call {
    name: String,
    args: Vec<Arg>,
}

fn pieces_text(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) => t.as_str(),
            Piece::Hole => "{}",
        })
        .collect()
}

struct Parser {
    c: Vec<char>,
    i: usize,
    calls: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.c.get(self.i).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.i += 1;
        }
    }

    fn starts_with(&self, s: &str) -> bool {
        s.chars()
            .enumerate()
            .all(|(k, ch)| self.c.get(self.i + k) == Some(&ch))
    }

    fn parse_call(&mut self) -> Result<Call, String> {
        if !self.starts_with("States.") {
            return Err("an intrinsic function must start with 'States.'".into());
        }
        self.calls += 1;
        if self.calls > MAX_CALLS {
            return Err(format!(
                "more than {MAX_CALLS} intrinsic functions in one field"
            ));
        }
        self.i += "States.".len();
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_alphanumeric()) {
            self.i += 1;
        }
        let name: String = self.c.get(start..self.i).unwrap_or(&[]).iter().collect();
        let Some(&(_, min, max)) = FUNCTIONS.iter().find(|(n, _, _)| *n == name) else {
            return Err(format!("unknown intrinsic function 'States.{name}'"));
        };
        self.skip_ws();
        if self.peek() != Some('(') {
            return Err(format!("expected '(' after 'States.{name}'"));
        }
        self.i += 1;
        let mut args = Vec::new();
        self.skip_ws();
        if self.peek() == Some(')') {
            self.i += 1;
        } else {
            loop {
                self.skip_ws();
                args.push(self.parse_arg()?);
                self.skip_ws();
                match self.peek() {
                    Some(',') => self.i += 1,
                    Some(')') => {
                        self.i += 1;
                        break;
                    }
                    Some(c) => {
                        return Err(format!(
                            "unexpected '{c}' in the arguments of States.{name}"
                        ));
                    }
                    None => {
                        return Err(format!("missing ')' after the arguments of States.{name}"));
                    }
                }
            }
        }
        if args.len() < min || args.len() > max {
            let want = match (min, max) {
                (a, b) if a == b => format!("{a}"),
                (a, usize::MAX) => format!("at least {a}"),
                (a, b) => format!("{a} to {b}"),
            };
            return Err(format!(
                "States.{name} takes {want} argument(s), not {}",
                args.len()
            ));
        }
        Ok(Call { name, args })
    }

    fn parse_arg(&mut self) -> Result<Arg, String> {
        match self.peek() {
            Some('\'') => self.parse_string(),
            Some('$') => self.parse_path(),
            Some('S') if self.starts_with("States.") => Ok(Arg::Call(self.parse_call()?)),
            Some(c) if c == '-' || c.is_ascii_digit() => {
                let start = self.i;
                self.i += 1;
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
                {
                    self.i += 1;
                }
                let text: String = self.c.get(start..self.i).unwrap_or(&[]).iter().collect();
                text.parse::<Number>()
                    .map(|n| Arg::Lit(Value::Number(n)))
                    .map_err(|_| format!("invalid number '{text}'"))
            }
            _ => {
                for (word, v) in [
                    ("true", Value::Bool(true)),
                    ("false", Value::Bool(false)),
                    ("null", Value::Null),
                ] {
                    let after = self.c.get(self.i + word.len()).copied();
                    if self.starts_with(word)
                        && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
                    {
                        self.i += word.len();
                        return Ok(Arg::Lit(v));
                    }
                }
                Err(match self.peek() {
                    Some(c) => format!("unexpected '{c}' where an argument was expected"),
                    None => "missing argument and ')'".to_string(),
                })
            }
        }
    }

    fn parse_string(&mut self) -> Result<Arg, String> {
        self.i += 1;
        let mut pieces = Vec::new();
        let mut text = String::new();
        loop {
            match self.peek() {
                None => return Err("unterminated string literal".into()),
                Some('\'') => {
                    self.i += 1;
                    break;
                }
                Some('\\') => {
                    match self.c.get(self.i + 1) {
                        Some(&c @ ('\'' | '{' | '}' | '\\')) => text.push(c),
                        _ => return Err("open escape backslash '\\' in a string literal".into()),
                    }
                    self.i += 2;
                }
                Some('{') if self.c.get(self.i + 1) == Some(&'}') => {
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(Piece::Hole);
                    self.i += 2;
                }
                Some(c) => {
                    text.push(c);
                    self.i += 1;
                }
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(Arg::Str(pieces))
    }

    /// A path argument runs to the next `,` or `)` outside brackets and quotes.
    fn parse_path(&mut self) -> Result<Arg, String> {
        let start = self.i;
        let mut brackets = 0usize;
        let mut quote: Option<char> = None;
        while let Some(c) = self.peek() {
            if let Some(q) = quote {
                if c == '\\' {
                    self.i += 1;
                } else if c == q {
                    quote = None;
                }
            } else {
                match c {
                    '[' => brackets += 1,
                    ']' => brackets = brackets.saturating_sub(1),
                    '\'' | '"' if brackets > 0 => quote = Some(c),
                    ',' | ')' if brackets == 0 => break,
                    _ => {}
                }
            }
            self.i += 1;
        }
        let text: String = self
            .c
            .get(start..self.i.min(self.c.len()))
            .unwrap_or(&[])
            .iter()
            .collect();
        let text = text.trim_end().to_string();
        if crate::sfn::check::path_ok(&text) {
            Ok(Arg::Path(text))
        } else {
            Err(format!("invalid path '{text}'"))
        }
    }
}

fn parse(s: &str) -> Result<Call, String> {
    let mut p = Parser {
        c: s.trim().chars().collect(),
        i: 0,
        calls: 0,
    };
    let call = p.parse_call()?;
    p.skip_ws();
    if p.i < p.c.len() {
        return Err("unexpected text after the closing ')'".into());
    }
    Ok(call)
}

/// Static check for the validator: syntax, known function names, argument counts, and
/// what can be seen without data (placeholder count of a literal Format template, a
/// literal Hash algorithm, a literal deep-merge flag). The message is short English.
pub fn check(s: &str) -> Result<(), String> {
    let call = parse(s)?;
    check_call(&call)
}

fn check_call(call: &Call) -> Result<(), String> {
    match (call.name.as_str(), call.args.as_slice()) {
        ("Format", [Arg::Str(pieces), rest @ ..]) => {
            let holes = pieces.iter().filter(|p| **p == Piece::Hole).count();
            if holes != rest.len() {
                return Err(format!(
                    "States.Format has {holes} placeholder(s) '{{}}' but {} value argument(s)",
                    rest.len()
                ));
            }
        }
        ("Hash", [_, Arg::Str(alg)]) => {
            let alg = pieces_text(alg);
            if !HASHES.contains(&alg.as_str()) {
                return Err(format!(
                    "States.Hash does not know the algorithm '{alg}' (use one of {})",
                    HASHES.join(", ")
                ));
            }
        }
        ("JsonMerge", [_, _, Arg::Lit(Value::Bool(true))]) => {
            return Err(
                "States.JsonMerge supports only shallow merging: the third argument must be false"
                    .into(),
            );
        }
        _ => {}
    }
    // Arguments that must be numbers: a quoted string there can never work.
    let numeric: &[usize] = match call.name.as_str() {
        "MathAdd" => &[0, 1],
        "MathRandom" => &[0, 1, 2],
        "ArrayRange" => &[0, 1, 2],
        "ArrayGetItem" | "ArrayPartition" => &[1],
        _ => &[],
    };
    for &i in numeric {
        if let Some(Arg::Str(_) | Arg::Lit(Value::Bool(_) | Value::Null)) = call.args.get(i) {
            return Err(format!(
                "States.{}: argument {} must be a number or a path, not a literal of another type",
                call.name,
                i + 1
            ));
        }
    }
    for arg in &call.args {
        if let Arg::Call(inner) = arg {
            check_call(inner)?;
        }
    }
    Ok(())
}

/// An evaluated argument: its value, and for string literals the placeholder layout.
struct Val {
    value: Value,
    pieces: Option<Vec<Piece>>,
}

struct Env<'a> {
    input: &'a Value,
    roots: path::Roots<'a>,
    rng: &'a mut Rng,
}

/// Evaluates an intrinsic call. A path argument that matches nothing is
/// `States.Runtime`; a wrong type or value is `States.IntrinsicFailure`.
pub fn eval(s: &str, input: &Value, context: &Value, rng: &mut Rng) -> Result<Value, StateError> {
    eval_with(s, input, path::Roots { context, vars: &[] }, rng)
}

/// [`eval`] with workflow variables as path arguments (`States.Format('{}', $name)`).
pub fn eval_with(
    s: &str,
    input: &Value,
    roots: path::Roots<'_>,
    rng: &mut Rng,
) -> Result<Value, StateError> {
    let call = parse(s)
        .map_err(|e| StateError::runtime(format!("Invalid intrinsic function '{s}': {e}")))?;
    let mut env = Env { input, roots, rng };
    eval_call(&call, &mut env)
}

fn eval_arg(arg: &Arg, env: &mut Env<'_>) -> Result<Val, StateError> {
    let value = match arg {
        Arg::Str(pieces) => {
            return Ok(Val {
                value: Value::String(pieces_text(pieces)),
                pieces: Some(pieces.clone()),
            });
        }
        Arg::Lit(v) => v.clone(),
        Arg::Path(p) => {
            let (root, rel, what) = path::resolve(p, env.input, env.roots)?;
            match path::query(root, &rel) {
                Ok(v) => v,
                Err(PathError::NoMatch) => {
                    return Err(StateError::runtime(format!(
                        "The JSONPath '{p}' could not be found in the {what} '{}'",
                        short_json(root)
                    )));
                }
                Err(e) => return Err(StateError::runtime(format!("{e} ('{p}')"))),
            }
        }
        Arg::Call(c) => eval_call(c, env)?,
    };
    Ok(Val {
        value,
        pieces: None,
    })
}

fn fail(name: &str, why: impl std::fmt::Display) -> StateError {
    StateError::intrinsic(format!("Invalid arguments in States.{name}: {why}"))
}

/// "a string", "an array"…: a JSON value's kind in messages.
pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn want_array<'v>(name: &str, what: &str, v: &'v Value) -> Result<&'v Vec<Value>, StateError> {
    v.as_array().ok_or_else(|| {
        fail(
            name,
            format!("{what} must be an array, not {}", type_name(v)),
        )
    })
}

fn want_str<'v>(name: &str, what: &str, v: &'v Value) -> Result<&'v str, StateError> {
    v.as_str().ok_or_else(|| {
        fail(
            name,
            format!("{what} must be a string, not {}", type_name(v)),
        )
    })
}

/// A number rounded to the nearest integer (the guide: non-integers are rounded).
fn want_int(name: &str, what: &str, v: &Value) -> Result<i64, StateError> {
    let n = v.as_number().ok_or_else(|| {
        fail(
            name,
            format!("{what} must be a number, not {}", type_name(v)),
        )
    })?;
    if let Some(i) = n.as_i64() {
        return Ok(i);
    }
    match n.as_f64().map(f64::round) {
        Some(f) if f.is_finite() && f >= i64::MIN as f64 && f <= i64::MAX as f64 => Ok(f as i64),
        _ => Err(fail(name, format!("{what} is out of range"))),
    }
}

/// MathAdd's rounding: halves go toward +∞ (AWS: -1.5 → -1, 1.5 → 2).
fn want_int_half_up(name: &str, what: &str, v: &Value) -> Result<i64, StateError> {
    match v.as_number() {
        Some(n) if n.as_i64().is_none() => {
            let f = n.as_f64().map(|x| (x + 0.5).floor());
            match f {
                Some(f) if f.is_finite() && f >= i64::MIN as f64 && f <= i64::MAX as f64 => {
                    Ok(f as i64)
                }
                _ => Err(fail(name, format!("{what} is out of range"))),
            }
        }
        _ => want_int(name, what, v),
    }
}

/// `-0` (and `-0.0`) read as 0, as AWS prints them.
fn no_negative_zero(v: Value) -> Value {
    match v {
        Value::Number(n)
            if n.as_f64() == Some(0.0) && n.as_i64().is_none() && n.as_u64().is_none() =>
        {
            Value::from(0)
        }
        Value::Array(a) => Value::Array(a.into_iter().map(no_negative_zero).collect()),
        Value::Object(o) => Value::Object(
            o.into_iter()
                .map(|(k, x)| (k, no_negative_zero(x)))
                .collect(),
        ),
        other => other,
    }
}

/// A value in a `States.Format` placeholder as AWS prints it: strings as they are,
/// objects as `{a=1, b=[]}`, arrays as `[1, two]` (nested alike).
fn format_value(v: &Value, out: &mut String, depth: usize) {
    match v {
        Value::String(s) => out.push_str(s),
        Value::Object(o) if depth < 64 => {
            out.push('{');
            for (i, (k, x)) in o.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(k);
                out.push('=');
                format_value(x, out, depth + 1);
            }
            out.push('}');
        }
        Value::Array(a) if depth < 64 => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                format_value(x, out, depth + 1);
            }
            out.push(']');
        }
        other => out.push_str(&serde_json::to_string(other).unwrap_or_default()),
    }
}

fn check_len(name: &str, s: &str) -> Result<(), StateError> {
    if s.chars().count() > MAX_TEXT {
        Err(fail(
            name,
            format!("the input is longer than {MAX_TEXT} characters"),
        ))
    } else {
        Ok(())
    }
}

fn eval_call(call: &Call, env: &mut Env<'_>) -> Result<Value, StateError> {
    let mut vals = Vec::with_capacity(call.args.len());
    for a in &call.args {
        vals.push(eval_arg(a, env)?);
    }
    let name = call.name.as_str();
    let arg = |k: usize| vals.get(k).map_or(&Value::Null, |v| &v.value);
    match name {
        "Format" => {
            let first = vals.first().ok_or_else(|| fail(name, "missing template"))?;
            let template = want_str(name, "the first argument", &first.value)?;
            let pieces = match &first.pieces {
                Some(p) => p.clone(),
                None => split_holes(template),
            };
            let holes = pieces.iter().filter(|p| **p == Piece::Hole).count();
            if holes != vals.len() - 1 {
                return Err(fail(
                    name,
                    format!(
                        "the template has {holes} placeholder(s) but {} value(s) were given",
                        vals.len() - 1
                    ),
                ));
            }
            let mut out = String::new();
            let mut values = vals.iter().skip(1);
            for p in &pieces {
                match p {
                    Piece::Text(t) => out.push_str(t),
                    Piece::Hole => {
                        if let Some(v) = values.next() {
                            format_value(&v.value, &mut out, 0);
                        }
                    }
                }
            }
            Ok(Value::String(out))
        }
        "StringToJson" => {
            let s = want_str(name, "the argument", arg(0))?;
            // AWS: an empty or blank string is null; "-0" is 0.
            if s.trim().is_empty() {
                return Ok(Value::Null);
            }
            serde_json::from_str(s)
                .map(no_negative_zero)
                .map_err(|e| fail(name, format!("the string is not JSON ({e})")))
        }
        "JsonToString" => serde_json::to_string(arg(0))
            .map(Value::String)
            .map_err(|e| fail(name, e)),
        "Array" => Ok(Value::Array(vals.into_iter().map(|v| v.value).collect())),
        "ArrayPartition" => {
            let items = want_array(name, "the first argument", arg(0))?;
            let size = want_int(name, "the chunk size", arg(1))?;
            if size <= 0 {
                return Err(fail(name, "the chunk size must be a positive integer"));
            }
            let size = usize::try_from(size).unwrap_or(usize::MAX);
            Ok(Value::Array(
                items
                    .chunks(size)
                    .map(|c| Value::Array(c.to_vec()))
                    .collect(),
            ))
        }
        "ArrayContains" => {
            let items = want_array(name, "the first argument", arg(0))?;
            Ok(Value::Bool(items.contains(arg(1))))
        }
        "ArrayRange" => {
            let start = i128::from(want_int(name, "the start", arg(0))?);
            let end = i128::from(want_int(name, "the end", arg(1))?);
            let step = i128::from(want_int(name, "the step", arg(2))?);
            if step == 0 {
                return Err(fail(name, "the step must not be 0"));
            }
            let count = if (step > 0 && start <= end) || (step < 0 && start >= end) {
                (end - start) / step + 1
            } else {
                0
            };
            if count > MAX_RANGE {
                return Err(fail(
                    name,
                    format!("the array would have {count} items (the limit is {MAX_RANGE})"),
                ));
            }
            let items = (0..count)
                .filter_map(|k| i64::try_from(start + k * step).ok())
                .map(Value::from)
                .collect();
            Ok(Value::Array(items))
        }
        "ArrayGetItem" => {
            let items = want_array(name, "the first argument", arg(0))?;
            let index = want_int(name, "the index", arg(1))?;
            usize::try_from(index)
                .ok()
                .and_then(|i| items.get(i))
                .cloned()
                .ok_or_else(|| {
                    fail(
                        name,
                        format!(
                            "index {index} is out of bounds for an array of {} item(s)",
                            items.len()
                        ),
                    )
                })
        }
        "ArrayLength" => Ok(Value::from(want_array(name, "the argument", arg(0))?.len())),
        "ArrayUnique" => {
            let items = want_array(name, "the argument", arg(0))?;
            let mut out: Vec<Value> = Vec::new();
            for v in items {
                if !out.contains(v) {
                    out.push(v.clone());
                }
            }
            Ok(Value::Array(out))
        }
        "Base64Encode" => {
            let s = want_str(name, "the argument", arg(0))?;
            check_len(name, s)?;
            Ok(Value::String(base64_encode(s.as_bytes())))
        }
        "Base64Decode" => {
            let s = want_str(name, "the argument", arg(0))?;
            check_len(name, s)?;
            let bytes =
                base64_decode(s).ok_or_else(|| fail(name, "the argument is not valid Base64"))?;
            Ok(Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        }
        "Hash" => {
            let data = match arg(0) {
                Value::String(s) => s.clone(),
                other => serde_json::to_string(other).unwrap_or_default(),
            };
            check_len(name, &data)?;
            let alg = want_str(name, "the algorithm", arg(1))?;
            let digest = hash(alg, data.as_bytes()).ok_or_else(|| {
                fail(
                    name,
                    format!(
                        "unknown algorithm '{alg}' (use one of {})",
                        HASHES.join(", ")
                    ),
                )
            })?;
            Ok(Value::String(hex(&digest)))
        }
        "JsonMerge" => {
            let a = arg(0).as_object().ok_or_else(|| {
                fail(
                    name,
                    format!(
                        "the first argument must be an object, not {}",
                        type_name(arg(0))
                    ),
                )
            })?;
            let b = arg(1).as_object().ok_or_else(|| {
                fail(
                    name,
                    format!(
                        "the second argument must be an object, not {}",
                        type_name(arg(1))
                    ),
                )
            })?;
            match arg(2) {
                Value::Bool(false) => {}
                Value::Bool(true) => {
                    return Err(fail(
                        name,
                        "deep merging is not supported; the third argument must be false",
                    ));
                }
                other => {
                    return Err(fail(
                        name,
                        format!(
                            "the third argument must be a boolean, not {}",
                            type_name(other)
                        ),
                    ));
                }
            }
            let mut out: Map<String, Value> = a.clone();
            for (k, v) in b {
                out.insert(k.clone(), v.clone());
            }
            Ok(Value::Object(out))
        }
        "MathRandom" => {
            let start = i128::from(want_int(name, "the start", arg(0))?);
            let end = i128::from(want_int(name, "the end", arg(1))?);
            if end <= start {
                return Err(fail(name, "the end must be greater than the start"));
            }
            let span = u128::try_from(end - start).unwrap_or(1);
            let draw = match vals.get(2) {
                Some(seed) => {
                    let seed = want_int(name, "the seed", &seed.value)?;
                    Rng::new(seed as u64).next_u64()
                }
                None => env.rng.next_u64(),
            };
            let n = start + i128::try_from(u128::from(draw) % span).unwrap_or(0);
            Ok(Value::from(i64::try_from(n).unwrap_or(i64::MAX)))
        }
        "MathAdd" => {
            let a = want_int_half_up(name, "the first argument", arg(0))?;
            let b = want_int_half_up(name, "the second argument", arg(1))?;
            let range = i64::from(i32::MIN)..=i64::from(i32::MAX);
            if !range.contains(&a) || !range.contains(&b) {
                return Err(fail(
                    name,
                    "the values must be integers between -2147483648 and 2147483647",
                ));
            }
            Ok(Value::from(a + b))
        }
        "StringSplit" => {
            let s = want_str(name, "the first argument", arg(0))?;
            let delims = want_str(name, "the delimiter", arg(1))?;
            let parts = s
                .split(|c: char| delims.contains(c))
                .filter(|p| !p.is_empty())
                .map(|p| Value::String(p.to_string()))
                .collect();
            Ok(Value::Array(parts))
        }
        "UUID" => Ok(Value::String(uuid_v4(env.rng))),
        other => Err(StateError::runtime(format!(
            "unknown intrinsic function 'States.{other}'"
        ))),
    }
}

/// `{}` placeholders in a template that came from a path (no escapes there).
fn split_holes(s: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut parts = s.split("{}").peekable();
    while let Some(part) = parts.next() {
        if !part.is_empty() {
            pieces.push(Piece::Text(part.to_string()));
        }
        if parts.peek().is_some() {
            pieces.push(Piece::Hole);
        }
    }
    pieces
}

/// Standard Base64 with padding on output; on input, padding optional and trailing
/// bits tolerated (the `base64` crate, configured to be as lenient as AWS).
const B64: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine as _;
    B64.encode(bytes)
}

/// Standard Base64 (padding optional, whitespace ignored as MIME decoders do).
fn base64_decode(s: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    let compact: String = s.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    B64.decode(compact).ok()
}

/// The hex digest of `text` with one of AWS's algorithm names (MD5, SHA-1…).
pub fn hash_hex(text: &str, alg: &str) -> Option<String> {
    hash(alg, text.as_bytes()).map(|d| d.iter().map(|b| format!("{b:02x}")).collect())
}

fn hash(alg: &str, data: &[u8]) -> Option<Vec<u8>> {
    use sha2::Digest;
    Some(match alg {
        "MD5" => md5::Md5::digest(data).to_vec(),
        "SHA-1" => sha1::Sha1::digest(data).to_vec(),
        "SHA-256" => sha2::Sha256::digest(data).to_vec(),
        "SHA-384" => sha2::Sha384::digest(data).to_vec(),
        "SHA-512" => sha2::Sha512::digest(data).to_vec(),
        _ => return None,
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn uuid_v4(rng: &mut Rng) -> String {
    let mut b = [0u8; 16];
    b[..8].copy_from_slice(&rng.next_u64().to_be_bytes());
    b[8..].copy_from_slice(&rng.next_u64().to_be_bytes());
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex(&b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

#[cfg(test)]
mod tests {
    //! Examples from https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
    use super::*;
    use serde_json::json;

    fn run(expr: &str, input: Value) -> Result<Value, StateError> {
        eval(
            expr,
            &input,
            &json!({"Execution": {"Id": "arn:exec:1", "Name": "run-1"}}),
            &mut Rng::new(7),
        )
    }

    fn ok(expr: &str, input: Value) -> Value {
        match run(expr, input) {
            Ok(v) => v,
            Err(e) => panic!("{expr}: {e:?}"),
        }
    }

    fn failure(expr: &str, input: Value) -> StateError {
        match run(expr, input) {
            Ok(v) => panic!("{expr} should fail, gave {v}"),
            Err(e) => e,
        }
    }

    #[test]
    fn format() {
        let input = json!({"name": "Arnav", "template": "Hello, my name is {}."});
        assert_eq!(
            ok(
                "States.Format('Hello, my name is {}.', $.name)",
                input.clone()
            ),
            json!("Hello, my name is Arnav.")
        );
        assert_eq!(
            ok("States.Format($.template, $.name)", input.clone()),
            json!("Hello, my name is Arnav.")
        );
        assert_eq!(
            ok(r"States.Format('\{\} {} \'q\' \\', 5)", json!({})),
            json!(r"{} 5 'q' \")
        );
        assert_eq!(
            ok("States.Format('{}-{}-{}', true, null, 1.5)", json!({})),
            json!("true-null-1.5")
        );
        assert_eq!(
            ok("States.Format('{}', $$.Execution.Name)", json!({})),
            json!("run-1")
        );
        assert_eq!(
            failure("States.Format('{} {}', 1)", json!({})).error,
            "States.IntrinsicFailure"
        );
        assert_eq!(
            failure("States.Format($.n, 1)", json!({"n": 3})).error,
            "States.IntrinsicFailure"
        );
    }

    #[test]
    fn nine_nested_calls_from_the_guide() {
        let expr = "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))";
        // The guide's example has three placeholders for two values, which its own
        // rule for States.Format forbids: the check and the evaluation both say so.
        let input = json!({"ImageRecipe": {"Arn": "arn:aws:imagebuilder:us-east-1:123:image-recipe/my.recipe/1.0.0"}});
        assert!(check(expr).is_err_and(|e| e.contains("placeholder")));
        assert_eq!(
            failure(expr, input.clone()).error,
            "States.IntrinsicFailure"
        );
        let fixed = expr.replacen("'{}.{}.{}'", "'{}.{}'", 1);
        assert_eq!(check(&fixed), Ok(()));
        assert_eq!(ok(&fixed, input), json!("1.0"));
    }

    #[test]
    fn string_to_json_and_back() {
        assert_eq!(
            ok(
                "States.StringToJson($.escapedJsonString)",
                json!({"escapedJsonString": "{\"foo\": \"bar\"}"})
            ),
            json!({"foo": "bar"})
        );
        assert_eq!(
            ok(
                "States.JsonToString($.unescapedJson)",
                json!({"unescapedJson": {"foo": "bar"}})
            ),
            json!("{\"foo\":\"bar\"}")
        );
        assert_eq!(
            failure("States.StringToJson('{nope')", json!({})).error,
            "States.IntrinsicFailure"
        );
        assert_eq!(
            failure("States.StringToJson(3)", json!({})).error,
            "States.IntrinsicFailure"
        );
    }

    #[test]
    fn array() {
        assert_eq!(
            ok("States.Array($.Id)", json!({"Id": 123456})),
            json!([123456])
        );
        assert_eq!(ok("States.Array()", json!({})), json!([]));
        assert_eq!(
            ok(
                "States.Array('a', 1, -2.5, true, false, null, States.Array())",
                json!({})
            ),
            json!(["a", 1, -2.5, true, false, null, []])
        );
    }

    #[test]
    fn array_partition() {
        let input = json!({"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9]});
        assert_eq!(
            ok("States.ArrayPartition($.inputArray,4)", input.clone()),
            json!([[1, 2, 3, 4], [5, 6, 7, 8], [9]])
        );
        assert_eq!(
            ok("States.ArrayPartition($.inputArray, 3.6)", input.clone()),
            json!([[1, 2, 3, 4], [5, 6, 7, 8], [9]])
        );
        assert_eq!(
            ok("States.ArrayPartition(States.Array(), 2)", json!({})),
            json!([])
        );
        assert_eq!(
            failure("States.ArrayPartition($.inputArray, 0)", input.clone()).error,
            "States.IntrinsicFailure"
        );
        assert_eq!(
            failure("States.ArrayPartition('x', 1)", input).error,
            "States.IntrinsicFailure"
        );
    }

    #[test]
    fn array_contains() {
        let input = json!({"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9], "lookingFor": 5});
        assert_eq!(
            ok(
                "States.ArrayContains($.inputArray, $.lookingFor)",
                input.clone()
            ),
            json!(true)
        );
        assert_eq!(
            ok("States.ArrayContains($.inputArray, 'x')", input),
            json!(false)
        );
    }

    #[test]
    fn array_range() {
        assert_eq!(
            ok("States.ArrayRange(1, 9, 2)", json!({})),
            json!([1, 3, 5, 7, 9])
        );
        assert_eq!(
            ok("States.ArrayRange(5, 1, -2)", json!({})),
            json!([5, 3, 1])
        );
        assert_eq!(ok("States.ArrayRange(1, 5, -1)", json!({})), json!([]));
        assert_eq!(
            ok("States.ArrayRange(1, 1000, 1)", json!({}))
                .as_array()
                .map(Vec::len),
            Some(1000)
        );
        assert_eq!(
            failure("States.ArrayRange(0, 1000, 1)", json!({})).error,
            "States.IntrinsicFailure"
        );
        assert_eq!(
            failure("States.ArrayRange(1, 9, 0)", json!({})).error,
            "States.IntrinsicFailure"
        );
    }

    #[test]
    fn array_get_item() {
        let input = json!({"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9], "index": 5});
        assert_eq!(
            ok("States.ArrayGetItem($.inputArray, $.index)", input.clone()),
            json!(6)
        );
        assert_eq!(
            failure("States.ArrayGetItem($.inputArray, 9)", input.clone()).error,
            "States.IntrinsicFailure"
        );
        assert_eq!(
            failure("States.ArrayGetItem($.inputArray, -1)", input).error,
            "States.IntrinsicFailure"
        );
    }

    #[test]
    fn array_length() {
        assert_eq!(
            ok(
                "States.ArrayLength($.inputArray)",
                json!({"inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9]})
            ),
            json!(9)
        );
        assert_eq!(
            failure("States.ArrayLength($.x)", json!({"x": {}})).error,
            "States.IntrinsicFailure"
        );
    }

    #[test]
    fn array_unique() {
        assert_eq!(
            ok(
                "States.ArrayUnique($.inputArray)",
                json!({"inputArray": [1, 2, 3, 3, 3, 3, 3, 3, 4]})
            ),
            json!([1, 2, 3, 4])
        );
        assert_eq!(
            ok(
                "States.ArrayUnique($.a)",
                json!({"a": [{"k": 1}, "x", {"k": 1}, "x"]})
            ),
            json!([{"k": 1}, "x"])
        );
    }

    #[test]
    fn base64() {
        assert_eq!(
            ok(
                "States.Base64Encode($.input)",
                json!({"input": "Data to encode"})
            ),
            json!("RGF0YSB0byBlbmNvZGU=")
        );
        // (The guide prints "Decoded data" here, which does not match its own input.)
        assert_eq!(
            ok(
                "States.Base64Decode($.base64)",
                json!({"base64": "RGF0YSB0byBlbmNvZGU="})
            ),
            json!("Data to encode")
        );
        for s in ["", "f", "fo", "foo", "foob", "fooba", "foobar", "é✓"] {
            let enc = base64_encode(s.as_bytes());
            assert_eq!(base64_decode(&enc).as_deref(), Some(s.as_bytes()));
        }
        assert_eq!(base64_encode(b"fo"), "Zm8=");
        assert_eq!(base64_decode("Zm8"), Some(b"fo".to_vec()));
        assert_eq!(
            failure("States.Base64Decode('@@@')", json!({})).error,
            "States.IntrinsicFailure"
        );
        assert_eq!(
            failure("States.Base64Decode('Zg=x')", json!({})).error,
            "States.IntrinsicFailure"
        );
        let long = "a".repeat(10_001);
        assert_eq!(
            failure("States.Base64Encode($.s)", json!({"s": long})).error,
            "States.IntrinsicFailure"
        );
    }

    #[test]
    fn hash() {
        let input = json!({"Data": "input data", "Algorithm": "SHA-1"});
        // The guide prints this value with one digit missing (a typo); this is the SHA-1
        // of "input data".
        assert_eq!(
            ok("States.Hash($.Data, $.Algorithm)", input.clone()),
            json!("aaff4a450a104cd177d28d18d74485e8cae074b7")
        );
        assert_eq!(
            ok("States.Hash('', 'MD5')", json!({})),
            json!("d41d8cd98f00b204e9800998ecf8427e")
        );
        assert_eq!(
            ok("States.Hash('abc', 'SHA-256')", json!({})),
            json!("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        );
        assert_eq!(
            ok("States.Hash('abc', 'SHA-384')", json!({}))
                .as_str()
                .map(str::len),
            Some(96)
        );
        assert_eq!(
            ok("States.Hash('abc', 'SHA-512')", json!({}))
                .as_str()
                .map(str::len),
            Some(128)
        );
        assert_eq!(
            failure("States.Hash('abc', 'sha-1')", json!({})).error,
            "States.IntrinsicFailure"
        );
        assert!(check("States.Hash($.x, 'CRC32')").is_err());
    }

    #[test]
    fn json_merge() {
        let input = json!({"json1": {"a": {"a1": 1, "a2": 2}, "b": 2}, "json2": {"a": {"a3": 1, "a4": 2}, "c": 3}});
        assert_eq!(
            ok("States.JsonMerge($.json1, $.json2, false)", input.clone()),
            json!({"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3})
        );
        assert_eq!(
            failure("States.JsonMerge($.json1, $.json2, true)", input.clone()).error,
            "States.IntrinsicFailure"
        );
        assert!(check("States.JsonMerge($.json1, $.json2, true)").is_err());
        assert_eq!(
            failure("States.JsonMerge($.json1, 'x', false)", input).error,
            "States.IntrinsicFailure"
        );
    }

    #[test]
    fn math_random() {
        for _ in 0..20 {
            let n = ok(
                "States.MathRandom($.start, $.end)",
                json!({"start": 1, "end": 999}),
            )
            .as_i64()
            .unwrap_or(-1);
            assert!((1..999).contains(&n));
        }
        assert_eq!(ok("States.MathRandom(1, 2)", json!({})), json!(1));
        let a = eval(
            "States.MathRandom(1, 999, 42)",
            &json!({}),
            &json!({}),
            &mut Rng::new(1),
        );
        let b = eval(
            "States.MathRandom(1, 999, 42)",
            &json!({}),
            &json!({}),
            &mut Rng::new(2),
        );
        assert_eq!(a, b);
        let c = eval(
            "States.MathRandom(1, 1000000)",
            &json!({}),
            &json!({}),
            &mut Rng::new(1),
        );
        let d = eval(
            "States.MathRandom(1, 1000000)",
            &json!({}),
            &json!({}),
            &mut Rng::new(1),
        );
        assert_eq!(c, d);
        assert_eq!(
            failure("States.MathRandom(5, 5)", json!({})).error,
            "States.IntrinsicFailure"
        );
    }

    #[test]
    fn math_add() {
        assert_eq!(
            ok(
                "States.MathAdd($.value1, $.step)",
                json!({"value1": 111, "step": -1})
            ),
            json!(110)
        );
        assert_eq!(ok("States.MathAdd(1.6, 1)", json!({})), json!(3));
        assert_eq!(
            ok("States.MathAdd(2147483647, 2147483647)", json!({})),
            json!(4294967294_i64)
        );
        assert_eq!(
            failure("States.MathAdd(2147483648, 0)", json!({})).error,
            "States.IntrinsicFailure"
        );
        assert_eq!(
            failure("States.MathAdd('1', 0)", json!({})).error,
            "States.IntrinsicFailure"
        );
    }

    #[test]
    fn string_split() {
        assert_eq!(
            ok(
                "States.StringSplit($.inputString, $.splitter)",
                json!({"inputString": "1,2,3,4,5", "splitter": ","})
            ),
            json!(["1", "2", "3", "4", "5"])
        );
        assert_eq!(
            ok(
                "States.StringSplit($.inputString, $.splitter)",
                json!({"inputString": "This.is+a,test=string", "splitter": ".+,="})
            ),
            json!(["This", "is", "a", "test", "string"])
        );
        assert_eq!(
            ok("States.StringSplit(',,a,,', ',')", json!({})),
            json!(["a"])
        );
    }

    #[test]
    fn uuid() {
        let v = ok("States.UUID()", json!({}));
        let s = v.as_str().unwrap_or("");
        assert_eq!(s.len(), 36);
        let parts: Vec<&str> = s.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            vec![8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('4'));
        assert!(matches!(
            parts[3].chars().next(),
            Some('8' | '9' | 'a' | 'b')
        ));
        assert!(
            s.chars()
                .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert_eq!(
            ok("States.UUID()", json!({})),
            v,
            "the same seed gives the same UUID"
        );
    }

    #[test]
    fn paths_in_arguments() {
        let input = json!({"a": [{"id": "x"}, {"id": "y"}], "b c": 1});
        assert_eq!(
            ok(
                "States.Array($.a[*].id, $['b c'], $.a[?(@.id == 'y')].id)",
                input.clone()
            ),
            json!([["x", "y"], 1, ["y"]])
        );
        assert_eq!(
            ok("States.Array($$.Execution.Id, $)", json!(1)),
            json!(["arn:exec:1", 1])
        );
        let e = failure("States.Array($.missing)", input);
        assert_eq!(e.error, "States.Runtime");
        assert!(e.cause.contains("$.missing"), "{}", e.cause);
    }

    #[test]
    fn static_check() {
        assert!(looks_intrinsic("States.Array()"));
        assert!(!looks_intrinsic("$.a"));
        for good in [
            "States.Array()",
            "States.Format('a {} b', $.x)",
            "States.Format('no holes')",
            "States.MathRandom(1, 2)",
            "States.MathRandom(1, 2, 3)",
            "States.Array( 'a' , $$.Execution.Id ,1)",
            r"States.Format('\{\}')",
            "States.UUID()",
        ] {
            assert_eq!(check(good), Ok(()), "{good}");
        }
        for bad in [
            "States.Nope()",
            "States.Array(",
            "States.Array() x",
            "States.Array('a)",
            "States.Array(foo)",
            "States.Array($.)",
            "States.UUID(1)",
            "States.MathAdd(1)",
            "States.Format('{} {}', $.x)",
            "States.Format()",
            r"States.Array('\n')",
            "States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array())))))))))))",
            "Array()",
            "",
        ] {
            assert!(check(bad).is_err(), "{bad} should be rejected");
        }
        let e = failure("States.Array(", json!({}));
        assert_eq!(e.error, "States.Runtime");
    }
}
