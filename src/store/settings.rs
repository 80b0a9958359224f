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
}

impl Settings {
    pub fn lang(&self) -> Option<Lang> {
        self.lang.as_deref().and_then(Lang::parse)
    }
}

/// The result of loading: the settings, plus a warning to show when something was off.
pub struct Loaded {
    pub settings: Settings,
    pub warning: Option<String>,
}

pub fn path(dir: &Path) -> PathBuf {
    dir.join("settings.json")
}

/// Loads settings; a missing file gives defaults, an unparseable one is moved aside.
pub fn load(dir: Option<&Path>) -> Loaded {
    let fresh = Settings {
        version: 1,
        ..Settings::default()
    };
    let Some(dir) = dir else {
        return Loaded {
            settings: fresh,
            warning: None,
        };
    };
    let p = path(dir);
    let bytes = match std::fs::read(&p) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Loaded {
                settings: fresh,
                warning: None,
            };
        }
        Err(e) => {
            return Loaded {
                settings: fresh,
                warning: Some(format!(
                    "{}: cannot read settings ({e}); using defaults",
                    p.display()
                )),
            };
        }
    };
    match serde_json::from_slice::<Settings>(&bytes) {
        Ok(s) if s.version == 1 => Loaded {
            settings: s,
            warning: None,
        },
        Ok(s) => Loaded {
            settings: fresh,
            warning: Some(format!(
                "{}: settings version {} is not supported; using defaults (file left as it is)",
                p.display(),
                s.version
            )),
        },
        Err(e) => {
            let warning = match super::move_aside(&p) {
                Ok(moved) => format!(
                    "{}: unreadable settings ({e}); moved to {} and using defaults",
                    p.display(),
                    moved.display()
                ),
                Err(me) => format!(
                    "{}: unreadable settings ({e}); could not move it aside ({me})",
                    p.display()
                ),
            };
            Loaded {
                settings: fresh,
                warning: Some(warning),
            }
        }
    }
}

pub fn save(dir: &Path, s: &Settings) -> Result<(), String> {
    let p = path(dir);
    let json = serde_json::to_vec_pretty(s).map_err(|e| e.to_string())?;
    super::atomic_write(&p, &json)
        .map_err(|e| format!("{}: cannot save settings: {e}", p.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

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
