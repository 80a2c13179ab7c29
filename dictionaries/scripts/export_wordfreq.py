#!/usr/bin/env python3
"""Export wordfreq's Swedish list (CC-BY-SA-4.0) to a compact TSV:
word<TAB>zipf*100 (integer), top N words, sorted by UTF-8 bytes so the
Rust side can build an FST from it without sorting.

usage: export_wordfreq.py OUT.tsv [N]
Needs: pip install wordfreq
"""
import sys, unicodedata
from wordfreq import top_n_list, zipf_frequency

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 200000
rows = {}
for w in top_n_list("sv", n):
    w = unicodedata.normalize("NFC", w)
    if not w or any(c.isspace() for c in w) or "\t" in w:
        continue
    z = int(round(zipf_frequency(w, "sv") * 100))
    if z <= 0:
        continue
    rows[w] = max(rows.get(w, 0), z)
with open(out, "w", encoding="utf-8") as f:
    for w in sorted(rows, key=lambda s: s.encode("utf-8")):
        f.write(f"{w}\t{rows[w]}\n")
print(len(rows), "words", file=sys.stderr)
