//! The interactive app: terminal setup and restore, and the event loop. The loop
//! draws, then blocks on the next event: with nothing happening the process sleeps.
pub mod action;
pub mod app;
pub mod budget_tab;
pub mod iam_tab;
pub mod keymap;
pub mod lab_tab;
pub mod message;
pub mod notes_tab;
pub mod outcome;
pub mod quiz_tab;
pub mod safe_backend;
pub mod theme;
pub mod views;
pub mod widgets;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, MouseButton, MouseEventKind,
};
use crossterm::execute;

use self::action::Action;
use self::app::App;
use crate::{Context, Failure};

/// Turns a terminal event into an action for the current state.
pub fn map_event(app: &App, ev: &Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.is_press() => keymap::map_key(app.context(), k),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(match app.overlay {
                app::Overlay::None => Action::Scroll(3),
                _ => Action::ListMove(1),
            }),
            MouseEventKind::ScrollUp => Some(match app.overlay {
                app::Overlay::None => Action::Scroll(-3),
                _ => Action::ListMove(-1),
            }),
            MouseEventKind::Down(MouseButton::Left) if m.row == 0 => {
                Some(Action::ClickTab(m.column))
            }
            _ => None,
        },
        _ => None,
    }
}

/// Applies an event. A paste is one event, whatever its size: the open text field
/// takes it in one edit (up to the field's cap); with no field open it is ignored.
pub fn handle_event(app: &mut App, ev: &Event) {
    if let Event::Paste(text) = ev {
        app.paste(text);
        return;
    }
    if let Some(a) = map_event(app, ev) {
        app.update(a);
    }
}

/// Undoes everything `run` set up on the terminal, from any thread, without taking
/// the stdout lock (the main thread may hold it): raw mode off, mouse reports and
/// bracketed paste off, the main screen and the cursor back.
fn restore_terminal_now() {
    let _ = crossterm::terminal::disable_raw_mode();
    #[cfg(unix)]
    {
        const RESET: &[u8] =
            b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?2004l\x1b[?1049l\x1b[?25h";
        // SAFETY: write(2) on fd 1 with a valid buffer and its length; the result is
        // ignored (the terminal may be gone).
        unsafe {
            let _ = libc::write(1, RESET.as_ptr().cast(), RESET.len());
        }
    }
}

/// SIGHUP (the window closed), SIGTERM, SIGINT and SIGQUIT end the app cleanly: a
/// thread waits for them, lets any write in progress finish (the learner's work is
/// already on disk: the draft and an exam are written after every change), restores
/// the terminal and exits. This also ends an app whose terminal went away while
/// SIGHUP was ignored, instead of leaving it reading a dead terminal forever.
#[cfg(unix)]
fn install_signal_exit() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT])
    else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                let _gate = crate::store::WRITE_GATE
                    .lock()
                    .unwrap_or_else(|p| p.into_inner());
                restore_terminal_now();
                std::process::exit(128 + sig);
            }
        });
}

#[cfg(not(unix))]
fn install_signal_exit() {}

/// The most events handled before the screen is drawn again: a burst of input (a
/// paste in a terminal without bracketed paste, a held key) is taken in batches, so
/// the app stays responsive without drawing a frame per character.
const BATCH: usize = 512;

pub fn new_app(ctx: Context) -> App {
    let theme = theme::Theme::pick(
        ctx.theme,
        ctx.settings.theme.as_deref(),
        theme::Theme::no_color_env(),
    );
    let mut app = App::new(ctx.library, ctx.lang, ctx.settings, ctx.data_dir, theme);
    app.settings_writable = ctx.settings_writable;
    for w in ctx.warnings {
        app.warn(w);
    }
    app.check_data_dir();
    app
}

pub fn run(ctx: Context, mouse: bool, quiz: bool) -> Result<(), Failure> {
    let mut app = new_app(ctx);
    if quiz {
        app.open_quiz_tab();
    }
    // What ratatui::try_init does, with every cell drawn through the text boundary.
    // The panic hook restores all that is set up here, then reports.
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(
            std::io::stdout(),
            DisableBracketedPaste,
            DisableMouseCapture
        );
        ratatui::restore();
        prev(info);
    }));
    let mut terminal = (|| {
        crossterm::terminal::enable_raw_mode()?;
        execute!(std::io::stdout(), crossterm::terminal::EnterAlternateScreen)?;
        ratatui::Terminal::new(safe_backend::SafeBackend(
            ratatui::backend::CrosstermBackend::new(std::io::stdout()),
        ))
    })()
    .map_err(|e| {
        ratatui::restore();
        Failure::Runtime(format!("cannot set up the terminal: {e}"))
    })?;
    install_signal_exit();
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    if mouse {
        let _ = execute!(std::io::stdout(), EnableMouseCapture);
    }
    let result = (|| -> std::io::Result<()> {
        let mut last_tick: Option<std::time::Instant> = None;
        loop {
            terminal.draw(|f| views::render(f, &mut app))?;
            if app.quit {
                return Ok(());
            }
            // Block until input; only a running exam clock wakes the loop each second.
            if app.quiz.ticking() {
                let since = last_tick.get_or_insert_with(std::time::Instant::now);
                let wait = std::time::Duration::from_secs(1).saturating_sub(since.elapsed());
                if event::poll(wait)? {
                    let ev = event::read()?;
                    handle_event(&mut app, &ev);
                }
                // Whole seconds since the last tick, whatever the key presses did.
                if let Some(since) = last_tick.as_mut() {
                    let secs = since.elapsed().as_secs();
                    if secs >= 1 {
                        *since += std::time::Duration::from_secs(secs);
                        app.update(Action::Tick(u16::try_from(secs).unwrap_or(u16::MAX)));
                    }
                }
            } else {
                last_tick = None;
                let ev = event::read()?;
                handle_event(&mut app, &ev);
            }
            // Whatever else is already waiting, before the next frame.
            let mut n = 0;
            while n < BATCH && !app.quit && event::poll(std::time::Duration::ZERO)? {
                let ev = event::read()?;
                handle_event(&mut app, &ev);
                n += 1;
            }
        }
    })();
    if mouse {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
    }
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result.map_err(|e| Failure::Runtime(format!("terminal error: {e}")))
}
