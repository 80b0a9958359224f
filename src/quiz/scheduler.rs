//! Spaced review with FSRS (the `fsrs` crate, default parameters, desired retention
//! 0.9). Grading is automatic: a wrong answer is Again, a right one is Good.
use fsrs::{FSRS, FSRS6_DEFAULT_DECAY, MemoryState, current_retrievability};
use serde::{Deserialize, Serialize};

pub const DESIRED_RETENTION: f32 = 0.9;
pub const DAY: i64 = 86_400;

/// What the scheduler knows about one question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CardState {
    pub stability: f32,
    pub difficulty: f32,
    /// Unix seconds of the last answer.
    pub last_review: i64,
    /// Unix seconds when the question is due again.
    pub due: i64,
    pub reps: u32,
    pub lapses: u32,
    /// Whether the last answer was right (for "review missed").
    #[serde(default)]
    pub last_correct: bool,
}

pub struct Scheduler {
    fsrs: FSRS,
}

impl Default for Scheduler {
    fn default() -> Self {
        Scheduler::new()
    }
}

impl Scheduler {
    pub fn new() -> Scheduler {
        // Empty parameters: the crate's defaults, which are valid by construction.
        let fsrs = FSRS::new(&[]).unwrap_or_default();
        Scheduler { fsrs }
    }

    /// The state after answering at `now`.
    pub fn review(&self, prev: Option<&CardState>, correct: bool, now: i64) -> CardState {
        let memory = prev.map(|p| MemoryState {
            stability: p.stability,
            difficulty: p.difficulty,
        });
        // Saturating: a log entry with an absurd time (hand-edited, or from a broken
        // clock) must not wrap the arithmetic.
        let days = prev.map_or(0, |p| {
            u32::try_from(now.saturating_sub(p.last_review).max(0) / DAY).unwrap_or(u32::MAX)
        });
        let (stability, difficulty, interval) =
            match self.fsrs.next_states(memory, DESIRED_RETENTION, days) {
                Ok(next) => {
                    let s = if correct { next.good } else { next.again };
                    (s.memory.stability, s.memory.difficulty, s.interval)
                }
                // Keep the previous memory on a numeric failure; ask again tomorrow.
                Err(_) => (
                    prev.map_or(1.0, |p| p.stability),
                    prev.map_or(5.0, |p| p.difficulty),
                    1.0,
                ),
            };
        // `as` saturates a float that does not fit (NaN becomes 0).
        let interval_secs = (f64::from(interval.max(0.0)) * DAY as f64).round() as i64;
        let reps = prev.map_or(0, |p| p.reps).saturating_add(1);
        let had_success = prev.is_some_and(|p| p.reps > p.lapses);
        let lapses = prev
            .map_or(0, |p| p.lapses)
            .saturating_add(u32::from(!correct && had_success));
        CardState {
            stability,
            difficulty,
            last_review: now,
            due: now.saturating_add(interval_secs.max(60)),
            reps,
            lapses,
            last_correct: correct,
        }
    }
}

/// Predicted probability of recalling the answer at `now`.
pub fn recall(state: &CardState, now: i64) -> f64 {
    let days = (now.saturating_sub(state.last_review).max(0) as f32) / DAY as f32;
    let r = current_retrievability(
        MemoryState {
            stability: state.stability.max(0.001),
            difficulty: state.difficulty,
        },
        days,
        FSRS6_DEFAULT_DECAY,
    );
    f64::from(r.clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_right_answer_pushes_the_due_date_out_and_a_wrong_one_brings_it_in() {
        let s = Scheduler::new();
        let t0 = 1_700_000_000;
        let first = s.review(None, true, t0);
        assert!(
            first.due - t0 >= DAY,
            "a first right answer waits at least a day"
        );
        let later = first.due;
        let right = s.review(Some(&first), true, later);
        let wrong = s.review(Some(&first), false, later);
        assert!(
            right.due - later > first.due - t0,
            "intervals grow when answers stay right"
        );
        assert!(
            wrong.due - later < first.due - t0,
            "a wrong answer comes back sooner"
        );
        assert!(wrong.due - later < DAY);
        assert_eq!((wrong.reps, wrong.lapses), (2, 1));
        assert!(right.stability > first.stability && wrong.stability < first.stability);
    }

    #[test]
    fn absurd_times_neither_wrap_nor_panic() {
        let s = Scheduler::new();
        for (a, b) in [
            (i64::MIN, i64::MAX),
            (i64::MAX, i64::MIN),
            (i64::MAX, i64::MAX),
            (0, i64::MAX),
        ] {
            let first = s.review(None, true, a);
            let next = s.review(Some(&first), false, b);
            assert!(next.due >= b.min(next.due));
            let _ = recall(&next, a);
            let _ = recall(&first, b);
        }
        let late = s.review(None, true, i64::MAX - 10);
        assert_eq!(
            late.due,
            i64::MAX,
            "the due date saturates instead of wrapping"
        );
    }

    #[test]
    fn recall_falls_with_time() {
        let s = Scheduler::new();
        let st = s.review(None, true, 0);
        let now = recall(&st, 0);
        let due = recall(&st, st.due);
        let late = recall(&st, st.due + 30 * DAY);
        assert!(
            now > 0.99 && (due - 0.9).abs() < 0.02 && late < due,
            "{now} {due} {late}"
        );
    }
}
