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

use super::app::{NoteState, find_matches, max_scroll};

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
        }
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
