//! End to end: the real binary in a pseudo-terminal, driven with keystrokes while
//! the screen is read back through a terminal emulator (vt100). Waits for the screen
//! to settle instead of sleeping fixed times.
use crate::common;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn portable_pty::MasterPty + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _data: common::TempDir,
}

impl Session {
    fn start(cols: u16, rows: u16, args: &[&str]) -> Session {
        let mut cmd = CommandBuilder::new(common::BIN);
        cmd.args(args);
        Session::spawn(cols, rows, cmd)
    }

    /// A shell script in the terminal; `$BIN` is the binary.
    fn shell(cols: u16, rows: u16, script: &str) -> Session {
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", script]);
        cmd.env("BIN", common::BIN);
        Session::spawn(cols, rows, cmd)
    }

    fn spawn(cols: u16, rows: u16, mut cmd: CommandBuilder) -> Session {
        let data = common::TempDir::new("pty");
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        cmd.env("AWS_STUDY_DATA_DIR", data.path());
        cmd.env("LANG", "C.UTF-8");
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("AWS_STUDY_LANG");
        let child = pair.slave.spawn_command(cmd).expect("spawn aws-study");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let p = parser.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut parser) = p.lock() {
                    parser.process(&buf[..n]);
                }
            }
        });
        let writer = pair.master.take_writer().expect("writer");
        Session {
            parser,
            writer,
            master: pair.master,
            child,
            _data: data,
        }
    }

    fn screen(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    /// Waits until the screen contains `text` and then stops changing.
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut last = String::new();
        loop {
            let now = self.screen();
            if now.contains(text) && now == last {
                return now;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {text:?}; screen:\n{now}"
            );
            last = now;
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush");
        // Keys sent together can read as one (Esc then a key is Alt+key): pause.
        std::thread::sleep(Duration::from_millis(80));
    }

    /// Esc alone: a key sent right after it could be read with it as Alt+key, so this
    /// waits until the screen has changed (or 2 s have passed) before going on.
    fn esc(&mut self) {
        let before = self.screen();
        self.send("\x1b");
        let deadline = Instant::now() + Duration::from_secs(2);
        while self.screen() == before && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(30));
        }
        std::thread::sleep(Duration::from_millis(100));
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        // The emulator takes the new size first and keeps the parser locked until the
        // terminal has it too: the app's redraw for the new size, however fast it
        // comes, is never read at the old size (and cut to it).
        if let Ok(mut p) = self.parser.lock() {
            p.screen_mut().set_size(rows, cols);
            self.master
                .resize(PtySize {
                    rows,
                    cols,
                    pixel_width: 0,
                    pixel_height: 0,
                })
                .expect("resize");
        }
        std::thread::sleep(Duration::from_millis(80));
    }
}

#[test]
fn a_reader_switches_tabs_searches_changes_language_resizes_and_quits() {
    let mut s = Session::start(100, 30, &["--lang", "en"]);
    let first = s.wait_for("AWS Step Functions: orchestrating workflows");
    for label in [
        "Step Functions",
        "CloudFormation",
        "IAM/KMS/VPC",
        "Cost",
        "Scenarios",
        "Services",
        "Practices",
    ] {
        assert!(first.contains(label), "tab bar lacks {label}:\n{first}");
    }
    s.send("2");
    s.wait_for("AWS CloudFormation: infrastructure as code");
    s.send("\t");
    s.wait_for("Security on AWS: IAM, KMS and VPC");
    s.send("L");
    s.wait_for("Segurança na AWS: IAM, KMS e VPC");
    s.send("L");
    s.wait_for("Security on AWS: IAM, KMS and VPC");
    s.send("?");
    s.wait_for("switch language");
    s.esc();
    s.send("/KMS");
    s.wait_for("/KMS");
    s.send("\r");
    let found = s.wait_for("matches");
    assert!(found.contains("n / N"), "{found}");
    s.send("n");
    s.resize(40, 12);
    s.wait_for("IAM/KMS/VPC");
    s.resize(15, 4);
    s.wait_for("enlarge");
    s.resize(100, 30);
    let back = s.wait_for("IAM/KMS/VPC");
    assert!(back.contains("EN"), "{back}");
    s.send("q");
    let status = wait_exit(&mut s);
    assert!(status.success(), "exit status {status:?}");
    let p = s.parser.lock().expect("parser");
    assert!(
        !p.screen().alternate_screen(),
        "the alternate screen was left"
    );
    assert!(!p.screen().hide_cursor(), "the cursor is visible again");
}

/// `--lang` is for one run: a Brazilian who once starts the app with `--lang en`
/// still gets Portuguese the next time (only `L` saves a language).
#[test]
fn a_run_with_lang_en_does_not_make_later_runs_english() {
    let mut s = Session::shell(
        100,
        30,
        "LANG=pt_BR.UTF-8 \"$BIN\" --lang en; LANG=pt_BR.UTF-8 \"$BIN\" budget --list; sleep 10",
    );
    s.wait_for("Step Functions: orchestrating workflows");
    s.send("q");
    let after = s.wait_for("scenario-2");
    assert!(after.contains("Cenário 1"), "{after}");
    let settings =
        std::fs::read_to_string(s._data.path().join("settings.json")).unwrap_or_default();
    assert!(!settings.contains("\"lang\""), "{settings}");
}

#[test]
fn ctrl_c_quits_cleanly_from_a_text_field() {
    let mut s = Session::start(80, 24, &["--lang", "pt-BR"]);
    s.wait_for("Step Functions");
    s.send("s");
    s.wait_for("Buscar em todas as notas");
    s.send("chave");
    s.wait_for("linhas encontradas");
    s.send("\x03");
    let status = wait_exit(&mut s);
    assert!(status.success());
    let p = s.parser.lock().expect("parser");
    assert!(!p.screen().alternate_screen());
}

fn wait_exit(s: &mut Session) -> portable_pty::ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(Some(st)) = s.child.try_wait() {
            // Let the reader thread drain the last bytes (the restore sequences).
            std::thread::sleep(Duration::from_millis(150));
            return st;
        }
        assert!(
            Instant::now() < deadline,
            "the app did not exit; screen:\n{}",
            s.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn editing_a_budget_factor_changes_the_total_on_screen() {
    let mut s = Session::start(100, 30, &["--lang", "en"]);
    s.wait_for("Step Functions");
    s.send("8");
    s.wait_for("Monthly $97.49");
    // EC2 line → its fields → hours → type 360.
    s.send("e");
    s.send("\x1b[B"); // Down
    s.send("\r");
    s.send("\x7f\x7f\x7f");
    s.send("360\r");
    let after = s.wait_for("Monthly $82.52");
    assert!(after.contains("360 h × $0.0416/h = $14.98"), "{after}");
    s.esc();
    s.send("u");
    s.wait_for("Monthly $97.49");
    s.send("q");
    assert!(wait_exit(&mut s).success());
}

#[test]
fn a_compute_savings_plan_on_the_ec2_line_shows_the_saving_in_the_header() {
    let mut s = Session::start(100, 30, &["--lang", "en"]);
    s.wait_for("Step Functions");
    s.send("8");
    s.wait_for("Monthly $97.49");
    // The EC2 line's options: On-Demand, then the 1-year Compute Savings Plan with no
    // upfront.
    s.send("o");
    s.wait_for("Pricing options");
    s.send("j");
    s.wait_for("beats On-Demand above 72% uptime");
    s.send("\r");
    let after = s.wait_for("$97.49 → $89.11 (−9%)");
    assert!(after.contains("$21.57"), "{after}");
    s.send("u");
    s.wait_for("Monthly $97.49");
    s.send("q");
    assert!(wait_exit(&mut s).success());
}

#[test]
fn answering_a_question_in_the_quiz_tab() {
    let mut s = Session::start(100, 30, &["--lang", "en"]);
    s.wait_for("Step Functions");
    s.send("9");
    s.wait_for("Quick practice");
    s.send("\r");
    s.wait_for("Question 1/10");
    // Any answer: a number works for numeric questions and picks option 1 otherwise.
    s.send("1\r");
    let after = s.wait_for("Enter next");
    assert!(
        after.contains("Correct") || after.contains("Incorrect"),
        "{after}"
    );
    s.send("q");
    assert!(wait_exit(&mut s).success());
    let st = common::run(s._data.path(), &["stats", "--format", "json"]);
    assert!(
        common::stdout(&st).contains("\"answered\": 1"),
        "{}",
        common::stdout(&st)
    );
}

#[test]
fn the_lab_opens_a_sample_steps_twice_and_shows_the_stage_pane() {
    let mut s = Session::start(120, 40, &["--lang", "en"]);
    s.wait_for("Step Functions");
    s.send("0");
    s.wait_for("Stock forecast");
    s.send("p");
    s.wait_for("Sample machines");
    s.send("2");
    s.wait_for("Map");
    s.send("nn");
    let screen = s.wait_for("step 2/");
    assert!(screen.contains("ProcessFiles (Map)"), "{screen}");
    for stage in [
        "input",
        "afterInputPath",
        "result",
        "afterResultPath",
        "output",
    ] {
        assert!(screen.contains(stage), "no {stage} in {screen}");
    }
    assert!(
        screen.contains("An array with each item's output"),
        "{screen}"
    );
    s.send("q");
    let status = wait_exit(&mut s);
    assert!(status.success());
}

#[test]
fn the_iam_workbench_opens_a_sample_and_an_edited_action_changes_the_decision() {
    let mut s = Session::start(100, 30, &["--lang", "en"]);
    s.wait_for("Step Functions");
    s.send("0");
    s.wait_for("Stock forecast");
    s.send("w");
    s.wait_for("Lab · IAM ·");
    s.send("p");
    s.wait_for("IAM samples");
    s.send("1");
    let screen = s.wait_for("Decision: explicit Deny");
    assert!(screen.contains("s3:DeleteBucket"), "{screen}");
    assert!(screen.contains("Evaluation flow"), "{screen}");
    s.send("a");
    s.wait_for("Action: s3:DeleteBucket");
    s.send("\x15");
    s.send("s3:GetObject");
    s.wait_for("Action: s3:GetObject");
    s.send("\r");
    let screen = s.wait_for("Decision: Allow");
    assert!(screen.contains("explicit Deny → Allow"), "{screen}");
    s.send("w");
    s.wait_for("Stock forecast");
    s.send("q");
    let status = wait_exit(&mut s);
    assert!(status.success());
}

/// Sends a signal to the app (the direct child of the terminal).
fn signal(s: &Session, sig: i32) {
    let pid = s.child.process_id().expect("pid") as i32;
    // SAFETY: kill(2) with a pid we spawned and a valid signal number.
    assert_eq!(unsafe { libc::kill(pid, sig) }, 0);
}

#[test]
fn closing_the_window_keeps_an_unsaved_budget_edit_and_ends_the_app() {
    let mut s = Session::start(100, 30, &["--lang", "en"]);
    s.wait_for("Step Functions");
    s.send("8");
    s.wait_for("Monthly $97.49");
    s.send("\r");
    s.send("5");
    s.send("\r");
    let after = s.wait_for("unsaved");
    assert!(!after.contains("Monthly $97.49"), "{after}");
    signal(&s, libc::SIGHUP);
    let _ = wait_exit(&mut s);
    let draft = s._data.path().join("budget-draft.json");
    let text = std::fs::read_to_string(&draft).expect("the draft survives the closed window");
    assert!(text.contains("\"lines\""), "{text}");
}

/// The app in a terminal of its own (raw `openpty`, so this test holds the only
/// handle on the terminal's master side), started as `nohup` would start it: SIGHUP
/// ignored. Closing the master hangs the terminal up.
#[test]
fn a_hung_up_terminal_ends_the_app_even_with_sighup_ignored() {
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::os::unix::process::CommandExt;
    let data = common::TempDir::new("hangup");
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two fds into the given integers; the name is not asked.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty");
    // SAFETY: both fds were just opened by openpty and are owned here only. The
    // master must not leak into the child, or closing it here would hang nothing up.
    let slave = unsafe {
        libc::fcntl(master, libc::F_SETFD, libc::FD_CLOEXEC);
        OwnedFd::from_raw_fd(slave)
    };
    let mut cmd = std::process::Command::new(common::BIN);
    cmd.args(["--lang", "en"])
        .env("AWS_STUDY_DATA_DIR", data.path())
        .env("LANG", "C.UTF-8")
        .env("TERM", "xterm-256color")
        .stdin(slave.try_clone().expect("dup"))
        .stdout(slave.try_clone().expect("dup"))
        .stderr(slave);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            libc::ioctl(0, libc::TIOCSCTTY, 0);
            libc::signal(libc::SIGHUP, libc::SIG_IGN);
            Ok(())
        });
    }
    let mut child = cmd.spawn().expect("spawn");
    // Read what the app draws (non-blocking, from this thread only) for a while.
    // SAFETY: fcntl on the master fd we own.
    unsafe { libc::fcntl(master, libc::F_SETFL, libc::O_NONBLOCK) };
    let mut seen = Vec::new();
    let until = Instant::now() + Duration::from_millis(1500);
    let mut buf = [0u8; 4096];
    while Instant::now() < until {
        // SAFETY: read into a buffer of the given length.
        let n = unsafe { libc::read(master, buf.as_mut_ptr().cast(), buf.len()) };
        if n > 0 {
            seen.extend_from_slice(&buf[..n as usize]);
        } else {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    assert!(
        String::from_utf8_lossy(&seen).contains("Step Functions"),
        "the app started"
    );
    // SAFETY: closing the only handle on the master: the terminal hangs up.
    unsafe { libc::close(master) };
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the app kept running after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn sigterm_restores_the_terminal() {
    let s = Session::shell(
        100,
        30,
        "\"$BIN\" --lang en; stty -a | tr ' ' '\\n' | grep -x -- '-*icanon'; echo END; sleep 5",
    );
    s.wait_for("Step Functions");
    let pid = std::process::Command::new("pgrep")
        .args(["-f", "-n", &format!("^{} --lang en$", common::BIN)])
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .trim()
                .parse::<i32>()
                .ok()
        });
    let Some(pid) = pid else {
        eprintln!("skipped: no pgrep to find the app under the shell");
        return;
    };
    // SAFETY: kill(2) with the pid of the app this test started.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let screen = s.wait_for("END");
    assert!(
        screen.lines().any(|l| l.trim() == "icanon"),
        "the terminal is out of raw mode:\n{screen}"
    );
    let p = s.parser.lock().expect("parser");
    assert!(!p.screen().alternate_screen() && !p.screen().hide_cursor());
}

#[test]
fn a_100_kb_paste_into_search_is_one_event_and_q_still_quits() {
    let mut s = Session::start(120, 40, &["--lang", "en"]);
    s.wait_for("Step Functions");
    s.send("/");
    let text: String = (0..100_000)
        .map(|i| ["a", "b", " ", "k", "m", "s", "."][i % 7])
        .collect();
    s.send(&format!("\x1b[200~{text}\x1b[201~"));
    s.wait_for("takes up to 1000 characters");
    s.esc();
    s.esc();
    s.send("q");
    assert!(wait_exit(&mut s).success());
}
