//! An outside review as a Brazilian learner at 80×24: key hints hidden by status
//! messages, codes in `iam eval`'s Portuguese text, wording in the quiz and the
//! hints, keys that a popup did not give, help that did not apply, a stale label.
use crate::common;
use common::*;

use aws_study::lang::Lang;
use crossterm::event::KeyCode;

/// The pt-BR quiz bank says "mark every correct one" one way only, not the calque
/// `(Marque todos os que se aplicam.)` nor three other variants.
#[test]
fn the_pt_br_quiz_bank_asks_for_every_correct_answer_one_way() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/quiz");
    let mut forms = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for (i, _) in text.match_indices("(Marque ") {
            let end = text[i..].find(')').map_or(text.len(), |e| i + e + 1);
            forms.insert(text[i..end].to_string());
        }
    }
    assert_eq!(
        forms.into_iter().collect::<Vec<_>>(),
        vec!["(Marque todas as corretas.)".to_string()]
    );
}

/// During an exam, the hint for `Esc` says what it does: the exam is left for later.
#[test]
fn the_exam_hint_says_esc_leaves_it_for_later() {
    let d = TempDir::new("p14-exam");
    let mut a = app_with(Lang::PtBr, Some(d.path()));
    a.quiz.seed(42);
    press(&mut a, KeyCode::Char('9'));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter); // exam setup
    press(&mut a, KeyCode::Enter); // start
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("Esc deixa para depois"), "{s}");
    assert!(!s.contains("Esc guarda"), "{s}");
}

/// The IAM evaluation flow in pt-BR never writes the English `n/a`.
#[test]
fn the_iam_flow_in_pt_br_has_no_n_a() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app_with(Lang::PtBr, None);
        press(&mut a, KeyCode::Char('0'));
        press(&mut a, KeyCode::Char('w'));
        let s = screen(&mut a, w, h);
        assert!(s.contains("1 SCP        · —"), "{s}");
        assert!(!s.contains("n/a"), "{s}");
    }
}

/// The help's key descriptions, as `?` shows them for the current view.
fn help_texts(a: &aws_study::tui::app::App) -> Vec<String> {
    aws_study::tui::views::help::rows(a)
        .into_iter()
        .filter_map(|r| match r {
            aws_study::tui::views::help::Row::Key(_, text) => Some(text),
            _ => None,
        })
        .collect()
}

/// `b` opens a scenario in the Budget tab: help lists it in the scenarios note only.
#[test]
fn help_lists_b_for_a_scenario_only_in_the_scenarios_note() {
    let b = "abrir este cenário na aba Orçamento".to_string();
    let mut a = app_with(Lang::PtBr, None);
    press(&mut a, KeyCode::Char('?')); // the Step Functions note
    assert!(!help_texts(&a).contains(&b), "{:?}", help_texts(&a));
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('2'));
    press(&mut a, KeyCode::Char('?'));
    assert!(!help_texts(&a).contains(&b));
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('5')); // the scenarios note
    press(&mut a, KeyCode::Char('?'));
    assert!(help_texts(&a).contains(&b), "{:?}", help_texts(&a));
}

/// `S` moves `S3 Standard (CSV)` to Standard-IA: the label follows the class and
/// keeps the user's ` (CSV)`; back to Standard, it follows again; a label of the
/// user's own stays.
#[test]
fn a_line_moved_to_another_s3_class_is_renamed_after_it() {
    let mut a = budget_tab(Lang::PtBr, None);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    assert_eq!(
        a.budget.line().map(|l| l.label.as_str()),
        Some("S3 Standard (CSV)")
    );
    press(&mut a, KeyCode::Char('S'));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    let line = a.budget.line().expect("line");
    assert_eq!(line.service, "s3-standard-ia");
    assert_eq!(line.label, "S3 Standard-IA (CSV)");
    assert!(screen(&mut a, 80, 24).contains("S3 Standard-IA (CSV)"));
    press(&mut a, KeyCode::Char('S'));
    press(&mut a, KeyCode::Up);
    press(&mut a, KeyCode::Up);
    press(&mut a, KeyCode::Enter);
    let line = a.budget.line().expect("line");
    assert_eq!(line.service, "s3-standard");
    assert_eq!(line.label, "S3 Standard (CSV)");
    // A label of one's own: moved, not renamed.
    a.budget.budget.lines[a.budget.selected].label = "Relatórios em CSV".into();
    press(&mut a, KeyCode::Char('S'));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    let line = a.budget.line().expect("line");
    assert_eq!(line.service, "s3-standard-ia");
    assert_eq!(line.label, "Relatórios em CSV");
}

/// The export popup (`E`) gives its keys: its formats are numbered, and the hint
/// bar says what the numbers, Enter and Esc do, in both languages.
#[test]
fn the_export_popup_gives_its_keys() {
    for (lang, words) in [
        (
            Lang::PtBr,
            [
                "1 … 3 formato",
                "Enter exporta",
                "Esc cancela",
                "2 CSV (.csv)",
            ],
        ),
        (
            Lang::En,
            ["1 … 3 format", "Enter export", "Esc cancel", "2 CSV (.csv)"],
        ),
    ] {
        let mut a = budget_tab(lang, None);
        press(&mut a, KeyCode::Char('E'));
        let s = screen(&mut a, 80, 24);
        for w in words {
            assert!(s.contains(w), "{w:?}\n{s}");
        }
        insta::assert_snapshot!(format!("p14_export_popup_{}_80x24", lang.code()), s);
        press(&mut a, KeyCode::Char('2'));
        assert!(matches!(
            a.budget.input,
            Some((
                aws_study::tui::budget_tab::Input::ExportPath(
                    aws_study::tui::budget_tab::ExportFormat::Csv
                ),
                _
            ))
        ));
    }
}

/// `iam eval` in pt-BR writes the decision, the deciding layer, the layers and the
/// trace in words (`Deny explícito`, `políticas baseadas em identidade`, `Limite`,
/// `ação ✓ … → se aplica`); `--format json` keeps the codes.
#[test]
fn iam_eval_in_pt_br_writes_words_not_codes() {
    let d = TempDir::new("p14-iam");
    let o = run(
        d.path(),
        &["--lang", "pt-BR", "iam", "eval", "cross-account"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for w in [
        "decisão: Deny implícito · decidida por: políticas baseadas em identidade",
        "esperado: Deny implícito / políticas baseadas em identidade ✓",
        "    SCP         não se aplica",
        "    Recurso     permite",
        "    Identidade  não permite",
        "    Limite      não se aplica",
        "    Sessão      não se aplica",
        "ação ✓ (s3:GetObject), recurso ✓ (arn:aws:s3:::vendas-curadas/*), principal ✓ (444455556666, conta) → se aplica",
    ] {
        assert!(out.contains(w), "lacks {w:?}:\n{out}");
    }
    for code in [
        "ImplicitDeny",
        "ExplicitDeny",
        ": identity",
        "\n    scp ",
        "\n    resource ",
        "\n    boundary ",
        "\n    session ",
        "aplica-se",
        "Action ✓",
    ] {
        assert!(!out.contains(code), "still {code:?}:\n{out}");
    }
    let json = run(
        d.path(),
        &[
            "--lang",
            "pt-BR",
            "iam",
            "eval",
            "cross-account",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("json");
    assert_eq!(v["cases"][0]["decision"], "ImplicitDeny");
    assert_eq!(v["cases"][0]["decided_by"], "identity");
}

/// The last `n` rows of a screen.
fn last_rows(s: &str, n: usize) -> Vec<String> {
    let rows: Vec<String> = s.lines().map(str::to_string).collect();
    rows[rows.len() - n..].to_vec()
}

/// At 80×24 a Budget message (a saved file's path, a line added) takes the rows above
/// the key hints, which stay as they were: both are readable until the next key.
#[test]
fn budget_messages_and_key_hints_coexist_at_80x24() {
    let d = TempDir::new("p14-budget-message");
    let mut a = app_with(Lang::PtBr, Some(d.path()));
    press(&mut a, KeyCode::Char('8'));
    let before = screen(&mut a, 80, 24);
    let hints = last_rows(&before, 2);
    assert!(hints.iter().any(|r| r.contains("u desfaz")), "{before}");
    press(&mut a, KeyCode::Char('w'));
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("salvo em"), "{s}");
    let joined: String = s.lines().map(|r| r.trim_matches('"').trim()).collect();
    assert!(joined.contains(".json"), "the whole path: {s}");
    assert_eq!(last_rows(&s, 2), hints, "{s}");
    // A line added from the S3 line's details.
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Char('i'));
    let before = screen(&mut a, 80, 24);
    let hints = last_rows(&before, 1);
    press(&mut a, KeyCode::Char('1'));
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("adicionada \""), "{s}");
    assert!(s.contains("(u desfaz)"), "{s}");
    assert_eq!(last_rows(&s, 1), hints, "{s}");
    insta::assert_snapshot!("p14_budget_message_over_hints_pt-BR_80x24", s);
}
