//! Reading a definition: JSON parse errors by line:column, then the validator.
use std::collections::HashMap;

use serde_json::Value;

use super::check::{self, Finding, Options};
use crate::lang::{Lang, tr};

/// A definition that parsed as JSON, with its findings located by line.
#[derive(Debug, Clone)]
pub struct Checked {
    pub value: Value,
    pub lines: HashMap<String, usize>,
    pub findings: Vec<Finding>,
}

impl Checked {
    pub fn is_valid(&self) -> bool {
        self.findings.is_empty()
    }

    /// Whether the machine uses JSONata anywhere.
    pub fn is_jsonata(&self) -> bool {
        is_jsonata(&self.value)
    }
}

/// Whether a definition uses the JSONata query language: at the top level, or in any
/// state, nested branches and item processors included.
pub fn is_jsonata(def: &Value) -> bool {
    def.get("QueryLanguage").and_then(Value::as_str) == Some("JSONata") || uses_jsonata(def, 0)
}

fn uses_jsonata(v: &Value, depth: usize) -> bool {
    if depth > 64 {
        return false;
    }
    let Some(states) = v.get("States").and_then(Value::as_object) else {
        return false;
    };
    states.values().any(|s| {
        s.get("QueryLanguage").and_then(Value::as_str) == Some("JSONata")
            || sub_machines(s).any(|m| uses_jsonata(m, depth + 1))
    })
}

/// The machines nested in a state: a Parallel's branches, a Map's item processor
/// (`ItemProcessor`, or the older `Iterator`).
pub fn sub_machines(state: &Value) -> impl Iterator<Item = &Value> {
    state
        .get("Branches")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .chain(state.get("ItemProcessor"))
        .chain(state.get("Iterator"))
}

/// Text that is not JSON: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub line: usize,
    pub column: usize,
    pub reason: String,
}

impl JsonError {
    /// `FILE:LINE:COLUMN: not valid JSON: reason`, as compilers print it.
    pub fn located(&self, file: impl std::fmt::Display, lang: Lang) -> String {
        format!(
            "{file}:{}:{}: {}",
            self.line,
            self.column,
            self.reason(lang)
        )
    }

    /// Without the position, for `FILE:LINE:COLUMN: …` messages.
    pub fn reason(&self, lang: Lang) -> String {
        format!(
            "{}: {}",
            tr(lang, "not valid JSON", "JSON inválido"),
            crate::lang::json_detail(&self.reason, lang)
        )
    }

    pub fn message(&self, lang: Lang) -> String {
        format!(
            "{} {}, {} {}: {}: {}",
            tr(lang, "line", "linha"),
            self.line,
            tr(lang, "column", "coluna"),
            self.column,
            tr(lang, "not valid JSON", "JSON inválido"),
            crate::lang::json_detail(&self.reason, lang)
        )
    }
}

/// Parses JSON text, turning serde_json's error into line, column and reason.
pub fn parse_json(text: &str) -> Result<Value, JsonError> {
    parse_noting_duplicates(text).map(|(v, _)| v)
}

std::thread_local! {
    static DUPLICATE_SEEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The entries of the objects being read, innermost last.
    static ENTRIES: std::cell::RefCell<Vec<(String, Value)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A JSON value read by a visitor that notices a key repeated within an object
/// (serde_json's own `Value` silently keeps the last one).
struct Noting(Value);

impl<'de> serde::Deserialize<'de> for Noting {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Noting, D::Error> {
        d.deserialize_any(NotingVisitor)
    }
}

struct NotingVisitor;

impl<'de> serde::de::Visitor<'de> for NotingVisitor {
    type Value = Noting;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Noting, E> {
        Ok(Noting(Value::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Noting, E> {
        Ok(Noting(Value::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Noting, E> {
        Ok(Noting(Value::from(v)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Noting, E> {
        Ok(Noting(Value::from(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Noting, E> {
        Ok(Noting(Value::String(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Noting, E> {
        Ok(Noting(Value::String(v)))
    }
    fn visit_unit<E>(self) -> Result<Noting, E> {
        Ok(Noting(Value::Null))
    }
    fn visit_none<E>(self) -> Result<Noting, E> {
        Ok(Noting(Value::Null))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Noting, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(Noting(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Noting(Value::Array(out)))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Noting, A::Error> {
        // Entries go on one stack shared by every object of the parse (nested objects
        // push above and take theirs off before this one resumes), then into a map of
        // the right size: no vector per object, no rehashing while a map grows.
        let start = ENTRIES.with(|e| e.borrow().len());
        while let Some(k) = map.next_key::<String>()? {
            let Noting(v) = map.next_value()?;
            ENTRIES.with(|e| e.borrow_mut().push((k, v)));
        }
        let out = ENTRIES.with(|e| {
            let mut e = e.borrow_mut();
            let start = start.min(e.len());
            let n = e.len() - start;
            let mut out = serde_json::Map::with_capacity(n);
            out.extend(e.drain(start..));
            if out.len() != n {
                DUPLICATE_SEEN.with(|d| d.set(true));
            }
            out
        });
        Ok(Noting(Value::Object(out)))
    }
}

/// Parses JSON text; also tells whether some object repeats a key.
pub fn parse_noting_duplicates(text: &str) -> Result<(Value, bool), JsonError> {
    DUPLICATE_SEEN.with(|d| d.set(false));
    let parsed = serde_json::from_str::<Noting>(text).map(|n| n.0);
    // A parse error leaves the entries of the unfinished objects behind.
    ENTRIES.with(|e| {
        let mut e = e.borrow_mut();
        e.clear();
        e.shrink_to(4096);
    });
    let dup = DUPLICATE_SEEN.with(|d| d.get());
    parsed.map(|v| (v, dup)).map_err(|e| {
        let full = e.to_string();
        let reason = match full.rfind(" at line ") {
            Some(i) => full[..i].to_string(),
            None => full,
        };
        // A byte-order mark (Windows editors write one) is not JSON: say so.
        let reason = if text.starts_with('\u{feff}') && e.line() == 1 && e.column() <= 1 {
            format!("{reason} (the file starts with a byte-order mark, BOM; save it as UTF-8 without BOM)")
        } else {
            reason
        };
        JsonError {
            line: e.line(),
            // serde_json says column 0 for an empty text; columns count from 1.
            column: char_column(text, e.line(), e.column()).max(1),
            reason,
        }
    })
}

/// serde_json's column counts bytes; a learner (and the editors, which put the
/// cursor there) count characters: `ção` is three columns, not five.
pub fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(l) = text.split('\n').nth(line.saturating_sub(1)) else {
        return byte_column;
    };
    let mut b = byte_column.saturating_sub(1).min(l.len());
    while !l.is_char_boundary(b) {
        b -= 1;
    }
    l[..b].chars().count() + usize::from(byte_column > 0)
}

/// Parses and validates a definition.
pub fn check_text(text: &str, opts: Options) -> Result<Checked, JsonError> {
    let (value, repeated) = parse_noting_duplicates(text)?;
    // Where the repeated keys are: a second pass only when there are some.
    let duplicates = if repeated {
        crate::jsonpos::duplicates(text)
    } else {
        Vec::new()
    };
    let mut findings = check::check(&value, &duplicates, opts);
    // Lines are only needed to locate findings.
    let lines = if findings.is_empty() {
        HashMap::new()
    } else {
        crate::jsonpos::value_lines(text)
    };
    check::locate(&mut findings, &lines);
    // In file order (the validator walks states in two halves on large machines).
    findings.sort_by_key(|f| f.line.unwrap_or(usize::MAX));
    Ok(Checked {
        value,
        lines,
        findings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trailing_comma_is_reported_on_its_line() {
        let text = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"End\": true,}\n  }\n}\n";
        let e = check_text(text, Options::default()).unwrap_err();
        assert_eq!(e.line, 4);
        assert!(
            e.message(Lang::En).starts_with("line 4, column"),
            "{}",
            e.message(Lang::En)
        );
        assert!(e.reason.contains("trailing comma"), "{}", e.reason);
    }

    #[test]
    fn deep_nesting_and_non_objects_are_findings_or_errors_not_panics() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(check_text(&deep, Options::default()).is_err());
        for text in ["null", "[]", "5", "\"x\"", "{}", "{\"States\": []}"] {
            let c = check_text(text, Options::default()).unwrap();
            assert!(!c.is_valid(), "{text}");
        }
    }
}
