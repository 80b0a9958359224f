//! `aws-study search QUERY`: "<topic>:<line>: <snippet>" for each matching source line.
use crate::content::search::SearchIndex;
use crate::{Context, Failure};

pub fn run(ctx: &Context, query: &str) -> Result<(), Failure> {
    if query.trim().is_empty() {
        return Err(Failure::Usage(
            crate::lang::tr(
                ctx.lang,
                "the search text is empty",
                "o texto da busca está vazio",
            )
            .into(),
        ));
    }
    let index = SearchIndex::build(&ctx.library);
    let hits = index.search(&ctx.library, Some(ctx.lang), query, usize::MAX);
    if hits.is_empty() {
        eprintln!(
            "aws-study: no match for '{}' in the {} notes",
            query.trim(),
            ctx.lang.code()
        );
        return Ok(());
    }
    let mut out = String::new();
    for h in hits {
        let id = &ctx.library.topics[h.topic].id;
        out.push_str(&format!("{id}:{}: {}\n", h.line, h.snippet));
    }
    super::write_out(&out)
}
