//! The one list cursor: every list, menu and scrolled view moves its position
//! through [`step`], so a move never leaves the list and an empty list is safe.

/// `pos` moved by `delta` within `0..len` (0 for an empty list).
pub fn step(pos: usize, delta: i64, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let last = len - 1;
    let moved = if delta >= 0 {
        pos.saturating_add(usize::try_from(delta).unwrap_or(usize::MAX))
    } else {
        pos.saturating_sub(usize::try_from(delta.unsigned_abs()).unwrap_or(usize::MAX))
    };
    moved.min(last)
}

#[cfg(test)]
mod tests {
    use super::step;

    #[test]
    fn a_move_stays_in_the_list() {
        assert_eq!(step(0, -1, 5), 0);
        assert_eq!(step(3, 1, 5), 4);
        assert_eq!(step(4, 1, 5), 4);
        assert_eq!(step(2, -10, 5), 0);
        assert_eq!(step(2, i64::MAX, 5), 4);
        assert_eq!(step(2, i64::MIN, 5), 0);
        assert_eq!(step(7, 0, 5), 4, "a position past the end comes back in");
        assert_eq!(step(0, 1, 0), 0, "an empty list");
    }
}
