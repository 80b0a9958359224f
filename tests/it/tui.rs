//! The interactive app as rendered buffers: each tab at 80×24 and 120×40 in both
//! languages (insta snapshots), overlays, key handling, tiny windows and settings.
use crate::common;

use common::{app, draw, key, press, screen, typed};

use aws_study::lang::Lang;
use aws_study::store::settings::Settings;
use aws_study::tui::app::Tab;
use crossterm::event::{KeyCode, KeyModifiers};

#[test]
fn every_tab_in_both_languages_at_80x24_and_120x40() {
    for lang in [Lang::En, Lang::PtBr] {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut a = app(lang);
            for tab in 1..=7u8 {
                press(&mut a, KeyCode::Char(char::from(b'0' + tab)));
                let name = format!("tab{tab}_{}_{w}x{h}", lang.code());
                insta::assert_snapshot!(name, screen(&mut a, w, h));
            }
        }
    }
}

#[test]
fn help_lists_the_keys_in_the_current_language() {
    let mut a = app(Lang::En);
    press(&mut a, KeyCode::Char('?'));
    let s = screen(&mut a, 100, 30);
    assert!(
        s.contains("quit") && s.contains("search in this note") && s.contains("switch language"),
        "{s}"
    );
    insta::assert_snapshot!("help_en_100x30", s);
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('L'));
    press(&mut a, KeyCode::Char('?'));
    let s = screen(&mut a, 100, 30);
    assert!(s.contains("sair") && s.contains("trocar idioma"), "{s}");
}

#[test]
fn tab_keys_cycle_and_digits_jump() {
    let mut a = app(Lang::En);
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.tab, Tab::Note(1));
    key(&mut a, KeyCode::BackTab, KeyModifiers::SHIFT);
    key(&mut a, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(a.tab, Tab::Lab, "Shift-Tab wraps to the last tab (the Lab)");
    assert!(a.on_lab());
    press(&mut a, KeyCode::Char('3'));
    assert_eq!(a.tab, Tab::Note(2));
    let s = screen(&mut a, 100, 30);
    assert!(s.contains("Security on AWS"), "{s}");
    press(&mut a, KeyCode::Char('9'));
    assert_eq!(a.tab, Tab::Quiz, "9 is the Quiz tab");
    press(&mut a, KeyCode::Char('8'));
    assert!(a.on_budget());
    press(&mut a, KeyCode::Char('0'));
    assert!(a.on_lab(), "0 is the Lab");
}

#[test]
fn scrolling_moves_the_window_and_g_keys_reach_the_ends() {
    let mut a = app(Lang::En);
    screen(&mut a, 80, 24);
    press(&mut a, KeyCode::Char('j'));
    press(&mut a, KeyCode::Down);
    assert_eq!(a.notes[0].scroll, 2);
    press(&mut a, KeyCode::PageDown);
    assert_eq!(a.notes[0].scroll, 2 + 22 - 2);
    press(&mut a, KeyCode::Char('G'));
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("100%"), "{s}");
    press(&mut a, KeyCode::Char('g'));
    assert_eq!(a.notes[0].scroll, 0);
    press(&mut a, KeyCode::Char('k'));
    assert_eq!(a.notes[0].scroll, 0, "no scrolling above the top");
}

#[test]
fn search_in_a_note_highlights_and_n_moves_between_matches() {
    let mut a = app(Lang::En);
    press(&mut a, KeyCode::Char('3'));
    screen(&mut a, 100, 30);
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "rotation");
    let s = screen(&mut a, 100, 30);
    assert!(
        s.contains("/rotation"),
        "the field shows in the status line: {s}"
    );
    press(&mut a, KeyCode::Enter);
    let search = a.notes[2].search.clone().expect("a search");
    assert!(search.matches.len() > 3, "{:?}", search.matches.len());
    let first = search.current.expect("a current match");
    press(&mut a, KeyCode::Char('n'));
    let next = a.notes[2]
        .search
        .as_ref()
        .and_then(|s| s.current)
        .expect("current");
    assert_eq!(next, first + 1);
    press(&mut a, KeyCode::Char('N'));
    assert_eq!(
        a.notes[2].search.as_ref().and_then(|s| s.current),
        Some(first)
    );
    // The current match is on screen and highlighted.
    let t = draw(&mut a, 100, 30);
    let m = search.matches[first];
    let row = (m.line - a.notes[2].scroll) as u16 + 1;
    let buf = t.backend().buffer();
    let cell = &buf[(1 + m.start as u16, row)];
    assert_eq!(
        cell.bg,
        ratatui::style::Color::LightRed,
        "current match highlighted"
    );
    press(&mut a, KeyCode::Esc);
    assert!(a.notes[2].search.is_none(), "Esc clears the highlight");
}

#[test]
fn search_is_accent_insensitive_in_portuguese() {
    let mut a = app(Lang::PtBr);
    press(&mut a, KeyCode::Char('3'));
    screen(&mut a, 100, 30);
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "rotacao");
    press(&mut a, KeyCode::Enter);
    assert!(
        a.notes[2]
            .search
            .as_ref()
            .is_some_and(|s| !s.matches.is_empty())
    );
}

#[test]
fn search_across_notes_lists_hits_and_enter_jumps_to_the_hit() {
    let mut a = app(Lang::En);
    screen(&mut a, 100, 30);
    press(&mut a, KeyCode::Char('s'));
    typed(&mut a, "envelope encryption");
    let s = screen(&mut a, 100, 30);
    assert!(
        s.contains("Search all notes") && s.contains("IAM/KMS/VPC:"),
        "{s}"
    );
    insta::assert_snapshot!("search_all_en_100x30", s);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.tab, Tab::Note(2), "jumped to the security note");
    let s = screen(&mut a, 100, 30);
    assert!(s.to_lowercase().contains("envelope encryption"), "{s}");
    assert!(a.notes[2].scroll > 0);
}

#[test]
fn the_outline_jumps_to_a_section() {
    let mut a = app(Lang::En);
    screen(&mut a, 80, 24);
    press(&mut a, KeyCode::Char('o'));
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains("Sections") && s.contains("Workflow Studio"),
        "{s}"
    );
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("Amazon States Language"), "{s}");
    press(&mut a, KeyCode::Char(']'));
    let after = a.notes[0].scroll;
    press(&mut a, KeyCode::Char('['));
    assert!(a.notes[0].scroll < after);
}

#[test]
fn switching_language_keeps_the_section() {
    let mut a = app(Lang::En);
    press(&mut a, KeyCode::Char('3'));
    screen(&mut a, 100, 30);
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "Security groups vs network ACLs");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Esc);
    let s = screen(&mut a, 100, 30);
    assert!(s.contains("Security groups vs"), "{s}");
    press(&mut a, KeyCode::Char('L'));
    assert_eq!(a.lang, Lang::PtBr);
    let s = screen(&mut a, 100, 30);
    assert!(s.contains("PT-BR") && s.contains("ACL"), "{s}");
}

#[test]
fn tiny_and_odd_sizes_never_panic_and_ask_for_room() {
    let mut a = app(Lang::En);
    for (w, h) in [
        (1, 1),
        (2, 1),
        (19, 4),
        (20, 5),
        (21, 6),
        (40, 12),
        (300, 3),
        (3, 100),
        (500, 200),
    ] {
        let s = screen(&mut a, w, h);
        if w < 20 || h < 5 {
            assert!(w < 8 || h < 2 || s.contains("Window"), "{w}x{h}: {s}");
        }
        for k in [
            KeyCode::Char('?'),
            KeyCode::Char('o'),
            KeyCode::Esc,
            KeyCode::Char('s'),
            KeyCode::Char('x'),
            KeyCode::Esc,
            KeyCode::Char('G'),
        ] {
            press(&mut a, k);
            screen(&mut a, w, h);
        }
    }
    insta::assert_snapshot!("too_small_19x4", screen(&mut app(Lang::En), 19, 4));
}

#[test]
fn no_color_marks_selection_without_colour() {
    let mut a = common::app_from(Lang::En, Settings::default(), None, true);
    let t = draw(&mut a, 100, 30);
    let buf = t.backend().buffer();
    for x in 0..100 {
        for y in 0..30 {
            let c = &buf[(x, y)];
            assert!(
                c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset,
                "{x},{y}"
            );
        }
    }
    assert!(
        buf[(1, 0)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED),
        "active tab reversed"
    );
}

#[test]
fn settings_remember_tab_language_and_position() {
    let d = common::TempDir::new("tui-settings");
    let mut a = common::app_from(Lang::En, Settings::default(), Some(d.path()), false);
    screen(&mut a, 80, 24);
    press(&mut a, KeyCode::Char('4'));
    screen(&mut a, 80, 24);
    for _ in 0..3 {
        press(&mut a, KeyCode::PageDown);
    }
    let top_text = screen(&mut a, 80, 24)
        .lines()
        .nth(2)
        .unwrap_or("")
        .to_string();
    press(&mut a, KeyCode::Char('L'));
    press(&mut a, KeyCode::Char('q'));
    assert!(a.quit);
    let saved = aws_study::store::settings::load(Some(d.path()));
    assert!(saved.warning.is_none());
    assert_eq!(
        saved.settings.last_tab.as_deref(),
        Some("cost-optimization")
    );
    assert_eq!(saved.settings.lang(), Some(Lang::PtBr));
    assert!(saved.settings.positions.contains_key("cost-optimization"));
    // A new session opens on that tab at that place (in English: same source line).
    let mut b = common::app_from(Lang::En, saved.settings, None, false);
    assert_eq!(b.tab, Tab::Note(3));
    screen(&mut b, 80, 24);
    assert!(b.notes[3].scroll > 0);
    let _ = top_text;
}

#[test]
fn an_unwritable_data_directory_warns_once_and_the_app_runs() {
    let d = common::TempDir::new("tui-ro");
    let file = d.path().join("not-a-dir");
    std::fs::write(&file, "x").expect("write");
    let mut a = common::app_from(
        Lang::En,
        Settings::default(),
        Some(&file.join("sub")),
        false,
    );
    a.check_data_dir();
    let s = screen(&mut a, 100, 30);
    assert!(s.contains("settings cannot be saved"), "{s}");
    press(&mut a, KeyCode::Tab);
    press(&mut a, KeyCode::Char('q'));
    assert!(a.quit);
    assert!(a.message.is_none(), "warned once, not again on quit");
}

#[test]
fn switching_language_keeps_the_saved_place_of_every_note_read() {
    let d = common::TempDir::new("tui-lang-positions");
    let mut a = common::app_from(Lang::En, Settings::default(), Some(d.path()), false);
    for tab in ['5', '1', '3'] {
        press(&mut a, KeyCode::Char(tab));
        screen(&mut a, 80, 24);
        press(&mut a, KeyCode::PageDown);
        press(&mut a, KeyCode::PageDown);
    }
    press(&mut a, KeyCode::Char('L'));
    press(&mut a, KeyCode::Char('q'));
    let saved = aws_study::store::settings::load(Some(d.path())).settings;
    for id in ["scenarios", "step-functions", "security"] {
        assert!(
            saved.positions.get(id).is_some_and(|&l| l > 1),
            "{id}: {:?}",
            saved.positions
        );
    }
}
