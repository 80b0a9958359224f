//! `aws-study check [DIR]`: validates notes and quiz banks, printing file:line errors.
use std::path::Path;

use crate::Failure;
use crate::content::FileSet;
use crate::content::check::check;
use crate::lang::{Lang, tr};
use crate::numfmt::count;

pub fn run(dir: Option<&Path>, lang: Lang) -> Result<(), Failure> {
    let (files, context) = match dir {
        Some(d) => (
            FileSet::from_dir_in(d, lang).map_err(Failure::Runtime)?,
            FileSet::bundled(),
        ),
        None => (FileSet::bundled(), FileSet::default()),
    };
    let report = check(&files, &context);
    let what = dir.map_or_else(
        || tr(lang, "bundled content", "conteúdo embutido").to_string(),
        |d| d.display().to_string(),
    );
    let n = |x: usize| count(x as u64, lang);
    if report.findings.is_empty() {
        super::write_out(&match lang {
            Lang::En => format!(
                "{what}: ok — {} topics, {} notes, {} quiz banks, {} questions\n",
                n(report.topics),
                n(report.notes),
                n(report.banks),
                n(report.questions)
            ),
            Lang::PtBr => format!(
                "{what}: ok — {} tópicos, {} notas, {} bancos de perguntas, {} perguntas\n",
                n(report.topics),
                n(report.notes),
                n(report.banks),
                n(report.questions)
            ),
        })
    } else {
        for f in &report.findings {
            super::output::to_stderr(&format!("{}\n", f.render(lang)));
        }
        let k = report.findings.len();
        Err(Failure::Runtime(match (lang, k) {
            (Lang::En, 1) => format!("{what}: 1 problem found"),
            (Lang::En, _) => format!("{what}: {} problems found", n(k)),
            (Lang::PtBr, 1) => format!("{what}: 1 problema encontrado"),
            (Lang::PtBr, _) => format!("{what}: {} problemas encontrados", n(k)),
        }))
    }
}
