//! The learner's data files under attack and accident: a file of another user, of a
//! newer version, not UTF-8, hand-edited into nonsense; two writers in separate PID
//! namespaces; writes killed half-way; symlinks; FIFOs and devices where a file is
//! expected. The rule each test checks: nothing the learner made is lost or
//! replaced, nothing panics, nothing hangs.
use crate::common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use aws_study::lang::Lang;
use aws_study::quiz::progress;
use aws_study::tui::app::App;
use common::{TempDir, press};
use crossterm::event::KeyCode;

fn app(data: &Path) -> App {
    common::app_with(Lang::En, Some(data))
}

/// The app as the binary builds it, from a command line (settings read from disk).
fn app_from_args(args: &[&str]) -> App {
    use clap::Parser;
    let mut argv = vec!["aws-study"];
    argv.extend_from_slice(args);
    let cli = aws_study::cli::Cli::try_parse_from(argv).expect("args");
    aws_study::tui::new_app(aws_study::context(&cli).expect("context"))
}

/// Runs the binary with `input` on stdin; `wrap` runs it through another program
/// (setpriv, unshare) when given.
fn run_with_input(data: &Path, wrap: &[&str], args: &[&str], input: &str) -> std::process::Output {
    let mut c = common::cmd_through(wrap, data);
    c.args(args);
    common::run_with_input(c, input)
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// The original bytes are still in `name`, or in a `name.corrupt-*` beside it.
fn kept(dir: &Path, name: &str, bytes: &[u8]) -> bool {
    std::fs::read(dir.join(name)).ok().as_deref() == Some(bytes)
        || names(dir).iter().any(|n| {
            n.starts_with(&format!("{name}.corrupt-"))
                && std::fs::read(dir.join(n)).ok().as_deref() == Some(bytes)
        })
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

fn have(program: &str, probe: &[&str]) -> bool {
    Command::new(program)
        .args(probe)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn a_progress_file_of_another_user_is_never_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let d = TempDir::new("other-user");
    let o = run_with_input(
        d.path(),
        &[],
        &[
            "quiz", "--plain", "--count", "3", "--seed", "1", "--lang", "en",
        ],
        "1\n1\n1\n",
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    let f = d.path().join("progress.json");
    let before = std::fs::read(&f).expect("progress written");
    // As the contract's owners do it: the file is root's (once run with sudo), the
    // folder the learner's. Root reads anything, so as root the learner is another
    // user; otherwise a file mode that denies the owner stands in.
    let wrap: Vec<&str> = if is_root() {
        if !have("setpriv", &["--version"]) {
            eprintln!("skipped: running as root without setpriv to drop privileges");
            return;
        }
        std::os::unix::fs::chown(d.path(), Some(65534), Some(65534)).expect("chown dir");
        std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).unwrap();
        vec![
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ]
    } else {
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o000)).unwrap();
        vec![]
    };
    let o = run_with_input(
        d.path(),
        &wrap,
        &[
            "quiz", "--plain", "--count", "2", "--seed", "2", "--lang", "en",
        ],
        "1\n1\n",
    );
    let err = common::stderr(&o);
    assert!(
        err.contains("progress") && err.contains("left as it is"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(std::fs::read(&f).unwrap(), before, "the log is untouched");
    assert!(
        !names(d.path()).iter().any(|n| n.contains("corrupt")),
        "{:?}",
        names(d.path())
    );
}

#[test]
fn settings_the_app_cannot_understand_survive_a_session() {
    for text in [
        r#"{"version": 99, "lang": "pt-BR", "future": {"x": 1}}"#,
        r#"{"version": 0, "lang": "en"}"#,
    ] {
        let d = TempDir::new("settings-newer");
        let f = d.path().join("settings.json");
        std::fs::write(&f, text).unwrap();
        let dir = d.path().to_str().unwrap();
        let mut a = app_from_args(&["--data-dir", dir, "--lang", "en"]);
        let warned = a
            .message
            .as_ref()
            .map(|m| m.text(aws_study::lang::Lang::En).to_string())
            .unwrap_or_default();
        assert!(warned.contains("left as it is"), "{warned}");
        press(&mut a, KeyCode::Char('2'));
        press(&mut a, KeyCode::Char('j'));
        press(&mut a, KeyCode::Char('q'));
        assert!(a.quit);
        assert_eq!(std::fs::read_to_string(&f).unwrap(), text);
        assert_eq!(names(d.path()), ["settings.json"]);
    }
    // A folder where the file should be: left, and the app still runs.
    let d = TempDir::new("settings-dir");
    std::fs::create_dir_all(d.path().join("settings.json")).unwrap();
    let dir = d.path().to_str().unwrap();
    let mut a = app_from_args(&["--data-dir", dir, "--lang", "en"]);
    press(&mut a, KeyCode::Char('2'));
    press(&mut a, KeyCode::Char('q'));
    assert!(d.path().join("settings.json").is_dir());
}

#[test]
fn unknown_settings_fields_survive_a_rewrite() {
    let d = TempDir::new("settings-extra");
    let f = d.path().join("settings.json");
    std::fs::write(&f, r#"{"version": 1, "theme_of_2027": "dusk"}"#).unwrap();
    let dir = d.path().to_str().unwrap();
    let mut a = app_from_args(&["--data-dir", dir, "--lang", "en"]);
    press(&mut a, KeyCode::Char('3'));
    press(&mut a, KeyCode::Char('q'));
    let back: serde_json::Value = serde_json::from_slice(&std::fs::read(&f).unwrap()).unwrap();
    assert_eq!(back["theme_of_2027"], "dusk", "{back}");
    assert_eq!(back["last_tab"], "security", "{back}");
}

/// The Budget tab (the tab after the seven notes), a factor changed to 5.
fn edit_budget(a: &mut App) {
    press(a, KeyCode::Char('8'));
    press(a, KeyCode::Enter);
    press(a, KeyCode::Char('5'));
    press(a, KeyCode::Enter);
    assert!(a.budget.dirty, "the edit made the budget unsaved");
}

#[test]
fn a_draft_that_is_not_utf8_is_moved_aside_and_edits_are_kept_after_every_change() {
    let d = TempDir::new("draft-bytes");
    let bad = b"{\"name\": \"\xff\xfe\"}".to_vec();
    std::fs::write(d.path().join("budget-draft.json"), &bad).unwrap();
    let mut a = app(d.path());
    let warned = a
        .message
        .as_ref()
        .map(|m| m.text(aws_study::lang::Lang::En).to_string())
        .unwrap_or_default();
    assert!(
        warned.contains("not UTF-8") && warned.contains("moved to"),
        "{warned}"
    );
    assert!(kept(d.path(), "budget-draft.json", &bad));
    assert!(!d.path().join("budget-draft.json").exists());
    // The very next edit is on disk at once: no quit, no tab change needed.
    edit_budget(&mut a);
    let draft = std::fs::read_to_string(d.path().join("budget-draft.json")).expect("draft");
    assert!(draft.contains("\"version\""), "{draft}");
    assert!(
        kept(d.path(), "budget-draft.json", &bad),
        "the bad bytes stay aside"
    );
    // Undoing every change removes the draft again.
    press(&mut a, KeyCode::Char('u'));
    assert!(!a.budget.dirty);
    assert!(!d.path().join("budget-draft.json").exists());
}

#[test]
fn an_unreadable_draft_is_left_alone_and_never_overwritten() {
    let d = TempDir::new("draft-fifo");
    let fifo = d.path().join("budget-draft.json");
    if !have("mkfifo", &[fifo.to_str().unwrap()]) {
        eprintln!("skipped: no mkfifo");
        return;
    }
    let started = Instant::now();
    let mut a = app(d.path());
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "no wait on a FIFO"
    );
    let warned = a
        .message
        .as_ref()
        .map(|m| m.text(aws_study::lang::Lang::En).to_string())
        .unwrap_or_default();
    assert!(warned.contains("named pipe"), "{warned}");
    edit_budget(&mut a);
    let s = common::screen(&mut a, 120, 40);
    assert!(s.contains("not kept if you quit"), "{s}");
    // The changes cannot be kept: the first q asks, the second quits.
    press(&mut a, KeyCode::Char('q'));
    assert!(!a.quit);
    let said = a
        .message
        .as_ref()
        .map(|m| m.text(aws_study::lang::Lang::En).to_string())
        .unwrap_or_default();
    assert!(said.contains("q again quits"), "{said}");
    press(&mut a, KeyCode::Char('q'));
    assert!(a.quit);
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
}

/// A valid `exam.json`, made by starting an exam of 5 questions in the app.
fn saved_exam(d: &Path) -> serde_json::Value {
    let mut a = app(d);
    a.quiz.seed(7);
    press(&mut a, KeyCode::Char('9'));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    for _ in 0..3 {
        press(&mut a, KeyCode::Left);
    }
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('1'));
    press(&mut a, KeyCode::Enter);
    let text = std::fs::read_to_string(d.join("exam.json")).expect("the exam is kept at once");
    serde_json::from_str(&text).expect("json")
}

#[test]
fn no_exam_file_can_crash_a_resume() {
    let d = TempDir::new("exam-variants");
    let base = saved_exam(d.path());
    let n = base["slots"].as_array().map_or(0, Vec::len);
    assert!(n >= 3, "{base}");
    let mut variants: Vec<(&str, serde_json::Value)> = Vec::new();
    let mut e = base.clone();
    e["slots"] = serde_json::json!([]);
    variants.push(("empty slots", e));
    let mut e = base.clone();
    e["slots"][2]["order"] = serde_json::json!([99, 1, 2, 0, 4]);
    e["pos"] = serde_json::json!(2);
    variants.push(("order out of range", e));
    let mut e = base.clone();
    e["slots"][1]["order"] = serde_json::json!([0, 0, 0]);
    variants.push(("order with repeats", e));
    let mut e = base.clone();
    e["pos"] = serde_json::json!(1_000_000_000u64);
    variants.push(("position past the end", e));
    let mut e = base.clone();
    e["slots"][0]["item"] = serde_json::json!(1_000_000_000u64);
    variants.push(("question not in the bank", e));
    let mut e = base.clone();
    e["slots"][0]["chosen"] = serde_json::json!(["99", "-1"]);
    variants.push(("chosen options that do not exist", e));
    let mut e = base.clone();
    e["started"] = serde_json::json!(i64::MAX);
    e["spent"] = serde_json::json!(i64::MAX);
    variants.push(("absurd clock", e));
    // Time already up is a usable exam: resumed, it is submitted at the first tick.
    let mut e = base.clone();
    e["remaining"] = serde_json::json!(-5);
    let dir = TempDir::new("exam-late");
    std::fs::write(
        dir.path().join("exam.json"),
        serde_json::to_vec(&e).unwrap(),
    )
    .unwrap();
    let mut a = app(dir.path());
    press(&mut a, KeyCode::Char('9'));
    press(&mut a, KeyCode::Enter);
    a.update(aws_study::tui::action::Action::Tick(1));
    let s = common::screen(&mut a, 100, 30);
    assert!(s.contains("Exam results"), "{s}");
    for (what, v) in variants {
        let dir = TempDir::new("exam-variant");
        let bytes = serde_json::to_vec(&v).unwrap();
        std::fs::write(dir.path().join("exam.json"), &bytes).unwrap();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut a = app(dir.path());
            for k in [
                KeyCode::Char('9'),
                KeyCode::Enter,
                KeyCode::Enter,
                KeyCode::Char('j'),
                KeyCode::Char('2'),
                KeyCode::Enter,
                KeyCode::Right,
                KeyCode::Enter,
                KeyCode::Left,
            ] {
                press(&mut a, k);
                let _ = common::screen(&mut a, 80, 24);
            }
            press(&mut a, KeyCode::Char('q'));
        }));
        assert!(result.is_ok(), "{what}: the app panicked");
        // Each variant is unusable: it is moved aside whole, never half-resumed.
        assert!(
            kept(dir.path(), "exam.json", &bytes),
            "{what}: the exam file is kept or moved aside: {:?}",
            names(dir.path())
        );
    }
}

const GOOD_ENTRY: &str = r#"{"time": 1700000000, "question": "sec-001", "correct": true, "chosen": ["1"], "mode": "all", "duration_ms": 5, "lang": "en", "session": "s1"}"#;

#[test]
fn absurd_times_in_the_log_neither_panic_nor_wrap() {
    let d = TempDir::new("huge-time");
    let log = [i64::MAX, i64::MIN, 0, -1, i64::MAX - 1]
        .iter()
        .map(|t| GOOD_ENTRY.replace("1700000000", &t.to_string()))
        .collect::<Vec<_>>()
        .join(",");
    std::fs::write(
        d.path().join("progress.json"),
        format!(r#"{{"version": 1, "log": [{log}], "sessions": []}}"#),
    )
    .unwrap();
    for args in [
        &["stats"][..],
        &["stats", "--format", "json"],
        &["quiz", "--plain", "--due", "--count", "1"],
    ] {
        let o = run_with_input(d.path(), &[], args, "1\n");
        let err = common::stderr(&o);
        assert!(
            !err.contains("panicked") && o.status.code() != Some(101),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn derived_states_of_the_wrong_type_are_rebuilt_and_the_log_kept() {
    let d = TempDir::new("bad-states");
    let text = format!(
        r#"{{"version": 1, "states": {{"sec-001": "garbage", "x": [1, 2]}}, "log": [{GOOD_ENTRY}], "sessions": []}}"#
    );
    std::fs::write(d.path().join("progress.json"), &text).unwrap();
    let (mut p, w) = progress::load(Some(d.path()));
    assert!(w.is_none(), "{w:?}");
    assert_eq!(p.log.len(), 1);
    assert_eq!(p.states["sec-001"].reps, 1);
    progress::save(d.path(), &mut p).expect("save");
    assert_eq!(names(d.path()), ["progress.json", "progress.json.lock"]);
    let back: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.path().join("progress.json")).unwrap()).unwrap();
    assert_eq!(back["states"]["sec-001"]["reps"], 1, "{back}");
}

#[test]
fn unknown_fields_and_entries_survive_and_a_symlink_stays_a_symlink() {
    let d = TempDir::new("extra-fields");
    let real = d.path().join("sync");
    std::fs::create_dir_all(&real).unwrap();
    let newer_entry = GOOD_ENTRY.replace(
        "\"session\": \"s1\"",
        "\"session\": \"s1\", \"confidence\": 3",
    );
    let text = format!(
        r#"{{"version": 1, "goals": {{"daily": 20}}, "log": [{newer_entry}, {{"time": "soon"}}], "sessions": [{{"id": 5}}]}}"#
    );
    std::fs::write(real.join("progress.json"), &text).unwrap();
    std::os::unix::fs::symlink("sync/progress.json", d.path().join("progress.json")).unwrap();
    let o = run_with_input(
        d.path(),
        &[],
        &[
            "quiz", "--plain", "--count", "1", "--seed", "3", "--lang", "en",
        ],
        "1\n",
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert!(
        std::fs::symlink_metadata(d.path().join("progress.json"))
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is kept"
    );
    let back: serde_json::Value =
        serde_json::from_slice(&std::fs::read(real.join("progress.json")).unwrap()).unwrap();
    assert_eq!(back["goals"]["daily"], 20, "{back}");
    assert_eq!(back["log"].as_array().map(Vec::len), Some(2), "{back}");
    assert!(
        back["log"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["confidence"] == 3)
    );
    assert_eq!(back["unreadable_log"][0]["time"], "soon", "{back}");
    assert_eq!(back["unreadable_sessions"][0]["id"], 5, "{back}");
}

/// `.name.tmp-*` files of the data folder and `budgets/`.
fn temp_files(d: &Path) -> Vec<PathBuf> {
    [d.to_path_buf(), d.join("budgets")]
        .iter()
        .flat_map(|dir| {
            names(dir)
                .into_iter()
                .filter(|n| n.starts_with('.') && n.contains(".tmp-"))
                .map(|n| dir.join(n))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn writes_killed_half_way_leave_no_temporary_files_after_the_next_start() {
    let d = TempDir::new("kill-9");
    std::fs::create_dir_all(d.path().join("budgets")).unwrap();
    std::fs::write(d.path().join(".progress.json.tmp-4242"), b"{\"half").unwrap();
    std::fs::write(d.path().join("budgets/.mine.json.tmp-1"), b"{").unwrap();
    // And real ones: quizzes killed at random moments while they write.
    let answers = "1\n".repeat(60);
    for i in 0..12u64 {
        let mut child = common::cmd(d.path())
            .args(["quiz", "--plain", "--count", "60", "--lang", "en"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        if let Some(mut sin) = child.stdin.take() {
            let _ = sin.write_all(answers.as_bytes());
        }
        std::thread::sleep(Duration::from_millis(5 + (i * 7) % 40));
        let _ = child.kill();
        let _ = child.wait();
    }
    let o = common::run(d.path(), &["stats"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert!(
        temp_files(d.path()).is_empty(),
        "{:?}",
        temp_files(d.path())
    );
    if d.path().join("progress.json").exists() {
        let (p, w) = progress::load(Some(d.path()));
        assert!(
            w.is_none(),
            "a killed write never leaves a broken file: {w:?}"
        );
        assert!(p.frozen.is_none());
    }
}

#[test]
fn two_writers_in_separate_pid_namespaces_keep_every_answer() {
    if !is_root() || !have("unshare", &["--pid", "--fork", "true"]) {
        eprintln!("skipped: PID namespaces (unshare --pid --fork) are not available here");
        return;
    }
    let d = TempDir::new("pid-ns");
    let answers = "1\n".repeat(10);
    let spawn = |seed: &str| {
        let mut c = Command::new("unshare")
            .args(["--pid", "--fork", common::BIN])
            .args([
                "quiz", "--plain", "--count", "10", "--seed", seed, "--lang", "en",
            ])
            .env("AWS_STUDY_DATA_DIR", d.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        if let Some(mut sin) = c.stdin.take() {
            let _ = sin.write_all(answers.as_bytes());
        }
        c
    };
    // Same seed: the same questions at the same second, both as pid 1.
    let a = spawn("5");
    let b = spawn("5");
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(
        a.status.success() && b.status.success(),
        "{}",
        common::stderr(&b)
    );
    let (p, _) = progress::load(Some(d.path()));
    assert_eq!(p.log.len(), 20, "every answer of both writers is kept");
    let sessions: std::collections::BTreeSet<&str> =
        p.log.iter().map(|r| r.session.as_str()).collect();
    assert_eq!(sessions.len(), 2, "{sessions:?}");
}

/// Runs the binary, killing it if it has not finished after 10 s.
fn run_bounded(data: &Path, args: &[&str]) -> (Option<i32>, String, Duration) {
    let start = Instant::now();
    let mut child = common::cmd(data)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    loop {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let o = child.wait_with_output().expect("wait");
    let said = format!("{}{}", common::stdout(&o), common::stderr(&o));
    (o.status.code(), said, start.elapsed())
}

#[test]
fn fifos_and_devices_are_refused_at_once_by_every_command() {
    let d = TempDir::new("fifo-cli");
    let fifo = d.path().join("pipe.json");
    if !have("mkfifo", &[fifo.to_str().unwrap()]) {
        eprintln!("skipped: no mkfifo");
        return;
    }
    let f = fifo.to_str().unwrap();
    for args in [
        vec!["budget", "--file", f],
        vec!["budget", "--file", "/dev/zero"],
        vec!["sfn", "check", f],
        vec!["sfn", "run", f],
        vec!["sfn", "graph", f],
        vec!["sfn", "run", "stock-forecast", "--input-file", f],
        vec!["sfn", "run", "stock-forecast", "--mocks", "/dev/zero"],
    ] {
        let (code, err, took) = run_bounded(d.path(), &args);
        assert!(took < Duration::from_secs(5), "{args:?} took {took:?}");
        assert_eq!(code, Some(1), "{args:?}: {err}");
        assert!(
            err.contains("named pipe") || err.contains("device"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn exports_never_replace_a_device_or_a_fifo_nor_create_folders() {
    use aws_study::tui::budget_tab::ExportFormat;
    let d = TempDir::new("export-targets");
    let a = app(d.path());
    let fifo = d.path().join("out.csv");
    let made = have("mkfifo", &[fifo.to_str().unwrap()]);
    if made {
        let e = a
            .budget
            .export(ExportFormat::Csv, fifo.to_str().unwrap(), Lang::En)
            .unwrap_err();
        assert!(
            e.contains("named pipe") && e.contains("nothing written"),
            "{e}"
        );
        use std::os::unix::fs::FileTypeExt;
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
    }
    let e = a
        .budget
        .export(ExportFormat::Csv, "/dev/null", Lang::En)
        .unwrap_err();
    assert!(e.contains("device"), "{e}");
    let missing = d.path().join("no/such/folder/out.md");
    let e = a
        .budget
        .export(ExportFormat::Md, missing.to_str().unwrap(), Lang::PtBr)
        .unwrap_err();
    assert!(e.contains("não existe"), "{e}");
    assert!(!d.path().join("no").exists(), "no folder made silently");
    // The app's own exports folder is made on first use.
    let own = a.budget.default_export_path(ExportFormat::Csv, a.lang);
    let written = a
        .budget
        .export(ExportFormat::Csv, &own, Lang::En)
        .expect("export");
    assert!(written.is_file());
}

#[test]
fn the_lab_refuses_a_fifo_at_once() {
    let d = TempDir::new("lab-fifo");
    let fifo = d.path().join("machine.asl.json");
    if !have("mkfifo", &[fifo.to_str().unwrap()]) {
        eprintln!("skipped: no mkfifo");
        return;
    }
    let mut a = app(d.path());
    press(&mut a, KeyCode::Char('0'));
    press(&mut a, KeyCode::Char('o'));
    let start = Instant::now();
    common::typed(&mut a, fifo.to_str().unwrap());
    press(&mut a, KeyCode::Enter);
    assert!(start.elapsed() < Duration::from_secs(5));
    let s = common::screen(&mut a, 120, 40);
    assert!(s.contains("named pipe"), "{s}");
}

fn review(q: &str, t: i64, session: &str) -> progress::Review {
    progress::Review {
        time: t,
        question: q.into(),
        correct: true,
        chosen: vec!["1".into()],
        mode: "all".into(),
        duration_ms: 5,
        lang: "en".into(),
        session: session.into(),
        extra: Default::default(),
    }
}

#[test]
fn an_answer_is_appended_to_the_journal_without_rewriting_the_history() {
    use std::os::unix::fs::MetadataExt;
    let d = TempDir::new("journal");
    // A long history: 50,000 answers.
    let mut p = progress::Progress::new();
    for i in 0..50_000 {
        p.record(review(&format!("q{}", i % 300), 1_600_000_000 + i, "old"));
    }
    progress::save(d.path(), &mut p).expect("save");
    let file = d.path().join("progress.json");
    let before = std::fs::metadata(&file).unwrap();
    let (mut p, w) = progress::load(Some(d.path()));
    assert!(w.is_none());
    for i in 0..5 {
        p.record(review("sec-001", 1_700_000_000 + i, "new"));
        progress::append(d.path(), &mut p).expect("append");
    }
    let after = std::fs::metadata(&file).unwrap();
    assert_eq!(
        (before.ino(), before.len()),
        (after.ino(), after.len()),
        "progress.json is not rewritten per answer"
    );
    let journal = std::fs::read_to_string(progress::journal_path(d.path())).unwrap();
    assert_eq!(journal.lines().count(), 5, "{journal}");
    // Another process sees the answers at once.
    let (seen, _) = progress::load(Some(d.path()));
    assert_eq!(seen.log.len(), 50_005);
    // The end of the session folds the journal in.
    progress::save(d.path(), &mut p).expect("save");
    assert_eq!(
        std::fs::metadata(progress::journal_path(d.path()))
            .unwrap()
            .len(),
        0
    );
    let (back, _) = progress::load(Some(d.path()));
    assert_eq!(back.log.len(), 50_005);
    assert!(!back.unsaved());
}

#[test]
fn a_torn_journal_line_is_dropped_and_an_unreadable_one_kept() {
    let d = TempDir::new("journal-torn");
    let good = serde_json::json!({"review": serde_json::to_value(review("sec-001", 1_700_000_000, "s")).unwrap()});
    std::fs::write(
        progress::journal_path(d.path()),
        format!("{good}\n{{\"review\": 42}}\nnot json at all\n{{\"review\": {{\"time\": 17"),
    )
    .unwrap();
    let (mut p, w) = progress::load(Some(d.path()));
    assert!(
        w.as_ref().map_or("", |w| w.en.as_str()).contains("2 lines"),
        "{w:?}"
    );
    assert_eq!(p.log.len(), 1);
    assert!(p.unsaved());
    progress::save(d.path(), &mut p).expect("save");
    let back: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.path().join("progress.json")).unwrap()).unwrap();
    assert_eq!(back["log"].as_array().map(Vec::len), Some(1), "{back}");
    let odd = back["unreadable_log"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(odd.contains(&serde_json::json!({"review": 42})), "{back}");
    assert!(
        odd.contains(&serde_json::json!("not json at all")),
        "{back}"
    );
}

#[test]
fn a_journal_that_cannot_be_read_freezes_saving() {
    let d = TempDir::new("journal-fifo");
    let j = progress::journal_path(d.path());
    if !have("mkfifo", &[j.to_str().unwrap()]) {
        eprintln!("skipped: no mkfifo");
        return;
    }
    let (mut p, w) = progress::load(Some(d.path()));
    assert!(
        w.as_ref()
            .map_or("", |w| w.en.as_str())
            .contains("named pipe"),
        "{w:?}"
    );
    p.record(review("sec-001", 1, "s"));
    assert!(progress::append(d.path(), &mut p).is_err());
    assert!(progress::save(d.path(), &mut p).is_err());
    assert!(!d.path().join("progress.json").exists());
}

#[test]
fn a_long_query_with_no_match_is_not_echoed_whole() {
    let d = TempDir::new("long-query");
    let q = "zq".repeat(50_000);
    let o = common::run(d.path(), &["search", &q, "--lang", "en"]);
    let err = common::stderr(&o);
    assert!(
        err.contains("no match for 'zqzq") && err.contains("…'"),
        "{err}"
    );
    assert!(err.len() < 300, "{} bytes", err.len());
}

#[test]
fn a_torn_journal_line_never_swallows_the_next_answer() {
    let d = TempDir::new("journal-torn-next");
    std::fs::write(
        progress::journal_path(d.path()),
        br#"{"review":{"time":1796521189,"question":"sfn-0"#,
    )
    .unwrap();
    let (mut p, _) = progress::load(Some(d.path()));
    p.record(review("sec-001", 1_700_000_000, "next"));
    progress::append(d.path(), &mut p).expect("append");
    // Killed again before the session ended: the answer is still there.
    let (back, _) = progress::load(Some(d.path()));
    assert_eq!(back.log.len(), 1, "{:?}", back.odd_log);
    assert_eq!(back.log[0].session, "next");
}

#[test]
fn a_journal_with_bytes_that_are_not_utf8_is_moved_aside_whole() {
    let d = TempDir::new("journal-bytes");
    let good =
        serde_json::json!({"review": serde_json::to_value(review("sec-001", 5, "s")).unwrap()});
    let mut bytes = format!("{good}\n").into_bytes();
    bytes.extend_from_slice(b"garbage \xff\xfe line\n");
    std::fs::write(progress::journal_path(d.path()), &bytes).unwrap();
    let (mut p, w) = progress::load(Some(d.path()));
    assert!(
        w.as_ref()
            .map_or("", |w| w.en.as_str())
            .contains("cannot read"),
        "{w:?}"
    );
    assert_eq!(p.log.len(), 1);
    progress::save(d.path(), &mut p).expect("save");
    assert!(
        kept(d.path(), "progress.journal", &bytes),
        "{:?}",
        names(d.path())
    );
    let (back, _) = progress::load(Some(d.path()));
    assert_eq!(back.log.len(), 1);
}

#[test]
fn a_log_key_given_twice_keeps_both_lists() {
    let d = TempDir::new("dup-log");
    let one = GOOD_ENTRY;
    let two = GOOD_ENTRY.replace("s1", "s2");
    std::fs::write(
        d.path().join("progress.json"),
        format!(r#"{{"version": 1, "log": [{one}], "log": [{two}]}}"#),
    )
    .unwrap();
    let (p, _) = progress::load(Some(d.path()));
    assert_eq!(p.log.len(), 2);
}

#[test]
fn saved_budgets_that_cannot_be_read_are_kept_aside_and_listed_names_open() {
    let d = TempDir::new("budget-names");
    let budgets = d.path().join("budgets");
    std::fs::create_dir_all(&budgets).unwrap();
    // A name not in slug form, copied in by hand: listed, and it opens.
    let o = common::run(d.path(), &["budget", "--format", "json"]);
    let mut b: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    b["name"] = "meu orçamento".into();
    std::fs::write(budgets.join("meu orçamento (v2).json"), b.to_string()).unwrap();
    std::fs::write(budgets.join("line\nbreak.json"), b.to_string()).unwrap();
    let o = common::run(d.path(), &["budget", "--list"]);
    let out = common::stdout(&o);
    assert!(
        out.contains("meu orçamento (v2)\tmeu orçamento (saved)"),
        "{out}"
    );
    assert!(out.contains("line^Jbreak"), "one entry per line: {out}");
    let o = common::run(
        d.path(),
        &[
            "budget",
            "--scenario",
            "meu orçamento (v2)",
            "--format",
            "csv",
        ],
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    // A newer version's file under the name being saved: moved aside, then saved.
    let newer = br#"{"version": 2, "name": "x", "future": true}"#;
    std::fs::write(budgets.join("mine.json"), newer).unwrap();
    let mut a = app(d.path());
    let written = aws_study::budget::saved::save(d.path(), "mine", &a.budget.budget).unwrap();
    assert!(written.ends_with("mine.json"));
    assert!(kept(&budgets, "mine.json", newer), "{:?}", names(&budgets));
    // In the app, exporting onto a device is refused at once, with no "replace?".
    press(&mut a, KeyCode::Char('8'));
    press(&mut a, KeyCode::Char('E'));
    press(&mut a, KeyCode::Enter);
    common::clear_field_keys(&mut a);
    common::typed(&mut a, "/dev/null");
    press(&mut a, KeyCode::Enter);
    let s = common::screen(&mut a, 120, 40);
    assert!(s.contains("device") && !s.contains("already exists"), "{s}");
}

#[test]
fn unknown_budget_fields_survive_a_rewrite_and_computed_ones_are_not_kept() {
    let d = TempDir::new("budget-extra");
    let o = common::run(d.path(), &["budget", "--format", "json"]);
    let mut b: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(b.get("total").is_some(), "an export has computed totals");
    b["future_top"] = serde_json::json!({"k": 1});
    b["lines"][0]["future_line"] = "keep".into();
    b["lines"][0]["factors"][0]["future_factor"] = 7.into();
    let parsed = aws_study::budget::file::parse(&b.to_string(), "b.json").expect("parse");
    let back: serde_json::Value =
        serde_json::from_str(&aws_study::budget::file::to_json(&parsed, None, None)).unwrap();
    assert_eq!(back["future_top"]["k"], 1, "{back}");
    assert_eq!(back["lines"][0]["future_line"], "keep", "{back}");
    assert_eq!(back["lines"][0]["factors"][0]["future_factor"], 7, "{back}");
    assert!(
        back.get("total").is_none() && back["lines"][0].get("cost").is_none(),
        "{back}"
    );
}

#[test]
fn unknown_exam_fields_survive_a_resume_and_a_rewrite() {
    let d = TempDir::new("exam-extra");
    let mut e = saved_exam(d.path());
    e["future_exam"] = serde_json::json!({"k": 1});
    e["slots"][0]["future_slot"] = "keep".into();
    std::fs::write(d.path().join("exam.json"), e.to_string()).unwrap();
    let mut a = app(d.path());
    press(&mut a, KeyCode::Char('9'));
    press(&mut a, KeyCode::Enter); // resume
    press(&mut a, KeyCode::Right); // next question: the exam is written again
    press(&mut a, KeyCode::Esc);
    press(&mut a, KeyCode::Char('q'));
    let back: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.path().join("exam.json")).unwrap()).unwrap();
    assert_eq!(back["future_exam"]["k"], 1, "{back}");
    assert_eq!(back["slots"][0]["future_slot"], "keep", "{back}");
    assert_ne!(back["pos"], e["pos"], "the file was rewritten");
}

#[test]
fn a_complete_journal_record_without_its_line_break_is_kept() {
    let d = TempDir::new("journal-no-newline");
    let line =
        serde_json::json!({"review": serde_json::to_value(review("sfn-001", 9, "old")).unwrap()});
    std::fs::write(progress::journal_path(d.path()), line.to_string()).unwrap();
    let (mut p, _) = progress::load(Some(d.path()));
    p.record(review("sec-001", 10, "new"));
    progress::append(d.path(), &mut p).expect("append");
    let (back, _) = progress::load(Some(d.path()));
    let sessions: Vec<&str> = back.log.iter().map(|r| r.session.as_str()).collect();
    assert_eq!(sessions, ["old", "new"]);
}

#[test]
fn a_paste_goes_into_the_open_field_in_one_edit_up_to_its_cap() {
    use aws_study::tui::widgets::text_field::SHORT_CAP;
    let paste = |a: &mut App, text: String| {
        aws_study::tui::handle_event(a, &crossterm::event::Event::Paste(text));
    };
    // The Lab's input editor takes a paste in one edit, and refuses one that could
    // never be an input AWS takes (over its 256 KiB payload size).
    let mut a = app(std::path::Path::new("/nonexistent-data-dir"));
    press(&mut a, KeyCode::Char('0'));
    press(&mut a, KeyCode::Char('i'));
    common::clear_field_keys(&mut a);
    paste(&mut a, "x".repeat(256 * 1024 + 500));
    let n = a.lab.editor.as_ref().map_or(usize::MAX, |e| e.text.len());
    assert_eq!(n, 0);
    assert!(
        a.message
            .as_ref()
            .is_some_and(|m| m.text(aws_study::lang::Lang::En).contains("256 KiB"))
    );
    paste(&mut a, "[1,\r\n2]".into());
    let text = a.lab.editor.as_ref().map(|e| e.text.text());
    assert_eq!(text.as_deref(), Some("[1,\n2]"));
    // The budget catalog's filter: one edit, control characters as spaces.
    let mut b = app(std::path::Path::new("/nonexistent-data-dir"));
    press(&mut b, KeyCode::Char('8'));
    press(&mut b, KeyCode::Char('a'));
    paste(&mut b, "lam\nbda".into());
    let filter = match &b.budget.overlay {
        aws_study::tui::budget_tab::Overlay::Catalog { filter, .. } => filter.clone(),
        _ => String::new(),
    };
    assert_eq!(filter, "lam bda");
    paste(&mut b, "y".repeat(SHORT_CAP));
    assert!(
        b.message
            .as_ref()
            .is_some_and(|m| m.text(aws_study::lang::Lang::En).contains("takes up to"))
    );
}
