//! The rule table (what a finding is about, its title and explanation in both
//! languages) and the graph-level rules of a machine: StartAt, targets, reachability.
use std::collections::HashSet;

use serde_json::{Map, Value};

use super::{Checker, Fields, MAX_NESTING, Ptr, Ql};
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
    pub(super) fn pointer(self, sp: &Ptr<'_>) -> String {
        match self {
            Target::Next => sp.seg("Next").to_string(),
            Target::Default => sp.seg("Default").to_string(),
            Target::Choice(i) => sp.seg("Choices").seg(i).seg("Next").to_string(),
            Target::Catch(i) => sp.seg("Catch").seg(i).seg("Next").to_string(),
        }
    }
}

impl<'a> Checker<'a> {
    pub(super) fn machine(
        &mut self,
        m: &'a Map<String, Value>,
        mp: &Ptr<'_>,
        ql: Ql,
        depth: usize,
    ) {
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
            self.missing_target(None, mp.seg("StartAt"), start, states);
        }
        for (name, st) in states {
            self.state_entry(states, name, st, mp, ql, depth);
        }
        self.reachability(states, start, mp);
    }

    /// Every state reachable from StartAt, and at least one of them terminal.
    pub(super) fn reachability(
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
    pub(super) fn state_entry(
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
                self.missing_target(Some(name), tp, t, states);
            }
        }
    }
}
