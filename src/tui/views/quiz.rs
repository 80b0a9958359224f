//! The Quiz tab: mode menu, topic picker, exam setup, a question with its options,
//! feedback with why each option is right or wrong, results, and progress.
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::content::bank::{Kind, shown};
use crate::lang::{Lang, tr as t};
use crate::quiz::Answer;
use crate::tui::app::App;
use crate::tui::quiz_tab::{EXAM_LIMITS, MenuEntry, QuizTab, Run, Screen, Summary};
use crate::tui::theme::Theme;
use crate::wrap::ellipsis as truncate;
use crate::wrap::words as wrap;
use unicode_width::UnicodeWidthStr;

/// Writes lines top-down in `r`, returning the next free row.
struct Writer<'a> {
    buf: &'a mut Buffer,
    r: Rect,
    y: u16,
}

impl Writer<'_> {
    fn line(&mut self, text: &str, style: Style) {
        if self.y < self.r.y + self.r.height {
            let w = self.r.width as usize;
            self.buf
                .set_stringn(self.r.x, self.y, truncate(text, w), w, style);
            self.y += 1;
        }
    }
    fn wrapped(&mut self, text: &str, indent: usize, style: Style) {
        let w = (self.r.width as usize).saturating_sub(indent).max(1);
        for l in wrap(text, w) {
            self.line(&format!("{}{l}", " ".repeat(indent)), style);
        }
    }
    fn blank(&mut self) {
        self.y += 1;
    }
    /// A list row: the whole width painted in `style` (the selection), then the text.
    fn row(&mut self, text: &str, style: Style) {
        super::fill_row(self.buf, self.r.x, self.y, self.r.width, style);
        self.line(text, style);
    }
}

pub fn label(app: &App) -> String {
    let due = app.quiz.stats.due_today;
    if due > 0 {
        format!("Quiz ({due})")
    } else {
        "Quiz".into()
    }
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let lang = app.lang;
    let theme = app.theme;
    let q = &app.quiz;
    let inner = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    };
    let mut w = Writer {
        buf: frame.buffer_mut(),
        r: inner,
        y: inner.y,
    };
    match &q.screen {
        Screen::Menu { selected } => draw_menu(&mut w, &theme, q, *selected, lang),
        Screen::Topics { selected } => draw_topics(&mut w, &theme, app, *selected),
        Screen::ExamSetup { count, limit } => {
            w.line(t(lang, "Mixed exam", "Prova mista"), theme.heading());
            w.blank();
            w.wrapped(
                t(
                    lang,
                    "Questions from every topic in proportion to its share of the bank. Answers are graded when you submit; flag questions to come back to them.",
                    "Perguntas de todos os tópicos na proporção de cada um no banco. A correção vem quando você entrega; marque perguntas para voltar a elas.",
                ),
                0,
                Style::default(),
            );
            w.blank();
            w.line(
                &format!("{}: {count}   (← →)", t(lang, "Questions", "Perguntas")),
                Style::default().add_modifier(Modifier::BOLD),
            );
            let lim = match EXAM_LIMITS[*limit] {
                None => t(lang, "no time limit", "sem limite de tempo").to_string(),
                Some(m) => format!("{m} min"),
            };
            w.line(
                &format!("{}: {lim}   (t)", t(lang, "Time", "Tempo")),
                Style::default().add_modifier(Modifier::BOLD),
            );
            w.blank();
            w.line(
                t(
                    lang,
                    "Enter starts, Esc goes back.",
                    "Enter começa, Esc volta.",
                ),
                theme.dim(),
            );
        }
        Screen::Question(run) => draw_run(&mut w, &theme, app, run),
        Screen::Results(s) => draw_results(&mut w, &theme, app, s),
        Screen::Progress => draw_progress(&mut w, &theme, app),
    }
}

fn draw_menu(w: &mut Writer<'_>, theme: &Theme, q: &QuizTab, selected: usize, lang: Lang) {
    w.line(
        t(lang, "Self-check quiz", "Quiz de autoavaliação"),
        theme.heading(),
    );
    let s = &q.stats;
    w.line(
        &match lang {
            Lang::En => format!(
                "{} questions · answered {} · due today {} · streak {} day(s)",
                q.bank.items.len(),
                s.answered,
                s.due_today,
                s.streak_days
            ),
            Lang::PtBr => format!(
                "{} perguntas · respondidas {} · para revisar hoje {} · sequência {} dia(s)",
                q.bank.items.len(),
                s.answered,
                s.due_today,
                s.streak_days
            ),
        },
        theme.dim(),
    );
    w.blank();
    for (i, e) in q.menu().iter().enumerate() {
        let (name, desc) = match e {
            MenuEntry::ResumeExam => {
                let (done, n, left) = q.saved_exam_summary().unwrap_or((0, 0, None));
                let time = left
                    .map(|s| format!(", {}:{:02}", s / 60, s % 60))
                    .unwrap_or_default();
                (
                    t(lang, "Resume the exam", "Retomar a prova").to_string(),
                    format!("{done}/{n}{time}"),
                )
            }
            MenuEntry::Quick => (
                t(lang, "Quick practice", "Treino rápido").into(),
                t(
                    lang,
                    "10 questions: what is due first, then new ones",
                    "10 perguntas: primeiro as vencidas, depois as novas",
                )
                .into(),
            ),
            MenuEntry::ByTopic => (
                t(lang, "By topic…", "Por tópico…").into(),
                t(
                    lang,
                    "10 questions of one topic",
                    "10 perguntas de um tópico",
                )
                .into(),
            ),
            MenuEntry::Exam => (
                t(lang, "Mixed exam…", "Prova mista…").into(),
                t(
                    lang,
                    "all topics, optional time limit, flags",
                    "todos os tópicos, tempo opcional, marcações",
                )
                .into(),
            ),
            MenuEntry::Missed => (
                t(lang, "Review missed", "Revisar erros").into(),
                match lang {
                    Lang::En => format!("{} last answered wrong", q.missed_count()),
                    Lang::PtBr => format!("{} erradas na última vez", q.missed_count()),
                },
            ),
            MenuEntry::Due => (
                t(lang, "Spaced review", "Revisão espaçada").into(),
                match lang {
                    Lang::En => format!("{} due now", q.due_now()),
                    Lang::PtBr => format!("{} vencidas agora", q.due_now()),
                },
            ),
            MenuEntry::Progress => (
                t(lang, "Progress", "Progresso").into(),
                t(
                    lang,
                    "mastery, due counts, history, streak",
                    "domínio, revisões, histórico, sequência",
                )
                .into(),
            ),
        };
        let style = if i == selected {
            theme.selected()
        } else {
            Style::default()
        };
        let text = format!(
            " {} {name:<20} {desc}",
            if i == selected { "›" } else { " " }
        );
        w.row(&text, style);
    }
    w.blank();
    w.wrapped(
        t(
            lang,
            "Enter starts the highlighted mode. From a note, Q quizzes you on the section you are reading.",
            "Enter começa o modo destacado. Numa nota, Q faz um quiz sobre a seção que você está lendo.",
        ),
        0,
        theme.dim(),
    );
}

fn bar(value: f64, width: usize) -> String {
    let filled = ((value.clamp(0.0, 1.0)) * width as f64).round() as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

fn draw_topics(w: &mut Writer<'_>, theme: &Theme, app: &App, selected: usize) {
    let lang = app.lang;
    w.line(
        t(
            lang,
            "Quiz by topic — Enter starts, Esc goes back",
            "Quiz por tópico — Enter começa, Esc volta",
        ),
        theme.heading(),
    );
    w.blank();
    for (i, id) in app.quiz.bank.topics().iter().enumerate() {
        let ts = app.quiz.stats.topics.get(id).cloned().unwrap_or_default();
        let name = app.library.topic(id).map_or(id.clone(), |t| t.label(lang));
        let style = if i == selected {
            theme.selected()
        } else {
            Style::default()
        };
        let text = format!(
            " {name:<16} {} {:>3}%  {} {}",
            bar(ts.mastery, 10),
            (ts.mastery * 100.0).round() as u32,
            t(lang, "due", "revisar"),
            ts.due
        );
        w.row(&text, style);
    }
}

fn option_marks(run: &Run, k: usize) -> &'static str {
    if run.selection.contains(&k) {
        "[x]"
    } else {
        "[ ]"
    }
}

fn draw_run(w: &mut Writer<'_>, theme: &Theme, app: &App, run: &Run) {
    let lang = app.lang;
    let q = &app.quiz;
    let slot = &run.slots[run.pos];
    let item = &q.bank.items[slot.item];
    let question = &item.q;
    let topic = app
        .library
        .topic(&item.topic)
        .map_or(item.topic.clone(), |t| t.label(lang));
    let kind = question.kind.label(lang);
    let mut head = format!(
        "{} {}/{} · {topic} · {kind}",
        t(lang, "Question", "Pergunta"),
        run.pos + 1,
        run.slots.len()
    );
    if slot.reask {
        head.push_str(t(lang, " · again", " · de novo"));
    }
    if run.exam {
        if slot.flagged {
            head.push_str(t(lang, " · ⚑ flagged", " · ⚑ marcada"));
        }
        if let Some(r) = run.remaining {
            head.push_str(&format!(" · ⏱ {}:{:02}", r.max(0) / 60, r.max(0) % 60));
        }
        let answered = run.slots.iter().filter(|s| s.chosen.is_some()).count();
        head.push_str(&match lang {
            Lang::En => format!(" · {answered} answered"),
            Lang::PtBr => format!(" · {answered} respondidas"),
        });
    }
    w.line(&head, theme.dim());
    w.blank();
    w.wrapped(
        shown(&question.prompt, lang).as_str(),
        0,
        Style::default().add_modifier(Modifier::BOLD),
    );
    w.blank();
    let fb = run.feedback.as_ref();
    if question.kind == Kind::Numeric {
        let style = Style::default().add_modifier(Modifier::UNDERLINED);
        w.line(
            &format!(
                "{} {}▏",
                t(lang, "Your answer:", "Sua resposta:"),
                run.typed
            ),
            style,
        );
        if let Some(f) = fb {
            let mark = if f.correct { "✓" } else { "✗" };
            let tol = question
                .tolerance
                .as_deref()
                .filter(|x| x.trim() != "0")
                .map(|x| format!(" (± {x})"))
                .unwrap_or_default();
            w.line(
                &format!(
                    "{mark} {} {}{tol}",
                    t(lang, "Answer:", "Resposta:"),
                    question.answer.as_deref().unwrap_or("")
                ),
                Style::default().add_modifier(Modifier::BOLD),
            );
        }
    } else {
        for (k, &b) in slot.order.iter().enumerate() {
            let o = &question.options[b];
            let text = shown(&o.text, lang);
            let text = text.as_str();
            let (mark, style) = match fb {
                Some(f) => {
                    let chosen = matches!(&f.answer, Answer::Options(c) if c.contains(&b));
                    let m = match (o.correct, chosen) {
                        (true, true) => "✓",
                        (true, false) => "✓",
                        (false, true) => "✗",
                        (false, false) => " ",
                    };
                    let st = if o.correct {
                        theme
                            .md(crate::markdown::Style::H2)
                            .add_modifier(Modifier::BOLD)
                    } else if chosen {
                        theme.bar_warning()
                    } else {
                        Style::default()
                    };
                    (
                        format!("{m} {}", if chosen { "(you)" } else { "     " }),
                        st,
                    )
                }
                None => {
                    let st = if k == run.cursor {
                        theme.selected()
                    } else {
                        Style::default()
                    };
                    (option_marks(run, k).to_string(), st)
                }
            };
            let mark = if fb.is_some() && lang == Lang::PtBr {
                mark.replace("(you)", "(sua)")
            } else {
                mark
            };
            let prefix = format!(" {mark} {}) ", k + 1);
            let width = (w.r.width as usize).saturating_sub(prefix.width()).max(1);
            for (i, l) in wrap(text, width).into_iter().enumerate() {
                let p = if i == 0 {
                    prefix.clone()
                } else {
                    " ".repeat(prefix.width())
                };
                w.line(&format!("{p}{l}"), style);
            }
            if let (Some(_), Some(why)) = (fb, &o.why) {
                w.wrapped(shown(why, lang).as_str(), prefix.width(), theme.dim());
            }
        }
    }
    w.blank();
    if let Some(f) = fb {
        let verdict = match (f.correct, lang) {
            (true, Lang::En) => "Correct",
            (true, Lang::PtBr) => "Certo",
            (false, Lang::En) => "Incorrect — it comes back once at the end of this session",
            (false, Lang::PtBr) => "Errado — ela volta uma vez no fim desta sessão",
        };
        let style = if f.correct {
            theme.heading()
        } else {
            theme.bar_warning()
        };
        w.line(verdict, style);
        w.wrapped(
            shown(&question.explanation, lang).as_str(),
            0,
            Style::default(),
        );
        if let Some(days) = q.next_due_in_days(slot.item) {
            let when = match (days, lang) {
                (0, Lang::En) => "later today".to_string(),
                (0, Lang::PtBr) => "ainda hoje".to_string(),
                (1, Lang::En) => "tomorrow".to_string(),
                (1, Lang::PtBr) => "amanhã".to_string(),
                (n, Lang::En) => format!("in {n} days"),
                (n, Lang::PtBr) => format!("em {n} dias"),
            };
            w.line(
                &format!("{} {when}", t(lang, "Next review:", "Próxima revisão:")),
                theme.dim(),
            );
        }
        w.line(
            t(
                lang,
                "Enter next · g read the section · Esc end",
                "Enter próxima · g ler a seção · Esc encerrar",
            ),
            theme.dim(),
        );
    } else if let Some(p) = &run.problem {
        w.line(p, theme.bar_warning());
    } else {
        let hint = match (question.kind, run.exam) {
            (Kind::Numeric, _) => t(
                lang,
                "Type the number, Enter answers",
                "Digite o número, Enter responde",
            ),
            (Kind::Multiple, false) => t(
                lang,
                "Numbers or Space select all that apply, Enter answers",
                "Números ou Espaço marcam todas as corretas, Enter responde",
            ),
            (_, false) => t(
                lang,
                "A number or ↑↓ Enter answers",
                "Um número ou ↑↓ Enter responde",
            ),
            (_, true) => t(
                lang,
                "Enter answers · f flag · ← → move · S submit · Esc keep for later",
                "Enter responde · f marca · ← → navega · S entrega · Esc guarda",
            ),
        };
        w.line(hint, theme.dim());
    }
}

fn draw_results(w: &mut Writer<'_>, theme: &Theme, app: &App, s: &Summary) {
    let lang = app.lang;
    let q = &app.quiz;
    if let Some(k) = s.open
        && let Some(&(item, correct)) = s.results.get(k)
    {
        let it = &q.bank.items[item];
        w.line(
            &format!(
                "{} {}",
                if correct { "✓" } else { "✗" },
                shown(&it.q.prompt, lang).as_str()
            ),
            theme.heading(),
        );
        w.blank();
        for o in &it.q.options {
            w.wrapped(
                &format!(
                    "{} {}",
                    if o.correct { "✓" } else { "✗" },
                    shown(&o.text, lang).as_str()
                ),
                1,
                Style::default(),
            );
            if let Some(why) = &o.why {
                w.wrapped(shown(why, lang).as_str(), 4, theme.dim());
            }
        }
        if it.q.kind == Kind::Numeric {
            w.line(
                &format!(
                    "{} {}",
                    t(lang, "Answer:", "Resposta:"),
                    it.q.answer.as_deref().unwrap_or("")
                ),
                Style::default(),
            );
        }
        w.blank();
        w.wrapped(shown(&it.q.explanation, lang).as_str(), 0, Style::default());
        w.line(
            t(
                lang,
                "g read the section · Esc back",
                "g ler a seção · Esc voltar",
            ),
            theme.dim(),
        );
        return;
    }
    let right = s.results.iter().filter(|r| r.1).count();
    let n = s.results.len();
    let title = if s.exam {
        t(lang, "Exam results", "Resultado da prova")
    } else {
        t(lang, "Session results", "Resultado da sessão")
    };
    w.line(title, theme.heading());
    w.line(
        &format!(
            "{} {right}/{n}   ·   {} {}:{:02}",
            t(lang, "Score", "Acertos"),
            t(lang, "time", "tempo"),
            s.seconds / 60,
            s.seconds % 60
        ),
        Style::default().add_modifier(Modifier::BOLD),
    );
    w.blank();
    for (topic, (a, c)) in q.breakdown(&s.results) {
        let name = app
            .library
            .topic(&topic)
            .map_or(topic.clone(), |t| t.label(lang));
        let frac = if a == 0 {
            0.0
        } else {
            f64::from(c) / f64::from(a)
        };
        w.line(
            &format!(" {name:<16} {} {c}/{a}", bar(frac, 10)),
            Style::default(),
        );
    }
    w.blank();
    let rows = (w.r.y + w.r.height).saturating_sub(w.y + 1) as usize;
    let start = s.selected.saturating_sub(rows.saturating_sub(1));
    for (k, &(item, ok)) in s.results.iter().enumerate().skip(start).take(rows) {
        let flag = if s.exam && s.slots.get(k).is_some_and(|x| x.flagged) {
            "⚑"
        } else {
            " "
        };
        let style = if k == s.selected {
            theme.selected()
        } else {
            Style::default()
        };
        let text = format!(
            " {} {flag} {}",
            if ok { "✓" } else { "✗" },
            shown(&q.bank.items[item].q.prompt, lang).as_str()
        );
        w.row(&text, style);
    }
    w.line(
        t(
            lang,
            "Enter see an answer · Esc menu",
            "Enter ver uma resposta · Esc menu",
        ),
        theme.dim(),
    );
}

fn draw_progress(w: &mut Writer<'_>, theme: &Theme, app: &App) {
    let lang = app.lang;
    let q = &app.quiz;
    let s = &q.stats;
    w.line(
        t(lang, "Progress — Esc goes back", "Progresso — Esc volta"),
        theme.heading(),
    );
    w.line(
        &match lang {
            Lang::En => format!(
                "Answered {} · correct {} · sessions {} · due today {} · streak {} day(s)",
                s.answered, s.correct, s.sessions, s.due_today, s.streak_days
            ),
            Lang::PtBr => format!(
                "Respondidas {} · certas {} · sessões {} · revisar hoje {} · sequência {} dia(s)",
                s.answered, s.correct, s.sessions, s.due_today, s.streak_days
            ),
        },
        Style::default(),
    );
    w.blank();
    w.line(
        &format!(
            " {:<16} {:<16} {:>8} {:>8}",
            t(lang, "Topic", "Tópico"),
            t(lang, "Mastery", "Domínio"),
            t(lang, "Right", "Certas"),
            t(lang, "Due", "Revisar")
        ),
        Style::default().add_modifier(Modifier::BOLD),
    );
    for id in q.bank.topics() {
        let ts = s.topics.get(&id).cloned().unwrap_or_default();
        let name = app.library.topic(&id).map_or(id.clone(), |t| t.label(lang));
        w.line(
            &format!(
                " {name:<16} {} {:>3}% {:>4}/{:<3} {:>7}",
                bar(ts.mastery, 10),
                (ts.mastery * 100.0).round() as u32,
                ts.correct,
                ts.answered,
                ts.due
            ),
            Style::default(),
        );
    }
    w.blank();
    w.line(
        t(
            lang,
            "Last 14 days (answers per day)",
            "Últimos 14 dias (respostas por dia)",
        ),
        Style::default().add_modifier(Modifier::BOLD),
    );
    let hist = crate::quiz::history(&q.progress, q.now(), 14);
    let max = hist.iter().map(|h| h.0).max().unwrap_or(0).max(1);
    let height = 4u32;
    for level in (1..=height).rev() {
        let mut row = String::from(" ");
        for (a, _) in &hist {
            let filled = (a * height).div_ceil(max);
            row.push_str(if filled >= level { "██ " } else { "   " });
        }
        w.line(&row, theme.md(crate::markdown::Style::H2));
    }
    let mut counts = String::from(" ");
    for (a, _) in &hist {
        counts.push_str(&format!("{:<3}", (*a).min(99)));
    }
    w.line(&counts, theme.dim());
}
