//! A policy document as the evaluator reads it: statements with their effect,
//! actions, resources, principals and conditions, each remembering its JSON Pointer.
//! Built tolerantly from any JSON value (what `iam check` reports is its business):
//! a statement the evaluator cannot understand is kept with `effect: None` and never
//! applies, and an unknown condition operator is kept by name so a Deny can fail
//! closed on it.
use std::sync::Arc;

use serde_json::Value;

use super::cond::{Operator, parse_operator};
use crate::jsonpos::escape;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Allow,
    Deny,
}

impl Effect {
    pub fn name(self) -> &'static str {
        match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        }
    }
}

/// `Action`/`NotAction`, `Resource`/`NotResource`: the values and whether negated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    pub negated: bool,
    pub values: Vec<Arc<str>>,
}

/// Who a `Principal` entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrincipalKey {
    Aws,
    Service,
    Federated,
    CanonicalUser,
}

impl PrincipalKey {
    pub fn name(self) -> &'static str {
        match self {
            PrincipalKey::Aws => "AWS",
            PrincipalKey::Service => "Service",
            PrincipalKey::Federated => "Federated",
            PrincipalKey::CanonicalUser => "CanonicalUser",
        }
    }
}

/// `Principal`/`NotPrincipal`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Principals {
    pub negated: bool,
    /// `"Principal": "*"` (or `{"AWS": "*"}`): everyone.
    pub anyone: bool,
    pub entries: Vec<(PrincipalKey, String)>,
}

/// One operator / key / values triple of a `Condition` block.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// The operator as written.
    pub operator: Arc<str>,
    /// `None`: an operator IAM does not know.
    pub op: Option<Operator>,
    pub key: Arc<str>,
    /// The key in lower case (context keys are case-insensitive).
    pub key_lower: String,
    /// Shared with the trace, which shows them.
    pub values: Arc<[String]>,
    /// Whether any value holds a policy variable.
    pub has_variables: bool,
    pub pointer: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub index: usize,
    /// `Sid`, or `#index` without one: how the trace names it.
    pub label: Arc<str>,
    pub sid: Option<String>,
    /// `None`: missing or not `Allow`/`Deny` (the statement never applies).
    pub effect: Option<Effect>,
    pub action: Option<Names>,
    pub resource: Option<Names>,
    pub principal: Option<Principals>,
    pub conditions: Vec<Condition>,
    pub pointer: Arc<str>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub version: Option<String>,
    pub statements: Vec<Statement>,
    /// Pointer of the document in its file ("" for a file of its own).
    pub pointer: String,
    /// The document as read, for showing and editing it as JSON.
    pub source: Value,
}

impl Policy {
    /// Policy variables are replaced only under `Version: 2012-10-17`; otherwise they
    /// are literal text ("IAM JSON policy elements: Version").
    pub fn variables_enabled(&self) -> bool {
        self.version.as_deref() == Some("2012-10-17")
    }

    /// Reads a policy document at `pointer` of its file.
    pub fn from_value(v: &Value, pointer: &str) -> Policy {
        let version = v.get("Version").and_then(Value::as_str).map(str::to_string);
        let base = format!("{pointer}/Statement");
        let statements = match v.get("Statement") {
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, s)| statement(s, i, format!("{base}/{i}")))
                .collect(),
            Some(s @ Value::Object(_)) => vec![statement(s, 0, base)],
            _ => Vec::new(),
        };
        Policy {
            version,
            statements,
            pointer: pointer.to_string(),
            source: v.clone(),
        }
    }
}

/// A string or a list of strings (numbers and booleans as their text).
pub fn strings(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::Array(items) => items.iter().map(scalar).collect(),
        other => scalar(other).map(|s| vec![s]),
    }
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn names(s: &Value, key: &str, not_key: &str) -> Option<Names> {
    let (negated, v) = match (s.get(key), s.get(not_key)) {
        (Some(v), None) => (false, v),
        (None, Some(v)) => (true, v),
        // Both or neither: `iam check` says so; the statement matches nothing.
        _ => return None,
    };
    Some(Names {
        negated,
        values: strings(v)
            .unwrap_or_default()
            .into_iter()
            .map(Arc::from)
            .collect(),
    })
}

fn principals(s: &Value) -> Option<Principals> {
    let (negated, v) = match (s.get("Principal"), s.get("NotPrincipal")) {
        (Some(v), None) => (false, v),
        (None, Some(v)) => (true, v),
        _ => return None,
    };
    let mut p = Principals {
        negated,
        ..Principals::default()
    };
    match v {
        Value::String(x) if x == "*" => p.anyone = true,
        Value::Object(map) => {
            for (k, vals) in map {
                let key = match k.as_str() {
                    "AWS" => PrincipalKey::Aws,
                    "Service" => PrincipalKey::Service,
                    "Federated" => PrincipalKey::Federated,
                    "CanonicalUser" => PrincipalKey::CanonicalUser,
                    _ => continue,
                };
                for x in strings(vals).unwrap_or_default() {
                    if key == PrincipalKey::Aws && x == "*" {
                        p.anyone = true;
                    } else {
                        p.entries.push((key, x));
                    }
                }
            }
        }
        _ => {}
    }
    Some(p)
}

fn statement(s: &Value, index: usize, pointer: String) -> Statement {
    let effect = match s.get("Effect").and_then(Value::as_str) {
        Some("Allow") => Some(Effect::Allow),
        Some("Deny") => Some(Effect::Deny),
        _ => None,
    };
    let mut conditions = Vec::new();
    if let Some(Value::Object(block)) = s.get("Condition") {
        for (operator, keys) in block {
            let op = parse_operator(operator);
            if let Value::Object(keys) = keys {
                for (key, vals) in keys {
                    let values = strings(vals).unwrap_or_default();
                    conditions.push(Condition {
                        operator: operator.as_str().into(),
                        op,
                        key: key.as_str().into(),
                        key_lower: key.to_ascii_lowercase(),
                        has_variables: values.iter().any(|v| v.contains("${")),
                        values: values.into(),
                        pointer: format!(
                            "{pointer}/Condition/{}/{}",
                            escape(operator),
                            escape(key)
                        ),
                    });
                }
            } else {
                // An operator with no key map: kept so a Deny fails closed on it.
                conditions.push(Condition {
                    operator: operator.as_str().into(),
                    op: None,
                    key: "".into(),
                    key_lower: String::new(),
                    values: Arc::from(Vec::new()),
                    has_variables: false,
                    pointer: format!("{pointer}/Condition/{}", escape(operator)),
                });
            }
        }
    }
    let sid = s.get("Sid").and_then(Value::as_str).map(str::to_string);
    let label: Arc<str> = match &sid {
        Some(s) if !s.is_empty() => s.as_str().into(),
        _ => format!("#{index}").into(),
    };
    Statement {
        index,
        label,
        sid,
        effect: if s.is_object() { effect } else { None },
        action: names(s, "Action", "NotAction"),
        resource: names(s, "Resource", "NotResource"),
        principal: principals(s),
        conditions,
        pointer: pointer.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_keep_their_pointers() {
        let v: Value = serde_json::from_str(
            r#"{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"*",
                "Condition":{"StringEquals":{"aws:username":["a","b"]}}},
               {"Effect":"Deny","NotAction":["iam:*"],"NotResource":"arn:aws:s3:::x","NotPrincipal":{"AWS":["1","*"]}}]}"#,
        )
        .unwrap();
        let p = Policy::from_value(&v, "/policies/identity/0");
        assert!(p.variables_enabled());
        assert_eq!(p.statements.len(), 2);
        assert_eq!(
            &*p.statements[0].pointer,
            "/policies/identity/0/Statement/0"
        );
        assert_eq!(
            p.statements[0].conditions[0].pointer,
            "/policies/identity/0/Statement/0/Condition/StringEquals/aws:username"
        );
        let s = &p.statements[1];
        assert_eq!(s.effect, Some(Effect::Deny));
        assert!(s.action.as_ref().unwrap().negated);
        let pr = s.principal.as_ref().unwrap();
        assert!(pr.negated && pr.anyone);
        assert_eq!(pr.entries, vec![(PrincipalKey::Aws, "1".into())]);
    }

    #[test]
    fn anything_else_is_read_without_panicking() {
        for text in [
            "null",
            "[]",
            "{\"Statement\": 3}",
            "{\"Statement\": [1, null, {}]}",
        ] {
            let v: Value = serde_json::from_str(text).unwrap();
            let p = Policy::from_value(&v, "");
            assert!(p.statements.iter().all(|s| s.effect.is_none()));
        }
    }
}
