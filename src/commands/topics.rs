//! `aws-study topics`: one line per topic, "<id>\t<title>".
use crate::{Context, Failure};

pub fn run(ctx: &Context) -> Result<(), Failure> {
    let mut out = String::new();
    for t in &ctx.library.topics {
        out.push_str(&format!("{}\t{}\n", t.id, t.title(ctx.lang)));
    }
    super::write_out(&out)
}
