//! Hunspell sv_SE checks: `SvChecker` (the repair lexicon's, compiled by
//! build.rs) against `spellbook` (the Hunspell reader it replaced), on the
//! 2,519 words paragraf asked while repairing its fixtures.
//!
//! cargo bench --bench hunspell

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use paragraf::repair::compound::SvChecker;
use std::hint::black_box;

static SV_AFF: &str = include_str!("../dictionaries/sv_SE.aff");
static SV_DIC: &str = include_str!("../dictionaries/sv_SE.dic");

fn bench(c: &mut Criterion) {
    let words: Vec<String> = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/repair/hunspell_queries.txt"
    ))
    .expect("query list")
    .lines()
    .map(str::to_string)
    .collect();
    let mut g = c.benchmark_group("hunspell");
    g.sample_size(20);
    g.bench_function("spellbook_load", |b| {
        b.iter(|| spellbook::Dictionary::new(black_box(SV_AFF), black_box(SV_DIC)).unwrap())
    });
    g.bench_function("svchecker_load", |b| b.iter(SvChecker::new));
    let sb = spellbook::Dictionary::new(SV_AFF, SV_DIC).unwrap();
    let sv = SvChecker::new();
    g.throughput(Throughput::Elements(words.len() as u64));
    g.bench_function("spellbook_queries", |b| {
        b.iter(|| words.iter().filter(|w| sb.check(black_box(w))).count())
    });
    g.bench_function("svchecker_queries", |b| {
        b.iter(|| words.iter().filter(|w| sv.check(black_box(w))).count())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
