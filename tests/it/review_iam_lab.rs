//! Findings of an outside review of the IAM Lab (tab `0`, then `w`), each pinned by
//! a test that failed before its fix.
use crate::common;

use aws_study::lang::Lang;
use aws_study::tui::keymap::{Context, map_key};
use common::{TempDir, app, press, run, screen, stderr, stdout, typed};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::Value;

/// The IAM workbench with the sample picker open (`p`).
fn iam_picker(lang: Lang) -> aws_study::tui::app::App {
    let mut a = app(lang);
    press(&mut a, KeyCode::Char('0'));
    press(&mut a, KeyCode::Char('w'));
    press(&mut a, KeyCode::Char('p'));
    a
}

/// An SCP's name said its level in English in Portuguese ("scp level 1 [0]"), in the
/// Lab and in `iam eval`'s text; it now reads "SCP, nível 1 [0]" (and "SCP, level 1
/// [0]" in English). The JSON keeps its machine name.
#[test]
fn iam_scp_level_label_is_in_words_of_each_language() {
    for (lang, words) in [
        (Lang::En, ["SCP, level 0 [0]", "SCP, level 1 [1]"]),
        (Lang::PtBr, ["SCP, nível 0 [0]", "SCP, nível 1 [1]"]),
    ] {
        let mut a = iam_picker(lang);
        press(&mut a, KeyCode::Char('2')); // scp-limits-admin
        let s = screen(&mut a, 120, 40);
        for w in words {
            assert!(s.contains(w), "{lang:?}: {w}\n{s}");
        }
        assert!(!s.contains("scp level"), "{s}");
    }

    let dir = TempDir::new("iam-review-scp");
    let case = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/iam/scp-limits-admin.json"
    );
    let o = run(dir.path(), &["iam", "eval", case, "--lang", "pt-BR"]);
    let out = stdout(&o);
    assert!(o.status.success(), "{out}\n{}", stderr(&o));
    assert!(out.contains("SCP, nível 1 [1] OnlySaoPaulo Deny"), "{out}");
    assert!(!out.contains("scp level"), "{out}");
    let o = run(dir.path(), &["iam", "eval", case, "--lang", "en"]);
    assert!(
        stdout(&o).contains("SCP, level 1 [1] OnlySaoPaulo Deny"),
        "{}",
        stdout(&o)
    );

    let o = run(
        dir.path(),
        &["iam", "eval", case, "--format", "json", "--lang", "pt-BR"],
    );
    let v: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let names: Vec<&str> = v["cases"][0]["layers"][0]["policies"]
        .as_array()
        .expect("policies")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(
        names,
        ["scp level 0 [0]", "scp level 1 [0]", "scp level 1 [1]"]
    );
}

/// The IAM sample picker said "(1–9, Enter)" and its 10th sample (`kms-key-policy`)
/// had no number: only the arrows reached it. `0` now picks it, and the title says so;
/// the other numbered lists keep their keys.
#[test]
fn iam_sample_picker_gives_the_tenth_sample_the_key_0() {
    for lang in [Lang::En, Lang::PtBr] {
        let mut a = iam_picker(lang);
        let s = screen(&mut a, 120, 40);
        assert!(s.contains("(1–9, 0, Enter)"), "{lang:?}\n{s}");
        assert!(s.contains("0 ") && s.contains("— kms-key-policy"), "{s}");
        assert!(
            s.lines()
                .any(|l| l.contains("│ 0 ") && l.contains("kms-key-policy")),
            "{s}"
        );
        press(&mut a, KeyCode::Char('0'));
        let s = screen(&mut a, 120, 40);
        assert!(s.contains("Lab · IAM · kms-key-policy"), "{lang:?}\n{s}");
    }
    // The budget picker and the Step Functions Lab's lists: `0` still does nothing.
    let zero = KeyEvent::new(KeyCode::Char('0'), KeyModifiers::NONE);
    assert_eq!(map_key(Context::BudgetList, &zero), None);
    assert_eq!(map_key(Context::LabList, &zero), None);
}

/// With `aws:TagKeys=[environment, owner]` in the `forallvalues-missing-key` sample,
/// "what would change the decision" said "an Allow in an identity-based policy…",
/// though an Allow matches and only its condition is false: it now names that Allow
/// and its condition.
#[test]
fn iam_hint_points_at_the_allow_whose_condition_failed() {
    for (lang, want) in [
        (
            Lang::En,
            "meeting ForAllValues:StringEquals on aws:TagKeys, the condition of the Allow OnlyApprovedTagKeys (identity policy)",
        ),
        (
            Lang::PtBr,
            "atender a ForAllValues:StringEquals em aws:TagKeys, a condição do Allow OnlyApprovedTagKeys (política de identidade)",
        ),
    ] {
        let mut a = iam_picker(lang);
        press(&mut a, KeyCode::Char('7')); // forallvalues-missing-key
        press(&mut a, KeyCode::Char('c'));
        typed(&mut a, "aws:TagKeys=[environment, owner]");
        press(&mut a, KeyCode::Enter);
        let s = screen(&mut a, 80, 24);
        let joined: String = s
            .lines()
            .map(|l| l.trim_matches('"').trim())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(joined.contains(want), "{lang:?}\n{s}");
        assert!(
            !joined.contains("um Allow numa política de identidade ("),
            "{s}"
        );
        assert!(
            !joined.contains("an Allow in an identity-based policy"),
            "{s}"
        );
    }

    // The same in `iam eval`, and nothing changes when no Allow comes close.
    let dir = TempDir::new("iam-review-hint");
    let mut case: Value = serde_json::from_str(include_str!(
        "../../assets/iam/forallvalues-missing-key.json"
    ))
    .expect("sample");
    case["request"]["context"]["aws:TagKeys"] = serde_json::json!(["environment", "owner"]);
    case.as_object_mut().expect("case").remove("expect");
    let path = dir.path().join("tags.json");
    std::fs::write(&path, case.to_string()).unwrap();
    let path = path.to_str().unwrap();
    let o = run(
        dir.path(),
        &["iam", "eval", path, "--format", "json", "--lang", "pt-BR"],
    );
    let v: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let hint = v["cases"][0]["what_would_change_it"]
        .as_str()
        .unwrap_or_default();
    assert!(hint.starts_with("atender a ForAllValues:StringEquals em aws:TagKeys, a condição do Allow OnlyApprovedTagKeys"), "{hint}");
    assert_eq!(v["cases"][0]["decision"], "ImplicitDeny");
    assert_eq!(v["cases"][0]["decided_by"], "default");

    case["request"]["action"] = "ec2:DeleteTags".into();
    std::fs::write(dir.path().join("tags.json"), case.to_string()).unwrap();
    let o = run(dir.path(), &["iam", "eval", path, "--lang", "en"]);
    assert!(
        stdout(&o).contains("what would change it: an Allow in an identity-based policy"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_condition_result_is_a_word_of_each_language() {
    let d = common::TempDir::new("iam-cond-word");
    let pt = common::run(
        d.path(),
        &["iam", "eval", "forallvalues-missing-key", "--lang", "pt-BR"],
    );
    let out = String::from_utf8_lossy(&pt.stdout);
    assert!(
        out.contains("(ausente) vs") && out.contains("→ verdadeira"),
        "{out}"
    );
    assert!(!out.contains("→ true"), "{out}");
    let en = common::run(
        d.path(),
        &["iam", "eval", "forallvalues-missing-key", "--lang", "en"],
    );
    assert!(String::from_utf8_lossy(&en.stdout).contains("→ true"));
}
