//! Repair-stage speed: lexicon load, mangled text (seed 000), clean text
//! (seed 004). Throughput is in words (whitespace-separated tokens).
//!
//! cargo bench --bench repair

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use paragraf::repair::{RepairOptions, Repairer};
use std::hint::black_box;

fn read(p: &str) -> String {
    std::fs::read_to_string(format!("{}/{p}", env!("CARGO_MANIFEST_DIR"))).expect(p)
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("repair");
    g.sample_size(20);
    g.bench_function("lexicon_load", |b| {
        b.iter(|| Repairer::new(black_box(&RepairOptions::default())).unwrap())
    });
    let r = Repairer::new(&RepairOptions::default()).unwrap();
    for (name, path) in [
        ("seed000_mangled", "fixtures/text/000_4080bc15aeecdb73.txt"),
        ("seed004_clean", "fixtures/text/004_26675dc178baf6b3.txt"),
        ("heldout_mangled", "fixtures/repair/heldout.noisy.txt"),
    ] {
        let text = read(path);
        g.throughput(Throughput::Elements(text.split_whitespace().count() as u64));
        g.bench_function(name, |b| b.iter(|| r.repair(black_box(&text))));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
