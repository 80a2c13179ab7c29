#!/usr/bin/env bash
# Archive outputs (issue 15):
#  1. what `--alto` and `--pdf` add to `paragraf extract` on a scanned PDF
#     (hyperfine medians, with and without the flags);
#  2. paragraf's searchable PDF against `ocrmypdf --output-type pdfa` on the
#     same scans: time, size, and the CER of the text layer (pdftotext)
#     against the source text the fixtures were made from.
#
# Usage: scripts/bench-archive.sh [PAGES]   (default 10; needs hyperfine,
# qpdf, ocrmypdf, poppler-utils: scripts/setup-bench.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${PAGES:-${1:-10}}
RUNS=${RUNS:-5}
for t in hyperfine qpdf ocrmypdf pdftotext; do
  command -v $t >/dev/null || { echo "needs $t: scripts/setup-bench.sh" >&2; exit 2; }
done
cargo build --release --quiet
BIN=$PWD/target/release/paragraf
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT

echo "== 1. cost of --alto --pdf in extract ($PAGES-page scan, --jobs 2)"
reps=()
for _ in $(seq $(( (PAGES + 1) / 2 ))); do reps+=(fixtures/scans/ks_clean.pdf); done
qpdf --empty --pages "${reps[@]}" -- "$W/multi.pdf"
hyperfine --warmup 1 --runs "$RUNS" --export-json "$W/h.json" \
  -n "extract" "$BIN extract --jobs 2 $W/multi.pdf -o $W/a.json" \
  -n "extract --alto --pdf" "$BIN extract --jobs 2 $W/multi.pdf -o $W/b.json --alto $W/b.alto.xml --pdf $W/b.pdf" >/dev/null
python3 - "$W/h.json" <<'EOP'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
a, b = r[0]["median"], r[1]["median"]
for x in r:
    print(f'{x["command"]:24} median {x["median"]:6.2f} s (min {x["min"]:.2f}, max {x["max"]:.2f})')
print(f'ALTO + PDF: {b - a:+.2f} s = {100 * (b - a) / a:+.1f}% of extract')
EOP

echo "== 2. paragraf --pdf vs ocrmypdf --output-type pdfa (-l swe, --jobs 2)"
printf '%-16s %9s | %8s %9s %7s | %8s %9s %7s\n' scan "input B" "paragraf" "B" "CER" "ocrmypdf" "B" "CER"
for f in ks_clean.pdf ks_scan.tif bn_page.png bn_noisy.pdf bn_skewed.pdf; do
  case $f in ks_*) src="fixtures/scans/src/ks_2021-03-09.txt fixtures/scans/src/ks_2021-03-09_p2.txt";;
             *) src=fixtures/scans/src/bn_1998-10-14.txt;; esac
  cat $src > "$W/src.txt"
  in=fixtures/scans/$f
  extra=()
  case $f in *.png|*.tif) extra=(--image-dpi 300);; esac  # the fixtures' resolution; their files do not say
  s=$(date +%s.%N); "$BIN" extract --jobs 2 "$in" -o "$W/p.json" --pdf "$W/p.pdf"; e=$(date +%s.%N)
  tp=$(echo "$e - $s" | bc)
  s=$(date +%s.%N); ocrmypdf -q --output-type pdfa -l swe --jobs 2 "${extra[@]}" "$in" "$W/o.pdf"; e=$(date +%s.%N)
  to=$(echo "$e - $s" | bc)
  pdftotext -enc UTF-8 "$W/p.pdf" "$W/p.txt"; pdftotext -enc UTF-8 "$W/o.pdf" "$W/o.txt"
  python3 - "$W/src.txt" "$W/p.txt" "$W/o.txt" "$f" "$(stat -c%s "$in")" "$(stat -c%s "$W/p.pdf")" "$(stat -c%s "$W/o.pdf")" "$tp" "$to" <<'EOP'
import sys
def norm(p): return " ".join(open(p, encoding="utf-8").read().split())
def lev(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
g, p, o = norm(sys.argv[1]), norm(sys.argv[2]), norm(sys.argv[3])
f, ni, npd, no, tp, to = sys.argv[4:10]
cp, co = lev(g, p) / len(g), lev(g, o) / len(g)
print(f"{f:16} {ni:>9} | {float(tp):7.2f}s {npd:>9} {100*cp:6.2f}% | {float(to):7.2f}s {no:>9} {100*co:6.2f}%")
EOP
done
