//! Quiz: the question bank, drawing questions by mode, presenting them with shuffled
//! options, grading answers, and the statistics of progress.
pub mod exam;
pub mod export;
pub mod progress;
pub mod scheduler;

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use self::progress::Progress;
use self::scheduler::{DAY, recall};
use crate::content::Library;
use crate::content::bank::{Kind, Question, parse_bank};
use crate::lang::Lang;
use crate::rng::Rng;

#[derive(Clone, Debug)]
pub struct Item {
    pub topic: String,
    pub q: Question,
}

#[derive(Clone, Debug, Default)]
pub struct Bank {
    pub items: Vec<Item>,
}

impl Bank {
    /// Every bank of the library; a bank that does not parse is skipped with a
    /// warning (`check` reports it in detail).
    pub fn load(lib: &Library) -> (Bank, Vec<String>) {
        let mut items = Vec::new();
        let mut warnings = Vec::new();
        let mut seen = BTreeSet::new();
        for f in lib.files.banks() {
            match parse_bank(&f.text) {
                Ok(b) => {
                    for q in b.questions {
                        if seen.insert(q.id.clone()) {
                            items.push(Item {
                                topic: b.topic.clone(),
                                q,
                            });
                        }
                    }
                }
                Err(e) => warnings.push(format!("{}:{}: skipped: {e}", f.display, e.line())),
            }
        }
        // Tab order of topics, then the bank's order.
        let order = |t: &str| lib.position(t).unwrap_or(usize::MAX);
        items.sort_by_key(|i| order(&i.topic));
        (Bank { items }, warnings)
    }

    pub fn topics(&self) -> Vec<String> {
        let mut t: Vec<String> = Vec::new();
        for i in &self.items {
            if !t.contains(&i.topic) {
                t.push(i.topic.clone());
            }
        }
        t
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|i| i.q.id == id)
    }
}

/// How questions are chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    Topic(String),
    Section {
        topic: String,
        section: String,
    },
    /// An exam across topics, drawn by topic weight.
    Mixed,
    /// Questions whose last answer was wrong.
    Missed,
    /// Questions due for review now.
    Due,
    /// Any topic (the plain quiz without `--topic`).
    All,
}

impl Mode {
    pub fn name(&self) -> &'static str {
        match self {
            Mode::Topic(_) => "topic",
            Mode::Section { .. } => "section",
            Mode::Mixed => "exam",
            Mode::Missed => "missed",
            Mode::Due => "due",
            Mode::All => "all",
        }
    }
}

/// Draws up to `count` question indices for a mode.
pub fn draw(
    bank: &Bank,
    progress: &Progress,
    mode: &Mode,
    count: usize,
    rng: &mut Rng,
    now: i64,
) -> Vec<usize> {
    let pick = |pred: &dyn Fn(&Item) -> bool| -> Vec<usize> {
        bank.items
            .iter()
            .enumerate()
            .filter(|(_, i)| pred(i))
            .map(|(n, _)| n)
            .collect()
    };
    let mut chosen = match mode {
        Mode::Topic(t) => pick(&|i| &i.topic == t),
        Mode::Section { topic, section } => pick(&|i| &i.topic == topic && &i.q.section == section),
        Mode::All => pick(&|_| true),
        Mode::Missed => pick(&|i| {
            progress
                .states
                .get(&i.q.id)
                .is_some_and(|s| !s.last_correct)
        }),
        Mode::Due => pick(&|i| progress.states.get(&i.q.id).is_some_and(|s| s.due <= now)),
        Mode::Mixed => return draw_by_weight(bank, count, rng),
    };
    rng.shuffle(&mut chosen);
    if *mode == Mode::Due {
        // Most overdue first, so a capped review takes the oldest.
        chosen.sort_by_key(|&n| {
            progress
                .states
                .get(&bank.items[n].q.id)
                .map_or(0, |s| s.due)
        });
    }
    chosen.truncate(count);
    chosen
}

/// How many questions a practice session asks (quick practice, a section).
pub const PRACTICE_COUNT: usize = 10;

/// Quick practice: up to `count` questions, due ones first (most overdue first), then
/// never-seen ones, then the rest (each group shuffled).
pub fn draw_quick(
    bank: &Bank,
    progress: &Progress,
    count: usize,
    rng: &mut Rng,
    now: i64,
) -> Vec<usize> {
    let mut due: Vec<usize> = Vec::new();
    let mut unseen: Vec<usize> = Vec::new();
    let mut rest: Vec<usize> = Vec::new();
    for (n, i) in bank.items.iter().enumerate() {
        match progress.states.get(&i.q.id) {
            Some(s) if s.due <= now => due.push(n),
            None => unseen.push(n),
            Some(_) => rest.push(n),
        }
    }
    due.sort_by_key(|&n| {
        progress
            .states
            .get(&bank.items[n].q.id)
            .map_or(0, |s| s.due)
    });
    rng.shuffle(&mut unseen);
    rng.shuffle(&mut rest);
    due.into_iter()
        .chain(unseen)
        .chain(rest)
        .take(count)
        .collect()
}

/// `count` questions across topics in proportion to each topic's share of the bank
/// (largest remainder), shuffled.
fn draw_by_weight(bank: &Bank, count: usize, rng: &mut Rng) -> Vec<usize> {
    let topics = bank.topics();
    let total = bank.items.len().max(1);
    let count = count.min(bank.items.len());
    let sizes: Vec<usize> = topics
        .iter()
        .map(|t| bank.items.iter().filter(|i| &i.topic == t).count())
        .collect();
    let mut quota: Vec<usize> = sizes.iter().map(|s| s * count / total).collect();
    let mut rest: Vec<(usize, usize)> = sizes
        .iter()
        .enumerate()
        .map(|(k, s)| (s * count % total, k))
        .collect();
    rest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut missing = count - quota.iter().sum::<usize>();
    for (_, k) in rest {
        if missing == 0 {
            break;
        }
        if quota[k] < sizes[k] {
            quota[k] += 1;
            missing -= 1;
        }
    }
    let mut out = Vec::new();
    for (k, t) in topics.iter().enumerate() {
        let mut of_topic: Vec<usize> = (0..bank.items.len())
            .filter(|&n| &bank.items[n].topic == t)
            .collect();
        rng.shuffle(&mut of_topic);
        out.extend(of_topic.into_iter().take(quota[k]));
    }
    rng.shuffle(&mut out);
    out
}

/// A question as shown: its options in a shuffled order.
#[derive(Clone, Debug, PartialEq)]
pub struct Presented {
    pub item: usize,
    /// `order[k]` is the bank index of the option shown as number k+1.
    pub order: Vec<usize>,
}

impl Presented {
    pub fn new(bank: &Bank, item: usize, rng: &mut Rng) -> Presented {
        let n = bank.items[item].q.options.len();
        let mut order: Vec<usize> = (0..n).collect();
        // True/false keeps its natural order; other kinds are shuffled.
        if bank.items[item].q.kind != Kind::TrueFalse {
            rng.shuffle(&mut order);
        }
        Presented { item, order }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// Bank indices of the chosen options.
    Options(Vec<usize>),
    Number(Decimal),
}

impl Answer {
    /// For the review log.
    pub fn chosen(&self) -> Vec<String> {
        match self {
            Answer::Options(o) => o.iter().map(ToString::to_string).collect(),
            Answer::Number(n) => vec![n.normalize().to_string()],
        }
    }
}

/// Why an answer could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum Unreadable {
    Empty,
    NotANumber(String),
    /// "4,000": thousands or a decimal comma? Asked again rather than guessed.
    Ambiguous(String),
    OutOfRange(usize),
    OneOnly,
}

impl Unreadable {
    /// The one wording of why an answer could not be read, for the line-mode quiz
    /// and the Quiz tab alike.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Unreadable::Empty, Lang::En) => "type or choose an answer first".into(),
            (Unreadable::Empty, Lang::PtBr) => "digite ou escolha uma resposta antes".into(),
            (Unreadable::NotANumber(s), Lang::En) => format!("'{s}' is not a number"),
            (Unreadable::NotANumber(s), Lang::PtBr) => format!("'{s}' não é um número"),
            (Unreadable::OutOfRange(m), Lang::En) => format!("choose between 1 and {m}"),
            (Unreadable::OutOfRange(m), Lang::PtBr) => format!("escolha entre 1 e {m}"),
            (Unreadable::Ambiguous(s), Lang::En) => {
                let (whole, decimal) = readings(s, '.');
                format!(
                    "'{s}' is ambiguous: a thousands separator or a decimal point? Type {whole} for the whole number, or {decimal} for the decimal (one or two places)"
                )
            }
            (Unreadable::Ambiguous(s), Lang::PtBr) => {
                let (whole, decimal) = readings(s, ',');
                format!(
                    "'{s}' é ambíguo: separador de milhar ou vírgula decimal? Digite {whole} para o número inteiro, ou {decimal} para o decimal (uma ou duas casas)"
                )
            }
            (Unreadable::OneOnly, Lang::En) => "choose only one option".into(),
            (Unreadable::OneOnly, Lang::PtBr) => "escolha só uma opção".into(),
        }
    }
}

/// The two readings of an ambiguous number as the learner would type them without
/// doubt: every separator dropped (`1,440` → `1440`), or the last one as the decimal
/// mark with at most two places (`1,440` → `1.44`, written with `mark`).
fn readings(typed: &str, mark: char) -> (String, String) {
    let t = typed.trim();
    let whole: String = t.chars().filter(|c| !matches!(c, ',' | '.')).collect();
    let cut = t.rfind([',', '.']).unwrap_or(t.len());
    let int: String = t[..cut]
        .chars()
        .filter(|c| !matches!(c, ',' | '.'))
        .collect();
    let frac: String = t[cut..]
        .chars()
        .filter(char::is_ascii_digit)
        .take(2)
        .collect();
    let int = if int.is_empty() || int == "-" {
        format!("{int}0")
    } else {
        int
    };
    let decimal = if frac.is_empty() {
        int
    } else {
        format!("{int}{mark}{frac}")
    };
    (whole, decimal)
}

/// Reads a typed answer: `2` or `1,3` (shown numbers) for options, a number for a
/// numeric question.
pub fn parse_answer(input: &str, q: &Question, p: &Presented) -> Result<Answer, Unreadable> {
    let t = input.trim();
    if t.is_empty() {
        return Err(Unreadable::Empty);
    }
    if q.kind == Kind::Numeric {
        // A money answer may come with its currency: "$101.40", "US$ 101,40", "R$ 5".
        let t = ["US$", "R$", "$", "USD", "BRL"]
            .iter()
            .find_map(|c| t.strip_prefix(c))
            .map_or(t, str::trim);
        return match crate::budget::parse_number(t) {
            Ok(n) => Ok(Answer::Number(n)),
            Err(crate::budget::NumberError::Ambiguous) => Err(Unreadable::Ambiguous(t.to_string())),
            Err(_) => Err(Unreadable::NotANumber(t.to_string())),
        };
    }
    let mut chosen = Vec::new();
    for part in t
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|s| !s.is_empty())
    {
        let n: usize = part
            .parse()
            .map_err(|_| Unreadable::NotANumber(part.to_string()))?;
        if n == 0 || n > p.order.len() {
            return Err(Unreadable::OutOfRange(p.order.len()));
        }
        let bank_idx = p.order[n - 1];
        if !chosen.contains(&bank_idx) {
            chosen.push(bank_idx);
        }
    }
    if chosen.len() > 1 && matches!(q.kind, Kind::Single | Kind::TrueFalse) {
        return Err(Unreadable::OneOnly);
    }
    chosen.sort_unstable();
    Ok(Answer::Options(chosen))
}

/// True when the answer is right: exactly the correct options, or a number within
/// the tolerance.
pub fn grade(q: &Question, a: &Answer) -> bool {
    match a {
        Answer::Options(chosen) => {
            let correct: Vec<usize> = q
                .options
                .iter()
                .enumerate()
                .filter(|(_, o)| o.correct)
                .map(|(i, _)| i)
                .collect();
            *chosen == correct
        }
        Answer::Number(x) => {
            let parse = |s: &Option<String>| {
                s.as_deref()
                    .and_then(|v| Decimal::from_str_exact(v.trim()).ok())
            };
            match parse(&q.answer) {
                Some(want) => (*x - want).abs() <= parse(&q.tolerance).unwrap_or(Decimal::ZERO),
                None => false,
            }
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct TopicStats {
    pub answered: u32,
    pub correct: u32,
    pub due: u32,
    /// Mean predicted recall over the topic's questions (unseen ones, and ones whose
    /// last answer was wrong, count as 0).
    pub mastery: f64,
    pub questions: u32,
}

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Stats {
    pub answered: u32,
    pub correct: u32,
    pub sessions: u32,
    pub due_today: u32,
    /// Reviews ahead: due during tomorrow (UTC day), and during the 7 days after
    /// today (tomorrow included), from the scheduler's due dates.
    pub due_tomorrow: u32,
    pub due_this_week: u32,
    pub streak_days: u32,
    pub topics: BTreeMap<String, TopicStats>,
}

impl Stats {
    /// "Reviews ahead: tomorrow 6 · this week 17", the one wording for the Quiz
    /// menu, the Progress screen and `stats`.
    pub fn ahead(&self, lang: Lang) -> String {
        match lang {
            Lang::En => format!(
                "Reviews ahead: tomorrow {} · this week {}",
                crate::numfmt::count(self.due_tomorrow.into(), lang),
                crate::numfmt::count(self.due_this_week.into(), lang)
            ),
            Lang::PtBr => format!(
                "Próximas revisões: amanhã {} · esta semana {}",
                crate::numfmt::count(self.due_tomorrow.into(), lang),
                crate::numfmt::count(self.due_this_week.into(), lang)
            ),
        }
    }
}

/// Now, in unix seconds (the quiz's time base).
pub fn now() -> i64 {
    crate::store::unix_now() as i64
}

/// The UTC day number of a unix time.
pub fn day_of(t: i64) -> i64 {
    t.div_euclid(DAY)
}

/// A numeric question's answer and tolerance as a reader of `lang` writes numbers
/// (`1.440,5 ± 0,5` in pt-BR, `1,440.5 ± 0.5` in English); the bank keeps them in
/// plain machine form.
pub fn answer_text(q: &Question, lang: Lang) -> String {
    // The places the bank wrote are kept (101.40 stays 101,40, not 101,4).
    let num = |s: &str| match Decimal::from_str_exact(s.trim()) {
        Ok(d) => crate::numfmt::fixed(d, d.scale(), lang),
        Err(_) => s.to_string(),
    };
    let answer = num(q.answer.as_deref().unwrap_or(""));
    match q.tolerance.as_deref().filter(|x| x.trim() != "0") {
        Some(t) => format!("{answer} ± {}", num(t)),
        None => answer,
    }
}

/// A UTC day as its readers write a short date: `06/12` in pt-BR (day/month),
/// `12/06` in English (month/day).
pub fn day_label(day: i64, lang: Lang) -> String {
    let Some(d) = chrono::DateTime::from_timestamp(day.saturating_mul(DAY), 0) else {
        return "--/--".into();
    };
    match lang {
        Lang::En => d.format("%m/%d").to_string(),
        Lang::PtBr => d.format("%d/%m").to_string(),
    }
}

/// How far away a due time is, as a learner reads it: minutes and hours within a
/// day, then calendar days ("tomorrow" only when it is a day or more away).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Until {
    Now,
    Minutes(i64),
    Hours(i64),
    Tomorrow,
    Days(i64),
}

impl Until {
    pub fn between(now: i64, due: i64) -> Until {
        let secs = due.saturating_sub(now);
        if secs <= 0 {
            return Until::Now;
        }
        if secs < 3600 {
            return Until::Minutes(((secs + 59) / 60).max(1));
        }
        if secs < DAY {
            return Until::Hours(((secs + 1800) / 3600).clamp(1, 23));
        }
        match (day_of(due) - day_of(now)).max(1) {
            1 => Until::Tomorrow,
            n => Until::Days(n),
        }
    }

    /// "in 5 hours" / "em 5 horas".
    pub fn words(self, lang: Lang) -> String {
        let plural = |n: i64, en: &str, pt: &str| match (lang, n) {
            (Lang::En, 1) => format!("in 1 {en}"),
            (Lang::En, n) => format!("in {n} {en}s"),
            (Lang::PtBr, 1) => format!("em 1 {pt}"),
            (Lang::PtBr, n) => format!("em {n} {pt}s"),
        };
        match self {
            Until::Now => match lang {
                Lang::En => "now".into(),
                Lang::PtBr => "agora".into(),
            },
            Until::Minutes(n) => plural(n, "minute", "minuto"),
            Until::Hours(n) => plural(n, "hour", "hora"),
            Until::Tomorrow => match lang {
                Lang::En => "tomorrow".into(),
                Lang::PtBr => "amanhã".into(),
            },
            Until::Days(n) => plural(n, "day", "dia"),
        }
    }
}

pub fn stats(bank: &Bank, p: &Progress, now: i64) -> Stats {
    let end_of_today = (day_of(now) + 1) * DAY;
    let topic_of: BTreeMap<&str, &str> = bank
        .items
        .iter()
        .map(|i| (i.q.id.as_str(), i.topic.as_str()))
        .collect();
    let mut s = Stats::default();
    for t in bank.topics() {
        s.topics.insert(t, TopicStats::default());
    }
    let mut sessions = BTreeSet::new();
    for r in &p.log {
        s.answered += 1;
        s.correct += u32::from(r.correct);
        sessions.insert(r.session.as_str());
        if let Some(t) = topic_of.get(r.question.as_str())
            && let Some(ts) = s.topics.get_mut(*t)
        {
            ts.answered += 1;
            ts.correct += u32::from(r.correct);
        }
    }
    s.sessions = sessions.len() as u32;
    let mut recall_sum: BTreeMap<&str, f64> = BTreeMap::new();
    for i in &bank.items {
        let ts = s.topics.entry(i.topic.clone()).or_default();
        ts.questions += 1;
        if let Some(st) = p.states.get(&i.q.id) {
            if st.due < end_of_today {
                ts.due += 1;
                s.due_today += 1;
            }
            let ahead = day_of(st.due) - day_of(now);
            s.due_tomorrow += u32::from(ahead == 1);
            s.due_this_week += u32::from((1..=7).contains(&ahead));
            // A question last missed is not known yet, however fresh the review:
            // right after any answer the predicted recall is close to 1.
            if st.last_correct {
                *recall_sum.entry(i.topic.as_str()).or_default() += recall(st, now);
            }
        }
    }
    for (t, ts) in s.topics.iter_mut() {
        let sum = recall_sum.get(t.as_str()).copied().unwrap_or(0.0);
        ts.mastery = if ts.questions == 0 {
            0.0
        } else {
            (sum / f64::from(ts.questions) * 1000.0).round() / 1000.0
        };
    }
    s.streak_days = streak(p, now);
    s
}

/// Consecutive UTC days with at least one answer, ending today (or yesterday when
/// nothing was answered yet today).
pub fn streak(p: &Progress, now: i64) -> u32 {
    let days: BTreeSet<i64> = p.log.iter().map(|r| day_of(r.time)).collect();
    let today = day_of(now);
    let mut d = if days.contains(&today) {
        today
    } else {
        today - 1
    };
    let mut n = 0;
    while days.contains(&d) {
        n += 1;
        d -= 1;
    }
    n
}

/// Answers per day for the last `days` days (oldest first): (answered, correct).
pub fn history(p: &Progress, now: i64, days: usize) -> Vec<(u32, u32)> {
    let today = day_of(now);
    let mut out = vec![(0u32, 0u32); days];
    for r in &p.log {
        let back = today - day_of(r.time);
        if back >= 0 && (back as usize) < days {
            let slot = &mut out[days - 1 - back as usize];
            slot.0 += 1;
            slot.1 += u32::from(r.correct);
        }
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_day_is_labelled_the_way_each_language_writes_dates() {
        // 2026-12-06
        let day = day_of(1_796_515_200 + 3600);
        assert_eq!(day_label(day, Lang::PtBr), "06/12");
        assert_eq!(day_label(day, Lang::En), "12/06");
    }

    #[test]
    fn a_numeric_answer_is_written_the_way_each_language_writes_numbers() {
        let bank = lib_bank();
        let mut q = bank.items[0].q.clone();
        q.answer = Some("1440.50".into());
        q.tolerance = Some("0.5".into());
        assert_eq!(answer_text(&q, Lang::PtBr), "1.440,50 ± 0,5");
        assert_eq!(answer_text(&q, Lang::En), "1,440.50 ± 0.5");
        q.tolerance = Some("0".into());
        assert_eq!(answer_text(&q, Lang::PtBr), "1.440,50");
    }

    #[test]
    fn next_review_is_honest_about_hours() {
        let noon = 20_000 * DAY + 12 * 3600;
        let until = |secs: i64| Until::between(noon, noon + secs);
        assert_eq!(until(5 * 3600).words(Lang::En), "in 5 hours");
        assert_eq!(until(5 * 3600).words(Lang::PtBr), "em 5 horas");
        assert_eq!(until(3600).words(Lang::PtBr), "em 1 hora");
        assert_eq!(until(10 * 60).words(Lang::En), "in 10 minutes");
        // 14 hours away is tomorrow's date, but still said in hours.
        assert_eq!(until(14 * 3600).words(Lang::En), "in 14 hours");
        assert_eq!(until(DAY + 3600).words(Lang::PtBr), "amanhã");
        assert_eq!(until(3 * DAY).words(Lang::En), "in 3 days");
        assert_eq!(until(-5).words(Lang::PtBr), "agora");
    }

    #[test]
    fn an_ambiguous_number_is_explained_with_the_value_typed() {
        let en = Unreadable::Ambiguous("1,440".into()).message(Lang::En);
        assert!(
            en.contains("Type 1440") && en.contains("or 1.44 for"),
            "{en}"
        );
        let pt = Unreadable::Ambiguous("4.000".into()).message(Lang::PtBr);
        assert!(
            pt.contains("Digite 4000") && pt.contains("ou 4,00 para"),
            "{pt}"
        );
        assert!(!pt.contains("(4,5; 4,50)"), "{pt}");
    }
    use super::*;

    fn lib_bank() -> Bank {
        let lib = Library::load(None).expect("content");
        let (bank, warnings) = Bank::load(&lib);
        assert!(warnings.is_empty(), "{warnings:?}");
        bank
    }

    #[test]
    fn the_bundled_bank_has_every_kind_and_twenty_per_topic() {
        let bank = lib_bank();
        assert_eq!(bank.topics().len(), 7);
        for t in bank.topics() {
            assert!(
                bank.items.iter().filter(|i| i.topic == t).count() >= 20,
                "{t}"
            );
        }
        for k in [Kind::Single, Kind::Multiple, Kind::TrueFalse, Kind::Numeric] {
            assert!(bank.items.iter().any(|i| i.q.kind == k), "{k:?}");
        }
    }

    #[test]
    fn answers_are_read_through_the_shuffled_order_and_graded() {
        let bank = lib_bank();
        let n = bank
            .items
            .iter()
            .position(|i| i.q.kind == Kind::Single)
            .expect("single");
        let p = Presented::new(&bank, n, &mut Rng::new(7));
        let q = &bank.items[n].q;
        let right = p
            .order
            .iter()
            .position(|&b| q.options[b].correct)
            .expect("correct")
            + 1;
        let a = parse_answer(&right.to_string(), q, &p).expect("readable");
        assert!(grade(q, &a));
        let wrong = if right == 1 { 2 } else { 1 };
        assert!(!grade(
            q,
            &parse_answer(&wrong.to_string(), q, &p).expect("readable")
        ));
        assert_eq!(parse_answer("", q, &p), Err(Unreadable::Empty));
        assert_eq!(
            parse_answer("abc", q, &p),
            Err(Unreadable::NotANumber("abc".into()))
        );
        assert_eq!(
            parse_answer("99", q, &p),
            Err(Unreadable::OutOfRange(q.options.len()))
        );
        assert_eq!(parse_answer("1,2", q, &p), Err(Unreadable::OneOnly));
    }

    #[test]
    fn multiple_needs_exactly_the_correct_set_and_numeric_uses_the_tolerance() {
        let bank = lib_bank();
        let n = bank
            .items
            .iter()
            .position(|i| i.q.kind == Kind::Multiple)
            .expect("multiple");
        let q = &bank.items[n].q;
        let p = Presented {
            item: n,
            order: (0..q.options.len()).collect(),
        };
        let correct: Vec<String> = (0..q.options.len())
            .filter(|&i| q.options[i].correct)
            .map(|i| (i + 1).to_string())
            .collect();
        assert!(grade(
            q,
            &parse_answer(&correct.join(","), q, &p).expect("ok")
        ));
        assert!(
            !grade(q, &parse_answer(&correct[0], q, &p).expect("ok")),
            "a subset is wrong"
        );
        let m = bank
            .items
            .iter()
            .position(|i| i.q.id == "scn-001")
            .expect("scn-001");
        let q = &bank.items[m].q;
        let p = Presented {
            item: m,
            order: vec![],
        };
        assert!(grade(q, &parse_answer("44.64", q, &p).expect("ok")));
        // With its currency, as a learner writes money.
        for typed in ["$44.64", "US$ 44,64", "R$44.64", "USD 44.64"] {
            assert!(
                grade(q, &parse_answer(typed, q, &p).expect(typed)),
                "{typed}"
            );
        }
        assert!(
            grade(q, &parse_answer("44,65", q, &p).expect("ok")),
            "within 0.01"
        );
        assert!(!grade(q, &parse_answer("44.70", q, &p).expect("ok")));
    }

    #[test]
    fn the_mixed_exam_follows_topic_weights() {
        let bank = lib_bank();
        let picked = draw(
            &bank,
            &Progress::new(),
            &Mode::Mixed,
            14,
            &mut Rng::new(1),
            0,
        );
        assert_eq!(picked.len(), 14);
        for t in bank.topics() {
            let n = picked.iter().filter(|&&i| bank.items[i].topic == t).count();
            assert_eq!(n, 2, "{t}: equal banks, equal share");
        }
        let set: BTreeSet<_> = picked.iter().collect();
        assert_eq!(set.len(), 14, "no question twice");
    }

    #[test]
    fn due_and_missed_follow_the_progress() {
        let bank = lib_bank();
        let mut p = Progress::new();
        let id = bank.items[0].q.id.clone();
        p.record(progress::Review {
            time: 1000,
            question: id.clone(),
            correct: false,
            chosen: vec![],
            mode: "topic".into(),
            duration_ms: 0,
            lang: "en".into(),
            session: "s".into(),
            extra: Default::default(),
        });
        assert_eq!(
            draw(&bank, &p, &Mode::Missed, 10, &mut Rng::new(1), 2000),
            vec![0]
        );
        assert!(draw(&bank, &p, &Mode::Due, 10, &mut Rng::new(1), 1001).is_empty());
        assert_eq!(
            draw(&bank, &p, &Mode::Due, 10, &mut Rng::new(1), 1000 + DAY),
            vec![0]
        );
        let s = stats(&bank, &p, 1000 + DAY);
        assert_eq!(
            (s.answered, s.correct, s.sessions, s.due_today),
            (1, 0, 1, 1)
        );
        assert_eq!(s.streak_days, 1, "answered yesterday");
        assert_eq!(stats(&bank, &p, 1000 + 3 * DAY).streak_days, 0);
        // Missed just now: nothing of the topic is mastered yet.
        let topic = &bank.items[0].topic;
        assert_eq!(stats(&bank, &p, 1001).topics[topic].mastery, 0.0);
        // Answered right afterwards: the topic's mastery rises above 0.
        p.record(progress::Review {
            time: 2000,
            question: id.clone(),
            correct: true,
            chosen: vec![],
            mode: "topic".into(),
            duration_ms: 0,
            lang: "en".into(),
            session: "s".into(),
            extra: Default::default(),
        });
        assert!(stats(&bank, &p, 2001).topics[topic].mastery > 0.0);
    }

    #[test]
    fn reviews_ahead_count_tomorrow_and_the_next_seven_days() {
        let bank = lib_bank();
        let mut p = Progress::new();
        let now = 20_000 * DAY + 22 * 3600; // 22:00 UTC
        // Due in: 1 h (today), 3 h (tomorrow), 1 day, 3 days, 7 days, 8 days.
        let dues = [3600, 3 * 3600, DAY, 3 * DAY, 7 * DAY, 8 * DAY];
        for (i, d) in dues.iter().enumerate() {
            p.states.insert(
                bank.items[i].q.id.clone(),
                scheduler::CardState {
                    stability: 1.0,
                    difficulty: 5.0,
                    last_review: now - DAY,
                    due: now + d,
                    reps: 1,
                    lapses: 0,
                    last_correct: true,
                },
            );
        }
        let s = stats(&bank, &p, now);
        assert_eq!(s.due_today, 1);
        assert_eq!(
            s.due_tomorrow, 2,
            "3 h and 24 h from 22:00 are both tomorrow"
        );
        assert_eq!(s.due_this_week, 4, "tomorrow's two, in 3 days, in 7 days");
    }
}
