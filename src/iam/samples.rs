//! The bundled IAM samples (`assets/iam/`): one case file per classic lesson, each with
//! its expected decision, a bilingual title and a description of what it teaches.
use serde::Deserialize;

use super::case::{Case, parse_cases};

/// A title or description in both languages, as the sample index writes it.
pub use crate::lang::Said as Bilingual;

#[derive(Debug, Clone, Deserialize)]
pub struct Sample {
    pub id: String,
    /// The case file under `assets/iam/`.
    pub file: String,
    pub title: Bilingual,
    pub description: Bilingual,
}

#[derive(Deserialize)]
struct Index {
    samples: Vec<Sample>,
}

impl Sample {
    /// The case file's text.
    pub fn text(&self) -> &'static str {
        crate::assets::file(&format!("assets/iam/{}", self.file)).unwrap_or("")
    }

    /// The sample's case (the tests make sure every sample parses).
    pub fn case(&self) -> Option<Case> {
        parse_cases(self.text()).ok()?.into_iter().next()
    }
}

/// The bundled samples in their documented order. Parsed once.
pub fn all() -> &'static [Sample] {
    static ALL: std::sync::OnceLock<Vec<Sample>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        crate::assets::file("assets/iam/samples.json")
            .and_then(|t| serde_json::from_str::<Index>(t).ok())
            .map(|i| i.samples)
            .unwrap_or_default()
    })
}

/// The sample with this id.
pub fn find(id: &str) -> Option<&'static Sample> {
    all().iter().find(|s| s.id == id)
}
