//! SPEC §10 targets, measured with criterion: a frame of each tab, search across all
//! notes in both languages, a 5 MB note (open, re-layout, frames anywhere in it),
//! start-up, a 200-line budget, and drawing the next quiz question.
use std::hint::black_box;
use std::str::FromStr;

use aws_study::budget::{Budget, Factor, LineItem};
use aws_study::content::Library;
use aws_study::content::search::SearchIndex;
use aws_study::lang::Lang;
use aws_study::markdown::{layout, parse};
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
            t.draw(|f| views::draw(f, &mut a)).expect("draw");
            g.bench_function(format!("tab{}_{w}x{h}", tab + 1), |b| {
                b.iter(|| {
                    t.draw(|f| views::draw(f, &mut a))
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
                t.draw(|f| views::draw(f, &mut a))
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
    t.draw(|f| views::draw(f, &mut a)).expect("draw"); // lays the note out once
    let lines = a.current_layout().lines.len();
    let mut g = c.benchmark_group("big_note_frame_200x60");
    for (name, at) in [("top", 0), ("middle", lines / 2), ("end", lines)] {
        a.notes[big].scroll = at;
        g.bench_function(name, |b| {
            b.iter(|| {
                t.draw(|f| views::draw(f, &mut a))
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
            },
            Factor {
                label: "hours".into(),
                value: Decimal::from(720),
            },
        ],
        free_quantity: Decimal::from(i % 3),
        included: !i.is_multiple_of(5),
    };
    let b200 = Budget {
        name: "b".into(),
        currency: "USD".into(),
        lines: (0..200).map(line).collect(),
    };
    c.bench_function("budget/compute_200_lines", |b| {
        b.iter(|| black_box(b200.compute()))
    });
}

criterion_group!(benches, frames, search, big_document, startup, budget);
criterion_main!(benches);
