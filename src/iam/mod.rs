//! The Lab's IAM policy evaluator: policy documents read with positions,
//! `iam check`'s grammar and validation rules, the case file (a request and the
//! policies by layer), AWS's documented evaluation logic with a readable trace, and the
//! bundled samples. Domain code: no terminal, no front end; the CLI (`commands::iam`)
//! and the Lab call the same functions.
pub mod case;
pub mod check;
pub mod cond;
pub mod describe;
pub mod eval;
pub mod matching;
pub mod policy;
pub mod reason;
pub mod samples;
pub mod trace;

use std::collections::HashMap;

use serde_json::Value;

pub use case::{Case, CaseError, Decision, Layer, parse_cases};
pub use check::{Finding, Kind};
pub use eval::{Outcome, evaluate};

use crate::lang::{Lang, tr};

/// The largest file `iam` reads. AWS's own limits are far lower (an identity policy
/// holds at most 6,144 characters, a bucket policy 20 KB).
pub const MAX_FILE_BYTES: u64 = crate::store::MAX_FILE_BYTES;

/// Reads a policy or case file through the one safe reader: a FIFO or device is
/// refused, a longer file stops at the cap. The error is the reason, without the path.
pub fn read_text(path: &std::path::Path, lang: Lang) -> Result<String, String> {
    read_text_said(path).map_err(|s| s.get(lang).to_string())
}

/// [`read_text`] with the reason in both languages (the Lab draws it in the language
/// of the moment).
pub fn read_text_said(path: &std::path::Path) -> Result<String, crate::lang::Said> {
    use crate::lang::Said;
    let bytes = crate::store::read_capped(path, MAX_FILE_BYTES)
        .map_err(|e| Said::new(|lang| e.message(lang)))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        Said::new(|lang| {
            format!(
                "{} {at})",
                tr(lang, "not UTF-8 text (byte", "não é texto UTF-8 (byte")
            )
        })
    })
}

/// A checked file: its findings with lines, and whether it was a case file.
#[derive(Debug, Clone)]
pub struct Checked {
    pub findings: Vec<Finding>,
    /// The policies checked: (pointer, kind).
    pub policies: Vec<(String, Kind)>,
}

impl Checked {
    pub fn is_valid(&self) -> bool {
        self.findings.iter().all(|f| !f.is_error())
    }
}

/// Checks the text of a policy document (as `kind`, or guessed), or every policy of a
/// case file under its layer's kind. `Err` when the text is not JSON.
pub fn check_text(text: &str, kind: Option<Kind>) -> Result<Checked, CaseError> {
    let v = case::parse_json(text)?;
    let scan = crate::jsonpos::scan(text);
    let mut findings: Vec<Finding> = scan
        .duplicates
        .iter()
        .map(|d| Finding {
            rule: check::Rule::DuplicateKey,
            pointer: d.clone(),
            line: None,
            subject: d.rsplit('/').next().unwrap_or("").to_string(),
        })
        .collect();
    let policies = policies_of(&v, kind);
    for (pointer, k) in &policies {
        let doc = if pointer.is_empty() {
            Some(&v)
        } else {
            v.pointer(pointer)
        };
        if let Some(doc) = doc {
            findings.extend(check::check_policy(doc, *k, pointer));
        }
    }
    locate(&mut findings, &scan.lines);
    Ok(Checked { findings, policies })
}

/// Fills in each finding's line.
pub fn locate(findings: &mut [Finding], lines: &HashMap<String, usize>) {
    for f in findings {
        f.line = crate::jsonpos::line_of(lines, &f.pointer);
    }
}

/// The policy documents in a file: the file itself, or each policy of a case file
/// (`{"cases": [...]}` or one case) with the kind its layer implies.
pub fn policies_of(v: &Value, kind: Option<Kind>) -> Vec<(String, Kind)> {
    let is_case = v.get("policies").is_some() || v.get("principal").is_some();
    let cases: Vec<(String, &Value)> = match v.get("cases") {
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, c)| (format!("/cases/{i}"), c))
            .collect(),
        _ if is_case => vec![(String::new(), v)],
        _ => return vec![(String::new(), kind.unwrap_or_else(|| Kind::infer(v)))],
    };
    let mut out = Vec::new();
    for (base, c) in cases {
        let Some(p) = c.get("policies") else { continue };
        let trust = c
            .get("request")
            .and_then(|r| r.get("action"))
            .and_then(Value::as_str)
            .is_some_and(|a| a.to_ascii_lowercase().starts_with("sts:assumerole"));
        let pb = format!("{base}/policies");
        if let Some(Value::Array(ids)) = p.get("identity") {
            for i in 0..ids.len() {
                out.push((format!("{pb}/identity/{i}"), Kind::Identity));
            }
        }
        for (key, k) in [
            ("resource", if trust { Kind::Trust } else { Kind::Resource }),
            ("permissions_boundary", Kind::Boundary),
            ("session", Kind::Session),
        ] {
            if p.get(key).is_some_and(Value::is_object) {
                out.push((format!("{pb}/{key}"), k));
            }
        }
        for (key, k) in [("scps", Kind::Scp), ("rcps", Kind::Rcp)] {
            if let Some(Value::Array(levels)) = p.get(key) {
                for (i, level) in levels.iter().enumerate() {
                    if let Value::Array(items) = level {
                        for j in 0..items.len() {
                            out.push((format!("{pb}/{key}/{i}/{j}"), k));
                        }
                    }
                }
            }
        }
    }
    out
}

/// Why an edited policy text was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum PolicyTextError {
    /// Not JSON: where (1-based) and serde_json's reason.
    Json(CaseError),
    /// JSON, but not an object.
    NotObject,
    /// AWS would refuse it: the first error `iam check` finds, with its line.
    Invalid(Finding),
}

impl PolicyTextError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            PolicyTextError::Json(e) => e.message(lang),
            PolicyTextError::NotObject => tr(
                lang,
                "line 1, column 1: a policy is a JSON object { \"Version\": …, \"Statement\": … }",
                "linha 1, coluna 1: uma política é um objeto JSON { \"Version\": …, \"Statement\": … }",
            )
            .to_string(),
            PolicyTextError::Invalid(f) => f.message(lang),
        }
    }

    /// The 1-based line and column the reason points at, when it names one.
    pub fn place(&self) -> Option<(usize, usize)> {
        match self {
            PolicyTextError::Json(CaseError::Json { line, column, .. }) => Some((*line, *column)),
            PolicyTextError::Json(_) => None,
            PolicyTextError::NotObject => Some((1, 1)),
            PolicyTextError::Invalid(f) => f.line.map(|l| (l, 1)),
        }
    }
}

/// A policy as edited text: parsed, checked as `kind` (an error `iam check` would
/// report refuses it, as AWS refuses to save such a policy), and read into the model
/// at `pointer` of its case.
pub fn policy_from_text(
    text: &str,
    kind: Kind,
    pointer: &str,
) -> Result<policy::Policy, PolicyTextError> {
    let v = case::parse_json(text).map_err(PolicyTextError::Json)?;
    if !v.is_object() {
        return Err(PolicyTextError::NotObject);
    }
    let scan = crate::jsonpos::scan(text);
    let mut findings = check::check_policy(&v, kind, "");
    for d in &scan.duplicates {
        findings.push(Finding {
            rule: check::Rule::DuplicateKey,
            pointer: d.clone(),
            line: None,
            subject: d.rsplit('/').next().unwrap_or("").to_string(),
        });
    }
    locate(&mut findings, &scan.lines);
    if let Some(f) = findings.into_iter().find(Finding::is_error) {
        return Err(PolicyTextError::Invalid(f));
    }
    Ok(policy::Policy::from_value(&v, pointer))
}

#[cfg(test)]
mod edit_tests {
    use super::*;

    #[test]
    fn an_edited_policy_is_parsed_checked_or_refused_with_its_place() {
        let ok = r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:*","Resource":"*"}}"#;
        let p = policy_from_text(ok, Kind::Identity, "/policies/identity/0").expect("valid");
        assert_eq!(p.pointer, "/policies/identity/0");
        assert_eq!(p.statements.len(), 1);
        let e = policy_from_text(
            "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n",
            Kind::Identity,
            "",
        )
        .expect_err("cut short");
        assert_eq!(e.place().map(|p| p.0), Some(4));
        assert!(
            e.message(Lang::PtBr).starts_with("linha 4, coluna"),
            "{}",
            e.message(Lang::PtBr)
        );
        assert!(
            e.message(Lang::PtBr).contains("o texto termina"),
            "{}",
            e.message(Lang::PtBr)
        );
        assert_eq!(
            policy_from_text("[1]", Kind::Identity, ""),
            Err(PolicyTextError::NotObject)
        );
        let unknown = "{\"Version\":\"2012-10-17\",\"Statement\":[\n{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\n\"Condition\":{\"StringEqualz\":{\"aws:username\":\"x\"}}}]}";
        let e = policy_from_text(unknown, Kind::Identity, "").expect_err("unknown operator");
        assert!(matches!(e, PolicyTextError::Invalid(_)));
        assert!(
            e.message(Lang::En).contains("line 3"),
            "{}",
            e.message(Lang::En)
        );
        let deep = "[".repeat(100_000);
        assert!(matches!(
            policy_from_text(&deep, Kind::Identity, ""),
            Err(PolicyTextError::Json(_))
        ));
    }
}
