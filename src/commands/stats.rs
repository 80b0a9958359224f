//! `aws-study stats`: the quiz progress summary as a table or JSON (the fields are
//! listed in the README, "Quiz and spaced review").
use crate::cli::StatsFormat;
use crate::lang::Lang;
use crate::quiz::{Bank, progress, stats};
use crate::{Context, Failure};

pub fn run(ctx: &Context, format: StatsFormat) -> Result<(), Failure> {
    let (bank, _) = Bank::load(&ctx.library);
    let (p, warning) = progress::load(ctx.data_dir.as_deref());
    if let Some(w) = warning {
        super::output::warn(ctx.lang, w.get(ctx.lang));
    }
    let s = stats(&bank, &p, crate::quiz::now());
    let text = match format {
        StatsFormat::Json => {
            let json =
                serde_json::to_string_pretty(&s).map_err(|e| Failure::Runtime(e.to_string()))?;
            return super::output::write_json(&(json + "\n"));
        }
        StatsFormat::Table => {
            let pt = ctx.lang == Lang::PtBr;
            let n = |v: u32| crate::numfmt::count(u64::from(v), ctx.lang);
            let pct = |c: u32, a: u32| (u64::from(c) * 100).checked_div(u64::from(a)).unwrap_or(0);
            let mut out = if pt {
                format!(
                    "Respondidas {} · certas {} ({}%) · sessões {} · para revisar hoje {} · sequência {}\n\n",
                    n(s.answered),
                    n(s.correct),
                    pct(s.correct, s.answered),
                    n(s.sessions),
                    n(s.due_today),
                    crate::numfmt::days(u64::from(s.streak_days), ctx.lang)
                )
            } else {
                format!(
                    "Answered {} · correct {} ({}%) · sessions {} · due today {} · streak {}\n\n",
                    n(s.answered),
                    n(s.correct),
                    pct(s.correct, s.answered),
                    n(s.sessions),
                    n(s.due_today),
                    crate::numfmt::days(u64::from(s.streak_days), ctx.lang)
                )
            };
            // Under the summary line, before its blank line.
            out.insert_str(out.len() - 1, &format!("{}\n", s.ahead(ctx.lang)));
            let head = if pt {
                ["Tópico", "Respondidas", "Certas", "Revisar", "Domínio"]
            } else {
                ["Topic", "Answered", "Correct", "Due", "Mastery"]
            };
            out.push_str(&format!(
                "{:<20} {:>11} {:>8} {:>8} {:>8}\n",
                head[0], head[1], head[2], head[3], head[4]
            ));
            for id in bank.topics() {
                let Some(t) = s.topics.get(&id) else {
                    continue;
                };
                // The topic's name as the app's tabs write it (its id when the
                // content has no note for it).
                let name = ctx
                    .library
                    .topic(&id)
                    .map_or_else(|| id.clone(), |t| t.label(ctx.lang));
                let pad =
                    20usize.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_str()));
                out.push_str(&format!(
                    "{name}{} {:>11} {:>8} {:>8} {:>7}%\n",
                    " ".repeat(pad),
                    n(t.answered),
                    n(t.correct),
                    n(t.due),
                    (t.mastery * 100.0).round() as u32
                ));
            }
            out
        }
    };
    super::write_out(&text)
}
