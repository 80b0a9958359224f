//! `iam check`: the policy grammar and the validation AWS applies when a policy is
//! saved ("IAM JSON policy grammar", "IAM JSON policy element reference", IAM Access
//! Analyzer's policy checks): `Version`, `Statement`, unique `Sid`s, `Effect`, exactly
//! one of `Action`/`NotAction` and of `Resource`/`NotResource`, `Principal` only where
//! the policy kind takes one, known condition operators with well-formed values, ARN
//! and action syntax. Each finding names the JSON Pointer, the line (filled by the
//! caller) and explains itself in both languages.
use std::collections::HashSet;

use serde_json::{Map, Value};

mod rules;

pub use rules::{Rule, Severity};

use crate::iam::cond::{Base, parse_operator, value_problem};
use crate::jsonpos::escape;
use crate::lang::{Lang, tr};

/// What a policy is attached to, which decides what it may contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Identity,
    Resource,
    Trust,
    Boundary,
    Scp,
    Rcp,
    Session,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Identity => "identity",
            Kind::Resource => "resource",
            Kind::Trust => "trust",
            Kind::Boundary => "boundary",
            Kind::Scp => "scp",
            Kind::Rcp => "rcp",
            Kind::Session => "session",
        }
    }

    /// Resource, trust and resource control policies name principals.
    pub fn takes_principal(self) -> bool {
        matches!(self, Kind::Resource | Kind::Trust | Kind::Rcp)
    }

    /// A policy's kind guessed from its content: one that names a principal is a
    /// resource-based policy, anything else identity-based.
    pub fn infer(v: &Value) -> Kind {
        let stmts: Vec<&Value> = match v.get("Statement") {
            Some(Value::Array(a)) => a.iter().collect(),
            Some(s) => vec![s],
            None => Vec::new(),
        };
        if stmts
            .iter()
            .any(|s| s.get("Principal").is_some() || s.get("NotPrincipal").is_some())
        {
            Kind::Resource
        } else {
            Kind::Identity
        }
    }
}

/// One problem in a policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    pub pointer: String,
    pub line: Option<usize>,
    /// Names and values involved (language-neutral).
    pub subject: String,
}

impl Finding {
    /// `line 7: /Statement/0: both Action and NotAction`.
    pub fn message(&self, lang: Lang) -> String {
        let mut out = crate::jsonpos::place(self.line, &self.pointer, lang);
        if self.rule.severity() == Severity::Warning {
            out.push_str(tr(lang, "warning: ", "aviso: "));
        }
        out.push_str(self.rule.title(lang));
        if !self.subject.is_empty() {
            out.push_str(": ");
            out.push_str(&self.subject);
        }
        out
    }

    pub fn is_error(&self) -> bool {
        self.rule.severity() == Severity::Error
    }
}

struct Checker {
    kind: Kind,
    out: Vec<Finding>,
}

impl Checker {
    fn push(&mut self, rule: Rule, pointer: impl Into<String>, subject: impl Into<String>) {
        self.out.push(Finding {
            rule,
            pointer: pointer.into(),
            line: None,
            subject: subject.into(),
        });
    }

    /// A string or a non-empty list of strings; returns the strings with pointers.
    fn strings(&mut self, v: &Value, p: &str) -> Vec<(String, String)> {
        match v {
            Value::String(s) => vec![(s.clone(), p.to_string())],
            Value::Array(items) if items.is_empty() => {
                self.push(Rule::EmptyList, p, "");
                Vec::new()
            }
            Value::Array(items) => {
                let mut out = Vec::new();
                for (i, x) in items.iter().enumerate() {
                    match x {
                        Value::String(s) => out.push((s.clone(), format!("{p}/{i}"))),
                        _ => self.push(Rule::ValueType, format!("{p}/{i}"), ""),
                    }
                }
                out
            }
            _ => {
                self.push(Rule::ValueType, p, "");
                Vec::new()
            }
        }
    }

    fn statement(&mut self, s: &Value, p: &str, sids: &mut HashSet<String>, uses_vars: &mut bool) {
        let Some(obj) = s.as_object() else {
            self.push(Rule::StatementType, p, "");
            return;
        };
        const KNOWN: [&str; 10] = [
            "Sid",
            "Effect",
            "Action",
            "NotAction",
            "Resource",
            "NotResource",
            "Principal",
            "NotPrincipal",
            "Condition",
            "Id",
        ];
        for k in obj.keys() {
            if !KNOWN.contains(&k.as_str()) || k == "Id" {
                self.push(Rule::UnknownField, format!("{p}/{}", escape(k)), k.clone());
            }
        }
        match obj.get("Sid") {
            Some(Value::String(sid)) if !sid.is_empty() && !sids.insert(sid.clone()) => {
                self.push(Rule::SidDuplicate, format!("{p}/Sid"), sid.clone());
            }
            None | Some(Value::String(_)) => {}
            Some(_) => self.push(Rule::SidType, format!("{p}/Sid"), ""),
        }
        let effect = obj.get("Effect").and_then(Value::as_str);
        match obj.get("Effect") {
            None => self.push(Rule::EffectMissing, p, ""),
            Some(Value::String(e)) if e == "Allow" || e == "Deny" => {}
            Some(other) => self.push(Rule::EffectValue, format!("{p}/Effect"), other.to_string()),
        }
        match (obj.get("Action"), obj.get("NotAction")) {
            (Some(_), Some(_)) => self.push(Rule::ActionBoth, p, "Action, NotAction"),
            (None, None) => self.push(Rule::ActionMissing, p, ""),
            (Some(v), None) => self.actions(v, &format!("{p}/Action")),
            (None, Some(v)) => self.actions(v, &format!("{p}/NotAction")),
        }
        match (obj.get("Resource"), obj.get("NotResource")) {
            (Some(_), Some(_)) => self.push(Rule::ResourceBoth, p, "Resource, NotResource"),
            (None, None) if self.kind != Kind::Trust => self.push(Rule::ResourceMissing, p, ""),
            (None, None) => {}
            (Some(v), None) => self.resources(v, &format!("{p}/Resource"), uses_vars),
            (None, Some(v)) => self.resources(v, &format!("{p}/NotResource"), uses_vars),
        }
        let (pr, npr) = (obj.get("Principal"), obj.get("NotPrincipal"));
        if self.kind.takes_principal() {
            match (pr, npr) {
                (Some(_), Some(_)) => self.push(Rule::PrincipalBoth, p, ""),
                (None, None) => self.push(Rule::PrincipalMissing, p, ""),
                (Some(v), None) => {
                    if self.kind == Kind::Rcp && v.as_str() != Some("*") {
                        self.push(Rule::RcpPrincipal, format!("{p}/Principal"), "");
                    } else {
                        self.principal(v, &format!("{p}/Principal"));
                    }
                }
                (None, Some(v)) => {
                    if self.kind != Kind::Resource {
                        self.push(
                            Rule::NotPrincipalUnsupported,
                            format!("{p}/NotPrincipal"),
                            "",
                        );
                    } else if effect == Some("Allow") {
                        self.push(Rule::NotPrincipalAllow, format!("{p}/NotPrincipal"), "");
                    }
                    self.principal(v, &format!("{p}/NotPrincipal"));
                }
            }
        } else {
            for (name, v) in [("Principal", pr), ("NotPrincipal", npr)] {
                if v.is_some() {
                    self.push(
                        Rule::PrincipalNotAllowed,
                        format!("{p}/{name}"),
                        format!("{name} ({} policy)", self.kind.name()),
                    );
                }
            }
        }
        if let Some(c) = obj.get("Condition") {
            self.condition(c, &format!("{p}/Condition"), uses_vars);
        }
    }

    fn actions(&mut self, v: &Value, p: &str) {
        for (a, ap) in self.strings(v, p) {
            if a == "*" {
                continue;
            }
            let ok = a.split_once(':').is_some_and(|(svc, name)| {
                !svc.is_empty()
                    && svc.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    && !name.is_empty()
                    && name.bytes().all(|b| {
                        b.is_ascii_alphanumeric() || matches!(b, b'*' | b'?' | b'-' | b'_')
                    })
            });
            if !ok {
                self.push(Rule::ActionSyntax, ap, a);
            }
        }
    }

    fn resources(&mut self, v: &Value, p: &str, uses_vars: &mut bool) {
        for (r, rp) in self.strings(v, p) {
            *uses_vars |= r.contains("${");
            if r == "*" {
                continue;
            }
            if !arn_ok(&r) {
                self.push(Rule::ArnSyntax, rp, r);
            }
        }
    }

    fn principal(&mut self, v: &Value, p: &str) {
        match v {
            Value::String(s) if s == "*" => {}
            Value::Object(map) if !map.is_empty() => {
                for (k, vals) in map {
                    let kp = format!("{p}/{}", escape(k));
                    if !matches!(
                        k.as_str(),
                        "AWS" | "Service" | "Federated" | "CanonicalUser"
                    ) {
                        self.push(Rule::PrincipalSyntax, kp, k.clone());
                        continue;
                    }
                    for (x, xp) in self.strings(vals, &kp) {
                        let bad = match k.as_str() {
                            "AWS" => !(x == "*" || is_account(&x) || principal_arn_ok(&x)),
                            _ => x.is_empty() || (x.contains('*') && x != "*"),
                        };
                        if bad {
                            self.push(Rule::PrincipalSyntax, xp, x);
                        }
                    }
                }
            }
            other => self.push(Rule::PrincipalSyntax, p, other.to_string()),
        }
    }

    fn condition(&mut self, c: &Value, p: &str, uses_vars: &mut bool) {
        let Some(block) = c.as_object() else {
            self.push(Rule::ConditionType, p, "");
            return;
        };
        for (op_name, keys) in block {
            let op_p = format!("{p}/{}", escape(op_name));
            let op = parse_operator(op_name);
            if op.is_none() {
                self.push(Rule::UnknownOperator, op_p.clone(), op_name.clone());
            }
            let Some(keys) = keys.as_object().filter(|k| !k.is_empty()) else {
                self.push(Rule::ConditionType, op_p, op_name.clone());
                continue;
            };
            for (key, vals) in keys {
                let kp = format!("{op_p}/{}", escape(key));
                let items: Vec<(String, String)> = match vals {
                    Value::Bool(b) => vec![(b.to_string(), kp.clone())],
                    Value::Number(n) => vec![(n.to_string(), kp.clone())],
                    Value::Array(a)
                        if a.iter().all(|x| x.is_boolean() || x.is_number()) && !a.is_empty() =>
                    {
                        a.iter()
                            .enumerate()
                            .map(|(i, x)| (x.to_string(), format!("{kp}/{i}")))
                            .collect()
                    }
                    _ => self.strings(vals, &kp),
                };
                if let Some(op) = op {
                    for (x, xp) in &items {
                        *uses_vars |= x.contains("${");
                        if let Some(why) = value_problem(op.base, x) {
                            self.push(
                                Rule::ConditionValue,
                                xp.clone(),
                                format!("{op_name} {x:?}: {why}"),
                            );
                        }
                        if matches!(
                            op.base,
                            Base::ArnEquals | Base::ArnLike | Base::ArnNotEquals | Base::ArnNotLike
                        ) && x != "*"
                            && !x.contains("${")
                            && x.splitn(6, ':').count() < 6
                        {
                            self.push(Rule::ArnSyntax, xp.clone(), x.clone());
                        }
                    }
                }
            }
        }
    }
}

fn is_account(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// `arn:partition:service:region:account:resource`, with wildcards and variables allowed
/// in the parts (Resource elements).
pub fn arn_ok(s: &str) -> bool {
    let parts: Vec<&str> = s.splitn(6, ':').collect();
    parts.len() == 6
        && (parts[0] == "arn" || parts[0] == "*")
        && !parts[1].is_empty()
        && !parts[2].is_empty()
        && !parts[5].is_empty()
}

/// An `AWS` principal ARN: an IAM or STS ARN with an account, no wildcards.
fn principal_arn_ok(s: &str) -> bool {
    let parts: Vec<&str> = s.splitn(6, ':').collect();
    parts.len() == 6
        && parts[0] == "arn"
        && matches!(parts[2], "iam" | "sts")
        && is_account(parts[4])
        && !parts[5].is_empty()
        && !s.contains(['*', '?'])
}

/// Checks a parsed policy document (findings without lines; `base` prefixes every
/// pointer, for a policy inside a case file).
pub fn check_policy(doc: &Value, kind: Kind, base: &str) -> Vec<Finding> {
    let mut c = Checker {
        kind,
        out: Vec::new(),
    };
    let Some(obj) = doc.as_object() else {
        c.push(Rule::NotObject, base, "policy");
        return c.out;
    };
    check_object(&mut c, obj, base);
    let mut left = MAX_CHARACTER_FINDINGS;
    characters(&mut c, doc, base, &mut left);
    // AWS's size quotas count characters without whitespace: the compact JSON. Past
    // the first figure some kinds of attachment refuse the policy (a warning); past
    // the second every one does (an error): an identity policy larger than a role's
    // inline quota, 10,240, fits nowhere, and a permissions boundary is always a
    // managed policy, 6,144 (IAM User Guide, "IAM and AWS STS quotas").
    let most = match kind {
        Kind::Identity => Some((6_144, Some(10_240))),
        Kind::Boundary => Some((6_144, Some(6_144))),
        Kind::Resource => Some((32_768, None)),
        _ => None,
    };
    if let Some((most, never)) = most {
        let size = serde_json::to_string(doc).map_or(0, |t| t.chars().count());
        match never {
            Some(never) if size > never => {
                c.push(Rule::TooLargeAnywhere, base, format!("{size} > {never}"))
            }
            _ if size > most => c.push(Rule::TooLarge, base, format!("{size} > {most}")),
            _ => {}
        }
    }
    c.out
}

/// At most this many findings of [`Rule::Characters`] per policy (one per string).
const MAX_CHARACTER_FINDINGS: usize = 20;

/// Whether IAM takes this character in a policy document: tab, line feed, carriage
/// return and U+0020 to U+00FF (IAM User Guide, "IAM and AWS STS quotas", IAM name
/// requirements).
fn policy_char_ok(ch: char) -> bool {
    matches!(ch, '\t' | '\n' | '\r' | '\u{20}'..='\u{ff}')
}

/// The first character of `s` IAM refuses, as `U+001B`.
fn bad_char(s: &str) -> Option<String> {
    s.chars()
        .find(|&ch| !policy_char_ok(ch))
        .map(|ch| format!("U+{:04X}", u32::from(ch)))
}

/// One [`Rule::Characters`] finding per key or string that holds a character IAM
/// refuses (a control character, an emoji, a dash or quote beyond Latin-1).
fn characters(c: &mut Checker, v: &Value, p: &str, left: &mut usize) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let kp = format!("{p}/{}", escape(k));
                if *left > 0
                    && let Some(u) = bad_char(k)
                {
                    *left -= 1;
                    c.push(Rule::Characters, kp.clone(), u);
                }
                characters(c, x, &kp, left);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                characters(c, x, &format!("{p}/{i}"), left);
            }
        }
        Value::String(s) if *left > 0 => {
            if let Some(u) = bad_char(s) {
                *left -= 1;
                c.push(Rule::Characters, p, u);
            }
        }
        _ => {}
    }
}

fn check_object(c: &mut Checker, obj: &Map<String, Value>, base: &str) {
    for k in obj.keys() {
        if !matches!(k.as_str(), "Version" | "Statement" | "Id") {
            c.push(
                Rule::UnknownField,
                format!("{base}/{}", escape(k)),
                k.clone(),
            );
        }
    }
    let version = obj.get("Version");
    match version {
        None => c.push(Rule::VersionMissing, base, ""),
        Some(Value::String(v)) if v == "2012-10-17" || v == "2008-10-17" => {}
        Some(other) => c.push(
            Rule::VersionValue,
            format!("{base}/Version"),
            other.to_string(),
        ),
    }
    let mut sids = HashSet::new();
    let mut uses_vars = false;
    let sp = format!("{base}/Statement");
    match obj.get("Statement") {
        None => c.push(Rule::StatementMissing, base, ""),
        Some(Value::Array(items)) if items.is_empty() => c.push(Rule::StatementEmpty, sp, ""),
        Some(Value::Array(items)) => {
            for (i, s) in items.iter().enumerate() {
                c.statement(s, &format!("{sp}/{i}"), &mut sids, &mut uses_vars);
            }
        }
        Some(s @ Value::Object(_)) => c.statement(s, &sp, &mut sids, &mut uses_vars),
        Some(_) => c.push(Rule::StatementType, sp, ""),
    }
    if uses_vars && version.and_then(Value::as_str) != Some("2012-10-17") {
        c.push(Rule::VariablesWithoutVersion, base, "${…}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(text: &str, kind: Kind) -> Vec<(Rule, String)> {
        let v: Value = serde_json::from_str(text).unwrap();
        check_policy(&v, kind, "")
            .into_iter()
            .map(|f| (f.rule, f.pointer))
            .collect()
    }

    #[test]
    fn a_valid_identity_policy_has_no_findings() {
        let t = r#"{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":["s3:Get*","iam:*AccessKey*"],
            "Resource":"arn:aws:s3:::b/${aws:username}/*","Condition":{"IpAddress":{"aws:SourceIp":["203.0.113.0/24"]},
            "ForAllValues:StringLike":{"aws:TagKeys":"key1*"},"NumericLessThan":{"s3:max-keys":10},"Bool":{"aws:SecureTransport":true}}}]}"#;
        assert_eq!(rules(t, Kind::Identity), vec![]);
    }

    #[test]
    fn grammar_findings_name_their_pointer() {
        let t = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","NotAction":"s3:PutObject","Resource":"*"}]}"#;
        assert_eq!(
            rules(t, Kind::Identity),
            vec![(Rule::ActionBoth, "/Statement/0".into())]
        );
        let t = r#"{"Version":"2012-10-17","Statement":[{"Sid":"x","Effect":"allow","Action":"s3GetObject","Resource":"bucket"},
                   {"Sid":"x","Effect":"Deny","Action":"*","Resource":"*","Principal":"*","Condition":{"StringEqualz":{"a":"b"},"DateLessThan":{"aws:CurrentTime":"soon"}}}]}"#;
        let r = rules(t, Kind::Identity);
        for want in [
            (Rule::EffectValue, "/Statement/0/Effect"),
            (Rule::ActionSyntax, "/Statement/0/Action"),
            (Rule::ArnSyntax, "/Statement/0/Resource"),
            (Rule::SidDuplicate, "/Statement/1/Sid"),
            (Rule::PrincipalNotAllowed, "/Statement/1/Principal"),
            (Rule::UnknownOperator, "/Statement/1/Condition/StringEqualz"),
            (
                Rule::ConditionValue,
                "/Statement/1/Condition/DateLessThan/aws:CurrentTime",
            ),
        ] {
            assert!(
                r.contains(&(want.0, want.1.to_string())),
                "{want:?} in {r:?}"
            );
        }
    }

    #[test]
    fn principals_by_policy_kind() {
        let t = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}"#;
        assert_eq!(
            rules(t, Kind::Resource),
            vec![(Rule::PrincipalMissing, "/Statement".into())]
        );
        let t = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:user/*"},"Action":"s3:*","Resource":"*"}]}"#;
        let r = rules(t, Kind::Resource);
        assert!(r.contains(&(Rule::NotPrincipalAllow, "/Statement/0/NotPrincipal".into())));
        assert!(r.contains(&(
            Rule::PrincipalSyntax,
            "/Statement/0/NotPrincipal/AWS".into()
        )));
        let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sts:AssumeRole"}]}"#;
        assert_eq!(rules(trust, Kind::Trust), vec![]);
        let rcp = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*"}]}"#;
        assert_eq!(
            rules(rcp, Kind::Rcp),
            vec![(Rule::RcpPrincipal, "/Statement/0/Principal".into())]
        );
    }

    #[test]
    fn versions_and_variables() {
        let t = r#"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}/*"}]}"#;
        let r = rules(t, Kind::Identity);
        assert_eq!(
            r,
            vec![
                (Rule::VersionMissing, "".into()),
                (Rule::VariablesWithoutVersion, "".into())
            ]
        );
        assert!(
            check_policy(&serde_json::from_str(t).unwrap(), Kind::Identity, "")
                .iter()
                .all(|f| !f.is_error())
        );
        assert_eq!(
            rules("[]", Kind::Identity),
            vec![(Rule::NotObject, "".into())]
        );
    }

    #[test]
    fn every_rule_explains_itself_in_both_languages() {
        let f = Finding {
            rule: Rule::ActionBoth,
            pointer: "/Statement/0".into(),
            line: Some(3),
            subject: String::new(),
        };
        assert_eq!(
            f.message(Lang::En),
            "line 3: /Statement/0: both Action and NotAction"
        );
        assert!(f.message(Lang::PtBr).starts_with("linha 3"));
        assert_ne!(
            Rule::UnknownOperator.explain(Lang::En),
            Rule::UnknownOperator.explain(Lang::PtBr)
        );
    }
}

#[cfg(test)]
mod size_tests {
    use super::*;

    #[test]
    fn characters_iam_refuses_are_errors_with_their_pointer() {
        let doc = serde_json::json!({"Version": "2012-10-17", "Statement": [
            {"Sid": "Ok", "Effect": "Allow", "Action": "s3:GetObject",
             "Resource": "arn:aws:s3:::relatórios/ação/*"},
            {"Effect": "Deny", "Action": "s3:Get\u{1b}[2J", "Resource": "*",
             "Condition": {"StringEquals": {"aws:PrincipalTag/time—a": "x😀"}}}
        ]});
        let found: Vec<(Rule, String, String)> = check_policy(&doc, Kind::Identity, "")
            .into_iter()
            .filter(|f| f.rule == Rule::Characters)
            .map(|f| (f.rule, f.pointer, f.subject))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    Rule::Characters,
                    "/Statement/1/Action".into(),
                    "U+001B".into()
                ),
                (
                    Rule::Characters,
                    "/Statement/1/Condition/StringEquals/aws:PrincipalTag~1time—a".into(),
                    "U+2014".into()
                ),
                (
                    Rule::Characters,
                    "/Statement/1/Condition/StringEquals/aws:PrincipalTag~1time—a".into(),
                    "U+1F600".into()
                ),
            ]
        );
        assert!(Rule::Characters.severity() == Severity::Error);
    }

    #[test]
    fn a_policy_larger_than_aws_takes_is_a_warning() {
        let st = serde_json::json!({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"});
        let doc = |n: usize| serde_json::json!({"Version": "2012-10-17", "Statement": vec![st.clone(); n]});
        assert!(check_policy(&doc(10), Kind::Identity, "").is_empty());
        // 150 statements: about 8,600 characters, over a managed policy's 6,144
        // but within a role's inline quota, 10,240.
        let big = check_policy(&doc(150), Kind::Identity, "");
        assert_eq!(big.len(), 1, "{big:?}");
        assert_eq!(big[0].rule, Rule::TooLarge);
        assert!(
            !big[0].is_error(),
            "a warning: inline policies have other quotas"
        );
        assert!(
            big[0]
                .message(Lang::PtBr)
                .contains("maior do que a AWS aceita")
        );
        let too_large = |n: usize| {
            check_policy(&doc(n), Kind::Resource, "")
                .iter()
                .any(|f| f.rule == Rule::TooLarge)
        };
        assert!(!too_large(200));
        assert!(too_large(1000));
    }

    #[test]
    fn a_policy_no_attachment_takes_is_an_error() {
        let st = serde_json::json!({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"});
        let doc = |n: usize| serde_json::json!({"Version": "2012-10-17", "Statement": vec![st.clone(); n]});
        // 200 statements: about 11,400 characters, over every identity quota.
        let huge = check_policy(&doc(200), Kind::Identity, "");
        assert_eq!(huge.len(), 1, "{huge:?}");
        assert_eq!(huge[0].rule, Rule::TooLargeAnywhere);
        assert!(huge[0].is_error());
        assert!(huge[0].message(Lang::En).ends_with("> 10240"), "{huge:?}");
        // A permissions boundary is a managed policy: 6,144 is its limit.
        let boundary = check_policy(&doc(150), Kind::Boundary, "");
        assert_eq!(boundary.len(), 1, "{boundary:?}");
        assert_eq!(boundary[0].rule, Rule::TooLargeAnywhere);
        assert!(
            boundary[0]
                .message(Lang::PtBr)
                .contains("maior do que a AWS aceita em qualquer lugar")
        );
    }
}
