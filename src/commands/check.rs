//! `aws-study check [DIR]`: validates notes and quiz banks, printing file:line errors.
use std::path::Path;

use crate::Failure;
use crate::content::FileSet;
use crate::content::check::check;

pub fn run(dir: Option<&Path>) -> Result<(), Failure> {
    let (files, context) = match dir {
        Some(d) => (
            FileSet::from_dir(d).map_err(Failure::Runtime)?,
            FileSet::bundled(),
        ),
        None => (FileSet::bundled(), FileSet::default()),
    };
    let report = check(&files, &context);
    let what = dir.map_or_else(
        || "bundled content".to_string(),
        |d| d.display().to_string(),
    );
    if report.findings.is_empty() {
        super::write_out(&format!(
            "{what}: ok — {} topics, {} notes, {} quiz banks, {} questions\n",
            report.topics, report.notes, report.banks, report.questions
        ))
    } else {
        for f in &report.findings {
            super::output::to_stderr(&format!("{f}\n"));
        }
        Err(Failure::Runtime(format!(
            "{what}: {} problem{} found",
            report.findings.len(),
            if report.findings.len() == 1 { "" } else { "s" }
        )))
    }
}
