//! Property tests of every input: each JSON loader (settings, progress, budgets, quiz
//! banks, pricing catalog) fed mutated and random documents never panics and always
//! explains a refusal; the app fed a long random key sequence across all tabs at
//! random sizes (1×1 included) never panics. Deterministic seeds: failures reproduce.
use crate::common;
use common::Rng;

use aws_study::budget::catalog::Catalog;
use aws_study::budget::file;
use aws_study::content::bank::parse_bank;
use aws_study::content::check::check;
use aws_study::content::{ContentFile, FileSet};
use aws_study::lang::Lang;
use aws_study::quiz::progress;
use aws_study::store::settings::{self, Settings};
use crossterm::event::{KeyCode, KeyModifiers};

const NASTY: &[&str] = &[
    "\"-1\"",
    "\"1e999\"",
    "\"abc\"",
    "\"\"",
    "null",
    "true",
    "[]",
    "{}",
    "-0",
    "1e400",
    "99999999999999999999999999999",
    "\"9999999999999999\"",
    "\"0.00000000000000000000000000001\"",
    "\"\\u0000\"",
    "\"ação 漢字 🦀\"",
    "[[[[[[[[",
    "}}}",
    "\"1,5\"",
    "2",
    "\"NaN\"",
    "\"+3\"",
];

/// A mutated copy of `text`: truncations, byte flips, swaps of values for nasty ones.
fn mutate(text: &str, r: &mut Rng) -> String {
    let mut s = text.to_string();
    for _ in 0..1 + r.below(4) {
        match r.below(5) {
            0 if !s.is_empty() => {
                let cut = r.below(s.len());
                s = String::from_utf8_lossy(&s.as_bytes()[..cut]).into_owned();
            }
            1 if !s.is_empty() => {
                let mut b = s.into_bytes();
                let i = r.below(b.len());
                b[i] = (r.next() & 0xff) as u8;
                s = String::from_utf8_lossy(&b).into_owned();
            }
            2 => {
                // Replace a quoted value with something nasty.
                let quotes: Vec<usize> = s.match_indices(": \"").map(|(i, _)| i + 2).collect();
                if let Some(&at) = quotes.get(r.below(quotes.len().max(1))) {
                    let end = s[at + 1..].find('"').map_or(s.len(), |e| at + e + 2);
                    s.replace_range(at..end.min(s.len()), NASTY[r.below(NASTY.len())]);
                }
            }
            3 => {
                let at = r.below(s.len() + 1);
                let at = (0..=at).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
                s.insert_str(at, NASTY[r.below(NASTY.len())]);
            }
            _ => {
                let deep = "[".repeat(r.below(5000));
                s = format!("{deep}{s}");
            }
        }
    }
    s
}

/// A random JSON value.
fn random_json(r: &mut Rng, depth: usize) -> String {
    match if depth > 4 { r.below(4) } else { r.below(6) } {
        0 => NASTY[r.below(NASTY.len())].to_string(),
        1 => format!("{}", r.next() as i64),
        2 => format!(
            "\"{}\"",
            ["version", "lines", "questions", "log", "x"][r.below(5)]
        ),
        3 => ["true", "false", "null", "1"][r.below(4)].to_string(),
        4 => {
            let n = r.below(4);
            let items: Vec<String> = (0..n).map(|_| random_json(r, depth + 1)).collect();
            format!("[{}]", items.join(","))
        }
        _ => {
            let keys = [
                "version",
                "name",
                "currency",
                "lines",
                "topic",
                "questions",
                "log",
                "states",
                "sessions",
                "entries",
                "lang",
            ];
            let n = r.below(5);
            let items: Vec<String> = (0..n)
                .map(|_| {
                    format!(
                        "\"{}\": {}",
                        keys[r.below(keys.len())],
                        random_json(r, depth + 1)
                    )
                })
                .collect();
            format!("{{{}}}", items.join(","))
        }
    }
}

fn inputs(seed_text: &str, seed: u64, n: usize) -> Vec<String> {
    let mut r = Rng(seed);
    let mut out = Vec::new();
    for i in 0..n {
        out.push(if i % 3 == 0 {
            random_json(&mut r, 0)
        } else {
            mutate(seed_text, &mut r)
        });
    }
    out
}

#[test]
fn budget_files_never_panic_and_explain_refusals() {
    let seed = aws_study::assets::file("assets/scenarios/scenario-2.json").expect("scenario");
    for (i, text) in inputs(seed, 11, 3000).into_iter().enumerate() {
        match file::parse(&text, "b.json") {
            Ok(b) => {
                let _ = b.compute();
                let _ = file::to_json(&b, b.compute().ok().as_ref(), None);
            }
            Err(e) => assert!(
                e.to_string().starts_with("b.json")
                    && !e.reason.message(aws_study::lang::Lang::En).is_empty(),
                "case {i}"
            ),
        }
    }
}

#[test]
fn pricing_catalogs_never_panic() {
    let seed = aws_study::assets::file("assets/pricing.json").expect("catalog");
    for text in inputs(seed, 12, 1500) {
        if let Err(e) = Catalog::parse(&text) {
            assert!(!e.is_empty());
        }
    }
}

#[test]
fn quiz_banks_never_panic_the_parser_or_check() {
    let seed = aws_study::assets::file("content/quiz/security.json").expect("bank");
    let base = FileSet::bundled();
    for (i, text) in inputs(seed, 13, 600).into_iter().enumerate() {
        let _ = parse_bank(&text);
        if i % 6 == 0 {
            let files = FileSet {
                files: vec![ContentFile {
                    rel: "quiz/security.json".into(),
                    display: "quiz/security.json".into(),
                    text: text.into(),
                    invalid_utf8_at: None,
                }],
            };
            let report = check(&files, &base);
            for f in report.findings {
                assert!(!f.message.en.is_empty() && !f.message.pt.is_empty());
            }
        }
    }
}

#[test]
fn settings_and_progress_files_never_panic_and_bad_ones_are_moved_aside() {
    let d = common::TempDir::new("robust-files");
    let good_settings = serde_json::to_string(&Settings {
        version: 1,
        lang: Some("pt-BR".into()),
        ..Settings::default()
    })
    .expect("json");
    let good_progress = r#"{"version": 1, "log": [{"time": 1, "question": "sec-001", "correct": true, "chosen": ["1"], "mode": "all", "duration_ms": 5, "lang": "en", "session": "s"}], "sessions": []}"#;
    for (i, text) in inputs(&good_settings, 14, 300).into_iter().enumerate() {
        std::fs::write(d.path().join("settings.json"), &text).expect("write");
        let l = settings::load(Some(d.path()));
        assert_eq!(l.settings.version, 1, "case {i}");
    }
    for (i, text) in inputs(good_progress, 15, 300).into_iter().enumerate() {
        let file = d.path().join("progress.json");
        std::fs::write(&file, &text).expect("write");
        let (p, w) = progress::load(Some(d.path()));
        assert!(p.version == 1 || w.is_some(), "case {i}");
        if w.is_some() {
            // Left exactly as it was (saving off), or moved aside byte for byte.
            let here = std::fs::read(&file).ok();
            let moved = std::fs::read_dir(d.path())
                .expect("dir")
                .filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
                .any(|e| std::fs::read(e.path()).ok().as_deref() == Some(text.as_bytes()));
            assert!(
                here.as_deref() == Some(text.as_bytes()) || moved,
                "case {i}: the original bytes are kept"
            );
        }
        for e in std::fs::read_dir(d.path())
            .expect("dir")
            .filter_map(Result::ok)
        {
            if e.file_name().to_string_lossy().contains(".corrupt-") {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

#[test]
fn a_long_random_key_sequence_across_all_tabs_at_random_sizes_never_panics() {
    let d = common::TempDir::new("robust-keys");
    let mut a = common::app_from(Lang::En, Settings::default(), Some(d.path()), false);
    a.quiz.clock = Some(1_800_000_000);
    let mut r = Rng(0xdead_beef);
    let named = [
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
    ];
    let chars = "0123456789?/nNsoLqQbgGjkedxauDpwErftSF[] .,-abcé漢";
    let chars: Vec<char> = chars.chars().collect();
    let mut quits = 0;
    let mut w: u16 = 80;
    let mut h: u16 = 24;
    for step in 0..6000 {
        if step % 40 == 0 {
            (w, h) = match r.below(6) {
                0 => (1, 1),
                1 => (r.below(20) as u16 + 1, r.below(6) as u16 + 1),
                _ => (r.below(250) as u16 + 1, r.below(80) as u16 + 1),
            };
        }
        let code = if r.below(3) == 0 {
            named[r.below(named.len())]
        } else {
            KeyCode::Char(chars[r.below(chars.len())])
        };
        let mods = if r.below(20) == 0 {
            KeyModifiers::CONTROL
        } else {
            KeyModifiers::NONE
        };
        // Ctrl-C would end the run early; count quits instead of stopping.
        if mods == KeyModifiers::CONTROL && code == KeyCode::Char('c') {
            continue;
        }
        common::key(&mut a, code, mods);
        if a.quit {
            quits += 1;
            a.quit = false;
        }
        if step % 50 == 0 {
            a.quiz.tick(r.below(700) as i64, Lang::En);
        }
        common::draw(&mut a, w, h);
    }
    assert!(quits > 0, "q was pressed along the way and handled");
}

/// Every file the app writes in its data folder, each from a real session, mutated
/// (truncations, byte flips, nasty values, random JSON, bytes that are not UTF-8) and
/// handed to the app at start: it never panics, and a file it warns about keeps its
/// original bytes, where it was or moved aside as `<name>.corrupt-*`.
#[test]
fn every_data_file_mutated_never_panics_and_keeps_its_bytes() {
    use aws_study::store::random_id;
    let seeds_dir = common::TempDir::new("robust-seeds");
    // Real files: an answered exam question kept for later, a budget edit, settings.
    {
        let mut a = common::app_with(Lang::En, Some(seeds_dir.path()));
        common::press(&mut a, KeyCode::Char('8'));
        common::press(&mut a, KeyCode::Enter);
        common::press(&mut a, KeyCode::Char('7'));
        common::press(&mut a, KeyCode::Enter);
        common::press(&mut a, KeyCode::Esc);
        common::press(&mut a, KeyCode::Char('9'));
        common::press(&mut a, KeyCode::Down);
        common::press(&mut a, KeyCode::Down);
        common::press(&mut a, KeyCode::Enter);
        common::press(&mut a, KeyCode::Enter);
        common::press(&mut a, KeyCode::Char('1'));
        common::press(&mut a, KeyCode::Enter);
        common::press(&mut a, KeyCode::Esc);
        common::press(&mut a, KeyCode::Char('q'));
    }
    let journal = r#"{"review": {"time": 1700000000, "question": "sec-001", "correct": true, "chosen": ["1"], "mode": "all", "duration_ms": 5, "lang": "en", "session": "s"}}
"#;
    let mut files: Vec<(&str, String)> = Vec::new();
    for name in ["settings.json", "exam.json", "budget-draft.json"] {
        let text = std::fs::read_to_string(seeds_dir.path().join(name))
            .unwrap_or_else(|_| panic!("the session wrote {name}"));
        files.push((name, text));
    }
    files.push(("progress.journal", journal.to_string()));
    files.push((
        "progress.json",
        r#"{"version": 1, "log": [{"time": 1, "question": "sec-001", "correct": true, "chosen": ["1"], "mode": "all", "duration_ms": 5, "lang": "en", "session": "s"}], "sessions": []}"#.to_string(),
    ));
    let keys = [
        KeyCode::Char('9'),
        KeyCode::Enter,
        KeyCode::Enter,
        KeyCode::Char('2'),
        KeyCode::Enter,
        KeyCode::Char('8'),
        KeyCode::Enter,
        KeyCode::Char('5'),
        KeyCode::Enter,
        KeyCode::Char('q'),
    ];
    for (f, (name, seed)) in files.iter().enumerate() {
        let mut cases: Vec<Vec<u8>> = inputs(seed, 40 + f as u64, 40)
            .into_iter()
            .map(String::into_bytes)
            .collect();
        let mut not_utf8 = seed.clone().into_bytes();
        not_utf8.insert(not_utf8.len() / 2, 0xff);
        cases.push(not_utf8);
        cases.push(Vec::new());
        for (i, bytes) in cases.into_iter().enumerate() {
            let d = std::env::temp_dir().join(format!("aws-study-mut-{}", random_id()));
            std::fs::create_dir_all(&d).expect("dir");
            std::fs::write(d.join(name), &bytes).expect("write");
            let dir = d.to_str().expect("utf-8 temp path").to_string();
            let result = std::panic::catch_unwind(|| {
                use clap::Parser;
                let cli = aws_study::cli::Cli::try_parse_from([
                    "aws-study",
                    "--data-dir",
                    &dir,
                    "--lang",
                    "en",
                ])
                .expect("args");
                let mut a = aws_study::tui::new_app(aws_study::context(&cli).expect("context"));
                let warned = a
                    .message
                    .as_ref()
                    .map(|m| m.text(aws_study::lang::Lang::En).to_string())
                    .unwrap_or_default();
                for k in keys {
                    common::press(&mut a, k);
                    let _ = common::screen(&mut a, 80, 24);
                }
                warned
            });
            let warned = match result {
                Ok(w) => w,
                Err(_) => panic!(
                    "{name} case {i} panicked the app: {:?}",
                    String::from_utf8_lossy(&bytes)
                ),
            };
            if warned.contains(&format!("{name}: ")) && warned.contains("this version cannot read")
            {
                // Understood, with entries it cannot read: those survive any rewrite.
                let (p, _) = progress::load(Some(&d));
                assert!(
                    !p.odd_log.is_empty() || !p.odd_sessions.is_empty(),
                    "{name} case {i}: the unreadable entries are kept"
                );
            } else if warned.contains(name) {
                let here = std::fs::read(d.join(name)).ok();
                let aside = std::fs::read_dir(&d)
                    .expect("dir")
                    .filter_map(Result::ok)
                    .filter(|e| {
                        e.file_name()
                            .to_string_lossy()
                            .starts_with(&format!("{name}.corrupt-"))
                    })
                    .any(|e| std::fs::read(e.path()).ok().as_deref() == Some(&bytes[..]));
                assert!(
                    here.as_deref() == Some(&bytes[..]) || aside,
                    "{name} case {i}: warned ({warned}) but the original bytes are gone"
                );
            }
            let _ = std::fs::remove_dir_all(&d);
        }
    }
}
