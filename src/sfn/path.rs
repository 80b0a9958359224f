//! JSONPath as Step Functions uses it (JSONPath query language): the full syntax of
//! `InputPath`, `OutputPath`, `ItemsPath` and `key.$` values, the restricted
//! *reference paths* of `ResultPath`, Choice `…Path` comparisons and `ErrorPath`, and
//! `ResultPath`'s write semantics.
//!
//! Sources: <https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html>
//! (paths and reference paths), <https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html>
//! (ResultPath) and the Amazon States Language specification. AWS evaluates paths with
//! Jayway JsonPath; the behaviour here follows it where the guide is silent (indefinite
//! paths give a list, possibly empty; a definite path that matches nothing is an error).
use std::fmt;

use serde_json::{Map, Value};

use super::StateError;
use super::lex::{is_context_path, short_json};

/// How deep a path evaluation may descend (`..`) or a filter may nest parentheses.
const MAX_DEPTH: usize = 256;

/// Why a path could not be evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathError {
    /// The path is not valid JSONPath (the message says where).
    Syntax(String),
    /// A definite path whose target does not exist in the document.
    NoMatch,
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathError::Syntax(msg) => write!(f, "invalid JSONPath: {msg}"),
            PathError::NoMatch => write!(f, "the path matches nothing"),
        }
    }
}

impl std::error::Error for PathError {}

/// One step of a parsed path.
#[derive(Debug, Clone, PartialEq)]
enum Seg {
    /// `.name` or `['name']`
    Name(String),
    /// `[3]` or `[-1]`
    Index(i64),
    /// `.*` or `[*]`
    Wildcard,
    /// `[a:b]` with either bound optional
    Slice(Option<i64>, Option<i64>),
    /// `['a','b']`
    Names(Vec<String>),
    /// `[0,2]`
    Indexes(Vec<i64>),
    /// `[?(…)]`
    Filter(Expr),
    /// `..x`: the inner step applied to the node and every descendant
    Descent(Box<Seg>),
}

impl Seg {
    fn is_definite(&self) -> bool {
        matches!(self, Seg::Name(_) | Seg::Index(_))
    }
}

/// A filter expression inside `[?( … )]`.
#[derive(Debug, Clone, PartialEq)]
enum Expr {
    Or(Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    /// An operand on its own: `@.isbn` is true when the member exists.
    Exists(Operand),
    Cmp(Operand, CmpOp, Operand),
}

#[derive(Debug, Clone, PartialEq)]
enum Operand {
    /// `@…`: relative to the item being tested (definite steps only).
    Current(Vec<Seg>),
    /// `$…`: relative to the document root (definite steps only).
    Root(Vec<Seg>),
    Literal(Value),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

struct Parser<'a> {
    src: &'a str,
    b: &'a [u8],
    i: usize,
    depth: usize,
}

/// Characters that end a dot-notation member name or may not appear in one.
fn is_name_byte(c: u8) -> bool {
    !(c.is_ascii_whitespace()
        || c.is_ascii_control()
        || matches!(
            c,
            b'.' | b'['
                | b']'
                | b'('
                | b')'
                | b'\''
                | b'"'
                | b','
                | b'*'
                | b'?'
                | b'@'
                | b'$'
                | b':'
                | b'\\'
                | b'='
                | b'<'
                | b'>'
                | b'!'
                | b'&'
                | b'|'
        ))
}

impl<'a> Parser<'a> {
    fn new(src: &'a str) -> Parser<'a> {
        Parser {
            src,
            b: src.as_bytes(),
            i: 0,
            depth: 0,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn peek_at(&self, k: usize) -> Option<u8> {
        self.b.get(self.i + k).copied()
    }

    fn err<T>(&self, msg: &str) -> Result<T, PathError> {
        Err(PathError::Syntax(format!("{msg} at position {}", self.i)))
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: u8) -> Result<(), PathError> {
        if self.eat(c) {
            Ok(())
        } else {
            self.err(&format!("expected '{}'", c as char))
        }
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(c) if c == b' ' || c == b'\t') {
            self.i += 1;
        }
    }

    /// A whole path: `$` followed by steps, up to the end of the text.
    fn parse_path(&mut self) -> Result<Vec<Seg>, PathError> {
        if !self.eat(b'$') {
            return self.err("a path must start with '$'");
        }
        let segs = self.parse_steps(false)?;
        if self.i < self.b.len() {
            return self.err("unexpected character");
        }
        Ok(segs)
    }

    /// Steps after `$` or `@`. In a filter operand (`inner`), only definite steps are
    /// allowed and the steps end at the first character that cannot start one.
    fn parse_steps(&mut self, inner: bool) -> Result<Vec<Seg>, PathError> {
        let mut segs = Vec::new();
        loop {
            match self.peek() {
                None => break,
                Some(b'.') => {
                    if self.peek_at(1) == Some(b'.') {
                        if inner {
                            return self.err("'..' is not allowed inside a filter");
                        }
                        self.i += 2;
                        let seg = match self.peek() {
                            Some(b'*') => {
                                self.i += 1;
                                Seg::Wildcard
                            }
                            Some(b'[') => self.parse_bracket()?,
                            _ => Seg::Name(self.parse_name()?),
                        };
                        segs.push(Seg::Descent(Box::new(seg)));
                    } else {
                        self.i += 1;
                        match self.peek() {
                            Some(b'*') if !inner => {
                                self.i += 1;
                                segs.push(Seg::Wildcard);
                            }
                            Some(b'[') => segs.push(self.parse_bracket()?),
                            _ => segs.push(Seg::Name(self.parse_name()?)),
                        }
                    }
                }
                Some(b'[') => segs.push(self.parse_bracket()?),
                Some(_) if inner => break,
                Some(_) => return self.err("unexpected character"),
            }
            if inner && segs.last().is_some_and(|s| !s.is_definite()) {
                return self.err("only members and indexes are allowed inside a filter");
            }
        }
        Ok(segs)
    }

    fn parse_name(&mut self) -> Result<String, PathError> {
        let start = self.i;
        while matches!(self.peek(), Some(c) if c >= 0x80 || is_name_byte(c)) {
            self.i += 1;
        }
        if self.i == start {
            return self.err("expected a member name");
        }
        if self.peek() == Some(b'(') {
            return self.err("functions such as length() are not supported");
        }
        match self.src.get(start..self.i) {
            Some(s) => Ok(s.to_string()),
            None => self.err("invalid member name"),
        }
    }

    fn parse_quoted(&mut self) -> Result<String, PathError> {
        let quote = match self.peek() {
            Some(q @ (b'\'' | b'"')) => q,
            _ => return self.err("expected a quoted name"),
        };
        self.i += 1;
        let mut bytes = Vec::new();
        loop {
            match self.peek() {
                None => return self.err("unterminated quoted name"),
                Some(b'\\') => {
                    match self.peek_at(1) {
                        Some(c @ (b'\\' | b'\'' | b'"')) => bytes.push(c),
                        _ => return self.err("invalid escape in a quoted name"),
                    }
                    self.i += 2;
                }
                Some(c) if c == quote => {
                    self.i += 1;
                    break;
                }
                Some(c) => {
                    bytes.push(c);
                    self.i += 1;
                }
            }
        }
        String::from_utf8(bytes).or_else(|_| self.err("invalid text in a quoted name"))
    }

    fn parse_int(&mut self) -> Result<i64, PathError> {
        let start = self.i;
        self.eat(b'-');
        let digits = self.i;
        while matches!(self.peek(), Some(c) if c.is_ascii_digit()) {
            self.i += 1;
        }
        if self.i == digits {
            return self.err("expected an integer");
        }
        match self
            .src
            .get(start..self.i)
            .and_then(|s| s.parse::<i64>().ok())
        {
            Some(n) => Ok(n),
            None => self.err("integer out of range"),
        }
    }

    /// `[ … ]`, the cursor on `[`.
    fn parse_bracket(&mut self) -> Result<Seg, PathError> {
        self.expect(b'[')?;
        self.skip_ws();
        let seg = match self.peek() {
            Some(b'*') => {
                self.i += 1;
                Seg::Wildcard
            }
            Some(b'?') => {
                self.i += 1;
                self.skip_ws();
                self.expect(b'(')?;
                let e = self.parse_or()?;
                self.skip_ws();
                self.expect(b')')?;
                Seg::Filter(e)
            }
            Some(b'(') => {
                // Jayway's script index `[(@.length-1)]`: counted from the end.
                self.i += 1;
                self.skip_ws();
                let word = "@.length";
                if self.b.get(self.i..self.i + word.len()) != Some(word.as_bytes()) {
                    return self.err("only (@.length-N) is supported as a script index");
                }
                self.i += word.len();
                self.skip_ws();
                let back = if self.eat(b'-') {
                    self.skip_ws();
                    self.parse_int()?
                } else {
                    0
                };
                self.skip_ws();
                self.expect(b')')?;
                if back <= 0 {
                    Seg::Index(i64::MAX)
                } else {
                    Seg::Index(-back)
                }
            }
            Some(b'\'' | b'"') => {
                let mut names = vec![self.parse_quoted()?];
                self.skip_ws();
                while self.eat(b',') {
                    self.skip_ws();
                    names.push(self.parse_quoted()?);
                    self.skip_ws();
                }
                if names.len() == 1 {
                    Seg::Name(names.remove(0))
                } else {
                    Seg::Names(names)
                }
            }
            Some(b':') => {
                self.i += 1;
                self.skip_ws();
                let end = self.parse_slice_end()?;
                Seg::Slice(None, end)
            }
            Some(c) if c == b'-' || c.is_ascii_digit() => {
                let first = self.parse_int()?;
                self.skip_ws();
                if self.eat(b':') {
                    self.skip_ws();
                    let end = self.parse_slice_end()?;
                    Seg::Slice(Some(first), end)
                } else if self.peek() == Some(b',') {
                    let mut idx = vec![first];
                    while self.eat(b',') {
                        self.skip_ws();
                        idx.push(self.parse_int()?);
                        self.skip_ws();
                    }
                    Seg::Indexes(idx)
                } else {
                    Seg::Index(first)
                }
            }
            _ => return self.err("expected an index, a quoted name, '*', a slice or a filter"),
        };
        self.skip_ws();
        self.expect(b']')?;
        Ok(seg)
    }

    fn parse_slice_end(&mut self) -> Result<Option<i64>, PathError> {
        match self.peek() {
            Some(c) if c == b'-' || c.is_ascii_digit() => {
                let n = self.parse_int()?;
                self.skip_ws();
                if self.peek() == Some(b':') {
                    return self.err("slice steps are not supported");
                }
                Ok(Some(n))
            }
            Some(b':') => self.err("slice steps are not supported"),
            _ => Ok(None),
        }
    }

    fn enter(&mut self) -> Result<(), PathError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.err("filter nested too deeply");
        }
        Ok(())
    }

    fn parse_or(&mut self) -> Result<Expr, PathError> {
        self.enter()?;
        let mut left = self.parse_and()?;
        loop {
            self.skip_ws();
            if self.peek() == Some(b'|') && self.peek_at(1) == Some(b'|') {
                self.i += 2;
                let right = self.parse_and()?;
                left = Expr::Or(Box::new(left), Box::new(right));
            } else {
                break;
            }
        }
        self.depth -= 1;
        Ok(left)
    }

    fn parse_and(&mut self) -> Result<Expr, PathError> {
        let mut left = self.parse_atom()?;
        loop {
            self.skip_ws();
            if self.peek() == Some(b'&') && self.peek_at(1) == Some(b'&') {
                self.i += 2;
                let right = self.parse_atom()?;
                left = Expr::And(Box::new(left), Box::new(right));
            } else {
                break;
            }
        }
        Ok(left)
    }

    fn parse_atom(&mut self) -> Result<Expr, PathError> {
        self.skip_ws();
        if self.eat(b'(') {
            let e = self.parse_or()?;
            self.skip_ws();
            self.expect(b')')?;
            return Ok(e);
        }
        let left = self.parse_operand()?;
        self.skip_ws();
        let op = match (self.peek(), self.peek_at(1)) {
            (Some(b'='), Some(b'=')) => Some((CmpOp::Eq, 2)),
            (Some(b'!'), Some(b'=')) => Some((CmpOp::Ne, 2)),
            (Some(b'<'), Some(b'=')) => Some((CmpOp::Le, 2)),
            (Some(b'>'), Some(b'=')) => Some((CmpOp::Ge, 2)),
            (Some(b'<'), _) => Some((CmpOp::Lt, 1)),
            (Some(b'>'), _) => Some((CmpOp::Gt, 1)),
            (Some(b'='), Some(b'~')) => return self.err("regular expressions are not supported"),
            _ => None,
        };
        match op {
            Some((op, len)) => {
                self.i += len;
                if self.peek() == Some(b'=') {
                    return self.err("unknown operator");
                }
                self.skip_ws();
                let right = self.parse_operand()?;
                Ok(Expr::Cmp(left, op, right))
            }
            None => match left {
                Operand::Literal(_) => self.err("a literal on its own is not a condition"),
                other => Ok(Expr::Exists(other)),
            },
        }
    }

    fn parse_operand(&mut self) -> Result<Operand, PathError> {
        match self.peek() {
            Some(b'@') => {
                self.i += 1;
                Ok(Operand::Current(self.parse_steps(true)?))
            }
            Some(b'$') => {
                self.i += 1;
                Ok(Operand::Root(self.parse_steps(true)?))
            }
            Some(b'\'' | b'"') => Ok(Operand::Literal(Value::String(self.parse_quoted()?))),
            Some(c) if c == b'-' || c.is_ascii_digit() => {
                let start = self.i;
                self.i += 1;
                while matches!(self.peek(), Some(c) if c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-'))
                {
                    self.i += 1;
                }
                let text = self.src.get(start..self.i).unwrap_or("");
                match serde_json::from_str::<serde_json::Number>(text) {
                    Ok(n) => Ok(Operand::Literal(Value::Number(n))),
                    Err(_) => self.err("invalid number"),
                }
            }
            _ => {
                for (word, value) in [
                    ("true", Value::Bool(true)),
                    ("false", Value::Bool(false)),
                    ("null", Value::Null),
                ] {
                    if self.b.get(self.i..self.i + word.len()) == Some(word.as_bytes())
                        && !matches!(self.peek_at(word.len()), Some(c) if c.is_ascii_alphanumeric() || c == b'_')
                    {
                        self.i += word.len();
                        return Ok(Operand::Literal(value));
                    }
                }
                // Jayway reads an unquoted word as a string (`@.key == FooBar`).
                let start = self.i;
                while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
                {
                    self.i += 1;
                }
                if self.i > start {
                    let w = self.src.get(start..self.i).unwrap_or("").to_string();
                    return Ok(Operand::Literal(Value::String(w)));
                }
                self.err("expected '@', '$', a number, a quoted string, true, false or null")
            }
        }
    }
}

/// Parses a path; `$$` (the context object) is read as `$` on whatever root is given.
fn parse(path: &str) -> Result<Vec<Seg>, PathError> {
    let body = path
        .strip_prefix('$')
        .filter(|r| r.starts_with('$'))
        .unwrap_or(path);
    Parser::new(body).parse_path()
}

/// A *reference path*: `$` (or `$$`) followed only by `.name`, `['name']` and `[n]`
/// steps (n may be negative), so that it identifies a single node.
pub fn is_reference_path(p: &str) -> bool {
    parse(p).is_ok_and(|segs| segs.iter().all(Seg::is_definite))
}

/// Any path Step Functions accepts in `InputPath`, `OutputPath`, `ItemsPath` and
/// `key.$` values: reference paths plus `*`, `..`, slices, unions and filters.
pub fn is_path(p: &str) -> bool {
    // A JSONPath-mode variable (`$name.field`) is a path on that variable's value.
    let b = p.as_bytes();
    if b.len() > 1 && b[0] == b'$' && (b[1].is_ascii_alphabetic() || b[1] == b'_') {
        let rest = p[1..].trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_');
        return parse(&format!("${rest}")).is_ok();
    }
    parse(p).is_ok()
}

/// Evaluates `path` on `root` (for a `$$` path, pass the context object as `root`).
/// A definite path returns its single target or [`PathError::NoMatch`]; an indefinite
/// one (wildcard, descent, slice, union, filter) returns an array of every match.
/// Workflow variables in scope: one map per scope, the innermost last (a Map
/// iteration or Parallel branch reads the variables of the scopes around it).
pub type Scopes = [std::collections::HashMap<String, std::rc::Rc<Value>>];

/// The value of variable `name`, innermost scope first.
pub fn variable<'a>(scopes: &'a Scopes, name: &str) -> Option<&'a Value> {
    scopes.iter().rev().find_map(|m| m.get(name)).map(|v| &**v)
}

/// What a path can start from besides the state's input: the context object
/// (`$$…`) and the workflow variables (`$name…`).
#[derive(Clone, Copy)]
pub struct Roots<'a> {
    pub context: &'a Value,
    pub vars: &'a Scopes,
}

/// For a variable reference `$name…`, the name and the path on its value (`$x.a`
/// gives `("x", "$.a")`).
pub fn variable_ref(p: &str) -> Option<(&str, String)> {
    let b = p.as_bytes();
    if b.len() < 2 || b[0] != b'$' || !(b[1].is_ascii_alphabetic() || b[1] == b'_') {
        return None;
    }
    let end = 1 + p[1..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(p.len() - 1);
    Some((&p[1..end], format!("${}", &p[end..])))
}

/// Where path `p` starts: (root value, path on it, what to call the root in an
/// error). A variable that is not defined is `States.Runtime`.
pub fn resolve<'a>(
    p: &str,
    input: &'a Value,
    roots: Roots<'a>,
) -> Result<(&'a Value, std::borrow::Cow<'static, str>, &'static str), super::StateError> {
    use std::borrow::Cow;
    if p.starts_with("$$") {
        return Ok((
            roots.context,
            Cow::Owned(p[1..].to_string()),
            "context object",
        ));
    }
    if let Some((name, rest)) = variable_ref(p) {
        return match variable(roots.vars, name) {
            Some(v) => Ok((v, Cow::Owned(rest), "variable")),
            None => Err(super::StateError::runtime(format!(
                "The variable '${name}' referenced by the path '{p}' is not defined (a state assigns it with Assign before it is read)"
            ))),
        };
    }
    Ok((input, Cow::Owned(p.to_string()), "input"))
}

pub fn query(root: &Value, path: &str) -> Result<Value, PathError> {
    let segs = parse(path)?;
    if segs.iter().all(Seg::is_definite) {
        return walk_definite(root, &segs)
            .cloned()
            .ok_or(PathError::NoMatch);
    }
    let mut current: Vec<&Value> = vec![root];
    for seg in &segs {
        let mut next = Vec::new();
        for v in current {
            apply(seg, v, root, &mut next, 0);
        }
        current = next;
    }
    Ok(Value::Array(current.into_iter().cloned().collect()))
}

fn resolve_index(len: usize, i: i64) -> Option<usize> {
    let len = i64::try_from(len).ok()?;
    let k = if i < 0 { len.checked_add(i)? } else { i };
    if (0..len).contains(&k) {
        usize::try_from(k).ok()
    } else {
        None
    }
}

fn step<'v>(v: &'v Value, seg: &Seg) -> Option<&'v Value> {
    match (seg, v) {
        (Seg::Name(n), Value::Object(m)) => m.get(n),
        (Seg::Index(i), Value::Array(a)) => a.get(resolve_index(a.len(), *i)?),
        _ => None,
    }
}

fn walk_definite<'v>(root: &'v Value, segs: &[Seg]) -> Option<&'v Value> {
    segs.iter().try_fold(root, step)
}

fn apply<'v>(seg: &Seg, v: &'v Value, root: &'v Value, out: &mut Vec<&'v Value>, depth: usize) {
    match seg {
        Seg::Name(_) | Seg::Index(_) => out.extend(step(v, seg)),
        Seg::Wildcard => match v {
            Value::Object(m) => out.extend(m.values()),
            Value::Array(a) => out.extend(a.iter()),
            _ => {}
        },
        Seg::Slice(from, to) => {
            if let Value::Array(a) = v {
                let len = i64::try_from(a.len()).unwrap_or(i64::MAX);
                let norm = |x: i64| {
                    let x = if x < 0 { len.saturating_add(x) } else { x };
                    x.clamp(0, len)
                };
                let s = from.map_or(0, norm);
                let e = to.map_or(len, norm);
                if s < e {
                    let (s, e) = (s as usize, e as usize);
                    out.extend(a.get(s..e).unwrap_or(&[]).iter());
                }
            }
        }
        Seg::Names(names) => {
            if let Value::Object(m) = v {
                out.extend(names.iter().filter_map(|n| m.get(n)));
            }
        }
        Seg::Indexes(idx) => {
            if let Value::Array(a) = v {
                out.extend(
                    idx.iter()
                        .filter_map(|i| a.get(resolve_index(a.len(), *i)?)),
                );
            }
        }
        Seg::Filter(e) => match v {
            Value::Array(a) => out.extend(a.iter().filter(|item| holds(e, item, root))),
            Value::Object(_) if holds(e, v, root) => out.push(v),
            _ => {}
        },
        Seg::Descent(inner) => {
            if depth > MAX_DEPTH {
                return;
            }
            apply(inner, v, root, out, depth);
            match v {
                Value::Object(m) => {
                    for child in m.values() {
                        apply(seg, child, root, out, depth + 1);
                    }
                }
                Value::Array(a) => {
                    for child in a {
                        apply(seg, child, root, out, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }
}

fn operand<'v>(o: &'v Operand, item: &'v Value, root: &'v Value) -> Option<&'v Value> {
    match o {
        Operand::Current(segs) => walk_definite(item, segs),
        Operand::Root(segs) => walk_definite(root, segs),
        Operand::Literal(v) => Some(v),
    }
}

fn holds(e: &Expr, item: &Value, root: &Value) -> bool {
    match e {
        Expr::Or(a, b) => holds(a, item, root) || holds(b, item, root),
        Expr::And(a, b) => holds(a, item, root) && holds(b, item, root),
        Expr::Exists(o) => operand(o, item, root).is_some(),
        Expr::Cmp(l, op, r) => match (operand(l, item, root), operand(r, item, root)) {
            (Some(a), Some(b)) => compare(a, *op, b),
            _ => false,
        },
    }
}

fn compare(a: &Value, op: CmpOp, b: &Value) -> bool {
    use std::cmp::Ordering;
    let ord: Option<Ordering> = match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => x.partial_cmp(&y),
            _ => None,
        },
        (Value::String(x), Value::String(y)) => Some(x.cmp(y)),
        _ => None,
    };
    match op {
        CmpOp::Eq => ord.map_or(a == b, |o| o == Ordering::Equal),
        CmpOp::Ne => ord.map_or(a != b, |o| o != Ordering::Equal),
        CmpOp::Lt => ord == Some(Ordering::Less),
        CmpOp::Le => matches!(ord, Some(Ordering::Less | Ordering::Equal)),
        CmpOp::Gt => ord == Some(Ordering::Greater),
        CmpOp::Ge => matches!(ord, Some(Ordering::Greater | Ordering::Equal)),
    }
}

/// `ResultPath` semantics: a copy of `input` with `value` written at `reference_path`.
/// `$` replaces the whole input; missing members on the way are created as objects.
/// Writing into something that is not an object (the input itself or a member on the
/// way), or through an array index, is a `States.Runtime` error.
pub fn set(input: &Value, reference_path: &str, value: Value) -> Result<Value, StateError> {
    let fail = |why: &str| {
        StateError::runtime(format!(
            "Unable to apply ResultPath '{reference_path}' to input '{}': {why}",
            short_json(input)
        ))
    };
    if is_context_path(reference_path) {
        return Err(fail("ResultPath cannot refer to the context object"));
    }
    let segs = Parser::new(reference_path)
        .parse_path()
        .map_err(|e| fail(&e.to_string()))?;
    let mut names = Vec::with_capacity(segs.len());
    for seg in &segs {
        match seg {
            Seg::Name(n) => names.push(n.as_str()),
            Seg::Index(_) => return Err(fail("array indexes cannot be used in a ResultPath")),
            _ => return Err(fail("ResultPath must be a reference path")),
        }
    }
    let Some((last, parents)) = names.split_last() else {
        return Ok(value);
    };
    let mut out = input.clone();
    let mut node = &mut out;
    for (depth, name) in parents.iter().enumerate() {
        let Value::Object(map) = node else {
            return Err(fail(&not_object(&names[..depth])));
        };
        node = map
            .entry((*name).to_string())
            .or_insert_with(|| Value::Object(Map::new()));
    }
    match node {
        Value::Object(map) => {
            map.insert((*last).to_string(), value);
            Ok(out)
        }
        _ => Err(fail(&not_object(parents))),
    }
}

fn not_object(names: &[&str]) -> String {
    if names.is_empty() {
        "the input is not a JSON object".to_string()
    } else {
        let mut p = String::from("$");
        for n in names {
            p.push('.');
            p.push_str(n);
        }
        format!("'{p}' is not a JSON object")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // Examples from https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html
    #[test]
    fn reference_paths_from_the_guide() {
        let input = json!({"foo": 123, "bar": ["a", "b", "c"], "car": {"cdr": true}});
        assert_eq!(query(&input, "$.foo"), Ok(json!(123)));
        assert_eq!(query(&input, "$.bar"), Ok(json!(["a", "b", "c"])));
        assert_eq!(query(&input, "$.car.cdr"), Ok(json!(true)));
        assert_eq!(query(&input, "$"), Ok(input.clone()));
    }

    #[test]
    fn filter_example_from_the_guide() {
        let input = json!({"jar": [{"a": 1}, {"a": 5}, {"a": 2}, {"a": 7}, {"a": 3}]});
        assert_eq!(
            query(&input, "$.jar[?(@.a >= 5)]"),
            Ok(json!([{"a": 5}, {"a": 7}]))
        );
    }

    // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html
    #[test]
    fn inputpath_examples() {
        let input = json!({
            "comment": "Example for InputPath.",
            "dataset1": {"val1": 1, "val2": 2, "val3": 3},
            "dataset2": {"val1": "a", "val2": "b", "val3": "c"}
        });
        assert_eq!(
            query(&input, "$.dataset2"),
            Ok(json!({"val1": "a", "val2": "b", "val3": "c"}))
        );
        assert_eq!(
            query(&json!({"a": [1, 2, 3, 4]}), "$.a[0:2]"),
            Ok(json!([1, 2]))
        );
    }

    #[test]
    fn flattening_an_array_of_arrays() {
        let input = json!([[1, 2], [3], [], [4, [5]]]);
        assert_eq!(query(&input, "$[*][*]"), Ok(json!([1, 2, 3, 4, [5]])));
    }

    #[test]
    fn bracket_notation_and_special_names() {
        let input = json!({"abc": {"def ghi": 1}, "my-field": 2, "a.b": 3});
        assert_eq!(query(&input, "$.abc.['def ghi']"), Ok(json!(1)));
        assert_eq!(query(&input, "$.abc['def ghi']"), Ok(json!(1)));
        assert_eq!(query(&input, "$['abc'][\"def ghi\"]"), Ok(json!(1)));
        assert_eq!(query(&input, "$.my-field"), Ok(json!(2)));
        assert_eq!(query(&input, "$['a.b']"), Ok(json!(3)));
    }

    #[test]
    fn indexes_negative_and_missing() {
        let input = json!({"a": [10, 20, 30]});
        assert_eq!(query(&input, "$.a[0]"), Ok(json!(10)));
        assert_eq!(query(&input, "$.a[-1]"), Ok(json!(30)));
        assert_eq!(query(&input, "$.a[3]"), Err(PathError::NoMatch));
        assert_eq!(query(&input, "$.a[-4]"), Err(PathError::NoMatch));
        assert_eq!(query(&input, "$.b"), Err(PathError::NoMatch));
        assert_eq!(query(&input, "$.a.b"), Err(PathError::NoMatch));
        assert_eq!(query(&json!("text"), "$.a"), Err(PathError::NoMatch));
    }

    #[test]
    fn indefinite_paths_give_lists() {
        let input = json!({
            "store": {
                "book": [
                    {"title": "A", "price": 8.95, "isbn": "1"},
                    {"title": "B", "price": 12.99},
                    {"title": "C", "price": 8.99, "isbn": "2"},
                    {"title": "D", "price": 22.99, "category": "fiction"}
                ],
                "bicycle": {"color": "red", "price": 19.95}
            }
        });
        assert_eq!(
            query(&input, "$.store.book[*].title"),
            Ok(json!(["A", "B", "C", "D"]))
        );
        assert_eq!(
            query(&input, "$.store.book[?(@.price < 10)].title"),
            Ok(json!(["A", "C"]))
        );
        assert_eq!(
            query(&input, "$.store.book[?(@.isbn)].title"),
            Ok(json!(["A", "C"]))
        );
        assert_eq!(
            query(
                &input,
                "$.store.book[?(@.price > 10 && @.category == 'fiction')].title"
            ),
            Ok(json!(["D"]))
        );
        assert_eq!(
            query(
                &input,
                "$.store.book[?(@.title == 'A' || @.title == \"B\")].price"
            ),
            Ok(json!([8.95, 12.99]))
        );
        assert_eq!(
            query(&input, "$..price"),
            Ok(json!([8.95, 12.99, 8.99, 22.99, 19.95]))
        );
        assert_eq!(
            query(&input, "$.store.book[:2].title"),
            Ok(json!(["A", "B"]))
        );
        assert_eq!(query(&input, "$.store.book[-1:].title"), Ok(json!(["D"])));
        assert_eq!(
            query(&input, "$.store.book[1:].title"),
            Ok(json!(["B", "C", "D"]))
        );
        assert_eq!(
            query(&input, "$.store.book[0,2].title"),
            Ok(json!(["A", "C"]))
        );
        assert_eq!(
            query(&input, "$.store.bicycle['color','price']"),
            Ok(json!(["red", 19.95]))
        );
        assert_eq!(
            query(&input, "$.store.bicycle.*"),
            Ok(json!(["red", 19.95]))
        );
        assert_eq!(
            query(&input, "$.store.book[?(@.price > 100)]"),
            Ok(json!([]))
        );
        assert_eq!(query(&input, "$.nothing[*]"), Ok(json!([])));
    }

    #[test]
    fn filter_details() {
        let input = json!({"xs": [
            {"n": 1, "ok": true, "s": null},
            {"n": 2.0, "ok": false},
            {"n": "2"}
        ]});
        assert_eq!(query(&input, "$.xs[?(@.n == 2)].n"), Ok(json!([2.0])));
        assert_eq!(query(&input, "$.xs[?(@.ok == true)].n"), Ok(json!([1])));
        assert_eq!(query(&input, "$.xs[?(@.s == null)].n"), Ok(json!([1])));
        assert_eq!(query(&input, "$.xs[?(@.n != 1)].n"), Ok(json!([2.0, "2"])));
        assert_eq!(
            query(&input, "$.xs[?((@.n >= 2) && (@.ok == false))].n"),
            Ok(json!([2.0]))
        );
        let nums = json!({"limit": 2, "v": [1, 2, 3]});
        assert_eq!(query(&nums, "$.v[?(@ >= $.limit)]"), Ok(json!([2, 3])));
    }

    #[test]
    fn validity() {
        for ok in [
            "$",
            "$$",
            "$.a",
            "$$.Execution.Id",
            "$.a[0]",
            "$.a[-1]",
            "$['a b']",
            "$.a.['b']",
            "$[*]",
            "$.*",
            "$..a",
            "$..*",
            "$.a[1:3]",
            "$.a[:2]",
            "$.a[-2:]",
            "$.a[0,1]",
            "$['a','b']",
            "$.a[?(@.price < 10)]",
            "$.a[?(@.isbn)]",
            "$[*][*]",
            "$.a[ 0 ]",
            "$.a[?(@.x == 'a' && @.y != null || @.z >= -1.5)]",
            "$.é",
            // JSONPath-mode variables.
            "$a",
            "$inputPayload.data.firstname",
        ] {
            assert!(is_path(ok), "{ok} should be a path");
        }
        for bad in [
            "",
            "foo",
            "$.",
            "$[",
            "$.a[",
            "$.a]",
            "$a b",
            "$.a[']",
            "$.a['b]",
            "$.a..",
            "$...a",
            "$.a[?(@.x)",
            "$.a[?(@.x ==)]",
            "$.length()",
            "$.a.length()",
            "$.a[1:2:3]",
            "$.a[?(@.x =~ /a/)]",
            "$.a b",
            "$$$",
            "$.a[x]",
            "$.a[?(1)]",
            "$ ",
            ".a",
        ] {
            assert!(!is_path(bad), "{bad:?} should not be a path");
        }
        for ok in [
            "$",
            "$.a",
            "$.my-field",
            "$.a[-1]",
            "$.a['b c'][2]",
            "$$.Map.Item.Value",
        ] {
            assert!(is_reference_path(ok), "{ok} should be a reference path");
        }
        for bad in [
            "$.a[*]",
            "$..a",
            "$.a[0:1]",
            "$.a[0,1]",
            "$.a[?(@.b)]",
            "$.*",
            "foo",
            "$.",
        ] {
            assert!(
                !is_reference_path(bad),
                "{bad} should not be a reference path"
            );
        }
    }

    #[test]
    fn syntax_errors_are_reported() {
        assert!(matches!(
            query(&json!({}), "$.a["),
            Err(PathError::Syntax(_))
        ));
        assert!(PathError::Syntax("x".into()).to_string().contains('x'));
        assert_eq!(PathError::NoMatch.to_string(), "the path matches nothing");
    }

    // Examples from https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html
    #[test]
    fn resultpath_examples_from_the_guide() {
        let input = json!({
            "comment": "This is a test",
            "details": "Default example",
            "who": "Step Functions"
        });
        let result = json!("Hello, Step Functions!");
        assert_eq!(set(&input, "$", result.clone()), Ok(result.clone()));
        assert_eq!(
            set(&input, "$.taskresult", result.clone()),
            Ok(json!({
                "comment": "This is a test",
                "details": "Default example",
                "who": "Step Functions",
                "taskresult": "Hello, Step Functions!"
            }))
        );
        assert_eq!(
            set(&input, "$.comment", result.clone()),
            Ok(json!({
                "comment": "Hello, Step Functions!",
                "details": "Default example",
                "who": "Step Functions"
            }))
        );
        let nested = json!({
            "comment": "An input comment.",
            "strings": {"string1": "foo", "string2": "bar", "string3": "baz"},
            "who": "AWS Step Functions"
        });
        assert_eq!(
            set(&nested, "$.strings.lambdaresult", result.clone()),
            Ok(json!({
                "comment": "An input comment.",
                "strings": {
                    "string1": "foo",
                    "string2": "bar",
                    "string3": "baz",
                    "lambdaresult": "Hello, Step Functions!"
                },
                "who": "AWS Step Functions"
            }))
        );
        assert_eq!(
            set(
                &json!({"foo": "bar"}),
                "$.error",
                json!({"Error": "Error here"})
            ),
            Ok(json!({"foo": "bar", "error": {"Error": "Error here"}}))
        );
    }

    #[test]
    fn resultpath_edge_cases() {
        assert_eq!(
            set(&json!({}), "$.a.b['c d']", json!(1)),
            Ok(json!({"a": {"b": {"c d": 1}}}))
        );
        let e = set(&json!([1, 2]), "$.x", json!(1)).unwrap_err();
        assert_eq!(e.error, "States.Runtime");
        assert!(e.cause.contains("not a JSON object"), "{}", e.cause);
        let e = set(&json!({"a": 5}), "$.a.b", json!(1)).unwrap_err();
        assert!(
            e.cause.contains("'$.a' is not a JSON object"),
            "{}",
            e.cause
        );
        assert!(set(&json!({"a": [1]}), "$.a[0]", json!(1)).is_err());
        assert!(set(&json!({}), "$.a[*]", json!(1)).is_err());
        assert!(set(&json!({}), "$$.a", json!(1)).is_err());
        assert!(set(&json!({}), "nope", json!(1)).is_err());
        assert_eq!(set(&json!("s"), "$", json!(2)), Ok(json!(2)));
    }

    #[test]
    fn deep_documents_do_not_overflow() {
        // Descent stops at MAX_DEPTH levels, so a hostile document cannot exhaust the
        // stack through `..` (parsed JSON is limited to 128 levels anyway).
        let mut v = json!(1);
        for _ in 0..1000 {
            v = json!({ "a": v });
        }
        assert_eq!(query(&v, "$..z"), Ok(json!([])));
        let mut w = json!(1);
        for _ in 0..300 {
            w = json!({ "a": w });
        }
        let found = query(&w, "$..a").unwrap_or_default();
        assert_eq!(found.as_array().map(Vec::len), Some(MAX_DEPTH + 1));
        let deep_filter = format!("$[?({}@.a{})]", "(".repeat(1000), ")".repeat(1000));
        assert!(!is_path(&deep_filter));
    }
}
