//! What the simulator keeps of *why* a step went where it went, for the Lab and
//! `sfn run`: the Choice rule that matched with the values it compared, the error
//! behind each retry and the retrier that handled it, and how the first state of a
//! Map iteration or Parallel branch got its input. Words are given when drawn
//! (`message(lang)`), so a language switch needs no re-run.
use serde_json::Value;

use super::StateError;
use crate::lang::{Lang, tr};
use crate::numfmt;

/// The longest a value compared by a Choice rule is shown (characters); longer ones
/// end with `…`.
const VALUE_CHARS: usize = 40;

/// One retry of a Task, Parallel or Map: the error that caused it and the retrier
/// (of the state's `Retry` list) that matched it.
#[derive(Debug, Clone, PartialEq)]
pub struct Retry {
    /// Seconds waited before the attempt (backoff, MaxDelaySeconds and jitter applied).
    pub delay: f64,
    /// The error the previous attempt ended with.
    pub error: StateError,
    /// The retrier's index in `Retry` (0-based, as a JSON Pointer names it).
    pub retrier: usize,
    /// Which retry of this retrier this is (1-based) and its `MaxAttempts`.
    pub attempt: u64,
    pub max_attempts: u64,
    /// The retrier's `IntervalSeconds`.
    pub interval: f64,
}

impl Retry {
    /// The `n`th retry of the step (1-based): `↻ retry 2 after 4.0 s: Retry[0]
    /// attempt 2 of 3, interval 2.0 s · error States.TaskFailed · cause: …`.
    pub fn message(&self, n: usize, lang: Lang) -> String {
        let mut s = format!(
            "↻ {} {n} {} {} s: Retry[{}] {} {} {} {}, {} {} s · {} {}",
            tr(lang, "retry", "nova tentativa"),
            tr(lang, "after", "após"),
            numfmt::float(self.delay, 1, lang),
            self.retrier,
            tr(lang, "attempt", "tentativa"),
            self.attempt,
            tr(lang, "of", "de"),
            self.max_attempts,
            tr(lang, "interval", "intervalo"),
            numfmt::float(self.interval, 1, lang),
            tr(lang, "error", "erro"),
            self.error.error,
        );
        if !self.error.cause.is_empty() {
            s.push_str(&format!(
                " · {}: {}",
                tr(lang, "cause", "causa"),
                self.error.cause
            ));
        }
        s
    }
}

/// How a Choice state chose: the rule that matched with the values it compared, or
/// the Default when none did.
#[derive(Debug, Clone, PartialEq)]
pub enum Matched {
    /// A JSONPath rule (1-based) and its comparisons with their values.
    Rule(usize, Compared),
    /// A JSONata rule (1-based): its `Condition`, which gave `true`.
    Condition(usize, String),
    /// No rule matched: the `Default`, after `rules` rules were tried.
    Default { rules: usize },
}

impl Matched {
    /// `rule 1 matched: $.rmse (8.42) ≤ $.max (12.5)` / `regra 1 atendida: …`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Matched::Rule(n, c) => format!(
                "◆ {} {n} {}: {}",
                tr(lang, "rule", "regra"),
                tr(lang, "matched", "atendida"),
                c.text(lang)
            ),
            Matched::Condition(n, expr) => format!(
                "◆ {} {n} {}: {expr} → true",
                tr(lang, "rule", "regra"),
                tr(lang, "matched", "atendida"),
            ),
            Matched::Default { rules } => match lang {
                Lang::En => format!("◆ none of the {rules} rules matched: the Default"),
                Lang::PtBr => format!("◆ nenhuma das {rules} regras foi atendida: o Default"),
            },
        }
    }
}

/// A JSONPath Choice rule as evaluated: each comparison with the value found at its
/// Variable and, for the `…Path` operators, at its operand path.
#[derive(Debug, Clone, PartialEq)]
pub enum Compared {
    Test {
        variable: String,
        /// None: the path matched nothing.
        value: Option<Value>,
        op: String,
        operand: Operand,
    },
    And(Vec<Compared>),
    /// Only the alternatives that held (one is enough for the rule to match).
    Or(Vec<Compared>),
    Not(Box<Compared>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    Literal(Value),
    /// A `…Path` operand: the path and the value found there (None: nothing).
    Path(String, Option<Value>),
}

impl Compared {
    /// `$.evaluation.rmse (8.42) ≤ $.qualityGate.maxRmse (12.5)`; `and`/`e`,
    /// `or`/`ou`, `not`/`não` between and before compound parts.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Compared::Test {
                variable,
                value,
                op,
                operand,
            } => {
                let base = op.strip_suffix("Path").unwrap_or(op);
                let left = format!("{variable} ({})", shown(value.as_ref(), lang));
                let right = match operand {
                    Operand::Literal(v) => short(v),
                    Operand::Path(p, v) => format!("{p} ({})", shown(v.as_ref(), lang)),
                };
                match symbol(base) {
                    Some(sym) => format!("{left} {sym} {right}"),
                    // IsPresent, IsNumeric, StringMatches…: AWS's own name.
                    None => format!("{left} {base} {right}"),
                }
            }
            Compared::And(parts) => join(parts, tr(lang, "and", "e"), lang),
            Compared::Or(parts) => join(parts, tr(lang, "or", "ou"), lang),
            Compared::Not(inner) => {
                format!("{} ({})", tr(lang, "not", "não"), inner.text(lang))
            }
        }
    }
}

fn join(parts: &[Compared], word: &str, lang: Lang) -> String {
    let texts: Vec<String> = parts
        .iter()
        .map(|p| match p {
            Compared::Test { .. } | Compared::Not(_) => p.text(lang),
            _ => format!("({})", p.text(lang)),
        })
        .collect();
    texts.join(&format!(" {word} "))
}

/// The comparison's sign, for the operators that have one.
fn symbol(op: &str) -> Option<&'static str> {
    let families = ["String", "Numeric", "Boolean", "Timestamp"];
    let rest = families.iter().find_map(|f| op.strip_prefix(f))?;
    Some(match rest {
        "Equals" => "=",
        "LessThan" => "<",
        "GreaterThan" => ">",
        "LessThanEquals" => "≤",
        "GreaterThanEquals" => "≥",
        _ => return None,
    })
}

fn shown(v: Option<&Value>, lang: Lang) -> String {
    match v {
        Some(v) => short(v),
        None => tr(lang, "nothing there", "nada ali").to_string(),
    }
}

/// Compact JSON, cut at [`VALUE_CHARS`] with `…`.
fn short(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() > VALUE_CHARS {
        let mut cut: String = text.chars().take(VALUE_CHARS - 1).collect();
        cut.push('…');
        cut
    } else {
        text
    }
}

/// How the first state of a Map iteration or a Parallel branch got its input.
#[derive(Debug, Clone, PartialEq)]
pub enum Entered {
    MapItem {
        map: String,
        /// 0-based, as `$$.Map.Item.Index`.
        index: usize,
        /// Where the items came from: `ItemsPath`, JSONata `Items`, or ItemReader.
        items_from: Option<String>,
        /// ItemSelector (or the older Parameters) shaped the item.
        selector: bool,
        /// ItemBatcher grouped items: the input is a batch.
        batched: bool,
    },
    Branch {
        parallel: String,
        /// 1-based.
        index: usize,
    },
}

impl Entered {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Entered::MapItem {
                map,
                index,
                items_from,
                selector,
                batched,
            } => {
                let mut s = if *batched {
                    match lang {
                        Lang::En => format!("Batch {index} of the Map {map:?} (ItemBatcher)"),
                        Lang::PtBr => format!("Lote {index} do Map {map:?} (ItemBatcher)"),
                    }
                } else {
                    match lang {
                        Lang::En => format!("Item {index} of the Map {map:?}"),
                        Lang::PtBr => format!("Item {index} do Map {map:?}"),
                    }
                };
                if let Some(from) = items_from {
                    s.push_str(&format!(" ({} {from})", tr(lang, "from", "de")));
                }
                if *selector {
                    s.push_str(tr(
                        lang,
                        ", shaped by ItemSelector.",
                        ", moldado pelo ItemSelector.",
                    ));
                } else {
                    s.push_str(tr(lang, ", as is.", ", como veio."));
                }
                s
            }
            Entered::Branch { parallel, index } => match lang {
                Lang::En => format!(
                    "Branch {index} of the Parallel {parallel:?}: the Parallel state's input (after its InputPath and Parameters), the same for every branch."
                ),
                Lang::PtBr => format!(
                    "Ramo {index} do Parallel {parallel:?}: a entrada do estado Parallel (após InputPath e Parameters), a mesma para todos os ramos."
                ),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_comparison_shows_both_values_with_its_sign() {
        let c = Compared::Test {
            variable: "$.evaluation.rmse".into(),
            value: Some(json!(8.42)),
            op: "NumericLessThanEqualsPath".into(),
            operand: Operand::Path("$.qualityGate.maxRmse".into(), Some(json!(12.5))),
        };
        assert_eq!(
            c.text(Lang::En),
            "$.evaluation.rmse (8.42) ≤ $.qualityGate.maxRmse (12.5)"
        );
        let and = Compared::And(vec![
            c.clone(),
            Compared::Not(Box::new(Compared::Test {
                variable: "$.x".into(),
                value: None,
                op: "IsPresent".into(),
                operand: Operand::Literal(json!(true)),
            })),
        ]);
        assert_eq!(
            and.text(Lang::PtBr),
            "$.evaluation.rmse (8.42) ≤ $.qualityGate.maxRmse (12.5) e não ($.x (nada ali) IsPresent true)"
        );
    }

    #[test]
    fn long_values_are_cut_with_a_marker() {
        let c = Compared::Test {
            variable: "$.s".into(),
            value: Some(json!("x".repeat(100))),
            op: "StringEquals".into(),
            operand: Operand::Literal(json!("y")),
        };
        let t = c.text(Lang::En);
        assert!(t.contains('…') && t.chars().count() < 60, "{t}");
    }
}
