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
    // The body may be several words ("Miljö- och byggnadsnämndens beslut",
    // "Kommunstyrelsens arbetsutskotts beslut"), the last in the genitive.
    Regex::new(
        r"^(?:(?P<who>\p{Lu}[\p{L}-]*(?:\s+[\p{L}-]+){0,4}?s)\s+beslut|Beslut)\s*(?::\s*(?P<rest>.*))?$",
    )
        .expect("heading regex")
});

/// A heading over a proposal, not a decision: "Förslag till beslut",
/// "Förvaltningens förslag till beslut", "Arbetsutskottets förslag till
/// nämndens beslut". What follows it is proposed; the decision comes later.
static PROPOSAL_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[\p{L}-]+\s+){0,3}förslag\s+till\s+(?:[\p{L}-]+\s+)?beslut\s*:?\s*$")
        .expect("proposal heading regex")
});

/// A clause that continues a decision list: "att ...", "- att ...", "• Att".
static ATT_CLAUSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[-–•*]\s*)?(?:[Aa]tt)\b").expect("att regex"));

/// Splits "att A, att B; att C" into clauses.
static INLINE_ATT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:,|;)\s+(?:samt\s+)?(?:att)\s").expect("inline att regex"));

/// What a decision phrase records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// A decision in so many words ("beslöts att ...").
    Decide,
    /// Something approved, adopted, granted or rejected ("godkändes").
    Approve,
    /// Put on file ("lades till handlingarna").
    File,
    /// People elected or appointed ("valdes", "utsågs").
    Elect,
    /// The meeting found itself duly called ("ansågs behörigen kallad").
    Validity,
}

/// One entry of the decision vocabulary: a pattern matched on one sentence.
struct Phrase {
    act: Act,
    /// Needs a deciding body as the sentence's subject ("Stämman godkände",
    /// not "Vi antar att").
    needs_subject: bool,
    /// The decision is what follows the verb when it is an att-clause
    /// ("Efter diskussion beslöts att X" gives "att X").
    att_tail: bool,
    re: &'static str,
}

/// The decision vocabulary of real protocols, old and new, in one place.
/// Each pattern matches one verb form (or fixed phrase) inside a sentence;
/// sentences that only propose, ask, negate or defer are excluded by
/// [`not_a_decision`], whatever they match here.
const PHRASES: &[Phrase] = &[
    // Passive "beslöts", "beslutades", "har beslutats", present "beslutas"
    // ("Det beslutas att ..."), anywhere in the sentence ("Efter diskussion
    // beslöts att ...").
    Phrase {
        act: Act::Decide,
        needs_subject: false,
        att_tail: true,
        re: r"\b(?:beslöts|beslutades|beslutats)\b",
    },
    // Present passive "Det beslutas att ...": only with its att-clause
    // ("Frågan beslutas i maj" is a plan, not a decision).
    Phrase {
        act: Act::Decide,
        needs_subject: false,
        att_tail: true,
        re: r"\bbeslutas\b",
    },
    // Active with the body as subject: "Styrelsen beslutade", "Stämman
    // beslöt", "Nämnden beslutar", "Mötet har beslutat".
    Phrase {
        act: Act::Decide,
        needs_subject: true,
        att_tail: true,
        re: r"\b(?:beslutade|beslöt|beslutar|beslutat)\b",
    },
    // Passive approvals, past and perfect: "Dagordningen godkändes",
    // "Budgeten fastställdes", "Motionen antogs", "Ansvarsfrihet
    // beviljades", "Motionen bifölls / avslogs", "Ärendet återremitterades /
    // bordlades".
    Phrase {
        act: Act::Approve,
        needs_subject: false,
        att_tail: false,
        re: r"\b(?:godkändes|godkänts|fastställdes|fastställts|antogs|antagits|beviljades|beviljats|bifölls|bifallits|avslogs|avslagits|återremitterades|bordlades|tillstyrktes|avstyrktes|faställdes)\b",
    },
    // Present passive, the municipal style: "Budgeten fastställs",
    // "Motionen anses besvarad", "Ärendet återremitteras".
    Phrase {
        act: Act::Approve,
        needs_subject: false,
        att_tail: false,
        re: r"\b(?:godkänns|fastställs|antas|beviljas|bifalls|avslås|återremitteras|bordläggs|anses\s+besvarad)\b",
    },
    // Active approvals with the body as subject, past tense: "Stämman
    // godkände", "Årsmötet beviljade", "Stämman biföll". (The present,
    // "Styrgruppen godkänner ...", reads as a decision only under a
    // "Beslut" heading, where the protocol forms take it.)
    Phrase {
        act: Act::Approve,
        needs_subject: true,
        att_tail: true,
        re: r"\b(?:godkände|fastställde|antog|beviljade|biföll|avslog|återremitterade|uppdrog|gav\s+\S+\s+i\s+uppdrag)\b",
    },
    // Filing: "Protokollet lades till handlingarna", "Rapporten läggs till
    // handlingarna", "Mötet lade informationen till handlingarna".
    Phrase {
        act: Act::File,
        needs_subject: false,
        att_tail: false,
        re: r"\b(?:lades|läggs|lagts|lade|lägger)\b[^.]{0,60}?\btill\s+handlingarna\b",
    },
    // Elections and appointments: "Till ordförande valdes X", "X omvaldes",
    // "utsågs att justera", "X valdes att jämte ordföranden justera".
    Phrase {
        act: Act::Elect,
        needs_subject: false,
        att_tail: false,
        re: r"\b(?:valdes|omvaldes|nyvaldes|utsågs|utses|väljs|omväljs|valts|omvalts|utsetts|förklarades\s+vald[ae]?)\b",
    },
    // Active elections with the body as subject: "Stämman valde X till
    // ordförande", "Styrelsen utsåg".
    Phrase {
        act: Act::Elect,
        needs_subject: true,
        att_tail: false,
        re: r"\b(?:valde|omvalde|utsåg)\b",
    },
    // "Stämman ansågs behörigen kallad", "Mötet förklarades behörigen
    // utlyst", "Stämman ansåg att kallelse skett i behörig ordning",
    // "Stämman ansåg sig stadgeenligt utlyst", "... i laga ordning kallad".
    Phrase {
        act: Act::Validity,
        needs_subject: false,
        att_tail: false,
        re: r"\b(?:ansågs|ansåg|anses|förklarades|förklaras)\b[^.]{0,50}?\b(?:behörig|stadgeenlig|laga\s|utlyst|kallad)",
    },
];

/// The vocabulary as one regex, one group per entry (`p0`, `p1`, ...).
static PHRASE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let alts: Vec<String> = PHRASES
        .iter()
        .enumerate()
        .map(|(k, p)| format!("(?P<p{k}>{})", p.re))
        .collect();
    Regex::new(&format!("(?i){}", alts.join("|"))).expect("phrase regex")
});

/// [`PHRASE_RE`] without its word boundaries: a superset that the regex
/// engine's DFA can run over Swedish text (Unicode `\b` makes it fall back
/// to a much slower engine on any non-ASCII letter). Most sentences hold no
/// decision verb at all; only those that pass it meet the full pattern.
static PHRASE_GATE: LazyLock<Regex> = LazyLock::new(|| {
    let alts: Vec<String> = PHRASES
        .iter()
        .map(|p| format!("(?:{})", p.re.replace(r"\b", "")))
        .collect();
    Regex::new(&format!("(?i){}", alts.join("|"))).expect("phrase gate regex")
});

/// A numbered decision line: "1. Budgeten fastställs", "2) att ...".
static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}[.)]\s+\S").expect("numbered regex"));

/// Words before a verb that make it a proposal, a motion or a plan.
const NOT_YET: &[&str] = &[
    "föreslår",
    "föreslog",
    "föreslås",
    "yrkar",
    "yrkade",
    "hemställer",
    "rekommenderar",
    "ska",
    "skall",
    "kommer",
    "bör",
    "kan",
    "kunde",
    "måste",
    "skulle",
    "behöver",
    "avses",
];

/// First words of a conditional sentence ("Om budgeten godkänns ...").
const CONDITIONAL: &[&str] = &["om", "ifall", "innan", "när", "eftersom"];

/// Words right after a verb that negate it.
const NEGATIONS: &[&str] = &["inte", "ej", "icke"];

/// Subjects that decide without naming a body ("Vi beslutade att ...").
const PRONOUN_SUBJECTS: &[&str] = &["vi", "man"];

/// A decision found by the vocabulary table in one sentence.
#[derive(Debug, Clone, PartialEq)]
struct PhraseFound {
    act: Act,
    text: String,
    who: Option<String>,
    /// The sentence ends in "att" or ":", its clauses follow as a list.
    open_list: bool,
}

/// Sentences of a paragraph: its lines joined, split after ".", "!" or
/// "?" before a capital letter (so "t.ex. på" stays whole).
fn sentences(para: &[&str]) -> Vec<String> {
    let joined = squash(&para.join(" "));
    let mut out = Vec::new();
    let mut start = 0;
    let b = joined.as_bytes();
    for (k, c) in joined.char_indices() {
        if !matches!(c, '.' | '!' | '?') || k + 2 >= b.len() || b[k + 1] != b' ' {
            continue;
        }
        let next = joined[k + 2..].chars().next();
        let prev_word = joined[start..k].rsplit(' ').next().unwrap_or("");
        // "H:r. Ek", "resp. Ek": a short word before the dot is an abbreviation.
        // A sentence ends before a capital, a digit or a rule ("| 2. Val").
        let starts_new = next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '|');
        if starts_new && prev_word.chars().count() > 2 {
            out.push(joined[start..=k].trim().to_string());
            start = k + 2;
        }
    }
    if start < joined.len() {
        out.push(joined[start..].trim().to_string());
    }
    out.retain(|s| !s.is_empty());
    out
}

/// The sentences of a section text, paragraph by paragraph.
/// Whether a sentence elects or appoints ("X utsågs att justera", "Till
/// ordförande valdes X", "Stämman valde X").
pub(crate) fn elects(sentence: &str) -> bool {
    phrase_decision(sentence).is_some_and(|f| f.act == Act::Elect)
}

pub(crate) fn body_sentences(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    paragraphs(&lines)
        .iter()
        .flat_map(|p| sentences(p))
        .collect()
}

/// Does a (folded) word name a body that decides: an organ word, or the
/// meeting itself ("Stämman", "Årsmötet", "Mötet")?
fn is_decider(folded: &str) -> bool {
    is_organ_word(folded)
        || ["stamman", "motet", "mote", "stamma"]
            .iter()
            .any(|e| folded.ends_with(e))
}

/// The decision a sentence records by the vocabulary table, if any.
fn phrase_decision(sentence: &str) -> Option<PhraseFound> {
    if sentence.ends_with('?') {
        return None;
    }
    // The gate first: most sentences have no decision verb at all.
    let first = PHRASE_GATE.find(sentence)?.start();
    let lower = sentence.to_lowercase();
    if lower.contains("inget beslut") || lower.contains("inga beslut") {
        return None;
    }
    let first_word = lower.split_whitespace().next().unwrap_or("");
    if CONDITIONAL.contains(&first_word) {
        return None;
    }
    // The full pattern runs from the gate's first hit (one character
    // earlier, so its word boundary sees what stands before).
    let off = sentence[..first]
        .char_indices()
        .next_back()
        .map_or(0, |(i, _)| i);
    for c in PHRASE_RE.captures_iter(&sentence[off..]) {
        let (k, m) = (0..PHRASES.len())
            .find_map(|k| c.get(k + 1).map(|m| (k, m)))
            .expect("one group matches");
        let (m_start, m_end) = (off + m.start(), off + m.end());
        let phrase = &PHRASES[k];
        let before: Vec<&str> = sentence[..m_start].split_whitespace().collect();
        let after: Vec<&str> = sentence[m_end..].split_whitespace().collect();
        // "Ärendet har tidigare behandlats och återremitterades då": a
        // decision of an earlier meeting, told as background.
        let history = before.iter().any(|w| w.to_lowercase() == "tidigare")
            || after
                .first()
                .is_some_and(|w| w.trim_matches(|c: char| !c.is_alphabetic()) == "då");
        let blocked = history
            || before.iter().any(|w| {
                NOT_YET.contains(&w.to_lowercase().trim_matches(|c: char| !c.is_alphabetic()))
            })
            || after.iter().take(2).any(|w| {
                NEGATIONS.contains(&w.to_lowercase().trim_matches(|c: char| !c.is_alphabetic()))
            });
        if blocked {
            continue;
        }
        let who = before
            .iter()
            .take(MAX_SUBJECT_WORDS)
            .find(|w| {
                let f = fold(w.trim_matches(|c: char| !c.is_alphabetic()));
                w.chars().next().is_some_and(char::is_uppercase) && is_decider(&f)
            })
            .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_string());
        // Inverted order after an adverbial: "Med 7 röster mot 4 beslutar
        // nämnden att ...", "Efter diskussion beslutade styrelsen att ...".
        let who = who.or_else(|| {
            let w = after.first()?.trim_matches(|c: char| !c.is_alphabetic());
            (!before.is_empty() && is_decider(&fold(w))).then(|| capitalised(w))
        });
        let pronoun = before
            .first()
            .is_some_and(|w| PRONOUN_SUBJECTS.contains(&w.to_lowercase().as_str()));
        if phrase.needs_subject && who.is_none() && !pronoun {
            continue;
        }
        let mut text = sentence.to_string();
        let is_present = m.as_str().eq_ignore_ascii_case("beslutas");
        if is_present && !after.iter().take(3).any(|w| *w == "att") {
            continue;
        }
        if phrase.att_tail {
            // "... beslöts enhälligt att X": the decision is "att X".
            let tail = &sentence[m_end..];
            if let Some(pos) = tail.find("att ").filter(|&p| {
                tail[..p].split_whitespace().count() <= 2
                    && (p == 0 || tail.as_bytes()[p - 1] == b' ')
            }) {
                text = tail[pos..].trim().to_string();
            }
        }
        let trimmed = text.trim_end();
        let open_list = trimmed.ends_with(':') || trimmed.ends_with(" att") || trimmed == "att";
        return Some(PhraseFound {
            act: phrase.act,
            text,
            who,
            open_list,
        });
    }
    None
}

/// First words of an adverbial that can open a sentence before its verb
/// ("Efter diskussion beslutade styrelsen", "Med 5 röster mot 2 beslutar
/// nämnden"), folded.
const ADVERBIAL_STARTS: &[&str] = &[
    "efter", "med", "vid", "enligt", "under", "darefter", "sedan", "harefter", "da", "pa",
];

/// "kommunstyrelsen" → "Kommunstyrelsen".
fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

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
    /// Sentences that elect or appoint people ("Till ordförande valdes
    /// ..."), for the officers of the meeting.
    pub elections: Vec<String>,
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
        if ATT_CLAUSE.is_match(l) || NUMBERED.is_match(l) || out.is_empty() {
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

/// Does a sentence record a decision or an election by itself? (A line
/// after a marker that does is the section's body, not its title.)
pub(crate) fn decides(sentence: &str) -> bool {
    phrase_decision(sentence).is_some() || starts_decision(sentence)
}

/// Cheap test before running the regexes on a paragraph.
fn mentions_decision(s: &str) -> bool {
    s.contains("eslut") || s.contains("eslöt")
}

/// Find the decisions in a section body (lines, page furniture removed).
///
/// Two readers, in order, per paragraph: the protocol forms with their
/// att-lists ("<Body> beslutar / att ...", "Beslut: ...", "Det beslutades
/// att ..."), then the vocabulary table ([`PHRASES`]) sentence by sentence
/// ("Efter diskussion beslöts att ...", "Dagordningen godkändes", "Till
/// ordförande valdes ...", "Protokollet lades till handlingarna").
pub fn find(body: &[&str]) -> Decisions {
    let paras = paragraphs(body);
    let mut out = Decisions::default();
    let mut i = 0;
    while i < paras.len() {
        if PROPOSAL_HEADING.is_match(paras[i][0].trim()) {
            // Skip the proposal: this paragraph, the next one when the
            // heading stands alone, and the att/numbered list after it.
            i += if paras[i].len() == 1 { 2 } else { 1 };
            while paras
                .get(i)
                .is_some_and(|p| ATT_CLAUSE.is_match(p[0]) || NUMBERED.is_match(p[0]))
            {
                i += 1;
            }
            continue;
        }
        if let Some((who, found, next)) = classic(&paras, i) {
            if !found.is_empty() {
                if out.decided_by.is_none() {
                    out.decided_by = who;
                }
                // "Nämndens beslut / X och Y utses att justera protokollet."
                out.elections.extend(
                    found
                        .iter()
                        .filter(|d| phrase_decision(d).is_some_and(|f| f.act == Act::Elect))
                        .cloned(),
                );
                out.decisions.extend(found);
            }
            i = next;
            continue;
        }
        let mut next = i + 1;
        for sentence in sentences(&paras[i]) {
            let Some(f) = phrase_decision(&sentence) else {
                continue;
            };
            let mut text = f.text;
            // "... beslöts att:" with the clauses in the paragraphs after.
            if f.open_list {
                let mut lines: Vec<&str> = Vec::new();
                while let Some(p) = paras.get(next) {
                    if ATT_CLAUSE.is_match(p[0]) || NUMBERED.is_match(p[0]) {
                        lines.extend(p.iter().copied());
                        next += 1;
                    } else {
                        break;
                    }
                }
                let more = clauses(&lines);
                if !more.is_empty() {
                    if out.decided_by.is_none() {
                        out.decided_by = f.who.clone();
                    }
                    out.decisions.extend(more);
                    continue;
                }
                text = text.trim_end_matches(':').trim().to_string();
            }
            if out.decided_by.is_none() {
                out.decided_by = f.who;
            }
            if f.act == Act::Elect {
                out.elections.push(sentence.clone());
            }
            out.decisions.push(text);
        }
        i = next;
    }
    out
}

/// The protocol forms: "<Subject> beslutar att ...", "Det beslutades att
/// ...", a "Beslut" heading. Returns the decider, the decisions and the
/// next paragraph, or `None` when paragraph `i` opens none of them.
fn classic(paras: &[Vec<&str>], i: usize) -> Option<(Option<String>, Vec<String>, usize)> {
    if !mentions_decision(paras[i][0]) {
        return None;
    }
    let (who, tail, under_heading) = match opening(paras, i)? {
        Opening::Skip => return Some((None, Vec::new(), i + 1)),
        Opening::Decision {
            who,
            tail,
            under_heading,
        } => (who, tail, under_heading),
    };
    let (decision_lines, next) = decision_lines(paras, i, &tail);
    let found = clauses(&decision_lines);
    let who = who.or_else(|| {
        let sentence = decision_lines
            .iter()
            .map(|l| l.trim())
            .find(|l| !l.is_empty());
        sentence.filter(|_| under_heading).and_then(named_decider)
    });
    Some((who, found, next))
}

/// What the first line of a paragraph opens.
enum Opening {
    /// A proposal or a bare heading whose decision the next paragraph opens
    /// itself: nothing here, go on with the next paragraph.
    Skip,
    /// A decision: who made it (when the line says), the rest of the line
    /// after the verb or heading, and whether it was a "Beslut" heading.
    Decision {
        who: Option<String>,
        tail: String,
        under_heading: bool,
    },
}

/// "<Subject> beslutar att ...", "Det beslutades att ..." or a "Beslut"
/// heading on the first line of paragraph `i`; `None` when none of them.
fn opening(paras: &[Vec<&str>], i: usize) -> Option<Opening> {
    let first = paras[i][0];
    // "<Subject> beslutar att ..." / "<Subject> beslutade" + next paragraph.
    if let Some(c) = DECIDES.captures(first) {
        return active_opening(&c);
    }
    if let Some(c) = PASSIVE.captures(first) {
        return Some(Opening::Decision {
            who: None,
            tail: c["tail"].to_string(),
            under_heading: false,
        });
    }
    // Under a "Beslut" heading the decision sentence may name the body.
    let c = HEADING
        .captures(first)
        .filter(|c| c.name("who").is_none_or(|w| !is_proposal(w.as_str())))?;
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
    let (who, tail) = match sentence {
        Some((named, tail)) => (who.or(named), tail),
        // Heading alone: the next paragraph is the decision, unless it is
        // itself "<Subject> beslutar ...", handled on the next turn.
        None if rest.is_empty()
            && paras[i].len() == 1
            && paras
                .get(i + 1)
                .is_some_and(|p| DECIDES.is_match(p[0]) || PASSIVE.is_match(p[0])) =>
        {
            return Some(Opening::Skip)
        }
        None => (who, rest),
    };
    Some(Opening::Decision {
        who,
        tail,
        under_heading: true,
    })
}

/// "<Subject> beslutar att ...": the subject is the decider, unless it is
/// a proposal ("Ordförandens förslag beslutas ...") or an adverbial before
/// the verb ("Efter diskussion beslutade styrelsen att"), whose body
/// follows the verb.
fn active_opening(c: &regex::Captures) -> Option<Opening> {
    let mut who = c["who"].to_string();
    let mut tail = c["tail"].to_string();
    if who
        .split_whitespace()
        .next()
        .is_some_and(|w| ADVERBIAL_STARTS.contains(&fold(w).as_str()))
    {
        let next = c["tail"].split_whitespace().next().unwrap_or("");
        let next = next.trim_matches(|ch: char| !ch.is_alphabetic());
        if !is_decider(&fold(next)) {
            return None;
        }
        who = capitalised(next);
        tail = tail
            .trim_start()
            .split_once(char::is_whitespace)
            .map_or(String::new(), |(_, rest)| rest.to_string());
    }
    if is_proposal(&who) {
        return Some(Opening::Skip);
    }
    Some(Opening::Decision {
        who: Some(who),
        tail,
        under_heading: false,
    })
}

/// The lines of the decision opened in paragraph `i` with `tail` after its
/// verb, and the paragraph after them: the rest of the paragraph, or the
/// next paragraph when the line ends at the verb, and any "att ..." or
/// "2. ..." paragraphs that continue the list.
fn decision_lines<'a>(paras: &[Vec<&'a str>], i: usize, tail: &'a str) -> (Vec<&'a str>, usize) {
    let mut tail = tail.trim().trim_start_matches(':').trim();
    // "Mötet beslutade att:" with the clauses as a list below.
    if matches!(tail, "att:" | "att" | "följande:") {
        tail = "";
    }
    let mut lines: Vec<&str> = Vec::new();
    let mut next = i + 1;
    if tail.is_empty() && paras[i].len() == 1 {
        // The decision follows in the next paragraph(s).
        if let Some(p) = paras.get(next) {
            lines.extend(p.iter().copied());
            next += 1;
        }
    } else {
        lines.push(tail);
        lines.extend(paras[i][1..].iter().copied());
    }
    // Further "att ..." or "2. ..." paragraphs belong to the same list.
    while let Some(p) = paras.get(next) {
        if ATT_CLAUSE.is_match(p[0]) || NUMBERED.is_match(p[0]) {
            lines.extend(p.iter().copied());
            next += 1;
        } else {
            break;
        }
    }
    (lines, next)
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
        let d = run("Med 5 röster mot 2 beslutar nämnden att avslå ansökan.");
        assert_eq!(d.decisions, vec!["att avslå ansökan."]);
        assert_eq!(d.decided_by.as_deref(), Some("Nämnden"));
        let d = run("Efter diskussion beslutade styrelsen att skjuta upp frågan.");
        assert_eq!(d.decided_by.as_deref(), Some("Styrelsen"));
        assert_eq!(d.decisions, vec!["att skjuta upp frågan."]);
        // A body of several words, the heading not part of the decision.
        let d =
            run("Kultur- och fritidsnämndens beslut\n1. Bidrag beviljas.\n2. Ärendet avslutas.");
        assert_eq!(
            d.decisions,
            vec!["1. Bidrag beviljas.", "2. Ärendet avslutas."]
        );
        assert_eq!(d.decided_by.as_deref(), Some("Kultur- och fritidsnämnden"));
        // A proposal's heading is not a decision.
        let d = run("Förvaltningens förslag till nämndens beslut\nBidrag beviljas.");
        assert!(d.decisions.is_empty());
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

    #[test]
    fn vocabulary_forms_are_decisions() {
        for (text, want) in [
            (
                "Efter diskussion beslöts att köpa en ny gräsklippare.",
                "att köpa en ny gräsklippare.",
            ),
            (
                "Styrelsen beslutade att höja avgiften.",
                "att höja avgiften.",
            ),
            ("Vi beslutade att flytta mötet.", "att flytta mötet."),
            ("Dagordningen godkändes.", "Dagordningen godkändes."),
            (
                "Föregående mötes protokoll godkändes och lades till handlingarna.",
                "Föregående mötes protokoll godkändes och lades till handlingarna.",
            ),
            (
                "Rapporten lades till handlingarna.",
                "Rapporten lades till handlingarna.",
            ),
            (
                "Stämman fastställde resultat- och balansräkningen.",
                "Stämman fastställde resultat- och balansräkningen.",
            ),
            (
                "Budgeten för 2024 fastställdes enhälligt.",
                "Budgeten för 2024 fastställdes enhälligt.",
            ),
            (
                "Till ordförande för mötet valdes Ove Dal.",
                "Till ordförande för mötet valdes Ove Dal.",
            ),
            (
                "Lena Hed och Ali Nur utsågs att justera protokollet.",
                "Lena Hed och Ali Nur utsågs att justera protokollet.",
            ),
            (
                "Stämman ansågs behörigen kallad.",
                "Stämman ansågs behörigen kallad.",
            ),
            (
                "Mötet ansåg sig stadgeenligt utlyst.",
                "Mötet ansåg sig stadgeenligt utlyst.",
            ),
            (
                "Årsmötet beviljade styrelsen ansvarsfrihet för verksamhetsåret.",
                "Årsmötet beviljade styrelsen ansvarsfrihet för verksamhetsåret.",
            ),
            ("Motionen avslogs.", "Motionen avslogs."),
            (
                "Det beslutas att ärendet bordläggs.",
                "att ärendet bordläggs.",
            ),
        ] {
            let d = run(text);
            assert_eq!(d.decisions, vec![want], "{text}");
        }
        let d = run("Stämman beslöt enhälligt att anta stadgarna.");
        assert_eq!(d.decided_by.as_deref(), Some("Stämman"));
    }

    #[test]
    fn vocabulary_sentences_inside_running_text() {
        let d = run("Kassören redogjorde för läget. Efter diskussion beslöts att\nbeställa farthinder. Nästa möte hålls i maj.");
        assert_eq!(d.decisions, vec!["att beställa farthinder."]);
        let d = run("Mötet beslutade att:\n\n1. Avgiften höjs med 5 %.\n\n2. Styrelsen får i uppdrag att upphandla.");
        assert_eq!(
            d.decisions,
            vec![
                "1. Avgiften höjs med 5 %.",
                "2. Styrelsen får i uppdrag att upphandla."
            ]
        );
        let d = run("Till ordförande valdes Ove Dal. Till sekreterare valdes Eva Ros.");
        assert_eq!(d.elections.len(), 2);
    }

    #[test]
    fn vocabulary_non_decisions() {
        for text in [
            "Mötet förklarades öppnat.",
            "Ordföranden öppnade mötet och hälsade alla välkomna.",
            "Frågan ska beslutas på nästa möte.",
            "Styrelsen föreslår att stämman godkänner budgeten.",
            "Om budgeten godkänns kan arbetet börja i maj.",
            "Förslaget godkändes inte.",
            "Inget beslut fattades.",
            "Ska protokollet läggas till handlingarna?",
            "Vi antar att kostnaden blir lägre.",
            "Kassören informerade om ekonomin.",
            "Ärendet har tidigare behandlats under § 120 och återremitterades då.",
            "Det finns ett behov av nya farthinder.",
        ] {
            assert!(run(text).decisions.is_empty(), "{text}");
        }
    }

    #[test]
    fn sentences_keep_abbreviations_whole() {
        assert_eq!(
            sentences(&["Vi köper t.ex. en ny maskin.", "Ny mening här."]),
            vec!["Vi köper t.ex. en ny maskin.", "Ny mening här."]
        );
    }
}
