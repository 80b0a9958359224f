//! Inline events: styles, links, escaping.
use std::io;

use super::*;

/// `model::InlineState` for a stream: the same styles, link and image text, and
/// escaping, but each piece of text goes straight to the wrapper, borrowed when it
/// needs no escaping. The model's list of inlines is kept only as what decides a
/// link's text: how many inlines there are and the style of the last one (text of
/// the same style joins it).
#[derive(Default)]
pub(super) struct Inlines<'a> {
    pub(super) stack: Vec<Style>,
    /// Open links and images: destination, index of their first inline, and the text
    /// of the inlines from there on (only a link's is used).
    pub(super) links: Vec<(CowStr<'a>, usize, String)>,
    /// Inlines the model would hold so far, and the style of the last.
    pub(super) count: usize,
    pub(super) last: Option<Style>,
    pub(super) clean: String,
}

impl<'a> Inlines<'a> {
    /// A new `InlineState`, as the model makes for each run of loose inline events;
    /// the inlines already gathered stay.
    pub(super) fn fresh(&mut self) {
        self.stack.clear();
        self.links.clear();
    }

    pub(super) fn current(&self) -> Style {
        self.stack.iter().fold(Style::PLAIN, |a, s| a.with(*s))
    }

    /// `model::push_merged`, followed by wrapping.
    pub(super) fn push<S: TextSink>(
        &mut self,
        text: &str,
        style: Style,
        sink: &mut S,
    ) -> io::Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        let merges = self.last == Some(style) && style != Style::MARKER;
        let index = if merges { self.count - 1 } else { self.count };
        if !merges {
            self.count += 1;
        }
        self.last = Some(style);
        self.note_link_text(index, text);
        sink.text(text, style)
    }

    pub(super) fn note_link_text(&mut self, index: usize, text: &str) {
        for (_, first, t) in &mut self.links {
            if index >= *first {
                t.push_str(text);
            }
        }
    }

    /// A task-list marker: an inline of its own that nothing joins.
    pub(super) fn push_marker<S: TextSink>(&mut self, text: &str, sink: &mut S) -> io::Result<()> {
        let index = self.count;
        self.count += 1;
        self.last = Some(Style::MARKER);
        self.note_link_text(index, text);
        sink.text(text, Style::MARKER)
    }

    pub(super) fn push_text<S: TextSink>(
        &mut self,
        text: &str,
        extra: Style,
        sink: &mut S,
    ) -> io::Result<()> {
        let style = self.current().with(extra);
        if is_clean(text) {
            return self.push(text, style, sink);
        }
        let mut clean = std::mem::take(&mut self.clean);
        clean.clear();
        for c in text.chars() {
            if c == '\n' {
                clean.push(' ');
            } else {
                push_sanitized(&mut clean, c);
            }
        }
        let result = self.push(&clean, style, sink);
        self.clean = clean;
        result
    }

    pub(super) fn start<S: TextSink>(&mut self, tag: Tag<'a>, sink: &mut S) -> io::Result<()> {
        match tag {
            Tag::Emphasis => self.stack.push(Style::ITALIC),
            Tag::Strong => self.stack.push(Style::BOLD),
            Tag::Strikethrough => self.stack.push(Style::STRIKE),
            Tag::Link { dest_url, .. } => {
                self.links.push((dest_url, self.count, String::new()));
                self.stack.push(Style::LINK);
            }
            Tag::Image { dest_url, .. } => {
                self.links.push((dest_url, self.count, String::new()));
                self.push("[image: ", Style::DIM, sink)?;
                self.stack.push(Style::ITALIC);
            }
            _ => self.stack.push(Style::PLAIN),
        }
        Ok(())
    }

    pub(super) fn end<S: TextSink>(&mut self, end: TagEnd, sink: &mut S) -> io::Result<()> {
        self.stack.pop();
        match end {
            TagEnd::Link => {
                if let Some((url, _, text)) = self.links.pop() {
                    let show = !url.is_empty()
                        && text.trim() != &*url
                        && text.trim() != url.trim_start_matches("mailto:");
                    if show {
                        self.push_url(&url, sink)?;
                    }
                }
            }
            TagEnd::Image => {
                if let Some((url, _, _)) = self.links.pop() {
                    if !url.is_empty() {
                        self.push_url(&url, sink)?;
                    }
                    self.push("]", Style::DIM, sink)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// ` <url>`, escaped, as one piece of text.
    pub(super) fn push_url<S: TextSink>(&mut self, url: &str, sink: &mut S) -> io::Result<()> {
        let mut s = String::with_capacity(url.len() + 3);
        s.push_str(" <");
        for c in url.chars() {
            push_sanitized(&mut s, c);
        }
        s.push('>');
        self.push(&s, Style::URL, sink)
    }

    pub(super) fn event<S: TextSink>(&mut self, e: Event<'a>, sink: &mut S) -> io::Result<()> {
        match e {
            Event::Text(t) => self.push_text(&t, Style::PLAIN, sink),
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.push_text(&t, Style::CODE, sink)
            }
            Event::InlineHtml(t) | Event::Html(t) => self.push_text(&t, Style::HTML, sink),
            Event::FootnoteReference(l) => self.push_text(&format!("[^{l}]"), Style::LINK, sink),
            Event::SoftBreak => self.push_text(" ", Style::PLAIN, sink),
            Event::HardBreak => self.push("\n", self.current(), sink),
            Event::TaskListMarker(done) => self.push_marker(if done { "[x]" } else { "[ ]" }, sink),
            Event::Rule => self.push("\n", Style::PLAIN, sink),
            Event::Start(tag) => self.start(tag, sink),
            Event::End(end) => self.end(end, sink),
        }
    }

    /// `model::collect_inline_until`: events up to the end tag `end` at depth zero.
    pub(super) fn until<S: TextSink>(
        &mut self,
        ev: &mut Events<'a>,
        end: TagEnd,
        sink: &mut S,
    ) -> io::Result<()> {
        let mut depth = 0usize;
        for (e, _) in ev.by_ref() {
            match &e {
                Event::Start(_) => depth += 1,
                Event::End(x) if *x == end && depth == 0 => {
                    return self.event(e, sink);
                }
                Event::End(_) => depth = depth.saturating_sub(1),
                _ => {}
            }
            self.event(e, sink)?;
        }
        Ok(())
    }
}
