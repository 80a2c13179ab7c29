//! Segmentation throughput on repaired-like text: the gold text of seed 000
//! repeated to about 1 MB as one long protocol (pages separated by form
//! feeds, § numbers continuing from copy to copy, so every copy's sections
//! are real sections).
//!
//! Run: cargo bench --bench segment

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use paragraf::segment::segment;
use regex::Regex;
use std::hint::black_box;

const TARGET_BYTES: usize = 1_000_000;

fn corpus() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/gold/000_4080bc15aeecdb73.gold.txt"
    );
    let gold = std::fs::read_to_string(path).expect("gold fixture");
    let marker = Regex::new(r"(?m)^§ (\d+)").expect("regex");
    let mut out = String::with_capacity(TARGET_BYTES + gold.len());
    let mut copy = 0;
    while out.len() < TARGET_BYTES {
        let shifted = marker.replace_all(&gold, |c: &regex::Captures| {
            let n: u32 = c[1].parse().expect("number");
            format!("§ {}", n + 14 * copy)
        });
        if copy > 0 {
            out.push('\u{c}');
        }
        out.push_str(&shifted);
        copy += 1;
    }
    out
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let n = segment(&text).sections.len();
    assert!(
        n > 1000,
        "corpus should segment into many sections, got {n}"
    );
    let mut g = c.benchmark_group("segment");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    g.bench_function("gold000_x1MB", |b| b.iter(|| segment(black_box(&text))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
