//! Helpers shared by the integration tests: running the real binary with a private
//! data directory and a fixed environment, its output as text, the interactive app
//! on the bundled content, pressing keys and drawing it into a test terminal, and a
//! seeded generator for property tests. Every test file uses these instead of its own.
#![allow(dead_code)]
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_aws-study");

/// A fresh directory under the system temp dir, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let p = std::env::temp_dir().join(format!(
            "aws-study-test-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("create temp dir");
        TempDir(p)
    }
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The binary with a clean environment: English locale, a private data dir.
pub fn cmd(data: &Path) -> Command {
    cmd_through(&[], data)
}

/// The binary run through another program (`setpriv …`, `unshare …`; none when
/// `wrapper` is empty), with the same clean environment as [`cmd`].
pub fn cmd_through(wrapper: &[&str], data: &Path) -> Command {
    let mut c = match wrapper.split_first() {
        None => Command::new(BIN),
        Some((program, args)) => {
            let mut c = Command::new(program);
            c.args(args).arg(BIN);
            c
        }
    };
    c.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("LANG", "C.UTF-8")
        .env("AWS_STUDY_DATA_DIR", data)
        .stdin(Stdio::null());
    c
}

pub fn run(data: &Path, args: &[&str]) -> Output {
    cmd(data).args(args).output().expect("run aws-study")
}

/// Runs `c` with `input` on its stdin and collects its output (a program that stops
/// reading early is fine).
pub fn run_with_input(mut c: Command, input: &str) -> Output {
    use std::io::Write;
    let mut child = c
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn aws-study");
    if let Some(mut sin) = child.stdin.take() {
        let _ = sin.write_all(input.as_bytes());
    }
    child.wait_with_output().expect("wait for aws-study")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A content directory with one note in both languages.
pub fn user_content(root: &Path, file: &str, en: &str, pt: &str) {
    for (lang, text) in [("en", en), ("pt-BR", pt)] {
        std::fs::create_dir_all(root.join(lang)).expect("mkdir");
        std::fs::write(root.join(lang).join(file), text).expect("write note");
    }
}

/// Copies the bundled content tree (for `check` tests that break a copy).
pub fn copy_content(to: &Path) {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).expect("mkdir");
        for e in std::fs::read_dir(from).expect("read dir") {
            let e = e.expect("entry");
            let p = e.path();
            if p.is_dir() {
                copy(&p, &to.join(e.file_name()));
            } else {
                std::fs::copy(&p, to.join(e.file_name())).expect("copy");
            }
        }
    }
    copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), to);
}

/// Display width the way terminals count it.
pub fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// A small deterministic generator (xorshift64) for property tests: a failing case
/// reproduces from its seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// A number in 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The interactive app on the bundled content, nothing saved, colours on.
pub fn app(lang: aws_study::lang::Lang) -> aws_study::tui::app::App {
    app_with(lang, None)
}

/// The interactive app on the bundled content with `data` as its data directory
/// (`None`: nothing is saved), default settings, colours on.
pub fn app_with(lang: aws_study::lang::Lang, data: Option<&Path>) -> aws_study::tui::app::App {
    let settings = aws_study::store::settings::Settings {
        version: 1,
        ..Default::default()
    };
    app_from(lang, settings, data, false)
}

/// The interactive app on the bundled content, built from everything it takes:
/// settings (as read from disk, or a case's own), the data directory, `NO_COLOR`.
pub fn app_from(
    lang: aws_study::lang::Lang,
    settings: aws_study::store::settings::Settings,
    data: Option<&Path>,
    no_color: bool,
) -> aws_study::tui::app::App {
    let lib = aws_study::content::Library::load(None).expect("bundled content");
    aws_study::tui::app::App::new(
        lib,
        lang,
        settings,
        data.map(Path::to_path_buf),
        aws_study::tui::theme::Theme::new(no_color),
    )
}

/// The app drawn into a `w`×`h` test terminal.
pub fn draw(
    app: &mut aws_study::tui::app::App,
    w: u16,
    h: u16,
) -> ratatui::Terminal<ratatui::backend::TestBackend> {
    let mut t =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| aws_study::tui::views::render(f, app))
        .expect("draw");
    t
}

/// The rendered screen as text.
pub fn screen(app: &mut aws_study::tui::app::App, w: u16, h: u16) -> String {
    draw(app, w, h).backend().to_string()
}

/// One key press with modifiers.
pub fn key(
    app: &mut aws_study::tui::app::App,
    code: crossterm::event::KeyCode,
    modifiers: crossterm::event::KeyModifiers,
) {
    use crossterm::event::{Event, KeyEvent};
    aws_study::tui::handle_event(app, &Event::Key(KeyEvent::new(code, modifiers)));
}

/// One key press without modifiers.
pub fn press(app: &mut aws_study::tui::app::App, code: crossterm::event::KeyCode) {
    key(app, code, crossterm::event::KeyModifiers::NONE);
}

/// Ctrl and a letter (Ctrl-U empties the field being typed).
pub fn ctrl(app: &mut aws_study::tui::app::App, c: char) {
    key(
        app,
        crossterm::event::KeyCode::Char(c),
        crossterm::event::KeyModifiers::CONTROL,
    );
}

/// Each character of `s` as a key press.
pub fn typed(app: &mut aws_study::tui::app::App, s: &str) {
    for c in s.chars() {
        press(app, crossterm::event::KeyCode::Char(c));
    }
}

/// Ctrl-U: clears the text field that is open.
pub fn clear_field_keys(app: &mut aws_study::tui::app::App) {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    aws_study::tui::handle_event(
        app,
        &Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
}

/// The Budget tab's monthly total, as a plain decimal (`97.49`).
pub fn budget_total(a: &aws_study::tui::app::App) -> String {
    a.budget
        .budget
        .compute()
        .expect("computes")
        .total
        .to_string()
}

/// The app opened on the Budget tab (`8`), with `data` as its data directory.
pub fn budget_tab(lang: aws_study::lang::Lang, data: Option<&Path>) -> aws_study::tui::app::App {
    let mut a = app_with(lang, data);
    press(&mut a, crossterm::event::KeyCode::Char('8'));
    assert!(a.on_budget());
    a
}
