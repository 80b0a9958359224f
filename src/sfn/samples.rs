//! The bundled sample machines (`assets/sfn/`): index, definitions and mock files.
use serde::Deserialize;
use serde_json::Value;

/// A title or description in both languages, as the sample index writes it.
pub use crate::lang::Said as Bilingual;

#[derive(Debug, Clone, Deserialize)]
pub struct Expected {
    pub test_case: String,
    pub status: String,
    pub path: Vec<String>,
    pub note: Bilingual,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Sample {
    pub id: String,
    pub definition: String,
    pub mocks: String,
    pub title: Bilingual,
    pub description: Bilingual,
    #[serde(default)]
    pub input: Value,
    #[serde(default)]
    pub expected: Vec<Expected>,
}

#[derive(Deserialize)]
struct Index {
    samples: Vec<Sample>,
}

impl Sample {
    /// The definition's text.
    pub fn definition_text(&self) -> &'static str {
        crate::assets::file(&format!("assets/sfn/{}", self.definition)).unwrap_or("")
    }

    /// The mock file's text.
    pub fn mocks_text(&self) -> &'static str {
        crate::assets::file(&format!("assets/sfn/{}", self.mocks)).unwrap_or("")
    }
}

/// The bundled samples in their documented order (empty if the index is missing,
/// which the tests rule out). Parsed once.
pub fn all() -> &'static [Sample] {
    static ALL: std::sync::OnceLock<Vec<Sample>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        crate::assets::file("assets/sfn/samples.json")
            .and_then(|t| serde_json::from_str::<Index>(t).ok())
            .map(|i| i.samples)
            .unwrap_or_default()
    })
}

/// The sample with this id.
pub fn find(id: &str) -> Option<&'static Sample> {
    all().iter().find(|s| s.id == id)
}
