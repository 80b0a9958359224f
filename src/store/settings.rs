//! `settings.json`: language, last tab and reading position per topic.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Settings {
    pub version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Id of the tab open at exit (a topic id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_tab: Option<String>,
    /// Per topic: the source line at the top of the view, independent of width.
    #[serde(default)]
    pub positions: BTreeMap<String, u32>,
    /// The budget open in the Budget tab: a scenario id, `saved:<name>` or `new`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<String>,
    /// BRL per USD for the Budget tab's BRL column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_rate: Option<String>,
    /// Fields of a newer build: kept through a rewrite.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Settings {
    pub fn lang(&self) -> Option<Lang> {
        self.lang.as_deref().and_then(Lang::parse)
    }
}

/// The result of loading: the settings, a warning to show when something was off,
/// and whether the file may be written (false when it exists but could not be read or
/// is of another version: it is then left exactly as it is).
pub struct Loaded {
    pub settings: Settings,
    pub warning: Option<String>,
    pub writable: bool,
}

pub fn path(dir: &Path) -> PathBuf {
    dir.join("settings.json")
}

/// The saved language, read without changing anything (no file is moved aside):
/// the command line needs it before it can build its help.
pub fn peek_lang(dir: &Path) -> Option<Lang> {
    let bytes = super::read_capped(&path(dir), super::MAX_FILE_BYTES).ok()?;
    let v: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    if v.get("version").and_then(serde_json::Value::as_u64) != Some(1) {
        return None;
    }
    v.get("lang")?.as_str().and_then(Lang::parse)
}

/// `load_in` with English messages.
pub fn load(dir: Option<&Path>) -> Loaded {
    load_in(dir, Lang::En)
}

/// Loads settings. A missing file gives defaults. One that cannot be read (no
/// permission, not a regular file, too large) or is of another version is left alone
/// and never written over; one that is not settings at all (not UTF-8, not JSON, a
/// wrong type) is moved aside. Warnings are worded in `lang`.
pub fn load_in(dir: Option<&Path>, lang: Lang) -> Loaded {
    use super::ReadError;
    let t = |en: &'static str, pt: &'static str| crate::lang::tr(lang, en, pt);
    let fresh = Settings {
        version: 1,
        ..Settings::default()
    };
    let Some(dir) = dir else {
        return Loaded {
            settings: fresh,
            warning: None,
            writable: true,
        };
    };
    let p = path(dir);
    let left = |why: String| Loaded {
        settings: Settings {
            version: 1,
            ..Settings::default()
        },
        warning: Some(format!(
            "{}: {why}; {}",
            p.display(),
            t(
                "using defaults (the file is left as it is and not saved to)",
                "usando os padrões (o arquivo fica como está e não é gravado)"
            )
        )),
        writable: false,
    };
    let bytes = match super::read_capped(&p, super::MAX_FILE_BYTES) {
        Ok(b) => b,
        Err(ReadError::Missing) => {
            return Loaded {
                settings: fresh,
                warning: None,
                writable: true,
            };
        }
        Err(e) => {
            return left(format!(
                "{} ({})",
                t(
                    "cannot read settings",
                    "não foi possível ler as configurações"
                ),
                e.message(lang)
            ));
        }
    };
    // The version first: a newer build's file may hold fields of other types.
    let version = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|v| v.get("version").and_then(serde_json::Value::as_u64));
    let unsupported = |n: u64| match lang {
        Lang::En => format!("settings version {n} is not supported"),
        Lang::PtBr => format!("a versão {n} das configurações não é suportada"),
    };
    if let Some(n) = version.filter(|&n| n != 1) {
        return left(unsupported(n));
    }
    match serde_json::from_slice::<Settings>(&bytes) {
        Ok(s) if s.version == 1 => Loaded {
            settings: s,
            warning: None,
            writable: true,
        },
        Ok(s) => left(unsupported(u64::from(s.version))),
        Err(e) => match super::move_aside(&p) {
            Ok(moved) => Loaded {
                settings: fresh,
                warning: Some(match lang {
                    Lang::En => format!(
                        "{}: unreadable settings ({e}); moved to {} and using defaults",
                        p.display(),
                        moved.display()
                    ),
                    Lang::PtBr => format!(
                        "{}: configurações ilegíveis ({e}); movidas para {} e usando os padrões",
                        p.display(),
                        moved.display()
                    ),
                }),
                writable: true,
            },
            Err(me) => left(match lang {
                Lang::En => format!("unreadable settings ({e}); could not move it aside ({me})"),
                Lang::PtBr => format!(
                    "configurações ilegíveis ({e}); não foi possível tirá-las do caminho ({me})"
                ),
            }),
        },
    }
}

pub fn save(dir: &Path, s: &Settings) -> Result<(), String> {
    let p = path(dir);
    let json = serde_json::to_vec_pretty(s).map_err(|e| e.to_string())?;
    super::write_data_file(&p, &json)
        .map_err(|e| format!("{}: cannot save settings: {e}", p.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_of_a_newer_version_are_left_alone_and_unknown_fields_survive() {
        let dir =
            std::env::temp_dir().join(format!("aws-study-settings-{}", super::super::random_id()));
        std::fs::create_dir_all(&dir).unwrap();
        let newer = br#"{"version": 2, "lang": 7, "future": {"x": 1}}"#;
        std::fs::write(path(&dir), newer).unwrap();
        let l = load(Some(&dir));
        assert!(!l.writable);
        assert!(l.warning.as_deref().unwrap_or("").contains("version 2"));
        assert_eq!(std::fs::read(path(&dir)).unwrap(), newer);
        std::fs::write(
            path(&dir),
            br#"{"version": 1, "lang": "en", "future": {"x": 1}}"#,
        )
        .unwrap();
        let mut l = load(Some(&dir));
        assert!(l.writable && l.warning.is_none());
        l.settings.lang = Some("pt-BR".into());
        save(&dir, &l.settings).unwrap();
        let back: serde_json::Value =
            serde_json::from_slice(&std::fs::read(path(&dir)).unwrap()).unwrap();
        assert_eq!(back["future"]["x"], 1, "{back}");
        assert_eq!(back["lang"], "pt-BR");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn corrupt_settings_are_moved_aside_with_a_warning() {
        let dir = std::env::temp_dir().join(format!("aws-study-settings-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(path(&dir), b"{not json").unwrap();
        let l = load(Some(&dir));
        assert_eq!(l.settings.version, 1);
        assert!(l.warning.as_deref().unwrap_or("").contains("moved to"));
        let moved: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            moved
                .iter()
                .any(|n| n.starts_with("settings.json.corrupt-")),
            "{moved:?}"
        );
        let mut s = l.settings;
        s.lang = Some("pt-BR".into());
        save(&dir, &s).unwrap();
        assert_eq!(load(Some(&dir)).settings.lang(), Some(Lang::PtBr));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
