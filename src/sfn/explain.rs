//! The Lab's one-line explanations of what each processing stage of a step did
//! (InputPath, Parameters, the result, ResultSelector, ResultPath, OutputPath), read
//! from the typed state and the step the simulator recorded. The Lab shows them beside
//! the stage values; they are the domain's words, so they live here, not in the TUI.
use super::model::{PathField, State, StateKind};
use super::sim::Step;
use crate::lang::{Lang, tr};

/// The explanation of stage `stage` (TestState's order, see
/// [`super::sim::STAGE_NAMES`]) of `step`, whose state definition is `state` (None when
/// it cannot be found). `first_step`: the step is the execution's first, so its input
/// is the execution input.
pub fn stage(
    state: Option<&State>,
    step: &Step,
    stage: usize,
    first_step: bool,
    lang: Lang,
) -> String {
    let path_field = |f: fn(&State) -> Option<&PathField>| state.and_then(f);
    let kind = step.kind.as_str();
    let t = |en: &'static str, pt: &'static str| tr(lang, en, pt).to_string();
    if step.jsonata
        && let Some(words) = jsonata_stage(state, step, stage, lang)
    {
        return words;
    }
    if step.stages.get(stage).is_none() {
        // A stage this type has, on a step that failed, was not reached; the
        // others do not exist for this type.
        if step.error.is_some() && type_has_stage(kind, stage) {
            return t(
                "— not reached: the error stopped the state before this stage",
                "— não alcançada: o erro parou o estado antes desta etapa",
            );
        }
        return t(
            "— this state type has no such stage",
            "— este tipo de estado não tem esta etapa",
        );
    }
    match stage {
        0 => {
            if let Some(entered) = &step.entered {
                entered.message(lang)
            } else if first_step {
                t("The execution input.", "A entrada da execução.")
            } else {
                t(
                    "The previous state's output.",
                    "A saída do estado anterior.",
                )
            }
        }
        1 => match path_field(|s| s.input_path.as_ref()) {
            None => t(
                "No InputPath: the whole input goes on.",
                "Sem InputPath: a entrada inteira segue.",
            ),
            Some(PathField::Null) => t(
                "InputPath null: the state sees an empty object {}.",
                "InputPath null: o estado vê um objeto vazio {}.",
            ),
            Some(v) => format!(
                "InputPath {}: {}",
                v.path().unwrap_or("?"),
                tr(
                    lang,
                    "selected this part of the input.",
                    "selecionou esta parte da entrada."
                )
            ),
        },
        2 => match (
            state.and_then(|s| s.parameters.as_ref()),
            state.and_then(|s| match &s.kind {
                StateKind::Map(m) => m.item_selector.as_ref(),
                _ => None,
            }),
        ) {
            (Some(_), _) => t(
                "Parameters built this from its template (.$ keys: paths, intrinsics).",
                "Parameters montou isto com seu template (chaves .$: caminhos, intrínsecas).",
            ),
            (None, Some(_)) => t(
                "ItemSelector shapes each item's input (see the iterations).",
                "ItemSelector molda a entrada de cada item (veja as iterações).",
            ),
            _ => t("No Parameters: unchanged.", "Sem Parameters: sem mudança."),
        },
        3 => match kind {
            "Task" => match step.error.as_ref() {
                Some(e) => format!(
                    "{} {}",
                    tr(lang, "The task failed:", "A tarefa falhou:"),
                    e.error
                ),
                None => t(
                    "What the task returned (the mock's Return, or its input without a mock).",
                    "O que a tarefa devolveu (o Return do mock, ou a própria entrada sem mock).",
                ),
            },
            "Pass" => {
                if matches!(
                    state.map(|s| &s.kind),
                    Some(StateKind::Pass { result: Some(_) })
                ) {
                    t(
                        "The Pass state's fixed Result.",
                        "O Result fixo do estado Pass.",
                    )
                } else {
                    t(
                        "A Pass state without Result passes its input on.",
                        "Um Pass sem Result repassa a entrada.",
                    )
                }
            }
            "Parallel" => t(
                "An array with each branch's output, in branch order.",
                "Um array com a saída de cada ramo, na ordem dos ramos.",
            ),
            "Map" => t(
                "An array with each item's output, in item order.",
                "Um array com a saída de cada item, na ordem dos itens.",
            ),
            _ => String::new(),
        },
        4 => match state.and_then(|s| s.result_selector.as_ref()) {
            Some(_) => t(
                "ResultSelector kept and renamed parts of the result.",
                "ResultSelector guardou e renomeou partes do resultado.",
            ),
            None => t(
                "No ResultSelector: the result as is.",
                "Sem ResultSelector: o resultado como veio.",
            ),
        },
        5 => match path_field(|s| s.result_path.as_ref()) {
            None => t(
                "ResultPath $ (default): the result replaces the input.",
                "ResultPath $ (padrão): o resultado substitui a entrada.",
            ),
            Some(PathField::Null) => t(
                "ResultPath null: the result is discarded, the input kept.",
                "ResultPath null: o resultado é descartado e a entrada mantida.",
            ),
            Some(v) => format!(
                "ResultPath {}: {}",
                v.path().unwrap_or("?"),
                tr(
                    lang,
                    "the result was put there, inside the input.",
                    "o resultado foi colocado ali, dentro da entrada."
                )
            ),
        },
        _ => {
            let base = match path_field(|s| s.output_path.as_ref()) {
                None => t(
                    "No OutputPath: all of it is the output.",
                    "Sem OutputPath: tudo vira a saída.",
                ),
                Some(PathField::Null) => t(
                    "OutputPath null: the output is {}.",
                    "OutputPath null: a saída é {}.",
                ),
                Some(v) => format!(
                    "OutputPath {}: {}",
                    v.path().unwrap_or("?"),
                    tr(lang, "selected the output.", "selecionou a saída.")
                ),
            };
            match (&step.via, &step.next) {
                (Some(v), Some(n)) => format!("{base} {} → {n}", v.message(lang)),
                (None, Some(n)) => format!("{base} → {n}"),
                _ => base,
            }
        }
    }
}

/// The stages of a JSONata step that differ from JSONPath's: no InputPath,
/// ResultSelector or ResultPath; Arguments in place of Parameters; Output (and the
/// variables Assign set) at the end. None: the JSONPath words fit (input, result).
fn jsonata_stage(state: Option<&State>, step: &Step, stage: usize, lang: Lang) -> Option<String> {
    let t = |en: &'static str, pt: &'static str| tr(lang, en, pt).to_string();
    Some(match stage {
        1 | 4 | 5 => t(
            "— a JSONata state has no such stage (no InputPath, ResultSelector or ResultPath)",
            "— um estado JSONata não tem esta etapa (sem InputPath, ResultSelector nem ResultPath)",
        ),
        2 if step.stages.get(2).is_none() => return None,
        2 => match state.and_then(|s| s.arguments.as_ref()) {
            Some(_) => t(
                "Arguments: its {% %} expressions evaluated against $states.input and the variables.",
                "Arguments: suas expressões {% %} avaliadas sobre $states.input e as variáveis.",
            ),
            None => t(
                "No Arguments: the task gets the state's input.",
                "Sem Arguments: a tarefa recebe a entrada do estado.",
            ),
        },
        6 if step.stages.get(6).is_some() => {
            let mut out = match state.and_then(|s| s.output.as_ref()) {
                Some(_) => t(
                    "Output: evaluated against $states.input and $states.result.",
                    "Output: avaliado sobre $states.input e $states.result.",
                ),
                None if matches!(step.kind.as_str(), "Task" | "Parallel" | "Map") => t(
                    "No Output: the result is the output.",
                    "Sem Output: o resultado vira a saída.",
                ),
                None => t(
                    "No Output: the input is the output.",
                    "Sem Output: a entrada vira a saída.",
                ),
            };
            if let Some(serde_json::Value::Object(vars)) = step.assigned.as_deref() {
                let names: Vec<String> = vars.keys().map(|k| format!("${k}")).collect();
                out.push_str(&format!(
                    " {} {}.",
                    tr(lang, "Assign set", "Assign definiu"),
                    names.join(", ")
                ));
            }
            match (&step.via, &step.next) {
                (Some(v), Some(n)) => format!("{out} {} → {n}", v.message(lang)),
                (None, Some(n)) => format!("{out} → {n}"),
                _ => out,
            }
        }
        _ => return None,
    })
}

/// Whether a state of this type has the stage (TestState's order: input,
/// afterInputPath, afterParameters, result, afterResultSelector, afterResultPath,
/// output). A Fail state has only its input; Choice, Wait and Succeed pass their
/// input through InputPath and OutputPath; Pass has no ResultSelector; a Map shapes
/// each item (ItemSelector) rather than its whole input.
pub fn type_has_stage(kind: &str, stage: usize) -> bool {
    match kind {
        "Fail" => stage == 0,
        "Choice" | "Wait" | "Succeed" => matches!(stage, 0 | 1 | 6),
        "Pass" => stage != 4,
        "Map" => stage != 2,
        _ => true,
    }
}

/// A stage's name as the Lab shows it (TestState's order): TestState's own names in
/// English; in Portuguese the words are translated and the field names kept.
pub fn stage_name(stage: usize, lang: Lang) -> &'static str {
    const PT: [&str; 7] = [
        "entrada",
        "após InputPath",
        "após Parameters",
        "resultado",
        "após ResultSelector",
        "após ResultPath",
        "saída",
    ];
    let names = match lang {
        Lang::En => &super::sim::STAGE_NAMES,
        Lang::PtBr => &PT,
    };
    names.get(stage).copied().unwrap_or("?")
}

/// `stage_name` for a step of a JSONata state, whose third stage is `Arguments`
/// (TestState's `afterArguments`), not `Parameters`.
pub fn stage_label(stage: usize, jsonata: bool, lang: Lang) -> &'static str {
    match (jsonata, stage, lang) {
        (true, 2, Lang::En) => "afterArguments",
        (true, 2, Lang::PtBr) => "após Arguments",
        _ => stage_name(stage, lang),
    }
}

/// An execution's status as the Lab shows it: AWS's name, glossed in Portuguese.
pub fn status_word(status: super::sim::Status, lang: Lang) -> &'static str {
    use super::sim::Status;
    match (status, lang) {
        (s, Lang::En) => s.name(),
        (Status::Succeeded, Lang::PtBr) => "SUCCEEDED (concluída)",
        (Status::Failed, Lang::PtBr) => "FAILED (falhou)",
    }
}

/// A state's error as one line: its name and its cause, labelled in `lang` (the
/// cause is AWS's own wording, as the console shows it).
pub fn error_line(e: &super::StateError, lang: Lang) -> String {
    format!(
        "{} {} · {}: {}",
        tr(lang, "error", "erro"),
        e.error,
        tr(lang, "cause", "causa"),
        e.cause
    )
}

/// The explanation shared by several stages in a row that have no value: the type has
/// none of them, or (`stopped_by_error`) the error stopped the state before them.
pub fn missing_stages(stopped_by_error: bool, lang: Lang) -> &'static str {
    if stopped_by_error {
        tr(
            lang,
            "— not reached: the error stopped the state before these stages",
            "— não alcançadas: o erro parou o estado antes destas etapas",
        )
    } else {
        tr(
            lang,
            "— this state type has none of these stages",
            "— este tipo de estado não tem estas etapas",
        )
    }
}
