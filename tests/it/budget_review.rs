//! What an outside review of the Budget workbench found, each as the learner met it:
//! a factor shown with a point in Portuguese, an increase shown without its sign,
//! a device or a missing file given to `--compare` called an "unknown budget", a
//! huge line cost cut in the table.
use crate::common;

use aws_study::lang::Lang;
use aws_study::tui::app::App;
use aws_study::tui::budget_tab::Field;
use common::{TempDir, app_with, ctrl, press, run, screen, stderr, typed};
use crossterm::event::KeyCode;

fn budget_tab(lang: Lang) -> App {
    let mut a = app_with(lang, None);
    press(&mut a, KeyCode::Char('8'));
    a
}

#[test]
fn a_factor_and_the_free_quantity_follow_the_language_in_the_field_list() {
    let mut a = budget_tab(Lang::PtBr);
    // Custom hours typed with a decimal comma: 1,5 h.
    press(&mut a, KeyCode::Char('h'));
    press(&mut a, KeyCode::Char('4'));
    ctrl(&mut a, 'u');
    typed(&mut a, "1,5");
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.budget.field_shown(Field::Factor(1), Lang::PtBr), "1,5");
    assert_eq!(a.budget.field_shown(Field::Factor(1), Lang::En), "1.5");
    // What an edit starts from stays a plain number, which both languages read.
    assert_eq!(a.budget.field_value(Field::Factor(1)), "1.5");
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&mut a, w, h);
        let row = s
            .lines()
            .find(|l| l.trim_start_matches(['"', ' ']).starts_with("horas "))
            .unwrap_or_else(|| panic!("the hours field at {w}×{h}\n{s}"));
        assert!(row.contains("1,5") && !row.contains("1.5"), "{row}\n{s}");
    }
    // The details view lists the fields the same way, and a big free quantity is
    // grouped.
    press(&mut a, KeyCode::Char('i'));
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("horas: 1,5"), "{s}");
    press(&mut a, KeyCode::Esc);
    a.budget.budget.lines[0].free_quantity = rust_decimal::Decimal::from(1_000_000);
    assert_eq!(
        a.budget.field_shown(Field::FreeQuantity, Lang::PtBr),
        "1.000.000"
    );
}

#[test]
fn the_header_signs_an_increase_and_never_rounds_a_change_to_zero() {
    let mut a = budget_tab(Lang::En);
    // t3.medium → t3.large: $97.49 → $127.44, 30.72% more.
    press(&mut a, KeyCode::Char('>'));
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("$97.49 → $127.44 (+31%)"), "{s}");
    press(&mut a, KeyCode::Char('u'));
    // 730 h instead of 720: +$0.42, 0.43% — not "0%".
    press(&mut a, KeyCode::Char('h'));
    press(&mut a, KeyCode::Char('2'));
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("$97.49 → $97.91 (+0.43%)"), "{s}");
    press(&mut a, KeyCode::Char('u'));
    // A saving keeps its minus sign, in Portuguese too.
    press(&mut a, KeyCode::Char('L'));
    press(&mut a, KeyCode::Char('<'));
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("US$ 97,49 → US$ 82,52 (−15%)"), "{s}");
}

#[test]
fn compare_refuses_a_device_a_folder_or_a_missing_file_by_what_it_is() {
    let data = TempDir::new("review-compare");
    let o = run(
        data.path(),
        &["budget", "--compare", "scenario-1", "/dev/null"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("/dev/null") && stderr(&o).contains("not a regular file"),
        "{}",
        stderr(&o)
    );
    let folder = data.path().to_string_lossy().to_string();
    let o = run(data.path(), &["budget", "--compare", &folder, "scenario-2"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("folder"), "{}", stderr(&o));
    let missing = data.path().join("nope.json");
    let missing = missing.to_string_lossy().to_string();
    let o = run(
        data.path(),
        &["budget", "--compare", "scenario-1", &missing],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("no such file"), "{}", stderr(&o));
    // A name that is no path is still an unknown budget with the choices (exit 2).
    let o = run(data.path(), &["budget", "--compare", "scenario-1", "nope"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("valid choices"), "{}", stderr(&o));
}

#[test]
fn a_huge_line_cost_widens_its_column_instead_of_being_cut() {
    let mut a = budget_tab(Lang::En);
    press(&mut a, KeyCode::Char('e'));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    ctrl(&mut a, 'u');
    typed(&mut a, "999999999999");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Esc);
    for (w, h) in [(80, 24), (120, 40)] {
        let s = screen(&mut a, w, h);
        let row = s
            .lines()
            .find(|l| l.contains("[x] EC2 t3.medium"))
            .unwrap_or_else(|| panic!("the EC2 row at {w}×{h}\n{s}"));
        assert!(
            row.trim_end_matches(['"', ' '])
                .ends_with("$41,599,999,999.96"),
            "{row}"
        );
    }
}

#[test]
fn options_say_what_they_do_to_a_line_not_at_its_on_demand_price() {
    // Scenario 1's RDS line is at the course's $0.062/h ($44.64); the options are
    // priced from the documented On-Demand $0.068/h ($48.96), so the Saving column
    // ($15.67) is not what a 1-year RI does to this line (−$11.35).
    let data = TempDir::new("review-options");
    let o = run(data.path(), &["budget", "--options"]);
    let out = common::stdout(&o);
    let rds = out.split("## RDS").nth(1).expect("the RDS section");
    assert!(
        rds.contains(
            "(this line costs $44.64 a month now; Saving compares with On-Demand at the documented price ($48.96 a month)"
        ),
        "{rds}"
    );
    let ec2 = out.split("## ").nth(1).expect("the EC2 section");
    assert!(!ec2.contains("this line costs"), "{ec2}");
    let o = run(
        data.path(),
        &["budget", "--options", "--format", "md", "--lang", "pt-BR"],
    );
    assert!(
        common::stdout(&o).contains("Esta linha custa US$ 44,64 por mês agora"),
        "{}",
        common::stdout(&o)
    );
    // The tab's popup: the selected option's change to this line, and the lookup
    // date in the language's format.
    let mut a = budget_tab(Lang::En);
    for _ in 0..3 {
        press(&mut a, KeyCode::Down);
    }
    press(&mut a, KeyCode::Char('o'));
    press(&mut a, KeyCode::Down);
    let s = screen(&mut a, 120, 40);
    assert!(
        s.contains("This line: $44.64 now → $33.29 with this option (−$11.35 a month"),
        "{s}"
    );
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('L'));
    press(&mut a, KeyCode::Char('o'));
    press(&mut a, KeyCode::Down);
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains("Esta linha: US$ 44,64 agora → US$ 33,29")
            && s.contains("consultado em 06/12/2026"),
        "{s}"
    );
    press(&mut a, KeyCode::Enter);
    assert_eq!(
        a.budget
            .budget
            .compute()
            .expect("computes")
            .total
            .to_string(),
        "86.14"
    );
}

#[test]
fn an_s3_line_moved_to_a_class_is_labelled_with_that_class() {
    // It said "S3 Standard (CSV)" at $0.0125/GB-month, Standard-IA's price.
    let mut a = budget_tab(Lang::En);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Char('S'));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    let l = a.budget.line().expect("line");
    assert_eq!(l.service, "s3-standard-ia");
    assert_eq!(l.label, "S3 Standard-IA (CSV)");
    assert!(screen(&mut a, 80, 24).contains("S3 Standard-IA (CSV)"));
    // Back to Standard, and undone: the label follows.
    press(&mut a, KeyCode::Char('S'));
    for _ in 0..8 {
        press(&mut a, KeyCode::Up);
    }
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.budget.line().expect("line").label, "S3 Standard (CSV)");
    press(&mut a, KeyCode::Char('u'));
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(a.budget.line().expect("line").label, "S3 Standard (CSV)");
    assert_eq!(a.budget.line().expect("line").service, "s3-standard");
}

#[test]
fn right_sizing_a_line_on_a_savings_plan_says_the_plan_was_dropped() {
    // A 1-year Compute Savings Plan on t3.medium ($21.57), then `<`: t3.small is
    // priced On-Demand ($14.98), and the message says why.
    let mut a = budget_tab(Lang::En);
    press(&mut a, KeyCode::Char('o'));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('<'));
    let s = screen(&mut a, 120, 40);
    assert!(
        s.contains(
            "(−$6.59 a month; u undoes); priced On-Demand now: the picked option was for the old"
        ),
        "{s}"
    );
    press(&mut a, KeyCode::Char('u'));
    press(&mut a, KeyCode::Char('u'));
    press(&mut a, KeyCode::Char('L'));
    press(&mut a, KeyCode::Char('<'));
    let s = screen(&mut a, 120, 40);
    assert!(
        s.contains("u desfaz)") && !s.contains("sob demanda: a opção"),
        "{s}"
    );
}

#[test]
fn a_negative_rate_is_refused_as_a_rate_not_as_an_unknown_flag() {
    // `--rate -1` said "unexpected argument '-1' found".
    let data = TempDir::new("review-rate");
    let o = run(data.path(), &["budget", "--rate", "-1"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("'-1' is not a rate") && !stderr(&o).contains("unexpected argument"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn lambda_duration_options_keep_their_precision_and_a_sane_upfront() {
    // 10M GB-seconds, 400,000 free, at $0.0000166667: $160.00 On-Demand. The rates
    // were rounded to six decimals ("0.000015", and 1-year partial upfront "0.000016"
    // cost more than no upfront) and the upfront treated a GB-second as a unit
    // running every hour of the year ($700,000.00 for a $160 line).
    let data = TempDir::new("review-lambda");
    let file = data.path().join("lambda.json");
    std::fs::write(
        &file,
        r#"{ "version": 1, "name": "lambda", "currency": "USD",
  "lines": [ { "service": "lambda-duration", "label": "Lambda duration", "unit": "GB-second",
               "unit_price": "0.0000166667",
               "factors": [ { "label": "GB-seconds", "value": "10000000" } ],
               "free_quantity": "400000", "included": true } ] }"#,
    )
    .expect("write");
    let o = run(
        data.path(),
        &["budget", "--file", &file.to_string_lossy(), "--options"],
    );
    let out = common::stdout(&o);
    let row = |start: &str| -> String {
        out.lines()
            .find(|l| l.trim_start().starts_with(start))
            .unwrap_or_else(|| panic!("{start}\n{out}"))
            .to_string()
    };
    let no_upfront = row("Compute Savings Plan, 1 year, no upfront");
    assert!(
        no_upfront.contains("$0.0000146667/GB-s") && no_upfront.contains("$140.80"),
        "{no_upfront}"
    );
    let partial = row("Compute Savings Plan, 1 year, partial upfront");
    assert!(
        partial.contains("$0.0000145/GB-s")
            && partial.contains("$835.20 ($69.60/mo)")
            && partial.contains("$139.20"),
        "{partial}"
    );
    let all3 = row("Compute Savings Plan, 3 years, all upfront");
    assert!(all3.contains("$132.80") && all3.contains("17%"), "{all3}");
    // The catalog's "up to" comes from the rates, not a free-tier line's $0.
    let o = run(data.path(), &["budget", "--catalog"]);
    let cat = common::stdout(&o);
    let lambda = cat
        .lines()
        .find(|l| l.starts_with("lambda-duration"))
        .expect("lambda-duration");
    assert!(lambda.contains("6 (up to 17% off)"), "{lambda}");
}

#[test]
fn an_ambiguous_number_is_answered_with_its_own_two_readings() {
    // "1,500" was answered "type 4000 (no thousands separator) or 4.5".
    let mut a = budget_tab(Lang::En);
    press(&mut a, KeyCode::Char('e'));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    ctrl(&mut a, 'u');
    typed(&mut a, "1,500");
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a, 120, 40);
    assert!(
        s.contains("'1,500' is ambiguous: type 1500 for the whole number")
            && s.contains("or 1.5 for the decimal"),
        "{s}"
    );
    assert!(!s.contains("4000"), "{s}");
    let mut b = budget_tab(Lang::PtBr);
    press(&mut b, KeyCode::Char('e'));
    press(&mut b, KeyCode::Down);
    press(&mut b, KeyCode::Enter);
    ctrl(&mut b, 'u');
    typed(&mut b, "4.000");
    press(&mut b, KeyCode::Enter);
    let s = screen(&mut b, 120, 40);
    assert!(
        s.contains("'4.000' é ambíguo: digite 4000 para o número inteiro")
            && s.contains("ou 4 para o decimal"),
        "{s}"
    );
}

#[test]
fn a_saved_variants_message_is_read_to_its_end_at_80x24() {
    // The message names the file's whole path; at 80 columns its end ("you are now
    // working on it ('…' is unchanged)") was cut after three rows.
    let data = TempDir::new("review-variant");
    let mut a = app_with(Lang::En, Some(data.path()));
    press(&mut a, KeyCode::Char('8'));
    press(&mut a, KeyCode::Char('V'));
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("is unchanged)"), "{s}");
}

#[test]
fn a_figure_wider_than_its_column_is_cut_inside_it_not_over_the_formula() {
    // 10^12 h × $10^12: the cost started left of its column, over the formula's end
    // ("1,000,000,000,000$1,000,…").
    let mut a = budget_tab(Lang::En);
    for (field, value) in [(1, "1000000000000"), (2, "1000000000000")] {
        press(&mut a, KeyCode::Char('e'));
        for _ in 0..field {
            press(&mut a, KeyCode::Down);
        }
        press(&mut a, KeyCode::Enter);
        ctrl(&mut a, 'u');
        typed(&mut a, value);
        press(&mut a, KeyCode::Enter);
        press(&mut a, KeyCode::Esc);
    }
    let s = screen(&mut a, 80, 24);
    let row = s
        .lines()
        .find(|l| l.contains("[x] EC2 t3.medium"))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(!row.contains("0$1"), "{row}");
    assert!(row.contains('…'), "{row}");
}

#[test]
fn the_tab_says_the_date_is_when_the_price_was_looked_up_and_what_its_status_means() {
    // It showed "AWS us-east-1: $0.0416/h (third party, 2026-11-23)", as if AWS had
    // set the price that day, and no legend for "third party".
    let mut a = budget_tab(Lang::En);
    press(&mut a, KeyCode::Char('i'));
    let s = screen(&mut a, 120, 40);
    assert!(
        s.contains("AWS us-east-1: $0.0416/h (third party, looked up 2026-11-23)")
            && s.contains("third party = AWS's price as reported by a source outside AWS"),
        "{s}"
    );
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('L'));
    press(&mut a, KeyCode::Char('i'));
    let s = screen(&mut a, 120, 40);
    assert!(
        s.contains("(terceiros, consultado em 23/11/2026)")
            && s.contains("terceiros = preço da AWS informado por uma fonte de fora da AWS"),
        "{s}"
    );
}

#[test]
fn the_s3_classes_minimum_column_says_days_in_portuguese() {
    // "prazo mín." over "30", "90", "180": a duration without its unit.
    let mut a = budget_tab(Lang::PtBr);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Char('S'));
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("dias mín.") && !s.contains("prazo mín."), "{s}");
}

#[test]
fn a_table_longer_than_the_window_says_how_many_lines_it_shows() {
    // Scenario 2 has nine lines; at 80×24 the table shows eight and said nothing
    // of the ninth (CodeBuild).
    let mut a = budget_tab(Lang::En);
    press(&mut a, KeyCode::Char('p'));
    press(&mut a, KeyCode::Char('2'));
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("lines 1–8 of 9"), "{s}");
    for _ in 0..8 {
        press(&mut a, KeyCode::Down);
    }
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains("lines 2–9 of 9") && s.contains("CodeBuild"),
        "{s}"
    );
    // Room for every line: nothing said.
    let s = screen(&mut a, 120, 40);
    assert!(!s.contains(" of 9 ("), "{s}");
    press(&mut a, KeyCode::Char('L'));
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("linhas 2–9 de 9"), "{s}");
}

#[test]
fn the_free_tier_popup_lists_s3s_legacy_offer() {
    // Scenario 1's S3 line was missing from the legacy 12-month offers (5 GB of S3
    // Standard for accounts opened before 15 July 2025).
    let mut a = budget_tab(Lang::En);
    press(&mut a, KeyCode::Char('T'));
    let s = screen(&mut a, 120, 40);
    assert!(
        s.contains("S3 Standard (CSV)") && s.contains("5 GB of S3 Standard"),
        "{s}"
    );
}
