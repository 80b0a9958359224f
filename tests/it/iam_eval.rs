//! The IAM evaluator on the acceptance cases and the bundled samples, through the
//! library: every case agrees on the decision and the deciding layer.
use aws_study::iam::{self, samples};

const CASES: &str = include_str!("../fixtures/iam/cases.json");

#[test]
fn all_68_acceptance_cases_agree_on_decision_and_layer() {
    let cases = iam::parse_cases(CASES).expect("the fixture parses");
    assert_eq!(cases.len(), 68);
    let mut bad = Vec::new();
    for c in &cases {
        let o = iam::evaluate(c);
        let e = c.expect.as_ref().expect("every acceptance case has expect");
        if (o.decision, o.decided_by) != (e.decision, e.decided_by) {
            bad.push(format!(
                "{}: got {}/{}, want {}/{}",
                c.id,
                o.decision.name(),
                o.decided_by.name(),
                e.decision.name(),
                e.decided_by.name()
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn every_acceptance_policy_passes_iam_check() {
    let c = iam::check_text(CASES, None).expect("JSON");
    assert_eq!(c.policies.len(), 111);
    assert!(
        c.is_valid(),
        "{:?}",
        c.findings
            .iter()
            .filter(|f| f.is_error())
            .collect::<Vec<_>>()
    );
}

#[test]
fn ten_samples_one_per_lesson_each_with_its_expected_decision() {
    let all = samples::all();
    assert!(all.len() >= 10, "{} samples", all.len());
    for s in all {
        assert!(!s.title.en.is_empty() && !s.title.pt.is_empty(), "{}", s.id);
        assert_ne!(s.description.en, s.description.pt, "{} is translated", s.id);
        let c = s.case().unwrap_or_else(|| panic!("{} parses", s.id));
        let e = c
            .expect
            .as_ref()
            .unwrap_or_else(|| panic!("{} has expect", s.id));
        let o = iam::evaluate(&c);
        assert_eq!(
            (o.decision, o.decided_by),
            (e.decision, e.decided_by),
            "{}",
            s.id
        );
        let checked = iam::check_text(s.text(), None).expect("JSON");
        assert!(
            checked.findings.is_empty(),
            "{}: {:?}",
            s.id,
            checked.findings
        );
    }
    // The ten lessons the README lists, one sample each.
    for id in [
        "explicit-deny",
        "scp-limits-admin",
        "permissions-boundary",
        "resource-policy-same-account",
        "cross-account",
        "notaction-allow",
        "forallvalues-missing-key",
        "mfa-required",
        "policy-variable",
        "kms-key-policy",
    ] {
        assert!(samples::find(id).is_some(), "{id}");
    }
}

#[test]
fn editing_a_samples_request_changes_the_decision() {
    // What the Lab will let a learner do: change the action, watch the decision move.
    let mut c = samples::find("explicit-deny").unwrap().case().unwrap();
    assert_eq!(iam::evaluate(&c).decision, iam::Decision::ExplicitDeny);
    c.request.action = "s3:GetObject".into();
    let o = iam::evaluate(&c);
    assert_eq!(
        (o.decision, o.decided_by),
        (iam::Decision::Allow, iam::Layer::Identity)
    );
    c.request.action = "iam:ListUsers".into();
    let o = iam::evaluate(&c);
    assert_eq!(
        (o.decision, o.decided_by),
        (iam::Decision::ImplicitDeny, iam::Layer::Default)
    );
}

const MORE: &str = include_str!("../fixtures/iam/more-cases.json");

/// Cases beyond the 68, each from an AWS documentation page named in its `doc`:
/// ForAnyValue/ForAllValues with a missing or empty key, negated operators (a missing
/// key, several values as a NOR), Null, case-insensitive actions, NotResource with
/// Deny, KMS key policies (a Deny without delegation, a key policy alone, across
/// accounts), an RCP and the management account, an SCP and a service-linked role.
#[test]
fn more_cases_from_the_aws_docs_agree_and_cite_their_page() {
    let cases = iam::parse_cases(MORE).expect("the fixture parses");
    assert!(cases.len() >= 10, "{} cases", cases.len());
    let mut bad = Vec::new();
    for c in &cases {
        let doc = c.doc.as_deref().unwrap_or("");
        assert!(
            doc.starts_with("https://docs.aws.amazon.com/"),
            "{} cites {doc:?}",
            c.id
        );
        let o = iam::evaluate(c);
        let e = c.expect.as_ref().expect("every case has expect");
        if (o.decision, o.decided_by) != (e.decision, e.decided_by) {
            bad.push(format!(
                "{}: got {}/{}, want {}/{}",
                c.id,
                o.decision.name(),
                o.decided_by.name(),
                e.decision.name(),
                e.decided_by.name()
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    assert!(iam::check_text(MORE, None).expect("JSON").is_valid());
}
