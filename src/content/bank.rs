//! The quiz bank file format (`content/quiz/<topic>.json`, README "Content and
//! authoring"): bilingual questions that link to note sections.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// A text in every language, keyed by language code (`en`, `pt-BR`).
pub type LangText = BTreeMap<String, String>;

pub fn text_in(t: &LangText, lang: Lang) -> &str {
    t.get(lang.code())
        .filter(|s| !s.trim().is_empty())
        .or_else(|| t.get(lang.other().code()))
        .map_or("", String::as_str)
}

/// A bank text as shown to a learner: inline-code backticks and bold markers
/// removed, control characters escaped.
pub fn shown(t: &LangText, lang: Lang) -> String {
    crate::markdown::text::sanitize(text_in(t, lang).trim())
        .replace('`', "")
        .replace("**", "")
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Single,
    Multiple,
    TrueFalse,
    Numeric,
}

impl Kind {
    /// How a question of this kind is to be answered, as the CLI and the Quiz tab
    /// announce it.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Kind::Single, Lang::En) => "one answer",
            (Kind::Single, Lang::PtBr) => "uma resposta",
            (Kind::Multiple, Lang::En) => "all that apply",
            (Kind::Multiple, Lang::PtBr) => "mais de uma resposta",
            (Kind::TrueFalse, Lang::En) => "true or false",
            (Kind::TrueFalse, Lang::PtBr) => "verdadeiro ou falso",
            (Kind::Numeric, Lang::En) => "a number",
            (Kind::Numeric, Lang::PtBr) => "um número",
        }
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct QuizOption {
    pub text: LangText,
    #[serde(default)]
    pub correct: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<LangText>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Question {
    pub id: String,
    pub kind: Kind,
    pub section: String,
    pub prompt: LangText,
    #[serde(default)]
    pub options: Vec<QuizOption>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<String>,
    pub explanation: LangText,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Bank {
    pub version: u32,
    pub topic: String,
    pub questions: Vec<Question>,
}

/// Parses a bank; the error carries serde's line and column.
pub fn parse_bank(text: &str) -> Result<Bank, serde_json::Error> {
    serde_json::from_str(text)
}
