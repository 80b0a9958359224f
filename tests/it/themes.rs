//! The app's colour themes: `--theme dark|light|high-contrast`, remembered in
//! `settings.json` (unknown fields kept), and `NO_COLOR`, which leaves no colour in
//! any cell whatever the theme. Colour matters here, so the snapshots are of the
//! buffer's cells with their styles.
use crate::common;

use aws_study::lang::Lang;
use aws_study::store::settings::Settings;
use aws_study::tui::app::App;
use aws_study::tui::theme::{Theme, ThemeKind};
use common::{TempDir, draw, press};
use crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};

/// The app with a theme, on the bundled content, nothing saved.
fn themed(lang: Lang, kind: ThemeKind, no_color: bool) -> App {
    let lib = aws_study::content::Library::load(None).expect("bundled content");
    let settings = Settings {
        version: 1,
        ..Default::default()
    };
    App::new(lib, lang, settings, None, Theme::with(kind, no_color))
}

/// The app as the binary builds it, from a command line (settings read from disk).
fn app_from_args(args: &[&str]) -> App {
    use clap::Parser;
    let mut argv = vec!["aws-study"];
    argv.extend_from_slice(args);
    let cli = aws_study::cli::Cli::try_parse_from(argv).expect("args");
    aws_study::tui::new_app(aws_study::context(&cli).expect("context"))
}

fn saved(dir: &std::path::Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("settings.json")).expect("settings.json");
    serde_json::from_str(&text).expect("json")
}

#[test]
fn the_theme_given_with_the_flag_is_remembered_and_unknown_fields_survive() {
    let d = TempDir::new("theme");
    let dir = d.path().to_str().expect("utf-8 path");
    std::fs::write(
        d.path().join("settings.json"),
        r#"{"version": 1, "future": {"x": 1}}"#,
    )
    .expect("write settings");
    let mut a = app_from_args(&["--data-dir", dir]);
    assert_eq!(a.theme.kind, ThemeKind::Dark, "the default");
    a.save();
    assert!(
        saved(d.path()).get("theme").is_none(),
        "the default is not written"
    );
    let mut a = app_from_args(&["--data-dir", dir, "--theme", "light"]);
    assert_eq!(a.theme.kind, ThemeKind::Light);
    a.save();
    let s = saved(d.path());
    assert_eq!(s["theme"], "light", "{s}");
    assert_eq!(s["future"]["x"], 1, "unknown fields survive: {s}");
    // The next run, without the flag, starts in the theme chosen.
    let mut a = app_from_args(&["--data-dir", dir]);
    assert_eq!(a.theme.kind, ThemeKind::Light);
    a.save();
    assert_eq!(saved(d.path())["theme"], "light");
    for (flag, kind) in [
        ("high-contrast", ThemeKind::HighContrast),
        ("dark", ThemeKind::Dark),
    ] {
        let mut a = app_from_args(&["--data-dir", dir, "--theme", flag]);
        assert_eq!(a.theme.kind, kind);
        a.save();
        assert_eq!(saved(d.path())["theme"], flag);
        assert_eq!(app_from_args(&["--data-dir", dir]).theme.kind, kind);
    }
}

#[test]
fn a_theme_a_newer_build_named_is_kept_and_an_unknown_flag_is_a_usage_error() {
    let d = TempDir::new("theme-newer");
    let dir = d.path().to_str().expect("utf-8 path");
    std::fs::write(
        d.path().join("settings.json"),
        r#"{"version": 1, "theme": "solarized"}"#,
    )
    .expect("write settings");
    let mut a = app_from_args(&["--data-dir", dir]);
    assert_eq!(a.theme.kind, ThemeKind::Dark);
    a.save();
    assert_eq!(saved(d.path())["theme"], "solarized");
    let o = common::run(d.path(), &["--theme", "neon", "topics"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        common::stderr(&o).contains("dark, light, high-contrast"),
        "{}",
        common::stderr(&o)
    );
}

/// Screens of every kind: notes with the outline, help, the Budget tab and its
/// details, the Quiz menu, the Lab.
fn every_kind_of_screen(a: &mut App, w: u16, h: u16) -> Vec<ratatui::buffer::Buffer> {
    let mut out = Vec::new();
    let mut grab = |a: &mut App| out.push(draw(a, w, h).backend().buffer().clone());
    grab(a);
    press(a, KeyCode::Char('o'));
    grab(a);
    press(a, KeyCode::Esc);
    press(a, KeyCode::Char('?'));
    grab(a);
    press(a, KeyCode::Esc);
    press(a, KeyCode::Char('8'));
    press(a, KeyCode::Char('x')); // an excluded line, drawn as secondary text
    grab(a);
    press(a, KeyCode::Char('i'));
    grab(a);
    press(a, KeyCode::Esc);
    press(a, KeyCode::Char('9'));
    grab(a);
    press(a, KeyCode::Char('0'));
    grab(a);
    out
}

#[test]
fn no_color_leaves_no_colour_in_any_cell_whatever_the_theme() {
    for kind in ThemeKind::ALL {
        for lang in [Lang::En, Lang::PtBr] {
            let mut a = themed(lang, kind, true);
            let mut reversed = false;
            for buf in every_kind_of_screen(&mut a, 120, 40) {
                for cell in &buf.content {
                    assert_eq!(
                        (cell.fg, cell.bg),
                        (Color::Reset, Color::Reset),
                        "{kind:?} {lang:?}: {cell:?}"
                    );
                    reversed |= cell.modifier.contains(Modifier::REVERSED);
                }
            }
            assert!(reversed, "{kind:?}: selection and bars in reverse video");
            // Colours on, the same screens are coloured.
            let mut a = themed(lang, kind, false);
            let coloured = every_kind_of_screen(&mut a, 120, 40)
                .iter()
                .flat_map(|b| b.content.iter())
                .any(|c| c.fg != Color::Reset || c.bg != Color::Reset);
            assert!(coloured, "{kind:?}");
        }
    }
}

#[test]
fn high_contrast_never_dims_or_greys_text() {
    let mut a = themed(Lang::En, ThemeKind::HighContrast, false);
    for buf in every_kind_of_screen(&mut a, 120, 40) {
        for cell in &buf.content {
            assert!(!cell.modifier.contains(Modifier::DIM), "{cell:?}");
            for c in [cell.fg, cell.bg] {
                assert!(
                    matches!(
                        c,
                        Color::Reset | Color::Black | Color::White | Color::LightYellow
                    ),
                    "{cell:?}"
                );
            }
        }
    }
}

#[test]
fn the_budget_tab_in_the_light_and_high_contrast_themes() {
    for kind in [ThemeKind::Light, ThemeKind::HighContrast] {
        for lang in [Lang::En, Lang::PtBr] {
            for (w, h) in [(80, 24), (120, 40)] {
                let mut a = themed(lang, kind, false);
                press(&mut a, KeyCode::Char('8'));
                let t = draw(&mut a, w, h);
                let name = format!("budget_{}_{}_{w}x{h}", kind.code(), lang.code());
                insta::assert_snapshot!(name, format!("{:?}", t.backend().buffer()));
            }
        }
    }
}
