//! Mechanisms of the repair stage, through its public API.

use paragraf::repair::{RepairOptions, Repaired, Repairer};
use proptest::prelude::*;
use std::sync::OnceLock;

fn engine() -> &'static Repairer {
    static R: OnceLock<Repairer> = OnceLock::new();
    R.get_or_init(|| Repairer::new(&RepairOptions::default()).expect("engine builds"))
}

/// A paragraph OCR'd without Swedish data (written for these tests), so the
/// document-level loss estimate is high and the engine is in repair mode.
const MANGLED: &str =
    "Styrelsen beslutade att godkénna rapporten och ldgga den till handlingarna. \
Det ar viktigt for alla att forvaltningen far mer stod fran kommunen. \
Ordféranden hélsar vélkommen och motet oppnas. Manga fragor aterstar innan arsskiftet.\n";

fn repair(text: &str) -> Repaired {
    engine().repair(text)
}

fn assert_offsets(out: &Repaired) {
    for c in &out.corrections {
        assert_eq!(&out.text[c.start..c.end], c.corrected, "{c:?}");
        assert!(c.confidence > 0.0 && c.confidence <= 1.0);
        assert!(!c.evidence.is_empty());
    }
}

#[test]
fn mangled_text_is_repaired_with_an_audit_trail() {
    let out = repair(MANGLED);
    assert!(out.diacritic_loss > 0.5, "loss {}", out.diacritic_loss);
    for w in [
        "godkänna",
        "lägga",
        "är",
        "för",
        "förvaltningen",
        "får",
        "från",
        "mötet",
    ] {
        assert!(out.text.contains(w), "{w} missing in {}", out.text);
    }
    assert!(out.corrections.len() >= 8);
    assert_offsets(&out);
}

#[test]
fn clean_text_is_left_alone() {
    let clean = "Styrelsen beslutade att godkänna rapporten och lägga den till handlingarna. \
Det är viktigt för alla att förvaltningen får mer stöd från kommunen. \
Ordföranden hälsar välkommen och mötet öppnas. Många frågor återstår innan årsskiftet. \
Han sa att det var en far och en son som bodde där.\n";
    let out = repair(clean);
    assert!(out.diacritic_loss < 0.1, "loss {}", out.diacritic_loss);
    assert_eq!(out.text, clean, "{:?}", out.corrections);
}

#[test]
fn protected_tokens_are_untouched_in_a_mangled_text() {
    let protected = [
        "KS 2021/034",
        "2022-06-10",
        "kl. 10.30",
        "anna.lindgren@lund.se",
        "https://www.lund.se/protokoll",
        "ESF",
        "IRIS",
        "MGT",
        "Wallén",
        "idéer",
        "Supported employment",
        "Case Management",
        "0,65 tkr",
    ];
    let text = format!("{MANGLED}{}\n{MANGLED}", protected.join(" och "));
    let out = repair(&text);
    for p in protected {
        assert!(out.text.contains(p), "{p} changed: {}", out.text);
    }
    assert_offsets(&out);
}

#[test]
fn case_is_kept() {
    let text = format!("{MANGLED}OVRIGT\n\nOvrigt och ovrigt.\n");
    let out = repair(&text);
    assert!(out.text.contains("ÖVRIGT"), "{}", out.text);
    assert!(out.text.contains("Övrigt och övrigt."), "{}", out.text);
}

#[test]
fn a_repaired_capital_mid_sentence_is_lowercased_unless_the_word_is_a_name() {
    // "Ar" for "är": the capital was OCR's misreading, mid-sentence it goes.
    // "Ostersund" for "Östersund": Hunspell knows the word only capitalised.
    let text = format!("{MANGLED}Motet i Ostersund var bra och Ar ett gott exempel.\n");
    let out = repair(&text);
    assert_offsets(&out);
    assert!(out.text.contains("i Östersund var"), "{}", out.text);
    assert!(out.text.contains("och är ett"), "{}", out.text);
}

#[test]
fn words_broken_at_a_line_end_are_repaired_whole_and_keep_their_break() {
    // in a mangled text: the stem and the tail are one word, repaired as
    // one, written back with the hyphen and the line break where they were
    let text = format!("{MANGLED}Kommunen ordnar en utbild-\nnimg for alla i for-\nvaltningen.\n");
    let out = repair(&text);
    assert_offsets(&out);
    assert!(out.text.contains("utbild-\nning för"), "{}", out.text);
    assert!(out.text.contains("i för-\nvaltningen."), "{}", out.text);
    assert_eq!(out.text.matches('\n').count(), text.matches('\n').count());
    // a real hyphen (a suspended compound) stays
    let kept = "Vård- och omsorgsförvaltningen deltar.\n";
    assert_eq!(repair(kept).text, kept);
}

#[test]
fn a_fragment_is_never_repaired_on_its_own() {
    // stems with no lowercase continuation, in every line-end hyphen kind
    for frag in ["all=\nDen", "ar-\nDet", "Ambas-\n12", "e=\nMan", "be¬\nSom"] {
        let text = format!("{MANGLED}Vi talade om {frag} som kom.\n");
        let out = repair(&text);
        assert!(out.text.contains(frag), "{frag:?} changed: {}", out.text);
    }
}

#[test]
fn bullet_glyphs_become_bullets() {
    let text = "Gruppen diskuterade:\ne Nya lokaler\no Budget för nästa år\n";
    let out = repair(text);
    assert!(out.text.contains("• Nya lokaler"), "{}", out.text);
    assert!(out.text.contains("• Budget för nästa år"), "{}", out.text);
    assert_offsets(&out);
}

#[test]
fn form_feeds_survive_and_pages_are_counted() {
    let text = format!("{MANGLED}\u{c}{MANGLED}\u{c}{MANGLED}");
    let out = repair(&text);
    assert_eq!(out.text.matches('\u{c}').count(), 2);
    assert!(out.corrections.iter().any(|c| c.page == 3));
    for c in &out.corrections {
        let page = 1 + out.text[..c.start].matches('\u{c}').count();
        assert_eq!(c.page, page);
    }
}

#[test]
fn low_confidence_changes_become_warnings() {
    let strict = Repairer::new(&RepairOptions {
        min_confidence: 1.0,
        lexicon_files: Vec::new(),
    })
    .unwrap();
    let out = strict.repair(MANGLED);
    assert!(out.corrections.is_empty(), "{:?}", out.corrections);
    assert!(!out.warnings.is_empty());
    assert_eq!(out.text, MANGLED);
}

#[test]
fn user_lexicon_words_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let lex = dir.path().join("local.txt");
    std::fs::write(&lex, "# local names\nHogands\n").unwrap();
    let text = format!("{MANGLED}Mötet hölls i Hogands kommun.\n");
    let plain = repair(&text);
    let with = Repairer::new(&RepairOptions {
        min_confidence: 0.5,
        lexicon_files: vec![lex],
    })
    .unwrap()
    .repair(&text);
    assert!(with.text.contains("Hogands"), "{}", with.text);
    // and the list changes nothing else
    assert_eq!(
        plain
            .corrections
            .iter()
            .filter(|c| c.original != "Hogands")
            .count(),
        with.corrections.len()
    );
}

#[test]
fn missing_lexicon_file_is_a_config_error() {
    let err = Repairer::new(&RepairOptions {
        min_confidence: 0.5,
        lexicon_files: vec!["/nonexistent/words.txt".into()],
    })
    .unwrap_err();
    assert!(err.to_string().contains("lexicon"), "{err}");
}

#[test]
fn report_json_lists_the_corrections() {
    let out = repair(MANGLED);
    let v: serde_json::Value = serde_json::from_str(&out.report_json()).unwrap();
    assert_eq!(
        v["corrections"].as_array().unwrap().len(),
        out.corrections.len()
    );
    assert!(v["corrections"][0]["evidence"]
        .as_str()
        .unwrap()
        .contains("confusion"));
}

const VOCAB: &[&str] = &[
    "for",
    "för",
    "pa",
    "på",
    "ar",
    "är",
    "ldgga",
    "Ordférande",
    "godkénna",
    "6verens",
    "&r",
    "motet",
    "mötet",
    "Wallén",
    "ESF",
    "2021/034",
    "KS",
    "e",
    "o",
    "utbild-",
    "ning",
    "{ran",
    "Forsikringskassan",
    "stéllt",
    "sig",
    "att",
    "den",
    "kommunen",
    "ÖVRIGT",
    "OVRIGT",
    "sa",
    "far",
    "var",
    "har",
    "inga",
    "fran",
    "tva",
    "ar.",
    "idéer",
    "—",
    "•",
    "anna@lund.se",
    "folk=",
    "för¬",
    "be\u{ad}",
    "H:r",
    "t.o.m.",
    "adr:",
    "»",
    "«",
    "202i.",
    "í",
    "Gârd",
    "hwad",
    "af",
    "storre",
];

fn text_from(words: Vec<(usize, u8)>) -> String {
    let mut s = String::new();
    for (w, sep) in words {
        s.push_str(VOCAB[w % VOCAB.len()]);
        s.push(match sep % 7 {
            0 => '\n',
            1 => '\u{c}',
            _ => ' ',
        });
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn repair_is_idempotent(words in prop::collection::vec((0usize..100, any::<u8>()), 1..60)) {
        let text = text_from(words);
        let once = repair(&text);
        let twice = repair(&once.text);
        prop_assert_eq!(&twice.text, &once.text, "{:?}", twice.corrections);
        prop_assert!(twice.corrections.is_empty());
    }

    #[test]
    fn no_panic_on_arbitrary_unicode(text in "\\PC{0,200}") {
        let out = repair(&text);
        assert_offsets(&out);
        prop_assert_eq!(out.text.matches('\u{c}').count(), text.matches('\u{c}').count());
    }

    #[test]
    fn no_panic_on_arbitrary_chars(chars in prop::collection::vec(any::<char>(), 0..120)) {
        let text: String = chars.into_iter().collect();
        let out = repair(&text);
        assert_offsets(&out);
    }
}
