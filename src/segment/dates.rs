//! Swedish dates and times to ISO 8601 / HH:MM.
//!
//! Forms: "fredagen den 10 juni 2022", "10 juni 2022", "2021-03-09",
//! "2022.06.10", "10/6 2022", "10.6.2022", abbreviated months ("10 sept.
//! 2022"); times "kl. 13.00-16.30", "kl 8.30 — 12.00", "13:00–16:30".

use regex::Regex;
use std::sync::LazyLock;

/// A date found in a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMatch {
    /// Byte range in the searched string, weekday and "den" included.
    pub start: usize,
    pub end: usize,
    /// YYYY-MM-DD.
    pub iso: String,
}

/// Month names and abbreviations, folded (no diacritics in Swedish months).
const MONTHS: &[(&str, u32)] = &[
    ("januari", 1),
    ("jan", 1),
    ("februari", 2),
    ("febr", 2),
    ("feb", 2),
    ("mars", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("maj", 5),
    ("juni", 6),
    ("jun", 6),
    ("juli", 7),
    ("jul", 7),
    ("augusti", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("oktober", 10),
    ("okt", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

const WEEKDAY: &str = r"(?:m[åa]n|tis|ons|tors|fre|l[öo]r|s[öo]n)dag(?:en)?\s+";

static TEXTUAL: LazyLock<Regex> = LazyLock::new(|| {
    let months = MONTHS.iter().map(|(m, _)| *m).collect::<Vec<_>>().join("|");
    Regex::new(&format!(
        r"(?i)\b(?:{WEEKDAY})?(?:den\s+)?(\d{{1,2}})(?::[ae])?\s+({months})\b\.?\s*((?:19|20)\d{{2}})\b"
    ))
    .expect("date regex")
});

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:{WEEKDAY})?(?:den\s+)?((?:19|20)\d{{2}})([-./])(\d{{1,2}})([-./])(\d{{1,2}})\b"
    ))
    .expect("iso regex")
});

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:{WEEKDAY})?(?:den\s+)?(\d{{1,2}})(?:/(\d{{1,2}})(?:\s+|\s*-\s*)|\.(\d{{1,2}})\.)((?:19|20)\d{{2}})\b"
    ))
    .expect("numeric date regex")
});

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\b(?:kl|klockan)\.?\s*)?\b([01]?\d|2[0-3])[.:]([0-5]\d)\b(?:\s*(?:-|–|—|till)\s*(?:(?:kl|klockan)\.?\s*)?([01]?\d|2[0-3])[.:]([0-5]\d)\b)?",
    )
    .expect("time regex")
});

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

fn iso(y: i32, m: u32, d: u32) -> Option<String> {
    ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn month_number(name: &str) -> Option<u32> {
    let name = name.to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == name).map(|(_, n)| *n)
}

/// The date `y-m-d` matched by `c`, if it is a real date.
fn push_date(out: &mut Vec<DateMatch>, c: &regex::Captures, y: i32, m: u32, d: u32) {
    if let Some(iso) = iso(y, m, d) {
        let all = c.get(0).expect("group 0");
        out.push(DateMatch {
            start: all.start(),
            end: all.end(),
            iso,
        });
    }
}

/// Every valid date in `s`, in order of position.
pub fn find_dates(s: &str) -> Vec<DateMatch> {
    let mut out: Vec<DateMatch> = Vec::new();
    for c in TEXTUAL.captures_iter(s) {
        let (Ok(d), Some(m), Ok(y)) = (c[1].parse(), month_number(&c[2]), c[3].parse()) else {
            continue;
        };
        push_date(&mut out, &c, y, m, d);
    }
    for c in ISO.captures_iter(s) {
        if c[2] != c[4] {
            continue;
        }
        let (Ok(y), Ok(m), Ok(d)) = (c[1].parse(), c[3].parse(), c[5].parse()) else {
            continue;
        };
        push_date(&mut out, &c, y, m, d);
    }
    for c in NUMERIC.captures_iter(s) {
        let month = c.get(2).or(c.get(3)).map(|m| m.as_str());
        let (Ok(d), Some(Ok(m)), Ok(y)) = (c[1].parse(), month.map(str::parse), c[4].parse())
        else {
            continue;
        };
        push_date(&mut out, &c, y, m, d);
    }
    out.sort_by_key(|m| m.start);
    // Drop matches overlapping an earlier one.
    let mut kept: Vec<DateMatch> = Vec::with_capacity(out.len());
    for m in out {
        if kept.last().is_none_or(|k| m.start >= k.end) {
            kept.push(m);
        }
    }
    kept
}

/// The first date in `s`, ISO 8601.
pub fn first_date(s: &str) -> Option<String> {
    find_dates(s).into_iter().next().map(|m| m.iso)
}

/// Start and end time in `s` (HH:MM), with the byte range they cover.
/// A lone time counts only after "kl"/"klockan"; a range always counts.
pub fn find_times(s: &str) -> Option<(String, Option<String>, usize, usize)> {
    for c in TIME.captures_iter(s) {
        let all = c.get(0).expect("group 0");
        let has_kl = all.as_str().to_lowercase().starts_with("kl");
        let end = match (c.get(3), c.get(4)) {
            (Some(h), Some(m)) => Some(format!(
                "{:02}:{}",
                h.as_str().parse::<u32>().ok()?,
                m.as_str()
            )),
            _ => None,
        };
        if end.is_none() && !has_kl {
            continue;
        }
        let start = format!("{:02}:{}", c[1].parse::<u32>().ok()?, &c[2]);
        return Some((start, end, all.start(), all.end()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_forms() {
        assert_eq!(
            first_date("fredagen den 10 juni 2022").as_deref(),
            Some("2022-06-10")
        );
        assert_eq!(
            first_date("onsdagen den 18 oktober 1978").as_deref(),
            Some("1978-10-18")
        );
        assert_eq!(
            first_date("Datum: 2023-11-14").as_deref(),
            Some("2023-11-14")
        );
        assert_eq!(first_date("2021-03-09").as_deref(), Some("2021-03-09"));
        assert_eq!(
            first_date("den 1:a mars 2020").as_deref(),
            Some("2020-03-01")
        );
        assert_eq!(first_date("10 sept. 2022").as_deref(), Some("2022-09-10"));
        assert_eq!(
            first_date("mandag den 20 juni 2022").as_deref(),
            Some("2022-06-20")
        );
        assert_eq!(first_date("10/6 2022").as_deref(), Some("2022-06-10"));
        assert_eq!(first_date("10.6.2022").as_deref(), Some("2022-06-10"));
        assert_eq!(first_date("2022.06.10").as_deref(), Some("2022-06-10"));
    }

    #[test]
    fn rejects_invalid_and_partial() {
        assert_eq!(first_date("31 juni 2022"), None);
        assert_eq!(first_date("2022-13-01"), None);
        assert_eq!(first_date("den 20 nov"), None);
        assert_eq!(first_date("Dnr KS 2021/034"), None);
        assert_eq!(first_date("2022-06.10"), None);
    }

    #[test]
    fn span_covers_weekday() {
        let s = "lokal Diamanten, fredagen den 10 juni 2022";
        let m = &find_dates(s)[0];
        assert_eq!(&s[m.start..m.end], "fredagen den 10 juni 2022");
    }

    #[test]
    fn times() {
        let t = find_times("Stadshuset, kl. 13.00-16.30").unwrap();
        assert_eq!((t.0.as_str(), t.1.as_deref()), ("13:00", Some("16:30")));
        let t = find_times("klockan 8.30 — 12.00").unwrap();
        assert_eq!((t.0.as_str(), t.1.as_deref()), ("08:30", Some("12:00")));
        let t = find_times("kl 9:15").unwrap();
        assert_eq!((t.0.as_str(), t.1), ("09:15", None));
        assert!(find_times("kostnad 8.90 m.kr").is_none());
    }
}
