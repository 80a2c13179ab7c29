//! The officers of a meeting read from the minutes themselves, where real
//! association protocols record them: the elections in the first items
//! ("§ 2 Val av ordförande för mötet: Till ordförande valdes X", "X och Y
//! valdes att justera protokollet, tillika rösträknare") and the signature
//! blocks at the end ("Vid protokollet", "Justeras", names over their roles,
//! side by side too).
//!
//! Roles are recognised by cue words ([`ROLE_CUES`]); names by
//! [`name_runs`]. Nothing is guessed: a role with no name beside it stays
//! empty.

use super::names::{people_in_run, split_run};
use super::text::{fold, name_runs, Line};

/// An office of the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Chair,
    Secretary,
    Adjuster,
    Counter,
}

impl Role {
    /// The office as a Swedish word.
    pub(crate) fn title(self) -> &'static str {
        match self {
            Role::Chair => "ordförande",
            Role::Secretary => "sekreterare",
            Role::Adjuster => "justerare",
            Role::Counter => "rösträknare",
        }
    }
}

/// Folded cue words (prefixes) and the role they name. "justera" covers
/// "justerare", "justeras", "justeringsman"; the signature labels "vid
/// protokollet" and "justeras" are matched as phrases in [`cues`].
const ROLE_CUES: &[(&str, Role)] = &[
    ("ordforande", Role::Chair),
    ("motesordforande", Role::Chair),
    ("stammoordforande", Role::Chair),
    ("ordf", Role::Chair),
    ("sekreterare", Role::Secretary),
    ("motessekreterare", Role::Secretary),
    ("protokollforare", Role::Secretary),
    ("sekr", Role::Secretary),
    ("justera", Role::Adjuster),
    ("justerin", Role::Adjuster),
    ("protokolljusterare", Role::Adjuster),
    ("rostraknare", Role::Counter),
];

/// Words that make an "ordförande" not a role given here ("vice
/// ordförande"; "att jämte ordföranden justera" names the adjusters).
const NOT_CHAIR_BEFORE: &[&str] = &["vice", "v", "jämte", "jamte"];

/// The officers found.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Officers {
    pub chair: Option<String>,
    pub secretary: Option<String>,
    pub adjusters: Vec<String>,
    pub counters: Vec<String>,
    /// "Justeras" stands over the chair's signature: the chair adjusts.
    pub adjuster_is_chair: bool,
}

impl Officers {
    /// What `other` names that this does not: the chair and secretary if
    /// unset, the adjusters and counters if none.
    pub(crate) fn fill_from(&mut self, other: Officers) {
        if self.chair.is_none() {
            self.chair = other.chair;
        }
        if self.secretary.is_none() {
            self.secretary = other.secretary;
        }
        if self.adjusters.is_empty() {
            self.adjusters = other.adjusters;
            self.adjuster_is_chair |= other.adjuster_is_chair;
        }
        if self.counters.is_empty() {
            self.counters = other.counters;
        }
    }

    fn give(&mut self, role: Role, name: &str) {
        let name = name.to_string();
        match role {
            Role::Chair => {
                self.chair.get_or_insert(name);
            }
            Role::Secretary => {
                self.secretary.get_or_insert(name);
            }
            Role::Adjuster => {
                if !self.adjusters.contains(&name) {
                    self.adjusters.push(name);
                }
            }
            Role::Counter => {
                if !self.counters.contains(&name) {
                    self.counters.push(name);
                }
            }
        }
    }
}

/// Role cues in a text, in order, with the byte offset where each starts.
pub(crate) fn cues(s: &str) -> Vec<(usize, Role)> {
    let mut out = Vec::new();
    let mut prev = String::new();
    let mut pos = 0;
    for raw in s.split_inclusive(char::is_whitespace) {
        let start = pos;
        pos += raw.len();
        let f = fold(raw.trim());
        let f = f.trim();
        if f.is_empty() {
            continue;
        }
        let role = if prev == "vid" && f.starts_with("protokoll") {
            Some(Role::Secretary)
        } else {
            ROLE_CUES
                .iter()
                .find(|(cue, _)| {
                    if cue.len() <= 4 {
                        // Abbreviations: the word itself ("ordf", "ordf."), not a prefix.
                        f == *cue
                    } else {
                        f.starts_with(cue)
                    }
                })
                .map(|(_, r)| *r)
        };
        if let Some(r) = role {
            let vice = NOT_CHAIR_BEFORE.contains(&prev.as_str());
            if !(r == Role::Chair && vice) {
                out.push((start, r));
            }
        }
        prev = f.to_string();
    }
    out
}

/// Names in a text with their byte offsets.
fn names_at(s: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    for n in name_runs(s) {
        let first = n.split_whitespace().next().unwrap_or("");
        if let Some(p) = s[from..].find(first) {
            out.push((from + p, n.clone()));
            from += p + first.len();
        }
    }
    out
}

/// Split an election sentence into clauses that each give one set of roles
/// ("Till ordförande valdes X och till sekreterare Y"): at ";" and at ", " or
/// " och " where both sides hold a role cue.
fn clauses(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut k = 0;
    while k < s.len() {
        let rest = &s[k..];
        let sep = if rest.starts_with("; ") || rest.starts_with(", ") {
            Some(2)
        } else if rest.starts_with(" och ") {
            Some(5)
        } else {
            None
        };
        if let Some(n) = sep {
            let left = &s[start..k];
            let right = &s[k + n..];
            if !cues(left).is_empty() && !cues(right).is_empty() {
                out.push(left);
                start = k + n;
                k = start;
                continue;
            }
        }
        k += rest.chars().next().map_or(1, char::len_utf8);
    }
    out.push(&s[start..]);
    out
}

/// The officers an election sentence names, given the roles its item's
/// title names (for a bare "Anna Ek och Per Ek" under "Val av justerare").
pub(crate) fn from_election(sentence: &str, title_roles: &[Role], into: &mut Officers) {
    let clauses = clauses(sentence);
    let mut prev_names: Vec<String> = Vec::new();
    for clause in &clauses {
        let roles: Vec<Role> = cues(clause).into_iter().map(|(_, r)| r).collect();
        let mut names: Vec<String> = names_at(clause).into_iter().map(|(_, n)| n).collect();
        if names.is_empty() {
            // "..., tillika rösträknare": the same people in a second role.
            let f = fold(clause);
            if f.starts_with("tillika") || f.split_whitespace().count() <= 2 {
                names = std::mem::take(&mut prev_names);
            }
        }
        if names.is_empty() {
            continue;
        }
        prev_names = names.clone();
        if roles.is_empty() {
            let distinct = dedup(title_roles);
            if distinct.len() > 1 && names.len() == distinct.len() && clauses.len() == 1 {
                // "Val av ordförande och sekreterare": "Anna Ek och Per Ek".
                for (r, n) in distinct.iter().zip(&names) {
                    into.give(*r, n);
                }
            } else if distinct.len() == 1 {
                for n in &names {
                    into.give(distinct[0], n);
                }
            }
            continue;
        }
        if roles.len() == 1 {
            for n in &names {
                into.give(roles[0], n);
            }
            continue;
        }
        // Several roles in one clause ("Stämmoordförande Kim Ek valde Eva
        // Ros till protokollförare"): each role takes the names its
        // preposition points at.
        let cs = cues(clause);
        let ns = names_at(clause);
        let mut last: Vec<String> = Vec::new();
        for (p, r) in &cs {
            let before_word = clause[..*p]
                .split_whitespace()
                .next_back()
                .map(|w| w.to_lowercase())
                .unwrap_or_default();
            let mine: Vec<String> = match before_word.as_str() {
                // "valdes till ordförande", "valde A och B som justerare".
                // "Till justerare valdes A och B": no name before, the
                // names after the verb.
                "till" | "som" | "att" => {
                    let verb = verb_end(clause);
                    let from = verb.filter(|v| *v < *p).unwrap_or(0);
                    let before: Vec<String> = ns
                        .iter()
                        .filter(|(q, _)| *q >= from && *q < *p)
                        .map(|(_, n)| n.clone())
                        .collect();
                    let subject: Vec<String> = ns
                        .iter()
                        .filter(|(q, _)| *q < *p)
                        .map(|(_, n)| n.clone())
                        .collect();
                    if !before.is_empty() {
                        before
                    } else if !subject.is_empty() {
                        // "Eva Ek valdes till ordförande": the subject.
                        subject
                    } else {
                        let after = verb.filter(|v| *v > *p).unwrap_or(*p);
                        ns.iter()
                            .filter(|(q, _)| *q >= after)
                            .map(|(_, n)| n.clone())
                            .collect()
                    }
                }
                // "justerare och rösträknare", "tillika rösträknare".
                "och" | "tillika" | "samt" => last.clone(),
                // "Till ordförande valdes X", "Ordförande Kim Ek": the next name.
                _ => ns
                    .iter()
                    .find(|(q, _)| *q > *p)
                    .map(|(_, n)| vec![n.clone()])
                    .unwrap_or_default(),
            };
            for n in &mine {
                into.give(*r, n);
            }
            last = mine;
        }
    }
}

/// Where the election verb ends in a clause ("valde", "valdes", "utsåg").
fn verb_end(clause: &str) -> Option<usize> {
    let mut pos = 0;
    for w in clause.split_inclusive(' ') {
        pos += w.len();
        let f = fold(w.trim());
        if f.starts_with("vald")
            || f == "valde"
            || f.starts_with("utsag")
            || f.starts_with("omvald")
        {
            return Some(pos);
        }
    }
    None
}

fn dedup(roles: &[Role]) -> Vec<Role> {
    let mut out: Vec<Role> = Vec::new();
    for r in roles {
        if !out.contains(r) {
            out.push(*r);
        }
    }
    out
}

/// Is this an election item's title ("Val av ordförande för mötet", "Val
/// av två justerare tillika rösträknare")? Returns the roles it names.
pub(crate) fn election_title(title: &str) -> Vec<Role> {
    let f = fold(title);
    if !(f.starts_with("val ") || f.contains(" val av ") || f.starts_with("utseende")) {
        return Vec::new();
    }
    cues(title).into_iter().map(|(_, r)| r).collect()
}

/// Most lines at the end of a document read as its signature blocks.
const SIGNATURE_LINES: usize = 40;

/// Officers from the signature blocks at the end of the document: a label
/// over names ("Vid protokollet" / "Kenneth Ek", "Justeras" / two names), a
/// name over its role ("Kenneth Ek" / "Sekreterare"), label, name and role on
/// one line ("Justeras Maria Ek Ordförande"), and blocks side by side ("Eva
/// Ek Per Ny" over "Sekreterare Ordförande").
pub(crate) fn from_signatures(lines: &[Line<'_>]) -> Officers {
    let content: Vec<&str> = lines
        .iter()
        .filter(|l| !l.is_blank())
        .map(Line::text)
        .collect();
    let tail: Vec<String> = content[content.len().saturating_sub(SIGNATURE_LINES)..]
        .iter()
        .map(|l| strip_strokes(l))
        .collect();
    let tail: Vec<&str> = tail.iter().map(String::as_str).collect();
    let tail = &tail[..];
    let mut out = Officers::default();
    for (k, line) in tail.iter().enumerate() {
        let cs = cues(line);
        if cs.is_empty() {
            continue;
        }
        let names = names_at(line);
        if !signature_like(line, &names, cs.len()) {
            continue;
        }
        let forward = is_label(line);
        if names.is_empty() && forward {
            names_under_label(tail, k, &cs, &mut out);
        } else if names.is_empty() {
            names_by_roles(tail, k, &cs, &mut out);
        } else {
            roles_with_names(tail, k, &cs, &names, forward, &mut out);
        }
    }
    out
}

/// "Justeras" / "Vid protokollet" at line `k`, with cues `cs`: the names on
/// the lines below, up to the next label.
fn names_under_label(tail: &[&str], k: usize, cs: &[(usize, Role)], out: &mut Officers) {
    let role = cs[0].1;
    for other in tail.iter().skip(k + 1).take(3) {
        // A line that names this role itself ("Anna Ek, ordförande
        // Per Ny, justerare") is read on its own turn.
        if is_label(other) || cues(other).iter().any(|(_, r)| *r == role) {
            break;
        }
        if cs.len() > 1 {
            // Labels side by side: one name under each.
            if let Some(names) = names_for(other, cs.len()) {
                for ((_, r), n) in cs.iter().zip(&names) {
                    out.give(*r, n);
                }
                break;
            }
            continue;
        }
        if let Some((_, n)) = names_at(other).into_iter().next() {
            out.give(role, &n);
            if role != Role::Adjuster {
                break;
            }
        }
    }
}

/// Roles alone at line `k` ("Sekreterare Ordförande"): the names are on the
/// line above, else below; labels side by side above them ("Vid protokollet
/// Justeras") stand over the same columns.
fn names_by_roles(tail: &[&str], k: usize, cs: &[(usize, Role)], out: &mut Officers) {
    // Side by side, a names line with another row of as many roles on its
    // far side belongs to that row when this row has names on its other
    // side: "Sekreterare Ordförande" / names / "Justerande Justerande" /
    // names.
    let role_row = |j: Option<usize>| {
        cs.len() > 1
            && j.and_then(|j| tail.get(j))
                .is_some_and(|l| names_at(l).is_empty() && cues(l).len() == cs.len())
    };
    let fits = |j: Option<usize>| {
        j.and_then(|j| tail.get(j))
            .is_some_and(|l| names_for(l, cs.len()).is_some())
    };
    let (above, below) = (k.checked_sub(1), Some(k + 1));
    let near = if role_row(k.checked_sub(2)) && fits(below) {
        [below, above]
    } else {
        [above, below]
    };
    for j in near.into_iter().flatten() {
        let Some(other) = tail.get(j) else { continue };
        let Some(split) = names_for(other, cs.len()) else {
            continue;
        };
        for ((_, r), n) in cs.iter().zip(&split) {
            out.give(*r, n);
        }
        break;
    }
    let labels = tail[k.saturating_sub(6)..k]
        .iter()
        .rev()
        .find(|l| is_label(l) && names_at(l).is_empty() && cues(l).len() == cs.len());
    if let Some(labels) = labels {
        let names = tail
            .get(k.wrapping_sub(1))
            .and_then(|l| names_for(l, cs.len()));
        for (c, (_, r)) in cues(labels).iter().zip(cs) {
            if c.1 == Role::Adjuster && *r == Role::Chair {
                out.adjuster_is_chair = true;
            }
            if let Some(names) = &names {
                let col = cs.iter().position(|x| x.1 == *r).unwrap_or(0);
                out.give(c.1, &names[col]);
            }
        }
    } else if cs.len() == 1 {
        stacked_under_labels(tail, k, cs[0].1, out);
    }
}

/// Roles and names on line `k`: a label before names gives them its role;
/// a role after a name is that name's own.
fn roles_with_names(
    tail: &[&str],
    k: usize,
    cs: &[(usize, Role)],
    names: &[(usize, String)],
    forward: bool,
    out: &mut Officers,
) {
    for (p, r) in cs {
        let after = names.iter().find(|(q, _)| q > p);
        let before = names.iter().rev().find(|(q, _)| q < p);
        match (before, after) {
            (Some((_, n)), _) if !(forward && *p == 0) => out.give(*r, n),
            (_, Some((_, n))) if *p == 0 => out.give(*r, n),
            _ => {}
        }
    }
    // "Justeras Maria Ek Ordförande" / "Jan Berg": a second adjuster
    // signs on the next line.
    if forward && cs[0] == (0, Role::Adjuster) {
        for other in tail.iter().skip(k + 1).take(2) {
            let ns = names_at(other);
            if is_label(other) || ns.is_empty() {
                break;
            }
            out.give(Role::Adjuster, &ns[0].1);
        }
    }
}

/// Labels side by side ("Vid protokollet  Justeras") over signatures set
/// one under the other, each a name over its role: the n-th role line
/// below the labels stands under the n-th label. The name over the role
/// line at `k` gets the label's role too; "Justeras" over "Ordförande"
/// makes the chair an adjuster.
fn stacked_under_labels(tail: &[&str], k: usize, role: Role, out: &mut Officers) {
    let roles_alone = |l: &str| !cues(l).is_empty() && names_at(l).is_empty() && !is_label(l);
    let Some(li) = (k.saturating_sub(8)..k)
        .rev()
        .find(|&j| is_label(tail[j]) && names_at(tail[j]).is_empty() && cues(tail[j]).len() > 1)
    else {
        return;
    };
    let labels = cues(tail[li]);
    // "Vid protokollet  Justeras" over two names, and "Ordförande" alone
    // under them: the chair is not the one who kept the minutes, so it is
    // the other name (the chair signs as adjuster).
    let names_under = (li + 2 == k)
        .then(|| names_for(tail[k - 1], labels.len()))
        .flatten();
    if let (Role::Chair, Some(names)) = (role, names_under) {
        let others: Vec<usize> = (0..labels.len())
            .filter(|&j| labels[j].1 != Role::Secretary)
            .collect();
        if let [j] = others[..] {
            out.give(Role::Chair, &names[j]);
            if labels[j].1 == Role::Adjuster {
                out.adjuster_is_chair = true;
            }
            return;
        }
    }
    let nth = (li + 1..k).filter(|&j| roles_alone(tail[j])).count();
    let Some(&(_, label)) = labels.get(nth) else {
        return;
    };
    if label == Role::Adjuster && role == Role::Chair {
        out.adjuster_is_chair = true;
    }
    if label != role {
        if let Some(n) = tail
            .get(k.wrapping_sub(1))
            .and_then(|l| names_for(l, 1))
            .and_then(|v| v.into_iter().next())
        {
            out.give(label, &n);
        }
    }
}

/// Most words on a signature line that are neither names nor roles
/// (scribbles read as text, "Justerat" noise): a sentence is not a
/// signature block.
const MAX_OTHER_WORDS: usize = 3;

/// Does a line read as part of a signature block rather than prose?
fn signature_like(line: &str, names: &[(usize, String)], cues: usize) -> bool {
    // "Vid protokollet" is two words for one role.
    let label_words = usize::from(fold(line).starts_with("vid protokollet"));
    other_words(line, names).saturating_sub(cues + label_words) <= MAX_OTHER_WORDS
}

/// Words of a line (with a letter in them) that are not part of its names.
fn other_words(line: &str, names: &[(usize, String)]) -> usize {
    let words = line
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    let in_names: usize = names
        .iter()
        .map(|(_, n)| n.split_whitespace().count())
        .sum();
    words.saturating_sub(in_names)
}

/// The `k` names of a line that holds nothing but names, side by side.
fn names_for(line: &str, k: usize) -> Option<Vec<String>> {
    let ns = names_at(line);
    if !cues(line).is_empty() || ns.is_empty() || !only_names(line, &ns) {
        return None;
    }
    let joined: Vec<String> = ns.into_iter().map(|(_, n)| n).collect();
    if k == 1 && joined.len() == 1 && people_in_run(&joined[0]) > 1 {
        // Two signatures side by side over one role: whose is it?
        return None;
    }
    if joined.len() == k {
        Some(joined)
    } else if joined.len() == 1 {
        split_run(&joined[0], k)
    } else {
        None
    }
}

/// A signature label whose names follow it: "Vid protokollet", "Justeras",
/// "Justerat", or any role with a colon ("Ordförande:").
fn is_label(line: &str) -> bool {
    let f = fold(line);
    let first = f.split_whitespace().next().unwrap_or("");
    f.starts_with("vid protokollet")
        || matches!(first, "justeras" | "justerat" | "justerad" | "justerade")
        || line
            .split_whitespace()
            .next()
            .is_some_and(|w| w.ends_with(':') && !cues(w).is_empty())
}

/// Does a line hold nothing but the names found in it (and punctuation, and
/// the scribbles OCR reads in a signature)?
fn only_names(line: &str, names: &[(usize, String)]) -> bool {
    let scribbles = line.split_whitespace().filter(|w| is_scribble(w)).count();
    other_words(line, names).saturating_sub(scribbles) == 0
}

/// A word OCR made of a handwritten signature: no lowercase letter
/// ("XWV", "QRT", "4%"), or a short lowercase fragment that is not a
/// Swedish function word ("mnu", "ohkr").
fn is_scribble(w: &str) -> bool {
    if !w.chars().any(char::is_alphabetic) {
        return false; // not counted as a word at all
    }
    let lower = w.chars().filter(|c| c.is_lowercase()).count();
    if lower == 0 {
        return true;
    }
    let starts_lower = w.chars().next().is_some_and(char::is_lowercase);
    starts_lower
        && w.chars().count() <= 4
        && !matches!(
            w,
            "och" | "samt" | "att" | "för" | "av" | "i" | "på" | "som" | "med" | "till" | "den"
        )
}

/// Pen strokes OCR reads before a signed name ("-Rut Ek", "~Per Al"):
/// leading punctuation of each word is dropped.
fn strip_strokes(line: &str) -> String {
    line.split(' ')
        .map(|w| w.trim_start_matches(|c: char| !c.is_alphanumeric()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::text::lines;
    use super::*;

    fn elect(sentence: &str, title: &str) -> Officers {
        let mut o = Officers::default();
        from_election(sentence, &election_title(title), &mut o);
        o
    }

    #[test]
    fn election_sentences() {
        let o = elect(
            "Till ordförande för mötet valdes Ove Dal.",
            "Val av ordförande",
        );
        assert_eq!(o.chair.as_deref(), Some("Ove Dal"));
        let o = elect(
            "Till ordförande valdes Ove Dal och till sekreterare Eva Ros.",
            "Val av ordförande och sekreterare",
        );
        assert_eq!(o.chair.as_deref(), Some("Ove Dal"));
        assert_eq!(o.secretary.as_deref(), Some("Eva Ros"));
        let o = elect(
            "Lena Hed och Ali Nur valdes att justera protokollet, tillika rösträknare.",
            "Val av justerare",
        );
        assert_eq!(o.adjusters, vec!["Lena Hed", "Ali Nur"]);
        assert_eq!(o.counters, vec!["Lena Hed", "Ali Nur"]);
        let o = elect(
            "Anna Ek och Per Ny.",
            "Val av ordförande och sekreterare för stämman",
        );
        assert_eq!(o.chair.as_deref(), Some("Anna Ek"));
        assert_eq!(o.secretary.as_deref(), Some("Per Ny"));
        let o = elect(
            "Stämmoordförande Kim Ek valde Eva Ros från Ekens Förvaltning till protokollförare.",
            "Val av protokollförare",
        );
        assert_eq!(o.secretary.as_deref(), Some("Eva Ros"));
        let o = elect(
            "Stämman valde Tor Vik och Jan Sjö som justeringsmän och rösträknare.",
            "Val av två justeringsmän tillika rösträknare",
        );
        assert_eq!(o.adjusters, vec!["Tor Vik", "Jan Sjö"]);
        assert_eq!(o.counters, vec!["Tor Vik", "Jan Sjö"]);
        let o = elect(
            "Till justerare tillika rösträknare valdes Mia Ek och Kim Berg.",
            "Val av två justerare tillika rösträknare",
        );
        assert_eq!(o.adjusters, vec!["Mia Ek", "Kim Berg"]);
        assert_eq!(o.counters, vec!["Mia Ek", "Kim Berg"]);
        let o = elect("Stina Berg valdes.", "Val av två justerare");
        assert_eq!(o.adjusters, vec!["Stina Berg"]);
        // A vice chair is not the chair.
        let o = elect("Till vice ordförande valdes Ove Dal.", "Konstituering");
        assert_eq!(o.chair, None);
        assert!(election_title("Ekonomi").is_empty());
    }

    #[test]
    fn signature_blocks() {
        let t = "§ 9 Avslutning\nMötet avslutades.\n\nVid protokollet\n\nKim Åström\n\nJusteras\nMaria Lind Ordförande\nJan Berg";
        let o = from_signatures(&lines(t));
        assert_eq!(o.secretary.as_deref(), Some("Kim Åström"));
        // Two adjusters sign: the chair, and one more on the next line.
        assert_eq!(o.adjusters, vec!["Maria Lind", "Jan Berg"]);
        assert_eq!(o.chair.as_deref(), Some("Maria Lind"));
        // Side by side: names over roles.
        let t = "Mötet avslutades.\n\nSara Holm Tor Vik\nSekreterare Ordförande";
        let o = from_signatures(&lines(t));
        assert_eq!(o.secretary.as_deref(), Some("Sara Holm"));
        assert_eq!(o.chair.as_deref(), Some("Tor Vik"));
        // Labels over the two columns: the chair's column is "Justeras".
        let t = "Vid protokollet Justeras\n/ 7 TO E p\nSara Holm Tor Vik”\nSekreterare Ordförande";
        let o = from_signatures(&lines(t));
        assert_eq!(o.secretary.as_deref(), Some("Sara Holm"));
        assert_eq!(o.adjusters, vec!["Tor Vik"]);
        assert!(o.adjuster_is_chair);
        // The names unreadable: still, the chair adjusts.
        let t = "Vid protokollet Justeras\nC ell Bei aghiem , 4\nSekreterare Ordförande";
        assert!(from_signatures(&lines(t)).adjuster_is_chair);
    }

    #[test]
    fn a_chair_under_two_signatures_is_not_the_secretary() {
        let t = "Text.\n\nVid protokollet   Justeras\nEva Brink   Ola Dahl\nOrdförande\n";
        let o = from_signatures(&lines(t));
        assert_eq!(o.secretary.as_deref(), Some("Eva Brink"));
        assert_eq!(o.adjusters, ["Ola Dahl"]);
        assert_eq!(o.chair.as_deref(), Some("Ola Dahl"));
    }

    #[test]
    fn labels_over_stacked_signatures() {
        let t = "Mötet avslutades.\n\nVid protokollet Justeras\nA\nLena Dahl\nSekreterare\nRolf Ahl\nOrdförande";
        let o = from_signatures(&lines(t));
        assert_eq!(o.secretary.as_deref(), Some("Lena Dahl"));
        assert_eq!(o.chair.as_deref(), Some("Rolf Ahl"));
        assert_eq!(o.adjusters, vec!["Rolf Ahl"]);
        assert!(o.adjuster_is_chair);
    }

    #[test]
    fn signatures_with_pen_strokes_and_scribbles() {
        // A stroke read as "-" before the second name.
        let t = "Vid protokollet Justeras\nLena Dahl -Rolf Ahl\nOrdförande";
        let o = from_signatures(&lines(t));
        assert_eq!(o.secretary.as_deref(), Some("Lena Dahl"));
        assert_eq!(o.adjusters, vec!["Rolf Ahl"]);
        // A signature read as capitals and fragments beside the name.
        let t = "Mötet avslutades.\n\nIvar Stål XWV mnu\nSekreterare";
        assert_eq!(
            from_signatures(&lines(t)).secretary.as_deref(),
            Some("Ivar Stål")
        );
        // Prose with a name is not a signature.
        let t = "Mötet avslutades.\n\nIvar Stål tackade alla närvarande för visat intresse\nSekreterare";
        assert_eq!(from_signatures(&lines(t)).secretary, None);
    }
}
