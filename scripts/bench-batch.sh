#!/usr/bin/env bash
# Benchmark `paragraf run` against the tools archivists use, in one run, on
# one folder of multi-page scanned PDFs, with the same parallelism:
#
#   1. paragraf run --jobs J                      (release build; default
#      --lang, and --lang swe, the model ocrmypdf -l swe uses)
#   2. pdftoppm -r <native dpi> -gray + tesseract, xargs -P J, OMP_THREAD_LIMIT=1
#   3. the same with tesseract's default OpenMP threading (OMP_THREAD_LIMIT unset)
#   4. ocrmypdf -l swe --sidecar --jobs J, one document after the other
#
# then peak resident memory of `paragraf run` for 10 and 1,000 small text
# documents and for 1 and 10 scanned documents (/usr/bin/time -v).
#
# Usage: scripts/bench-batch.sh [JOBS=2] [RUNS=3]
# Needs: scripts/setup-bench.sh (time, poppler-utils, tesseract, ocrmypdf,
# qpdf). Work files and raw times: target/bench-batch/.
set -euo pipefail
JOBS=${1:-2}
RUNS=${2:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=$ROOT/target/bench-batch
BIN=$ROOT/target/release/paragraf
SCANS=$ROOT/fixtures/scans

for t in pdftoppm pdfimages tesseract ocrmypdf qpdf /usr/bin/time; do
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

# Interleaved rounds (not hyperfine's all-runs-of-one-command-then-the-next):
# on a shared machine the load drifts, and interleaving spreads the drift
# over all commands. Wall time and CPU time (user+sys, children included)
# per run; round 0 is a warm-up and not counted.
NAMES=("paragraf run --jobs $JOBS"
  "paragraf run --jobs $JOBS --lang swe"
  "pdftoppm + tesseract, xargs -P $JOBS, OMP_THREAD_LIMIT=1"
  "pdftoppm + tesseract, xargs -P $JOBS, OpenMP default"
  "ocrmypdf -l swe --sidecar --jobs $JOBS")
CMDS=("rm -rf $W/pg && $BIN run $W/in --out $W/pg --jobs $JOBS -q"
  "rm -rf $W/pg && $BIN run $W/in --out $W/pg --jobs $JOBS -q --lang swe"
  "env OMP_THREAD_LIMIT=1 $W/tess.sh"
  "env -u OMP_THREAD_LIMIT $W/tess.sh"
  "$W/ocrmypdf.sh")
: >"$W/times.tsv"
for r in $(seq 0 "$RUNS"); do
  for i in "${!CMDS[@]}"; do
    /usr/bin/time -f "%e %U %S" -o "$W/t.tmp" bash -c "${CMDS[$i]}" >/dev/null 2>"$W/err.txt" ||
      { echo "failed: ${NAMES[$i]}" >&2; cat "$W/err.txt" >&2; exit 1; }
    read -r e u sy <"$W/t.tmp"
    if [ "$r" -gt 0 ]; then printf '%s\t%s\t%s\t%s\t%s\n' "$i" "${NAMES[$i]}" "$e" "$u" "$sy" >>"$W/times.tsv"; fi
    echo "round $r: ${NAMES[$i]}: ${e}s wall (load $(cut -d' ' -f1 /proc/loadavg))" >&2
  done
done
python3 "$ROOT/scripts/bench-batch-summary.py" "$W/times.tsv" "$PAGES"

# Both shapes use every core: CPU use of one 20-page PDF and of 20 one-page PDFs.
cpu() { /usr/bin/time -f "%P of ${JOBS}00%%, wall %e s" -o "$W/cpu.tmp" "$@" >/dev/null 2>&1; cat "$W/cpu.tmp"; }
rm -rf "$W/one" "$W/many" && mkdir -p "$W/one" "$W/many"
qpdf --empty --pages $(for i in $(seq 1 10); do echo "$SCANS/ks_clean.pdf"; done) -- "$W/one/ks_20pages.pdf"
for i in $(seq 1 20); do qpdf --empty --pages "$SCANS/ks_clean.pdf" 1 -- "$W/many/ks_$i.pdf"; done
echo
echo "| shape | CPU used |"
echo "|---|---|"
echo "| 1 PDF of 20 pages, --jobs $JOBS | $(cpu "$BIN" run "$W/one" --out "$W/one.out" --jobs "$JOBS" -q) |"
echo "| 20 PDFs of 1 page, --jobs $JOBS | $(cpu "$BIN" run "$W/many" --out "$W/many.out" --jobs "$JOBS" -q) |"

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
