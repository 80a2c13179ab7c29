//! Swedish and Nordic person names (`dictionaries/sv_names.tsv`, from the
//! Faker package's person data, MIT; see `dictionaries/README.md`), used to
//! tell where one person's name ends and the next begins in a run of
//! capitalised words ("Sara Holm Tor Vik" over two signature lines).

use std::collections::HashSet;
use std::sync::LazyLock;

static GIVEN: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../dictionaries/sv_names.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .filter(|(_, kind)| *kind == "given")
        .map(|(name, _)| name)
        .collect()
});

/// Is `word` a known given name ("Sara", "Tor", "Karl-Erik" by its parts)?
pub(crate) fn is_given_name(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphabetic() && c != '-');
    GIVEN.contains(w) || (w.contains('-') && w.split('-').all(|p| GIVEN.contains(p)))
}

/// How many people a run of name words holds by its given names: "Kim
/// Berg Eva Lund" is two, "Anna Maria Lund" one.
pub(crate) fn people_in_run(run: &str) -> usize {
    let words: Vec<&str> = run.split_whitespace().collect();
    (0..words.len())
        .filter(|&i| i == 0 || (is_given_name(words[i]) && !is_given_name(words[i - 1])))
        .count()
}

/// Split a run of name words into `k` names: before each known given name
/// that is not the run's first word, else into equal parts when the words
/// divide evenly. `None` when neither gives `k` names.
pub(crate) fn split_run(run: &str, k: usize) -> Option<Vec<String>> {
    let words: Vec<&str> = run.split_whitespace().collect();
    if k <= 1 {
        return Some(vec![run.to_string()]);
    }
    let starts: Vec<usize> = (0..words.len())
        .filter(|&i| i == 0 || (is_given_name(words[i]) && !is_given_name(words[i - 1])))
        .collect();
    if starts.len() == k
        && starts.windows(2).all(|w| w[1] - w[0] >= 2)
        && words.len() - starts[k - 1] >= 2
    {
        let mut out = Vec::with_capacity(k);
        for (j, &s) in starts.iter().enumerate() {
            let e = starts.get(j + 1).copied().unwrap_or(words.len());
            out.push(words[s..e].join(" "));
        }
        return Some(out);
    }
    if words.len() == 2 * k {
        return Some(words.chunks(2).map(|c| c.join(" ")).collect());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_names() {
        assert!(is_given_name("Sara"));
        assert!(is_given_name("Anna-Karin") || is_given_name("Anna"));
        assert!(!is_given_name("Styrelsen"));
    }

    #[test]
    fn runs_split_at_given_names() {
        assert_eq!(
            split_run("Sara Holm Tor Vik", 2).unwrap(),
            vec!["Sara Holm", "Tor Vik"]
        );
        // Three words for one person and two for the next.
        assert_eq!(
            split_run("Anna Maria Lund Per Ek", 2).unwrap(),
            vec!["Anna Maria Lund", "Per Ek"]
        );
        assert_eq!(split_run("Xq Yq Zq", 2), None);
    }
}
