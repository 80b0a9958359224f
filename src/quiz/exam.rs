//! The unfinished exam kept on disk (`exam.json` in the data directory) so it can be
//! set aside and resumed: its format, the checks a saved exam must pass against the
//! current bank before it is resumed, and reading and writing the file (a file that
//! cannot be read is never replaced; one that cannot be used is moved aside whole).
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Bank;
use crate::content::bank::Kind;
use crate::lang::{Lang, Said};

/// The file's name in the data directory.
pub const FILE_NAME: &str = "exam.json";

/// Where the unfinished exam lives in a data directory.
pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE_NAME)
}

/// One question of a run (and of a saved exam).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Slot {
    pub item: usize,
    pub order: Vec<usize>,
    /// A missed question asked again later in the session.
    pub reask: bool,
    /// Exam: the answer given so far (bank option indices, or a number).
    #[serde(default)]
    pub chosen: Option<Vec<String>>,
    #[serde(default)]
    pub flagged: bool,
    /// Fields a newer build wrote: kept through a rewrite.
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A saved, unfinished exam: the contents of `exam.json`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SavedExam {
    pub version: u32,
    pub session: String,
    pub started: i64,
    pub pos: usize,
    pub remaining: Option<i64>,
    pub slots: Vec<Slot>,
    /// Seconds spent on it so far.
    #[serde(default)]
    pub spent: i64,
    /// Fields a newer build wrote: kept through a rewrite.
    #[serde(flatten, default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Why a saved exam is not resumed: the warning to show, and whether the file must
/// be left alone from now on (`locked`: it could not be read, or not moved aside).
#[derive(Clone, Debug, PartialEq)]
pub struct LoadError {
    pub warning: Said,
    pub locked: bool,
}

/// Reads `exam.json`: `Ok(None)` when there is none. A file that cannot be read is
/// left alone (`locked`: never written over); one that cannot be understood or does
/// not fit the bank is moved aside.
pub fn load(path: &Path, bank: &Bank, now: i64) -> Result<Option<SavedExam>, LoadError> {
    use crate::store::ReadError;
    let bytes = match crate::store::read_capped(path, crate::store::MAX_FILE_BYTES) {
        Ok(b) => b,
        Err(ReadError::Missing) => return Ok(None),
        Err(e) => {
            return Err(LoadError {
                warning: Said::new(|lang| match lang {
                    Lang::En => format!(
                        "{}: {}; the unfinished exam is left as it is",
                        path.display(),
                        e.message(lang)
                    ),
                    Lang::PtBr => format!(
                        "{}: {}; a prova não terminada fica como está",
                        path.display(),
                        e.message(lang)
                    ),
                }),
                locked: true,
            });
        }
    };
    let problem = match serde_json::from_slice::<SavedExam>(&bytes) {
        Ok(e) => match problem(&e, bank, now) {
            None => return Ok(Some(e)),
            Some(p) => p,
        },
        Err(e) => {
            let e = e.to_string();
            Said::new(|_| e.clone())
        }
    };
    // Unusable (corrupt, another version, or the bank changed): kept aside.
    match crate::store::move_aside(path) {
        Ok(m) => Err(LoadError {
            warning: Said::new(|lang| match lang {
                Lang::En => format!(
                    "{}: the unfinished exam cannot be resumed ({}); moved to {}",
                    path.display(),
                    problem.get(lang),
                    m.display()
                ),
                Lang::PtBr => format!(
                    "{}: a prova não terminada não pode ser retomada ({}); guardada como {}",
                    path.display(),
                    problem.get(lang),
                    m.display()
                ),
            }),
            locked: false,
        }),
        Err(me) => Err(LoadError {
            warning: Said::new(|lang| match lang {
                Lang::En => format!(
                    "{}: the unfinished exam cannot be resumed ({}) nor moved aside ({me}); it is left as it is",
                    path.display(),
                    problem.get(lang)
                ),
                Lang::PtBr => format!(
                    "{}: a prova não terminada não pode ser retomada ({}) nem guardada à parte ({me}); fica como está",
                    path.display(),
                    problem.get(lang)
                ),
            }),
            locked: true,
        }),
    }
}

/// What makes a saved exam unusable with this bank, if anything: every index in it
/// must point into the bank, every option order must be a permutation of the
/// question's options, and the clock must be a plausible one.
pub fn problem(e: &SavedExam, bank: &Bank, now: i64) -> Option<Said> {
    const YEAR: i64 = 366 * 86_400;
    if e.version != 1 {
        return Some(Said::new(|lang| match lang {
            Lang::En => format!("version {} is not supported", e.version),
            Lang::PtBr => format!("a versão {} não é suportada", e.version),
        }));
    }
    if e.slots.is_empty() {
        return Some(Said::new(|lang| match lang {
            Lang::En => "it has no questions".into(),
            Lang::PtBr => "ela não tem perguntas".into(),
        }));
    }
    if e.pos >= e.slots.len() {
        return Some(Said::new(|lang| match lang {
            Lang::En => format!("position {} is past its end", e.pos),
            Lang::PtBr => format!("a posição {} passa do fim", e.pos),
        }));
    }
    if !(0..=now.saturating_add(YEAR)).contains(&e.started)
        || !(0..=100 * YEAR).contains(&e.spent)
        || e.remaining.is_some_and(|r| !(-YEAR..=YEAR).contains(&r))
    {
        return Some(Said::new(|lang| match lang {
            Lang::En => "its clock is out of range".into(),
            Lang::PtBr => "o relógio dela está fora do intervalo".into(),
        }));
    }
    for (n, slot) in e.slots.iter().enumerate() {
        let Some(item) = bank.items.get(slot.item) else {
            return Some(Said::new(|lang| match lang {
                Lang::En => format!("question {} is not in the bank", n + 1),
                Lang::PtBr => format!("a pergunta {} não está no banco", n + 1),
            }));
        };
        let options = item.q.options.len();
        let mut sorted = slot.order.clone();
        sorted.sort_unstable();
        if !sorted.iter().copied().eq(0..options) {
            return Some(Said::new(|lang| match lang {
                Lang::En => format!(
                    "question {} has an option order that does not fit it",
                    n + 1
                ),
                Lang::PtBr => format!(
                    "a pergunta {} tem uma ordem de opções que não serve para ela",
                    n + 1
                ),
            }));
        }
        if item.q.kind != Kind::Numeric
            && let Some(c) = &slot.chosen
            && c.iter()
                .any(|v| v.parse::<usize>().map_or(true, |b| b >= options))
        {
            return Some(Said::new(|lang| match lang {
                Lang::En => format!("question {} has a chosen option that does not exist", n + 1),
                Lang::PtBr => format!(
                    "a pergunta {} tem uma opção escolhida que não existe",
                    n + 1
                ),
            }));
        }
    }
    None
}

/// The exam file as this session knows it: whether it must never be replaced (it
/// could not be read at start), and what was last written (so an exam whose only
/// change is its clock is not written again).
#[derive(Clone, Debug, Default)]
pub struct ExamFile {
    locked: bool,
    /// What the last write held but for the clock: slots, position and session.
    written: Option<(Vec<Slot>, usize, String)>,
}

impl ExamFile {
    /// `locked`: the file could not be read (or moved aside) at start.
    pub fn new(locked: bool) -> ExamFile {
        ExamFile {
            locked,
            written: None,
        }
    }

    /// Writes the exam unless the file could not be read at start (then it is never
    /// replaced) or nothing but its clock changed since the last write.
    pub fn write(&mut self, path: &Path, saved: &SavedExam) {
        if self.locked {
            return;
        }
        // Called after every key of an exam: an unchanged exam costs a comparison,
        // not a serialization.
        let unchanged = self.written.as_ref().is_some_and(|(slots, pos, session)| {
            *slots == saved.slots && *pos == saved.pos && *session == saved.session
        });
        if unchanged && path.exists() {
            return;
        }
        let Ok(json) = serde_json::to_vec_pretty(saved) else {
            return;
        };
        if crate::store::write_data_file(path, &json).is_ok() {
            self.written = Some((saved.slots.clone(), saved.pos, saved.session.clone()));
        }
    }

    /// Removes the file (the exam was submitted or abandoned), unless it is locked.
    pub fn remove(&mut self, path: &Path) {
        self.written = None;
        if self.locked {
            return;
        }
        let _ = std::fs::remove_file(path);
    }
}
