//! User content at scale stays near-linear: tens of thousands of search
//! hits, a 100 KB query, a note of 50,000 headings, 50,000 topics, a table of 5,000
//! columns. Each case is sized so that the quadratic code it replaced ran for minutes
//! in a debug build, while linear code finishes in a second or two; the bounds are
//! generous (slow machines, debug builds) and the counts are asserted exactly.
use crate::common;

use std::borrow::Cow;
use std::time::{Duration, Instant};

use aws_study::content::check::check;
use aws_study::content::search::SearchIndex;
use aws_study::content::{ContentFile, FileSet, Library};
use aws_study::lang::Lang;
use aws_study::markdown::{layout, parse};

use common::{TempDir, run, stdout};

/// Far more than linear work needs even in a debug build; far less than the
/// quadratic versions took.
const BOUND: Duration = Duration::from_secs(20);

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took < BOUND, "{what} took {took:?} (bound {BOUND:?})");
    out
}

fn file(rel: &str, text: String) -> ContentFile {
    ContentFile {
        rel: rel.into(),
        display: rel.into(),
        text: Cow::Owned(text),
        invalid_utf8_at: None,
    }
}

/// One note, the same text in both languages.
fn one_note(name: &str, text: &str) -> FileSet {
    FileSet {
        files: vec![
            file(&format!("en/{name}"), text.to_string()),
            file(&format!("pt-BR/{name}"), text.to_string()),
        ],
    }
}

fn hits_note(n: usize) -> String {
    let mut s = String::from("# Hits\n\n");
    for i in 0..n {
        s.push_str(&format!("line {i} mentions needle here\n\n"));
    }
    s
}

#[test]
fn search_with_forty_thousand_hits_is_linear() {
    let lib = Library::from_files(one_note("91-hits.md", &hits_note(40_000)));
    let index = SearchIndex::build(&lib);
    let hits = timed("search with 40,000 hits", || {
        index.search(&lib, Some(Lang::En), "needle", usize::MAX)
    });
    assert_eq!(hits.len(), 40_000);
    let last = hits.last().expect("hits");
    assert_eq!(last.line, 3 + 2 * 39_999, "source line of the last hit");
    assert_eq!(last.snippet, "line 39999 mentions needle here");
}

#[test]
fn the_search_command_prints_forty_thousand_hits_in_seconds() {
    let data = TempDir::new("scale-search-data");
    let content = TempDir::new("scale-search-content");
    let note = hits_note(40_000);
    common::user_content(content.path(), "91-hits.md", &note, &note);
    let dir = content.path().to_string_lossy().into_owned();
    let out = timed("aws-study search with 40,000 hits", || {
        run(
            data.path(),
            &["search", "needle", "--lang", "en", "--content", &dir],
        )
    });
    assert!(out.status.success());
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 40_000);
    assert!(
        text.ends_with("hits:80001: line 39999 mentions needle here\n"),
        "{}",
        &text[text.len().saturating_sub(200)..]
    );
}

#[test]
fn a_hundred_kilobyte_query_costs_its_length_once() {
    let mut note = String::from("# Lines\n\n");
    for i in 0..50_000 {
        note.push_str(&format!(
            "line {i} of ordinary prose about needle and hay\n\n"
        ));
    }
    // One line long enough to hold the query, which must still be found.
    let query = "needle ".repeat(100_000 / 7);
    note.push_str(&format!("start {query} end\n"));
    let lib = Library::from_files(one_note("94-lines.md", &note));
    let index = SearchIndex::build(&lib);
    let hits = timed("a 100 KB query over 50,000 lines", || {
        index.search(&lib, Some(Lang::En), &query, usize::MAX)
    });
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].line, 3 + 2 * 50_000);
    let none = timed("a 100 KB query with no match", || {
        index.search(&lib, None, &"x".repeat(100_000), usize::MAX)
    });
    assert!(none.is_empty());
}

#[test]
fn check_of_a_note_with_fifty_thousand_headings_is_linear() {
    let mut note = String::from("# Heads\n\n");
    for i in 0..50_000 {
        note.push_str(&format!("## Heading {i} {{#h{i}}}\n\ntext\n\n"));
    }
    // A duplicate at the end is still reported against the first.
    note.push_str("## Again {#h7}\n");
    let files = one_note("92-heads.md", &note);
    let report = timed("check of 50,000 headings", || {
        check(&files, &FileSet::default())
    });
    let messages: Vec<String> = report.findings.iter().map(|f| f.to_string()).collect();
    assert_eq!(
        messages,
        vec![
            "en/92-heads.md:200003: duplicate heading id 'h7' (first at line 31)",
            "pt-BR/92-heads.md:200003: duplicate heading id 'h7' (first at line 31)",
        ]
    );
}

#[test]
fn fifty_thousand_topics_load_in_linear_time() {
    let n = 50_000;
    let mut files = Vec::with_capacity(2 * n);
    for lang in ["en", "pt-BR"] {
        for i in 1..=n {
            files.push(file(
                &format!("{lang}/{i:05}-t{i}.md"),
                format!("# T{i}\n\nx\n"),
            ));
        }
    }
    let set = FileSet { files };
    let lib = timed("loading 50,000 topics", || Library::from_files(set));
    assert_eq!(lib.topics.len(), n);
    let titles = timed("titles of 50,000 topics", || {
        lib.topics
            .iter()
            .map(|t| t.title(Lang::PtBr))
            .collect::<Vec<_>>()
    });
    assert_eq!(titles[0], "T1");
    assert_eq!(titles[n - 1], format!("T{n}"));
}

#[test]
fn a_five_thousand_column_table_lays_out_in_bounded_memory() {
    let cols = 5_000;
    let mut md = String::from("# Wide\n\n|");
    for i in 0..cols {
        md.push_str(&format!("c{i}|"));
    }
    md.push_str(&format!("\n|{}\n", "-|".repeat(cols)));
    for _ in 0..40 {
        md.push('|');
        for i in 0..cols {
            md.push_str(&format!("v{i}|"));
        }
        md.push('\n');
    }
    let lay = timed("layout of a 5,000-column table", || {
        layout(&parse(&md), 100)
    });
    let text: usize = lay.lines.iter().map(|l| l.text.len()).sum();
    // Every pair is shown ("c4999: v4999" 40 times), in lines filled to the width:
    // about the size of the text itself, not one line per cell (200,000 lines).
    let pairs = lay
        .lines
        .iter()
        .map(|l| l.text.matches(": v").count())
        .sum::<usize>();
    assert_eq!(pairs, cols * 40);
    assert!(lay.lines.len() < 50_000, "{} lines", lay.lines.len());
    assert!(text < 4 * md.len(), "{text} bytes of text for {}", md.len());
    assert!(lay.lines.iter().all(|l| common::width(&l.text) <= 100));
    assert_eq!(lay.lines[3].text, "▦ 5000 × 40");
}

/// The TUI runs the same code: the global search overlay over 40,000 hits (at the
/// end of a long note, where walking the note per hit cost most), the note search and
/// the note with the 5,000-column table, each drawn at 80×24. A guard rather than a
/// reproduction: the overlay stops at 500 hits, so the old code stayed within the
/// bound here (about 14 s in a debug build, against 2 s now).
#[test]
fn the_tui_searches_and_shows_large_notes_in_seconds() {
    use aws_study::tui::app::{App, Overlay};
    use crossterm::event::KeyCode;

    let mut hits = String::from("# Hits\n\n");
    for i in 0..60_000 {
        hits.push_str(&format!("filler line {i}\n\n"));
    }
    hits.push_str(&hits_note(40_000)["# Hits\n\n".len()..]);
    let cols = 5_000;
    let mut wide = String::from("# Wide\n\n|");
    for i in 0..cols {
        wide.push_str(&format!("c{i}|"));
    }
    wide.push_str(&format!("\n|{}\n", "-|".repeat(cols)));
    for _ in 0..40 {
        wide.push('|');
        for i in 0..cols {
            wide.push_str(&format!("v{i}|"));
        }
        wide.push('\n');
    }
    let mut files = FileSet::bundled();
    files.files.extend(one_note("91-hits.md", &hits).files);
    files.files.extend(one_note("93-wide.md", &wide).files);
    let lib = Library::from_files(files);
    let wide_tab = lib.position("wide").expect("wide topic");
    let mut app = App::new(
        lib,
        Lang::En,
        aws_study::store::settings::Settings {
            version: 1,
            ..Default::default()
        },
        None,
        aws_study::tui::theme::Theme::new(false),
    );
    timed("global search over 40,000 hits", || {
        common::press(&mut app, KeyCode::Char('s'));
        common::typed(&mut app, "needle");
        common::screen(&mut app, 80, 24)
    });
    let Overlay::Search(gs) = &app.overlay else {
        panic!("the search overlay is open")
    };
    assert_eq!(
        gs.results.len(),
        500,
        "the overlay lists the first 500 hits"
    );
    assert_eq!(gs.results[499].line, 3 + 2 * 60_000 + 2 * 499);
    common::press(&mut app, KeyCode::Esc);

    app.tab = aws_study::tui::app::Tab::Note(wide_tab);
    let screen = timed("opening the 5,000-column table", || {
        common::screen(&mut app, 80, 24)
    });
    assert!(screen.contains("▦ 5000 × 40"), "{screen}");
    timed("note search in the wide table", || {
        common::press(&mut app, KeyCode::Char('/'));
        common::typed(&mut app, "v4999");
        common::press(&mut app, KeyCode::Enter);
        common::screen(&mut app, 80, 24)
    });
    let found = app.notes[wide_tab].search.as_ref().map(|s| s.matches.len());
    assert_eq!(found, Some(40), "v4999 once per row");
}
