//! The command line as a user runs it: every subcommand, its output and exit codes.
use crate::common;
use common::*;

const TOPICS: [&str; 7] = [
    "step-functions",
    "cloudformation",
    "security",
    "cost-optimization",
    "scenarios",
    "data-services",
    "best-practices",
];

#[test]
fn topics_lists_the_seven_topics_in_tab_order_with_titles_in_each_language() {
    let d = TempDir::new("topics");
    for lang in ["en", "pt-BR"] {
        let o = run(d.path(), &["topics", "--lang", lang]);
        assert!(o.status.success());
        let out = stdout(&o);
        let ids: Vec<&str> = out
            .lines()
            .map(|l| l.split('\t').next().unwrap_or(""))
            .collect();
        assert_eq!(ids, TOPICS);
        assert!(
            out.lines()
                .all(|l| l.split('\t').nth(1).is_some_and(|t| !t.is_empty()))
        );
    }
    let en = stdout(&run(d.path(), &["topics", "--lang", "en"]));
    let pt = stdout(&run(d.path(), &["topics", "--lang", "pt-BR"]));
    assert!(en.contains("security\tSecurity on AWS"), "{en}");
    assert!(pt.contains("security\tSegurança na AWS"), "{pt}");
}

#[test]
fn language_follows_flag_then_env_then_locale() {
    let d = TempDir::new("lang");
    let title = |c: &mut std::process::Command| {
        let out = stdout(&c.output().expect("run"));
        out.lines()
            .find(|l| l.starts_with("security\t"))
            .unwrap_or("")
            .to_string()
    };
    let pt = title(cmd(d.path()).env("LANG", "pt_BR.UTF-8").arg("topics"));
    assert!(pt.contains("Segurança"), "{pt}");
    let en = title(
        cmd(d.path())
            .env("LANG", "pt_BR.UTF-8")
            .env("AWS_STUDY_LANG", "en")
            .arg("topics"),
    );
    assert!(en.contains("Security"), "{en}");
    let flag = title(
        cmd(d.path())
            .env("AWS_STUDY_LANG", "en")
            .args(["topics", "--lang", "pt-BR"]),
    );
    assert!(flag.contains("Segurança"), "{flag}");
    let all = title(
        cmd(d.path())
            .env("LC_ALL", "pt_BR.UTF-8")
            .env("LANG", "C")
            .arg("topics"),
    );
    assert!(all.contains("Segurança"), "LC_ALL wins over LANG: {all}");
}

#[test]
fn unknown_language_is_a_usage_error_listing_the_choices() {
    let d = TempDir::new("badlang");
    let o = run(d.path(), &["--lang", "xx", "topics"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("en, pt-BR"), "{}", stderr(&o));
    let o = cmd(d.path())
        .env("AWS_STUDY_LANG", "klingon")
        .arg("topics")
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("AWS_STUDY_LANG"), "{}", stderr(&o));
}

#[test]
fn show_renders_every_topic_within_the_width_without_escapes() {
    let d = TempDir::new("show");
    for lang in ["en", "pt-BR"] {
        for t in TOPICS {
            for w in ["40", "80", "120"] {
                let o = run(
                    d.path(),
                    &["show", t, "--plain", "--width", w, "--lang", lang],
                );
                assert!(o.status.success(), "{t} {lang}: {}", stderr(&o));
                let out = stdout(&o);
                let limit: usize = w.parse().expect("number");
                for l in out.lines() {
                    assert!(width(l) <= limit, "{t} {lang} w{w}: {l:?}");
                }
                assert!(!out.contains('\u{1b}'), "{t}: escape in --plain output");
                if w == "80" {
                    assert!(out.split_whitespace().count() >= 700, "{t} {lang} is short");
                }
            }
        }
    }
}

#[test]
fn show_to_a_pipe_is_plain_and_80_columns_by_default() {
    let d = TempDir::new("show-pipe");
    let o = run(d.path(), &["show", "security", "--lang", "en"]);
    let out = stdout(&o);
    assert!(!out.contains('\u{1b}'));
    assert!(out.lines().all(|l| width(l) <= 80));
    assert!(
        out.starts_with("Security on AWS"),
        "{}",
        &out[..60.min(out.len())]
    );
}

#[test]
fn show_of_an_unknown_topic_exits_2_listing_the_topics() {
    let d = TempDir::new("show-unknown");
    let o = run(d.path(), &["show", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("unknown topic 'nope'") && err.contains("step-functions, cloudformation"),
        "{err}"
    );
    let o = run(d.path(), &["show", "security", "--width", "0"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn search_prints_topic_line_snippet_and_ignores_case_and_accents() {
    let d = TempDir::new("search");
    let o = run(d.path(), &["search", "KMS", "--lang", "en"]);
    assert!(o.status.success());
    let out = stdout(&o);
    let first_security = out
        .lines()
        .find(|l| l.starts_with("security:"))
        .expect("a security hit");
    let mut parts = first_security.splitn(3, ':');
    let (_, line, snippet) = (
        parts.next(),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let n: usize = line.parse().expect("a line number");
    assert!(snippet.to_uppercase().contains("KMS"));
    // The line number is the source line of the note.
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/en/03-security.md"
    ))
    .expect("note");
    assert!(src.lines().nth(n - 1).is_some_and(|l| l.contains("KMS")));

    let plain = stdout(&run(d.path(), &["search", "rotacao", "--lang", "pt-BR"]));
    let accented = stdout(&run(d.path(), &["search", "ROTAÇÃO", "--lang", "pt-BR"]));
    assert!(plain.contains("security:"), "{plain}");
    assert_eq!(plain, accented);

    // Nothing found is exit 1, like grep, with the reason on stderr.
    let none = run(d.path(), &["search", "zzzz-no-such-text"]);
    assert_eq!(none.status.code(), Some(1), "{}", stderr(&none));
    assert!(stdout(&none).is_empty());
    assert!(stderr(&none).contains("no match for 'zzzz-no-such-text'"));
    let nenhum = run(
        d.path(),
        &["search", "zzzz-no-such-text", "--lang", "pt-BR"],
    );
    assert_eq!(nenhum.status.code(), Some(1));
    assert!(
        stderr(&nenhum).contains("nenhum resultado"),
        "{}",
        stderr(&nenhum)
    );
    assert_eq!(run(d.path(), &["search", "  "]).status.code(), Some(2));
}

#[test]
fn check_passes_on_the_bundled_content() {
    let d = TempDir::new("check");
    let o = run(d.path(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("7 topics, 14 notes, 7 quiz banks"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn check_reports_each_broken_rule_with_file_and_line() {
    let d = TempDir::new("check-broken");
    let c = d.path().join("content");
    copy_content(&c);
    // A ## heading without its id in pt-BR.
    let note = c.join("pt-BR/01-step-functions.md");
    let text = std::fs::read_to_string(&note).expect("note");
    let (line_no, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with("## "))
        .expect("a ## heading");
    let broken_line = line.split(" {#").next().unwrap_or(line).to_string();
    std::fs::write(&note, text.replacen(line, &broken_line, 1)).expect("write");
    // A question pointing at a missing section, a duplicate id and a bad single.
    let bank_path = c.join("quiz/cloudformation.json");
    let mut bank: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&bank_path).expect("bank")).expect("json");
    bank["questions"][0]["section"] = "no-such-section".into();
    bank["questions"][1]["id"] = "sfn-001".into();
    let single = bank["questions"]
        .as_array_mut()
        .expect("questions")
        .iter_mut()
        .find(|q| q["kind"] == "single")
        .expect("a single");
    for o in single["options"].as_array_mut().expect("options") {
        o["correct"] = true.into();
    }
    std::fs::write(
        &bank_path,
        serde_json::to_string_pretty(&bank).expect("json"),
    )
    .expect("write");
    // An English note with no Portuguese twin.
    std::fs::write(
        c.join("en/08-extra.md"),
        "# Extra\n\n## Part {#part}\n\ntext\n",
    )
    .expect("write");
    // A bank that is not JSON.
    std::fs::write(
        c.join("quiz/scenarios.json"),
        "{\n  \"version\": 1,\n  oops\n}",
    )
    .expect("write");

    let o = run(d.path(), &["check", c.to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let note_path = note.display().to_string();
    assert!(
        err.contains(&format!("{note_path}:{}: '## ", line_no + 1)),
        "{err}"
    );
    assert!(err.contains("no-such-section"), "{err}");
    assert!(err.contains("duplicate id"), "{err}");
    assert!(err.contains("exactly 1 correct"), "{err}");
    assert!(err.contains("has no pt-BR note"), "{err}");
    assert!(err.contains("scenarios.json:3:"), "{err}");

    // The same findings, at the same places, in Portuguese.
    let o = run(
        d.path(),
        &["check", c.to_str().expect("utf-8 path"), "--lang", "pt-BR"],
    );
    assert_eq!(o.status.code(), Some(1));
    let pt = stderr(&o);
    assert!(
        pt.contains(&format!("{note_path}:{}: '## ", line_no + 1)) && pt.contains("não tem {#id}"),
        "{pt}"
    );
    assert!(
        pt.contains("a seção 'no-such-section' não existe na nota"),
        "{pt}"
    );
    assert!(pt.contains("id repetido (também em"), "{pt}");
    assert!(pt.contains("exatamente 1 correta"), "{pt}");
    assert!(pt.contains("não tem nota pt-BR"), "{pt}");
    assert!(pt.contains("scenarios.json:3: coluna"), "{pt}");
    assert!(pt.contains("problemas encontrados"), "{pt}");
    for english in ["has no", "does not exist", "duplicate id", "question "] {
        assert!(!pt.contains(english), "English '{english}' in: {pt}");
    }
}

#[test]
fn check_of_a_missing_directory_exits_1_naming_it() {
    let d = TempDir::new("check-missing");
    let o = run(d.path(), &["check", "/no/such/dir"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("/no/such/dir"));
}

#[test]
fn user_content_adds_and_overrides_topics() {
    let d = TempDir::new("content");
    let c = d.path().join("mine");
    user_content(
        &c,
        "10-extra.md",
        "# My extra\n\nhello",
        "# Meu extra\n\nolá",
    );
    user_content(
        &c,
        "03-security.md",
        "# My security\n\nmine",
        "# Minha segurança\n\nminha",
    );
    let out = stdout(&run(
        d.path(),
        &[
            "topics",
            "--lang",
            "en",
            "--content",
            c.to_str().expect("path"),
        ],
    ));
    assert!(out.contains("security\tMy security"), "{out}");
    assert!(out.trim_end().ends_with("extra\tMy extra"), "{out}");
    let o = run(
        d.path(),
        &[
            "show",
            "extra",
            "--plain",
            "--lang",
            "pt-BR",
            "--content",
            c.to_str().expect("path"),
        ],
    );
    assert!(stdout(&o).contains("olá"));
    let bad = run(d.path(), &["topics", "--content", "/no/such/content"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("/no/such/content"));
}

#[test]
fn control_characters_in_content_never_reach_the_terminal() {
    let d = TempDir::new("controls");
    let c = d.path().join("evil");
    let evil = "# Evil\n\ntext \u{1b}]0;pwned\u{7} and \u{1b}[2J clear \u{9b}31m\n\n```\n\u{1b}[31mred\n```\n";
    user_content(&c, "50-evil.md", evil, evil);
    let o = run(
        d.path(),
        &["show", "evil", "--content", c.to_str().expect("path")],
    );
    let out = stdout(&o);
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{9b}'),
        "{out:?}"
    );
    assert!(
        out.contains("^[]0;pwned^G") && out.contains("<U+009B>"),
        "{out}"
    );
}

#[test]
fn the_interactive_app_refuses_without_a_terminal() {
    let d = TempDir::new("notty");
    let o = run(d.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert!(stderr(&o).contains("show"), "{}", stderr(&o));
}

#[test]
fn a_corrupt_settings_file_is_moved_aside_with_a_warning() {
    let d = TempDir::new("corrupt");
    std::fs::write(
        d.path().join("settings.json"),
        "{\"version\": 1, \"lang\": ",
    )
    .expect("write");
    let o = run(d.path(), &["topics"]);
    assert!(o.status.success());
    assert!(stderr(&o).contains("moved to"), "{}", stderr(&o));
    let names: Vec<String> = std::fs::read_dir(d.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    let moved = names
        .iter()
        .find(|n| n.starts_with("settings.json.corrupt-"))
        .expect("moved file");
    assert_eq!(
        std::fs::read_to_string(d.path().join(moved)).expect("read"),
        "{\"version\": 1, \"lang\": "
    );
}

#[test]
fn a_saved_language_applies_when_nothing_else_decides() {
    let d = TempDir::new("saved-lang");
    std::fs::write(
        d.path().join("settings.json"),
        "{\"version\": 1, \"lang\": \"pt-BR\"}",
    )
    .expect("write");
    let out = stdout(&run(d.path(), &["topics"]));
    assert!(out.contains("Segurança"), "{out}");
}

#[test]
fn check_reports_a_second_note_for_a_topic_and_a_misnamed_file() {
    let d = TempDir::new("check-dupes");
    let c = d.path().join("content");
    copy_content(&c);
    std::fs::copy(c.join("en/03-security.md"), c.join("en/08-security.md")).expect("copy");
    std::fs::copy(c.join("pt-BR/03-security.md"), c.join("pt-BR/security.md")).expect("copy");
    let o = run(d.path(), &["check", c.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("a second en note for topic 'security'"),
        "{err}"
    );
    assert!(err.contains("should be NN-security.md"), "{err}");
}

#[test]
fn the_no_terminal_message_points_to_the_plain_quiz_too() {
    let d = TempDir::new("notty-quiz");
    let o = run(d.path(), &["quiz"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("quiz --plain"), "{}", stderr(&o));
}

#[test]
fn usage_errors_and_budget_titles_follow_the_language() {
    let d = TempDir::new("pt-errors");
    let o = run(d.path(), &["show", "nope", "--lang", "pt-BR"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("tópico desconhecido 'nope'") && e.contains("tópicos válidos"),
        "{e}"
    );
    let o = run(d.path(), &["search", " ", "--lang", "pt-BR"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("o texto da busca está vazio"));
    let o = run(
        d.path(),
        &["budget", "--scenario", "nope", "--lang", "pt-BR"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("orçamento desconhecido"));
    let o = run(d.path(), &["budget", "--lang", "pt-BR"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("Cenário 1 — dashboard de análise de dados de e-commerce"));
    let o = run(d.path(), &["show", "nope", "--lang", "en"]);
    assert!(stderr(&o).contains("unknown topic 'nope'; valid topics:"));
}
