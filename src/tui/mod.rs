//! The interactive app: terminal setup and restore, and the event loop. The loop
//! draws, then blocks on the next event: with nothing happening the process sleeps.
pub mod action;
pub mod app;
pub mod budget_tab;
pub mod keymap;
pub mod lab_tab;
pub mod quiz_tab;
pub mod theme;
pub mod views;

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, MouseButton, MouseEventKind,
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

/// Applies an event, including pasted text into an open text field.
pub fn handle_event(app: &mut App, ev: &Event) {
    if let Event::Paste(text) = ev {
        if matches!(
            app.context(),
            keymap::Context::NoteSearchField | keymap::Context::GlobalSearch
        ) {
            for c in text.chars().filter(|c| !c.is_control()) {
                app.update(Action::InputChar(c));
            }
        }
        return;
    }
    if let Some(a) = map_event(app, ev) {
        app.update(a);
    }
}

pub fn new_app(ctx: Context) -> App {
    let mut app = App::new(
        ctx.library,
        ctx.lang,
        ctx.settings,
        ctx.data_dir,
        theme::Theme::from_env(),
    );
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
    // ratatui's hook restores raw mode and the alternate screen on a panic; ours adds
    // mouse capture, which it does not know about.
    let mut terminal = ratatui::try_init()
        .map_err(|e| Failure::Runtime(format!("cannot set up the terminal: {e}")))?;
    if mouse {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(std::io::stdout(), DisableMouseCapture);
            prev(info);
        }));
        let _ = execute!(std::io::stdout(), EnableMouseCapture);
    }
    let result = (|| -> std::io::Result<()> {
        let mut last_tick: Option<std::time::Instant> = None;
        loop {
            terminal.draw(|f| views::draw(f, &mut app))?;
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
                        let lang = app.lang;
                        app.quiz.tick(secs as i64, lang);
                    }
                }
            } else {
                last_tick = None;
                let ev = event::read()?;
                handle_event(&mut app, &ev);
            }
        }
    })();
    if mouse {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
    }
    ratatui::restore();
    result.map_err(|e| Failure::Runtime(format!("terminal error: {e}")))
}
