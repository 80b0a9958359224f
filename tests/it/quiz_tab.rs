//! The Quiz tab as a learner uses it: the menu, questions, feedback, the re-ask of a
//! missed question, jumping to the note and back, quizzing a section, the exam
//! (flags, keep for later, resume, submit, time limit), results, progress, and the
//! data-safety cases (corrupt file, unwritable directory).
use crate::common;

use aws_study::content::bank::Kind;
use aws_study::lang::Lang;
use aws_study::tui::app::App;
use aws_study::tui::quiz_tab::Screen;
use common::{press, typed};
use crossterm::event::KeyCode;

/// The app with a seeded quiz and a fixed clock.
fn app(lang: Lang, data: Option<&std::path::Path>) -> App {
    let mut a = common::app_with(lang, data);
    a.quiz.seed(42);
    // Noon UTC on a fixed day: "due today" and the history never straddle midnight.
    a.quiz.clock = Some(1_800_000_000 - 1_800_000_000 % 86_400 + 12 * 3600);
    a
}

/// The screen with the session clock masked (the only thing that varies between runs).
fn screen(a: &mut App, w: u16, h: u16) -> String {
    let s = common::screen(a, w, h);
    let mut out = String::new();
    for line in s.lines() {
        let mut l = line.to_string();
        for key in ["time ", "tempo "] {
            if let Some(i) = l.find(key) {
                let rest: String = l[i + key.len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == ':')
                    .collect();
                if !rest.is_empty() {
                    l = l.replacen(&format!("{key}{rest}"), &format!("{key}{}", "M:SS"), 1);
                }
            }
        }
        out.push_str(&l);
        out.push('\n');
    }
    out
}

/// The current question and whether it expects options or a number.
fn current(a: &App) -> (usize, Vec<usize>, Kind) {
    let Screen::Question(run) = &a.quiz.screen else {
        panic!("not on a question: {:?}", a.quiz.screen)
    };
    let slot = &run.slots[run.pos];
    (
        slot.item,
        slot.order.clone(),
        a.quiz.bank.items[slot.item].q.kind,
    )
}

/// Answers the current practice question right or wrong through the keys.
fn answer(a: &mut App, right: bool) {
    let (item, order, kind) = current(a);
    let q = a.quiz.bank.items[item].q.clone();
    if kind == Kind::Numeric {
        let v = if right {
            q.answer.clone().unwrap_or_default()
        } else {
            "987654321".into()
        };
        typed(a, &v);
    } else {
        let want: Vec<usize> = (0..order.len())
            .filter(|&k| q.options[order[k]].correct == right)
            .collect();
        let picks: Vec<usize> = if kind == Kind::Multiple && right {
            want
        } else {
            want.into_iter().take(1).collect()
        };
        for k in picks {
            press(a, KeyCode::Char(char::from(b'1' + k as u8)));
        }
    }
    press(a, KeyCode::Enter);
}

#[test]
fn quiz_screens_in_both_languages() {
    for lang in [Lang::En, Lang::PtBr] {
        let code = lang.code();
        let mut a = app(lang, None);
        press(&mut a, KeyCode::Char('9'));
        for (w, h) in [(80, 24), (120, 40)] {
            insta::assert_snapshot!(format!("quiz_menu_{code}_{w}x{h}"), screen(&mut a, w, h));
        }
        press(&mut a, KeyCode::Enter);
        insta::assert_snapshot!(
            format!("quiz_question_{code}_100x30"),
            screen(&mut a, 100, 30)
        );
        answer(&mut a, false);
        insta::assert_snapshot!(
            format!("quiz_feedback_wrong_{code}_100x30"),
            screen(&mut a, 100, 30)
        );
        press(&mut a, KeyCode::Enter);
        answer(&mut a, true);
        insta::assert_snapshot!(
            format!("quiz_feedback_right_{code}_100x30"),
            screen(&mut a, 100, 30)
        );
        press(&mut a, KeyCode::Esc);
        insta::assert_snapshot!(
            format!("quiz_results_{code}_100x30"),
            screen(&mut a, 100, 30)
        );
        press(&mut a, KeyCode::Esc);
        for _ in 0..5 {
            press(&mut a, KeyCode::Down);
        }
        press(&mut a, KeyCode::Enter);
        insta::assert_snapshot!(
            format!("quiz_progress_{code}_100x30"),
            screen(&mut a, 100, 30)
        );
    }
}

#[test]
fn enter_starts_practice_and_a_missed_question_comes_back_once() {
    let d = common::TempDir::new("quiz-practice");
    let mut a = app(Lang::En, Some(d.path()));
    press(&mut a, KeyCode::Char('9'));
    press(&mut a, KeyCode::Enter);
    let (first, _, _) = current(&a);
    let prompt = a.quiz.bank.items[first].q.prompt["en"].clone();
    assert!(screen(&mut a, 100, 30).contains(&prompt[..30.min(prompt.len())]));
    answer(&mut a, false);
    let s = screen(&mut a, 100, 30);
    assert!(
        s.contains("Incorrect") && s.contains("comes back once"),
        "{s}"
    );
    let Screen::Question(run) = &a.quiz.screen else {
        panic!()
    };
    assert_eq!(run.slots.len(), 11);
    assert!(run.slots[10].reask && run.slots[10].item == first);
    // Answer the rest right; the re-asked one is the last.
    for _ in 0..10 {
        press(&mut a, KeyCode::Enter);
        answer(&mut a, true);
    }
    let Screen::Question(run) = &a.quiz.screen else {
        panic!()
    };
    assert_eq!(run.pos, 10);
    assert_eq!(
        run.slots.len(),
        11,
        "a re-asked question is not asked a third time"
    );
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a, 100, 30);
    assert!(
        s.contains("Session results") && s.contains("First try 9/10 · asked again 1/1"),
        "{s}"
    );
    // In a shorter window the list of answers does not fit: the hint row says how
    // many are below, and once moved down, how many are above.
    let s = screen(&mut a, 80, 18);
    let hints = s
        .lines()
        .rev()
        .find(|l| l.contains("Esc menu"))
        .unwrap_or("");
    assert!(
        hints.contains("▼ ") && hints.contains(" more · Enter"),
        "{s}"
    );
    for _ in 0..10 {
        press(&mut a, KeyCode::Char('j'));
    }
    let s = screen(&mut a, 80, 18);
    let hints = s
        .lines()
        .rev()
        .find(|l| l.contains("Esc menu"))
        .unwrap_or("");
    assert!(hints.contains("▲ ") && !hints.contains("more"), "{s}");
    // Every answer is in the log on disk, the wrong one scheduled sooner.
    let (p, w) = aws_study::quiz::progress::load(Some(d.path()));
    assert!(w.is_none());
    assert_eq!(p.log.len(), 11);
    let st = &p.states[&a.quiz.bank.items[first].q.id];
    assert_eq!((st.reps, st.last_correct), (2, true));
}

#[test]
fn g_opens_the_linked_section_and_backspace_returns() {
    let mut a = app(Lang::En, None);
    press(&mut a, KeyCode::Char('9'));
    press(&mut a, KeyCode::Enter);
    let (item, _, _) = current(&a);
    let (topic, section) = {
        let it = &a.quiz.bank.items[item];
        (it.topic.clone(), it.q.section.clone())
    };
    answer(&mut a, true);
    press(&mut a, KeyCode::Char('g'));
    assert!(!a.on_quiz());
    assert_eq!(a.library.topics[a.note_index()].id, topic);
    let lay = a.current_layout();
    let anchor = lay
        .anchors
        .iter()
        .find(|x| x.id.as_deref() == Some(section.as_str()))
        .expect("section");
    let s = screen(&mut a, 100, 30);
    assert!(
        s.contains(&anchor.text),
        "the section heading is on screen: {s}"
    );
    assert!(s.contains("Backspace"));
    press(&mut a, KeyCode::Backspace);
    assert!(a.on_quiz());
    assert!(
        matches!(&a.quiz.screen, Screen::Question(r) if r.feedback.is_some()),
        "back where it was"
    );
}

#[test]
fn q_in_a_note_quizzes_that_section() {
    let mut a = app(Lang::En, None);
    press(&mut a, KeyCode::Char('3'));
    screen(&mut a, 100, 30);
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "Security groups vs network ACLs");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('Q'));
    assert!(a.on_quiz());
    let Screen::Question(run) = &a.quiz.screen else {
        panic!("{:?}", a.quiz.screen)
    };
    for s in &run.slots {
        assert_eq!(
            a.quiz.bank.items[s.item].q.section,
            "security-groups-vs-nacls"
        );
    }
}

#[test]
fn the_exam_flags_keeps_for_later_resumes_and_grades_at_submit() {
    let d = common::TempDir::new("quiz-exam");
    let mut a = app(Lang::En, Some(d.path()));
    press(&mut a, KeyCode::Char('9'));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter); // exam setup
    for _ in 0..3 {
        press(&mut a, KeyCode::Left);
    }
    let s = screen(&mut a, 100, 30);
    assert!(s.contains("Questions: 5"), "{s}");
    press(&mut a, KeyCode::Enter);
    answer(&mut a, true);
    answer(&mut a, false);
    press(&mut a, KeyCode::Char('f'));
    let s = screen(&mut a, 100, 30);
    assert!(s.contains("⚑ flagged") && s.contains("2 answered"), "{s}");
    assert!(
        !s.contains("Correct") && !s.contains("Incorrect"),
        "no feedback during an exam"
    );
    press(&mut a, KeyCode::Esc);
    assert!(d.path().join("exam.json").exists());
    // A new session resumes it.
    let mut b = app(Lang::En, Some(d.path()));
    press(&mut b, KeyCode::Char('9'));
    assert!(screen(&mut b, 100, 30).contains("Resume the exam"));
    press(&mut b, KeyCode::Enter);
    let Screen::Question(run) = &b.quiz.screen else {
        panic!()
    };
    assert_eq!(run.slots.iter().filter(|s| s.chosen.is_some()).count(), 2);
    assert!(run.slots[2].flagged);
    press(&mut b, KeyCode::Char('S'));
    assert!(screen(&mut b, 100, 30).contains("3 unanswered: press S again"));
    press(&mut b, KeyCode::Char('S'));
    let s = screen(&mut b, 100, 30);
    assert!(
        s.contains("Exam results") && s.contains("Score 1/5") && s.contains("⚑"),
        "{s}"
    );
    assert!(!d.path().join("exam.json").exists());
    let (p, _) = aws_study::quiz::progress::load(Some(d.path()));
    // Two answered: logged and scheduled. Three skipped: wrong in the score only.
    assert_eq!(p.log.iter().filter(|r| r.mode == "exam").count(), 2);
}

#[test]
fn an_exam_with_a_time_limit_submits_itself_when_time_is_up() {
    let mut a = app(Lang::PtBr, None);
    press(&mut a, KeyCode::Char('9'));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('t')); // 10 min
    press(&mut a, KeyCode::Enter);
    assert!(a.quiz.ticking());
    assert!(screen(&mut a, 100, 30).contains("⏱ 10:00"));
    // The clock reaches the app as an action, like a key, through the one update.
    a.update(aws_study::tui::action::Action::Tick(60));
    let s = screen(&mut a, 100, 30);
    assert!(s.contains("⏱ 9:00"), "{s}");
    a.warn("aviso de teste");
    a.update(aws_study::tui::action::Action::Tick(1));
    assert!(
        a.message
            .as_ref()
            .is_some_and(|m| m.text(Lang::PtBr) == "aviso de teste"),
        "a tick does not clear the status line"
    );
    a.message = None; // a key was pressed meanwhile
    a.update(aws_study::tui::action::Action::Tick(600));
    let s = screen(&mut a, 100, 30);
    assert!(
        s.contains("Resultado da prova") && s.contains("o tempo acabou"),
        "{s}"
    );
    assert!(!a.quiz.ticking());
    // The results themselves say so, after the status line has moved on.
    a.message = None;
    let s = screen(&mut a, 100, 30);
    assert!(s.contains("Resultado da prova — o tempo acabou"), "{s}");
}

#[test]
fn a_corrupt_progress_file_is_moved_aside_and_the_quiz_still_runs() {
    let d = common::TempDir::new("quiz-corrupt");
    std::fs::write(
        d.path().join("progress.json"),
        "{\"version\": 1, \"log\": [oops",
    )
    .expect("write");
    let mut a = app(Lang::En, Some(d.path()));
    let s = screen(&mut a, 120, 30);
    assert!(s.contains("unreadable progress"), "{s}");
    let m = a.message.clone().expect("a visible warning");
    assert!(
        m.is_warning() && m.text(Lang::En).contains("moved to"),
        "{m:?}"
    );
    let moved: Vec<String> = std::fs::read_dir(d.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("progress.json.corrupt-"))
        .collect();
    assert_eq!(moved.len(), 1);
    assert_eq!(
        std::fs::read_to_string(d.path().join(&moved[0])).expect("read"),
        "{\"version\": 1, \"log\": [oops"
    );
    press(&mut a, KeyCode::Char('9'));
    press(&mut a, KeyCode::Enter);
    answer(&mut a, true);
    let (p, _) = aws_study::quiz::progress::load(Some(d.path()));
    assert_eq!(p.log.len(), 1);
}

#[test]
fn an_unwritable_data_directory_lets_the_quiz_run_and_warns_once() {
    let d = common::TempDir::new("quiz-ro");
    let file = d.path().join("a-file");
    std::fs::write(&file, "x").expect("write");
    let mut a = app(Lang::En, Some(&file.join("sub")));
    press(&mut a, KeyCode::Char('9'));
    press(&mut a, KeyCode::Enter);
    answer(&mut a, true);
    let s = screen(&mut a, 120, 30);
    let last = s.lines().last().unwrap_or("").to_string();
    assert!(
        last.contains("without saving") || last.contains("cannot"),
        "{last}"
    );
    press(&mut a, KeyCode::Enter);
    answer(&mut a, true);
    assert!(a.message.is_none(), "warned once");
    assert!(matches!(&a.quiz.screen, Screen::Question(r) if r.results.len() == 2));
}

#[test]
fn every_quiz_key_at_every_size_never_panics() {
    let mut a = app(Lang::En, None);
    press(&mut a, KeyCode::Char('9'));
    let keys = [
        KeyCode::Enter,
        KeyCode::Char('1'),
        KeyCode::Char(' '),
        KeyCode::Down,
        KeyCode::Enter,
        KeyCode::Char('g'),
        KeyCode::Backspace,
        KeyCode::Esc,
        KeyCode::Down,
        KeyCode::Down,
        KeyCode::Enter,
        KeyCode::Char('t'),
        KeyCode::Enter,
        KeyCode::Char('f'),
        KeyCode::Right,
        KeyCode::Char('F'),
        KeyCode::Left,
        KeyCode::Char('S'),
        KeyCode::Char('S'),
        KeyCode::Enter,
        KeyCode::Char('g'),
        KeyCode::Char('9'),
        KeyCode::Esc,
        KeyCode::Esc,
    ];
    for (w, h) in [(1, 1), (20, 5), (40, 12), (80, 24), (200, 60)] {
        for k in keys {
            press(&mut a, k);
            screen(&mut a, w, h);
        }
    }
}

#[test]
fn q_in_a_number_answer_does_not_quit_and_time_set_aside_does_not_count() {
    let mut a = app(Lang::En, None);
    // Find a numeric question via the scenarios section quiz.
    let scn = a
        .quiz
        .bank
        .items
        .iter()
        .position(|i| i.q.kind == Kind::Numeric)
        .expect("numeric");
    let (topic, section) = (
        a.quiz.bank.items[scn].topic.clone(),
        a.quiz.bank.items[scn].q.section.clone(),
    );
    assert!(a.quiz.start_section(&topic, &section, Lang::En));
    a.open_quiz_tab();
    while current(&a).2 != Kind::Numeric {
        answer(&mut a, true);
        press(&mut a, KeyCode::Enter);
    }
    press(&mut a, KeyCode::Char('q'));
    assert!(!a.quit, "q is typed into the number field, not a quit");
    assert!(screen(&mut a, 100, 30).contains("type a number"));
    // Ctrl-U clears this field as it clears every field.
    common::typed(&mut a, "12,5");
    let typed = |a: &App| match &a.quiz.screen {
        Screen::Question(run) => run.typed.clone(),
        _ => String::new(),
    };
    assert_eq!(typed(&a), "12,5");
    common::clear_field_keys(&mut a);
    assert_eq!(typed(&a), "", "Ctrl-U cleared the number");
    // Exam time counts only the time spent on it.
    let d = common::TempDir::new("quiz-exam-time");
    let mut b = app(Lang::En, Some(d.path()));
    let t0 = b.quiz.clock.expect("fixed clock");
    press(&mut b, KeyCode::Char('9'));
    press(&mut b, KeyCode::Down);
    press(&mut b, KeyCode::Down);
    press(&mut b, KeyCode::Enter);
    press(&mut b, KeyCode::Enter);
    b.quiz.clock = Some(t0 + 20);
    b.quiz.persist_exam();
    press(&mut b, KeyCode::Esc); // set aside
    b.quiz.clock = Some(t0 + 1000);
    press(&mut b, KeyCode::Enter); // resume (first menu entry)
    b.quiz.clock = Some(t0 + 1030);
    press(&mut b, KeyCode::Char('S'));
    press(&mut b, KeyCode::Char('S'));
    let Screen::Results(s) = &b.quiz.screen else {
        panic!("{:?}", b.quiz.screen)
    };
    assert_eq!(s.seconds, 50, "20 s before, 30 s after, not the 980 s away");
}

#[test]
fn a_corrupt_unfinished_exam_is_moved_aside_with_a_warning() {
    let d = common::TempDir::new("quiz-exam-corrupt");
    std::fs::write(d.path().join("exam.json"), "{").expect("write");
    let a = app(Lang::En, Some(d.path()));
    let m = a.message.clone().expect("warning");
    assert!(
        m.is_warning() && m.text(Lang::En).contains("cannot be resumed"),
        "{m:?}"
    );
    assert!(!d.path().join("exam.json").exists());
}

#[test]
fn enter_with_nothing_chosen_asks_for_a_choice_instead_of_answering() {
    let d = common::TempDir::new("quiz-no-choice");
    let mut a = app(Lang::En, Some(d.path()));
    press(&mut a, KeyCode::Char('9'));
    press(&mut a, KeyCode::Enter);
    // Skip to a question with options to pick one of (not numeric, not multiple).
    for _ in 0..20 {
        let (item, _, _) = current(&a);
        let kind = a.quiz.bank.items[item].q.kind;
        if kind != aws_study::content::bank::Kind::Numeric
            && kind != aws_study::content::bank::Kind::Multiple
        {
            break;
        }
        answer(&mut a, true);
        press(&mut a, KeyCode::Enter);
    }
    let (item, _, _) = current(&a);
    let n = a.quiz.bank.items[item].q.options.len();
    let Screen::Question(before) = &a.quiz.screen else {
        panic!()
    };
    let answered = before.results.len();
    press(&mut a, KeyCode::Enter);
    let s = screen(&mut a, 100, 30);
    assert!(s.contains("choose an option"), "{s}");
    let Screen::Question(run) = &a.quiz.screen else {
        panic!()
    };
    assert_eq!(run.results.len(), answered, "nothing recorded");
    press(&mut a, KeyCode::Char('9'));
    assert!(screen(&mut a, 100, 30).contains(&format!("choose between 1 and {n}")));
    // Moving the cursor, then Enter, answers with the option under it.
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    let Screen::Question(run) = &a.quiz.screen else {
        panic!()
    };
    assert_eq!(run.results.len(), answered + 1);
}

/// The app on the bundled content plus `dir` (a user content folder), seeded, with
/// the fixed clock.
fn app_with_content(lang: Lang, dir: &std::path::Path) -> App {
    let lib = aws_study::content::Library::load(Some(dir)).expect("content");
    let settings = aws_study::store::settings::Settings {
        version: 1,
        ..Default::default()
    };
    let mut a = App::new(
        lib,
        lang,
        settings,
        None,
        aws_study::tui::theme::Theme::new(false),
    );
    a.quiz.seed(42);
    a.quiz.clock = Some(1_800_000_000 - 1_800_000_000 % 86_400 + 12 * 3600);
    a
}

/// A note "zz" with one section `s`, `filler` paragraphs before it and `text`
/// after, and one multiple-answer question on it with five long options and a long
/// explanation that ends in END-OF-EXPLANATION.
fn long_question_content(dir: &std::path::Path, filler: usize, text: usize) {
    let long = vec!["word"; 60].join(" ");
    for lang in ["en", "pt-BR"] {
        let mut note = String::from("# Zz\n\n");
        for i in 1..=filler {
            note.push_str(&format!("filler {i}\n\n"));
        }
        note.push_str("## S {#s}\n\n");
        for i in 1..=text {
            note.push_str(&format!("text {i}\n\n"));
        }
        std::fs::create_dir_all(dir.join(lang)).expect("mkdir");
        std::fs::write(dir.join(lang).join("99-zz.md"), note).expect("note");
    }
    let opts: Vec<serde_json::Value> = (0..5)
        .map(|i| {
            serde_json::json!({
                "text": {"en": format!("option {i} {long}"), "pt-BR": format!("opção {i} {long}")},
                "correct": i < 2,
                "why": {"en": long, "pt-BR": long},
            })
        })
        .collect();
    let q = serde_json::json!({
        "id": "zz-001", "kind": "multiple", "section": "s",
        "prompt": {"en": format!("Pick {long}"), "pt-BR": format!("Escolha {long}")},
        "options": opts,
        "explanation": {"en": format!("{long} END-OF-EXPLANATION"), "pt-BR": format!("{long} END-OF-EXPLANATION")},
    });
    std::fs::create_dir_all(dir.join("quiz")).expect("mkdir");
    std::fs::write(
        dir.join("quiz").join("zz.json"),
        serde_json::json!({"version": 1, "topic": "zz", "questions": [q]}).to_string(),
    )
    .expect("bank");
}

/// The last two rows of the quiz body (above the status line) at height `h`: where
/// the key hints are.
fn hint_row(s: &str, h: usize) -> String {
    let rows: Vec<&str> = s.lines().collect();
    format!("{}\n{}", rows[h - 3], rows[h - 2])
}

#[test]
fn long_feedback_scrolls_to_its_end_at_80x24_and_the_hints_stay() {
    for lang in [Lang::En, Lang::PtBr] {
        let d = common::TempDir::new("quiz-long");
        long_question_content(d.path(), 40, 40);
        let mut a = app_with_content(lang, d.path());
        press(&mut a, KeyCode::Char('8'));
        screen(&mut a, 80, 24);
        press(&mut a, KeyCode::Char(']'));
        screen(&mut a, 80, 24);
        press(&mut a, KeyCode::Char('Q'));
        assert!(
            a.on_quiz(),
            "{:?}",
            a.message.as_ref().map(|m| m.text(lang))
        );
        let s = screen(&mut a, 80, 24);
        // While answering, the hints and the way to scroll show too.
        assert!(hint_row(&s, 24).contains("k PgDn"), "{s}");
        press(&mut a, KeyCode::Char('1'));
        press(&mut a, KeyCode::Char('2'));
        press(&mut a, KeyCode::Enter);
        let mut found = None;
        for i in 0..=30 {
            let s = screen(&mut a, 80, 24);
            let hints = hint_row(&s, 24);
            assert!(
                hints.contains("Enter") && hints.contains("Esc"),
                "hints lost after {i} j: {s}"
            );
            if s.contains("END-OF-EXPLANATION") {
                found = Some(i);
                break;
            }
            press(&mut a, KeyCode::Char('j'));
        }
        assert!(found.is_some(), "END-OF-EXPLANATION never shown ({lang:?})");
        // The rest of the feedback (every option's reason) is reached too, and the
        // hint says how much is left and then that it is the end.
        let first = screen(&mut a, 80, 24);
        assert!(
            hint_row(&first, 24).contains(if lang == Lang::En { "▼" } else { "▼ mais" }),
            "{first}"
        );
        press(&mut a, KeyCode::End);
        let end = screen(&mut a, 80, 24);
        assert!(end.contains("option 4") || end.contains("opção 4") || end.contains("4)"));
        assert!(hint_row(&end, 24).contains("▲"), "{end}");
        insta::assert_snapshot!(format!("quiz_long_feedback_end_{}_80x24", lang.code()), end);
        press(&mut a, KeyCode::PageUp);
        press(&mut a, KeyCode::Home);
        let top = screen(&mut a, 80, 24);
        assert!(top.contains("Pick") || top.contains("Escolha"), "{top}");
        insta::assert_snapshot!(format!("quiz_long_feedback_top_{}_80x24", lang.code()), top);
        insta::assert_snapshot!(
            format!("quiz_long_feedback_top_{}_120x40", lang.code()),
            screen(&mut a, 120, 40)
        );
    }
}

#[test]
fn moving_the_cursor_keeps_its_option_in_view_at_80x24() {
    let d = common::TempDir::new("quiz-cursor");
    long_question_content(d.path(), 2, 2);
    let mut a = app_with_content(Lang::En, d.path());
    press(&mut a, KeyCode::Char('8'));
    screen(&mut a, 80, 24);
    press(&mut a, KeyCode::Char('Q'));
    assert!(a.on_quiz());
    for _ in 0..4 {
        press(&mut a, KeyCode::Down);
        screen(&mut a, 80, 24);
    }
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("[ ] 5) op"), "the fifth option is in view: {s}");
    // j scrolls back up without the cursor pulling the view back.
    for _ in 0..40 {
        press(&mut a, KeyCode::Char('k'));
    }
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("Pick word"), "{s}");
}

#[test]
fn q_in_a_short_note_quizzes_its_section_and_backspace_goes_back_to_it() {
    for lang in [Lang::En, Lang::PtBr] {
        let d = common::TempDir::new("quiz-short-note");
        long_question_content(d.path(), 2, 2);
        let mut a = app_with_content(lang, d.path());
        press(&mut a, KeyCode::Char('8'));
        screen(&mut a, 80, 24);
        let note = a.tab;
        // The whole note fits: its section never reaches the top of the window.
        press(&mut a, KeyCode::Char('Q'));
        assert!(
            a.on_quiz(),
            "{:?}",
            a.message.as_ref().map(|m| m.text(lang))
        );
        press(&mut a, KeyCode::Backspace);
        assert_eq!(a.tab, note, "Backspace goes back to the note");
        // And from the note, Backspace goes back to the quiz where it was.
        press(&mut a, KeyCode::Backspace);
        assert!(a.on_quiz());
        assert!(matches!(&a.quiz.screen, Screen::Question(r) if r.feedback.is_none()));
        // After feedback too.
        press(&mut a, KeyCode::Char('1'));
        press(&mut a, KeyCode::Enter);
        press(&mut a, KeyCode::Backspace);
        assert_eq!(a.tab, note);
    }
    // Without a note to go back to, Backspace says what it is for.
    let mut a = app(Lang::PtBr, None);
    press(&mut a, KeyCode::Char('9'));
    press(&mut a, KeyCode::Backspace);
    assert!(a.on_quiz());
    assert!(
        a.message
            .as_ref()
            .is_some_and(|m| m.text(Lang::PtBr).contains("volta à nota")),
        "{:?}",
        a.message
    );
}

#[test]
fn esc_before_the_first_answer_ends_without_a_score() {
    for lang in [Lang::En, Lang::PtBr] {
        let mut a = app(lang, None);
        press(&mut a, KeyCode::Char('9'));
        press(&mut a, KeyCode::Enter);
        press(&mut a, KeyCode::Esc);
        assert!(
            matches!(a.quiz.screen, Screen::Menu { .. }),
            "{:?}",
            a.quiz.screen
        );
        let s = screen(&mut a, 80, 24);
        assert!(!s.contains("0/0"), "{s}");
        assert!(
            s.contains("nothing was answered") || s.contains("nada foi respondido"),
            "{s}"
        );
    }
    // An exam with nothing answered is kept, and says so.
    let mut a = app(Lang::En, None);
    press(&mut a, KeyCode::Char('9'));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Esc);
    let s = screen(&mut a, 80, 24);
    assert!(s.contains("nothing answered yet"), "{s}");
}

#[test]
fn the_exam_review_marks_your_choice_tells_unanswered_and_shows_the_whole_question() {
    for lang in [Lang::En, Lang::PtBr] {
        let code = lang.code();
        let mut a = app(lang, None);
        press(&mut a, KeyCode::Char('9'));
        press(&mut a, KeyCode::Down);
        press(&mut a, KeyCode::Down);
        press(&mut a, KeyCode::Enter);
        for _ in 0..3 {
            press(&mut a, KeyCode::Left);
        }
        press(&mut a, KeyCode::Enter);
        // A single-answer question answered wrong, then nothing more.
        while current(&a).2 != Kind::Single {
            press(&mut a, KeyCode::Right);
        }
        let (item, _, _) = current(&a);
        answer(&mut a, false);
        press(&mut a, KeyCode::Char('S'));
        press(&mut a, KeyCode::Char('S'));
        let s = screen(&mut a, 80, 24);
        let unanswered = if lang == Lang::En {
            "4 unanswered"
        } else {
            "4 sem resposta"
        };
        assert!(s.contains(unanswered), "{s}");
        assert_eq!(s.matches(" – ").count(), 4, "unanswered rows marked –: {s}");
        assert_eq!(s.matches(" ✗ ").count(), 1, "{s}");
        insta::assert_snapshot!(format!("quiz_exam_results_{code}_80x24"), s);
        let Screen::Results(sum) = &a.quiz.screen else {
            panic!()
        };
        let k = sum
            .results
            .iter()
            .position(|g| g.item == item)
            .expect("answered");
        for _ in 0..k {
            press(&mut a, KeyCode::Down);
        }
        press(&mut a, KeyCode::Enter);
        let s = screen(&mut a, 120, 40);
        let you = if lang == Lang::En { "(you)" } else { "(você)" };
        assert!(s.contains(&format!("✗ {you}")), "{s}");
        // The whole question, wrapped, not cut after one row.
        let prompt = aws_study::content::bank::shown(&a.quiz.bank.items[item].q.prompt, lang);
        let last_word = prompt.as_str().split_whitespace().last().expect("words");
        assert!(s.contains(last_word), "{s}");
        insta::assert_snapshot!(format!("quiz_exam_review_{code}_120x40"), s);
        insta::assert_snapshot!(
            format!("quiz_exam_review_{code}_80x24"),
            screen(&mut a, 80, 24)
        );
        // An unanswered one says so.
        press(&mut a, KeyCode::Esc);
        if k == 0 {
            press(&mut a, KeyCode::Down);
        } else {
            for _ in 0..k {
                press(&mut a, KeyCode::Up);
            }
        }
        press(&mut a, KeyCode::Enter);
        let s = screen(&mut a, 80, 24);
        let word = if lang == Lang::En {
            "– Unanswered"
        } else {
            "– Sem resposta"
        };
        assert!(s.contains(word), "{s}");
        assert!(!s.contains(you), "{s}");
    }
}

#[test]
fn progress_shows_reviews_ahead_and_a_dated_chart_with_today_marked() {
    for lang in [Lang::En, Lang::PtBr] {
        let code = lang.code();
        let mut a = app(lang, None);
        press(&mut a, KeyCode::Char('9'));
        press(&mut a, KeyCode::Enter);
        answer(&mut a, true);
        press(&mut a, KeyCode::Enter);
        answer(&mut a, false);
        press(&mut a, KeyCode::Esc);
        press(&mut a, KeyCode::Esc);
        let menu = screen(&mut a, 80, 24);
        let ahead = a.quiz.stats.ahead(lang);
        assert!(menu.contains(&ahead), "{menu}");
        for _ in 0..5 {
            press(&mut a, KeyCode::Down);
        }
        press(&mut a, KeyCode::Enter);
        let s = screen(&mut a, 80, 24);
        assert!(s.contains(&ahead), "{s}");
        let today = aws_study::quiz::day_of(a.quiz.clock.expect("clock"));
        let label = aws_study::quiz::day_label(today, lang);
        let marker = if lang == Lang::En {
            "◀ today"
        } else {
            "◀ hoje"
        };
        assert!(s.contains(&format!("{label} {marker}")), "{s}");
        let week_ago = aws_study::quiz::day_label(today - 6, lang);
        assert!(s.contains(&week_ago), "{s}");
        insta::assert_snapshot!(format!("quiz_progress_{code}_80x24"), s);
        insta::assert_snapshot!(
            format!("quiz_progress_{code}_120x40"),
            screen(&mut a, 120, 40)
        );
    }
}

#[test]
fn every_feedback_screen_at_80x24_keeps_its_hints_and_reaches_its_end() {
    for lang in [Lang::PtBr, Lang::En] {
        let mut a = app(lang, None);
        press(&mut a, KeyCode::Char('9'));
        let n = a.quiz.bank.items.len();
        for item in 0..n {
            a.quiz
                .start(aws_study::quiz::Mode::All, vec![item], false, None, lang);
            answer(&mut a, item % 2 == 0);
            let s = screen(&mut a, 80, 24);
            let hints = hint_row(&s, 24);
            assert!(
                hints.contains("Enter") && hints.contains("Esc"),
                "item {item}: {s}"
            );
            let q = a.quiz.bank.items[item].q.clone();
            // The end of the explanation is in view or reached with j.
            let expl = aws_study::content::bank::shown(&q.explanation, lang);
            let last = expl
                .split_whitespace()
                .last()
                .unwrap_or_default()
                .to_string();
            let mut seen = s.contains(&last);
            for _ in 0..30 {
                if seen {
                    break;
                }
                press(&mut a, KeyCode::Char('j'));
                seen = screen(&mut a, 80, 24).contains(&last);
            }
            assert!(seen, "item {item}: explanation end '{last}' not reached");
            // End reaches the end: nothing is left below.
            press(&mut a, KeyCode::End);
            let s = screen(&mut a, 80, 24);
            assert!(!hint_row(&s, 24).contains('▼'), "item {item}: {s}");
            press(&mut a, KeyCode::Esc);
            press(&mut a, KeyCode::Esc);
        }
    }
}

#[test]
fn the_number_field_says_how_the_value_typed_is_read() {
    for (lang, value, reading, ambiguous, advice) in [
        (
            Lang::PtBr,
            "1440,5",
            "lido como 1.440,5",
            "1.440",
            "Digite 1440",
        ),
        (Lang::En, "1440.5", "reads as 1,440.5", "1,440", "Type 1440"),
    ] {
        let mut a = app(lang, None);
        a.open_quiz_tab();
        let numeric = (0..a.quiz.bank.items.len())
            .find(|&i| a.quiz.bank.items[i].q.kind == Kind::Numeric)
            .expect("a numeric question");
        a.quiz
            .start(aws_study::quiz::Mode::All, vec![numeric], false, None, lang);
        typed(&mut a, value);
        let s = screen(&mut a, 80, 24);
        assert!(hint_row(&s, 24).contains(reading), "{s}");
        common::clear_field_keys(&mut a);
        typed(&mut a, ambiguous);
        press(&mut a, KeyCode::Enter);
        let s = screen(&mut a, 80, 24);
        assert!(s.contains(advice), "the hint uses the value typed: {s}");
        assert!(!s.contains("(4000)"), "{s}");
    }
}
