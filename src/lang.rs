//! The two languages of the product, how the active one is chosen (`--lang`, then
//! `AWS_STUDY_LANG`, then the saved setting, then the locale; English otherwise), and
//! the UI's own strings.
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    En,
    PtBr,
}

pub const ALL_LANGS: [Lang; 2] = [Lang::En, Lang::PtBr];

impl Lang {
    /// The code used in folders, flags and JSON keys.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::PtBr => "pt-BR",
        }
    }

    /// Parses a language code; accepts the usual spellings (`pt_BR`, `pt`, `EN`).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase().replace('_', "-");
        match s.as_str() {
            "en" | "en-us" | "en-gb" | "english" => Some(Lang::En),
            "pt-br" | "pt" | "portuguese" | "portugues" => Some(Lang::PtBr),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::PtBr,
            Lang::PtBr => Lang::En,
        }
    }

    pub fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::PtBr => 1,
        }
    }

    /// Language from a POSIX locale value: anything starting with `pt` is pt-BR.
    pub fn from_locale(value: &str) -> Lang {
        if value.to_ascii_lowercase().starts_with("pt") {
            Lang::PtBr
        } else {
            Lang::En
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The message for a language the product does not know.
pub fn unknown_lang_message(what: &str, value: &str) -> String {
    format!("unknown language '{value}' in {what}; valid choices: en, pt-BR")
}

/// Resolves the language: `--lang` > `AWS_STUDY_LANG` > saved setting > locale.
/// `env` is a lookup so tests can pass their own environment.
pub fn resolve(
    flag: Option<Lang>,
    env: &dyn Fn(&str) -> Option<String>,
    saved: Option<Lang>,
) -> Result<Lang, String> {
    if let Some(lang) = flag {
        return Ok(lang);
    }
    if let Some(v) = env("AWS_STUDY_LANG").filter(|v| !v.is_empty()) {
        return Lang::parse(&v).ok_or_else(|| unknown_lang_message("AWS_STUDY_LANG", &v));
    }
    if let Some(lang) = saved {
        return Ok(lang);
    }
    // POSIX precedence: the first non-empty of LC_ALL, LC_MESSAGES, LANG decides.
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(v) = env(var).filter(|v| !v.is_empty()) {
            return Ok(Lang::from_locale(&v));
        }
    }
    Ok(Lang::En)
}

/// The UI string for a language (for one-off texts; tables use `Text2`).
pub fn tr(lang: Lang, en: &'static str, pt: &'static str) -> &'static str {
    Text2::new(en, pt).get(lang)
}

/// serde_json's error text in the reader's language: pt-BR gets the common syntax
/// and field errors in Portuguese (`trailing comma at line 1 column 8` →
/// `vírgula sobrando antes de fechar (linha 1, coluna 8)`); anything else, and
/// English, is left as serde_json wrote it.
pub fn json_detail(msg: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return msg.to_string();
    }
    let (core, at) = match msg.rfind(" at line ") {
        Some(i) => {
            let pos = msg[i + " at line ".len()..]
                .split_once(" column ")
                .map(|(l, c)| format!(" (linha {l}, coluna {c})"));
            match pos {
                Some(p) => (&msg[..i], p),
                None => (msg, String::new()),
            }
        }
        None => (msg, String::new()),
    };
    let fixed = [
        (
            "EOF while parsing a list",
            "o texto termina no meio de uma lista",
        ),
        (
            "EOF while parsing an object",
            "o texto termina no meio de um objeto",
        ),
        (
            "EOF while parsing a string",
            "o texto termina no meio de uma string",
        ),
        (
            "EOF while parsing a value",
            "o texto termina antes de um valor",
        ),
        ("expected `:`", "falta `:`"),
        ("expected `,` or `]`", "falta `,` ou `]`"),
        ("expected `,` or `}`", "falta `,` ou `}`"),
        ("expected ident", "esperava true, false ou null"),
        ("expected value", "esperava um valor"),
        ("trailing comma", "vírgula sobrando antes de fechar"),
        ("trailing characters", "há texto depois do fim do JSON"),
        (
            "key must be a string",
            "a chave precisa ser uma string entre aspas",
        ),
        ("invalid number", "número inválido"),
        ("number out of range", "número fora do intervalo"),
        ("invalid escape", "sequência de escape inválida"),
        ("invalid unicode code point", "código Unicode inválido"),
        ("recursion limit exceeded", "aninhamento profundo demais"),
        (
            "control character (\\u0000-\\u001F) found while parsing a string",
            "caractere de controle dentro de uma string",
        ),
    ];
    let said = if let Some((_, pt)) = fixed.iter().find(|(en, _)| *en == core) {
        (*pt).to_string()
    } else if let Some(rest) = core.strip_prefix("missing field ") {
        format!("falta o campo {rest}")
    } else if let Some(rest) = core.strip_prefix("duplicate field ") {
        format!("campo repetido {rest}")
    } else if let Some(rest) = core.strip_prefix("unknown field ") {
        format!(
            "campo desconhecido {}",
            rest.replace(", expected one of ", "; os válidos são ")
                .replace(", expected ", "; esperado: ")
        )
    } else {
        core.to_string()
    };
    format!("{said}{at}")
}

/// A text in both languages, for the UI's own strings.
#[derive(Clone, Copy, Debug)]
pub struct Text2 {
    pub en: &'static str,
    pub pt: &'static str,
}

impl Text2 {
    pub const fn new(en: &'static str, pt: &'static str) -> Self {
        Text2 { en, pt }
    }
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::PtBr => self.pt,
        }
    }
}

/// A text written in both languages at once (a message built from data, such as a
/// file's name and what is wrong with it), shown in the language of the moment.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Default, serde::Deserialize)]
pub struct Said {
    pub en: String,
    #[serde(rename = "pt-BR")]
    pub pt: String,
}

impl Said {
    /// The text `f` writes in each language.
    pub fn new(f: impl Fn(Lang) -> String) -> Said {
        Said {
            en: f(Lang::En),
            pt: f(Lang::PtBr),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::PtBr => &self.pt,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn flag_beats_env_beats_saved_beats_locale() {
        let env = env_of(&[("AWS_STUDY_LANG", "en"), ("LANG", "pt_BR.UTF-8")]);
        assert_eq!(resolve(Some(Lang::PtBr), &env, None), Ok(Lang::PtBr));
        assert_eq!(resolve(None, &env, Some(Lang::PtBr)), Ok(Lang::En));
        let env = env_of(&[("LANG", "pt_BR.UTF-8")]);
        assert_eq!(resolve(None, &env, Some(Lang::En)), Ok(Lang::En));
        assert_eq!(resolve(None, &env, None), Ok(Lang::PtBr));
    }

    #[test]
    fn locale_precedence_skips_empty_values() {
        let env = env_of(&[("LC_ALL", ""), ("LC_MESSAGES", ""), ("LANG", "pt_BR.UTF-8")]);
        assert_eq!(resolve(None, &env, None), Ok(Lang::PtBr));
        let env = env_of(&[("LC_ALL", "C.UTF-8"), ("LANG", "pt_BR.UTF-8")]);
        assert_eq!(resolve(None, &env, None), Ok(Lang::En));
        let env = env_of(&[]);
        assert_eq!(resolve(None, &env, None), Ok(Lang::En));
    }

    #[test]
    fn bad_env_language_is_an_error_naming_the_choices() {
        let env = env_of(&[("AWS_STUDY_LANG", "xx")]);
        let err = resolve(None, &env, None).unwrap_err();
        assert!(
            err.contains("AWS_STUDY_LANG") && err.contains("pt-BR"),
            "{err}"
        );
    }

    #[test]
    fn parses_common_spellings() {
        for s in ["pt-BR", "pt_BR", "pt", "PT-br"] {
            assert_eq!(Lang::parse(s), Some(Lang::PtBr), "{s}");
        }
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert_eq!(Lang::parse("xx"), None);
    }
}
