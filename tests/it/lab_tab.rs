//! The Lab tab as rendered buffers (insta snapshots in both languages at 80×24 and
//! 120×40) and its keys: samples, stepping, input editing, test cases, findings,
//! opening a file, adding the machine to the Budget tab.
use crate::common;

use common::{app, ctrl, press, screen, typed};

use aws_study::lang::Lang;
use aws_study::tui::lab_tab::Origin;
use crossterm::event::KeyCode;

/// `o`, then the path typed over whatever the field held, then Enter.
fn open_path(a: &mut aws_study::tui::app::App, path: &str) {
    press(a, KeyCode::Char('o'));
    ctrl(a, 'u');
    typed(a, path);
    press(a, KeyCode::Enter);
}

#[test]
fn key_0_opens_the_lab_on_the_first_sample_in_both_languages() {
    for lang in [Lang::En, Lang::PtBr] {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut a = app(lang);
            press(&mut a, KeyCode::Char('0'));
            assert!(a.on_lab());
            let s = screen(&mut a, w, h);
            assert!(s.contains("Lab"), "{s}");
            let title = match lang {
                Lang::En => "Stock forecast",
                Lang::PtBr => "Previsão de estoque",
            };
            assert!(s.contains(title), "{s}");
            insta::assert_snapshot!(format!("lab_start_{}_{w}x{h}", lang.code()), s);
            typed(&mut a, "nn");
            let s = screen(&mut a, w, h);
            assert!(s.contains("TrainForecastModel (Task)"), "{s}");
            insta::assert_snapshot!(format!("lab_step2_{}_{w}x{h}", lang.code()), s);
        }
    }
}

#[test]
fn stepping_back_run_and_reset() {
    let mut a = app(Lang::En);
    press(&mut a, KeyCode::Char('0'));
    typed(&mut a, "nnb");
    assert_eq!(
        a.lab.current().map(|s| s.state.clone()).as_deref(),
        Some("RunGlueETL")
    );
    typed(&mut a, "r");
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("SUCCEEDED"), "{s}");
    assert!(s.contains("ForecastReady (Succeed)"), "{s}");
    typed(&mut a, "R");
    assert_eq!(a.lab.cursor, 0);
    assert!(screen(&mut a, 120, 40).contains("Before the first state"));
}

#[test]
fn the_help_names_the_stepping_keys() {
    for (lang, word) in [(Lang::En, "step forward"), (Lang::PtBr, "avançar um passo")] {
        let mut a = app(lang);
        press(&mut a, KeyCode::Char('0'));
        press(&mut a, KeyCode::Char('?'));
        let s = screen(&mut a, 120, 40);
        assert!(s.contains(word), "{s}");
    }
}

#[test]
fn samples_picker_and_test_cases() {
    let mut a = app(Lang::En);
    press(&mut a, KeyCode::Char('0'));
    press(&mut a, KeyCode::Char('p'));
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("Sample machines"), "{s}");
    press(&mut a, KeyCode::Char('4'));
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("Incident response"), "{s}");
    press(&mut a, KeyCode::Char('t'));
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("Rejected"), "{s}");
    let i = a
        .lab
        .cases
        .iter()
        .position(|c| c == "Rejected")
        .expect("case");
    press(&mut a, KeyCode::Char(char::from(b'1' + i as u8)));
    press(&mut a, KeyCode::Char('r'));
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("Rejected") && s.contains("SUCCEEDED"), "{s}");
    insta::assert_snapshot!("lab_incident_rejected_end_120x40", s);
}

#[test]
fn a_failed_run_shows_its_error_and_cause_at_80x24() {
    for lang in [Lang::En, Lang::PtBr] {
        let mut a = app(lang);
        press(&mut a, KeyCode::Char('0'));
        press(&mut a, KeyCode::Char('t'));
        let i = a
            .lab
            .cases
            .iter()
            .position(|c| c == "QualityTooLow")
            .expect("case");
        press(&mut a, KeyCode::Char(char::from(b'1' + i as u8)));
        press(&mut a, KeyCode::Char('r'));
        let s = screen(&mut a, 80, 24);
        let (status, end) = match lang {
            Lang::En => (
                "✓ valid · FAILED · step",
                "FAILED · error ModelQualityTooLow · cause: ",
            ),
            Lang::PtBr => (
                "✓ válida · FAILED (falhou) · passo",
                "FAILED (falhou) · erro ModelQualityTooLow · causa: ",
            ),
        };
        assert!(s.contains(status), "{s}");
        assert!(s.contains(end), "{s}");
        insta::assert_snapshot!(format!("lab_failed_end_{}_80x24", lang.code()), s);
        let s = screen(&mut a, 120, 40);
        insta::assert_snapshot!(format!("lab_failed_end_{}_120x40", lang.code()), s);
    }
}

/// Every word the Lab draws in Portuguese is Portuguese: stage names, the run's
/// status, output and error labels, Choice rules, as a pt-BR learner steps through
/// every sample and test case (AWS's own names — state types, fields, error names — stay).
#[test]
fn the_lab_in_portuguese_has_no_english_words() {
    let english = english_words();
    let mut a = app(Lang::PtBr);
    press(&mut a, KeyCode::Char('0'));
    for sample in 0..aws_study::sfn::samples::all().len() {
        press(&mut a, KeyCode::Char('p'));
        press(&mut a, KeyCode::Char(char::from(b'1' + sample as u8)));
        let cases = a.lab.cases.len().max(1);
        for (case, (w, h)) in (0..cases).flat_map(|c| [(c, (80, 24)), (c, (120, 40))]) {
            if a.lab.cases.len() > 1 {
                press(&mut a, KeyCode::Char('t'));
                press(&mut a, KeyCode::Char(char::from(b'1' + case as u8)));
            }
            press(&mut a, KeyCode::Char('R'));
            // An error's cause is the mock file's (AWS's) own text, in English.
            let mut causes: Vec<String> = a
                .lab
                .steps()
                .iter()
                .flat_map(|st| {
                    // The errors behind its retries too.
                    st.error
                        .iter()
                        .chain(st.retries.iter().map(|r| &r.error))
                        .map(|e| e.cause.clone())
                })
                .collect();
            if let Ok(run) = &a.lab.run {
                causes.extend(run.error.as_ref().map(|e| e.cause.clone()));
            }
            let cause_words: Vec<&str> = causes
                .iter()
                .flat_map(|c| c.split(|ch: char| !ch.is_alphanumeric()))
                .collect();
            for _ in 0..40 {
                let s = screen(&mut a, w, h);
                for line in s.lines() {
                    // JSON values are data, not words of the app.
                    // Per pane; JSON values (and their wrapped rows) are data.
                    for pane in line.trim_matches('"').split('│') {
                        let before_quote = pane.split('"').next().unwrap_or("");
                        if pane.contains('"') && !before_quote.contains(':') {
                            continue; // a wrapped row of a JSON value
                        }
                        let words = pane.split(['{', '"', '/', '$', '[']).next().unwrap_or("");
                        for e in &english {
                            assert!(
                                // (A word cut with … is not checked.)
                                !words
                                    .split(|c: char| !c.is_alphanumeric() && c != '…')
                                    .any(|t| t == *e && !cause_words.contains(&t)),
                                "sample {sample} case {case} at {w}x{h}: {e:?} in {line}"
                            );
                        }
                    }
                }
                if a.lab.cursor == a.lab.steps().len() {
                    break;
                }
                press(&mut a, KeyCode::Char('n'));
            }
        }
    }
}

fn english_words() -> Vec<&'static str> {
    vec![
        "input",
        "output",
        "result",
        "afterInputPath",
        "afterParameters",
        "afterResultSelector",
        "afterResultPath",
        "rule",
        "default",
        "error",
        "cause",
        "help",
        "step",
        "valid",
        "retry",
        "after",
        "waits",
        "graph",
        "findings",
    ]
}

#[test]
fn v_shows_every_stage_value_in_full_and_scrolls() {
    let mut a = app(Lang::En);
    press(&mut a, KeyCode::Char('0'));
    press(&mut a, KeyCode::Char('n'));
    press(&mut a, KeyCode::Char('n'));
    // At 80x24 the stage pane cuts long values with an ellipsis…
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("afterParameters: {\"TrainingJobName\""), "{s}");
    // …the values view shows them pretty-printed, whole.
    press(&mut a, KeyCode::Char('v'));
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains("TrainForecastModel (Task)") && s.contains("Values, rows 1–"),
        "{s}"
    );
    assert!(
        s.contains("input:") && s.contains("\"runId\": \"2025-06-01\""),
        "{s}"
    );
    let rows = match &a.lab.overlay {
        aws_study::tui::lab_tab::Overlay::Values { rows, .. } => rows.len(),
        other => panic!("{other:?}"),
    };
    assert!(rows > 22, "{rows} rows");
    // The last stage is reached by scrolling, and the last page stays full.
    for _ in 0..rows {
        press(&mut a, KeyCode::Char('j'));
    }
    let s = screen(&mut a, 80, 24);
    assert!(!s.contains("Values, rows 1–"), "{s}");
    assert!(s.contains(&format!("–{rows}/{rows} ")), "{s}");
    let end = match &a.lab.overlay {
        aws_study::tui::lab_tab::Overlay::Values { scroll, .. } => *scroll,
        other => panic!("{other:?}"),
    };
    assert!(end + 10 < rows, "scrolled to {end} of {rows}");
    // g and G go to the top and the end.
    press(&mut a, KeyCode::Char('g'));
    assert!(screen(&mut a, 80, 24).contains("Values, rows 1–"));
    press(&mut a, KeyCode::Char('G'));
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains(&format!("–{rows}/{rows} ")) && !s.contains("Values, rows 1–"),
        "{s}"
    );
    press(&mut a, KeyCode::PageUp);
    press(&mut a, KeyCode::Esc);
    assert!(matches!(
        a.lab.overlay,
        aws_study::tui::lab_tab::Overlay::None
    ));
    // Stepping still works after closing.
    press(&mut a, KeyCode::Char('n'));
    assert_eq!(a.lab.cursor, 3);
    // `?` lists it, and every graph-scroll key, as the key table has them.
    press(&mut a, KeyCode::Char('?'));
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("Lab: step through a state machine"), "{s}");
    press(&mut a, KeyCode::PageDown);
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("this step's values in full"), "{s}");
    assert!(s.contains("↓ j  ↑ k  PgDn  PgUp"), "{s}");
    assert!(
        s.contains("g  G") && s.contains("top / end of the graph"),
        "{s}"
    );
}

#[test]
fn a_bad_input_edit_is_refused_and_the_old_input_kept() {
    let mut a = app(Lang::En);
    press(&mut a, KeyCode::Char('0'));
    let before = a.lab.input.clone();
    press(&mut a, KeyCode::Char('i'));
    ctrl(&mut a, 'u');
    typed(&mut a, "{\"runId\": ");
    // Enter is a new line in the editor; Ctrl-S saves.
    press(&mut a, KeyCode::Enter);
    ctrl(&mut a, 's');
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("Refused, the input stays as it was"), "{s}");
    assert_eq!(a.lab.input, before);
    // q types into the editor instead of quitting.
    typed(&mut a, "q");
    assert!(!a.quit);
    press(&mut a, KeyCode::Esc);
    // A good edit reruns from the start.
    press(&mut a, KeyCode::Char('i'));
    ctrl(&mut a, 'u');
    typed(&mut a, "{\"runId\": \"2026-01-01\"}");
    ctrl(&mut a, 's');
    assert_eq!(a.lab.input, serde_json::json!({"runId": "2026-01-01"}));
    assert!(a.lab.editor.is_none());
}

#[test]
fn add_to_budget_adds_a_step_functions_line() {
    let mut a = app(Lang::En);
    press(&mut a, KeyCode::Char('0'));
    let lines = a.budget.budget.lines.len();
    press(&mut a, KeyCode::Char('a'));
    ctrl(&mut a, 'u');
    typed(&mut a, "5000");
    press(&mut a, KeyCode::Enter);
    assert!(a.on_budget());
    assert_eq!(a.budget.budget.lines.len(), lines + 1);
    let line = a.budget.budget.lines.last().expect("line");
    assert_eq!(line.service, "sfn-standard");
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("Step Functions"), "{s}");
    let first = a.budget.budget.lines.last().expect("line");
    assert_eq!(first.free_quantity, rust_decimal::Decimal::from(4000));
    // A second machine shares the account's free tier: its line gets none.
    press(&mut a, KeyCode::Char('0'));
    press(&mut a, KeyCode::Char('a'));
    ctrl(&mut a, 'u');
    typed(&mut a, "1000");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.budget.budget.lines.len(), lines + 2);
    let second = a.budget.budget.lines.last().expect("line");
    assert!(second.free_quantity.is_zero());
    // At 80 columns the notice wraps over the rows above the status line.
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains("per account") && s.contains("already has them"),
        "{s}"
    );
}

#[test]
fn opening_a_file_shows_its_findings_and_jumps_to_the_state() {
    let dir = common::TempDir::new("lab-open");
    let path = dir.path().join("broken.asl.json");
    std::fs::write(
        &path,
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}, "B": {"Type": "Succeed"}}}"#,
    )
    .expect("write");
    let mut a = app(Lang::En);
    press(&mut a, KeyCode::Char('0'));
    press(&mut a, KeyCode::Char('o'));
    typed(&mut a, &path.display().to_string());
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("findings"), "{s}");
    press(&mut a, KeyCode::Char('f'));
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("Nowhere"), "{s}");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.lab.highlighted(), Some("A"));
    // A missing file is an error and the machine stays.
    open_path(&mut a, "/no/such/file.json");
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("/no/such/file.json"), "{s}");
    assert!(
        matches!(&a.lab.origin, Origin::File(p) if p.contains("broken")),
        "{:?}",
        a.lab.origin
    );
}

#[test]
fn every_lab_key_at_every_size_never_panics() {
    let keys = "nbrRpotfaiv?jkgGLnvjjq";
    for (w, h) in [(1, 1), (20, 5), (30, 8), (60, 15), (80, 24), (200, 60)] {
        let mut a = app(Lang::En);
        press(&mut a, KeyCode::Char('0'));
        for c in keys.chars() {
            press(&mut a, KeyCode::Char(c));
            let _ = screen(&mut a, w, h);
            press(&mut a, KeyCode::Esc);
            let _ = screen(&mut a, w, h);
        }
    }
}

#[test]
fn a_broken_mock_file_beside_the_definition_is_named_not_ignored() {
    let dir = common::TempDir::new("lab-bad-mocks");
    let path = dir.path().join("order.asl.json");
    std::fs::write(
        &path,
        r#"{"StartAt": "Charge", "States": {"Charge": {"Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}"#,
    )
    .expect("write");
    std::fs::write(
        dir.path().join("order.mocks.json"),
        "{\"StateMachines\": {,}",
    )
    .expect("write");
    let mut a = app(Lang::En);
    press(&mut a, KeyCode::Char('0'));
    open_path(&mut a, &path.display().to_string());
    assert!(matches!(&a.lab.origin, Origin::File(_)));
    assert!(a.lab.mocks.is_none());
    let s = screen(&mut a, 200, 40);
    assert!(
        s.contains("order.mocks.json") && s.contains("not used"),
        "{s}"
    );
    // At 80 columns the message wraps instead of losing its end; after other keys
    // the header and `t` still say so.
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("not used: Tasks return their input"), "{s}");
    press(&mut a, KeyCode::Char('n'));
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains("Lab · order.asl.json   ·   mock file unusable (t)"),
        "{s}"
    );
    press(&mut a, KeyCode::Char('t'));
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains("order.mocks.json") && !s.contains("no mock file"),
        "{s}"
    );
    // After a language switch `t` says it in the new language.
    press(&mut a, KeyCode::Char('L'));
    press(&mut a, KeyCode::Char('t'));
    let s = screen(&mut a, 120, 30);
    assert!(s.contains("não usado: as Tasks devolvem a entrada"), "{s}");
}

#[test]
fn switching_language_rewrites_the_lab_messages() {
    let dir = common::TempDir::new("lab-lang");
    let path = dir.path().join("bad.asl.json");
    std::fs::write(
        &path,
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}"#,
    )
    .expect("write");
    let mut a = app(Lang::En);
    press(&mut a, KeyCode::Char('0'));
    open_path(&mut a, &path.display().to_string());
    press(&mut a, KeyCode::Char('n'));
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("2 findings (f) · fix them to run"), "{s}");
    press(&mut a, KeyCode::Char('L'));
    let s = screen(&mut a, 120, 40);
    assert!(
        s.contains("2 problemas (f) · corrija-os para executar"),
        "{s}"
    );
    assert!(!s.contains("fix them to run"), "{s}");
}

#[test]
fn an_endless_loop_stops_at_the_limit_and_its_steps_can_be_walked() {
    let dir = common::TempDir::new("lab-loop");
    let path = dir.path().join("loop.asl.json");
    std::fs::write(
        &path,
        r#"{"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Next": "B"},
            "B": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "Done"}], "Default": "A"},
            "Done": {"Type": "Succeed"}}}"#,
    )
    .expect("write");
    let mut a = app(Lang::En);
    press(&mut a, KeyCode::Char('0'));
    open_path(&mut a, &path.display().to_string());
    // The first rounds can be stepped through…
    press(&mut a, KeyCode::Char('n'));
    press(&mut a, KeyCode::Char('n'));
    press(&mut a, KeyCode::Char('n'));
    assert_eq!(a.lab.current().map(|s| s.state.as_str()), Some("A"));
    // …and the end says the Lab stopped it.
    press(&mut a, KeyCode::Char('r'));
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("STOPPED after 25,000 transitions"), "{s}");
    assert!(s.contains("25,000 events"), "{s}");
    assert_eq!(a.lab.steps().len(), 25_000);
    // Such a run is not priced.
    let lines = a.budget.budget.lines.len();
    press(&mut a, KeyCode::Char('a'));
    assert!(a.lab.field.is_none());
    let s = screen(&mut a, 200, 40);
    assert!(s.contains("nothing to price"), "{s}");
    assert_eq!(a.budget.budget.lines.len(), lines);
}

/// The row of the status line that says which rows of the graph are shown
/// (`graph 1–12/39`): the number of rows the graph pane has.
fn graph_rows(s: &str) -> usize {
    let at = s.find("1–").expect("graph position on the status row");
    let rest = &s[at + "1–".len()..];
    rest.split('/').next().unwrap_or("0").parse().expect("rows")
}

#[test]
fn at_80x24_before_the_first_step_the_graph_takes_the_free_rows() {
    for lang in [Lang::En, Lang::PtBr] {
        let mut a = app(lang);
        press(&mut a, KeyCode::Char('0'));
        let before = screen(&mut a, 80, 24);
        press(&mut a, KeyCode::Char('n'));
        let after = screen(&mut a, 80, 24);
        assert!(graph_rows(&before) >= 12, "{before}");
        assert!(
            graph_rows(&before) > graph_rows(&after),
            "{before}\n{after}"
        );
        // The execution input still shows under it.
        assert!(before.contains("\"runId\""), "{before}");
        // The highlighted first state is in view once the pane shrinks.
        assert!(after.contains("RunGlueETL (Task)"), "{after}");
        insta::assert_snapshot!(
            format!("lab_before_first_step_{}_80x24", lang.code()),
            before
        );
    }
}

#[test]
fn after_editing_the_input_the_graph_returns_to_the_start() {
    for lang in [Lang::En, Lang::PtBr] {
        let mut a = app(lang);
        press(&mut a, KeyCode::Char('0'));
        screen(&mut a, 80, 24);
        press(&mut a, KeyCode::Char('r'));
        screen(&mut a, 80, 24);
        assert!(a.lab.scroll > 0, "the run's end is further down the graph");
        press(&mut a, KeyCode::Char('i'));
        ctrl(&mut a, 'u');
        typed(&mut a, "{\"runId\": \"2026-01-01\"}");
        ctrl(&mut a, 's');
        assert_eq!(a.lab.cursor, 0);
        assert_eq!(a.lab.scroll, 0);
        let s = screen(&mut a, 80, 24);
        let start = match lang {
            Lang::En => "▶ start",
            Lang::PtBr => "▶ início",
        };
        assert!(s.contains(start), "{s}");
        assert!(s.contains("RunGlueETL (Task)"), "{s}");
    }
}

#[test]
fn findings_show_their_one_sentence_explanation_at_80x24() {
    let dir = common::TempDir::new("lab-findings");
    let path = dir.path().join("broken.asl.json");
    std::fs::write(
        &path,
        r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}, "B": {"Type": "Succeed"}}}"#,
    )
    .expect("write");
    for lang in [Lang::En, Lang::PtBr] {
        let mut a = app(lang);
        press(&mut a, KeyCode::Char('0'));
        open_path(&mut a, &path.display().to_string());
        press(&mut a, KeyCode::Char('f'));
        for (w, h) in [(80, 24), (120, 40)] {
            let s = screen(&mut a, w, h);
            for f in a.lab.findings() {
                // The explanation's first words are on screen, under the message.
                let first: String = f
                    .rule
                    .explain(lang)
                    .split_whitespace()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" ");
                assert!(s.contains(&first), "{first:?} not in\n{s}");
            }
            // Without the status line, which names the file's (temporary) path.
            let rows: Vec<&str> = s.lines().collect();
            let shown = rows[..rows.len() - 1].join("\n");
            insta::assert_snapshot!(format!("lab_findings_{}_{w}x{h}", lang.code()), shown);
        }
        // The last finding selected is still in view.
        typed(&mut a, "jjjj");
        let s = screen(&mut a, 80, 24);
        let last = a.lab.findings().len();
        assert!(s.contains(&format!("{last}/{last}")), "{s}");
        // Enter goes to its state and says the finding and its explanation.
        press(&mut a, KeyCode::Enter);
        let s = screen(&mut a, 80, 24);
        let why = a.lab.findings()[last - 1].rule.explain(lang);
        let tail: String = why
            .split_whitespace()
            .rev()
            .take(2)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(s.contains(&tail), "{tail:?} not in\n{s}");
    }
}

#[test]
fn the_lab_runs_the_jsonata_sample_to_its_end() {
    let mut a = app(Lang::En);
    press(&mut a, KeyCode::Char('0'));
    press(&mut a, KeyCode::Char('p'));
    press(&mut a, KeyCode::Char('5'));
    assert!(a.lab.run.is_ok(), "the JSONata machine runs in the Lab");
    press(&mut a, KeyCode::Char('r'));
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("SUCCEEDED"), "{s}");
    assert!(!s.contains("not supported"), "{s}");
}

#[test]
fn a_jsonata_task_shows_arguments_and_says_why_it_has_no_path_stages() {
    // TestState names a JSONata state's third stage afterArguments; its missing
    // stages are JSONata's doing, not the state type's (a JSONPath Task has them).
    for (lang, args, wrong) in [
        (
            Lang::En,
            "afterArguments",
            "this state type has none of these stages",
        ),
        (
            Lang::PtBr,
            "após Arguments",
            "este tipo de estado não tem estas etapas",
        ),
    ] {
        let mut a = app(lang);
        press(&mut a, KeyCode::Char('0'));
        press(&mut a, KeyCode::Char('p'));
        press(&mut a, KeyCode::Char('5'));
        let mut seen = false;
        for _ in 0..8 {
            press(&mut a, KeyCode::Char('n'));
            let s = screen(&mut a, 120, 40);
            assert!(!s.contains(wrong), "{s}");
            if s.contains("(Task)") {
                assert!(s.contains(args), "{s}");
                assert!(
                    !s.contains("afterParameters") && !s.contains("após Parameters"),
                    "{s}"
                );
                seen = true;
            }
        }
        assert!(seen, "a Task step was shown");
    }
}

#[test]
fn a_refused_input_file_is_said_whole_at_80x24_and_the_field_stays_open() {
    let mut a = app(Lang::PtBr);
    press(&mut a, KeyCode::Char('0'));
    press(&mut a, KeyCode::Char('I'));
    common::typed(&mut a, "/dev/zero");
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a, 80, 24);
    // The whole reason, up to what to do next, and the field below it.
    assert!(s.contains("corrija ou tecle Esc"), "{s}");
    assert!(s.contains("dispositivo"), "{s}");
    assert!(s.contains("Arquivo de entrada: /dev/zero"), "{s}");
    press(&mut a, KeyCode::Esc);
    assert!(!screen(&mut a, 80, 24).contains("Arquivo de entrada:"));
}
