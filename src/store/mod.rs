//! The data directory and the one way this program touches files on disk.
//!
//! - [`read_capped`] is the only reader of files a user can name or edit: it refuses
//!   anything but a regular file *before* it can block (a FIFO is opened non-blocking
//!   and checked again once open), and stops at a size cap with a message naming it.
//! - [`atomic_write`] is the only writer: it follows a symlink to its target, refuses
//!   a target that exists but is not a regular file (a FIFO or a device node is never
//!   replaced), never creates missing folders (callers that own a folder, like the data
//!   directory, create it with [`write_data_file`]), writes a temporary file in the
//!   same folder, syncs it and renames it over the target.
//! - [`move_aside`] keeps a file that cannot be understood, byte for byte, as
//!   `<name>.corrupt-<unix time>` before anything is written in its place.
//! - [`clean_temp_files`] removes the temporary files of writes interrupted by a crash
//!   or `kill -9`; a temporary file is locked while it is written, so a live writer's
//!   file is never taken.
pub mod bookmarks;
pub mod settings;

use std::fs;
use std::hash::{BuildHasher, Hasher};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::lang::{Lang, tr};

/// The cap on every file read, but the progress log.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// The cap on `progress.json`, the one file that grows with months of study.
pub const MAX_PROGRESS_BYTES: u64 = 256 * 1024 * 1024;

/// Held by every write and by the signal handler before the process exits on a
/// signal, so an exit never lands between a temporary file and its rename.
pub static WRITE_GATE: Mutex<()> = Mutex::new(());

/// `--data-dir`, else `AWS_STUDY_DATA_DIR`, else the platform data directory.
pub fn data_dir(flag: Option<&Path>, env: Option<String>) -> Option<PathBuf> {
    if let Some(p) = flag {
        return Some(p.to_path_buf());
    }
    if let Some(v) = env.filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(v));
    }
    directories::ProjectDirs::from("", "", "aws-study").map(|d| d.data_dir().to_path_buf())
}

/// What a path turned out to be when a regular file was wanted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Folder,
    Fifo,
    Device,
    Socket,
    Other,
}

impl Kind {
    fn of(ft: &fs::FileType) -> Kind {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if ft.is_fifo() {
                return Kind::Fifo;
            }
            if ft.is_char_device() || ft.is_block_device() {
                return Kind::Device;
            }
            if ft.is_socket() {
                return Kind::Socket;
            }
        }
        if ft.is_dir() {
            Kind::Folder
        } else {
            Kind::Other
        }
    }

    /// What `path` is (following links), for a message.
    pub fn of_path(path: &Path) -> Kind {
        fs::metadata(path).map_or(Kind::Other, |m| Kind::of(&m.file_type()))
    }

    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            Kind::Folder => tr(
                lang,
                "is a folder, not a file",
                "é uma pasta, não um arquivo",
            ),
            Kind::Fifo => tr(
                lang,
                "is a named pipe (FIFO), not a regular file",
                "é um pipe nomeado (FIFO), não um arquivo comum",
            ),
            Kind::Device => tr(
                lang,
                "is a device, not a regular file",
                "é um dispositivo, não um arquivo comum",
            ),
            Kind::Socket => tr(
                lang,
                "is a socket, not a regular file",
                "é um socket, não um arquivo comum",
            ),
            Kind::Other => tr(lang, "is not a regular file", "não é um arquivo comum"),
        }
    }
}

/// Why a file could not be read. The message has no path: callers name the file.
#[derive(Debug)]
pub enum ReadError {
    /// There is no such file (or a folder on the way is missing).
    Missing,
    NotRegular(Kind),
    TooLarge {
        cap: u64,
    },
    /// Permission denied, an I/O error, …: the file exists but cannot be read.
    Io(std::io::Error),
}

impl ReadError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ReadError::Missing => tr(lang, "no such file", "arquivo inexistente").into(),
            ReadError::NotRegular(k) => k.message(lang).into(),
            ReadError::TooLarge { cap } => match lang {
                Lang::En => format!("larger than the {} MiB this tool reads", cap >> 20),
                Lang::PtBr => format!("maior que os {} MiB que esta ferramenta lê", cap >> 20),
            },
            ReadError::Io(e) => format!(
                "{}: {}",
                tr(lang, "cannot read", "não foi possível ler"),
                io_reason(e, lang)
            ),
        }
    }
}

/// An I/O error's reason in the reader's language where it is a common one.
pub fn io_reason(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    match (e.kind(), lang) {
        (K::PermissionDenied, Lang::PtBr) => "permissão negada".into(),
        (K::PermissionDenied, Lang::En) => "permission denied".into(),
        (K::NotFound, Lang::PtBr) => "arquivo ou pasta inexistente".into(),
        (K::NotFound, Lang::En) => "no such file or folder".into(),
        _ => e.to_string(),
    }
}

/// Whether `path` exists (as anything, a dangling symlink included).
fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// Opens `path` for reading only if it is a regular file, without ever blocking on a
/// FIFO (opened non-blocking, then checked again once open: the path may change
/// between the two).
fn open_regular(path: &Path) -> Result<fs::File, ReadError> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if is_missing(&e) => return Err(ReadError::Missing),
        Err(e) => return Err(ReadError::Io(e)),
    };
    if !meta.is_file() {
        return Err(ReadError::NotRegular(Kind::of(&meta.file_type())));
    }
    let mut opts = fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = opts.open(path).map_err(|e| {
        if is_missing(&e) {
            ReadError::Missing
        } else {
            ReadError::Io(e)
        }
    })?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(Kind::of(&meta.file_type())));
    }
    Ok(file)
}

fn is_missing(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
    )
}

/// Reads a regular file of at most `cap` bytes. A longer one stops at the cap instead
/// of filling memory; anything but a regular file is refused before it is read.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge { cap });
    }
    Ok(bytes)
}

/// Follows `path` through symlinks (relative ones from their own folder) to the file
/// a write should replace. A loop or a chain longer than 40 links is an error.
pub fn resolve_symlinks(path: &Path) -> std::io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = fs::read_link(&p)?;
                p = match p.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// Why a write did not happen.
#[derive(Debug)]
pub enum WriteError {
    /// The target exists and is a FIFO, a device, a folder…: it is left alone.
    NotRegular(Kind),
    /// The folder to write in does not exist (it is never created silently).
    NoFolder(PathBuf),
    Io(std::io::Error),
}

impl WriteError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            WriteError::NotRegular(k) => format!(
                "{} ({})",
                k.message(lang),
                tr(lang, "nothing written", "nada foi gravado")
            ),
            WriteError::NoFolder(d) => match lang {
                Lang::En => format!("the folder {} does not exist", d.display()),
                Lang::PtBr => format!("a pasta {} não existe", d.display()),
            },
            WriteError::Io(e) => io_reason(e, lang),
        }
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// Writes `bytes` to `path` atomically (see the module comment). The folder must
/// exist; a symlink's target is replaced, not the link; an existing target that is not
/// a regular file is refused. The new file keeps the old one's permissions.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    atomic_write_with(path, &mut |w| w.write_all(bytes))
}

/// [`atomic_write`] with the content written by `fill` (buffered), so a large file
/// is streamed to disk instead of built in memory first. `fill` may run twice.
pub fn atomic_write_with(
    path: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    let _gate = WRITE_GATE.lock().unwrap_or_else(|p| p.into_inner());
    let target = resolve_symlinks(path).map_err(WriteError::Io)?;
    let old = match fs::metadata(&target) {
        Ok(m) if !m.is_file() => return Err(WriteError::NotRegular(Kind::of(&m.file_type()))),
        Ok(m) => Some(m),
        Err(e) if is_missing(&e) => None,
        Err(e) => return Err(WriteError::Io(e)),
    };
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    match fs::metadata(&dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Err(WriteError::NoFolder(dir)),
        Err(e) if is_missing(&e) => return Err(WriteError::NoFolder(dir)),
        Err(e) => return Err(WriteError::Io(e)),
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A rename can only fail for a missing temporary file if a cleaner at start-up
    // took it in the instant between its creation and its lock: try once more.
    let mut last = None;
    for _ in 0..2 {
        let tmp = dir.join(format!(".{name}{TMP_MARK}{}", random_id()));
        match write_then_rename(&tmp, &target, fill, old.as_ref()) {
            Ok(()) => return Ok(()),
            Err(e) => {
                let _ = fs::remove_file(&tmp);
                let retry = e.kind() == std::io::ErrorKind::NotFound;
                last = Some(e);
                if !retry {
                    break;
                }
            }
        }
    }
    Err(WriteError::Io(last.unwrap_or_else(|| {
        std::io::Error::other("the write did not happen")
    })))
}

/// The part of a temporary file's name that marks it as one.
const TMP_MARK: &str = ".tmp-";

fn write_then_rename(
    tmp: &Path,
    target: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    old: Option<&fs::Metadata>,
) -> std::io::Result<()> {
    let f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(tmp)?;
    // Locked while written: a cleaner at start-up skips a file a live writer holds.
    f.try_lock().map_err(std::io::Error::other)?;
    if let Some(m) = old {
        let _ = f.set_permissions(m.permissions());
    }
    let mut w = std::io::BufWriter::with_capacity(64 * 1024, f);
    fill(&mut w)?;
    let f = w.into_inner().map_err(|e| e.into_error())?;
    f.sync_all()?;
    fs::rename(tmp, target)
}

/// Writes a file of the data directory: its folder (the data directory, `budgets/`)
/// is created when missing, then the write is atomic.
pub fn write_data_file(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(WriteError::Io)?;
    }
    atomic_write(path, bytes)
}

/// Removes the temporary files of interrupted writes in `dir` (not recursive): the
/// hidden `.<name>.tmp-<id>` files that no live writer holds locked. Returns how many
/// were removed.
pub fn clean_temp_files(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !name.starts_with('.') || !name.contains(TMP_MARK) {
            continue;
        }
        if !e.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let path = e.path();
        let Ok(f) = fs::OpenOptions::new().write(true).open(&path) else {
            continue;
        };
        if f.try_lock().is_ok() && fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}

pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// 64 random bits: from the operating system's randomness (through std's hash keys,
/// drawn from the OS for each process), mixed with the time and a counter. Two
/// processes with the same pid started in the same second still differ.
pub fn random_u64() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::hash::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    h.write_u128(nanos);
    h.write_u32(std::process::id());
    h.finish()
}

/// A random 128-bit identifier in hex (session ids, temporary file names).
pub fn random_id() -> String {
    format!("{:016x}{:016x}", random_u64(), random_u64())
}

/// Moves a file that cannot be understood to `<name>.corrupt-<unix time>`, byte for
/// byte, and returns the new path. The target is never an existing file.
pub fn move_aside(path: &Path) -> std::io::Result<PathBuf> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut target = path.with_file_name(format!("{name}.corrupt-{}", unix_now()));
    let mut n = 1;
    while exists(&target) {
        target = path.with_file_name(format!("{name}.corrupt-{}-{n}", unix_now()));
        n += 1;
    }
    fs::rename(path, &target)?;
    Ok(target)
}

/// Checks that the directory exists (creating it) and accepts a new file.
pub fn probe_writable(dir: &Path) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let probe = dir.join(format!(".write-probe-{}", random_id()));
    fs::write(&probe, b"").map_err(|e| format!("{}: {e}", dir.display()))?;
    let _ = fs::remove_file(&probe);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("aws-study-store-{tag}-{}", random_id()));
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_file() {
        let dir = scratch("aw");
        let p = dir.join("x.json");
        atomic_write(&p, b"one").unwrap();
        atomic_write(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        let moved = move_aside(&p).unwrap();
        assert!(moved.to_string_lossy().contains("x.json.corrupt-"));
        assert_eq!(fs::read(&moved).unwrap(), b"two");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_write_into_a_missing_folder_is_refused_and_creates_nothing() {
        let dir = scratch("nofolder");
        let p = dir.join("missing").join("x.csv");
        let e = atomic_write(&p, b"x").unwrap_err();
        assert!(matches!(e, WriteError::NoFolder(_)), "{e:?}");
        assert!(!dir.join("missing").exists());
        write_data_file(&dir.join("budgets").join("a.json"), b"{}").unwrap();
        assert!(dir.join("budgets/a.json").is_file());
        let _ = fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_keeps_pointing_at_its_rewritten_target() {
        let dir = scratch("link");
        fs::create_dir_all(dir.join("real")).unwrap();
        fs::write(dir.join("real/p.json"), b"old").unwrap();
        std::os::unix::fs::symlink("real/p.json", dir.join("p.json")).unwrap();
        atomic_write(&dir.join("p.json"), b"new").unwrap();
        assert!(
            fs::symlink_metadata(dir.join("p.json"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(dir.join("real/p.json")).unwrap(), b"new");
        let _ = fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn fifos_and_devices_are_refused_for_reading_and_writing_at_once() {
        let dir = scratch("fifo");
        let fifo = dir.join("f");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status();
        if status.is_ok_and(|s| s.success()) {
            let e = read_capped(&fifo, 10).unwrap_err();
            assert!(matches!(e, ReadError::NotRegular(Kind::Fifo)), "{e:?}");
            let e = atomic_write(&fifo, b"x").unwrap_err();
            assert!(matches!(e, WriteError::NotRegular(Kind::Fifo)), "{e:?}");
        }
        let e = read_capped(Path::new("/dev/zero"), 10).unwrap_err();
        assert!(matches!(e, ReadError::NotRegular(Kind::Device)), "{e:?}");
        assert!(matches!(
            read_capped(&dir, 10).unwrap_err(),
            ReadError::NotRegular(Kind::Folder)
        ));
        fs::write(dir.join("big"), vec![b'a'; 11]).unwrap();
        let e = read_capped(&dir.join("big"), 10).unwrap_err();
        assert!(e.message(Lang::En).contains("MiB"), "{e:?}");
        assert!(matches!(
            read_capped(&dir.join("nope"), 10).unwrap_err(),
            ReadError::Missing
        ));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn temp_files_of_dead_writers_are_cleaned_and_live_ones_kept() {
        let dir = scratch("clean");
        fs::write(dir.join(".progress.json.tmp-123"), b"half").unwrap();
        fs::write(dir.join("progress.json"), b"{}").unwrap();
        let live = dir.join(".settings.json.tmp-456");
        let held = fs::File::create(&live).unwrap();
        held.lock().unwrap();
        // A lock from another open file description of the same process conflicts too.
        assert_eq!(clean_temp_files(&dir), 1);
        assert!(!dir.join(".progress.json.tmp-123").exists());
        assert!(live.exists(), "a file a live writer holds is kept");
        assert!(dir.join("progress.json").exists());
        drop(held);
        assert_eq!(clean_temp_files(&dir), 1);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn ids_differ() {
        let a: std::collections::BTreeSet<String> = (0..1000).map(|_| random_id()).collect();
        assert_eq!(a.len(), 1000);
    }
}
