//! The Quiz tab: mode menu, topic picker, exam setup, a question with its options,
//! feedback with why each option is right or wrong, results, and progress.
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::content::bank::{Kind, shown};
use crate::lang::{Lang, tr as t};
use crate::quiz::Answer;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap;
use crate::tui::quiz_tab::{EXAM_LIMITS, MenuEntry, QuizTab, Run, Screen, Summary};
use crate::tui::theme::Theme;
use crate::wrap::ellipsis as truncate;
use crate::wrap::words as wrap;
use unicode_width::UnicodeWidthStr;

/// One row of a quiz page.
struct Row {
    text: String,
    style: Style,
    /// Paint the whole width in `style` (a list's selection).
    fill: bool,
}

/// The rows of one screen, written top-down for a width; drawn afterwards from a
/// scroll offset, so only the visible window reaches the buffer.
struct Page {
    width: usize,
    rows: Vec<Row>,
}

impl Page {
    fn new(width: u16) -> Page {
        Page {
            width: usize::from(width).max(1),
            rows: Vec::new(),
        }
    }
    fn line(&mut self, text: &str, style: Style) {
        self.rows.push(Row {
            text: truncate(text, self.width),
            style,
            fill: false,
        });
    }
    fn wrapped(&mut self, text: &str, indent: usize, style: Style) {
        let w = self.width.saturating_sub(indent).max(1);
        for l in wrap(text, w) {
            self.line(&format!("{}{l}", " ".repeat(indent)), style);
        }
    }
    /// `text` wrapped after `prefix`, continuation rows indented to the prefix.
    fn hanging(&mut self, prefix: &str, text: &str, style: Style) {
        let pw = prefix.width();
        let w = self.width.saturating_sub(pw).max(1);
        for (i, l) in wrap(text, w).into_iter().enumerate() {
            let p = if i == 0 {
                prefix.to_string()
            } else {
                " ".repeat(pw)
            };
            self.line(&format!("{p}{l}"), style);
        }
    }
    fn blank(&mut self) {
        self.line("", Style::default());
    }
    /// A list row: the whole width painted in `style` (the selection), then the text.
    fn row(&mut self, text: &str, style: Style) {
        self.line(text, style);
        if let Some(r) = self.rows.last_mut() {
            r.fill = true;
        }
    }
    fn len(&self) -> usize {
        self.rows.len()
    }
    /// Draws rows `from..` into `r` (as many as fit).
    fn paint(&self, buf: &mut Buffer, r: Rect, from: usize) {
        for (i, row) in self
            .rows
            .iter()
            .skip(from)
            .take(usize::from(r.height))
            .enumerate()
        {
            let y = r.y + i as u16;
            if row.fill {
                super::fill_row(buf, r.x, y, r.width, row.style);
            }
            super::put(buf, r.x, y, &row.text, usize::from(r.width), row.style);
        }
    }
}

/// What the resize step needs of a scrolled quiz screen: its rows, the rows it
/// shows, and where the option under the cursor is (to keep it in view).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Measure {
    pub total: usize,
    pub rows: usize,
    pub cursor: Option<(usize, usize)>,
}

/// The body without its one-column margins.
fn inner(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    }
}

/// The scrolled text of the current screen when it scrolls (a question, its
/// feedback, an answer under review), with the rows of the option under the cursor.
fn scrolled(app: &App, width: u16) -> Option<(Page, Option<(usize, usize)>)> {
    let theme = app.theme;
    match &app.quiz.screen {
        Screen::Question(run) => Some(run_page(&theme, app, run, width)),
        Screen::Results(s) if s.open.is_some() => Some((review_page(&theme, app, s, width)?, None)),
        _ => None,
    }
}

/// Measures the current screen for `body` (the resize step).
pub fn measure(app: &App, body: Rect) -> Measure {
    let r = inner(body);
    let Some((page, cursor)) = scrolled(app, r.width) else {
        return Measure::default();
    };
    let footer = footer(app, r.width, page.len(), usize::from(r.height));
    let rows = usize::from(r.height).saturating_sub(footer.len()).max(1);
    Measure {
        total: page.len(),
        rows,
        cursor,
    }
}

/// The footer under a scrolled text: a problem with the answer, then the key hints
/// (always shown), with how much is left to scroll when the text is longer.
fn footer(app: &App, width: u16, total: usize, height: usize) -> Page {
    let lang = app.lang;
    let theme = app.theme;
    let q = &app.quiz;
    let mut f = Page::new(width);
    if let Screen::Question(run) = &q.screen
        && run.feedback.is_none()
        && let Some(p) = &run.problem
    {
        f.wrapped(p, 0, theme.bar_warning());
        // Never more than half the rows: the question stays readable.
        f.rows.truncate((height / 2).max(1));
    }
    // The rows the text gets: all but the footer's (its hints take one row, two in
    // a narrow window).
    let hint_rows = if width < 60 { 2 } else { 1 };
    let rows = height.saturating_sub(f.len() + hint_rows).max(1);
    let over = total > rows;
    let scroll = match &q.screen {
        Screen::Question(run) => run.scroll,
        Screen::Results(s) => s.scroll,
        _ => 0,
    }
    .min(total.saturating_sub(rows));
    let mut parts: Vec<String> = Vec::new();
    if over {
        let below = total.saturating_sub(scroll + rows);
        parts.push(match (below, lang) {
            (0, Lang::En) => "▲ end".into(),
            (0, Lang::PtBr) => "▲ fim".into(),
            (n, Lang::En) => format!("▼ {n} more"),
            (n, Lang::PtBr) => format!("▼ mais {n}"),
        });
    }
    let table = match &q.screen {
        Screen::Question(run) if run.feedback.is_some() => Some(keymap::QUIZ_FEEDBACK),
        Screen::Results(_) => Some(keymap::QUIZ_RESULTS),
        _ => None,
    };
    match table {
        Some(table) => {
            for b in table {
                if !over && b.keys.iter().any(|k| is_scroll(k.1)) {
                    continue;
                }
                parts.extend(b.hint_text(lang));
            }
        }
        None => {
            if let Screen::Question(run) = &q.screen {
                if over {
                    parts.extend(keymap::QUIZ_SCROLL.hint_text(lang));
                }
                parts.extend(typed_reading(q, run, lang));
                parts.extend(answer_hint(q, run, lang).split(" · ").map(String::from));
            }
        }
    }
    // Whole hints to a row: a narrow window gets a second row, never a cut hint.
    let mut row = String::new();
    for p in parts {
        if !row.is_empty() && row.width() + 3 + p.width() > f.width {
            f.line(&std::mem::take(&mut row), theme.dim());
        }
        if !row.is_empty() {
            row.push_str(" · ");
        }
        row.push_str(&p);
    }
    f.line(&row, theme.dim());
    f
}

fn is_scroll(d: keymap::Does) -> bool {
    matches!(
        d,
        keymap::Does::Act(Action::Scroll(_) | Action::Page(_) | Action::Top | Action::Bottom)
    )
}

/// How the number typed so far will be read ("reads as 1.440,5"), so a separator
/// taken the other way is seen before Enter; nothing while the field is empty or
/// the text is not a number yet (Enter then says why).
fn typed_reading(q: &QuizTab, run: &Run, lang: Lang) -> Option<String> {
    let slot = &run.slots[run.pos];
    let question = &q.bank.items[slot.item].q;
    if question.kind != Kind::Numeric || run.typed.trim().is_empty() {
        return None;
    }
    let p = crate::quiz::Presented {
        item: slot.item,
        order: slot.order.clone(),
    };
    match crate::quiz::parse_answer(&run.typed, question, &p) {
        Ok(Answer::Number(n)) => Some(format!(
            "{} {}",
            t(lang, "reads as", "lido como"),
            crate::numfmt::decimal(n, lang)
        )),
        _ => None,
    }
}

/// The hint while a question waits for its answer.
fn answer_hint(q: &QuizTab, run: &Run, lang: Lang) -> &'static str {
    let kind = q.bank.items[run.slots[run.pos].item].q.kind;
    match (kind, run.exam) {
        (Kind::Numeric, false) => t(
            lang,
            "Type the number, Enter answers · Esc end",
            "Digite o número, Enter responde · Esc encerra",
        ),
        (Kind::Multiple, false) => t(
            lang,
            "Space/numbers: all that apply · Enter answers",
            "Espaço/números: as corretas · Enter responde",
        ),
        (_, false) => t(
            lang,
            "A number or ↑↓ Enter answers · Esc end",
            "Um número ou ↑↓ Enter responde · Esc encerra",
        ),
        (_, true) => t(
            lang,
            "Enter answers · f flag · ← → move · S submit · Esc keep for later",
            "Enter responde · f marca · ← → navega · S entrega · Esc deixa para depois",
        ),
    }
}

/// Draws a scrolled screen: the window of its text from the scroll offset, the
/// footer pinned to the bottom.
fn draw_scrolled(frame: &mut Frame, app: &App, area: Rect) -> bool {
    let r = inner(area);
    let Some((page, _)) = scrolled(app, r.width) else {
        return false;
    };
    let footer = footer(app, r.width, page.len(), usize::from(r.height));
    let fh = (footer.len() as u16).min(r.height);
    let text = Rect {
        height: r.height - fh,
        ..r
    };
    let scroll = match &app.quiz.screen {
        Screen::Question(run) => run.scroll,
        Screen::Results(s) => s.scroll,
        _ => 0,
    }
    .min(page.len().saturating_sub(usize::from(text.height)));
    let buf = frame.buffer_mut();
    page.paint(buf, text, scroll);
    footer.paint(
        buf,
        Rect {
            y: r.y + r.height - fh,
            height: fh,
            ..r
        },
        0,
    );
    true
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
    if draw_scrolled(frame, app, area) {
        return;
    }
    let lang = app.lang;
    let theme = app.theme;
    let q = &app.quiz;
    let r = inner(area);
    let mut w = Page::new(r.width);
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
                None => t(lang, "no time limit", "sem limite").to_string(),
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
        Screen::Question(_) => {}
        Screen::Results(s) => draw_results(&mut w, &theme, app, s, usize::from(r.height)),
        Screen::Progress => draw_progress(&mut w, &theme, app),
    }
    w.paint(frame.buffer_mut(), r, 0);
}

fn draw_menu(w: &mut Page, theme: &Theme, q: &QuizTab, selected: usize, lang: Lang) {
    w.line(
        t(lang, "Self-check quiz", "Quiz de autoavaliação"),
        theme.heading(),
    );
    let s = &q.stats;
    w.line(
        &match lang {
            Lang::En => format!(
                "{} questions · answered {} · due today {} · streak {}",
                q.bank.items.len(),
                s.answered,
                s.due_today,
                crate::numfmt::days(u64::from(s.streak_days), lang)
            ),
            Lang::PtBr => format!(
                "{} perguntas · respondidas {} · para revisar hoje {} · sequência {}",
                q.bank.items.len(),
                s.answered,
                s.due_today,
                crate::numfmt::days(u64::from(s.streak_days), lang)
            ),
        },
        theme.dim(),
    );
    w.line(&s.ahead(lang), theme.dim());
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
                    "10 perguntas: primeiro as pendentes, depois as novas",
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
                    Lang::PtBr => format!("{} pendentes agora", q.due_now()),
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

fn draw_topics(w: &mut Page, theme: &Theme, app: &App, selected: usize) {
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

/// "(you)" beside the learner's choice, blanks of the same width beside the others.
fn you(lang: Lang, chosen: bool) -> String {
    let label = t(lang, "(you)", "(você)");
    if chosen {
        label.to_string()
    } else {
        " ".repeat(label.width())
    }
}

/// A question, or its feedback, as rows; with the rows of the option under the
/// cursor while it waits for an answer.
fn run_page(theme: &Theme, app: &App, run: &Run, width: u16) -> (Page, Option<(usize, usize)>) {
    let lang = app.lang;
    let q = &app.quiz;
    let mut w = Page::new(width);
    let mut cursor = None;
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
            Lang::PtBr if answered == 1 => " · 1 respondida".to_string(),
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
    if let Some(f) = fb {
        // The verdict and the explanation first: the end of the explanation is in
        // reach before every option's reason is read.
        let verdict = match (f.correct, lang) {
            (true, Lang::En) => "✓ Correct",
            (true, Lang::PtBr) => "✓ Certo",
            (false, Lang::En) => "✗ Incorrect — it comes back once at the end of this session",
            (false, Lang::PtBr) => "✗ Errado — ela volta uma vez no fim desta sessão",
        };
        let style = if f.correct {
            theme.heading()
        } else {
            theme.bar_warning()
        };
        w.wrapped(verdict, 0, style);
        w.wrapped(
            shown(&question.explanation, lang).as_str(),
            0,
            Style::default(),
        );
        if let Some(until) = q.next_review(slot.item) {
            w.line(
                &format!(
                    "{} {}",
                    t(lang, "Next review:", "Próxima revisão:"),
                    until.words(lang)
                ),
                theme.dim(),
            );
        }
        w.blank();
    }
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
        if fb.is_some() {
            w.line(
                &format!(
                    "✓ {} {}",
                    t(lang, "Answer:", "Resposta:"),
                    crate::quiz::answer_text(question, lang)
                ),
                Style::default().add_modifier(Modifier::BOLD),
            );
        }
    } else {
        for (k, &b) in slot.order.iter().enumerate() {
            let o = &question.options[b];
            let text = shown(&o.text, lang);
            let (mark, style) = match fb {
                Some(f) => {
                    let chosen = matches!(&f.answer, Answer::Options(c) if c.contains(&b));
                    let m = match (o.correct, chosen) {
                        (true, _) => "✓",
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
                    (format!("{m} {}", you(lang, chosen)), st)
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
            let prefix = format!(" {mark} {}) ", k + 1);
            let first = w.len();
            w.hanging(&prefix, text.as_str(), style);
            if fb.is_none() && k == run.cursor {
                cursor = Some((first, w.len()));
            }
            if let (Some(_), Some(why)) = (fb, &o.why) {
                w.wrapped(shown(why, lang).as_str(), prefix.width(), theme.dim());
            }
        }
    }
    (w, cursor)
}

/// One answer of a finished session under review: the whole question, your choice,
/// the right options with why, the explanation.
fn review_page(theme: &Theme, app: &App, s: &Summary, width: u16) -> Option<Page> {
    let lang = app.lang;
    let q = &app.quiz;
    let g = s.results.get(s.open?)?;
    let it = &q.bank.items[g.item];
    let mut w = Page::new(width);
    let verdict = match (g.chosen.is_some(), g.correct, lang) {
        (false, _, Lang::En) => "– Unanswered",
        (false, _, Lang::PtBr) => "– Sem resposta",
        (true, true, Lang::En) => "✓ Correct",
        (true, true, Lang::PtBr) => "✓ Certo",
        (true, false, Lang::En) => "✗ Incorrect",
        (true, false, Lang::PtBr) => "✗ Errado",
    };
    let mut head = verdict.to_string();
    if g.reask {
        head.push_str(t(lang, " · asked again", " · perguntada de novo"));
    }
    w.line(
        &head,
        if g.correct {
            theme.heading()
        } else {
            theme.bar_warning()
        },
    );
    w.blank();
    w.wrapped(
        shown(&it.q.prompt, lang).as_str(),
        0,
        Style::default().add_modifier(Modifier::BOLD),
    );
    w.blank();
    let chosen = g.chosen.clone().unwrap_or_default();
    if it.q.kind == Kind::Numeric {
        let typed = chosen.first().cloned().unwrap_or_else(|| "—".into());
        w.line(
            &format!("{} {typed}", t(lang, "Your answer:", "Sua resposta:")),
            Style::default(),
        );
        w.line(
            &format!(
                "✓ {} {}",
                t(lang, "Answer:", "Resposta:"),
                crate::quiz::answer_text(&it.q, lang)
            ),
            Style::default().add_modifier(Modifier::BOLD),
        );
    } else {
        for (b, o) in it.q.options.iter().enumerate() {
            let mine = chosen.iter().any(|c| c.parse::<usize>().ok() == Some(b));
            let m = match (o.correct, mine) {
                (true, _) => "✓",
                (false, true) => "✗",
                (false, false) => " ",
            };
            let style = if o.correct {
                theme
                    .md(crate::markdown::Style::H2)
                    .add_modifier(Modifier::BOLD)
            } else if mine {
                theme.bar_warning()
            } else {
                Style::default()
            };
            let prefix = format!(" {m} {} ", you(lang, mine));
            w.hanging(&prefix, shown(&o.text, lang).as_str(), style);
            if let Some(why) = &o.why {
                w.wrapped(shown(why, lang).as_str(), prefix.width(), theme.dim());
            }
        }
    }
    w.blank();
    w.wrapped(shown(&it.q.explanation, lang).as_str(), 0, Style::default());
    Some(w)
}

fn draw_results(w: &mut Page, theme: &Theme, app: &App, s: &Summary, height: usize) {
    let lang = app.lang;
    let q = &app.quiz;
    let title = match (s.exam, s.timed_out, lang) {
        (true, true, Lang::En) => "Exam results — time is up",
        (true, true, Lang::PtBr) => "Resultado da prova — o tempo acabou",
        (true, false, Lang::En) => "Exam results",
        (true, false, Lang::PtBr) => "Resultado da prova",
        (false, _, Lang::En) => "Session results",
        (false, _, Lang::PtBr) => "Resultado da sessão",
    };
    w.line(title, theme.heading());
    let first: Vec<_> = s.results.iter().filter(|g| !g.reask).collect();
    let right = first.iter().filter(|g| g.correct).count();
    let n = first.len();
    let mut score = match (s.exam, lang) {
        (true, Lang::En) => format!("Score {right}/{n}"),
        (true, Lang::PtBr) => format!("Acertos {right}/{n}"),
        (false, Lang::En) => format!("First try {right}/{n}"),
        (false, Lang::PtBr) => format!("De primeira {right}/{n}"),
    };
    let reasks: Vec<_> = s.results.iter().filter(|g| g.reask).collect();
    if !reasks.is_empty() {
        let ok = reasks.iter().filter(|g| g.correct).count();
        score.push_str(&match lang {
            Lang::En => format!(" · asked again {ok}/{}", reasks.len()),
            Lang::PtBr => format!(" · perguntadas de novo {ok}/{}", reasks.len()),
        });
    }
    let unanswered = s.results.iter().filter(|g| g.chosen.is_none()).count();
    if unanswered > 0 {
        score.push_str(&match lang {
            Lang::En => format!(" · {unanswered} unanswered"),
            Lang::PtBr => format!(" · {unanswered} sem resposta"),
        });
    }
    score.push_str(&format!(
        "   ·   {} {}:{:02}",
        t(lang, "time", "tempo"),
        s.seconds / 60,
        s.seconds % 60
    ));
    w.wrapped(&score, 0, Style::default().add_modifier(Modifier::BOLD));
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
    let rows = height.saturating_sub(w.len() + 1);
    let start = s.selected.saturating_sub(rows.saturating_sub(1));
    for (k, g) in s.results.iter().enumerate().skip(start).take(rows) {
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
        let mark = match (g.chosen.is_some(), g.correct) {
            (false, _) => "–",
            (true, true) => "✓",
            (true, false) => "✗",
        };
        let again = if g.reask {
            t(lang, "(again) ", "(de novo) ")
        } else {
            ""
        };
        let text = format!(
            " {mark} {flag} {again}{}",
            shown(&q.bank.items[g.item].q.prompt, lang).as_str()
        );
        w.row(&text, style);
    }
    // The key hints on the last row, after what the list leaves out (above, below).
    while w.len() + 1 < height {
        w.blank();
    }
    let total = s.results.len();
    let shown = total.saturating_sub(start).min(rows);
    let below = total.saturating_sub(start + shown);
    let mut hints = String::new();
    if start > 0 {
        hints.push_str(&format!("▲ {start} · "));
    }
    if below > 0 {
        hints.push_str(&match lang {
            Lang::En => format!("▼ {below} more · "),
            Lang::PtBr => format!("▼ mais {below} · "),
        });
    }
    hints.push_str(t(
        lang,
        "Enter see an answer · g read the section · Esc menu",
        "Enter ver uma resposta · g ler a seção · Esc menu",
    ));
    w.line(&hints, theme.dim());
}

fn draw_progress(w: &mut Page, theme: &Theme, app: &App) {
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
                "Answered {} · correct {} · sessions {} · due today {} · streak {}",
                s.answered,
                s.correct,
                s.sessions,
                s.due_today,
                crate::numfmt::days(u64::from(s.streak_days), lang)
            ),
            Lang::PtBr => format!(
                "Respondidas {} · certas {} · sessões {} · revisar hoje {} · sequência {}",
                s.answered,
                s.correct,
                s.sessions,
                s.due_today,
                crate::numfmt::days(u64::from(s.streak_days), lang)
            ),
        },
        Style::default(),
    );
    w.line(&s.ahead(lang), Style::default());
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
    // Dates under every other column, today's last, with a marker: a label is five
    // columns wide (ASCII) and a day three.
    let today = crate::quiz::day_of(q.now());
    let n = hist.len();
    let mut dates = " ".repeat(1 + 3 * n + 2);
    for k in (0..n).rev().step_by(2) {
        let label = crate::quiz::day_label(today - (n - 1 - k) as i64, lang);
        let x = 1 + 3 * k;
        dates.replace_range(x..x + label.len(), &label);
    }
    dates.truncate(dates.trim_end().len());
    dates.push(' ');
    dates.push_str(t(lang, "◀ today", "◀ hoje"));
    w.line(&dates, theme.dim());
}
