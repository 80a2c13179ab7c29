//! Build script: precompiles the Hunspell `sv_SE` dictionary into an FST of surface forms.
//!
//! `src/repair/compound.rs` (`SvChecker`) answers "is this word valid?" the way
//! `spellbook::Dictionary::check` does, but without stripping suffixes at run time. To make that
//! possible this script expands every stem of `dictionaries/sv_SE.dic` with every suffix rule of
//! `dictionaries/sv_SE.aff` it carries, and records for each surface form what spellbook would
//! find when it looks that form up in each of its lookup modes (standalone word, first / middle /
//! last part of a compound, part of a COMPOUNDRULE compound). The result is written to
//! `$OUT_DIR/sv_forms.fst` (an `fst::Map` from form to a packed `u64`, laid out as
//! `src/repair/form_bits.rs` says) and
//! `$OUT_DIR/sv_tables.rs` (the small tables the checker needs at run time: REP, BREAK,
//! COMPOUNDRULE, the suffix "derivations" used to rebuild stems, the option switches).
//!
//! Why a build script: expanding ~150k stems with 492 suffix rules and building the FST takes a
//! few seconds, which would otherwise be paid at every program start (or the multi-megabyte
//! result would have to be committed as a binary blob and kept in sync with the dictionary by
//! hand). Done here, the checker is a zero-cost `include_bytes!` and always matches the
//! dictionary files in the repository.
//!
//! The script reads the directive names from the .aff and refuses (panics) on directives whose
//! semantics the checker does not implement, so a dictionary update cannot silently change
//! behaviour.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;

#[path = "src/repair/form_bits.rs"]
mod form_bits;

const AFF: &str = "dictionaries/sv_SE.aff";
const DIC: &str = "dictionaries/sv_SE.dic";

/// Directives that change checking semantics in ways `SvChecker` does not implement.
const UNSUPPORTED: &[&str] = &[
    "PFX",
    "FLAG",
    "AF",
    "AM",
    "COMPLEXPREFIXES",
    "COMPOUNDFLAG",
    "COMPOUNDFORBIDFLAG",
    "COMPOUNDROOT",
    "COMPOUNDWORDMAX",
    "COMPOUNDSYLLABLE",
    "SYLLABLENUM",
    "CHECKCOMPOUNDCASE",
    "CHECKCOMPOUNDPATTERN",
    "CIRCUMFIX",
    "KEEPCASE",
    "CHECKSHARPS",
    "ICONV",
    "IGNORE",
    "FORBIDWARN",
    "LANG",
];

#[derive(Default)]
struct Aff {
    forbidden: Option<u8>,
    need_affix: Option<u8>,
    only_in_compound: Option<u8>,
    permit: Option<u8>,
    begin: Option<u8>,
    middle: Option<u8>,
    end: Option<u8>,
    force_ucase: Option<u8>,
    compound_min: usize,
    check_triple: bool,
    simplified_triple: bool,
    check_dup: bool,
    check_rep: bool,
    reps: Vec<(String, String)>,
    breaks: Vec<String>,
    rules: Vec<Vec<(u8, u8)>>, // (flag, modifier: 0 none, 1 '?', 2 '*')
    suffixes: HashMap<u8, Vec<Suffix>>,
}

struct Suffix {
    strip: String,
    add: String,
    cont: Vec<u8>,
    cond: Vec<CondElem>,
}

enum CondElem {
    Any,
    Lit(char),
    Class(bool, Vec<char>), // (negated, members)
}

fn flag_of(s: &str) -> u8 {
    // Default FLAG type: a flag is one byte (spellbook and Hunspell take the first byte of a
    // multi-byte UTF-8 flag such as NEEDAFFIX ¤).
    s.as_bytes()[0]
}

fn parse_cond(s: &str) -> Vec<CondElem> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '.' => out.push(CondElem::Any),
            '[' => {
                let neg = chars.next_if_eq(&'^').is_some();
                let mut members = Vec::new();
                for m in chars.by_ref() {
                    if m == ']' {
                        break;
                    }
                    members.push(m);
                }
                out.push(CondElem::Class(neg, members));
            }
            c => out.push(CondElem::Lit(c)),
        }
    }
    out
}

/// Does the end of `stem` match the condition?
fn cond_matches(cond: &[CondElem], stem: &str) -> bool {
    let tail: Vec<char> = stem.chars().rev().take(cond.len()).collect();
    if tail.len() < cond.len() {
        return false;
    }
    tail.iter().rev().zip(cond).all(|(&c, e)| match e {
        CondElem::Any => true,
        CondElem::Lit(l) => *l == c,
        CondElem::Class(neg, m) => m.contains(&c) != *neg,
    })
}

fn parse_aff(text: &str) -> Aff {
    let mut aff = Aff {
        compound_min: 3,
        ..Default::default()
    };
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    while let Some(line) = lines.next() {
        let w: Vec<&str> = line.split_whitespace().collect();
        let key = w[0];
        assert!(
            !UNSUPPORTED.contains(&key),
            "{AFF}: directive {key} is not implemented by SvChecker"
        );
        let arg = || {
            w.get(1)
                .copied()
                .unwrap_or_else(|| panic!("{AFF}: {key} needs a value"))
        };
        let rows = || arg().parse::<usize>().expect("table row count");
        match key {
            "FORBIDDENWORD" => aff.forbidden = Some(flag_of(arg())),
            "NEEDAFFIX" => aff.need_affix = Some(flag_of(arg())),
            "ONLYINCOMPOUND" => aff.only_in_compound = Some(flag_of(arg())),
            "COMPOUNDPERMITFLAG" => aff.permit = Some(flag_of(arg())),
            "COMPOUNDBEGIN" => aff.begin = Some(flag_of(arg())),
            "COMPOUNDMIDDLE" => aff.middle = Some(flag_of(arg())),
            "COMPOUNDEND" => aff.end = Some(flag_of(arg())),
            "FORCEUCASE" => aff.force_ucase = Some(flag_of(arg())),
            "COMPOUNDMIN" => aff.compound_min = arg().parse::<usize>().unwrap().max(1),
            "CHECKCOMPOUNDTRIPLE" => aff.check_triple = true,
            "SIMPLIFIEDTRIPLE" => aff.simplified_triple = true,
            "CHECKCOMPOUNDDUP" => aff.check_dup = true,
            "CHECKCOMPOUNDREP" => aff.check_rep = true,
            "REP" => {
                for _ in 0..rows() {
                    let r: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
                    assert_eq!(r[0], "REP");
                    aff.reps.push((r[1].to_string(), r[2].replace('_', " ")));
                }
            }
            "BREAK" => {
                aff.breaks.clear();
                for _ in 0..rows() {
                    let r: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
                    assert_eq!(r[0], "BREAK");
                    aff.breaks.push(r[1].to_string());
                }
            }
            "COMPOUNDRULE" => {
                for _ in 0..rows() {
                    let r: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
                    assert_eq!(r[0], "COMPOUNDRULE");
                    let mut rule: Vec<(u8, u8)> = Vec::new();
                    for c in r[1].chars() {
                        match c {
                            '?' => rule.last_mut().unwrap().1 = 1,
                            '*' => rule.last_mut().unwrap().1 = 2,
                            c => {
                                assert!(c.is_ascii(), "non-ASCII COMPOUNDRULE flag");
                                rule.push((c as u8, 0));
                            }
                        }
                    }
                    aff.rules.push(rule);
                }
            }
            "SFX" => {
                let flag = flag_of(w[1]);
                let n: usize = w[3].parse().expect("SFX header count");
                let rules = aff.suffixes.entry(flag).or_default();
                for _ in 0..n {
                    let r: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
                    assert_eq!((r[0], flag_of(r[1])), ("SFX", flag), "SFX table row");
                    let strip = if r[2] == "0" { "" } else { r[2] };
                    let (add, cont) = match r[3].split_once('/') {
                        Some((a, c)) => (a, c.bytes().collect()),
                        None => (r[3], Vec::new()),
                    };
                    let add = if add == "0" { "" } else { add };
                    let cond = r.get(4).copied().unwrap_or(".");
                    rules.push(Suffix {
                        strip: strip.to_string(),
                        add: add.to_string(),
                        cont,
                        cond: if cond == "." {
                            Vec::new()
                        } else {
                            parse_cond(cond)
                        },
                    });
                }
            }
            _ => {} // suggestion-only directives (TRY, MAP, NOSUGGEST, MAXDIFF, ...)
        }
    }
    aff
}

/// One .dic line the way spellbook reads it: (word, flag bytes).
fn parse_dic_line(line: &str) -> (String, Vec<u8>) {
    let Some(idx) = line.find(['/', '\\', ' ', '\t']) else {
        return (line.to_string(), Vec::new());
    };
    let sep = line.as_bytes()[idx];
    let flags_of = |s: &str| s.split_whitespace().next().unwrap_or("").bytes().collect();
    if sep == b'/' && idx != 0 {
        return (line[..idx].to_string(), flags_of(&line[idx + 1..]));
    }
    if sep == b'\t' {
        return (line[..idx].to_string(), Vec::new());
    }
    // Slow path: spaces inside the word, backslash escapes, morphological fields.
    let mut word = line[..idx].to_string();
    let rest = &line[idx..];
    let mut escaped = false;
    let mut flag_start = None;
    for (i, ch) in rest.char_indices() {
        match ch {
            '/' if escaped => {
                word.pop();
                word.push('/');
            }
            '/' if i != 0 => {
                flag_start = Some(i + 1);
                break;
            }
            '\t' => return (word, Vec::new()),
            ' ' => {
                let mut next = rest[i + 1..].trim_start().chars();
                let morph = next.next().is_some_and(char::is_lowercase)
                    && next.next().is_some_and(char::is_lowercase)
                    && next.next() == Some(':');
                if morph {
                    return (word, Vec::new());
                }
                word.push(ch);
            }
            _ => word.push(ch),
        }
        escaped = ch == '\\';
    }
    let flags = flag_start.map(|s| flags_of(&rest[s..])).unwrap_or_default();
    (word, flags)
}

#[derive(PartialEq)]
enum Casing {
    Lower,
    Init,
    All,
    Mixed,
}

fn casing(w: &str) -> Casing {
    let upper = w.chars().filter(|c| c.is_uppercase()).count();
    let lower = w.chars().filter(|c| c.is_lowercase()).count();
    let first = w.chars().next().is_some_and(char::is_uppercase);
    if upper == 0 {
        Casing::Lower
    } else if first && upper == 1 {
        Casing::Init
    } else if lower == 0 {
        Casing::All
    } else {
        Casing::Mixed
    }
}

fn titlecase(w: &str) -> String {
    let mut chars = w.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    out.extend(chars.flat_map(char::to_lowercase));
    out
}

struct Entry {
    word: String,
    flags: Vec<u8>,
    hidden: bool,
    /// Index of this entry's flag set among the distinct flag sets of entries with the same word.
    hom: u8,
}

/// The lookup modes of spellbook whose first hit `build.rs` records for each form; the index of
/// a form's `[Option<Hit>; MODES]`. Each has its bits in the packed value (see `form_bits`).
#[derive(Clone, Copy)]
enum Mode {
    /// `check_simple_word`, hidden homonyms allowed.
    Alone,
    /// `check_simple_word` skipping hidden homonyms.
    AloneNoHidden,
    /// First part of a compound.
    Begin,
    /// Middle part of a compound.
    Middle,
    /// Last part of a compound.
    End,
    /// Part of a COMPOUNDRULE compound.
    Rule,
}

/// How many [`Mode`]s there are.
const MODES: usize = 6;

/// What spellbook's first hit for a form in one mode looks like. Spellbook returns the *first*
/// homonym / suffix that matches: direct entries first, then suffixes by length of the added
/// text. Direct entries come out in .dic order (see `Forms::record`); suffixes with the same
/// added text come in unstable-sort order, so when such hits disagree we cannot know which one
/// spellbook sees; we count that and keep the stricter answer (forbidden wins, fewer rule flags).
#[derive(Clone, Copy)]
struct Hit {
    group: u8,
    forbidden: bool,
    force_ucase: bool,
    deriv: u8,
    rule_mask: u16,
    ambiguous: bool,
}

/// The dictionary as read: the .aff, the flags COMPOUNDRULE uses (a bit each in the rule mask,
/// in this order) and the .dic entries.
struct Dictionary {
    aff: Aff,
    rule_flags: Vec<u8>,
    entries: Vec<Entry>,
}

/// Every surface form with its first hit per mode, and the suffix derivations the hits name:
/// (bytes added by the suffix, strip string, homonym index). The derivations let the checker
/// rebuild the stem of a part (CHECKCOMPOUNDREP) and compare parts (CHECKCOMPOUNDDUP).
#[derive(Default)]
struct Forms {
    hits: HashMap<String, [Option<Hit>; MODES]>,
    derivs: Vec<(usize, String, u8)>,
}

/// The packed forms, sorted by their bytes, and how many first hits per mode were ambiguous.
struct Packed {
    keys: Vec<(String, u64)>,
    ambiguous: [usize; MODES],
}

fn main() {
    println!("cargo:rerun-if-changed={AFF}");
    println!("cargo:rerun-if-changed={DIC}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/repair/form_bits.rs");
    git_commit();
    let started = std::time::Instant::now();

    let aff_text = std::fs::read_to_string(AFF).expect("read .aff");
    let dic_text = std::fs::read_to_string(DIC).expect("read .dic");
    let dict = parse(&aff_text, &dic_text);
    let forms = expand(&dict);
    let packed = pack_all(forms.hits);
    let fst_bytes = build_fst(&packed.keys);
    write(&dict, &forms.derivs, &packed, &fst_bytes, started);
}

/// Read the .aff and the .dic, and check that the expansion can cover what they ask for.
fn parse(aff_text: &str, dic_text: &str) -> Dictionary {
    let aff = parse_aff(aff_text);
    check_continuations(&aff);
    let rule_flags = rule_flags(&aff);
    let entries = read_entries(dic_text, &aff);
    Dictionary {
        aff,
        rule_flags,
        entries,
    }
}

fn has(flags: &[u8], f: Option<u8>) -> bool {
    f.is_some_and(|f| flags.contains(&f))
}

/// Continuation classes of suffixes may only carry compounding / needaffix flags: a
/// continuation class naming another suffix would enable two-suffix forms, which `expand`
/// does not generate.
fn check_continuations(aff: &Aff) {
    for rules in aff.suffixes.values() {
        for r in rules {
            for f in &r.cont {
                assert!(
                    !aff.suffixes.contains_key(f),
                    "suffix continuation class {} would need double-suffix expansion",
                    *f as char
                );
            }
        }
    }
}

/// Flags used by COMPOUNDRULE, one bit each.
fn rule_flags(aff: &Aff) -> Vec<u8> {
    let mut rule_flags: Vec<u8> = aff.rules.iter().flatten().map(|e| e.0).collect();
    rule_flags.sort_unstable();
    rule_flags.dedup();
    assert!(rule_flags.len() <= 16, "more than 16 COMPOUNDRULE flags");
    rule_flags
}

/// The rule mask of a flag set: bit `i` for `rule_flags[i]`.
fn rule_mask(rule_flags: &[u8], flags: &[u8]) -> u16 {
    rule_flags
        .iter()
        .enumerate()
        .filter(|(_, f)| flags.contains(f))
        .fold(0u16, |m, (i, _)| m | (1 << i))
}

/// Read the word list like spellbook: mixed-case words (and all-caps words with flags) also
/// get a hidden titlecase homonym.
fn read_entries(dic_text: &str, aff: &Aff) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut homs: HashMap<String, Vec<(Vec<u8>, bool)>> = HashMap::new();
    let mut push = |entries: &mut Vec<Entry>, word: String, mut flags: Vec<u8>, hidden: bool| {
        flags.sort_unstable();
        flags.dedup();
        let list = homs.entry(word.clone()).or_default();
        let key = (flags.clone(), hidden);
        let hom = if let Some(i) = list.iter().position(|k| *k == key) {
            i
        } else {
            list.push(key);
            list.len() - 1
        };
        entries.push(Entry {
            word,
            flags,
            hidden,
            hom: u8::try_from(hom).expect("too many homonyms"),
        });
    };
    for line in dic_text.lines().skip(1) {
        let line = line.trim();
        if line.is_empty() || (line.starts_with('/') && line.len() > 1) {
            continue;
        }
        let (word, flags) = parse_dic_line(line);
        let c = casing(&word);
        if (c == Casing::Mixed && !has(&flags, aff.forbidden))
            || (c == Casing::All && !flags.is_empty())
        {
            push(&mut entries, titlecase(&word), flags.clone(), true);
        }
        push(&mut entries, word, flags, false);
    }
    entries
}

/// Every surface form of every entry (as listed, and with each suffix rule it carries), with
/// what spellbook finds for it in each mode.
fn expand(dict: &Dictionary) -> Forms {
    let mut forms = Forms {
        hits: HashMap::with_capacity(1 << 21),
        derivs: Vec::new(),
    };
    for e in &dict.entries {
        let f = &e.flags[..];
        let aff = &dict.aff;
        let base = Hit {
            group: 0,
            forbidden: has(f, aff.forbidden),
            force_ucase: has(f, aff.force_ucase),
            deriv: 0,
            rule_mask: 0,
            ambiguous: false,
        };
        if !has(f, aff.need_affix) {
            forms.listed(dict, e, base);
        }
        forms.suffixed(aff, e, base);
    }
    forms
}

impl Forms {
    /// The index of a suffix derivation, added when new.
    fn deriv_id(&mut self, add: usize, strip: &str, hom: u8) -> u8 {
        let key = (add, strip.to_string(), hom);
        let derivs = &mut self.derivs;
        let i = derivs.iter().position(|d| *d == key).unwrap_or_else(|| {
            derivs.push(key);
            derivs.len() - 1
        });
        u8::try_from(i).expect("more than 256 suffix derivations")
    }

    /// The word of entry `e` as listed.
    fn listed(&mut self, dict: &Dictionary, e: &Entry, base: Hit) {
        let (aff, f) = (&dict.aff, &e.flags[..]);
        let direct = Hit {
            deriv: self.deriv_id(0, "", e.hom),
            ..base
        };
        if !has(f, aff.only_in_compound) {
            self.record(&e.word, Mode::Alone, direct);
            if !e.hidden {
                self.record(&e.word, Mode::AloneNoHidden, direct);
            }
        }
        if !e.hidden {
            for (mode, flag) in [
                (Mode::Begin, aff.begin),
                (Mode::Middle, aff.middle),
                (Mode::End, aff.end),
            ] {
                if has(f, flag) {
                    self.record(&e.word, mode, direct);
                }
            }
        }
        let mask = rule_mask(&dict.rule_flags, f);
        if mask != 0 {
            self.record(
                &e.word,
                Mode::Rule,
                Hit {
                    rule_mask: mask,
                    ..base
                },
            );
        }
    }

    /// The forms of entry `e` with each suffix rule of its flags.
    fn suffixed(&mut self, aff: &Aff, e: &Entry, base: Hit) {
        let f = &e.flags[..];
        let only_compound = has(f, aff.only_in_compound);
        for class in f {
            let Some(rules) = aff.suffixes.get(class) else {
                continue;
            };
            for r in rules {
                if !e.word.ends_with(&r.strip) || !cond_matches(&r.cond, &e.word) {
                    continue;
                }
                if has(&r.cont, aff.need_affix) {
                    continue;
                }
                let mut form = e.word[..e.word.len() - r.strip.len()].to_string();
                form.push_str(&r.add);
                if form.is_empty() {
                    continue;
                }
                let hit = Hit {
                    group: u8::try_from(1 + r.add.chars().count()).unwrap(),
                    deriv: self.deriv_id(r.add.len(), &r.strip, e.hom),
                    ..base
                };
                let cont = &r.cont[..];
                if !has(cont, aff.only_in_compound) && !only_compound {
                    self.record(&form, Mode::Alone, hit);
                    if !e.hidden {
                        self.record(&form, Mode::AloneNoHidden, hit);
                    }
                }
                if e.hidden {
                    continue;
                }
                if has(cont, aff.permit) && (has(f, aff.begin) || has(cont, aff.begin)) {
                    self.record(&form, Mode::Begin, hit);
                }
                if has(f, aff.middle) || has(cont, aff.middle) {
                    self.record(&form, Mode::Middle, hit);
                }
                let onlyc_suffix = !r.add.is_empty() && has(cont, aff.only_in_compound);
                if !onlyc_suffix && (has(f, aff.end) || has(cont, aff.end)) {
                    self.record(&form, Mode::End, hit);
                }
            }
        }
    }

    /// Record a hit for `form` in `mode` unless an earlier one wins (see [`Hit`]).
    fn record(&mut self, form: &str, mode: Mode, mut hit: Hit) {
        // Keep only what matters for this mode, so irrelevant differences are not ambiguity.
        match mode {
            Mode::Alone | Mode::AloneNoHidden => {
                (hit.deriv, hit.force_ucase, hit.rule_mask) = (0, false, 0);
            }
            Mode::Begin | Mode::Middle => (hit.force_ucase, hit.rule_mask) = (false, 0),
            Mode::End => hit.rule_mask = 0,
            Mode::Rule => hit.deriv = 0,
        }
        let slots = self.hits.entry_ref_or_insert(form);
        let slot = &mut slots[mode as usize];
        match slot {
            None => *slot = Some(hit),
            Some(old) if hit.group < old.group => *slot = Some(hit),
            Some(old) if hit.group == old.group => {
                let same = old.forbidden == hit.forbidden
                    && old.force_ucase == hit.force_ucase
                    && old.deriv == hit.deriv
                    && old.rule_mask == hit.rule_mask;
                if !same && hit.group == 0 {
                    // Homonyms listed in the .dic: spellbook's hash table hands them out in
                    // insertion order (it is pre-sized, so there is no rehash), i.e. .dic order.
                    // Keep the first.
                } else if !same {
                    old.ambiguous = true;
                    old.forbidden |= hit.forbidden;
                    old.force_ucase |= hit.force_ucase;
                    old.rule_mask &= hit.rule_mask;
                }
            }
            Some(_) => {}
        }
    }
}

/// Pack each form's hits into its value, dropping forms valid in no mode, sorted for the FST.
fn pack_all(hits: HashMap<String, [Option<Hit>; MODES]>) -> Packed {
    let mut ambiguous = [0usize; MODES];
    let mut keys: Vec<(String, u64)> = hits
        .into_iter()
        .map(|(form, hits)| {
            for (m, h) in hits.iter().enumerate() {
                if h.is_some_and(|h| h.ambiguous) {
                    ambiguous[m] += 1;
                }
            }
            (form, pack(&hits))
        })
        .filter(|(_, v)| *v != 0)
        .collect();
    keys.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    Packed { keys, ambiguous }
}

/// The value of one form: its hits per mode in the bit layout of `src/repair/form_bits.rs`.
fn pack(h: &[Option<Hit>; MODES]) -> u64 {
    use form_bits::{
        ALONE, ALONE_FORBIDDEN, ALONE_NO_HIDDEN, ALONE_NO_HIDDEN_FORBIDDEN, BEGIN,
        BEGIN_DERIV_SHIFT, BEGIN_FORBIDDEN, END, END_DERIV_SHIFT, END_FORBIDDEN, END_FORCE_UCASE,
        MIDDLE, MIDDLE_DERIV_SHIFT, MIDDLE_FORBIDDEN, RULE_FLAGS_SHIFT, RULE_FORBIDDEN,
        RULE_FORCE_UCASE,
    };
    let mut v = 0u64;
    let mut set = |mode: Mode, found: u64, forbidden: u64, deriv_shift: Option<u32>| {
        if let Some(hit) = h[mode as usize] {
            v |= found;
            if hit.forbidden {
                v |= forbidden;
            }
            if let Some(s) = deriv_shift {
                v |= u64::from(hit.deriv) << s;
            }
        }
    };
    set(Mode::Alone, ALONE, ALONE_FORBIDDEN, None);
    set(
        Mode::AloneNoHidden,
        ALONE_NO_HIDDEN,
        ALONE_NO_HIDDEN_FORBIDDEN,
        None,
    );
    set(Mode::Begin, BEGIN, BEGIN_FORBIDDEN, Some(BEGIN_DERIV_SHIFT));
    set(
        Mode::Middle,
        MIDDLE,
        MIDDLE_FORBIDDEN,
        Some(MIDDLE_DERIV_SHIFT),
    );
    set(Mode::End, END, END_FORBIDDEN, Some(END_DERIV_SHIFT));
    if h[Mode::End as usize].is_some_and(|h| h.force_ucase) {
        v |= END_FORCE_UCASE;
    }
    if let Some(r) = h[Mode::Rule as usize] {
        v |= u64::from(r.rule_mask) << RULE_FLAGS_SHIFT;
        if r.force_ucase {
            v |= RULE_FORCE_UCASE;
        }
        if r.forbidden {
            v |= RULE_FORBIDDEN;
        }
    }
    v
}

/// The `fst::Map` of the packed forms.
fn build_fst(keys: &[(String, u64)]) -> Vec<u8> {
    let mut builder = fst::MapBuilder::memory();
    for (k, v) in keys {
        builder
            .insert(k.as_bytes(), *v)
            .expect("sorted unique keys");
    }
    builder.into_inner().expect("fst")
}

/// Write the FST, the tables and the statistics into `OUT_DIR`.
fn write(
    dict: &Dictionary,
    derivs: &[(usize, String, u8)],
    packed: &Packed,
    fst_bytes: &[u8],
    started: std::time::Instant,
) {
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out.join("sv_forms.fst"), fst_bytes).unwrap();
    std::fs::write(
        out.join("sv_tables.rs"),
        tables(&dict.aff, &dict.rule_flags, derivs),
    )
    .unwrap();
    std::fs::write(
        out.join("sv_stats.txt"),
        format!(
            "forms {}\nfst_bytes {}\nderivations {}\nambiguous first hits \
             (full, full_nh, begin, middle, end, rule) {:?}\nbuild_ms {}\n",
            packed.keys.len(),
            fst_bytes.len(),
            derivs.len(),
            packed.ambiguous,
            started.elapsed().as_millis()
        ),
    )
    .unwrap();
}

/// `PARAGRAF_GIT_COMMIT` for `paragraf --version`: the commit the binary
/// is built from (`git rev-parse`), `PARAGRAF_GIT_COMMIT` from the
/// environment when given (a source package), or "unknown" outside a git
/// checkout. Reruns when HEAD or the branch it names moves.
fn git_commit() {
    println!("cargo:rerun-if-env-changed=PARAGRAF_GIT_COMMIT");
    let git = |args: &[&str]| -> Option<String> {
        let out = std::process::Command::new("git").args(args).output().ok()?;
        let s = String::from_utf8(out.stdout).ok()?.trim().to_string();
        (out.status.success() && !s.is_empty()).then_some(s)
    };
    let commit = std::env::var("PARAGRAF_GIT_COMMIT")
        .ok()
        .filter(|c| !c.is_empty())
        .or_else(|| git(&["rev-parse", "--short=12", "HEAD"]))
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=PARAGRAF_GIT_COMMIT={commit}");
    // Watch the files that move with a commit, checkout or merge. A path
    // that does not exist would make cargo rerun this script every build.
    let mut watch = vec!["HEAD".to_string(), "packed-refs".to_string()];
    watch.extend(git(&["symbolic-ref", "-q", "HEAD"]));
    for name in watch {
        if let Some(path) = git(&["rev-parse", "--git-path", &name]) {
            if std::path::Path::new(&path).exists() {
                println!("cargo:rerun-if-changed={path}");
            }
        }
    }
}

/// `HashMap::entry` without allocating a key for forms already present.
trait EntryRef {
    fn entry_ref_or_insert(&mut self, k: &str) -> &mut [Option<Hit>; MODES];
}
impl EntryRef for HashMap<String, [Option<Hit>; MODES]> {
    fn entry_ref_or_insert(&mut self, k: &str) -> &mut [Option<Hit>; MODES] {
        if !self.contains_key(k) {
            self.insert(k.to_string(), [None; MODES]);
        }
        self.get_mut(k).unwrap()
    }
}

/// `$OUT_DIR/sv_tables.rs`: the .aff's options and tables as Rust constants.
fn tables(aff: &Aff, rule_flags: &[u8], derivs: &[(usize, String, u8)]) -> String {
    let mut s =
        String::from("// @generated by build.rs from dictionaries/sv_SE.aff; do not edit.\n");
    option_consts(&mut s, aff);
    rep_tables(&mut s, &aff.reps);
    break_tables(&mut s, &aff.breaks);
    rule_table(&mut s, &aff.rules, rule_flags);
    deriv_table(&mut s, derivs);
    s
}

/// COMPOUNDMIN and the option switches.
fn option_consts(s: &mut String, aff: &Aff) {
    let _ = writeln!(s, "const COMPOUND_MIN: usize = {};", aff.compound_min);
    let _ = writeln!(s, "const CHECK_TRIPLE: bool = {};", aff.check_triple);
    let _ = writeln!(
        s,
        "const SIMPLIFIED_TRIPLE: bool = {};",
        aff.simplified_triple
    );
    let _ = writeln!(s, "const CHECK_DUP: bool = {};", aff.check_dup);
    let _ = writeln!(s, "const CHECK_REP: bool = {};", aff.check_rep);
}

/// The REP table by anchoring: whole word (`^...$`), start, end, anywhere; anchors dropped.
fn rep_tables(s: &mut String, reps: &[(String, String)]) {
    let whole = reps.iter().filter_map(|(f, t)| {
        Some((
            f.strip_prefix('^')?.strip_suffix('$')?.to_string(),
            t.clone(),
        ))
    });
    let start = reps
        .iter()
        .filter(|(f, _)| f.starts_with('^') && !f.ends_with('$'))
        .map(|(f, t)| (f[1..].to_string(), t.clone()));
    let end = reps
        .iter()
        .filter(|(f, _)| !f.starts_with('^') && f.ends_with('$'))
        .map(|(f, t)| (f[..f.len() - 1].to_string(), t.clone()));
    let anywhere = reps
        .iter()
        .filter(|(f, _)| !f.starts_with('^') && !f.ends_with('$'))
        .cloned();
    for (name, list) in [
        ("REP_WHOLE", pairs(whole)),
        ("REP_START", pairs(start)),
        ("REP_END", pairs(end)),
        ("REP_ANY", pairs(anywhere)),
    ] {
        let _ = writeln!(s, "const {name}: &[(&str, &str)] = &[{list}];");
    }
}

/// `("from", "to"), ...` for a table of string pairs.
fn pairs(items: impl Iterator<Item = (String, String)>) -> String {
    items
        .map(|(a, b)| format!("({a:?}, {b:?})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The BREAK patterns by anchoring: start (`^...`), end (`...$`), middle; anchors dropped.
fn break_tables(s: &mut String, breaks: &[String]) {
    let mut table = |name: &str, f: &dyn Fn(&str) -> Option<String>| {
        let list: Vec<String> = breaks
            .iter()
            .filter_map(|b| f(b))
            .map(|b| format!("{b:?}"))
            .collect();
        let _ = writeln!(s, "const {name}: &[&str] = &[{}];", list.join(", "));
    };
    table("BREAK_START", &|b| b.strip_prefix('^').map(str::to_string));
    table("BREAK_END", &|b| {
        (!b.starts_with('^'))
            .then(|| b.strip_suffix('$').map(str::to_string))
            .flatten()
    });
    table("BREAK_MIDDLE", &|b| {
        (!b.starts_with('^') && !b.ends_with('$')).then(|| b.to_string())
    });
}

/// COMPOUNDRULE rules as (bit of the flag in the rule mask, modifier 0 / '?' 1 / '*' 2).
fn rule_table(s: &mut String, rules: &[Vec<(u8, u8)>], rule_flags: &[u8]) {
    let rules: Vec<String> = rules
        .iter()
        .map(|r| {
            let els: Vec<String> = r
                .iter()
                .map(|(f, m)| {
                    let bit = rule_flags.iter().position(|x| x == f).unwrap();
                    format!("({bit}, {m})")
                })
                .collect();
            format!("&[{}]", els.join(", "))
        })
        .collect();
    let _ = writeln!(s, "const RULES: &[&[(u8, u8)]] = &[{}];", rules.join(", "));
}

/// The suffix derivations, see [`Forms`].
fn deriv_table(s: &mut String, derivs: &[(usize, String, u8)]) {
    let d: Vec<String> = derivs
        .iter()
        .map(|(add, strip, hom)| format!("({add}, {strip:?}, {hom})"))
        .collect();
    let _ = writeln!(
        s,
        "const DERIVS: &[(usize, &str, u8)] = &[{}];",
        d.join(", ")
    );
}
