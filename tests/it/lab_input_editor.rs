//! The Lab's execution input in the multi-line editor, as a learner uses it: `i`
//! opens the input pretty-printed, a multi-line JSON saved with Ctrl-S is what the
//! run starts from, a bad edit is refused with its line and column (the cursor goes
//! there, the text stays, the old input stays in force), Esc cancels, a paste over
//! AWS's 256 KiB is refused, and `I` / `o` still read the input from files.
//! Snapshots in both languages at 80×24 and 120×40.
use crate::common;

use common::{app, ctrl, key, press, screen, typed};

use aws_study::lang::Lang;
use aws_study::tui::app::App;
use aws_study::tui::keymap::Context;
use aws_study::tui::lab_tab::InputRefusal;
use crossterm::event::{KeyCode, KeyModifiers};
use serde_json::json;

/// The Lab on its first sample with the input open in the editor.
fn editing(lang: Lang) -> App {
    let mut a = app(lang);
    typed(&mut a, "0i");
    assert!(a.lab.editor.is_some(), "i opens the editor");
    assert_eq!(a.context(), Context::LabEditor);
    a
}

fn editor_text(a: &App) -> String {
    a.lab
        .editor
        .as_ref()
        .map(|e| e.text.text())
        .unwrap_or_default()
}

/// Types `text` as keys: a line break is Enter.
fn type_lines(a: &mut App, text: &str) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            press(a, KeyCode::Enter);
        }
        typed(a, line);
    }
}

#[test]
fn i_opens_the_input_pretty_printed() {
    for lang in [Lang::En, Lang::PtBr] {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut a = editing(lang);
            let pretty = serde_json::to_string_pretty(&a.lab.input).expect("json");
            assert_eq!(editor_text(&a), pretty);
            let s = screen(&mut a, w, h);
            let (title, keys) = match lang {
                Lang::En => (
                    "Execution input (JSON) — Ctrl-S saves, Esc cancels   line 1, col 1",
                    "Ctrl-S save · Esc cancel · Enter new line",
                ),
                Lang::PtBr => (
                    "Entrada da execução (JSON) — Ctrl-S salva, Esc cancela   linha 1, col. 1",
                    "Ctrl-S salvar · Esc cancelar · Enter nova linha",
                ),
            };
            assert!(s.contains(title), "{s}");
            assert!(s.contains(keys), "the keys are shown: {s}");
            assert!(s.contains("\"runId\": \"2025-06-01\","), "{s}");
            // The editor gets the free rows: at 80×24 the whole sample input shows.
            assert!(s.contains("\"maxRmse\": 12.5"), "{s}");
            insta::assert_snapshot!(format!("lab_input_editor_open_{}_{w}x{h}", lang.code()), s);
        }
    }
}

#[test]
fn a_multi_line_input_saved_is_what_the_run_starts_from() {
    let mut a = editing(Lang::En);
    // The run at its end first.
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('r'));
    assert!(a.lab.cursor > 0);
    press(&mut a, KeyCode::Char('i'));
    ctrl(&mut a, 'u');
    assert_eq!(editor_text(&a), "");
    // q and the Lab's keys type: the editor has them all.
    type_lines(
        &mut a,
        "{\n  \"runId\": \"2026-01-01\",\n  \"qualityGate\": {\"maxRmse\": 1},\n  \"note\": \"q n r ?\"\n}",
    );
    assert!(!a.quit);
    ctrl(&mut a, 's');
    assert!(a.lab.editor.is_none(), "a good edit closes the editor");
    let want = json!({"runId": "2026-01-01", "qualityGate": {"maxRmse": 1}, "note": "q n r ?"});
    assert_eq!(a.lab.input, want);
    // The run starts again from the start, on the new input.
    assert_eq!(a.lab.cursor, 0);
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("input changed: the run starts again"), "{s}");
    assert!(
        s.contains("2026-01-01"),
        "the input before the first step: {s}"
    );
    press(&mut a, KeyCode::Char('n'));
    let first = a.lab.current().expect("first step");
    assert_eq!(
        first.stages.get(0),
        Some(&want),
        "the first state's input is the input"
    );
    // Opened again: the input saved, pretty-printed.
    press(&mut a, KeyCode::Char('i'));
    assert_eq!(
        editor_text(&a),
        serde_json::to_string_pretty(&want).expect("json")
    );
}

#[test]
fn a_bad_edit_is_refused_with_its_place_and_the_old_input_stays() {
    for lang in [Lang::En, Lang::PtBr] {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut a = editing(lang);
            let before = a.lab.input.clone();
            // The run was somewhere: a refused edit leaves it there.
            press(&mut a, KeyCode::Esc);
            typed(&mut a, "nn");
            press(&mut a, KeyCode::Char('i'));
            // A comma goes missing at the end of the first line.
            key(&mut a, KeyCode::Home, KeyModifiers::CONTROL);
            press(&mut a, KeyCode::Down);
            press(&mut a, KeyCode::End);
            press(&mut a, KeyCode::Backspace);
            let typed_text = editor_text(&a);
            ctrl(&mut a, 's');
            assert!(a.lab.editor.is_some(), "the text stays open as typed");
            assert_eq!(editor_text(&a), typed_text);
            assert_eq!(a.lab.input, before, "the old input stays in force");
            assert_eq!(a.lab.cursor, 2);
            let refused = a.lab.editor.as_ref().and_then(|e| e.refused.clone());
            let Some(InputRefusal::Json(e)) = refused else {
                panic!("{refused:?}");
            };
            // serde_json stops where the next key starts: line 3, column 3.
            assert_eq!((e.line, e.column), (3, 3));
            let cursor = a.lab.editor.as_ref().map(|e| e.text.cursor());
            assert_eq!(cursor, Some((2, 2)), "the cursor goes there");
            let s = screen(&mut a, w, h);
            let (why, place) = match lang {
                Lang::En => (
                    "Refused, the input stays as it was: line 3, column 3: not valid JSON:",
                    "line 3, col 3",
                ),
                Lang::PtBr => (
                    "Recusado, a entrada continua como estava: linha 3, coluna 3: JSON",
                    "linha 3, col. 3",
                ),
            };
            assert!(s.contains(why), "{s}");
            assert!(s.contains(place), "{s}");
            // The reason in the language of the moment (it may wrap on screen).
            let reason = match lang {
                Lang::En => "not valid JSON: expected `,` or `}`",
                Lang::PtBr => "JSON inválido: falta `,` ou `}`",
            };
            assert!(e.message(lang).contains(reason), "{}", e.message(lang));
            let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains(reason.split(':').next().unwrap_or("")), "{s}");
            insta::assert_snapshot!(
                format!("lab_input_editor_refused_{}_{w}x{h}", lang.code()),
                s
            );
            // Fixed where the cursor is, it saves.
            key(&mut a, KeyCode::Home, KeyModifiers::CONTROL);
            press(&mut a, KeyCode::Down);
            press(&mut a, KeyCode::End);
            typed(&mut a, ",");
            ctrl(&mut a, 's');
            assert!(a.lab.editor.is_none());
            assert_eq!(a.lab.input, before);
            assert_eq!(a.lab.cursor, 0, "a good save starts the run again");
        }
    }
}

#[test]
fn esc_cancels_and_keeps_the_input() {
    for lang in [Lang::En, Lang::PtBr] {
        let mut a = editing(lang);
        let before = a.lab.input.clone();
        ctrl(&mut a, 'u');
        typed(&mut a, "{\"runId\": \"never\"}");
        press(&mut a, KeyCode::Esc);
        assert!(a.lab.editor.is_none());
        assert_eq!(a.lab.input, before);
        assert_eq!(a.context(), Context::Lab);
        let s = screen(&mut a, 80, 24);
        let said = match lang {
            Lang::En => "edit cancelled: the input is as it was",
            Lang::PtBr => "edição cancelada: a entrada continua como estava",
        };
        assert!(s.contains(said), "{s}");
    }
}

#[test]
fn a_paste_over_256_kib_is_refused_and_one_under_it_is_taken() {
    for lang in [Lang::En, Lang::PtBr] {
        let mut a = editing(lang);
        let text = editor_text(&a);
        let huge = format!("{{\"blob\": \"{}\"}}", "x".repeat(300 * 1024));
        let t = std::time::Instant::now();
        a.paste(&huge);
        assert!(t.elapsed().as_secs() < 5, "took {:?}", t.elapsed());
        assert_eq!(editor_text(&a), text, "nothing of it is taken");
        let s = screen(&mut a, 80, 24);
        let why = match lang {
            Lang::En => "paste refused: the input would hold",
            Lang::PtBr => "colagem recusada: a entrada teria",
        };
        assert!(s.contains(why), "{s}");
        let limit = match lang {
            Lang::En => "262,144 bytes (256 KiB)",
            Lang::PtBr => "262.144 bytes (256 KiB)",
        };
        let said = a
            .message
            .as_ref()
            .map(|m| m.text(lang).to_string())
            .unwrap_or_default();
        assert!(said.contains(limit), "{said}");
        // A big input that fits: pasted whole, pretty whitespace not counted.
        ctrl(&mut a, 'u');
        let big = format!("{{\n    \"blob\": \"{}\"\n}}", "y".repeat(200 * 1024));
        a.paste(&big);
        assert_eq!(editor_text(&a), big);
        ctrl(&mut a, 's');
        assert!(a.lab.editor.is_none());
        assert_eq!(a.lab.input["blob"].as_str().map(str::len), Some(200 * 1024));
        // Over the limit only once written out (its weight is in the spaces of a
        // string): refused on save, plainly, the input kept.
        press(&mut a, KeyCode::Char('i'));
        ctrl(&mut a, 'u');
        a.paste(&format!("{{\"a\": \"{}\"}}", " ".repeat(300 * 1024)));
        assert!(editor_text(&a).len() > 300 * 1024);
        let saved_before = a.lab.input.clone();
        ctrl(&mut a, 's');
        assert!(a.lab.editor.is_some());
        assert_eq!(a.lab.input, saved_before);
        let s = screen(&mut a, 120, 40);
        let why = match lang {
            Lang::En => "the input is larger than 262,144 bytes (256 KiB)",
            Lang::PtBr => "a entrada é maior que 262.144 bytes (256 KiB)",
        };
        assert!(s.contains(why), "{s}");
    }
}

#[test]
fn the_input_file_keys_still_work_and_the_editor_shows_what_they_read() {
    let dir = common::TempDir::new("lab-input-editor");
    let def = dir.path().join("gate.asl.json");
    std::fs::write(
        &def,
        r#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}"#,
    )
    .expect("write");
    std::fs::write(dir.path().join("gate.input.json"), r#"{"from": "beside"}"#).expect("write");
    let other = dir.path().join("other.json");
    std::fs::write(&other, r#"{"from": "I"}"#).expect("write");
    let mut a = app(Lang::En);
    press(&mut a, KeyCode::Char('0'));
    // o: the definition, and <stem>.input.json beside it.
    press(&mut a, KeyCode::Char('o'));
    ctrl(&mut a, 'u');
    typed(&mut a, &def.display().to_string());
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.lab.input, json!({"from": "beside"}));
    press(&mut a, KeyCode::Char('i'));
    assert_eq!(editor_text(&a), "{\n  \"from\": \"beside\"\n}");
    press(&mut a, KeyCode::Esc);
    // I: another file.
    press(&mut a, KeyCode::Char('I'));
    ctrl(&mut a, 'u');
    typed(&mut a, &other.display().to_string());
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.lab.input, json!({"from": "I"}));
    press(&mut a, KeyCode::Char('i'));
    assert_eq!(editor_text(&a), "{\n  \"from\": \"I\"\n}");
}

#[test]
fn the_help_lists_the_input_editor_keys_in_both_languages() {
    for (lang, words) in [
        (
            Lang::En,
            [
                "Editing the input (i)",
                "save: check the JSON, then run from the start",
                "Moving and typing in the editor",
            ],
        ),
        (
            Lang::PtBr,
            [
                "Editando a entrada (i)",
                "salvar: conferir o JSON e executar do início",
                "Movendo e digitando no editor",
            ],
        ),
    ] {
        let mut a = app(lang);
        typed(&mut a, "0?");
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

#[test]
fn tiny_windows_and_a_language_switch_draw() {
    let mut a = editing(Lang::PtBr);
    ctrl(&mut a, 'u');
    typed(&mut a, "{\"ação\": ");
    ctrl(&mut a, 's');
    for (w, h) in [(20, 5), (1, 1), (40, 8), (80, 24)] {
        let _ = screen(&mut a, w, h);
    }
    // The reason is stored, not its words: drawn in the language of the moment.
    a.lang = Lang::En;
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("Refused, the input stays as it was"), "{s}");
}

/// serde_json counts a refusal's column in bytes; the learner (and the cursor) count
/// characters: after `{"ção漢": ` the bad value is column 10, not 14.
#[test]
fn a_refusal_after_accents_and_wide_characters_counts_characters() {
    for lang in [Lang::En, Lang::PtBr] {
        let mut a = editing(lang);
        ctrl(&mut a, 'u');
        typed(&mut a, "{\"ção漢\": x}");
        ctrl(&mut a, 's');
        let refused = a.lab.editor.as_ref().and_then(|e| e.refused.clone());
        assert!(
            matches!(refused, Some(InputRefusal::Json(ref e)) if e.line == 1 && e.column == 10),
            "{refused:?}"
        );
        let cursor = a.lab.editor.as_ref().map(|e| e.text.cursor());
        assert_eq!(cursor, Some((0, 9)), "the cursor is on the x");
        let s = screen(&mut a, 80, 24);
        let (why, title) = match lang {
            Lang::En => ("line 1, column 10", "line 1, col 10"),
            Lang::PtBr => ("linha 1, coluna 10", "linha 1, col. 10"),
        };
        assert!(s.contains(why), "{s}");
        // The title's column counts characters too (漢 is one, though two cells wide).
        assert!(s.contains(title), "{s}");
    }
}

/// A line of wide characters cut by the right edge ends in `›` like any other: the
/// marker does not land on the second half of a wide character (where a terminal
/// never shows it).
#[test]
fn a_line_of_wide_characters_cut_at_the_right_shows_the_marker() {
    for lang in [Lang::En, Lang::PtBr] {
        let mut a = editing(lang);
        ctrl(&mut a, 'u');
        typed(&mut a, &format!("\"a{}ção\"", "漢".repeat(43)));
        press(&mut a, KeyCode::Home);
        let s = screen(&mut a, 80, 24);
        let row = s
            .lines()
            .find(|l| l.contains("\"a漢"))
            .unwrap_or_else(|| panic!("{s}"));
        // What a terminal shows (the test backend lists the cells a wide character
        // hides after it).
        let shown = row.split(" Hidden by").next().unwrap_or(row);
        assert!(shown.trim_end_matches(['"', ' ']).ends_with('›'), "{row:?}");
    }
}

/// The cursor on a wide character at the right edge scrolls it fully into view,
/// beside the `›` marker: the character under the cursor is never blank.
#[test]
fn the_cursor_on_a_wide_character_at_the_right_edge_shows_it() {
    use ratatui::style::Modifier;
    let mut a = editing(Lang::PtBr);
    ctrl(&mut a, 'u');
    typed(&mut a, &format!("\"a{}b\"", "漢".repeat(43)));
    press(&mut a, KeyCode::Home);
    for _ in 0..45 {
        press(&mut a, KeyCode::Right);
        let t = common::draw(&mut a, 80, 24);
        let buf = t.backend().buffer();
        let (row, col) = a.lab.editor.as_ref().map(|e| e.text.cursor()).unwrap();
        let line = a.lab.editor.as_ref().unwrap().text.lines()[row].clone();
        let under = line.chars().nth(col).unwrap_or(' ').to_string();
        let cursor: Vec<String> = buf
            .content()
            .iter()
            .filter(|c| c.modifier.contains(Modifier::REVERSED))
            .map(|c| c.symbol().to_string())
            .collect();
        assert!(
            cursor.contains(&under),
            "{col}: {under:?} not under the cursor {cursor:?}"
        );
    }
}

/// Past line 999 the title's line is a plain number, as in the gutter and in a
/// refused save's place: `linha 1201`, never `linha 1.201` beside `linha 1201`.
#[test]
fn line_numbers_past_999_are_plain_in_the_title_and_the_refusal() {
    for lang in [Lang::En, Lang::PtBr] {
        let mut a = editing(lang);
        ctrl(&mut a, 'u');
        let items: Vec<String> = (0..1200).map(|i| format!("{i},")).collect();
        a.paste(&format!("[\n{}\n", items.join("\n")));
        ctrl(&mut a, 's');
        let s = screen(&mut a, 120, 40);
        let (title, why) = match lang {
            Lang::En => ("line 1202, col 1", "line 1202, column 1"),
            Lang::PtBr => ("linha 1202, col. 1", "linha 1202, coluna 1"),
        };
        assert!(s.contains(title), "{s}");
        assert!(s.contains(why), "{s}");
    }
}
