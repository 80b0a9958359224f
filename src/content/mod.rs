//! Course content: the bundled notes and quiz banks compiled into the binary, plus an
//! optional user directory (`--content DIR`, same layout) that adds or overrides topics.
pub mod bank;
pub mod check;
pub mod search;

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::lang::{ALL_LANGS, Lang};

/// One file of a content tree, relative to its root (`en/01-step-functions.md`).
#[derive(Clone, Debug)]
pub struct ContentFile {
    pub rel: String,
    /// How messages name the file: a real path, or `content/…` for bundled files.
    pub display: String,
    pub text: Cow<'static, str>,
    /// Byte offset of the first invalid UTF-8 sequence, when the file was not UTF-8
    /// (the text then holds a lossy copy).
    pub invalid_utf8_at: Option<usize>,
}

/// The files of one content tree (bundled, or a user directory).
#[derive(Clone, Debug, Default)]
pub struct FileSet {
    pub files: Vec<ContentFile>,
}

impl FileSet {
    pub fn bundled() -> FileSet {
        let files = crate::assets::ALL
            .iter()
            .filter_map(|(path, text)| {
                let rel = path.strip_prefix("content/")?;
                Some(ContentFile {
                    rel: rel.to_string(),
                    display: path.to_string(),
                    text: Cow::Borrowed(*text),
                    invalid_utf8_at: None,
                })
            })
            .collect();
        FileSet { files }
    }

    /// `from_dir_in` with English messages.
    pub fn from_dir(dir: &Path) -> Result<FileSet, String> {
        FileSet::from_dir_in(dir, Lang::En)
    }

    /// Reads a user content directory: `en/*.md`, `pt-BR/*.md`, `quiz/*.json`;
    /// errors are worded in `lang`.
    pub fn from_dir_in(dir: &Path, lang: Lang) -> Result<FileSet, String> {
        let t = |en: &'static str, pt: &'static str| crate::lang::tr(lang, en, pt);
        let meta = std::fs::metadata(dir).map_err(|e| {
            format!(
                "{}: {}: {e}",
                dir.display(),
                t(
                    "cannot read content directory",
                    "não foi possível ler a pasta de conteúdo"
                )
            )
        })?;
        if !meta.is_dir() {
            return Err(format!(
                "{}: {}",
                dir.display(),
                t("not a directory", "não é uma pasta")
            ));
        }
        let cannot_list = t("cannot read directory", "não foi possível ler a pasta");
        let mut files = Vec::new();
        let mut found_any_folder = false;
        for sub in ["en", "pt-BR", "quiz"] {
            let path = dir.join(sub);
            if !path.exists() {
                continue;
            }
            found_any_folder = true;
            let ext = if sub == "quiz" { "json" } else { "md" };
            let entries = std::fs::read_dir(&path)
                .map_err(|e| format!("{}: {cannot_list}: {e}", path.display()))?;
            let mut paths: Vec<PathBuf> = Vec::new();
            for entry in entries {
                let entry = entry.map_err(|e| format!("{}: {cannot_list}: {e}", path.display()))?;
                let p = entry.path();
                if p.extension().and_then(|e| e.to_str()) == Some(ext) && p.is_file() {
                    paths.push(p);
                }
            }
            paths.sort();
            for p in paths {
                // `is_file` above follows links; the safe reader checks again once
                // open, so a file swapped for a FIFO cannot hang the load.
                let bytes =
                    crate::store::read_capped(&p, crate::store::MAX_FILE_BYTES).map_err(|e| {
                        format!(
                            "{}: {}: {}",
                            p.display(),
                            t("cannot read file", "não foi possível ler o arquivo"),
                            e.message(lang)
                        )
                    })?;
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let (text, invalid) = match String::from_utf8(bytes) {
                    // A UTF-8 byte-order mark is not content.
                    Ok(s) => (
                        s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s),
                        None,
                    ),
                    Err(e) => {
                        let at = e.utf8_error().valid_up_to();
                        (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(at))
                    }
                };
                files.push(ContentFile {
                    rel: format!("{sub}/{name}"),
                    display: p.display().to_string(),
                    text: Cow::Owned(text),
                    invalid_utf8_at: invalid,
                });
            }
        }
        if !found_any_folder {
            return Err(format!(
                "{}: {}",
                dir.display(),
                t(
                    "no en/, pt-BR/ or quiz/ folder; a content directory holds en/NN-id.md, pt-BR/NN-id.md and quiz/id.json",
                    "não há pasta en/, pt-BR/ nem quiz/; uma pasta de conteúdo tem en/NN-id.md, pt-BR/NN-id.md e quiz/id.json"
                )
            ));
        }
        Ok(FileSet { files })
    }

    /// Notes of one language: (file, order, topic id).
    pub fn notes(&self, lang: Lang) -> impl Iterator<Item = (&ContentFile, u32, String)> {
        let prefix = format!("{}/", lang.code());
        self.files.iter().filter_map(move |f| {
            let name = f.rel.strip_prefix(&prefix)?;
            let stem = name.strip_suffix(".md")?;
            let (order, id) = split_order(stem);
            Some((f, order, id.to_string()))
        })
    }

    pub fn banks(&self) -> impl Iterator<Item = &ContentFile> {
        self.files
            .iter()
            .filter(|f| f.rel.starts_with("quiz/") && f.rel.ends_with(".json"))
    }
}

/// `01-step-functions` → (1, "step-functions"); a name without a number sorts last.
pub fn split_order(stem: &str) -> (u32, &str) {
    if let Some((num, rest)) = stem.split_once('-')
        && !num.is_empty()
        && num.bytes().all(|b| b.is_ascii_digit())
        && !rest.is_empty()
    {
        return (num.parse().unwrap_or(u32::MAX), rest);
    }
    (u32::MAX, stem)
}

#[derive(Debug)]
pub struct Note {
    pub file: ContentFile,
    title: OnceCell<Option<String>>,
}

impl Note {
    fn new(file: ContentFile) -> Self {
        Note {
            file,
            title: OnceCell::new(),
        }
    }
    pub fn text(&self) -> &str {
        &self.file.text
    }
    /// The first `#` heading's text, found without laying the note out.
    pub fn title(&self) -> Option<&str> {
        self.title.get_or_init(|| first_h1(self.text())).as_deref()
    }
}

fn first_h1(src: &str) -> Option<String> {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
    let mut in_h1 = false;
    let mut text = String::new();
    for ev in Parser::new_ext(src, crate::markdown::model::parser_options()) {
        match ev {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => in_h1 = true,
            Event::End(TagEnd::Heading(HeadingLevel::H1)) => {
                let t = crate::markdown::text::sanitize(text.trim());
                if !t.is_empty() {
                    return Some(t);
                }
                in_h1 = false;
            }
            Event::Text(t) | Event::Code(t) if in_h1 => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if in_h1 => text.push(' '),
            _ => {}
        }
    }
    None
}

#[derive(Debug)]
pub struct Topic {
    pub id: String,
    pub order: u32,
    notes: [Option<Note>; 2],
}

impl Topic {
    /// The note in `lang`, or in the other language when only that one exists.
    pub fn note(&self, lang: Lang) -> &Note {
        self.notes[lang.index()]
            .as_ref()
            .or(self.notes[lang.other().index()].as_ref())
            .expect("a topic exists only with at least one note")
    }
    pub fn has_lang(&self, lang: Lang) -> bool {
        self.notes[lang.index()].is_some()
    }
    pub fn title(&self, lang: Lang) -> String {
        self.note(lang)
            .title()
            .map(str::to_string)
            .unwrap_or_else(|| self.id.clone())
    }
    /// The short tab label: fixed for the course topics, the title otherwise.
    pub fn label(&self, lang: Lang) -> String {
        let fixed = match (self.id.as_str(), lang) {
            ("step-functions", _) => Some("Step Functions"),
            ("cloudformation", _) => Some("CloudFormation"),
            ("security", _) => Some("IAM/KMS/VPC"),
            ("cost-optimization", Lang::En) => Some("Cost"),
            ("cost-optimization", Lang::PtBr) => Some("Custos"),
            ("scenarios", Lang::En) => Some("Scenarios"),
            ("scenarios", Lang::PtBr) => Some("Cenários"),
            ("data-services", Lang::En) => Some("Services"),
            ("data-services", Lang::PtBr) => Some("Serviços"),
            ("best-practices", Lang::En) => Some("Practices"),
            ("best-practices", Lang::PtBr) => Some("Práticas"),
            _ => None,
        };
        match fixed {
            Some(l) => l.to_string(),
            None => {
                let t = self.title(lang);
                let mut s: String = t.chars().take(16).collect();
                if t.chars().count() > 16 {
                    s.pop();
                    s.push('…');
                }
                s
            }
        }
    }
}

/// All topics in tab order.
#[derive(Debug, Default)]
pub struct Library {
    pub topics: Vec<Topic>,
    /// The merged file set (user files override bundled ones by relative path).
    pub files: FileSet,
}

impl Library {
    /// Bundled content, overlaid with a user directory when given.
    pub fn load(user_dir: Option<&Path>) -> Result<Library, String> {
        Library::load_in(user_dir, Lang::En)
    }

    /// The bundled content with `user_dir` on top; errors are worded in `lang`.
    pub fn load_in(user_dir: Option<&Path>, lang: Lang) -> Result<Library, String> {
        let mut set = FileSet::bundled();
        if let Some(dir) = user_dir {
            let user = FileSet::from_dir_in(dir, lang)?;
            set = overlay(set, user);
        }
        Ok(Library::from_files(set))
    }

    pub fn from_files(files: FileSet) -> Library {
        let mut topics: Vec<Topic> = Vec::new();
        // Topic id → index in `topics`: one lookup per file, so loading stays linear
        // in the number of topics (a scan of `topics` per file was quadratic).
        let mut by_id: HashMap<String, usize> = HashMap::new();
        for lang in ALL_LANGS {
            for (file, order, id) in files.notes(lang) {
                let idx = match by_id.get(&id) {
                    Some(&i) => i,
                    None => {
                        topics.push(Topic {
                            id: id.clone(),
                            order,
                            notes: [None, None],
                        });
                        by_id.insert(id, topics.len() - 1);
                        topics.len() - 1
                    }
                };
                let t = &mut topics[idx];
                t.order = t.order.min(order);
                t.notes[lang.index()] = Some(Note::new(file.clone()));
            }
        }
        topics.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
        Library { topics, files }
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.topics.iter().position(|t| t.id == id)
    }

    pub fn ids(&self) -> Vec<&str> {
        self.topics.iter().map(|t| t.id.as_str()).collect()
    }
}

/// User files replace bundled files with the same topic id (whatever their number)
/// or the same relative path; others are added.
pub fn overlay(base: FileSet, user: FileSet) -> FileSet {
    let key = |f: &ContentFile| -> String {
        match f.rel.split_once('/') {
            Some((dir, name)) if dir != "quiz" => {
                let stem = name.strip_suffix(".md").unwrap_or(name);
                format!("{dir}/{}", split_order(stem).1)
            }
            _ => f.rel.clone(),
        }
    };
    let user_keys: HashSet<String> = user.files.iter().map(key).collect();
    let mut files: Vec<ContentFile> = base
        .files
        .into_iter()
        .filter(|f| !user_keys.contains(&key(f)))
        .collect();
    files.extend(user.files);
    FileSet { files }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_and_id_come_from_the_file_name() {
        assert_eq!(split_order("01-step-functions"), (1, "step-functions"));
        assert_eq!(split_order("99-cm"), (99, "cm"));
        assert_eq!(split_order("notes"), (u32::MAX, "notes"));
        assert_eq!(split_order("x-y"), (u32::MAX, "x-y"));
    }

    #[test]
    fn titles_come_from_the_first_h1() {
        assert_eq!(
            first_h1("text\n\n# Big *title*\n\n# other").as_deref(),
            Some("Big title")
        );
        assert_eq!(first_h1("## only h2"), None);
    }

    fn file(rel: &str, text: &'static str) -> ContentFile {
        ContentFile {
            rel: rel.into(),
            display: rel.into(),
            text: Cow::Borrowed(text),
            invalid_utf8_at: None,
        }
    }

    #[test]
    fn user_files_override_by_topic_id_and_sort_by_number() {
        let base = FileSet {
            files: vec![file("en/01-a.md", "# A"), file("en/02-b.md", "# B")],
        };
        let user = FileSet {
            files: vec![file("en/05-a.md", "# Mine"), file("en/03-c.md", "# C")],
        };
        let lib = Library::from_files(overlay(base, user));
        assert_eq!(lib.ids(), vec!["b", "c", "a"]);
        assert_eq!(
            lib.topic("a").map(|t| t.title(Lang::En)),
            Some("Mine".into())
        );
        // A topic with one language falls back to it.
        assert_eq!(
            lib.topic("c").map(|t| t.title(Lang::PtBr)),
            Some("C".into())
        );
    }
}
