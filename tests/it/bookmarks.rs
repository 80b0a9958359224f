//! Bookmarks in the notes as a learner uses them: `m` marks the section being read,
//! `M` lists the marks by note and heading (in the language shown), Enter jumps there,
//! `d` deletes; they are kept in `bookmarks.json` (unknown fields survive; a file that
//! cannot be read is never written over, one that is not bookmarks is moved aside).
use crate::common;

use aws_study::lang::Lang;
use aws_study::tui::app::{App, Tab};
use common::{TempDir, app_with, press, screen};
use crossterm::event::KeyCode;

fn saved(dir: &std::path::Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("bookmarks.json")).expect("bookmarks.json");
    serde_json::from_str(&text).expect("json")
}

/// Opens note tab `tab` at the outline's `n`-th section (0-based).
fn at_section(a: &mut App, tab: char, n: usize) {
    press(a, KeyCode::Char(tab));
    screen(a, 100, 30);
    press(a, KeyCode::Char('o'));
    for _ in 0..n {
        press(a, KeyCode::Down);
    }
    press(a, KeyCode::Enter);
    screen(a, 100, 30);
}

/// The id of the `##` section at the top of the note shown.
fn section_shown(a: &mut App) -> Option<String> {
    let lay = a.current_layout();
    let scroll = a.notes[a.note_index()].scroll;
    lay.anchors
        .iter()
        .rev()
        .find(|x| x.level == 2 && x.line <= scroll)
        .and_then(|x| x.id.clone())
}

#[test]
fn mark_list_jump_and_delete_and_they_survive_a_restart() {
    let d = TempDir::new("bookmarks");
    let mut a = app_with(Lang::En, Some(d.path()));
    at_section(&mut a, '3', 2);
    let security_section = section_shown(&mut a).expect("a section id");
    press(&mut a, KeyCode::Char('m'));
    let s = screen(&mut a, 100, 30);
    assert!(s.contains("bookmarked: ") && s.contains("M lists"), "{s}");
    at_section(&mut a, '4', 1);
    let cost_section = section_shown(&mut a).expect("a section id");
    press(&mut a, KeyCode::Char('m'));
    let b = saved(d.path());
    assert_eq!(b["version"], 1);
    assert_eq!(b["bookmarks"][0]["topic"], "security", "{b}");
    assert_eq!(b["bookmarks"][0]["section"], security_section.as_str());
    assert_eq!(b["bookmarks"][1]["topic"], "cost-optimization", "{b}");
    // From another note, the list jumps to the first mark.
    press(&mut a, KeyCode::Char('1'));
    press(&mut a, KeyCode::Char('M'));
    let s = screen(&mut a, 100, 30);
    assert!(
        s.contains("Bookmarks — Enter jumps") && s.contains("Security on AWS"),
        "{s}"
    );
    press(&mut a, KeyCode::Enter);
    screen(&mut a, 100, 30);
    assert_eq!(a.tab, Tab::Note(2));
    assert_eq!(section_shown(&mut a), Some(security_section.clone()));
    // A restart in the other language: the marks are there, named in Portuguese.
    let mut a = app_with(Lang::PtBr, Some(d.path()));
    press(&mut a, KeyCode::Char('1'));
    press(&mut a, KeyCode::Char('M'));
    let s = screen(&mut a, 100, 30);
    assert!(
        s.contains("Marcadores — Enter abre") && s.contains("Segurança na AWS"),
        "{s}"
    );
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Enter);
    screen(&mut a, 100, 30);
    assert_eq!(a.tab, Tab::Note(3));
    assert_eq!(section_shown(&mut a), Some(cost_section));
    // `m` on a marked section unmarks it; `d` in the list deletes.
    press(&mut a, KeyCode::Char('m'));
    assert!(screen(&mut a, 100, 30).contains("marcador removido"));
    assert_eq!(
        saved(d.path())["bookmarks"].as_array().map(Vec::len),
        Some(1)
    );
    press(&mut a, KeyCode::Char('M'));
    press(&mut a, KeyCode::Char('d'));
    let s = screen(&mut a, 100, 30);
    assert!(s.contains("Nenhum marcador ainda"), "{s}");
    assert_eq!(
        saved(d.path())["bookmarks"].as_array().map(Vec::len),
        Some(0)
    );
    press(&mut a, KeyCode::Esc);
    assert!(a.notes.bookmark_list.is_none());
}

#[test]
fn the_bookmark_list_in_both_languages_at_80x24_and_120x40() {
    let d = TempDir::new("bookmarks-screens");
    std::fs::write(
        d.path().join("bookmarks.json"),
        r#"{"version": 1, "bookmarks": [
            {"topic": "step-functions", "section": "state-types"},
            {"topic": "security"},
            {"topic": "scenarios", "section": "gone-section"},
            {"topic": "not-a-topic", "section": "x"}]}"#,
    )
    .expect("write bookmarks");
    for lang in [Lang::En, Lang::PtBr] {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut a = app_with(lang, Some(d.path()));
            press(&mut a, KeyCode::Char('1'));
            press(&mut a, KeyCode::Char('M'));
            press(&mut a, KeyCode::Down);
            let s = screen(&mut a, w, h);
            insta::assert_snapshot!(format!("bookmarks_{}_{w}x{h}", lang.code()), s);
        }
    }
    // A bookmark of a note this content does not have says so.
    let mut a = app_with(Lang::En, Some(d.path()));
    press(&mut a, KeyCode::Char('M'));
    press(&mut a, KeyCode::End);
    for _ in 0..3 {
        press(&mut a, KeyCode::Down);
    }
    press(&mut a, KeyCode::Enter);
    assert!(screen(&mut a, 100, 30).contains("'not-a-topic' is not a note"));
}

#[test]
fn unknown_fields_survive_and_a_file_that_cannot_be_read_is_never_replaced() {
    let d = TempDir::new("bookmarks-files");
    std::fs::write(
        d.path().join("bookmarks.json"),
        r#"{"version": 1, "sync": {"x": 1}, "bookmarks": [{"topic": "security", "colour": "red"}]}"#,
    )
    .expect("write");
    let mut a = app_with(Lang::En, Some(d.path()));
    at_section(&mut a, '3', 1);
    press(&mut a, KeyCode::Char('m'));
    let b = saved(d.path());
    assert_eq!(b["sync"]["x"], 1, "{b}");
    assert_eq!(b["bookmarks"][0]["colour"], "red", "{b}");
    assert_eq!(b["bookmarks"].as_array().map(Vec::len), Some(2), "{b}");
    // A newer version: left exactly as it is, marks kept for the session only.
    let newer = br#"{"version": 2, "bookmarks": "elsewhere"}"#;
    std::fs::write(d.path().join("bookmarks.json"), newer).expect("write");
    let mut a = app_with(Lang::En, Some(d.path()));
    assert!(screen(&mut a, 100, 30).contains("version 2"));
    at_section(&mut a, '3', 1);
    press(&mut a, KeyCode::Char('m'));
    assert!(screen(&mut a, 100, 30).contains("this session only"));
    assert_eq!(
        std::fs::read(d.path().join("bookmarks.json")).expect("read"),
        newer
    );
    // Not bookmarks at all: moved aside with a warning, then written afresh.
    std::fs::write(d.path().join("bookmarks.json"), b"\xff\xfe not json").expect("write");
    let mut a = app_with(Lang::PtBr, Some(d.path()));
    assert!(screen(&mut a, 100, 30).contains("movidos para"));
    at_section(&mut a, '3', 1);
    press(&mut a, KeyCode::Char('m'));
    assert_eq!(
        saved(d.path())["bookmarks"].as_array().map(Vec::len),
        Some(1)
    );
    let aside = std::fs::read_dir(d.path())
        .expect("dir")
        .filter_map(Result::ok)
        .any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("bookmarks.json.corrupt-")
        });
    assert!(aside);
}
