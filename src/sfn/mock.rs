//! Mock files in the format of AWS Step Functions Local: `StateMachines` → machine →
//! `TestCases` → case → state → response name; `MockedResponses` → name → invocation
//! index or range ("0", "1-2") → `{"Return": …}` or `{"Throw": {"Error", "Cause"}}`.
use std::collections::HashMap;

use serde_json::Value;

use super::StateError;
use crate::jsonpos::{escape, line_of, value_lines};
use crate::lang::{Lang, tr};

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Return(Value),
    Throw(StateError),
}

/// A test case: its name and which mocked response each Task state gets.
type TestCase = (String, HashMap<String, String>);

#[derive(Debug, Clone, Default)]
pub struct Mocks {
    /// Machine name → test cases in file order → (state → response name).
    machines: Vec<(String, Vec<TestCase>)>,
    /// Response name → (first, last invocation, outcome).
    responses: HashMap<String, Vec<(usize, usize, Outcome)>>,
}

fn range(key: &str) -> Option<(usize, usize)> {
    match key.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
            (a <= b).then_some((a, b))
        }
        None => key.trim().parse().ok().map(|n| (n, n)),
    }
}

/// The machine name of a definition file, as mock files name it: the file name
/// without `.json` and `.asl` (`my.asl.json` → `my`).
pub fn machine_stem(path: &std::path::Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("machine")
        .trim_end_matches(".json")
        .trim_end_matches(".asl")
        .to_string()
}

impl Mocks {
    /// `parse_in` with English messages.
    pub fn parse(text: &str) -> Result<Mocks, String> {
        Mocks::parse_in(text, Lang::En)
    }

    /// Parses a mock file; errors name the line and the JSON Pointer, in `lang`.
    pub fn parse_in(text: &str, lang: Lang) -> Result<Mocks, String> {
        let (v, repeated) =
            super::doc::parse_noting_duplicates(text).map_err(|e| e.message(lang))?;
        let lines = value_lines(text);
        let line_word = tr(lang, "line", "linha");
        let err = |ptr: &str, msg: &str| -> String {
            match (line_of(&lines, ptr), ptr.is_empty()) {
                (Some(l), false) => format!("{line_word} {l}: {ptr}: {msg}"),
                (Some(l), true) => format!("{line_word} {l}: {msg}"),
                (None, false) => format!("{ptr}: {msg}"),
                (None, true) => msg.to_string(),
            }
        };
        let t = |en: &'static str, pt: &'static str| tr(lang, en, pt);
        // JSON keeps only the last of a repeated key: a mock file that repeats one
        // would quietly lose the other.
        if repeated && let Some(d) = crate::jsonpos::duplicates(text).first() {
            return Err(err(
                d,
                t(
                    "this key is repeated; only one would count",
                    "esta chave se repete; só uma valeria",
                ),
            ));
        }
        let root = v.as_object().ok_or_else(|| {
            err(
                "",
                t(
                    "a mock file is a JSON object",
                    "um arquivo de mocks é um objeto JSON",
                ),
            )
        })?;
        let mut out = Mocks::default();
        let machines = root
            .get("StateMachines")
            .and_then(Value::as_object)
            .ok_or_else(|| {
                err(
                    "",
                    t(
                        "missing \"StateMachines\" object",
                        "falta o objeto \"StateMachines\"",
                    ),
                )
            })?;
        for (m, mv) in machines {
            let mp = format!("/StateMachines/{}", escape(m));
            let cases = mv
                .get("TestCases")
                .and_then(Value::as_object)
                .ok_or_else(|| {
                    err(
                        &mp,
                        t(
                            "missing \"TestCases\" object",
                            "falta o objeto \"TestCases\"",
                        ),
                    )
                })?;
            if cases.is_empty() {
                return Err(err(
                    &format!("{mp}/TestCases"),
                    t("no test cases", "nenhum caso de teste"),
                ));
            }
            let mut list = Vec::new();
            for (c, cv) in cases {
                let cp = format!("{mp}/TestCases/{}", escape(c));
                let states = cv.as_object().ok_or_else(|| {
                    err(
                        &cp,
                        t(
                            "a test case maps state names to mocked response names",
                            "um caso de teste liga nomes de estado a nomes de respostas simuladas",
                        ),
                    )
                })?;
                let mut map = HashMap::new();
                for (st, r) in states {
                    let r = r.as_str().ok_or_else(|| {
                        err(
                            &format!("{cp}/{}", escape(st)),
                            t(
                                "a mocked response name (string)",
                                "um nome de resposta simulada (string)",
                            ),
                        )
                    })?;
                    map.insert(st.clone(), r.to_string());
                }
                list.push((c.clone(), map));
            }
            out.machines.push((m.clone(), list));
        }
        let responses = root
            .get("MockedResponses")
            .and_then(Value::as_object)
            .ok_or_else(|| {
                err(
                    "",
                    t(
                        "missing \"MockedResponses\" object",
                        "falta o objeto \"MockedResponses\"",
                    ),
                )
            })?;
        for (name, rv) in responses {
            let rp = format!("/MockedResponses/{}", escape(name));
            let by_index = rv.as_object().ok_or_else(|| {
                err(
                    &rp,
                    t(
                        "maps invocation numbers (\"0\", \"1-2\") to Return or Throw",
                        "liga números de invocação (\"0\", \"1-2\") a Return ou Throw",
                    ),
                )
            })?;
            let mut list = Vec::new();
            for (k, o) in by_index {
                let kp = format!("{rp}/{}", escape(k));
                let (a, b) = range(k).ok_or_else(|| {
                    err(
                        &kp,
                        t(
                            "the key must be an invocation number or range such as \"0\" or \"1-3\"",
                            "a chave precisa ser um número ou uma faixa de invocações, como \"0\" ou \"1-3\"",
                        ),
                    )
                })?;
                let o = o.as_object().ok_or_else(|| {
                    err(
                        &kp,
                        t(
                            "expected {\"Return\": …} or {\"Throw\": …}",
                            "esperado {\"Return\": …} ou {\"Throw\": …}",
                        ),
                    )
                })?;
                let outcome = match (o.get("Return"), o.get("Throw")) {
                    (Some(r), None) => Outcome::Return(r.clone()),
                    (None, Some(throw)) => {
                        let e = throw.get("Error").and_then(Value::as_str).ok_or_else(|| {
                            err(
                                &format!("{kp}/Throw"),
                                t(
                                    "Throw needs an \"Error\" string",
                                    "Throw precisa de uma string \"Error\"",
                                ),
                            )
                        })?;
                        let c = throw.get("Cause").and_then(Value::as_str).unwrap_or("");
                        Outcome::Throw(StateError::new(e, c))
                    }
                    _ => {
                        return Err(err(
                            &kp,
                            t(
                                "exactly one of \"Return\" or \"Throw\"",
                                "exatamente um entre \"Return\" e \"Throw\"",
                            ),
                        ));
                    }
                };
                // Two entries for one invocation: which one would answer is unclear.
                if let Some((pa, pb, _)) = list.iter().find(|(pa, pb, _)| a <= *pb && *pa <= b) {
                    return Err(err(
                        &kp,
                        &match lang {
                            Lang::En => {
                                format!("invocations {a}-{b} overlap an earlier entry ({pa}-{pb})")
                            }
                            Lang::PtBr => format!(
                                "as invocações {a}-{b} se sobrepõem a uma entrada anterior ({pa}-{pb})"
                            ),
                        },
                    ));
                }
                list.push((a, b, outcome));
            }
            out.responses.insert(name.clone(), list);
        }
        for (m, cases) in &out.machines {
            for (c, map) in cases {
                for (st, r) in map {
                    if !out.responses.contains_key(r) {
                        let p = format!(
                            "/StateMachines/{}/TestCases/{}/{}",
                            escape(m),
                            escape(c),
                            escape(st)
                        );
                        return Err(err(
                            &p,
                            &match lang {
                                Lang::En => {
                                    format!("no mocked response named {r:?} in MockedResponses")
                                }
                                Lang::PtBr => format!(
                                    "nenhuma resposta simulada chamada {r:?} em MockedResponses"
                                ),
                            },
                        ));
                    }
                }
            }
        }
        Ok(out)
    }

    /// `machine_for_in` with an English message.
    pub fn machine_for(&self, stem: &str) -> Result<String, String> {
        self.machine_for_in(stem, Lang::En)
    }

    /// The machine entry to use: the only one, or the one named `stem`.
    pub fn machine_for_in(&self, stem: &str, lang: Lang) -> Result<String, String> {
        if self.machines.len() == 1 {
            return Ok(self.machines[0].0.clone());
        }
        if self.machines.iter().any(|(m, _)| m == stem) {
            return Ok(stem.to_string());
        }
        let names: Vec<&str> = self.machines.iter().map(|(m, _)| m.as_str()).collect();
        Err(match lang {
            Lang::En => format!(
                "the mock file has {} state machines ({}) and none is named {stem:?} like the definition file",
                names.len(),
                names.join(", ")
            ),
            Lang::PtBr => format!(
                "o arquivo de mocks tem {} máquinas de estado ({}) e nenhuma se chama {stem:?} como o arquivo de definição",
                names.len(),
                names.join(", ")
            ),
        })
    }

    /// Test case names of a machine, in file order.
    pub fn cases(&self, machine: &str) -> Vec<String> {
        self.machines
            .iter()
            .find(|(m, _)| m == machine)
            .map(|(_, cs)| cs.iter().map(|(c, _)| c.clone()).collect())
            .unwrap_or_default()
    }

    /// The case's state → response map (`None` picks the first case).
    pub fn case(&self, machine: &str, case: Option<&str>) -> Option<&HashMap<String, String>> {
        self.named_case(machine, case).map(|(_, m)| m)
    }

    /// The case's name and its state → response map (`None` picks the first case).
    pub fn named_case(
        &self,
        machine: &str,
        case: Option<&str>,
    ) -> Option<(&str, &HashMap<String, String>)> {
        let (_, cases) = self.machines.iter().find(|(m, _)| m == machine)?;
        let found = match case {
            Some(c) => cases.iter().find(|(n, _)| n == c),
            None => cases.first(),
        };
        found.map(|(n, m)| (n.as_str(), m))
    }

    /// What the `n`th invocation (0-based) of a mocked response gives.
    pub fn response(&self, name: &str, n: usize) -> Result<Outcome, String> {
        let list = self
            .responses
            .get(name)
            .ok_or_else(|| format!("no mocked response named {name:?}"))?;
        list.iter()
            .find(|(a, b, _)| (*a..=*b).contains(&n))
            .map(|(_, _, o)| o.clone())
            .ok_or_else(|| {
                format!(
                    "mocked response {name:?} has no entry for invocation {n} (they count from 0)"
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"{
  "StateMachines": {
    "demo": {"TestCases": {"Happy": {"Call": "Ok"}, "Flaky": {"Call": "FailOnce"}}}
  },
  "MockedResponses": {
    "Ok": {"0": {"Return": {"n": 1}}},
    "FailOnce": {"0": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "boom"}}, "1-2": {"Return": {"n": 2}}}
  }
}"#;

    #[test]
    fn cases_ranges_and_outcomes() {
        let m = Mocks::parse(FILE).unwrap();
        assert_eq!(m.machine_for("anything").unwrap(), "demo");
        assert_eq!(m.cases("demo"), vec!["Happy", "Flaky"]);
        assert_eq!(m.case("demo", None).unwrap().get("Call").unwrap(), "Ok");
        let flaky = m.case("demo", Some("Flaky")).unwrap();
        assert_eq!(flaky.get("Call").unwrap(), "FailOnce");
        assert!(
            matches!(m.response("FailOnce", 0).unwrap(), Outcome::Throw(e) if e.error == "Lambda.ServiceException")
        );
        assert_eq!(
            m.response("FailOnce", 2).unwrap(),
            Outcome::Return(serde_json::json!({"n": 2}))
        );
        assert!(
            m.response("FailOnce", 3)
                .unwrap_err()
                .contains("invocation 3")
        );
    }

    #[test]
    fn bad_files_name_line_and_pointer() {
        let e = Mocks::parse("{\"StateMachines\": {}}").unwrap_err();
        assert!(e.contains("MockedResponses"), "{e}");
        let e = Mocks::parse("{\"StateMachines\": {\"m\": {\"TestCases\": {\"c\": {\"A\": \"Nope\"}}}},\n \"MockedResponses\": {}}").unwrap_err();
        assert!(
            e.contains("Nope") && e.contains("/StateMachines/m/TestCases/c/A"),
            "{e}"
        );
        let e = Mocks::parse(
            "{\"StateMachines\": {},\n\"MockedResponses\": {\"R\": {\"x\": {\"Return\": 1}}}}",
        )
        .unwrap_err();
        assert!(e.starts_with("line 2"), "{e}");
        assert!(Mocks::parse("[").is_err());
    }
}
