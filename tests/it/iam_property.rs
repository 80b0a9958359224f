//! Property test: mutated policies and case files — wrong types, unknown operators,
//! malformed ARNs, wildcards everywhere, deep nesting — never make `iam check` or the
//! evaluator panic, and an unknown operator never turns a Deny into an Allow. Fixed
//! seeds, so a failure reproduces.
use crate::common::Rng;

use aws_study::iam::{self, check, policy::Policy};
use serde_json::{Value, json};

const CASES: &str = include_str!("../fixtures/iam/cases.json");

fn palette(r: &mut Rng) -> Value {
    match r.below(16) {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(-1.5e300),
        3 => json!("*"),
        4 => json!("?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*b"),
        5 => json!("arn:aws"),
        6 => json!("${aws:username"),
        7 => json!("${aws:PrincipalTag/x, 'd''q'}${*}${?}${$}"),
        8 => json!([]),
        9 => json!({}),
        10 => json!({"StringEqualz": {"k": "v"}, "ForAnyValue:Null": {"k": "true"}}),
        11 => json!(["s3:*", "*:*", "", "arn:aws:iam::*:user/${aws:username}"]),
        12 => json!({"AWS": ["*", "123", "arn:aws:iam::111122223333:root"], "Bogus": 1}),
        13 => json!("\u{1b}]0;x\u{7}"),
        14 => {
            let mut v = json!("deep");
            for _ in 0..100 {
                v = json!([v]);
            }
            v
        }
        _ => {
            json!({"NumericLessThan": {"n": "ten"}, "IpAddress": {"aws:SourceIp": "999.1.1.1/40"}, "DateEquals": {"d": "2020-02-30T25:61:00Z"}})
        }
    }
}

const KEYS: &[&str] = &[
    "Version",
    "Statement",
    "Sid",
    "Effect",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Principal",
    "NotPrincipal",
    "Condition",
];

fn mutate(v: &mut Value, r: &mut Rng, depth: usize) {
    match v {
        Value::Object(map) if !map.is_empty() && depth < 8 => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let k = &keys[r.below(keys.len())];
            match r.below(4) {
                0 => {
                    map.remove(k);
                }
                1 => {
                    map.insert(KEYS[r.below(KEYS.len())].to_string(), palette(r));
                }
                _ => mutate(map.get_mut(k).unwrap(), r, depth + 1),
            }
        }
        Value::Array(items) if !items.is_empty() && depth < 8 => {
            let i = r.below(items.len());
            if r.below(4) == 0 {
                items[i] = palette(r);
            } else {
                mutate(&mut items[i], r, depth + 1);
            }
        }
        other => *other = palette(r),
    }
}

#[test]
fn mutated_case_files_never_panic() {
    let base: Value = serde_json::from_str(CASES).unwrap();
    let cases = base["cases"].as_array().unwrap();
    let mut r = Rng(0x1a3_2026);
    for _ in 0..3000 {
        let mut c = cases[r.below(cases.len())].clone();
        for _ in 0..1 + r.below(4) {
            mutate(&mut c, &mut r, 0);
        }
        let text = c.to_string();
        let _ = iam::check_text(&text, None);
        if let Ok(parsed) = iam::parse_cases(&text) {
            for case in &parsed {
                let _ = iam::evaluate(case);
            }
        }
        if let Some(p) = c.pointer("/policies/identity/0") {
            for kind in [
                check::Kind::Identity,
                check::Kind::Resource,
                check::Kind::Rcp,
            ] {
                let _ = check::check_policy(p, kind, "");
            }
        }
    }
}

#[test]
fn random_text_never_panics() {
    let mut r = Rng(77);
    let pieces = [
        "{",
        "}",
        "[",
        "]",
        "\"",
        ":",
        ",",
        "\"Statement\"",
        "\"cases\"",
        "null",
        "1e999",
        "\\u0000",
        "\n",
    ];
    for _ in 0..2000 {
        let n = r.below(40);
        let text: String = (0..n).map(|_| pieces[r.below(pieces.len())]).collect();
        let _ = iam::check_text(&text, None);
        let _ = iam::parse_cases(&text);
    }
    let deep = format!("{}{}", "{\"a\":".repeat(5000), "}".repeat(5000));
    assert!(
        iam::check_text(&deep, None).is_err(),
        "too deep is a JSON error"
    );
}

#[test]
fn an_unknown_operator_on_a_deny_never_becomes_an_allow() {
    let mut c = iam::parse_cases(CASES)
        .unwrap()
        .into_iter()
        .find(|c| c.id == "eval-118")
        .unwrap();
    let doc = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
        {"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Boool": {"aws:SecureTransport": "false"}}}
    ]});
    c.policies.identity = vec![Policy::from_value(&doc, "")];
    let o = iam::evaluate(&c);
    assert_eq!(o.decision, iam::Decision::ExplicitDeny);
    // The same typo on an Allow grants nothing.
    let doc = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"Boool": {"aws:SecureTransport": "true"}}}
    ]});
    c.policies.identity = vec![Policy::from_value(&doc, "")];
    assert_eq!(iam::evaluate(&c).decision, iam::Decision::ImplicitDeny);
}
