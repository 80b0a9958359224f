//! `quiz --plain` and `stats` as scripts and screen-reader users run them: scripted
//! answers, seed reproducibility, bad answers, end of input, --due, the JSON fields
//! of stats, and two instances answering at the same time.
use crate::common;
use std::io::Write;
use std::process::Stdio;

use common::*;

fn quiz(data: &std::path::Path, input: &str, args: &[&str]) -> std::process::Output {
    let mut c = cmd(data);
    c.args(["quiz", "--plain", "--lang", "en"]).args(args);
    run_with_input(c, input)
}

fn stats_json(data: &std::path::Path) -> serde_json::Value {
    let o = run(data, &["stats", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("json")
}

#[test]
fn a_scripted_quiz_prints_feedback_and_the_score_and_records_answers() {
    let d = TempDir::new("plain");
    let o = quiz(
        d.path(),
        "1\n1\n1\n",
        &["--topic", "security", "--count", "3", "--seed", "9"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.matches("Question ").count(), 3, "{out}");
    assert!(out.contains("  1) ") && out.contains("  2) "));
    assert_eq!(
        out.lines()
            .filter(|l| *l == "Correct" || *l == "Incorrect")
            .count(),
        3,
        "{out}"
    );
    let score = out
        .lines()
        .find(|l| l.starts_with("Score: "))
        .expect("score line");
    assert!(score.ends_with("/3"), "{score}");
    let s = stats_json(d.path());
    assert_eq!(s["answered"], 3);
    assert_eq!(s["sessions"], 1);
    assert_eq!(s["topics"]["security"]["answered"], 3);
    for k in ["correct", "due_today", "streak_days"] {
        assert!(s[k].is_u64(), "{k}");
    }
    assert!(
        s["topics"]["security"]["mastery"]
            .as_f64()
            .is_some_and(|m| (0.0..=1.0).contains(&m))
    );
    // What was written: the review log and the rebuilt states.
    let p: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(d.path().join("progress.json")).expect("file"),
    )
    .expect("json");
    assert_eq!(p["version"], 1);
    assert_eq!(p["log"].as_array().map(Vec::len), Some(3));
    let first = &p["log"][0];
    for k in [
        "time",
        "question",
        "correct",
        "chosen",
        "mode",
        "duration_ms",
        "lang",
        "session",
    ] {
        assert!(!first[k].is_null(), "log entry lacks {k}: {first}");
    }
    let id = first["question"].as_str().expect("id");
    for k in [
        "stability",
        "difficulty",
        "last_review",
        "due",
        "reps",
        "lapses",
    ] {
        assert!(!p["states"][id][k].is_null(), "state lacks {k}");
    }
}

#[test]
fn the_same_seed_asks_the_same_questions_in_the_same_order() {
    let a = TempDir::new("seed-a");
    let b = TempDir::new("seed-b");
    let x = stdout(&quiz(
        a.path(),
        "2\n2\n2\n2\n",
        &["--count", "4", "--seed", "77"],
    ));
    let y = stdout(&quiz(
        b.path(),
        "2\n2\n2\n2\n",
        &["--count", "4", "--seed", "77"],
    ));
    assert_eq!(x, y);
    let z = stdout(&quiz(
        TempDir::new("seed-c").path(),
        "2\n2\n2\n2\n",
        &["--count", "4", "--seed", "78"],
    ));
    assert_ne!(x, z);
}

#[test]
fn unreadable_answers_are_asked_again() {
    let d = TempDir::new("bad-answers");
    let o = quiz(
        d.path(),
        "abc\n99\n\n0\n1\n",
        &["--topic", "cloudformation", "--count", "1", "--seed", "1"],
    );
    let out = stdout(&o);
    assert!(o.status.success());
    assert!(
        out.contains("is not a number") || out.contains("Choose between"),
        "{out}"
    );
    assert!(
        out.contains("Type or choose an answer first.") || out.contains("Choose between"),
        "{out}"
    );
    assert!(out.contains("Score: "), "{out}");
    assert_eq!(stats_json(d.path())["answered"], 1);
}

#[test]
fn end_of_input_ends_cleanly_with_the_score_so_far() {
    let d = TempDir::new("eof");
    let o = quiz(d.path(), "1\n1\n", &["--count", "5", "--seed", "3"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("Score: ") && out.contains("/2"), "{out}");
    assert!(out.contains("stopped after 2 of 5"), "{out}");
    assert_eq!(stats_json(d.path())["answered"], 2);
}

#[test]
fn due_with_nothing_due_says_so_and_unknown_topics_are_usage_errors() {
    let d = TempDir::new("due");
    let o = quiz(d.path(), "", &["--due"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("Nothing is due"));
    let o = quiz(d.path(), "", &["--topic", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("step-functions"));
}

#[test]
fn two_instances_answering_at_once_both_land() {
    let d = TempDir::new("concurrent");
    let spawn = |seed: &str| {
        let mut c = cmd(d.path());
        c.args([
            "quiz", "--plain", "--lang", "en", "--count", "8", "--seed", seed,
        ]);
        c.stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        c.spawn().expect("spawn")
    };
    let mut a = spawn("1");
    let mut b = spawn("2");
    let (mut ia, mut ib) = (
        a.stdin.take().expect("stdin"),
        b.stdin.take().expect("stdin"),
    );
    // Interleave the answers so both write progress while the other is running.
    for _ in 0..8 {
        ia.write_all(b"1\n").expect("write");
        ib.write_all(b"1\n").expect("write");
        ia.flush().expect("flush");
        ib.flush().expect("flush");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    drop(ia);
    drop(ib);
    assert!(a.wait().expect("a").success());
    assert!(b.wait().expect("b").success());
    let s = stats_json(d.path());
    assert_eq!(s["answered"], 16, "{s}");
    assert_eq!(s["sessions"], 2);
}

#[test]
fn a_corrupt_progress_file_is_moved_aside_by_the_plain_quiz() {
    let d = TempDir::new("corrupt-plain");
    std::fs::write(d.path().join("progress.json"), b"\x00\x01 not json").expect("write");
    let o = quiz(d.path(), "1\n", &["--count", "1", "--seed", "5"]);
    assert!(o.status.success());
    assert!(stderr(&o).contains("moved to"), "{}", stderr(&o));
    assert_eq!(stats_json(d.path())["answered"], 1);
}

#[test]
fn an_unwritable_data_directory_lets_the_quiz_finish() {
    let d = TempDir::new("ro-plain");
    let file = d.path().join("file");
    std::fs::write(&file, "x").expect("write");
    let o = quiz(
        &file.join("sub"),
        "1\n1\n",
        &["--count", "2", "--seed", "5"],
    );
    assert!(o.status.success());
    assert!(stdout(&o).contains("Score: "));
    assert_eq!(
        stderr(&o).matches("progress cannot be saved").count(),
        1,
        "{}",
        stderr(&o)
    );
}

#[test]
fn stats_table_lists_topics_in_tab_order() {
    let d = TempDir::new("stats-table");
    let out = stdout(&run(d.path(), &["stats"]));
    let first_topic = out
        .lines()
        .skip_while(|l| !l.starts_with("Topic"))
        .nth(1)
        .unwrap_or("");
    // Named as the app's tabs name them.
    assert!(first_topic.starts_with("Step Functions"), "{out}");
}

#[test]
fn an_ambiguous_number_is_asked_again() {
    let d = TempDir::new("ambiguous");
    // With this seed the first scenarios question is a numeric one (the RDS line).
    let o = quiz(
        d.path(),
        "1,000\n44.64\n",
        &["--topic", "scenarios", "--count", "1", "--seed", "5"],
    );
    let out = stdout(&o);
    assert!(out.contains("Answer (a number)"), "{out}");
    assert!(out.contains("'1,000' is ambiguous"), "{out}");
    assert!(
        out.contains("Score: 1/1"),
        "the second answer is read: {out}"
    );
}

#[test]
fn stats_show_the_reviews_ahead_in_text_and_json() {
    let d = common::TempDir::new("stats-ahead");
    let o = quiz(d.path(), "1\n1\n", &["--count", "2", "--seed", "3"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let s = stats_json(d.path());
    // Two answers, each due again after today: both within the week.
    let week = s["due_this_week"].as_u64().expect("numeric due_this_week");
    let tomorrow = s["due_tomorrow"].as_u64().expect("numeric due_tomorrow");
    assert!(tomorrow <= week && week <= 2, "{s}");
    let due_today = s["due_today"].as_u64().expect("due_today");
    assert_eq!(due_today + week, 2, "{s}");
    let en = common::stdout(&common::run(d.path(), &["stats"]));
    assert!(
        en.contains(&format!(
            "Reviews ahead: tomorrow {tomorrow} · this week {week}"
        )),
        "{en}"
    );
    let pt = common::stdout(&common::run(d.path(), &["stats", "--lang", "pt-BR"]));
    assert!(
        pt.contains(&format!(
            "Próximas revisões: amanhã {tomorrow} · esta semana {week}"
        )),
        "{pt}"
    );
}

#[test]
fn export_missed_and_results_as_markdown_and_csv_in_both_languages() {
    let d = TempDir::new("export");
    // Nothing answered yet: said, not an empty file.
    let o = run(d.path(), &["quiz", "--export", "missed"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("No missed questions"), "{}", stdout(&o));
    // Three answers, wrong ones among them ("1" is rarely right three times).
    let o = quiz(d.path(), "1\n1\n1\n", &["--count", "3", "--seed", "5"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (p, _) = aws_study::quiz::progress::load(Some(d.path()));
    let missed: Vec<String> = p
        .states
        .iter()
        .filter(|(_, s)| !s.last_correct)
        .map(|(id, _)| id.clone())
        .collect();
    assert!(!missed.is_empty(), "the seed gives at least one miss");
    let lib = aws_study::content::Library::load(None).expect("content");
    let (bank, _) = aws_study::quiz::Bank::load(&lib);
    for (lang, heading, right, why_word) in [
        (
            "en",
            "# Questions to review",
            "- Right answer: ",
            "- Times missed: 1",
        ),
        (
            "pt-BR",
            "# Perguntas para revisar",
            "- Resposta certa: ",
            "- Vezes que errou: 1",
        ),
    ] {
        let o = run(d.path(), &["quiz", "--export", "missed", "--lang", lang]);
        assert!(o.status.success(), "{}", stderr(&o));
        let md = stdout(&o);
        assert!(md.starts_with(heading), "{md}");
        assert_eq!(md.matches(right).count(), missed.len(), "{md}");
        assert!(md.contains(why_word), "{md}");
        for id in &missed {
            let q = &bank.items[bank.index_of(id).expect("in bank")].q;
            let expl = aws_study::content::bank::shown(
                &q.explanation,
                aws_study::lang::Lang::parse(lang).expect("lang"),
            );
            let first_words: String = expl
                .split_whitespace()
                .take(4)
                .collect::<Vec<_>>()
                .join(" ");
            assert!(md.contains(&first_words), "explanation of {id}: {md}");
        }
    }
    let o = run(d.path(), &["quiz", "--export", "missed", "--format", "csv"]);
    let csv = stdout(&o);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "topic,section,id,question,your_last_answer,last_answered,right_answer,times_missed,explanation"
        )
    );
    assert_eq!(lines.count(), missed.len(), "{csv}");
    // Every answer given, in Markdown (a table) and CSV (ISO times, true/false).
    let o = run(
        d.path(),
        &["quiz", "--export", "results", "--lang", "pt-BR"],
    );
    let md = stdout(&o);
    assert!(
        md.contains("| Data | Tópico | Pergunta | Sua resposta | Resultado | Resposta certa |"),
        "{md}"
    );
    assert_eq!(md.matches("✗ errada").count(), missed.len(), "{md}");
    let o = run(
        d.path(),
        &["quiz", "--export", "results", "--format", "csv"],
    );
    let csv = stdout(&o);
    assert!(
        csv.starts_with(
            "time,topic,id,question,your_answer,correct,right_answer,mode,duration_ms\n"
        )
    );
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(
        rows.iter()
            .all(|r| r.len() > 20 && r.as_bytes()[4] == b'-' && r.contains('Z')),
        "{csv}"
    );
    assert_eq!(csv.matches(",false,").count(), missed.len(), "{csv}");
    // --topic narrows; a wrong topic or --format alone is a usage error.
    let o = run(
        d.path(),
        &["quiz", "--export", "results", "--topic", "nope"],
    );
    assert_eq!(o.status.code(), Some(2));
    let o = run(d.path(), &["quiz", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
}
