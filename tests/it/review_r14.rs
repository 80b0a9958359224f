//! An outside review as a Brazilian learner at 80×24: the strings and numbers that
//! were still written the English way on pt-BR screens and outputs.
use crate::common;
use common::*;

use aws_study::lang::Lang;
use crossterm::event::KeyCode;

/// The Budget tab's pricing options give the date a price was looked up the way
/// the details view and the exports do (`23/11/2026`), not as `2026-11-23`.
#[test]
fn the_options_overlay_writes_the_looked_up_date_the_brazilian_way() {
    let mut app = app_with(Lang::PtBr, None);
    press(&mut app, KeyCode::Char('8'));
    press(&mut app, KeyCode::Char('o'));
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("consultado em 23/11/2026"), "{s}");
    assert!(!s.contains("2026-11-23"), "{s}");
    let mut app = app_with(Lang::En, None);
    press(&mut app, KeyCode::Char('8'));
    press(&mut app, KeyCode::Char('o'));
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("looked up 2026-11-23"), "{s}");
}

/// The pricing catalog in pt-BR names every unit in Portuguese (or as the AWS
/// abbreviation): no `stream-hour`, `vCPU-hour`, `GB-hour`, `1K requests` or
/// `min de action`, and a price is per `transição`, not per `transições`.
#[test]
fn the_pt_br_catalog_has_no_english_units() {
    let d = TempDir::new("r14-catalog");
    let o = run(d.path(), &["budget", "--catalog", "--lang", "pt-BR"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let t = stdout(&o);
    for english in [
        "stream-hour",
        "vCPU-hour",
        "GB-hour",
        "1K requests",
        "min de action",
        "/transições",
    ] {
        assert!(!t.contains(english), "{english:?} in:\n{t}");
    }
    for pt in [
        "US$ 0,005/mil requisições",
        "US$ 0,002/min de ação",
        "US$ 0,000025/transição",
        "US$ 0,04048/vCPU-h",
    ] {
        assert!(t.contains(pt), "lacks {pt:?}:\n{t}");
    }
}

/// A Step Functions line counts transitions in the plural and prices them per
/// transition, in both languages.
#[test]
fn a_transitions_line_reads_quantity_plural_price_singular() {
    let d = TempDir::new("r14-sfn-line");
    let file = d.path().join("sfn.json");
    std::fs::write(
        &file,
        r#"{ "version": 1, "name": "sfn", "currency": "USD",
  "lines": [ { "service": "sfn-standard", "label": "Step Functions", "unit": "state transition",
               "unit_price": "0.000025",
               "factors": [ { "label": "transitions", "value": "150000" } ],
               "free_quantity": "4000", "included": true } ] }"#,
    )
    .unwrap();
    let f = file.to_str().unwrap();
    let pt = stdout(&run(d.path(), &["budget", "--file", f, "--lang", "pt-BR"]));
    assert!(
        pt.contains("150.000 transições − 4.000 grátis = 146.000 transições × US$ 0,000025/transição = US$ 3,65"),
        "{pt}"
    );
    let en = stdout(&run(d.path(), &["budget", "--file", f, "--lang", "en"]));
    assert!(
        en.contains(
            "150,000 transitions − 4,000 free = 146,000 transitions × $0.000025/transition = $3.65"
        ),
        "{en}"
    );
}

/// The price-source legend in pt-BR does not name a JSON field (`as_of`).
#[test]
fn the_pt_br_price_legend_names_no_json_field() {
    let d = TempDir::new("r14-legend");
    for args in [
        &["budget", "--lang", "pt-BR"][..],
        &["budget", "--lang", "pt-BR", "--format", "md"][..],
        &["budget", "--lang", "pt-BR", "--catalog"][..],
        &["budget", "--lang", "pt-BR", "--options"][..],
    ] {
        let t = stdout(&run(d.path(), args));
        assert!(t.contains("consultado"), "{args:?}: {t}");
        assert!(!t.contains("as_of"), "{args:?}: {t}");
    }
}

/// S3 classes in `budget --options`: a retrieval fee is "recuperação", as the
/// Budget tab's S3 view says, not a word-for-word "ler de volta".
#[test]
fn s3_retrieval_is_recuperacao_in_the_pt_br_options() {
    let d = TempDir::new("r14-s3-options");
    let t = stdout(&run(d.path(), &["budget", "--options", "--lang", "pt-BR"]));
    assert!(t.contains("recuperação US$ 0,01/GB"), "{t}");
    assert!(t.contains("sem taxa de recuperação"), "{t}");
    assert!(
        !t.contains("ler de volta") && !t.contains("taxa de leitura"),
        "{t}"
    );
}

/// "As opened → now" signs a rise as it signs a fall: `(+31%)` next to `(−15%)`.
#[test]
fn the_budget_header_signs_a_rise() {
    for lang in [Lang::PtBr, Lang::En] {
        let mut app = app_with(lang, None);
        press(&mut app, KeyCode::Char('8'));
        press(&mut app, KeyCode::Char('>'));
        let s = screen(&mut app, 80, 24);
        assert!(s.contains("(+31%)"), "{s}");
        press(&mut app, KeyCode::Char('u'));
        press(&mut app, KeyCode::Char('<'));
        let s = screen(&mut app, 80, 24);
        assert!(s.contains("(−15%)"), "{s}");
    }
}

/// The help overlay goes to its end with End / G and back with Home / g, as every
/// other scrolling view does (they did nothing).
#[test]
fn the_help_overlay_jumps_to_its_end_and_back() {
    let mut app = app_with(Lang::PtBr, None);
    press(&mut app, KeyCode::Char('8'));
    press(&mut app, KeyCode::Char('?'));
    let first = screen(&mut app, 80, 24);
    assert!(first.contains("Em qualquer lugar"), "{first}");
    for end in [KeyCode::End, KeyCode::Char('G')] {
        press(&mut app, end);
        let s = screen(&mut app, 80, 24);
        assert!(!s.contains("Em qualquer lugar"), "{s}");
        let total = s
            .lines()
            .find_map(|l| {
                let l = l.trim_end_matches(['"', '┘', ' ', '─']);
                let (_, pos) = l.rsplit_once(' ')?;
                let (at, of) = pos.split_once('/')?;
                Some((at.to_string(), of.to_string()))
            })
            .expect("a position in the frame");
        assert_eq!(total.0, total.1, "{s}");
        press(&mut app, KeyCode::Char('k'));
        assert_ne!(screen(&mut app, 80, 24), s, "k moves back up at once");
        for home in [KeyCode::Home, KeyCode::Char('g')] {
            press(&mut app, home);
            assert_eq!(screen(&mut app, 80, 24), first);
        }
    }
}

/// An exam's header agrees in number: "1 respondida", "2 respondidas".
#[test]
fn the_exam_header_says_1_respondida() {
    let mut a = app_with(Lang::PtBr, None);
    press(&mut a, KeyCode::Char('9'));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter); // exam setup
    press(&mut a, KeyCode::Enter);
    assert!(screen(&mut a, 80, 24).contains(" · 0 respondidas"));
    press(&mut a, KeyCode::Char('1'));
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a, 80, 24);
    assert!(
        s.contains(" · 1 respondida") && !s.contains("1 respondidas"),
        "{s}"
    );
    press(&mut a, KeyCode::Char('1'));
    press(&mut a, KeyCode::Enter);
    assert!(screen(&mut a, 80, 24).contains(" · 2 respondidas"));
}

/// `iam eval` on a bundled sample in pt-BR titles it as `iam samples` does, not
/// with the case file's English title.
#[test]
fn iam_eval_titles_a_bundled_sample_in_portuguese() {
    let d = TempDir::new("r14-iam");
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/iam/explicit-deny.json");
    let pt = stdout(&run(d.path(), &["iam", "eval", file, "--lang", "pt-BR"]));
    assert!(
        pt.starts_with("explicit-deny  Negação explícita vs implícita\n"),
        "{pt}"
    );
    let en = stdout(&run(d.path(), &["iam", "eval", file, "--lang", "en"]));
    assert!(
        en.starts_with("explicit-deny  Explicit deny beats an allow\n"),
        "{en}"
    );
}

/// A broken JSON file is explained in Portuguese in pt-BR (serde_json's English
/// "trailing comma", "EOF while parsing an object" were shown as they were), and
/// left as it was in English.
#[test]
fn json_errors_are_worded_in_portuguese() {
    let d = TempDir::new("r14-json");
    let comma = d.path().join("comma.json");
    std::fs::write(&comma, "{\"a\":1,}\n").unwrap();
    let open = d.path().join("open.json");
    std::fs::write(&open, "{\n").unwrap();
    let no_lines = d.path().join("no-lines.json");
    std::fs::write(
        &no_lines,
        r#"{"version": 1, "name": "x", "currency": "USD"}"#,
    )
    .unwrap();
    let (comma, open, no_lines) = (
        comma.to_str().unwrap(),
        open.to_str().unwrap(),
        no_lines.to_str().unwrap(),
    );
    let cases: [(&[&str], &str); 5] = [
        (
            &["sfn", "check", comma],
            "JSON inválido: vírgula sobrando antes de fechar",
        ),
        (
            &["budget", "--file", comma],
            "JSON inválido: vírgula sobrando antes de fechar (linha 1, coluna 8)",
        ),
        (
            &["iam", "check", open],
            "JSON inválido: o texto termina no meio de um objeto",
        ),
        (
            &["sfn", "check", open],
            "o texto termina no meio de um objeto",
        ),
        (&["budget", "--file", no_lines], "falta o campo `lines`"),
    ];
    for (args, want) in cases {
        let mut all = args.to_vec();
        all.extend(["--lang", "pt-BR"]);
        let o = run(d.path(), &all);
        let e = format!("{}{}", stdout(&o), stderr(&o));
        assert!(!o.status.success(), "{args:?}");
        assert!(e.contains(want), "{args:?}: lacks {want:?}: {e}");
        for english in ["trailing comma", "EOF while", "missing field", " at line "] {
            assert!(!e.contains(english), "{args:?}: {english:?} in {e}");
        }
    }
    let e = stderr(&run(d.path(), &["budget", "--file", comma, "--lang", "en"]));
    assert!(e.contains("trailing comma at line 1 column 8"), "{e}");
}

/// The Lab's "add to budget" names its line with the count written as people
/// write it: `(1.000 execuções/dia)`, `(1,000 executions/day)`, not `(1000 …)`.
#[test]
fn the_lab_budget_line_groups_its_execution_count() {
    for (lang, want) in [
        (
            Lang::PtBr,
            "Step Functions: stock-forecast (1.000 execuções/dia)",
        ),
        (
            Lang::En,
            "Step Functions: stock-forecast (1,000 executions/day)",
        ),
    ] {
        let mut a = app_with(lang, None);
        press(&mut a, KeyCode::Char('0'));
        press(&mut a, KeyCode::Char('a'));
        ctrl(&mut a, 'u');
        typed(&mut a, "1000");
        press(&mut a, KeyCode::Enter);
        let line = a.budget.budget.lines.last().expect("line");
        assert_eq!(line.label, want);
        let s = screen(&mut a, 120, 40);
        assert!(s.contains(want), "{s}");
    }
}
