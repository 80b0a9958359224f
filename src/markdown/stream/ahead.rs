//! Laying out the pieces of a large note on two threads, written in order.
use std::io;

use super::*;

/// Pieces laid out ahead of the writer by a helper thread: each of the two claims the
/// first free piece from the one being written to `WINDOW` past it, so memory stays a
/// few pieces of output. The writer never depends on the helper: while the helper is
/// on the piece to write next, the writer lays out a later one; with none left, it
/// waits only as long as its own last piece took, then lays the piece out itself. On
/// an idle second core a note takes about half the time; on a busy one, about what
/// one thread takes.
pub(super) struct Ahead {
    pub(super) state: std::sync::Mutex<Shared>,
    pub(super) changed: std::sync::Condvar,
}

pub(super) const WINDOW: usize = 2;

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Claim {
    Free,
    Helper,
    Writer,
    Done,
}

pub(super) struct Shared {
    pub(super) claims: Vec<Claim>,
    pub(super) results: Vec<Option<(String, Prev)>>,
    /// The piece being written.
    pub(super) writing: usize,
    pub(super) stop: bool,
}

impl Ahead {
    pub(super) fn new(n: usize) -> Ahead {
        Ahead {
            state: std::sync::Mutex::new(Shared {
                claims: vec![Claim::Free; n],
                results: (0..n).map(|_| None).collect(),
                writing: 0,
                stop: false,
            }),
            changed: std::sync::Condvar::new(),
        }
    }

    pub(super) fn lock(&self) -> std::sync::MutexGuard<'_, Shared> {
        // Nothing in `Shared` is left half-changed by a panic: use it as it is.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn stop(&self) {
        self.lock().stop = true;
        self.changed.notify_all();
    }

    /// The helper: claims the first free piece in the window, lays it out, leaves the
    /// result; waits when the window is full.
    pub(super) fn help(&self, texts: &[&str], width: usize, ansi: bool) {
        let mut st = self.lock();
        loop {
            if st.stop || st.writing + 1 >= texts.len() {
                return;
            }
            let from = st.writing + 1;
            let to = (from + WINDOW).min(texts.len());
            let Some(i) = (from..to).find(|&i| st.claims[i] == Claim::Free) else {
                st = self
                    .changed
                    .wait_timeout(st, std::time::Duration::from_millis(5))
                    .map_or_else(|e| e.into_inner().0, |r| r.0);
                continue;
            };
            st.claims[i] = Claim::Helper;
            drop(st);
            let laid_out = render_piece(texts[i], width, ansi);
            st = self.lock();
            if st.claims[i] == Claim::Helper {
                st.claims[i] = Claim::Done;
                st.results[i] = Some(laid_out);
            }
            self.changed.notify_all();
        }
    }

    pub(super) fn write_in_order<E>(
        &self,
        texts: &[&str],
        width: usize,
        out: &mut Out<E>,
    ) -> io::Result<()>
    where
        E: FnMut(&str) -> io::Result<()>,
    {
        let mut prev = Prev::Nothing;
        let ansi = out.ansi;
        let patience = std::cell::Cell::new(std::time::Duration::from_millis(1));
        let lay_out = |i: usize| {
            let began = std::time::Instant::now();
            let r = render_piece(texts[i], width, ansi);
            patience.set(began.elapsed());
            r
        };
        let mut i = 0;
        while i < texts.len() {
            let mut st = self.lock();
            st.writing = i;
            self.changed.notify_all();
            let (laid, last) = match st.claims[i] {
                Claim::Done => match st.results[i].take() {
                    Some(r) => r,
                    // A piece is done once; should it be missing, lay it out again.
                    None => {
                        drop(st);
                        lay_out(i)
                    }
                },
                Claim::Helper => {
                    // The helper is on it: lay out the next free piece meanwhile.
                    let to = (i + 1 + WINDOW).min(texts.len());
                    if let Some(j) = (i + 1..to).find(|&j| st.claims[j] == Claim::Free) {
                        st.claims[j] = Claim::Writer;
                        drop(st);
                        let r = lay_out(j);
                        let mut st = self.lock();
                        st.claims[j] = Claim::Done;
                        st.results[j] = Some(r);
                        continue;
                    }
                    let waited = self
                        .changed
                        .wait_timeout_while(st, patience.get(), |s| s.claims[i] == Claim::Helper);
                    let mut st = waited.map_or_else(|e| e.into_inner().0, |r| r.0);
                    if st.claims[i] == Claim::Done {
                        continue;
                    }
                    // A helper that does not get the processor is not waited for.
                    st.claims[i] = Claim::Writer;
                    drop(st);
                    lay_out(i)
                }
                Claim::Free | Claim::Writer => {
                    st.claims[i] = Claim::Writer;
                    drop(st);
                    lay_out(i)
                }
            };
            i += 1;
            if last == Prev::Nothing {
                continue; // no block in this piece: nothing written, nothing changes
            }
            // Laid out alone, its first block had no block above it.
            if prev == Prev::Block {
                out.line(&Line::default())?;
            }
            out.text(&laid)?;
            prev = last;
        }
        Ok(())
    }
}

pub(super) struct StopOnDrop<'x>(pub(super) &'x Ahead);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.stop();
    }
}

/// One piece laid out on its own: its text, and what its last block was.
pub(super) fn render_piece(src: &str, width: usize, ansi: bool) -> (String, Prev) {
    let mut text = String::with_capacity(src.len() + src.len() / 4);
    let mut out = Out {
        ansi,
        buf: String::new(),
        emit: |s: &str| {
            text.push_str(s);
            Ok(())
        },
    };
    let mut top = TopLevel::new(width);
    // Writing to a string cannot fail.
    let _ = top.run_text(src, &mut out).and_then(|()| out.flush());
    drop(out);
    (text, top.prev)
}
