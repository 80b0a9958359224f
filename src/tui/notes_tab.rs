//! The Notes tabs' state: where each note is scrolled to, its search, the parsed
//! documents and their layouts for the current width, the note-search field, and the
//! text area's size. The app shell routes actions to it; the notes view reads it.
use std::collections::HashMap;
use std::ops::{Index, IndexMut};
use std::rc::Rc;

use crate::content::Library;
use crate::content::search::SearchIndex;
use crate::lang::Lang;
use crate::markdown::{Document, Layout, layout, parse};
use crate::store::settings::Settings;

use super::action::Action;
use super::app::{NoteSearch, NoteState, find_matches, max_scroll, outline};
use super::message::{Level, Message};
use super::outcome::Outcome;
use super::widgets::text_field::{self, Edit};

pub struct NotesTab {
    /// One per note, in tab order.
    pub states: Vec<NoteState>,
    /// The note-search field while it is being typed (shown in the status line).
    pub field: Option<String>,
    /// Scroll position before the note-search field opened (restored on Esc).
    pub field_origin: usize,
    /// Size of the text area of the notes view, set by the resize step.
    pub text_width: usize,
    pub text_height: usize,
    /// Height of list overlays' visible rows, for paging.
    pub list_height: usize,
    docs: HashMap<(usize, Lang), Rc<Document>>,
    layouts: HashMap<(usize, Lang), Rc<Layout>>,
    /// The search across notes, built on its first use.
    pub index: Option<SearchIndex>,
    /// What this tab has to say after the call that is running (the app takes it
    /// into its one message slot).
    said: Option<Message>,
}

/// The note an action is for: the library, which note, in which language.
pub struct Shown<'a> {
    pub library: &'a Library,
    pub topic: usize,
    pub lang: Lang,
}

impl Index<usize> for NotesTab {
    type Output = NoteState;
    fn index(&self, i: usize) -> &NoteState {
        &self.states[i]
    }
}

impl IndexMut<usize> for NotesTab {
    fn index_mut(&mut self, i: usize) -> &mut NoteState {
        &mut self.states[i]
    }
}

impl NotesTab {
    /// The notes of `library`, each reopening where `settings` left it.
    pub fn new(library: &Library, settings: &Settings) -> NotesTab {
        let mut states = vec![NoteState::default(); library.topics.len()];
        for (i, t) in library.topics.iter().enumerate() {
            states[i].pending_src = settings.positions.get(&t.id).copied();
        }
        NotesTab {
            states,
            field: None,
            field_origin: 0,
            text_width: 80,
            text_height: 20,
            list_height: 10,
            docs: HashMap::new(),
            layouts: HashMap::new(),
            index: None,
            said: None,
        }
    }

    /// What this tab has to say since it was last asked (for the app's message slot).
    pub fn take_said(&mut self) -> Option<Message> {
        self.said.take()
    }

    /// Handles an action on the note shown: scrolling, moving between sections, and
    /// the search in the note (its field, its matches). Actions for the app shell
    /// (overlays, tabs, links to the quiz and the budget) are not taken here.
    pub fn update(&mut self, action: Action, at: &Shown) -> Outcome {
        let topic = at.topic;
        match action {
            Action::Scroll(n) => self.scroll_by(at, i64::from(n)),
            Action::Page(n) => {
                let page = self.text_height.saturating_sub(2).max(1) as i64;
                self.scroll_by(at, i64::from(n) * page)
            }
            Action::HalfPage(n) => {
                let half = (self.text_height / 2).max(1) as i64;
                self.scroll_by(at, i64::from(n) * half)
            }
            Action::Top => self.scroll_to(at.library, topic, at.lang, 0),
            Action::Bottom => self.scroll_to(at.library, topic, at.lang, usize::MAX),
            Action::StartNoteSearch => {
                self.field_origin = self.states[topic].scroll;
                let q = self.states[topic].search.as_ref().map(|s| s.query.clone());
                self.field = Some(q.unwrap_or_default());
            }
            Action::NextMatch => self.step_match(at, true),
            Action::PrevMatch => self.step_match(at, false),
            Action::ClearSearch => self.states[topic].search = None,
            Action::NextSection | Action::PrevSection => {
                let lay = self.layout_of(at.library, topic, at.lang);
                let scroll = self.states[topic].scroll;
                let secs = outline(&lay);
                let target = if action == Action::NextSection {
                    secs.iter().find(|a| a.line > scroll).map(|a| a.line)
                } else {
                    secs.iter().rev().find(|a| a.line < scroll).map(|a| a.line)
                };
                if let Some(t) = target {
                    self.scroll_to(at.library, topic, at.lang, t);
                }
            }
            Action::InputChar(_) | Action::InputBackspace | Action::InputClear => {
                self.edit_field(at, |t| {
                    text_field::edit(t, &mut false, action, text_field::SEARCH_CAP)
                        .unwrap_or(Edit::Unchanged)
                })
            }
            Action::InputSubmit => {
                if let Some(q) = self.field.take() {
                    if q.trim().is_empty() {
                        self.states[topic].search = None;
                    } else {
                        self.report_matches(topic);
                    }
                }
            }
            Action::InputCancel => {
                self.field = None;
                self.states[topic].search = None;
                let origin = self.field_origin;
                self.scroll_to(at.library, topic, at.lang, origin);
            }
            _ => {}
        }
        Outcome::None
    }

    fn scroll_by(&mut self, at: &Shown, delta: i64) {
        let cur = self.states[at.topic].scroll as i64;
        self.scroll_to(at.library, at.topic, at.lang, (cur + delta).max(0) as usize);
    }

    /// Edits the note-search field and searches again when the text changed: the
    /// matches follow the typing, the view jumps to the first match at or after where
    /// the search started.
    pub fn edit_field(&mut self, at: &Shown, f: impl FnOnce(&mut String) -> Edit) {
        let Some(field) = &mut self.field else {
            return;
        };
        match f(field) {
            Edit::Changed => {}
            Edit::Unchanged => return,
            Edit::Full => {
                self.said = Some(Message::new(Level::Warning, |lang| {
                    text_field::full_message(text_field::SEARCH_CAP, lang)
                }));
                return;
            }
        }
        let Some(q) = self.field.clone() else {
            return;
        };
        let lay = self.layout_of(at.library, at.topic, at.lang);
        let origin = self.field_origin;
        let st = &mut self.states[at.topic];
        if q.trim().is_empty() {
            st.search = None;
            return;
        }
        let matches = find_matches(&lay, &q);
        let current = matches
            .iter()
            .position(|m| m.line >= origin)
            .or(if matches.is_empty() { None } else { Some(0) });
        let line = current.map(|c| matches[c].line);
        st.search = Some(NoteSearch {
            query: q,
            matches,
            current,
        });
        st.search_on = Some((lay.width, at.lang));
        if let Some(line) = line {
            self.reveal(at, line);
        }
    }

    /// Scrolls so `line` is visible, a few lines below the top when it had to move.
    fn reveal(&mut self, at: &Shown, line: usize) {
        let st = &self.states[at.topic];
        if line < st.scroll || line >= st.scroll + self.text_height {
            let top = line.saturating_sub(self.text_height / 3);
            self.scroll_to(at.library, at.topic, at.lang, top);
        }
    }

    fn report_matches(&mut self, topic: usize) {
        let search = self.states[topic].search.as_ref();
        let n = search.map_or(0, |s| s.matches.len());
        let q = search.map(|s| s.query.clone()).unwrap_or_default();
        self.said = Some(Message::notice(|lang| match (lang, n) {
            (Lang::En, 0) => format!("no match for '{q}'"),
            (Lang::PtBr, 0) => format!("nada encontrado para '{q}'"),
            (Lang::En, n) => format!("{n} matches — n / N to move"),
            (Lang::PtBr, n) => format!("{n} ocorrências — n / N para navegar"),
        }));
    }

    fn step_match(&mut self, at: &Shown, forward: bool) {
        let scroll = self.states[at.topic].scroll;
        let h = self.text_height;
        let Some(s) = &mut self.states[at.topic].search else {
            self.said = Some(Message::notice(|lang| {
                match lang {
                    Lang::En => "no search: press / to search this note",
                    Lang::PtBr => "nenhuma busca: tecle / para buscar nesta nota",
                }
                .into()
            }));
            return;
        };
        if s.matches.is_empty() {
            self.report_matches(at.topic);
            return;
        }
        let n = s.matches.len();
        let next = match s.current {
            // A current match that is on screen: step from it.
            Some(c) if s.matches[c].line >= scroll && s.matches[c].line < scroll + h => {
                if forward {
                    (c + 1) % n
                } else {
                    (c + n - 1) % n
                }
            }
            // Otherwise from the screen's position.
            _ => {
                if forward {
                    s.matches.iter().position(|m| m.line >= scroll).unwrap_or(0)
                } else {
                    s.matches
                        .iter()
                        .rposition(|m| m.line < scroll + h)
                        .unwrap_or(n - 1)
                }
            }
        };
        s.current = Some(next);
        let line = s.matches[next].line;
        self.reveal(at, line);
        self.said = Some(Message::fixed(Level::Notice, format!("{}/{n}", next + 1)));
    }

    /// The parsed note (parsed once per language).
    pub fn doc(&mut self, library: &Library, topic: usize, lang: Lang) -> Rc<Document> {
        self.docs
            .entry((topic, lang))
            .or_insert_with(|| Rc::new(parse(library.topics[topic].note(lang).text())))
            .clone()
    }

    /// The layout of a note at the current text width (laid out on first use; one
    /// width is kept per note, so a resize re-wraps once).
    pub fn layout_of(&mut self, library: &Library, topic: usize, lang: Lang) -> Rc<Layout> {
        let width = self.text_width;
        if let Some(l) = self.layouts.get(&(topic, lang))
            && l.width == width
        {
            return l.clone();
        }
        let doc = self.doc(library, topic, lang);
        let l = Rc::new(layout(&doc, width));
        self.layouts.insert((topic, lang), l.clone());
        l
    }

    /// The layout the last resize step made, for the views.
    pub fn layout(&self, topic: usize, lang: Lang) -> Option<Rc<Layout>> {
        self.layouts.get(&(topic, lang)).cloned()
    }

    /// The resize step for the note shown: lays it out for the text area's size,
    /// applies a pending position, keeps its search matches in step with the layout.
    pub fn prepare(
        &mut self,
        library: &Library,
        topic: usize,
        lang: Lang,
        (width, height): (usize, usize),
    ) {
        self.text_width = width.max(1);
        self.text_height = height.max(1);
        let old_width = self.layouts.get(&(topic, lang)).map(|l| {
            (
                l.width,
                l.lines.get(self.states[topic].scroll).map(|x| x.src),
            )
        });
        let lay = self.layout_of(library, topic, lang);
        let st = &mut self.states[topic];
        // Keep the reading position across a re-wrap.
        if let Some((w, Some(src))) = old_width
            && w != lay.width
            && st.pending_src.is_none()
        {
            st.pending_src = Some(src);
        }
        if let Some(src) = st.pending_src.take() {
            st.scroll = lay.line_for_source(src);
        }
        if let Some(s) = &mut st.search
            && st.search_on != Some((lay.width, lang))
        {
            s.matches = find_matches(&lay, &s.query);
            s.current = None;
            st.search_on = Some((lay.width, lang));
        }
        st.scroll = st.scroll.min(max_scroll(&lay, self.text_height));
    }

    /// Scrolls a note to `line`, within its end.
    pub fn scroll_to(&mut self, library: &Library, topic: usize, lang: Lang, line: usize) {
        let lay = self.layout_of(library, topic, lang);
        let h = self.text_height;
        self.states[topic].scroll = line.min(max_scroll(&lay, h));
    }

    /// After a language switch, every other note read in the old language reopens at
    /// the same section in the new one (section ids are the same in both).
    pub fn carry_positions(
        &mut self,
        library: &Library,
        shown: Option<usize>,
        old_lang: Lang,
        lang: Lang,
    ) {
        for i in 0..library.topics.len() {
            if shown == Some(i) || self.states[i].pending_src.is_some() {
                continue;
            }
            let Some(old) = self.layouts.get(&(i, old_lang)).cloned() else {
                continue;
            };
            let Some(id) = old
                .section_at(self.states[i].scroll)
                .and_then(|a| a.id.clone())
            else {
                continue;
            };
            let doc = self.doc(library, i, lang);
            if let Some(h) = doc
                .headings
                .iter()
                .find(|h| h.id.as_deref() == Some(id.as_str()))
            {
                self.states[i].pending_src = Some(h.line);
            }
        }
    }

    /// Each note's reading position as a source line, for the settings file: `None`
    /// for a note not opened in this session (what was saved is kept).
    pub fn position(&self, topic: usize, lang: Lang) -> Option<u32> {
        let st = &self.states[topic];
        match (st.pending_src, self.layouts.get(&(topic, lang))) {
            (Some(p), _) => Some(p),
            (None, Some(l)) => l.lines.get(st.scroll).map(|x| x.src),
            (None, None) => None,
        }
    }
}
