//! The IAM workbench's policy editor, as a learner uses it: `e` opens the selected
//! policy's JSON, an edit saved with Ctrl-S changes the decision and the trace at
//! once, a bad edit is refused with its line and column and the policy in force
//! stays, Esc cancels, `z` undoes. Snapshots in both languages at 80×24 and 120×40.
use crate::common;

use common::{app, ctrl, key, press, screen, typed};

use aws_study::iam::Decision;
use aws_study::lang::Lang;
use aws_study::tui::app::App;
use crossterm::event::{KeyCode, KeyModifiers};

fn decision(a: &App) -> Option<Decision> {
    a.iam.outcome.as_ref().map(|o| o.decision)
}

/// The policy in force, as JSON text.
fn policy_json(a: &App) -> String {
    let case = a.iam.case.as_ref().expect("case");
    serde_json::to_string(&case.policies.identity[0].source).expect("json")
}

/// Moves the editor's cursor to the end of the first line holding `needle`.
fn to_line_with(a: &mut App, needle: &str) {
    let row = a
        .iam
        .editor
        .as_ref()
        .and_then(|e| e.text.lines().iter().position(|l| l.contains(needle)))
        .expect("line in the editor");
    key(a, KeyCode::Home, KeyModifiers::CONTROL);
    for _ in 0..row {
        press(a, KeyCode::Down);
    }
    press(a, KeyCode::End);
}

/// The explicit-deny sample with its identity policy open in the editor.
fn editing(lang: Lang) -> App {
    let mut a = app(lang);
    typed(&mut a, "0w");
    assert_eq!(decision(&a), Some(Decision::ExplicitDeny));
    typed(&mut a, "e");
    assert!(a.iam.editor.is_some(), "e opens the editor");
    a
}

#[test]
fn e_opens_the_selected_policy_in_the_editor() {
    for lang in [Lang::En, Lang::PtBr] {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut a = editing(lang);
            let s = screen(&mut a, w, h);
            let title = match lang {
                Lang::En => "Editing identity[0] — Ctrl-S saves, Esc cancels",
                Lang::PtBr => "Editando identity[0] — Ctrl-S salva, Esc cancela",
            };
            assert!(s.contains(title), "{s}");
            assert!(s.contains("\"Sid\": \"AllowS3\""), "{s}");
            assert!(s.contains("Ctrl-S"), "the keys are shown: {s}");
            insta::assert_snapshot!(format!("iam_editor_open_{}_{w}x{h}", lang.code()), s);
        }
    }
}

#[test]
fn an_edit_saved_changes_the_decision_and_z_undoes_it() {
    for lang in [Lang::En, Lang::PtBr] {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut a = editing(lang);
            // The Deny statement becomes an Allow.
            to_line_with(&mut a, "\"Deny\"");
            press(&mut a, KeyCode::Left);
            for _ in 0.."\"Deny\"".len() {
                press(&mut a, KeyCode::Backspace);
            }
            typed(&mut a, "\"Allow\"");
            ctrl(&mut a, 's');
            assert!(a.iam.editor.is_none(), "a good edit closes the editor");
            assert_eq!(decision(&a), Some(Decision::Allow));
            let s = screen(&mut a, w, h);
            let (said, now) = match lang {
                Lang::En => (
                    "policy saved, evaluated again: explicit Deny → Allow",
                    "Decision: Allow",
                ),
                Lang::PtBr => (
                    "política salva, avaliado de novo: Deny explícito → Allow",
                    "Decisão: Allow",
                ),
            };
            assert!(s.contains(said), "{s}");
            assert!(s.contains(now), "{s}");
            insta::assert_snapshot!(format!("iam_editor_saved_{}_{w}x{h}", lang.code()), s);
            typed(&mut a, "z");
            assert_eq!(decision(&a), Some(Decision::ExplicitDeny), "z undoes it");
            let s = screen(&mut a, w, h);
            assert!(s.contains("→"), "{s}");
        }
    }
}

#[test]
fn a_bad_edit_is_refused_with_its_place_and_the_policy_stays() {
    for lang in [Lang::En, Lang::PtBr] {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut a = editing(lang);
            let before = policy_json(&a);
            // The last brace goes: the JSON ends inside the object.
            key(&mut a, KeyCode::End, KeyModifiers::CONTROL);
            press(&mut a, KeyCode::Backspace);
            ctrl(&mut a, 's');
            assert!(a.iam.editor.is_some(), "the text stays open as typed");
            assert_eq!(policy_json(&a), before, "the old policy stays in force");
            assert_eq!(decision(&a), Some(Decision::ExplicitDeny));
            let s = screen(&mut a, w, h);
            let why = match lang {
                Lang::En => "Refused, the policy stays as it was: line 17, column 1",
                Lang::PtBr => "Recusado, a política continua como estava: linha 17,",
            };
            assert!(s.contains(why), "{s}");
            insta::assert_snapshot!(format!("iam_editor_refused_{}_{w}x{h}", lang.code()), s);
            // Esc cancels: nothing changed.
            press(&mut a, KeyCode::Esc);
            assert!(a.iam.editor.is_none());
            assert_eq!(policy_json(&a), before);
        }
    }
}

#[test]
fn a_deny_with_an_unknown_operator_is_refused_not_skipped() {
    let mut a = editing(Lang::En);
    // The last "Resource" line is the Deny's: give it a condition IAM does not know.
    let row = a
        .iam
        .editor
        .as_ref()
        .and_then(|e| {
            e.text
                .lines()
                .iter()
                .rposition(|l| l.contains("\"Resource\": \"*\""))
        })
        .expect("row");
    key(&mut a, KeyCode::Home, KeyModifiers::CONTROL);
    for _ in 0..row {
        press(&mut a, KeyCode::Down);
    }
    press(&mut a, KeyCode::End);
    a.paste(",\n\"Condition\": {\"StringEqualz\": {\"aws:username\": \"ana\"}}");
    ctrl(&mut a, 's');
    assert!(a.iam.editor.is_some(), "refused");
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("StringEqualz"), "{s}");
    assert_eq!(decision(&a), Some(Decision::ExplicitDeny));
}

#[test]
fn brackets_select_the_policy_e_edits() {
    let mut a = app(Lang::En);
    typed(&mut a, "0w");
    // The permissions-boundary sample has an identity policy and a boundary.
    if let Some(s) = aws_study::iam::samples::find("permissions-boundary") {
        a.iam.open_sample(s);
    }
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("▸ "), "the selected policy is marked: {s}");
    let first = a.iam.selected_slot();
    typed(&mut a, "]");
    assert_ne!(a.iam.selected_slot(), first);
    typed(&mut a, "e");
    let s = screen(&mut a, 120, 40);
    let name = a.iam.selected_slot().map(|p| p.name()).unwrap_or_default();
    assert!(s.contains(&format!("Editing {name}")), "{s}");
    press(&mut a, KeyCode::Esc);
    typed(&mut a, "[");
    assert_eq!(a.iam.selected_slot(), first);
}

#[test]
fn a_huge_paste_is_refused_whole_and_tiny_windows_draw() {
    let mut a = editing(Lang::PtBr);
    let before = a
        .iam
        .editor
        .as_ref()
        .map(|e| e.text.text())
        .unwrap_or_default();
    let huge = "x".repeat(10 * 1024 * 1024);
    let t = std::time::Instant::now();
    a.paste(&huge);
    assert!(
        t.elapsed().as_secs() < 5,
        "a 10 MB paste took {:?}",
        t.elapsed()
    );
    // Not taken at all (half a policy would only be broken JSON): the text is as it was.
    let after = a
        .iam
        .editor
        .as_ref()
        .map(|e| e.text.text())
        .unwrap_or_default();
    assert_eq!(after, before);
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains("colagem recusada: a política passaria de 65.536 caracteres"),
        "{s}"
    );
    for (w, h) in [(20, 5), (1, 1), (40, 8)] {
        let _ = screen(&mut a, w, h);
    }
    ctrl(&mut a, 's');
    assert_eq!(decision(&a), Some(Decision::ExplicitDeny));
}

#[test]
fn the_help_lists_the_iam_keys_in_both_languages() {
    for (lang, words) in [
        (
            Lang::En,
            [
                "Lab IAM: the request",
                "Editing a policy (e)",
                "undo the last policy change",
            ],
        ),
        (
            Lang::PtBr,
            [
                "Lab IAM: a requisição",
                "Editando uma política (e)",
                "desfazer a última mudança de política",
            ],
        ),
    ] {
        let mut a = app(lang);
        typed(&mut a, "0w?");
        let mut seen = String::new();
        for _ in 0..8 {
            seen.push_str(&screen(&mut a, 120, 40));
            press(&mut a, KeyCode::PageDown);
        }
        for w in words {
            assert!(seen.contains(w), "{lang:?}: {w} missing");
        }
    }
}

/// Random keys, pastes and window sizes in the editor (accents, wide characters,
/// controls, saves, undo, a language switch): never a panic, the cursor always
/// inside the text, and the policy in force always one AWS would take.
#[test]
fn random_editing_never_panics_and_keeps_a_valid_policy() {
    let keys = [
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Enter,
        KeyCode::Backspace,
        KeyCode::Delete,
    ];
    let pastes = [
        "ação",
        "日本",
        "\u{1b}[31m",
        "\t\r\n",
        "\"Deny\"",
        "}",
        "{",
        "é\u{301}",
    ];
    let sizes = [(80, 24), (20, 5), (120, 40), (33, 9), (1, 1)];
    for seed in 1..=40u64 {
        let mut rng = common::Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut a = app(if seed % 2 == 0 { Lang::En } else { Lang::PtBr });
        typed(&mut a, "0w");
        for _ in 0..300 {
            match rng.below(10) {
                0..=4 => press(&mut a, keys[rng.below(keys.len())]),
                5 => typed(&mut a, &char::from(b' ' + rng.below(95) as u8).to_string()),
                6 => a.paste(pastes[rng.below(pastes.len())]),
                7 => match rng.below(6) {
                    0 => ctrl(&mut a, 's'),
                    1 => key(&mut a, KeyCode::Left, KeyModifiers::CONTROL),
                    2 => key(&mut a, KeyCode::End, KeyModifiers::CONTROL),
                    3 => press(&mut a, KeyCode::Esc),
                    _ => key(&mut a, KeyCode::Right, KeyModifiers::CONTROL),
                },
                8 => {
                    // Outside the editor: these open, select, undo or switch language.
                    if a.iam.editor.is_none() {
                        typed(&mut a, ["e", "]", "[", "z", "L", "R"][rng.below(6)]);
                    }
                }
                _ => {
                    let (w, h) = sizes[rng.below(sizes.len())];
                    let _ = screen(&mut a, w, h);
                }
            }
            if let Some(ed) = &a.iam.editor {
                let (row, col) = ed.text.cursor();
                let lines = ed.text.lines();
                assert!(row < lines.len(), "seed {seed}");
                assert!(col <= lines[row].chars().count(), "seed {seed}");
            }
        }
        if let Some(case) = &a.iam.case {
            for p in &case.policies.identity {
                let text = serde_json::to_string(&p.source).expect("json");
                assert!(
                    aws_study::iam::policy_from_text(
                        &text,
                        aws_study::iam::Kind::Identity,
                        &p.pointer
                    )
                    .is_ok(),
                    "seed {seed}: the policy in force is one AWS would take"
                );
            }
        }
    }
}

/// A refusal's column counts characters, not serde_json's bytes: after
/// `      "Sid": "Negação漢" ` the stray `x` is column 25, and the cursor is on it.
#[test]
fn a_refusal_after_accents_counts_characters() {
    let mut a = editing(Lang::PtBr);
    to_line_with(&mut a, "\"Sid\": \"AllowS3\"");
    // The line is `      "Sid": "AllowS3",`: replace it.
    for _ in 0..("\"Sid\": \"AllowS3\",".chars().count()) {
        press(&mut a, KeyCode::Backspace);
    }
    typed(&mut a, "\"Sid\": \"Negação漢\" x,");
    ctrl(&mut a, 's');
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("linha 5, coluna 25"), "{s}");
    assert!(s.contains("linha 5, col. 25"), "{s}");
    let cursor = a.iam.editor.as_ref().map(|e| e.text.cursor());
    assert_eq!(cursor, Some((4, 24)), "the cursor is on the x");
}

/// Past line 999 the policy editor's title says a plain line number, as the gutter
/// and the refusal do.
#[test]
fn line_numbers_past_999_are_plain_in_the_title() {
    let mut a = editing(Lang::PtBr);
    key(&mut a, KeyCode::End, KeyModifiers::CONTROL);
    a.paste(&format!("{}x", "\n".repeat(1200)));
    ctrl(&mut a, 's');
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("linha 1217, col. 1"), "{s}");
    assert!(s.contains("linha 1217, coluna 1"), "{s}");
}

#[test]
fn ctrl_u_empties_the_policy_to_paste_a_whole_new_one() {
    let mut a = editing(Lang::PtBr);
    ctrl(&mut a, 'u');
    let ed = a.iam.editor.as_ref().expect("still editing");
    assert_eq!(ed.text.lines().concat(), "", "emptied");
    typed(
        &mut a,
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#,
    );
    ctrl(&mut a, 's');
    assert!(a.iam.editor.is_none(), "saved");
    assert_eq!(decision(&a), Some(Decision::Allow), "the Deny is gone");
}
