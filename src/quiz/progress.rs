//! `progress.json`: the append-only review log (the source of truth), the sessions,
//! and the per-question scheduler state rebuilt from the log. Writes take a lock,
//! merge with what another instance may have written, and replace the file
//! atomically; an unparseable file is moved aside, never overwritten.
use std::collections::{BTreeMap, BTreeSet};
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::lang::{Lang, Said};

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
    pub frozen: Option<Said>,
    /// The file as this process last read or wrote it: when it has not changed since,
    /// a save needs no re-read and merge.
    #[serde(skip)]
    seen: Option<Fingerprint>,
    /// Answers and session records made since the last write, for the journal.
    #[serde(skip)]
    pending: Vec<JournalLine>,
    /// Answers in the journal that `progress.json` does not hold yet.
    #[serde(skip)]
    unfolded: bool,
    /// The journal read had lines this build cannot read: it is moved aside whole,
    /// never emptied, when folded in.
    #[serde(skip)]
    odd_journal: bool,
}

/// One line of `progress.journal`: an answer, or a session's record as it stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum JournalLine {
    Review(Review),
    Session(SessionRecord),
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
    /// Turns saving off because `file` cannot be read or understood; returns the
    /// warning that says so (the one wording for load and save).
    fn freeze(&mut self, file: &Path, why: &Said) -> Said {
        let w = Said::new(|lang| match lang {
            Lang::En => format!(
                "{}: cannot read progress ({}); it is left as it is and answers will not be saved until it is fixed",
                file.display(),
                why.get(lang)
            ),
            Lang::PtBr => format!(
                "{}: não foi possível ler o progresso ({}); o arquivo fica como está e as respostas não serão salvas até ele ser corrigido",
                file.display(),
                why.get(lang)
            ),
        });
        self.frozen = Some(w.clone());
        w
    }

    /// Whether anything of this session, or of the journal, is not in
    /// `progress.json` yet (then [`save`] has work to do).
    pub fn unsaved(&self) -> bool {
        self.unfolded || !self.pending.is_empty()
    }

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
        self.pending.push(JournalLine::Review(review.clone()));
        self.log.push(review);
    }

    /// Adds or updates a session record (matched by id).
    pub fn upsert_session(&mut self, s: SessionRecord) {
        self.pending.push(JournalLine::Session(s.clone()));
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
    Ok(Box<Progress>),
    /// Exists but cannot be read (permission, not a regular file, over the cap):
    /// leave it alone.
    Unreadable(Said),
    /// Read, but of a version this build does not know: leave it alone.
    OtherVersion(Said),
    /// Not JSON, not UTF-8, not the shape of a progress file: move it aside.
    Broken(Said),
}

fn read(p: &Path) -> Found {
    use crate::store::ReadError;
    match crate::store::read_capped(p, crate::store::MAX_PROGRESS_BYTES) {
        Ok(bytes) => parse(&bytes),
        Err(ReadError::Missing) => Found::Missing,
        Err(e) => Found::Unreadable(Said::new(|lang| e.message(lang))),
    }
}

/// `progress.journal`: the answers of sessions still going (or killed), one JSON line
/// each, appended under the lock. A session folds it into `progress.json` when it ends
/// ([`save`]), and every load reads it, so an answer is on disk the moment it is given
/// without rewriting the whole log.
pub fn journal_path(dir: &Path) -> PathBuf {
    dir.join("progress.journal")
}

/// Reads the journal into a progress of its own (log and sessions, nothing else).
/// A last line cut short by a killed write is dropped; any other line this build
/// cannot read is kept verbatim in `odd_log`. `Err` when the file exists but cannot
/// be read: it is then never truncated nor appended to.
fn read_journal(dir: &Path) -> Result<Progress, Said> {
    use crate::store::ReadError;
    let mut j = Progress::new();
    let bytes =
        match crate::store::read_capped(&journal_path(dir), crate::store::MAX_PROGRESS_BYTES) {
            Ok(b) => b,
            Err(ReadError::Missing) => return Ok(j),
            Err(e) => return Err(Said::new(|lang| e.message(lang))),
        };
    let complete = bytes.ends_with(b"\n");
    let mut lines = bytes.split(|&b| b == b'\n').peekable();
    while let Some(line) = lines.next() {
        let last = lines.peek().is_none();
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<JournalLine>(line) {
            Ok(JournalLine::Review(r)) => j.log.push(r),
            Ok(JournalLine::Session(s)) => match j.sessions.iter_mut().find(|x| x.id == s.id) {
                Some(x) if s.answered >= x.answered => *x = s,
                Some(_) => {}
                None => j.sessions.push(s),
            },
            // A torn last line: its write never finished.
            Err(_) if last && !complete => {}
            Err(_) => {
                j.odd_journal = true;
                j.odd_log.push(
                    serde_json::from_slice(line).unwrap_or_else(|_| {
                        Value::String(String::from_utf8_lossy(line).into_owned())
                    }),
                );
            }
        }
    }
    Ok(j)
}

/// Opens the journal to append to it: a regular file or nothing (created).
fn open_journal(dir: &Path) -> std::io::Result<File> {
    let p = journal_path(dir);
    let mut opts = OpenOptions::new();
    // Readable too: the last byte is checked before appending.
    opts.read(true).append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let f = opts.open(&p)?;
    if !f.metadata()?.is_file() {
        return Err(std::io::Error::other(format!(
            "{} is not a regular file",
            p.display()
        )));
    }
    Ok(f)
}

/// Whether the file's last byte is something other than a line break.
fn ends_mid_line(f: &File) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = f;
    let mut last = [0u8; 1];
    f.metadata().is_ok_and(|m| m.len() > 0)
        && f.seek(SeekFrom::End(-1)).is_ok()
        && f.read_exact(&mut last).is_ok()
        && last[0] != b'\n'
}

/// Ends the file's last line before more is appended: a complete record that only
/// lacks its line break gets one; a fragment that is not a record (a write cut short)
/// is cut off, back to the last line break.
fn drop_torn_tail(f: &File) {
    use std::io::{Read, Seek, SeekFrom, Write};
    let mut f = f;
    let mut bytes = Vec::new();
    if f.seek(SeekFrom::Start(0)).is_ok() && f.read_to_end(&mut bytes).is_ok() {
        let start = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        if serde_json::from_slice::<JournalLine>(&bytes[start..]).is_ok() {
            let _ = f.write_all(b"\n");
        } else {
            let _ = f.set_len(start as u64);
        }
    }
}

/// Writes the answers given since the last write to the journal: the per-answer
/// write, whose cost does not grow with the history.
pub fn append(dir: &Path, mine: &mut Progress) -> Result<(), Said> {
    use std::io::Write;
    if let Some(why) = &mine.frozen {
        return Err(why.clone());
    }
    if mine.pending.is_empty() {
        return Ok(());
    }
    let _lock = Lock::take(dir).map_err(|e| cannot_lock(dir, &e))?;
    let mut text = Vec::new();
    for line in &mine.pending {
        serde_json::to_writer(&mut text, line).map_err(|e| {
            let e = e.to_string();
            Said::new(|_| e.clone())
        })?;
        text.push(b'\n');
    }
    let _gate = crate::store::WRITE_GATE
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    let mut f = open_journal(dir).map_err(|e| cannot_save(&journal_path(dir), &e))?;
    // A line cut short by a killed write is an answer that was never written: it
    // is cut off, so it neither swallows this one nor stays as a broken line.
    if ends_mid_line(&f) {
        drop_torn_tail(&f);
    }
    f.write_all(&text)
        .and_then(|()| f.sync_data())
        .map_err(|e| cannot_save(&journal_path(dir), &e))?;
    mine.pending.clear();
    mine.unfolded = true;
    Ok(())
}

/// Loads progress. A missing file is empty progress. A file that cannot be read, or
/// is of another version, is left exactly as it is and saving stays off (`frozen`);
/// one that is not a progress file at all is moved aside to
/// `progress.json.corrupt-<unix time>`. The warning says which.
pub fn load(dir: Option<&Path>) -> (Progress, Option<Said>) {
    let Some(dir) = dir else {
        return (Progress::new(), None);
    };
    let p = path(dir);
    let frozen_at = |file: &Path, why: Said| {
        let mut pr = Progress::new();
        let w = pr.freeze(file, &why);
        (pr, Some(w))
    };
    let frozen = |why: Said| frozen_at(&p, why);
    let journal = match read_journal(dir) {
        Ok(j) => j,
        Err(why) => {
            return frozen_at(&journal_path(dir), why);
        }
    };
    let (mut pr, w) = match read(&p) {
        Found::Missing => (Progress::new(), None),
        Found::Ok(mut pr) => {
            pr.seen = Fingerprint::of(&p);
            let w = odd_warning(&p, &pr);
            (*pr, w)
        }
        Found::Unreadable(why) | Found::OtherVersion(why) => return frozen(why),
        Found::Broken(e) => match crate::store::move_aside(&p) {
            Ok(m) => (
                Progress::new(),
                Some(Said::new(|lang| match lang {
                    Lang::En => format!(
                        "{}: unreadable progress ({}); moved to {} and starting afresh",
                        p.display(),
                        e.get(lang),
                        m.display()
                    ),
                    Lang::PtBr => format!(
                        "{}: progresso ilegível ({}); guardado como {} e recomeçando do zero",
                        p.display(),
                        e.get(lang),
                        m.display()
                    ),
                })),
            ),
            Err(me) => {
                return frozen(Said::new(|lang| match lang {
                    Lang::En => format!("{}; could not move it aside: {me}", e.get(lang)),
                    Lang::PtBr => {
                        format!("{}; não foi possível guardá-lo à parte: {me}", e.get(lang))
                    }
                }));
            }
        },
    };
    if !journal.log.is_empty() || !journal.sessions.is_empty() || !journal.odd_log.is_empty() {
        pr.merge(&journal);
        pr.unfolded = true;
    }
    let w = match (w, journal.odd_journal) {
        (w, false) => w,
        (w, true) => {
            let n = journal.odd_log.len();
            let j = Said::new(|lang| match lang {
                Lang::En => format!(
                    "{}: {n} lines this version cannot read are kept; the file will be moved aside whole",
                    journal_path(dir).display()
                ),
                Lang::PtBr => format!(
                    "{}: {n} linhas que esta versão não lê foram mantidas; o arquivo será guardado à parte inteiro",
                    journal_path(dir).display()
                ),
            });
            Some(match w {
                None => j,
                Some(w) => Said::new(|lang| format!("{} · {}", w.get(lang), j.get(lang))),
            })
        }
    };
    (pr, w)
}

fn odd_warning(p: &Path, pr: &Progress) -> Option<Said> {
    let n = pr.odd_log.len() + pr.odd_sessions.len();
    (n > 0).then(|| {
        Said::new(|lang| match lang {
            Lang::En => format!(
                "{}: {n} entries this version cannot read are kept as they are",
                p.display()
            ),
            Lang::PtBr => format!(
                "{}: {n} registros que esta versão não lê ficam como estão",
                p.display()
            ),
        })
    })
}

fn cannot_lock(dir: &Path, e: &dyn std::fmt::Display) -> Said {
    Said::new(|lang| match lang {
        Lang::En => format!("{}: cannot lock progress: {e}", dir.display()),
        Lang::PtBr => format!(
            "{}: não foi possível travar o progresso: {e}",
            dir.display()
        ),
    })
}

fn cannot_save(p: &Path, e: &dyn std::fmt::Display) -> Said {
    Said::new(|lang| match lang {
        Lang::En => format!("{}: cannot save progress: {e}", p.display()),
        Lang::PtBr => format!("{}: não foi possível salvar o progresso: {e}", p.display()),
    })
}

/// Parses a progress file leniently: only what the log needs must be right. The
/// per-question `states` are derived data and are skipped unread (rebuilt from the
/// log); a log entry or session this build cannot read is kept verbatim. The file is
/// read in one pass, entry by entry, so memory follows the log, not a JSON tree of it.
fn parse(bytes: &[u8]) -> Found {
    let raw: RawFile = match serde_json::from_slice(bytes) {
        Ok(r) => r,
        Err(e) => {
            let e = e.to_string();
            return Found::Broken(Said::new(|_| e.clone()));
        }
    };
    match raw.version.as_ref().and_then(Value::as_u64) {
        Some(1) => {}
        Some(n) => {
            return Found::OtherVersion(Said::new(|lang| match lang {
                Lang::En => format!("version {n} is not supported"),
                Lang::PtBr => format!("a versão {n} não é suportada"),
            }));
        }
        None => {
            return Found::Broken(Said::new(|lang| {
                crate::lang::tr(lang, "no version number", "sem número de versão").into()
            }));
        }
    }
    let mut pr = Progress::new();
    for (key, not_a_list) in [
        ("log", matches!(raw.log, Some(ListField::Other))),
        ("sessions", matches!(raw.sessions, Some(ListField::Other))),
    ] {
        if not_a_list {
            return Found::Broken(Said::new(|lang| match lang {
                Lang::En => format!("`{key}` is not a list"),
                Lang::PtBr => format!("`{key}` não é uma lista"),
            }));
        }
    }
    if let Some(ListField::List(items)) = raw.log {
        for item in items {
            match item {
                Lenient::Good(r) => pr.log.push(r),
                Lenient::Odd(v) => pr.odd_log.push(v),
            }
        }
    }
    if let Some(ListField::List(items)) = raw.sessions {
        for item in items {
            match item {
                Lenient::Good(s) => pr.sessions.push(s),
                Lenient::Odd(v) => pr.odd_sessions.push(v),
            }
        }
    }
    pr.odd_log.extend(raw.odd_log);
    pr.odd_sessions.extend(raw.odd_sessions);
    pr.extra = raw.extra;
    pr.rebuild();
    Found::Ok(Box::new(pr))
}

/// `progress.json` as read: every field optional, the lists lenient.
#[derive(Default)]
struct RawFile {
    version: Option<Value>,
    log: Option<ListField<Review>>,
    sessions: Option<ListField<SessionRecord>>,
    odd_log: Vec<Value>,
    odd_sessions: Vec<Value>,
    extra: Map<String, Value>,
}

/// A field that should be a list: its elements, or `Other` when it is not a list.
enum ListField<T> {
    List(Vec<Lenient<T>>),
    Other,
}

/// A list element: read as `T`, or kept as it is.
enum Lenient<T> {
    Good(T),
    Odd(Value),
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // The element's text, borrowed from the file: read as `T` straight from it,
        // and only built into a `Value` when it does not fit.
        let raw = <&serde_json::value::RawValue>::deserialize(d)?;
        Ok(match serde_json::from_str::<T>(raw.get()) {
            Ok(t) => Lenient::Good(t),
            Err(_) => {
                Lenient::Odd(serde_json::from_str(raw.get()).map_err(serde::de::Error::custom)?)
            }
        })
    }
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for ListField<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: serde::de::DeserializeOwned> Visitor<'de> for V<T> {
            type Value = ListField<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(ListField::List(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(ListField::Other)
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(ListField::List(Vec::new()))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(ListField::Other)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(ListField::Other)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(ListField::Other)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(ListField::Other)
            }
            fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
                Ok(ListField::Other)
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A list field met twice: the second list after the first.
fn join<T>(first: Option<ListField<T>>, second: ListField<T>) -> Option<ListField<T>> {
    Some(match (first, second) {
        (Some(ListField::List(mut a)), ListField::List(b)) => {
            a.extend(b);
            ListField::List(a)
        }
        (Some(ListField::Other), _) | (_, ListField::Other) => ListField::Other,
        (None, b) => b,
    })
}

impl<'de> Deserialize<'de> for RawFile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawFile;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawFile, A::Error> {
                let mut raw = RawFile::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "version" => raw.version = Some(map.next_value()?),
                        // Derived: rebuilt from the log whatever it holds.
                        "states" => {
                            map.next_value::<IgnoredAny>()?;
                        }
                        // A key given twice (a hand edit): both lists are kept.
                        "log" => raw.log = join(raw.log.take(), map.next_value()?),
                        "sessions" => raw.sessions = join(raw.sessions.take(), map.next_value()?),
                        "unreadable_log" | "unreadable_sessions" => {
                            let v: Value = map.next_value()?;
                            let items = match v {
                                Value::Array(items) => items,
                                Value::Null => Vec::new(),
                                other => vec![other],
                            };
                            if key == "unreadable_log" {
                                raw.odd_log.extend(items);
                            } else {
                                raw.odd_sessions.extend(items);
                            }
                        }
                        _ => {
                            let v: Value = map.next_value()?;
                            raw.extra.insert(key, v);
                        }
                    }
                }
                Ok(raw)
            }
        }
        d.deserialize_map(V)
    }
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
pub fn save(dir: &Path, mine: &mut Progress) -> Result<Option<Said>, Said> {
    if let Some(why) = &mine.frozen {
        return Err(why.clone());
    }
    let _lock = Lock::take(dir).map_err(|e| cannot_lock(dir, &e))?;
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
                return Err(mine.freeze(&p, &why));
            }
            Found::Broken(e) => {
                let moved = crate::store::move_aside(&p).map_err(|me| {
                    let me = format!("{}: {me}", p.display());
                    Said::new(|_| me.clone())
                })?;
                warning = Some(Said::new(|lang| match lang {
                    Lang::En => format!(
                        "{}: unreadable progress ({}); moved to {}",
                        p.display(),
                        e.get(lang),
                        moved.display()
                    ),
                    Lang::PtBr => format!(
                        "{}: progresso ilegível ({}); guardado como {}",
                        p.display(),
                        e.get(lang),
                        moved.display()
                    ),
                }));
            }
        }
    }
    // What other sessions (or this one, before a crash) put in the journal.
    let journal = read_journal(dir).map_err(|why| mine.freeze(&journal_path(dir), &why))?;
    let had_journal =
        !journal.log.is_empty() || !journal.sessions.is_empty() || !journal.odd_log.is_empty();
    if had_journal {
        mine.merge(&journal);
    }
    mine.version = 1;
    let snapshot: &Progress = mine;
    crate::store::atomic_write_with(&p, &mut |w| {
        serde_json::to_writer_pretty(w, snapshot).map_err(std::io::Error::other)
    })
    .map_err(|e| cannot_save(&p, &e))?;
    mine.seen = Fingerprint::of(&p);
    mine.pending.clear();
    mine.unfolded = false;
    // Everything in the journal is in progress.json now (under the same lock). A
    // journal with lines this build could not read keeps its bytes, aside.
    if journal.odd_journal {
        if let Ok(m) = crate::store::move_aside(&journal_path(dir)) {
            warning = Some(Said::new(|lang| match lang {
                Lang::En => format!(
                    "{}: lines this version cannot read; the file was moved to {}",
                    journal_path(dir).display(),
                    m.display()
                ),
                Lang::PtBr => format!(
                    "{}: linhas que esta versão não lê; o arquivo foi guardado como {}",
                    journal_path(dir).display(),
                    m.display()
                ),
            }));
        }
    } else if had_journal && let Ok(f) = open_journal(dir) {
        let _ = f.set_len(0);
    }
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
