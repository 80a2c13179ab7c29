//! `paragraf::eval::score` against figures computed once with
//! `../shared/tools/score.py` (rapidfuzz 3, outside the repository) on the same files: a cross-check of
//! the Rust port against the reference implementation. The hypothesis files
//! are frozen outputs in fixtures/repair/, so these figures do not move when
//! the repair engine changes. Commands (from the repo root):
//!
//!   python3 ../shared/tools/score.py fixtures/gold/000_4080bc15aeecdb73.gold.txt \
//!       fixtures/repair/eval_hyp_000.txt fixtures/text/000_4080bc15aeecdb73.txt
//!   python3 ../shared/tools/score.py fixtures/repair/heldout.gold.txt \
//!       fixtures/repair/eval_hyp_heldout.txt fixtures/repair/heldout.noisy.txt
//!   python3 ../shared/tools/score.py fixtures/gold/000_4080bc15aeecdb73.gold.txt \
//!       fixtures/text/004_26675dc178baf6b3.txt

use paragraf::eval::score;

fn read(p: &str) -> String {
    std::fs::read_to_string(format!("{}/{p}", env!("CARGO_MANIFEST_DIR"))).expect(p)
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-12, "{a} != {b}");
}

#[test]
fn agrees_with_score_py_on_seed_000() {
    let r = score(
        &read("fixtures/gold/000_4080bc15aeecdb73.gold.txt"),
        &read("fixtures/repair/eval_hyp_000.txt"),
        Some(&read("fixtures/text/000_4080bc15aeecdb73.txt")),
    );
    close(r.cer, 0.0071651090342679125);
    close(r.wer, 0.028288543140028287);
    assert_eq!(r.gold_words, 1414);
    close(r.cer_before.unwrap(), 0.0470404984423676);
    close(r.wer_before.unwrap(), 0.26308345120226306);
    assert_eq!(r.fixed, Some(334));
    assert_eq!(r.broken, Some(2));
    assert_eq!(r.wrong_before, Some(362));
    assert_eq!(r.wrong_after, Some(30));
    assert_eq!(
        r.broken_words,
        Some(vec!["Insam".to_string(), "Val".to_string()])
    );
}

#[test]
fn agrees_with_score_py_on_heldout() {
    let r = score(
        &read("fixtures/repair/heldout.gold.txt"),
        &read("fixtures/repair/eval_hyp_heldout.txt"),
        Some(&read("fixtures/repair/heldout.noisy.txt")),
    );
    close(r.cer, 0.005999894274990749);
    close(r.wer, 0.032708688245315164);
    assert_eq!(r.gold_words, 5870);
    close(r.cer_before.unwrap(), 0.050034360628006556);
    close(r.wer_before.unwrap(), 0.2911413969335605);
    assert_eq!(r.fixed, Some(1530));
    assert_eq!(r.broken, Some(13));
    assert_eq!(r.wrong_before, Some(1709));
    assert_eq!(r.wrong_after, Some(192));
}

#[test]
fn agrees_with_score_py_on_unrelated_texts() {
    let r = score(
        &read("fixtures/gold/000_4080bc15aeecdb73.gold.txt"),
        &read("fixtures/text/004_26675dc178baf6b3.txt"),
        None,
    );
    close(r.cer, 0.7429906542056075);
    close(r.wer, 0.9441301272984441);
    assert_eq!(r.gold_words, 1414);
    assert!(r.fixed.is_none());
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(
        json.as_object().unwrap().len(),
        3,
        "only score.py's keys without NOISY"
    );
}

#[test]
fn serialises_with_score_py_keys() {
    let r = score("a b", "a c", Some("a b"));
    let json = serde_json::to_value(&r).unwrap();
    let mut keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "broken",
            "broken_words",
            "cer",
            "cer_before",
            "fixed",
            "gold_words",
            "wer",
            "wer_before",
            "wrong_after",
            "wrong_before"
        ]
    );
}
