//! The one message the app shows until the next key: a notice, an error about what
//! was just tried, or a warning about the learner's files. It keeps its text in both
//! languages and is translated when drawn, so a language switch never leaves a
//! message in the other language behind.
use crate::lang::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Something done: "saved to …".
    Notice,
    /// What was just tried did not work: drawn in the warning colour.
    Error,
    /// A problem with the learner's files or folders: also drawn as a banner over
    /// the view, so every part of it can be read.
    Warning,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub level: Level,
    en: String,
    pt: String,
}

impl Message {
    /// A message written in each language by `text`.
    pub fn new(level: Level, text: impl Fn(Lang) -> String) -> Self {
        Self {
            level,
            en: text(Lang::En),
            pt: text(Lang::PtBr),
        }
    }

    pub fn notice(text: impl Fn(Lang) -> String) -> Self {
        Self::new(Level::Notice, text)
    }

    pub fn error(text: impl Fn(Lang) -> String) -> Self {
        Self::new(Level::Error, text)
    }

    /// Text that comes already in one language (a file's own error, a name).
    pub fn fixed(level: Level, text: impl Into<String>) -> Self {
        let text = text.into();
        Self {
            level,
            en: text.clone(),
            pt: text,
        }
    }

    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::PtBr => &self.pt,
        }
    }

    /// Drawn in the warning colour (an error or a warning).
    pub fn is_warning(&self) -> bool {
        self.level != Level::Notice
    }

    /// This message, then `other`, as one (warnings gathered at start).
    pub fn join(self, other: Message) -> Message {
        Message {
            level: self.level.max_with(other.level),
            en: format!("{} · {}", self.en, other.en),
            pt: format!("{} · {}", self.pt, other.pt),
        }
    }

    /// True when `other`'s text is already part of this one.
    pub fn contains(&self, other: &Message) -> bool {
        self.en.contains(&other.en) && self.pt.contains(&other.pt)
    }
}

impl Level {
    fn max_with(self, other: Level) -> Level {
        match (self, other) {
            (Level::Warning, _) | (_, Level::Warning) => Level::Warning,
            (Level::Error, _) | (_, Level::Error) => Level::Error,
            _ => Level::Notice,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_drawn_in_the_language_of_the_moment() {
        let m = Message::notice(|l| match l {
            Lang::En => "saved".into(),
            Lang::PtBr => "salvo".into(),
        });
        assert_eq!(m.text(Lang::En), "saved");
        assert_eq!(m.text(Lang::PtBr), "salvo");
        let j = m.join(Message::fixed(Level::Warning, "x"));
        assert_eq!(j.text(Lang::PtBr), "salvo · x");
        assert_eq!(j.level, Level::Warning);
    }
}
