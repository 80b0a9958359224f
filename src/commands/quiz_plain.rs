//! `aws-study quiz --plain`: the quiz in line mode. Questions with numbered
//! options, answers `1` or `1,3` (a number for numeric questions), feedback with the
//! explanation, `Score: X/N` at the end. Every answer is recorded like in the app.
use std::io::{BufRead, Write};

use crate::content::bank::{Kind, shown};
use crate::lang::Lang;
use crate::quiz::progress::{self, Progress, Review, SessionRecord};
use crate::quiz::{Bank, Mode, Presented, draw, grade, now, parse_answer};
use crate::rng::Rng;
use crate::{Context, Failure};

fn say(out: &mut impl Write, text: &str) -> bool {
    // A closed stdout (the reader went away) ends the quiz quietly.
    super::output::write_to(out, text).is_ok()
}

/// Saves progress, warning once (on stderr) when it cannot be saved.
struct Saver<'a> {
    dir: Option<&'a std::path::Path>,
    warned: bool,
    lang: Lang,
}

impl Saver<'_> {
    /// After each answer: appended to the journal (cheap, whatever the history).
    fn append(&mut self, p: &mut Progress) {
        let Some(dir) = self.dir else {
            return;
        };
        if let Err(e) = progress::append(dir, p) {
            self.failed(e.get(self.lang));
        }
    }

    /// At the end: the journal folded into `progress.json`.
    fn save(&mut self, p: &mut Progress) {
        let Some(dir) = self.dir else {
            return;
        };
        match progress::save(dir, p) {
            Ok(Some(w)) => super::output::warn(self.lang, w.get(self.lang)),
            Ok(None) => {}
            Err(e) => self.failed(e.get(self.lang)),
        }
    }

    fn failed(&mut self, e: &str) {
        if !self.warned {
            self.warned = true;
            super::output::warn(
                self.lang,
                &match self.lang {
                    Lang::En => format!("progress cannot be saved ({e}); the quiz goes on"),
                    Lang::PtBr => {
                        format!("o progresso não pode ser salvo ({e}); o quiz continua sem salvar")
                    }
                },
            );
        }
    }
}

pub fn run(
    ctx: &Context,
    topic: Option<&str>,
    count: usize,
    seed: Option<u64>,
    due: bool,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    let (bank, warnings) = Bank::load(&ctx.library);
    for w in warnings {
        super::output::warn(ctx.lang, &w);
    }
    if let Some(t) = topic
        && !bank.items.iter().any(|i| i.topic == t)
    {
        return Err(Failure::Usage(format!(
            "{} '{t}'; {}: {}",
            crate::lang::tr(
                ctx.lang,
                "no questions for topic",
                "nenhuma pergunta do tópico"
            ),
            crate::lang::tr(ctx.lang, "topics with questions", "tópicos com perguntas"),
            bank.topics().join(", ")
        )));
    }
    let (mut progress, warning) = progress::load(ctx.data_dir.as_deref());
    if let Some(w) = warning {
        super::output::warn(ctx.lang, w.get(ctx.lang));
    }
    let start = now();
    let mode = match (due, topic) {
        (true, _) => Mode::Due,
        (false, Some(t)) => Mode::Topic(t.to_string()),
        (false, None) => Mode::All,
    };
    let mut rng = seed.map_or_else(Rng::from_time, Rng::new);
    let mut items = draw(&bank, &progress, &mode, usize::MAX, &mut rng, start);
    if due && let Some(t) = topic {
        items.retain(|&i| bank.items[i].topic == t);
    }
    items.truncate(count);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if items.is_empty() {
        let msg = match lang {
            Lang::En => {
                "Nothing is due for review now. Come back later, or run a quiz without --due.\n"
            }
            Lang::PtBr => "Nada para revisar agora. Volte mais tarde, ou rode um quiz sem --due.\n",
        };
        say(&mut out, msg);
        return Ok(());
    }
    let session = format!("{start}-{}", crate::store::random_id());
    let mut saver = Saver {
        dir: ctx.data_dir.as_deref(),
        // Progress that cannot be saved was already said when it was loaded.
        warned: progress.frozen.is_some(),
        lang,
    };
    let n = items.len();
    let mut score = 0u32;
    let mut answered = 0u32;
    let stdin = std::io::stdin();
    let interactive = std::io::IsTerminal::is_terminal(&stdin);
    let mut lines = stdin.lock().lines();
    'questions: for (k, &item) in items.iter().enumerate() {
        let it = &bank.items[item];
        let q = &it.q;
        let p = Presented::new(&bank, item, &mut rng);
        let title = ctx
            .library
            .topic(&it.topic)
            .map_or(it.topic.clone(), |t| t.label(lang));
        let mut text = format!(
            "\n{} {}/{n} · {title} · {}\n{}\n",
            if lang == Lang::En {
                "Question"
            } else {
                "Pergunta"
            },
            k + 1,
            q.kind.label(lang),
            shown(&q.prompt, lang).as_str()
        );
        for (i, &b) in p.order.iter().enumerate() {
            text.push_str(&format!(
                "  {}) {}\n",
                i + 1,
                shown(&q.options[b].text, lang).as_str()
            ));
        }
        if !say(&mut out, &text) {
            break;
        }
        let asked = std::time::Instant::now();
        let answer = loop {
            let prompt = match (q.kind, lang) {
                (Kind::Numeric, Lang::En) => "Answer (a number): ",
                (Kind::Numeric, Lang::PtBr) => "Resposta (um valor): ",
                (Kind::Multiple, Lang::En) => "Answer (numbers separated by commas, e.g. 1,3): ",
                (Kind::Multiple, Lang::PtBr) => "Resposta (os números das opções, ex.: 1 3): ",
                (_, Lang::En) => "Answer (one number): ",
                (_, Lang::PtBr) => "Resposta (o número da opção): ",
            };
            if !say(&mut out, prompt) {
                break 'questions;
            }
            let Some(Ok(line)) = lines.next() else {
                say(&mut out, "\n");
                break 'questions;
            };
            if !interactive {
                // Echo piped answers so the transcript reads like a session.
                say(&mut out, &format!("{}\n", line.trim_end()));
            }
            match parse_answer(&line, q, &p) {
                Ok(a) => break a,
                Err(e) => {
                    // The Quiz tab's words, as a sentence of the transcript.
                    let m = e.message(lang);
                    let mut c = m.chars();
                    let msg = match c.next() {
                        Some(f) => format!("{}{}.\n", f.to_uppercase(), c.as_str()),
                        None => String::new(),
                    };
                    say(&mut out, &msg);
                }
            }
        };
        let right = grade(q, &answer);
        answered += 1;
        score += u32::from(right);
        let mut fb = String::new();
        fb.push_str(match (right, lang) {
            (true, Lang::En) => "Correct\n",
            (true, Lang::PtBr) => "Certo\n",
            (false, Lang::En) => "Incorrect\n",
            (false, Lang::PtBr) => "Errado\n",
        });
        if q.kind == Kind::Numeric {
            // The bank's decimal strings, written as the reader writes numbers.
            let shown = |s: &str| match rust_decimal::Decimal::from_str_exact(s.trim()) {
                Ok(d) => crate::numfmt::decimal(d, lang),
                Err(_) => s.to_string(),
            };
            let tol = q
                .tolerance
                .as_deref()
                .filter(|t| t.trim() != "0")
                .map(|t| format!(" (± {})", shown(t)))
                .unwrap_or_default();
            fb.push_str(&format!(
                "  {} {}{tol}\n",
                if lang == Lang::En {
                    "Answer:"
                } else {
                    "Resposta:"
                },
                shown(q.answer.as_deref().unwrap_or(""))
            ));
        } else {
            for (i, &b) in p.order.iter().enumerate() {
                let o = &q.options[b];
                let mark = if o.correct { "✓" } else { "✗" };
                let chosen = matches!(&answer, crate::quiz::Answer::Options(c) if c.contains(&b));
                let you = match (chosen, lang) {
                    (false, _) => "",
                    (true, Lang::En) => " (you)",
                    (true, Lang::PtBr) => " (sua)",
                };
                fb.push_str(&format!(
                    "  {mark} {}) {}{you}\n",
                    i + 1,
                    shown(&o.text, lang).as_str()
                ));
                if let Some(why) = &o.why {
                    fb.push_str(&format!("      {}\n", shown(why, lang).as_str()));
                }
            }
        }
        fb.push_str(&format!("{}\n", shown(&q.explanation, lang).as_str()));
        let ok = say(&mut out, &fb);
        progress.record(Review {
            time: now(),
            question: q.id.clone(),
            correct: right,
            chosen: answer.chosen(),
            mode: mode.name().to_string(),
            duration_ms: asked.elapsed().as_millis() as u64,
            lang: lang.code().to_string(),
            session: session.clone(),
            extra: Default::default(),
        });
        progress.upsert_session(SessionRecord {
            id: session.clone(),
            mode: mode.name().to_string(),
            started: start,
            ended: now(),
            answered,
            correct: score,
            lang: lang.code().to_string(),
            extra: Default::default(),
        });
        saver.append(&mut progress);
        if !ok {
            break;
        }
    }
    if progress.unsaved() {
        saver.save(&mut progress);
    }
    let total = if answered as usize == n {
        n
    } else {
        answered as usize
    };
    let score_word = match lang {
        Lang::En => "Score",
        Lang::PtBr => "Pontuação",
    };
    say(&mut out, &format!("\n{score_word}: {score}/{total}\n"));
    if (answered as usize) < n {
        let msg = match lang {
            Lang::En => format!(
                "(stopped after {answered} of {n} questions; the answers given are saved)\n"
            ),
            Lang::PtBr => format!(
                "(parou depois de {answered} de {n} perguntas; as respostas dadas foram salvas)\n"
            ),
        };
        say(&mut out, &msg);
    }
    Ok(())
}
