//! `aws-study quiz --export missed|results [--format md|csv]`: the questions last
//! answered wrong (with the right answer and why), or every answer given, printed
//! for reading or keeping outside the app.
use crate::cli::{QuizExport, QuizExportFormat};
use crate::quiz::export::{Export, Format, export};
use crate::quiz::{Bank, progress};
use crate::{Context, Failure};

pub fn run(
    ctx: &Context,
    what: QuizExport,
    format: Option<QuizExportFormat>,
    topic: Option<&str>,
) -> Result<(), Failure> {
    let (bank, warnings) = Bank::load(&ctx.library);
    for w in warnings {
        super::output::warn(ctx.lang, &w);
    }
    if let Some(t) = topic
        && ctx.library.topic(t).is_none()
    {
        return Err(super::unknown_topic(ctx, t));
    }
    let (p, warning) = progress::load(ctx.data_dir.as_deref());
    if let Some(w) = warning {
        super::output::warn(ctx.lang, w.get(ctx.lang));
    }
    let what = match what {
        QuizExport::Missed => Export::Missed,
        QuizExport::Results => Export::Results,
    };
    let format = match format {
        Some(QuizExportFormat::Csv) => Format::Csv,
        Some(QuizExportFormat::Md) | None => Format::Markdown,
    };
    let label = |id: &str| {
        ctx.library
            .topic(id)
            .map_or_else(|| id.to_string(), |t| t.label(ctx.lang))
    };
    super::write_out(&export(&bank, &p, what, format, topic, ctx.lang, &label))
}
