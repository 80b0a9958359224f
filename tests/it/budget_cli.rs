//! `aws-study budget` as a user runs it: every format (snapshots), BRL, --list, and
//! each malformed budget file exiting 1 with the file, the line and the reason.
use crate::common;
use common::*;

#[test]
fn all_four_formats_of_both_scenarios() {
    let d = TempDir::new("budget-formats");
    for id in ["scenario-1", "scenario-2"] {
        for fmt in ["table", "csv", "json", "md"] {
            let o = run(
                d.path(),
                &["budget", "--scenario", id, "--format", fmt, "--lang", "en"],
            );
            assert!(o.status.success(), "{}", stderr(&o));
            insta::assert_snapshot!(format!("{id}_{fmt}"), stdout(&o));
        }
    }
}

#[test]
fn json_output_has_quantity_cost_and_total_as_two_decimal_strings() {
    let d = TempDir::new("budget-json");
    let out = stdout(&run(d.path(), &["budget", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["total"], "97.49");
    assert_eq!(v["lines"][0]["quantity"], "720");
    assert_eq!(v["lines"][0]["cost"], "29.95");
    assert_eq!(v["lines"][5]["included"], false);
    // The output is itself a valid budget file.
    let f = d.path().join("again.json");
    std::fs::write(&f, &out).expect("write");
    let again = run(
        d.path(),
        &[
            "budget",
            "--file",
            f.to_str().expect("path"),
            "--format",
            "json",
        ],
    );
    assert_eq!(stdout(&again), out);
}

#[test]
fn the_rate_adds_brl_figures() {
    let d = TempDir::new("budget-rate");
    let out = stdout(&run(
        d.path(),
        &["budget", "--scenario", "scenario-2", "--rate", "5.00"],
    ));
    assert!(out.contains("R$ 507.00") && out.contains("BRL"), "{out}");
    let json = stdout(&run(
        d.path(),
        &["budget", "--format", "json", "--rate", "5.4"],
    ));
    assert!(json.contains("\"total_brl\": \"526.45\""), "{json}");
    for bad in ["0", "-1", "abc", "1e3"] {
        assert_eq!(
            run(d.path(), &["budget", "--rate", bad]).status.code(),
            Some(2),
            "{bad}"
        );
    }
}

#[test]
fn list_and_unknown_ids() {
    let d = TempDir::new("budget-list");
    let out = stdout(&run(d.path(), &["budget", "--list"]));
    assert!(
        out.starts_with("scenario-1\tScenario 1") && out.contains("scenario-2\t"),
        "{out}"
    );
    let o = run(d.path(), &["budget", "--scenario", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("scenario-1, scenario-2"));
    let both = run(
        d.path(),
        &["budget", "--scenario", "scenario-1", "--file", "x.json"],
    );
    assert_eq!(both.status.code(), Some(2));
}

const GOOD: &str = r#"{
  "version": 1,
  "name": "mine",
  "currency": "USD",
  "lines": [
    {
      "service": "ec2-t3-medium",
      "label": "web",
      "unit": "hour",
      "unit_price": "0.0416",
      "factors": [
        { "label": "instances", "value": "2" },
        { "label": "hours", "value": "720" }
      ],
      "free_quantity": "0",
      "included": true
    }
  ]
}"#;

#[test]
fn malformed_budget_files_exit_1_with_file_line_and_reason() {
    let d = TempDir::new("budget-bad");
    let cases: Vec<(&str, String, &str)> = vec![
        ("not-json", "hello".into(), ":1: "),
        ("truncated", GOOD[..120].to_string(), "truncated"),
        (
            "negative",
            GOOD.replace("\"0.0416\"", "\"-0.0416\""),
            ":10: lines[0].unit_price: the value must not be negative",
        ),
        (
            "non-numeric",
            GOOD.replace("\"720\"", "\"seven\""),
            ":13: lines[0].factors[1].value: 'seven' is not a decimal number",
        ),
        (
            "overflow",
            GOOD.replace("\"720\"", "\"999999999999\"")
                .replace("\"2\"", "\"999999999999\""),
            "larger than 10^12",
        ),
        (
            "version",
            GOOD.replace("\"version\": 1", "\"version\": 7"),
            ":2: version: version 7 is not supported",
        ),
        (
            "missing-field",
            GOOD.replace("      \"unit\": \"hour\",\n", ""),
            "missing field `unit`",
        ),
        (
            "number-not-string",
            GOOD.replace("\"0.0416\"", "0.0416"),
            ":10: invalid type",
        ),
        (
            "currency",
            GOOD.replace("USD", "EUR"),
            ":4: currency: currency 'EUR' is not supported",
        ),
    ];
    for (name, text, want) in cases {
        let f = d.path().join(format!("{name}.json"));
        std::fs::write(&f, &text).expect("write");
        let o = run(d.path(), &["budget", "--file", f.to_str().expect("path")]);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains(&format!("{name}.json")) && err.contains(want),
            "{name}: {err}"
        );
        assert!(!err.contains("panicked"), "{name}");
    }
    let o = run(d.path(), &["budget", "--file", "/no/such/budget.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("/no/such/budget.json: cannot read the file"));
}

#[test]
fn labels_with_control_characters_are_escaped_in_every_text_format() {
    let d = TempDir::new("budget-controls");
    let f = d.path().join("ctrl.json");
    std::fs::write(&f, GOOD.replace("\"web\"", "\"\\u001b[31mRED\\u0007\"")).expect("write");
    for fmt in ["table", "md", "csv"] {
        let out = stdout(&run(
            d.path(),
            &[
                "budget",
                "--file",
                f.to_str().expect("path"),
                "--format",
                fmt,
            ],
        ));
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}'),
            "{fmt}: {out:?}"
        );
        assert!(out.contains("^[[31mRED^G"), "{fmt}: {out}");
    }
}

#[test]
fn a_line_without_included_or_free_quantity_is_refused() {
    let d = TempDir::new("budget-missing");
    for field in [
        "      \"free_quantity\": \"0\",\n",
        ",\n      \"included\": true",
    ] {
        let f = d.path().join("m.json");
        std::fs::write(&f, GOOD.replace(field, "")).expect("write");
        let o = run(d.path(), &["budget", "--file", f.to_str().expect("path")]);
        assert_eq!(o.status.code(), Some(1), "{field}: {}", stdout(&o));
        assert!(stderr(&o).contains("missing field"), "{}", stderr(&o));
    }
}
