//! `sfn check`: the rules of the Amazon States Language specification and of AWS's
//! validator, applied to a parsed definition. Every finding names the state, the JSON
//! Pointer of the offending value and (filled in by the caller) its line.
mod fields;
mod rules;
mod states;
mod syntax;

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::{intrinsic, path, template};
use crate::jsonpos::escape;
use crate::lang::{Lang, tr};

pub use rules::Rule;
use syntax::is_variable_path;
pub use syntax::{JSONATA_MAX_CHARS, jsonata_expression, jsonata_parses, path_ok, resource_ok};

/// One problem in a definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    /// The state it belongs to, if any.
    pub state: Option<String>,
    /// JSON Pointer of the offending value.
    pub pointer: String,
    /// 1-based line in the file, when known.
    pub line: Option<usize>,
    /// Names and values involved (language-neutral).
    pub subject: String,
    /// A transition to a missing state: the state name it most likely meant (same
    /// name in another case, or a few letters away).
    pub suggestion: Option<String>,
}

impl Finding {
    /// `line 7: /States/A/Next: state "A": transition to … : "B"`.
    pub fn message(&self, lang: Lang) -> String {
        let mut out = crate::jsonpos::place(self.line, &self.pointer, lang);
        if let Some(s) = &self.state {
            out.push_str(&format!("{} \"{s}\": ", tr(lang, "state", "estado")));
        }
        out.push_str(self.rule.title(lang));
        if !self.subject.is_empty() {
            out.push_str(": ");
            out.push_str(&self.subject);
        }
        if let Some(s) = &self.suggestion {
            out.push_str(&format!(
                " — {} {s:?}?",
                tr(lang, "did you mean", "você quis dizer")
            ));
        }
        out
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Accept any URI as a Task's Resource.
    pub lenient_resource: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ql {
    Path,
    Ata,
}

const MAX_NESTING: usize = 64;

/// How many missing targets get a "did you mean" (each compares with every name).
const MAX_SUGGESTIONS: usize = 50;

/// The name among `names` that `wanted` most likely meant: one equal but for case,
/// else the nearest by edit distance (insertions, deletions, substitutions), when it
/// is at most a third of the name's length (at least 1, at most 3). Ties go to the
/// first name.
pub fn likely_name<'n>(wanted: &str, names: impl Iterator<Item = &'n str>) -> Option<String> {
    let w: Vec<char> = wanted.chars().collect();
    let limit = (w.len() / 3).clamp(1, 3);
    let lower = wanted.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for n in names {
        if n.to_lowercase() == lower {
            return Some(n.to_string());
        }
        let c: Vec<char> = n.chars().collect();
        if c.len().abs_diff(w.len()) > limit {
            continue;
        }
        let d = edit_distance(&w, &c);
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, n));
        }
    }
    best.map(|(_, n)| n.to_string())
}

fn edit_distance(a: &[char], b: &[char]) -> usize {
    // Optimal string alignment: two neighbouring letters swapped count as one edit.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut row = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let mut d = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(row[j] + 1);
            if i > 0 && j > 0 && *ca == b[j - 1] && a[i - 1] == *cb {
                d = d.min(before[j - 1] + 1);
            }
            row[j + 1] = d;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut row);
    }
    prev[b.len()]
}

struct Checker<'a> {
    opts: Options,
    out: Vec<Finding>,
    names: HashSet<&'a str>,
    root_ql: Ql,
    /// Missing targets looked up for a suggestion so far.
    suggested: usize,
}

/// Checks a parsed definition. `duplicates` are pointers of repeated keys found while
/// scanning the text (serde_json keeps only the last value).
pub fn check(def: &Value, duplicates: &[String], opts: Options) -> Vec<Finding> {
    let mut c = Checker {
        opts,
        out: Vec::new(),
        names: HashSet::new(),
        root_ql: Ql::Path,
        suggested: 0,
    };
    for d in duplicates {
        c.push(Rule::DuplicateKey, None, d.clone(), key_of(d));
    }
    let Some(obj) = def.as_object() else {
        c.push(Rule::NotObject, None, String::new(), "definition".into());
        return c.out;
    };
    let root = Ptr::ROOT;
    for (k, v) in obj {
        let p = root.seg(k);
        match k.as_str() {
            "StartAt" | "States" | "Comment" => {}
            "Version" => c.want_string(v, None, &p),
            "TimeoutSeconds" => c.want_int(v, None, &p, 0, 99_999_999),
            "QueryLanguage" => {
                if v.as_str() == Some("JSONata") {
                    c.root_ql = Ql::Ata;
                } else if v.as_str() != Some("JSONPath") {
                    c.push(
                        Rule::FieldType,
                        None,
                        p,
                        "QueryLanguage: JSONPath | JSONata".into(),
                    );
                }
            }
            _ => c.push(Rule::UnknownField, None, p, k.clone()),
        }
    }
    if obj.field("Comment").is_some_and(|v| !v.is_string()) {
        c.push(Rule::FieldType, None, "/Comment", "Comment: string".into());
    }
    let root_ql = c.root_ql;
    c.machine(obj, &root, root_ql, 0);
    c.out
}

/// Field lookup for the small objects of a definition: a state has about ten fields,
/// and comparing that many keys is quicker than hashing the one looked for. Large
/// objects (a `States` block) still use the map's index.
trait Fields {
    fn field(&self, key: &str) -> Option<&Value>;
    fn has(&self, key: &str) -> bool {
        self.field(key).is_some()
    }
}

impl Fields for Map<String, Value> {
    fn field(&self, key: &str) -> Option<&Value> {
        if self.len() <= 16 {
            self.iter().find(|(k, _)| k.as_str() == key).map(|(_, v)| v)
        } else {
            self.get(key)
        }
    }
}

impl Fields for Value {
    fn field(&self, key: &str) -> Option<&Value> {
        self.as_object().and_then(|m| m.field(key))
    }
}

/// A JSON Pointer built a step at a time on the stack, written out only when a finding
/// needs it: checking a valid machine formats no pointers.
#[derive(Clone, Copy)]
struct Ptr<'x> {
    up: Option<&'x Ptr<'x>>,
    seg: Seg<'x>,
}

#[derive(Clone, Copy)]
enum Seg<'x> {
    Root,
    Key(&'x str),
    Index(usize),
}

trait IntoSeg<'x> {
    fn into_seg(self) -> Seg<'x>;
}

impl<'x> IntoSeg<'x> for &'x str {
    fn into_seg(self) -> Seg<'x> {
        Seg::Key(self)
    }
}

impl<'x> IntoSeg<'x> for &'x String {
    fn into_seg(self) -> Seg<'x> {
        Seg::Key(self)
    }
}

impl IntoSeg<'_> for usize {
    fn into_seg(self) -> Seg<'static> {
        Seg::Index(self)
    }
}

impl<'x> Ptr<'x> {
    const ROOT: Ptr<'static> = Ptr {
        up: None,
        seg: Seg::Root,
    };

    /// One step down: an object key or an array index.
    fn seg<'y>(&'y self, s: impl IntoSeg<'y>) -> Ptr<'y> {
        Ptr {
            up: Some(self),
            seg: s.into_seg(),
        }
    }

    /// The last step as the key it names (`""` at the root).
    fn last_key(&self) -> String {
        match self.seg {
            Seg::Root => String::new(),
            Seg::Key(k) => k.to_string(),
            Seg::Index(i) => i.to_string(),
        }
    }
}

impl std::fmt::Display for Ptr<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        if let Some(up) = self.up {
            up.fmt(f)?;
        }
        match self.seg {
            Seg::Root => Ok(()),
            Seg::Key(k) => {
                f.write_str("/")?;
                f.write_str(&escape(k))
            }
            Seg::Index(i) => write!(f, "/{i}"),
        }
    }
}

fn key_of(pointer: &str) -> String {
    pointer
        .rsplit('/')
        .next()
        .unwrap_or("")
        .replace("~1", "/")
        .replace("~0", "~")
}

/// A JSON value as a finding names it: `the string "yes"`, `the number 5`, `an object`.
fn found(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() > 40 => {
            let head: String = s.chars().take(40).collect();
            format!("the string {:?}", head + "…")
        }
        Value::String(s) => format!("the string {s:?}"),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

impl<'a> Checker<'a> {
    fn push(
        &mut self,
        rule: Rule,
        state: Option<&str>,
        pointer: impl std::fmt::Display,
        subject: String,
    ) {
        self.out.push(Finding {
            rule,
            state: state.map(str::to_string),
            pointer: pointer.to_string(),
            line: None,
            subject,
            suggestion: None,
        });
    }

    /// A transition to `target`, which is not a state of `states`: the finding, with
    /// the name it most likely meant. Suggestions stop after [`MAX_SUGGESTIONS`] (a
    /// machine with every target wrong stays linear).
    fn missing_target(
        &mut self,
        state: Option<&str>,
        pointer: impl std::fmt::Display,
        target: &str,
        states: &Map<String, Value>,
    ) {
        self.push(Rule::MissingTarget, state, pointer, format!("{target:?}"));
        if self.suggested < MAX_SUGGESTIONS
            && let Some(f) = self.out.last_mut()
        {
            f.suggestion = likely_name(target, states.keys().map(String::as_str));
            self.suggested += 1;
        }
    }

    /// A field of the wrong JSON type: what it must be and what the file has.
    fn wrong_type(
        &mut self,
        st: Option<&str>,
        p: impl std::fmt::Display,
        key: &str,
        want: &str,
        v: &Value,
    ) {
        self.push(
            Rule::FieldType,
            st,
            p,
            format!("{key} must be {want}, found {}", found(v)),
        );
    }

    fn want_string(&mut self, v: &Value, st: Option<&str>, p: &Ptr<'_>) {
        if !v.is_string() {
            self.wrong_type(st, p, &p.last_key(), "a string", v);
        }
    }

    fn want_int(&mut self, v: &Value, st: Option<&str>, p: &Ptr<'_>, min: i64, max: i64) {
        match v.as_i64() {
            Some(n) if n >= min && n <= max => {}
            Some(n) => self.push(
                Rule::OutOfRange,
                st,
                p,
                format!("{}: {n} ({min}…{max})", p.last_key()),
            ),
            // A whole number too large for 64 bits is out of range, not of the wrong type.
            None if v.as_u64().is_some()
                || v.as_f64()
                    .is_some_and(|x| x.fract() == 0.0 && x.abs() > 9.0e15) =>
            {
                self.push(
                    Rule::OutOfRange,
                    st,
                    p,
                    format!("{}: {v} ({min}…{max})", p.last_key()),
                )
            }
            None => self.wrong_type(st, p, &p.last_key(), "an integer", v),
        }
    }

    /// A number field that JSONata states may also give as a `{% %}` expression.
    fn want_int_or_ata(
        &mut self,
        v: &Value,
        st: Option<&str>,
        p: &Ptr<'_>,
        min: i64,
        max: i64,
        ql: Ql,
    ) {
        if ql == Ql::Ata && v.is_string() {
            return; // checked by the JSONata pass
        }
        self.want_int(v, st, p, min, max);
    }

    fn reference_path(&mut self, v: &Value, st: Option<&str>, p: &Ptr<'_>, nullable: bool) {
        self.path_field(v, st, p, nullable, |s| {
            path::is_reference_path(s) && !is_variable_path(s)
        });
    }

    fn any_path(&mut self, v: &Value, st: Option<&str>, p: &Ptr<'_>, nullable: bool) {
        self.path_field(v, st, p, nullable, path_ok);
    }

    /// A path field: a string that `valid` accepts (or null where `nullable`).
    pub(super) fn path_field(
        &mut self,
        v: &Value,
        st: Option<&str>,
        p: &Ptr<'_>,
        nullable: bool,
        valid: impl Fn(&str) -> bool,
    ) {
        match v {
            Value::Null if nullable => {}
            Value::String(s) if valid(s) => {}
            Value::String(s) => self.push(Rule::BadPath, st, p, format!("{}: {s:?}", p.last_key())),
            _ => {
                let want = if nullable {
                    "a string or null"
                } else {
                    "a string"
                };
                self.wrong_type(st, p, &p.last_key(), want, v)
            }
        }
    }

    fn template(&mut self, v: &Value, st: Option<&str>, p: &Ptr<'_>, arrays: bool) {
        match v {
            Value::Object(_) => {}
            // AWS accepts a Pass or Task `Parameters` of any JSON type (an array, a
            // string, a number, a boolean or null is passed as it is).
            _ if arrays => {}
            _ => {
                self.wrong_type(st, p, &p.last_key(), "an object", v);
                return;
            }
        }
        for (rel, msg) in template::check(v, "") {
            // The offending value, to tell a bad intrinsic function from a bad path.
            let is_intrinsic = v
                .pointer(&rel)
                .and_then(Value::as_str)
                .is_some_and(intrinsic::looks_intrinsic);
            let rule = if msg.contains(".$") && msg.to_ascii_lowercase().contains("both") {
                Rule::TemplateConflict
            } else if is_intrinsic {
                Rule::BadIntrinsic
            } else {
                Rule::BadTemplate
            };
            self.push(rule, st, format_args!("{p}{rel}"), msg);
        }
    }

    fn exclusive(&mut self, s: &Map<String, Value>, st: &str, sp: &Ptr<'_>, a: &str, b: &str) {
        if s.has(a) && s.has(b) {
            self.push(Rule::Exclusive, Some(st), sp.seg(b), format!("{a}, {b}"));
        }
    }
}

/// Fills in each finding's line from the scanned text.
pub fn locate(findings: &mut [Finding], lines: &HashMap<String, usize>) {
    for f in findings {
        f.line = crate::jsonpos::line_of(lines, &f.pointer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_target_suggests_the_likely_name() {
        let names = ["CheckModelQuality", "DeployModel", "NotifyTeam"];
        let like = |w: &str| likely_name(w, names.iter().copied());
        // Another case, a typo, a letter missing or doubled.
        assert_eq!(like("deploymodel").as_deref(), Some("DeployModel"));
        assert_eq!(like("DeplyModel").as_deref(), Some("DeployModel"));
        assert_eq!(like("NotifyTeamm").as_deref(), Some("NotifyTeam"));
        assert_eq!(
            like("CheckModelQualty").as_deref(),
            Some("CheckModelQuality")
        );
        assert_eq!(like("DeployMdoel").as_deref(), Some("DeployModel"));
        // Nothing near: no guess.
        assert_eq!(like("Publish"), None);
        assert_eq!(like("X"), None);
        let def = serde_json::json!({"StartAt": "start", "States": {
            "Start": {"Type": "Choice", "Choices": [
                {"Variable": "$.x", "IsPresent": true, "Next": "Doen"}], "Default": "done"},
            "Done": {"Type": "Succeed"}}});
        let f = check(&def, &[], Options::default());
        let said: Vec<(String, Option<String>)> = f
            .iter()
            .filter(|f| f.rule == Rule::MissingTarget)
            .map(|f| (f.pointer.clone(), f.suggestion.clone()))
            .collect();
        assert_eq!(
            said,
            [
                ("/StartAt".to_string(), Some("Start".to_string())),
                ("/States/Start/Default".into(), Some("Done".into())),
                ("/States/Start/Choices/0/Next".into(), Some("Done".into())),
            ]
        );
        let m = f
            .iter()
            .find(|f| f.pointer == "/StartAt")
            .map(|f| (f.message(Lang::En), f.message(Lang::PtBr)))
            .unwrap_or_default();
        assert!(m.0.ends_with(" — did you mean \"Start\"?"), "{}", m.0);
        assert!(m.1.ends_with(" — você quis dizer \"Start\"?"), "{}", m.1);
    }

    #[test]
    fn pointers_escape_keys_and_number_indexes() {
        // A state name with `/` and `~`, a bad retrier field, and a template key:
        // each pointer is written out only for its finding, escaped as RFC 6901 says.
        let def = serde_json::json!({
            "StartAt": "a/b~c",
            "States": {"a/b~c": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"x/y": {"p.$": "no dollar"}},
                "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": -1}],
                "End": true
            }}
        });
        let found = check(&def, &[], Options::default());
        let pointers: Vec<&str> = found.iter().map(|f| f.pointer.as_str()).collect();
        assert!(
            pointers.contains(&"/States/a~1b~0c/Retry/0/MaxAttempts"),
            "{pointers:?}"
        );
        assert!(
            pointers.contains(&"/States/a~1b~0c/Parameters/x~1y/p.$"),
            "{pointers:?}"
        );
        let retry = found
            .iter()
            .find(|f| f.pointer.ends_with("MaxAttempts"))
            .expect("finding");
        assert_eq!(retry.subject, "MaxAttempts: -1 (0…99999999)");
        assert_eq!(retry.state.as_deref(), Some("a/b~c"));
    }

    /// A chain of `n` Pass states; state `dup_at` is a Parallel whose branch reuses
    /// the name `S1`, and `bad_at` points to a missing state.
    fn big(n: usize, dup_at: usize, bad_at: usize) -> Value {
        let mut states = Map::new();
        for i in 0..n {
            let next = if i + 1 == n {
                None
            } else {
                Some(format!("S{}", i + 1))
            };
            let mut st = serde_json::json!({"Type": "Pass"});
            if i == dup_at {
                st = serde_json::json!({"Type": "Parallel", "Branches": [
                    {"StartAt": "S1", "States": {"S1": {"Type": "Pass", "End": true}}}]});
            }
            match (&next, i == bad_at) {
                (_, true) => st["Next"] = Value::from("Nowhere"),
                (Some(n), false) => st["Next"] = Value::from(n.clone()),
                (None, false) => st["End"] = Value::Bool(true),
            }
            states.insert(format!("S{i}"), st);
        }
        serde_json::json!({"StartAt": "S0", "States": states})
    }

    #[test]
    fn large_machines_report_duplicates_missing_targets_and_unreachable_states() {
        let def = big(600, 500, 550);
        let f = check(&def, &[], Options::default());
        let dup = f
            .iter()
            .find(|f| f.rule == Rule::DuplicateState)
            .expect("duplicate");
        assert_eq!(dup.pointer, "/States/S500/Branches/0/States/S1");
        let miss = f
            .iter()
            .find(|f| f.rule == Rule::MissingTarget)
            .expect("missing");
        assert_eq!(miss.pointer, "/States/S550/Next");
        // S551… are now unreachable, and the same machine small enough for one
        // thread gives the same kinds of findings.
        assert!(
            f.iter()
                .any(|f| f.rule == Rule::Unreachable && f.state.as_deref() == Some("S551"))
        );
        let small = check(&big(60, 50, 55), &[], Options::default());
        let kinds = |v: &[Finding]| {
            let mut k: Vec<String> = v.iter().map(|f| format!("{:?}", f.rule)).collect();
            k.sort();
            k.dedup();
            k
        };
        assert_eq!(kinds(&f), kinds(&small));
        assert!(check(&big(600, 700, 700), &[], Options::default()).is_empty());
    }
}
