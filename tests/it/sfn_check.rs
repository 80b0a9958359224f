//! The Lab's validator (`sfn check`): the acceptance corpus, one test per rule, and the
//! awkward inputs (not JSON, huge, deeply nested, cyclic).
use crate::common;

use std::path::Path;
use std::time::{Duration, Instant};

use aws_study::lang::Lang;
use aws_study::sfn::check::{Finding, Options, Rule};
use aws_study::sfn::doc::check_text;
use common::{TempDir, run, stderr, stdout};

/// asl-validator's definitions, vendored with their licence under `tests/fixtures/`.
fn corpus_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/asl-validator/definitions")
}

fn findings(text: &str) -> Vec<Finding> {
    check_text(text, Options::default())
        .unwrap_or_else(|e| panic!("not JSON: {e:?}\n{text}"))
        .findings
}

#[test]
fn acceptance_verdict_equals_the_file_name_label_on_every_definition() {
    let dir = corpus_dir();
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the vendored corpus {}: {e}", dir.display()));
    let mut files: Vec<_> = entries.map(|e| e.expect("entry").path()).collect();
    files.sort();
    assert_eq!(files.len(), 112, "the corpus has 112 definitions");
    let mut wrong = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let want_valid = if name.starts_with("valid-") {
            true
        } else if name.starts_with("invalid-") {
            false
        } else {
            panic!("unlabelled file {name}");
        };
        let text = std::fs::read_to_string(f).expect("read");
        match check_text(&text, Options::default()) {
            Err(e) => {
                if want_valid {
                    wrong.push(format!("{name}: valid file refused as not JSON: {e:?}"));
                }
            }
            Ok(c) => {
                if c.is_valid() != want_valid {
                    let msgs: Vec<String> =
                        c.findings.iter().map(|f| f.message(Lang::En)).collect();
                    wrong.push(format!(
                        "{name}: want {}, got {} {msgs:?}",
                        if want_valid { "valid" } else { "invalid" },
                        if c.is_valid() { "valid" } else { "invalid" }
                    ));
                }
                if !want_valid {
                    for fd in &c.findings {
                        if fd.pointer.is_empty() || fd.line.is_none() {
                            wrong.push(format!("{name}: finding without pointer or line: {fd:?}"));
                        }
                    }
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn cli_check_of_an_invalid_fixture_exits_1_with_the_pointer() {
    let dir = corpus_dir();
    let f = dir.join("invalid-choice-state.json");
    let text = std::fs::read_to_string(&f).expect("the vendored fixture");
    let c = check_text(&text, Options::default()).unwrap();
    let first = c.findings.first().expect("a finding").clone();
    let data = TempDir::new("sfn-check");
    let o = run(data.path(), &["sfn", "check", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains(&first.pointer),
        "{} not in\n{out}",
        first.pointer
    );
    assert!(
        out.contains(&format!(":{}:", first.line.unwrap())),
        "line {:?} not in\n{out}",
        first.line
    );
}

const OK: &str = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#;

/// (rule, definition that breaks it, pointer, state, the fixed definition)
fn rule_cases() -> Vec<(Rule, String, &'static str, Option<&'static str>, String)> {
    let long = "N".repeat(81);
    let short = "N".repeat(80);
    let pass = |extra: &str| {
        format!(r#"{{"StartAt": "A", "States": {{"A": {{"Type": "Pass", {extra} "End": true}}}}}}"#)
    };
    let task = |extra: &str| {
        format!(
            r#"{{"StartAt": "A", "States": {{"A": {{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", {extra} "End": true}}}}}}"#
        )
    };
    let ata = |output: &str| {
        format!(
            r#"{{"QueryLanguage": "JSONata", "StartAt": "A", "States": {{"A": {{"Type": "Pass", "Output": {output}, "End": true}}}}}}"#
        )
    };
    let choice = |rule: &str| {
        format!(
            r#"{{"StartAt": "C", "States": {{"C": {{"Type": "Choice", "Choices": [{rule}], "Default": "D"}}, "D": {{"Type": "Succeed"}}}}}}"#
        )
    };
    vec![
        (
            Rule::DuplicateKey,
            r#"{"StartAt": "A", "StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#.into(),
            "/StartAt",
            None,
            OK.into(),
        ),
        (
            Rule::NotObject,
            r#"{"StartAt": "A", "States": {"A": 5}}"#.into(),
            "/States/A",
            Some("A"),
            OK.into(),
        ),
        (
            Rule::MissingField,
            r#"{"StartAt": "A", "States": {"A": {"Type": "Task", "End": true}}}"#.into(),
            "/States/A",
            Some("A"),
            task(""),
        ),
        (Rule::UnknownField, pass(r#""Foo": 1,"#), "/States/A/Foo", Some("A"), pass("")),
        (
            Rule::WrongQueryLanguage,
            pass(r#""Output": {"x": 1},"#),
            "/States/A/Output",
            Some("A"),
            pass(r#""Result": {"x": 1},"#),
        ),
        (
            Rule::FieldType,
            pass(r#""Comment": 5,"#),
            "/States/A/Comment",
            Some("A"),
            pass(r#""Comment": "five","#),
        ),
        (
            Rule::OutOfRange,
            task(r#""TimeoutSeconds": 0,"#),
            "/States/A/TimeoutSeconds",
            Some("A"),
            task(r#""TimeoutSeconds": 1,"#),
        ),
        (
            Rule::Exclusive,
            r#"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "SecondsPath": "$.s", "End": true}}}"#.into(),
            "/States/W/SecondsPath",
            Some("W"),
            r#"{"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.s", "End": true}}}"#.into(),
        ),
        (
            Rule::MissingTarget,
            r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}"#.into(),
            "/States/A/Next",
            Some("A"),
            r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}"#.into(),
        ),
        (
            Rule::NextAndEnd,
            r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B", "End": true}, "B": {"Type": "Succeed"}}}"#.into(),
            "/States/A/End",
            Some("A"),
            r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}"#.into(),
        ),
        (
            Rule::NoTransition,
            r#"{"StartAt": "A", "States": {"A": {"Type": "Pass"}}}"#.into(),
            "/States/A",
            Some("A"),
            OK.into(),
        ),
        (
            Rule::NoTerminal,
            r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}}}"#.into(),
            "/States",
            None,
            r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}}"#.into(),
        ),
        (
            Rule::Unreachable,
            r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}, "B": {"Type": "Succeed"}}}"#.into(),
            "/States/B",
            Some("B"),
            OK.into(),
        ),
        (
            Rule::NameTooLong,
            format!(r#"{{"StartAt": "{long}", "States": {{"{long}": {{"Type": "Succeed"}}}}}}"#),
            // The pointer is computed below (it holds the 81-character name).
            "",
            None,
            format!(r#"{{"StartAt": "{short}", "States": {{"{short}": {{"Type": "Succeed"}}}}}}"#),
        ),
        (
            Rule::DuplicateState,
            r#"{"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "P", "States": {"P": {"Type": "Succeed"}}}]}}}"#.into(),
            "/States/P/Branches/0/States/P",
            Some("P"),
            r#"{"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "Q", "States": {"Q": {"Type": "Succeed"}}}]}}}"#.into(),
        ),
        (
            Rule::StatesAllLast,
            task(
                r#""Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B"}, {"ErrorEquals": ["X"], "Next": "B"}],"#,
            )
            .replace(r#""End": true}}"#, r#""End": true}, "B": {"Type": "Succeed"}}"#),
            "/States/A/Catch/0/ErrorEquals",
            Some("A"),
            task(
                r#""Catch": [{"ErrorEquals": ["X"], "Next": "B"}, {"ErrorEquals": ["States.ALL"], "Next": "B"}],"#,
            )
            .replace(r#""End": true}}"#, r#""End": true}, "B": {"Type": "Succeed"}}"#),
        ),
        (
            Rule::BadPath,
            pass(r#""InputPath": "foo","#),
            "/States/A/InputPath",
            Some("A"),
            pass(r#""InputPath": "$.foo","#),
        ),
        (
            Rule::BadTemplate,
            pass(r#""Parameters": {"x.$": "not a path"},"#),
            "/States/A/Parameters/x.$",
            Some("A"),
            pass(r#""Parameters": {"x.$": "$.path"},"#),
        ),
        (
            Rule::TemplateConflict,
            pass(r#""Parameters": {"x": 1, "x.$": "$.a"},"#),
            "/States/A/Parameters/x.$",
            Some("A"),
            pass(r#""Parameters": {"x.$": "$.a"},"#),
        ),
        (
            Rule::BadIntrinsic,
            pass(r#""Parameters": {"x.$": "States.Nope($.a)"},"#),
            "/States/A/Parameters/x.$",
            Some("A"),
            pass(r#""Parameters": {"x.$": "States.Array($.a)"},"#),
        ),
        (
            Rule::JsonataSurround,
            ata(r#""{% $states.input""#),
            "/States/A/Output",
            Some("A"),
            ata(r#""{% $states.input %}""#),
        ),
        (
            Rule::JsonataSyntax,
            ata(r#""{% $states.input + %}""#),
            "/States/A/Output",
            Some("A"),
            ata(r#""{% $states.input.a + 1 %}""#),
        ),
        (
            Rule::BadResource,
            task("").replace("arn:aws:states:::lambda:invoke", "lambda-invoke"),
            "/States/A/Resource",
            Some("A"),
            task(""),
        ),
        (
            Rule::BadChoiceRule,
            choice(
                r#"{"Variable": "$.x", "NumericEquals": 1, "And": [{"Variable": "$.y", "IsNull": true}], "Next": "D"}"#,
            ),
            "/States/C/Choices/0",
            Some("C"),
            choice(r#"{"Variable": "$.x", "NumericEquals": 1, "Next": "D"}"#),
        ),
        (
            Rule::BadTimestamp,
            r#"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Timestamp": "tomorrow", "End": true}}}"#.into(),
            "/States/W/Timestamp",
            Some("W"),
            r#"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Timestamp": "2026-01-31T12:00:00Z", "End": true}}}"#.into(),
        ),
    ]
}

#[test]
fn every_rule_has_a_case_that_triggers_it_and_a_fix_that_clears_it() {
    let cases = rule_cases();
    for rule in Rule::ALL {
        assert!(
            cases.iter().any(|c| c.0 == rule),
            "no test case for {rule:?}"
        );
    }
    let mut wrong = Vec::new();
    for (rule, bad, pointer, state, fixed) in &cases {
        let fs = findings(bad);
        let pointer = if *rule == Rule::NameTooLong {
            format!("/States/{}", "N".repeat(81))
        } else {
            pointer.to_string()
        };
        let state = if *rule == Rule::NameTooLong {
            Some("N".repeat(81))
        } else {
            state.map(str::to_string)
        };
        let hit = fs
            .iter()
            .find(|f| f.rule == *rule && f.pointer == pointer && f.state == state);
        match hit {
            Some(f) => {
                if f.line != Some(1) {
                    wrong.push(format!("{rule:?}: line {:?}, want Some(1)", f.line));
                }
            }
            None => wrong.push(format!(
                "{rule:?}: no finding at {pointer} (state {state:?}); got {:?}",
                fs.iter()
                    .map(|f| (f.rule, f.pointer.clone(), f.state.clone()))
                    .collect::<Vec<_>>()
            )),
        }
        let ff = findings(fixed);
        if !ff.is_empty() {
            wrong.push(format!(
                "{rule:?}: the fix still has findings: {:?}",
                ff.iter().map(|f| f.message(Lang::En)).collect::<Vec<_>>()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_rule_is_explained_in_both_languages() {
    for rule in Rule::ALL {
        for f in [Rule::title, Rule::explain] {
            let (en, pt) = (f(rule, Lang::En), f(rule, Lang::PtBr));
            assert!(!en.trim().is_empty() && !pt.trim().is_empty(), "{rule:?}");
            assert_ne!(en, pt, "{rule:?} is not translated");
        }
    }
}

#[test]
fn lenient_resource_accepts_any_uri() {
    let def = r#"{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "urn:foo:bar", "End": true}}}"#;
    let strict = findings(def);
    assert!(
        strict.iter().any(|f| f.rule == Rule::BadResource),
        "{strict:?}"
    );
    let lenient = check_text(
        def,
        Options {
            lenient_resource: true,
        },
    )
    .unwrap();
    assert!(lenient.is_valid(), "{:?}", lenient.findings);

    let data = TempDir::new("sfn-lenient");
    let f = data.path().join("urn.asl.json");
    std::fs::write(&f, def).unwrap();
    let p = f.to_str().unwrap();
    let o = run(data.path(), &["sfn", "check", p]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("/States/A/Resource"), "{}", stdout(&o));
    let o = run(data.path(), &["sfn", "check", p, "--lenient-resource"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("valid"));
    // `sfn run` takes the flag too: such a machine can be run.
    let o = run(data.path(), &["sfn", "run", p]);
    assert_eq!(o.status.code(), Some(1));
    let o = run(data.path(), &["sfn", "run", p, "--lenient-resource"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn a_trailing_comma_on_line_4_is_reported_as_line_4() {
    let text = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"End\": true},\n  }\n}\n";
    // serde_json notices the comma when it meets the `}` after it: line 5. The comma
    // itself is on line 4; either way the message must name a line.
    let data = TempDir::new("sfn-comma");
    let f = data.path().join("comma.asl.json");
    let text4 = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"End\": true,}\n  }\n}\n";
    for (t, line) in [(text4, 4), (text, 5)] {
        std::fs::write(&f, t).unwrap();
        let o = run(data.path(), &["sfn", "check", f.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1));
        let all = format!("{}{}", stdout(&o), stderr(&o));
        // FILE:LINE:COLUMN, as compilers print it.
        assert!(all.contains(&format!("comma.asl.json:{line}:")), "{all}");
        assert!(all.contains("trailing comma"), "{all}");
    }
}

#[test]
fn not_json_and_not_an_object_are_refused() {
    let data = TempDir::new("sfn-notjson");
    for (i, text) in ["this is not json", "[1, 2]", "42", "null", "\"A\""]
        .iter()
        .enumerate()
    {
        let f = data.path().join(format!("x{i}.json"));
        std::fs::write(&f, text).unwrap();
        let o = run(data.path(), &["sfn", "check", f.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{text}");
        let all = format!("{}{}", stdout(&o), stderr(&o));
        assert!(all.contains(&format!("x{i}.json")), "{all}");
    }
    let c = check_text("[1, 2]", Options::default()).unwrap();
    assert!(c.findings.iter().any(|f| f.rule == Rule::NotObject));
}

#[test]
fn huge_definitions_are_checked_quickly() {
    // A 10 MB Comment.
    let big = format!(
        r#"{{"Comment": "{}", "StartAt": "A", "States": {{"A": {{"Type": "Pass", "End": true}}}}}}"#,
        "x".repeat(10 * 1024 * 1024)
    );
    let t = Instant::now();
    let c = check_text(&big, Options::default()).unwrap();
    assert!(c.is_valid(), "{:?}", c.findings);
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());

    // 50,000 Pass states in a chain (a few MB of JSON).
    let n = 50_000;
    let mut s = String::from(r#"{"StartAt": "S0", "States": {"#);
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        if i + 1 == n {
            s.push_str(&format!(r#""S{i}": {{"Type": "Pass", "End": true}}"#));
        } else {
            s.push_str(&format!(
                r#""S{i}": {{"Type": "Pass", "Next": "S{}"}}"#,
                i + 1
            ));
        }
    }
    s.push_str("}}");
    let t = Instant::now();
    let c = check_text(&s, Options::default()).unwrap();
    assert!(c.is_valid(), "{:?}", c.findings.first());
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());

    // Through the CLI as well.
    let data = TempDir::new("sfn-huge");
    let f = data.path().join("big.asl.json");
    std::fs::write(&f, &big).unwrap();
    let o = run(data.path(), &["sfn", "check", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn deeply_nested_json_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(check_text(&deep, Options::default()).is_err());
    let deep_obj = format!(
        r#"{{"StartAt": "A", "States": {{"A": {{"Type": "Pass", "End": true, "Result": {}1{}}}}}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(check_text(&deep_obj, Options::default()).is_err());
    let data = TempDir::new("sfn-deep");
    let f = data.path().join("deep.json");
    std::fs::write(&f, &deep).unwrap();
    let o = run(data.path(), &["sfn", "check", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("deep.json") || stderr(&o).contains("deep.json"));
}

#[test]
fn deeply_nested_jsonata_is_checked_without_a_crash() {
    // The JSONata parser recurses once per bracket or operator; these used to
    // overflow the stack and abort the process (and, in the TUI, leave the terminal raw).
    let machine = |expr: &str| {
        serde_json::json!({
            "QueryLanguage": "JSONata",
            "StartAt": "A",
            "States": {"A": {"Type": "Pass", "Output": format!("{{% {expr} %}}"), "End": true}}
        })
        .to_string()
    };
    let n = 8000;
    for expr in [
        format!("{}1{}", "(".repeat(n), ")".repeat(n)),
        format!("{}1", "-".repeat(2 * n)),
        format!("{}1", "1+".repeat(n)),
        format!("{}a", "a.".repeat(n)),
        format!("{}1{}", "$f(".repeat(n / 2), ")".repeat(n / 2)),
    ] {
        // jsonata-core, the engine that runs them, parses up to 1,000 levels of
        // nesting: deeper ones are a finding naming that limit, never a crash.
        let found = findings(&machine(&expr));
        assert!(
            found.is_empty() || (found.len() == 1 && found[0].subject.contains("nesting depth")),
            "{}: {found:?}",
            &expr[..20]
        );
    }
    // Too long to check: a finding that says so, not a verdict of the parser.
    let long = format!("{}1", "1+".repeat(10_000));
    let found = findings(&machine(&long));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].subject.contains("16384"), "{}", found[0].subject);
    // The unclosed form is still a syntax error.
    let found = findings(&machine(&format!("{}1", "(".repeat(n))));
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn a_cycle_without_end_has_no_terminal_state() {
    let fs = findings(
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}}}"#,
    );
    assert_eq!(
        fs.iter().map(|f| f.rule).collect::<Vec<_>>(),
        vec![Rule::NoTerminal]
    );
}

#[test]
fn every_missing_target_is_named() {
    let fs = findings(
        r#"{"StartAt": "Nope", "States": {
            "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": true, "Next": "X1"}], "Default": "X2"},
            "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "X3"}]}
        }}"#,
    );
    for p in [
        "/StartAt",
        "/States/C/Choices/0/Next",
        "/States/C/Default",
        "/States/T/Catch/0/Next",
    ] {
        assert!(
            fs.iter()
                .any(|f| f.rule == Rule::MissingTarget && f.pointer == p),
            "{p}: {fs:?}"
        );
    }
    let lines: Vec<_> = fs
        .iter()
        .filter(|f| f.rule == Rule::MissingTarget)
        .map(|f| f.line)
        .collect();
    assert!(lines.iter().all(Option::is_some), "{lines:?}");
}

#[test]
fn a_wrong_type_says_what_was_found_and_is_reported_once() {
    let found = findings(
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": "yes", "ResultPath": 5}}}"#,
    );
    let subjects: Vec<&str> = found.iter().map(|f| f.subject.as_str()).collect();
    // No "neither Next nor End" and no "no terminal state" that only follow from End.
    assert_eq!(
        subjects,
        [
            r#"End must be true, found the string "yes""#,
            "ResultPath must be a string or null, found the number 5"
        ],
        "{found:?}"
    );
}

#[test]
fn a_whole_number_too_big_for_64_bits_is_out_of_range_not_a_wrong_type() {
    let found = findings(
        r#"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 99999999999999999999, "End": true}}}"#,
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].rule, Rule::OutOfRange);
    assert!(
        found[0].subject.contains("(0…99999999)"),
        "{}",
        found[0].subject
    );
}

#[test]
fn an_empty_file_and_a_byte_order_mark_are_explained() {
    let e = check_text("", Options::default()).unwrap_err();
    assert_eq!((e.line, e.column), (1, 1));
    let e = check_text("\u{feff}{\"StartAt\": \"A\"}", Options::default()).unwrap_err();
    assert!(e.reason.contains("byte-order mark"), "{}", e.reason);
}

#[test]
fn fail_paths_take_only_the_string_returning_intrinsics() {
    let fail = |path: &str| {
        findings(&format!(
            r#"{{"StartAt": "F", "States": {{"F": {{"Type": "Fail", "CausePath": "{path}"}}}}}}"#
        ))
    };
    assert!(fail("States.Format('at {}', $.x)").is_empty());
    assert!(fail("$.cause").is_empty());
    let found = fail("States.StringToJson($.x)");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].rule, Rule::BadIntrinsic);
    assert!(
        found[0].subject.contains("States.StringToJson"),
        "{}",
        found[0].subject
    );
}
