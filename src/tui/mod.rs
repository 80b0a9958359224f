//! The interactive app: terminal setup and restore, and the event loop. The loop
//! draws, then blocks on the next event: with nothing happening the process sleeps.
pub mod action;
pub mod app;
pub mod budget_tab;
pub mod keymap;
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

pub fn run(ctx: Context, mouse: bool, _quiz: bool) -> Result<(), Failure> {
    let mut app = new_app(ctx);
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
        loop {
            terminal.draw(|f| views::draw(f, &mut app))?;
            if app.quit {
                return Ok(());
            }
            let ev = event::read()?;
            handle_event(&mut app, &ev);
        }
    })();
    if mouse {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
    }
    ratatui::restore();
    result.map_err(|e| Failure::Runtime(format!("terminal error: {e}")))
}
