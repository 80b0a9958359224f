//! The case file of `iam eval` and the Lab: one request (principal, action, resource,
//! context), the policies that apply to it by layer, and optionally the decision a
//! learner expects. One case, or `{"cases": [ … ]}`. A file that is not JSON or lacks
//! what a case needs is refused with the line and the reason.
use std::collections::HashMap;

use serde_json::Value;

use super::matching::{Context, arn_account};
use super::policy::Policy;
use crate::lang::{Lang, tr};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrincipalType {
    User,
    AssumedRole,
    Root,
    Federated,
    Service,
}

impl PrincipalType {
    pub const NAMES: [&'static str; 5] = ["user", "assumed-role", "root", "federated", "service"];

    pub fn parse(s: &str) -> Option<PrincipalType> {
        Some(match s {
            "user" => PrincipalType::User,
            "assumed-role" => PrincipalType::AssumedRole,
            "root" => PrincipalType::Root,
            "federated" => PrincipalType::Federated,
            "service" => PrincipalType::Service,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            PrincipalType::User => "user",
            PrincipalType::AssumedRole => "assumed-role",
            PrincipalType::Root => "root",
            PrincipalType::Federated => "federated",
            PrincipalType::Service => "service",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Principal {
    pub arn: String,
    pub kind: PrincipalType,
    pub account: Option<String>,
    /// The role of an assumed-role session; the IAM user behind a federated session.
    pub parent_arn: Option<String>,
    pub in_management_account: bool,
    pub service_linked_role: bool,
}

#[derive(Debug, Clone)]
pub struct Request {
    pub action: String,
    pub resource: String,
    /// The resource's account: given, else the ARN's, else the principal's.
    pub resource_account: Option<String>,
    pub resource_in_management_account: bool,
    pub context: Context,
}

#[derive(Debug, Clone, Default)]
pub struct Policies {
    pub identity: Vec<Policy>,
    pub resource: Option<Policy>,
    pub boundary: Option<Policy>,
    pub session: Option<Policy>,
    /// Levels root → OU → account, each a list of policies.
    pub scps: Vec<Vec<Policy>>,
    pub rcps: Vec<Vec<Policy>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    ExplicitDeny,
    ImplicitDeny,
}

impl Decision {
    pub fn name(self) -> &'static str {
        match self {
            Decision::Allow => "Allow",
            Decision::ExplicitDeny => "ExplicitDeny",
            Decision::ImplicitDeny => "ImplicitDeny",
        }
    }
    /// The decision as a learner reads it (the code stays in JSON and case files).
    pub fn word(self, lang: Lang) -> &'static str {
        match self {
            Decision::Allow => tr(lang, "Allow", "Allow (permitido)"),
            Decision::ExplicitDeny => tr(lang, "explicit Deny", "Deny explícito"),
            Decision::ImplicitDeny => tr(lang, "implicit Deny", "Deny implícito"),
        }
    }

    fn parse(s: &str) -> Option<Decision> {
        [
            Decision::Allow,
            Decision::ExplicitDeny,
            Decision::ImplicitDeny,
        ]
        .into_iter()
        .find(|d| d.name() == s)
    }
}

/// A layer of the evaluation, as `decided_by` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    Scp,
    Rcp,
    Resource,
    Identity,
    Boundary,
    Session,
    Default,
}

impl Layer {
    pub const ALL: [Layer; 7] = [
        Layer::Scp,
        Layer::Rcp,
        Layer::Resource,
        Layer::Identity,
        Layer::Boundary,
        Layer::Session,
        Layer::Default,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Layer::Scp => "scp",
            Layer::Rcp => "rcp",
            Layer::Resource => "resource",
            Layer::Identity => "identity",
            Layer::Boundary => "boundary",
            Layer::Session => "session",
            Layer::Default => "default",
        }
    }

    pub fn parse(s: &str) -> Option<Layer> {
        Layer::ALL.into_iter().find(|l| l.name() == s)
    }

    /// The layer's short name, as the evaluation flow lists it.
    pub fn short(self, lang: Lang) -> &'static str {
        match self {
            Layer::Scp => "SCP",
            Layer::Rcp => "RCP",
            Layer::Resource => tr(lang, "Resource", "Recurso"),
            Layer::Identity => tr(lang, "Identity", "Identidade"),
            Layer::Boundary => tr(lang, "Boundary", "Limite"),
            Layer::Session => tr(lang, "Session", "Sessão"),
            Layer::Default => tr(lang, "Default", "Padrão"),
        }
    }

    /// What the layer is, for a learner.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Layer::Scp => tr(
                lang,
                "service control policies (SCPs)",
                "políticas de controle de serviço (SCPs)",
            ),
            Layer::Rcp => tr(
                lang,
                "resource control policies (RCPs)",
                "políticas de controle de recursos (RCPs)",
            ),
            Layer::Resource => tr(lang, "resource-based policy", "política baseada em recurso"),
            Layer::Identity => tr(
                lang,
                "identity-based policies",
                "políticas baseadas em identidade",
            ),
            Layer::Boundary => tr(lang, "permissions boundary", "limite de permissões"),
            Layer::Session => tr(lang, "session policy", "política de sessão"),
            Layer::Default => tr(lang, "default", "padrão"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Expect {
    pub decision: Decision,
    pub decided_by: Layer,
    pub notes: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Case {
    pub id: String,
    pub title: String,
    pub principal: Principal,
    pub request: Request,
    pub policies: Policies,
    pub expect: Option<Expect>,
    /// Where the lesson comes from (free text or the `doc` object's page).
    pub doc: Option<String>,
    /// Pointer of the case in its file.
    pub pointer: String,
}

/// Why a case file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseError {
    Json {
        line: usize,
        column: usize,
        reason: String,
    },
    /// A field missing or of the wrong type: pointer, line, what was expected.
    Field {
        pointer: String,
        line: Option<usize>,
        expected: String,
    },
    NoCases,
}

impl CaseError {
    /// `line N: /pointer: reason`, without the file name.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CaseError::Json {
                line,
                column,
                reason,
            } => format!(
                "{} {line}, {} {column}: {}: {}",
                tr(lang, "line", "linha"),
                tr(lang, "column", "coluna"),
                tr(lang, "not valid JSON", "JSON inválido"),
                crate::lang::json_detail(reason, lang)
            ),
            CaseError::Field {
                pointer,
                line,
                expected,
            } => {
                let at = line
                    .map(|l| format!("{} {l}: ", tr(lang, "line", "linha")))
                    .unwrap_or_default();
                format!(
                    "{at}{}: {} {}",
                    if pointer.is_empty() { "/" } else { pointer },
                    tr(lang, "expected", "esperado:"),
                    expected_text(expected, lang)
                )
            }
            CaseError::NoCases => tr(
                lang,
                "no cases: give one case object or {\"cases\": [ … ]}",
                "nenhum caso: dê um objeto de caso ou {\"cases\": [ … ]}",
            )
            .to_string(),
        }
    }

    /// The 1-based line, if known.
    pub fn line(&self) -> Option<usize> {
        match self {
            CaseError::Json { line, .. } => Some(*line),
            CaseError::Field { line, .. } => *line,
            CaseError::NoCases => None,
        }
    }
}

/// What a field should hold, in the reader's language (JSON shapes such as
/// `"key": string` read the same in both).
fn expected_text(expected: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return expected.to_string();
    }
    const PT: [(&str, &str); 11] = [
        (
            TOO_MANY,
            "no máximo 5.000 declarações num caso (a maior política da AWS, a de chave KMS, aceita 32 KiB)",
        ),
        (
            "a policy document (object)",
            "um documento de política (objeto)",
        ),
        ("a list of policies", "uma lista de políticas"),
        (
            "a level: a list of policies",
            "um nível: uma lista de políticas",
        ),
        (
            "a list of levels (root → OU → account), each a list of policies",
            "uma lista de níveis (raiz → OU → conta), cada um uma lista de políticas",
        ),
        ("a case (object)", "um caso (objeto)"),
        ("strings", "strings"),
        (
            "a string or a list of strings",
            "uma string ou uma lista de strings",
        ),
        (
            "an object: key → string or list of strings",
            "um objeto: chave → string ou lista de strings",
        ),
        ("a list of cases", "uma lista de casos"),
        (
            "a case object or {\"cases\": [ … ]}",
            "um objeto de caso ou {\"cases\": [ … ]}",
        ),
    ];
    PT.iter()
        .find(|(en, _)| expected == *en)
        .map_or_else(|| expected.to_string(), |(_, pt)| pt.to_string())
}

/// Parses JSON text; a syntax error (or nesting deeper than serde_json's limit) with
/// its line and column.
pub fn parse_json(text: &str) -> Result<Value, CaseError> {
    serde_json::from_str(text).map_err(|e| CaseError::Json {
        line: e.line(),
        // serde_json says column 0 for the end of a line: the first column then.
        column: crate::sfn::doc::char_column(text, e.line(), e.column()).max(1),
        reason: e
            .to_string()
            .split(" at line")
            .next()
            .unwrap_or("")
            .to_string(),
    })
}

/// The most statements one case may hold, across all its policies. AWS's largest
/// policy document, a KMS key policy, takes at most 32 KiB (a few hundred statements),
/// and a principal's policies, boundary, session and organization policies together
/// stay far under this; the cap keeps a hostile file from making `iam eval` and the
/// Lab trace millions of statements.
pub const MAX_CASE_STATEMENTS: usize = 5_000;

/// The `expected` text of a case over the cap.
const TOO_MANY: &str =
    "at most 5,000 statements in one case (AWS's largest policy, a KMS key policy, takes 32 KiB)";

struct Reader<'a> {
    lines: &'a HashMap<String, usize>,
    /// Statements read so far in the case being read.
    statements: std::cell::Cell<usize>,
}

impl Reader<'_> {
    fn err(&self, pointer: &str, expected: &str) -> CaseError {
        CaseError::Field {
            pointer: pointer.to_string(),
            line: crate::jsonpos::line_of(self.lines, pointer),
            expected: expected.to_string(),
        }
    }

    fn string(&self, obj: &Value, base: &str, key: &str) -> Result<String, CaseError> {
        obj.get(key)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| self.err(&format!("{base}/{key}"), &format!("\"{key}\": string")))
    }

    fn opt_string(&self, obj: &Value, base: &str, key: &str) -> Result<Option<String>, CaseError> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(self.err(&format!("{base}/{key}"), &format!("\"{key}\": string"))),
        }
    }

    fn flag(&self, obj: &Value, base: &str, key: &str) -> Result<bool, CaseError> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(self.err(&format!("{base}/{key}"), "true | false")),
        }
    }

    fn policy(&self, v: &Value, pointer: &str) -> Result<Policy, CaseError> {
        if !v.is_object() {
            return Err(self.err(pointer, "a policy document (object)"));
        }
        let n = match v.get("Statement") {
            Some(Value::Array(items)) => items.len(),
            Some(_) => 1,
            None => 0,
        };
        let total = self.statements.get().saturating_add(n);
        self.statements.set(total);
        if total > MAX_CASE_STATEMENTS {
            return Err(self.err(&format!("{pointer}/Statement"), TOO_MANY));
        }
        Ok(Policy::from_value(v, pointer))
    }

    fn opt_policy(&self, obj: &Value, base: &str, key: &str) -> Result<Option<Policy>, CaseError> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => self.policy(v, &format!("{base}/{key}")).map(Some),
        }
    }

    fn list(&self, obj: &Value, base: &str, key: &str) -> Result<Vec<Policy>, CaseError> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, p)| self.policy(p, &format!("{base}/{key}/{i}")))
                .collect(),
            Some(_) => Err(self.err(&format!("{base}/{key}"), "a list of policies")),
        }
    }

    fn levels(&self, obj: &Value, base: &str, key: &str) -> Result<Vec<Vec<Policy>>, CaseError> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(levels)) => levels
                .iter()
                .enumerate()
                .map(|(i, level)| {
                    let p = format!("{base}/{key}/{i}");
                    match level {
                        Value::Array(items) => items
                            .iter()
                            .enumerate()
                            .map(|(j, pol)| self.policy(pol, &format!("{p}/{j}")))
                            .collect(),
                        _ => Err(self.err(&p, "a level: a list of policies")),
                    }
                })
                .collect(),
            Some(_) => Err(self.err(
                &format!("{base}/{key}"),
                "a list of levels (root → OU → account), each a list of policies",
            )),
        }
    }

    fn case(&self, v: &Value, base: &str, n: usize) -> Result<Case, CaseError> {
        if !v.is_object() {
            return Err(self.err(base, "a case (object)"));
        }
        self.statements.set(0);
        let id = self
            .opt_string(v, base, "id")?
            .unwrap_or_else(|| format!("case-{}", n + 1));
        let title = self.opt_string(v, base, "title")?.unwrap_or_default();
        let pb = format!("{base}/principal");
        let p = v
            .get("principal")
            .filter(|p| p.is_object())
            .ok_or_else(|| self.err(&pb, "\"principal\": {\"arn\", \"type\", \"account\"}"))?;
        let kind_name = self.string(p, &pb, "type")?;
        let kind = PrincipalType::parse(&kind_name)
            .ok_or_else(|| self.err(&format!("{pb}/type"), &PrincipalType::NAMES.join(" | ")))?;
        let arn = self.string(p, &pb, "arn")?;
        let account = self
            .opt_string(p, &pb, "account")?
            .or_else(|| arn_account(&arn).map(str::to_string));
        let principal = Principal {
            arn,
            kind,
            account,
            parent_arn: self.opt_string(p, &pb, "parent_arn")?,
            in_management_account: self.flag(p, &pb, "in_management_account")?,
            service_linked_role: self.flag(p, &pb, "service_linked_role")?,
        };
        let rb = format!("{base}/request");
        let r = v
            .get("request")
            .filter(|r| r.is_object())
            .ok_or_else(|| self.err(&rb, "\"request\": {\"action\", \"resource\", \"context\"}"))?;
        let action = self.string(r, &rb, "action")?;
        let resource = self.string(r, &rb, "resource")?;
        let resource_account = self
            .opt_string(r, &rb, "resource_account")?
            .or_else(|| arn_account(&resource).map(str::to_string))
            .or_else(|| principal.account.clone());
        let mut context = Context::default();
        match r.get("context") {
            None | Some(Value::Null) => {}
            Some(Value::Object(map)) => {
                for (k, val) in map {
                    let (values, multi) = match val {
                        Value::Array(items) => (
                            items
                                .iter()
                                .map(|x| match x {
                                    Value::String(s) => Ok(s.clone()),
                                    Value::Number(n) => Ok(n.to_string()),
                                    Value::Bool(b) => Ok(b.to_string()),
                                    _ => Err(self.err(
                                        &format!("{rb}/context/{}", crate::jsonpos::escape(k)),
                                        "strings",
                                    )),
                                })
                                .collect::<Result<Vec<_>, _>>()?,
                            true,
                        ),
                        Value::String(s) => (vec![s.clone()], false),
                        Value::Number(n) => (vec![n.to_string()], false),
                        Value::Bool(b) => (vec![b.to_string()], false),
                        _ => {
                            return Err(self.err(
                                &format!("{rb}/context/{}", crate::jsonpos::escape(k)),
                                "a string or a list of strings",
                            ));
                        }
                    };
                    context.insert(k, values, multi);
                }
            }
            Some(_) => {
                return Err(self.err(
                    &format!("{rb}/context"),
                    "an object: key → string or list of strings",
                ));
            }
        }
        let request = Request {
            action,
            resource,
            resource_account,
            resource_in_management_account: self.flag(r, &rb, "resource_in_management_account")?,
            context,
        };
        let polb = format!("{base}/policies");
        let policies = match v.get("policies") {
            None | Some(Value::Null) => Policies::default(),
            Some(pol @ Value::Object(_)) => Policies {
                identity: self.list(pol, &polb, "identity")?,
                resource: self.opt_policy(pol, &polb, "resource")?,
                boundary: self.opt_policy(pol, &polb, "permissions_boundary")?,
                session: self.opt_policy(pol, &polb, "session")?,
                scps: self.levels(pol, &polb, "scps")?,
                rcps: self.levels(pol, &polb, "rcps")?,
            },
            Some(_) => return Err(self.err(&polb, "\"policies\": {\"identity\": [ … ], …}")),
        };
        let expect = match v.get("expect") {
            None | Some(Value::Null) => None,
            Some(e) => {
                let eb = format!("{base}/expect");
                let d = self.string(e, &eb, "decision")?;
                let decision = Decision::parse(&d).ok_or_else(|| {
                    self.err(
                        &format!("{eb}/decision"),
                        "Allow | ExplicitDeny | ImplicitDeny",
                    )
                })?;
                let l = self.string(e, &eb, "decided_by")?;
                let decided_by = Layer::parse(&l).ok_or_else(|| {
                    self.err(
                        &format!("{eb}/decided_by"),
                        "identity | resource | boundary | session | scp | rcp | default",
                    )
                })?;
                Some(Expect {
                    decision,
                    decided_by,
                    notes: self.opt_string(e, &eb, "notes")?,
                })
            }
        };
        let doc = match v.get("doc") {
            Some(Value::String(s)) => Some(s.clone()),
            Some(d @ Value::Object(_)) => d
                .get("page")
                .or_else(|| d.get("url"))
                .and_then(Value::as_str)
                .map(str::to_string),
            _ => None,
        };
        Ok(Case {
            id,
            title,
            principal,
            request,
            policies,
            expect,
            doc,
            pointer: base.to_string(),
        })
    }
}

/// The cases of a parsed file, with `lines` (from [`crate::jsonpos::value_lines`]) to
/// locate what is wrong.
pub fn cases_from(v: &Value, lines: &HashMap<String, usize>) -> Result<Vec<Case>, CaseError> {
    let r = Reader {
        lines,
        statements: std::cell::Cell::new(0),
    };
    match v.get("cases") {
        Some(Value::Array(items)) if !items.is_empty() => items
            .iter()
            .enumerate()
            .map(|(i, c)| r.case(c, &format!("/cases/{i}"), i))
            .collect(),
        Some(Value::Array(_)) => Err(CaseError::NoCases),
        Some(_) => Err(r.err("/cases", "a list of cases")),
        None if v.get("principal").is_some() || v.get("request").is_some() => {
            Ok(vec![r.case(v, "", 0)?])
        }
        None if v.is_object() => Err(CaseError::NoCases),
        None => Err(r.err("", "a case object or {\"cases\": [ … ]}")),
    }
}

/// Parses a case file's text.
pub fn parse_cases(text: &str) -> Result<Vec<Case>, CaseError> {
    let v = parse_json(text)?;
    // Lines are only needed to report a problem: a valid file skips the scan.
    cases_from(&v, &HashMap::new()).or_else(|_| {
        let lines = crate::jsonpos::value_lines(text);
        cases_from(&v, &lines)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_field_names_its_pointer_and_line() {
        let text = "{\"cases\": [\n {\"principal\": {\"arn\": \"x\", \"type\": \"user\"},\n  \"request\": {\"action\": \"s3:GetObject\"}}]}";
        let e = parse_cases(text).unwrap_err();
        assert_eq!(
            e,
            CaseError::Field {
                pointer: "/cases/0/request/resource".into(),
                line: Some(3),
                expected: "\"resource\": string".into()
            }
        );
        assert!(e.message(Lang::PtBr).contains("linha 3"));
    }

    #[test]
    fn a_case_with_more_statements_than_aws_could_hold_is_refused() {
        let st = r#"{"Effect":"Allow","Action":"*","Resource":"*"}"#;
        let many = vec![st; MAX_CASE_STATEMENTS + 1].join(",");
        let text = format!(
            r#"{{"principal":{{"arn":"arn:aws:iam::111122223333:user/a","type":"user"}},
"request":{{"action":"s3:GetObject","resource":"*"}},
"policies":{{"identity":[{{"Version":"2012-10-17","Statement":[{many}]}}]}}}}"#
        );
        let e = parse_cases(&text).expect_err("too many");
        assert!(
            e.message(Lang::En).contains("at most 5,000 statements"),
            "{}",
            e.message(Lang::En)
        );
        assert!(
            e.message(Lang::PtBr)
                .contains("no máximo 5.000 declarações")
        );
        assert_eq!(e.line(), Some(3));
        let fits = vec![st; MAX_CASE_STATEMENTS].join(",");
        assert!(parse_cases(&text.replace(&many, &fits)).is_ok());
    }

    #[test]
    fn a_field_error_reads_in_portuguese() {
        let e = parse_cases("[1, 2]").expect_err("not a case");
        assert_eq!(
            e.message(Lang::PtBr),
            "linha 1: /: esperado: um objeto de caso ou {\"cases\": [ … ]}"
        );
        assert!(e.message(Lang::En).contains("expected a case object"));
    }

    #[test]
    fn bad_json_and_bad_types_are_errors() {
        assert!(matches!(
            parse_cases("{\"cases\": ["),
            Err(CaseError::Json { .. })
        ));
        assert!(matches!(parse_cases("[1,2]"), Err(CaseError::Field { .. })));
        assert!(matches!(parse_cases("{}"), Err(CaseError::NoCases)));
        let deep = "[".repeat(10_000);
        assert!(parse_cases(&deep).is_err());
        let t =
            r#"{"principal":{"arn":"a","type":"alien"},"request":{"action":"a","resource":"b"}}"#;
        assert!(
            parse_cases(t)
                .unwrap_err()
                .message(Lang::En)
                .contains("assumed-role")
        );
    }

    #[test]
    fn the_resource_account_falls_back_to_the_arn_then_the_principal() {
        let t = r#"{"principal":{"arn":"arn:aws:iam::111122223333:user/a","type":"user"},
                    "request":{"action":"sqs:SendMessage","resource":"arn:aws:sqs:us-east-1:444455556666:q",
                               "context":{"aws:TagKeys":["a","b"],"n":5}}}"#;
        let c = &parse_cases(t).unwrap()[0];
        assert_eq!(c.principal.account.as_deref(), Some("111122223333"));
        assert_eq!(c.request.resource_account.as_deref(), Some("444455556666"));
        assert_eq!(c.request.context.get("AWS:TagKeys").unwrap().len(), 2);
        assert_eq!(c.request.context.single("n"), Some("5"));
    }
}
