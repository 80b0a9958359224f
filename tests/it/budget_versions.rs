//! The Budget tab as a cost-optimization workbench, part B: a custom line typed in
//! (`c`), a line's factors split and named (`f`, the Glue line as DPUs × hours),
//! two budgets side by side (`v`) and a copy saved as a variant (`V`). Each change
//! is undone by `u`; what is saved reloads.
use crate::common;

use aws_study::budget::{self, compare, report};
use aws_study::lang::Lang;
use aws_study::tui::app::App;
use aws_study::tui::budget_tab::Source;
use common::{budget_tab, budget_total as total, ctrl, press, screen, typed};
use crossterm::event::KeyCode;

/// `c`, a label, a unit; the price prompt is open.
fn up_to_the_price(a: &mut App, label: &str, unit: &str) {
    press(a, KeyCode::Char('c'));
    typed(a, label);
    press(a, KeyCode::Enter);
    typed(a, unit);
    press(a, KeyCode::Enter);
}

#[test]
fn a_custom_line_is_typed_in_three_steps_refused_prices_keep_the_prompt_and_u_undoes_it() {
    let d = common::TempDir::new("budget-custom");
    let mut a = budget_tab(Lang::En, Some(d.path()));
    // An empty label is refused and the first prompt stays.
    press(&mut a, KeyCode::Char('c'));
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains("a line's label cannot be empty") && s.contains("Custom line 1/3"),
        "{s}"
    );
    press(&mut a, KeyCode::Esc);
    up_to_the_price(&mut a, "Domain name", "month");
    for bad in ["abc", "-3", "2000000000000"] {
        typed(&mut a, bad);
        press(&mut a, KeyCode::Enter);
        let s = screen(&mut a, 80, 24);
        assert!(
            s.contains("Custom line 3/3"),
            "{bad}: the prompt stays\n{s}"
        );
        assert!(s.contains(bad), "{bad}: what was typed is kept\n{s}");
        assert_eq!(a.budget.budget.lines.len(), 6, "{bad}: no line added");
        ctrl(&mut a, 'u');
    }
    typed(&mut a, "12.50");
    press(&mut a, KeyCode::Enter);
    assert_eq!(total(&a), "109.99", "97.49 + 12.50");
    let line = a.budget.line().expect("the new line is selected").clone();
    assert_eq!(
        (
            line.service.as_str(),
            line.label.as_str(),
            line.unit.as_str()
        ),
        ("custom", "Domain name", "month")
    );
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains("Domain name") && s.contains("$109.99") && s.contains("custom line"),
        "{s}"
    );
    // Its unit is a field of a custom line; a bad price there keeps the old one.
    press(&mut a, KeyCode::Char('e'));
    let fields = a.budget.fields();
    assert!(fields.contains(&aws_study::tui::budget_tab::Field::Unit));
    press(&mut a, KeyCode::Down); // unit price
    press(&mut a, KeyCode::Enter);
    ctrl(&mut a, 'u');
    typed(&mut a, "x1");
    press(&mut a, KeyCode::Enter);
    assert!(screen(&mut a, 80, 24).contains("is not a number"));
    assert_eq!(total(&a), "109.99");
    press(&mut a, KeyCode::Esc);
    // Undone, then added again and saved and exported like any line.
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(total(&a), "97.49");
    assert_eq!(a.budget.budget.lines.len(), 6);
    assert!(
        !a.budget.dirty,
        "undoing the only change leaves nothing unsaved"
    );
    up_to_the_price(&mut a, "Domain name", "month");
    typed(&mut a, "12,50");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('w'));
    ctrl(&mut a, 'u');
    typed(&mut a, "with domain");
    press(&mut a, KeyCode::Enter);
    let text = std::fs::read_to_string(d.path().join("budgets/with-domain.json")).expect("saved");
    assert!(
        text.contains("\"service\": \"custom\"") && text.contains("\"unit_price\": \"12.5\""),
        "{text}"
    );
    press(&mut a, KeyCode::Char('E'));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter); // CSV, default path
    press(&mut a, KeyCode::Enter);
    let csv = std::fs::read_to_string(d.path().join("exports/with-domain.csv")).expect("csv");
    assert!(csv.contains("custom,Domain name"), "{csv}");
}

#[test]
fn the_custom_line_prompt_in_both_languages_at_80x24_and_120x40() {
    for lang in [Lang::En, Lang::PtBr] {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut a = budget_tab(lang, None);
            up_to_the_price(&mut a, "Domínio", "mês");
            typed(&mut a, "abc");
            press(&mut a, KeyCode::Enter);
            let s = screen(&mut a, w, h);
            let (step, why) = match lang {
                Lang::En => ("Custom line 3/3: USD per mês", "'abc' is not a number"),
                Lang::PtBr => (
                    "Linha personalizada 3/3: USD por mês",
                    "'abc' não é um número",
                ),
            };
            assert!(s.contains(step) && s.contains(why), "{s}");
            insta::assert_snapshot!(format!("budget_custom_price_{}_{w}x{h}", lang.code()), s);
        }
    }
}

/// Scenario 1's Glue line with its factors open.
fn glue_factors(lang: Lang) -> App {
    let mut a = budget_tab(lang, None);
    for _ in 0..4 {
        press(&mut a, KeyCode::Down);
    }
    assert_eq!(a.budget.line().expect("a line").service, "glue-dpu");
    press(&mut a, KeyCode::Char('f'));
    a
}

fn glue_cost(a: &App) -> String {
    let c = a.budget.budget.compute().expect("computes");
    c.lines[4].cost.to_string()
}

fn factor_names(a: &App) -> Vec<String> {
    let line = a.budget.line().expect("a line");
    line.factors.iter().map(|f| f.label.clone()).collect()
}

/// The Glue line as 1 DPU × 5 hours: below Spark's minimum.
fn split_glue(a: &mut App) {
    press(a, KeyCode::Char('a'));
    typed(a, "hours");
    press(a, KeyCode::Enter);
    press(a, KeyCode::Enter); // the new factor's value
    typed(a, "5");
    press(a, KeyCode::Enter);
    press(a, KeyCode::Up);
    press(a, KeyCode::Char('r'));
    ctrl(a, 'u');
    typed(a, "DPUs");
    press(a, KeyCode::Enter);
    press(a, KeyCode::Enter);
    typed(a, "1");
    press(a, KeyCode::Enter);
}

#[test]
fn the_glue_line_splits_into_dpus_times_hours_shows_the_2_dpu_minimum_and_u_undoes_each_step() {
    let mut a = glue_factors(Lang::En);
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains("Factors — AWS Glue (ETL)") && s.contains("DPU-hours"),
        "{s}"
    );
    assert_eq!(glue_cost(&a), "4.40");
    // A new factor starts at 1: the quantity and the cost stay.
    press(&mut a, KeyCode::Char('a'));
    typed(&mut a, "hours");
    press(&mut a, KeyCode::Enter);
    assert_eq!(factor_names(&a), ["DPU-hours", "hours"]);
    assert_eq!(glue_cost(&a), "4.40");
    press(&mut a, KeyCode::Enter);
    typed(&mut a, "5");
    press(&mut a, KeyCode::Enter);
    assert_eq!(glue_cost(&a), "22.00", "10 × 5 DPU-hours × $0.44");
    press(&mut a, KeyCode::Up);
    press(&mut a, KeyCode::Char('r'));
    ctrl(&mut a, 'u');
    typed(&mut a, "DPUs");
    press(&mut a, KeyCode::Enter);
    assert_eq!(factor_names(&a), ["DPUs", "hours"]);
    let s = screen(&mut a, 80, 24);
    assert!(!s.contains("below Spark's minimum"), "10 DPUs is fine\n{s}");
    press(&mut a, KeyCode::Enter);
    typed(&mut a, "1");
    press(&mut a, KeyCode::Enter);
    assert_eq!(glue_cost(&a), "2.20");
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains("1 × 5 = 5 DPU-h")
            && s.contains("below Spark's minimum")
            && s.contains("at least 2 DPUs"),
        "the catalog's caveat is shown\n{s}"
    );
    // A bad value is refused and the old one kept.
    press(&mut a, KeyCode::Enter);
    ctrl(&mut a, 'u');
    typed(&mut a, "-2");
    press(&mut a, KeyCode::Enter);
    assert!(screen(&mut a, 80, 24).contains("negative"));
    assert_eq!(glue_cost(&a), "2.20");
    // Removing: a line keeps one factor.
    press(&mut a, KeyCode::Char('d'));
    assert_eq!(factor_names(&a), ["hours"]);
    press(&mut a, KeyCode::Char('d'));
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("at least one factor"), "{s}");
    assert_eq!(factor_names(&a), ["hours"]);
    // Each step undone in turn: remove, value, rename, value, add.
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(factor_names(&a), ["DPUs", "hours"]);
    assert_eq!(glue_cost(&a), "2.20");
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(glue_cost(&a), "22.00");
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(factor_names(&a), ["DPU-hours", "hours"]);
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(glue_cost(&a), "4.40");
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(factor_names(&a), ["DPU-hours"]);
    assert_eq!(total(&a), "97.49");
    assert!(!a.budget.dirty);
    press(&mut a, KeyCode::Esc);
    assert!(!screen(&mut a, 80, 24).contains("Factors —"));
}

#[test]
fn the_factors_view_in_both_languages_at_80x24_and_120x40() {
    for lang in [Lang::En, Lang::PtBr] {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut a = glue_factors(lang);
            split_glue(&mut a);
            let s = screen(&mut a, w, h);
            let caveat = match lang {
                Lang::En => "Spark jobs use at least 2 DPUs",
                Lang::PtBr => "Jobs Spark usam no mínimo 2 DPUs",
            };
            assert!(s.contains(caveat), "{s}");
            insta::assert_snapshot!(format!("budget_factors_{}_{w}x{h}", lang.code()), s);
        }
    }
}

/// Scenario 1 in the tab compared with scenario 2 (A), the third choice of `v`.
fn compared_with_scenario_2(lang: Lang) -> App {
    let mut a = budget_tab(lang, None);
    press(&mut a, KeyCode::Char('v'));
    press(&mut a, KeyCode::Char('3'));
    a
}

#[test]
fn compare_shows_the_numbers_of_budget_compare_and_scrolls_at_80x24() {
    let mut a = budget_tab(Lang::En, None);
    press(&mut a, KeyCode::Char('v'));
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains("1 This budget as opened") && s.contains("3 Scenario 2"),
        "{s}"
    );
    press(&mut a, KeyCode::Char('3'));
    // The same figures as the CLI, A = scenario 2, B = this budget.
    let s2 = budget::scenario("scenario-2").expect("s2").expect("ok");
    let s1 = budget::scenario("scenario-1").expect("s1").expect("ok");
    let c = compare::compare(&s2, &s1).expect("compares");
    let cli = report::compare_table(&c, Lang::En);
    assert!(cli.contains("−$3.91") && cli.contains("−3.86%"), "{cli}");
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains("A: Scenario 2")
            && s.contains("B: Scenario 1")
            && s.contains("$101.40")
            && s.contains("$97.49")
            && s.contains("−$3.91")
            && s.contains("−3.86%"),
        "{s}"
    );
    // Every line of both at 80×24, the ones only one side has marked "—".
    for (label, cost) in [
        ("Kinesis Data Streams", "$21.60"),
        ("RDS db.t3.medium", "+$44.64"),
    ] {
        assert!(s.contains(label) && s.contains(cost), "{label}\n{s}");
    }
    press(&mut a, KeyCode::Esc);
    let s = screen(&mut a, 80, 24);
    assert!(!s.contains("A: Scenario 2") && s.contains("$97.49"), "{s}");
}

#[test]
fn a_long_comparison_scrolls_at_80x24_and_the_totals_stay() {
    let d = common::TempDir::new("budget-compare-long");
    let mut big = budget::scenario("scenario-1").expect("s1").expect("ok");
    big.name = "Thirty extras".into();
    for i in 1..=30 {
        let line = budget::custom::custom_line(&format!("Extra {i:02}"), "month", i.into())
            .expect("valid");
        big.lines.push(line);
    }
    budget::saved::save(d.path(), "thirty", &big).expect("saved");
    let mut a = budget_tab(Lang::En, Some(d.path()));
    press(&mut a, KeyCode::Char('v'));
    press(&mut a, KeyCode::Char('4'));
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains("A: Thirty extras") && s.contains("↓") && s.contains("more"),
        "{s}"
    );
    assert!(!s.contains("Extra 30"), "{s}");
    // 1 + 2 + … + 30 = 465 more in A.
    assert!(
        s.contains("Total per month") && s.contains("−$465.00"),
        "{s}"
    );
    press(&mut a, KeyCode::Char('j'));
    let s = screen(&mut a, 80, 24);
    assert!(!s.contains("EC2 t3.medium"), "one line down\n{s}");
    press(&mut a, KeyCode::Char('G'));
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains("Extra 30") && s.contains("$30.00") && s.contains("−$465.00"),
        "{s}"
    );
    press(&mut a, KeyCode::PageUp);
    press(&mut a, KeyCode::Char('g'));
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains("EC2 t3.medium") && !s.contains("Extra 30"),
        "{s}"
    );
    press(&mut a, KeyCode::Char('v'));
    assert!(!screen(&mut a, 80, 24).contains("A: Thirty"));
}

#[test]
fn compare_as_opened_with_now_after_an_edit() {
    let mut a = budget_tab(Lang::PtBr, None);
    press(&mut a, KeyCode::Char('e'));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    ctrl(&mut a, 'u');
    typed(&mut a, "360");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('v'));
    press(&mut a, KeyCode::Char('1'));
    let s = screen(&mut a, 120, 40);
    assert!(
        s.contains("(como aberto)")
            && s.contains("(agora)")
            && s.contains("US$ 97,49")
            && s.contains("US$ 82,52")
            && s.contains("−US$ 14,97")
            && s.contains("−15,36%"),
        "{s}"
    );
    // In the other language, the same figures.
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('L'));
    press(&mut a, KeyCode::Char('v'));
    press(&mut a, KeyCode::Char('1'));
    let s = screen(&mut a, 120, 40);
    assert!(
        s.contains("(as opened)") && s.contains("−$14.97") && s.contains("−15.36%"),
        "{s}"
    );
}

#[test]
fn the_compare_view_in_both_languages_at_80x24_and_120x40() {
    for lang in [Lang::En, Lang::PtBr] {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut a = compared_with_scenario_2(lang);
            let s = screen(&mut a, w, h);
            let diff = match lang {
                Lang::En => "−$3.91",
                Lang::PtBr => "−US$ 3,91",
            };
            assert!(s.contains(diff), "{s}");
            insta::assert_snapshot!(format!("budget_compare_{}_{w}x{h}", lang.code()), s);
        }
    }
}

#[test]
fn a_variant_is_saved_worked_on_and_reloads_and_never_overwrites_without_asking() {
    let d = common::TempDir::new("budget-variant");
    let mut a = budget_tab(Lang::PtBr, Some(d.path()));
    // An edit, then the copy: the default name says "variante" in Portuguese.
    press(&mut a, KeyCode::Char('e'));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    ctrl(&mut a, 'u');
    typed(&mut a, "360");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('V'));
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains("Salvar variante como") && s.contains("(variante)"),
        "{s}"
    );
    press(&mut a, KeyCode::Enter);
    let files = budget::saved::list(d.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let name = a.budget.budget.name.clone();
    assert!(name.ends_with("(variante)"), "{name}");
    assert!(!a.budget.dirty, "working on the saved variant");
    assert!(screen(&mut a, 80, 24).contains("variante"));
    // A second variant's default is numbered, never the file that exists.
    press(&mut a, KeyCode::Char('V'));
    let offered = a.budget.input.as_ref().expect("prompt").1.clone();
    assert!(offered.ends_with("(variante) (variante)"), "{offered}");
    press(&mut a, KeyCode::Esc);
    // Naming an existing file asks first; Esc keeps it as it was.
    let taken = d.path().join("budgets").join(format!("{}.json", files[0]));
    let before = std::fs::read(&taken).expect("saved");
    press(&mut a, KeyCode::Char('x')); // exclude the EC2 line: a change
    press(&mut a, KeyCode::Char('V'));
    ctrl(&mut a, 'u');
    typed(&mut a, &name);
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("já existe"), "{s}");
    press(&mut a, KeyCode::Esc);
    assert_eq!(std::fs::read(&taken).expect("kept"), before);
    press(&mut a, KeyCode::Char('u')); // the exclusion undone: nothing unsaved
    assert!(!a.budget.dirty);
    // Reloaded in a new session: the variant with its edit.
    let mut b = budget_tab(Lang::En, Some(d.path()));
    press(&mut b, KeyCode::Char('p'));
    let choices = b.budget.choices(Lang::En);
    // Listed by the name it was saved under, opened from its file.
    assert!(
        choices[2].name == name && choices[2].source == Source::Saved(files[0].clone()),
        "{choices:?}"
    );
    press(&mut b, KeyCode::Char('3')); // scenario 1, scenario 2, the variant
    assert_eq!(total(&b), "82.52");
    assert_eq!(b.budget.budget.name, name);
}

#[test]
fn hostile_variant_names_stay_inside_the_budgets_folder() {
    let d = common::TempDir::new("budget-variant-names");
    let mut a = budget_tab(Lang::En, Some(d.path()));
    for (typed_name, file) in [
        ("../../outside", "outside.json"),
        ("a/b\\c", "a-b-c.json"),
        ("tab\there\u{1b}[31m", "tab-here-31m.json"),
    ] {
        press(&mut a, KeyCode::Char('V'));
        ctrl(&mut a, 'u');
        a.budget.paste(typed_name, Lang::En);
        press(&mut a, KeyCode::Enter);
        assert!(
            d.path().join("budgets").join(file).is_file(),
            "{typed_name:?}: {:?}",
            budget::saved::list(d.path())
        );
    }
    assert!(!d.path().join("outside.json").exists());
    // A scenario's id is refused; a very long name never panics or loses the budget.
    press(&mut a, KeyCode::Char('V'));
    ctrl(&mut a, 'u');
    typed(&mut a, "scenario-1");
    press(&mut a, KeyCode::Enter);
    assert!(screen(&mut a, 80, 24).contains("course scenario's id"));
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('V'));
    ctrl(&mut a, 'u');
    a.budget.paste(&"x".repeat(400), Lang::En);
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("variant"), "{s}");
    assert_eq!(total(&a), "97.49");
    assert!(
        d.path()
            .join("budgets")
            .join(format!("{}.json", "x".repeat(200)))
            .is_file(),
        "a very long name is cut to a file name that fits: {:?}",
        budget::saved::list(d.path())
    );
    let outside: Vec<_> = std::fs::read_dir(d.path())
        .expect("data dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .filter(|n| n != "budgets")
        .collect();
    assert!(
        outside
            .iter()
            .all(|n| n.to_string_lossy().ends_with(".json")),
        "{outside:?}"
    );
}

#[test]
fn the_new_keys_are_in_the_budget_help() {
    for (lang, words) in [
        (Lang::En, ["custom line", "factors", "compare", "variant"]),
        (
            Lang::PtBr,
            ["linha personalizada", "fatores", "comparar", "variante"],
        ),
    ] {
        let mut a = budget_tab(lang, None);
        press(&mut a, KeyCode::Char('?'));
        let mut seen = String::new();
        for _ in 0..12 {
            seen.push_str(&screen(&mut a, 120, 40));
            press(&mut a, KeyCode::PageDown);
        }
        for w in words {
            assert!(seen.contains(w), "{w}\n{seen}");
        }
    }
}
