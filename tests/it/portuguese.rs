//! A Brazilian learner on the command line: numbers written as they write them
//! (`US$ 1.169,88`, `R$ 526,45`, `1.440 h`) and English numbers in English; machine
//! formats (csv, json) the same in both; nothing left in English in pt-BR — the help,
//! clap's errors, budget formulas and units, `sfn run`, the plain quiz; `--lang` for
//! one run only; and the smaller faults the same evening found.
use crate::common;
use common::*;

use aws_study::lang::Lang;

/// US-style money (`$97.49`, `1,169.88`) anywhere in a text.
fn us_money(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for w in text.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '$');
        let digits = w.trim_start_matches("US$").trim_start_matches('$');
        let us_decimal = digits.rsplit_once('.').is_some_and(|(int, cents)| {
            cents.len() == 2
                && cents.bytes().all(|b| b.is_ascii_digit())
                && !int.is_empty()
                && int.bytes().all(|b| b.is_ascii_digit() || b == b',')
        });
        if us_decimal && (w.starts_with('$') || w.starts_with("US$") || digits.contains(',')) {
            found.push(w.to_string());
        }
    }
    found
}

#[test]
fn the_pt_br_budget_table_writes_brazilian_numbers_and_states_the_rate() {
    let d = TempDir::new("pt-table");
    let o = run(
        d.path(),
        &[
            "budget",
            "--scenario",
            "scenario-1",
            "--lang",
            "pt-BR",
            "--rate",
            "5.4",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let t = stdout(&o);
    for w in [
        "US$ 97,49",
        "R$ 526,45",
        "US$ 1.169,88",
        "R$ 6.317,40",
        "720 h × US$ 0,062/h = US$ 44,64",
        "R$ 16.200,00",
        "BRL a 5,4 reais por dólar",
        "Fonte do preço",
        "terceiros = ",
    ] {
        assert!(t.contains(w), "lacks {w:?}:\n{t}");
    }
    assert_eq!(us_money(&t), Vec::<String>::new(), "{t}");
}

#[test]
fn the_english_budget_table_keeps_english_numbers() {
    let d = TempDir::new("en-table");
    let t = stdout(&run(
        d.path(),
        &[
            "budget",
            "--scenario",
            "scenario-1",
            "--lang",
            "en",
            "--rate",
            "5.4",
        ],
    ));
    for w in [
        "$97.49",
        "R$ 526.45",
        "$1,169.88",
        "R$ 6,317.40",
        "BRL at 5.4 BRL per USD",
        "third party = ",
    ] {
        assert!(t.contains(w), "lacks {w:?}:\n{t}");
    }
    assert!(!t.contains("US$"), "{t}");
}

#[test]
fn the_brl_column_adds_up_and_twelve_months_is_twelve_times_the_month() {
    let d = TempDir::new("brl-sum");
    // At 5.43 scenario 1's lines, each rounded, add up to 529.38, while its USD total
    // converted at once would give 529.37: the total is the sum of the lines.
    for (id, lines_sum) in [("scenario-1", "529.38"), ("scenario-2", "550.60")] {
        let json = stdout(&run(
            d.path(),
            &[
                "budget",
                "--scenario",
                id,
                "--format",
                "json",
                "--rate",
                "5.43",
                "--lang",
                "pt-BR",
            ],
        ));
        let v: serde_json::Value = serde_json::from_str(&json).expect("json");
        let dec = |s: &serde_json::Value| {
            rust_decimal::Decimal::from_str_exact(s.as_str().expect("a string")).expect("decimal")
        };
        let sum: rust_decimal::Decimal = v["lines"]
            .as_array()
            .expect("lines")
            .iter()
            .filter(|l| l["included"] == true)
            .map(|l| dec(&l["cost_brl"]))
            .sum();
        assert_eq!(sum.to_string(), lines_sum, "{id}");
        assert_eq!(
            v["total_brl"], lines_sum,
            "{id}: the total is the sum of the lines"
        );
        let table = stdout(&run(
            d.path(),
            &["budget", "--scenario", id, "--rate", "5.43", "--lang", "en"],
        ));
        let twelve = (sum * rust_decimal::Decimal::from(12)).to_string();
        let (int, cents) = twelve.split_once('.').expect("cents");
        let grouped = if int.len() > 3 {
            format!("{},{}", &int[..int.len() - 3], &int[int.len() - 3..])
        } else {
            int.to_string()
        };
        assert!(
            table.contains(&format!("R$ {lines_sum}"))
                && table.contains(&format!("R$ {grouped}.{cents}")),
            "{id}: total R$ {lines_sum}, 12 months R$ {grouped}.{cents}:\n{table}"
        );
    }
}

#[test]
fn csv_and_json_are_the_same_in_both_languages() {
    let d = TempDir::new("neutral");
    for fmt in ["csv", "json"] {
        let args = |lang| {
            vec![
                "budget",
                "--scenario",
                "scenario-1",
                "--format",
                fmt,
                "--rate",
                "5.4",
                "--lang",
                lang,
            ]
        };
        let pt = stdout(&run(d.path(), &args("pt-BR")));
        let en = stdout(&run(d.path(), &args("en")));
        assert_eq!(pt, en, "{fmt}");
        assert!(pt.contains("97.49") && pt.contains("526.45"), "{pt}");
        assert!(!pt.contains("97,49") && !pt.contains("US$"), "{pt}");
    }
}

#[test]
fn pt_br_formulas_and_units_are_portuguese_and_md_carries_its_context() {
    let d = TempDir::new("pt-units");
    let t = stdout(&run(
        d.path(),
        &["budget", "--scenario", "scenario-2", "--lang", "pt-BR"],
    ));
    for english in [" free ", "/M events", "transitions", "/mo", "build-min"] {
        assert!(!t.contains(english), "{english:?} in:\n{t}");
    }
    for w in [
        "1.440 shard-h",
        "grátis",
        "/M eventos",
        "/GB-mês",
        "US$ 101,40",
    ] {
        assert!(t.contains(w), "lacks {w:?}:\n{t}");
    }
    let md = stdout(&run(
        d.path(),
        &[
            "budget",
            "--scenario",
            "scenario-2",
            "--lang",
            "pt-BR",
            "--format",
            "md",
            "--rate",
            "5.43",
        ],
    ));
    for w in [
        "**US$ 101,40**",
        "**R$ 550,60**",
        "BRL a 5,43 reais por dólar",
        "#### Preços e ressalvas",
        "(terceiros, consultado em 23/11/2026, <https://aws.amazon.com/kinesis/data-streams/pricing/>)",
        "| Fonte do preço |",
    ] {
        assert!(md.contains(w), "lacks {w:?}:\n{md}");
    }
    assert_eq!(us_money(&md), Vec::<String>::new(), "{md}");
}

#[test]
fn every_help_is_portuguese_in_pt_br_and_english_in_en() {
    let d = TempDir::new("help");
    let english = [
        "Usage:",
        "Options:",
        "Commands:",
        "Arguments:",
        "Print help",
        "Print this message",
        "Print version",
        "Render a note",
        "List the topics",
        "[default:",
        "[possible values:",
        "[OPTIONS]",
    ];
    let commands: [&[&str]; 9] = [
        &[],
        &["show"],
        &["search"],
        &["budget"],
        &["quiz"],
        &["stats"],
        &["check"],
        &["sfn"],
        &["sfn", "run"],
    ];
    for c in commands {
        for flag in ["--help", "-h"] {
            let mut args = vec!["--lang", "pt-BR"];
            args.extend_from_slice(c);
            args.push(flag);
            let o = run(d.path(), &args);
            assert!(o.status.success(), "{args:?}: {}", stderr(&o));
            let h = stdout(&o);
            assert!(h.contains("Uso: aws-study"), "{args:?}:\n{h}");
            for w in english {
                assert!(!h.contains(w), "{args:?} says {w:?}:\n{h}");
            }
        }
    }
    // The language comes from the locale too, and `help CMD` is worded the same.
    let o = cmd(d.path())
        .env("LANG", "pt_BR.UTF-8")
        .args(["help", "budget"])
        .output()
        .expect("run");
    assert!(
        stdout(&o).contains("Calcula um orçamento"),
        "{}",
        stdout(&o)
    );
    let en = stdout(&run(d.path(), &["--lang", "en", "--help"]));
    assert!(
        en.contains("Usage:") && en.contains("Render a note"),
        "{en}"
    );
}

#[test]
fn sfn_run_help_describes_file_and_format_in_both_languages() {
    let d = TempDir::new("sfn-help");
    let en = stdout(&run(d.path(), &["sfn", "run", "--help", "--lang", "en"]));
    assert!(
        en.contains("<FILE>  The state machine: a definition file") && en.contains("sample id"),
        "{en}"
    );
    assert!(
        en.contains("--format <FORMAT>") && en.contains("json (status, output"),
        "{en}"
    );
    let pt = stdout(&run(d.path(), &["sfn", "run", "--help", "--lang", "pt-BR"]));
    assert!(
        pt.contains("<ARQUIVO>  A máquina de estado") && pt.contains("--format <FORMATO>"),
        "{pt}"
    );
}

#[test]
fn usage_errors_are_portuguese_in_pt_br() {
    let d = TempDir::new("usage-pt");
    let o = run(d.path(), &["budget", "--format", "xml", "--lang", "pt-BR"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("erro: valor inválido 'xml'")
            && e.contains("valores possíveis: table, csv, json, md"),
        "{e}"
    );
    assert!(!e.contains("error:") && !e.contains("Usage"), "{e}");
    let o = run(d.path(), &["budget", "--rate", "abc", "--lang", "pt-BR"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("não é uma cotação"), "{}", stderr(&o));
    let o = run(d.path(), &["topcs", "--lang", "pt-BR"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("comando desconhecido 'topcs'") && stderr(&o).contains("'topics'"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn sfn_run_speaks_portuguese() {
    let d = TempDir::new("sfn-pt");
    let mut all = String::new();
    for args in [
        &["sfn", "run", "stock-forecast", "--lang", "pt-BR"][..],
        &["sfn", "run", "parallel-microservices", "--lang", "pt-BR"],
        &[
            "sfn",
            "run",
            "stock-forecast",
            "--test-case",
            "GlueJobFails",
            "--lang",
            "pt-BR",
        ],
    ] {
        let o = run(d.path(), args);
        all.push_str(&stdout(&o));
        all.push_str(&stderr(&o));
    }
    for w in [
        "via rule",
        "via catch",
        "error:",
        "cause:",
        "output:",
        "state transitions",
    ] {
        assert!(!all.contains(w), "{w:?} in:\n{all}");
    }
    for w in [
        "pela regra 1",
        "capturado pelo Catch de States.ALL",
        "saída: {",
        "erro: States.TaskFailed",
        "causa: ",
        "transições de estado",
        "custo US$ 0,000",
        "nova tentativa 1 após 30,0 s",
    ] {
        assert!(all.contains(w), "lacks {w:?}:\n{all}");
    }
    let en = stdout(&run(
        d.path(),
        &["sfn", "run", "stock-forecast", "--lang", "en"],
    ));
    assert!(
        en.contains("via rule 1") && en.contains("output: {") && en.contains("cost $0.000"),
        "{en}"
    );
}

#[test]
fn the_plain_quiz_says_certo_errado_and_pontuacao() {
    let d = TempDir::new("quiz-pt");
    let mut c = cmd(d.path());
    c.args([
        "quiz", "--plain", "--count", "2", "--seed", "1", "--lang", "pt-BR",
    ]);
    let o = run_with_input(c, "1\n1\n");
    assert!(o.status.success(), "{}", stderr(&o));
    let q = stdout(&o);
    for line in q.lines() {
        assert!(
            !line.starts_with("Correct")
                && !line.starts_with("Incorrect")
                && !line.starts_with("Score"),
            "{line:?} in:\n{q}"
        );
    }
    let verdicts = q
        .lines()
        .filter(|l| *l == "Certo" || *l == "Errado")
        .count();
    assert_eq!(verdicts, 2, "{q}");
    let last = q.lines().rev().find(|l| !l.is_empty()).unwrap_or("");
    assert!(
        ["Pontuação: 0/2", "Pontuação: 1/2", "Pontuação: 2/2"].contains(&last),
        "{q}"
    );
    let mut c = cmd(d.path());
    c.args([
        "quiz", "--plain", "--count", "1", "--seed", "1", "--lang", "en",
    ]);
    let en = stdout(&run_with_input(c, "1\n"));
    assert!(en.contains("\nScore: "), "{en}");
}

#[test]
fn a_numeric_answer_is_written_with_a_decimal_comma_in_pt_br() {
    let d = TempDir::new("quiz-numeric-pt");
    // Every scenarios question, each answered "1": scn-001 asks for the RDS line of
    // scenario 1 (44.64) and shows the answer after a wrong one.
    let mut c = cmd(d.path());
    c.args([
        "quiz",
        "--plain",
        "--topic",
        "scenarios",
        "--count",
        "200",
        "--seed",
        "3",
        "--lang",
        "pt-BR",
    ]);
    let q = stdout(&run_with_input(c, &"1\n".repeat(200)));
    assert!(q.contains("Resposta: 44,64"), "{q}");
    assert!(!q.contains("44.64") && !q.contains("US$ 97.49"), "{q}");
}

#[test]
fn lang_on_the_command_line_is_for_that_run_only() {
    let d = TempDir::new("lang-once");
    let pt = |args: &[&str]| {
        stdout(
            &cmd(d.path())
                .env("LANG", "pt_BR.UTF-8")
                .args(args)
                .output()
                .expect("run"),
        )
    };
    assert!(pt(&["budget", "--list", "--lang", "en"]).contains("Scenario 1"));
    assert!(pt(&["budget", "--list"]).contains("Cenário 1"));
    assert!(!d.path().join("settings.json").exists());
}

#[test]
fn the_app_saves_a_language_only_when_l_is_pressed() {
    use aws_study::store::settings::{self, Settings};
    use crossterm::event::KeyCode;
    let d = TempDir::new("lang-app");
    // Started in English (as `--lang en` would), quit: no language is saved.
    let mut a = app_from(Lang::En, Settings::default(), Some(d.path()), false);
    screen(&mut a, 80, 24);
    press(&mut a, KeyCode::Char('2'));
    press(&mut a, KeyCode::Char('q'));
    assert!(a.quit);
    let saved = settings::load(Some(d.path())).settings;
    assert_eq!(saved.lang, None, "{saved:?}");
    assert_eq!(saved.last_tab.as_deref(), Some("cloudformation"));
    // A language saved earlier survives a run in another one.
    let mut a = app_from(Lang::En, saved, Some(d.path()), false);
    press(&mut a, KeyCode::Char('L'));
    press(&mut a, KeyCode::Char('q'));
    let saved = settings::load(Some(d.path())).settings;
    assert_eq!(saved.lang(), Some(Lang::PtBr));
    let mut a = app_from(Lang::En, saved, Some(d.path()), false);
    press(&mut a, KeyCode::Char('3'));
    press(&mut a, KeyCode::Char('q'));
    assert_eq!(
        settings::load(Some(d.path())).settings.lang(),
        Some(Lang::PtBr)
    );
}

#[test]
fn saving_a_scenario_under_its_default_name_keeps_the_portuguese_title() {
    use crossterm::event::KeyCode;
    let d = TempDir::new("pt-save");
    let mut a = app_with(Lang::PtBr, Some(d.path()));
    press(&mut a, KeyCode::Char('8'));
    press(&mut a, KeyCode::Char('w'));
    let s = screen(&mut a, 120, 40);
    assert!(
        s.contains("Cenário 1 — dashboard"),
        "the name offered:\n{s}"
    );
    press(&mut a, KeyCode::Enter);
    let title = screen(&mut a, 120, 40);
    assert!(title.contains("Cenário 1 — dashboard"), "{title}");
    assert!(!title.contains("Scenario 1"), "{title}");
    let files = aws_study::budget::saved::list(d.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let b = aws_study::budget::saved::load(d.path(), &files[0]).expect("saved");
    assert_eq!(
        b.name,
        aws_study::budget::scenario_title("scenario-1", Lang::PtBr)
    );
    // Exporting starts from the same name.
    let path = a
        .budget
        .default_export_path(aws_study::tui::budget_tab::ExportFormat::Md, Lang::PtBr);
    assert!(path.contains("Cenário-1"), "{path}");
}

#[test]
fn budget_scenario_accepts_a_saved_budgets_display_name() {
    let d = TempDir::new("display-name");
    let dir = d.path().join("budgets");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let scenario = stdout(&run(d.path(), &["budget", "--format", "json"]));
    let named = scenario.replacen(
        "\"name\": \"Scenario 1 — e-commerce data-analysis dashboard\"",
        "\"name\": \"Plano de Estudo Ação\"",
        1,
    );
    assert_ne!(named, scenario);
    std::fs::write(dir.join("plano.json"), named).expect("write");
    for id in ["plano", "Plano de Estudo Ação", "plano de estudo acao"] {
        let o = run(d.path(), &["budget", "--scenario", id, "--lang", "pt-BR"]);
        assert!(o.status.success(), "{id}: {}", stderr(&o));
        let t = stdout(&o);
        assert!(
            t.starts_with("Plano de Estudo Ação — ") && t.contains("US$ 97,49"),
            "{t}"
        );
    }
    let o = run(
        d.path(),
        &["budget", "--scenario", "no such plan", "--lang", "pt-BR"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("orçamento desconhecido") && stderr(&o).contains("plano"),
        "{}",
        stderr(&o)
    );
    let list = stdout(&run(d.path(), &["budget", "--list", "--lang", "pt-BR"]));
    assert!(
        list.contains("plano\tPlano de Estudo Ação (salvo)"),
        "{list}"
    );
}

#[test]
fn a_broken_budget_file_is_explained_in_portuguese() {
    let d = TempDir::new("bad-file-pt");
    let f = d.path().join("b.json");
    std::fs::write(
        &f,
        r#"{"version": 1, "name": "x", "currency": "USD", "lines": [
  {"service": "ec2", "label": "web", "unit": "hour", "unit_price": "abc",
   "factors": [], "free_quantity": "0", "included": true}]}"#,
    )
    .expect("write");
    let o = run(
        d.path(),
        &[
            "budget",
            "--file",
            f.to_str().expect("path"),
            "--lang",
            "pt-BR",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("lines[0].unit_price: 'abc' não é um número decimal"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_pt_br_scenarios_note_writes_decimal_commas() {
    let d = TempDir::new("note-pt");
    let note = stdout(&run(
        d.path(),
        &["show", "scenarios", "--plain", "--lang", "pt-BR"],
    ));
    assert!(note.contains("US$ 97,49"), "{note}");
    let us: Vec<&str> = note
        .split("US$ ")
        .skip(1)
        .filter(|rest| {
            let n: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            n.contains('.') && !n.ends_with('.')
        })
        .collect();
    assert!(
        us.is_empty(),
        "US-style amounts: {:?}",
        &us[..us.len().min(3)]
    );
}

#[test]
fn warnings_and_stats_follow_the_language() {
    let d = TempDir::new("stats-pt");
    std::fs::write(d.path().join("settings.json"), "{not json").expect("write");
    let o = run(d.path(), &["stats", "--lang", "pt-BR"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("aws-study: aviso:") && e.contains("configurações ilegíveis"),
        "{e}"
    );
    assert!(stdout(&o).contains("Respondidas 0"), "{}", stdout(&o));
}

#[test]
fn a_broken_mock_file_and_a_wrong_content_folder_are_explained_in_portuguese() {
    let d = TempDir::new("mocks-pt");
    let mocks = d.path().join("bad.mocks.json");
    std::fs::write(
        &mocks,
        r#"{"StateMachines": {"m": {"TestCases": {"A": {}}}}}"#,
    )
    .expect("write");
    let o = run(
        d.path(),
        &[
            "sfn",
            "run",
            "stock-forecast",
            "--mocks",
            mocks.to_str().expect("path"),
            "--lang",
            "pt-BR",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("linha 1: falta o objeto \"MockedResponses\""),
        "{}",
        stderr(&o)
    );
    let o = run(
        d.path(),
        &[
            "topics",
            "--content",
            d.path().to_str().expect("path"),
            "--lang",
            "pt-BR",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("não há pasta en/, pt-BR/ nem quiz/"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn broken_progress_and_exam_files_are_explained_in_portuguese() {
    // The command line: a progress file that is not JSON is moved aside, in Portuguese.
    let d = TempDir::new("bad-progress-pt");
    std::fs::write(d.path().join("progress.json"), "{not json").expect("write");
    let o = run(d.path(), &["stats", "--lang", "pt-BR"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("progresso ilegível") && !stderr(&o).contains("unreadable progress"),
        "{}",
        stderr(&o)
    );
    // The app: a progress file of another version and an exam that cannot be resumed,
    // both said in the language shown, and in the other one after L.
    let d = TempDir::new("bad-exam-pt");
    std::fs::write(
        d.path().join("progress.json"),
        r#"{"version": 99, "log": []}"#,
    )
    .expect("write");
    std::fs::write(d.path().join("exam.json"), "{").expect("write");
    let a = common::app_with(Lang::PtBr, Some(d.path()));
    let m = a.message.clone().expect("a warning");
    let pt = m.text(Lang::PtBr);
    assert!(pt.contains("a versão 99 não é suportada"), "{pt}");
    assert!(
        pt.contains("a prova não terminada não pode ser retomada"),
        "{pt}"
    );
    let en = m.text(Lang::En);
    assert!(en.contains("version 99 is not supported"), "{en}");
    assert!(en.contains("the unfinished exam cannot be resumed"), "{en}");
}

#[test]
fn at_80_columns_the_status_line_keeps_the_section_name_whole() {
    // "Otimização de custos em ciência de dados › Dimensionamento e famílias de
    // instâncias" does not fit beside the position and the language: the note's
    // title gives way to the tab's short name, and the section stays whole.
    let mut a = app_with(Lang::PtBr, None);
    press(&mut a, crossterm::event::KeyCode::Char('4'));
    press(&mut a, crossterm::event::KeyCode::Char(']'));
    press(&mut a, crossterm::event::KeyCode::Char(']'));
    let s = screen(&mut a, 80, 24);
    let status = s.lines().last().unwrap_or_default();
    assert!(
        status.contains("› Dimensionamento e famílias de instâncias"),
        "{s}"
    );
    // Where both fit, the title stays.
    let s = screen(&mut a, 140, 30);
    let status = s.lines().last().unwrap_or_default();
    assert!(
        status.contains("Otimização de custos em ciência de dados › Dimensionamento"),
        "{s}"
    );
}
