//! The interactive app's one output boundary for text: every cell ratatui sends to
//! the terminal passes through [`SafeBackend`], and a cell whose symbol holds a
//! terminal control (C0, DEL, C1, a bidi control, a line separator) is drawn as `?`.
//! Views draw text from notes, quiz banks, file names, budget and state machine files;
//! with this, none of it can reach the terminal as an escape sequence, whatever view
//! forgets to clean it. Clean cells pass by reference, untouched.
use std::borrow::Cow;

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

use crate::markdown::text::is_terminal_control;

pub struct SafeBackend<B>(pub B);

/// The cell as it may be drawn: itself, or a copy showing `?` for a control.
pub fn safe_cell(cell: &Cell) -> Cow<'_, Cell> {
    if cell.symbol().chars().any(is_terminal_control) {
        let mut c = cell.clone();
        c.set_symbol("?");
        Cow::Owned(c)
    } else {
        Cow::Borrowed(cell)
    }
}

impl<B: Backend> Backend for SafeBackend<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let cells: Vec<(u16, u16, Cow<'a, Cell>)> =
            content.map(|(x, y, c)| (x, y, safe_cell(c))).collect();
        self.0
            .draw(cells.iter().map(|(x, y, c)| (*x, *y, c.as_ref())))
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.0.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.0.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.0.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.0.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.0.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.0.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.0.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;

    #[test]
    fn control_cells_are_drawn_as_question_marks_and_clean_ones_pass() {
        let mut b = SafeBackend(TestBackend::new(6, 1));
        let cells: Vec<Cell> = ["a", "\u{1b}", "\u{9b}", "\u{202e}", "é", "\u{7}"]
            .iter()
            .map(|s| {
                let mut c = Cell::default();
                c.set_symbol(s);
                c
            })
            .collect();
        b.draw(cells.iter().enumerate().map(|(x, c)| (x as u16, 0, c)))
            .unwrap();
        let row: String = b.0.buffer().content().iter().map(Cell::symbol).collect();
        assert_eq!(row, "a???é?");
    }
}
