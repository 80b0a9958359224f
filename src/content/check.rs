//! `aws-study check`: holds content to its rules (both languages present, every `##`
//! with the same id in both, banks that parse and link to existing sections, one
//! correct option for `single`/`true_false`, two or more for `multiple`, …; the list is
//! in the README, "Content and authoring") and reports each problem as
//! `file:line: message`.
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use rust_decimal::Decimal;

use super::bank::{Kind, LangText, parse_bank};
use super::{ContentFile, FileSet, Library};
use crate::lang::{ALL_LANGS, Lang, Said};
use crate::markdown::model::parse;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    pub file: String,
    pub line: Option<usize>,
    /// What is wrong, in both languages (`check --lang` picks one).
    pub message: Said,
}

impl Finding {
    /// `file:line: message` in a language.
    pub fn render(&self, lang: Lang) -> String {
        match self.line {
            Some(l) => format!("{}:{}: {}", self.file, l, self.message.get(lang)),
            None => format!("{}: {}", self.file, self.message.get(lang)),
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub notes: usize,
    pub topics: usize,
    pub questions: usize,
    pub banks: usize,
}

fn line_of(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].matches('\n').count() + 1
}

/// Line numbers of many byte offsets in one text: the line starts are found once.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines(starts)
    }
    fn line_of(&self, byte: usize) -> usize {
        self.0.partition_point(|&s| s <= byte).max(1)
    }
}

/// Each JSON string literal's raw contents → the byte offset of its first occurrence,
/// found in one pass; a question's line is then one lookup, not a search of the file.
fn string_literals(text: &str) -> HashMap<&str, usize> {
    let bytes = text.as_bytes();
    let mut out = HashMap::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        let open = i;
        i += 1;
        while i < bytes.len() && bytes[i] != b'"' {
            i += if bytes[i] == b'\\' { 2 } else { 1 };
        }
        // Quotes are ASCII, so both ends are character boundaries.
        if let Some(inner) = text.get(open + 1..i.min(text.len())) {
            out.entry(inner).or_insert(open);
        }
        i += 1;
    }
    out
}

struct NoteInfo<'a> {
    file: &'a ContentFile,
    /// Section ids with their line, in order (every heading level).
    ids: Vec<(String, usize)>,
    /// The same ids, for lookups: comparing two notes stays linear in their headings.
    id_set: HashSet<String>,
}

/// Checks `files` (the tree being validated); section references also resolve against
/// `context` (the content it is loaded with, e.g. the bundled notes), which is not
/// itself reported on.
pub fn check(files: &FileSet, context: &FileSet) -> Report {
    let mut r = Report::default();
    let mut push = |file: &ContentFile, line: Option<usize>, message: Said| Finding {
        file: file.display.clone(),
        line,
        message,
    };
    let mut findings = Vec::new();

    // Notes, per topic and language.
    let mut notes: BTreeMap<String, [Option<NoteInfo>; 2]> = BTreeMap::new();
    for lang in ALL_LANGS {
        for (file, order, id) in files.notes(lang) {
            r.notes += 1;
            if order == u32::MAX {
                findings.push(push(
                    file,
                    None,
                    Said {
                        en: format!(
                            "the file name should be NN-{id}.md (NN, a number, is the tab order)"
                        ),
                        pt: format!(
                            "o nome do arquivo deveria ser NN-{id}.md (NN, um número, é a ordem da aba)"
                        ),
                    },
                ));
            }
            let info = check_note(file, &mut findings, &mut push);
            let slot = &mut notes.entry(id.clone()).or_insert([None, None])[lang.index()];
            if let Some(first) = slot {
                findings.push(push(
                    file,
                    None,
                    Said {
                        en: format!(
                            "a second {} note for topic '{id}' (the first is {})",
                            lang.code(),
                            first.file.display
                        ),
                        pt: format!(
                            "uma segunda nota {} para o tópico '{id}' (a primeira é {})",
                            lang.code(),
                            first.file.display
                        ),
                    },
                ));
            } else {
                *slot = Some(info);
            }
        }
    }
    r.topics = notes.len();
    for (id, pair) in &notes {
        match pair {
            [Some(en), Some(pt)] => compare_ids(en, pt, &mut findings, &mut push),
            [Some(have), None] | [None, Some(have)] => {
                let missing = if pair[0].is_none() {
                    Lang::En
                } else {
                    Lang::PtBr
                };
                findings.push(push(
                    have.file,
                    None,
                    Said {
                        en: format!(
                            "topic '{id}' has no {} note (expected {}/NN-{id}.md)",
                            missing.code(),
                            missing.code()
                        ),
                        pt: format!(
                            "o tópico '{id}' não tem nota {} (esperado: {}/NN-{id}.md)",
                            missing.code(),
                            missing.code()
                        ),
                    },
                ));
            }
            [None, None] => {}
        }
    }

    // Section ids available to quiz questions: the checked tree over its context.
    let merged = Library::from_files(super::overlay(context.clone(), files.clone()));
    let mut sections: HashMap<(String, Lang), HashSet<String>> = HashMap::new();
    for t in &merged.topics {
        for lang in ALL_LANGS {
            if t.has_lang(lang) {
                let doc = parse(t.note(lang).text());
                let ids = doc.headings.iter().filter_map(|h| h.id.clone()).collect();
                sections.insert((t.id.clone(), lang), ids);
            }
        }
    }

    // Quiz banks.
    let mut seen: HashMap<String, String> = HashMap::new();
    for file in files.banks() {
        r.banks += 1;
        let text: &str = &file.text;
        if let Some(at) = file.invalid_utf8_at {
            findings.push(push(file, Some(line_of(text, at)), utf8()));
            continue;
        }
        let bank = match parse_bank(text) {
            Ok(b) => b,
            Err(e) => {
                // serde's message ends with the position, already given as file:line.
                let msg = e.to_string();
                let msg = msg
                    .rfind(" at line ")
                    .map_or(msg.as_str(), |i| &msg[..i])
                    .to_string();
                findings.push(push(
                    file,
                    Some(e.line()),
                    Said {
                        en: format!("column {}: {msg}", e.column()),
                        pt: format!(
                            "coluna {}: JSON inválido ({})",
                            e.column(),
                            crate::lang::json_detail(&msg, Lang::PtBr)
                        ),
                    },
                ));
                continue;
            }
        };
        let stem = file
            .rel
            .trim_start_matches("quiz/")
            .trim_end_matches(".json")
            .to_string();
        if bank.version != 1 {
            findings.push(push(
                file,
                Some(1),
                Said {
                    en: format!(
                        "unsupported version {} (this program reads version 1)",
                        bank.version
                    ),
                    pt: format!(
                        "versão {} não suportada (este programa lê a versão 1)",
                        bank.version
                    ),
                },
            ));
        }
        if bank.topic != stem {
            findings.push(push(
                file,
                Some(1),
                Said {
                    en: format!(
                        "topic '{}' does not match the file name '{stem}.json'",
                        bank.topic
                    ),
                    pt: format!(
                        "o tópico '{}' não corresponde ao nome do arquivo '{stem}.json'",
                        bank.topic
                    ),
                },
            ));
        }
        if merged.topic(&bank.topic).is_none() {
            findings.push(push(
                file,
                Some(1),
                Said {
                    en: format!("topic '{}' has no note", bank.topic),
                    pt: format!("o tópico '{}' não tem nota", bank.topic),
                },
            ));
        }
        if bank.questions.is_empty() {
            findings.push(push(
                file,
                Some(1),
                said("the bank has no questions", "o banco não tem perguntas"),
            ));
        }
        let (lines, literals) = (Lines::new(text), string_literals(text));
        for q in &bank.questions {
            r.questions += 1;
            let line = literals.get(q.id.as_str()).map(|&b| lines.line_of(b));
            let mut bad = |msg: Said| {
                findings.push(push(
                    file,
                    line,
                    Said {
                        en: format!("question {}: {}", q.id, msg.en),
                        pt: format!("pergunta {}: {}", q.id, msg.pt),
                    },
                ))
            };
            if q.id.trim().is_empty() {
                bad(said("empty id", "id vazio"));
            } else if let Some(prev) = seen.insert(q.id.clone(), file.display.clone()) {
                bad(Said {
                    en: format!("duplicate id (also in {prev})"),
                    pt: format!("id repetido (também em {prev})"),
                });
            }
            check_text(&q.prompt, &said("prompt", "o enunciado"), &mut bad);
            check_text(
                &q.explanation,
                &said("explanation", "a explicação"),
                &mut bad,
            );
            for lang in ALL_LANGS {
                let ok = sections
                    .get(&(bank.topic.clone(), lang))
                    .is_some_and(|ids| ids.contains(&q.section));
                if !ok {
                    bad(Said {
                        en: format!(
                            "section '{}' does not exist in the {} note of '{}'",
                            q.section,
                            lang.code(),
                            bank.topic
                        ),
                        pt: format!(
                            "a seção '{}' não existe na nota {} de '{}'",
                            q.section,
                            lang.code(),
                            bank.topic
                        ),
                    });
                }
            }
            for (i, o) in q.options.iter().enumerate() {
                let k = i + 1;
                check_text(
                    &o.text,
                    &Said {
                        en: format!("option {k}"),
                        pt: format!("a opção {k}"),
                    },
                    &mut bad,
                );
                if let Some(why) = &o.why {
                    check_text(
                        why,
                        &Said {
                            en: format!("why of option {k}"),
                            pt: format!("o porquê da opção {k}"),
                        },
                        &mut bad,
                    );
                }
            }
            let right = q.options.iter().filter(|o| o.correct).count();
            let n = q.options.len();
            match q.kind {
                Kind::Single if right != 1 || n < 2 => bad(Said {
                    en: format!(
                        "a single-answer question needs 2+ options and exactly 1 correct (has {n} options, {right} correct)"
                    ),
                    pt: format!(
                        "uma pergunta de resposta única precisa de 2+ opções e exatamente 1 correta (tem {n} opções, {right} corretas)"
                    ),
                }),
                Kind::Multiple if right < 2 || n < 3 => bad(Said {
                    en: format!(
                        "a multiple-answer question needs 3+ options and 2+ correct (has {n} options, {right} correct)"
                    ),
                    pt: format!(
                        "uma pergunta de várias respostas precisa de 3+ opções e 2+ corretas (tem {n} opções, {right} corretas)"
                    ),
                }),
                Kind::TrueFalse if right != 1 || n != 2 => bad(Said {
                    en: format!(
                        "a true/false question needs exactly 2 options and 1 correct (has {n} options, {right} correct)"
                    ),
                    pt: format!(
                        "uma pergunta de verdadeiro ou falso precisa de exatamente 2 opções e 1 correta (tem {n} opções, {right} corretas)"
                    ),
                }),
                Kind::Numeric => {
                    if n > 0 {
                        bad(said(
                            "a numeric question has no options",
                            "uma pergunta numérica não tem opções",
                        ));
                    }
                    match q.answer.as_deref().map(str::parse::<Decimal>) {
                        Some(Ok(_)) => {}
                        Some(Err(_)) => {
                            let a = q.answer.as_deref().unwrap_or("");
                            bad(Said {
                                en: format!("answer '{a}' is not a decimal number"),
                                pt: format!("a resposta '{a}' não é um número decimal"),
                            })
                        }
                        None => bad(said(
                            "a numeric question needs an \"answer\"",
                            "uma pergunta numérica precisa de um \"answer\"",
                        )),
                    }
                    match q.tolerance.as_deref().map(str::parse::<Decimal>) {
                        Some(Ok(t)) if t.is_sign_negative() => bad(said(
                            "tolerance must not be negative",
                            "a tolerância não pode ser negativa",
                        )),
                        Some(Ok(_)) | None => {}
                        Some(Err(_)) => {
                            let t = q.tolerance.as_deref().unwrap_or("");
                            bad(Said {
                                en: format!("tolerance '{t}' is not a decimal number"),
                                pt: format!("a tolerância '{t}' não é um número decimal"),
                            })
                        }
                    }
                }
                _ => {}
            }
        }
    }
    findings.sort();
    r.findings = findings;
    r
}

/// A fixed message in both languages.
fn said(en: &str, pt: &str) -> Said {
    Said {
        en: en.to_string(),
        pt: pt.to_string(),
    }
}

fn utf8() -> Said {
    said("not valid UTF-8", "não é UTF-8 válido")
}

fn check_text(t: &LangText, what: &Said, bad: &mut dyn FnMut(Said)) {
    for lang in ALL_LANGS {
        if t.get(lang.code()).is_none_or(|s| s.trim().is_empty()) {
            bad(Said {
                en: format!("{} has no {} text", what.en, lang.code()),
                pt: format!("{} não tem texto em {}", what.pt, lang.code()),
            });
        }
    }
}

fn check_note<'a>(
    file: &'a ContentFile,
    findings: &mut Vec<Finding>,
    push: &mut dyn FnMut(&ContentFile, Option<usize>, Said) -> Finding,
) -> NoteInfo<'a> {
    let text: &str = &file.text;
    if let Some(at) = file.invalid_utf8_at {
        findings.push(push(file, Some(line_of(text, at)), utf8()));
    }
    if text.trim().is_empty() {
        findings.push(push(
            file,
            Some(1),
            said("the note is empty", "a nota está vazia"),
        ));
    }
    let doc = parse(text);
    if doc.title.is_none() && !text.trim().is_empty() {
        findings.push(push(
            file,
            Some(1),
            said("no '# ' title heading", "falta o título '# '"),
        ));
    }
    let mut ids: Vec<(String, usize)> = Vec::new();
    // Id → line of its first heading: one lookup per heading, not a scan.
    let mut first_line: HashMap<String, usize> = HashMap::new();
    for h in &doc.headings {
        let line = h.line as usize;
        if h.text.trim().is_empty() {
            findings.push(push(
                file,
                Some(line),
                said("empty heading", "título vazio"),
            ));
        }
        match &h.id {
            Some(id) => {
                match first_line.get(id) {
                    Some(first) => findings.push(push(
                        file,
                        Some(line),
                        Said {
                            en: format!("duplicate heading id '{id}' (first at line {first})"),
                            pt: format!(
                                "id de título repetido '{id}' (o primeiro na linha {first})"
                            ),
                        },
                    )),
                    None => {
                        first_line.insert(id.clone(), line);
                    }
                }
                ids.push((id.clone(), line));
            }
            None if h.level == 2 => {
                findings.push(push(
                    file,
                    Some(line),
                    Said {
                        en: format!("'## {}' has no {{#id}}", h.text.trim()),
                        pt: format!("'## {}' não tem {{#id}}", h.text.trim()),
                    },
                ));
            }
            None => {}
        }
    }
    let id_set = first_line.into_keys().collect();
    NoteInfo { file, ids, id_set }
}

fn compare_ids(
    en: &NoteInfo<'_>,
    pt: &NoteInfo<'_>,
    findings: &mut Vec<Finding>,
    push: &mut dyn FnMut(&ContentFile, Option<usize>, Said) -> Finding,
) {
    for (a, b) in [(en, pt), (pt, en)] {
        for (id, line) in &a.ids {
            if !b.id_set.contains(id) {
                findings.push(push(
                    b.file,
                    None,
                    Said {
                        en: format!(
                            "heading id '{id}' of {}:{line} is missing here",
                            a.file.display
                        ),
                        pt: format!(
                            "falta aqui o id de título '{id}' de {}:{line}",
                            a.file.display
                        ),
                    },
                ));
            }
        }
    }
    let common_en: Vec<&String> = en
        .ids
        .iter()
        .map(|x| &x.0)
        .filter(|id| pt.id_set.contains(*id))
        .collect();
    let common_pt: Vec<&String> = pt
        .ids
        .iter()
        .map(|x| &x.0)
        .filter(|id| en.id_set.contains(*id))
        .collect();
    if common_en != common_pt
        && let Some((i, _)) = common_en
            .iter()
            .zip(&common_pt)
            .enumerate()
            .find(|(_, (a, b))| a != b)
    {
        let line = pt.ids.iter().find(|(x, _)| x == common_pt[i]).map(|x| x.1);
        findings.push(push(
            pt.file,
            line,
            Said {
                en: format!(
                    "heading ids are in a different order than in {} ('{}' where '{}' is expected)",
                    en.file.display, common_pt[i], common_en[i]
                ),
                pt: format!(
                    "os ids de título estão em outra ordem que em {} ('{}' onde se espera '{}')",
                    en.file.display, common_pt[i], common_en[i]
                ),
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_ids_are_found_at_their_first_literal() {
        let text = "{\n \"id\": \"a\\\"b\",\n \"x\": \"q-1\",\n \"y\": \"q-1\"\n}";
        let lits = string_literals(text);
        let lines = Lines::new(text);
        assert_eq!(lits.get("q-1").map(|&b| lines.line_of(b)), Some(3));
        assert_eq!(lits.get("a\\\"b").map(|&b| lines.line_of(b)), Some(2));
        assert_eq!(lits.get("missing"), None);
        // An unterminated literal ends the scan without a panic.
        assert!(string_literals("\"open \\").contains_key("open \\"));
    }
}
