//! The tab bar as a learner first sees it: at 80 columns every tab is named, Budget,
//! Quiz and Lab whole, on every tab and in both languages; narrower, the current tab
//! keeps its name; wider, the titles are whole.
use crate::common;

use common::{app, press, screen};

use aws_study::lang::Lang;
use crossterm::event::KeyCode;

const KEYS: [char; 10] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

fn first_row(a: &mut aws_study::tui::app::App, w: u16, h: u16) -> String {
    let s = screen(a, w, h);
    s.lines()
        .next()
        .unwrap_or_default()
        .trim_matches('"')
        .to_string()
}

fn budget(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "8 Budget",
        Lang::PtBr => "8 Orçamento",
    }
}

#[test]
fn at_80x24_every_tab_is_named_on_every_tab_in_both_languages() {
    for lang in [Lang::En, Lang::PtBr] {
        let mut a = app(lang);
        // The first screen, before any key.
        let top = first_row(&mut a, 80, 24);
        for want in [budget(lang), "9 Quiz", "0 Lab"] {
            assert!(
                top.contains(want),
                "{lang:?}: first screen lacks {want}: {top}"
            );
        }
        for k in KEYS {
            press(&mut a, KeyCode::Char(k));
            let top = first_row(&mut a, 80, 24);
            for d in 1..=7 {
                assert!(
                    top.contains(&format!("{d} ")),
                    "{lang:?} tab {k}: no {d}: {top}"
                );
            }
            for want in [budget(lang), "9 Quiz", "0 Lab"] {
                assert!(top.contains(want), "{lang:?} tab {k}: lacks {want}: {top}");
            }
            assert!(!top.contains('‹') && !top.contains('›'), "{top}");
        }
    }
}

#[test]
fn narrower_the_current_tab_keeps_its_name_and_wider_every_title_is_whole() {
    let mut a = app(Lang::PtBr);
    press(&mut a, KeyCode::Char('5'));
    let top = first_row(&mut a, 60, 20);
    assert!(top.contains("5 Cenários"), "{top}");
    assert!(
        top.contains("8 Orçamento") && top.contains("0 Lab"),
        "{top}"
    );
    let top = first_row(&mut a, 120, 40);
    for t in [
        "1 Step Functions",
        "3 IAM/KMS/VPC",
        "7 Práticas",
        "9 Quiz",
        "0 Lab",
    ] {
        assert!(top.contains(t), "{top}");
    }
}

#[test]
fn the_tab_bar_on_every_tab_at_60_80_and_120_columns() {
    for lang in [Lang::En, Lang::PtBr] {
        let mut rows = Vec::new();
        let mut a = app(lang);
        for (w, h) in [(60, 20), (80, 24), (120, 40)] {
            for k in KEYS {
                press(&mut a, KeyCode::Char(k));
                rows.push(format!("{w:>3} {k} │{}│", first_row(&mut a, w, h)));
            }
        }
        insta::assert_snapshot!(format!("tab_bar_{}", lang.code()), rows.join("\n"));
    }
}
