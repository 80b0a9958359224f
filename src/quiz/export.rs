//! Quiz exports for reading away from the app (`quiz --export`): the questions last
//! answered wrong with the right answer and the explanation, or every answer given,
//! as Markdown (in the chosen language) or CSV (one row per question or answer,
//! fixed English column names, ISO dates, no localized numbers).
use std::collections::BTreeMap;

use super::progress::{Progress, Review};
use super::{Bank, day_label, day_of};
use crate::content::bank::{Kind, Question, shown};
use crate::lang::Lang;

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    /// Questions whose last answer was wrong (what "Review missed" asks).
    Missed,
    /// Every answer in the review log, oldest first.
    Results,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Csv,
}

/// The export as text. `topic` narrows it to one topic; `label` names a topic id
/// for a reader (the tab label).
pub fn export(
    bank: &Bank,
    p: &Progress,
    what: Export,
    format: Format,
    topic: Option<&str>,
    lang: Lang,
    label: &dyn Fn(&str) -> String,
) -> String {
    let in_topic = |t: &str| topic.is_none_or(|x| x == t);
    match what {
        Export::Missed => {
            // The last answer to each question, and how often it was missed.
            let mut last: BTreeMap<&str, &Review> = BTreeMap::new();
            let mut misses: BTreeMap<&str, u32> = BTreeMap::new();
            for r in &p.log {
                last.insert(r.question.as_str(), r);
                *misses.entry(r.question.as_str()).or_default() += u32::from(!r.correct);
            }
            let rows: Vec<Missed> = bank
                .items
                .iter()
                .filter(|i| in_topic(&i.topic))
                .filter(|i| p.states.get(&i.q.id).is_some_and(|s| !s.last_correct))
                .map(|i| Missed {
                    topic: &i.topic,
                    q: &i.q,
                    last: last.get(i.q.id.as_str()).copied(),
                    misses: misses.get(i.q.id.as_str()).copied().unwrap_or(0),
                })
                .collect();
            match format {
                Format::Markdown => missed_markdown(&rows, lang, label),
                Format::Csv => missed_csv(&rows, lang),
            }
        }
        Export::Results => {
            let by_id: BTreeMap<&str, (&str, &Question)> = bank
                .items
                .iter()
                .map(|i| (i.q.id.as_str(), (i.topic.as_str(), &i.q)))
                .collect();
            let rows: Vec<(&Review, Option<(&str, &Question)>)> = p
                .log
                .iter()
                .map(|r| (r, by_id.get(r.question.as_str()).copied()))
                .filter(|(_, q)| topic.is_none() || q.is_some_and(|(t, _)| in_topic(t)))
                .collect();
            match format {
                Format::Markdown => results_markdown(&rows, lang, label),
                Format::Csv => results_csv(&rows, lang),
            }
        }
    }
}

struct Missed<'a> {
    topic: &'a str,
    q: &'a Question,
    last: Option<&'a Review>,
    misses: u32,
}

/// What was chosen, as the options' texts (or the number typed).
fn chosen_text(q: &Question, chosen: &[String], lang: Lang) -> String {
    if q.kind == Kind::Numeric {
        return chosen.join(", ");
    }
    chosen
        .iter()
        .map(|c| {
            c.parse::<usize>()
                .ok()
                .and_then(|b| q.options.get(b))
                .map_or_else(|| c.clone(), |o| shown(&o.text, lang))
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The right answer: the correct options' texts, or the number with its tolerance.
fn right_text(q: &Question, lang: Lang) -> String {
    if q.kind == Kind::Numeric {
        return super::answer_text(q, lang);
    }
    q.options
        .iter()
        .filter(|o| o.correct)
        .map(|o| shown(&o.text, lang))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// One line of Markdown text: no line breaks, table pipes escaped.
fn md(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn csv_row(fields: &[String]) -> String {
    let mut row = fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",");
    row.push('\n');
    row
}

/// A unix time as an ISO 8601 UTC timestamp.
fn iso(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map_or_else(String::new, |d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

fn missed_markdown(rows: &[Missed], lang: Lang, label: &dyn Fn(&str) -> String) -> String {
    let tr = |en: &'static str, pt: &'static str| crate::lang::tr(lang, en, pt);
    let mut out = format!(
        "# {}\n\n",
        tr("Questions to review", "Perguntas para revisar")
    );
    if rows.is_empty() {
        out.push_str(tr(
            "No missed questions: every last answer was right.\n",
            "Nenhuma pergunta errada: todas as últimas respostas estão certas.\n",
        ));
        return out;
    }
    out.push_str(&match lang {
        Lang::En => format!(
            "{} question(s) whose last answer was wrong, with the right answer and why.\n",
            rows.len()
        ),
        Lang::PtBr => format!(
            "{} pergunta(s) cuja última resposta foi errada, com a resposta certa e o porquê.\n",
            rows.len()
        ),
    });
    for (k, r) in rows.iter().enumerate() {
        out.push_str(&format!(
            "\n## {}. {}\n\n",
            k + 1,
            md(&shown(&r.q.prompt, lang))
        ));
        out.push_str(&format!(
            "- {}: {} (`{}#{}`)\n",
            tr("Topic", "Tópico"),
            md(&label(r.topic)),
            r.topic,
            r.q.section
        ));
        if let Some(last) = r.last {
            out.push_str(&format!(
                "- {}: {} ({})\n",
                tr("Your last answer", "Sua última resposta"),
                md(&chosen_text(r.q, &last.chosen, lang)),
                day_label(day_of(last.time), lang)
            ));
        }
        out.push_str(&format!(
            "- {}: {}\n",
            tr("Right answer", "Resposta certa"),
            md(&right_text(r.q, lang))
        ));
        out.push_str(&format!(
            "- {}: {}\n\n",
            tr("Times missed", "Vezes que errou"),
            r.misses
        ));
        out.push_str(&md(&shown(&r.q.explanation, lang)));
        out.push('\n');
    }
    out
}

fn missed_csv(rows: &[Missed], lang: Lang) -> String {
    let mut out = csv_row(
        &[
            "topic",
            "section",
            "id",
            "question",
            "your_last_answer",
            "last_answered",
            "right_answer",
            "times_missed",
            "explanation",
        ]
        .map(String::from),
    );
    for r in rows {
        out.push_str(&csv_row(&[
            r.topic.to_string(),
            r.q.section.clone(),
            r.q.id.clone(),
            shown(&r.q.prompt, lang),
            r.last
                .map(|l| chosen_text(r.q, &l.chosen, lang))
                .unwrap_or_default(),
            r.last.map(|l| iso(l.time)).unwrap_or_default(),
            right_text(r.q, lang),
            r.misses.to_string(),
            shown(&r.q.explanation, lang),
        ]));
    }
    out
}

type ResultRow<'a> = (&'a Review, Option<(&'a str, &'a Question)>);

fn results_markdown(rows: &[ResultRow], lang: Lang, label: &dyn Fn(&str) -> String) -> String {
    let tr = |en: &'static str, pt: &'static str| crate::lang::tr(lang, en, pt);
    let mut out = format!("# {}\n\n", tr("Quiz results", "Resultados do quiz"));
    if rows.is_empty() {
        out.push_str(tr("Nothing answered yet.\n", "Nada respondido ainda.\n"));
        return out;
    }
    let right = rows.iter().filter(|(r, _)| r.correct).count();
    out.push_str(&match lang {
        Lang::En => format!("{right} of {} answers right.\n\n", rows.len()),
        Lang::PtBr => format!("{right} de {} respostas certas.\n\n", rows.len()),
    });
    out.push_str(&format!(
        "| {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|\n",
        tr("Date", "Data"),
        tr("Topic", "Tópico"),
        tr("Question", "Pergunta"),
        tr("Your answer", "Sua resposta"),
        tr("Result", "Resultado"),
        tr("Right answer", "Resposta certa"),
    ));
    for (r, q) in rows {
        let (topic, prompt, yours, right) = match q {
            Some((t, q)) => (
                label(t),
                shown(&q.prompt, lang),
                chosen_text(q, &r.chosen, lang),
                right_text(q, lang),
            ),
            None => (
                String::new(),
                r.question.clone(),
                r.chosen.join(", "),
                String::new(),
            ),
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            day_label(day_of(r.time), lang),
            md(&topic),
            md(&prompt),
            md(&yours),
            if r.correct {
                tr("✓ right", "✓ certa")
            } else {
                tr("✗ wrong", "✗ errada")
            },
            md(&right),
        ));
    }
    out
}

fn results_csv(rows: &[ResultRow], lang: Lang) -> String {
    let mut out = csv_row(
        &[
            "time",
            "topic",
            "id",
            "question",
            "your_answer",
            "correct",
            "right_answer",
            "mode",
            "duration_ms",
        ]
        .map(String::from),
    );
    for (r, q) in rows {
        out.push_str(&csv_row(&[
            iso(r.time),
            q.map(|(t, _)| t.to_string()).unwrap_or_default(),
            r.question.clone(),
            q.map(|(_, q)| shown(&q.prompt, lang)).unwrap_or_default(),
            q.map_or_else(
                || r.chosen.join(", "),
                |(_, q)| chosen_text(q, &r.chosen, lang),
            ),
            r.correct.to_string(),
            q.map(|(_, q)| right_text(q, lang)).unwrap_or_default(),
            r.mode.clone(),
            r.duration_ms.to_string(),
        ]));
    }
    out
}
