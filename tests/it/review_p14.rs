//! An outside review as a Brazilian learner at 80×24: key hints hidden by status
//! messages, codes in `iam eval`'s Portuguese text, wording in the quiz and the
//! hints, keys that a popup did not give, help that did not apply, a stale label.
use crate::common;
use common::*;

use aws_study::lang::Lang;
use crossterm::event::KeyCode;

/// The pt-BR quiz bank says "mark every correct one" one way only, not the calque
/// `(Marque todos os que se aplicam.)` nor three other variants.
#[test]
fn the_pt_br_quiz_bank_asks_for_every_correct_answer_one_way() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/quiz");
    let mut forms = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for (i, _) in text.match_indices("(Marque ") {
            let end = text[i..].find(')').map_or(text.len(), |e| i + e + 1);
            forms.insert(text[i..end].to_string());
        }
    }
    assert_eq!(
        forms.into_iter().collect::<Vec<_>>(),
        vec!["(Marque todas as corretas.)".to_string()]
    );
}
