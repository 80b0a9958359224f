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

    /// The query language of the whole machine (`JSONPath` unless told otherwise).
    pub fn is_jsonata(&self) -> bool {
        self.value.get("QueryLanguage").and_then(Value::as_str) == Some("JSONata")
            || uses_jsonata(&self.value, 0)
    }
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
            || s.get("Branches")
                .and_then(Value::as_array)
                .is_some_and(|bs| bs.iter().any(|b| uses_jsonata(b, depth + 1)))
            || ["ItemProcessor", "Iterator"]
                .iter()
                .filter_map(|k| s.get(*k))
                .any(|b| uses_jsonata(b, depth + 1))
    })
}

/// Text that is not JSON: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub line: usize,
    pub column: usize,
    pub reason: String,
}

impl JsonError {
    pub fn message(&self, lang: Lang) -> String {
        format!(
            "{} {}, {} {}: {}: {}",
            tr(lang, "line", "linha"),
            self.line,
            tr(lang, "column", "coluna"),
            self.column,
            tr(lang, "not valid JSON", "JSON inválido"),
            self.reason
        )
    }
}

/// Parses JSON text, turning serde_json's error into line, column and reason.
pub fn parse_json(text: &str) -> Result<Value, JsonError> {
    serde_json::from_str::<Value>(text).map_err(|e| {
        let full = e.to_string();
        let reason = match full.rfind(" at line ") {
            Some(i) => full[..i].to_string(),
            None => full,
        };
        JsonError {
            line: e.line(),
            column: e.column(),
            reason,
        }
    })
}

/// Parses and validates a definition.
pub fn check_text(text: &str, opts: Options) -> Result<Checked, JsonError> {
    let value = parse_json(text)?;
    let scan = crate::jsonpos::scan(text);
    let mut findings = check::check(&value, &scan.duplicates, opts);
    check::locate(&mut findings, &scan.lines);
    Ok(Checked {
        value,
        lines: scan.lines,
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
