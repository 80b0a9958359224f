//! The Lab's simulator (`aws_study::sfn::sim::run`): state types, the input/output
//! stages, intrinsic functions, Retry/Catch and mocks, checked against the AWS Step
//! Functions Developer Guide.
use std::time::{Duration, Instant};

use aws_study::sfn::check::Options as CheckOptions;
use aws_study::sfn::doc::check_text;
use aws_study::sfn::mock::Mocks;
use aws_study::sfn::sim::{self, Abort, Execution, Options, Recorded, Stages, Status};
use serde_json::{Value, json};

const LAMBDA: &str = "arn:aws:states:::lambda:invoke";

fn opts<'a>(mocks: Option<&'a Mocks>, case: Option<&'a str>, seed: u64) -> Options<'a> {
    Options {
        mocks,
        test_case: case,
        max_transitions: 1000,
        seed,
        machine_name: "m",
    }
}

/// Runs a definition that must be valid.
fn exec_full(def: &Value, input: Value, mocks: Option<&Mocks>, case: Option<&str>) -> Execution {
    let text = def.to_string();
    let c = check_text(&text, CheckOptions::default()).expect("JSON");
    assert!(
        c.is_valid(),
        "test definition is invalid: {:?}\n{text}",
        c.findings
    );
    sim::run(def, input, &opts(mocks, case, 7)).expect("no abort")
}

fn exec(def: &Value, input: Value) -> Execution {
    exec_full(def, input, None, None)
}

/// A machine of one state `S` (which gets `"End": true` unless it is Choice/Succeed/Fail).
fn one(mut state: Value) -> Value {
    let t = state["Type"].as_str().unwrap().to_string();
    if !matches!(t.as_str(), "Choice" | "Succeed" | "Fail") {
        state["End"] = json!(true);
    }
    json!({"StartAt": "S", "States": {"S": state}})
}

fn ok(e: &Execution) -> &Value {
    assert_eq!(e.status, Status::Succeeded, "{:?}", e.error);
    e.output.as_ref().unwrap()
}

fn failed(e: &Execution) -> (&str, &str) {
    assert_eq!(e.status, Status::Failed, "output {:?}", e.output);
    let err = e.error.as_ref().unwrap();
    (err.error.as_str(), err.cause.as_str())
}

fn mocks(responses: Value, case: Value) -> Mocks {
    let text = json!({
        "StateMachines": {"m": {"TestCases": case}},
        "MockedResponses": responses,
    })
    .to_string();
    Mocks::parse(&text).expect("mock file")
}

fn top_path(e: &Execution) -> Vec<&str> {
    e.steps
        .iter()
        .filter(|s| s.depth == 0)
        .map(|s| s.state.as_str())
        .collect()
}

// ---------------------------------------------------------------- state types

// https://docs.aws.amazon.com/step-functions/latest/dg/state-pass.html
#[test]
fn pass_result_parameters_and_result_path() {
    let input = json!({"georefOf": "Home"});
    let e = exec(
        &one(
            json!({"Type": "Pass", "Result": {"x-datum": 0.381018, "y-datum": 622.2269926397355},
                    "ResultPath": "$.coords"}),
        ),
        input.clone(),
    );
    assert_eq!(
        ok(&e),
        &json!({"georefOf": "Home", "coords": {"x-datum": 0.381018, "y-datum": 622.2269926397355}})
    );
    let e = exec(
        &one(json!({"Type": "Pass", "Parameters": {"where.$": "$.georefOf", "fixed": 1}})),
        input.clone(),
    );
    assert_eq!(ok(&e), &json!({"where": "Home", "fixed": 1}));
    // Without Result or Parameters a Pass passes its input on.
    let e = exec(&one(json!({"Type": "Pass"})), input.clone());
    assert_eq!(ok(&e), &input);
}

#[test]
fn task_without_a_mock_returns_its_input_and_with_one_returns_or_throws() {
    let task = one(json!({"Type": "Task", "Resource": LAMBDA, "Parameters": {"n.$": "$.n"}}));
    let e = exec(&task, json!({"n": 5, "other": true}));
    assert_eq!(ok(&e), &json!({"n": 5}));

    let m = mocks(
        json!({"Ok": {"0": {"Return": {"answer": 42}}},
               "Boom": {"0": {"Throw": {"Error": "Lambda.Unknown", "Cause": "it broke"}}}}),
        json!({"Good": {"S": "Ok"}, "Bad": {"S": "Boom"}}),
    );
    let e = exec_full(&task, json!({"n": 5}), Some(&m), Some("Good"));
    assert_eq!(ok(&e), &json!({"answer": 42}));
    // No test case named: the first one.
    let e = exec_full(&task, json!({"n": 5}), Some(&m), None);
    assert_eq!(ok(&e), &json!({"answer": 42}));
    let e = exec_full(&task, json!({"n": 5}), Some(&m), Some("Bad"));
    assert_eq!(failed(&e), ("Lambda.Unknown", "it broke"));
}

/// A Choice with one rule: which state it went to ("Yes", "No" = Default).
fn choose(rule: Value, input: Value) -> String {
    let mut rule = rule;
    rule["Next"] = json!("Yes");
    let def = json!({"StartAt": "C", "States": {
        "C": {"Type": "Choice", "Choices": [rule], "Default": "No"},
        "Yes": {"Type": "Succeed"}, "No": {"Type": "Succeed"}}});
    let e = exec(&def, input);
    ok(&e);
    e.steps[1].state.clone()
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
#[test]
fn choice_comparison_operators() {
    let input = json!({
        "s": "b", "lo": "a", "hi": "c", "n": 5, "five": 5.0, "big": 9, "t": true, "f": false,
        "nul": null, "ts": "2026-01-01T00:00:00Z", "ts_same": "2026-01-01T01:00:00+01:00",
        "ts_later": "2026-06-01T00:00:00Z", "file": "log-2026.txt", "star": "a*b", "arr": [1]
    });
    let cases: Vec<(Value, bool)> = vec![
        (json!({"Variable": "$.s", "StringEquals": "b"}), true),
        (json!({"Variable": "$.s", "StringEquals": "B"}), false),
        (json!({"Variable": "$.s", "StringLessThan": "c"}), true),
        (json!({"Variable": "$.s", "StringLessThan": "b"}), false),
        (json!({"Variable": "$.s", "StringGreaterThan": "a"}), true),
        (
            json!({"Variable": "$.s", "StringLessThanEquals": "b"}),
            true,
        ),
        (
            json!({"Variable": "$.s", "StringGreaterThanEquals": "c"}),
            false,
        ),
        (json!({"Variable": "$.n", "StringEquals": "5"}), false),
        (
            json!({"Variable": "$.file", "StringMatches": "log-*.txt"}),
            true,
        ),
        (
            json!({"Variable": "$.file", "StringMatches": "*.csv"}),
            false,
        ),
        (json!({"Variable": "$.file", "StringMatches": "*"}), true),
        (
            json!({"Variable": "$.star", "StringMatches": "a\\*b"}),
            true,
        ),
        (
            json!({"Variable": "$.file", "StringMatches": "log-\\*.txt"}),
            false,
        ),
        (json!({"Variable": "$.n", "NumericEquals": 5}), true),
        (json!({"Variable": "$.five", "NumericEquals": 5}), true),
        (json!({"Variable": "$.n", "NumericLessThan": 5}), false),
        (json!({"Variable": "$.n", "NumericLessThanEquals": 5}), true),
        (json!({"Variable": "$.n", "NumericGreaterThan": 4.5}), true),
        (
            json!({"Variable": "$.n", "NumericGreaterThanEquals": 6}),
            false,
        ),
        (json!({"Variable": "$.s", "NumericEquals": 5}), false),
        (json!({"Variable": "$.t", "BooleanEquals": true}), true),
        (json!({"Variable": "$.f", "BooleanEquals": true}), false),
        (
            json!({"Variable": "$.ts", "TimestampEquals": "2026-01-01T01:00:00+01:00"}),
            true,
        ),
        (
            json!({"Variable": "$.ts", "TimestampLessThan": "2026-01-01T00:00:01Z"}),
            true,
        ),
        (
            json!({"Variable": "$.ts", "TimestampGreaterThan": "2025-12-31T23:59:59Z"}),
            true,
        ),
        (
            json!({"Variable": "$.ts", "TimestampLessThanEquals": "2026-01-01T00:00:00Z"}),
            true,
        ),
        (
            json!({"Variable": "$.ts", "TimestampGreaterThanEquals": "2026-01-02T00:00:00Z"}),
            false,
        ),
        (
            json!({"Variable": "$.s", "TimestampEquals": "2026-01-01T00:00:00Z"}),
            false,
        ),
        (json!({"Variable": "$.nul", "IsNull": true}), true),
        (json!({"Variable": "$.n", "IsNull": true}), false),
        (json!({"Variable": "$.missing", "IsPresent": false}), true),
        (json!({"Variable": "$.missing", "IsPresent": true}), false),
        (json!({"Variable": "$.nul", "IsPresent": true}), true),
        (json!({"Variable": "$.n", "IsNumeric": true}), true),
        (json!({"Variable": "$.s", "IsNumeric": false}), true),
        (json!({"Variable": "$.s", "IsString": true}), true),
        (json!({"Variable": "$.t", "IsBoolean": true}), true),
        (json!({"Variable": "$.ts", "IsTimestamp": true}), true),
        (json!({"Variable": "$.s", "IsTimestamp": true}), false),
        // …Path forms compare with another value of the input.
        (json!({"Variable": "$.s", "StringEqualsPath": "$.s"}), true),
        (
            json!({"Variable": "$.s", "StringLessThanPath": "$.hi"}),
            true,
        ),
        (
            json!({"Variable": "$.s", "StringGreaterThanPath": "$.lo"}),
            true,
        ),
        (
            json!({"Variable": "$.s", "StringLessThanEqualsPath": "$.lo"}),
            false,
        ),
        (
            json!({"Variable": "$.s", "StringGreaterThanEqualsPath": "$.s"}),
            true,
        ),
        (
            json!({"Variable": "$.n", "NumericEqualsPath": "$.five"}),
            true,
        ),
        (
            json!({"Variable": "$.n", "NumericLessThanPath": "$.big"}),
            true,
        ),
        (
            json!({"Variable": "$.n", "NumericGreaterThanPath": "$.big"}),
            false,
        ),
        (
            json!({"Variable": "$.n", "NumericLessThanEqualsPath": "$.five"}),
            true,
        ),
        (
            json!({"Variable": "$.big", "NumericGreaterThanEqualsPath": "$.n"}),
            true,
        ),
        (
            json!({"Variable": "$.t", "BooleanEqualsPath": "$.f"}),
            false,
        ),
        (
            json!({"Variable": "$.ts", "TimestampEqualsPath": "$.ts_same"}),
            true,
        ),
        (
            json!({"Variable": "$.ts", "TimestampLessThanPath": "$.ts_later"}),
            true,
        ),
        (
            json!({"Variable": "$.ts", "TimestampGreaterThanPath": "$.ts_later"}),
            false,
        ),
        (
            json!({"Variable": "$.ts", "TimestampLessThanEqualsPath": "$.ts_same"}),
            true,
        ),
        (
            json!({"Variable": "$.ts_later", "TimestampGreaterThanEqualsPath": "$.ts"}),
            true,
        ),
        // And / Or / Not.
        (
            json!({"And": [{"Variable": "$.n", "NumericGreaterThan": 1},
                           {"Variable": "$.s", "StringEquals": "b"}]}),
            true,
        ),
        (
            json!({"And": [{"Variable": "$.n", "NumericGreaterThan": 1},
                           {"Variable": "$.s", "StringEquals": "x"}]}),
            false,
        ),
        (
            json!({"Or": [{"Variable": "$.n", "NumericGreaterThan": 100},
                          {"Variable": "$.s", "StringEquals": "b"}]}),
            true,
        ),
        (
            json!({"Not": {"Variable": "$.s", "StringEquals": "b"}}),
            false,
        ),
        (
            json!({"Not": {"And": [{"Variable": "$.missing", "IsPresent": true},
                                   {"Variable": "$.missing", "IsNull": false}]}}),
            true,
        ),
    ];
    let mut wrong = Vec::new();
    for (rule, want) in cases {
        let got = choose(rule.clone(), input.clone());
        if (got == "Yes") != want {
            wrong.push(format!("{rule}: want {want}, went to {got}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn choice_default_no_match_and_a_missing_variable() {
    let def = json!({"StartAt": "C", "States": {
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "One"}]},
        "One": {"Type": "Succeed"}}});
    let e = exec(&def, json!({"n": 2}));
    assert_eq!(failed(&e).0, "States.NoChoiceMatched");
    // A Variable that is not in the input is States.Runtime.
    let e = exec(&def, json!({}));
    assert_eq!(failed(&e).0, "States.Runtime");
    let e = exec(&def, json!({"n": 1}));
    ok(&e);
    assert_eq!(top_path(&e), ["C", "One"]);
    assert_eq!(e.steps[0].via, Some(sim::Via::Rule(1)));
    let via = e.steps[0].via.as_ref().expect("a rule matched");
    assert_eq!(via.phrase(aws_study::lang::Lang::En), "via rule 1");
    assert_eq!(via.phrase(aws_study::lang::Lang::PtBr), "pela regra 1");
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html
#[test]
fn wait_is_computed_never_slept() {
    let t = Instant::now();
    let e = exec(
        &one(json!({"Type": "Wait", "Seconds": 99_999_999})),
        json!({}),
    );
    ok(&e);
    assert_eq!(e.elapsed_seconds, 99_999_999.0);
    assert_eq!(e.steps[0].wait_seconds, Some(99_999_999.0));
    let e = exec(
        &one(json!({"Type": "Wait", "SecondsPath": "$.delay"})),
        json!({"delay": 30}),
    );
    assert_eq!(ok(&e), &json!({"delay": 30}));
    assert_eq!(e.elapsed_seconds, 30.0);
    // The simulated clock starts at 2026-01-01T00:00:00Z.
    let e = exec(
        &one(json!({"Type": "Wait", "Timestamp": "2026-01-01T00:10:00Z"})),
        json!({}),
    );
    ok(&e);
    assert_eq!(e.elapsed_seconds, 600.0);
    let e = exec(
        &one(json!({"Type": "Wait", "TimestampPath": "$.until"})),
        json!({"until": "2026-01-01T01:00:00+01:00"}),
    );
    ok(&e);
    assert_eq!(e.elapsed_seconds, 0.0, "a timestamp in the past waits 0 s");
    // Two waits add up.
    let def = json!({"StartAt": "A", "States": {
        "A": {"Type": "Wait", "Seconds": 5, "Next": "B"},
        "B": {"Type": "Wait", "Timestamp": "2026-01-01T00:01:00Z", "End": true}}});
    let e = exec(&def, json!({}));
    ok(&e);
    assert_eq!(e.elapsed_seconds, 60.0);
    assert!(t.elapsed() < Duration::from_secs(2));
    // SecondsPath pointing to a string is States.Runtime.
    let e = exec(
        &one(json!({"Type": "Wait", "SecondsPath": "$.delay"})),
        json!({"delay": "soon"}),
    );
    assert_eq!(failed(&e).0, "States.Runtime");
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-succeed.html
// https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html
#[test]
fn succeed_and_fail() {
    let e = exec(
        &one(json!({"Type": "Succeed", "InputPath": "$.a", "OutputPath": "$.b"})),
        json!({"a": {"b": 3}}),
    );
    assert_eq!(ok(&e), &json!(3));
    let e = exec(
        &one(json!({"Type": "Fail", "Error": "ErrorA", "Cause": "Kaiju attack"})),
        json!({}),
    );
    assert_eq!(failed(&e), ("ErrorA", "Kaiju attack"));
    let e = exec(
        &one(json!({"Type": "Fail", "ErrorPath": "$.err", "CausePath": "$.why"})),
        json!({"err": "CustomError", "why": "the input said so"}),
    );
    assert_eq!(failed(&e), ("CustomError", "the input said so"));
    let e = exec(
        &one(json!({"Type": "Fail", "ErrorPath": "$.err",
                    "CausePath": "States.Format('code {}', $.code)"})),
        json!({"err": "E", "code": 7}),
    );
    assert_eq!(failed(&e), ("E", "code 7"));
    // A Fail state with nothing set.
    let e = exec(&one(json!({"Type": "Fail"})), json!({}));
    assert_eq!(e.status, Status::Failed);
    assert!(e.events.iter().any(|ev| ev.kind == "FailStateEntered"));
    assert_eq!(e.events.last().unwrap().kind, "ExecutionFailed");
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html
#[test]
fn parallel_output_order_failure_and_catch() {
    let branch = |name: &str, result: Value| json!({"StartAt": name, "States": {name: {"Type": "Pass", "Result": result, "End": true}}});
    let def = one(json!({"Type": "Parallel", "Branches": [
        branch("First", json!(1)), branch("Second", json!({"two": 2})), branch("Third", json!("3"))]}));
    let e = exec(&def, json!({"in": true}));
    assert_eq!(ok(&e), &json!([1, {"two": 2}, "3"]));
    let kinds: Vec<&str> = e.events.iter().map(|e| e.kind.as_str()).collect();
    assert!(kinds.contains(&"ParallelStateStarted"), "{kinds:?}");
    assert!(kinds.contains(&"ParallelStateSucceeded"), "{kinds:?}");
    let nested: Vec<_> = e
        .steps
        .iter()
        .filter(|s| s.depth == 1)
        .map(|s| &s.state)
        .collect();
    assert_eq!(nested, ["First", "Second", "Third"]);

    let failing = json!({"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Branch.Broke", "Cause": "b2"}}});
    let def =
        one(json!({"Type": "Parallel", "Branches": [branch("A", json!(1)), failing.clone()]}));
    let e = exec(&def, json!({}));
    assert_eq!(failed(&e), ("Branch.Broke", "b2"));
    assert!(e.events.iter().any(|ev| ev.kind == "ParallelStateFailed"));

    let def = json!({"StartAt": "P", "States": {
        "P": {"Type": "Parallel", "Branches": [branch("A", json!(1)), failing],
              "Catch": [{"ErrorEquals": ["Branch.Broke"], "ResultPath": "$.err", "Next": "Recover"}],
              "End": true},
        "Recover": {"Type": "Pass", "End": true}}});
    let e = exec(&def, json!({"keep": 1}));
    assert_eq!(
        ok(&e),
        &json!({"keep": 1, "err": {"Error": "Branch.Broke", "Cause": "b2"}})
    );
    assert_eq!(top_path(&e), ["P", "Recover"]);
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemselector.html
#[test]
fn map_items_path_item_selector_and_context() {
    let proc = json!({"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}});
    let def = one(json!({"Type": "Map", "ItemsPath": "$.detail.shipped",
        "ItemSelector": {"ContextIndex.$": "$$.Map.Item.Index", "ContextValue.$": "$$.Map.Item.Value",
                         "delivery.$": "$.delivery-partner"},
        "ItemProcessor": proc.clone(), "ResultPath": "$.detail.out"}));
    let input = json!({"delivery-partner": "UQS", "detail": {"shipped": [
        {"prod": "R31", "dest-code": 9511, "quantity": 1344},
        {"prod": "S39", "dest-code": 9511, "quantity": 40}]}});
    let e = exec(&def, input.clone());
    let out = ok(&e);
    assert_eq!(
        out["detail"]["out"],
        json!([
            {"ContextIndex": 0, "ContextValue": {"prod": "R31", "dest-code": 9511, "quantity": 1344}, "delivery": "UQS"},
            {"ContextIndex": 1, "ContextValue": {"prod": "S39", "dest-code": 9511, "quantity": 40}, "delivery": "UQS"}
        ])
    );
    assert_eq!(out["delivery-partner"], json!("UQS"));
    let kinds: Vec<&str> = e.events.iter().map(|e| e.kind.as_str()).collect();
    for k in [
        "MapStateStarted",
        "MapIterationStarted",
        "MapIterationSucceeded",
        "MapStateSucceeded",
    ] {
        assert!(kinds.contains(&k), "{k} missing in {kinds:?}");
    }
    // transitions: Map + 2 × Echo
    assert_eq!(e.transitions, 3);

    // The older Iterator / Parameters forms.
    let def = one(json!({"Type": "Map", "ItemsPath": "$.items",
        "Parameters": {"i.$": "$$.Map.Item.Index", "v.$": "$$.Map.Item.Value"},
        "Iterator": proc.clone()}));
    let e = exec(&def, json!({"items": ["a", "b"]}));
    assert_eq!(ok(&e), &json!([{"i": 0, "v": "a"}, {"i": 1, "v": "b"}]));

    // Without ItemsPath the input itself must be the array.
    let def = one(json!({"Type": "Map", "ItemProcessor": proc.clone()}));
    let e = exec(&def, json!([1, 2, 3]));
    assert_eq!(ok(&e), &json!([1, 2, 3]));
    let e = exec(&def, json!({"not": "an array"}));
    assert_eq!(failed(&e).0, "States.Runtime");
}

// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html
#[test]
fn map_item_batcher() {
    let proc = json!({"StartAt": "Echo", "States": {"Echo": {"Type": "Pass", "End": true}}});
    let def = one(json!({"Type": "Map", "ItemsPath": "$.items",
        "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"factor.$": "$.factor"}},
        "ItemProcessor": proc}));
    let e = exec(&def, json!({"items": [1, 2, 3, 4, 5], "factor": 10}));
    assert_eq!(
        ok(&e),
        &json!([
            {"BatchInput": {"factor": 10}, "Items": [1, 2]},
            {"BatchInput": {"factor": 10}, "Items": [3, 4]},
            {"BatchInput": {"factor": 10}, "Items": [5]}
        ])
    );
    // ItemSelector shapes each item before batching (ItemsPath → ItemSelector →
    // ItemBatcher), with `$$.Map.Item` of that item.
    let def = one(json!({"Type": "Map", "ItemsPath": "$.items",
        "ItemSelector": {"v.$": "$$.Map.Item.Value", "i.$": "$$.Map.Item.Index"},
        "ItemBatcher": {"MaxItemsPerBatch": 2},
        "ItemProcessor": proc}));
    let e = exec(&def, json!({"items": ["a", "b", "c"]}));
    assert_eq!(
        ok(&e),
        &json!([
            {"Items": [{"v": "a", "i": 0}, {"v": "b", "i": 1}]},
            {"Items": [{"v": "c", "i": 2}]}
        ])
    );
}

#[test]
fn map_tolerated_failures() {
    let proc = json!({"StartAt": "Check", "States": {
        "Check": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericGreaterThan": 2, "Next": "Bad"}], "Default": "Good"},
        "Bad": {"Type": "Fail", "Error": "TooBig", "Cause": "item > 2"},
        "Good": {"Type": "Succeed"}}});
    let def = |tolerated: u64| {
        one(
            json!({"Type": "Map", "ItemProcessor": proc.clone(), "ToleratedFailureCount": tolerated}),
        )
    };
    let e = exec(&def(2), json!([1, 2, 3, 4]));
    let out = ok(&e);
    assert_eq!(out[0], json!(1));
    assert_eq!(out[1], json!(2));
    assert_eq!(out.as_array().unwrap().len(), 4);
    let e = exec(&def(1), json!([1, 2, 3, 4]));
    assert_eq!(failed(&e).0, "States.ExceedToleratedFailureThreshold");
    assert!(e.events.iter().any(|ev| ev.kind == "MapIterationFailed"));
    assert!(e.events.iter().any(|ev| ev.kind == "MapStateFailed"));
    // Without tolerance, the item's own error fails the Map.
    let def = one(json!({"Type": "Map", "ItemProcessor": proc}));
    let e = exec(&def, json!([1, 2, 3]));
    assert_eq!(failed(&e), ("TooBig", "item > 2"));
}

// ---------------------------------------------------------------- stages

// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html
// (the InputPath, Parameters and ResultSelector examples; ResultPath and OutputPath as on
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html and
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-example.html)
#[test]
fn stages_record_every_value_for_the_guides_example() {
    let def = json!({"StartAt": "CreateCluster", "States": {"CreateCluster": {
        "Type": "Task", "Resource": "arn:aws:states:::elasticmapreduce:createCluster.sync",
        "InputPath": "$.request",
        "Parameters": {"comment": "Selecting what I care about.",
            "MyDetails": {"size.$": "$.product.details.size", "exists.$": "$.product.availability",
                          "StaticValue": "foo"}},
        "ResultSelector": {"ClusterId.$": "$.output.ClusterId", "ResourceType.$": "$.resourceType"},
        "ResultPath": "$.EMROutput",
        "OutputPath": "$.EMROutput",
        "End": true}}});
    let request = json!({"comment": "Example for Parameters.", "product": {
        "details": {"color": "blue", "size": "small", "material": "cotton"},
        "availability": "in stock", "sku": "2317", "cost": "$23"}});
    let input = json!({"request": request});
    let emr = json!({"resourceType": "elasticmapreduce", "resource": "createCluster.sync",
        "output": {"SdkHttpMetadata": {"HttpStatusCode": 200},
                   "SdkResponseMetadata": {"RequestId": "1234-5678-9012"},
                   "ClusterId": "AKIAIOSFODNN7EXAMPLE"}});
    let m = Mocks::parse(
        &json!({"StateMachines": {"m": {"TestCases": {"T": {"CreateCluster": "Emr"}}}},
                "MockedResponses": {"Emr": {"0": {"Return": emr.clone()}}}})
        .to_string(),
    )
    .unwrap();
    let e = exec_full(&def, input.clone(), Some(&m), None);
    let selected = json!({"ClusterId": "AKIAIOSFODNN7EXAMPLE", "ResourceType": "elasticmapreduce"});
    let mut after_rp = input.clone();
    after_rp["EMROutput"] = selected.clone();
    assert_eq!(
        e.steps[0].stages,
        Stages {
            input: Some(Recorded::new(&input)),
            after_input_path: Some(Recorded::new(&request)),
            after_parameters: Some(Recorded::new(
                &json!({"comment": "Selecting what I care about.",
                "MyDetails": {"size": "small", "exists": "in stock", "StaticValue": "foo"}})
            )),
            result: Some(Recorded::new(&emr)),
            after_result_selector: Some(Recorded::new(&selected)),
            after_result_path: Some(Recorded::new(&after_rp)),
            output: Some(Recorded::new(&selected)),
        }
    );
    assert_eq!(ok(&e), &selected);
    // STAGE_NAMES follow TestState's names, in order.
    assert_eq!(
        sim::STAGE_NAMES,
        [
            "input",
            "afterInputPath",
            "afterParameters",
            "result",
            "afterResultSelector",
            "afterResultPath",
            "output"
        ]
    );
}

// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultpath.html
#[test]
fn result_path_forms() {
    let input =
        json!({"comment": "This is a test", "details": "Default example", "who": "Step Functions"});
    let hello = json!("Hello, Step Functions!");
    let run = |rp: Option<Value>| {
        let mut st = json!({"Type": "Pass", "Result": hello.clone()});
        if let Some(rp) = rp {
            st["ResultPath"] = rp;
        }
        exec(&one(st), input.clone())
    };
    assert_eq!(ok(&run(None)), &hello);
    assert_eq!(ok(&run(Some(json!("$")))), &hello);
    assert_eq!(ok(&run(Some(Value::Null))), &input);
    let mut with = input.clone();
    with["taskresult"] = hello.clone();
    assert_eq!(ok(&run(Some(json!("$.taskresult")))), &with);
    // Nested members are created on the way.
    let e = run(Some(json!("$.a.b")));
    assert_eq!(ok(&e)["a"], json!({"b": "Hello, Step Functions!"}));
    // Writing into something that is not an object is States.Runtime.
    let e = exec(
        &one(json!({"Type": "Pass", "Result": 1, "ResultPath": "$.x"})),
        json!("a string input"),
    );
    assert_eq!(failed(&e).0, "States.Runtime");
    let e = exec(
        &one(json!({"Type": "Pass", "Result": 1, "ResultPath": "$.who.x"})),
        input.clone(),
    );
    assert_eq!(failed(&e).0, "States.Runtime");
}

// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-inputpath-params.html
// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-outputpath.html
#[test]
fn input_path_and_output_path() {
    let input = json!({"comment": "Example for InputPath.",
        "dataset1": {"val1": 1, "val2": 2, "val3": 3},
        "dataset2": {"val1": "a", "val2": "b", "val3": "c"}});
    let e = exec(
        &one(json!({"Type": "Pass", "InputPath": "$.dataset2"})),
        input.clone(),
    );
    assert_eq!(ok(&e), &json!({"val1": "a", "val2": "b", "val3": "c"}));
    let e = exec(
        &one(json!({"Type": "Pass", "InputPath": "$.a[0:2]"})),
        json!({"a": [1, 2, 3, 4]}),
    );
    assert_eq!(ok(&e), &json!([1, 2]));
    // null: the state sees {} and outputs {}.
    let e = exec(
        &one(json!({"Type": "Pass", "InputPath": null})),
        input.clone(),
    );
    assert_eq!(ok(&e), &json!({}));
    assert_eq!(e.steps[0].stages.get(1), Some(&json!({})));
    let e = exec(
        &one(json!({"Type": "Pass", "OutputPath": null})),
        input.clone(),
    );
    assert_eq!(ok(&e), &json!({}));
    let e = exec(
        &one(json!({"Type": "Pass", "OutputPath": "$.dataset1.val2"})),
        input.clone(),
    );
    assert_eq!(ok(&e), &json!(2));
}

#[test]
fn parameters_with_paths_and_the_context_object() {
    let def = one(json!({"Type": "Pass", "Parameters": {
        "static": "x", "fromInput.$": "$.a.b", "list": [{"in.$": "$.a"}],
        "machine.$": "$$.StateMachine.Name", "state.$": "$$.State.Name",
        "start.$": "$$.Execution.StartTime", "execInput.$": "$$.Execution.Input"}}));
    let e = exec(&def, json!({"a": {"b": 1}}));
    let out = ok(&e);
    assert_eq!(out["static"], json!("x"));
    assert_eq!(out["fromInput"], json!(1));
    assert_eq!(out["list"], json!([{"in": {"b": 1}}]));
    assert_eq!(out["machine"], json!("m"));
    assert_eq!(out["state"], json!("S"));
    assert_eq!(out["start"], json!("2026-01-01T00:00:00.000Z"));
    assert_eq!(out["execInput"], json!({"a": {"b": 1}}));
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
#[test]
fn a_path_that_matches_nothing_is_states_runtime_and_is_not_caught() {
    for st in [
        json!({"Type": "Pass", "InputPath": "$.nope"}),
        json!({"Type": "Pass", "OutputPath": "$.nope"}),
        json!({"Type": "Pass", "Parameters": {"x.$": "$.nope"}}),
        json!({"Type": "Task", "Resource": LAMBDA, "ResultSelector": {"x.$": "$.nope"}}),
    ] {
        let e = exec(&one(st.clone()), json!({"a": 1}));
        assert_eq!(failed(&e).0, "States.Runtime", "{st}");
    }
    let def = json!({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": LAMBDA, "InputPath": "$.nope",
              "Retry": [{"ErrorEquals": ["States.ALL"]}],
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
        "Caught": {"Type": "Succeed"}}});
    let e = exec(&def, json!({"a": 1}));
    assert_eq!(failed(&e).0, "States.Runtime");
    assert_eq!(top_path(&e), ["T"]);
    assert!(e.steps[0].retries.is_empty());
    // Not even when the retrier or catcher names it.
    let def = json!({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": LAMBDA,
              "Retry": [{"ErrorEquals": ["States.Runtime"]}],
              "Catch": [{"ErrorEquals": ["States.Runtime"], "Next": "Caught"}], "End": true},
        "Caught": {"Type": "Succeed"}}});
    let e = exec_full(
        &def,
        json!({"a": 1}),
        Some(&throws("States.Runtime", 9)),
        None,
    );
    assert_eq!(failed(&e).0, "States.Runtime");
    assert!(e.steps[0].retries.is_empty(), "{:?}", delays(&e.steps[0]));
}

// ---------------------------------------------------------------- intrinsic functions

// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
#[test]
fn every_intrinsic_function_through_a_pass_state() {
    let input = json!({
        "name": "Arnav", "n": 111, "csv": "1,2,3,4,5",
        "inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9], "dup": [1, 2, 3, 3, 3, 3, 3, 3, 4],
        "json1": {"a": {"a1": 1, "a2": 2}, "b": 2}, "json2": {"a": {"a3": 1, "a4": 2}, "c": 3},
        "escapedJsonString": "{\"foo\": \"bar\"}", "unescapedJson": {"foo": "bar"},
        "lookingFor": 5
    });
    let def = one(json!({"Type": "Pass", "Parameters": {
        "range.$": "States.ArrayRange(1, 9, 2)",
        "format.$": "States.Format('Hello, my name is {}.', $.name)",
        "add.$": "States.MathAdd($.n, -1)",
        "split.$": "States.StringSplit($.csv, ',')",
        "hash.$": "States.Hash('input data', 'SHA-1')",
        "b64.$": "States.Base64Encode('Data to encode')",
        "unb64.$": "States.Base64Decode('RGF0YSB0byBlbmNvZGU=')",
        "merged.$": "States.JsonMerge($.json1, $.json2, false)",
        "parts.$": "States.ArrayPartition($.inputArray, 4)",
        "contains.$": "States.ArrayContains($.inputArray, $.lookingFor)",
        "item.$": "States.ArrayGetItem($.inputArray, 5)",
        "length.$": "States.ArrayLength($.inputArray)",
        "unique.$": "States.ArrayUnique($.dup)",
        "parsed.$": "States.StringToJson($.escapedJsonString)",
        "text.$": "States.JsonToString($.unescapedJson)",
        "array.$": "States.Array('Foo', 2020, $.name)",
        "random.$": "States.MathRandom(1, 999, 1234)",
        "uuid.$": "States.UUID()"
    }}));
    let e = exec(&def, input.clone());
    let out = ok(&e);
    assert_eq!(out["range"], json!([1, 3, 5, 7, 9]));
    assert_eq!(out["format"], json!("Hello, my name is Arnav."));
    assert_eq!(out["add"], json!(110));
    assert_eq!(out["split"], json!(["1", "2", "3", "4", "5"]));
    assert_eq!(
        out["hash"],
        json!("aaff4a450a104cd177d28d18d74485e8cae074b7")
    );
    assert_eq!(out["b64"], json!("RGF0YSB0byBlbmNvZGU="));
    assert_eq!(out["unb64"], json!("Data to encode"));
    assert_eq!(
        out["merged"],
        json!({"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3})
    );
    assert_eq!(out["parts"], json!([[1, 2, 3, 4], [5, 6, 7, 8], [9]]));
    assert_eq!(out["contains"], json!(true));
    assert_eq!(out["item"], json!(6));
    assert_eq!(out["length"], json!(9));
    assert_eq!(out["unique"], json!([1, 2, 3, 4]));
    assert_eq!(out["parsed"], json!({"foo": "bar"}));
    assert_eq!(out["text"], json!("{\"foo\":\"bar\"}"));
    assert_eq!(out["array"], json!(["Foo", 2020, "Arnav"]));
    let r = out["random"].as_i64().expect("an integer");
    assert!((1..999).contains(&r), "{r}");
    let uuid = out["uuid"].as_str().unwrap();
    let groups: Vec<&str> = uuid.split('-').collect();
    assert_eq!(
        groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
        [8, 4, 4, 4, 12],
        "{uuid}"
    );
    assert!(
        uuid.chars().all(|c| c == '-' || c.is_ascii_hexdigit()),
        "{uuid}"
    );
    assert!(groups[2].starts_with('4'), "version 4: {uuid}");
    assert!("89ab".contains(&groups[3][..1]), "RFC 4122 variant: {uuid}");

    // MathRandom with a seed argument is reproducible, whatever the simulator seed.
    let again = sim::run(&def, input.clone(), &opts(None, None, 99)).unwrap();
    assert_eq!(again.output.as_ref().unwrap()["random"], out["random"]);
    // An intrinsic failure is States.IntrinsicFailure (catchable, unlike Runtime).
    let e = exec(
        &one(
            json!({"Type": "Pass", "Parameters": {"x.$": "States.ArrayGetItem($.inputArray, 99)"}}),
        ),
        input,
    );
    assert_eq!(failed(&e).0, "States.IntrinsicFailure");
}

// ---------------------------------------------------------------- Retry and Catch

/// A Task `T` (mocked with `responses` for invocations) with `retry`, then `Done`.
fn retry_machine(retry: Value, catch: Option<Value>) -> Value {
    let mut t = json!({"Type": "Task", "Resource": LAMBDA, "Retry": retry, "Next": "Done"});
    if let Some(c) = catch {
        t["Catch"] = c;
    }
    json!({"StartAt": "T", "States": {"T": t, "Done": {"Type": "Pass", "End": true},
        "Handled": {"Type": "Pass", "End": true}}})
}

fn throws(error: &str, times: usize) -> Mocks {
    mocks(
        json!({"R": {
            format!("0-{}", times - 1): {"Throw": {"Error": error, "Cause": "mocked"}},
            format!("{times}-99"): {"Return": {"ok": true}}}}),
        json!({"Case": {"T": "R"}}),
    )
}

fn catch_all() -> Option<Value> {
    Some(json!([{"ErrorEquals": ["States.ALL"], "Next": "Handled"}]))
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
#[test]
fn retry_backoff_delays_and_transitions() {
    let def = retry_machine(
        json!([{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "BackoffRate": 2, "MaxAttempts": 3}]),
        catch_all(),
    );
    // Fails four times: three retries (2, 4, 8 s), then the catcher.
    let m = throws("Lambda.Unknown", 4);
    let e = exec_full(&def, json!({}), Some(&m), None);
    ok(&e);
    assert_eq!(delays(&e.steps[0]), [2.0, 4.0, 8.0]);
    assert_eq!(top_path(&e), ["T", "Handled"]);
    assert_eq!(e.elapsed_seconds, 14.0);
    // States entered (T, Handled) + 3 retry attempts.
    assert_eq!(e.transitions, 5);
    assert_eq!(
        e.events
            .iter()
            .filter(|ev| ev.kind == "TaskScheduled")
            .count(),
        4
    );
    assert_eq!(
        e.events.iter().filter(|ev| ev.kind == "TaskFailed").count(),
        4
    );
    // Fails twice, succeeds on the third attempt.
    let m = throws("Lambda.Unknown", 2);
    let e = exec_full(&def, json!({}), Some(&m), None);
    assert_eq!(ok(&e), &json!({"ok": true}));
    assert_eq!(delays(&e.steps[0]), [2.0, 4.0]);
    assert_eq!(top_path(&e), ["T", "Done"]);
    assert_eq!(e.transitions, 4);
    assert!(e.events.iter().any(|ev| ev.kind == "TaskSucceeded"));

    // Each attempt re-applies Parameters, so the payload sees RetryCount 0, 1, 2.
    let mut def = retry_machine(
        json!([{"ErrorEquals": ["States.ALL"], "MaxAttempts": 3}]),
        catch_all(),
    );
    def["States"]["T"]["Parameters"] = json!({"attempt.$": "$$.State.RetryCount"});
    let e = exec_full(&def, json!({}), Some(&throws("Lambda.Unknown", 2)), None);
    let sent: Vec<Value> = e
        .events
        .iter()
        .filter(|ev| ev.kind == "TaskScheduled")
        .filter_map(|ev| ev.input.as_deref().map(|v| v.value()["attempt"].clone()))
        .collect();
    assert_eq!(sent, [json!(0), json!(1), json!(2)]);

    // Defaults: IntervalSeconds 1, BackoffRate 2, MaxAttempts 3.
    let def = retry_machine(json!([{"ErrorEquals": ["States.ALL"]}]), catch_all());
    let e = exec_full(&def, json!({}), Some(&throws("X", 9)), None);
    assert_eq!(delays(&e.steps[0]), [1.0, 2.0, 4.0]);
}

#[test]
fn retry_max_delay_and_jitter() {
    let def = retry_machine(
        json!([{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "BackoffRate": 3,
                "MaxAttempts": 4, "MaxDelaySeconds": 10}]),
        catch_all(),
    );
    let e = exec_full(&def, json!({}), Some(&throws("X", 9)), None);
    assert_eq!(delays(&e.steps[0]), [2.0, 6.0, 10.0, 10.0]);

    let def = retry_machine(
        json!([{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "BackoffRate": 2,
                "MaxAttempts": 5, "JitterStrategy": "FULL"}]),
        catch_all(),
    );
    let m = throws("X", 9);
    let run = |seed| sim::run(&def, json!({}), &opts(Some(&m), None, seed)).unwrap();
    let a = run(11);
    let b = run(11);
    assert_eq!(
        delays(&a.steps[0]),
        delays(&b.steps[0]),
        "same seed, same jitter"
    );
    assert_eq!(a.steps[0].retries.len(), 5);
    for (i, d) in delays(&a.steps[0]).iter().enumerate() {
        let cap = 2.0 * 2f64.powi(i as i32);
        assert!((0.0..=cap).contains(d), "retry {i}: {d} > {cap}");
    }
    let c = run(12);
    assert_ne!(
        delays(&a.steps[0]),
        delays(&c.steps[0]),
        "another seed, other jitter"
    );
}

#[test]
fn max_attempts_zero_and_retriers_in_order() {
    let def = retry_machine(
        json!([{"ErrorEquals": ["Special"], "MaxAttempts": 0},
               {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 5, "MaxAttempts": 1}]),
        catch_all(),
    );
    // "Special" matches the first retrier, which never retries; the second is not used.
    let e = exec_full(&def, json!({}), Some(&throws("Special", 1)), None);
    assert!(e.steps[0].retries.is_empty(), "{:?}", delays(&e.steps[0]));
    assert_eq!(top_path(&e), ["T", "Handled"]);
    assert_eq!(e.transitions, 2);
    // Another error goes to the second retrier.
    let e = exec_full(&def, json!({}), Some(&throws("Other", 1)), None);
    assert_eq!(delays(&e.steps[0]), [5.0]);
    assert_eq!(top_path(&e), ["T", "Done"]);
}

#[test]
fn catch_matching_result_path_and_next() {
    let def = json!({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": LAMBDA, "End": true, "Catch": [
            {"ErrorEquals": ["Custom.A", "Custom.B"], "ResultPath": "$.error", "Next": "OnAB"},
            {"ErrorEquals": ["States.TaskFailed"], "Next": "OnTaskFailed"},
            {"ErrorEquals": ["States.ALL"], "ResultPath": null, "Next": "OnAll"}]},
        "OnAB": {"Type": "Pass", "End": true},
        "OnTaskFailed": {"Type": "Pass", "End": true},
        "OnAll": {"Type": "Pass", "End": true}}});
    let input = json!({"order": 7});
    let e = exec_full(&def, input.clone(), Some(&throws("Custom.B", 1)), None);
    assert_eq!(top_path(&e), ["T", "OnAB"]);
    assert_eq!(
        ok(&e),
        &json!({"order": 7, "error": {"Error": "Custom.B", "Cause": "mocked"}})
    );
    assert_eq!(e.steps[0].next.as_deref(), Some("OnAB"));
    assert_eq!(e.steps[0].error.as_ref().unwrap().error, "Custom.B");
    // States.TaskFailed matches any error but States.Timeout; without ResultPath the
    // error output replaces the input.
    let e = exec_full(
        &def,
        input.clone(),
        Some(&throws("Lambda.Unknown", 1)),
        None,
    );
    assert_eq!(top_path(&e), ["T", "OnTaskFailed"]);
    assert_eq!(
        ok(&e),
        &json!({"Error": "Lambda.Unknown", "Cause": "mocked"})
    );
    let e = exec_full(
        &def,
        input.clone(),
        Some(&throws("States.Timeout", 1)),
        None,
    );
    assert_eq!(top_path(&e), ["T", "OnAll"]);
    assert_eq!(ok(&e), &input, "ResultPath null keeps the input");
    // No catcher matches: the execution fails with the error.
    let def2 = json!({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": LAMBDA, "End": true, "Catch": [
            {"ErrorEquals": ["Custom.A"], "Next": "OnA"}]},
        "OnA": {"Type": "Pass", "End": true}}});
    let e = exec_full(&def2, input, Some(&throws("Custom.Z", 1)), None);
    assert_eq!(failed(&e), ("Custom.Z", "mocked"));
}

// ---------------------------------------------------------------- mocks

// https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-mock-cfg-file.html
#[test]
fn mock_invocation_ranges_and_a_missing_entry() {
    let def = json!({"StartAt": "Init", "States": {
        "Init": {"Type": "Pass", "Result": 0, "ResultPath": "$.i", "Next": "Call"},
        "Call": {"Type": "Task", "Resource": LAMBDA, "ResultPath": "$.r", "Next": "More"},
        "More": {"Type": "Choice", "Choices": [{"Variable": "$.r.last", "BooleanEquals": true, "Next": "Done"}],
                 "Default": "Call"},
        "Done": {"Type": "Succeed"}}});
    let m = |responses: Value| mocks(responses, json!({"Loop": {"Call": "R"}}));
    let three = m(json!({"R": {
        "0": {"Return": {"n": 0, "last": false}},
        "1-2": {"Return": {"n": 12, "last": false}},
        "3": {"Return": {"n": 3, "last": true}}}}));
    let e = exec_full(&def, json!({}), Some(&three), None);
    assert_eq!(ok(&e)["r"], json!({"n": 3, "last": true}));
    let calls: Vec<Value> = e
        .steps
        .iter()
        .filter(|s| s.state == "Call")
        .map(|s| s.stages.get(3).unwrap()["n"].clone())
        .collect();
    assert_eq!(calls, [json!(0), json!(12), json!(12), json!(3)]);

    // Invocation 1 has no entry: the mock file is at fault, not the machine; the
    // run stops with a message naming the state, the response and the invocation.
    let short = m(json!({"R": {"0": {"Return": {"last": false}}}}));
    match sim::run(&def, json!({}), &opts(Some(&short), None, 7)) {
        Err(sim::Abort::Mock(msg)) => assert!(
            msg.contains("invocation 1") && msg.contains("\"R\"") && msg.contains("\"Call\""),
            "{msg}"
        ),
        other => panic!("expected a mock error, got {other:?}"),
    }
}

#[test]
fn the_test_case_picks_the_responses() {
    let def = one(json!({"Type": "Task", "Resource": LAMBDA}));
    let m = mocks(
        json!({"A": {"0": {"Return": "from A"}}, "B": {"0": {"Return": "from B"}}}),
        json!({"First": {"S": "A"}, "Second": {"S": "B"}, "Unmocked": {}}),
    );
    assert_eq!(m.cases("m"), ["First", "Second", "Unmocked"]);
    assert_eq!(
        ok(&exec_full(&def, json!(1), Some(&m), None)),
        &json!("from A")
    );
    assert_eq!(
        ok(&exec_full(&def, json!(1), Some(&m), Some("Second"))),
        &json!("from B")
    );
    assert_eq!(
        ok(&exec_full(&def, json!(1), Some(&m), Some("Unmocked"))),
        &json!(1)
    );
}

// ---------------------------------------------------------------- limits and events

#[test]
fn max_transitions_stops_an_endless_loop() {
    let def = json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "C"},
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "Done"}], "Default": "A"},
        "Done": {"Type": "Succeed"}}});
    let mut o = opts(None, None, 7);
    o.max_transitions = 50;
    let t = Instant::now();
    assert_eq!(sim::run(&def, json!({}), &o), Err(Abort::Limit(50)));
    // The Lab's variant keeps the 50 steps taken, to step through them.
    let kept = sim::run_keeping_steps(&def, json!({}), &o).expect("kept");
    assert_eq!(kept.limit_reached, Some(50));
    assert_eq!((kept.steps.len(), kept.transitions), (50, 50));
    assert_eq!(kept.status, Status::Failed);
    assert!(t.elapsed() < Duration::from_secs(1));
    let e = sim::run(&def, json!({"stop": 1}), &o).unwrap();
    assert_eq!(e.transitions, 3);
}

// JSONata and workflow variables. The examples follow the AWS Step Functions
// Developer Guide pages "Transforming data with JSONata in Step Functions"
// (transforming-data.html) and "Passing data between states with variables"
// (workflow-variables.html).

fn ata(states: Value) -> Value {
    json!({"QueryLanguage": "JSONata", "StartAt": "A", "States": states})
}

#[test]
fn jsonata_machines_run() {
    // A top-level QueryLanguage, and a single JSONata state in a JSONPath machine.
    let def = ata(json!({"A": {"Type": "Pass", "Output": "{% $states.input %}", "End": true}}));
    assert_eq!(exec(&def, json!({"a": 1})).output, Some(json!({"a": 1})));
    let def = json!({"StartAt": "A",
        "States": {"A": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% 1 + 1 %}", "End": true}}});
    assert_eq!(exec(&def, json!({})).output, Some(json!(2)));
}

#[test]
fn jsonata_task_arguments_result_and_output() {
    // transforming-data: Arguments shape what the task gets, $states.result is what
    // it returned, Output shapes the state's output from both.
    let def = ata(json!({"A": {"Type": "Task", "Resource": LAMBDA,
        "Arguments": {"FunctionName": "f", "Payload": {"product": "{% $states.input.product %}"}},
        "Output": {"sent": "{% $states.result.Payload.product %}", "in": "{% $states.input.n %}"},
        "End": true}}));
    let e = exec(&def, json!({"product": "p1", "n": 3}));
    // Without a mock a Task returns what it was given: the Arguments.
    assert_eq!(e.output, Some(json!({"sent": "p1", "in": 3})));
    let st = &e.steps[0].stages;
    assert_eq!(
        st.get(2),
        Some(&json!({"FunctionName": "f", "Payload": {"product": "p1"}}))
    );
    assert!(e.steps[0].jsonata);
}

#[test]
fn step_functions_jsonata_functions() {
    // transforming-data, "Functions provided by Step Functions".
    let def = ata(json!({"A": {"Type": "Pass", "Output": {
        "partition": "{% $partition([1,2,3,4,5], 2) %}",
        "range": "{% $range(0, 10, 2) %}",
        "hash": "{% $hash('input data', 'SHA-1') %}",
        "parse": "{% $parse('{\"a\": [1, true]}') %}",
        "uuid": "{% $length($uuid()) %}",
        "r1": "{% $random(42) = $random(42) %}",
        "r": "{% $random() < 1 %}"
    }, "End": true}}));
    let out = exec(&def, json!({})).output.unwrap();
    assert_eq!(out["partition"], json!([[1, 2], [3, 4], [5]]));
    assert_eq!(out["range"], json!([0, 2, 4, 6, 8, 10]));
    assert_eq!(
        out["hash"],
        json!("aaff4a450a104cd177d28d18d74485e8cae074b7")
    );
    assert_eq!(out["parse"], json!({"a": [1, true]}));
    assert_eq!(out["uuid"], json!(36));
    assert_eq!((&out["r1"], &out["r"]), (&json!(true), &json!(true)));
}

#[test]
fn query_evaluation_errors_are_caught_like_other_errors() {
    let def = ata(json!({
        "A": {"Type": "Pass", "Output": "{% $states.input.a + 'x' %}", "End": true}}));
    let e = exec(&def, json!({"a": 1}));
    let err = e.error.unwrap();
    assert_eq!(err.error, "States.QueryEvaluationError");
    assert!(
        err.cause.contains("state 'A' (entered at the event id #2)"),
        "{}",
        err.cause
    );
    assert!(err.cause.contains("'Output'"), "{}", err.cause);
    // An undefined result is an error too (JSON has no undefined).
    let def =
        ata(json!({"A": {"Type": "Pass", "Output": "{% $states.input.nope %}", "End": true}}));
    assert_eq!(
        exec(&def, json!({})).error.unwrap().error,
        "States.QueryEvaluationError"
    );
    // A catcher's Output defaults to the error output and reads $states.errorOutput.
    let def = ata(json!({
        "A": {"Type": "Task", "Resource": LAMBDA, "Arguments": "{% $number('x') %}",
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B",
                         "Assign": {"why": "{% $states.errorOutput.Error %}"}}],
              "End": true},
        "B": {"Type": "Pass", "Output": {"err": "{% $states.input.Error %}", "why": "{% $why %}"}, "End": true}}));
    let e = exec(&def, json!({}));
    assert_eq!(
        e.output,
        Some(json!({"err": "States.QueryEvaluationError", "why": "States.QueryEvaluationError"}))
    );
}

#[test]
fn assign_and_output_see_the_values_from_before_the_state() {
    // workflow-variables, "Evaluation of assignments": every expression of a state's
    // Assign and Output reads the variables as they were when the state was entered.
    let def = ata(json!({
        "A": {"Type": "Pass", "Assign": {"x": 1}, "Next": "B"},
        "B": {"Type": "Pass", "Assign": {"x": "{% $x + 1 %}", "y": "{% $x %}"},
              "Output": {"x": "{% $x %}"}, "Next": "C"},
        "C": {"Type": "Pass", "Output": {"x": "{% $x %}", "y": "{% $y %}", "was": "{% $states.input.x %}"}, "End": true}}));
    let e = exec(&def, json!({}));
    assert_eq!(e.output, Some(json!({"x": 2, "y": 1, "was": 1})));
    assert_eq!(
        e.steps[1].assigned.as_deref(),
        Some(&json!({"x": 2, "y": 1}))
    );
    // The variables in scope when each state was entered, for the Lab's stage pane.
    let vars = |i: usize| {
        e.steps[i]
            .variables
            .as_deref()
            .map(Recorded::value)
            .cloned()
    };
    assert_eq!(vars(0), None);
    assert_eq!(vars(1), Some(json!({"x": 1})));
    assert_eq!(vars(2), Some(json!({"x": 2, "y": 1})));
}

#[test]
fn jsonpath_variables_in_paths_choice_and_intrinsics() {
    // workflow-variables: in JSONPath states, `"name.$": "$.path"` assigns from the
    // state's result and `$name` reads a variable wherever a path is accepted.
    let def = json!({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Assign": {"limit.$": "$.limit", "who": "me"}, "Next": "C"},
        "C": {"Type": "Choice", "Choices": [
            {"Variable": "$.n", "NumericLessThanPath": "$limit", "Next": "Low"}], "Default": "High"},
        "Low": {"Type": "Pass", "Parameters": {"msg.$": "States.Format('{} below {}', $who, $limit)"}, "End": true},
        "High": {"Type": "Pass", "Result": "high", "End": true}}});
    let e = exec(&def, json!({"limit": 10, "n": 3}));
    assert_eq!(e.output, Some(json!({"msg": "me below 10"})));
    // A Task's Assign sees its result after ResultSelector.
    let def = json!({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": LAMBDA, "ResultSelector": {"v.$": "$.a"},
              "Assign": {"got.$": "$.v"}, "ResultPath": null, "Next": "P"},
        "P": {"Type": "Pass", "Parameters": {"got.$": "$got"}, "End": true}}});
    assert_eq!(exec(&def, json!({"a": 5})).output, Some(json!({"got": 5})));
    // Reading a variable never assigned is States.Runtime, naming it.
    let def = json!({"StartAt": "P", "States": {
        "P": {"Type": "Pass", "Parameters": {"v.$": "$nope"}, "End": true}}});
    let err = exec(&def, json!({})).error.unwrap();
    assert_eq!(err.error, "States.Runtime");
    assert!(err.cause.contains("$nope"), "{}", err.cause);
}

#[test]
fn map_and_parallel_scopes() {
    // workflow-variables, "Variable scope": states inside a Map or Parallel read the
    // outer variables; what they assign stays inside (values leave through output);
    // they cannot assign an outer variable.
    let def = ata(json!({
        "A": {"Type": "Pass", "Assign": {"factor": 3}, "Next": "M"},
        "M": {"Type": "Map", "Items": "{% $states.input.xs %}",
              "ItemSelector": {"v": "{% $states.context.Map.Item.Value %}", "i": "{% $states.context.Map.Item.Index %}"},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "In", "States": {
                  "In": {"Type": "Pass", "Assign": {"inner": "{% $states.input.v %}"}, "Next": "Out"},
                  "Out": {"Type": "Pass", "Output": "{% $inner * $factor + $states.input.i %}", "End": true}}},
              "Next": "After"},
        "After": {"Type": "Pass", "Output": {"r": "{% $states.input %}", "inner": "{% $exists($inner) %}"}, "End": true}}));
    let e = exec(&def, json!({"xs": [1, 2]}));
    assert_eq!(e.output, Some(json!({"r": [3, 7], "inner": false})));
    // Inside an iteration: the outer variable and the iteration's own; the next
    // iteration starts without the previous one's.
    let seen: Vec<Value> = e
        .steps
        .iter()
        .filter(|st| st.state == "In" || st.state == "Out")
        .map(|st| {
            st.variables
                .as_deref()
                .map(Recorded::value)
                .cloned()
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        seen,
        [
            json!({"factor": 3}),
            json!({"factor": 3, "inner": 1}),
            json!({"factor": 3}),
            json!({"factor": 3, "inner": 2})
        ]
    );
    let def = ata(json!({
        "A": {"Type": "Pass", "Assign": {"x": 1}, "Next": "P"},
        "P": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {
                "B": {"Type": "Pass", "Assign": {"x": 2}, "End": true}}}], "End": true}}));
    let err = exec(&def, json!({})).error.unwrap();
    assert_eq!(err.error, "States.Runtime");
    assert!(err.cause.contains("outer scope"), "{}", err.cause);
}

#[test]
fn jsonata_choice_wait_and_fail() {
    let def = ata(json!({
        "A": {"Type": "Choice", "Choices": [
            {"Condition": "{% $states.input.n > 5 %}", "Next": "W", "Output": {"big": true}}],
            "Default": "F"},
        "W": {"Type": "Wait", "Seconds": "{% $states.input.big ? 30 : 1 %}", "Next": "Done"},
        "Done": {"Type": "Succeed"},
        "F": {"Type": "Fail", "Error": "{% 'Too' & 'Small' %}", "Cause": "{% $string($states.input.n) %}"}}));
    let e = exec(&def, json!({"n": 9}));
    assert_eq!(e.output, Some(json!({"big": true})));
    assert_eq!(e.steps[1].wait_seconds, Some(30.0));
    let err = exec(&def, json!({"n": 1})).error.unwrap();
    assert_eq!((err.error.as_str(), err.cause.as_str()), ("TooSmall", "1"));
    // A Condition that is not a boolean.
    let def = ata(json!({"A": {"Type": "Choice", "Choices": [
        {"Condition": "{% $states.input.n %}", "Next": "B"}], "Default": "B"},
        "B": {"Type": "Succeed"}}));
    assert_eq!(
        exec(&def, json!({"n": 1})).error.unwrap().error,
        "States.QueryEvaluationError"
    );
}

#[test]
fn jsonata_context_and_variable_limits() {
    let def = ata(json!({"A": {"Type": "Pass", "Output": {
        "name": "{% $states.context.State.Name %}",
        "input": "{% $states.context.Execution.Input.k %}"}, "End": true}}));
    assert_eq!(
        exec(&def, json!({"k": "v"})).output,
        Some(json!({"name": "A", "input": "v"}))
    );
    // workflow-variables, "Variable size limits": 256 KiB for one variable.
    let def = ata(json!({"A": {"Type": "Pass",
        "Assign": {"big": "{% $join($map([1..300000], function($i){'x'}), '') %}"}, "End": true}}));
    let err = exec(&def, json!({})).error.unwrap();
    assert_eq!(err.error, "States.DataLimitExceeded");
}

#[test]
fn events_use_aws_history_names() {
    let def = json!({"StartAt": "P", "States": {
        "P": {"Type": "Pass", "Next": "T"},
        "T": {"Type": "Task", "Resource": LAMBDA, "End": true}}});
    let e = exec(&def, json!({"x": 1}));
    let kinds: Vec<&str> = e.events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "ExecutionStarted",
            "PassStateEntered",
            "PassStateExited",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskSucceeded",
            "TaskStateExited",
            "ExecutionSucceeded"
        ]
    );
    // A Lambda function called by its ARN (not through lambda:invoke) and an
    // activity have their own event names.
    for (resource, prefix) in [
        (
            "arn:aws:lambda:us-east-1:123456789012:function:f",
            "LambdaFunction",
        ),
        (
            "arn:aws:states:us-east-1:123456789012:activity:approve",
            "Activity",
        ),
    ] {
        let def = one(json!({"Type": "Task", "Resource": resource}));
        let e = exec(&def, json!({}));
        let kinds: Vec<&str> = e.events.iter().map(|e| e.kind.as_str()).collect();
        for suffix in ["Scheduled", "Started", "Succeeded"] {
            assert!(
                kinds.contains(&format!("{prefix}{suffix}").as_str()),
                "{kinds:?}"
            );
        }
    }
    assert_eq!(e.events[1].state.as_deref(), Some("P"));
    assert_eq!(
        e.events[1].input.as_deref().map(Recorded::value),
        Some(&json!({"x": 1}))
    );
    assert_eq!(
        e.events[2].output.as_deref().map(Recorded::value),
        Some(&json!({"x": 1}))
    );
    let j = e.events[1].to_json();
    assert_eq!(
        j,
        json!({"type": "PassStateEntered", "state": "P", "input": {"x": 1}})
    );
    assert_eq!(e.transitions, 2);
}

// https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html
#[test]
fn the_context_object_names_the_current_state_after_nested_work() {
    let branch = json!({"StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "End": true}}});
    let def = json!({"StartAt": "P", "States": {
        "P": {"Type": "Parallel", "Branches": [branch],
              "ResultSelector": {"name.$": "$$.State.Name"}, "ResultPath": "$.p", "Next": "M"},
        "M": {"Type": "Map", "ItemsPath": "$.items",
              "ItemProcessor": {"StartAt": "Item", "States": {"Item": {"Type": "Pass", "End": true}}},
              "ResultSelector": {"name.$": "$$.State.Name"}, "ResultPath": "$.m", "End": true}}});
    let e = exec(&def, json!({"items": [1]}));
    assert_eq!(e.steps[0].stages.get(4), Some(&json!({"name": "P"})));
    assert_eq!(ok(&e)["m"], json!({"name": "M"}));
    // $$.Map exists only while a Map prepares its items.
    let def = json!({"StartAt": "M", "States": {
        "M": {"Type": "Map", "ItemProcessor": {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E"}}},
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "After"}], "Next": "After"},
        "After": {"Type": "Pass", "Parameters": {"i.$": "$$.Map.Item.Index"}, "End": true}}});
    let e = exec(&def, json!([1]));
    assert_eq!(failed(&e).0, "States.Runtime");
    assert_eq!(top_path(&e), ["M", "After"]);
}

// https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html (256 KiB
// payloads) and https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
#[test]
fn payload_limits_end_the_execution() {
    let big = "x".repeat(150 * 1024);
    // Two copies of a 150 KiB string; a Parallel around it so that a catcher is in play.
    let def = json!({"StartAt": "P", "States": {
        "P": {"Type": "Parallel", "Branches": [{"StartAt": "Double", "States": {
            "Double": {"Type": "Pass", "Parameters": {"a.$": "$.s", "b.$": "$.s"}, "End": true}}}],
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
        "Caught": {"Type": "Succeed"}}});
    let e = exec(&def, json!({"s": big}));
    assert_eq!(failed(&e).0, "States.DataLimitExceeded");
    assert_eq!(top_path(&e), ["P"]);
    // An execution input over the quota: StartExecution refuses it, so no execution
    // runs (or fails).
    let refused = sim::run(
        &one(json!({"Type": "Pass"})),
        json!({"s": "y".repeat(300 * 1024)}),
        &opts(None, None, 1),
    );
    assert!(
        matches!(&refused, Err(sim::Abort::Input(e)) if e.cause.contains("262144")),
        "{refused:?}"
    );
    // A loop that wraps its data one level deeper each time stops, quickly and in
    // little memory, instead of growing until the transition limit.
    let def = json!({"StartAt": "P", "States": {
        "P": {"Type": "Parallel", "Branches": [{"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}], "Next": "C"},
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "D"}], "Default": "P"},
        "D": {"Type": "Succeed"}}});
    let t = Instant::now();
    let mut o = opts(None, None, 7);
    o.max_transitions = 25_000;
    let e = sim::run(&def, json!({}), &o).unwrap();
    assert_eq!(failed(&e).0, "States.Runtime");
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
}

#[test]
fn an_item_reader_without_a_mock_is_a_mock_problem_not_a_failed_execution() {
    let proc = json!({"StartAt": "E", "States": {"E": {"Type": "Pass", "End": true}}});
    let def = one(json!({"Type": "Map",
        "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                       "ReaderConfig": {"InputType": "JSON"},
                       "Parameters": {"Bucket": "b", "Key": "k.json"}},
        "ItemProcessor": proc}));
    let r = sim::run(&def, json!({}), &opts(None, None, 1));
    assert!(
        matches!(&r, Err(Abort::Mock(m)) if m.contains("ItemReader")),
        "{r:?}"
    );
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html: ErrorPath and
// CausePath must select a string.
#[test]
fn a_fail_path_that_selects_no_string_is_a_runtime_error() {
    let def = one(json!({"Type": "Fail", "ErrorPath": "$.err", "CausePath": "$.why"}));
    let e = exec(&def, json!({"err": "Custom.Error", "why": "because"}));
    assert_eq!(failed(&e), ("Custom.Error", "because"));
    let e = exec(&def, json!({"err": {"o": 1}, "why": "because"}));
    let (error, cause) = failed(&e);
    assert_eq!(error, "States.Runtime");
    assert!(cause.contains("must select a string"), "{cause}");
}

// Fidelity gaps measured against executions recorded on AWS (issue 17, item 3).

#[test]
fn math_add_rounds_halves_toward_positive_infinity() {
    let def = one(json!({"Type": "Pass", "Parameters": {
        "a.$": "States.MathAdd($.x, 0)", "b.$": "States.MathAdd($.y, 0)", "c.$": "States.MathAdd($.z, 1)"}}));
    let e = exec(&def, json!({"x": -1.5, "y": 1.5, "z": -2.5}));
    assert_eq!(e.output, Some(json!({"a": -1, "b": 2, "c": -1})));
}

#[test]
fn format_prints_objects_and_arrays_like_aws() {
    let def = one(json!({"Type": "Pass", "Parameters": {
        "s.$": "States.Format('got {} and {}', $.o, $.a)"}}));
    let e = exec(
        &def,
        json!({"o": {"Arg1": 1, "Arg2": []}, "a": [1, "two", {"k": null}]}),
    );
    assert_eq!(
        e.output,
        Some(json!({"s": "got {Arg1=1, Arg2=[]} and [1, two, {k=null}]"}))
    );
}

#[test]
fn string_to_json_of_blank_is_null_and_minus_zero_is_zero() {
    let def = one(json!({"Type": "Pass", "Parameters": {
        "e.$": "States.StringToJson($.e)", "b.$": "States.StringToJson($.b)", "z.$": "States.StringToJson($.z)"}}));
    let e = exec(&def, json!({"e": "", "b": " ", "z": "-0"}));
    assert_eq!(e.output, Some(json!({"e": null, "b": null, "z": 0})));
}

#[test]
fn parameters_of_any_json_type_and_no_leading_space() {
    for p in [
        json!("text"),
        json!(7),
        json!(true),
        json!(null),
        json!([1]),
    ] {
        let def = one(json!({"Type": "Pass", "Parameters": p.clone()}));
        assert_eq!(exec(&def, json!({"x": 1})).output, Some(p));
    }
    let def = one(json!({"Type": "Pass", "Parameters": {"a.$": " States.Array($.x)"}}));
    let c = check_text(&def.to_string(), CheckOptions::default()).unwrap();
    assert!(
        !c.is_valid(),
        "a leading space before an intrinsic is refused"
    );
}

#[test]
fn values_behind_path_fields_are_checked_at_run_time() {
    let map = |field: &str| {
        one(
            json!({"Type": "Map", field: "$.v", "ItemProcessor": {"StartAt": "I",
            "States": {"I": {"Type": "Pass", "End": true}}}, "ItemsPath": "$.items"}),
        )
    };
    for (field, bad) in [
        ("MaxConcurrencyPath", json!("NoNumber")),
        ("MaxConcurrencyPath", json!(-1)),
        ("ToleratedFailurePercentagePath", json!(100.1)),
        ("ToleratedFailureCountPath", json!(1.5)),
    ] {
        let e = exec(&map(field), json!({"v": bad, "items": [1]}));
        let err = e.error.unwrap_or_else(|| panic!("{field} {bad}"));
        assert_eq!(err.error, "States.Runtime", "{field} {bad}");
        assert!(err.cause.contains(field), "{}", err.cause);
    }
    // A missing field fails too; a good one runs.
    let e = exec(&map("MaxConcurrencyPath"), json!({"items": [1]}));
    assert_eq!(e.error.unwrap().error, "States.Runtime");
    let e = exec(&map("MaxConcurrencyPath"), json!({"v": 2, "items": [1]}));
    assert_eq!(e.status, Status::Succeeded);
    let task = one(json!({"Type": "Task", "Resource": LAMBDA, "TimeoutSecondsPath": "$.t"}));
    assert_eq!(
        exec(&task, json!({"t": 0})).error.unwrap().error,
        "States.Runtime"
    );
    assert_eq!(exec(&task, json!({"t": 5})).status, Status::Succeeded);
    let wait = one(json!({"Type": "Wait", "SecondsPath": "$.s"}));
    assert_eq!(
        exec(&wait, json!({"s": 1.5})).error.unwrap().error,
        "States.Runtime"
    );
}

#[test]
fn jsonata_stages_are_explained_in_their_own_words() {
    use aws_study::lang::Lang;
    use aws_study::sfn::{explain, model::StateMachine};
    let def = ata(json!({
        "A": {"Type": "Task", "Resource": LAMBDA, "Arguments": {"n": "{% $states.input.n %}"},
              "Assign": {"got": "{% $states.result.n %}"}, "Output": "{% $states.result %}", "End": true}}));
    let e = exec(&def, json!({"n": 1}));
    let m = StateMachine::read(&def);
    let words = |i: usize| explain::stage(m.find("A"), &e.steps[0], i, true, Lang::En);
    assert!(
        words(1).contains("JSONata state has no such stage"),
        "{}",
        words(1)
    );
    assert!(words(2).starts_with("Arguments"), "{}", words(2));
    assert!(
        words(6).contains("Output") && words(6).contains("$got"),
        "{}",
        words(6)
    );
    let pt = explain::stage(m.find("A"), &e.steps[0], 6, true, Lang::PtBr);
    assert!(pt.contains("Assign definiu $got"), "{pt}");
}

/// The simulated delay before each retry of a step (seconds).
fn delays(step: &sim::Step) -> Vec<f64> {
    step.retries.iter().map(|r| r.delay).collect()
}

// https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
#[test]
fn each_retry_keeps_the_error_behind_it_and_its_retrier() {
    let def = retry_machine(
        json!([
            {"ErrorEquals": ["Other"], "MaxAttempts": 1},
            {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "BackoffRate": 2, "MaxAttempts": 3}
        ]),
        catch_all(),
    );
    let m = throws("Lambda.Unknown", 2);
    let e = exec_full(&def, json!({}), Some(&m), None);
    ok(&e);
    let r = &e.steps[0].retries;
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].error.error, "Lambda.Unknown");
    assert_eq!(r[0].error.cause, "mocked");
    assert_eq!((r[0].retrier, r[0].attempt, r[0].max_attempts), (1, 1, 3));
    assert_eq!((r[1].retrier, r[1].attempt, r[1].interval), (1, 2, 2.0));
    use aws_study::lang::Lang;
    assert_eq!(
        r[1].message(2, Lang::En),
        "↻ retry 2 after 4.0 s: Retry[1] attempt 2 of 3, interval 2.0 s · error Lambda.Unknown · cause: mocked"
    );
    assert_eq!(
        r[1].message(2, Lang::PtBr),
        "↻ nova tentativa 2 após 4,0 s: Retry[1] tentativa 2 de 3, intervalo 2,0 s · erro Lambda.Unknown · causa: mocked"
    );
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
#[test]
fn a_choice_step_keeps_the_rule_that_matched_with_its_values() {
    use aws_study::lang::Lang;
    let def = json!({"StartAt": "Gate", "States": {
        "Gate": {"Type": "Choice", "Choices": [
            {"Variable": "$.evaluation.rmse", "NumericGreaterThanPath": "$.qualityGate.maxRmse", "Next": "Notify"},
            {"And": [
                {"Variable": "$.evaluation.rmse", "NumericLessThanEqualsPath": "$.qualityGate.maxRmse"},
                {"Variable": "$.stage", "StringEquals": "prod"}], "Next": "Deploy"}],
            "Default": "Notify"},
        "Deploy": {"Type": "Succeed"}, "Notify": {"Type": "Succeed"}}});
    let input =
        json!({"evaluation": {"rmse": 8.42}, "qualityGate": {"maxRmse": 12.5}, "stage": "prod"});
    let e = exec(&def, input);
    let m = e.steps[0].matched.as_ref().expect("matched");
    assert_eq!(
        m.message(Lang::En),
        "◆ rule 2 matched: $.evaluation.rmse (8.42) ≤ $.qualityGate.maxRmse (12.5) and $.stage (\"prod\") = \"prod\""
    );
    assert!(
        m.message(Lang::PtBr)
            .starts_with("◆ regra 2 atendida: $.evaluation.rmse (8.42) ≤")
    );
    // None matches: the Default, said as such.
    let e = exec(
        &def,
        json!({"evaluation": {"rmse": 1}, "qualityGate": {"maxRmse": 2}, "stage": "dev"}),
    );
    let m = e.steps[0].matched.as_ref().expect("matched");
    assert_eq!(
        m.message(Lang::En),
        "◆ none of the 2 rules matched: the Default"
    );
    assert_eq!(
        m.message(Lang::PtBr),
        "◆ nenhuma das 2 regras foi atendida: o Default"
    );
    // JSONata: the Condition and its result.
    let def = ata(json!({
        "A": {"Type": "Choice", "Choices": [
            {"Condition": "{% $states.input.n > 5 %}", "Next": "Big"}], "Default": "Small"},
        "Big": {"Type": "Succeed"}, "Small": {"Type": "Succeed"}}));
    let e = exec(&def, json!({"n": 9}));
    assert_eq!(
        e.steps[0].matched.as_ref().unwrap().message(Lang::En),
        "◆ rule 1 matched: {% $states.input.n > 5 %} → true"
    );
}

// https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html and state-parallel.html
#[test]
fn the_first_state_of_an_iteration_or_branch_knows_where_its_input_came_from() {
    use aws_study::lang::Lang;
    use aws_study::sfn::trace::Entered;
    let def = json!({"StartAt": "P", "States": {
        "P": {"Type": "Parallel", "Next": "M", "Branches": [
            {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "End": true}}},
            {"StartAt": "B2", "States": {"B2": {"Type": "Pass", "Next": "B3"}, "B3": {"Type": "Pass", "End": true}}}]},
        "M": {"Type": "Map", "ItemsPath": "$[0].xs", "ItemSelector": {"v.$": "$$.Map.Item.Value"},
              "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "End": true}}});
    let e = exec(&def, json!({"xs": [1, 2]}));
    let entered: Vec<(&str, Option<&Entered>)> = e
        .steps
        .iter()
        .map(|s| (s.state.as_str(), s.entered.as_ref()))
        .collect();
    assert!(
        matches!(entered[1], ("B1", Some(Entered::Branch { index: 1, .. }))),
        "{entered:?}"
    );
    assert!(matches!(
        entered[2],
        ("B2", Some(Entered::Branch { index: 2, .. }))
    ));
    assert!(matches!(entered[3], ("B3", None)));
    assert!(matches!(
        entered[5],
        (
            "I",
            Some(Entered::MapItem {
                index: 0,
                selector: true,
                ..
            })
        )
    ));
    let item = sim_explain(&e, 5, Lang::En);
    assert_eq!(
        item,
        "Item 0 of the Map \"M\" (from ItemsPath $[0].xs), shaped by ItemSelector."
    );
    let branch = sim_explain(&e, 1, Lang::PtBr);
    assert!(
        branch.starts_with("Ramo 1 do Parallel \"P\": a entrada do estado Parallel"),
        "{branch}"
    );
    // A later state of a branch still reads its previous state's output.
    assert_eq!(sim_explain(&e, 3, Lang::En), "The previous state's output.");
}

fn sim_explain(e: &Execution, step: usize, lang: aws_study::lang::Lang) -> String {
    aws_study::sfn::explain::stage(None, &e.steps[step], 0, false, lang)
}

// AWS Step Functions Developer Guide, "Passing data between states with variables",
// Variable scope: https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html#variable-scope
// — inner states read outer variables, except in a Distributed Map, whose iterations
// are child workflow executions that cannot reference variables in outer scopes.
#[test]
fn a_distributed_map_iteration_cannot_read_the_outer_variables() {
    let config = |mode: &str| match mode {
        "DISTRIBUTED" => json!({"Mode": mode, "ExecutionType": "STANDARD"}),
        _ => json!({"Mode": mode}),
    };
    let map = |mode: &str| {
        ata(json!({
            "A": {"Type": "Pass", "Assign": {"factor": 3}, "Next": "Each"},
            "Each": {"Type": "Map", "Items": "{% $states.input.xs %}",
                "ItemProcessor": {"ProcessorConfig": config(mode),
                    "StartAt": "Mul", "States": {"Mul": {"Type": "Pass",
                        "Output": "{% $exists($factor) ? $states.input * $factor : -1 %}", "End": true}}},
                "End": true}}))
    };
    assert_eq!(
        exec(&map("INLINE"), json!({"xs": [1, 2]})).output,
        Some(json!([3, 6]))
    );
    let e = exec(&map("DISTRIBUTED"), json!({"xs": [1, 2]}));
    assert_eq!(e.output, Some(json!([-1, -1])));
    // The iteration's step shows no variables in scope; the Map's own step does.
    let mul = e.steps.iter().find(|s| s.state == "Mul").unwrap();
    assert!(mul.variables.is_none(), "{:?}", mul.variables);
    let each = e.steps.iter().find(|s| s.state == "Each").unwrap();
    assert!(each.variables.is_some());
}
