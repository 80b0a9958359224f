//! Property test: random JSON — as a definition (validator, graph, simulator) and as the
//! input of every bundled sample — never panics. Fixed seeds, so a failure reproduces.
use crate::common;

use aws_study::sfn::check::{self, Options as CheckOptions};
use aws_study::sfn::doc::check_text;
use aws_study::sfn::mock::Mocks;
use aws_study::sfn::sim::{self, Options};
use aws_study::sfn::{graph, samples};
use common::Rng;
use serde_json::{Map, Value, json};

const KEYS: &[&str] = &[
    "StartAt",
    "States",
    "Type",
    "Next",
    "End",
    "Choices",
    "Default",
    "Branches",
    "ItemProcessor",
    "Iterator",
    "ItemsPath",
    "ItemSelector",
    "Parameters",
    "Result",
    "ResultPath",
    "ResultSelector",
    "InputPath",
    "OutputPath",
    "Retry",
    "Catch",
    "ErrorEquals",
    "Variable",
    "StringEquals",
    "NumericGreaterThan",
    "IsPresent",
    "And",
    "Not",
    "Seconds",
    "SecondsPath",
    "Timestamp",
    "Error",
    "CausePath",
    "Resource",
    "QueryLanguage",
    "MaxAttempts",
    "BackoffRate",
    "IntervalSeconds",
    "x.$",
    "a",
    "A",
    "B",
];
const STRINGS: &[&str] = &[
    "",
    "$",
    "$$",
    "$.a",
    "$.a[0]",
    "$..a",
    "$.b.c",
    "$$.Map.Item.Index",
    "$$.State.Name",
    "States.Format(",
    "States.Format('{}', $.a)",
    "States.ArrayRange(1, 5000, 1)",
    "States.MathRandom(1, 2)",
    "States.Hash($.a, 'MD5')",
    "States.StringToJson($.a)",
    "{% ",
    "{% $states.input %}",
    "{% 1 + %}",
    "Pass",
    "Task",
    "Choice",
    "Wait",
    "Succeed",
    "Fail",
    "Parallel",
    "Map",
    "A",
    "B",
    "C",
    "States.ALL",
    "States.Runtime",
    "JSONata",
    "JSONPath",
    "arn:aws:states:::lambda:invoke",
    "2026-01-01T00:00:00Z",
    "é🦀\u{301}",
    "\\*",
];
const TYPES: &[&str] = &[
    "Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map",
];

fn scalar(r: &mut Rng) -> Value {
    match r.below(7) {
        0 => Value::Null,
        1 => Value::Bool(r.below(2) == 0),
        2 => json!(r.below(2000) as i64 - 1000),
        3 => json!((r.below(100_000) as f64) / 7.0 - 5000.0),
        4 => json!([u64::MAX, i64::MIN as u64][r.below(2)]),
        _ => Value::String(STRINGS[r.below(STRINGS.len())].to_string()),
    }
}

fn value(r: &mut Rng, depth: usize) -> Value {
    if depth >= 8 || r.below(3) == 0 {
        return scalar(r);
    }
    match r.below(3) {
        0 => Value::Array((0..r.below(4)).map(|_| value(r, depth + 1)).collect()),
        _ => {
            let mut m = Map::new();
            for _ in 0..r.below(5) {
                m.insert(KEYS[r.below(KEYS.len())].to_string(), value(r, depth + 1));
            }
            Value::Object(m)
        }
    }
}

/// A machine-shaped value: states named A–D of random types with random fields, so the
/// simulator gets past the first state often.
fn machine(r: &mut Rng, depth: usize) -> Value {
    let names = ["A", "B", "C", "D"];
    let mut states = Map::new();
    for name in names.iter().take(1 + r.below(4)) {
        let mut s = Map::new();
        let t = TYPES[r.below(TYPES.len())];
        s.insert("Type".into(), json!(t));
        match r.below(3) {
            0 => {
                s.insert("End".into(), json!(true));
            }
            1 => {
                s.insert("Next".into(), json!(names[r.below(4)]));
            }
            _ => {}
        }
        match t {
            "Choice" => {
                let rule = json!({"Variable": STRINGS[r.below(STRINGS.len())],
                    KEYS[r.below(KEYS.len())]: scalar(r), "Next": names[r.below(4)]});
                s.insert("Choices".into(), json!([rule]));
                s.insert("Default".into(), json!(names[r.below(4)]));
            }
            "Parallel" if depth < 3 => {
                s.insert(
                    "Branches".into(),
                    Value::Array((0..r.below(3)).map(|_| machine(r, depth + 1)).collect()),
                );
            }
            "Map" if depth < 3 => {
                s.insert("ItemProcessor".into(), machine(r, depth + 1));
            }
            "Task" => {
                s.insert("Resource".into(), json!("arn:aws:states:::lambda:invoke"));
            }
            "Wait" => {
                s.insert("Seconds".into(), json!(r.below(100)));
            }
            _ => {}
        }
        for _ in 0..r.below(3) {
            s.insert(KEYS[r.below(KEYS.len())].to_string(), value(r, 4));
        }
        if r.below(3) == 0 {
            s.insert(
                "Retry".into(),
                json!([{"ErrorEquals": ["States.ALL"], "MaxAttempts": r.below(4),
                        "BackoffRate": r.below(5) + 1, "JitterStrategy": "FULL"}]),
            );
        }
        states.insert((*name).to_string(), Value::Object(s));
    }
    json!({"StartAt": names[r.below(5).min(3)], "States": states})
}

fn opts(max: u64) -> Options<'static> {
    Options {
        mocks: None,
        test_case: None,
        max_transitions: max,
        seed: 1,
        machine_name: "prop",
    }
}

#[test]
fn random_definitions_never_panic() {
    let mut r = Rng(0x5eed_1234_abcd_0001);
    for case in 0..2000 {
        let def = if case % 2 == 0 {
            machine(&mut r, 0)
        } else {
            value(&mut r, 0)
        };
        let text = def.to_string();
        let _ = check::check(&def, &[], CheckOptions::default());
        let _ = check_text(
            &text,
            CheckOptions {
                lenient_resource: case % 3 == 0,
            },
        );
        let m = graph::model(&def);
        let widths = if case % 200 == 0 {
            (1..=200).collect::<Vec<_>>()
        } else {
            vec![1 + r.below(200), 1 + r.below(40)]
        };
        for w in widths {
            let d = graph::draw(&m, w);
            for l in &d.lines {
                assert!(
                    common::width(l) <= w.max(1),
                    "case {case}: line wider than {w}: {l:?}\n{text}"
                );
            }
        }
        let input = value(&mut r, 3);
        let _ = sim::run(&def, input, &opts(1000));
    }
}

#[test]
fn random_inputs_to_every_sample_never_panic() {
    let mut r = Rng(0x5eed_1234_abcd_0002);
    let all = samples::all();
    let parsed: Vec<(Value, Mocks, String)> = all
        .iter()
        .map(|s| {
            (
                serde_json::from_str(s.definition_text()).unwrap(),
                Mocks::parse(s.mocks_text()).unwrap(),
                s.id.clone(),
            )
        })
        .collect();
    for case in 0..600 {
        for (def, mocks, id) in &parsed {
            let input = if case % 4 == 0 {
                value(&mut r, 0)
            } else {
                // The sample's own input with one member replaced by noise.
                let mut v = all.iter().find(|s| &s.id == id).unwrap().input.clone();
                if let Some(o) = v.as_object_mut() {
                    let keys: Vec<String> = o.keys().cloned().collect();
                    if !keys.is_empty() {
                        o.insert(keys[r.below(keys.len())].clone(), value(&mut r, 5));
                    }
                }
                v
            };
            let cases = mocks.cases(id);
            let tc = cases.get(r.below(cases.len().max(1))).map(String::as_str);
            let o = Options {
                mocks: Some(mocks),
                test_case: tc,
                max_transitions: 1000,
                seed: case as u64,
                machine_name: id,
            };
            let _ = sim::run(def, input, &o);
        }
    }
}
