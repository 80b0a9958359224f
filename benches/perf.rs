//! The performance targets (README, "Figures"), measured with criterion: a frame of each
//! tab, search across all notes in both languages, a 5 MB note (open, re-layout,
//! frames anywhere in it, and `show`'s streaming render), start-up, a 200-line budget,
//! and drawing the next quiz question; and user content at scale (many hits, a long
//! query, many headings, many topics, a wide table), whose cost must grow linearly
//! with its size.
use std::hint::black_box;
use std::str::FromStr;

use aws_study::budget::{Budget, Factor, LineItem};
use aws_study::content::check::check;
use aws_study::content::search::SearchIndex;
use aws_study::content::{ContentFile, FileSet, Library};
use aws_study::lang::Lang;
use aws_study::markdown::{layout, parse, stream};
use aws_study::store::settings::Settings;
use aws_study::tui::action::Action;
use aws_study::tui::app::App;
use aws_study::tui::theme::Theme;
use aws_study::tui::views;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rust_decimal::Decimal;

fn app(lib: Library) -> App {
    App::new(
        lib,
        Lang::En,
        Settings {
            version: 1,
            ..Settings::default()
        },
        None,
        Theme::new(false),
    )
}

fn terminal(w: u16, h: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(w, h)).expect("test terminal")
}

/// The 5 MB note of the contract check: sections of prose, lists, tables and code.
fn big_note() -> String {
    let words = [
        "lambda", "glue", "athena", "redshift", "kinesis", "bucket", "policy", "role", "stack",
        "template", "state", "machine", "choice", "parallel", "map",
    ];
    let mut seed = 1u64;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let mut s = String::from("# Big document {#big}\n");
    let mut i = 0;
    while s.len() < 5_000_000 {
        i += 1;
        s.push_str(&format!("\n## Section {i} {{#s{i}}}\n\n"));
        for _ in 0..120 {
            s.push_str(words[next() % words.len()]);
            s.push(' ');
        }
        s.push_str("\n\n- item one\n  - nested *two*\n- `code` and **bold**\n\n| a | b | c |\n|---|:-:|--:|\n| 1 | 2 | 3 |\n\n```\nfn main() {}\n```\n");
    }
    s.push_str("\nTHE-VERY-END\n");
    s
}

fn frames(c: &mut Criterion) {
    let lib = Library::load(None).expect("content");
    let n = lib.topics.len();
    let mut a = app(lib);
    let mut g = c.benchmark_group("frame");
    for (w, h) in [(200u16, 60u16), (80, 24)] {
        let mut t = terminal(w, h);
        for tab in 0..n + 2 {
            a.update(Action::JumpTab(tab as u8 + 1));
            t.draw(|f| views::render(f, &mut a)).expect("draw");
            g.bench_function(format!("tab{}_{w}x{h}", tab + 1), |b| {
                b.iter(|| {
                    t.draw(|f| views::render(f, &mut a))
                        .map(|_| ())
                        .expect("draw")
                })
            });
        }
        // A quiz question on screen.
        a.update(Action::JumpTab(n as u8 + 2));
        a.update(Action::ListSelect);
        g.bench_function(format!("quiz_question_{w}x{h}"), |b| {
            b.iter(|| {
                t.draw(|f| views::render(f, &mut a))
                    .map(|_| ())
                    .expect("draw")
            })
        });
        a.update(Action::CloseOverlay);
        a.update(Action::CloseOverlay);
    }
    g.finish();
}

fn search(c: &mut Criterion) {
    let lib = Library::load(None).expect("content");
    let index = SearchIndex::build(&lib);
    c.bench_function("search/all_notes_both_languages_kms", |b| {
        b.iter(|| black_box(index.search(&lib, None, black_box("KMS"), usize::MAX)))
    });
    c.bench_function("search/all_notes_both_languages_rotacao", |b| {
        b.iter(|| black_box(index.search(&lib, None, black_box("rotação"), usize::MAX)))
    });
    c.bench_function("search/build_index", |b| {
        b.iter(|| black_box(SearchIndex::build(&lib)))
    });
}

fn big_document(c: &mut Criterion) {
    let text = big_note();
    let mut g = c.benchmark_group("big_note_5mb");
    g.sample_size(10);
    g.bench_function("open_parse_and_layout_w100", |b| {
        b.iter(|| black_box(layout(&parse(black_box(&text)), 100)))
    });
    let doc = parse(&text);
    g.bench_function("layout_at_new_width_w137", |b| {
        b.iter(|| black_box(layout(&doc, 137)))
    });
    // `show`'s road: events to text in pieces, nothing kept (the pieces are counted,
    // as a pipe would take them).
    for (name, styled) in [
        ("show_stream_plain_w100", false),
        ("show_stream_styled_w100", true),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut bytes = 0usize;
                stream::render(black_box(&text), 100, styled, |piece| {
                    bytes += piece.len();
                    Ok(())
                })
                .map(|()| black_box(bytes))
                .expect("render to a counter")
            })
        });
    }
    g.finish();

    let dir = std::env::temp_dir().join(format!("aws-study-bench-{}", std::process::id()));
    for l in ["en", "pt-BR"] {
        std::fs::create_dir_all(dir.join(l)).expect("mkdir");
        std::fs::write(dir.join(l).join("96-big.md"), &text).expect("write");
    }
    let lib = Library::load(Some(&dir)).expect("content");
    let big = lib.position("big").expect("big topic");
    let mut a = app(lib);
    let mut t = terminal(200, 60);
    a.update(Action::NextTab); // leave tab 0 so the jump below is a real switch
    for _ in 0..big.saturating_sub(1) {
        a.update(Action::NextTab);
    }
    t.draw(|f| views::render(f, &mut a)).expect("draw"); // lays the note out once
    let lines = a.current_layout().lines.len();
    let mut g = c.benchmark_group("big_note_frame_200x60");
    for (name, at) in [("top", 0), ("middle", lines / 2), ("end", lines)] {
        a.notes[big].scroll = at;
        g.bench_function(name, |b| {
            b.iter(|| {
                t.draw(|f| views::render(f, &mut a))
                    .map(|_| ())
                    .expect("draw")
            })
        });
    }
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

fn startup(c: &mut Criterion) {
    c.bench_function("startup/load_content_and_build_app", |b| {
        b.iter(|| black_box(app(Library::load(None).expect("content"))))
    });
}

/// The Budget tab's overlays of the workbench: scenario 1 compared with scenario 2
/// (`v`, `3`) and the Glue line's factors (`f`), a frame each at 200×60 and 80×24.
fn budget_workbench_frames(c: &mut Criterion) {
    let lib = Library::load(None).expect("content");
    let budget_tab = lib.topics.len() as u8 + 1;
    let mut g = c.benchmark_group("frame");
    for (w, h) in [(200u16, 60u16), (80, 24)] {
        let mut a = app(Library::load(None).expect("content"));
        let mut t = terminal(w, h);
        a.update(Action::JumpTab(budget_tab));
        a.update(Action::BudgetCompare);
        a.update(Action::PickNumber(3));
        t.draw(|f| views::render(f, &mut a)).expect("draw");
        g.bench_function(format!("budget_compare_{w}x{h}"), |b| {
            b.iter(|| {
                t.draw(|f| views::render(f, &mut a))
                    .map(|_| ())
                    .expect("draw")
            })
        });
        a.update(Action::CloseOverlay);
        for _ in 0..4 {
            a.update(Action::ListMove(1));
        }
        a.update(Action::BudgetFactors);
        g.bench_function(format!("budget_factors_{w}x{h}"), |b| {
            b.iter(|| {
                t.draw(|f| views::render(f, &mut a))
                    .map(|_| ())
                    .expect("draw")
            })
        });
    }
    g.finish();
}

fn budget(c: &mut Criterion) {
    let line = |i: u32| LineItem {
        service: "ec2-t3-medium".into(),
        label: format!("line {i}"),
        unit: "hour".into(),
        unit_price: Decimal::from_str("0.0416").expect("price"),
        factors: vec![
            Factor {
                label: "instances".into(),
                value: Decimal::from(i % 7 + 1),
                extra: Default::default(),
            },
            Factor {
                label: "hours".into(),
                value: Decimal::from(720),
                extra: Default::default(),
            },
        ],
        free_quantity: Decimal::from(i % 3),
        included: !i.is_multiple_of(5),
        extra: Default::default(),
    };
    let b200 = Budget {
        name: "b".into(),
        currency: "USD".into(),
        lines: (0..200).map(line).collect(),
        extra: Default::default(),
    };
    c.bench_function("budget/compute_200_lines", |b| {
        b.iter(|| black_box(b200.compute()))
    });
}

/// A valid 1,000-state machine: Tasks with Retry and Catch, Choices every tenth
/// state, a Parallel every fiftieth, ending in Succeed.
pub fn machine_1000() -> String {
    let mut states = Vec::new();
    for i in 0..1000 {
        let name = format!("S{i}");
        let next = if i == 999 {
            "Done".to_string()
        } else {
            format!("S{}", i + 1)
        };
        let body = if i % 10 == 5 && i < 990 {
            format!(
                r#"{{"Type": "Choice", "Choices": [{{"Variable": "$.n", "NumericGreaterThan": {i}, "Next": "{next}"}}, {{"And": [{{"Variable": "$.s", "IsPresent": true}}, {{"Variable": "$.s", "StringMatches": "a*"}}], "Next": "S{}"}}], "Default": "{next}"}}"#,
                i + 2
            )
        } else if i % 50 == 7 {
            format!(
                r#"{{"Type": "Parallel", "Branches": [{{"StartAt": "P{i}a", "States": {{"P{i}a": {{"Type": "Pass", "End": true}}}}}}, {{"StartAt": "P{i}b", "States": {{"P{i}b": {{"Type": "Pass", "End": true}}}}}}], "Next": "{next}"}}"#
            )
        } else {
            format!(
                r#"{{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {{"FunctionName": "f{i}", "Payload.$": "$"}}, "ResultSelector": {{"r.$": "$.Payload"}}, "ResultPath": "$.r{i}", "Retry": [{{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2}}], "Catch": [{{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Done"}}], "Next": "{next}"}}"#
            )
        };
        states.push(format!("\"{name}\": {body}"));
    }
    states.push("\"Done\": {\"Type\": \"Succeed\"}".into());
    format!(
        "{{\"StartAt\": \"S0\", \"States\": {{{}}}}}",
        states.join(",\n")
    )
}

/// A counter loop: Pass (States.MathAdd) → Choice → back, about 10,000 transitions.
const LOOP: &str = r#"{"StartAt": "Add", "States": {
  "Add": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)"}, "Next": "More?"},
  "More?": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericLessThan": 5000, "Next": "Add"}], "Default": "Done"},
  "Done": {"Type": "Succeed"}}}"#;

fn lab(c: &mut Criterion) {
    use aws_study::sfn::{check::Options, doc, graph, sim};
    let text = machine_1000();
    let checked = doc::check_text(&text, Options::default()).expect("JSON");
    assert!(checked.is_valid(), "{:?}", checked.findings.first());
    // The parsed machine is kept by its user (the Lab keeps it to draw and run it),
    // so freeing it is not part of checking: criterion drops it outside the timing.
    c.bench_function("lab/check_1000_states", |b| {
        b.iter_with_large_drop(|| doc::check_text(black_box(&text), Options::default()))
    });
    c.bench_function("lab/draw_1000_states_w120", |b| {
        b.iter(|| black_box(graph::draw(&graph::model(&checked.value), 120)))
    });
    let def: serde_json::Value = serde_json::from_str(LOOP).expect("loop JSON");
    let run = |def: &serde_json::Value| {
        sim::run(
            def,
            serde_json::json!({"i": 0}),
            &sim::Options {
                mocks: None,
                test_case: None,
                max_transitions: 25_000,
                seed: 1,
                machine_name: "loop",
            },
        )
    };
    let e = run(&def).expect("runs");
    assert!(e.transitions >= 10_000, "{}", e.transitions);
    c.bench_function("lab/simulate_10001_transitions", |b| {
        b.iter(|| black_box(run(&def)))
    });
    let mut a = app(Library::load(None).expect("content"));
    a.update(Action::JumpTab(0));
    a.update(Action::LabStep);
    a.update(Action::LabStep);
    let mut t = terminal(200, 60);
    c.bench_function("lab/frame_200x60", |b| {
        b.iter(|| t.draw(|f| views::render(f, &mut a)).map(|_| ()))
    });
}

fn note_file(rel: String, text: String) -> ContentFile {
    ContentFile {
        display: rel.clone(),
        rel,
        text: std::borrow::Cow::Owned(text),
        invalid_utf8_at: None,
    }
}

/// One note in both languages.
fn both_languages(name: &str, text: &str) -> FileSet {
    FileSet {
        files: ["en", "pt-BR"]
            .iter()
            .map(|l| note_file(format!("{l}/{name}"), text.to_string()))
            .collect(),
    }
}

/// "User content at scale" (README, "Figures"), at sizes that keep `cargo bench` short; the
/// figures double (not quadruple) when the sizes double. tests/it/scale.rs holds the
/// same cases at full size with a time bound.
fn scale(c: &mut Criterion) {
    let mut g = c.benchmark_group("scale");
    g.sample_size(10);

    let mut hits = String::from("# Hits\n\n");
    for i in 0..10_000 {
        hits.push_str(&format!("line {i} mentions needle here\n\n"));
    }
    let lib = Library::from_files(both_languages("91-hits.md", &hits));
    let index = SearchIndex::build(&lib);
    g.bench_function("search_10000_hits", |b| {
        b.iter(|| black_box(index.search(&lib, Some(Lang::En), "needle", usize::MAX)))
    });
    let query = "needle ".repeat(100_000 / 7);
    g.bench_function("search_query_100kb_over_10000_lines", |b| {
        b.iter(|| black_box(index.search(&lib, None, black_box(&query), usize::MAX)))
    });
    let lay = layout(&parse(&hits), 100);
    g.bench_function("note_search_query_100kb_over_10000_lines", |b| {
        b.iter(|| black_box(aws_study::tui::app::find_matches(&lay, black_box(&query))))
    });

    let mut heads = String::from("# Heads\n\n");
    for i in 0..5_000 {
        heads.push_str(&format!("## Heading {i} {{#h{i}}}\n\ntext\n\n"));
    }
    let files = both_languages("92-heads.md", &heads);
    let none = FileSet::default();
    g.bench_function("check_5000_headings", |b| {
        b.iter(|| black_box(check(&files, &none)))
    });

    let topics: Vec<ContentFile> = ["en", "pt-BR"]
        .iter()
        .flat_map(|l| {
            (1..=10_000)
                .map(move |i| note_file(format!("{l}/{i:05}-t{i}.md"), format!("# T{i}\n\nx\n")))
        })
        .collect();
    g.bench_function("load_10000_topics_with_titles", |b| {
        b.iter(|| {
            let lib = Library::from_files(FileSet {
                files: topics.clone(),
            });
            black_box(
                lib.topics
                    .iter()
                    .map(|t| t.title(Lang::En).len())
                    .sum::<usize>(),
            )
        })
    });

    let cols = 2_000;
    let mut wide = String::from("# Wide\n\n|");
    for i in 0..cols {
        wide.push_str(&format!("c{i}|"));
    }
    wide.push_str(&format!("\n|{}\n", "-|".repeat(cols)));
    for _ in 0..10 {
        wide.push('|');
        for i in 0..cols {
            wide.push_str(&format!("v{i}|"));
        }
        wide.push('\n');
    }
    g.bench_function("table_2000_columns_10_rows_parse_and_layout_w100", |b| {
        b.iter(|| black_box(layout(&parse(black_box(&wide)), 100)))
    });
    g.finish();
}

/// A case with 20 policies of 20 statements (to be evaluated in ≤ 1 ms): 16
/// identity policies, a resource policy, a boundary and two SCP levels, every
/// statement with wildcards, a policy variable and conditions, so each is checked.
pub fn iam_case_20x20() -> String {
    let statement = |p: usize, s: usize| {
        let effect = if s % 7 == 6 { "Deny" } else { "Allow" };
        serde_json::json!({
            "Sid": format!("P{p}S{s}"),
            "Effect": effect,
            "Action": [format!("s3:Get*{s}"), "s3:List*", format!("ec2:Describe{p}*"), "s3:GetObject"],
            "Resource": [format!("arn:aws:s3:::bucket-{p}-{s}/*"), "arn:aws:s3:::data/${aws:username}/*"],
            "Condition": {
                "StringLike": {"aws:PrincipalTag/team": ["data*", "ml-?"]},
                "IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "203.0.113.0/24"]},
                "DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"},
                "ForAllValues:StringEquals": {"aws:TagKeys": ["env", "team"]},
                "Bool": {"aws:SecureTransport": if effect == "Deny" { "false" } else { "true" }}
            }
        })
    };
    let policy = |p: usize| {
        let mut v = serde_json::json!({
            "Version": "2012-10-17",
            "Statement": (0..20).map(|s| statement(p, s)).collect::<Vec<_>>()
        });
        if p == 16 {
            for st in v["Statement"].as_array_mut().unwrap() {
                st["Principal"] = serde_json::json!({"AWS": ["111122223333", "arn:aws:iam::111122223333:user/ana"]});
            }
        }
        v
    };
    serde_json::json!({
        "id": "bench-20x20",
        "principal": {"arn": "arn:aws:iam::111122223333:user/ana", "type": "user", "account": "111122223333"},
        "request": {"action": "s3:GetObject", "resource": "arn:aws:s3:::data/ana/report.csv",
            "context": {"aws:username": "ana", "aws:PrincipalTag/team": "data-eng", "aws:SourceIp": "203.0.113.7",
                        "aws:CurrentTime": "2026-12-06T12:00:00Z", "aws:TagKeys": ["env"], "aws:SecureTransport": "true"}},
        "policies": {
            "identity": (0..16).map(policy).collect::<Vec<_>>(),
            "resource": policy(16),
            "permissions_boundary": policy(17),
            "scps": [[policy(18)], [policy(19)]]
        }
    })
    .to_string()
}

fn iam(c: &mut Criterion) {
    use aws_study::iam;
    let text = iam_case_20x20();
    let case = iam::parse_cases(&text).expect("case parses").remove(0);
    let policies =
        case.policies.identity.len() + 2 + case.policies.scps.iter().map(Vec::len).sum::<usize>();
    assert_eq!(policies, 20);
    assert_eq!(iam::evaluate(&case).decision, iam::Decision::Allow);
    c.bench_function("iam/evaluate_20_policies_x_20_statements", |b| {
        b.iter(|| black_box(iam::evaluate(black_box(&case))))
    });
    c.bench_function("iam/parse_and_evaluate_20x20", |b| {
        b.iter(|| {
            let c = iam::parse_cases(black_box(&text)).expect("parses");
            black_box(iam::evaluate(&c[0]))
        })
    });
}

criterion_group!(
    benches,
    frames,
    search,
    big_document,
    startup,
    budget,
    budget_workbench_frames,
    lab,
    iam,
    scale
);
criterion_main!(benches);
