//! The Budget tab as a learner uses it: screens in both languages (snapshots), and
//! editing, refusing bad values, undo, adding from the catalog, saving and exporting.
use crate::common;

use aws_study::lang::Lang;
use aws_study::tui::app::App;
use common::{app_with, budget_total as total, ctrl, press, screen, typed};
use crossterm::event::KeyCode;

#[test]
fn the_budget_tab_in_both_languages_at_80x24_and_120x40() {
    for lang in [Lang::En, Lang::PtBr] {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut a = app_with(lang, None);
            press(&mut a, KeyCode::Char('8'));
            let s = screen(&mut a, w, h);
            let total = match lang {
                Lang::En => "$97.49",
                Lang::PtBr => "US$ 97,49",
            };
            assert!(s.contains(total), "{s}");
            insta::assert_snapshot!(format!("budget_scenario1_{}_{w}x{h}", lang.code()), s);
        }
    }
}

#[test]
fn opens_on_scenario_1_and_the_picker_switches_to_scenario_2() {
    let mut a = app_with(Lang::En, None);
    press(&mut a, KeyCode::Char('8'));
    assert!(a.on_budget());
    press(&mut a, KeyCode::Char('p'));
    let s = screen(&mut a, 100, 30);
    assert!(
        s.contains("Open a budget") && s.contains("2 Scenario 2"),
        "{s}"
    );
    press(&mut a, KeyCode::Char('2'));
    let s = screen(&mut a, 100, 30);
    assert!(s.contains("$101.40") && s.contains("Kinesis"), "{s}");
    insta::assert_snapshot!("budget_scenario2_en_100x30", s);
}

#[test]
fn editing_a_factor_changes_the_total_and_a_bad_value_is_refused() {
    let mut a = app_with(Lang::En, None);
    press(&mut a, KeyCode::Char('8'));
    press(&mut a, KeyCode::Char('e')); // fields of the EC2 line
    press(&mut a, KeyCode::Down); // hours
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Backspace);
    press(&mut a, KeyCode::Backspace);
    press(&mut a, KeyCode::Backspace);
    typed(&mut a, "360");
    press(&mut a, KeyCode::Enter);
    assert_eq!(total(&a), "82.52");
    let s = screen(&mut a, 100, 30);
    assert!(
        s.contains("$82.52") && s.contains("360 h × $0.0416/h = $14.98") && s.contains("unsaved"),
        "{s}"
    );
    // A bad value: refused with the reason, the old value kept.
    press(&mut a, KeyCode::Enter);
    ctrl(&mut a, 'u');
    typed(&mut a, "-3");
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a, 100, 30);
    assert!(s.contains("refused") && s.contains("negative"), "{s}");
    assert_eq!(total(&a), "82.52");
    // Typing a digit on a field starts editing it.
    typed(&mut a, "7a");
    press(&mut a, KeyCode::Enter);
    assert!(screen(&mut a, 100, 30).contains("'7a' is not a number"));
    assert_eq!(total(&a), "82.52");
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(total(&a), "97.49", "undo restores the course figure");
}

#[test]
fn include_delete_undo_and_add_from_the_catalog() {
    let mut a = app_with(Lang::PtBr, None);
    press(&mut a, KeyCode::Char('8'));
    press(&mut a, KeyCode::Char('G')); // not a budget key: nothing happens
    for _ in 0..5 {
        press(&mut a, KeyCode::Down);
    }
    press(&mut a, KeyCode::Char(' '));
    assert_eq!(total(&a), "3097.49", "Shield Advanced included");
    press(&mut a, KeyCode::Char('d'));
    assert_eq!(a.budget.budget.lines.len(), 5);
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(a.budget.budget.lines.len(), 6);
    press(&mut a, KeyCode::Char('a'));
    typed(&mut a, "lcu");
    let s = screen(&mut a, 100, 30);
    assert!(s.contains("Adicionar linha") && s.contains("LCU"), "{s}");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.budget.budget.lines.len(), 7);
    assert_eq!(total(&a), "3103.25");
    let s = screen(&mut a, 100, 30);
    assert!(
        s.contains("Curso: —") && s.contains("US$") || s.contains("$0.008"),
        "{s}"
    );
}

#[test]
fn help_in_the_budget_tab_lists_its_keys() {
    let mut a = app_with(Lang::En, None);
    press(&mut a, KeyCode::Char('8'));
    press(&mut a, KeyCode::Char('?'));
    let s = screen(&mut a, 100, 30);
    assert!(
        s.contains("edit the line") && s.contains("add a line from the pricing catalog"),
        "{s}"
    );
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('L'));
    press(&mut a, KeyCode::Char('?'));
    assert!(screen(&mut a, 100, 30).contains("editar fatores"));
}

#[test]
fn save_export_and_the_rate_column() {
    let d = common::TempDir::new("budget-save");
    let mut a = app_with(Lang::En, Some(d.path()));
    press(&mut a, KeyCode::Char('8'));
    press(&mut a, KeyCode::Char('r'));
    typed(&mut a, "5,40");
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("R$ 526.45") && s.contains("BRL"), "{s}");
    press(&mut a, KeyCode::Char('w'));
    ctrl(&mut a, 'u');
    typed(&mut a, "my plan");
    press(&mut a, KeyCode::Enter);
    let saved = d.path().join("budgets/my-plan.json");
    assert!(saved.exists(), "{}", screen(&mut a, 120, 40));
    let b = aws_study::budget::file::load(&saved).expect("a valid budget file");
    assert_eq!(b.name, "my plan");
    press(&mut a, KeyCode::Char('E'));
    press(&mut a, KeyCode::Enter); // markdown, default path
    press(&mut a, KeyCode::Enter);
    let md = d.path().join("exports/my-plan.md");
    let text = std::fs::read_to_string(&md).expect("exported");
    assert!(
        text.contains("| **Total per month** | | **$97.49** | **R$ 526.45** | |"),
        "{text}"
    );
    assert!(
        screen(&mut a, 120, 40).contains("exported to"),
        "the path is shown"
    );
    // The picker now offers the saved budget; the CLI lists and prices it too.
    let o = common::run(d.path(), &["budget", "--list"]);
    assert!(common::stdout(&o).contains("my-plan\tmy plan (saved)"));
    let o = common::run(
        d.path(),
        &["budget", "--scenario", "my-plan", "--format", "json"],
    );
    assert!(common::stdout(&o).contains("\"total\": \"97.49\""));
}

#[test]
fn unsaved_changes_survive_a_restart_and_picking_asks_before_discarding() {
    let d = common::TempDir::new("budget-draft");
    let mut a = app_with(Lang::En, Some(d.path()));
    press(&mut a, KeyCode::Char('8'));
    press(&mut a, KeyCode::Char('x'));
    assert_eq!(total(&a), "67.54", "EC2 excluded");
    press(&mut a, KeyCode::Char('q'));
    let loaded = aws_study::store::settings::load(Some(d.path()));
    let mut b = common::app_from(Lang::En, loaded.settings, Some(d.path()), false);
    assert!(b.on_budget(), "reopens on the Budget tab");
    assert_eq!(total(&b), "67.54", "the draft came back");
    assert!(b.budget.dirty);
    press(&mut b, KeyCode::Char('p'));
    press(&mut b, KeyCode::Char('2'));
    assert!(screen(&mut b, 100, 30).contains("unsaved changes"));
    assert_eq!(total(&b), "67.54", "not discarded on the first try");
    press(&mut b, KeyCode::Enter);
    assert_eq!(total(&b), "101.40");
    assert!(!d.path().join("budget-draft.json").exists());
}

#[test]
fn b_in_the_scenarios_note_opens_that_scenario() {
    let mut a = app_with(Lang::En, None);
    press(&mut a, KeyCode::Char('5'));
    screen(&mut a, 100, 30);
    press(&mut a, KeyCode::Char('o'));
    // Jump to the "scenario-2-budget" section via the outline.
    let lay = a.current_layout();
    let idx = aws_study::tui::app::outline(&lay)
        .iter()
        .position(|x| x.id.as_deref() == Some("scenario-2-budget"))
        .expect("section");
    for _ in 0..idx {
        press(&mut a, KeyCode::Down);
    }
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('b'));
    assert!(a.on_budget());
    assert_eq!(total(&a), "101.40");
}

#[test]
fn budget_tab_survives_tiny_sizes_and_every_key() {
    let mut a = app_with(Lang::En, None);
    press(&mut a, KeyCode::Char('8'));
    let keys = [
        'e', 'j', '\n', '9', 'x', 'a', 'z', '\u{1b}', 'p', '\u{1b}', 'E', '\u{1b}', 'r', '\u{1b}',
        'D', 'd', 'u', 'w', '\u{1b}',
    ];
    for (w, h) in [(1, 1), (20, 5), (30, 8), (60, 12), (80, 24), (200, 60)] {
        for k in keys {
            let code = match k {
                '\n' => KeyCode::Enter,
                '\u{1b}' => KeyCode::Esc,
                c => KeyCode::Char(c),
            };
            press(&mut a, code);
            screen(&mut a, w, h);
        }
    }
}

#[test]
fn saving_or_exporting_over_an_existing_file_asks_first() {
    let d = common::TempDir::new("budget-overwrite");
    let mut a = app_with(Lang::En, Some(d.path()));
    press(&mut a, KeyCode::Char('8'));
    press(&mut a, KeyCode::Char('w'));
    typed(&mut a, "plan"); // the first key replaces the prefilled name
    press(&mut a, KeyCode::Enter);
    let saved = d.path().join("budgets/plan.json");
    assert!(saved.exists());
    // Another budget under the same name: asked, not overwritten.
    press(&mut a, KeyCode::Char('p'));
    press(&mut a, KeyCode::Char('2'));
    press(&mut a, KeyCode::Char('w'));
    typed(&mut a, "plan");
    press(&mut a, KeyCode::Enter);
    assert!(screen(&mut a, 120, 40).contains("already exists"));
    assert_eq!(
        aws_study::budget::file::load(&saved)
            .expect("file")
            .lines
            .len(),
        6,
        "still scenario 1"
    );
    press(&mut a, KeyCode::Enter); // confirmed
    assert_eq!(
        aws_study::budget::file::load(&saved)
            .expect("file")
            .lines
            .len(),
        9
    );
    // A course scenario's id is not a name.
    press(&mut a, KeyCode::Char('w'));
    typed(&mut a, "scenario-1");
    press(&mut a, KeyCode::Enter);
    assert!(screen(&mut a, 120, 40).contains("course scenario"));
    assert!(!d.path().join("budgets/scenario-1.json").exists());
    press(&mut a, KeyCode::Esc);
    // Export onto an existing file.
    let victim = d.path().join("victim.txt");
    std::fs::write(&victim, "precious").expect("write");
    press(&mut a, KeyCode::Char('E'));
    press(&mut a, KeyCode::Enter);
    ctrl(&mut a, 'u');
    typed(&mut a, victim.to_str().expect("path"));
    press(&mut a, KeyCode::Enter);
    assert_eq!(std::fs::read_to_string(&victim).expect("read"), "precious");
    press(&mut a, KeyCode::Esc);
    assert_eq!(
        std::fs::read_to_string(&victim).expect("read"),
        "precious",
        "Esc keeps it"
    );
}

#[test]
fn ambiguous_and_huge_numbers_are_refused_with_the_reason() {
    let mut a = app_with(Lang::En, None);
    press(&mut a, KeyCode::Char('8'));
    press(&mut a, KeyCode::Char('e'));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    typed(&mut a, "1,000");
    press(&mut a, KeyCode::Enter);
    assert!(screen(&mut a, 120, 30).contains("ambiguous"));
    assert_eq!(total(&a), "97.49");
    press(&mut a, KeyCode::Enter);
    typed(&mut a, "99999999999999999999999999999");
    press(&mut a, KeyCode::Enter);
    assert!(screen(&mut a, 120, 30).contains("too large"));
    press(&mut a, KeyCode::Char('u'));
    assert!(!a.budget.dirty, "nothing changed, nothing unsaved");
}

#[test]
fn a_minus_sign_on_a_selected_factor_is_checked_not_dropped() {
    let mut a = app_with(Lang::En, None);
    press(&mut a, KeyCode::Char('8'));
    press(&mut a, KeyCode::Char('e'));
    // "-3" typed straight onto the selected factor: refused, not read as 3.
    typed(&mut a, "-3");
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a, 100, 30);
    assert!(s.contains("refused") && s.contains("negative"), "{s}");
    assert_eq!(total(&a), "97.49");
}

#[test]
fn editing_a_line_the_hints_and_w_are_those_of_the_field_list() {
    let mut a = app_with(Lang::En, None);
    press(&mut a, KeyCode::Char('8'));
    press(&mut a, KeyCode::Enter); // the line's fields
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("Esc lines") && s.contains("w save"), "{s}");
    assert!(
        !s.contains("p pick"),
        "the line list's keys are not offered here: {s}"
    );
    press(&mut a, KeyCode::Char('w'));
    assert!(matches!(
        a.budget.input,
        Some((aws_study::tui::budget_tab::Input::SaveName, _))
    ));
}

#[test]
fn b_outside_a_scenario_section_says_which_budget_is_shown() {
    let mut a = app_with(Lang::En, None);
    press(&mut a, KeyCode::Char('b')); // in the Step Functions note
    assert!(a.on_budget());
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("no scenario in that section"), "{s}");
}

/// The Budget tab on scenario 2 with a BRL rate of 5.43.
fn scenario2_with_rate(lang: Lang) -> App {
    let mut a = app_with(lang, None);
    press(&mut a, KeyCode::Char('8'));
    press(&mut a, KeyCode::Char('p'));
    press(&mut a, KeyCode::Char('2'));
    press(&mut a, KeyCode::Char('r'));
    ctrl(&mut a, 'u');
    typed(&mut a, "5.43");
    press(&mut a, KeyCode::Enter);
    a
}

/// The text inside the details box of a screen: its rows without the border.
fn details_rows(s: &str) -> Vec<String> {
    s.lines()
        .skip(2) // the tab bar and the box's top border
        .filter_map(|l| {
            let l = l.trim_matches('"');
            let inner = l.strip_prefix('│')?;
            let end = inner.rfind('│')?;
            Some(inner[..end].trim_end().to_string())
        })
        .collect()
}

fn one_spaced(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_detail_of_every_line_is_readable_at_80x24() {
    let catalog = aws_study::budget::catalog::Catalog::bundled().expect("catalog");
    for lang in [Lang::En, Lang::PtBr] {
        for scenario in ['1', '2'] {
            let mut a = app_with(lang, None);
            press(&mut a, KeyCode::Char('8'));
            press(&mut a, KeyCode::Char('p'));
            press(&mut a, KeyCode::Char(scenario));
            let n = a.budget.budget.lines.len();
            for i in 0..n {
                assert_eq!(a.budget.selected, i);
                press(&mut a, KeyCode::Char('i'));
                // Scrolled a row at a time: the top row of each screen, then the
                // rest of the last screen, is everything the view has.
                let mut seen: Vec<String> = Vec::new();
                let mut last: Vec<String> = Vec::new();
                for _ in 0..200 {
                    let rows = details_rows(&screen(&mut a, 80, 24));
                    if rows == last {
                        break;
                    }
                    seen.push(rows.first().cloned().unwrap_or_default());
                    last = rows;
                    press(&mut a, KeyCode::Char('j'));
                }
                seen.extend(last.iter().skip(1).cloned());
                let all = one_spaced(&seen.join(" "));
                let line = &a.budget.budget.lines[i];
                let entry = catalog.entry(&line.service).expect("catalog entry");
                let mut wanted: Vec<String> =
                    entry.caveats(lang).iter().map(|c| one_spaced(c)).collect();
                wanted.push(one_spaced(aws_study::content::bank::text_in(
                    &entry.free_tier.note,
                    lang,
                )));
                let c = line.compute().expect("computes");
                wanted.push(aws_study::budget::format::formula(line, &c, lang));
                for w in wanted {
                    assert!(all.contains(&w), "{lang:?} line {i}: {w:?} not in\n{all}");
                }
                // A source address wider than the row is broken across rows.
                let unbroken: String = all.split_whitespace().collect();
                assert!(unbroken.contains(&entry.source), "{}: {all}", entry.source);
                press(&mut a, KeyCode::Esc);
                assert!(matches!(
                    a.budget.overlay,
                    aws_study::tui::budget_tab::Overlay::None
                ));
                press(&mut a, KeyCode::Down);
            }
        }
    }
}

#[test]
fn the_details_view_scrolls_says_so_and_closes() {
    let mut a = app_with(Lang::En, None);
    press(&mut a, KeyCode::Char('8'));
    // The pane under the table says how much more there is and which key shows it.
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("more lines: i shows everything"), "{s}");
    press(&mut a, KeyCode::Char('i'));
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("The line in full · rows 1–20/"), "{s}");
    assert!(
        s.contains("more ─"),
        "the bottom border says there is more: {s}"
    );
    assert!(
        s.contains("↓ scroll · Esc close"),
        "the hints are the view's: {s}"
    );
    press(&mut a, KeyCode::Char('G'));
    let s = screen(&mut a, 80, 24);
    assert!(!s.contains("more ─"), "{s}");
    let at_end = a.budget.overlay.clone();
    press(&mut a, KeyCode::Char('j'));
    press(&mut a, KeyCode::PageDown);
    screen(&mut a, 80, 24);
    assert_eq!(a.budget.overlay, at_end, "no scrolling past the end");
    press(&mut a, KeyCode::Char('g'));
    screen(&mut a, 80, 24);
    assert_eq!(
        a.budget.overlay,
        aws_study::tui::budget_tab::Overlay::Details { scroll: 0 }
    );
    // `i` closes it too; from the field list it opens as well.
    press(&mut a, KeyCode::Char('i'));
    assert_eq!(a.budget.overlay, aws_study::tui::budget_tab::Overlay::None);
    press(&mut a, KeyCode::Char('e'));
    press(&mut a, KeyCode::Char('i'));
    assert!(screen(&mut a, 120, 40).contains("The line in full"));
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.budget.overlay, aws_study::tui::budget_tab::Overlay::None);
    assert!(screen(&mut a, 80, 24).contains("(Enter edits, Esc returns, i details)"));
}

#[test]
fn the_details_view_in_both_languages_at_80x24_and_120x40() {
    for lang in [Lang::En, Lang::PtBr] {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut a = scenario2_with_rate(lang);
            press(&mut a, KeyCode::Char('i'));
            let s = screen(&mut a, w, h);
            let rate = if lang == Lang::En {
                "($1 = R$ 5.43)"
            } else {
                "(US$ 1 = R$ 5,43)"
            };
            assert!(s.contains(rate), "{s}");
            insta::assert_snapshot!(format!("budget_details_{}_{w}x{h}", lang.code()), s);
        }
    }
}

#[test]
fn the_rate_is_stated_wherever_brl_is_shown_at_80x24() {
    for lang in [Lang::En, Lang::PtBr] {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut a = scenario2_with_rate(lang);
            let s = screen(&mut a, w, h);
            let total = if lang == Lang::En {
                "R$ 550.60 ($1 = R$ 5.43)"
            } else {
                "R$ 550,60 (US$ 1 = R$ 5,43)"
            };
            let head = if lang == Lang::En {
                "R$ (× 5.43)"
            } else {
                "R$ (× 5,43)"
            };
            assert!(s.contains(total), "totals: {s}");
            assert!(s.contains(head), "the BRL column's head: {s}");
            insta::assert_snapshot!(format!("budget_scenario2_rate_{}_{w}x{h}", lang.code()), s);
        }
        // Narrower than the totals row: the BRL total and its rate go on the next
        // row instead of being cut away.
        let mut a = scenario2_with_rate(lang);
        let s = screen(&mut a, 64, 24);
        let rows: Vec<&str> = s.lines().collect();
        let total = if lang == Lang::En {
            "R$ 550.60 ($1 = R$ 5.43)"
        } else {
            "R$ 550,60 (US$ 1 = R$ 5,43)"
        };
        assert!(rows[3].contains(total), "{s}");
    }
}

#[test]
fn a_draft_that_is_not_a_budget_is_reported_in_the_language_shown() {
    let d = common::TempDir::new("budget-draft-pt");
    std::fs::write(d.path().join("budget-draft.json"), b"\xff\xfe{").expect("write");
    let mut a = app_with(Lang::PtBr, Some(d.path()));
    let s = screen(&mut a, 120, 40);
    assert!(
        s.contains("não é texto UTF-8") && s.contains("movido para"),
        "{s}"
    );
    // The warning holds its words in both languages, not one stored sentence.
    let m = a.message.as_ref().map(|m| m.text(Lang::En).to_string());
    assert!(
        m.as_deref().unwrap_or("").contains("not UTF-8 text"),
        "{m:?}"
    );
}

#[test]
fn a_long_saved_path_wraps_over_clean_rows_at_80x24() {
    let d = common::TempDir::new("budget-long-path-to-a-data-directory-with-a-long-name");
    let mut a = app_with(Lang::PtBr, Some(d.path()));
    press(&mut a, KeyCode::Char('8'));
    press(&mut a, KeyCode::Char('w'));
    press(&mut a, KeyCode::Enter); // the default name: the scenario's Portuguese title
    let s = screen(&mut a, 80, 24);
    let rows: Vec<&str> = s.lines().collect();
    let first = rows
        .iter()
        .position(|r| r.contains("salvo em"))
        .unwrap_or_else(|| panic!("no save message:\n{s}"));
    // Nothing of the view shows through the rows the message took, and the whole
    // path is there, broken across rows rather than cut.
    assert!(!rows[first].contains("linhas"), "{s}");
    let joined: String = rows[first..]
        .iter()
        .map(|r| r.trim_matches('"').trim())
        .collect();
    assert!(joined.contains(".json"), "{s}");
    assert!(
        std::fs::read_dir(d.path().join("budgets"))
            .expect("budgets")
            .any(|e| {
                let n = e.expect("entry").file_name().to_string_lossy().into_owned();
                n.starts_with("Cen") && !n.contains("--")
            }),
        "saved under the Portuguese title, one dash for ' — '"
    );
}

#[test]
fn every_budget_key_hint_shows_at_80x24() {
    for lang in [Lang::En, Lang::PtBr] {
        let mut a = app_with(lang, None);
        press(&mut a, KeyCode::Char('8'));
        let s = screen(&mut a, 80, 24);
        let rows: Vec<&str> = s.lines().collect();
        let last_two = rows[rows.len() - 2..].join("\n");
        for key in ["e ", "a ", "d ", "u ", "p ", "w ", "E ", "r "] {
            assert!(
                last_two.contains(&format!(" {key}")) || last_two.contains(&format!("· {key}")),
                "{lang:?} lacks '{key}':\n{s}"
            );
        }
        assert!(!last_two.contains('…'), "{s}");
    }
}

/// Scenario 1, the EC2 line's options open (`o`), the 1-year Compute Savings Plan
/// with no upfront selected.
fn options_on_the_compute_plan(lang: Lang) -> App {
    let mut a = app_with(lang, None);
    press(&mut a, KeyCode::Char('8'));
    assert_eq!(
        a.budget.line().map(|l| l.service.as_str()),
        Some("ec2-t3-medium")
    );
    press(&mut a, KeyCode::Char('o'));
    let opts = a.budget.line_options();
    let want = opts
        .iter()
        .position(|o| {
            o.option == "compute-sp"
                && o.term.map(|t| t.code()) == Some("1y")
                && o.payment.map(|p| p.code()) == Some("no-upfront")
        })
        .expect("1-year Compute Savings Plan, no upfront");
    for _ in 0..want {
        press(&mut a, KeyCode::Down);
    }
    a
}

#[test]
fn a_compute_savings_plan_on_the_ec2_line_shows_as_opened_vs_now_and_u_undoes_it() {
    for lang in [Lang::En, Lang::PtBr] {
        let mut a = options_on_the_compute_plan(lang);
        let s = screen(&mut a, 120, 40);
        let (name, sp) = match lang {
            Lang::En => (
                "Pricing options",
                "Compute Savings Plan, 1 year, no upfront",
            ),
            Lang::PtBr => (
                "Opções de preço",
                "Compute Savings Plan, 1 ano, sem adiantamento",
            ),
        };
        assert!(s.contains(name) && s.contains(sp), "{s}");
        press(&mut a, KeyCode::Enter);
        let cost = a.budget.budget.lines[0].compute().expect("cost").cost;
        assert_eq!(cost.to_string(), "21.57");
        assert_eq!(total(&a), "89.11");
        let s = screen(&mut a, 120, 40);
        let header = match lang {
            Lang::En => "$97.49 → $89.11 (−9%)",
            Lang::PtBr => "US$ 97,49 → US$ 89,11 (−9%)",
        };
        assert!(s.contains(header), "{s}");
        let line_cost = match lang {
            Lang::En => "$21.57",
            Lang::PtBr => "US$ 21,57",
        };
        assert!(s.contains(line_cost), "{s}");
        // The same at 80×24.
        let s = screen(&mut a, 80, 24);
        assert!(s.contains(header), "{s}");
        for (w, h) in [(80, 24), (120, 40)] {
            let s = screen(&mut a, w, h);
            insta::assert_snapshot!(format!("budget_option_picked_{}_{w}x{h}", lang.code()), s);
        }
        // With a BRL rate too, the header takes a third row rather than cut either.
        press(&mut a, KeyCode::Char('r'));
        typed(&mut a, "5.40");
        press(&mut a, KeyCode::Enter);
        let s = screen(&mut a, 80, 24);
        let brl = match lang {
            Lang::En => "R$ 481.20",
            Lang::PtBr => "R$ 481,20",
        };
        assert!(s.contains(header) && s.contains(brl), "{s}");
        assert!(s.contains("EC2 t3.medium (web)"), "{s}");
        press(&mut a, KeyCode::Char('u'));
        assert_eq!(total(&a), "97.49");
        let s = screen(&mut a, 120, 40);
        assert!(!s.contains("→ $") && !s.contains("→ US$"), "{s}");
    }
}

#[test]
fn the_options_list_in_both_languages_at_80x24_and_120x40() {
    for lang in [Lang::En, Lang::PtBr] {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut a = options_on_the_compute_plan(lang);
            let s = screen(&mut a, w, h);
            insta::assert_snapshot!(format!("budget_options_{}_{w}x{h}", lang.code()), s);
        }
    }
}

#[test]
fn the_options_list_scrolls_esc_closes_and_a_line_without_options_says_so() {
    let mut a = app_with(Lang::En, None);
    press(&mut a, KeyCode::Char('8'));
    press(&mut a, KeyCode::Char('o'));
    let n = a.budget.line_options().len();
    assert!(n > 10, "{n}");
    for _ in 0..n + 3 {
        press(&mut a, KeyCode::Char('j'));
    }
    let s = screen(&mut a, 80, 24);
    let last = a.budget.line_options()[n - 1].title(Lang::En, &a.budget.catalog);
    let shown: String = last.chars().take(20).collect();
    assert!(s.contains(&shown) && s.contains('↑'), "{s}");
    press(&mut a, KeyCode::Char('k'));
    press(&mut a, KeyCode::Esc);
    assert_eq!(total(&a), "97.49");
    assert!(!screen(&mut a, 80, 24).contains("Pricing options"));
    // On-Demand keeps the line as it is: nothing to undo.
    press(&mut a, KeyCode::Char('o'));
    press(&mut a, KeyCode::Enter);
    assert_eq!(total(&a), "97.49");
    assert!(!a.budget.dirty);
    // A line the catalog has no options for.
    let i = a
        .budget
        .budget
        .lines
        .iter()
        .position(|l| {
            a.budget
                .catalog
                .entry(&l.service)
                .is_none_or(|e| e.option_set.is_none())
        })
        .expect("a line without options");
    a.budget.selected = i;
    press(&mut a, KeyCode::Char('o'));
    let s = screen(&mut a, 100, 30);
    assert!(s.contains("no pricing options"), "{s}");
}

#[test]
fn a_plain_edit_shows_the_new_total_without_the_as_opened_comparison() {
    let mut a = app_with(Lang::En, None);
    press(&mut a, KeyCode::Char('8'));
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('5'));
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a, 120, 40);
    assert!(a.budget.dirty, "{s}");
    assert!(!s.contains("as opened"), "{s}");
    assert!(!s.contains("97.49"), "{s}");
}

#[test]
fn the_fields_panel_writes_numbers_as_the_language_does() {
    // 1440 hours typed: the field reads 1.440 in pt-BR and 1,440 in English, as the
    // formula beside it does.
    for (lang, want) in [(Lang::PtBr, "1.440"), (Lang::En, "1,440")] {
        let mut a = app_with(lang, None);
        press(&mut a, KeyCode::Char('8'));
        press(&mut a, KeyCode::Char('e'));
        press(&mut a, KeyCode::Down); // hours
        press(&mut a, KeyCode::Enter);
        for _ in 0..3 {
            press(&mut a, KeyCode::Backspace);
        }
        typed(&mut a, "1440");
        press(&mut a, KeyCode::Enter);
        let s = screen(&mut a, 80, 24);
        let field = s
            .lines()
            .find(|l| l.contains("horas ") || l.contains("hours "))
            .unwrap_or_default();
        assert!(field.contains(want), "{s}");
    }
}

#[test]
fn the_picker_lists_saved_budgets_by_the_name_they_were_saved_under() {
    let d = common::TempDir::new("picker-names");
    let mut a = app_with(Lang::PtBr, Some(d.path()));
    press(&mut a, KeyCode::Char('8'));
    press(&mut a, KeyCode::Char('w'));
    typed(&mut a, "Meu teste: versão 2!");
    press(&mut a, KeyCode::Enter);
    assert!(d.path().join("budgets").read_dir().expect("saved").count() == 1);
    press(&mut a, KeyCode::Char('p'));
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("Meu teste: versão 2!"), "{s}");
    // A file whose name differs from its stem is still opened from the list.
    press(&mut a, KeyCode::Char('3'));
    assert_eq!(a.budget.budget.name, "Meu teste: versão 2!");
}
