//! `sfn check`: the rules of the Amazon States Language specification and of AWS's
//! validator, applied to a parsed definition. Every finding names the state, the JSON
//! Pointer of the offending value and (filled in by the caller) its line.
use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::{intrinsic, path, template};
use crate::jsonpos::escape;
use crate::lang::{Lang, tr};

/// What a finding is about. Each rule has a bilingual title and explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    DuplicateKey,
    NotObject,
    MissingField,
    UnknownField,
    WrongQueryLanguage,
    FieldType,
    OutOfRange,
    Exclusive,
    MissingTarget,
    NextAndEnd,
    NoTransition,
    NoTerminal,
    Unreachable,
    NameTooLong,
    DuplicateState,
    StatesAllLast,
    BadPath,
    BadTemplate,
    TemplateConflict,
    BadIntrinsic,
    JsonataSurround,
    JsonataSyntax,
    BadResource,
    BadChoiceRule,
    BadTimestamp,
}

impl Rule {
    pub const ALL: [Rule; 25] = [
        Rule::DuplicateKey,
        Rule::NotObject,
        Rule::MissingField,
        Rule::UnknownField,
        Rule::WrongQueryLanguage,
        Rule::FieldType,
        Rule::OutOfRange,
        Rule::Exclusive,
        Rule::MissingTarget,
        Rule::NextAndEnd,
        Rule::NoTransition,
        Rule::NoTerminal,
        Rule::Unreachable,
        Rule::NameTooLong,
        Rule::DuplicateState,
        Rule::StatesAllLast,
        Rule::BadPath,
        Rule::BadTemplate,
        Rule::TemplateConflict,
        Rule::BadIntrinsic,
        Rule::JsonataSurround,
        Rule::JsonataSyntax,
        Rule::BadResource,
        Rule::BadChoiceRule,
        Rule::BadTimestamp,
    ];

    /// A short title, used as the start of the one-line message.
    pub fn title(self, lang: Lang) -> &'static str {
        use Rule::*;
        match self {
            DuplicateKey => tr(
                lang,
                "key appears twice in one object",
                "chave repetida no mesmo objeto",
            ),
            NotObject => tr(lang, "must be a JSON object", "deve ser um objeto JSON"),
            MissingField => tr(lang, "required field missing", "campo obrigatório ausente"),
            UnknownField => tr(lang, "field not allowed here", "campo não permitido aqui"),
            WrongQueryLanguage => tr(
                lang,
                "field belongs to the other query language",
                "campo pertence à outra linguagem de consulta",
            ),
            FieldType => tr(lang, "wrong type of value", "tipo de valor errado"),
            OutOfRange => tr(lang, "value out of range", "valor fora do intervalo"),
            Exclusive => tr(
                lang,
                "only one of these fields may be set",
                "só um destes campos pode existir",
            ),
            MissingTarget => tr(
                lang,
                "transition to a state that does not exist here",
                "transição para um estado que não existe aqui",
            ),
            NextAndEnd => tr(lang, "both Next and End", "Next e End ao mesmo tempo"),
            NoTransition => tr(lang, "neither Next nor End", "nem Next nem End"),
            NoTerminal => tr(
                lang,
                "no terminal state is reachable",
                "nenhum estado final é alcançável",
            ),
            Unreachable => tr(
                lang,
                "state can never be reached",
                "estado nunca é alcançado",
            ),
            NameTooLong => tr(
                lang,
                "state name longer than 80 characters",
                "nome de estado com mais de 80 caracteres",
            ),
            DuplicateState => tr(
                lang,
                "state name used twice",
                "nome de estado usado duas vezes",
            ),
            StatesAllLast => tr(
                lang,
                "States.ALL must be alone and in the last retrier or catcher",
                "States.ALL deve estar sozinho e no último retrier ou catcher",
            ),
            BadPath => tr(lang, "not a valid path", "caminho inválido"),
            BadTemplate => tr(
                lang,
                "bad payload template field",
                "campo de payload template inválido",
            ),
            TemplateConflict => tr(
                lang,
                "a field and the same field with .$",
                "um campo e o mesmo campo com .$",
            ),
            BadIntrinsic => tr(lang, "bad intrinsic function", "função intrínseca inválida"),
            JsonataSurround => tr(
                lang,
                "JSONata must be written as \"{% expression %}\"",
                "JSONata deve ser escrito como \"{% expressão %}\"",
            ),
            JsonataSyntax => tr(lang, "JSONata syntax error", "erro de sintaxe JSONata"),
            BadResource => tr(
                lang,
                "Resource is not an ARN or ${…} substitution",
                "Resource não é um ARN nem uma substituição ${…}",
            ),
            BadChoiceRule => tr(lang, "bad Choice rule", "regra de Choice inválida"),
            BadTimestamp => tr(
                lang,
                "not an RFC 3339 timestamp",
                "não é um timestamp RFC 3339",
            ),
        }
    }

    /// One sentence on why AWS refuses it and how to fix it.
    pub fn explain(self, lang: Lang) -> &'static str {
        use Rule::*;
        match self {
            DuplicateKey => tr(
                lang,
                "JSON parsers keep only one of the two values; AWS refuses the definition. Remove one.",
                "Parsers de JSON guardam só um dos valores; a AWS recusa a definição. Remova um.",
            ),
            NotObject => tr(
                lang,
                "The States Language expects an object here.",
                "A States Language espera um objeto aqui.",
            ),
            MissingField => tr(
                lang,
                "This state type cannot work without this field.",
                "Este tipo de estado não funciona sem este campo.",
            ),
            UnknownField => tr(
                lang,
                "The field is not part of this state type; check its spelling.",
                "O campo não faz parte deste tipo de estado; confira a grafia.",
            ),
            WrongQueryLanguage => tr(
                lang,
                "JSONPath states use InputPath/Parameters/ResultSelector/ResultPath/OutputPath; JSONata states use Arguments/Output and {% %} expressions.",
                "Estados JSONPath usam InputPath/Parameters/ResultSelector/ResultPath/OutputPath; estados JSONata usam Arguments/Output e expressões {% %}.",
            ),
            FieldType => tr(
                lang,
                "The value has the wrong JSON type for this field.",
                "O valor tem o tipo JSON errado para este campo.",
            ),
            OutOfRange => tr(
                lang,
                "The number is outside the range AWS accepts.",
                "O número está fora do intervalo que a AWS aceita.",
            ),
            Exclusive => tr(
                lang,
                "A fixed value and its …Path form (or two alternatives) cannot be combined.",
                "Um valor fixo e sua forma …Path (ou duas alternativas) não podem ser combinados.",
            ),
            MissingTarget => tr(
                lang,
                "Next, Default and Catch can only point to a state of the same States block.",
                "Next, Default e Catch só apontam para um estado do mesmo bloco States.",
            ),
            NextAndEnd => tr(
                lang,
                "A state either continues (Next) or ends the execution (End: true).",
                "Um estado ou continua (Next) ou encerra a execução (End: true).",
            ),
            NoTransition => tr(
                lang,
                "Task, Pass, Wait, Parallel and Map need Next or End: true.",
                "Task, Pass, Wait, Parallel e Map precisam de Next ou End: true.",
            ),
            NoTerminal => tr(
                lang,
                "Some reachable state must end the execution (End, Succeed or Fail).",
                "Algum estado alcançável precisa encerrar a execução (End, Succeed ou Fail).",
            ),
            Unreachable => tr(
                lang,
                "No path from StartAt leads here; AWS refuses unreachable states.",
                "Nenhum caminho a partir de StartAt chega aqui; a AWS recusa estados inalcançáveis.",
            ),
            NameTooLong => tr(
                lang,
                "AWS limits state names to 80 characters.",
                "A AWS limita nomes de estado a 80 caracteres.",
            ),
            DuplicateState => tr(
                lang,
                "State names must be unique in the whole machine, nested branches included.",
                "Nomes de estado devem ser únicos na máquina toda, ramos aninhados incluídos.",
            ),
            StatesAllLast => tr(
                lang,
                "States.ALL matches every error, so anything after it could never run.",
                "States.ALL casa com qualquer erro, então nada depois dele rodaria.",
            ),
            BadPath => tr(
                lang,
                "Paths start with $ (input) or $$ (context object); ResultPath and …Path comparisons take reference paths (no *, .., filters).",
                "Caminhos começam com $ (entrada) ou $$ (objeto de contexto); ResultPath e comparações …Path aceitam só reference paths (sem *, .., filtros).",
            ),
            BadTemplate => tr(
                lang,
                "A key ending in .$ must hold a path or an intrinsic function.",
                "Uma chave terminada em .$ deve conter um caminho ou uma função intrínseca.",
            ),
            TemplateConflict => tr(
                lang,
                "After .$ is removed both keys would have the same name.",
                "Depois de remover o .$ as duas chaves teriam o mesmo nome.",
            ),
            BadIntrinsic => tr(
                lang,
                "Intrinsic functions look like States.Format('{}', $.x) with known names and arguments.",
                "Funções intrínsecas têm a forma States.Format('{}', $.x), com nomes e argumentos conhecidos.",
            ),
            JsonataSurround => tr(
                lang,
                "A JSONata value starts with \"{% \" and ends with \" %}\", on one line.",
                "Um valor JSONata começa com \"{% \" e termina com \" %}\", numa só linha.",
            ),
            JsonataSyntax => tr(
                lang,
                "The expression between {% and %} does not parse as JSONata.",
                "A expressão entre {% e %} não é JSONata válido.",
            ),
            BadResource => tr(
                lang,
                "Use an ARN such as arn:aws:states:::lambda:invoke, or ${Name} for CloudFormation; --lenient-resource accepts any URI.",
                "Use um ARN como arn:aws:states:::lambda:invoke, ou ${Nome} para o CloudFormation; --lenient-resource aceita qualquer URI.",
            ),
            BadChoiceRule => tr(
                lang,
                "A rule has Variable and one comparison, or And/Or/Not; top-level rules need Next.",
                "Uma regra tem Variable e uma comparação, ou And/Or/Not; regras de primeiro nível precisam de Next.",
            ),
            BadTimestamp => tr(
                lang,
                "Timestamps look like 2026-01-31T12:00:00Z.",
                "Timestamps têm a forma 2026-01-31T12:00:00Z.",
            ),
        }
    }
}

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
}

impl Finding {
    /// `line 7: /States/A/Next: state "A": transition to … : "B"`.
    pub fn message(&self, lang: Lang) -> String {
        let mut out = String::new();
        if let Some(l) = self.line {
            out.push_str(&format!("{} {l}: ", tr(lang, "line", "linha")));
        }
        out.push_str(if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        });
        out.push_str(": ");
        if let Some(s) = &self.state {
            out.push_str(&format!("{} \"{s}\": ", tr(lang, "state", "estado")));
        }
        out.push_str(self.rule.title(lang));
        if !self.subject.is_empty() {
            out.push_str(": ");
            out.push_str(&self.subject);
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

struct Checker<'a> {
    opts: Options,
    out: Vec<Finding>,
    names: HashSet<&'a str>,
    root_ql: Ql,
}

/// Checks a parsed definition. `duplicates` are pointers of repeated keys found while
/// scanning the text (serde_json keeps only the last value).
pub fn check(def: &Value, duplicates: &[String], opts: Options) -> Vec<Finding> {
    let mut c = Checker {
        opts,
        out: Vec::new(),
        names: HashSet::new(),
        root_ql: Ql::Path,
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

/// Whether a state ends its machine. An `End` of the wrong type counts: it is reported
/// as such, and saying "no terminal state" as well would report it twice.
fn is_terminal(state: &Map<String, Value>) -> bool {
    matches!(
        state.field("Type").and_then(Value::as_str),
        Some("Succeed" | "Fail")
    ) || state
        .field("End")
        .is_some_and(|e| e == &Value::Bool(true) || !e.is_boolean())
}

/// The intrinsic functions AWS accepts in a Fail state's `ErrorPath` and `CausePath`
/// (the ones that return a string).
const FAIL_PATH_FUNCTIONS: &[&str] = &[
    "States.Format",
    "States.JsonToString",
    "States.ArrayGetItem",
    "States.Base64Encode",
    "States.Base64Decode",
    "States.Hash",
    "States.UUID",
];

/// The outer function of an `ErrorPath`/`CausePath` intrinsic when AWS does not
/// accept it there.
fn fail_path_function(p: &str) -> Option<&str> {
    let name = p.trim_start().split('(').next().unwrap_or("").trim();
    (!FAIL_PATH_FUNCTIONS.contains(&name)).then_some(name)
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

/// Every transition target of a state, with where it is named (field, rule or
/// catcher index).
fn targets(state: &Map<String, Value>) -> Vec<(&str, Target)> {
    let mut out = Vec::new();
    if let Some(Value::String(n)) = state.field("Next") {
        out.push((n.as_str(), Target::Next));
    }
    if let Some(Value::String(n)) = state.field("Default") {
        out.push((n.as_str(), Target::Default));
    }
    if let Some(Value::Array(rules)) = state.field("Choices") {
        for (i, r) in rules.iter().enumerate() {
            if let Some(Value::String(n)) = r.field("Next") {
                out.push((n.as_str(), Target::Choice(i)));
            }
        }
    }
    if let Some(Value::Array(cs)) = state.field("Catch") {
        for (i, r) in cs.iter().enumerate() {
            if let Some(Value::String(n)) = r.field("Next") {
                out.push((n.as_str(), Target::Catch(i)));
            }
        }
    }
    out
}

#[derive(Clone, Copy)]
enum Target {
    Next,
    Default,
    Choice(usize),
    Catch(usize),
}

impl Target {
    fn pointer(self, sp: &Ptr<'_>) -> String {
        match self {
            Target::Next => sp.seg("Next").to_string(),
            Target::Default => sp.seg("Default").to_string(),
            Target::Choice(i) => sp.seg("Choices").seg(i).seg("Next").to_string(),
            Target::Catch(i) => sp.seg("Catch").seg(i).seg("Next").to_string(),
        }
    }
}

const COMMON: &[&str] = &["Type", "Comment", "QueryLanguage"];
const PATH_ONLY: &[&str] = &[
    "InputPath",
    "OutputPath",
    "Parameters",
    "ResultSelector",
    "ResultPath",
    "ItemsPath",
    "TimeoutSecondsPath",
    "HeartbeatSecondsPath",
    "SecondsPath",
    "TimestampPath",
    "ErrorPath",
    "CausePath",
    "MaxConcurrencyPath",
    "ToleratedFailureCountPath",
    "ToleratedFailurePercentagePath",
    "Iterator",
];
const ATA_ONLY: &[&str] = &["Arguments", "Output", "Items"];

fn allowed(kind: &str) -> &'static [&'static str] {
    match kind {
        "Pass" => &[
            "Next",
            "End",
            "InputPath",
            "OutputPath",
            "Parameters",
            "ResultPath",
            "Result",
            "Output",
            "Assign",
        ],
        "Task" => &[
            "Next",
            "End",
            "InputPath",
            "OutputPath",
            "Parameters",
            "ResultPath",
            "ResultSelector",
            "Resource",
            "Retry",
            "Catch",
            "TimeoutSeconds",
            "TimeoutSecondsPath",
            "HeartbeatSeconds",
            "HeartbeatSecondsPath",
            "Credentials",
            "Arguments",
            "Output",
            "Assign",
        ],
        "Choice" => &[
            "InputPath",
            "OutputPath",
            "Choices",
            "Default",
            "Output",
            "Assign",
        ],
        "Wait" => &[
            "Next",
            "End",
            "InputPath",
            "OutputPath",
            "Seconds",
            "SecondsPath",
            "Timestamp",
            "TimestampPath",
            "Output",
            "Assign",
        ],
        "Succeed" => &["InputPath", "OutputPath", "Output"],
        "Fail" => &["Error", "ErrorPath", "Cause", "CausePath"],
        "Parallel" => &[
            "Next",
            "End",
            "InputPath",
            "OutputPath",
            "Parameters",
            "ResultPath",
            "ResultSelector",
            "Retry",
            "Catch",
            "Branches",
            "Arguments",
            "Output",
            "Assign",
        ],
        "Map" => &[
            "Next",
            "End",
            "InputPath",
            "OutputPath",
            "Parameters",
            "ResultPath",
            "ResultSelector",
            "Retry",
            "Catch",
            "ItemsPath",
            "Items",
            "ItemSelector",
            "Iterator",
            "ItemProcessor",
            "MaxConcurrency",
            "MaxConcurrencyPath",
            "ItemReader",
            "ItemBatcher",
            "ResultWriter",
            "ToleratedFailureCount",
            "ToleratedFailureCountPath",
            "ToleratedFailurePercentage",
            "ToleratedFailurePercentagePath",
            "Label",
            "Output",
            "Assign",
            "Arguments",
        ],
        _ => &[],
    }
}

const KINDS: &[&str] = &[
    "Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map",
];

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
        });
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
    fn path_field(
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
            Value::Array(_) if arrays => {}
            Value::Null if arrays => {}
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

    fn machine(&mut self, m: &'a Map<String, Value>, mp: &Ptr<'_>, ql: Ql, depth: usize) {
        if depth > MAX_NESTING {
            self.push(Rule::OutOfRange, None, mp, "nesting depth".into());
            return;
        }
        let states = match m.field("States") {
            Some(Value::Object(s)) => Some(s),
            Some(_) => {
                self.push(Rule::NotObject, None, mp.seg("States"), "States".into());
                None
            }
            None => {
                self.push(Rule::MissingField, None, mp, "States".into());
                None
            }
        };
        let start = match m.field("StartAt") {
            Some(Value::String(s)) => Some(s.as_str()),
            Some(_) => {
                self.push(
                    Rule::FieldType,
                    None,
                    mp.seg("StartAt"),
                    "StartAt: string".into(),
                );
                None
            }
            None => {
                self.push(Rule::MissingField, None, mp, "StartAt".into());
                None
            }
        };
        let Some(states) = states else { return };
        if states.is_empty() {
            self.push(
                Rule::MissingField,
                None,
                mp.seg("States"),
                "States: {}".into(),
            );
            return;
        }
        if let Some(start) = start
            && !states.has(start)
        {
            self.push(
                Rule::MissingTarget,
                None,
                mp.seg("StartAt"),
                format!("{start:?}"),
            );
        }
        for (name, st) in states {
            self.state_entry(states, name, st, mp, ql, depth);
        }
        self.reachability(states, start, mp);
    }

    /// Every state reachable from StartAt, and at least one of them terminal.
    fn reachability(
        &mut self,
        states: &'a Map<String, Value>,
        start: Option<&'a str>,
        mp: &Ptr<'_>,
    ) {
        // Reachability from StartAt, and a reachable terminal state.
        let Some(start) = start.filter(|s| states.has(s)) else {
            return;
        };
        let mut seen: HashSet<&str> = HashSet::new();
        let mut stack = vec![start];
        let mut terminal = false;
        while let Some(n) = stack.pop() {
            if !seen.insert(n) {
                continue;
            }
            let Some(Value::Object(st)) = states.get(n) else {
                continue;
            };
            terminal |= is_terminal(st);
            for (t, _) in targets(st) {
                if let Some((k, _)) = states.get_key_value(t) {
                    stack.push(k.as_str());
                }
            }
        }
        if !terminal {
            self.push(
                Rule::NoTerminal,
                None,
                mp.seg("States"),
                format!("StartAt {start:?}"),
            );
        }
        for name in states.keys() {
            if !seen.contains(name.as_str()) {
                self.push(
                    Rule::Unreachable,
                    Some(name),
                    format!("{mp}/States/{}", escape(name)),
                    format!("{name:?}"),
                );
            }
        }
    }

    /// One state of a States block: name rules, the state's own rules, its targets.
    fn state_entry(
        &mut self,
        states: &'a Map<String, Value>,
        name: &'a String,
        st: &'a Value,
        mp: &Ptr<'_>,
        ql: Ql,
        depth: usize,
    ) {
        let states_p = mp.seg("States");
        let sp = states_p.seg(name);
        if name.chars().count() > 80 {
            self.push(
                Rule::NameTooLong,
                Some(name),
                sp,
                format!("{} > 80", name.chars().count()),
            );
        }
        if !self.names.insert(name.as_str()) {
            self.push(Rule::DuplicateState, Some(name), sp, format!("{name:?}"));
        }
        let Some(obj) = st.as_object() else {
            self.push(Rule::NotObject, Some(name), sp, "state".into());
            return;
        };
        self.state(name, obj, &sp, ql, depth);
        for (t, at) in targets(obj) {
            if !states.has(t) {
                let tp = at.pointer(&sp);
                self.push(Rule::MissingTarget, Some(name), tp, format!("{t:?}"));
            }
        }
    }

    fn state(
        &mut self,
        name: &'a str,
        s: &'a Map<String, Value>,
        sp: &Ptr<'_>,
        parent_ql: Ql,
        depth: usize,
    ) {
        let st = Some(name);
        let kind = match s.field("Type") {
            Some(Value::String(k)) if KINDS.contains(&k.as_str()) => k.as_str(),
            Some(Value::String(k)) => {
                self.push(
                    Rule::FieldType,
                    st,
                    sp.seg("Type"),
                    format!("Type {k:?}: {}", KINDS.join(" | ")),
                );
                return;
            }
            Some(v) => {
                self.wrong_type(st, sp.seg("Type"), "Type", "a string", v);
                return;
            }
            None => {
                self.push(Rule::MissingField, st, sp, "Type".into());
                return;
            }
        };
        let ql = match s.field("QueryLanguage") {
            Some(Value::String(q)) if q == "JSONata" => Ql::Ata,
            Some(Value::String(q)) if q == "JSONPath" => Ql::Path,
            Some(_) => {
                self.push(
                    Rule::FieldType,
                    st,
                    sp.seg("QueryLanguage"),
                    "QueryLanguage: JSONPath | JSONata".into(),
                );
                parent_ql
            }
            None => parent_ql,
        };
        // Allowed fields, and the query language they belong to.
        let allow = allowed(kind);
        for k in s.keys() {
            let p = || sp.seg(k);
            if COMMON.contains(&k.as_str()) {
                continue;
            }
            if !allow.contains(&k.as_str()) {
                self.push(Rule::UnknownField, st, p(), format!("{k} ({kind})"));
            } else if ql == Ql::Ata && PATH_ONLY.contains(&k.as_str()) {
                self.push(Rule::WrongQueryLanguage, st, p(), format!("{k} (JSONata)"));
            } else if ql == Ql::Path && ATA_ONLY.contains(&k.as_str()) {
                self.push(Rule::WrongQueryLanguage, st, p(), format!("{k} (JSONPath)"));
            }
        }
        if let Some(v) = s.field("Comment").filter(|v| !v.is_string()) {
            self.wrong_type(st, sp.seg("Comment"), "Comment", "a string", v);
        }
        // Next xor End.
        if allow.contains(&"Next") {
            let next = s.field("Next");
            let end = s.field("End");
            if let Some(n) = next.filter(|n| !n.is_string()) {
                self.wrong_type(st, sp.seg("Next"), "Next", "a state name (string)", n);
            }
            let end_typed = end.filter(|e| !e.is_boolean());
            if let Some(e) = end_typed {
                self.wrong_type(st, sp.seg("End"), "End", "true", e);
            }
            let ends = end == Some(&Value::Bool(true));
            if next.is_some() && ends {
                self.push(Rule::NextAndEnd, st, sp.seg("End"), String::new());
            } else if next.is_none() && !ends && end_typed.is_none() {
                // (An End of the wrong type is reported once, above.)
                self.push(Rule::NoTransition, st, sp, String::new());
            }
        }
        // JSONPath processing fields.
        if ql == Ql::Path {
            for f in ["InputPath", "OutputPath"] {
                if let Some(v) = s.field(f) {
                    self.any_path(v, st, &sp.seg(f), true);
                }
            }
            if let Some(v) = s.field("ResultPath") {
                self.reference_path(v, st, &sp.seg("ResultPath"), true);
            }
            if let Some(v) = s.field("Parameters") {
                self.template(
                    v,
                    st,
                    &sp.seg("Parameters"),
                    kind == "Pass" || kind == "Task",
                );
            }
            for f in ["ResultSelector", "ItemSelector"] {
                if let Some(v) = s.field(f) {
                    self.template(v, st, &sp.seg(f), false);
                }
            }
        } else {
            self.jsonata_fields(name, s, sp);
        }
        if let Some(v) = s.field("Assign") {
            if !v.is_object() {
                self.push(
                    Rule::FieldType,
                    st,
                    sp.seg("Assign"),
                    "Assign: object".into(),
                );
            } else if ql == Ql::Path {
                self.template(v, st, &sp.seg("Assign"), false);
            }
        }
        match kind {
            "Task" => self.task(name, s, sp, ql),
            "Choice" => self.choice(name, s, sp, ql),
            "Wait" => self.wait(name, s, sp, ql),
            "Fail" => self.fail(name, s, sp),
            "Parallel" => self.parallel(name, s, sp, ql, depth),
            "Map" => self.map(name, s, sp, ql, depth),
            _ => {}
        }
        if let Some(v) = s.field("Retry") {
            self.retry(name, v, &sp.seg("Retry"));
        }
        if let Some(v) = s.field("Catch") {
            self.catch(name, v, &sp.seg("Catch"), ql);
        }
    }

    fn task(&mut self, name: &str, s: &Map<String, Value>, sp: &Ptr<'_>, ql: Ql) {
        let st = Some(name);
        match s.field("Resource") {
            None => self.push(Rule::MissingField, st, sp, "Resource".into()),
            Some(Value::String(r)) => {
                if !resource_ok(r, self.opts.lenient_resource) {
                    self.push(Rule::BadResource, st, sp.seg("Resource"), format!("{r:?}"));
                }
            }
            // A CloudFormation intrinsic ({"Fn::GetAtt": …}, {"Ref": …}) resolved at deploy time.
            Some(Value::Object(_)) => {}
            Some(_) => self.push(
                Rule::FieldType,
                st,
                sp.seg("Resource"),
                "Resource: string".into(),
            ),
        }
        for (f, max) in [
            ("TimeoutSeconds", 99_999_999),
            ("HeartbeatSeconds", 99_999_999),
        ] {
            let fp = format!("{f}Path");
            self.exclusive(s, name, sp, f, &fp);
            if let Some(v) = s.field(f) {
                self.want_int_or_ata(v, st, &sp.seg(f), 1, max, ql);
            }
            if let Some(v) = s.field(&fp) {
                self.reference_path(v, st, &sp.seg(&fp), false);
            }
        }
        if let (Some(h), Some(t)) = (
            s.field("HeartbeatSeconds").and_then(Value::as_i64),
            s.field("TimeoutSeconds").and_then(Value::as_i64),
        ) && h >= t
        {
            self.push(
                Rule::OutOfRange,
                st,
                sp.seg("HeartbeatSeconds"),
                format!("HeartbeatSeconds {h} ≥ TimeoutSeconds {t}"),
            );
        }
        if let Some(v) = s.field("Credentials")
            && (ql == Ql::Path || !v.is_string())
        {
            if v.is_object() {
                if ql == Ql::Path {
                    self.template(v, st, &sp.seg("Credentials"), false);
                }
            } else {
                self.push(
                    Rule::FieldType,
                    st,
                    sp.seg("Credentials"),
                    "Credentials: object".into(),
                );
            }
        }
    }

    fn wait(&mut self, name: &str, s: &Map<String, Value>, sp: &Ptr<'_>, ql: Ql) {
        let st = Some(name);
        let present: Vec<&str> = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"]
            .into_iter()
            .filter(|f| s.has(f))
            .collect();
        match present.len() {
            0 => self.push(
                Rule::MissingField,
                st,
                sp,
                "Seconds | SecondsPath | Timestamp | TimestampPath".into(),
            ),
            1 => {}
            _ => self.push(
                Rule::Exclusive,
                st,
                format!("{sp}/{}", present[1]),
                present.join(", "),
            ),
        }
        if let Some(v) = s.field("Seconds") {
            self.want_int_or_ata(v, st, &sp.seg("Seconds"), 0, 99_999_999, ql);
        }
        if let Some(v) = s.field("Timestamp") {
            match v.as_str() {
                Some(t) if ql == Ql::Ata && t.starts_with("{%") => {}
                Some(t) if is_timestamp(t) => {}
                Some(t) => self.push(
                    Rule::BadTimestamp,
                    st,
                    sp.seg("Timestamp"),
                    format!("{t:?}"),
                ),
                None => self.push(
                    Rule::FieldType,
                    st,
                    sp.seg("Timestamp"),
                    "Timestamp: string".into(),
                ),
            }
        }
        for f in ["SecondsPath", "TimestampPath"] {
            if let Some(v) = s.field(f) {
                self.reference_path(v, st, &sp.seg(f), false);
            }
        }
    }

    fn fail(&mut self, name: &str, s: &Map<String, Value>, sp: &Ptr<'_>) {
        let st = Some(name);
        for (a, b) in [("Error", "ErrorPath"), ("Cause", "CausePath")] {
            self.exclusive(s, name, sp, a, b);
            if let Some(v) = s.field(a) {
                self.want_string(v, st, &sp.seg(a));
            }
            match s.field(b) {
                Some(Value::String(p)) if intrinsic::looks_intrinsic(p) => {
                    if let Err(e) = intrinsic::check(p) {
                        self.push(Rule::BadIntrinsic, st, sp.seg(b), e);
                    } else if let Some(f) = fail_path_function(p) {
                        self.push(
                            Rule::BadIntrinsic,
                            st,
                            sp.seg(b),
                            format!(
                                "{b} allows only the functions that return a string ({}), not {f}",
                                FAIL_PATH_FUNCTIONS.join(", ")
                            ),
                        );
                    }
                }
                Some(v) => self.reference_path(v, st, &sp.seg(b), false),
                None => {}
            }
        }
    }

    fn choice(&mut self, name: &str, s: &Map<String, Value>, sp: &Ptr<'_>, ql: Ql) {
        let st = Some(name);
        match s.field("Choices") {
            Some(Value::Array(rules)) if !rules.is_empty() => {
                for (i, r) in rules.iter().enumerate() {
                    self.choice_rule(name, r, &sp.seg("Choices").seg(i), true, ql, 0);
                }
            }
            Some(Value::Array(_)) => self.push(
                Rule::MissingField,
                st,
                sp.seg("Choices"),
                "Choices: [rule, …]".into(),
            ),
            Some(_) => self.push(
                Rule::FieldType,
                st,
                sp.seg("Choices"),
                "Choices: array".into(),
            ),
            None => self.push(Rule::MissingField, st, sp, "Choices".into()),
        }
        if let Some(v) = s.field("Default") {
            self.want_string(v, st, &sp.seg("Default"));
        }
    }

    fn choice_rule(
        &mut self,
        name: &str,
        r: &Value,
        rp: &Ptr<'_>,
        top: bool,
        ql: Ql,
        depth: usize,
    ) {
        let st = Some(name);
        let Some(r) = r.as_object() else {
            self.push(Rule::NotObject, st, rp, "Choice rule".into());
            return;
        };
        if depth > MAX_NESTING {
            self.push(Rule::OutOfRange, st, rp, "nesting depth".into());
            return;
        }
        if top {
            match r.field("Next") {
                Some(Value::String(_)) => {}
                Some(_) => self.push(Rule::FieldType, st, rp.seg("Next"), "Next: string".into()),
                None => self.push(Rule::MissingField, st, rp, "Next".into()),
            }
        } else if r.has("Next") {
            self.push(
                Rule::BadChoiceRule,
                st,
                rp.seg("Next"),
                "Next (nested rule)".into(),
            );
        }
        if ql == Ql::Ata {
            for k in r.keys() {
                let ok = matches!(
                    k.as_str(),
                    "Condition" | "Next" | "Comment" | "Assign" | "Output"
                );
                if !ok {
                    let rule = if COMPARISONS.contains(&k.as_str())
                        || ["Variable", "And", "Or", "Not"].contains(&k.as_str())
                    {
                        Rule::WrongQueryLanguage
                    } else {
                        Rule::UnknownField
                    };
                    self.push(rule, st, rp.seg(k), k.clone());
                }
            }
            if !r.has("Condition") {
                self.push(Rule::MissingField, st, rp, "Condition".into());
            }
            return;
        }
        let mut ops = Vec::new();
        for (k, v) in r {
            let p = rp.seg(k);
            match k.as_str() {
                "Next" | "Comment" => {}
                "Assign" if top => self.template(v, st, &p, false),
                "Variable" => match v {
                    Value::String(s) if path_ok(s) && !intrinsic::looks_intrinsic(s) => {}
                    Value::String(s) => self.push(Rule::BadPath, st, p, format!("Variable: {s:?}")),
                    _ => self.push(Rule::FieldType, st, p, "Variable: string".into()),
                },
                "And" | "Or" => {
                    ops.push(k.as_str());
                    match v {
                        Value::Array(rs) if !rs.is_empty() => {
                            for (i, sub) in rs.iter().enumerate() {
                                self.choice_rule(name, sub, &p.seg(i), false, ql, depth + 1);
                            }
                        }
                        _ => self.push(Rule::FieldType, st, p, format!("{k}: [rule, …]")),
                    }
                }
                "Not" => {
                    ops.push("Not");
                    self.choice_rule(name, v, &p, false, ql, depth + 1);
                }
                "Condition" | "Output" => {
                    self.push(Rule::WrongQueryLanguage, st, p, format!("{k} (JSONPath)"))
                }
                op if COMPARISONS.contains(&op) => {
                    ops.push(op);
                    self.comparison(name, op, v, &p);
                }
                _ => self.push(Rule::UnknownField, st, p, format!("{k} (Choice rule)")),
            }
        }
        let compares = ops.iter().any(|o| COMPARISONS.contains(o));
        if ops.len() != 1 {
            self.push(
                Rule::BadChoiceRule,
                st,
                rp,
                if ops.is_empty() {
                    "no comparison".into()
                } else {
                    ops.join(", ")
                },
            );
        } else if compares && !r.has("Variable") {
            self.push(Rule::MissingField, st, rp, "Variable".into());
        } else if !compares && r.has("Variable") {
            self.push(
                Rule::BadChoiceRule,
                st,
                rp.seg("Variable"),
                "Variable with And/Or/Not".into(),
            );
        }
    }

    fn comparison(&mut self, name: &str, op: &str, v: &Value, p: &Ptr<'_>) {
        let st = Some(name);
        if op.ends_with("Path") {
            self.reference_path(v, st, p, false);
            return;
        }
        let ok = if op.starts_with("Is") || op.starts_with("Boolean") {
            v.is_boolean()
        } else if op.starts_with("Numeric") {
            v.is_number()
        } else if op.starts_with("Timestamp") {
            match v.as_str() {
                Some(t) if is_timestamp(t) => true,
                Some(t) => {
                    self.push(Rule::BadTimestamp, st, p, format!("{op}: {t:?}"));
                    return;
                }
                None => false,
            }
        } else {
            v.is_string()
        };
        if !ok {
            let want = if op.starts_with("Is") || op.starts_with("Boolean") {
                "boolean"
            } else if op.starts_with("Numeric") {
                "number"
            } else {
                "string"
            };
            self.push(Rule::FieldType, st, p, format!("{op}: {want}"));
        }
    }

    fn errors_list(&mut self, name: &str, r: &Map<String, Value>, rp: &Ptr<'_>) -> bool {
        let st = Some(name);
        match r.field("ErrorEquals") {
            Some(Value::Array(es)) if !es.is_empty() => {
                let mut all = false;
                for (i, e) in es.iter().enumerate() {
                    match e.as_str() {
                        Some("States.ALL") => {
                            all = true;
                            if es.len() > 1 {
                                self.push(
                                    Rule::StatesAllLast,
                                    st,
                                    rp.seg("ErrorEquals").seg(i),
                                    "ErrorEquals".into(),
                                );
                            }
                        }
                        Some(_) => {}
                        None => self.push(
                            Rule::FieldType,
                            st,
                            rp.seg("ErrorEquals").seg(i),
                            "ErrorEquals: [string]".into(),
                        ),
                    }
                }
                all
            }
            Some(_) => {
                self.push(
                    Rule::FieldType,
                    st,
                    rp.seg("ErrorEquals"),
                    "ErrorEquals: [string, …]".into(),
                );
                false
            }
            None => {
                self.push(Rule::MissingField, st, rp, "ErrorEquals".into());
                false
            }
        }
    }

    /// The retriers or catchers of `field` (`Retry`, `Catch`) that are objects, with
    /// their indexes, after the rules they share: an array of objects, a valid
    /// ErrorEquals, and `States.ALL` only in the last one.
    fn error_handlers<'v>(
        &mut self,
        name: &str,
        v: &'v Value,
        p: &Ptr<'_>,
        field: &str,
        item: &str,
    ) -> Vec<(usize, &'v Map<String, Value>)> {
        let st = Some(name);
        let Some(list) = v.as_array() else {
            self.push(Rule::FieldType, st, p, format!("{field}: array"));
            return Vec::new();
        };
        let mut out = Vec::with_capacity(list.len());
        for (i, h) in list.iter().enumerate() {
            let hp = p.seg(i);
            let Some(h) = h.as_object() else {
                self.push(Rule::NotObject, st, hp, item.into());
                continue;
            };
            if self.errors_list(name, h, &hp) && i + 1 != list.len() {
                self.push(Rule::StatesAllLast, st, hp.seg("ErrorEquals"), field.into());
            }
            out.push((i, h));
        }
        out
    }

    fn retry(&mut self, name: &str, v: &Value, p: &Ptr<'_>) {
        let st = Some(name);
        for (i, r) in self.error_handlers(name, v, p, "Retry", "retrier") {
            let rp = p.seg(i);
            for (k, v) in r {
                let fp = rp.seg(k);
                match k.as_str() {
                    "ErrorEquals" | "Comment" => {}
                    "IntervalSeconds" | "MaxDelaySeconds" => {
                        self.want_int(v, st, &fp, 1, 99_999_999)
                    }
                    "MaxAttempts" => self.want_int(v, st, &fp, 0, 99_999_999),
                    "BackoffRate" => match v.as_f64() {
                        Some(b) if b >= 1.0 => {}
                        Some(b) => self.push(
                            Rule::OutOfRange,
                            st,
                            fp,
                            format!("BackoffRate: {b} (≥ 1.0)"),
                        ),
                        None => self.push(Rule::FieldType, st, fp, "BackoffRate: number".into()),
                    },
                    "JitterStrategy" => {
                        if !matches!(v.as_str(), Some("FULL" | "NONE")) {
                            self.push(
                                Rule::FieldType,
                                st,
                                fp,
                                "JitterStrategy: FULL | NONE".into(),
                            );
                        }
                    }
                    _ => self.push(Rule::UnknownField, st, fp, format!("{k} (Retry)")),
                }
            }
        }
    }

    fn catch(&mut self, name: &str, v: &Value, p: &Ptr<'_>, ql: Ql) {
        let st = Some(name);
        for (i, c) in self.error_handlers(name, v, p, "Catch", "catcher") {
            let cp = p.seg(i);
            match c.field("Next") {
                Some(Value::String(_)) => {}
                Some(_) => self.push(Rule::FieldType, st, cp.seg("Next"), "Next: string".into()),
                None => self.push(Rule::MissingField, st, cp, "Next".into()),
            }
            for (k, v) in c {
                let fp = cp.seg(k);
                match k.as_str() {
                    "ErrorEquals" | "Next" | "Comment" => {}
                    "ResultPath" if ql == Ql::Path => self.reference_path(v, st, &fp, true),
                    "Assign" => {
                        if ql == Ql::Path {
                            self.template(v, st, &fp, false);
                        }
                    }
                    "Output" if ql == Ql::Ata => {}
                    "ResultPath" | "Output" => {
                        self.push(Rule::WrongQueryLanguage, st, fp, k.clone())
                    }
                    _ => self.push(Rule::UnknownField, st, fp, format!("{k} (Catch)")),
                }
            }
        }
    }

    fn sub_machine(
        &mut self,
        name: &str,
        v: &'a Value,
        p: &Ptr<'_>,
        ql: Ql,
        depth: usize,
        extra: &[&str],
    ) {
        let Some(m) = v.as_object() else {
            self.push(Rule::NotObject, Some(name), p, p.last_key());
            return;
        };
        for k in m.keys() {
            if !matches!(
                k.as_str(),
                "StartAt" | "States" | "Comment" | "QueryLanguage"
            ) && !extra.contains(&k.as_str())
            {
                self.push(Rule::UnknownField, Some(name), p.seg(k), k.clone());
            }
        }
        self.machine(m, p, ql, depth + 1);
    }

    fn parallel(
        &mut self,
        name: &str,
        s: &'a Map<String, Value>,
        sp: &Ptr<'_>,
        ql: Ql,
        depth: usize,
    ) {
        match s.field("Branches") {
            Some(Value::Array(bs)) if !bs.is_empty() => {
                for (i, b) in bs.iter().enumerate() {
                    self.sub_machine(name, b, &sp.seg("Branches").seg(i), ql, depth, &[]);
                }
            }
            Some(_) => self.push(
                Rule::FieldType,
                Some(name),
                sp.seg("Branches"),
                "Branches: [{StartAt, States}, …]".into(),
            ),
            None => self.push(Rule::MissingField, Some(name), sp, "Branches".into()),
        }
    }

    fn map(&mut self, name: &str, s: &'a Map<String, Value>, sp: &Ptr<'_>, ql: Ql, depth: usize) {
        let st = Some(name);
        match (s.field("ItemProcessor"), s.field("Iterator")) {
            (Some(_), Some(_)) => self.push(
                Rule::Exclusive,
                st,
                sp.seg("Iterator"),
                "ItemProcessor, Iterator".into(),
            ),
            (None, None) => self.push(Rule::MissingField, st, sp, "ItemProcessor".into()),
            (Some(ip), None) => {
                if let Some(cfg) = ip.field("ProcessorConfig") {
                    let ipp = sp.seg("ItemProcessor");
                    let cp = ipp.seg("ProcessorConfig");
                    match cfg.as_object() {
                        Some(c) => {
                            for (k, v) in c {
                                let ok = match k.as_str() {
                                    "Mode" => matches!(v.as_str(), Some("INLINE" | "DISTRIBUTED")),
                                    "ExecutionType" => {
                                        matches!(v.as_str(), Some("STANDARD" | "EXPRESS"))
                                    }
                                    _ => {
                                        self.push(Rule::UnknownField, st, cp.seg(k), k.clone());
                                        true
                                    }
                                };
                                if !ok {
                                    self.push(Rule::FieldType, st, cp.seg(k), format!("{k}: {v}"));
                                }
                            }
                        }
                        None => self.push(Rule::NotObject, st, cp, "ProcessorConfig".into()),
                    }
                }
                self.sub_machine(
                    name,
                    ip,
                    &sp.seg("ItemProcessor"),
                    ql,
                    depth,
                    &["ProcessorConfig"],
                );
            }
            (None, Some(it)) => self.sub_machine(name, it, &sp.seg("Iterator"), ql, depth, &[]),
        }
        self.exclusive(s, name, sp, "Items", "ItemsPath");
        self.exclusive(s, name, sp, "ItemSelector", "Parameters");
        if ql == Ql::Path
            && let Some(v) = s.field("ItemsPath")
        {
            self.reference_path(v, st, &sp.seg("ItemsPath"), false);
        }
        for (a, min, max) in [
            ("MaxConcurrency", 0, 99_999_999),
            ("ToleratedFailureCount", 0, 99_999_999),
            ("ToleratedFailurePercentage", 0, 100),
        ] {
            let ap = format!("{a}Path");
            self.exclusive(s, name, sp, a, &ap);
            if let Some(v) = s.field(a) {
                if a == "ToleratedFailurePercentage" && v.is_number() {
                    match v.as_f64() {
                        Some(x) if (0.0..=100.0).contains(&x) => {}
                        _ => {
                            self.push(Rule::OutOfRange, st, sp.seg(a), format!("{a}: {v} (0…100)"))
                        }
                    }
                } else {
                    self.want_int_or_ata(v, st, &sp.seg(a), min, max, ql);
                }
            }
            if let Some(v) = s.field(&ap) {
                self.reference_path(v, st, &sp.seg(&ap), false);
            }
        }
        if let Some(v) = s.field("Label") {
            match v.as_str() {
                Some(l) if l.chars().count() <= 40 => {}
                Some(_) => self.push(Rule::OutOfRange, st, sp.seg("Label"), "Label: ≤ 40".into()),
                None => self.push(Rule::FieldType, st, sp.seg("Label"), "Label: string".into()),
            }
        }
        if let Some(r) = s.field("ItemReader") {
            let rp = sp.seg("ItemReader");
            match r.as_object() {
                Some(r) => {
                    for k in r.keys() {
                        if !matches!(
                            k.as_str(),
                            "Resource" | "ReaderConfig" | "Parameters" | "Arguments"
                        ) {
                            self.push(
                                Rule::UnknownField,
                                st,
                                rp.seg(k),
                                format!("{k} (ItemReader)"),
                            );
                        }
                    }
                    match r.field("Resource") {
                        Some(Value::String(_)) => {}
                        Some(v) => self.push(
                            Rule::FieldType,
                            st,
                            rp.seg("Resource"),
                            format!("Resource: string, not {v}"),
                        ),
                        None => self.push(Rule::MissingField, st, rp, "Resource".into()),
                    }
                    if let Some(cfg) = r.field("ReaderConfig").and_then(Value::as_object)
                        && cfg.has("MaxItems")
                        && cfg.has("MaxItemsPath")
                    {
                        self.push(
                            Rule::Exclusive,
                            st,
                            rp.seg("ReaderConfig").seg("MaxItemsPath"),
                            "MaxItems, MaxItemsPath".into(),
                        );
                    }
                    if ql == Ql::Path
                        && let Some(v) = r.field("Parameters")
                    {
                        self.template(v, st, &rp.seg("Parameters"), false);
                    }
                }
                None => self.push(Rule::NotObject, st, rp, "ItemReader".into()),
            }
        }
        if let Some(b) = s.field("ItemBatcher") {
            let bp = sp.seg("ItemBatcher");
            match b.as_object() {
                Some(b) => {
                    for k in b.keys() {
                        if !matches!(
                            k.as_str(),
                            "MaxItemsPerBatch"
                                | "MaxItemsPerBatchPath"
                                | "MaxInputBytesPerBatch"
                                | "MaxInputBytesPerBatchPath"
                                | "BatchInput"
                        ) {
                            self.push(
                                Rule::UnknownField,
                                st,
                                bp.seg(k),
                                format!("{k} (ItemBatcher)"),
                            );
                        }
                    }
                    for a in ["MaxItemsPerBatch", "MaxInputBytesPerBatch"] {
                        let ap = format!("{a}Path");
                        if b.has(a) && b.has(&ap) {
                            self.push(Rule::Exclusive, st, bp.seg(&ap), format!("{a}, {ap}"));
                        }
                    }
                }
                None => self.push(Rule::NotObject, st, bp, "ItemBatcher".into()),
            }
        }
        if let Some(w) = s.field("ResultWriter") {
            let wp = sp.seg("ResultWriter");
            match w.as_object() {
                Some(w) => {
                    if w.field("Resource").is_some_and(|r| !r.is_string()) {
                        self.push(
                            Rule::FieldType,
                            st,
                            format!("{wp}/Resource"),
                            "Resource: string".into(),
                        );
                    }
                }
                None => self.push(Rule::NotObject, st, wp, "ResultWriter".into()),
            }
        }
    }

    /// JSONata states: every string that starts with `{%` or ends with `%}` must be a
    /// whole `{% expression %}` on one line whose expression parses.
    fn jsonata_fields(&mut self, name: &str, s: &Map<String, Value>, sp: &Ptr<'_>) {
        for (k, v) in s {
            // Nested machines are checked state by state.
            if matches!(
                k.as_str(),
                "Comment" | "Branches" | "ItemProcessor" | "Iterator"
            ) {
                continue;
            }
            self.jsonata_value(name, v, &sp.seg(k), 0);
        }
    }

    fn jsonata_value(&mut self, name: &str, v: &Value, p: &Ptr<'_>, depth: usize) {
        if depth > MAX_NESTING {
            return;
        }
        match v {
            Value::String(s) if s.starts_with("{%") || s.ends_with("%}") => {
                match jsonata_expression(s) {
                    None => self.push(Rule::JsonataSurround, Some(name), p, format!("{s:?}")),
                    Some(expr) => {
                        if let Err(e) = jsonata_parses(expr) {
                            self.push(Rule::JsonataSyntax, Some(name), p, format!("{expr:?}: {e}"));
                        }
                    }
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    self.jsonata_value(name, x, &p.seg(i), depth + 1);
                }
            }
            Value::Object(o) => {
                for (k, x) in o {
                    if k == "Comment" {
                        continue;
                    }
                    self.jsonata_value(name, x, &p.seg(k), depth + 1);
                }
            }
            _ => {}
        }
    }
}

const COMPARISONS: &[&str] = &[
    "StringEquals",
    "StringEqualsPath",
    "StringLessThan",
    "StringLessThanPath",
    "StringGreaterThan",
    "StringGreaterThanPath",
    "StringLessThanEquals",
    "StringLessThanEqualsPath",
    "StringGreaterThanEquals",
    "StringGreaterThanEqualsPath",
    "StringMatches",
    "NumericEquals",
    "NumericEqualsPath",
    "NumericLessThan",
    "NumericLessThanPath",
    "NumericGreaterThan",
    "NumericGreaterThanPath",
    "NumericLessThanEquals",
    "NumericLessThanEqualsPath",
    "NumericGreaterThanEquals",
    "NumericGreaterThanEqualsPath",
    "BooleanEquals",
    "BooleanEqualsPath",
    "TimestampEquals",
    "TimestampEqualsPath",
    "TimestampLessThan",
    "TimestampLessThanPath",
    "TimestampGreaterThan",
    "TimestampGreaterThanPath",
    "TimestampLessThanEquals",
    "TimestampLessThanEqualsPath",
    "TimestampGreaterThanEquals",
    "TimestampGreaterThanEqualsPath",
    "IsNull",
    "IsPresent",
    "IsNumeric",
    "IsString",
    "IsBoolean",
    "IsTimestamp",
];

/// Whether `op` is a Choice comparison operator.
pub fn is_comparison(op: &str) -> bool {
    COMPARISONS.contains(&op)
}

/// `$name…`: a JSONPath-mode variable reference (allowed in paths, not in ResultPath).
fn is_variable_path(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() > 1 && b[0] == b'$' && (b[1].is_ascii_alphabetic() || b[1] == b'_')
}

/// A path as InputPath/OutputPath/Variable/`key.$` accept it: a JSONPath on the input,
/// the context object (`$$…`) or a variable (`$name…`).
pub fn path_ok(s: &str) -> bool {
    if is_variable_path(s) {
        let rest = s[1..].trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '_');
        return path::is_path(&format!("${rest}"));
    }
    path::is_path(s)
}

/// The expression inside `{% … %}`: the whole string, on one line, with a space after
/// `{%` and before `%}` and something between.
pub fn jsonata_expression(s: &str) -> Option<&str> {
    let inner = s.strip_prefix("{% ")?.strip_suffix(" %}")?;
    if inner.is_empty() || inner.contains('\n') || inner.contains('\r') {
        return None;
    }
    Some(inner)
}

/// The longest JSONata expression the Lab checks.
pub const JSONATA_MAX_CHARS: usize = 16 * 1024;
/// Expressions up to this length are parsed on the caller's stack.
const JSONATA_INLINE_CHARS: usize = 256;
/// The stack of the thread that parses longer ones: the parser recurses once per
/// operator or bracket, a few KiB each, so 16 KiB of `-` or `(` needs tens of MiB.
const JSONATA_STACK: usize = 512 * 1024 * 1024;

/// Parses a JSONata expression with the jsonata-rs parser.
pub fn jsonata_parses(expr: &str) -> Result<(), String> {
    if expr.len() > JSONATA_MAX_CHARS {
        return Err(format!(
            "the expression is {} characters long; the Lab checks expressions up to {JSONATA_MAX_CHARS}",
            expr.len()
        ));
    }
    let parse = || {
        std::panic::catch_unwind(|| {
            let arena = bumpalo::Bump::new();
            jsonata_rs::JsonAta::new(expr, &arena)
                .map(|_| ())
                .map_err(|e| e.to_string())
        })
    };
    let parsed = if expr.len() <= JSONATA_INLINE_CHARS {
        parse()
    } else {
        // The parser recurses without a limit: a long expression gets a stack of its
        // own, large enough for the longest one checked (only touched pages are used).
        std::thread::scope(|scope| {
            std::thread::Builder::new()
                .stack_size(JSONATA_STACK)
                .spawn_scoped(scope, parse)
                .map_err(|_| ())
                .and_then(|h| h.join().map_err(|_| ()))
        })
        .unwrap_or_else(|()| Ok(Err("no memory to parse this expression".to_string())))
    };
    match parsed {
        Ok(Ok(())) => dangling_decimal_point(expr),
        Ok(Err(e)) => Err(e),
        Err(_) => Err("the JSONata parser failed on this expression".into()),
    }
}

/// JSONata numbers need digits after a decimal point (`420.` is a syntax error in the
/// reference implementation; jsonata-rs accepts it).
fn dangling_decimal_point(expr: &str) -> Result<(), String> {
    let b = expr.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) => {
                if c == b'\\' {
                    i += 1;
                } else if c == q {
                    quote = None;
                }
            }
            None => {
                if c == b'"' || c == b'\'' {
                    quote = Some(c);
                } else if c == b'.'
                    && i > 0
                    && b[i - 1].is_ascii_digit()
                    && b.get(i + 1)
                        .is_none_or(|n| n.is_ascii_whitespace() || b",;)]}".contains(n))
                {
                    // Digits that start a name are part of it (`a1.`), not a number.
                    let start = b[..i]
                        .iter()
                        .rposition(|x| !x.is_ascii_digit())
                        .map_or(0, |p| p + 1);
                    let in_name = start > 0
                        && (b[start - 1].is_ascii_alphabetic()
                            || b[start - 1] == b'_'
                            || b[start - 1] == b'$');
                    if !in_name {
                        return Err(format!(
                            "a number ends in a decimal point at character {}",
                            i + 1
                        ));
                    }
                }
            }
        }
        i += 1;
    }
    Ok(())
}

/// `arn:partition:service:region:account:resource` as AWS's validator accepts it, or a
/// CloudFormation `${…}` substitution; with `lenient`, any URI (`scheme:rest`).
pub fn resource_ok(r: &str, lenient: bool) -> bool {
    if r.starts_with("${") && r.ends_with('}') && r.len() > 3 {
        return true;
    }
    if lenient {
        return r.split_once(':').is_some_and(|(scheme, rest)| {
            !scheme.is_empty()
                && !rest.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        });
    }
    let mut split = r.splitn(6, ':');
    let mut parts = [""; 6];
    for part in &mut parts {
        match split.next() {
            Some(p) => *part = p,
            None => return false,
        }
    }
    if parts[0] != "arn" || !matches!(parts[1], "aws" | "aws-cn" | "aws-us-gov") {
        return false;
    }
    let lower_dash =
        |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c == '-');
    if !lower_dash(parts[2]) {
        return false;
    }
    if !parts[3]
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return false;
    }
    if !parts[4].chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    // resource-type:name[:qualifier]
    let mut rest = parts[5].splitn(3, ':');
    let kind = rest.next().unwrap_or("");
    let Some(id) = rest.next() else { return false };
    if kind.is_empty()
        || !kind
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return false;
    }
    let id_ok = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    let qual_ok = match rest.next() {
        None => true,
        Some(q) => {
            q == "$LATEST"
                || (!q.is_empty()
                    && q.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)))
        }
    };
    id_ok && qual_ok
}

/// RFC 3339 date-time: `YYYY-MM-DDThh:mm:ss[.frac](Z|±hh:mm)`.
pub fn is_timestamp(t: &str) -> bool {
    let b = t.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if b.len() < 20
        || !digits(0..4)
        || b[4] != b'-'
        || !digits(5..7)
        || b[7] != b'-'
        || !digits(8..10)
        || !matches!(b[10], b'T' | b't')
        || !digits(11..13)
        || b[13] != b':'
        || !digits(14..16)
        || b[16] != b':'
        || !digits(17..19)
    {
        return false;
    }
    let num =
        |r: std::ops::Range<usize>| t.get(r).and_then(|s| s.parse::<u32>().ok()).unwrap_or(99);
    if !(1..=12).contains(&num(5..7))
        || !(1..=31).contains(&num(8..10))
        || num(11..13) > 23
        || num(14..16) > 59
        || num(17..19) > 60
    {
        return false;
    }
    let mut i = 19;
    if b[i] == b'.' {
        i += 1;
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == s {
            return false;
        }
    }
    match &t[i..] {
        "Z" | "z" => true,
        off => {
            let o = off.as_bytes();
            o.len() == 6
                && matches!(o[0], b'+' | b'-')
                && o[1..3].iter().all(u8::is_ascii_digit)
                && o[3] == b':'
                && o[4..6].iter().all(u8::is_ascii_digit)
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
