//! `aws-study sfn …` as a user runs it: samples, graph, run (exit codes, JSON output,
//! cost, mocks), plus the bundled samples' documented runs.
use crate::common;

use aws_study::commands::sfn::{load_source, simulate};
use aws_study::lang::Lang;
use aws_study::sfn::mock::Mocks;
use aws_study::sfn::samples;
use aws_study::sfn::sim::Status;
use common::{TempDir, run, stderr, stdout, width};
use serde_json::{Value, json};

fn write(dir: &TempDir, name: &str, text: &str) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

fn run_json(o: &std::process::Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", stdout(o), stderr(o)))
}

/// Every state name in a definition, nested branches and item processors included.
fn state_names(def: &Value, out: &mut Vec<String>) {
    let Some(states) = def.get("States").and_then(Value::as_object) else {
        return;
    };
    for (name, s) in states {
        out.push(name.clone());
        for b in s
            .get("Branches")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            state_names(b, out);
        }
        for k in ["ItemProcessor", "Iterator"] {
            if let Some(p) = s.get(k) {
                state_names(p, out);
            }
        }
    }
}

/// `transitions × $0.000025`, 6 decimals.
fn cost(transitions: u64) -> String {
    let micro = transitions * 25;
    format!("{}.{:06}", micro / 1_000_000, micro % 1_000_000)
}

// ---------------------------------------------------------------- samples

#[test]
fn every_sample_runs_as_documented() {
    let all = samples::all();
    assert_eq!(all.len(), 5);
    let mut checked = 0;
    for s in all {
        assert!(!s.expected.is_empty(), "{} has no documented run", s.id);
        let src = load_source(&s.id, Lang::En).unwrap_or_else(|e| panic!("{}: {e:?}", s.id));
        let mocks = Mocks::parse(s.mocks_text()).expect("bundled mocks");
        for x in &s.expected {
            let e = simulate(
                &src,
                s.input.clone(),
                Some((&mocks, "bundled")),
                Some(&x.test_case),
                25_000,
                Default::default(),
                Lang::En,
            )
            .unwrap_or_else(|e| panic!("{} / {}: {e:?}", s.id, x.test_case));
            assert_eq!(
                e.status.name(),
                x.status,
                "{} / {}: {:?}",
                s.id,
                x.test_case,
                e.error
            );
            let path: Vec<&str> = e
                .steps
                .iter()
                .filter(|st| st.depth == 0)
                .map(|st| st.state.as_str())
                .collect();
            assert_eq!(path, x.path, "{} / {}", s.id, x.test_case);
            assert!(!x.note.en.is_empty() && !x.note.pt.is_empty());
            checked += 1;
        }
    }
    assert!(checked >= 8);
}

#[test]
fn samples_lists_five_ids_with_titles_in_both_languages() {
    let data = TempDir::new("sfn-samples");
    let en = run(data.path(), &["sfn", "samples"]);
    assert_eq!(en.status.code(), Some(0));
    let pt = run(data.path(), &["sfn", "samples", "--lang", "pt-BR"]);
    assert_eq!(pt.status.code(), Some(0), "{}", stderr(&pt));
    let (en, pt) = (stdout(&en), stdout(&pt));
    let en: Vec<(&str, &str)> = en.lines().map(|l| l.split_once('\t').unwrap()).collect();
    let pt: Vec<(&str, &str)> = pt.lines().map(|l| l.split_once('\t').unwrap()).collect();
    assert_eq!(en.len(), 5);
    assert_eq!(
        en.iter().map(|l| l.0).collect::<Vec<_>>(),
        [
            "stock-forecast",
            "map-batch",
            "parallel-microservices",
            "incident-response",
            "stock-forecast-jsonata"
        ]
    );
    for ((id_en, t_en), (id_pt, t_pt)) in en.iter().zip(&pt) {
        assert_eq!(id_en, id_pt);
        assert!(!t_en.is_empty() && !t_pt.is_empty());
        assert_ne!(t_en, t_pt, "{id_en} title is not translated");
    }
}

#[test]
fn graph_of_each_sample_fits_80_columns_and_names_every_state() {
    let data = TempDir::new("sfn-graph");
    for s in samples::all() {
        let o = run(data.path(), &["sfn", "graph", &s.id, "--width", "80"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = stdout(&o);
        for l in out.lines() {
            assert!(width(l) <= 80, "{}: {} columns: {l}", s.id, width(l));
        }
        let def: Value = serde_json::from_str(s.definition_text()).unwrap();
        let mut names = Vec::new();
        state_names(&def, &mut names);
        for n in &names {
            assert!(out.contains(n.as_str()), "{}: {n} not drawn\n{out}", s.id);
        }
        insta::assert_snapshot!(format!("graph_{}_80", s.id), out);
    }
}

#[test]
fn run_stock_forecast_json_snapshot() {
    let data = TempDir::new("sfn-run-snap");
    let o = run(
        data.path(),
        &["sfn", "run", "stock-forecast", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("run_stock_forecast_json", stdout(&o));
}

// ---------------------------------------------------------------- sfn run

#[test]
fn run_json_reports_status_transitions_cost_and_events() {
    let data = TempDir::new("sfn-run-json");
    let def = write(
        &data,
        "two.asl.json",
        r#"{"StartAt": "P", "States": {
            "P": {"Type": "Pass", "Result": {"v": 1}, "ResultPath": "$.p", "Next": "T"},
            "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#,
    );
    let o = run(
        data.path(),
        &[
            "sfn",
            "run",
            &def,
            "--input",
            r#"{"in": true}"#,
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j = run_json(&o);
    assert_eq!(j["status"], json!("SUCCEEDED"));
    assert_eq!(j["output"], json!({"in": true, "p": {"v": 1}}));
    assert_eq!(j["error"], Value::Null);
    assert_eq!(j["cause"], Value::Null);
    assert_eq!(j["transitions"], json!(2));
    assert_eq!(j["cost_usd"], json!("0.000050"));
    let types: Vec<&str> = j["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
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
    assert_eq!(
        j["events"][1],
        json!({"type": "PassStateEntered", "state": "P", "input": {"in": true}})
    );
    assert_eq!(j["events"][2]["output"], json!({"in": true, "p": {"v": 1}}));

    // Text format: each step with its stages, and the end line.
    let o = run(
        data.path(),
        &["sfn", "run", &def, "--input", r#"{"in": true}"#],
    );
    assert_eq!(o.status.code(), Some(0));
    let t = stdout(&o);
    for needle in [
        "1. P (Pass)",
        "2. T (Task)",
        "afterResultPath",
        "SUCCEEDED",
        "0.000050",
    ] {
        assert!(t.contains(needle), "{needle} missing:\n{t}");
    }
}

#[test]
fn cost_is_transitions_times_the_standard_price() {
    let data = TempDir::new("sfn-cost");
    // A Map over N items: 1 + N transitions.
    let def = write(
        &data,
        "map.asl.json",
        r#"{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
            "ItemProcessor": {"StartAt": "E", "States": {"E": {"Type": "Pass", "End": true}}}}}}"#,
    );
    for n in [0usize, 1, 39, 1234] {
        let input = serde_json::to_string(&vec![0; n]).unwrap();
        let o = run(
            data.path(),
            &["sfn", "run", &def, "--input", &input, "--format", "json"],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let j = run_json(&o);
        let t = (n + 1) as u64;
        assert_eq!(j["transitions"], json!(t));
        assert_eq!(j["cost_usd"], json!(cost(t)), "{n} items");
    }
}

#[test]
fn a_failed_execution_exits_3() {
    let data = TempDir::new("sfn-fail");
    let o = run(
        data.path(),
        &[
            "sfn",
            "run",
            "stock-forecast",
            "--test-case",
            "QualityTooLow",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let j = run_json(&o);
    assert_eq!(j["status"], json!("FAILED"));
    assert_eq!(j["error"], json!("ModelQualityTooLow"));
    assert_eq!(j["output"], Value::Null);
    assert!(j["cause"].is_string());
    assert_eq!(
        j["events"].as_array().unwrap().last().unwrap()["type"],
        json!("ExecutionFailed")
    );
    let def = write(
        &data,
        "fail.asl.json",
        r#"{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Oops", "Cause": "because"}}}"#,
    );
    let o = run(data.path(), &["sfn", "run", &def]);
    assert_eq!(o.status.code(), Some(3));
    let t = stdout(&o);
    assert!(
        t.contains("FAILED") && t.contains("Oops") && t.contains("because"),
        "{t}"
    );
}

#[test]
fn run_refuses_bad_inputs_with_exit_1() {
    let data = TempDir::new("sfn-bad");
    let ok_def = write(
        &data,
        "ok.asl.json",
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#,
    );
    // Bad --input.
    let o = run(data.path(), &["sfn", "run", &ok_def, "--input", "{nope"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--input"), "{}", stderr(&o));
    // Bad --input-file: named with its line.
    let inp = write(&data, "in.json", "{\n  \"a\": 1,\n}\n");
    let o = run(data.path(), &["sfn", "run", &ok_def, "--input-file", &inp]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("in.json:3"), "{}", stderr(&o));
    // An invalid definition.
    let bad_def = write(
        &data,
        "bad.asl.json",
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass"}}}"#,
    );
    let o = run(data.path(), &["sfn", "run", &bad_def]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("bad.asl.json"), "{}", stderr(&o));
    // Not a file, not a sample.
    let o = run(data.path(), &["sfn", "run", "no-such-thing"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("stock-forecast"), "{}", stderr(&o));
    // JSONata.
    let ata = write(
        &data,
        "ata.asl.json",
        r#"{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "Output": "{% $states.input %}", "End": true}}}"#,
    );
    let o = run(data.path(), &["sfn", "check", &ata]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "JSONata machines validate: {}",
        stdout(&o)
    );
    let o = run(data.path(), &["sfn", "graph", &ata, "--width", "60"]);
    assert_eq!(o.status.code(), Some(0));
    let o = run(
        data.path(),
        &[
            "sfn",
            "run",
            &ata,
            "--input",
            r#"{"a":1}"#,
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["output"], serde_json::json!({"a": 1}));
}

#[test]
fn max_transitions_stops_an_endless_loop() {
    let data = TempDir::new("sfn-loop");
    let def = write(
        &data,
        "loop.asl.json",
        r#"{"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Next": "C"},
            "C": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "Done"}], "Default": "A"},
            "Done": {"Type": "Succeed"}}}"#,
    );
    let o = run(
        data.path(),
        &["sfn", "run", &def, "--max-transitions", "50"],
    );
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("50") && e.contains("--max-transitions"), "{e}");
    // The default limit (25,000) too, quickly.
    let t = std::time::Instant::now();
    let o = run(data.path(), &["sfn", "run", &def, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("25000"), "{}", stderr(&o));
    assert!(
        t.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        t.elapsed()
    );
}

#[test]
fn mock_files_cases_and_errors() {
    let data = TempDir::new("sfn-mocks");
    let def = write(
        &data,
        "order.asl.json",
        r#"{"StartAt": "Charge", "States": {"Charge": {"Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#,
    );
    let mocks = write(
        &data,
        "order.mocks.json",
        r#"{
  "StateMachines": {
    "order": {"TestCases": {"Paid": {"Charge": "Ok"}, "Declined": {"Charge": "No"}}},
    "other": {"TestCases": {"X": {}}}
  },
  "MockedResponses": {
    "Ok": {"0": {"Return": {"charged": true}}},
    "No": {"0": {"Throw": {"Error": "Card.Declined", "Cause": "insufficient funds"}}}
  }
}"#,
    );
    // The machine entry named like the file's stem; the first test case by default.
    let o = run(
        data.path(),
        &["sfn", "run", &def, "--mocks", &mocks, "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(run_json(&o)["output"], json!({"charged": true}));
    let o = run(
        data.path(),
        &[
            "sfn",
            "run",
            &def,
            "--mocks",
            &mocks,
            "--test-case",
            "Declined",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(3));
    let j = run_json(&o);
    assert_eq!(
        (j["error"].as_str(), j["cause"].as_str()),
        (Some("Card.Declined"), Some("insufficient funds"))
    );
    assert!(
        j["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["type"] == "TaskFailed")
    );
    // Unknown test case: a usage error (exit 2) listing the cases.
    let o = run(
        data.path(),
        &["sfn", "run", &def, "--mocks", &mocks, "--test-case", "Nope"],
    );
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("Nope") && e.contains("Paid") && e.contains("Declined"),
        "{e}"
    );
    // A test case that mocks a state the machine lacks (a typo): exit 1 naming the
    // mock file, the case and the state.
    let typo = write(
        &data,
        "typo.mocks.json",
        r#"{"StateMachines": {"order": {"TestCases": {"Paid": {"Chrage": "Ok"}}}},
            "MockedResponses": {"Ok": {"0": {"Return": {"charged": true}}}}}"#,
    );
    let o = run(data.path(), &["sfn", "run", &def, "--mocks", &typo]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let e = stderr(&o);
    assert!(
        e.contains("typo.mocks.json") && e.contains("\"Chrage\"") && e.contains("Paid"),
        "{e}"
    );
    // A sample with an unknown case, too.
    let o = run(
        data.path(),
        &["sfn", "run", "stock-forecast", "--test-case", "Nope"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("HappyPath"), "{}", stderr(&o));
    // More than one machine entry and none named like the file: the file is named.
    let other = write(
        &data,
        "other.mocks.json",
        r#"{"StateMachines": {"a": {"TestCases": {"T": {}}}, "b": {"TestCases": {"T": {}}}},
            "MockedResponses": {}}"#,
    );
    let o = run(data.path(), &["sfn", "run", &def, "--mocks", &other]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("other.mocks.json") && stderr(&o).contains("\"order\""),
        "{}",
        stderr(&o)
    );
    // A bad mock file: exit 1 naming the file and the line.
    let bad = write(
        &data,
        "bad.mocks.json",
        "{\n  \"StateMachines\": {},\n  \"MockedResponses\": {\n    \"R\": {\"first\": {\"Return\": 1}}\n  }\n}\n",
    );
    let o = run(data.path(), &["sfn", "run", &def, "--mocks", &bad]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("bad.mocks.json") && e.contains("line 4"), "{e}");
    let broken = write(&data, "broken.mocks.json", "{\n\"StateMachines\": {,\n}");
    let o = run(data.path(), &["sfn", "run", &def, "--mocks", &broken]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("broken.mocks.json") && e.contains("line 2"),
        "{e}"
    );
    // A missing invocation entry is named.
    let once = write(
        &data,
        "once.mocks.json",
        r#"{"StateMachines": {"m": {"TestCases": {"T": {"Charge": "Once"}}}},
            "MockedResponses": {"Once": {"0": {"Throw": {"Error": "Flaky", "Cause": "x"}}}}}"#,
    );
    let retry_def = write(
        &data,
        "retry.asl.json",
        r#"{"StartAt": "Charge", "States": {"Charge": {"Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke", "End": true,
            "Retry": [{"ErrorEquals": ["Flaky"], "MaxAttempts": 1}]}}}"#,
    );
    let o = run(
        data.path(),
        &[
            "sfn", "run", &retry_def, "--mocks", &once, "--format", "json",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "a bad mock file exits 1");
    let all = format!("{}{}", stdout(&o), stderr(&o));
    assert!(
        all.contains("invocation 1") && all.contains("Once"),
        "{all}"
    );
    // --test-case without mocks is a usage error.
    let o = run(data.path(), &["sfn", "run", &def, "--test-case", "Paid"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn samples_run_by_id_use_their_bundled_mocks() {
    let data = TempDir::new("sfn-sample-run");
    for s in samples::all() {
        let first = &s.expected[0];
        let o = run(data.path(), &["sfn", "run", &s.id, "--format", "json"]);
        let want = if first.status == "SUCCEEDED" { 0 } else { 3 };
        assert_eq!(o.status.code(), Some(want), "{}: {}", s.id, stderr(&o));
        let j = run_json(&o);
        assert_eq!(j["status"], json!(first.status), "{}", s.id);
        let t = j["transitions"].as_u64().unwrap();
        assert_eq!(j["cost_usd"], json!(cost(t)));
    }
    // The GlueRetryThenSucceed case bills the retry as a transition.
    let a = run_json(&run(
        data.path(),
        &["sfn", "run", "stock-forecast", "--format", "json"],
    ));
    let b = run_json(&run(
        data.path(),
        &[
            "sfn",
            "run",
            "stock-forecast",
            "--test-case",
            "GlueRetryThenSucceed",
            "--format",
            "json",
        ],
    ));
    assert_eq!(
        b["transitions"].as_u64().unwrap(),
        a["transitions"].as_u64().unwrap() + 1
    );
    assert_eq!(Status::Succeeded.name(), "SUCCEEDED");
}

#[test]
fn a_long_loop_over_large_data_stops_with_a_clear_message_instead_of_exhausting_memory() {
    let dir = TempDir::new("sfn-record");
    let def = write(
        &dir,
        "loop.asl.json",
        r#"{"StartAt": "Again", "States": {
            "Again": {"Type": "Pass", "Next": "Check"},
            "Check": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "Done"}], "Default": "Again"},
            "Done": {"Type": "Succeed"}}}"#,
    );
    // 200 KB of data, looped until the recorded steps pass the Lab's budget.
    let big = format!("{{\"blob\": \"{}\"}}", "x".repeat(200_000));
    let input = write(&dir, "big.json", &big);
    let o = run(
        dir.path(),
        &["sfn", "run", &def, "--input-file", &input, "--lang", "en"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("MiB"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"));
}

#[test]
fn endless_or_oversized_files_are_refused_at_16_mib() {
    let data = TempDir::new("sfn-big-files");
    // An endless device is refused before it is read, not read until memory runs out.
    let o = run(data.path(), &["sfn", "check", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("is a device") || stderr(&o).contains("is a device"),
        "{}",
        stderr(&o)
    );
    let o = run(
        data.path(),
        &["sfn", "run", "stock-forecast", "--input-file", "/dev/zero"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("/dev/zero") && stderr(&o).contains("device"));
    assert!(!stderr(&o).contains("definitions"), "{}", stderr(&o));
    // A regular file over the cap stops at 16 MiB (a sparse file: no disk used).
    let huge = data.path().join("huge.json");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(17 * 1024 * 1024))
        .unwrap();
    let o = run(
        data.path(),
        &[
            "sfn",
            "run",
            "stock-forecast",
            "--input-file",
            huge.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("huge.json") && stderr(&o).contains("16 MiB"));
    // An input over the 256 KiB payload quota: refused, naming the file.
    let big = data.path().join("big_in.json");
    std::fs::write(&big, format!("{{\"s\": \"{}\"}}", "y".repeat(300 * 1024))).unwrap();
    let o = run(
        data.path(),
        &[
            "sfn",
            "run",
            "stock-forecast",
            "--input-file",
            big.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("big_in.json: larger than 262,144 bytes (256 KiB)"),
        "{e}"
    );
    let o = run(
        data.path(),
        &[
            "sfn",
            "run",
            "stock-forecast",
            "--input-file",
            big.to_str().unwrap(),
            "--lang",
            "pt-BR",
        ],
    );
    assert!(
        stderr(&o).contains("maior que 262.144 bytes"),
        "{}",
        stderr(&o)
    );
    // A folder is named as one.
    let o = run(
        data.path(),
        &["sfn", "graph", data.path().to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("folder"), "{}", stderr(&o));
}

#[test]
fn names_from_the_file_cannot_send_escape_sequences_to_the_terminal() {
    let data = TempDir::new("sfn-escapes");
    // A state name and a Fail cause with ESC sequences (clear screen, window title).
    let def = write(
        &data,
        "esc.asl.json",
        r#"{"StartAt": "A\u001b[2J", "States": {"A\u001b[2J": {"Type": "Fail",
            "Error": "Boom\u001b]0;pwned\u0007", "Cause": "x\u001b[31m"}}}"#,
    );
    let o = run(data.path(), &["sfn", "run", &def]);
    assert_eq!(o.status.code(), Some(3));
    let out = stdout(&o);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(
        out.contains("A^[[2J") && out.contains("1 state transition "),
        "{out}"
    );
    // And in the validator's findings.
    let bad = write(
        &data,
        "bad.asl.json",
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true},
            "B\u001b[2J": {"Type": "Succeed"}}}"#,
    );
    let o = run(data.path(), &["sfn", "check", &bad]);
    assert_eq!(o.status.code(), Some(1));
    let out = format!("{}{}", stdout(&o), stderr(&o));
    assert!(!out.contains('\u{1b}'), "{out:?}");
    assert!(
        out.contains("B^[[2J") && out.contains("1 finding\n"),
        "{out}"
    );
}

#[test]
fn graph_words_follow_the_language() {
    let data = TempDir::new("sfn-graph-lang");
    let pt = run(
        data.path(),
        &[
            "sfn",
            "graph",
            "stock-forecast",
            "--width",
            "80",
            "--lang",
            "pt-BR",
        ],
    );
    assert_eq!(pt.status.code(), Some(0));
    let t = stdout(&pt);
    assert!(
        t.contains("▶ início") && t.contains("├ regra 1 →") && t.contains("└ padrão →"),
        "{t}"
    );
    assert!(
        t.contains("✗ captura States.ALL") && t.contains("■ fim"),
        "{t}"
    );
    let en = run(
        data.path(),
        &[
            "sfn",
            "graph",
            "stock-forecast",
            "--width",
            "80",
            "--lang",
            "en",
        ],
    );
    assert!(stdout(&en).contains("└ default →"));
}

#[test]
fn mock_files_that_would_mislead_are_refused() {
    let data = TempDir::new("sfn-mock-misleading");
    let def = write(
        &data,
        "order.asl.json",
        r#"{"StartAt": "Charge", "States": {"Charge": {"Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#,
    );
    for (name, text, want) in [
        (
            "dup.mocks.json",
            r#"{"StateMachines": {"order": {"TestCases": {"T": {"Charge": "R"}}}},
                "MockedResponses": {"R": {"0": {"Return": 1}}, "R": {"0": {"Return": 2}}}}"#,
            "/MockedResponses/R: this key is repeated",
        ),
        (
            "overlap.mocks.json",
            r#"{"StateMachines": {"order": {"TestCases": {"T": {"Charge": "R"}}}},
                "MockedResponses": {"R": {"0-1": {"Return": 1}, "1-2": {"Return": 2}}}}"#,
            "overlap an earlier entry (0-1)",
        ),
        (
            "empty.mocks.json",
            r#"{"StateMachines": {"order": {"TestCases": {}}}, "MockedResponses": {}}"#,
            "/StateMachines/order/TestCases: no test cases",
        ),
        (
            "nomr.mocks.json",
            r#"{"StateMachines": {"order": {"TestCases": {"T": {}}}}}"#,
            "line 1: missing \"MockedResponses\" object",
        ),
    ] {
        let m = write(&data, name, text);
        let o = run(data.path(), &["sfn", "run", &def, "--mocks", &m]);
        assert_eq!(o.status.code(), Some(1), "{name}");
        let e = stderr(&o);
        assert!(e.contains(name) && e.contains(want), "{name}: {e}");
    }
}

#[test]
fn check_suggests_the_likely_name_of_a_missing_state() {
    let data = TempDir::new("sfn-did-you-mean");
    let f = write(
        &data,
        "typo.asl.json",
        r#"{"StartAt": "Charge", "States": {
  "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "notifyfailure"}], "Next": "Shpi"},
  "Ship": {"Type": "Succeed"},
  "NotifyFailure": {"Type": "Fail", "Error": "Failed"}}}"#,
    );
    let o = run(data.path(), &["sfn", "check", &f, "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains(r#"/States/Charge/Next: state "Charge""#),
        "{out}"
    );
    assert!(out.contains(r#""Shpi" — did you mean "Ship"?"#), "{out}");
    assert!(
        out.contains(r#""notifyfailure" — did you mean "NotifyFailure"?"#),
        "{out}"
    );
    let o = run(data.path(), &["sfn", "check", &f, "--lang", "pt-BR"]);
    let out = stdout(&o);
    assert!(out.contains(r#""Shpi" — você quis dizer "Ship"?"#), "{out}");
    // A name nothing like any state gets no guess.
    let g = write(
        &data,
        "far.asl.json",
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Publish"}, "B": {"Type": "Succeed"}}}"#,
    );
    let out = stdout(&run(data.path(), &["sfn", "check", &g, "--lang", "en"]));
    assert!(
        out.contains(r#""Publish""#) && !out.contains("did you mean"),
        "{out}"
    );
}

// https://aws.amazon.com/step-functions/pricing/ (Express Workflows: requests, and
// duration rounded up to 100 ms × memory billed in 64 MB chunks).
#[test]
fn run_with_type_express_prices_requests_and_gb_seconds() {
    let data = TempDir::new("sfn-express");
    let f = write(
        &data,
        "short.asl.json",
        r#"{"StartAt": "Pause", "States": {"Pause": {"Type": "Wait", "Seconds": 2, "Next": "Done"}, "Done": {"Type": "Succeed"}}}"#,
    );
    let o = run(
        data.path(),
        &["sfn", "run", &f, "--type", "express", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let j = run_json(&o);
    // 2 s × 64 MB = 0.125 GB-s at $0.06 per GB-hour, plus one request at $1 per million.
    assert_eq!(j["express"]["workflow_type"], "EXPRESS");
    assert_eq!(j["express"]["billed_duration_ms"], 2000);
    assert_eq!(j["express"]["billed_memory_mb"], 64);
    assert_eq!(j["express"]["gb_seconds"], "0.125");
    assert_eq!(j["express"]["request_usd"], "0.000001000");
    assert_eq!(j["express"]["duration_usd"], "0.000002083");
    assert_eq!(j["cost_usd"], "0.000003");
    // The default stays Standard, without the Express part.
    let j = run_json(&run(data.path(), &["sfn", "run", &f, "--format", "json"]));
    assert!(j.get("express").is_none());
    assert_eq!(j["cost_usd"], cost(2));
    // Text, in both languages.
    let en = stdout(&run(
        data.path(),
        &["sfn", "run", &f, "--type", "express", "--lang", "en"],
    ));
    assert!(
        en.contains("cost $0.000003 (Express: 1 request × $1.00 per million + 0.125 GB-s (2,000 ms × 64 MB) × $0.06 per GB-hour)"),
        "{en}"
    );
    let pt = stdout(&run(
        data.path(),
        &["sfn", "run", &f, "--type", "express", "--lang", "pt-BR"],
    ));
    assert!(
        pt.contains("custo US$ 0,000003 (Express: 1 requisição × US$ 1,00 por milhão + 0,125 GB-s (2.000 ms × 64 MB) × US$ 0,06 por GB-hora)"),
        "{pt}"
    );
    // What Express cannot run is said: over five minutes, or waiting for a task token.
    let g = write(
        &data,
        "long.asl.json",
        r#"{"StartAt": "Approve", "States": {"Approve": {"Type": "Task",
            "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "Parameters": {"QueueUrl": "q", "MessageBody": {"t.$": "$$.Task.Token"}}, "Next": "Pause"},
            "Pause": {"Type": "Wait", "Seconds": 600, "End": true}}}"#,
    );
    let en = stdout(&run(
        data.path(),
        &["sfn", "run", &g, "--type", "express", "--lang", "en"],
    ));
    assert!(
        en.contains("an Express execution stops after 5 minutes"),
        "{en}"
    );
    assert!(
        en.contains("do not support .sync or .waitForTaskToken"),
        "{en}"
    );
    let pt = stdout(&run(
        data.path(),
        &["sfn", "run", &g, "--type", "express", "--lang", "pt-BR"],
    ));
    assert!(
        pt.contains("uma execução Express para após 5 minutos"),
        "{pt}"
    );
    // An unknown type is a usage error.
    let o = run(data.path(), &["sfn", "run", &f, "--type", "fast"]);
    assert_eq!(o.status.code(), Some(2));
}
