//! The layers stay apart, read straight from the sources: the terminal UI (`src/tui`)
//! and the non-interactive commands (`src/commands`) never import each other (what
//! both need lives in the domain), and no domain module (`budget`, `quiz`, `content`,
//! `sfn`, `iam`, `markdown`, `store`, and the leaves `rng`, `assets`) knows the terminal or
//! either front end. `markdown` lays out lines of its own type, not ratatui's, so it is
//! held to the same rule.
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for e in entries {
        let p = e.expect("directory entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every `file:line: text` under `src/<module>` (a folder or a single `.rs` file)
/// that mentions one of `forbidden`.
fn mentions(module: &str, forbidden: &[&str]) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let dir = src.join(module);
    if dir.is_dir() {
        rust_files(&dir, &mut files);
    } else {
        files.push(src.join(format!("{module}.rs")));
    }
    assert!(!files.is_empty(), "no sources for {module}");
    files.sort();
    let mut hits = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for (n, line) in text.lines().enumerate() {
            if forbidden.iter().any(|w| line.contains(w)) {
                let rel = f.strip_prefix(&src).unwrap_or(&f).display().to_string();
                hits.push(format!("src/{rel}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    hits
}

#[test]
fn the_tui_does_not_import_the_commands() {
    let hits = mentions("tui", &["crate::commands", "commands::"]);
    assert!(
        hits.is_empty(),
        "move what both need into the domain:\n{}",
        hits.join("\n")
    );
}

#[test]
fn the_commands_do_not_import_the_tui() {
    let hits = mentions("commands", &["crate::tui", "tui::"]);
    assert!(
        hits.is_empty(),
        "move what both need into the domain:\n{}",
        hits.join("\n")
    );
}

#[test]
fn domain_modules_know_neither_the_terminal_nor_the_front_ends() {
    let forbidden = ["ratatui", "crossterm", "crate::tui", "crate::commands"];
    let mut hits = Vec::new();
    for module in [
        "budget", "quiz", "content", "sfn", "iam", "markdown", "store", "jsonpos", "lang", "rng",
        "assets", "wrap", "numfmt",
    ] {
        hits.extend(mentions(module, &forbidden));
    }
    assert!(
        hits.is_empty(),
        "the domain must not know these:\n{}",
        hits.join("\n")
    );
}

#[test]
fn the_leaf_modules_import_nothing_of_the_crate() {
    let hits: Vec<String> = ["rng", "assets", "wrap"]
        .iter()
        .flat_map(|m| mentions(m, &["crate::"]))
        .collect();
    assert!(
        hits.is_empty(),
        "a leaf module stands alone:\n{}",
        hits.join("\n")
    );
}

#[test]
fn the_lab_domain_does_not_reach_into_the_quiz() {
    let hits = mentions("sfn", &["crate::quiz"]);
    assert!(hits.is_empty(), "{}", hits.join("\n"));
}

#[test]
fn no_source_or_readme_points_to_a_spec_the_repository_does_not_hold() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.push(root.join("README.md"));
    files.push(root.join("README.pt-BR.md"));
    let mut hits = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        for (i, line) in text.lines().enumerate() {
            if line.contains("SPEC §") || line.contains("SPEC.md") || line.contains("SPEC ") {
                hits.push(format!("{}:{}: {line}", f.display(), i + 1));
            }
        }
    }
    assert!(
        hits.is_empty(),
        "say it here instead of pointing to the SPEC:\n{}",
        hits.join("\n")
    );
}
