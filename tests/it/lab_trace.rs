//! The Lab explains each step: the Choice rule that matched with the values it
//! compared, the error behind each retry and its retrier, the variables in scope,
//! and an input read from a file (`<stem>.input.json` beside the definition, or any
//! file with `I`). Snapshots at 80×24 and 120×40 in both languages.
use crate::common;

use common::{app, ctrl, press, screen, typed};

use aws_study::lang::Lang;
use crossterm::event::KeyCode;

const TRAIN: &str = r#"{
  "Comment": "Train, retry on throttling, then a quality gate.",
  "StartAt": "Init",
  "States": {
    "Init": {"Type": "Pass", "Assign": {"maxRmse.$": "$.qualityGate.maxRmse", "region": "us-east-1"}, "Next": "Train"},
    "Train": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
      "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2}],
      "ResultPath": "$.evaluation", "Next": "Gate"},
    "Gate": {"Type": "Choice", "Choices": [
      {"Variable": "$.evaluation.rmse", "NumericLessThanEqualsPath": "$.qualityGate.maxRmse", "Next": "Deploy"}],
      "Default": "Notify"},
    "Deploy": {"Type": "Succeed"},
    "Notify": {"Type": "Fail", "Error": "QualityTooLow"}
  }
}"#;

const MOCKS: &str = r#"{
  "StateMachines": {"train": {"TestCases": {"Throttled": {"Train": "ThrottledOnce"}}}},
  "MockedResponses": {"ThrottledOnce": {
    "0": {"Throw": {"Error": "Lambda.TooManyRequestsException", "Cause": "Rate exceeded"}},
    "1": {"Return": {"rmse": 8.42}}}}
}"#;

const INPUT: &str = r#"{"qualityGate": {"maxRmse": 12.5}}"#;

/// A folder with train.asl.json, its mocks and (if `input`) its input file.
fn machine(input: Option<&str>) -> (common::TempDir, String) {
    let dir = common::TempDir::new("lab-trace");
    let path = dir.path().join("train.asl.json");
    std::fs::write(&path, TRAIN).expect("write");
    std::fs::write(dir.path().join("train.mocks.json"), MOCKS).expect("write");
    if let Some(i) = input {
        std::fs::write(dir.path().join("train.input.json"), i).expect("write");
    }
    (dir, path.display().to_string())
}

fn open_path(a: &mut aws_study::tui::app::App, path: &str) {
    press(a, KeyCode::Char('o'));
    ctrl(a, 'u');
    typed(a, path);
    press(a, KeyCode::Enter);
}

fn opened(lang: Lang, input: Option<&str>) -> (common::TempDir, aws_study::tui::app::App) {
    let (dir, path) = machine(input);
    let mut a = app(lang);
    press(&mut a, KeyCode::Char('0'));
    open_path(&mut a, &path);
    (dir, a)
}

#[test]
fn o_picks_up_the_input_file_beside_the_definition() {
    let (_dir, mut a) = opened(Lang::En, Some(INPUT));
    assert_eq!(
        a.lab.input,
        serde_json::json!({"qualityGate": {"maxRmse": 12.5}})
    );
    let s = screen(&mut a, 120, 40);
    assert!(
        s.contains("input read from") && s.contains("train.input.json"),
        "{s}"
    );
    // With it, the machine goes to Deploy and succeeds.
    press(&mut a, KeyCode::Char('r'));
    let run = a.lab.run.as_ref().expect("run");
    assert_eq!(run.status, aws_study::sfn::sim::Status::Succeeded);
}

#[test]
fn a_broken_input_file_beside_the_definition_is_said_and_the_machine_runs_on_empty() {
    for lang in [Lang::En, Lang::PtBr] {
        let (_dir, mut a) = opened(lang, Some("{\"qualityGate\": "));
        assert_eq!(a.lab.input, serde_json::json!({}));
        let s = screen(&mut a, 120, 40);
        let (want, why) = match lang {
            Lang::En => ("not used: the input is {}", "not valid JSON"),
            Lang::PtBr => ("não usado: a entrada é {}", "JSON inválido"),
        };
        let said = a
            .message
            .as_ref()
            .map(|m| m.text(lang).to_string())
            .unwrap_or_default();
        assert!(
            said.contains("train.input.json:1:16") && said.contains(want),
            "{said}"
        );
        assert!(said.contains(why), "{said}");
        assert!(s.contains("train.input.json:1:16"), "{s}");
        assert!(a.lab.run.is_ok());
    }
}

#[test]
fn shift_i_reads_the_input_from_a_file_and_a_bad_one_keeps_the_old_input() {
    let (dir, mut a) = opened(Lang::En, None);
    let good = dir.path().join("gate.json");
    std::fs::write(&good, r#"{"qualityGate": {"maxRmse": 1}}"#).expect("write");
    // The field starts in the definition's folder.
    press(&mut a, KeyCode::Char('I'));
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("Input file: "), "{s}");
    ctrl(&mut a, 'u');
    typed(&mut a, &good.display().to_string());
    press(&mut a, KeyCode::Enter);
    assert_eq!(
        a.lab.input,
        serde_json::json!({"qualityGate": {"maxRmse": 1}})
    );
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("input read from"), "{s}");
    // A folder, a missing file, a file that is not JSON: refused by name, the input kept.
    let not_json = dir.path().join("notes.txt");
    std::fs::write(&not_json, "rmse is fine").expect("write");
    // Valid JSON, but over AWS's 256 KiB input quota.
    let huge = dir.path().join("huge.json");
    let blob = format!("{{\"blob\": \"{}\"}}", "x".repeat(300 * 1024));
    std::fs::write(&huge, blob).expect("write");
    for (bad, lang, why) in [
        (
            huge,
            Lang::En,
            "(256 KiB): AWS refuses to start an execution",
        ),
        (
            dir.path().to_path_buf(),
            Lang::En,
            "the previous input is kept",
        ),
        (
            dir.path().join("missing.json"),
            Lang::En,
            "the previous input is kept",
        ),
        (not_json, Lang::PtBr, "a entrada anterior foi mantida"),
    ] {
        if lang == Lang::PtBr {
            press(&mut a, KeyCode::Esc);
            press(&mut a, KeyCode::Char('L'));
        }
        press(&mut a, KeyCode::Char('I'));
        ctrl(&mut a, 'u');
        typed(&mut a, &bad.display().to_string());
        press(&mut a, KeyCode::Enter);
        assert_eq!(
            a.lab.input,
            serde_json::json!({"qualityGate": {"maxRmse": 1}})
        );
        let s = screen(&mut a, 200, 40);
        assert!(s.contains(why), "{bad:?}: {s}");
        press(&mut a, KeyCode::Esc);
    }
}

/// The screen without its last row, the status bar, which names the temporary
/// folder (different on every run).
fn without_status_bar(s: &str) -> String {
    let rows: Vec<&str> = s.lines().collect();
    rows[..rows.len().saturating_sub(1)].join("\n")
}

/// Steps until the current state is `state`.
fn step_to(a: &mut aws_study::tui::app::App, state: &str) {
    for _ in 0..20 {
        if a.lab.current().is_some_and(|s| s.state == state) {
            return;
        }
        press(a, KeyCode::Char('n'));
    }
    panic!("never reached {state}");
}

#[test]
fn a_choice_step_shows_the_rule_and_the_values_it_compared() {
    for lang in [Lang::En, Lang::PtBr] {
        for (w, h) in [(80, 24), (120, 40)] {
            let (_dir, mut a) = opened(lang, Some(INPUT));
            step_to(&mut a, "Gate");
            let s = screen(&mut a, w, h);
            let rule = match lang {
                Lang::En => "rule 1 matched: $.evaluation.rmse (8.42) ≤",
                Lang::PtBr => "regra 1 atendida: $.evaluation.rmse (8.42) ≤",
            };
            assert!(s.contains(rule), "{s}");
            assert!(s.contains("$.qualityGate.maxRmse (12.5)"), "{s}");
            insta::assert_snapshot!(
                format!("lab_choice_values_{}_{w}x{h}", lang.code()),
                without_status_bar(&s)
            );
        }
    }
}

#[test]
fn a_retried_task_shows_the_error_behind_the_retry_and_the_variables() {
    for lang in [Lang::En, Lang::PtBr] {
        for (w, h) in [(80, 24), (120, 40)] {
            let (_dir, mut a) = opened(lang, Some(INPUT));
            step_to(&mut a, "Train");
            let s = screen(&mut a, w, h);
            let (retry, vars) = match lang {
                Lang::En => (
                    "↻ retry 1 after 2.0 s: Retry[0] attempt 1 of 3",
                    "variables in scope (2)",
                ),
                Lang::PtBr => (
                    "↻ nova tentativa 1 após 2,0 s: Retry[0] tentativa 1 de 3",
                    "variáveis no escopo (2)",
                ),
            };
            assert!(s.contains(retry), "{s}");
            assert!(s.contains("Lambda.TooManyRequestsException"), "{s}");
            if h == 40 {
                // At 120×40 the variables have a row each: name = value.
                assert!(s.contains(vars), "{s}");
                assert!(
                    s.contains("$maxRmse = 12.5") && s.contains("$region = \"us-east-1\""),
                    "{s}"
                );
            } else {
                // At 80×24 the stages keep their rows (the variables give theirs up,
                // `v` shows them): the output is still there.
                let output = match lang {
                    Lang::En => "output = afterResultPath",
                    Lang::PtBr => "saída = após ResultPath",
                };
                assert!(s.contains(output), "{s}");
            }
            insta::assert_snapshot!(
                format!("lab_retry_error_{}_{w}x{h}", lang.code()),
                without_status_bar(&s)
            );
        }
    }
}

#[test]
fn a_long_variable_is_cut_with_a_marker_and_v_shows_it_whole() {
    let long = format!(
        r#"{{"qualityGate": {{"maxRmse": 12.5}}, "note": "{}"}}"#,
        "x".repeat(300)
    );
    let (dir, path) = machine(Some(&long));
    // Assign the long note too.
    let def = TRAIN.replace(r#""region": "us-east-1""#, r#""note.$": "$.note""#);
    std::fs::write(&path, def).expect("write");
    let mut a = app(Lang::En);
    press(&mut a, KeyCode::Char('0'));
    open_path(&mut a, &path);
    step_to(&mut a, "Train");
    let s = screen(&mut a, 120, 40);
    let row = s
        .lines()
        .find(|l| l.contains("$note = "))
        .expect("the variable's row");
    assert!(row.contains('…'), "{row}");
    press(&mut a, KeyCode::Char('v'));
    let all: String = match &a.lab.overlay {
        aws_study::tui::lab_tab::Overlay::Values { rows, .. } => rows.join("\n"),
        _ => panic!("no values view"),
    };
    assert!(
        all.contains("variables in scope") && all.contains(&"x".repeat(300)),
        "{all}"
    );
    drop(dir);
}

#[test]
fn x_prices_the_machine_as_express_and_a_adds_its_two_lines() {
    for lang in [Lang::En, Lang::PtBr] {
        let mut a = app(lang);
        press(&mut a, KeyCode::Char('0'));
        press(&mut a, KeyCode::Char('r'));
        let s = screen(&mut a, 120, 40);
        let standard = match lang {
            Lang::En => "cost $0.000125",
            Lang::PtBr => "custo US$ 0,000125",
        };
        assert!(s.contains(standard), "{s}");
        press(&mut a, KeyCode::Char('x'));
        let s = screen(&mut a, 120, 40);
        // One request ($0.000001) + 100 ms × 64 MB at $0.06 per GB-hour.
        // The stock-forecast pipeline waits for its Glue and training jobs (.sync):
        // priced as Express it is said to need Standard, and `a` adds no lines.
        let (express, said, refused) = match lang {
            Lang::En => (
                "cost Express $0.000001",
                "this machine needs Standard",
                "not priced as Express",
            ),
            Lang::PtBr => (
                "custo Express US$ 0,000001",
                "esta máquina precisa do Standard",
                "não dá para orçar como Express",
            ),
        };
        assert!(s.contains(express) && s.contains(said), "{s}");
        let before = a.budget.budget.lines.len();
        press(&mut a, KeyCode::Char('a'));
        assert!(screen(&mut a, 120, 40).contains(refused));
        assert_eq!(a.budget.budget.lines.len(), before);
        // A machine without .sync (map-batch) is added as its two Express lines.
        press(&mut a, KeyCode::Char('p'));
        press(&mut a, KeyCode::Char('2'));
        press(&mut a, KeyCode::Char('r'));
        assert!(a.lab.express, "still priced as Express");
        press(&mut a, KeyCode::Char('a'));
        ctrl(&mut a, 'u');
        typed(&mut a, "100000");
        press(&mut a, KeyCode::Enter);
        // The two Express lines come last, after the budget's own.
        let all = &a.budget.budget.lines;
        let lines = &all[all.len().saturating_sub(2)..];
        let services: Vec<&str> = lines.iter().map(|l| l.service.as_str()).collect();
        assert_eq!(services, ["sfn-express-requests", "sfn-express-duration"]);
        // 100,000 a day for 30 days: 3 million requests; 0.00625 GB-s each.
        let req = &lines[0];
        let qty: rust_decimal::Decimal = req.factors.iter().map(|f| f.value).product();
        assert_eq!(qty, rust_decimal::Decimal::from(3));
        let dur = &lines[1];
        assert_eq!(dur.unit, "GB-hour");
        assert!(dur.factors[2].value > rust_decimal::Decimal::ZERO);
        // And back to Standard.
        press(&mut a, KeyCode::Char('0'));
        press(&mut a, KeyCode::Char('p'));
        press(&mut a, KeyCode::Char('1'));
        press(&mut a, KeyCode::Char('r'));
        press(&mut a, KeyCode::Char('x'));
        let s = screen(&mut a, 120, 40);
        assert!(s.contains(standard), "{s}");
    }
}

/// Picks sample `n` (1-based) in the Lab.
fn sample(a: &mut aws_study::tui::app::App, n: char) {
    press(a, KeyCode::Char('p'));
    press(a, KeyCode::Char(n));
}

#[test]
fn the_first_state_of_an_iteration_or_a_branch_explains_where_its_input_came_from() {
    let mut a = app(Lang::En);
    press(&mut a, KeyCode::Char('0'));
    // map-batch: the item processor's first state.
    sample(&mut a, '2');
    step_to(&mut a, "CleanFile");
    let s = screen(&mut a, 120, 40);
    assert!(
        s.contains("Item 0 of the Map") && s.contains("(from ItemsPath $.files)"),
        "{s}"
    );
    assert!(!s.contains("The previous state's output"), "{s}");
    // parallel-microservices: a branch's first state, in Portuguese.
    press(&mut a, KeyCode::Char('L'));
    sample(&mut a, '3');
    for _ in 0..10 {
        if a.lab.current().is_some_and(|s| s.depth > 0) {
            break;
        }
        press(&mut a, KeyCode::Char('n'));
    }
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("Ramo 1 do Parallel"), "{s}");
}
