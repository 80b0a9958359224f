//! Terminal injection ("terminal safety everywhere"): a downloaded content
//! pack, budget file, saved budget, state machine, data directory path, flag or typed
//! answer carrying escape sequences (title, OSC 52 clipboard, clear screen), C1
//! controls or bidi overrides must never reach the terminal raw. Every command is run
//! through the real binary and its stdout and stderr are checked byte by byte; JSON
//! outputs must still parse and give back the original strings.
use crate::common;

use std::path::Path;
use std::process::Output;

use common::{TempDir, cmd, run, run_with_input, stderr, stdout};
use serde_json::Value;

/// Sets the window title, writes the clipboard (OSC 52), clears the screen (CSI and
/// the C1 CSI), opens an OSC with the C1 introducer, and reverses the text after it.
const EVIL: &str = "\u{1b}]0;pwned\u{7}\u{1b}]52;c;aGk=\u{7}\u{1b}[2J\u{9b}2J\u{9d}0;t\u{9c}\u{202e}zyx\u{2066}\u{2028}";

/// The hostile string as it is allowed to appear in a file name (no `/`).
fn evil_name(tag: &str) -> String {
    format!("{tag}{EVIL}")
}

fn forbidden(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && c != '\n' && c != '\t')
        || u == 0x7f
        || (0x80..=0x9f).contains(&u)
        || matches!(
            u,
            0x061c | 0x200e | 0x200f | 0x202a..=0x202e | 0x2066..=0x2069 | 0x2028 | 0x2029
        )
}

/// No byte or character of `bytes` can change the terminal's state or reorder text.
fn assert_safe(bytes: &[u8], what: &str) {
    for (i, b) in bytes.iter().enumerate() {
        assert!(
            *b != 0x1b && *b != 0x07 && *b != 0x9b && *b != 0x9d,
            "{what}: raw byte {b:#04x} at {i}: {:?}",
            String::from_utf8_lossy(bytes)
        );
    }
    let text = String::from_utf8_lossy(bytes);
    for (i, c) in text.char_indices() {
        assert!(
            !forbidden(c),
            "{what}: raw {:?} (U+{:04X}) at byte {i}: {text:?}",
            c,
            c as u32
        );
    }
}

fn assert_output_safe(o: &Output, what: &str) {
    assert_safe(&o.stdout, &format!("{what} (stdout)"));
    assert_safe(&o.stderr, &format!("{what} (stderr)"));
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// A content directory whose note file name (so the topic id), heading and text, and
/// whose quiz bank (topic, question id, section, options, numeric answer and
/// tolerance) are all hostile.
fn hostile_content(root: &Path) {
    let note = format!("# Title {EVIL}\n\n## Part {EVIL}\n\nzebra line {EVIL} end\n");
    for lang in ["en", "pt-BR"] {
        std::fs::create_dir_all(root.join(lang)).expect("mkdir");
        std::fs::write(
            root.join(lang).join(format!("50-{}.md", evil_name("evil"))),
            &note,
        )
        .expect("write note");
    }
    std::fs::create_dir_all(root.join("quiz")).expect("mkdir quiz");
    let topic = evil_name("evil");
    let bank = serde_json::json!({
        "version": 1,
        "topic": topic,
        "questions": [
            {
                "id": evil_name("q1-"),
                "kind": "numeric",
                "section": evil_name("sec"),
                "prompt": { "en": format!("How many {EVIL}?"), "pt-BR": format!("Quantos {EVIL}?") },
                "answer": format!("6{EVIL}"),
                "tolerance": format!("0{EVIL}"),
                "explanation": { "en": format!("Because {EVIL}"), "pt-BR": format!("Porque {EVIL}") }
            },
            {
                "id": evil_name("q2-"),
                "kind": "single",
                "section": evil_name("sec"),
                "prompt": { "en": format!("Pick {EVIL}"), "pt-BR": format!("Escolha {EVIL}") },
                "options": [
                    { "text": { "en": format!("right {EVIL}"), "pt-BR": format!("certa {EVIL}") }, "correct": true,
                      "why": { "en": format!("why {EVIL}"), "pt-BR": format!("porque {EVIL}") } },
                    { "text": { "en": format!("wrong {EVIL}"), "pt-BR": format!("errada {EVIL}") }, "correct": false }
                ],
                "explanation": { "en": format!("Explained {EVIL}"), "pt-BR": format!("Explicado {EVIL}") }
            }
        ]
    });
    std::fs::write(
        root.join("quiz")
            .join(format!("{}.json", evil_name("bank"))),
        serde_json::to_string_pretty(&bank).expect("bank json"),
    )
    .expect("write bank");
}

fn with_content(d: &TempDir, args: &[&str]) -> Output {
    let c = d.path().join("content");
    if !c.exists() {
        hostile_content(&c);
    }
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--content", s(&c)]);
    run(&d.path().join("data"), &all)
}

// ------------------------------------------------------------------ content commands

#[test]
fn topics_escapes_an_id_taken_from_a_file_name() {
    let d = TempDir::new("inj-topics");
    for lang in ["en", "pt-BR"] {
        let o = with_content(&d, &["topics", "--lang", lang]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_output_safe(&o, "topics");
        assert!(stdout(&o).contains("evil^[]0;pwned^G"), "{}", stdout(&o));
        assert!(stdout(&o).contains("<U+202E>"), "{}", stdout(&o));
    }
}

#[test]
fn search_escapes_topic_ids_and_the_echoed_query() {
    let d = TempDir::new("inj-search");
    let o = with_content(&d, &["search", "zebra"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_output_safe(&o, "search");
    assert!(stdout(&o).contains("evil^[]0;pwned^G"), "{}", stdout(&o));

    let query = format!("nothing-like-this {EVIL}");
    for lang in ["en", "pt-BR"] {
        let o = with_content(&d, &["search", &query, "--lang", lang]);
        assert_output_safe(&o, "search with no match");
        assert!(
            stderr(&o).contains("nothing-like-this ^["),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn show_escapes_the_note_and_an_unknown_topic_name() {
    let d = TempDir::new("inj-show");
    let id = evil_name("evil");
    let o = with_content(&d, &["show", &id, "--plain"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_output_safe(&o, "show");
    assert!(stdout(&o).contains("zebra"), "{}", stdout(&o));

    let o = with_content(&d, &["show", &evil_name("missing")]);
    assert_eq!(o.status.code(), Some(2));
    assert_output_safe(&o, "show of an unknown topic");
}

#[test]
fn stats_escapes_topic_ids_in_the_table_and_json() {
    let d = TempDir::new("inj-stats");
    let o = with_content(&d, &["stats"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_output_safe(&o, "stats");
    // The table names the topic by its title, escaped like everything else.
    assert!(stdout(&o).contains("Title ^[]0;pwne"), "{}", stdout(&o));

    let o = with_content(&d, &["stats", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_output_safe(&o, "stats --format json");
    let v: Value = serde_json::from_slice(&o.stdout).expect("stats json parses");
    let topics = v["topics"].as_object().expect("topics");
    assert!(topics.contains_key(&evil_name("evil")), "{topics:?}");
}

#[test]
fn check_escapes_question_ids_sections_answers_tolerances_and_file_names() {
    let d = TempDir::new("inj-check");
    let c = d.path().join(evil_name("content"));
    hostile_content(&c);
    let o = run(&d.path().join("data"), &["check", s(&c)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_output_safe(&o, "check");
    let e = stderr(&o);
    assert!(e.contains("q1-^["), "the question id is named: {e}");
    assert!(e.contains("content^["), "the file is named: {e}");

    // A clean directory with a hostile name: the "ok" line names it.
    let clean = d.path().join(evil_name("clean"));
    common::copy_content(&clean);
    let o = run(&d.path().join("data"), &["check", s(&clean)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_output_safe(&o, "check of a clean directory");
    assert!(stdout(&o).contains("clean^["), "{}", stdout(&o));
}

// ------------------------------------------------------------------ quiz --plain

fn quiz(d: &TempDir, lang: &str, topic: &str, input: &str) -> Output {
    let c_dir = d.path().join("content");
    if !c_dir.exists() {
        hostile_content(&c_dir);
    }
    let mut c = cmd(&d.path().join("data"));
    c.args([
        "quiz",
        "--plain",
        "--lang",
        lang,
        "--topic",
        topic,
        "--seed",
        "1",
        "--content",
    ])
    .arg(&c_dir);
    run_with_input(c, input)
}

#[test]
fn quiz_plain_escapes_the_topic_answers_tolerance_and_the_typed_answer() {
    let d = TempDir::new("inj-quiz");
    // Numeric first: a typed hostile answer (echoed, then "not a number"), then 6.
    let typed = format!("{EVIL}\n6\n{EVIL}\n1\n");
    for lang in ["en", "pt-BR"] {
        let o = quiz(&d, lang, &evil_name("evil"), &typed);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_output_safe(&o, "quiz --plain");
        let text = stdout(&o);
        let score = if lang == "en" {
            "Score:"
        } else {
            "Pontuação:"
        };
        assert!(text.contains(score), "{text}");
        assert!(text.contains("6^["), "the answer is shown escaped: {text}");
    }
    // A topic that names nothing: the error lists the (hostile) topics.
    let o = quiz(&d, "en", &evil_name("nope"), "");
    assert_eq!(o.status.code(), Some(2));
    assert_output_safe(&o, "quiz --plain with an unknown topic");
}

#[test]
fn warnings_escape_file_names_and_the_data_directory() {
    let d = TempDir::new("inj-warn");
    // A bank that does not parse, with a hostile file name: "skipped" warning.
    let c = d.path().join("content");
    std::fs::create_dir_all(c.join("quiz")).expect("mkdir");
    std::fs::write(
        c.join("quiz").join(format!("{}.json", evil_name("broken"))),
        "{ not json",
    )
    .expect("write");
    // A data directory with a hostile path and a corrupt settings file.
    let data = d.path().join(evil_name("data"));
    std::fs::create_dir_all(&data).expect("mkdir data");
    std::fs::write(data.join("settings.json"), "{ corrupt").expect("write settings");
    let o = run(
        &data,
        &["quiz", "--plain", "--count", "1", "--content", s(&c)],
    );
    assert_output_safe(&o, "quiz warnings");
    assert!(stderr(&o).contains("broken^["), "{}", stderr(&o));
    assert!(stderr(&o).contains("data^["), "{}", stderr(&o));
    let o = run(&data, &["stats", "--content", s(&c)]);
    assert_output_safe(&o, "stats warnings");
}

#[test]
fn command_line_errors_escape_the_arguments() {
    let d = TempDir::new("inj-args");
    for args in [
        vec!["--lang", EVIL, "topics"],
        vec!["topics", EVIL],
        vec![EVIL],
        vec!["budget", "--rate", EVIL],
        vec!["budget", "--scenario", EVIL],
    ] {
        let o = run(d.path(), &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert_output_safe(&o, &format!("{args:?}"));
        // clap drops whole ESC sequences from its plain text; the rest is escaped.
        assert!(stderr(&o).contains("<U+009B>"), "{args:?}: {}", stderr(&o));
    }
}

// ------------------------------------------------------------------ budget

fn hostile_budget() -> Value {
    serde_json::json!({
        "version": 1,
        "name": evil_name("Budget "),
        "currency": "USD",
        "lines": [{
            "service": "ec2-t3-medium",
            "label": evil_name("web "),
            "unit": "hour",
            "unit_price": "0.0416",
            "factors": [
                { "label": evil_name("instances "), "value": "1" },
                { "label": "hours", "value": "720" }
            ],
            "free_quantity": "0",
            "included": true
        }]
    })
}

#[test]
fn budget_file_in_every_format_escapes_names_and_labels() {
    let d = TempDir::new("inj-budget");
    let f = d.path().join(format!("{}.json", evil_name("b")));
    std::fs::write(
        &f,
        serde_json::to_string_pretty(&hostile_budget()).expect("json"),
    )
    .expect("write budget");
    for fmt in ["table", "md", "csv"] {
        let o = run(d.path(), &["budget", "--file", s(&f), "--format", fmt]);
        assert!(o.status.success(), "{fmt}: {}", stderr(&o));
        assert_output_safe(&o, &format!("budget --format {fmt}"));
        assert!(stdout(&o).contains("web ^["), "{fmt}: {}", stdout(&o));
    }
    let o = run(d.path(), &["budget", "--file", s(&f), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_output_safe(&o, "budget --format json");
    let v: Value = serde_json::from_slice(&o.stdout).expect("budget json parses");
    assert_eq!(v["name"], Value::String(evil_name("Budget ")));
    assert_eq!(v["lines"][0]["label"], Value::String(evil_name("web ")));
    assert_eq!(
        v["lines"][0]["factors"][0]["label"],
        Value::String(evil_name("instances "))
    );
    let text = stdout(&o);
    assert!(
        text.contains("\\u009b") || text.contains("\\u009B"),
        "{text}"
    );
    assert!(
        text.contains("\\u202e") || text.contains("\\u202E"),
        "{text}"
    );

    // A budget file that fails: the error names the (hostile) file.
    let bad = d.path().join(format!("{}.json", evil_name("bad")));
    std::fs::write(&bad, "{ \"version\": 1 }").expect("write");
    let o = run(d.path(), &["budget", "--file", s(&bad)]);
    assert_eq!(o.status.code(), Some(1));
    assert_output_safe(&o, "budget --file with an error");
}

#[test]
fn budget_list_escapes_saved_names() {
    let d = TempDir::new("inj-list");
    let budgets = d.path().join("budgets");
    std::fs::create_dir_all(&budgets).expect("mkdir");
    let text = serde_json::to_string_pretty(&hostile_budget()).expect("json");
    // A saved file whose own name is hostile, and a plain file name whose budget name is.
    std::fs::write(budgets.join(format!("{}.json", evil_name("saved"))), &text).expect("w");
    std::fs::write(budgets.join("plain.json"), &text).expect("w");
    for lang in ["en", "pt-BR"] {
        let o = run(d.path(), &["budget", "--list", "--lang", lang]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_output_safe(&o, "budget --list");
        assert!(stdout(&o).contains("saved^["), "{}", stdout(&o));
        assert!(stdout(&o).contains("Budget ^["), "{}", stdout(&o));
    }
}

// ------------------------------------------------------------------ sfn

fn hostile_machine(dir: &Path) -> String {
    let a = evil_name("Start");
    let b = evil_name("Done");
    let def = serde_json::json!({
        "Comment": EVIL,
        "StartAt": a,
        "States": {
            a.clone(): { "Type": "Pass", "Result": { "note": EVIL }, "Next": b },
            b.clone(): { "Type": "Succeed" }
        }
    });
    let p = dir.join(format!("{}.asl.json", evil_name("m")));
    std::fs::write(&p, serde_json::to_string_pretty(&def).expect("json")).expect("write");
    p.to_str().expect("utf-8").to_string()
}

#[test]
fn sfn_check_graph_and_run_escape_state_names() {
    let d = TempDir::new("inj-sfn");
    let m = hostile_machine(d.path());
    // `check` names the file, `run` the states (escaped); the drawing shows each
    // control as one `?` so the boxes stay aligned.
    for (args, shown) in [
        (vec!["sfn", "check", m.as_str()], "m^[]0;pwned^G"),
        (
            vec!["sfn", "graph", m.as_str(), "--width", "60"],
            "Start?]0;pwned??]52;c;aGk=??[2J?2J?0;t??zyx??",
        ),
        (vec!["sfn", "run", m.as_str()], "Start^[]0;pwned^G"),
    ] {
        let o = run(d.path(), &args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert_output_safe(&o, &format!("{args:?}"));
        assert!(stdout(&o).contains(shown), "{args:?}: {}", stdout(&o));
    }
    let o = run(d.path(), &["sfn", "run", m.as_str(), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_output_safe(&o, "sfn run --format json");
    let v: Value = serde_json::from_slice(&o.stdout).expect("run json parses");
    assert_eq!(v["output"]["note"], Value::String(EVIL.to_string()));
    assert!(stdout(&o).contains(&"\\u202e".to_string()) || stdout(&o).contains("\\u202E"));

    // An invalid machine: findings name the states.
    let bad = d.path().join("bad.asl.json");
    let def = serde_json::json!({
        "StartAt": evil_name("Nowhere"),
        "States": { evil_name("Lonely"): { "Type": "Pass", "Next": evil_name("Gone") } }
    });
    std::fs::write(&bad, def.to_string()).expect("write");
    for args in [
        vec!["sfn", "check", s(&bad)],
        vec!["sfn", "graph", s(&bad)],
        vec!["sfn", "run", s(&bad)],
        vec!["sfn", "run", &evil_name("no-such-file")],
    ] {
        let o = run(d.path(), &args);
        assert_output_safe(&o, &format!("{args:?}"));
    }
}

#[test]
fn the_escaping_leaves_plain_text_alone() {
    // Accents, CJK, emoji, tabs and newlines are text, not controls.
    let d = TempDir::new("inj-plain");
    let c = d.path().join("content");
    common::user_content(
        &c,
        "50-acao.md",
        "# Ação 漢字 🦀\n\nzebra\ttab\n",
        "# Ação 漢字 🦀\n\nzebra\ttab\n",
    );
    let o = run(d.path(), &["topics", "--content", s(&c)]);
    assert!(
        stdout(&o).contains("acao\tAção 漢字 🦀\n"),
        "{}",
        stdout(&o)
    );
}

// ------------------------------------------------------------------ show, styled

/// `show` on a terminal is the one output that keeps escapes of its own (SGR
/// colours): run it in a pseudo-terminal and check that every escape in the raw bytes
/// is one of ours (`ESC [ digits ; m`) and nothing else from the note got through.
#[test]
fn styled_show_on_a_terminal_writes_only_its_own_colour_escapes() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;

    let d = TempDir::new("inj-pty");
    let c = d.path().join("content");
    hostile_content(&c);
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let mut cmd = CommandBuilder::new(common::BIN);
    cmd.args(["show", &evil_name("evil"), "--content", s(&c)]);
    cmd.env("AWS_STUDY_DATA_DIR", d.path().join("data"));
    cmd.env("LANG", "C.UTF-8");
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    let mut child = pair.slave.spawn_command(cmd).expect("spawn aws-study");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let reading = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let mut buf = [0u8; 8192];
        // The read fails (EIO) or returns 0 once the child has exited.
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            bytes.extend_from_slice(&buf[..n]);
        }
        bytes
    });
    let status = child.wait().expect("wait");
    drop(pair.master);
    let bytes = reading.join().expect("reader thread");
    assert!(status.success(), "{}", String::from_utf8_lossy(&bytes));
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("\u{1b}[1;35m"), "styled: {text:?}");
    // Remove our SGR sequences and the terminal's CR of each line break.
    let mut rest = String::new();
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            let mut sgr = String::new();
            while let Some(&n) = chars.peek() {
                chars.next();
                if n == 'm' {
                    break;
                }
                sgr.push(n);
            }
            assert!(
                sgr.chars().all(|c| c.is_ascii_digit() || c == ';'),
                "an escape that is not our SGR: ESC [{sgr} in {text:?}"
            );
        } else if ch != '\r' {
            rest.push(ch);
        }
    }
    assert_safe(rest.as_bytes(), "styled show");
    assert!(rest.contains("zebra line ^[]0;pwned^G"), "{rest}");
}
