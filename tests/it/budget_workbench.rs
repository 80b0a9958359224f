//! The Budget tab as a cost-optimization workbench, as a learner uses it:
//! right-sizing with `<` `>`, hour presets with `h`, S3 storage classes, shares and
//! the lifecycle example with `S`, "add this line" from a caveat in the details
//! view, the free-tier switch `T`, and the Region in the header; every move undone
//! by `u`; the popups drawn at 80×24 and 120×40 in both languages.
use crate::common;

use aws_study::lang::Lang;
use aws_study::tui::app::App;
use common::{TempDir, app_with, budget_tab, budget_total as total, ctrl, press, screen, typed};
use crossterm::event::KeyCode;

/// Scenario 1 with its S3 line (the third) selected.
fn on_s3(lang: Lang) -> App {
    let mut a = budget_tab(lang, None);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    assert_eq!(
        a.budget.line().map(|l| l.service.as_str()),
        Some("s3-standard")
    );
    a
}

fn scenario_2(lang: Lang) -> App {
    let mut a = budget_tab(lang, None);
    press(&mut a, KeyCode::Char('p'));
    press(&mut a, KeyCode::Char('2'));
    assert_eq!(total(&a), "101.40");
    a
}

#[test]
fn the_header_names_the_region_in_both_languages() {
    let mut a = budget_tab(Lang::En, None);
    for (w, h) in [(80, 24), (120, 40)] {
        assert!(screen(&mut a, w, h).contains("us-east-1 prices"));
    }
    press(&mut a, KeyCode::Char('L'));
    assert!(screen(&mut a, 80, 24).contains("preços de us-east-1"));
}

#[test]
fn right_sizing_steps_the_ec2_line_and_says_what_it_saves() {
    let mut a = budget_tab(Lang::En, None);
    // The details say what each step does before a key is pressed.
    let s = screen(&mut a, 120, 40);
    assert!(
        s.contains("Right-sizing: < t3.small −$14.97/month · > t3.large +$29.95/month"),
        "{s}"
    );
    press(&mut a, KeyCode::Char('<'));
    assert_eq!(
        a.budget.line().map(|l| l.label.as_str()),
        Some("EC2 t3.small (web)")
    );
    assert_eq!(total(&a), "82.52");
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("−$14.97"), "{s}");
    // The header compares with the budget as opened, as a pricing option does.
    assert!(s.contains("$97.49 → $82.52"), "{s}");
    press(&mut a, KeyCode::Char('<'));
    press(&mut a, KeyCode::Char('<'));
    assert_eq!(
        a.budget.line().map(|l| l.service.as_str()),
        Some("ec2-t3-micro")
    );
    assert!(
        screen(&mut a, 80, 24).contains("already the smallest size"),
        "at the end of the family"
    );
    for _ in 0..3 {
        press(&mut a, KeyCode::Char('u'));
    }
    assert_eq!(total(&a), "97.49");
    let s = screen(&mut a, 120, 40);
    assert!(!s.contains("→ $"), "undone: no comparison left\n{s}");
    press(&mut a, KeyCode::Char('>'));
    assert_eq!(
        a.budget.line().map(|l| l.service.as_str()),
        Some("ec2-t3-large")
    );
    press(&mut a, KeyCode::Char('u'));
    // The RDS line steps through db.t3 in Portuguese too.
    press(&mut a, KeyCode::Char('L'));
    for _ in 0..3 {
        press(&mut a, KeyCode::Down);
    }
    press(&mut a, KeyCode::Char('<'));
    assert_eq!(
        a.budget.line().map(|l| l.service.as_str()),
        Some("rds-db-t3-small")
    );
    assert!(screen(&mut a, 80, 24).contains("u desfaz"));
    // A line without sizes says so, and ml.m4 is a previous generation.
    let mut b = scenario_2(Lang::En);
    for _ in 0..4 {
        press(&mut b, KeyCode::Down);
    }
    press(&mut b, KeyCode::Char('>'));
    let s = screen(&mut b, 120, 40);
    assert!(
        s.contains("no other sizes") && s.contains("previous generation"),
        "{s}"
    );
    assert_eq!(total(&b), "101.40");
}

#[test]
fn hour_presets_and_custom_hours_with_a_bad_value_refused() {
    let mut a = budget_tab(Lang::En, None);
    press(&mut a, KeyCode::Char('h'));
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains("730 h (AWS's month)") && s.contains("business hours"),
        "{s}"
    );
    press(&mut a, KeyCode::Char('2'));
    // 730 h × $0.0416 = $30.37 instead of $29.95.
    assert_eq!(total(&a), "97.91");
    assert!(screen(&mut a, 80, 24).contains("+$0.42"));
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(total(&a), "97.49");
    // Custom: the field opens; a bad value is refused and kept for fixing.
    press(&mut a, KeyCode::Char('h'));
    press(&mut a, KeyCode::Char('4'));
    ctrl(&mut a, 'u');
    typed(&mut a, "800");
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("0 to 744"), "{s}");
    assert_eq!(total(&a), "97.49");
    ctrl(&mut a, 'u');
    typed(&mut a, "360");
    press(&mut a, KeyCode::Enter);
    assert_eq!(total(&a), "82.52");
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(total(&a), "97.49");
    // Business hours on scenario 2's ECS line (24 h/day × 30 days → 220 h).
    let mut b = scenario_2(Lang::PtBr);
    press(&mut b, KeyCode::Down);
    press(&mut b, KeyCode::Down);
    press(&mut b, KeyCode::Char('h'));
    press(&mut b, KeyCode::Char('3'));
    let ecs = b.budget.line().expect("line");
    assert_eq!(ecs.quantity().expect("q").to_string(), "220");
    // The S3 line is not hourly: said, nothing changes.
    let mut c = on_s3(Lang::PtBr);
    press(&mut c, KeyCode::Char('h'));
    assert!(screen(&mut c, 80, 24).contains("cobradas por hora"));
    assert!(c.budget.undo.is_empty());
}

#[test]
fn an_s3_line_moves_to_a_class_splits_by_shares_and_takes_the_lifecycle_example() {
    let mut a = on_s3(Lang::En);
    press(&mut a, KeyCode::Char('S'));
    let s = screen(&mut a, 120, 40);
    for w in [
        "S3 Standard-IA",
        "S3 Glacier Deep Archive",
        "Lifecycle example",
        "per GB-month",
    ] {
        assert!(s.contains(w), "missing {w}\n{s}");
    }
    // Standard-IA: the whole line, 100 GB × $0.0125.
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    let s = screen(&mut a, 120, 40);
    assert!(
        s.contains("billed for at least 30 days") && s.contains("retrieval $0.01/GB"),
        "{s}"
    );
    press(&mut a, KeyCode::Enter);
    assert_eq!(
        a.budget.line().map(|l| l.service.as_str()),
        Some("s3-standard-ia")
    );
    assert_eq!(total(&a), "96.44");
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(total(&a), "97.49");
    // A split: 50% stays Standard, 50% to Standard-IA.
    press(&mut a, KeyCode::Char('S'));
    press(&mut a, KeyCode::Char('%'));
    typed(&mut a, "50");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('s'));
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("add up to 50%"), "not 100%: refused\n{s}");
    assert_eq!(a.budget.budget.lines.len(), 6);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Char('%'));
    typed(&mut a, "150");
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("not a percentage"), "{s}");
    ctrl(&mut a, 'u');
    typed(&mut a, "50");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('s'));
    assert_eq!(a.budget.budget.lines.len(), 7);
    // $1.15 + $0.63 instead of $2.30.
    assert_eq!(total(&a), "96.97");
    assert!(a.budget.budget.lines[3].label.contains("50%"));
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(a.budget.budget.lines.len(), 6);
    assert_eq!(total(&a), "97.49");
    // The lifecycle example: three lines whose GB add up to the line's 100.
    press(&mut a, KeyCode::Char('S'));
    for _ in 0..7 {
        press(&mut a, KeyCode::Down);
    }
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.budget.budget.lines.len(), 8);
    let gb: rust_decimal::Decimal = a.budget.budget.lines[2..5]
        .iter()
        .map(|l| l.quantity().expect("q"))
        .sum();
    assert_eq!(gb.normalize().to_string(), "100");
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(total(&a), "97.49");
    // S on a line that is not S3 storage says so.
    let mut b = budget_tab(Lang::PtBr, None);
    press(&mut b, KeyCode::Char('S'));
    assert!(screen(&mut b, 80, 24).contains("linha de armazenamento do S3"));
}

#[test]
fn a_caveat_adds_its_line_with_one_key_in_the_details_view() {
    let mut a = budget_tab(Lang::En, None);
    press(&mut a, KeyCode::Char('i'));
    press(&mut a, KeyCode::Char('G'));
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("Add this line"), "{s}");
    let names: Vec<String> = a
        .budget
        .caveat_lines(Lang::En)
        .iter()
        .map(|l| l.service.clone())
        .collect();
    let ebs = names.iter().position(|s| s == "ebs-gp3").expect("EBS gp3");
    let ipv4 = names
        .iter()
        .position(|s| s == "vpc-public-ipv4")
        .expect("public IPv4");
    press(&mut a, KeyCode::Char(char::from(b'1' + ebs as u8)));
    press(&mut a, KeyCode::Char(char::from(b'1' + ipv4 as u8)));
    assert_eq!(a.budget.budget.lines.len(), 8);
    let s = screen(&mut a, 120, 40);
    assert!(s.contains("already in the budget"), "{s}");
    // $0.64 of EBS (8 GB × $0.08) and $3.60 of IPv4 (720 h × $0.005).
    assert_eq!(total(&a), "101.73");
    press(&mut a, KeyCode::Esc);
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains("$97.49 → $101.73"),
        "hidden costs made visible\n{s}"
    );
    press(&mut a, KeyCode::Char('u'));
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(a.budget.budget.lines.len(), 6);
    assert_eq!(total(&a), "97.49");
}

#[test]
fn the_free_tier_switch_is_saved_shown_and_undone() {
    let d = TempDir::new("budget-free-tier");
    let mut a = app_with(Lang::En, Some(d.path()));
    press(&mut a, KeyCode::Char('8'));
    press(&mut a, KeyCode::Char('p'));
    press(&mut a, KeyCode::Char('2'));
    press(&mut a, KeyCode::Char('T'));
    let s = screen(&mut a, 120, 40);
    assert!(
        s.contains("Free tier ON") && s.contains("Legacy 12-month"),
        "{s}"
    );
    press(&mut a, KeyCode::Esc);
    // AWS's always-free quantities: EventBridge has none (the course's 0.1 million
    // goes, +$0.10), CodePipeline's first pipeline (−$1.00) and CodeBuild's 100
    // minutes (−$0.50) are free.
    assert_eq!(total(&a), "100.00");
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("free tier on"), "{s}");
    press(&mut a, KeyCode::Char('w'));
    ctrl(&mut a, 'u');
    typed(&mut a, "with free tier");
    press(&mut a, KeyCode::Enter);
    let saved = std::fs::read_to_string(d.path().join("budgets").join("with-free-tier.json"))
        .expect("saved");
    assert!(saved.contains("\"free_tier\": true"), "{saved}");
    press(&mut a, KeyCode::Char('T'));
    press(&mut a, KeyCode::Esc);
    assert!(!screen(&mut a, 80, 24).contains("free tier on"));
    press(&mut a, KeyCode::Char('u'));
    assert!(screen(&mut a, 80, 24).contains("free tier on"));
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(total(&a), "101.40");
}

#[test]
fn the_workbench_popups_in_both_languages_at_80x24_and_120x40() {
    for lang in [Lang::En, Lang::PtBr] {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut a = on_s3(lang);
            press(&mut a, KeyCode::Char('S'));
            press(&mut a, KeyCode::Down);
            press(&mut a, KeyCode::Down);
            let s = screen(&mut a, w, h);
            insta::assert_snapshot!(format!("budget_s3_{}_{w}x{h}", lang.code()), s);
            for _ in 0..5 {
                press(&mut a, KeyCode::Down);
            }
            let s = screen(&mut a, w, h);
            insta::assert_snapshot!(format!("budget_s3_lifecycle_{}_{w}x{h}", lang.code()), s);

            let mut b = budget_tab(lang, None);
            press(&mut b, KeyCode::Char('h'));
            let s = screen(&mut b, w, h);
            insta::assert_snapshot!(format!("budget_hours_{}_{w}x{h}", lang.code()), s);
            press(&mut b, KeyCode::Esc);
            press(&mut b, KeyCode::Char('<'));
            let s = screen(&mut b, w, h);
            insta::assert_snapshot!(format!("budget_resized_{}_{w}x{h}", lang.code()), s);

            press(&mut b, KeyCode::Char('u'));
            press(&mut b, KeyCode::Char('i'));
            press(&mut b, KeyCode::Char('G'));
            let s = screen(&mut b, w, h);
            insta::assert_snapshot!(format!("budget_caveat_lines_{}_{w}x{h}", lang.code()), s);

            let mut c = scenario_2(lang);
            press(&mut c, KeyCode::Char('T'));
            let s = screen(&mut c, w, h);
            insta::assert_snapshot!(format!("budget_free_tier_{}_{w}x{h}", lang.code()), s);
        }
    }
}

#[test]
fn the_workbench_popups_never_panic_at_small_sizes_and_say_what_is_cut() {
    for lang in [Lang::En, Lang::PtBr] {
        let mut popups: Vec<App> = Vec::new();
        let mut s3 = on_s3(lang);
        press(&mut s3, KeyCode::Char('S'));
        popups.push(s3);
        let mut share = on_s3(lang);
        press(&mut share, KeyCode::Char('S'));
        press(&mut share, KeyCode::Char('%'));
        popups.push(share);
        let mut hours = budget_tab(lang, None);
        press(&mut hours, KeyCode::Char('h'));
        popups.push(hours);
        let mut custom = budget_tab(lang, None);
        press(&mut custom, KeyCode::Char('h'));
        press(&mut custom, KeyCode::Char('4'));
        popups.push(custom);
        let mut free = scenario_2(lang);
        press(&mut free, KeyCode::Char('T'));
        popups.push(free);
        for a in &mut popups {
            for (w, h) in [(1, 1), (20, 5), (40, 10), (60, 16), (79, 23), (80, 24)] {
                let _ = screen(a, w, h);
            }
        }
        // In a small window a popup whose text is longer than its rows says so.
        let mut narrow = scenario_2(lang);
        press(&mut narrow, KeyCode::Char('T'));
        let s = screen(&mut narrow, 50, 12);
        let more = match lang {
            Lang::En => "more lines",
            Lang::PtBr => "mais",
        };
        assert!(s.contains(more), "{s}");
    }
}
