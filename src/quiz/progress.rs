//! `progress.json`: the append-only review log (the source of truth), the sessions,
//! and the per-question scheduler state rebuilt from the log. Writes take a lock,
//! merge with what another instance may have written, and replace the file
//! atomically; an unparseable file is moved aside, never overwritten.
use std::collections::{BTreeMap, BTreeSet};
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

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
    /// Fields a newer build wrote: kept as they are through a rewrite.
    #[serde(flatten, default, skip_serializing_if = "Map::is_empty")]
    pub extra: Map<String, Value>,
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
    #[serde(flatten, default, skip_serializing_if = "Map::is_empty")]
    pub extra: Map<String, Value>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Progress {
    pub version: u32,
    /// Rebuilt from `log` on every load and merge; stored for readers of the file,
    /// never trusted when read back.
    pub states: BTreeMap<String, CardState>,
    pub log: Vec<Review>,
    pub sessions: Vec<SessionRecord>,
    /// Log entries and sessions this build cannot read (a newer build's, or damaged
    /// by hand): written back as they were, never dropped.
    #[serde(rename = "unreadable_log", skip_serializing_if = "Vec::is_empty")]
    pub odd_log: Vec<Value>,
    #[serde(rename = "unreadable_sessions", skip_serializing_if = "Vec::is_empty")]
    pub odd_sessions: Vec<Value>,
    /// Top-level fields of a newer build: kept through a rewrite.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// Why this progress must not be written (the file on disk could not be read or
    /// is of another version); `None` when saving is allowed.
    #[serde(skip)]
    pub frozen: Option<String>,
    /// The file as this process last read or wrote it: when it has not changed since,
    /// a save needs no re-read and merge.
    #[serde(skip)]
    seen: Option<Fingerprint>,
}

/// Enough of a file's metadata to tell that nobody wrote it since.
#[derive(Clone, Debug, PartialEq)]
struct Fingerprint {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    ino: u64,
}

impl Fingerprint {
    fn of(path: &Path) -> Option<Fingerprint> {
        let m = std::fs::metadata(path).ok()?;
        Some(Fingerprint {
            len: m.len(),
            modified: m.modified().ok(),
            #[cfg(unix)]
            ino: std::os::unix::fs::MetadataExt::ino(&m),
        })
    }
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
        let seen: BTreeSet<(&str, &str, i64)> = self
            .log
            .iter()
            .map(|r| (r.session.as_str(), r.question.as_str(), r.time))
            .collect();
        let new: Vec<Review> = other
            .log
            .iter()
            .filter(|r| !seen.contains(&(r.session.as_str(), r.question.as_str(), r.time)))
            .cloned()
            .collect();
        self.log.extend(new);
        for s in &other.sessions {
            match self.sessions.iter_mut().find(|x| x.id == s.id) {
                Some(x) if s.answered > x.answered => *x = s.clone(),
                Some(_) => {}
                None => self.sessions.push(s.clone()),
            }
        }
        for v in &other.odd_log {
            if !self.odd_log.contains(v) {
                self.odd_log.push(v.clone());
            }
        }
        for v in &other.odd_sessions {
            if !self.odd_sessions.contains(v) {
                self.odd_sessions.push(v.clone());
            }
        }
        for (k, v) in &other.extra {
            self.extra.entry(k.clone()).or_insert_with(|| v.clone());
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

/// What reading `progress.json` found.
enum Found {
    Missing,
    /// Read and understood.
    Ok(Progress),
    /// Exists but cannot be read (permission, not a regular file, over the cap):
    /// leave it alone.
    Unreadable(String),
    /// Read, but of a version this build does not know: leave it alone.
    OtherVersion(String),
    /// Not JSON, not UTF-8, not the shape of a progress file: move it aside.
    Broken(String),
}

fn read(p: &Path) -> Found {
    use crate::store::ReadError;
    match crate::store::read_capped(p, crate::store::MAX_PROGRESS_BYTES) {
        Ok(bytes) => parse(&bytes),
        Err(ReadError::Missing) => Found::Missing,
        Err(e) => Found::Unreadable(e.message(crate::lang::Lang::En)),
    }
}

/// Loads progress. A missing file is empty progress. A file that cannot be read, or
/// is of another version, is left exactly as it is and saving stays off (`frozen`);
/// one that is not a progress file at all is moved aside to
/// `progress.json.corrupt-<unix time>`. The warning says which.
pub fn load(dir: Option<&Path>) -> (Progress, Option<String>) {
    let Some(dir) = dir else {
        return (Progress::new(), None);
    };
    let p = path(dir);
    let frozen = |why: String| {
        let w = format!(
            "{}: cannot read progress ({why}); it is left as it is and answers will not be saved until it is fixed",
            p.display()
        );
        let mut pr = Progress::new();
        pr.frozen = Some(w.clone());
        (pr, Some(w))
    };
    match read(&p) {
        Found::Missing => (Progress::new(), None),
        Found::Ok(mut pr) => {
            pr.seen = Fingerprint::of(&p);
            let w = odd_warning(&p, &pr);
            (pr, w)
        }
        Found::Unreadable(why) | Found::OtherVersion(why) => frozen(why),
        Found::Broken(e) => match crate::store::move_aside(&p) {
            Ok(m) => (
                Progress::new(),
                Some(format!(
                    "{}: unreadable progress ({e}); moved to {} and starting afresh",
                    p.display(),
                    m.display()
                )),
            ),
            Err(me) => frozen(format!("{e}; could not move it aside: {me}")),
        },
    }
}

fn odd_warning(p: &Path, pr: &Progress) -> Option<String> {
    let n = pr.odd_log.len() + pr.odd_sessions.len();
    (n > 0).then(|| {
        format!(
            "{}: {n} entries this version cannot read are kept as they are",
            p.display()
        )
    })
}

/// Parses a progress file leniently: only what the log needs must be right. The
/// per-question `states` are derived data and are rebuilt from the log, whatever
/// they hold; a log entry or session this build cannot read is kept verbatim.
fn parse(bytes: &[u8]) -> Found {
    let v: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return Found::Broken(e.to_string()),
    };
    let Value::Object(mut top) = v else {
        return Found::Broken("not a JSON object".into());
    };
    match top.get("version").and_then(Value::as_u64) {
        Some(1) => {}
        Some(n) => return Found::OtherVersion(format!("version {n} is not supported")),
        None => return Found::Broken("no version number".into()),
    }
    top.shift_remove("version");
    top.shift_remove("states");
    let mut pr = Progress::new();
    for (key, odd) in [("log", false), ("sessions", true)] {
        match top.shift_remove(key) {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                for item in items {
                    if odd {
                        match serde_json::from_value::<SessionRecord>(item.clone()) {
                            Ok(s) => pr.sessions.push(s),
                            Err(_) => pr.odd_sessions.push(item),
                        }
                    } else {
                        match serde_json::from_value::<Review>(item.clone()) {
                            Ok(r) => pr.log.push(r),
                            Err(_) => pr.odd_log.push(item),
                        }
                    }
                }
            }
            Some(_) => return Found::Broken(format!("`{key}` is not a list")),
        }
    }
    for key in ["unreadable_log", "unreadable_sessions"] {
        if let Some(Value::Array(items)) = top.get(key) {
            let items = items.clone();
            top.shift_remove(key);
            if key == "unreadable_log" {
                pr.odd_log.extend(items);
            } else {
                pr.odd_sessions.extend(items);
            }
        }
    }
    pr.extra = top;
    pr.rebuild();
    Found::Ok(pr)
}

/// A lock held for the duration of a read-merge-write (std's advisory file lock).
struct Lock(File);

impl Lock {
    fn take(dir: &Path) -> std::io::Result<Lock> {
        std::fs::create_dir_all(dir)?;
        let p = dir.join("progress.json.lock");
        if let Ok(m) = std::fs::symlink_metadata(&p)
            && !m.is_file()
        {
            return Err(std::io::Error::other(format!(
                "{} is not a regular file",
                p.display()
            )));
        }
        let f = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(p)?;
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
/// may have written since this one read it), writes atomically, and leaves the merged
/// result in `mine`. A file on disk that cannot be read or is of another version is
/// never replaced (an error, and `mine` is frozen); one that is not a progress file
/// at all is moved aside first.
pub fn save(dir: &Path, mine: &mut Progress) -> Result<Option<String>, String> {
    if let Some(why) = &mine.frozen {
        return Err(why.clone());
    }
    let _lock =
        Lock::take(dir).map_err(|e| format!("{}: cannot lock progress: {e}", dir.display()))?;
    let p = path(dir);
    let mut warning = None;
    let now = Fingerprint::of(&p);
    // The common path: nobody wrote since this process did, so there is nothing to
    // merge and the states `record` kept are current.
    let unchanged = now.is_some() && now == mine.seen;
    if !unchanged {
        match read(&p) {
            Found::Missing => {}
            Found::Ok(theirs) => mine.merge(&theirs),
            Found::Unreadable(why) | Found::OtherVersion(why) => {
                let w = format!(
                    "{}: cannot read progress ({why}); it is left as it is and answers will not be saved until it is fixed",
                    p.display()
                );
                mine.frozen = Some(w.clone());
                return Err(w);
            }
            Found::Broken(e) => {
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
    let json = serde_json::to_vec_pretty(mine).map_err(|e| e.to_string())?;
    crate::store::atomic_write(&p, &json)
        .map_err(|e| format!("{}: cannot save progress: {e}", p.display()))?;
    mine.seen = Fingerprint::of(&p);
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
            extra: Map::new(),
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
