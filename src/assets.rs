//! The files compiled into the binary (every `.md` and `.json` under `content/` and
//! `assets/`, gathered by `build.rs`), so an installed `aws-study` needs no files
//! beside it. A leaf module: the content, the budget catalog and scenarios and the
//! Lab's samples all read from here without importing each other.
mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

/// Every bundled file as (path relative to the repository, contents), sorted by path.
pub static ALL: &[(&str, &str)] = bundled::BUNDLED;

/// A bundled file's contents by its path relative to the repository (`assets/…`).
pub fn file(rel: &str) -> Option<&'static str> {
    ALL.iter().find(|(p, _)| *p == rel).map(|(_, text)| *text)
}

/// Bundled files under a path prefix: (path, contents).
pub fn files(prefix: &str) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
    ALL.iter()
        .filter(move |(p, _)| p.starts_with(prefix))
        .map(|(p, t)| (*p, *t))
}
