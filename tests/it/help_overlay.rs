//! The help overlay (`?`) as a learner reads it: it scrolls to its end and stops
//! there, so `k` moves back at once; every tab's help at 80×24 and 120×40 in both
//! languages.
use crate::common;

use common::{app, press, screen};

use aws_study::lang::Lang;
use crossterm::event::KeyCode;

/// The help box's rows (between its top and bottom borders).
fn box_rows(s: &str) -> Vec<String> {
    s.lines()
        .filter(|l| l.contains('│'))
        .map(str::to_string)
        .collect()
}

#[test]
fn help_stops_at_its_end_and_k_moves_back_at_once() {
    for lang in [Lang::En, Lang::PtBr] {
        for tab in ['1', '8', '9', '0'] {
            let mut a = app(lang);
            press(&mut a, KeyCode::Char(tab));
            press(&mut a, KeyCode::Char('?'));
            let first = screen(&mut a, 80, 24);
            let mut last = first.clone();
            for _ in 0..60 {
                press(&mut a, KeyCode::Char('j'));
                last = screen(&mut a, 80, 24);
            }
            // One k after overscrolling shows the row above at once.
            press(&mut a, KeyCode::Char('k'));
            let back = screen(&mut a, 80, 24);
            if box_rows(&first) != box_rows(&last) {
                assert_ne!(
                    box_rows(&back),
                    box_rows(&last),
                    "{lang:?} tab {tab}:\n{back}"
                );
            }
        }
    }
}

#[test]
fn help_at_80x24_and_120x40_in_both_languages() {
    for lang in [Lang::En, Lang::PtBr] {
        for tab in ['1', '8', '9', '0'] {
            for (w, h) in [(80, 24), (120, 40)] {
                let mut a = app(lang);
                press(&mut a, KeyCode::Char(tab));
                press(&mut a, KeyCode::Char('?'));
                let s = screen(&mut a, w, h);
                insta::assert_snapshot!(format!("help_tab{tab}_{}_{w}x{h}", lang.code()), s);
                for _ in 0..60 {
                    press(&mut a, KeyCode::Char('j'));
                    let s = screen(&mut a, w, h);
                    // No help text is cut: a long one wraps under itself.
                    // (The tab bar, row 1, shortens its titles with … on purpose.)
                    let cut = s.lines().skip(1).any(|l| l.contains("…│"));
                    assert!(!cut, "{lang:?} tab {tab} {w}x{h}:\n{s}");
                }
                let s = screen(&mut a, w, h);
                insta::assert_snapshot!(format!("help_tab{tab}_end_{}_{w}x{h}", lang.code()), s);
            }
        }
    }
}
