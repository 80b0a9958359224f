//! The outline (`o`) of a note: every section's name whole at 120 columns (the box
//! grows to the longest name) and wrapped, not cut, where it cannot fit.
use crate::common;

use common::{app, press, screen};

use aws_study::lang::Lang;
use crossterm::event::KeyCode;

#[test]
fn outline_names_fit_at_120_columns_and_wrap_at_80_in_both_languages() {
    for lang in [Lang::En, Lang::PtBr] {
        for note in '1'..='7' {
            for (w, h) in [(120, 40), (80, 24)] {
                let mut a = app(lang);
                press(&mut a, KeyCode::Char(note));
                screen(&mut a, w, h);
                press(&mut a, KeyCode::Char('o'));
                let s = screen(&mut a, w, h);
                // No name of the box cut with an ellipsis (names shown are whole).
                for line in s.lines().filter(|l| l.contains(". ")) {
                    let inside: Vec<&str> = line.split('│').collect();
                    if inside.len() >= 3 {
                        assert!(
                            !inside[1].trim_end().ends_with('…'),
                            "{lang:?} note {note} {w}x{h}: {line}\n{s}"
                        );
                    }
                }
                if note == '1' {
                    insta::assert_snapshot!(format!("outline_note1_{}_{w}x{h}", lang.code()), s);
                }
            }
        }
    }
}

#[test]
fn the_outline_keeps_the_selected_section_in_view_as_it_moves() {
    let mut a = app(Lang::PtBr);
    press(&mut a, KeyCode::Char('1'));
    screen(&mut a, 80, 24);
    press(&mut a, KeyCode::Char('o'));
    for _ in 0..40 {
        press(&mut a, KeyCode::Char('j'));
        screen(&mut a, 80, 24);
    }
    let s = screen(&mut a, 80, 24);
    // The last section ("Pratique no Lab") is drawn.
    assert!(s.contains("Pratique no Lab"), "{s}");
}

#[test]
fn the_sections_pane_at_120_columns_wraps_long_names_instead_of_cutting_them() {
    for lang in [Lang::En, Lang::PtBr] {
        for note in '1'..='7' {
            let mut a = app(lang);
            press(&mut a, KeyCode::Char(note));
            let s = screen(&mut a, 120, 40);
            // The pane is right of the last │ of each row (the status row has none
            // of its own text there).
            for line in s.lines().skip(1) {
                let pane = line.rsplit('│').next().unwrap_or("");
                assert!(!pane.contains('…'), "{lang:?} note {note}: {line}\n{s}");
            }
            if note == '1' {
                insta::assert_snapshot!(format!("sections_pane_note1_{}_120x40", lang.code()), s);
            }
        }
    }
}
