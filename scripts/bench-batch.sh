#!/usr/bin/env bash
# Benchmark `paragraf run` against the tools archivists use, in one run, on
# one folder of multi-page scanned PDFs, with the same parallelism:
#
#   1. paragraf run --jobs J                      (release build)
#   2. pdftoppm -r <native dpi> -gray + tesseract, xargs -P J, OMP_THREAD_LIMIT=1
#   3. the same with tesseract's default OpenMP threading (OMP_THREAD_LIMIT unset)
#   4. ocrmypdf -l swe --sidecar --jobs J, one document after the other
#
# then peak resident memory of `paragraf run` for 10 and 1,000 small text
# documents and for 1 and 10 scanned documents (/usr/bin/time -v).
#
# Usage: scripts/bench-batch.sh [JOBS=2] [RUNS=3]
# Needs: scripts/setup-bench.sh (hyperfine, time, poppler-utils, tesseract,
# ocrmypdf, qpdf). Results: target/bench-batch/ (hyperfine JSON + summary).
set -euo pipefail
JOBS=${1:-2}
RUNS=${2:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=$ROOT/target/bench-batch
BIN=$ROOT/target/release/paragraf
SCANS=$ROOT/fixtures/scans

for t in hyperfine pdftoppm pdfimages tesseract ocrmypdf qpdf /usr/bin/time; do
  command -v "$t" >/dev/null || { echo "missing $t: run scripts/setup-bench.sh" >&2; exit 2; }
done
(cd "$ROOT" && cargo build --release --quiet)

rm -rf "$W" && mkdir -p "$W/in"
# Multi-page scanned PDFs from the fixtures (each PDF one resolution, so
# pdftoppm can render it at its native dpi): 2 x 6 pages of a 300 dpi
# protocol, 2 x 4 pages of a noisy/skewed 200 dpi one = 20 pages.
for i in 1 2; do
  qpdf --empty --pages "$SCANS/ks_clean.pdf" "$SCANS/ks_clean.pdf" "$SCANS/ks_clean.pdf" -- "$W/in/ks_$i.pdf"
  qpdf --empty --pages "$SCANS/bn_noisy.pdf" "$SCANS/bn_skewed.pdf" "$SCANS/bn_noisy.pdf" "$SCANS/bn_skewed.pdf" -- "$W/in/bn_$i.pdf"
done
PAGES=0
: >"$W/dpi.txt"
for f in "$W"/in/*.pdf; do
  n=$(pdfinfo "$f" | awk '/^Pages:/ {print $2}')
  PAGES=$((PAGES + n))
  dpi=$(pdfimages -list "$f" | awk 'NR==3 {print $13}')
  echo "$f $dpi" >>"$W/dpi.txt"
done
# The same language model as paragraf's default --lang, for tesseract.
LANG_DEFAULT=${PARAGRAF_BENCH_LANG:-$(
  "$BIN" run --help | awk '/--lang/ {f=1} f && /default:/ {match($0, /default: [^]]*/); print substr($0, RSTART+9, RLENGTH-9); exit}'
)}
echo "folder: $(ls "$W/in" | wc -l) PDFs, $PAGES pages; jobs $JOBS; runs $RUNS; tesseract -l $LANG_DEFAULT"

cat >"$W/tess.sh" <<EOF
#!/usr/bin/env bash
set -euo pipefail
rm -rf "$W/tt" && mkdir -p "$W/tt"
# render every page at its native resolution, J documents at a time
xargs -P $JOBS -L 1 sh -c 'pdftoppm -r "\$1" -gray -png "\$0" "$W/tt/\$(basename "\$0" .pdf)"' <"$W/dpi.txt"
# OCR every page image, J at a time
ls "$W"/tt/*.png | xargs -P $JOBS -I{} tesseract {} {} -l $LANG_DEFAULT txt 2>/dev/null
EOF
cat >"$W/ocrmypdf.sh" <<EOF
#!/usr/bin/env bash
set -euo pipefail
rm -rf "$W/om" && mkdir -p "$W/om"
for f in "$W"/in/*.pdf; do
  b=\$(basename "\$f" .pdf)
  ocrmypdf -q -l swe --jobs $JOBS --sidecar "$W/om/\$b.txt" "\$f" "$W/om/\$b.pdf"
done
EOF
chmod +x "$W/tess.sh" "$W/ocrmypdf.sh"

hyperfine --runs "$RUNS" --warmup 1 --export-json "$W/speed.json" \
  -n "paragraf run --jobs $JOBS" \
  --prepare "rm -rf $W/pg" "$BIN run $W/in --out $W/pg --jobs $JOBS -q" \
  -n "pdftoppm + tesseract (xargs -P $JOBS, OMP_THREAD_LIMIT=1)" \
  "env OMP_THREAD_LIMIT=1 $W/tess.sh" \
  -n "pdftoppm + tesseract (xargs -P $JOBS, OpenMP default)" \
  "env -u OMP_THREAD_LIMIT $W/tess.sh" \
  -n "ocrmypdf -l swe --sidecar --jobs $JOBS" \
  "$W/ocrmypdf.sh"

python3 - "$W/speed.json" "$PAGES" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
pages = int(sys.argv[2])
base = r[0]["median"]
print(f"\n| command | median s | min s | max s | pages/s | vs paragraf |")
print("|---|---|---|---|---|---|")
for x in r:
    print(f"| {x['command']} | {x['median']:.1f} | {x['min']:.1f} | {x['max']:.1f} "
          f"| {pages / x['median']:.2f} | {x['median'] / base:.2f}x |")
EOF

# Peak resident memory.
rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '/Maximum resident/ {printf "%.0f", $6/1024}'; }
mk_texts() {
  rm -rf "$2" && mkdir -p "$2"
  for i in $(seq 1 "$1"); do
    d="$2/$((i % 10))"
    mkdir -p "$d"
    printf 'PROTOKOLL\nKommunstyrelsen\nSammanträdesdatum 2021-03-09\n\n§ %d Val av justerare\nKommunstyrelsen beslutar att utse Anna Berg att justera protokollet.\n\n§ %d Ärende %d\nBeslut fattades i enlighet med förslaget.\n' "$i" "$((i + 1))" "$i" >"$d/ks_$i.txt"
  done
}
echo
echo "| documents | peak RSS (MiB) |"
echo "|---|---|"
for n in 10 1000; do
  mk_texts "$n" "$W/t$n"
  echo "| $n text files, --jobs $JOBS | $(rss "$BIN" run "$W/t$n" --out "$W/t$n.out" --jobs "$JOBS" -q) |"
done
rm -rf "$W/s1" "$W/s10" && mkdir -p "$W/s1" "$W/s10"
cp "$SCANS/ks_clean.pdf" "$W/s1/"
for i in $(seq 1 10); do cp "$SCANS/ks_clean.pdf" "$W/s10/ks_$i.pdf"; done
for n in 1 10; do
  echo "| $n scanned 2-page PDFs, --jobs $JOBS | $(rss "$BIN" run "$W/s$n" --out "$W/s$n.out" --jobs "$JOBS" -q) |"
done
