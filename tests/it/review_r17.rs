//! Findings of the r17 review of the Lab (Step Functions and IAM workbenches), each
//! pinned by a test that failed before its fix.
use crate::common;

use aws_study::lang::Lang;
use common::{TempDir, app, press, run, screen, stderr, stdout};
use crossterm::event::KeyCode;

fn write(dir: &TempDir, name: &str, text: &str) -> String {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

/// A Task whose error is caught by a `States.ALL` catcher: the run names that
/// catcher, not the error again ("caught by the Catch of Boom" read as if a Catch of
/// `Boom` existed). The error itself is on the line before.
#[test]
fn a_caught_error_names_the_catcher_that_matched_it() {
    let dir = TempDir::new("r17-catch");
    let def = write(
        &dir,
        "m.asl.json",
        r#"{"StartAt":"T","States":{
          "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
               "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.err","Next":"H"}],"End":true},
          "H":{"Type":"Pass","End":true}}}"#,
    );
    let mocks = write(
        &dir,
        "m.mocks.json",
        r#"{"StateMachines":{"m":{"TestCases":{"fail":{"T":"boom"}}}},
            "MockedResponses":{"boom":{"0":{"Throw":{"Error":"Boom","Cause":"kaboom"}}}}}"#,
    );
    let o = run(
        dir.path(),
        &["sfn", "run", &def, "--mocks", &mocks, "--input", "{}"],
    );
    let out = stdout(&o);
    assert!(o.status.success(), "{out}\n{}", stderr(&o));
    assert!(out.contains("error Boom: kaboom"), "{out}");
    assert!(out.contains("caught by the Catch of States.ALL"), "{out}");
    assert!(!out.contains("Catch of Boom"), "{out}");
    let o = run(
        dir.path(),
        &[
            "sfn", "run", &def, "--mocks", &mocks, "--input", "{}", "--lang", "pt-BR",
        ],
    );
    assert!(
        stdout(&o).contains("capturado pelo Catch de States.ALL"),
        "{}",
        stdout(&o)
    );
}

/// `sfn run` runs JSONata machines too: its help no longer says "JSONPath machines".
#[test]
fn sfn_run_help_does_not_limit_itself_to_jsonpath() {
    let dir = TempDir::new("r17-help");
    for (lang, wrong, right) in [
        ("en", "(JSONPath machines)", "JSONata"),
        ("pt-BR", "(máquinas JSONPath)", "JSONata"),
    ] {
        let o = run(dir.path(), &["sfn", "--help", "--lang", lang]);
        let out = stdout(&o);
        let line = out
            .lines()
            .find(|l| l.trim_start().starts_with("run"))
            .unwrap_or_else(|| panic!("no run line in:\n{out}"));
        assert!(!line.contains(wrong), "{lang}: {line}");
        assert!(line.contains(right), "{lang}: {line}");
    }
}

/// IAM takes only tab, LF, CR and U+0020–U+00FF in a policy document (IAM User
/// Guide, "IAM and AWS STS quotas"): `iam check` said "valid" for a Sid holding an
/// escape character and a condition value with an emoji. Latin-1 letters stay valid.
#[test]
fn iam_check_refuses_characters_iam_does_not_accept() {
    let dir = TempDir::new("r17-chars");
    let bad = write(
        &dir,
        "bad.json",
        r#"{"Version":"2012-10-17","Statement":[{"Sid":"a\u001bb","Effect":"Allow","Action":"s3:GetObject","Resource":"*",
            "Condition":{"StringEquals":{"aws:PrincipalTag/team":"dados 😀"}}}]}"#,
    );
    let o = run(dir.path(), &["iam", "check", &bad]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("/Statement/0/Sid: character IAM does not accept in a policy: U+001B"),
        "{out}"
    );
    assert!(
        out.contains("/Statement/0/Condition/StringEquals/aws:PrincipalTag~1team: character IAM does not accept in a policy: U+1F600"),
        "{out}"
    );
    let o = run(dir.path(), &["iam", "check", &bad, "--lang", "pt-BR"]);
    assert!(
        stdout(&o).contains("caractere que o IAM não aceita numa política: U+001B"),
        "{}",
        stdout(&o)
    );
    let latin = write(
        &dir,
        "latin.json",
        r#"{"Version":"2012-10-17","Statement":{"Sid":"Leitura","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::relatórios/ação/*"}}"#,
    );
    let o = run(dir.path(), &["iam", "check", &latin]);
    assert!(o.status.success(), "{}", stdout(&o));
}

/// An identity-based policy of 6 MB was "valid" with a warning; no attachment takes
/// an identity policy over 10,240 characters (a role's inline quota; IAM User Guide,
/// "IAM and AWS STS quotas"), so it is an error. Between 6,144 and 10,240 it stays a
/// warning (a role's inline policy may be that large).
#[test]
fn iam_check_refuses_an_identity_policy_no_attachment_takes() {
    let dir = TempDir::new("r17-size");
    let policy = |n: usize| {
        let st: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    r#"{{"Sid":"S{i}","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b{i}/*"}}"#
                )
            })
            .collect();
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
            st.join(",")
        )
    };
    let huge = write(&dir, "huge.json", &policy(2_000));
    let o = run(dir.path(), &["iam", "check", &huge]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("larger than AWS accepts anywhere"), "{out}");
    assert!(!out.contains("valid (identity policy)"), "{out}");
    let mid = write(&dir, "mid.json", &policy(100));
    let o = run(dir.path(), &["iam", "check", &mid]);
    let out = stdout(&o);
    assert!(o.status.success(), "{out}");
    assert!(out.contains("warning: larger than AWS accepts"), "{out}");
}

/// The IAM workbench in Portuguese: a statement whose action does not match showed
/// "Action ✗ · Resource ✗" though its Resource is `"*"` (the resource is not looked
/// at then), and a resource policy's grant read in English ("(444455556666,
/// account)").
#[test]
fn iam_view_does_not_claim_a_resource_mismatch_and_speaks_portuguese() {
    let open = |sample: char| {
        let mut a = app(Lang::PtBr);
        press(&mut a, KeyCode::Char('0'));
        press(&mut a, KeyCode::Char('w'));
        press(&mut a, KeyCode::Char('p'));
        press(&mut a, KeyCode::Char(sample));
        screen(&mut a, 120, 40)
    };
    // 3: the permissions boundary (Resource "*", an action it does not list).
    let s = open('3');
    assert!(s.contains("Allow DevBoundary — a ação não casa"), "{s}");
    assert!(!s.contains("recurso ✗"), "{s}");
    assert!(s.contains("ação ✗"), "{s}");
    // 5: cross-account, the bucket policy names the partner's account.
    let s = open('5');
    assert!(s.contains("(444455556666, conta)"), "{s}");
    assert!(!s.contains(", account)"), "{s}");
}

/// The evaluation flow's column cut Portuguese's longest status: "▶5 Limite     –
/// sem All…" (the layer that had no Allow), at every width.
#[test]
fn the_flow_column_holds_sem_allow_whole() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(Lang::PtBr);
        press(&mut a, KeyCode::Char('0'));
        press(&mut a, KeyCode::Char('w'));
        press(&mut a, KeyCode::Char('p'));
        press(&mut a, KeyCode::Char('3'));
        let s = screen(&mut a, w, h);
        assert!(s.contains("5 Limite     – sem Allow"), "{s}");
        assert!(!s.contains("sem All…"), "{s}");
    }
}
