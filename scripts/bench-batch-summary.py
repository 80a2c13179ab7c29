"""Medians and ratios of scripts/bench-batch.sh's times.tsv as a Markdown table.

Input lines: index, name, wall s, user s, sys s. Ratios are against the
first command (paragraf)."""
import statistics as st
import sys

rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
pages = int(sys.argv[2])
by = {}
for i, name, wall, user, sys_ in rows:
    by.setdefault((int(i), name), []).append((float(wall), float(user) + float(sys_)))
res = []
for (_, name), v in sorted(by.items()):
    walls = [w for w, _ in v]
    cpus = [c for _, c in v]
    res.append((name, st.median(walls), min(walls), max(walls), st.median(cpus), len(v)))
base_w, base_c = res[0][1], res[0][4]
print("\n| command | median wall s (min-max) | pages/s | wall vs paragraf "
      "| median CPU s | CPU s/page | CPU vs paragraf |")
print("|---|---|---|---|---|---|---|")
for name, w, lo, hi, c, n in res:
    print(f"| {name} | {w:.1f} ({lo:.1f}-{hi:.1f}) | {pages / w:.2f} | {w / base_w:.2f}x "
          f"| {c:.1f} | {c / pages:.2f} | {c / base_c:.2f}x |")
print(f"\n{res[0][5]} runs each (after one warm-up round), {pages} pages")
