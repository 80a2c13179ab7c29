//! Decisions inside a section: "Styrelsen beslutade / Att ...",
//! "Kommunstyrelsen beslutar att ..., att ...", "Byggnadsnämnden beslöt att
//! ...", "Beslut: ...", "Kommunstyrelsens beslut" followed by the decision,
//! "Det beslutades att ...".

use super::text::{fold, is_organ_word, squash};
use regex::Regex;
use std::sync::LazyLock;

/// "<Subject> beslutade|beslutar|beslöt|har beslutat <tail>": subject of one
/// to four words at the start of a paragraph.
static DECIDES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<who>\p{Lu}[\p{L}-]*(?:\s+[\p{L}-]+){0,3}?)\s+(?:har\s+)?(?:beslutade|beslutar|beslöt|beslutat)\b(?:\s+(?:därmed|därefter|också|även|enhälligt|följande|sålunda))*\s*(?P<tail>.*)$",
    )
    .expect("decides regex")
});

/// "Det beslutades att ...", "Beslöts att ...".
static PASSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:Det|det)\s+)?(?:beslutades|Beslutades|beslöts|Beslöts)\b\s*(?P<tail>.*)$")
        .expect("passive regex")
});

/// A heading "Beslut", "Beslut:", "Kommunstyrelsens beslut", optionally
/// with the decision on the same line.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?P<who>\p{Lu}[\p{L}-]*s)\s+beslut|Beslut)\s*(?::\s*(?P<rest>.*))?$")
        .expect("heading regex")
});

/// A clause that continues a decision list: "att ...", "- att ...", "• Att".
static ATT_CLAUSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[-–•*]\s*)?(?:[Aa]tt)\b").expect("att regex"));

/// Splits "att A, att B; att C" into clauses.
static INLINE_ATT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:,|;)\s+(?:samt\s+)?(?:att)\s").expect("inline att regex"));

/// Words in a subject that make it a proposal, not a decision.
const PROPOSAL_WORDS: &[&str] = &[
    "föreslår",
    "föreslog",
    "förslag",
    "yrkar",
    "yrkade",
    "hemställer",
    "rekommenderar",
    "om",
];

/// Most words in a subject that names the deciding body ("Styrgruppen",
/// "Region Hallands styrgrupp"), as in [`DECIDES`].
const MAX_SUBJECT_WORDS: usize = 4;

/// Words that follow a subject without being its verb ("Nämnden och
/// förvaltningen ...", "Nämnden i Lund ...").
const NOT_A_VERB: &[&str] = &[
    "att", "och", "samt", "eller", "som", "i", "för", "med", "på", "till", "vid", "inom", "enligt",
];

/// Decisions found in a section body.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Decisions {
    pub decisions: Vec<String>,
    pub decided_by: Option<String>,
}

/// Split a body into paragraphs (runs of non-blank lines).
fn paragraphs<'a>(lines: &[&'a str]) -> Vec<Vec<&'a str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for l in lines {
        let t = l.trim();
        if t.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            // A decision phrase inside running text starts its own paragraph
            // ("... verksamheterna har hållit sina ramar.\nKommunstyrelsen
            // beslutar\natt godkänna ...").
            if !cur.is_empty() && starts_decision(t) {
                out.push(std::mem::take(&mut cur));
            }
            cur.push(t);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Does this line open a decision (subject + verb, passive, or heading)?
fn starts_decision(t: &str) -> bool {
    mentions_decision(t)
        && (DECIDES.captures(t).is_some_and(|c| !is_proposal(&c["who"]))
            || PASSIVE.is_match(t)
            || HEADING.is_match(t))
}

/// Text of a list of lines as one clause-split list of decisions. Lines
/// starting with "att" begin a new decision.
fn clauses(lines: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in lines {
        let l = l.trim_start_matches(['-', '–', '•', '*']).trim();
        if ATT_CLAUSE.is_match(l) || out.is_empty() {
            out.push(l.to_string());
        } else if let Some(last) = out.last_mut() {
            last.push(' ');
            last.push_str(l);
        }
    }
    let mut split = Vec::new();
    for c in out {
        let c = squash(&c);
        let mut start = 0;
        for m in INLINE_ATT.find_iter(&c) {
            push_clause(&mut split, &c[start..m.start()]);
            // Keep "att", drop the separator.
            start = m.end() - 4;
        }
        push_clause(&mut split, &c[start..]);
    }
    split
}

fn push_clause(out: &mut Vec<String>, s: &str) {
    let mut s = s.trim().trim_start_matches("samt ").trim();
    // "att avslå ansökan, samt" / "..., och": the joiner belongs to the list.
    for joiner in [" samt", " och"] {
        s = s.strip_suffix(joiner).unwrap_or(s).trim_end();
    }
    let s = s.trim_end_matches([',', ';']).trim();
    if !s.is_empty() {
        out.push(s.to_string());
    }
}

/// The deciding body a decision sentence names as its subject, for a
/// decision under a "Beslut" heading: the [`DECIDES`] subject ("Nämnden
/// beslutar att ..."), or a subject whose last word names a body followed
/// by its verb ("Styrgruppen godkänner ...", "Kommunstyrelsens arbetsutskott
/// antar ..."). Words before that last one are capitalised (names,
/// genitives); a proposal ("Styrgruppen föreslår") names no decider.
fn named_decider(sentence: &str) -> Option<String> {
    if let Some(c) = DECIDES.captures(sentence) {
        return (!is_proposal(&c["who"])).then(|| c["who"].to_string());
    }
    let words: Vec<&str> = sentence
        .split_whitespace()
        .take(MAX_SUBJECT_WORDS + 1)
        .collect();
    for (k, w) in words.iter().enumerate().take(MAX_SUBJECT_WORDS) {
        let letters = w.chars().all(|c| c.is_alphabetic() || c == '-');
        let upper = w.chars().next().is_some_and(char::is_uppercase);
        if !letters || (k == 0 && !upper) {
            return None;
        }
        if is_organ_word(&fold(w)) {
            let verb = words.get(k + 1)?.trim_end_matches(['.', ',', ';', ':']);
            let is_verb = verb.chars().all(char::is_lowercase)
                && !NOT_A_VERB.contains(&verb)
                && !is_proposal(verb);
            return is_verb.then(|| words[..=k].join(" "));
        }
        if !upper {
            return None;
        }
    }
    None
}

fn is_proposal(who: &str) -> bool {
    who.split_whitespace()
        .any(|w| PROPOSAL_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Cheap test before running the regexes on a paragraph.
fn mentions_decision(s: &str) -> bool {
    s.contains("eslut") || s.contains("eslöt")
}

/// Find the decisions in a section body (lines, page furniture removed).
pub fn find(body: &[&str]) -> Decisions {
    let paras = paragraphs(body);
    let mut out = Decisions::default();
    let mut i = 0;
    while i < paras.len() {
        let first = paras[i][0];
        if !mentions_decision(first) {
            i += 1;
            continue;
        }
        // "<Subject> beslutar att ..." / "<Subject> beslutade" + next paragraph.
        // Under a "Beslut" heading the decision sentence may name the body.
        let mut under_heading = false;
        let (who, tail) = if let Some(c) = DECIDES.captures(first) {
            let who = c["who"].to_string();
            if is_proposal(&who) {
                i += 1;
                continue;
            }
            (Some(who), c["tail"].to_string())
        } else if let Some(c) = PASSIVE.captures(first) {
            (None, c["tail"].to_string())
        } else if let Some(c) = HEADING.captures(first) {
            under_heading = true;
            let who = c
                .name("who")
                .map(|w| w.as_str().trim_end_matches('s').to_string());
            let rest = c.name("rest").map_or("", |r| r.as_str()).trim().to_string();
            // "Beslut: Nämnden beslutar att ..." reads like the sentence
            // without its heading: the decision is what follows the verb
            let sentence = DECIDES
                .captures(&rest)
                .filter(|d| !is_proposal(&d["who"]))
                .map(|d| (Some(d["who"].to_string()), d["tail"].to_string()))
                .or_else(|| {
                    PASSIVE
                        .captures(&rest)
                        .map(|p| (None, p["tail"].to_string()))
                });
            if let Some((named, tail)) = sentence {
                (who.or(named), tail)
            } else {
                if rest.is_empty() && paras[i].len() == 1 {
                    // Heading alone: the next paragraph is the decision, unless it
                    // is itself "<Subject> beslutar ...", handled on the next turn.
                    if paras
                        .get(i + 1)
                        .is_some_and(|p| DECIDES.is_match(p[0]) || PASSIVE.is_match(p[0]))
                    {
                        i += 1;
                        continue;
                    }
                }
                (who, rest)
            }
        } else {
            i += 1;
            continue;
        };
        let tail = tail.trim().trim_start_matches(':').trim();
        let mut decision_lines: Vec<&str> = Vec::new();
        let mut next = i + 1;
        if tail.is_empty() && paras[i].len() == 1 {
            // The decision follows in the next paragraph(s).
            if let Some(p) = paras.get(next) {
                decision_lines.extend(p.iter().copied());
                next += 1;
            }
        } else {
            decision_lines.push(tail);
            decision_lines.extend(paras[i][1..].iter().copied());
        }
        // Further "att ..." paragraphs belong to the same decision list.
        while let Some(p) = paras.get(next) {
            if ATT_CLAUSE.is_match(p[0]) {
                decision_lines.extend(p.iter().copied());
                next += 1;
            } else {
                break;
            }
        }
        let found = clauses(&decision_lines);
        let who = who.or_else(|| {
            let sentence = decision_lines
                .iter()
                .map(|l| l.trim())
                .find(|l| !l.is_empty());
            sentence.filter(|_| under_heading).and_then(named_decider)
        });
        if !found.is_empty() {
            if out.decided_by.is_none() {
                out.decided_by = who;
            }
            out.decisions.extend(found);
        }
        i = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> Decisions {
        let lines: Vec<&str> = s.lines().collect();
        find(&lines)
    }

    #[test]
    fn subject_then_att_paragraph() {
        let d = run("Styrelsen beslutade\n\nAtt fastställa dagordningen\n\nÖvrig text.");
        assert_eq!(d.decisions, vec!["Att fastställa dagordningen"]);
        assert_eq!(d.decided_by.as_deref(), Some("Styrelsen"));
    }

    #[test]
    fn inline_att_list() {
        let d = run("Kommunstyrelsen beslutar att godkänna rapporten, att uppdra åt\nförvaltningen att återkomma, samt att lägga den till handlingarna.");
        assert_eq!(
            d.decisions,
            vec![
                "att godkänna rapporten",
                "att uppdra åt förvaltningen att återkomma",
                "att lägga den till handlingarna."
            ]
        );
    }

    #[test]
    fn att_lines_and_heading() {
        let d =
            run("Beslut\n\nNämnden beslutar\n\natt bevilja bygglov\n\natt avgiften är 5 000 kr");
        assert_eq!(
            d.decisions,
            vec!["att bevilja bygglov", "att avgiften är 5 000 kr"]
        );
        assert_eq!(d.decided_by.as_deref(), Some("Nämnden"));
        let d = run("Beslut: Ärendet återremitteras.");
        assert_eq!(d.decisions, vec!["Ärendet återremitteras."]);
        assert_eq!(d.decided_by, None);
        let d = run("Kommunstyrelsens beslut\nBudgeten fastställs.");
        assert_eq!(d.decisions, vec!["Budgeten fastställs."]);
        assert_eq!(d.decided_by.as_deref(), Some("Kommunstyrelsen"));
    }

    #[test]
    fn heading_decision_names_its_body() {
        // The body as subject of the decision sentence, with any verb.
        let d = run("Beslut: Styrgruppen godkänner den reviderade budgeten.");
        assert_eq!(
            d.decisions,
            vec!["Styrgruppen godkänner den reviderade budgeten."]
        );
        assert_eq!(d.decided_by.as_deref(), Some("Styrgruppen"));
        let d = run("Beslut\nKommunfullmäktige antar planen.");
        assert_eq!(d.decisions, vec!["Kommunfullmäktige antar planen."]);
        assert_eq!(d.decided_by.as_deref(), Some("Kommunfullmäktige"));
        let d = run("Beslut: Nämnden bifaller.");
        assert_eq!(d.decided_by.as_deref(), Some("Nämnden"));
        let d =
            run("Beslut:\n\nKommunstyrelsens arbetsutskott lägger rapporten till handlingarna.");
        assert_eq!(
            d.decided_by.as_deref(),
            Some("Kommunstyrelsens arbetsutskott")
        );
        // "<Body> beslutar" under the heading, on the same line or the next.
        let d = run("Beslut: Byggnadsnämnden beslutar att bevilja bygglov.");
        assert_eq!(d.decisions, vec!["att bevilja bygglov."]);
        assert_eq!(d.decided_by.as_deref(), Some("Byggnadsnämnden"));
        let d = run("Beslut: Det beslutades att avslå ansökan, att meddela sökanden.");
        assert_eq!(
            d.decisions,
            vec!["att avslå ansökan", "att meddela sökanden."]
        );
        assert_eq!(d.decided_by, None);
        let d = run("Beslut\nNämnden beslutar att bevilja bygglov.");
        assert_eq!(d.decisions, vec!["att bevilja bygglov."]);
        assert_eq!(d.decided_by.as_deref(), Some("Nämnden"));
        // The heading's own body wins over the sentence.
        let d = run("Kommunstyrelsens beslut\nStyrgruppen godkänner budgeten.");
        assert_eq!(d.decided_by.as_deref(), Some("Kommunstyrelsen"));
    }

    #[test]
    fn heading_decision_without_a_body_has_no_decider() {
        for text in [
            "Beslut: att godkänna budgeten.",
            "Beslut\natt godkänna budgeten.",
            "Beslut: Motionen anses besvarad.",
            "Beslut: Ärendet återremitteras till nämnden.",
            "Beslut: Nämndens yttrande godkänns.",
            "Beslut: Styrgruppen föreslår att budgeten godkänns.",
            "Beslut: Styrgruppen och förvaltningen får i uppdrag att utreda.",
        ] {
            let d = run(text);
            assert_eq!(d.decisions.len(), 1, "{text}");
            assert_eq!(d.decided_by, None, "{text}");
        }
        // A body that is the subject outside a "Beslut" heading is not
        // taken as the decider: only decision phrases say who decided.
        assert_eq!(run("Styrgruppen godkänner budgeten.").decided_by, None);
    }

    #[test]
    fn decision_inside_running_text() {
        let d = run("Kommunen gör ett överskott.\nKommunstyrelsen beslutar\natt godkänna årsredovisningen, samt\natt överlämna den.\n\nVid protokollet\nPer Ek");
        assert_eq!(
            d.decisions,
            vec!["att godkänna årsredovisningen", "att överlämna den."]
        );
    }

    #[test]
    fn past_tense_and_passive() {
        let d = run("Byggnadsnämnden beslöt att avslå ansökan.");
        assert_eq!(d.decisions, vec!["att avslå ansökan."]);
        assert_eq!(d.decided_by.as_deref(), Some("Byggnadsnämnden"));
        let d = run("Det beslutades att mötet flyttas.");
        assert_eq!(d.decisions, vec!["att mötet flyttas."]);
    }

    #[test]
    fn proposals_and_mentions_are_not_decisions() {
        assert!(
            run("Förvaltningen föreslår att kommunstyrelsen beslutar att godkänna.")
                .decisions
                .is_empty()
        );
        assert!(run("Förslag till beslut\nAtt godkänna.")
            .decisions
            .is_empty());
        assert!(run("Beslutsunderlag\nTjänsteskrivelse")
            .decisions
            .is_empty());
        assert!(run("Inga sådana beslut har fattats under perioden")
            .decisions
            .is_empty());
        assert!(run("Beslutet skickas till\nEkonomikontoret")
            .decisions
            .is_empty());
    }
}
