//! The Lab's IAM workbench as rendered buffers (insta snapshots in both languages at
//! 80×24 and 120×40) and its keys: `w` switches workbench and back, a sample is
//! picked, the request's action is edited and the decision changes at once.
use crate::common;

use common::{app, ctrl, press, screen, typed};

use aws_study::iam::Decision;
use aws_study::lang::Lang;
use crossterm::event::KeyCode;

fn decision(a: &aws_study::tui::app::App) -> Option<Decision> {
    a.iam.outcome.as_ref().map(|o| o.decision)
}

#[test]
fn w_opens_the_iam_workbench_in_both_languages() {
    for lang in [Lang::En, Lang::PtBr] {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut a = app(lang);
            press(&mut a, KeyCode::Char('0'));
            press(&mut a, KeyCode::Char('w'));
            assert!(a.lab_iam);
            let s = screen(&mut a, w, h);
            assert!(s.contains("Lab · IAM ·"), "{s}");
            let flow = match lang {
                Lang::En => "Evaluation flow",
                Lang::PtBr => "Fluxo da avaliação",
            };
            assert!(s.contains(flow), "{s}");
            assert!(s.contains("s3:DeleteBucket"), "{s}");
            insta::assert_snapshot!(format!("lab_iam_{}_{w}x{h}", lang.code()), s);
        }
    }
}

#[test]
fn w_switches_to_iam_and_back_to_step_functions() {
    let mut a = app(Lang::En);
    press(&mut a, KeyCode::Char('0'));
    assert!(!a.lab_iam);
    assert!(screen(&mut a, 100, 30).contains("Stock forecast"));
    press(&mut a, KeyCode::Char('w'));
    let s = screen(&mut a, 100, 30);
    assert!(
        s.contains("Lab · IAM ·") && s.contains("Explicit vs implicit deny"),
        "{s}"
    );
    press(&mut a, KeyCode::Char('w'));
    assert!(!a.lab_iam);
    let s = screen(&mut a, 100, 30);
    assert!(
        !s.contains("Lab · IAM ·") && s.contains("Stock forecast"),
        "{s}"
    );
}

#[test]
fn editing_the_action_changes_the_decision_at_once() {
    let mut a = app(Lang::En);
    typed(&mut a, "0w");
    assert_eq!(decision(&a), Some(Decision::ExplicitDeny));
    press(&mut a, KeyCode::Char('a'));
    ctrl(&mut a, 'u');
    typed(&mut a, "s3:GetObject");
    assert!(screen(&mut a, 80, 24).contains("Action: s3:GetObject"));
    press(&mut a, KeyCode::Enter);
    assert_eq!(decision(&a), Some(Decision::Allow));
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("Decision: Allow"), "{s}");
    // Esc cancels an edit: the request keeps its action.
    press(&mut a, KeyCode::Char('a'));
    typed(&mut a, "xyz");
    press(&mut a, KeyCode::Esc);
    assert_eq!(
        a.iam.case.as_ref().map(|c| c.request.action.as_str()),
        Some("s3:GetObject")
    );
    typed(&mut a, "R");
    assert_eq!(decision(&a), Some(Decision::ExplicitDeny));
}

#[test]
fn the_sample_list_opens_each_sample() {
    let mut a = app(Lang::PtBr);
    typed(&mut a, "0wp");
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("Exemplos de IAM"), "{s}");
    assert!(s.contains("Uma SCP limitando um administrador"), "{s}");
    typed(&mut a, "2");
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("Uma SCP limitando um administrador"), "{s}");
    assert_eq!(
        a.iam.origin,
        aws_study::tui::iam_tab::IamOrigin::Sample("scp-limits-admin".into())
    );
    // Every sample opens and evaluates to what it expects.
    for (i, s) in aws_study::iam::samples::all().iter().enumerate() {
        typed(&mut a, "p");
        for _ in 0..12 {
            press(&mut a, KeyCode::Up);
        }
        for _ in 0..i {
            press(&mut a, KeyCode::Down);
        }
        press(&mut a, KeyCode::Enter);
        let want = s.case().and_then(|c| c.expect).map(|e| e.decision);
        assert_eq!(decision(&a), want, "{}", s.id);
        let _ = screen(&mut a, 80, 24);
    }
}

#[test]
fn a_case_file_opens_by_path_and_a_bad_one_is_refused() {
    let dir = common::TempDir::new("lab-iam");
    let good = dir.path().join("case.json");
    std::fs::write(
        &good,
        aws_study::iam::samples::find("permissions-boundary")
            .expect("sample")
            .text(),
    )
    .expect("write");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{ not json").expect("write");
    let mut a = app(Lang::En);
    typed(&mut a, "0wo");
    typed(&mut a, &good.to_string_lossy());
    press(&mut a, KeyCode::Enter);
    assert!(matches!(
        a.iam.origin,
        aws_study::tui::iam_tab::IamOrigin::File(_)
    ));
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("case.json"), "{s}");
    typed(&mut a, "o");
    ctrl(&mut a, 'u');
    typed(&mut a, &bad.to_string_lossy());
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("bad.json"), "{s}");
    assert!(s.contains("case.json"), "the open case stays: {s}");
}

#[test]
fn the_policies_pane_scrolls_at_80x24() {
    let mut a = app(Lang::En);
    typed(&mut a, "0w");
    // The sample with the most to show does not fit at 80×24: its pane scrolls.
    let mut longest = (0, 0);
    for i in 0..aws_study::iam::samples::all().len() {
        if let Some(s) = aws_study::iam::samples::all().get(i) {
            a.iam.open_sample(s);
        }
        let _ = screen(&mut a, 80, 24);
        if a.iam.rows.len() > longest.1 {
            longest = (i, a.iam.rows.len());
        }
    }
    typed(&mut a, "p");
    for _ in 0..12 {
        press(&mut a, KeyCode::Up);
    }
    for _ in 0..longest.0 {
        press(&mut a, KeyCode::Down);
    }
    press(&mut a, KeyCode::Enter);
    let _ = screen(&mut a, 80, 24);
    let rows = a.iam.rows.len();
    assert!(rows > a.iam.view_height, "{rows} rows");
    typed(&mut a, "G");
    let s = screen(&mut a, 80, 24);
    assert!(a.iam.scroll > 0);
    assert!(s.contains(&format!("/{rows} (j k)")), "{s}");
    typed(&mut a, "g");
    assert_eq!(a.iam.scroll, 0);
}

#[test]
fn the_security_note_and_quiz_link_every_iam_sample_in_both_languages() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for lang in ["en", "pt-BR"] {
        let note = std::fs::read_to_string(root.join(format!("content/{lang}/03-security.md")))
            .expect("note");
        for s in aws_study::iam::samples::all() {
            assert!(
                note.contains(&format!("`{}`", s.id)),
                "{lang} note lacks {}",
                s.id
            );
        }
    }
    let quiz = std::fs::read_to_string(root.join("content/quiz/security.json")).expect("quiz");
    let pointing = aws_study::iam::samples::all()
        .iter()
        .filter(|s| quiz.contains(&format!("0, w, then the sample {}", s.id)))
        .count();
    assert!(
        pointing >= 3,
        "{pointing} quiz explanations point to a Lab sample"
    );
}

#[test]
fn help_in_the_iam_workbench_lists_its_keys() {
    for (lang, title, key) in [
        (
            Lang::En,
            "Lab IAM: the request",
            "edit the request's action",
        ),
        (
            Lang::PtBr,
            "Lab IAM: a requisição",
            "editar a ação da requisição",
        ),
    ] {
        let mut a = app(lang);
        typed(&mut a, "0w?");
        let s = screen(&mut a, 120, 40);
        assert!(s.contains(title), "{s}");
        assert!(s.contains(key), "{s}");
        press(&mut a, KeyCode::Esc);
        typed(&mut a, "w?");
        let s = screen(&mut a, 120, 40);
        assert!(!s.contains(title), "{s}");
    }
}

#[test]
fn t_picks_a_case_of_a_file_with_several() {
    let dir = common::TempDir::new("lab-iam-cases");
    let case = |id: &str| -> serde_json::Value {
        serde_json::from_str(aws_study::iam::samples::find(id).expect("sample").text())
            .expect("json")
    };
    let file = dir.path().join("two.json");
    let both = serde_json::json!({ "cases": [case("explicit-deny"), case("notaction-allow")] });
    std::fs::write(&file, both.to_string()).expect("write");
    let mut a = app(Lang::En);
    typed(&mut a, "0wo");
    ctrl(&mut a, 'u');
    typed(&mut a, &file.to_string_lossy());
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.iam.cases.len(), 2);
    assert!(screen(&mut a, 100, 30).contains("t picks"));
    typed(&mut a, "t");
    let s = screen(&mut a, 100, 30);
    assert!(s.contains("Cases in the file"), "{s}");
    typed(&mut a, "2");
    assert_eq!(a.iam.case_index, 1);
    let want = aws_study::iam::samples::find("notaction-allow")
        .and_then(|s| s.case())
        .and_then(|c| c.expect)
        .map(|e| e.decision);
    assert_eq!(decision(&a), want);
}

#[test]
fn the_iam_workbench_draws_at_every_small_size_without_panicking() {
    let mut a = app(Lang::PtBr);
    typed(&mut a, "0w");
    for keys in ["", "p", "\u{1b}a", "\u{1b}G"] {
        for c in keys.chars() {
            if c == '\u{1b}' {
                press(&mut a, KeyCode::Esc);
            } else {
                press(&mut a, KeyCode::Char(c));
            }
        }
        for w in [1u16, 5, 10, 20, 40, 59, 60, 61, 80] {
            for h in [1u16, 3, 4, 5, 8, 12, 24] {
                let _ = screen(&mut a, w, h);
            }
        }
    }
}

/// Hostile files opened with `o` in Portuguese: each is refused with a reason in
/// Portuguese, the open case stays, and every screen size draws.
#[cfg(unix)]
#[test]
fn hostile_case_files_are_refused_in_portuguese_and_the_case_kept() {
    let dir = common::TempDir::new("lab-iam-hostile");
    let p = |name: &str| dir.path().join(name);
    std::fs::write(p("deep.json"), "[".repeat(100_000)).expect("write");
    std::fs::write(p("array.json"), "[1, 2]").expect("write");
    std::fs::write(p("text.json"), "not json at all").expect("write");
    std::fs::create_dir(p("folder.json")).expect("dir");
    let fifo = p("pipe.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let odd = p("odd\nname\u{1b}[31m.json");
    std::fs::write(&odd, "{").expect("write");
    let mut tries: Vec<(std::path::PathBuf, &str)> = vec![
        (p("deep.json"), "aninhamento profundo demais"),
        (p("array.json"), "esperado: um objeto de caso"),
        (p("text.json"), "JSON inválido"),
        (p("folder.json"), "é uma pasta"),
        ("/dev/zero".into(), "dispositivo"),
        // A typed path takes no control characters: they become spaces.
        (odd, "odd name"),
    ];
    if made {
        tries.push((fifo, "pipe nomeado"));
    }
    let mut a = app(Lang::PtBr);
    typed(&mut a, "0w");
    for (path, why) in tries {
        typed(&mut a, "o");
        ctrl(&mut a, 'u');
        a.paste(&path.to_string_lossy());
        press(&mut a, KeyCode::Enter);
        let said = a
            .message
            .as_ref()
            .map(|m| m.text(Lang::PtBr).to_string())
            .unwrap_or_default();
        assert!(said.contains(why), "{}: {said}", path.display());
        assert_eq!(
            a.iam.origin,
            aws_study::tui::iam_tab::IamOrigin::Sample("explicit-deny".into()),
            "the open case stays"
        );
        for (w, h) in [(80, 24), (20, 5)] {
            let s = screen(&mut a, w, h);
            assert!(!s.contains('\u{1b}'), "{s}");
        }
    }
}
