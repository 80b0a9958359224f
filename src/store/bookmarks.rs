//! `bookmarks.json`: the note sections the learner marked (`m` in a note; `M` lists
//! them to jump to). A bookmark names a topic id and the id of a `##` section, which
//! is the same in both languages, so it survives a language switch and a different
//! window width; a mark above a note's first section has no section (the note's top).
//!
//! Like every data file: a missing file is no bookmarks; one that cannot be read (no
//! permission, not a regular file, too large) or of another version is left exactly
//! as it is and never written over; one that is not bookmarks at all (not UTF-8, not
//! JSON, a wrong type) is moved aside first; unknown fields survive a rewrite.
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::ReadError;
use crate::lang::Lang;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bookmark {
    pub topic: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Fields of a newer build: kept through a rewrite.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Bookmark {
    pub fn new(topic: &str, section: Option<String>) -> Bookmark {
        Bookmark {
            topic: topic.to_string(),
            section,
            extra: Default::default(),
        }
    }

    /// The same place (topic and section).
    pub fn is_at(&self, topic: &str, section: Option<&str>) -> bool {
        self.topic == topic && self.section.as_deref() == section
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bookmarks {
    pub version: u32,
    #[serde(default)]
    pub bookmarks: Vec<Bookmark>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Default for Bookmarks {
    fn default() -> Bookmarks {
        Bookmarks {
            version: 1,
            bookmarks: Vec::new(),
            extra: Default::default(),
        }
    }
}

/// Why `bookmarks.json` was not used as it is.
#[derive(Debug)]
pub enum Problem {
    /// It exists but cannot be read: left alone, never written.
    Unreadable(ReadError),
    /// A version this build does not know: left alone, never written.
    Version(u64),
    /// Not bookmarks: moved aside to the path given (`None`: it could not be moved,
    /// so it is left alone and never written).
    NotBookmarks { why: String, moved: Option<PathBuf> },
}

impl Problem {
    pub fn message(&self, path: &Path, lang: Lang) -> String {
        let p = path.display();
        match (self, lang) {
            (Problem::Unreadable(e), Lang::En) => format!(
                "{p}: {}; bookmarks are not saved until it is fixed",
                e.message(lang)
            ),
            (Problem::Unreadable(e), Lang::PtBr) => format!(
                "{p}: {}; os marcadores não são salvos até isso ser corrigido",
                e.message(lang)
            ),
            (Problem::Version(n), Lang::En) => {
                format!("{p}: bookmarks version {n} is not supported; the file is left as it is")
            }
            (Problem::Version(n), Lang::PtBr) => format!(
                "{p}: a versão {n} dos marcadores não é suportada; o arquivo fica como está"
            ),
            (
                Problem::NotBookmarks {
                    why,
                    moved: Some(m),
                },
                Lang::En,
            ) => format!(
                "{p}: unreadable bookmarks ({why}); moved to {}",
                m.display()
            ),
            (
                Problem::NotBookmarks {
                    why,
                    moved: Some(m),
                },
                Lang::PtBr,
            ) => format!(
                "{p}: marcadores ilegíveis ({why}); movidos para {}",
                m.display()
            ),
            (Problem::NotBookmarks { why, moved: None }, Lang::En) => format!(
                "{p}: unreadable bookmarks ({why}) that could not be moved aside; left as they are"
            ),
            (Problem::NotBookmarks { why, moved: None }, Lang::PtBr) => format!(
                "{p}: marcadores ilegíveis ({why}) que não puderam ser movidos; ficam como estão"
            ),
        }
    }

    /// Whether the file may be written after this problem.
    pub fn writable(&self) -> bool {
        matches!(self, Problem::NotBookmarks { moved: Some(_), .. })
    }
}

pub fn path(dir: &Path) -> PathBuf {
    dir.join("bookmarks.json")
}

/// Loads the bookmarks of the data directory `dir`.
pub fn load(dir: &Path) -> Result<Bookmarks, Problem> {
    let p = path(dir);
    let bytes = match super::read_capped(&p, super::MAX_FILE_BYTES) {
        Ok(b) => b,
        Err(ReadError::Missing) => return Ok(Bookmarks::default()),
        Err(e) => return Err(Problem::Unreadable(e)),
    };
    let version = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|v| v.get("version").and_then(serde_json::Value::as_u64));
    if let Some(n) = version.filter(|&n| n != 1) {
        return Err(Problem::Version(n));
    }
    match serde_json::from_slice::<Bookmarks>(&bytes) {
        Ok(b) => Ok(b),
        Err(e) => Err(Problem::NotBookmarks {
            why: e.to_string(),
            moved: super::move_aside(&p).ok(),
        }),
    }
}

pub fn save(dir: &Path, b: &Bookmarks) -> Result<(), super::WriteError> {
    let json = serde_json::to_vec_pretty(b).map_err(|e| super::WriteError::Io(e.into()))?;
    super::write_data_file(&path(dir), &json)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir() -> PathBuf {
        let d =
            std::env::temp_dir().join(format!("aws-study-bookmarks-{}", super::super::random_id()));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn unknown_fields_survive_and_other_versions_are_left_alone() {
        let d = temp_dir();
        std::fs::write(
            path(&d),
            br#"{"version": 1, "bookmarks": [{"topic": "security", "section": "kms", "colour": "red"}], "sync": true}"#,
        )
        .unwrap();
        let mut b = load(&d).expect("loads");
        assert!(b.bookmarks[0].is_at("security", Some("kms")));
        b.bookmarks.push(Bookmark::new("cost-optimization", None));
        save(&d, &b).unwrap();
        let back: serde_json::Value =
            serde_json::from_slice(&std::fs::read(path(&d)).unwrap()).unwrap();
        assert_eq!(back["sync"], true, "{back}");
        assert_eq!(back["bookmarks"][0]["colour"], "red", "{back}");
        assert_eq!(back["bookmarks"][1]["topic"], "cost-optimization");
        let newer = br#"{"version": 2, "bookmarks": 7}"#;
        std::fs::write(path(&d), newer).unwrap();
        let e = load(&d).expect_err("version 2");
        assert!(!e.writable());
        assert!(e.message(&path(&d), Lang::PtBr).contains("versão 2"));
        assert_eq!(std::fs::read(path(&d)).unwrap(), newer);
        std::fs::write(path(&d), b"{not json").unwrap();
        let e = load(&d).expect_err("not json");
        assert!(e.writable(), "moved aside: {e:?}");
        assert!(!path(&d).exists());
        let _ = std::fs::remove_dir_all(&d);
    }
}
