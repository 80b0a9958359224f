//! `aws-study search QUERY`: "<topic>:<line>: <snippet>" for each matching source line;
//! exit 1 when nothing matches (like grep).
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
        // A pasted page is not echoed back whole: its first 60 characters say which.
        let q = query.trim();
        let q = match q.char_indices().nth(60) {
            Some((cut, _)) => format!("{}…", &q[..cut]),
            None => q.to_string(),
        };
        let lang = ctx.lang.code();
        // Like grep: nothing found is exit 1, with the reason on stderr.
        return Err(Failure::Runtime(match ctx.lang {
            crate::lang::Lang::En => format!("no match for '{q}' in the {lang} notes"),
            crate::lang::Lang::PtBr => format!("nenhum resultado para '{q}' nas notas em {lang}"),
        }));
    }
    let mut out = String::new();
    for h in hits {
        let id = &ctx.library.topics[h.topic].id;
        out.push_str(&format!("{id}:{}: {}\n", h.line, h.snippet));
    }
    super::write_out(&out)
}
