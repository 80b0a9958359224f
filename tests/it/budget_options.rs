//! Cost optimization as a user meets it: `budget --options`, `--compare` and
//! `--catalog` in every format and both languages, a CSV that a spreadsheet cannot
//! run, overflow as a message, and every option's arithmetic against a
//! straightforward integer reference.
use crate::common;
use common::*;

use aws_study::budget::catalog::Catalog;
use aws_study::budget::options::{OptionBook, Payment, Term, for_line_in};
use aws_study::budget::{Factor, LineItem};
use rust_decimal::Decimal;

#[test]
fn options_for_scenario_1_list_plans_reservations_and_spot_with_savings() {
    let d = TempDir::new("budget-options");
    let en = run(
        d.path(),
        &[
            "budget",
            "--scenario",
            "scenario-1",
            "--options",
            "--lang",
            "en",
        ],
    );
    assert!(en.status.success(), "{}", stderr(&en));
    let out = stdout(&en);
    for w in [
        "Compute Savings Plan, 1 year, no upfront",
        "EC2 Instance Savings Plan",
        "Standard Reserved Instance, 3 years, all upfront",
        "Convertible Reserved Instance",
        "RDS Reserved Instance",
        "Spot",
        "S3 Standard-IA",
        "S3 Glacier Deep Archive",
        "beats On-Demand above 72% uptime",
        "$21.57",
        "+$8.38",
        "28%",
        "estimate = worked out",
    ] {
        assert!(out.contains(w), "missing {w:?}\n{out}");
    }
    let pt = stdout(&run(
        d.path(),
        &[
            "budget",
            "--scenario",
            "scenario-1",
            "--options",
            "--lang",
            "pt-BR",
        ],
    ));
    for w in [
        "Instância Reservada padrão",
        "US$ 21,57",
        "compensa acima de 72% do tempo ligado",
        "estimativa",
    ] {
        assert!(pt.contains(w), "missing {w:?}\n{pt}");
    }
    // Machine formats stay locale-neutral.
    let json = stdout(&run(
        d.path(),
        &["budget", "--options", "--format", "json", "--lang", "pt-BR"],
    ));
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let web = &v["lines"][0]["options"];
    let sp = web
        .as_array()
        .expect("options")
        .iter()
        .find(|o| o["option"] == "compute-sp" && o["term"] == "1y" && o["payment"] == "no-upfront")
        .expect("compute sp");
    assert_eq!(sp["monthly"], "21.57");
    assert_eq!(sp["saving"], "8.38");
    assert_eq!(sp["saving_percent"], "28.0");
    assert_eq!(sp["status"], "estimate");
    let csv = stdout(&run(d.path(), &["budget", "--options", "--format", "csv"]));
    assert!(csv.starts_with("service,label,option,term,payment,effective_rate"));
    assert!(csv.contains("ec2-t3-medium,EC2 t3.medium (web),compute-sp,1y,no-upfront,0.029952,0.00,0.00,21.57,29.95,8.38,28.0,72.0,estimate"), "{csv}");
    let md = stdout(&run(
        d.path(),
        &["budget", "--options", "--format", "md", "--lang", "en"],
    ));
    assert!(
        md.contains("| Compute Savings Plan, 1 year, no upfront |") && md.contains("looked up")
    );
}

#[test]
fn compare_in_every_format_and_both_languages() {
    let d = TempDir::new("budget-compare");
    let json = stdout(&run(
        d.path(),
        &[
            "budget",
            "--compare",
            "scenario-1",
            "scenario-2",
            "--format",
            "json",
        ],
    ));
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["a"]["total"], "97.49");
    assert_eq!(v["b"]["total"], "101.40");
    assert_eq!(v["difference"], "3.91");
    assert_eq!(v["change_percent"], "4.01");
    let glue = v["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .find(|l| l["service"] == "glue-dpu")
        .expect("glue on both sides");
    assert_eq!(
        (&glue["a"], &glue["b"], &glue["difference"]),
        (&"4.40".into(), &"26.40".into(), &"22.00".into())
    );
    let kinesis = v["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .find(|l| l["service"] == "kinesis-shard")
        .expect("kinesis");
    assert!(kinesis["a"].is_null());
    let csv = stdout(&run(
        d.path(),
        &[
            "budget",
            "--compare",
            "scenario-1",
            "scenario-2",
            "--format",
            "csv",
            "--lang",
            "pt-BR",
        ],
    ));
    assert!(
        csv.starts_with("service,label,a,b,difference\n")
            && csv.contains(",total,97.49,101.40,3.91"),
        "{csv}"
    );
    let table = stdout(&run(
        d.path(),
        &[
            "budget",
            "--compare",
            "scenario-1",
            "scenario-2",
            "--lang",
            "en",
        ],
    ));
    assert!(
        table.contains("+$3.91") && table.contains("(+4.01%)") && table.contains("$101.40"),
        "{table}"
    );
    let pt = stdout(&run(
        d.path(),
        &[
            "budget",
            "--compare",
            "scenario-1",
            "scenario-2",
            "--format",
            "md",
            "--lang",
            "pt-BR",
        ],
    ));
    assert!(
        pt.contains("+US$ 3,91") && pt.contains("4,01%") && pt.contains("| **Total por mês** |"),
        "{pt}"
    );
    // A file on one side, a saved name would do as well.
    let f = d.path().join("mine.json");
    std::fs::write(
        &f,
        stdout(&run(
            d.path(),
            &["budget", "--scenario", "scenario-2", "--format", "json"],
        )),
    )
    .expect("write");
    let same = stdout(&run(
        d.path(),
        &[
            "budget",
            "--compare",
            "scenario-2",
            f.to_str().expect("path"),
            "--format",
            "json",
        ],
    ));
    let v: serde_json::Value = serde_json::from_str(&same).expect("json");
    assert_eq!(v["difference"], "0.00");
    let bad = run(d.path(), &["budget", "--compare", "scenario-1", "nope"]);
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
}

#[test]
fn the_catalog_lists_the_missing_meters_and_its_options() {
    let d = TempDir::new("budget-catalog");
    let csv = stdout(&run(d.path(), &["budget", "--catalog", "--format", "csv"]));
    assert!(
        csv.starts_with("id,service,name,unit,course_price,documented_price,status,as_of,sources")
    );
    for id in [
        "vpc-public-ipv4",
        "ebs-gp3",
        "rds-storage-gp2",
        "nat-gateway-hours",
        "nat-gateway-data",
        "elb-alb-lcu",
        "kinesis-on-demand-stream",
        "sagemaker-endpoint-ml-m5-large",
        "fargate-vcpu",
        "fargate-memory",
        "s3-requests-put",
        "data-transfer-out",
        "s3-standard-ia",
        "s3-deep-archive",
    ] {
        assert!(
            csv.lines().any(|l| l.starts_with(&format!("{id},"))),
            "missing {id}"
        );
    }
    assert!(csv.contains("s3-deep-archive,Amazon S3,S3 Glacier Deep Archive,GB-month,,0.00099,third-party,2026-12-06,https://aws.amazon.com/s3/pricing/ https://techlama.blog/posts/s3-storage-classes-cost.html https://c3x.dev/blog/s3-request-fees-explained,0,180,0.02,"), "{csv}");
    let json = stdout(&run(d.path(), &["budget", "--catalog", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let rds = v["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["id"] == "rds-db-t3-medium")
        .expect("rds");
    assert_eq!(
        rds["status"], "third-party",
        "the $0.068 comes from third-party tables"
    );
    assert!(
        rds["options"]
            .as_array()
            .expect("options")
            .iter()
            .any(|o| o["option"] == "rds-ri")
    );
    let pt = stdout(&run(d.path(), &["budget", "--catalog", "--lang", "pt-BR"]));
    assert!(
        pt.contains("consultado") && pt.contains("estimativa = calculado"),
        "{pt}"
    );
    let md = run(d.path(), &["budget", "--catalog", "--format", "md"]);
    assert_eq!(md.status.code(), Some(2));
}

fn custom_budget(labels: &[&str], price: &str, qty: &str, n: usize) -> String {
    let line = |label: &str| {
        serde_json::json!({"service": "custom", "label": label, "unit": "h", "unit_price": price,
            "factors": [{"label": "h", "value": qty}], "free_quantity": "0", "included": true})
    };
    let mut lines: Vec<serde_json::Value> = labels.iter().map(|l| line(l)).collect();
    for i in 0..n {
        lines.push(line(&format!("l{i}")));
    }
    serde_json::json!({"version": 1, "name": "x", "currency": "USD", "lines": lines}).to_string()
}

#[test]
fn csv_cells_never_start_a_spreadsheet_formula() {
    let d = TempDir::new("budget-injection");
    let f = d.path().join("inj.json");
    std::fs::write(
        &f,
        custom_budget(
            &[
                "=HYPERLINK(\"http://x\")",
                "+1+1",
                "-2",
                "@SUM(A1)",
                "\tx",
                "plain",
            ],
            "1",
            "1",
            0,
        ),
    )
    .expect("write");
    for args in [
        vec![
            "budget",
            "--file",
            f.to_str().expect("path"),
            "--format",
            "csv",
        ],
        vec![
            "budget",
            "--file",
            f.to_str().expect("path"),
            "--format",
            "csv",
            "--rate",
            "5",
        ],
        vec![
            "budget",
            "--compare",
            f.to_str().expect("path"),
            "scenario-1",
            "--format",
            "csv",
        ],
    ] {
        let o = run(d.path(), &args);
        assert!(o.status.success(), "{}", stderr(&o));
        for row in stdout(&o).lines() {
            let label = row.split(',').nth(1).unwrap_or("");
            let bare = label.trim_start_matches('"');
            assert!(
                !bare.starts_with(['=', '+', '-', '@', '\t']),
                "a formula cell in {args:?}: {row}"
            );
        }
    }
}

#[test]
fn overflow_is_a_message_with_exit_1() {
    let d = TempDir::new("budget-overflow");
    let f = d.path().join("big.json");
    std::fs::write(
        &f,
        custom_budget(&[], "1000000000000", "1000000000000", 7000),
    )
    .expect("write");
    let o = run(
        d.path(),
        &[
            "budget",
            "--file",
            f.to_str().expect("path"),
            "--lang",
            "en",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the 12-month total overflows"),
        "{}",
        stderr(&o)
    );
    // 12 months fit, the BRL column does not.
    let g = d.path().join("brl.json");
    std::fs::write(
        &g,
        custom_budget(&[], "1000000000000", "1000000000000", 6000),
    )
    .expect("write");
    let o = run(d.path(), &["budget", "--file", g.to_str().expect("path")]);
    assert!(o.status.success(), "{}", stderr(&o));
    for fmt in ["table", "csv", "json", "md"] {
        let o = run(
            d.path(),
            &[
                "budget",
                "--file",
                g.to_str().expect("path"),
                "--rate",
                "1000000",
                "--format",
                fmt,
                "--lang",
                "pt-BR",
            ],
        );
        assert_eq!(o.status.code(), Some(1), "{fmt}: {}", stdout(&o));
        assert!(
            stderr(&o).contains("a coluna em reais estoura o limite da conta"),
            "{}",
            stderr(&o)
        );
        assert!(stdout(&o).is_empty());
    }
    // In English the subject agrees with its verb ("the BRL figures overflows").
    let o = run(
        d.path(),
        &[
            "budget",
            "--file",
            g.to_str().expect("path"),
            "--rate",
            "1000000",
        ],
    );
    assert!(
        stderr(&o).contains("the BRL column overflows"),
        "{}",
        stderr(&o)
    );
}

// ---- every option's arithmetic against an integer reference ----

/// n / d rounded half away from zero (n, d > 0).
fn round_div(n: i128, d: i128) -> i128 {
    (2 * n + d) / (2 * d)
}

fn dec(n: i128, scale: u32) -> Decimal {
    Decimal::from_i128_with_scale(n, scale).normalize()
}

#[test]
fn random_options_match_the_reference() {
    let mut r = Rng(0x51a7_e0ff_1234_5678);
    for case in 0..400 {
        let od = 1 + r.below(99_999) as i128; // scale 4: $0.0001 … $9.9999 an hour
        let disc = r.below(90) as i128; // percent
        let units = 1 + r.below(4) as i128;
        let hours = 1 + r.below(800) as i128;
        let (term, term_code, term_hours, months) = if r.below(2) == 0 {
            (Term::OneYear, "1y", 8760i128, 12i128)
        } else {
            (Term::ThreeYears, "3y", 26280, 36)
        };
        let (pay, pay_code, half) = match r.below(3) {
            0 => (Payment::NoUpfront, "no-upfront", 0i128),
            1 => (Payment::PartialUpfront, "partial-upfront", 1),
            _ => (Payment::AllUpfront, "all-upfront", 2),
        };
        let cat_json = format!(
            r#"{{"version":1,"region":"us-east-1","as_of":"2026-12-06","entries":[{{"id":"x","service":"X",
            "name":{{"en":"x"}},"unit":"hour","documented_price":"{}","documented_status":"third-party",
            "as_of":"2026-12-06","source":"s","free_tier":{{"quantity":"0","note":{{"en":""}}}},"factors":[],
            "caveats":{{}},"option_set":"t"}}],
            "option_sets":{{"t":[{{"option":"standard-ri","term":"{term_code}","payment":"{pay_code}",
            "discount":"{}","status":"estimate","as_of":"2026-12-06","source":"s"}}]}}}}"#,
            dec(od, 4),
            dec(disc, 2)
        );
        let cat = Catalog::parse(&cat_json).expect("catalog");
        let book = OptionBook::parse(&cat_json).expect("book");
        let line = LineItem {
            service: "x".into(),
            label: "x".into(),
            unit: "hour".into(),
            unit_price: dec(od, 4),
            factors: vec![
                Factor {
                    label: "instances".into(),
                    value: Decimal::from(units as i64),
                    extra: Default::default(),
                },
                Factor {
                    label: "hours".into(),
                    value: Decimal::from(hours as i64),
                    extra: Default::default(),
                },
            ],
            free_quantity: Decimal::ZERO,
            included: true,
            extra: Default::default(),
        };
        let opts = for_line_in(&line, &cat, &book).expect("prices");
        assert_eq!(opts.len(), 2, "on-demand and the plan");
        let o = &opts[1];
        assert_eq!((o.term, o.payment), (Some(term), Some(pay)));
        // Reference, in integers. base at scale 6 = od(scale 4) × (100 − disc)(scale 2).
        let base = od * (100 - disc);
        let recurring = round_div(base * (2 - half), 2); // scale 6
        let upfront_unit = round_div(base * half * term_hours, 2 * 10_000); // cents
        let rate = round_div(recurring * term_hours + upfront_unit * 10_000, term_hours); // scale 6
        let unit_price = if hours < 720 {
            round_div(rate * 720, hours)
        } else {
            rate
        };
        let billable = units * hours;
        let monthly = round_div(billable * unit_price, 10_000); // cents
        let od_monthly = round_div(billable * od, 100); // cents
        let upfront = upfront_unit * units;
        assert_eq!(o.recurring, dec(recurring, 6), "case {case}: recurring");
        assert_eq!(o.rate, dec(rate, 6), "case {case}: rate");
        assert_eq!(o.unit_price, dec(unit_price, 6), "case {case}: unit price");
        assert_eq!(o.monthly, dec(monthly, 2), "case {case}: monthly");
        assert_eq!(o.upfront, dec(upfront, 2), "case {case}: upfront");
        assert_eq!(
            o.upfront_monthly,
            dec(round_div(upfront, months), 2),
            "case {case}: upfront/month"
        );
        assert_eq!(
            o.on_demand_monthly,
            dec(od_monthly, 2),
            "case {case}: on-demand"
        );
        assert_eq!(
            o.saving,
            dec(od_monthly - monthly, 2),
            "case {case}: saving"
        );
        if od_monthly > 0 {
            let s = od_monthly - monthly;
            let p = if s >= 0 {
                round_div(s * 1000, od_monthly)
            } else {
                -round_div(-s * 1000, od_monthly)
            };
            assert_eq!(o.saving_percent, dec(p, 1), "case {case}: percent");
        }
        assert_eq!(
            o.break_even_percent,
            Some(dec(round_div(rate * 1000, od * 100), 1)),
            "case {case}: break-even"
        );
        // Applying the option prices the line exactly as the list said.
        let applied = aws_study::budget::options::apply(&line, o);
        assert_eq!(
            applied.compute().expect("cost").cost,
            o.monthly,
            "case {case}: applied"
        );
    }
}

/// The course's budgets three ways: as the course prices them, with the meters it
/// leaves out (tests/fixtures/budgets/s*-meters.json: each added line is a catalog
/// meter with its default quantity), and optimized with these picks: EC2 and the
/// ECS host on a 1-year Compute Savings Plan (no upfront), RDS on a 1-year RDS
/// Reserved Instance (no upfront, priced from the documented $0.068), SageMaker
/// training on Spot (a checkpointing job), the real-time endpoint on a 1-year
/// SageMaker Savings Plan (no upfront).
#[test]
fn the_course_budgets_as_priced_with_the_missing_meters_and_optimized() {
    let cat = Catalog::bundled().expect("catalog");
    let book = OptionBook::shared();
    let fixture = |name: &str| {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/budgets")
            .join(name);
        aws_study::budget::file::load(&p).expect("fixture")
    };
    let optimize = |b: &aws_study::budget::Budget| {
        let mut o = b.clone();
        for l in &mut o.lines {
            let opts = for_line_in(l, &cat, book).expect("options");
            let pick = |option: &str| {
                opts.iter().find(|x| {
                    x.option == option
                        && x.term.is_none_or(|t| t == Term::OneYear)
                        && x.payment.is_none_or(|p| p == Payment::NoUpfront)
                })
            };
            let chosen = match l.service.as_str() {
                "ec2-t3-medium" | "ecs-ec2-t3-medium" => pick("compute-sp"),
                "rds-db-t3-medium" => pick("rds-ri"),
                "sagemaker-train-ml-m4-xlarge" => pick("spot"),
                s if s.starts_with("sagemaker-endpoint") => pick("sagemaker-sp"),
                _ => None,
            };
            if let Some(c) = chosen {
                *l = aws_study::budget::options::apply(l, c);
            }
        }
        o.compute().expect("computes").total.to_string()
    };
    let total = |b: &aws_study::budget::Budget| b.compute().expect("computes").total.to_string();
    let s1 = aws_study::budget::scenario("scenario-1")
        .expect("s1")
        .expect("ok");
    let s2 = aws_study::budget::scenario("scenario-2")
        .expect("s2")
        .expect("ok");
    let (m1, m2) = (fixture("s1-meters.json"), fixture("s2-meters.json"));
    let got = [
        total(&s1),
        total(&m1),
        optimize(&s1),
        optimize(&m1),
        total(&s2),
        total(&m2),
        optimize(&s2),
        optimize(&m2),
    ];
    assert_eq!(
        got,
        [
            "97.49", "126.89", "77.76", "107.16", "101.40", "198.35", "81.26", "161.65"
        ]
        .map(String::from),
    );
}

#[test]
fn the_catalog_prices_lambda_options_before_the_free_tier() {
    // Lambda duration's default quantity is what the free tier covers: priced after
    // it, every saving read 0%.
    let d = TempDir::new("catalog-lambda");
    let o = run(d.path(), &["budget", "--catalog", "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let row = out
        .lines()
        .find(|l| l.starts_with("lambda-duration"))
        .unwrap_or_default();
    assert!(
        row.contains("6 (up to 17") && !row.contains("(up to 0%"),
        "{row}"
    );
}
