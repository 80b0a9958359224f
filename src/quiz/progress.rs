//! `progress.json`: the append-only review log (the source of truth), the sessions,
//! and the per-question scheduler state rebuilt from the log. Writes take a lock,
//! merge with what another instance may have written, and replace the file
//! atomically; an unparseable file is moved aside, never overwritten.
use std::collections::{BTreeMap, BTreeSet};
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::scheduler::{CardState, Scheduler};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// Unix seconds.
    pub time: i64,
    pub question: String,
    pub correct: bool,
    /// The options chosen (indices in the bank's order) or the number typed.
    pub chosen: Vec<String>,
    pub mode: String,
    pub duration_ms: u64,
    pub lang: String,
    pub session: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub id: String,
    pub mode: String,
    pub started: i64,
    pub ended: i64,
    pub answered: u32,
    pub correct: u32,
    pub lang: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub version: u32,
    /// Rebuilt from `log` on every load and write; stored for readers of the file.
    #[serde(default)]
    pub states: BTreeMap<String, CardState>,
    #[serde(default)]
    pub log: Vec<Review>,
    #[serde(default)]
    pub sessions: Vec<SessionRecord>,
}

impl Progress {
    pub fn new() -> Progress {
        Progress {
            version: 1,
            ..Progress::default()
        }
    }

    /// Rebuilds every question's state by replaying the log in time order.
    pub fn rebuild(&mut self) {
        let sched = Scheduler::new();
        self.log
            .sort_by(|a, b| a.time.cmp(&b.time).then_with(|| a.session.cmp(&b.session)));
        let mut states: BTreeMap<String, CardState> = BTreeMap::new();
        for r in &self.log {
            let next = sched.review(states.get(&r.question), r.correct, r.time);
            states.insert(r.question.clone(), next);
        }
        self.states = states;
    }

    /// Records an answer: appends to the log and updates that question's state.
    pub fn record(&mut self, review: Review) {
        let sched = Scheduler::new();
        let next = sched.review(
            self.states.get(&review.question),
            review.correct,
            review.time,
        );
        self.states.insert(review.question.clone(), next);
        self.log.push(review);
    }

    /// Adds or updates a session record (matched by id).
    pub fn upsert_session(&mut self, s: SessionRecord) {
        match self.sessions.iter_mut().find(|x| x.id == s.id) {
            Some(x) => *x = s,
            None => self.sessions.push(s),
        }
    }

    /// Everything from `other` that is not here yet: log entries (by session,
    /// question and time) and sessions (the one with more answers wins).
    pub fn merge(&mut self, other: &Progress) {
        let seen: BTreeSet<(String, String, i64)> = self
            .log
            .iter()
            .map(|r| (r.session.clone(), r.question.clone(), r.time))
            .collect();
        for r in &other.log {
            if !seen.contains(&(r.session.clone(), r.question.clone(), r.time)) {
                self.log.push(r.clone());
            }
        }
        for s in &other.sessions {
            match self.sessions.iter_mut().find(|x| x.id == s.id) {
                Some(x) if s.answered > x.answered => *x = s.clone(),
                Some(_) => {}
                None => self.sessions.push(s.clone()),
            }
        }
        self.sessions.sort_by_key(|s| s.started);
        self.rebuild();
    }
}

/// Where progress lives, and whether it can be written.
pub struct Store {
    pub path: Option<PathBuf>,
    pub writable: bool,
}

pub fn path(dir: &Path) -> PathBuf {
    dir.join("progress.json")
}

/// Loads progress. A missing file is empty progress; an unparseable one is moved
/// aside to `progress.json.corrupt-<unix time>` (with the returned warning).
pub fn load(dir: Option<&Path>) -> (Progress, Option<String>) {
    let Some(dir) = dir else {
        return (Progress::new(), None);
    };
    let p = path(dir);
    match std::fs::read(&p) {
        Ok(bytes) => match parse(&bytes) {
            Ok(pr) => (pr, None),
            Err(e) => {
                let w = match crate::store::move_aside(&p) {
                    Ok(m) => format!(
                        "{}: unreadable progress ({e}); moved to {} and starting afresh",
                        p.display(),
                        m.display()
                    ),
                    Err(me) => format!(
                        "{}: unreadable progress ({e}); could not move it aside ({me})",
                        p.display()
                    ),
                };
                (Progress::new(), Some(w))
            }
        },
        // No file yet, or no directory (the app warns about the directory itself).
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            (Progress::new(), None)
        }
        Err(e) => (
            Progress::new(),
            Some(format!("{}: cannot read progress ({e})", p.display())),
        ),
    }
}

fn parse(bytes: &[u8]) -> Result<Progress, String> {
    let mut pr: Progress = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    if pr.version != 1 {
        return Err(format!("version {} is not supported", pr.version));
    }
    pr.rebuild();
    Ok(pr)
}

/// A lock held for the duration of a read-merge-write (std's advisory file lock).
struct Lock(File);

impl Lock {
    fn take(dir: &Path) -> std::io::Result<Lock> {
        std::fs::create_dir_all(dir)?;
        let f = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join("progress.json.lock"))?;
        f.lock()?;
        Ok(Lock(f))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

/// Saves `mine` under the lock: merges with the file as it is now (another instance
/// may have written), writes atomically, and leaves the merged result in `mine`.
/// An unparseable file on disk is moved aside first, never overwritten.
pub fn save(dir: &Path, mine: &mut Progress) -> Result<Option<String>, String> {
    let _lock =
        Lock::take(dir).map_err(|e| format!("{}: cannot lock progress: {e}", dir.display()))?;
    let p = path(dir);
    let mut warning = None;
    if let Ok(bytes) = std::fs::read(&p) {
        match parse(&bytes) {
            Ok(theirs) => mine.merge(&theirs),
            Err(e) => {
                let moved =
                    crate::store::move_aside(&p).map_err(|me| format!("{}: {me}", p.display()))?;
                warning = Some(format!(
                    "{}: unreadable progress ({e}); moved to {}",
                    p.display(),
                    moved.display()
                ));
            }
        }
    }
    mine.version = 1;
    mine.rebuild();
    let json = serde_json::to_vec_pretty(mine).map_err(|e| e.to_string())?;
    crate::store::atomic_write(&p, &json)
        .map_err(|e| format!("{}: cannot save progress: {e}", p.display()))?;
    Ok(warning)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review(q: &str, correct: bool, t: i64, session: &str) -> Review {
        Review {
            time: t,
            question: q.into(),
            correct,
            chosen: vec!["0".into()],
            mode: "topic".into(),
            duration_ms: 1000,
            lang: "en".into(),
            session: session.into(),
        }
    }

    #[test]
    fn replaying_the_log_rebuilds_the_same_state() {
        let mut p = Progress::new();
        p.record(review("a", true, 1_000_000, "s"));
        p.record(review("a", false, 1_200_000, "s"));
        p.record(review("b", true, 1_300_000, "s"));
        let recorded = p.states.clone();
        p.states.clear();
        p.rebuild();
        assert_eq!(p.states, recorded);
    }

    #[test]
    fn merging_two_writers_keeps_both_sessions() {
        let mut a = Progress::new();
        a.record(review("a", true, 100, "s1"));
        let mut b = Progress::new();
        b.record(review("b", false, 200, "s2"));
        b.record(review("a", true, 300, "s2"));
        a.merge(&b);
        assert_eq!(a.log.len(), 3);
        a.merge(&b);
        assert_eq!(a.log.len(), 3, "merging twice adds nothing");
        assert_eq!(a.states["a"].reps, 2);
    }
}
